//! `oauth1.verify`, `oauth1.Verified`, `oauth1.Consumer` and `oauth1.NonceStore`:
//! the server side (stores written in Python are adapted in `stores.rs`).

use crate::convert::{self, Body, repr_opt};
use crate::credentials::PyCredentials;
use crate::errors::IntoPyResult;
use crate::keys;
use crate::signer::PySigner;
use crate::stores::PyStore;
use oauth1::{
    Consumer, Error, MemoryNonceStore, ReceivedRequest, RsaPublicKey, Secret, SecretLookup,
    SignatureMethod, Verified, VerifyOptions,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use std::cell::RefCell;
use std::sync::Arc;

/// Sets an option only where the caller gave it, so no default is restated here.
trait SetGiven: Sized {
    fn given<T>(self, value: Option<T>, set: impl FnOnce(Self, T) -> Self) -> Self {
        match value {
            Some(value) => set(self, value),
            None => self,
        }
    }
}

impl SetGiven for VerifyOptions {}
impl SetGiven for Consumer {}

/// What a server knows about one consumer: its secret, its RSA public key (RFC 5849
/// section 3.4.3), or both, and whether it may sign requests without a token
/// (two-legged). Returned by a secret lookup's `consumer()`.
///
/// The secret is never shown by `repr()` and is zeroed when the object is freed.
#[pyclass(name = "Consumer", module = "oauth1", frozen)]
pub struct PyConsumer {
    inner: Consumer,
}

#[pymethods]
impl PyConsumer {
    /// A consumer with this secret and/or RSA public key (at least one); a consumer
    /// without a secret is refused the HMAC methods and PLAINTEXT, one without a key
    /// the RSA methods. `two_legged=True` lets it send requests without `oauth_token`
    /// (`None` leaves the core's default, which does not).
    #[new]
    #[pyo3(signature = (secret=None, *, rsa_public_key=None, two_legged=None))]
    fn new(
        py: Python<'_>,
        secret: Option<String>,
        #[pyo3(from_py_with = keys::public_key)] rsa_public_key: Option<RsaPublicKey>,
        two_legged: Option<bool>,
    ) -> PyResult<Self> {
        let consumer = match (secret, rsa_public_key) {
            (Some(secret), key) => Consumer::new(secret).given(key, Consumer::rsa_public_key),
            (None, Some(key)) => Consumer::rsa(key),
            (None, None) => {
                let reason = "an oauth1.Consumer needs its secret, its rsa_public_key, or both";
                return Err(Error::InvalidCredentials {
                    reason: reason.into(),
                })
                .py(py);
            }
        };
        Ok(PyConsumer {
            inner: consumer.given(two_legged, Consumer::two_legged),
        })
    }

    /// Whether this consumer may send requests without `oauth_token`.
    #[getter]
    fn two_legged(&self) -> bool {
        self.inner.two_legged
    }

    fn __repr__(&self) -> String {
        let c = &self.inner;
        let secret = if c.secret.is_some() { "'***'" } else { "None" };
        let key = c.rsa_public_key.as_ref().map(|k| format!("{k:?}"));
        let two_legged = if c.two_legged { "True" } else { "False" };
        format!(
            "Consumer(secret={secret}, rsa_public_key={}, two_legged={two_legged})",
            key.as_deref().unwrap_or("None")
        )
    }
}

/// Adapts a Python object with `consumer(consumer_key)` and
/// `token_secret(consumer_key, token)` to the core's [`SecretLookup`], keeping the
/// first Python exception it raises so that `verify` can re-raise it.
struct PyLookup<'py> {
    object: Bound<'py, PyAny>,
    failure: RefCell<Option<PyErr>>,
}

/// Whether `value` has a callable attribute `name`.
fn has_method(value: &Bound<'_, PyAny>, name: &str) -> PyResult<bool> {
    Ok(value.hasattr(name)? && value.getattr(name)?.is_callable())
}

impl<'py> PyLookup<'py> {
    fn new(object: &Bound<'py, PyAny>) -> PyResult<Self> {
        if !(has_method(object, "consumer")? && has_method(object, "token_secret")?) {
            let type_name = object.get_type().name()?;
            // The removed shapes get a pointer to the new one.
            let hint = if has_method(object, "consumer_secret")? {
                "; consumer_secret() was replaced by consumer(), which returns an oauth1.Consumer"
            } else if object.is_callable() {
                "; a callable cannot answer both questions (and whether a consumer may sign without a token), so it is no longer accepted"
            } else {
                ""
            };
            return Err(PyTypeError::new_err(format!(
                "secrets must be a Credentials, a Signer, or an object with \
                 consumer(consumer_key) -> oauth1.Consumer | None and \
                 token_secret(consumer_key, token) -> str | None methods, not {type_name}{hint}"
            )));
        }
        Ok(PyLookup {
            object: object.clone(),
            failure: RefCell::new(None),
        })
    }

    /// Asks one question; keeps the first Python exception raised while answering.
    fn ask<T>(&self, question: impl FnOnce() -> PyResult<Option<T>>) -> Option<T> {
        question().unwrap_or_else(|err| {
            self.failure.borrow_mut().get_or_insert(err);
            None
        })
    }
}

/// The `TypeError` for an answer of the wrong type.
fn wrong_answer(question: &str, expected: &str, answer: &Bound<'_, PyAny>) -> PyResult<PyErr> {
    let type_name = answer.get_type().name()?;
    let message = format!("{question} must return {expected} or None, not {type_name}");
    Ok(PyTypeError::new_err(message))
}

impl SecretLookup for PyLookup<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        self.ask(|| {
            let answer = self.object.call_method1("consumer", (consumer_key,))?;
            match answer.cast::<PyConsumer>() {
                Ok(c) => Ok(Some(c.get().inner.clone())),
                Err(_) if answer.is_none() => Ok(None),
                Err(_) => Err(wrong_answer("consumer()", "an oauth1.Consumer", &answer)?),
            }
        })
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.ask(|| {
            let answer = self
                .object
                .call_method1("token_secret", (consumer_key, token))?;
            match answer.extract::<Option<String>>() {
                // Moved into a Secret at once, which zeroes it when dropped.
                Ok(secret) => Ok(secret.map(Secret::new)),
                Err(_) => Err(wrong_answer("token_secret()", "str", &answer)?),
            }
        })
    }
}

/// Remembers nonces in memory so that a request cannot be replayed (RFC 5849
/// section 3.3); bounded, partitioned by consumer, thread-safe, for one process.
#[pyclass(name = "NonceStore", module = "oauth1", frozen)]
pub struct PyNonceStore {
    inner: Arc<MemoryNonceStore>,
}

#[pymethods]
impl PyNonceStore {
    /// A store for at most `capacity` nonces, each kept `window` seconds past its
    /// timestamp; `window` should be at least `verify`'s `max_skew`. `None` leaves
    /// the core's default; a capacity or window of 0 raises `InvalidOptionError`.
    #[new]
    #[pyo3(signature = (capacity=None, window=None))]
    fn new(py: Python<'_>, capacity: Option<usize>, window: Option<u64>) -> PyResult<Self> {
        let default = MemoryNonceStore::default();
        let capacity = capacity.unwrap_or(default.capacity());
        let store = MemoryNonceStore::new(capacity, window.unwrap_or(default.window()));
        Ok(PyNonceStore {
            inner: Arc::new(store.py(py)?),
        })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The most nonces the store holds.
    #[getter]
    fn capacity(&self) -> usize {
        self.inner.capacity()
    }

    /// How long an entry is kept past its timestamp, in seconds.
    #[getter]
    fn window(&self) -> u64 {
        self.inner.window()
    }

    /// How many entries were evicted before their time because the store was full;
    /// a store that evicts under honest load is too small.
    #[getter]
    fn evicted(&self) -> u64 {
        self.inner.stats().evicted
    }

    fn __repr__(&self) -> String {
        let stats = self.inner.stats();
        format!(
            "NonceStore(len={}, capacity={}, window={}, evicted={})",
            stats.len,
            stats.capacity,
            self.inner.window(),
            stats.evicted
        )
    }
}

/// A request that verified, with what it was signed with.
#[pyclass(name = "Verified", module = "oauth1", frozen)]
pub struct PyVerified {
    /// The core's answer, which `oauth1.verify_async` hands back for the nonce verdict.
    pub inner: Verified,
}

#[pymethods]
impl PyVerified {
    /// `oauth_consumer_key`.
    #[getter]
    fn consumer_key(&self) -> &str {
        &self.inner.consumer_key
    }

    /// `oauth_token`; `None` only for a consumer allowed to sign without one.
    #[getter]
    fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }

    /// `oauth_signature_method`, such as `"HMAC-SHA1"`.
    #[getter]
    fn signature_method(&self) -> &'static str {
        self.inner.signature_method.name()
    }

    /// `oauth_timestamp` (absent only for PLAINTEXT requests that omit it, which
    /// `require_timestamp=False` must allow).
    #[getter]
    fn timestamp(&self) -> Option<u64> {
        self.inner.timestamp
    }

    /// `oauth_nonce` (absent only where `timestamp` is).
    #[getter]
    fn nonce(&self) -> Option<&str> {
        self.inner.nonce.as_deref()
    }

    /// The `realm` of the Authorization header, if any.
    #[getter]
    fn realm(&self) -> Option<&str> {
        self.inner.realm.as_deref()
    }

    /// Where the protocol parameters were found: `"header"`, `"query"` or `"body"`.
    #[getter]
    fn placement(&self) -> &'static str {
        self.inner.placement.as_str()
    }

    /// Whether an `oauth_body_hash` was checked against the body.
    #[getter]
    fn body_hash_checked(&self) -> bool {
        self.inner.body_hash_checked
    }

    /// The server time the request was checked at (seconds since the epoch): the
    /// `now` a nonce store is asked with.
    #[getter]
    fn verified_at(&self) -> u64 {
        self.inner.verified_at
    }

    /// The signature base string the server computed.
    #[getter]
    fn base_string(&self) -> &str {
        &self.inner.base_string
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Verified(consumer_key={}, token={}, signature_method={}, placement={})",
            repr_opt(py, Some(self.consumer_key()))?,
            repr_opt(py, self.token())?,
            repr_opt(py, Some(self.signature_method()))?,
            repr_opt(py, Some(self.placement()))?,
        ))
    }
}

/// `nonce_store`: the built-in memory store, or a Python object with `check_and_insert`.
pub enum StoreArg {
    /// An `oauth1.NonceStore`.
    Memory(Arc<MemoryNonceStore>),
    /// Any other object: a store written in Python.
    Python(Arc<PyStore>),
}

/// Reads `nonce_store`; an object without `check_and_insert` is a `TypeError`.
fn nonce_store(value: &Bound<'_, PyAny>) -> PyResult<Option<StoreArg>> {
    if value.is_none() {
        return Ok(None);
    }
    Ok(Some(match value.cast::<PyNonceStore>() {
        Ok(memory) => StoreArg::Memory(memory.get().inner.clone()),
        Err(_) => StoreArg::Python(Arc::new(PyStore::new(value)?)),
    }))
}

/// `signature_methods`: a sequence of names (a `str` alone is a `TypeError`).
fn methods(value: &Bound<'_, PyAny>) -> PyResult<Option<Vec<SignatureMethod>>> {
    let names: Option<Vec<PyBackedStr>> = value.extract()?;
    let parsed = names.map(|names| names.iter().map(|n| n.parse()).collect());
    parsed.transpose().py(value.py())
}

/// Verifies a signed request as received (RFC 5849 section 3.2); raises a
/// `VerificationError` subclass naming the OAuth problem when it fails.
/// `nonce_store` is an `oauth1.NonceStore` or a Python object with
/// `check_and_insert` (such as `oauth1.RedisNonceStore`); one that cannot answer
/// raises `NonceStoreUnavailableError` (fail closed).
#[pyfunction]
#[pyo3(signature = (
    method, url, *, authorization=None, body=None, content_type=None, secrets,
    now=None, max_skew=None, nonce_store=None, signature_methods=None,
    allow_plaintext_over_http=None, require_timestamp=None, require_body_hash=None,
    hide_unknown_keys=None
))]
pub fn verify(
    py: Python<'_>,
    method: PyBackedStr,
    url: PyBackedStr,
    authorization: Option<PyBackedStr>,
    #[pyo3(from_py_with = convert::body)] body: Option<Body>,
    content_type: Option<PyBackedStr>,
    secrets: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = convert::now)] now: Option<u64>,
    max_skew: Option<u64>,
    #[pyo3(from_py_with = nonce_store)] nonce_store: Option<StoreArg>,
    #[pyo3(from_py_with = methods)] signature_methods: Option<Vec<SignatureMethod>>,
    allow_plaintext_over_http: Option<bool>,
    require_timestamp: Option<bool>,
    require_body_hash: Option<bool>,
    hide_unknown_keys: Option<bool>,
) -> PyResult<PyVerified> {
    let mut options = VerifyOptions::default()
        .given(now, VerifyOptions::now)
        .given(max_skew, VerifyOptions::max_skew)
        .given(
            allow_plaintext_over_http,
            VerifyOptions::allow_plaintext_over_http,
        )
        .given(require_timestamp, VerifyOptions::require_timestamp)
        .given(require_body_hash, VerifyOptions::require_body_hash)
        .given(hide_unknown_keys, VerifyOptions::hide_unknown_keys);
    let python_store = match nonce_store {
        Some(StoreArg::Memory(store)) => {
            options = options.nonce_store(store);
            None
        }
        Some(StoreArg::Python(store)) => {
            options = options.nonce_store(store.clone());
            Some(store)
        }
        None => None,
    };
    if let Some(methods) = signature_methods {
        options = options.signature_methods(methods).py(py)?;
    }
    let request = ReceivedRequest {
        method: &method,
        url: &url,
        authorization: authorization.as_deref(),
        body: body.as_ref().map(Body::as_bytes),
        content_type: content_type.as_deref(),
    };
    // One consumer's secrets (a `Signer`, which knows its RSA public key, or a
    // `Credentials`), or a lookup object.
    let v = if let Ok(signer) = secrets.cast::<PySigner>() {
        oauth1::verify(&request, &signer.get().inner, &options)
    } else if let Ok(credentials) = secrets.cast::<PyCredentials>() {
        oauth1::verify(&request, &credentials.get().inner, &options)
    } else {
        let lookup = PyLookup::new(secrets)?;
        let result = oauth1::verify(&request, &lookup, &options);
        if let Some(e) = lookup.failure.take() {
            return Err(e);
        }
        result
    };
    // A store interrupted by Ctrl-C (or SystemExit) re-raises that, not a 503.
    if let Some(interrupt) = python_store.and_then(|s| s.take_interrupt()) {
        return Err(interrupt);
    }
    Ok(PyVerified { inner: v.py(py)? })
}
