"""Bad input from Python raises the documented exceptions, each with the core's code."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import oauth1
from conftest import KEYS, rsa_key

URL = "https://h.example/x"
FORM = "application/x-www-form-urlencoded"


def signer(**options: Any) -> oauth1.Signer:
    return oauth1.Signer("k", "s", "t", "ts", **options)



def flow(request_token: "str | None" = None) -> oauth1._native.Flow:
    """The native three-legged flow that the sessions drive (test_flow.py runs them
    against real providers)."""
    made = oauth1._native.Flow("k", "s")
    if request_token is not None:
        made.set_request_token(request_token, "ts")
    return made


class _DownStore:
    """A nonce store whose database is down."""

    def check_and_insert(self, consumer_key: str, token: object, nonce: str, timestamp: int, now: int) -> str:
        raise ConnectionError("connection refused")


CASES: list[tuple[str, type[oauth1.Error], str, Callable[[], object]]] = [
    ("no scheme", oauth1.InvalidUrlError, "invalid_url", lambda: signer().sign("GET", "h.example/x")),
    ("not a URL", oauth1.InvalidUrlError, "invalid_url", lambda: signer().sign("GET", "not a url")),
    ("no host", oauth1.InvalidUrlError, "invalid_url", lambda: signer().sign("GET", "http:///x")),
    ("bad port", oauth1.InvalidUrlError, "invalid_url", lambda: signer().sign("GET", "http://h:99999/")),
    ("empty URL", oauth1.InvalidUrlError, "invalid_url", lambda: signer().sign("GET", "")),
    ("ftp", oauth1.UnsupportedSchemeError, "unsupported_scheme", lambda: signer().sign("GET", "ftp://h/x")),
    ("empty method", oauth1.InvalidMethodError, "invalid_method", lambda: signer().sign("", URL)),
    ("method with space", oauth1.InvalidMethodError, "invalid_method", lambda: signer().sign("GE T", URL)),
    ("empty key", oauth1.InvalidCredentialsError, "invalid_credentials", lambda: oauth1.Signer("", "s")),
    (
        "token secret without token",
        oauth1.InvalidCredentialsError,
        "invalid_credentials",
        lambda: oauth1.Signer("k", "s", None, "ts"),
    ),
    ("RSA-MD5", oauth1.UnknownSignatureMethodError, "unknown_signature_method", lambda: signer(signature_method="RSA-MD5")),
    (
        "no consumer secret, no private key",
        oauth1.InvalidCredentialsError,
        "invalid_credentials",
        lambda: oauth1.Signer("k", token="t", token_secret="ts"),
    ),
    (
        "RSA method without a private key",
        oauth1.InvalidCredentialsError,
        "invalid_credentials",
        lambda: signer(signature_method="RSA-SHA1"),
    ),
    ("Consumer without secret or key", oauth1.InvalidCredentialsError, "invalid_credentials", lambda: oauth1.Consumer()),
    (
        "private key with an HMAC method",
        oauth1.InvalidOptionError,
        "invalid_option",
        lambda: signer(signature_method="HMAC-SHA1", private_key=rsa_key()),
    ),
    (
        "encrypted key without password",
        oauth1.KeyPasswordError,
        "key_password",
        lambda: oauth1.RsaPrivateKey.from_file(KEYS / "rsa-2048-encrypted.pem"),
    ),
    (
        "public key as private key",
        oauth1.KeyTypeError,
        "key_type",
        lambda: oauth1.Signer("k", private_key=(KEYS / "rsa-2048-public.pem").read_bytes()),
    ),
    ("unreadable key", oauth1.KeyUnreadableError, "key_unreadable", lambda: oauth1.RsaPublicKey("not a key")),
    (
        "short key",
        oauth1.KeyTooShortError,
        "key_too_short",
        lambda: oauth1.RsaPrivateKey.from_file(KEYS / "rsa-1024.pem"),
    ),
    ("md5", oauth1.UnknownSignatureMethodError, "unknown_signature_method", lambda: signer(signature_method="md5")),
    (
        "verify method list",
        oauth1.UnknownSignatureMethodError,
        "unknown_signature_method",
        lambda: oauth1.verify("GET", URL, secrets=signer(), signature_methods=["HMAC-MD5"]),
    ),
    (
        "empty list of accepted methods",
        oauth1.InvalidOptionError,
        "invalid_option",
        lambda: oauth1.verify("GET", URL, secrets=signer(), signature_methods=[]),
    ),
    ("nonce store capacity 0", oauth1.InvalidOptionError, "invalid_option", lambda: oauth1.NonceStore(0)),
    ("nonce store window 0", oauth1.InvalidOptionError, "invalid_option", lambda: oauth1.NonceStore(10, 0)),
    (
        "nonce store that raises",
        oauth1.NonceStoreUnavailableError,
        "nonce_store_unavailable",
        lambda: oauth1.verify(
            "GET",
            URL,
            authorization=signer().authorization("GET", URL),
            secrets=signer(),
            nonce_store=_DownStore(),
        ),
    ),
    (
        "negative now",
        oauth1.InvalidTimestampError,
        "invalid_timestamp",
        lambda: oauth1.verify("GET", URL, authorization="OAuth ", secrets=signer(), now=-1),
    ),
    (
        "negative now for a clock offset",
        oauth1.InvalidTimestampError,
        "invalid_timestamp",
        lambda: oauth1.clock_offset_from_problem('OAuth oauth_acceptable_timestamps="1-2"', now=-1),
    ),
    ("zero timestamp", oauth1.InvalidTimestampError, "invalid_timestamp", lambda: signer().sign("GET", URL, timestamp=0)),
    ("negative timestamp", oauth1.InvalidTimestampError, "invalid_timestamp", lambda: signer().sign("GET", URL, timestamp=-5)),
    ("empty nonce", oauth1.InvalidNonceError, "invalid_nonce", lambda: signer().sign("GET", URL, nonce="")),
    ("control nonce", oauth1.InvalidNonceError, "invalid_nonce", lambda: signer().sign("GET", URL, nonce="a\nb")),
    ("placement", oauth1.InvalidOptionError, "invalid_option", lambda: signer(placement="cookie")),
    ("empty callback", oauth1.InvalidOptionError, "invalid_option", lambda: signer(callback="")),
    (
        "body placement with JSON",
        oauth1.InvalidOptionError,
        "invalid_option",
        lambda: signer(placement="body").sign("POST", URL, body="{}", content_type="application/json"),
    ),
    (
        "oauth_ parameter in query",
        oauth1.DuplicateParameterError,
        "duplicate_parameter",
        lambda: signer().sign("GET", URL + "?oauth_nonce=x"),
    ),
    (
        "oauth_ parameter in form body",
        oauth1.DuplicateParameterError,
        "duplicate_parameter",
        lambda: signer().sign("POST", URL, body="oauth_token=x", content_type=FORM),
    ),
    ("basic header", oauth1.MalformedHeaderError, "malformed_header", lambda: oauth1.parse_authorization_header("Basic abc")),
    (
        "unquoted header",
        oauth1.MalformedHeaderError,
        "malformed_header",
        lambda: oauth1.verify("GET", URL, authorization="OAuth a=1", secrets=signer()),
    ),
    (
        "no acceptable timestamps",
        oauth1.MalformedHeaderError,
        "malformed_header",
        lambda: oauth1.clock_offset_from_problem('OAuth oauth_problem="signature_invalid"'),
    ),
    ("env", oauth1.CredentialsSourceError, "credentials_source", lambda: oauth1.Signer.from_file("/nonexistent/creds.json")),
    (
        "provider refusal without a known problem",
        oauth1.ProviderError,
        "provider_error",
        lambda: flow().accept_request_token(401, b"oauth_problem=permission_denied"),
    ),
    (
        "HTML instead of a token form",
        oauth1.ResponseInvalidError,
        "response_invalid",
        lambda: flow().accept_request_token(200, b"<html>Sign in</html>", content_type="text/html"),
    ),
    (
        "token answer without oauth_token_secret",
        oauth1.ResponseInvalidError,
        "response_invalid",
        lambda: flow().accept_access_token(200, b"oauth_token=t"),
    ),
    (
        "temporary credentials without oauth_callback_confirmed",
        oauth1.CallbackUnconfirmedError,
        "callback_unconfirmed",
        lambda: flow().accept_request_token(200, b"oauth_token=t&oauth_token_secret=s"),
    ),
    (
        "redirect with another token",
        oauth1.TokenMismatchError,
        "token_mismatch",
        lambda: flow(request_token="t").accept_authorization_response("https://c.example/cb?oauth_token=u&oauth_verifier=v"),
    ),
    ("unknown provider", oauth1.UnknownProviderError, "unknown_provider", lambda: oauth1.provider("no-such-api")),
    ("unknown provider for a Signer", oauth1.UnknownProviderError, "unknown_provider", lambda: signer(provider="no-such-api")),
    ("provider value missing", oauth1.InvalidOptionError, "invalid_option", lambda: oauth1.provider("netsuite")),
    (
        "provider values without a provider",
        oauth1.InvalidOptionError,
        "invalid_option",
        lambda: signer(provider_values={"account": "1"}),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_documented_exception(case: tuple[str, type[oauth1.Error], str, Callable[[], object]]) -> None:
    _, cls, code, call = case
    with pytest.raises(cls) as info:
        call()
    err = info.value
    assert type(err) is cls
    assert isinstance(err, oauth1.Error) and isinstance(err, ValueError)
    # The instance carries the core's Error::code(); the class attribute must agree.
    assert err.code == code == cls.code
    assert str(err) and err.message == str(err)
    assert "ts" != str(err) and "s3cret" not in str(err)


def test_every_error_kind_is_exercised() -> None:
    kinds = {c[1] for c in CASES}
    non_verification = {
        cls
        for cls in vars(oauth1).values()
        if isinstance(cls, type)
        and issubclass(cls, oauth1.Error)
        and cls is not oauth1.Error
        and not issubclass(cls, oauth1.VerificationError)
    }
    assert kinds == non_verification


def error_classes() -> list[type[oauth1.Error]]:
    return [cls for cls in vars(oauth1).values() if isinstance(cls, type) and issubclass(cls, oauth1.Error)]


@pytest.mark.parametrize("kind", oauth1.ERROR_KINDS, ids=[k[0] for k in oauth1.ERROR_KINDS])
def test_one_class_per_entry_of_the_core_table(kind: tuple[str, str, "str | None"]) -> None:
    code, summary, problem = kind
    classes = [cls for cls in error_classes() if cls.code == code]
    assert len(classes) == 1, f"{code}: {classes}"
    cls = classes[0]
    base = oauth1.VerificationError if problem is not None else oauth1.Error
    assert cls is not base and issubclass(cls, base)
    if problem is None:
        assert not issubclass(cls, oauth1.VerificationError)
    else:
        assert cls.problem == problem == code and problem in oauth1.PROBLEMS
    assert summary and cls.__doc__
    # The native module raises this class for the code.
    assert type(oauth1._errors._from_native(code, summary, **({"reason": "r"} if problem else {}))) is cls


def test_no_class_beyond_the_core_table() -> None:
    codes = [cls.code for cls in error_classes()]
    assert sorted(codes) == sorted({kind[0] for kind in oauth1.ERROR_KINDS} | {"error", "rejected"})
    assert oauth1.Error.code == "error" and oauth1.VerificationError.code == "rejected"


def test_a_code_the_classes_do_not_know_yet_gets_the_base_class() -> None:
    err = oauth1._errors._from_native("newer_kind", "m")
    assert type(err) is oauth1.Error and err.code == "newer_kind" and str(err) == "m"
    rejected = oauth1._errors._from_native("newer_problem", "m", reason="r")
    assert type(rejected) is oauth1.VerificationError
    assert (rejected.code, rejected.problem, rejected.reason) == ("newer_problem", "newer_problem", "r")


def test_catch_all_rejection_code_is_rejected() -> None:
    # The name shared with the C ABI's catch-all; subclasses carry their problem.
    assert oauth1.VerificationError.code == "rejected"
    assert oauth1.VerificationError("refused").code == "rejected"
    assert oauth1.VerificationError("refused", problem="nonce_used").code == "nonce_used"
    assert oauth1.SignatureInvalidError.code == "signature_invalid"
    subclasses = {cls.code for cls in vars(oauth1).values() if isinstance(cls, type) and issubclass(cls, oauth1.VerificationError)}
    assert subclasses - {"rejected"} == set(oauth1.PROBLEMS)


def test_problem_of_header_errors() -> None:
    assert oauth1.MalformedHeaderError.problem == "parameter_rejected"
    assert oauth1.DuplicateParameterError.problem == "parameter_rejected"
    assert oauth1.InvalidUrlError.problem is None


TYPE_ERRORS: list[tuple[str, Callable[[], object]]] = [
    ("None consumer key", lambda: oauth1.Signer(None, "s")),  # type: ignore[arg-type]
    ("bytes consumer secret", lambda: oauth1.Signer("k", b"s")),  # type: ignore[arg-type]
    ("int private key", lambda: oauth1.Signer("k", private_key=42)),  # type: ignore[arg-type]
    ("Credentials as private key", lambda: oauth1.Signer("k", private_key=oauth1.Credentials("k", "s"))),  # type: ignore[arg-type]
    ("public key as private key object", lambda: oauth1.Signer("k", private_key=rsa_key().public_key())),  # type: ignore[arg-type]
    ("int key data", lambda: oauth1.RsaPrivateKey(42)),  # type: ignore[arg-type]
    ("None key data", lambda: oauth1.RsaPublicKey(None)),  # type: ignore[arg-type]
    ("int key password", lambda: oauth1.RsaPrivateKey("k", password=42)),  # type: ignore[arg-type]
    ("positional key password", lambda: oauth1.RsaPrivateKey("k", "password")),  # type: ignore[misc]
    ("None key path", lambda: oauth1.RsaPrivateKey.from_file(None)),  # type: ignore[arg-type]
    ("private key as public key object", lambda: oauth1.Consumer(rsa_public_key=rsa_key())),  # type: ignore[arg-type]
    ("int consumer key", lambda: oauth1.Signer(1, "s")),  # type: ignore[arg-type]
    ("bytes token", lambda: oauth1.Signer("k", "s", b"t", "ts")),  # type: ignore[arg-type]
    ("int signature method", lambda: oauth1.Signer("k", "s", signature_method=1)),  # type: ignore[arg-type]
    ("bytes placement", lambda: oauth1.Signer("k", "s", placement=b"query")),  # type: ignore[arg-type]
    ("str version", lambda: oauth1.Signer("k", "s", version="no")),  # type: ignore[arg-type]
    ("str clock offset", lambda: oauth1.Signer("k", "s", clock_offset="5")),  # type: ignore[arg-type]
    ("unknown keyword", lambda: oauth1.Signer("k", "s", signature="x")),  # type: ignore[call-arg]
    ("positional option", lambda: oauth1.Signer("k", "s", "t", "ts", "HMAC-SHA1")),  # type: ignore[misc]
    ("None method", lambda: signer().sign(None, URL)),  # type: ignore[arg-type]
    ("None url", lambda: signer().sign("GET", None)),  # type: ignore[arg-type]
    ("bytes url", lambda: signer().sign("GET", b"https://h/")),  # type: ignore[arg-type]
    ("int body", lambda: signer().sign("POST", URL, body=5)),  # type: ignore[arg-type]
    ("dict body", lambda: signer().sign("POST", URL, body={"a": "1"})),  # type: ignore[arg-type]
    ("str timestamp", lambda: signer().sign("GET", URL, timestamp="1")),  # type: ignore[arg-type]
    ("float timestamp", lambda: signer().sign("GET", URL, timestamp=1.5)),  # type: ignore[arg-type]
    ("int nonce", lambda: signer().sign("GET", URL, nonce=5)),  # type: ignore[arg-type]
    ("missing url", lambda: signer().sign("GET")),  # type: ignore[call-arg]
    ("positional body", lambda: signer().sign("POST", URL, "a=1")),  # type: ignore[misc]
    ("verify without secrets", lambda: oauth1.verify("GET", URL)),  # type: ignore[call-arg]
    ("verify int secrets", lambda: oauth1.verify("GET", URL, authorization="OAuth ", secrets=42)),  # type: ignore[arg-type]
    ("verify str nonce store", lambda: oauth1.verify("GET", URL, secrets=signer(), nonce_store="x")),  # type: ignore[arg-type]
    ("verify callable secrets", lambda: oauth1.verify("GET", URL, secrets=lambda k, t: "s")),  # type: ignore[arg-type]
    ("verify str signature methods", lambda: oauth1.verify("GET", URL, secrets=signer(), signature_methods="HMAC-SHA1")),
    ("verify int option", lambda: oauth1.verify("GET", URL, secrets=signer(), require_body_hash=1)),  # type: ignore[arg-type]
    ("verify str max_skew", lambda: oauth1.verify("GET", URL, secrets=signer(), max_skew="300")),  # type: ignore[arg-type]
    ("Consumer bytes secret", lambda: oauth1.Consumer(b"s")),  # type: ignore[arg-type]
    ("Consumer positional two_legged", lambda: oauth1.Consumer("s", True)),  # type: ignore[misc]
    ("NonceStore str capacity", lambda: oauth1.NonceStore("10")),  # type: ignore[arg-type]
    ("percent_encode None", lambda: oauth1.percent_encode(None)),  # type: ignore[arg-type]
    ("OAuth1 without signer", lambda: oauth1.OAuth1("k")),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("case", TYPE_ERRORS, ids=[c[0] for c in TYPE_ERRORS])
def test_wrong_types_raise_type_error(case: tuple[str, Callable[[], object]]) -> None:
    with pytest.raises(TypeError):
        case[1]()


def test_oversized_timestamp_is_an_overflow() -> None:
    with pytest.raises(OverflowError):
        signer().sign("GET", URL, timestamp=2**64)


class Lookup:
    """A secret lookup of the documented shape whose answers the test chooses."""

    def __init__(self, consumer: Callable[[str], object], token_secret: Callable[[str, str], object]) -> None:
        self._consumer, self._token_secret = consumer, token_secret

    def consumer(self, consumer_key: str) -> object:
        return self._consumer(consumer_key)

    def token_secret(self, consumer_key: str, token: str) -> object:
        return self._token_secret(consumer_key, token)


def test_secret_lookup_errors_propagate() -> None:
    signed = signer().sign("GET", URL)

    def boom(*args: object) -> str:
        raise KeyError("database down")

    def verify(lookup: Lookup) -> object:
        return oauth1.verify("GET", URL, authorization=signed.authorization, secrets=lookup)

    with pytest.raises(KeyError, match="database down"):
        verify(Lookup(boom, lambda k, t: "ts"))
    with pytest.raises(KeyError, match="database down"):
        verify(Lookup(lambda k: oauth1.Consumer("s"), boom))
    # consumer() answers an oauth1.Consumer, not a secret string.
    with pytest.raises(TypeError, match=r"consumer\(\) must return an oauth1.Consumer or None, not str"):
        verify(Lookup(lambda k: "s", lambda k, t: "ts"))
    with pytest.raises(TypeError, match=r"token_secret\(\) must return str or None, not int"):
        verify(Lookup(lambda k: oauth1.Consumer("s"), lambda k, t: 42))
    with pytest.raises(TypeError, match=r"token_secret\(\) must return str or None, not bytes"):
        verify(Lookup(lambda k: oauth1.Consumer("s"), lambda k, t: b"ts"))
    assert verify(Lookup(lambda k: oauth1.Consumer("s"), lambda k, t: "ts")) is not None


class OldShape:
    """The removed shape: consumer_secret() answered with a string."""

    def consumer_secret(self, consumer_key: str) -> str:
        return "s"

    def token_secret(self, consumer_key: str, token: str) -> str:
        return "ts"


@pytest.mark.parametrize(
    "secrets,hint",
    [
        (lambda k, t: "s" if t is None else "ts", "a callable cannot answer both questions"),
        (OldShape(), "consumer_secret() was replaced by consumer()"),
        (42, "not int"),
        ({"k": "s"}, "not dict"),
        (oauth1.Consumer("s"), "not Consumer"),
    ],
    ids=["callable", "consumer_secret-method", "int", "dict", "a-consumer"],
)
def test_removed_and_wrong_lookup_shapes_name_the_expected_one(secrets: object, hint: str) -> None:
    signed = signer().sign("GET", URL)
    with pytest.raises(TypeError) as info:
        oauth1.verify("GET", URL, authorization=signed.authorization, secrets=secrets)  # type: ignore[arg-type]
    message = str(info.value)
    assert "secrets must be a Credentials, a Signer, or an object with consumer(consumer_key) -> oauth1.Consumer | None" in message
    assert "token_secret(consumer_key, token) -> str | None" in message
    assert hint in message


def test_errors_pickle() -> None:
    import pickle

    with pytest.raises(oauth1.InvalidUrlError) as info:
        signer().sign("GET", "nope")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is oauth1.InvalidUrlError and str(again) == str(info.value) and again.code == "invalid_url"
    auth = signer().authorization("GET", URL, timestamp=1)
    with pytest.raises(oauth1.TimestampRefusedError) as refused:
        oauth1.verify("GET", URL, authorization=auth, secrets=signer(), now=10_000)
    again = pickle.loads(pickle.dumps(refused.value))
    assert isinstance(again, oauth1.TimestampRefusedError)
    assert again.acceptable_timestamps == refused.value.acceptable_timestamps == (9_700, 10_300)
    assert again.www_authenticate() == refused.value.www_authenticate()
