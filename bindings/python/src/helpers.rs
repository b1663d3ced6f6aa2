//! The core's building blocks as module functions: encoding, base string parts, the
//! HMAC primitive, body hash, header parsing and Problem Reporting helpers.

use crate::convert::{self, Body};
use crate::errors::IntoPyResult;
use oauth1::{Error, Problem, Rejection, SignatureMethod};
use pyo3::prelude::*;

/// Percent-encodes per RFC 5849 section 3.6 (`str` is taken as UTF-8).
#[pyfunction]
pub fn percent_encode(#[pyo3(from_py_with = Body::extract)] value: Body) -> String {
    oauth1::percent_encode(value.as_bytes())
}

/// The base string URI of a URL (RFC 5849 section 3.4.1.2).
#[pyfunction]
pub fn base_string_uri(py: Python<'_>, url: &str) -> PyResult<String> {
    oauth1::base_string_uri(url).py(py)
}

/// The normalised request parameters of a URL's query and an optional form body
/// (RFC 5849 section 3.4.1.3.2), without protocol parameters.
#[pyfunction]
#[pyo3(signature = (url, body=None, content_type=None))]
pub fn normalized_parameters(
    py: Python<'_>,
    url: &str,
    #[pyo3(from_py_with = convert::body)] body: Option<Body>,
    content_type: Option<&str>,
) -> PyResult<String> {
    oauth1::normalized_parameters(url, body.as_ref().map(Body::as_bytes), content_type).py(py)
}

/// The base64 HMAC of `message` under `key` with an HMAC signature method
/// (RFC 5849 section 3.4.2).
#[pyfunction]
pub fn hmac_signature(
    py: Python<'_>,
    signature_method: &str,
    #[pyo3(from_py_with = Body::extract)] key: Body,
    #[pyo3(from_py_with = Body::extract)] message: Body,
) -> PyResult<String> {
    let method = signature_method.parse().py(py)?;
    oauth1::hmac_signature(method, key.as_bytes(), message.as_bytes()).py(py)
}

/// The `oauth_body_hash` of a body: base64 of its digest with the signature method's
/// hash (SHA-1 for PLAINTEXT); `None` is the core's default method.
#[pyfunction]
#[pyo3(signature = (body, signature_method=None))]
pub fn body_hash(
    #[pyo3(from_py_with = Body::extract)] body: Body,
    #[pyo3(from_py_with = convert::name)] signature_method: Option<SignatureMethod>,
) -> String {
    signature_method
        .unwrap_or_default()
        .body_hash(body.as_bytes())
}

/// Whether a Content-Type names a form body (`application/x-www-form-urlencoded`,
/// any case, parameters allowed): the bodies whose pairs are signed.
#[pyfunction]
#[pyo3(signature = (content_type))]
pub fn is_form_content_type(content_type: Option<&str>) -> bool {
    oauth1::is_form_content_type(content_type)
}

/// A fresh random nonce: 32 characters of `[A-Za-z0-9]` from the OS CSPRNG.
#[pyfunction]
pub fn generate_nonce(py: Python<'_>) -> PyResult<String> {
    oauth1::generate_nonce().py(py)
}

/// Parses an `Authorization: OAuth …` header value into `(name, value)` pairs,
/// values percent-decoded (RFC 5849 section 3.5.1).
#[pyfunction]
pub fn parse_authorization_header(py: Python<'_>, value: &str) -> PyResult<Vec<(String, String)>> {
    oauth1::parse_authorization_header(value).py(py)
}

/// Turns a `timestamp_refused` answer (a `WWW-Authenticate` value or a form-encoded
/// body) into the clock offset for `Signer(clock_offset=...)`; `now` defaults to the
/// system clock.
#[pyfunction]
#[pyo3(signature = (answer, now=None))]
pub fn clock_offset_from_problem(
    py: Python<'_>,
    answer: &str,
    #[pyo3(from_py_with = convert::now)] now: Option<u64>,
) -> PyResult<i64> {
    let now = now.map_or_else(oauth1::unix_now, Ok).py(py)?;
    oauth1::clock_offset_from_problem(answer, now).py(py)
}

/// The `WWW-Authenticate` value for a verification failure; used by
/// `VerificationError.www_authenticate`.
#[pyfunction]
#[pyo3(name = "_www_authenticate", signature = (
    problem, realm=None, acceptable_timestamps=None, parameters_absent=None,
    parameters_rejected=None
))]
pub fn www_authenticate(
    py: Python<'_>,
    problem: &str,
    realm: Option<&str>,
    acceptable_timestamps: Option<(u64, u64)>,
    parameters_absent: Option<Vec<String>>,
    parameters_rejected: Option<Vec<String>>,
) -> PyResult<String> {
    let Some(problem) = Problem::ALL.into_iter().find(|p| p.name() == problem) else {
        return Err(Error::InvalidOption {
            reason: format!("unknown OAuth problem {problem:?}"),
        })
        .py(py);
    };
    // The core names absent parameters with static strings; only protocol parameter
    // names can be absent, so unknown names are dropped.
    let parameters_absent = parameters_absent
        .unwrap_or_default()
        .iter()
        .filter_map(|n| oauth1::PROTOCOL_PARAMETERS.into_iter().find(|k| k == n))
        .collect();
    let rejection = Rejection {
        problem,
        reason: String::new(),
        acceptable_timestamps,
        parameters_absent,
        parameters_rejected: parameters_rejected.unwrap_or_default(),
        base_string: None,
    };
    Ok(rejection.www_authenticate(realm))
}
