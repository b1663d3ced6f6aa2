//! Why a request failed verification, from `oauth1_verify_with_rejection()`: what a
//! server answers with (RFC 5849 section 3.2 and OAuth Problem Reporting) and what
//! it logs.

use crate::args::{handle, optional_str_arg, out_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::{free_handle, get, get_string};
use oauth1_core::Rejection;
use std::ffi::c_char;

/// A rejected request's problem and its details. Immutable and safe to read from many
/// threads; free it with `oauth1_rejection_free()`.
pub struct oauth1_rejection {
    pub(crate) inner: Rejection,
}

/// Frees a rejection; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_free(rejection: *mut oauth1_rejection) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(rejection) } }
}

/// The problem's code, the one `oauth1_verify_with_rejection()` returned
/// (`OAUTH1_ERR_SIGNATURE_INVALID`, `OAUTH1_ERR_TIMESTAMP_REFUSED`, …);
/// `oauth1_result_name()` gives its OAuth Problem Reporting name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_problem(
    rejection: *const oauth1_rejection,
    out: *mut oauth1_result,
) -> oauth1_result {
    let code = |r: &oauth1_rejection| Some(oauth1_result::of_kind(r.inner.problem.kind()));
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(rejection, out, code) } }
}

/// A sentence about what was wrong, for the server's log (never a secret; it may
/// quote what the client sent, shortened).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_reason(
    rejection: *const oauth1_rejection,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(rejection, out, |r| Some(r.inner.reason.as_str())) } }
}

/// The `WWW-Authenticate` value to answer with, with the 401 status: `OAuth
/// realm="…", oauth_problem="…"`, plus `oauth_acceptable_timestamps` for a refused
/// timestamp (only when the server has a window to offer), `oauth_parameters_absent`
/// for missing parameters and `oauth_parameters_rejected` for refused ones. `realm`
/// may be NULL (no realm).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_www_authenticate(
    rejection: *const oauth1_rejection,
    realm: *const c_char,
    out: *mut *mut c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe {
            let realm = optional_str_arg(realm)?;
            get_string(rejection, out, |r| Some(r.inner.www_authenticate(realm)))
        }
    }
}

/// For `OAUTH1_ERR_TIMESTAMP_REFUSED`, the timestamps the server accepts, inclusive
/// (`oauth_acceptable_timestamps`); `OAUTH1_ERR_NOT_AVAILABLE` for other problems.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_acceptable_timestamps(
    rejection: *const oauth1_rejection,
    min: *mut u64,
    max: *mut u64,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (rejection, min, max) =
            unsafe { (handle(rejection)?, out_arg(min)?, out_arg(max)?) };
        let (low, high) = rejection
            .inner
            .acceptable_timestamps
            .ok_or(OAUTH1_ERR_NOT_AVAILABLE)?;
        min.write(low);
        max.write(high);
        Ok(())
    }
}

/// Parameter names as OAuth Problem Reporting joins them, with `&`; none is `None`.
fn joined(names: &[impl AsRef<str>]) -> Option<String> {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    (!names.is_empty()).then(|| names.join("&"))
}

/// For `OAUTH1_ERR_PARAMETER_ABSENT`, the missing parameters' names joined by `&`
/// (`oauth_parameters_absent`, such as `oauth_nonce&oauth_timestamp`);
/// `OAUTH1_ERR_NOT_AVAILABLE` for other problems.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_parameters_absent(
    rejection: *const oauth1_rejection,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(rejection, out, |r| joined(&r.inner.parameters_absent)) } }
}

/// For `OAUTH1_ERR_PARAMETER_REJECTED`, the names of the refused parameters joined by
/// `&` (`oauth_parameters_rejected`, such as `oauth_timestamp`), where the server can
/// name them; `OAUTH1_ERR_NOT_AVAILABLE` otherwise.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_parameters_rejected(
    rejection: *const oauth1_rejection,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(rejection, out, |r| joined(&r.inner.parameters_rejected)) } }
}

/// For `OAUTH1_ERR_SIGNATURE_INVALID`, the signature base string the server computed:
/// compared with the client's, it shows what the two signed differently. It holds no
/// secret but does hold the request's parameters, so it is for the server's logs,
/// never for the client. It is cut to 8 KiB, and then ends with `...[cut]`.
/// `OAUTH1_ERR_NOT_AVAILABLE` for other problems.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_rejection_base_string(
    rejection: *const oauth1_rejection,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(rejection, out, |r| r.inner.base_string.as_deref()) } }
}
