//! The system clock, as RFC 5849 section 3.3 timestamps need it.

use crate::error::Error;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, from the system clock.
pub(crate) fn unix_now() -> Result<u64, Error> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| Error::InvalidTimestamp {
            reason: "the system clock is set before 1970".into(),
        })
}
