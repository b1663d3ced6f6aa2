//! The server side: `verify(request)` with a JavaScript secrets lookup, the
//! `NonceStore` class, and the native half of a JavaScript nonce store (oauth1.js
//! asks the store and hands its answer to [`conclude_nonce`]).

use crate::args::{self, Fields};
use crate::error::{Failure, Outcome, argument, throwing, type_name};
use crate::keys;
use crate::signer::Signer;
use napi::ValueType;
use napi::bindgen_prelude::{
    ClassInstance, Env, External, FnArgs, FromNapiValue, Function, JsValue, Object, Unknown,
};
use napi_derive::napi;
use oauth1::{
    MemoryNonceStore, NonceCheck, NonceStoreUnavailable, ReceivedRequest, Secret, SignatureMethod,
    VerifyOptions,
};
use std::cell::RefCell;
use std::sync::Arc;

/// A request that verified, with what it was signed with.
#[napi(object, object_from_js = false)]
pub struct Verified {
    /// `oauth_consumer_key`.
    pub consumer_key: String,
    /// `oauth_token`, if the request carried one (absent only for a consumer that
    /// may sign without one).
    pub token: Option<String>,
    /// `oauth_signature_method`.
    #[napi(
        ts_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT' | 'RSA-SHA1' | 'RSA-SHA256' | 'RSA-SHA512'"
    )]
    pub signature_method: &'static str,
    /// `oauth_timestamp` (absent only for PLAINTEXT requests without one, which
    /// `requireTimestamp: false` must allow).
    pub timestamp: Option<i64>,
    /// `oauth_nonce` (absent only where `timestamp` is).
    pub nonce: Option<String>,
    /// The `realm` of the Authorization header, if any.
    pub realm: Option<String>,
    /// Where the protocol parameters were found.
    #[napi(ts_type = "'header' | 'query' | 'body'")]
    pub placement: &'static str,
    /// Whether an `oauth_body_hash` was checked against the body.
    pub body_hash_checked: bool,
    /// The signature base string the server computed.
    pub base_string: String,
    /// The server time the request was checked at, in seconds since the epoch: the
    /// `now` a nonce store is asked with.
    pub verified_at: i64,
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
const SECRETS_SHAPE: &str = "a Signer or an object { consumer(consumerKey) => ({ secret?, rsaPublicKey?, twoLegged? }) | null, tokenSecret(consumerKey, token) => string | null }";

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
    throwing(&env, || Ok(to_js(verify_inner(request)?.0)))
}

fn verify_inner(request: Unknown) -> Outcome<(oauth1::Verified, VerifyOptions)> {
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
                // The signer answers for its own consumer: an RSA signer with its
                // public key (section 3.4.3).
                oauth1::verify(&received, &*signer.inner, &options)?
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
    Ok((verified, options))
}

fn to_js(verified: oauth1::Verified) -> Verified {
    Verified {
        verified_at: i64::try_from(verified.verified_at).unwrap_or(i64::MAX),
        consumer_key: verified.consumer_key,
        token: verified.token,
        signature_method: verified.signature_method.name(),
        timestamp: verified.timestamp.and_then(|t| i64::try_from(t).ok()),
        nonce: verified.nonce,
        realm: verified.realm,
        placement: verified.placement.as_str(),
        body_hash_checked: verified.body_hash_checked,
        base_string: verified.base_string,
    }
}

/// Internal, for oauth1.js: verifies a request whose nonce store is a JavaScript
/// object (left out of `request`), returning the result and the core's own copy of it
/// for [`conclude_nonce`].
#[napi(js_name = "_verifyPending", skip_typescript)]
pub fn verify_pending(env: Env, request: Unknown) -> napi::Result<(Verified, Pending)> {
    throwing(&env, || {
        let (verified, options) = verify_inner(request)?;
        Ok((to_js(verified.clone()), External::new((verified, options))))
    })
}

/// A verified request waiting for its JavaScript nonce store's answer.
pub type Pending = External<(oauth1::Verified, VerifyOptions)>;

/// Internal, for oauth1.js: turns the store's answer (or what it threw, or the value
/// its promise rejected with) into the core's verdict: throws `nonce_used`,
/// `timestamp_refused` or `nonce_store_unavailable` (for a throw or an answer that is
/// not one of the three words: fail closed). A promise given to the synchronous
/// `verify` throws `invalid_argument`.
#[napi(js_name = "_concludeNonce", skip_typescript)]
pub fn conclude_nonce(
    env: Env,
    pending: &Pending,
    answer: Unknown,
    thrown: bool,
    sync: bool,
) -> napi::Result<()> {
    throwing(&env, || {
        let (verified, options) = &**pending;
        let outcome = store_answer(answer, thrown, sync)?;
        Ok(oauth1::nonce_verdict(outcome, verified, options)?)
    })
}

/// A JavaScript store's answer as the core's; anything but the three words is the
/// store being unavailable, with a reason naming what it threw or returned.
fn store_answer(
    answer: Unknown,
    thrown: bool,
    sync: bool,
) -> Outcome<Result<NonceCheck, NonceStoreUnavailable>> {
    let kind = answer.get_type()?;
    let unavailable = |reason: String| Ok(Err(NonceStoreUnavailable { reason }));
    if thrown {
        let text = |name: &str| -> Outcome<Option<String>> {
            if kind != ValueType::Object {
                return Ok(None);
            }
            let value = Object::from_unknown(answer)?.get::<Unknown>(name)?;
            match value {
                Some(v) if v.get_type()? == ValueType::String => Ok(Some(String::from_unknown(v)?)),
                _ => Ok(None),
            }
        };
        let what = match (text("name")?, text("message")?) {
            (Some(name), Some(message)) => format!("{name}: {message}"),
            (name, message) => name
                .or(message)
                .unwrap_or_else(|| type_name(kind).to_owned()),
        };
        return unavailable(format!("`nonceStore.checkAndInsert` failed: {what}"));
    }
    if sync && answer.is_promise()? {
        return Err(argument(
            "verify: `nonceStore.checkAndInsert` returned a promise; verify is synchronous, so use verifyAsync(request) with an asynchronous store",
        ));
    }
    if kind == ValueType::String {
        match String::from_unknown(answer)?.as_str() {
            "fresh" => return Ok(Ok(NonceCheck::Fresh)),
            "replayed" => return Ok(Ok(NonceCheck::Replayed)),
            "too_old" => return Ok(Ok(NonceCheck::TooOld)),
            _ => {}
        }
    }
    unavailable(format!(
        "`nonceStore.checkAndInsert` returned {}, not 'fresh', 'replayed' or 'too_old'",
        match kind {
            ValueType::String => "another string",
            _ => args::described(answer, kind)?,
        }
    ))
}

/// The key a shared nonce store (such as `RedisNonceStore`) records a nonce under:
/// `oauth1:nonce:` and 64 hex digits, the same in every language of this project, so
/// servers in different languages can share one Redis. Throws `invalid_argument` for
/// a timestamp that is not a non-negative integer.
#[napi(
    ts_args_type = "consumerKey: string, token: string | null | undefined, nonce: string, timestamp: number"
)]
pub fn nonce_store_key(
    env: Env,
    consumer_key: String,
    token: Option<String>,
    nonce: String,
    timestamp: f64,
) -> napi::Result<String> {
    throwing(&env, || {
        if !(timestamp >= 0.0 && timestamp.fract() == 0.0 && timestamp <= 9_007_199_254_740_991.0) {
            return Err(argument(
                "nonceStoreKey: `timestamp` must be a non-negative integer",
            ));
        }
        let key =
            oauth1::nonce_store_key(&consumer_key, token.as_deref(), &nonce, timestamp as u64);
        Ok(key)
    })
}

/// The core's options from the fields the caller gave; a field left out keeps the
/// core's default.
fn options(fields: &Fields) -> Outcome<VerifyOptions> {
    let mut options = VerifyOptions::default();
    if let Some(now) = fields.integer("now")? {
        options = options.now(oauth1::unix_seconds(now, "verify: `now`")?);
    }
    if let Some(skew) = fields.unsigned("maxSkew")? {
        options = options.max_skew(skew);
    }
    if let Some((value, _)) = fields.value("nonceStore")? {
        let store = ClassInstance::<NonceStore>::from_unknown(value)
            .map_err(|_| argument("verify(request): `nonceStore` must be a NonceStore or an object with checkAndInsert(consumerKey, token, nonce, timestamp, now)"))?;
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
        let answer = self
            .consumer
            .apply(self.this, (consumer_key.to_owned(),).into())?;
        let Some((answer, kind)) = args::positional(answer)? else {
            return Ok(None);
        };
        if kind != ValueType::Object || answer.is_array()? || answer.is_promise()? {
            let expected = "{ secret?, rsaPublicKey?, twoLegged? } or null";
            return Err(wrong_answer("consumer", expected, answer, kind)?);
        }
        const WHAT: &str = "the answer of `secrets.consumer`";
        let fields = Fields::new(answer, WHAT)?;
        fields.only(&["secret", "rsaPublicKey", "twoLegged"])?;
        let secret = fields.string("secret")?.map(Secret::new);
        let consumer = match (secret, keys::public_key(&fields, WHAT)?) {
            (Some(secret), None) => oauth1::Consumer::new(secret),
            (Some(secret), Some(key)) => oauth1::Consumer::new(secret).rsa_public_key(key),
            (None, Some(key)) => oauth1::Consumer::rsa(key),
            (None, None) => {
                return Err(argument(format!(
                    "{WHAT}: `secret` or `rsaPublicKey` is required (or both)"
                )));
            }
        };
        Ok(Some(match fields.boolean("twoLegged")? {
            Some(two_legged) => consumer.two_legged(two_legged),
            None => consumer,
        }))
    }

    fn try_token_secret(&self, consumer_key: &str, token: &str) -> Outcome<Option<Secret>> {
        let question = (consumer_key.to_owned(), token.to_owned());
        let answer = self.token_secret.apply(self.this, question.into())?;
        match args::positional(answer)? {
            None => Ok(None),
            Some((answer, ValueType::String)) => {
                Ok(Some(Secret::new(String::from_unknown(answer)?)))
            }
            Some((answer, kind)) => Err(wrong_answer(
                "tokenSecret",
                "a string or null",
                answer,
                kind,
            )?),
        }
    }
}

/// The error for an answer of the wrong shape; a promise gets its own message.
fn wrong_answer(
    question: &str,
    expected: &str,
    answer: Unknown,
    kind: ValueType,
) -> Outcome<Failure> {
    Ok(argument(if answer.is_promise()? {
        format!(
            "verify: `secrets.{question}` returned a promise; verify is synchronous, so look the secrets up before calling it and answer from memory"
        )
    } else {
        let got = args::described(answer, kind)?;
        format!("verify: `secrets.{question}` must return {expected}, got {got}")
    }))
}

impl oauth1::SecretLookup for JsSecrets<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<oauth1::Consumer> {
        self.ask(|| self.try_consumer(consumer_key))
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.ask(|| self.try_token_secret(consumer_key, token))
    }
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
        throwing(&env, || {
            let what = "new NonceStore(options)";
            let fields = Fields::optional(options, what, &["capacity", "window"])?;
            let given = |name| fields.as_ref().map_or(Ok(None), |f| f.unsigned(name));
            let defaults = MemoryNonceStore::default();
            let capacity = given("capacity")?.map(|c| usize::try_from(c).unwrap_or(usize::MAX));
            let store = MemoryNonceStore::new(
                capacity.unwrap_or(defaults.capacity()),
                given("window")?.unwrap_or(defaults.window()),
            )?;
            Ok(NonceStore {
                inner: Arc::new(store),
            })
        })
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
