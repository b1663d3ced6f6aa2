'use strict'
// Signs the typical LivePerson request with oauth1, oauth-sign and oauth-1.0a (node
// crypto HMAC) in one run, checks that all three produce the same signature, and prints µs per
// signature and how many times faster oauth1 is.  Run: npm run bench

const crypto = require('node:crypto')
const { Signer } = require('./oauth1.js')
const oauthSign = require('oauth-sign')
const OAuth = require('oauth-1.0a')
const { Bench } = require('tinybench')

const URL_ = 'https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all'
const KEY = 'app-key'
const SECRET = 'app-secret'
const TOKEN = 'access-token'
const TOKEN_SECRET = 'access-token-secret'
const NONCE = 'kllo9940pd9333jh'
const TIMESTAMP = 1191242096

const signer = new Signer({ consumerKey: KEY, consumerSecret: SECRET, token: TOKEN, tokenSecret: TOKEN_SECRET })
const request = { method: 'GET', url: URL_, nonce: NONCE, timestamp: TIMESTAMP }

function withOauthSign () {
  const u = new URL(URL_)
  const params = {}
  for (const [k, v] of u.searchParams) params[k] = v
  Object.assign(params, {
    oauth_consumer_key: KEY,
    oauth_nonce: NONCE,
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(TIMESTAMP),
    oauth_token: TOKEN,
    oauth_version: '1.0'
  })
  return oauthSign.hmacsign('GET', u.origin + u.pathname, params, SECRET, TOKEN_SECRET)
}

const oauth10a = OAuth({
  consumer: { key: KEY, secret: SECRET },
  signature_method: 'HMAC-SHA1',
  hash_function: (base, key) => crypto.createHmac('sha1', key).update(base).digest('base64')
})
// oauth-1.0a draws its own nonce and clock; pin them to sign the same request.
oauth10a.getNonce = () => NONCE
oauth10a.getTimeStamp = () => TIMESTAMP
function withOauth10a () {
  return oauth10a.authorize({ url: URL_, method: 'GET' }, { key: TOKEN, secret: TOKEN_SECRET }).oauth_signature
}

async function main () {
  const ours = signer.sign(request).signature
  const results = { 'oauth1 sign': ours, 'oauth-sign': withOauthSign(), 'oauth-1.0a': withOauth10a() }
  for (const [name, sig] of Object.entries(results)) {
    if (sig !== ours) {
      console.error(`disagreement: ${name} gives ${sig}, oauth1 gives ${ours}`)
      process.exit(1)
    }
  }
  console.log(`all three agree: ${ours}`)

  const bench = new Bench({ time: Number(process.env.BENCH_MS || 1500), warmupTime: 300 })
  bench
    .add('oauth1 signer.sign', () => signer.sign(request))
    .add('oauth1 signer.authorization', () => signer.authorization(request))
    .add('oauth1 sign, random nonce + clock', () => signer.sign({ method: 'GET', url: URL_ }))
    .add('oauth-sign hmacsign', withOauthSign)
    .add('oauth-1.0a authorize', withOauth10a)
  await bench.run()
  const median = (name) => bench.getTask(name).result.latency.p50 * 1000 // ms → µs
  const fastest = median('oauth1 signer.sign')
  console.log('\nµs per signature, median (lower is better); tinybench, %d ms per task', bench.opts.time)
  for (const task of bench.tasks) {
    const us = median(task.name)
    const ratio = task.name.startsWith('oauth1') ? '' : `  signer.sign is ${(us / fastest).toFixed(1)}× faster`
    console.log(`  ${task.name.padEnd(36)} ${us.toFixed(2).padStart(7)} µs${ratio}`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
