//! Following a redirect with a signed request, for applications that follow redirects
//! themselves: a signature covers one method and one URL (RFC 5849 section 3.4.1), so
//! each hop is signed anew, or not at all when it leaves the origin.

use crate::args::{out_arg, str_arg, strings_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::give_pair;
use std::ffi::c_char;

/// What to send after a redirect answer: `status` is the answer's status, `method`
/// and `url` the request that got it, `location` its `Location` header (absolute or
/// relative). `trusted_origins` is NULL or a NULL-terminated array of origins such as
/// `"https://api.example.com"` or `"https://api.example.com:8443"` whose hops are
/// signed although they differ from `url`'s.
///
/// On `OAUTH1_OK`: `*next_method` is the next request's method (`GET` after a 303,
/// HEAD staying HEAD, and after a 301 or 302 answering a POST; else unchanged) and
/// `*next_url` its URL (the `Location` resolved against `url`, RFC 3986 section 5.2),
/// both new strings; `*keep_body` says whether it carries the body again; `*sign`
/// whether to sign it with a fresh signature for its own method and URL (the same
/// origin as `url`, or a trusted one). When `*sign` is false, send it with no
/// `Authorization` header and no OAuth parameters. A status other than 301, 302, 303,
/// 307 and 308 is `OAUTH1_ERR_NOT_AVAILABLE` (no redirect to follow); a URL or
/// `Location` that does not parse is `OAUTH1_ERR_INVALID_URL`, and a target neither
/// http nor https `OAUTH1_ERR_UNSUPPORTED_SCHEME`. Follow at most a few hops (browsers
/// stop at 20, most HTTP clients at 10 or fewer).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_redirect_hop(
    status: u16,
    method: *const c_char,
    url: *const c_char,
    location: *const c_char,
    trusted_origins: *const *const c_char,
    next_method: *mut *mut c_char,
    next_url: *mut *mut c_char,
    keep_body: *mut bool,
    sign: *mut bool,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (method, url, location, trusted, outs, keep_body, sign) = unsafe {
            (
                str_arg(method)?,
                str_arg(url)?,
                str_arg(location)?,
                strings_arg(trusted_origins)?,
                (out_arg(next_method)?, out_arg(next_url)?),
                out_arg(keep_body)?,
                out_arg(sign)?,
            )
        };
        let hop = oauth1_core::redirect_hop(status, method, url, location, &trusted)?
            .ok_or(OAUTH1_ERR_NOT_AVAILABLE)?;
        give_pair(outs, (&hop.method, &hop.url))?;
        keep_body.write(hop.keep_body);
        sign.write(hop.sign);
        Ok(())
    }
}
