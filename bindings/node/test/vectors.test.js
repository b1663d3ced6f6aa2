'use strict'
// Every vector of tests/vectors/public.json, through `signer.sign` (whose result
// oauth1.js builds) and `signer.explain` (whose result the native side builds)
// alike, and back through `verify` (an RSA signer as the lookup answers with its
// public key); failures name the vector.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const oauth1 = require('../oauth1.js')
const { verify } = oauth1

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'public.json'), 'utf8'))

// Every field a signing vector may have; a field this runner does not know fails.
const VECTOR_FIELDS = ['name', 'source', 'consumer_key', 'consumer_secret', 'token', 'token_secret', 'private_key', 'allow_short_key',
  'signature_method', 'realm', 'callback', 'verifier', 'version', 'body_hash', 'method', 'url', 'body', 'content_type', 'nonce',
  'timestamp', 'expected']

function signerFor (v) {
  for (const key of Object.keys(v)) assert.ok(VECTOR_FIELDS.includes(key), `${v.name}: the runner does not know the field ${key}`)
  const options = { consumerKey: v.consumer_key }
  // RSA vectors carry the private key (PEM) and a null consumer secret: none is given.
  if (v.consumer_secret != null) options.consumerSecret = v.consumer_secret
  else assert.ok(v.private_key != null, `${v.name}: no consumer secret and no private key`)
  if (v.private_key != null) {
    options.privateKey = v.allow_short_key
      ? new oauth1.RsaPrivateKey(v.private_key, { allowShortKey: true })
      : v.private_key
  }
  if (v.token != null) Object.assign(options, { token: v.token, tokenSecret: v.token_secret ?? '' })
  if (v.realm != null) options.realm = v.realm
  if (v.callback != null) options.callback = v.callback
  if (v.verifier != null) options.verifier = v.verifier
  if (v.signature_method != null) options.signatureMethod = v.signature_method
  if (v.version != null) options.version = v.version
  if (v.body_hash != null) options.bodyHash = v.body_hash
  return new oauth1.Signer(options)
}

function requestFor (v) {
  const request = { method: v.method, url: v.url, nonce: v.nonce, timestamp: v.timestamp }
  if (v.body != null) Object.assign(request, { body: v.body, contentType: v.content_type ?? undefined })
  return request
}

test('signing vectors', () => {
  assert.ok(vectors.signing.length > 0)
  const rsa = vectors.signing.filter((v) => v.private_key != null).map((v) => v.signature_method)
  assert.deepEqual([...new Set(rsa)].sort(), ['RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512'], 'public.json has a vector per RSA method')
  for (const v of vectors.signing) {
    const signer = signerFor(v)
    const request = requestFor(v)
    for (const [how, signed] of [
      ['sign', signer.sign(request)],
      ['explain', signer.explain(request).signed],
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
  assert.ok(vectors.body_hash.length > 0)
  for (const v of vectors.body_hash) {
    assert.equal(oauth1.bodyHash(v.body, method[v.hash]), v.oauth_body_hash, `${v.hash} ${v.body}`)
    assert.equal(oauth1.bodyHash(Buffer.from(v.body), method[v.hash]), v.oauth_body_hash, `${v.hash} bytes`)
    // The RSA methods hash with their own digest (RFC 5849 section 3.4.3).
    assert.equal(oauth1.bodyHash(v.body, method[v.hash].replace('HMAC-', 'RSA-')), v.oauth_body_hash, `RSA ${v.hash} ${v.body}`)
    // The method is optional: HMAC-SHA1 (SHA-1) by default.
    if (v.hash === 'SHA-1') assert.equal(oauth1.bodyHash(v.body), v.oauth_body_hash, `default ${v.body}`)
    else assert.notEqual(oauth1.bodyHash(v.body), v.oauth_body_hash, `default ${v.hash} ${v.body}`)
  }
})

test('every signing vector verifies with its own credentials, and a changed query does not', () => {
  const names = new Set(vectors.signing.map((v) => v.name))
  for (const name of ['edge-realm-in-query-is-signed', 'edge-realm-in-query-and-header', 'edge-realm-in-form-body-is-signed', 'edge-empty-consumer-secret']) {
    assert.ok(names.has(name), `public.json lacks ${name}`)
  }
  for (const v of vectors.signing) {
    const signer = signerFor(v)
    const received = {
      method: v.method,
      url: v.url,
      authorization: v.expected.authorization,
      body: v.body ?? undefined,
      contentType: v.content_type ?? undefined,
      secrets: signer,
      now: v.timestamp,
      signatureMethods: ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT', 'RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512'],
      allowPlaintextOverHttp: true
    }
    const verified = verify(received)
    assert.equal(verified.baseString, v.expected.base_string, `${v.name}: verified base string`)
    assert.equal(verified.token ?? null, v.token || null, `${v.name}: token`)
    if (v.signature_method === 'PLAINTEXT') continue // the signature does not cover the request
    const url = new URL(v.url)
    const tampered = v.url.includes('realm=alice')
      ? v.url.replace('realm=alice', 'realm=mallory')
      : url.search ? v.url.replace('?', '?x=1&') : v.url.replace(url.pathname, url.pathname + '?x=1')
    assert.throws(() => verify({ ...received, url: tampered }), { code: 'signature_invalid' }, `${v.name}: ${tampered}`)
    if (v.body != null && /realm=/.test(v.body)) {
      assert.throws(() => verify({ ...received, body: v.body.replace(/realm=[^&]*/, 'realm=mallory2') }), { code: 'signature_invalid' }, `${v.name}: body realm`)
    }
  }
})
