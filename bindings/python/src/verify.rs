//! `oauth1.verify`, `oauth1.Verified`, `oauth1.Consumer` and `oauth1.NonceStore`:
//! the server side.

use crate::convert::{self, Body, repr_opt};
use crate::credentials::PyCredentials;
use crate::errors::IntoPyResult;
use crate::signer::PySigner;
use oauth1::{
    Consumer, Credentials, MemoryNonceStore, ReceivedRequest, Secret, SecretLookup,
    SignatureMethod, VerifyOptions,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use std::cell::RefCell;
use std::sync::Arc;

/// The shape `secrets=` must have, for `TypeError` messages.
const EXPECTED_SHAPE: &str = "secrets must be a Credentials, a Signer, or an object with \
     consumer(consumer_key) -> oauth1.Consumer | None and \
     token_secret(consumer_key, token) -> str | None methods";

/// What a server knows about one consumer: its secret, and whether it may sign
/// requests without a token (two-legged). Returned by a secret lookup's `consumer()`.
///
/// The secret is never shown by `repr()` and is zeroed when the object is freed.
#[pyclass(name = "Consumer", module = "oauth1", frozen)]
pub struct PyConsumer {
    inner: Consumer,
}

#[pymethods]
impl PyConsumer {
    /// A consumer with this secret; `two_legged=True` lets it send requests without
    /// `oauth_token`.
    #[new]
    #[pyo3(signature = (secret, *, two_legged=false))]
    fn new(secret: String, two_legged: bool) -> Self {
        PyConsumer {
            inner: Consumer::new(Secret::new(secret)).two_legged(two_legged),
        }
    }

    /// Whether this consumer may send requests without `oauth_token`.
    #[getter]
    fn two_legged(&self) -> bool {
        self.inner.two_legged
    }

    fn __repr__(&self) -> String {
        format!(
            "Consumer(secret='***', two_legged={})",
            if self.inner.two_legged {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// Where `verify` finds the secrets for the keys a request names.
enum Secrets<'py> {
    /// One set of credentials (a `Credentials` or a `Signer`).
    Fixed(Credentials),
    /// An object with `consumer(consumer_key)` and `token_secret(consumer_key, token)`.
    Object(Bound<'py, PyAny>),
}

/// Adapts a Python secret source to the core's [`SecretLookup`], keeping the first
/// Python exception it raises so that `verify` can re-raise it.
struct PyLookup<'py> {
    secrets: Secrets<'py>,
    failure: RefCell<Option<PyErr>>,
}

/// Whether `value` has a callable attribute `name`.
fn has_method(value: &Bound<'_, PyAny>, name: &str) -> PyResult<bool> {
    Ok(value.hasattr(name)? && value.getattr(name)?.is_callable())
}

impl<'py> PyLookup<'py> {
    fn new(value: &Bound<'py, PyAny>) -> PyResult<Self> {
        let secrets = if let Ok(c) = value.cast::<PyCredentials>() {
            Secrets::Fixed(c.get().inner.clone())
        } else if let Ok(s) = value.cast::<PySigner>() {
            Secrets::Fixed(s.get().inner.credentials().clone())
        } else if has_method(value, "consumer")? && has_method(value, "token_secret")? {
            Secrets::Object(value.clone())
        } else {
            let type_name = value.get_type().name()?;
            // The removed shapes get a pointer to the new one.
            let hint = if has_method(value, "consumer_secret")? {
                "; consumer_secret() was replaced by consumer(), which returns an oauth1.Consumer"
            } else if value.is_callable() {
                "; a callable cannot answer both questions (and whether a consumer may sign without a token), so it is no longer accepted"
            } else {
                ""
            };
            return Err(PyTypeError::new_err(format!(
                "{EXPECTED_SHAPE}, not {type_name}{hint}"
            )));
        };
        Ok(PyLookup {
            secrets,
            failure: RefCell::new(None),
        })
    }

    /// Keeps the first Python exception raised while answering.
    fn fail<T>(&self, err: PyErr) -> Option<T> {
        self.failure.borrow_mut().get_or_insert(err);
        None
    }

    /// The Python type name of a returned value, for `TypeError` messages.
    fn type_name(value: &Bound<'_, PyAny>) -> String {
        value
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    }
}

impl SecretLookup for PyLookup<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        let object = match &self.secrets {
            Secrets::Fixed(c) => return c.consumer(consumer_key),
            Secrets::Object(o) => o,
        };
        let answer = match object.call_method1("consumer", (consumer_key,)) {
            Ok(answer) => answer,
            Err(e) => return self.fail(e),
        };
        if answer.is_none() {
            return None;
        }
        match answer.cast::<PyConsumer>() {
            Ok(c) => Some(c.get().inner.clone()),
            Err(_) => self.fail(PyTypeError::new_err(format!(
                "consumer() must return an oauth1.Consumer or None, not {}",
                Self::type_name(&answer)
            ))),
        }
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        let object = match &self.secrets {
            Secrets::Fixed(c) => return c.token_secret(consumer_key, token),
            Secrets::Object(o) => o,
        };
        let answer = match object.call_method1("token_secret", (consumer_key, token)) {
            Ok(answer) => answer,
            Err(e) => return self.fail(e),
        };
        match answer.extract::<Option<String>>() {
            // Moved into a Secret at once, which zeroes it when dropped.
            Ok(secret) => secret.map(Secret::new),
            Err(_) => self.fail(PyTypeError::new_err(format!(
                "token_secret() must return str or None, not {}",
                Self::type_name(&answer)
            ))),
        }
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
    /// timestamp; `window` should be at least `verify`'s `max_skew`. A capacity or
    /// window of 0 raises `InvalidOptionError`.
    #[new]
    #[pyo3(signature = (capacity=100_000, window=300))]
    fn new(py: Python<'_>, capacity: usize, window: u64) -> PyResult<Self> {
        Ok(PyNonceStore {
            inner: Arc::new(MemoryNonceStore::new(capacity, window).py(py)?),
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
#[pyclass(name = "Verified", module = "oauth1", frozen, get_all)]
pub struct PyVerified {
    /// `oauth_consumer_key`.
    consumer_key: String,
    /// `oauth_token`; `None` only for a consumer allowed to sign without one.
    token: Option<String>,
    /// `oauth_signature_method`, such as `"HMAC-SHA1"`.
    signature_method: &'static str,
    /// `oauth_timestamp` (absent only for PLAINTEXT requests that omit it, which
    /// `require_timestamp=False` must allow).
    timestamp: Option<u64>,
    /// `oauth_nonce` (absent only where `timestamp` is).
    nonce: Option<String>,
    /// The `realm` of the Authorization header, if any.
    realm: Option<String>,
    /// Where the protocol parameters were found: `"header"`, `"query"` or `"body"`.
    placement: &'static str,
    /// Whether an `oauth_body_hash` was checked against the body.
    body_hash_checked: bool,
    /// The signature base string the server computed.
    base_string: String,
}

#[pymethods]
impl PyVerified {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Verified(consumer_key={}, token={}, signature_method={}, placement={})",
            repr_opt(py, Some(&self.consumer_key))?,
            repr_opt(py, self.token.as_deref())?,
            repr_opt(py, Some(self.signature_method))?,
            repr_opt(py, Some(self.placement))?,
        ))
    }
}

/// The verification options the caller gave; `None` leaves the core's default.
struct Options<'a, 'py> {
    now: Option<i64>,
    max_skew: Option<u64>,
    nonce_store: Option<&'a PyRef<'py, PyNonceStore>>,
    signature_methods: Option<&'a [PyBackedStr]>,
    allow_plaintext_over_http: Option<bool>,
    require_timestamp: Option<bool>,
    require_body_hash: Option<bool>,
    hide_unknown_keys: Option<bool>,
}

impl Options<'_, '_> {
    /// The core's options: only what was given is set, so no default is restated here.
    fn build(self, py: Python<'_>) -> PyResult<VerifyOptions> {
        let mut options = VerifyOptions::default();
        if let Some(now) = self.now {
            options = options.now(oauth1::unix_seconds(now, "now").py(py)?);
        }
        if let Some(max_skew) = self.max_skew {
            options = options.max_skew(max_skew);
        }
        if let Some(store) = self.nonce_store {
            options = options.nonce_store(store.inner.clone());
        }
        if let Some(names) = self.signature_methods {
            let methods = names
                .iter()
                .map(|n| convert::signature_method(py, n))
                .collect::<PyResult<Vec<SignatureMethod>>>()?;
            options = options.signature_methods(methods).py(py)?;
        }
        if let Some(allow) = self.allow_plaintext_over_http {
            options = options.allow_plaintext_over_http(allow);
        }
        if let Some(require) = self.require_timestamp {
            options = options.require_timestamp(require);
        }
        if let Some(require) = self.require_body_hash {
            options = options.require_body_hash(require);
        }
        if let Some(hide) = self.hide_unknown_keys {
            options = options.hide_unknown_keys(hide);
        }
        Ok(options)
    }
}

/// Verifies a signed request as received (RFC 5849 section 3.2); raises a
/// `VerificationError` subclass naming the OAuth problem when it fails.
#[pyfunction]
#[pyo3(signature = (
    method, url, *, authorization=None, body=None, content_type=None, secrets,
    now=None, max_skew=None, nonce_store=None, signature_methods=None,
    allow_plaintext_over_http=None, require_timestamp=None, require_body_hash=None,
    hide_unknown_keys=None
))]
#[allow(clippy::too_many_arguments)] // the Python keyword arguments, one each
pub fn verify(
    py: Python<'_>,
    method: PyBackedStr,
    url: PyBackedStr,
    authorization: Option<PyBackedStr>,
    body: Option<&Bound<'_, PyAny>>,
    content_type: Option<PyBackedStr>,
    secrets: &Bound<'_, PyAny>,
    now: Option<i64>,
    max_skew: Option<u64>,
    nonce_store: Option<PyRef<'_, PyNonceStore>>,
    signature_methods: Option<Vec<PyBackedStr>>,
    allow_plaintext_over_http: Option<bool>,
    require_timestamp: Option<bool>,
    require_body_hash: Option<bool>,
    hide_unknown_keys: Option<bool>,
) -> PyResult<PyVerified> {
    let lookup = PyLookup::new(secrets)?;
    let body = convert::optional_body(body)?;
    let options = Options {
        now,
        max_skew,
        nonce_store: nonce_store.as_ref(),
        signature_methods: signature_methods.as_deref(),
        allow_plaintext_over_http,
        require_timestamp,
        require_body_hash,
        hide_unknown_keys,
    }
    .build(py)?;
    let request = ReceivedRequest {
        method: &method,
        url: &url,
        authorization: authorization.as_deref(),
        body: body.as_ref().map(Body::as_bytes),
        content_type: content_type.as_deref(),
    };
    let result = oauth1::verify(&request, &lookup, &options);
    if let Some(e) = lookup.failure.take() {
        return Err(e);
    }
    let v = result.py(py)?;
    Ok(PyVerified {
        consumer_key: v.consumer_key,
        token: v.token,
        signature_method: v.signature_method.name(),
        timestamp: v.timestamp,
        nonce: v.nonce,
        realm: v.realm,
        placement: convert::placement_name(v.placement),
        body_hash_checked: v.body_hash_checked,
        base_string: v.base_string,
    })
}
