//! The result of signing as JavaScript sees it: a plain object, which `explain`
//! returns from here and `sign` has `oauth1.js` build from [`pack`].

use crate::error::{Outcome, argument};
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use oauth1::{Signed, Wire};

/// The result of `signer.sign(request)`: the header value and everything that went into it.
/// With PLAINTEXT the signature is the key itself: the fields hold it, since it goes
/// on the wire, but `util.inspect` and `JSON.stringify` show it masked (`***`).
#[napi(object, object_from_js = false)]
pub struct SignResult {
    /// The full `Authorization` header value, beginning `OAuth `.
    pub authorization: String,
    /// The signature as plain base64 (not percent-encoded); for PLAINTEXT, the key.
    pub signature: String,
    /// The signature base string (RFC 5849 section 3.4.1), to compare with a server's.
    pub base_string: String,
    /// The `oauth_nonce` that was sent.
    pub nonce: String,
    /// The `oauth_timestamp` that was sent, in seconds.
    pub timestamp: i64,
    /// The protocol parameters that were sent, sorted by name, `oauth_signature`
    /// included, as `[name, value]` pairs with raw (not percent-encoded) values.
    #[napi(ts_type = "Array<[name: string, value: string]>")]
    pub params: Vec<(&'static str, String)>,
    /// With `placement: 'query'`: the URL with the protocol parameters appended to its query.
    pub signed_url: Option<String>,
    /// With `placement: 'body'`: the form body with the protocol parameters appended
    /// (a string when the body was given as one, a `Buffer` otherwise).
    pub signed_body: Option<Either<String, Buffer>>,
}

impl SignResult {
    /// Copies a core result; `text_body` says whether the body was given as a string.
    pub fn from_core(signed: &Signed, text_body: bool) -> Self {
        let (signed_url, signed_body) = match signed.wire() {
            Wire::Url(url) => (Some(url.to_owned()), None),
            Wire::Body(body) => match std::str::from_utf8(body) {
                Ok(text) if text_body => (None, Some(Either::A(text.to_owned()))),
                _ => (None, Some(Either::B(body.to_vec().into()))),
            },
            Wire::Header(_) => (None, None),
        };
        SignResult {
            authorization: signed.authorization().to_owned(),
            signature: signed.signature().to_owned(),
            base_string: signed.base_string().to_owned(),
            nonce: signed.nonce().to_owned(),
            timestamp: i64::try_from(signed.timestamp()).unwrap_or(i64::MAX),
            params: signed.params().map(|(n, v)| (n, v.to_owned())).collect(),
            signed_url,
            signed_body,
        }
    }
}

/// How `sign` hands a result to `oauth1.js`: its strings end to end in one string,
/// and in `ends` the timestamp (high and low 32 bits), the number of parameters and
/// each string's length in UTF-16 code units (as JavaScript slices). The strings
/// are the authorization, signature, base string, nonce, signed URL and signed body
/// (both empty unless the placement puts the parameters there; the body one
/// character per byte, as Latin-1), then each parameter's name and value.
///
/// Every value that crosses Node-API costs a call of its own: built value by value,
/// the plain object of some 25 strings took longer than the signature. `oauth1.js`
/// slices them back out; the tests compare its object with `explain`'s.
pub fn pack(signed: &Signed, ends: &mut [u32]) -> Outcome<String> {
    let (url, body) = match signed.wire() {
        Wire::Url(url) => (url, &[][..]),
        Wire::Body(body) => ("", body),
        Wire::Header(_) => ("", &[][..]),
    };
    let body: String = body.iter().map(|&byte| char::from(byte)).collect();
    let mut strings = vec![
        signed.authorization(),
        signed.signature(),
        signed.base_string(),
        signed.nonce(),
        url,
        &body,
    ];
    strings.extend(signed.params().flat_map(|(name, value)| [name, value]));
    if ends.len() < 3 + strings.len() {
        return Err(argument("_sign: `ends` is too short"));
    }
    let timestamp = signed.timestamp();
    ends[0] = (timestamp >> 32) as u32;
    ends[1] = timestamp as u32;
    ends[2] = signed.params().len() as u32;
    for (end, string) in ends[3..].iter_mut().zip(&strings) {
        let units = if string.is_ascii() {
            string.len()
        } else {
            string.encode_utf16().count()
        };
        *end = u32::try_from(units).unwrap_or(u32::MAX);
    }
    Ok(strings.concat())
}
