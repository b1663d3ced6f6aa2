//! `oauth1.Credentials`: the four values, loaded from arguments, the environment or
//! a JSON file.

use crate::convert::repr_opt;
use crate::errors::IntoPyResult;
use oauth1::{Credentials, Error};
use pyo3::prelude::*;
use pyo3::types::PyModule;
use std::io::Read;
use std::path::PathBuf;
use zeroize::{Zeroize, Zeroizing};

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
    /// `OAUTH1_TOKEN`, `OAUTH1_TOKEN_SECRET` from `os.environ`.
    #[staticmethod]
    fn from_env(py: Python<'_>) -> PyResult<Self> {
        Ok(PyCredentials {
            inner: load_env(py)?,
        })
    }

    /// Reads a JSON file holding `consumer_key`, `consumer_secret`, `token`,
    /// `token_secret` or LivePerson's `appKey`, `secret`, `accessToken`, `accessTokenSecret`.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        Ok(PyCredentials {
            inner: load_file(py, &path)?,
        })
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

/// The credentials named by the environment, read through `os.environ` so that
/// changes made from Python are seen.
pub fn load_env(py: Python<'_>) -> PyResult<Credentials> {
    let environ = PyModule::import(py, "os")?.getattr("environ")?;
    let mut failure = None;
    let result = Credentials::from_lookup("the environment", |name| {
        match environ
            .call_method1("get", (name,))
            .and_then(|v| v.extract::<Option<String>>())
        {
            Ok(v) => v,
            Err(e) => {
                failure.get_or_insert(e);
                None
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    result.py(py)
}

/// The credentials in a JSON file; I/O errors become the credentials-source error.
/// The file's text holds the secrets, so every buffer it passes through is zeroed.
pub fn load_file(py: Python<'_>, path: &std::path::Path) -> PyResult<Credentials> {
    let source = path.display().to_string();
    let text = read_secret_file(path)
        .map_err(|e| Error::CredentialsSource {
            source: source.clone(),
            reason: e.to_string(),
        })
        .py(py)?;
    Credentials::from_json(&text, &source).py(py)
}

/// Reads a whole file into a string that is zeroed when dropped. The buffer is sized
/// from the file's length up front, so that reading does not grow it and leave
/// unzeroed copies behind; bytes that are not UTF-8 are zeroed too.
fn read_secret_file(path: &std::path::Path) -> std::io::Result<Zeroizing<String>> {
    let mut file = std::fs::File::open(path)?;
    let size = file
        .metadata()
        .ok()
        .and_then(|m| usize::try_from(m.len()).ok())
        .unwrap_or(0);
    let mut bytes = Zeroizing::new(Vec::with_capacity(size.saturating_add(1)));
    file.read_to_end(&mut bytes)?;
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            let mut rest = e.into_bytes();
            rest.zeroize();
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file is not valid UTF-8",
            ))
        }
    }
}
