'use strict'
// Nonce stores written in JavaScript (issue 17): synchronous ones for `verify`,
// asynchronous ones for `verifyAsync`, each answer going through the core's verdict;
// a store that throws, rejects or answers garbage fails closed
// (`nonce_store_unavailable`); `nonceStoreKey` is the core's shared key; and
// `RedisNonceStore` on stand-in clients of both shapes (real Redis: redis.test.js).

const test = require('node:test')
const assert = require('node:assert/strict')
const { Signer, NonceStore, verify, verifyAsync, nonceStoreKey, RedisNonceStore } = require('../oauth1.js')

const NOW = 1_700_000_000
const URL_ = 'https://api.example.com/photos?size=original'
const signer = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'token-secret' })

/** A signed request as the server receives it, with `store` as its nonce store. */
function request (store, { nonce = 'n0nce', timestamp = NOW, now = NOW } = {}) {
  const { authorization } = signer.sign({ method: 'GET', url: URL_, nonce, timestamp })
  return { method: 'GET', url: URL_, authorization, secrets: signer, now, nonceStore: store }
}

/** A store in a Map, answering synchronously, that records what it was asked. */
function mapStore () {
  const seen = new Map()
  const asked = []
  return {
    asked,
    checkAndInsert (consumerKey, token, nonce, timestamp, now) {
      asked.push([consumerKey, token, nonce, timestamp, now])
      const key = nonceStoreKey(consumerKey, token, nonce, timestamp)
      if (timestamp + 300 < now) return 'too_old'
      if (seen.has(key)) return 'replayed'
      seen.set(key, true)
      return 'fresh'
    }
  }
}

const unavailable = (pattern) => (e) => {
  assert.equal(e.code, 'nonce_store_unavailable')
  assert.equal(e.problem, undefined, 'no OAuth problem: the server answers 503')
  assert.equal(e.wwwAuthenticate, undefined)
  assert.match(e.message, pattern)
  return true
}

test('nonceStoreKey is the fixed key every language shares', () => {
  assert.equal(nonceStoreKey('app-key', 'access-token', 'n0nce', NOW),
    'oauth1:nonce:e656743b1845f34e28ee5590b839e43dbbaddf9cfc530298b7914707ed93a581')
  const others = [nonceStoreKey('app-key', null, 'n0nce', NOW), nonceStoreKey('app-key', '', 'n0nce', NOW),
    nonceStoreKey('app-keyn', '0nce', '', NOW), nonceStoreKey('app-key', 'access-token', 'n0nce', NOW + 1)]
  assert.equal(new Set(others).size, 4)
  assert.equal(nonceStoreKey('app-key', undefined, 'n0nce', NOW), others[0])
  for (const bad of [-1, 1.5, NaN, Infinity]) {
    assert.throws(() => nonceStoreKey('k', null, 'n', bad), (e) => e.code === 'invalid_argument')
  }
})

test('a synchronous store: fresh, then nonce_used; asked with the server time', () => {
  const store = mapStore()
  const verified = verify(request(store))
  assert.equal(verified.consumerKey, 'app-key')
  assert.equal(verified.verifiedAt, NOW)
  assert.deepEqual(store.asked, [['app-key', 'access-token', 'n0nce', NOW, NOW]])
  assert.throws(() => verify(request(store)), (e) => e.code === 'nonce_used' && /nonce_used/.test(e.wwwAuthenticate))
  // The same store through verifyAsync.
  return assert.rejects(verifyAsync(request(store)), (e) => e.code === 'nonce_used')
})

test('too_old is timestamp_refused with the window the store can vouch for', async () => {
  const store = { checkAndInsert: () => 'too_old' }
  const check = (e) => e.code === 'timestamp_refused' && e.acceptableTimestamps.join() === [NOW + 1, NOW + 300].join()
  assert.throws(() => verify(request(store)), check)
  await assert.rejects(verifyAsync(request({ checkAndInsert: async () => 'too_old' })), (e) => {
    assert.equal(e.code, 'timestamp_refused')
    assert.deepEqual(e.acceptableTimestamps, [NOW + 1, NOW + 300])
    return true
  })
})

test('an asynchronous store: verifyAsync awaits it; verify refuses its promise', async () => {
  const inner = mapStore()
  const store = { checkAndInsert: async (...args) => { await new Promise((resolve) => setImmediate(resolve)); return inner.checkAndInsert(...args) } }
  const verified = await verifyAsync(request(store))
  assert.equal(verified.token, 'access-token')
  await assert.rejects(verifyAsync(request(store)), (e) => e.code === 'nonce_used')
  assert.throws(() => verify(request(store, { nonce: 'other' })), (e) => e.code === 'invalid_argument' && /verifyAsync/.test(e.message))
  // verifyAsync also takes the native store and no store at all.
  const native = new NonceStore()
  await verifyAsync(request(native, { nonce: 'native' }))
  await assert.rejects(verifyAsync(request(native, { nonce: 'native' })), (e) => e.code === 'nonce_used')
  await verifyAsync({ ...request(undefined), nonceStore: undefined })
})

test('a store that throws, rejects or answers garbage fails closed', async () => {
  const thrown = { checkAndInsert () { throw new TypeError('connection lost') } }
  assert.throws(() => verify(request(thrown)), unavailable(/TypeError: connection lost/))
  await assert.rejects(verifyAsync(request(thrown)), unavailable(/TypeError: connection lost/))
  await assert.rejects(verifyAsync(request({ checkAndInsert: () => Promise.reject(new Error('ECONNREFUSED')) })), unavailable(/Error: ECONNREFUSED/))
  await assert.rejects(verifyAsync(request({ checkAndInsert: async () => { throw 'a string' } })), unavailable(/a string/))
  for (const garbage of ['FRESH', 'ok', true, 1, null, undefined, {}, ['fresh']]) {
    assert.throws(() => verify(request({ checkAndInsert: () => garbage })), unavailable(/returned/), String(garbage))
    await assert.rejects(verifyAsync(request({ checkAndInsert: async () => garbage })), unavailable(/returned/))
  }
})

test('the store is asked only about requests that verified, and not without a nonce', async () => {
  const store = mapStore()
  const bad = request(store)
  bad.authorization = bad.authorization.replace(/oauth_signature="[^"]*"/, 'oauth_signature="AAAA"')
  assert.throws(() => verify(bad), (e) => e.code === 'signature_invalid')
  await assert.rejects(verifyAsync(bad), (e) => e.code === 'signature_invalid')
  assert.equal(store.asked.length, 0)
  // PLAINTEXT without timestamp and nonce (allowed only when relaxed): nothing to ask.
  const plain = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'token-secret', signatureMethod: 'PLAINTEXT' })
  const { authorization } = plain.sign({ method: 'GET', url: URL_ })
  const bare = authorization.replace(/,? ?oauth_(timestamp|nonce)="[^"]*"/g, '')
  const verified = verify({ method: 'GET', url: URL_, authorization: bare, secrets: plain, signatureMethods: ['PLAINTEXT'], requireTimestamp: false, nonceStore: store })
  assert.equal(verified.nonce, undefined)
  assert.equal(store.asked.length, 0)
})

test('a nonceStore that is neither kind is invalid_argument', () => {
  for (const wrong of [5, 'store', {}, { checkAndInsert: 'fresh' }]) {
    assert.throws(() => verify(request(wrong)), (e) => e.code === 'invalid_argument' && /checkAndInsert/.test(e.message))
  }
})

/** A stand-in node-redis client (an options object) that records its commands. */
function nodeRedisLike (reply) {
  const calls = []
  return { calls, options: { url: 'redis://user:hunter2@redis.internal:6380' }, set: async (...args) => { calls.push(args); return typeof reply === 'function' ? reply() : reply } }
}

test('RedisNonceStore: one SET NX EX per request, in each client shape', async () => {
  const nodeRedis = nodeRedisLike('OK')
  const store = new RedisNonceStore(nodeRedis)
  assert.equal(await store.checkAndInsert('app-key', 'access-token', 'n0nce', NOW, NOW + 10), 'fresh')
  const key = nonceStoreKey('app-key', 'access-token', 'n0nce', NOW)
  assert.deepEqual(nodeRedis.calls, [[key, '1', { NX: true, EX: 291 }]])
  const ioCalls = []
  const ioredis = { status: 'ready', defineCommand () {}, options: { host: 'h', port: 1 }, set: async (...args) => { ioCalls.push(args); return null } }
  assert.equal(await new RedisNonceStore(ioredis, { window: 600 }).checkAndInsert('app-key', null, 'n', NOW, NOW), 'replayed')
  assert.deepEqual(ioCalls, [[nonceStoreKey('app-key', null, 'n', NOW), '1', 'EX', 601, 'NX']])
  // Too old: no command at all; a ttl is never under 1 second.
  assert.equal(await store.checkAndInsert('app-key', null, 'n', NOW, NOW + 301), 'too_old')
  assert.equal(nodeRedis.calls.length, 1)
  await store.checkAndInsert('app-key', null, 'n', NOW, NOW + 300)
  assert.equal(nodeRedis.calls[1][2].EX, 1)
})

test('RedisNonceStore fails closed on errors, odd replies and silence, naming the Redis without its password', async () => {
  const down = new RedisNonceStore(nodeRedisLike(() => { throw new Error('The client is closed') }))
  await assert.rejects(down.checkAndInsert('k', null, 'n', NOW, NOW), (e) => /redis\.internal:6380: The client is closed/.test(e.message) && !/hunter2/.test(e.message))
  await assert.rejects(verifyAsync(request(down)), unavailable(/Redis at redis\.internal:6380/))
  const odd = new RedisNonceStore(nodeRedisLike(1))
  await assert.rejects(verifyAsync(request(odd)), unavailable(/unexpected reply/))
  const silent = new RedisNonceStore({ set: () => new Promise(() => {}) }, { timeout: 50 })
  await assert.rejects(verifyAsync(request(silent)), unavailable(/no answer within 50 ms/))
  // Synchronous verify refuses the store (it answers with promises).
  assert.throws(() => verify(request(new RedisNonceStore(nodeRedisLike('OK')))), (e) => e.code === 'invalid_argument')
  for (const options of [{ window: 0 }, { window: 1.5 }, { timeout: -1 }]) {
    assert.throws(() => new RedisNonceStore(nodeRedisLike('OK'), options), (e) => e.code === 'invalid_option')
  }
  assert.throws(() => new RedisNonceStore({}), (e) => e.code === 'invalid_argument')
  assert.throws(() => new RedisNonceStore(nodeRedisLike('OK'), { windw: 5 }), (e) => e.code === 'invalid_argument')
})
