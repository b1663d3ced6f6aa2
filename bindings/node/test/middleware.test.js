'use strict'
// The Connect/Express middleware and `verifyRequest` (issue 17): the URL comes from
// the configured origin (never Host or X-Forwarded-*), a form body is verified and
// still reaches a body parser mounted later, refusals are 401 with WWW-Authenticate,
// an unreachable nonce store is 503 with Retry-After, a body over maxBody is 413.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const express = require('express')
const { Signer, NonceStore, oauth1Middleware, verifyRequest } = require('../oauth1.js')

const ORIGIN = 'https://api.example.com'
const client = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'token-secret' })
const secrets = {
  consumer: (key) => (key === 'app-key' ? { secret: 'app-secret' } : null),
  tokenSecret: (key, token) => (token === 'access-token' ? 'token-secret' : null)
}

/** Starts `handler` on a loopback port; returns { port, close }. */
async function serve (handler) {
  const server = http.createServer(handler)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) }
}

/** Sends a request signed for ORIGIN + path (or `signedFor`); resolves { status, headers, body }. */
function send (port, method, path, { body, contentType, headers = {}, signedFor = ORIGIN + path, signer = client } = {}) {
  const signed = signer.sign({ method, url: signedFor, body, contentType })
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method, path,
      headers: { authorization: signed.authorization, ...(contentType ? { 'content-type': contentType } : {}), ...headers }
    }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => { text += c })
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

function app (options, { mount = '/', parser = true } = {}) {
  const a = express()
  a.use(mount, oauth1Middleware({ secrets, origin: ORIGIN, ...options }))
  if (parser) a.use(express.urlencoded({ extended: false }))
  a.all('/{*any}', (req, res) => res.json({ oauth1: req.oauth1, body: req.body ?? null, url: req.originalUrl }))
  return a
}

test('the middleware verifies, sets req.oauth1, and a later body parser still gets the form body', async () => {
  const { port, close } = await serve(app({ nonceStore: new NonceStore() }))
  try {
    const form = 'name=caf%C3%A9&note=a+b'
    const ok = await send(port, 'POST', '/photos?size=big', { body: form, contentType: 'application/x-www-form-urlencoded' })
    assert.equal(ok.status, 200, ok.body)
    const json = JSON.parse(ok.body)
    assert.equal(json.oauth1.consumerKey, 'app-key')
    assert.equal(json.oauth1.token, 'access-token')
    assert.deepEqual(json.body, { name: 'café', note: 'a b' })
    // Sent in chunks without a Content-Length: the same.
    const chunked = await new Promise((resolve, reject) => {
      const signed = client.sign({ method: 'POST', url: ORIGIN + '/chunked', body: form, contentType: 'application/x-www-form-urlencoded' })
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/chunked', headers: { authorization: signed.authorization, 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } }, (res) => {
        let text = ''
        res.on('data', (c) => { text += c })
        res.on('end', () => resolve({ status: res.statusCode, body: text }))
      })
      req.on('error', reject)
      req.write(form.slice(0, 5))
      setTimeout(() => req.end(form.slice(5)), 50)
    })
    assert.equal(chunked.status, 200, chunked.body)
    assert.deepEqual(JSON.parse(chunked.body).body, { name: 'café', note: 'a b' })
    // A body parsed by the signature: tampering with it is refused.
    const tampered = await send(port, 'POST', '/photos', { body: 'name=x', contentType: 'application/x-www-form-urlencoded', signer: {
      sign: (r) => ({ authorization: client.sign({ ...r, body: 'name=y' }).authorization })
    } })
    assert.equal(tampered.status, 401)
    // Other bodies are not read (nor signed) and pass through.
    const json2 = await send(port, 'POST', '/photos', { body: '{"a":1}', contentType: 'application/json' })
    assert.equal(json2.status, 200, json2.body)
    const none = await send(port, 'GET', '/photos')
    assert.equal(none.status, 200)
  } finally {
    await close()
  }
})

test('the URL is the configured origin with the path, whatever Host and X-Forwarded-* say', async () => {
  const { port, close } = await serve(app({}, { mount: '/api' }))
  try {
    const headers = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http', 'x-forwarded-port': '8080' }
    const ok = await send(port, 'GET', '/api/photos?size=big', { headers })
    assert.equal(ok.status, 200, ok.body)
    assert.equal(JSON.parse(ok.body).url, '/api/photos?size=big', 'mounted under /api: the full path is verified')
    // Signed for the address the client was tricked into using: refused.
    const forged = await send(port, 'GET', '/api/photos', { headers, signedFor: 'http://evil.example:8080/api/photos' })
    assert.equal(forged.status, 401)
  } finally {
    await close()
  }
})

test('a refusal is 401 with WWW-Authenticate naming the realm and the problem', async () => {
  const { port, close } = await serve(app({ realm: 'Photos', nonceStore: new NonceStore() }))
  try {
    const unsigned = await new Promise((resolve) => http.get({ host: '127.0.0.1', port, path: '/photos' }, (res) => { res.resume(); resolve(res) }))
    assert.equal(unsigned.statusCode, 401)
    assert.match(unsigned.headers['www-authenticate'], /^OAuth realm="Photos", oauth_problem="parameter_absent"/)
    const stranger = new Signer({ consumerKey: 'nobody', consumerSecret: 's', token: 'access-token', tokenSecret: 'token-secret' })
    const unknown = await send(port, 'GET', '/photos', { signer: stranger })
    assert.equal(unknown.status, 401)
    assert.match(unknown.headers['www-authenticate'], /^OAuth realm="Photos", oauth_problem="consumer_key_unknown"/)
    const malformed = await send(port, 'GET', '/photos', { headers: { authorization: 'OAuth oauth_consumer_key="unterminated' } })
    assert.equal(malformed.status, 401, 'a malformed header is parameter_rejected')
    assert.match(malformed.headers['www-authenticate'], /oauth_problem="parameter_rejected"/)
  } finally {
    await close()
  }
})

test('a nonce store that is down is 503 with Retry-After, never accepted; a replay is 401', async () => {
  let up = true
  const seen = new Set()
  const store = {
    async checkAndInsert (consumerKey, token, nonce, timestamp) {
      if (!up) throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
      const key = `${consumerKey} ${token} ${nonce} ${timestamp}`
      if (seen.has(key)) return 'replayed'
      seen.add(key)
      return 'fresh'
    }
  }
  const { port, close } = await serve(app({ nonceStore: store }))
  try {
    up = false
    const down = await send(port, 'GET', '/photos')
    assert.equal(down.status, 503)
    assert.equal(down.headers['retry-after'], '1')
    assert.equal(down.headers['www-authenticate'], undefined)
    assert.doesNotMatch(down.body, /oauth1/)
    up = true
    const signed = client.sign({ method: 'GET', url: ORIGIN + '/photos' })
    const headers = { authorization: signed.authorization }
    const replayOf = { signer: { sign: () => signed }, headers }
    assert.equal((await send(port, 'GET', '/photos', replayOf)).status, 200)
    const replay = await send(port, 'GET', '/photos', replayOf)
    assert.equal(replay.status, 401)
    assert.match(replay.headers['www-authenticate'], /oauth_problem="nonce_used"/)
  } finally {
    await close()
  }
})

test('a form body over maxBody is 413; a throwing secrets lookup goes to next(error)', async () => {
  const a = express()
  const broken = { consumer () { throw new Error('database down') }, tokenSecret: () => null }
  a.use('/small', oauth1Middleware({ secrets, origin: ORIGIN, maxBody: 16 }))
  a.use('/broken', oauth1Middleware({ secrets: broken, origin: ORIGIN }))
  a.use((req, res) => res.end('reached'))
  a.use((error, req, res, next) => { res.statusCode = 500; res.end('handled: ' + error.message) })
  const { port, close } = await serve(a)
  try {
    const big = await send(port, 'POST', '/small', { body: 'x=' + 'y'.repeat(100), contentType: 'application/x-www-form-urlencoded' })
    assert.equal(big.status, 413)
    const failing = await send(port, 'GET', '/broken')
    assert.equal(failing.status, 500)
    assert.equal(failing.body, 'handled: database down')
  } finally {
    await close()
  }
})

test('verifyRequest for http.createServer: resolves the verified request, the body still readable', async () => {
  const { port, close } = await serve(async (req, res) => {
    try {
      const verified = await verifyRequest(req, { secrets, origin: ORIGIN + '/' })
      let body = ''
      for await (const chunk of req) body += chunk
      res.end(JSON.stringify({ consumerKey: verified.consumerKey, body }))
    } catch (error) {
      res.statusCode = error.problem ? 401 : 500
      res.end(error.code)
    }
  })
  try {
    const ok = await send(port, 'PUT', '/items/1', { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded; charset=utf-8' })
    assert.equal(ok.status, 200, ok.body)
    assert.deepEqual(JSON.parse(ok.body), { consumerKey: 'app-key', body: 'a=1&b=2' })
    const bad = await send(port, 'GET', '/items/1', { signedFor: ORIGIN + '/items/2' })
    assert.equal(bad.status, 401)
    assert.equal(bad.body, 'signature_invalid')
  } finally {
    await close()
  }
})

test('after a body parser: verified from req.rawBody, refused (500) without it', async () => {
  const a = express()
  a.use('/raw', express.urlencoded({ extended: false, verify: (req, res, buf) => { req.rawBody = buf } }))
  a.use('/parsed', express.urlencoded({ extended: false }))
  a.use(oauth1Middleware({ secrets, origin: ORIGIN }))
  a.use((req, res) => res.end(JSON.stringify(req.body)))
  a.use((error, req, res, next) => { res.statusCode = 500; res.end(error.code) })
  const { port, close } = await serve(a)
  try {
    const form = { body: 'a=1', contentType: 'application/x-www-form-urlencoded' }
    const raw = await send(port, 'POST', '/raw', form)
    assert.equal(raw.status, 200, raw.body)
    assert.deepEqual(JSON.parse(raw.body), { a: '1' })
    const parsed = await send(port, 'POST', '/parsed', form)
    assert.equal(parsed.status, 500)
    assert.equal(parsed.body, 'invalid_argument')
  } finally {
    await close()
  }
})

test('the middleware checks its options once', () => {
  for (const origin of [undefined, 'api.example.com', 'https://api.example.com/base', 'ftp://x', 'https://u:p@api.example.com']) {
    assert.throws(() => oauth1Middleware({ secrets, origin }), (e) => e.code === 'invalid_argument', String(origin))
  }
  assert.throws(() => oauth1Middleware({ origin: ORIGIN }), (e) => e.code === 'invalid_argument')
  assert.throws(() => oauth1Middleware({ secrets, origin: ORIGIN, realm: 'a"b' }), (e) => e.code === 'invalid_argument')
  assert.throws(() => oauth1Middleware({ secrets, origin: ORIGIN, url: 'https://x/' }), (e) => e.code === 'invalid_argument')
})
