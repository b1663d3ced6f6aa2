//! Handing results to C: strings the caller owns (freed with `oauth1_string_free`),
//! copies into caller buffers, and boxed handles.

use crate::args::{Out, handle, out_arg};
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

/// The accessors' one shape: reads `value` of a handle into an out-parameter;
/// `None` is `OAUTH1_ERR_NOT_AVAILABLE`.
///
/// # Safety
/// The pointer contract of every exported function (crate docs).
pub(crate) unsafe fn get<'h, H: 'h, T>(
    ptr: *const H,
    out: *mut T,
    value: impl FnOnce(&'h H) -> Option<T>,
) -> Result<(), oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let (handle, out) = unsafe { (handle(ptr)?, out_arg(out)?) };
    out.write(value(handle).ok_or(OAUTH1_ERR_NOT_AVAILABLE)?);
    Ok(())
}

/// [`get`] for a string: writes a new caller-owned copy of it.
///
/// # Safety
/// The pointer contract of every exported function (crate docs).
pub(crate) unsafe fn get_string<'h, H: 'h, S: AsRef<[u8]>>(
    ptr: *const H,
    out: *mut *mut c_char,
    value: impl FnOnce(&'h H) -> Option<S>,
) -> Result<(), oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let (handle, out) = unsafe { (handle(ptr)?, out_arg(out)?) };
    let value = value(handle).ok_or(OAUTH1_ERR_NOT_AVAILABLE)?;
    out.write(c_string(value.as_ref())?.into_raw());
    Ok(())
}

/// Writes two new caller-owned strings, or neither.
pub(crate) fn give_pair(
    (name_out, value_out): (Out<'_, *mut c_char>, Out<'_, *mut c_char>),
    (name, value): (&str, &str),
) -> Result<(), oauth1_result> {
    let (name, value) = (c_string(name.as_bytes())?, c_string(value.as_bytes())?);
    name_out.write(name.into_raw());
    value_out.write(value.into_raw());
    Ok(())
}

/// A caller's buffer with its capacity and the `needed` out-parameter, checked before
/// any work is done: the convention of `oauth1_signer_sign_into()`.
pub(crate) struct Buffer<'a> {
    buf: *mut c_char,
    cap: usize,
    needed: Out<'a, usize>,
}

/// Checks a caller's buffer: `needed` must not be NULL, nor `buf` unless `cap` is 0.
///
/// # Safety
/// `buf` is NULL or valid for writing `cap` bytes, overlapping nothing else passed;
/// `needed` is NULL or writable.
pub(crate) unsafe fn buffer_arg<'a>(
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> Result<Buffer<'a>, oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let needed = unsafe { out_arg(needed)? };
    if buf.is_null() && cap > 0 {
        return Err(OAUTH1_ERR_NULL_PARAMETER);
    }
    Ok(Buffer { buf, cap, needed })
}

impl Buffer<'_> {
    /// Copies `value` and a NUL into the buffer and sets `*needed` to its length plus
    /// one; a buffer too small is left untouched, with `*needed` set all the same.
    pub(crate) fn write(self, value: &[u8]) -> Result<(), oauth1_result> {
        let required = value.len() + 1;
        self.needed.write(required);
        if self.cap < required {
            return Err(OAUTH1_ERR_BUFFER_TOO_SMALL);
        }
        // SAFETY: `cap >= required > 0`, so `buf` is not NULL (checked in
        // `buffer_arg`) and is valid for `cap` bytes per the caller's contract; it
        // cannot overlap `value`, which the library owns.
        unsafe {
            std::ptr::copy_nonoverlapping(value.as_ptr(), self.buf.cast::<u8>(), value.len());
            self.buf.add(value.len()).write(0);
        }
        Ok(())
    }
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

/// Frees a string returned by liboauth1. NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_string_free(s: *mut c_char) {
    ffi_panic_boundary! {
        // SAFETY: every string liboauth1 returns comes from `malloc` in `c_string`
        // and, per the caller's contract, is freed once; `free(NULL)` is a no-op.
        unsafe { libc::free(s.cast()) }
    }
}
