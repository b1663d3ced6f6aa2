//! `oauth1 verify --redis URL` against a real Redis (issue 17): a second run with the
//! same request is `nonce_used`, the key written is the one every language shares
//! (`oauth1::nonce_store_key`) with the allowed skew as its window, and a Redis that
//! is down or silent fails closed with `nonce_store_unavailable`, never accepting.
//!
//! The shared Redis comes from `OAUTH1_TEST_REDIS_URL` (scripts/test-all starts one);
//! without it these tests FAIL, they never skip. The test that stops Redis mid-test
//! starts its own with `scripts/redis-server`, never touching the shared one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{Run, env_credentials, error_code, json_of, run, workspace_root};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const KEY: &str = "key-redis";
const SECRET: &str = "CSECRET-redis-5b1c";
const TOKEN: &str = "token-redis";
const TOKEN_SECRET: &str = "TSECRET-redis-77de";
const URL: &str = "https://api.example.com/photos?size=original";

/// The shared test Redis; a missing variable is a failure, not a skip.
fn shared_redis() -> String {
    std::env::var("OAUTH1_TEST_REDIS_URL").unwrap_or_else(|_| {
        panic!(
            "OAUTH1_TEST_REDIS_URL is not set: these tests need a real Redis. Run scripts/test-all, \
             or `export OAUTH1_TEST_REDIS_URL=\"$(scripts/redis-server start DIR)\"` first"
        )
    })
}

/// A freshly signed request (random nonce, this machine's clock), as `sign --format json`
/// printed it.
fn signed(token: bool) -> serde_json::Value {
    let mut env = env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET);
    if !token {
        env.retain(|(name, _)| !name.starts_with("OAUTH1_TOKEN"));
    }
    json_of(&run(&["sign", "--format", "json", URL], &env))
}

/// `oauth1 verify --redis REDIS [extra…] --authorization … URL` with the server's credentials.
fn verify(redis: &str, request: &serde_json::Value, token: bool, extra: &[&str]) -> Run {
    let authorization = request["authorization"].as_str().expect("authorization");
    let mut args = vec!["verify", "--redis", redis];
    args.extend(extra);
    args.extend(["--authorization", authorization, URL]);
    let mut env = env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET);
    if !token {
        env.retain(|(name, _)| !name.starts_with("OAUTH1_TOKEN"));
    }
    let r = run(&args, &env);
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
        r.stdout
            .starts_with("valid: HMAC-SHA1 signature by consumer key \"key-redis\""),
        "{}",
        r.stdout
    );
}

fn assert_nonce_used(r: &Run) {
    assert_eq!(r.code, 1, "stdout: {} stderr: {}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with("invalid: nonce_used: "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("WWW-Authenticate: OAuth oauth_problem=\"nonce_used\""),
        "{}",
        r.stdout
    );
}

/// Asserts the fail-closed answer: exit status 2, nothing on stdout, one line
/// `oauth1: error: nonce_store_unavailable: …` naming `host_port`; returns the line.
fn assert_unavailable(r: &Run, host_port: &str) -> String {
    assert_eq!(r.code, 2, "stdout: {} stderr: {}", r.stdout, r.stderr);
    assert!(
        r.stdout.is_empty(),
        "nothing may be printed as verified: {}",
        r.stdout
    );
    let lines: Vec<&str> = (r.stderr.lines())
        .filter(|l| !l.starts_with("oauth1: warning: "))
        .collect();
    assert_eq!(lines.len(), 1, "one error line: {:?}", r.stderr);
    assert_eq!(
        error_code(lines[0]),
        "nonce_store_unavailable",
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains(host_port),
        "the store is named: {}",
        lines[0]
    );
    lines[0].to_owned()
}

/// `host:port` of a `redis://host:port…` URL.
fn host_port(url: &str) -> String {
    let rest = (url
        .strip_prefix("redis://")
        .or_else(|| url.strip_prefix("rediss://")))
    .expect("a redis:// URL");
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split('/').next().unwrap().to_owned()
}

fn connection(url: &str) -> redis::Connection {
    let client = redis::Client::open(url).expect("the test Redis URL");
    client
        .get_connection_with_timeout(Duration::from_secs(5))
        .expect("the test Redis answers")
}

#[test]
fn a_second_run_with_the_same_request_is_nonce_used() {
    let redis = shared_redis();
    for token in [true, false] {
        let request = signed(token);
        assert_valid(&verify(&redis, &request, token, &[]));
        assert_nonce_used(&verify(&redis, &request, token, &[]));
        // And in JSON.
        let json = verify(&redis, &request, token, &["--format", "json"]);
        assert_eq!(json.code, 1, "{}", json.stderr);
        let object: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(object["problem"], "nonce_used", "{object}");
        // Without --redis the same request is still valid: each run alone keeps no nonces.
        let mut env = env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET);
        if !token {
            env.retain(|(name, _)| !name.starts_with("OAUTH1_TOKEN"));
        }
        let authorization = request["authorization"].as_str().unwrap();
        let alone = run(&["verify", "--authorization", authorization, URL], &env);
        assert_eq!(alone.code, 0, "{}", alone.stderr);
    }
}

#[test]
fn the_key_written_is_the_shared_one_kept_for_the_allowed_skew() {
    let redis = shared_redis();
    let mut conn = connection(&redis);
    for (token, skew) in [(true, None), (false, Some(60u64))] {
        let request = signed(token);
        let nonce = request["nonce"].as_str().expect("nonce");
        let timestamp = request["timestamp"].as_u64().expect("timestamp");
        let key = oauth1::nonce_store_key(KEY, token.then_some(TOKEN), nonce, timestamp);
        assert!(
            key.starts_with("oauth1:nonce:") && key.len() == 13 + 64,
            "{key}"
        );
        let exists: bool = redis::cmd("EXISTS").arg(&key).query(&mut conn).unwrap();
        assert!(!exists, "a fresh nonce's key is not there yet");

        let skew_text = skew.map(|s| s.to_string());
        let extra: Vec<&str> = match &skew_text {
            Some(s) => vec!["--max-skew", s.as_str()],
            None => vec![],
        };
        assert_valid(&verify(&redis, &request, token, &extra));
        let value: Option<String> = redis::cmd("GET").arg(&key).query(&mut conn).unwrap();
        assert_eq!(value.as_deref(), Some("1"), "SET {key} 1");
        // ttl = timestamp + window - now + 1, the window being the allowed skew (300 by default).
        let window = skew.unwrap_or(300);
        let ttl: i64 = redis::cmd("TTL").arg(&key).query(&mut conn).unwrap();
        assert!(
            ttl > 0 && ttl <= i64::try_from(window + 1).unwrap(),
            "TTL {ttl} for window {window}"
        );
        assert!(
            ttl >= i64::try_from(window).unwrap() - 30,
            "TTL {ttl} for window {window}"
        );

        // Another server sharing this Redis (here: this test, writing the shared key
        // as any language would) makes the command see a replay.
        let request = signed(token);
        let nonce = request["nonce"].as_str().unwrap();
        let timestamp = request["timestamp"].as_u64().unwrap();
        let key = oauth1::nonce_store_key(KEY, token.then_some(TOKEN), nonce, timestamp);
        let set: Option<String> = redis::cmd("SET")
            .arg(&key)
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(60)
            .query(&mut conn)
            .unwrap();
        assert_eq!(set.as_deref(), Some("OK"));
        assert_nonce_used(&verify(&redis, &request, token, &extra));
    }
}

#[test]
fn a_bad_url_is_invalid_option_without_repeating_it() {
    for url in [
        "http://user:pw-SECRET-1@127.0.0.1:1/",
        "not a url pw-SECRET-1",
    ] {
        let request = signed(true);
        let r = verify(url, &request, true, &[]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(
            error_code(r.stderr.trim_end()),
            "invalid_option",
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("--redis"), "{}", r.stderr);
        assert!(
            !r.all_output().contains("pw-SECRET-1"),
            "{}",
            r.all_output()
        );
    }
}

#[test]
fn a_redis_that_never_answers_fails_closed_within_seconds() {
    // Accepts connections (the kernel completes them) and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("redis://{}", silent.local_addr().unwrap());
    let request = signed(true);
    let started = Instant::now();
    let r = verify(&url, &request, true, &[]);
    assert_unavailable(&r, &host_port(&url));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

/// A private redis-server, started with scripts/redis-server and stopped when dropped.
struct PrivateRedis {
    dir: PathBuf,
}

impl PrivateRedis {
    /// Starts one in a new folder; its URL.
    fn start(name: &str) -> (Self, String) {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("redis-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = Command::new("bash")
            .arg(workspace_root().join("scripts/redis-server"))
            .arg("start")
            .arg(&dir)
            .output()
            .expect("scripts/redis-server runs");
        assert!(
            out.status.success(),
            "scripts/redis-server start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        assert!(url.starts_with("redis://127.0.0.1:"), "{url}");
        (PrivateRedis { dir }, url)
    }

    /// Starts one on `port` again (same URL), after a stop; the script's own
    /// `start` picks a free port, so this runs redis-server with the same settings.
    fn restart_on(name: &str, port: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("redis-{name}-again-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let status = Command::new("redis-server")
            .args([
                "--bind",
                "127.0.0.1",
                "--port",
                port,
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .args(["--daemonize", "yes", "--dir"])
            .arg(&dir)
            .arg("--pidfile")
            .arg(dir.join("redis.pid"))
            .arg("--logfile")
            .arg(dir.join("redis.log"))
            .status()
            .expect("redis-server runs");
        assert!(status.success());
        let restarted = PrivateRedis { dir };
        let url = format!("redis://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while redis::Client::open(url.as_str())
            .unwrap()
            .get_connection_with_timeout(Duration::from_millis(200))
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "redis-server did not come back on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        restarted
    }

    fn stop(&self) {
        let status = Command::new("bash")
            .arg(workspace_root().join("scripts/redis-server"))
            .arg("stop")
            .arg(&self.dir)
            .status()
            .expect("scripts/redis-server runs");
        assert!(status.success());
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        if self.dir.exists() {
            self.stop();
        }
    }
}

#[test]
fn redis_stopped_mid_test_fails_closed_and_works_again_once_back() {
    let (private, url) = PrivateRedis::start("stop");
    let where_ = host_port(&url);
    let port = where_.rsplit_once(':').unwrap().1.to_owned();

    let before = signed(true);
    assert_valid(&verify(&url, &before, true, &[]));
    assert_nonce_used(&verify(&url, &before, true, &[]));

    private.stop();
    drop(private);
    // Down: a fresh request and a replay alike are refused, never accepted, and the
    // line names the store but not the URL's password.
    let during = signed(true);
    let with_password = format!("redis://:pw-SECRET-2@{where_}");
    for (redis, request) in [(&url, &during), (&url, &before), (&with_password, &during)] {
        let r = verify(redis, request, true, &[]);
        let line = assert_unavailable(&r, &where_);
        assert!(line.contains("fail closed"), "{line}");
        let warned = r
            .stderr
            .contains("oauth1: warning: --redis: the URL's password");
        assert_eq!(warned, redis.contains('@'), "{}", r.stderr);
        assert!(!line.contains("pw-SECRET-2"), "{line}");
    }
    let json = verify(&url, &during, true, &["--format", "json"]);
    assert_unavailable(&json, &where_);

    // Back (empty, as it keeps nothing on disk): requests verify again, and replays are caught again.
    let _back = PrivateRedis::restart_on("stop", &port);
    assert_valid(&verify(&url, &during, true, &[]));
    assert_nonce_used(&verify(&url, &during, true, &[]));
}

#[test]
fn rediss_speaks_tls_and_checks_the_certificate() {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("redis-tls-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    common::tls::write_test_certificates(&dir);
    // A private Redis with TLS only (Debian's redis-server is built with it).
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port().to_string()
    };
    let status = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", "0", "--tls-port", &port])
        .args([
            "--tls-auth-clients",
            "no",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
        ])
        .arg("--tls-cert-file")
        .arg(dir.join("server.pem"))
        .arg("--tls-key-file")
        .arg(dir.join("server.key"))
        .arg("--tls-ca-cert-file")
        .arg(dir.join("ca.pem"))
        .arg("--dir")
        .arg(&dir)
        .arg("--pidfile")
        .arg(dir.join("redis.pid"))
        .arg("--logfile")
        .arg(dir.join("redis.log"))
        .status()
        .expect("redis-server runs");
    assert!(status.success());
    // Stopped with the script (which reads redis.pid), however the test ends.
    let _stop = PrivateRedis { dir: dir.clone() };
    let url = format!("rediss://localhost:{port}");
    let trusted = |request: &serde_json::Value| {
        let authorization = request["authorization"].as_str().unwrap();
        let mut cmd = common::oauth1();
        cmd.args([
            "verify",
            "--redis",
            &url,
            "--authorization",
            authorization,
            URL,
        ])
        .envs(env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET))
        .env("SSL_CERT_FILE", dir.join("ca.pem"));
        common::run_cmd(cmd, None)
    };
    let request = signed(true);
    let deadline = Instant::now() + Duration::from_secs(10);
    let first = loop {
        let r = trusted(&request);
        if r.code != 2 || Instant::now() > deadline {
            break r;
        }
        std::thread::sleep(Duration::from_millis(100)); // not listening yet
    };
    assert_valid(&first);
    assert_nonce_used(&trusted(&request));
    // Without the test CA among the trusted roots the certificate is refused: fail closed.
    // (Reading the system's roots counts against the 1 s for connecting, which a cold
    // first read by a debug build can exceed: the second run is the one checked.)
    let request = signed(true);
    let _warm = verify(&url, &request, true, &[]);
    let line = assert_unavailable(
        &verify(&url, &request, true, &[]),
        &format!("localhost:{port}"),
    );
    assert!(line.contains("certificate"), "{line}");
}
