//! Property tests: encoding round trips, equivalent URLs signing alike, sign-then-verify,
//! and no panic on arbitrary input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{
    ReceivedRequest, Request, SignatureMethod, Signer, VerifyOptions, parse_authorization_header,
    percent_decode, percent_encode, verify,
};
use proptest::prelude::*;

const NOW: u64 = 1_700_000_000;

fn signer(method: SignatureMethod) -> Signer {
    with_key(Signer::builder("key", "sec ret&"), method)
        .token("tok", "tok/secret")
        .signature_method(method)
        .build()
        .unwrap()
}

/// The test RSA key for the RSA methods; the secrets alone for the others.
fn with_key(builder: oauth1::SignerBuilder, method: SignatureMethod) -> oauth1::SignerBuilder {
    static KEY: std::sync::OnceLock<oauth1::RsaPrivateKey> = std::sync::OnceLock::new();
    if !method.is_rsa() {
        return builder;
    }
    let key = KEY.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/vectors/keys/rsa-2048.pem"
        );
        oauth1::RsaPrivateKey::from_file(path, &oauth1::KeyOptions::default()).unwrap()
    });
    builder.private_key(key.clone())
}

/// Every method accepted, PLAINTEXT included (the https URLs below allow it).
fn options() -> VerifyOptions {
    VerifyOptions::default()
        .now(NOW)
        .signature_methods(SignatureMethod::ALL)
        .unwrap()
}

fn any_method() -> impl Strategy<Value = SignatureMethod> {
    prop::sample::select(SignatureMethod::ALL.to_vec())
}

/// Query or form text: names and values from a mix of plain, reserved, escaped and
/// non-ASCII characters; up to 24 pairs, past the 16 that are sorted by insertion.
fn form_text() -> impl Strategy<Value = String> {
    let part = "([a-zA-Z0-9]|[-._~]|[ !*'()+,:;@/?$]|%2[0-9A-F]|é|🦀|%E2%82%AC){0,6}";
    prop::collection::vec((part, part), 0..24).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    })
}

/// A form's pairs as RFC 5849 section 3.4.1.3 reads them, step by step: split, form-
/// decode, encode, and leave out `realm` and `oauth_signature` (not yet sorted).
fn reference_pairs(form: &str) -> Vec<(String, String)> {
    let form_decode = |s: &str| percent_decode(s.replace('+', " "));
    form.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(n, v)| {
            (
                percent_encode(form_decode(n)),
                percent_encode(form_decode(v)),
            )
        })
        .filter(|(n, _)| n != "realm" && n != "oauth_signature")
        .collect()
}

fn sign_url(signer: &Signer, url: &str) -> Result<String, oauth1::Error> {
    let signed = signer.sign(&Request::new("GET", url).nonce("n").timestamp(NOW))?;
    Ok(signed.signature().to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn encode_decode_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let encoded = percent_encode(&bytes);
        prop_assert_eq!(percent_decode(&encoded), bytes);
        // Only unreserved characters and upper-case %XX escapes (RFC 5849 section 3.6).
        let b = encoded.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                prop_assert!(b[i + 1..i + 3].iter().all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c)));
                i += 3;
            } else {
                prop_assert!(b[i].is_ascii_alphanumeric() || b"-._~".contains(&b[i]));
                i += 1;
            }
        }
    }

    #[test]
    fn normalization_matches_a_plain_reference(query in form_text()) {
        // RFC 5849 section 3.4.1.3.2 step by step: decode, encode, sort, join.
        let mut pairs = reference_pairs(&query);
        pairs.sort();
        let want: Vec<String> = pairs.iter().map(|(n, v)| format!("{n}={v}")).collect();
        let url = format!("https://h.example/?{query}");
        prop_assert_eq!(oauth1::normalized_parameters(&url, None, None).unwrap(), want.join("&"));
    }

    #[test]
    fn base_string_matches_a_plain_reference(
        query in form_text(),
        near in prop::collection::vec(prop::sample::select(vec![
            "oauth=1", "oautha=2", "oauth-x=3", "OAUTH_X=4", "oauth_a=5", "oauth_consumer_keyz=6",
            "oauth_zz=7", "oauth_", "a=8", "zz=9",
        ]), 0..3),
        nonce in "([a-zA-Z0-9]|[-._~ +%/=&é]){1,12}",
        callback in prop::option::of("[a-z:/.?=&é ]{1,12}"),
        verifier in prop::option::of("[a-zA-Z0-9 +/]{1,8}"),
        token in any::<bool>(),
        version in any::<bool>(),
        body_hash in any::<bool>(),
        method in any_method(),
    ) {
        // Section 3.4.1 step by step, from the parameters `sign` reports it sent: the
        // query pairs and the protocol parameters, encoded, sorted and joined. Names
        // near `oauth_` in sort order check that the signer's own parameters, which it
        // renders ahead as one run, land where sorting puts them one by one.
        let mut builder = with_key(Signer::builder("k\u{e9}y", "sec ret&"), method)
            .signature_method(method)
            .version(version)
            .body_hash(body_hash)
            .placement(oauth1::Placement::Query);
        if token {
            builder = builder.token("to ken", "s");
        }
        if let Some(c) = &callback {
            builder = builder.callback(c.as_str());
        }
        if let Some(v) = &verifier {
            builder = builder.verifier(v.as_str());
        }
        let s = builder.build().unwrap();
        let query = [query].into_iter().chain(near.iter().map(|n| n.to_string())).collect::<Vec<_>>().join("&");
        let url = format!("https://h.example/p?{query}");
        let body = b"{}";
        let signed = match s.sign(&Request::new("POST", &url).body(body, Some("application/json")).nonce(&nonce).timestamp(NOW)) {
            Ok(signed) => signed,
            // `oauth_` itself is refused: a name RFC 5849 reserves, sent by nobody.
            Err(e) => {
                prop_assert!(near.contains(&"oauth_"), "{e}");
                return Ok(());
            }
        };
        let mut pairs = reference_pairs(&query);
        pairs.extend(
            signed.params()
                .filter(|(n, _)| *n != "oauth_signature")
                .map(|(n, v)| (n.to_owned(), percent_encode(v))),
        );
        pairs.sort();
        let normalized: Vec<String> = pairs.iter().map(|(n, v)| format!("{n}={v}")).collect();
        let want = format!(
            "POST&{}&{}",
            percent_encode("https://h.example/p"),
            percent_encode(normalized.join("&"))
        );
        prop_assert_eq!(signed.base_string(), want);
        prop_assert_eq!(signed.params().any(|(n, _)| n == "oauth_body_hash"), body_hash);
    }

    #[test]
    fn query_order_does_not_matter(query in form_text(), method in any_method(), seed in any::<u64>()) {
        let mut pairs: Vec<&str> = query.split('&').collect();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..pairs.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            pairs.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let s = signer(method);
        let a = sign_url(&s, &format!("https://api.example.com/x?{query}")).unwrap();
        let b = sign_url(&s, &format!("https://api.example.com/x?{}", pairs.join("&"))).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn raw_and_escaped_urls_sign_alike(
        path in "(/[a-z]{0,3}( |é|\"|<|>|`|\\{|\\}|🦀)?){1,4}",
        value in "([a-z]| |é|\"|<|>|🦀){0,8}",
        method in any_method(),
    ) {
        let s = signer(method);
        let raw = format!("http://h.example{path}?q={value}");
        let escape = |text: &str| {
            text.bytes().map(|b| match b {
                b' ' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | 0x80..=0xff => format!("%{b:02X}"),
                _ => char::from(b).to_string(),
            }).collect::<String>()
        };
        let escaped = format!("http://h.example{}?q={}", escape(&path), escape(&value));
        prop_assert_eq!(sign_url(&s, &raw).unwrap(), sign_url(&s, &escaped).unwrap());
    }

    #[test]
    fn sign_then_verify(
        method_name in prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "patch"]),
        query in form_text(),
        body in form_text(),
        form in any::<bool>(),
        method in any_method(),
    ) {
        let s = signer(method);
        let url = format!("https://api.example.com:8443/p/q?{query}");
        let content_type = if form { "application/x-www-form-urlencoded" } else { "application/json" };
        let signed = s.sign(&Request::new(method_name, &url).body(body.as_bytes(), Some(content_type)).timestamp(NOW)).unwrap();
        let received = ReceivedRequest::new(method_name, &url)
            .authorization(signed.authorization())
            .body(body.as_bytes(), Some(content_type));
        // The signer answers for its own consumer: its secrets, or its RSA public key.
        let creds = &s;
        prop_assert!(verify(&received, creds, &options()).is_ok());

        // Another method fails, except with PLAINTEXT, whose signature is the key alone
        // (RFC 5849 section 3.4.4) and covers nothing of the request.
        prop_assume!(method != SignatureMethod::Plaintext);
        let other = if method_name.eq_ignore_ascii_case("GET") { "POST" } else { "GET" };
        let tampered = ReceivedRequest { method: other, ..received };
        prop_assert_eq!(verify(&tampered, creds, &options()).unwrap_err().code(), "signature_invalid");
    }

    #[test]
    fn any_changed_letter_in_url_or_form_body_fails(
        path in "/[a-z]{1,8}",
        query in "[a-z]{1,5}=[a-z]{1,5}",
        body in "[a-z]{1,5}=[a-z]{1,5}",
        pick in any::<prop::sample::Index>(),
        replacement in "[a-z]",
        in_body in any::<bool>(),
    ) {
        let s = signer(SignatureMethod::HmacSha1);
        let url = format!("https://api.example.com{path}?{query}");
        let form = Some("application/x-www-form-urlencoded");
        let signed = s.sign(&Request::new("POST", &url).body(body.as_bytes(), form).timestamp(NOW)).unwrap();
        let (mut new_url, mut new_body) = (url.clone().into_bytes(), body.clone().into_bytes());
        let target = if in_body { &mut new_body } else { &mut new_url };
        let letters: Vec<usize> = (0..target.len())
            .filter(|&i| target[i].is_ascii_lowercase() && (in_body || i >= "https://api.example.com".len()))
            .collect();
        let at = letters[pick.index(letters.len())];
        prop_assume!(target[at] != replacement.as_bytes()[0]);
        target[at] = replacement.as_bytes()[0];
        let (new_url, new_body) = (String::from_utf8(new_url).unwrap(), new_body);
        let received = ReceivedRequest::new("POST", &new_url)
            .authorization(signed.authorization())
            .body(&new_body, form);
        prop_assert!(verify(&received, s.credentials(), &options()).is_err());
    }

    #[test]
    fn any_changed_header_value_fails(pick in any::<prop::sample::Index>(), replacement in any::<u8>()) {
        let s = signer(SignatureMethod::HmacSha1);
        let url = "https://api.example.com/x?a=1";
        let signed = s.sign(&Request::new("GET", url).timestamp(NOW)).unwrap();
        let header = signed.authorization().as_bytes().to_vec();
        // Bytes inside quoted values.
        let mut inside = Vec::new();
        let mut quoted = false;
        for (i, &b) in header.iter().enumerate() {
            if b == b'"' { quoted = !quoted; } else if quoted { inside.push(i); }
        }
        let at = inside[pick.index(inside.len())];
        prop_assume!(header[at] != replacement);
        let mut changed = header.clone();
        changed[at] = replacement;
        let Ok(changed) = String::from_utf8(changed) else { return Ok(()) };
        // A change that decodes to the same values (hex case in an escape) is no change.
        let same = parse_authorization_header(&changed).ok() == parse_authorization_header(signed.authorization()).ok();
        prop_assume!(!same);
        let received = ReceivedRequest::new("GET", url).authorization(&changed);
        prop_assert!(verify(&received, s.credentials(), &options()).is_err());
    }

    #[test]
    fn arbitrary_input_never_panics(
        url in ".{0,64}",
        method in ".{0,8}",
        body in prop::collection::vec(any::<u8>(), 0..64),
        content_type in prop::option::of(".{0,40}"),
        header in ".{0,120}",
    ) {
        let s = signer(SignatureMethod::HmacSha256);
        let _ = s.sign(&Request::new(&method, &url).body(&body, content_type.as_deref()));
        let _ = s.explain(&Request::new(&method, &url).body(&body, content_type.as_deref()));
        let _ = parse_authorization_header(&header);
        let _ = oauth1::clock_offset_from_problem(&header, NOW);
        let received = ReceivedRequest::new(&method, &url).authorization(&header).body(&body, content_type.as_deref());
        let _ = verify(&received, s.credentials(), &options());
        let url = format!("http://h/{url}");
        let _ = s.sign(&Request::new("GET", &url));
    }

    #[test]
    fn url_like_input_never_panics(url in "(https?|HTTP|ftp)?(:)?(//)?([a-z@:\\[\\]0-9.]{0,12})([/?#%a-z0-9:@\\[\\]]{0,20})") {
        let s = signer(SignatureMethod::HmacSha1);
        let _ = s.sign(&Request::new("GET", &url));
        let _ = oauth1::base_string_uri(&url);
    }
}
