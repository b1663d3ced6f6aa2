"""oauth1.asgi.OAuth1Middleware, called in-process with hand-written scope, receive and
send: verifies before the application runs, answers refusals with 401 / 503 / 413,
replays the body to the application, and takes its origin from configuration."""

from __future__ import annotations

import asyncio
import os
from typing import Any, Optional

import pytest

import oauth1
from oauth1.asgi import OAuth1Middleware

ORIGIN = "https://api.example.com"
SIGNER = oauth1.Signer("app-key", "app-secret", "access-token", "token-secret")
SECRETS = SIGNER.credentials
FORM = "application/x-www-form-urlencoded"


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Echoes the verified keys and the body it reads through ``receive``."""
    verified = scope["oauth1.verified"]
    assert scope["state"]["oauth1"] is verified
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": f"{verified.consumer_key} {verified.token} ".encode() + body})


async def never(scope: dict[str, Any], receive: Any, send: Any) -> None:
    raise AssertionError("the application ran")


def call(middleware: Any, *args: Any, **kw: Any) -> tuple[int, dict[str, str], bytes]:
    """One request through the middleware, in a new event loop."""
    return asyncio.run(acall(middleware, *args, **kw))


async def acall(
    middleware: Any,
    method: str = "GET",
    path: str = "/things",
    query: bytes = b"",
    *,
    authorization: Optional[str] = None,
    chunks: tuple[bytes, ...] = (),
    content_type: Optional[str] = None,
    content_length: Optional[str] = None,
    raw_path: Optional[bytes] = None,
) -> tuple[int, dict[str, str], bytes]:
    headers = [
        (b"host", b"internal-backend:8000"),
        (b"x-forwarded-host", b"evil.example.org"),
        (b"x-forwarded-proto", b"http"),
    ]
    if authorization is not None:
        headers.append((b"authorization", authorization.encode()))
    if content_type is not None:
        headers.append((b"content-type", content_type.encode()))
    if content_length is not None:
        headers.append((b"content-length", content_length.encode()))
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "server": ("10.0.0.7", 8000),
        "path": path,
        "query_string": query,
        "root_path": "",
        "headers": headers,
        "state": {"shared": True},
    }
    if raw_path is not None:
        scope["raw_path"] = raw_path
    messages = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1} for i, chunk in enumerate(chunks)
    ] or [{"type": "http.request", "body": b"", "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await middleware(scope, receive, send)
    assert scope["state"] == {"shared": True}  # the server's scope is left alone
    start = sent[0]
    assert start["type"] == "http.response.start"
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def signed(method: str, url: str, **kw: Any) -> str:
    return SIGNER.sign(method, url, **kw).authorization


def test_a_signed_request_reaches_the_app_with_the_verified_keys() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    status, _, out = call(mw, query=b"a=1&b=%20x", authorization=signed("GET", ORIGIN + "/things?a=1&b=%20x"))
    assert status == 200
    assert out == b"app-key access-token "


def test_the_origin_comes_from_configuration_not_from_host_or_forwarded_headers() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    for claimed in ("http://internal-backend:8000", "https://evil.example.org", "http://10.0.0.7:8000"):
        status, headers, _ = call(mw, authorization=signed("GET", claimed + "/things"))
        assert status == 401, claimed
        assert 'oauth_problem="signature_invalid"' in headers["www-authenticate"]
    assert call(mw, authorization=signed("GET", ORIGIN + "/things"))[0] == 200


def test_the_raw_path_is_used_as_sent() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    auth = signed("GET", ORIGIN + "/files/a%2Fb")
    assert call(mw, path="/files/a/b", raw_path=b"/files/a%2Fb", authorization=auth)[0] == 200
    auth = signed("GET", ORIGIN + "/files/a%20b")
    assert call(mw, path="/files/a b", authorization=auth)[0] == 200


def test_a_form_body_in_chunks_is_verified_and_replayed_to_the_app() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    body = b"status=hello%20world&n=1"
    auth = signed("POST", ORIGIN + "/things", body=body, content_type=FORM)
    status, _, out = call(mw, "POST", authorization=auth, chunks=(body[:5], body[5:10], body[10:]), content_type=FORM)
    assert status == 200
    assert out == b"app-key access-token " + body
    status, _, _ = call(mw, "POST", authorization=auth, chunks=(b"status=bye",), content_type=FORM)
    assert status == 401


def test_refusals_are_401_with_www_authenticate() -> None:
    mw = OAuth1Middleware(never, secrets=SECRETS, origin=ORIGIN, realm="api")
    status, headers, out = call(mw)
    assert status == 401
    assert headers["www-authenticate"].startswith('OAuth realm="api", oauth_problem="parameter_absent"')
    assert b"parameter_absent" in out
    bad = oauth1.Signer("app-key", "wrong", "access-token", "token-secret")
    status, headers, _ = call(mw, authorization=bad.authorization("GET", ORIGIN + "/things"))
    assert headers["www-authenticate"] == 'OAuth realm="api", oauth_problem="signature_invalid"'


def test_a_replay_is_refused_with_the_memory_store() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, nonce_store=oauth1.NonceStore())
    auth = signed("GET", ORIGIN + "/things")
    assert call(mw, authorization=auth)[0] == 200
    status, headers, _ = call(mw, authorization=auth)
    assert status == 401 and 'oauth_problem="nonce_used"' in headers["www-authenticate"]


class _AsyncStore:
    def __init__(self) -> None:
        self.seen: set[tuple[Any, ...]] = set()

    async def check_and_insert(self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int) -> str:
        await asyncio.sleep(0)
        key = (consumer_key, token, nonce, timestamp)
        if key in self.seen:
            return "replayed"
        self.seen.add(key)
        return "fresh"


class _AsyncDownStore:
    async def check_and_insert(self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int) -> str:
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")


def test_an_async_store_is_awaited() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, nonce_store=_AsyncStore())
    auth = signed("GET", ORIGIN + "/things")
    assert call(mw, authorization=auth)[0] == 200
    status, headers, _ = call(mw, authorization=auth)
    assert status == 401 and 'oauth_problem="nonce_used"' in headers["www-authenticate"]


def test_a_store_that_cannot_answer_is_503_with_retry_after() -> None:
    mw = OAuth1Middleware(never, secrets=SECRETS, origin=ORIGIN, nonce_store=_AsyncDownStore())
    status, headers, out = call(mw, authorization=signed("GET", ORIGIN + "/things"))
    assert status == 503
    assert headers["retry-after"] == "1"
    assert "www-authenticate" not in headers
    assert b"nonce store" in out and b"127.0.0.1" not in out


def test_a_body_over_the_limit_is_413() -> None:
    mw = OAuth1Middleware(never, secrets=SECRETS, origin=ORIGIN, max_body=10)
    assert call(mw, "POST", chunks=(b"x" * 11,), content_type=FORM, content_length="11")[0] == 413
    assert call(mw, "POST", chunks=(b"x" * 6, b"x" * 6), content_type=FORM)[0] == 413
    assert call(mw, "POST", chunks=(b"x",), content_type=FORM, content_length="many")[0] == 400


def test_a_refused_websocket_handshake_is_closed() -> None:
    mw = OAuth1Middleware(never, secrets=SECRETS, origin=ORIGIN)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": "/ws", "query_string": b"", "headers": []}
    asyncio.run(mw(scope, receive, send))
    assert sent == [{"type": "websocket.close", "code": 1008}]


def test_lifespan_passes_through() -> None:
    seen = []

    async def lifespan_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    mw = OAuth1Middleware(lifespan_app, secrets=SECRETS, origin=ORIGIN)

    async def nothing() -> dict[str, Any]:
        return {}

    async def ignore(message: Any) -> None:
        pass

    asyncio.run(mw({"type": "lifespan"}, nothing, ignore))
    assert seen == ["lifespan"]


def test_options_are_checked_at_construction() -> None:
    with pytest.raises(oauth1.InvalidOptionError):
        OAuth1Middleware(app, secrets=SECRETS, origin="https://api.example.com/v1?x")
    with pytest.raises(TypeError):
        OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, body=b"")


def test_two_instances_sharing_one_redis_refuse_each_others_replays() -> None:
    url = os.environ.get("OAUTH1_TEST_REDIS_URL")
    if not url:
        pytest.fail("OAUTH1_TEST_REDIS_URL is not set: run bindings/python/test.sh, which starts a Redis")

    async def run() -> None:
        stores = [oauth1.AsyncRedisNonceStore.from_url(url) for _ in range(2)]
        first, second = (OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, nonce_store=s) for s in stores)
        try:
            for _ in range(5):
                auth = signed("GET", ORIGIN + "/things")
                assert (await acall(first, authorization=auth))[0] == 200
                status, headers, _ = await acall(second, authorization=auth)
                assert status == 401 and 'oauth_problem="nonce_used"' in headers["www-authenticate"]
        finally:
            for store in stores:
                await store.client.aclose()

    asyncio.run(run())
