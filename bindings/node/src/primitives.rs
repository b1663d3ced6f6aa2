//! The building blocks of a signature, exported for tests and for checking a
//! signature by hand, and the client's answer to `timestamp_refused`.

use crate::args::{self, Body, optional, text};
use crate::error::throwing;
use napi::bindgen_prelude::{Env, Unknown};
use napi_derive::napi;
use oauth1::SignatureMethod;

/// Percent-encodes a string as RFC 5849 section 3.6 requires: unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) pass, every other UTF-8 byte becomes `%XX`.
#[napi(js_name = "percentEncode", ts_args_type = "text: string")]
pub fn percent_encode(env: Env, text: Unknown) -> napi::Result<String> {
    throwing(&env, || {
        Ok(oauth1::percent_encode(&args::text(
            text,
            "percentEncode",
            "text",
        )?))
    })
}

/// The signature base string URI of a URL (RFC 5849 section 3.4.1.2).
/// Throws `invalid_url` or `unsupported_scheme`.
#[napi(js_name = "baseStringUri", ts_args_type = "url: string")]
pub fn base_string_uri(env: Env, url: Unknown) -> napi::Result<String> {
    throwing(&env, || {
        Ok(oauth1::base_string_uri(&text(
            url,
            "baseStringUri",
            "url",
        )?)?)
    })
}

/// The normalised request parameters (RFC 5849 section 3.4.1.3.2) of a URL's query
/// and, for a form Content-Type, of the body; the protocol parameters are not added.
#[napi(
    js_name = "normalizedParameters",
    ts_args_type = "url: string, body?: string | Uint8Array | ArrayBuffer | null, contentType?: string | null"
)]
pub fn normalized_parameters(
    env: Env,
    url: Unknown,
    body: Option<Unknown>,
    content_type: Option<Unknown>,
) -> napi::Result<String> {
    const WHAT: &str = "normalizedParameters";
    throwing(&env, || {
        let url = text(url, WHAT, "url")?;
        let body = args::body(optional(body)?, WHAT, "body")?;
        let content_type = args::string(optional(content_type)?, WHAT, "contentType")?;
        Ok(oauth1::normalized_parameters(
            &url,
            body.as_ref().map(Body::bytes),
            content_type.as_deref(),
        )?)
    })
}

/// An HMAC of `message` under `key`, as base64 (RFC 5849 section 3.4.2), with the
/// hash of the signature method (`HMAC-SHA1`, `HMAC-SHA256` or `HMAC-SHA512`).
#[napi(
    js_name = "hmacSignature",
    ts_args_type = "method: 'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512', key: string, message: string"
)]
pub fn hmac_signature(
    env: Env,
    method: Unknown,
    key: Unknown,
    message: Unknown,
) -> napi::Result<String> {
    const WHAT: &str = "hmacSignature";
    throwing(&env, || {
        let method: SignatureMethod = text(method, WHAT, "method")?.parse()?;
        let key = text(key, WHAT, "key")?;
        let message = text(message, WHAT, "message")?;
        Ok(oauth1::hmac_signature(
            method,
            key.as_bytes(),
            message.as_bytes(),
        )?)
    })
}

/// The `oauth_body_hash` of a body (OAuth Request Body Hash): base64 of its digest
/// with the signature method's hash (SHA-1 for PLAINTEXT, SHA-256 for HMAC-SHA256
/// and RSA-SHA256…); `HMAC-SHA1` by default.
#[napi(
    js_name = "bodyHash",
    ts_args_type = "body: string | Uint8Array | ArrayBuffer, signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT' | 'RSA-SHA1' | 'RSA-SHA256' | 'RSA-SHA512' | null"
)]
pub fn body_hash(
    env: Env,
    body: Unknown,
    signature_method: Option<Unknown>,
) -> napi::Result<String> {
    const WHAT: &str = "bodyHash";
    throwing(&env, || {
        let body = args::body(args::positional(body)?, WHAT, "body")?;
        let body = args::required(body, WHAT, "body")?;
        let method = args::string(optional(signature_method)?, WHAT, "signatureMethod")?;
        let method: SignatureMethod = match method {
            Some(name) => name.parse()?,
            None => SignatureMethod::default(),
        };
        Ok(method.body_hash(body.bytes()))
    })
}

/// Turns a `timestamp_refused` answer (a `WWW-Authenticate` value or a form-encoded
/// body holding `oauth_acceptable_timestamps="MIN-MAX"`) into the `clockOffset` to
/// give a signer: the middle of the server's window minus `now` (seconds; the clock
/// by default). Throws `malformed_header` when the answer has no usable window.
#[napi(
    js_name = "clockOffsetFromProblem",
    ts_args_type = "answer: string, now?: number"
)]
pub fn clock_offset_from_problem(
    env: Env,
    answer: Unknown,
    now: Option<Unknown>,
) -> napi::Result<i64> {
    const WHAT: &str = "clockOffsetFromProblem";
    throwing(&env, || {
        let answer = text(answer, WHAT, "answer")?;
        let now = match args::integer(optional(now)?, WHAT, "now")? {
            Some(n) => oauth1::unix_seconds(n, "clockOffsetFromProblem: `now`")?,
            None => oauth1::unix_now()?,
        };
        Ok(oauth1::clock_offset_from_problem(&answer, now)?)
    })
}
