"""Local HTTP servers (127.0.0.1, threaded) for the redirect tests of every adapter.

A server answers the redirects it is given (``routes``: path -> (status, Location)),
verifies every request with ``oauth1.verify`` first when it is a verifying one
(the origin of the signed requests, or a trusted one), and records every request it
received, so a test can check what each hop carried.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import urlsplit

from server import _read_chunked, CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, oauth1_verifier

import oauth1


def signer(**options: object) -> oauth1.Signer:
    return oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, **options)  # type: ignore[arg-type]


@dataclass
class Hit:
    """One request a server received, and whether it accepted it."""

    method: str
    path: str
    headers: dict[str, str]
    body: str
    accepted: bool

    @property
    def carries_oauth(self) -> bool:
        """Any OAuth parameter: the header, or ``oauth_`` in the query or the body."""
        return "Authorization" in self.headers or "oauth_" in self.path or "oauth_" in self.body


@dataclass
class RedirectServer:
    verifying: bool = True
    routes: dict[str, tuple[int, str]] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    httpd: Optional[ThreadingHTTPServer] = None

    @property
    def base_url(self) -> str:
        assert self.httpd is not None
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def accepted(self) -> list[str]:
        return [f"{h.method} {h.path}" for h in self.hits if h.accepted]

    def refused(self) -> list[str]:
        return [f"{h.method} {h.path}" for h in self.hits if not h.accepted]

    def start(self) -> "RedirectServer":
        verify = oauth1_verifier() if self.verifying else None
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    body = b"".join(_read_chunked(self.rfile))
                else:
                    body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = f"http://{self.headers['Host']}{self.path}"
                headers = dict(self.headers.items())
                ok, detail = verify(self.command, url, headers, body) if verify else (True, "not verified")
                owner.hits.append(Hit(self.command, self.path, headers, body.decode("utf-8", "replace"), ok))
                route = owner.routes.get(urlsplit(self.path).path)
                if ok and route is not None:
                    status, location = route
                    self.send_response(status)
                    self.send_header("Location", location)
                    self.send_header("Set-Cookie", "hop=1; Path=/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                answer = json.dumps({"ok": ok, "detail": detail, "method": self.command, "path": self.path, "body": body.decode("utf-8", "replace")}).encode()
                self.send_response(200 if ok else 401)
                if not ok:
                    self.send_header("WWW-Authenticate", detail)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer)

            do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = do_PATCH = _handle

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        assert self.httpd is not None
        self.httpd.shutdown()
        self.httpd.server_close()
