//! The unit tests of liboauth1, kept out of `src/` (the library's `#[cfg(test)] mod
//! tests` points here): what needs the library's insides. The error table against the
//! core's, the panic boundary, the caller-buffer variant's allocations, the handles'
//! thread safety and the version string. `tests/abi.rs` checks the header's numbers,
//! and the C programs in `tests/c/` (bindings/c/test.sh) test the ABI itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use crate::error::oauth1_result::*;
use crate::signer::*;
use oauth1_core::{Request, Signer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::{CStr, c_char};

/// Counts the allocations of the current thread only, so that tests running in
/// parallel do not disturb each other.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator unchanged; counting touches only a
// const-initialised thread-local `Cell`, which does not allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// The header promises that these handles may be shared between threads.
#[test]
fn shared_handles_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<oauth1_signer>();
    assert_send_sync::<crate::signed::oauth1_signed>();
    assert_send_sync::<crate::verify::oauth1_verified>();
    assert_send_sync::<crate::rejection::oauth1_rejection>();
    assert_send_sync::<crate::verify::oauth1_verify_options>();
    assert_send_sync::<crate::verify::oauth1_nonce_store>();
    assert_send_sync::<crate::header::oauth1_header_params>();
    assert_send_sync::<crate::key::oauth1_rsa_private_key>();
    assert_send_sync::<crate::key::oauth1_rsa_public_key>();
}

#[test]
fn version_comes_from_cargo() {
    // SAFETY: a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(crate::oauth1_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}

const URL: &str = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all";

/// The caller-buffer variant allocates exactly what the core's `sign` does: the C
/// layer adds nothing.
#[test]
fn sign_into_allocates_no_more_than_the_core() {
    let core = Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .build()
        .unwrap();
    let request = Request::new("GET", URL)
        .nonce("abcdef0123456789abcdef0123456789")
        .timestamp(1_700_000_000);
    let expected = core.sign(&request).unwrap();
    let core_allocations = allocations_in(|| {
        std::hint::black_box(core.sign(&request).unwrap());
    });
    assert!(core_allocations > 0, "the counter counts");

    let signer = oauth1_signer { inner: core };
    let mut buf: [c_char; 512] = [0; 512];
    let mut needed = 0usize;
    let url = std::ffi::CString::new(URL).unwrap();
    let mut call = || {
        // SAFETY: every pointer is valid for the call; `buf` holds 512 bytes.
        unsafe {
            oauth1_signer_sign_with_into(
                &signer,
                c"GET".as_ptr(),
                url.as_ptr(),
                std::ptr::null(),
                0,
                std::ptr::null(),
                c"abcdef0123456789abcdef0123456789".as_ptr(),
                1_700_000_000,
                buf.as_mut_ptr(),
                buf.len(),
                &mut needed,
            )
        }
    };
    assert_eq!(call(), OAUTH1_OK);
    let c_allocations = allocations_in(|| assert_eq!(call(), OAUTH1_OK));
    assert_eq!(c_allocations, core_allocations);
    // SAFETY: on success `buf` holds a NUL-terminated string.
    let written = unsafe { CStr::from_ptr(buf.as_ptr()) };
    assert_eq!(written.to_str().unwrap(), expected.authorization());
    assert_eq!(needed, expected.authorization().len() + 1);
}

/// The C error codes against the core's table ([`oauth1_core::ERROR_KINDS`]).
mod error_table {
    use crate::error::oauth1_result::{self, *};
    use crate::error::{CORE, OWN, oauth1_result_message, oauth1_result_name};
    use oauth1_core::ERROR_KINDS;
    use std::collections::HashSet;
    use std::ffi::{CStr, c_char};

    fn text(ptr: *const c_char) -> &'static str {
        // SAFETY: the functions under test return static NUL-terminated strings.
        unsafe { CStr::from_ptr(ptr) }
            .to_str()
            .unwrap_or("(not UTF-8)")
    }

    /// Every kind of the core's table has its code: the same number, the core's code
    /// as its name and the core's summary as its message; `CORE` lists them one to one,
    /// in the table's order.
    #[test]
    fn every_core_kind_has_its_code() {
        for (kind, code) in ERROR_KINDS.iter().zip(CORE) {
            assert_eq!(code as u32, kind.c_result, "{}", kind.code);
        }
        for kind in &ERROR_KINDS {
            let code = oauth1_result::from_code(kind.c_result);
            assert!(
                code.is_some(),
                "{} ({}) has no code",
                kind.code,
                kind.c_result
            );
            assert_eq!(text(oauth1_result_name(kind.c_result)), kind.code);
            assert_eq!(text(oauth1_result_message(kind.c_result)), kind.summary);
            assert_eq!(Some(oauth1_result::of_kind(kind)), code);
        }
        let error = oauth1_core::Signer::builder("", "s").build().err();
        let code = error.map(oauth1_result::from);
        assert_eq!(code, Some(OAUTH1_ERR_INVALID_CREDENTIALS));
    }

    /// The C API's own codes name what only C can get wrong, and none of them is a
    /// core code; every code has its own number and name.
    #[test]
    fn own_codes_do_not_collide_with_the_cores() {
        let own = [
            "null_parameter",
            "invalid_utf8",
            "buffer_too_small",
            "panic",
            "out_of_memory",
            "invalid_argument",
            "index_out_of_range",
            "not_available",
            "io",
            "unknown_error",
            "rejected",
        ];
        assert_eq!(OWN.len(), own.len() + 1, "the C API's own codes and `ok`");
        let core: HashSet<&str> = ERROR_KINDS.iter().map(|k| k.code).collect();
        let (mut numbers, mut names) = (HashSet::new(), HashSet::new());
        for (code, name, message) in OWN {
            let name = name.to_str().unwrap_or_default();
            assert!(own.contains(&name) || code == OAUTH1_OK, "{name}");
            assert!(!core.contains(name), "{name} is a core code");
            assert_eq!(text(oauth1_result_name(code as u32)), name);
            assert_eq!(oauth1_result_message(code as u32), message.as_ptr());
            assert!(!message.is_empty());
        }
        for code in OWN.iter().map(|(own, ..)| *own).chain(CORE) {
            assert!(numbers.insert(code as u32), "{code:?} shares its number");
            assert!(
                names.insert(text(oauth1_result_name(code as u32))),
                "{code:?}"
            );
        }
        assert_eq!(numbers.len(), OWN.len() + ERROR_KINDS.len());
        assert_eq!(text(oauth1_result_name(777)), "unknown");
        assert_eq!(text(oauth1_result_message(777)), "unknown result code");
    }
}

/// A panic inside an exported function becomes a result, never an unwind into C.
mod panic_boundary {
    use crate::error::oauth1_result;

    fn panics_with_result() -> oauth1_result {
        ffi_result! {
            panic!("boom");
        }
    }

    fn panics_with_pointer() -> *const std::ffi::c_char {
        ffi_panic_boundary! {
            panic!("boom");
        }
    }

    fn returns_error() -> oauth1_result {
        ffi_result! {
            Err(oauth1_result::OAUTH1_ERR_IO)?;
            Ok(())
        }
    }

    #[test]
    fn a_panic_becomes_a_code_or_a_static_string() {
        assert_eq!(panics_with_result(), oauth1_result::OAUTH1_ERR_PANIC);
        assert!(!panics_with_pointer().is_null());
        assert_eq!(returns_error(), oauth1_result::OAUTH1_ERR_IO);
    }
}
