//! The npm package `oauth1`: a thin napi-rs binding of the `oauth1` crate.
//!
//! Argument conversion ([`args`]), error mapping ([`error`], the one place where
//! errors become JavaScript `Error`s) and the JavaScript idioms live here; every
//! signing and verification rule lives in the core.

pub mod args;
pub mod error;
pub mod explain;
pub mod flow;
pub mod keys;
pub mod primitives;
pub mod provider;
pub mod redirect;
pub mod signed;
pub mod signer;
pub mod verify;
