"""Credentials from arguments, the environment and JSON files (LivePerson names too)."""

from __future__ import annotations

import json
import pathlib

import pytest

import oauth1

URL = "https://h.example/x"


def _sig(signer: oauth1.Signer) -> str:
    return signer.sign("GET", URL, nonce="n", timestamp=1).signature


REFERENCE = _sig(oauth1.Signer("k", "s", "t", "ts"))


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in oauth1.ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_env_vars_constant() -> None:
    assert oauth1.ENV_VARS == ("OAUTH1_CONSUMER_KEY", "OAUTH1_CONSUMER_SECRET", "OAUTH1_TOKEN", "OAUTH1_TOKEN_SECRET")


def test_from_env(env: pytest.MonkeyPatch) -> None:
    for name, value in zip(oauth1.ENV_VARS, ("k", "s", "t", "ts")):
        env.setenv(name, value)
    signer = oauth1.Signer.from_env(realm="r")
    assert signer.realm == "r" and signer.token == "t"
    assert _sig(signer) == REFERENCE
    creds = oauth1.Credentials.from_env()
    assert (creds.consumer_key, creds.token) == ("k", "t")


def test_from_env_missing(env: pytest.MonkeyPatch) -> None:
    env.setenv("OAUTH1_CONSUMER_KEY", "k")
    with pytest.raises(oauth1.CredentialsSourceError) as e:
        oauth1.Signer.from_env()
    assert e.value.code == "credentials_source"
    assert "OAUTH1_CONSUMER_SECRET" in str(e.value)


@pytest.mark.parametrize(
    "document",
    [
        {"consumer_key": "k", "consumer_secret": "s", "token": "t", "token_secret": "ts"},
        {"appKey": "k", "secret": "s", "accessToken": "t", "accessTokenSecret": "ts"},
    ],
    ids=["snake_case", "liveperson"],
)
def test_from_file(tmp_path: pathlib.Path, document: dict[str, str]) -> None:
    path = tmp_path / "creds.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert _sig(oauth1.Signer.from_file(path)) == REFERENCE
    assert _sig(oauth1.Signer.from_file(str(path), signature_method="HMAC-SHA1")) == REFERENCE
    assert oauth1.Credentials.from_file(path).token == "t"


def test_from_file_errors(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(oauth1.CredentialsSourceError) as e:
        oauth1.Signer.from_file(missing)
    assert str(missing) in str(e.value)
    bad = tmp_path / "bad.json"
    bad.write_text('{"appKey": "k", "secret": ', encoding="utf-8")
    with pytest.raises(oauth1.CredentialsSourceError):
        oauth1.Signer.from_file(bad)
    leaky = tmp_path / "leaky.json"
    leaky.write_text('{"appKey": "k", "secret": 12345}', encoding="utf-8")
    with pytest.raises(oauth1.CredentialsSourceError) as e:
        oauth1.Credentials.from_file(leaky)
    assert "12345" not in str(e.value)
    with pytest.raises(TypeError):
        oauth1.Signer.from_file(None)  # type: ignore[arg-type]


def test_credentials_repr_hides_secrets() -> None:
    creds = oauth1.Credentials("k", "consumer-secret", "t", "token-secret")
    assert repr(creds) == "Credentials(consumer_key='k', consumer_secret='***', token='t', token_secret='***')"
    assert repr(oauth1.Credentials("k", "s")) == "Credentials(consumer_key='k', consumer_secret='***', token=None, token_secret=None)"


def test_empty_consumer_secret_that_is_set_counts_as_given(env: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    # RFC 5849 section 3.4.2: the key is then "&" followed by the token secret.
    expected = _sig(oauth1.Signer("k", "", "t", "ts"))
    assert expected != REFERENCE
    env.setenv("OAUTH1_CONSUMER_KEY", "k")
    env.setenv("OAUTH1_TOKEN", "t")
    env.setenv("OAUTH1_TOKEN_SECRET", "ts")
    with pytest.raises(oauth1.CredentialsSourceError, match="OAUTH1_CONSUMER_SECRET"):
        oauth1.Signer.from_env()  # not set at all
    env.setenv("OAUTH1_CONSUMER_SECRET", "")
    assert _sig(oauth1.Signer.from_env()) == expected
    assert oauth1.Credentials.from_env().consumer_key == "k"
    path = tmp_path / "creds.json"
    path.write_text(json.dumps({"appKey": "k", "secret": "", "accessToken": "t", "accessTokenSecret": "ts"}), encoding="utf-8")
    assert _sig(oauth1.Signer.from_file(path)) == expected
    path.write_text(json.dumps({"appKey": "k", "accessToken": "t", "accessTokenSecret": "ts"}), encoding="utf-8")
    with pytest.raises(oauth1.CredentialsSourceError):
        oauth1.Signer.from_file(path)


def test_credentials_file_that_is_not_utf8(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "creds.json"
    path.write_bytes(b'{"appKey": "k", "secret": "\xff\xfe"}')
    with pytest.raises(oauth1.CredentialsSourceError) as e:
        oauth1.Credentials.from_file(path)
    assert "UTF-8" in str(e.value) and "\\xff" not in str(e.value)
