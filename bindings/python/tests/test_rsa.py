"""RSA-SHA1, RSA-SHA256 and RSA-SHA512 (RFC 5849 section 3.4.3) through the Python API:
every key file of tests/vectors/keys loaded from bytes and from a file, each bad key
meeting its own exception class, signers and consumers with keys, and the objects'
manners (repr, equality, pickling).

The byte-for-byte comparison with oauthlib is in test_differential.py and
test_oauthlib_verify.py; key material in every rendering is checked in test_secrets.py.
"""

from __future__ import annotations

import copy
import pathlib
import pickle
import shutil
import subprocess
import sys
from typing import Any, Optional

import pytest

import oauth1
from conftest import KEYS, RSA_METHODS, rsa_key

URL = "https://jira.example.com/plugins/servlet/oauth/request-token?a=1"
NOW = 1_700_000_000
PEM_PASSWORD = "correct horse"
P12_PASSWORD = "keystore password"
WRONG = "Tr0ub4dor&3"

# Every private key file: (file, password, bits). The 2048-bit ones are one key.
PRIVATE = [
    ("rsa-2048.pem", None, 2048),
    ("rsa-2048.der", None, 2048),
    ("rsa-2048-pkcs1.pem", None, 2048),
    ("rsa-2048-encrypted.pem", PEM_PASSWORD, 2048),
    ("rsa-2048-encrypted.der", PEM_PASSWORD, 2048),
    ("rsa-2048-pkcs1-encrypted.pem", PEM_PASSWORD, 2048),
    ("rsa-2048.p12", P12_PASSWORD, 2048),
    ("rsa-2048-legacy.p12", P12_PASSWORD, 2048),
    ("rsa-1024.pem", None, 1024),
    ("oauth-core-1.0-test.pem", None, 1024),
]
# Every public key and certificate file, all of the 2048-bit key.
PUBLIC = ["rsa-2048-public.pem", "rsa-2048-public.der", "rsa-2048-public-pkcs1.pem", "rsa-2048-cert.pem", "rsa-2048-cert.der"]


def test_every_key_file_is_covered() -> None:
    files = {p.name for p in KEYS.iterdir() if p.suffix in (".pem", ".der", ".p12")}
    assert files == {name for name, _, _ in PRIVATE} | set(PUBLIC) | {"ec-p256.pem"}


@pytest.fixture(scope="module")
def public() -> oauth1.RsaPublicKey:
    return oauth1.RsaPublicKey.from_file(KEYS / "rsa-2048-public.pem")


@pytest.mark.parametrize("name,password,bits", PRIVATE, ids=[p[0] for p in PRIVATE])
def test_private_key_files_load_from_bytes_and_from_file(name: str, password: Optional[str], bits: int, public: oauth1.RsaPublicKey) -> None:
    path = KEYS / name
    short = bits < 2048
    passwords: list[Any] = [password] if password is None else [password, password.encode()]
    for pw in passwords:
        loaded = [
            oauth1.RsaPrivateKey(path.read_bytes(), password=pw, allow_short_key=short),
            oauth1.RsaPrivateKey(bytearray(path.read_bytes()), password=pw, allow_short_key=short),
            oauth1.RsaPrivateKey.from_file(path, password=pw, allow_short_key=short),
            oauth1.RsaPrivateKey.from_file(str(path), password=pw, allow_short_key=short),
        ]
        if path.suffix == ".pem":
            loaded.append(oauth1.RsaPrivateKey(path.read_text(), password=pw, allow_short_key=short))
        for key in loaded:
            assert key.bits == bits
            assert repr(key) == f"RsaPrivateKey({bits} bits)"
            if bits == 2048:
                assert key.public_key() == public
    if short:
        with pytest.raises(oauth1.KeyTooShortError, match="1024"):
            oauth1.RsaPrivateKey.from_file(path, password=password)


@pytest.mark.parametrize("name", PUBLIC)
def test_public_key_and_certificate_files_load_from_bytes_and_from_file(name: str, public: oauth1.RsaPublicKey) -> None:
    path = KEYS / name
    loaded = [oauth1.RsaPublicKey(path.read_bytes()), oauth1.RsaPublicKey.from_file(path), oauth1.RsaPublicKey.from_file(str(path))]
    if path.suffix == ".pem":
        loaded.append(oauth1.RsaPublicKey(path.read_text()))
    for key in loaded:
        assert key == public and key.bits == 2048 and repr(key) == "RsaPublicKey(2048 bits)"
    assert public != rsa_key_1024().public_key()


def rsa_key_1024() -> oauth1.RsaPrivateKey:
    return oauth1.RsaPrivateKey.from_file(KEYS / "rsa-1024.pem", allow_short_key=True)


def read_private(path: pathlib.Path, **options: Any) -> object:
    return oauth1.RsaPrivateKey.from_file(path, **options)


def corrupt(tmp: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    path = tmp / name
    path.write_bytes(data)
    return path


BAD_PRIVATE: list[tuple[str, type[oauth1.Error], Any]] = [
    # A wrong or missing password.
    ("encrypted PEM, no password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048-encrypted.pem")),
    ("encrypted PEM, wrong password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048-encrypted.pem", password=WRONG)),
    ("encrypted DER, no password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048-encrypted.der")),
    ("encrypted DER, wrong password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048-encrypted.der", password=WRONG.encode())),
    ("encrypted PKCS#1, wrong password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048-pkcs1-encrypted.pem", password=WRONG)),
    ("PKCS#12, no password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048.p12")),
    ("PKCS#12, wrong password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048.p12", password=PEM_PASSWORD)),
    ("legacy PKCS#12, wrong password", oauth1.KeyPasswordError, lambda t: read_private(KEYS / "rsa-2048-legacy.p12", password=WRONG)),
    # The wrong kind of key.
    ("public key PEM", oauth1.KeyTypeError, lambda t: read_private(KEYS / "rsa-2048-public.pem")),
    ("public key DER", oauth1.KeyTypeError, lambda t: read_private(KEYS / "rsa-2048-public.der")),
    ("PKCS#1 public key", oauth1.KeyTypeError, lambda t: read_private(KEYS / "rsa-2048-public-pkcs1.pem")),
    ("certificate PEM", oauth1.KeyTypeError, lambda t: read_private(KEYS / "rsa-2048-cert.pem")),
    ("certificate DER", oauth1.KeyTypeError, lambda t: read_private(KEYS / "rsa-2048-cert.der")),
    ("EC key", oauth1.KeyTypeError, lambda t: read_private(KEYS / "ec-p256.pem")),
    # Unreadable.
    ("empty", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPrivateKey(b"")),
    ("text", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPrivateKey("not a key at all")),
    ("truncated PEM", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPrivateKey((KEYS / "rsa-2048.pem").read_text()[:400])),
    ("truncated DER", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPrivateKey((KEYS / "rsa-2048.der").read_bytes()[:600])),
    ("no such file", oauth1.KeyUnreadableError, lambda t: read_private(t / "missing.pem")),
    ("a folder", oauth1.KeyUnreadableError, lambda t: read_private(t)),
    ("garbage file", oauth1.KeyUnreadableError, lambda t: read_private(corrupt(t, "x.der", bytes(range(256))))),
    # Too short.
    ("1024 bits", oauth1.KeyTooShortError, lambda t: read_private(KEYS / "rsa-1024.pem")),
    ("OAuth Core 1.0 test key", oauth1.KeyTooShortError, lambda t: oauth1.RsaPrivateKey((KEYS / "oauth-core-1.0-test.pem").read_bytes())),
]

BAD_PUBLIC: list[tuple[str, type[oauth1.Error], Any]] = [
    ("private key PEM", oauth1.KeyTypeError, lambda t: oauth1.RsaPublicKey.from_file(KEYS / "rsa-2048.pem")),
    ("private key DER", oauth1.KeyTypeError, lambda t: oauth1.RsaPublicKey.from_file(KEYS / "rsa-2048.der")),
    ("PKCS#12", oauth1.KeyTypeError, lambda t: oauth1.RsaPublicKey.from_file(KEYS / "rsa-2048.p12")),
    ("EC private key", oauth1.KeyTypeError, lambda t: oauth1.RsaPublicKey.from_file(KEYS / "ec-p256.pem")),
    ("empty", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPublicKey(b"")),
    ("truncated certificate", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPublicKey((KEYS / "rsa-2048-cert.der").read_bytes()[:300])),
    ("corrupt PEM", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPublicKey("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n")),
    ("no such file", oauth1.KeyUnreadableError, lambda t: oauth1.RsaPublicKey.from_file(t / "missing.pem")),
    ("1024 bits", oauth1.KeyTooShortError, lambda t: oauth1.Consumer(rsa_public_key=short_public_pem())),
]


def short_public_pem() -> bytes:
    """The public half of rsa-1024.pem as PEM, written by ``cryptography``."""
    serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
    private = serialization.load_pem_private_key((KEYS / "rsa-1024.pem").read_bytes(), None)
    pem: bytes = private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert oauth1.RsaPublicKey(pem, allow_short_key=True) == rsa_key_1024().public_key()
    return pem


@pytest.mark.parametrize("name,cls,load", BAD_PRIVATE + BAD_PUBLIC, ids=[f"private:{c[0]}" for c in BAD_PRIVATE] + [f"public:{c[0]}" for c in BAD_PUBLIC])
def test_each_bad_key_has_its_own_exception(name: str, cls: type[oauth1.Error], load: Any, tmp_path: pathlib.Path) -> None:
    with pytest.raises(oauth1.Error) as info:
        load(tmp_path)
    err = info.value
    assert type(err) is cls, f"{name}: {type(err).__name__}: {err}"
    assert err.code == cls.code and not isinstance(err, oauth1.VerificationError)
    assert str(err)
    for password in (PEM_PASSWORD, P12_PASSWORD, WRONG):
        assert password not in str(err)


def test_every_key_error_class_is_met() -> None:
    met = {cls for _, cls, _ in BAD_PRIVATE + BAD_PUBLIC}
    assert met == {oauth1.KeyPasswordError, oauth1.KeyTypeError, oauth1.KeyUnreadableError, oauth1.KeyTooShortError}
    assert {cls.code for cls in met} == {"key_password", "key_type", "key_unreadable", "key_too_short"}


def test_signer_private_key_takes_text_bytes_or_a_key_object() -> None:
    pem = (KEYS / "rsa-2048.pem").read_text()
    signed = [
        oauth1.Signer("ck", private_key=key, token="tk").sign("GET", URL, nonce="n", timestamp=NOW)
        for key in (pem, pem.encode(), (KEYS / "rsa-2048.der").read_bytes(), rsa_key())
    ]
    assert len({s.authorization for s in signed}) == 1
    # Encrypted and short keys need the key object, which takes the options.
    with pytest.raises(oauth1.KeyPasswordError):
        oauth1.Signer("ck", private_key=(KEYS / "rsa-2048-encrypted.pem").read_bytes())
    key = oauth1.RsaPrivateKey.from_file(KEYS / "rsa-2048-encrypted.pem", password=PEM_PASSWORD)
    assert oauth1.Signer("ck", private_key=key, token="tk").sign("GET", URL, nonce="n", timestamp=NOW).authorization == signed[0].authorization


def test_signer_with_a_private_key() -> None:
    signer = oauth1.Signer("ck", private_key=rsa_key())
    assert signer.signature_method == "RSA-SHA1"  # the default with a key
    assert repr(signer) == "Signer(consumer_key='ck', token=None, signature_method='RSA-SHA1', realm=None, placement='header')"
    for method in RSA_METHODS:
        # The consumer secret and token secret are not used (section 3.4.3).
        a = oauth1.Signer("ck", None, "tk", "ts", signature_method=method, private_key=rsa_key())
        b = oauth1.Signer("ck", "any secret", "tk", "other", signature_method=method, private_key=rsa_key())
        sa, sb = (s.sign("POST", URL, body="x=1", content_type="application/x-www-form-urlencoded", nonce="n", timestamp=NOW) for s in (a, b))
        assert sa.authorization == sb.authorization and len(sa.signature) == 344
        assert a.signature_method == method and dict(sa.params)["oauth_signature_method"] == method


def test_missing_consumer_secret_is_named() -> None:
    with pytest.raises(oauth1.InvalidCredentialsError) as info:
        oauth1.Signer("ck", token="tk", token_secret="ts")
    assert "consumer_secret" in str(info.value) and "RSA" in str(info.value)
    with pytest.raises(oauth1.InvalidCredentialsError, match="private key"):
        oauth1.Signer("ck", "cs", signature_method="RSA-SHA256")
    with pytest.raises(oauth1.InvalidOptionError):
        oauth1.Signer("ck", "cs", signature_method="HMAC-SHA256", private_key=rsa_key())
    with pytest.raises(oauth1.InvalidOptionError):
        oauth1.Signer("ck", None, signature_method="PLAINTEXT", private_key=rsa_key())


@pytest.mark.parametrize("method", RSA_METHODS)
def test_body_hash_uses_the_method_hash(method: str) -> None:
    signer = oauth1.Signer("ck", signature_method=method, private_key=rsa_key(), body_hash=True)
    signed = signer.sign("POST", URL, body=b'{"a":1}', content_type="application/json", nonce="n", timestamp=NOW)
    sha = {"RSA-SHA1": "HMAC-SHA1", "RSA-SHA256": "HMAC-SHA256", "RSA-SHA512": "HMAC-SHA512"}[method]
    assert dict(signed.params)["oauth_body_hash"] == oauth1.body_hash(b'{"a":1}', method) == oauth1.body_hash(b'{"a":1}', sha)


class Registry:
    """A server's lookup: one consumer, as registered, and its token."""

    def __init__(self, consumer: Optional[oauth1.Consumer], token: Optional[str] = "tk") -> None:
        self.registered, self.token = consumer, token

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        return self.registered if consumer_key == "ck" else None

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        return "ts" if token == self.token else None


def sign(method: str, token: Optional[str] = "tk") -> str:
    key = rsa_key() if method.startswith("RSA-") else None
    signer = oauth1.Signer("ck", None if key else "cs", token, "ts" if token else None, signature_method=method, private_key=key)
    return signer.authorization("GET", URL, nonce="n", timestamp=NOW)


def verify(authorization: str, secrets: object) -> oauth1.Verified:
    return oauth1.verify("GET", URL, authorization=authorization, secrets=secrets, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", RSA_METHODS)
def test_verify_with_the_consumer_public_key(method: str, public: oauth1.RsaPublicKey) -> None:
    auth = sign(method)
    cert = (KEYS / "rsa-2048-cert.pem").read_text()
    for key in (public, cert, (KEYS / "rsa-2048-public.der").read_bytes(), rsa_key().public_key()):
        ok = verify(auth, Registry(oauth1.Consumer(rsa_public_key=key)))
        assert (ok.consumer_key, ok.token, ok.signature_method) == ("ck", "tk", method)
    # A consumer with both a secret and a key takes both families.
    both = Registry(oauth1.Consumer("cs", rsa_public_key=public))
    assert verify(auth, both).signature_method == method
    assert verify(sign("HMAC-SHA256"), both).signature_method == "HMAC-SHA256"
    # RSA-only refuses HMAC; secret-only refuses RSA: signature_method_rejected.
    with pytest.raises(oauth1.SignatureMethodRejectedError):
        verify(sign("HMAC-SHA1"), Registry(oauth1.Consumer(rsa_public_key=public)))
    with pytest.raises(oauth1.SignatureMethodRejectedError):
        verify(auth, Registry(oauth1.Consumer("cs")))
    # Another key: signature_invalid. Not accepted: signature_method_rejected.
    other = oauth1.Consumer(rsa_public_key=rsa_key_1024().public_key())
    with pytest.raises(oauth1.SignatureInvalidError):
        verify(auth, Registry(other))
    with pytest.raises(oauth1.SignatureMethodRejectedError):
        oauth1.verify("GET", URL, authorization=auth, secrets=Registry(oauth1.Consumer(rsa_public_key=public)), now=NOW, signature_methods=["HMAC-SHA1"])
    # Two-legged, as Jira's request-token request.
    tokenless = sign(method, token=None)
    with pytest.raises(oauth1.ParameterAbsentError):
        verify(tokenless, Registry(oauth1.Consumer(rsa_public_key=public)))
    assert verify(tokenless, Registry(oauth1.Consumer(rsa_public_key=public, two_legged=True))).token is None


@pytest.mark.parametrize("method", RSA_METHODS)
def test_an_rsa_signer_verifies_its_own_requests(method: str) -> None:
    signer = oauth1.Signer("ck", token="tk", signature_method=method, private_key=rsa_key())
    for placement in ("header", "query"):
        s = oauth1.Signer("ck", token="tk", signature_method=method, private_key=rsa_key(), placement=placement)
        signed = s.sign("GET", URL, nonce="n", timestamp=NOW)
        ok = oauth1.verify("GET", signed.signed_url or URL, authorization=signed.authorization if placement == "header" else None, secrets=s, now=NOW)
        assert ok.signature_method == method
    # Its credentials alone know no public key: an RSA request is refused.
    with pytest.raises(oauth1.SignatureMethodRejectedError):
        verify(signer.authorization("GET", URL, nonce="n", timestamp=NOW), signer.credentials)


def test_explain_masks_the_key() -> None:
    signer = oauth1.Signer("ck", token="tk", token_secret="ts", signature_method="RSA-SHA256", private_key=rsa_key())
    e = signer.explain("GET", URL, nonce="n", timestamp=NOW)
    assert e.masked_key == "<RSA private key, 2048 bits> (the token secret is not used)"
    assert e.signed.signature == signer.sign("GET", URL, nonce="n", timestamp=NOW).signature


def test_consumer_needs_a_secret_or_a_key(public: oauth1.RsaPublicKey) -> None:
    with pytest.raises(oauth1.InvalidCredentialsError, match="rsa_public_key"):
        oauth1.Consumer()
    with pytest.raises(oauth1.InvalidCredentialsError):
        oauth1.Consumer(None, rsa_public_key=None, two_legged=True)
    assert repr(oauth1.Consumer(rsa_public_key=public)) == "Consumer(secret=None, rsa_public_key=RsaPublicKey(2048 bits), two_legged=False)"
    assert repr(oauth1.Consumer("s", rsa_public_key=public, two_legged=True)) == (
        "Consumer(secret='***', rsa_public_key=RsaPublicKey(2048 bits), two_legged=True)"
    )
    with pytest.raises(oauth1.KeyTypeError):
        oauth1.Consumer(rsa_public_key=(KEYS / "rsa-2048.pem").read_text())


def test_private_keys_do_not_pickle_or_copy_and_say_why() -> None:
    key = rsa_key()
    for attempt in (lambda: pickle.dumps(key), lambda: copy.copy(key), lambda: copy.deepcopy(key)):
        with pytest.raises(TypeError, match="cannot be pickled: that would write the private key out"):
            attempt()
    with pytest.raises(TypeError):
        pickle.dumps(oauth1.Signer("ck", private_key=key))


def test_key_objects_are_immutable(public: oauth1.RsaPublicKey) -> None:
    for obj in (rsa_key(), public):
        with pytest.raises(AttributeError):
            obj.bits = 1  # type: ignore[misc]
    assert public == oauth1.RsaPublicKey.from_file(KEYS / "rsa-2048-cert.der")
    assert public != "not a key" and (public == object()) is False


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="needs ldd")
def test_the_native_module_carries_its_own_openssl() -> None:
    # The RSA code is OpenSSL built into the extension: no system libssl or libcrypto.
    import oauth1._native as native

    linked = subprocess.run(["ldd", native.__file__], capture_output=True, text=True, check=True).stdout
    assert "libc." in linked
    assert "libssl" not in linked and "libcrypto" not in linked, linked
