//! Parsing an `Authorization: OAuth …` header value (RFC 5849 section 3.5.1).

use crate::args::{handle, out_arg, str_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::{free_handle, get, give_handle, give_pair};
use std::ffi::c_char;
use zeroize::Zeroizing;

/// The parameters of an OAuth Authorization header, in the order sent, names and
/// values percent-decoded. Immutable; free it with `oauth1_header_params_free()`.
pub struct oauth1_header_params {
    /// A PLAINTEXT `oauth_signature` is the signing key itself: every value is zeroed.
    pairs: Vec<(String, Zeroizing<String>)>,
}

/// Parses an `Authorization` header value of the OAuth scheme (RFC 5849 section
/// 3.5.1): `OAuth name="value", …` with percent-encoded names and values. A missing
/// quote, an invalid escape, a parameter given twice and the like are
/// `OAUTH1_ERR_MALFORMED_HEADER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_parse_authorization_header(
    value: *const c_char,
    out: *mut *mut oauth1_header_params,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (value, out) = unsafe { (str_arg(value)?, out_arg(out)?) };
        let pairs = oauth1_core::parse_authorization_header(value)?;
        let pairs = pairs.into_iter().map(|(n, v)| (n, Zeroizing::new(v))).collect();
        give_handle(out, oauth1_header_params { pairs })
    }
}

/// How many parameters the header holds.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_header_params_count(
    params: *const oauth1_header_params,
    out: *mut usize,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(params, out, |p| Some(p.pairs.len())) } }
}

/// The parameter at `index`: two new strings, freed with `oauth1_string_free()`;
/// `OAUTH1_ERR_INDEX_OUT_OF_RANGE` past the end.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_header_params_get(
    params: *const oauth1_header_params,
    index: usize,
    name_out: *mut *mut c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (params, outs) =
            unsafe { (handle(params)?, (out_arg(name_out)?, out_arg(value_out)?)) };
        let (name, value) = params.pairs.get(index).ok_or(OAUTH1_ERR_INDEX_OUT_OF_RANGE)?;
        give_pair(outs, (name, value))
    }
}

/// Frees parsed parameters; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_header_params_free(params: *mut oauth1_header_params) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(params) } }
}
