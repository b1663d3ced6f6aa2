//! What `oauth1 sign` prints: the header value, one JSON object, or a curl command
//! with every argument quoted for a POSIX shell.

use crate::args::Format;
use crate::fail::{CliError, INVALID_OPTION};
use crate::request::{CliRequest, FORM_CONTENT_TYPE};
use oauth1::Signed;
use serde_json::{Value, json};

/// The bytes to print for `format`, final newline included. `headers` are the
/// headers a provider preset requires (Discogs' User-Agent), which the curl command sends.
pub fn render(
    format: Format,
    request: &CliRequest,
    signed: &Signed,
    headers: &[(String, String)],
) -> Result<Vec<u8>, CliError> {
    let mut out = match format {
        Format::Header => header(signed),
        Format::Json => json(signed)?.into_bytes(),
        Format::Curl => curl(request, signed, headers)?,
    };
    out.push(b'\n');
    Ok(out)
}

/// The thing to send: the header value, or the signed URL or body for the other placements.
fn header(signed: &Signed) -> Vec<u8> {
    if let Some(url) = signed.signed_url() {
        url.as_bytes().to_vec()
    } else if let Some(body) = signed.signed_body() {
        body.to_vec()
    } else {
        signed.authorization().as_bytes().to_vec()
    }
}

/// One JSON object with the result fields in snake_case (DESIGN.md), plus
/// `signed_url` or `signed_body` for query or body placement.
fn json(signed: &Signed) -> Result<String, CliError> {
    let params: Vec<Value> = signed
        .params()
        .map(|(name, value)| json!([name, value]))
        .collect();
    let mut object = json!({
        "authorization": signed.authorization(),
        "signature": signed.signature(),
        "base_string": signed.base_string(),
        "nonce": signed.nonce(),
        "timestamp": signed.timestamp(),
        "params": params,
    });
    if let Value::Object(map) = &mut object {
        if let Some(url) = signed.signed_url() {
            map.insert("signed_url".into(), url.into());
        }
        if let Some(body) = signed.signed_body() {
            let body = std::str::from_utf8(body).map_err(|_| {
                CliError::input(
                    INVALID_OPTION,
                    "the signed body is not UTF-8, so JSON cannot hold it; use --format header or curl",
                )
            })?;
            map.insert("signed_body".into(), body.into());
        }
    }
    Ok(object.to_string())
}

/// A curl command that sends exactly the request that was signed: one option per
/// line, every argument quoted for a POSIX shell.
fn curl(
    request: &CliRequest,
    signed: &Signed,
    headers: &[(String, String)],
) -> Result<Vec<u8>, CliError> {
    let authorization;
    let content_type;
    let required: Vec<String> = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    let body = signed.signed_body().or(request.body.as_deref());
    let url = signed.signed_url().unwrap_or(&request.url);

    let mut options: Vec<Vec<&[u8]>> = Vec::new();
    // curl picks POST by itself when it sends data; -X only when that is not the method.
    let implied = if body.is_some() { "POST" } else { "GET" };
    if request.method != implied {
        options.push(vec![b"-X", request.method.as_bytes()]);
    }
    // Brackets and braces are curl's URL globbing; IPv6 hosts and some queries use them.
    if url.contains(['[', ']', '{', '}']) {
        options.push(vec![b"--globoff"]);
    }
    if signed.signed_url().is_none() && signed.signed_body().is_none() {
        authorization = format!("Authorization: {}", signed.authorization());
        options.push(vec![b"-H", authorization.as_bytes()]);
    }
    for header in &required {
        options.push(vec![b"-H", header.as_bytes()]);
    }
    let type_sent = match (&request.content_type, signed.signed_body()) {
        (Some(t), _) => Some(t.as_str()),
        (None, Some(_)) => Some(FORM_CONTENT_TYPE),
        (None, None) => None,
    };
    if let Some(t) = type_sent {
        content_type = format!("Content-Type: {t}");
        options.push(vec![b"-H", content_type.as_bytes()]);
    }
    if let Some(body) = body {
        if body.contains(&0) {
            return Err(CliError::input(
                INVALID_OPTION,
                "the body holds a NUL byte, which no shell argument can carry; use --format header or json",
            ));
        }
        // --data-raw sends the bytes as they are: no @file reading, no newline stripping.
        options.push(vec![b"--data-raw", body]);
    }
    options.push(vec![url.as_bytes()]);

    let mut out = b"curl".to_vec();
    for option in options {
        out.extend_from_slice(b" \\\n ");
        for word in option {
            out.push(b' ');
            out.extend_from_slice(&shell_quote(word));
        }
    }
    Ok(out)
}

/// Quotes one argument for a POSIX shell: left bare when it holds only characters
/// no shell treats specially, otherwise in single quotes, inside which every byte
/// is literal, with each `'` written as `'\''`.
pub fn shell_quote(word: &[u8]) -> Vec<u8> {
    let plain = |b: &u8| b.is_ascii_alphanumeric() || b"-_./:@%+,".contains(b);
    if !word.is_empty() && word.iter().all(plain) {
        return word.to_vec();
    }
    let mut out = Vec::with_capacity(word.len() + 2);
    out.push(b'\'');
    for &b in word {
        if b == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(b);
        }
    }
    out.push(b'\'');
    out
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    fn q(s: &str) -> String {
        String::from_utf8_lossy(&shell_quote(s.as_bytes())).into_owned()
    }

    #[test]
    fn quotes_what_a_shell_would_read() {
        assert_eq!(q("https://h/x"), "https://h/x");
        assert_eq!(q("-H"), "-H");
        assert_eq!(q(""), "''");
        assert_eq!(q("a b"), "'a b'");
        assert_eq!(q("it's"), "'it'\\''s'");
        assert_eq!(q("$HOME `id`"), "'$HOME `id`'");
        assert_eq!(q("~user"), "'~user'");
        assert_eq!(q("a=b"), "'a=b'");
        assert_eq!(q("x?a=1&b=2"), "'x?a=1&b=2'");
        assert_eq!(q("line\nnext"), "'line\nnext'");
    }
}
