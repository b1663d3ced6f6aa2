//! Following a redirect with a signed request. A signature covers one method and one
//! URL (RFC 5849 section 3.4.1), so every hop needs its own, and a hop to another
//! origin must not carry the credentials' signature at all unless the caller trusts it.

use crate::error::Error;

/// What to send for one redirect hop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectHop {
    /// The method of the next request: `GET` after a 303 (HEAD stays HEAD) and after
    /// a 301 or 302 answering a POST, as browsers, fetch and requests do; otherwise
    /// the method unchanged.
    pub method: String,
    /// The `Location`, resolved against the request's URL (RFC 3986 section 5.2).
    pub url: String,
    /// Whether the next request carries the body again (the method did not change).
    pub keep_body: bool,
    /// Whether the next request is signed: the target has the same origin (scheme,
    /// host, port) as the request, or one of the trusted origins. When `false`, send
    /// it with no OAuth parameters and no `Authorization` header, and sign no later
    /// hop of the chain either: an untrusted origin must not be able to redirect the
    /// client into a signed request of its choosing.
    pub sign: bool,
}

fn parse(url: &str, what: &str) -> Result<url::Url, Error> {
    url::Url::parse(url).map_err(|e| Error::url(format!("the {what} does not parse: {e}")))
}

/// A trusted origin as the caller wrote it: `https://host` or `https://host:port`.
/// Anything else (`host:443`, a path, another scheme) would never match, silently.
fn trusted_origin(origin: &str) -> Result<url::Origin, Error> {
    let refuse = |why: &str| {
        Err(Error::option(format!(
            "the trusted origin {:?} {why}: write it as https://host or https://host:port",
            crate::url::truncate(origin)
        )))
    };
    let Ok(parsed) = url::Url::parse(origin) else {
        return refuse("does not parse");
    };
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return refuse("is not an http or https origin");
    }
    if parsed.path() != "/" || parsed.query().is_some() || parsed.fragment().is_some() {
        return refuse("has a path, query or fragment");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return refuse("has user information");
    }
    Ok(parsed.origin())
}

/// The next hop after a redirect answer, or `None` when `status` is not a redirect
/// (301, 302, 303, 307, 308).
///
/// `url` is the URL the request went to and `location` the answer's `Location`
/// (absolute or relative). `trusted_origins` are origins such as
/// `https://api.example.com` or `https://api.example.com:8443` whose hops are signed
/// although they differ from `url`'s. A downgrade from https to http changes the
/// origin, so it is never signed unless trusted.
///
/// ```
/// let hop = oauth1::redirect_hop(303, "POST", "https://api.example.com/a", "/b?x=1", &[])?.unwrap();
/// assert_eq!((hop.method.as_str(), hop.url.as_str()), ("GET", "https://api.example.com/b?x=1"));
/// assert!(hop.sign && !hop.keep_body);
///
/// let hop = oauth1::redirect_hop(307, "POST", "https://api.example.com/a", "https://cdn.example.net/b", &[])?.unwrap();
/// assert!(!hop.sign && hop.keep_body);
/// # Ok::<(), oauth1::Error>(())
/// ```
pub fn redirect_hop(
    status: u16,
    method: &str,
    url: &str,
    location: &str,
    trusted_origins: &[&str],
) -> Result<Option<RedirectHop>, Error> {
    if !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let from = parse(url, "request URL")?;
    let location = location.trim();
    if location.is_empty() {
        return Err(Error::url(format!(
            "the {status} redirect has no Location to follow"
        )));
    }
    let to = from
        .join(location)
        .map_err(|e| Error::url(format!("the redirect's Location does not parse: {e}")))?;
    if !matches!(to.scheme(), "http" | "https") {
        return Err(Error::UnsupportedScheme {
            scheme: crate::url::truncate(to.scheme()).to_owned(),
        });
    }
    let upper = method.to_ascii_uppercase();
    let method = match status {
        303 if upper != "HEAD" => "GET".to_owned(),
        301 | 302 if upper == "POST" => "GET".to_owned(),
        _ => method.to_owned(),
    };
    let keep_body = method.eq_ignore_ascii_case(&upper) && method != "GET" && method != "HEAD";
    let origin = to.origin();
    let mut sign = origin == from.origin();
    for trusted in trusted_origins {
        sign |= trusted_origin(trusted)? == origin;
    }
    let mut url = String::from(to);
    // Url::join keeps the Location's fragment; requests never send one.
    if let Some(at) = url.find('#') {
        url.truncate(at);
    }
    Ok(Some(RedirectHop {
        method,
        url,
        keep_body,
        sign,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(status: u16, method: &str, location: &str) -> RedirectHop {
        redirect_hop(status, method, "https://h.example/a/b?q=1", location, &[])
            .unwrap()
            .unwrap()
    }

    #[test]
    fn methods_follow_what_clients_do() {
        for (status, method, next, body) in [
            (301, "POST", "GET", false),
            (302, "POST", "GET", false),
            (303, "POST", "GET", false),
            (303, "PUT", "GET", false),
            (303, "HEAD", "HEAD", false),
            (307, "POST", "POST", true),
            (308, "PUT", "PUT", true),
            (301, "PUT", "PUT", true),
            (302, "GET", "GET", false),
        ] {
            let h = hop(status, method, "/x");
            assert_eq!(
                (h.method.as_str(), h.keep_body),
                (next, body),
                "{status} {method}"
            );
        }
        assert_eq!(redirect_hop(200, "GET", "https://h/", "/x", &[]), Ok(None));
        assert_eq!(redirect_hop(304, "GET", "https://h/", "/x", &[]), Ok(None));
    }

    #[test]
    fn locations_resolve_against_the_request() {
        assert_eq!(hop(302, "GET", "c?x=1").url, "https://h.example/a/c?x=1");
        assert_eq!(hop(302, "GET", "../c").url, "https://h.example/c");
        assert_eq!(hop(302, "GET", "?y=2").url, "https://h.example/a/b?y=2");
        assert_eq!(
            hop(302, "GET", "//h.example/d#f").url,
            "https://h.example/d"
        );
        assert!(hop(302, "GET", "https://H.EXAMPLE:443/e").sign);
    }

    #[test]
    fn only_the_same_or_a_trusted_origin_is_signed() {
        assert!(!hop(307, "GET", "http://h.example/a").sign, "https to http");
        assert!(
            !hop(307, "GET", "https://h.example:8443/a").sign,
            "another port"
        );
        assert!(!hop(307, "GET", "https://other.example/a").sign);
        let trusted = ["https://other.example"];
        let h = redirect_hop(
            307,
            "GET",
            "https://h.example/",
            "https://other.example/x",
            &trusted,
        );
        assert!(h.unwrap().unwrap().sign);
    }

    #[test]
    fn bad_locations_are_errors() {
        let err =
            |location: &str| redirect_hop(302, "GET", "https://h/", location, &[]).unwrap_err();
        assert_eq!(err("").code(), "invalid_url");
        assert_eq!(err("ftp://h/x").code(), "unsupported_scheme");
        assert_eq!(err("http://[::1").code(), "invalid_url");
        for origin in [
            "not a url",
            "api.example.com:443",
            "ftp://h",
            "https://h/path",
            "https://h?q",
            "https://u@h",
        ] {
            let bad_trust = redirect_hop(302, "GET", "https://h/", "/x", &[origin]);
            assert_eq!(bad_trust.unwrap_err().code(), "invalid_option", "{origin}");
        }
        let slash = redirect_hop(
            302,
            "GET",
            "https://h/",
            "https://t:8443/x",
            &["https://t:8443/"],
        );
        assert!(slash.unwrap().unwrap().sign);
    }
}
