"""What the WSGI and ASGI middleware share: the configured origin, the options, and the
answers to a refused request (401, 503, 413, 400). Private; use :mod:`oauth1.wsgi` or
:mod:`oauth1.asgi`."""

from __future__ import annotations

import logging
import urllib.parse
from typing import Any, Dict, List, Optional, Tuple

from ._errors import Error, InvalidOptionError, NonceStoreUnavailableError, VerificationError

log = logging.getLogger("oauth1.middleware")

DEFAULT_MAX_BODY = 10 * 1024 * 1024
"""The largest body the middleware reads to verify a request (10 MiB); larger is 413."""

# verify's request arguments: the middleware fills them in from the request itself.
_RESERVED = frozenset({"method", "url", "authorization", "body", "content_type", "secrets", "nonce_store"})
# Characters left as they are when a decoded path is quoted again for the URL.
_PATH_SAFE = "/!$&'()*+,;=:@-._~"

Response = Tuple[int, str, List[Tuple[str, str]], bytes]
"""``(status, reason, headers, body)`` of an answer the middleware gives itself."""


def canonical_origin(origin: str) -> str:
    """``origin`` checked and without a trailing ``/``: ``http`` or ``https``, a host, an
    optional port, no path, query, fragment or user info. Raises :class:`InvalidOptionError`."""
    if not isinstance(origin, str):
        raise TypeError(f"origin must be a str like 'https://api.example.com', not {type(origin).__name__}")
    parts = urllib.parse.urlsplit(origin)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
    ):
        raise InvalidOptionError(
            f"origin must be the public scheme, host and optional port the clients sign, "
            f"like 'https://api.example.com', not {origin!r}"
        )
    try:
        parts.port
    except ValueError:
        raise InvalidOptionError(f"origin has a bad port: {origin!r}") from None
    return f"{parts.scheme.lower()}://{parts.netloc}"


def check_options(secrets: Any, max_body: int, verify_options: Dict[str, Any]) -> None:
    """Raises early, at construction, what would otherwise fail on every request."""
    if secrets is None:
        raise TypeError("secrets is required: a lookup object, Credentials or a Signer")
    if not isinstance(max_body, int) or isinstance(max_body, bool) or max_body < 0:
        raise InvalidOptionError(f"max_body must be a number of bytes >= 0, not {max_body!r}")
    reserved = sorted(_RESERVED & set(verify_options))
    if reserved:
        raise TypeError(f"the middleware takes {', '.join(reserved)} from each request, not as an option")


def quote_path(path: str) -> str:
    """A decoded path (WSGI's latin-1 ``PATH_INFO``, ASGI's ``path``) percent-encoded again."""
    return urllib.parse.quote(path.encode("latin-1", "replace"), safe=_PATH_SAFE)


def refusal(error: Error, realm: Optional[str]) -> Response:
    """The answer to a request ``verify`` refused, or raises ``error`` again when it is the
    server's fault (a bad option or secret lookup), for the server's 500 handling."""
    if isinstance(error, NonceStoreUnavailableError):
        # Fail closed: nobody knows whether this is a replay. Not 401: the client did
        # nothing wrong, and may retry.
        log.error("oauth1: request refused, the nonce store is unavailable: %s", error)
        return (
            503,
            "Service Unavailable",
            [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "1")],
            b"503 Service Unavailable: the nonce store cannot be reached, so the request "
            b"could not be checked for replay and was refused; retry shortly.\n",
        )
    if isinstance(error, VerificationError) or error.problem is not None:
        rejection = (
            error if isinstance(error, VerificationError) else VerificationError(str(error), problem=error.problem)
        )
        problem = rejection.problem or "parameter_rejected"
        return (
            401,
            "Unauthorized",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("WWW-Authenticate", rejection.www_authenticate(realm=realm)),
            ],
            f"401 Unauthorized: oauth_problem={problem}\n".encode(),
        )
    if error.code in ("invalid_url", "unsupported_scheme", "invalid_method"):
        # The request line itself cannot be read (a path that does not parse, ...).
        return (400, "Bad Request", [("Content-Type", "text/plain; charset=utf-8")], b"400 Bad Request\n")
    raise error


def too_large(max_body: int) -> Response:
    """The 413 answer to a body over ``max_body`` bytes."""
    return (
        413,
        "Payload Too Large",
        [("Content-Type", "text/plain; charset=utf-8")],
        f"413 Payload Too Large: the body is over {max_body} bytes\n".encode(),
    )


def bad_length() -> Response:
    """The 400 answer to a Content-Length that is not a number."""
    return (400, "Bad Request", [("Content-Type", "text/plain; charset=utf-8")], b"400 Bad Request: Content-Length\n")
