//! liboauth1: the C ABI of [`oauth1_core`], OAuth 1.0a request signing and
//! verification (RFC 5849).
//!
//! This crate holds no signing logic: it converts C arguments, maps errors to
//! `oauth1_result` codes (in [`error`], one place) and follows the conventions C users
//! of well-kept Rust libraries expect (rustls-ffi):
//!
//! - every symbol starts with `oauth1_`; handles are opaque, made by `_new` (or a
//!   builder) and released by `_free`, and `_free(NULL)` does nothing;
//! - every fallible function returns an `oauth1_result` (`OAUTH1_OK` is 0; each error
//!   number is stable and never reused) and writes its trailing out-parameters only
//!   on success, save `oauth1_verify_with_rejection()`'s rejection, which says why it
//!   failed; there is no thread-local "last error";
//! - strings in are NUL-terminated UTF-8 (`OAUTH1_ERR_INVALID_UTF8` otherwise), bodies
//!   are pointer + length, NULL where a value is required is
//!   `OAUTH1_ERR_NULL_PARAMETER`;
//! - strings out belong to the caller, who frees them with `oauth1_string_free()`;
//!   `oauth1_signer_sign_into()` writes into the caller's buffer instead;
//! - every exported function runs inside a panic boundary ([`panic`]): a panic is
//!   `OAUTH1_ERR_PANIC`, never an abort or an unwind into C.
//!
//! The header `include/oauth1.h` is generated from these sources by cbindgen;
//! `tests/header.rs` fails when it is stale and rewrites it with `OAUTH1_BLESS=1`.

// The C ABI needs raw pointers; the rest of the workspace forbids `unsafe`. Every
// unsafe block carries a `// SAFETY:` comment, which clippy checks.
#![allow(unsafe_code)]
#![warn(clippy::undocumented_unsafe_blocks)]
// The exported functions mirror C signatures, which take many arguments.
#![allow(clippy::too_many_arguments)]

#[macro_use]
mod panic;

mod args;
pub mod credentials;
pub mod error;
pub mod header;
mod output;
pub mod problem;
pub mod rejection;
pub mod signed;
pub mod signer;
pub mod verify;

#[cfg(test)]
mod tests;

use std::ffi::c_char;

/// The library's version, such as `"0.1.0"`, from the crate's Cargo metadata: a
/// static NUL-terminated string, never NULL; do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn oauth1_version() -> *const c_char {
    ffi_panic_boundary! {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
    }
}
