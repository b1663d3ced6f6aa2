//! Percent-encoding as RFC 5849 section 3.6 defines it, and the
//! `application/x-www-form-urlencoded` decoding of section 3.4.1.3.1.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

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

/// Whether each byte is an RFC 3986 unreserved character, the only bytes that
/// RFC 5849 section 3.6 leaves unencoded.
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

/// `%00%01…%FF`: every byte's escape, three characters each, so that an escape is
/// appended as a `&str` (the buffers are `String`s, built without re-validation).
const ESCAPES: &str = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    const TABLE: [u8; 768] = {
        let mut table = [0u8; 768];
        let mut b = 0;
        while b < 256 {
            table[3 * b] = b'%';
            table[3 * b + 1] = HEX[b >> 4];
            table[3 * b + 2] = HEX[b & 15];
            b += 1;
        }
        table
    };
    match std::str::from_utf8(&TABLE) {
        Ok(table) => table,
        Err(_) => panic!("the escape table is ASCII"),
    }
};

/// Whether `byte` is an RFC 3986 unreserved character.
#[inline]
pub(crate) fn is_unreserved(byte: u8) -> bool {
    UNRESERVED[usize::from(byte)]
}

/// Character classes for [`classes_of`]: bit flags, one table lookup per byte.
pub(crate) mod class {
    /// An RFC 3986 unreserved character.
    pub(crate) const UNRESERVED: u8 = 1;
    /// Unreserved or `%`: what a host may contain.
    pub(crate) const HOST: u8 = 2;
    /// A lower-case letter, digit, `.` or `-`: a host written into a base string as it is.
    pub(crate) const PLAIN_HOST: u8 = 4;
    /// Unreserved or `/`: a path whose only change in a base string is its slashes.
    pub(crate) const PLAIN_PATH: u8 = 8;
}

static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let unreserved = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        let mut flags = 0;
        if unreserved {
            flags |= class::UNRESERVED | class::HOST | class::PLAIN_PATH;
        }
        if c == b'%' {
            flags |= class::HOST;
        }
        if c == b'/' {
            flags |= class::PLAIN_PATH;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-' {
            flags |= class::PLAIN_HOST;
        }
        table[b] = flags;
        b += 1;
    }
    table
};

/// The [`class`] flags that every byte of `text` has.
#[inline]
pub(crate) fn classes_of(text: &str) -> u8 {
    // No early exit: one lookup and one AND per byte.
    text.bytes()
        .fold(0xff, |all, b| all & CLASSES[usize::from(b)])
}

/// Whether every byte of `text` is unreserved, so that encoding leaves it unchanged.
#[inline]
pub(crate) fn all_unreserved(text: &str) -> bool {
    classes_of(text) & class::UNRESERVED != 0
}

/// Appends an ASCII byte, which the caller has checked (an unreserved character).
#[inline]
pub(crate) fn push_ascii(out: &mut String, byte: u8) {
    debug_assert!(byte.is_ascii(), "{byte:#x} is not ASCII");
    // The mask shows the compiler that the byte is ASCII, so `push` stores one byte
    // instead of taking the multi-byte UTF-8 path; for ASCII it changes nothing.
    out.push(char::from(byte & 0x7f));
}

/// Appends the escape of `byte`: `%XX`, or with `TWICE` the escape encoded once more,
/// `%25XX`, as it stands in a signature base string (section 3.4.1.1 encodes the
/// already-encoded parameters again).
#[inline]
pub(crate) fn push_escape<const TWICE: bool>(out: &mut String, byte: u8) {
    let at = 3 * usize::from(byte);
    if TWICE {
        out.push_str("%25");
        out.push_str(&ESCAPES[at + 1..at + 3]);
    } else {
        out.push_str(&ESCAPES[at..at + 3]);
    }
}

/// Appends the section 3.6 encoding of `text` to `out` (with `TWICE`, encoded twice).
#[inline]
pub(crate) fn encode_into<const TWICE: bool>(out: &mut String, text: &str) {
    let mut rest = text;
    loop {
        // Copy each run of unreserved bytes at once; most text is such runs.
        let run = rest
            .bytes()
            .position(|b| !is_unreserved(b))
            .unwrap_or(rest.len());
        // The run is ASCII, so it ends on a character boundary.
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        match rest.as_bytes().first() {
            None => break,
            Some(&b) if b.is_ascii() => {
                push_escape::<TWICE>(out, b);
                rest = &rest[1..];
                continue;
            }
            Some(_) => {}
        }
        let Some(c) = rest.chars().next() else { break };
        let mut utf8 = [0u8; 4];
        for &b in c.encode_utf8(&mut utf8).as_bytes() {
            push_escape::<TWICE>(out, b);
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// Appends the section 3.6 encoding of arbitrary bytes (not necessarily UTF-8).
pub(crate) fn encode_bytes_into<const TWICE: bool>(out: &mut String, bytes: &[u8]) {
    for &b in bytes {
        if is_unreserved(b) {
            push_ascii(out, b);
        } else {
            push_escape::<TWICE>(out, b);
        }
    }
}

/// Appends the section 3.6 encoding of `bytes` to a `String` (for cold paths).
pub(crate) fn encode_into_string(out: &mut String, bytes: &[u8]) {
    out.extend(percent_encoding::percent_encode(bytes, ENCODE_SET));
}

/// Undoes the second encoding of base-string text: `%25` becomes `%` again.
pub(crate) fn encoded_once(twice: &str) -> String {
    twice.replace("%25", "%")
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
    fn encodings_once_and_twice() {
        for raw in ["a+b c", "%zz%4", "\u{3001}", "~-._", "a%2Bb"] {
            let once = percent_encode(raw);
            let mut plain = String::new();
            encode_into::<false>(&mut plain, raw);
            assert_eq!(plain, once, "{raw}");
            let mut bytes = String::new();
            encode_bytes_into::<false>(&mut bytes, raw.as_bytes());
            assert_eq!(bytes, once, "{raw}");
            let mut twice = String::new();
            encode_into::<true>(&mut twice, raw);
            assert_eq!(twice, percent_encode(&once), "{raw}");
            assert_eq!(encoded_once(&twice), once, "{raw}");
        }
    }
}
