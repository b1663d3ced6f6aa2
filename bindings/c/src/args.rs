//! Reading arguments from C: NUL-terminated strings, pointer + length byte strings,
//! handles and out-parameters. Every pointer is checked for NULL before anything is
//! built from it, and nothing here allocates.

use crate::error::oauth1_result::{self, *};
use std::ffi::{CStr, c_char};
use std::mem::MaybeUninit;

/// A required NUL-terminated UTF-8 string.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and unchanged
/// for `'a`.
pub(crate) unsafe fn str_arg<'a>(ptr: *const c_char) -> Result<&'a str, oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    unsafe { optional_str_arg(ptr) }?.ok_or(OAUTH1_ERR_NULL_PARAMETER)
}

/// An optional NUL-terminated UTF-8 string: NULL is `None`.
///
/// # Safety
/// As for [`str_arg`].
pub(crate) unsafe fn optional_str_arg<'a>(
    ptr: *const c_char,
) -> Result<Option<&'a str>, oauth1_result> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: `ptr` is not NULL and, by the caller's contract, points to a
    // NUL-terminated string valid for `'a`.
    let c = unsafe { CStr::from_ptr(ptr) };
    c.to_str().map(Some).map_err(|_| OAUTH1_ERR_INVALID_UTF8)
}

/// A required NUL-terminated file path: any bytes on Unix, UTF-8 elsewhere.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string valid for the call.
pub(crate) unsafe fn path_arg(ptr: *const c_char) -> Result<std::path::PathBuf, oauth1_result> {
    if ptr.is_null() {
        return Err(OAUTH1_ERR_NULL_PARAMETER);
    }
    // SAFETY: `ptr` is not NULL and, by the caller's contract, NUL-terminated.
    let path = unsafe { CStr::from_ptr(ptr) };
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(std::ffi::OsStr::from_bytes(path.to_bytes()).into())
    }
    #[cfg(not(unix))]
    {
        path.to_str()
            .map(Into::into)
            .map_err(|_| OAUTH1_ERR_INVALID_UTF8)
    }
}

/// A byte string given as pointer + length. NULL with length 0 is "no body"; NULL
/// with a length is an error.
///
/// # Safety
/// Unless NULL, `ptr` points to `len` readable bytes valid and unchanged for `'a`.
pub(crate) unsafe fn bytes_arg<'a>(
    ptr: *const u8,
    len: usize,
) -> Result<Option<&'a [u8]>, oauth1_result> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(None)
        } else {
            Err(OAUTH1_ERR_NULL_PARAMETER)
        };
    }
    if isize::try_from(len).is_err() {
        return Err(OAUTH1_ERR_INVALID_ARGUMENT);
    }
    // SAFETY: `ptr` is not NULL, `len` fits `isize`, and the caller promises `len`
    // readable bytes that live for `'a`; `u8` has no alignment requirement.
    Ok(Some(unsafe { std::slice::from_raw_parts(ptr, len) }))
}

/// An optional NULL-terminated array of strings (`{"a", "b", NULL}`): NULL is none.
///
/// # Safety
/// `ptr` is NULL or points to an array of NUL-terminated strings ended by a NULL
/// entry, all valid and unchanged for `'a`.
pub(crate) unsafe fn strings_arg<'a>(
    ptr: *const *const c_char,
) -> Result<Vec<&'a str>, oauth1_result> {
    let mut strings = Vec::new();
    if ptr.is_null() {
        return Ok(strings);
    }
    for index in 0.. {
        // SAFETY: the array is ended by a NULL entry, which stops the loop before
        // reading past it, and every entry before it is readable per the contract.
        let entry = unsafe { *ptr.add(index) };
        if entry.is_null() {
            break;
        }
        // SAFETY: a non-NULL entry is a NUL-terminated string valid for `'a`.
        strings.push(unsafe { str_arg(entry)? });
    }
    Ok(strings)
}

/// An optional list of name/value pairs as one NULL-terminated array of strings,
/// alternating names and values (`{"account", "1234567_SB1", NULL}`): NULL is none. A
/// name without its value (an odd count) is `OAUTH1_ERR_NULL_PARAMETER`.
///
/// # Safety
/// As for [`strings_arg`].
pub(crate) unsafe fn pairs_arg<'a>(
    ptr: *const *const c_char,
) -> Result<Vec<(&'a str, &'a str)>, oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let strings = unsafe { strings_arg(ptr)? };
    if strings.len() % 2 != 0 {
        return Err(OAUTH1_ERR_NULL_PARAMETER);
    }
    Ok(strings.chunks_exact(2).map(|p| (p[0], p[1])).collect())
}

/// A handle the call only reads.
///
/// # Safety
/// `ptr` is NULL or a live handle of type `T` made by this library, not being freed
/// or mutated concurrently.
pub(crate) unsafe fn handle<'a, T>(ptr: *const T) -> Result<&'a T, oauth1_result> {
    // SAFETY: per the caller's contract, a non-NULL `ptr` is a live, aligned `T`.
    unsafe { ptr.as_ref() }.ok_or(OAUTH1_ERR_NULL_PARAMETER)
}

/// A handle the call changes.
///
/// # Safety
/// `ptr` is NULL or a live handle of type `T` made by this library that no other
/// thread uses during the call.
pub(crate) unsafe fn handle_mut<'a, T>(ptr: *mut T) -> Result<&'a mut T, oauth1_result> {
    // SAFETY: per the caller's contract, a non-NULL `ptr` is a live, aligned `T` used
    // by this call alone.
    unsafe { ptr.as_mut() }.ok_or(OAUTH1_ERR_NULL_PARAMETER)
}

/// An out-parameter, checked for NULL before any work is done and written once at
/// the end, on success only.
pub(crate) struct Out<'a, T>(&'a mut MaybeUninit<T>);

impl<T> Out<'_, T> {
    /// Writes the output (the old value, if any, is overwritten without being read).
    pub(crate) fn write(self, value: T) {
        self.0.write(value);
    }

    /// The same out-parameter, for a write that does not end its use: for the one
    /// output that is set before its final value is known.
    pub(crate) fn reborrow(&mut self) -> Out<'_, T> {
        Out(&mut *self.0)
    }
}

/// Checks an out-parameter.
///
/// # Safety
/// `ptr` is NULL or valid for writing one (possibly uninitialised) `T` for `'a`.
pub(crate) unsafe fn out_arg<'a, T>(ptr: *mut T) -> Result<Out<'a, T>, oauth1_result> {
    // SAFETY: a non-NULL `ptr` is valid for writes of a `T` per the caller's contract;
    // `MaybeUninit<T>` has the layout of `T` and makes no claim about the contents.
    unsafe { ptr.cast::<MaybeUninit<T>>().as_mut() }
        .map(Out)
        .ok_or(OAUTH1_ERR_NULL_PARAMETER)
}
