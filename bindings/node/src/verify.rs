//! The server side: `verify(request)` with a JavaScript secrets lookup, and the
//! `NonceStore` class.

use crate::args::Fields;
use crate::error::{Failure, Outcome, argument, type_name};
use crate::signer::Signer;
use napi::ValueType;
use napi::bindgen_prelude::{ClassInstance, Env, FnArgs, FromNapiValue, Function, Unknown};
use napi_derive::napi;
use oauth1::{
    MemoryNonceStore, ReceivedRequest, Secret, SecretLookup, SignatureMethod, VerifyOptions,
};
use std::cell::RefCell;

/// A signed request as a server received it, and how to check it.
#[napi(object, object_to_js = false)]
pub struct VerifyRequest {
    /// The HTTP method.
    pub method: String,
    /// The full URL as the client addressed it, query included (behind a proxy,
    /// rebuild it from `X-Forwarded-Proto`/`Host`).
    pub url: String,
    /// The `Authorization` header value, if any (the protocol parameters may also
    /// be in the query or a form body).
    pub authorization: Option<String>,
    /// The body as received.
    #[napi(ts_type = "string | Uint8Array | ArrayBuffer | null")]
    pub body: Option<String>,
    /// The body's Content-Type.
    pub content_type: Option<String>,
    /// Finds the secrets for the keys the request names: a function
    /// `(consumerKey, token) => ({ consumerSecret, tokenSecret }) | null`, or a
    /// `Signer` whose credentials are the only ones accepted. The function is called
    /// with `token` `null` to look up the consumer and, when the request names a
    /// token, again with the token; answer `null` (or leave `tokenSecret` out) for
    /// an unknown consumer key (`consumer_key_unknown`) or token (`token_rejected`).
    #[napi(
        ts_type = "((consumerKey: string, token: string | null) => Secrets | null | undefined) | Signer"
    )]
    pub secrets: String,
    /// The server's time in seconds since the epoch; the clock by default.
    pub now: Option<i64>,
    /// How far `oauth_timestamp` may be from `now`, in seconds; 300 by default.
    pub max_skew: Option<i64>,
    /// Remembers nonces so a request cannot be replayed (`nonce_used`).
    #[napi(ts_type = "NonceStore")]
    pub nonce_store: Option<String>,
    /// The signature methods accepted; all four by default.
    #[napi(ts_type = "Array<'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT'>")]
    pub signature_methods: Option<Vec<String>>,
}

/// What a `secrets` function answers.
#[napi(object, object_to_js = false)]
pub struct Secrets {
    /// The consumer secret for the consumer key.
    pub consumer_secret: String,
    /// The token secret for the token, when the lookup was asked about one.
    pub token_secret: Option<String>,
}

/// A request that verified, with what it was signed with.
#[napi(object, object_from_js = false)]
pub struct Verified {
    /// `oauth_consumer_key`.
    pub consumer_key: String,
    /// `oauth_token`, if the request carried one.
    pub token: Option<String>,
    /// `oauth_signature_method`.
    #[napi(ts_type = "'HMAC-SHA1' | 'HMAC-SHA256' | 'HMAC-SHA512' | 'PLAINTEXT'")]
    pub signature_method: String,
    /// `oauth_timestamp` (absent only for PLAINTEXT requests without one).
    pub timestamp: Option<i64>,
    /// `oauth_nonce` (absent only for PLAINTEXT requests without one).
    pub nonce: Option<String>,
    /// The `realm` of the Authorization header, if any.
    pub realm: Option<String>,
    /// Where the protocol parameters were found.
    #[napi(ts_type = "'header' | 'query' | 'body'")]
    pub placement: String,
    /// The signature base string the server computed.
    pub base_string: String,
}

const VERIFY_FIELDS: [&str; 10] = [
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
];

/// Verifies a signed request (RFC 5849 section 3.2) and returns what it was signed
/// with. A request that fails throws an `Error` whose `code` is the OAuth problem
/// (`signature_invalid`, `timestamp_refused`, `nonce_used`, `parameter_absent`,
/// `parameter_rejected`, `signature_method_rejected`, `consumer_key_unknown`,
/// `token_rejected`, `version_rejected`) with `problem` and `wwwAuthenticate` set;
/// input that cannot be read at all throws `invalid_argument`, `invalid_url`,
/// `invalid_method` or `malformed_header`. An exception thrown by `secrets` passes through.
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
    // Copied: the `secrets` function runs JavaScript, which could detach the buffer.
    let body: Option<Vec<u8>> = fields.body("body")?.map(|b| b.bytes().to_vec());
    let content_type = fields.string("contentType")?;
    let now = match fields.integer("now")? {
        None => None,
        Some(n) => {
            Some(u64::try_from(n).map_err(|_| argument("verify: `now` must not be negative"))?)
        }
    };
    let max_skew = match fields.integer("maxSkew")? {
        None => 300,
        Some(n) => {
            u64::try_from(n).map_err(|_| argument("verify: `maxSkew` must not be negative"))?
        }
    };
    let nonce_store = match fields.value("nonceStore")? {
        None => None,
        Some((value, _)) => Some(
            ClassInstance::<NonceStore>::from_unknown(value)
                .map_err(|_| argument("verify(request): `nonceStore` must be a NonceStore"))?,
        ),
    };
    let methods: Vec<SignatureMethod> = match fields.strings("signatureMethods")? {
        None => SignatureMethod::ALL.to_vec(),
        Some(names) => names
            .iter()
            .map(|n| n.parse::<SignatureMethod>())
            .collect::<Result<_, _>>()?,
    };
    let Some((secrets, kind)) = fields.value("secrets")? else {
        return Err(argument("verify(request): `secrets` is required"));
    };

    let mut received = ReceivedRequest::new(&method, &url);
    received.authorization = authorization.as_deref();
    received.body = body.as_deref();
    received.content_type = content_type.as_deref();
    let options = VerifyOptions {
        now,
        max_skew,
        nonce_store: nonce_store
            .as_ref()
            .map(|s| &s.inner as &dyn oauth1::NonceStore),
        signature_methods: &methods,
    };

    let verified = if kind == ValueType::Function {
        let lookup = JsSecrets {
            function: Function::from_unknown(secrets)?,
            failure: RefCell::new(None),
        };
        let result = oauth1::verify(&received, &lookup, &options);
        if let Some(failure) = lookup.failure.into_inner() {
            return Err(failure);
        }
        result?
    } else if let Ok(signer) = ClassInstance::<Signer>::from_unknown(secrets) {
        oauth1::verify(&received, signer.inner.credentials(), &options)?
    } else {
        return Err(argument(format!(
            "verify(request): `secrets` must be a function or a Signer, got {}",
            type_name(kind)
        )));
    };
    Ok(Verified {
        consumer_key: verified.consumer_key,
        token: verified.token,
        signature_method: verified.signature_method.name().to_owned(),
        timestamp: verified.timestamp.and_then(|t| i64::try_from(t).ok()),
        nonce: verified.nonce,
        realm: verified.realm,
        placement: match verified.placement {
            oauth1::Placement::Query => "query",
            oauth1::Placement::Body => "body",
            _ => "header",
        }
        .to_owned(),
        base_string: verified.base_string,
    })
}

/// A `secrets` function as the core's [`SecretLookup`]. The first exception it
/// throws (or the first answer of the wrong shape) is kept and rethrown after
/// verification, instead of being reported as an unknown key.
struct JsSecrets<'e> {
    function: Function<'e, FnArgs<(String, Option<String>)>, Unknown<'e>>,
    failure: RefCell<Option<Failure>>,
}

impl JsSecrets<'_> {
    /// Calls the function and reads one string field of its answer.
    fn ask(&self, consumer_key: &str, token: Option<&str>, field: &str) -> Option<Secret> {
        if self.failure.borrow().is_some() {
            return None;
        }
        match self.try_ask(consumer_key, token, field) {
            Ok(secret) => secret,
            Err(failure) => {
                *self.failure.borrow_mut() = Some(failure);
                None
            }
        }
    }

    fn try_ask(
        &self,
        consumer_key: &str,
        token: Option<&str>,
        field: &str,
    ) -> Outcome<Option<Secret>> {
        let answer = self
            .function
            .call((consumer_key.to_owned(), token.map(str::to_owned)).into())?;
        let kind = answer.get_type()?;
        if matches!(kind, ValueType::Undefined | ValueType::Null) {
            return Ok(None);
        }
        if kind != ValueType::Object {
            return Err(argument(format!(
                "verify: `secrets` must return an object or null, got {}",
                type_name(kind)
            )));
        }
        let fields = Fields::new(answer, "the answer of `secrets`")?;
        Ok(fields.string(field)?.map(Secret::new))
    }
}

impl SecretLookup for JsSecrets<'_> {
    fn consumer_secret(&self, consumer_key: &str) -> Option<Secret> {
        self.ask(consumer_key, None, "consumerSecret")
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.ask(consumer_key, Some(token), "tokenSecret")
    }
}

/// Options of `new NonceStore(options)`.
#[napi(object, object_to_js = false)]
pub struct NonceStoreOptions {
    /// The most nonces held at once; 100,000 by default. When full of nonces still
    /// inside the window, the oldest is evicted and older timestamps are refused.
    pub capacity: Option<i64>,
    /// How long a nonce is kept past its timestamp, in seconds; at least the
    /// verifier's `maxSkew`. 300 by default.
    pub window: Option<i64>,
}

/// Remembers the nonces of verified requests in memory, bounded in size, so a
/// request cannot be replayed within the allowed clock skew (`nonce_used`).
/// For one process; share one store between all `verify` calls.
#[napi]
pub struct NonceStore {
    inner: MemoryNonceStore,
}

#[napi]
impl NonceStore {
    /// A store for `capacity` nonces kept `window` seconds each.
    #[napi(constructor, ts_args_type = "options?: NonceStoreOptions")]
    pub fn new(env: Env, options: Option<Unknown>) -> napi::Result<Self> {
        new_store(options).map_err(|f| f.into_js(&env))
    }

    /// How many nonces are held now.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
}

fn new_store(options: Option<Unknown>) -> Outcome<NonceStore> {
    let (mut capacity, mut window) = (100_000, 300);
    if let Some(options) =
        options.filter(|o| !matches!(o.get_type(), Ok(ValueType::Undefined | ValueType::Null)))
    {
        let fields = Fields::new(options, "new NonceStore(options)")?;
        fields.only(&["capacity", "window"])?;
        if let Some(c) = fields.integer("capacity")? {
            capacity = usize::try_from(c).ok().filter(|&c| c > 0).ok_or_else(|| {
                argument("new NonceStore: `capacity` must be a positive whole number")
            })?;
        }
        if let Some(w) = fields.integer("window")? {
            window = u64::try_from(w)
                .map_err(|_| argument("new NonceStore: `window` must not be negative"))?;
        }
    }
    Ok(NonceStore {
        inner: MemoryNonceStore::new(capacity, window),
    })
}
