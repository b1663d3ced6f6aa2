//! The server side: `verify(request)` with a JavaScript secrets lookup, and the
//! `NonceStore` class.

use crate::args::Fields;
use crate::error::{Failure, Outcome, argument, type_name};
use crate::signer::{Signer, placement_name};
use napi::ValueType;
use napi::bindgen_prelude::{
    ClassInstance, Env, FnArgs, FromNapiValue, Function, JsValue, Object, Unknown,
};
use napi_derive::napi;
use oauth1::{MemoryNonceStore, ReceivedRequest, Secret, SignatureMethod, VerifyOptions};
use std::cell::RefCell;
use std::sync::Arc;

/// A signed request as a server received it, and how to check it. Every option
/// left out keeps the core's safe default: HMAC-SHA1, HMAC-SHA256 and HMAC-SHA512
/// accepted, PLAINTEXT refused; timestamp and nonce required; 300 seconds of clock
/// skew; a body hash checked when sent but not required; unknown keys reported.
#[napi(object, object_to_js = false)]
pub struct VerifyRequest {
    /// The HTTP method.
    pub method: String,
    /// The full URL as the client addressed it, query included. Behind a reverse
    /// proxy, build it from the origin the server is configured with (such as
    /// `https://api.example.com`) and the request's path and query; never from
    /// `Host` or `X-Forwarded-Proto`/`X-Forwarded-Host` headers, which the client
    /// can set to anything.
    pub url: String,
    /// The `Authorization` header value, if any (the protocol parameters may also
    /// be in the query or a form body).
    pub authorization: Option<String>,
    /// The body as received.
    #[napi(ts_type = "string | Uint8Array | ArrayBuffer | null")]
    pub body: Option<String>,
    /// The body's Content-Type.
    pub content_type: Option<String>,
    /// Finds the secrets for the keys the request names: a `Signer`, whose
    /// credentials are the only ones accepted (with a token: that token only, and no
    /// request without one; without a token: only requests without one), or an
    /// object that answers the two questions separately (see `SecretLookup`).
    #[napi(ts_type = "SecretLookup | Signer")]
    pub secrets: String,
    /// The server's time in seconds since the epoch; the clock by default. A
    /// negative number throws `invalid_timestamp`.
    pub now: Option<i64>,
    /// How far `oauth_timestamp` may be from `now`, in seconds; 300 by default.
    pub max_skew: Option<i64>,
    /// Remembers nonces so a request cannot be replayed (`nonce_used`); without
    /// one, replays within the skew are not detected.
    #[napi(ts_type = "NonceStore")]
    pub nonce_store: Option<String>,
    /// The signature methods accepted; HMAC-SHA1, HMAC-SHA256 and HMAC-SHA512 by
    /// default. PLAINTEXT is accepted only when listed, and then only over https
    /// (see `allowPlaintextOverHttp`). An empty list throws `invalid_option`.
    #[napi(ts_type = "Array<'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT'>")]
    pub signature_methods: Option<Vec<String>>,
    /// Accepts PLAINTEXT over plain http too, when `signatureMethods` lists it;
    /// `false` by default (RFC 5849 section 3.4.4 requires a secure transport).
    pub allow_plaintext_over_http: Option<bool>,
    /// Whether `oauth_timestamp` and `oauth_nonce` are required for every method;
    /// `true` by default. With `false`, PLAINTEXT requests may leave both out.
    pub require_timestamp: Option<bool>,
    /// Whether a body that is not form-encoded must come with a valid
    /// `oauth_body_hash` (`parameter_absent` otherwise); `false` by default.
    pub require_body_hash: Option<bool>,
    /// Answers an unknown consumer key or token as `signature_invalid`, after the
    /// same work as a wrong signature, so that the answers do not tell which keys
    /// exist; `false` by default (`consumer_key_unknown`, `token_rejected`).
    pub hide_unknown_keys: Option<bool>,
}

/// The `secrets` of `verify` as an object that answers two separate questions.
/// Both are called synchronously, with `this` being the object; an exception they
/// throw passes through `verify`.
///
/// ```js
/// const secrets = {
///   consumer: (consumerKey) => consumers.get(consumerKey) ?? null, // { secret, twoLegged? }
///   tokenSecret: (consumerKey, token) => tokens.get(`${consumerKey} ${token}`) ?? null
/// }
/// ```
#[napi(object, object_to_js = false)]
pub struct SecretLookup {
    /// The consumer registered under `consumerKey`, or `null`/`undefined` for an
    /// unknown key (`consumer_key_unknown`). Asked for every request.
    #[napi(ts_type = "(consumerKey: string) => Consumer | null | undefined")]
    pub consumer: String,
    /// The token secret of `token` issued to `consumerKey`, or `null`/`undefined`
    /// when the token is not valid for it (`token_rejected`). Asked only for
    /// requests that carry a token.
    #[napi(ts_type = "(consumerKey: string, token: string) => string | null | undefined")]
    pub token_secret: String,
}

/// What `SecretLookup.consumer` answers for a known consumer: `secret` and
/// optionally `twoLegged`. Another field is `invalid_argument`, so that a misspelt
/// `twoLegged` or the old `{ consumerSecret, tokenSecret }` answer is caught.
#[napi(object, object_to_js = false)]
pub struct Consumer {
    /// The consumer secret (it may be empty).
    pub secret: String,
    /// Whether this consumer may send requests without `oauth_token` (two-legged,
    /// signed with the consumer credentials alone); `false` by default, when such a
    /// request is refused as `parameter_absent` naming `oauth_token`.
    pub two_legged: Option<bool>,
}

/// A request that verified, with what it was signed with.
#[napi(object, object_from_js = false)]
pub struct Verified {
    /// `oauth_consumer_key`.
    pub consumer_key: String,
    /// `oauth_token`, if the request carried one (absent only for a consumer that
    /// may sign without one).
    pub token: Option<String>,
    /// `oauth_signature_method`.
    #[napi(ts_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT'")]
    pub signature_method: String,
    /// `oauth_timestamp` (absent only for PLAINTEXT requests without one, which
    /// `requireTimestamp: false` must allow).
    pub timestamp: Option<i64>,
    /// `oauth_nonce` (absent only where `timestamp` is).
    pub nonce: Option<String>,
    /// The `realm` of the Authorization header, if any.
    pub realm: Option<String>,
    /// Where the protocol parameters were found.
    #[napi(ts_type = "'header' | 'query' | 'body'")]
    pub placement: String,
    /// Whether an `oauth_body_hash` was checked against the body.
    pub body_hash_checked: bool,
    /// The signature base string the server computed.
    pub base_string: String,
}

const VERIFY_FIELDS: [&str; 14] = [
    "method",
    "url",
    "authorization",
    "body",
    "contentType",
    "secrets",
    "now",
    "maxSkew",
    "nonceStore",
    "signatureMethods",
    "allowPlaintextOverHttp",
    "requireTimestamp",
    "requireBodyHash",
    "hideUnknownKeys",
];

/// What `secrets` must be, for the messages about it.
const SECRETS_SHAPE: &str = "a Signer or an object { consumer(consumerKey) => ({ secret, twoLegged? }) | null, tokenSecret(consumerKey, token) => string | null }";

/// Verifies a signed request (RFC 5849 section 3.2) and returns what it was signed
/// with. A request that fails throws an `Error` whose `code` is the OAuth problem
/// (`signature_invalid`, `timestamp_refused`, `nonce_used`, `parameter_absent`,
/// `parameter_rejected`, `signature_method_rejected`, `consumer_key_unknown`,
/// `token_rejected`, `version_rejected`) with `problem` and `wwwAuthenticate` set;
/// input that cannot be read at all throws `invalid_argument`, `invalid_url`,
/// `invalid_method` or `malformed_header`, and options the core refuses throw
/// `invalid_option` or `invalid_timestamp`. An exception thrown by `secrets` passes through.
#[napi(ts_args_type = "request: VerifyRequest")]
pub fn verify(env: Env, request: Unknown) -> napi::Result<Verified> {
    verify_inner(request).map_err(|f| f.into_js(&env))
}

fn verify_inner(request: Unknown) -> Outcome<Verified> {
    let fields = Fields::new(request, "verify(request)")?;
    fields.only(&VERIFY_FIELDS)?;
    let method = fields.required_string("method")?;
    let url = fields.required_string("url")?;
    let authorization = fields.string("authorization")?;
    // Copied: the `secrets` functions run JavaScript, which could detach the buffer.
    let body: Option<Vec<u8>> = fields.body("body")?.map(|b| b.bytes().to_vec());
    let content_type = fields.string("contentType")?;
    let options = options(&fields)?;
    let Some((secrets, kind)) = fields.value("secrets")? else {
        return Err(argument(format!(
            "verify(request): `secrets` is required: {SECRETS_SHAPE}"
        )));
    };

    let mut received = ReceivedRequest::new(&method, &url);
    received.authorization = authorization.as_deref();
    received.body = body.as_deref();
    received.content_type = content_type.as_deref();

    let verified = match kind {
        ValueType::Function => {
            return Err(argument(format!(
                "verify(request): `secrets` must be {SECRETS_SHAPE}; the function form (consumerKey, token) => … was removed, since one function cannot answer the consumer and the token questions separately"
            )));
        }
        ValueType::Object => {
            if let Ok(signer) = ClassInstance::<Signer>::from_unknown(secrets) {
                oauth1::verify(&received, signer.inner.credentials(), &options)?
            } else {
                let lookup = JsSecrets::new(Object::from_unknown(secrets)?)?;
                let result = oauth1::verify(&received, &lookup, &options);
                if let Some(failure) = lookup.failure.into_inner() {
                    return Err(failure);
                }
                result?
            }
        }
        other => {
            return Err(argument(format!(
                "verify(request): `secrets` must be {SECRETS_SHAPE}, got {}",
                type_name(other)
            )));
        }
    };
    Ok(Verified {
        consumer_key: verified.consumer_key,
        token: verified.token,
        signature_method: verified.signature_method.name().to_owned(),
        timestamp: verified.timestamp.and_then(|t| i64::try_from(t).ok()),
        nonce: verified.nonce,
        realm: verified.realm,
        placement: placement_name(verified.placement).to_owned(),
        body_hash_checked: verified.body_hash_checked,
        base_string: verified.base_string,
    })
}

/// The core's options from the fields the caller gave; a field left out keeps the
/// core's default.
fn options(fields: &Fields) -> Outcome<VerifyOptions> {
    let mut options = VerifyOptions::default();
    if let Some(now) = fields.integer("now")? {
        options = options.now(oauth1::unix_seconds(now, "verify: `now`")?);
    }
    if let Some(skew) = fields.integer("maxSkew")? {
        let skew = u64::try_from(skew)
            .map_err(|_| argument("verify(request): `maxSkew` must not be negative"))?;
        options = options.max_skew(skew);
    }
    if let Some((value, _)) = fields.value("nonceStore")? {
        let store = ClassInstance::<NonceStore>::from_unknown(value)
            .map_err(|_| argument("verify(request): `nonceStore` must be a NonceStore"))?;
        options = options.nonce_store(Arc::clone(&store.inner) as Arc<dyn oauth1::NonceStore>);
    }
    if let Some(names) = fields.strings("signatureMethods")? {
        let methods = names
            .iter()
            .map(|n| n.parse::<SignatureMethod>())
            .collect::<Result<Vec<_>, _>>()?;
        options = options.signature_methods(methods)?;
    }
    if let Some(allow) = fields.boolean("allowPlaintextOverHttp")? {
        options = options.allow_plaintext_over_http(allow);
    }
    if let Some(require) = fields.boolean("requireTimestamp")? {
        options = options.require_timestamp(require);
    }
    if let Some(require) = fields.boolean("requireBodyHash")? {
        options = options.require_body_hash(require);
    }
    if let Some(hide) = fields.boolean("hideUnknownKeys")? {
        options = options.hide_unknown_keys(hide);
    }
    Ok(options)
}

/// A `SecretLookup` object as the core's [`oauth1::SecretLookup`]. The first exception its
/// methods throw (or the first answer of the wrong shape) is kept and rethrown
/// after verification, instead of being reported as an unknown key; after it, no
/// more JavaScript is called.
struct JsSecrets<'e> {
    this: Object<'e>,
    consumer: Function<'e, FnArgs<(String,)>, Unknown<'e>>,
    token_secret: Function<'e, FnArgs<(String, String)>, Unknown<'e>>,
    failure: RefCell<Option<Failure>>,
}

impl<'e> JsSecrets<'e> {
    /// Reads the two methods of a lookup object, which must both be functions.
    fn new(this: Object<'e>) -> Outcome<Self> {
        let method = |name: &str| -> Outcome<Unknown<'e>> {
            match this.get::<Unknown<'e>>(name)? {
                Some(f) if f.get_type()? == ValueType::Function => Ok(f),
                got => Err(argument(format!(
                    "verify(request): `secrets` must be {SECRETS_SHAPE}; its `{name}` is {}",
                    match got {
                        Some(v) => type_name(v.get_type()?),
                        None => "missing",
                    }
                ))),
            }
        };
        let consumer = Function::from_unknown(method("consumer")?)?;
        let token_secret = Function::from_unknown(method("tokenSecret")?)?;
        Ok(JsSecrets {
            this,
            consumer,
            token_secret,
            failure: RefCell::new(None),
        })
    }

    /// Runs one question, keeping its failure; `None` once anything failed.
    fn ask<T>(&self, question: impl FnOnce() -> Outcome<Option<T>>) -> Option<T> {
        if self.failure.borrow().is_some() {
            return None;
        }
        match question() {
            Ok(answer) => answer,
            Err(failure) => {
                *self.failure.borrow_mut() = Some(failure);
                None
            }
        }
    }

    fn try_consumer(&self, consumer_key: &str) -> Outcome<Option<oauth1::Consumer>> {
        const WHAT: &str = "the answer of `secrets.consumer`";
        let answer = self
            .consumer
            .apply(self.this, (consumer_key.to_owned(),).into())?;
        let kind = answer.get_type()?;
        if matches!(kind, ValueType::Undefined | ValueType::Null) {
            return Ok(None);
        }
        if kind != ValueType::Object || answer.is_array()? {
            return Err(argument(format!(
                "verify: `secrets.consumer` must return {{ secret, twoLegged? }} or null, got {}",
                if kind == ValueType::Object {
                    "an array"
                } else {
                    type_name(kind)
                }
            )));
        }
        not_a_promise(answer, "secrets.consumer")?;
        let fields = Fields::new(answer, WHAT)?;
        fields.only(&["secret", "twoLegged"])?;
        let secret = fields.required_string("secret")?;
        let consumer = oauth1::Consumer::new(Secret::new(secret));
        Ok(Some(match fields.boolean("twoLegged")? {
            Some(two_legged) => consumer.two_legged(two_legged),
            None => consumer,
        }))
    }

    fn try_token_secret(&self, consumer_key: &str, token: &str) -> Outcome<Option<Secret>> {
        let answer = self.token_secret.apply(
            self.this,
            (consumer_key.to_owned(), token.to_owned()).into(),
        )?;
        match answer.get_type()? {
            ValueType::Undefined | ValueType::Null => Ok(None),
            ValueType::String => Ok(Some(Secret::new(String::from_unknown(answer)?))),
            kind => {
                if kind == ValueType::Object {
                    not_a_promise(answer, "secrets.tokenSecret")?;
                }
                Err(argument(format!(
                    "verify: `secrets.tokenSecret` must return a string or null, got {}",
                    type_name(kind)
                )))
            }
        }
    }
}

/// Fails with a clear message on a promise: `verify` is synchronous.
fn not_a_promise(answer: Unknown, name: &str) -> Outcome<()> {
    let object = Object::from_unknown(answer)?;
    let then = object.get::<Unknown>("then")?;
    if let Some(then) = then
        && then.get_type()? == ValueType::Function
    {
        return Err(argument(format!(
            "verify: `{name}` returned a promise; verify is synchronous, so look the secrets up before calling it and answer from memory"
        )));
    }
    Ok(())
}

impl oauth1::SecretLookup for JsSecrets<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<oauth1::Consumer> {
        self.ask(|| self.try_consumer(consumer_key))
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.ask(|| self.try_token_secret(consumer_key, token))
    }
}

/// Options of `new NonceStore(options)`; each one left out keeps the core's default.
#[napi(object, object_to_js = false)]
pub struct NonceStoreOptions {
    /// The most nonces held at once; 100,000 by default (about 200 bytes each). The
    /// store is shared fairly between consumers: when it is full, the consumer that
    /// holds the most loses its oldest nonce and has its timestamps up to that one
    /// refused, so a flood from one consumer costs only that consumer. Size it as
    /// the peak request rate times `window + maxSkew` seconds (200 requests a second
    /// with the defaults: 120,000). 0 throws `invalid_option`.
    pub capacity: Option<i64>,
    /// How long a nonce is kept past its timestamp, in seconds; at least the
    /// verifier's `maxSkew`. 300 by default; 0 throws `invalid_option`.
    pub window: Option<i64>,
}

/// Remembers the nonces of verified requests in memory, bounded in size and
/// partitioned by consumer, so a request cannot be replayed within the allowed
/// clock skew (`nonce_used`). For one process; share one store between all
/// `verify` calls. `size` and `evicted` tell how full it is: a store that evicts
/// under honest load is too small.
#[napi]
pub struct NonceStore {
    inner: Arc<MemoryNonceStore>,
}

#[napi]
impl NonceStore {
    /// A store for `capacity` nonces kept `window` seconds each.
    /// Throws `invalid_option` for a capacity or window of 0.
    #[napi(constructor, ts_args_type = "options?: NonceStoreOptions")]
    pub fn new(env: Env, options: Option<Unknown>) -> napi::Result<Self> {
        new_store(options).map_err(|f| f.into_js(&env))
    }

    /// How many nonces are held now.
    #[napi(getter)]
    pub fn size(&self) -> i64 {
        i64::try_from(self.inner.len()).unwrap_or(i64::MAX)
    }

    /// The most nonces the store holds.
    #[napi(getter)]
    pub fn capacity(&self) -> i64 {
        i64::try_from(self.inner.capacity()).unwrap_or(i64::MAX)
    }

    /// How many nonces were evicted before their time since the store was made,
    /// each of which made its consumer's older timestamps refused.
    #[napi(getter)]
    pub fn evicted(&self) -> i64 {
        i64::try_from(self.inner.stats().evicted).unwrap_or(i64::MAX)
    }
}

fn new_store(options: Option<Unknown>) -> Outcome<NonceStore> {
    const WHAT: &str = "new NonceStore(options)";
    let (mut capacity, mut window) = (None, None);
    if let Some(options) =
        options.filter(|o| !matches!(o.get_type(), Ok(ValueType::Undefined | ValueType::Null)))
    {
        let fields = Fields::new(options, WHAT)?;
        fields.only(&["capacity", "window"])?;
        if let Some(c) = fields.integer("capacity")? {
            capacity = Some(usize::try_from(c).map_err(|_| {
                argument("new NonceStore: `capacity` must be a whole number, not negative")
            })?);
        }
        if let Some(w) = fields.integer("window")? {
            window = Some(u64::try_from(w).map_err(|_| {
                argument("new NonceStore: `window` must be a whole number, not negative")
            })?);
        }
    }
    let store = match (capacity, window) {
        (None, None) => MemoryNonceStore::default(),
        (capacity, window) => {
            // One of the two given: the other is the core's default.
            let defaults = MemoryNonceStore::default();
            MemoryNonceStore::new(
                capacity.unwrap_or(defaults.capacity()),
                window.unwrap_or(defaults.window()),
            )?
        }
    };
    Ok(NonceStore {
        inner: Arc::new(store),
    })
}
