"""Every vector of tests/vectors/public.json, through the public Python API."""

from __future__ import annotations

from typing import Any, Union

import pytest

import oauth1

from conftest import load_vectors

VECTORS = load_vectors()


SIGNING_FIELDS = {
    "name", "source", "method", "url", "body", "content_type", "nonce", "timestamp", "expected",
    "consumer_key", "consumer_secret", "token", "token_secret", "signature_method", "realm",
    "version", "callback", "verifier", "private_key", "allow_short_key", "body_hash",
}  # fmt: skip


def _signer(v: dict[str, Any], private_key: Union[str, bytes, None] = None) -> oauth1.Signer:
    unknown = set(v) - SIGNING_FIELDS
    assert not unknown, f"{v['name']}: fields this runner does not know: {sorted(unknown)}"
    # RSA vectors carry the key as PEM text and no consumer secret (null): none is passed.
    key: Union[str, bytes, oauth1.RsaPrivateKey, None] = private_key
    if key is None and v.get("private_key") is not None:
        key = oauth1.RsaPrivateKey(v["private_key"], allow_short_key=v["allow_short_key"])
    return oauth1.Signer(
        v["consumer_key"],
        v["consumer_secret"],
        v["token"],
        v["token_secret"],
        signature_method=v["signature_method"],
        private_key=key,
        realm=v["realm"],
        version=v["version"],
        body_hash=v.get("body_hash"),
        callback=v["callback"],
        verifier=v["verifier"],
    )


@pytest.mark.parametrize("v", VECTORS["signing"], ids=lambda v: v["name"])
def test_signing(v: dict[str, Any]) -> None:
    signed = _signer(v).sign(
        v["method"],
        v["url"],
        body=v["body"],
        content_type=v["content_type"],
        nonce=v["nonce"],
        timestamp=v["timestamp"],
    )
    expected = v["expected"]
    assert signed.base_string == expected["base_string"]
    assert signed.signature == expected["signature"]
    assert signed.params == [tuple(p) for p in expected["params"]]
    assert signed.authorization == expected["authorization"]
    assert signed.nonce == v["nonce"]
    assert signed.timestamp == v["timestamp"]


RSA_VECTORS = [v for v in VECTORS["signing"] if v.get("private_key") is not None]


def test_the_rsa_vectors_are_run() -> None:
    assert {v["signature_method"] for v in RSA_VECTORS} == {"RSA-SHA1", "RSA-SHA256", "RSA-SHA512"}
    assert all(v["consumer_secret"] is None for v in RSA_VECTORS)
    assert any(v.get("body_hash") for v in RSA_VECTORS)
    assert any(v["allow_short_key"] for v in RSA_VECTORS)


@pytest.mark.parametrize("v", RSA_VECTORS, ids=lambda v: v["name"])
def test_rsa_vector_with_the_key_as_text_and_as_bytes(v: dict[str, Any]) -> None:
    # private_key= also takes the PEM itself, read with the default options (so a
    # short key needs an RsaPrivateKey with allow_short_key=True).
    for data in (v["private_key"], v["private_key"].encode()):
        if v["allow_short_key"]:
            with pytest.raises(oauth1.KeyTooShortError):
                _signer(v, data)
            continue
        request = {k: v[k] for k in ("body", "content_type", "nonce", "timestamp")}
        signed = _signer(v, data).sign(v["method"], v["url"], **request)
        assert signed.authorization == v["expected"]["authorization"]


@pytest.mark.parametrize("v", VECTORS["signing"], ids=lambda v: v["name"])
def test_signing_with_bytes_body_and_verify_roundtrip(v: dict[str, Any]) -> None:
    signer = _signer(v)
    body = v["body"].encode() if v["body"] is not None else None
    signed = signer.sign(
        v["method"],
        v["url"],
        body=body,
        content_type=v["content_type"],
        nonce=v["nonce"],
        timestamp=v["timestamp"],
    )
    assert signed.signature == v["expected"]["signature"]
    assert (
        signer.authorization(
            v["method"],
            v["url"],
            body=body,
            content_type=v["content_type"],
            nonce=v["nonce"],
            timestamp=v["timestamp"],
        )
        == v["expected"]["authorization"]
    )
    ok = oauth1.verify(
        v["method"],
        v["url"],
        authorization=signed.authorization,
        body=body,
        content_type=v["content_type"],
        secrets=signer,
        now=v["timestamp"],
        # PLAINTEXT is accepted only when named (and these vectors use https for it).
        signature_methods=oauth1.SIGNATURE_METHODS,
    )
    assert ok.base_string == v["expected"]["base_string"]
    assert ok.consumer_key == v["consumer_key"]


@pytest.mark.parametrize("raw,encoded", VECTORS["percent_encoding"])
def test_percent_encoding(raw: str, encoded: str) -> None:
    assert oauth1.percent_encode(raw) == encoded
    assert oauth1.percent_encode(raw.encode()) == encoded


@pytest.mark.parametrize("query,normalized", VECTORS["normalized_parameters"])
def test_normalized_parameters(query: str, normalized: str) -> None:
    assert oauth1.normalized_parameters("http://example.com/?" + query) == normalized
    form = "application/x-www-form-urlencoded"
    assert oauth1.normalized_parameters("http://example.com/", query, form) == normalized
    assert oauth1.normalized_parameters("http://example.com/", query, "text/plain") == ""


@pytest.mark.parametrize("url,uri", VECTORS["base_string_uri"])
def test_base_string_uri(url: str, uri: str) -> None:
    assert oauth1.base_string_uri(url) == uri


@pytest.mark.parametrize("v", VECTORS["hmac"], ids=lambda v: v["source"])
def test_hmac(v: dict[str, Any]) -> None:
    assert oauth1.hmac_signature(v["method"], v["key"], v["message"]) == v["signature"]


HASH_TO_METHOD = {"SHA-1": "HMAC-SHA1", "SHA-256": "HMAC-SHA256", "SHA-512": "HMAC-SHA512"}


@pytest.mark.parametrize("v", VECTORS["body_hash"], ids=lambda v: repr(v["body"]))
def test_body_hash(v: dict[str, Any]) -> None:
    method = HASH_TO_METHOD[v["hash"]]
    assert oauth1.body_hash(v["body"], method) == v["oauth_body_hash"]
    assert oauth1.body_hash(v["body"].encode(), signature_method=method) == v["oauth_body_hash"]


def test_every_vector_section_is_run() -> None:
    tested = {"signing", "percent_encoding", "normalized_parameters", "base_string_uri", "hmac", "body_hash"}
    assert set(VECTORS) - {"format", "about"} == tested
