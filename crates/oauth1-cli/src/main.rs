//! `oauth1`: sign, explain and verify OAuth 1.0a requests (RFC 5849) from the
//! command line, send them (`request`) and get tokens (`login`, RFC 5849 section 2).
//! All signing, verification and reading of providers' answers is the `oauth1`
//! crate's; this binary reads arguments, loads credentials, does the HTTP and prints.
//!
//! Exit status: 0 success, 1 verification failed (for `login` and `request`: the
//! provider or server refused), 2 usage or bad input (or, for `verify --redis`, a
//! nonce store that could not answer; for `login` and `request`, no answer at all);
//! bad input is one line on
//! standard error, `oauth1: error: CODE: message`, where CODE is the core's stable
//! error code (see `fail.rs`).

mod args;
mod callback;
mod credentials;
mod explain;
mod fail;
mod http;
mod keys;
mod login;
mod output;
mod providers;
mod redis_store;
mod refusal;
mod request;
mod send;
mod signing;

use args::{Cli, Command, OffsetArgs, SignArgs, VerifyArgs, VerifyFormat};
use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use credentials::Purpose;
use fail::{CliError, EXIT_BAD_INPUT, EXIT_REJECTED, INVALID_OPTION, warn};
use oauth1::{
    Consumer, Credentials, Error, Placement, ReceivedRequest, Rejection, Request, RsaPublicKey,
    Secret, SecretLookup, Verified, VerifyOptions,
};
use request::CliRequest;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // A value the core refused while the arguments were read (a signature
            // method, a placement, a negative timestamp) is bad input with the core's code.
            if let Some(error) = core_error(&e) {
                return error.report();
            }
            // Usage errors go to stderr with status 2; --help and --version to stdout with 0.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_BAD_INPUT));
        }
    };
    let result = match cli.command {
        Command::Sign(mut args) => sign(&mut args),
        Command::Verify(mut args) => verify(&mut args),
        Command::Offset(args) => offset(&args),
        Command::Request(mut args) => send::run(&mut args),
        Command::Login(mut args) => login::run(&mut args),
        Command::Providers => providers::list(),
    };
    result.unwrap_or_else(|e| e.report())
}

/// `oauth1 sign`: builds a signer from the credentials and options, signs, prints.
fn sign(args: &mut SignArgs) -> Result<ExitCode, CliError> {
    let provider = signing::provider(&args.provider)?;
    let prepared = signing::prepare(
        &mut args.credentials,
        &args.key,
        &args.signing,
        provider.as_ref(),
    )?;
    let request = CliRequest::from_args(&args.request)?;
    let mut builder = prepared.builder;
    if let Some(callback) = &args.callback {
        builder = builder.callback(callback);
    }
    if let Some(verifier) = &args.verifier {
        builder = builder.verifier(verifier);
    }
    let signer = signing::build(
        builder,
        prepared.loaded.private_key_file.as_ref(),
        &args.signing,
        &args.credentials,
    )?;

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
        let headers: Vec<(String, String)> = provider
            .iter()
            .flat_map(|p| p.required_headers.iter().cloned())
            .collect();
        stdout.write_all(&output::render(
            args.format,
            &request,
            &explanation.signed,
            &headers,
        )?)?;
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `oauth1 verify`: checks the request as a server would; 0 valid, 1 rejected.
///
/// The credentials are the lookup ([`Server`]): with a token they accept that token
/// only, without one only two-legged requests.
fn verify(args: &mut VerifyArgs) -> Result<ExitCode, CliError> {
    let options = verify_options(args)?;
    let loaded = credentials::load(
        &mut args.credentials,
        Purpose::Verify {
            public_key: args.key.public_key.is_some(),
        },
    )?;
    let public_key = (args.key.public_key.as_deref())
        .map(|path| keys::public_key(path, args.key.allow_short_key))
        .transpose()?;
    let server = Server {
        credentials: loaded.credentials,
        has_secret: loaded.has_consumer_secret,
        public_key,
    };
    let request = CliRequest::from_args(&args.request)?;
    let mut received = ReceivedRequest::new(&request.method, &request.url);
    received.authorization = args.authorization.as_deref();
    received.body = request.body.as_deref();
    received.content_type = request.content_type.as_deref();

    let (out, code) = match oauth1::verify(&received, &server, &options) {
        Ok(ok) => (verified(args.format, &ok), ExitCode::SUCCESS),
        Err(Error::Rejected(rejection)) => (
            rejected(args.format, &rejection),
            ExitCode::from(EXIT_REJECTED),
        ),
        // A request that cannot be read at all (a malformed header or URL) is bad input.
        Err(other) => return Err(CliError::core(other)),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(code)
}

/// The server `verify` plays: one consumer, with its secret, its RSA public key
/// (`--public-key`), or both. Without a secret the consumer is RSA-only, and the core
/// refuses its HMAC and PLAINTEXT requests as `signature_method_rejected`.
struct Server {
    credentials: Credentials,
    has_secret: bool,
    public_key: Option<RsaPublicKey>,
}

impl SecretLookup for Server {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        let mut consumer = self.credentials.consumer(consumer_key)?;
        if !self.has_secret {
            consumer.secret = None;
        }
        consumer.rsa_public_key.clone_from(&self.public_key);
        Some(consumer)
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.credentials.token_secret(consumer_key, token)
    }
}

/// The core's options, set from the flags given and nothing else: what is left out
/// keeps the core's default.
fn verify_options(args: &VerifyArgs) -> Result<VerifyOptions, CliError> {
    let mut options = VerifyOptions::default();
    if let Some(now) = args.now {
        options = options.now(now);
    }
    if let Some(seconds) = args.max_skew {
        options = options.max_skew(seconds);
    }
    if let Some(methods) = args::signature_methods(&args.signature_methods) {
        let flag = |e| CliError::core(e).for_flag("--signature-methods");
        options = options
            .signature_methods(methods.map_err(flag)?)
            .map_err(flag)?;
    }
    if args.allow_plaintext_over_http {
        options = options.allow_plaintext_over_http(true);
    }
    if args.allow_missing_timestamp {
        options = options.require_timestamp(false);
    }
    if args.require_body_hash {
        options = options.require_body_hash(true);
    }
    if args.hide_unknown_keys {
        options = options.hide_unknown_keys(true);
    }
    if let Some(url) = &args.redis {
        // The store keeps each nonce as long as a timestamp may be off: the allowed skew.
        let store = redis_store::RedisNonceStore::new(url, options.allowed_skew())
            .map_err(|why| CliError::input(INVALID_OPTION, format!("--redis: {why}")))?;
        if store.has_password() {
            warn(
                "--redis: the URL's password on the command line is visible to other users (ps, shell history); prefer a Redis reachable without one, such as a local socket",
            );
        }
        options = options.nonce_store(std::sync::Arc::new(store));
    }
    Ok(options)
}

/// What `verify` prints for a valid request, final newline included.
fn verified(format: VerifyFormat, ok: &Verified) -> String {
    match format {
        VerifyFormat::Json => {
            let object = json!({
                "valid": true,
                "consumer_key": ok.consumer_key,
                "token": ok.token,
                "signature_method": ok.signature_method.name(),
                "timestamp": ok.timestamp,
                "nonce": ok.nonce,
                "realm": ok.realm,
                "placement": Placement::as_str(ok.placement),
                "body_hash_checked": ok.body_hash_checked,
                "base_string": ok.base_string,
            });
            format!("{object}\n")
        }
        VerifyFormat::Text => {
            let token = ok
                .token
                .as_ref()
                .map(|t| format!(", token {t:?}"))
                .unwrap_or_default();
            let timestamp = ok
                .timestamp
                .map(|t| format!(", timestamp {t}"))
                .unwrap_or_default();
            let body_hash = if ok.body_hash_checked {
                ", body hash checked"
            } else {
                ""
            };
            let place = match ok.placement {
                Placement::Header => "the Authorization header",
                Placement::Query => "the query",
                Placement::Body => "the form body",
                _ => "another place",
            };
            format!(
                "valid: {} signature by consumer key {:?}{token}{timestamp}{body_hash}, in {place}\n",
                ok.signature_method, ok.consumer_key
            )
        }
    }
}

/// What `verify` prints for a rejected request, final newline included.
fn rejected(format: VerifyFormat, rejection: &Rejection) -> String {
    let www_authenticate = rejection.www_authenticate(None);
    match format {
        VerifyFormat::Json => {
            let object = json!({
                "valid": false,
                "problem": rejection.problem.name(),
                "reason": rejection.reason,
                "acceptable_timestamps": rejection.acceptable_timestamps.map(|(min, max)| [min, max]),
                "parameters_absent": rejection.parameters_absent,
                "parameters_rejected": rejection.parameters_rejected,
                "base_string": rejection.base_string,
                "www_authenticate": www_authenticate,
            });
            format!("{object}\n")
        }
        VerifyFormat::Text => {
            let mut out = format!("invalid: {}: {}\n", rejection.problem, rejection.reason);
            if let Some(base_string) = &rejection.base_string {
                out.push_str(&format!("server base string: {base_string}\n"));
            }
            out.push_str(&format!("WWW-Authenticate: {www_authenticate}\n"));
            out
        }
    }
}

/// `oauth1 offset`: the clock offset a `timestamp_refused` answer asks for.
fn offset(args: &OffsetArgs) -> Result<ExitCode, CliError> {
    let now = match args.now {
        Some(now) => now,
        None => oauth1::unix_now().map_err(CliError::core)?,
    };
    let offset = oauth1::clock_offset_from_problem(&args.answer, now).map_err(CliError::core)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{offset}")?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The core's error behind a clap error, for a value that a `value_parser` handed to
/// the core, as a [`CliError`] with the core's code and the flag it was given to.
fn core_error(e: &clap::Error) -> Option<CliError> {
    if e.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let core = std::error::Error::source(e)?.downcast_ref::<Error>()?;
    let mut error = CliError::core(core.clone());
    if let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) {
        // "--signature-method <METHOD>": the flag without its value name.
        error = error.for_flag(arg.split_whitespace().next().unwrap_or(arg));
    }
    Some(error)
}
