'use strict'
// Integrations: a signing `fetch` and an axios request interceptor. Each signs
// exactly what the client will send: the final method, the final URL (as WHATWG
// URL serialises it, which is what both clients put on the wire) and, for a form
// body, the body's bytes.

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

/**
 * Returns a function with the signature of `fetch` that signs each request with
 * `signer` before handing it to `fetchImpl` (the global `fetch` by default).
 */
function signedFetch (signer, fetchImpl = globalThis.fetch) {
  checkSigner(signer, 'signedFetch')
  if (typeof fetchImpl !== 'function') throw fail('signedFetch: `fetchImpl` must be a function')
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
    const read = await fetchBody(rawBody, headers.get('content-type') ?? undefined)
    if (read.stream && signer.bodyHash) {
      throw fail('signedFetch: oauth_body_hash needs the body\'s bytes, so the body cannot be a stream')
    }
    if (read.contentType !== undefined && !headers.has('content-type')) {
      headers.set('content-type', read.contentType)
    }
    const signed = signer.sign({
      method: probe.method,
      url: probe.url,
      body: read.signBody,
      contentType: read.contentType
    })
    const out = place(signed, { url: probe.url, body: read.body })
    if (out.authorization !== undefined) headers.set('authorization', out.authorization)
    const sendInit = { ...init, method: probe.method, headers, body: out.body }
    if (fromRequest) {
      for (const key of ['signal', 'redirect', 'credentials', 'cache', 'mode', 'referrer', 'integrity', 'keepalive']) {
        if (sendInit[key] === undefined && input[key] !== undefined) sendInit[key] = input[key]
      }
    }
    if (read.stream && sendInit.duplex === undefined) sendInit.duplex = 'half'
    return fetchImpl(out.url, sendInit)
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

/**
 * Returns an axios request interceptor that signs each request with `signer`:
 * `axiosInstance.interceptors.request.use(axiosInterceptor(signer, axiosInstance))`.
 * The URL is built as axios builds it (`axiosInstance.getUri(config)`: baseURL,
 * url, params and paramsSerializer) and then pinned, and the body is transformed
 * as axios transforms it, so what is signed is what is sent.
 */
function axiosInterceptor (signer, axiosInstance) {
  checkSigner(signer, 'axiosInterceptor')
  if (axiosInstance === null || typeof axiosInstance !== 'function' || typeof axiosInstance.getUri !== 'function') {
    throw fail('axiosInterceptor: the second argument must be the axios instance (for its getUri)')
  }
  return function oauth1Interceptor (config) {
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
    const signed = signer.sign({
      method: (config.method || 'get').toUpperCase(),
      url,
      body,
      contentType: typeof contentType === 'string' ? contentType : undefined
    })
    const out = place(signed, { url, body: data })
    if (out.authorization !== undefined) setHeader(config, 'Authorization', out.authorization)
    config.url = out.url
    config.baseURL = undefined
    config.params = undefined
    config.data = out.body
    config.transformRequest = [(d) => d] // already transformed, as signed
    return config
  }
}

/** Installs `axiosInterceptor(signer, axiosInstance)`; returns its id for `eject`. */
function useOAuth1 (axiosInstance, signer) {
  const interceptor = axiosInterceptor(signer, axiosInstance)
  return axiosInstance.interceptors.request.use(interceptor)
}

module.exports = { signedFetch, axiosInterceptor, useOAuth1 }
