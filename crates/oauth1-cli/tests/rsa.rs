//! RSA-SHA1, RSA-SHA256 and RSA-SHA512 (RFC 5849 section 3.4.3, issue 15): `sign
//! --private-key` in every key format, the key file from a flag, a credentials file or
//! the environment, `verify --public-key` with every public key form, `--explain`, the
//! key errors, and never a piece of a key or its password in any output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{
    Run, assert_error, assert_no_key_material, json_of, key_material_in, oauth1, pem_lines, run,
    run_cmd, temp_file, test_key, workspace_root,
};
use std::path::Path;

const URL: &str = "https://jira.example.com/rest/api/2/search?jql=project%3DOA";
const FIXED: [&str; 4] = ["--nonce", "n0nce", "--timestamp", "1700000000"];
/// The passwords of the test keys (tests/vectors/keys/README.md).
const PEM_PASSWORD: &str = "correct horse";
const P12_PASSWORD: &str = "keystore password";
const PASSWORD_VAR: &str = "OAUTH1_TEST_KEY_PASSWORD";
const RSA_METHODS: [&str; 3] = ["RSA-SHA1", "RSA-SHA256", "RSA-SHA512"];

fn key(name: &str) -> String {
    test_key(name).to_str().expect("a UTF-8 path").to_owned()
}

fn read_key(name: &str) -> String {
    std::fs::read_to_string(test_key(name)).expect("read a test key")
}

/// Checks that no output of `r` shows a piece of any test key or either password.
fn assert_nothing_secret(what: &str, r: &Run) {
    let all = r.all_output();
    for name in [
        "rsa-2048.pem",
        "rsa-2048-pkcs1.pem",
        "rsa-2048-encrypted.pem",
        "rsa-2048-pkcs1-encrypted.pem",
        "rsa-1024.pem",
        "oauth-core-1.0-test.pem",
        "ec-p256.pem",
    ] {
        assert_no_key_material(&format!("{what} ({name})"), &all, &read_key(name));
    }
    for password in [PEM_PASSWORD, P12_PASSWORD, "wrong-password-4711"] {
        assert!(
            !all.contains(password),
            "{what}: the password {password:?} was printed:\n{all}"
        );
    }
}

/// `oauth1 sign --format json` with the fixed nonce and timestamp, consumer key
/// `jira-consumer` and no consumer secret.
fn sign_json(args: &[&str], env: &[(&str, &str)]) -> serde_json::Value {
    let mut all = vec![
        "sign",
        "--format",
        "json",
        "--consumer-key",
        "jira-consumer",
    ];
    all.extend(FIXED);
    all.extend(args);
    all.push(URL);
    let r = run(&all, env);
    assert_nothing_secret(&format!("sign {args:?}"), &r);
    assert!(r.stderr.is_empty(), "no warning expected: {}", r.stderr);
    json_of(&r)
}

/// `oauth1 verify` of a signed header against consumer `jira-consumer`, at the fixed time.
fn verify(authorization: &str, url: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec![
        "verify",
        "--consumer-key",
        "jira-consumer",
        "--now",
        "1700000000",
        "--authorization",
        authorization,
    ];
    all.extend(args);
    all.push(url);
    let r = run(&all, env);
    assert_nothing_secret(&format!("verify {args:?}"), &r);
    r
}

#[test]
fn the_test_keys_have_base64_to_look_for() {
    // The leak checks look for pieces of these lines; make sure they find some.
    for name in ["rsa-2048.pem", "rsa-2048-encrypted.pem", "rsa-1024.pem"] {
        let pem = read_key(name);
        assert!(pem_lines(&pem).len() > 10, "{name}");
        assert!(key_material_in(&pem, &pem).is_some(), "{name}");
    }
}

#[test]
fn sign_then_verify_with_each_rsa_method_and_each_public_key_form() {
    let public_keys = [
        "rsa-2048-public.pem",
        "rsa-2048-public.der",
        "rsa-2048-public-pkcs1.pem",
        "rsa-2048-cert.pem",
        "rsa-2048-cert.der",
    ];
    let private_key = key("rsa-2048.pem");
    for (i, method) in RSA_METHODS.iter().enumerate() {
        let signed = sign_json(
            &["--private-key", &private_key, "--signature-method", method],
            &[],
        );
        let authorization = signed["authorization"].as_str().unwrap();
        assert!(
            authorization.contains(&format!("oauth_signature_method=\"{method}\"")),
            "{authorization}"
        );
        // 2048 bits: 256 bytes, 344 characters of base64.
        assert_eq!(signed["signature"].as_str().unwrap().len(), 344, "{method}");
        for (j, public) in public_keys.iter().enumerate() {
            let public = key(public);
            let r = verify(authorization, URL, &["--public-key", &public], &[]);
            assert_eq!(r.code, 0, "{method} with {public}: {}", r.stdout);
            assert!(
                r.stdout.starts_with(&format!(
                    "valid: {method} signature by consumer key \"jira-consumer\""
                )),
                "{}",
                r.stdout
            );
            // A one-byte change to the URL is refused.
            if (i + j) % 2 == 0 {
                let r = verify(
                    authorization,
                    &URL.replace("OA", "OB"),
                    &["--public-key", &public, "--format", "json"],
                    &[],
                );
                assert_eq!(r.code, 1, "{}", r.stdout);
                let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
                assert_eq!(v["problem"], "signature_invalid", "{v}");
            }
        }
    }
}

#[test]
fn a_private_key_without_a_method_signs_rsa_sha1_and_no_secret_is_needed() {
    let signed = sign_json(&["--private-key", &key("rsa-2048.pem")], &[]);
    let by_name = sign_json(
        &[
            "--private-key",
            &key("rsa-2048.pem"),
            "--signature-method",
            "RSA-SHA1",
        ],
        &[],
    );
    assert_eq!(signed, by_name);
    assert!(
        signed["base_string"]
            .as_str()
            .unwrap()
            .contains("oauth_signature_method%3DRSA-SHA1"),
        "{signed}"
    );
    // A consumer secret, a token and its secret change nothing but the token sent:
    // RSA uses neither secret.
    let env = [
        ("OAUTH1_CONSUMER_SECRET", "unused-consumer-secret"),
        ("OAUTH1_TOKEN", "access-token"),
        ("OAUTH1_TOKEN_SECRET", "unused-token-secret"),
    ];
    let with_token = sign_json(&["--private-key", &key("rsa-2048.pem")], &env);
    let other_secret = sign_json(
        &["--private-key", &key("rsa-2048.pem")],
        &[
            ("OAUTH1_CONSUMER_SECRET", "another-secret"),
            ("OAUTH1_TOKEN", "access-token"),
            ("OAUTH1_TOKEN_SECRET", "a-token-secret"),
        ],
    );
    assert_eq!(with_token["signature"], other_secret["signature"]);
    assert_ne!(
        with_token["signature"], signed["signature"],
        "the token is signed"
    );
}

#[test]
fn every_private_key_format_signs_alike() {
    let expected = sign_json(&["--private-key", &key("rsa-2048.pem")], &[]);
    for (name, password) in [
        ("rsa-2048.der", None),
        ("rsa-2048-pkcs1.pem", None),
        ("rsa-2048-encrypted.pem", Some(PEM_PASSWORD)),
        ("rsa-2048-encrypted.der", Some(PEM_PASSWORD)),
        ("rsa-2048-pkcs1-encrypted.pem", Some(PEM_PASSWORD)),
        ("rsa-2048.p12", Some(P12_PASSWORD)),
        ("rsa-2048-legacy.p12", Some(P12_PASSWORD)),
    ] {
        let path = key(name);
        let mut args = vec!["--private-key", path.as_str()];
        let mut env = Vec::new();
        if let Some(password) = password {
            args.extend(["--key-password-env", PASSWORD_VAR]);
            env.push((PASSWORD_VAR, password));
        }
        let got = sign_json(&args, &env);
        assert_eq!(got["signature"], expected["signature"], "{name}");
    }
}

#[test]
fn the_key_file_comes_from_the_flag_then_the_credentials_file_then_the_environment() {
    // A credentials file naming its key relative to its own folder.
    let pem = std::fs::read(test_key("rsa-2048.pem")).unwrap();
    let key_in_folder = temp_file("jira.pem", &pem);
    let credentials = key_in_folder.with_file_name("credentials.json");
    std::fs::write(
        &credentials,
        br#"{"consumer_key": "jira-consumer", "private_key_file": "jira.pem"}"#,
    )
    .unwrap();
    let credentials = credentials.to_str().unwrap();
    let by_flag = |name: &str| {
        sign_json(&["--private-key", &key(name), "--allow-short-key"], &[])["signature"].clone()
    };

    // Run from another folder: the relative name is the file's, not the working folder's.
    let mut cmd = oauth1();
    cmd.current_dir(workspace_root())
        .args(["sign", "--format", "json", "--credentials", credentials])
        .args(FIXED)
        .arg(URL);
    let from_file = json_of(&run_cmd(cmd, None));
    assert_eq!(from_file["signature"], by_flag("rsa-2048.pem"));

    let env_key = key("oauth-core-1.0-test.pem");
    let env = [(oauth1::PRIVATE_KEY_FILE_VAR, env_key.as_str())];
    // The environment alone.
    let from_env = sign_json(&["--allow-short-key"], &env);
    assert_eq!(from_env["signature"], by_flag("oauth-core-1.0-test.pem"));
    // The file over the environment.
    let got = sign_json(&["--credentials", credentials, "--allow-short-key"], &env);
    assert_eq!(got["signature"], by_flag("rsa-2048.pem"));
    // The flag over both.
    let got = sign_json(
        &[
            "--credentials",
            credentials,
            "--private-key",
            &key("rsa-1024.pem"),
            "--allow-short-key",
        ],
        &env,
    );
    assert_eq!(got["signature"], by_flag("rsa-1024.pem"));

    // A key file the credentials file names but that is not there: the error names both.
    let missing = temp_file(
        "creds.json",
        br#"{"consumer_key": "k", "private_key_file": "missing.pem"}"#,
    );
    let r = run(
        &["sign", "--credentials", missing.to_str().unwrap(), URL],
        &[],
    );
    let line = assert_error(&r, "key_unreadable");
    assert!(
        line.contains("missing.pem") && line.contains("private_key_file"),
        "{line}"
    );
}

#[test]
fn an_rsa_only_consumer_refuses_hmac_and_a_consumer_with_both_takes_both() {
    let public = key("rsa-2048-cert.pem");
    let rsa = sign_json(&["--private-key", &key("rsa-2048.pem")], &[]);
    let rsa = rsa["authorization"].as_str().unwrap();
    let secret = [("OAUTH1_CONSUMER_SECRET", "shared-secret")];
    let hmac = sign_json(&[], &secret);
    let hmac = hmac["authorization"].as_str().unwrap();

    // --public-key alone: RSA only.
    assert_eq!(verify(rsa, URL, &["--public-key", &public], &[]).code, 0);
    let r = verify(hmac, URL, &["--public-key", &public], &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.starts_with("invalid: signature_method_rejected: "),
        "{}",
        r.stdout
    );
    // A secret alone: HMAC only.
    assert_eq!(verify(hmac, URL, &[], &secret).code, 0);
    let r = verify(rsa, URL, &[], &secret);
    assert!(
        r.code == 1 && r.stdout.starts_with("invalid: signature_method_rejected: "),
        "{}",
        r.stdout
    );
    // Both: both.
    assert_eq!(
        verify(rsa, URL, &["--public-key", &public], &secret).code,
        0
    );
    assert_eq!(
        verify(hmac, URL, &["--public-key", &public], &secret).code,
        0
    );
    // Neither: the consumer secret is missing, and the message names --public-key.
    let r = verify(rsa, URL, &[], &[]);
    let line = assert_error(&r, "invalid_credentials");
    assert!(line.contains("--public-key FILE"), "{line}");
    // The RSA methods can be left out like any other.
    let r = verify(
        rsa,
        URL,
        &["--public-key", &public, "--signature-methods", "HMAC-SHA1"],
        &[],
    );
    assert!(
        r.code == 1 && r.stdout.starts_with("invalid: signature_method_rejected: "),
        "{}",
        r.stdout
    );
}

#[test]
fn placements_and_formats_work_with_rsa() {
    let private_key = key("rsa-2048.pem");
    let public = key("rsa-2048-public.pem");
    // Query placement: the signed URL is the request to verify.
    let mut args = vec!["sign", "--consumer-key", "k", "--placement", "query"];
    args.extend(["--private-key", private_key.as_str(), URL]);
    let r = run(&args, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let signed_url = r.stdout.trim_end();
    let r = run(
        &[
            "verify",
            "--consumer-key",
            "k",
            "--public-key",
            &public,
            signed_url,
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("in the query"), "{}", r.stdout);
    // curl: the header is there and no key.
    let mut args = vec!["sign", "--consumer-key", "k", "--format", "curl"];
    args.extend(["--private-key", private_key.as_str(), URL]);
    let r = run(&args, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("oauth_signature_method=\"RSA-SHA1\""));
    assert_nothing_secret("curl", &r);
}

#[test]
fn explain_shows_the_key_size_and_never_the_key_or_its_password() {
    for (name, bits, extra) in [
        (
            "rsa-2048-encrypted.pem",
            2048,
            &["--key-password-env", PASSWORD_VAR][..],
        ),
        ("rsa-1024.pem", 1024, &["--allow-short-key"][..]),
    ] {
        let path = key(name);
        let mut args = vec![
            "sign",
            "--explain",
            "--consumer-key",
            "k",
            "--private-key",
            &path,
        ];
        args.extend(FIXED);
        args.extend(extra);
        args.extend(["--signature-method", "RSA-SHA256", URL]);
        let r = run(&args, &[(PASSWORD_VAR, PEM_PASSWORD)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = &r.stdout;
        assert!(
            text.contains(&format!("<RSA private key, {bits} bits>")),
            "{text}"
        );
        assert!(text.contains("section 3.4.3"), "{text}");
        assert!(text.contains("[RSA-SHA256]"), "{text}");
        assert!(!text.contains("<consumer secret>"), "{text}");
        assert!(!text.contains("BEGIN"), "{text}");
        assert_nothing_secret(name, &r);
    }
}

/// Arguments, environment, expected code, and a piece of the expected message.
type BadCase<'a> = (Vec<String>, &'a [(&'a str, &'a str)], &'a str, &'a str);

/// Runs and checks the bad-input contract with `code`; `expect` must be in the message.
fn bad(args: &[&str], env: &[(&str, &str)], code: &str, expect: &str) {
    let r = run(args, env);
    let line = assert_error(&r, code);
    assert!(line.contains(expect), "expected {expect:?} in {line:?}");
    assert_nothing_secret(&format!("{args:?}"), &r);
}

#[test]
fn key_errors_have_their_own_codes_and_show_no_key_or_password() {
    let sign = |key_args: &[&str]| {
        let mut args = vec!["sign", "--consumer-key", "k"];
        args.extend(key_args);
        args.push(URL);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let encrypted = key("rsa-2048-encrypted.pem");
    let p12 = key("rsa-2048.p12");
    let wrong = [(PASSWORD_VAR, "wrong-password-4711")];
    let right = [(PASSWORD_VAR, PEM_PASSWORD)];
    let cases: Vec<BadCase> = vec![
        (
            sign(&["--private-key", &encrypted]),
            &[],
            "key_password",
            "--key-password-env VAR",
        ),
        (
            sign(&[
                "--private-key",
                &encrypted,
                "--key-password-env",
                PASSWORD_VAR,
            ]),
            &wrong,
            "key_password",
            "wrong",
        ),
        (
            sign(&[
                "--private-key",
                &encrypted,
                "--key-password-env",
                "OAUTH1_NOT_SET",
            ]),
            &[],
            "key_password",
            "\"OAUTH1_NOT_SET\" is not set",
        ),
        (
            sign(&["--private-key", &p12]),
            &[],
            "key_password",
            "PKCS#12",
        ),
        (
            sign(&["--private-key", &p12, "--key-password-env", PASSWORD_VAR]),
            &wrong,
            "key_password",
            "wrong",
        ),
        (
            sign(&["--private-key", &key("rsa-2048-public.pem")]),
            &[],
            "key_type",
            "rsa-2048-public.pem",
        ),
        (
            sign(&["--private-key", &key("rsa-2048-cert.der")]),
            &[],
            "key_type",
            "private key",
        ),
        (
            sign(&["--private-key", &key("ec-p256.pem")]),
            &[],
            "key_type",
            "RSA",
        ),
        (
            sign(&["--private-key", &key("rsa-1024.pem")]),
            &[],
            "key_too_short",
            "--allow-short-key",
        ),
        (
            sign(&["--private-key", &key("oauth-core-1.0-test.pem")]),
            &[],
            "key_too_short",
            "1024 bits",
        ),
        (
            sign(&["--private-key", &key("README.md")]),
            &[],
            "key_unreadable",
            "README.md",
        ),
        (
            sign(&["--private-key", "/no/such/key.pem"]),
            &[],
            "key_unreadable",
            "/no/such/key.pem",
        ),
        (
            sign(&["--signature-method", "RSA-SHA256"]),
            &[],
            "invalid_credentials",
            "--private-key FILE",
        ),
        (
            sign(&[
                "--private-key",
                &encrypted,
                "--key-password-env",
                PASSWORD_VAR,
                "--signature-method",
                "HMAC-SHA256",
            ]),
            &right,
            "invalid_option",
            "the private key is --private-key",
        ),
        (
            sign(&["--consumer-secret", "", "--key-password-env", PASSWORD_VAR]),
            &right,
            "invalid_option",
            "no private key was given",
        ),
        (sign(&[]), &[], "invalid_credentials", "--private-key FILE"),
    ];
    for (args, env, code, expect) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        bad(&args, env, code, expect);
    }

    // verify --public-key.
    let verify = |key_args: &[&str]| {
        let mut args = vec![
            "verify",
            "--consumer-key",
            "k",
            "--authorization",
            "OAuth a=\"1\"",
        ];
        args.extend(key_args);
        args.push(URL);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    for (args, code, expect) in [
        (
            verify(&["--public-key", &key("rsa-2048.pem")]),
            "key_type",
            "public key or certificate",
        ),
        (
            verify(&["--public-key", &key("rsa-2048.p12")]),
            "key_type",
            "private key",
        ),
        (
            verify(&["--public-key", &key("README.md")]),
            "key_unreadable",
            "--public-key",
        ),
        (
            verify(&["--public-key", "/no/such/key.pem"]),
            "key_unreadable",
            "/no/such/key.pem",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        bad(&args, &[], code, expect);
    }
}

#[test]
fn help_names_the_rsa_flags_and_methods() {
    let sign = run(&["sign", "--help"], &[]).stdout;
    for needle in [
        "--private-key <FILE>",
        "--key-password-env <VAR>",
        "--allow-short-key",
        "OAUTH1_PRIVATE_KEY_FILE",
        "private_key_file",
        "[default: HMAC-SHA1, or RSA-SHA1 with a private key]",
    ] {
        assert!(sign.contains(needle), "{needle} not in:\n{sign}");
    }
    for method in oauth1::SignatureMethod::ALL {
        assert!(sign.contains(method.name()), "{method} not in:\n{sign}");
    }
    let verify = run(&["verify", "--help"], &[]).stdout;
    for needle in ["--public-key <FILE>", "--allow-short-key", "certificate"] {
        assert!(verify.contains(needle), "{needle} not in:\n{verify}");
    }
    let main = run(&["--help"], &[]).stdout;
    assert!(main.contains("OAUTH1_PRIVATE_KEY_FILE"), "{main}");
}

/// The README's RSA example, run as written by `sh` from the repository root with the
/// built `oauth1` first on the PATH.
#[test]
fn the_readmes_rsa_example_runs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("crates/oauth1-cli/README.md");
    let section = readme
        .split("## RSA-SHA1, RSA-SHA256 and RSA-SHA512")
        .nth(1)
        .expect("an RSA section");
    let script = section
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a sh block in the RSA section");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_oauth1")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.current_dir(workspace_root())
        .env("PATH", path)
        .args(["-e", "-c", script]);
    for name in oauth1::ENV_VARS {
        cmd.env_remove(name);
    }
    cmd.env_remove(oauth1::PRIVATE_KEY_FILE_VAR);
    let r = run_cmd(cmd, None);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(
        lines[0].starts_with("valid: RSA-SHA256 signature by consumer key \"jira-consumer\""),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("OAuth ")
            && lines[1].contains("oauth_body_hash=")
            && lines[1].contains("oauth_signature_method=\"RSA-SHA256\""),
        "{}",
        lines[1]
    );
    assert_nothing_secret("the README example", &r);
}
