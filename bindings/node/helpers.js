'use strict'
// Integrations: a signing `fetch` and an axios request interceptor. Each signs
// exactly what the client will send: the final method, the final URL (as WHATWG
// URL serialises it, which is what both clients put on the wire) and, for a form
// body, the body's bytes; and each follows redirects itself, signing every hop anew.

const { redirectHop } = require('./index.js')

const FORM = 'application/x-www-form-urlencoded'

function fail (message) {
  const error = new Error(message)
  error.code = 'invalid_argument'
  return error
}

function isForm (contentType) {
  return typeof contentType === 'string' &&
    contentType.split(';')[0].trim().toLowerCase() === FORM
}

function checkSigner (signer, where) {
  if (signer === null || typeof signer !== 'object' || typeof signer.sign !== 'function') {
    throw fail(`${where}: the first argument must be a Signer`)
  }
}

function isStream (body) {
  return body !== null && typeof body === 'object' && (
    typeof body.getReader === 'function' || // WHATWG ReadableStream
    typeof body.pipe === 'function' || // Node stream
    typeof body[Symbol.asyncIterator] === 'function')
}

/**
 * Applies a signature to the outgoing parts: what the core put on the wire for the
 * signer's placement is the signed URL, the signed body or else the header.
 */
function place (signed, parts) {
  if (signed.signedUrl !== undefined) return { ...parts, url: signed.signedUrl }
  if (signed.signedBody !== undefined) return { ...parts, body: signed.signedBody }
  return { ...parts, authorization: signed.authorization }
}

/**
 * Reads a fetch body into what gets signed and what gets sent. Returns
 * `{ body, signBody, contentType }`: `signBody` is a string or bytes, or
 * undefined when the body is not signed (a stream, multipart FormData).
 */
async function fetchBody (body, contentType) {
  if (body === undefined || body === null) return { body, contentType }
  if (body instanceof URLSearchParams) {
    const text = body.toString()
    return { body: text, signBody: text, contentType: contentType || `${FORM};charset=UTF-8` }
  }
  if (typeof body === 'string') {
    return { body, signBody: body, contentType: contentType || 'text/plain;charset=UTF-8' }
  }
  if (body instanceof ArrayBuffer) return { body, signBody: new Uint8Array(body), contentType }
  if (ArrayBuffer.isView(body)) {
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    return { body, signBody: bytes, contentType }
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    const bytes = new Uint8Array(await body.arrayBuffer())
    return { body: bytes, signBody: bytes, contentType: contentType || body.type || undefined }
  }
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    return { body, contentType } // multipart: its parts are never signed (RFC 5849 3.4.1.3.1)
  }
  if (isStream(body)) {
    if (isForm(contentType)) {
      throw fail('signedFetch: a form-encoded body must be signed, so it cannot be a stream; pass a string or URLSearchParams')
    }
    return { body, contentType, stream: true }
  }
  return { body, contentType }
}

// Redirects (RFC 5849 section 3.4.1: a signature covers one method and one URL):
// each hop is sent as a new request with its own signature, as requests-oauthlib's
// `rebuild_auth` does, never with the first one, which the target would refuse.
// The core (`redirectHop`) says what a hop is: its method (303, and 301/302 after a
// POST, become GET), its URL (Location resolved against the URL redirected from),
// whether the body goes along, and whether it may be signed. A hop is signed when
// its origin is the first request's or one of `trustedOrigins`; any other hop is
// sent with no OAuth parameters and no Authorization header.

/** The most hops followed, as fetch (20) does. */
const FETCH_MAX_REDIRECTS = 20
/** Headers that describe a body, dropped with it (Fetch standard, "HTTP-redirect fetch"). */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']

/** Checks the `trustedOrigins` option; returns it as an array of strings. */
function trustedOriginsOption (value, where) {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((o) => typeof o !== 'string')) {
    throw fail(`${where}: \`trustedOrigins\` must be an array of origins such as 'https://api.example.com'`)
  }
  // The core reads each origin; a malformed one is refused now rather than at the first redirect.
  redirectHop(307, 'GET', 'http://127.0.0.1/', '/', value)
  return [...value]
}

/**
 * The next hop after `status` with `location`, or undefined when there is none to
 * follow. `state` holds the first URL (`first`), the hop's method and URL, whether
 * it was signed (`sign`), and the trusted origins.
 */
function nextHop (state, status, location) {
  if (location === undefined || location === null) return undefined
  const hop = redirectHop(status, state.method, state.url, location, state.trusted)
  if (hop === null || hop === undefined) return undefined
  // Signed when the target's origin is the first request's or a trusted one: the
  // core's rule asked from the first URL rather than from the previous hop's, so
  // that an untrusted origin gets no signature, not even for a hop within itself.
  // And never again once a hop went unsigned (`state.sign` false): an untrusted
  // origin must not redirect the client into a signed request of its choosing.
  hop.sign = state.sign !== false && redirectHop(307, 'GET', state.first, hop.url, state.trusted).sign
  return hop
}

/** The parts of a fetch call: `signedFetch(signer, fetchImpl?, options?)` or `signedFetch(signer, options)`. */
function fetchArguments (fetchImpl, options) {
  if (fetchImpl !== null && typeof fetchImpl === 'object' && options === undefined) {
    options = fetchImpl
    fetchImpl = options.fetch
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw fail('signedFetch: `options` must be an object such as { trustedOrigins: [...] }')
  }
  for (const key of Object.keys(options ?? {})) {
    if (key !== 'trustedOrigins' && key !== 'fetch') throw fail(`signedFetch: unknown option ${JSON.stringify(key)}; expected fetch, trustedOrigins`)
  }
  fetchImpl = fetchImpl ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') throw fail('signedFetch: `fetchImpl` must be a function')
  return { fetchImpl, trusted: trustedOriginsOption(options?.trustedOrigins, 'signedFetch') }
}

/** Discards a redirect's body so that its connection can be reused. */
async function discard (response) {
  try {
    await response.body?.cancel()
  } catch {}
}

/**
 * Returns a function with the signature of `fetch` that signs each request with
 * `signer` before handing it to `fetchImpl` (the global `fetch` by default), and
 * follows redirects itself, signing each hop anew (see above).
 */
function signedFetch (signer, fetchImpl, options) {
  checkSigner(signer, 'signedFetch')
  const config = fetchArguments(fetchImpl, options)
  const send = config.fetchImpl
  return async function oauth1Fetch (input, init = {}) {
    const fromRequest = typeof Request !== 'undefined' && input instanceof Request
    let rawBody = init.body
    if (rawBody === undefined && fromRequest && input.body !== null) {
      rawBody = new Uint8Array(await input.clone().arrayBuffer())
    }
    // `new Request` gives the method and the absolute URL exactly as fetch sends them.
    const probe = new Request(fromRequest ? input.url : (input instanceof URL ? input.href : String(input)), {
      method: init.method ?? (fromRequest ? input.method : undefined),
      headers: init.headers ?? (fromRequest ? input.headers : undefined)
    })
    const headers = new Headers(probe.headers)
    let read = await fetchBody(rawBody, headers.get('content-type') ?? undefined)
    if (read.stream && signer.bodyHash) {
      throw fail('signedFetch: oauth_body_hash needs the body\'s bytes, so the body cannot be a stream')
    }
    if (read.contentType !== undefined && !headers.has('content-type')) {
      headers.set('content-type', read.contentType)
    }
    const baseInit = { ...init }
    if (fromRequest) {
      for (const key of ['signal', 'redirect', 'credentials', 'cache', 'mode', 'referrer', 'integrity', 'keepalive']) {
        if (baseInit[key] === undefined && input[key] !== undefined) baseInit[key] = input[key]
      }
    }
    const mode = baseInit.redirect ?? 'follow'
    if (!['follow', 'manual', 'error'].includes(mode)) {
      throw fail(`signedFetch: \`redirect\` must be 'follow', 'manual' or 'error', got ${JSON.stringify(String(mode))}`)
    }
    const state = { first: probe.url, method: probe.method, url: probe.url, trusted: config.trusted }
    let sign = true
    for (let hops = 0; ; hops++) {
      const hopHeaders = new Headers(headers)
      let out = { url: state.url, body: read.body }
      if (sign) {
        const signed = signer.sign({ method: state.method, url: state.url, body: read.signBody, contentType: read.contentType })
        out = place(signed, out)
        if (out.authorization !== undefined) hopHeaders.set('authorization', out.authorization)
      } else {
        // An origin not trusted with any credentials: not even the caller's own header.
        hopHeaders.delete('authorization')
      }
      const sendInit = { ...baseInit, method: state.method, headers: hopHeaders, body: out.body, redirect: 'manual' }
      if (read.stream && sendInit.duplex === undefined) sendInit.duplex = 'half'
      const response = await send(out.url, sendInit)
      if (mode === 'manual') return response
      const hop = nextHop(state, response.status, response.headers?.get('location'))
      if (hop === undefined) return response
      await discard(response)
      if (mode === 'error') throw new TypeError(`signedFetch: ${state.url} redirected (${response.status}) and \`redirect\` is 'error'`)
      if (hops + 1 > FETCH_MAX_REDIRECTS) throw new TypeError(`signedFetch: more than ${FETCH_MAX_REDIRECTS} redirects from ${state.first}`)
      if (hop.keepBody && read.stream) {
        // A stream was read by the first hop; fetch fails the same way.
        throw new TypeError(`signedFetch: ${state.url} redirected (${response.status}) with the body, which was a stream and cannot be sent again`)
      }
      // A body signed anew (body placement) may have another length: fetch sets it again.
      headers.delete('content-length')
      if (!hop.keepBody) {
        read = { body: undefined }
        for (const name of BODY_HEADERS) headers.delete(name)
      }
      state.method = hop.method
      state.url = hop.url
      state.sign = sign = hop.sign
    }
  }
}

/** Reads a header from axios's AxiosHeaders or from a plain object. */
function getHeader (headers, name) {
  if (headers == null) return undefined
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : headers[key]
}

/** Sets a header on axios's AxiosHeaders or on a plain object. */
function setHeader (config, name, value) {
  if (config.headers == null) config.headers = {}
  if (typeof config.headers.set === 'function') return config.headers.set(name, value)
  for (const key of Object.keys(config.headers)) if (key.toLowerCase() === name.toLowerCase()) delete config.headers[key]
  config.headers[name] = value
}

/** Runs axios's own request transforms, as it would after the interceptors. */
function transformAxiosData (config) {
  let data = config.data
  const transforms = config.transformRequest === undefined ? [] : [].concat(config.transformRequest)
  for (const transform of transforms) data = transform.call(config, data, config.headers)
  return data
}

/** The most hops axios follows when `maxRedirects` is not set (follow-redirects' default). */
const AXIOS_MAX_REDIRECTS = 21
/**
 * The config key that carries a request's redirect state from the request
 * interceptor to the response interceptor and on to the next hop's request (a
 * string: axios's mergeConfig copies string keys only).
 */
const HOP = 'oauth1Redirect'

/** An axios-like error for a redirect the interceptor refuses to follow. */
function redirectError (message, code, response) {
  const error = new Error(message)
  error.code = code
  error.config = response.config
  error.response = response
  error.isAxiosError = true
  return error
}

/** Removes a header from axios's AxiosHeaders or from a plain object. */
function deleteHeader (headers, name) {
  if (headers == null) return
  if (typeof headers.delete === 'function') {
    headers.delete(name)
    return
  }
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) delete headers[key]
}

/** A copy of axios's headers (AxiosHeaders or a plain object) as a plain object. */
function headerObject (headers) {
  if (headers == null) return {}
  return typeof headers.toJSON === 'function' ? headers.toJSON() : { ...headers }
}

/**
 * Returns an axios request interceptor that signs each request with `signer`:
 * `axiosInstance.interceptors.request.use(axiosInterceptor(signer, axiosInstance))`.
 * The URL is built as axios builds it (`axiosInstance.getUri(config)`: baseURL,
 * url, params and paramsSerializer) and then pinned, and the body is transformed
 * as axios transforms it, so what is signed is what is sent.
 *
 * Redirects: the signed request goes out with `maxRedirects: 0`, and a response
 * interceptor, installed on the instance here once, follows each redirect with a
 * new request through the instance, which this interceptor signs for its own
 * method and URL (or leaves unsigned for an untrusted origin). A caller's
 * `maxRedirects: 0` gets the redirect itself; another limit is kept.
 */
function axiosInterceptor (signer, axiosInstance, options) {
  checkSigner(signer, 'axiosInterceptor')
  if (axiosInstance === null || typeof axiosInstance !== 'function' || typeof axiosInstance.getUri !== 'function') {
    throw fail('axiosInterceptor: the second argument must be the axios instance (for its getUri)')
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw fail('axiosInterceptor: `options` must be an object such as { trustedOrigins: [...] }')
  }
  for (const key of Object.keys(options ?? {})) {
    if (key !== 'trustedOrigins') throw fail(`axiosInterceptor: unknown option ${JSON.stringify(key)}; expected trustedOrigins`)
  }
  const trusted = trustedOriginsOption(options?.trustedOrigins, 'axiosInterceptor')
  // Marks the configs this interceptor signed, so that its response interceptor
  // leaves every other request (another signer's, an unsigned one) alone.
  const owner = Symbol('oauth1.axiosInterceptor')
  // An instance without response interceptors (not axios's own) follows redirects itself.
  const following = typeof axiosInstance.interceptors?.response?.use === 'function' &&
    typeof axiosInstance.request === 'function'
  if (following) {
    axiosInstance.interceptors.response.use(
      (response) => follow(response, undefined),
      (error) => error?.response ? follow(error.response, error) : Promise.reject(error)
    )
  }

  /** Follows `response` when it is a redirect of a request signed here; else passes it (or `error`) on. */
  async function follow (response, error) {
    const state = response.config?.[HOP]
    const passOn = () => error === undefined ? response : Promise.reject(error)
    if (state === undefined || state.owner !== owner || state.maxRedirects === 0) return passOn()
    const hop = nextHop(state, response.status, getHeader(response.headers, 'location'))
    if (hop === undefined) return passOn()
    if (state.hops + 1 > state.maxRedirects) {
      throw redirectError(`Maximum number of redirects exceeded (${state.maxRedirects}) from ${state.first}`, 'ERR_FR_TOO_MANY_REDIRECTS', response)
    }
    if (hop.keepBody && isStream(state.data)) {
      throw redirectError(`axiosInterceptor: ${state.url} redirected (${response.status}) with the body, which was a stream and cannot be sent again`, 'ERR_BAD_REQUEST', response)
    }
    const headers = headerObject(response.config.headers)
    deleteHeader(headers, 'authorization')
    // A body signed anew (body placement) may have another length: axios sets it again.
    deleteHeader(headers, 'content-length')
    if (!hop.keepBody) for (const name of BODY_HEADERS) deleteHeader(headers, name)
    const next = {
      ...response.config,
      method: hop.method.toLowerCase(),
      url: hop.url,
      baseURL: undefined,
      params: undefined,
      headers,
      data: hop.keepBody ? state.data : undefined,
      maxRedirects: state.userMaxRedirects,
      [HOP]: { ...state, method: hop.method, url: hop.url, sign: hop.sign, hops: state.hops + 1, data: undefined }
    }
    return axiosInstance.request(next)
  }

  return function oauth1Interceptor (config) {
    const previous = config[HOP]?.owner === owner ? config[HOP] : undefined
    const url = new URL(axiosInstance.getUri(config)).href
    if (isStream(config.data) && isForm(getHeader(config.headers, 'Content-Type'))) {
      throw fail('axiosInterceptor: a form-encoded body must be signed, so it cannot be a stream; pass a string or URLSearchParams')
    }
    const data = isStream(config.data) ? config.data : transformAxiosData(config)
    let body
    if (typeof data === 'string') body = data
    else if (data instanceof ArrayBuffer) body = new Uint8Array(data)
    else if (ArrayBuffer.isView(data)) body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    const contentType = getHeader(config.headers, 'Content-Type') || undefined
    const method = (config.method || 'get').toUpperCase()
    let out = { url, body: data }
    if (previous === undefined || previous.sign) {
      const signed = signer.sign({
        method,
        url,
        body,
        contentType: typeof contentType === 'string' ? contentType : undefined
      })
      out = place(signed, out)
    }
    if (out.authorization !== undefined) setHeader(config, 'Authorization', out.authorization)
    else deleteHeader(config.headers, 'authorization')
    const userMaxRedirects = previous?.userMaxRedirects ?? config.maxRedirects
    config[HOP] = {
      owner,
      first: previous?.first ?? url,
      sign: previous?.sign ?? true,
      trusted,
      method,
      url,
      data,
      hops: previous?.hops ?? 0,
      userMaxRedirects,
      maxRedirects: userMaxRedirects ?? AXIOS_MAX_REDIRECTS
    }
    if (following) config.maxRedirects = 0 // followed by the response interceptor, each hop signed anew
    config.url = out.url
    config.baseURL = undefined
    config.params = undefined
    config.data = out.body
    config.transformRequest = [(d) => d] // already transformed, as signed
    return config
  }
}

/**
 * Installs `axiosInterceptor(signer, axiosInstance, options)`; returns its id for
 * `axiosInstance.interceptors.request.eject`.
 */
function useOAuth1 (axiosInstance, signer, options) {
  const interceptor = axiosInterceptor(signer, axiosInstance, options)
  return axiosInstance.interceptors.request.use(interceptor)
}

module.exports = { signedFetch, axiosInterceptor, useOAuth1 }
