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

// ---- Issue 13: safe defaults, each with a regression test that failed before it ----

/// `oauth1 verify --format json`: the exit status and the object printed.
fn verify_json(args: &[&str], env: &[(&str, &str)]) -> (i32, serde_json::Value) {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    // `verify` sets --now to the signing time unless the test sets its own.
    let r = if args.contains(&"--now") {
        let mut with_command = vec!["verify"];
        with_command.extend(all);
        run(&with_command, env)
    } else {
        verify(&all, env)
    };
    assert!(
        r.code == 0 || r.code == 1,
        "exit status {}: {}",
        r.code,
        r.stderr
    );
    let v =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout));
    (r.code, v)
}

fn assert_problem(got: &(i32, serde_json::Value), problem: &str) {
    assert_eq!(got.0, 1, "{}", got.1);
    assert_eq!(got.1["valid"], false, "{}", got.1);
    assert_eq!(got.1["problem"], problem, "{}", got.1);
}

fn assert_json_valid(got: &(i32, serde_json::Value)) {
    assert_eq!(got.0, 0, "{}", got.1);
    assert_eq!(got.1["valid"], true, "{}", got.1);
}

/// The consumer credentials alone: a two-legged client, or a server that allows
/// two-legged requests and nothing else.
fn consumer_only() -> Vec<(&'static str, &'static str)> {
    vec![
        ("OAUTH1_CONSUMER_KEY", KEY),
        ("OAUTH1_CONSUMER_SECRET", SECRET),
    ]
}

fn sign_json_with(args: &[&str], env: &[(&str, &str)]) -> serde_json::Value {
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
    json_of(&run(&all, env))
}

#[test]
fn a_realm_in_the_query_or_form_body_is_signed() {
    let url = "https://api.example.com/x?realm=alice&a=1";
    let signed = sign_json(&[url]);
    let auth = signed["authorization"].as_str().unwrap();
    assert!(
        signed["base_string"]
            .as_str()
            .unwrap()
            .contains("realm%3Dalice"),
        "{}",
        signed["base_string"]
    );
    assert_valid(&verify(&[url, "--authorization", auth], &creds()));
    let tampered = url.replace("alice", "mallory");
    assert_rejected(
        &verify(&[&tampered, "--authorization", auth], &creds()),
        "signature_invalid",
    );

    let url = "https://api.example.com/x";
    let signed = sign_json(&["--data", "realm=alice&b=2", url]);
    let auth = signed["authorization"].as_str().unwrap();
    assert_valid(&verify(
        &[url, "--data", "realm=alice&b=2", "--authorization", auth],
        &creds(),
    ));
    assert_rejected(
        &verify(
            &[url, "--data", "realm=mallory&b=2", "--authorization", auth],
            &creds(),
        ),
        "signature_invalid",
    );

    // The Authorization header's own realm is still not signed.
    let signed = sign_json(&["--realm", "Photos", url]);
    let auth = signed["authorization"].as_str().unwrap();
    assert!(auth.starts_with("OAuth realm=\"Photos\", "), "{auth}");
    let other = auth.replace("realm=\"Photos\"", "realm=\"Other\"");
    assert_valid(&verify(&[url, "--authorization", &other], &creds()));
}

#[test]
fn a_token_less_request_needs_credentials_without_a_token() {
    let url = "https://api.example.com/x?a=1";
    let signed = sign_json_with(&[url], &consumer_only());
    let auth = signed["authorization"].as_str().unwrap();
    assert!(!auth.contains("oauth_token"), "{auth}");

    // Server credentials that hold a token refuse it, after checking the signature.
    let got = verify_json(&[url, "--authorization", auth], &creds());
    assert_problem(&got, "parameter_absent");
    assert_eq!(
        got.1["parameters_absent"],
        serde_json::json!(["oauth_token"])
    );
    let text = verify(&[url, "--authorization", auth], &creds());
    assert_rejected(&text, "parameter_absent");
    assert!(
        text.stdout
            .contains("oauth_parameters_absent=\"oauth_token\""),
        "{}",
        text.stdout
    );

    // Credentials without a token accept two-legged requests only.
    let got = verify_json(&[url, "--authorization", auth], &consumer_only());
    assert_json_valid(&got);
    assert_eq!(got.1["token"], serde_json::Value::Null);
    let with_token = sign_json(&[url]);
    let got = verify_json(
        &[
            url,
            "--authorization",
            with_token["authorization"].as_str().unwrap(),
        ],
        &consumer_only(),
    );
    assert_problem(&got, "token_rejected");
}

#[test]
fn plaintext_is_refused_unless_named_and_over_https_unless_allowed() {
    for url in ["https://api.example.com/x", "http://api.example.com/x"] {
        let signed = sign_json(&["--signature-method", "PLAINTEXT", url]);
        let auth = signed["authorization"].as_str().unwrap();
        // Refused by default, over https and http alike.
        assert_problem(
            &verify_json(&[url, "--authorization", auth], &creds()),
            "signature_method_rejected",
        );
        let named = verify_json(
            &[
                url,
                "--signature-methods",
                "HMAC-SHA1,PLAINTEXT",
                "--authorization",
                auth,
            ],
            &creds(),
        );
        let allowed = verify_json(
            &[
                url,
                "--signature-methods",
                "HMAC-SHA1",
                "--signature-methods",
                "PLAINTEXT",
                "--allow-plaintext-over-http",
                "--authorization",
                auth,
            ],
            &creds(),
        );
        assert_json_valid(&allowed);
        assert_eq!(allowed.1["signature_method"], "PLAINTEXT");
        if url.starts_with("https") {
            assert_json_valid(&named);
        } else {
            assert_problem(&named, "signature_method_rejected");
        }
        // Allowing http does not name PLAINTEXT.
        assert_problem(
            &verify_json(
                &[url, "--allow-plaintext-over-http", "--authorization", auth],
                &creds(),
            ),
            "signature_method_rejected",
        );
    }
    // Naming methods replaces the default list.
    let url = "https://api.example.com/x";
    let signed = sign_json(&[url]);
    let auth = signed["authorization"].as_str().unwrap();
    assert_problem(
        &verify_json(
            &[
                url,
                "--signature-methods",
                "HMAC-SHA256",
                "--authorization",
                auth,
            ],
            &creds(),
        ),
        "signature_method_rejected",
    );
}

#[test]
fn timestamp_and_nonce_are_required_unless_relaxed_for_plaintext() {
    let url = "https://api.example.com/x";
    let signed = sign_json(&["--signature-method", "PLAINTEXT", url]);
    let auth = signed["authorization"].as_str().unwrap();
    let bare = auth
        .replace(&format!("oauth_timestamp=\"{NOW}\", "), "")
        .replace("oauth_nonce=\"n0nce-verify\", ", "");
    assert!(!bare.contains("oauth_timestamp") && !bare.contains("oauth_nonce"));
    let plaintext = ["--signature-methods", "PLAINTEXT"];
    let got = verify_json(
        &[&plaintext[..], &[url, "--authorization", &bare]].concat(),
        &creds(),
    );
    assert_problem(&got, "parameter_absent");
    assert_eq!(
        got.1["parameters_absent"],
        serde_json::json!(["oauth_timestamp", "oauth_nonce"])
    );
    let got = verify_json(
        &[
            &plaintext[..],
            &["--allow-missing-timestamp", url, "--authorization", &bare],
        ]
        .concat(),
        &creds(),
    );
    assert_json_valid(&got);
    assert_eq!(got.1["timestamp"], serde_json::Value::Null);
}

#[test]
fn a_body_hash_can_be_required_and_says_when_it_was_checked() {
    let url = "https://api.example.com/x";
    let body = "{\"a\":1}";
    let json_body = ["--data", body, "--content-type", "application/json"];
    let plain = sign_json(&[&json_body[..], &[url]].concat());
    let hashed = sign_json(&[&json_body[..], &["--body-hash", url]].concat());
    let plain_auth = plain["authorization"].as_str().unwrap();
    let hashed_auth = hashed["authorization"].as_str().unwrap();

    let got = verify_json(
        &[&json_body[..], &[url, "--authorization", plain_auth]].concat(),
        &creds(),
    );
    assert_json_valid(&got);
    assert_eq!(got.1["body_hash_checked"], false);
    let got = verify_json(
        &[
            &json_body[..],
            &["--require-body-hash", url, "--authorization", plain_auth],
        ]
        .concat(),
        &creds(),
    );
    assert_problem(&got, "parameter_absent");
    assert_eq!(
        got.1["parameters_absent"],
        serde_json::json!(["oauth_body_hash"])
    );

    let got = verify_json(
        &[
            &json_body[..],
            &["--require-body-hash", url, "--authorization", hashed_auth],
        ]
        .concat(),
        &creds(),
    );
    assert_json_valid(&got);
    assert_eq!(got.1["body_hash_checked"], true);
    let text = verify(
        &[&json_body[..], &[url, "--authorization", hashed_auth]].concat(),
        &creds(),
    );
    assert!(
        text.stdout.contains(", body hash checked, in "),
        "{}",
        text.stdout
    );
    // Another body under the same hash is refused.
    let other = ["--data", "{\"a\":2}", "--content-type", "application/json"];
    assert_problem(
        &verify_json(
            &[&other[..], &[url, "--authorization", hashed_auth]].concat(),
            &creds(),
        ),
        "signature_invalid",
    );
}

#[test]
fn unknown_keys_and_tokens_can_be_hidden() {
    let url = "https://api.example.com/x";
    let auth = sign_json(&[url])["authorization"]
        .as_str()
        .unwrap()
        .to_owned();
    let unknown_key = env_credentials("another-key", SECRET, TOKEN, TOKEN_SECRET);
    let other_token = env_credentials(KEY, SECRET, "another-token", TOKEN_SECRET);
    for (env, shown) in [
        (&unknown_key, "consumer_key_unknown"),
        (&other_token, "token_rejected"),
    ] {
        assert_problem(&verify_json(&[url, "--authorization", &auth], env), shown);
        let hidden = verify_json(&[url, "--hide-unknown-keys", "--authorization", &auth], env);
        assert_problem(&hidden, "signature_invalid");
        assert!(
            !hidden.1.to_string().contains("unknown") && !hidden.1.to_string().contains(shown),
            "{}",
            hidden.1
        );
    }
}

#[test]
fn json_output_carries_every_field() {
    let url = "https://api.example.com/x?a=1";
    let signed = sign_json(&["--realm", "R", url]);
    let auth = signed["authorization"].as_str().unwrap();
    let (code, v) = verify_json(&[url, "--authorization", auth], &creds());
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        v,
        serde_json::json!({
            "valid": true,
            "consumer_key": KEY,
            "token": TOKEN,
            "signature_method": "HMAC-SHA1",
            "timestamp": 1_700_000_000_u64,
            "nonce": "n0nce-verify",
            "realm": "R",
            "placement": "header",
            "body_hash_checked": false,
            "base_string": signed["base_string"],
        })
    );

    let (code, v) = verify_json(
        &["--now", "1700001000", url, "--authorization", auth],
        &creds(),
    );
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["problem"], "timestamp_refused");
    assert_eq!(
        v["acceptable_timestamps"],
        serde_json::json!([1_700_000_700_u64, 1_700_001_300_u64])
    );
    assert_eq!(v["parameters_absent"], serde_json::json!([]));
    assert_eq!(v["parameters_rejected"], serde_json::json!([]));
    assert!(
        v["www_authenticate"]
            .as_str()
            .unwrap()
            .starts_with("OAuth oauth_problem=\"timestamp_refused\""),
        "{v}"
    );
    for key in ["reason", "base_string"] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }

    // parameter_rejected names the parameter, in JSON and in the WWW-Authenticate line.
    let bad = auth.replace(
        &format!("oauth_timestamp=\"{NOW}\""),
        "oauth_timestamp=\"17e8\"",
    );
    let (code, v) = verify_json(&[url, "--authorization", &bad], &creds());
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["problem"], "parameter_rejected");
    assert_eq!(
        v["parameters_rejected"],
        serde_json::json!(["oauth_timestamp"])
    );
    assert!(
        v["www_authenticate"]
            .as_str()
            .unwrap()
            .contains("oauth_parameters_rejected=\"oauth_timestamp\""),
        "{v}"
    );
}

#[test]
fn the_skew_is_the_cores_unless_given() {
    let url = "https://api.example.com/x";
    let auth = sign_json(&[url])["authorization"]
        .as_str()
        .unwrap()
        .to_owned();
    let skew = oauth1::VerifyOptions::default().allowed_skew();
    let at = |offset: u64| (1_700_000_000 + offset).to_string();
    let edge = at(skew);
    let past = at(skew + 1);
    assert_json_valid(&verify_json(
        &["--now", &edge, url, "--authorization", &auth],
        &creds(),
    ));
    assert_problem(
        &verify_json(&["--now", &past, url, "--authorization", &auth], &creds()),
        "timestamp_refused",
    );
    let wider = (skew + 1).to_string();
    assert_json_valid(&verify_json(
        &[
            "--now",
            &past,
            "--max-skew",
            &wider,
            url,
            "--authorization",
            &auth,
        ],
        &creds(),
    ));
}
