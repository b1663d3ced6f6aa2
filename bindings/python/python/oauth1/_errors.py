"""The exceptions of :mod:`oauth1`.

Every error is an :class:`Error` (a :class:`ValueError`) with a stable ``code``, the same
string the Rust core, the C ABI, the Node binding and the CLI use. Verification failures
are :class:`VerificationError` subclasses named after the OAuth Problem Reporting problem
(``code == problem``, e.g. ``"signature_invalid"``).

Wrong argument *types* (``None`` for a required string, an ``int`` body, ...) raise
:class:`TypeError`, as everywhere in Python.

There is one class for each entry of the core's error table, ``oauth1.ERROR_KINDS``,
``code`` for ``code`` (``tests/test_errors.py`` checks them one to one); the native
module picks the class for an error by its code.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple, Type

__all__ = [
    "Error",
    "InvalidUrlError",
    "UnsupportedSchemeError",
    "InvalidMethodError",
    "InvalidCredentialsError",
    "UnknownSignatureMethodError",
    "InvalidTimestampError",
    "InvalidNonceError",
    "InvalidOptionError",
    "DuplicateParameterError",
    "MalformedHeaderError",
    "CredentialsSourceError",
    "KeyPasswordError",
    "KeyTypeError",
    "KeyUnreadableError",
    "KeyTooShortError",
    "NonceStoreUnavailableError",
    "ProviderError",
    "ResponseInvalidError",
    "CallbackUnconfirmedError",
    "TokenMismatchError",
    "UnknownProviderError",
    "VerificationError",
    "VersionRejectedError",
    "ParameterAbsentError",
    "ParameterRejectedError",
    "TimestampRefusedError",
    "NonceUsedError",
    "SignatureMethodRejectedError",
    "SignatureInvalidError",
    "ConsumerKeyUnknownError",
    "TokenRejectedError",
]


class Error(ValueError):
    """Base class of every oauth1 error.

    ``code`` is a stable machine-readable name (``"invalid_url"``, ...).  ``problem`` is
    the OAuth problem a server should report for it (``"parameter_rejected"`` for a
    malformed header), or ``None`` when the error is not about a received request.
    """

    code: str = "error"
    problem: Optional[str] = None
    response: Any = None
    """The HTTP response the error is about, when there is one: :class:`oauth1.OAuth1Session`
    and :class:`oauth1.AsyncOAuth1Session` set it on the errors of a provider's token
    answer (as requests-oauthlib's ``TokenRequestDenied.response``)."""

    def __init__(self, message: str, *, code: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class InvalidUrlError(Error):
    """The URL cannot be parsed: no scheme, no host, a bad port, ..."""

    code = "invalid_url"


class UnsupportedSchemeError(Error):
    """The URL's scheme is neither ``http`` nor ``https``."""

    code = "unsupported_scheme"


class InvalidMethodError(Error):
    """The HTTP method is empty or not an HTTP token."""

    code = "invalid_method"


class InvalidCredentialsError(Error):
    """A credential is missing or unusable: an empty consumer key, a token secret without a
    token, no consumer secret for an HMAC method or PLAINTEXT, an RSA method without a
    private key, a :class:`Consumer` with neither a secret nor an RSA public key."""

    code = "invalid_credentials"


class UnknownSignatureMethodError(Error):
    """The signature method is not HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256,
    RSA-SHA512 or PLAINTEXT."""

    code = "unknown_signature_method"


class InvalidTimestampError(Error):
    """The timestamp (or a server's ``now``) is not a positive whole number of seconds, or
    the clock is unusable."""

    code = "invalid_timestamp"


class InvalidNonceError(Error):
    """The nonce is empty or contains characters that cannot be sent."""

    code = "invalid_nonce"


class InvalidOptionError(Error):
    """An option is unusable or does not fit the request: an unknown placement, a private key
    with a method that is not RSA, body placement with a JSON body, a streamed form body, an empty list of accepted signature methods, a
    nonce store of capacity or window 0, ..."""

    code = "invalid_option"


class DuplicateParameterError(Error):
    """The request already carries a protocol parameter that signing would add."""

    code = "duplicate_parameter"
    problem = "parameter_rejected"


class MalformedHeaderError(Error):
    """An ``Authorization: OAuth ...`` header or a Problem Reporting answer is malformed."""

    code = "malformed_header"
    problem = "parameter_rejected"


class CredentialsSourceError(Error):
    """Credentials could not be read from the environment or a file."""

    code = "credentials_source"


class KeyPasswordError(Error):
    """The RSA key (or PKCS#12 file) is encrypted and its password is missing or wrong."""

    code = "key_password"


class KeyTypeError(Error):
    """The wrong kind of key: a public key or certificate where the private key is needed, a
    private key where the public one is, or a key that is not RSA."""

    code = "key_type"


class KeyUnreadableError(Error):
    """The key is not PEM, DER or PKCS#12, is corrupt or truncated, or its file cannot be
    read."""

    code = "key_unreadable"


class KeyTooShortError(Error):
    """The RSA key is shorter than 2048 bits; ``allow_short_key=True`` accepts it (the OAuth
    Core 1.0 test key and old Jira guides have 1024 bits)."""

    code = "key_too_short"


class NonceStoreUnavailableError(Error):
    """The nonce store could not be reached, so the request was refused without knowing
    whether it is a replay (fail closed); a server answers it with 503, not 401."""

    code = "nonce_store_unavailable"


class ProviderError(Error):
    """A provider refused a token request or a signed call (RFC 5849 section 2: a non-2xx
    answer) without a problem this library names: another OAuth Problem Reporting name
    such as ``permission_denied`` or ``user_refused``, or none at all.

    ``status`` is the HTTP status (``status_code`` too, as requests-oauthlib's
    ``TokenRequestDenied`` has it), ``oauth_problem`` the problem the provider named or
    ``None``, ``reason`` its ``oauth_problem_advice`` or the start of its answer. A refusal
    naming a problem this library knows (``signature_invalid``, ``timestamp_refused``, ...)
    raises that :class:`VerificationError` subclass instead.
    """

    code = "provider_error"

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        status: Optional[int] = None,
        oauth_problem: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.oauth_problem = oauth_problem
        self.reason = message if reason is None else reason

    @property
    def status_code(self) -> Optional[int]:
        """``status``, under requests-oauthlib's name."""
        return self.status


class ResponseInvalidError(Error):
    """A provider's answer to a token request is not what RFC 5849 sections 2.1 and 2.3
    describe (a form-encoded body, JSON tolerated, with ``oauth_token`` and
    ``oauth_token_secret``): an HTML page, an empty body, a value missing."""

    code = "response_invalid"


class CallbackUnconfirmedError(Error):
    """The temporary-credentials answer lacks ``oauth_callback_confirmed=true`` (RFC 5849
    section 2.1): the provider did not take the callback, so the flow stops."""

    code = "callback_unconfirmed"


class TokenMismatchError(Error):
    """The redirect back from the provider (RFC 5849 section 2.2) carries another token
    than the one issued, or none: it belongs to another authorization."""

    code = "token_mismatch"


class UnknownProviderError(Error):
    """A provider preset name that is not among ``oauth1.providers()``."""

    code = "unknown_provider"


class VerificationError(Error):
    """A signed request failed verification; ``problem`` names why.

    ``reason`` is a sentence about it (never a secret). ``acceptable_timestamps`` is the
    inclusive ``(min, max)`` window for ``timestamp_refused``; ``parameters_absent`` the
    missing names for ``parameter_absent``; ``parameters_rejected`` the refused names for
    ``parameter_rejected`` (where one can be named). ``base_string`` is the base string
    the server computed, for ``signature_invalid``: it is for the server's logs, never
    for the client, and is cut to 8 KiB.

    The class's ``code`` is ``"rejected"``, the catch-all shared with the other
    bindings; each subclass (and each instance) carries its problem's name.
    """

    code = "rejected"

    def __init__(
        self,
        message: str,
        *,
        problem: Optional[str] = None,
        reason: Optional[str] = None,
        acceptable_timestamps: Optional[Tuple[int, int]] = None,
        parameters_absent: Sequence[str] = (),
        parameters_rejected: Sequence[str] = (),
        base_string: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        if problem is not None:
            self.problem = problem
            self.code = problem
        self.reason = message if reason is None else reason
        self.acceptable_timestamps = acceptable_timestamps
        self.parameters_absent = list(parameters_absent)
        self.parameters_rejected = list(parameters_rejected)
        self.base_string = base_string

    def www_authenticate(self, realm: Optional[str] = None) -> str:
        """The ``WWW-Authenticate`` header value to send with the 401 answer."""
        from ._native import _www_authenticate

        return _www_authenticate(
            self.problem or "parameter_rejected",
            realm,
            self.acceptable_timestamps,
            self.parameters_absent,
            self.parameters_rejected,
        )


class VersionRejectedError(VerificationError):
    """``oauth_version`` is present and is not ``1.0``."""

    code = problem = "version_rejected"


class ParameterAbsentError(VerificationError):
    """A required protocol parameter is missing (see ``parameters_absent``): for example
    ``oauth_token`` from a consumer not allowed to sign without one, or
    ``oauth_body_hash`` when ``require_body_hash=True``."""

    code = problem = "parameter_absent"


class ParameterRejectedError(VerificationError):
    """A protocol parameter is duplicated, malformed, not UTF-8 or sent in more than one
    place (see ``parameters_rejected``)."""

    code = problem = "parameter_rejected"


class TimestampRefusedError(VerificationError):
    """The timestamp is outside the allowed skew (see ``acceptable_timestamps``)."""

    code = problem = "timestamp_refused"


class NonceUsedError(VerificationError):
    """The nonce was already used with the same credentials and timestamp."""

    code = problem = "nonce_used"


class SignatureMethodRejectedError(VerificationError):
    """The signature method is unknown or not accepted."""

    code = problem = "signature_method_rejected"


class SignatureInvalidError(VerificationError):
    """The signature does not match the request (compare ``base_string`` with the client's)."""

    code = problem = "signature_invalid"


class ConsumerKeyUnknownError(VerificationError):
    """The consumer key is not known."""

    code = problem = "consumer_key_unknown"


class TokenRejectedError(VerificationError):
    """The token is not known or not valid for the consumer key."""

    code = problem = "token_rejected"


_BY_CODE: Dict[str, Type[Error]] = {globals()[name].code: globals()[name] for name in __all__}


def _from_native(code: str, message: str, **rejection: Any) -> Error:
    """The exception for an error of the native module: the class whose ``code`` is the
    error's code (``rejection`` holds a verification failure's details, or a provider
    refusal's ``status``, ``oauth_problem`` and ``reason``). An error kind
    this file does not know yet gets the base class, with its code."""
    cls = _BY_CODE.get(code, Error)
    if cls is ProviderError:
        return ProviderError(message, **rejection)
    if rejection:
        rejected = cls if issubclass(cls, VerificationError) else VerificationError
        return rejected(message, problem=code, **rejection)
    return cls(message, code=code)
