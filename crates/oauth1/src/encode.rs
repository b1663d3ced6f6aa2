//! Percent-encoding as RFC 5849 section 3.6 defines it, and the
//! `application/x-www-form-urlencoded` decoding of section 3.4.1.3.1.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode_byte};

/// Every byte except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`).
///
/// RFC 5849 section 3.6: "Characters in the unreserved character set as defined by
/// RFC3986, Section 2.3 MUST NOT be encoded. All other characters MUST be encoded."
pub const ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `input` per RFC 5849 section 3.6: unreserved characters pass,
/// every other byte becomes `%XX` with upper-case hex.
///
/// ```
/// assert_eq!(oauth1::percent_encode("Ladies + Gentlemen"), "Ladies%20%2B%20Gentlemen");
/// assert_eq!(oauth1::percent_encode("\u{3001}"), "%E3%80%81");
/// ```
pub fn percent_encode(input: impl AsRef<[u8]>) -> String {
    percent_encoding::percent_encode(input.as_ref(), ENCODE_SET).to_string()
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits is kept as it is.
///
/// This is the inverse of [`percent_encode`] and, unlike form decoding, leaves `+` alone.
///
/// ```
/// assert_eq!(oauth1::percent_decode("a%20b+c"), b"a b+c");
/// ```
pub fn percent_decode(input: impl AsRef<[u8]>) -> Vec<u8> {
    percent_encoding::percent_decode(input.as_ref()).collect()
}

/// Whether `byte` is an RFC 3986 unreserved character, the only bytes that
/// RFC 5849 section 3.6 leaves unencoded.
#[inline]
pub(crate) fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Appends the section 3.6 encoding of `bytes` to `out`.
#[inline]
pub(crate) fn encode_into(out: &mut String, bytes: &[u8]) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !is_unreserved(b) {
            // The run before `i` is unreserved ASCII, so it is valid UTF-8.
            out.push_str(ascii(&bytes[start..i]));
            out.push_str(percent_encode_byte(b));
            start = i + 1;
        }
    }
    out.push_str(ascii(&bytes[start..]));
}

/// Appends `application/x-www-form-urlencoded`-decoded `raw` (`+` is a space,
/// `%XX` a byte) to `out`, encoded again per section 3.6, in one pass and
/// without an intermediate buffer.
#[inline]
pub(crate) fn form_decode_encode_into(out: &mut String, raw: &[u8]) {
    let mut i = 0;
    let mut start = 0;
    while i < raw.len() {
        let b = raw[i];
        if is_unreserved(b) {
            i += 1;
            continue;
        }
        out.push_str(ascii(&raw[start..i]));
        let (decoded, used) = match b {
            b'+' => (b' ', 1),
            b'%' => match escaped_byte(raw, i) {
                Some(v) => (v, 3),
                None => (b'%', 1),
            },
            other => (other, 1),
        };
        if is_unreserved(decoded) {
            out.push(char::from(decoded));
        } else {
            out.push_str(percent_encode_byte(decoded));
        }
        i += used;
        start = i;
    }
    out.push_str(ascii(&raw[start..]));
}

/// Form-decodes `raw` (`+` is a space, `%XX` a byte) into bytes.
pub(crate) fn form_decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match escaped_byte(raw, i) {
                Some(v) => {
                    out.push(v);
                    i += 3;
                }
                None => {
                    out.push(b'%');
                    i += 1;
                }
            },
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    out
}

/// The byte that `raw[at..at + 3]` (`%XX`) stands for, if it is a valid escape.
#[inline]
pub(crate) fn escaped_byte(raw: &[u8], at: usize) -> Option<u8> {
    let hi = hex_value(*raw.get(at + 1)?)?;
    let lo = hex_value(*raw.get(at + 2)?)?;
    Some(hi << 4 | lo)
}

#[inline]
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Views bytes already known to be ASCII as `&str`.
#[inline]
pub(crate) fn ascii(bytes: &[u8]) -> &str {
    // Callers pass only runs of ASCII bytes; the fallback is unreachable but keeps
    // this function total without `unsafe`.
    std::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fused_decode_encode_matches_two_steps() {
        for raw in ["a+b%20c", "%zz%4", "%E3%80%81", "~-._", "%7e", "a%2Bb"] {
            let mut fused = String::new();
            form_decode_encode_into(&mut fused, raw.as_bytes());
            assert_eq!(fused, percent_encode(form_decode(raw.as_bytes())), "{raw}");
        }
    }
}
