//! Handing results to C: strings the caller owns (freed with `oauth1_string_free`),
//! copies into caller buffers, and boxed handles.

use crate::args::Out;
use crate::error::oauth1_result::{self, *};
use std::ffi::c_char;

/// Copies `bytes` into a new `malloc`ed, NUL-terminated string for the caller to free
/// with `oauth1_string_free`. The bytes may contain NUL (a signed body can); callers
/// that need the exact length get it separately.
pub(crate) fn c_string(bytes: &[u8]) -> Result<OwnedCString, oauth1_result> {
    let size = bytes.len().checked_add(1).ok_or(OAUTH1_ERR_OUT_OF_MEMORY)?;
    // SAFETY: `malloc` may be called with any size; the result is checked for NULL.
    let ptr = unsafe { libc::malloc(size) }.cast::<u8>();
    if ptr.is_null() {
        return Err(OAUTH1_ERR_OUT_OF_MEMORY);
    }
    // SAFETY: `ptr` is a fresh allocation of `bytes.len() + 1` bytes that cannot
    // overlap `bytes`; the NUL goes into the last of them.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len());
        ptr.add(bytes.len()).write(0);
    }
    Ok(OwnedCString(ptr.cast()))
}

/// A `malloc`ed string not yet handed over; freed if dropped, so that a failure
/// between two allocations leaks nothing.
pub(crate) struct OwnedCString(*mut c_char);

impl OwnedCString {
    /// Hands the string to the caller, who now owns it.
    pub(crate) fn into_raw(self) -> *mut c_char {
        let ptr = self.0;
        std::mem::forget(self);
        ptr
    }
}

impl Drop for OwnedCString {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `malloc` in `c_string` and was not handed out.
        unsafe { libc::free(self.0.cast()) }
    }
}

/// Writes a new caller-owned copy of `text` to `out`.
pub(crate) fn give_string(out: Out<'_, *mut c_char>, text: &[u8]) -> Result<(), oauth1_result> {
    out.write(c_string(text)?.into_raw());
    Ok(())
}

/// Moves `value` to the heap and writes the handle to `out`; the caller frees it with
/// the type's `_free` function.
pub(crate) fn give_handle<T>(out: Out<'_, *mut T>, value: T) -> Result<(), oauth1_result> {
    out.write(Box::into_raw(Box::new(value)));
    Ok(())
}

/// Frees a handle made by [`give_handle`]; NULL does nothing.
///
/// # Safety
/// `ptr` is NULL or a handle of type `T` from [`give_handle`] that has not been freed
/// and that no other thread is using.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: per the caller's contract, `ptr` came from `Box::into_raw` and is
        // freed exactly once.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// The caller-buffer convention: `value` plus a NUL goes into `buf` when `cap` is large
/// enough; `*needed` is set to `value.len() + 1` on success and on
/// `OAUTH1_ERR_BUFFER_TOO_SMALL`; on any other error nothing is written. No allocation.
///
/// # Safety
/// `buf` is NULL or valid for writing `cap` bytes; it does not overlap `value`.
pub(crate) unsafe fn copy_to_buffer(
    value: &[u8],
    buf: *mut c_char,
    cap: usize,
    needed: Out<'_, usize>,
) -> Result<(), oauth1_result> {
    let required = value.len().checked_add(1).ok_or(OAUTH1_ERR_OUT_OF_MEMORY)?;
    if cap < required {
        needed.write(required);
        return Err(OAUTH1_ERR_BUFFER_TOO_SMALL);
    }
    // `cap >= required > 0` here, and the caller checked that a NULL `buf` comes with
    // `cap == 0`; check again rather than trust it.
    if buf.is_null() {
        return Err(OAUTH1_ERR_NULL_PARAMETER);
    }
    // SAFETY: `buf` is valid for `cap >= value.len() + 1` bytes and does not overlap
    // `value` (caller's contract).
    unsafe {
        std::ptr::copy_nonoverlapping(value.as_ptr(), buf.cast::<u8>(), value.len());
        buf.add(value.len()).write(0);
    }
    needed.write(required);
    Ok(())
}

/// Frees a string returned by liboauth1. NULL does nothing.
///
/// # Safety
/// `s` is NULL or a string returned by an `oauth1_` function through a `char **`
/// out-parameter, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_string_free(s: *mut c_char) {
    ffi_panic_boundary! {
        // SAFETY: every string liboauth1 returns comes from `malloc` in `c_string`
        // and, per the caller's contract, is freed once; `free(NULL)` is a no-op.
        unsafe { libc::free(s.cast()) }
    }
}
