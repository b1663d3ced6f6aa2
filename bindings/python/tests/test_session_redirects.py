"""Redirects of the sessions' signed requests: a signature covers one method and one URL
(RFC 5849 section 3.4.1), so each hop the session follows is signed for its own,
within the origin, and carries no OAuth parameters once it leaves for another (unless
trusted). The provider verifies every hop it receives."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Iterator, Tuple
from urllib.parse import urlencode

import httpx
import pytest

import oauth1
from provider import CONSUMER_KEY, CONSUMER_SECRET, OwnProvider

TOKEN, SECRET = "access-redirects", "redirect-secret"


@pytest.fixture
def own() -> Iterator[OwnProvider]:
    with OwnProvider() as p:
        p.access[TOKEN] = SECRET
        yield p


@pytest.fixture
def other() -> Iterator[OwnProvider]:
    with OwnProvider() as p:
        yield p


def redirect(provider: OwnProvider, status: int, to: str) -> str:
    return f"{provider.base_url}/redirect?{urlencode({'status': status, 'to': to})}"


def sent(provider: OwnProvider) -> list[Tuple[str, str, Dict[str, str]]]:
    return list(provider.requests)


def send(kind: str, method: str, url: str, **kwargs: Any) -> Any:
    """One request through a session holding the token; httpx follows redirects."""
    if kind == "requests":
        with oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, SECRET, trusted_origins=kwargs.pop("trusted", ())) as session:
            return session.request(method, url, **kwargs)

    async def go() -> Any:
        trusted = kwargs.pop("trusted", ())
        async with oauth1.AsyncOAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, SECRET, trusted_origins=trusted, follow_redirects=True) as session:
            return await session.request(method, url, **kwargs)

    return asyncio.run(go())


KINDS = ["requests", "httpx"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_same_origin_hop_is_signed_for_its_own_url(kind: str, status: int, own: OwnProvider) -> None:
    got = send(kind, "POST", redirect(own, status, "/resource?x=1"), data={"a": "b"})
    assert got.status_code == 200, got.text
    echo = got.json()
    kept = status in (307, 308)
    assert echo["method"] == ("POST" if kept else "GET")
    assert echo["url"] == f"{own.base_url}/resource?x=1"
    assert echo["body"] == ("a=b" if kept else "")
    # Both hops verified, each with its own signature and nonce.
    assert [v.token for v in own.verified] == [TOKEN, TOKEN]
    assert own.verified[0].nonce != own.verified[1].nonce
    # Exactly two requests: no hop was sent twice.
    assert len(sent(own)) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_cross_origin_hop_carries_no_oauth_parameters(kind: str, own: OwnProvider, other: OwnProvider) -> None:
    got = send(kind, "GET", redirect(own, 307, other.resource_url + "?y=2"))
    assert got.status_code == 401
    method, url, params = sent(other)[-1]
    assert (method, url, params) == ("GET", other.resource_url + "?y=2", {})


@pytest.mark.parametrize("kind", KINDS)
def test_a_trusted_origin_gets_a_signature(kind: str, own: OwnProvider, other: OwnProvider) -> None:
    other.access[TOKEN] = SECRET  # the same API behind two hosts
    got = send(kind, "GET", redirect(own, 302, other.resource_url), trusted=[other.base_url])
    assert got.status_code == 200, got.text
    assert [v.token for v in other.verified] == [TOKEN]


@pytest.mark.parametrize("kind", KINDS)
def test_a_redirected_token_request_is_signed_by_the_flow(kind: str, own: OwnProvider) -> None:
    # The hop of the temporary-credentials request still carries oauth_callback: it is
    # signed by the flow's signer, not the session's.
    url = redirect(own, 307, "/request_token")
    callback = "https://client.example/cb"
    if kind == "requests":
        with oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=callback) as session:
            token = session.fetch_request_token(url)
    else:

        async def go() -> Dict[str, str]:
            async with oauth1.AsyncOAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, callback_uri=callback, follow_redirects=True) as session:
                return await session.fetch_request_token(url)

        token = asyncio.run(go())
    assert token["oauth_callback_confirmed"] == "true"
    assert [params.get("oauth_callback") for _, _, params in sent(own)] == [callback, callback]


def test_rebuild_auth_signs_the_next_request_requests_prepares(own: OwnProvider, other: OwnProvider) -> None:
    # With allow_redirects=False requests prepares the hop (`response.next`) through
    # Session.rebuild_auth, as requests-oauthlib's code expects.
    with oauth1.OAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, SECRET) as session:
        first = session.get(redirect(own, 307, "/resource?z=3"), allow_redirects=False)
        assert first.status_code == 307
        hop = first.next
        assert hop.url == f"{own.base_url}/resource?z=3"
        assert hop.headers["Authorization"] != first.request.headers["Authorization"]
        assert session.send(hop, allow_redirects=False).status_code == 200

        away = session.get(redirect(own, 307, other.resource_url), allow_redirects=False)
        assert "Authorization" not in away.next.headers


def test_httpx_next_request_is_not_sent_with_the_old_signature(own: OwnProvider) -> None:
    async def go() -> Tuple[int, Any]:
        async with oauth1.AsyncOAuth1Session(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, SECRET) as session:
            first = await session.get(redirect(own, 302, "/resource"))
            assert first.status_code == 302 and first.next_request is not None
            then = await session.send(first.next_request)
            return then.status_code, then.json()

    status, echo = asyncio.run(go())
    assert status == 200 and echo["url"] == own.resource_url
    assert isinstance(httpx.URL(echo["url"]), httpx.URL)
