// Typings of server.js (hand-written: plain JavaScript over the native `verify`).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NonceCheck, NonceStore, NonceStoreLike, SecretLookup, Signer, Verified, VerifyRequest } from './index'

/**
 * `verify` with a nonce store that may answer with a promise (a `RedisNonceStore`,
 * a database): verifies the request natively, then awaits the store. Rejects as
 * `verify` throws; a store that rejects, throws or answers anything but `'fresh'`,
 * `'replayed'` or `'too_old'` rejects with `nonce_store_unavailable` (answer it with
 * 503, never accept the request).
 */
export declare function verifyAsync(request: VerifyRequest): Promise<Verified>

/** The shape of the node-redis (v4, v5) and ioredis clients the store uses. */
export interface RedisClientLike {
  set(...args: any[]): Promise<string | null | unknown>
}

/** Options of `new RedisNonceStore(client, options)`. */
export interface RedisNonceStoreOptions {
  /**
   * How long a nonce is kept past its timestamp, in seconds; 300 by default. It must
   * be at least the verifier's `maxSkew`, or replays of requests older than the
   * window go unnoticed.
   */
  window?: number
  /** How long to wait for Redis, in milliseconds, before failing closed; 1000 by default. */
  timeout?: number
}

/**
 * A nonce store on Redis that every server process sharing the Redis uses: one
 * `SET key 1 NX EX ttl` per request, the key from `nonceStoreKey`. Takes a connected
 * node-redis (`createClient`, v4 or v5) or ioredis client (optional peer
 * dependencies: install the one you use). A timestamp older than `now - window`
 * answers `'too_old'` without asking Redis; any client error, timeout or unexpected
 * reply rejects with a message naming the Redis (host and port, never a password),
 * which `verifyAsync` turns into `nonce_store_unavailable`. Use it with `verifyAsync`,
 * `verifyRequest` or `oauth1Middleware`.
 */
export declare class RedisNonceStore implements NonceStoreLike {
  constructor(client: RedisClientLike, options?: RedisNonceStoreOptions)
  readonly client: RedisClientLike
  readonly window: number
  readonly timeout: number
  checkAndInsert(consumerKey: string, token: string | null, nonce: string, timestamp: number, now: number): Promise<NonceCheck>
}

/** Options of `oauth1Middleware` and `verifyRequest`: the `verify` options, the request aside. */
export interface OAuth1MiddlewareOptions extends Omit<VerifyRequest, 'method' | 'url' | 'authorization' | 'body' | 'contentType' | 'secrets' | 'nonceStore'> {
  /** Finds the secrets for the keys the request names, as for `verify`. */
  secrets: SecretLookup | Signer
  /**
   * The canonical origin clients sign for, such as `https://api.example.com`: the URL
   * verified is this and the request's path and query, never the Host or
   * X-Forwarded-* headers (which clients can set to anything).
   */
  origin: string
  /** The realm of the `WWW-Authenticate` challenge of a refusal. */
  realm?: string
  /** A nonce store: the native `NonceStore`, a `RedisNonceStore` or your own. */
  nonceStore?: NonceStore | NonceStoreLike
  /** The largest form body read, in bytes; 10 MiB by default (larger: 413, `body_too_large`). */
  maxBody?: number
}

/**
 * Verifies a Node request (`http.createServer`, Express, Connect, or Fastify's
 * `request.raw` in an `onRequest` hook): the URL from `origin`, the Authorization
 * header, and a form body, which is read and put back so that later body parsers
 * still read it. Rejects as `verifyAsync` does, and with code `body_too_large` for a
 * form body over `maxBody`.
 */
export declare function verifyRequest(req: IncomingMessage, options: OAuth1MiddlewareOptions): Promise<Verified>

/**
 * Connect/Express middleware: verifies every request (see `verifyRequest`), sets
 * `req.oauth1` to the `Verified` result and calls `next()`. A refusal is answered with
 * 401 and `WWW-Authenticate: OAuth realm="…", oauth_problem="…"` (a malformed
 * Authorization header too: `parameter_rejected`); a URL or method that cannot be
 * read with 400; an unreachable nonce store with 503 and
 * `Retry-After: 1`; a form body over `maxBody` with 413. Other errors (a throwing
 * `secrets`) go to `next(error)`. Mount it before body parsers.
 */
export declare function oauth1Middleware(options: OAuth1MiddlewareOptions): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by `oauth1Middleware`: what the request was verified with. */
    oauth1?: Verified
  }
}
