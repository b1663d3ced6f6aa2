'use strict'
// End to end: a real HTTP server on 127.0.0.1 verifies every request with
// `verify`; requests signed by `signedFetch` (global fetch, undici) and by the
// axios interceptor are accepted, tampered ones are refused with the right problem.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { Readable } = require('node:stream')
const axios = require('axios')
const { Signer, NonceStore, verify, signedFetch, axiosInterceptor, useOAuth1 } = require('../oauth1.js')

const credentials = { consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'access-token-secret' }
const signer = new Signer(credentials)
const nonces = new NonceStore()
const seen = []

// The server's lookup: one consumer, which must sign with its one token.
const secrets = {
  consumer: (consumerKey) => consumerKey === 'app-key' ? { secret: 'app-secret' } : null,
  tokenSecret: (consumerKey, token) => token === 'access-token' ? 'access-token-secret' : null
}

let server
let base

test.before(async () => {
  server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const received = {
        method: req.method,
        // The server's own origin, as configured: never the client's Host header.
        url: `${base}${req.url}`,
        authorization: req.headers.authorization,
        body,
        contentType: req.headers['content-type'],
        secrets,
        nonceStore: nonces
      }
      seen.push({ ...received, body: body.toString() })
      try {
        const ok = verify(received)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ ok: true, placement: ok.placement, consumerKey: ok.consumerKey }))
      } catch (error) {
        res.writeHead(error.problem ? 401 : 400, { 'content-type': 'application/json', 'www-authenticate': error.wwwAuthenticate ?? 'OAuth' })
        res.end(JSON.stringify({ ok: false, code: error.code }))
      }
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${server.address().port}`
})

test.after(() => new Promise((resolve) => server.close(resolve)))

async function expectOk (response, label) {
  const answer = await response.json()
  assert.equal(response.status, 200, `${label}: ${JSON.stringify(answer)} ${JSON.stringify(seen.at(-1))}`)
  return answer
}

async function expectProblem (response, code, label) {
  const answer = await response.json()
  assert.equal(response.status, 401, label)
  assert.equal(answer.code, code, label)
  assert.match(response.headers.get('www-authenticate'), new RegExp(`oauth_problem="${code}"`), label)
}

test('signedFetch: requests are accepted', async () => {
  const f = signedFetch(signer)
  await expectOk(await f(`${base}/api/items?b=2&a=1&a=0&q=a b+c&uni=é日&empty=&flag`), 'GET with a query')
  await expectOk(await f(new URL(`${base}/ä path/x?x=1`)), 'GET with a URL object and non-ASCII path')
  await expectOk(await f(`${base}/form`, { method: 'POST', body: new URLSearchParams({ text: 'a b&c=d', emoji: '🎉' }) }), 'POST URLSearchParams')
  assert.match(seen.at(-1).contentType, /^application\/x-www-form-urlencoded/)
  await expectOk(await f(`${base}/form`, { method: 'post', body: 'x=1&y=%20+z', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 'POST form string')
  await expectOk(await f(`${base}/json?v=1`, { method: 'PUT', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } }), 'PUT JSON')
  await expectOk(await f(`${base}/bytes`, { method: 'POST', body: Buffer.from('p=1&q=2'), headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'POST Buffer form')
  await expectOk(await f(new Request(`${base}/req?z=9`, { method: 'POST', body: 'k=v', headers: { 'content-type': 'application/x-www-form-urlencoded' } })), 'Request object')
  await expectOk(await f(`${base}/patch`, { method: 'PATCH', body: 'n=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'PATCH')
  await expectOk(await f(`${base}/del`, { method: 'delete' }), 'lower-case delete (fetch normalises it)')
  const stream = Readable.toWeb(Readable.from([Buffer.from('raw bytes')]))
  await expectOk(await f(`${base}/upload`, { method: 'POST', body: stream, headers: { 'content-type': 'application/octet-stream' }, duplex: 'half' }), 'stream body, not signed')
})

test('signedFetch: query and body placement are accepted', async () => {
  const query = signedFetch(new Signer({ ...credentials, placement: 'query' }))
  const answer = await expectOk(await query(`${base}/q?a=1`), 'query placement')
  assert.equal(answer.placement, 'query')
  const body = signedFetch(new Signer({ ...credentials, placement: 'body' }))
  const answer2 = await expectOk(await body(`${base}/b`, { method: 'POST', body: new URLSearchParams({ a: '1' }) }), 'body placement')
  assert.equal(answer2.placement, 'body')
})

test('signedFetch: tampered requests are refused with the right problem', async () => {
  const tamper = (change) => signedFetch(signer, (url, init) => fetch(...change(url, init)))
  await expectProblem(await tamper((u, i) => [u.replace('a=1', 'a=2'), i])(`${base}/t?a=1`), 'signature_invalid', 'changed query')
  await expectProblem(await tamper((u, i) => [u, { ...i, method: 'DELETE' }])(`${base}/t`), 'signature_invalid', 'changed method')
  await expectProblem(await tamper((u, i) => [u, { ...i, body: 'x=2' }])(`${base}/t`, { method: 'POST', body: new URLSearchParams({ x: '1' }) }), 'signature_invalid', 'changed form body')
  let replay
  await signedFetch(signer, (u, i) => { replay = [u, i]; return fetch(u, i) })(`${base}/once`)
  await expectProblem(await fetch(...replay), 'nonce_used', 'replayed request')
  await expectProblem(await signedFetch(signer.withClockOffset(-3600))(`${base}/late`), 'timestamp_refused', 'old timestamp')
  await expectProblem(await signedFetch(new Signer({ ...credentials, consumerSecret: 'wrong' }))(`${base}/s`), 'signature_invalid', 'wrong secret')
  await expectProblem(await signedFetch(new Signer({ ...credentials, consumerKey: 'other' }))(`${base}/k`), 'consumer_key_unknown', 'unknown key')
  await expectProblem(await signedFetch(new Signer({ ...credentials, token: 'revoked' }))(`${base}/k`), 'token_rejected', 'unknown token')
  await expectProblem(await signedFetch(new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret' }))(`${base}/two-legged`), 'parameter_absent', 'no token')
  await expectProblem(await signedFetch(signer, (u, i) => { i.headers.delete('authorization'); return fetch(u, i) })(`${base}/none`), 'parameter_absent', 'no signature')
})

test('signedFetch: a stream body with a form Content-Type is a clear error', async () => {
  const f = signedFetch(signer)
  const stream = Readable.toWeb(Readable.from([Buffer.from('a=1')]))
  await assert.rejects(f(`${base}/s`, { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), { code: 'invalid_argument' })
})

test('axios interceptor: requests are accepted', async () => {
  const client = axios.create({ baseURL: `${base}/api/`, validateStatus: () => true })
  useOAuth1(client, signer)
  const get = await client.get('items', { params: { q: 'a b+c', list: [1, 2], uni: 'é日', when: new Date(0), nested: { x: 1 } } })
  assert.equal(get.status, 200, JSON.stringify([get.data, seen.at(-1)]))
  const form = await client.post('form?x=1', new URLSearchParams({ text: 'a b&c', n: '1' }))
  assert.equal(form.status, 200, JSON.stringify([form.data, seen.at(-1)]))
  assert.match(seen.at(-1).body, /text=a\+b%26c/)
  const object = await client.post('form2', { name: 'José', tags: ['a', 'b'] }, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
  assert.equal(object.status, 200, JSON.stringify([object.data, seen.at(-1)]))
  assert.ok(seen.at(-1).body.includes('name=Jos'))
  const json = await client.put('json', { a: 1 })
  assert.equal(json.status, 200, JSON.stringify(json.data))
  const serializer = await client.get('custom', { params: { b: '2', a: '1' }, paramsSerializer: (p) => Object.keys(p).sort().map((k) => `${k}=${p[k]}`).join('&') })
  assert.equal(serializer.status, 200, JSON.stringify(serializer.data))
  assert.match(seen.at(-1).url, /\/custom\?a=1&b=2$/)
})

test('axios interceptor: tampered requests are refused', async () => {
  const client = axios.create({ baseURL: base, validateStatus: () => true })
  // Request interceptors run last-registered first, so this one runs after signing.
  client.interceptors.request.use((config) => { config.url = config.url.replace('a=1', 'a=2'); return config })
  client.interceptors.request.use(axiosInterceptor(signer, client))
  const response = await client.get('/t', { params: { a: 1 } })
  assert.equal(response.status, 401)
  assert.equal(response.data.code, 'signature_invalid')
  const stale = axios.create({ baseURL: base, validateStatus: () => true })
  useOAuth1(stale, signer.withClockOffset(7200))
  const late = await stale.get('/t')
  assert.equal(late.data.code, 'timestamp_refused')
  const streaming = axios.create({ baseURL: base })
  useOAuth1(streaming, signer)
  await assert.rejects(streaming.post('/s', Readable.from(['a=1']), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), { code: 'invalid_argument' })
})
