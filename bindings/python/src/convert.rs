//! Converting Python arguments to what the core takes.

use crate::errors::IntoPyResult;
use oauth1::{Error, Placement, SignatureMethod};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};

/// A request body given as `str` (sent as UTF-8) or a bytes-like object.
pub enum Body {
    /// A `str`, kept alive without a copy where the ABI allows.
    Text(PyBackedStr),
    /// `bytes`, kept alive without a copy.
    Bytes(PyBackedBytes),
    /// A `bytearray` or `memoryview`, copied.
    Owned(Vec<u8>),
}

impl Body {
    /// Converts `str`, `bytes`, `bytearray` or `memoryview`; anything else is a `TypeError`.
    pub fn extract(value: &Bound<'_, PyAny>) -> PyResult<Body> {
        if let Ok(s) = value.cast::<PyString>() {
            return Ok(Body::Text(s.clone().try_into()?));
        }
        if let Ok(b) = value.cast::<PyBytes>() {
            return Ok(Body::Bytes(b.clone().into()));
        }
        if let Ok(b) = value.cast::<PyByteArray>() {
            return Ok(Body::Owned(b.to_vec()));
        }
        if value.is_instance_of::<PyMemoryView>() {
            let bytes = value.call_method0("tobytes")?;
            return Ok(Body::Owned(bytes.cast::<PyBytes>()?.as_bytes().to_vec()));
        }
        Err(PyTypeError::new_err(format!(
            "body must be str or bytes, not {}",
            value.get_type().name()?
        )))
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Body::Text(s) => s.as_bytes(),
            Body::Bytes(b) => b,
            Body::Owned(v) => v,
        }
    }
}

/// Converts an optional body argument.
pub fn optional_body(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Body>> {
    match value {
        Some(v) if !v.is_none() => Body::extract(v).map(Some),
        _ => Ok(None),
    }
}

/// Parses a signature method name (`HMAC-SHA1`, …; ASCII case ignored).
pub fn signature_method(py: Python<'_>, name: &str) -> PyResult<SignatureMethod> {
    name.parse::<SignatureMethod>().py(py)
}

/// Parses a placement name (`header`, `query` or `body`).
pub fn placement(py: Python<'_>, name: &str) -> PyResult<Placement> {
    name.parse::<Placement>().py(py)
}

/// The Python name of a placement.
pub fn placement_name(placement: Placement) -> &'static str {
    match placement {
        Placement::Header => "header",
        Placement::Query => "query",
        Placement::Body => "body",
        _ => "unknown",
    }
}

/// Converts a timestamp argument (`what` names it in the error): a non-negative `int`
/// of seconds; the core refuses negative ones as `InvalidTimestampError`.
pub fn timestamp(py: Python<'_>, value: Option<i64>, what: &str) -> PyResult<Option<u64>> {
    value
        .map(|t| oauth1::unix_seconds(t, what))
        .transpose()
        .py(py)
}

/// Seconds since the Unix epoch by the system clock.
pub fn unix_now(py: Python<'_>) -> PyResult<u64> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| Error::InvalidTimestamp {
            reason: "the system clock is before 1970".into(),
        })
        .py(py)
}

/// Python's `repr()` of an optional string, for `__repr__` output.
pub fn repr_opt(py: Python<'_>, value: Option<&str>) -> PyResult<String> {
    match value {
        None => Ok("None".to_owned()),
        Some(v) => Ok(PyString::new(py, v).repr()?.to_cow()?.into_owned()),
    }
}
