//! The one error type of the crate, and the OAuth Problem Reporting names that
//! verification failures map to.

use std::fmt;

/// Everything that can go wrong while signing or verifying a request.
///
/// Each variant names what was wrong and where; none of them ever carries a
/// secret. Bindings map each variant to their idiom once, through [`Error::code`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The URL could not be parsed (RFC 5849 section 3.4.1.2 needs scheme, host and path).
    InvalidUrl {
        /// What is wrong with it.
        reason: String,
    },
    /// The URL's scheme is neither `http` nor `https`.
    UnsupportedScheme {
        /// The scheme as given.
        scheme: String,
    },
    /// The HTTP method is empty or is not an RFC 9110 token.
    InvalidMethod {
        /// What is wrong with it.
        reason: String,
    },
    /// A credential is missing or unusable (an empty consumer key, a token secret without a token…).
    InvalidCredentials {
        /// What is wrong, naming the credential but never its value.
        reason: String,
    },
    /// The signature method is not one of `HMAC-SHA1`, `HMAC-SHA256`, `HMAC-SHA512`,
    /// `RSA-SHA1`, `RSA-SHA256`, `RSA-SHA512`, `PLAINTEXT`.
    UnknownSignatureMethod {
        /// The name as given.
        name: String,
    },
    /// A timestamp is not a non-negative whole number of seconds, or the clock is unusable.
    InvalidTimestamp {
        /// What is wrong with it.
        reason: String,
    },
    /// A nonce is empty or contains characters that cannot be sent.
    InvalidNonce {
        /// What is wrong with it.
        reason: String,
    },
    /// A signing option does not fit the request, such as body placement with a JSON body.
    InvalidOption {
        /// What is wrong.
        reason: String,
    },
    /// The request already carries a protocol parameter that signing would add.
    DuplicateParameter {
        /// The parameter name, such as `oauth_nonce`.
        name: String,
    },
    /// An `Authorization: OAuth …` header (RFC 5849 section 3.5.1) is malformed.
    MalformedHeader {
        /// What is wrong and where.
        reason: String,
    },
    /// A credentials file or environment could not be read or parsed.
    CredentialsSource {
        /// Where the credentials were looked for (a path or "environment").
        source: String,
        /// What is wrong.
        reason: String,
    },
    /// An RSA key's password is missing or wrong (RFC 5849 section 3.4.3 keys are
    /// often kept encrypted: PKCS#8, PKCS#12).
    KeyPassword {
        /// Which: missing, wrong, or unusable.
        reason: String,
    },
    /// A key is of the wrong kind: a public key or certificate where the private key is
    /// needed, a private key where the public one is, or a key that is not RSA.
    KeyType {
        /// What was found and what was needed.
        reason: String,
    },
    /// A key or certificate could not be read: not PEM, DER or PKCS#12, or corrupt.
    KeyUnreadable {
        /// What is wrong, never the key's content.
        reason: String,
    },
    /// An RSA key is shorter than [`crate::MIN_RSA_KEY_BITS`] and short keys were not
    /// allowed ([`crate::KeyOptions::allow_short_key`]).
    KeyTooShort {
        /// The key's modulus size.
        bits: u32,
    },
    /// The nonce store could not answer (RFC 5849 section 3.3), so the request was
    /// refused without knowing whether it is a replay: fail closed. A server answers
    /// it with 503, not 401; the client may send a newly signed request later.
    NonceStoreUnavailable {
        /// What the store reported, for the server's log.
        reason: String,
    },
    /// A provider refused a request (RFC 5849 section 2: a non-2xx answer) with no
    /// problem this crate names: another OAuth Problem Reporting name such as
    /// `permission_denied` or `user_refused`, or none at all.
    ProviderError {
        /// The HTTP status of the answer; `None` for a refusal carried by the
        /// authorization redirect.
        status: Option<u16>,
        /// The `oauth_problem` the provider named, when it named one.
        problem: Option<String>,
        /// What the provider said: its `oauth_problem_advice`, or the start of its
        /// answer with anything unprintable replaced.
        reason: String,
    },
    /// A provider's answer to a token request is not what RFC 5849 sections 2.1 and
    /// 2.3 describe: a form-encoded body (JSON is tolerated) with `oauth_token` and
    /// `oauth_token_secret`.
    ResponseInvalid {
        /// What is wrong with it.
        reason: String,
    },
    /// A temporary-credentials answer lacks `oauth_callback_confirmed=true` (RFC 5849
    /// section 2.1): the provider did not take the callback, so the flow stops.
    CallbackUnconfirmed,
    /// The redirect back from the provider (RFC 5849 section 2.2) carries a token other
    /// than the one issued, or none, so it belongs to another authorization.
    TokenMismatch {
        /// What was expected and found, never the values.
        reason: String,
    },
    /// A provider name that is not among the presets ([`crate::Provider::names`]).
    UnknownProvider {
        /// The name as given.
        name: String,
    },
    /// A server refused a signed request, with one of the OAuth Problem Reporting names
    /// (boxed: it is large, and rare next to the other errors).
    Rejected(Box<Rejection>),
}

impl Error {
    /// A stable, machine-readable name for the kind of error, shared by every binding
    /// (`invalid_url`, `unsupported_scheme`, …, and for [`Error::Rejected`] the problem
    /// name such as `signature_invalid`).
    pub fn code(&self) -> &'static str {
        self.kind().code
    }

    /// The kind of this error in the table every binding names its errors from
    /// ([`ERROR_KINDS`]).
    ///
    /// ```
    /// let err = oauth1::Signer::builder("", "s").build().unwrap_err();
    /// assert_eq!((err.kind().code, err.kind().c_result), ("invalid_credentials", 103));
    /// ```
    pub fn kind(&self) -> &'static ErrorKind {
        let index = match self {
            Error::InvalidUrl { .. } => 0,
            Error::UnsupportedScheme { .. } => 1,
            Error::InvalidMethod { .. } => 2,
            Error::InvalidCredentials { .. } => 3,
            Error::UnknownSignatureMethod { .. } => 4,
            Error::InvalidTimestamp { .. } => 5,
            Error::InvalidNonce { .. } => 6,
            Error::InvalidOption { .. } => 7,
            Error::DuplicateParameter { .. } => 8,
            Error::MalformedHeader { .. } => 9,
            Error::CredentialsSource { .. } => 10,
            Error::KeyPassword { .. } => 11,
            Error::KeyType { .. } => 12,
            Error::KeyUnreadable { .. } => 13,
            Error::KeyTooShort { .. } => 14,
            Error::NonceStoreUnavailable { .. } => 15,
            Error::ProviderError { .. } => 16,
            Error::ResponseInvalid { .. } => 17,
            Error::CallbackUnconfirmed => 18,
            Error::TokenMismatch { .. } => 19,
            Error::UnknownProvider { .. } => 20,
            Error::Rejected(r) => return r.problem.kind(),
        };
        &ERROR_KINDS[index]
    }

    /// The OAuth problem a server should report for this error: the rejection's own
    /// problem, `parameter_rejected` for a malformed header or a duplicated parameter,
    /// and `None` for errors that are not about a received request.
    pub fn problem(&self) -> Option<Problem> {
        match self {
            Error::Rejected(r) => Some(r.problem),
            Error::MalformedHeader { .. } | Error::DuplicateParameter { .. } => {
                Some(Problem::ParameterRejected)
            }
            _ => None,
        }
    }

    pub(crate) fn url(reason: impl Into<String>) -> Self {
        Error::InvalidUrl {
            reason: reason.into(),
        }
    }

    pub(crate) fn header(reason: impl Into<String>) -> Self {
        Error::MalformedHeader {
            reason: reason.into(),
        }
    }

    pub(crate) fn option(reason: impl Into<String>) -> Self {
        Error::InvalidOption {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidUrl { reason } => write!(f, "invalid URL: {reason}"),
            Error::UnsupportedScheme { scheme } => write!(
                f,
                "unsupported URL scheme {scheme:?}: OAuth 1.0a signs http and https URLs"
            ),
            Error::InvalidMethod { reason } => write!(f, "invalid HTTP method: {reason}"),
            Error::InvalidCredentials { reason } => write!(f, "invalid credentials: {reason}"),
            Error::UnknownSignatureMethod { name } => write!(
                f,
                "unknown signature method {name:?}: expected HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, RSA-SHA512 or PLAINTEXT"
            ),
            Error::InvalidTimestamp { reason } => write!(f, "invalid timestamp: {reason}"),
            Error::InvalidNonce { reason } => write!(f, "invalid nonce: {reason}"),
            Error::InvalidOption { reason } => write!(f, "invalid option: {reason}"),
            Error::DuplicateParameter { name } => write!(
                f,
                "the request already carries {name}; it is added by signing and must appear only once"
            ),
            Error::MalformedHeader { reason } => {
                write!(f, "malformed OAuth Authorization header: {reason}")
            }
            Error::CredentialsSource { source, reason } => {
                write!(f, "cannot load credentials from {source}: {reason}")
            }
            Error::KeyPassword { reason } => write!(f, "key password: {reason}"),
            Error::KeyType { reason } => write!(f, "wrong kind of key: {reason}"),
            Error::KeyUnreadable { reason } => write!(f, "unreadable key: {reason}"),
            Error::KeyTooShort { bits } => write!(
                f,
                "the RSA key has {bits} bits; at least {} are required unless short keys are explicitly allowed",
                crate::rsa_key::MIN_RSA_KEY_BITS
            ),
            Error::NonceStoreUnavailable { reason } => write!(
                f,
                "the nonce store could not be reached, so the request was refused (fail closed): {reason}"
            ),
            Error::ProviderError {
                status,
                problem,
                reason,
            } => {
                f.write_str("the provider refused the request")?;
                match (status, problem) {
                    (Some(status), Some(problem)) => {
                        write!(f, " (HTTP {status}, oauth_problem={problem})")?;
                    }
                    (Some(status), None) => write!(f, " (HTTP {status})")?,
                    (None, Some(problem)) => write!(f, " (oauth_problem={problem})")?,
                    (None, None) => {}
                }
                write!(f, ": {reason}")
            }
            Error::ResponseInvalid { reason } => {
                write!(f, "the provider's answer is not a token response: {reason}")
            }
            Error::CallbackUnconfirmed => f.write_str(
                "the provider's temporary credentials lack oauth_callback_confirmed=true (RFC 5849 section 2.1), so it did not accept the callback",
            ),
            Error::TokenMismatch { reason } => write!(
                f,
                "the authorization redirect does not belong to this flow: {reason}"
            ),
            Error::UnknownProvider { name } => write!(
                f,
                "unknown provider {name:?}; the known ones are: {}",
                crate::Provider::names().join(", ")
            ),
            Error::Rejected(r) => fmt::Display::fmt(r, f),
        }
    }
}

impl std::error::Error for Error {}

impl From<Rejection> for Error {
    fn from(r: Rejection) -> Self {
        Error::Rejected(Box::new(r))
    }
}

/// The OAuth Problem Reporting names (oauth.net "ProblemReporting" extension) that
/// verification reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// `oauth_version` is present and is not `1.0`.
    VersionRejected,
    /// A required protocol parameter is missing.
    ParameterAbsent,
    /// A protocol parameter is duplicated, malformed or sent in more than one place.
    ParameterRejected,
    /// The timestamp is outside the allowed clock skew.
    TimestampRefused,
    /// The nonce was already used with the same credentials and timestamp.
    NonceUsed,
    /// The signature method is not accepted.
    SignatureMethodRejected,
    /// The signature does not match the request.
    SignatureInvalid,
    /// The consumer key is not known.
    ConsumerKeyUnknown,
    /// The token is not known or not valid for the consumer.
    TokenRejected,
}

impl Problem {
    /// The problem's name as sent in `oauth_problem`, such as `signature_invalid`.
    pub fn name(self) -> &'static str {
        self.kind().code
    }

    /// This problem's entry in [`ERROR_KINDS`].
    pub fn kind(self) -> &'static ErrorKind {
        let index = match self {
            Problem::VersionRejected => 21,
            Problem::ParameterAbsent => 22,
            Problem::ParameterRejected => 23,
            Problem::TimestampRefused => 24,
            Problem::NonceUsed => 25,
            Problem::SignatureMethodRejected => 26,
            Problem::SignatureInvalid => 27,
            Problem::ConsumerKeyUnknown => 28,
            Problem::TokenRejected => 29,
        };
        &ERROR_KINDS[index]
    }

    /// Every problem, for bindings that export the names.
    pub const ALL: [Problem; 9] = [
        Problem::VersionRejected,
        Problem::ParameterAbsent,
        Problem::ParameterRejected,
        Problem::TimestampRefused,
        Problem::NonceUsed,
        Problem::SignatureMethodRejected,
        Problem::SignatureInvalid,
        Problem::ConsumerKeyUnknown,
        Problem::TokenRejected,
    ];
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a request failed verification: one problem and a sentence about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The OAuth Problem Reporting name.
    pub problem: Problem,
    /// A human-readable reason; never contains a secret.
    pub reason: String,
    /// For [`Problem::TimestampRefused`], the range of timestamps the server accepts
    /// (`oauth_acceptable_timestamps`), inclusive.
    pub acceptable_timestamps: Option<(u64, u64)>,
    /// For [`Problem::ParameterAbsent`], the names of the missing parameters
    /// (`oauth_parameters_absent`).
    pub parameters_absent: Vec<&'static str>,
    /// For [`Problem::ParameterRejected`], the names of the parameters refused
    /// (`oauth_parameters_rejected`), where one can be named.
    pub parameters_rejected: Vec<String>,
    /// For [`Problem::SignatureInvalid`], the signature base string the server
    /// computed, to compare with the client's. It holds no secret but does hold the
    /// request's parameters, so it is for the server's logs, not for the client; it
    /// is cut to [`crate::MAX_REJECTION_BASE_STRING`] bytes.
    pub base_string: Option<String>,
}

impl Rejection {
    pub(crate) fn new(problem: Problem, reason: impl Into<String>) -> Self {
        Rejection {
            problem,
            reason: reason.into(),
            acceptable_timestamps: None,
            parameters_absent: Vec::new(),
            parameters_rejected: Vec::new(),
            base_string: None,
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.problem, self.reason)
    }
}

/// One kind of error as every binding names it: the one table from which the C
/// result codes, the Node `code` strings and the Python exception classes are made,
/// or against which their tests check them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorKind {
    /// The stable code: Python's `Error.code`, Node's `err.code`, C's
    /// `oauth1_result_name()`, the CLI's `oauth1: error: CODE: …`.
    pub code: &'static str,
    /// The C result number (`OAUTH1_ERR_…`).
    pub c_result: u32,
    /// One line about the kind, never about one error: C's `oauth1_result_message()`.
    pub summary: &'static str,
    /// The OAuth Problem Reporting problem, for rejections of a received request.
    pub problem: Option<Problem>,
}

const fn kind(code: &'static str, c_result: u32, summary: &'static str) -> ErrorKind {
    ErrorKind {
        code,
        c_result,
        summary,
        problem: None,
    }
}

const fn rejection(
    problem: Problem,
    code: &'static str,
    c_result: u32,
    summary: &'static str,
) -> ErrorKind {
    ErrorKind {
        code,
        c_result,
        summary,
        problem: Some(problem),
    }
}

/// Every kind of [`Error`]: first the errors of bad input (C results 100 and up),
/// then the verification problems (200 and up), in [`Problem::ALL`] order.
pub const ERROR_KINDS: [ErrorKind; 30] = [
    kind(
        "invalid_url",
        100,
        "invalid URL: it needs an http or https scheme, a host and a valid port",
    ),
    kind(
        "unsupported_scheme",
        101,
        "unsupported URL scheme: OAuth 1.0a signs http and https URLs",
    ),
    kind(
        "invalid_method",
        102,
        "invalid HTTP method: it must be a non-empty token such as GET",
    ),
    kind(
        "invalid_credentials",
        103,
        "invalid credentials: the consumer key is empty or a token secret has no token",
    ),
    kind(
        "unknown_signature_method",
        104,
        "unknown signature method: expected HMAC-SHA1/256/512, RSA-SHA1/256/512 or PLAINTEXT",
    ),
    kind(
        "invalid_timestamp",
        105,
        "invalid timestamp: it must be a positive number of seconds",
    ),
    kind(
        "invalid_nonce",
        106,
        "invalid nonce: it is empty or holds a control character",
    ),
    kind(
        "invalid_option",
        107,
        "invalid option: a value is not usable or does not fit the request",
    ),
    kind(
        "duplicate_parameter",
        108,
        "the request already carries a protocol parameter that signing adds",
    ),
    kind(
        "malformed_header",
        109,
        "malformed OAuth header or problem answer",
    ),
    kind(
        "credentials_source",
        110,
        "credentials could not be loaded: a value is missing or the JSON is invalid",
    ),
    kind(
        "key_password",
        111,
        "key password: the RSA key is encrypted and its password is missing or wrong",
    ),
    kind(
        "key_type",
        112,
        "wrong kind of key: a public key where the private one is needed, or the reverse, or not RSA",
    ),
    kind(
        "key_unreadable",
        113,
        "unreadable key: not PEM, DER or PKCS#12, or corrupt",
    ),
    kind(
        "key_too_short",
        114,
        "the RSA key is shorter than 2048 bits and short keys were not allowed",
    ),
    kind(
        "nonce_store_unavailable",
        115,
        "the nonce store could not be reached; the request was refused (fail closed)",
    ),
    kind(
        "provider_error",
        116,
        "the provider refused the request with a problem this library does not name",
    ),
    kind(
        "response_invalid",
        117,
        "the provider's answer is not a form with oauth_token and oauth_token_secret",
    ),
    kind(
        "callback_unconfirmed",
        118,
        "the temporary credentials lack oauth_callback_confirmed=true",
    ),
    kind(
        "token_mismatch",
        119,
        "the authorization redirect carries another token than the one issued",
    ),
    kind(
        "unknown_provider",
        120,
        "unknown provider: the name is not among the presets",
    ),
    rejection(
        Problem::VersionRejected,
        "version_rejected",
        200,
        "version_rejected: oauth_version is not 1.0",
    ),
    rejection(
        Problem::ParameterAbsent,
        "parameter_absent",
        201,
        "parameter_absent: a required protocol parameter is missing",
    ),
    rejection(
        Problem::ParameterRejected,
        "parameter_rejected",
        202,
        "parameter_rejected: a protocol parameter is duplicated or malformed",
    ),
    rejection(
        Problem::TimestampRefused,
        "timestamp_refused",
        203,
        "timestamp_refused: the timestamp is outside the allowed clock skew",
    ),
    rejection(
        Problem::NonceUsed,
        "nonce_used",
        204,
        "nonce_used: the nonce was already used",
    ),
    rejection(
        Problem::SignatureMethodRejected,
        "signature_method_rejected",
        205,
        "signature_method_rejected: the signature method is not accepted",
    ),
    rejection(
        Problem::SignatureInvalid,
        "signature_invalid",
        206,
        "signature_invalid: the signature does not match the request",
    ),
    rejection(
        Problem::ConsumerKeyUnknown,
        "consumer_key_unknown",
        207,
        "consumer_key_unknown: the consumer key is not known",
    ),
    rejection(
        Problem::TokenRejected,
        "token_rejected",
        208,
        "token_rejected: the token is not valid for this consumer key",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_consistent() {
        for (i, problem) in Problem::ALL.into_iter().enumerate() {
            let kind = problem.kind();
            assert_eq!(kind.problem, Some(problem));
            assert_eq!(kind.c_result, 200 + i as u32);
            assert!(kind.summary.starts_with(kind.code));
        }
        let mut codes: Vec<&str> = ERROR_KINDS.iter().map(|k| k.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ERROR_KINDS.len());
        let mut numbers: Vec<u32> = ERROR_KINDS.iter().map(|k| k.c_result).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), ERROR_KINDS.len());
    }
}
