//! `oauth1 request` over HTTPS: rustls with ring and the system's roots (the same TLS
//! stack as `verify --redis rediss://…`), against a local TLS server whose certificate
//! a test CA signed. With the CA among the roots (`SSL_CERT_FILE`, which the system-roots
//! loader reads) the signed request goes through and verifies; without it the
//! certificate is refused and nothing is sent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::{assert_error, env_credentials, oauth1, run_cmd};
use oauth1::{Credentials, ReceivedRequest, VerifyOptions};
use openssl::ssl::{SslAcceptor, SslFiletype, SslMethod};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

/// A TLS server on 127.0.0.1 answering every request with whether its signature
/// verified for `https://localhost:PORT/…`; returns the port.
fn tls_server(dir: &Path) -> u16 {
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor
        .set_private_key_file(dir.join("server.key"), SslFiletype::PEM)
        .unwrap();
    acceptor
        .set_certificate_chain_file(dir.join("server.pem"))
        .unwrap();
    let acceptor = Arc::new(acceptor.build());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let acceptor = acceptor.clone();
            std::thread::spawn(move || {
                // A client that refuses the certificate ends the handshake: nothing to serve.
                let Ok(mut tls) = acceptor.accept(stream) else {
                    return;
                };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && tls.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let authorization = head.lines().find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("authorization")
                        .then(|| value.trim().to_owned())
                });
                let url = format!("https://localhost:{port}{target}");
                let mut received = ReceivedRequest::new("GET", &url);
                received.authorization = authorization.as_deref();
                let credentials =
                    Credentials::new("tk", "ts-secret", Some("tok"), Some("tok-secret"));
                let body = match oauth1::verify(&received, &credentials, &VerifyOptions::default())
                {
                    Ok(_) => "verified over TLS\n".to_owned(),
                    Err(e) => format!("refused: {e}\n"),
                };
                let _ = write!(
                    tls,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.shutdown();
            });
        }
    });
    port
}

#[test]
fn a_signed_request_over_https_is_verified_and_an_unknown_ca_refused() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("https-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    common::tls::write_test_certificates(&dir);
    let port = tls_server(&dir);
    let url = format!("https://localhost:{port}/secure?x=1");
    let env = env_credentials("tk", "ts-secret", "tok", "tok-secret");

    let mut cmd = oauth1();
    cmd.args(["request", &url])
        .envs(env.clone())
        .env("SSL_CERT_FILE", dir.join("ca.pem"));
    let r = run_cmd(cmd, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "verified over TLS\n");

    // The system's roots alone do not know the test CA.
    let mut cmd = oauth1();
    cmd.args(["request", &url])
        .envs(env)
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR");
    let line = assert_error(&run_cmd(cmd, None), "http_error");
    assert!(line.contains(&format!("localhost:{port}")), "{line}");
    assert!(line.to_lowercase().contains("certificate"), "{line}");
}
