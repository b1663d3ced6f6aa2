"""The Jira example signs a request-token request that a local Jira stand-in accepts.

The stand-in is a real HTTP server on 127.0.0.1 that knows the consumer by its RSA public
key only, as a Jira application link does, and checks the request with ``oauth1.verify``.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

import oauth1
from conftest import ROOT

EXAMPLE = "examples/python/jira_request_token.py"
CONSUMER = "oauth1-example-consumer"


class Jira:
    """An application link: the consumer's public key, no secret, no token yet."""

    def __init__(self) -> None:
        self.public_key = oauth1.RsaPublicKey.from_file(ROOT / "tests" / "vectors" / "keys" / "rsa-2048-cert.pem")

    def consumer(self, consumer_key: str) -> "oauth1.Consumer | None":
        if consumer_key != CONSUMER:
            return None
        return oauth1.Consumer(rsa_public_key=self.public_key, two_legged=True)

    def token_secret(self, consumer_key: str, token: str) -> None:
        return None


@pytest.fixture
def jira() -> Iterator[str]:
    lookup = Jira()
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            url = f"http://{self.headers['Host']}{self.path}"
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            try:
                verified = oauth1.verify(
                    "POST", url, authorization=self.headers.get("Authorization"), body=body,
                    content_type=self.headers.get("Content-Type"), secrets=lookup,
                )
            except oauth1.Error as error:
                self.send_response(401)
                self.end_headers()
                self.wfile.write(f"oauth_problem={error.code}".encode())
                return
            seen.append(verified.signature_method)
            answer = b"oauth_token=temporary-token&oauth_token_secret=unused&oauth_callback_confirmed=true"
            self.send_response(200)
            self.send_header("Content-Type", "application/x-www-form-urlencoded")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
        assert seen == ["RSA-SHA1"]
    finally:
        server.shutdown()
        server.server_close()


def run_example(*args: str) -> str:
    return subprocess.run(
        [sys.executable, EXAMPLE, *args], cwd=ROOT, check=True, capture_output=True, text=True, timeout=60
    ).stdout


def test_jira_example_prints_a_header_the_public_key_verifies() -> None:
    out = run_example()
    lines = out.splitlines()
    assert lines[0] == "POST https://jira.example.com/plugins/servlet/oauth/request-token"
    header = lines[1].removeprefix("Authorization: ")
    verified = oauth1.verify(
        "POST", "https://jira.example.com/plugins/servlet/oauth/request-token", authorization=header, secrets=Jira()
    )
    assert verified.signature_method == "RSA-SHA1"
    assert 'oauth_callback="oob"' in header
    assert "PRIVATE KEY" not in out


def test_jira_example_gets_a_temporary_token_from_a_local_jira(jira: str) -> None:
    out = run_example("tests/vectors/keys/rsa-2048.pem", jira, "--send")
    assert "200 oauth_token=temporary-token" in out
