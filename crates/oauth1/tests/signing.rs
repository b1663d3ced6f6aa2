//! Behaviour of `Signer::sign` beyond the vectors: placements, body hash, options and
//! every kind of bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{Error, Placement, Request, SignatureMethod, Signer};

const URL: &str = "https://api.example.com/x?a=1";
const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

fn builder() -> oauth1::SignerBuilder {
    Signer::builder("app-key", "s3cr3t-consumer").token("tok", "s3cr3t-token")
}

fn fixed(method: &'static str, url: &'static str) -> Request<'static> {
    Request::new(method, url)
        .nonce("nonce")
        .timestamp(1_700_000_000)
}

#[test]
fn signer_is_send_sync_and_clone() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<Signer>();
    assert_traits::<oauth1::Signed>();
}

#[test]
fn secrets_never_appear_in_debug() {
    let signer = builder().build().unwrap();
    let signed = signer.sign(&fixed("GET", URL)).unwrap();
    for text in [
        format!("{signer:?}"),
        format!("{signed:?}"),
        format!("{:?}", signer.credentials()),
    ] {
        assert!(!text.contains("s3cr3t"), "secret leaked: {text}");
    }
    assert!(format!("{signer:?}").contains("app-key"));

    // A PLAINTEXT signature is the key itself: Debug masks it everywhere.
    for placement in [Placement::Header, Placement::Query, Placement::Body] {
        let plaintext = builder()
            .signature_method(SignatureMethod::Plaintext)
            .placement(placement)
            .build()
            .unwrap();
        let signed = plaintext.sign(&fixed("POST", URL)).unwrap();
        assert!(
            signed.signature().contains("s3cr3t"),
            "the signature is the key"
        );
        let explained = plaintext.explain(&fixed("POST", URL)).unwrap();
        for text in [format!("{signed:?}"), format!("{explained:?}")] {
            assert!(!text.contains("s3cr3t"), "secret leaked: {text}");
        }
    }
}

#[test]
fn generated_nonce_and_clock() {
    let signer = builder().build().unwrap();
    let a = signer.sign(&Request::new("GET", URL)).unwrap();
    let b = signer.sign(&Request::new("GET", URL)).unwrap();
    assert_eq!(a.nonce().len(), 32);
    assert!(a.nonce().bytes().all(|c| c.is_ascii_alphanumeric()));
    assert_ne!(a.nonce(), b.nonce());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(a.timestamp().abs_diff(now) <= 2);

    let shifted = signer
        .with_clock_offset(-3600)
        .sign(&Request::new("GET", URL))
        .unwrap();
    assert!((now - 3600).abs_diff(shifted.timestamp()) <= 2);
}

#[test]
fn query_placement_appends_to_the_query_before_the_fragment() {
    let signer = builder().placement(Placement::Query).build().unwrap();
    let header = builder()
        .build()
        .unwrap()
        .sign(&fixed("GET", "https://api.example.com/x?a=1#top"))
        .unwrap();
    let signed = signer
        .sign(&fixed("GET", "https://api.example.com/x?a=1#top"))
        .unwrap();
    assert_eq!(signed.signature(), header.signature());
    let url = signed.signed_url().unwrap();
    assert!(url.starts_with("https://api.example.com/x?a=1&oauth_consumer_key=app-key&oauth_nonce=nonce&oauth_signature="), "{url}");
    assert!(url.ends_with("&oauth_version=1.0#top"), "{url}");
    assert!(signed.signed_body().is_none());

    let bare = signer
        .sign(&fixed("GET", "https://api.example.com/x"))
        .unwrap();
    assert!(
        bare.signed_url()
            .unwrap()
            .starts_with("https://api.example.com/x?oauth_consumer_key=")
    );
}

#[test]
fn body_placement_appends_to_the_form_body() {
    let signer = builder().placement(Placement::Body).build().unwrap();
    let signed = signer.sign(&fixed("POST", URL).body(b"b=2", FORM)).unwrap();
    let body = String::from_utf8(signed.signed_body().unwrap().to_vec()).unwrap();
    assert!(
        body.starts_with("b=2&oauth_consumer_key=app-key&"),
        "{body}"
    );
    let sig = oauth1::percent_encode(signed.signature());
    assert!(body.contains(&format!("oauth_signature={sig}&")), "{body}");

    // No body and no Content-Type: the parameters are the whole body.
    let empty = signer.sign(&fixed("POST", URL)).unwrap();
    assert!(
        empty
            .signed_body()
            .unwrap()
            .starts_with(b"oauth_consumer_key=")
    );

    let err = signer
        .sign(&fixed("POST", URL).body(b"{}", Some("application/json")))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_option");
}

#[test]
fn body_hash_only_for_non_form_bodies() {
    let signer = builder().body_hash(true).build().unwrap();
    let json = signer
        .sign(&fixed("POST", URL).body(b"Hello World!", Some("text/plain")))
        .unwrap();
    let hash: Vec<_> = json
        .params()
        .filter(|(n, _)| *n == "oauth_body_hash")
        .collect();
    assert_eq!(
        hash,
        vec![("oauth_body_hash", "Lve95gjOVATpfV8EL5X4nxwjKHE=")]
    );
    assert!(
        json.base_string()
            .contains("oauth_body_hash%3DLve95gjOVATpfV8EL5X4nxwjKHE%253D")
    );
    assert!(
        json.authorization()
            .starts_with("OAuth oauth_body_hash=\"Lve95gjOVATpfV8EL5X4nxwjKHE%3D\", ")
    );

    let form = signer.sign(&fixed("POST", URL).body(b"a=1", FORM)).unwrap();
    assert!(form.params().all(|(n, _)| n != "oauth_body_hash"));

    let sha256 = builder()
        .body_hash(true)
        .signature_method(SignatureMethod::HmacSha256)
        .build()
        .unwrap();
    let none = sha256.sign(&fixed("GET", URL)).unwrap();
    let hash = none
        .params()
        .find(|(n, _)| *n == "oauth_body_hash")
        .unwrap()
        .1
        .to_owned();
    assert_eq!(
        hash, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        "SHA-256 of the empty body"
    );
}

#[test]
fn callback_verifier_and_no_version() {
    let signer = builder()
        .callback("oob")
        .verifier("v 1")
        .version(false)
        .build()
        .unwrap();
    let signed = signer.sign(&fixed("POST", URL)).unwrap();
    let names: Vec<_> = signed.params().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "oauth_callback",
            "oauth_consumer_key",
            "oauth_nonce",
            "oauth_signature",
            "oauth_signature_method",
            "oauth_timestamp",
            "oauth_token",
            "oauth_verifier"
        ]
    );
    assert!(signed.authorization().contains("oauth_verifier=\"v%201\""));
}

#[test]
fn duplicate_protocol_parameters_are_refused() {
    let signer = builder().build().unwrap();
    let err = signer
        .sign(&fixed("GET", "https://h/x?oauth_nonce=1"))
        .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateParameter {
            name: "oauth_nonce".into()
        }
    );
    let err = signer
        .sign(&fixed("POST", "https://h/x").body(b"oauth_token=t", FORM))
        .unwrap_err();
    assert_eq!(err.code(), "duplicate_parameter");
    // A JSON body's text is not parameters.
    assert!(
        signer
            .sign(&fixed("POST", "https://h/x").body(b"oauth_token=t", Some("application/json")))
            .is_ok()
    );
    // Any other oauth_ name in the query or body would put protocol parameters in a
    // second place (RFC 5849 section 3.5): refused unless it is where ours go.
    let err = signer
        .sign(&fixed("GET", "https://h/x?oauth_other=1"))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_option");
    assert!(err.to_string().contains("\"oauth_other\""), "{err}");
    let err = signer
        .sign(&fixed("POST", "https://h/x").body(b"oauth%5Fother=1", FORM))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_option");
    let query = builder().placement(Placement::Query).build().unwrap();
    assert!(
        query
            .sign(&fixed("GET", "https://h/x?oauth_other=1"))
            .is_ok()
    );
    let err = query
        .sign(&fixed("POST", "https://h/x").body(b"oauth_other=1", FORM))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_option");
    let body = builder().placement(Placement::Body).build().unwrap();
    assert!(
        body.sign(&fixed("POST", "https://h/x").body(b"oauth_other=1", FORM))
            .is_ok()
    );
}

#[test]
fn bad_input_is_a_named_error() {
    let signer = builder().build().unwrap();
    let cases: &[(Request<'_>, &str)] = &[
        (fixed("GET", "ftp://h/x"), "unsupported_scheme"),
        (fixed("GET", "h/x"), "invalid_url"),
        (fixed("GET", "https:///x"), "invalid_url"),
        (fixed("GET", "https://h:70000/x"), "invalid_url"),
        (fixed("GET", "https://h/x\r\nX: y"), "invalid_url"),
        (fixed("", URL), "invalid_method"),
        (fixed("GE T", URL), "invalid_method"),
        (fixed("GÉT", URL), "invalid_method"),
        (
            Request::new("GET", URL).nonce("").timestamp(1),
            "invalid_nonce",
        ),
        (
            Request::new("GET", URL).nonce("a\nb").timestamp(1),
            "invalid_nonce",
        ),
        (
            Request::new("GET", URL).nonce("n").timestamp(0),
            "invalid_timestamp",
        ),
    ];
    for (request, code) in cases {
        let err = signer.sign(request).unwrap_err();
        assert_eq!(err.code(), *code, "{request:?}: {err}");
        assert!(!err.to_string().contains("s3cr3t"));
    }

    let err = Signer::builder("", "s").build().unwrap_err();
    assert_eq!(err.code(), "invalid_credentials");
    let err = Signer::from_credentials(oauth1::Credentials::new(
        "k",
        "s",
        None::<String>,
        Some("ts"),
    ))
    .build()
    .unwrap_err();
    assert_eq!(err.code(), "invalid_credentials");
    let err = "RSA-MD5".parse::<SignatureMethod>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown signature method \"RSA-MD5\": expected HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, RSA-SHA512 or PLAINTEXT"
    );
    assert_eq!(
        "hmac-sha256".parse::<SignatureMethod>().unwrap(),
        SignatureMethod::HmacSha256
    );
    let err = builder()
        .clock_offset(-4_000_000_000)
        .build()
        .unwrap()
        .sign(&Request::new("GET", URL))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_timestamp");
}

#[test]
fn empty_token_is_no_token() {
    let signer = Signer::builder("k", "s").token("", "").build().unwrap();
    let signed = signer.sign(&fixed("GET", URL)).unwrap();
    assert!(signed.params().all(|(n, _)| n != "oauth_token"));
}

#[test]
fn credentials_from_json_and_lookup() {
    let ours =
        oauth1::Credentials::from_json(r#"{"consumer_key":"k","consumer_secret":"s"}"#, "f.json")
            .unwrap();
    assert_eq!(ours.token, None);
    for (text, reason) in [
        ("[]", "expected a JSON object"),
        ("{", "not valid JSON"),
        (
            r#"{"appKey":"k"}"#,
            "\"consumer_secret\" (or \"secret\") is missing",
        ),
        (r#"{"appKey":"k","consumer_key":"k","secret":"s"}"#, "both"),
        (r#"{"appKey":1,"secret":"s"}"#, "must be a string"),
    ] {
        let err = oauth1::Credentials::from_json(text, "f.json").unwrap_err();
        assert!(err.to_string().contains(reason), "{text}: {err}");
        assert!(err.to_string().contains("f.json"));
    }
    let vars = [
        ("OAUTH1_CONSUMER_KEY", "k"),
        ("OAUTH1_CONSUMER_SECRET", "s"),
        ("OAUTH1_TOKEN", "t"),
    ];
    let c = oauth1::Credentials::from_lookup("test", |n| {
        vars.iter().find(|v| v.0 == n).map(|v| v.1.to_owned())
    })
    .unwrap();
    assert_eq!(
        (c.consumer_key.as_str(), c.token.as_deref()),
        ("k", Some("t"))
    );
    let err = oauth1::Credentials::from_lookup("the environment", |_| None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot load credentials from the environment: OAUTH1_CONSUMER_KEY is not set"
    );
}

/// A credential variable that is set but not UTF-8 is named in an error, not taken
/// as unset (which would blame a missing variable instead). The environment is set
/// for a child process, which runs the ignored test below.
#[cfg(unix)]
#[test]
fn an_environment_value_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "from_env_in_a_child", "--ignored", "--nocapture"])
        .env("OAUTH1_CONSUMER_KEY", "k")
        .env(
            "OAUTH1_CONSUMER_SECRET",
            std::ffi::OsStr::from_bytes(b"s\xffs"),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("credentials_source: cannot load credentials from the environment: OAUTH1_CONSUMER_SECRET is set but is not valid UTF-8"),
        "{stdout}"
    );
}

#[test]
#[ignore = "run by an_environment_value_that_is_not_utf8_is_an_error with its environment"]
fn from_env_in_a_child() {
    match oauth1::Credentials::from_env() {
        Ok(c) => println!("ok: {}", c.consumer_key),
        Err(e) => println!("{}: {e}", e.code()),
    }
}
