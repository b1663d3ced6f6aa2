"""oauth1.wsgi.OAuth1Middleware: verifies before the application runs, answers refusals
with 401 / 503 / 413, hands the body on unconsumed, and takes its origin from
configuration, never from the request's headers."""

from __future__ import annotations

import io
import os
import threading
import wsgiref.simple_server
import wsgiref.util
from socketserver import ThreadingMixIn
from typing import Any, Iterator, Optional

import pytest
import requests

import oauth1
from oauth1.wsgi import OAuth1Middleware

ORIGIN = "https://api.example.com"
SIGNER = oauth1.Signer("app-key", "app-secret", "access-token", "token-secret")
SECRETS = SIGNER.credentials
FORM = "application/x-www-form-urlencoded"
# A chunked request: no CONTENT_LENGTH, and the server says reading to the end is safe.
CHUNKED: dict[str, Any] = {"CONTENT_LENGTH": "", "wsgi.input_terminated": True}


def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Echoes what it was given: the verified keys and the body it can still read."""
    verified = environ["oauth1.verified"]
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"{verified.consumer_key} {verified.token} ".encode() + body]


def call(
    middleware: Any,
    method: str = "GET",
    path: str = "/things",
    query: str = "",
    *,
    authorization: Optional[str] = None,
    body: bytes = b"",
    content_type: Optional[str] = None,
    **extra: Any,
) -> tuple[str, dict[str, str], bytes]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)) if body else "",
        # What a proxy or an attacker may say; the middleware must not care.
        "HTTP_HOST": "internal-backend:8000",
        "HTTP_X_FORWARDED_HOST": "evil.example.org",
        "HTTP_X_FORWARDED_PROTO": "http",
        "SERVER_NAME": "backend",
        "SERVER_PORT": "8000",
    }
    wsgiref.util.setup_testing_defaults(environ)
    if authorization is not None:
        environ["HTTP_AUTHORIZATION"] = authorization
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    environ.update(extra)
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answer["status"] = status
        answer["headers"] = dict(headers)

    out = b"".join(middleware(environ, start_response))
    return answer["status"], answer["headers"], out


def signed(method: str, url: str, **kw: Any) -> str:
    return SIGNER.sign(method, url, **kw).authorization


def test_a_signed_request_reaches_the_app_with_the_verified_keys() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    status, _, out = call(mw, query="a=1&b=%20x", authorization=signed("GET", ORIGIN + "/things?a=1&b=%20x"))
    assert status == "200 OK"
    assert out == b"app-key access-token "


def test_the_origin_comes_from_configuration_not_from_host_or_forwarded_headers() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN + "/")
    # Signed for what the proxy and Host claim: refused.
    for claimed in ("http://internal-backend:8000", "https://evil.example.org", "http://evil.example.org"):
        status, headers, _ = call(mw, authorization=signed("GET", claimed + "/things"))
        assert status.startswith("401"), claimed
        assert 'oauth_problem="signature_invalid"' in headers["WWW-Authenticate"]
    # Signed for the configured origin: accepted, whatever the headers say.
    status, _, _ = call(mw, authorization=signed("GET", ORIGIN + "/things"))
    assert status == "200 OK"


def test_an_origin_with_a_port_and_a_mount_point() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin="http://api.example.com:8080")
    auth = signed("GET", "http://api.example.com:8080/v1/things/a%20b")
    status, _, _ = call(mw, path="/things/a b", SCRIPT_NAME="/v1", authorization=auth)
    assert status == "200 OK"


def test_the_raw_request_uri_is_preferred_when_the_server_keeps_it() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    auth = signed("GET", ORIGIN + "/files/a%2Fb?x=1")
    status, _, _ = call(mw, path="/files/a/b", query="x=1", RAW_URI="/files/a%2Fb?x=1", authorization=auth)
    assert status == "200 OK"
    # An absolute-form target: its scheme and host are the client's, and ignored.
    auth = signed("GET", ORIGIN + "/files/a%2Fb?x=1")
    status, _, _ = call(
        mw, path="/files/a/b", query="x=1", REQUEST_URI="http://evil.example.org/files/a%2Fb?x=1", authorization=auth
    )
    assert status == "200 OK"


def test_a_form_body_is_verified_and_handed_on_unconsumed() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    body = b"status=hello%20world&n=1"
    auth = signed("POST", ORIGIN + "/things", body=body, content_type=FORM)
    status, _, out = call(mw, "POST", authorization=auth, body=body, content_type=FORM)
    assert status == "200 OK"
    assert out == b"app-key access-token " + body
    # The same header with another body: the form parameters are signed.
    status, headers, _ = call(mw, "POST", authorization=auth, body=b"status=bye&n=1", content_type=FORM)
    assert status.startswith("401")


def test_a_chunked_body_is_read_to_its_end() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN)
    body = b"a=1"
    auth = signed("POST", ORIGIN + "/things", body=body, content_type=FORM)
    status, _, out = call(
        mw, "POST", authorization=auth, body=body, content_type=FORM, **CHUNKED
    )
    assert status == "200 OK"
    assert out.endswith(b" a=1")


def test_a_body_hash_covers_a_json_body() -> None:
    signer = oauth1.Signer("app-key", "app-secret", "access-token", "token-secret", body_hash=True)
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, require_body_hash=True)
    body = b'{"a": 1}'
    auth = signer.authorization("PUT", ORIGIN + "/things", body=body, content_type="application/json")
    status, _, out = call(mw, "PUT", authorization=auth, body=body, content_type="application/json")
    assert status == "200 OK" and out.endswith(body)
    status, headers, _ = call(mw, "PUT", authorization=auth, body=b'{"a": 2}', content_type="application/json")
    assert status.startswith("401")


def test_refusals_are_401_with_www_authenticate_and_never_reach_the_app() -> None:
    def never(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise AssertionError("the application ran")

    mw = OAuth1Middleware(never, secrets=SECRETS, origin=ORIGIN, realm="api")
    status, headers, out = call(mw)
    assert status == "401 Unauthorized"
    assert headers["WWW-Authenticate"].startswith('OAuth realm="api", oauth_problem="parameter_absent"')
    assert b"parameter_absent" in out
    status, headers, _ = call(mw, authorization='OAuth oauth_consumer_key="x", oauth_consumer_key="y"')
    assert status == "401 Unauthorized"
    assert 'oauth_problem="parameter_rejected"' in headers["WWW-Authenticate"]
    bad = oauth1.Signer("app-key", "wrong", "access-token", "token-secret")
    status, headers, _ = call(mw, authorization=bad.authorization("GET", ORIGIN + "/things"))
    assert 'realm="api", oauth_problem="signature_invalid"' in headers["WWW-Authenticate"]
    old = SIGNER.authorization("GET", ORIGIN + "/things", timestamp=1_000_000_000)
    status, headers, _ = call(mw, authorization=old)
    assert 'oauth_problem="timestamp_refused"' in headers["WWW-Authenticate"]
    assert "oauth_acceptable_timestamps=" in headers["WWW-Authenticate"]


def test_a_replay_is_refused_with_nonce_used() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, nonce_store=oauth1.NonceStore())
    auth = signed("GET", ORIGIN + "/things")
    assert call(mw, authorization=auth)[0] == "200 OK"
    status, headers, _ = call(mw, authorization=auth)
    assert status.startswith("401")
    assert 'oauth_problem="nonce_used"' in headers["WWW-Authenticate"]


class _DownStore:
    def check_and_insert(self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int) -> str:
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")


class _ListStore:
    def __init__(self) -> None:
        self.seen: set[tuple[Any, ...]] = set()

    def check_and_insert(self, consumer_key: str, token: Optional[str], nonce: str, timestamp: int, now: int) -> str:
        key = (consumer_key, token, nonce, timestamp)
        if key in self.seen:
            return "replayed"
        self.seen.add(key)
        return "fresh"


def test_a_store_that_cannot_answer_is_503_with_retry_after() -> None:
    def never(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise AssertionError("the application ran")

    mw = OAuth1Middleware(never, secrets=SECRETS, origin=ORIGIN, nonce_store=_DownStore())
    status, headers, out = call(mw, authorization=signed("GET", ORIGIN + "/things"))
    assert status == "503 Service Unavailable"
    assert headers["Retry-After"] == "1"
    assert "WWW-Authenticate" not in headers
    assert b"nonce store" in out
    assert b"127.0.0.1" not in out  # the store's address is logged, not sent


def test_a_store_of_ones_own() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, nonce_store=_ListStore())
    auth = signed("GET", ORIGIN + "/things")
    assert call(mw, authorization=auth)[0] == "200 OK"
    assert call(mw, authorization=auth)[0].startswith("401")


def test_a_body_over_the_limit_is_413_unread() -> None:
    mw = OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, max_body=10)
    status, _, _ = call(mw, "POST", body=b"x" * 11, content_type=FORM)
    assert status == "413 Payload Too Large"
    status, _, _ = call(
        mw, "POST", body=b"x" * 11, content_type=FORM, **CHUNKED
    )
    assert status == "413 Payload Too Large"
    status, _, _ = call(mw, "POST", body=b"x", content_type=FORM, CONTENT_LENGTH="lots")
    assert status.startswith("400")


def test_options_are_checked_at_construction() -> None:
    with pytest.raises(oauth1.InvalidOptionError):
        OAuth1Middleware(app, secrets=SECRETS, origin="api.example.com")
    with pytest.raises(oauth1.InvalidOptionError):
        OAuth1Middleware(app, secrets=SECRETS, origin="https://api.example.com/v1")
    with pytest.raises(oauth1.InvalidOptionError):
        OAuth1Middleware(app, secrets=SECRETS, origin="ftp://api.example.com")
    with pytest.raises(TypeError):
        OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, url="https://x")
    with pytest.raises(oauth1.InvalidOptionError):
        OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, max_body=-1)
    mw = OAuth1Middleware(app, secrets=SECRETS, origin="HTTPS://api.example.com:8443")
    assert mw.origin == "https://api.example.com:8443"


class _ThreadingServer(ThreadingMixIn, wsgiref.simple_server.WSGIServer):
    daemon_threads = True


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def served() -> Iterator[Any]:
    servers = []

    def serve(wsgi_app: Any) -> str:
        server = wsgiref.simple_server.make_server(
            "127.0.0.1", 0, wsgi_app, server_class=_ThreadingServer, handler_class=_QuietHandler
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_end_to_end_behind_a_proxy_on_a_real_server(served: Any) -> None:
    base = served(OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, realm="api", nonce_store=oauth1.NonceStore()))
    body = "name=caf%C3%A9&n=2"
    signed_request = SIGNER.sign("POST", ORIGIN + "/things?page=2", body=body, content_type=FORM)
    headers = {
        "Authorization": signed_request.authorization,
        "Content-Type": FORM,
        "Host": "internal-backend:8000",
        "X-Forwarded-Host": "evil.example.org",
        "X-Forwarded-Proto": "http",
    }
    r = requests.post(base + "/things?page=2", data=body, headers=headers, timeout=10)
    assert r.status_code == 200, r.text
    assert r.text == "app-key access-token " + body
    r = requests.post(base + "/things?page=2", data=body, headers=headers, timeout=10)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == 'OAuth realm="api", oauth_problem="nonce_used"'
    # requests' own auth signs the URL it sends to, which is not the configured origin.
    r = requests.get(base + "/things", auth=oauth1.OAuth1(SIGNER), timeout=10)
    assert r.status_code == 401
    assert 'oauth_problem="signature_invalid"' in r.headers["WWW-Authenticate"]


def redis_url() -> str:
    url = os.environ.get("OAUTH1_TEST_REDIS_URL")
    if not url:
        pytest.fail("OAUTH1_TEST_REDIS_URL is not set: run bindings/python/test.sh, which starts a Redis")
    return url


def test_two_instances_sharing_one_redis_refuse_each_others_replays(served: Any) -> None:
    url = redis_url()
    stores = [oauth1.RedisNonceStore.from_url(url) for _ in range(2)]
    first, second = (served(OAuth1Middleware(app, secrets=SECRETS, origin=ORIGIN, nonce_store=s)) for s in stores)
    try:
        for _ in range(5):
            auth = signed("GET", ORIGIN + "/things")
            assert requests.get(first + "/things", headers={"Authorization": auth}, timeout=10).status_code == 200
            r = requests.get(second + "/things", headers={"Authorization": auth}, timeout=10)
            assert r.status_code == 401
            assert 'oauth_problem="nonce_used"' in r.headers["WWW-Authenticate"]
    finally:
        for store in stores:
            store.client.close()
