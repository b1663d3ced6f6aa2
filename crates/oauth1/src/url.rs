//! Splitting a request URL and building its base string URI (RFC 5849 section 3.4.1.2).
//!
//! The parser is deliberately small: OAuth needs the scheme, host, port, path and
//! query exactly as they go on the wire, and a general URL library would normalise
//! the path (dot segments, escapes) in ways the server does not.

use crate::encode::class;
use crate::error::Error;

/// A request URL split into the parts that OAuth signs; every field borrows the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RequestUrl<'a> {
    /// `true` for https, `false` for http.
    pub https: bool,
    /// The host as given (not yet lower-cased), with brackets for IPv6 literals.
    pub host: &'a str,
    /// Whether the host is only lower-case letters, digits, dots and dashes: written
    /// as it is into a base string URI.
    pub plain_host: bool,
    /// The port when one was given and it is not the scheme's default.
    pub port: Option<u16>,
    /// The path as given; empty when the URL has none.
    pub path: &'a str,
    /// The query without its `?`; empty when there is none.
    pub query: &'a str,
    /// Where the fragment (`#…`) starts in the input, or the input's length.
    pub end_of_query: usize,
}

impl<'a> RequestUrl<'a> {
    /// Splits `url`, checking what section 3.4.1.2 needs: an http or https scheme, a host,
    /// and a port that is a number below 65536.
    pub fn parse(url: &'a str) -> Result<Self, Error> {
        if url.is_empty() {
            return Err(Error::url("the URL is empty"));
        }
        let bytes = url.as_bytes();
        // A branch-free scan first (it vectorises); the search only runs on failure.
        if bytes.iter().fold(0u8, |any, &b| {
            any | u8::from(b < 0x20) | u8::from(b == 0x7f)
        }) != 0
        {
            let b = bytes
                .iter()
                .copied()
                .find(u8::is_ascii_control)
                .unwrap_or_default();
            return Err(Error::url(format!(
                "the URL contains the control character {:?}",
                char::from(b)
            )));
        }
        // `https://` and `http://` in any case; anything else takes the slow path,
        // which names what is wrong.
        let (https, authority_start) =
            if bytes.len() >= 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
                (true, 8)
            } else if bytes.len() >= 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
                (false, 7)
            } else {
                return Err(scheme_error(url));
            };
        let rest = &bytes[authority_start..];
        let authority_end =
            authority_start + memchr::memchr3(b'/', b'?', b'#', rest).unwrap_or(rest.len());
        let authority = &url[authority_start..authority_end];
        // Userinfo is not part of the base string URI.
        let host_port = match memchr::memrchr(b'@', authority.as_bytes()) {
            Some(at) => &authority[at + 1..],
            None => authority,
        };
        let (host, port_text) = split_host_port(host_port)?;
        if host.is_empty() {
            return Err(Error::url("the URL has no host"));
        }
        let plain_host = check_host(host)?;
        let default_port = if https { 443 } else { 80 };
        let port = match port_text {
            None | Some("") => None,
            Some(p) => {
                if !p.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(Error::url(format!(
                        "the port {:?} is not a number",
                        truncate(p)
                    )));
                }
                let n: u32 = p.parse().unwrap_or(u32::MAX);
                let n = u16::try_from(n)
                    .map_err(|_| Error::url(format!("the port {} is above 65535", truncate(p))))?;
                (n != default_port).then_some(n)
            }
        };

        let after_authority = authority_end;
        let tail = &bytes[after_authority..];
        let path_end = memchr::memchr2(b'?', b'#', tail).unwrap_or(tail.len());
        let path = &url[after_authority..after_authority + path_end];
        let (query, end_of_query) = if tail.get(path_end) == Some(&b'?') {
            let query_start = after_authority + path_end + 1;
            let query_len =
                memchr::memchr(b'#', &bytes[query_start..]).unwrap_or(bytes.len() - query_start);
            (
                &url[query_start..query_start + query_len],
                query_start + query_len,
            )
        } else {
            ("", after_authority + path_end)
        };
        Ok(RequestUrl {
            https,
            host,
            plain_host,
            port,
            path,
            query,
            end_of_query,
        })
    }

    /// Appends the base string URI (section 3.4.1.2) to `out`, percent-encoded once more
    /// for the signature base string (section 3.4.1.1) when `for_base_string` is set.
    pub fn write_base_uri(&self, out: &mut String, for_base_string: bool) {
        let (scheme_sep, slash) = if for_base_string {
            ("%3A%2F%2F", "%2F")
        } else {
            ("://", "/")
        };
        out.push_str(if self.https { "https" } else { "http" });
        out.push_str(scheme_sep);
        // Most hosts are already lower-case letters, digits, dots and dashes: one copy.
        if self.plain_host {
            out.push_str(self.host);
        } else {
            // `check_host` let only ASCII through.
            for b in self.host.bytes().map(|b| b.to_ascii_lowercase()) {
                if !for_base_string || crate::encode::is_unreserved(b) {
                    crate::encode::push_ascii(out, b);
                } else {
                    crate::encode::push_escape::<false>(out, b);
                }
            }
        }
        if let Some(port) = self.port {
            out.push_str(if for_base_string { "%3A" } else { ":" });
            out.push_str(itoa::Buffer::new().format(port));
        }
        if self.path.is_empty() {
            out.push_str(slash);
            return;
        }
        if crate::encode::classes_of(self.path) & class::PLAIN_PATH != 0 {
            // The usual path, `/segment/segment`: only the slashes change.
            let mut start = 0;
            for (i, b) in self.path.bytes().enumerate() {
                if b == b'/' {
                    out.push_str(&self.path[start..i]);
                    out.push_str(slash);
                    start = i + 1;
                }
            }
            out.push_str(&self.path[start..]);
            return;
        }
        let mut rest = self.path;
        loop {
            // Copy runs of bytes that pass unchanged at once.
            let passes = |b: u8| {
                crate::encode::is_unreserved(b) || (!for_base_string && !must_escape_in_path(b))
            };
            let run = rest.bytes().position(|b| !passes(b)).unwrap_or(rest.len());
            // Every byte that passes is ASCII, so the run ends on a character boundary.
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            let Some(c) = rest.chars().next() else { break };
            let mut utf8 = [0u8; 4];
            for &b in c.encode_utf8(&mut utf8).as_bytes() {
                if !must_escape_in_path(b) {
                    // A reserved character the client sends as it is (`/`, `:`, an
                    // existing `%XX`): only the base string's own encoding applies.
                    crate::encode::push_escape::<false>(out, b);
                } else if for_base_string {
                    // What an HTTP client sends for this byte is its escape, so that is
                    // what the server sees and signs.
                    crate::encode::push_escape::<true>(out, b);
                } else {
                    crate::encode::push_escape::<false>(out, b);
                }
            }
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// Bytes an HTTP client percent-encodes before sending a path: controls, space,
/// `"`, `<`, `>`, `` ` ``, `{`, `}`, DEL and every non-ASCII byte (the WHATWG URL
/// path percent-encode set, which curl, requests and fetch all apply).
#[inline]
fn must_escape_in_path(b: u8) -> bool {
    b <= b' ' || b >= 0x7f || matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}')
}

/// Why `url` does not start with `http://` or `https://`.
#[cold]
fn scheme_error(url: &str) -> Error {
    let Some(colon) = url.find(':') else {
        return Error::url(format!(
            "{:?} has no scheme; expected an absolute URL such as https://host/path",
            truncate(url)
        ));
    };
    let scheme = &url[..colon];
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Error::UnsupportedScheme {
            scheme: truncate(scheme).to_owned(),
        };
    }
    Error::url("expected \"//\" and a host after the scheme")
}

fn split_host_port(host_port: &str) -> Result<(&str, Option<&str>), Error> {
    if host_port.starts_with('[') {
        let Some(close) = host_port.find(']') else {
            return Err(Error::url("an IPv6 host is missing its closing \"]\""));
        };
        let host = &host_port[..=close];
        let rest = &host_port[close + 1..];
        return match rest.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if rest.is_empty() => Ok((host, None)),
            None => Err(Error::url("unexpected characters after the IPv6 host")),
        };
    }
    Ok(match memchr::memrchr(b':', host_port.as_bytes()) {
        Some(c) => (&host_port[..c], Some(&host_port[c + 1..])),
        None => (host_port, None),
    })
}

/// Rejects hosts an HTTP client could not send as they are: OAuth signs the host the
/// server sees, and for an internationalised name that is its punycode form. Returns
/// whether the host is plain: lower-case letters, digits, dots and dashes only.
fn check_host(host: &str) -> Result<bool, Error> {
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').unwrap_or(inner);
        if inner.is_empty()
            || !inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(Error::url(format!(
                "{:?} is not an IPv6 address",
                truncate(host)
            )));
        }
        return Ok(false);
    }
    // One pass classifies every byte; the search for what is wrong only runs on failure.
    let classes = crate::encode::classes_of(host);
    if classes & class::HOST == 0 {
        if !host.is_ascii() {
            return Err(Error::url(format!(
                "the host {:?} is not ASCII; give its punycode (xn--) form, which is what is sent",
                truncate(host)
            )));
        }
        let b = host
            .bytes()
            .find(|&b| !(crate::encode::is_unreserved(b) || b == b'%'))
            .unwrap_or_default();
        return Err(Error::url(format!(
            "the host {:?} contains {:?}, which is not allowed in a host name",
            truncate(host),
            char::from(b)
        )));
    }
    Ok(classes & class::PLAIN_HOST != 0)
}

/// Shortens user input quoted in an error message.
pub(crate) fn truncate(s: &str) -> &str {
    const MAX: usize = 80;
    if s.len() <= MAX {
        return s;
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The base string URI of `url` per RFC 5849 section 3.4.1.2: scheme and host
/// lower-cased, the default port dropped, an empty path made `/`, query and
/// fragment excluded, and characters an HTTP client escapes taken as their escapes.
///
/// ```
/// assert_eq!(
///     oauth1::base_string_uri("HTTP://Example.COM:80/a b?q=1#f").unwrap(),
///     "http://example.com/a%20b"
/// );
/// assert!(oauth1::base_string_uri("ftp://example.com/").is_err());
/// ```
pub fn base_string_uri(url: &str) -> Result<String, Error> {
    let parsed = RequestUrl::parse(url)?;
    let mut out = String::with_capacity(url.len() + 8);
    parsed.write_base_uri(&mut out, false);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_parts() {
        let u = RequestUrl::parse("https://user:pw@Host.example:8443/a/b?x=1&y#frag").unwrap();
        assert!(u.https);
        assert_eq!(u.host, "Host.example");
        assert_eq!(u.port, Some(8443));
        assert_eq!(u.path, "/a/b");
        assert_eq!(u.query, "x=1&y");
    }

    #[test]
    fn rejects_bad_urls() {
        for bad in [
            "",
            "example.com/x",
            "ftp://example.com/",
            "http:/example.com",
            "http://",
            "http://:80/",
            "http://host:99999/",
            "http://host:8a/",
            "http://[::1/",
            "http://exa mple.com/",
            "http://bücher.de/",
            "http://host/\n",
        ] {
            assert!(
                RequestUrl::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn base_string_forms() {
        for (url, want) in [
            ("http://h//a//b/", "http%3A%2F%2Fh%2F%2Fa%2F%2Fb%2F"),
            ("http://h/a b/~x", "http%3A%2F%2Fh%2Fa%2520b%2F~x"),
            (
                "HTTPS://H.Example:8443/%7E",
                "https%3A%2F%2Fh.example%3A8443%2F%257E",
            ),
            ("http://u:p@h_1.example", "http%3A%2F%2Fh_1.example%2F"),
            ("http://[::1]:80/x", "http%3A%2F%2F%5B%3A%3A1%5D%2Fx"),
        ] {
            let mut out = String::new();
            RequestUrl::parse(url)
                .unwrap()
                .write_base_uri(&mut out, true);
            assert_eq!(out, want, "{url}");
        }
    }

    #[test]
    fn escapes_what_clients_escape() {
        assert_eq!(
            base_string_uri("http://h/a b/é").unwrap(),
            "http://h/a%20b/%C3%A9"
        );
        assert_eq!(base_string_uri("http://h/a%20b").unwrap(), "http://h/a%20b");
        assert_eq!(base_string_uri("http://h:/x").unwrap(), "http://h/x");
    }
}
