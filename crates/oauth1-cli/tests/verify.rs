//! `oauth1 verify` against what `oauth1 sign` produced: round trips in every
//! placement, tampering, the timestamp window, and the `offset` command that turns
//! a refusal into a clock offset.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{Run, env_credentials, json_of, run};

const KEY: &str = "key-verify";
const SECRET: &str = "CSECRET-ver-0e1d";
const TOKEN: &str = "token-verify";
const TOKEN_SECRET: &str = "TSECRET-ver-2f3a";
const NOW: &str = "1700000000";

fn creds() -> Vec<(&'static str, &'static str)> {
    env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET)
}

fn sign_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec![
        "sign",
        "--format",
        "json",
        "--timestamp",
        NOW,
        "--nonce",
        "n0nce-verify",
    ];
    all.extend(args);
    json_of(&run(&all, &creds()))
}

fn verify(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec!["verify", "--now", NOW];
    all.extend(args);
    let r = run(&all, env);
    for secret in [SECRET, TOKEN_SECRET] {
        assert!(
            !r.all_output().contains(secret),
            "a secret leaked: {}",
            r.all_output()
        );
    }
    r
}

fn assert_valid(r: &Run) {
    assert_eq!(r.code, 0, "stdout: {} stderr: {}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with(
            "valid: HMAC-SHA1 signature by consumer key \"key-verify\", token \"token-verify\""
        ),
        "{}",
        r.stdout
    );
}

fn assert_valid_in(r: &Run, place: &str) {
    assert_valid(r);
    assert!(
        r.stdout.ends_with(&format!(", in {place}\n")),
        "{}",
        r.stdout
    );
}

fn assert_rejected(r: &Run, problem: &str) {
    assert_eq!(r.code, 1, "stdout: {} stderr: {}", r.stdout, r.stderr);
    let first = r.stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with(&format!("invalid: {problem}: ")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "WWW-Authenticate: OAuth oauth_problem=\"{problem}\""
        )),
        "{}",
        r.stdout
    );
}

#[test]
fn header_round_trip_and_tampering() {
    let url = "https://api.example.com/items?a=1&b=x%20y";
    let body = "c=3&d=4";
    let signed = sign_json(&["-X", "PUT", "--data", body, url]);
    let auth = signed["authorization"].as_str().unwrap();

    assert_valid_in(
        &verify(
            &["-X", "PUT", url, "--data", body, "--authorization", auth],
            &creds(),
        ),
        "the Authorization header",
    );

    for (what, args) in [
        (
            "query",
            vec![
                "-X",
                "PUT",
                "https://api.example.com/items?a=2&b=x%20y",
                "--data",
                body,
            ],
        ),
        ("method", vec!["-X", "POST", url, "--data", body]),
        ("body", vec!["-X", "PUT", url, "--data", "c=3&d=5"]),
        (
            "host",
            vec![
                "-X",
                "PUT",
                "https://api.example.org/items?a=1&b=x%20y",
                "--data",
                body,
            ],
        ),
    ] {
        let mut args = args;
        args.extend(["--authorization", auth]);
        let r = verify(&args, &creds());
        assert_rejected(&r, "signature_invalid");
        let server = r
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("server base string: "))
            .unwrap_or_else(|| panic!("{what}: no base string in {}", r.stdout));
        assert_ne!(server, signed["base_string"].as_str().unwrap(), "{what}");
        assert!(server.starts_with(&format!(
            "{}&",
            if what == "method" { "POST" } else { "PUT" }
        )));
    }

    // The same request with another signature, and with other secrets.
    let start = auth.find("oauth_signature=\"").unwrap() + "oauth_signature=\"".len();
    let end = start + auth[start..].find('"').unwrap();
    let forged = format!(
        "{}AAAAAAAAAAAAAAAAAAAAAAAAAAA%3D{}",
        &auth[..start],
        &auth[end..]
    );
    assert_ne!(forged, auth);
    let r = verify(
        &["-X", "PUT", url, "--data", body, "--authorization", &forged],
        &creds(),
    );
    assert_rejected(&r, "signature_invalid");
    assert!(r.stdout.contains(&format!(
        "server base string: {}",
        signed["base_string"].as_str().unwrap()
    )));
    let other = env_credentials(KEY, "CSECRET-ver-other", TOKEN, TOKEN_SECRET);
    let r = verify(
        &["-X", "PUT", url, "--data", body, "--authorization", auth],
        &other,
    );
    assert_rejected(&r, "signature_invalid");
    assert!(!r.all_output().contains("CSECRET-ver-other"));
}

#[test]
fn the_method_defaults_like_sign() {
    let url = "https://api.example.com/x";
    let signed = sign_json(&["--data", "a=1", url]);
    let auth = signed["authorization"].as_str().unwrap();
    assert_valid(&verify(
        &[url, "--data", "a=1", "--authorization", auth],
        &creds(),
    ));
}

#[test]
fn query_and_body_placements_round_trip() {
    let signed = sign_json(&["--placement", "query", "https://api.example.com/x?a=1"]);
    let url = signed["signed_url"].as_str().unwrap();
    assert_valid_in(&verify(&[url], &creds()), "the query");
    assert_rejected(
        &verify(&[&url.replace("a=1", "a=2")], &creds()),
        "signature_invalid",
    );

    let signed = sign_json(&[
        "--placement",
        "body",
        "--data",
        "q=1",
        "https://api.example.com/x",
    ]);
    let body = signed["signed_body"].as_str().unwrap();
    assert_valid_in(
        &verify(&["https://api.example.com/x", "--data", body], &creds()),
        "the form body",
    );
    // Without the body's parameters the request has no OAuth parameters at all.
    let r = verify(&["-X", "POST", "https://api.example.com/x"], &creds());
    assert_rejected(&r, "parameter_absent");
}

#[test]
fn other_problems_are_named() {
    let url = "https://api.example.com/x";
    let auth = sign_json(&[url])["authorization"]
        .as_str()
        .unwrap()
        .to_owned();
    let unknown_key = env_credentials("another-key", SECRET, TOKEN, TOKEN_SECRET);
    assert_rejected(
        &verify(&[url, "--authorization", &auth], &unknown_key),
        "consumer_key_unknown",
    );
    let other_token = env_credentials(KEY, SECRET, "another-token", TOKEN_SECRET);
    assert_rejected(
        &verify(&[url, "--authorization", &auth], &other_token),
        "token_rejected",
    );
    let v2 = auth.replace("oauth_version=\"1.0\"", "oauth_version=\"2.0\"");
    assert_rejected(
        &verify(&[url, "--authorization", &v2], &creds()),
        "version_rejected",
    );
}

#[test]
fn a_timestamp_outside_the_window_is_refused_and_offset_fixes_it() {
    let url = "https://api.example.com/x";
    let auth = sign_json(&[url])["authorization"]
        .as_str()
        .unwrap()
        .to_owned();
    // The server's clock is 1000 s ahead of the signature; 300 s are allowed by default.
    let r = run(
        &[
            "verify",
            "--now",
            "1700001000",
            url,
            "--authorization",
            &auth,
        ],
        &creds(),
    );
    assert_rejected(&r, "timestamp_refused");
    assert!(
        r.stdout
            .contains("oauth_acceptable_timestamps=\"1700000700-1700001300\""),
        "{}",
        r.stdout
    );
    let r2 = run(
        &[
            "verify",
            "--now",
            "1700001000",
            "--max-skew",
            "1000",
            url,
            "--authorization",
            &auth,
        ],
        &creds(),
    );
    assert_valid(&r2);

    // The WWW-Authenticate line feeds `oauth1 offset` as is.
    let answer = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("WWW-Authenticate: "))
        .expect("a WWW-Authenticate line");
    let off = run(&["offset", answer, "--now", "1700000000"], &[]);
    assert_eq!(
        (off.code, off.stdout.as_str()),
        (0, "1000\n"),
        "{}",
        off.stderr
    );

    // With this machine's clock: a server 5000 s ahead, the offset, and a signature it accepts.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let server_now = (now + 5000).to_string();
    let fresh = json_of(&run(&["sign", "--format", "json", url], &creds()));
    let fresh_auth = fresh["authorization"].as_str().unwrap();
    let refused = run(
        &[
            "verify",
            "--now",
            &server_now,
            url,
            "--authorization",
            fresh_auth,
        ],
        &creds(),
    );
    assert_rejected(&refused, "timestamp_refused");
    let answer = refused
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("WWW-Authenticate: "))
        .unwrap();
    let off = run(&["offset", answer], &[]);
    assert_eq!(off.code, 0, "{}", off.stderr);
    let offset: i64 = off.stdout.trim().parse().unwrap();
    assert!((4990..=5010).contains(&offset), "offset {offset}");
    let shifted = json_of(&run(
        &[
            "sign",
            "--format",
            "json",
            "--clock-offset",
            off.stdout.trim(),
            url,
        ],
        &creds(),
    ));
    let shifted_auth = shifted["authorization"].as_str().unwrap();
    let accepted = run(
        &[
            "verify",
            "--now",
            &server_now,
            url,
            "--authorization",
            shifted_auth,
        ],
        &creds(),
    );
    assert_valid(&accepted);
}

#[test]
fn offset_reads_headers_and_form_bodies() {
    let r = run(
        &[
            "offset",
            "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1700000000-1700000600",
            "--now",
            "1700000900",
        ],
        &[],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "-600\n"), "{}", r.stderr);
    let r = run(
        &[
            "offset",
            "OAuth oauth_acceptable_timestamps=\"100-200\"",
            "--now",
            "50",
        ],
        &[],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "100\n"), "{}", r.stderr);
}
