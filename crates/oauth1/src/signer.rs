//! The client side: a [`Signer`] holds credentials and options and turns a
//! [`Request`] into a [`Signed`] result (RFC 5849 sections 3.1–3.5).

use crate::credentials::{Credentials, Secret};
use crate::error::Error;
use crate::params::{ParamSet, ParamSource, is_form_content_type};
use crate::protocol::{self, MAX_PROTOCOL_PARAMS, PreEncoded, ProtocolParam, ProtocolParams};
use crate::rsa_key::RsaPrivateKey;
use crate::signature::{Key, MAX_HMAC_SIGNATURE_LEN, SignatureMethod};
use crate::template::{BaseRun, HeaderTemplate, Varying};
use crate::url::RequestUrl;
use std::fmt;
use std::ops::Range;

/// Where the protocol parameters are transmitted (RFC 5849 section 3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Placement {
    /// The `Authorization: OAuth …` header (section 3.5.1), the default.
    #[default]
    Header,
    /// Appended to the URL's query (section 3.5.3); see [`Signed::signed_url`].
    Query,
    /// Appended to a form-encoded body (section 3.5.2); see [`Signed::signed_body`].
    Body,
}

impl Placement {
    /// Every placement, in the order `header`, `query`, `body`.
    pub const ALL: [Placement; 3] = [Placement::Header, Placement::Query, Placement::Body];

    /// The placement's name as every binding spells it: `header`, `query` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Header => "header",
            Placement::Query => "query",
            Placement::Body => "body",
        }
    }
}

impl fmt::Display for Placement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Placement {
    type Err = Error;

    /// Parses `header`, `query` or `body` (ASCII case ignored).
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "header" => Ok(Placement::Header),
            "query" => Ok(Placement::Query),
            "body" => Ok(Placement::Body),
            _ => Err(Error::option(format!(
                "unknown placement {:?}: expected header, query or body",
                crate::url::truncate(s)
            ))),
        }
    }
}

/// A request to sign: what goes on the wire (RFC 5849 section 3.4.1).
///
/// There is no separate parameter list: the query is read from the URL and form
/// parameters from the body, so what is signed cannot disagree with what is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request<'a> {
    /// The HTTP method, in any case.
    pub method: &'a str,
    /// The full request URL, query included.
    pub url: &'a str,
    /// The entity body, if any.
    pub body: Option<&'a [u8]>,
    /// The body's Content-Type; its parameters are signed only for
    /// `application/x-www-form-urlencoded`.
    pub content_type: Option<&'a str>,
    /// A fixed `oauth_nonce`, for reproducible signatures; random when `None`.
    pub nonce: Option<&'a str>,
    /// A fixed `oauth_timestamp` in seconds, for reproducible signatures; the
    /// clock (plus the signer's clock offset) when `None`.
    pub timestamp: Option<u64>,
}

impl<'a> Request<'a> {
    /// A request without a body.
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Request {
            method,
            url,
            body: None,
            content_type: None,
            nonce: None,
            timestamp: None,
        }
    }

    /// Adds a body and its Content-Type.
    pub fn body(mut self, body: &'a [u8], content_type: Option<&'a str>) -> Self {
        self.body = Some(body);
        self.content_type = content_type;
        self
    }

    /// Fixes the nonce.
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// Fixes the timestamp (seconds since the Unix epoch).
    pub fn timestamp(mut self, timestamp: u64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }
}

/// Signs requests with one set of credentials and options.
///
/// A `Signer` is immutable once built, `Send + Sync`, and cheap to sign with
/// many times: the HMAC key is prepared once, when it is built.
///
/// ```
/// use oauth1::{Request, Signer};
///
/// let signer = Signer::builder("app-key", "app-secret")
///     .token("access-token", "access-token-secret")
///     .build()?;
/// let signed = signer.sign(
///     &Request::new("GET", "https://api.example.com/x?a=1")
///         .nonce("abcdef0123456789abcdef")
///         .timestamp(1700000000),
/// )?;
/// assert!(signed.authorization().starts_with("OAuth oauth_consumer_key=\"app-key\", "));
/// assert_eq!(signed.signature().len(), 28);
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    credentials: Credentials,
    key: Key,
    encoded: EncodedOptions,
    /// The protocol parameters as every base string carries them.
    base_run: BaseRun,
    /// The Authorization header, around the values that change.
    header: HeaderTemplate,
    method: SignatureMethod,
    realm: Option<String>,
    version: bool,
    body_hash: bool,
    clock_offset: i64,
    callback: Option<String>,
    verifier: Option<String>,
    placement: Placement,
}

/// The signer's fixed protocol values, encoded when it is built.
#[derive(Debug, Clone)]
struct EncodedOptions {
    consumer_key: PreEncoded,
    signature_method: PreEncoded,
    version: PreEncoded,
    token: Option<PreEncoded>,
    callback: Option<PreEncoded>,
    verifier: Option<PreEncoded>,
    realm: Option<PreEncoded>,
}

/// The signer's options, each `None` where the caller said nothing: what a binding
/// collects from its caller's keyword arguments or fields and hands to
/// [`SignerBuilder::options`], so that the defaults live in one place (the builder).
#[derive(Debug, Clone, Default)]
pub struct SignerOptions {
    /// See [`SignerBuilder::signature_method`]; HMAC-SHA1 by default, RSA-SHA1 with a
    /// private key.
    pub signature_method: Option<SignatureMethod>,
    /// See [`SignerBuilder::private_key`]; none by default.
    pub private_key: Option<RsaPrivateKey>,
    /// See [`SignerBuilder::realm`]; none by default.
    pub realm: Option<String>,
    /// See [`SignerBuilder::version`]; `true` by default.
    pub version: Option<bool>,
    /// See [`SignerBuilder::body_hash`]; `false` by default.
    pub body_hash: Option<bool>,
    /// See [`SignerBuilder::clock_offset`]; 0 by default.
    pub clock_offset: Option<i64>,
    /// See [`SignerBuilder::callback`]; none by default.
    pub callback: Option<String>,
    /// See [`SignerBuilder::verifier`]; none by default.
    pub verifier: Option<String>,
    /// See [`SignerBuilder::placement`]; the header by default.
    pub placement: Option<Placement>,
}

/// Builds a [`Signer`]; every option has the default a typical API expects.
#[derive(Debug, Clone)]
#[must_use]
pub struct SignerBuilder {
    credentials: Credentials,
    /// `None` until chosen: the default depends on whether there is a private key.
    method: Option<SignatureMethod>,
    private_key: Option<RsaPrivateKey>,
    realm: Option<String>,
    version: bool,
    body_hash: bool,
    clock_offset: i64,
    callback: Option<String>,
    /// A secret in all but name: it proves the resource owner's approval, so `Debug`
    /// shows it masked.
    verifier: Option<Secret>,
    placement: Placement,
    empty_token: bool,
}

impl SignerBuilder {
    /// Adds token credentials (RFC 5849 section 2.3): `oauth_token` and its secret.
    pub fn token(mut self, token: impl Into<String>, token_secret: impl Into<Secret>) -> Self {
        self.credentials.token = Some(token.into());
        self.credentials.token_secret = Some(token_secret.into());
        self
    }

    /// The signature method (section 3.4); HMAC-SHA1 by default, or RSA-SHA1 when a
    /// [`private_key`](Self::private_key) is given.
    pub fn signature_method(mut self, method: SignatureMethod) -> Self {
        self.method = Some(method);
        self
    }

    /// The consumer's RSA private key, for `RSA-SHA1`, `RSA-SHA256` or `RSA-SHA512`
    /// (section 3.4.3). These methods use neither the consumer secret nor the token
    /// secret, so the consumer secret may be empty.
    ///
    /// ```
    /// # let pem = std::fs::read("../../tests/vectors/keys/rsa-2048.pem").unwrap();
    /// use oauth1::{KeyOptions, Request, RsaPrivateKey, SignatureMethod, Signer};
    /// let key = RsaPrivateKey::from_bytes(&pem, &KeyOptions::default())?;
    /// let signer = Signer::builder("jira-consumer", "")
    ///     .private_key(key)
    ///     .signature_method(SignatureMethod::RsaSha256)
    ///     .build()?;
    /// let signed = signer.sign(&Request::new("POST", "https://jira.example.com/plugins/servlet/oauth/request-token"))?;
    /// assert_eq!(signed.signature().len(), 344); // 256 bytes of base64
    /// # Ok::<(), oauth1::Error>(())
    /// ```
    pub fn private_key(mut self, key: RsaPrivateKey) -> Self {
        self.private_key = Some(key);
        self
    }

    /// A `realm` for the Authorization header (section 3.5.1); it is not signed.
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// Whether to send `oauth_version="1.0"` (optional per section 3.1); on by default.
    pub fn version(mut self, send: bool) -> Self {
        self.version = send;
        self
    }

    /// Whether to send `oauth_body_hash` for requests whose body is not form-encoded
    /// (OAuth Request Body Hash extension); off by default.
    pub fn body_hash(mut self, send: bool) -> Self {
        self.body_hash = send;
        self
    }

    /// Seconds added to the system clock for `oauth_timestamp`; may be negative.
    /// See [`crate::clock_offset_from_problem`] to compute it from a server's answer.
    pub fn clock_offset(mut self, seconds: i64) -> Self {
        self.clock_offset = seconds;
        self
    }

    /// An `oauth_callback` (section 2.1), sent with every request.
    pub fn callback(mut self, callback: impl Into<String>) -> Self {
        self.callback = Some(callback.into());
        self
    }

    /// An `oauth_verifier` (section 2.3), sent with every request.
    pub fn verifier(mut self, verifier: impl Into<String>) -> Self {
        self.verifier = Some(Secret::new(verifier.into()));
        self
    }

    /// Where the protocol parameters go; the header by default.
    pub fn placement(mut self, placement: Placement) -> Self {
        self.placement = placement;
        self
    }

    /// The consumer key this builder signs with.
    pub(crate) fn consumer_key(&self) -> &str {
        &self.credentials.consumer_key
    }

    /// The builder for one request of the three-legged flow ([`crate::Flow`]): exactly
    /// this token, callback and verifier, whatever the consumer's builder had.
    pub(crate) fn for_flow(
        mut self,
        token: Option<(String, Secret)>,
        callback: Option<String>,
        verifier: Option<String>,
    ) -> Self {
        (self.credentials.token, self.credentials.token_secret) = match token {
            Some((token, secret)) => (Some(token), Some(secret)),
            None => (None, None),
        };
        self.callback = callback;
        self.verifier = verifier.map(Secret::new);
        self
    }

    /// Sends an empty `oauth_token=""` on requests without a token, as Schoology's
    /// two-legged calls require; off by default, when such requests carry no
    /// `oauth_token` at all (RFC 5849 section 3.1 leaves it out).
    pub fn empty_token(mut self, send: bool) -> Self {
        self.empty_token = send;
        self
    }

    /// Applies every option that `options` sets and leaves the others as they are,
    /// so that a binding passes on what its caller gave without restating a default.
    ///
    /// ```
    /// use oauth1::{Placement, SignatureMethod, Signer, SignerOptions};
    /// let options = SignerOptions {
    ///     signature_method: Some(SignatureMethod::HmacSha256),
    ///     placement: Some(Placement::Query),
    ///     ..SignerOptions::default()
    /// };
    /// let signer = Signer::builder("k", "s").options(options).build()?;
    /// assert_eq!(signer.signature_method(), SignatureMethod::HmacSha256);
    /// assert!(signer.sends_version()); // the default, left alone
    /// # Ok::<(), oauth1::Error>(())
    /// ```
    pub fn options(mut self, options: SignerOptions) -> Self {
        let SignerOptions {
            signature_method,
            private_key,
            realm,
            version,
            body_hash,
            clock_offset,
            callback,
            verifier,
            placement,
        } = options;
        self.method = signature_method.or(self.method);
        self.private_key = private_key.or(self.private_key);
        self.realm = realm.or(self.realm);
        self.version = version.unwrap_or(self.version);
        self.body_hash = body_hash.unwrap_or(self.body_hash);
        self.clock_offset = clock_offset.unwrap_or(self.clock_offset);
        self.callback = callback.or(self.callback);
        self.verifier = verifier.map(Secret::new).or(self.verifier);
        self.placement = placement.unwrap_or(self.placement);
        self
    }

    /// Checks the credentials and options and prepares the signing key.
    pub fn build(self) -> Result<Signer, Error> {
        let mut credentials = self.credentials;
        if credentials.consumer_key.is_empty() {
            return Err(Error::InvalidCredentials {
                reason: "the consumer key (App key) is empty".into(),
            });
        }
        if credentials.token.as_deref() == Some("") {
            credentials.token = None;
        }
        if credentials.token.is_none()
            && credentials
                .token_secret
                .as_ref()
                .is_some_and(|s| !s.expose().is_empty())
        {
            return Err(Error::InvalidCredentials {
                reason: "a token secret (Access token secret) was given without its token (Access token)".into(),
            });
        }
        if self.empty_token && credentials.token.is_none() {
            // An empty token is signed and sent like any other (oauth_token="").
            credentials.token = Some(String::new());
        }
        let verifier = self.verifier.as_ref().map(Secret::expose);
        for (name, value) in [
            ("callback", self.callback.as_deref()),
            ("verifier", verifier),
        ] {
            if value == Some("") {
                return Err(Error::option(format!(
                    "the {name} is empty; leave it unset instead"
                )));
            }
        }
        let method = self.method.unwrap_or(if self.private_key.is_some() {
            SignatureMethod::RsaSha1
        } else {
            SignatureMethod::HmacSha1
        });
        let key = match self.private_key {
            Some(private_key) => Key::rsa(method, private_key)?,
            None => Key::new(
                method,
                credentials.consumer_secret.expose(),
                credentials.token_secret.as_ref().map_or("", Secret::expose),
            )?,
        };
        let encoded = EncodedOptions {
            consumer_key: PreEncoded::new(&credentials.consumer_key),
            token: (credentials.token.as_deref()).map(PreEncoded::new),
            callback: (self.callback.as_deref()).map(PreEncoded::new),
            verifier: verifier.map(PreEncoded::new),
            signature_method: PreEncoded::new(method.name()),
            version: PreEncoded::new("1.0"),
            realm: self.realm.as_deref().map(PreEncoded::new),
        };
        let mut signer = Signer {
            credentials,
            key,
            encoded,
            base_run: BaseRun::default(),
            header: HeaderTemplate::default(),
            method,
            realm: self.realm,
            version: self.version,
            body_hash: self.body_hash,
            clock_offset: self.clock_offset,
            callback: self.callback,
            verifier: self.verifier.map(|v| v.expose().to_owned()),
            placement: self.placement,
        };
        let nonce = ProtocolParam::plain(protocol::NONCE, "");
        let fixed = signer.protocol_params(None, nonce, "");
        let fixed = &fixed.params[..fixed.count];
        let (base_run, header) = (
            BaseRun::new(fixed),
            HeaderTemplate::new(signer.encoded.realm.as_ref(), fixed),
        );
        (signer.base_run, signer.header) = (base_run, header);
        Ok(signer)
    }
}

impl Signer {
    /// Starts building a signer from the client credentials (the App key and Secret).
    pub fn builder(
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<Secret>,
    ) -> SignerBuilder {
        SignerBuilder {
            credentials: Credentials {
                consumer_key: consumer_key.into(),
                consumer_secret: consumer_secret.into(),
                token: None,
                token_secret: None,
            },
            method: None,
            private_key: None,
            realm: None,
            version: true,
            body_hash: false,
            clock_offset: 0,
            callback: None,
            verifier: None,
            placement: Placement::Header,
            empty_token: false,
        }
    }

    /// Starts building a signer from loaded [`Credentials`].
    pub fn from_credentials(credentials: Credentials) -> SignerBuilder {
        let mut builder = Signer::builder(
            credentials.consumer_key.clone(),
            credentials.consumer_secret.clone(),
        );
        builder.credentials = credentials;
        builder
    }

    /// The credentials this signer signs with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The signature method.
    pub fn signature_method(&self) -> SignatureMethod {
        self.method
    }

    /// The RSA private key, for a signer that signs with `RSA-SHA1`, `RSA-SHA256` or
    /// `RSA-SHA512`.
    pub fn private_key(&self) -> Option<&RsaPrivateKey> {
        match &self.key {
            Key::Rsa(key, _) => Some(key),
            _ => None,
        }
    }

    /// The realm sent in the header, if any.
    pub fn realm(&self) -> Option<&str> {
        self.realm.as_deref()
    }

    /// Whether `oauth_version="1.0"` is sent.
    pub fn sends_version(&self) -> bool {
        self.version
    }

    /// Whether `oauth_body_hash` is sent for non-form bodies.
    pub fn sends_body_hash(&self) -> bool {
        self.body_hash
    }

    /// Seconds added to the clock.
    pub fn clock_offset(&self) -> i64 {
        self.clock_offset
    }

    /// The `oauth_callback`, if any.
    pub fn callback(&self) -> Option<&str> {
        self.callback.as_deref()
    }

    /// The `oauth_verifier`, if any.
    pub fn verifier(&self) -> Option<&str> {
        self.verifier.as_deref()
    }

    /// Where the protocol parameters go.
    pub fn placement(&self) -> Placement {
        self.placement
    }

    /// A copy of this signer with another clock offset, as after a `timestamp_refused`.
    pub fn with_clock_offset(&self, seconds: i64) -> Signer {
        let mut signer = self.clone();
        signer.clock_offset = seconds;
        signer
    }

    /// The timestamp this signer would send now: the system clock plus the clock offset.
    pub fn now(&self) -> Result<u64, Error> {
        let now = crate::clock::unix_now()?;
        let shifted = i128::from(now) + i128::from(self.clock_offset);
        u64::try_from(shifted)
            .ok()
            .filter(|&t| t > 0)
            .ok_or_else(|| Error::InvalidTimestamp {
                reason: format!(
                    "the clock offset {} makes the timestamp negative",
                    self.clock_offset
                ),
            })
    }

    /// Signs a request (RFC 5849 section 3): builds the signature base string
    /// (3.4.1), signs it (3.4.2–3.4.4) and renders the protocol parameters for the
    /// signer's placement (3.5).
    pub fn sign(&self, request: &Request<'_>) -> Result<Signed, Error> {
        let url = RequestUrl::parse(request.url)?;
        check_method(request.method)?;
        let body = request.body.unwrap_or_default();
        let form_body = is_form_content_type(request.content_type);
        if self.placement == Placement::Body
            && !form_body
            && (!body.is_empty() || request.content_type.is_some())
        {
            return Err(Error::option(
                "body placement needs an application/x-www-form-urlencoded body (or no body and no Content-Type)",
            ));
        }

        let timestamp = match request.timestamp {
            Some(0) => {
                return Err(Error::InvalidTimestamp {
                    reason:
                        "the timestamp must be a positive number of seconds (RFC 5849 section 3.3)"
                            .into(),
                });
            }
            Some(t) => t,
            None => self.now()?,
        };
        let mut timestamp_digits = itoa::Buffer::new();
        let timestamp_text = timestamp_digits.format(timestamp);

        let mut nonce_buf = [0u8; crate::nonce::NONCE_LEN];
        let nonce = match request.nonce {
            Some(n) => check_nonce(n)?,
            // Generated nonces are alphanumeric: nothing to encode.
            None => ProtocolParam::plain(protocol::NONCE, crate::nonce::generate(&mut nonce_buf)?),
        };

        let mut body_hash_buf = [0u8; MAX_HMAC_SIGNATURE_LEN];
        let body_hash = if self.body_hash && !form_body {
            Some(crate::signature::body_hash_into(
                self.method,
                body,
                &mut body_hash_buf,
            ))
        } else {
            None
        };

        let varying = Varying {
            body_hash: body_hash.map(|hash| ProtocolParam::new(protocol::BODY_HASH, hash)),
            nonce,
            timestamp: ProtocolParam::plain(protocol::TIMESTAMP, timestamp_text),
        };
        let form = if form_body { body } else { &[] };
        let extra = if self.placement == Placement::Query {
            request.url.len()
        } else {
            0
        };
        let mut params = ParamSet::from_scratch();
        let mut buf =
            self.write_base_string(&mut params, request.method, &url, form, &varying, extra)?;
        params.recycle();
        let base_string = 0..buf.len();

        let mut signature_buf = [0u8; MAX_HMAC_SIGNATURE_LEN];
        let signature_text = self.key.signature(buf.as_bytes(), &mut signature_buf)?;
        let signature = ProtocolParam::encoded_when_written(protocol::SIGNATURE, &signature_text);

        // Section 3.5.1: the Authorization header value, and where the raw values
        // that `Signed::params` reports are.
        let sent = self.header.write(&mut buf, &varying, &signature);

        // Sections 3.5.2 and 3.5.3: the same parameters, form-encoded.
        let (signed_url, signed_body) = match self.placement {
            Placement::Header => (None, None),
            _ => self.write_form_placement(&mut buf, request, &url, &varying, signature),
        };

        let span_of = |i: usize| sent.values[i].0 as usize..sent.values[i].1 as usize;
        Ok(Signed {
            base_string,
            signature: span_of(sent.signature),
            authorization: sent.header,
            nonce: span_of(sent.nonce),
            timestamp,
            names: sent.names,
            values: sent.values,
            param_count: sent.count,
            buf,
            signed_url,
            signed_body,
            reveals_key: self.method == SignatureMethod::Plaintext,
        })
    }
}

impl Signer {
    /// The signed URL (section 3.5.3) or form body (section 3.5.2) for a signer that
    /// sends its parameters there: the URL is appended to `buf` and its range
    /// returned, the body returned whole. Out of line, so that the header path, which
    /// needs none of this, keeps a small stack frame.
    #[inline(never)]
    fn write_form_placement(
        &self,
        buf: &mut String,
        request: &Request<'_>,
        url: &RequestUrl<'_>,
        varying: &Varying<'_>,
        signature: ProtocolParam<'_>,
    ) -> (Option<Range<usize>>, Option<Vec<u8>>) {
        let mut all = self.protocol_params(
            varying.body_hash.map(|hash| hash.value),
            varying.nonce,
            varying.timestamp.value,
        );
        all.params[all.signature_index] = signature;
        let form_params = &all.params[..all.count];
        if self.placement == Placement::Query {
            let start = buf.len();
            let before_fragment = &request.url[..url.end_of_query];
            buf.push_str(before_fragment);
            if !before_fragment.contains('?') {
                buf.push('?');
            } else if !url.query.is_empty() && !url.query.ends_with('&') {
                buf.push('&');
            }
            protocol::write_form(buf, form_params);
            buf.push_str(&request.url[url.end_of_query..]);
            return (Some(start..buf.len()), None);
        }
        let body = request.body.unwrap_or_default();
        let mut form = String::with_capacity(buf.len());
        protocol::write_form(&mut form, form_params);
        let mut out = Vec::with_capacity(body.len() + 1 + form.len());
        out.extend_from_slice(body);
        if !body.is_empty() && !body.ends_with(b"&") {
            out.push(b'&');
        }
        out.extend_from_slice(form.as_bytes());
        (None, Some(out))
    }

    /// Writes the signature base string (section 3.4.1) at the start of a buffer with
    /// room for what `sign` appends to it: the raw parameter values, the header and
    /// `extra` bytes.
    fn write_base_string(
        &self,
        params: &mut ParamSet,
        method: &str,
        url: &RequestUrl<'_>,
        form: &[u8],
        varying: &Varying<'_>,
        extra: usize,
    ) -> Result<String, Error> {
        // Collect, encode and sort every parameter (section 3.4.1.3).
        params.add_form(url.query.as_bytes(), ParamSource::Query)?;
        params.add_form(form, ParamSource::Body)?;
        let varying_len = varying.nonce.value.len()
            + varying.timestamp.value.len()
            + varying.body_hash.map_or(0, |h| h.value.len());
        if params.has_protocol_names() {
            self.add_protocol_params_one_by_one(params, varying)?;
        } else {
            // Every other name sorts before or after all of `oauth_…`, so the signer's
            // parameters go in as one run, most of it rendered when it was built.
            params.add_run(self.base_run.len() + 3 * varying_len + 64, |out| {
                self.base_run.write(out, varying)
            })?;
        }
        params.sort();

        // One buffer holds the base string, the header and the raw parameter values
        // the header does not carry as they are: a signature allocates it and nothing
        // else (the parameter set is this thread's, reused).
        let capacity = method.len()
            + 5 * (url.host.len() + url.path.len())
            + params.encoded_len()
            + 3 * params.len()
            + self.header.fixed_len()
            + 4 * (varying_len + self.key.max_signature_len())
            + 64
            + extra;
        let mut buf = String::with_capacity(capacity);

        // Section 3.4.1.1: METHOD & enc(base string URI) & enc(normalised parameters).
        if method.bytes().any(|b| b.is_ascii_lowercase()) {
            buf.extend(method.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            buf.push_str(method);
        }
        buf.push('&');
        url.write_base_uri(&mut buf, true);
        buf.push('&');
        params.write_normalized(&mut buf, true);
        Ok(buf)
    }

    /// Adds the protocol parameters one by one, when a query or body name starting
    /// `oauth_` may sort among them; out of line, for the usual path's stack frame.
    #[inline(never)]
    fn add_protocol_params_one_by_one(
        &self,
        params: &mut ParamSet,
        varying: &Varying<'_>,
    ) -> Result<(), Error> {
        let hash = varying.body_hash.map(|h| h.value);
        let all = self.protocol_params(hash, varying.nonce, varying.timestamp.value);
        let oauth = &all.params[..all.count];
        self.check_reserved_names(params, oauth)?;
        for (i, param) in oauth.iter().enumerate() {
            if i != all.signature_index {
                param.add_to(params)?;
            }
        }
        Ok(())
    }

    /// The protocol parameters of one request in name order (section 3.4.1.3.2), with
    /// an empty `oauth_signature` in its place until it is known.
    fn protocol_params<'a>(
        &'a self,
        body_hash: Option<&'a str>,
        nonce: ProtocolParam<'a>,
        timestamp: &'a str,
    ) -> ProtocolParams<'a> {
        let pre = ProtocolParam::optional;
        let mut params = [ProtocolParam::plain(protocol::SIGNATURE, ""); MAX_PROTOCOL_PARAMS];
        let mut count = 0;
        // Written in place rather than gathered first: each entry is 64 bytes.
        for param in [
            body_hash.map(|hash| ProtocolParam::new(protocol::BODY_HASH, hash)),
            pre(protocol::CALLBACK, &self.callback, &self.encoded.callback),
        ]
        .into_iter()
        .flatten()
        {
            params[count] = param;
            count += 1;
        }
        params[count] = ProtocolParam::pre(
            protocol::CONSUMER_KEY,
            &self.credentials.consumer_key,
            &self.encoded.consumer_key,
        );
        params[count + 1] = nonce;
        let signature_index = count + 2;
        params[signature_index + 1] = ProtocolParam::pre(
            protocol::SIGNATURE_METHOD,
            self.method.name(),
            &self.encoded.signature_method,
        );
        params[signature_index + 2] = ProtocolParam::plain(protocol::TIMESTAMP, timestamp);
        count += 5;
        for param in [
            pre(
                protocol::TOKEN,
                &self.credentials.token,
                &self.encoded.token,
            ),
            pre(protocol::VERIFIER, &self.verifier, &self.encoded.verifier),
            self.version
                .then(|| ProtocolParam::pre(protocol::VERSION, "1.0", &self.encoded.version)),
        ]
        .into_iter()
        .flatten()
        {
            params[count] = param;
            count += 1;
        }
        ProtocolParams {
            params,
            count,
            signature_index,
        }
    }

    /// `oauth_*` names in the query or body: RFC 5849 section 3.5 puts the protocol
    /// parameters in exactly one place, and servers (this crate's `verify`, oauthlib)
    /// take every `oauth_` name as one. So they may only stand where this signer puts its
    /// own, and never repeat one of them.
    fn check_reserved_names(
        &self,
        params: &ParamSet,
        sent: &[ProtocolParam<'_>],
    ) -> Result<(), Error> {
        let ours = match self.placement {
            Placement::Header => None,
            Placement::Query => Some(ParamSource::Query),
            Placement::Body => Some(ParamSource::Body),
        };
        for (name, source) in params.protocol_named() {
            if sent.iter().any(|p| p.name == name) {
                return Err(Error::DuplicateParameter {
                    name: name.to_owned(),
                });
            }
            if Some(source) != ours {
                let place = if source == ParamSource::Query {
                    "query"
                } else {
                    "body"
                };
                return Err(Error::option(format!(
                    "the {place} carries {:?}, a name RFC 5849 reserves for protocol parameters, \
                     while this signer sends them in the {}; a server would see protocol \
                     parameters in two places and refuse the request",
                    crate::url::truncate(&crate::encode::encoded_once(name)),
                    match self.placement {
                        Placement::Header => "Authorization header",
                        Placement::Query => "query",
                        Placement::Body => "body",
                    }
                )));
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("consumer_key", &self.credentials.consumer_key)
            .field("consumer_secret", &self.credentials.consumer_secret)
            .field("token", &self.credentials.token)
            .field("token_secret", &self.credentials.token_secret)
            .field("signature_method", &self.method)
            .field("realm", &self.realm)
            .field("version", &self.version)
            .field("body_hash", &self.body_hash)
            .field("clock_offset", &self.clock_offset)
            .field("callback", &self.callback)
            // A verifier proves the resource owner's approval: shown only as present.
            .field("verifier", &self.verifier.as_ref().map(|_| "***"))
            .field("placement", &self.placement)
            .finish()
    }
}

/// What a signed request changes on the wire, by placement ([`Signed::wire`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire<'a> {
    /// Send this as the `Authorization` header (section 3.5.1).
    Header(&'a str),
    /// Send the request to this URL instead (section 3.5.3).
    Url(&'a str),
    /// Send this form body instead (section 3.5.2).
    Body(&'a [u8]),
}

/// The result of signing: the header value and everything that went into it.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    buf: String,
    base_string: Range<usize>,
    signature: Range<usize>,
    authorization: Range<usize>,
    nonce: Range<usize>,
    timestamp: u64,
    /// The parameters' names, as indices into [`protocol::NAMES`].
    names: [u8; MAX_PROTOCOL_PARAMS],
    values: [(u32, u32); MAX_PROTOCOL_PARAMS],
    param_count: usize,
    signed_url: Option<Range<usize>>,
    signed_body: Option<Vec<u8>>,
    /// A PLAINTEXT signature is the key itself, so `Debug` must not show it.
    reveals_key: bool,
}

impl Signed {
    /// The full `Authorization` header value, beginning `OAuth ` (section 3.5.1).
    pub fn authorization(&self) -> &str {
        &self.buf[self.authorization.clone()]
    }

    /// The signature as plain base64 (not percent-encoded); for PLAINTEXT, the key.
    pub fn signature(&self) -> &str {
        &self.buf[self.signature.clone()]
    }

    /// The signature base string (section 3.4.1).
    pub fn base_string(&self) -> &str {
        &self.buf[self.base_string.clone()]
    }

    /// The `oauth_nonce` that was sent.
    pub fn nonce(&self) -> &str {
        &self.buf[self.nonce.clone()]
    }

    /// The `oauth_timestamp` that was sent.
    pub fn timestamp(&self) -> u64 {
        self.timestamp
    }

    /// The protocol parameters that were sent, sorted by name, `oauth_signature`
    /// included, as raw (not percent-encoded) values.
    pub fn params(&self) -> impl ExactSizeIterator<Item = (&'static str, &str)> + '_ {
        self.names[..self.param_count]
            .iter()
            .zip(&self.values)
            .map(|(&name, &(start, end))| {
                let name = protocol::NAMES[usize::from(name)];
                (name, &self.buf[start as usize..end as usize])
            })
    }

    /// What goes on the wire for the signer's placement (RFC 5849 section 3.5): the
    /// `Authorization` header value, the URL with the parameters in its query, or the
    /// form body with them appended.
    pub fn wire(&self) -> Wire<'_> {
        match (self.signed_url(), self.signed_body()) {
            (Some(url), _) => Wire::Url(url),
            (None, Some(body)) => Wire::Body(body),
            (None, None) => Wire::Header(self.authorization()),
        }
    }

    /// For [`Placement::Query`], the URL with the protocol parameters appended to its query.
    pub fn signed_url(&self) -> Option<&str> {
        self.signed_url.clone().map(|r| &self.buf[r])
    }

    /// For [`Placement::Body`], the form body with the protocol parameters appended.
    pub fn signed_body(&self) -> Option<&[u8]> {
        self.signed_body.as_deref()
    }
}

impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // With PLAINTEXT the signature is `enc(consumer secret)&enc(token secret)`: every
        // field that carries it is masked.
        const MASKED: &str = "*** (PLAINTEXT: the signature is the key)";
        let mask = |text: &str| {
            if self.reveals_key {
                MASKED.to_owned()
            } else {
                text.to_owned()
            }
        };
        let params: Vec<(&str, String)> = self
            .params()
            .map(|(n, v)| {
                (
                    n,
                    if n == "oauth_signature" {
                        mask(v)
                    } else {
                        v.to_owned()
                    },
                )
            })
            .collect();
        let mut s = f.debug_struct("Signed");
        s.field("authorization", &mask(self.authorization()))
            .field("signature", &mask(self.signature()))
            .field("base_string", &self.base_string())
            .field("nonce", &self.nonce())
            .field("timestamp", &self.timestamp)
            .field("params", &params);
        if let Some(url) = self.signed_url() {
            s.field("signed_url", &mask(url));
        }
        if let Some(body) = self.signed_body() {
            s.field("signed_body", &mask(&String::from_utf8_lossy(body)));
        }
        s.finish()
    }
}

/// Checks that a method is an RFC 9110 token (section 5.6.2), such as `GET`.
pub(crate) fn check_method(method: &str) -> Result<(), Error> {
    if method.is_empty() {
        return Err(Error::InvalidMethod {
            reason: "the method is empty".into(),
        });
    }
    // `GET`, `POST` and the other registered methods are upper-case letters.
    if method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(());
    }
    let is_tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if let Some(c) = method
        .chars()
        .find(|&c| !c.is_ascii() || !is_tchar(c as u8))
    {
        return Err(Error::InvalidMethod {
            reason: format!(
                "{:?} contains {c:?}, which is not allowed in an HTTP method",
                crate::url::truncate(method)
            ),
        });
    }
    Ok(())
}

/// Checks a caller-given nonce (non-empty, free of control characters) and returns it
/// as a protocol parameter.
fn check_nonce(nonce: &str) -> Result<ProtocolParam<'_>, Error> {
    if nonce.is_empty() {
        return Err(Error::InvalidNonce {
            reason: "the nonce is empty".into(),
        });
    }
    // Nonces are almost always unreserved ASCII; only others need the full check.
    if crate::encode::all_unreserved(nonce) {
        return Ok(ProtocolParam::plain(protocol::NONCE, nonce));
    }
    if nonce.chars().any(char::is_control) {
        return Err(Error::InvalidNonce {
            reason: "the nonce contains a control character".into(),
        });
    }
    Ok(ProtocolParam::new(protocol::NONCE, nonce))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header from the signer's template against the plain rendering of the same
    /// parameters, and `Signed::params` against the parameters themselves.
    #[test]
    fn header_template_matches_plain_rendering() {
        let nonces = ["plainNonce123", "needs encoding/+é"];
        for config in 0..64u32 {
            let bit = |n: u32| config & (1 << n) != 0;
            let mut builder = Signer::builder("k\u{e9}y", "secret")
                .version(bit(0))
                .body_hash(bit(1))
                .signature_method(if bit(2) {
                    SignatureMethod::Plaintext
                } else {
                    SignatureMethod::HmacSha1
                });
            if bit(3) {
                builder = builder.token("to ken", "ts");
            }
            if bit(4) {
                builder = builder
                    .realm("Example \"realm\"")
                    .callback("https://c.example/?a=1");
            }
            if bit(5) {
                builder = builder.verifier("v+1");
            }
            let signer = builder.build().unwrap();
            for nonce in nonces {
                let request = Request::new("POST", "https://h.example/p?q=1")
                    .body(b"{}", Some("application/json"))
                    .nonce(nonce)
                    .timestamp(1_700_000_000);
                let signed = signer.sign(&request).unwrap();

                let hash = bit(1).then(|| SignatureMethod::HmacSha1.body_hash(b"{}"));
                let mut all = signer.protocol_params(
                    hash.as_deref(),
                    check_nonce(nonce).unwrap(),
                    "1700000000",
                );
                all.params[all.signature_index] =
                    ProtocolParam::new(protocol::SIGNATURE, signed.signature());
                let params = &all.params[..all.count];
                let mut want = String::new();
                protocol::write_header(&mut want, signer.encoded.realm.as_ref(), params);
                assert_eq!(
                    signed.authorization(),
                    want,
                    "config {config:#b}, nonce {nonce:?}"
                );
                let got: Vec<(&str, &str)> = signed.params().collect();
                let want: Vec<(&str, &str)> = params.iter().map(|p| (p.name, p.value)).collect();
                assert_eq!(got, want, "config {config:#b}, nonce {nonce:?}");
                assert_eq!(signed.nonce(), nonce);
            }
        }
    }
}
