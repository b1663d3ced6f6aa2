//! Converting Python arguments to what the core takes. The converters of optional
//! arguments (for `#[pyo3(from_py_with = ...)]`) read `None` as "not given", which
//! leaves the core's default.

use crate::errors::IntoPyResult;
use oauth1::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyMemoryView, PyString};
use std::str::FromStr;

/// A request body given as `str` (sent as UTF-8) or a bytes-like object.
pub enum Body {
    /// A `str`, kept alive without a copy where the ABI allows.
    Text(PyBackedStr),
    /// `bytes` (kept alive without a copy), or a copy of a `bytearray` or `memoryview`.
    Bytes(PyBackedBytes),
}

impl Body {
    /// Converts `str`, `bytes`, `bytearray` or `memoryview`; anything else is a `TypeError`.
    pub fn extract(value: &Bound<'_, PyAny>) -> PyResult<Body> {
        Body::named(value, "body must be str or bytes")
    }

    /// Like [`Body::extract`], for another argument: the `TypeError` begins with `what`.
    pub fn named(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Body> {
        if let Ok(s) = value.cast::<PyString>() {
            return Ok(Body::Text(s.clone().try_into()?));
        }
        let bytes = if value.is_instance_of::<PyMemoryView>() {
            value.call_method0("tobytes")?
        } else {
            value.clone()
        };
        if let Ok(bytes) = bytes.extract() {
            return Ok(Body::Bytes(bytes));
        }
        let type_name = value.get_type().name()?;
        Err(PyTypeError::new_err(format!("{what}, not {type_name}")))
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Body::Text(s) => s.as_bytes(),
            Body::Bytes(b) => b,
        }
    }
}

/// An optional body: `None` is no body.
pub fn body(value: &Bound<'_, PyAny>) -> PyResult<Option<Body>> {
    if value.is_none() {
        return Ok(None);
    }
    Body::extract(value).map(Some)
}

/// A name the core parses: a signature method or a placement.
pub fn name<T: FromStr<Err = Error>>(value: &Bound<'_, PyAny>) -> PyResult<Option<T>> {
    let name: Option<PyBackedStr> = value.extract()?;
    name.map(|n| n.parse()).transpose().py(value.py())
}

/// A `timestamp` in whole seconds since 1970; the core refuses negative ones.
pub fn timestamp(value: &Bound<'_, PyAny>) -> PyResult<Option<u64>> {
    seconds(value, "the timestamp")
}

/// A server's `now` in whole seconds since 1970; the core refuses negative ones.
pub fn now(value: &Bound<'_, PyAny>) -> PyResult<Option<u64>> {
    seconds(value, "now")
}

fn seconds(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<u64>> {
    let seconds: Option<i64> = value.extract()?;
    seconds
        .map(|s| oauth1::unix_seconds(s, what))
        .transpose()
        .py(value.py())
}

/// Python's `repr()` of an optional string, for `__repr__` output.
pub fn repr_opt(py: Python<'_>, value: Option<&str>) -> PyResult<String> {
    match value {
        None => Ok("None".to_owned()),
        Some(v) => Ok(PyString::new(py, v).repr()?.to_cow()?.into_owned()),
    }
}
