//! Signs the typical LivePerson request (fixed nonce and timestamp) a given number of
//! times and nothing else: the program `bench/instructions` counts instructions in.
//!
//! `cargo run --release -p oauth1-core --example sign_loop -- 10000`

use oauth1::{Request, Signer};
use std::hint::black_box;

const URL: &str = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: u32 = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "10000".into())
        .parse()?;
    let signer = Signer::builder("app-key", "app-secret")
        .token("access-token", "access-token-secret")
        .build()?;
    let request = Request::new("GET", URL)
        .nonce("abcdef0123456789abcdef0123456789")
        .timestamp(1_700_000_000);
    for _ in 0..count {
        black_box(signer.sign(black_box(&request))?);
    }
    Ok(())
}
