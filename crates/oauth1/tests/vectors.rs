//! Runs every section of `tests/vectors/public.json` against the core; a failure names
//! the vector.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{KeyOptions, Placement, Request, RsaPrivateKey, SignatureMethod, Signer};
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/public.json"
    );
    let text = std::fs::read_to_string(path).expect("read tests/vectors/public.json");
    serde_json::from_str(&text).expect("vectors are JSON")
}

fn section<'v>(v: &'v Value, name: &str) -> &'v [Value] {
    let items = v[name]
        .as_array()
        .unwrap_or_else(|| panic!("section {name} missing"));
    assert!(!items.is_empty(), "section {name} is empty");
    items
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Builds the signer a signing vector describes.
pub fn signer_for(case: &Value) -> Signer {
    let name = str_of(case, "name").unwrap_or("?");
    // RSA vectors carry the private key (PEM) and no consumer secret.
    let mut builder = Signer::builder(
        str_of(case, "consumer_key").expect("consumer_key"),
        str_of(case, "consumer_secret").unwrap_or(""),
    );
    if let Some(pem) = str_of(case, "private_key") {
        let options = KeyOptions::default()
            .allow_short_key(case["allow_short_key"].as_bool().unwrap_or(false));
        let key = RsaPrivateKey::from_bytes(pem.as_bytes(), &options)
            .unwrap_or_else(|e| panic!("{name}: the private key: {e}"));
        builder = builder.private_key(key);
    } else {
        assert!(
            case["consumer_secret"].is_string(),
            "{name}: consumer_secret"
        );
    }
    if let Some(token) = str_of(case, "token") {
        builder = builder.token(token, str_of(case, "token_secret").unwrap_or(""));
    }
    if let Some(realm) = str_of(case, "realm") {
        builder = builder.realm(realm);
    }
    if let Some(cb) = str_of(case, "callback") {
        builder = builder.callback(cb);
    }
    if let Some(v) = str_of(case, "verifier") {
        builder = builder.verifier(v);
    }
    let method: SignatureMethod = str_of(case, "signature_method")
        .unwrap_or("HMAC-SHA1")
        .parse()
        .expect("method");
    builder
        .signature_method(method)
        .version(case["version"].as_bool().unwrap_or(true))
        .body_hash(case["body_hash"].as_bool().unwrap_or(false))
        .placement(Placement::Header)
        .build()
        .unwrap_or_else(|e| panic!("{name}: building the signer failed: {e}"))
}

#[test]
fn signing_vectors() {
    let v = vectors();
    for case in section(&v, "signing") {
        let name = str_of(case, "name").expect("name");
        let signer = signer_for(case);
        let nonce = str_of(case, "nonce").expect("nonce");
        let timestamp = case["timestamp"].as_u64().expect("timestamp");
        let mut request = Request::new(
            str_of(case, "method").expect("method"),
            str_of(case, "url").expect("url"),
        )
        .nonce(nonce)
        .timestamp(timestamp);
        if let Some(body) = str_of(case, "body") {
            request = request.body(body.as_bytes(), str_of(case, "content_type"));
        }
        let signed = signer
            .sign(&request)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = &case["expected"];
        assert_eq!(
            signed.base_string(),
            expected["base_string"].as_str().expect("base_string"),
            "{name}: base string"
        );
        assert_eq!(
            signed.signature(),
            expected["signature"].as_str().expect("signature"),
            "{name}: signature"
        );
        assert_eq!(
            signed.authorization(),
            expected["authorization"].as_str().expect("authorization"),
            "{name}: header"
        );
        let params: Vec<(String, String)> = signed
            .params()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        let want: Vec<(String, String)> = expected["params"]
            .as_array()
            .expect("params")
            .iter()
            .map(|p| {
                (
                    p[0].as_str().expect("name").to_owned(),
                    p[1].as_str().expect("value").to_owned(),
                )
            })
            .collect();
        assert_eq!(params, want, "{name}: params");
        assert_eq!(signed.nonce(), nonce, "{name}: nonce");
        assert_eq!(signed.timestamp(), timestamp, "{name}: timestamp");
    }
}

#[test]
fn percent_encoding_vectors() {
    let v = vectors();
    for pair in section(&v, "percent_encoding") {
        let (input, want) = (
            pair[0].as_str().expect("input"),
            pair[1].as_str().expect("output"),
        );
        assert_eq!(
            oauth1::percent_encode(input),
            want,
            "percent_encoding {input:?}"
        );
        assert_eq!(
            oauth1::percent_decode(want),
            input.as_bytes(),
            "percent_decoding {want:?}"
        );
    }
}

#[test]
fn normalized_parameter_vectors() {
    let v = vectors();
    for pair in section(&v, "normalized_parameters") {
        let (query, want) = (
            pair[0].as_str().expect("query"),
            pair[1].as_str().expect("normalized"),
        );
        let url = format!("https://example.com/?{query}");
        assert_eq!(
            oauth1::normalized_parameters(&url, None, None).expect("parses"),
            want,
            "normalized_parameters {query:?}"
        );
    }
}

#[test]
fn base_string_uri_vectors() {
    let v = vectors();
    for pair in section(&v, "base_string_uri") {
        let (url, want) = (
            pair[0].as_str().expect("url"),
            pair[1].as_str().expect("uri"),
        );
        assert_eq!(
            oauth1::base_string_uri(url).expect("parses"),
            want,
            "base_string_uri {url:?}"
        );
    }
}

#[test]
fn hmac_vectors() {
    let v = vectors();
    for case in section(&v, "hmac") {
        let method: SignatureMethod = str_of(case, "method")
            .expect("method")
            .parse()
            .expect("known method");
        let key = str_of(case, "key").expect("key");
        let got = oauth1::hmac_signature(
            method,
            key.as_bytes(),
            str_of(case, "message").expect("message").as_bytes(),
        )
        .expect("hmac");
        assert_eq!(
            got,
            str_of(case, "signature").expect("signature"),
            "hmac {} {key:?}",
            method
        );
    }
}

#[test]
fn body_hash_vectors() {
    let v = vectors();
    for case in section(&v, "body_hash") {
        let body = str_of(case, "body").expect("body");
        let method = match str_of(case, "hash").expect("hash") {
            "SHA-1" => SignatureMethod::HmacSha1,
            "SHA-256" => SignatureMethod::HmacSha256,
            "SHA-512" => SignatureMethod::HmacSha512,
            other => panic!("unknown hash {other}"),
        };
        assert_eq!(
            method.body_hash(body.as_bytes()),
            str_of(case, "oauth_body_hash").expect("hash"),
            "body_hash {body:?}"
        );
    }
}
