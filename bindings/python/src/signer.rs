//! `oauth1.Signer` and `oauth1.Signed`: the client side.

use crate::convert::{self, Body, repr_opt};
use crate::credentials::PyCredentials;
use crate::errors::IntoPyResult;
use crate::explain::PyExplanation;
use crate::keys;
use crate::provider;
use oauth1::{
    Credentials, Error, Placement, Provider, Request, RsaPrivateKey, SignatureMethod, Signed,
    Signer, SignerOptions, Wire,
};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyBytes;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Signs requests with one set of credentials and options (RFC 5849 section 3); with
/// `private_key=`, with RSA-SHA1, RSA-SHA256 or RSA-SHA512 (section 3.4.3).
///
/// Immutable and safe to share between threads.
#[pyclass(name = "Signer", module = "oauth1", frozen)]
pub struct PySigner {
    /// The core signer.
    pub inner: Signer,
}

impl PySigner {
    /// A signer for `credentials`; the preset's settings first (RFC 5849 leaves them to
    /// each provider), then every option the caller gave, so the caller's win; an
    /// option left `None` keeps the preset's or the core's default.
    fn build(
        py: Python<'_>,
        credentials: Credentials,
        provider: Option<Provider>,
        options: SignerOptions,
    ) -> PyResult<Self> {
        let mut builder = Signer::from_credentials(credentials);
        if let Some(provider) = &provider {
            builder = builder.provider(provider);
        }
        let builder = builder.options(options);
        let inner = builder.build().py(py)?;
        Ok(PySigner { inner })
    }
}

#[pymethods]
impl PySigner {
    /// A signer for the consumer key and secret and, optionally, a token and its secret.
    /// With `private_key` it signs with RSA (RFC 5849 section 3.4.3), RSA-SHA1 unless
    /// `signature_method` says otherwise, and needs no consumer secret. `provider`: a
    /// preset's name (with `provider_values`) or an `oauth1.Provider`, applied before
    /// the other options.
    #[new]
    #[pyo3(signature = (
        consumer_key, consumer_secret=None, token=None, token_secret=None, *,
        signature_method=None, private_key=None, realm=None, version=None, body_hash=None,
        clock_offset=None, callback=None, verifier=None, provider=None, provider_values=None,
        placement=None
    ))]
    fn new(
        py: Python<'_>,
        consumer_key: String,
        consumer_secret: Option<String>,
        token: Option<String>,
        token_secret: Option<String>,
        #[pyo3(from_py_with = convert::name)] signature_method: Option<SignatureMethod>,
        #[pyo3(from_py_with = keys::private_key)] private_key: Option<RsaPrivateKey>,
        realm: Option<String>,
        version: Option<bool>,
        body_hash: Option<bool>,
        clock_offset: Option<i64>,
        callback: Option<String>,
        verifier: Option<String>,
        provider: Option<Bound<'_, PyAny>>,
        provider_values: Option<BTreeMap<String, String>>,
        #[pyo3(from_py_with = convert::name)] placement: Option<Placement>,
    ) -> PyResult<Self> {
        let provider = provider::resolve(py, provider.as_ref(), provider_values.as_ref())?;
        if consumer_secret.is_none() && private_key.is_none() {
            let reason = "consumer_secret is missing: HMAC and PLAINTEXT sign with it \
                          (only the RSA methods, given a private_key, need none)";
            return Err(Error::InvalidCredentials {
                reason: reason.into(),
            })
            .py(py);
        }
        // RSA does not use the consumer secret (section 3.4.3).
        let consumer_secret = consumer_secret.unwrap_or_default();
        let credentials = Credentials::new(consumer_key, consumer_secret, token, token_secret);
        let options = SignerOptions {
            signature_method,
            private_key,
            realm,
            version,
            body_hash,
            clock_offset,
            callback,
            verifier,
            placement,
        };
        Self::build(py, credentials, provider, options)
    }

    /// A signer with credentials from `OAUTH1_CONSUMER_KEY`, `OAUTH1_CONSUMER_SECRET`,
    /// `OAUTH1_TOKEN` and `OAUTH1_TOKEN_SECRET`.
    #[staticmethod]
    #[pyo3(signature = (
        *, signature_method=None, realm=None, version=None, body_hash=None,
        clock_offset=None, callback=None, verifier=None, provider=None, provider_values=None,
        placement=None
    ))]
    fn from_env(
        py: Python<'_>,
        #[pyo3(from_py_with = convert::name)] signature_method: Option<SignatureMethod>,
        realm: Option<String>,
        version: Option<bool>,
        body_hash: Option<bool>,
        clock_offset: Option<i64>,
        callback: Option<String>,
        verifier: Option<String>,
        provider: Option<Bound<'_, PyAny>>,
        provider_values: Option<BTreeMap<String, String>>,
        #[pyo3(from_py_with = convert::name)] placement: Option<Placement>,
    ) -> PyResult<Self> {
        let provider = provider::resolve(py, provider.as_ref(), provider_values.as_ref())?;
        let options = SignerOptions {
            signature_method,
            private_key: None,
            realm,
            version,
            body_hash,
            clock_offset,
            callback,
            verifier,
            placement,
        };
        Self::build(py, Credentials::from_env().py(py)?, provider, options)
    }

    /// A signer with credentials from a JSON file (this project's names or LivePerson's).
    #[staticmethod]
    #[pyo3(signature = (
        path, *, signature_method=None, realm=None, version=None, body_hash=None,
        clock_offset=None, callback=None, verifier=None, provider=None, provider_values=None,
        placement=None
    ))]
    fn from_file(
        py: Python<'_>,
        path: PathBuf,
        #[pyo3(from_py_with = convert::name)] signature_method: Option<SignatureMethod>,
        realm: Option<String>,
        version: Option<bool>,
        body_hash: Option<bool>,
        clock_offset: Option<i64>,
        callback: Option<String>,
        verifier: Option<String>,
        provider: Option<Bound<'_, PyAny>>,
        provider_values: Option<BTreeMap<String, String>>,
        #[pyo3(from_py_with = convert::name)] placement: Option<Placement>,
    ) -> PyResult<Self> {
        let provider = provider::resolve(py, provider.as_ref(), provider_values.as_ref())?;
        let options = SignerOptions {
            signature_method,
            private_key: None,
            realm,
            version,
            body_hash,
            clock_offset,
            callback,
            verifier,
            placement,
        };
        Self::build(py, Credentials::from_file(path).py(py)?, provider, options)
    }

    /// A signer for loaded `Credentials`.
    #[staticmethod]
    #[pyo3(signature = (
        credentials, *, signature_method=None, realm=None, version=None, body_hash=None,
        clock_offset=None, callback=None, verifier=None, provider=None, provider_values=None,
        placement=None
    ))]
    fn from_credentials(
        py: Python<'_>,
        credentials: PyRef<'_, PyCredentials>,
        #[pyo3(from_py_with = convert::name)] signature_method: Option<SignatureMethod>,
        realm: Option<String>,
        version: Option<bool>,
        body_hash: Option<bool>,
        clock_offset: Option<i64>,
        callback: Option<String>,
        verifier: Option<String>,
        provider: Option<Bound<'_, PyAny>>,
        provider_values: Option<BTreeMap<String, String>>,
        #[pyo3(from_py_with = convert::name)] placement: Option<Placement>,
    ) -> PyResult<Self> {
        let provider = provider::resolve(py, provider.as_ref(), provider_values.as_ref())?;
        let options = SignerOptions {
            signature_method,
            private_key: None,
            realm,
            version,
            body_hash,
            clock_offset,
            callback,
            verifier,
            placement,
        };
        Self::build(py, credentials.inner.clone(), provider, options)
    }

    /// Signs a request: what goes on the wire, the query read from `url`, form
    /// parameters from `body` when `content_type` is form-encoded.
    #[pyo3(signature = (method, url, *, body=None, content_type=None, nonce=None, timestamp=None))]
    fn sign(
        &self,
        py: Python<'_>,
        method: PyBackedStr,
        url: PyBackedStr,
        #[pyo3(from_py_with = convert::body)] body: Option<Body>,
        content_type: Option<PyBackedStr>,
        nonce: Option<PyBackedStr>,
        #[pyo3(from_py_with = convert::timestamp)] timestamp: Option<u64>,
    ) -> PyResult<PySigned> {
        let request = Request {
            method: &method,
            url: &url,
            body: body.as_ref().map(Body::as_bytes),
            content_type: content_type.as_deref(),
            nonce: nonce.as_deref(),
            timestamp,
        };
        // With the GIL released, so that other threads run while a large body is hashed.
        let inner = py.detach(|| self.inner.sign(&request)).py(py)?;
        Ok(PySigned { inner })
    }

    /// Signs a request like `sign()` and returns only the `Authorization` header value.
    #[pyo3(signature = (method, url, *, body=None, content_type=None, nonce=None, timestamp=None))]
    fn authorization(
        &self,
        py: Python<'_>,
        method: PyBackedStr,
        url: PyBackedStr,
        #[pyo3(from_py_with = convert::body)] body: Option<Body>,
        content_type: Option<PyBackedStr>,
        nonce: Option<PyBackedStr>,
        #[pyo3(from_py_with = convert::timestamp)] timestamp: Option<u64>,
    ) -> PyResult<String> {
        let signed = self.sign(py, method, url, body, content_type, nonce, timestamp)?;
        Ok(signed.inner.authorization().to_owned())
    }

    /// Signs a request like `sign()` and explains every step of the signature.
    #[pyo3(signature = (method, url, *, body=None, content_type=None, nonce=None, timestamp=None))]
    fn explain(
        &self,
        py: Python<'_>,
        method: PyBackedStr,
        url: PyBackedStr,
        #[pyo3(from_py_with = convert::body)] body: Option<Body>,
        content_type: Option<PyBackedStr>,
        nonce: Option<PyBackedStr>,
        #[pyo3(from_py_with = convert::timestamp)] timestamp: Option<u64>,
    ) -> PyResult<PyExplanation> {
        let request = Request {
            method: &method,
            url: &url,
            body: body.as_ref().map(Body::as_bytes),
            content_type: content_type.as_deref(),
            nonce: nonce.as_deref(),
            timestamp,
        };
        Ok(PyExplanation::new(self.inner.explain(&request).py(py)?))
    }

    /// A copy of this signer with another clock offset (seconds), as after a
    /// `timestamp_refused` answer; see `clock_offset_from_problem`.
    fn with_clock_offset(&self, seconds: i64) -> Self {
        PySigner {
            inner: self.inner.with_clock_offset(seconds),
        }
    }

    /// The credentials this signer signs with.
    #[getter]
    fn credentials(&self) -> PyCredentials {
        PyCredentials {
            inner: self.inner.credentials().clone(),
        }
    }

    /// The consumer key (App key).
    #[getter]
    fn consumer_key(&self) -> &str {
        &self.inner.credentials().consumer_key
    }

    /// The token (Access token), if any.
    #[getter]
    fn token(&self) -> Option<&str> {
        self.inner.credentials().token.as_deref()
    }

    /// The signature method name, such as `"HMAC-SHA1"`.
    #[getter]
    fn signature_method(&self) -> &'static str {
        self.inner.signature_method().name()
    }

    /// The realm sent in the header, if any.
    #[getter]
    fn realm(&self) -> Option<&str> {
        self.inner.realm()
    }

    /// Whether `oauth_version="1.0"` is sent.
    #[getter]
    fn version(&self) -> bool {
        self.inner.sends_version()
    }

    /// Whether `oauth_body_hash` is sent for bodies that are not form-encoded.
    #[getter]
    fn body_hash(&self) -> bool {
        self.inner.sends_body_hash()
    }

    /// Seconds added to the system clock for `oauth_timestamp`.
    #[getter]
    fn clock_offset(&self) -> i64 {
        self.inner.clock_offset()
    }

    /// The `oauth_callback`, if any.
    #[getter]
    fn callback(&self) -> Option<&str> {
        self.inner.callback()
    }

    /// The `oauth_verifier`, if any.
    #[getter]
    fn verifier(&self) -> Option<&str> {
        self.inner.verifier()
    }

    /// Where the protocol parameters go: `"header"`, `"query"` or `"body"`.
    #[getter]
    fn placement(&self) -> &'static str {
        self.inner.placement().as_str()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = &self.inner;
        Ok(format!(
            "Signer(consumer_key={}, token={}, signature_method={}, realm={}, placement={})",
            repr_opt(py, Some(&s.credentials().consumer_key))?,
            repr_opt(py, s.credentials().token.as_deref())?,
            repr_opt(py, Some(s.signature_method().name()))?,
            repr_opt(py, s.realm())?,
            repr_opt(py, Some(s.placement().as_str()))?,
        ))
    }
}

/// The result of signing: the header value and everything that went into it.
#[pyclass(name = "Signed", module = "oauth1", frozen)]
#[derive(Clone)]
pub struct PySigned {
    /// The core result.
    pub inner: Signed,
}

#[pymethods]
impl PySigned {
    /// The full `Authorization` header value, beginning `OAuth `.
    #[getter]
    fn authorization(&self) -> &str {
        self.inner.authorization()
    }

    /// The signature as plain base64 (not percent-encoded); for PLAINTEXT, the key.
    #[getter]
    fn signature(&self) -> &str {
        self.inner.signature()
    }

    /// The signature base string (RFC 5849 section 3.4.1).
    #[getter]
    fn base_string(&self) -> &str {
        self.inner.base_string()
    }

    /// The `oauth_nonce` that was sent.
    #[getter]
    fn nonce(&self) -> &str {
        self.inner.nonce()
    }

    /// The `oauth_timestamp` that was sent.
    #[getter]
    fn timestamp(&self) -> u64 {
        self.inner.timestamp()
    }

    /// The protocol parameters that were sent, sorted by name, `oauth_signature`
    /// included, as `(name, value)` pairs of raw (not percent-encoded) values.
    #[getter]
    fn params(&self) -> Vec<(&'static str, &str)> {
        self.inner.params().collect()
    }

    /// For `placement="query"`, the URL with the protocol parameters appended; else `None`.
    #[getter]
    fn signed_url(&self) -> Option<&str> {
        self.inner.signed_url()
    }

    /// For `placement="body"`, the form body with the protocol parameters appended; else `None`.
    #[getter]
    fn signed_body<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.inner.signed_body().map(|b| PyBytes::new(py, b))
    }

    /// What goes on the wire for the signer's placement, as `(placement, value)`:
    /// `("header", authorization)`, `("query", signed_url)` or `("body", signed_body)`.
    #[getter]
    fn wire<'py>(&self, py: Python<'py>) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
        Ok(match self.inner.wire() {
            Wire::Header(h) => (Placement::Header.as_str(), h.into_pyobject(py)?.into_any()),
            Wire::Url(u) => (Placement::Query.as_str(), u.into_pyobject(py)?.into_any()),
            Wire::Body(b) => (Placement::Body.as_str(), PyBytes::new(py, b).into_any()),
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // The header is left out: for PLAINTEXT the signature is the secrets.
        Ok(format!(
            "Signed(nonce={}, timestamp={})",
            repr_opt(py, Some(self.inner.nonce()))?,
            self.inner.timestamp()
        ))
    }
}
