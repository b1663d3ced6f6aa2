"""oauth1.Signer and oauth1.Signed: options, placements, results, repr."""

from __future__ import annotations

import threading
import time
import urllib.parse

import pytest

import oauth1
from conftest import key_for

URL = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all"
FORM = "application/x-www-form-urlencoded"


def make(**options: object) -> oauth1.Signer:
    return oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret", **options)  # type: ignore[arg-type]


def test_defaults_and_result_fields() -> None:
    signer = make()
    assert signer.consumer_key == "app-key"
    assert signer.token == "access-token"
    assert signer.signature_method == "HMAC-SHA1"
    assert (signer.realm, signer.version, signer.body_hash, signer.clock_offset) == (None, True, False, 0)
    assert (signer.callback, signer.verifier, signer.placement) == (None, None, "header")

    signed = signer.sign("GET", URL, nonce="n0nce", timestamp=1700000000)
    params = dict(signed.params)
    assert [name for name, _ in signed.params] == sorted(params)
    assert params["oauth_signature"] == signed.signature
    assert params["oauth_nonce"] == signed.nonce == "n0nce"
    assert params["oauth_timestamp"] == "1700000000" and signed.timestamp == 1700000000
    assert params["oauth_version"] == "1.0"
    assert signed.authorization.startswith('OAuth oauth_consumer_key="app-key", ')
    assert f'oauth_signature="{urllib.parse.quote(signed.signature, safe="")}"' in signed.authorization
    assert signed.base_string.startswith("GET&https%3A%2F%2Fva.data.liveperson.net%2F")
    assert signed.signed_url is None and signed.signed_body is None
    # Same inputs, same signature; the shortcut agrees.
    again = signer.authorization("GET", URL, nonce="n0nce", timestamp=1700000000)
    assert again == signed.authorization


def test_none_is_the_core_default() -> None:
    # Every option given as None is the option not given: the core's default.
    options = ("signature_method", "realm", "version", "body_hash", "clock_offset", "callback", "verifier", "placement")
    explicit = make(**dict.fromkeys(options))
    assert repr(explicit) == repr(make())
    for name in options:
        assert getattr(explicit, name) == getattr(make(), name), name
    signed = explicit.sign("GET", URL, nonce="n", timestamp=1)
    assert signed.authorization == make().authorization("GET", URL, nonce="n", timestamp=1)
    # and an option that is given is not overridden by a default
    assert make(version=False, body_hash=True).version is False
    assert make(version=False, body_hash=True).body_hash is True
    assert oauth1.NonceStore(None, None).capacity == oauth1.NonceStore().capacity
    assert oauth1.NonceStore(window=7).window == 7 and oauth1.NonceStore(capacity=7).capacity == 7
    assert oauth1.Consumer("s", two_legged=None).two_legged is False
    assert oauth1.body_hash(b"x", None) == oauth1.body_hash(b"x", "HMAC-SHA1") != oauth1.body_hash(b"x", "HMAC-SHA256")


def test_wire_is_what_the_placement_sends() -> None:
    header = make().sign("GET", URL, nonce="n", timestamp=1)
    assert header.wire == ("header", header.authorization)
    query = make(placement="query").sign("GET", URL, nonce="n", timestamp=1)
    assert query.wire == ("query", query.signed_url) and query.signed_url
    body = make(placement="body").sign("POST", URL, body="a=1", content_type=FORM, nonce="n", timestamp=1)
    assert body.wire == ("body", body.signed_body) and isinstance(body.signed_body, bytes)


def test_random_nonce_and_clock_timestamp() -> None:
    signer = make()
    a, b = signer.sign("GET", URL), signer.sign("GET", URL)
    assert a.nonce != b.nonce and len(a.nonce) == 32 and a.nonce.isalnum()
    assert abs(a.timestamp - time.time()) < 5
    shifted = signer.with_clock_offset(-3600)
    assert shifted.clock_offset == -3600 and signer.clock_offset == 0
    assert abs(shifted.sign("GET", URL).timestamp - (time.time() - 3600)) < 5
    assert abs(make(clock_offset=600).sign("GET", URL).timestamp - (time.time() + 600)) < 5


@pytest.mark.parametrize("method", oauth1.SIGNATURE_METHODS)
def test_signature_methods(method: str) -> None:
    signer = make(signature_method=method.lower(), private_key=key_for(method))
    assert signer.signature_method == method
    signed = signer.sign("GET", URL, nonce="n", timestamp=1)
    assert dict(signed.params)["oauth_signature_method"] == method
    if method == "PLAINTEXT":
        assert signed.signature == "app-secret&access-token-secret"
    elif method.startswith("RSA-"):
        assert oauth1.verify("GET", URL, authorization=signed.authorization, secrets=signer, now=1).signature_method == method
    else:
        assert signed.signature == oauth1.hmac_signature(method, "app-secret&access-token-secret", signed.base_string)


def test_realm_version_callback_verifier() -> None:
    signer = make(realm="Photos", version=False, callback="oob", verifier="v 1")
    signed = signer.sign("POST", "https://h.example/x", nonce="n", timestamp=1)
    assert signed.authorization.startswith('OAuth realm="Photos", oauth_callback="oob", ')
    assert 'oauth_verifier="v%201"' in signed.authorization
    names = [n for n, _ in signed.params]
    assert "oauth_version" not in names and "realm" not in names
    assert "realm" not in signed.base_string


def test_form_body_signed_json_body_not() -> None:
    signer = make()
    form = signer.sign("POST", "https://h.example/x", body="a=1&b=two+words", content_type=FORM, nonce="n", timestamp=1)
    assert "b%3Dtwo%2520words" in form.base_string
    for body in ('{"a":1}', b'{"a":1}', bytearray(b'{"a":1}'), memoryview(b'{"a":1}')):
        js = signer.sign("POST", "https://h.example/x", body=body, content_type="application/json", nonce="n", timestamp=1)
        nobody = signer.sign("POST", "https://h.example/x", nonce="n", timestamp=1)
        assert js.base_string == nobody.base_string


def test_body_hash_for_non_form_bodies_only() -> None:
    signer = make(body_hash=True)
    js = signer.sign("POST", "https://h.example/x", body='{"a":1}', content_type="application/json", nonce="n", timestamp=1)
    assert dict(js.params)["oauth_body_hash"] == oauth1.body_hash('{"a":1}')
    form = signer.sign("POST", "https://h.example/x", body="a=1", content_type=FORM, nonce="n", timestamp=1)
    assert "oauth_body_hash" not in dict(form.params)
    sha256 = make(body_hash=True, signature_method="HMAC-SHA256")
    js256 = sha256.sign("POST", "https://h.example/x", body=b"x", content_type="text/plain", nonce="n", timestamp=1)
    assert dict(js256.params)["oauth_body_hash"] == oauth1.body_hash(b"x", "HMAC-SHA256")


def test_query_placement() -> None:
    signer = make(placement="query")
    signed = signer.sign("GET", "https://h.example/x?a=1#frag", nonce="n", timestamp=1)
    assert signed.signed_url is not None
    assert signed.signed_url.startswith("https://h.example/x?a=1&oauth_consumer_key=app-key&")
    assert signed.signed_url.endswith("#frag")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(signed.signed_url).query)
    assert query["oauth_signature"] == [signed.signature]
    ok = oauth1.verify("GET", signed.signed_url, secrets=signer, now=1)
    assert ok.placement == "query"


def test_body_placement() -> None:
    signer = make(placement="body")
    signed = signer.sign("POST", "https://h.example/x", body="a=1", content_type=FORM, nonce="n", timestamp=1)
    assert isinstance(signed.signed_body, bytes)
    assert signed.signed_body.startswith(b"a=1&oauth_consumer_key=app-key&")
    ok = oauth1.verify("POST", "https://h.example/x", body=signed.signed_body, content_type=FORM, secrets=signer, now=1)
    assert ok.placement == "body"
    with pytest.raises(oauth1.InvalidOptionError):
        signer.sign("POST", "https://h.example/x", body="{}", content_type="application/json")


def test_repr_never_shows_secrets() -> None:
    for signer in (
        make(),
        make(signature_method="PLAINTEXT", realm="r"),
        oauth1.Signer("k", "s3cr3t-consumer"),
    ):
        text = repr(signer)
        assert text.startswith("Signer(consumer_key=")
        for secret in ("app-secret", "access-token-secret", "s3cr3t-consumer"):
            assert secret not in text
            assert secret not in repr(signer.credentials)
            assert secret not in str(signer.sign("GET", URL)) + repr(signer.sign("GET", URL))
    assert repr(make()) == (
        "Signer(consumer_key='app-key', token='access-token', signature_method='HMAC-SHA1', realm=None, placement='header')"
    )
    assert "'***'" in repr(make().credentials)


def test_two_legged_and_empty_token() -> None:
    for signer in (oauth1.Signer("k", "s"), oauth1.Signer("k", "s", "", None)):
        signed = signer.sign("GET", "https://h.example/", nonce="n", timestamp=1)
        assert "oauth_token" not in dict(signed.params)
        assert signer.token is None


def test_signer_is_shareable_between_threads() -> None:
    signer = make()
    expected = signer.sign("GET", URL, nonce="n", timestamp=1).signature
    results: list[str] = []

    def work() -> None:
        for _ in range(200):
            results.append(signer.sign("GET", URL, nonce="n", timestamp=1).signature)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 800


def test_from_credentials() -> None:
    creds = oauth1.Credentials("app-key", "app-secret", "access-token", "access-token-secret")
    signer = oauth1.Signer.from_credentials(creds, signature_method="HMAC-SHA256")
    assert signer.signature_method == "HMAC-SHA256"
    assert signer.sign("GET", URL, nonce="n", timestamp=1).signature == make(signature_method="HMAC-SHA256").sign(
        "GET", URL, nonce="n", timestamp=1
    ).signature
