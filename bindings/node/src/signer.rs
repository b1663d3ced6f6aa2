//! The `Signer` class: credentials and options, and signing requests with them.

use crate::args::{self, Body, Fields};
use crate::error::{Outcome, argument};
use crate::signed::result_of;
use napi::bindgen_prelude::{Env, JsObjectValue, Object, Unknown};
use napi_derive::napi;
use oauth1::{Credentials, Placement, Request, SignatureMethod, SignerBuilder};
use std::sync::Arc;

/// Options of `new Signer(options)`: the four credentials (LivePerson's App key,
/// Secret, Access token and Access token secret) and how to sign.
/// `Signer.fromEnv` and `Signer.fromFile` take the same options without the credentials.
#[napi(object, object_to_js = false)]
pub struct SignerOptions {
    /// The consumer key (`oauth_consumer_key`); LivePerson's "App key".
    pub consumer_key: String,
    /// The consumer secret; LivePerson's "Secret". Never shown by `util.inspect` or `JSON.stringify`.
    pub consumer_secret: String,
    /// The token (`oauth_token`); LivePerson's "Access token". Omit for two-legged requests.
    pub token: Option<String>,
    /// The token secret; LivePerson's "Access token secret".
    pub token_secret: Option<String>,
    /// The signature method; `HMAC-SHA1` by default.
    #[napi(ts_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT'")]
    pub signature_method: Option<String>,
    /// A `realm` sent first in the Authorization header (not signed), as NetSuite wants.
    pub realm: Option<String>,
    /// Whether to send `oauth_version="1.0"`; `true` by default.
    pub version: Option<bool>,
    /// Whether to send `oauth_body_hash` for bodies that are not form-encoded; `false` by default.
    pub body_hash: Option<bool>,
    /// Seconds added to the clock for `oauth_timestamp` (may be negative); see `clockOffsetFromProblem`.
    pub clock_offset: Option<i64>,
    /// An `oauth_callback` sent with every request.
    pub callback: Option<String>,
    /// An `oauth_verifier` sent with every request.
    pub verifier: Option<String>,
    /// Where the protocol parameters go: the Authorization `header` (default), the
    /// `query` (see `signedUrl`) or a form `body` (see `signedBody`).
    #[napi(ts_type = "'header' | 'query' | 'body'")]
    pub placement: Option<String>,
}

/// A request to sign: what goes on the wire. The query is read from the URL and the
/// form parameters from the body, so what is signed cannot disagree with what is sent.
#[napi(object, object_to_js = false)]
pub struct SignRequest {
    /// The HTTP method, in any case (`GET`, `post`…).
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    /// The body; its pairs are signed only when `contentType` is
    /// `application/x-www-form-urlencoded`.
    #[napi(ts_type = "string | Uint8Array | ArrayBuffer | null")]
    pub body: Option<String>,
    /// The body's Content-Type.
    pub content_type: Option<String>,
    /// A fixed `oauth_nonce`, for reproducible signatures; random (32 alphanumerics) otherwise.
    pub nonce: Option<String>,
    /// A fixed `oauth_timestamp` in seconds; the clock plus `clockOffset` otherwise.
    pub timestamp: Option<i64>,
}

/// The option names of `new Signer(options)`.
const CREDENTIAL_OPTIONS: [&str; 4] = ["consumerKey", "consumerSecret", "token", "tokenSecret"];
/// The option names shared by `new Signer`, `Signer.fromEnv` and `Signer.fromFile`.
const SIGNING_OPTIONS: [&str; 8] = [
    "signatureMethod",
    "realm",
    "version",
    "bodyHash",
    "clockOffset",
    "callback",
    "verifier",
    "placement",
];

/// Signs requests with one set of credentials (RFC 5849 section 3).
///
/// ```js
/// const signer = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret',
///                             token: 'access-token', tokenSecret: 'access-token-secret' })
/// const { authorization } = signer.sign({ method: 'GET', url: 'https://api.example.com/x?a=1' })
/// ```
///
/// Immutable once built. `util.inspect` and `JSON.stringify` show the options and
/// the consumer key and token, never a secret.
#[napi]
pub struct Signer {
    /// Shared with the handle the fast path uses (see `fast.rs`).
    pub(crate) inner: Arc<oauth1::Signer>,
}

#[napi]
impl Signer {
    /// Checks the credentials and options and prepares the signing key.
    /// Throws `invalid_argument`, `invalid_credentials`, `unknown_signature_method` or `invalid_option`.
    #[napi(constructor, ts_args_type = "options: SignerOptions")]
    pub fn new(env: Env, options: Unknown) -> napi::Result<Self> {
        construct(options).map_err(|f| f.into_js(&env))
    }

    /// A signer with the credentials in `OAUTH1_CONSUMER_KEY`, `OAUTH1_CONSUMER_SECRET`
    /// and optionally `OAUTH1_TOKEN`, `OAUTH1_TOKEN_SECRET` (read from `process.env`).
    /// Throws `credentials_source` when a required variable is unset.
    #[napi(
        factory,
        js_name = "fromEnv",
        ts_args_type = "options?: Omit<SignerOptions, 'consumerKey' | 'consumerSecret' | 'token' | 'tokenSecret'>"
    )]
    pub fn from_env(env: Env, options: Option<Unknown>) -> napi::Result<Self> {
        from_env(&env, options).map_err(|f| f.into_js(&env))
    }

    /// A signer with the credentials in a JSON file holding either
    /// `consumer_key`, `consumer_secret`, `token`, `token_secret` or LivePerson's
    /// `appKey`, `secret`, `accessToken`, `accessTokenSecret`.
    /// Throws `credentials_source` when the file cannot be read or parsed.
    #[napi(
        factory,
        js_name = "fromFile",
        ts_args_type = "path: string, options?: Omit<SignerOptions, 'consumerKey' | 'consumerSecret' | 'token' | 'tokenSecret'>"
    )]
    pub fn from_file(env: Env, path: Unknown, options: Option<Unknown>) -> napi::Result<Self> {
        from_file(path, options).map_err(|f| f.into_js(&env))
    }

    /// Signs a request: the Authorization header value and everything that went into it.
    /// Throws `invalid_argument`, `invalid_url`, `unsupported_scheme`, `invalid_method`,
    /// `invalid_nonce`, `invalid_timestamp`, `invalid_option` or `duplicate_parameter`.
    #[napi(ts_args_type = "request: SignRequest", ts_return_type = "SignResult")]
    pub fn sign<'e>(&self, env: &'e Env, request: Unknown<'e>) -> napi::Result<Object<'e>> {
        self.sign_inner(env, request).map_err(|f| f.into_js(env))
    }

    /// Signs a request and returns only the Authorization header value.
    #[napi(ts_args_type = "request: SignRequest")]
    pub fn authorization(&self, env: Env, request: Unknown) -> napi::Result<String> {
        with_request(request, "authorization(request)", |req, _| {
            Ok(self.inner.sign(req)?.authorization().to_owned())
        })
        .map_err(|f| f.into_js(&env))
    }

    /// Signs a request and explains each step: the base string URI and what was
    /// normalised, every parameter with its source, the masked key, and warnings
    /// about classic mistakes (a JSON body sent as a form, `+` in the query…).
    #[napi(ts_args_type = "request: SignRequest")]
    pub fn explain(&self, env: Env, request: Unknown) -> napi::Result<crate::explain::Explanation> {
        with_request(request, "explain(request)", |req, text| {
            let e = self.inner.explain(req)?;
            Ok(crate::explain::Explanation::from_core(e, text))
        })
        .map_err(|f| f.into_js(&env))
    }

    /// A copy of this signer with another clock offset in seconds, as after a
    /// `timestamp_refused` answer (see `clockOffsetFromProblem`).
    #[napi(js_name = "withClockOffset", ts_args_type = "seconds: number")]
    pub fn with_clock_offset(&self, env: Env, seconds: Unknown) -> napi::Result<Signer> {
        const WHAT: &str = "withClockOffset";
        let run = || -> Outcome<Signer> {
            let seconds = args::required(
                args::integer(args::positional(seconds)?, WHAT, "seconds")?,
                WHAT,
                "seconds",
            )?;
            Ok(Signer {
                inner: Arc::new(self.inner.with_clock_offset(seconds)),
            })
        };
        run().map_err(|f| f.into_js(&env))
    }

    /// The consumer key (App key).
    #[napi(getter, js_name = "consumerKey")]
    pub fn consumer_key(&self) -> String {
        self.inner.credentials().consumer_key.clone()
    }

    /// The token (Access token), if any.
    #[napi(getter)]
    pub fn token(&self) -> Option<String> {
        self.inner.credentials().token.clone()
    }

    /// The signature method, such as `HMAC-SHA1`.
    #[napi(
        getter,
        js_name = "signatureMethod",
        ts_return_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT'"
    )]
    pub fn signature_method(&self) -> &'static str {
        self.inner.signature_method().name()
    }

    /// The realm sent in the header, if any.
    #[napi(getter)]
    pub fn realm(&self) -> Option<String> {
        self.inner.realm().map(str::to_owned)
    }

    /// Whether `oauth_version="1.0"` is sent.
    #[napi(getter)]
    pub fn version(&self) -> bool {
        self.inner.sends_version()
    }

    /// Whether `oauth_body_hash` is sent for non-form bodies.
    #[napi(getter, js_name = "bodyHash")]
    pub fn body_hash(&self) -> bool {
        self.inner.sends_body_hash()
    }

    /// Seconds added to the clock.
    #[napi(getter, js_name = "clockOffset")]
    pub fn clock_offset(&self) -> i64 {
        self.inner.clock_offset()
    }

    /// The `oauth_callback`, if any.
    #[napi(getter)]
    pub fn callback(&self) -> Option<String> {
        self.inner.callback().map(str::to_owned)
    }

    /// The `oauth_verifier`, if any.
    #[napi(getter)]
    pub fn verifier(&self) -> Option<String> {
        self.inner.verifier().map(str::to_owned)
    }

    /// Where the protocol parameters go.
    #[napi(getter, ts_return_type = "'header' | 'query' | 'body'")]
    pub fn placement(&self) -> &'static str {
        placement_name(self.inner.placement())
    }

    /// What `JSON.stringify(signer)` shows: the options, the consumer key and the
    /// token, and no secret (nor the verifier).
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> SignerDescription {
        let inner = &self.inner;
        SignerDescription {
            consumer_key: inner.credentials().consumer_key.clone(),
            token: inner.credentials().token.clone(),
            signature_method: inner.signature_method().name().to_owned(),
            realm: inner.realm().map(str::to_owned),
            version: inner.sends_version(),
            body_hash: inner.sends_body_hash(),
            clock_offset: inner.clock_offset(),
            callback: inner.callback().map(str::to_owned),
            // A verifier proves the resource owner's approval: shown only as set.
            verifier: inner.verifier().map(|_| "***".to_owned()),
            placement: placement_name(inner.placement()).to_owned(),
        }
    }
}

impl Signer {
    fn sign_inner<'e>(&self, env: &'e Env, request: Unknown<'e>) -> Outcome<Object<'e>> {
        with_request(request, "sign(request)", |req, text| {
            let signed = self.inner.sign(req)?;
            result_of(env, &signed, text)
        })
    }
}

/// A signer as `JSON.stringify` shows it: everything but the secrets.
#[napi(object, object_from_js = false)]
pub struct SignerDescription {
    /// The consumer key.
    pub consumer_key: String,
    /// The token, if any.
    pub token: Option<String>,
    /// The signature method.
    pub signature_method: String,
    /// The realm, if any.
    pub realm: Option<String>,
    /// Whether `oauth_version` is sent.
    pub version: bool,
    /// Whether `oauth_body_hash` is sent.
    pub body_hash: bool,
    /// Seconds added to the clock.
    pub clock_offset: i64,
    /// The `oauth_callback`, if any.
    pub callback: Option<String>,
    /// `***` when an `oauth_verifier` is set (it proves the resource owner's
    /// approval, so it is not shown).
    pub verifier: Option<String>,
    /// Where the protocol parameters go.
    pub placement: String,
}

/// The JavaScript name of a placement. (Names read from JavaScript are parsed by the
/// core, where an unknown one is `invalid_option`.)
pub(crate) fn placement_name(p: Placement) -> &'static str {
    match p {
        Placement::Header => "header",
        Placement::Query => "query",
        Placement::Body => "body",
        // `Placement` is non-exhaustive; the core has no other placement.
        _ => "header",
    }
}

fn construct(options: Unknown) -> Outcome<Signer> {
    let fields = Fields::new(options, "new Signer(options)")?;
    let mut known = CREDENTIAL_OPTIONS.to_vec();
    known.extend(SIGNING_OPTIONS);
    fields.only(&known)?;
    let credentials = Credentials {
        consumer_key: fields.required_string("consumerKey")?,
        consumer_secret: fields.required_string("consumerSecret")?.into(),
        token: fields.string("token")?,
        token_secret: fields.string("tokenSecret")?.map(Into::into),
    };
    build(credentials, Some(&fields))
}

fn from_env(env: &Env, options: Option<Unknown>) -> Outcome<Signer> {
    let fields = signing_fields(options, "Signer.fromEnv(options)")?;
    let process_env: Object = env
        .get_global()?
        .get_named_property::<Object>("process")?
        .get_named_property::<Object>("env")?;
    let mut failure = None;
    let credentials = Credentials::from_lookup("the environment", |name| {
        match process_env.get::<Unknown>(name) {
            Ok(Some(v)) if v.get_type().ok() == Some(napi::ValueType::String) => {
                <String as napi::bindgen_prelude::FromNapiValue>::from_unknown(v).ok()
            }
            Ok(_) => None,
            Err(e) => {
                failure = Some(e);
                None
            }
        }
    });
    if let Some(e) = failure {
        return Err(e.into());
    }
    build(credentials?, fields.as_ref())
}

fn from_file(path: Unknown, options: Option<Unknown>) -> Outcome<Signer> {
    let fields = signing_fields(options, "Signer.fromFile(path, options)")?;
    if path.get_type()? != napi::ValueType::String {
        return Err(argument(format!(
            "Signer.fromFile: `path` must be a string, got {}",
            crate::error::type_name(path.get_type()?)
        )));
    }
    let path = <String as napi::bindgen_prelude::FromNapiValue>::from_unknown(path)?;
    // The file's text holds the secrets: kept in a `Secret`, it is zeroed when dropped.
    let text = oauth1::Secret::new(std::fs::read_to_string(&path).map_err(|e| {
        oauth1::Error::CredentialsSource {
            source: path.clone(),
            reason: e.to_string(),
        }
    })?);
    build(
        Credentials::from_json(text.expose(), &path)?,
        fields.as_ref(),
    )
}

fn signing_fields<'e>(
    options: Option<Unknown<'e>>,
    what: &'static str,
) -> Outcome<Option<Fields<'e>>> {
    let Some(options) = options else {
        return Ok(None);
    };
    if matches!(
        options.get_type()?,
        napi::ValueType::Undefined | napi::ValueType::Null
    ) {
        return Ok(None);
    }
    let fields = Fields::new(options, what)?;
    fields.only(&SIGNING_OPTIONS)?;
    Ok(Some(fields))
}

fn build(credentials: Credentials, fields: Option<&Fields>) -> Outcome<Signer> {
    let mut builder = oauth1::Signer::from_credentials(credentials);
    if let Some(fields) = fields {
        builder = apply(builder, fields)?;
    }
    Ok(Signer {
        inner: Arc::new(builder.build()?),
    })
}

fn apply(mut builder: SignerBuilder, fields: &Fields) -> Outcome<SignerBuilder> {
    if let Some(name) = fields.string("signatureMethod")? {
        builder = builder.signature_method(name.parse::<SignatureMethod>()?);
    }
    if let Some(realm) = fields.string("realm")? {
        builder = builder.realm(realm);
    }
    if let Some(version) = fields.boolean("version")? {
        builder = builder.version(version);
    }
    if let Some(body_hash) = fields.boolean("bodyHash")? {
        builder = builder.body_hash(body_hash);
    }
    if let Some(offset) = fields.integer("clockOffset")? {
        builder = builder.clock_offset(offset);
    }
    if let Some(callback) = fields.string("callback")? {
        builder = builder.callback(callback);
    }
    if let Some(verifier) = fields.string("verifier")? {
        builder = builder.verifier(verifier);
    }
    if let Some(placement) = fields.string("placement")? {
        builder = builder.placement(placement.parse::<Placement>()?);
    }
    Ok(builder)
}

/// The fields of a `SignRequest`, read from an object or from positional arguments.
pub(crate) struct Parts<'e> {
    method: String,
    url: String,
    body: Option<Body<'e>>,
    content_type: Option<String>,
    nonce: Option<String>,
    timestamp: Option<u64>,
}

/// The `SignRequest` fields, in the order of the positional fast path.
pub(crate) const REQUEST_FIELDS: [&str; 6] =
    ["method", "url", "body", "contentType", "nonce", "timestamp"];

impl<'e> Parts<'e> {
    /// Reads the fields of a request object.
    pub(crate) fn from_object(request: Unknown<'e>, what: &'static str) -> Outcome<Self> {
        let fields = Fields::new(request, what)?;
        let mut values = Vec::with_capacity(REQUEST_FIELDS.len());
        for name in REQUEST_FIELDS {
            values.push(fields.value(name)?);
        }
        Self::read(values, what)
    }

    /// Reads the fields given one by one, in the order of [`REQUEST_FIELDS`].
    pub(crate) fn from_values(values: [Unknown<'e>; 6], what: &'static str) -> Outcome<Self> {
        let mut read = Vec::with_capacity(values.len());
        for value in values {
            read.push(args::positional(value)?);
        }
        Self::read(read, what)
    }

    fn read(
        values: Vec<Option<(Unknown<'e>, napi::ValueType)>>,
        what: &'static str,
    ) -> Outcome<Self> {
        let mut values = values.into_iter();
        let mut next = || values.next().flatten();
        let [m, u, b, c, n, t] = REQUEST_FIELDS;
        let method = args::required(args::string(next(), what, m)?, what, m)?;
        let url = args::required(args::string(next(), what, u)?, what, u)?;
        let body = args::body(next(), what, b)?;
        let content_type = args::string(next(), what, c)?;
        let nonce = args::string(next(), what, n)?;
        let timestamp = args::integer(next(), what, t)?.map(seconds).transpose()?;
        Ok(Parts {
            method,
            url,
            body,
            content_type,
            nonce,
            timestamp,
        })
    }

    /// Whether the body, if any, was given as a string.
    pub(crate) fn text_body(&self) -> bool {
        self.body.as_ref().is_none_or(Body::is_text)
    }

    /// The core request.
    pub(crate) fn request(&self) -> Request<'_> {
        Request {
            method: &self.method,
            url: &self.url,
            body: self.body.as_ref().map(Body::bytes),
            content_type: self.content_type.as_deref(),
            nonce: self.nonce.as_deref(),
            timestamp: self.timestamp,
        }
    }
}

/// A request's `timestamp` as the core takes it: a negative number is `invalid_timestamp`.
pub(crate) fn seconds(t: i64) -> Outcome<u64> {
    Ok(oauth1::unix_seconds(t, "the timestamp")?)
}

/// Reads a `SignRequest` object and runs `f` on the core request; `f` learns whether
/// the body was given as a string.
fn with_request<T>(
    request: Unknown,
    what: &'static str,
    f: impl FnOnce(&Request<'_>, bool) -> Outcome<T>,
) -> Outcome<T> {
    let parts = Parts::from_object(request, what)?;
    f(&parts.request(), parts.text_body())
}
