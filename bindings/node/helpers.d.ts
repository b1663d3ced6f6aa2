// Typings of helpers.js (hand-written: the helpers are plain JavaScript).
import type { Signer } from './index'

/** The part of `fetch` the helper needs; the global `fetch` by default. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** Options of `signedFetch`, `axiosInterceptor` and `useOAuth1`. */
export interface RedirectOptions {
  /**
   * Origins (such as `https://api.example.com:8443`) whose redirect hops are
   * signed although they differ from the first request's. A hop to any other
   * origin is sent without OAuth parameters or Authorization header.
   */
  trustedOrigins?: string[]
}

/** Options of `signedFetch`: the `fetch` to use and the trusted origins. */
export interface SignedFetchOptions extends RedirectOptions {
  /** The `fetch` that sends each request; the global `fetch` by default. */
  fetch?: FetchLike
}

/**
 * A `fetch` that signs every request with `signer` before sending it with
 * `fetchImpl` (the global `fetch` by default). It signs the final method, the
 * absolute URL as fetch sends it and, for a `URLSearchParams` body or a body whose
 * Content-Type is `application/x-www-form-urlencoded`, the body's pairs (then it
 * sets that Content-Type). JSON and other bodies are sent but not signed (unless
 * the signer sends `oauth_body_hash`). A stream body with a form Content-Type
 * throws `invalid_argument`.
 *
 * Redirects are followed here, at most 20 hops as fetch does, and each hop is
 * signed anew for its method and URL (RFC 5849 section 3.4.1; 303, and 301/302
 * after a POST, become GET without the body). A hop whose origin is neither the
 * first request's nor in `trustedOrigins` is sent unsigned, without Authorization.
 * `redirect: 'manual'` returns the redirect itself, `redirect: 'error'` rejects
 * with a TypeError. The response's `redirected` stays false; its `url` is the last hop's.
 */
export declare function signedFetch(signer: Signer, fetchImpl?: FetchLike, options?: RedirectOptions): FetchLike
export declare function signedFetch(signer: Signer, options: SignedFetchOptions): FetchLike

/** The shape of the axios instance the interceptor needs (axios is not a dependency). */
export interface AxiosLike {
  (...args: any[]): any
  getUri(config?: any): string
  request(config: any): Promise<any>
  interceptors: {
    request: { use(onFulfilled: (config: any) => any): number }
    response: { use(onFulfilled: (response: any) => any, onRejected: (error: any) => any): number }
  }
}

/**
 * An axios request interceptor that signs each request with `signer`:
 * `instance.interceptors.request.use(axiosInterceptor(signer, instance))`.
 * The URL is built as axios builds it (`baseURL`, `url`, `params`,
 * `paramsSerializer`, via `instance.getUri`) and pinned; the body is transformed
 * as axios would (`transformRequest`), so a `URLSearchParams` or form body is
 * signed byte for byte. A stream body with a form Content-Type throws `invalid_argument`.
 *
 * Redirects: the signed request is sent with `maxRedirects: 0`, and a response
 * interceptor (installed on the instance by this call) follows each redirect
 * through the instance, signed anew for its method and URL, or unsigned for an
 * origin that is neither the first request's nor in `trustedOrigins`. A request's
 * own `maxRedirects` is kept as the limit (21 when unset); `maxRedirects: 0` gets
 * the redirect itself.
 */
export declare function axiosInterceptor<C = any>(signer: Signer, axiosInstance: AxiosLike, options?: RedirectOptions): (config: C) => C

/** Installs `axiosInterceptor(signer, axiosInstance)`; returns the id for `interceptors.request.eject`. */
export declare function useOAuth1(axiosInstance: AxiosLike, signer: Signer, options?: RedirectOptions): number
