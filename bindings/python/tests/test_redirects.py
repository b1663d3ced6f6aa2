"""Redirects with oauth1.OAuth1 over requests, httpx and httpx async, end to end.

A signature covers one method and one URL (RFC 5849 section 3.4.1): every hop must be
signed again for itself, and a hop to another origin must carry no OAuth parameter
unless that origin is trusted. Local servers verify every hop with ``oauth1.verify``
(nonces included) and record what each received.

httpx follows redirects before an auth sees a response, so a same-origin hop first
goes out with the previous signature, is refused, and is sent again signed: for httpx
the tests check the refused attempts are exactly those stale hops.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any, Iterator, Optional, cast

import httpx
import pytest
import requests
from redirect_server import RedirectServer, signer

import oauth1
from oauth1.integrations import httpx_redirect_request

CLIENTS = ["requests", "httpx", "httpx-async"]
FORM = {"f": "v w", "g": "é"}
FORM_BODY = "f=v+w&g=%C3%A9"


@dataclass
class Result:
    status: int
    answer: dict[str, Any]
    history: Optional[list[int]]  # requests only


def send(client: str, auth: oauth1.OAuth1, method: str, url: str, data: Optional[dict[str, str]] = None) -> Result:
    if client == "requests":
        r = requests.request(method, url, data=data, auth=auth, timeout=10)
        return Result(r.status_code, r.json() if r.content else {}, [h.status_code for h in r.history])
    if client == "httpx":
        with httpx.Client(auth=auth, follow_redirects=True, timeout=10) as c:
            x = c.request(method, url, data=data)
    else:

        async def run() -> httpx.Response:
            async with httpx.AsyncClient(auth=auth, follow_redirects=True, timeout=10) as c:
                return await c.request(method, url, data=data)

        x = asyncio.run(run())
    # httpx's final history holds the answers the auth flow saw (the refused stale
    # hops), not the redirects it followed before them.
    return Result(x.status_code, x.json() if x.content else {}, None)


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
    """A second origin that verifies, as a trusted API host would."""
    server = RedirectServer().start()
    yield server
    server.stop()


def check_hops(client: str, server: RedirectServer, chain: list[str]) -> None:
    """Every hop of `chain` was accepted once, in order; stale hops only for httpx."""
    assert server.accepted() == chain
    if client == "requests":
        assert server.refused() == []
    else:
        # Each hop after the first went out once with the previous signature.
        assert server.refused() == chain[1:]


# The core's decision, exposed as oauth1._native.redirect_hop ----------------------


def test_redirect_hop_is_the_cores_decision() -> None:
    from oauth1._native import redirect_hop

    assert redirect_hop(303, "POST", "https://h.example/a", "/b?x=1") == ("GET", "https://h.example/b?x=1", False, True)
    assert redirect_hop(307, "POST", "https://h.example/a", "b") == ("POST", "https://h.example/b", True, True)
    assert redirect_hop(308, "PUT", "https://h.example/a", "https://o.example/", ()) == ("PUT", "https://o.example/", True, False)
    assert redirect_hop(302, "GET", "https://h.example/a", "https://o.example/", ["https://o.example"]) == ("GET", "https://o.example/", False, True)
    assert redirect_hop(200, "GET", "https://h.example/a", "/b") is None
    with pytest.raises(oauth1.InvalidUrlError, match="Location"):
        redirect_hop(302, "GET", "https://h.example/a", "")
    with pytest.raises(oauth1.InvalidOptionError, match="trusted origin"):
        redirect_hop(302, "GET", "https://h.example/a", "/b", ["not an origin"])


def test_trusted_origins_are_checked_at_construction() -> None:
    with pytest.raises(TypeError, match="not one string"):
        oauth1.OAuth1(signer(), trusted_origins="https://o.example")
    for bad in ("o.example:443", "https://o.example/api", "ftp://o.example"):
        with pytest.raises(oauth1.InvalidOptionError, match="trusted origin"):
            oauth1.OAuth1(signer(), trusted_origins=(bad,))
    with pytest.raises(oauth1.InvalidOptionError, match="trusted origin"):
        oauth1.OAuth1(signer(), trusted_origins=("https://o.example:99999",))
    auth = oauth1.OAuth1(signer(), trusted_origins=["https://o.example"])
    assert auth.trusted_origins == ("https://o.example",)
    assert repr(auth) == f"OAuth1({auth.signer!r}, trusted_origins=('https://o.example',))"


# Same origin: each status, GET and a POST form ----------------------------------


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_get_is_signed_again_for_the_target(client: str, status: int, origin: RedirectServer) -> None:
    origin.routes["/a"] = (status, "/b?x=1")
    result = send(client, oauth1.OAuth1(signer()), "GET", origin.base_url + "/a")
    assert result.status == 200, result.answer
    assert (result.answer["method"], result.answer["path"]) == ("GET", "/b?x=1")
    assert result.history in ([status], None)
    check_hops(client, origin, ["GET /a", "GET /b?x=1"])


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize(("status", "method", "body"), [(301, "GET", ""), (302, "GET", ""), (303, "GET", ""), (307, "POST", FORM_BODY), (308, "POST", FORM_BODY)])
def test_post_form(client: str, status: int, method: str, body: str, origin: RedirectServer) -> None:
    # 307/308 send the form again, signed with its parameters; 301/302/303 turn the
    # POST into a GET without a body, signed as a GET.
    origin.routes["/form"] = (status, "/landing")
    result = send(client, oauth1.OAuth1(signer()), "POST", origin.base_url + "/form", FORM)
    assert result.status == 200, result.answer
    assert (result.answer["method"], result.answer["body"]) == (method, body)
    check_hops(client, origin, ["POST /form", f"{method} /landing"])


@pytest.mark.parametrize("client", CLIENTS)
def test_a_chain_of_every_status_with_relative_and_absolute_locations(client: str, origin: RedirectServer) -> None:
    origin.routes.update(
        {
            "/c/1": (301, "2"),
            "/c/2": (302, origin.base_url + "/c/3"),
            "/c/3": (303, "/c/4?y=2&z=a%20b"),
            "/c/4": (307, "../c/5"),
            "/c/5": (308, "//" + origin.base_url.split("//")[1] + "/end"),
        }
    )
    result = send(client, oauth1.OAuth1(signer()), "GET", origin.base_url + "/c/1?q=1")
    assert result.status == 200, result.answer
    assert result.history in ([301, 302, 303, 307, 308], None)
    check_hops(client, origin, ["GET /c/1?q=1", "GET /c/2", "GET /c/3", "GET /c/4?y=2&z=a%20b", "GET /c/5", "GET /end"])


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("placement", ["query", "body"])
@pytest.mark.parametrize(("status", "method"), [(303, "GET"), (307, "POST")])
def test_other_placements_are_signed_again(client: str, placement: str, status: int, method: str, origin: RedirectServer) -> None:
    origin.routes["/p"] = (status, "/q?x=1")
    result = send(client, oauth1.OAuth1(signer(placement=placement)), "POST", origin.base_url + "/p", FORM)
    assert result.status == 200, result.answer
    where = result.answer["path"] if placement == "query" else result.answer["body"]
    # One signature, for this hop: not the first one carried along beside it.
    assert where.count("oauth_signature=") == 1
    assert (FORM_BODY in result.answer["body"]) is (method == "POST")
    assert [h.split("?")[0] for h in origin.accepted()] == ["POST /p", f"{method} /q"]


# Other origins -------------------------------------------------------------------


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("placement", ["header", "query", "body"])
def test_another_origin_receives_no_oauth_parameter(client: str, placement: str, origin: RedirectServer, other: RedirectServer) -> None:
    if client != "requests" and placement == "body":
        pytest.skip("httpx re-sends a 307 body as it was sent, before the auth sees the redirect")
    origin.routes["/out"] = (307, other.base_url + "/in?k=1")
    other.routes["/in"] = (302, "/in2")  # within the untrusted origin: still unsigned
    result = send(client, oauth1.OAuth1(signer(placement=placement)), "POST", origin.base_url + "/out", FORM)
    assert result.status == 200, result.answer
    assert [f"{h.method} {h.path}" for h in other.hits] == ["POST /in?k=1", "GET /in2"]
    assert [h.carries_oauth for h in other.hits] == [False, False]
    assert other.hits[0].body == FORM_BODY


@pytest.mark.parametrize("client", CLIENTS)
def test_an_untrusted_origin_cannot_send_us_back_signed(client: str, origin: RedirectServer, other: RedirectServer) -> None:
    origin.routes["/go"] = (302, other.base_url + "/bounce")
    other.routes["/bounce"] = (302, origin.base_url + "/target")
    result = send(client, oauth1.OAuth1(signer()), "GET", origin.base_url + "/go")
    # The hop back was chosen by the untrusted server: it goes unsigned, and is refused.
    assert result.status == 401
    assert not other.hits[0].carries_oauth
    assert origin.accepted() == ["GET /go"]
    assert [h.carries_oauth for h in origin.hits[1:]] == [False]


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("status", [302, 307])
def test_a_trusted_origin_is_signed(client: str, status: int, origin: RedirectServer, trusted: RedirectServer) -> None:
    origin.routes["/api"] = (status, trusted.base_url + "/v2/api?p=1")
    auth = oauth1.OAuth1(signer(), trusted_origins=(trusted.base_url,))
    result = send(client, auth, "GET", origin.base_url + "/api")
    assert result.status == 200, result.answer
    assert trusted.accepted() == ["GET /v2/api?p=1"]
    if client == "requests":
        assert trusted.refused() == []
    else:
        # httpx drops Authorization across origins; the refused hop is signed and sent again.
        assert trusted.refused() == ["GET /v2/api?p=1"]
        assert "Authorization" not in trusted.hits[0].headers


# What the clients' own options still do ------------------------------------------


def test_requests_allow_redirects_false_and_head(origin: RedirectServer) -> None:
    origin.routes["/a"] = (307, "/b")
    auth = oauth1.OAuth1(signer())
    r = requests.get(origin.base_url + "/a", auth=auth, allow_redirects=False, timeout=10)
    assert r.status_code == 307 and r.is_redirect
    r = requests.head(origin.base_url + "/a", auth=auth, timeout=10)  # HEAD does not follow by default
    assert r.status_code == 307
    r = requests.head(origin.base_url + "/a", auth=auth, allow_redirects=True, timeout=10)
    assert r.status_code == 200 and [h.status_code for h in r.history] == [307]
    assert origin.accepted() == ["GET /a", "HEAD /a", "HEAD /a", "HEAD /b"]


def test_requests_session_keeps_its_limits_hooks_and_cookies(origin: RedirectServer) -> None:
    origin.routes["/loop"] = (302, "/loop")
    origin.routes["/a"] = (302, "/b")
    seen: list[int] = []
    with requests.Session() as session:
        session.auth = oauth1.OAuth1(signer())
        session.max_redirects = 3
        with pytest.raises(requests.TooManyRedirects, match="Exceeded 3 redirects"):
            session.get(origin.base_url + "/loop", timeout=10)
        session.hooks["response"].append(lambda r, **_: seen.append(r.status_code))
        r = session.get(origin.base_url + "/a", timeout=10)
    assert r.status_code == 200 and json.loads(r.text)["path"] == "/b"
    assert seen == [200]  # the application's hook sees the final response once
    # The cookie set by the redirect answer went with the hop, as requests sends it.
    assert origin.hits[-1].headers.get("Cookie") == "hop=1"
    assert session.cookies.get("hop") == "1"
    assert origin.refused() == []


@pytest.mark.parametrize("cross", [False, True])
def test_httpx_next_request_is_signed_only_where_it_may_be(cross: bool, origin: RedirectServer, other: RedirectServer) -> None:
    target = other.base_url + "/in" if cross else "/in"
    origin.routes["/a"] = (307, target)
    with httpx.Client(auth=oauth1.OAuth1(signer()), timeout=10) as client:  # follow_redirects=False
        first = client.post(origin.base_url + "/a", data=FORM)
        assert first.status_code == 307 and first.next_request is not None
        assert "Authorization" not in first.next_request.headers
        final = client.send(first.next_request)
    assert final.status_code == 200
    server = other if cross else origin
    assert server.hits[-1].body == FORM_BODY
    assert server.hits[-1].carries_oauth is (not cross)
    assert server.refused() == []


class SigningClient(httpx.Client):
    """An httpx client that signs each hop as it builds it, as oauth1.AsyncOAuth1Session does."""

    def _build_redirect_request(self, request: httpx.Request, response: httpx.Response) -> httpx.Request:
        built = super()._build_redirect_request(request, response)
        return cast(httpx.Request, httpx_redirect_request(request, response, built))


@pytest.mark.parametrize("placement", ["header", "query", "body"])
def test_an_httpx_client_can_sign_each_hop_before_sending_it(placement: str, origin: RedirectServer, other: RedirectServer) -> None:
    origin.routes.update({"/a": (307, "/b?x=1"), "/b": (303, "/c"), "/c": (302, other.base_url + "/in")})
    auth = oauth1.OAuth1(signer(placement=placement))
    with SigningClient(auth=auth, follow_redirects=True, timeout=10) as client:
        r = client.post(origin.base_url + "/a", data=FORM)
    assert r.status_code == 200 and [h.status_code for h in r.history] == [307, 303, 302]
    # Nothing went out stale: every hop was signed before it was sent.
    assert [h.split("?")[0] for h in origin.accepted()] == ["POST /a", "POST /b", "GET /c"]
    assert origin.refused() == []
    assert [h.carries_oauth for h in other.hits] == [False]
    # Not following: next_request is built (and signed) by the client, then judged again.
    with SigningClient(auth=auth, timeout=10) as client:
        first = client.post(origin.base_url + "/a", data=FORM)
        assert first.next_request is not None and "oauth_" not in str(first.next_request.url)
        second = client.send(first.next_request)
    assert second.status_code == 303  # /b answers its redirect only to a verified request
    assert origin.refused() == []
    assert origin.hits[-1].body.startswith(FORM_BODY)
