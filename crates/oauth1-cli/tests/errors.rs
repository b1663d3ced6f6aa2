//! Bad input: exit status 2, nothing on stdout, one line on stderr,
//! `oauth1: error: CODE: message`, with the core's stable code and a message that says
//! what is wrong, and never a panic or a backtrace. Also `--help` for every command.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{assert_error, env_credentials, run, temp_file};

const SECRET: &str = "CSECRET-err-55aa";
const TOKEN_SECRET: &str = "TSECRET-err-66bb";
const URL: &str = "https://api.example.com/x";

fn creds() -> Vec<(&'static str, &'static str)> {
    env_credentials("key", SECRET, "token", TOKEN_SECRET)
}

/// Runs and checks the bad-input contract with `code`; `expect` must appear in the message.
fn bad(args: &[&str], env: &[(&str, &str)], code: &str, expect: &str) {
    let r = run(args, env);
    let line = assert_error(&r, code);
    assert!(line.contains(expect), "expected {expect:?} in {line:?}");
    assert!(
        !line.contains(SECRET) && !line.contains(TOKEN_SECRET),
        "{line}"
    );
}

#[test]
fn missing_credentials_name_the_flag_and_the_variable() {
    bad(&["sign", URL], &[], "invalid_credentials", "--consumer-key");
    bad(
        &["sign", URL],
        &[],
        "invalid_credentials",
        "OAUTH1_CONSUMER_KEY",
    );
    bad(
        &["sign", URL],
        &[("OAUTH1_CONSUMER_KEY", "k")],
        "invalid_credentials",
        "--consumer-secret",
    );
    bad(
        &["sign", URL],
        &[("OAUTH1_CONSUMER_KEY", "k")],
        "invalid_credentials",
        "OAUTH1_CONSUMER_SECRET",
    );
    // An empty consumer key counts as unset, by flag, variable or file (an empty
    // consumer secret is valid: see tests/empty_secret.rs).
    bad(
        &["sign", "--consumer-key", "", URL],
        &[("OAUTH1_CONSUMER_SECRET", SECRET)],
        "invalid_credentials",
        "--consumer-key",
    );
    bad(
        &["sign", URL],
        &[
            ("OAUTH1_CONSUMER_KEY", ""),
            ("OAUTH1_CONSUMER_SECRET", SECRET),
        ],
        "invalid_credentials",
        "OAUTH1_CONSUMER_KEY",
    );
    let empty_key = temp_file("empty-key.json", br#"{"appKey": "", "secret": "s"}"#);
    bad(
        &["sign", "--credentials", empty_key.to_str().unwrap(), URL],
        &[],
        "invalid_credentials",
        "add \"consumer_key\" (or \"appKey\") to the credentials file",
    );
    bad(
        &["sign", URL],
        &[
            ("OAUTH1_CONSUMER_KEY", "k"),
            ("OAUTH1_CONSUMER_SECRET", SECRET),
            ("OAUTH1_TOKEN_SECRET", TOKEN_SECRET),
        ],
        "invalid_credentials",
        "OAUTH1_TOKEN",
    );
    let file = temp_file("partial.json", br#"{"appKey": "k"}"#);
    let file = file.to_str().unwrap();
    bad(
        &["sign", "--credentials", file, URL],
        &[],
        "invalid_credentials",
        "add \"consumer_secret\" (or \"secret\") to the credentials file",
    );
    bad(
        &["verify", URL, "--authorization", "OAuth a=\"1\""],
        &[],
        "invalid_credentials",
        "--consumer-key",
    );
}

#[test]
fn bad_urls() {
    bad(
        &["sign", "not a url"],
        &creds(),
        "invalid_url",
        "invalid URL",
    );
    bad(
        &["sign", "ftp://example.com/x"],
        &creds(),
        "unsupported_scheme",
        "unsupported URL scheme \"ftp\"",
    );
    bad(
        &["sign", "https:///x"],
        &creds(),
        "invalid_url",
        "invalid URL",
    );
    bad(
        &["verify", "mailto:a@b", "--authorization", "OAuth a=\"1\""],
        &creds(),
        "unsupported_scheme",
        "URL",
    );
}

#[test]
fn bad_method_names() {
    bad(
        &["sign", "-X", "GET /", URL],
        &creds(),
        "invalid_method",
        "invalid HTTP method",
    );
    bad(
        &["sign", "-X", "", URL],
        &creds(),
        "invalid_method",
        "invalid HTTP method",
    );
    bad(
        &["sign", "-X", "PÜT", URL],
        &creds(),
        "invalid_method",
        "invalid HTTP method",
    );
    bad(
        &[
            "verify",
            "-X",
            "G(E)T",
            URL,
            "--authorization",
            "OAuth a=\"1\"",
        ],
        &creds(),
        "invalid_method",
        "invalid HTTP method",
    );
}

#[test]
fn unreadable_files() {
    bad(
        &["sign", "--data", "@/nonexistent/body", URL],
        &creds(),
        "io_error",
        "cannot read the body file /nonexistent/body",
    );
    bad(
        &["sign", "--credentials", "/nonexistent/creds.json", URL],
        &[],
        "credentials_source",
        "cannot load credentials from /nonexistent/creds.json: cannot open it",
    );
    let dir = temp_file("x", b"")
        .parent()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    bad(
        &["sign", "--data", &format!("@{dir}"), URL],
        &creds(),
        "io_error",
        "cannot read the body file",
    );
    let not_json = temp_file(
        "creds.json",
        format!("{{\"secret\": \"{SECRET}\"").as_bytes(),
    );
    bad(
        &["sign", "--credentials", not_json.to_str().unwrap(), URL],
        &[],
        "credentials_source",
        "not valid JSON",
    );
    let both = temp_file(
        "both.json",
        br#"{"appKey": "a", "consumer_key": "b", "secret": "s"}"#,
    );
    bad(
        &["sign", "--credentials", both.to_str().unwrap(), URL],
        &[],
        "credentials_source",
        "use one",
    );
    let number = temp_file("number.json", br#"{"appKey": 5, "secret": "s"}"#);
    bad(
        &["sign", "--credentials", number.to_str().unwrap(), URL],
        &[],
        "credentials_source",
        "must be a string",
    );
}

#[test]
fn malformed_headers_and_answers() {
    for header in [
        "Basic dXNlcjpwYXNz",
        "OAuth oauth_consumer_key=key",
        "OAuth oauth_consumer_key=\"key",
        "OAuth oauth_nonce=\"a\", oauth_nonce=\"b\"",
        "OAuth oauth_signature=\"%zz\"",
    ] {
        bad(
            &["verify", URL, "--authorization", header],
            &creds(),
            "malformed_header",
            "malformed OAuth Authorization header",
        );
    }
    bad(
        &["offset", "OAuth oauth_problem=\"timestamp_refused\""],
        &[],
        "malformed_header",
        "oauth_acceptable_timestamps",
    );
    bad(
        &[
            "offset",
            "oauth_acceptable_timestamps=\"9-1\"",
            "--now",
            "5",
        ],
        &[],
        "malformed_header",
        "minimum above its maximum",
    );
}

#[test]
fn bad_signing_options() {
    bad(
        &["sign", "--timestamp", "0", URL],
        &creds(),
        "invalid_timestamp",
        "invalid timestamp",
    );
    bad(
        &["sign", "--nonce", "", URL],
        &creds(),
        "invalid_nonce",
        "invalid nonce",
    );
    bad(
        &["sign", "--callback", "", URL],
        &creds(),
        "invalid_option",
        "callback is empty",
    );
    bad(
        &[
            "sign",
            "--placement",
            "body",
            "--data",
            "{}",
            "--content-type",
            "application/json",
            URL,
        ],
        &creds(),
        "invalid_option",
        "body placement",
    );
    bad(
        &["sign", &format!("{URL}?oauth_nonce=x")],
        &creds(),
        "duplicate_parameter",
        "oauth_nonce",
    );
    bad(
        &["sign", "--clock-offset", "-99999999999", URL],
        &creds(),
        "invalid_timestamp",
        "negative",
    );
}

#[test]
fn usage_errors_exit_2_too() {
    for args in [
        vec!["sign"],
        vec!["sign", "--format", "xml", URL],
        vec!["verify", "--format", "xml", URL],
        vec!["verify", "--max-skew", "-1", URL],
        vec!["sign", "--explain", "--format", "json", URL],
        vec!["sign", "--bogus", URL],
        vec!["frobnicate"],
        vec![],
        vec!["offset"],
    ] {
        let r = run(&args, &creds());
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        // clap's own message: an error, or the usage when nothing was given.
        assert!(
            r.stderr.contains("error:") || r.stderr.contains("Usage:"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

/// Values that the core judges while the arguments are read get the core's code and
/// name their flag, as every binding reports them (issue 13).
#[test]
fn values_the_core_judges_get_its_code() {
    bad(
        &["sign", "--signature-method", "RSA-MD5", URL],
        &creds(),
        "unknown_signature_method",
        "--signature-method: unknown signature method \"RSA-MD5\": expected HMAC-SHA1, HMAC-SHA256",
    );
    bad(
        &["sign", "--placement", "cookie", URL],
        &creds(),
        "invalid_option",
        "--placement: ",
    );
    for (flag, value) in [("--timestamp", "soon"), ("--timestamp", "-1")] {
        bad(
            &["sign", flag, value, URL],
            &creds(),
            "invalid_timestamp",
            flag,
        );
    }
    for value in ["-1", "-1700000000", "1.5"] {
        bad(
            &["verify", "--now", value, URL],
            &creds(),
            "invalid_timestamp",
            "--now",
        );
        bad(
            &[
                "offset",
                "OAuth oauth_acceptable_timestamps=\"1-2\"",
                "--now",
                value,
            ],
            &[],
            "invalid_timestamp",
            "--now",
        );
    }
    for list in ["", ",", " , "] {
        bad(
            &["verify", "--signature-methods", list, URL],
            &creds(),
            "invalid_option",
            "--signature-methods: invalid option: the list of accepted signature methods is empty",
        );
    }
    bad(
        &["verify", "--signature-methods", "HMAC-SHA1,RSA-MD5", URL],
        &creds(),
        "unknown_signature_method",
        "--signature-methods: unknown signature method \"RSA-MD5\"",
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for args in [
        vec!["--help"],
        vec!["sign", "--help"],
        vec!["verify", "--help"],
        vec!["offset", "--help"],
        vec!["help", "sign"],
    ] {
        let r = run(&args, &[]);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("Examples:"), "{args:?}: {}", r.stdout);
        assert!(r.stdout.contains("oauth1 "), "{args:?}");
    }
    let r = run(&["--version"], &[]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("oauth1 "), "{}", r.stdout);
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    use std::process::Stdio;
    let mut cmd = common::oauth1();
    cmd.args(["sign", "--format", "json", URL]).envs(creds());
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A pipe whose reader has gone: the write fails with EPIPE.
    let mut cmd = common::oauth1();
    cmd.args(["sign", "--explain", URL]).envs(creds());
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    let std::process::Child { stdout, stderr, .. } = child;
    drop(stdout);
    let mut err = String::new();
    std::io::Read::read_to_string(&mut stderr.unwrap(), &mut err).unwrap();
    assert!(!err.contains("panicked"), "{err}");
}
