//! Loading credentials (RFC 5849 section 1.1) from the environment or a JSON file
//! into a signer builder.

use crate::args::{out_arg, path_arg, str_arg};
use crate::error::oauth1_result;
use crate::output::give_handle;
use crate::signer::oauth1_signer_builder;
use oauth1_core::Credentials;
use std::ffi::c_char;

/// Starts a signer builder from `OAUTH1_CONSUMER_KEY`, `OAUTH1_CONSUMER_SECRET` and,
/// when set, `OAUTH1_TOKEN` and `OAUTH1_TOKEN_SECRET`. A missing consumer key or
/// secret is `OAUTH1_ERR_CREDENTIALS_SOURCE`. Reads the environment, so do not call
/// it while another thread changes the environment (`setenv`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_from_env(
    out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        let credentials = Credentials::from_env()?;
        give_handle(out, oauth1_signer_builder::from_credentials(credentials))
    }
}

/// Starts a signer builder from a JSON object holding `consumer_key`,
/// `consumer_secret` and optionally `token`, `token_secret`, or LivePerson's names
/// `appKey`, `secret`, `accessToken`, `accessTokenSecret`. Invalid JSON or a missing
/// value is `OAUTH1_ERR_CREDENTIALS_SOURCE`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_from_json(
    json: *const c_char,
    out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (json, out) = unsafe { (str_arg(json)?, out_arg(out)?) };
        let credentials = Credentials::from_json(json, "the JSON text")?;
        give_handle(out, oauth1_signer_builder::from_credentials(credentials))
    }
}

/// Starts a signer builder from a JSON credentials file (the format of
/// `oauth1_signer_builder_from_json()`, at most 1 MiB). A file that cannot be read,
/// is not UTF-8 or holds bad contents is `OAUTH1_ERR_CREDENTIALS_SOURCE`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_from_json_file(
    path: *const c_char,
    out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (path, out) = unsafe { (path_arg(path)?, out_arg(out)?) };
        let credentials = Credentials::from_file(path)?;
        give_handle(out, oauth1_signer_builder::from_credentials(credentials))
    }
}
