//! RSA keys for `RSA-SHA1`, `RSA-SHA256` and `RSA-SHA512` (RFC 5849 section 3.4.3):
//! `sign --private-key` (with `--key-password-env` and `--allow-short-key`) and
//! `verify --public-key`. The core reads the keys; this module finds the password and
//! words the errors, which name the file and never its content or the password.

use crate::credentials::{KeyFile, KeySource};
use crate::fail::{CliError, KEY_PASSWORD};
use oauth1::{Error, KeyOptions, RsaPrivateKey, RsaPublicKey, Secret};
use std::path::Path;

/// Reads the consumer's private key from `file`, with the password held in the
/// environment variable `password_env` names (never a flag: `ps` would show it).
pub fn private_key(
    file: &KeyFile,
    credentials_file: Option<&Path>,
    password_env: Option<&str>,
    allow_short_key: bool,
) -> Result<RsaPrivateKey, CliError> {
    let mut options = KeyOptions::default().allow_short_key(allow_short_key);
    if let Some(var) = password_env {
        options = options.password(password(var)?.expose());
    }
    RsaPrivateKey::from_file(&file.path, &options).map_err(|e| {
        let hint = match e {
            Error::KeyPassword { .. } if password_env.is_none() => {
                "; name the environment variable that holds the password with --key-password-env VAR"
            }
            Error::KeyTooShort { .. } => "; pass --allow-short-key to accept it",
            _ => "",
        };
        let source = match file.source {
            KeySource::Flag => "--private-key".to_owned(),
            _ => file.describe(credentials_file),
        };
        about_file(e, &source, &file.path, hint)
    })
}

/// Reads the consumer's public key or certificate for `verify --public-key`.
pub fn public_key(path: &Path, allow_short_key: bool) -> Result<RsaPublicKey, CliError> {
    let options = KeyOptions::default().allow_short_key(allow_short_key);
    RsaPublicKey::from_file(path, &options).map_err(|e| {
        let hint = match e {
            Error::KeyTooShort { .. } => "; pass --allow-short-key to accept it",
            _ => "",
        };
        about_file(e, "--public-key", path, hint)
    })
}

/// The core's error with the file it is about and a hint: `--private-key key.pem: …`.
fn about_file(e: Error, source: &str, path: &Path, hint: &str) -> CliError {
    let code = e.code();
    let message = e.to_string();
    let path = path.display().to_string();
    // The core names the path when the file cannot be read; do not say it twice.
    let prefix = if message.contains(&path) || source.contains(&path) {
        source.to_owned()
    } else {
        format!("{source} {path}")
    };
    CliError::input(code, format!("{prefix}: {message}{hint}"))
}

/// The key's password, from the environment variable `--key-password-env` names,
/// held in a [`Secret`] so that the copy is zeroed when dropped.
fn password(var: &str) -> Result<Secret, CliError> {
    let fail = |why: &str| {
        CliError::input(
            KEY_PASSWORD,
            format!(
                "--key-password-env: the environment variable {var:?} {why}, so the private key's password is missing"
            ),
        )
    };
    if var.is_empty() || var.contains(['=', '\0']) {
        return Err(fail("is not a valid variable name"));
    }
    match std::env::var_os(var) {
        None => Err(fail("is not set")),
        Some(value) => value
            .into_string()
            .map(Secret::new)
            .map_err(|_| fail("does not hold UTF-8 text")),
    }
}
