"""``oauth1.OAuth1``: one auth object for ``requests`` and ``httpx``.

It signs exactly the request that is sent: the prepared method, the final URL (query
included), the body and its Content-Type, so form bodies are signed and JSON bodies
are not. ``requests`` and ``httpx`` are both optional; whichever is installed is
supported, and ``import oauth1`` never imports either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, AsyncGenerator, Generator, Optional, Tuple, Union, cast

from ._errors import InvalidOptionError
from ._native import Signed, Signer, is_form_content_type

__all__ = ["OAuth1"]

_Body = Union[str, bytes, None]


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
    """

    def __init__(self, signer: Signer) -> None:
        if not isinstance(signer, Signer):
            raise TypeError(f"OAuth1 takes an oauth1.Signer, not {type(signer).__name__}")
        self.signer = signer

    def __repr__(self) -> str:
        return f"OAuth1({self.signer!r})"

    def _needs_body(self, content_type: Optional[str]) -> bool:
        return self.signer.body_hash or is_form_content_type(content_type)

    def _sign(self, method: str, url: str, body: _Body, content_type: Optional[str]) -> Signed:
        return self.signer.sign(method, url, body=body, content_type=content_type)

    # requests --------------------------------------------------------------------

    def __call__(self, r: Any) -> Any:
        """Signs a ``requests.PreparedRequest`` in place and returns it."""
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
        return r

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
        return httpx.Request(request.method, request.url, headers=headers, content=value, extensions=request.extensions)

    def auth_flow(self, request: Any) -> Generator[Any, Any, None]:
        """The ``httpx.Auth`` flow: sign the request once and send it."""
        yield self._sign_httpx(request)

    def sync_auth_flow(self, request: Any) -> Generator[Any, Any, None]:
        """``httpx.Client`` entry point."""
        yield self._sign_httpx(request)

    async def async_auth_flow(self, request: Any) -> AsyncGenerator[Any, Any]:
        """``httpx.AsyncClient`` entry point."""
        yield self._sign_httpx(request)
