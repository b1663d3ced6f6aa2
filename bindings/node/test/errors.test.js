'use strict'
// Bad input from JavaScript throws an Error with the documented code and never
// crashes the process.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const oauth1 = require('../oauth1.js')
const { Signer, NonceStore, RsaPrivateKey, RsaPublicKey, verify } = oauth1
const PEM = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'keys', 'rsa-2048.pem'), 'utf8')

const good = { consumerKey: 'k', consumerSecret: 's' }
const signer = new Signer(good)
const url = 'https://api.example.com/x'

function throwsCode (fn, code, label) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `${label}: not an Error`)
    assert.equal(e.code, code, `${label}: ${e.message}`)
    assert.equal(typeof e.message, 'string')
    return true
  }, label)
}

test('ErrorCode lists the core table\'s codes and invalid_argument, in the typings and at run time', () => {
  const core = require('../index.js')._coreErrorCodes()
  assert.ok(core.length >= 24 && core.includes('signature_invalid') && !core.includes('invalid_argument'), core.join())
  for (const code of ['key_password', 'key_type', 'key_unreadable', 'key_too_short']) assert.ok(core.includes(code), code)
  const expected = [...core, 'invalid_argument'].sort()
  const typings = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')
  const union = /^export type ErrorCode = (.*)$/m.exec(typings)
  assert.ok(union, 'index.d.ts declares ErrorCode')
  const declared = union[1].split(' | ').map((member) => /^'([a-z_]+)'$/.exec(member.trim())?.[1] ?? member)
  assert.deepEqual([...declared].sort(), expected, 'the ErrorCode union of index.d.ts')
  assert.deepEqual(Object.values(oauth1.ErrorCode).sort(), expected, 'the ErrorCode object')
})

test('the typings spell the signature methods and placements as the core does', () => {
  const [methods, placements] = require('../index.js')._coreNames()
  assert.ok(methods.includes('HMAC-SHA1') && placements.includes('header'), `${methods} ${placements}`)
  for (const name of ['RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512']) assert.ok(methods.includes(name), `the core has ${name}`)
  const typings = ['index.d.ts', 'inputs.d.ts', 'oauth1.d.ts']
    .map((file) => fs.readFileSync(path.join(__dirname, '..', file), 'utf8')).join('\n')
  // Every union of quoted names that starts with a method or a placement, wherever it is.
  const unions = (first) => [...typings.matchAll(new RegExp(`'${first}'(?: \\| '[^']+')+`, 'g'))]
    .map((m) => m[0].split(' | ').map((member) => member.slice(1, -1)))
  const methodUnions = unions('HMAC-SHA1')
  const placementUnions = unions('header')
  assert.ok(methodUnions.length >= 7 && placementUnions.length >= 3, 'the typings have the unions')
  for (const union of methodUnions) {
    // hmacSignature takes the HMAC methods only.
    const expected = union.includes('PLAINTEXT') ? methods : methods.filter((m) => m.startsWith('HMAC-'))
    assert.deepEqual(union, expected, `a signature method union: ${union.join(' | ')}`)
  }
  for (const union of placementUnions) assert.deepEqual(union, placements, `a placement union: ${union.join(' | ')}`)
})

test('constructor: wrong types, missing fields, unknown options', () => {
  const cases = [
    [undefined, 'invalid_argument'], [null, 'invalid_argument'], ['k', 'invalid_argument'], [[], 'invalid_argument'],
    [{}, 'invalid_argument'], [{ consumerKey: 'k' }, 'invalid_credentials'], [{ consumerSecret: 's' }, 'invalid_argument'],
    [{ ...good, consumerKey: 1 }, 'invalid_argument'], [{ ...good, token: {} }, 'invalid_argument'],
    [{ ...good, version: 'yes' }, 'invalid_argument'], [{ ...good, clockOffset: 1.5 }, 'invalid_argument'],
    [{ ...good, clockOffset: '10' }, 'invalid_argument'], [{ ...good, consumer_key: 'k' }, 'invalid_argument'],
    [{ ...good, consumerKey: '' }, 'invalid_credentials'], [{ ...good, tokenSecret: 'ts' }, 'invalid_credentials'],
    [{ ...good, signatureMethod: 'RSA-SHA1' }, 'invalid_credentials'], [{ ...good, signatureMethod: 'md5' }, 'unknown_signature_method'],
    [{ consumerKey: 'k', consumerSecret: null }, 'invalid_credentials'], [{ consumerKey: 'k', privateKey: PEM, signatureMethod: 'PLAINTEXT' }, 'invalid_option'],
    [{ ...good, privateKey: 5 }, 'invalid_argument'], [{ ...good, privateKey: {} }, 'invalid_argument'], [{ ...good, privateKey: [] }, 'invalid_argument'],
    [{ ...good, privateKey: new Uint16Array(4) }, 'invalid_argument'], [{ ...good, privateKey: new NonceStore() }, 'invalid_argument'],
    [{ ...good, privateKey: new RsaPrivateKey(PEM).publicKey() }, 'invalid_argument'], [{ ...good, privateKey: '' }, 'key_unreadable'],
    [{ ...good, privateKey: 'not a key' }, 'key_unreadable'], [{ ...good, privateKey: Buffer.alloc(0) }, 'key_unreadable'],
    [{ ...good, placement: 'cookie' }, 'invalid_option'], [{ ...good, callback: '' }, 'invalid_option']
  ]
  for (const [options, code] of cases) throwsCode(() => new Signer(options), code, JSON.stringify(options) ?? String(options))
  throwsCode(() => Signer.fromEnv('x'), 'invalid_argument', 'fromEnv("x")')
  throwsCode(() => Signer.fromEnv({ consumerKey: 'k' }), 'invalid_argument', 'fromEnv with credentials')
  throwsCode(() => Signer.fromEnv({ privateKey: PEM }), 'invalid_argument', 'fromEnv with a private key')
  throwsCode(() => Signer.fromFile('c.json', { privateKey: PEM }), 'invalid_argument', 'fromFile with a private key')
})

test('sign: wrong types, missing fields, bad method, malformed URL', () => {
  const cases = [
    [undefined, 'invalid_argument'], [null, 'invalid_argument'], [42, 'invalid_argument'], ['GET', 'invalid_argument'], [[], 'invalid_argument'],
    [{}, 'invalid_argument'], [{ method: 'GET' }, 'invalid_argument'], [{ url }, 'invalid_argument'],
    [{ method: 1, url }, 'invalid_argument'], [{ method: 'GET', url: new URL(url) }, 'invalid_argument'],
    [{ method: 'GET', url, body: 12 }, 'invalid_argument'], [{ method: 'GET', url, body: {} }, 'invalid_argument'],
    [{ method: 'GET', url, body: new Uint16Array(2) }, 'invalid_argument'], [{ method: 'GET', url, contentType: 5 }, 'invalid_argument'],
    [{ method: 'GET', url, timestamp: '1700000000' }, 'invalid_argument'], [{ method: 'GET', url, timestamp: 1.5 }, 'invalid_argument'],
    [{ method: 'GET', url, timestamp: NaN }, 'invalid_argument'], [{ method: 'GET', url, nonce: 7 }, 'invalid_argument'],
    [{ method: '', url }, 'invalid_method'], [{ method: 'GE T', url }, 'invalid_method'], [{ method: 'GET\n', url }, 'invalid_method'],
    [{ method: 'GET', url: 'not a url' }, 'invalid_url'], [{ method: 'GET', url: 'https://' }, 'invalid_url'],
    [{ method: 'GET', url: '/relative/path' }, 'invalid_url'], [{ method: 'GET', url: 'http://host:99999/' }, 'invalid_url'],
    [{ method: 'GET', url: 'ftp://example.com/' }, 'unsupported_scheme'],
    [{ method: 'GET', url, timestamp: 0 }, 'invalid_timestamp'], [{ method: 'GET', url, timestamp: -5 }, 'invalid_timestamp'],
    [{ method: 'GET', url, nonce: '' }, 'invalid_nonce'],
    [{ method: 'GET', url: url + '?oauth_nonce=x' }, 'duplicate_parameter']
  ]
  for (const [request, code] of cases) {
    const label = util(request)
    throwsCode(() => signer.sign(request), code, `sign ${label}`)
    throwsCode(() => signer.authorization(request), code, `authorization ${label}`)
    throwsCode(() => signer.explain(request), code, `explain ${label}`)
  }
  const bodySigner = new Signer({ ...good, placement: 'body' })
  throwsCode(() => bodySigner.sign({ method: 'POST', url, body: '{}', contentType: 'application/json' }), 'invalid_option', 'body placement with JSON')
})

test('verify and helpers: wrong types', () => {
  throwsCode(() => verify(), 'invalid_argument', 'verify()')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, extra: 1 }), 'invalid_argument', 'unknown field')
  throwsCode(() => verify({ method: 'GET', url: 'nope', secrets: signer }), 'invalid_url', 'bad URL')
  throwsCode(() => verify({ method: 'G T', url, secrets: signer }), 'invalid_method', 'bad method')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, signatureMethods: ['MD5'] }), 'unknown_signature_method', 'bad method list')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, signatureMethods: 'HMAC-SHA1' }), 'invalid_argument', 'method list not an array')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, maxSkew: -1 }), 'invalid_argument', 'negative skew')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, maxSkew: 1.5 }), 'invalid_argument', 'fractional skew')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, now: -1 }), 'invalid_timestamp', 'negative now')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, now: '1700000000' }), 'invalid_argument', 'now as a string')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, signatureMethods: [] }), 'invalid_option', 'empty method list')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer, hideUnknownKeys: 1 }), 'invalid_argument', 'hideUnknownKeys as a number')
  throwsCode(() => verify({ method: 'GET', url, secrets: () => null }), 'invalid_argument', 'secrets as a function')
  throwsCode(() => new NonceStore({ capacity: 0 }), 'invalid_option', 'NonceStore capacity 0')
  throwsCode(() => new NonceStore({ window: 0 }), 'invalid_option', 'NonceStore window 0')
  throwsCode(() => new NonceStore({ capacity: -5 }), 'invalid_argument', 'NonceStore negative capacity')
  throwsCode(() => verify({ method: 'GET', url, secrets: signer }), 'parameter_absent', 'unsigned request')
  throwsCode(() => new NonceStore('big'), 'invalid_argument', 'NonceStore("big")')
  throwsCode(() => oauth1.hmacSignature('MD5', 'k', 'm'), 'unknown_signature_method', 'hmac MD5')
  throwsCode(() => oauth1.baseStringUri('mailto:x@y'), 'unsupported_scheme', 'baseStringUri mailto')
  throwsCode(() => oauth1.bodyHash('{}', 'MD5'), 'unknown_signature_method', 'bodyHash MD5')
  throwsCode(() => oauth1.clockOffsetFromProblem('oauth_acceptable_timestamps="1-2"', -1), 'invalid_timestamp', 'clockOffsetFromProblem negative now')
  throwsCode(() => oauth1.signedFetch({}), 'invalid_argument', 'signedFetch({})')
  throwsCode(() => oauth1.axiosInterceptor(signer, {}), 'invalid_argument', 'axiosInterceptor without axios')
  throwsCode(() => signer.withClockOffset(0.5), 'invalid_argument', 'withClockOffset(0.5)')
  throwsCode(() => signer.withClockOffset('60'), 'invalid_argument', 'withClockOffset("60")')
  const primitives = [
    () => oauth1.percentEncode(5), () => oauth1.baseStringUri(null), () => oauth1.normalizedParameters('https://x/', 5),
    () => oauth1.normalizedParameters(), () => oauth1.hmacSignature('HMAC-SHA1', 987654321, 'm'), () => oauth1.bodyHash('{}', 5),
    () => oauth1.bodyHash(), () => oauth1.bodyHash(5, 'HMAC-SHA1'), () => oauth1.clockOffsetFromProblem(5), () => oauth1.clockOffsetFromProblem('a', 'b')
  ]
  for (const [i, f] of primitives.entries()) throwsCode(f, 'invalid_argument', `primitive #${i}`)
  assert.throws(() => oauth1.hmacSignature('HMAC-SHA1', 987654321, 'm'), (e) => !e.message.includes('987654321'))
})

test('huge and hostile inputs are errors or signatures, never crashes', () => {
  const long = 'a'.repeat(1 << 20)
  assert.equal(typeof signer.sign({ method: 'GET', url: `${url}?q=${long}` }).signature, 'string')
  assert.equal(typeof signer.sign({ method: 'POST', url, body: Buffer.alloc(1 << 20, 0xff), contentType: 'application/x-www-form-urlencoded' }).signature, 'string')
  for (const weird of ['http://[::1/', 'http://exa mple.com/', 'https://\u0000/', 'http://a:b@/x', '\ud800', 'https://example.com/\ud800']) {
    try {
      signer.sign({ method: 'GET', url: weird })
    } catch (e) {
      assert.ok(e instanceof Error && typeof e.code === 'string', weird)
    }
  }
  const getterThrows = { method: 'GET', get url () { throw new Error('getter') } }
  assert.throws(() => signer.sign(getterThrows), /getter/)
})

function util (value) {
  try { return JSON.stringify(value) ?? String(value) } catch { return String(value) }
}

test('random requests, options and received requests: a result or an Error with a documented code', () => {
  const codes = new Set(Object.values(oauth1.ErrorCode))
  let seed = 7
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const values = [undefined, null, 0, -1, 1.5, 2 ** 60, NaN, '', 'GET', 'post', 'G\u0000T', 'https://a.example/p?q=1',
    'http://[::1]:8080/x', 'ftp://x/', '%zz', '\ud83d', 'x'.repeat(3000), true, {}, [], Symbol('s'), 10n,
    Buffer.from('a=1'), new Uint8Array([0xff, 0x3d]), new ArrayBuffer(3), new Float32Array(1), () => 1, new Date(0)]
  const fields = ['method', 'url', 'body', 'contentType', 'nonce', 'timestamp']
  let signed = 0
  for (let i = 0; i < 5000; i++) {
    const request = { method: 'GET', url: 'https://api.example.com/x' }
    for (const field of fields) if (rand() < 0.35) request[field] = pick(values)
    const target = rand() < 0.1 ? pick(values) : request
    for (const call of [() => signer.sign(target), () => signer.authorization(target)]) {
      try {
        call()
        signed++
      } catch (e) {
        assert.ok(e instanceof Error, `#${i}: threw a non-Error`)
        assert.ok(codes.has(e.code), `#${i}: undocumented code ${e.code}: ${e.message}`)
      }
    }
  }
  assert.ok(signed > 100, 'some random requests are valid')

  const options = ['consumerKey', 'consumerSecret', 'token', 'tokenSecret', 'signatureMethod', 'realm', 'version', 'placement', 'clockOffset', 'privateKey']
  const received = ['method', 'url', 'authorization', 'body', 'contentType', 'now', 'maxSkew', 'signatureMethods', 'nonceStore', 'secrets',
    'allowPlaintextOverHttp', 'requireTimestamp', 'requireBodyHash', 'hideUnknownKeys']
  for (let i = 0; i < 2000; i++) {
    const o = { consumerKey: 'k', consumerSecret: 's' }
    for (const field of options) if (rand() < 0.2) o[field] = pick(values)
    const r = { method: 'GET', url: 'https://api.example.com/x', authorization: signer.authorization({ method: 'GET', url: 'https://api.example.com/x' }), secrets: signer }
    for (const field of received) if (rand() < 0.2) r[field] = pick(values)
    for (const call of [() => new Signer(o), () => verify(r)]) {
      try {
        call()
      } catch (e) {
        assert.ok(e instanceof Error && codes.has(e.code), `#${i}: ${e && e.code}: ${e && e.message}`)
      }
    }
  }
})
