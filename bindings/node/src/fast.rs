//! The fast path behind `signer.sign` and `signer.authorization` in `oauth1.js`:
//! the signer arrives as an `External` handle, the request's fields as arguments,
//! and the result leaves as one string plus segment lengths, because every value
//! that crosses the Node-API boundary costs a call of its own. What `oauth1.js`
//! already has (the request's nonce, the parameter names, the signer's consumer
//! key, token, signature method…) is referred to by number, not sent again.
//! `oauth1.js` rebuilds the documented plain object; the tests check that it equals
//! what the object-based methods return.

use crate::args;
use crate::error::{Outcome, argument};
use crate::signer::{Parts, REQUEST_FIELDS, Signer, seconds};
use napi::JsString;
use napi::bindgen_prelude::{Env, External, FromNapiValue, Latin1String, Unknown};
use napi_derive::napi;
use oauth1::{Request, Signed};
use std::sync::Arc;

/// Where the header fields sit in the `layout` array; segment lengths follow.
const HEADER: usize = 4;
/// The most layout slots a result uses (`oauth1.js` passes that many).
const SLOTS: usize = 64;
/// Flag: a signed URL segment follows the parameters.
const HAS_SIGNED_URL: u32 = 1;
/// Flag: a signed body segment (text) follows.
const HAS_SIGNED_BODY: u32 = 2;
/// Flag: the signed body is binary; call the object-based `sign` instead.
const BINARY_BODY: u32 = 4;
/// Flag: the nonce sent is the request's; no nonce segment.
const NONCE_GIVEN: u32 = 8;

// The names of the protocol parameters, sent as their index in the core's list (see
// `_paramNames`); another name is sent as a segment, code `NAME_FOLLOWS`.
use oauth1::PROTOCOL_PARAMETERS as NAMES;
/// The code of a protocol parameter's name (its index in [`NAMES`]) and the value
/// code of where its value usually is; the value is compared before it is sent as
/// that code.
fn param_code(name: &str) -> (u32, u32) {
    match name {
        "oauth_body_hash" => (0, SEGMENT),
        "oauth_callback" => (1, CONSTANT + 4),
        "oauth_consumer_key" => (2, CONSTANT),
        "oauth_nonce" => (3, NONCE),
        "oauth_signature" => (4, SIGNATURE),
        "oauth_signature_method" => (5, CONSTANT + 2),
        "oauth_timestamp" => (6, SEGMENT),
        "oauth_token" => (7, CONSTANT + 1),
        "oauth_verifier" => (8, CONSTANT + 5),
        "oauth_version" => (9, CONSTANT + 3),
        _ => (NAME_FOLLOWS, SEGMENT),
    }
}
/// Name code: the name is the next segment.
const NAME_FOLLOWS: u32 = 0xff;
/// Value code: the value is the next segment.
const SEGMENT: u32 = 0;
/// Value code: the value is the signature.
const SIGNATURE: u32 = 1;
/// Value code: the value is the nonce.
const NONCE: u32 = 2;
/// Value code: the value is `CONSTANT + k` for the signer's constant `k` (see
/// [`constants`] and `_constants`).
const CONSTANT: u32 = 3;
/// How many constants a signer has.
const CONSTANTS: usize = 6;

/// The values of protocol parameters that are the same in every request a signer
/// signs, which `oauth1.js` fetches once per signer instead of receiving them each
/// time: consumer key, token, signature method, version, callback, verifier.
fn constants(signer: &oauth1::Signer) -> [Option<&str>; CONSTANTS] {
    let credentials = signer.credentials();
    [
        Some(&credentials.consumer_key),
        credentials.token.as_deref(),
        Some(signer.signature_method().name()),
        Some("1.0"),
        signer.callback(),
        signer.verifier(),
    ]
}

/// Internal to `oauth1.js`: the names behind the name codes in `layout`.
#[napi(js_name = "_paramNames", skip_typescript)]
pub fn param_names() -> Vec<&'static str> {
    NAMES.to_vec()
}

/// Internal to `oauth1.js`: the signer's constants behind the value codes in
/// `layout` (`null` for an absent one).
#[napi(js_name = "_constants", skip_typescript)]
pub fn signer_constants(handle: &Handle) -> Vec<Option<String>> {
    constants(handle)
        .iter()
        .map(|c| c.map(str::to_owned))
        .collect()
}

/// The signer as the fast path holds it: an `External` that `oauth1.js` keeps on the
/// `Signer` object, so a call unwraps it with one cheap type check instead of the
/// class's instance checks.
pub type Handle = External<Arc<oauth1::Signer>>;

#[napi]
impl Signer {
    /// Internal to `oauth1.js`: the handle the fast path signs with.
    #[napi(js_name = "_handle", skip_typescript)]
    pub fn handle(&self) -> Handle {
        External::new(Arc::clone(&self.inner))
    }
}

/// Internal to `oauth1.js`: `sign` with positional fields. Returns the result's
/// strings concatenated; `layout` receives `[timestampHigh, timestampLow,
/// paramCount, flags]`, the UTF-16 lengths of the base string, signature and
/// authorization segments and of the nonce's (0 when flagged `NONCE_GIVEN`: the
/// nonce is the request's), then for each parameter a code (name code
/// `| value code << 8`), followed by the length of the name segment and of the value
/// segment when the codes say they are segments, then the length of the signed URL
/// or body segment when flagged.
#[napi(js_name = "_signPacked", skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn sign_packed<'e>(
    env: &'e Env,
    handle: &Handle,
    method: Unknown,
    url: Unknown,
    body: Unknown,
    content_type: Unknown,
    nonce: Unknown,
    timestamp: Unknown,
    layout: Unknown,
) -> napi::Result<JsString<'e>> {
    let run = || -> Outcome<JsString<'e>> {
        let layout = <&mut [u32] as FromNapiValue>::from_unknown(layout)?;
        let values = [method, url, body, content_type, nonce, timestamp];
        let (packed, ascii) = sign_values(handle, values, layout)?;
        Ok(text_string(env, &packed, ascii)?)
    };
    run().map_err(|f| f.into_js(env))
}

/// Internal to `oauth1.js`: `authorization` with positional fields.
#[napi(js_name = "_authorizationPacked", skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn authorization_packed<'e>(
    env: &'e Env,
    handle: &Handle,
    method: Unknown,
    url: Unknown,
    body: Unknown,
    content_type: Unknown,
    nonce: Unknown,
    timestamp: Unknown,
) -> napi::Result<JsString<'e>> {
    let run = || -> Outcome<JsString<'e>> {
        let values = [method, url, body, content_type, nonce, timestamp];
        let parts = Parts::from_values(values, "authorization(request)")?;
        Ok(js_string(
            env,
            handle.sign(&parts.request())?.authorization(),
        )?)
    };
    run().map_err(|f| f.into_js(env))
}

/// Internal to `oauth1.js`: [`sign_packed`] for a request whose fields `oauth1.js`
/// has checked: ASCII strings (read as Latin-1, the same bytes, which skips V8's UTF-8
/// encoding) and a number or nothing for the timestamp. Everything else goes to
/// [`sign_packed`].
#[napi(js_name = "_signAscii", skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn sign_ascii<'e>(
    env: &'e Env,
    handle: &Handle,
    method: Latin1String,
    url: Latin1String,
    body: Option<Latin1String>,
    content_type: Option<Latin1String>,
    nonce: Option<Latin1String>,
    timestamp: Option<f64>,
    layout: Unknown,
) -> napi::Result<JsString<'e>> {
    let run = || -> Outcome<JsString<'e>> {
        let layout = <&mut [u32] as FromNapiValue>::from_unknown(layout)?;
        let fields = [
            Some(&method),
            Some(&url),
            body.as_ref(),
            content_type.as_ref(),
            nonce.as_ref(),
        ];
        let request = Ascii::read(fields, timestamp, "sign(request)")?;
        let signed = handle.sign(&request.request())?;
        let nonce = request.fields[4];
        let (packed, ascii) = packed(&signed, true, nonce, &constants(handle), layout)?;
        Ok(text_string(env, &packed, ascii)?)
    };
    run().map_err(|f| f.into_js(env))
}

/// Internal to `oauth1.js`: [`authorization_packed`] for a request whose fields
/// `oauth1.js` has checked, as for [`sign_ascii`].
#[napi(js_name = "_authorizationAscii", skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn authorization_ascii<'e>(
    env: &'e Env,
    handle: &Handle,
    method: Latin1String,
    url: Latin1String,
    body: Option<Latin1String>,
    content_type: Option<Latin1String>,
    nonce: Option<Latin1String>,
    timestamp: Option<f64>,
) -> napi::Result<JsString<'e>> {
    let run = || -> Outcome<JsString<'e>> {
        let fields = [
            Some(&method),
            Some(&url),
            body.as_ref(),
            content_type.as_ref(),
            nonce.as_ref(),
        ];
        let request = Ascii::read(fields, timestamp, "authorization(request)")?;
        Ok(js_string(
            env,
            handle.sign(&request.request())?.authorization(),
        )?)
    };
    run().map_err(|f| f.into_js(env))
}

/// The fields of a request given to the ASCII fast path, borrowed from napi's copies.
struct Ascii<'a> {
    fields: [Option<&'a str>; 5],
    timestamp: Option<u64>,
}

impl<'a> Ascii<'a> {
    /// Reads method, url, body, contentType and nonce, and the timestamp.
    fn read(
        fields: [Option<&'a Latin1String>; 5],
        timestamp: Option<f64>,
        what: &'static str,
    ) -> Outcome<Self> {
        let mut text = [None; 5];
        for ((slot, field), name) in text.iter_mut().zip(fields).zip(REQUEST_FIELDS) {
            if let Some(field) = field {
                // oauth1.js sends only ASCII here; Latin-1 bytes above 0x7f would
                // not be the same characters in UTF-8.
                let ascii = Some(field)
                    .filter(|bytes| is_ascii(bytes))
                    .and_then(|bytes| std::str::from_utf8(bytes).ok())
                    .ok_or_else(|| argument(format!("{what}: `{name}` must be ASCII here")))?;
                *slot = Some(ascii);
            }
        }
        let [_, _, _, _, _, t] = REQUEST_FIELDS;
        let timestamp = match timestamp {
            None => None,
            Some(n) => Some(seconds(args::number(n, what, t)?)?),
        };
        Ok(Ascii {
            fields: text,
            timestamp,
        })
    }

    fn request(&self) -> Request<'a> {
        let [method, url, body, content_type, nonce] = self.fields;
        Request {
            method: method.unwrap_or_default(),
            url: url.unwrap_or_default(),
            body: body.map(str::as_bytes),
            content_type,
            nonce,
            timestamp: self.timestamp,
        }
    }
}

fn sign_values(
    signer: &oauth1::Signer,
    values: [Unknown; 6],
    layout: &mut [u32],
) -> Outcome<(String, bool)> {
    let parts = Parts::from_values(values, "sign(request)")?;
    let signed = signer.sign(&parts.request())?;
    let nonce = parts.request().nonce;
    packed(
        &signed,
        parts.text_body(),
        nonce,
        &constants(signer),
        layout,
    )
}

/// Packs `signed` into one string and `layout` (see [`sign_packed`]); `text_body`
/// says whether the request's body, if any, was a string, `nonce` is the request's.
fn packed(
    signed: &Signed,
    text_body: bool,
    nonce: Option<&str>,
    constants: &[Option<&str>; CONSTANTS],
    layout: &mut [u32],
) -> Outcome<(String, bool)> {
    let mut flags = 0;
    let body = match signed.signed_body() {
        Some(body) => match std::str::from_utf8(body) {
            Ok(text) if text_body => {
                flags |= HAS_SIGNED_BODY;
                Some(text)
            }
            _ => {
                flags |= BINARY_BODY;
                None
            }
        },
        None => None,
    };
    let url = signed.signed_url();
    if url.is_some() {
        flags |= HAS_SIGNED_URL;
    }
    if nonce == Some(signed.nonce()) {
        flags |= NONCE_GIVEN;
    }
    let params = signed.params();
    let count = params.len();
    let needed = HEADER + 4 + 3 * count + 1;
    if layout.len() < needed || needed > SLOTS {
        return Err(argument(format!(
            "_signPacked: the layout array needs {needed} slots"
        )));
    }
    let timestamp = signed.timestamp();
    layout[0] = (timestamp >> 32) as u32;
    layout[1] = timestamp as u32;
    layout[2] = count as u32;

    let mut out = Packer {
        text: String::with_capacity(
            signed.base_string().len() + signed.authorization().len() + 128,
        ),
        layout,
        slot: HEADER,
        segments: [0; SLOTS],
        count: 0,
    };
    out.push(signed.base_string());
    out.push(signed.signature());
    out.push(signed.authorization());
    if flags & NONCE_GIVEN == 0 {
        out.push(signed.nonce());
    } else {
        out.code(0);
    }
    for (name, value) in params {
        let (name_code, source) = param_code(name);
        let known = match source {
            SIGNATURE => value == signed.signature(),
            NONCE => value == signed.nonce(),
            SEGMENT => false,
            k => constants.get((k - CONSTANT) as usize) == Some(&Some(value)),
        };
        let value_code = if known { source } else { SEGMENT };
        out.code(name_code | value_code << 8);
        if name_code == NAME_FOLLOWS {
            out.push(name);
        }
        if value_code == SEGMENT {
            out.push(value);
        }
    }
    if let Some(url) = url {
        out.push(url);
    } else if let Some(body) = body {
        out.push(body);
    }
    out.layout[3] = flags;
    Ok(out.finish())
}

/// The packed string being built and the layout slots being filled.
struct Packer<'l> {
    text: String,
    layout: &'l mut [u32],
    slot: usize,
    /// The slots that hold a segment's length, which is in bytes until [`Packer::finish`].
    segments: [u8; SLOTS],
    count: usize,
}
impl Packer<'_> {
    /// Appends a segment and its length.
    fn push(&mut self, segment: &str) {
        self.text.push_str(segment);
        if let Some(s) = self.segments.get_mut(self.count) {
            *s = self.slot as u8;
            self.count += 1;
        }
        self.code(u32::try_from(segment.len()).unwrap_or(u32::MAX));
    }

    /// Fills the next slot.
    fn code(&mut self, code: u32) {
        self.layout[self.slot] = code;
        self.slot += 1;
    }

    /// The packed string and whether it is ASCII, with the segment lengths counted
    /// in UTF-16 code units, as JavaScript counts (bytes, when the string is ASCII).
    fn finish(self) -> (String, bool) {
        let ascii = is_ascii(self.text.as_bytes());
        if !ascii {
            let mut start = 0;
            for &slot in &self.segments[..self.count] {
                let length = &mut self.layout[usize::from(slot)];
                let end = start + *length as usize;
                *length = utf16_len(self.text.get(start..end).unwrap_or_default());
                start = end;
            }
        }
        (self.text, ascii)
    }
}

/// A JavaScript string from `text`: ASCII (the usual case: base strings and headers
/// are percent-encoded) is copied as Latin-1, which skips V8's UTF-8 decoding.
fn js_string<'e>(env: &'e Env, text: &str) -> napi::Result<JsString<'e>> {
    text_string(env, text, is_ascii(text.as_bytes()))
}

/// [`js_string`] when whether `text` is ASCII is known.
fn text_string<'e>(env: &'e Env, text: &str, ascii: bool) -> napi::Result<JsString<'e>> {
    if ascii {
        env.create_string_latin1(text.as_bytes())
    } else {
        env.create_string(text)
    }
}

/// The length of `text` in UTF-16 code units, as JavaScript counts.
fn utf16_len(text: &str) -> u32 {
    let len = if is_ascii(text.as_bytes()) {
        text.len()
    } else {
        text.encode_utf16().count()
    };
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Whether `bytes` are all ASCII: `<[u8]>::is_ascii` compiles to a loop over single
/// bytes (it stops at the first non-ASCII one), this ORs 32 bytes at a time, which
/// the compiler vectorises; the strings here are nearly always ASCII.
fn is_ascii(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(0, |any, &b| any | b) >= 0x80 {
            return false;
        }
    }
    chunks.remainder().iter().fold(0, |any, &b| any | b) < 0x80
}
