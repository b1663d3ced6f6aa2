'use strict'
// The JavaScript API: options, placements, bodies, credentials sources, secrecy,
// explain, verify and its lookups, the nonce store, the clock-offset helper, ESM.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const util = require('node:util')
const { Signer, NonceStore, verify, clockOffsetFromProblem, bodyHash } = require('../oauth1.js')

const SECRETS = ['app-secret', 'access-token-secret']
const credentials = { consumerKey: 'app-key', consumerSecret: SECRETS[0], token: 'access-token', tokenSecret: SECRETS[1] }
const URL_ = 'https://api.example.com/v1/items?b=2&a=1'
const fixed = { nonce: 'abcdefghijklmnopqrstuvwxyz012345', timestamp: 1700000000 }

test('sign returns the documented plain object', () => {
  const signer = new Signer(credentials)
  const signed = signer.sign({ method: 'get', url: URL_, ...fixed })
  assert.deepEqual(Object.keys(signed), ['authorization', 'signature', 'baseString', 'nonce', 'timestamp', 'params'])
  assert.ok(signed.authorization.startsWith('OAuth oauth_consumer_key="app-key", '))
  assert.ok(signed.baseString.startsWith('GET&https%3A%2F%2Fapi.example.com%2Fv1%2Fitems&a%3D1%26b%3D2%26'))
  assert.equal(signed.params.find(([n]) => n === 'oauth_signature')[1], signed.signature)
  assert.deepEqual(signed, signer.explain({ method: 'get', url: URL_, ...fixed }).signed)
  assert.equal(signer.authorization({ method: 'GET', url: URL_, ...fixed }), signed.authorization)
})

test('random nonces and the clock are used when not fixed', () => {
  const signer = new Signer(credentials)
  const a = signer.sign({ method: 'GET', url: URL_ })
  const b = signer.sign({ method: 'GET', url: URL_ })
  assert.match(a.nonce, /^[A-Za-z0-9]{32}$/)
  assert.notEqual(a.nonce, b.nonce)
  assert.ok(Math.abs(a.timestamp - Date.now() / 1000) < 5)
  const later = signer.withClockOffset(3600).sign({ method: 'GET', url: URL_ })
  assert.ok(Math.abs(later.timestamp - Date.now() / 1000 - 3600) < 5)
  assert.equal(new Signer({ ...credentials, clockOffset: -60 }).clockOffset, -60)
})

test('options: signature method, realm, version, callback, verifier, body hash', () => {
  const signer = new Signer({ ...credentials, signatureMethod: 'HMAC-SHA256', realm: 'Example', version: false, callback: 'oob', verifier: 'v1' })
  const signed = signer.sign({ method: 'GET', url: URL_, ...fixed })
  assert.ok(signed.authorization.startsWith('OAuth realm="Example", oauth_callback="oob", '))
  assert.ok(!signed.authorization.includes('oauth_version'))
  assert.ok(signed.authorization.includes('oauth_verifier="v1"'))
  assert.equal(signer.verifier, 'v1')
  for (const shown of [JSON.stringify(signer), util.inspect(signer)]) assert.ok(!shown.includes('v1') && shown.includes('***'), shown)
  assert.equal(Buffer.from(signed.signature, 'base64').length, 32)
  const hashed = new Signer({ ...credentials, bodyHash: true }).sign({ method: 'POST', url: URL_, body: '{"a":1}', contentType: 'application/json', ...fixed })
  const expected = require('node:crypto').createHash('sha1').update('{"a":1}').digest('base64')
  assert.ok(hashed.params.some(([n, v]) => n === 'oauth_body_hash' && v === expected))
  const plain = new Signer({ ...credentials, signatureMethod: 'PLAINTEXT' }).sign({ method: 'GET', url: URL_, ...fixed })
  assert.equal(plain.signature, 'app-secret&access-token-secret')
})

test('query and body placement', () => {
  const query = new Signer({ ...credentials, placement: 'query' }).sign({ method: 'GET', url: URL_ + '#frag', ...fixed })
  assert.ok(query.signedUrl.startsWith(URL_ + '&oauth_consumer_key=app-key&'))
  assert.ok(query.signedUrl.endsWith('#frag'))
  assert.equal(query.signedBody, undefined)
  const body = new Signer({ ...credentials, placement: 'body' })
  const form = { method: 'POST', url: URL_, body: 'x=1', contentType: 'application/x-www-form-urlencoded', ...fixed }
  const text = body.sign(form)
  assert.ok(text.signedBody.startsWith('x=1&oauth_consumer_key=app-key&'))
  const bytes = body.sign({ ...form, body: Buffer.from([0x78, 0x3d, 0xff]) })
  assert.ok(Buffer.isBuffer(bytes.signedBody))
  assert.deepEqual([...bytes.signedBody.subarray(0, 4)], [0x78, 0x3d, 0xff, 0x26])
  assert.equal(bytes.signature, body.sign({ ...form, body: 'x=%FF' }).signature)
})

test('body accepts a string, Buffer, Uint8Array and ArrayBuffer alike', () => {
  const signer = new Signer(credentials)
  const base = { method: 'POST', url: URL_, contentType: 'application/x-www-form-urlencoded; charset=utf-8', ...fixed }
  const want = signer.sign({ ...base, body: 'c=3&d=%C3%A9' }).signature
  const bytes = Buffer.from('c=3&d=%C3%A9')
  for (const body of [bytes, new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)]) {
    assert.equal(signer.sign({ ...base, body }).signature, want, body.constructor.name)
  }
  const json = signer.sign({ ...base, body: 'c=3', contentType: 'application/json' })
  assert.ok(!json.baseString.includes('c%3D3'))
})

test('non-ASCII values survive the way sign hands its result to JavaScript', () => {
  const signer = new Signer({ ...credentials, token: 'tøken-ü', callback: 'https://cb.example/é' })
  const request = { method: 'GET', url: 'https://api.example.com/ä?q=ü ñ', ...fixed }
  const signed = signer.sign(request)
  assert.deepEqual(signed, signer.explain(request).signed)
  assert.ok(signed.params.some(([n, v]) => n === 'oauth_token' && v === 'tøken-ü'))
})

test('sign gives what explain and authorization give, errors included', () => {
  // sign reads the request's fields in oauth1.js and builds its result there from
  // one string; explain and authorization read the request natively and return
  // native values: the two must agree, value for value and error for error.
  const same = (outcome) => outcome.message === undefined ? outcome : { ...outcome, message: outcome.message.replace(/^(explain|authorization)\(request\)/, 'sign(request)') }
  let seed = 11
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const signers = [
    new Signer(credentials),
    new Signer({ consumerKey: 'k', consumerSecret: 's' }),
    new Signer({ ...credentials, signatureMethod: 'HMAC-SHA256', realm: 'R', version: false, callback: 'oob', verifier: 'v' }),
    new Signer({ ...credentials, token: 'tøken-ü', callback: 'https://cb.example/é', bodyHash: true }),
    new Signer({ ...credentials, placement: 'query', signatureMethod: 'PLAINTEXT' }),
    new Signer({ ...credentials, placement: 'body', bodyHash: true })
  ]
  const methods = ['GET', 'post', 'PUT', 'G T', '', 5]
  const urls = [URL_, 'https://api.example.com/ä?q=ü ñ', 'http://h:8080/p?a=%20&a=1#f', 'https://x/?q=\ud83d', 'nope', 'ftp://x/', undefined, new URL(URL_)]
  const bodies = [undefined, null, '', 'a=1&b=%20', 'x=é', '{"a":1}', Buffer.from('c=3'), new Uint8Array([0x78, 0x3d, 0xff]), 7]
  const types = [undefined, null, 'application/x-www-form-urlencoded', 'application/json', 'text/plain; charset=ü', 1]
  const nonces = ['abc', 'nönce', '', 9, null]
  const timestamps = [1700000000, 0, -5, 1.5, NaN, 2 ** 60, '1700000000', null]
  const outcome = (f) => {
    try { return { value: f() } } catch (e) { return { code: e.code, message: e.message } }
  }
  for (let i = 0; i < 3000; i++) {
    const signer = pick(signers)
    const request = { method: pick(methods), url: pick(urls), body: pick(bodies), contentType: pick(types), nonce: pick(nonces), timestamp: pick(timestamps) }
    if (rand() < 0.7) request.method = 'GET'
    if (rand() < 0.6) request.url = URL_
    if (rand() < 0.6) request.nonce = 'n0nce'
    if (rand() < 0.6) request.timestamp = 1700000000
    const label = `#${i} ${JSON.stringify(request)}`
    if (request.nonce == null || request.timestamp == null) {
      // A random nonce or the clock: compare the shape and the error codes only.
      const signed = outcome(() => signer.sign(request))
      const explained = same(outcome(() => signer.explain(request).signed))
      assert.equal(signed.code, explained.code, label)
      assert.equal(signed.message, explained.message, label)
      if (signed.value) {
        const { value } = signed
        assert.deepEqual(Object.keys(value), Object.keys(explained.value), label)
        const params = Object.fromEntries(value.params)
        assert.equal(params.oauth_nonce, value.nonce, label)
        assert.equal(params.oauth_timestamp, String(value.timestamp), label)
        assert.equal(params.oauth_signature, value.signature, label)
      }
      continue
    }
    const signed = outcome(() => signer.sign(request))
    assert.deepEqual(signed, same(outcome(() => signer.explain(request).signed)), label)
    const authorization = same(outcome(() => signer.authorization(request)))
    assert.deepEqual(authorization, signed.value ? { value: signed.value.authorization } : signed, label)
  }
})

test('secrets never show in util.inspect, JSON.stringify or errors', () => {
  const signer = new Signer(credentials)
  for (const text of [util.inspect(signer), JSON.stringify(signer), util.inspect(signer, { showHidden: true, depth: 5 }), String(signer)]) {
    for (const secret of SECRETS) assert.ok(!text.includes(secret), text)
  }
  assert.deepEqual(JSON.parse(JSON.stringify(signer)).consumerKey, 'app-key')
  assert.match(util.inspect(signer), /consumerKey: 'app-key'/)
  try { new Signer({ consumerKey: 'k', consumerSecret: 'topsecret', bogus: 1 }) } catch (e) { assert.ok(!e.message.includes('topsecret')) }
  try { new Signer({ consumerKey: '', consumerSecret: 'topsecret' }) } catch (e) { assert.ok(!e.message.includes('topsecret')) }
})

test('getters describe the signer', () => {
  const signer = new Signer({ ...credentials, realm: 'R', placement: 'query' })
  assert.equal(signer.consumerKey, 'app-key')
  assert.equal(signer.token, 'access-token')
  assert.equal(signer.signatureMethod, 'HMAC-SHA1')
  assert.equal(signer.realm, 'R')
  assert.equal(signer.placement, 'query')
  assert.equal(signer.version, true)
  assert.equal(signer.bodyHash, false)
})

test('Signer.fromEnv reads process.env', () => {
  const names = ['OAUTH1_CONSUMER_KEY', 'OAUTH1_CONSUMER_SECRET', 'OAUTH1_TOKEN', 'OAUTH1_TOKEN_SECRET']
  const saved = names.map((n) => process.env[n])
  try {
    names.forEach((n) => delete process.env[n])
    assert.throws(() => Signer.fromEnv(), { code: 'credentials_source' })
    Object.assign(process.env, { OAUTH1_CONSUMER_KEY: 'app-key', OAUTH1_CONSUMER_SECRET: 'app-secret', OAUTH1_TOKEN: 'access-token', OAUTH1_TOKEN_SECRET: 'access-token-secret' })
    const signer = Signer.fromEnv({ realm: 'R' })
    assert.equal(signer.realm, 'R')
    const request = { method: 'GET', url: URL_, ...fixed }
    assert.equal(signer.sign(request).signature, new Signer(credentials).sign(request).signature)
  } finally {
    names.forEach((n, i) => { if (saved[i] === undefined) delete process.env[n]; else process.env[n] = saved[i] })
  }
})

test('Signer.fromFile accepts both naming schemes and maps I/O errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth1-'))
  try {
    const request = { method: 'GET', url: URL_, ...fixed }
    const want = new Signer(credentials).sign(request).signature
    const lp = path.join(dir, 'lp.json')
    fs.writeFileSync(lp, JSON.stringify({ appKey: 'app-key', secret: 'app-secret', accessToken: 'access-token', accessTokenSecret: 'access-token-secret' }))
    assert.equal(Signer.fromFile(lp).sign(request).signature, want)
    const snake = path.join(dir, 'snake.json')
    fs.writeFileSync(snake, JSON.stringify({ consumer_key: 'app-key', consumer_secret: 'app-secret', token: 'access-token', token_secret: 'access-token-secret' }))
    assert.equal(Signer.fromFile(snake, { signatureMethod: 'HMAC-SHA1' }).sign(request).signature, want)
    assert.throws(() => Signer.fromFile(path.join(dir, 'missing.json')), (e) => e.code === 'credentials_source' && e.message.includes('missing.json'))
    const bad = path.join(dir, 'bad.json')
    fs.writeFileSync(bad, '{"appKey": "k", "secret": ')
    assert.throws(() => Signer.fromFile(bad), { code: 'credentials_source' })
    assert.throws(() => Signer.fromFile(42), { code: 'invalid_argument' })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('explain shows the steps without secrets', () => {
  const e = new Signer(credentials).explain({ method: 'GET', url: 'HTTPS://API.example.com:443/x?q=a+b', ...fixed })
  assert.equal(e.baseStringUri, 'https://api.example.com/x')
  assert.ok(e.uriChanges.some((c) => c.includes('443')))
  assert.ok(e.warnings.some((w) => w.includes('+')))
  assert.equal(e.maskedKey, '<consumer secret>&<token secret>')
  assert.ok(e.params.some((p) => p.source === 'query' && p.name === 'q' && p.value === 'a b'))
  assert.equal(e.signed.nonce, fixed.nonce)
  for (const secret of SECRETS) assert.ok(!JSON.stringify(e).includes(secret))
})

test('verify: lookup object, Signer lookup, problems', () => {
  const signer = new Signer(credentials)
  const now = 1700000000
  const signed = signer.sign({ method: 'POST', url: URL_, body: 'x=1', contentType: 'application/x-www-form-urlencoded', ...fixed })
  const received = { method: 'POST', url: URL_, authorization: signed.authorization, body: 'x=1', contentType: 'application/x-www-form-urlencoded', now }
  const calls = []
  const secrets = {
    consumer (consumerKey) {
      calls.push(['consumer', consumerKey, this === secrets])
      return consumerKey === 'app-key' ? { secret: 'app-secret' } : null
    },
    tokenSecret (consumerKey, token) {
      calls.push(['tokenSecret', consumerKey, token, this === secrets])
      return consumerKey === 'app-key' && token === 'access-token' ? 'access-token-secret' : null
    }
  }
  const ok = verify({ ...received, secrets })
  assert.deepEqual(calls, [['consumer', 'app-key', true], ['tokenSecret', 'app-key', 'access-token', true]])
  assert.equal(ok.consumerKey, 'app-key')
  assert.equal(ok.token, 'access-token')
  assert.equal(ok.signatureMethod, 'HMAC-SHA1')
  assert.equal(ok.placement, 'header')
  assert.equal(ok.bodyHashChecked, false)
  assert.equal(ok.baseString, signed.baseString)
  assert.equal(verify({ ...received, secrets: signer }).nonce, fixed.nonce)

  // A class instance works too: its methods are called on it.
  class Registry {
    constructor () { this.consumers = new Map([['app-key', { secret: 'app-secret' }]]) }
    consumer (key) { return this.consumers.get(key) }
    tokenSecret (key, token) { return token === 'access-token' ? 'access-token-secret' : undefined }
  }
  assert.equal(verify({ ...received, secrets: new Registry() }).token, 'access-token')

  assert.throws(() => verify({ ...received, body: 'x=2', secrets }), (e) =>
    e.code === 'signature_invalid' && e.problem === 'signature_invalid' && typeof e.baseString === 'string' &&
    e.wwwAuthenticate === 'OAuth oauth_problem="signature_invalid"')
  assert.throws(() => verify({ ...received, now: now + 1000, secrets }), (e) =>
    e.code === 'timestamp_refused' && e.acceptableTimestamps[0] === now + 700 && e.acceptableTimestamps[1] === now + 1300)
  assert.throws(() => verify({ ...received, secrets: { consumer: () => null, tokenSecret: () => 'access-token-secret' } }), { code: 'consumer_key_unknown' })
  assert.throws(() => verify({ ...received, secrets: { consumer: () => ({ secret: 'app-secret' }), tokenSecret: () => undefined } }), { code: 'token_rejected' })
  assert.throws(() => verify({ ...received, signatureMethods: ['HMAC-SHA256'], secrets }), { code: 'signature_method_rejected' })
  assert.throws(() => verify({ ...received, authorization: 'OAuth oauth_consumer_key="app-key"', secrets }), (e) =>
    e.code === 'parameter_absent' && e.parametersAbsent.includes('oauth_signature'))
  assert.throws(() => verify({ ...received, authorization: 'OAuth oauth_consumer_key=app-key', secrets }), (e) =>
    e.code === 'malformed_header' && e.problem === 'parameter_rejected' && Array.isArray(e.parametersRejected))
  assert.throws(() => verify({ ...received, authorization: signed.authorization.replace('oauth_timestamp="1700000000"', 'oauth_timestamp="17e8"'), secrets }), (e) =>
    e.code === 'parameter_rejected' && e.parametersRejected.join() === 'oauth_timestamp' &&
    e.wwwAuthenticate.includes('oauth_parameters_rejected="oauth_timestamp"'))

  // An exception thrown by the lookup passes through, from either question.
  const boom = new Error('database down')
  assert.throws(() => verify({ ...received, secrets: { consumer: () => { throw boom }, tokenSecret: () => 'x' } }), (e) => e === boom)
  assert.throws(() => verify({ ...received, secrets: { consumer: () => ({ secret: 'app-secret' }), tokenSecret: () => { throw boom } } }), (e) => e === boom)
})

test('verify: secrets of the wrong shape are invalid_argument, naming the expected shape', () => {
  const signer = new Signer(credentials)
  const signed = signer.sign({ method: 'GET', url: URL_, ...fixed })
  const received = { method: 'GET', url: URL_, authorization: signed.authorization, now: fixed.timestamp }
  const shape = /consumer\(consumerKey\).*tokenSecret\(consumerKey, token\)/
  const wrong = (secrets, message, label) => assert.throws(() => verify({ ...received, secrets }), (e) =>
    e.code === 'invalid_argument' && message.test(e.message), label)
  // The removed function form: one function cannot answer both questions apart.
  wrong((key, token) => ({ consumerSecret: 'app-secret', tokenSecret: 'access-token-secret' }), shape, 'the old function form')
  wrong((key, token) => ({ consumerSecret: 'app-secret', tokenSecret: 'access-token-secret' }), /function form .* removed/, 'the old function form, named')
  wrong('app-secret', shape, 'a string')
  wrong({ consumer: () => ({ secret: 'app-secret' }) }, /`tokenSecret` is missing/, 'no tokenSecret')
  wrong({ consumer: 'app-secret', tokenSecret: () => null }, /`consumer` is a string/, 'consumer not a function')
  wrong({ consumer: () => 'app-secret', tokenSecret: () => null }, /must return \{ secret\?, rsaPublicKey\?, twoLegged\? \} or null, got a string/, 'consumer answers a string')
  wrong({ consumer: () => ({ twoLegged: true }), tokenSecret: () => null }, /`secret` or `rsaPublicKey` is required/, 'consumer answers neither a secret nor a key')
  wrong({ consumer: () => ({ rsaPublicKey: 5 }), tokenSecret: () => null }, /`rsaPublicKey` must be an RsaPublicKey, PEM text or a Buffer, got a number/, 'rsaPublicKey not a key')
  wrong({ consumer: () => ({ rsaPublicKey: signer }), tokenSecret: () => null }, /`rsaPublicKey` must be an RsaPublicKey, PEM text or a Buffer, got an object/, 'rsaPublicKey another class')
  wrong({ consumer: () => ({ consumerSecret: 'app-secret' }), tokenSecret: () => null }, /unknown option "consumerSecret"/, 'the old answer shape')
  wrong({ consumer: () => ({ secret: Buffer.from('app-secret') }), tokenSecret: () => null }, /`secret` must be a string/, 'secret not a string')
  wrong({ consumer: () => ({ secret: 'app-secret', twoLegged: 'yes' }), tokenSecret: () => null }, /`twoLegged` must be a boolean/, 'twoLegged not a boolean')
  wrong({ consumer: () => ({ secret: 'app-secret' }), tokenSecret: () => ({ tokenSecret: 'access-token-secret' }) }, /must return a string or null, got an object/, 'tokenSecret answers an object')
  wrong({ consumer: async () => ({ secret: 'app-secret' }), tokenSecret: () => null }, /promise; verify is synchronous/, 'consumer answers a promise')
  wrong({ consumer: () => ({ secret: 'app-secret' }), tokenSecret: async () => 'access-token-secret' }, /promise; verify is synchronous/, 'tokenSecret answers a promise')
  assert.throws(() => verify({ ...received }), (e) => e.code === 'invalid_argument' && shape.test(e.message))
})

test('verify: options left out keep the core defaults; each can be changed', () => {
  const now = fixed.timestamp
  const plaintext = new Signer({ ...credentials, signatureMethod: 'PLAINTEXT' })
  const header = plaintext.authorization({ method: 'GET', url: URL_, ...fixed })
  const received = { method: 'GET', url: URL_, authorization: header, secrets: plaintext, now }
  assert.throws(() => verify(received), { code: 'signature_method_rejected' })
  assert.equal(verify({ ...received, signatureMethods: ['PLAINTEXT'] }).signatureMethod, 'PLAINTEXT')
  const http = { ...received, url: URL_.replace('https:', 'http:'), signatureMethods: ['HMAC-SHA1', 'PLAINTEXT'] }
  assert.throws(() => verify(http), { code: 'signature_method_rejected' })
  assert.equal(verify({ ...http, allowPlaintextOverHttp: true }).signatureMethod, 'PLAINTEXT')
  assert.throws(() => verify({ ...received, signatureMethods: [] }), { code: 'invalid_option' })
  assert.throws(() => verify({ ...received, now: -1 }), { code: 'invalid_timestamp' })
  assert.throws(() => verify({ ...received, now: now + 301, signatureMethods: ['PLAINTEXT'] }), { code: 'timestamp_refused' })
  assert.equal(verify({ ...received, now: now + 301, maxSkew: 301, signatureMethods: ['PLAINTEXT'] }).consumerKey, 'app-key')
  for (const field of ['allowPlaintextOverHttp', 'requireTimestamp', 'requireBodyHash', 'hideUnknownKeys']) {
    assert.throws(() => verify({ ...received, [field]: 'yes' }), (e) => e.code === 'invalid_argument' && e.message.includes(field), field)
  }
})

test('NonceStore catches replays and says how full it is', () => {
  const signer = new Signer(credentials)
  const store = new NonceStore({ capacity: 1000, window: 600 })
  assert.equal(store.capacity, 1000)
  const now = Math.floor(Date.now() / 1000)
  const signed = signer.sign({ method: 'GET', url: URL_, nonce: 'n1', timestamp: now })
  const received = { method: 'GET', url: URL_, authorization: signed.authorization, secrets: signer, nonceStore: store }
  verify(received)
  assert.equal(store.size, 1)
  assert.equal(store.evicted, 0)
  assert.throws(() => verify(received), { code: 'nonce_used' })
  assert.throws(() => verify({ ...received, nonceStore: signer }), { code: 'invalid_argument' })
  assert.throws(() => new NonceStore({ capacity: 0 }), { code: 'invalid_option' })
  assert.throws(() => new NonceStore({ window: 0 }), { code: 'invalid_option' })
  assert.throws(() => new NonceStore({ capacity: -1 }), { code: 'invalid_argument' })
  assert.throws(() => new NonceStore({ capacity: 1.5 }), { code: 'invalid_argument' })
  assert.throws(() => new NonceStore({ size: 10 }), { code: 'invalid_argument' })
  const fresh = new NonceStore()
  assert.equal(fresh.size, 0)
  assert.equal(fresh.capacity, 100000)
  assert.equal(fresh.evicted, 0)
  assert.equal(new NonceStore({ window: 900 }).capacity, 100000)

  // Full: the consumer's oldest nonce goes, is counted, and its timestamp is refused from then on.
  const small = new NonceStore({ capacity: 2 })
  const withNonce = (nonce) => ({ ...received, authorization: signer.authorization({ method: 'GET', url: URL_, nonce, timestamp: now }), nonceStore: small, now })
  verify(withNonce('a'))
  verify(withNonce('b'))
  assert.equal(small.size, 2)
  assert.equal(small.evicted, 0)
  assert.throws(() => verify(withNonce('c')), { code: 'timestamp_refused' })
  assert.equal(small.evicted, 1)
  assert.equal(small.size, 1)
})

test('bodyHash takes the body first and the signature method second', () => {
  const crypto = require('node:crypto')
  const body = '{"a":1}'
  assert.equal(bodyHash(body), crypto.createHash('sha1').update(body).digest('base64'))
  assert.equal(bodyHash(body, 'HMAC-SHA1'), bodyHash(body))
  assert.equal(bodyHash(Buffer.from(body), 'HMAC-SHA256'), crypto.createHash('sha256').update(body).digest('base64'))
  assert.equal(bodyHash(body, 'HMAC-SHA512'), crypto.createHash('sha512').update(body).digest('base64'))
  assert.equal(bodyHash(body, 'PLAINTEXT'), bodyHash(body))
  assert.equal(bodyHash(body, null), bodyHash(body))
  assert.throws(() => bodyHash('HMAC-SHA256', body), { code: 'unknown_signature_method' })
})

test('PLAINTEXT results show the key masked in util.inspect and JSON.stringify', () => {
  const key = `${SECRETS[0]}&${SECRETS[1]}`
  const encoded = encodeURIComponent(key)
  const visible = (text) => [key, encoded, SECRETS[0], SECRETS[1]].filter((s) => text.includes(s))
  const form = { method: 'POST', url: URL_, body: 'x=1', contentType: 'application/x-www-form-urlencoded', ...fixed }
  for (const placement of ['header', 'query', 'body']) {
    const signer = new Signer({ ...credentials, signatureMethod: 'PLAINTEXT', placement })
    for (const [how, result] of [
      ['sign', signer.sign(form)],
      ['sign with a binary body', signer.sign({ ...form, body: Buffer.from([0x78, 0x3d, 0xff]) })],
      ['explain', signer.explain(form).signed]
    ]) {
      const label = `${placement} ${how}`
      // The fields hold the key: it goes on the wire.
      assert.equal(result.signature, key, label)
      assert.ok(result.authorization.includes('oauth_signature='), label)
      for (const text of [util.inspect(result), util.inspect(result, { showHidden: true, depth: 10 }), util.format('%o', result), JSON.stringify(result)]) {
        assert.deepEqual(visible(text), [], `${label}: ${text}`)
        assert.ok(text.includes('***'), `${label}: ${text}`)
      }
      const shown = JSON.parse(JSON.stringify(result))
      assert.equal(shown.signature, '***', label)
      assert.equal(shown.nonce, fixed.nonce, label)
      assert.equal(shown.baseString, result.baseString, label)
      assert.ok(shown.authorization.includes('oauth_signature="***"'), label)
      assert.deepEqual(shown.params.find(([n]) => n === 'oauth_signature'), ['oauth_signature', '***'], label)
      assert.deepEqual(Object.keys(result), Object.keys(shown), label)
      if (placement === 'query') assert.ok(shown.signedUrl.includes('oauth_signature=***'), label)
    }
    const explanation = signer.explain(form)
    for (const text of [util.inspect(explanation, { depth: 10 }), JSON.stringify(explanation)]) assert.deepEqual(visible(text), [], text)
  }
  // Other methods are plain objects, shown as they are.
  const hmac = new Signer(credentials).sign({ method: 'GET', url: URL_, ...fixed })
  assert.equal(JSON.parse(JSON.stringify(hmac)).signature, hmac.signature)
  assert.ok(util.inspect(hmac).includes(hmac.signature))
})

test('clockOffsetFromProblem', () => {
  assert.equal(clockOffsetFromProblem('OAuth oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1700000000-1700000600"', 1700000900), -600)
  assert.equal(clockOffsetFromProblem('oauth_problem=timestamp_refused&oauth_acceptable_timestamps=100-200', 100), 50)
  assert.ok(Math.abs(clockOffsetFromProblem(`oauth_acceptable_timestamps="${Math.floor(Date.now() / 1000)}-${Math.floor(Date.now() / 1000)}"`)) < 5)
  assert.throws(() => clockOffsetFromProblem('oauth_problem=nonce_used', 100), { code: 'malformed_header' })
  assert.throws(() => clockOffsetFromProblem('oauth_acceptable_timestamps="100-200"', -1), { code: 'invalid_timestamp' })
})

test('the package loads from ESM with the same exports', async () => {
  const esm = await import('../oauth1.mjs')
  const cjs = require('../oauth1.js')
  assert.equal(esm.Signer, cjs.Signer)
  assert.equal(esm.default, cjs)
  for (const name of Object.keys(esm)) if (name !== 'default') assert.equal(esm[name], cjs[name], name)
  for (const name of Object.keys(cjs)) if (!name.startsWith('_') && name !== '__napiBindingTarget') assert.ok(name in esm, `ESM lacks ${name}`)
})
