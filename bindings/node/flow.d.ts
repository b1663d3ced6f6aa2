// Typings of flow.js (hand-written: the flow's HTTP side is plain JavaScript).
import type { RsaPrivateKey, SignerOptions, Signer } from './index'
import type { FetchLike } from './helpers'

/** Options of `new OAuth1Flow(options)`. */
export interface OAuth1FlowOptions {
  /** The consumer key (`oauth_consumer_key`). */
  consumerKey: string
  /** The consumer secret; required unless `privateKey` is given. */
  consumerSecret?: string
  /** The consumer's RSA private key, for the RSA methods (RFC 5849 section 3.4.3). */
  privateKey?: string | Uint8Array | ArrayBuffer | RsaPrivateKey
  /** The signature method; the preset's, else `HMAC-SHA1` (`RSA-SHA1` with a `privateKey`). */
  signatureMethod?: SignerOptions['signatureMethod']
  /** A `realm` for the Authorization header. */
  realm?: string
  /**
   * Where the provider sends the user back (`oauth_callback`, RFC 5849 section 2.1);
   * the preset's, else `oob` (the user copies the verifier by hand).
   */
  callback?: string
  /** A provider preset (see `providerNames()`): its URLs, callback rule and signing settings. */
  provider?: string
  /** The values the preset's templates need, such as NetSuite's `{ account }`. */
  providerValues?: Record<string, string>
  /** Whether to send `oauth_version="1.0"`. */
  version?: boolean
  /** Whether to send `oauth_body_hash`. */
  bodyHash?: boolean
  /** Seconds added to the clock for `oauth_timestamp`. */
  clockOffset?: number
  /** Where the protocol parameters go. */
  placement?: SignerOptions['placement']
  /** The `fetch` that sends the token requests; the global `fetch` by default. */
  fetch?: FetchLike
}

/**
 * Credentials a provider issued (RFC 5849 sections 2.1 and 2.3): `token` and
 * `tokenSecret`, which `new Signer({ consumerKey, consumerSecret, ...credentials })`
 * takes as they are, and each other parameter of the answer (`user_id`,
 * `screen_name`, `oauth_callback_confirmed`…) under its own name: read-only and
 * not enumerable, so a spread passes only the two credentials on.
 */
export type TokenCredentials = {
  readonly token: string
  readonly tokenSecret: string
} & { readonly [parameter: string]: string }

/** The redirect back from the provider (RFC 5849 section 2.2). */
export interface AuthorizationResponse {
  /** The temporary token, which matched the one issued. */
  token: string
  /** `oauth_verifier`. */
  verifier: string
}

/** Extra parameters of the authorization URL: an object, URLSearchParams or pairs. */
export type AuthorizationParams = Record<string, string | number | boolean> | URLSearchParams | Array<[string, string]>

/**
 * The three-legged flow (RFC 5849 section 2) over `fetch`. The URLs default to the
 * `provider` preset's. Errors carry a `code`: `invalid_argument`, `invalid_option`
 * (no URL given and no preset one), `callback_unconfirmed`, `response_invalid`,
 * `provider_error`, `token_mismatch`, `unknown_provider`, or the OAuth problem a
 * provider named (`signature_invalid`, `timestamp_refused`…).
 */
export declare class OAuth1Flow {
  constructor(options: OAuth1FlowOptions)
  /** The `oauth_callback` the temporary-credentials request carries. */
  readonly callback: string
  /** The temporary token, once fetched or set. */
  readonly requestToken: string | undefined
  /** Step 1 (section 2.1): temporary credentials from `url` (the preset's by default). */
  fetchRequestToken(url?: string | URL): Promise<TokenCredentials>
  /** Resumes a flow with temporary credentials kept from `fetchRequestToken`. */
  setRequestToken(token: string, tokenSecret: string): void
  /** Step 2 (section 2.2): the URL to send the user to. */
  authorizationUrl(url?: string | URL | null, extra?: AuthorizationParams): string
  authorizationUrl(extra: AuthorizationParams): string
  /** Reads the redirect back (a URL or its query) and keeps its verifier. */
  parseAuthorizationResponse(url: string | URL): AuthorizationResponse
  /** Step 3 (section 2.3): token credentials from `url`, with the verifier kept or given. */
  fetchAccessToken(url?: string | URL | null, verifier?: string): Promise<TokenCredentials>
  /** A `Signer` for API calls with the token credentials, once fetched. */
  signer(): Signer
}
