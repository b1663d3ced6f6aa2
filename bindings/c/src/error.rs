//! `oauth1_result`: the one place where every error becomes a stable result code.
//!
//! The numbers are part of the ABI. A number, once published, keeps its meaning
//! forever; a retired code stays listed here as reserved and is never handed out
//! again. Ranges: `1–99` misuse of the C API, `100–199` errors of the core
//! ([`oauth1_core::Error`]), `200–299` verification rejections (the OAuth Problem
//! Reporting names of RFC 5849 section 3.2 servers).

use oauth1_core::{Error, Problem};
use std::ffi::{CStr, c_char};

/// The outcome of every fallible `oauth1_` function: `OAUTH1_OK` (0) or an error.
///
/// In C this is a `uint32_t` typedef; compare it with the `OAUTH1_` constants and
/// turn it into text with `oauth1_result_message()`.
#[allow(non_camel_case_types)] // C names, as they appear in the header
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum oauth1_result {
    /// Success; the out-parameters were written.
    OAUTH1_OK = 0,

    /// A pointer that must not be NULL was NULL.
    OAUTH1_ERR_NULL_PARAMETER = 1,
    /// A string argument is not valid UTF-8.
    OAUTH1_ERR_INVALID_UTF8 = 2,
    /// The caller's buffer is too small; `*needed` holds the capacity required.
    OAUTH1_ERR_BUFFER_TOO_SMALL = 3,
    /// The library panicked; this is a bug in liboauth1, please report it.
    OAUTH1_ERR_PANIC = 4,
    /// Memory for a returned string could not be allocated.
    OAUTH1_ERR_OUT_OF_MEMORY = 5,
    /// An integer argument is out of the range the C API can take, such as a length above
    /// `SSIZE_MAX`. Values the library judges get the core's code instead
    /// (`OAUTH1_ERR_INVALID_OPTION`, `OAUTH1_ERR_INVALID_TIMESTAMP`, …).
    OAUTH1_ERR_INVALID_ARGUMENT = 6,
    /// An index is not below the count.
    OAUTH1_ERR_INDEX_OUT_OF_RANGE = 7,
    /// The value asked for does not exist for this object (a signed URL for header placement, no token, …).
    OAUTH1_ERR_NOT_AVAILABLE = 8,
    /// A file could not be read.
    OAUTH1_ERR_IO = 9,

    /// The URL could not be parsed (RFC 5849 section 3.4.1.2).
    OAUTH1_ERR_INVALID_URL = 100,
    /// The URL's scheme is neither http nor https.
    OAUTH1_ERR_UNSUPPORTED_SCHEME = 101,
    /// The HTTP method is empty or not an RFC 9110 token.
    OAUTH1_ERR_INVALID_METHOD = 102,
    /// A credential is missing or unusable (an empty consumer key, a token secret without its token…).
    OAUTH1_ERR_INVALID_CREDENTIALS = 103,
    /// The signature method is not HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 or PLAINTEXT (RFC 5849 section 3.4).
    OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD = 104,
    /// The timestamp is not a positive number of seconds (RFC 5849 section 3.3), or the clock is unusable.
    OAUTH1_ERR_INVALID_TIMESTAMP = 105,
    /// The nonce is empty or holds a control character.
    OAUTH1_ERR_INVALID_NONCE = 106,
    /// An option's value is not usable: an unknown placement, an empty list of accepted
    /// signature methods, a nonce store of capacity or window 0, or a signing option that
    /// does not fit the request (such as body placement with a JSON body).
    OAUTH1_ERR_INVALID_OPTION = 107,
    /// The request already carries a protocol parameter that signing adds.
    OAUTH1_ERR_DUPLICATE_PARAMETER = 108,
    /// An `Authorization: OAuth …` header (RFC 5849 section 3.5.1) or a problem answer is malformed.
    OAUTH1_ERR_MALFORMED_HEADER = 109,
    /// Credentials could not be loaded from the environment or a JSON document.
    OAUTH1_ERR_CREDENTIALS_SOURCE = 110,
    /// An error of the core that this version of the C layer does not know.
    OAUTH1_ERR_UNKNOWN_ERROR = 199,

    /// Verification: `oauth_version` is present and is not `1.0`.
    OAUTH1_ERR_VERSION_REJECTED = 200,
    /// Verification: a required protocol parameter is missing.
    OAUTH1_ERR_PARAMETER_ABSENT = 201,
    /// Verification: a protocol parameter is duplicated, malformed or in more than one place.
    OAUTH1_ERR_PARAMETER_REJECTED = 202,
    /// Verification: the timestamp is outside the allowed clock skew.
    OAUTH1_ERR_TIMESTAMP_REFUSED = 203,
    /// Verification: the nonce was already used with these credentials and timestamp.
    OAUTH1_ERR_NONCE_USED = 204,
    /// Verification: the signature method is not accepted.
    OAUTH1_ERR_SIGNATURE_METHOD_REJECTED = 205,
    /// Verification: the signature does not match the request.
    OAUTH1_ERR_SIGNATURE_INVALID = 206,
    /// Verification: the consumer key is not known to the secret lookup.
    OAUTH1_ERR_CONSUMER_KEY_UNKNOWN = 207,
    /// Verification: the token is not known or not valid for the consumer key.
    OAUTH1_ERR_TOKEN_REJECTED = 208,
    /// Verification: a rejection that this version of the C layer does not know.
    OAUTH1_ERR_REJECTED_OTHER = 299,
}

use oauth1_result::*;

impl oauth1_result {
    /// Every code, in numeric order.
    pub(crate) const ALL: [oauth1_result; 31] = [
        OAUTH1_OK,
        OAUTH1_ERR_NULL_PARAMETER,
        OAUTH1_ERR_INVALID_UTF8,
        OAUTH1_ERR_BUFFER_TOO_SMALL,
        OAUTH1_ERR_PANIC,
        OAUTH1_ERR_OUT_OF_MEMORY,
        OAUTH1_ERR_INVALID_ARGUMENT,
        OAUTH1_ERR_INDEX_OUT_OF_RANGE,
        OAUTH1_ERR_NOT_AVAILABLE,
        OAUTH1_ERR_IO,
        OAUTH1_ERR_INVALID_URL,
        OAUTH1_ERR_UNSUPPORTED_SCHEME,
        OAUTH1_ERR_INVALID_METHOD,
        OAUTH1_ERR_INVALID_CREDENTIALS,
        OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD,
        OAUTH1_ERR_INVALID_TIMESTAMP,
        OAUTH1_ERR_INVALID_NONCE,
        OAUTH1_ERR_INVALID_OPTION,
        OAUTH1_ERR_DUPLICATE_PARAMETER,
        OAUTH1_ERR_MALFORMED_HEADER,
        OAUTH1_ERR_CREDENTIALS_SOURCE,
        OAUTH1_ERR_UNKNOWN_ERROR,
        OAUTH1_ERR_VERSION_REJECTED,
        OAUTH1_ERR_PARAMETER_ABSENT,
        OAUTH1_ERR_PARAMETER_REJECTED,
        OAUTH1_ERR_TIMESTAMP_REFUSED,
        OAUTH1_ERR_NONCE_USED,
        OAUTH1_ERR_SIGNATURE_METHOD_REJECTED,
        OAUTH1_ERR_SIGNATURE_INVALID,
        OAUTH1_ERR_CONSUMER_KEY_UNKNOWN,
        OAUTH1_ERR_TOKEN_REJECTED,
    ];

    /// The code with this number, if there is one (numbers come from C and may be anything).
    pub(crate) fn from_code(code: u32) -> Option<oauth1_result> {
        Self::ALL
            .into_iter()
            .chain([OAUTH1_ERR_REJECTED_OTHER])
            .find(|r| *r as u32 == code)
    }

    /// A stable machine-readable name: the core's [`Error::code`] for the codes that
    /// mirror it (`invalid_url`, `signature_invalid`, …), so that C, Python and Node
    /// report the same names.
    pub(crate) fn name(self) -> &'static CStr {
        match self {
            OAUTH1_OK => c"ok",
            OAUTH1_ERR_NULL_PARAMETER => c"null_parameter",
            OAUTH1_ERR_INVALID_UTF8 => c"invalid_utf8",
            OAUTH1_ERR_BUFFER_TOO_SMALL => c"buffer_too_small",
            OAUTH1_ERR_PANIC => c"panic",
            OAUTH1_ERR_OUT_OF_MEMORY => c"out_of_memory",
            OAUTH1_ERR_INVALID_ARGUMENT => c"invalid_argument",
            OAUTH1_ERR_INDEX_OUT_OF_RANGE => c"index_out_of_range",
            OAUTH1_ERR_NOT_AVAILABLE => c"not_available",
            OAUTH1_ERR_IO => c"io",
            OAUTH1_ERR_INVALID_URL => c"invalid_url",
            OAUTH1_ERR_UNSUPPORTED_SCHEME => c"unsupported_scheme",
            OAUTH1_ERR_INVALID_METHOD => c"invalid_method",
            OAUTH1_ERR_INVALID_CREDENTIALS => c"invalid_credentials",
            OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD => c"unknown_signature_method",
            OAUTH1_ERR_INVALID_TIMESTAMP => c"invalid_timestamp",
            OAUTH1_ERR_INVALID_NONCE => c"invalid_nonce",
            OAUTH1_ERR_INVALID_OPTION => c"invalid_option",
            OAUTH1_ERR_DUPLICATE_PARAMETER => c"duplicate_parameter",
            OAUTH1_ERR_MALFORMED_HEADER => c"malformed_header",
            OAUTH1_ERR_CREDENTIALS_SOURCE => c"credentials_source",
            OAUTH1_ERR_UNKNOWN_ERROR => c"unknown_error",
            OAUTH1_ERR_VERSION_REJECTED => c"version_rejected",
            OAUTH1_ERR_PARAMETER_ABSENT => c"parameter_absent",
            OAUTH1_ERR_PARAMETER_REJECTED => c"parameter_rejected",
            OAUTH1_ERR_TIMESTAMP_REFUSED => c"timestamp_refused",
            OAUTH1_ERR_NONCE_USED => c"nonce_used",
            OAUTH1_ERR_SIGNATURE_METHOD_REJECTED => c"signature_method_rejected",
            OAUTH1_ERR_SIGNATURE_INVALID => c"signature_invalid",
            OAUTH1_ERR_CONSUMER_KEY_UNKNOWN => c"consumer_key_unknown",
            OAUTH1_ERR_TOKEN_REJECTED => c"token_rejected",
            OAUTH1_ERR_REJECTED_OTHER => c"rejected",
        }
    }

    /// A one-line English description; it never contains a secret.
    pub(crate) fn message(self) -> &'static CStr {
        match self {
            OAUTH1_OK => c"success",
            OAUTH1_ERR_NULL_PARAMETER => c"a required pointer argument was NULL",
            OAUTH1_ERR_INVALID_UTF8 => c"a string argument is not valid UTF-8",
            OAUTH1_ERR_BUFFER_TOO_SMALL => {
                c"the buffer is too small; *needed holds the capacity required"
            }
            OAUTH1_ERR_PANIC => c"internal error: liboauth1 panicked (please report this bug)",
            OAUTH1_ERR_OUT_OF_MEMORY => c"out of memory",
            OAUTH1_ERR_INVALID_ARGUMENT => {
                c"an integer argument is out of the range the C API takes, such as a length above SSIZE_MAX"
            }
            OAUTH1_ERR_INDEX_OUT_OF_RANGE => c"the index is not below the count",
            OAUTH1_ERR_NOT_AVAILABLE => c"the value does not exist for this object",
            OAUTH1_ERR_IO => c"a file could not be read",
            OAUTH1_ERR_INVALID_URL => {
                c"invalid URL: it needs an http or https scheme, a host and a valid port"
            }
            OAUTH1_ERR_UNSUPPORTED_SCHEME => {
                c"unsupported URL scheme: OAuth 1.0a signs http and https URLs"
            }
            OAUTH1_ERR_INVALID_METHOD => {
                c"invalid HTTP method: it must be a non-empty token such as GET"
            }
            OAUTH1_ERR_INVALID_CREDENTIALS => {
                c"invalid credentials: the consumer key is empty or a token secret has no token"
            }
            OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD => {
                c"unknown signature method: expected HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 or PLAINTEXT"
            }
            OAUTH1_ERR_INVALID_TIMESTAMP => {
                c"invalid timestamp: it must be a positive number of seconds"
            }
            OAUTH1_ERR_INVALID_NONCE => c"invalid nonce: it is empty or holds a control character",
            OAUTH1_ERR_INVALID_OPTION => {
                c"invalid option: a value is not usable or does not fit the request"
            }
            OAUTH1_ERR_DUPLICATE_PARAMETER => {
                c"the request already carries a protocol parameter that signing adds"
            }
            OAUTH1_ERR_MALFORMED_HEADER => c"malformed OAuth header or problem answer",
            OAUTH1_ERR_CREDENTIALS_SOURCE => {
                c"credentials could not be loaded: a value is missing or the JSON is invalid"
            }
            OAUTH1_ERR_UNKNOWN_ERROR => c"an error this version of liboauth1 cannot name",
            OAUTH1_ERR_VERSION_REJECTED => c"version_rejected: oauth_version is not 1.0",
            OAUTH1_ERR_PARAMETER_ABSENT => {
                c"parameter_absent: a required protocol parameter is missing"
            }
            OAUTH1_ERR_PARAMETER_REJECTED => {
                c"parameter_rejected: a protocol parameter is duplicated or malformed"
            }
            OAUTH1_ERR_TIMESTAMP_REFUSED => {
                c"timestamp_refused: the timestamp is outside the allowed clock skew"
            }
            OAUTH1_ERR_NONCE_USED => c"nonce_used: the nonce was already used",
            OAUTH1_ERR_SIGNATURE_METHOD_REJECTED => {
                c"signature_method_rejected: the signature method is not accepted"
            }
            OAUTH1_ERR_SIGNATURE_INVALID => {
                c"signature_invalid: the signature does not match the request"
            }
            OAUTH1_ERR_CONSUMER_KEY_UNKNOWN => c"consumer_key_unknown: the consumer key is not known",
            OAUTH1_ERR_TOKEN_REJECTED => {
                c"token_rejected: the token is not valid for this consumer key"
            }
            OAUTH1_ERR_REJECTED_OTHER => c"the request was rejected",
        }
    }
}

impl From<Error> for oauth1_result {
    /// Maps each error of the core to its own code.
    fn from(error: Error) -> Self {
        match error {
            Error::InvalidUrl { .. } => OAUTH1_ERR_INVALID_URL,
            Error::UnsupportedScheme { .. } => OAUTH1_ERR_UNSUPPORTED_SCHEME,
            Error::InvalidMethod { .. } => OAUTH1_ERR_INVALID_METHOD,
            Error::InvalidCredentials { .. } => OAUTH1_ERR_INVALID_CREDENTIALS,
            Error::UnknownSignatureMethod { .. } => OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD,
            Error::InvalidTimestamp { .. } => OAUTH1_ERR_INVALID_TIMESTAMP,
            Error::InvalidNonce { .. } => OAUTH1_ERR_INVALID_NONCE,
            Error::InvalidOption { .. } => OAUTH1_ERR_INVALID_OPTION,
            Error::DuplicateParameter { .. } => OAUTH1_ERR_DUPLICATE_PARAMETER,
            Error::MalformedHeader { .. } => OAUTH1_ERR_MALFORMED_HEADER,
            Error::CredentialsSource { .. } => OAUTH1_ERR_CREDENTIALS_SOURCE,
            Error::Rejected(rejection) => oauth1_result::of_problem(rejection.problem),
            _ => OAUTH1_ERR_UNKNOWN_ERROR,
        }
    }
}

impl oauth1_result {
    /// The code of a verification problem.
    pub(crate) fn of_problem(problem: Problem) -> Self {
        match problem {
            Problem::VersionRejected => OAUTH1_ERR_VERSION_REJECTED,
            Problem::ParameterAbsent => OAUTH1_ERR_PARAMETER_ABSENT,
            Problem::ParameterRejected => OAUTH1_ERR_PARAMETER_REJECTED,
            Problem::TimestampRefused => OAUTH1_ERR_TIMESTAMP_REFUSED,
            Problem::NonceUsed => OAUTH1_ERR_NONCE_USED,
            Problem::SignatureMethodRejected => OAUTH1_ERR_SIGNATURE_METHOD_REJECTED,
            Problem::SignatureInvalid => OAUTH1_ERR_SIGNATURE_INVALID,
            Problem::ConsumerKeyUnknown => OAUTH1_ERR_CONSUMER_KEY_UNKNOWN,
            Problem::TokenRejected => OAUTH1_ERR_TOKEN_REJECTED,
            _ => OAUTH1_ERR_REJECTED_OTHER,
        }
    }
}

/// A static, NUL-terminated English description of `code` (any number; unknown
/// numbers get "unknown result code"). Never NULL; do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn oauth1_result_message(code: u32) -> *const c_char {
    ffi_panic_boundary! {
        oauth1_result::from_code(code)
            .map_or(c"unknown result code", oauth1_result::message)
            .as_ptr()
    }
}

/// A static, NUL-terminated machine-readable name for `code`, the same string the
/// Python and Node bindings use as their error code (`"signature_invalid"`,
/// `"invalid_url"`, …); `"unknown"` for numbers that are not codes. Never NULL; do
/// not free it.
#[unsafe(no_mangle)]
pub extern "C" fn oauth1_result_name(code: u32) -> *const c_char {
    ffi_panic_boundary! {
        oauth1_result::from_code(code)
            .map_or(c"unknown", oauth1_result::name)
            .as_ptr()
    }
}
