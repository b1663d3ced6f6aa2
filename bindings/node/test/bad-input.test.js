'use strict'
// The shared bad-input table, tests/vectors/bad-input.json: every case of every
// section, one subtest per case name. Each input must fail with the table's error
// code (or, where `error` is null, be accepted), with the table's
// `parametersAbsent` / `parametersRejected`, and without `message_excludes` in the
// message. The table's fields are snake_case; they are passed under their
// JavaScript names, and a field this runner does not know fails the case.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { Signer, NonceStore, verify } = require('../oauth1.js')

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

/** The table's server credentials as a lookup object, with the core's `Credentials` semantics. */
function lookupOf (credentials) {
  return {
    consumer: (key) => key === credentials.consumer_key
      ? { secret: credentials.consumer_secret, twoLegged: !credentials.token }
      : null,
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
      expectOutcome(c, () => new Signer(camel(c.signer, SIGNER_FIELDS, c.name)).sign(request), 'sign')
      expectOutcome(c, () => new Signer(camel(c.signer, SIGNER_FIELDS, c.name)).authorization(request), 'authorization')
      expectOutcome(c, () => new Signer(camel(c.signer, SIGNER_FIELDS, c.name)).explain(request), 'explain')
    })
  }
})

test('verify', async (t) => {
  for (const c of table.verify) {
    await t.test(c.name, () => {
      for (const key of Object.keys(c)) assert.ok([...CASE_FIELDS, 'secrets', 'request', 'options'].includes(key), `${c.name}: unknown field ${key}`)
      const request = { ...camel(c.request, VERIFY_FIELDS, c.name), ...camel(c.options, OPTION_FIELDS, c.name) }
      const signer = new Signer(camel(c.secrets, ['consumer_key', 'consumer_secret', 'token', 'token_secret'], c.name))
      const verified = expectOutcome(c, () => verify({ ...request, secrets: signer }), 'a Signer as the lookup')
      const viaLookup = expectOutcome(c, () => verify({ ...request, secrets: lookupOf(c.secrets) }), 'a lookup object')
      if (c.error === null) {
        assert.equal(verified.consumerKey, c.secrets.consumer_key)
        assert.deepEqual(viaLookup, verified)
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
