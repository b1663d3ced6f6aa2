"""Code written for requests-oauthlib moves to ``oauth1.OAuth1Session`` by changing its
import: requests-oauthlib's documented workflow runs with each, against the same real
providers, and every value it handles has the same shape."""

from __future__ import annotations

from typing import Any, Dict

import pytest
import requests
import requests_oauthlib

import oauth1
from provider import CONSUMER_KEY, CONSUMER_SECRET, OauthlibProvider, OwnProvider, Provider

# requests-oauthlib's "OAuth 1 Workflow" (docs/oauth1_workflow.rst), as an
# application runs it: three sessions, the temporary and the token credentials passed
# from one to the next.
WORKFLOW = """
from requests_oauthlib import OAuth1Session

oauth = OAuth1Session(client_key, client_secret=client_secret, callback_uri=callback_uri)
fetch_response = oauth.fetch_request_token(request_token_url)
resource_owner_key = fetch_response.get("oauth_token")
resource_owner_secret = fetch_response.get("oauth_token_secret")
seen["after_request_token"] = (oauth.token, oauth.authorized)

authorization_url = oauth.authorization_url(base_authorization_url)
redirect_response = approve(authorization_url)
oauth_response = oauth.parse_authorization_response(redirect_response)
verifier = oauth_response.get("oauth_verifier")

oauth = OAuth1Session(
    client_key,
    client_secret=client_secret,
    resource_owner_key=resource_owner_key,
    resource_owner_secret=resource_owner_secret,
    verifier=verifier,
)
seen["before_access_token"] = (oauth.token, oauth.authorized)
oauth_tokens = oauth.fetch_access_token(access_token_url)
resource_owner_key = oauth_tokens.get("oauth_token")
resource_owner_secret = oauth_tokens.get("oauth_token_secret")

oauth = OAuth1Session(
    client_key,
    client_secret=client_secret,
    resource_owner_key=resource_owner_key,
    resource_owner_secret=resource_owner_secret,
)
r = oauth.get(protected_url)
seen["resource"] = r.status_code
"""
MOVED = WORKFLOW.replace("from requests_oauthlib import OAuth1Session", "from oauth1 import OAuth1Session")
CALLBACK = "https://client.example/callback?state=s1"


def approve(url: str) -> str:
    page = requests.get(url, allow_redirects=False, timeout=10)
    assert page.status_code == 302, page.text
    return str(page.headers["Location"])


def run(script: str, provider: Provider) -> Dict[str, Any]:
    namespace: Dict[str, Any] = dict(
        client_key=CONSUMER_KEY,
        client_secret=CONSUMER_SECRET,
        callback_uri=CALLBACK,
        request_token_url=provider.request_token_url,
        base_authorization_url=provider.authorize_url,
        access_token_url=provider.access_token_url,
        protected_url=provider.resource_url,
        approve=approve,
        seen={},
    )
    exec(compile(script, "<workflow>", "exec"), namespace)
    return namespace


def shape(value: Any) -> Any:
    """Types and keys, not values: the tokens differ from run to run."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(shape(v) for v in value)
    if isinstance(value, (bool, int)):
        return value
    return type(value).__name__


@pytest.mark.parametrize("provider_class", [OwnProvider, OauthlibProvider], ids=["own", "oauthlib"])
def test_the_workflow_runs_unchanged_but_for_the_import(provider_class: type) -> None:
    assert MOVED != WORKFLOW
    with provider_class() as provider:
        before = run(WORKFLOW, provider)
    with provider_class() as provider:
        after = run(MOVED, provider)
    assert before["OAuth1Session"] is requests_oauthlib.OAuth1Session
    assert after["OAuth1Session"] is oauth1.OAuth1Session
    assert after["seen"]["resource"] == before["seen"]["resource"] == 200
    for name in ("fetch_response", "oauth_response", "oauth_tokens", "seen"):
        assert shape(after[name]) == shape(before[name]), name
    # The values themselves, where they do not depend on the run.
    assert after["fetch_response"]["oauth_callback_confirmed"] == "true"
    assert after["oauth_response"]["state"] == before["oauth_response"]["state"] == "s1"


def test_a_refusal_is_still_a_value_error() -> None:
    # requests-oauthlib raises TokenRequestDenied (a ValueError); ours is typed, and a
    # ValueError too, so `except ValueError` in moved code still catches it.
    with OwnProvider() as provider:
        with pytest.raises(ValueError) as old:
            requests_oauthlib.OAuth1Session(CONSUMER_KEY, "wrong", callback_uri=CALLBACK).fetch_request_token(provider.request_token_url)
        with pytest.raises(ValueError) as new:
            oauth1.OAuth1Session(CONSUMER_KEY, "wrong", callback_uri=CALLBACK).fetch_request_token(provider.request_token_url)
    assert type(old.value).__name__ == "TokenRequestDenied"
    assert type(new.value) is oauth1.SignatureInvalidError
    # Both carry the answer.
    assert old.value.response.status_code == new.value.response.status_code == 401  # type: ignore[attr-defined]
