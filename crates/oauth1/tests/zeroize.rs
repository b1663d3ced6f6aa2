//! Secrets are zeroed when dropped: this test binary's global allocator scans every
//! heap block as it is freed (or moved by a reallocation) and counts those that still
//! hold a secret. Building a signer, signing, explaining, verifying and dropping it all
//! must free no block with a secret in it, in its raw or percent-encoded form.
//!
//! The core has no `unsafe`; the allocator below is test-only code, which is what it
//! takes to look at freed memory at all. PLAINTEXT is left out on purpose: its
//! signature *is* the encoded key (RFC 5849 section 3.4.4), so the signed header, like
//! any wire data, holds it by design.

#![allow(unsafe_code)] // a scanning global allocator: the only way to observe freed memory
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{Credentials, ReceivedRequest, Request, SignatureMethod, Signer, VerifyOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Unreserved characters only, so the percent-encoded form (in the HMAC key
/// `enc(consumer secret)&enc(token secret)`) contains it verbatim too.
const CONSUMER_SECRET: &str = "zQ7-consumer-SECRET-d41d8cd98f00b204e9800998ecf8427e";
const TOKEN_SECRET: &str = "zQ7-token-SECRET-9e107d9d372bb6826bd81d3542a419d6";
const MARKERS: [&[u8]; 2] = [b"consumer-SECRET-d41d8cd98f", b"token-SECRET-9e107d9d372b"];

struct Scanning;

static ARMED: AtomicBool = AtomicBool::new(false);
static FOUND: AtomicUsize = AtomicUsize::new(0);

fn holds_secret(block: &[u8]) -> bool {
    MARKERS
        .iter()
        .any(|m| block.windows(m.len()).any(|w| w == *m))
}

// SAFETY: every call is forwarded to the system allocator unchanged; `dealloc` only
// reads the `layout.size()` bytes of the block it is about to free, which are
// allocated (their contents may be uninitialised padding, read as bytes, which is
// what a memory scanner does; the test never relies on their values beyond matching).
unsafe impl GlobalAlloc for Scanning {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.load(Ordering::SeqCst) {
            // SAFETY: `ptr` is a live block of `layout.size()` bytes until freed below.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if holds_secret(block) {
                FOUND.fetch_add(1, Ordering::SeqCst);
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
    // `realloc` keeps its default: alloc, copy, then `dealloc` of the old block, so
    // a secret left behind by growing a buffer is caught too.
}

#[global_allocator]
static ALLOCATOR: Scanning = Scanning;

/// The test harness runs tests on several threads; the counter is global.
static SERIAL: Mutex<()> = Mutex::new(());

/// Runs `work` with the scanner armed and returns how many freed blocks held a secret.
fn freed_with_secrets(work: impl FnOnce()) -> usize {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    FOUND.store(0, Ordering::SeqCst);
    ARMED.store(true, Ordering::SeqCst);
    work();
    ARMED.store(false, Ordering::SeqCst);
    FOUND.load(Ordering::SeqCst)
}

#[test]
fn the_scanner_sees_a_secret_left_in_freed_memory() {
    // A plain String is not zeroed: the scanner must notice it, or the test below
    // proves nothing.
    let found = freed_with_secrets(|| {
        let copy = String::from(CONSUMER_SECRET);
        std::hint::black_box(&copy);
    });
    assert_eq!(found, 1);
}

#[test]
fn secrets_are_zeroed_when_dropped() {
    for method in [
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha256,
        SignatureMethod::HmacSha512,
    ] {
        let found = freed_with_secrets(|| {
            let credentials = Credentials {
                consumer_key: "ck".into(),
                consumer_secret: CONSUMER_SECRET.into(),
                token: Some("tk".into()),
                token_secret: Some(TOKEN_SECRET.into()),
            };
            let signer = Signer::from_credentials(credentials.clone())
                .signature_method(method)
                .build()
                .unwrap();
            let copy = signer.clone();
            let request = Request::new("POST", "https://api.example.com/r?a=1")
                .body(b"b=2", Some("application/x-www-form-urlencoded"))
                .nonce("n")
                .timestamp(1_700_000_000);
            let signed = copy.sign(&request).unwrap();
            let explained = signer.explain(&request).unwrap();
            let debug = format!("{signer:?} {credentials:?} {signed:?} {explained:?}");
            assert!(!holds_secret(debug.as_bytes()));
            let received = ReceivedRequest::new("POST", "https://api.example.com/r?a=1")
                .authorization(signed.authorization())
                .body(b"b=2", Some("application/x-www-form-urlencoded"));
            let options = VerifyOptions::default().now(1_700_000_000);
            oauth1::verify(&received, &credentials, &options).unwrap();
            let mut wrong = credentials.clone();
            wrong.token_secret = Some("other".into());
            oauth1::verify(&received, &wrong, &options).unwrap_err();
            drop((signer, copy, signed, explained, credentials, wrong));
        });
        assert_eq!(
            found, 0,
            "{method:?}: {found} freed heap blocks still held a secret"
        );
    }
}
