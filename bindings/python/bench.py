"""Signing speed: oauth1 against oauthlib and requests-oauthlib, in one run.

Signs the typical LivePerson request (HMAC-SHA1, fixed nonce and timestamp) with

* ``oauth1.Signer.sign`` and ``oauthlib.oauth1.Client.sign``;
* the ``requests`` auth path: ``oauth1.OAuth1`` and ``requests_oauthlib.OAuth1`` each
  called on a copy of the same ``requests.PreparedRequest``;

checks that they agree, and prints µs per signature and the ratios.

    target/python-venv/bin/python bindings/python/bench.py [--seconds 0.5]

``--json`` is the Python side of the project-wide benchmark (``make bench``,
``bench/run``): the same four entry points on the typical request and on 1-1000 query
parameters and 0 B-1 MiB bodies with ``oauth_body_hash``, the entry points taking turns
in every round, printed as one JSON document (signature and µs per sign of each round).

Not part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

import oauth1

URL = (
    "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity"
    "?timeframe=60&v=1&agentIds=all&skillIds=all"
)
KEY, SECRET, TOKEN, TOKEN_SECRET = "app-key", "app-secret", "access-token", "access-token-secret"
NONCE, TIMESTAMP = "abcdef0123456789abcdef0123456789", 1700000000


def per_call_us(fn: Callable[[], object], seconds: float) -> float:
    """Best of five runs of about `seconds` / 5 each, in µs per call."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed > seconds / 50:
            break
        n *= 2
    calls = max(1, int(n * (seconds / 5) / elapsed))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best * 1e6


BASE = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity"
BODY_TYPE = "application/json"
BODY_PATTERN = b'{"id":12345678}\n'  # 16 bytes; not form-like, so oauthlib accepts it as a body
QUERY_SIZES = (1, 10, 100, 1000)
BODY_SIZES = (0, 1 << 10, 1 << 16, 1 << 20)


def _calibrate(fn: Callable[[], object], round_s: float) -> int:
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= round_s / 8:
            return max(1, int(round_s / (elapsed / n)))
        n *= 2


def _measure(fns: "list[Callable[[], object]]", rounds: int, round_s: float) -> "list[tuple[list[float], list[float]]]":
    """µs per call of each function in each round, as (this thread's CPU time, wall
    time); the functions take turns every round. On a shared machine the CPU time is
    what a round would take alone; the wall time also holds waiting for a core."""
    calls = [_calibrate(fn, round_s) for fn in fns]
    out: "list[tuple[list[float], list[float]]]" = [([], []) for _ in fns]
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            cpu = time.thread_time_ns()
            start = time.perf_counter_ns()
            for _ in range(calls[i]):
                fn()
            wall = time.perf_counter_ns() - start
            out[i][0].append((time.thread_time_ns() - cpu) / calls[i] / 1e3)
            out[i][1].append(wall / calls[i] / 1e3)
    return out


def _signature_of(header: object) -> str:
    value = header.decode() if isinstance(header, bytes) else str(header)
    return dict(oauth1.parse_authorization_header(value))["oauth_signature"]


def json_main(rounds: int, growth_rounds: int, round_ms: float) -> int:
    """The ``--json`` mode: see the module docstring."""
    import importlib.metadata
    import json

    import oauthlib
    import requests
    import requests_oauthlib
    from oauthlib.oauth1 import Client
    from requests_oauthlib import OAuth1 as RequestsOAuth1

    round_s = round_ms / 1000
    creds = dict(client_secret=SECRET, resource_owner_key=TOKEN, resource_owner_secret=TOKEN_SECRET)
    client = Client(KEY, nonce=NONCE, timestamp=str(TIMESTAMP), **creds)  # type: ignore[arg-type]
    theirs_auth = RequestsOAuth1(KEY, SECRET, TOKEN, TOKEN_SECRET, nonce=NONCE, timestamp=str(TIMESTAMP))
    # requests-oauthlib leaves a non-form body out unless told to include it; then
    # oauthlib adds oauth_body_hash.
    theirs_auth_body = RequestsOAuth1(
        KEY, SECRET, TOKEN, TOKEN_SECRET, nonce=NONCE, timestamp=str(TIMESTAMP), force_include_body=True
    )

    class PinnedOAuth1(oauth1.OAuth1):
        """``oauth1.OAuth1`` with the fixed nonce and timestamp, so its signature can be
        compared; the same path otherwise (``_sign`` is the one call it overrides)."""

        def _sign(self, method: str, url: str, body: object, content_type: "str | None") -> oauth1.Signed:
            return self.signer.sign(method, url, body=body, content_type=content_type, nonce=NONCE, timestamp=TIMESTAMP)  # type: ignore[arg-type]

    def entry_points(method: str, url: str, body: "bytes | None") -> "dict[str, tuple[Callable[[], object], Callable[[], str]]]":
        """id -> (the timed call, a call that returns the plain base64 signature)."""
        hashing = body is not None
        signer = oauth1.Signer(KEY, SECRET, TOKEN, TOKEN_SECRET, body_hash=hashing)
        ours_auth = PinnedOAuth1(signer)
        # The auth objects sign the request as `requests` prepares it; each call gets a
        # fresh copy (PreparedRequest.copy is part of the timed work for both).
        prepared = requests.Request(method, url, headers={"Content-Type": BODY_TYPE} if hashing else {}).prepare()
        if hashing:
            prepared.body = body  # also for b"", which requests would turn into "no body"
        ctype = BODY_TYPE if hashing else None
        text = body.decode() if body is not None else None
        headers = {"Content-Type": BODY_TYPE} if hashing else None
        theirs = theirs_auth_body if hashing else theirs_auth

        def py_sign() -> object:
            return signer.sign(method, url, body=body, content_type=ctype, nonce=NONCE, timestamp=TIMESTAMP)

        def oauthlib_sign() -> object:
            return client.sign(url, method, text, headers)

        return {
            "py-sign": (py_sign, lambda: py_sign().signature),  # type: ignore[attr-defined]
            "py-requests": (
                lambda: ours_auth(prepared.copy()),
                lambda: _signature_of(ours_auth(prepared.copy()).headers["Authorization"]),
            ),
            "oauthlib": (oauthlib_sign, lambda: _signature_of(oauthlib_sign()[1]["Authorization"])),  # type: ignore[index]
            "requests-oauthlib": (
                lambda: theirs(prepared.copy()),
                lambda: _signature_of(theirs(prepared.copy()).headers["Authorization"]),
            ),
        }

    def run(method: str, url: str, body: "bytes | None", n_rounds: int, case: "str | None") -> "list[dict[str, object]]":
        return timed(entry_points(method, url, body), n_rounds, case)

    def timed(eps: "dict[str, tuple[Callable[[], object], Callable[[], str]]]", n_rounds: int, case: "str | None") -> "list[dict[str, object]]":
        signatures = {}
        for name, (_, sig) in list(eps.items()):
            try:
                signatures[name] = sig()
            except Exception as error:  # an incumbent that cannot sign this request
                unsupported.append({"id": name, "case": case, "why": f"{type(error).__name__}: {error}"})
                del eps[name]
        times = _measure([fn for fn, _ in eps.values()], n_rounds, round_s)
        out = []
        for name, us in zip(eps, times):
            entry: "dict[str, object]" = {"id": name, "signature": signatures[name], "rounds_us": us[0], "wall_us": us[1]}
            if case is not None:
                entry["case"] = case
            out.append(entry)
        return out

    unsupported: "list[dict[str, object]]" = []

    typical = run("GET", URL, None, rounds, None)
    prepared = requests.Request("GET", URL).prepare()
    baselines = [
        {"name": "`requests.PreparedRequest.copy()` (inside both `requests` rows, a fresh request per call)",
         "rounds_us": _measure([prepared.copy], rounds, round_s)[0][0]}
    ]
    growth: "list[dict[str, object]]" = []
    for n in QUERY_SIZES:
        url = BASE + "?" + "&".join(f"p{i}=v{i}" for i in range(n))
        growth += run("GET", url, None, growth_rounds, f"query:{n}")
    for size in BODY_SIZES:
        body = (BODY_PATTERN * (size // 16 + 1))[:size]
        growth += run("POST", URL, body, growth_rounds, f"body:{size}")
    # RSA (RFC 5849 section 3.4.3): ours and oauthlib's with the 2048-bit test key.
    from oauthlib.oauth1 import SIGNATURE_RSA_SHA1, SIGNATURE_RSA_SHA256

    pem = (Path(__file__).resolve().parents[2] / "tests" / "vectors" / "keys" / "rsa-2048.pem").read_text()
    rsa: "list[dict[str, object]]" = []
    for tag, name, theirs_method in (("sha1", "RSA-SHA1", SIGNATURE_RSA_SHA1), ("sha256", "RSA-SHA256", SIGNATURE_RSA_SHA256)):
        rsa_signer = oauth1.Signer(KEY, token=TOKEN, private_key=oauth1.RsaPrivateKey(pem), signature_method=name)
        rsa_client = Client(KEY, resource_owner_key=TOKEN, signature_method=theirs_method, rsa_key=pem,
                            nonce=NONCE, timestamp=str(TIMESTAMP))

        def py_rsa(s: "oauth1.Signer" = rsa_signer) -> "oauth1.Signed":
            return s.sign("GET", URL, nonce=NONCE, timestamp=TIMESTAMP)

        def oauthlib_rsa(c: "Client" = rsa_client) -> object:
            return c.sign(URL, "GET")

        rsa += timed({
            f"py-rsa-{tag}": (py_rsa, lambda f=py_rsa: f().signature),
            f"oauthlib-rsa-{tag}": (oauthlib_rsa, lambda f=oauthlib_rsa: _signature_of(f()[1]["Authorization"])),  # type: ignore[index]
        }, rounds, None)
    doc = {
        "language": "Python",
        "runtime": f"CPython {sys.version.split()[0]}",
        "versions": {
            "oauth1": importlib.metadata.version("oauth1"),
            "oauthlib": oauthlib.__version__,
            "requests-oauthlib": requests_oauthlib.__version__,
            "requests": requests.__version__,
        },
        "typical": typical,
        "growth": growth,
        "rsa": rsa,
        "baselines": baselines,
        "unsupported": unsupported,
    }
    json.dump(doc, sys.stdout)
    print()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument("--json", action="store_true", help="the project-wide benchmark's JSON mode")
    parser.add_argument("--rounds", type=int, default=21, help="--json: rounds on the typical request")
    parser.add_argument("--growth-rounds", type=int, default=7, help="--json: rounds per growth case")
    parser.add_argument("--round-ms", type=float, default=20.0, help="--json: time per entry point per round")
    args = parser.parse_args()
    if args.json:
        return json_main(args.rounds, args.growth_rounds, args.round_ms)

    import requests
    from oauthlib.oauth1 import Client
    from requests_oauthlib import OAuth1 as RequestsOAuth1

    signer = oauth1.Signer(KEY, SECRET, TOKEN, TOKEN_SECRET)
    client = Client(KEY, client_secret=SECRET, resource_owner_key=TOKEN, resource_owner_secret=TOKEN_SECRET, nonce=NONCE, timestamp=str(TIMESTAMP))
    ours_auth = oauth1.OAuth1(signer)
    theirs_auth = RequestsOAuth1(KEY, SECRET, TOKEN, TOKEN_SECRET, nonce=NONCE, timestamp=str(TIMESTAMP))
    prepared = requests.Request("GET", URL).prepare()

    # They agree: the same signature from all four, and every header verifies.
    signed = signer.sign("GET", URL, nonce=NONCE, timestamp=TIMESTAMP)
    _, oauthlib_headers, _ = client.sign(URL, "GET")
    theirs_request = theirs_auth(prepared.copy())
    ours_request = ours_auth(prepared.copy())
    def header_of(headers: object) -> str:
        value = headers["Authorization"]  # type: ignore[index]
        return value.decode() if isinstance(value, bytes) else str(value)

    signature_of = {
        "oauth1.Signer.sign": signed.signature,
        "oauthlib Client.sign": dict(oauth1.parse_authorization_header(header_of(oauthlib_headers)))["oauth_signature"],
        "requests-oauthlib OAuth1": dict(oauth1.parse_authorization_header(header_of(theirs_request.headers)))["oauth_signature"],
    }
    if len(set(signature_of.values())) != 1:
        print("signatures disagree:", signature_of, file=sys.stderr)
        return 1
    for headers in (oauthlib_headers, theirs_request.headers, ours_request.headers):
        oauth1.verify("GET", URL, authorization=header_of(headers), secrets=signer, max_skew=10**10)
    print(f"all agree: oauth_signature={signed.signature}")

    results = {
        "oauth1 Signer.sign": per_call_us(lambda: signer.sign("GET", URL, nonce=NONCE, timestamp=TIMESTAMP), args.seconds),
        "oauth1 Signer.sign (random nonce, clock)": per_call_us(lambda: signer.sign("GET", URL), args.seconds),
        "oauth1 Signer.authorization": per_call_us(lambda: signer.authorization("GET", URL, nonce=NONCE, timestamp=TIMESTAMP), args.seconds),
        "oauthlib Client.sign": per_call_us(lambda: client.sign(URL, "GET"), args.seconds),
        "PreparedRequest.copy (baseline)": per_call_us(prepared.copy, args.seconds),
        "requests: oauth1.OAuth1": per_call_us(lambda: ours_auth(prepared.copy()), args.seconds),
        "requests: requests_oauthlib.OAuth1": per_call_us(lambda: theirs_auth(prepared.copy()), args.seconds),
    }
    width = max(map(len, results))
    for name, us in results.items():
        print(f"{name:<{width}}  {us:9.2f} µs/sign")
    sign_ratio = results["oauthlib Client.sign"] / results["oauth1 Signer.sign"]
    auth_ratio = results["requests: requests_oauthlib.OAuth1"] / results["requests: oauth1.OAuth1"]
    print(f"\nSigner.sign vs oauthlib Client.sign:           {sign_ratio:6.1f}x faster (target >= 50x)")
    print(f"requests auth: oauth1 vs requests-oauthlib:    {auth_ratio:6.1f}x faster (target >= 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
