//! Rust-side tests of the C ABI: the stability of the result codes, the error
//! mapping, the caller-buffer variant's allocations and the version string. The C
//! programs in `tests/c/` test the ABI itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use crate::error::oauth1_result::{self, *};
use crate::signer::*;
use oauth1_core::{Error, Problem, Rejection, Request, Signer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashSet;
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

/// The published numbers. Changing one breaks every C program compiled against an
/// older header: add new codes, never renumber or reuse.
#[test]
fn result_codes_are_stable() {
    let expected: [(oauth1_result, u32); 32] = [
        (OAUTH1_OK, 0),
        (OAUTH1_ERR_NULL_PARAMETER, 1),
        (OAUTH1_ERR_INVALID_UTF8, 2),
        (OAUTH1_ERR_BUFFER_TOO_SMALL, 3),
        (OAUTH1_ERR_PANIC, 4),
        (OAUTH1_ERR_OUT_OF_MEMORY, 5),
        (OAUTH1_ERR_INVALID_ARGUMENT, 6),
        (OAUTH1_ERR_INDEX_OUT_OF_RANGE, 7),
        (OAUTH1_ERR_NOT_AVAILABLE, 8),
        (OAUTH1_ERR_IO, 9),
        (OAUTH1_ERR_INVALID_URL, 100),
        (OAUTH1_ERR_UNSUPPORTED_SCHEME, 101),
        (OAUTH1_ERR_INVALID_METHOD, 102),
        (OAUTH1_ERR_INVALID_CREDENTIALS, 103),
        (OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD, 104),
        (OAUTH1_ERR_INVALID_TIMESTAMP, 105),
        (OAUTH1_ERR_INVALID_NONCE, 106),
        (OAUTH1_ERR_INVALID_OPTION, 107),
        (OAUTH1_ERR_DUPLICATE_PARAMETER, 108),
        (OAUTH1_ERR_MALFORMED_HEADER, 109),
        (OAUTH1_ERR_CREDENTIALS_SOURCE, 110),
        (OAUTH1_ERR_UNKNOWN_ERROR, 199),
        (OAUTH1_ERR_VERSION_REJECTED, 200),
        (OAUTH1_ERR_PARAMETER_ABSENT, 201),
        (OAUTH1_ERR_PARAMETER_REJECTED, 202),
        (OAUTH1_ERR_TIMESTAMP_REFUSED, 203),
        (OAUTH1_ERR_NONCE_USED, 204),
        (OAUTH1_ERR_SIGNATURE_METHOD_REJECTED, 205),
        (OAUTH1_ERR_SIGNATURE_INVALID, 206),
        (OAUTH1_ERR_CONSUMER_KEY_UNKNOWN, 207),
        (OAUTH1_ERR_TOKEN_REJECTED, 208),
        (OAUTH1_ERR_REJECTED_OTHER, 299),
    ];
    for (code, number) in expected {
        assert_eq!(code as u32, number, "{code:?}");
        assert_eq!(oauth1_result::from_code(number), Some(code));
    }
    let listed: HashSet<u32> = oauth1_result::ALL.iter().map(|c| *c as u32).collect();
    assert_eq!(listed.len(), oauth1_result::ALL.len(), "duplicate in ALL");
    assert_eq!(oauth1_result::from_code(12345), None);
}

#[test]
fn every_code_has_its_own_name_and_a_message() {
    let mut names = HashSet::new();
    for code in oauth1_result::ALL
        .into_iter()
        .chain([OAUTH1_ERR_REJECTED_OTHER])
    {
        assert!(names.insert(code.name()), "{code:?} shares its name");
        assert!(!code.message().is_empty());
        // SAFETY: the functions return static NUL-terminated strings.
        let (message, name) = unsafe {
            (
                CStr::from_ptr(crate::error::oauth1_result_message(code as u32)),
                CStr::from_ptr(crate::error::oauth1_result_name(code as u32)),
            )
        };
        assert_eq!(message, code.message());
        assert_eq!(name, code.name());
    }
    // SAFETY: as above.
    let unknown = unsafe { CStr::from_ptr(crate::error::oauth1_result_message(777)) };
    assert_eq!(unknown, c"unknown result code");
}

/// Each error of the core has its own code, and the codes that mirror the core name
/// themselves with the core's `Error::code()`, as Python and Node do.
#[test]
fn every_core_error_maps_to_its_own_code() {
    let reason = || "r".to_owned();
    let mut errors = vec![
        Error::InvalidUrl { reason: reason() },
        Error::UnsupportedScheme { scheme: reason() },
        Error::InvalidMethod { reason: reason() },
        Error::InvalidCredentials { reason: reason() },
        Error::UnknownSignatureMethod { name: reason() },
        Error::InvalidTimestamp { reason: reason() },
        Error::InvalidNonce { reason: reason() },
        Error::InvalidOption { reason: reason() },
        Error::DuplicateParameter { name: reason() },
        Error::MalformedHeader { reason: reason() },
        Error::CredentialsSource {
            source: reason(),
            reason: reason(),
        },
    ];
    for problem in Problem::ALL {
        errors.push(Error::Rejected(Box::new(Rejection {
            problem,
            reason: reason(),
            acceptable_timestamps: None,
            parameters_absent: Vec::new(),
            parameters_rejected: Vec::new(),
            base_string: None,
        })));
    }
    let mut codes = HashSet::new();
    for error in errors {
        let core_name = error.code();
        let code = oauth1_result::from(error);
        assert!(codes.insert(code), "{code:?} is used twice");
        assert_eq!(code.name().to_str().unwrap(), core_name);
        assert!(!matches!(
            code,
            OAUTH1_ERR_UNKNOWN_ERROR | OAUTH1_ERR_REJECTED_OTHER
        ));
    }
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

/// What the test lookup below does, and what it saw.
#[derive(Default)]
struct LookupScript {
    /// Answers every question with the consumer secret, never looking at the token.
    ignore_token: bool,
    /// Calls `oauth1_secret_sink_allow_two_legged()` on every question.
    allow_two_legged: bool,
    /// `(token was NULL, what allow_two_legged returned)` for each call.
    calls: Vec<(bool, Option<oauth1_result>)>,
}

unsafe extern "C" fn script_lookup(
    user_data: *mut std::ffi::c_void,
    consumer_key: *const c_char,
    token: *const c_char,
    sink: *mut crate::verify::oauth1_secret_sink,
) {
    // SAFETY: `user_data` is the `LookupScript` the test passed; the key is a live
    // NUL-terminated string during the call.
    let (script, key) = unsafe {
        (
            &mut *user_data.cast::<LookupScript>(),
            CStr::from_ptr(consumer_key),
        )
    };
    if key != c"app-key" {
        return;
    }
    let secret = if token.is_null() || script.ignore_token {
        c"app-secret"
    } else {
        c"access-token-secret"
    };
    // SAFETY: `sink` is the running callback's sink.
    let set = unsafe { crate::verify::oauth1_secret_sink_set(sink, secret.as_ptr()) };
    assert_eq!(set, OAUTH1_OK);
    let allowed = script
        .allow_two_legged
        // SAFETY: as above.
        .then(|| unsafe { crate::verify::oauth1_secret_sink_allow_two_legged(sink) });
    script.calls.push((token.is_null(), allowed));
}

/// Verifies `authorization` for GET `url` at `now` through the C entry point.
fn c_verify(url: &str, authorization: &str, script: &mut LookupScript, now: i64) -> oauth1_result {
    let (url, auth) = (
        std::ffi::CString::new(url).unwrap(),
        std::ffi::CString::new(authorization).unwrap(),
    );
    let mut options = std::ptr::null_mut();
    let mut verified = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the calls, the callback matches
    // `oauth1_secret_lookup_fn` and `script` outlives the call; each handle is freed once.
    unsafe {
        assert_eq!(
            crate::verify::oauth1_verify_options_new(&mut options),
            OAUTH1_OK
        );
        assert_eq!(
            crate::verify::oauth1_verify_options_set_now(options, now),
            OAUTH1_OK
        );
        let rc = crate::verify::oauth1_verify(
            c"GET".as_ptr(),
            url.as_ptr(),
            auth.as_ptr(),
            std::ptr::null(),
            0,
            std::ptr::null(),
            Some(script_lookup),
            std::ptr::from_mut(script).cast(),
            options,
            &mut verified,
        );
        crate::verify::oauth1_verified_free(verified);
        crate::verify::oauth1_verify_options_free(options);
        rc
    }
}

/// Issue 13: a lookup that answers the consumer question without looking at the token
/// no longer lets a token-less request through; allowing two-legged requests is the
/// lookup's explicit answer, valid for the consumer question only.
#[test]
fn token_less_requests_need_the_lookup_to_allow_them() {
    let now = 1_700_000_000;
    let request = Request::new("GET", URL).nonce("n0nce").timestamp(now);
    let consumer_only = Signer::builder("app-key", "app-secret").build().unwrap();
    let token_less = consumer_only.sign(&request).unwrap();

    let mut script = LookupScript {
        ignore_token: true,
        ..LookupScript::default()
    };
    let now = i64::try_from(now).unwrap();
    assert_eq!(
        c_verify(URL, token_less.authorization(), &mut script, now),
        OAUTH1_ERR_PARAMETER_ABSENT
    );
    assert_eq!(
        script.calls,
        vec![(true, None)],
        "only the consumer question"
    );

    let mut script = LookupScript {
        allow_two_legged: true,
        ..LookupScript::default()
    };
    assert_eq!(
        c_verify(URL, token_less.authorization(), &mut script, now),
        OAUTH1_OK
    );
    assert_eq!(script.calls, vec![(true, Some(OAUTH1_OK))]);

    // With a token, both questions; allowing two-legged requests while answering the
    // token question is refused.
    let with_token = Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .build()
        .unwrap()
        .sign(&request)
        .unwrap();
    let mut script = LookupScript {
        allow_two_legged: true,
        ..LookupScript::default()
    };
    assert_eq!(
        c_verify(URL, with_token.authorization(), &mut script, now),
        OAUTH1_OK
    );
    assert_eq!(
        script.calls,
        vec![
            (true, Some(OAUTH1_OK)),
            (false, Some(OAUTH1_ERR_NOT_AVAILABLE))
        ]
    );
}

/// Values the core judges get the core's codes, and a refused change leaves the
/// options as they were.
#[test]
fn option_values_get_the_cores_codes() {
    use crate::verify::*;
    let mut options = std::ptr::null_mut();
    let mut store = std::ptr::null_mut();
    // SAFETY: valid pointers throughout; each handle is freed once.
    unsafe {
        assert_eq!(oauth1_verify_options_new(&mut options), OAUTH1_OK);
        for empty in [c"", c" , ", c","] {
            assert_eq!(
                oauth1_verify_options_set_signature_methods(options, empty.as_ptr()),
                OAUTH1_ERR_INVALID_OPTION
            );
        }
        assert_eq!(
            oauth1_verify_options_set_now(options, -1),
            OAUTH1_ERR_INVALID_TIMESTAMP
        );
        assert_eq!(
            oauth1_verify_options_set_now(options, i64::MIN),
            OAUTH1_ERR_INVALID_TIMESTAMP
        );
        oauth1_verify_options_free(options);

        assert_eq!(
            oauth1_nonce_store_new(0, 300, &mut store),
            OAUTH1_ERR_INVALID_OPTION
        );
        assert_eq!(
            oauth1_nonce_store_new(10, 0, &mut store),
            OAUTH1_ERR_INVALID_OPTION
        );
        assert!(store.is_null(), "written only on success");
        assert_eq!(oauth1_nonce_store_new(10, 300, &mut store), OAUTH1_OK);
        let (mut capacity, mut evicted) = (0usize, 7u64);
        assert_eq!(oauth1_nonce_store_capacity(store, &mut capacity), OAUTH1_OK);
        assert_eq!(oauth1_nonce_store_evicted(store, &mut evicted), OAUTH1_OK);
        assert_eq!((capacity, evicted), (10, 0));
        oauth1_nonce_store_free(store);

        let mut offset = 7i64;
        assert_eq!(
            crate::problem::oauth1_clock_offset_from_problem(
                c"oauth_acceptable_timestamps=\"100-200\"".as_ptr(),
                -1,
                &mut offset
            ),
            OAUTH1_ERR_INVALID_TIMESTAMP
        );
        assert_eq!(offset, 7);
    }
    for placement in [3, 0xffff_ffff] {
        assert_eq!(placement_from_c(placement), Err(OAUTH1_ERR_INVALID_OPTION));
    }
}

/// A negative timestamp through the signed `int64_t` argument is refused, never
/// wrapped into a huge unsigned one.
#[test]
fn negative_timestamps_are_invalid() {
    let signer = oauth1_signer {
        inner: Signer::builder("app-key", "app-secret").build().unwrap(),
    };
    let url = std::ffi::CString::new(URL).unwrap();
    let mut out = std::ptr::null_mut();
    let (mut buf, mut needed) = ([0 as c_char; 16], 0usize);
    for timestamp in [-1, i64::MIN, 0] {
        // SAFETY: every pointer is valid for the calls.
        let (rc, rc_into) = unsafe {
            (
                oauth1_signer_sign_with(
                    &signer,
                    c"GET".as_ptr(),
                    url.as_ptr(),
                    std::ptr::null(),
                    0,
                    std::ptr::null(),
                    c"n".as_ptr(),
                    timestamp,
                    &mut out,
                ),
                oauth1_signer_sign_with_into(
                    &signer,
                    c"GET".as_ptr(),
                    url.as_ptr(),
                    std::ptr::null(),
                    0,
                    std::ptr::null(),
                    c"n".as_ptr(),
                    timestamp,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut needed,
                ),
            )
        };
        assert_eq!(
            (rc, rc_into),
            (OAUTH1_ERR_INVALID_TIMESTAMP, OAUTH1_ERR_INVALID_TIMESTAMP)
        );
        assert!(out.is_null());
        assert_eq!(needed, 0);
    }
}

/// `OAUTH1_ERR_INVALID_ARGUMENT` keeps one meaning: an integer the C API cannot take
/// (a length above `SSIZE_MAX`, in `args.rs`). Every value the core judges gets the
/// core's code, so no other module may hand it out.
#[test]
fn invalid_argument_is_only_for_lengths_the_c_api_cannot_take() {
    let sources = [
        ("credentials.rs", include_str!("credentials.rs")),
        ("header.rs", include_str!("header.rs")),
        ("lib.rs", include_str!("lib.rs")),
        ("output.rs", include_str!("output.rs")),
        ("panic.rs", include_str!("panic.rs")),
        ("problem.rs", include_str!("problem.rs")),
        ("rejection.rs", include_str!("rejection.rs")),
        ("signed.rs", include_str!("signed.rs")),
        ("signer.rs", include_str!("signer.rs")),
        ("verify.rs", include_str!("verify.rs")),
    ];
    for (name, text) in sources {
        assert!(
            !text.contains("OAUTH1_ERR_INVALID_ARGUMENT"),
            "{name} hands out OAUTH1_ERR_INVALID_ARGUMENT"
        );
    }
    let args = include_str!("args.rs");
    assert_eq!(args.matches("OAUTH1_ERR_INVALID_ARGUMENT").count(), 1);
    assert!(args.contains("isize::try_from(len).is_err()"));
}
