//! Where the credentials come from: flags, then `--credentials FILE`, then the
//! environment, merged value by value.

use crate::args::CredentialArgs;
use crate::fail::{CliError, warn};
use oauth1::{Credentials, ENV_VARS, PartialCredentials, Secret};

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
/// Each of the four values is taken from the first source that has it (empty
/// counts as absent). The consumer key and secret are required; the token and its
/// secret are optional, but a token secret needs its token.
pub fn load(args: &CredentialArgs) -> Result<Credentials, CliError> {
    for (flag, given) in [
        ("--consumer-secret", &args.consumer_secret),
        ("--token-secret", &args.token_secret),
    ] {
        if given.is_some() {
            warn(&format!(
                "{flag} on the command line is visible to other users (ps, shell history); prefer --credentials FILE or the environment"
            ));
        }
    }
    let flags = PartialCredentials {
        consumer_key: non_empty(args.consumer_key.clone()),
        consumer_secret: non_empty(args.consumer_secret.clone()).map(Secret::new),
        token: non_empty(args.token.clone()),
        token_secret: non_empty(args.token_secret.clone()).map(Secret::new),
    };
    let file = match &args.credentials {
        None => PartialCredentials::default(),
        Some(path) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| {
                CliError::input(format!("cannot read the credentials file {shown}: {e}"))
            })?;
            PartialCredentials::from_json(&text, &shown).map_err(CliError::core)?
        }
    };
    let env = from_env()?;
    merge(flags, file, env, args.credentials.is_some())
}

/// Reads the four `OAUTH1_*` variables; unset and empty are both absent.
fn from_env() -> Result<PartialCredentials, CliError> {
    let mut values: [Option<String>; 4] = Default::default();
    for (slot, name) in values.iter_mut().zip(ENV_VARS) {
        *slot = match std::env::var(name) {
            Ok(v) => non_empty(Some(v)),
            Err(std::env::VarError::NotPresent) => None,
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(CliError::input(format!("{name} is not valid UTF-8")));
            }
        };
    }
    let [consumer_key, consumer_secret, token, token_secret] = values;
    Ok(PartialCredentials {
        consumer_key,
        consumer_secret: consumer_secret.map(Secret::new),
        token,
        token_secret: token_secret.map(Secret::new),
    })
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
        CliError::input(format!("no {what}: pass {flag}, set {var}, or {file_hint}"))
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
        return Err(CliError::input(format!(
            "a token secret (Access token secret) was given without its token (Access token): pass {flag}, set {var}, or add {json} to the credentials file"
        )));
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
    fn a_missing_value_names_flag_variable_and_json_name() {
        let none = PartialCredentials::default;
        let e = merge(
            partial([Some("k"), None, None, None]),
            none(),
            none(),
            false,
        )
        .unwrap_err()
        .to_string();
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
