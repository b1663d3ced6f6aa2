"""Type stub for the native module ``oauth1._native`` (checked by mypy.stubtest).

The exceptions every function here raises are the typed Python classes of
``oauth1._errors``: ``oauth1.Error`` (a ``ValueError``) and one subclass per error
kind, each with the core's stable ``code``; wrong argument types raise ``TypeError``.
"""

import os
from typing import Final, Literal, Mapping, Optional, Protocol, Sequence, Tuple, Union, final

__all__ = [
    "Credentials",
    "RsaPrivateKey",
    "RsaPublicKey",
    "Signer",
    "Signed",
    "Provider",
    "provider",
    "providers",
    "Flow",
    "Explanation",
    "ExplainedParam",
    "Verified",
    "Consumer",
    "NonceStore",
    "verify",
    "percent_encode",
    "base_string_uri",
    "normalized_parameters",
    "hmac_signature",
    "body_hash",
    "generate_nonce",
    "is_form_content_type",
    "redirect_hop",
    "parse_authorization_header",
    "clock_offset_from_problem",
    "_www_authenticate",
    "nonce_store_key",
    "_nonce_verdict",
    "SIGNATURE_METHODS",
    "ENV_VARS",
    "ERROR_KINDS",
]

_Body = Union[str, bytes, bytearray, memoryview]
_Path = Union[str, "os.PathLike[str]"]

SIGNATURE_METHODS: Final[Tuple[str, ...]]
"""``("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA1", "RSA-SHA256",
"RSA-SHA512")``."""
ENV_VARS: Final[Tuple[str, ...]]
"""The variables ``from_env`` reads: consumer key, consumer secret, token, token secret."""
ERROR_KINDS: Final[Tuple[Tuple[str, str, Optional[str]], ...]]
"""The core's table of errors, as ``(code, summary, problem)``: one exception class per
entry has that ``code`` (a :class:`VerificationError` subclass when ``problem`` is set)."""

@final
class Credentials:
    """Client credentials and, optionally, token credentials (RFC 5849 section 1.1).

    LivePerson's App key, Secret, Access token and Access token secret. Secrets never
    appear in ``repr()``.
    """

    def __new__(
        cls,
        consumer_key: str,
        consumer_secret: str,
        token: Optional[str] = None,
        token_secret: Optional[str] = None,
    ) -> "Credentials": ...
    @staticmethod
    def from_env() -> "Credentials":
        """Reads ``OAUTH1_CONSUMER_KEY``, ``OAUTH1_CONSUMER_SECRET`` and optionally
        ``OAUTH1_TOKEN``, ``OAUTH1_TOKEN_SECRET``; raises :class:`CredentialsSourceError`."""
    @staticmethod
    def from_file(path: _Path) -> "Credentials":
        """Reads a JSON file with ``consumer_key``/``consumer_secret``/``token``/``token_secret``
        or LivePerson's ``appKey``/``secret``/``accessToken``/``accessTokenSecret``;
        raises :class:`CredentialsSourceError`."""
    @property
    def consumer_key(self) -> str: ...
    @property
    def token(self) -> Optional[str]: ...

@final
class RsaPrivateKey:
    """A consumer's RSA private key, for RSA-SHA1, RSA-SHA256 and RSA-SHA512 signing
    (RFC 5849 section 3.4.3).

    Reads PEM (``PRIVATE KEY``, ``ENCRYPTED PRIVATE KEY``, ``RSA PRIVATE KEY``), DER and
    PKCS#12; ``password`` opens an encrypted key or a PKCS#12 file. Keys under 2048 bits
    raise :class:`KeyTooShortError` unless ``allow_short_key=True``. A wrong or missing
    password raises :class:`KeyPasswordError`, a public key or a key that is not RSA
    :class:`KeyTypeError`, anything unreadable :class:`KeyUnreadableError`. ``repr()``
    shows the size alone, and the key cannot be pickled.
    """

    def __new__(
        cls,
        data: _Body,
        *,
        password: Union[str, bytes, None] = None,
        allow_short_key: bool = False,
    ) -> "RsaPrivateKey": ...
    @staticmethod
    def from_file(
        path: _Path,
        *,
        password: Union[str, bytes, None] = None,
        allow_short_key: bool = False,
    ) -> "RsaPrivateKey":
        """Reads a PEM, DER or PKCS#12 file."""
    @property
    def bits(self) -> int:
        """The modulus size in bits."""
    def public_key(self) -> "RsaPublicKey":
        """The matching public key, as the server registers it."""

@final
class RsaPublicKey:
    """A consumer's RSA public key, for verifying RSA-SHA1, RSA-SHA256 and RSA-SHA512
    signatures (RFC 5849 section 3.4.3): PEM or DER ``PUBLIC KEY``, PKCS#1 ``RSA PUBLIC
    KEY``, or an X.509 certificate. Keys under 2048 bits raise :class:`KeyTooShortError`
    unless ``allow_short_key=True``. Equal when the keys are."""

    def __new__(cls, data: _Body, *, allow_short_key: bool = False) -> "RsaPublicKey": ...
    @staticmethod
    def from_file(path: _Path, *, allow_short_key: bool = False) -> "RsaPublicKey":
        """Reads a PEM or DER file."""
    @property
    def bits(self) -> int:
        """The modulus size in bits."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Signer:
    """Signs requests with one set of credentials and options (RFC 5849 section 3).

    ``signature_method``: ``"HMAC-SHA1"``, ``"HMAC-SHA256"``, ``"HMAC-SHA512"``,
    ``"PLAINTEXT"``, ``"RSA-SHA1"``, ``"RSA-SHA256"`` or ``"RSA-SHA512"``.
    ``private_key``: the consumer's RSA key (PEM/DER ``str`` or ``bytes``, or an
    :class:`RsaPrivateKey` for a password or a short key) for the RSA methods (RFC 5849
    section 3.4.3), which need no ``consumer_secret``; every other method needs one
    (:class:`InvalidCredentialsError` without it). ``realm``: sent first in the header, never signed. ``version``:
    send ``oauth_version="1.0"``. ``body_hash``: send ``oauth_body_hash`` for non-form
    bodies. ``clock_offset``: seconds added to the clock. ``placement``: ``"header"``,
    ``"query"`` or ``"body"``. An option left ``None`` takes the core's default:
    HMAC-SHA1 (RSA-SHA1 with a ``private_key``), no realm, the version sent, no body hash, no offset, the header.
    ``provider``: a preset's name (with ``provider_values``, such as NetSuite's
    ``{"account": ...}``) or a :class:`Provider`, whose settings apply first, so the
    other options override them; an unknown name raises :class:`UnknownProviderError`.
    Immutable and thread-safe; ``repr()`` shows no secret and no key.
    """

    def __new__(
        cls,
        consumer_key: str,
        consumer_secret: Optional[str] = None,
        token: Optional[str] = None,
        token_secret: Optional[str] = None,
        *,
        signature_method: Optional[str] = None,
        private_key: Union[str, bytes, RsaPrivateKey, None] = None,
        realm: Optional[str] = None,
        version: Optional[bool] = None,
        body_hash: Optional[bool] = None,
        clock_offset: Optional[int] = None,
        callback: Optional[str] = None,
        verifier: Optional[str] = None,
        provider: Union[str, "Provider", None] = None,
        provider_values: Optional[Mapping[str, str]] = None,
        placement: Optional[str] = None,
    ) -> "Signer": ...
    @staticmethod
    def from_env(
        *,
        signature_method: Optional[str] = None,
        realm: Optional[str] = None,
        version: Optional[bool] = None,
        body_hash: Optional[bool] = None,
        clock_offset: Optional[int] = None,
        callback: Optional[str] = None,
        verifier: Optional[str] = None,
        provider: Union[str, "Provider", None] = None,
        provider_values: Optional[Mapping[str, str]] = None,
        placement: Optional[str] = None,
    ) -> "Signer":
        """A signer with credentials from the ``OAUTH1_*`` environment variables."""
    @staticmethod
    def from_file(
        path: _Path,
        *,
        signature_method: Optional[str] = None,
        realm: Optional[str] = None,
        version: Optional[bool] = None,
        body_hash: Optional[bool] = None,
        clock_offset: Optional[int] = None,
        callback: Optional[str] = None,
        verifier: Optional[str] = None,
        provider: Union[str, "Provider", None] = None,
        provider_values: Optional[Mapping[str, str]] = None,
        placement: Optional[str] = None,
    ) -> "Signer":
        """A signer with credentials from a JSON file (LivePerson names accepted)."""
    @staticmethod
    def from_credentials(
        credentials: Credentials,
        *,
        signature_method: Optional[str] = None,
        realm: Optional[str] = None,
        version: Optional[bool] = None,
        body_hash: Optional[bool] = None,
        clock_offset: Optional[int] = None,
        callback: Optional[str] = None,
        verifier: Optional[str] = None,
        provider: Union[str, "Provider", None] = None,
        provider_values: Optional[Mapping[str, str]] = None,
        placement: Optional[str] = None,
    ) -> "Signer":
        """A signer for loaded :class:`Credentials`."""
    def sign(
        self,
        method: str,
        url: str,
        *,
        body: Optional[_Body] = None,
        content_type: Optional[str] = None,
        nonce: Optional[str] = None,
        timestamp: Optional[int] = None,
    ) -> "Signed":
        """Signs a request as it goes on the wire: the query is read from ``url``, form
        parameters from ``body`` when ``content_type`` is form-encoded. ``nonce`` and
        ``timestamp`` (seconds) are random and the clock unless given."""
    def authorization(
        self,
        method: str,
        url: str,
        *,
        body: Optional[_Body] = None,
        content_type: Optional[str] = None,
        nonce: Optional[str] = None,
        timestamp: Optional[int] = None,
    ) -> str:
        """``sign(...).authorization``: the ``Authorization`` header value."""
    def explain(
        self,
        method: str,
        url: str,
        *,
        body: Optional[_Body] = None,
        content_type: Optional[str] = None,
        nonce: Optional[str] = None,
        timestamp: Optional[int] = None,
    ) -> "Explanation":
        """Signs like ``sign()`` and explains every step, for debugging a 401."""
    def with_clock_offset(self, seconds: int) -> "Signer":
        """A copy with another clock offset, as after ``timestamp_refused``."""
    @property
    def credentials(self) -> Credentials: ...
    @property
    def consumer_key(self) -> str: ...
    @property
    def token(self) -> Optional[str]: ...
    @property
    def signature_method(self) -> str: ...
    @property
    def realm(self) -> Optional[str]: ...
    @property
    def version(self) -> bool: ...
    @property
    def body_hash(self) -> bool: ...
    @property
    def clock_offset(self) -> int: ...
    @property
    def callback(self) -> Optional[str]: ...
    @property
    def verifier(self) -> Optional[str]: ...
    @property
    def placement(self) -> str: ...

@final
class Provider:
    """A provider preset with its values filled in: endpoints (RFC 5849 section 2),
    signature method, placement, realm and quirks. Read-only; made by :func:`provider`."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def docs(self) -> str: ...
    @property
    def request_token_url(self) -> Optional[str]: ...
    @property
    def authorize_url(self) -> Optional[str]: ...
    @property
    def access_token_url(self) -> Optional[str]: ...
    @property
    def api_base(self) -> Optional[str]: ...
    @property
    def signature_method(self) -> str: ...
    @property
    def placement(self) -> str: ...
    @property
    def version(self) -> bool: ...
    @property
    def realm(self) -> Optional[str]: ...
    @property
    def body_hash(self) -> bool: ...
    @property
    def empty_token(self) -> bool: ...
    @property
    def callback(self) -> Optional[str]:
        """A callback the provider insists on, such as ``"oob"``."""
    @property
    def authorize_token_param(self) -> str: ...
    @property
    def authorize_params(self) -> list[Tuple[str, str]]: ...
    @property
    def required_headers(self) -> list[Tuple[str, str]]:
        """Headers the provider requires (Discogs' User-Agent); the sessions send them."""
    @property
    def notes(self) -> str: ...

def provider(name: str, values: Optional[Mapping[str, str]] = None) -> Provider:
    """The preset called ``name`` (case ignored) with ``values`` filled into its templates
    (NetSuite ``account``, Jira ``base_url``, ...): :class:`UnknownProviderError` for an
    unknown name, :class:`InvalidOptionError` naming a missing value."""

def providers() -> list[str]:
    """The names of every preset."""

_Endpoint = Literal["request_token", "authorize", "access_token"]

@final
class Flow:
    """The three-legged flow (RFC 5849 section 2): signers for the two token requests,
    the provider's answers read, the authorization URL built and the redirect back
    checked. ``oauth1.OAuth1Session`` and ``oauth1.AsyncOAuth1Session`` drive it; the
    token dictionaries are requests-oauthlib's (``oauth_token``, ``oauth_token_secret``,
    then every other parameter of the answer)."""

    def __new__(
        cls,
        consumer_key: str,
        consumer_secret: Optional[str] = None,
        *,
        signature_method: Optional[str] = None,
        private_key: Union[str, bytes, RsaPrivateKey, None] = None,
        realm: Optional[str] = None,
        version: Optional[bool] = None,
        body_hash: Optional[bool] = None,
        clock_offset: Optional[int] = None,
        placement: Optional[str] = None,
        callback: Optional[str] = None,
        provider: Union[str, Provider, None] = None,
        provider_values: Optional[Mapping[str, str]] = None,
    ) -> "Flow": ...
    def endpoint(self, endpoint: _Endpoint, url: Optional[str] = None) -> str:
        """``url``, else the preset's; :class:`InvalidOptionError` names the one missing."""
    @property
    def callback(self) -> str: ...
    @property
    def provider(self) -> Optional[Provider]: ...
    def consumer_signer(self) -> Signer: ...
    def request_token_signer(self) -> Signer: ...
    def accept_request_token(
        self,
        status: int,
        body: Optional[_Body],
        *,
        content_type: Optional[str] = None,
        www_authenticate: Optional[str] = None,
    ) -> dict[str, str]:
        """:class:`ProviderError` or the :class:`VerificationError` a refusal names,
        :class:`ResponseInvalidError`, :class:`CallbackUnconfirmedError`."""
    def set_request_token(self, token: str, secret: str) -> None: ...
    @property
    def request_token(self) -> Optional[Tuple[str, str]]: ...
    def authorization_url(
        self, authorize_url: Optional[str] = None, extra: Sequence[Tuple[str, str]] = ...
    ) -> str: ...
    def accept_authorization_response(self, url: str) -> str:
        """The verifier; :class:`TokenMismatchError` for another token or none."""
    def set_verifier(self, verifier: str) -> None: ...
    @property
    def verifier(self) -> Optional[str]: ...
    def access_token_signer(self) -> Signer: ...
    def accept_access_token(
        self,
        status: int,
        body: Optional[_Body],
        *,
        content_type: Optional[str] = None,
        www_authenticate: Optional[str] = None,
    ) -> dict[str, str]: ...
    def set_access_token(self, token: str, secret: str) -> None: ...
    @property
    def access_token(self) -> Optional[Tuple[str, str]]: ...
    def signer(self) -> Signer: ...

@final
class Signed:
    """The result of signing: the header value and everything that went into it."""

    @property
    def authorization(self) -> str:
        """The full ``Authorization`` header value, beginning ``OAuth ``."""
    @property
    def signature(self) -> str:
        """The signature as plain base64 (not percent-encoded)."""
    @property
    def base_string(self) -> str:
        """The signature base string (RFC 5849 section 3.4.1)."""
    @property
    def nonce(self) -> str: ...
    @property
    def timestamp(self) -> int: ...
    @property
    def params(self) -> list[Tuple[str, str]]:
        """The protocol parameters sent, sorted, ``oauth_signature`` included, raw values."""
    @property
    def signed_url(self) -> Optional[str]:
        """For ``placement="query"``: the URL with the protocol parameters appended."""
    @property
    def signed_body(self) -> Optional[bytes]:
        """For ``placement="body"``: the form body with the protocol parameters appended."""
    @property
    def wire(self) -> Union[Tuple[Literal["header", "query"], str], Tuple[Literal["body"], bytes]]:
        """What goes on the wire for the signer's placement: ``("header", authorization)``,
        ``("query", signed_url)`` or ``("body", signed_body)``."""

@final
class ExplainedParam:
    """One parameter as it entered the base string."""

    @property
    def source(self) -> str:
        """``"query"``, ``"body"`` or ``"protocol"``."""
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def encoded_name(self) -> str: ...
    @property
    def encoded_value(self) -> str: ...

@final
class Explanation:
    """Everything that went into a signature, step by step (RFC 5849 section 3.4.1)."""

    @property
    def base_string_uri(self) -> str: ...
    @property
    def uri_changes(self) -> list[str]: ...
    @property
    def params(self) -> list[ExplainedParam]: ...
    @property
    def normalized_parameters(self) -> str: ...
    @property
    def masked_key(self) -> str: ...
    @property
    def warnings(self) -> list[str]: ...
    @property
    def signed(self) -> Signed: ...

@final
class Verified:
    """A request that verified, with what it was signed with."""

    @property
    def consumer_key(self) -> str: ...
    @property
    def token(self) -> Optional[str]:
        """``None`` only for a consumer allowed to sign without a token (two-legged)."""
    @property
    def signature_method(self) -> str: ...
    @property
    def timestamp(self) -> Optional[int]: ...
    @property
    def nonce(self) -> Optional[str]: ...
    @property
    def realm(self) -> Optional[str]: ...
    @property
    def placement(self) -> str: ...
    @property
    def body_hash_checked(self) -> bool:
        """Whether an ``oauth_body_hash`` was checked against the body."""
    @property
    def verified_at(self) -> int:
        """The server time the request was checked at: the ``now`` a nonce store is
        asked with."""
    @property
    def base_string(self) -> str: ...

@final
class Consumer:
    """What a server knows about one consumer: its secret, its RSA public key (a
    :class:`RsaPublicKey`, or PEM/DER data), or both (at least one, else
    :class:`InvalidCredentialsError`), and whether it may sign requests without a token
    (``two_legged``). A consumer without a secret is refused the HMAC methods and
    PLAINTEXT, one without a key the RSA methods (``signature_method_rejected``).
    ``repr()`` never shows the secret."""

    def __new__(
        cls,
        secret: Optional[str] = None,
        *,
        rsa_public_key: Union[str, bytes, RsaPublicKey, None] = None,
        two_legged: Optional[bool] = None,
    ) -> "Consumer": ...
    @property
    def two_legged(self) -> bool: ...

@final
class NonceStore:
    """Remembers nonces in memory (bounded, partitioned by consumer, thread-safe) so
    requests cannot be replayed. ``None`` takes the core's default (100,000 nonces
    kept 300 seconds); a capacity or window of 0 raises :class:`InvalidOptionError`."""

    def __new__(cls, capacity: Optional[int] = None, window: Optional[int] = None) -> "NonceStore": ...
    def __len__(self) -> int: ...
    @property
    def capacity(self) -> int: ...
    @property
    def window(self) -> int: ...
    @property
    def evicted(self) -> int:
        """Entries evicted before their time because the store was full."""

class _SecretLookup(Protocol):
    """An object ``verify`` asks for secrets, one question at a time."""

    def consumer(self, consumer_key: str, /) -> Optional[Consumer]:
        """The consumer registered under the key, or ``None`` if it is unknown."""
    def token_secret(self, consumer_key: str, token: str, /) -> Optional[str]:
        """The secret of a token issued to the consumer, or ``None`` if it is not valid."""

class _NonceStoreLike(Protocol):
    """A nonce store written in Python (such as ``oauth1.RedisNonceStore``)."""

    def check_and_insert(
        self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int, /
    ) -> str:
        """Records the nonce if unseen: ``"fresh"``, ``"replayed"`` or ``"too_old"``;
        raising or answering anything else is :class:`NonceStoreUnavailableError`."""

def verify(
    method: str,
    url: str,
    *,
    authorization: Optional[str] = None,
    body: Optional[_Body] = None,
    content_type: Optional[str] = None,
    secrets: Union[Credentials, Signer, _SecretLookup],
    now: Optional[int] = None,
    max_skew: Optional[int] = None,
    nonce_store: Union[NonceStore, _NonceStoreLike, None] = None,
    signature_methods: Optional[Sequence[str]] = None,
    allow_plaintext_over_http: Optional[bool] = None,
    require_timestamp: Optional[bool] = None,
    require_body_hash: Optional[bool] = None,
    hide_unknown_keys: Optional[bool] = None,
) -> Verified:
    """Verifies a signed request as received (RFC 5849 section 3.2).

    ``None`` leaves an option at its default: the system clock, a 300-second skew,
    no nonce store, HMAC-SHA1/256/512 and RSA-SHA1/256/512 accepted (RSA for
    consumers with a public key; PLAINTEXT only when named, and then only over https
    unless ``allow_plaintext_over_http``), timestamp and nonce
    required, body hash checked when sent but not required, unknown keys reported.

    ``secrets``: a lookup object, or one consumer's :class:`Credentials` or
    :class:`Signer` (an RSA signer knows its public key, so it verifies its own
    requests; its ``credentials`` do not).

    ``nonce_store``: the built-in :class:`NonceStore`, or any object with
    ``check_and_insert(consumer_key, token, nonce, timestamp, now)`` answering
    ``"fresh"``, ``"replayed"`` or ``"too_old"`` (such as ``oauth1.RedisNonceStore``);
    one that raises or answers anything else refuses the request with
    :class:`NonceStoreUnavailableError` (fail closed: answer 503).

    Raises a :class:`VerificationError` subclass naming the problem
    (``signature_invalid``, ``timestamp_refused``, ...), or :class:`InvalidUrlError`,
    :class:`MalformedHeaderError`, ... when the request cannot be read at all.
    """

def percent_encode(value: _Body ) -> str:
    """RFC 5849 section 3.6 encoding (``str`` is taken as UTF-8)."""

def base_string_uri(url: str ) -> str:
    """The base string URI (RFC 5849 section 3.4.1.2)."""

def normalized_parameters(
    url: str, body: Optional[_Body] = None, content_type: Optional[str] = None
) -> str:
    """The normalised query and form parameters (RFC 5849 section 3.4.1.3.2)."""

def hmac_signature(signature_method: str, key: _Body, message: _Body ) -> str:
    """Base64 HMAC of ``message`` under ``key`` (RFC 5849 section 3.4.2)."""

def body_hash(body: _Body, signature_method: Optional[str] = None) -> str:
    """The ``oauth_body_hash`` of a body (SHA-1 for PLAINTEXT); ``None`` is the core's
    default method, HMAC-SHA1."""

def generate_nonce() -> str:
    """32 random characters of ``[A-Za-z0-9]`` from the OS CSPRNG."""

def is_form_content_type(content_type: Optional[str]) -> bool:
    """Whether a Content-Type is ``application/x-www-form-urlencoded`` (any case, parameters allowed)."""

def redirect_hop(
    status: int, method: str, url: str, location: str, trusted_origins: Sequence[str] = ...,
) -> Optional[Tuple[str, str, bool, bool]]:
    """The next hop of a redirect: ``(method, url, keep_body, sign)``, or ``None`` when
    ``status`` is not 301, 302, 303, 307 or 308."""

def parse_authorization_header(value: str ) -> list[Tuple[str, str]]:
    """The ``(name, value)`` pairs of an ``Authorization: OAuth ...`` value, decoded."""

def clock_offset_from_problem(answer: str, now: Optional[int] = None) -> int:
    """The clock offset to use after a ``timestamp_refused`` answer (a ``WWW-Authenticate``
    value or a form body); ``now`` defaults to the system clock."""

def _www_authenticate(
    problem: str,
    realm: Optional[str] = None,
    acceptable_timestamps: Optional[Tuple[int, int]] = None,
    parameters_absent: Optional[Sequence[str]] = None,
    parameters_rejected: Optional[Sequence[str]] = None,
) -> str: ...

def nonce_store_key(consumer_key: str, token: Optional[str], nonce: str, timestamp: int) -> str:
    """The key a shared store (Redis) records one nonce under: ``oauth1:nonce:`` and 64
    hex digits, the same in every language."""

def _nonce_verdict(
    verified: Verified,
    answer: object = None,
    *,
    error: Optional[BaseException] = None,
    max_skew: Optional[int] = None,
) -> None: ...
