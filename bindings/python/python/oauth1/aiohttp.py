"""``oauth1.aiohttp.OAuth1Middleware``: OAuth 1.0a signing as an aiohttp client middleware.

::

    from oauth1.aiohttp import OAuth1Middleware

    async with aiohttp.ClientSession(middlewares=(OAuth1Middleware(signer),)) as session:
        async with session.get(url) as response: ...

Needs aiohttp >= 3.12 (client middlewares). aiohttp calls its middlewares for every
request it sends, redirect hops included, so each hop is signed for its own method
and URL (RFC 5849 section 3.4.1). What a hop may carry is the core's
:func:`oauth1._native.redirect_hop` decision: a hop to another origin goes out with no
OAuth parameters unless its origin is in ``trusted_origins``.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Awaitable, Callable, Iterable, NamedTuple, Optional, cast

from aiohttp import ClientRequest, ClientResponse, hdrs
from aiohttp.payload import BytesPayload
from yarl import URL

from ._errors import Error
from ._native import Signer, is_form_content_type
from .integrations import _FORM, _REDIRECTS, _Hop, _next_hop, _trusted, _unsized_body_error

__all__ = ["OAuth1Middleware"]

_Handler = Callable[[ClientRequest], Awaitable[ClientResponse]]


class _Pending(NamedTuple):
    """The hop a redirect answer announced, for the next request of the same task."""

    owner: "OAuth1Middleware"
    hop: _Hop
    # The unsigned body of the request that was redirected, for a hop that keeps it.
    body: Optional[bytes]


# aiohttp sends a redirect hop from the same task, right after the redirect answer
# passed through the middleware, and gives the middleware no other link between the
# two requests; a task (or each `asyncio.gather` child) has its own context, so
# concurrent requests never see each other's hops.
_PENDING: ContextVar[Optional[_Pending]] = ContextVar("oauth1_aiohttp_pending_hop", default=None)


class OAuth1Middleware:
    """Signs every request of an ``aiohttp.ClientSession`` with a :class:`~oauth1.Signer`.

    Pass it as ``ClientSession(middlewares=(OAuth1Middleware(signer),))`` or per
    request (``session.get(url, middlewares=(...))``). The protocol parameters go
    where the signer's ``placement`` says: the ``Authorization`` header, the query or
    the form body. A form body, or any body with ``body_hash=True``, must be given as
    ``str``, ``bytes`` or a ``dict`` (not a stream): else :class:`InvalidOptionError`.

    Redirects: each hop aiohttp follows is signed for its own method and URL when it
    stays on the origin of the request it follows, or goes to one of
    ``trusted_origins`` (``"https://api.example.com"``, with ``:port`` when not the
    default); any other hop, and every hop after it, carries no OAuth parameters.
    """

    def __init__(self, signer: Signer, trusted_origins: Iterable[str] = ()) -> None:
        if not isinstance(signer, Signer):
            raise TypeError(f"OAuth1Middleware takes an oauth1.Signer, not {type(signer).__name__}")
        self.signer = signer
        self.trusted_origins = _trusted(trusted_origins)

    def __repr__(self) -> str:
        if self.trusted_origins:
            return f"OAuth1Middleware({self.signer!r}, trusted_origins={self.trusted_origins!r})"
        return f"OAuth1Middleware({self.signer!r})"

    async def __call__(self, request: ClientRequest, handler: _Handler) -> ClientResponse:
        pending = _PENDING.get()
        _PENDING.set(None)
        sign = True
        if pending is not None and pending.owner is self and _is_hop(request, pending.hop):
            sign = pending.hop.sign
            if pending.hop.keep_body and pending.body is not None:
                # aiohttp re-sends the redirected request's payload, which carries the
                # previous OAuth parameters when they went in the body.
                await request.update_body(_payload(pending.body, request))
        unsigned_url = str(request.url)
        body = await self._body(request) if sign else None
        if sign:
            await self._sign(request, body)
        response = await handler(request)
        location = response.headers.get(hdrs.LOCATION)
        if response.status in _REDIRECTS and location is not None:
            _PENDING.set(self._pending(response.status, request.method, unsigned_url, location, sign, body))
        return response

    def _pending(self, status: int, method: str, url: str, location: str, signed: bool, body: Optional[bytes]) -> Optional[_Pending]:
        try:
            hop = _next_hop(status, method, url, location, self.trusted_origins, signed)
        except Error:
            # A Location the core cannot read (empty, not http(s), unparsable) is one
            # aiohttp refuses to follow too.
            return None
        return None if hop is None else _Pending(self, hop, body)

    async def _body(self, request: ClientRequest) -> Optional[bytes]:
        """The body to sign: its bytes when they are signed (a form, or body_hash=True)."""
        content_type = request.headers.get(hdrs.CONTENT_TYPE)
        payload = request.body
        if not (self.signer.body_hash or is_form_content_type(content_type)):
            return None
        if isinstance(payload, bytes):  # aiohttp's b"" for no body
            return payload
        if isinstance(payload, BytesPayload):
            return await payload.as_bytes()
        raise _unsized_body_error(content_type)

    async def _sign(self, request: ClientRequest, body: Optional[bytes]) -> None:
        content_type = request.headers.get(hdrs.CONTENT_TYPE)
        signed = self.signer.sign(request.method, str(request.url), body=body, content_type=content_type)
        placement, value = signed.wire
        if placement == "header":
            request.headers[hdrs.AUTHORIZATION] = cast(str, value)
        elif placement == "query":
            request.url = URL(cast(str, value), encoded=True)
        else:
            # A request without a body (a GET, or the GET after a 303) now has a form one.
            request.headers.setdefault(hdrs.CONTENT_TYPE, _FORM)
            await request.update_body(_payload(cast(bytes, value), request))


def _payload(body: bytes, request: ClientRequest) -> BytesPayload:
    """``body`` as a payload of the request's Content-Type: aiohttp sends this payload
    again on a 307/308 hop, with the Content-Type it names (bytes alone would name
    ``application/octet-stream``)."""
    return BytesPayload(body, content_type=request.headers.get(hdrs.CONTENT_TYPE, _FORM))


def _is_hop(request: ClientRequest, hop: _Hop) -> bool:
    """Whether ``request`` is the hop announced: its method, to the origin announced."""
    try:
        return request.method == hop.method and request.url.origin() == URL(hop.url).origin()
    except ValueError:
        return False

