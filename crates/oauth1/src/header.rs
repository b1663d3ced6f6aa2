//! Parsing the `Authorization: OAuth …` header (RFC 5849 section 3.5.1).

use crate::error::Error;
use crate::url::truncate;

/// Parses an `Authorization` header value of the OAuth scheme into its parameters,
/// in the order given, with names as sent and values percent-decoded.
///
/// Per RFC 5849 section 3.5.1 the scheme name is `OAuth` (case-insensitive), each
/// parameter is `name="value"` with the value percent-encoded, and parameters are
/// separated by commas with optional white space. A missing quote, an unquoted value,
/// an invalid escape, a value that is not UTF-8 once decoded, or a parameter given
/// twice (section 3.5: parameters MUST NOT appear more than once) is an error that
/// says where.
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
    let value = value.trim_matches(is_lws);
    let scheme_end = value.find(is_lws).unwrap_or(value.len());
    let scheme = &value[..scheme_end];
    if !scheme.eq_ignore_ascii_case("OAuth") {
        return Err(Error::header(format!(
            "the scheme is {:?}; expected \"OAuth\"",
            truncate(scheme)
        )));
    }
    let mut rest = value[scheme_end..].trim_start_matches(is_lws);
    let mut pairs: Vec<(String, String)> = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(',') {
            // Empty list elements are allowed (RFC 9110 section 5.6.1).
            rest = after.trim_start_matches(is_lws);
            continue;
        }
        let name_end = rest.find(|c: char| !is_token_char(c)).unwrap_or(rest.len());
        let name = &rest[..name_end];
        if name.is_empty() {
            return Err(Error::header(format!(
                "expected a parameter name at {:?}",
                truncate(rest)
            )));
        }
        rest = rest[name_end..].trim_start_matches(is_lws);
        let Some(after_eq) = rest.strip_prefix('=') else {
            if name.eq_ignore_ascii_case("OAuth") {
                // Two Authorization headers joined into one value (RFC 9110 section 5.3).
                return Err(Error::header(
                    "a second OAuth credential: the request carries more than one \
                     (two Authorization headers?); RFC 5849 section 3.5 allows one",
                ));
            }
            return Err(Error::header(format!("{name} has no \"=\" and value")));
        };
        rest = after_eq.trim_start_matches(is_lws);
        let Some(after_quote) = rest.strip_prefix('"') else {
            return Err(Error::header(format!(
                "the value of {name} must be in double quotes"
            )));
        };
        let Some(close) = after_quote.find('"') else {
            return Err(Error::header(format!(
                "the value of {name} has no closing quote"
            )));
        };
        let raw = &after_quote[..close];
        let decoded = decode_value(name, raw)?;
        pairs.push((name.to_owned(), decoded));
        rest = after_quote[close + 1..].trim_start_matches(is_lws);
        match rest.strip_prefix(',') {
            Some(after) => rest = after.trim_start_matches(is_lws),
            None if rest.is_empty() => {}
            None => {
                return Err(Error::header(format!(
                    "expected \",\" after the value of {name}, found {:?}",
                    truncate(rest)
                )));
            }
        }
    }
    // Section 3.5: a parameter MUST NOT appear more than once. A set keeps this linear
    // for headers with very many parameters.
    let mut seen = std::collections::HashSet::with_capacity(pairs.len());
    if let Some((name, _)) = pairs.iter().find(|(name, _)| !seen.insert(name.as_str())) {
        return Err(Error::header(format!(
            "{} appears more than once",
            truncate(name)
        )));
    }
    Ok(pairs)
}

/// Percent-decodes one header value strictly: every `%` must start a valid escape and
/// the result must be UTF-8.
fn decode_value(name: &str, raw: &str) -> Result<String, Error> {
    let bytes = raw.as_bytes();
    if bytes.contains(&b'\\') {
        return Err(Error::header(format!(
            "the value of {name} contains a backslash; OAuth values are percent-encoded, not escaped"
        )));
    }
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'%') {
        let at = i + offset;
        if crate::encode::escaped_byte(bytes, at).is_none() {
            return Err(Error::header(format!(
                "the value of {name} has an invalid percent-escape at byte {at}"
            )));
        }
        i = at + 3;
    }
    String::from_utf8(crate::encode::percent_decode(bytes))
        .map_err(|_| Error::header(format!("the value of {name} is not UTF-8 once decoded")))
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
        ] {
            assert!(
                parse_authorization_header(bad).is_err(),
                "{bad:?} should fail"
            );
        }
    }
}
