//! `oauth1 login` end to end against a real local provider (tests/provider): the
//! three-legged flow of RFC 5849 section 2 with the browser played by the test, the
//! saved file (content and mode 0600) used by `oauth1 request`, the out-of-band
//! verifier, and each bad provider answer with its error and exit status.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;
mod provider;

use common::{Run, oauth1, run, temp_file};
use provider::{
    ACCESS_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_PATH, AUTHORIZE_PATH, CONSUMER_KEY, CONSUMER_SECRET,
    Mode, Provider, REQUEST_TOKEN_PATH, RESOURCE_PATH, browser_get,
};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// A consumer credentials file, as a user keeps one.
fn consumer_file() -> PathBuf {
    temp_file(
        "consumer.json",
        format!(r#"{{"consumer_key": "{CONSUMER_KEY}", "consumer_secret": "{CONSUMER_SECRET}"}}"#)
            .as_bytes(),
    )
}

/// Where the token is saved: a path in a fresh folder, not yet a file.
fn save_path() -> PathBuf {
    let marker = temp_file("marker", b"");
    marker.with_file_name("token.json")
}

/// `login` running, with its standard error read line by line.
struct Login {
    child: Child,
    lines: Receiver<String>,
    stderr: Vec<String>,
}

impl Login {
    fn start(args: &[&str]) -> Login {
        let mut cmd = oauth1();
        cmd.arg("login")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("the oauth1 binary starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Login {
            child,
            lines,
            stderr: Vec::new(),
        }
    }

    /// The URL of the `authorize: URL` line, which stands alone on its line.
    fn authorize_url(&mut self) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no authorize: line; stderr so far: {:?}", self.stderr));
            self.stderr.push(line.clone());
            if let Some(url) = line.strip_prefix("authorize: ") {
                assert!(!url.contains(' '), "the line holds the URL alone: {line:?}");
                return url.to_owned();
            }
        }
    }

    fn type_in(&mut self, text: &str) {
        let mut stdin = self.child.stdin.take().expect("stdin is piped");
        stdin.write_all(text.as_bytes()).expect("write stdin");
    }

    /// Waits for the end: the exit status and the whole of standard error.
    fn finish(mut self) -> Run {
        drop(self.child.stdin.take());
        let out = self.child.wait_with_output().expect("the binary runs");
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.stderr.push(line);
        }
        let stderr = self.stderr.join("\n");
        assert!(
            !stderr.contains("panicked"),
            "the binary panicked: {stderr}"
        );
        Run {
            code: out.status.code().expect("exited"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
            stdout_bytes: out.stdout,
        }
    }
}

/// The three URL flags for `provider`.
fn url_flags(provider: &Provider) -> Vec<String> {
    vec![
        "--request-token-url".into(),
        provider.url(REQUEST_TOKEN_PATH),
        "--authorize-url".into(),
        provider.url(AUTHORIZE_PATH),
        "--access-token-url".into(),
        provider.url(ACCESS_TOKEN_PATH),
    ]
}

fn login_args(provider: &Provider, consumer: &Path, save: &Path, more: &[&str]) -> Vec<String> {
    let mut args = url_flags(provider);
    args.extend(
        [
            "--credentials",
            &consumer.display().to_string(),
            "--save",
            &save.display().to_string(),
            "--no-browser",
        ]
        .map(str::to_owned),
    );
    args.extend(more.iter().map(|s| (*s).to_owned()));
    args
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The browser: opens the authorization URL, follows the provider's redirect to
/// the command's callback, and returns that page's status and text.
fn approve(authorize_url: &str) -> (u16, String) {
    let (status, location, body) = browser_get(authorize_url);
    assert_eq!(status, 302, "the provider approves at once: {body}");
    let callback = location.expect("a Location to the callback");
    assert!(
        callback.starts_with("http://127.0.0.1:") && callback.contains("/callback?"),
        "{callback}"
    );
    let (status, _, page) = browser_get(&callback);
    (status, page)
}

/// The saved file's values and mode.
fn check_saved(save: &Path) {
    let text = std::fs::read_to_string(save).expect("the file is saved");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["consumer_key"], CONSUMER_KEY);
    assert_eq!(json["consumer_secret"], CONSUMER_SECRET);
    assert_eq!(json["token"], ACCESS_TOKEN);
    assert_eq!(json["token_secret"], ACCESS_SECRET);
    assert_eq!(json["extra"]["screen_name"], "tester");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(save).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the saved file's mode is {mode:o}");
    }
}

/// `oauth1 request --credentials FILE URL` with the saved file alone.
fn request_resource(provider: &Provider, save: &Path) {
    let r = run(
        &[
            "request",
            "--credentials",
            &save.display().to_string(),
            &provider.url(RESOURCE_PATH),
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "hello tester\n");
}

#[test]
fn login_through_the_callback_then_request_with_the_saved_file() {
    let provider = Provider::start(Mode::Good);
    let (consumer, save) = (consumer_file(), save_path());
    // An old file in the way is replaced, and gets mode 0600 all the same.
    std::fs::write(&save, "old").unwrap();
    let args = login_args(&provider, &consumer, &save, &["--callback-port", "0"]);
    let mut login = Login::start(&strs(&args));
    let url = login.authorize_url();
    assert!(
        url.starts_with(&provider.url(AUTHORIZE_PATH)) && url.contains("oauth_token=temporary-"),
        "{url}"
    );
    let (status, page) = approve(&url);
    let r = login.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("saved the token credentials"), "{page}");
    assert!(r.stderr.contains("user_id=42"), "{}", r.stderr);
    check_saved(&save);
    // Both token requests were verified by the provider.
    let verified = provider.verified.lock().unwrap().clone();
    assert_eq!(
        verified,
        [
            (REQUEST_TOKEN_PATH.to_owned(), "HMAC-SHA1".to_owned()),
            (ACCESS_TOKEN_PATH.to_owned(), "HMAC-SHA1".to_owned())
        ]
    );
    request_resource(&provider, &save);
}

#[test]
fn a_chosen_callback_port_is_the_callback_sent() {
    let provider = Provider::start(Mode::Good);
    // A port that was free a moment ago.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let (consumer, save) = (consumer_file(), save_path());
    let args = login_args(&provider, &consumer, &save, &["--callback-port", &port]);
    let mut login = Login::start(&strs(&args));
    let url = login.authorize_url();
    let (status, location, _) = browser_get(&url);
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert!(
        location.starts_with(&format!("http://127.0.0.1:{port}/callback?")),
        "{location}"
    );
    // A browser may open a spare connection and send nothing on it, and asks for a
    // favicon: neither holds up the redirect, which is served at once.
    let _idle = std::net::TcpStream::connect(("127.0.0.1", port.parse::<u16>().unwrap())).unwrap();
    let started = std::time::Instant::now();
    let (status, _, _) = browser_get(&format!("http://127.0.0.1:{port}/favicon.ico"));
    assert_eq!(status, 404);
    let (status, _, _) = browser_get(&location);
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the idle connection held up the callback for {:?}",
        started.elapsed()
    );
    let r = login.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    check_saved(&save);
}

#[test]
fn login_out_of_band_reads_the_verifier_from_stdin() {
    let provider = Provider::start(Mode::Good);
    let (consumer, save) = (consumer_file(), save_path());
    let args = login_args(&provider, &consumer, &save, &["--oob"]);
    let mut login = Login::start(&strs(&args));
    let url = login.authorize_url();
    let (status, _, page) = browser_get(&url);
    assert_eq!(status, 200, "{page}");
    let verifier = page.trim().strip_prefix("verifier=").expect("a verifier");
    login.type_in(&format!("{verifier}\n"));
    let r = login.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    check_saved(&save);
    request_resource(&provider, &save);
}

#[test]
fn a_preset_gives_the_urls_and_the_signature_method() {
    // Magento's preset: token URLs under the base URL, HMAC-SHA256; it has no
    // authorization page, so --authorize-url names one.
    let provider = Provider::start(Mode::Good);
    let (consumer, save) = (consumer_file(), save_path());
    let args = [
        "--provider",
        "magento",
        "--provider-value",
        &format!("base_url={}", provider.server.base),
        "--authorize-url",
        &provider.url(AUTHORIZE_PATH),
        "--credentials",
        &consumer.display().to_string(),
        "--save",
        &save.display().to_string(),
        "--no-browser",
    ];
    let mut login = Login::start(&args);
    let url = login.authorize_url();
    approve(&url);
    let r = login.finish();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let verified = provider.verified.lock().unwrap().clone();
    assert!(
        verified.iter().all(|(_, method)| method == "HMAC-SHA256") && verified.len() == 2,
        "{verified:?}"
    );
    check_saved(&save);
}

/// Runs a login against a provider that answers wrongly; returns the result and
/// whether the file was (wrongly) written.
fn failed_login(mode: Mode, browser: bool) -> (Run, bool, Option<(u16, String)>) {
    let provider = Provider::start(mode);
    let (consumer, save) = (consumer_file(), save_path());
    let args = login_args(&provider, &consumer, &save, &[]);
    let mut login = Login::start(&strs(&args));
    let mut page = None;
    if browser {
        let url = login.authorize_url();
        page = Some(approve(&url));
    }
    let r = login.finish();
    (r, save.exists(), page)
}

/// The last line of standard error, which is the error line.
fn error_line(r: &Run) -> &str {
    r.stderr
        .lines()
        .find(|l| l.starts_with("oauth1: error: "))
        .unwrap_or_else(|| panic!("no error line in {:?}", r.stderr))
}

#[test]
fn a_missing_callback_confirmation_stops_the_flow() {
    let (r, saved, _) = failed_login(Mode::NoCallbackConfirmed, false);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = error_line(&r);
    assert!(
        line.starts_with("oauth1: error: callback_unconfirmed: the temporary-credentials request"),
        "{line}"
    );
    assert!(line.contains("oauth_callback_confirmed"), "{line}");
    assert!(!saved);
}

#[test]
fn a_refusal_with_oauth_problem_is_explained() {
    let (r, saved, _) = failed_login(Mode::RefuseRequestToken, false);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = error_line(&r);
    assert!(
        line.starts_with("oauth1: error: provider_error: "),
        "{line}"
    );
    assert!(line.contains("401"), "{line}");
    assert!(line.contains("oauth_problem=permission_denied"), "{line}");
    assert!(line.contains("the user refused"), "{line}");
    assert!(!saved);
}

#[test]
fn a_wrong_consumer_secret_is_signature_invalid_with_our_base_string() {
    let provider = Provider::start(Mode::Good);
    let consumer = temp_file(
        "consumer.json",
        format!(r#"{{"consumer_key": "{CONSUMER_KEY}", "consumer_secret": "wrong"}}"#).as_bytes(),
    );
    let save = save_path();
    let args = login_args(&provider, &consumer, &save, &[]);
    let r = Login::start(&strs(&args)).finish();
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = error_line(&r);
    assert!(
        line.starts_with("oauth1: error: signature_invalid: "),
        "{line}"
    );
    let base = r
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("oauth1: the base string we signed: "))
        .expect("the base string line");
    assert!(
        base.starts_with("POST&http%3A%2F%2F127.0.0.1%3A") && base.contains("oauth_callback%3D"),
        "{base}"
    );
    assert!(!save.exists());
}

#[test]
fn an_html_answer_is_response_invalid() {
    let (r, saved, _) = failed_login(Mode::Html, false);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = error_line(&r);
    assert!(
        line.starts_with("oauth1: error: response_invalid: "),
        "{line}"
    );
    assert!(
        line.contains("Please sign in") || line.contains("HTML"),
        "{line}"
    );
    assert!(!saved);
}

#[test]
fn a_redirect_with_another_token_is_token_mismatch() {
    let (r, saved, page) = failed_login(Mode::WrongToken, true);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = error_line(&r);
    assert!(
        line.starts_with("oauth1: error: token_mismatch: "),
        "{line}"
    );
    assert!(!saved);
    let (status, page) = page.unwrap();
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("Sign-in failed"), "{page}");
}

#[test]
fn no_browser_coming_back_times_out() {
    let provider = Provider::start(Mode::Good);
    let (consumer, save) = (consumer_file(), save_path());
    let args = login_args(&provider, &consumer, &save, &["--callback-timeout", "1"]);
    let r = Login::start(&strs(&args)).finish();
    assert_eq!(r.code, 2, "{}", r.stderr);
    let line = error_line(&r);
    assert!(
        line.starts_with("oauth1: error: callback_timeout: "),
        "{line}"
    );
    assert!(line.contains("--oob"), "{line}");
    assert!(!save.exists());
}

#[test]
fn missing_urls_and_credentials_are_bad_input() {
    let save = save_path();
    let save = save.display().to_string();
    let r = run(
        &[
            "login",
            "--consumer-key",
            "k",
            "--consumer-secret",
            "s",
            "--save",
            &save,
        ],
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--request-token-url"), "{}", r.stderr);
    let r = run(
        &[
            "login",
            "--request-token-url",
            "http://127.0.0.1:9/r",
            "--save",
            &save,
        ],
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("invalid_credentials"), "{}", r.stderr);
    // A file that cannot be written is found before the provider is asked anything.
    let provider = Provider::start(Mode::Good);
    let consumer = consumer_file();
    let nowhere = save_path()
        .with_file_name("missing-folder")
        .join("token.json");
    let mut args = vec!["login".to_owned()];
    args.extend(login_args(&provider, &consumer, &nowhere, &[]));
    let r = run(&strs(&args), &[]);
    let line = common::assert_error(&r, "io_error");
    assert!(
        line.contains("missing-folder") && line.contains("does not exist"),
        "{line}"
    );
    assert!(provider.server.seen().is_empty(), "the provider was asked");

    let r = run(&["login", "--provider", "nonesuch", "--save", &save], &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown_provider") && r.stderr.contains("oauth1 providers"),
        "{}",
        r.stderr
    );
}
