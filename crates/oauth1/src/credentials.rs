//! The four values an OAuth 1.0a client holds (RFC 5849 section 1.1), and loading
//! them from the environment or a JSON document.

use crate::error::Error;
use std::fmt;
use std::path::PathBuf;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// A secret string: zeroed when dropped, shown as `***` by `Debug`, and compared in
/// constant time (for equal lengths) so that `==` cannot be a timing oracle.
#[derive(Clone, Default)]
pub struct Secret(Zeroizing<String>);

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.0.as_bytes().ct_eq(other.0.as_bytes()))
    }
}

impl Eq for Secret {}

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
    /// `OAUTH1_TOKEN` and `OAUTH1_TOKEN_SECRET`. A consumer secret that is set but
    /// empty is an empty secret, which is valid (RFC 5849 section 3.4.2 keys with
    /// `&` then); an empty token or token secret counts as absent.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_variables(PartialCredentials::from_env()?, "the environment")
    }

    /// Reads the four values through `lookup`, given the [`ENV_VARS`] names; this is
    /// [`Credentials::from_env`] with another source, for bindings and tests.
    ///
    /// ```
    /// let c = oauth1::Credentials::from_lookup("test", |name| match name {
    ///     "OAUTH1_CONSUMER_KEY" => Some("k".into()),
    ///     "OAUTH1_CONSUMER_SECRET" => Some(String::new()),
    ///     _ => None,
    /// }).unwrap();
    /// assert_eq!(c.consumer_secret.expose(), "");
    /// ```
    pub fn from_lookup(
        source: &str,
        lookup: impl FnMut(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        Self::from_variables(PartialCredentials::from_lookup(lookup), source)
    }

    /// The credentials that the [`ENV_VARS`] of `source` gave, naming the first
    /// required variable that is missing.
    fn from_variables(found: PartialCredentials, source: &str) -> Result<Self, Error> {
        let missing = |i: usize| Error::CredentialsSource {
            source: source.to_owned(),
            reason: format!("{} is not set", ENV_VARS[i]),
        };
        Ok(Credentials {
            consumer_key: found.consumer_key.ok_or_else(|| missing(0))?,
            consumer_secret: found.consumer_secret.ok_or_else(|| missing(1))?,
            token: found.token,
            token_secret: found.token_secret,
        })
    }

    /// Reads a JSON credentials file ([`Credentials::from_json`]); the text is read
    /// into a buffer that is zeroed when dropped, and a file over 1 MiB is refused.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = read_credentials_file(path)?;
        Self::from_json(&text, &path.display().to_string())
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
    /// The consumer's RSA private key file, for the RSA methods (RFC 5849 section
    /// 3.4.3): `private_key_file` in a credentials file (relative to the file's
    /// folder) or [`PRIVATE_KEY_FILE_VAR`] in the environment.
    pub private_key_file: Option<PathBuf>,
}

/// The environment variable that names the consumer's RSA private key file.
pub const PRIVATE_KEY_FILE_VAR: &str = "OAUTH1_PRIVATE_KEY_FILE";

impl PartialCredentials {
    /// The values that `lookup` finds under the [`ENV_VARS`] names: an empty consumer
    /// key, token or token secret counts as absent, while a consumer secret that is
    /// set counts as given even when empty (an empty secret is valid). Each value is
    /// moved, not copied, so no unzeroized copy of a secret is left behind.
    pub fn from_lookup(mut lookup: impl FnMut(&str) -> Option<String>) -> Self {
        let [consumer_key, consumer_secret, token, token_secret] = ENV_VARS.map(&mut lookup);
        let private_key_file = lookup(PRIVATE_KEY_FILE_VAR).filter(|v| !v.is_empty());
        PartialCredentials {
            private_key_file: private_key_file.map(PathBuf::from),
            consumer_key: consumer_key.filter(|v| !v.is_empty()),
            consumer_secret: consumer_secret.map(Secret::new),
            token: token.filter(|v| !v.is_empty()),
            token_secret: token_secret
                .map(Secret::new)
                .filter(|v| !v.expose().is_empty()),
        }
    }

    /// Reads the [`ENV_VARS`] with the rules of [`PartialCredentials::from_lookup`]. A
    /// variable that is set but not UTF-8 is an error naming it (taking it as unset
    /// would blame a missing variable instead); its raw value is zeroed first.
    pub fn from_env() -> Result<Self, Error> {
        let mut not_unicode = None;
        let found = Self::from_lookup(|name| match std::env::var_os(name)?.into_string() {
            Ok(value) => Some(value),
            Err(raw) => {
                drop(Zeroizing::new(raw.into_encoded_bytes()));
                not_unicode.get_or_insert_with(|| name.to_owned());
                None
            }
        });
        match not_unicode {
            Some(name) => Err(Error::CredentialsSource {
                source: "the environment".into(),
                reason: format!("{name} is set but is not valid UTF-8"),
            }),
            None => Ok(found),
        }
    }

    /// Reads a JSON credentials file like [`Credentials::from_file`], letting any
    /// value be missing. A relative `private_key_file` is taken from the file's folder.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = read_credentials_file(path)?;
        let mut found = Self::from_json(&text, &path.display().to_string())?;
        if let (Some(key_file), Some(folder)) = (&mut found.private_key_file, path.parent()) {
            *key_file = folder.join(&*key_file);
        }
        Ok(found)
    }

    /// Parses a JSON object like [`Credentials::from_json`] does, but lets any value
    /// be missing. `null` counts as absent, and so does an empty string, except for
    /// the consumer secret, where `""` is the (valid) empty secret. A value given under
    /// both of its names, a value that is not a string, or text that is not a JSON
    /// object is an error naming `source`. The secrets are moved out of the parsed
    /// document into [`Secret`]s, which zero them when dropped.
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
        let mut value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| fail(format!("not valid JSON ({e})")))?;
        let object = value
            .as_object_mut()
            .ok_or_else(|| fail("expected a JSON object".into()))?;
        let private_key_file = match object.remove("private_key_file") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) if s.is_empty() => None,
            Some(serde_json::Value::String(s)) => Some(PathBuf::from(s)),
            Some(_) => return Err(fail("\"private_key_file\" must be a string".into())),
        };
        let mut values: [Option<Secret>; 4] = Default::default();
        for (slot, names) in values.iter_mut().zip(JSON_NAMES) {
            for name in names {
                match object.remove(name) {
                    None | Some(serde_json::Value::Null) => {}
                    Some(serde_json::Value::String(s)) => {
                        // Moved into a Secret at once, so it is zeroed on every path.
                        let s = Secret::new(s);
                        if slot.is_some() {
                            return Err(fail(format!(
                                "both {:?} and {:?} are set; use one",
                                names[0], names[1]
                            )));
                        }
                        *slot = Some(s);
                    }
                    Some(_) => return Err(fail(format!("{name:?} must be a string"))),
                }
            }
        }
        let [consumer_key, consumer_secret, token, token_secret] = values;
        let plain = |v: Option<Secret>| {
            v.map(|s| s.expose().to_owned())
                .filter(|s: &String| !s.is_empty())
        };
        Ok(PartialCredentials {
            consumer_key: plain(consumer_key),
            consumer_secret,
            token: plain(token),
            token_secret: token_secret.filter(|s| !s.expose().is_empty()),
            private_key_file,
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

/// The largest credentials or key file read: four values and their names, or a key
/// with its certificate chain, fit in far less.
const MAX_SECRET_FILE: u64 = 1 << 20;

/// Reads a file of secrets (credentials, a private key) of at most 1 MiB into a buffer
/// that is zeroed when dropped, copying nothing it does not zero. The error says what
/// went wrong, for the caller to put in its own words.
pub(crate) fn read_secret_file(path: &std::path::Path) -> Result<Zeroizing<Vec<u8>>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open it ({e})"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_SECRET_FILE {
        return Err("it is larger than 1 MiB".into());
    }
    // Sized up front so that reading never reallocates and leaves a copy behind.
    let mut bytes = Zeroizing::new(Vec::with_capacity(len as usize + 1));
    file.take(MAX_SECRET_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it ({e})"))?;
    if bytes.len() as u64 > MAX_SECRET_FILE {
        return Err("it is larger than 1 MiB".into());
    }
    Ok(bytes)
}

/// Reads a credentials file into a buffer that is zeroed when dropped.
fn read_credentials_file(path: &std::path::Path) -> Result<Zeroizing<String>, Error> {
    let fail = |reason: String| Error::CredentialsSource {
        source: path.display().to_string(),
        reason,
    };
    let mut bytes = read_secret_file(path).map_err(fail)?;
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            // The bytes go back into the zeroized buffer before the error is returned.
            *bytes = e.into_bytes();
            Err(fail("it is not UTF-8".into()))
        }
    }
}
