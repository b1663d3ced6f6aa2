//! Provider presets (the core's `providers.json`): `provider(name, values)`,
//! `providerNames()`, and the `provider`/`providerValues` options that `new Signer`
//! and the flow read. The preset sets the signature method (RFC 5849 section 3.4),
//! the placement (section 3.5), `oauth_version`, the realm and the body-hash and
//! empty-token rules; the caller's own options are applied after it, so they win.

use crate::args::{Fields, described, optional};
use crate::error::{Outcome, argument, throwing};
use napi::ValueType;
use napi::bindgen_prelude::{Env, FromNapiValue, JsValue, Object, Unknown};
use napi_derive::napi;

/// The option names that select a preset.
pub const PROVIDER_OPTIONS: [&str; 2] = ["provider", "providerValues"];

/// A provider preset with its values filled in, as `provider(name, values)` returns it.
#[napi(object, object_from_js = false)]
pub struct Provider {
    /// The preset's name, such as `netsuite`.
    pub name: String,
    /// The provider and API it covers.
    pub title: String,
    /// The provider's documentation of its OAuth 1.0a use.
    pub docs: String,
    /// The temporary-credentials endpoint (RFC 5849 section 2.1), where it has one.
    pub request_token_url: Option<String>,
    /// The resource-owner authorization endpoint (section 2.2).
    pub authorize_url: Option<String>,
    /// The token-credentials endpoint (section 2.3).
    pub access_token_url: Option<String>,
    /// Where the API's resources live, where that is known.
    pub api_base: Option<String>,
    /// The signature method the provider expects (section 3.4).
    #[napi(
        ts_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT' | 'RSA-SHA1' | 'RSA-SHA256' | 'RSA-SHA512'"
    )]
    pub signature_method: &'static str,
    /// Where the protocol parameters go (section 3.5).
    #[napi(ts_type = "'header' | 'query' | 'body'")]
    pub placement: &'static str,
    /// Whether `oauth_version="1.0"` is sent.
    pub version: bool,
    /// The `realm` of the Authorization header, where the provider wants one.
    pub realm: Option<String>,
    /// Whether every request carries `oauth_body_hash`.
    pub body_hash: bool,
    /// Whether a request without a token sends an empty `oauth_token` (Schoology).
    pub empty_token: bool,
    /// A callback the provider insists on, such as `oob`.
    pub callback: Option<String>,
    /// The authorization URL's parameter for the temporary token (`oauth_token`
    /// unless the provider names it otherwise, as E*TRADE's `token`).
    pub authorize_token_param: String,
    /// Further authorization-URL parameters and their defaults, in order.
    pub authorize_params: Vec<(String, String)>,
    /// Headers the provider requires on every request, with a default value.
    pub required_headers: Vec<(String, String)>,
    /// Quirks worth knowing.
    pub notes: String,
}

impl Provider {
    fn from_core(p: oauth1::Provider) -> Self {
        Provider {
            signature_method: p.signature_method.name(),
            placement: p.placement.as_str(),
            name: p.name,
            title: p.title,
            docs: p.docs,
            request_token_url: p.request_token_url,
            authorize_url: p.authorize_url,
            access_token_url: p.access_token_url,
            api_base: p.api_base,
            version: p.version,
            realm: p.realm,
            body_hash: p.body_hash,
            empty_token: p.empty_token,
            callback: p.callback,
            authorize_token_param: p.authorize_token_param,
            authorize_params: p.authorize_params,
            required_headers: p.required_headers,
            notes: p.notes,
        }
    }
}

/// The preset called `name` (case ignored) with `values` filled into its templates:
/// NetSuite needs `{ account }`, Jira `{ base_url }`. Throws `unknown_provider` for
/// a name that is not a preset (see `providerNames()`), and `invalid_option` naming
/// a value that is missing, unknown or unusable.
///
/// ```js
/// const netsuite = provider('netsuite', { account: '1234567_SB1' })
/// netsuite.realm // '1234567_SB1'
/// ```
#[napi(ts_args_type = "name: string, values?: Record<string, string>")]
pub fn provider(env: Env, name: Unknown, values: Option<Unknown>) -> napi::Result<Provider> {
    const WHAT: &str = "provider(name, values)";
    throwing(&env, || {
        let name = crate::args::text(name, WHAT, "name")?;
        let values = string_record(optional(values)?, WHAT, "values")?.unwrap_or_default();
        Ok(Provider::from_core(core_provider(&name, &values)?))
    })
}

/// The names of every provider preset, in the data file's order.
#[napi(js_name = "providerNames")]
pub fn provider_names() -> Vec<&'static str> {
    oauth1::Provider::names()
}

/// The core preset `name` with `values`.
fn core_provider(name: &str, values: &[(String, String)]) -> Outcome<oauth1::Provider> {
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    Ok(oauth1::Provider::get(name, &values)?)
}

/// The preset that the `provider` and `providerValues` options of `fields` name, if any.
pub fn from_fields(fields: &Fields) -> Outcome<Option<oauth1::Provider>> {
    let name = fields.string("provider")?;
    let values = string_record(
        fields.value("providerValues")?,
        fields.what(),
        "providerValues",
    )?;
    match (name, values) {
        (Some(name), values) => Ok(Some(core_provider(&name, &values.unwrap_or_default())?)),
        (None, Some(_)) => Err(oauth1::Error::InvalidOption {
            reason: format!(
                "{}: `providerValues` was given without `provider`",
                fields.what()
            ),
        }
        .into()),
        (None, None) => Ok(None),
    }
}

/// An object whose values are all strings, as `(key, value)` pairs in key order.
fn string_record(
    value: Option<(Unknown<'_>, ValueType)>,
    what: &str,
    name: &str,
) -> Outcome<Option<Vec<(String, String)>>> {
    let Some((value, kind)) = value else {
        return Ok(None);
    };
    let expected = || format!("{what}: `{name}` must be an object of strings");
    if kind != ValueType::Object || value.is_array()? {
        let got = described(value, kind)?;
        return Err(argument(format!("{}, got {got}", expected())));
    }
    let object = Object::from_unknown(value)?;
    let mut pairs = Vec::new();
    for key in Object::keys(&object)? {
        let item: Unknown = object.get(&key)?.ok_or_else(|| argument(expected()))?;
        let item_kind = item.get_type()?;
        if item_kind != ValueType::String {
            let got = described(item, item_kind)?;
            return Err(argument(format!("{}; `{key}` is {got}", expected())));
        }
        pairs.push((key, String::from_unknown(item)?));
    }
    Ok(Some(pairs))
}
