//! The `Signer` class: credentials and options, and signing requests with them.

use crate::args::{self, Body, Fields};
use crate::error::{Outcome, throwing};
use crate::explain::Explanation;
use crate::keys;
use napi::ValueType;
use napi::bindgen_prelude::{Env, External, FromNapiValue, JsObjectValue, Object, Unknown};
use napi_derive::napi;
use oauth1::{Credentials, Request};
use std::sync::Arc;

/// The option names of `new Signer(options)` besides [`SIGNING_OPTIONS`].
const CREDENTIAL_OPTIONS: [&str; 5] = [
    "consumerKey",
    "consumerSecret",
    "token",
    "tokenSecret",
    "privateKey",
];
/// The option names shared by `new Signer`, `Signer.fromEnv` and `Signer.fromFile`
/// (and, but for `callback` and `verifier`, `OAuth1Flow`).
pub(crate) const SIGNING_OPTIONS: [&str; 10] = [
    "signatureMethod",
    "realm",
    "version",
    "bodyHash",
    "clockOffset",
    "callback",
    "verifier",
    "placement",
    "provider",
    "providerValues",
];

/// Signs requests with one set of credentials (RFC 5849 section 3).
///
/// ```js
/// const signer = new Signer({ consumerKey: 'app-key', consumerSecret: 'app-secret',
///                             token: 'access-token', tokenSecret: 'access-token-secret' })
/// const { authorization } = signer.sign({ method: 'GET', url: 'https://api.example.com/x?a=1' })
/// ```
///
/// With an RSA key (RFC 5849 section 3.4.3) no consumer secret is needed:
///
/// ```js
/// const signer = new Signer({ consumerKey: 'jira-consumer', privateKey: fs.readFileSync('jira.pem'),
///                             signatureMethod: 'RSA-SHA1' })
/// ```
///
/// `sign(request)` (implemented in `oauth1.js`, see `oauth1.d.ts`) returns a
/// `SignResult`. Immutable once built. `util.inspect` and `JSON.stringify` show the
/// options and the consumer key and token, never a secret.
#[napi]
pub struct Signer {
    pub(crate) inner: Arc<oauth1::Signer>,
}

#[napi]
impl Signer {
    /// Checks the credentials and options and prepares the signing key.
    /// Throws `invalid_argument`, `invalid_credentials` (also for a missing
    /// `consumerSecret` without a `privateKey`), `unknown_signature_method`,
    /// `invalid_option` or, for a `privateKey` given as text or bytes, `key_password`,
    /// `key_type`, `key_unreadable` or `key_too_short`.
    #[napi(
        constructor,
        ts_args_type = "options: SignerOptions & ({ consumerSecret: string } | { privateKey: NonNullable<SignerOptions['privateKey']> })"
    )]
    pub fn new(env: Env, options: Unknown) -> napi::Result<Self> {
        const WHAT: &str = "new Signer(options)";
        throwing(&env, || {
            let fields = Fields::new(options, WHAT)?;
            fields.only(&[CREDENTIAL_OPTIONS.as_slice(), &SIGNING_OPTIONS].concat())?;
            let consumer_key = fields.required_string("consumerKey")?;
            let consumer_secret = fields.string("consumerSecret")?;
            let token = fields.string("token")?;
            let token_secret = fields.string("tokenSecret")?;
            let private_key = keys::private_key(&fields, WHAT)?;
            // The RSA methods use no consumer secret (section 3.4.3); the others need
            // one, and an empty one is a valid secret, so only a missing one is refused.
            let consumer_secret = match consumer_secret {
                Some(secret) => secret,
                None if private_key.is_some() => String::new(),
                None => {
                    let reason = format!(
                        "{WHAT}: `consumerSecret` is required unless a `privateKey` is given \
                         (the RSA methods need none)"
                    );
                    return Err(oauth1::Error::InvalidCredentials { reason }.into());
                }
            };
            let credentials = Credentials {
                consumer_key,
                consumer_secret: consumer_secret.into(),
                token,
                token_secret: token_secret.map(Into::into),
            };
            build(credentials, private_key, Some(&fields))
        })
    }

    /// A signer with the credentials in `OAUTH1_CONSUMER_KEY`, `OAUTH1_CONSUMER_SECRET`
    /// and optionally `OAUTH1_TOKEN`, `OAUTH1_TOKEN_SECRET` (read from `process.env`).
    /// Throws `credentials_source` when a required variable is unset.
    #[napi(
        factory,
        js_name = "fromEnv",
        ts_args_type = "options?: Omit<SignerOptions, 'consumerKey' | 'consumerSecret' | 'token' | 'tokenSecret' | 'privateKey'>"
    )]
    pub fn from_env(env: Env, options: Option<Unknown>) -> napi::Result<Self> {
        throwing(&env, || {
            let fields = Fields::optional(options, "Signer.fromEnv(options)", &SIGNING_OPTIONS)?;
            build(credentials_from_env(&env)?, None, fields.as_ref())
        })
    }

    /// A signer with the credentials in a JSON file holding either
    /// `consumer_key`, `consumer_secret`, `token`, `token_secret` or LivePerson's
    /// `appKey`, `secret`, `accessToken`, `accessTokenSecret`.
    /// Throws `credentials_source` when the file cannot be read or parsed.
    #[napi(
        factory,
        js_name = "fromFile",
        ts_args_type = "path: string, options?: Omit<SignerOptions, 'consumerKey' | 'consumerSecret' | 'token' | 'tokenSecret' | 'privateKey'>"
    )]
    pub fn from_file(env: Env, path: Unknown, options: Option<Unknown>) -> napi::Result<Self> {
        throwing(&env, || {
            let what = "Signer.fromFile(path, options)";
            let fields = Fields::optional(options, what, &SIGNING_OPTIONS)?;
            let path = args::text(path, "Signer.fromFile", "path")?;
            build(Credentials::from_file(path)?, None, fields.as_ref())
        })
    }

    /// Internal to `oauth1.js`: the handle `_sign` takes.
    #[napi(js_name = "_handle", skip_typescript)]
    pub fn handle(&self) -> Handle {
        External::new(Arc::clone(&self.inner))
    }

    /// Signs a request and returns only the Authorization header value.
    #[napi(ts_args_type = "request: SignRequest")]
    pub fn authorization(&self, env: Env, request: Unknown) -> napi::Result<String> {
        throwing(&env, || {
            let parts = Parts::from_object(request, "authorization(request)")?;
            Ok(self
                .inner
                .sign(&parts.request())?
                .authorization()
                .to_owned())
        })
    }

    /// Signs a request and explains each step: the base string URI and what was
    /// normalised, every parameter with its source, the masked key, and warnings
    /// about classic mistakes (a JSON body sent as a form, `+` in the query…).
    #[napi(ts_args_type = "request: SignRequest")]
    pub fn explain(&self, env: Env, request: Unknown) -> napi::Result<Explanation> {
        throwing(&env, || {
            let parts = Parts::from_object(request, "explain(request)")?;
            let explanation = self.inner.explain(&parts.request())?;
            Ok(Explanation::from_core(explanation, parts.text_body()))
        })
    }

    /// A copy of this signer with another clock offset in seconds, as after a
    /// `timestamp_refused` answer (see `clockOffsetFromProblem`).
    #[napi(js_name = "withClockOffset", ts_args_type = "seconds: number")]
    pub fn with_clock_offset(&self, env: Env, seconds: Unknown) -> napi::Result<Signer> {
        const WHAT: &str = "withClockOffset";
        throwing(&env, || {
            let seconds = args::integer(args::positional(seconds)?, WHAT, "seconds")?;
            let seconds = args::required(seconds, WHAT, "seconds")?;
            Ok(Signer {
                inner: Arc::new(self.inner.with_clock_offset(seconds)),
            })
        })
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
        ts_return_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT' | 'RSA-SHA1' | 'RSA-SHA256' | 'RSA-SHA512'"
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
        self.inner.placement().as_str()
    }

    /// What `JSON.stringify(signer)` shows: the options, the consumer key and the
    /// token, and no secret (nor the verifier).
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> SignerDescription {
        let inner = &self.inner;
        SignerDescription {
            consumer_key: self.consumer_key(),
            token: self.token(),
            signature_method: self.signature_method(),
            realm: self.realm(),
            version: inner.sends_version(),
            body_hash: inner.sends_body_hash(),
            clock_offset: inner.clock_offset(),
            callback: self.callback(),
            // A verifier proves the resource owner's approval: shown only as set.
            verifier: inner.verifier().map(|_| "***"),
            placement: self.placement(),
        }
    }
}

/// The signer as `oauth1.js` keeps it for `_sign`: an `External`, which a call
/// unwraps with one type check where a class instance takes several.
pub type Handle = External<Arc<oauth1::Signer>>;

/// Internal to `oauth1.js`, whose `sign(request)` reads the request's fields (in
/// JavaScript that costs a fraction of reading them through Node-API) and passes
/// them with the request itself, for the messages about its shape. Returns the
/// result's strings end to end and writes the layout into `ends` (see
/// [`crate::signed::pack`]).
#[napi(js_name = "_sign", skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn sign(
    env: Env,
    signer: &Handle,
    request: Unknown,
    method: Unknown,
    url: Unknown,
    body: Unknown,
    content_type: Unknown,
    nonce: Unknown,
    timestamp: Unknown,
    ends: Unknown,
) -> napi::Result<String> {
    throwing(&env, || {
        const WHAT: &str = "sign(request)";
        Fields::new(request, WHAT)?;
        let parts = Parts::read(
            [method, url, body, content_type, nonce, timestamp].map(args::positional),
            WHAT,
        )?;
        let signed = signer.sign(&parts.request())?;
        crate::signed::pack(&signed, <&mut [u32]>::from_unknown(ends)?)
    })
}

/// A signer as `JSON.stringify` shows it: everything but the secrets.
#[napi(object, object_from_js = false)]
pub struct SignerDescription {
    /// The consumer key.
    pub consumer_key: String,
    /// The token, if any.
    pub token: Option<String>,
    /// The signature method.
    #[napi(
        ts_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT' | 'RSA-SHA1' | 'RSA-SHA256' | 'RSA-SHA512'"
    )]
    pub signature_method: &'static str,
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
    pub verifier: Option<&'static str>,
    /// Where the protocol parameters go.
    #[napi(ts_type = "'header' | 'query' | 'body'")]
    pub placement: &'static str,
}

/// The credentials in `process.env` (in a worker, not the process's environment).
fn credentials_from_env(env: &Env) -> Outcome<Credentials> {
    let process_env: Object = env
        .get_global()?
        .get_named_property::<Object>("process")?
        .get_named_property::<Object>("env")?;
    Ok(Credentials::from_lookup("the environment", |name| {
        // `process.env` holds strings only; anything else counts as unset.
        process_env.get::<String>(name).ok().flatten()
    })?)
}

/// A signer from credentials, an RSA key and the signing options the caller gave;
/// the core decides every option left out.
fn build(
    credentials: Credentials,
    private_key: Option<oauth1::RsaPrivateKey>,
    fields: Option<&Fields>,
) -> Outcome<Signer> {
    let signer = builder(
        oauth1::Signer::from_credentials(credentials),
        private_key,
        fields,
    )?;
    Ok(Signer {
        inner: Arc::new(signer.build()?),
    })
}

/// `base` with the preset the caller named (`provider`, `providerValues`) and then
/// the caller's own signing options, which so override the preset's.
pub(crate) fn builder(
    base: oauth1::SignerBuilder,
    private_key: Option<oauth1::RsaPrivateKey>,
    fields: Option<&Fields>,
) -> Outcome<oauth1::SignerBuilder> {
    let mut options = oauth1::SignerOptions {
        private_key,
        ..Default::default()
    };
    let mut base = base;
    if let Some(fields) = fields {
        if let Some(preset) = crate::provider::from_fields(fields)? {
            base = base.provider(&preset);
        }
        options = oauth1::SignerOptions {
            signature_method: fields.parsed("signatureMethod")?,
            realm: fields.string("realm")?,
            version: fields.boolean("version")?,
            body_hash: fields.boolean("bodyHash")?,
            clock_offset: fields.integer("clockOffset")?,
            callback: fields.string("callback")?,
            verifier: fields.string("verifier")?,
            placement: fields.parsed("placement")?,
            ..options
        };
    }
    Ok(base.options(options))
}

/// The fields of a `SignRequest`, read from an object or given one by one.
pub(crate) struct Parts<'e> {
    method: String,
    url: String,
    body: Option<Body<'e>>,
    content_type: Option<String>,
    nonce: Option<String>,
    timestamp: Option<u64>,
}

/// The `SignRequest` fields, in the order `_sign` takes them.
const REQUEST_FIELDS: [&str; 6] = ["method", "url", "body", "contentType", "nonce", "timestamp"];

impl<'e> Parts<'e> {
    /// Reads the fields of a request object.
    fn from_object(request: Unknown<'e>, what: &'static str) -> Outcome<Self> {
        let fields = Fields::new(request, what)?;
        Self::read(REQUEST_FIELDS.map(|name| fields.value(name)), what)
    }

    /// Reads the fields, in the order of [`REQUEST_FIELDS`].
    fn read(
        values: [Outcome<Option<(Unknown<'e>, ValueType)>>; 6],
        what: &'static str,
    ) -> Outcome<Self> {
        let [m, u, b, c, n, t] = REQUEST_FIELDS;
        let [method, url, body, content_type, nonce, timestamp] = values;
        Ok(Parts {
            method: args::required(args::string(method?, what, m)?, what, m)?,
            url: args::required(args::string(url?, what, u)?, what, u)?,
            body: args::body(body?, what, b)?,
            content_type: args::string(content_type?, what, c)?,
            nonce: args::string(nonce?, what, n)?,
            timestamp: match args::integer(timestamp?, what, t)? {
                Some(t) => Some(oauth1::unix_seconds(t, "the timestamp")?),
                None => None,
            },
        })
    }

    /// Whether the body, if any, was given as a string.
    pub(crate) fn text_body(&self) -> bool {
        self.body.as_ref().is_none_or(Body::is_text)
    }

    /// The core request.
    fn request(&self) -> Request<'_> {
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
