'use strict'
// The shared bad-input table, tests/vectors/bad-input.json: every case of every
// section, one subtest per case name. Each input must fail with the table's error
// code (or, where `error` is null, be accepted), with the table's
// `parametersAbsent` / `parametersRejected`, and without `message_excludes` in the
// message. The table's fields are snake_case; they are passed under their
// JavaScript names, and a field this runner does not know fails the case. A signer's
// `private_key` (PEM text) is given as text, as a Buffer and as an `RsaPrivateKey`
// (with `private_key_password` and `allow_short_key` as its options); a server's
// `rsa_public_key` as text, a Buffer and an `RsaPublicKey`.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { Signer, NonceStore, RsaPrivateKey, RsaPublicKey, verify } = require('../oauth1.js')

const table = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'bad-input.json'), 'utf8'))
const SECTIONS = ['sign', 'verify', 'nonce_store']

/** `{ consumer_key: 1 }` as `{ consumerKey: 1 }`, every field that `known` lists. */
function camel (object, known, what) {
  const out = {}
  for (const [name, value] of Object.entries(object ?? {})) {
    assert.ok(known.includes(name), `${what}: the runner does not know the field ${name}`)
    out[name.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = value
  }
  return out
}

const SIGNER_FIELDS = ['consumer_key', 'consumer_secret', 'token', 'token_secret', 'signature_method', 'realm', 'version',
  'body_hash', 'clock_offset', 'callback', 'verifier', 'placement']
const KEY_FIELDS = ['private_key', 'private_key_password', 'allow_short_key']
const SECRETS_FIELDS = ['consumer_key', 'consumer_secret', 'token', 'token_secret', 'rsa_public_key']
const SIGN_FIELDS = ['method', 'url', 'body', 'content_type', 'nonce', 'timestamp']
const VERIFY_FIELDS = ['method', 'url', 'authorization', 'body', 'content_type']
const OPTION_FIELDS = ['now', 'max_skew', 'signature_methods', 'allow_plaintext_over_http', 'require_timestamp',
  'require_body_hash', 'hide_unknown_keys']
const CASE_FIELDS = ['name', 'error', 'parameters_absent', 'parameters_rejected', 'message_excludes']

/** Runs `f` and checks its outcome against the case. */
function expectOutcome (c, f, how) {
  const label = `${c.name} (${how})`
  let error
  let result
  try {
    result = f()
  } catch (e) {
    error = e
  }
  if (c.error === null) {
    assert.equal(error, undefined, `${label}: expected success, got ${error && error.code}: ${error && error.message}`)
    return result
  }
  assert.ok(error instanceof Error, `${label}: expected ${c.error}, but it succeeded`)
  assert.equal(error.code, c.error, `${label}: ${error.message}`)
  if (c.parameters_absent) assert.deepEqual(error.parametersAbsent, c.parameters_absent, `${label}: parametersAbsent`)
  if (c.parameters_rejected) assert.deepEqual(error.parametersRejected, c.parameters_rejected, `${label}: parametersRejected`)
  if (c.message_excludes) {
    for (const text of [error.message, String(error.stack), error.wwwAuthenticate ?? '']) {
      assert.ok(!text.includes(c.message_excludes), `${label}: the error shows ${JSON.stringify(c.message_excludes)}: ${text}`)
    }
  }
}

/**
 * `new Signer(options)` for a case's `signer`, its private key given `how`: `text`
 * (the PEM itself where it needs no options, else an `RsaPrivateKey` of the text),
 * `buffer` (likewise) or `object` (an `RsaPrivateKey` of a Buffer).
 */
function newSigner (c, how) {
  const key = Object.fromEntries(Object.entries(c.signer).filter(([name]) => KEY_FIELDS.includes(name)))
  const other = Object.fromEntries(Object.entries(c.signer).filter(([name]) => !KEY_FIELDS.includes(name)))
  const options = camel(other, SIGNER_FIELDS, c.name)
  if (key.private_key !== undefined) {
    const data = how === 'text' ? key.private_key : Buffer.from(key.private_key)
    const keyOptions = { password: key.private_key_password, allowShortKey: key.allow_short_key }
    options.privateKey = how === 'object' || keyOptions.password !== undefined || keyOptions.allowShortKey !== undefined
      ? new RsaPrivateKey(data, keyOptions)
      : data
  } else {
    assert.deepEqual(key, {}, `${c.name}: key options without a private_key`)
  }
  return new Signer(options)
}

/**
 * The table's server credentials as a lookup object, with the core's `Credentials`
 * semantics: without `consumer_secret` the consumer has none (RSA only), and its
 * `rsa_public_key` is answered as `publicKey` (text, a Buffer or an `RsaPublicKey`).
 */
function lookupOf (credentials, publicKey) {
  const consumer = { twoLegged: !credentials.token }
  if (credentials.consumer_secret !== undefined) consumer.secret = credentials.consumer_secret
  if (publicKey !== undefined) consumer.rsaPublicKey = publicKey
  return {
    consumer: (key) => key === credentials.consumer_key ? consumer : null,
    tokenSecret: (key, token) => key === credentials.consumer_key && credentials.token && token === credentials.token
      ? credentials.token_secret ?? ''
      : null
  }
}

test('the table is the format this runner reads, with every section', () => {
  assert.equal(table.format, 'oauth1-bad-input/1')
  assert.deepEqual(Object.keys(table).filter((k) => !['format', 'about'].includes(k)).sort(), [...SECTIONS].sort())
  for (const section of SECTIONS) {
    assert.ok(table[section].length > 0, section)
    const names = table[section].map((c) => c.name)
    assert.equal(new Set(names).size, names.length, `${section}: case names repeat`)
  }
})

test('sign', async (t) => {
  for (const c of table.sign) {
    await t.test(c.name, () => {
      for (const key of Object.keys(c)) assert.ok([...CASE_FIELDS, 'signer', 'request'].includes(key), `${c.name}: unknown field ${key}`)
      const request = camel(c.request, SIGN_FIELDS, c.name)
      // The error may come from building the signer or from signing; the timestamp
      // goes through the normal integer argument, negative or not.
      expectOutcome(c, () => newSigner(c, 'text').sign(request), 'sign')
      expectOutcome(c, () => newSigner(c, 'buffer').authorization(request), 'authorization')
      expectOutcome(c, () => newSigner(c, 'object').explain(request), 'explain')
    })
  }
})

test('verify', async (t) => {
  for (const c of table.verify) {
    await t.test(c.name, () => {
      for (const key of Object.keys(c)) assert.ok([...CASE_FIELDS, 'secrets', 'request', 'options'].includes(key), `${c.name}: unknown field ${key}`)
      const request = { ...camel(c.request, VERIFY_FIELDS, c.name), ...camel(c.options, OPTION_FIELDS, c.name) }
      camel(c.secrets, SECRETS_FIELDS, c.name)
      const { rsa_public_key: pem, ...credentials } = c.secrets
      const outcomes = []
      if (pem === undefined) {
        // A Signer knows no public key but its own: it serves the HMAC cases.
        const signer = new Signer(camel(credentials, SECRETS_FIELDS, c.name))
        outcomes.push(expectOutcome(c, () => verify({ ...request, secrets: signer }), 'a Signer as the lookup'))
        outcomes.push(expectOutcome(c, () => verify({ ...request, secrets: lookupOf(c.secrets) }), 'a lookup object'))
      } else {
        for (const [how, key] of [['PEM text', pem], ['a Buffer', Buffer.from(pem)], ['an RsaPublicKey', new RsaPublicKey(pem)]]) {
          outcomes.push(expectOutcome(c, () => verify({ ...request, secrets: lookupOf(c.secrets, key) }), `a lookup object, the public key as ${how}`))
        }
      }
      if (c.error === null) {
        for (const verified of outcomes) {
          assert.equal(verified.consumerKey, c.secrets.consumer_key)
          assert.deepEqual(verified, outcomes[0])
        }
      }
    })
  }
})

test('nonce_store', async (t) => {
  for (const c of table.nonce_store) {
    await t.test(c.name, () => {
      const options = {}
      for (const [key, value] of Object.entries(c)) {
        if (key === 'capacity' || key === 'window') options[key] = value
        else assert.ok(CASE_FIELDS.includes(key), `${c.name}: unknown field ${key}`)
      }
      const store = expectOutcome(c, () => new NonceStore(options), 'new NonceStore')
      if (c.error === null) assert.equal(store.capacity, options.capacity ?? store.capacity)
    })
  }
})
