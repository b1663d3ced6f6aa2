"""``oauth1.wsgi.OAuth1Middleware``: verifies every request of a WSGI application (Flask,
Django, ...) before it runs.

    from oauth1.wsgi import OAuth1Middleware

    app.wsgi_app = OAuth1Middleware(
        app.wsgi_app,
        secrets=lookup,                        # as for oauth1.verify
        origin="https://api.example.com",      # what clients sign, whatever the proxy says
        realm="api",
        nonce_store=oauth1.RedisNonceStore.from_url("redis://cache:6379/0"),
    )

The request URL is rebuilt from ``origin`` and the request's path and query, never from
``Host``, ``X-Forwarded-Host``, ``X-Forwarded-Proto`` or any other client header, so a
server behind a proxy verifies exactly the URL its clients sign. The path is
``RAW_URI``/``REQUEST_URI`` when the server provides it (gunicorn, uWSGI), else
``SCRIPT_NAME + PATH_INFO`` percent-encoded again (``%2F`` in a path then reads as ``/``).
A proxy that strips a path prefix changes the signed URL: mount the application under
that prefix instead (``SCRIPT_NAME``). The ``Authorization`` header is read from
``HTTP_AUTHORIZATION`` (Apache's mod_wsgi passes it only with ``WSGIPassAuthorization On``).

A verified request reaches the application with the :class:`oauth1.Verified` at
``environ["oauth1.verified"]`` (its ``consumer_key`` and ``token``). The body is read
(at most ``max_body`` bytes, default 10 MiB) to check form parameters and
``oauth_body_hash``, then handed on unconsumed: a fresh ``wsgi.input`` and
``CONTENT_LENGTH``.

A refused request never reaches the application: 401 with ``WWW-Authenticate: OAuth
realm="…", oauth_problem="…"``; 503 with ``Retry-After: 1`` when the nonce store cannot
be reached (fail closed; the store's error is logged on the ``oauth1.middleware``
logger, never sent); 413 for a body over ``max_body``; 400 for a request line that
cannot be read.
"""

from __future__ import annotations

import io
from typing import Any, Callable, Dict, Iterable, Optional

import oauth1

from . import _middleware
from ._errors import Error

__all__ = ["OAuth1Middleware"]

_StartResponse = Callable[..., Any]
_Environ = Dict[str, Any]
_WsgiApp = Callable[[_Environ, _StartResponse], Iterable[bytes]]


def _raw_path(environ: _Environ) -> Optional[str]:
    """The path as the client sent it, when the server kept it (never its host)."""
    for name in ("RAW_URI", "REQUEST_URI"):
        raw = environ.get(name)
        if not isinstance(raw, str) or not raw:
            continue
        if "://" in raw:  # absolute-form request target: drop the client's scheme and host
            raw = "/" + raw.split("://", 1)[1].partition("/")[2]
        if raw.startswith("/"):
            return raw.split("?", 1)[0].split("#", 1)[0]
    return None


class OAuth1Middleware:
    """Verifies every request with :func:`oauth1.verify` before ``app`` sees it.

    ``secrets``: as for :func:`oauth1.verify`. ``origin``: the public
    ``scheme://host[:port]`` clients sign, e.g. ``"https://api.example.com"``.
    ``realm``: sent in ``WWW-Authenticate``. ``nonce_store``: an
    :class:`oauth1.NonceStore`, an :class:`oauth1.RedisNonceStore` (shared by every
    instance) or any object with ``check_and_insert``; without one, replays are not
    detected. ``max_body``: the largest body read, in bytes. Other keyword arguments
    (``max_skew``, ``signature_methods``, ``require_body_hash``, ...) go to
    :func:`oauth1.verify`.
    """

    def __init__(
        self,
        app: _WsgiApp,
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

    def url(self, environ: _Environ) -> str:
        """The URL the client signed: the configured origin, the path and the query."""
        path = _raw_path(environ)
        if path is None:
            path = _middleware.quote_path(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")) or "/"
        query = environ.get("QUERY_STRING", "")
        return self.origin + path + ("?" + query if query else "")

    def _read_body(self, environ: _Environ) -> Optional[bytes]:
        length_text = (environ.get("CONTENT_LENGTH") or "").strip()
        stream = environ.get("wsgi.input")
        if length_text:
            length = int(length_text)  # ValueError: answered 400 by the caller
            if length < 0:
                raise ValueError(length_text)
            if length > self.max_body:
                return None
            body = stream.read(length) if (stream is not None and length) else b""
        elif stream is not None and environ.get("wsgi.input_terminated"):
            # A chunked body: the server says reading to the end is safe.
            body = stream.read(self.max_body + 1)
            if len(body) > self.max_body:
                return None
        else:
            body = b""
        return body

    def __call__(self, environ: _Environ, start_response: _StartResponse) -> Iterable[bytes]:
        try:
            body = self._read_body(environ)
        except ValueError:
            return self._answer(_middleware.bad_length(), start_response)
        if body is None:
            return self._answer(_middleware.too_large(self.max_body), start_response)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("wsgi.input_terminated", None)
        try:
            verified = oauth1.verify(
                environ.get("REQUEST_METHOD", "GET"),
                self.url(environ),
                authorization=environ.get("HTTP_AUTHORIZATION"),
                body=body or None,
                content_type=environ.get("CONTENT_TYPE") or None,
                secrets=self.secrets,
                nonce_store=self.nonce_store,
                **self.verify_options,
            )
        except Error as e:
            return self._answer(_middleware.refusal(e, self.realm), start_response)
        environ["oauth1.verified"] = verified
        return self.app(environ, start_response)

    @staticmethod
    def _answer(response: _middleware.Response, start_response: _StartResponse) -> Iterable[bytes]:
        status, reason, headers, body = response
        start_response(f"{status} {reason}", headers + [("Content-Length", str(len(body)))])
        return [body]

