//! The one place where errors become JavaScript `Error`s: every core
//! [`oauth1::Error`] and every bad argument from JavaScript is thrown as an `Error`
//! whose `code` is one of [`ErrorCode`], with the OAuth problem details attached
//! when there are some.

use napi::ValueType;
use napi::bindgen_prelude::{Env, JsValue, Object, Status};
use napi_derive::napi;
use oauth1::{Problem, Rejection};

/// The `code` of every `Error` this package throws; compare `err.code` with the string.
///
/// - `invalid_argument`: a JavaScript value has the wrong type, a required field is
///   missing or an option is unknown (`new Signer({})`, `sign({ url: 5 })`).
/// - `invalid_url`: the URL cannot be parsed; `unsupported_scheme`: not http or https.
/// - `invalid_method`: the HTTP method is empty or not an RFC 9110 token.
/// - `invalid_credentials`: an empty consumer key, a token secret without a token, no
///   consumer secret and no private key, an RSA method without a private key…
/// - `unknown_signature_method`: not HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1,
///   RSA-SHA256, RSA-SHA512 or PLAINTEXT.
/// - `invalid_timestamp`, `invalid_nonce`: a fixed timestamp or nonce that cannot be
///   sent; a negative `now`.
/// - `invalid_option`: an option that does not fit the request (body placement with
///   a JSON body, a private key with a method that is not RSA, an unknown placement,
///   an empty callback, an empty list of accepted signature methods, a nonce store's
///   capacity or window of 0…).
/// - `duplicate_parameter`: the request already carries a parameter signing adds.
/// - `malformed_header`: an `Authorization: OAuth …` header or a problem answer is malformed.
/// - `credentials_source`: a credentials file or the environment cannot be read or parsed.
/// - RSA keys (RFC 5849 section 3.4.3): `key_password` (an encrypted key or PKCS#12
///   file without its password, or with a wrong one), `key_type` (a public key or
///   certificate where the private key is needed, a private key where the public
///   one is, a key that is not RSA), `key_unreadable` (not PEM, DER or PKCS#12, or
///   corrupt; a key file that cannot be read), `key_too_short` (under 2048 bits,
///   unless `allowShortKey`).
/// - `nonce_store_unavailable`: the nonce store could not be reached, so the request
///   was refused (fail closed); a server answers it with 503.
/// - The three-legged flow (RFC 5849 section 2) and presets: `provider_error` (the
///   provider refused a request with no problem this package names, such as
///   `permission_denied`, or the user refused the authorization; the error has
///   `status` when there was an HTTP answer and `problem` when the provider named
///   one), `response_invalid` (an answer that is not a form or JSON with
///   `oauth_token` and `oauth_token_secret`: an HTML page, an empty body, a redirect
///   back without `oauth_verifier`), `callback_unconfirmed` (temporary credentials
///   without `oauth_callback_confirmed=true`), `token_mismatch` (the redirect back
///   carries another token than the one issued, or none), `unknown_provider` (a
///   preset name that `providerNames()` does not list). A provider's refusal that
///   names one of the problems below (`signature_invalid`, `timestamp_refused`…)
///   has that code, as a verification failure does.
/// - Verification failures, with the OAuth Problem Reporting names: `version_rejected`,
///   `parameter_absent`, `parameter_rejected`, `timestamp_refused`, `nonce_used`,
///   `signature_method_rejected`, `signature_invalid`, `consumer_key_unknown`,
///   `token_rejected`. These errors also have `problem` (the same name),
///   `wwwAuthenticate` (the header value a server should answer with) and, where
///   they apply, `acceptableTimestamps` (`[min, max]`), `parametersAbsent`,
///   `parametersRejected` and `baseString` (the server's base string, to compare
///   with the client's: for the server's logs, never for the client; cut to 8 KiB).
///
/// No message or property ever holds a secret.
//
// The codes are those of the core's error table (`oauth1::ERROR_KINDS`, which also
// has each one's summary) and `invalid_argument`; test/errors.test.js checks the two
// lists against each other.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum ErrorCode {
    InvalidArgument,
    InvalidUrl,
    UnsupportedScheme,
    InvalidMethod,
    InvalidCredentials,
    UnknownSignatureMethod,
    InvalidTimestamp,
    InvalidNonce,
    InvalidOption,
    DuplicateParameter,
    MalformedHeader,
    CredentialsSource,
    KeyPassword,
    KeyType,
    KeyUnreadable,
    KeyTooShort,
    NonceStoreUnavailable,
    ProviderError,
    ResponseInvalid,
    CallbackUnconfirmed,
    TokenMismatch,
    UnknownProvider,
    VersionRejected,
    ParameterAbsent,
    ParameterRejected,
    TimestampRefused,
    NonceUsed,
    SignatureMethodRejected,
    SignatureInvalid,
    ConsumerKeyUnknown,
    TokenRejected,
}

/// Internal, for the test that checks [`ErrorCode`]: the code of every kind of
/// error in the core's table.
#[napi(js_name = "_coreErrorCodes", skip_typescript)]
pub fn core_error_codes() -> Vec<&'static str> {
    oauth1::ERROR_KINDS.iter().map(|kind| kind.code).collect()
}

/// Internal, for the test that checks the typings' unions: the core's signature
/// method names, then its placement names.
#[napi(js_name = "_coreNames", skip_typescript)]
pub fn core_names() -> (Vec<&'static str>, Vec<&'static str>) {
    let methods = oauth1::SignatureMethod::ALL.map(oauth1::SignatureMethod::name);
    let placements = oauth1::Placement::ALL.map(oauth1::Placement::as_str);
    (methods.to_vec(), placements.to_vec())
}

/// Why a call failed, before it becomes a JavaScript `Error` at the call's boundary.
#[derive(Debug)]
pub enum Failure {
    /// The core refused the input or the request (code from [`oauth1::Error::kind`]).
    Core(oauth1::Error),
    /// A JavaScript value had the wrong type or a field was missing (`invalid_argument`).
    Argument(String),
    /// An exception thrown by JavaScript code we called (a `secrets` function), or a
    /// failure of the engine itself: passed on unchanged.
    Js(napi::Error),
}

/// The result type of everything below the `#[napi]` entry points.
pub type Outcome<T> = Result<T, Failure>;

/// A bad argument from JavaScript: thrown with code `invalid_argument`.
pub fn argument(reason: impl Into<String>) -> Failure {
    Failure::Argument(reason.into())
}

impl From<oauth1::Error> for Failure {
    fn from(error: oauth1::Error) -> Self {
        Failure::Core(error)
    }
}

impl From<napi::Error> for Failure {
    /// napi's own conversion errors are argument errors; an exception raised by
    /// JavaScript (or anything else) passes through.
    fn from(error: napi::Error) -> Self {
        match error.status {
            Status::PendingException | Status::GenericFailure | Status::Cancelled => {
                Failure::Js(error)
            }
            _ => Failure::Argument(error.reason),
        }
    }
}

impl Failure {
    /// The JavaScript `Error` to throw: `code` set, problem details attached.
    pub fn into_js(self, env: &Env) -> napi::Error {
        let built = match self {
            Failure::Js(error) => return error,
            Failure::Argument(reason) => with_code(env, &reason, "invalid_argument"),
            Failure::Core(error) => core_error(env, &error),
        };
        built.map_or_else(|error| error, |object| object.to_unknown().into())
    }
}

/// Runs the body of a `#[napi]` entry point, throwing its failure as the JavaScript
/// `Error` it maps to.
pub fn throwing<T>(env: &Env, body: impl FnOnce() -> Outcome<T>) -> napi::Result<T> {
    body().map_err(|failure| failure.into_js(env))
}

fn with_code<'e>(env: &'e Env, message: &str, code: &str) -> napi::Result<Object<'e>> {
    let mut object = env.create_error(napi::Error::new(Status::GenericFailure, message))?;
    object.set("code", code)?;
    Ok(object)
}

fn core_error<'e>(env: &'e Env, error: &oauth1::Error) -> napi::Result<Object<'e>> {
    let mut object = with_code(env, &error.to_string(), error.kind().code)?;
    if let oauth1::Error::ProviderError {
        status, problem, ..
    } = error
    {
        // A refusal this package has no code for: what the provider said, as it said it.
        if let Some(status) = status {
            object.set("status", u32::from(*status))?;
        }
        if let Some(problem) = problem {
            object.set("problem", problem.as_str())?;
        }
        return Ok(object);
    }
    let Some(problem) = error.problem() else {
        return Ok(object);
    };
    object.set("problem", problem.name())?;
    let rejection = match error {
        oauth1::Error::Rejected(r) => Rejection::clone(r),
        _ => Rejection {
            problem,
            reason: error.to_string(),
            acceptable_timestamps: None,
            parameters_absent: Vec::new(),
            parameters_rejected: Vec::new(),
            base_string: None,
        },
    };
    object.set("wwwAuthenticate", rejection.www_authenticate(None))?;
    if let Some((min, max)) = rejection.acceptable_timestamps {
        object.set("acceptableTimestamps", vec![min as f64, max as f64])?;
    }
    if rejection.problem == Problem::ParameterAbsent {
        object.set("parametersAbsent", rejection.parameters_absent.to_vec())?;
    }
    if rejection.problem == Problem::ParameterRejected {
        object.set("parametersRejected", rejection.parameters_rejected.clone())?;
    }
    if let Some(base) = &rejection.base_string {
        object.set("baseString", base.as_str())?;
    }
    Ok(object)
}

/// The type of a JavaScript value in words, for error messages (never the value).
pub fn type_name(value: ValueType) -> &'static str {
    match value {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::BigInt => "a bigint",
        _ => "an unsupported value",
    }
}
