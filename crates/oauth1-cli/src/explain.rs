//! `oauth1 sign --explain`: the core's [`Explanation`] rendered for a person
//! debugging a `401 signature_invalid`, step by step and with every secret masked
//! (an RSA private key shows as its size alone).

use crate::request::CliRequest;
use oauth1::{Explanation, ParamSource, SignatureMethod, Signer};
use std::fmt::Write as _;

/// Values wider than this do not widen the table's columns; they just run on.
const MAX_COLUMN: usize = 32;

/// The report, final newline included.
pub fn render(request: &CliRequest, signer: &Signer, e: &Explanation) -> String {
    let mut out = String::new();
    let method = signer.signature_method();
    let signed = &e.signed;

    out.push_str("Request\n");
    line(&mut out, "method", &show(&request.method));
    line(&mut out, "URL", &show(&request.url));
    match (&request.body, &request.content_type) {
        (None, None) => line(&mut out, "body", "none"),
        (body, content_type) => {
            let size = body.as_ref().map_or(0, Vec::len);
            // Only a form body's pairs are signed; the core says which were.
            let pairs = e
                .params
                .iter()
                .filter(|p| p.source == ParamSource::Body)
                .count();
            let what = if pairs == 1 {
                "its 1 form pair is signed".to_owned()
            } else if pairs > 1 {
                format!("its {pairs} form pairs are signed")
            } else if e.params.iter().any(|p| p.name == "oauth_body_hash") {
                "not signed as parameters (only a form body's pairs are), but oauth_body_hash covers it".to_owned()
            } else {
                "not signed (only a form body's pairs are)".to_owned()
            };
            line(&mut out, "body", &format!("{size} bytes; {what}"));
            if let Some(t) = content_type {
                let note = if request.content_type_defaulted {
                    " (the default for --data, as curl sends it)"
                } else {
                    ""
                };
                line(&mut out, "content type", &format!("{}{note}", show(t)));
            }
        }
    }

    out.push_str("\n1. Base string URI (RFC 5849 section 3.4.1.2)\n");
    let _ = writeln!(out, "  {}", e.base_string_uri);
    if e.uri_changes.is_empty() {
        out.push_str("  (the URL needed no normalisation)\n");
    }
    for change in &e.uri_changes {
        let _ = writeln!(out, "  - {change}");
    }

    out.push_str("\n2. Parameters, sorted by encoded name then value (section 3.4.1.3)\n");
    params_table(&mut out, e);

    out.push_str("\n3. Normalised parameters\n");
    let _ = writeln!(out, "  {}", e.normalized_parameters);

    out.push_str("\n4. Signature base string: METHOD&enc(URI)&enc(parameters) (section 3.4.1.1)\n");
    let _ = writeln!(out, "  {}", signed.base_string());

    if method.is_rsa() {
        out.push_str(
            "\n5. Signing key (section 3.4.3): the consumer's RSA private key, never shown\n",
        );
    } else {
        out.push_str("\n5. Signing key (section 3.4.2), secrets masked\n");
    }
    let _ = writeln!(out, "  {}  [{method}]", e.masked_key);

    out.push_str("\n6. Signature\n");
    if method == SignatureMethod::Plaintext {
        let _ = writeln!(
            out,
            "  {}  (PLAINTEXT sends the signing key itself, so it is masked here)",
            e.masked_key
        );
    } else {
        let _ = writeln!(out, "  {}", signed.signature());
    }

    out.push_str("\n7. Result\n");
    if method == SignatureMethod::Plaintext {
        out.push_str(
            "  (not shown: with PLAINTEXT it carries the secrets; run without --explain to print it)\n",
        );
    } else if let Some(url) = signed.signed_url() {
        line(&mut out, "signed URL", url);
    } else if let Some(body) = signed.signed_body() {
        line(
            &mut out,
            "signed body",
            &show(&String::from_utf8_lossy(body)),
        );
    } else {
        let _ = writeln!(out, "  Authorization: {}", signed.authorization());
    }

    out.push_str("\nWarnings\n");
    if e.warnings.is_empty() {
        out.push_str("  none\n");
    }
    for warning in &e.warnings {
        let _ = writeln!(out, "  - {warning}");
    }
    out
}

/// One row per parameter: source, raw name, raw value, and the encoded pair.
fn params_table(out: &mut String, e: &Explanation) {
    let rows: Vec<[String; 4]> = e
        .params
        .iter()
        .map(|p| {
            [
                ParamSource::as_str(p.source).to_owned(),
                show(&p.name),
                show(&p.value),
                format!("{}={}", p.encoded_name, p.encoded_value),
            ]
        })
        .collect();
    let header = [
        "source".to_owned(),
        "name".to_owned(),
        "value".to_owned(),
        "encoded".to_owned(),
    ];
    let mut widths = [0usize; 3];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count().min(MAX_COLUMN));
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        out.push(' ');
        for (width, cell) in widths.iter().zip(row) {
            let _ = write!(out, " {cell:<width$} ");
        }
        let _ = writeln!(out, " {}", row[3]);
    }
}

/// A labelled line of the request section.
fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {label:<13} {value}");
}

/// Text as it can be shown on one line: control characters escaped, the rest as is.
fn show(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
