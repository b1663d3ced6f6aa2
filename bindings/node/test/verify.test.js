'use strict'
// Regression tests for the verification holes of issue 13, through the Node API:
// each of these was accepted (or refused for the wrong reason) before the fix.

const test = require('node:test')
const assert = require('node:assert/strict')
const { Signer, NonceStore, verify } = require('../oauth1.js')

const NOW = 1700000000
const SERVER = { consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'access-token-secret' }
const CONSUMER = { consumerKey: 'app-key', consumerSecret: 'app-secret' }
const URL_ = 'https://api.example.com/x?a=1'
const server = new Signer(SERVER)

/** Signs with `options` and returns what a server receives. */
function received (options, request = {}) {
  const r = { method: 'GET', url: URL_, nonce: 'n0nce', timestamp: NOW, ...request }
  const signed = new Signer(options).sign(r)
  return { method: r.method, url: r.url, body: r.body, contentType: r.contentType, authorization: signed.authorization, now: NOW }
}

test('a realm in the query or a form body is signed: changing it is refused', () => {
  const query = received(SERVER, { url: 'https://api.example.com/x?realm=alice&a=1' })
  assert.equal(verify({ ...query, secrets: server }).consumerKey, 'app-key')
  assert.throws(() => verify({ ...query, url: 'https://api.example.com/x?realm=mallory&a=1', secrets: server }), { code: 'signature_invalid' })
  assert.throws(() => verify({ ...query, url: 'https://api.example.com/x?a=1', secrets: server }), { code: 'signature_invalid' })

  const form = received({ ...SERVER, realm: 'Example' }, { method: 'POST', url: 'https://api.example.com/x', body: 'realm=alice&b=2', contentType: 'application/x-www-form-urlencoded' })
  assert.equal(verify({ ...form, secrets: server }).realm, 'Example')
  assert.throws(() => verify({ ...form, body: 'realm=mallory&b=2', secrets: server }), { code: 'signature_invalid' })
  // The Authorization header's realm stays unsigned.
  assert.equal(verify({ ...form, authorization: form.authorization.replace('realm="Example"', 'realm="Other"'), secrets: server }).realm, 'Other')
})

test('a request without oauth_token is refused unless the consumer may sign without one', () => {
  const tokenless = received(CONSUMER)
  // A Signer holding a token accepts that token only, and no request without one.
  assert.throws(() => verify({ ...tokenless, secrets: server }), (e) =>
    e.code === 'parameter_absent' && e.parametersAbsent.join() === 'oauth_token' &&
    e.wwwAuthenticate.includes('oauth_parameters_absent="oauth_token"'))
  // A Signer without a token is two-legged: token-less requests only.
  assert.equal(verify({ ...tokenless, secrets: new Signer(CONSUMER) }).token, undefined)
  assert.throws(() => verify({ ...received(SERVER), secrets: new Signer(CONSUMER) }), { code: 'token_rejected' })

  // A lookup that answers the consumer question without looking at any token, and
  // whose token question ignores the token: the consumer's answer decides.
  const asked = []
  const careless = (twoLegged) => ({
    consumer: (key) => { asked.push(['consumer', key]); return twoLegged === undefined ? { secret: 'app-secret' } : { secret: 'app-secret', twoLegged } },
    tokenSecret: (key, token) => { asked.push(['tokenSecret', key, token]); return 'access-token-secret' }
  })
  for (const twoLegged of [undefined, false]) {
    asked.length = 0
    assert.throws(() => verify({ ...tokenless, secrets: careless(twoLegged) }), (e) =>
      e.code === 'parameter_absent' && e.parametersAbsent.join() === 'oauth_token', `twoLegged: ${twoLegged}`)
    assert.deepEqual(asked, [['consumer', 'app-key']], 'the token question is not asked without a token')
  }
  const ok = verify({ ...tokenless, secrets: careless(true) })
  assert.equal(ok.consumerKey, 'app-key')
  assert.equal(ok.token, undefined)
  // With a token, a two-legged consumer still needs a valid token secret.
  assert.equal(verify({ ...received(SERVER), secrets: careless(true) }).token, 'access-token')
  assert.throws(() => verify({ ...received(SERVER), secrets: { ...careless(true), tokenSecret: () => null } }), { code: 'token_rejected' })
  // The refusal comes only after the signature holds: a wrong secret is not told it needs a token.
  assert.throws(() => verify({ ...tokenless, secrets: { consumer: () => ({ secret: 'wrong' }), tokenSecret: () => null } }), { code: 'signature_invalid' })
})

test('PLAINTEXT is refused by default, and over http unless allowed', () => {
  const plaintext = { ...SERVER, signatureMethod: 'PLAINTEXT' }
  const https = received(plaintext)
  assert.throws(() => verify({ ...https, secrets: server }), { code: 'signature_method_rejected' })
  assert.equal(verify({ ...https, secrets: server, signatureMethods: ['HMAC-SHA1', 'PLAINTEXT'] }).signatureMethod, 'PLAINTEXT')
  const http = received(plaintext, { url: 'http://api.example.com/x?a=1' })
  assert.throws(() => verify({ ...http, secrets: server }), { code: 'signature_method_rejected' })
  assert.throws(() => verify({ ...http, secrets: server, signatureMethods: ['PLAINTEXT'] }), { code: 'signature_method_rejected' })
  assert.equal(verify({ ...http, secrets: server, signatureMethods: ['PLAINTEXT'], allowPlaintextOverHttp: true }).signatureMethod, 'PLAINTEXT')
  // The HMAC methods are accepted by default.
  for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512']) {
    assert.equal(verify({ ...received({ ...SERVER, signatureMethod }), secrets: server }).signatureMethod, signatureMethod)
  }
})

test('timestamp and nonce are required for every method unless relaxed for PLAINTEXT', () => {
  const without = (authorization, ...names) => names.reduce((a, n) => a.replace(new RegExp(`, ${n}="[^"]*"`), ''), authorization)
  const hmac = received(SERVER)
  for (const names of [['oauth_timestamp'], ['oauth_nonce'], ['oauth_timestamp', 'oauth_nonce']]) {
    assert.throws(() => verify({ ...hmac, authorization: without(hmac.authorization, ...names), secrets: server, requireTimestamp: false }), (e) =>
      e.code === 'parameter_absent' && names.every((n) => e.parametersAbsent.includes(n)), names.join())
  }
  const plaintext = received({ ...SERVER, signatureMethod: 'PLAINTEXT' })
  const bare = { ...plaintext, authorization: without(plaintext.authorization, 'oauth_timestamp', 'oauth_nonce'), secrets: server, signatureMethods: ['PLAINTEXT'] }
  assert.throws(() => verify(bare), (e) => e.code === 'parameter_absent' && e.parametersAbsent.join() === 'oauth_timestamp,oauth_nonce')
  const store = new NonceStore()
  const relaxed = verify({ ...bare, requireTimestamp: false, nonceStore: store })
  assert.equal(relaxed.timestamp, undefined)
  assert.equal(relaxed.nonce, undefined)
  assert.equal(store.size, 0)
})

test('a nonce flood from one consumer does not refuse another, and never advertises an inverted window', () => {
  const consumers = new Map([['flooder', 'flooder-secret'], ['other', 'other-secret']])
  const secrets = {
    consumer: (key) => consumers.has(key) ? { secret: consumers.get(key), twoLegged: true } : null,
    tokenSecret: () => null
  }
  const store = new NonceStore({ capacity: 100 })
  const flooder = new Signer({ consumerKey: 'flooder', consumerSecret: 'flooder-secret' })
  const request = { method: 'GET', url: URL_ }
  let refused = 0
  // A window, where one is advertised at all, starts before it ends.
  let windows = 0
  const checkWindow = (e) => {
    assert.equal(e.code, 'timestamp_refused', e.message)
    const advertised = /oauth_acceptable_timestamps="(\d+)-(\d+)"/.exec(e.wwwAuthenticate)
    assert.equal(advertised !== null, e.acceptableTimestamps !== undefined, e.wwwAuthenticate)
    if (advertised) {
      const [min, max] = e.acceptableTimestamps
      assert.ok(min <= max, `inverted window ${min}-${max}`)
      assert.deepEqual([Number(advertised[1]), Number(advertised[2])], [min, max])
      windows++
    }
  }
  for (let i = 0; i < 1000; i++) {
    // Half of them as far ahead as the skew allows: the range a refusal advertises
    // must still end after it starts.
    const authorization = flooder.authorization({ ...request, nonce: `flood${i}`, timestamp: NOW + (i % 2) * 300 })
    try {
      verify({ ...request, authorization, secrets, nonceStore: store, now: NOW })
    } catch (e) {
      checkWindow(e)
      refused++
    }
  }
  assert.ok(refused > 0, 'the flooder pays for its flood')
  assert.ok(store.size <= store.capacity)
  assert.ok(store.evicted > 0)
  const other = new Signer({ consumerKey: 'other', consumerSecret: 'other-secret' })
  for (let i = 0; i < 50; i++) {
    const authorization = other.authorization({ ...request, nonce: `fresh${i}`, timestamp: NOW })
    assert.equal(verify({ ...request, authorization, secrets, nonceStore: store, now: NOW }).consumerKey, 'other', `other consumer, request ${i}`)
  }
  // A replay of the other consumer's request is still caught.
  const again = other.authorization({ ...request, nonce: 'fresh0', timestamp: NOW })
  assert.throws(() => verify({ ...request, authorization: again, secrets, nonceStore: store, now: NOW }), { code: 'nonce_used' })
  // The flooder's refusals, later in the window, still advertise a window in order.
  let late = 0
  for (const now of [NOW, NOW + 1, NOW + 299]) {
    for (const timestamp of [NOW, NOW + 300]) {
      const authorization = flooder.authorization({ ...request, nonce: `late${now}-${timestamp}`, timestamp })
      try { verify({ ...request, authorization, secrets, nonceStore: store, now }) } catch (e) { checkWindow(e); late++ }
    }
  }
  assert.ok(late > 0)
  assert.ok(windows > 0, 'some refusals advertise a window')
})

test('a body hash can be required, and Verified says whether one was checked', () => {
  const json = { method: 'POST', body: '{"a":1}', contentType: 'application/json' }
  const plain = received(SERVER, json)
  assert.equal(verify({ ...plain, secrets: server }).bodyHashChecked, false)
  assert.throws(() => verify({ ...plain, secrets: server, requireBodyHash: true }), (e) =>
    e.code === 'parameter_absent' && e.parametersAbsent.join() === 'oauth_body_hash')
  const hashed = received({ ...SERVER, bodyHash: true }, json)
  assert.equal(verify({ ...hashed, secrets: server, requireBodyHash: true }).bodyHashChecked, true)
  assert.equal(verify({ ...hashed, secrets: server }).bodyHashChecked, true)
  assert.throws(() => verify({ ...hashed, body: '{"a":2}', secrets: server, requireBodyHash: true }), { code: 'signature_invalid' })
  // A form body's pairs are signed themselves: no body hash needed.
  const form = received(SERVER, { method: 'POST', body: 'a=1', contentType: 'application/x-www-form-urlencoded' })
  assert.equal(verify({ ...form, secrets: server, requireBodyHash: true }).bodyHashChecked, false)
})

test('hideUnknownKeys answers an unknown key or token as a wrong signature', () => {
  const stranger = received({ ...SERVER, consumerKey: 'nobody' })
  assert.throws(() => verify({ ...stranger, secrets: server }), { code: 'consumer_key_unknown' })
  assert.throws(() => verify({ ...stranger, secrets: server, hideUnknownKeys: true }), (e) =>
    e.code === 'signature_invalid' && e.wwwAuthenticate === 'OAuth oauth_problem="signature_invalid"')
  const revoked = received({ ...SERVER, token: 'revoked' })
  assert.throws(() => verify({ ...revoked, secrets: server }), { code: 'token_rejected' })
  assert.throws(() => verify({ ...revoked, secrets: server, hideUnknownKeys: true }), { code: 'signature_invalid' })
  const lookup = { consumer: () => null, tokenSecret: () => null }
  assert.throws(() => verify({ ...received(SERVER), secrets: lookup, hideUnknownKeys: true }), { code: 'signature_invalid' })
  assert.equal(verify({ ...received(SERVER), secrets: server, hideUnknownKeys: true }).consumerKey, 'app-key')
})
