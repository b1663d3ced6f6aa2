//! Large inputs sign or fail cleanly, with the same result as small ones would give.
//! (How the cost grows is measured by `cargo bench -p oauth1-core --bench scale`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{ReceivedRequest, Request, Signer, VerifyOptions, verify};

const NOW: u64 = 1_700_000_000;
const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

fn signer() -> Signer {
    Signer::builder("key", "secret")
        .token("token", "token-secret")
        .build()
        .unwrap()
}

fn round_trip(method: &str, url: &str, body: Option<&[u8]>, content_type: Option<&str>) {
    let s = signer();
    let mut request = Request::new(method, url).timestamp(NOW);
    let mut received = ReceivedRequest::new(method, url);
    if let Some(body) = body {
        request = request.body(body, content_type);
        received = received.body(body, content_type);
    }
    let signed = s.sign(&request).unwrap();
    let received = received.authorization(signed.authorization());
    let options = VerifyOptions::default().now(NOW);
    verify(&received, s.credentials(), &options).unwrap();
}

#[test]
fn ten_megabyte_form_body() {
    let pair = b"field=some%20value+with+spaces&";
    let body: Vec<u8> = pair
        .iter()
        .copied()
        .cycle()
        .take(10 * 1024 * 1024)
        .collect();
    round_trip("POST", "https://api.example.com/upload", Some(&body), FORM);
}

#[test]
fn query_with_a_hundred_thousand_pairs() {
    let query: Vec<String> = (0..100_000)
        .map(|i| format!("k{}={}", i % 977, i))
        .collect();
    let url = format!("https://api.example.com/q?{}", query.join("&"));
    round_trip("GET", &url, None, None);
}

#[test]
fn one_megabyte_url_path() {
    let url = format!("https://api.example.com/{}", "segment/".repeat(128 * 1024));
    round_trip("GET", &url, None, None);
}

#[test]
fn sixty_four_kilobyte_header_fails_cleanly() {
    let s = signer();
    let signed = s
        .sign(&Request::new("GET", "https://api.example.com/x").timestamp(NOW))
        .unwrap();
    // A huge extra parameter: parsed, ignored (not oauth_), and the request still verifies.
    let header = format!(
        "{}, x_padding=\"{}\"",
        signed.authorization(),
        "a".repeat(64 * 1024)
    );
    let options = VerifyOptions::default().now(NOW);
    let received = ReceivedRequest::new("GET", "https://api.example.com/x").authorization(&header);
    verify(&received, s.credentials(), &options).unwrap();
    // A huge forged nonce is refused as a bad signature, not a crash.
    let forged = signed.authorization().replace(
        "oauth_nonce=\"",
        &format!("oauth_nonce=\"{}", "n".repeat(64 * 1024)),
    );
    let received = ReceivedRequest::new("GET", "https://api.example.com/x").authorization(&forged);
    assert_eq!(
        verify(&received, s.credentials(), &options)
            .unwrap_err()
            .code(),
        "signature_invalid"
    );
    // 64 KB of unclosed quote is a malformed header.
    let broken = format!("OAuth oauth_nonce=\"{}", "x".repeat(64 * 1024));
    let received = ReceivedRequest::new("GET", "https://api.example.com/x").authorization(&broken);
    assert_eq!(
        verify(&received, s.credentials(), &options)
            .unwrap_err()
            .code(),
        "malformed_header"
    );
}

#[test]
fn many_parameters_stay_linear() {
    // Ten thousand distinct header parameters, and ten thousand oauth_ query names:
    // quadratic duplicate checks would take seconds here.
    let header: Vec<String> = (0..10_000).map(|i| format!("x{i}=\"v\"")).collect();
    let header = format!("OAuth {}", header.join(", "));
    assert_eq!(
        oauth1::parse_authorization_header(&header).unwrap().len(),
        10_000
    );
    let query: Vec<String> = (0..10_000).map(|i| format!("oauth_x{i}=v")).collect();
    let url = format!("https://api.example.com/q?{}", query.join("&"));
    let options = VerifyOptions::default().now(NOW);
    let err = verify(
        &ReceivedRequest::new("GET", &url),
        signer().credentials(),
        &options,
    )
    .unwrap_err();
    assert_eq!(err.code(), "parameter_absent");
}
