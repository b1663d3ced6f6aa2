//! Where the credentials come from: flags, then `--credentials FILE`, then the
//! environment, merged value by value.

use crate::args::CredentialArgs;
use crate::fail::{CliError, INVALID_CREDENTIALS, warn};
use oauth1::{Credentials, ENV_VARS, PRIVATE_KEY_FILE_VAR, PartialCredentials, Secret};
use std::path::{Path, PathBuf};

/// How each value is named in each source, for messages: description, flag,
/// environment variable, JSON names.
const NAMES: [(&str, &str, &str, &str); 4] = [
    (
        "consumer key (App key)",
        "--consumer-key",
        ENV_VARS[0],
        "\"consumer_key\" (or \"appKey\")",
    ),
    (
        "consumer secret (Secret)",
        "--consumer-secret",
        ENV_VARS[1],
        "\"consumer_secret\" (or \"secret\")",
    ),
    (
        "token (Access token)",
        "--token",
        ENV_VARS[2],
        "\"token\" (or \"accessToken\")",
    ),
    (
        "token secret (Access token secret)",
        "--token-secret",
        ENV_VARS[3],
        "\"token_secret\" (or \"accessTokenSecret\")",
    ),
];

/// What the credentials are loaded for, which decides what may stand in for the
/// consumer secret: the RSA methods (RFC 5849 section 3.4.3) use none.
#[derive(Debug, Clone, Copy)]
pub enum Purpose<'a> {
    /// `oauth1 sign`: `private_key` is `--private-key`; the file's `private_key_file`
    /// and `OAUTH1_PRIVATE_KEY_FILE` are read too. `rsa_method` says that an RSA
    /// method was asked for, which needs no consumer secret either.
    Sign {
        /// The `--private-key` flag.
        private_key: Option<&'a Path>,
        /// Whether `--signature-method` names an RSA method.
        rsa_method: bool,
    },
    /// `oauth1 verify`: `public_key` says whether `--public-key` was given, which
    /// makes the consumer secret optional (an RSA-only consumer).
    Verify {
        /// Whether `--public-key` was given.
        public_key: bool,
    },
}

/// Where the private key file was named, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// `--private-key FILE`.
    Flag,
    /// `"private_key_file"` in the `--credentials` file.
    File,
    /// [`PRIVATE_KEY_FILE_VAR`].
    Env,
}

/// The consumer's RSA private key file and where it was named.
#[derive(Debug, Clone)]
pub struct KeyFile {
    /// The path, a relative one in a credentials file taken from the file's folder.
    pub path: PathBuf,
    /// Which source named it.
    pub source: KeySource,
}

impl KeyFile {
    /// The source and path for a message, such as `--private-key keys/jira.pem`.
    pub fn describe(&self, credentials_file: Option<&Path>) -> String {
        let path = self.path.display();
        match self.source {
            KeySource::Flag => format!("--private-key {path}"),
            KeySource::File => match credentials_file {
                Some(file) => format!("{path} (\"private_key_file\" in {})", file.display()),
                None => format!("{path} (\"private_key_file\" in the credentials file)"),
            },
            KeySource::Env => format!("{path} ({PRIVATE_KEY_FILE_VAR})"),
        }
    }
}

/// The credentials as loaded.
#[derive(Debug)]
pub struct Loaded {
    /// The four values; the consumer secret is empty when none was given, which only
    /// an RSA signer or an RSA-only consumer allows.
    pub credentials: Credentials,
    /// Whether a consumer secret was given (an empty one counts).
    pub has_consumer_secret: bool,
    /// For signing: the private key file, from the first source that names one.
    pub private_key_file: Option<KeyFile>,
}

/// Loads the credentials from the flags, the file and the environment.
///
/// Each value is taken from the first source that has it. An empty consumer key,
/// token or token secret counts as absent; a consumer secret that is given counts
/// even when it is empty (`--consumer-secret ''`, `OAUTH1_CONSUMER_SECRET=` set to
/// nothing, `"secret": ""`), since an empty secret is valid (RFC 5849 section 3.4.2).
/// The consumer key is required; so is the consumer secret, unless a private key
/// or an RSA method (signing) or a public key (verifying) stands in for it. The token
/// and its secret are optional, but a token secret needs its token. For signing, the
/// private key file is named by `--private-key`, then `"private_key_file"` in the
/// file, then `OAUTH1_PRIVATE_KEY_FILE`.
///
/// The secrets given as flags are moved out of `args`, and every copy read from the
/// file or the environment is held in a [`Secret`] (the core reads the file into a
/// zeroized buffer), so that each is zeroed when dropped.
pub fn load(args: &mut CredentialArgs, purpose: Purpose<'_>) -> Result<Loaded, CliError> {
    let mut flags = from_flags(args);
    if let Purpose::Sign { private_key, .. } = purpose {
        flags.private_key_file = private_key.map(Path::to_path_buf);
    }
    let file = match &args.credentials {
        None => PartialCredentials::default(),
        Some(path) => from_file(path)?,
    };
    let env = from_env()?;
    merge(flags, file, env, args.credentials.is_some(), purpose)
}

/// The values given as flags, with a warning for each secret, which `ps` shows.
fn from_flags(args: &mut CredentialArgs) -> PartialCredentials {
    let consumer_secret = args.consumer_secret.take().map(Secret::new);
    let token_secret = args
        .token_secret
        .take()
        .map(Secret::new)
        .filter(|s| !s.expose().is_empty());
    for (flag, given) in [
        ("--consumer-secret", &consumer_secret),
        ("--token-secret", &token_secret),
    ] {
        if given.as_ref().is_some_and(|s| !s.expose().is_empty()) {
            warn(&format!(
                "{flag} on the command line is visible to other users (ps, shell history); prefer --credentials FILE or the environment"
            ));
        }
    }
    PartialCredentials {
        consumer_key: non_empty(args.consumer_key.clone()),
        consumer_secret,
        token: non_empty(args.token.clone()),
        token_secret,
        private_key_file: None,
    }
}

/// Reads `--credentials FILE` with the core's rules (a zeroized buffer, at most 1 MiB).
fn from_file(path: &Path) -> Result<PartialCredentials, CliError> {
    PartialCredentials::from_file(path).map_err(CliError::core)
}

/// Reads the `OAUTH1_*` variables with the core's rules: unset is absent, and so is
/// an empty key, token, token secret or key file, while a consumer secret that is
/// set counts even when empty; a variable that is not UTF-8 is an error.
fn from_env() -> Result<PartialCredentials, CliError> {
    PartialCredentials::from_env().map_err(CliError::core)
}

/// Takes each value from the first source that has it, and says which flag,
/// variable or JSON name would supply a missing one.
fn merge(
    flags: PartialCredentials,
    file: PartialCredentials,
    env: PartialCredentials,
    have_file: bool,
    purpose: Purpose<'_>,
) -> Result<Loaded, CliError> {
    let missing = |i: usize, or_else: &str| {
        let (what, flag, var, json) = NAMES[i];
        let file_hint = if have_file {
            format!("add {json} to the credentials file")
        } else {
            format!("use --credentials FILE with {json}")
        };
        CliError::input(
            INVALID_CREDENTIALS,
            format!("no {what}: pass {flag}, set {var}, or {file_hint}{or_else}"),
        )
    };
    let consumer_key = flags
        .consumer_key
        .or(file.consumer_key)
        .or(env.consumer_key)
        .ok_or_else(|| missing(0, ""))?;
    // Only a signer reads a private key; verifying takes --public-key instead.
    let private_key_file = match purpose {
        Purpose::Sign { .. } => {
            let found = [
                (flags.private_key_file, KeySource::Flag),
                (file.private_key_file, KeySource::File),
                (env.private_key_file, KeySource::Env),
            ];
            found
                .into_iter()
                .find_map(|(path, source)| path.map(|path| KeyFile { path, source }))
        }
        Purpose::Verify { .. } => None,
    };
    let (secret_optional, or_else) = match purpose {
        Purpose::Sign { rsa_method, .. } => (
            rsa_method || private_key_file.is_some(),
            "; or sign with RSA: --private-key FILE",
        ),
        Purpose::Verify { public_key } => {
            (public_key, "; or, for an RSA consumer, --public-key FILE")
        }
    };
    let consumer_secret = flags
        .consumer_secret
        .or(file.consumer_secret)
        .or(env.consumer_secret);
    let has_consumer_secret = consumer_secret.is_some();
    let consumer_secret = match consumer_secret {
        Some(secret) => secret,
        None if secret_optional => Secret::default(),
        None => return Err(missing(1, or_else)),
    };
    let token = flags.token.or(file.token).or(env.token);
    let token_secret = flags
        .token_secret
        .or(file.token_secret)
        .or(env.token_secret);
    if token.is_none() && token_secret.is_some() {
        let (_, flag, var, json) = NAMES[2];
        return Err(CliError::input(
            INVALID_CREDENTIALS,
            format!(
                "a token secret (Access token secret) was given without its token (Access token): pass {flag}, set {var}, or add {json} to the credentials file"
            ),
        ));
    }
    Ok(Loaded {
        credentials: Credentials {
            consumer_key,
            consumer_secret,
            token,
            token_secret,
        },
        has_consumer_secret,
        private_key_file,
    })
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

    use super::*;

    fn partial(values: [Option<&str>; 4]) -> PartialCredentials {
        PartialCredentials {
            consumer_key: values[0].map(str::to_owned),
            consumer_secret: values[1].map(Secret::new),
            token: values[2].map(str::to_owned),
            token_secret: values[3].map(Secret::new),
            private_key_file: None,
        }
    }

    const SIGN: Purpose<'static> = Purpose::Sign {
        private_key: None,
        rsa_method: false,
    };

    fn credentials(result: Result<Loaded, CliError>) -> Result<Credentials, CliError> {
        result.map(|loaded| loaded.credentials)
    }

    #[test]
    fn each_value_comes_from_the_first_source_that_has_it() {
        let c = credentials(merge(
            partial([Some("flag-key"), None, None, None]),
            partial([Some("file-key"), Some("file-secret"), None, None]),
            partial([Some("env-key"), Some("env-secret"), Some("env-token"), None]),
            true,
            SIGN,
        ))
        .unwrap();
        assert_eq!(c.consumer_key, "flag-key");
        assert_eq!(c.consumer_secret.expose(), "file-secret");
        assert_eq!(c.token.as_deref(), Some("env-token"));
        assert!(c.token_secret.is_none());
    }

    #[test]
    fn an_empty_consumer_secret_is_given_and_wins_like_any_other() {
        let c = credentials(merge(
            partial([Some("k"), Some(""), None, None]),
            partial([None, Some("file-secret"), None, None]),
            PartialCredentials::default(),
            true,
            SIGN,
        ))
        .unwrap();
        assert_eq!(c.consumer_secret.expose(), "");
        let c = credentials(merge(
            PartialCredentials::default(),
            partial([Some("k"), None, None, None]),
            partial([None, Some(""), None, None]),
            true,
            SIGN,
        ))
        .unwrap();
        assert_eq!(c.consumer_secret.expose(), "");
    }

    #[test]
    fn a_missing_value_names_flag_variable_and_json_name() {
        let none = PartialCredentials::default;
        let e = credentials(merge(
            partial([Some("k"), None, None, None]),
            none(),
            none(),
            false,
            SIGN,
        ))
        .unwrap_err();
        assert!(
            matches!(
                e,
                CliError::Input {
                    code: INVALID_CREDENTIALS,
                    ..
                }
            ),
            "{e:?}"
        );
        let e = e.to_string();
        assert!(e.contains("--consumer-secret"), "{e}");
        assert!(e.contains("OAUTH1_CONSUMER_SECRET"), "{e}");
        assert!(e.contains("\"secret\""), "{e}");
        let e = credentials(merge(
            partial([Some("k"), Some("s"), None, Some("ts")]),
            none(),
            none(),
            false,
            SIGN,
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("--token") && e.contains("OAUTH1_TOKEN"), "{e}");
    }

    fn with_key(mut p: PartialCredentials, path: &str) -> PartialCredentials {
        p.private_key_file = Some(PathBuf::from(path));
        p
    }

    #[test]
    fn the_key_file_comes_from_the_first_source_that_names_one() {
        let key_only = || partial([Some("k"), None, None, None]);
        let none = PartialCredentials::default;
        let found = |flags, file, env| {
            let loaded = merge(flags, file, env, true, SIGN).unwrap();
            let key = loaded.private_key_file.unwrap();
            assert!(!loaded.has_consumer_secret);
            assert_eq!(loaded.credentials.consumer_secret.expose(), "");
            (key.path.display().to_string(), key.source)
        };
        assert_eq!(
            found(
                with_key(key_only(), "flag.pem"),
                with_key(none(), "file.pem"),
                with_key(none(), "env.pem")
            ),
            ("flag.pem".to_owned(), KeySource::Flag)
        );
        assert_eq!(
            found(
                key_only(),
                with_key(none(), "file.pem"),
                with_key(none(), "env.pem")
            ),
            ("file.pem".to_owned(), KeySource::File)
        );
        assert_eq!(
            found(key_only(), none(), with_key(none(), "env.pem")),
            ("env.pem".to_owned(), KeySource::Env)
        );
    }

    #[test]
    fn a_public_key_makes_the_secret_optional_and_verifying_reads_no_key_file() {
        let none = PartialCredentials::default;
        let loaded = merge(
            partial([Some("k"), None, None, None]),
            with_key(none(), "file.pem"),
            none(),
            true,
            Purpose::Verify { public_key: true },
        )
        .unwrap();
        assert!(!loaded.has_consumer_secret && loaded.private_key_file.is_none());
        let e = merge(
            partial([Some("k"), None, None, None]),
            with_key(none(), "file.pem"),
            none(),
            true,
            Purpose::Verify { public_key: false },
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("--public-key FILE"), "{e}");
        let loaded = merge(
            partial([Some("k"), None, None, None]),
            none(),
            none(),
            false,
            Purpose::Sign {
                private_key: None,
                rsa_method: true,
            },
        )
        .unwrap();
        assert!(!loaded.has_consumer_secret);
    }
}
