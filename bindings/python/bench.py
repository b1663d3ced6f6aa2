"""Signing speed: oauth1 against oauthlib and requests-oauthlib, in one run.

Signs the typical LivePerson request (HMAC-SHA1, fixed nonce and timestamp) with

* ``oauth1.Signer.sign`` and ``oauthlib.oauth1.Client.sign``;
* the ``requests`` auth path: ``oauth1.OAuth1`` and ``requests_oauthlib.OAuth1`` each
  called on a copy of the same ``requests.PreparedRequest``;

checks that they agree, and prints µs per signature and the ratios.

    target/python-venv/bin/python bindings/python/bench.py [--seconds 0.5]

Not part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    args = parser.parse_args()

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
