"""oauth1.verify: accepted requests, each OAuth problem, secret sources, nonce store.

The holes of issue 13, each closed by default, are in test_verify_defaults.py.
"""

from __future__ import annotations

from typing import Optional

import pytest

import oauth1
from conftest import key_for

URL = "https://api.example.com/x?a=1&b=2"
NOW = 1_700_000_000
SIGNER = oauth1.Signer("ck", "cs", "tk", "ts")


def header(signer: oauth1.Signer = SIGNER, url: str = URL, method: str = "GET", nonce: str = "n1", timestamp: int = NOW) -> str:
    return signer.authorization(method, url, nonce=nonce, timestamp=timestamp)


def check(authorization: Optional[str], url: str = URL, method: str = "GET", **options: object) -> oauth1.Verified:
    options.setdefault("secrets", SIGNER)
    options.setdefault("now", NOW)
    return oauth1.verify(method, url, authorization=authorization, **options)  # type: ignore[arg-type]


def test_accepts_and_reports() -> None:
    ok = check(header(oauth1.Signer("ck", "cs", "tk", "ts", realm="api")))
    assert (ok.consumer_key, ok.token, ok.signature_method, ok.timestamp, ok.nonce) == ("ck", "tk", "HMAC-SHA1", NOW, "n1")
    assert (ok.realm, ok.placement, ok.body_hash_checked) == ("api", "header", False)
    assert ok.base_string == SIGNER.sign("GET", URL, nonce="n1", timestamp=NOW).base_string
    assert "cs" not in repr(ok) and repr(ok).startswith("Verified(consumer_key='ck'")


def problem(cls: type[oauth1.VerificationError], authorization: Optional[str], url: str = URL, method: str = "GET", **options: object) -> oauth1.VerificationError:
    with pytest.raises(cls) as info:
        check(authorization, url, method, **options)
    err = info.value
    assert type(err) is cls and isinstance(err, oauth1.VerificationError)
    assert err.code == err.problem == cls.problem == cls.code
    assert err.problem in oauth1.PROBLEMS
    assert err.www_authenticate().startswith(f'OAuth oauth_problem="{err.problem}"')
    return err


def test_signature_invalid_on_tampering() -> None:
    auth = header()
    e = problem(oauth1.SignatureInvalidError, auth, url=URL.replace("a=1", "a=2"))
    assert e.base_string is not None and "a%3D2" in e.base_string
    problem(oauth1.SignatureInvalidError, auth, method="POST")
    problem(oauth1.SignatureInvalidError, auth, url="https://api.example.com/y?a=1&b=2")
    problem(oauth1.SignatureInvalidError, auth, secrets=oauth1.Credentials("ck", "other", "tk", "ts"))
    form = "application/x-www-form-urlencoded"
    signed = SIGNER.sign("POST", URL, body="c=3", content_type=form, nonce="n", timestamp=NOW)
    check(signed.authorization, method="POST", body=b"c=3", content_type=form)
    problem(oauth1.SignatureInvalidError, signed.authorization, method="POST", body="c=4", content_type=form)


def test_timestamp_refused_and_clock_offset() -> None:
    e = problem(oauth1.TimestampRefusedError, header(timestamp=NOW - 1000))
    assert e.acceptable_timestamps == (NOW - 300, NOW + 300)
    answer = e.www_authenticate(realm="api")
    assert answer == f'OAuth realm="api", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="{NOW - 300}-{NOW + 300}"'
    # The client turns the answer into a clock offset and signs again.
    client_now = NOW - 1000
    offset = oauth1.clock_offset_from_problem(answer, now=client_now)
    assert offset == 1000
    assert oauth1.clock_offset_from_problem(f"oauth_problem=timestamp_refused&oauth_acceptable_timestamps={NOW}-{NOW}", client_now) == 1000
    check(header(timestamp=client_now + offset))
    check(header(timestamp=NOW - 1000), max_skew=1000)
    assert abs(oauth1.clock_offset_from_problem(answer)) < NOW  # defaults to the system clock


def test_nonce_store() -> None:
    store = oauth1.NonceStore()
    assert len(store) == 0
    auth = header(nonce="once")
    check(auth, nonce_store=store)
    assert len(store) == 1 and repr(store) == "NonceStore(len=1, capacity=100000, window=300, evicted=0)"
    assert (store.capacity, store.window, store.evicted) == (100_000, 300, 0)
    problem(oauth1.NonceUsedError, auth, nonce_store=store)
    check(header(nonce="twice"), nonce_store=store)
    check(auth)  # without a store, replays are not detected


def test_parameter_absent() -> None:
    e = problem(oauth1.ParameterAbsentError, None)
    assert set(e.parameters_absent) >= {"oauth_consumer_key", "oauth_signature"}
    assert "oauth_parameters_absent=" in e.www_authenticate()
    partial = 'OAuth oauth_consumer_key="ck", oauth_signature_method="HMAC-SHA1", oauth_signature="x"'
    e = problem(oauth1.ParameterAbsentError, partial)
    assert e.parameters_absent == ["oauth_timestamp", "oauth_nonce"]


def test_parameter_rejected_version_method_keys() -> None:
    auth = header()
    # Protocol parameters in two places.
    problem(oauth1.ParameterRejectedError, auth, url=URL + "&oauth_nonce=x")
    problem(oauth1.VersionRejectedError, auth.replace('oauth_version="1.0"', 'oauth_version="2.0"'))
    problem(oauth1.SignatureMethodRejectedError, auth.replace("HMAC-SHA1", "RSA-SHA1"))
    problem(oauth1.SignatureMethodRejectedError, auth, signature_methods=["HMAC-SHA256"])
    check(auth, signature_methods=["hmac-sha1", "PLAINTEXT"])
    check(auth, signature_methods=("HMAC-SHA1",))
    problem(oauth1.ConsumerKeyUnknownError, header(oauth1.Signer("other", "cs", "tk", "ts")))
    problem(oauth1.TokenRejectedError, header(oauth1.Signer("ck", "cs", "other", "ts")))


def test_malformed_header_is_parameter_rejected() -> None:
    with pytest.raises(oauth1.MalformedHeaderError) as info:
        check('OAuth oauth_consumer_key="ck", oauth_consumer_key="ck"')
    assert info.value.problem == "parameter_rejected"


CONSUMERS = {"ck": oauth1.Consumer("cs"), "ck2": oauth1.Consumer("cs2", two_legged=True)}
TOKENS = {("ck", "tk"): "ts", ("ck2", "tk2"): "ts2"}


class Store:
    """A multi-tenant lookup: consumers and tokens answered separately."""

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        return CONSUMERS.get(consumer_key)

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        return TOKENS.get((consumer_key, token))


def test_consumer() -> None:
    assert oauth1.Consumer("cs").two_legged is False
    assert oauth1.Consumer("cs", two_legged=True).two_legged is True
    assert repr(oauth1.Consumer("my-secret")) == "Consumer(secret='***', rsa_public_key=None, two_legged=False)"
    assert repr(oauth1.Consumer("my-secret", two_legged=True)) == "Consumer(secret='***', rsa_public_key=None, two_legged=True)"
    assert not hasattr(oauth1.Consumer("cs"), "secret")


@pytest.mark.parametrize("secrets", [Store(), SIGNER, SIGNER.credentials], ids=["object", "signer", "credentials"])
def test_secret_sources(secrets: object) -> None:
    check(header(), secrets=secrets)
    problem(oauth1.ConsumerKeyUnknownError, header(oauth1.Signer("nobody", "cs", "tk", "ts")), secrets=secrets)
    problem(oauth1.TokenRejectedError, header(oauth1.Signer("ck", "cs", "tk2", "ts2")), secrets=secrets)
    # Every source refuses a token-less request from a consumer that must send a token.
    e = problem(oauth1.ParameterAbsentError, header(oauth1.Signer("ck", "cs")), secrets=secrets)
    assert e.parameters_absent == ["oauth_token"]


def test_multi_tenant_and_two_legged() -> None:
    check(header(oauth1.Signer("ck2", "cs2", "tk2", "ts2")), secrets=Store())
    ok = check(header(oauth1.Signer("ck2", "cs2")), secrets=Store())
    assert ok.token is None and ok.consumer_key == "ck2"
    problem(oauth1.SignatureInvalidError, header(oauth1.Signer("ck2", "wrong")), secrets=Store())


@pytest.mark.parametrize("method", oauth1.SIGNATURE_METHODS)
def test_every_signature_method_and_placement(method: str) -> None:
    for placement in ("header", "query", "body"):
        signer = oauth1.Signer("ck", "cs", "tk", "ts", signature_method=method, placement=placement, private_key=key_for(method))
        form = "application/x-www-form-urlencoded"
        signed = signer.sign("POST", URL, body="z=9", content_type=form, nonce="n", timestamp=NOW)
        ok = oauth1.verify(
            "POST",
            signed.signed_url or URL,
            authorization=signed.authorization if placement == "header" else None,
            body=signed.signed_body or b"z=9",
            content_type=form,
            secrets=signer,
            now=NOW,
            signature_methods=oauth1.SIGNATURE_METHODS,
        )
        assert (ok.signature_method, ok.placement) == (method, placement)


def test_www_authenticate_of_a_constructed_error() -> None:
    e = oauth1.TimestampRefusedError("late", acceptable_timestamps=(1, 2))
    assert e.www_authenticate() == 'OAuth oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1-2"'
    assert e.reason == "late"
