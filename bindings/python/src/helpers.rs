//! The core's building blocks as module functions: encoding, base string parts, the
//! HMAC primitive, body hash, header parsing and Problem Reporting helpers.

use crate::convert::{self, Body};
use crate::errors::IntoPyResult;
use oauth1::{Error, Problem, Rejection, SignatureMethod};
use pyo3::prelude::*;
use pyo3::types::PyModule;

/// Percent-encodes per RFC 5849 section 3.6 (`str` is taken as UTF-8).
#[pyfunction]
fn percent_encode(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(oauth1::percent_encode(Body::extract(value)?.as_bytes()))
}

/// The base string URI of a URL (RFC 5849 section 3.4.1.2).
#[pyfunction]
fn base_string_uri(py: Python<'_>, url: &str) -> PyResult<String> {
    oauth1::base_string_uri(url).py(py)
}

/// The normalised request parameters of a URL's query and an optional form body
/// (RFC 5849 section 3.4.1.3.2), without protocol parameters.
#[pyfunction]
#[pyo3(signature = (url, body=None, content_type=None))]
fn normalized_parameters(
    py: Python<'_>,
    url: &str,
    body: Option<&Bound<'_, PyAny>>,
    content_type: Option<&str>,
) -> PyResult<String> {
    let body = convert::optional_body(body)?;
    oauth1::normalized_parameters(url, body.as_ref().map(Body::as_bytes), content_type).py(py)
}

/// The base64 HMAC of `message` under `key` with an HMAC signature method
/// (RFC 5849 section 3.4.2).
#[pyfunction]
fn hmac_signature(
    py: Python<'_>,
    signature_method: &str,
    key: &Bound<'_, PyAny>,
    message: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let method = convert::signature_method(py, signature_method)?;
    let key = Body::extract(key)?;
    let message = Body::extract(message)?;
    oauth1::hmac_signature(method, key.as_bytes(), message.as_bytes()).py(py)
}

/// The `oauth_body_hash` of a body: base64 of its digest with the signature method's
/// hash (SHA-1 for PLAINTEXT).
#[pyfunction]
#[pyo3(signature = (body, signature_method="HMAC-SHA1"))]
fn body_hash(py: Python<'_>, body: &Bound<'_, PyAny>, signature_method: &str) -> PyResult<String> {
    let method: SignatureMethod = convert::signature_method(py, signature_method)?;
    Ok(method.body_hash(Body::extract(body)?.as_bytes()))
}

/// Whether a Content-Type names a form body (`application/x-www-form-urlencoded`,
/// any case, parameters allowed): the bodies whose pairs are signed.
#[pyfunction]
#[pyo3(signature = (content_type))]
fn is_form_content_type(content_type: Option<&str>) -> bool {
    oauth1::is_form_content_type(content_type)
}

/// A fresh random nonce: 32 characters of `[A-Za-z0-9]` from the OS CSPRNG.
#[pyfunction]
fn generate_nonce(py: Python<'_>) -> PyResult<String> {
    oauth1::generate_nonce().py(py)
}

/// Parses an `Authorization: OAuth …` header value into `(name, value)` pairs,
/// values percent-decoded (RFC 5849 section 3.5.1).
#[pyfunction]
fn parse_authorization_header(py: Python<'_>, value: &str) -> PyResult<Vec<(String, String)>> {
    oauth1::parse_authorization_header(value).py(py)
}

/// Turns a `timestamp_refused` answer (a `WWW-Authenticate` value or a form-encoded
/// body) into the clock offset for `Signer(clock_offset=...)`; `now` defaults to the
/// system clock.
#[pyfunction]
#[pyo3(signature = (answer, now=None))]
fn clock_offset_from_problem(py: Python<'_>, answer: &str, now: Option<i64>) -> PyResult<i64> {
    let now = match convert::timestamp(py, now, "now")? {
        Some(now) => now,
        None => convert::unix_now(py)?,
    };
    oauth1::clock_offset_from_problem(answer, now).py(py)
}

/// The `WWW-Authenticate` value for a verification failure; used by
/// `VerificationError.www_authenticate`.
#[pyfunction]
#[pyo3(name = "_www_authenticate", signature = (
    problem, realm=None, acceptable_timestamps=None, parameters_absent=None,
    parameters_rejected=None
))]
fn www_authenticate(
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

/// Adds the functions and constants to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(percent_encode, m)?)?;
    m.add_function(wrap_pyfunction!(base_string_uri, m)?)?;
    m.add_function(wrap_pyfunction!(normalized_parameters, m)?)?;
    m.add_function(wrap_pyfunction!(hmac_signature, m)?)?;
    m.add_function(wrap_pyfunction!(body_hash, m)?)?;
    m.add_function(wrap_pyfunction!(generate_nonce, m)?)?;
    m.add_function(wrap_pyfunction!(is_form_content_type, m)?)?;
    m.add_function(wrap_pyfunction!(parse_authorization_header, m)?)?;
    m.add_function(wrap_pyfunction!(clock_offset_from_problem, m)?)?;
    m.add_function(wrap_pyfunction!(www_authenticate, m)?)?;
    let methods: Vec<&str> = SignatureMethod::ALL.iter().map(|m| m.name()).collect();
    m.add(
        "SIGNATURE_METHODS",
        pyo3::types::PyTuple::new(m.py(), methods)?,
    )?;
    let problems: Vec<&str> = Problem::ALL.iter().map(|p| p.name()).collect();
    m.add("PROBLEMS", pyo3::types::PyTuple::new(m.py(), problems)?)?;
    m.add(
        "ENV_VARS",
        pyo3::types::PyTuple::new(m.py(), oauth1::ENV_VARS)?,
    )?;
    Ok(())
}
