//! The four values an OAuth 1.0a client holds (RFC 5849 section 1.1), and loading
//! them from the environment or a JSON document.

use crate::error::Error;
use std::fmt;
use zeroize::Zeroizing;

/// A secret string: zeroed when dropped, shown as `***` by `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The secret itself. Take care where it goes.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

/// Client credentials (RFC 5849 section 1.1) and, optionally, token credentials.
///
/// LivePerson's console shows the same four values as App key (consumer key),
/// Secret (consumer secret), Access token (token) and Access token secret
/// (token secret).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The consumer key (`oauth_consumer_key`); also called the App key.
    pub consumer_key: String,
    /// The consumer secret.
    pub consumer_secret: Secret,
    /// The token (`oauth_token`), when the request is made on behalf of a resource owner.
    pub token: Option<String>,
    /// The token secret.
    pub token_secret: Option<Secret>,
}

/// The environment variables [`Credentials::from_env`] reads, in the order
/// consumer key, consumer secret, token, token secret.
pub const ENV_VARS: [&str; 4] = [
    "OAUTH1_CONSUMER_KEY",
    "OAUTH1_CONSUMER_SECRET",
    "OAUTH1_TOKEN",
    "OAUTH1_TOKEN_SECRET",
];

/// The JSON names accepted for each value: this project's snake_case names and
/// LivePerson's (`appKey`, `secret`, `accessToken`, `accessTokenSecret`).
const JSON_NAMES: [[&str; 2]; 4] = [
    ["consumer_key", "appKey"],
    ["consumer_secret", "secret"],
    ["token", "accessToken"],
    ["token_secret", "accessTokenSecret"],
];

impl Credentials {
    /// Credentials from the four values; `token` and `token_secret` may be `None`
    /// (two-legged requests). Empty strings count as absent for the token.
    ///
    /// ```
    /// let c = oauth1::Credentials::new("app-key", "app-secret", Some("token"), Some("token-secret"));
    /// assert_eq!(format!("{c:?}"), r#"Credentials { consumer_key: "app-key", consumer_secret: ***, token: Some("token"), token_secret: Some(***) }"#);
    /// ```
    pub fn new(
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<Secret>,
        token: Option<impl Into<String>>,
        token_secret: Option<impl Into<Secret>>,
    ) -> Self {
        Credentials {
            consumer_key: consumer_key.into(),
            consumer_secret: consumer_secret.into(),
            token: token.map(Into::into),
            token_secret: token_secret.map(Into::into),
        }
    }

    /// Reads `OAUTH1_CONSUMER_KEY`, `OAUTH1_CONSUMER_SECRET`, and optionally
    /// `OAUTH1_TOKEN` and `OAUTH1_TOKEN_SECRET`.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup("the environment", |name| std::env::var(name).ok())
    }

    /// Reads the four values through `lookup`, given the [`ENV_VARS`] names; this is
    /// [`Credentials::from_env`] with another source, for bindings and tests.
    pub fn from_lookup(
        source: &str,
        mut lookup: impl FnMut(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        let mut values = ENV_VARS.map(|name| lookup(name).filter(|v| !v.is_empty()));
        let missing = |i: usize| Error::CredentialsSource {
            source: source.to_owned(),
            reason: format!("{} is not set", ENV_VARS[i]),
        };
        let consumer_key = values[0].take().ok_or_else(|| missing(0))?;
        let consumer_secret = values[1].take().ok_or_else(|| missing(1))?;
        Ok(Credentials {
            consumer_key,
            consumer_secret: Secret::new(consumer_secret),
            token: values[2].take(),
            token_secret: values[3].take().map(Secret::new),
        })
    }

    /// Parses a JSON object holding the values under either this project's names
    /// (`consumer_key`, `consumer_secret`, `token`, `token_secret`) or LivePerson's
    /// (`appKey`, `secret`, `accessToken`, `accessTokenSecret`). `source` names the
    /// document in error messages (a path, say).
    ///
    /// ```
    /// let c = oauth1::Credentials::from_json(
    ///     r#"{"appKey": "k", "secret": "s", "accessToken": "t", "accessTokenSecret": "ts"}"#,
    ///     "credentials.json",
    /// ).unwrap();
    /// assert_eq!(c.consumer_key, "k");
    /// assert_eq!(c.token.as_deref(), Some("t"));
    /// ```
    pub fn from_json(text: &str, source: &str) -> Result<Self, Error> {
        let found = PartialCredentials::from_json(text, source)?;
        let missing = |i: usize| Error::CredentialsSource {
            source: source.to_owned(),
            reason: format!(
                "{:?} (or {:?}) is missing",
                JSON_NAMES[i][0], JSON_NAMES[i][1]
            ),
        };
        Ok(Credentials {
            consumer_key: found.consumer_key.ok_or_else(|| missing(0))?,
            consumer_secret: found.consumer_secret.ok_or_else(|| missing(1))?,
            token: found.token,
            token_secret: found.token_secret,
        })
    }
}

/// The credential values one source holds, each of which may be absent: what a
/// program that merges several sources value by value (flags, a file, the
/// environment) reads from each before deciding which value wins.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct PartialCredentials {
    /// The consumer key (App key), if the source has one.
    pub consumer_key: Option<String>,
    /// The consumer secret (Secret), if the source has one.
    pub consumer_secret: Option<Secret>,
    /// The token (Access token), if the source has one.
    pub token: Option<String>,
    /// The token secret (Access token secret), if the source has one.
    pub token_secret: Option<Secret>,
}

impl PartialCredentials {
    /// Parses a JSON object like [`Credentials::from_json`] does, but lets any value
    /// be missing. Empty strings and `null` count as absent; a value given under both
    /// of its names, a value that is not a string, or text that is not a JSON object
    /// is an error naming `source`.
    ///
    /// ```
    /// let p = oauth1::PartialCredentials::from_json(r#"{"accessToken": "t"}"#, "f.json").unwrap();
    /// assert_eq!(p.token.as_deref(), Some("t"));
    /// assert!(p.consumer_key.is_none());
    /// ```
    pub fn from_json(text: &str, source: &str) -> Result<Self, Error> {
        let fail = |reason: String| Error::CredentialsSource {
            source: source.to_owned(),
            reason,
        };
        // serde_json's messages quote no input, so they cannot leak a secret.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| fail(format!("not valid JSON ({e})")))?;
        let object = value
            .as_object()
            .ok_or_else(|| fail("expected a JSON object".into()))?;
        let mut values: [Option<String>; 4] = Default::default();
        for (slot, names) in values.iter_mut().zip(JSON_NAMES) {
            for name in names {
                match object.get(name) {
                    None | Some(serde_json::Value::Null) => {}
                    Some(serde_json::Value::String(s)) => {
                        if slot.is_some() {
                            return Err(fail(format!(
                                "both {:?} and {:?} are set; use one",
                                names[0], names[1]
                            )));
                        }
                        *slot = Some(s.clone()).filter(|s| !s.is_empty());
                    }
                    Some(_) => return Err(fail(format!("{name:?} must be a string"))),
                }
            }
        }
        let [consumer_key, consumer_secret, token, token_secret] = values;
        Ok(PartialCredentials {
            consumer_key,
            consumer_secret: consumer_secret.map(Secret::new),
            token,
            token_secret: token_secret.map(Secret::new),
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("consumer_key", &self.consumer_key)
            .field("consumer_secret", &self.consumer_secret)
            .field("token", &self.token)
            .field("token_secret", &self.token_secret)
            .finish()
    }
}
