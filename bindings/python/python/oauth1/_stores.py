"""Nonce stores shared between servers: :class:`RedisNonceStore`,
:class:`AsyncRedisNonceStore` (on redis-py, an optional dependency: ``pip install
oauth1[redis]``), and :func:`verify_async` for stores whose ``check_and_insert`` is
``async def``.

A nonce store is any object with ``check_and_insert(consumer_key, token, nonce,
timestamp, now)`` returning ``"fresh"``, ``"replayed"`` or ``"too_old"``; raising
anything or returning anything else refuses the request with
:class:`~oauth1.NonceStoreUnavailableError` (fail closed: a server answers 503).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Awaitable, Optional, Protocol, Sequence, Union

from . import _native
from ._errors import InvalidOptionError, NonceStoreUnavailableError
from ._native import NonceStore, Verified, nonce_store_key

if TYPE_CHECKING:
    from ._native import Credentials, Signer, _Body, _SecretLookup

__all__ = [
    "SyncNonceStore",
    "AsyncNonceStore",
    "RedisNonceStore",
    "AsyncRedisNonceStore",
    "verify_async",
]

DEFAULT_WINDOW = 300
"""Seconds a nonce is remembered past its timestamp, by default: ``verify``'s default
``max_skew``."""

DEFAULT_SOCKET_TIMEOUT = 1.0
"""The connect and read timeouts ``from_url`` gives redis-py unless told otherwise, in
seconds: a slow Redis refuses requests (503) instead of holding them."""


class SyncNonceStore(Protocol):
    """A nonce store ``verify`` can use (besides the built-in :class:`NonceStore`)."""

    def check_and_insert(
        self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int, /
    ) -> str:
        """Records the nonce if unseen: ``"fresh"``, ``"replayed"`` or ``"too_old"``."""
        ...


class AsyncNonceStore(Protocol):
    """A nonce store whose ``check_and_insert`` is ``async def``, for :func:`verify_async`."""

    def check_and_insert(
        self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int, /
    ) -> Awaitable[str]:
        """Records the nonce if unseen: ``"fresh"``, ``"replayed"`` or ``"too_old"``."""
        ...


def _window(window: int) -> int:
    if isinstance(window, bool) or not isinstance(window, int):
        raise TypeError(f"window must be int, not {type(window).__name__}")
    if window < 1:
        raise InvalidOptionError(f"window must be at least 1 second, not {window}")
    return window


def _describe(client: Any) -> str:
    """``host:port`` (or the socket path) of a redis-py client, never its password."""
    try:
        kwargs = client.connection_pool.connection_kwargs
    except AttributeError:
        return type(client).__name__
    if kwargs.get("path"):
        return f"unix:{kwargs['path']}"
    return f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}"


def _redis_kwargs(redis_kwargs: dict[str, Any]) -> dict[str, Any]:
    redis_kwargs.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
    redis_kwargs.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
    return redis_kwargs


class _RedisBase:
    """What the synchronous and asynchronous Redis stores share: the window, the key,
    the TTL and how an answer or a failure is read."""

    def __init__(self, client: Any, *, window: int = DEFAULT_WINDOW) -> None:
        self.client = client
        self.window = _window(window)
        self._where = _describe(client)

    def _plan(self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int) -> Optional[tuple[str, int]]:
        """``None`` for a timestamp older than the window (no Redis call), else the key
        and its TTL in seconds."""
        if timestamp + self.window < now:
            return None
        key = nonce_store_key(consumer_key, token, nonce, timestamp)
        return key, max(1, timestamp + self.window - now + 1)

    def _answer(self, reply: Any) -> str:
        # SET NX answers OK (True in redis-py) when it set the key, nil when it existed.
        if reply is True or reply in (b"OK", "OK"):
            return "fresh"
        if reply is None:
            return "replayed"
        raise NonceStoreUnavailableError(
            f"Redis nonce store at {self._where}: unexpected reply {reply!r} to SET NX"
        )

    def _failure(self, exc: BaseException) -> NonceStoreUnavailableError:
        return NonceStoreUnavailableError(
            f"Redis nonce store at {self._where}: {type(exc).__name__}: {exc}"
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._where}, window={self.window})"


class RedisNonceStore(_RedisBase):
    """A nonce store in Redis, shared by every server (and every language) that uses the
    same Redis: one ``SET key 1 NX EX ttl`` per request, under the key
    :func:`nonce_store_key` gives, kept until ``window`` seconds past the timestamp.

    ``client`` is a ``redis.Redis`` (redis-py). ``window`` must be at least ``verify``'s
    ``max_skew`` (both 300 by default), or a replay could come back after its entry
    expired. Redis being down, slow or answering oddly raises
    :class:`NonceStoreUnavailableError` naming its ``host:port`` (fail closed). Safe to
    share between threads, as the client is.
    """

    @classmethod
    def from_url(cls, url: str, *, window: int = DEFAULT_WINDOW, **redis_kwargs: Any) -> "RedisNonceStore":
        """A store on ``redis.Redis.from_url(url, **redis_kwargs)``, with connect and
        read timeouts of 1 second unless given (``socket_timeout``,
        ``socket_connect_timeout``)."""
        import redis

        return cls(redis.Redis.from_url(url, **_redis_kwargs(redis_kwargs)), window=window)

    def check_and_insert(self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int) -> str:
        """Records the nonce if unseen: ``"fresh"``, ``"replayed"`` or ``"too_old"``."""
        plan = self._plan(consumer_key, token, nonce, timestamp, now)
        if plan is None:
            return "too_old"
        key, ttl = plan
        try:
            reply = self.client.set(key, 1, nx=True, ex=ttl)
        except Exception as exc:
            raise self._failure(exc) from exc
        return self._answer(reply)


class AsyncRedisNonceStore(_RedisBase):
    """:class:`RedisNonceStore` for asyncio, on a ``redis.asyncio.Redis`` client, for
    :func:`verify_async`: the same key, command and TTL, so both kinds of servers can
    share one Redis."""

    @classmethod
    def from_url(cls, url: str, *, window: int = DEFAULT_WINDOW, **redis_kwargs: Any) -> "AsyncRedisNonceStore":
        """A store on ``redis.asyncio.Redis.from_url(url, **redis_kwargs)``, with connect
        and read timeouts of 1 second unless given."""
        import redis.asyncio

        return cls(redis.asyncio.Redis.from_url(url, **_redis_kwargs(redis_kwargs)), window=window)

    async def check_and_insert(self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int) -> str:
        """Records the nonce if unseen: ``"fresh"``, ``"replayed"`` or ``"too_old"``."""
        plan = self._plan(consumer_key, token, nonce, timestamp, now)
        if plan is None:
            return "too_old"
        key, ttl = plan
        try:
            reply = await self.client.set(key, 1, nx=True, ex=ttl)
        except Exception as exc:
            raise self._failure(exc) from exc
        return self._answer(reply)


async def verify_async(
    method: str,
    url: str,
    *,
    authorization: Optional[str] = None,
    body: Optional[_Body] = None,
    content_type: Optional[str] = None,
    secrets: Union[Credentials, Signer, _SecretLookup],
    now: Optional[int] = None,
    max_skew: Optional[int] = None,
    nonce_store: Union[NonceStore, SyncNonceStore, AsyncNonceStore, None] = None,
    signature_methods: Optional[Sequence[str]] = None,
    allow_plaintext_over_http: Optional[bool] = None,
    require_timestamp: Optional[bool] = None,
    require_body_hash: Optional[bool] = None,
    hide_unknown_keys: Optional[bool] = None,
) -> Verified:
    """:func:`oauth1.verify` for asyncio servers: the same arguments, and a
    ``nonce_store`` whose ``check_and_insert`` may be ``async def`` (such as
    :class:`AsyncRedisNonceStore`), awaited after the signature checked out. The same
    verdicts: :class:`NonceUsedError` for a replay, :class:`TimestampRefusedError` for a
    timestamp the store is too young for, :class:`NonceStoreUnavailableError` when the
    store raises or answers anything else (never accepted).

    A synchronous store is called directly (blocking the event loop while it waits)."""
    options: dict[str, Any] = dict(
        authorization=authorization,
        body=body,
        content_type=content_type,
        secrets=secrets,
        now=now,
        max_skew=max_skew,
        signature_methods=signature_methods,
        allow_plaintext_over_http=allow_plaintext_over_http,
        require_timestamp=require_timestamp,
        require_body_hash=require_body_hash,
        hide_unknown_keys=hide_unknown_keys,
    )
    if nonce_store is None or isinstance(nonce_store, NonceStore):
        return _native.verify(method, url, nonce_store=nonce_store, **options)
    check = getattr(nonce_store, "check_and_insert", None)
    if not callable(check):
        raise TypeError(
            "nonce_store must be an oauth1.NonceStore or an object with "
            "check_and_insert(consumer_key, token, nonce, timestamp, now), "
            f"not {type(nonce_store).__name__}"
        )
    verified = _native.verify(method, url, **options)
    if verified.nonce is None or verified.timestamp is None:
        return verified  # a PLAINTEXT request without them: nothing to remember
    try:
        answer = check(verified.consumer_key, verified.token, verified.nonce, verified.timestamp, verified.verified_at)
        if inspect.isawaitable(answer):
            answer = await answer
    except Exception as exc:  # noqa: BLE001 -- every failure is the store's
        _native._nonce_verdict(verified, error=exc, max_skew=max_skew)
    else:
        _native._nonce_verdict(verified, answer, max_skew=max_skew)
    return verified
