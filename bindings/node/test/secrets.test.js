'use strict'
// No secret ever shows: the Signer, every result, explanation and verification, and
// every error (message, stack, util.inspect, JSON.stringify, String()), after signing,
// verifying and failing on purpose with all four signature methods and all three
// placements. The secrets share the marker `sekr3t`, made of unreserved characters, so
// finding it finds the raw, percent-encoded and form-encoded forms alike; the full
// encoded forms are checked too.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const util = require('node:util')
const { Signer, NonceStore, verify, percentEncode } = require('../oauth1.js')

const MARKER = 'sekr3t'
const CONSUMER_SECRET = 'CS-Zq9!sekr3t/+&é'
const TOKEN_SECRET = 'TS-Xw7 sekr3t%=~'
const KEY = 'app-key'
const TOKEN = 'access-token'
const URL_ = 'https://api.example.com/v1/items?b=2&a=1'
const FORM = 'application/x-www-form-urlencoded'
const fixed = { nonce: 'abcdef0123456789', timestamp: 1700000000 }
const NOW = 1700000000
const METHODS = ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']
const PLACEMENTS = ['header', 'query', 'body']

const FORBIDDEN = (() => {
  const out = new Set([MARKER])
  for (const s of [CONSUMER_SECRET, TOKEN_SECRET]) {
    out.add(s)
    out.add(percentEncode(s))
    out.add(encodeURIComponent(s))
    out.add(new URLSearchParams({ s }).toString().slice(2))
  }
  const key = `${percentEncode(CONSUMER_SECRET)}&${percentEncode(TOKEN_SECRET)}`
  out.add(key)
  out.add(percentEncode(key))
  return [...out]
})()

function assertClean (text, what) {
  const rendered = String(text)
  for (const secret of FORBIDDEN) {
    assert.ok(!rendered.includes(secret), `${what} shows a secret (${secret}): ${rendered}`)
  }
  let decoded = rendered
  try { decoded = decodeURIComponent(rendered.replace(/\+/g, ' ')) } catch { /* not an encoded text */ }
  assert.ok(!decoded.includes(MARKER), `${what} shows a secret once decoded: ${rendered}`)
}

/** Every way an object is commonly turned into text, minus the fields in `skip`. */
function * formats (value, skip = []) {
  const shown = skip.length && value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).filter(([k]) => !skip.includes(k)))
    : value
  yield ['util.inspect', util.inspect(shown)]
  yield ['util.inspect showHidden', util.inspect(shown, { showHidden: true, depth: 10, getters: true })]
  yield ['util.format %o', util.format('%o', shown)]
  yield ['JSON.stringify', JSON.stringify(shown)]
  yield ['String', (() => { try { return String(shown) } catch (e) { return e.message } })()]
  yield ['template', (() => { try { return `${shown}` } catch (e) { return e.message } })()]
  if (value instanceof Error) {
    yield ['message', value.message]
    yield ['stack', value.stack]
    yield ['toString', value.toString()]
    yield ['own properties', JSON.stringify(Object.getOwnPropertyNames(value).map((k) => [k, value[k]]))]
  }
}

function checkObject (value, what, skip = []) {
  for (const [how, text] of formats(value, skip)) assertClean(text, `${what} ${how}`)
}

const signer = (options = {}) => new Signer({ consumerKey: KEY, consumerSecret: CONSUMER_SECRET, token: TOKEN, tokenSecret: TOKEN_SECRET, ...options })
const lookup = { consumer: (key) => ({ secret: CONSUMER_SECRET }), tokenSecret: (key, token) => TOKEN_SECRET }

test('the check finds secrets in every form it claims to', () => {
  for (const leaked of [CONSUMER_SECRET, percentEncode(TOKEN_SECRET), encodeURIComponent(CONSUMER_SECRET)]) {
    assert.throws(() => assertClean(`x${leaked}y`, 'probe'), assert.AssertionError)
  }
  // A PLAINTEXT result holds the key (it goes on the wire), and shows it masked.
  const plaintext = signer({ signatureMethod: 'PLAINTEXT' }).sign({ method: 'GET', url: URL_, ...fixed })
  assert.throws(() => assertClean(plaintext.signature, 'PLAINTEXT signature'), assert.AssertionError)
  assert.throws(() => checkObject({ ...plaintext }, 'a plain copy of a PLAINTEXT result'), assert.AssertionError)
  checkObject(plaintext, 'PLAINTEXT result')
})

for (const signatureMethod of METHODS) {
  for (const placement of PLACEMENTS) {
    test(`${signatureMethod} ${placement}: signer, result, explanation, verification`, () => {
      const s = signer({ signatureMethod, placement, realm: 'R', callback: 'oob', verifier: 'v' })
      checkObject(s, 'Signer')
      checkObject(s.withClockOffset(5), 'Signer.withClockOffset')
      checkObject(s.toJSON(), 'Signer.toJSON')
      const request = { method: 'POST', url: URL_, body: 'c=3&d=4', contentType: FORM, ...fixed }
      const signed = s.sign(request)
      // PLAINTEXT sends the key itself as the signature (RFC 5849 section 3.4.4):
      // the fields that go on the wire carry it, and the result shows it masked.
      checkObject(signed, 'result')
      assertClean(signed.baseString, 'baseString')
      if (signatureMethod === 'PLAINTEXT') assert.ok(signed.signature.startsWith(percentEncode(CONSUMER_SECRET)))
      const e = s.explain(request)
      checkObject(e, 'Explanation')
      checkObject(e.signed, 'Explanation.signed')
      assert.equal(e.maskedKey, '<consumer secret>&<token secret>')

      const received = {
        method: 'POST',
        url: signed.signedUrl ?? URL_,
        body: signed.signedBody ?? request.body,
        contentType: FORM,
        authorization: placement === 'header' ? signed.authorization : undefined,
        now: NOW,
        signatureMethods: METHODS
      }
      for (const secrets of [s, lookup]) checkObject(verify({ ...received, secrets }), 'Verified')
    })
  }
}

function * failures () {
  const s = signer()
  const header = s.authorization({ method: 'GET', url: URL_, ...fixed })
  const plaintext = signer({ signatureMethod: 'PLAINTEXT' }).authorization({ method: 'GET', url: URL_, ...fixed })
  const wrong = {
    consumer: () => ({ secret: 'other-' + [...CONSUMER_SECRET].reverse().join('') }),
    tokenSecret: () => [...TOKEN_SECRET].reverse().join('')
  }
  const check = (options) => verify({ method: 'GET', url: URL_, authorization: header, secrets: s, now: NOW, ...options })
  yield ['invalid_url', () => s.sign({ method: 'GET', url: 'not a url' })]
  yield ['unsupported_scheme', () => s.sign({ method: 'GET', url: 'ftp://h/x' })]
  yield ['invalid_method', () => s.sign({ method: 'G T', url: URL_ })]
  yield ['empty key', () => new Signer({ consumerKey: '', consumerSecret: CONSUMER_SECRET, token: TOKEN, tokenSecret: TOKEN_SECRET })]
  yield ['token secret without token', () => new Signer({ consumerKey: KEY, consumerSecret: CONSUMER_SECRET, tokenSecret: TOKEN_SECRET })]
  yield ['unknown option', () => new Signer({ consumerKey: KEY, consumerSecret: CONSUMER_SECRET, tokenSecret: TOKEN_SECRET, bogus: CONSUMER_SECRET + 'x' })]
  yield ['secret of the wrong type', () => new Signer({ consumerKey: KEY, consumerSecret: Buffer.from(CONSUMER_SECRET) })]
  yield ['token secret of the wrong type', () => new Signer({ consumerKey: KEY, consumerSecret: CONSUMER_SECRET, token: TOKEN, tokenSecret: [TOKEN_SECRET] })]
  yield ['unknown_signature_method', () => signer({ signatureMethod: 'RSA-MD5' })]
  yield ['an RSA method without a key', () => signer({ signatureMethod: 'RSA-SHA1' })]
  yield ['a private key with an HMAC method', () => signer({ privateKey: fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'keys', 'rsa-2048.pem')), signatureMethod: 'HMAC-SHA256' })]
  yield ['invalid_timestamp', () => s.sign({ method: 'GET', url: URL_, timestamp: 0 })]
  yield ['invalid_nonce', () => s.sign({ method: 'GET', url: URL_, nonce: '' })]
  yield ['invalid_option', () => signer({ placement: 'body' }).sign({ method: 'POST', url: URL_, body: '{}', contentType: 'text/json' })]
  yield ['duplicate_parameter', () => s.sign({ method: 'GET', url: URL_ + '&oauth_token=x' })]
  yield ['malformed_header', () => check({ authorization: 'OAuth oauth_signature=' + CONSUMER_SECRET })]
  yield ['signature_invalid', () => check({ secrets: wrong })]
  yield ['signature_invalid PLAINTEXT', () => check({ authorization: plaintext, secrets: wrong, signatureMethods: ['PLAINTEXT'] })]
  yield ['signature_method_rejected PLAINTEXT', () => check({ authorization: plaintext })]
  yield ['signature_method_rejected PLAINTEXT over http', () => check({ url: URL_.replace('https:', 'http:'), authorization: plaintext, signatureMethods: ['PLAINTEXT'] })]
  yield ['signature_invalid hidden key', () => check({ secrets: { consumer: () => null, tokenSecret: () => null }, hideUnknownKeys: true })]
  yield ['signature_invalid tampered', () => check({ url: URL_ + '&c=3' })]
  yield ['timestamp_refused', () => check({ now: NOW + 10000 })]
  yield ['nonce_used', () => { const nonceStore = new NonceStore(); check({ nonceStore }); check({ nonceStore }) }]
  yield ['version_rejected', () => check({ authorization: header.replace('"1.0"', '"2.0"') })]
  yield ['parameter_absent', () => check({ authorization: undefined })]
  yield ['parameter_rejected', () => check({ url: URL_ + '&oauth_nonce=x' })]
  yield ['signature_method_rejected', () => check({ signatureMethods: ['HMAC-SHA256'] })]
  yield ['consumer_key_unknown', () => check({ secrets: { consumer: () => null, tokenSecret: () => TOKEN_SECRET } })]
  yield ['token_rejected', () => check({ secrets: { consumer: () => ({ secret: CONSUMER_SECRET }), tokenSecret: () => null } })]
  yield ['parameter_absent oauth_token', () => check({ authorization: signer({ token: undefined, tokenSecret: undefined }).authorization({ method: 'GET', url: URL_, ...fixed }) })]
  yield ['lookup throws', () => check({ secrets: { consumer: () => { throw new Error('lookup failed') }, tokenSecret: () => TOKEN_SECRET } })]
  yield ['lookup returns the wrong type', () => check({ secrets: { consumer: () => ({ secret: Buffer.from(CONSUMER_SECRET) }), tokenSecret: () => TOKEN_SECRET } })]
  yield ['lookup returns a string', () => check({ secrets: { consumer: () => CONSUMER_SECRET, tokenSecret: () => TOKEN_SECRET } })]
  yield ['token lookup returns the wrong type', () => check({ secrets: { consumer: () => ({ secret: CONSUMER_SECRET }), tokenSecret: () => [TOKEN_SECRET] } })]
  yield ['lookup answers in the old shape', () => check({ secrets: { consumer: () => ({ consumerSecret: CONSUMER_SECRET, tokenSecret: TOKEN_SECRET }), tokenSecret: () => TOKEN_SECRET } })]
  yield ['lookup in the removed function form', () => check({ secrets: () => ({ consumerSecret: CONSUMER_SECRET, tokenSecret: TOKEN_SECRET }) })]
}

for (const [name, fail] of failures()) {
  test(`error is clean: ${name}`, () => {
    let error
    try { fail() } catch (e) { error = e }
    assert.ok(error instanceof Error, `${name} did not throw`)
    checkObject(error, name)
  })
}

test('credential sources do not echo secrets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth1-secrets-'))
  const names = ['OAUTH1_CONSUMER_KEY', 'OAUTH1_CONSUMER_SECRET', 'OAUTH1_TOKEN', 'OAUTH1_TOKEN_SECRET']
  const saved = names.map((n) => process.env[n])
  try {
    const cases = [
      JSON.stringify({ appKey: KEY, secret: CONSUMER_SECRET, accessToken: TOKEN }).slice(0, -1),
      JSON.stringify({ secret: CONSUMER_SECRET, accessTokenSecret: TOKEN_SECRET }),
      JSON.stringify({ appKey: KEY, secret: [CONSUMER_SECRET] }),
      CONSUMER_SECRET
    ]
    cases.forEach((text, i) => {
      const file = path.join(dir, `c${i}.json`)
      fs.writeFileSync(file, text)
      let error
      try { Signer.fromFile(file) } catch (e) { error = e }
      assert.ok(error instanceof Error, `case ${i} loaded`)
      checkObject(error, `fromFile case ${i}`)
    })
    names.forEach((n) => delete process.env[n])
    process.env.OAUTH1_CONSUMER_SECRET = CONSUMER_SECRET
    process.env.OAUTH1_TOKEN_SECRET = TOKEN_SECRET
    let error
    try { Signer.fromEnv() } catch (e) { error = e }
    assert.ok(error instanceof Error)
    checkObject(error, 'fromEnv')
    process.env.OAUTH1_CONSUMER_KEY = KEY
    process.env.OAUTH1_TOKEN = TOKEN
    checkObject(Signer.fromEnv(), 'Signer.fromEnv')
  } finally {
    names.forEach((n, i) => { if (saved[i] === undefined) delete process.env[n]; else process.env[n] = saved[i] })
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
