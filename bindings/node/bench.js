'use strict'
// Signs the typical LivePerson request with oauth1, oauth-sign and oauth-1.0a (node
// crypto HMAC) in one run, checks that all three produce the same signature, and prints µs per
// signature and how many times faster oauth1 is.  Run: npm run bench
//
// `node bench.js --json [--rounds N] [--growth-rounds N] [--round-ms MS]` is the Node
// side of the project-wide benchmark (`make bench`, bench/run): signer.sign, the
// signedFetch signing step, oauth-sign and oauth-1.0a on the typical request (the
// shared nonce and timestamp) and on 1-1000 query parameters and 0 B-1 MiB bodies with
// oauth_body_hash, taking turns in every round, printed as one JSON document.

const crypto = require('node:crypto')
const { Signer, signedFetch } = require('./oauth1.js')
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

// ---------------------------------------------------------------------------
// --json: the project-wide benchmark.

const J = {
  base: 'https://va.data.liveperson.net/operations/api/account/12345678/agentactivity',
  nonce: 'abcdef0123456789abcdef0123456789',
  timestamp: 1700000000,
  bodyType: 'application/json',
  bodyPattern: '{"id":12345678}\n', // 16 bytes, repeated
  querySizes: [1, 10, 100, 1000],
  bodySizes: [0, 1 << 10, 1 << 16, 1 << 20]
}

function option (name, fallback) {
  const i = process.argv.indexOf(name)
  return i >= 0 && i + 1 < process.argv.length ? Number(process.argv[i + 1]) : fallback
}

const nowUs = () => Number(process.hrtime.bigint()) / 1000

/** CPU time of the process (Node has no per-thread clock): on a shared machine, what a
 * round would take alone; the wall time also holds waiting for a core. */
function cpuUs () {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** [CPU µs, wall µs] for `calls` calls. */
async function timeCalls (entry, calls) {
  const cpu = cpuUs()
  const start = nowUs()
  if (entry.async) {
    for (let i = 0; i < calls; i++) await entry.fn()
  } else {
    for (let i = 0; i < calls; i++) entry.fn()
  }
  const wall = nowUs() - start
  return [cpuUs() - cpu, wall]
}

async function calibrate (entry, roundUs) {
  for (let n = 1; ; n *= 2) {
    const elapsed = (await timeCalls(entry, n))[1]
    if (elapsed >= roundUs / 8) return Math.max(1, Math.floor(roundUs / (elapsed / n)))
  }
}

/** µs per call of each entry in each round, { cpu: [...], wall: [...] }; the entries
 * take turns every round. */
async function measureRounds (entries, rounds, roundUs, warmUs = 5 * roundUs) {
  // Let V8 tier the code up before anything counts.
  for (const e of entries) {
    const start = nowUs()
    while (nowUs() - start < warmUs) await timeCalls(e, 16)
  }
  const calls = []
  for (const e of entries) calls.push(await calibrate(e, roundUs))
  const out = entries.map(() => ({ cpu: [], wall: [] }))
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < entries.length; i++) {
      const [cpu, wall] = await timeCalls(entries[i], calls[i])
      out[i].cpu.push(cpu / calls[i])
      out[i].wall.push(wall / calls[i])
    }
  }
  return out
}

function signatureOfHeader (header) {
  const m = /oauth_signature="([^"]*)"/.exec(header)
  if (!m) throw new Error(`no oauth_signature in ${header}`)
  return decodeURIComponent(m[1])
}

/** The entry points for one request: id -> { fn, async, signature() }. */
function entryPoints (method, url, body) {
  const hashing = body !== undefined
  const signer = new Signer({ consumerKey: KEY, consumerSecret: SECRET, token: TOKEN, tokenSecret: TOKEN_SECRET, bodyHash: hashing })
  const request = hashing
    ? { method, url, body, contentType: J.bodyType, nonce: J.nonce, timestamp: J.timestamp }
    : { method, url, nonce: J.nonce, timestamp: J.timestamp }

  // signedFetch draws its own nonce and clock; a signer that pins them (one object
  // spread per call) makes its signature comparable. The "fetch" it calls only keeps
  // the Authorization header: what is timed is the signing step, no network.
  const pinned = {
    bodyHash: signer.bodyHash,
    sign: (r) => signer.sign({ ...r, nonce: J.nonce, timestamp: J.timestamp })
  }
  let lastAuthorization
  const fetchSigned = signedFetch(pinned, (_url, init) => {
    lastAuthorization = init.headers.get('authorization')
    return Promise.resolve(null)
  })
  const bytes = hashing ? Buffer.from(body) : undefined
  const init = hashing ? { method, body: bytes, headers: { 'content-type': J.bodyType } } : { method }

  // oauth-sign computes no body hash; the caller adds oauth_body_hash (SHA-1 by
  // node:crypto), as the `request` library did.
  function oauthSignOnce () {
    const u = new URL(url)
    const params = {}
    for (const [k, v] of u.searchParams) {
      if (k in params) params[k] = [].concat(params[k], v)
      else params[k] = v
    }
    Object.assign(params, {
      oauth_consumer_key: KEY,
      oauth_nonce: J.nonce,
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: String(J.timestamp),
      oauth_token: TOKEN,
      oauth_version: '1.0'
    })
    if (hashing) params.oauth_body_hash = crypto.createHash('sha1').update(body).digest('base64')
    return oauthSign.hmacsign(method, u.origin + u.pathname, params, SECRET, TOKEN_SECRET)
  }

  const oauth = OAuth({
    consumer: { key: KEY, secret: SECRET },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => crypto.createHmac('sha1', key).update(base).digest('base64'),
    body_hash_function: (data) => crypto.createHash('sha1').update(data).digest('base64')
  })
  oauth.getNonce = () => J.nonce
  oauth.getTimeStamp = () => J.timestamp
  const oauth10aOnce = () => oauth.authorize(
    hashing ? { url, method, data: body, includeBodyHash: true } : { url, method },
    { key: TOKEN, secret: TOKEN_SECRET }
  ).oauth_signature

  return {
    'node-sign': { fn: () => signer.sign(request), signature: () => signer.sign(request).signature },
    'node-fetch': {
      fn: () => fetchSigned(url, init),
      async: true,
      signature: async () => { await fetchSigned(url, init); return signatureOfHeader(lastAuthorization) }
    },
    'oauth-sign': { fn: oauthSignOnce, signature: oauthSignOnce },
    'oauth-1.0a': { fn: oauth10aOnce, signature: oauth10aOnce }
  }
}

async function jsonMain () {
  const rounds = option('--rounds', 21)
  const growthRounds = option('--growth-rounds', 7)
  const roundUs = option('--round-ms', 20) * 1000
  const unsupported = []

  async function run (method, url, body, nRounds, caseName) {
    const eps = entryPoints(method, url, body)
    const ids = []
    const signatures = []
    for (const [id, e] of Object.entries(eps)) {
      try {
        signatures.push(await e.signature())
        ids.push(id)
      } catch (error) {
        unsupported.push({ id, case: caseName, why: `${error.name}: ${error.message}` })
      }
    }
    const times = await measureRounds(ids.map((id) => eps[id]), nRounds, roundUs, (caseName ? 3 : 10) * roundUs)
    return ids.map((id, i) => ({ id, ...(caseName ? { case: caseName } : {}), signature: signatures[i], rounds_us: times[i].cpu, wall_us: times[i].wall }))
  }

  const typical = await run('GET', URL_, undefined, rounds, null)
  // What signedFetch does besides signing: the WHATWG Request it builds to learn the
  // final method and URL, and the Headers it copies.
  const probe = { fn: () => new Headers(new Request(URL_, { method: 'GET' }).headers) }
  const baselines = [{ name: '`new Request(url)` + `new Headers(…)` (inside signedFetch)', rounds_us: (await measureRounds([probe], rounds, roundUs))[0].cpu }]
  const growth = []
  for (const n of J.querySizes) {
    const query = Array.from({ length: n }, (_, i) => `p${i}=v${i}`).join('&')
    growth.push(...await run('GET', `${J.base}?${query}`, undefined, growthRounds, `query:${n}`))
  }
  for (const size of J.bodySizes) {
    const body = J.bodyPattern.repeat(Math.ceil(size / 16) + 1).slice(0, size)
    growth.push(...await run('POST', URL_, body, growthRounds, `body:${size}`))
  }
  const version = (name) => require(`${name}/package.json`).version
  const doc = {
    language: 'Node',
    runtime: `Node ${process.version}`,
    versions: { oauth1: require('./package.json').version, 'oauth-sign': version('oauth-sign'), 'oauth-1.0a': version('oauth-1.0a') },
    typical,
    growth,
    baselines,
    unsupported
  }
  process.stdout.write(JSON.stringify(doc) + '\n')
}

;(process.argv.includes('--json') ? jsonMain() : main()).catch((error) => {
  console.error(error)
  process.exit(1)
})
