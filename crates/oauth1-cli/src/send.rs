//! `oauth1 request`: signs a request (RFC 5849 section 3), sends it, follows
//! redirects with a new signature for each hop, and prints the answer; a refusal
//! is explained on standard error ([`crate::refusal`]).

use crate::args::RequestCmdArgs;
use crate::fail::{CliError, EXIT_REJECTED, INVALID_OPTION};
use crate::http::{Client, Outgoing, Response};
use crate::request::CliRequest;
use crate::{refusal, signing};
use std::io::Write;
use std::process::ExitCode;

/// Runs `oauth1 request`: 0 for an answer below 400, 1 for a 4xx or 5xx one (its
/// body still printed), 2 for bad input or no answer.
pub fn run(args: &mut RequestCmdArgs) -> Result<ExitCode, CliError> {
    let provider = signing::provider(&args.provider)?;
    let prepared = signing::prepare(
        &mut args.credentials,
        &args.key,
        &args.signing,
        provider.as_ref(),
    )?;
    let signer = signing::build(
        prepared.builder,
        prepared.loaded.private_key_file.as_ref(),
        &args.signing,
        &args.credentials,
    )?;
    let request = CliRequest::from_args(&args.request)?;
    // The preset's required headers first (Discogs' User-Agent), then the user's -H,
    // which replace a preset's header of the same name.
    let mut headers: Vec<(String, String)> = provider
        .iter()
        .flat_map(|p| p.required_headers.iter().cloned())
        .collect();
    for header in &args.headers {
        let (name, value) = parse_header(header)?;
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        headers.push((name, value));
    }
    let trusted: Vec<&str> = args.trusted_origins.iter().map(String::as_str).collect();
    let exchange = Client::new().send_signed(
        &signer,
        Outgoing {
            method: request.method,
            url: request.url,
            body: request.body,
            content_type: request.content_type,
            headers,
        },
        &trusted,
    )?;

    let mut stdout = std::io::stdout().lock();
    if args.include {
        for response in exchange.redirects.iter().chain([&exchange.response]) {
            stdout.write_all(response.head().as_bytes())?;
        }
    }
    stdout.write_all(&exchange.response.body)?;
    stdout.flush()?;

    let response = &exchange.response;
    if response.status < 400 {
        return Ok(ExitCode::SUCCESS);
    }
    report_refusal(
        response,
        exchange.signed.as_ref(),
        exchange.last_hop_unsigned,
    );
    Ok(ExitCode::from(EXIT_REJECTED))
}

/// The error line (and details) for a 4xx or 5xx answer, on standard error.
fn report_refusal(response: &Response, signed: Option<&oauth1::Signed>, unsigned: bool) {
    // The offset to suggest is measured from this machine's own clock.
    let now = oauth1::unix_now().unwrap_or(0);
    let explained = refusal::explain(response, if unsigned { None } else { signed }, now);
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "{}",
        crate::fail::error_line(explained.code, &explained.message)
    );
    for line in explained.details {
        let _ = writeln!(stderr, "{line}");
    }
}

/// `Name: value` from `-H`, trimmed; a header without a name or colon is refused.
fn parse_header(header: &str) -> Result<(String, String), CliError> {
    let bad = |why: &str| CliError::input(INVALID_OPTION, format!("-H {header:?}: {why}"));
    let (name, value) = header
        .split_once(':')
        .ok_or_else(|| bad("expected `Name: value`"))?;
    let name = name.trim();
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(token) {
        return Err(bad("the name is not an HTTP header name"));
    }
    if value.contains(['\r', '\n', '\0']) {
        return Err(bad("the value holds a line break or NUL"));
    }
    if name.eq_ignore_ascii_case("authorization") {
        return Err(bad(
            "the Authorization header is the signature's; it is made for each hop",
        ));
    }
    Ok((name.to_owned(), value.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test may stop at the first failure

    use super::parse_header;

    #[test]
    fn a_header_is_a_name_and_a_value() {
        assert_eq!(
            parse_header("User-Agent:  my-app/1.0 ").unwrap(),
            ("User-Agent".to_owned(), "my-app/1.0".to_owned())
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("Bad Name: x").is_err());
        assert!(parse_header("Authorization: OAuth x").is_err());
    }
}
