//! The fast path behind `signer.sign` and `signer.authorization` in `oauth1.js`:
//! the signer arrives as an `External` handle, the request's fields as arguments,
//! and the result leaves as one string plus segment lengths, because every value
//! that crosses the Node-API boundary costs a call of its own. `oauth1.js` rebuilds
//! the documented plain object; the tests check that it equals what the
//! object-based methods return.

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
/// Flag: a signed URL segment follows the parameters.
const HAS_SIGNED_URL: u32 = 1;
/// Flag: a signed body segment (text) follows.
const HAS_SIGNED_BODY: u32 = 2;
/// Flag: the signed body is binary; call the object-based `sign` instead.
const BINARY_BODY: u32 = 4;

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
/// paramCount, flags]` and then the UTF-16 length of each segment: base string,
/// signature, authorization, nonce, each parameter's name and value, then the
/// signed URL or body when flagged.
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
        let packed = sign_values(handle, values, layout)?;
        Ok(js_string(env, &packed)?)
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
        Ok(js_string(env, &packed(&signed, true, layout)?)?)
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
                let ascii = std::str::from_utf8(field)
                    .ok()
                    .filter(|s| s.is_ascii())
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
) -> Outcome<String> {
    let parts = Parts::from_values(values, "sign(request)")?;
    let signed = signer.sign(&parts.request())?;
    packed(&signed, parts.text_body(), layout)
}

/// Packs `signed` into one string and `layout` (see [`sign_packed`]); `text_body`
/// says whether the request's body, if any, was a string.
fn packed(signed: &Signed, text_body: bool, layout: &mut [u32]) -> Outcome<String> {
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
    let params = signed.params();
    let count = params.len();
    let needed = HEADER + 4 + 2 * count + 1;
    if layout.len() < needed {
        return Err(crate::error::argument(format!(
            "_signPacked: the layout array needs {needed} slots"
        )));
    }
    let timestamp = signed.timestamp();
    layout[0] = (timestamp >> 32) as u32;
    layout[1] = timestamp as u32;
    layout[2] = count as u32;
    layout[3] = flags;

    let mut out =
        String::with_capacity(signed.base_string().len() + 2 * signed.authorization().len() + 256);
    let mut slot = HEADER;
    let mut push = |text: &str| {
        out.push_str(text);
        layout[slot] = utf16_len(text);
        slot += 1;
    };
    push(signed.base_string());
    push(signed.signature());
    push(signed.authorization());
    push(signed.nonce());
    for (name, value) in params {
        push(name);
        push(value);
    }
    if let Some(url) = url {
        push(url);
    } else if let Some(body) = body {
        push(body);
    }
    Ok(out)
}

/// A JavaScript string from `text`: ASCII (the usual case: base strings and headers
/// are percent-encoded) is copied as Latin-1, which skips V8's UTF-8 decoding.
fn js_string<'e>(env: &'e Env, text: &str) -> napi::Result<JsString<'e>> {
    if text.is_ascii() {
        env.create_string_latin1(text.as_bytes())
    } else {
        env.create_string(text)
    }
}

/// The length of `text` in UTF-16 code units, as JavaScript counts.
fn utf16_len(text: &str) -> u32 {
    let len = if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    };
    u32::try_from(len).unwrap_or(u32::MAX)
}
