//! Fuzz target: see `checks::verify_mutated`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::verify_mutated(data));
