//! `--provider NAME` on `sign` (and its curl command) and `oauth1 providers`: a preset's
//! settings are applied first and the user's own options win; a bad name or a missing
//! value is bad input naming what is wrong. `request` and `login` with presets are
//! tested against local servers in request.rs and login.rs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{assert_error, env_credentials, json_of, run};

const URL: &str =
    "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1";

fn sign(args: &[&str]) -> common::Run {
    let mut all = vec!["sign"];
    all.extend_from_slice(args);
    run(&all, &env_credentials("ck", "cs", "tk", "ts"))
}

#[test]
fn a_preset_sets_method_and_realm_and_the_users_options_win() {
    let netsuite = [
        "--provider",
        "netsuite",
        "--provider-value",
        "account=1234567_SB1",
    ];
    let mut args = netsuite.to_vec();
    args.extend(["--format", "json", URL]);
    let json = json_of(&sign(&args));
    let authorization = json["authorization"].as_str().unwrap();
    assert!(
        authorization.starts_with("OAuth realm=\"1234567_SB1\""),
        "{authorization}"
    );
    assert!(
        authorization.contains("oauth_signature_method=\"HMAC-SHA256\""),
        "{authorization}"
    );

    let mut args = netsuite.to_vec();
    args.extend([
        "--signature-method",
        "HMAC-SHA1",
        "--realm",
        "mine",
        "--no-version",
    ]);
    args.extend(["--format", "json", URL]);
    let json = json_of(&sign(&args));
    let authorization = json["authorization"].as_str().unwrap();
    assert!(
        authorization.starts_with("OAuth realm=\"mine\""),
        "{authorization}"
    );
    assert!(
        authorization.contains("oauth_signature_method=\"HMAC-SHA1\""),
        "{authorization}"
    );
    assert!(!authorization.contains("oauth_version"), "{authorization}");
}

#[test]
fn the_curl_command_sends_the_headers_a_preset_requires() {
    let r = sign(&[
        "--provider",
        "discogs",
        "--provider-value",
        "user_agent=MyApp/1.0",
        "--format",
        "curl",
        "https://api.discogs.com/oauth/identity",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("-H 'User-Agent: MyApp/1.0'"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_preset_names_and_values_are_bad_input() {
    let line = assert_error(&sign(&["--provider", "nonesuch", URL]), "unknown_provider");
    assert!(line.contains("oauth1 providers"), "{line}");
    let line = assert_error(&sign(&["--provider", "netsuite", URL]), "invalid_option");
    assert!(line.contains("account"), "{line}");
    let line = assert_error(
        &sign(&["--provider", "netsuite", "--provider-value", "account", URL]),
        "invalid_option",
    );
    assert!(
        line.contains("--provider-value") && line.contains("KEY=VALUE"),
        "{line}"
    );
    // Jira signs with RSA-SHA1: without a private key there is nothing to sign with.
    let line = assert_error(
        &sign(&[
            "--provider",
            "jira",
            "--provider-value",
            "base_url=https://jira.example.com",
            URL,
        ]),
        "invalid_credentials",
    );
    assert!(
        line.contains("jira preset") && line.contains("--private-key"),
        "{line}"
    );
}

#[test]
fn providers_lists_each_preset_with_its_docs_and_values() {
    let r = run(&["providers"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in oauth1::Provider::names() {
        let line = r
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} missing:\n{}", r.stdout));
        assert!(line.len() > name.len() + 2, "{name} has no title: {line:?}");
    }
    assert!(
        r.stdout.contains("--provider-value account="),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.trim_start().starts_with("https://"))
            .count(),
        oauth1::Provider::names().len(),
        "one documentation link per preset:\n{}",
        r.stdout
    );
}
