//! `oauth1._native.Flow`: the core's three-legged flow (RFC 5849 section 2), which
//! `oauth1.OAuth1Session` and `oauth1.AsyncOAuth1Session` drive over their HTTP client.

use crate::convert::{self, Body, repr_opt};
use crate::errors::IntoPyResult;
use crate::keys;
use crate::provider::{self, PyProvider};
use crate::signer::PySigner;
use oauth1::{
    Endpoint, Error, Flow, Placement, ProviderAnswer, RsaPrivateKey, SignatureMethod, Signer,
    SignerBuilder, SignerOptions, TokenResponse,
};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyDict;
use std::collections::BTreeMap;

/// The three-legged flow's state: the consumer, the temporary credentials, the
/// verifier and the token credentials. The caller sends each request with the signer
/// it gets here and hands back the provider's answer.
#[pyclass(name = "Flow", module = "oauth1._native")]
pub struct PyFlow {
    inner: Flow,
    /// The consumer alone, for `consumer_signer` (two-legged calls).
    consumer: SignerBuilder,
    /// The consumer key, for `repr()`.
    consumer_key: String,
    /// The verifier as accepted or set, for requests-oauthlib's `token` dictionary.
    verifier: Option<String>,
}

/// requests-oauthlib's token dictionary: `oauth_token`, `oauth_token_secret`, then
/// every other parameter of the answer in the order received.
fn token_dict<'py>(py: Python<'py>, response: &TokenResponse) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("oauth_token", &response.token)?;
    dict.set_item("oauth_token_secret", response.token_secret.expose())?;
    for (name, value) in &response.extra {
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

fn pair(response: Option<&TokenResponse>) -> Option<(String, String)> {
    response.map(|r| (r.token.clone(), r.token_secret.expose().to_owned()))
}

fn endpoint(name: &str) -> Result<Endpoint, Error> {
    match name {
        "request_token" => Ok(Endpoint::RequestToken),
        "authorize" => Ok(Endpoint::Authorize),
        "access_token" => Ok(Endpoint::AccessToken),
        other => Err(Error::InvalidOption {
            reason: format!(
                "unknown endpoint {other:?}: it is \"request_token\", \"authorize\" or \"access_token\""
            ),
        }),
    }
}

/// The arguments of an answer, as the HTTP client received it.
struct Answer {
    status: u16,
    body: Option<Body>,
    content_type: Option<PyBackedStr>,
    www_authenticate: Option<PyBackedStr>,
}

impl Answer {
    fn get(&self) -> ProviderAnswer<'_> {
        ProviderAnswer::new(self.status, self.body.as_ref().map_or(&[], Body::as_bytes))
            .content_type(self.content_type.as_deref())
            .www_authenticate(self.www_authenticate.as_deref())
    }
}

#[pymethods]
impl PyFlow {
    /// A flow for the consumer: key and secret (or RSA `private_key`), the signing
    /// options of `oauth1.Signer`, the `callback` of the temporary-credentials request
    /// (`"oob"` unless given or the preset's), and a `provider` preset applied before
    /// the options.
    #[new]
    #[pyo3(signature = (
        consumer_key, consumer_secret=None, *, signature_method=None, private_key=None,
        realm=None, version=None, body_hash=None, clock_offset=None, placement=None,
        callback=None, provider=None, provider_values=None
    ))]
    fn new(
        py: Python<'_>,
        consumer_key: String,
        consumer_secret: Option<String>,
        #[pyo3(from_py_with = convert::name)] signature_method: Option<SignatureMethod>,
        #[pyo3(from_py_with = keys::private_key)] private_key: Option<RsaPrivateKey>,
        realm: Option<String>,
        version: Option<bool>,
        body_hash: Option<bool>,
        clock_offset: Option<i64>,
        #[pyo3(from_py_with = convert::name)] placement: Option<Placement>,
        callback: Option<String>,
        provider: Option<Bound<'_, PyAny>>,
        provider_values: Option<BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let preset = provider::resolve(py, provider.as_ref(), provider_values.as_ref())?;
        if consumer_secret.is_none() && private_key.is_none() {
            let reason = "consumer_secret is missing: HMAC and PLAINTEXT sign with it \
                          (only the RSA methods, given a private_key, need none)";
            return Err(Error::InvalidCredentials {
                reason: reason.into(),
            })
            .py(py);
        }
        let mut consumer =
            Signer::builder(consumer_key.clone(), consumer_secret.unwrap_or_default());
        if let Some(preset) = &preset {
            consumer = consumer.provider(preset);
        }
        let consumer = consumer.options(SignerOptions {
            signature_method,
            private_key,
            realm,
            version,
            body_hash,
            clock_offset,
            callback: None,
            verifier: None,
            placement,
        });
        // Every signer of the flow comes from this builder: check its options now.
        consumer.clone().build().py(py)?;
        let mut inner = Flow::new(consumer.clone());
        if let Some(preset) = &preset {
            inner = inner.provider(preset);
        }
        if let Some(callback) = callback {
            inner = inner.callback(callback);
        }
        Ok(PyFlow {
            inner,
            consumer,
            consumer_key,
            verifier: None,
        })
    }

    /// The URL of `endpoint` (`"request_token"`, `"authorize"` or `"access_token"`):
    /// `url` when given, else the preset's; `InvalidOptionError` names the one missing.
    #[pyo3(signature = (endpoint, url=None))]
    fn endpoint(&self, py: Python<'_>, endpoint: &str, url: Option<&str>) -> PyResult<String> {
        let which = self::endpoint(endpoint).py(py)?;
        self.inner.endpoint(which, url).py(py)
    }

    /// The `oauth_callback` the temporary-credentials request carries.
    #[getter]
    fn callback(&self) -> &str {
        self.inner.callback_uri()
    }

    /// The preset the flow uses, if any.
    #[getter]
    fn provider(&self) -> Option<PyProvider> {
        self.inner.preset().map(|p| PyProvider { inner: p.clone() })
    }

    /// The consumer's signer without a token: two-legged calls (RFC 5849 section 3).
    fn consumer_signer(&self, py: Python<'_>) -> PyResult<PySigner> {
        let inner = self.consumer.clone().build().py(py)?;
        Ok(PySigner { inner })
    }

    /// Step 1 (section 2.1): the signer for the temporary-credentials request, with
    /// `oauth_callback` and no token.
    fn request_token_signer(&self, py: Python<'_>) -> PyResult<PySigner> {
        let inner = self.inner.request_token_signer().py(py)?;
        Ok(PySigner { inner })
    }

    /// Reads the answer to the temporary-credentials request and keeps the temporary
    /// credentials; returns requests-oauthlib's dictionary (`oauth_token`,
    /// `oauth_token_secret`, `oauth_callback_confirmed`, the provider's own).
    /// A refusal is `ProviderError` or the `VerificationError` it names, an answer
    /// that is not a form is `ResponseInvalidError`, one without
    /// `oauth_callback_confirmed=true` is `CallbackUnconfirmedError`.
    #[pyo3(signature = (status, body, *, content_type=None, www_authenticate=None))]
    fn accept_request_token<'py>(
        &mut self,
        py: Python<'py>,
        status: u16,
        #[pyo3(from_py_with = convert::body)] body: Option<Body>,
        content_type: Option<PyBackedStr>,
        www_authenticate: Option<PyBackedStr>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let answer = Answer {
            status,
            body,
            content_type,
            www_authenticate,
        };
        let response = self.inner.accept_request_token(&answer.get()).py(py)?;
        let dict = token_dict(py, response)?;
        self.verifier = None;
        Ok(dict)
    }

    /// Resumes with temporary credentials kept from step 1 (requests-oauthlib's
    /// `resource_owner_key` and `resource_owner_secret`).
    fn set_request_token(&mut self, token: String, secret: String) {
        self.inner.set_request_token(token, secret);
    }

    /// The temporary credentials as `(token, secret)`, once issued or set.
    #[getter]
    fn request_token(&self) -> Option<(String, String)> {
        pair(self.inner.request_token())
    }

    /// Step 2 (section 2.2): `authorize_url` (else the preset's) with the temporary
    /// token, the preset's parameters and `extra` (which override the preset's).
    #[pyo3(signature = (authorize_url=None, extra=Vec::new()))]
    fn authorization_url(
        &self,
        py: Python<'_>,
        authorize_url: Option<&str>,
        extra: Vec<(String, String)>,
    ) -> PyResult<String> {
        let url = self
            .inner
            .endpoint(Endpoint::Authorize, authorize_url)
            .py(py)?;
        let extra: Vec<(&str, &str)> = extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.inner.authorization_url(&url, &extra).py(py)
    }

    /// Reads the redirect back (a URL, or only its query) and keeps its verifier,
    /// which it returns. Another token than the temporary one, or none, is
    /// `TokenMismatchError`; a refusal (`denied`, `oauth_problem`) `ProviderError`;
    /// no verifier `ResponseInvalidError`.
    fn accept_authorization_response(&mut self, py: Python<'_>, url: &str) -> PyResult<String> {
        let verifier = self.inner.accept_authorization_response(url).py(py)?;
        self.verifier = Some(verifier.clone());
        Ok(verifier)
    }

    /// Sets the verifier the user typed in (out of band, section 2.2).
    fn set_verifier(&mut self, verifier: String) {
        self.verifier = Some(verifier.trim().to_owned());
        self.inner.set_verifier(verifier);
    }

    /// The verifier, once accepted or set.
    #[getter]
    fn verifier(&self) -> Option<&str> {
        self.verifier.as_deref()
    }

    /// Step 3 (section 2.3): the signer for the token-credentials request, with the
    /// temporary credentials and `oauth_verifier`.
    fn access_token_signer(&self, py: Python<'_>) -> PyResult<PySigner> {
        let inner = self.inner.access_token_signer().py(py)?;
        Ok(PySigner { inner })
    }

    /// Reads the answer to the token-credentials request and keeps the token
    /// credentials; returns requests-oauthlib's dictionary. The errors are those of
    /// `accept_request_token`, without the callback check.
    #[pyo3(signature = (status, body, *, content_type=None, www_authenticate=None))]
    fn accept_access_token<'py>(
        &mut self,
        py: Python<'py>,
        status: u16,
        #[pyo3(from_py_with = convert::body)] body: Option<Body>,
        content_type: Option<PyBackedStr>,
        www_authenticate: Option<PyBackedStr>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let answer = Answer {
            status,
            body,
            content_type,
            www_authenticate,
        };
        let response = self.inner.accept_access_token(&answer.get()).py(py)?;
        let dict = token_dict(py, response)?;
        // A verifier is good for one token request (section 2.3).
        self.verifier = None;
        Ok(dict)
    }

    /// Sets token credentials obtained earlier.
    fn set_access_token(&mut self, token: String, secret: String) {
        self.inner.set_access_token(token, secret);
    }

    /// The token credentials as `(token, secret)`, once issued or set.
    #[getter]
    fn access_token(&self) -> Option<(String, String)> {
        pair(self.inner.access_token())
    }

    /// The signer for API calls on the resource owner's behalf (section 3).
    fn signer(&self, py: Python<'_>) -> PyResult<PySigner> {
        let inner = self.inner.signer().py(py)?;
        Ok(PySigner { inner })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // No token and no secret: only how far the flow has come.
        let reached = |yes: bool| if yes { "True" } else { "False" };
        Ok(format!(
            "Flow(consumer_key={}, provider={}, callback={}, request_token={}, verifier={}, access_token={})",
            repr_opt(py, Some(&self.consumer_key))?,
            repr_opt(py, self.inner.preset().map(|p| p.name.as_str()))?,
            repr_opt(py, Some(self.inner.callback_uri()))?,
            reached(self.inner.request_token().is_some()),
            reached(self.verifier.is_some()),
            reached(self.inner.access_token().is_some()),
        ))
    }
}
