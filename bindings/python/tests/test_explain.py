"""Signer.explain: every step of a signature, for debugging a 401."""

from __future__ import annotations

import oauth1


def make(**options: object) -> oauth1.Signer:
    return oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret", **options)  # type: ignore[arg-type]


def test_explain() -> None:
    signer = make(realm="r")
    e = signer.explain("get", "HTTPS://H.example:443/x?q=a+b", nonce="n", timestamp=1)
    assert e.base_string_uri == "https://h.example/x"
    assert any("443" in c for c in e.uri_changes)
    assert any("+" in w for w in e.warnings)
    assert e.masked_key == "<consumer secret>&<token secret>"
    assert e.signed.signature == signer.sign("get", "HTTPS://H.example:443/x?q=a+b", nonce="n", timestamp=1).signature
    sources = {(p.source, p.name) for p in e.params}
    assert ("query", "q") in sources and ("protocol", "oauth_nonce") in sources
    q = next(p for p in e.params if p.name == "q")
    assert (q.value, q.encoded_name, q.encoded_value) == ("a b", "q", "a%20b")
    assert e.normalized_parameters.startswith("oauth_consumer_key=app-key&")
    assert "app-secret" not in repr(e) + repr(e.params) + repr(e.signed)


def test_explain_form_body_and_warnings() -> None:
    e = make().explain(
        "POST", "http://h.example:80/p", body='{"a": 1}', content_type="application/x-www-form-urlencoded", timestamp=1_700_000_000_000
    )
    assert {p.source for p in e.params} == {"body", "protocol"}
    assert any("JSON" in w for w in e.warnings)
    assert any("milliseconds" in w for w in e.warnings)
    two_legged = oauth1.Signer("k", "s").explain("GET", "https://h.example/")
    assert two_legged.masked_key == "<consumer secret>&"
    assert two_legged.warnings == [] and two_legged.uri_changes == []
