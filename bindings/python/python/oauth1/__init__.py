"""OAuth 1.0a request signing and verification (RFC 5849).

One Rust implementation behind Python, C, Node and a CLI: signatures are
byte-identical everywhere, and verification says *why* a request is refused.

>>> import oauth1
>>> signer = oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret")
>>> signed = signer.sign("GET", "https://api.example.com/x?a=1",
...                      nonce="abcdef0123456789", timestamp=1700000000)
>>> signed.authorization.startswith('OAuth oauth_consumer_key="app-key"')
True

``oauth1.OAuth1(signer)`` is an ``auth=`` for ``requests`` and ``httpx``;
``oauth1.OAuth1Session`` (requests) and ``oauth1.AsyncOAuth1Session`` (httpx) get a
token through the three-legged flow with requests-oauthlib's names. They are imported
on first use, so ``import oauth1`` never imports either library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Tuple

from ._errors import (
    ConsumerKeyUnknownError,
    CredentialsSourceError,
    DuplicateParameterError,
    Error,
    InvalidCredentialsError,
    InvalidMethodError,
    InvalidNonceError,
    InvalidOptionError,
    InvalidTimestampError,
    InvalidUrlError,
    KeyPasswordError,
    KeyTooShortError,
    KeyTypeError,
    KeyUnreadableError,
    MalformedHeaderError,
    NonceStoreUnavailableError,
    NonceUsedError,
    ParameterAbsentError,
    ProviderError,
    ResponseInvalidError,
    CallbackUnconfirmedError,
    TokenMismatchError,
    UnknownProviderError,
    ParameterRejectedError,
    SignatureInvalidError,
    SignatureMethodRejectedError,
    TimestampRefusedError,
    TokenRejectedError,
    UnknownSignatureMethodError,
    UnsupportedSchemeError,
    VerificationError,
    VersionRejectedError,
)
from ._native import (
    ENV_VARS,
    ERROR_KINDS,
    SIGNATURE_METHODS,
    Consumer,
    Credentials,
    ExplainedParam,
    Explanation,
    NonceStore,
    Provider,
    RsaPrivateKey,
    RsaPublicKey,
    Signed,
    Signer,
    Verified,
    base_string_uri,
    body_hash,
    clock_offset_from_problem,
    generate_nonce,
    hmac_signature,
    is_form_content_type,
    nonce_store_key,
    normalized_parameters,
    parse_authorization_header,
    percent_encode,
    provider,
    providers,
    verify,
)
from ._stores import AsyncRedisNonceStore, RedisNonceStore, verify_async

if TYPE_CHECKING:
    from .async_session import AsyncOAuth1Session
    from .integrations import OAuth1
    from .session import OAuth1Session

PROBLEMS: Tuple[str, ...] = tuple(problem for _, _, problem in ERROR_KINDS if problem is not None)
"""Every OAuth Problem Reporting name ``verify`` can report, from the core's table."""

__all__ = [
    # signing
    "Signer",
    "Signed",
    "Credentials",
    "RsaPrivateKey",
    "Explanation",
    "ExplainedParam",
    "OAuth1",
    # getting a token (RFC 5849 section 2), and the provider presets
    "OAuth1Session",
    "AsyncOAuth1Session",
    "Provider",
    "provider",
    "providers",
    # verifying
    "verify",
    "Verified",
    "Consumer",
    "RsaPublicKey",
    "verify_async",
    "NonceStore",
    "RedisNonceStore",
    "AsyncRedisNonceStore",
    "nonce_store_key",
    "clock_offset_from_problem",
    # building blocks
    "percent_encode",
    "base_string_uri",
    "normalized_parameters",
    "hmac_signature",
    "body_hash",
    "generate_nonce",
    "is_form_content_type",
    "parse_authorization_header",
    "SIGNATURE_METHODS",
    "PROBLEMS",
    "ENV_VARS",
    # errors
    "ERROR_KINDS",
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


# The names that need requests or httpx, defined on first use so that `import oauth1`
# stays fast and works without either library: name -> module.
_LAZY = {
    "OAuth1": ".integrations",
    "OAuth1Session": ".session",
    "AsyncOAuth1Session": ".async_session",
}


def __getattr__(name: str) -> Any:
    # `OAuth1` subclasses requests' and httpx's auth bases, `OAuth1Session`
    # requests.Session and `AsyncOAuth1Session` httpx.AsyncClient.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
