//! `oauth1.Credentials`: the four values, loaded from arguments, the environment or
//! a JSON file (read by the core).

use crate::convert::repr_opt;
use crate::errors::IntoPyResult;
use oauth1::Credentials;
use pyo3::prelude::*;
use std::path::PathBuf;

/// Client credentials and, optionally, token credentials (RFC 5849 section 1.1).
///
/// Secrets are never shown by `repr()` and are zeroed when the object is freed.
#[pyclass(name = "Credentials", module = "oauth1", frozen)]
#[derive(Clone)]
pub struct PyCredentials {
    /// The core credentials.
    pub inner: Credentials,
}

#[pymethods]
impl PyCredentials {
    /// Credentials from the four values (LivePerson: App key, Secret, Access token,
    /// Access token secret).
    #[new]
    #[pyo3(signature = (consumer_key, consumer_secret, token=None, token_secret=None))]
    fn new(
        consumer_key: String,
        consumer_secret: String,
        token: Option<String>,
        token_secret: Option<String>,
    ) -> Self {
        PyCredentials {
            inner: Credentials::new(consumer_key, consumer_secret, token, token_secret),
        }
    }

    /// Reads `OAUTH1_CONSUMER_KEY`, `OAUTH1_CONSUMER_SECRET` and optionally
    /// `OAUTH1_TOKEN`, `OAUTH1_TOKEN_SECRET` from the environment (which `os.environ`
    /// writes through to).
    #[staticmethod]
    fn from_env(py: Python<'_>) -> PyResult<Self> {
        let inner = Credentials::from_env().py(py)?;
        Ok(PyCredentials { inner })
    }

    /// Reads a JSON file holding `consumer_key`, `consumer_secret`, `token`,
    /// `token_secret` or LivePerson's `appKey`, `secret`, `accessToken`, `accessTokenSecret`.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = Credentials::from_file(path).py(py)?;
        Ok(PyCredentials { inner })
    }

    /// The consumer key (App key).
    #[getter]
    fn consumer_key(&self) -> &str {
        &self.inner.consumer_key
    }

    /// The token (Access token), if any.
    #[getter]
    fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Credentials(consumer_key={}, consumer_secret='***', token={}, token_secret={})",
            repr_opt(py, Some(&self.inner.consumer_key))?,
            repr_opt(py, self.inner.token.as_deref())?,
            if self.inner.token_secret.is_some() {
                "'***'"
            } else {
                "None"
            },
        ))
    }
}
