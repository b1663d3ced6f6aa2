"""The provider presets from Python: ``oauth1.provider()``, ``oauth1.providers()``,
``Signer(provider=...)`` (applied before the caller's options) and the sessions'
use of a preset's URLs, authorization parameters and required headers."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import oauth1

URL = "https://api.example.com/x?a=1"
FIXED = {"nonce": "abcdef0123456789", "timestamp": 1700000000}
NETSUITE = {"account": "1234567_sb1"}


def test_providers_lists_the_presets() -> None:
    names = oauth1.providers()
    assert {"netsuite", "jira", "x", "trello", "etrade", "discogs", "schoology"} <= set(names)
    assert len(names) == len(set(names))
    # Every name gives a preset (with its values where it needs some).
    values = {"netsuite": NETSUITE}
    for name in names:
        try:
            preset = oauth1.provider(name, values.get(name))
        except oauth1.InvalidOptionError as e:
            assert "needs a value for base_url" in str(e)
            preset = oauth1.provider(name, {"base_url": "https://h.example"})
        assert preset.name == name and preset.docs.startswith("https://")
        assert preset.signature_method in oauth1.SIGNATURE_METHODS


def test_netsuite_fills_its_account_into_the_realm_and_the_host() -> None:
    preset = oauth1.provider("NetSuite", NETSUITE)
    assert preset.realm == "1234567_SB1"
    assert preset.request_token_url == "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken"
    assert (preset.signature_method, preset.placement, preset.version) == ("HMAC-SHA256", "header", True)
    assert repr(preset) == "Provider(name='netsuite', signature_method='HMAC-SHA256', placement='header', realm='1234567_SB1')"


def test_a_signer_with_a_preset_signs_as_with_its_settings_given_by_hand() -> None:
    preset = oauth1.Signer("k", "s", "t", "ts", provider="netsuite", provider_values=NETSUITE)
    by_hand = oauth1.Signer("k", "s", "t", "ts", signature_method="HMAC-SHA256", realm="1234567_SB1")
    assert preset.authorization("GET", URL, **FIXED) == by_hand.authorization("GET", URL, **FIXED)
    # A Provider object does the same.
    given = oauth1.Signer("k", "s", "t", "ts", provider=oauth1.provider("netsuite", NETSUITE))
    assert given.authorization("GET", URL, **FIXED) == by_hand.authorization("GET", URL, **FIXED)


def test_the_callers_options_win_over_the_preset() -> None:
    signer = oauth1.Signer("k", "s", provider="netsuite", provider_values=NETSUITE, signature_method="HMAC-SHA1", realm="mine", placement="query")
    assert (signer.signature_method, signer.realm, signer.placement) == ("HMAC-SHA1", "mine", "query")


def test_the_preset_applies_to_every_signer_constructor(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "credentials.json"
    path.write_text(json.dumps({"consumer_key": "k", "consumer_secret": "s"}), encoding="utf-8")
    monkeypatch.setenv("OAUTH1_CONSUMER_KEY", "k")
    monkeypatch.setenv("OAUTH1_CONSUMER_SECRET", "s")
    preset: dict[str, Any] = {"provider": "netsuite", "provider_values": NETSUITE}
    signers = [
        oauth1.Signer("k", "s", **preset),
        oauth1.Signer.from_credentials(oauth1.Credentials("k", "s"), **preset),
        oauth1.Signer.from_file(path, **preset),
        oauth1.Signer.from_env(**preset),
    ]
    for signer in signers:
        assert (signer.signature_method, signer.realm) == ("HMAC-SHA256", "1234567_SB1")


def test_schoology_sends_an_empty_token_on_two_legged_calls() -> None:
    signed = oauth1.Signer("k", "s", provider="schoology").sign("GET", URL, **FIXED)
    assert ("oauth_token", "") in signed.params
    assert ("oauth_token", "") not in oauth1.Signer("k", "s").sign("GET", URL, **FIXED).params


def test_bad_provider_arguments() -> None:
    with pytest.raises(oauth1.UnknownProviderError, match="no-such-api.*netsuite"):
        oauth1.Signer("k", "s", provider="no-such-api")
    with pytest.raises(oauth1.InvalidOptionError, match="account"):
        oauth1.Signer("k", "s", provider="netsuite")
    with pytest.raises(oauth1.InvalidOptionError, match="already filled in"):
        oauth1.Signer("k", "s", provider=oauth1.provider("x"), provider_values={"a": "b"})
    with pytest.raises(TypeError, match="preset name"):
        oauth1.Signer("k", "s", provider=7)


def test_a_session_builds_the_presets_authorization_url() -> None:
    # E*TRADE names the token parameter "token" and wants the consumer key as "key".
    session = oauth1.OAuth1Session("ck", "cs", "temporary", "secret", provider="etrade")
    preset = oauth1.provider("etrade")
    assert session.authorization_url() == f"{preset.authorize_url}?token=temporary&key=ck"
    # Trello's defaults, one of them overridden by the caller.
    trello = oauth1.OAuth1Session("ck", "cs", "temporary", "secret", provider="trello")
    url = trello.authorization_url(scope="read,write")
    assert url == "https://trello.com/1/OAuthAuthorizeToken?oauth_token=temporary&expiration=30days&scope=read%2Cwrite"


def test_a_session_sends_the_presets_required_headers() -> None:
    assert oauth1.OAuth1Session("ck", "cs", provider="discogs").headers["User-Agent"] == "oauth1-core"
    named = oauth1.OAuth1Session("ck", "cs", provider="discogs", provider_values={"user_agent": "FooBarApp/3.0"})
    assert named.headers["User-Agent"] == "FooBarApp/3.0"
    assert named.signer.signature_method == "PLAINTEXT"


def test_a_session_takes_the_presets_callback() -> None:
    # E*TRADE accepts only oob.
    session = oauth1.OAuth1Session("ck", "cs", provider="etrade")
    assert session._oauth.flow.callback == "oob"


def test_an_async_session_sends_the_presets_required_headers_unless_given() -> None:
    session = oauth1.AsyncOAuth1Session("ck", "cs", provider="discogs")
    assert session.headers["User-Agent"] == "oauth1-core"
    mine = oauth1.AsyncOAuth1Session("ck", "cs", provider="discogs", headers={"User-Agent": "Mine/1.0"})
    assert mine.headers["User-Agent"] == "Mine/1.0"
