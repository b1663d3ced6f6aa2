//! The native module `oauth1._native` behind the Python package `oauth1`.
//!
//! Argument conversion, error mapping and Python idioms only: every signature,
//! base string and verification decision comes from the `oauth1` crate.

// The functions behind Python's keyword arguments take one Rust argument each.
#![allow(clippy::too_many_arguments)]

mod convert;
mod credentials;
mod errors;
mod explain;
mod flow;
mod helpers;
mod keys;
mod provider;
mod redirect;
mod signer;
mod stores;
mod verify;

use pyo3::pymodule;

/// The module `oauth1._native`: every class, function and constant of the package.
#[pymodule(name = "_native")]
mod native {
    use oauth1::{Problem, SignatureMethod};
    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    #[pymodule_export]
    use crate::credentials::PyCredentials;
    #[pymodule_export]
    use crate::explain::{PyExplainedParam, PyExplanation};
    #[pymodule_export]
    use crate::flow::PyFlow;
    #[pymodule_export]
    use crate::helpers::{
        base_string_uri, body_hash, clock_offset_from_problem, generate_nonce, hmac_signature,
        is_form_content_type, normalized_parameters, parse_authorization_header, percent_encode,
        www_authenticate,
    };
    #[pymodule_export]
    use crate::keys::{PyRsaPrivateKey, PyRsaPublicKey};
    #[pymodule_export]
    use crate::provider::{PyProvider, provider, providers};
    #[pymodule_export]
    use crate::redirect::redirect_hop;
    #[pymodule_export]
    use crate::signer::{PySigned, PySigner};
    #[pymodule_export]
    use crate::stores::{nonce_store_key, nonce_verdict};
    #[pymodule_export]
    use crate::verify::{PyConsumer, PyNonceStore, PyVerified, verify};

    /// The constants, from the core's tables.
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let methods = SignatureMethod::ALL.map(SignatureMethod::name);
        m.add("SIGNATURE_METHODS", PyTuple::new(m.py(), methods)?)?;
        m.add("ENV_VARS", PyTuple::new(m.py(), oauth1::ENV_VARS)?)?;
        // The table the exception classes of `oauth1._errors` are checked against (and
        // `oauth1.PROBLEMS` is read from).
        let kinds = oauth1::ERROR_KINDS.map(|k| (k.code, k.summary, k.problem.map(Problem::name)));
        m.add("ERROR_KINDS", PyTuple::new(m.py(), kinds)?)
    }
}
