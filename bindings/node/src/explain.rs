//! `signer.explain(request)`: every step of one signature, for debugging a
//! `401 signature_invalid`.

use crate::signed::SignResult;
use napi_derive::napi;

/// One parameter as it entered the base string.
#[napi(object, object_from_js = false)]
pub struct ExplainedParam {
    /// Where it came from.
    #[napi(ts_type = "'query' | 'body' | 'protocol'")]
    pub source: &'static str,
    /// The name, decoded.
    pub name: String,
    /// The value, decoded.
    pub value: String,
    /// The name percent-encoded (RFC 5849 section 3.6), as sorted and joined.
    pub encoded_name: String,
    /// The value percent-encoded.
    pub encoded_value: String,
}

/// Everything that went into a signature, in the order RFC 5849 section 3.4.1 builds it.
#[napi(object, object_from_js = false)]
pub struct Explanation {
    /// The base string URI (section 3.4.1.2).
    pub base_string_uri: String,
    /// What normalising the URL changed, in words.
    pub uri_changes: Vec<String>,
    /// Every parameter in sorted order, protocol parameters included, `oauth_signature` excluded.
    pub params: Vec<ExplainedParam>,
    /// The normalised parameter string, `name=value&…`.
    pub normalized_parameters: String,
    /// The signing key with its secrets masked: `<consumer secret>&<token secret>`,
    /// or for RSA the key's size (`<RSA private key, 2048 bits> …`).
    pub masked_key: String,
    /// Classic mistakes visible in the request, in words.
    pub warnings: Vec<String>,
    /// The signing result itself.
    pub signed: SignResult,
}

impl Explanation {
    /// Copies a core explanation.
    pub fn from_core(e: oauth1::Explanation, text_body: bool) -> Self {
        Explanation {
            signed: SignResult::from_core(&e.signed, text_body),
            base_string_uri: e.base_string_uri,
            uri_changes: e.uri_changes,
            params: e
                .params
                .into_iter()
                .map(|p| ExplainedParam {
                    source: p.source.as_str(),
                    name: p.name,
                    value: p.value,
                    encoded_name: p.encoded_name,
                    encoded_value: p.encoded_value,
                })
                .collect(),
            normalized_parameters: e.normalized_parameters,
            masked_key: e.masked_key,
            warnings: e.warnings,
        }
    }
}
