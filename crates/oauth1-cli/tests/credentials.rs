//! Where credentials come from: flags over the file over the environment, value by
//! value; both JSON spellings; the shipped example file and the README's command.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{json_of, oauth1, run, run_cmd, temp_file, workspace_root};

const URL: &str = "https://api.example.com/x?a=1";
const FIXED: [&str; 4] = ["--nonce", "n", "--timestamp", "1700000000"];

fn sign_json(args: &[&str], env: &[(&str, &str)]) -> serde_json::Value {
    let mut all = vec!["sign", "--format", "json"];
    all.extend(FIXED);
    all.extend(args);
    all.push(URL);
    json_of(&run(&all, env))
}

/// The signature these four values give, all passed as flags.
fn by_flags(key: &str, secret: &str, token: &str, token_secret: &str) -> serde_json::Value {
    sign_json(
        &[
            "--consumer-key",
            key,
            "--consumer-secret",
            secret,
            "--token",
            token,
            "--token-secret",
            token_secret,
        ],
        &[],
    )
}

#[test]
fn flags_win_over_the_file_which_wins_over_the_environment_per_value() {
    let file = temp_file(
        "creds.json",
        br#"{"consumer_secret": "file-secret", "token": "file-token"}"#,
    );
    let env = [
        ("OAUTH1_CONSUMER_KEY", "env-key"),
        ("OAUTH1_CONSUMER_SECRET", "env-secret"),
        ("OAUTH1_TOKEN", "env-token"),
        ("OAUTH1_TOKEN_SECRET", "env-token-secret"),
    ];
    let got = sign_json(
        &[
            "--credentials",
            file.to_str().unwrap(),
            "--token",
            "flag-token",
        ],
        &env,
    );
    // key from the environment, secret from the file, token from the flag,
    // token secret from the environment.
    let want = by_flags("env-key", "file-secret", "flag-token", "env-token-secret");
    assert_eq!(got, want);
    let wrong = by_flags("env-key", "env-secret", "flag-token", "env-token-secret");
    assert_ne!(
        got["signature"], wrong["signature"],
        "the secrets matter to the check"
    );
}

#[test]
fn liveperson_and_snake_case_files_sign_alike() {
    let lp = temp_file(
        "lp.json",
        br#"{"appKey": "k1", "secret": "s1", "accessToken": "t1", "accessTokenSecret": "ts1", "unrelated": 5}"#,
    );
    let snake = temp_file(
        "snake.json",
        br#"{"consumer_key": "k1", "consumer_secret": "s1", "token": "t1", "token_secret": "ts1"}"#,
    );
    let a = sign_json(&["--credentials", lp.to_str().unwrap()], &[]);
    let b = sign_json(&["--credentials", snake.to_str().unwrap()], &[]);
    assert_eq!(a, b);
    assert_eq!(a, by_flags("k1", "s1", "t1", "ts1"));
}

#[test]
fn two_legged_requests_need_no_token() {
    let r = run(
        &["sign", "--format", "json", URL],
        &[
            ("OAUTH1_CONSUMER_KEY", "k"),
            ("OAUTH1_CONSUMER_SECRET", "s"),
        ],
    );
    let json = json_of(&r);
    assert!(
        !json["authorization"]
            .as_str()
            .unwrap()
            .contains("oauth_token")
    );
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn secrets_given_as_flags_work_with_a_warning() {
    let r = run(
        &[
            "sign",
            "--consumer-key",
            "k",
            "--consumer-secret",
            "SECRET-flag-77",
            "--token",
            "t",
            "--token-secret",
            "TSECRET-flag-88",
            URL,
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("OAuth "));
    assert!(
        r.stderr
            .contains("warning: --consumer-secret on the command line is visible"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("warning: --token-secret on the command line is visible"),
        "{}",
        r.stderr
    );
    assert!(
        !r.all_output().contains("SECRET-flag-77") && !r.all_output().contains("TSECRET-flag-88")
    );
}

/// The README's main command, exactly: `cargo run -q -p oauth1-cli -- sign --credentials
/// examples/credentials.example.json '<LivePerson URL>'` from the workspace root.
#[test]
fn the_readme_command_prints_the_header() {
    let url = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all";
    let mut cmd = oauth1();
    cmd.current_dir(workspace_root()).args([
        "sign",
        "--credentials",
        "examples/credentials.example.json",
        url,
    ]);
    let r = run_cmd(cmd, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "no warnings expected: {}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(
        r.stdout.starts_with("OAuth oauth_consumer_key=\""),
        "{}",
        r.stdout
    );
    for name in [
        "oauth_nonce",
        "oauth_signature",
        "oauth_signature_method=\"HMAC-SHA1\"",
        "oauth_timestamp",
        "oauth_token",
        "oauth_version=\"1.0\"",
    ] {
        assert!(r.stdout.contains(name), "{name} missing: {}", r.stdout);
    }
    // The example file holds LivePerson's four names and made-up values.
    let text = std::fs::read_to_string(workspace_root().join("examples/credentials.example.json"))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for name in ["appKey", "secret", "accessToken", "accessTokenSecret"] {
        assert!(v[name].as_str().is_some_and(|s| !s.is_empty()), "{name}");
        if name.ends_with("ecret") {
            assert!(
                !r.stdout.contains(v[name].as_str().unwrap()),
                "{name} printed"
            );
        }
    }
}
