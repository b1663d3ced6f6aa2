"""Requests signed by oauthlib are accepted by ``oauth1.verify``, and a one-byte
change anywhere in them is refused.

oauthlib's ``Client`` signs each request below with every signature method it shares
with oauth1 (HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 where the installed oauthlib has it,
PLAINTEXT, and RSA-SHA1, RSA-SHA256, RSA-SHA512 with the test key given as PEM, which
``oauth1.verify`` checks with the consumer's public key alone), with ``realm`` in the Authorization header, as a pair in the query and as
a pair in a form body. Then one byte at a time is changed: in the method, the host,
the path, each query and body name and value, and each header parameter value.

Two things are not refused, by RFC 5849 and on purpose: the Authorization header's
``realm``, which section 3.4.1.3.1 leaves out of the signature (a changed one is
accepted and reported as the new realm), and, for PLAINTEXT, everything but the
key and the parameters the server checks by value (section 3.4.4: PLAINTEXT signs
nothing else, which is why it is opt-in and https-only).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field, replace
from typing import Iterator, Optional, Union

import pytest

import oauth1
from conftest import KEYS, RSA_METHODS, rsa_key

oauthlib_oauth1 = pytest.importorskip("oauthlib.oauth1")

FORM = "application/x-www-form-urlencoded"
KEY, SECRET, TOKEN, TOKEN_SECRET = "dpf43f3p2l4k3l03", "kd94hf93k423kf44&é+", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00 /"
NONCE, TIMESTAMP = "kllo9940pd9333jh", 1_700_000_000

METHODS = ["HMAC-SHA1", "HMAC-SHA256"]
if hasattr(oauthlib_oauth1, "SIGNATURE_HMAC_SHA512"):
    METHODS.append("HMAC-SHA512")
METHODS.append("PLAINTEXT")
# oauthlib signs RSA through cryptography and PyJWT.
if all(hasattr(oauthlib_oauth1, f"SIGNATURE_RSA_SHA{n}") for n in (1, 256, 512)):
    METHODS += RSA_METHODS

# The problem a changed header parameter must meet; any other is signature_invalid.
HEADER_PROBLEMS = {
    "oauth_consumer_key": "consumer_key_unknown",
    "oauth_token": "token_rejected",
    "oauth_signature_method": "signature_method_rejected",
    "oauth_version": "version_rejected",
}
# What PLAINTEXT checks: the key (the signature) and what the server checks by value.
PLAINTEXT_COVERS = {"oauth_signature", *HEADER_PROBLEMS}


@dataclass(frozen=True)
class Req:
    name: str
    method: str
    host: str
    path: str
    query: list[tuple[str, str]] = field(default_factory=list)
    body: Optional[list[tuple[str, str]]] = None
    realm: Optional[str] = None
    token: bool = True

    @property
    def url(self) -> str:
        query = urllib.parse.urlencode(self.query)
        return f"https://{self.host}{self.path}" + (f"?{query}" if query else "")

    @property
    def body_text(self) -> Optional[str]:
        return None if self.body is None else urllib.parse.urlencode(self.body)


REQUESTS = [
    Req("realm-in-header", "GET", "photos.example.net", "/photos", [("file", "vacation.jpg"), ("size", "original")], realm="Photos"),
    Req("realm-in-query", "GET", "api.example.com", "/x", [("realm", "alice"), ("a", "1")]),
    Req("realm-in-form-body", "POST", "api.example.com", "/x", [("a", "1")], body=[("realm", "alice"), ("b", "2")]),
    Req(
        "realm-everywhere-two-legged",
        "POST",
        "api.example.com",
        "/y/z",
        [("realm", "q")],
        body=[("realm", "b"), ("c", "3")],
        realm="Photos",
        token=False,
    ),
]


def one_byte_change(text: str) -> str:
    """`text` with its last ASCII letter or digit replaced by the next one (wrapping)."""
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if c.isascii() and c.isalnum():
            if c.isdigit():
                new = str((int(c) + 1) % 10)
            else:
                base = ord("a") if c.islower() else ord("A")
                new = chr(base + (ord(c) - base + 1) % 26)
            changed = text[:i] + new + text[i + 1 :]
            assert len(changed.encode()) == len(text.encode())
            assert sum(a != b for a, b in zip(changed.encode(), text.encode())) == 1
            return changed
    raise AssertionError(f"nothing to change in {text!r}")


def test_one_byte_change() -> None:
    assert one_byte_change("GET") == "GEU"
    assert one_byte_change("a=1") == "a=2"
    assert one_byte_change("HMAC-SHA1") == "HMAC-SHA2"
    assert one_byte_change("1.9") == "1.0"
    assert one_byte_change("aZ=") == "aA="


def sign_with_oauthlib(req: Req, method: str) -> str:
    rsa = method.startswith("RSA-")
    client = oauthlib_oauth1.Client(
        KEY,
        client_secret=None if rsa else SECRET,
        resource_owner_key=TOKEN if req.token else None,
        resource_owner_secret=TOKEN_SECRET if req.token else None,
        signature_method=method,
        rsa_key=(KEYS / "rsa-2048.pem").read_text() if rsa else None,
        realm=req.realm,
        nonce=NONCE,
        timestamp=str(TIMESTAMP),
    )
    headers = {"Content-Type": FORM} if req.body is not None else {}
    uri, signed_headers, body = client.sign(req.url, req.method, req.body_text, headers)
    assert uri == req.url and body == req.body_text  # header placement: nothing else changes
    authorization: str = signed_headers["Authorization"]
    return authorization


def header(params: list[tuple[str, str]]) -> str:
    return "OAuth " + ", ".join(f'{name}="{oauth1.percent_encode(value)}"' for name, value in params)


class RsaServer:
    """The server's records for the RSA methods: the consumer's public key, no secret."""

    def __init__(self, req: Req) -> None:
        self.consumer_ = oauth1.Consumer(rsa_public_key=rsa_key().public_key(), two_legged=not req.token)
        self.token = TOKEN if req.token else None

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        return self.consumer_ if consumer_key == KEY else None

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        return TOKEN_SECRET if consumer_key == KEY and token == self.token else None


def verify(req: Req, authorization: str, method: str) -> oauth1.Verified:
    secrets: Union[oauth1.Credentials, RsaServer]
    if method.startswith("RSA-"):
        secrets = RsaServer(req)
    else:
        secrets = oauth1.Credentials(KEY, SECRET, TOKEN, TOKEN_SECRET) if req.token else oauth1.Credentials(KEY, SECRET)
    return oauth1.verify(
        req.method,
        req.url,
        authorization=authorization,
        body=req.body_text,
        content_type=FORM if req.body is not None else None,
        secrets=secrets,
        now=TIMESTAMP,
        signature_methods=METHODS,
    )


def request_changes(req: Req) -> Iterator[tuple[str, Req]]:
    """Every one-byte change to what the request sends besides its header."""
    yield "method", replace(req, method=one_byte_change(req.method))
    yield "host", replace(req, host=one_byte_change(req.host))
    yield "path", replace(req, path=one_byte_change(req.path))
    for i, (name, value) in enumerate(req.query):
        for what, pair in (("name", (one_byte_change(name), value)), ("value", (name, one_byte_change(value)))):
            yield f"query {name!r} {what}", replace(req, query=[*req.query[:i], pair, *req.query[i + 1 :]])
    for i, (name, value) in enumerate(req.body or []):
        assert req.body is not None
        for what, pair in (("name", (one_byte_change(name), value)), ("value", (name, one_byte_change(value)))):
            yield f"body {name!r} {what}", replace(req, body=[*req.body[:i], pair, *req.body[i + 1 :]])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("req", REQUESTS, ids=[r.name for r in REQUESTS])
def test_oauthlib_signed_requests_are_accepted_and_every_change_refused(req: Req, method: str) -> None:
    authorization = sign_with_oauthlib(req, method)
    ok = verify(req, authorization, method)
    assert (ok.consumer_key, ok.token, ok.signature_method) == (KEY, TOKEN if req.token else None, method)
    assert (ok.timestamp, ok.nonce, ok.realm, ok.placement) == (TIMESTAMP, NONCE, req.realm, "header")
    if req.query or req.body:
        # realm outside the header is an ordinary, signed parameter.
        assert ("realm%3D" in ok.base_string) == any(n == "realm" for n, _ in req.query + (req.body or []))

    params = oauth1.parse_authorization_header(authorization)
    # The header rebuilt from its parameters is still accepted, so a refusal below is
    # the changed byte's doing.
    verify(req, header(params), method)
    plaintext = method == "PLAINTEXT"

    changed_requests = list(request_changes(req))
    assert len(changed_requests) >= 5
    for what, changed in changed_requests:
        if plaintext:
            continue  # PLAINTEXT signs none of the request (RFC 5849 section 3.4.4)
        with pytest.raises(oauth1.SignatureInvalidError, match="signature does not match"):
            verify(changed, authorization, method)
            pytest.fail(f"{method} {req.name}: a change of {what} was accepted")

    checked = set()
    for i, (name, value) in enumerate(params):
        tampered = header([*params[:i], (name, one_byte_change(value)), *params[i + 1 :]])
        if name == "realm":
            # Unsigned by RFC 5849 section 3.4.1.3.1: accepted, and reported as sent.
            assert verify(req, tampered, method).realm == one_byte_change(value)
            continue
        if plaintext and name not in PLAINTEXT_COVERS:
            continue
        with pytest.raises(oauth1.VerificationError) as info:
            verify(req, tampered, method)
        assert info.value.code == HEADER_PROBLEMS.get(name, "signature_invalid"), (name, info.value)
        checked.add(name)
    expected = {"oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_version"}
    if not plaintext:
        expected |= {"oauth_nonce", "oauth_timestamp"}
    if req.token:
        expected.add("oauth_token")
    assert checked == expected
