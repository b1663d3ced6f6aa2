"""A local OAuth 1.0a provider for the C flow test (tests/c/test_flow.c), built on
oauthlib's provider endpoints, so that a server nobody here wrote judges what
liboauth1 signs (RFC 5849 section 2: temporary credentials, resource owner
authorization, token credentials; section 3: a protected resource).

Usage: provider.py PORT_FILE. It listens on 127.0.0.1 on a free port, writes the port
to PORT_FILE once it accepts connections, and serves until it is killed
(bindings/c/test.sh starts and stops it).

Routes, each a real answer of this server:
    POST /request_token        oauthlib's RequestTokenEndpoint
    GET  /authorize            oauthlib's AuthorizationEndpoint; the resource owner
                               approves at once: 302 to the callback, or 200 with a
                               form body holding the verifier for "oob"
    POST /access_token         oauthlib's AccessTokenEndpoint
    GET  /resource             oauthlib's ResourceEndpoint: 200 "protected resource"
                               or 401
and the faulty providers a client must recognise, under a prefix:
    /unconfirmed/request_token  the token without oauth_callback_confirmed (OAuth 1.0,
                                not 1.0a)
    /problem/request_token      a refusal reported with OAuth Problem Reporting: 401,
                                WWW-Authenticate and body with oauth_problem
    /html/request_token         200 with an HTML page (a login page or a proxy's error)
    /swap/authorize             redirects back with a token other than the one issued
"""

from __future__ import annotations

import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

from oauthlib.oauth1 import (
    AccessTokenEndpoint,
    AuthorizationEndpoint,
    RequestTokenEndpoint,
    RequestValidator,
    ResourceEndpoint,
)

# The one registered client (tests/c/test_flow.c uses the same values).
CONSUMER_KEY = "c-flow-consumer"
CONSUMER_SECRET = "c-flow-consumer-secret"
FORM = "application/x-www-form-urlencoded"


class Validator(RequestValidator):
    """Knows one client; keeps temporary and token credentials in memory."""

    enforce_ssl = False  # plain http on 127.0.0.1
    client_key_length = (3, 64)
    request_token_length = (3, 64)
    access_token_length = (3, 64)
    verifier_length = (3, 64)
    nonce_length = (8, 64)
    safe_characters = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    dummy_client = "dummy-client"
    dummy_request_token = "dummy-request-token"
    dummy_access_token = "dummy-access-token"

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.nonces: set = set()
        # temporary token -> {"secret", "callback", "verifier"}
        self.temporary: Dict[str, Dict[str, Optional[str]]] = {}
        # token -> secret
        self.access: Dict[str, str] = {}

    @property
    def allowed_signature_methods(self) -> Tuple[str, ...]:
        return ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512")

    def get_default_realms(self, client_key, request):
        return []

    def get_realms(self, token, request):
        return []

    def validate_requested_realms(self, client_key, realms, request):
        return True

    def validate_realms(self, client_key, token, request, uri=None, realms=None):
        return True

    def verify_realms(self, token, realms, request):
        return True

    def validate_client_key(self, client_key, request):
        return client_key == CONSUMER_KEY

    def get_client_secret(self, client_key, request):
        return CONSUMER_SECRET if client_key == CONSUMER_KEY else "dummy-secret"

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        with self.lock:
            key = (client_key, timestamp, nonce)
            if key in self.nonces:
                return False
            self.nonces.add(key)
            return True

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        return True

    def save_request_token(self, token, request):
        with self.lock:
            self.temporary[token["oauth_token"]] = {
                "secret": token["oauth_token_secret"],
                "callback": request.redirect_uri,
                "verifier": None,
            }

    def verify_request_token(self, token, request):
        with self.lock:
            return token in self.temporary

    def get_redirect_uri(self, token, request):
        with self.lock:
            return self.temporary[token]["callback"]

    def save_verifier(self, token, verifier, request):
        with self.lock:
            self.temporary[token]["verifier"] = verifier["oauth_verifier"]

    def validate_request_token(self, client_key, token, request):
        with self.lock:
            return client_key == CONSUMER_KEY and token in self.temporary

    def get_request_token_secret(self, client_key, token, request):
        with self.lock:
            entry = self.temporary.get(token)
            return entry["secret"] if entry else "dummy-secret"

    def validate_verifier(self, client_key, token, verifier, request):
        with self.lock:
            entry = self.temporary.get(token)
            return entry is not None and entry["verifier"] == verifier

    def invalidate_request_token(self, client_key, request_token, request):
        with self.lock:
            self.temporary.pop(request_token, None)

    def save_access_token(self, token, request):
        with self.lock:
            self.access[token["oauth_token"]] = token["oauth_token_secret"]

    def validate_access_token(self, client_key, token, request):
        with self.lock:
            return client_key == CONSUMER_KEY and token in self.access

    def get_access_token_secret(self, client_key, token, request):
        with self.lock:
            return self.access.get(token, "dummy-secret")


VALIDATOR = Validator()
REQUEST_TOKEN = RequestTokenEndpoint(VALIDATOR)
AUTHORIZATION = AuthorizationEndpoint(VALIDATOR)
ACCESS_TOKEN = AccessTokenEndpoint(VALIDATOR)
RESOURCE = ResourceEndpoint(VALIDATOR)

Answer = Tuple[int, Dict[str, str], bytes]


def route(method: str, uri: str, path: str, body: Optional[str], headers: Dict[str, str]) -> Answer:
    """The answer to one request: (status, headers, body)."""
    prefix, _, step = path.rpartition("/")
    if step == "request_token" and method == "POST":
        h, b, s = REQUEST_TOKEN.create_request_token_response(uri, http_method=method, body=body, headers=headers)
        text = (b or "").encode()
        if prefix == "/unconfirmed" and s == 200:
            # An OAuth 1.0 provider: the same token, without the 1.0a confirmation.
            text = b"&".join(p for p in text.split(b"&") if not p.startswith(b"oauth_callback_confirmed="))
        if prefix == "/problem" and s != 200:
            # Problem Reporting, as many providers answer a bad signature.
            problem = 'OAuth realm="c-flow", oauth_problem="signature_invalid"'
            return 401, {"WWW-Authenticate": problem, "Content-Type": FORM}, b"oauth_problem=signature_invalid"
        if prefix == "/html":
            page = b"<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>"
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page
        return s, dict(h), text
    if step == "authorize" and method == "GET":
        h, b, s = AUTHORIZATION.create_authorization_response(uri, http_method=method, headers=headers)
        h = dict(h)
        if prefix == "/swap" and "Location" in h:
            location = h["Location"]
            token = dict(p.split("=", 1) for p in urlsplit(location).query.split("&"))["oauth_token"]
            h["Location"] = location.replace("oauth_token=" + token, "oauth_token=another-sessions-token")
        return s, h, (b or "").encode()
    if step == "access_token" and method == "POST":
        h, b, s = ACCESS_TOKEN.create_access_token_response(uri, http_method=method, body=body, headers=headers)
        return s, dict(h), (b or "").encode()
    if step == "resource":
        valid, _ = RESOURCE.validate_protected_resource_request(uri, http_method=method, body=body, headers=headers)
        if valid:
            return 200, {"Content-Type": "text/plain"}, b"protected resource"
        return 401, {"WWW-Authenticate": 'OAuth realm="c-flow"', "Content-Type": "text/plain"}, b"refused"
    return 404, {"Content-Type": "text/plain"}, b"no such route"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection: the C client reads to EOF

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        uri = f"http://{self.headers['Host']}{self.path}"
        headers = {k: v for k, v in self.headers.items()}
        # oauthlib reads only form bodies, and only as text.
        body = raw.decode("utf-8") if (headers.get("Content-Type") or "").startswith(FORM) else None
        try:
            status, answer_headers, answer = route(self.command, uri, urlsplit(self.path).path, body, headers)
        except Exception as e:  # an answer the test shows, never a refusal it expects
            status, answer_headers, answer = 500, {"Content-Type": "text/plain"}, repr(e).encode()
        self.send_response(status)
        for name, value in answer_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    # Renamed once complete, so a reader never sees half a number.
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
