//! How signing cost grows with the request: form bodies, query pairs and URL length
//! from small to very large, printed as µs per sign and µs per KB so that linear growth
//! (n log n for the sort) is visible. Run with `cargo bench -p oauth1-core --bench scale`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark may stop at the first failure

use oauth1::{Request, Signer};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn time_per_call(mut f: impl FnMut()) -> Duration {
    // Enough calls for about 200 ms, the fastest of three rounds.
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(100));
    let calls = (Duration::from_millis(200).as_nanos() / once.as_nanos()).clamp(1, 100_000) as u32;
    (0..3)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                f();
            }
            start.elapsed() / calls
        })
        .min()
        .unwrap()
}

fn report(kind: &str, size_label: &str, bytes: usize, per_call: Duration) {
    let us = per_call.as_secs_f64() * 1e6;
    let kb = bytes as f64 / 1024.0;
    println!(
        "{kind:<22} {size_label:>12} {kb:>12.1} KB {us:>14.2} µs {:>10.3} µs/KB",
        us / kb
    );
}

fn main() {
    let signer = Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .build()
        .unwrap();
    let form = Some("application/x-www-form-urlencoded");
    println!(
        "{:<22} {:>12} {:>15} {:>17} {:>16}",
        "input", "size", "bytes", "per sign", "per KB"
    );

    for size in [1 << 10, 1 << 13, 1 << 16, 1 << 19, 1 << 22, 10 << 20] {
        let body: Vec<u8> = b"field=some%20value+x&"
            .iter()
            .copied()
            .cycle()
            .take(size)
            .collect();
        let t = time_per_call(|| {
            black_box(
                signer
                    .sign(
                        &Request::new("POST", "https://h.example/u")
                            .body(&body, form)
                            .nonce("n")
                            .timestamp(1),
                    )
                    .unwrap(),
            );
        });
        report("form body", &format!("{size} B"), size, t);
    }
    for pairs in [10, 100, 1_000, 10_000, 100_000] {
        let query: Vec<String> = (0..pairs).map(|i| format!("k{}={i}", i % 977)).collect();
        let url = format!("https://h.example/q?{}", query.join("&"));
        let t = time_per_call(|| {
            black_box(
                signer
                    .sign(&Request::new("GET", &url).nonce("n").timestamp(1))
                    .unwrap(),
            );
        });
        report("query pairs", &format!("{pairs} pairs"), url.len(), t);
    }
    for size in [1 << 10, 1 << 14, 1 << 17, 1 << 20] {
        let url = format!("https://h.example/{}", "seg/".repeat(size / 4));
        let t = time_per_call(|| {
            black_box(
                signer
                    .sign(&Request::new("GET", &url).nonce("n").timestamp(1))
                    .unwrap(),
            );
        });
        report("URL path", &format!("{size} B"), url.len(), t);
    }
    let body: Vec<u8> = vec![b'x'; 1 << 20];
    let hashing = Signer::builder("k", "s").body_hash(true).build().unwrap();
    let t = time_per_call(|| {
        black_box(
            hashing
                .sign(
                    &Request::new("PUT", "https://h.example/b")
                        .body(&body, Some("application/octet-stream"))
                        .nonce("n")
                        .timestamp(1),
                )
                .unwrap(),
        );
    });
    report("body hash (SHA-1)", "1048576 B", body.len(), t);
}
