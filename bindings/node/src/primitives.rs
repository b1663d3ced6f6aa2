//! The building blocks of a signature, exported for tests and for checking a
//! signature by hand, and the client's answer to `timestamp_refused`.

use crate::args::{self, Body, positional, required};
use crate::error::Outcome;
use napi::bindgen_prelude::{Env, Unknown};
use napi_derive::napi;
use oauth1::SignatureMethod;

/// A required string argument.
fn text(value: Unknown, what: &str, name: &str) -> Outcome<String> {
    required(args::string(positional(value)?, what, name)?, what, name)
}

/// Percent-encodes a string as RFC 5849 section 3.6 requires: unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) pass, every other UTF-8 byte becomes `%XX`.
#[napi(js_name = "percentEncode", ts_args_type = "text: string")]
pub fn percent_encode(env: Env, text: Unknown) -> napi::Result<String> {
    self::text(text, "percentEncode", "text")
        .map(oauth1::percent_encode)
        .map_err(|f| f.into_js(&env))
}

/// The signature base string URI of a URL (RFC 5849 section 3.4.1.2).
/// Throws `invalid_url` or `unsupported_scheme`.
#[napi(js_name = "baseStringUri", ts_args_type = "url: string")]
pub fn base_string_uri(env: Env, url: Unknown) -> napi::Result<String> {
    let run = || -> Outcome<String> {
        Ok(oauth1::base_string_uri(&text(
            url,
            "baseStringUri",
            "url",
        )?)?)
    };
    run().map_err(|f| f.into_js(&env))
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
    let run = || -> Outcome<String> {
        let url = text(url, WHAT, "url")?;
        let body = match body {
            Some(b) => args::body(positional(b)?, WHAT, "body")?,
            None => None,
        };
        let content_type = match content_type {
            Some(c) => args::string(positional(c)?, WHAT, "contentType")?,
            None => None,
        };
        Ok(oauth1::normalized_parameters(
            &url,
            body.as_ref().map(Body::bytes),
            content_type.as_deref(),
        )?)
    };
    run().map_err(|f| f.into_js(&env))
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
    let run = || -> Outcome<String> {
        let method: SignatureMethod = text(method, WHAT, "method")?.parse()?;
        let key = text(key, WHAT, "key")?;
        let message = text(message, WHAT, "message")?;
        Ok(oauth1::hmac_signature(
            method,
            key.as_bytes(),
            message.as_bytes(),
        )?)
    };
    run().map_err(|f| f.into_js(&env))
}

/// The `oauth_body_hash` of a body (OAuth Request Body Hash): base64 of its digest
/// with the signature method's hash (SHA-1 for PLAINTEXT); `HMAC-SHA1` by default.
#[napi(
    js_name = "bodyHash",
    ts_args_type = "body: string | Uint8Array | ArrayBuffer, signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT' | null"
)]
pub fn body_hash(
    env: Env,
    body: Unknown,
    signature_method: Option<Unknown>,
) -> napi::Result<String> {
    const WHAT: &str = "bodyHash";
    let run = || -> Outcome<String> {
        let body = required(args::body(positional(body)?, WHAT, "body")?, WHAT, "body")?;
        let method = match signature_method {
            Some(m) => args::string(positional(m)?, WHAT, "signatureMethod")?,
            None => None,
        };
        let method = match method {
            Some(name) => name.parse()?,
            None => SignatureMethod::default(),
        };
        Ok(method.body_hash(body.bytes()))
    };
    run().map_err(|f| f.into_js(&env))
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
    let run = || -> Outcome<i64> {
        let answer = text(answer, WHAT, "answer")?;
        let now = match now {
            Some(n) => args::integer(positional(n)?, WHAT, "now")?,
            None => None,
        };
        let now = match now {
            Some(n) => oauth1::unix_seconds(n, "clockOffsetFromProblem: `now`")?,
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|_| oauth1::Error::InvalidTimestamp {
                    reason: "the system clock is set before 1970".into(),
                })?
                .as_secs(),
        };
        Ok(oauth1::clock_offset_from_problem(&answer, now)?)
    };
    run().map_err(|f| f.into_js(&env))
}
