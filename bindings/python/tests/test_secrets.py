"""No secret ever shows: every object and every error, formatted every way Python
formats things (``repr``, ``str``, ``args``, ``__dict__``, pickles, tracebacks), after
signing, verifying and failing on purpose, with all seven signature methods and all
three placements.

For RSA the secrets are the private key's material (any 32 characters of a
line of its PEM body, in every PEM form, and its private numbers in decimal and hex)
and the key passwords.

The secrets share the marker ``sekr3t``, made of unreserved characters, so it survives
percent-encoding and form-encoding unchanged: finding the marker finds the raw, the
percent-encoded and the form-encoded forms alike; the full encoded forms are checked
too.
"""

from __future__ import annotations

import json
import os
import pathlib
import pickle
import traceback
import urllib.parse
from typing import Any, Callable, Iterator, Optional

import pytest

import oauth1
from conftest import KEYS, key_for, rsa_key

MARKER = "sekr3t"
CONSUMER_SECRET = "CS-Zq9!sekr3t/+&é"
TOKEN_SECRET = "TS-Xw7 sekr3t%=~"
KEY = "app-key"
TOKEN = "access-token"
URL = "https://api.example.com/v1/items?b=2&a=1"
FORM = "application/x-www-form-urlencoded"
FIXED: dict[str, Any] = {"nonce": "abcdef0123456789", "timestamp": 1700000000}
NOW = 1700000000


def forbidden() -> list[str]:
    out = {MARKER}
    for secret in (CONSUMER_SECRET, TOKEN_SECRET):
        out |= {
            secret,
            oauth1.percent_encode(secret),
            urllib.parse.quote_plus(secret),
            oauth1.percent_encode(oauth1.percent_encode(secret)),
        }
    # The PLAINTEXT signature and HMAC key, as it would appear in a header or a query.
    key = f"{oauth1.percent_encode(CONSUMER_SECRET)}&{oauth1.percent_encode(TOKEN_SECRET)}"
    out |= {key, oauth1.percent_encode(key), urllib.parse.quote_plus(key)}
    return sorted(out)


PEM_PASSWORD, WRONG_PASSWORD = "correct horse", "Tr0ub4dor&3"
KEY_PASSWORDS = (PEM_PASSWORD, "keystore password", WRONG_PASSWORD)


def key_material() -> list[str]:
    """Pieces of the test keys' private material, each of which must never show."""
    out: set[str] = set(KEY_PASSWORDS)
    for name in ("rsa-2048.pem", "rsa-2048-pkcs1.pem", "rsa-2048-encrypted.pem", "rsa-1024.pem"):
        lines = (KEYS / name).read_text().splitlines()
        body = "".join(line for line in lines if line and not line.startswith("-----") and ":" not in line)
        # Any 32 characters of a line hold one of these.
        out |= {body[i : i + 24] for i in range(0, len(body) - 24, 8)}
    try:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
    except ImportError:  # the PEM pieces are still checked
        return sorted(out)
    numbers = load_pem_private_key((KEYS / "rsa-2048.pem").read_bytes(), None).private_numbers()  # type: ignore[union-attr]
    for n in (numbers.d, numbers.p, numbers.q, numbers.dmp1, numbers.dmq1, numbers.iqmp):
        out |= {str(n)[:24], f"{n:x}"[:24], f"{n:X}"[:24]}
    return sorted(out)


KEY_MATERIAL = key_material()
FORBIDDEN = forbidden() + KEY_MATERIAL


def assert_clean(text: object, what: str) -> None:
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("latin-1")
    rendered = str(text)
    for secret in FORBIDDEN:
        assert secret not in rendered, f"{what} shows a secret ({secret!r}): {rendered!r}"
    # Also when the text is itself an encoded form of something.
    decoded = urllib.parse.unquote_plus(rendered, errors="replace")
    assert MARKER not in decoded, f"{what} shows a secret once decoded: {rendered!r}"
    decoded = urllib.parse.unquote(rendered, errors="replace")
    for material in KEY_MATERIAL:
        assert material not in decoded, f"{what} shows key material once decoded: {rendered!r}"


def formats(obj: object) -> Iterator[tuple[str, object]]:
    """Every way an object is commonly turned into text."""
    yield "repr", repr(obj)
    yield "str", str(obj)
    yield "format", f"{obj}"
    yield "ascii", ascii(obj)
    yield "dir", dir(obj)
    for name in dir(obj):
        if name.startswith("__") and name not in ("__dict__", "__slots__"):
            continue
        try:
            value = getattr(obj, name)
        except Exception as e:  # a property may refuse; its error must be clean too
            yield f".{name} raised", repr(e)
            continue
        if callable(value):
            continue
        yield f".{name}", repr(value)
    if hasattr(obj, "__reduce_ex__"):
        try:
            yield "pickle", pickle.dumps(obj)
        except Exception as e:  # the native classes need not pickle; the error must be clean
            yield "pickle error", f"{type(e).__name__}: {e}"


def check_object(obj: object, what: str, skip: tuple[str, ...] = ()) -> None:
    for how, text in formats(obj):
        if any(how == f".{name}" for name in skip):
            continue
        assert_clean(text, f"{what} {how}")


def check_error(e: BaseException, what: str) -> None:
    check_object(e, what)
    assert_clean(e.args, f"{what} args")
    assert_clean(getattr(e, "__dict__", {}), f"{what} __dict__")
    assert_clean("".join(traceback.format_exception(type(e), e, e.__traceback__)), f"{what} traceback")
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is type(e)
    assert_clean(repr(again) + str(again) + repr(again.__dict__), f"{what} unpickled")


def signer(method: str = "HMAC-SHA1", placement: str = "header", **options: Any) -> oauth1.Signer:
    return oauth1.Signer(
        KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, signature_method=method, placement=placement, private_key=key_for(method), **options
    )


def credentials() -> oauth1.Credentials:
    return oauth1.Credentials(KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET)


class Lookup:
    """A secret lookup of the documented shape, answering with the secrets or not."""

    def __init__(self, consumer: Any = None, token_secret: Any = None) -> None:
        self._consumer, self._token_secret = consumer, token_secret

    def consumer(self, consumer_key: str) -> Any:
        return self._consumer() if callable(self._consumer) else self._consumer

    def token_secret(self, consumer_key: str, token: str) -> Any:
        return self._token_secret() if callable(self._token_secret) else self._token_secret


def lookup() -> Lookup:
    return Lookup(oauth1.Consumer(CONSUMER_SECRET, rsa_public_key=rsa_key().public_key()), TOKEN_SECRET)


def raise_key_error() -> None:
    raise KeyError("nope")


def test_the_check_finds_secrets() -> None:
    # The helper itself must be able to fail, for each form it claims to catch.
    pem = (KEYS / "rsa-2048.pem").read_text()
    for leaked in (CONSUMER_SECRET, oauth1.percent_encode(TOKEN_SECRET), urllib.parse.quote(CONSUMER_SECRET), pem, pem[230:262], urllib.parse.quote(pem[300:332], safe="")):
        with pytest.raises(AssertionError):
            assert_clean(f"x{leaked}y", "probe")
    with pytest.raises(AssertionError):
        check_object(signer(method="PLAINTEXT").sign("GET", URL, **FIXED), "PLAINTEXT Signed fields")


METHODS = ["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512"]
PLACEMENTS = ["header", "query", "body"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("placement", PLACEMENTS)
def test_signer_signed_explanation_verified(method: str, placement: str) -> None:
    s = signer(method, placement, realm="R", callback="oob", verifier="v")
    check_object(s, "Signer")
    check_object(s.credentials, "Signer.credentials")
    check_object(s.with_clock_offset(5), "Signer.with_clock_offset")
    body = "c=3&d=4"
    signed = s.sign("POST", URL, body=body, content_type=FORM, **FIXED)
    # PLAINTEXT sends the key itself as the signature (RFC 5849 section 3.4.4): those
    # fields must carry it, and nothing else may.
    wire = ("signature", "authorization", "params", "signed_url", "signed_body", "wire")
    plaintext = method == "PLAINTEXT"
    check_object(signed, f"{method} {placement} Signed", skip=wire if plaintext else ())
    if plaintext:
        assert oauth1.percent_encode(CONSUMER_SECRET) in signed.signature
    assert_clean(signed.base_string, "base_string")

    e = s.explain("POST", URL, body=body, content_type=FORM, **FIXED)
    check_object(e, "Explanation", skip=("signed",))
    check_object(e.signed, "Explanation.signed", skip=wire if plaintext else ())
    for p in e.params:
        check_object(p, "ExplainedParam")
    rsa = method.startswith("RSA-")
    assert e.masked_key == ("<RSA private key, 2048 bits> (the token secret is not used)" if rsa else "<consumer secret>&<token secret>")

    url = signed.signed_url or URL
    sent_body = signed.signed_body if signed.signed_body is not None else body
    authorization = signed.authorization if placement == "header" else None
    consumer = oauth1.Consumer(CONSUMER_SECRET, rsa_public_key=rsa_key().public_key())
    check_object(consumer, "Consumer")
    # Credentials know no RSA public key.
    for secrets in (s, lookup()) if rsa else (s, credentials(), lookup()):
        verified = oauth1.verify(
            "POST",
            url,
            authorization=authorization,
            body=sent_body,
            content_type=FORM,
            secrets=secrets,
            now=NOW,
            signature_methods=METHODS,
        )
        check_object(verified, "Verified")


def failures() -> Iterator[tuple[str, Callable[[], object]]]:
    """Every error the API raises, each made with the distinctive secrets at hand."""
    s = signer()
    header = s.authorization("GET", URL, **FIXED)
    plaintext = signer("PLAINTEXT").authorization("GET", URL, **FIXED)

    def verify(authorization: Optional[str] = header, url: str = URL, **options: Any) -> object:
        options.setdefault("secrets", s)
        options.setdefault("now", NOW)
        options.setdefault("signature_methods", METHODS)
        return oauth1.verify("GET", url, authorization=authorization, **options)

    wrong = oauth1.Credentials(KEY, "other-" + CONSUMER_SECRET[::-1], TOKEN, TOKEN_SECRET[::-1])
    yield "invalid_url", lambda: s.sign("GET", "not a url")
    yield "unsupported_scheme", lambda: s.sign("GET", "ftp://h/x")
    yield "invalid_method", lambda: s.sign("G T", URL)
    yield "empty key", lambda: oauth1.Signer("", CONSUMER_SECRET, TOKEN, TOKEN_SECRET)
    yield "token secret without token", lambda: oauth1.Signer(KEY, CONSUMER_SECRET, None, TOKEN_SECRET)
    yield "unknown_signature_method", lambda: signer("RSA-MD5")
    yield "RSA method without a key", lambda: oauth1.Signer(KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, signature_method="RSA-SHA1")
    yield "no consumer secret", lambda: oauth1.Signer(KEY, None, TOKEN, TOKEN_SECRET)
    yield "private key with HMAC", lambda: oauth1.Signer(KEY, CONSUMER_SECRET, signature_method="HMAC-SHA1", private_key=rsa_key())
    pem = (KEYS / "rsa-2048.pem").read_text()
    for password in (None, WRONG_PASSWORD):
        for name in ("rsa-2048-encrypted.pem", "rsa-2048-encrypted.der", "rsa-2048-pkcs1-encrypted.pem", "rsa-2048.p12", "rsa-2048-legacy.p12"):
            yield f"key_password {name} {password}", lambda n=name, p=password: oauth1.RsaPrivateKey.from_file(KEYS / n, password=p)
    yield "key_password given as bytes", lambda: oauth1.RsaPrivateKey((KEYS / "rsa-2048.p12").read_bytes(), password=PEM_PASSWORD.encode())
    yield "key_type public for private", lambda: oauth1.Signer(KEY, private_key=(KEYS / "rsa-2048-public.pem").read_text())
    yield "key_type private for public", lambda: oauth1.Consumer(rsa_public_key=pem)
    yield "key_type private DER for public", lambda: oauth1.RsaPublicKey((KEYS / "rsa-2048.der").read_bytes())
    yield "key_unreadable truncated PEM", lambda: oauth1.RsaPrivateKey(pem[:700])
    yield "key_unreadable PEM with a bad line", lambda: oauth1.Signer(KEY, private_key=pem.replace(pem[300:364], "!" * 64))
    yield "key_unreadable truncated DER", lambda: oauth1.RsaPrivateKey((KEYS / "rsa-2048.der").read_bytes()[:900])
    yield "key_unreadable PEM as a public key", lambda: oauth1.RsaPublicKey(pem.replace("PRIVATE", "PUBLIC"))
    yield "key_too_short", lambda: oauth1.RsaPrivateKey.from_file(KEYS / "rsa-1024.pem")
    yield "key data of the wrong type", lambda: oauth1.RsaPrivateKey([pem])  # type: ignore[arg-type]
    yield "key password of the wrong type", lambda: oauth1.RsaPrivateKey(pem, password=[PEM_PASSWORD])  # type: ignore[arg-type]
    rsa = signer("RSA-SHA256")
    rsa_header = rsa.authorization("GET", URL, **FIXED)
    yield "signature_invalid RSA", lambda: verify(authorization=rsa_header, url=URL + "&c=3", secrets=rsa)
    yield "signature_method_rejected RSA", lambda: verify(authorization=rsa_header, secrets=credentials())
    yield "pickling a private key", lambda: pickle.dumps(rsa_key())
    yield "pickling an RSA signer", lambda: pickle.dumps(rsa)
    yield "invalid_timestamp", lambda: s.sign("GET", URL, timestamp=0)
    yield "invalid_nonce", lambda: s.sign("GET", URL, nonce="")
    yield "invalid_option", lambda: signer(placement="body").sign("POST", URL, body="{}", content_type="text/json")
    yield "invalid_option placement", lambda: signer(placement="cookie")
    yield "duplicate_parameter", lambda: s.sign("GET", URL + "&oauth_token=x")
    yield "malformed_header", lambda: verify(authorization="OAuth oauth_signature=" + CONSUMER_SECRET)
    yield "signature_invalid", lambda: verify(secrets=wrong)
    yield "signature_invalid PLAINTEXT", lambda: verify(authorization=plaintext, secrets=wrong)
    yield "signature_invalid tampered", lambda: verify(url=URL + "&c=3")
    yield "timestamp_refused", lambda: verify(now=NOW + 10_000)
    yield "nonce_used", lambda: [verify(nonce_store=store) for store in [oauth1.NonceStore()] for _ in range(2)]
    yield "version_rejected", lambda: verify(authorization=header.replace('"1.0"', '"2.0"'))
    yield "parameter_absent", lambda: verify(authorization=None)
    yield "parameter_rejected", lambda: verify(url=URL + "&oauth_nonce=x")
    yield "signature_method_rejected", lambda: verify(signature_methods=["HMAC-SHA256"])
    yield "signature_invalid hidden key", lambda: verify(secrets=Lookup(None, None), hide_unknown_keys=True)
    yield "consumer_key_unknown", lambda: verify(secrets=Lookup(None, TOKEN_SECRET))
    yield "token_rejected", lambda: verify(secrets=Lookup(oauth1.Consumer(CONSUMER_SECRET), None))
    yield "parameter_absent oauth_token", lambda: verify(authorization=oauth1.Signer(KEY, CONSUMER_SECRET).authorization("GET", URL, **FIXED))
    yield "signature_method_rejected PLAINTEXT", lambda: verify(authorization=plaintext, signature_methods=None)
    yield "signature_method_rejected PLAINTEXT over http", lambda: verify(
        authorization=signer("PLAINTEXT").authorization("GET", URL.replace("https", "http"), **FIXED), url=URL.replace("https", "http")
    )
    yield "lookup raises", lambda: verify(secrets=Lookup(raise_key_error, TOKEN_SECRET))
    yield "lookup wrong type", lambda: verify(secrets=Lookup(CONSUMER_SECRET, TOKEN_SECRET))
    yield "token lookup wrong type", lambda: verify(secrets=Lookup(oauth1.Consumer(CONSUMER_SECRET), TOKEN_SECRET.encode()))
    yield "removed lookup shape", lambda: verify(secrets=lambda k, t: TOKEN_SECRET if t else CONSUMER_SECRET)
    yield "Consumer of the wrong type", lambda: oauth1.Consumer(CONSUMER_SECRET.encode())  # type: ignore[arg-type]
    yield "secret of the wrong type", lambda: oauth1.Signer(KEY, CONSUMER_SECRET.encode())  # type: ignore[arg-type]
    yield "token secret of the wrong type", lambda: oauth1.Signer(KEY, "s", TOKEN, 42)  # type: ignore[arg-type]
    yield "Credentials wrong type", lambda: oauth1.Credentials(KEY, [CONSUMER_SECRET])  # type: ignore[arg-type]


@pytest.mark.parametrize("name,fail", list(failures()), ids=[name for name, _ in failures()])
def test_every_error_is_clean(name: str, fail: Callable[[], object]) -> None:
    with pytest.raises((oauth1.Error, TypeError, KeyError)) as info:
        fail()
    check_error(info.value, name)
    if isinstance(info.value, oauth1.VerificationError):
        assert info.value.code == info.value.problem


def test_credential_sources_do_not_echo_secrets(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases: list[str] = [
        json.dumps({"appKey": KEY, "secret": CONSUMER_SECRET, "accessToken": TOKEN})[:-1],  # truncated
        json.dumps({"secret": CONSUMER_SECRET, "accessTokenSecret": TOKEN_SECRET}),  # no key
        json.dumps({"appKey": KEY, "secret": [CONSUMER_SECRET]}),  # wrong type
        json.dumps({"consumer_key": KEY, "consumer_secret": CONSUMER_SECRET, "token_secret": TOKEN_SECRET}),
        CONSUMER_SECRET,  # not JSON at all
    ]
    for i, text in enumerate(cases):
        path = tmp_path / f"c{i}.json"
        path.write_text(text, encoding="utf-8")
        for load in (oauth1.Credentials.from_file, oauth1.Signer.from_file):
            try:
                loaded: object = load(path)
            except oauth1.Error as e:
                check_error(e, f"{load.__qualname__} case {i}")
            else:
                assert i == 3, f"{load.__qualname__} case {i} loaded"  # a token secret without a token
                check_object(loaded, f"{load.__qualname__} case {i}")
    for var in oauth1.ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OAUTH1_CONSUMER_SECRET", CONSUMER_SECRET)
    monkeypatch.setenv("OAUTH1_TOKEN_SECRET", TOKEN_SECRET)
    for load_env in (oauth1.Credentials.from_env, oauth1.Signer.from_env):
        with pytest.raises(oauth1.Error) as info:
            load_env()
        check_error(info.value, "from_env")
    monkeypatch.setenv("OAUTH1_CONSUMER_KEY", KEY)
    monkeypatch.setenv("OAUTH1_TOKEN", TOKEN)
    check_object(oauth1.Credentials.from_env(), "Credentials.from_env")
    check_object(oauth1.Signer.from_env(), "Signer.from_env")
    assert os.environ["OAUTH1_CONSUMER_SECRET"] == CONSUMER_SECRET


def test_integrations_auth_objects_are_clean() -> None:
    auth = oauth1.OAuth1(signer())
    check_object(auth, "OAuth1")


def test_native_objects_are_not_picklable_with_secrets() -> None:
    # Pickling a Signer or Credentials would write the secrets to disk: refused.
    for obj in (signer(), credentials(), oauth1.Consumer(CONSUMER_SECRET), rsa_key(), signer("RSA-SHA1")):
        with pytest.raises((TypeError, pickle.PicklingError)) as info:
            pickle.dumps(obj)
        check_error(info.value, f"pickling {type(obj).__name__}")
