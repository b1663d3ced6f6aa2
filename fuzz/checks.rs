//! The properties the fuzz targets check, shared with the corpus replay test
//! (`crates/oauth1/tests/fuzz_corpus.rs`), so that every input the fuzzer kept is
//! also an ordinary regression test.
//!
//! Inputs are split into fields at 0xFF bytes (which never occur in UTF-8).

use oauth1::{ReceivedRequest, Request, Signer, VerifyOptions, verify};

const NOW: u64 = 1_700_000_000;

fn fields(data: &[u8]) -> Vec<&[u8]> {
    data.split(|&b| b == 0xFF).collect()
}

fn text(field: Option<&&[u8]>) -> String {
    String::from_utf8_lossy(field.copied().unwrap_or_default()).into_owned()
}

fn signer() -> Signer {
    Signer::builder("fuzz-key", "fuzz secret")
        .token("fuzz-token", "token/secret")
        .build()
        .expect("valid signer")
}

/// Signing: any method, URL, body and Content-Type signs or fails with an error, never
/// panics; whatever signs also verifies, with the same base string.
pub fn sign(data: &[u8]) {
    let f = fields(data);
    let (method, url, content_type) = (text(f.first()), text(f.get(1)), text(f.get(3)));
    let body = f.get(2).copied();
    let content_type = (!content_type.is_empty()).then_some(content_type.as_str());
    let signer = signer();
    let mut request = Request::new(&method, &url).timestamp(NOW);
    if let Some(body) = body {
        request = request.body(body, content_type);
    }
    let _ = signer.explain(&request);
    let Ok(signed) = signer.sign(&request) else {
        return;
    };
    let mut received = ReceivedRequest::new(&method, &url).authorization(signed.authorization());
    if let Some(body) = body {
        received = received.body(body, content_type);
    }
    let options = VerifyOptions::default().now(NOW);
    let verified = verify(&received, signer.credentials(), &options)
        .unwrap_or_else(|e| panic!("a request we signed does not verify: {e}"));
    assert_eq!(verified.base_string, signed.base_string());
}

/// Header parsing and the clock-offset reader accept or reject any text without panicking;
/// a parsed header re-parses identically once rendered again.
pub fn header(data: &[u8]) {
    let value = String::from_utf8_lossy(data);
    let _ = oauth1::clock_offset_from_problem(&value, NOW);
    let Ok(pairs) = oauth1::parse_authorization_header(&value) else {
        return;
    };
    let rendered: Vec<String> = pairs
        .iter()
        .map(|(n, v)| {
            format!(
                "{}=\"{}\"",
                oauth1::percent_encode(n),
                oauth1::percent_encode(v)
            )
        })
        .collect();
    let again = oauth1::parse_authorization_header(&format!("OAuth {}", rendered.join(", ")))
        .expect("a rendered header parses");
    assert_eq!(again, pairs);
}

/// Verification: a request changed by the fuzzer (method, URL, header, body, Content-Type
/// replaced by its fields) never verifies unless the server's base string is exactly the
/// one that was signed, that is, unless it is the same request.
pub fn verify_mutated(data: &[u8]) {
    let signer = signer();
    let url = "https://api.example.com/r/p?a=1&b=two";
    let body: &[u8] = b"c=3&d=4";
    let form = "application/x-www-form-urlencoded";
    let signed = signer
        .sign(
            &Request::new("POST", url)
                .body(body, Some(form))
                .timestamp(NOW)
                .nonce("fuzz-nonce"),
        )
        .expect("signs");
    let f = fields(data);
    let pick = |i: usize, original: &str| match f.get(i) {
        Some(v) if !v.is_empty() => String::from_utf8_lossy(v).into_owned(),
        _ => original.to_owned(),
    };
    let method = pick(0, "POST");
    let new_url = pick(1, url);
    let header = pick(2, signed.authorization());
    let new_body = f.get(3).filter(|v| !v.is_empty()).copied().unwrap_or(body);
    let content_type = pick(4, form);
    let received = ReceivedRequest::new(&method, &new_url)
        .authorization(&header)
        .body(new_body, Some(&content_type));
    let options = VerifyOptions::default().now(NOW);
    if let Ok(verified) = verify(&received, signer.credentials(), &options) {
        assert_eq!(
            verified.base_string,
            signed.base_string(),
            "a changed request verified"
        );
    }
}
