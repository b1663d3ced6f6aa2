//! Building the signer from the command line, shared by `sign`, `request` and
//! `login`: the credentials, the consumer's RSA key, a provider preset, then the
//! user's own signing options, in that order so that what the user names wins.

use crate::args::{CredentialArgs, PrivateKeyArgs, ProviderArgs, SigningArgs};
use crate::credentials::{self, KeyFile, Loaded, Purpose};
use crate::fail::{CliError, INVALID_CREDENTIALS, INVALID_OPTION};
use crate::keys;
use oauth1::{Provider, Signer, SignerBuilder};

/// The preset `--provider` names, with its `--provider-value`s filled in, or `None`.
pub fn provider(args: &ProviderArgs) -> Result<Option<Provider>, CliError> {
    let Some(name) = &args.provider else {
        return Ok(None);
    };
    let values = key_values(&args.provider_values, "--provider-value")?;
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    Provider::get(name, &values).map(Some).map_err(|e| match e {
        oauth1::Error::UnknownProvider { .. } => {
            CliError::core(e).with_note("`oauth1 providers` lists the presets")
        }
        other => CliError::core(other).for_flag("--provider"),
    })
}

/// `KEY=VALUE` pairs from a repeatable flag; a value without `=` names the flag.
pub fn key_values(values: &[String], flag: &str) -> Result<Vec<(String, String)>, CliError> {
    values
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
            _ => Err(CliError::input(
                INVALID_OPTION,
                format!("{flag} {pair:?}: expected KEY=VALUE"),
            )),
        })
        .collect()
}

/// The signer's builder and what was loaded for it.
pub struct Prepared {
    /// The consumer (and token, if the credentials have one) with every option set.
    pub builder: SignerBuilder,
    /// The credentials as loaded, for saving them (`login`) and for messages.
    pub loaded: Loaded,
}

/// Loads the credentials and the consumer's private key, and builds the signer's
/// builder: the credentials, then the preset (if any), then the user's options, so
/// that a flag overrides the preset's setting ([`SignerBuilder::provider`]).
///
/// A preset whose method is RSA (Jira) needs no consumer secret, like `--signature-method RSA-SHA1`.
pub fn prepare(
    credential_args: &mut CredentialArgs,
    key_args: &PrivateKeyArgs,
    signing: &SigningArgs,
    provider: Option<&Provider>,
) -> Result<Prepared, CliError> {
    let method = signing
        .signature_method
        .or(provider.map(|p| p.signature_method));
    let loaded = credentials::load(
        credential_args,
        Purpose::Sign {
            private_key: key_args.private_key.as_deref(),
            rsa_method: method.is_some_and(|m| m.is_rsa()),
        },
    )?;
    let private_key = match &loaded.private_key_file {
        Some(file) => Some(keys::private_key(
            file,
            credential_args.credentials.as_deref(),
            key_args.key_password_env.as_deref(),
            key_args.allow_short_key,
        )?),
        None if key_args.key_password_env.is_some() => {
            return Err(CliError::input(
                INVALID_OPTION,
                "--key-password-env names the private key's password, but no private key was given: pass --private-key FILE",
            ));
        }
        None => None,
    };
    if let (Some(method), None) = (method, &private_key)
        && method.is_rsa()
    {
        let why = match (signing.signature_method, provider) {
            (None, Some(p)) => format!("the {} preset signs with {method}", p.name),
            _ => format!("{method} signs with the consumer's private key"),
        };
        return Err(CliError::input(
            INVALID_CREDENTIALS,
            format!(
                "no RSA private key: {why}; pass --private-key FILE, set {}, or add \"private_key_file\" to the credentials file",
                oauth1::PRIVATE_KEY_FILE_VAR
            ),
        ));
    }
    let mut builder = Signer::from_credentials(loaded.credentials.clone());
    if let Some(provider) = provider {
        builder = builder.provider(provider);
    }
    builder = builder.clock_offset(signing.clock_offset);
    if signing.no_version {
        builder = builder.version(false);
    }
    if signing.body_hash {
        builder = builder.body_hash(true);
    }
    if let Some(placement) = signing.placement {
        builder = builder.placement(placement);
    }
    if let Some(realm) = &signing.realm {
        builder = builder.realm(realm);
    }
    if let Some(method) = signing.signature_method {
        builder = builder.signature_method(method);
    }
    if let Some(key) = private_key {
        builder = builder.private_key(key);
    }
    Ok(Prepared { builder, loaded })
}

/// Builds the signer, saying where the private key came from when the core refuses
/// a key with a method that is not RSA.
pub fn build(
    builder: SignerBuilder,
    key_file: Option<&KeyFile>,
    signing: &SigningArgs,
    credential_args: &CredentialArgs,
) -> Result<Signer, CliError> {
    builder.build().map_err(|e| {
        let error = CliError::core(e);
        match key_file {
            Some(file)
                if signing.signature_method.is_some_and(|m| !m.is_rsa())
                    && matches!(&error, CliError::Input { code, .. } if *code == INVALID_OPTION) =>
            {
                error.with_note(&format!(
                    "the private key is {}",
                    file.describe(credential_args.credentials.as_deref())
                ))
            }
            _ => error,
        }
    })
}
