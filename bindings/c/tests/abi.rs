//! The C ABI's numbers, read from the committed `include/oauth1.h` (which
//! `tests/header.rs` keeps fresh): the result codes never change, the codes of the
//! core carry the core's numbers and names, and the placement constants are the
//! core's placements. Also a rule about the sources: one code, one meaning.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1_core::{ERROR_KINDS, Placement};
use std::collections::HashMap;
use std::path::Path;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `NAME = NUMBER,` line of the header's `oauth1_result` enum, and every
/// `#define NAME NUMBER`.
fn header_numbers() -> (HashMap<String, u32>, HashMap<String, u32>) {
    let header = std::fs::read_to_string(crate_dir().join("../../include/oauth1.h"))
        .expect("read include/oauth1.h");
    let (mut results, mut defines) = (HashMap::new(), HashMap::new());
    for line in header.lines() {
        let line = line.trim();
        if let Some((name, number)) = line.strip_suffix(',').and_then(|l| l.split_once(" = ")) {
            if name.starts_with("OAUTH1_") {
                let previous = results.insert(name.to_owned(), number.parse().unwrap());
                assert!(previous.is_none(), "{name} twice");
            }
        } else if let Some((name, number)) = line
            .strip_prefix("#define OAUTH1_")
            .and_then(|rest| rest.split_once(' '))
        {
            defines.insert(format!("OAUTH1_{name}"), number.parse().unwrap());
        }
    }
    (results, defines)
}

/// The published numbers. Changing one breaks every C program compiled against an
/// older header: add new codes, never renumber or reuse one.
#[test]
fn result_codes_are_stable() {
    let expected = [
        ("OAUTH1_OK", 0),
        ("OAUTH1_ERR_NULL_PARAMETER", 1),
        ("OAUTH1_ERR_INVALID_UTF8", 2),
        ("OAUTH1_ERR_BUFFER_TOO_SMALL", 3),
        ("OAUTH1_ERR_PANIC", 4),
        ("OAUTH1_ERR_OUT_OF_MEMORY", 5),
        ("OAUTH1_ERR_INVALID_ARGUMENT", 6),
        ("OAUTH1_ERR_INDEX_OUT_OF_RANGE", 7),
        ("OAUTH1_ERR_NOT_AVAILABLE", 8),
        ("OAUTH1_ERR_IO", 9),
        ("OAUTH1_ERR_INVALID_URL", 100),
        ("OAUTH1_ERR_UNSUPPORTED_SCHEME", 101),
        ("OAUTH1_ERR_INVALID_METHOD", 102),
        ("OAUTH1_ERR_INVALID_CREDENTIALS", 103),
        ("OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD", 104),
        ("OAUTH1_ERR_INVALID_TIMESTAMP", 105),
        ("OAUTH1_ERR_INVALID_NONCE", 106),
        ("OAUTH1_ERR_INVALID_OPTION", 107),
        ("OAUTH1_ERR_DUPLICATE_PARAMETER", 108),
        ("OAUTH1_ERR_MALFORMED_HEADER", 109),
        ("OAUTH1_ERR_CREDENTIALS_SOURCE", 110),
        ("OAUTH1_ERR_KEY_PASSWORD", 111),
        ("OAUTH1_ERR_KEY_TYPE", 112),
        ("OAUTH1_ERR_KEY_UNREADABLE", 113),
        ("OAUTH1_ERR_KEY_TOO_SHORT", 114),
        ("OAUTH1_ERR_NONCE_STORE_UNAVAILABLE", 115),
        ("OAUTH1_ERR_PROVIDER_ERROR", 116),
        ("OAUTH1_ERR_RESPONSE_INVALID", 117),
        ("OAUTH1_ERR_CALLBACK_UNCONFIRMED", 118),
        ("OAUTH1_ERR_TOKEN_MISMATCH", 119),
        ("OAUTH1_ERR_UNKNOWN_PROVIDER", 120),
        ("OAUTH1_ERR_UNKNOWN_ERROR", 199),
        ("OAUTH1_ERR_VERSION_REJECTED", 200),
        ("OAUTH1_ERR_PARAMETER_ABSENT", 201),
        ("OAUTH1_ERR_PARAMETER_REJECTED", 202),
        ("OAUTH1_ERR_TIMESTAMP_REFUSED", 203),
        ("OAUTH1_ERR_NONCE_USED", 204),
        ("OAUTH1_ERR_SIGNATURE_METHOD_REJECTED", 205),
        ("OAUTH1_ERR_SIGNATURE_INVALID", 206),
        ("OAUTH1_ERR_CONSUMER_KEY_UNKNOWN", 207),
        ("OAUTH1_ERR_TOKEN_REJECTED", 208),
        ("OAUTH1_ERR_REJECTED_OTHER", 299),
    ];
    let (results, defines) = header_numbers();
    // The key loaders' flag, part of the ABI as well.
    assert_eq!(defines.get("OAUTH1_KEY_ALLOW_SHORT"), Some(&1));
    for (name, number) in expected {
        assert_eq!(results.get(name), Some(&number), "{name}");
    }
    assert_eq!(
        results.len(),
        expected.len(),
        "a code this test does not list"
    );
    let mut numbers: Vec<u32> = results.values().copied().collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), results.len(), "two codes share a number");
}

/// Each kind of the core's error table is `OAUTH1_ERR_` + its code in capitals, with
/// the core's number (`oauth1_result_name()` and `_message()` are tested in
/// `src/error.rs`).
#[test]
fn core_codes_carry_the_cores_numbers() {
    let (results, _) = header_numbers();
    for kind in &ERROR_KINDS {
        let name = format!("OAUTH1_ERR_{}", kind.code.to_ascii_uppercase());
        assert_eq!(results.get(&name), Some(&kind.c_result), "{name}");
    }
}

/// `OAUTH1_PLACEMENT_X` is the index of placement `x` in the core's list.
#[test]
fn placement_constants_are_the_cores_placements() {
    let (_, defines) = header_numbers();
    for (index, placement) in Placement::ALL.into_iter().enumerate() {
        let name = format!(
            "OAUTH1_PLACEMENT_{}",
            placement.as_str().to_ascii_uppercase()
        );
        assert_eq!(defines.get(&name), Some(&(index as u32)), "{name}");
    }
    let count = defines
        .keys()
        .filter(|k| k.starts_with("OAUTH1_PLACEMENT_"))
        .count();
    assert_eq!(count, Placement::ALL.len());
}

/// `OAUTH1_ERR_INVALID_ARGUMENT` keeps one meaning: an integer the C API cannot take
/// (a length above `SSIZE_MAX`, in `args.rs`). Every value the core judges gets the
/// core's code, so no other module may hand it out.
#[test]
fn invalid_argument_is_only_for_lengths_the_c_api_cannot_take() {
    let src = crate_dir().join("src");
    let mut checked = 0;
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let uses = text.matches("OAUTH1_ERR_INVALID_ARGUMENT").count();
        match name.as_str() {
            "args.rs" => {
                assert_eq!(uses, 1, "args.rs");
                assert!(text.contains("isize::try_from(len).is_err()"));
            }
            // The enum, the table of names and the table's test.
            "error.rs" => assert_eq!(uses, 2, "error.rs"),
            _ => assert_eq!(uses, 0, "{name} hands out OAUTH1_ERR_INVALID_ARGUMENT"),
        }
        checked += 1;
    }
    assert!(checked >= 10, "the sources were not found");
}
