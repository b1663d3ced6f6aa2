//! `oauth1.Explanation`: a step-by-step account of one signature.

use crate::signer::PySigned;
use oauth1::Explanation;
use pyo3::prelude::*;

/// One request parameter as it entered the signature base string.
#[pyclass(name = "ExplainedParam", module = "oauth1", frozen, get_all)]
#[derive(Clone)]
pub struct PyExplainedParam {
    /// Where it came from: `"query"`, `"body"` or `"protocol"`.
    source: &'static str,
    /// The name, decoded.
    name: String,
    /// The value, decoded.
    value: String,
    /// The name encoded per RFC 5849 section 3.6.
    encoded_name: String,
    /// The value encoded per RFC 5849 section 3.6.
    encoded_value: String,
}

#[pymethods]
impl PyExplainedParam {
    fn __repr__(&self) -> String {
        format!(
            "ExplainedParam(source={:?}, encoded_name={:?}, encoded_value={:?})",
            self.source, self.encoded_name, self.encoded_value
        )
    }
}

/// Everything that went into a signature, in the order RFC 5849 section 3.4.1 builds it.
#[pyclass(name = "Explanation", module = "oauth1", frozen, get_all)]
pub struct PyExplanation {
    /// The base string URI (section 3.4.1.2).
    base_string_uri: String,
    /// What normalising the URL changed, in words.
    uri_changes: Vec<String>,
    /// Every parameter in sorted order, protocol parameters included.
    params: Vec<PyExplainedParam>,
    /// The normalised parameter string, `name=value&…`.
    normalized_parameters: String,
    /// The signing key with each secret masked.
    masked_key: String,
    /// Classic mistakes visible in the request, in words.
    warnings: Vec<String>,
    /// The signing result itself.
    signed: PySigned,
}

impl PyExplanation {
    /// Converts the core explanation.
    pub fn new(e: Explanation) -> Self {
        PyExplanation {
            base_string_uri: e.base_string_uri,
            uri_changes: e.uri_changes,
            params: e
                .params
                .into_iter()
                .map(|p| PyExplainedParam {
                    source: p.source.as_str(),
                    name: p.name,
                    value: p.value,
                    encoded_name: p.encoded_name,
                    encoded_value: p.encoded_value,
                })
                .collect(),
            normalized_parameters: e.normalized_parameters,
            masked_key: e.masked_key,
            warnings: e.warnings,
            signed: PySigned { inner: e.signed },
        }
    }
}

#[pymethods]
impl PyExplanation {
    fn __repr__(&self) -> String {
        format!(
            "Explanation(base_string_uri={:?}, params={}, warnings={})",
            self.base_string_uri,
            self.params.len(),
            self.warnings.len()
        )
    }
}
