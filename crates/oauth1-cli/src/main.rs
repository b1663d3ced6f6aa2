//! `oauth1`: sign, explain and verify OAuth 1.0a requests (RFC 5849) from the
//! command line. All signing and verification is the `oauth1` crate's; this binary
//! reads arguments, loads credentials and prints.
//!
//! Exit status: 0 success, 1 verification failed, 2 usage or bad input.

mod args;
mod credentials;
mod explain;
mod fail;
mod output;
mod request;

use args::{Cli, Command, OffsetArgs, SignArgs, VerifyArgs};
use clap::Parser;
use fail::{CliError, EXIT_BAD_INPUT, EXIT_REJECTED, warn};
use oauth1::{Error, Placement, ReceivedRequest, Request, Signer, VerifyOptions};
use request::CliRequest;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Usage errors go to stderr with status 2; --help and --version to stdout with 0.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_BAD_INPUT));
        }
    };
    let result = match cli.command {
        Command::Sign(args) => sign(&args),
        Command::Verify(args) => verify(&args),
        Command::Offset(args) => offset(&args),
    };
    result.unwrap_or_else(|e| e.report())
}

/// `oauth1 sign`: builds a signer from the credentials and options, signs, prints.
fn sign(args: &SignArgs) -> Result<ExitCode, CliError> {
    let credentials = credentials::load(&args.credentials)?;
    let request = CliRequest::from_args(&args.request)?;
    let mut builder = Signer::from_credentials(credentials)
        .signature_method(args.signature_method)
        .version(!args.no_version)
        .body_hash(args.body_hash)
        .clock_offset(args.clock_offset)
        .placement(args.placement);
    if let Some(realm) = &args.realm {
        builder = builder.realm(realm);
    }
    if let Some(callback) = &args.callback {
        builder = builder.callback(callback);
    }
    if let Some(verifier) = &args.verifier {
        builder = builder.verifier(verifier);
    }
    let signer = builder.build().map_err(CliError::core)?;

    let mut to_sign = Request::new(&request.method, &request.url);
    if let Some(body) = &request.body {
        to_sign = to_sign.body(body, request.content_type.as_deref());
    } else {
        to_sign.content_type = request.content_type.as_deref();
    }
    to_sign.nonce = args.nonce.as_deref();
    to_sign.timestamp = args.timestamp;

    // Explaining costs a second look at the request, and it finds the warnings that
    // are worth showing even without --explain.
    let explanation = signer.explain(&to_sign).map_err(CliError::core)?;
    let mut stdout = std::io::stdout().lock();
    if args.explain {
        stdout.write_all(explain::render(&request, &signer, &explanation).as_bytes())?;
    } else {
        for warning in &explanation.warnings {
            warn(warning);
        }
        stdout.write_all(&output::render(args.format, &request, &explanation.signed)?)?;
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `oauth1 verify`: checks the request as a server would; 0 valid, 1 rejected.
fn verify(args: &VerifyArgs) -> Result<ExitCode, CliError> {
    let credentials = credentials::load(&args.credentials)?;
    let request = CliRequest::from_args(&args.request)?;
    let mut received = ReceivedRequest::new(&request.method, &request.url);
    received.authorization = args.authorization.as_deref();
    received.body = request.body.as_deref();
    received.content_type = request.content_type.as_deref();
    let options = VerifyOptions {
        now: args.now,
        max_skew: args.max_skew,
        ..VerifyOptions::default()
    };

    let mut stdout = std::io::stdout().lock();
    let code = match oauth1::verify(&received, &credentials, &options) {
        Ok(ok) => {
            let token = ok
                .token
                .map(|t| format!(", token {t:?}"))
                .unwrap_or_default();
            let timestamp = ok
                .timestamp
                .map(|t| format!(", timestamp {t}"))
                .unwrap_or_default();
            let place = match ok.placement {
                Placement::Query => "the query",
                Placement::Body => "the form body",
                _ => "the Authorization header",
            };
            writeln!(
                stdout,
                "valid: {} signature by consumer key {:?}{token}{timestamp}, in {place}",
                ok.signature_method, ok.consumer_key
            )?;
            ExitCode::SUCCESS
        }
        Err(Error::Rejected(rejection)) => {
            writeln!(
                stdout,
                "invalid: {}: {}",
                rejection.problem, rejection.reason
            )?;
            if let Some(base_string) = &rejection.base_string {
                writeln!(stdout, "server base string: {base_string}")?;
            }
            writeln!(
                stdout,
                "WWW-Authenticate: {}",
                rejection.www_authenticate(None)
            )?;
            ExitCode::from(EXIT_REJECTED)
        }
        // A request that cannot be read at all (a malformed header or URL) is bad input.
        Err(other) => return Err(CliError::core(other)),
    };
    stdout.flush()?;
    Ok(code)
}

/// `oauth1 offset`: the clock offset a `timestamp_refused` answer asks for.
fn offset(args: &OffsetArgs) -> Result<ExitCode, CliError> {
    let now = match args.now {
        Some(now) => now,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|_| CliError::input("the system clock is before 1970"))?
            .as_secs(),
    };
    let offset = oauth1::clock_offset_from_problem(&args.answer, now).map_err(CliError::core)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{offset}")?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
