"""Two small OAuth 1.0a providers for the three-legged flow tests (RFC 5849 section 2).

Each runs on 127.0.0.1 in a thread and answers:

- ``POST /request_token``: temporary credentials (section 2.1);
- ``GET /authorize?oauth_token=...``: approves at once (section 2.2): a 302 to the
  callback with ``oauth_token`` and ``oauth_verifier``, or for ``oob`` a form body
  carrying them (what a page would show the user);
- ``POST /access_token``: token credentials (section 2.3);
- ``/resource``: a protected resource (section 3), a JSON echo;
- ``/redirect?status=307&to=URL``: a signed request redirected (own provider only).

:class:`OwnProvider` is built on ``oauth1.verify`` and can be told to misbehave
(``fault``). :class:`OauthlibProvider` is built on oauthlib's provider endpoints, so a
provider nobody here wrote checks what the client sends.
"""

from __future__ import annotations

import abc
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl, urlencode, urlsplit

from oauthlib.oauth1 import (
    AccessTokenEndpoint,
    AuthorizationEndpoint,
    RequestTokenEndpoint,
    RequestValidator,
    ResourceEndpoint,
)
from oauthlib.oauth1.rfc5849.errors import OAuth1Error

import oauth1
from conftest import rsa_key

CONSUMER_KEY = "flow-consumer-key"
CONSUMER_SECRET = "flow-consumer-secret"
REALM = "flow"
FORM = "application/x-www-form-urlencoded"

Answer = Tuple[int, Dict[str, str], bytes]


def form(pairs: Mapping[str, str]) -> bytes:
    return urlencode(list(pairs.items())).encode()


def refusal(status: int, problem: str, advice: str) -> Answer:
    """A Problem Reporting refusal, in the header and the body as providers send it."""
    body = form({"oauth_problem": problem, "oauth_problem_advice": advice})
    challenge = f'OAuth realm="{REALM}", oauth_problem="{problem}", oauth_problem_advice="{oauth1.percent_encode(advice)}"'
    headers = {"Content-Type": FORM, "WWW-Authenticate": challenge}
    return status, headers, body


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = f"http://{self.headers['Host']}{self.path}"
        headers = {k: v for k, v in self.headers.items()}
        try:
            status, answer_headers, answer = self.server.provider.answer(self.command, url, headers, body)
        except Exception as e:  # shown to the test as a 500, never taken for a refusal
            status, answer_headers, answer = 500, {"Content-Type": "text/plain"}, f"provider bug: {e!r}".encode()
        self.send_response(status)
        for name, value in answer_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, provider: "Provider") -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.provider = provider


class Provider(abc.ABC):
    """The HTTP front both providers share; ``with provider:`` serves it."""

    def __init__(self) -> None:
        self._server = _Server(self)
        self._thread: Optional[threading.Thread] = None
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def request_token_url(self) -> str:
        return self.base_url + "/request_token"

    @property
    def authorize_url(self) -> str:
        return self.base_url + "/authorize"

    @property
    def access_token_url(self) -> str:
        return self.base_url + "/access_token"

    @property
    def resource_url(self) -> str:
        return self.base_url + "/resource"

    @abc.abstractmethod
    def answer(self, method: str, url: str, headers: Dict[str, str], body: bytes) -> Answer:
        """The status, headers and body of this provider's answer to one request."""

    def __enter__(self) -> "Provider":
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()


def _endpoint(url: str) -> str:
    """``/request_token``, ``/authorize``, ``/access_token`` or ``/resource``: the last
    segment of the path, so a preset's paths (Jira's ``.../oauth/request-token``) reach
    the same endpoints."""
    return "/" + urlsplit(url).path.rsplit("/", 1)[-1].replace("-", "_")


def _protocol_params(url: str, headers: Mapping[str, str], body: bytes) -> Dict[str, str]:
    """The ``oauth_*`` parameters wherever the client put them (section 3.5)."""
    pairs: List[Tuple[str, str]] = []
    if headers.get("Authorization", "").startswith("OAuth "):
        pairs += oauth1.parse_authorization_header(headers["Authorization"])
    pairs += parse_qsl(urlsplit(url).query, keep_blank_values=True)
    if oauth1.is_form_content_type(headers.get("Content-Type")):
        pairs += parse_qsl(body.decode(), keep_blank_values=True)
    return {k: v for k, v in pairs if k.startswith("oauth_")}


class _Grant:
    """A temporary credential: its secret, callback and, once approved, its verifier."""

    def __init__(self, secret: str, callback: str) -> None:
        self.secret = secret
        self.callback = callback
        self.verifier: Optional[str] = None


class OwnProvider(Provider):
    """A provider on ``oauth1.verify``. ``fault`` makes it misbehave:

    - ``"no_callback_confirmed"``: temporary credentials without ``oauth_callback_confirmed``;
    - ``"html"``: an HTML page (status 200) instead of the temporary credentials;
    - ``"permission_denied"``: the token-credentials request refused with that problem;
    - ``"other_token"``: the authorization redirect carries another token.
    """

    def __init__(self) -> None:
        super().__init__()
        self.fault: Optional[str] = None
        self.temporary: Dict[str, _Grant] = {}
        self.access: Dict[str, str] = {}
        self.nonces = oauth1.NonceStore()
        # Every request (method, URL, its oauth_* parameters), and every one verified.
        self.requests: List[Tuple[str, str, Dict[str, str]]] = []
        self.verified: List[oauth1.Verified] = []
        # The consumer signs with its secret or with its RSA key (tests/vectors/keys).
        self.registered = oauth1.Consumer(CONSUMER_SECRET, rsa_public_key=rsa_key().public_key(), two_legged=True)

    # the secrets lookup of oauth1.verify
    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        # two_legged: the temporary-credentials request carries no token (section 2.1).
        return self.registered if consumer_key == CONSUMER_KEY else None

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        with self.lock:
            grant = self.temporary.get(token)
            return grant.secret if grant is not None else self.access.get(token)

    def answer(self, method: str, url: str, headers: Dict[str, str], body: bytes) -> Answer:
        path = _endpoint(url)
        params = _protocol_params(url, headers, body)
        with self.lock:
            self.requests.append((method, url, params))
        if path == "/authorize":
            return self._authorize(url)
        try:
            verified = oauth1.verify(
                method,
                url,
                authorization=headers.get("Authorization"),
                body=body,
                content_type=headers.get("Content-Type"),
                secrets=self,
                nonce_store=self.nonces,
                signature_methods=oauth1.SIGNATURE_METHODS,
                allow_plaintext_over_http=True,
            )
        except oauth1.VerificationError as e:
            return 401, {"Content-Type": FORM, "WWW-Authenticate": e.www_authenticate(realm=REALM)}, form({"oauth_problem": e.problem or "", "oauth_problem_advice": e.reason})
        with self.lock:
            self.verified.append(verified)
        if path == "/request_token":
            return self._request_token(verified, params)
        if path == "/access_token":
            return self._access_token(verified, params)
        if path == "/redirect":
            # /redirect?status=307&to=URL: a redirect, once the request verified.
            query = dict(parse_qsl(urlsplit(url).query))
            return int(query["status"]), {"Location": query["to"]}, b""
        if path == "/resource":
            if verified.token not in self.access:
                return refusal(401, "token_rejected", "not a token credential")
            echo = {"method": method, "url": url, "token": verified.token, "body": body.decode()}
            return 200, {"Content-Type": "application/json"}, json.dumps(echo).encode()
        return 404, {"Content-Type": "text/plain"}, b"no such endpoint"

    def _request_token(self, verified: oauth1.Verified, params: Mapping[str, str]) -> Answer:
        if verified.token is not None:
            return refusal(400, "parameter_rejected", "the temporary-credentials request carries no token")
        if "oauth_callback" not in params:
            return refusal(400, "parameter_absent", "oauth_callback is required (RFC 5849 section 2.1)")
        if self.fault == "html":
            return 200, {"Content-Type": "text/html"}, b"<html><body>Sign in to continue</body></html>"
        token, secret = "temp-" + oauth1.generate_nonce(), oauth1.generate_nonce()
        with self.lock:
            self.temporary[token] = _Grant(secret, params["oauth_callback"])
        answer = {"oauth_token": token, "oauth_token_secret": secret, "oauth_callback_confirmed": "true"}
        if self.fault == "no_callback_confirmed":
            del answer["oauth_callback_confirmed"]
        return 200, {"Content-Type": FORM}, form(answer)

    def _authorize(self, url: str) -> Answer:
        token = dict(parse_qsl(urlsplit(url).query)).get("oauth_token", "")
        with self.lock:
            grant = self.temporary.get(token)
            if grant is None:
                return 400, {"Content-Type": "text/plain"}, b"unknown temporary credential"
            grant.verifier = secrets.token_urlsafe(16)
            back = {"oauth_token": "temp-someone-else" if self.fault == "other_token" else token, "oauth_verifier": grant.verifier}
        if grant.callback == "oob":
            return 200, {"Content-Type": FORM}, form(back)
        separator = "&" if urlsplit(grant.callback).query else "?"
        return 302, {"Location": grant.callback + separator + urlencode(list(back.items()))}, b""

    def _access_token(self, verified: oauth1.Verified, params: Mapping[str, str]) -> Answer:
        if self.fault == "permission_denied":
            return refusal(401, "permission_denied", "the user refused the application")
        with self.lock:
            grant = self.temporary.get(verified.token or "")
            if grant is None:
                return refusal(401, "token_rejected", "not a temporary credential")
            if grant.verifier is None or params.get("oauth_verifier") != grant.verifier:
                return refusal(401, "permission_denied", "wrong or missing oauth_verifier")
            # A temporary credential is used once (section 2.3).
            del self.temporary[verified.token or ""]
            token, secret = "access-" + oauth1.generate_nonce(), oauth1.generate_nonce()
            self.access[token] = secret
        answer = {"oauth_token": token, "oauth_token_secret": secret, "user_id": "42", "screen_name": "ada"}
        return 200, {"Content-Type": FORM}, form(answer)


class _Validator(RequestValidator):
    """oauthlib's provider side: one consumer, tokens in memory."""

    enforce_ssl = False
    safe_characters = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    client_key_length = (3, 64)
    request_token_length = (20, 64)
    access_token_length = (20, 64)
    nonce_length = (8, 64)
    verifier_length = (20, 64)
    dummy_client = "dummy-client"
    dummy_request_token = "dummy-request-token-0000"
    dummy_access_token = "dummy-access-token-00000"

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.nonces: set[Tuple[str, str, str]] = set()
        # request token -> {"secret", "callback", "verifier"}
        self.temporary: Dict[str, Dict[str, Optional[str]]] = {}
        self.access: Dict[str, str] = {}

    @property
    def allowed_signature_methods(self) -> Tuple[str, ...]:
        return ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT")

    @property
    def realms(self) -> List[str]:
        return [REALM]

    def validate_client_key(self, client_key: str, request: Any) -> bool:
        return client_key == CONSUMER_KEY

    def get_client_secret(self, client_key: str, request: Any) -> str:
        return CONSUMER_SECRET if client_key == CONSUMER_KEY else "dummy"

    def validate_timestamp_and_nonce(self, client_key: str, timestamp: str, nonce: str, request: Any, request_token: Any = None, access_token: Any = None) -> bool:
        with self.lock:
            key = (client_key, timestamp, nonce)
            if key in self.nonces:
                return False
            self.nonces.add(key)
            return True

    def get_default_realms(self, client_key: str, request: Any) -> List[str]:
        return [REALM]

    def validate_requested_realms(self, client_key: str, realms: Any, request: Any) -> bool:
        return all(r == REALM for r in realms or [])

    def validate_redirect_uri(self, client_key: str, redirect_uri: str, request: Any) -> bool:
        return redirect_uri == "oob" or redirect_uri.startswith(("http://", "https://"))

    def save_request_token(self, token: Dict[str, str], request: Any) -> None:
        with self.lock:
            self.temporary[token["oauth_token"]] = {"secret": token["oauth_token_secret"], "callback": request.redirect_uri, "verifier": None}

    def verify_request_token(self, token: str, request: Any) -> bool:
        return token in self.temporary

    def get_realms(self, token: str, request: Any) -> List[str]:
        return [REALM]

    def verify_realms(self, token: str, realms: Any, request: Any) -> bool:
        return all(r == REALM for r in realms or [])

    def save_verifier(self, token: str, verifier: Dict[str, str], request: Any) -> None:
        with self.lock:
            self.temporary[token]["verifier"] = verifier["oauth_verifier"]

    def get_redirect_uri(self, token: str, request: Any) -> str:
        return self.temporary[token]["callback"] or "oob"

    def validate_request_token(self, client_key: str, token: str, request: Any) -> bool:
        return client_key == CONSUMER_KEY and token in self.temporary

    def get_request_token_secret(self, client_key: str, token: str, request: Any) -> str:
        grant = self.temporary.get(token)
        return (grant and grant["secret"]) or "dummy"

    def validate_verifier(self, client_key: str, token: str, verifier: str, request: Any) -> bool:
        grant = self.temporary.get(token)
        return grant is not None and grant["verifier"] is not None and secrets.compare_digest(grant["verifier"], verifier)

    def save_access_token(self, token: Dict[str, str], request: Any) -> None:
        with self.lock:
            self.access[token["oauth_token"]] = token["oauth_token_secret"]

    def invalidate_request_token(self, client_key: str, request_token: str, request: Any) -> None:
        with self.lock:
            self.temporary.pop(request_token, None)

    def validate_access_token(self, client_key: str, token: str, request: Any) -> bool:
        return client_key == CONSUMER_KEY and token in self.access

    def get_access_token_secret(self, client_key: str, token: str, request: Any) -> str:
        return self.access.get(token, "dummy")

    def validate_realms(self, client_key: str, token: str, request: Any, uri: Any = None, realms: Any = None) -> bool:
        return True


class OauthlibProvider(Provider):
    """A provider on oauthlib's ``RequestTokenEndpoint``, ``AuthorizationEndpoint``,
    ``AccessTokenEndpoint`` and ``ResourceEndpoint``."""

    def __init__(self) -> None:
        super().__init__()
        self.validator = _Validator()
        self.request_token = RequestTokenEndpoint(self.validator)
        self.authorization = AuthorizationEndpoint(self.validator)
        self.access_token = AccessTokenEndpoint(self.validator)
        self.resource = ResourceEndpoint(self.validator)

    def answer(self, method: str, url: str, headers: Dict[str, str], body: bytes) -> Answer:
        path = _endpoint(url)
        # oauthlib reads only form bodies, and only as text.
        text = body.decode() if oauth1.is_form_content_type(headers.get("Content-Type")) else None
        if path == "/request_token":
            h, b, s = self.request_token.create_request_token_response(url, method, text, headers)
        elif path == "/authorize":
            try:
                realms, credentials = self.authorization.get_realms_and_credentials(url, method, text, headers)
                h, b, s = self.authorization.create_authorization_response(url, method, text, headers, realms)
            except OAuth1Error as e:
                h, b, s = {"Content-Type": FORM}, e.urlencoded, e.status_code
        elif path == "/access_token":
            h, b, s = self.access_token.create_access_token_response(url, method, text, headers)
        elif path == "/resource":
            valid, request = self.resource.validate_protected_resource_request(url, method, text, headers)
            if not valid:
                return refusal(401, "signature_invalid", "oauthlib refused the request")
            echo = {"method": method, "url": url, "token": request.resource_owner_key, "body": body.decode()}
            return 200, {"Content-Type": "application/json"}, json.dumps(echo).encode()
        else:
            return 404, {"Content-Type": "text/plain"}, b"no such endpoint"
        headers_out = dict(h or {})
        headers_out.setdefault("Content-Type", FORM)
        return s, headers_out, (b or "").encode()
