//! `redirectHop`: what to send after a redirect. A signature covers one method and
//! one URL (RFC 5849 section 3.4.1), so each hop is signed anew, and a hop to an
//! origin the caller did not trust is sent with no OAuth parameters at all. The
//! rules are the core's ([`oauth1::redirect_hop`]); `signedFetch` and the axios
//! interceptor follow redirects with it.

use crate::args::{self, described};
use crate::error::{Outcome, argument, throwing};
use napi::ValueType;
use napi::bindgen_prelude::{Env, FromNapiValue, JsValue, Unknown};
use napi_derive::napi;

/// What to send for one redirect hop.
#[napi(object, object_from_js = false)]
pub struct RedirectHop {
    /// The next request's method: `GET` after a 303 (HEAD stays HEAD) and after a
    /// 301 or 302 answering a POST; otherwise the method unchanged.
    pub method: String,
    /// The `Location`, resolved against the URL redirected from (RFC 3986 section 5.2),
    /// without a fragment.
    pub url: String,
    /// Whether the next request carries the body again.
    pub keep_body: bool,
    /// Whether the next request is signed: the same origin (scheme, host, port) as
    /// `url`, or one of the trusted origins. When `false`, send it with no OAuth
    /// parameters and no `Authorization` header.
    pub sign: bool,
}

/// The next hop after an answer with `status` and a `Location` of `location` to a
/// request of `method` to `url`, or `null` when `status` is not 301, 302, 303, 307
/// or 308. `trustedOrigins` (such as `https://api.example.com:8443`) are origins
/// whose hops are signed although they differ from `url`'s.
/// Throws `invalid_url` (a Location or trusted origin that does not parse, an empty
/// Location) or `unsupported_scheme` (a Location that is not http or https).
///
/// ```js
/// redirectHop(303, 'POST', 'https://api.example.com/a', '/b?x=1')
/// // { method: 'GET', url: 'https://api.example.com/b?x=1', keepBody: false, sign: true }
/// ```
#[napi(
    js_name = "redirectHop",
    ts_args_type = "status: number, method: string, url: string, location: string, trustedOrigins?: string[]"
)]
pub fn redirect_hop(
    env: Env,
    status: Unknown,
    method: Unknown,
    url: Unknown,
    location: Unknown,
    trusted_origins: Option<Unknown>,
) -> napi::Result<Option<RedirectHop>> {
    const WHAT: &str = "redirectHop";
    throwing(&env, || {
        let status = args::required(
            args::integer(args::positional(status)?, WHAT, "status")?,
            WHAT,
            "status",
        )?;
        let status = u16::try_from(status)
            .ok()
            .filter(|s| (100..=599).contains(s))
            .ok_or_else(|| argument(format!("{WHAT}: `status` {status} is not an HTTP status")))?;
        let method = args::text(method, WHAT, "method")?;
        let url = args::text(url, WHAT, "url")?;
        let location = args::text(location, WHAT, "location")?;
        let trusted = origins(args::optional(trusted_origins)?)?;
        let trusted: Vec<&str> = trusted.iter().map(String::as_str).collect();
        let hop = oauth1::redirect_hop(status, &method, &url, &location, &trusted)?;
        Ok(hop.map(|hop| RedirectHop {
            method: hop.method,
            url: hop.url,
            keep_body: hop.keep_body,
            sign: hop.sign,
        }))
    })
}

/// The trusted origins: an array of strings.
fn origins(value: Option<(Unknown<'_>, ValueType)>) -> Outcome<Vec<String>> {
    const EXPECTED: &str = "redirectHop: `trustedOrigins` must be an array of strings";
    let Some((value, kind)) = value else {
        return Ok(Vec::new());
    };
    if kind != ValueType::Object || !value.is_array()? {
        return Err(argument(format!(
            "{EXPECTED}, got {}",
            described(value, kind)?
        )));
    }
    let mut out = Vec::new();
    for item in Vec::<Unknown>::from_unknown(value)? {
        let item_kind = item.get_type()?;
        if item_kind != ValueType::String {
            return Err(argument(format!(
                "{EXPECTED}; one is {}",
                described(item, item_kind)?
            )));
        }
        out.push(String::from_unknown(item)?);
    }
    Ok(out)
}
