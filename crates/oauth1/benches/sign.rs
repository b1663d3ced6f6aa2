//! Signing the typical LivePerson request, next to the floor of raw HMAC-SHA1 + base64
//! of the same base string, and the heap allocations one signature makes.
//!
//! `cargo bench -p oauth1-core` prints criterion's figures and then a side-by-side summary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use base64::Engine as _;
use criterion::Criterion;
use hmac::{Hmac, KeyInit, Mac};
use oauth1::{Request, Signer};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::hint::black_box;
use std::time::Instant;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const URL: &str = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all";
const NONCE: &str = "abcdef0123456789abcdef0123456789";
const TIMESTAMP: u64 = 1_700_000_000;

fn signer() -> Signer {
    Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .build()
        .expect("valid credentials")
}

/// What any implementation must at least do: key an HMAC-SHA1, hash the base string,
/// base64 the tag.
fn floor(key: &[u8], base_string: &[u8]) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("any key length");
    mac.update(base_string);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn median_ns(mut f: impl FnMut()) -> f64 {
    const ROUNDS: usize = 15;
    const ITERS: u32 = 20_000;
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..ITERS {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(ITERS)
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[ROUNDS / 2]
}

fn main() {
    let signer = signer();
    let request = Request::new("GET", URL).nonce(NONCE).timestamp(TIMESTAMP);
    let signed = signer.sign(&request).expect("signs");
    let base_string = signed.base_string().to_owned();
    let key = b"app-secret&access-token-secret";
    assert_eq!(
        floor(key, base_string.as_bytes()),
        signed.signature(),
        "floor and sign disagree"
    );

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("floor: HMAC-SHA1 + base64 of the base string", |b| {
        b.iter(|| floor(black_box(key), black_box(base_string.as_bytes())))
    });
    c.bench_function("sign: typical LivePerson GET, header placement", |b| {
        b.iter(|| signer.sign(black_box(&request)))
    });
    c.bench_function("sign: random nonce and clock", |b| {
        b.iter(|| signer.sign(black_box(&Request::new("GET", URL))))
    });
    c.final_summary();

    let region = Region::new(GLOBAL);
    let signed = signer.sign(&request).expect("signs");
    let allocations = region.change().allocations;
    drop(signed);

    let floor_ns = median_ns(|| {
        black_box(floor(black_box(key), black_box(base_string.as_bytes())));
    });
    let sign_ns = median_ns(|| {
        black_box(signer.sign(black_box(&request)).ok());
    });
    println!();
    println!("summary (median of 15 rounds of 20,000)");
    println!("  floor  HMAC-SHA1+base64   {:>7.3} µs", floor_ns / 1000.0);
    println!(
        "  sign   full, header        {:>7.3} µs   {:.2}x the floor",
        sign_ns / 1000.0,
        sign_ns / floor_ns
    );
    println!("  heap allocations per sign: {allocations}");
}
