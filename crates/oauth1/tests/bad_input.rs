//! Runs `tests/vectors/bad-input.json`, the table of inputs that every binding and the
//! CLI must refuse with the same error code, against the core; a failure names the case.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{
    Consumer, Credentials, Error, KeyOptions, MemoryNonceStore, Placement, ReceivedRequest,
    Request, RsaPrivateKey, RsaPublicKey, Secret, SecretLookup, SignatureMethod, Signer,
    VerifyOptions, unix_seconds, verify,
};
use serde_json::Value;

fn table() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/bad-input.json"
    );
    let text = std::fs::read_to_string(path).expect("read tests/vectors/bad-input.json");
    serde_json::from_str(&text).expect("the table is JSON")
}

fn cases<'v>(table: &'v Value, section: &str) -> &'v [Value] {
    let items = table[section]
        .as_array()
        .unwrap_or_else(|| panic!("section {section} missing"));
    assert!(!items.is_empty(), "section {section} is empty");
    items
}

fn text<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

fn credentials(v: &Value) -> Credentials {
    Credentials::new(
        text(v, "consumer_key").expect("consumer_key"),
        text(v, "consumer_secret").unwrap_or(""),
        text(v, "token"),
        text(v, "token_secret"),
    )
}

/// The server of a verify case: one set of credentials, with an RSA public key where
/// the case gives one, and without a shared secret where it gives none.
struct Server {
    credentials: Credentials,
    has_secret: bool,
    public_key: Option<RsaPublicKey>,
}

impl SecretLookup for Server {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        let mut consumer = self.credentials.consumer(consumer_key)?;
        if !self.has_secret {
            consumer.secret = None;
        }
        consumer.rsa_public_key.clone_from(&self.public_key);
        Some(consumer)
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.credentials.token_secret(consumer_key, token)
    }
}

fn server(v: &Value) -> Server {
    Server {
        credentials: credentials(v),
        has_secret: text(v, "consumer_secret").is_some(),
        public_key: text(v, "rsa_public_key")
            .map(|pem| RsaPublicKey::from_bytes(pem.as_bytes(), &KeyOptions::default()).unwrap()),
    }
}

fn sign_case(case: &Value) -> Result<(), Error> {
    let s = &case["signer"];
    let mut builder = Signer::from_credentials(credentials(s));
    if let Some(pem) = text(s, "private_key") {
        let mut options =
            KeyOptions::default().allow_short_key(s["allow_short_key"].as_bool().unwrap_or(false));
        if let Some(password) = text(s, "private_key_password") {
            options = options.password(password);
        }
        builder = builder.private_key(RsaPrivateKey::from_bytes(pem.as_bytes(), &options)?);
    }
    if let Some(m) = text(s, "signature_method") {
        builder = builder.signature_method(m.parse::<SignatureMethod>()?);
    }
    if let Some(p) = text(s, "placement") {
        builder = builder.placement(p.parse::<Placement>()?);
    }
    if let Some(cb) = text(s, "callback") {
        builder = builder.callback(cb);
    }
    let signer = builder.build()?;
    let r = &case["request"];
    let mut request = Request::new(text(r, "method").unwrap(), text(r, "url").unwrap());
    if let Some(body) = text(r, "body") {
        request = request.body(body.as_bytes(), text(r, "content_type"));
    }
    if let Some(nonce) = text(r, "nonce") {
        request = request.nonce(nonce);
    }
    if let Some(t) = r["timestamp"].as_i64() {
        request = request.timestamp(unix_seconds(t, "the timestamp")?);
    }
    signer.sign(&request).map(drop)
}

fn verify_case(case: &Value) -> Result<oauth1::Verified, Error> {
    let o = &case["options"];
    let mut options = VerifyOptions::default();
    if let Some(now) = o["now"].as_i64() {
        options = options.now(unix_seconds(now, "now")?);
    }
    if let Some(skew) = o["max_skew"].as_u64() {
        options = options.max_skew(skew);
    }
    if let Some(methods) = o["signature_methods"].as_array() {
        let parsed = methods
            .iter()
            .map(|m| m.as_str().unwrap().parse::<SignatureMethod>())
            .collect::<Result<Vec<_>, _>>()?;
        options = options.signature_methods(parsed)?;
    }
    let flag = |name: &str| o[name].as_bool();
    if let Some(b) = flag("allow_plaintext_over_http") {
        options = options.allow_plaintext_over_http(b);
    }
    if let Some(b) = flag("require_timestamp") {
        options = options.require_timestamp(b);
    }
    if let Some(b) = flag("require_body_hash") {
        options = options.require_body_hash(b);
    }
    if let Some(b) = flag("hide_unknown_keys") {
        options = options.hide_unknown_keys(b);
    }
    let r = &case["request"];
    let mut request = ReceivedRequest::new(text(r, "method").unwrap(), text(r, "url").unwrap());
    if let Some(a) = text(r, "authorization") {
        request = request.authorization(a);
    }
    if let Some(body) = text(r, "body") {
        request = request.body(body.as_bytes(), text(r, "content_type"));
    }
    verify(&request, &server(&case["secrets"]), &options)
}

/// Checks an outcome against a case's `error`, `parameters_absent`,
/// `parameters_rejected` and `message_excludes`.
fn check<T: std::fmt::Debug>(case: &Value, outcome: Result<T, Error>) {
    let name = text(case, "name").unwrap();
    let expected = text(case, "error");
    let err = match (outcome, expected) {
        (Ok(_), None) => return,
        (Ok(v), Some(code)) => panic!("{name}: expected {code}, got Ok({v:?})"),
        (Err(e), None) => panic!("{name}: expected success, got {}: {e}", e.code()),
        (Err(e), Some(code)) => {
            assert_eq!(e.code(), code, "{name}: {e}");
            e
        }
    };
    let rejection = match &err {
        Error::Rejected(r) => Some(r),
        _ => None,
    };
    let names = |key: &str| {
        case.get(key).map(|v| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
    };
    if let Some(absent) = names("parameters_absent") {
        let got = rejection.map(|r| r.parameters_absent.clone());
        assert_eq!(
            got,
            Some(absent.iter().map(String::as_str).collect()),
            "{name}"
        );
    }
    if let Some(rejected) = names("parameters_rejected") {
        assert_eq!(
            rejection.map(|r| r.parameters_rejected.clone()),
            Some(rejected),
            "{name}"
        );
    }
    if let Some(excluded) = text(case, "message_excludes") {
        assert!(!err.to_string().contains(excluded), "{name}: {err}");
    }
}

#[test]
fn sign_cases() {
    for case in cases(&table(), "sign") {
        check(case, sign_case(case));
    }
}

#[test]
fn verify_cases() {
    for case in cases(&table(), "verify") {
        check(case, verify_case(case));
    }
}

#[test]
fn nonce_store_cases() {
    for case in cases(&table(), "nonce_store") {
        let capacity = case["capacity"].as_u64().unwrap();
        let window = case["window"].as_u64().unwrap();
        check(
            case,
            MemoryNonceStore::new(usize::try_from(capacity).unwrap(), window),
        );
    }
}
