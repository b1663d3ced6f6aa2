'use strict'
// A server that verifies OAuth 1.0a requests: the README's "Verify" example, run by
// test/readme.test.js. Run: node examples/verify-server.js  (http://127.0.0.1:8080)
const http = require('node:http')
const { verify, NonceStore } = require('..')

// What the server knows, as a database would hold it.
const consumers = new Map([['app-key', { secret: 'app-secret' }], ['batch-key', { secret: 'batch-secret', twoLegged: true }]])
const tokens = new Map([['app-key access-token', 'access-token-secret']])

// The origin clients address, from the deployment's configuration. Behind a proxy
// the URL is rebuilt from it: never from Host or X-Forwarded-* headers, which any
// client can set.
const ORIGIN = process.env.PUBLIC_ORIGIN ?? 'https://api.example.com'

// Two questions, answered apart: who is this consumer (and may it sign without a
// token, `twoLegged`), and what is the secret of this token issued to it.
const secrets = {
  consumer: (consumerKey) => consumers.get(consumerKey) ?? null, // { secret, twoLegged? }
  tokenSecret: (consumerKey, token) => tokens.get(`${consumerKey} ${token}`) ?? null
}
const nonces = new NonceStore() // 100,000 nonces, 300 s

function handle (req, res, body) {
  try {
    const ok = verify({
      method: req.method,
      url: ORIGIN + req.url,
      authorization: req.headers.authorization,
      body,
      contentType: req.headers['content-type'],
      secrets,
      nonceStore: nonces
    })
    res.end(`hello ${ok.consumerKey}\n`)
  } catch (error) {
    res.writeHead(error.problem ? 401 : 400, { 'WWW-Authenticate': error.wwwAuthenticate ?? 'OAuth' })
    res.end(`${error.code}\n`) // 'signature_invalid', 'timestamp_refused', …
  }
}

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (chunk) => chunks.push(chunk))
  req.on('end', () => handle(req, res, Buffer.concat(chunks)))
})

if (require.main === module) server.listen(8080, '127.0.0.1')
module.exports = { server, ORIGIN }
