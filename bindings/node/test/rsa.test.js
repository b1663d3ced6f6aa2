'use strict'
// RSA-SHA1, RSA-SHA256 and RSA-SHA512 (RFC 5849 section 3.4.3): every key in
// tests/vectors/keys loads from a Buffer, from text and from its file; every bad key
// fails with its own code; signers take a key in every form; lookups answer with
// public keys; and no key material or password ever shows (util.inspect,
// JSON.stringify, errors). The differential tests against node:crypto and
// oauth-sign are in differential.test.js.

const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const util = require('node:util')
const { Signer, RsaPrivateKey, RsaPublicKey, verify } = require('../oauth1.js')

const KEYS = path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'keys')
const read = (name) => fs.readFileSync(path.join(KEYS, name))
const PEM_PASSWORD = 'correct horse'
const P12_PASSWORD = 'keystore password'

// Every private key file with the options it loads with, and its size.
const PRIVATE = {
  'rsa-2048.pem': [{}, 2048],
  'rsa-2048.der': [{}, 2048],
  'rsa-2048-pkcs1.pem': [{}, 2048],
  'rsa-2048-encrypted.pem': [{ password: PEM_PASSWORD }, 2048],
  'rsa-2048-encrypted.der': [{ password: PEM_PASSWORD }, 2048],
  'rsa-2048-pkcs1-encrypted.pem': [{ password: PEM_PASSWORD }, 2048],
  'rsa-2048.p12': [{ password: P12_PASSWORD }, 2048],
  'rsa-2048-legacy.p12': [{ password: P12_PASSWORD }, 2048],
  'oauth-core-1.0-test.pem': [{ allowShortKey: true }, 1024],
  'rsa-1024.pem': [{ allowShortKey: true }, 1024]
}
// Every public key or certificate file: all of the 2048-bit key above.
const PUBLIC = ['rsa-2048-public.pem', 'rsa-2048-public.der', 'rsa-2048-public-pkcs1.pem', 'rsa-2048-cert.pem', 'rsa-2048-cert.der']
const ENCRYPTED = Object.keys(PRIVATE).filter((name) => PRIVATE[name][0].password !== undefined)

const PEM = read('rsa-2048.pem').toString()
const REQUEST = { method: 'POST', url: 'https://jira.example.com/plugins/servlet/oauth/request-token?x=1', nonce: 'n0nce', timestamp: 1700000000 }
const NOW = REQUEST.timestamp
/** What node:crypto signs for the base string with the 2048-bit key. */
const cryptoSign = (hash, baseString, pem = PEM) => crypto.sign(hash, Buffer.from(baseString), pem).toString('base64')

/** The ways a key's data is given: text (PEM files only), a Buffer, a Uint8Array, an ArrayBuffer. */
function * forms (name) {
  const bytes = read(name)
  if (name.endsWith('.pem')) yield ['text', bytes.toString()]
  yield ['Buffer', bytes]
  yield ['Uint8Array', new Uint8Array(bytes)]
  yield ['ArrayBuffer', bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)]
}

function throwsCode (fn, code, label) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `${label}: not an Error`)
    assert.equal(e.code, code, `${label}: ${e.message}`)
    return true
  }, label)
}

test('the tables cover every file in tests/vectors/keys', () => {
  const files = fs.readdirSync(KEYS).filter((f) => f !== 'README.md').sort()
  assert.deepEqual(files, [...Object.keys(PRIVATE), ...PUBLIC, 'ec-p256.pem'].sort())
})

test('every private key loads from text, bytes and its file, and signs as node:crypto does', () => {
  const signer = (privateKey, signatureMethod = 'RSA-SHA256') => new Signer({ consumerKey: 'jira', privateKey, signatureMethod })
  const reference = signer(PEM).sign(REQUEST)
  assert.equal(reference.signature, cryptoSign('sha256', reference.baseString))
  for (const [name, [options, bits]] of Object.entries(PRIVATE)) {
    const keys = [...forms(name)].map(([how, data]) => [how, new RsaPrivateKey(data, options)])
    keys.push(['fromFile', RsaPrivateKey.fromFile(path.join(KEYS, name), options)])
    if (options.password) {
      keys.push(['a Buffer password', new RsaPrivateKey(read(name), { password: Buffer.from(options.password) })])
      keys.push(['fromFile, a Uint8Array password', RsaPrivateKey.fromFile(path.join(KEYS, name), { password: new Uint8Array(Buffer.from(options.password)) })])
    }
    for (const [how, key] of keys) {
      const label = `${name} (${how})`
      assert.ok(key instanceof RsaPrivateKey, label)
      assert.equal(key.bits, bits, label)
      assert.equal(key.publicKey().bits, bits, label)
      const signed = signer(key).sign(REQUEST)
      if (bits === 2048) assert.equal(signed.signature, reference.signature, label)
      // Its public key verifies what it signed.
      const secrets = { consumer: () => ({ rsaPublicKey: key.publicKey(), twoLegged: true }), tokenSecret: () => null }
      const verified = verify({ method: REQUEST.method, url: REQUEST.url, authorization: signed.authorization, secrets, now: NOW })
      assert.equal(verified.signatureMethod, 'RSA-SHA256', label)
    }
  }
})

test('every public key and certificate loads from text, bytes and its file, and verifies', () => {
  const signer = new Signer({ consumerKey: 'jira', privateKey: PEM, signatureMethod: 'RSA-SHA512', token: 't' })
  const signed = signer.sign(REQUEST)
  const received = { method: REQUEST.method, url: REQUEST.url, authorization: signed.authorization, now: NOW }
  for (const name of PUBLIC) {
    const keys = [...forms(name)].map(([how, data]) => [how, new RsaPublicKey(data)])
    keys.push(['fromFile', RsaPublicKey.fromFile(path.join(KEYS, name))])
    for (const [how, data] of forms(name)) keys.push([`${how}, in the answer`, data])
    for (const [how, key] of keys) {
      const label = `${name} (${how})`
      if (key instanceof RsaPublicKey) assert.equal(key.bits, 2048, label)
      const secrets = { consumer: () => ({ rsaPublicKey: key }), tokenSecret: () => '' }
      assert.equal(verify({ ...received, secrets }).token, 't', label)
      const tampered = { ...received, url: REQUEST.url.replace('x=1', 'x=2'), secrets }
      throwsCode(() => verify(tampered), 'signature_invalid', `${label}, tampered`)
    }
  }
})

test('every bad key fails with its own code, from bytes, text and file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth1-keys-'))
  try {
    const file = (name, data) => {
      const where = path.join(dir, name)
      fs.writeFileSync(where, data)
      return where
    }
    // [what, class, data, options, code]
    const cases = []
    const both = (what, data, options, code) => {
      cases.push([what, RsaPrivateKey, data, options, code])
      cases.push([what, RsaPublicKey, data, options && options.allowShortKey !== undefined ? { allowShortKey: options.allowShortKey } : undefined, code])
    }
    for (const name of ['rsa-1024.pem', 'oauth-core-1.0-test.pem']) {
      cases.push([`${name}, short keys not allowed`, RsaPrivateKey, read(name), undefined, 'key_too_short'])
      cases.push([`${name}, allowShortKey: false`, RsaPrivateKey, read(name), { allowShortKey: false }, 'key_too_short'])
    }
    const short = crypto.createPublicKey(read('rsa-1024.pem')).export({ type: 'spki', format: 'pem' })
    cases.push(['a 1024-bit public key', RsaPublicKey, short, undefined, 'key_too_short'])
    assert.equal(new RsaPublicKey(short, { allowShortKey: true }).bits, 1024)
    both('an EC key', read('ec-p256.pem'), undefined, 'key_type')
    for (const name of PUBLIC) cases.push([`${name} where the private key is needed`, RsaPrivateKey, read(name), undefined, 'key_type'])
    for (const name of ['rsa-2048.pem', 'rsa-2048.der', 'rsa-2048-pkcs1.pem', 'rsa-2048-encrypted.pem', 'rsa-2048.p12']) {
      cases.push([`${name} where the public key is needed`, RsaPublicKey, read(name), undefined, 'key_type'])
    }
    for (const name of ENCRYPTED) {
      cases.push([`${name} without its password`, RsaPrivateKey, read(name), undefined, 'key_password'])
      cases.push([`${name} with a wrong password`, RsaPrivateKey, read(name), { password: 'wrong password' }, 'key_password'])
    }
    both('empty', Buffer.alloc(0), undefined, 'key_unreadable')
    both('empty text', '', undefined, 'key_unreadable')
    both('not a key', 'hello, I am not a key', undefined, 'key_unreadable')
    both('random bytes', crypto.randomBytes(600), undefined, 'key_unreadable')
    both('a PEM block of another kind', '-----BEGIN DH PARAMETERS-----\nMAA=\n-----END DH PARAMETERS-----\n', undefined, 'key_unreadable')
    cases.push(['a truncated PEM key', RsaPrivateKey, PEM.slice(0, 900), undefined, 'key_unreadable'])
    cases.push(['a corrupt PEM key', RsaPrivateKey, PEM.replace(/[A-Z]/g, 'A'), undefined, 'key_unreadable'])
    cases.push(['a truncated DER key', RsaPrivateKey, read('rsa-2048.der').subarray(0, 600), undefined, 'key_unreadable'])
    cases.push(['a truncated PEM public key', RsaPublicKey, read('rsa-2048-public.pem').toString().slice(0, 200), undefined, 'key_unreadable'])
    cases.push(['a truncated certificate', RsaPublicKey, read('rsa-2048-cert.der').subarray(0, 400), undefined, 'key_unreadable'])
    cases.forEach(([what, Key, data, options, code], i) => {
      const label = `${Key.name}: ${what}`
      throwsCode(() => new Key(data, options), code, label)
      throwsCode(() => Key.fromFile(file(`case-${i}`, data), options), code, `${label} (fromFile)`)
      if (Key === RsaPrivateKey) {
        throwsCode(() => new Signer({ consumerKey: 'k', privateKey: options ? new Key(data, options) : data }), code, `${label} (new Signer)`)
      } else {
        const secrets = { consumer: () => ({ rsaPublicKey: options ? new Key(data, options) : data }), tokenSecret: () => null }
        const signed = new Signer({ consumerKey: 'k', privateKey: PEM }).sign(REQUEST)
        throwsCode(() => verify({ method: REQUEST.method, url: REQUEST.url, authorization: signed.authorization, secrets, now: NOW }), code, `${label} (a lookup's answer)`)
      }
    })
    for (const Key of [RsaPrivateKey, RsaPublicKey]) {
      throwsCode(() => Key.fromFile(path.join(dir, 'missing.pem')), 'key_unreadable', `${Key.name}.fromFile of a missing file`)
      throwsCode(() => Key.fromFile(dir), 'key_unreadable', `${Key.name}.fromFile of a directory`)
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('key arguments of the wrong type are invalid_argument', () => {
  const cases = [
    () => new RsaPrivateKey(), () => new RsaPrivateKey(null), () => new RsaPrivateKey(5), () => new RsaPrivateKey({}),
    () => new RsaPrivateKey(new Float64Array(2)), () => new RsaPrivateKey(PEM, 'password'), () => new RsaPrivateKey(PEM, { pasword: 'x' }),
    () => new RsaPrivateKey(PEM, { password: 5 }), () => new RsaPrivateKey(PEM, { allowShortKey: 'yes' }),
    () => new RsaPublicKey(), () => new RsaPublicKey(7), () => new RsaPublicKey(read('rsa-2048-public.pem'), { password: 'x' }),
    () => RsaPrivateKey.fromFile(), () => RsaPrivateKey.fromFile(5), () => RsaPrivateKey.fromFile(Buffer.from('x.pem')),
    () => RsaPublicKey.fromFile({}), () => RsaPublicKey.fromFile('x.pem', [])
  ]
  for (const [i, f] of cases.entries()) throwsCode(f, 'invalid_argument', `#${i}`)
})

test('signers: the key in every form, RSA-SHA1 by default, no consumer secret needed, the token secret unused', () => {
  const key = new RsaPrivateKey(PEM)
  const bytes = read('rsa-2048.pem')
  const signatures = new Set()
  for (const privateKey of [key, PEM, bytes, new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)]) {
    const signer = new Signer({ consumerKey: 'jira', privateKey, token: 't', tokenSecret: 'ts' })
    assert.equal(signer.signatureMethod, 'RSA-SHA1')
    const signed = signer.sign(REQUEST)
    assert.equal(signed.signature, cryptoSign('sha1', signed.baseString))
    assert.ok(signed.params.some(([n, v]) => n === 'oauth_signature_method' && v === 'RSA-SHA1'))
    signatures.add(signed.signature)
    // A consumer secret may be given, and neither it nor the token secret is used.
    const other = new Signer({ consumerKey: 'jira', consumerSecret: 'unused', privateKey, token: 't', tokenSecret: 'other' })
    assert.equal(other.sign(REQUEST).signature, signed.signature)
  }
  assert.equal(signatures.size, 1)
  for (const [signatureMethod, hash] of [['RSA-SHA1', 'sha1'], ['RSA-SHA256', 'sha256'], ['RSA-SHA512', 'sha512']]) {
    const signer = new Signer({ consumerKey: 'jira', privateKey: key, signatureMethod, bodyHash: true })
    assert.equal(signer.signatureMethod, signatureMethod)
    const body = '{"fields":{"summary":"x"}}'
    const signed = signer.sign({ ...REQUEST, body, contentType: 'application/json' })
    assert.equal(Buffer.from(signed.signature, 'base64').length, 256)
    assert.equal(signed.signature, cryptoSign(hash, signed.baseString))
    const bodyHash = crypto.createHash(hash).update(body).digest('base64')
    assert.ok(signed.params.some(([n, v]) => n === 'oauth_body_hash' && v === bodyHash), signatureMethod)
    assert.equal(signer.authorization({ ...REQUEST, body, contentType: 'application/json' }), signed.authorization)
    assert.equal(signer.explain({ ...REQUEST, body, contentType: 'application/json' }).signed.signature, signed.signature)
    assert.equal(signer.withClockOffset(60).sign({ ...REQUEST, body, contentType: 'application/json' }).signature, signed.signature)
  }
  for (const placement of ['query', 'body']) {
    const signer = new Signer({ consumerKey: 'jira', privateKey: key, placement })
    const signed = signer.sign({ ...REQUEST, body: 'a=1', contentType: 'application/x-www-form-urlencoded' })
    assert.equal(signed.signature, cryptoSign('sha1', signed.baseString), placement)
    const received = { method: REQUEST.method, url: signed.signedUrl ?? REQUEST.url, body: signed.signedBody ?? 'a=1', contentType: 'application/x-www-form-urlencoded', secrets: signer, now: NOW }
    assert.equal(verify(received).placement, placement)
  }
  // One key object serves many signers, and outlives the first of them.
  const signers = Array.from({ length: 3 }, (_, i) => new Signer({ consumerKey: `c${i}`, privateKey: key }))
  for (const signer of signers) assert.equal(signer.sign(REQUEST).signature, cryptoSign('sha1', signer.sign(REQUEST).baseString))
})

test('signers: credentials and methods that do not fit a key', () => {
  const key = new RsaPrivateKey(PEM)
  throwsCode(() => new Signer({ consumerKey: 'k' }), 'invalid_credentials', 'no secret, no key')
  assert.throws(() => new Signer({ consumerKey: 'k', token: 't' }), /`consumerSecret` is required unless a `privateKey` is given/)
  throwsCode(() => new Signer({ consumerKey: 'k', consumerSecret: 's', signatureMethod: 'RSA-SHA256' }), 'invalid_credentials', 'RSA without a key')
  for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']) {
    throwsCode(() => new Signer({ consumerKey: 'k', privateKey: key, signatureMethod }), 'invalid_option', `a key with ${signatureMethod}`)
  }
  throwsCode(() => new Signer({ consumerKey: '', privateKey: key }), 'invalid_credentials', 'an empty consumer key')
  throwsCode(() => new Signer({ consumerKey: 'k', privateKey: key, tokenSecret: 'ts' }), 'invalid_credentials', 'a token secret without a token')
  // An empty consumer secret is a secret: HMAC signs with it.
  assert.equal(new Signer({ consumerKey: 'k', consumerSecret: '' }).signatureMethod, 'HMAC-SHA1')
})

test('verify: a Signer answers with its public key; lookups with rsaPublicKey, secret, or both', () => {
  const key = new RsaPrivateKey(read('rsa-2048.p12'), { password: P12_PASSWORD })
  const rsa = new Signer({ consumerKey: 'jira', privateKey: key, token: 't', tokenSecret: 'ts', signatureMethod: 'RSA-SHA256' })
  const hmac = new Signer({ consumerKey: 'jira', consumerSecret: 'cs', token: 't', tokenSecret: 'ts' })
  const receive = (signer, extra = {}) => ({ method: REQUEST.method, url: REQUEST.url, authorization: signer.authorization(REQUEST), now: NOW, ...extra })
  // The RSA signer verifies its own requests, and refuses HMAC ones for its consumer
  // even when it was given a consumer secret: its consumer signs with RSA.
  assert.equal(verify({ ...receive(rsa), secrets: rsa }).signatureMethod, 'RSA-SHA256')
  throwsCode(() => verify({ ...receive(hmac), secrets: rsa }), 'signature_method_rejected', 'HMAC for an RSA signer')
  const rsaWithSecret = new Signer({ consumerKey: 'jira', consumerSecret: 'cs', privateKey: key, token: 't', tokenSecret: 'ts' })
  throwsCode(() => verify({ ...receive(hmac), secrets: rsaWithSecret }), 'signature_method_rejected', 'HMAC for an RSA signer with a secret')
  // And an HMAC signer refuses RSA requests: it has no public key.
  throwsCode(() => verify({ ...receive(rsa), secrets: hmac }), 'signature_method_rejected', 'RSA for an HMAC signer')

  const lookup = (consumer) => ({ consumer: (k) => k === 'jira' ? consumer : null, tokenSecret: (k, token) => token === 't' ? 'ts' : null })
  const publicKey = key.publicKey()
  assert.equal(verify({ ...receive(rsa), secrets: lookup({ rsaPublicKey: publicKey }) }).consumerKey, 'jira')
  throwsCode(() => verify({ ...receive(hmac), secrets: lookup({ rsaPublicKey: publicKey }) }), 'signature_method_rejected', 'HMAC for an RSA-only consumer')
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({ secret: 'cs' }) }), 'signature_method_rejected', 'RSA for a consumer without a public key')
  const both = lookup({ secret: 'cs', rsaPublicKey: read('rsa-2048-cert.pem') })
  assert.equal(verify({ ...receive(rsa), secrets: both }).signatureMethod, 'RSA-SHA256')
  assert.equal(verify({ ...receive(hmac), secrets: both }).signatureMethod, 'HMAC-SHA1')
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({ rsaPublicKey: publicKey }), signatureMethods: ['HMAC-SHA1', 'RSA-SHA1'] }), 'signature_method_rejected', 'RSA-SHA256 not accepted')
  // Another key's signature is not this one's.
  const other = new RsaPrivateKey(read('rsa-1024.pem'), { allowShortKey: true }).publicKey()
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({ rsaPublicKey: other }) }), 'signature_invalid', 'another public key')
  // Bad answers: the key errors pass through, wrong shapes are invalid_argument.
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({ rsaPublicKey: PEM }) }), 'key_type', 'a private key as the public key')
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({ rsaPublicKey: 'garbage' }) }), 'key_unreadable', 'garbage as the public key')
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({ rsaPublicKey: key }) }), 'invalid_argument', 'a private key object as the public key')
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({}) }), 'invalid_argument', 'neither secret nor key')
  throwsCode(() => verify({ ...receive(rsa), secrets: lookup({ secret: null, rsaPublicKey: null }) }), 'invalid_argument', 'both null')
})

test('explain shows the key size only', () => {
  const signer = new Signer({ consumerKey: 'jira', privateKey: PEM, token: 't', tokenSecret: 'ts' })
  const explanation = signer.explain(REQUEST)
  assert.equal(explanation.maskedKey, '<RSA private key, 2048 bits> (the token secret is not used)')
  assert.equal(explanation.signed.signature, signer.sign(REQUEST).signature)
})

// ---- no key material, no password, anywhere

/** Pieces of every key file's content as it could show: PEM lines, base64 and hex of the bytes. */
const FORBIDDEN = (() => {
  const out = new Set([PEM_PASSWORD, P12_PASSWORD, 'wrong password', 'BEGIN PRIVATE', 'BEGIN RSA PRIVATE', 'BEGIN ENCRYPTED'])
  for (const name of fs.readdirSync(KEYS).filter((f) => f !== 'README.md')) {
    const bytes = read(name)
    const der = name.endsWith('.pem')
      ? Buffer.from(bytes.toString().replace(/-----[^-]+-----/g, '').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s/g, ''), 'base64')
      : bytes
    const base64 = der.toString('base64')
    const hex = der.toString('hex')
    for (let i = 0; i + 16 <= base64.length; i += 4) out.add(base64.slice(i, i + 16))
    for (let i = 0; i + 16 <= hex.length; i += 2) out.add(hex.slice(i, i + 16))
  }
  return [...out]
})()

function assertClean (text, what) {
  const rendered = String(text)
  for (const piece of FORBIDDEN) assert.ok(!rendered.includes(piece), `${what} shows key material or a password (${piece}): ${rendered}`)
}

function * shown (value) {
  yield ['util.inspect', util.inspect(value)]
  yield ['util.inspect showHidden', util.inspect(value, { showHidden: true, depth: 10, getters: true })]
  yield ['util.format %o', util.format('%o', value)]
  yield ['JSON.stringify', JSON.stringify(value)]
  yield ['String', (() => { try { return String(value) } catch (e) { return e.message } })()]
  yield ['own properties', JSON.stringify(Object.getOwnPropertyNames(value).map((k) => [k, value[k]]))]
  if (value instanceof Error) {
    yield ['message', value.message]
    yield ['stack', value.stack]
  }
}

test('the check finds key material in the forms it claims to', () => {
  const der = read('rsa-2048.der')
  for (const leaked of [PEM.split('\n')[5], der.toString('base64').slice(400, 440), der.toString('hex').slice(100, 140), P12_PASSWORD]) {
    assert.throws(() => assertClean(`x${leaked}y`, 'probe'), assert.AssertionError)
  }
})

test('keys and RSA signers show their size and never the key', () => {
  const key = new RsaPrivateKey(read('rsa-2048-encrypted.pem'), { password: PEM_PASSWORD })
  assert.equal(util.inspect(key), 'RsaPrivateKey { bits: 2048 }')
  assert.equal(util.inspect(key.publicKey()), 'RsaPublicKey { bits: 2048 }')
  assert.equal(JSON.stringify(key), '{"bits":2048}')
  assert.equal(JSON.stringify({ key: RsaPublicKey.fromFile(path.join(KEYS, 'rsa-2048-cert.der')) }), '{"key":{"bits":2048}}')
  assert.deepEqual(Object.keys(key), [])
  const signer = new Signer({ consumerKey: 'jira', privateKey: key, token: 't', tokenSecret: 'ts', signatureMethod: 'RSA-SHA512' })
  const signed = signer.sign(REQUEST)
  const explanation = signer.explain(REQUEST)
  const secrets = { consumer: () => ({ rsaPublicKey: key.publicKey() }), tokenSecret: () => 'ts' }
  const verified = verify({ method: REQUEST.method, url: REQUEST.url, authorization: signed.authorization, secrets, now: NOW })
  const values = [['RsaPrivateKey', key], ['RsaPublicKey', key.publicKey()], ['Signer', signer], ['Signer.toJSON', signer.toJSON()],
    ['withClockOffset', signer.withClockOffset(1)], ['SignResult', signed], ['Explanation', explanation], ['Verified', verified],
    ['a structure holding keys', { key, signer, list: [key.publicKey()] }]]
  for (const [what, value] of values) for (const [how, text] of shown(value)) assertClean(text, `${what} ${how}`)
})

test('errors about keys show neither the key nor its password', () => {
  const failures = [
    () => new RsaPrivateKey(read('rsa-2048-encrypted.pem'), { password: 'wrong password' }),
    () => new RsaPrivateKey(read('rsa-2048-encrypted.der'), { password: 'wrong password' }),
    () => new RsaPrivateKey(read('rsa-2048-pkcs1-encrypted.pem'), { password: 'wrong password' }),
    () => new RsaPrivateKey(read('rsa-2048.p12'), { password: 'wrong password' }),
    () => new RsaPrivateKey(read('rsa-2048-legacy.p12')),
    () => new RsaPrivateKey(read('rsa-2048-encrypted.pem')),
    () => new RsaPrivateKey(read('rsa-1024.pem')),
    () => new RsaPrivateKey(read('ec-p256.pem')),
    () => new RsaPrivateKey(read('rsa-2048-public.pem')),
    () => new RsaPrivateKey(read('rsa-2048-cert.der')),
    () => new RsaPublicKey(PEM),
    () => new RsaPublicKey(read('rsa-2048.der')),
    () => new RsaPrivateKey(PEM.slice(0, 1000)),
    () => new RsaPrivateKey(PEM.replace('MII', 'M!I')),
    () => new RsaPrivateKey(read('rsa-2048.der').subarray(0, 1000)),
    () => new RsaPrivateKey(PEM, { password: 5 }),
    () => new Signer({ consumerKey: 'k', privateKey: PEM, signatureMethod: 'HMAC-SHA1' }),
    () => new Signer({ consumerKey: 'k', privateKey: read('rsa-2048.p12') }),
    () => new Signer({ consumerKey: 'k', privateKey: PEM, bogus: PEM }),
    () => verify({ method: 'GET', url: REQUEST.url, authorization: 'OAuth oauth_consumer_key="k"', secrets: { consumer: () => ({ rsaPublicKey: PEM }), tokenSecret: () => null } })
  ]
  for (const [i, fail] of failures.entries()) {
    let error
    try { fail() } catch (e) { error = e }
    assert.ok(error instanceof Error, `#${i} did not throw`)
    for (const [how, text] of shown(error)) assertClean(text, `error #${i} (${error.code}) ${how}`)
  }
})
