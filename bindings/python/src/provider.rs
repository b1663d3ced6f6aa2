//! `oauth1.Provider`, `oauth1.provider()` and `oauth1.providers()`: the core's presets
//! for the APIs that still use OAuth 1.0a (their endpoints and quirks), read-only.

use crate::convert::repr_opt;
use crate::errors::IntoPyResult;
use oauth1::Provider;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use std::collections::BTreeMap;

/// One provider preset with its values (an account id, a base URL) filled in:
/// endpoints (RFC 5849 section 2), signature method, placement, realm and quirks.
///
/// Made by `oauth1.provider(name, values)`; given to `Signer(provider=...)` and the
/// sessions, it applies its settings before the caller's own options.
#[pyclass(name = "Provider", module = "oauth1", frozen)]
#[derive(Clone)]
pub struct PyProvider {
    /// The core preset.
    pub inner: Provider,
}

/// Looks a preset up by name with its values; the errors are the core's
/// (`UnknownProviderError`, or `InvalidOptionError` naming a missing value).
pub fn lookup(
    py: Python<'_>,
    name: &str,
    values: Option<&BTreeMap<String, String>>,
) -> PyResult<Provider> {
    let values: Vec<(&str, &str)> = values
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    Provider::get(name, &values).py(py)
}

fn invalid_option(reason: &str) -> oauth1::Error {
    oauth1::Error::InvalidOption {
        reason: reason.into(),
    }
}

/// A `provider=` argument: a preset's name (with `provider_values`) or a `Provider`.
pub fn resolve(
    py: Python<'_>,
    provider: Option<&Bound<'_, PyAny>>,
    values: Option<&BTreeMap<String, String>>,
) -> PyResult<Option<Provider>> {
    let Some(provider) = provider.filter(|p| !p.is_none()) else {
        if values.is_some() {
            return Err(invalid_option(
                "provider_values were given without a provider",
            ))
            .py(py);
        }
        return Ok(None);
    };
    if let Ok(given) = provider.cast::<PyProvider>() {
        if values.is_some() {
            let reason = "provider_values were given with an oauth1.Provider, whose values \
                          are already filled in: pass the preset's name instead";
            return Err(invalid_option(reason)).py(py);
        }
        return Ok(Some(given.get().inner.clone()));
    }
    let name: PyBackedStr = provider.extract().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "provider must be a preset name (str) or an oauth1.Provider, not {}",
            provider
                .get_type()
                .name()
                .map_or_else(|_| "?".into(), |n| n.to_string())
        ))
    })?;
    lookup(py, &name, values).map(Some)
}

/// The preset called `name` (ASCII case ignored), with `values` filled into its
/// templates: NetSuite needs `{"account": ...}`, Jira and Magento `{"base_url": ...}`.
#[pyfunction]
#[pyo3(signature = (name, values=None))]
pub fn provider(
    py: Python<'_>,
    name: PyBackedStr,
    values: Option<BTreeMap<String, String>>,
) -> PyResult<PyProvider> {
    Ok(PyProvider {
        inner: lookup(py, &name, values.as_ref())?,
    })
}

/// The names of every preset, in the data file's order.
#[pyfunction]
pub fn providers() -> Vec<&'static str> {
    Provider::names()
}

#[pymethods]
impl PyProvider {
    /// The preset's name, such as `"netsuite"`.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The provider and API it covers, for people.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// The provider's documentation of its OAuth 1.0a use.
    #[getter]
    fn docs(&self) -> &str {
        &self.inner.docs
    }

    /// The temporary-credentials endpoint (RFC 5849 section 2.1), if it has one.
    #[getter]
    fn request_token_url(&self) -> Option<&str> {
        self.inner.request_token_url.as_deref()
    }

    /// The resource-owner authorization endpoint (section 2.2), if it has one.
    #[getter]
    fn authorize_url(&self) -> Option<&str> {
        self.inner.authorize_url.as_deref()
    }

    /// The token-credentials endpoint (section 2.3), if it has one.
    #[getter]
    fn access_token_url(&self) -> Option<&str> {
        self.inner.access_token_url.as_deref()
    }

    /// Where the API's resources live, where that is known.
    #[getter]
    fn api_base(&self) -> Option<&str> {
        self.inner.api_base.as_deref()
    }

    /// The signature method the provider expects, such as `"HMAC-SHA256"`.
    #[getter]
    fn signature_method(&self) -> &'static str {
        self.inner.signature_method.name()
    }

    /// Where the protocol parameters go: `"header"`, `"query"` or `"body"`.
    #[getter]
    fn placement(&self) -> &'static str {
        self.inner.placement.as_str()
    }

    /// Whether `oauth_version="1.0"` is sent.
    #[getter]
    fn version(&self) -> bool {
        self.inner.version
    }

    /// The header's `realm`, where the provider wants one (NetSuite: the account id).
    #[getter]
    fn realm(&self) -> Option<&str> {
        self.inner.realm.as_deref()
    }

    /// Whether every request carries `oauth_body_hash`.
    #[getter]
    fn body_hash(&self) -> bool {
        self.inner.body_hash
    }

    /// Whether a request without a token sends an empty `oauth_token` (Schoology).
    #[getter]
    fn empty_token(&self) -> bool {
        self.inner.empty_token
    }

    /// A callback the provider insists on, such as `"oob"`.
    #[getter]
    fn callback(&self) -> Option<&str> {
        self.inner.callback.as_deref()
    }

    /// The authorization URL's parameter for the temporary token (`"oauth_token"`
    /// unless the provider names it otherwise).
    #[getter]
    fn authorize_token_param(&self) -> &str {
        &self.inner.authorize_token_param
    }

    /// Further authorization-URL parameters and their defaults, as `(name, value)`.
    #[getter]
    fn authorize_params(&self) -> Vec<(String, String)> {
        self.inner.authorize_params.clone()
    }

    /// Headers the provider requires on every request, with a default value, as
    /// `(name, value)`; the sessions send them unless the caller set them.
    #[getter]
    fn required_headers(&self) -> Vec<(String, String)> {
        self.inner.required_headers.clone()
    }

    /// Quirks worth knowing, for people.
    #[getter]
    fn notes(&self) -> &str {
        &self.inner.notes
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Provider(name={}, signature_method={}, placement={}, realm={})",
            repr_opt(py, Some(&self.inner.name))?,
            repr_opt(py, Some(self.inner.signature_method.name()))?,
            repr_opt(py, Some(self.inner.placement.as_str()))?,
            repr_opt(py, self.inner.realm.as_deref())?,
        ))
    }
}
