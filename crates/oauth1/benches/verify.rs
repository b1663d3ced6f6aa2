//! Verification cost, and the timing an attacker could observe: a signature wrong in
//! its first byte against one wrong in its last byte. The comparison is constant-time
//! (`subtle`), so the two must take the same time; the ratio is printed.
//! Run with `cargo bench -p oauth1-core --bench verify`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark may stop at the first failure

use oauth1::{ReceivedRequest, Request, Signer, VerifyOptions, verify};
use std::hint::black_box;
use std::time::Instant;

const URL: &str = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all";
const NOW: u64 = 1_700_000_000;

/// Median ns per call over `rounds` rounds, interleaving the cases so that drift in
/// the machine's speed affects them alike.
fn interleaved_medians(cases: &[&dyn Fn()], rounds: usize, calls: u32) -> Vec<f64> {
    let mut samples = vec![Vec::with_capacity(rounds); cases.len()];
    for _ in 0..rounds {
        for (case, out) in cases.iter().zip(samples.iter_mut()) {
            let start = Instant::now();
            for _ in 0..calls {
                case();
            }
            out.push(start.elapsed().as_nanos() as f64 / f64::from(calls));
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            s[s.len() / 2]
        })
        .collect()
}

fn main() {
    let signer = Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .build()
        .unwrap();
    let signed = signer
        .sign(
            &Request::new("GET", URL)
                .nonce("abcdef0123456789")
                .timestamp(NOW),
        )
        .unwrap();
    let good = signed.authorization().to_owned();
    let sig = oauth1::percent_encode(signed.signature());
    let flip = |s: &str, at: usize| {
        let mut b = s.as_bytes().to_vec();
        b[at] = if b[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(b).unwrap()
    };
    let first = good.replace(&sig, &flip(&sig, 0));
    let last_at = sig.len() - 4; // before the encoded "=" padding
    let last = good.replace(&sig, &flip(&sig, last_at));
    let options = VerifyOptions::default().now(NOW);
    let run = |header: &str, ok: bool| {
        let received = ReceivedRequest::new("GET", URL).authorization(header);
        assert_eq!(
            verify(&received, signer.credentials(), &options).is_ok(),
            ok
        );
    };
    run(&good, true);
    run(&first, false);
    run(&last, false);

    let check = |header: &str| {
        let received = ReceivedRequest::new("GET", URL).authorization(black_box(header));
        black_box(verify(&received, signer.credentials(), &options).is_ok());
    };
    let cases: [&dyn Fn(); 3] = [&|| check(&good), &|| check(&first), &|| check(&last)];
    let m = interleaved_medians(&cases, 101, 2_000);
    println!("verify (median of 101 interleaved rounds of 2,000)");
    println!("  valid signature               {:>8.3} µs", m[0] / 1000.0);
    println!("  first byte wrong              {:>8.3} µs", m[1] / 1000.0);
    println!("  last byte wrong               {:>8.3} µs", m[2] / 1000.0);
    println!(
        "  first/last mismatch ratio     {:>8.3}   (1.000 = no early exit)",
        m[1] / m[2]
    );
}
