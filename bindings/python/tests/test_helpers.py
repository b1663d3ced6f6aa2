"""The building blocks: nonce, header parsing, form detection, constants.

(percent_encode, base_string_uri, normalized_parameters, hmac_signature and body_hash
are run on every public vector in test_vectors.py.)
"""

from __future__ import annotations

import pytest

import oauth1


def test_generate_nonce() -> None:
    nonces = {oauth1.generate_nonce() for _ in range(200)}
    assert len(nonces) == 200
    assert all(len(n) == 32 and n.isascii() and n.isalnum() for n in nonces)


def test_parse_authorization_header() -> None:
    pairs = oauth1.parse_authorization_header(
        'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_signature="r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D"'
    )
    assert pairs == [
        ("realm", "Example"),
        ("oauth_consumer_key", "9djdj82h48djs9d2"),
        ("oauth_signature", "r6/TJjbCOr97/+UU0NsvSne7s5g="),
    ]
    signed = oauth1.Signer("k", "s", realm="r").sign("GET", "https://h/", nonce="n", timestamp=1)
    assert oauth1.parse_authorization_header(signed.authorization) == [("realm", "r"), *signed.params]
    with pytest.raises(oauth1.MalformedHeaderError):
        oauth1.parse_authorization_header('OAuth a="1", a="2"')


@pytest.mark.parametrize(
    "content_type,form",
    [
        ("application/x-www-form-urlencoded", True),
        ("Application/X-WWW-Form-URLEncoded; charset=UTF-8", True),
        ("application/json", False),
        ("application/x-www-form-urlencodedx", False),
        (None, False),
    ],
)
def test_is_form_content_type(content_type: str, form: bool) -> None:
    assert oauth1.is_form_content_type(content_type) is form


def test_constants() -> None:
    assert oauth1.SIGNATURE_METHODS == ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512")
    assert "signature_invalid" in oauth1.PROBLEMS and "timestamp_refused" in oauth1.PROBLEMS
    assert len(oauth1.PROBLEMS) == 9


def test_hmac_signature_rejects_plaintext() -> None:
    with pytest.raises(oauth1.InvalidOptionError):
        oauth1.hmac_signature("PLAINTEXT", "k", "m")


def test_public_names() -> None:
    assert sorted(oauth1.__all__) == sorted(set(oauth1.__all__))
    for name in oauth1.__all__:
        assert getattr(oauth1, name) is not None
        obj = getattr(oauth1, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
