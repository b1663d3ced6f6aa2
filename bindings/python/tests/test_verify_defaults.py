"""The verification holes of issue 13, each closed by default, and the options that
relax them: realm outside the header is signed, token-less requests need a two-legged
consumer, PLAINTEXT is opt-in and https-only, timestamp and nonce are required, a
nonce flood from one consumer costs only that consumer, a body hash can be required,
and unknown keys can be hidden. Each test here fails against the bindings before the fix.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest

import oauth1

NOW = 1_700_000_000
URL = "https://api.example.com/x?a=1"
FORM = "application/x-www-form-urlencoded"
SIGNER = oauth1.Signer("ck", "cs", "tk", "ts")


def verify(authorization: Optional[str], url: str = URL, method: str = "GET", **options: Any) -> oauth1.Verified:
    options.setdefault("secrets", SIGNER)
    options.setdefault("now", NOW)
    return oauth1.verify(method, url, authorization=authorization, **options)


def refused(cls: type[oauth1.VerificationError], authorization: Optional[str], url: str = URL, method: str = "GET", **options: Any) -> oauth1.VerificationError:
    with pytest.raises(cls) as info:
        verify(authorization, url, method, **options)
    assert type(info.value) is cls
    return info.value


class Lookup:
    """A server's lookup: a consumer registry and a token registry."""

    def __init__(self, consumers: dict[str, oauth1.Consumer], tokens: dict[tuple[str, str], str]) -> None:
        self.consumers, self.tokens = consumers, tokens
        self.asked: list[tuple[str, ...]] = []

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        self.asked.append(("consumer", consumer_key))
        return self.consumers.get(consumer_key)

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        self.asked.append(("token_secret", consumer_key, token))
        return self.tokens.get((consumer_key, token))


class CarelessLookup:
    """Answers the token question without looking at the token, as a server that keeps
    one secret per consumer might: that must not let token-less requests in."""

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        return oauth1.Consumer("cs") if consumer_key == "ck" else None

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        return "ts"


# realm outside the Authorization header -------------------------------------------


def test_realm_in_the_query_is_signed_and_cannot_be_changed() -> None:
    url = "https://api.example.com/x?realm=alice&a=1"
    signed = SIGNER.sign("GET", url, nonce="n", timestamp=NOW)
    assert "realm%3Dalice" in signed.base_string
    assert verify(signed.authorization, url).realm is None  # not the header's realm
    e = refused(oauth1.SignatureInvalidError, signed.authorization, url.replace("alice", "mallory"))
    assert e.base_string is not None and "realm%3Dmallory" in e.base_string
    refused(oauth1.SignatureInvalidError, signed.authorization, "https://api.example.com/x?a=1")


def test_realm_in_a_form_body_is_signed_and_cannot_be_changed() -> None:
    signed = SIGNER.sign("POST", URL, body="realm=alice&b=2", content_type=FORM, nonce="n", timestamp=NOW)
    assert "realm%3Dalice" in signed.base_string
    verify(signed.authorization, method="POST", body="realm=alice&b=2", content_type=FORM)
    refused(oauth1.SignatureInvalidError, signed.authorization, method="POST", body="realm=mallory&b=2", content_type=FORM)


def test_realm_in_the_header_stays_unsigned() -> None:
    signed = oauth1.Signer("ck", "cs", "tk", "ts", realm="Photos").sign("GET", URL, nonce="n", timestamp=NOW)
    assert "realm" not in signed.base_string
    assert verify(signed.authorization).realm == "Photos"


# token-less requests ---------------------------------------------------------------


TOKENLESS = oauth1.Signer("ck", "cs").authorization("GET", URL, nonce="n", timestamp=NOW)


@pytest.mark.parametrize("secrets", [SIGNER, SIGNER.credentials, oauth1.Credentials("ck", "cs", "tk", "ts")], ids=["signer", "signer.credentials", "credentials"])
def test_token_less_request_refused_by_server_credentials_with_a_token(secrets: object) -> None:
    e = refused(oauth1.ParameterAbsentError, TOKENLESS, secrets=secrets)
    assert e.parameters_absent == ["oauth_token"]
    assert 'oauth_parameters_absent="oauth_token"' in e.www_authenticate()


def test_token_less_request_accepted_by_credentials_without_a_token() -> None:
    for secrets in (oauth1.Credentials("ck", "cs"), oauth1.Signer("ck", "cs")):
        assert verify(TOKENLESS, secrets=secrets).token is None
        # ... which in turn accept no token at all.
        refused(oauth1.TokenRejectedError, SIGNER.authorization("GET", URL, nonce="n", timestamp=NOW), secrets=secrets)


def test_token_less_request_needs_a_two_legged_consumer() -> None:
    tokens = {("ck", "tk"): "ts"}
    three_legged = Lookup({"ck": oauth1.Consumer("cs")}, tokens)
    e = refused(oauth1.ParameterAbsentError, TOKENLESS, secrets=three_legged)
    assert e.parameters_absent == ["oauth_token"]
    two_legged = Lookup({"ck": oauth1.Consumer("cs", two_legged=True)}, tokens)
    ok = verify(TOKENLESS, secrets=two_legged)
    assert (ok.consumer_key, ok.token) == ("ck", None)
    assert two_legged.asked == [("consumer", "ck")]  # no token, so no token question
    # A two-legged consumer still signs requests with tokens, checked as usual.
    assert verify(SIGNER.authorization("GET", URL, nonce="n", timestamp=NOW), secrets=two_legged).token == "tk"
    # A token-less request signed with the wrong consumer secret is still refused first.
    wrong = oauth1.Signer("ck", "other").authorization("GET", URL, nonce="n", timestamp=NOW)
    refused(oauth1.SignatureInvalidError, wrong, secrets=three_legged)


def test_a_lookup_that_ignores_the_token_does_not_let_token_less_requests_in() -> None:
    e = refused(oauth1.ParameterAbsentError, TOKENLESS, secrets=CarelessLookup())
    assert e.parameters_absent == ["oauth_token"]
    assert verify(SIGNER.authorization("GET", URL, nonce="n", timestamp=NOW), secrets=CarelessLookup()).token == "tk"


# PLAINTEXT --------------------------------------------------------------------------


PLAINTEXT = oauth1.Signer("ck", "cs", "tk", "ts", signature_method="PLAINTEXT")
HTTP_URL = URL.replace("https:", "http:")


def test_plaintext_refused_by_default() -> None:
    auth = PLAINTEXT.authorization("GET", URL, nonce="n", timestamp=NOW)
    refused(oauth1.SignatureMethodRejectedError, auth)
    ok = verify(auth, signature_methods=["HMAC-SHA1", "PLAINTEXT"])
    assert ok.signature_method == "PLAINTEXT"


def test_plaintext_refused_over_http_even_when_named() -> None:
    auth = PLAINTEXT.authorization("GET", HTTP_URL, nonce="n", timestamp=NOW)
    e = refused(oauth1.SignatureMethodRejectedError, auth, HTTP_URL, signature_methods=["PLAINTEXT"])
    assert "https" in e.reason
    refused(oauth1.SignatureMethodRejectedError, auth, HTTP_URL, allow_plaintext_over_http=True)  # not named
    ok = verify(auth, HTTP_URL, signature_methods=["PLAINTEXT"], allow_plaintext_over_http=True)
    assert ok.signature_method == "PLAINTEXT"


def test_default_methods_are_the_hmac_ones() -> None:
    for method in ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"):
        signer = oauth1.Signer("ck", "cs", "tk", "ts", signature_method=method)
        assert verify(signer.authorization("GET", URL, nonce="n", timestamp=NOW)).signature_method == method


# timestamp and nonce ----------------------------------------------------------------


def test_missing_timestamp_and_nonce_refused_for_every_method() -> None:
    bare = 'OAuth oauth_consumer_key="ck", oauth_token="tk", oauth_signature_method="PLAINTEXT", oauth_signature="cs%26ts"'
    e = refused(oauth1.ParameterAbsentError, bare, signature_methods=["PLAINTEXT"])
    assert e.parameters_absent == ["oauth_timestamp", "oauth_nonce"]
    ok = verify(bare, signature_methods=["PLAINTEXT"], require_timestamp=False)
    assert (ok.timestamp, ok.nonce) == (None, None)
    # Only the nonce, or only the timestamp, missing.
    refused(oauth1.ParameterAbsentError, bare + ', oauth_timestamp="1700000000"', signature_methods=["PLAINTEXT"])
    refused(oauth1.ParameterAbsentError, bare + ', oauth_nonce="n"', signature_methods=["PLAINTEXT"])
    # HMAC requests need both whatever the option says.
    signed = SIGNER.authorization("GET", URL, nonce="n", timestamp=NOW)
    without = ", ".join(p for p in signed.split(", ") if not p.startswith("oauth_timestamp="))
    e = refused(oauth1.ParameterAbsentError, without, require_timestamp=False)
    assert e.parameters_absent == ["oauth_timestamp"]


# nonce floods -----------------------------------------------------------------------


def test_a_nonce_flood_from_one_consumer_does_not_refuse_another() -> None:
    lookup = Lookup(
        {"flooder": oauth1.Consumer("fs", two_legged=True), "honest": oauth1.Consumer("hs", two_legged=True)}, {}
    )
    flooder, honest = oauth1.Signer("flooder", "fs"), oauth1.Signer("honest", "hs")
    store = oauth1.NonceStore(capacity=100)
    max_skew = 300
    # The flooder signs at the far edge of the window, where an evicted entry used to
    # make the advertised window inverted.
    edge = NOW + max_skew
    accepted = refusals = 0
    for i in range(1000):
        auth = flooder.authorization("GET", URL, nonce=f"flood{i}", timestamp=edge)
        try:
            verify(auth, secrets=lookup, nonce_store=store, max_skew=max_skew)
            accepted += 1
        except oauth1.TimestampRefusedError as e:
            refusals += 1
            window = e.acceptable_timestamps
            assert window is None or window[0] <= window[1], window
            if window is not None:
                low, high = window
                assert f'oauth_acceptable_timestamps="{low}-{high}"' in e.www_authenticate()
            else:
                assert "oauth_acceptable_timestamps" not in e.www_authenticate()
    assert accepted >= 1 and refusals >= 1, (accepted, refusals)  # the flood did fill the store
    assert len(store) <= store.capacity == 100
    assert store.evicted >= 1
    # Another consumer's fresh requests, at the same timestamp and at the current
    # time, are accepted.
    for i, timestamp in enumerate((edge, NOW, NOW - max_skew)):
        auth = honest.authorization("GET", URL, nonce=f"fresh{i}", timestamp=timestamp)
        assert verify(auth, secrets=lookup, nonce_store=store, max_skew=max_skew).consumer_key == "honest"
    # And a replay of one of them is still caught.
    replay = honest.authorization("GET", URL, nonce="fresh1", timestamp=NOW)
    refused(oauth1.NonceUsedError, replay, secrets=lookup, nonce_store=store, max_skew=max_skew)


def test_nonce_store_options_and_fullness() -> None:
    for capacity, window in ((0, 300), (10, 0)):
        with pytest.raises(oauth1.InvalidOptionError) as info:
            oauth1.NonceStore(capacity, window)
        assert info.value.code == "invalid_option"
    store = oauth1.NonceStore(capacity=2, window=60)
    assert (len(store), store.capacity, store.window, store.evicted) == (0, 2, 60, 0)
    for i in range(3):
        try:
            verify(SIGNER.authorization("GET", URL, nonce=f"n{i}", timestamp=NOW), nonce_store=store)
        except oauth1.TimestampRefusedError:
            pass
    assert len(store) < 3 and store.evicted == 1


# body hash --------------------------------------------------------------------------


JSON_BODY = b'{"a":1}'


def test_body_hash_can_be_required() -> None:
    plain = SIGNER.authorization("POST", URL, body=JSON_BODY, content_type="application/json", nonce="n", timestamp=NOW)
    ok = verify(plain, method="POST", body=JSON_BODY, content_type="application/json")
    assert ok.body_hash_checked is False
    e = refused(oauth1.ParameterAbsentError, plain, method="POST", body=JSON_BODY, content_type="application/json", require_body_hash=True)
    assert e.parameters_absent == ["oauth_body_hash"]

    hashing = oauth1.Signer("ck", "cs", "tk", "ts", body_hash=True)
    hashed = hashing.authorization("POST", URL, body=JSON_BODY, content_type="application/json", nonce="n", timestamp=NOW)
    ok = verify(hashed, method="POST", body=JSON_BODY, content_type="application/json", require_body_hash=True)
    assert ok.body_hash_checked is True
    assert verify(hashed, method="POST", body=JSON_BODY, content_type="application/json").body_hash_checked is True
    refused(oauth1.SignatureInvalidError, hashed, method="POST", body=b'{"a":2}', content_type="application/json", require_body_hash=True)
    # Form bodies are signed pair by pair and never carry a body hash.
    form = SIGNER.authorization("POST", URL, body="b=2", content_type=FORM, nonce="n", timestamp=NOW)
    assert verify(form, method="POST", body="b=2", content_type=FORM, require_body_hash=True).body_hash_checked is False


# hiding unknown keys ----------------------------------------------------------------


def test_hide_unknown_keys() -> None:
    unknown_key = oauth1.Signer("nobody", "cs", "tk", "ts").authorization("GET", URL, nonce="n", timestamp=NOW)
    unknown_token = oauth1.Signer("ck", "cs", "other", "ts").authorization("GET", URL, nonce="n", timestamp=NOW)
    refused(oauth1.ConsumerKeyUnknownError, unknown_key)
    refused(oauth1.TokenRejectedError, unknown_token)
    for auth in (unknown_key, unknown_token):
        e = refused(oauth1.SignatureInvalidError, auth, hide_unknown_keys=True)
        assert "nobody" not in e.reason and "other" not in e.reason
    good = SIGNER.authorization("GET", URL, nonce="n", timestamp=NOW)
    assert verify(good, hide_unknown_keys=True).token == "tk"
    refused(oauth1.SignatureInvalidError, good.replace('oauth_nonce="n"', 'oauth_nonce="m"'), hide_unknown_keys=True)


# options ----------------------------------------------------------------------------


def test_options_left_out_are_the_core_defaults() -> None:
    good = SIGNER.authorization("GET", URL, nonce="n", timestamp=NOW)
    explicit_defaults = {
        "max_skew": None,
        "nonce_store": None,
        "signature_methods": None,
        "allow_plaintext_over_http": None,
        "require_timestamp": None,
        "require_body_hash": None,
        "hide_unknown_keys": None,
    }
    assert verify(good, **explicit_defaults).base_string == verify(good).base_string
    e = refused(oauth1.TimestampRefusedError, good, now=NOW + 301, max_skew=None)
    assert e.acceptable_timestamps == (NOW + 1, NOW + 601)
    verify(good, now=NOW + 301, max_skew=301)


def test_option_values_judged_by_the_core() -> None:
    good = SIGNER.authorization("GET", URL, nonce="n", timestamp=NOW)
    with pytest.raises(oauth1.InvalidOptionError):
        verify(good, signature_methods=[])
    with pytest.raises(oauth1.InvalidTimestampError):
        verify(good, now=-1)
    with pytest.raises(oauth1.UnknownSignatureMethodError):
        verify(good, signature_methods=["RSA-MD5"])


def test_parameters_rejected_and_bounded_base_string() -> None:
    query = "&".join(f"oauth_{n}=x" for n in ("consumer_key", "signature_method", "timestamp", "token"))
    e = refused(oauth1.ParameterRejectedError, None, URL + "&oauth_nonce=%FF&oauth_signature=s&" + query)
    assert e.parameters_rejected == ["oauth_nonce"]
    assert 'oauth_parameters_rejected="oauth_nonce"' in e.www_authenticate()
    again = oauth1.ParameterRejectedError("x", parameters_rejected=["oauth_token"])
    assert again.www_authenticate() == 'OAuth oauth_problem="parameter_rejected", oauth_parameters_rejected="oauth_token"'
    # The base string on a rejection is for the server's logs, cut to 8 KiB.
    long_url = URL + "&big=" + "y" * 20_000
    auth = SIGNER.authorization("GET", long_url, nonce="n", timestamp=NOW)
    e = refused(oauth1.SignatureInvalidError, auth, long_url + "z")
    assert e.base_string is not None
    assert len(e.base_string) == 8 * 1024 and e.base_string.endswith("...[cut]")
    assert len(verify(auth, long_url).base_string) > 20_000  # an accepted one is whole
