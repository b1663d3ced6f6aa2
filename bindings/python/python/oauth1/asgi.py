"""``oauth1.asgi.OAuth1Middleware``: verifies every request of an ASGI application
(FastAPI, Starlette, ...) before it runs.

    from oauth1.asgi import OAuth1Middleware

    app = OAuth1Middleware(
        app,
        secrets=lookup,                        # as for oauth1.verify
        origin="https://api.example.com",      # what clients sign, whatever the proxy says
        realm="api",
        nonce_store=oauth1.AsyncRedisNonceStore.from_url("redis://cache:6379/0"),
    )
    # Starlette / FastAPI: app.add_middleware(OAuth1Middleware, secrets=..., origin=...)

The request URL is rebuilt from ``origin`` and the request's path (``raw_path`` as
sent, else ``path`` percent-encoded again) and query, never from ``Host``,
``X-Forwarded-*`` or any other client header, so a server behind a proxy verifies
exactly the URL its clients sign.

A verified request reaches the application with the :class:`oauth1.Verified` at
``scope["oauth1.verified"]`` and ``scope["state"]["oauth1"]`` (Starlette's
``request.state.oauth1``). The body is read (at most ``max_body`` bytes, default 10 MiB)
to check form parameters and ``oauth_body_hash``, and replayed to the application by
its ``receive``.

A refused request never reaches the application: 401 with ``WWW-Authenticate: OAuth
realm="…", oauth_problem="…"``; 503 with ``Retry-After: 1`` when the nonce store cannot
be reached (fail closed); 413 for a body over ``max_body``; 400 for a request line that
cannot be read. A WebSocket handshake is verified too and closed (1008, or 1013 when
the store is down) when refused. Lifespan events pass through.

A store whose ``check_and_insert`` is ``async def`` (:class:`oauth1.AsyncRedisNonceStore`)
is awaited through :func:`oauth1.verify_async`; the in-memory :class:`oauth1.NonceStore`
needs no waiting and is used with :func:`oauth1.verify`. A synchronous store of your own
blocks the event loop while it answers: prefer an async one.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, MutableMapping, Optional

import oauth1

from . import _middleware
from ._errors import Error, NonceStoreUnavailableError

__all__ = ["OAuth1Middleware"]

_Scope = MutableMapping[str, Any]
_Message = MutableMapping[str, Any]
_Receive = Callable[[], Awaitable[_Message]]
_Send = Callable[[_Message], Awaitable[None]]
# Loose on purpose: frameworks type their apps' arguments in their own ways.
_AsgiApp = Callable[[Any, Any, Any], Awaitable[None]]


class _Disconnected(Exception):
    """The client went away before its body arrived."""


class OAuth1Middleware:
    """Verifies every HTTP request (and WebSocket handshake) before ``app`` sees it.

    ``secrets``: as for :func:`oauth1.verify`. ``origin``: the public
    ``scheme://host[:port]`` clients sign, e.g. ``"https://api.example.com"``.
    ``realm``: sent in ``WWW-Authenticate``. ``nonce_store``: an
    :class:`oauth1.NonceStore`, an :class:`oauth1.AsyncRedisNonceStore` (shared by
    every instance) or any object with ``check_and_insert`` (``async def`` or not);
    without one, replays are not detected. ``max_body``: the largest body read, in
    bytes. Other keyword arguments (``max_skew``, ``signature_methods``,
    ``require_body_hash``, ...) go to :func:`oauth1.verify_async`.
    """

    def __init__(
        self,
        app: _AsgiApp,
        *,
        secrets: Any,
        origin: str,
        realm: Optional[str] = None,
        nonce_store: Any = None,
        max_body: int = _middleware.DEFAULT_MAX_BODY,
        **verify_options: Any,
    ) -> None:
        _middleware.check_options(secrets, max_body, verify_options)
        self.app = app
        self.secrets = secrets
        self.origin = _middleware.canonical_origin(origin)
        self.realm = realm
        self.nonce_store = nonce_store
        self.max_body = max_body
        self.verify_options = verify_options

    def __repr__(self) -> str:
        return f"OAuth1Middleware({self.app!r}, origin={self.origin!r}, realm={self.realm!r})"

    def url(self, scope: _Scope) -> str:
        """The URL the client signed: the configured origin, the path and the query."""
        raw = scope.get("raw_path")
        if raw:
            path = bytes(raw).decode("latin-1").split("?", 1)[0]
        else:
            path = _middleware.quote_path(scope.get("path", "") or "/")
        query = bytes(scope.get("query_string") or b"").decode("latin-1")
        return self.origin + (path or "/") + ("?" + query if query else "")

    async def _verify(self, scope: _Scope, body: bytes) -> Any:
        headers: Dict[str, str] = {}
        for name, value in scope.get("headers") or ():
            key = bytes(name).decode("latin-1").lower()
            if key in ("authorization", "content-type") and key not in headers:
                headers[key] = bytes(value).decode("latin-1")
        args = dict(
            authorization=headers.get("authorization"),
            body=body or None,
            content_type=headers.get("content-type"),
            secrets=self.secrets,
            nonce_store=self.nonce_store,
            **self.verify_options,
        )
        method = scope.get("method", "GET")
        if self.nonce_store is None or isinstance(self.nonce_store, oauth1.NonceStore):
            return oauth1.verify(method, self.url(scope), **args)
        return await oauth1.verify_async(method, self.url(scope), **args)

    async def __call__(self, scope: _Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _read_body(self, scope: _Scope, receive: _Receive) -> Optional[bytes]:
        for name, value in scope.get("headers") or ():
            if bytes(name).lower() == b"content-length":
                length = int(bytes(value).decode("latin-1").strip())  # ValueError: 400
                if length < 0:
                    raise ValueError(length)
                if length > self.max_body:
                    return None
        chunks = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _http(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        try:
            body = await self._read_body(scope, receive)
        except ValueError:
            return await self._answer(_middleware.bad_length(), send)
        except _Disconnected:
            return None
        if body is None:
            return await self._answer(_middleware.too_large(self.max_body), send)
        try:
            verified = await self._verify(scope, body)
        except Error as e:
            return await self._answer(_middleware.refusal(e, self.realm), send)

        replayed = False

        async def replay() -> _Message:
            # The body once, as one message; then whatever the server says next
            # (http.disconnect when the client goes away).
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(self._with(scope, verified), replay, send)

    async def _websocket(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        try:
            verified = await self._verify(scope, b"")
        except Error as e:
            code = 1013 if isinstance(e, NonceStoreUnavailableError) else 1008
            _middleware.refusal(e, self.realm)  # logs a store failure; raises a server fault
            message = await receive()
            if message["type"] == "websocket.connect":
                await send({"type": "websocket.close", "code": code})
            return None
        await self.app(self._with(scope, verified), receive, send)

    @staticmethod
    def _with(scope: _Scope, verified: Any) -> _Scope:
        scope = dict(scope)
        scope["oauth1.verified"] = verified
        state = dict(scope.get("state") or {})
        state["oauth1"] = verified
        scope["state"] = state
        return scope

    @staticmethod
    async def _answer(response: _middleware.Response, send: _Send) -> None:
        status, _reason, headers, body = response
        raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        raw_headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": body})
