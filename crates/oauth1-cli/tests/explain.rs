//! `oauth1 sign --explain`: every step is shown, and no secret is.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{env_credentials, json_of, run};

const KEY: &str = "key-explain";
const SECRET: &str = "CSECRET-expl-7d3e";
const TOKEN: &str = "token-explain";
const TOKEN_SECRET: &str = "TSECRET-expl-1c8f";

fn explain_and_json(extra: &[&str]) -> (String, serde_json::Value) {
    let env = env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET);
    let mut fixed = vec!["--nonce", "fixednonce"];
    if !extra.contains(&"--timestamp") {
        fixed.extend(["--timestamp", "1700000000"]);
    }
    let mut args = vec!["sign", "--explain"];
    args.extend(&fixed);
    args.extend(extra);
    let explained = run(&args, &env);
    assert_eq!(explained.code, 0, "{}", explained.stderr);
    for secret in [SECRET, TOKEN_SECRET] {
        assert!(
            !explained.all_output().contains(secret),
            "a secret leaked:\n{}",
            explained.all_output()
        );
    }
    let mut args = vec!["sign", "--format", "json"];
    args.extend(fixed);
    args.extend(extra);
    (explained.stdout, json_of(&run(&args, &env)))
}

#[test]
fn shows_uri_changes_parameters_base_string_masked_key_signature_and_warnings() {
    let (text, json) = explain_and_json(&[
        "-X",
        "post",
        "--data",
        "c2&a3=2+q",
        "HTTPS://Example.COM:443/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
    ]);
    let base_string = json["base_string"].as_str().unwrap();
    assert!(
        text.contains(base_string),
        "the base string is missing:\n{text}"
    );
    assert!(text.contains(json["signature"].as_str().unwrap()), "{text}");
    assert!(
        text.contains(json["authorization"].as_str().unwrap()),
        "{text}"
    );
    assert!(text.contains("https://example.com/request"), "{text}");
    for change in [
        "scheme was lower-cased",
        "host was lower-cased",
        "default port 443 was dropped",
    ] {
        assert!(text.contains(change), "{change:?} missing:\n{text}");
    }
    assert!(text.contains("<consumer secret>&<token secret>"), "{text}");
    assert!(
        text.contains("- the URL names the default port 443"),
        "{text}"
    );

    // The table: one row per parameter, sorted, with source, raw and encoded forms.
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip_while(|l| !l.starts_with("2. Parameters"))
        .skip(2)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 12, "one row per parameter:\n{text}");
    let encoded: Vec<&str> = rows.iter().map(|r| *r.last().unwrap()).collect();
    let normalised = format!(
        "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key={KEY}&oauth_nonce=fixednonce&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_token={TOKEN}&oauth_version=1.0"
    );
    assert_eq!(encoded.join("&"), normalised, "table rows:\n{text}");
    assert!(text.contains(&normalised), "{text}");
    let a2 = rows.iter().find(|r| r[1] == "a2").expect("a2 row");
    assert_eq!(a2, &vec!["query", "a2", "r", "b", "a2=r%20b"]);
    let c2 = rows.iter().find(|r| r[1] == "c2").expect("c2 row");
    assert_eq!(c2[0], "body");
    let b5 = rows.iter().find(|r| r[1] == "b5").expect("b5 row");
    assert_eq!(b5[2], "=%3D", "raw form is decoded once");
}

#[test]
fn names_classic_mistakes() {
    let (text, _) = explain_and_json(&[
        "--data",
        "{\"a\":1}",
        "--timestamp",
        "1700000000000",
        "https://api.example.com:443/x?q=a+b",
    ]);
    for warning in [
        "looks like JSON",
        "'+'",
        "milliseconds",
        "default port 443",
        "the default for --data",
    ] {
        assert!(text.contains(warning), "{warning:?} missing:\n{text}");
    }
}

#[test]
fn warns_of_a_token_without_its_secret() {
    let r = run(
        &[
            "sign",
            "--explain",
            "--token",
            "t",
            "https://api.example.com/",
        ],
        &[
            ("OAUTH1_CONSUMER_KEY", KEY),
            ("OAUTH1_CONSUMER_SECRET", SECRET),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("token is set without a token secret"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("<consumer secret>&\n") || r.stdout.contains("<consumer secret>&  "),
        "{}",
        r.stdout
    );
    assert!(!r.all_output().contains(SECRET));
}

#[test]
fn plaintext_masks_the_signature_and_the_header() {
    let (text, json) = explain_and_json(&[
        "--signature-method",
        "PLAINTEXT",
        "https://api.example.com/",
    ]);
    // The PLAINTEXT signature is the key itself; explain_and_json already checked
    // that neither secret appears.
    assert!(
        json["signature"].as_str().unwrap().contains(SECRET),
        "the JSON output carries it by design"
    );
    assert!(text.contains("masked"), "{text}");
    assert!(
        text.contains(json["base_string"].as_str().unwrap()),
        "{text}"
    );
}

#[test]
fn control_characters_in_values_stay_on_their_row() {
    let (text, _) = explain_and_json(&["https://api.example.com/?note=two%0Alines"]);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("query"))
        .expect("the query row");
    assert!(
        row.contains("two\\nlines") && row.contains("note=two%0Alines"),
        "{row}"
    );
}
