//! Where the credentials come from: flags, then `--credentials FILE`, then the
//! environment, merged value by value.

use crate::args::CredentialArgs;
use crate::fail::{CliError, INVALID_CREDENTIALS, warn};
use oauth1::{Credentials, ENV_VARS, PartialCredentials, Secret};
use std::path::Path;

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

/// Loads the credentials from the flags, the file and the environment.
///
/// Each of the four values is taken from the first source that has it. An empty
/// consumer key, token or token secret counts as absent; a consumer secret that is
/// given counts even when it is empty (`--consumer-secret ''`, `OAUTH1_CONSUMER_SECRET=`
/// set to nothing, `"secret": ""`), since an empty secret is valid (RFC 5849 section
/// 3.4.2). The consumer key and secret are required; the token and its secret are
/// optional, but a token secret needs its token.
///
/// The secrets given as flags are moved out of `args`, and every copy read from the
/// file or the environment is held in a [`Secret`] (the core reads the file into a
/// zeroized buffer), so that each is zeroed when dropped.
pub fn load(args: &mut CredentialArgs) -> Result<Credentials, CliError> {
    let flags = from_flags(args);
    let file = match &args.credentials {
        None => PartialCredentials::default(),
        Some(path) => from_file(path)?,
    };
    let env = from_env()?;
    merge(flags, file, env, args.credentials.is_some())
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
    }
}

/// Reads `--credentials FILE` with the core's rules (a zeroized buffer, at most 1 MiB).
fn from_file(path: &Path) -> Result<PartialCredentials, CliError> {
    PartialCredentials::from_file(path).map_err(CliError::core)
}

/// Reads the four `OAUTH1_*` variables with the core's rules: unset is absent, and
/// so is an empty key, token or token secret, while a consumer secret that is set
/// counts even when empty; a variable that is not UTF-8 is an error.
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
) -> Result<Credentials, CliError> {
    let missing = |i: usize| {
        let (what, flag, var, json) = NAMES[i];
        let file_hint = if have_file {
            format!("add {json} to the credentials file")
        } else {
            format!("use --credentials FILE with {json}")
        };
        CliError::input(
            INVALID_CREDENTIALS,
            format!("no {what}: pass {flag}, set {var}, or {file_hint}"),
        )
    };
    let consumer_key = flags
        .consumer_key
        .or(file.consumer_key)
        .or(env.consumer_key)
        .ok_or_else(|| missing(0))?;
    let consumer_secret = flags
        .consumer_secret
        .or(file.consumer_secret)
        .or(env.consumer_secret)
        .ok_or_else(|| missing(1))?;
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
    Ok(Credentials {
        consumer_key,
        consumer_secret,
        token,
        token_secret,
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
        }
    }

    #[test]
    fn each_value_comes_from_the_first_source_that_has_it() {
        let c = merge(
            partial([Some("flag-key"), None, None, None]),
            partial([Some("file-key"), Some("file-secret"), None, None]),
            partial([Some("env-key"), Some("env-secret"), Some("env-token"), None]),
            true,
        )
        .unwrap();
        assert_eq!(c.consumer_key, "flag-key");
        assert_eq!(c.consumer_secret.expose(), "file-secret");
        assert_eq!(c.token.as_deref(), Some("env-token"));
        assert!(c.token_secret.is_none());
    }

    #[test]
    fn an_empty_consumer_secret_is_given_and_wins_like_any_other() {
        let c = merge(
            partial([Some("k"), Some(""), None, None]),
            partial([None, Some("file-secret"), None, None]),
            PartialCredentials::default(),
            true,
        )
        .unwrap();
        assert_eq!(c.consumer_secret.expose(), "");
        let c = merge(
            PartialCredentials::default(),
            partial([Some("k"), None, None, None]),
            partial([None, Some(""), None, None]),
            true,
        )
        .unwrap();
        assert_eq!(c.consumer_secret.expose(), "");
    }

    #[test]
    fn a_missing_value_names_flag_variable_and_json_name() {
        let none = PartialCredentials::default;
        let e = merge(
            partial([Some("k"), None, None, None]),
            none(),
            none(),
            false,
        )
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
        let e = merge(
            partial([Some("k"), Some("s"), None, Some("ts")]),
            none(),
            none(),
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("--token") && e.contains("OAUTH1_TOKEN"), "{e}");
    }
}
