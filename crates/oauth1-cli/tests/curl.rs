//! `oauth1 sign --format curl`: the command is read back by real shells and every
//! argument compared with what was signed, hostile characters included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{env_credentials, json_of, oauth1, parse_with_shell, run, run_cmd, shells, temp_file};

const KEY: &str = "key-curl";
const SECRET: &str = "SECRET-curl-4f1a";
const TOKEN: &str = "token-curl";
const TOKEN_SECRET: &str = "TSECRET-curl-9b2c";

/// Signs with `extra` arguments as curl and as JSON (same nonce and timestamp) and
/// returns the curl command's bytes and the JSON result.
fn sign_both(extra: &[&str]) -> (Vec<u8>, serde_json::Value) {
    let env = env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET);
    let fixed = ["--nonce", "n0nce", "--timestamp", "1700000000"];
    let mut results = Vec::new();
    for format in ["curl", "json"] {
        let mut cmd = oauth1();
        cmd.args(["sign", "--format", format])
            .args(fixed)
            .args(extra);
        cmd.envs(env.iter().copied());
        let r = run_cmd(cmd, None);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        assert!(!r.all_output().contains(SECRET) && !r.all_output().contains(TOKEN_SECRET));
        results.push(r);
    }
    let json = json_of(&results[1]);
    (results[0].stdout_bytes.clone(), json)
}

fn words(list: &[&[u8]]) -> Vec<Vec<u8>> {
    list.iter().map(|w| w.to_vec()).collect()
}

fn assert_parses_to(command: &[u8], want: &[Vec<u8>]) {
    assert!(
        command.starts_with(b"curl "),
        "{}",
        String::from_utf8_lossy(command)
    );
    assert!(command.ends_with(b"\n"));
    for shell in shells() {
        let got = parse_with_shell(shell, command);
        let show = |w: &[Vec<u8>]| {
            w.iter()
                .map(|x| String::from_utf8_lossy(x).into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            show(&got),
            show(want),
            "{shell} read the command differently"
        );
        assert_eq!(got, want, "{shell}: bytes differ");
    }
}

#[test]
fn a_get_needs_only_the_header_and_the_url() {
    let url = "https://api.example.com/x?a=1&b=two%20words";
    let (command, json) = sign_both(&[url]);
    let auth = format!("Authorization: {}", json["authorization"].as_str().unwrap());
    assert_parses_to(
        &command,
        &words(&[b"curl", b"-H", auth.as_bytes(), url.as_bytes()]),
    );
}

#[test]
fn hostile_values_survive_the_shell() {
    let url =
        "https://api.example.com/it's here/$HOME?q='$(id)'&b=`uname`&c=\"quoted\"&d=a\\b&e=;|&f=!x";
    let body = "line one\nline 'two' \"three\" $PATH `id` $(id) \\ ! * ? ~ # & ; | < > \t end";
    let content_type = "text/plain; note='x y' $z";
    let realm = "It's \"my\" realm $x";
    let (command, json) = sign_both(&[
        "-X",
        "PATCH",
        "--data",
        body,
        "--content-type",
        content_type,
        "--realm",
        realm,
        url,
    ]);
    let auth = format!("Authorization: {}", json["authorization"].as_str().unwrap());
    assert!(auth.contains("realm="), "{auth}");
    let ct = format!("Content-Type: {content_type}");
    assert_parses_to(
        &command,
        &words(&[
            b"curl",
            b"-X",
            b"PATCH",
            b"-H",
            auth.as_bytes(),
            b"-H",
            ct.as_bytes(),
            b"--data-raw",
            body.as_bytes(),
            url.as_bytes(),
        ]),
    );
}

#[test]
fn a_post_with_data_leaves_the_method_to_curl_and_names_the_form_type() {
    let url = "https://api.example.com/items";
    let body = "a=1&b=it%27s";
    let (command, json) = sign_both(&["--data", body, url]);
    let auth = format!("Authorization: {}", json["authorization"].as_str().unwrap());
    assert_parses_to(
        &command,
        &words(&[
            b"curl",
            b"-H",
            auth.as_bytes(),
            b"-H",
            b"Content-Type: application/x-www-form-urlencoded",
            b"--data-raw",
            body.as_bytes(),
            url.as_bytes(),
        ]),
    );
}

#[test]
fn brackets_turn_off_curl_globbing() {
    let url = "http://[::1]:8080/x?list=[1,2]&set={a}";
    let (command, json) = sign_both(&["-X", "DELETE", url]);
    let auth = format!("Authorization: {}", json["authorization"].as_str().unwrap());
    assert_parses_to(
        &command,
        &words(&[
            b"curl",
            b"-X",
            b"DELETE",
            b"--globoff",
            b"-H",
            auth.as_bytes(),
            url.as_bytes(),
        ]),
    );
}

#[test]
fn query_placement_sends_the_signed_url_and_no_header() {
    let url = "https://api.example.com/x?a='1'";
    let (command, json) = sign_both(&["--placement", "query", url]);
    let signed_url = json["signed_url"].as_str().expect("signed_url");
    assert!(signed_url.starts_with(url) && signed_url.contains("oauth_signature="));
    assert_parses_to(&command, &words(&[b"curl", signed_url.as_bytes()]));
}

#[test]
fn body_placement_sends_the_signed_body() {
    let url = "https://api.example.com/x";
    let (command, json) = sign_both(&["--placement", "body", "--data", "q=it's $x", url]);
    let signed_body = json["signed_body"].as_str().expect("signed_body");
    assert!(signed_body.starts_with("q=it's $x&oauth_consumer_key="));
    assert_parses_to(
        &command,
        &words(&[
            b"curl",
            b"-H",
            b"Content-Type: application/x-www-form-urlencoded",
            b"--data-raw",
            signed_body.as_bytes(),
            url.as_bytes(),
        ]),
    );
}

#[test]
fn a_body_that_is_not_utf8_is_passed_byte_for_byte() {
    let body: &[u8] = b"\xff\xfe caf\xe9 '\n";
    let path = temp_file("binary-body", body);
    let data = format!("@{}", path.display());
    let url = "https://api.example.com/upload";
    let extra = [
        "--data",
        data.as_str(),
        "--content-type",
        "application/octet-stream",
        url,
    ];
    let (command, json) = sign_both(&extra);
    let auth = format!("Authorization: {}", json["authorization"].as_str().unwrap());
    assert_parses_to(
        &command,
        &words(&[
            b"curl",
            b"-H",
            auth.as_bytes(),
            b"-H",
            b"Content-Type: application/octet-stream",
            b"--data-raw",
            body,
            url.as_bytes(),
        ]),
    );
}

#[test]
fn a_body_with_a_nul_byte_cannot_become_a_curl_argument() {
    let path = temp_file("nul-body", b"a\0b");
    let data = format!("@{}", path.display());
    let env = env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET);
    let r = run(
        &[
            "sign",
            "--format",
            "curl",
            "--data",
            &data,
            "--content-type",
            "application/octet-stream",
            "https://h/",
        ],
        &env,
    );
    let line = common::assert_bad_input(&r, "NUL in body");
    assert!(line.contains("NUL"), "{line}");
}
