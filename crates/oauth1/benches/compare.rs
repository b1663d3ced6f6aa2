//! The Rust side of the project-wide benchmark (`make bench`, `bench/run`): the core's
//! `Signer::sign` and the floor (raw HMAC-SHA1 + base64 of the same base string) on the
//! typical LivePerson request, and how both grow with query parameters and with bodies
//! signed with `oauth_body_hash`. Prints one JSON document on stdout; the orchestrator
//! checks the signatures against every other entry point and writes BENCHMARKS.md.
//!
//! `cargo bench -p oauth1-core --bench compare -- [--rounds N] [--growth-rounds N] [--round-ms MS]`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark may stop at the first failure

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use oauth1::{Request, Signer};
use serde_json::{Value, json};
use sha1::Digest as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

const URL: &str = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all";
const BASE: &str = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity";
const NONCE: &str = "abcdef0123456789abcdef0123456789";
const TIMESTAMP: u64 = 1_700_000_000;
const KEY: &[u8] = b"app-secret&access-token-secret";
const QUERY_SIZES: [usize; 4] = [1, 10, 100, 1_000];
const BODY_SIZES: [usize; 4] = [0, 1 << 10, 1 << 16, 1 << 20];
const BODY_TYPE: &str = "application/json";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The floor: key an HMAC-SHA1, hash the base string, base64 the tag.
fn floor(base_string: &[u8]) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(KEY).expect("any key length");
    mac.update(base_string);
    b64(&mac.finalize().into_bytes())
}

/// The floor of a body-hashed request: also SHA-1 and base64 the body.
fn floor_with_body(base_string: &[u8], body: &[u8]) -> String {
    black_box(b64(&sha1::Sha1::digest(body)));
    floor(base_string)
}

fn query_url(n: usize) -> String {
    let pairs: Vec<String> = (0..n).map(|i| format!("p{i}=v{i}")).collect();
    format!("{BASE}?{}", pairs.join("&"))
}

fn body(n: usize) -> Vec<u8> {
    b"{\"id\":12345678}\n"
        .iter()
        .copied()
        .cycle()
        .take(n)
        .collect()
}

/// Calls per round so that one round takes about `round`.
fn calibrate(f: &mut dyn FnMut(), round: Duration) -> u64 {
    let mut n: u64 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        let elapsed = start.elapsed();
        if elapsed >= round / 8 || n >= 1 << 30 {
            let per = elapsed.as_secs_f64() / n as f64;
            return ((round.as_secs_f64() / per) as u64).max(1);
        }
        n *= 2;
    }
}

/// The calling thread's CPU time: on a machine shared with other work, a round's CPU
/// time is what it would have taken alone, while its wall time also holds the time the
/// thread waited for a core. Where the platform has no thread clock, the wall clock
/// stands in.
fn cpu_ns() -> Option<u128> {
    cpu_time::ThreadTime::try_now()
        .ok()
        .map(|t| t.as_duration().as_nanos())
}

/// µs per call in each round: CPU time (the wall time where there is none) and wall.
struct Timing {
    cpu: Vec<f64>,
    wall: Vec<f64>,
}

/// Times `rounds` rounds, the variants taking turns in every round so that a burst of
/// load from elsewhere hits all of them alike.
fn measure(fs: &mut [&mut dyn FnMut()], rounds: usize, round: Duration) -> Vec<Timing> {
    let calls: Vec<u64> = fs.iter_mut().map(|f| calibrate(*f, round)).collect();
    let mut out: Vec<Timing> = (0..fs.len())
        .map(|_| Timing {
            cpu: Vec::with_capacity(rounds),
            wall: Vec::with_capacity(rounds),
        })
        .collect();
    for _ in 0..rounds {
        for (i, f) in fs.iter_mut().enumerate() {
            let cpu = cpu_ns();
            let start = Instant::now();
            for _ in 0..calls[i] {
                f();
            }
            let wall = start.elapsed().as_secs_f64() * 1e6 / calls[i] as f64;
            let cpu = match (cpu, cpu_ns()) {
                (Some(a), Some(b)) => (b - a) as f64 / 1e3 / calls[i] as f64,
                _ => wall,
            };
            out[i].cpu.push(cpu);
            out[i].wall.push(wall);
        }
    }
    out
}

fn entry(id: &str, case: Option<&str>, signature: &str, t: &Timing) -> Value {
    let mut e = json!({"id": id, "signature": signature, "rounds_us": t.cpu, "wall_us": t.wall});
    if let Some(case) = case {
        e["case"] = json!(case);
    }
    e
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |v| v.parse().expect("a number"))
}

/// RSA-SHA1 and RSA-SHA256 (RFC 5849 section 3.4.3) on the typical request with the
/// 2048-bit test key: the core's `Signer::sign` next to the bare RSA operation, OpenSSL's
/// PKCS#1 v1.5 signature of the same base string plus its base64.
fn rsa(rounds: usize, round: Duration) -> Vec<Value> {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/keys/rsa-2048.pem"
    ))
    .expect("the test key");
    let key = oauth1::RsaPrivateKey::from_bytes(&pem, &oauth1::KeyOptions::default()).expect("key");
    let bare_key = openssl::pkey::PKey::private_key_from_pem(&pem).expect("key");
    let mut out = Vec::new();
    for (method, digest, tag) in [
        (
            oauth1::SignatureMethod::RsaSha1,
            openssl::hash::MessageDigest::sha1(),
            "sha1",
        ),
        (
            oauth1::SignatureMethod::RsaSha256,
            openssl::hash::MessageDigest::sha256(),
            "sha256",
        ),
    ] {
        let signer = Signer::builder("app-key", "")
            .token("access-token", "")
            .private_key(key.clone())
            .signature_method(method)
            .build()
            .expect("valid credentials");
        let request = Request::new("GET", URL).nonce(NONCE).timestamp(TIMESTAMP);
        let signed = signer.sign(&request).expect("signs");
        let base_string = signed.base_string().to_owned();
        let bare = || {
            let mut s = openssl::sign::Signer::new(digest, &bare_key).expect("signer");
            b64(&s
                .sign_oneshot_to_vec(base_string.as_bytes())
                .expect("signs"))
        };
        let bare_signature = bare();
        assert_eq!(
            bare_signature,
            signed.signature(),
            "bare RSA and sign disagree"
        );
        let times = measure(
            &mut [
                &mut || {
                    black_box(bare());
                },
                &mut || {
                    black_box(signer.sign(black_box(&request)).ok());
                },
            ],
            rounds,
            round,
        );
        out.push(entry(
            &format!("rsa-bare-{tag}"),
            None,
            &bare_signature,
            &times[0],
        ));
        out.push(entry(
            &format!("rust-rsa-{tag}"),
            None,
            signed.signature(),
            &times[1],
        ));
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = arg(&args, "--rounds", 21) as usize;
    let growth_rounds = arg(&args, "--growth-rounds", 7) as usize;
    let round = Duration::from_millis(arg(&args, "--round-ms", 20));

    let signer = Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .build()
        .expect("valid credentials");
    let hashing = Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .body_hash(true)
        .build()
        .expect("valid credentials");

    // The typical request.
    let request = Request::new("GET", URL).nonce(NONCE).timestamp(TIMESTAMP);
    let signed = signer.sign(&request).expect("signs");
    let base_string = signed.base_string().to_owned();
    let floor_signature = floor(base_string.as_bytes());
    assert_eq!(
        floor_signature,
        signed.signature(),
        "floor and sign disagree"
    );
    let times = measure(
        &mut [
            &mut || {
                black_box(floor(black_box(base_string.as_bytes())));
            },
            &mut || {
                black_box(signer.sign(black_box(&request)).ok());
            },
        ],
        rounds,
        round,
    );
    let typical = vec![
        entry("floor", None, &floor_signature, &times[0]),
        entry("rust-core", None, signed.signature(), &times[1]),
    ];

    // Growth.
    let mut growth: Vec<Value> = Vec::new();
    let mut record = |case: String, signed: &oauth1::Signed, floor_sig: String, t: Vec<Timing>| {
        assert_eq!(floor_sig, signed.signature(), "floor and sign disagree");
        growth.push(entry("floor", Some(&case), &floor_sig, &t[0]));
        growth.push(entry("rust-core", Some(&case), signed.signature(), &t[1]));
    };
    for n in QUERY_SIZES {
        let url = query_url(n);
        let request = Request::new("GET", &url).nonce(NONCE).timestamp(TIMESTAMP);
        let signed = signer.sign(&request).expect("signs");
        let bs = signed.base_string().to_owned();
        let t = measure(
            &mut [
                &mut || {
                    black_box(floor(black_box(bs.as_bytes())));
                },
                &mut || {
                    black_box(signer.sign(black_box(&request)).ok());
                },
            ],
            growth_rounds,
            round,
        );
        record(format!("query:{n}"), &signed, floor(bs.as_bytes()), t);
    }
    for n in BODY_SIZES {
        let data = body(n);
        let request = Request::new("POST", URL)
            .body(&data, Some(BODY_TYPE))
            .nonce(NONCE)
            .timestamp(TIMESTAMP);
        let signed = hashing.sign(&request).expect("signs");
        let bs = signed.base_string().to_owned();
        let t = measure(
            &mut [
                &mut || {
                    black_box(floor_with_body(black_box(bs.as_bytes()), black_box(&data)));
                },
                &mut || {
                    black_box(hashing.sign(black_box(&request)).ok());
                },
            ],
            growth_rounds,
            round,
        );
        record(format!("body:{n}"), &signed, floor(bs.as_bytes()), t);
    }

    let doc = json!({
        "language": "Rust",
        "typical": typical,
        "growth": growth,
        "rsa": rsa(rounds, round),
        "unsupported": [],
    });
    println!("{doc}");
}
