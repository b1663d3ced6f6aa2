//! Turning a server's `timestamp_refused` answer into a clock offset (OAuth Problem
//! Reporting, `oauth_acceptable_timestamps`).

use crate::args::{out_arg, str_arg};
use crate::error::oauth1_result;
use std::ffi::c_char;

/// Computes the clock offset to give the signer (`oauth1_signer_builder_set_clock_offset()`
/// or `oauth1_signer_with_clock_offset()`) from a `timestamp_refused` answer: the
/// middle of the server's `oauth_acceptable_timestamps` window minus `now`, the
/// client's clock in seconds since the epoch (`time(NULL)`; a negative `now` is
/// `OAUTH1_ERR_INVALID_TIMESTAMP`).
///
/// `answer` is a `WWW-Authenticate` value (`OAuth oauth_problem="timestamp_refused",
/// oauth_acceptable_timestamps="MIN-MAX"`) or a form-encoded response body; without a
/// usable window the result is `OAUTH1_ERR_MALFORMED_HEADER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_clock_offset_from_problem(
    answer: *const c_char,
    now: i64,
    out: *mut i64,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (answer, out) = unsafe { (str_arg(answer)?, out_arg(out)?) };
        let now = oauth1_core::unix_seconds(now, "now")?;
        out.write(oauth1_core::clock_offset_from_problem(answer, now)?);
        Ok(())
    }
}
