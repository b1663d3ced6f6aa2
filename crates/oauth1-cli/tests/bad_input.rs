//! Every case of `tests/vectors/bad-input.json` that the command can express, the
//! same table every binding runs (issue 13): `sign` cases through `oauth1 sign`,
//! `verify` cases through `oauth1 verify` (in both output formats). The code a case
//! expects is the code the command reports: the first word after `oauth1: error: `
//! for bad input (exit status 2), the OAuth problem for a rejection (exit status 1),
//! and `error: null` means exit status 0. `parameters_absent`, `parameters_rejected`
//! and `message_excludes` are checked where given. Every failing case is named.
//!
//! The RSA cases (issue 15) pass their keys as files: a signer's `private_key` through
//! `--private-key`, its `private_key_password` in an environment variable named with
//! `--key-password-env`, `allow_short_key` as `--allow-short-key`; a server's
//! `rsa_public_key` through `--public-key`. A case without a `consumer_secret` passes
//! none. No run may print the key or the password.
//!
//! The `nonce_store` cases build a memory nonce store with a capacity and a window;
//! the command has no memory store (each run verifies one request) and its one store,
//! `verify --redis URL` (tests/redis.rs), takes neither: its window is the allowed
//! skew. So they cannot be expressed, and a test below fails once it gains a way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{Run, error_code, key_material_in, oauth1, run, run_cmd, temp_file, workspace_root};
use serde_json::Value;
use std::process::Command;

fn table() -> Value {
    let path = workspace_root().join("tests/vectors/bad-input.json");
    let text = std::fs::read_to_string(&path).expect("read tests/vectors/bad-input.json");
    serde_json::from_str(&text).expect("the table is JSON")
}

fn section(table: &Value, name: &str) -> Vec<Value> {
    let cases = table[name]
        .as_array()
        .unwrap_or_else(|| panic!("no {name} section"))
        .clone();
    assert!(!cases.is_empty(), "the {name} section is empty");
    cases
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Fails on a key the runner does not know, so that a new kind of input in the table
/// is noticed here rather than silently left out.
fn only_keys(name: &str, what: &str, object: &Value, known: &[&str]) {
    let map = object
        .as_object()
        .unwrap_or_else(|| panic!("{name}: {what} is not an object"));
    for key in map.keys() {
        assert!(
            known.contains(&key.as_str()),
            "{name}: the runner cannot pass {what}.{key} to the command yet"
        );
    }
}

/// Passes one set of credentials, by the environment (even `route`) or a
/// credentials file (odd); both are quiet, unlike secrets given as flags.
fn credentials(cmd: &mut Command, name: &str, values: &Value, route: usize) {
    const VALUES: [(&str, &str); 4] = [
        ("consumer_key", "OAUTH1_CONSUMER_KEY"),
        ("consumer_secret", "OAUTH1_CONSUMER_SECRET"),
        ("token", "OAUTH1_TOKEN"),
        ("token_secret", "OAUTH1_TOKEN_SECRET"),
    ];
    if route.is_multiple_of(2) {
        for (key, var) in VALUES {
            if let Some(value) = str_of(values, key) {
                cmd.env(var, value);
            }
        }
    } else {
        let mut file = serde_json::Map::new();
        for (key, _) in VALUES {
            if let Some(value) = str_of(values, key) {
                file.insert(key.into(), value.into());
            }
        }
        let path = temp_file(
            &format!("{name}.json"),
            Value::Object(file).to_string().as_bytes(),
        );
        cmd.arg("--credentials").arg(path);
    }
}

/// The method, the body (always from a file, so that its bytes arrive exactly) and
/// its Content-Type; the URL goes last.
fn request(cmd: &mut Command, name: &str, request: &Value) {
    cmd.args(["-X", str_of(request, "method").expect("method")]);
    match (str_of(request, "body"), str_of(request, "content_type")) {
        (Some(body), Some(content_type)) => {
            let path = temp_file(&format!("{name}.body"), body.as_bytes());
            cmd.arg("--data").arg(format!("@{}", path.display()));
            cmd.args(["--content-type", content_type]);
        }
        (None, Some(content_type)) => {
            cmd.args(["--content-type", content_type]);
        }
        (Some(_), None) => panic!(
            "{name}: a body without a Content-Type; the command would send it as a form, like curl"
        ),
        (None, None) => {}
    }
}

/// The code the command reported, from its exit status and output: `None` for success.
fn reported_code(r: &Run, format_json: bool) -> Result<Option<String>, String> {
    match r.code {
        0 => Ok(None),
        1 if format_json => {
            let v: Value = serde_json::from_str(&r.stdout)
                .map_err(|e| format!("stdout is not JSON ({e}): {}", r.stdout))?;
            if v["valid"] != Value::Bool(false) {
                return Err(format!("exit status 1 but not \"valid\": false: {v}"));
            }
            str_of(&v, "problem")
                .map(|p| Some(p.to_owned()))
                .ok_or_else(|| format!("no problem in {v}"))
        }
        1 => r
            .stdout
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("invalid: "))
            .and_then(|l| l.split_once(": "))
            .map(|(problem, _)| Some(problem.to_owned()))
            .ok_or_else(|| format!("no `invalid: PROBLEM: …` line: {}", r.stdout)),
        2 => {
            if !r.stdout.is_empty() {
                return Err(format!("bad input printed on stdout: {}", r.stdout));
            }
            let lines: Vec<&str> = r.stderr.lines().collect();
            if lines.len() != 1 {
                return Err(format!("not one line on stderr: {:?}", r.stderr));
            }
            Ok(Some(error_code(lines[0]).to_owned()))
        }
        other => Err(format!("exit status {other}; stderr: {}", r.stderr)),
    }
}

/// The variable that carries a signer's `private_key_password`.
const PASSWORD_VAR: &str = "OAUTH1_TEST_KEY_PASSWORD";

/// Passes a signer's RSA private key (a PEM file), its password and `allow_short_key`.
fn private_key(cmd: &mut Command, name: &str, signer: &Value) {
    if let Some(pem) = str_of(signer, "private_key") {
        let path = temp_file(&format!("{name}.pem"), pem.as_bytes());
        cmd.arg("--private-key").arg(path);
    }
    if let Some(password) = str_of(signer, "private_key_password") {
        cmd.env(PASSWORD_VAR, password);
        cmd.args(["--key-password-env", PASSWORD_VAR]);
    }
    if signer["allow_short_key"].as_bool() == Some(true) {
        cmd.arg("--allow-short-key");
    }
}

/// No key material and no password in the output, whatever the verdict. A password
/// shorter than 8 characters (`wrong`) is a word the messages may use, so only
/// longer ones are looked for.
fn check_no_key_material(case: &Value, r: &Run) -> Result<(), String> {
    let values = case.get("signer").unwrap_or(&case["secrets"]);
    let all = r.all_output();
    if let Some(password) = str_of(values, "private_key_password")
        && password.len() >= 8
        && all.contains(password)
    {
        return Err(format!("the password was printed: {all}"));
    }
    let pem = str_of(values, "private_key").or(str_of(values, "rsa_public_key"));
    if let Some(piece) = pem.and_then(|pem| key_material_in(&all, pem)) {
        return Err(format!("a piece of the key ({piece}) was printed: {all}"));
    }
    Ok(())
}

/// Checks one run against the case; `Err` says what is wrong.
fn check(case: &Value, r: &Run, format_json: bool) -> Result<(), String> {
    check_no_key_material(case, r)?;
    let expected = str_of(case, "error");
    let got = reported_code(r, format_json)?;
    if got.as_deref() != expected {
        return Err(format!(
            "expected {expected:?}, got {got:?} (exit status {}); stdout: {} stderr: {}",
            r.code, r.stdout, r.stderr
        ));
    }
    if let Some(excluded) = str_of(case, "message_excludes")
        && r.all_output().contains(excluded)
    {
        return Err(format!(
            "the output quotes {excluded:?}: {}",
            r.all_output()
        ));
    }
    for field in ["parameters_absent", "parameters_rejected"] {
        let Some(want) = case.get(field) else {
            continue;
        };
        if r.code != 1 {
            return Err(format!(
                "{field} expected, but the request was not rejected"
            ));
        }
        if format_json {
            let v: Value = serde_json::from_str(&r.stdout).map_err(|e| e.to_string())?;
            if &v[field] != want {
                return Err(format!("{field}: expected {want}, got {}", v[field]));
            }
        } else {
            // The text form carries them in the WWW-Authenticate line, as a server sends them.
            let names: Vec<&str> = want
                .as_array()
                .expect("a list")
                .iter()
                .map(|n| n.as_str().expect("a name"))
                .collect();
            let wire = format!("oauth_{field}=\"{}\"", names.join("%26"));
            if !r.stdout.contains(&wire) {
                return Err(format!("{field}: no {wire} in {}", r.stdout));
            }
        }
    }
    Ok(())
}

fn finish(section: &str, ran: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {ran} {section} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_sign_case() {
    let cases = section(&table(), "sign");
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = str_of(case, "name").expect("name");
        only_keys(
            name,
            "the case",
            case,
            &["name", "signer", "request", "error", "message_excludes"],
        );
        let signer = &case["signer"];
        let req = &case["request"];
        only_keys(
            name,
            "signer",
            signer,
            &[
                "consumer_key",
                "consumer_secret",
                "token",
                "token_secret",
                "signature_method",
                "placement",
                "callback",
                "verifier",
                "realm",
                "private_key",
                "private_key_password",
                "allow_short_key",
            ],
        );
        only_keys(
            name,
            "request",
            req,
            &[
                "method",
                "url",
                "nonce",
                "timestamp",
                "body",
                "content_type",
            ],
        );

        let mut cmd = oauth1();
        cmd.args(["sign", "--format", "json"]);
        credentials(&mut cmd, name, signer, i);
        private_key(&mut cmd, name, signer);
        for (key, flag) in [
            ("signature_method", "--signature-method"),
            ("placement", "--placement"),
            ("callback", "--callback"),
            ("verifier", "--verifier"),
            ("realm", "--realm"),
        ] {
            if let Some(value) = str_of(signer, key) {
                cmd.args([flag, value]);
            }
        }
        if let Some(nonce) = str_of(req, "nonce") {
            cmd.args(["--nonce", nonce]);
        }
        if let Some(timestamp) = req.get("timestamp") {
            // A signed integer, as given: the command's own reading of it is tested.
            let timestamp = timestamp.as_i64().expect("an integer timestamp");
            cmd.arg("--timestamp").arg(timestamp.to_string());
        }
        request(&mut cmd, name, req);
        cmd.arg(str_of(req, "url").expect("url"));
        let r = run_cmd(cmd, None);
        if let Err(why) = check(case, &r, true) {
            failures.push(format!("sign {name}: {why}"));
        }
    }
    finish("sign", cases.len(), &failures);
}

/// The flags for a case's options; `None` for one the command cannot express.
fn verify_option_flags(name: &str, options: &Value) -> Vec<String> {
    let mut flags = Vec::new();
    let map = options
        .as_object()
        .unwrap_or_else(|| panic!("{name}: options is not an object"));
    for (key, value) in map {
        let flag = |v: &Value| v.as_bool().expect("a boolean option");
        match key.as_str() {
            "now" => flags.extend([
                "--now".to_owned(),
                value.as_i64().expect("an integer now").to_string(),
            ]),
            "max_skew" => flags.extend([
                "--max-skew".to_owned(),
                value.as_u64().expect("a max_skew").to_string(),
            ]),
            "signature_methods" => {
                let names: Vec<&str> = value
                    .as_array()
                    .expect("a list of methods")
                    .iter()
                    .map(|m| m.as_str().expect("a method name"))
                    .collect();
                flags.extend(["--signature-methods".to_owned(), names.join(",")]);
            }
            "allow_plaintext_over_http" if flag(value) => {
                flags.push("--allow-plaintext-over-http".to_owned());
            }
            "require_timestamp" if !flag(value) => {
                flags.push("--allow-missing-timestamp".to_owned());
            }
            "require_body_hash" if flag(value) => flags.push("--require-body-hash".to_owned()),
            "hide_unknown_keys" if flag(value) => flags.push("--hide-unknown-keys".to_owned()),
            // The default value, stated: nothing to pass.
            "allow_plaintext_over_http" | "require_body_hash" | "hide_unknown_keys" => {}
            "require_timestamp" => {}
            other => panic!("{name}: the command has no option for {other:?}"),
        }
    }
    flags
}

#[test]
fn every_verify_case_in_both_formats() {
    let cases = section(&table(), "verify");
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = str_of(case, "name").expect("name");
        only_keys(
            name,
            "the case",
            case,
            &[
                "name",
                "request",
                "secrets",
                "options",
                "error",
                "parameters_absent",
                "parameters_rejected",
                "message_excludes",
            ],
        );
        let req = &case["request"];
        only_keys(
            name,
            "request",
            req,
            &["method", "url", "authorization", "body", "content_type"],
        );
        only_keys(
            name,
            "secrets",
            &case["secrets"],
            &[
                "consumer_key",
                "consumer_secret",
                "token",
                "token_secret",
                "rsa_public_key",
            ],
        );
        // The public key or certificate, written once for both formats.
        let public_key = str_of(&case["secrets"], "rsa_public_key")
            .map(|pem| temp_file(&format!("{name}.pub.pem"), pem.as_bytes()));
        let options = case.get("options").cloned().unwrap_or(Value::Null);
        let option_flags = if options.is_null() {
            Vec::new()
        } else {
            verify_option_flags(name, &options)
        };
        for format in ["json", "text"] {
            let mut cmd = oauth1();
            cmd.args(["verify", "--format", format]);
            credentials(&mut cmd, name, &case["secrets"], i);
            if let Some(path) = &public_key {
                cmd.arg("--public-key").arg(path);
            }
            cmd.args(&option_flags);
            if let Some(authorization) = str_of(req, "authorization") {
                cmd.args(["--authorization", authorization]);
            }
            request(&mut cmd, name, req);
            cmd.arg(str_of(req, "url").expect("url"));
            let r = run_cmd(cmd, None);
            if let Err(why) = check(case, &r, format == "json") {
                failures.push(format!("verify {name} (--format {format}): {why}"));
            }
        }
    }
    finish("verify", cases.len(), &failures);
}

/// The `nonce_store` cases need an option to size a memory nonce store; the command
/// has none (it verifies one request per run). Its Redis store (`--redis URL`, issue
/// 17) is sized by nothing but the allowed skew, so it cannot express them either.
/// When the command gains a capacity or window option, this fails, so that the cases
/// are run too.
#[test]
fn nonce_store_cases_need_an_option_the_command_does_not_have() {
    let cases = section(&table(), "nonce_store");
    let r = run(&["verify", "--help"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("--redis <URL>"), "{}", r.stdout);
    for word in ["--nonce-store", "capacity", "--window"] {
        assert!(
            !r.stdout.contains(word),
            "verify has a nonce store option now ({word}); run the {} nonce_store cases of bad-input.json",
            cases.len()
        );
    }
}
