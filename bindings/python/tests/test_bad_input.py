"""Every case of tests/vectors/bad-input.json, through the public Python API.

The table is shared by every binding and the CLI: the same input must meet the same
error code everywhere (``error: null``: it must be accepted). Each case is its own
test, named ``section:case``.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional, Union

import pytest

import oauth1
from conftest import ROOT

TABLE_PATH = ROOT / "tests" / "vectors" / "bad-input.json"
with TABLE_PATH.open(encoding="utf-8") as f:
    TABLE: dict[str, Any] = json.load(f)

SECTIONS = ("sign", "verify", "nonce_store")
# What a case may say besides its inputs; anything else is a field this runner does
# not know, which must fail rather than be ignored.
CHECKS = {"name", "error", "parameters_absent", "parameters_rejected", "message_excludes"}
SIGNER_POSITIONAL = ("consumer_key", "consumer_secret", "token", "token_secret")
SIGNER_KEYWORDS = {"signature_method", "realm", "version", "body_hash", "clock_offset", "callback", "verifier", "placement"}
# The private key as PEM text, and how to read it: an oauth1.RsaPrivateKey.
SIGNER_KEY = {"private_key", "private_key_password", "allow_short_key"}
SIGN_REQUEST = {"method", "url", "body", "content_type", "nonce", "timestamp"}
VERIFY_REQUEST = {"method", "url", "authorization", "body", "content_type"}
VERIFY_OPTIONS = {
    "now",
    "max_skew",
    "signature_methods",
    "allow_plaintext_over_http",
    "require_timestamp",
    "require_body_hash",
    "hide_unknown_keys",
}


def known(mapping: dict[str, Any], allowed: set[str], what: str) -> dict[str, Any]:
    unknown = set(mapping) - allowed
    assert not unknown, f"{what} has fields this runner does not know: {sorted(unknown)}"
    return mapping


def run_sign(case: dict[str, Any]) -> object:
    known(case, CHECKS | {"signer", "request"}, "sign case")
    spec = known(dict(case["signer"]), set(SIGNER_POSITIONAL) | SIGNER_KEYWORDS | SIGNER_KEY, "signer")
    # A missing consumer_secret is passed as None, which only an RSA signer accepts.
    positional = [spec.pop(name, None) for name in SIGNER_POSITIONAL]
    key = {name: spec.pop(name) for name in SIGNER_KEY if name in spec}
    request = dict(known(case["request"], SIGN_REQUEST, "request"))
    method, url = request.pop("method"), request.pop("url")
    # Every step inside the check: the error may come from any. The timestamp goes
    # through sign()'s own int argument, so a negative one tests the binding's conversion.
    if key:
        spec["private_key"] = oauth1.RsaPrivateKey(
            key["private_key"], password=key.get("private_key_password"), allow_short_key=key.get("allow_short_key", False)
        )
    signer = oauth1.Signer(*positional, **spec)
    return signer.sign(method, url, **request)


class Server:
    """The lookup of a verify case whose consumer has an RSA public key or no secret,
    as the core's reference runner builds it: one consumer, and its token."""

    def __init__(self, secrets: dict[str, Any]) -> None:
        self.secrets = secrets
        key = secrets.get("rsa_public_key")
        self.registered = oauth1.Consumer(
            secrets.get("consumer_secret"),
            rsa_public_key=None if key is None else oauth1.RsaPublicKey(key),
            two_legged=not secrets.get("token"),
        )

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        return self.registered if consumer_key == self.secrets["consumer_key"] else None

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        if (consumer_key, token) != (self.secrets["consumer_key"], self.secrets.get("token")):
            return None
        return self.secrets.get("token_secret") or ""


def run_verify(case: dict[str, Any]) -> object:
    known(case, CHECKS | {"request", "secrets", "options"}, "verify case")
    secrets = known(case["secrets"], set(SIGNER_POSITIONAL) | {"rsa_public_key"}, "secrets")
    lookup: Union[oauth1.Credentials, Server]
    if "rsa_public_key" in secrets or "consumer_secret" not in secrets:
        lookup = Server(secrets)
    else:
        lookup = oauth1.Credentials(*[secrets.get(name) for name in SIGNER_POSITIONAL])
    request = dict(known(case["request"], VERIFY_REQUEST, "request"))
    options = known(case.get("options", {}), VERIFY_OPTIONS, "options")
    method, url = request.pop("method"), request.pop("url")
    return oauth1.verify(method, url, secrets=lookup, **request, **options)


def run_nonce_store(case: dict[str, Any]) -> object:
    known(case, CHECKS | {"capacity", "window"}, "nonce_store case")
    return oauth1.NonceStore(case["capacity"], case["window"])


RUNNERS: dict[str, Callable[[dict[str, Any]], object]] = {
    "sign": run_sign,
    "verify": run_verify,
    "nonce_store": run_nonce_store,
}
CASES = [(section, case) for section in SECTIONS for case in TABLE[section]]


def test_the_table_is_read_whole() -> None:
    assert TABLE["format"] == "oauth1-bad-input/1"
    assert set(TABLE) - {"format", "about"} == set(SECTIONS)
    names = [f"{section}:{case['name']}" for section, case in CASES]
    assert len(names) == len(set(names)), "case names must be unique within a section"
    assert all(TABLE[section] for section in SECTIONS)
    # Both outcomes are in the table, so the runner is seen to accept and to refuse.
    assert any(case["error"] is None for _, case in CASES)
    assert any(case["error"] is not None for _, case in CASES)
    # The RSA cases are read: keys, their options, RSA-only consumers.
    signers = [case["signer"] for section, case in CASES if section == "sign"]
    assert SIGNER_KEY <= {name for signer in signers for name in signer}
    assert any("private_key" in signer and "consumer_secret" not in signer for signer in signers)
    verify_secrets = [case["secrets"] for section, case in CASES if section == "verify"]
    assert any("rsa_public_key" in s and "consumer_secret" not in s for s in verify_secrets)


@pytest.mark.parametrize("section,case", CASES, ids=[f"{s}:{c['name']}" for s, c in CASES])
def test_bad_input(section: str, case: dict[str, Any]) -> None:
    run = RUNNERS[section]
    expected = case["error"]
    if expected is None:
        result = run(case)
        if section == "verify":
            assert isinstance(result, oauth1.Verified)
        return
    with pytest.raises(oauth1.Error) as info:
        run(case)
    err = info.value
    assert err.code == expected, f"{case['name']}: {type(err).__name__} {err.code!r}: {err}"
    # The class agrees with the instance (a VerificationError subclass per problem).
    assert type(err).code == err.code
    if isinstance(err, oauth1.VerificationError):
        assert err.problem == expected
    if "parameters_absent" in case:
        assert isinstance(err, oauth1.VerificationError)
        assert err.parameters_absent == case["parameters_absent"]
    if "parameters_rejected" in case:
        assert isinstance(err, oauth1.VerificationError)
        assert err.parameters_rejected == case["parameters_rejected"]
        names = "&".join(case["parameters_rejected"])
        assert f'oauth_parameters_rejected="{oauth1.percent_encode(names)}"' in err.www_authenticate()
    if "message_excludes" in case:
        for text in (str(err), repr(err), repr(err.args), err.message):
            assert case["message_excludes"] not in text
