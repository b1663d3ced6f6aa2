//! Collecting and normalising the request parameters (RFC 5849 section 3.4.1.3).
//!
//! Every name and value is written into one buffer as it is collected, already in its
//! base-string form `enc(enc(x))` (`%25XX` for each escaped byte). Sorting those forms
//! gives the order of section 3.4.1.3.2 (`%` sorts below every unreserved character
//! either way, and two escapes compare by their hex digits either way), so sorting moves
//! small index records and joining the base string copies whole slices.

use crate::encode::{
    encode_bytes_into, encoded_once, escaped_byte, is_unreserved, push_ascii, push_escape,
};
use crate::error::Error;
use std::cell::Cell;
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

impl ParamSource {
    /// The source's name as every binding spells it: `query`, `body` or `protocol`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamSource::Query => "query",
            ParamSource::Body => "body",
            ParamSource::Protocol => "protocol",
        }
    }
}

impl std::fmt::Display for ParamSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ParamSource {
    type Err = Error;

    /// Parses `query`, `body` or `protocol`.
    fn from_str(s: &str) -> Result<Self, Error> {
        [ParamSource::Query, ParamSource::Body, ParamSource::Protocol]
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                Error::option(format!(
                    "unknown parameter source {:?}: expected query, body or protocol",
                    crate::url::truncate(s)
                ))
            })
    }
}

/// One collected parameter: byte ranges of its encoded name and value in the buffer,
/// which holds them as `name%3Dvalue`.
#[derive(Debug, Clone)]
struct Entry {
    /// The name's first eight bytes, big-endian and zero-padded: comparing these
    /// settles most comparisons without touching the buffer (encoded text has no
    /// zero bytes, so padding sorts a shorter name first, as byte order does).
    prefix: u64,
    name: Range<u32>,
    /// Where the value ends; it starts after the name's `%3D` (a run has none).
    value_end: u32,
    source: ParamSource,
}

impl Entry {
    /// The value's range: after `name%3D`, or empty for a run, which is all name.
    fn value(&self) -> Range<u32> {
        (self.name.end + 3).min(self.value_end)..self.value_end
    }
}

/// The request parameters, encoded per section 3.6, ready to be sorted and joined.
#[derive(Debug, Default)]
pub(crate) struct ParamSet {
    encoded: String,
    entries: Vec<Entry>,
    /// Whether a query or body parameter's name starts with `oauth_`, so that the
    /// duplicate check can be skipped in the usual case.
    protocol_names: bool,
    /// Where an `oauth_signature` was left out of the parameters, if anywhere.
    signature_in: Option<ParamSource>,
}

thread_local! {
    /// Each thread's set, reused from one signature to the next so that collecting the
    /// parameters allocates nothing once its buffers have grown to fit.
    static SCRATCH: Cell<ParamSet> = Cell::new(ParamSet::default());
}

/// Up to this many parameters, [`ParamSet::sort`] sorts by insertion.
const SMALL_SORT: usize = 16;

/// Buffers past this size are freed after use rather than kept for the next request.
const KEEP_BYTES: usize = 64 * 1024;

impl ParamSet {
    /// An empty set: this thread's reusable one, or a new one when it is taken.
    pub fn from_scratch() -> Self {
        let mut set: ParamSet = SCRATCH.try_with(Cell::take).unwrap_or_default();
        // Cleared here rather than in `recycle`: writing the flags just before the move
        // into the cell stalled the move (a store-forwarding stall, found with perf).
        set.clear();
        set
    }

    /// Gives the buffers back for [`ParamSet::from_scratch`], unless they grew large.
    pub fn recycle(self) {
        if self.encoded.capacity() <= KEEP_BYTES
            && self.entries.capacity() * std::mem::size_of::<Entry>() <= KEEP_BYTES
        {
            // During thread shutdown there is nowhere to keep it: it is dropped.
            let _ = SCRATCH.try_with(|cell| cell.set(self));
        }
    }

    fn clear(&mut self) {
        self.encoded.clear();
        self.entries.clear();
        self.protocol_names = false;
        self.signature_in = None;
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Adds the pairs of a form-encoded string (a query or a form body): `+` is a space,
    /// `%XX` a byte, a pair without `=` is a name with an empty value, empty pairs are
    /// skipped, and `oauth_signature` is left out (section 3.4.1.3.1). A `realm` pair
    /// here is an ordinary parameter: only the Authorization header's realm is unsigned.
    pub fn add_form(&mut self, form: &[u8], source: ParamSource) -> Result<(), Error> {
        self.check_room(form.len())?;
        // One pass over the whole form, byte by byte: names and values are short, so a
        // split, a search and a copy call per piece would cost more than the bytes.
        self.encoded.reserve(form.len() + 3);
        let mut start = self.offset();
        let mut value_start = None;
        let mut i = 0;
        while i < form.len() {
            let b = form[i];
            i += 1;
            if is_unreserved(b) {
                push_ascii(&mut self.encoded, b);
                continue;
            }
            let decoded = match b {
                b'&' => {
                    self.end_pair(start, value_start.take(), source);
                    start = self.offset();
                    continue;
                }
                b'=' if value_start.is_none() => {
                    self.encoded.push_str("%3D");
                    value_start = Some(self.offset());
                    continue;
                }
                b'+' => b' ',
                b'%' => match escaped_byte(form, i - 1) {
                    Some(v) => {
                        i += 2;
                        v
                    }
                    None => b'%',
                },
                other => other,
            };
            if is_unreserved(decoded) {
                push_ascii(&mut self.encoded, decoded);
            } else {
                push_escape::<true>(&mut self.encoded, decoded);
            }
        }
        self.end_pair(start, value_start, source);
        Ok(())
    }

    /// Records the pair written since `start` (its value from `value_start`, or empty
    /// when it had no `=`): empty pairs are skipped, and `oauth_signature` is left out
    /// (section 3.4.1.3.1).
    fn end_pair(&mut self, start: u32, value_start: Option<u32>, source: ParamSource) {
        let name_end = match value_start {
            Some(v) => v - 3,
            None if self.offset() == start => return,
            None => {
                let end = self.offset();
                self.encoded.push_str("%3D");
                end
            }
        };
        let name = &self.encoded.as_bytes()[start as usize..name_end as usize];
        if name == b"oauth_signature" {
            // Not signed, but still a protocol parameter in this place.
            self.signature_in.get_or_insert(source);
            self.protocol_names = true;
            self.encoded.truncate(start as usize);
            return;
        }
        self.protocol_names |= name.starts_with(b"oauth_");
        self.entries.push(Entry {
            prefix: self.prefix_key(start, name_end),
            name: start..name_end,
            value_end: self.offset(),
            source,
        });
    }

    /// Adds one parameter given as raw (unencoded) bytes.
    pub fn add_raw(&mut self, name: &[u8], value: &[u8], source: ParamSource) -> Result<(), Error> {
        self.check_room(name.len() + value.len())?;
        let start = self.offset();
        encode_bytes_into::<true>(&mut self.encoded, name);
        let name_end = self.offset();
        self.encoded.push_str("%3D");
        encode_bytes_into::<true>(&mut self.encoded, value);
        self.entries.push(Entry {
            prefix: self.prefix_key(start, name_end),
            name: start..name_end,
            value_end: self.offset(),
            source,
        });
        Ok(())
    }

    /// Adds one parameter whose name and value are already in base-string form.
    pub fn add_encoded(
        &mut self,
        name: &str,
        value: &str,
        source: ParamSource,
    ) -> Result<(), Error> {
        self.check_room(name.len() + value.len())?;
        let start = self.offset();
        self.encoded.push_str(name);
        let name_end = self.offset();
        self.encoded.push_str("%3D");
        self.encoded.push_str(value);
        self.entries.push(Entry {
            prefix: self.prefix_key(start, name_end),
            name: start..name_end,
            value_end: self.offset(),
            source,
        });
        Ok(())
    }

    /// Adds a run of parameters that `write` appends already in base-string form and
    /// joined (`a%3D1%26b%3D2`), sorted as one entry. The caller makes sure that no
    /// other parameter sorts between the run's first and last: the signer's own
    /// `oauth_…` parameters when no query or body name starts with `oauth_`.
    pub fn add_run(
        &mut self,
        len_hint: usize,
        write: impl FnOnce(&mut String),
    ) -> Result<(), Error> {
        self.check_room(len_hint)?;
        let start = self.offset();
        write(&mut self.encoded);
        self.check_room(0)?;
        let end = self.offset();
        self.entries.push(Entry {
            prefix: self.prefix_key(start, end),
            name: start..end,
            value_end: end,
            source: ParamSource::Protocol,
        });
        Ok(())
    }

    /// Sorts by encoded name, then encoded value, in byte order (section 3.4.1.3.2).
    pub fn sort(&mut self) {
        let text = self.encoded.as_bytes();
        let bytes = |r: &Range<u32>| &text[r.start as usize..r.end as usize];
        let order = |a: &Entry, b: &Entry| {
            a.prefix
                .cmp(&b.prefix)
                .then_with(|| bytes(&a.name).cmp(bytes(&b.name)))
                .then_with(|| bytes(&a.value()).cmp(bytes(&b.value())))
        };
        let entries = &mut self.entries[..];
        if entries.len() > SMALL_SORT {
            // Many parameters: sort by the prefixes alone, a comparison the sort
            // inlines, then put each run of equal prefixes (names that share eight
            // bytes, or repeat) in full order; the prefixes' order is the names'.
            entries.sort_unstable_by_key(|e| e.prefix);
            let mut rest = entries;
            while let Some(prefix) = rest.first().map(|e| e.prefix) {
                let run = rest.iter().take_while(|e| e.prefix == prefix).count();
                let (equal, after) = rest.split_at_mut(run);
                if run > 1 {
                    equal.sort_unstable_by(order);
                }
                rest = after;
            }
            return;
        }
        // A request has a handful of parameters: an insertion sort with the
        // comparison inlined does fewer steps than the general sort's.
        for i in 1..entries.len() {
            let mut j = i;
            while j > 0 && order(&entries[j], &entries[j - 1]).is_lt() {
                entries.swap(j, j - 1);
                j -= 1;
            }
        }
    }

    /// Appends the normalised parameter string (`name=value&…`) to `out`, in its
    /// base-string form (section 3.4.1.1) when `for_base_string` is set.
    pub fn write_normalized(&self, out: &mut String, for_base_string: bool) {
        let text = self.encoded.as_str();
        if !for_base_string {
            for (i, e) in self.entries.iter().enumerate() {
                if i > 0 {
                    out.push('&');
                }
                out.push_str(&encoded_once(slice(text, &e.name)));
                out.push('=');
                out.push_str(&encoded_once(slice(text, &e.value())));
            }
            return;
        }
        for (i, e) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push_str("%26");
            }
            // The buffer holds each pair as `name%3Dvalue`, so one copy writes it.
            out.push_str(&text[e.name.start as usize..e.value_end as usize]);
        }
    }

    /// The parameters in their current order, as name and value in base-string form
    /// (encoded twice) and source.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, ParamSource)> {
        let text = self.encoded.as_str();
        self.entries
            .iter()
            .map(move |e| (slice(text, &e.name), slice(text, &e.value()), e.source))
    }

    /// The query and body parameters named `oauth_…`, `oauth_signature` included though
    /// it is not signed: name (in base-string form) and source.
    pub fn protocol_named(&self) -> impl Iterator<Item = (&str, ParamSource)> {
        let text = self.encoded.as_str();
        let signature = self.signature_in.map(|source| ("oauth_signature", source));
        self.entries
            .iter()
            .filter(|e| e.source != ParamSource::Protocol)
            .map(move |e| (slice(text, &e.name), e.source))
            .filter(|(name, _)| name.starts_with("oauth_"))
            .chain(signature)
    }

    /// Whether any query or body parameter is named `oauth_…`.
    pub fn has_protocol_names(&self) -> bool {
        self.protocol_names
    }

    /// The length of all encoded names and values.
    pub fn encoded_len(&self) -> usize {
        self.encoded.len()
    }

    /// Refuses input whose encoding could pass the 4 GiB that `u32` offsets address:
    /// every byte becomes at most five (`%25XX`), and each pair adds a `%3D`.
    fn check_room(&self, incoming: usize) -> Result<(), Error> {
        let worst = incoming.saturating_mul(8);
        if self.encoded.len().saturating_add(worst) > u32::MAX as usize {
            return Err(Error::option(format!(
                "the request's parameters are too large to sign ({incoming} bytes; at most {} are accepted)",
                u32::MAX / 8
            )));
        }
        Ok(())
    }

    /// The first eight bytes of the name at `start..end`, as a big-endian number
    /// zero-padded, for [`Entry::prefix`].
    #[inline]
    fn prefix_key(&self, start: u32, end: u32) -> u64 {
        let (start, len) = (start as usize, (end - start) as usize);
        // Eight bytes at once where the buffer has them, masked to the name's length;
        // a copy of up to eight bytes would be a call to memcpy.
        let text = self.encoded.as_bytes();
        let window = text
            .get(start..start + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok());
        if let Some(window) = window {
            let keep = !u64::MAX.checked_shr(8 * len.min(8) as u32).unwrap_or(0);
            return u64::from_be_bytes(window) & keep;
        }
        // Near the end of the buffer, byte by byte (a loop filling an array would
        // become that call again).
        let len = len.min(8);
        let key = text[start..start + len]
            .iter()
            .fold(0u64, |key, &b| key << 8 | u64::from(b));
        key.checked_shl(8 * (8 - len) as u32).unwrap_or(0)
    }

    fn offset(&self) -> u32 {
        // `check_room` keeps the buffer below 4 GiB.
        self.encoded.len() as u32
    }
}

/// The `name=value` pairs of a form-encoded string, still encoded: empty pairs are
/// skipped and a pair without `=` is a name with an empty value (section 3.4.1.3.1).
pub(crate) fn form_pairs(form: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    // Plain loops, not memchr: pairs are short, and a call per pair costs more than
    // scanning a few bytes.
    form.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &pair[pair.len()..]),
        })
}

#[inline]
fn slice<'t>(text: &'t str, range: &Range<u32>) -> &'t str {
    &text[range.start as usize..range.end as usize]
}

/// Whether a Content-Type names a form body (`application/x-www-form-urlencoded`,
/// case-insensitive, parameters such as `; charset=UTF-8` allowed): the bodies whose
/// pairs are signed (RFC 5849 section 3.4.1.3.1). Bindings use it to decide whether
/// they need a body they would otherwise stream.
pub fn is_form_content_type(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| {
        let media_type = ct.split(';').next().unwrap_or("").trim();
        media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded")
    })
}

/// The normalised request parameters of a URL's query and an optional form body, as
/// RFC 5849 section 3.4.1.3.2 joins them: encoded, sorted, `name=value` joined by `&`.
/// Protocol parameters and `realm` in the query or body are included like any other;
/// `oauth_signature` is not.
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
    set.add_form(parsed.query.as_bytes(), ParamSource::Query)?;
    if let Some(body) = body.filter(|_| is_form_content_type(content_type)) {
        set.add_form(body, ParamSource::Body)?;
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
    fn refuses_input_that_would_overflow_offsets() {
        let set = ParamSet::default();
        assert!(set.check_room(1 << 20).is_ok());
        let err = set.check_room(u32::MAX as usize / 4).unwrap_err();
        assert_eq!(err.code(), "invalid_option");
        assert!(set.check_room(usize::MAX).is_err());
    }

    #[test]
    fn keeps_realm_skips_signature_and_empty_pairs() {
        let mut set = ParamSet::default();
        set.add_form(b"&&realm=x&oauth_signature=y&a&b=", ParamSource::Query)
            .unwrap();
        set.sort();
        let mut out = String::new();
        set.write_normalized(&mut out, false);
        assert_eq!(out, "a=&b=&realm=x");
    }
}
