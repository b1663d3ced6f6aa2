//! The one place where the core's [`oauth1::Error`] becomes a Python exception.
//!
//! The exception classes live in `oauth1/_errors.py` (real Python classes, so they
//! pickle, subclass and document like any other); this file picks the class for each
//! error kind and fills in the details a verification failure carries.

use oauth1::{Error, Problem};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

/// `oauth1._errors`, imported once.
static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The Python class name for each error kind; `None` for kinds added to the core
/// later, which fall back to the base `Error` with the core's code.
fn class_name(err: &Error) -> Option<&'static str> {
    Some(match err {
        Error::InvalidUrl { .. } => "InvalidUrlError",
        Error::UnsupportedScheme { .. } => "UnsupportedSchemeError",
        Error::InvalidMethod { .. } => "InvalidMethodError",
        Error::InvalidCredentials { .. } => "InvalidCredentialsError",
        Error::UnknownSignatureMethod { .. } => "UnknownSignatureMethodError",
        Error::InvalidTimestamp { .. } => "InvalidTimestampError",
        Error::InvalidNonce { .. } => "InvalidNonceError",
        Error::InvalidOption { .. } => "InvalidOptionError",
        Error::DuplicateParameter { .. } => "DuplicateParameterError",
        Error::MalformedHeader { .. } => "MalformedHeaderError",
        Error::CredentialsSource { .. } => "CredentialsSourceError",
        Error::Rejected(r) => problem_class_name(r.problem)?,
        _ => return None,
    })
}

/// The `VerificationError` subclass for each OAuth problem.
fn problem_class_name(problem: Problem) -> Option<&'static str> {
    Some(match problem {
        Problem::VersionRejected => "VersionRejectedError",
        Problem::ParameterAbsent => "ParameterAbsentError",
        Problem::ParameterRejected => "ParameterRejectedError",
        Problem::TimestampRefused => "TimestampRefusedError",
        Problem::NonceUsed => "NonceUsedError",
        Problem::SignatureMethodRejected => "SignatureMethodRejectedError",
        Problem::SignatureInvalid => "SignatureInvalidError",
        Problem::ConsumerKeyUnknown => "ConsumerKeyUnknownError",
        Problem::TokenRejected => "TokenRejectedError",
        _ => return None,
    })
}

/// Converts a core error into the matching `oauth1.Error` subclass instance.
pub fn to_pyerr(py: Python<'_>, err: Error) -> PyErr {
    build(py, &err).unwrap_or_else(|e| e)
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let module = ERRORS_MODULE
        .get_or_try_init(py, || {
            PyModule::import(py, "oauth1._errors").map(Bound::unbind)
        })?
        .bind(py);
    let message = err.to_string();
    let kwargs = PyDict::new(py);
    let class = match (class_name(err), err) {
        (Some(name), _) => module.getattr(name)?,
        (None, Error::Rejected(_)) => module.getattr("VerificationError")?,
        (None, _) => module.getattr("Error")?,
    };
    // The instance carries the core's own code, so a class whose `code` drifted
    // from the core is caught by the tests (`type(e).code == e.code`).
    if let Error::Rejected(r) = err {
        kwargs.set_item("problem", r.problem.name())?;
        kwargs.set_item("reason", &r.reason)?;
        kwargs.set_item("acceptable_timestamps", r.acceptable_timestamps)?;
        kwargs.set_item("parameters_absent", r.parameters_absent.clone())?;
        kwargs.set_item("parameters_rejected", r.parameters_rejected.clone())?;
        kwargs.set_item("base_string", r.base_string.as_deref())?;
    } else {
        kwargs.set_item("code", err.code())?;
    }
    let instance = class.call((message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

/// Extension for `Result<T, oauth1::Error>`: `.py(py)?` raises the mapped exception.
pub trait IntoPyResult<T> {
    /// Maps the error to its Python exception.
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, e))
    }
}
