//! Bad input: exit status 2, nothing on stdout, one line on stderr that says what
//! is wrong, and never a panic or a backtrace. Also `--help` for every command.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{assert_bad_input, env_credentials, run, temp_file};

const SECRET: &str = "CSECRET-err-55aa";
const TOKEN_SECRET: &str = "TSECRET-err-66bb";
const URL: &str = "https://api.example.com/x";

fn creds() -> Vec<(&'static str, &'static str)> {
    env_credentials("key", SECRET, "token", TOKEN_SECRET)
}

/// Runs and checks the bad-input contract; `expect` must appear in the message.
fn bad(args: &[&str], env: &[(&str, &str)], expect: &str) {
    let r = run(args, env);
    let line = assert_bad_input(&r, expect);
    assert!(line.contains(expect), "expected {expect:?} in {line:?}");
    assert!(
        !line.contains(SECRET) && !line.contains(TOKEN_SECRET),
        "{line}"
    );
}

#[test]
fn missing_credentials_name_the_flag_and_the_variable() {
    bad(&["sign", URL], &[], "--consumer-key");
    bad(&["sign", URL], &[], "OAUTH1_CONSUMER_KEY");
    bad(
        &["sign", URL],
        &[("OAUTH1_CONSUMER_KEY", "k")],
        "--consumer-secret",
    );
    bad(
        &["sign", URL],
        &[("OAUTH1_CONSUMER_KEY", "k")],
        "OAUTH1_CONSUMER_SECRET",
    );
    // An empty variable counts as unset.
    bad(
        &["sign", URL],
        &[("OAUTH1_CONSUMER_KEY", "k"), ("OAUTH1_CONSUMER_SECRET", "")],
        "OAUTH1_CONSUMER_SECRET",
    );
    bad(
        &["sign", URL],
        &[
            ("OAUTH1_CONSUMER_KEY", "k"),
            ("OAUTH1_CONSUMER_SECRET", SECRET),
            ("OAUTH1_TOKEN_SECRET", TOKEN_SECRET),
        ],
        "OAUTH1_TOKEN",
    );
    let file = temp_file("partial.json", br#"{"appKey": "k"}"#);
    let file = file.to_str().unwrap();
    bad(
        &["sign", "--credentials", file, URL],
        &[],
        "add \"consumer_secret\" (or \"secret\") to the credentials file",
    );
    bad(
        &["verify", URL, "--authorization", "OAuth a=\"1\""],
        &[],
        "--consumer-key",
    );
}

#[test]
fn bad_urls() {
    bad(&["sign", "not a url"], &creds(), "invalid URL");
    bad(
        &["sign", "ftp://example.com/x"],
        &creds(),
        "unsupported URL scheme \"ftp\"",
    );
    bad(&["sign", "https:///x"], &creds(), "invalid URL");
    bad(
        &["verify", "mailto:a@b", "--authorization", "OAuth a=\"1\""],
        &creds(),
        "URL",
    );
}

#[test]
fn bad_method_names() {
    bad(
        &["sign", "-X", "GET /", URL],
        &creds(),
        "invalid HTTP method",
    );
    bad(&["sign", "-X", "", URL], &creds(), "invalid HTTP method");
    bad(&["sign", "-X", "PÜT", URL], &creds(), "invalid HTTP method");
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
        "invalid HTTP method",
    );
}

#[test]
fn unreadable_files() {
    bad(
        &["sign", "--data", "@/nonexistent/body", URL],
        &creds(),
        "cannot read the body file /nonexistent/body",
    );
    bad(
        &["sign", "--credentials", "/nonexistent/creds.json", URL],
        &[],
        "cannot read the credentials file",
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
        "cannot read the body file",
    );
    let not_json = temp_file(
        "creds.json",
        format!("{{\"secret\": \"{SECRET}\"").as_bytes(),
    );
    bad(
        &["sign", "--credentials", not_json.to_str().unwrap(), URL],
        &[],
        "not valid JSON",
    );
    let both = temp_file(
        "both.json",
        br#"{"appKey": "a", "consumer_key": "b", "secret": "s"}"#,
    );
    bad(
        &["sign", "--credentials", both.to_str().unwrap(), URL],
        &[],
        "use one",
    );
    let number = temp_file("number.json", br#"{"appKey": 5, "secret": "s"}"#);
    bad(
        &["sign", "--credentials", number.to_str().unwrap(), URL],
        &[],
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
            "malformed OAuth Authorization header",
        );
    }
    bad(
        &["offset", "OAuth oauth_problem=\"timestamp_refused\""],
        &[],
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
        "minimum above its maximum",
    );
}

#[test]
fn bad_signing_options() {
    bad(
        &["sign", "--timestamp", "0", URL],
        &creds(),
        "invalid timestamp",
    );
    bad(&["sign", "--nonce", "", URL], &creds(), "invalid nonce");
    bad(
        &["sign", "--callback", "", URL],
        &creds(),
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
        "body placement",
    );
    bad(
        &["sign", &format!("{URL}?oauth_nonce=x")],
        &creds(),
        "oauth_nonce",
    );
    bad(
        &["sign", "--clock-offset", "-99999999999", URL],
        &creds(),
        "negative",
    );
}

#[test]
fn usage_errors_exit_2_too() {
    for args in [
        vec!["sign"],
        vec!["sign", "--signature-method", "RSA-MD5", URL],
        vec!["sign", "--placement", "cookie", URL],
        vec!["sign", "--format", "xml", URL],
        vec!["sign", "--timestamp", "soon", URL],
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
    let r = run(&["sign", "--signature-method", "RSA-MD5", URL], &creds());
    assert!(r.stderr.contains("HMAC-SHA1, HMAC-SHA256"), "{}", r.stderr);
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
