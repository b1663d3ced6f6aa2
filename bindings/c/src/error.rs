//! `oauth1_result`: the one place where every error becomes a stable result code.
//!
//! The numbers are part of the ABI. A number, once published, keeps its meaning
//! forever; a retired code stays listed here as reserved and is never handed out
//! again. Ranges: `1–99` misuse of the C API, `100–199` errors of the core
//! ([`oauth1_core::Error`]), `200–299` verification rejections (the OAuth Problem
//! Reporting names of RFC 5849 section 3.2 servers).
//!
//! The codes of the core come from its table, [`ERROR_KINDS`] (number, name and
//! message); the enum lists them literally so that cbindgen sees them, and a test
//! checks that the two agree.

use oauth1_core::{ERROR_KINDS, Error, ErrorKind};
use std::ffi::{CStr, CString, c_char};
use std::sync::OnceLock;

/// The outcome of every fallible `oauth1_` function: `OAUTH1_OK` (0) or an error.
///
/// In C this is a `uint32_t` typedef; compare it with the `OAUTH1_` constants and
/// turn it into text with `oauth1_result_message()`.
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
    /// Reserved: no longer returned. A credentials file that cannot be read is
    /// `OAUTH1_ERR_CREDENTIALS_SOURCE`, as in every binding.
    OAUTH1_ERR_IO = 9,

    /// The URL could not be parsed (RFC 5849 section 3.4.1.2).
    OAUTH1_ERR_INVALID_URL = 100,
    /// The URL's scheme is neither http nor https.
    OAUTH1_ERR_UNSUPPORTED_SCHEME = 101,
    /// The HTTP method is empty or not an RFC 9110 token.
    OAUTH1_ERR_INVALID_METHOD = 102,
    /// A credential is missing or unusable (an empty consumer key, a token secret without its
    /// token, an RSA method without a private key, no consumer secret and no private key…).
    OAUTH1_ERR_INVALID_CREDENTIALS = 103,
    /// The signature method is not HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256,
    /// RSA-SHA512 or PLAINTEXT (RFC 5849 section 3.4).
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
    /// The RSA key is encrypted and its password is missing or wrong.
    OAUTH1_ERR_KEY_PASSWORD = 111,
    /// The wrong kind of key: a public key or certificate where the private key is
    /// needed, a private key where a public one is, or a key that is not RSA.
    OAUTH1_ERR_KEY_TYPE = 112,
    /// The key cannot be read: not PEM, DER or PKCS#12, corrupt, or a file that cannot be read.
    OAUTH1_ERR_KEY_UNREADABLE = 113,
    /// The RSA key is shorter than 2048 bits and `OAUTH1_KEY_ALLOW_SHORT` was not given.
    OAUTH1_ERR_KEY_TOO_SHORT = 114,
    /// The nonce store could not be reached, so the request was refused (fail closed);
    /// a server answers it with 503.
    OAUTH1_ERR_NONCE_STORE_UNAVAILABLE = 115,
    /// A provider refused a request of the three-legged flow (RFC 5849 section 2: a
    /// non-2xx answer) without a problem this library names: another OAuth Problem
    /// Reporting name such as `permission_denied` or `user_refused`, or none at all.
    /// A refusal that names a known problem (`signature_invalid`, `timestamp_refused`,
    /// …) gets that problem's code (200–208) instead.
    OAUTH1_ERR_PROVIDER_ERROR = 116,
    /// A provider's answer to a token request is not what RFC 5849 sections 2.1 and
    /// 2.3 describe, a form-encoded body (JSON is tolerated) with `oauth_token` and
    /// `oauth_token_secret`: an HTML page, an empty body, a missing value.
    OAUTH1_ERR_RESPONSE_INVALID = 117,
    /// The temporary-credentials answer lacks `oauth_callback_confirmed=true` (RFC 5849
    /// section 2.1): the provider did not take the callback (an OAuth 1.0 provider).
    OAUTH1_ERR_CALLBACK_UNCONFIRMED = 118,
    /// The redirect back from the provider (RFC 5849 section 2.2) carries a token other
    /// than the one issued, or none: it belongs to another authorization.
    OAUTH1_ERR_TOKEN_MISMATCH = 119,
    /// A provider preset name that is not among the known providers.
    OAUTH1_ERR_UNKNOWN_PROVIDER = 120,
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

/// The C API's own codes, with their names and messages.
pub(crate) const OWN: [(oauth1_result, &CStr, &CStr); 12] = [
    (OAUTH1_OK, c"ok", c"success"),
    (OAUTH1_ERR_NULL_PARAMETER, c"null_parameter", c"a required pointer argument was NULL"),
    (OAUTH1_ERR_INVALID_UTF8, c"invalid_utf8", c"a string argument is not valid UTF-8"),
    (
        OAUTH1_ERR_BUFFER_TOO_SMALL,
        c"buffer_too_small",
        c"the buffer is too small; *needed holds the capacity required",
    ),
    (
        OAUTH1_ERR_PANIC,
        c"panic",
        c"internal error: liboauth1 panicked (please report this bug)",
    ),
    (OAUTH1_ERR_OUT_OF_MEMORY, c"out_of_memory", c"out of memory"),
    (
        OAUTH1_ERR_INVALID_ARGUMENT,
        c"invalid_argument",
        c"an integer argument is out of the range the C API takes, such as a length above SSIZE_MAX",
    ),
    (OAUTH1_ERR_INDEX_OUT_OF_RANGE, c"index_out_of_range", c"the index is not below the count"),
    (OAUTH1_ERR_NOT_AVAILABLE, c"not_available", c"the value does not exist for this object"),
    (OAUTH1_ERR_IO, c"io", c"a file could not be read"),
    (
        OAUTH1_ERR_UNKNOWN_ERROR,
        c"unknown_error",
        c"an error this version of liboauth1 cannot name",
    ),
    (OAUTH1_ERR_REJECTED_OTHER, c"rejected", c"the request was rejected"),
];

/// The codes of the core's errors, one for each entry of [`ERROR_KINDS`].
pub(crate) const CORE: [oauth1_result; ERROR_KINDS.len()] = [
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
    OAUTH1_ERR_KEY_PASSWORD,
    OAUTH1_ERR_KEY_TYPE,
    OAUTH1_ERR_KEY_UNREADABLE,
    OAUTH1_ERR_KEY_TOO_SHORT,
    OAUTH1_ERR_NONCE_STORE_UNAVAILABLE,
    OAUTH1_ERR_PROVIDER_ERROR,
    OAUTH1_ERR_RESPONSE_INVALID,
    OAUTH1_ERR_CALLBACK_UNCONFIRMED,
    OAUTH1_ERR_TOKEN_MISMATCH,
    OAUTH1_ERR_UNKNOWN_PROVIDER,
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

impl oauth1_result {
    /// The code with this number, if there is one (numbers come from C and may be anything).
    pub(crate) fn from_code(code: u32) -> Option<oauth1_result> {
        OWN.iter()
            .map(|(own, ..)| *own)
            .chain(CORE)
            .find(|r| *r as u32 == code)
    }

    /// The code of a kind of the core's table; a kind this version does not know is
    /// `OAUTH1_ERR_REJECTED_OTHER` for a rejection, else `OAUTH1_ERR_UNKNOWN_ERROR`.
    pub(crate) fn of_kind(kind: &ErrorKind) -> Self {
        let unknown = match kind.problem {
            Some(_) => OAUTH1_ERR_REJECTED_OTHER,
            None => OAUTH1_ERR_UNKNOWN_ERROR,
        };
        Self::from_code(kind.c_result).unwrap_or(unknown)
    }
}

impl From<Error> for oauth1_result {
    fn from(error: Error) -> Self {
        oauth1_result::of_kind(error.kind())
    }
}

/// The name and message of the code numbered `code`: the C API's own, or the core's
/// code and summary, as C strings made once.
fn strings(code: u32) -> Option<(&'static CStr, &'static CStr)> {
    if let Some((_, name, message)) = OWN.iter().find(|(own, ..)| *own as u32 == code) {
        return Some((name, message));
    }
    static CORE_STRINGS: OnceLock<Vec<(CString, CString)>> = OnceLock::new();
    let c = |text: &str| CString::new(text).unwrap_or_default();
    let core = CORE_STRINGS.get_or_init(|| {
        ERROR_KINDS
            .iter()
            .map(|k| (c(k.code), c(k.summary)))
            .collect()
    });
    let index = ERROR_KINDS.iter().position(|kind| kind.c_result == code)?;
    core.get(index)
        .map(|(name, message)| (name.as_c_str(), message.as_c_str()))
}

/// A static, NUL-terminated English description of `code` (any number; unknown
/// numbers get "unknown result code"). Never NULL; do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn oauth1_result_message(code: u32) -> *const c_char {
    ffi_panic_boundary! {
        strings(code).map_or(c"unknown result code", |(_, message)| message).as_ptr()
    }
}

/// A static, NUL-terminated machine-readable name for `code`, the same string the
/// Python and Node bindings use as their error code (`"signature_invalid"`,
/// `"invalid_url"`, …); `"unknown"` for numbers that are not codes. Never NULL; do
/// not free it.
#[unsafe(no_mangle)]
pub extern "C" fn oauth1_result_name(code: u32) -> *const c_char {
    ffi_panic_boundary! {
        strings(code).map_or(c"unknown", |(name, _)| name).as_ptr()
    }
}
