//! The panic boundary: no panic unwinds into C (that would be undefined behaviour)
//! and none aborts the caller's process. Every exported function wraps its body in
//! one of the two macros below, inside an ordinary `extern "C" fn`, so that cbindgen
//! still sees each signature (the rustls-ffi pattern).

use crate::error::oauth1_result;
use std::ffi::c_char;

/// What an exported function returns when its body panicked.
pub(crate) trait PanicDefault {
    /// The value returned after a panic.
    fn panic_default() -> Self;
}

impl PanicDefault for oauth1_result {
    fn panic_default() -> Self {
        oauth1_result::OAUTH1_ERR_PANIC
    }
}

impl PanicDefault for () {
    fn panic_default() -> Self {}
}

impl PanicDefault for *const c_char {
    /// Functions returning static strings promise never to return NULL.
    fn panic_default() -> Self {
        c"(liboauth1 panicked)".as_ptr()
    }
}

/// Runs the body; a panic becomes [`PanicDefault::panic_default`] of the return type.
macro_rules! ffi_panic_boundary {
    ( $($body:tt)* ) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(value) => value,
            Err(_) => $crate::panic::PanicDefault::panic_default(),
        }
    };
}

/// Runs a body of type `Result<(), oauth1_result>` (so `?` works inside it) and
/// returns `OAUTH1_OK`, the error, or `OAUTH1_ERR_PANIC` if it panicked.
macro_rules! ffi_result {
    ( $($body:tt)* ) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> ::core::result::Result<(), $crate::error::oauth1_result> { $($body)* },
        )) {
            Ok(Ok(())) => $crate::error::oauth1_result::OAUTH1_OK,
            Ok(Err(code)) => code,
            Err(_) => $crate::error::oauth1_result::OAUTH1_ERR_PANIC,
        }
    };
}
