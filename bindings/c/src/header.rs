//! Parsing an `Authorization: OAuth …` header value (RFC 5849 section 3.5.1).

use crate::args::{handle, out_arg, str_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::{c_string, free_handle, give_handle};
use std::ffi::c_char;
use zeroize::Zeroize;

/// The parameters of an OAuth Authorization header, in the order sent, names and
/// values percent-decoded. Immutable; free it with `oauth1_header_params_free()`.
#[allow(non_camel_case_types)] // C name
pub struct oauth1_header_params {
    pairs: Vec<(String, String)>,
}

impl Drop for oauth1_header_params {
    /// A PLAINTEXT `oauth_signature` is the signing key itself: zero every value.
    fn drop(&mut self) {
        for (_, value) in &mut self.pairs {
            value.zeroize();
        }
    }
}

/// Parses an `Authorization` header value of the OAuth scheme (RFC 5849 section
/// 3.5.1): `OAuth name="value", …` with percent-encoded names and values. A missing
/// quote, an invalid escape, a parameter given twice and the like are
/// `OAUTH1_ERR_MALFORMED_HEADER`.
///
/// # Safety
/// `value` is NULL or a NUL-terminated string; `out` is NULL or valid for writing a
/// pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_parse_authorization_header(
    value: *const c_char,
    out: *mut *mut oauth1_header_params,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (value, out) = unsafe { (str_arg(value)?, out_arg(out)?) };
        let pairs = oauth1_core::parse_authorization_header(value)?;
        give_handle(out, oauth1_header_params { pairs })
    }
}

/// How many parameters the header holds.
///
/// # Safety
/// `params` is NULL or live parameters; `out` is NULL or valid for writing a `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_header_params_count(
    params: *const oauth1_header_params,
    out: *mut usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (params, out) = unsafe { (handle(params)?, out_arg(out)?) };
        out.write(params.pairs.len());
        Ok(())
    }
}

/// The parameter at `index`: two new strings, freed with `oauth1_string_free()`;
/// `OAUTH1_ERR_INDEX_OUT_OF_RANGE` past the end.
///
/// # Safety
/// `params` is NULL or live parameters; `name_out` and `value_out` are NULL or valid
/// for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_header_params_get(
    params: *const oauth1_header_params,
    index: usize,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (params, name_out, value_out) =
            unsafe { (handle(params)?, out_arg(name_out)?, out_arg(value_out)?) };
        let (name, value) = params.pairs.get(index).ok_or(OAUTH1_ERR_INDEX_OUT_OF_RANGE)?;
        let (name, value) = (c_string(name.as_bytes())?, c_string(value.as_bytes())?);
        name_out.write(name.into_raw());
        value_out.write(value.into_raw());
        Ok(())
    }
}

/// Frees parsed parameters; NULL does nothing.
///
/// # Safety
/// `params` is NULL or parameters not yet freed that no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_header_params_free(params: *mut oauth1_header_params) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(params) } }
}
