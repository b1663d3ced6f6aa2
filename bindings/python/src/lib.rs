//! The native module `oauth1._native` behind the Python package `oauth1`.
//!
//! Argument conversion, error mapping and Python idioms only: every signature,
//! base string and verification decision comes from the `oauth1` crate.

mod convert;
mod credentials;
mod errors;
mod explain;
mod helpers;
mod signer;
mod verify;

use pyo3::prelude::*;

/// The module initialiser: registers every class and function of `oauth1._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<credentials::PyCredentials>()?;
    m.add_class::<signer::PySigner>()?;
    m.add_class::<signer::PySigned>()?;
    m.add_class::<explain::PyExplanation>()?;
    m.add_class::<explain::PyExplainedParam>()?;
    m.add_class::<verify::PyVerified>()?;
    m.add_class::<verify::PyNonceStore>()?;
    m.add_class::<verify::PyConsumer>()?;
    m.add_function(wrap_pyfunction!(verify::verify, m)?)?;
    helpers::register(m)?;
    Ok(())
}
