"""oauth1.OAuth1 with requests and httpx (sync and async), end to end.

Each request goes to a local server that verifies it with oauthlib's
``ResourceEndpoint`` or with ``oauth1.verify``; signed requests are accepted, requests
tampered with after signing (query, body, method) are refused.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
from typing import Any, Iterator

import httpx
import pytest
import requests

import oauth1
from conftest import key_for
from server import CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, VerifyingServer, oauth1_verifier, oauthlib_verifier

FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module", params=["oauthlib", "oauth1"])
def server(request: pytest.FixtureRequest) -> Iterator[VerifyingServer]:
    verifier = oauthlib_verifier() if request.param == "oauthlib" else oauth1_verifier()
    with VerifyingServer(verifier) as s:
        yield s


def make_auth(method: str, **options: Any) -> oauth1.OAuth1:
    # The RSA methods sign with the consumer's private key (the servers know its public key).
    return oauth1.OAuth1(oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, signature_method=method, private_key=key_for(method), **options))


@pytest.fixture(params=["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512"])
def auth(request: pytest.FixtureRequest) -> oauth1.OAuth1:
    return make_auth(request.param, realm="e2e")


@pytest.fixture(params=["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256"])
def signing_auth(request: pytest.FixtureRequest) -> oauth1.OAuth1:
    # PLAINTEXT signs only the secrets, so tampering with the request cannot show.
    return make_auth(request.param)


def accepted(status: int, text: str) -> dict[str, Any]:
    assert status == 200, text
    answer: dict[str, Any] = json.loads(text)
    assert answer["ok"] is True
    return answer


def refused(status: int, text: str) -> None:
    assert status == 401, text
    assert json.loads(text)["ok"] is False


QUERY = {"a": "1", "b": ["x y", "x+y"], "c": "é/€", "empty": ""}


def test_oauth1_is_both_auth_types() -> None:
    auth = oauth1.OAuth1(oauth1.Signer("k", "s"))
    assert isinstance(auth, requests.auth.AuthBase)
    assert isinstance(auth, httpx.Auth)
    assert repr(auth) == f"OAuth1({auth.signer!r})"


# requests ----------------------------------------------------------------------


def test_requests_accepted(server: VerifyingServer, auth: oauth1.OAuth1) -> None:
    url = server.base_url + "/resource/a%20b"
    r = requests.get(url, params=QUERY, auth=auth, timeout=10)
    accepted(r.status_code, r.text)
    r = requests.post(url, params={"q": "1"}, data={"name": "Ladies + Gentlemen", "x": ["1", "2"]}, auth=auth, timeout=10)
    assert accepted(r.status_code, r.text)["body"] == "name=Ladies+%2B+Gentlemen&x=1&x=2"
    r = requests.put(url, json={"a": [1, 2, "é"]}, auth=auth, timeout=10)
    accepted(r.status_code, r.text)
    r = requests.delete(url, auth=auth, timeout=10)
    accepted(r.status_code, r.text)


@pytest.mark.parametrize("placement", ["query", "body"])
def test_requests_other_placements(server: VerifyingServer, placement: str) -> None:
    auth = oauth1.OAuth1(oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, placement=placement))
    r = requests.post(server.base_url + "/p", params={"q": "1"}, data={"f": "v w"}, auth=auth, timeout=10)
    answer = accepted(r.status_code, r.text)
    if placement == "query":
        assert "oauth_signature=" in answer["url"]
    else:
        assert "oauth_signature=" in answer["body"]


def _send_tampered(server: VerifyingServer, auth: oauth1.OAuth1, what: str) -> requests.Response:
    with requests.Session() as session:
        prepared = session.prepare_request(
            requests.Request("POST", server.base_url + "/t", params={"a": "1"}, data={"f": "1"}, auth=auth)
        )
        if what == "query":
            prepared.url = prepared.url.replace("a=1", "a=2")
        elif what == "body":
            prepared.body = "f=2"
        else:
            prepared.method = "PUT"
        return session.send(prepared, timeout=10)


@pytest.mark.parametrize("what", ["query", "body", "method"])
def test_requests_tampered_refused(server: VerifyingServer, signing_auth: oauth1.OAuth1, what: str) -> None:
    r = _send_tampered(server, signing_auth, what)
    refused(r.status_code, r.text)


def test_requests_streamed_bodies() -> None:
    auth = oauth1.OAuth1(oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET))
    prepared = requests.Request("POST", "http://127.0.0.1:9/x", data=iter([b"a=1"]), headers={"Content-Type": FORM}).prepare()
    with pytest.raises(oauth1.InvalidOptionError, match="streamed"):
        auth(prepared)
    prepared = requests.Request("POST", "http://127.0.0.1:9/x", data=iter([b"{}"]), headers={"Content-Type": "application/json"}).prepare()
    assert auth(prepared).headers["Authorization"].startswith("OAuth ")
    hashing = oauth1.OAuth1(oauth1.Signer("k", "s", body_hash=True))
    with pytest.raises(oauth1.InvalidOptionError, match="body_hash"):
        hashing(prepared)


def test_requests_streamed_non_form_body_accepted(server: VerifyingServer) -> None:
    auth = oauth1.OAuth1(oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET))
    r = requests.post(server.base_url + "/upload", data=iter([b"chunk1", b"chunk2"]), headers={"Content-Type": "application/octet-stream"}, auth=auth, timeout=10)
    assert accepted(r.status_code, r.text)["body"] == "chunk1chunk2"


# httpx -------------------------------------------------------------------------


def _tamper_hook(what: str) -> Any:
    def hook(request: httpx.Request) -> None:
        if what == "query":
            request.url = request.url.copy_with(query=b"a=2")
        elif what == "body":
            request.stream = httpx.ByteStream(b"f=2")
            request._content = b"f=2"
        else:
            request.method = "PUT"

    return hook


def test_httpx_sync(server: VerifyingServer, auth: oauth1.OAuth1) -> None:
    with httpx.Client(base_url=server.base_url, auth=auth, timeout=10) as client:
        accepted(*_r(client.get("/resource/a%20b", params=QUERY)))
        answer = accepted(*_r(client.post("/form", params={"q": "1"}, data={"name": "Ladies + Gentlemen"})))
        assert answer["body"] == "name=Ladies+%2B+Gentlemen"
        accepted(*_r(client.patch("/json", json={"a": "é"})))
        accepted(*_r(client.post("/bytes", content=b"\x00\xff", headers={"Content-Type": "application/octet-stream"})))


def _r(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.text


@pytest.mark.parametrize("what", ["query", "body", "method"])
def test_httpx_sync_tampered_refused(server: VerifyingServer, signing_auth: oauth1.OAuth1, what: str) -> None:
    with httpx.Client(auth=signing_auth, timeout=10, event_hooks={"request": [_tamper_hook(what)]}) as client:
        refused(*_r(client.post(server.base_url + "/t", params={"a": "1"}, data={"f": "1"})))


@pytest.mark.parametrize("placement", ["query", "body"])
def test_httpx_other_placements(server: VerifyingServer, placement: str) -> None:
    auth = oauth1.OAuth1(oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, placement=placement))
    with httpx.Client(auth=auth, timeout=10) as client:
        answer = accepted(*_r(client.post(server.base_url + "/p", params={"q": "1"}, data={"f": "v w"})))
    assert "oauth_signature=" in (answer["url"] if placement == "query" else answer["body"])


def test_httpx_async(server: VerifyingServer, auth: oauth1.OAuth1) -> None:
    async def main() -> None:
        async with httpx.AsyncClient(base_url=server.base_url, auth=auth, timeout=10) as client:
            accepted(*_r(await client.get("/resource", params=QUERY)))
            accepted(*_r(await client.post("/form", data={"name": "x y"})))
            accepted(*_r(await client.put("/json", json=[1, 2])))
        if auth.signer.signature_method == "PLAINTEXT":
            return  # PLAINTEXT signs only the secrets: tampering cannot show.
        for what in ("query", "body", "method"):

            async def hook(request: httpx.Request, what: str = what) -> None:
                _tamper_hook(what)(request)

            async with httpx.AsyncClient(auth=auth, timeout=10, event_hooks={"request": [hook]}) as client:
                refused(*_r(await client.post(server.base_url + "/t", params={"a": "1"}, data={"f": "1"})))

    asyncio.run(main())


def test_httpx_streamed_bodies(server: VerifyingServer) -> None:
    auth = oauth1.OAuth1(oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET))

    def stream() -> Iterator[bytes]:
        yield b"a=1"

    with httpx.Client(auth=auth, timeout=10) as client:
        with pytest.raises(oauth1.InvalidOptionError, match="streamed"):
            client.post(server.base_url + "/s", content=stream(), headers={"Content-Type": FORM})
        answer = accepted(*_r(client.post(server.base_url + "/s", content=stream(), headers={"Content-Type": "text/plain"})))
        assert answer["body"] == "a=1"

    async def astream() -> Any:
        yield b"a=1"

    async def main() -> None:
        async with httpx.AsyncClient(auth=auth, timeout=10) as client:
            with pytest.raises(oauth1.InvalidOptionError):
                await client.post(server.base_url + "/s", content=astream(), headers={"Content-Type": FORM})

    asyncio.run(main())


# optional dependencies -----------------------------------------------------------


def test_import_without_requests_or_httpx() -> None:
    code = textwrap.dedent(
        """
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("requests", "httpx"):
                    raise ImportError(f"{name} is blocked")
                return None

        sys.meta_path.insert(0, Block())
        import oauth1
        signer = oauth1.Signer("k", "s")
        assert signer.sign("GET", "https://h/").authorization.startswith("OAuth ")
        auth = oauth1.OAuth1(signer)
        assert "OAuth1" in dir(oauth1)
        assert not any(m.split(".")[0] in ("requests", "httpx") for m in sys.modules)
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_import_oauth1_imports_neither_library() -> None:
    code = "import sys, oauth1; print(sorted(m for m in ('requests', 'httpx') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
