//! Every signing vector of `tests/vectors/public.json` through `oauth1 sign --format json`
//! (and `--format header`); a failure names the vector. Credentials and bodies arrive
//! by each route the command offers, in turn, and so does the RSA private key of the
//! RSA vectors (written to a file: `--private-key`, `"private_key_file"` in the
//! credentials file, or `OAUTH1_PRIVATE_KEY_FILE`), with no consumer secret where the
//! vector has none.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{json_of, oauth1, parse_with_shell, run_cmd, temp_file, workspace_root};
use serde_json::Value;

fn signing_vectors() -> Vec<Value> {
    let path = workspace_root().join("tests/vectors/public.json");
    let text = std::fs::read_to_string(&path).expect("read tests/vectors/public.json");
    let v: Value = serde_json::from_str(&text).expect("vectors are JSON");
    let cases = v["signing"].as_array().expect("a signing section").clone();
    assert!(cases.len() > 10, "the signing section is nearly empty");
    // The cases issue 13 added, which the command once got wrong or refused.
    for name in [
        "edge-realm-in-query-is-signed",
        "edge-realm-in-query-and-header",
        "edge-realm-in-form-body-is-signed",
        "edge-empty-consumer-secret",
        // Issue 15: the RSA methods.
        "oauth-core-1.0-rsa-sha1",
        "rsa-sha256-body-hash",
        "rsa-sha512-token-form",
    ] {
        assert!(
            cases.iter().any(|c| c["name"] == name),
            "the vector {name} is missing"
        );
    }
    cases
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Runs `oauth1 sign` for one vector with `format`; `route` picks how credentials,
/// the private key file and the body are passed (0: environment and literal body,
/// 1: credentials file and @FILE body, 2: flags and @- body from standard input).
fn sign(case: &Value, format: &str, route: usize) -> common::Run {
    let name = str_of(case, "name").expect("name");
    let known = [
        "name",
        "source",
        "method",
        "url",
        "nonce",
        "timestamp",
        "signature_method",
        "version",
        "realm",
        "callback",
        "verifier",
        "consumer_key",
        "consumer_secret",
        "token",
        "token_secret",
        "body",
        "content_type",
        "private_key",
        "allow_short_key",
        "body_hash",
        "expected",
    ];
    for key in case.as_object().expect("a vector is an object").keys() {
        assert!(
            known.contains(&key.as_str()),
            "{name}: the runner cannot pass {key} to the command yet"
        );
    }
    // A vector without a private key must have a consumer secret; an RSA one may not.
    let private_key = str_of(case, "private_key");
    assert!(
        private_key.is_some() || case["consumer_secret"].is_string(),
        "{name}: no consumer_secret"
    );
    let mut cmd = oauth1();
    cmd.args(["sign", "--format", format]);
    cmd.args(["-X", str_of(case, "method").expect("method")]);
    cmd.arg(str_of(case, "url").expect("url"));
    cmd.args(["--nonce", str_of(case, "nonce").expect("nonce")]);
    let timestamp = case["timestamp"].as_u64().expect("timestamp").to_string();
    cmd.args(["--timestamp", &timestamp]);
    cmd.args([
        "--signature-method",
        str_of(case, "signature_method").unwrap_or("HMAC-SHA1"),
    ]);
    if case["version"].as_bool() == Some(false) {
        cmd.arg("--no-version");
    }
    if case["body_hash"].as_bool() == Some(true) {
        cmd.arg("--body-hash");
    }
    if case["allow_short_key"].as_bool() == Some(true) {
        cmd.arg("--allow-short-key");
    }
    // The key file, in a folder of its own; the credentials file of route 1 goes next
    // to it and names it relative to itself.
    let key_file = private_key.map(|pem| temp_file("consumer-key.pem", pem.as_bytes()));
    for (key, flag) in [
        ("realm", "--realm"),
        ("callback", "--callback"),
        ("verifier", "--verifier"),
    ] {
        if let Some(value) = str_of(case, key) {
            cmd.args([flag, value]);
        }
    }

    let values = [
        ("consumer_key", "--consumer-key", "OAUTH1_CONSUMER_KEY"),
        (
            "consumer_secret",
            "--consumer-secret",
            "OAUTH1_CONSUMER_SECRET",
        ),
        ("token", "--token", "OAUTH1_TOKEN"),
        ("token_secret", "--token-secret", "OAUTH1_TOKEN_SECRET"),
    ];
    match route {
        0 => {
            for (key, _, var) in values {
                if let Some(value) = str_of(case, key) {
                    cmd.env(var, value);
                }
            }
            if let Some(path) = &key_file {
                cmd.env(oauth1::PRIVATE_KEY_FILE_VAR, path);
            }
        }
        1 => {
            let mut file = serde_json::Map::new();
            for (key, _, _) in values {
                if let Some(value) = str_of(case, key) {
                    file.insert(key.into(), value.into());
                }
            }
            let contents = |file| Value::Object(file).to_string().into_bytes();
            let path = match &key_file {
                Some(key) => {
                    file.insert("private_key_file".into(), "consumer-key.pem".into());
                    let path = key.with_file_name("credentials.json");
                    std::fs::write(&path, contents(file)).expect("write the credentials");
                    path
                }
                None => temp_file("credentials.json", &contents(file)),
            };
            cmd.arg("--credentials").arg(path);
        }
        _ => {
            for (key, flag, _) in values {
                if let Some(value) = str_of(case, key) {
                    cmd.args([flag, value]);
                }
            }
            if let Some(path) = &key_file {
                cmd.arg("--private-key").arg(path);
            }
        }
    }

    let mut stdin = None;
    if let Some(body) = str_of(case, "body") {
        let content_type = str_of(case, "content_type").unwrap_or_else(|| {
            panic!("{name}: a body without a Content-Type; the command would sign it as a form")
        });
        cmd.args(["--content-type", content_type]);
        match route {
            1 => {
                let path = temp_file("body", body.as_bytes());
                cmd.arg("--data").arg(format!("@{}", path.display()));
            }
            2 => {
                cmd.args(["--data", "@-"]);
                stdin = Some(body.as_bytes());
            }
            _ => {
                assert!(
                    !body.starts_with('@'),
                    "{name}: route 0 passes the body literally"
                );
                cmd.args(["--data", body]);
            }
        }
    } else if let Some(content_type) = str_of(case, "content_type") {
        cmd.args(["--content-type", content_type]);
    }
    run_cmd(cmd, stdin)
}

#[test]
fn every_signing_vector_through_json() {
    for (i, case) in signing_vectors().iter().enumerate() {
        let name = str_of(case, "name").expect("name");
        let route = i % 3;
        let run = sign(case, "json", route);
        assert_eq!(run.code, 0, "{name} (route {route}): {}", run.stderr);
        let got = json_of(&run);
        let expected = &case["expected"];
        for field in ["base_string", "signature", "authorization", "params"] {
            assert!(
                !expected[field].is_null(),
                "{name}: the vector has no {field}"
            );
            assert_eq!(
                got[field], expected[field],
                "{name} (route {route}): {field}"
            );
        }
        assert_eq!(got["nonce"], case["nonce"], "{name}: nonce");
        assert_eq!(got["timestamp"], case["timestamp"], "{name}: timestamp");
        assert!(
            got.get("signed_url").is_none() && got.get("signed_body").is_none(),
            "{name}: header placement has no signed URL or body"
        );
    }
}

#[test]
fn every_signing_vector_through_header() {
    for (i, case) in signing_vectors().iter().enumerate() {
        let name = str_of(case, "name").expect("name");
        // A different route from the JSON test for the same vector.
        let route = (i + 1) % 3;
        let run = sign(case, "header", route);
        assert_eq!(run.code, 0, "{name} (route {route}): {}", run.stderr);
        let expected = case["expected"]["authorization"]
            .as_str()
            .expect("authorization");
        assert_eq!(
            run.stdout,
            format!("{expected}\n"),
            "{name} (route {route})"
        );
    }
}

#[test]
fn every_signing_vector_through_curl_read_back_by_sh() {
    for (i, case) in signing_vectors().iter().enumerate() {
        let name = str_of(case, "name").expect("name");
        let route = (i + 2) % 3;
        let run = sign(case, "curl", route);
        assert_eq!(run.code, 0, "{name} (route {route}): {}", run.stderr);
        let words = parse_with_shell("sh", &run.stdout_bytes);
        let text: Vec<String> = words
            .iter()
            .map(|w| String::from_utf8(w.clone()).expect("UTF-8 word"))
            .collect();
        assert_eq!(text[0], "curl", "{name}");
        assert_eq!(
            text.last().map(String::as_str),
            str_of(case, "url"),
            "{name}: URL last"
        );
        let value_of = |option: &str| {
            let values: Vec<&str> = text
                .windows(2)
                .filter(|w| w[0] == option)
                .map(|w| w[1].as_str())
                .collect();
            values
        };
        let expected = case["expected"]["authorization"]
            .as_str()
            .expect("authorization");
        let headers = value_of("-H");
        assert_eq!(headers[0], format!("Authorization: {expected}"), "{name}");
        assert_eq!(
            value_of("--data-raw").first().copied(),
            str_of(case, "body"),
            "{name}: body"
        );
        if let Some(t) = str_of(case, "content_type") {
            assert_eq!(
                headers.get(1).copied(),
                Some(format!("Content-Type: {t}").as_str()),
                "{name}"
            );
        }
        let method = str_of(case, "method").expect("method");
        let implied = if case.get("body").is_some_and(|b| !b.is_null()) {
            "POST"
        } else {
            "GET"
        };
        let x = value_of("-X");
        if method == implied {
            assert!(x.is_empty(), "{name}: no -X needed");
        } else {
            assert_eq!(x, vec![method], "{name}: -X");
        }
    }
}
