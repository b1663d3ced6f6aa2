'use strict'
// Every vector of tests/vectors/public.json, through the public fast path
// (`signer.sign`) and the object-based native method alike; failures name the vector.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const oauth1 = require('../oauth1.js')

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'public.json'), 'utf8'))

function signerFor (v) {
  const options = { consumerKey: v.consumer_key, consumerSecret: v.consumer_secret }
  if (v.token != null) Object.assign(options, { token: v.token, tokenSecret: v.token_secret ?? '' })
  if (v.realm != null) options.realm = v.realm
  if (v.callback != null) options.callback = v.callback
  if (v.verifier != null) options.verifier = v.verifier
  if (v.signature_method != null) options.signatureMethod = v.signature_method
  if (v.version != null) options.version = v.version
  return new oauth1.Signer(options)
}

function requestFor (v) {
  const request = { method: v.method, url: v.url, nonce: v.nonce, timestamp: v.timestamp }
  if (v.body != null) Object.assign(request, { body: v.body, contentType: v.content_type ?? undefined })
  return request
}

test('signing vectors', () => {
  assert.ok(vectors.signing.length > 0)
  for (const v of vectors.signing) {
    const signer = signerFor(v)
    const request = requestFor(v)
    for (const [how, signed] of [
      ['sign', signer.sign(request)],
      ['native sign', oauth1._native.sign.call(signer, request)],
      ['sign with a Buffer body', signer.sign({ ...request, body: v.body == null ? undefined : Buffer.from(v.body) })]
    ]) {
      const where = `${v.name} (${how})`
      assert.equal(signed.baseString, v.expected.base_string, `${where}: base string`)
      assert.equal(signed.signature, v.expected.signature, `${where}: signature`)
      assert.equal(signed.authorization, v.expected.authorization, `${where}: authorization`)
      assert.deepEqual(signed.params, v.expected.params, `${where}: params`)
      assert.equal(signed.nonce, v.nonce, `${where}: nonce`)
      assert.equal(signed.timestamp, v.timestamp, `${where}: timestamp`)
    }
    assert.equal(signer.authorization(request), v.expected.authorization, `${v.name}: authorization()`)
  }
})

test('percent-encoding vectors', () => {
  for (const [input, output] of vectors.percent_encoding) {
    assert.equal(oauth1.percentEncode(input), output, `percentEncode(${JSON.stringify(input)})`)
  }
})

test('normalized-parameter vectors', () => {
  for (const [query, normalized] of vectors.normalized_parameters) {
    assert.equal(oauth1.normalizedParameters(`https://example.com/?${query}`), normalized, query)
  }
})

test('base-string-URI vectors', () => {
  for (const [url, uri] of vectors.base_string_uri) {
    assert.equal(oauth1.baseStringUri(url), uri, url)
  }
})

test('HMAC vectors', () => {
  for (const v of vectors.hmac) {
    assert.equal(oauth1.hmacSignature(v.method, v.key, v.message), v.signature, `${v.method} ${v.key}`)
  }
})

test('body-hash vectors', () => {
  const method = { 'SHA-1': 'HMAC-SHA1', 'SHA-256': 'HMAC-SHA256', 'SHA-512': 'HMAC-SHA512' }
  for (const v of vectors.body_hash) {
    assert.equal(oauth1.bodyHash(method[v.hash], v.body), v.oauth_body_hash, `${v.hash} ${v.body}`)
    assert.equal(oauth1.bodyHash(method[v.hash], Buffer.from(v.body)), v.oauth_body_hash, `${v.hash} bytes`)
  }
})
