//! `oauth1.RsaPrivateKey` and `oauth1.RsaPublicKey`: the core's RSA keys for the
//! RSA-SHA1, RSA-SHA256 and RSA-SHA512 methods (RFC 5849 section 3.4.3).

use crate::convert::Body;
use crate::errors::IntoPyResult;
use oauth1::{KeyOptions, RsaPrivateKey, RsaPublicKey};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use std::path::PathBuf;

/// The core's key options from the keyword arguments.
fn options(password: Option<Body>, allow_short_key: bool) -> KeyOptions {
    let options = KeyOptions::default().allow_short_key(allow_short_key);
    match password {
        Some(password) => options.password(password.as_bytes()),
        None => options,
    }
}

/// An optional `password`: `str` (as UTF-8) or bytes.
fn password(value: &Bound<'_, PyAny>) -> PyResult<Option<Body>> {
    (!value.is_none())
        .then(|| Body::named(value, "password must be str or bytes"))
        .transpose()
}

/// A consumer's RSA private key, for signing with RSA-SHA1, RSA-SHA256 or
/// RSA-SHA512 (RFC 5849 section 3.4.3): `Signer(..., private_key=key)`.
///
/// Reads PEM (PKCS#8, encrypted PKCS#8, PKCS#1), DER and PKCS#12, from `str` or bytes
/// or with `from_file()`; `password` opens an encrypted key or a PKCS#12 file, and keys
/// under 2048 bits are refused unless `allow_short_key=True`. Never shows its key
/// material (`repr()` gives the size alone) and cannot be pickled.
#[pyclass(name = "RsaPrivateKey", module = "oauth1", frozen)]
pub struct PyRsaPrivateKey {
    inner: RsaPrivateKey,
}

#[pymethods]
impl PyRsaPrivateKey {
    /// Reads a key from PEM, DER or PKCS#12 data.
    #[new]
    #[pyo3(signature = (data, *, password=None, allow_short_key=false))]
    fn new(
        py: Python<'_>,
        #[pyo3(from_py_with = key_data)] data: Body,
        #[pyo3(from_py_with = password)] password: Option<Body>,
        allow_short_key: bool,
    ) -> PyResult<Self> {
        let options = options(password, allow_short_key);
        let inner = py.detach(|| RsaPrivateKey::from_bytes(data.as_bytes(), &options));
        Ok(PyRsaPrivateKey {
            inner: inner.py(py)?,
        })
    }

    /// Reads a key from a PEM, DER or PKCS#12 file.
    #[staticmethod]
    #[pyo3(signature = (path, *, password=None, allow_short_key=false))]
    fn from_file(
        py: Python<'_>,
        path: PathBuf,
        #[pyo3(from_py_with = password)] password: Option<Body>,
        allow_short_key: bool,
    ) -> PyResult<Self> {
        let options = options(password, allow_short_key);
        let inner = py.detach(|| RsaPrivateKey::from_file(path, &options));
        Ok(PyRsaPrivateKey {
            inner: inner.py(py)?,
        })
    }

    /// The modulus size in bits.
    #[getter]
    fn bits(&self) -> u32 {
        self.inner.bits()
    }

    /// The matching public key, as the server registers it.
    fn public_key(&self) -> PyRsaPublicKey {
        PyRsaPublicKey {
            inner: self.inner.public_key(),
        }
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "an RsaPrivateKey cannot be pickled: that would write the private key out; \
             load it in the other process with RsaPrivateKey.from_file()",
        ))
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}

/// A consumer's RSA public key, for verifying RSA-SHA1, RSA-SHA256 and RSA-SHA512
/// signatures (RFC 5849 section 3.4.3): `Consumer(rsa_public_key=key)`.
///
/// Reads PEM or DER SubjectPublicKeyInfo, PKCS#1 `RSA PUBLIC KEY` and X.509
/// certificates, from `str` or bytes or with `from_file()`; keys under 2048 bits are
/// refused unless `allow_short_key=True`. Equal when the keys are.
#[pyclass(name = "RsaPublicKey", module = "oauth1", frozen, eq)]
#[derive(PartialEq)]
pub struct PyRsaPublicKey {
    inner: RsaPublicKey,
}

#[pymethods]
impl PyRsaPublicKey {
    /// Reads a public key or an X.509 certificate from PEM or DER data.
    #[new]
    #[pyo3(signature = (data, *, allow_short_key=false))]
    fn new(
        py: Python<'_>,
        #[pyo3(from_py_with = key_data)] data: Body,
        allow_short_key: bool,
    ) -> PyResult<Self> {
        let options = options(None, allow_short_key);
        let inner = RsaPublicKey::from_bytes(data.as_bytes(), &options).py(py)?;
        Ok(PyRsaPublicKey { inner })
    }

    /// Reads a public key or an X.509 certificate from a PEM or DER file.
    #[staticmethod]
    #[pyo3(signature = (path, *, allow_short_key=false))]
    fn from_file(py: Python<'_>, path: PathBuf, allow_short_key: bool) -> PyResult<Self> {
        let options = options(None, allow_short_key);
        let inner = RsaPublicKey::from_file(path, &options).py(py)?;
        Ok(PyRsaPublicKey { inner })
    }

    /// The modulus size in bits.
    #[getter]
    fn bits(&self) -> u32 {
        self.inner.bits()
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}

/// Key `data`: PEM text as `str`, or bytes.
fn key_data(value: &Bound<'_, PyAny>) -> PyResult<Body> {
    Body::named(value, "data must be str or bytes")
}

/// `Signer(private_key=...)`: an `RsaPrivateKey`, or PEM/DER data read with the
/// default options; `None` is no key.
pub fn private_key(value: &Bound<'_, PyAny>) -> PyResult<Option<RsaPrivateKey>> {
    if let Ok(key) = value.cast::<PyRsaPrivateKey>() {
        return Ok(Some(key.get().inner.clone()));
    }
    let what = "private_key must be str, bytes or an oauth1.RsaPrivateKey";
    read_data(value, what, RsaPrivateKey::from_bytes)
}

/// `Consumer(rsa_public_key=...)`: an `RsaPublicKey`, or PEM/DER data read with the
/// default options; `None` is no key.
pub fn public_key(value: &Bound<'_, PyAny>) -> PyResult<Option<RsaPublicKey>> {
    if let Ok(key) = value.cast::<PyRsaPublicKey>() {
        return Ok(Some(key.get().inner.clone()));
    }
    let what = "rsa_public_key must be str, bytes or an oauth1.RsaPublicKey";
    read_data(value, what, RsaPublicKey::from_bytes)
}

/// Reads key data given in place of a key object; `None` is no key.
fn read_data<K>(
    value: &Bound<'_, PyAny>,
    what: &str,
    read: fn(&[u8], &KeyOptions) -> Result<K, oauth1::Error>,
) -> PyResult<Option<K>> {
    if value.is_none() {
        return Ok(None);
    }
    let data = Body::named(value, what)?;
    read(data.as_bytes(), &KeyOptions::default())
        .map(Some)
        .py(value.py())
}
