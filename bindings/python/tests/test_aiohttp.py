"""oauth1.aiohttp.OAuth1Middleware, end to end against local servers that verify every
request with ``oauth1.verify`` (nonces included) and record what each received.

aiohttp calls its client middlewares for each redirect hop it follows, so every hop
must arrive signed for itself, or carry no OAuth parameter when it left the origin.
"""

from __future__ import annotations

import asyncio
from typing import Any, Iterator, Optional

import aiohttp
import pytest
from redirect_server import RedirectServer, signer

import oauth1
from oauth1.aiohttp import OAuth1Middleware

FORM = {"f": "v w", "g": "é"}
FORM_BODY = "f=v+w&g=%C3%A9"


@pytest.fixture
def origin() -> Iterator[RedirectServer]:
    server = RedirectServer().start()
    yield server
    server.stop()


@pytest.fixture
def other() -> Iterator[RedirectServer]:
    """A second origin (another port) that verifies nothing and records everything."""
    server = RedirectServer(verifying=False).start()
    yield server
    server.stop()


@pytest.fixture
def trusted() -> Iterator[RedirectServer]:
    server = RedirectServer().start()
    yield server
    server.stop()


async def _send(middleware: OAuth1Middleware, method: str, url: str, **kwargs: Any) -> tuple[int, dict[str, Any], list[int]]:
    async with aiohttp.ClientSession(middlewares=(middleware,)) as session:
        async with session.request(method, url, **kwargs) as r:
            answer = await r.json() if r.status in (200, 401) and r.method != "HEAD" else {}
            return r.status, answer, [h.status for h in r.history]


def send(method: str, url: str, middleware: Optional[OAuth1Middleware] = None, **kwargs: Any) -> tuple[int, dict[str, Any], list[int]]:
    return asyncio.run(_send(middleware or OAuth1Middleware(signer()), method, url, **kwargs))


def test_middleware_checks_its_arguments() -> None:
    with pytest.raises(TypeError, match="oauth1.Signer"):
        OAuth1Middleware("key")  # type: ignore[arg-type]
    with pytest.raises(oauth1.InvalidOptionError, match="trusted origin"):
        OAuth1Middleware(signer(), trusted_origins=("api.example.com",))
    m = OAuth1Middleware(signer(), trusted_origins=["https://o.example:8443"])
    assert repr(m) == f"OAuth1Middleware({m.signer!r}, trusted_origins=('https://o.example:8443',))"


@pytest.mark.parametrize("placement", ["header", "query", "body"])
def test_requests_are_signed(placement: str, origin: RedirectServer) -> None:
    middleware = OAuth1Middleware(signer(placement=placement, realm="e2e"))
    assert send("GET", origin.base_url + "/r/a%20b?q=1&q=2&e=", middleware)[0] == 200
    status, answer, _ = send("POST", origin.base_url + "/form?x=é", middleware, data=FORM)
    assert status == 200 and FORM_BODY in answer["body"]
    assert ("oauth_signature=" in answer["body"]) is (placement == "body")
    if placement != "body":
        assert send("PUT", origin.base_url + "/json", middleware, json={"a": [1, "é"]})[0] == 200
    assert origin.refused() == []


def test_body_hash_and_unsized_bodies(origin: RedirectServer) -> None:
    middleware = OAuth1Middleware(signer(body_hash=True))
    assert send("PUT", origin.base_url + "/json", middleware, data=b'{"a":1}', headers={"Content-Type": "application/json"})[0] == 200

    async def chunks() -> Any:
        yield b"a=1"

    with pytest.raises(oauth1.InvalidOptionError, match="streamed"):
        send("POST", origin.base_url + "/s", data=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    # A streamed body that is not signed goes as it is.
    assert send("POST", origin.base_url + "/s", data=chunks(), headers={"Content-Type": "application/octet-stream"})[0] == 200


def test_concurrent_requests_do_not_share_redirects(origin: RedirectServer, other: RedirectServer) -> None:
    # One task is sent away to an untrusted origin; the others must stay signed.
    origin.routes["/away"] = (302, other.base_url + "/in")
    origin.routes["/here"] = (307, "/there")

    async def run() -> list[int]:
        async with aiohttp.ClientSession(middlewares=(OAuth1Middleware(signer()),)) as session:

            async def one(path: str) -> int:
                async with session.get(origin.base_url + path) as r:
                    await r.read()
                    return r.status

            return await asyncio.gather(*(one(p) for p in ["/away", "/here"] * 5))

    assert asyncio.run(run()) == [200] * 10
    assert origin.refused() == [] and len(origin.accepted()) == 15
    assert not any(h.carries_oauth for h in other.hits) and len(other.hits) == 5


# Redirects -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_get_is_signed_again_for_the_target(status: int, origin: RedirectServer) -> None:
    origin.routes["/a"] = (status, "/b?x=1")
    result = send("GET", origin.base_url + "/a")
    assert result[0] == 200, result
    assert result[2] == [status]
    assert origin.accepted() == ["GET /a", "GET /b?x=1"] and origin.refused() == []


@pytest.mark.parametrize(("status", "method", "body"), [(301, "GET", ""), (302, "GET", ""), (303, "GET", ""), (307, "POST", FORM_BODY), (308, "POST", FORM_BODY)])
@pytest.mark.parametrize("placement", ["header", "query", "body"])
def test_post_form(status: int, method: str, body: str, placement: str, origin: RedirectServer) -> None:
    origin.routes["/form"] = (status, "/landing")
    code, answer, _ = send("POST", origin.base_url + "/form", OAuth1Middleware(signer(placement=placement)), data=FORM)
    assert code == 200, answer
    assert answer["method"] == method
    if placement == "body" and method == "POST":
        # The form again, with one signature: this hop's, not the first one beside it.
        assert answer["body"].startswith(body) and answer["body"].count("oauth_signature=") == 1
    elif placement != "body":
        assert answer["body"] == body
    assert [h.split("?")[0] for h in origin.accepted()] == ["POST /form", f"{method} /landing"]
    assert origin.refused() == []


def test_a_chain_of_every_status(origin: RedirectServer) -> None:
    host = origin.base_url.split("//")[1]
    origin.routes.update(
        {
            "/c/1": (301, "2"),
            "/c/2": (302, origin.base_url + "/c/3"),
            "/c/3": (303, "/c/4?y=2&z=a%20b"),
            "/c/4": (307, "../c/5"),
            "/c/5": (308, f"//{host}/end"),
        }
    )
    code, answer, history = send("GET", origin.base_url + "/c/1?q=1")
    assert code == 200, answer
    assert history == [301, 302, 303, 307, 308]
    assert origin.accepted() == ["GET /c/1?q=1", "GET /c/2", "GET /c/3", "GET /c/4?y=2&z=a%20b", "GET /c/5", "GET /end"]
    assert origin.refused() == []


@pytest.mark.parametrize("placement", ["header", "query", "body"])
def test_another_origin_receives_no_oauth_parameter(placement: str, origin: RedirectServer, other: RedirectServer) -> None:
    origin.routes["/out"] = (307, other.base_url + "/in?k=1")
    other.routes["/in"] = (302, "/in2")  # within the untrusted origin: still unsigned
    code, answer, _ = send("POST", origin.base_url + "/out", OAuth1Middleware(signer(placement=placement)), data=FORM)
    assert code == 200, answer
    assert [f"{h.method} {h.path}" for h in other.hits] == ["POST /in?k=1", "GET /in2"]
    assert [h.carries_oauth for h in other.hits] == [False, False]
    assert other.hits[0].body == FORM_BODY


def test_an_untrusted_origin_cannot_send_us_back_signed(origin: RedirectServer, other: RedirectServer) -> None:
    origin.routes["/go"] = (302, other.base_url + "/bounce")
    other.routes["/bounce"] = (302, origin.base_url + "/target")
    assert send("GET", origin.base_url + "/go")[0] == 401
    assert origin.accepted() == ["GET /go"]
    assert [h.carries_oauth for h in [*other.hits, *origin.hits[1:]]] == [False, False]


@pytest.mark.parametrize("status", [302, 307])
def test_a_trusted_origin_is_signed(status: int, origin: RedirectServer, trusted: RedirectServer) -> None:
    origin.routes["/api"] = (status, trusted.base_url + "/v2/api?p=1")
    middleware = OAuth1Middleware(signer(), trusted_origins=(trusted.base_url,))
    assert send("GET", origin.base_url + "/api", middleware)[0] == 200
    assert trusted.accepted() == ["GET /v2/api?p=1"] and trusted.refused() == []


def test_allow_redirects_false_then_following_by_hand(origin: RedirectServer, other: RedirectServer) -> None:
    origin.routes["/a"] = (307, other.base_url + "/in")

    async def run() -> tuple[int, int]:
        async with aiohttp.ClientSession(middlewares=(OAuth1Middleware(signer()),)) as session:
            async with session.post(origin.base_url + "/a", data=FORM, allow_redirects=False) as r:
                first = r.status
                location = r.headers["Location"]
            # The application follows the redirect itself: the middleware judges it as
            # the hop it is, and the untrusted origin gets no signature.
            async with session.post(location, data=FORM) as r:
                return first, r.status

    assert asyncio.run(run()) == (307, 200)
    assert [h.carries_oauth for h in other.hits] == [False]
    assert origin.accepted() == ["POST /a"]
