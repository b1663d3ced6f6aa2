'use strict'
// RedisNonceStore on a real Redis (issue 17), with node-redis and ioredis: fresh,
// replayed and too_old; two servers sharing one Redis refuse each other's replays;
// the key in Redis is the one every language uses; a private Redis stopped mid-test
// fails closed (`nonce_store_unavailable`, 503 from the middleware) and, restarted on
// the same port, is used again. Needs OAUTH1_TEST_REDIS_URL (test.sh starts a Redis
// when it is unset): without it these tests fail, never skip.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const os = require('node:os')
const path = require('node:path')
const { createClient } = require('redis')
const IORedis = require('ioredis')
const express = require('express')
const { Signer, RedisNonceStore, verifyAsync, nonceStoreKey, oauth1Middleware } = require('../oauth1.js')

const REDIS_URL = process.env.OAUTH1_TEST_REDIS_URL
const SCRIPT = path.resolve(__dirname, '../../../scripts/redis-server')
const ORIGIN = 'https://api.example.com'
const signer = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'token-secret' })
const run = `${process.pid}-${Date.now()}`

test('OAUTH1_TEST_REDIS_URL names the Redis these tests use', () => {
  assert.ok(REDIS_URL, 'OAUTH1_TEST_REDIS_URL is not set: run bindings/node/test.sh, which starts a Redis')
})

/** The two clients on `url`, connected; `quit` closes both. */
async function clients (url, { retry = true } = {}) {
  const nodeRedis = createClient({ url, socket: retry ? {} : { reconnectStrategy: false } })
  nodeRedis.on('error', () => {})
  await nodeRedis.connect()
  const ioredis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  ioredis.on('error', () => {})
  await ioredis.connect()
  return { nodeRedis, ioredis, quit: async () => { await nodeRedis.quit().catch(() => nodeRedis.destroy?.()); ioredis.disconnect() } }
}

function signed (nonce, timestamp = Math.floor(Date.now() / 1000)) {
  const url = ORIGIN + '/photos'
  const { authorization } = signer.sign({ method: 'GET', url, nonce, timestamp })
  return (store, extra = {}) => ({ method: 'GET', url, authorization, secrets: signer, nonceStore: store, ...extra })
}

test('fresh, replayed and too_old with node-redis and ioredis; the key is the shared one', async () => {
  assert.ok(REDIS_URL, 'OAUTH1_TEST_REDIS_URL is not set')
  const c = await clients(REDIS_URL)
  try {
    for (const [name, client] of [['node-redis', c.nodeRedis], ['ioredis', c.ioredis]]) {
      const store = new RedisNonceStore(client, { window: 300 })
      const request = signed(`${name}-${run}`)
      const verified = await verifyAsync(request(store))
      assert.equal(verified.consumerKey, 'app-key')
      await assert.rejects(verifyAsync(request(store)), (e) => e.code === 'nonce_used', name)
      // Recorded under the shared key, kept for the window past the timestamp.
      const key = nonceStoreKey('app-key', 'access-token', `${name}-${run}`, verified.timestamp)
      assert.equal(await c.nodeRedis.get(key), '1')
      const ttl = await c.ioredis.ttl(key)
      assert.ok(ttl > 290 && ttl <= 301, `ttl ${ttl}`)
      // Older than the window (but within a larger skew): too_old, nothing written.
      const now = Math.floor(Date.now() / 1000)
      const old = signed(`${name}-old-${run}`, now - 400)
      await assert.rejects(verifyAsync(old(store, { maxSkew: 600 })), (e) => e.code === 'timestamp_refused', name)
      assert.equal(await c.nodeRedis.exists(nonceStoreKey('app-key', 'access-token', `${name}-old-${run}`, now - 400)), 0)
      // The store's own answers, at a fixed time.
      assert.equal(await store.checkAndInsert('app-key', null, `direct-${name}-${run}`, 1_700_000_000, 1_700_000_000), 'fresh')
      assert.equal(await store.checkAndInsert('app-key', null, `direct-${name}-${run}`, 1_700_000_000, 1_700_000_000), 'replayed')
      assert.equal(await store.checkAndInsert('app-key', null, `direct-${name}-${run}`, 1_700_000_000, 1_700_000_301), 'too_old')
    }
    // The key of the fixed example is the one the core's test pins, in Redis too.
    const fixed = 'oauth1:nonce:e656743b1845f34e28ee5590b839e43dbbaddf9cfc530298b7914707ed93a581'
    await c.nodeRedis.del(fixed)
    assert.equal(await new RedisNonceStore(c.ioredis).checkAndInsert('app-key', 'access-token', 'n0nce', 1_700_000_000, 1_700_000_000), 'fresh')
    assert.equal(await c.nodeRedis.get(fixed), '1')
    await c.nodeRedis.del(fixed)
  } finally {
    await c.quit()
  }
})

test('two servers sharing one Redis refuse each other\'s replays', async () => {
  assert.ok(REDIS_URL, 'OAUTH1_TEST_REDIS_URL is not set')
  const c = await clients(REDIS_URL)
  try {
    const first = new RedisNonceStore(c.nodeRedis)
    const second = new RedisNonceStore(c.ioredis)
    for (let i = 0; i < 20; i++) {
      const request = signed(`shared-${i}-${run}`)
      const [taker, other] = i % 2 ? [first, second] : [second, first]
      await verifyAsync(request(taker))
      await assert.rejects(verifyAsync(request(other)), (e) => e.code === 'nonce_used')
    }
    // At once: of the same request sent to both, exactly one is accepted.
    const request = signed(`race-${run}`)
    const results = await Promise.allSettled([verifyAsync(request(first)), verifyAsync(request(second))])
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
  } finally {
    await c.quit()
  }
})

/** A private redis-server (never the shared one): start, stop, and restart on the same port. */
function privateRedis () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth1-node-redis-'))
  const url = execFileSync('bash', [SCRIPT, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  const port = new URL(url).port
  const pidOf = () => Number(fs.readFileSync(path.join(dir, 'redis.pid'), 'utf8'))
  return {
    url,
    stop () {
      const pid = pidOf()
      process.kill(pid)
      for (let i = 0; i < 100; i++) {
        try { process.kill(pid, 0) } catch { return }
        execFileSync('sleep', ['0.05'])
      }
    },
    restart () {
      execFileSync('redis-server', ['--bind', '127.0.0.1', '--port', port, '--save', '', '--appendonly', 'no', '--daemonize', 'yes',
        '--dir', dir, '--pidfile', path.join(dir, 'redis.pid'), '--logfile', path.join(dir, 'redis.log')])
    },
    remove () { execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' }) }
  }
}

/** Retries `attempt` until it resolves (a reconnecting client), for up to 15 s. */
async function eventually (attempt) {
  const until = Date.now() + 15000
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (Date.now() > until) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

function get (port, request) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/photos', headers: { authorization: request.authorization } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res))
    }).on('error', reject)
  })
}

test('a Redis stopped mid-test fails closed (503 from the middleware), and serves again once restarted', async () => {
  const redis = privateRedis()
  const c = await clients(redis.url)
  const stores = [['node-redis', new RedisNonceStore(c.nodeRedis, { timeout: 300 })], ['ioredis', new RedisNonceStore(c.ioredis, { timeout: 300 })]]
  const apps = []
  try {
    for (const [, store] of stores) {
      const app = express()
      app.use(oauth1Middleware({ secrets: signer, origin: ORIGIN, nonceStore: store }))
      app.get('/photos', (req, res) => res.end('ok'))
      const server = http.createServer(app)
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
      apps.push(server)
    }
    for (const [i, [name, store]] of stores.entries()) {
      assert.equal((await get(apps[i].address().port, signed(`up-${name}-${run}`)())).statusCode, 200, name)
      await verifyAsync(signed(`up2-${name}-${run}`)(store))
    }

    redis.stop()
    for (const [i, [name, store]] of stores.entries()) {
      const request = signed(`down-${name}-${run}`)
      await assert.rejects(verifyAsync(request(store)), (e) => {
        assert.equal(e.code, 'nonce_store_unavailable', name)
        assert.equal(e.problem, undefined)
        assert.match(e.message, new RegExp(`Redis at 127\\.0\\.0\\.1:${new URL(redis.url).port}`))
        return true
      })
      const res = await get(apps[i].address().port, request())
      assert.equal(res.statusCode, 503, name)
      assert.equal(res.headers['retry-after'], '1')
    }

    redis.restart()
    for (const [i, [name, store]] of stores.entries()) {
      await eventually(() => verifyAsync(signed(`back-${name}-${run}-${Math.random()}`)(store)))
      const request = signed(`back-http-${name}-${run}`)
      assert.equal((await get(apps[i].address().port, request())).statusCode, 200, name)
      assert.equal((await get(apps[i].address().port, request())).statusCode, 401, `${name}: the replay after the restart`)
    }
  } finally {
    for (const server of apps) await new Promise((resolve) => server.close(resolve))
    await c.quit()
    redis.remove()
  }
})
