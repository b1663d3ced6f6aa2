//! RSA-SHA1/256/512 (RFC 5849 section 3.4.3): every key format, a clear error for
//! every bad key, the published OAuth Core 1.0 example, and verification with the
//! public key in each of its forms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{
    Consumer, Credentials, KeyOptions, ReceivedRequest, Request, RsaPrivateKey, RsaPublicKey,
    Secret, SecretLookup, SignatureMethod, Signer, VerifyOptions, verify,
};

const NOW: u64 = 1_700_000_000;

fn key_path(name: &str) -> String {
    format!(
        "{}/../../tests/vectors/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn key_bytes(name: &str) -> Vec<u8> {
    std::fs::read(key_path(name)).unwrap()
}

fn private(name: &str, options: &KeyOptions) -> Result<RsaPrivateKey, oauth1::Error> {
    RsaPrivateKey::from_file(key_path(name), options)
}

fn public(name: &str) -> Result<RsaPublicKey, oauth1::Error> {
    RsaPublicKey::from_file(key_path(name), &KeyOptions::default())
}

fn key_2048() -> RsaPrivateKey {
    private("rsa-2048.pem", &KeyOptions::default()).unwrap()
}

#[test]
fn the_oauth_core_example_signs_as_published() {
    // OAuth Core 1.0 test cases: RSA-SHA1 over the photos.example.net request.
    let key = private(
        "oauth-core-1.0-test.pem",
        &KeyOptions::default().allow_short_key(true),
    )
    .unwrap();
    let signer = Signer::builder("dpf43f3p2l4k3l03", "")
        .private_key(key)
        .build()
        .unwrap();
    assert_eq!(signer.signature_method(), SignatureMethod::RsaSha1);
    let signed = signer
        .sign(
            &Request::new(
                "GET",
                "http://photos.example.net/photos?file=vacaction.jpg&size=original",
            )
            .nonce("13917289812797014437")
            .timestamp(1_196_666_512),
        )
        .unwrap();
    assert_eq!(
        signed.signature(),
        "jvTp/wX1TYtByB1m+Pbyo0lnCOLIsyGCH7wke8AUs3BpnwZJtAuEJkvQL2/9n4s5wUmUl4aCI4BwpraNx4RtEXMe5qg5T1LVTGliMRpKasKsW//e+RinhejgCuzoH26dyF8iY2ZZ/5D1ilgeijhV/vBka5twt399mXwaYdCwFYE="
    );
}

#[test]
fn every_private_key_format_loads_the_same_key() {
    let password = KeyOptions::default().password("correct horse");
    let keystore = KeyOptions::default().password("keystore password");
    let reference = key_2048().public_key();
    for (name, options) in [
        ("rsa-2048.pem", KeyOptions::default()),
        ("rsa-2048.der", KeyOptions::default()),
        ("rsa-2048-pkcs1.pem", KeyOptions::default()),
        ("rsa-2048-encrypted.pem", password.clone()),
        ("rsa-2048-encrypted.der", password.clone()),
        ("rsa-2048-pkcs1-encrypted.pem", password.clone()),
        ("rsa-2048.p12", keystore.clone()),
        ("rsa-2048-legacy.p12", keystore.clone()),
    ] {
        let key = private(name, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.bits(), 2048, "{name}");
        assert_eq!(key.public_key(), reference, "{name}");
        let from_bytes = RsaPrivateKey::from_bytes(&key_bytes(name), &options).unwrap();
        assert_eq!(from_bytes.public_key(), reference, "{name}");
    }
}

#[test]
fn a_pem_bundle_yields_the_block_asked_for() {
    // As `openssl pkcs12 -nodes` writes it: bag attributes, the certificate, then the key.
    let bundle = format!(
        "Bag Attributes\n    friendlyName: consumer\n{}{}",
        String::from_utf8(key_bytes("rsa-2048-cert.pem")).unwrap(),
        String::from_utf8(key_bytes("rsa-2048.pem")).unwrap()
    );
    let key = RsaPrivateKey::from_bytes(bundle.as_bytes(), &KeyOptions::default()).unwrap();
    let public = RsaPublicKey::from_bytes(bundle.as_bytes(), &KeyOptions::default()).unwrap();
    assert_eq!(key.public_key(), public);
}

#[test]
fn every_public_key_format_loads_the_same_key() {
    let reference = key_2048().public_key();
    for name in [
        "rsa-2048-public.pem",
        "rsa-2048-public.der",
        "rsa-2048-public-pkcs1.pem",
        "rsa-2048-cert.pem",
        "rsa-2048-cert.der",
    ] {
        let key = public(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key, reference, "{name}");
    }
}

#[test]
fn each_bad_key_has_its_own_error() {
    let cases: &[(&str, KeyOptions, &str)] = &[
        (
            "rsa-2048-encrypted.pem",
            KeyOptions::default(),
            "key_password",
        ),
        (
            "rsa-2048-encrypted.pem",
            KeyOptions::default().password("wrong"),
            "key_password",
        ),
        (
            "rsa-2048-encrypted.der",
            KeyOptions::default().password("wrong"),
            "key_password",
        ),
        (
            "rsa-2048-encrypted.der",
            KeyOptions::default(),
            "key_password",
        ),
        (
            "rsa-2048-pkcs1-encrypted.pem",
            KeyOptions::default().password("wrong"),
            "key_password",
        ),
        ("rsa-2048.p12", KeyOptions::default(), "key_password"),
        (
            "rsa-2048.p12",
            KeyOptions::default().password("wrong"),
            "key_password",
        ),
        ("rsa-2048-public.pem", KeyOptions::default(), "key_type"),
        ("rsa-2048-public.der", KeyOptions::default(), "key_type"),
        ("rsa-2048-cert.pem", KeyOptions::default(), "key_type"),
        ("ec-p256.pem", KeyOptions::default(), "key_type"),
        ("rsa-1024.pem", KeyOptions::default(), "key_too_short"),
        ("README.md", KeyOptions::default(), "key_unreadable"),
        (
            "does-not-exist.pem",
            KeyOptions::default(),
            "key_unreadable",
        ),
    ];
    for (name, options, code) in cases {
        let err = private(name, options).unwrap_err();
        assert_eq!(err.code(), *code, "{name}: {err}");
        assert!(!err.to_string().contains("MII"), "{name}: {err}");
    }
    assert!(
        private("rsa-1024.pem", &KeyOptions::default().allow_short_key(true)).is_ok(),
        "a short key is accepted when allowed"
    );
    let err = private("rsa-1024.pem", &KeyOptions::default()).unwrap_err();
    assert!(err.to_string().contains("1024 bits"), "{err}");

    // A PEM file cut in half, and one with a damaged body.
    let pem = String::from_utf8(key_bytes("rsa-2048.pem")).unwrap();
    let truncated = &pem[..pem.len() / 2];
    let damaged = pem.replacen("MII", "M!I", 1);
    for bad in [truncated, damaged.as_str(), ""] {
        let err = RsaPrivateKey::from_bytes(bad.as_bytes(), &KeyOptions::default()).unwrap_err();
        assert_eq!(err.code(), "key_unreadable", "{err}");
    }
    // Public-key loading refuses private keys and garbage.
    assert_eq!(public("rsa-2048.pem").unwrap_err().code(), "key_type");
    assert_eq!(public("rsa-2048.der").unwrap_err().code(), "key_type");
    assert_eq!(public("README.md").unwrap_err().code(), "key_unreadable");
    assert_eq!(
        RsaPublicKey::from_bytes(&key_bytes("rsa-1024.pem"), &KeyOptions::default())
            .unwrap_err()
            .code(),
        "key_type"
    );
    // A password with a NUL byte is refused, never passed on.
    let err = private("rsa-2048.p12", &KeyOptions::default().password("a\0b")).unwrap_err();
    assert_eq!(err.code(), "key_password");
}

#[test]
fn key_material_never_shows() {
    let key = key_2048();
    assert_eq!(format!("{key:?}"), "RsaPrivateKey(2048 bits)");
    let signer = Signer::builder("k", "")
        .private_key(key.clone())
        .build()
        .unwrap();
    let shown = format!("{signer:?}");
    assert!(!shown.contains("MII") && shown.contains("***"), "{shown}");
    // --explain's account: the key's size alone, and no warning about a token secret,
    // which RSA does not use.
    let with_token = Signer::builder("k", "")
        .token("t", "")
        .private_key(key.clone())
        .build()
        .unwrap();
    let explained = with_token
        .explain(&Request::new("GET", "https://api.example.com/x").timestamp(NOW))
        .unwrap();
    assert_eq!(
        explained.masked_key,
        "<RSA private key, 2048 bits> (the token secret is not used)"
    );
    assert!(explained.warnings.is_empty(), "{:?}", explained.warnings);
    let options = KeyOptions::default().password("correct horse");
    assert!(!format!("{options:?}").contains("correct"));
    let consumer = Consumer::rsa(key.public_key());
    assert!(format!("{consumer:?}").contains("RsaPublicKey(2048 bits)"));
}

#[test]
fn method_and_key_must_agree() {
    let err = Signer::builder("k", "s")
        .signature_method(SignatureMethod::RsaSha256)
        .build()
        .unwrap_err();
    assert_eq!(err.code(), "invalid_credentials");
    assert!(err.to_string().contains("private key"), "{err}");
    let err = Signer::builder("k", "s")
        .private_key(key_2048())
        .signature_method(SignatureMethod::HmacSha1)
        .build()
        .unwrap_err();
    assert_eq!(err.code(), "invalid_option");
}

/// A server that knows one RSA consumer, with a token.
struct Jira {
    public_key: RsaPublicKey,
}

impl SecretLookup for Jira {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        (consumer_key == "jira").then(|| Consumer::rsa(self.public_key.clone()))
    }
    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        (consumer_key == "jira" && token == "tok").then(Secret::default)
    }
}

#[test]
fn rsa_signatures_verify_with_each_public_form_and_fail_when_changed() {
    for method in [
        SignatureMethod::RsaSha1,
        SignatureMethod::RsaSha256,
        SignatureMethod::RsaSha512,
    ] {
        let signer = Signer::builder("jira", "")
            .token("tok", "ignored")
            .private_key(key_2048())
            .signature_method(method)
            .body_hash(true)
            .build()
            .unwrap();
        let url = "https://jira.example.com/rest/api/2/issue?expand=names";
        let body = br#"{"fields":{"summary":"x"}}"#;
        let signed = signer
            .sign(
                &Request::new("POST", url)
                    .body(body, Some("application/json"))
                    .timestamp(NOW),
            )
            .unwrap();
        let hash = signed
            .params()
            .find(|(n, _)| *n == "oauth_body_hash")
            .unwrap()
            .1
            .to_owned();
        assert_eq!(hash, method.body_hash(body));
        let received = ReceivedRequest::new("POST", url)
            .authorization(signed.authorization())
            .body(body, Some("application/json"));
        for form in [
            "rsa-2048-public.pem",
            "rsa-2048-cert.der",
            "rsa-2048-public-pkcs1.pem",
        ] {
            let server = Jira {
                public_key: public(form).unwrap(),
            };
            let ok = verify(&received, &server, &VerifyOptions::default().now(NOW)).unwrap();
            assert_eq!((ok.signature_method, ok.body_hash_checked), (method, true));
        }
        let server = Jira {
            public_key: public("rsa-2048-public.pem").unwrap(),
        };
        let options = VerifyOptions::default().now(NOW);
        let changed_url = ReceivedRequest {
            url: "https://jira.example.com/rest/api/2/issue?expand=namez",
            ..received
        };
        assert_eq!(
            verify(&changed_url, &server, &options).unwrap_err().code(),
            "signature_invalid"
        );
        // One byte of the signature changed.
        let sig = signed.signature();
        let flipped: String = sig
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i == 10 {
                    if c == 'A' { 'B' } else { 'A' }
                } else {
                    c
                }
            })
            .collect();
        let header = signed.authorization().replace(
            &oauth1::percent_encode(sig.as_bytes()),
            &oauth1::percent_encode(flipped.as_bytes()),
        );
        let forged = ReceivedRequest {
            authorization: Some(&header),
            ..received
        };
        assert_eq!(
            verify(&forged, &server, &options).unwrap_err().code(),
            "signature_invalid"
        );
        // Another key's public half does not verify it.
        let other = Jira {
            public_key: private(
                "oauth-core-1.0-test.pem",
                &KeyOptions::default().allow_short_key(true),
            )
            .unwrap()
            .public_key(),
        };
        assert_eq!(
            verify(&received, &other, &options).unwrap_err().code(),
            "signature_invalid"
        );
    }
}

#[test]
fn a_consumer_gets_only_the_methods_it_has_a_key_for() {
    // An RSA-only consumer refuses HMAC, even signed with an empty secret.
    let hmac = Signer::builder("jira", "")
        .token("tok", "")
        .build()
        .unwrap();
    let url = "https://jira.example.com/x";
    let signed = hmac.sign(&Request::new("GET", url).timestamp(NOW)).unwrap();
    let received = ReceivedRequest::new("GET", url).authorization(signed.authorization());
    let server = Jira {
        public_key: key_2048().public_key(),
    };
    let err = verify(&received, &server, &VerifyOptions::default().now(NOW)).unwrap_err();
    assert_eq!(err.code(), "signature_method_rejected", "{err}");

    // A consumer with a secret and no public key refuses RSA.
    let rsa = Signer::builder("k", "")
        .token("t", "")
        .private_key(key_2048())
        .build()
        .unwrap();
    let signed = rsa.sign(&Request::new("GET", url).timestamp(NOW)).unwrap();
    let received = ReceivedRequest::new("GET", url).authorization(signed.authorization());
    let credentials = Credentials::new("k", "", Some("t"), Some(""));
    let err = verify(&received, &credentials, &VerifyOptions::default().now(NOW)).unwrap_err();
    assert_eq!(err.code(), "signature_method_rejected", "{err}");
    // The signer itself knows its public key.
    assert!(verify(&received, &rsa, &VerifyOptions::default().now(NOW)).is_ok());
    // RSA is refused where the server accepts HMAC only.
    let hmac_only = VerifyOptions::default()
        .now(NOW)
        .signature_methods([SignatureMethod::HmacSha1])
        .unwrap();
    assert_eq!(
        verify(&received, &rsa, &hmac_only).unwrap_err().code(),
        "signature_method_rejected"
    );
}
