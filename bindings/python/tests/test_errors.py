"""Bad input from Python raises the documented exceptions, each with the core's code."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import oauth1

URL = "https://h.example/x"
FORM = "application/x-www-form-urlencoded"


def signer(**options: Any) -> oauth1.Signer:
    return oauth1.Signer("k", "s", "t", "ts", **options)


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
    ("RSA", oauth1.UnknownSignatureMethodError, "unknown_signature_method", lambda: signer(signature_method="RSA-SHA1")),
    ("md5", oauth1.UnknownSignatureMethodError, "unknown_signature_method", lambda: signer(signature_method="md5")),
    (
        "verify method list",
        oauth1.UnknownSignatureMethodError,
        "unknown_signature_method",
        lambda: oauth1.verify("GET", URL, secrets=signer(), signature_methods=["HMAC-MD5"]),
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


def test_problem_of_header_errors() -> None:
    assert oauth1.MalformedHeaderError.problem == "parameter_rejected"
    assert oauth1.DuplicateParameterError.problem == "parameter_rejected"
    assert oauth1.InvalidUrlError.problem is None


TYPE_ERRORS: list[tuple[str, Callable[[], object]]] = [
    ("None consumer key", lambda: oauth1.Signer(None, "s")),  # type: ignore[arg-type]
    ("None consumer secret", lambda: oauth1.Signer("k", None)),  # type: ignore[arg-type]
    ("int consumer key", lambda: oauth1.Signer(1, "s")),  # type: ignore[arg-type]
    ("bytes token", lambda: oauth1.Signer("k", "s", b"t", "ts")),  # type: ignore[arg-type]
    ("None signature method", lambda: oauth1.Signer("k", "s", signature_method=None)),  # type: ignore[arg-type]
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


def test_secret_lookup_errors_propagate() -> None:
    signed = signer().sign("GET", URL)

    def boom(key: str, token: object) -> str:
        raise KeyError("database down")

    with pytest.raises(KeyError, match="database down"):
        oauth1.verify("GET", URL, authorization=signed.authorization, secrets=boom)
    with pytest.raises(TypeError, match="str or None"):
        oauth1.verify("GET", URL, authorization=signed.authorization, secrets=lambda k, t: 42)


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
