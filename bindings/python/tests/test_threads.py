"""Eight threads sharing one Signer (and one NonceStore) get exactly what one thread
gets: the same signatures for the same nonce and timestamp, every one verifying, and a
replayed nonce accepted once however many threads race to verify it."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

import oauth1

THREADS = 8
PER_THREAD = 250
NOW = 1700000000
FORM = "application/x-www-form-urlencoded"
METHODS = ["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT"]

T = TypeVar("T")


def request(i: int) -> dict[str, Any]:
    """The i-th request: varied method, URL, body, nonce and timestamp."""
    form = i % 3 == 0
    return {
        "method": "POST" if form else "GET",
        "url": f"https://api.example.com/v1/items/{i}?page={i % 7}&q=caf%C3%A9+{i}",
        "body": f"n={i}&text=hello+world" if form else None,
        "content_type": FORM if form else None,
        "nonce": f"nonce{i:06d}",
        "timestamp": NOW - (i % 100),
    }


def sign(signer: oauth1.Signer, r: dict[str, Any]) -> tuple[str, str, str]:
    s = signer.sign(
        r["method"], r["url"], body=r["body"], content_type=r["content_type"], nonce=r["nonce"], timestamp=r["timestamp"]
    )
    return s.authorization, s.signature, s.base_string


def run_in_threads(work: Callable[[int], T]) -> list[T]:
    """Runs work(t) for t in range(THREADS) on THREADS threads released together."""
    barrier = threading.Barrier(THREADS)

    def start(t: int) -> T:
        barrier.wait()
        return work(t)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(start, range(THREADS)))


def test_eight_threads_share_one_signer() -> None:
    for method in METHODS:
        signer = oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret", signature_method=method)
        total = THREADS * PER_THREAD
        expected = [sign(signer, request(i)) for i in range(total)]

        def work(t: int) -> list[tuple[int, tuple[str, str, str]]]:
            # Interleaved indices, so threads sign different requests at the same time.
            return [(i, sign(signer, request(i))) for i in range(t, total, THREADS)]

        results = [item for chunk in run_in_threads(work) for item in chunk]
        assert len(results) == total
        for i, got in results:
            assert got == expected[i], f"{method} request {i} differs from single-threaded signing"
            r = request(i)
            verified = oauth1.verify(
                r["method"],
                r["url"],
                authorization=got[0],
                body=r["body"],
                content_type=r["content_type"],
                secrets=signer,
                now=NOW,
                signature_methods=METHODS,
            )
            assert verified.base_string == got[2]


def test_random_nonces_from_threads_are_unique_and_verify() -> None:
    signer = oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret")
    url = "https://api.example.com/x?a=1"

    def work(t: int) -> list[tuple[str, str]]:
        out = []
        for _ in range(PER_THREAD):
            s = signer.sign("GET", url, timestamp=NOW)
            out.append((s.nonce, s.authorization))
        return out

    results = [item for chunk in run_in_threads(work) for item in chunk]
    assert len({nonce for nonce, _ in results}) == len(results)
    store = oauth1.NonceStore(capacity=len(results) + 1)
    for _, authorization in results:
        oauth1.verify("GET", url, authorization=authorization, secrets=signer, now=NOW, nonce_store=store)
    assert len(store) == len(results)


def test_racing_replays_are_accepted_once() -> None:
    signer = oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret")
    store = oauth1.NonceStore()
    url = "https://api.example.com/x"
    rounds = 200
    headers = [signer.authorization("GET", url, nonce=f"race{i}", timestamp=NOW) for i in range(rounds)]

    def work(t: int) -> list[int]:
        accepted = []
        for i, header in enumerate(headers):
            try:
                oauth1.verify("GET", url, authorization=header, secrets=signer, now=NOW, nonce_store=store)
            except oauth1.NonceUsedError:
                continue
            accepted.append(i)
        return accepted

    accepted = sorted(i for chunk in run_in_threads(work) for i in chunk)
    assert accepted == list(range(rounds)), "each nonce must be accepted by exactly one thread"
    assert len(store) == rounds


def test_large_bodies_are_signed_without_holding_the_gil() -> None:
    # Hashing 64 MiB takes tens of milliseconds. While one thread signs it, this one
    # keeps running Python code: the longest pause it sees stays well below the time
    # the signature took, which it could not if the GIL were held throughout.
    signer = oauth1.Signer("app-key", "app-secret", body_hash=True)
    body = b"x" * (64 << 20)
    looping, finished = threading.Event(), threading.Event()
    took: list[float] = []

    def sign_large() -> None:
        looping.wait()
        begin = time.perf_counter()
        signer.sign("PUT", "https://api.example.com/upload", body=body, content_type="application/octet-stream")
        took.append(time.perf_counter() - begin)
        finished.set()

    worker = threading.Thread(target=sign_large)
    worker.start()
    longest, last = 0.0, time.perf_counter()
    looping.set()
    while not finished.is_set():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    assert longest < took[0] / 2, f"this thread paused {longest:.3f} s of the {took[0]:.3f} s signature"
