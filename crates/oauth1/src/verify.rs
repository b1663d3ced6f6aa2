//! The server side: checking a signed request (RFC 5849 section 3.2) and reporting
//! one precise problem (OAuth Problem Reporting) when it fails.

use crate::credentials::{Credentials, Secret};
use crate::encode::form_decode;
use crate::error::{Error, Problem, Rejection};
use crate::params::{ParamSet, ParamSource, form_pairs, is_form_content_type};
use crate::rsa_key::RsaPublicKey;
use crate::signature::{Key, SignatureMethod, rsa_verifies};
use crate::signer::Placement;
use crate::url::{RequestUrl, truncate};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// A request as the server received it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The full request URL as received, query included (scheme and host as the
    /// client addressed them, which behind a proxy may differ from the socket's).
    pub url: &'a str,
    /// The `Authorization` header value, if the request has one.
    pub authorization: Option<&'a str>,
    /// The entity body, if any.
    pub body: Option<&'a [u8]>,
    /// The body's Content-Type.
    pub content_type: Option<&'a str>,
}

impl<'a> ReceivedRequest<'a> {
    /// A received request without header or body.
    pub fn new(method: &'a str, url: &'a str) -> Self {
        ReceivedRequest {
            method,
            url,
            authorization: None,
            body: None,
            content_type: None,
        }
    }

    /// Adds the `Authorization` header value.
    pub fn authorization(mut self, value: &'a str) -> Self {
        self.authorization = Some(value);
        self
    }

    /// Adds the body and its Content-Type.
    pub fn body(mut self, body: &'a [u8], content_type: Option<&'a str>) -> Self {
        self.body = Some(body);
        self.content_type = content_type;
        self
    }
}

/// What a server knows about one consumer (RFC 5849 section 1.1 client credentials):
/// its secret or its RSA public key (or both), and whether it may sign requests
/// without a token.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Consumer {
    /// The consumer secret (LivePerson's "Secret"), for the HMAC methods and
    /// PLAINTEXT; `None` for a consumer that signs with RSA only, whose HMAC requests
    /// are then refused as `signature_method_rejected`.
    pub secret: Option<Secret>,
    /// The consumer's RSA public key, for `RSA-SHA1`, `RSA-SHA256` and `RSA-SHA512`
    /// (section 3.4.3); `None` refuses those methods for this consumer.
    pub rsa_public_key: Option<RsaPublicKey>,
    /// Whether this consumer may send requests that carry no `oauth_token`
    /// ("two-legged" requests, signed with the client credentials alone). `false`
    /// by default: a request without a token is then refused as `parameter_absent`.
    pub two_legged: bool,
}

impl Consumer {
    /// A consumer with this secret that must always send a token.
    pub fn new(secret: impl Into<Secret>) -> Self {
        Consumer {
            secret: Some(secret.into()),
            rsa_public_key: None,
            two_legged: false,
        }
    }

    /// A consumer that signs with RSA (section 3.4.3) and has no shared secret, as a
    /// Jira application link registers it.
    pub fn rsa(public_key: RsaPublicKey) -> Self {
        Consumer {
            secret: None,
            rsa_public_key: Some(public_key),
            two_legged: false,
        }
    }

    /// Adds an RSA public key to a consumer that also has a secret.
    #[must_use]
    pub fn rsa_public_key(mut self, public_key: RsaPublicKey) -> Self {
        self.rsa_public_key = Some(public_key);
        self
    }

    /// Whether this consumer may send requests without `oauth_token`.
    #[must_use]
    pub fn two_legged(mut self, allowed: bool) -> Self {
        self.two_legged = allowed;
        self
    }
}

impl std::fmt::Debug for Consumer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Consumer")
            .field("secret", &self.secret)
            .field("rsa_public_key", &self.rsa_public_key)
            .field("two_legged", &self.two_legged)
            .finish()
    }
}

/// Finds the secrets for the keys a request names; implemented by the server.
///
/// The two questions are separate: [`SecretLookup::consumer`] is asked for every
/// request, [`SecretLookup::token_secret`] only for a request that names a token. A
/// request without a token is accepted only when the consumer says
/// [`Consumer::two_legged`].
pub trait SecretLookup {
    /// The consumer registered under `consumer_key`, or `None` if the key is unknown
    /// (reported as `consumer_key_unknown`).
    fn consumer(&self, consumer_key: &str) -> Option<Consumer>;
    /// The token secret for `token` issued to `consumer_key`, or `None` if the token
    /// is not valid for it (reported as `token_rejected`).
    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret>;
}

/// One set of credentials knows its own secrets, which is what a test server or a
/// single-tenant service needs. Credentials that hold a token accept that token
/// only, and refuse requests without one; credentials without a token accept only
/// two-legged requests.
impl SecretLookup for Credentials {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        (consumer_key == self.consumer_key).then(|| {
            Consumer::new(self.consumer_secret.clone())
                .two_legged(self.token.as_deref().is_none_or(str::is_empty))
        })
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        if consumer_key != self.consumer_key || self.token.as_deref() != Some(token) {
            return None;
        }
        Some(self.token_secret.clone().unwrap_or_default())
    }
}

/// A signer knows its own credentials, and an RSA signer its public key: what a test
/// server or a single-tenant service needs. An RSA signer's consumer has no shared
/// secret, so only its RSA method family is accepted for it.
impl SecretLookup for crate::signer::Signer {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        let mut consumer = self.credentials().consumer(consumer_key)?;
        if let Some(private_key) = self.private_key() {
            consumer.secret = None;
            consumer.rsa_public_key = Some(private_key.public_key());
        }
        Some(consumer)
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.credentials().token_secret(consumer_key, token)
    }
}

/// What a nonce store says about a nonce (RFC 5849 section 3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonceCheck {
    /// Not seen before; it is now recorded.
    Fresh,
    /// Already used with the same credentials and timestamp.
    Replayed,
    /// Older than the store can vouch for; refuse the timestamp.
    TooOld,
}

/// A nonce store that could not answer: a database that is down, slow or refusing.
/// [`verify`] then refuses the request with [`Error::NonceStoreUnavailable`] (fail
/// closed), which a server answers with 503, never accepting the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonceStoreUnavailable {
    /// What went wrong, for the server's log (never a secret).
    pub reason: String,
}

/// Remembers nonces so that a request cannot be replayed (RFC 5849 section 3.3).
///
/// The contract is one atomic check-and-insert keyed by consumer key, token,
/// timestamp and nonce (see [`crate::nonce_store_key`] for a key every language
/// shares), with each entry kept at least as long as the verifier's allowed clock
/// skew. A store that cannot answer returns [`NonceStoreUnavailable`]; it must never
/// answer [`NonceCheck::Fresh`] for a nonce it could not record.
pub trait NonceStore: Send + Sync {
    /// Checks the nonce for these credentials and timestamp and records it if fresh.
    fn check_and_insert(
        &self,
        consumer_key: &str,
        token: Option<&str>,
        nonce: &str,
        timestamp: u64,
        now: u64,
    ) -> Result<NonceCheck, NonceStoreUnavailable>;
}

/// The signature methods [`verify`] accepts unless told otherwise: the HMAC and RSA
/// ones (RSA only for consumers with a public key). `PLAINTEXT` sends the key itself
/// and is accepted only when named.
pub const DEFAULT_VERIFY_METHODS: [SignatureMethod; 6] = [
    SignatureMethod::HmacSha1,
    SignatureMethod::HmacSha256,
    SignatureMethod::HmacSha512,
    SignatureMethod::RsaSha1,
    SignatureMethod::RsaSha256,
    SignatureMethod::RsaSha512,
];

/// The longest signature base string a [`Rejection`] carries, in bytes; a longer one
/// is cut and ends with [`BASE_STRING_CUT_MARK`].
pub const MAX_REJECTION_BASE_STRING: usize = 8 * 1024;

/// What ends a base string cut to [`MAX_REJECTION_BASE_STRING`].
pub const BASE_STRING_CUT_MARK: &str = "...[cut]";

/// Options for [`verify`], safe by default (RFC 5849 section 3.2 and section 4).
///
/// By default: HMAC-SHA1/256/512 and RSA-SHA1/256/512 are accepted (PLAINTEXT only
/// when named, and then only over https); `oauth_timestamp` and `oauth_nonce` are
/// required for every method and the timestamp may be 300 seconds from the clock;
/// no nonce store (so replays are not detected until one is set); a body hash is
/// checked when sent but not required; unknown consumer keys and tokens are
/// reported as such. Options are set with the consuming setters:
///
/// ```
/// use std::sync::Arc;
/// use oauth1::{MemoryNonceStore, SignatureMethod, VerifyOptions};
/// let options = VerifyOptions::default()
///     .max_skew(120)
///     .nonce_store(Arc::new(MemoryNonceStore::new(100_000, 300)?))
///     .signature_methods([SignatureMethod::HmacSha256])?;
/// assert_eq!(options.accepted_methods(), &[SignatureMethod::HmacSha256]);
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Clone)]
pub struct VerifyOptions {
    now: Option<u64>,
    max_skew: u64,
    nonce_store: Option<Arc<dyn NonceStore>>,
    signature_methods: Vec<SignatureMethod>,
    allow_plaintext_over_http: bool,
    require_timestamp: bool,
    require_body_hash: bool,
    hide_unknown_keys: bool,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            now: None,
            max_skew: 300,
            nonce_store: None,
            signature_methods: DEFAULT_VERIFY_METHODS.to_vec(),
            allow_plaintext_over_http: false,
            require_timestamp: true,
            require_body_hash: false,
            hide_unknown_keys: false,
        }
    }
}

impl VerifyOptions {
    /// The server's current time in seconds since the epoch; the system clock by default.
    #[must_use]
    pub fn now(mut self, now: u64) -> Self {
        self.now = Some(now);
        self
    }

    /// How far `oauth_timestamp` may be from the server's time, in seconds (300 by
    /// default); a nonce store must keep entries at least this long.
    #[must_use]
    pub fn max_skew(mut self, seconds: u64) -> Self {
        self.max_skew = seconds;
        self
    }

    /// Where nonces are remembered (RFC 5849 section 3.3); without one, replays
    /// within the skew are not detected.
    #[must_use]
    pub fn nonce_store(mut self, store: Arc<dyn NonceStore>) -> Self {
        self.nonce_store = Some(store);
        self
    }

    /// The signature methods accepted; [`DEFAULT_VERIFY_METHODS`] unless set. An
    /// empty list would refuse every request and is an [`Error::InvalidOption`].
    pub fn signature_methods(
        mut self,
        methods: impl IntoIterator<Item = SignatureMethod>,
    ) -> Result<Self, Error> {
        let mut list: Vec<SignatureMethod> = Vec::new();
        for m in methods {
            if !list.contains(&m) {
                list.push(m);
            }
        }
        if list.is_empty() {
            return Err(Error::option(
                "the list of accepted signature methods is empty; it would refuse every request",
            ));
        }
        self.signature_methods = list;
        Ok(self)
    }

    /// Accepts PLAINTEXT over plain http too, when PLAINTEXT is accepted at all.
    /// RFC 5849 section 3.4.4 requires a secure transport, so this is `false` by
    /// default; set it only where TLS ends in front of the server and the URL the
    /// server sees says `http`.
    #[must_use]
    pub fn allow_plaintext_over_http(mut self, allow: bool) -> Self {
        self.allow_plaintext_over_http = allow;
        self
    }

    /// Whether `oauth_timestamp` and `oauth_nonce` are required for every method
    /// (`true`, the default). With `false`, PLAINTEXT requests may leave both out, as
    /// RFC 5849 section 3.3 permits; such requests skip the nonce store.
    #[must_use]
    pub fn require_timestamp(mut self, require: bool) -> Self {
        self.require_timestamp = require;
        self
    }

    /// Whether a request with a body that is not form-encoded must carry a valid
    /// `oauth_body_hash` (OAuth Request Body Hash, section 4.1); `false` by default,
    /// when a body hash is checked only if sent.
    #[must_use]
    pub fn require_body_hash(mut self, require: bool) -> Self {
        self.require_body_hash = require;
        self
    }

    /// Answers an unknown consumer key or token as `signature_invalid`, after the
    /// same work as a wrong signature, so that the answers cannot be used to find
    /// out which keys exist. `false` by default: unknown keys are reported as
    /// `consumer_key_unknown` and `token_rejected`, which helps honest clients.
    #[must_use]
    pub fn hide_unknown_keys(mut self, hide: bool) -> Self {
        self.hide_unknown_keys = hide;
        self
    }

    /// The signature methods accepted.
    pub fn accepted_methods(&self) -> &[SignatureMethod] {
        &self.signature_methods
    }

    /// The allowed clock skew in seconds.
    pub fn allowed_skew(&self) -> u64 {
        self.max_skew
    }
}

impl std::fmt::Debug for VerifyOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyOptions")
            .field("now", &self.now)
            .field("max_skew", &self.max_skew)
            .field("nonce_store", &self.nonce_store.as_ref().map(|_| "…"))
            .field("signature_methods", &self.signature_methods)
            .field("allow_plaintext_over_http", &self.allow_plaintext_over_http)
            .field("require_timestamp", &self.require_timestamp)
            .field("require_body_hash", &self.require_body_hash)
            .field("hide_unknown_keys", &self.hide_unknown_keys)
            .finish()
    }
}

/// A request that verified, with what it was signed with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// `oauth_consumer_key`.
    pub consumer_key: String,
    /// `oauth_token`, if the request was made with token credentials; `None` only for
    /// a consumer that the lookup allows to sign without one.
    pub token: Option<String>,
    /// `oauth_signature_method`.
    pub signature_method: SignatureMethod,
    /// `oauth_timestamp` (absent only for PLAINTEXT requests that omit it, which
    /// [`VerifyOptions::require_timestamp`] must allow).
    pub timestamp: Option<u64>,
    /// `oauth_nonce` (absent only where `timestamp` is).
    pub nonce: Option<String>,
    /// The `realm` of the Authorization header, if any.
    pub realm: Option<String>,
    /// Where the protocol parameters were found.
    pub placement: Placement,
    /// Whether an `oauth_body_hash` was checked against the body.
    pub body_hash_checked: bool,
    /// The server time the request was checked at (seconds since the epoch), for a
    /// nonce check made afterwards with [`nonce_verdict`].
    pub verified_at: u64,
    /// The signature base string the server computed.
    pub base_string: String,
}

/// Verifies a signed request (RFC 5849 section 3.2): finds the protocol parameters in
/// exactly one place (section 3.5), checks version, method, timestamp window and
/// credentials, recomputes the signature and compares it in constant time, then checks
/// the nonce. A failure is [`Error::Rejected`] with one OAuth Problem Reporting name;
/// input that cannot be read at all (a malformed URL or header) is the matching error.
///
/// ```
/// use oauth1::{verify, Credentials, ReceivedRequest, Request, Signer, VerifyOptions};
///
/// let signer = Signer::builder("key", "secret").token("token", "token-secret").build()?;
/// let url = "https://api.example.com/x?a=1";
/// let signed = signer.sign(&Request::new("GET", url))?;
///
/// let received = ReceivedRequest::new("GET", url).authorization(signed.authorization());
/// let ok = verify(&received, signer.credentials(), &VerifyOptions::default())?;
/// assert_eq!(ok.consumer_key, "key");
///
/// let tampered = ReceivedRequest::new("GET", "https://api.example.com/x?a=2")
///     .authorization(signed.authorization());
/// let err = verify(&tampered, signer.credentials(), &VerifyOptions::default()).unwrap_err();
/// assert_eq!(err.code(), "signature_invalid");
/// # Ok::<(), oauth1::Error>(())
/// ```
pub fn verify(
    request: &ReceivedRequest<'_>,
    secrets: &(impl SecretLookup + ?Sized),
    options: &VerifyOptions,
) -> Result<Verified, Error> {
    let url = RequestUrl::parse(request.url)?;
    crate::signer::check_method(request.method)?;
    let body = request.body.unwrap_or_default();
    let form_body = is_form_content_type(request.content_type);
    let found = find_protocol_params(request, &url, form_body.then_some(body))?;
    let get = |name: &str| {
        found
            .params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };

    let method_name = get("oauth_signature_method");
    let plaintext = method_name.is_some_and(|m| m.eq_ignore_ascii_case("PLAINTEXT"));
    let mut absent = Vec::new();
    for name in REQUIRED {
        let optional = !options.require_timestamp
            && plaintext
            && matches!(name, "oauth_timestamp" | "oauth_nonce");
        if !optional && get(name).is_none_or(str::is_empty) {
            absent.push(name);
        }
    }
    if !absent.is_empty() {
        return Err(absent_rejection(absent, None).into());
    }
    let consumer_key = get("oauth_consumer_key").unwrap_or_default();
    let received_signature = get("oauth_signature").unwrap_or_default();

    if let Some(version) = get("oauth_version").filter(|v| *v != "1.0") {
        return Err(reject(
            Problem::VersionRejected,
            format!(
                "oauth_version is {:?}; only \"1.0\" is accepted",
                truncate(version)
            ),
        )
        .into());
    }
    let method: SignatureMethod = method_name.unwrap_or_default().parse().map_err(|_| {
        reject(
            Problem::SignatureMethodRejected,
            format!(
                "unknown signature method {:?}",
                truncate(method_name.unwrap_or_default())
            ),
        )
    })?;
    if !options.signature_methods.contains(&method) {
        return Err(reject(
            Problem::SignatureMethodRejected,
            format!("the signature method {method} is not accepted here"),
        )
        .into());
    }
    if method == SignatureMethod::Plaintext && !url.https && !options.allow_plaintext_over_http {
        return Err(reject(
            Problem::SignatureMethodRejected,
            "PLAINTEXT is accepted only over https (RFC 5849 section 3.4.4)",
        )
        .into());
    }

    let now = match options.now {
        Some(now) => now,
        None => crate::clock::unix_now()?,
    };
    let timestamp = match get("oauth_timestamp") {
        None => None,
        Some(text) => Some(check_timestamp(text, now, options.max_skew)?),
    };

    // A lookup that does not know the key or token is answered like a wrong signature
    // when asked to hide it, after the same work: a key made of nothing signs instead.
    let hide = options.hide_unknown_keys;
    let unknown_key = || {
        reject(
            Problem::ConsumerKeyUnknown,
            format!("the consumer key {:?} is not known", truncate(consumer_key)),
        )
    };
    let consumer = match secrets.consumer(consumer_key) {
        Some(consumer) => Some(consumer),
        None if hide => None,
        None => return Err(unknown_key().into()),
    };
    let token = get("oauth_token").filter(|t| !t.is_empty());
    let token_secret = match token {
        None => Some(Secret::default()),
        Some(token) => match secrets.token_secret(consumer_key, token) {
            Some(secret) => Some(secret),
            None if hide => None,
            None => {
                return Err(reject(
                    Problem::TokenRejected,
                    format!(
                        "the token {:?} is not valid for this consumer key",
                        truncate(token)
                    ),
                )
                .into());
            }
        },
    };

    if let Some(c) = &consumer {
        let (usable, missing) = if method.is_rsa() {
            (
                c.rsa_public_key.is_some(),
                "no RSA public key is registered for this consumer",
            )
        } else {
            (
                c.secret.is_some(),
                "this consumer signs with RSA and has no shared secret",
            )
        };
        if !usable {
            return Err(reject(
                Problem::SignatureMethodRejected,
                format!("{missing}, so {method} is not accepted for it"),
            )
            .into());
        }
    }

    let mut body_hash_checked = false;
    if let Some(received_hash) = get("oauth_body_hash") {
        if form_body {
            return Err(reject(
                Problem::ParameterRejected,
                "oauth_body_hash must not be sent with a form-encoded body",
            )
            .into());
        }
        let expected = method.body_hash(body);
        if !bool::from(expected.as_bytes().ct_eq(received_hash.as_bytes())) {
            return Err(reject(
                Problem::SignatureInvalid,
                "oauth_body_hash does not match the body",
            )
            .into());
        }
        body_hash_checked = true;
    } else if options.require_body_hash && !form_body {
        return Err(absent_rejection(
            vec!["oauth_body_hash"],
            Some("this server requires oauth_body_hash on requests whose body is not form-encoded"),
        )
        .into());
    }

    // Section 3.4.1: the base string from what was received.
    let mut params = ParamSet::default();
    params.add_form(url.query.as_bytes(), ParamSource::Query)?;
    if form_body {
        params.add_form(body, ParamSource::Body)?;
    }
    if found.placement == Placement::Header {
        for (name, value) in &found.params {
            if name != "oauth_signature" {
                params.add_raw(name.as_bytes(), value.as_bytes(), ParamSource::Protocol)?;
            }
        }
    }
    params.sort();
    let mut base_string = request.method.to_ascii_uppercase();
    base_string.push('&');
    url.write_base_uri(&mut base_string, true);
    base_string.push('&');
    params.write_normalized(&mut base_string, true);

    let two_legged = consumer.as_ref().is_some_and(|c| c.two_legged);
    let matches = if method.is_rsa() {
        // Section 3.4.3.2: the consumer's public key; the token secret is not used.
        consumer
            .as_ref()
            .and_then(|c| c.rsa_public_key.as_ref())
            .is_some_and(|public| {
                rsa_verifies(method, public, base_string.as_bytes(), received_signature)
            })
    } else {
        // Sections 3.4.2 and 3.4.4; an unknown key or token signs with nothing.
        let consumer_secret =
            (consumer.as_ref().and_then(|c| c.secret.as_ref())).map_or("", Secret::expose);
        let token_secret_text = token_secret.as_ref().map_or("", Secret::expose);
        Key::new(method, consumer_secret, token_secret_text)?
            .verifies(base_string.as_bytes(), received_signature)?
    };
    if !matches || consumer.is_none() || token_secret.is_none() {
        let mut r = reject(
            Problem::SignatureInvalid,
            "the signature does not match the request; compare the client's signature base string with the server's",
        );
        r.base_string = Some(bounded(&base_string));
        return Err(r.into());
    }
    // Checked once the signature holds, so that only a holder of the consumer secret
    // learns that this consumer needs a token.
    if token.is_none() && !two_legged {
        return Err(absent_rejection(
            vec!["oauth_token"],
            Some("this consumer must sign with token credentials (oauth_token); two-legged requests are not allowed for it"),
        )
        .into());
    }

    let verified = Verified {
        consumer_key: consumer_key.to_owned(),
        token: token.map(str::to_owned),
        signature_method: method,
        timestamp,
        nonce: get("oauth_nonce").map(str::to_owned),
        realm: found.realm,
        placement: found.placement,
        body_hash_checked,
        verified_at: now,
        base_string,
    };
    if let (Some(store), Some(nonce), Some(timestamp)) = (
        options.nonce_store.as_deref(),
        &verified.nonce,
        verified.timestamp,
    ) {
        let outcome = store.check_and_insert(
            &verified.consumer_key,
            verified.token.as_deref(),
            nonce,
            timestamp,
            now,
        );
        nonce_verdict(outcome, &verified, options)?;
    }
    Ok(verified)
}

/// Turns a nonce store's answer about a verified request into the verdict [`verify`]
/// gives (RFC 5849 section 3.3): `Ok` for a fresh nonce, `nonce_used` for a replay,
/// `timestamp_refused` (with the acceptable window) for a timestamp older than the
/// store can vouch for, and [`Error::NonceStoreUnavailable`] when the store could not
/// answer. For servers whose store answers asynchronously: verify without a store,
/// ask the store about [`Verified::nonce`] and [`Verified::timestamp`] at
/// [`Verified::verified_at`], then call this.
///
/// ```
/// use oauth1::{nonce_verdict, NonceCheck, NonceStoreUnavailable, ReceivedRequest, Request, Signer, VerifyOptions, verify};
/// let signer = Signer::builder("key", "secret").token("token", "token-secret").build()?;
/// let url = "https://api.example.com/x";
/// let signed = signer.sign(&Request::new("GET", url))?;
/// let options = VerifyOptions::default();
/// let ok = verify(&ReceivedRequest::new("GET", url).authorization(signed.authorization()), &signer, &options)?;
/// assert!(nonce_verdict(Ok(NonceCheck::Fresh), &ok, &options).is_ok());
/// let replay = nonce_verdict(Ok(NonceCheck::Replayed), &ok, &options).unwrap_err();
/// assert_eq!(replay.code(), "nonce_used");
/// let down = NonceStoreUnavailable { reason: "connection refused".into() };
/// assert_eq!(nonce_verdict(Err(down), &ok, &options).unwrap_err().code(), "nonce_store_unavailable");
/// # Ok::<(), oauth1::Error>(())
/// ```
pub fn nonce_verdict(
    outcome: Result<NonceCheck, NonceStoreUnavailable>,
    verified: &Verified,
    options: &VerifyOptions,
) -> Result<(), Error> {
    let now = verified.verified_at;
    match outcome {
        Ok(NonceCheck::Fresh) => Ok(()),
        Ok(NonceCheck::Replayed) => Err(reject(
            Problem::NonceUsed,
            "this nonce was already used with this timestamp",
        )
        .into()),
        Ok(NonceCheck::TooOld) => {
            let mut r = reject(
                Problem::TimestampRefused,
                "the timestamp is older than the nonce store can vouch for; sign again with the current time",
            );
            // Only a window that holds at least one timestamp is advertised.
            let timestamp = verified.timestamp.unwrap_or(now);
            let min = timestamp
                .saturating_add(1)
                .max(now.saturating_sub(options.max_skew));
            let max = now.saturating_add(options.max_skew);
            r.acceptable_timestamps = (min <= max).then_some((min, max));
            Err(r.into())
        }
        Err(unavailable) => Err(Error::NonceStoreUnavailable {
            reason: unavailable.reason,
        }),
    }
}

/// The protocol parameters every request must carry (RFC 5849 section 3.1);
/// `oauth_timestamp` and `oauth_nonce` may be relaxed for PLAINTEXT.
const REQUIRED: [&str; 5] = [
    "oauth_consumer_key",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
];

/// Parses `oauth_timestamp` (section 3.3: a positive integer of seconds) and checks it
/// against the allowed skew.
fn check_timestamp(text: &str, now: u64, max_skew: u64) -> Result<u64, Error> {
    let parsed = text
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse::<u64>().ok())
        .flatten()
        .filter(|&t| t > 0);
    let Some(t) = parsed else {
        let mut r = reject(
            Problem::ParameterRejected,
            format!(
                "oauth_timestamp {:?} is not a positive whole number of seconds",
                truncate(text)
            ),
        );
        r.parameters_rejected = vec!["oauth_timestamp".into()];
        return Err(r.into());
    };
    if t.abs_diff(now) > max_skew {
        let mut r = reject(
            Problem::TimestampRefused,
            format!(
                "oauth_timestamp {t} is {} seconds from the server's clock ({now}); at most {max_skew} allowed",
                t.abs_diff(now),
            ),
        );
        r.acceptable_timestamps =
            Some((now.saturating_sub(max_skew), now.saturating_add(max_skew)));
        return Err(r.into());
    }
    Ok(t)
}

fn reject(problem: Problem, reason: impl Into<String>) -> Rejection {
    Rejection::new(problem, reason)
}

fn absent_rejection(absent: Vec<&'static str>, reason: Option<&str>) -> Rejection {
    let reason = reason.map_or_else(|| format!("missing {}", absent.join(", ")), str::to_owned);
    let mut r = reject(Problem::ParameterAbsent, reason);
    r.parameters_absent = absent;
    r
}

fn rejected_parameter(name: &str, reason: String) -> Error {
    let mut r = reject(Problem::ParameterRejected, reason);
    r.parameters_rejected = vec![truncate(name).to_owned()];
    r.into()
}

/// A base string for a rejection: at most [`MAX_REJECTION_BASE_STRING`] bytes, for
/// the server's logs. Base strings are ASCII, so any cut is a character boundary.
fn bounded(base_string: &str) -> String {
    if base_string.len() <= MAX_REJECTION_BASE_STRING {
        return base_string.to_owned();
    }
    let keep = MAX_REJECTION_BASE_STRING - BASE_STRING_CUT_MARK.len();
    let mut cut = base_string[..keep].to_owned();
    cut.push_str(BASE_STRING_CUT_MARK);
    cut
}

/// The protocol parameters of a received request and where they were.
struct FoundParams {
    params: Vec<(String, String)>,
    placement: Placement,
    realm: Option<String>,
}

/// Finds the `oauth_*` parameters in the header, the query or the form body, and
/// rejects them when they are in more than one place, repeated, or not UTF-8
/// (section 3.5).
fn find_protocol_params(
    request: &ReceivedRequest<'_>,
    url: &RequestUrl<'_>,
    form_body: Option<&[u8]>,
) -> Result<FoundParams, Error> {
    let mut sources: Vec<(Placement, Vec<(String, String)>)> = Vec::new();
    let mut realm = None;
    if let Some(header) = request.authorization {
        let pairs = crate::header::parse_authorization_header(header)?;
        let mut oauth = Vec::new();
        for (name, value) in pairs {
            if name == "realm" {
                realm = Some(value);
            } else if name.starts_with("oauth_") {
                oauth.push((name, value));
            }
        }
        if !oauth.is_empty() {
            sources.push((Placement::Header, oauth));
        }
    }
    for (placement, form) in [
        (Placement::Query, Some(url.query.as_bytes())),
        (Placement::Body, form_body),
    ] {
        let Some(form) = form else { continue };
        let mut oauth: Vec<(String, String)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (name, value) in form_pairs(form) {
            let name = form_decode(name);
            if !name.starts_with(b"oauth_") {
                continue;
            }
            let name = String::from_utf8(name).map_err(|e| {
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                rejected_parameter(
                    &lossy,
                    format!(
                        "a protocol parameter name in {} is not UTF-8",
                        placement_name(placement)
                    ),
                )
            })?;
            if !seen.insert(name.clone()) {
                return Err(rejected_parameter(
                    &name,
                    format!("{} appears more than once", truncate(&name)),
                ));
            }
            let value = String::from_utf8(form_decode(value)).map_err(|_| {
                rejected_parameter(
                    &name,
                    format!("the value of {} is not UTF-8 once decoded", truncate(&name)),
                )
            })?;
            oauth.push((name, value));
        }
        if !oauth.is_empty() {
            sources.push((placement, oauth));
        }
    }
    match sources.len() {
        0 => {
            let mut r = absent_rejection(REQUIRED.to_vec(), None);
            r.reason = "the request carries no OAuth protocol parameters".into();
            Err(r.into())
        }
        1 => {
            let (placement, params) = sources.remove(0);
            Ok(FoundParams {
                params,
                placement,
                realm,
            })
        }
        _ => {
            let places: Vec<&str> = sources.iter().map(|(p, _)| placement_name(*p)).collect();
            Err(reject(
                Problem::ParameterRejected,
                format!("protocol parameters appear in more than one place ({}); RFC 5849 section 3.5 allows one", places.join(" and ")),
            )
            .into())
        }
    }
}

fn placement_name(p: Placement) -> &'static str {
    match p {
        Placement::Header => "the Authorization header",
        Placement::Query => "the query",
        Placement::Body => "the form body",
    }
}
