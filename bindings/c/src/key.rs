//! RSA keys for `RSA-SHA1`, `RSA-SHA256` and `RSA-SHA512` (RFC 5849 section 3.4.3):
//! a consumer's private key for signing and its public key for verifying, read by the
//! core from PEM, DER or PKCS#12.

use crate::args::{bytes_arg, handle, out_arg, path_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::{free_handle, get, give_handle};
use oauth1_core::{KeyOptions, RsaPrivateKey, RsaPublicKey};
use std::ffi::c_char;

/// A flag of `oauth1_rsa_private_key_new()` and the other key loaders: accept a key
/// shorter than 2048 bits, as some old providers still use (the OAuth Core 1.0 test
/// key and older Jira guides have 1024 bits). Without it such a key is
/// `OAUTH1_ERR_KEY_TOO_SHORT`.
pub const OAUTH1_KEY_ALLOW_SHORT: u32 = 1;

/// A consumer's RSA private key, for signing with `RSA-SHA1`, `RSA-SHA256` or
/// `RSA-SHA512` (RFC 5849 section 3.4.3). Immutable and safe to share between
/// threads; the key material is cleared when the last reference is freed (a signer
/// builder and the signers built from it keep their own). Free it with
/// `oauth1_rsa_private_key_free()`.
pub struct oauth1_rsa_private_key {
    pub(crate) inner: RsaPrivateKey,
}

/// A consumer's RSA public key, for verifying `RSA-SHA1`, `RSA-SHA256` and
/// `RSA-SHA512` signatures (RFC 5849 section 3.4.3). Immutable and safe to share
/// between threads. Free it with `oauth1_rsa_public_key_free()`.
pub struct oauth1_rsa_public_key {
    pub(crate) inner: RsaPublicKey,
}

/// The core's key options from the C arguments (read after every pointer, so that
/// misuse is reported first); an unknown flag is `OAUTH1_ERR_INVALID_OPTION`.
fn key_options(password: Option<&[u8]>, flags: u32) -> Result<KeyOptions, oauth1_result> {
    if flags & !OAUTH1_KEY_ALLOW_SHORT != 0 {
        return Err(OAUTH1_ERR_INVALID_OPTION);
    }
    let options = KeyOptions::default().allow_short_key(flags & OAUTH1_KEY_ALLOW_SHORT != 0);
    Ok(match password {
        Some(password) => options.password(password),
        None => options,
    })
}

/// Reads an RSA private key from the `len` bytes at `data`: PEM (`PRIVATE KEY`,
/// `ENCRYPTED PRIVATE KEY`, `RSA PRIVATE KEY`, also legacy-encrypted), DER (PKCS#8,
/// encrypted PKCS#8, PKCS#1) or PKCS#12. `password`/`password_len` unlock an encrypted
/// key or a PKCS#12 file (NULL and 0 for none); `flags` is 0 or
/// `OAUTH1_KEY_ALLOW_SHORT`. Errors: `OAUTH1_ERR_KEY_PASSWORD` (encrypted, and the
/// password is missing or wrong), `OAUTH1_ERR_KEY_TYPE` (a public key, a certificate
/// or not RSA), `OAUTH1_ERR_KEY_UNREADABLE` (not a key, or corrupt),
/// `OAUTH1_ERR_KEY_TOO_SHORT` (under 2048 bits without the flag), and
/// `OAUTH1_ERR_INVALID_OPTION` for an unknown flag. The bytes and the password are
/// not kept.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_private_key_new(
    data: *const u8,
    len: usize,
    password: *const u8,
    password_len: usize,
    flags: u32,
    out: *mut *mut oauth1_rsa_private_key,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (data, password, out) = unsafe {
            (bytes_arg(data, len)?, bytes_arg(password, password_len)?, out_arg(out)?)
        };
        let data = data.ok_or(OAUTH1_ERR_NULL_PARAMETER)?;
        let inner = RsaPrivateKey::from_bytes(data, &key_options(password, flags)?)?;
        give_handle(out, oauth1_rsa_private_key { inner })
    }
}

/// `oauth1_rsa_private_key_new()` with the contents of the file at `path` (any bytes
/// on Unix, UTF-8 elsewhere). A file that cannot be read is
/// `OAUTH1_ERR_KEY_UNREADABLE`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_private_key_from_file(
    path: *const c_char,
    password: *const u8,
    password_len: usize,
    flags: u32,
    out: *mut *mut oauth1_rsa_private_key,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (path, password, out) = unsafe {
            (path_arg(path)?, bytes_arg(password, password_len)?, out_arg(out)?)
        };
        let inner = RsaPrivateKey::from_file(path, &key_options(password, flags)?)?;
        give_handle(out, oauth1_rsa_private_key { inner })
    }
}

/// The key's modulus size in bits, such as 2048.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_private_key_bits(
    key: *const oauth1_rsa_private_key,
    out: *mut u32,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(key, out, |k| Some(k.inner.bits())) } }
}

/// The public half of a private key, as the server registers it for this consumer
/// (to answer `oauth1_secret_sink_set_rsa_public_key()`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_private_key_public_key(
    key: *const oauth1_rsa_private_key,
    out: *mut *mut oauth1_rsa_public_key,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (key, out) = unsafe { (handle(key)?, out_arg(out)?) };
        give_handle(out, oauth1_rsa_public_key { inner: key.inner.public_key() })
    }
}

/// Releases the caller's reference to a private key; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_private_key_free(key: *mut oauth1_rsa_private_key) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(key) } }
}

/// Reads an RSA public key from the `len` bytes at `data`: PEM (`PUBLIC KEY`,
/// `RSA PUBLIC KEY`, `CERTIFICATE`) or DER (SubjectPublicKeyInfo, PKCS#1, X.509
/// certificate). `flags` is 0 or `OAUTH1_KEY_ALLOW_SHORT`. Errors: `OAUTH1_ERR_KEY_TYPE`
/// (a private key, or not RSA), `OAUTH1_ERR_KEY_UNREADABLE`, `OAUTH1_ERR_KEY_TOO_SHORT`
/// and `OAUTH1_ERR_INVALID_OPTION` (an unknown flag).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_public_key_new(
    data: *const u8,
    len: usize,
    flags: u32,
    out: *mut *mut oauth1_rsa_public_key,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (data, out) = unsafe { (bytes_arg(data, len)?, out_arg(out)?) };
        let data = data.ok_or(OAUTH1_ERR_NULL_PARAMETER)?;
        let inner = RsaPublicKey::from_bytes(data, &key_options(None, flags)?)?;
        give_handle(out, oauth1_rsa_public_key { inner })
    }
}

/// `oauth1_rsa_public_key_new()` with the contents of the file at `path`. A file that
/// cannot be read is `OAUTH1_ERR_KEY_UNREADABLE`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_public_key_from_file(
    path: *const c_char,
    flags: u32,
    out: *mut *mut oauth1_rsa_public_key,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (path, out) = unsafe { (path_arg(path)?, out_arg(out)?) };
        let inner = RsaPublicKey::from_file(path, &key_options(None, flags)?)?;
        give_handle(out, oauth1_rsa_public_key { inner })
    }
}

/// The key's modulus size in bits, such as 2048.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_public_key_bits(
    key: *const oauth1_rsa_public_key,
    out: *mut u32,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(key, out, |k| Some(k.inner.bits())) } }
}

/// Releases the caller's reference to a public key; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rsa_public_key_free(key: *mut oauth1_rsa_public_key) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(key) } }
}
