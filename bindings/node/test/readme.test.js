'use strict'
// The README's tagged examples: each block that follows `<!-- example: PATH -->`
// (PATH from the repository root, as scripts/check-readme reads the top-level
// README) is a verbatim part of PATH, and the verification example's server runs:
// it accepts what a client signed for its configured origin, whatever Host or
// X-Forwarded-* headers say, and refuses tampered or token-less requests; the RSA
// example prints a header that verifies with the public key.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const path = require('node:path')
const { Signer, RsaPublicKey, verify } = require('../oauth1.js')

const ROOT = path.resolve(__dirname, '../../..')
const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
const BLOCK = /(?:<!-- example: (\S+) -->\n)?```(\w*)\n([\s\S]*?)```/g

test('tagged README examples are verbatim parts of their files', () => {
  const tagged = [...README.matchAll(BLOCK)].filter((m) => m[1] !== undefined)
  assert.ok(tagged.some((m) => m[1] === 'bindings/node/examples/verify-server.js'), 'the Verify example is tagged')
  assert.ok(tagged.some((m) => m[1] === 'bindings/node/examples/rsa-sign.js'), 'the RSA example is tagged')
  assert.ok(tagged.some((m) => m[1] === 'bindings/node/examples/login.js'), 'the flow example is tagged (test/flow.test.js runs it)')
  for (const [, file, , body] of tagged) {
    const source = path.join(ROOT, file)
    assert.ok(fs.existsSync(source), `${file} does not exist`)
    assert.ok(fs.readFileSync(source, 'utf8').includes(body), `the README block is not a verbatim part of ${file}`)
  }
})

test('examples/verify-server.js verifies what was signed for its origin', async () => {
  const { server, ORIGIN } = require('../examples/verify-server.js')
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const port = server.address().port
    const send = (signer, method, pathAndQuery, { body, contentType, headers = {}, origin = ORIGIN } = {}) => {
      const signed = signer.sign({ method, url: origin + pathAndQuery, body, contentType })
      return new Promise((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1', port, method, path: pathAndQuery,
          headers: { authorization: signed.authorization, ...(contentType ? { 'content-type': contentType } : {}), ...headers }
        }, (res) => {
          let text = ''
          res.on('data', (c) => { text += c })
          res.on('end', () => resolve({ status: res.statusCode, text: text.trim(), wwwAuthenticate: res.headers['www-authenticate'] }))
        })
        req.on('error', reject)
        req.end(body)
      })
    }
    const user = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'access-token-secret' })
    assert.deepEqual(await send(user, 'GET', '/items?a=1'), { status: 200, text: 'hello app-key', wwwAuthenticate: undefined })
    const form = { body: 'name=x', contentType: 'application/x-www-form-urlencoded' }
    assert.equal((await send(user, 'POST', '/items', form)).text, 'hello app-key')
    // What the client says about the host changes nothing: the origin is configured.
    const spoofed = { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' } }
    assert.equal((await send(user, 'GET', '/items?a=2', spoofed)).text, 'hello app-key')
    // A client that signed for another origin is refused.
    const refused = await send(user, 'GET', '/items?a=3', { origin: 'http://evil.example' })
    assert.equal(refused.status, 401)
    assert.equal(refused.text, 'signature_invalid')
    assert.equal(refused.wwwAuthenticate, 'OAuth oauth_problem="signature_invalid"')
    // Two-legged requests: only for the consumer the server allows them for.
    const batch = new Signer({ consumerKey: 'batch-key', consumerSecret: 'batch-secret' })
    assert.equal((await send(batch, 'GET', '/jobs')).text, 'hello batch-key')
    const tokenless = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret' })
    const absent = await send(tokenless, 'GET', '/jobs')
    assert.deepEqual([absent.status, absent.text], [401, 'parameter_absent'])
    assert.match(absent.wwwAuthenticate, /oauth_parameters_absent="oauth_token"/)
    const unknown = await send(new Signer({ consumerKey: 'nobody', consumerSecret: 's', token: 't', tokenSecret: 'ts' }), 'GET', '/x')
    assert.deepEqual([unknown.status, unknown.text], [401, 'consumer_key_unknown'])
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
})

test('examples/rsa-sign.js prints a header that verifies with the public key', () => {
  const keys = path.join(ROOT, 'tests', 'vectors', 'keys')
  // The repository's test key by default, or the key file the environment names.
  for (const keyFile of [undefined, path.join(keys, 'rsa-2048.der')]) {
    const env = { ...process.env }
    delete env.OAUTH1_PRIVATE_KEY_FILE
    if (keyFile) env.OAUTH1_PRIVATE_KEY_FILE = keyFile
    const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'examples', 'rsa-sign.js')], { encoding: 'utf8', env })
    assert.match(out, /^Authorization: OAuth oauth_callback="oob", oauth_consumer_key="jira-consumer", /, keyFile)
    const authorization = out.replace(/^Authorization: /, '').trim()
    assert.match(authorization, /oauth_signature_method="RSA-SHA1"/)
    const secrets = { consumer: () => ({ rsaPublicKey: RsaPublicKey.fromFile(path.join(keys, 'rsa-2048-cert.pem')), twoLegged: true }), tokenSecret: () => null }
    const url = 'https://jira.example.com/plugins/servlet/oauth/request-token'
    assert.equal(verify({ method: 'POST', url, authorization, secrets }).signatureMethod, 'RSA-SHA1')
    assert.throws(() => verify({ method: 'GET', url, authorization, secrets }), { code: 'signature_invalid' })
  }
})
