//! Server-side verification: one precise problem for each way a request can fail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{
    Consumer, Credentials, Error, MemoryNonceStore, Placement, Problem, ReceivedRequest, Request,
    Secret, SecretLookup, SignatureMethod, Signer, VerifyOptions, clock_offset_from_problem,
    verify,
};
use std::sync::Arc;

const NOW: u64 = 1_700_000_000;
const URL: &str = "https://api.example.com/r?a=1";

fn signer() -> Signer {
    Signer::builder("ck", "cs")
        .token("tk", "ts")
        .build()
        .unwrap()
}

fn at(now: u64) -> VerifyOptions {
    VerifyOptions::default().now(now)
}

fn rejection(result: Result<oauth1::Verified, Error>) -> oauth1::Rejection {
    match result {
        Err(Error::Rejected(r)) => *r,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn header_for(signer: &Signer, method: &str, url: &str) -> String {
    signer
        .sign(&Request::new(method, url).timestamp(NOW))
        .unwrap()
        .authorization()
        .to_owned()
}

#[test]
fn accepts_header_query_and_body_placements() {
    let s = signer();
    let header = header_for(&s, "GET", URL);
    let ok = verify(
        &ReceivedRequest::new("GET", URL).authorization(&header),
        s.credentials(),
        &at(NOW),
    )
    .unwrap();
    assert_eq!(
        (ok.consumer_key.as_str(), ok.token.as_deref(), ok.placement),
        ("ck", Some("tk"), Placement::Header)
    );

    let q = s.clone();
    let q = Signer::from_credentials(q.credentials().clone())
        .placement(Placement::Query)
        .build()
        .unwrap();
    let signed = q.sign(&Request::new("GET", URL).timestamp(NOW)).unwrap();
    let ok = verify(
        &ReceivedRequest::new("GET", signed.signed_url().unwrap()),
        s.credentials(),
        &at(NOW),
    )
    .unwrap();
    assert_eq!(ok.placement, Placement::Query);

    let b = Signer::from_credentials(s.credentials().clone())
        .placement(Placement::Body)
        .build()
        .unwrap();
    let form = Some("application/x-www-form-urlencoded");
    let signed = b
        .sign(&Request::new("POST", URL).body(b"x=y", form).timestamp(NOW))
        .unwrap();
    let body = signed.signed_body().unwrap();
    let ok = verify(
        &ReceivedRequest::new("POST", URL).body(body, form),
        s.credentials(),
        &at(NOW),
    )
    .unwrap();
    assert_eq!(ok.placement, Placement::Body);
}

#[test]
fn every_signature_method_round_trips_with_realm() {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/keys/rsa-2048.pem"
    ))
    .unwrap();
    let key = oauth1::RsaPrivateKey::from_bytes(&pem, &oauth1::KeyOptions::default()).unwrap();
    for method in SignatureMethod::ALL {
        let mut builder = Signer::builder("ck", "c&s")
            .token("tk", "t s")
            .signature_method(method)
            .realm("Photos");
        if method.is_rsa() {
            builder = builder.private_key(key.clone());
        }
        let s = builder.build().unwrap();
        let header = header_for(&s, "PUT", URL);
        let every_method = at(NOW).signature_methods(SignatureMethod::ALL).unwrap();
        // The signer answers for its consumer: the secrets, or the RSA public key.
        let ok = verify(
            &ReceivedRequest::new("PUT", URL).authorization(&header),
            &s,
            &every_method,
        )
        .unwrap();
        assert_eq!(ok.signature_method, method);
        assert_eq!(ok.realm.as_deref(), Some("Photos"));
    }
}

#[test]
fn tampering_is_signature_invalid_with_the_servers_base_string() {
    let s = signer();
    let header = header_for(&s, "GET", URL);
    let r = rejection(verify(
        &ReceivedRequest::new("GET", "https://api.example.com/r?a=2").authorization(&header),
        s.credentials(),
        &at(NOW),
    ));
    assert_eq!(r.problem, Problem::SignatureInvalid);
    assert!(r.base_string.unwrap().contains("a%3D2"));
    let wrong_secret = Credentials::new("ck", "other", Some("tk"), Some("ts"));
    let r = rejection(verify(
        &ReceivedRequest::new("GET", URL).authorization(&header),
        &wrong_secret,
        &at(NOW),
    ));
    assert_eq!(r.problem, Problem::SignatureInvalid);
}

#[test]
fn timestamps_outside_the_window_are_refused_with_the_range() {
    let s = signer();
    let header = header_for(&s, "GET", URL);
    let request = ReceivedRequest::new("GET", URL).authorization(&header);
    assert!(verify(&request, s.credentials(), &at(NOW + 300)).is_ok());
    let r = rejection(verify(&request, s.credentials(), &at(NOW + 301)));
    assert_eq!(r.problem, Problem::TimestampRefused);
    assert_eq!(r.acceptable_timestamps, Some((NOW + 1, NOW + 601)));
    let www = r.www_authenticate(None);
    assert_eq!(
        www,
        format!(
            "OAuth oauth_problem=\"timestamp_refused\", oauth_acceptable_timestamps=\"{}-{}\"",
            NOW + 1,
            NOW + 601
        )
    );
    // The client turns that into an offset that lands it in the middle of the window.
    assert_eq!(clock_offset_from_problem(&www, NOW).unwrap(), 301);
    let form = format!(
        "oauth_problem=timestamp_refused&oauth_acceptable_timestamps={}-{}",
        NOW + 1,
        NOW + 601
    );
    assert_eq!(clock_offset_from_problem(&form, NOW).unwrap(), 301);
    assert!(clock_offset_from_problem("oauth_problem=nonce_used", NOW).is_err());
    assert!(clock_offset_from_problem("oauth_acceptable_timestamps=9-1", NOW).is_err());
}

#[test]
fn replayed_nonce_is_refused() {
    let s = signer();
    let header = header_for(&s, "GET", URL);
    let request = ReceivedRequest::new("GET", URL).authorization(&header);
    let store = Arc::new(MemoryNonceStore::default());
    let options = at(NOW).nonce_store(store.clone());
    assert!(verify(&request, s.credentials(), &options).is_ok());
    assert_eq!(
        rejection(verify(&request, s.credentials(), &options)).problem,
        Problem::NonceUsed
    );
    // A forged request does not reach the store.
    let forged = header.replace("oauth_nonce=\"", "oauth_nonce=\"x");
    let forged = ReceivedRequest::new("GET", URL).authorization(&forged);
    assert_eq!(
        rejection(verify(&forged, s.credentials(), &options)).problem,
        Problem::SignatureInvalid
    );
    assert_eq!(store.len(), 1);
}

#[test]
fn each_problem_has_its_case() {
    let s = signer();
    let good = header_for(&s, "GET", URL);
    let check = |header: &str, problem: Problem| {
        let r = rejection(verify(
            &ReceivedRequest::new("GET", URL).authorization(header),
            s.credentials(),
            &at(NOW),
        ));
        assert_eq!(r.problem, problem, "{header}: {r}");
    };
    check(
        &good.replace("oauth_version=\"1.0\"", "oauth_version=\"2.0\""),
        Problem::VersionRejected,
    );
    check(
        &good.replace("HMAC-SHA1", "RSA-SHA1"),
        Problem::SignatureMethodRejected,
    );
    check(
        &good.replace("oauth_consumer_key=\"ck\"", "oauth_consumer_key=\"nobody\""),
        Problem::ConsumerKeyUnknown,
    );
    check(
        &good.replace("oauth_token=\"tk\"", "oauth_token=\"stolen\""),
        Problem::TokenRejected,
    );
    check(
        &good.replace(
            &format!("oauth_timestamp=\"{NOW}\""),
            "oauth_timestamp=\"12x\"",
        ),
        Problem::ParameterRejected,
    );
    let without_nonce: Vec<&str> = good
        .split(", ")
        .filter(|p| !p.starts_with("oauth_nonce"))
        .collect();
    let r = rejection(verify(
        &ReceivedRequest::new("GET", URL).authorization(&without_nonce.join(", ")),
        s.credentials(),
        &at(NOW),
    ));
    assert_eq!(
        (r.problem, r.parameters_absent.clone()),
        (Problem::ParameterAbsent, vec!["oauth_nonce"])
    );
    assert_eq!(
        r.www_authenticate(Some("api")),
        "OAuth realm=\"api\", oauth_problem=\"parameter_absent\", oauth_parameters_absent=\"oauth_nonce\""
    );

    let none = rejection(verify(
        &ReceivedRequest::new("GET", URL),
        s.credentials(),
        &at(NOW),
    ));
    assert_eq!(none.problem, Problem::ParameterAbsent);

    let only_hmac = at(NOW)
        .signature_methods([SignatureMethod::HmacSha256])
        .unwrap();
    let r = rejection(verify(
        &ReceivedRequest::new("GET", URL).authorization(&good),
        s.credentials(),
        &only_hmac,
    ));
    assert_eq!(r.problem, Problem::SignatureMethodRejected);
}

#[test]
fn protocol_parameters_in_two_places_or_twice_are_rejected() {
    let s = signer();
    let good = header_for(&s, "GET", URL);
    let split = ReceivedRequest::new("GET", "https://api.example.com/r?a=1&oauth_nonce=x")
        .authorization(&good);
    assert_eq!(
        rejection(verify(&split, s.credentials(), &at(NOW))).problem,
        Problem::ParameterRejected
    );
    let twice = ReceivedRequest::new(
        "GET",
        "https://api.example.com/r?oauth_nonce=x&oauth_nonce=y",
    );
    assert_eq!(
        rejection(verify(&twice, s.credentials(), &at(NOW))).problem,
        Problem::ParameterRejected
    );
    let dup = format!("{good}, oauth_nonce=\"again\"");
    let err = verify(
        &ReceivedRequest::new("GET", URL).authorization(&dup),
        s.credentials(),
        &at(NOW),
    )
    .unwrap_err();
    assert_eq!(
        (err.code(), err.problem()),
        ("malformed_header", Some(Problem::ParameterRejected))
    );
}

#[test]
fn body_hash_is_checked() {
    let s = Signer::from_credentials(signer().credentials().clone())
        .body_hash(true)
        .build()
        .unwrap();
    let json = Some("application/json");
    let signed = s
        .sign(
            &Request::new("POST", URL)
                .body(b"{\"a\":1}", json)
                .timestamp(NOW),
        )
        .unwrap();
    let ok = ReceivedRequest::new("POST", URL)
        .authorization(signed.authorization())
        .body(b"{\"a\":1}", json);
    assert!(verify(&ok, s.credentials(), &at(NOW)).is_ok());
    let changed = ReceivedRequest {
        body: Some(b"{\"a\":2}"),
        ..ok
    };
    let r = rejection(verify(&changed, s.credentials(), &at(NOW)));
    assert_eq!(r.problem, Problem::SignatureInvalid);
    assert!(r.reason.contains("oauth_body_hash"));
}

#[test]
fn plaintext_may_omit_timestamp_and_nonce_only_when_allowed() {
    let creds = Credentials::new("ck", "c s", None::<String>, None::<String>);
    let header = "OAuth oauth_consumer_key=\"ck\", oauth_signature_method=\"PLAINTEXT\", oauth_signature=\"c%2520s%26\"";
    let request = ReceivedRequest::new("POST", URL).authorization(header);
    let plaintext = at(NOW)
        .signature_methods([SignatureMethod::Plaintext])
        .unwrap();
    let r = rejection(verify(&request, &creds, &plaintext));
    assert_eq!(
        (r.problem, r.parameters_absent),
        (
            Problem::ParameterAbsent,
            vec!["oauth_timestamp", "oauth_nonce"]
        )
    );
    let relaxed = plaintext.clone().require_timestamp(false);
    let ok = verify(&request, &creds, &relaxed).unwrap();
    assert_eq!((ok.timestamp, ok.nonce), (None, None));
    // Relaxing is for PLAINTEXT only (RFC 5849 section 3.3).
    let s = signer();
    let no_nonce: Vec<String> = header_for(&s, "GET", URL)
        .split(", ")
        .filter(|p| !p.starts_with("oauth_nonce"))
        .map(str::to_owned)
        .collect();
    let r = rejection(verify(
        &ReceivedRequest::new("GET", URL).authorization(&no_nonce.join(", ")),
        s.credentials(),
        &at(NOW).require_timestamp(false),
    ));
    assert_eq!(r.parameters_absent, vec!["oauth_nonce"]);
}

#[test]
fn plaintext_is_accepted_only_when_named_and_over_https() {
    let s = Signer::builder("ck", "cs")
        .token("tk", "ts")
        .signature_method(SignatureMethod::Plaintext)
        .build()
        .unwrap();
    let https = header_for(&s, "GET", URL);
    let request = ReceivedRequest::new("GET", URL).authorization(&https);
    let r = rejection(verify(&request, s.credentials(), &at(NOW)));
    assert_eq!(r.problem, Problem::SignatureMethodRejected);
    let named = at(NOW)
        .signature_methods([SignatureMethod::HmacSha1, SignatureMethod::Plaintext])
        .unwrap();
    assert!(verify(&request, s.credentials(), &named).is_ok());

    let http_url = "http://api.example.com/r?a=1";
    let http = header_for(&s, "GET", http_url);
    let request = ReceivedRequest::new("GET", http_url).authorization(&http);
    let r = rejection(verify(&request, s.credentials(), &named));
    assert_eq!(r.problem, Problem::SignatureMethodRejected);
    assert!(r.reason.contains("https"), "{}", r.reason);
    let insecure = named.allow_plaintext_over_http(true);
    assert!(verify(&request, s.credentials(), &insecure).is_ok());
}

#[test]
fn an_empty_method_list_is_an_error() {
    let err = VerifyOptions::default()
        .signature_methods(std::iter::empty())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_option");
}

#[test]
fn a_token_less_request_needs_a_two_legged_consumer() {
    let server = signer();
    let consumer_only = Signer::builder("ck", "cs").build().unwrap();
    let header = header_for(&consumer_only, "GET", URL);
    let request = ReceivedRequest::new("GET", URL).authorization(&header);
    // Server credentials that hold a token refuse a request without one.
    let r = rejection(verify(&request, server.credentials(), &at(NOW)));
    assert_eq!(
        (r.problem, r.parameters_absent.clone()),
        (Problem::ParameterAbsent, vec!["oauth_token"])
    );
    assert!(
        r.www_authenticate(None)
            .contains("oauth_parameters_absent=\"oauth_token\"")
    );
    // Credentials without a token are a two-legged consumer.
    let ok = verify(&request, consumer_only.credentials(), &at(NOW)).unwrap();
    assert_eq!(ok.token, None);
    // A lookup that answers without looking at the token is no longer enough.
    let header = header_for(
        &Signer::builder("tenant-a", "secret-a").build().unwrap(),
        "GET",
        URL,
    );
    let request = ReceivedRequest::new("GET", URL).authorization(&header);
    assert_eq!(
        rejection(verify(&request, &Table, &at(NOW))).problem,
        Problem::ParameterAbsent
    );
    let ok = verify(&request, &TwoLegged, &at(NOW)).unwrap();
    assert_eq!(ok.consumer_key, "tenant-a");
}

#[test]
fn unknown_keys_can_look_like_a_wrong_signature() {
    let s = signer();
    let good = header_for(&s, "GET", URL);
    let hidden = at(NOW).hide_unknown_keys(true);
    for (header, shown) in [
        (
            good.replace("oauth_consumer_key=\"ck\"", "oauth_consumer_key=\"nobody\""),
            Problem::ConsumerKeyUnknown,
        ),
        (
            good.replace("oauth_token=\"tk\"", "oauth_token=\"stolen\""),
            Problem::TokenRejected,
        ),
    ] {
        let request = ReceivedRequest::new("GET", URL).authorization(&header);
        assert_eq!(
            rejection(verify(&request, s.credentials(), &at(NOW))).problem,
            shown
        );
        assert_eq!(
            rejection(verify(&request, s.credentials(), &hidden)).problem,
            Problem::SignatureInvalid
        );
    }
    let request = ReceivedRequest::new("GET", URL).authorization(&good);
    assert!(verify(&request, s.credentials(), &hidden).is_ok());
}

#[test]
fn a_body_hash_can_be_required() {
    let plain = signer();
    let hashing = Signer::from_credentials(plain.credentials().clone())
        .body_hash(true)
        .build()
        .unwrap();
    let json = Some("application/json");
    let body = b"{\"a\":1}";
    let required = at(NOW).require_body_hash(true);
    let received = |s: &Signer| {
        let signed = s
            .sign(&Request::new("POST", URL).body(body, json).timestamp(NOW))
            .unwrap();
        signed.authorization().to_owned()
    };
    let without = received(&plain);
    let request = ReceivedRequest::new("POST", URL)
        .authorization(&without)
        .body(body, json);
    let ok = verify(&request, plain.credentials(), &at(NOW)).unwrap();
    assert!(!ok.body_hash_checked);
    let r = rejection(verify(&request, plain.credentials(), &required));
    assert_eq!(
        (r.problem, r.parameters_absent),
        (Problem::ParameterAbsent, vec!["oauth_body_hash"])
    );
    let with = received(&hashing);
    let request = ReceivedRequest::new("POST", URL)
        .authorization(&with)
        .body(body, json);
    assert!(
        verify(&request, plain.credentials(), &required)
            .unwrap()
            .body_hash_checked
    );
    // Form bodies are signed pair by pair and carry no body hash.
    let form = Some("application/x-www-form-urlencoded");
    let signed = plain
        .sign(&Request::new("POST", URL).body(b"b=2", form).timestamp(NOW))
        .unwrap();
    let request = ReceivedRequest::new("POST", URL)
        .authorization(signed.authorization())
        .body(b"b=2", form);
    assert!(verify(&request, plain.credentials(), &required).is_ok());
}

#[test]
fn realm_outside_the_header_is_signed() {
    let s = signer();
    let signed_url = "https://api.example.com/r?realm=alice&a=1";
    let header = header_for(&s, "GET", signed_url);
    let ok = ReceivedRequest::new("GET", signed_url).authorization(&header);
    assert!(
        verify(&ok, s.credentials(), &at(NOW))
            .unwrap()
            .base_string
            .contains("realm%3Dalice")
    );
    let tampered = ReceivedRequest::new("GET", "https://api.example.com/r?realm=mallory&a=1")
        .authorization(&header);
    assert_eq!(
        rejection(verify(&tampered, s.credentials(), &at(NOW))).problem,
        Problem::SignatureInvalid
    );
    let form = Some("application/x-www-form-urlencoded");
    let signed = s
        .sign(
            &Request::new("POST", URL)
                .body(b"realm=alice", form)
                .timestamp(NOW),
        )
        .unwrap();
    let tampered = ReceivedRequest::new("POST", URL)
        .authorization(signed.authorization())
        .body(b"realm=mallory", form);
    assert_eq!(
        rejection(verify(&tampered, s.credentials(), &at(NOW))).problem,
        Problem::SignatureInvalid
    );
}

#[test]
fn rejections_quote_no_secret_and_stay_bounded() {
    let s = Signer::builder("ck", "s3cr3t")
        .token("tk", "ts")
        .signature_method(SignatureMethod::Plaintext)
        .build()
        .unwrap();
    let header = header_for(&s, "GET", URL);
    let broken = header.replace("oauth_signature=\"", "oauth_signature=\"%zz");
    let err = verify(
        &ReceivedRequest::new("GET", URL).authorization(&broken),
        s.credentials(),
        &at(NOW),
    )
    .unwrap_err();
    assert_eq!(err.code(), "malformed_header");
    assert!(!err.to_string().contains("s3cr3t"), "{err}");
    assert!(err.to_string().contains("oauth_signature"), "{err}");

    let long_url = format!("{URL}&pad={}", "x".repeat(20_000));
    let wrong = header_for(&signer(), "GET", URL);
    let r = rejection(verify(
        &ReceivedRequest::new("GET", &long_url).authorization(&wrong),
        signer().credentials(),
        &at(NOW),
    ));
    let base = r.base_string.unwrap();
    assert_eq!(base.len(), oauth1::MAX_REJECTION_BASE_STRING);
    assert!(base.ends_with(oauth1::BASE_STRING_CUT_MARK));
}

#[test]
fn protocol_parameters_outside_the_header_must_be_utf8() {
    let s = signer();
    let url = "https://api.example.com/r?oauth_consumer_key=ck&oauth_nonce=%FF&oauth_signature=x";
    let r = rejection(verify(
        &ReceivedRequest::new("GET", url),
        s.credentials(),
        &at(NOW),
    ));
    assert_eq!(
        (r.problem, r.parameters_rejected.clone()),
        (Problem::ParameterRejected, vec!["oauth_nonce".to_owned()])
    );
    assert!(
        r.www_authenticate(None)
            .contains("oauth_parameters_rejected=\"oauth_nonce\"")
    );
}

#[test]
fn a_flood_from_one_consumer_refuses_no_other() {
    let store = Arc::new(MemoryNonceStore::new(100, 300).unwrap());
    let options = at(NOW).nonce_store(store.clone());
    let flooder = Signer::builder("flooder", "f")
        .token("t", "ts")
        .build()
        .unwrap();
    for _ in 0..1_000 {
        let header = header_for(&flooder, "GET", URL);
        let request = ReceivedRequest::new("GET", URL).authorization(&header);
        let _ = verify(&request, flooder.credentials(), &options);
    }
    let s = signer();
    let header = header_for(&s, "GET", URL);
    let request = ReceivedRequest::new("GET", URL).authorization(&header);
    assert!(verify(&request, s.credentials(), &options).is_ok());
    assert_eq!(store.stats().len, 100);

    // The flooder's own refusals never advertise an empty window, even for a
    // timestamp at the far edge of the skew.
    let edge = flooder
        .sign(&Request::new("GET", URL).timestamp(NOW + 300))
        .unwrap();
    let first = ReceivedRequest::new("GET", URL).authorization(edge.authorization());
    for _ in 0..200 {
        let header = flooder
            .sign(&Request::new("GET", URL).timestamp(NOW + 300))
            .unwrap();
        let request = ReceivedRequest::new("GET", URL).authorization(header.authorization());
        if let Err(Error::Rejected(r)) = verify(&request, flooder.credentials(), &options)
            && let Some((min, max)) = r.acceptable_timestamps
        {
            assert!(min <= max, "{min}-{max}");
        }
    }
    let r = rejection(verify(&first, flooder.credentials(), &options));
    assert_eq!(r.problem, Problem::TimestampRefused);
    assert_eq!(r.acceptable_timestamps, None);
    assert!(
        !r.www_authenticate(None)
            .contains("oauth_acceptable_timestamps")
    );
}

struct Table;

impl SecretLookup for Table {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        (consumer_key == "tenant-a").then(|| Consumer::new("secret-a"))
    }
    fn token_secret(&self, _consumer_key: &str, token: &str) -> Option<Secret> {
        (token == "user-1").then(|| Secret::new("user-1-secret"))
    }
}

/// A consumer that may sign without a token.
struct TwoLegged;

impl SecretLookup for TwoLegged {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        (consumer_key == "tenant-a").then(|| Consumer::new("secret-a").two_legged(true))
    }
    fn token_secret(&self, _consumer_key: &str, _token: &str) -> Option<Secret> {
        None
    }
}

#[test]
fn custom_secret_lookup() {
    let s = Signer::builder("tenant-a", "secret-a")
        .token("user-1", "user-1-secret")
        .build()
        .unwrap();
    let header = header_for(&s, "DELETE", URL);
    let ok = verify(
        &ReceivedRequest::new("delete", URL).authorization(&header),
        &Table,
        &at(NOW),
    )
    .unwrap();
    assert_eq!(ok.token.as_deref(), Some("user-1"));
}

#[test]
fn malformed_input_is_an_error_not_a_rejection() {
    let s = signer();
    for (request, code) in [
        (
            ReceivedRequest::new("GET", "nope").authorization("OAuth a=\"b\""),
            "invalid_url",
        ),
        (
            ReceivedRequest::new("GET", URL).authorization("OAuth a=b"),
            "malformed_header",
        ),
        (
            ReceivedRequest::new("GET", URL).authorization("Basic dXNlcjpwYXNz"),
            "malformed_header",
        ),
        (ReceivedRequest::new("G T", URL), "invalid_method"),
    ] {
        assert_eq!(
            verify(&request, s.credentials(), &at(NOW))
                .unwrap_err()
                .code(),
            code
        );
    }
}

/// A nonce store whose database is down.
struct Unreachable;

impl oauth1::NonceStore for Unreachable {
    fn check_and_insert(
        &self,
        _consumer_key: &str,
        _token: Option<&str>,
        _nonce: &str,
        _timestamp: u64,
        _now: u64,
    ) -> Result<oauth1::NonceCheck, oauth1::NonceStoreUnavailable> {
        Err(oauth1::NonceStoreUnavailable {
            reason: "redis://127.0.0.1:6379: connection refused".into(),
        })
    }
}

#[test]
fn an_unreachable_nonce_store_fails_closed() {
    let s = signer();
    let header = header_for(&s, "GET", URL);
    let options = at(NOW).nonce_store(Arc::new(Unreachable));
    let err = verify(
        &ReceivedRequest::new("GET", URL).authorization(&header),
        &s,
        &options,
    )
    .unwrap_err();
    assert_eq!(err.code(), "nonce_store_unavailable");
    assert_eq!(err.kind().c_result, 115);
    assert_eq!(
        err.problem(),
        None,
        "not the client's fault: a 503, not a 401"
    );
    let message = err.to_string();
    assert!(message.contains("fail closed") && message.contains("connection refused"));
    // A wrong signature is still reported as such: the store is asked last.
    let tampered = verify(
        &ReceivedRequest::new("GET", "https://api.example.com/r?a=2").authorization(&header),
        &s,
        &options,
    );
    assert_eq!(tampered.unwrap_err().code(), "signature_invalid");
}

#[test]
fn a_nonce_checked_afterwards_gets_the_verdict_verify_gives() {
    // What a server with an asynchronous store does: verify without a store, ask the
    // store, then let the core judge the answer.
    let s = signer();
    let store = MemoryNonceStore::new(100, 300).unwrap();
    let header = header_for(&s, "GET", URL);
    let received = ReceivedRequest::new("GET", URL).authorization(&header);
    let options = at(NOW + 5);
    let verified = verify(&received, &s, &options).unwrap();
    assert_eq!(verified.verified_at, NOW + 5);
    let ask = || {
        oauth1::NonceStore::check_and_insert(
            &store,
            &verified.consumer_key,
            verified.token.as_deref(),
            verified.nonce.as_deref().unwrap(),
            verified.timestamp.unwrap(),
            verified.verified_at,
        )
    };
    assert!(oauth1::nonce_verdict(ask(), &verified, &options).is_ok());
    let replay = oauth1::nonce_verdict(ask(), &verified, &options).unwrap_err();
    assert_eq!(replay.code(), "nonce_used");
    // The same answers as verify's own store path.
    let shared = Arc::new(MemoryNonceStore::new(100, 300).unwrap());
    let with_store = options.clone().nonce_store(shared);
    assert!(verify(&received, &s, &with_store).is_ok());
    assert_eq!(
        verify(&received, &s, &with_store).unwrap_err().code(),
        "nonce_used"
    );
    let too_old = oauth1::nonce_verdict(Ok(oauth1::NonceCheck::TooOld), &verified, &options);
    let r = rejection(too_old.map(|()| verified.clone()));
    assert_eq!(r.problem, Problem::TimestampRefused);
    assert_eq!(r.acceptable_timestamps, Some((NOW + 1, NOW + 5 + 300)));
}

#[test]
fn the_shared_nonce_key_is_fixed_for_every_language() {
    // Every language computes this key through the core; a change would split servers
    // that share one Redis.
    let keys = [
        oauth1::nonce_store_key("app-key", Some("access-token"), "n0nce", NOW),
        oauth1::nonce_store_key("app-key", None, "n0nce", NOW),
        oauth1::nonce_store_key("app-key", Some(""), "n0nce", NOW),
        oauth1::nonce_store_key("app-keyn", Some("0nce"), "", NOW),
        oauth1::nonce_store_key("app-key", Some("access-token"), "n0nce", NOW + 1),
    ];
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            assert_ne!(a, b);
        }
    }
    // SHA-256 of each part's length (u64, little-endian) and bytes, a token-present byte
    // and the timestamp (u64, little-endian), as Python's hashlib computes it.
    assert_eq!(
        keys[0],
        "oauth1:nonce:e656743b1845f34e28ee5590b839e43dbbaddf9cfc530298b7914707ed93a581"
    );
}
