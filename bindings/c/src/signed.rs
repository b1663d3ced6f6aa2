//! Reading a signing result: the header value and everything that went into it
//! (RFC 5849 sections 3.4 and 3.5). Every string comes back as a new copy the caller
//! frees with `oauth1_string_free()`.

use crate::args::{handle, out_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::{c_string, free_handle, get, get_string, give_pair};
use oauth1_core::Signed;
use std::ffi::c_char;

/// The result of signing one request. Immutable: its accessors may be called from
/// many threads at once. Free it with `oauth1_signed_free()`.
pub struct oauth1_signed {
    pub(crate) inner: Signed,
}

/// Frees a signing result; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_free(signed: *mut oauth1_signed) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(signed) } }
}

/// The full `Authorization` header value, beginning `OAuth ` (RFC 5849 section 3.5.1).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_authorization(
    signed: *const oauth1_signed,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(signed, out, |s| Some(s.inner.authorization())) } }
}

/// The signature as plain base64, not percent-encoded (RFC 5849 section 3.4.2); for
/// PLAINTEXT, the key (section 3.4.4).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_signature(
    signed: *const oauth1_signed,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(signed, out, |s| Some(s.inner.signature())) } }
}

/// The signature base string (RFC 5849 section 3.4.1), to compare with a server's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_base_string(
    signed: *const oauth1_signed,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(signed, out, |s| Some(s.inner.base_string())) } }
}

/// The `oauth_nonce` that was sent (RFC 5849 section 3.3).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_nonce(
    signed: *const oauth1_signed,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(signed, out, |s| Some(s.inner.nonce())) } }
}

/// The `oauth_timestamp` that was sent, in seconds since the epoch (RFC 5849 section 3.3).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_timestamp(
    signed: *const oauth1_signed,
    out: *mut u64,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(signed, out, |s| Some(s.inner.timestamp())) } }
}

/// For query placement, the URL with the protocol parameters appended to its query
/// (RFC 5849 section 3.5.3); `OAUTH1_ERR_NOT_AVAILABLE` for other placements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_url(
    signed: *const oauth1_signed,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(signed, out, |s| s.inner.signed_url()) } }
}

/// For body placement, the form body with the protocol parameters appended (RFC 5849
/// section 3.5.2), NUL-terminated, with its length in `*out_len` (the body may hold
/// NUL bytes if the caller's did); `OAUTH1_ERR_NOT_AVAILABLE` for other placements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_body(
    signed: *const oauth1_signed,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (signed, out, out_len) = unsafe { (handle(signed)?, out_arg(out)?, out_arg(out_len)?) };
        let body = signed.inner.signed_body().ok_or(OAUTH1_ERR_NOT_AVAILABLE)?;
        out.write(c_string(body)?.into_raw());
        out_len.write(body.len());
        Ok(())
    }
}

/// How many protocol parameters were sent, `oauth_signature` included.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_param_count(
    signed: *const oauth1_signed,
    out: *mut usize,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(signed, out, |s| Some(s.inner.params().len())) } }
}

/// The protocol parameter at `index` (below `oauth1_signed_param_count()`), sorted by
/// name, as raw values (not percent-encoded): two new strings, both freed with
/// `oauth1_string_free()`. `OAUTH1_ERR_INDEX_OUT_OF_RANGE` past the end.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signed_param(
    signed: *const oauth1_signed,
    index: usize,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (signed, outs) =
            unsafe { (handle(signed)?, (out_arg(name_out)?, out_arg(value_out)?)) };
        give_pair(outs, signed.inner.params().nth(index).ok_or(OAUTH1_ERR_INDEX_OUT_OF_RANGE)?)
    }
}
