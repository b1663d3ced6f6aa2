//! liboauth1: the C ABI of [`oauth1_core`], OAuth 1.0a request signing and
//! verification (RFC 5849).
//!
//! This crate holds no signing logic: it converts C arguments ([`args`], [`output`]),
//! maps errors to `oauth1_result` codes (in [`error`], one place) and follows the C
//! conventions of `bindings/c/README.md` (those of rustls-ffi). Every exported
//! function runs inside a panic boundary ([`panic`]): a panic is `OAUTH1_ERR_PANIC`,
//! never an abort or an unwind into C.
//!
//! # Safety
//!
//! Every exported function is `unsafe` for one contract, stated here and in the
//! header's conventions once rather than at each of them: each pointer argument is
//! NULL or valid for the call. A string is NUL-terminated; a body or buffer holds its
//! length in bytes (`buf` writable, overlapping nothing else passed); a handle is a
//! live one of its type made by this library (a secret sink: the one passed to the
//! running callback), which no other thread frees or changes meanwhile, and which no
//! other thread uses at all when the call takes it as `T *`; a handle or string given
//! to a `_free` function is not used again; an out-parameter is writable. A function
//! with a further condition says so.
//!
//! The header `include/oauth1.h` is generated from these sources by cbindgen;
//! `tests/header.rs` fails when it is stale and rewrites it with `OAUTH1_BLESS=1`.

// The C ABI needs raw pointers; the rest of the workspace forbids `unsafe`. Every
// unsafe block carries a `// SAFETY:` comment, which clippy checks.
#![allow(unsafe_code)]
#![warn(clippy::undocumented_unsafe_blocks)]
// The C types keep their C names (`oauth1_signer`, `oauth1_result`, …).
#![allow(non_camel_case_types)]
// The exported functions mirror C signatures, which take many arguments.
#![allow(clippy::too_many_arguments)]
// Their one pointer contract is stated once, in the crate docs and the header.
#![allow(clippy::missing_safety_doc)]

#[macro_use]
mod panic;

mod args;
pub mod credentials;
pub mod error;
pub mod flow;
pub mod header;
pub mod key;
mod output;
pub mod problem;
pub mod redirect;
pub mod rejection;
pub mod signed;
pub mod signer;
pub mod verify;

// The unit tests live outside `src/`, next to the integration tests.
#[cfg(test)]
#[path = "../tests/unit/mod.rs"]
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
