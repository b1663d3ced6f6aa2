//! A signer's protocol parameters rendered once, when it is built, around holes for
//! the values that change with every request: their run in the signature base string
//! (RFC 5849 section 3.4.1.3.2) and the `Authorization` header (section 3.5.1).

use crate::protocol::{
    BODY_HASH, MAX_PROTOCOL_PARAMS, NONCE, PreEncoded, ProtocolParam, SIGNATURE, TIMESTAMP,
};
use std::ops::Range;

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
    values: Vec<(u8, RawValue)>,
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
    /// Each parameter's name, as its index in [`crate::protocol::NAMES`].
    pub(crate) names: [u8; MAX_PROTOCOL_PARAMS],
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
            template.values.push((param.code, raw));
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
            names: [0; MAX_PROTOCOL_PARAMS],
            values: [(0, 0); MAX_PROTOCOL_PARAMS],
            nonce: 0,
            signature: 0,
        };
        let record = |spans: &mut HeaderSpans, name: u8, range: Range<usize>| {
            spans.names[spans.count] = name;
            spans.values[spans.count] = (range.start as u32, range.end as u32);
            spans.count += 1;
        };
        if let Some((hash, span)) = body_hash {
            let range = raw_span(out, &hash, span);
            record(&mut spans, BODY_HASH.code, range);
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
            record(&mut spans, *name, range);
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
