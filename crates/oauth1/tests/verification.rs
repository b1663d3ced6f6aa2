//! Server-side verification: one precise problem for each way a request can fail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{
    Credentials, Error, MemoryNonceStore, Placement, Problem, ReceivedRequest, Request, Secret,
    SecretLookup, SignatureMethod, Signer, VerifyOptions, clock_offset_from_problem, verify,
};

const NOW: u64 = 1_700_000_000;
const URL: &str = "https://api.example.com/r?a=1";

fn signer() -> Signer {
    Signer::builder("ck", "cs")
        .token("tk", "ts")
        .build()
        .unwrap()
}

fn at(now: u64) -> VerifyOptions<'static> {
    VerifyOptions {
        now: Some(now),
        ..VerifyOptions::default()
    }
}

fn rejection(result: Result<oauth1::Verified, Error>) -> oauth1::Rejection {
    match result {
        Err(Error::Rejected(r)) => r,
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
    for method in SignatureMethod::ALL {
        let s = Signer::builder("ck", "c&s")
            .token("tk", "t s")
            .signature_method(method)
            .realm("Photos")
            .build()
            .unwrap();
        let header = header_for(&s, "PUT", URL);
        let ok = verify(
            &ReceivedRequest::new("PUT", URL).authorization(&header),
            s.credentials(),
            &at(NOW),
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
    let store = MemoryNonceStore::default();
    let options = VerifyOptions {
        now: Some(NOW),
        nonce_store: Some(&store),
        ..VerifyOptions::default()
    };
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

    let only_hmac = VerifyOptions {
        now: Some(NOW),
        signature_methods: &[SignatureMethod::HmacSha256],
        ..VerifyOptions::default()
    };
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
fn plaintext_may_omit_timestamp_and_nonce() {
    let creds = Credentials::new("ck", "c s", None::<String>, None::<String>);
    let header = "OAuth oauth_consumer_key=\"ck\", oauth_signature_method=\"PLAINTEXT\", oauth_signature=\"c%2520s%26\"";
    let ok = verify(
        &ReceivedRequest::new("POST", URL).authorization(header),
        &creds,
        &at(NOW),
    )
    .unwrap();
    assert_eq!((ok.timestamp, ok.nonce), (None, None));
}

struct Table;

impl SecretLookup for Table {
    fn consumer_secret(&self, consumer_key: &str) -> Option<Secret> {
        (consumer_key == "tenant-a").then(|| Secret::new("secret-a"))
    }
    fn token_secret(&self, _consumer_key: &str, token: &str) -> Option<Secret> {
        (token == "user-1").then(|| Secret::new("user-1-secret"))
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
