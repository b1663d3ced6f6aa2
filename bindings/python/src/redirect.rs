//! `redirect_hop`: the core's decision for one redirect hop of a signed request, so the
//! requests, httpx and aiohttp adapters of `oauth1.integrations` and `oauth1.aiohttp`
//! share one rule. A signature covers one method and one URL (RFC 5849 section
//! 3.4.1), so every hop is signed again, or not at all when it leaves the origin.

use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// The next hop after a redirect answer: `(method, url, keep_body, sign)`, or `None`
/// when `status` is not 301, 302, 303, 307 or 308.
///
/// `url` is the URL the request went to, `location` the answer's `Location` (resolved
/// against `url`, RFC 3986 section 5.2). `sign` is true when the target has the same
/// origin as `url` or one of `trusted_origins` (`"https://api.example.com[:port]"`);
/// when false the hop goes out with no OAuth parameters at all.
#[pyfunction]
#[pyo3(
    signature = (status, method, url, location, trusted_origins=Vec::new()),
    text_signature = "(status, method, url, location, trusted_origins=())"
)]
pub fn redirect_hop(
    py: Python<'_>,
    status: u16,
    method: &str,
    url: &str,
    location: &str,
    trusted_origins: Vec<String>,
) -> PyResult<Option<(String, String, bool, bool)>> {
    let trusted: Vec<&str> = trusted_origins.iter().map(String::as_str).collect();
    let hop = oauth1::redirect_hop(status, method, url, location, &trusted).py(py)?;
    Ok(hop.map(|h| (h.method, h.url, h.keep_body, h.sign)))
}
