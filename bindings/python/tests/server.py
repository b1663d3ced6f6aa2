"""A local HTTP server (127.0.0.1 only, in a thread) that verifies OAuth 1.0a requests.

It verifies with oauthlib's own server side (``ResourceEndpoint`` and a validator that
knows the test credentials) or with ``oauth1.verify``, and answers 200 with a JSON
echo of what it received, or 401 with the reason.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator, Mapping, Optional, Tuple

from oauthlib.oauth1 import RequestValidator, ResourceEndpoint

import oauth1
from conftest import KEYS, rsa_key

CONSUMER_KEY = "test-consumer-key"
CONSUMER_SECRET = "test-consumer-secret&/+"
TOKEN = "test-access-token"
TOKEN_SECRET = "test-token-secret é"
REALM = "e2e"

Verdict = Tuple[bool, str]
Verifier = Callable[[str, str, Mapping[str, str], bytes], Verdict]


class Validator(RequestValidator):
    """Knows exactly one consumer and one token; remembers nonces."""

    enforce_ssl = False
    client_key_length = (3, 64)
    access_token_length = (3, 64)
    nonce_length = (8, 64)
    safe_characters = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    dummy_client = "dummy-client"
    dummy_access_token = "dummy-access-token"

    def __init__(self) -> None:
        super().__init__()
        self.nonces: set[tuple[str, str, str]] = set()
        self.lock = threading.Lock()

    @property
    def allowed_signature_methods(self) -> tuple[str, ...]:
        return ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512")

    def validate_client_key(self, client_key: str, request: object) -> bool:
        return client_key == CONSUMER_KEY

    def validate_access_token(self, client_key: str, token: str, request: object) -> bool:
        return client_key == CONSUMER_KEY and token == TOKEN

    def validate_timestamp_and_nonce(self, client_key: str, timestamp: str, nonce: str, request: object, request_token: object = None, access_token: object = None) -> bool:
        with self.lock:
            key = (client_key, timestamp, nonce)
            if key in self.nonces:
                return False
            self.nonces.add(key)
            return True

    def validate_realms(self, client_key: str, token: str, request: object, uri: object = None, realms: object = None) -> bool:
        return True

    def get_client_secret(self, client_key: str, request: object) -> str:
        return CONSUMER_SECRET if client_key == CONSUMER_KEY else "dummy"

    def get_access_token_secret(self, client_key: str, token: str, request: object) -> str:
        return TOKEN_SECRET if token == TOKEN else "dummy"

    def get_rsa_key(self, client_key: str, request: object) -> str:
        # The consumer's registered public key (tests/vectors/keys/rsa-2048-public.pem).
        return (KEYS / "rsa-2048-public.pem").read_text()


def oauthlib_verifier() -> Verifier:
    endpoint = ResourceEndpoint(Validator())

    def verify(method: str, url: str, headers: Mapping[str, str], body: bytes) -> Verdict:
        # oauthlib reads only form bodies, and only as text.
        form = oauth1.is_form_content_type(headers.get("Content-Type"))
        valid, _ = endpoint.validate_protected_resource_request(
            url, http_method=method, body=body.decode("utf-8") if form else None, headers=dict(headers)
        )
        return valid, "oauthlib accepted" if valid else "oauthlib refused"

    return verify


class Secrets:
    """The one consumer, registered with its secret and its RSA public key, and its token."""

    registered = oauth1.Consumer(CONSUMER_SECRET, rsa_public_key=rsa_key().public_key())

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        return self.registered if consumer_key == CONSUMER_KEY else None

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        return TOKEN_SECRET if (consumer_key, token) == (CONSUMER_KEY, TOKEN) else None


def oauth1_verifier() -> Verifier:
    secrets = Secrets()
    store = oauth1.NonceStore()

    def verify(method: str, url: str, headers: Mapping[str, str], body: bytes) -> Verdict:
        try:
            oauth1.verify(
                method,
                url,
                authorization=headers.get("Authorization"),
                body=body,
                content_type=headers.get("Content-Type"),
                secrets=secrets,
                nonce_store=store,
                # Like the oauthlib validator (enforce_ssl = False): this test server
                # is plain http on 127.0.0.1 and takes every method.
                signature_methods=oauth1.SIGNATURE_METHODS,
                allow_plaintext_over_http=True,
            )
        except oauth1.VerificationError as e:
            return False, e.www_authenticate(realm=REALM)
        return True, "oauth1 accepted"

    return verify


def _read_chunked(rfile: object) -> Iterator[bytes]:
    while True:
        size_line = rfile.readline()  # type: ignore[attr-defined]
        size = int(size_line.split(b";")[0].strip(), 16)
        if size == 0:
            rfile.readline()  # type: ignore[attr-defined]
            return
        yield rfile.read(size)  # type: ignore[attr-defined]
        rfile.readline()  # type: ignore[attr-defined]


class Handler(BaseHTTPRequestHandler):
    server: "VerifyingServer"
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b"".join(_read_chunked(self.rfile))
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = f"http://{self.headers['Host']}{self.path}"
        headers = {k: v for k, v in self.headers.items()}
        status = 200
        try:
            ok, detail = self.server.verifier(self.command, url, headers, body)
        except Exception as e:  # a 500 the test shows, never taken for a refusal
            ok, detail, status = False, f"server error: {e!r}", 500
        answer = json.dumps({"ok": ok, "detail": detail, "method": self.command, "url": url, "body": body.decode("utf-8", "replace")}).encode()
        self.send_response(status if status != 200 or ok else 401)
        if not ok:
            self.send_header("WWW-Authenticate", detail if detail.startswith("OAuth") else f'OAuth realm="{REALM}"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


class VerifyingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, verifier: Verifier) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.verifier = verifier
        self.thread: Optional[threading.Thread] = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> "VerifyingServer":
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        if self.thread is not None:
            self.thread.join()
