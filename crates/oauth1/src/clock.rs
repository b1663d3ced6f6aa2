//! The system clock, as RFC 5849 section 3.3 timestamps need it.

use crate::error::Error;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, from the system clock: the `now` a verifier uses
/// unless told otherwise, and what a signer's timestamp starts from.
pub fn unix_now() -> Result<u64, Error> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| Error::InvalidTimestamp {
            reason: "the system clock is set before 1970".into(),
        })
}

/// A caller's count of seconds since the epoch (a timestamp or a server's `now`) as
/// the core takes it: negative counts are an [`Error::InvalidTimestamp`] (RFC 5849
/// section 3.3 timestamps are positive integers). Bindings whose languages hand over
/// signed integers convert through this, so that every language refuses alike.
///
/// ```
/// assert_eq!(oauth1::unix_seconds(1_700_000_000, "now").unwrap(), 1_700_000_000);
/// assert_eq!(oauth1::unix_seconds(-1, "now").unwrap_err().code(), "invalid_timestamp");
/// ```
pub fn unix_seconds(seconds: i64, what: &str) -> Result<u64, Error> {
    u64::try_from(seconds).map_err(|_| Error::InvalidTimestamp {
        reason: format!("{what} is negative; it must be a whole number of seconds since 1970"),
    })
}
