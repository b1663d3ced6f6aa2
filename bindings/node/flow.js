'use strict'
// OAuth1Flow: getting a token through the three-legged flow (RFC 5849 section 2)
// over `fetch`. Every rule is the core's (the native flow state: the signers of the
// two token requests, the provider's answers, the authorization URL, the redirect
// back); this file only sends the requests, each signed with `signedFetch`, which
// also signs any redirect of them anew.

const { inspect } = require('node:util')
const native = require('./index.js')
const { signedFetch } = require('./helpers.js')

function fail (message) {
  const error = new Error(message)
  error.code = 'invalid_argument'
  return error
}

function kind (value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`
}

/** A URL argument that may be left out (the preset's is used then). */
function optionalUrl (url, where) {
  if (url === undefined || url === null) return undefined
  if (url instanceof URL) return url.href
  if (typeof url !== 'string') throw fail(`${where}: \`url\` must be a string or URL, got ${kind(url)}`)
  return url
}

/** Extra authorization parameters as [name, value] pairs: an object, URLSearchParams or pairs. */
function pairs (extra, where) {
  if (extra === undefined || extra === null) return []
  let entries
  if (extra instanceof URLSearchParams) entries = [...extra]
  else if (Array.isArray(extra)) entries = extra
  else if (typeof extra === 'object') entries = Object.entries(extra)
  else throw fail(`${where}: \`extra\` must be an object, URLSearchParams or [name, value] pairs, got ${kind(extra)}`)
  return entries.map((entry) => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' ||
        !['string', 'number', 'boolean'].includes(typeof entry[1])) {
      throw fail(`${where}: every extra parameter must be a name and a string value`)
    }
    return [entry[0], String(entry[1])]
  })
}

/**
 * Credentials as the flow resolves them: `token` and `tokenSecret`, which
 * `new Signer({ consumerKey, consumerSecret, ...credentials })` takes as they are,
 * and every other parameter of the provider's answer (`user_id`, `screen_name`,
 * `oauth_callback_confirmed`…) under its own name, read-only and not enumerable,
 * so that spreading the object passes only the two credentials on.
 */
function credentials ([token, tokenSecret, extra]) {
  const result = { token, tokenSecret }
  for (const [name, value] of extra) {
    if (name === 'token' || name === 'tokenSecret' || Object.prototype.hasOwnProperty.call(result, name)) continue
    Object.defineProperty(result, name, { value, enumerable: false, writable: false, configurable: false })
  }
  // Logged, the secret is masked and the other parameters are shown.
  Object.defineProperty(result, inspect.custom, {
    value: function (depth, options) {
      const shown = { token: this.token, tokenSecret: '***' }
      for (const [name] of extra) if (!(name in shown)) shown[name] = this[name]
      return inspect(shown, options)
    }
  })
  return result
}

/** What `fetch` received, as the core reads a provider's answer. */
async function answer (response) {
  const body = new Uint8Array(await response.arrayBuffer())
  return [response.status, response.headers.get('content-type') ?? undefined,
    response.headers.get('www-authenticate') ?? undefined, body]
}

/**
 * The three-legged flow (RFC 5849 section 2) over `fetch`:
 *
 * ```js
 * const flow = new OAuth1Flow({ consumerKey, consumerSecret, callback: 'https://app.example/back' })
 * await flow.fetchRequestToken('https://provider.example/oauth/request_token')
 * const url = flow.authorizationUrl('https://provider.example/oauth/authorize')
 * // … the user approves and the provider redirects to the callback:
 * flow.parseAuthorizationResponse(callbackUrl)
 * const { token, tokenSecret } = await flow.fetchAccessToken('https://provider.example/oauth/access_token')
 * const signer = new Signer({ consumerKey, consumerSecret, token, tokenSecret })
 * ```
 */
class OAuth1Flow {
  #flow
  #fetch
  #headers

  constructor (options) {
    const where = 'new OAuth1Flow(options)'
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw fail(`${where} must be an object, got ${kind(options)}`)
    }
    const { fetch: fetchImpl, ...rest } = options
    if (fetchImpl !== undefined && fetchImpl !== null && typeof fetchImpl !== 'function') {
      throw fail(`${where}: \`fetch\` must be a function, got ${kind(fetchImpl)}`)
    }
    this.#flow = native._flowNew(rest)
    this.#fetch = fetchImpl ?? undefined
    // Headers a preset requires on every request (Discogs' User-Agent).
    this.#headers = rest.provider == null ? [] : native.provider(rest.provider, rest.providerValues ?? undefined).requiredHeaders
  }

  /** The `oauth_callback` the temporary-credentials request carries (`oob` by default). */
  get callback () {
    return native._flowCallback(this.#flow)
  }

  /** The temporary token, once fetched or set; undefined before. */
  get requestToken () {
    return native._flowRequestToken(this.#flow) ?? undefined
  }

  /** POSTs a request signed by `signer` to `url` (section 2: token requests use POST). */
  async #post (signer, url) {
    const send = this.#fetch ?? globalThis.fetch
    if (typeof send !== 'function') throw fail('OAuth1Flow: there is no global fetch; pass `fetch` to new OAuth1Flow')
    const headers = new Headers(this.#headers)
    // A body-placed signature needs a form body to go in.
    const body = signer.placement === 'body' ? new URLSearchParams() : undefined
    return answer(await signedFetch(signer, send)(url, { method: 'POST', headers, body }))
  }

  /**
   * Step 1 (section 2.1): fetches temporary credentials from `url` (the preset's
   * request token URL by default). Resolves to `{ token, tokenSecret, ...extra }`.
   * Rejects with `callback_unconfirmed`, `response_invalid`, `provider_error` or a
   * problem's code (`signature_invalid`…) for a provider's refusal.
   */
  async fetchRequestToken (url) {
    const target = native._flowEndpoint(this.#flow, 'requestToken', optionalUrl(url, 'fetchRequestToken'))
    const signer = native._flowRequestTokenSigner(this.#flow)
    const received = await this.#post(signer, target)
    return credentials(native._flowAcceptRequestToken(this.#flow, ...received))
  }

  /**
   * Resumes a flow with temporary credentials kept from `fetchRequestToken`, as a
   * web application does when the user comes back in another request.
   */
  setRequestToken (token, tokenSecret) {
    if (typeof token !== 'string' || token === '' || typeof tokenSecret !== 'string') {
      throw fail('setRequestToken(token, tokenSecret): both must be strings, the token not empty')
    }
    native._flowSetRequestToken(this.#flow, token, tokenSecret)
  }

  /**
   * Step 2 (section 2.2): the URL to send the user to, `url` (the preset's
   * authorize URL by default) with `oauth_token`, the preset's parameters and
   * `extra` (an object, URLSearchParams or pairs: Trello's `scope`, Flickr's
   * `perms`). `authorizationUrl(extra)` uses the preset's URL.
   */
  authorizationUrl (url, extra) {
    if (extra === undefined && url !== null && typeof url === 'object' && !(url instanceof URL)) {
      extra = url
      url = undefined
    }
    const where = 'authorizationUrl(url, extra)'
    return native._flowAuthorizationUrl(this.#flow, optionalUrl(url, where), pairs(extra, where))
  }

  /**
   * Reads the redirect back to the callback (the whole URL, or its query) and keeps
   * its verifier. Returns `{ token, verifier }`. Throws `token_mismatch` when the
   * token is not the one issued, `provider_error` when the user refused, and
   * `response_invalid` when there is no verifier.
   */
  parseAuthorizationResponse (url) {
    const given = optionalUrl(url, 'parseAuthorizationResponse(url)')
    if (given === undefined) throw fail('parseAuthorizationResponse(url): `url` is required')
    const verifier = native._flowAcceptAuthorizationResponse(this.#flow, given)
    return { token: this.requestToken, verifier }
  }

  /**
   * Step 3 (section 2.3): exchanges the temporary credentials and the verifier
   * (given here, as an out-of-band user types it, or kept from
   * `parseAuthorizationResponse`) for token credentials at `url` (the preset's
   * access token URL by default). Resolves to `{ token, tokenSecret, ...extra }`.
   */
  async fetchAccessToken (url, verifier) {
    const target = native._flowEndpoint(this.#flow, 'accessToken', optionalUrl(url, 'fetchAccessToken'))
    if (verifier !== undefined && verifier !== null) {
      if (typeof verifier !== 'string') throw fail(`fetchAccessToken(url, verifier): \`verifier\` must be a string, got ${kind(verifier)}`)
      native._flowSetVerifier(this.#flow, verifier)
    }
    const signer = native._flowAccessTokenSigner(this.#flow)
    const received = await this.#post(signer, target)
    return credentials(native._flowAcceptAccessToken(this.#flow, ...received))
  }

  /** A `Signer` for API calls with the token credentials, once fetched. */
  signer () {
    return native._flowSigner(this.#flow)
  }

  [inspect.custom] (depth, options) {
    return `OAuth1Flow ${inspect({ callback: this.callback, requestToken: this.requestToken }, options)}`
  }
}

module.exports = { OAuth1Flow }
