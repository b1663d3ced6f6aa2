//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) through the same checks the fuzz
//! targets run, so every input the fuzzer kept, and every crash it found, stays a
//! regression test without a nightly toolchain.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

#[path = "../../../fuzz/checks.rs"]
mod checks;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: {} fails", path.display());
        count += 1;
    }
    assert!(count > 0, "{target}: the corpus is empty");
}

#[test]
fn sign_corpus() {
    replay("sign", checks::sign);
}

#[test]
fn header_corpus() {
    replay("header", checks::header);
}

#[test]
fn verify_corpus() {
    replay("verify", checks::verify_mutated);
}
