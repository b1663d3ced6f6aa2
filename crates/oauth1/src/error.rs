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
    /// The signature method is not one of `HMAC-SHA1`, `HMAC-SHA256`, `HMAC-SHA512`, `PLAINTEXT`.
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
    /// A server refused a signed request, with one of the OAuth Problem Reporting names
    /// (boxed: it is large, and rare next to the other errors).
    Rejected(Box<Rejection>),
}

impl Error {
    /// A stable, machine-readable name for the kind of error, shared by every binding
    /// (`invalid_url`, `unsupported_scheme`, …, and for [`Error::Rejected`] the problem
    /// name such as `signature_invalid`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidUrl { .. } => "invalid_url",
            Error::UnsupportedScheme { .. } => "unsupported_scheme",
            Error::InvalidMethod { .. } => "invalid_method",
            Error::InvalidCredentials { .. } => "invalid_credentials",
            Error::UnknownSignatureMethod { .. } => "unknown_signature_method",
            Error::InvalidTimestamp { .. } => "invalid_timestamp",
            Error::InvalidNonce { .. } => "invalid_nonce",
            Error::InvalidOption { .. } => "invalid_option",
            Error::DuplicateParameter { .. } => "duplicate_parameter",
            Error::MalformedHeader { .. } => "malformed_header",
            Error::CredentialsSource { .. } => "credentials_source",
            Error::Rejected(r) => r.problem.name(),
        }
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
                "unknown signature method {name:?}: expected HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 or PLAINTEXT"
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
        match self {
            Problem::VersionRejected => "version_rejected",
            Problem::ParameterAbsent => "parameter_absent",
            Problem::ParameterRejected => "parameter_rejected",
            Problem::TimestampRefused => "timestamp_refused",
            Problem::NonceUsed => "nonce_used",
            Problem::SignatureMethodRejected => "signature_method_rejected",
            Problem::SignatureInvalid => "signature_invalid",
            Problem::ConsumerKeyUnknown => "consumer_key_unknown",
            Problem::TokenRejected => "token_rejected",
        }
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
