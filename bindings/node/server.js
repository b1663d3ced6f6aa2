'use strict'
// The server side beyond the native `verify`: nonce stores written in JavaScript
// (synchronous ones for `verify`, asynchronous ones for `verifyAsync`), the Redis
// store, and the Connect/Express middleware with its framework-free `verifyRequest`.
// The rules stay native: the store's answer goes back to the core's verdict
// (`_concludeNonce`) and the Redis key is the core's (`nonceStoreKey`).

const native = require('./index.js')

const { NonceStore, nonceStoreKey } = native
const nativeVerify = native.verify

/** Whether `store` is a JavaScript store (not the native one, not a wrong value). */
function isJsStore (store) {
  return store != null && typeof store === 'object' && !(store instanceof NonceStore) &&
    typeof store.checkAndInsert === 'function'
}

/** Verifies without the store; returns [verified, pending] or [verified] when it has nothing to ask. */
function pending (request) {
  const [verified, handle] = native._verifyPending({ ...request, nonceStore: undefined })
  return verified.nonce == null || verified.timestamp == null ? [verified] : [verified, handle]
}

function ask (store, v) {
  return store.checkAndInsert(v.consumerKey, v.token ?? null, v.nonce, v.timestamp, v.verifiedAt)
}

/**
 * `verify(request)`: the native one, or, with a JavaScript `nonceStore`, the native
 * one without it and then the store's synchronous answer.
 */
function verify (request) {
  const store = request?.nonceStore
  if (!isJsStore(store)) return nativeVerify(request)
  const [verified, handle] = pending(request)
  if (handle === undefined) return verified
  let answer
  let thrown = false
  try {
    answer = ask(store, verified)
  } catch (error) {
    answer = error
    thrown = true
  }
  // A promise is refused (invalid_argument); its rejection must not go unhandled.
  if (!thrown && typeof answer?.then === 'function') Promise.resolve(answer).catch(() => {})
  native._concludeNonce(handle, answer, thrown, true)
  return verified
}

/** `verifyAsync(request)`: `verify`, with a store that may answer with a promise. */
async function verifyAsync (request) {
  const store = request?.nonceStore
  if (!isJsStore(store)) return nativeVerify(request)
  const [verified, handle] = pending(request)
  if (handle === undefined) return verified
  let answer
  let thrown = false
  try {
    answer = await ask(store, verified)
  } catch (error) {
    answer = error
    thrown = true
  }
  native._concludeNonce(handle, answer, thrown, false)
  return verified
}

/** An `Error` with a `code`, like the native ones. */
function coded (message, code) {
  const error = new Error(message)
  error.code = code
  return error
}

/**
 * A nonce store on Redis, shared by every server process that uses the same Redis:
 * one `SET key 1 NX EX ttl` per request (never a GET then a SET), the key from
 * `nonceStoreKey`. Works with node-redis (v4, v5) and ioredis clients, told apart by
 * their shape. Any client error, a reply that is neither `OK` nor null, or no reply
 * within `timeout` milliseconds rejects, which verification turns into
 * `nonce_store_unavailable` (fail closed).
 */
class RedisNonceStore {
  constructor (client, options = {}) {
    if (client == null || typeof client.set !== 'function') {
      throw coded('new RedisNonceStore(client, options): `client` must be a node-redis or ioredis client', 'invalid_argument')
    }
    const { window = 300, timeout = 1000, ...rest } = options ?? {}
    const unknown = Object.keys(rest)
    if (unknown.length > 0) throw coded(`new RedisNonceStore(client, options): unknown option \`${unknown[0]}\``, 'invalid_argument')
    for (const [name, value] of [['window', window], ['timeout', timeout]]) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw coded(`new RedisNonceStore(client, options): \`${name}\` must be a positive integer`, 'invalid_option')
      }
    }
    this.client = client
    this.window = window
    this.timeout = timeout
    // ioredis: positional arguments (`status` and `defineCommand` are its own);
    // node-redis: an options object.
    this.ioredis = typeof client.defineCommand === 'function' && typeof client.status === 'string'
    this.where = `Redis at ${redisAddress(client)}`
  }

  /** Records the nonce: 'fresh', 'replayed' or 'too_old'; rejects when Redis cannot answer. */
  async checkAndInsert (consumerKey, token, nonce, timestamp, now) {
    if (timestamp + this.window < now) return 'too_old'
    const key = nonceStoreKey(consumerKey, token, nonce, timestamp)
    const ttl = Math.max(1, timestamp + this.window - now + 1)
    let timer
    let reply
    try {
      const set = this.ioredis
        ? this.client.set(key, '1', 'EX', ttl, 'NX')
        : this.client.set(key, '1', { NX: true, EX: ttl })
      const late = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeout} ms`)), this.timeout)
      })
      Promise.resolve(set).catch(() => {})
      reply = await Promise.race([set, late])
    } catch (error) {
      throw new Error(`${this.where}: ${error?.message ?? String(error)}`)
    } finally {
      clearTimeout(timer)
    }
    if (reply === 'OK') return 'fresh'
    if (reply === null || reply === undefined) return 'replayed'
    throw new Error(`${this.where}: unexpected reply to SET NX`)
  }
}

/** `host:port` of a client, never its password. */
function redisAddress (client) {
  const options = client.options ?? {}
  let host = options.host ?? options.socket?.host
  let port = options.port ?? options.socket?.port
  if (host === undefined && typeof options.url === 'string') {
    try {
      const url = new URL(options.url)
      host = url.hostname
      port = url.port || 6379
    } catch {}
  }
  if (options.socket?.path ?? options.path) return options.socket?.path ?? options.path
  return `${host ?? 'localhost'}:${port ?? 6379}`
}

const FORM = 'application/x-www-form-urlencoded'

/** Checks the middleware's options once; returns them with the origin normalised. */
function settings (options, what) {
  if (options == null || typeof options !== 'object') throw coded(`${what}: options must be an object`, 'invalid_argument')
  const { secrets, origin, realm, nonceStore, maxBody = 10 * 1024 * 1024, ...verifyOptions } = options
  for (const name of ['method', 'url', 'authorization', 'body', 'contentType']) {
    if (name in verifyOptions) throw coded(`${what}: \`${name}\` is read from the request, not given`, 'invalid_argument')
  }
  if (secrets == null) throw coded(`${what}: \`secrets\` is required`, 'invalid_argument')
  let base
  try {
    base = new URL(origin)
  } catch {
    throw coded(`${what}: \`origin\` must be the canonical origin, such as https://api.example.com`, 'invalid_argument')
  }
  if (!['http:', 'https:'].includes(base.protocol) || base.pathname !== '/' || base.search || base.hash || base.username || base.password) {
    throw coded(`${what}: \`origin\` must be a scheme, host and port only, such as https://api.example.com`, 'invalid_argument')
  }
  if (realm !== undefined && (typeof realm !== 'string' || /["\\\u0000-\u001f\u007f]/.test(realm))) {
    throw coded(`${what}: \`realm\` must be a string without quotes, backslashes or control characters`, 'invalid_argument')
  }
  if (!Number.isSafeInteger(maxBody) || maxBody < 0) throw coded(`${what}: \`maxBody\` must be a non-negative integer`, 'invalid_argument')
  return { secrets, origin: base.origin, realm, nonceStore, maxBody, verifyOptions }
}

/**
 * Reads a form body without consuming it for later readers: the chunks are read off
 * the stream as they arrive and, once the message is complete, put back in front
 * (`unshift`) before the stream ends, so a body parser mounted later reads them as usual.
 */
function readBody (req, maxBody) {
  if (req.readableEnded || (req.complete && !req.readable)) {
    // A body parser ran first: only a raw body can be verified.
    const raw = req.rawBody ?? req.body
    if (typeof raw === 'string' || raw instanceof Uint8Array) return Promise.resolve(raw)
    return Promise.reject(coded('the request body was already read: mount oauth1Middleware before body parsers, or keep the raw body in req.rawBody', 'invalid_argument'))
  }
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    const finish = (error, body) => {
      req.removeListener('readable', onReadable)
      req.removeListener('error', onError)
      req.removeListener('end', onEnd)
      if (error) reject(error)
      else resolve(body)
    }
    const onError = (error) => finish(error)
    // Only an empty body ends here (a non-empty one is put back before its end).
    const onEnd = () => finish(null, Buffer.concat(chunks))
    const onReadable = () => {
      let chunk
      while ((chunk = req.read()) !== null) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
        size += chunk.length
        if (size > maxBody) {
          finish(coded(`the request body is larger than ${maxBody} bytes`, 'body_too_large'))
          return
        }
      }
      if (req.complete || req._readableState?.ended) {
        const body = Buffer.concat(chunks)
        finish(null, body)
        if (body.length > 0) req.unshift(body)
      }
    }
    req.on('error', onError)
    req.on('end', onEnd)
    req.on('readable', onReadable)
  })
}

/** The request as `verify` takes it, the URL rebuilt from the configured origin. */
async function received (req, config) {
  const path = req.originalUrl ?? req.url ?? '/'
  const headers = req.headers ?? {}
  const contentType = headers['content-type']
  const request = {
    method: req.method,
    url: config.origin + (path.startsWith('/') ? path : '/' + path),
    authorization: headers.authorization,
    contentType,
    secrets: config.secrets,
    ...config.verifyOptions
  }
  if (config.nonceStore != null) request.nonceStore = config.nonceStore
  if (typeof contentType === 'string' && contentType.split(';')[0].trim().toLowerCase() === FORM) {
    const length = Number(headers['content-length'])
    if (length > config.maxBody) throw coded(`the request body is larger than ${config.maxBody} bytes`, 'body_too_large')
    request.body = await readBody(req, config.maxBody)
  }
  return request
}

/**
 * Verifies a Node `IncomingMessage` (from `http.createServer`, Express, Connect…):
 * the URL is the configured `origin` with the request's path and query, never the
 * Host or X-Forwarded-* headers; a form body is read and left readable.
 */
async function verifyRequest (req, options) {
  const config = settings(options, 'verifyRequest(req, options)')
  return verifyAsync(await received(req, config))
}

/** The `WWW-Authenticate` value of a refusal, with the realm when one is configured. */
function challenge (error, realm) {
  const value = error.wwwAuthenticate ?? 'OAuth'
  return realm === undefined ? value : value.replace(/^OAuth\b,? ?/, `OAuth realm="${realm}", `).replace(/, $/, '')
}

function answer (res, status, headers, text) {
  res.statusCode = status
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end(text + '\n')
}

/** The status a failed verification is answered with; undefined for a server error. */
function refusal (error, realm) {
  if (error?.problem) return [401, { 'WWW-Authenticate': challenge(error, realm) }, `OAuth: ${error.problem}`]
  switch (error?.code) {
    case 'nonce_store_unavailable': return [503, { 'Retry-After': '1' }, 'The nonce store is unavailable; try again shortly.']
    case 'body_too_large': return [413, {}, 'Request body too large.']
    case 'invalid_url':
    case 'invalid_method': return [400, {}, `Bad request: ${error.code}`]
    default: return undefined
  }
}

/**
 * Connect/Express middleware: verifies every request, sets `req.oauth1` to what
 * `verify` returned and calls `next()`; answers a refusal with 401 and
 * `WWW-Authenticate`, a URL or method that cannot be read with 400, an unreachable nonce store with 503 and `Retry-After: 1`, a
 * form body over `maxBody` with 413, and passes other errors (a throwing `secrets`)
 * to `next(error)`.
 */
function oauth1Middleware (options) {
  const config = settings(options, 'oauth1Middleware(options)')
  return function oauth1 (req, res, next) {
    received(req, config).then(verifyAsync).then((verified) => {
      req.oauth1 = verified
      next()
    }, (error) => {
      const reply = refusal(error, config.realm)
      if (reply === undefined) next(error)
      else answer(res, ...reply)
    })
  }
}

module.exports = { verify, verifyAsync, RedisNonceStore, oauth1Middleware, verifyRequest }
