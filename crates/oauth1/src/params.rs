//! Collecting and normalising the request parameters (RFC 5849 section 3.4.1.3).
//!
//! Every name and value is encoded once into one buffer as it is collected; sorting
//! then moves small index records, never strings.

use crate::encode::{ascii, encode_into, form_decode_encode_into};
use std::ops::Range;

/// Where a parameter came from (section 3.4.1.3.1 lists the three sources).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamSource {
    /// The query component of the URL.
    Query,
    /// A form-encoded entity body.
    Body,
    /// The protocol parameters (`oauth_*`), wherever they are transmitted.
    Protocol,
}

/// One collected parameter: byte ranges of its encoded name and value in the buffer.
#[derive(Debug, Clone)]
struct Entry {
    name: Range<u32>,
    value: Range<u32>,
    source: ParamSource,
}

/// The request parameters, encoded per section 3.6, ready to be sorted and joined.
#[derive(Debug, Default)]
pub(crate) struct ParamSet {
    encoded: String,
    entries: Vec<Entry>,
    /// Whether a query or body parameter's name starts with `oauth_`, so that the
    /// duplicate check can be skipped in the usual case.
    protocol_names: bool,
}

impl ParamSet {
    /// An empty set with room for `pairs` parameters and `bytes` of encoded text.
    pub fn with_capacity(pairs: usize, bytes: usize) -> Self {
        ParamSet {
            encoded: String::with_capacity(bytes),
            entries: Vec::with_capacity(pairs),
            protocol_names: false,
        }
    }

    /// Adds the pairs of a form-encoded string (a query or a form body): `+` is a space,
    /// `%XX` a byte, a pair without `=` is a name with an empty value, empty pairs are
    /// skipped, and `realm` and `oauth_signature` are left out (section 3.4.1.3.1).
    pub fn add_form(&mut self, form: &[u8], source: ParamSource) {
        for (name, value) in form_pairs(form) {
            let start = self.offset();
            form_decode_encode_into(&mut self.encoded, name);
            let name_range = start..self.offset();
            let encoded_name = &self.encoded.as_bytes()[start as usize..];
            if encoded_name == b"realm" || encoded_name == b"oauth_signature" {
                self.encoded.truncate(start as usize);
                continue;
            }
            self.protocol_names |= encoded_name.starts_with(b"oauth_");
            form_decode_encode_into(&mut self.encoded, value);
            let value_range = name_range.end..self.offset();
            self.entries.push(Entry {
                name: name_range,
                value: value_range,
                source,
            });
        }
    }

    /// Adds one parameter given as raw (unencoded) bytes.
    pub fn add_raw(&mut self, name: &[u8], value: &[u8], source: ParamSource) {
        let start = self.offset();
        encode_into(&mut self.encoded, name);
        let mid = self.offset();
        encode_into(&mut self.encoded, value);
        self.entries.push(Entry {
            name: start..mid,
            value: mid..self.offset(),
            source,
        });
    }

    /// Sorts by encoded name, then encoded value, in byte order (section 3.4.1.3.2).
    pub fn sort(&mut self) {
        let text = self.encoded.as_bytes();
        self.entries.sort_unstable_by(|a, b| {
            slice(text, &a.name)
                .cmp(slice(text, &b.name))
                .then_with(|| slice(text, &a.value).cmp(slice(text, &b.value)))
        });
    }

    /// Where the first parameter whose encoded name is `name` came from, if there is one.
    pub fn source_of(&self, name: &str) -> Option<ParamSource> {
        let text = self.encoded.as_bytes();
        self.entries
            .iter()
            .find(|e| slice(text, &e.name) == name.as_bytes())
            .map(|e| e.source)
    }

    /// Appends the normalised parameter string (`name=value&…`) to `out`, encoded once
    /// more for the base string when `for_base_string` is set (section 3.4.1.1).
    pub fn write_normalized(&self, out: &mut String, for_base_string: bool) {
        let (eq, amp) = if for_base_string {
            ("%3D", "%26")
        } else {
            ("=", "&")
        };
        let text = self.encoded.as_bytes();
        for (i, e) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push_str(amp);
            }
            push_encoded(out, slice(text, &e.name), for_base_string);
            out.push_str(eq);
            push_encoded(out, slice(text, &e.value), for_base_string);
        }
    }

    /// The parameters in their current order, as encoded name, encoded value and source.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, ParamSource)> {
        let text = self.encoded.as_bytes();
        self.entries.iter().map(move |e| {
            (
                ascii(slice(text, &e.name)),
                ascii(slice(text, &e.value)),
                e.source,
            )
        })
    }

    /// Whether any query or body parameter is named `oauth_…`.
    pub fn has_protocol_names(&self) -> bool {
        self.protocol_names
    }

    /// The length of all encoded names and values.
    pub fn encoded_len(&self) -> usize {
        self.encoded.len()
    }

    fn offset(&self) -> u32 {
        // Inputs are bounded well below 4 GiB by the callers' length checks.
        self.encoded.len() as u32
    }
}

/// The `name=value` pairs of a form-encoded string, still encoded: empty pairs are
/// skipped and a pair without `=` is a name with an empty value (section 3.4.1.3.1).
pub(crate) fn form_pairs(form: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    form.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &pair[pair.len()..]),
        })
}

/// Appends already-encoded text, re-encoding its `%` as `%25` when building a base string
/// (every other byte of encoded text is unreserved and stays as it is).
#[inline]
fn push_encoded(out: &mut String, encoded: &[u8], for_base_string: bool) {
    if !for_base_string {
        out.push_str(ascii(encoded));
        return;
    }
    let mut start = 0;
    for (i, &b) in encoded.iter().enumerate() {
        if b == b'%' {
            out.push_str(ascii(&encoded[start..i]));
            out.push_str("%25");
            start = i + 1;
        }
    }
    out.push_str(ascii(&encoded[start..]));
}

#[inline]
fn slice<'t>(text: &'t [u8], range: &Range<u32>) -> &'t [u8] {
    &text[range.start as usize..range.end as usize]
}

/// Whether a Content-Type names a form body (`application/x-www-form-urlencoded`,
/// case-insensitive, parameters such as `; charset=UTF-8` allowed).
pub(crate) fn is_form_content_type(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| {
        let media_type = ct.split(';').next().unwrap_or("").trim();
        media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded")
    })
}

/// The normalised request parameters of a URL's query and an optional form body, as
/// RFC 5849 section 3.4.1.3.2 joins them: encoded, sorted, `name=value` joined by `&`.
/// Protocol parameters in the query or body are included like any other; `realm` and
/// `oauth_signature` are not.
///
/// ```
/// let n = oauth1::normalized_parameters(
///     "https://example.com/?b=2&a=x+y&a=x!y",
///     Some(b"c=3"),
///     Some("application/x-www-form-urlencoded"),
/// ).unwrap();
/// assert_eq!(n, "a=x%20y&a=x%21y&b=2&c=3");
/// ```
pub fn normalized_parameters(
    url: &str,
    body: Option<&[u8]>,
    content_type: Option<&str>,
) -> Result<String, crate::Error> {
    let parsed = crate::url::RequestUrl::parse(url)?;
    let mut set = ParamSet::default();
    set.add_form(parsed.query.as_bytes(), ParamSource::Query);
    if let Some(body) = body.filter(|_| is_form_content_type(content_type)) {
        set.add_form(body, ParamSource::Body);
    }
    set.sort();
    let mut out = String::new();
    set.write_normalized(&mut out, false);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_content_types() {
        assert!(is_form_content_type(Some(
            "application/x-www-form-urlencoded"
        )));
        assert!(is_form_content_type(Some(
            " Application/X-WWW-Form-URLEncoded ; charset=UTF-8"
        )));
        assert!(!is_form_content_type(Some("application/json")));
        assert!(!is_form_content_type(Some(
            "application/x-www-form-urlencodedx"
        )));
        assert!(!is_form_content_type(None));
    }

    #[test]
    fn skips_realm_signature_and_empty_pairs() {
        let mut set = ParamSet::default();
        set.add_form(b"&&realm=x&oauth_signature=y&a&b=", ParamSource::Query);
        set.sort();
        let mut out = String::new();
        set.write_normalized(&mut out, false);
        assert_eq!(out, "a=&b=");
    }
}
