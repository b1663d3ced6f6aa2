//! Parsing the `Authorization: OAuth …` header (RFC 5849 section 3.5.1).

use crate::error::Error;

/// Parses an `Authorization` header value of the OAuth scheme into its parameters,
/// in the order given, with names and values percent-decoded (RFC 5849 section
/// 3.4.1.3.1 decodes both).
///
/// Per RFC 5849 section 3.5.1 the scheme name is `OAuth` (case-insensitive), each
/// parameter is `name="value"` with the value percent-encoded, and parameters are
/// separated by commas with optional white space. A missing quote, an unquoted value,
/// an invalid escape, a name or value that is not UTF-8 once decoded, or a parameter
/// given twice (section 3.5: parameters MUST NOT appear more than once) is an error
/// that says where, by byte offset. Errors never quote the header: a PLAINTEXT
/// signature in it is the signing key itself. They name a parameter only when it is
/// `realm` or an `oauth_` one.
///
/// ```
/// let pairs = oauth1::parse_authorization_header(
///     r#"OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_signature="r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D""#,
/// ).unwrap();
/// assert_eq!(pairs[0], ("realm".to_string(), "Example".to_string()));
/// assert_eq!(pairs[2].1, "r6/TJjbCOr97/+UU0NsvSne7s5g=");
/// assert!(oauth1::parse_authorization_header(r#"OAuth a="1", a="2""#).is_err());
/// ```
pub fn parse_authorization_header(value: &str) -> Result<Vec<(String, String)>, Error> {
    let trimmed = value.trim_start_matches(is_lws);
    let lead = value.len() - trimmed.len();
    let value = trimmed.trim_end_matches(is_lws);
    // Byte offsets in messages are counted in the value as given.
    let at = |rest: &str| lead + value.len() - rest.len();
    let scheme_end = value.find(is_lws).unwrap_or(value.len());
    if !value[..scheme_end].eq_ignore_ascii_case("OAuth") {
        return Err(Error::header(
            "the value does not start with the OAuth scheme (RFC 5849 section 3.5.1)",
        ));
    }
    let mut rest = value[scheme_end..].trim_start_matches(is_lws);
    let mut pairs: Vec<(String, String)> = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(',') {
            // Empty list elements are allowed (RFC 9110 section 5.6.1).
            rest = after.trim_start_matches(is_lws);
            continue;
        }
        let name_at = at(rest);
        let name_end = rest.find(|c: char| !is_token_char(c)).unwrap_or(rest.len());
        if name_end == 0 {
            return Err(Error::header(format!(
                "expected a parameter name at byte {name_at}"
            )));
        }
        let name = decode_name(&rest[..name_end], name_at)?;
        let shown = Shown(&name, name_at);
        rest = rest[name_end..].trim_start_matches(is_lws);
        let Some(after_eq) = rest.strip_prefix('=') else {
            if name.eq_ignore_ascii_case("OAuth") {
                // Two Authorization headers joined into one value (RFC 9110 section 5.3).
                return Err(Error::header(
                    "a second OAuth credential: the request carries more than one \
                     (two Authorization headers?); RFC 5849 section 3.5 allows one",
                ));
            }
            return Err(Error::header(format!("{shown} has no \"=\" and value")));
        };
        rest = after_eq.trim_start_matches(is_lws);
        let Some(after_quote) = rest.strip_prefix('"') else {
            return Err(Error::header(format!(
                "the value of {shown} must be in double quotes"
            )));
        };
        let Some(close) = after_quote.find('"') else {
            return Err(Error::header(format!(
                "the value of {shown} has no closing quote"
            )));
        };
        let decoded = decode_value(&after_quote[..close], shown, at(after_quote))?;
        rest = after_quote[close + 1..].trim_start_matches(is_lws);
        match rest.strip_prefix(',') {
            Some(after) => rest = after.trim_start_matches(is_lws),
            None if rest.is_empty() => {}
            None => {
                return Err(Error::header(format!(
                    "expected \",\" after the value of {shown}, at byte {}",
                    at(rest)
                )));
            }
        }
        pairs.push((name, decoded));
    }
    // Section 3.5: a parameter MUST NOT appear more than once. A set keeps this linear
    // for headers with very many parameters.
    let mut seen = std::collections::HashSet::with_capacity(pairs.len());
    if let Some(i) = pairs
        .iter()
        .position(|(name, _)| !seen.insert(name.as_str()))
    {
        return Err(Error::header(format!(
            "{} appears more than once",
            Shown(&pairs[i].0, None)
        )));
    }
    Ok(pairs)
}

/// How a message names a parameter: by its name when it is one of the protocol's,
/// otherwise by where it starts, so that no header text of unknown meaning is quoted.
#[derive(Clone, Copy)]
struct Shown<'a, P>(&'a str, P);

impl<P: Into<Option<usize>> + Copy> std::fmt::Display for Shown<'_, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let known = self.0 == "realm"
            || (self.0.starts_with("oauth_")
                && self.0.len() <= 40
                && self.0.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        match (known, self.1.into()) {
            (true, _) => f.write_str(self.0),
            (false, Some(at)) => write!(f, "the parameter at byte {at}"),
            (false, None) => f.write_str("a parameter"),
        }
    }
}

/// Percent-decodes a parameter name (section 3.4.1.3.1); it must be UTF-8.
fn decode_name(raw: &str, at: usize) -> Result<String, Error> {
    if !raw.contains('%') {
        return Ok(raw.to_owned());
    }
    check_escapes(raw.as_bytes(), at, "a parameter name")?;
    String::from_utf8(crate::encode::percent_decode(raw.as_bytes())).map_err(|_| {
        Error::header(format!(
            "the parameter name at byte {at} is not UTF-8 once decoded"
        ))
    })
}

/// Checks that every `%` in `bytes` (which start at byte `at` of the header) begins
/// a valid escape.
fn check_escapes(bytes: &[u8], at: usize, what: impl std::fmt::Display) -> Result<(), Error> {
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'%') {
        let pos = i + offset;
        if crate::encode::escaped_byte(bytes, pos).is_none() {
            return Err(Error::header(format!(
                "{what} has an invalid percent-escape at byte {}",
                at + pos
            )));
        }
        i = pos + 3;
    }
    Ok(())
}

/// Percent-decodes one header value strictly: every `%` must start a valid escape and
/// the result must be UTF-8.
fn decode_value(raw: &str, shown: Shown<'_, usize>, at: usize) -> Result<String, Error> {
    let bytes = raw.as_bytes();
    if let Some(pos) = bytes.iter().position(|&b| b == b'\\') {
        return Err(Error::header(format!(
            "the value of {shown} contains a backslash at byte {}; OAuth values are percent-encoded, not escaped",
            at + pos
        )));
    }
    check_escapes(bytes, at, format_args!("the value of {shown}"))?;
    String::from_utf8(crate::encode::percent_decode(bytes))
        .map_err(|_| Error::header(format!("the value of {shown} is not UTF-8 once decoded")))
}

fn is_lws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// RFC 9110 `tchar`.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_loose_spacing_and_case() {
        let pairs = parse_authorization_header("oauth   a=\"1\" ,b = \"x%20y\",, ").unwrap();
        assert_eq!(
            pairs,
            vec![("a".into(), "1".into()), ("b".into(), "x y".into())]
        );
        assert_eq!(parse_authorization_header("OAuth").unwrap(), vec![]);
    }

    #[test]
    fn decodes_names() {
        let pairs = parse_authorization_header(r#"OAuth oauth%5Fnonce="n""#).unwrap();
        assert_eq!(pairs, vec![("oauth_nonce".into(), "n".into())]);
    }

    #[test]
    fn messages_name_offsets_never_header_text() {
        let secret = "s3cr3t%26t0k3n";
        for bad in [
            format!("Basic {secret}"),
            format!("OAuth {secret}"),
            format!(r#"OAuth oauth_signature={secret}"#),
            format!(r#"OAuth oauth_signature="{secret}" x"#),
            format!(r#"OAuth oauth_signature="{secret}\""#),
            format!(r#"OAuth oauth_signature="{secret}%zz""#),
            format!(r#"OAuth oauth_signature="{secret}", oauth_signature="{secret}""#),
        ] {
            let message = parse_authorization_header(&bad).unwrap_err().to_string();
            assert!(!message.contains("s3cr3t"), "{message}");
        }
        let message = parse_authorization_header(r#"OAuth oauth_nonce="a%zz""#)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("oauth_nonce") && message.contains("byte 20"),
            "{message}"
        );
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "Basic abc",
            "OAuth a=1",
            "OAuth a=\"1",
            "OAuth =\"1\"",
            "OAuth a",
            "OAuth a=\"1\" b=\"2\"",
            "OAuth a=\"%zz\"",
            "OAuth a=\"%FF\"",
            "OAuth a=\"x\\\"\"",
            "OAuth a=\"1\", a=\"1\"",
            "OAuth oauth_nonce=\"1\", oauth%5Fnonce=\"2\"",
            "OAuth a%zz=\"1\"",
        ] {
            assert!(
                parse_authorization_header(bad).is_err(),
                "{bad:?} should fail"
            );
        }
    }
}
