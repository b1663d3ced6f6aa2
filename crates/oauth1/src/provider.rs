//! Presets for the APIs that still use OAuth 1.0a: their endpoints (RFC 5849 section 2),
//! signature method (section 3.4), parameter placement (section 3.5), realm and quirks,
//! read from one data file, `providers.json`, that every binding and the command share.
//!
//! A preset's URLs, realm and headers may hold templates: `{name}` is the value the
//! caller gave for `name` (or its default), `{name:host}` the same lower-cased with
//! `_` turned into `-` (a host name label), `{name:realm}` upper-cased with `-` turned
//! into `_`; a base URL loses its trailing `/`. `{consumer_key}` is left in place for
//! the flow to fill. Every value is checked against its kind before it is used, so
//! that nothing odd lands in a host name, a URL or a header.

use crate::error::Error;
use crate::signature::SignatureMethod;
use crate::signer::{Placement, SignerBuilder};
use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The data file, compiled in.
const DATA: &str = include_str!("../providers.json");

/// The placeholder the flow fills with the consumer key (E*TRADE's `key=`).
const CONSUMER_KEY: &str = "consumer_key";

/// The longest value a caller may give, in bytes: more is a mistake, not a name.
const MAX_VALUE_LEN: usize = 2048;

/// One provider's settings with its values (an account id, a base URL) filled in.
///
/// ```
/// let netsuite = oauth1::Provider::get("netsuite", &[("account", "1234567_SB1")])?;
/// assert_eq!(netsuite.realm.as_deref(), Some("1234567_SB1"));
/// assert_eq!(
///     netsuite.request_token_url.as_deref(),
///     Some("https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken")
/// );
/// assert_eq!(netsuite.signature_method, oauth1::SignatureMethod::HmacSha256);
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Provider {
    /// The preset's name, such as `netsuite`.
    pub name: String,
    /// The provider and API it covers, for people.
    pub title: String,
    /// The provider's documentation of its OAuth 1.0a use.
    pub docs: String,
    /// The temporary-credentials endpoint (RFC 5849 section 2.1), where it has one;
    /// `None` for one- and two-legged APIs (WooCommerce, LTI, Mastercard).
    pub request_token_url: Option<String>,
    /// The resource-owner authorization endpoint (section 2.2), where it has one.
    pub authorize_url: Option<String>,
    /// The token-credentials endpoint (section 2.3), where it has one.
    pub access_token_url: Option<String>,
    /// Where the API's resources live, where that is known.
    pub api_base: Option<String>,
    /// The signature method the provider expects (section 3.4).
    pub signature_method: SignatureMethod,
    /// Where the protocol parameters go (section 3.5).
    pub placement: Placement,
    /// Whether `oauth_version="1.0"` is sent (section 3.1 makes it optional).
    pub version: bool,
    /// The `realm` of the Authorization header (section 3.5.1), where the provider wants one.
    pub realm: Option<String>,
    /// Whether every request carries `oauth_body_hash` (OAuth Request Body Hash).
    pub body_hash: bool,
    /// Whether a request without a token sends an empty `oauth_token` (Schoology).
    pub empty_token: bool,
    /// A callback the provider insists on (section 2.1): E*TRADE's `oob` for the
    /// temporary-credentials request, or LTI's `about:blank`, which a preset without a
    /// temporary-credentials endpoint sends with every request.
    pub callback: Option<String>,
    /// The query parameter that carries the temporary token in the authorization URL:
    /// `oauth_token` (section 2.2) unless the provider names it otherwise.
    pub authorize_token_param: String,
    /// Further authorization-URL parameters and their defaults; `{consumer_key}` in a
    /// value stands for the consumer key and is filled in by [`crate::Flow`].
    pub authorize_params: Vec<(String, String)>,
    /// Headers the provider requires on every request, with a default value.
    pub required_headers: Vec<(String, String)>,
    /// Quirks worth knowing, for people.
    pub notes: String,
}

/// What a value may hold, by where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An account id that becomes a host name label and a realm: letters, digits,
    /// `_` and `-`.
    Account,
    /// A host name: labels of letters, digits and `-`, joined by dots.
    Host,
    /// An `http` or `https` URL without query, fragment or user information.
    Url,
    /// Free text for a query parameter or a header: no control characters.
    Text,
}

/// One value a preset takes, as the data file describes it.
#[derive(Debug, Clone, Copy)]
struct Variable {
    name: &'static str,
    description: &'static str,
    kind: Kind,
    /// Its value when the caller gives none; a variable without one is required.
    default: Option<&'static str>,
}

/// One preset as the data file has it.
#[derive(Debug)]
struct Preset {
    name: String,
    aliases: Vec<String>,
    fields: Map<String, Value>,
}

/// The data file, parsed once.
fn presets() -> &'static [Preset] {
    static PRESETS: OnceLock<Vec<Preset>> = OnceLock::new();
    PRESETS.get_or_init(|| {
        // The file is part of the crate and a test loads every preset, so a broken file
        // cannot ship; should it ever not parse, there are simply no presets.
        let Ok(Value::Object(root)) = serde_json::from_str::<Value>(DATA) else {
            return Vec::new();
        };
        root.into_iter()
            .filter_map(|(name, entry)| match entry {
                Value::Object(fields) => Some(Preset {
                    aliases: fields
                        .get("aliases")
                        .and_then(Value::as_array)
                        .map(|list| {
                            list.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default(),
                    name,
                    fields,
                }),
                _ => None,
            })
            .collect()
    })
}

/// The preset called `name` or known by it as an alias (ASCII case ignored).
fn preset(name: &str) -> Result<&'static Preset, Error> {
    let wanted = name.trim().to_ascii_lowercase();
    presets()
        .iter()
        .find(|p| p.name == wanted || p.aliases.contains(&wanted))
        .ok_or_else(|| Error::UnknownProvider {
            name: crate::url::truncate(name).to_owned(),
        })
}

fn text<'a>(fields: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    fields.get(key).and_then(Value::as_str)
}

fn flag(fields: &Map<String, Value>, key: &str, default: bool) -> bool {
    fields.get(key).and_then(Value::as_bool).unwrap_or(default)
}

/// A list of `[name, value]` pairs, in the file's order.
fn pairs(fields: &'static Map<String, Value>, key: &str) -> Vec<(&'static str, &'static str)> {
    let Some(list) = fields.get(key).and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|pair| match pair.as_array()?.as_slice() {
            [name, value] => Some((name.as_str()?, value.as_str()?)),
            _ => None,
        })
        .collect()
}

/// The error for a data file entry this loader cannot use; the tests load every
/// preset, so only a hand-edited build could meet it.
fn bad_data(provider: &str, what: &str) -> Error {
    Error::option(format!(
        "the {provider} preset in providers.json is unusable: {what}"
    ))
}

/// The values a preset takes, in name order.
fn variables_of(preset: &'static Preset) -> Result<Vec<Variable>, Error> {
    let Some(map) = preset.fields.get("variables").and_then(Value::as_object) else {
        return Ok(Vec::new());
    };
    map.iter()
        .map(|(name, spec)| {
            let kind = match text(spec.as_object().unwrap_or(&Map::new()), "check") {
                Some("account") => Kind::Account,
                Some("host") => Kind::Host,
                Some("url") => Kind::Url,
                Some("text") => Kind::Text,
                _ => {
                    return Err(bad_data(
                        &preset.name,
                        &format!("{name} has no known \"check\""),
                    ));
                }
            };
            Ok(Variable {
                name: name.as_str(),
                description: spec
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or(""),
                kind,
                default: spec.get("default").and_then(Value::as_str),
            })
        })
        .collect()
}

/// Checks a value against the kind of place it goes to, naming the value and the
/// provider (never quoting more than the start of the value).
fn check_value(provider: &str, variable: &Variable, value: &str) -> Result<(), Error> {
    let bad = |why: &str| {
        Err(Error::option(format!(
            "the {provider} provider's {} ({}) {why}",
            variable.name, variable.description
        )))
    };
    if value.len() > MAX_VALUE_LEN {
        return bad(&format!("is longer than {MAX_VALUE_LEN} bytes"));
    }
    if value.is_empty() && !(variable.kind == Kind::Text && variable.default == Some("")) {
        return bad("is empty");
    }
    match variable.kind {
        Kind::Account => {
            if !value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return bad(&format!(
                    "may hold only letters, digits, '_' and '-', not {:?}",
                    crate::url::truncate(value)
                ));
            }
        }
        Kind::Host => {
            let label_ok = |label: &str| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            };
            if value.len() > 253 || !value.split('.').all(label_ok) {
                return bad(&format!(
                    "must be a host name such as example.com, not {:?}",
                    crate::url::truncate(value)
                ));
            }
        }
        Kind::Url => {
            let lower = value.to_ascii_lowercase();
            let Some(rest) = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"))
            else {
                return bad("must be an http or https URL");
            };
            let authority = rest.split('/').next().unwrap_or_default();
            if value.contains(['?', '#']) || authority.contains('@') {
                return bad("must have no query, fragment or user name");
            }
            if value.bytes().any(|b| b <= b' ' || b == 0x7f) {
                return bad("must not contain spaces or control characters");
            }
            if let Err(err) = crate::url::RequestUrl::parse(value) {
                return bad(&format!("is not a usable URL: {err}"));
            }
        }
        Kind::Text => {
            if value.chars().any(char::is_control) {
                return bad("must not contain control characters such as line breaks");
            }
        }
    }
    Ok(())
}

/// Fills a template's holes from the resolved values (see the module documentation).
fn fill(provider: &str, template: &str, values: &[(Variable, &str)]) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return Err(bad_data(
                provider,
                &format!("unclosed '{{' in {template:?}"),
            ));
        };
        let hole = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let (name, filter) = hole.split_once(':').unwrap_or((hole, ""));
        if name == CONSUMER_KEY && filter.is_empty() {
            out.push_str("{consumer_key}");
            continue;
        }
        let Some((variable, value)) = values.iter().find(|(v, _)| v.name == name) else {
            return Err(bad_data(provider, &format!("{{{hole}}} names no variable")));
        };
        match filter {
            "host" => out.extend(value.chars().map(|c| {
                if c == '_' {
                    '-'
                } else {
                    c.to_ascii_lowercase()
                }
            })),
            "realm" => out.extend(value.chars().map(|c| {
                if c == '-' {
                    '_'
                } else {
                    c.to_ascii_uppercase()
                }
            })),
            "" if variable.kind == Kind::Url => out.push_str(value.trim_end_matches('/')),
            "" => out.push_str(value),
            _ => return Err(bad_data(provider, &format!("unknown filter in {{{hole}}}"))),
        }
    }
    out.push_str(rest);
    Ok(out)
}

impl Provider {
    /// The preset called `name` (ASCII case ignored; `twitter` is `x`), with `values`
    /// filled into its templates: NetSuite needs `account`, Jira, Magento and
    /// WooCommerce `base_url`; others take optional values with defaults
    /// ([`Provider::variables`]).
    ///
    /// An unknown name is [`Error::UnknownProvider`]. A missing value, a value the
    /// preset does not take, or one that does not fit where it goes (an account id with
    /// a `.`, a base URL that is not http or https, a header value with a line break) is
    /// [`Error::InvalidOption`] naming the value and what it is.
    ///
    /// ```
    /// let jira = oauth1::Provider::get("jira", &[("base_url", "https://jira.example.com/")])?;
    /// assert_eq!(
    ///     jira.access_token_url.as_deref(),
    ///     Some("https://jira.example.com/plugins/servlet/oauth/access-token")
    /// );
    /// let err = oauth1::Provider::get("jira", &[]).unwrap_err();
    /// assert!(err.to_string().contains("base_url"));
    /// # Ok::<(), oauth1::Error>(())
    /// ```
    pub fn get(name: &str, values: &[(&str, &str)]) -> Result<Provider, Error> {
        let preset = preset(name)?;
        let provider = preset.name.as_str();
        let fields = &preset.fields;
        let variables = variables_of(preset)?;
        if let Some((unknown, _)) = values
            .iter()
            .find(|(k, _)| !variables.iter().any(|v| v.name == *k))
        {
            let takes = variables.iter().map(|v| v.name).collect::<Vec<_>>();
            return Err(Error::option(format!(
                "the {provider} provider takes no value {:?}; it takes {}",
                crate::url::truncate(unknown),
                if takes.is_empty() {
                    "none".to_owned()
                } else {
                    takes.join(", ")
                }
            )));
        }
        let mut resolved = Vec::with_capacity(variables.len());
        for variable in variables {
            let given = values
                .iter()
                .find(|(k, _)| *k == variable.name)
                .map(|(_, v)| *v);
            let Some(value) = given.or(variable.default) else {
                return Err(Error::option(format!(
                    "the {provider} provider needs a value for {}: {}",
                    variable.name, variable.description
                )));
            };
            check_value(provider, &variable, value)?;
            resolved.push((variable, value));
        }
        let filled = |key: &str| -> Result<Option<String>, Error> {
            text(fields, key)
                .map(|t| fill(provider, t, &resolved))
                .transpose()
        };
        let filled_pairs = |key: &str, keep_empty: bool| -> Result<Vec<(String, String)>, Error> {
            let mut out = Vec::new();
            for (name, template) in pairs(fields, key) {
                let value = fill(provider, template, &resolved)?;
                // An optional value left empty (Trello's app name) drops its parameter.
                if keep_empty || !value.is_empty() {
                    out.push((name.to_owned(), value));
                }
            }
            Ok(out)
        };
        let method = text(fields, "signature_method").unwrap_or("HMAC-SHA1");
        let placement = text(fields, "placement").unwrap_or("header");
        Ok(Provider {
            name: provider.to_owned(),
            title: text(fields, "title").unwrap_or_default().to_owned(),
            docs: text(fields, "docs").unwrap_or_default().to_owned(),
            request_token_url: filled("request_token_url")?,
            authorize_url: filled("authorize_url")?,
            access_token_url: filled("access_token_url")?,
            api_base: filled("api_base")?,
            signature_method: method.parse()?,
            placement: placement.parse()?,
            version: flag(fields, "version", true),
            realm: filled("realm")?,
            body_hash: flag(fields, "body_hash", false),
            empty_token: flag(fields, "empty_token", false),
            callback: text(fields, "callback").map(str::to_owned),
            authorize_token_param: text(fields, "authorize_token_param")
                .unwrap_or("oauth_token")
                .to_owned(),
            authorize_params: filled_pairs("authorize_params", false)?,
            required_headers: filled_pairs("required_headers", true)?,
            notes: text(fields, "notes").unwrap_or_default().to_owned(),
        })
    }

    /// The names of every preset, sorted (aliases such as `twitter` are not listed).
    ///
    /// ```
    /// assert!(oauth1::Provider::names().contains(&"netsuite"));
    /// ```
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = presets().iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        names
    }

    /// The preset's title and documentation link, which need no values: what a
    /// listing of the presets shows.
    ///
    /// ```
    /// let (title, docs) = oauth1::Provider::about("jira")?;
    /// assert!(title.contains("Jira") && docs.starts_with("https://"));
    /// # Ok::<(), oauth1::Error>(())
    /// ```
    pub fn about(name: &str) -> Result<(&'static str, &'static str), Error> {
        let fields = &preset(name)?.fields;
        let text = |key: &str| fields.get(key).and_then(Value::as_str).unwrap_or_default();
        Ok((text("title"), text("docs")))
    }

    /// The values the preset `name` takes, each with a description (which says the
    /// default of an optional one), such as `("account", "the NetSuite account id, …")`.
    ///
    /// ```
    /// let vars = oauth1::Provider::variables("netsuite")?;
    /// assert_eq!(vars[0].0, "account");
    /// # Ok::<(), oauth1::Error>(())
    /// ```
    pub fn variables(name: &str) -> Result<Vec<(&'static str, &'static str)>, Error> {
        Ok(variables_of(preset(name)?)?
            .into_iter()
            .map(|v| (v.name, v.description))
            .collect())
    }
}

impl SignerBuilder {
    /// Applies a preset: its signature method (RFC 5849 section 3.4), placement
    /// (section 3.5), `oauth_version` (section 3.1), realm (section 3.5.1), body hash
    /// and empty-token rule, and, for a preset without a temporary-credentials
    /// endpoint, the callback it insists on (LTI's `about:blank`). Call it before the
    /// caller's own options, so theirs win.
    ///
    /// ```
    /// use oauth1::{Provider, Request, Signer};
    /// let netsuite = Provider::get("netsuite", &[("account", "1234567_SB1")])?;
    /// let signer = Signer::builder("ck", "cs").token("t", "ts").provider(&netsuite).build()?;
    /// let signed = signer.sign(&Request::new("GET", "https://1234567-sb1.suitetalk.api.netsuite.com/x"))?;
    /// assert!(signed.authorization().starts_with("OAuth realm=\"1234567_SB1\", "));
    /// # Ok::<(), oauth1::Error>(())
    /// ```
    pub fn provider(self, provider: &Provider) -> Self {
        let mut builder = self
            .signature_method(provider.signature_method)
            .placement(provider.placement)
            .version(provider.version)
            .body_hash(provider.body_hash)
            .empty_token(provider.empty_token);
        if let Some(realm) = &provider.realm {
            builder = builder.realm(realm.clone());
        }
        if let (None, Some(callback)) = (&provider.request_token_url, &provider.callback) {
            builder = builder.callback(callback.clone());
        }
        builder
    }
}
