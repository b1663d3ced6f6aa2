"""The three-legged flow (RFC 5849 section 2) end to end: ``oauth1.OAuth1Session``
(requests) and ``oauth1.AsyncOAuth1Session`` (httpx) get a token from a real local
provider, built once on ``oauth1.verify`` and once on oauthlib's provider endpoints,
then call the protected resource. And every bad answer of a provider gives its error.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, Iterator, Optional
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

import oauth1
from conftest import rsa_key
from provider import CONSUMER_KEY, CONSUMER_SECRET, OauthlibProvider, OwnProvider, Provider

CALLBACK = "https://client.example/callback?state=s1"


class AsyncDriven:
    """An ``AsyncOAuth1Session`` driven from a plain test: each coroutine runs to its
    end on the session's own event loop."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self.session = self.loop.run_until_complete(self._make(args, kwargs))

    @staticmethod
    async def _make(args: Any, kwargs: Any) -> oauth1.AsyncOAuth1Session:
        # Made inside the loop, as an application does.
        return oauth1.AsyncOAuth1Session(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.session, name)
        if name in ("fetch_request_token", "fetch_access_token", "get", "post", "request"):
            return lambda *a, **k: self.loop.run_until_complete(value(*a, **k))
        return value

    @property
    def token(self) -> Dict[str, str]:
        return self.session.token

    @token.setter
    def token(self, value: Dict[str, str]) -> None:
        self.session.token = value

    def close(self) -> None:
        self.loop.run_until_complete(self.session.aclose())
        self.loop.close()


Maker = Callable[..., Any]


@pytest.fixture(params=["requests", "httpx"])
def make_session(request: pytest.FixtureRequest) -> Iterator[Maker]:
    made: list[Any] = []

    def make(*args: Any, **kwargs: Any) -> Any:
        session = oauth1.OAuth1Session(*args, **kwargs) if request.param == "requests" else AsyncDriven(*args, **kwargs)
        made.append(session)
        return session

    yield make
    for session in made:
        session.close()


@pytest.fixture(params=["own", "oauthlib"])
def provider(request: pytest.FixtureRequest) -> Iterator[Provider]:
    with (OwnProvider() if request.param == "own" else OauthlibProvider()) as p:
        yield p


@pytest.fixture
def own() -> Iterator[OwnProvider]:
    with OwnProvider() as p:
        yield p


def approve(authorization_url: str) -> str:
    """The user approves at the provider: the redirect back (the callback URL with
    its query), or for ``oob`` the page's text with the verifier."""
    page = requests.get(authorization_url, allow_redirects=False, timeout=10)
    if page.status_code == 302:
        return str(page.headers["Location"])
    assert page.status_code == 200, page.text
    return page.text


def complete(session: Any, provider: Provider, callback: Optional[str]) -> Dict[str, str]:
    temporary = session.fetch_request_token(provider.request_token_url)
    assert temporary["oauth_callback_confirmed"] == "true"
    assert list(temporary)[:2] == ["oauth_token", "oauth_token_secret"]
    assert session.token == {"oauth_token": temporary["oauth_token"], "oauth_token_secret": temporary["oauth_token_secret"]}

    url = session.authorization_url(provider.authorize_url)
    assert url == f"{provider.authorize_url}?oauth_token={temporary['oauth_token']}"
    back = approve(url)
    if callback is None:
        # Out of band: the user reads the verifier off the page and types it in.
        verifier = dict(parse_qsl(back))["oauth_verifier"]
        token = session.fetch_access_token(provider.access_token_url, verifier=verifier)
    else:
        assert back.startswith(CALLBACK + "&"), back
        params = session.parse_authorization_response(back)
        assert params["oauth_token"] == temporary["oauth_token"]
        assert params["state"] == "s1" and params["oauth_verifier"]
        assert session.token["oauth_verifier"] == params["oauth_verifier"]
        token = session.fetch_access_token(provider.access_token_url)
    assert token["oauth_token"] != temporary["oauth_token"]
    assert session.token == {"oauth_token": token["oauth_token"], "oauth_token_secret": token["oauth_token_secret"]}
    assert session.authorized
    return dict(token)


@pytest.mark.parametrize("callback", [None, CALLBACK], ids=["oob", "callback"])
def test_the_flow_then_the_protected_resource(make_session: Maker, provider: Provider, callback: Optional[str]) -> None:
    session = make_session(CONSUMER_KEY, client_secret=CONSUMER_SECRET, callback_uri=callback)
    assert not session.authorized
    token = complete(session, provider, callback)

    got = session.get(provider.resource_url + "?q=a+b")
    assert got.status_code == 200, got.text
    assert got.json()["token"] == token["oauth_token"]
    posted = session.post(provider.resource_url, data={"text": "hello world"})
    assert posted.status_code == 200, posted.text
    assert posted.json()["body"] == "text=hello+world"


def test_the_token_answers_are_requests_oauthlibs_dictionaries(make_session: Maker, own: OwnProvider) -> None:
    session = make_session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK)
    token = complete(session, own, CALLBACK)
    # The provider's own parameters follow the two of RFC 5849, in its order.
    assert list(token) == ["oauth_token", "oauth_token_secret", "user_id", "screen_name"]
    assert token["user_id"] == "42" and token["screen_name"] == "ada"
    # The flow's repr shows how far it came, never a token or a secret.
    shown = repr(session._oauth.flow)
    assert shown.endswith("request_token=True, verifier=False, access_token=True)"), shown
    assert token["oauth_token"] not in shown and token["oauth_token_secret"] not in shown
    # What the provider checked: oauth_callback on the first request, the verifier on
    # the third (section 2.3), and no callback after the first.
    first, third = own.requests[0][2], own.requests[2][2]
    assert first["oauth_callback"] == CALLBACK and "oauth_token" not in first
    assert third["oauth_verifier"] and "oauth_callback" not in third


def test_oob_is_sent_when_no_callback_is_given(make_session: Maker, own: OwnProvider) -> None:
    # RFC 5849 section 2.1 requires oauth_callback; requests-oauthlib sends none.
    session = make_session(CONSUMER_KEY, CONSUMER_SECRET)
    session.fetch_request_token(own.request_token_url)
    assert own.requests[0][2]["oauth_callback"] == "oob"


def test_a_resumed_session_finishes_the_flow(provider: Provider) -> None:
    # A web application: the temporary credentials are kept between the request that
    # sends the user away and the one the callback arrives in.
    first = oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK)
    temporary = first.fetch_request_token(provider.request_token_url)
    back = approve(first.authorization_url(provider.authorize_url))

    later = oauth1.OAuth1Session(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        resource_owner_key=temporary["oauth_token"],
        resource_owner_secret=temporary["oauth_token_secret"],
    )
    verifier = later.parse_authorization_response(back)["oauth_verifier"]
    token = later.fetch_access_token(provider.access_token_url, verifier)
    again = oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET)
    again.token = token
    assert again.authorized
    assert again.get(provider.resource_url).json()["token"] == token["oauth_token"]


def test_the_authorization_url_carries_extra_parameters(own: OwnProvider) -> None:
    session = oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET)
    temporary = session.fetch_request_token(own.request_token_url)
    url = session.authorization_url(own.authorize_url, perms="read", name="my app")
    assert url == f"{own.authorize_url}?oauth_token={temporary['oauth_token']}&perms=read&name=my%20app"
    # requests-oauthlib's request_token= builds a URL for another token only.
    other = session.authorization_url(own.authorize_url, request_token="elsewhere")
    assert other == f"{own.authorize_url}?oauth_token=elsewhere"
    assert session.token["oauth_token"] == temporary["oauth_token"]


def test_a_preset_gives_the_urls_and_the_signature_method(make_session: Maker, own: OwnProvider) -> None:
    # Jira's preset: its three paths under base_url, RSA-SHA1 with the consumer's key.
    session = make_session(CONSUMER_KEY, rsa_key=rsa_key(), provider="jira", provider_values={"base_url": own.base_url}, callback_uri=CALLBACK)
    temporary = session.fetch_request_token()
    url = session.authorization_url()
    assert url == f"{own.base_url}/plugins/servlet/oauth/authorize?oauth_token={temporary['oauth_token']}"
    session.parse_authorization_response(approve(url))
    token = session.fetch_access_token()
    assert session.authorized
    assert session.get(own.resource_url).json()["token"] == token["oauth_token"]
    assert [v.signature_method for v in own.verified] == ["RSA-SHA1"] * 3
    assert [urlsplit(url).path for _, url, _ in own.requests[:3]] == [
        "/plugins/servlet/oauth/request-token",
        "/plugins/servlet/oauth/authorize",
        "/plugins/servlet/oauth/access-token",
    ]


def test_a_preset_without_the_url_says_which_is_missing() -> None:
    session = oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET)
    with pytest.raises(oauth1.InvalidOptionError, match="no request token URL"):
        session.fetch_request_token()


# Bad answers -------------------------------------------------------------------------


def test_missing_callback_confirmed(make_session: Maker, own: OwnProvider) -> None:
    own.fault = "no_callback_confirmed"
    session = make_session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK)
    with pytest.raises(oauth1.CallbackUnconfirmedError, match="oauth_callback_confirmed") as caught:
        session.fetch_request_token(own.request_token_url)
    assert caught.value.code == "callback_unconfirmed"
    assert caught.value.response.status_code == 200
    assert not session.token


def test_signature_invalid_from_the_provider(make_session: Maker, provider: Provider) -> None:
    session = make_session(CONSUMER_KEY, "not-the-secret")
    with pytest.raises(oauth1.Error) as caught:
        session.fetch_request_token(provider.request_token_url)
    assert caught.value.response.status_code == 401
    if isinstance(provider, OwnProvider):
        # Our provider names the problem (OAuth Problem Reporting): a known one is its class.
        assert type(caught.value) is oauth1.SignatureInvalidError
        assert caught.value.problem == "signature_invalid"
    else:
        # oauthlib answers a bare 401: no oauth_problem, no body.
        assert type(caught.value) is oauth1.ProviderError
        assert caught.value.status == 401 and caught.value.oauth_problem is None
        assert str(caught.value) == "the provider refused the request (HTTP 401): the answer has no body"


def test_permission_denied_is_a_provider_error(make_session: Maker, own: OwnProvider) -> None:
    session = make_session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK)
    session.fetch_request_token(own.request_token_url)
    session.parse_authorization_response(approve(session.authorization_url(own.authorize_url)))
    own.fault = "permission_denied"
    with pytest.raises(oauth1.ProviderError) as caught:
        session.fetch_access_token(own.access_token_url)
    error = caught.value
    assert (error.code, error.status, error.status_code, error.oauth_problem) == ("provider_error", 401, 401, "permission_denied")
    assert error.reason == "the user refused the application"
    assert "permission_denied" in str(error) and "HTTP 401" in str(error)


def test_an_html_page_instead_of_a_form(make_session: Maker, own: OwnProvider) -> None:
    own.fault = "html"
    session = make_session(CONSUMER_KEY, CONSUMER_SECRET)
    with pytest.raises(oauth1.ResponseInvalidError, match="HTML page .*Sign in to continue"):
        session.fetch_request_token(own.request_token_url)


def test_a_redirect_carrying_another_token(make_session: Maker, own: OwnProvider) -> None:
    session = make_session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK)
    session.fetch_request_token(own.request_token_url)
    own.fault = "other_token"
    back = approve(session.authorization_url(own.authorize_url))
    with pytest.raises(oauth1.TokenMismatchError, match="not the temporary token"):
        session.parse_authorization_response(back)
    # Nothing was taken from it: no verifier, so no token request either.
    assert "oauth_verifier" not in session.token
    with pytest.raises(oauth1.InvalidOptionError, match="no verifier"):
        session.fetch_access_token(own.access_token_url)


def test_a_redirect_without_a_token(own: OwnProvider) -> None:
    session = oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK)
    session.fetch_request_token(own.request_token_url)
    with pytest.raises(oauth1.TokenMismatchError, match="no oauth_token"):
        session.parse_authorization_response(CALLBACK + "&oauth_verifier=v")


def test_a_redirect_before_any_temporary_token() -> None:
    session = oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET)
    with pytest.raises(oauth1.InvalidOptionError, match="no temporary credentials"):
        session.parse_authorization_response(CALLBACK + "&oauth_token=t&oauth_verifier=v")


def test_a_refusal_in_the_redirect(own: OwnProvider) -> None:
    session = oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK)
    temporary = session.fetch_request_token(own.request_token_url)
    with pytest.raises(oauth1.ProviderError) as caught:
        session.parse_authorization_response(f"{CALLBACK}&denied={temporary['oauth_token']}")
    assert caught.value.oauth_problem == "user_refused" and caught.value.status is None


@pytest.mark.parametrize("signature_type", ["AUTH_HEADER", "QUERY", "BODY"])
def test_each_of_requests_oauthlibs_signature_types(make_session: Maker, provider: Provider, signature_type: str) -> None:
    # requests-oauthlib's names for where the parameters go (RFC 5849 section 3.5).
    session = make_session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=CALLBACK, signature_type=signature_type)
    assert session.signer.placement == {"AUTH_HEADER": "header", "QUERY": "query", "BODY": "body"}[signature_type]
    complete(session, provider, CALLBACK)
    got = session.post(provider.resource_url, data={"a": "1"})
    assert got.status_code == 200, got.text


def test_an_unknown_signature_type() -> None:
    with pytest.raises(oauth1.InvalidOptionError, match="unknown signature_type 'COOKIE'"):
        oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, signature_type="COOKIE")
