//! The one place where the core's [`oauth1::Error`] becomes a Python exception.
//!
//! The exception classes live in `oauth1/_errors.py` (real Python classes, so they
//! pickle, subclass and document like any other), one for each entry of the core's
//! `ERROR_KINDS` (tests/test_errors.py checks them one to one). An error finds its
//! class there by its `kind().code`.

use oauth1::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

/// `oauth1._errors._from_native`, imported once.
static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Converts a core error into the matching `oauth1.Error` subclass instance.
fn to_pyerr(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let details = PyDict::new(py);
    if let Error::Rejected(r) = err {
        details.set_item("reason", &r.reason)?;
        details.set_item("acceptable_timestamps", r.acceptable_timestamps)?;
        details.set_item("parameters_absent", r.parameters_absent.clone())?;
        details.set_item("parameters_rejected", r.parameters_rejected.clone())?;
        details.set_item("base_string", r.base_string.as_deref())?;
    }
    if let Error::ProviderError {
        status,
        problem,
        reason,
    } = err
    {
        details.set_item("status", status)?;
        details.set_item("oauth_problem", problem.as_deref())?;
        details.set_item("reason", reason)?;
    }
    let from_native = FROM_NATIVE.import(py, "oauth1._errors", "_from_native")?;
    let instance = from_native.call((err.kind().code, err.to_string()), Some(&details))?;
    Ok(PyErr::from_value(instance))
}

/// Extension for `Result<T, oauth1::Error>`: `.py(py)?` raises the mapped exception.
pub trait IntoPyResult<T> {
    /// Maps the error to its Python exception.
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, &e).unwrap_or_else(|failure| failure))
    }
}
