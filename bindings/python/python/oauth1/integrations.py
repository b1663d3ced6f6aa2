"""``oauth1.OAuth1``: one auth object for ``requests`` and ``httpx``.

It signs exactly the request that is sent: the prepared method, the final URL (query
included), the body and its Content-Type, so form bodies are signed and JSON bodies
are not. ``requests`` and ``httpx`` are both optional; whichever is installed is
supported, and ``import oauth1`` never imports either.

Redirects: a signature covers one method and one URL (RFC 5849 section 3.4.1), so a
redirected request needs a signature of its own. Every hop is decided by the core's
:func:`oauth1._native.redirect_hop` (method, URL, body, and whether to sign): a hop to
the same origin is signed again; a hop to another origin goes out with no OAuth
parameters at all unless that origin is in ``trusted_origins``. Once a chain has left
the signed origins it is never signed again, so an untrusted server cannot redirect
us into signing a request it chose.
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    Generator,
    Iterable,
    NamedTuple,
    Optional,
    Tuple,
    Union,
    cast,
)

from ._errors import InvalidOptionError
from ._native import Signed, Signer, is_form_content_type, redirect_hop

__all__ = ["OAuth1"]

_Body = Union[str, bytes, None]

_FORM = "application/x-www-form-urlencoded"
# The answers a client follows (RFC 9110 section 15.4), as requests, httpx and aiohttp do.
_REDIRECTS = (301, 302, 303, 307, 308)
# Set on an httpx `response.next_request` (redirects not followed): whether the hop it
# describes may be signed when the application sends it.
_SIGN_EXTENSION = "oauth1.sign"
# Where an httpx request carries its `_HttpxChain` (see `httpx_redirect_request`).
_CHAIN_EXTENSION = "oauth1.chain"
# A bound on the re-sends of one httpx request, each of which needs a redirect first.
_MAX_HTTPX_RESENDS = 30


class _Hop(NamedTuple):
    """The next request of a redirect chain, as the core decided it."""

    method: str
    url: str
    keep_body: bool
    sign: bool


def _trusted(trusted_origins: Iterable[str]) -> Tuple[str, ...]:
    """Checks ``trusted_origins`` now, so a typo fails at construction, not at a redirect."""
    if isinstance(trusted_origins, (str, bytes)):
        raise TypeError("trusted_origins takes a sequence of origins such as ('https://api.example.com',), not one string")
    origins = tuple(trusted_origins)
    for origin in origins:
        if not isinstance(origin, str):
            raise TypeError(f"trusted_origins holds origins as str, not {type(origin).__name__}")
    # The core checks each origin ("api.example.com:443", a path, another scheme:
    # InvalidOptionError), as it will at every redirect.
    redirect_hop(307, "GET", "http://127.0.0.1/", "/", origins)
    return origins


def _next_hop(status: int, method: str, url: str, location: str, trusted: Tuple[str, ...], signed: bool) -> Optional[_Hop]:
    """The core's decision for one hop; ``signed`` says whether the request it follows was."""
    hop = redirect_hop(status, method, url, location, trusted)
    if hop is None:
        return None
    method, url, keep_body, sign = hop
    # The core judges a hop against the URL it leaves: after an untrusted origin, a
    # hop within that origin is "same origin" but must stay unsigned.
    return _Hop(method, url, keep_body, sign and signed)


def _auth_bases() -> Tuple[type, ...]:
    bases: list[type] = []
    try:
        from requests.auth import AuthBase
    except ImportError:
        pass
    else:
        bases.append(AuthBase)
    try:
        from httpx import Auth
    except ImportError:
        pass
    else:
        bases.append(Auth)
    return tuple(bases)


if TYPE_CHECKING:

    class _AuthBase:
        """``requests.auth.AuthBase`` and ``httpx.Auth``, whichever are installed."""

else:
    _AuthBase = type("_AuthBase", _auth_bases() or (object,), {})


def _header_text(value: Union[str, bytes, None]) -> Optional[str]:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def _unsized_body_error(content_type: Optional[str]) -> InvalidOptionError:
    what = (
        f"a form body (Content-Type {content_type!r})"
        if is_form_content_type(content_type)
        else "the body hash (body_hash=True)"
    )
    return InvalidOptionError(
        f"cannot sign a streamed or unsized body: {what} needs the whole body; "
        "pass the body as str or bytes"
    )


class OAuth1(_AuthBase):
    """Signs each request with a :class:`~oauth1.Signer`.

    Use it as ``auth=`` for ``requests`` (it is a ``requests.auth.AuthBase``) and for
    ``httpx.Client`` / ``httpx.AsyncClient`` (it is an ``httpx.Auth``)::

        auth = oauth1.OAuth1(oauth1.Signer.from_env())
        requests.get(url, auth=auth)
        httpx.get(url, auth=auth)

    The protocol parameters go where the signer's ``placement`` says: the
    ``Authorization`` header (default), the query, or the form body. A streamed body
    (a file or generator) is fine unless it must be signed: a form body, or any body
    with ``body_hash=True``; then :class:`InvalidOptionError` is raised.

    Redirects (301, 302, 303, 307, 308) are signed hop by hop: a hop to the same
    origin gets its own signature for its method and URL; a hop to another origin is
    sent without any OAuth parameters unless its origin is one of
    ``trusted_origins`` (``"https://api.example.com"``, with ``:port`` when not the
    default).

    - ``requests``: the redirects are followed by this auth (a response hook, as
      ``HTTPDigestAuth`` does), through the same session, so each hop is signed before
      it is sent; ``allow_redirects=False`` and ``Session.max_redirects`` are obeyed.
    - ``httpx`` follows redirects before an auth sees any response, so with
      ``follow_redirects=True`` a hop first goes out as httpx builds it: with the
      previous signature (same origin) or none (httpx drops ``Authorization`` across
      origins). A hop that may be signed and was refused with 401 is sent again with a
      signature of its own. With ``follow_redirects=False``, ``response.next_request``
      carries no stale signature and is signed, or not, when sent through the client.
    """

    def __init__(self, signer: Signer, trusted_origins: Iterable[str] = ()) -> None:
        if not isinstance(signer, Signer):
            raise TypeError(f"OAuth1 takes an oauth1.Signer, not {type(signer).__name__}")
        self.signer = signer
        self.trusted_origins = _trusted(trusted_origins)

    def __repr__(self) -> str:
        if self.trusted_origins:
            return f"OAuth1({self.signer!r}, trusted_origins={self.trusted_origins!r})"
        return f"OAuth1({self.signer!r})"

    def _needs_body(self, content_type: Optional[str]) -> bool:
        return self.signer.body_hash or is_form_content_type(content_type)

    def _sign(self, method: str, url: str, body: _Body, content_type: Optional[str]) -> Signed:
        return self.signer.sign(method, url, body=body, content_type=content_type)

    # requests --------------------------------------------------------------------

    def __call__(self, r: Any) -> Any:
        """Signs a ``requests.PreparedRequest`` in place and returns it."""
        follower = _RequestsRedirects(self, r)
        self._sign_prepared(r)
        r.register_hook("response", follower)
        return r

    def _sign_prepared(self, r: Any) -> None:
        content_type = _header_text(r.headers.get("Content-Type"))
        body = r.body
        if isinstance(body, (bytearray, memoryview)):
            body = bytes(body)
        elif body is not None and not isinstance(body, (str, bytes)):
            if self._needs_body(content_type):
                raise _unsized_body_error(content_type)
            body = None
        placement, value = self._sign(r.method, r.url, body, content_type).wire
        if placement == "header":
            r.headers["Authorization"] = value
        elif placement == "query":
            r.url = value
        else:
            r.body = value
            r.headers["Content-Length"] = str(len(value))
            # A request without a body (a GET, or the GET after a 303) now has a form one.
            r.headers.setdefault("Content-Type", _FORM)

    # httpx -----------------------------------------------------------------------

    def _sign_httpx(self, request: Any) -> Any:
        import httpx

        content_type = request.headers.get("Content-Type")
        body: _Body
        try:
            body = request.content
        except httpx.RequestNotRead:
            if self._needs_body(content_type):
                raise _unsized_body_error(content_type) from None
            body = None
        placement, value = self._sign(request.method, str(request.url), body, content_type).wire
        if placement == "header":
            request.headers["Authorization"] = value
            return request
        if placement == "query":
            request.url = httpx.URL(cast(str, value))
            return request
        headers = httpx.Headers(request.headers)
        headers.pop("Content-Length", None)
        headers.setdefault("Content-Type", _FORM)
        return httpx.Request(request.method, request.url, headers=headers, content=value, extensions=request.extensions)

    def auth_flow(self, request: Any) -> Generator[Any, Any, None]:
        """The ``httpx.Auth`` flow: sign the request, then each redirect hop that needs it."""
        import httpx

        sign = bool(request.extensions.get(_SIGN_EXTENSION, True))
        chain = _HttpxChain(self, request, sign)
        # httpx hands this dict on to every hop it builds from the request: the chain
        # is found there by `httpx_redirect_request`. A copy, so that a dict the
        # application shares between requests never carries a chain.
        request.extensions = {**request.extensions, _CHAIN_EXTENSION: chain}
        response = yield self._sign_httpx(request) if sign else request
        for _ in range(_MAX_HTTPX_RESENDS):
            again = chain.after(response, httpx)
            if again is None:
                return
            response = yield again

    def sync_auth_flow(self, request: Any) -> Generator[Any, Any, None]:
        """``httpx.Client`` entry point."""
        return (yield from self.auth_flow(request))

    async def async_auth_flow(self, request: Any) -> AsyncGenerator[Any, Any]:
        """``httpx.AsyncClient`` entry point (the flow does no I/O of its own)."""
        flow = self.auth_flow(request)
        outgoing = next(flow)
        while True:
            response = yield outgoing
            try:
                outgoing = flow.send(response)
            except StopIteration:
                return


class _RequestsRedirects:
    """The response hook that follows a signed request's redirects for ``requests``.

    ``requests`` builds redirect hops in ``Session.resolve_redirects`` and gives the
    auth no call before sending them, so they would go out with the first request's
    signature. Like ``HTTPDigestAuth`` (which answers a 401 from its hook), this hook
    answers a redirect itself: it builds each hop as the core decides, signs it (or
    not) and sends it through the session with ``allow_redirects=False``; requests then
    sees the final response and has nothing left to follow.
    """

    def __init__(self, auth: OAuth1, request: Any) -> None:
        self.auth = auth
        self.request = request
        # What was signed: a hop that keeps the body re-signs this body, not the one
        # that carries the first signature (placement="body"), and resolves a
        # relative Location against this URL, not one carrying the OAuth query.
        self.url: str = request.url
        self.body = request.body

    def __call__(self, response: Any, **kwargs: Any) -> Any:
        if response.request is not self.request or response.status_code not in _REDIRECTS:
            return response
        sender = _requests_send_frame()
        if sender is None:
            return response  # sent without Session.send: nothing would follow it
        session, follows = sender
        if not follows or session.get_redirect_target(response) is None:
            return response
        return self._follow(session, response, kwargs)

    def _follow(self, session: Any, response: Any, kwargs: dict[str, Any]) -> Any:
        from requests.cookies import extract_cookies_to_jar, merge_cookies
        from requests.exceptions import TooManyRedirects
        from requests.hooks import default_hooks
        from requests.utils import rewind_body

        history: list[Any] = []
        previous, url, body, signed = self.request, self.url, self.body, True
        location = session.get_redirect_target(response)
        while location is not None:
            hop = _next_hop(response.status_code, previous.method, url, location, self.auth.trusted_origins, signed)
            if hop is None:
                break
            response.history = history[:]
            history.append(response)
            if len(history) > session.max_redirects:
                raise TooManyRedirects(f"Exceeded {session.max_redirects} redirects.", response=response)
            response.content  # read it so the connection goes back to the pool
            response.close()

            prepared = previous.copy()
            # This hook already follows; the application's hooks see the final
            # response once, when requests dispatches the rest of the list.
            prepared.hooks = default_hooks()
            prepared.method, prepared.url = hop.method, hop.url
            for name in ("Authorization", "Cookie"):
                prepared.headers.pop(name, None)
            if hop.keep_body:
                prepared.body = body
                if prepared.headers.get("Content-Length") is not None:
                    prepared.prepare_content_length(body)
                # A file body is read again from its start, when requests would.
                length_known = "Content-Length" in prepared.headers or "Transfer-Encoding" in prepared.headers
                if prepared._body_position is not None and length_known:
                    rewind_body(prepared)
            else:
                body = None
                prepared.body = None
                for name in ("Content-Length", "Content-Type", "Transfer-Encoding"):
                    prepared.headers.pop(name, None)
            jar = prepared._cookies
            extract_cookies_to_jar(jar, previous, response.raw)
            merge_cookies(jar, session.cookies)
            prepared.prepare_cookies(jar)
            proxies = session.rebuild_proxies(prepared, kwargs.get("proxies"))
            if hop.sign:
                self.auth._sign_prepared(prepared)
            send_kwargs = {k: v for k, v in kwargs.items() if k != "proxies"}
            response = session.send(prepared, allow_redirects=False, proxies=proxies, **send_kwargs)
            previous, url, signed = prepared, hop.url, hop.sign
            location = session.get_redirect_target(response)
        response.history = history
        return response


def _requests_send_frame() -> Optional[Tuple[Any, bool]]:
    """The session whose ``Session.send`` dispatched this hook, and whether it follows redirects.

    ``Session.send`` takes ``allow_redirects`` out of the keyword arguments before it
    calls the response hooks, and nothing else tells a hook whether redirects will be
    followed (``requests.head`` does not follow by default). So the hook reads it from
    the ``Session.send`` call on the stack, found by its code object; a subclass that
    overrides ``send`` and calls ``super().send`` is found the same way.
    """
    from requests.sessions import Session

    code = Session.send.__code__
    frame: Optional[FrameType] = sys._getframe(1)
    while frame is not None:
        if frame.f_code is code:
            local = frame.f_locals
            return local.get("self"), bool(local.get("allow_redirects", True))
        frame = frame.f_back
    return None


class _HttpxChain:
    """One httpx request and the redirects httpx followed from it."""

    def __init__(self, auth: OAuth1, request: Any, signed: bool) -> None:
        self.auth = auth
        self.method: str = request.method
        self.url = str(request.url)
        # The unsigned body, for a hop that keeps it (None: streamed, not re-sent).
        self.body: Optional[bytes] = _httpx_content(request)
        self.signed = signed
        # Hops signed as httpx built them (`httpx_redirect_request`), not yet answered.
        self.presigned = 0
        # The state before the first of those hops.
        self.saved: Tuple[str, str, Optional[bytes], bool] = (self.method, self.url, self.body, signed)
        # How many responses this flow was given: httpx's `response.history` starts
        # with those (one per request the flow sent), then the redirects it followed.
        self.seen = 0

    def after(self, response: Any, httpx: Any) -> Any:
        """The request to send again, signed, after ``response``; or None when done."""
        followed = response.history[self.seen :]
        self.seen += 1
        presigned, self.presigned = self.presigned, 0
        if not followed:
            if presigned:
                # The hop was built (and signed) but not sent: judge it from here.
                self.method, self.url, self.body, self.signed = self.saved
            if response.has_redirect_location and response.next_request is not None:
                self._fix_next_request(response, httpx)
            return None
        if presigned:
            # The client signed each hop before sending it: nothing went out stale.
            return None
        # httpx built each hop itself; judge each one as the core would.
        method, url, signed = self.method, self.url, self.signed
        hops = [*followed[1:], response]
        for redirect, reached in zip(followed, hops):
            hop = _next_hop(redirect.status_code, method, url, redirect.headers["Location"], self.auth.trusted_origins, signed)
            method, url, signed = reached.request.method, str(reached.request.url), bool(hop and hop.sign)
        if not signed or response.status_code != 401:
            # Accepted as sent (or not ours to sign): sending it again would repeat it.
            return None
        body = self.body if method == self.method else None
        again = self.auth._sign_httpx(_httpx_request(httpx, response.request, method, url, body))
        self.method, self.url, self.body, self.signed = method, url, body, True
        return again

    def _fix_next_request(self, response: Any, httpx: Any) -> None:
        # The application follows this redirect itself (follow_redirects=False): the
        # request httpx prepared carries our signature for the previous URL, and
        # maybe a body with OAuth parameters in it.
        nxt = response.next_request
        hop = _next_hop(response.status_code, self.method, self.url, response.headers["Location"], self.auth.trusted_origins, self.signed)
        sign = bool(hop and hop.sign)
        body = self.body if nxt.method == self.method else None
        # The core's URL: httpx's may carry OAuth query parameters when a client
        # subclass signed it already (`httpx_redirect_request`).
        fixed = _httpx_request(httpx, nxt, nxt.method, hop.url if hop else str(nxt.url), body)
        fixed.extensions = {**nxt.extensions, _SIGN_EXTENSION: sign}
        response.next_request = fixed


def httpx_redirect_request(request: Any, response: Any, built: Any) -> Any:
    """The redirect hop ``built`` by an httpx client, signed or stripped as the core decides.

    For ``httpx.Client`` / ``httpx.AsyncClient`` subclasses that sign every hop before
    it is sent (``oauth1.AsyncOAuth1Session`` does)::

        def _build_redirect_request(self, request, response):
            built = super()._build_redirect_request(request, response)
            return httpx_redirect_request(request, response, built)

    ``request`` is the request that was redirected, ``response`` its 3xx answer. The
    hop is signed by the :class:`OAuth1` that signed ``request`` (whether the client's
    ``auth`` or one given to that request); a hop of a request that no
    :class:`OAuth1` signed is returned as it is.
    """
    import httpx

    chain = request.extensions.get(_CHAIN_EXTENSION)
    if not isinstance(chain, _HttpxChain):
        return built
    auth = chain.auth
    hop = _next_hop(response.status_code, request.method, chain.url, response.headers["Location"], auth.trusted_origins, chain.signed)
    sign = bool(hop and hop.sign)
    url = str(built.url)
    body = chain.body if built.method == chain.method else None
    clean = _httpx_request(httpx, built, built.method, url, body)
    if not chain.presigned:
        chain.saved = (chain.method, chain.url, chain.body, chain.signed)
    chain.method, chain.url, chain.body, chain.signed = built.method, url, body, sign
    chain.presigned += 1
    return auth._sign_httpx(clean) if sign else clean


def _httpx_content(request: Any) -> Optional[bytes]:
    import httpx

    try:
        return bytes(request.content)
    except httpx.RequestNotRead:
        return None


def _httpx_request(httpx: Any, template: Any, method: str, url: str, body: Optional[bytes]) -> Any:
    """``template`` (a hop httpx built) without any OAuth parameter, ready to be signed."""
    headers = httpx.Headers(template.headers)
    for name in ("Authorization", "Content-Length", "Transfer-Encoding"):
        headers.pop(name, None)
    if body is None:
        headers.pop("Content-Type", None)
    return httpx.Request(method, url, headers=headers, content=body, extensions=template.extensions)
