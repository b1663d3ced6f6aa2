//! The protocol parameters (RFC 5849 section 3.1) of one signature: their values
//! encoded ahead of time where the signer knows them, and their rendering as an
//! `Authorization` header (section 3.5.1) or as form pairs (sections 3.5.2, 3.5.3).

use crate::encode::{all_unreserved, encode_into};
use crate::params::{ParamSet, ParamSource};
use std::ops::Range;

/// A value encoded once (as sent) and twice (as it stands in a base string), prepared
/// when the signer is built so that signing copies it instead of encoding it again.
#[derive(Debug, Clone)]
pub(crate) struct PreEncoded {
    once: String,
    twice: String,
    /// `, name="value"` as the header carries it, for parameters with a name.
    header: String,
}

impl PreEncoded {
    /// Prepares a protocol parameter's value.
    pub(crate) fn new(name: Name, raw: &str) -> Self {
        let mut encoded = Self::value(raw);
        encoded.header.push_str(name.header_lead);
        encoded.header.push_str(&encoded.once);
        encoded.header.push('"');
        encoded
    }

    /// Prepares a value that is not a protocol parameter (the realm).
    pub(crate) fn value(raw: &str) -> Self {
        let mut once = String::new();
        encode_into::<false>(&mut once, raw);
        let mut twice = String::new();
        encode_into::<true>(&mut twice, raw);
        PreEncoded {
            once,
            twice,
            header: String::new(),
        }
    }
}

/// A protocol parameter's name, with what precedes its value in the header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Name {
    name: &'static str,
    header_lead: &'static str,
}

macro_rules! names {
    ($($constant:ident = $name:literal;)*) => {
        $(pub(crate) const $constant: Name = Name { name: $name, header_lead: concat!(", ", $name, "=\"") };)*
    };
}

names! {
    BODY_HASH = "oauth_body_hash";
    CALLBACK = "oauth_callback";
    CONSUMER_KEY = "oauth_consumer_key";
    NONCE = "oauth_nonce";
    SIGNATURE = "oauth_signature";
    SIGNATURE_METHOD = "oauth_signature_method";
    TIMESTAMP = "oauth_timestamp";
    TOKEN = "oauth_token";
    VERIFIER = "oauth_verifier";
    VERSION = "oauth_version";
}

/// How a protocol parameter's value gets its encodings.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Encoding<'a> {
    /// Only unreserved characters: every encoding is the value itself.
    AsIs,
    /// Encoded when the signer was built.
    Pre(&'a PreEncoded),
    /// Encoded while signing (a caller's nonce, the signature, the body hash).
    Now,
}

/// One protocol parameter, its raw value and how it is encoded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProtocolParam<'a> {
    pub(crate) name: &'static str,
    /// `, name="`, what precedes the value in the header.
    header_lead: &'static str,
    pub(crate) value: &'a str,
    pub(crate) encoding: Encoding<'a>,
}

impl<'a> ProtocolParam<'a> {
    /// A parameter whose encoding is worked out from the value.
    pub(crate) fn new(name: Name, value: &'a str) -> Self {
        let encoding = if all_unreserved(value) {
            Encoding::AsIs
        } else {
            Encoding::Now
        };
        ProtocolParam {
            name: name.name,
            header_lead: name.header_lead,
            value,
            encoding,
        }
    }

    /// A parameter whose value is known to be unreserved characters only (a method
    /// name, digits, a generated nonce), so that nothing is scanned or encoded.
    pub(crate) fn plain(name: Name, value: &'a str) -> Self {
        debug_assert!(all_unreserved(value), "{value:?} is not plain");
        ProtocolParam {
            name: name.name,
            header_lead: name.header_lead,
            value,
            encoding: Encoding::AsIs,
        }
    }

    /// A parameter whose encodings were prepared ahead.
    pub(crate) fn pre(name: Name, value: &'a str, encoded: &'a PreEncoded) -> Self {
        ProtocolParam {
            name: name.name,
            header_lead: name.header_lead,
            value,
            encoding: Encoding::Pre(encoded),
        }
    }

    /// A parameter prepared ahead, when the option is set.
    pub(crate) fn optional(
        name: Name,
        raw: &'a Option<String>,
        encoded: &'a Option<PreEncoded>,
    ) -> Option<Self> {
        Option::zip(raw.as_deref(), encoded.as_ref()).map(|(raw, e)| Self::pre(name, raw, e))
    }

    /// Adds this parameter to the base-string parameters (section 3.4.1.3.1).
    pub(crate) fn add_to(&self, params: &mut ParamSet) -> Result<(), crate::Error> {
        let name = self.name;
        match self.encoding {
            Encoding::AsIs => params.add_encoded(name, self.value, ParamSource::Protocol),
            Encoding::Pre(e) => params.add_encoded(name, &e.twice, ParamSource::Protocol),
            Encoding::Now => params.add_raw(
                name.as_bytes(),
                self.value.as_bytes(),
                ParamSource::Protocol,
            ),
        }
    }

    /// Whether the value is sent as it is: encoding (section 3.6) leaves it unchanged.
    pub(crate) fn sent_unchanged(&self) -> bool {
        match self.encoding {
            Encoding::AsIs => true,
            // Encoding only lengthens a value, by each byte it escapes.
            Encoding::Pre(e) => e.once.len() == self.value.len(),
            Encoding::Now => false,
        }
    }

    /// Appends the value encoded twice, as it stands in a base string (section 3.4.1.1).
    pub(crate) fn write_twice(&self, out: &mut String) {
        match self.encoding {
            Encoding::AsIs => out.push_str(self.value),
            Encoding::Pre(e) => out.push_str(&e.twice),
            Encoding::Now => encode_into::<true>(out, self.value),
        }
    }

    /// Appends the value encoded once, as it is sent (section 3.6).
    pub(crate) fn write_value(&self, out: &mut String) {
        match self.encoding {
            Encoding::AsIs => out.push_str(self.value),
            Encoding::Pre(e) => out.push_str(&e.once),
            Encoding::Now => encode_into::<false>(out, self.value),
        }
    }
}

/// The most protocol parameters a request carries: body hash, callback, consumer key,
/// nonce, signature, signature method, timestamp, token, verifier, version.
pub(crate) const MAX_PROTOCOL_PARAMS: usize = 10;

/// The protocol parameters of one request, sorted by name.
pub(crate) struct ProtocolParams<'a> {
    pub(crate) params: [ProtocolParam<'a>; MAX_PROTOCOL_PARAMS],
    pub(crate) count: usize,
    /// Where `oauth_signature` stands: the nonce is just before it and the timestamp
    /// two after (`oauth_signature_method` sorts between them).
    pub(crate) signature_index: usize,
}

/// The protocol parameters that change from one request to the next.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Varying<'a> {
    /// `oauth_body_hash`, for requests that carry one; it sorts first.
    pub(crate) body_hash: Option<ProtocolParam<'a>>,
    pub(crate) nonce: ProtocolParam<'a>,
    pub(crate) timestamp: ProtocolParam<'a>,
}

/// A signer's protocol parameters as every base string carries them (section
/// 3.4.1.3.2: sorted, encoded twice, joined by `%26`), rendered when the signer is
/// built: only the nonce and the timestamp change from one request to the next. The
/// body hash, which some requests carry, sorts first and is written ahead of the run;
/// the signature is not signed.
#[derive(Debug, Clone, Default)]
pub(crate) struct BaseRun {
    /// From the first parameter up to `oauth_nonce%3D`.
    before_nonce: String,
    /// From the `%26` after the nonce up to `oauth_timestamp%3D`.
    before_timestamp: String,
    /// From the `%26` after the timestamp to the end.
    after: String,
}

impl BaseRun {
    /// The length of the fixed text.
    pub(crate) fn len(&self) -> usize {
        self.before_nonce.len() + self.before_timestamp.len() + self.after.len()
    }

    /// Renders `params` (sorted by name, as a request carries them) around the holes
    /// for the nonce and the timestamp.
    pub(crate) fn new(params: &[ProtocolParam<'_>]) -> Self {
        let mut run = BaseRun::default();
        let mut part = String::new();
        let signed = params
            .iter()
            .filter(|p| p.name != SIGNATURE.name && p.name != BODY_HASH.name);
        for (i, param) in signed.enumerate() {
            if i > 0 {
                part.push_str("%26");
            }
            part.push_str(param.name);
            part.push_str("%3D");
            if param.name == NONCE.name {
                run.before_nonce = std::mem::take(&mut part);
            } else if param.name == TIMESTAMP.name {
                run.before_timestamp = std::mem::take(&mut part);
            } else {
                param.write_twice(&mut part);
            }
        }
        run.after = part;
        run
    }

    /// Appends the run with one request's values.
    pub(crate) fn write(&self, out: &mut String, varying: &Varying<'_>) {
        if let Some(hash) = &varying.body_hash {
            out.push_str("oauth_body_hash%3D");
            hash.write_twice(out);
            out.push_str("%26");
        }
        out.push_str(&self.before_nonce);
        varying.nonce.write_twice(out);
        out.push_str(&self.before_timestamp);
        varying.timestamp.write_twice(out);
        out.push_str(&self.after);
    }
}

/// A signer's `Authorization` header (section 3.5.1) rendered when it is built, with
/// holes for the nonce, the signature and the timestamp; the body hash, which some
/// requests carry, sorts first and is written ahead of the rest. It also records
/// where each parameter's raw value can be found, for [`crate::Signed::params`].
#[derive(Debug, Clone, Default)]
pub(crate) struct HeaderTemplate {
    /// `OAuth ` and the realm.
    head: String,
    /// The fixed text before the nonce, before the signature, before the timestamp
    /// and after it.
    texts: [String; 4],
    /// Each parameter after the body hash, in order: its name and where its raw value is.
    values: Vec<(&'static str, RawValue)>,
}

/// Where a parameter's raw value is found after its header is written.
#[derive(Debug, Clone)]
enum RawValue {
    /// Sent unchanged, in one of the template's fixed texts.
    InText { text: usize, range: Range<usize> },
    /// Changed by encoding: kept here to be copied.
    Kept(String),
    /// One of the holes: 0 the nonce, 1 the signature, 2 the timestamp.
    Hole(usize),
}

/// Where one signature's header and raw values ended up.
pub(crate) struct HeaderSpans {
    pub(crate) header: Range<usize>,
    pub(crate) count: usize,
    pub(crate) names: [&'static str; MAX_PROTOCOL_PARAMS],
    pub(crate) values: [(u32, u32); MAX_PROTOCOL_PARAMS],
    /// Indices into `names` and `values`.
    pub(crate) nonce: usize,
    pub(crate) signature: usize,
}

impl HeaderTemplate {
    /// Renders `params` (sorted by name, without a body hash; the nonce, signature
    /// and timestamp values are ignored) after `OAuth ` and the realm.
    pub(crate) fn new(realm: Option<&PreEncoded>, params: &[ProtocolParam<'_>]) -> Self {
        let mut template = HeaderTemplate::default();
        template.head.push_str("OAuth ");
        if let Some(realm) = realm {
            template.head.push_str("realm=\"");
            template.head.push_str(&realm.once);
            template.head.push_str("\", ");
        }
        let holes = [NONCE.name, SIGNATURE.name, TIMESTAMP.name];
        let mut part = String::new();
        let mut text = 0;
        for (i, param) in params.iter().enumerate() {
            part.push_str(&param.header_lead[if i == 0 { 2 } else { 0 }..]);
            let raw = if let Some(hole) = holes.iter().position(|&h| h == param.name) {
                template.texts[text] = std::mem::take(&mut part);
                text += 1;
                RawValue::Hole(hole)
            } else {
                let start = part.len();
                param.write_value(&mut part);
                if param.sent_unchanged() {
                    RawValue::InText {
                        text,
                        range: start..part.len(),
                    }
                } else {
                    RawValue::Kept(param.value.to_owned())
                }
            };
            template.values.push((param.name, raw));
            part.push('"');
        }
        template.texts[text] = part;
        template
    }

    /// An upper bound of what [`HeaderTemplate::write`] appends besides the
    /// varying values and their copies.
    pub(crate) fn fixed_len(&self) -> usize {
        let kept: usize = self
            .values
            .iter()
            .map(|(_, raw)| match raw {
                RawValue::Kept(value) => value.len(),
                _ => 0,
            })
            .sum();
        self.head.len() + self.texts.iter().map(String::len).sum::<usize>() + kept + 24
    }

    /// Appends the header with one request's values, then copies of the raw values
    /// that the header does not carry as they are.
    pub(crate) fn write(
        &self,
        out: &mut String,
        varying: &Varying<'_>,
        signature: &ProtocolParam<'_>,
    ) -> HeaderSpans {
        let start = out.len();
        out.push_str(&self.head);
        let body_hash = varying.body_hash.map(|hash| {
            out.push_str("oauth_body_hash=\"");
            let span = write_value_span(out, &hash);
            out.push_str("\", ");
            (hash, span)
        });
        let holes = [&varying.nonce, signature, &varying.timestamp];
        let mut text_at = [0; 4];
        let mut hole_spans = [0..0, 0..0, 0..0];
        for (i, (hole, span)) in holes.iter().zip(&mut hole_spans).enumerate() {
            text_at[i] = out.len();
            out.push_str(&self.texts[i]);
            *span = write_value_span(out, hole);
        }
        text_at[3] = out.len();
        out.push_str(&self.texts[3]);
        let header = start..out.len();

        let mut spans = HeaderSpans {
            header,
            count: 0,
            names: [""; MAX_PROTOCOL_PARAMS],
            values: [(0, 0); MAX_PROTOCOL_PARAMS],
            nonce: 0,
            signature: 0,
        };
        let record = |spans: &mut HeaderSpans, name: &'static str, range: Range<usize>| {
            spans.names[spans.count] = name;
            spans.values[spans.count] = (range.start as u32, range.end as u32);
            spans.count += 1;
        };
        if let Some((hash, span)) = body_hash {
            let range = raw_span(out, &hash, span);
            record(&mut spans, BODY_HASH.name, range);
        }
        for (name, raw) in &self.values {
            let range = match raw {
                RawValue::InText { text, range } => {
                    text_at[*text] + range.start..text_at[*text] + range.end
                }
                RawValue::Kept(value) => push_span(out, value),
                RawValue::Hole(hole) => {
                    if *hole == 0 {
                        spans.nonce = spans.count;
                    } else if *hole == 1 {
                        spans.signature = spans.count;
                    }
                    raw_span(out, holes[*hole], hole_spans[*hole].clone())
                }
            };
            record(&mut spans, name, range);
        }
        spans
    }
}

/// Appends `param`'s value as it is sent and returns where it stands.
fn write_value_span(out: &mut String, param: &ProtocolParam<'_>) -> Range<usize> {
    let start = out.len();
    param.write_value(out);
    start..out.len()
}

/// Where `param`'s raw value is: where it was sent, if sending left it unchanged, or
/// else a copy appended to `out`.
fn raw_span(out: &mut String, param: &ProtocolParam<'_>, sent: Range<usize>) -> Range<usize> {
    if sent.len() == param.value.len() {
        sent
    } else {
        push_span(out, param.value)
    }
}

/// Appends `text` to `out` and returns where it stands.
fn push_span(out: &mut String, text: &str) -> Range<usize> {
    let start = out.len();
    out.push_str(text);
    start..out.len()
}

/// Appends the `Authorization` header value (section 3.5.1): `OAuth `, the realm when
/// there is one, then `name="value"` for each parameter, joined by `, `. Returns where
/// each parameter's (encoded) value stands in `out`. Signing uses the signer's
/// [`HeaderTemplate`]; the tests check it against this plain rendering.
#[cfg(test)]
pub(crate) fn write_header(
    out: &mut String,
    realm: Option<&PreEncoded>,
    params: &[ProtocolParam<'_>],
) -> [Range<usize>; MAX_PROTOCOL_PARAMS] {
    let mut spans = [0..0, 0..0, 0..0, 0..0, 0..0, 0..0, 0..0, 0..0, 0..0, 0..0];
    out.push_str("OAuth ");
    if let Some(realm) = realm {
        out.push_str("realm=\"");
        out.push_str(&realm.once);
        out.push_str("\", ");
    }
    for (i, (param, span)) in params.iter().zip(&mut spans).enumerate() {
        // Each piece starts with `, `, which the first parameter skips.
        let skip = if i == 0 { 2 } else { 0 };
        if let Encoding::Pre(e) = param.encoding {
            // `, name="value"` was prepared with the signer: one copy.
            out.push_str(&e.header[skip..]);
            let end = out.len() - 1;
            *span = end - e.once.len()..end;
            continue;
        }
        out.push_str(&param.header_lead[skip..]);
        let start = out.len();
        param.write_value(out);
        *span = start..out.len();
        out.push('"');
    }
    spans
}

/// Appends `name=value&…` for the parameters, as a query or form body carries them
/// (sections 3.5.2, 3.5.3).
pub(crate) fn write_form(out: &mut String, params: &[ProtocolParam<'_>]) {
    for (i, param) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(param.name);
        out.push('=');
        param.write_value(out);
    }
}
