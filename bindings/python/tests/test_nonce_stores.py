"""Nonce stores written in Python (issue 17): user stores for ``verify`` and
``verify_async``, ``nonce_store_key``, and ``RedisNonceStore`` /
``AsyncRedisNonceStore`` against a real Redis.

test.sh starts a redis-server and exports OAUTH1_TEST_REDIS_URL; without it the Redis
tests fail, never skip. The tests that stop Redis mid-test start their own.
"""

from __future__ import annotations

import asyncio
import os
import pathlib
import subprocess
import threading
import time
from typing import Any, Iterator, Optional

import pytest
import redis
import redis.asyncio

import oauth1

ROOT = pathlib.Path(__file__).resolve().parents[3]
URL = "https://api.example.com/photos?size=original"
NOW = 1_700_000_000
SIGNER = oauth1.Signer("app-key", "app-secret", "access-token", "token-secret")
# crates/oauth1/tests/verification.rs, the_shared_nonce_key_is_fixed_for_every_language
FIXED_KEY = "oauth1:nonce:e656743b1845f34e28ee5590b839e43dbbaddf9cfc530298b7914707ed93a581"


def redis_url() -> str:
    url = os.environ.get("OAUTH1_TEST_REDIS_URL")
    if not url:
        pytest.fail("OAUTH1_TEST_REDIS_URL is not set: run bindings/python/test.sh, which starts a redis-server")
    return url


def signed(nonce: Optional[str] = None, timestamp: int = NOW) -> tuple[str, str]:
    """A fresh nonce and the Authorization header of a GET signed with it."""
    nonce = nonce or oauth1.generate_nonce()
    return nonce, SIGNER.authorization("GET", URL, nonce=nonce, timestamp=timestamp)


def check(authorization: str, store: Any, **options: Any) -> oauth1.Verified:
    options.setdefault("now", NOW)
    return oauth1.verify("GET", URL, authorization=authorization, secrets=SIGNER, nonce_store=store, **options)


def check_async(authorization: str, store: Any, **options: Any) -> oauth1.Verified:
    options.setdefault("now", NOW)
    return asyncio.run(
        oauth1.verify_async("GET", URL, authorization=authorization, secrets=SIGNER, nonce_store=store, **options)
    )


@pytest.fixture
def client() -> Iterator[redis.Redis]:
    c = redis.Redis.from_url(redis_url())
    yield c
    c.close()


# --- the key ---------------------------------------------------------------------


def test_the_key_is_the_cores_and_fixed_for_every_language() -> None:
    assert oauth1.nonce_store_key("app-key", "access-token", "n0nce", NOW) == FIXED_KEY
    keys = {
        oauth1.nonce_store_key("app-key", "access-token", "n0nce", NOW),
        oauth1.nonce_store_key("app-key", None, "n0nce", NOW),
        oauth1.nonce_store_key("app-key", "", "n0nce", NOW),
        oauth1.nonce_store_key("app-keyn", "0nce", "", NOW),
        oauth1.nonce_store_key("app-key", "access-token", "n0nce", NOW + 1),
    }
    assert len(keys) == 5 and all(k.startswith("oauth1:nonce:") and len(k) == 13 + 64 for k in keys)


# --- stores written by the user ----------------------------------------------------


class Answering:
    """A store that answers what it is told and records what it was asked."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.asked: list[tuple[Any, ...]] = []

    def check_and_insert(self, *args: Any) -> Any:
        self.asked.append(args)
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer


class AsyncAnswering(Answering):
    async def check_and_insert(self, *args: Any) -> Any:  # type: ignore[override]
        await asyncio.sleep(0)
        return super().check_and_insert(*args)


@pytest.mark.parametrize("kind", [Answering, AsyncAnswering])
def test_a_user_store_is_asked_once_with_the_request(kind: type[Answering]) -> None:
    store = kind("fresh")
    nonce, auth = signed()
    verified = check_async(auth, store, now=NOW + 7)
    assert store.asked == [("app-key", "access-token", nonce, NOW, NOW + 7)]
    assert verified.verified_at == NOW + 7 and verified.nonce == nonce
    if kind is Answering:
        check(auth, store)
        assert store.asked[1] == ("app-key", "access-token", nonce, NOW, NOW)


@pytest.mark.parametrize("kind", [Answering, AsyncAnswering])
def test_a_user_stores_answers_are_verdicts(kind: type[Answering]) -> None:
    verifiers = [check_async] if kind is AsyncAnswering else [check, check_async]
    for run in verifiers:
        with pytest.raises(oauth1.NonceUsedError):
            run(signed()[1], kind("replayed"))
        with pytest.raises(oauth1.TimestampRefusedError) as info:
            run(signed()[1], kind("too_old"), max_skew=60)
        assert info.value.acceptable_timestamps == (NOW + 1, NOW + 60)


GARBAGE = [
    (ConnectionError("connection refused"), "check_and_insert raised ConnectionError: connection refused"),
    (ValueError("bad"), "check_and_insert raised ValueError: bad"),
    ("FRESH", "check_and_insert returned 'FRESH', not 'fresh', 'replayed' or 'too_old'"),
    (None, "check_and_insert returned None"),
    (True, "check_and_insert returned True"),
    (b"fresh", "check_and_insert returned b'fresh'"),
    ("x" * 1000, "check_and_insert returned 'xxxx"),
    (oauth1.NonceStoreUnavailableError("my store at db:1: timed out"), "fail closed): my store at db:1: timed out"),
]


@pytest.mark.parametrize("kind", [Answering, AsyncAnswering])
@pytest.mark.parametrize("answer,message", GARBAGE, ids=[repr(g[0])[:20] for g in GARBAGE])
def test_a_user_store_that_raises_or_answers_garbage_refuses(kind: type[Answering], answer: Any, message: str) -> None:
    verifiers = [check_async] if kind is AsyncAnswering else [check, check_async]
    for run in verifiers:
        with pytest.raises(oauth1.NonceStoreUnavailableError) as info:
            run(signed()[1], kind(answer))
        err = info.value
        assert err.code == "nonce_store_unavailable" and err.problem is None
        assert message in str(err) and len(str(err)) < 400
        assert not isinstance(err, oauth1.VerificationError)


def test_an_async_store_given_to_the_synchronous_verify_refuses_without_a_warning() -> None:
    # filterwarnings=error: a coroutine left unawaited would fail the test.
    with pytest.raises(oauth1.NonceStoreUnavailableError, match="use oauth1.verify_async"):
        check(signed()[1], AsyncAnswering("fresh"))


def test_an_interrupt_in_a_store_is_not_turned_into_a_refusal() -> None:
    for run in (check, check_async):
        with pytest.raises(KeyboardInterrupt):
            run(signed()[1], Answering(KeyboardInterrupt()))


def test_an_object_without_check_and_insert_is_a_type_error() -> None:
    for run in (check, check_async):
        with pytest.raises(TypeError, match="check_and_insert"):
            run(signed()[1], object())


def test_a_bad_signature_never_reaches_the_store() -> None:
    store = AsyncAnswering("fresh")
    with pytest.raises(oauth1.SignatureInvalidError):
        asyncio.run(oauth1.verify_async("POST", URL, authorization=signed()[1], secrets=SIGNER, now=NOW, nonce_store=store))
    assert store.asked == []


def test_verify_async_takes_the_memory_store_and_no_store() -> None:
    store = oauth1.NonceStore()
    _, auth = signed()
    check_async(auth, store)
    with pytest.raises(oauth1.NonceUsedError):
        check_async(auth, store)
    check_async(auth, None)
    check_async(auth, None)


# --- Redis -------------------------------------------------------------------------


def test_redis_store_fresh_replayed_too_old(client: redis.Redis) -> None:
    store = oauth1.RedisNonceStore(client)
    assert store.window == 300 and repr(store).startswith("RedisNonceStore(127.0.0.1:")
    nonce, auth = signed()
    assert check(auth, store).nonce == nonce
    with pytest.raises(oauth1.NonceUsedError):
        check(auth, store)
    with pytest.raises(oauth1.NonceUsedError):
        check_async(auth, store)
    # Older than the store's window (but within the skew): refused, nothing written.
    short = oauth1.RedisNonceStore(client, window=60)
    nonce, auth = signed(timestamp=NOW - 100)
    with pytest.raises(oauth1.TimestampRefusedError):
        check(auth, short)
    assert client.exists(oauth1.nonce_store_key("app-key", "access-token", nonce, NOW - 100)) == 0


def test_redis_key_and_ttl(client: redis.Redis) -> None:
    store = oauth1.RedisNonceStore(client, window=120)
    nonce, auth = signed(timestamp=NOW - 20)
    check(auth, store)
    key = oauth1.nonce_store_key("app-key", "access-token", nonce, NOW - 20)
    assert client.get(key) == b"1"
    # timestamp + window - now + 1 seconds: 101.
    assert 99 <= client.ttl(key) <= 101
    # A timestamp in the future is kept until window seconds past it.
    nonce, auth = signed(timestamp=NOW + 30)
    check(auth, store)
    assert 149 <= client.ttl(oauth1.nonce_store_key("app-key", "access-token", nonce, NOW + 30)) <= 151
    # The shortest TTL is one second, at the edge of the window.
    nonce, auth = signed(timestamp=NOW - 120)
    check(auth, store)
    assert client.ttl(oauth1.nonce_store_key("app-key", "access-token", nonce, NOW - 120)) == 1


def test_async_redis_store_fresh_replayed_too_old() -> None:
    async def run() -> None:
        store = oauth1.AsyncRedisNonceStore.from_url(redis_url())
        try:
            nonce, auth = signed()
            ok = await oauth1.verify_async("GET", URL, authorization=auth, secrets=SIGNER, now=NOW, nonce_store=store)
            assert ok.nonce == nonce
            with pytest.raises(oauth1.NonceUsedError):
                await oauth1.verify_async("GET", URL, authorization=auth, secrets=SIGNER, now=NOW, nonce_store=store)
            key = oauth1.nonce_store_key("app-key", "access-token", nonce, NOW)
            assert 299 <= await store.client.ttl(key) <= 301
            nonce, auth = signed(timestamp=NOW - 250)
            with pytest.raises(oauth1.TimestampRefusedError):
                await oauth1.verify_async(
                    "GET", URL, authorization=auth, secrets=SIGNER, now=NOW, nonce_store=oauth1.AsyncRedisNonceStore(store.client, window=200)
                )
        finally:
            await store.client.aclose()

    asyncio.run(run())


def test_two_stores_on_one_redis_refuse_each_others_replays() -> None:
    one = oauth1.RedisNonceStore.from_url(redis_url())
    two = oauth1.RedisNonceStore.from_url(redis_url())
    try:
        assert one.client is not two.client
        _, auth = signed()
        check(auth, one)
        with pytest.raises(oauth1.NonceUsedError):
            check(auth, two)
        _, auth = signed()
        check(auth, two)
        with pytest.raises(oauth1.NonceUsedError):
            check(auth, one)

        # A synchronous server and an asyncio one share the key too.
        async def replay(auth: str) -> None:
            store = oauth1.AsyncRedisNonceStore.from_url(redis_url())
            try:
                with pytest.raises(oauth1.NonceUsedError):
                    await oauth1.verify_async("GET", URL, authorization=auth, secrets=SIGNER, now=NOW, nonce_store=store)
                _, fresh = signed()
                await oauth1.verify_async("GET", URL, authorization=fresh, secrets=SIGNER, now=NOW, nonce_store=store)
                with pytest.raises(oauth1.NonceUsedError):
                    check(fresh, one)
            finally:
                await store.client.aclose()

        asyncio.run(replay(auth))
    finally:
        one.client.close()
        two.client.close()


def test_redis_store_from_several_threads(client: redis.Redis) -> None:
    store = oauth1.RedisNonceStore(client)
    requests = [signed()[1] for _ in range(100)]
    accepted: list[str] = []
    refused: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def work() -> None:
        start.wait()
        for auth in requests:
            try:
                check(auth, store)
                outcome = accepted
            except oauth1.NonceUsedError:
                outcome = refused
            except BaseException as exc:  # noqa: BLE001
                with lock:
                    failures.append(exc)
                continue
            with lock:
                outcome.append(auth)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    # Each request accepted exactly once, whichever thread got there first.
    assert sorted(accepted) == sorted(requests)
    assert len(refused) == 7 * len(requests)


def test_a_redis_store_rejects_a_window_it_cannot_keep(client: redis.Redis) -> None:
    for kind in (oauth1.RedisNonceStore, oauth1.AsyncRedisNonceStore):
        with pytest.raises(oauth1.InvalidOptionError):
            kind(client, window=0)
        with pytest.raises(TypeError):
            kind(client, window="300")  # type: ignore[arg-type]


def test_an_odd_reply_from_redis_refuses() -> None:
    class Odd:
        def set(self, *args: Any, **kwargs: Any) -> Any:
            return "QUEUED"

    with pytest.raises(oauth1.NonceStoreUnavailableError, match="unexpected reply 'QUEUED'"):
        check(signed()[1], oauth1.RedisNonceStore(Odd()))


# --- Redis going away ----------------------------------------------------------------


class PrivateRedis:
    """A redis-server of this test's own (scripts/redis-server), stopped and started
    again on the same port."""

    def __init__(self, folder: pathlib.Path) -> None:
        self.folder = folder
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "redis-server"), "start", str(folder)],
            check=True, capture_output=True, text=True, timeout=300,
        )
        self.url = done.stdout.strip()
        self.port = int((folder / "port").read_text())

    def stop(self) -> None:
        pid = int((self.folder / "redis.pid").read_text())
        os.kill(pid, 15)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        raise AssertionError("redis-server did not stop")

    def restart(self) -> None:
        # The same flags as scripts/redis-server, on the same port.
        d = self.folder
        subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--daemonize", "yes", "--dir", str(d), "--pidfile", str(d / "redis.pid"), "--logfile", str(d / "redis.log")],
            check=True, capture_output=True, timeout=30,
        )
        for _ in range(100):
            try:
                if redis.Redis(port=self.port, socket_timeout=1).ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not come back")

    def remove(self) -> None:
        subprocess.run(["bash", str(ROOT / "scripts" / "redis-server"), "stop", str(self.folder)], check=True, timeout=60)


@pytest.fixture
def private_redis(tmp_path: pathlib.Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path / "redis")
    yield server
    server.remove()


def test_redis_stopped_mid_test_fails_closed_then_recovers(private_redis: PrivateRedis) -> None:
    store = oauth1.RedisNonceStore.from_url(private_redis.url)
    try:
        check(signed()[1], store)
        private_redis.stop()
        _, auth = signed()
        for run in (check, check_async):
            with pytest.raises(oauth1.NonceStoreUnavailableError) as info:
                run(auth, store)
            message = str(info.value)
            assert f"Redis nonce store at 127.0.0.1:{private_redis.port}: ConnectionError" in message
            assert info.value.code == "nonce_store_unavailable"
        private_redis.restart()
        # Never recorded while Redis was down: accepted once, now that it is back.
        check(auth, store)
        with pytest.raises(oauth1.NonceUsedError):
            check(auth, store)
    finally:
        store.client.close()


def test_async_redis_stopped_mid_test_fails_closed_then_recovers(private_redis: PrivateRedis) -> None:
    async def run() -> None:
        store = oauth1.AsyncRedisNonceStore.from_url(private_redis.url)

        async def verify(auth: str) -> oauth1.Verified:
            return await oauth1.verify_async("GET", URL, authorization=auth, secrets=SIGNER, now=NOW, nonce_store=store)

        try:
            await verify(signed()[1])
            private_redis.stop()
            _, auth = signed()
            with pytest.raises(oauth1.NonceStoreUnavailableError, match=f"127.0.0.1:{private_redis.port}"):
                await verify(auth)
            private_redis.restart()
            await verify(auth)
            with pytest.raises(oauth1.NonceUsedError):
                await verify(auth)
        finally:
            await store.client.aclose()

    asyncio.run(run())


def test_a_slow_redis_times_out_and_refuses(private_redis: PrivateRedis) -> None:
    store = oauth1.RedisNonceStore.from_url(private_redis.url)  # 1-second timeouts
    admin = redis.Redis.from_url(private_redis.url)
    try:
        check(signed()[1], store)
        admin.client_pause(3000)  # every command waits 3 seconds
        started = time.monotonic()
        with pytest.raises(oauth1.NonceStoreUnavailableError, match="TimeoutError"):
            check(signed()[1], store)
        assert time.monotonic() - started < 2.5
        admin.client_unpause()
    finally:
        store.client.close()
        admin.close()


def test_an_unreachable_redis_refuses_and_never_shows_the_password(private_redis: PrivateRedis) -> None:
    private_redis.stop()
    url = f"redis://:s3cret-pw@127.0.0.1:{private_redis.port}/0"
    store = oauth1.RedisNonceStore.from_url(url)
    try:
        assert "s3cret" not in repr(store)
        started = time.monotonic()
        with pytest.raises(oauth1.NonceStoreUnavailableError) as info:
            check(signed()[1], store)
        assert time.monotonic() - started < 5
        assert "s3cret" not in str(info.value) and f"127.0.0.1:{private_redis.port}" in str(info.value)
    finally:
        store.client.close()
    private_redis.restart()
