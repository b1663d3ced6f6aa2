//! An empty consumer secret is a valid secret (RFC 5849 section 3.4.2: the key is then
//! `&` and the token secret), whichever way it is given: a flag, an environment
//! variable that is set but empty, or `""` in a credentials file (issue 13). Each
//! route signs the shared `edge-empty-consumer-secret` vector. An empty consumer key
//! is still refused (tests/errors.rs).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{assert_error, json_of, run, temp_file, workspace_root};
use serde_json::Value;

fn vector() -> Value {
    let path = workspace_root().join("tests/vectors/public.json");
    let text = std::fs::read_to_string(&path).expect("read tests/vectors/public.json");
    let v: Value = serde_json::from_str(&text).expect("vectors are JSON");
    let case = v["signing"]
        .as_array()
        .expect("a signing section")
        .iter()
        .find(|c| c["name"] == "edge-empty-consumer-secret")
        .expect("the edge-empty-consumer-secret vector")
        .clone();
    assert_eq!(case["consumer_secret"], "", "the vector's secret is empty");
    assert!(case["body"].is_null() && case["realm"].is_null());
    case
}

fn s<'v>(case: &'v Value, key: &str) -> &'v str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("the vector has no {key}"))
}

/// `oauth1 sign --format json` for the vector's request, with `credentials` (flags or
/// `--credentials FILE`) and `env`.
fn sign(case: &Value, credentials: &[&str], env: &[(&str, &str)]) -> common::Run {
    let timestamp = case["timestamp"].as_u64().expect("timestamp").to_string();
    let mut args = vec![
        "sign",
        "--format",
        "json",
        "-X",
        s(case, "method"),
        "--signature-method",
        s(case, "signature_method"),
        "--nonce",
        s(case, "nonce"),
        "--timestamp",
        &timestamp,
    ];
    args.extend(credentials);
    args.push(s(case, "url"));
    run(&args, env)
}

fn assert_signs_the_vector(case: &Value, r: &common::Run, route: &str) {
    let got = json_of(r);
    for field in ["base_string", "signature", "authorization", "params"] {
        assert_eq!(got[field], case["expected"][field], "{route}: {field}");
    }
}

#[test]
fn by_flag() {
    let case = vector();
    let r = sign(
        &case,
        &[
            "--consumer-key",
            s(&case, "consumer_key"),
            "--consumer-secret",
            "",
            "--token",
            s(&case, "token"),
        ],
        &[("OAUTH1_TOKEN_SECRET", s(&case, "token_secret"))],
    );
    assert_signs_the_vector(&case, &r, "flag");
    // An empty secret is nothing to hide: no warning about `ps`.
    assert!(r.stderr.is_empty(), "{}", r.stderr);

    // Given, it wins over a secret from the environment like any other value.
    let r = sign(
        &case,
        &["--consumer-secret", ""],
        &[
            ("OAUTH1_CONSUMER_KEY", s(&case, "consumer_key")),
            ("OAUTH1_CONSUMER_SECRET", "not-the-secret"),
            ("OAUTH1_TOKEN", s(&case, "token")),
            ("OAUTH1_TOKEN_SECRET", s(&case, "token_secret")),
        ],
    );
    assert_signs_the_vector(&case, &r, "flag over environment");
}

#[test]
fn by_a_variable_that_is_set_but_empty() {
    let case = vector();
    let mut env = vec![
        ("OAUTH1_CONSUMER_KEY", s(&case, "consumer_key")),
        ("OAUTH1_CONSUMER_SECRET", ""),
        ("OAUTH1_TOKEN", s(&case, "token")),
        ("OAUTH1_TOKEN_SECRET", s(&case, "token_secret")),
    ];
    let r = sign(&case, &[], &env);
    assert_signs_the_vector(&case, &r, "environment");
    assert!(r.stderr.is_empty(), "{}", r.stderr);

    // Unset is still missing.
    env.retain(|(name, _)| *name != "OAUTH1_CONSUMER_SECRET");
    let line = assert_error(&sign(&case, &[], &env), "invalid_credentials");
    assert!(line.contains("OAUTH1_CONSUMER_SECRET"), "{line}");
}

#[test]
fn by_file_under_either_name() {
    let case = vector();
    for (names, what) in [
        (
            ["consumer_key", "consumer_secret", "token", "token_secret"],
            "snake_case",
        ),
        (
            ["appKey", "secret", "accessToken", "accessTokenSecret"],
            "LivePerson",
        ),
    ] {
        let mut file = serde_json::Map::new();
        for (name, key) in
            names
                .iter()
                .zip(["consumer_key", "consumer_secret", "token", "token_secret"])
        {
            file.insert((*name).into(), case[key].clone());
        }
        let path = temp_file(
            "empty-secret.json",
            Value::Object(file).to_string().as_bytes(),
        );
        let r = sign(&case, &["--credentials", path.to_str().unwrap()], &[]);
        assert_signs_the_vector(&case, &r, what);

        // The file's empty secret wins over the environment's.
        let r = sign(
            &case,
            &["--credentials", path.to_str().unwrap()],
            &[("OAUTH1_CONSUMER_SECRET", "not-the-secret")],
        );
        assert_signs_the_vector(&case, &r, what);
    }
    // `null` is no value at all.
    let path = temp_file(
        "null-secret.json",
        br#"{"consumer_key": "k", "consumer_secret": null}"#,
    );
    let line = assert_error(
        &run(
            &[
                "sign",
                "--credentials",
                path.to_str().unwrap(),
                "https://a.example/",
            ],
            &[],
        ),
        "invalid_credentials",
    );
    assert!(line.contains("\"consumer_secret\""), "{line}");
}

#[test]
fn verify_takes_an_empty_secret_too() {
    let case = vector();
    let env = [
        ("OAUTH1_CONSUMER_KEY", s(&case, "consumer_key")),
        ("OAUTH1_CONSUMER_SECRET", ""),
        ("OAUTH1_TOKEN", s(&case, "token")),
        ("OAUTH1_TOKEN_SECRET", s(&case, "token_secret")),
    ];
    let timestamp = case["timestamp"].as_u64().unwrap().to_string();
    let authorization = s(&case["expected"], "authorization");
    let r = run(
        &[
            "verify",
            "--now",
            &timestamp,
            s(&case, "url"),
            "--authorization",
            authorization,
        ],
        &env,
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("valid: "), "{}", r.stdout);
    // With a non-empty secret the same request is refused.
    let mut other = env;
    other[1].1 = "x";
    let r = run(
        &[
            "verify",
            "--now",
            &timestamp,
            s(&case, "url"),
            "--authorization",
            authorization,
        ],
        &other,
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
}
