// Typings of helpers.js (hand-written: the helpers are plain JavaScript).
import type { Signer } from './index'

/** The part of `fetch` the helper needs; the global `fetch` by default. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/**
 * A `fetch` that signs every request with `signer` before sending it with
 * `fetchImpl` (the global `fetch` by default). It signs the final method, the
 * absolute URL as fetch sends it and, for a `URLSearchParams` body or a body whose
 * Content-Type is `application/x-www-form-urlencoded`, the body's pairs (then it
 * sets that Content-Type). JSON and other bodies are sent but not signed (unless
 * the signer sends `oauth_body_hash`). A stream body with a form Content-Type
 * throws `invalid_argument`. Redirects are followed by fetch without re-signing.
 */
export declare function signedFetch(signer: Signer, fetchImpl?: FetchLike): FetchLike

/** The shape of the axios instance the interceptor needs (axios is not a dependency). */
export interface AxiosLike {
  (...args: any[]): any
  getUri(config?: any): string
  interceptors: { request: { use(onFulfilled: (config: any) => any): number } }
}

/**
 * An axios request interceptor that signs each request with `signer`:
 * `instance.interceptors.request.use(axiosInterceptor(signer, instance))`.
 * The URL is built as axios builds it (`baseURL`, `url`, `params`,
 * `paramsSerializer`, via `instance.getUri`) and pinned; the body is transformed
 * as axios would (`transformRequest`), so a `URLSearchParams` or form body is
 * signed byte for byte. A stream body with a form Content-Type throws `invalid_argument`.
 */
export declare function axiosInterceptor<C = any>(signer: Signer, axiosInstance: AxiosLike): (config: C) => C

/** Installs `axiosInterceptor(signer, axiosInstance)`; returns the id for `interceptors.request.eject`. */
export declare function useOAuth1(axiosInstance: AxiosLike, signer: Signer): number
