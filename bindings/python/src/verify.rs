//! `oauth1.verify`, `oauth1.Verified` and `oauth1.NonceStore`: the server side.

use crate::convert::{self, Body, repr_opt};
use crate::credentials::PyCredentials;
use crate::errors::IntoPyResult;
use crate::signer::PySigner;
use oauth1::{
    Credentials, MemoryNonceStore, ReceivedRequest, Secret, SecretLookup, SignatureMethod,
    VerifyOptions,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use std::cell::RefCell;

/// Where `verify` finds the secrets for the keys a request names.
enum Secrets<'py> {
    /// One set of credentials (a `Credentials` or a `Signer`).
    Fixed(Credentials),
    /// An object with `consumer_secret(consumer_key)` and
    /// `token_secret(consumer_key, token)` methods.
    Object(Bound<'py, PyAny>),
    /// A callable `(consumer_key, token_or_None) -> secret_or_None`.
    Function(Bound<'py, PyAny>),
}

/// Adapts a Python secret source to the core's [`SecretLookup`], keeping the first
/// Python exception it raises so that `verify` can re-raise it.
struct PyLookup<'py> {
    secrets: Secrets<'py>,
    failure: RefCell<Option<PyErr>>,
}

impl<'py> PyLookup<'py> {
    fn new(value: &Bound<'py, PyAny>) -> PyResult<Self> {
        let secrets = if let Ok(c) = value.cast::<PyCredentials>() {
            Secrets::Fixed(c.get().inner.clone())
        } else if let Ok(s) = value.cast::<PySigner>() {
            Secrets::Fixed(s.get().inner.credentials().clone())
        } else if value.hasattr("consumer_secret")? && value.hasattr("token_secret")? {
            Secrets::Object(value.clone())
        } else if value.is_callable() {
            Secrets::Function(value.clone())
        } else {
            return Err(PyTypeError::new_err(format!(
                "secrets must be a Credentials, a Signer, a callable (consumer_key, token) -> secret or an object with consumer_secret() and token_secret(), not {}",
                value.get_type().name()?
            )));
        };
        Ok(PyLookup {
            secrets,
            failure: RefCell::new(None),
        })
    }

    /// Converts what Python returned: a `str` secret or `None`.
    fn answer(&self, result: PyResult<Bound<'py, PyAny>>) -> Option<Secret> {
        let converted = result.and_then(|v| {
            v.extract::<Option<String>>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "a secret lookup must return str or None, not {}",
                    v.get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ))
            })
        });
        match converted {
            Ok(v) => v.map(Secret::new),
            Err(e) => {
                self.failure.borrow_mut().get_or_insert(e);
                None
            }
        }
    }
}

impl SecretLookup for PyLookup<'_> {
    fn consumer_secret(&self, consumer_key: &str) -> Option<Secret> {
        match &self.secrets {
            Secrets::Fixed(c) => c.consumer_secret(consumer_key),
            Secrets::Object(o) => self.answer(o.call_method1("consumer_secret", (consumer_key,))),
            Secrets::Function(f) => self.answer(f.call1((consumer_key, None::<&str>))),
        }
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        match &self.secrets {
            Secrets::Fixed(c) => c.token_secret(consumer_key, token),
            Secrets::Object(o) => {
                self.answer(o.call_method1("token_secret", (consumer_key, token)))
            }
            Secrets::Function(f) => self.answer(f.call1((consumer_key, token))),
        }
    }
}

/// Remembers nonces in memory so that a request cannot be replayed (RFC 5849
/// section 3.3); bounded, thread-safe, for one process.
#[pyclass(name = "NonceStore", module = "oauth1", frozen)]
pub struct PyNonceStore {
    inner: MemoryNonceStore,
}

#[pymethods]
impl PyNonceStore {
    /// A store for at most `capacity` nonces, each kept `window` seconds past its
    /// timestamp; `window` should be at least `verify`'s `max_skew`.
    #[new]
    #[pyo3(signature = (capacity=100_000, window=300))]
    fn new(capacity: usize, window: u64) -> Self {
        PyNonceStore {
            inner: MemoryNonceStore::new(capacity, window),
        }
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("NonceStore(len={})", self.inner.len())
    }
}

/// A request that verified, with what it was signed with.
#[pyclass(name = "Verified", module = "oauth1", frozen, get_all)]
pub struct PyVerified {
    /// `oauth_consumer_key`.
    consumer_key: String,
    /// `oauth_token`, if the request was made with token credentials.
    token: Option<String>,
    /// `oauth_signature_method`, such as `"HMAC-SHA1"`.
    signature_method: &'static str,
    /// `oauth_timestamp` (absent only for PLAINTEXT requests that omit it).
    timestamp: Option<u64>,
    /// `oauth_nonce` (absent only for PLAINTEXT requests that omit it).
    nonce: Option<String>,
    /// The `realm` of the Authorization header, if any.
    realm: Option<String>,
    /// Where the protocol parameters were found: `"header"`, `"query"` or `"body"`.
    placement: &'static str,
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

/// Verifies a signed request as received (RFC 5849 section 3.2); raises a
/// `VerificationError` subclass naming the OAuth problem when it fails.
#[pyfunction]
#[pyo3(signature = (
    method, url, *, authorization=None, body=None, content_type=None, secrets,
    now=None, max_skew=300, nonce_store=None, signature_methods=None
))]
#[allow(clippy::too_many_arguments)]
pub fn verify(
    py: Python<'_>,
    method: PyBackedStr,
    url: PyBackedStr,
    authorization: Option<PyBackedStr>,
    body: Option<&Bound<'_, PyAny>>,
    content_type: Option<PyBackedStr>,
    secrets: &Bound<'_, PyAny>,
    now: Option<i64>,
    max_skew: u64,
    nonce_store: Option<PyRef<'_, PyNonceStore>>,
    signature_methods: Option<Vec<PyBackedStr>>,
) -> PyResult<PyVerified> {
    let lookup = PyLookup::new(secrets)?;
    let body = convert::optional_body(body)?;
    let methods: Vec<SignatureMethod> = match &signature_methods {
        None => SignatureMethod::ALL.to_vec(),
        Some(names) => names
            .iter()
            .map(|n| convert::signature_method(py, n))
            .collect::<PyResult<_>>()?,
    };
    let request = ReceivedRequest {
        method: &method,
        url: &url,
        authorization: authorization.as_deref(),
        body: body.as_ref().map(Body::as_bytes),
        content_type: content_type.as_deref(),
    };
    let options = VerifyOptions {
        now: convert::timestamp(py, now)?,
        max_skew,
        nonce_store: nonce_store
            .as_ref()
            .map(|s| &s.inner as &dyn oauth1::NonceStore),
        signature_methods: &methods,
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
        base_string: v.base_string,
    })
}
