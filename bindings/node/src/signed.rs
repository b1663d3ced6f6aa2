//! The result of signing as JavaScript sees it: a plain object.

use crate::error::Outcome;
use napi::bindgen_prelude::{Buffer, Either, Env, FromNapiValue, Object, ToNapiValue};
use napi_derive::napi;

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
    pub params: Vec<Vec<String>>,
    /// With `placement: 'query'`: the URL with the protocol parameters appended to its query.
    pub signed_url: Option<String>,
    /// With `placement: 'body'`: the form body with the protocol parameters appended
    /// (a string when the body was given as one, a `Buffer` otherwise).
    pub signed_body: Option<Either<String, Buffer>>,
}

impl SignResult {
    /// Copies a core result; `text_body` says whether the body was given as a string.
    pub fn from_core(signed: &oauth1::Signed, text_body: bool) -> Self {
        SignResult {
            authorization: signed.authorization().to_owned(),
            signature: signed.signature().to_owned(),
            base_string: signed.base_string().to_owned(),
            nonce: signed.nonce().to_owned(),
            timestamp: i64::try_from(signed.timestamp()).unwrap_or(i64::MAX),
            params: signed
                .params()
                .map(|(n, v)| vec![n.to_owned(), v.to_owned()])
                .collect(),
            signed_url: signed.signed_url().map(str::to_owned),
            signed_body: signed.signed_body().map(|b| signed_body(b, text_body)),
        }
    }
}

fn signed_body(body: &[u8], text_body: bool) -> Either<String, Buffer> {
    match std::str::from_utf8(body) {
        Ok(text) if text_body => Either::A(text.to_owned()),
        _ => Either::B(Buffer::from(body.to_vec())),
    }
}

/// The JavaScript object for a core result.
pub fn result_of<'e>(
    env: &'e Env,
    signed: &oauth1::Signed,
    text_body: bool,
) -> Outcome<Object<'e>> {
    let value = SignResult::from_core(signed, text_body).into_unknown(env)?;
    Ok(Object::from_unknown(value)?)
}
