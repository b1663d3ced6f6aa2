//! The server side: checking a signed request (RFC 5849 section 3.2) and reporting
//! one precise problem (OAuth Problem Reporting) when it fails.

use crate::credentials::{Credentials, Secret};
use crate::encode::form_decode;
use crate::error::{Error, Problem, Rejection};
use crate::params::{ParamSet, ParamSource, form_pairs, is_form_content_type};
use crate::signature::{Key, SignatureMethod};
use crate::signer::Placement;
use crate::url::{RequestUrl, truncate};
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

/// Finds the secrets for the keys a request names; implemented by the server.
pub trait SecretLookup {
    /// The consumer secret for `consumer_key`, or `None` if the key is unknown
    /// (reported as `consumer_key_unknown`).
    fn consumer_secret(&self, consumer_key: &str) -> Option<Secret>;
    /// The token secret for `token` issued to `consumer_key`, or `None` if the token
    /// is not valid for it (reported as `token_rejected`).
    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret>;
}

/// One set of credentials knows its own secrets, which is what a test server or a
/// single-tenant service needs.
impl SecretLookup for Credentials {
    fn consumer_secret(&self, consumer_key: &str) -> Option<Secret> {
        (consumer_key == self.consumer_key).then(|| self.consumer_secret.clone())
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        if consumer_key != self.consumer_key || self.token.as_deref() != Some(token) {
            return None;
        }
        Some(self.token_secret.clone().unwrap_or_default())
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

/// Remembers nonces so that a request cannot be replayed (RFC 5849 section 3.3).
pub trait NonceStore: Send + Sync {
    /// Checks the nonce for these credentials and timestamp and records it if fresh.
    fn check_and_insert(
        &self,
        consumer_key: &str,
        token: Option<&str>,
        nonce: &str,
        timestamp: u64,
        now: u64,
    ) -> NonceCheck;
}

/// Options for [`verify`].
#[derive(Clone, Copy)]
pub struct VerifyOptions<'a> {
    /// The server's current time in seconds; the system clock when `None`.
    pub now: Option<u64>,
    /// How far `oauth_timestamp` may be from `now`, in seconds (300 by default).
    pub max_skew: u64,
    /// Where nonces are remembered; without one, replays are not detected.
    pub nonce_store: Option<&'a dyn NonceStore>,
    /// The signature methods accepted; all four by default.
    pub signature_methods: &'a [SignatureMethod],
}

impl Default for VerifyOptions<'_> {
    fn default() -> Self {
        VerifyOptions {
            now: None,
            max_skew: 300,
            nonce_store: None,
            signature_methods: &SignatureMethod::ALL,
        }
    }
}

impl std::fmt::Debug for VerifyOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyOptions")
            .field("now", &self.now)
            .field("max_skew", &self.max_skew)
            .field("nonce_store", &self.nonce_store.map(|_| "…"))
            .field("signature_methods", &self.signature_methods)
            .finish()
    }
}

/// A request that verified, with what it was signed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// `oauth_consumer_key`.
    pub consumer_key: String,
    /// `oauth_token`, if the request was made with token credentials.
    pub token: Option<String>,
    /// `oauth_signature_method`.
    pub signature_method: SignatureMethod,
    /// `oauth_timestamp` (absent only for PLAINTEXT requests that omit it).
    pub timestamp: Option<u64>,
    /// `oauth_nonce` (absent only for PLAINTEXT requests that omit it).
    pub nonce: Option<String>,
    /// The `realm` of the Authorization header, if any.
    pub realm: Option<String>,
    /// Where the protocol parameters were found.
    pub placement: Placement,
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
    options: &VerifyOptions<'_>,
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
    for name in [
        "oauth_consumer_key",
        "oauth_signature_method",
        "oauth_signature",
        "oauth_timestamp",
        "oauth_nonce",
    ] {
        let optional = plaintext && matches!(name, "oauth_timestamp" | "oauth_nonce");
        if !optional && get(name).is_none_or(str::is_empty) {
            absent.push(name);
        }
    }
    if !absent.is_empty() {
        let mut r = reject(
            Problem::ParameterAbsent,
            format!("missing {}", absent.join(", ")),
        );
        r.parameters_absent = absent;
        return Err(r.into());
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

    let now = match options.now {
        Some(now) => now,
        None => crate::clock::unix_now()?,
    };
    let timestamp = match get("oauth_timestamp") {
        None => None,
        Some(text) => {
            let parsed = text
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| text.parse::<u64>().ok())
                .flatten()
                .filter(|&t| t > 0);
            let Some(t) = parsed else {
                return Err(reject(
                    Problem::ParameterRejected,
                    format!(
                        "oauth_timestamp {:?} is not a positive whole number of seconds",
                        truncate(text)
                    ),
                )
                .into());
            };
            if t.abs_diff(now) > options.max_skew {
                let mut r = reject(
                    Problem::TimestampRefused,
                    format!(
                        "oauth_timestamp {t} is {} seconds from the server's clock ({now}); at most {} allowed",
                        t.abs_diff(now),
                        options.max_skew
                    ),
                );
                r.acceptable_timestamps = Some((
                    now.saturating_sub(options.max_skew),
                    now.saturating_add(options.max_skew),
                ));
                return Err(r.into());
            }
            Some(t)
        }
    };

    let Some(consumer_secret) = secrets.consumer_secret(consumer_key) else {
        return Err(reject(
            Problem::ConsumerKeyUnknown,
            format!("the consumer key {:?} is not known", truncate(consumer_key)),
        )
        .into());
    };
    let token = get("oauth_token").filter(|t| !t.is_empty());
    let token_secret = match token {
        None => Secret::default(),
        Some(token) => secrets.token_secret(consumer_key, token).ok_or_else(|| {
            reject(
                Problem::TokenRejected,
                format!(
                    "the token {:?} is not valid for this consumer key",
                    truncate(token)
                ),
            )
        })?,
    };

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

    let key = Key::new(method, consumer_secret.expose(), token_secret.expose())?;
    let mut expected_buf = [0u8; crate::signature::MAX_HMAC_SIGNATURE_LEN];
    let expected = key.signature(base_string.as_bytes(), &mut expected_buf);
    if !bool::from(expected.as_bytes().ct_eq(received_signature.as_bytes())) {
        let mut r = reject(
            Problem::SignatureInvalid,
            "the signature does not match the request; compare the client's signature base string with the server's",
        );
        r.base_string = Some(base_string);
        return Err(r.into());
    }

    let nonce = get("oauth_nonce").map(str::to_owned);
    if let (Some(store), Some(nonce), Some(timestamp)) = (options.nonce_store, &nonce, timestamp) {
        match store.check_and_insert(consumer_key, token, nonce, timestamp, now) {
            NonceCheck::Fresh => {}
            NonceCheck::Replayed => {
                return Err(reject(
                    Problem::NonceUsed,
                    "this nonce was already used with this timestamp",
                )
                .into());
            }
            NonceCheck::TooOld => {
                let mut r = reject(
                    Problem::TimestampRefused,
                    "the timestamp is older than the nonce store can vouch for",
                );
                r.acceptable_timestamps = Some((
                    timestamp
                        .saturating_add(1)
                        .max(now.saturating_sub(options.max_skew)),
                    now.saturating_add(options.max_skew),
                ));
                return Err(r.into());
            }
        }
    }

    Ok(Verified {
        consumer_key: consumer_key.to_owned(),
        token: token.map(str::to_owned),
        signature_method: method,
        timestamp,
        nonce,
        realm: found.realm,
        placement: found.placement,
        base_string,
    })
}

fn reject(problem: Problem, reason: impl Into<String>) -> Rejection {
    Rejection::new(problem, reason)
}

/// The protocol parameters of a received request and where they were.
struct FoundParams {
    params: Vec<(String, String)>,
    placement: Placement,
    realm: Option<String>,
}

/// Finds the `oauth_*` parameters in the header, the query or the form body, and
/// rejects them when they are in more than one place or repeated (section 3.5).
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
            let name = String::from_utf8_lossy(&name).into_owned();
            if !seen.insert(name.clone()) {
                return Err(reject(
                    Problem::ParameterRejected,
                    format!("{} appears more than once", truncate(&name)),
                )
                .into());
            }
            let value = String::from_utf8_lossy(&form_decode(value)).into_owned();
            oauth.push((name, value));
        }
        if !oauth.is_empty() {
            sources.push((placement, oauth));
        }
    }
    match sources.len() {
        0 => {
            let mut r = reject(
                Problem::ParameterAbsent,
                "the request carries no OAuth protocol parameters",
            );
            r.parameters_absent = vec![
                "oauth_consumer_key",
                "oauth_signature_method",
                "oauth_signature",
                "oauth_timestamp",
                "oauth_nonce",
            ];
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
