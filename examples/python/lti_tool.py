#!/usr/bin/env python3
"""An LTI 1.1 tool behind a reverse proxy: verifies launches with oauth1.lti and signs
grade passback.

The tool's public origin comes from configuration (LTI_TOOL_ORIGIN), never from the
request: behind a proxy the tool sees Host: 127.0.0.1:8000 and whatever
X-Forwarded-Host a client cares to send, while the platform signed the public URL.

    LTI_TOOL_ORIGIN=https://tool.example.edu \\
    LTI_CONSUMER_KEY=lms.example.edu LTI_SHARED_SECRET=... \\
    [LTI_REDIS_URL=redis://cache:6379/0] [PORT=8000] \\
        python examples/python/lti_tool.py

Launch URL to give the platform: $LTI_TOOL_ORIGIN/launch. With LTI_REDIS_URL, every
instance shares one nonce store (pip install 'oauth1[redis]'); without it, nonces are
kept in this process's memory.
"""

from __future__ import annotations

import html
import os
import sys
import urllib.parse
import wsgiref.simple_server
from typing import Any, Callable, Dict, Iterable, Optional, Tuple

import oauth1
from oauth1 import lti

REPLACE_RESULT = """<?xml version="1.0" encoding="UTF-8"?>
<imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
  <imsx_POXHeader><imsx_POXRequestHeaderInfo>
    <imsx_version>V1.0</imsx_version><imsx_messageIdentifier>{message_id}</imsx_messageIdentifier>
  </imsx_POXRequestHeaderInfo></imsx_POXHeader>
  <imsx_POXBody><replaceResultRequest><resultRecord>
    <sourcedGUID><sourcedId>{sourcedid}</sourcedId></sourcedGUID>
    <result><resultScore><language>en</language><textString>{score}</textString></resultScore></result>
  </resultRecord></replaceResultRequest></imsx_POXBody>
</imsx_POXEnvelopeRequest>
"""


class Consumers:
    """The platforms this tool trusts: consumer key -> shared secret. Launches carry no
    token, so each consumer signs two-legged."""

    def __init__(self, secrets: Dict[str, str]) -> None:
        self.secrets = secrets

    def consumer(self, consumer_key: str) -> Optional[oauth1.Consumer]:
        secret = self.secrets.get(consumer_key)
        return oauth1.Consumer(secret, two_legged=True) if secret is not None else None

    def token_secret(self, consumer_key: str, token: str) -> Optional[str]:
        return None


def make_app(origin: str, consumers: Dict[str, str], nonce_store: Any = None) -> Callable[..., Iterable[bytes]]:
    """The tool as a WSGI application. ``origin``: the public ``https://host[:port]``
    the platform launches; the request's own Host and X-Forwarded-* are ignored."""
    origin = origin.rstrip("/")
    lookup = Consumers(consumers)
    store = nonce_store if nonce_store is not None else oauth1.NonceStore()

    def app(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def answer(status: str, text: str, headers: Tuple[Tuple[str, str], ...] = ()) -> Iterable[bytes]:
            body = text.encode()
            start_response(status, [("Content-Type", "text/html; charset=utf-8"), *headers])
            return [body]

        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        if path != "/launch":
            return answer("404 Not Found", "<p>Not found</p>")
        if environ["REQUEST_METHOD"] != "POST":
            return answer("405 Method Not Allowed", "<p>Launch with a POST</p>", (("Allow", "POST"),))
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > 1 << 20:
            return answer("413 Payload Too Large", "<p>Launch too large</p>")
        body = environ["wsgi.input"].read(length)
        query = environ.get("QUERY_STRING", "")
        url = origin + urllib.parse.quote(path) + ("?" + query if query else "")
        try:
            params = lti.verify_launch("POST", url, body, environ.get("CONTENT_TYPE"), secrets=lookup, nonce_store=store)
        except oauth1.NonceStoreUnavailableError as e:
            print(f"lti_tool: launch refused, nonce store down: {e}", file=sys.stderr)
            return answer("503 Service Unavailable", "<p>Try again in a moment</p>", (("Retry-After", "1"),))
        except oauth1.VerificationError as e:
            challenge = e.www_authenticate(realm="lti")
            return answer("401 Unauthorized", f"<p>Launch refused: {html.escape(e.problem or '')}</p>",
                          (("WWW-Authenticate", challenge),))
        except oauth1.Error as e:
            return answer("400 Bad Request", f"<p>Not an LTI launch: {html.escape(str(e))}</p>")
        name = params.get("lis_person_name_full") or params.get("user_id") or "there"
        return answer(
            "200 OK",
            f"<p>Hello {html.escape(name)}: resource {html.escape(params['resource_link_id'])}, "
            f"roles {html.escape(params.get('roles', ''))}</p>",
        )

    return app


def outcome_request(
    consumer_key: str, shared_secret: str, service_url: str, sourcedid: str, score: float, message_id: str = "1"
) -> Tuple[Dict[str, str], bytes]:
    """A signed ``replaceResult`` for ``lis_outcome_service_url``: POST ``body`` with
    ``headers`` (``oauth_body_hash`` covers the XML)."""
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"an LTI score is between 0 and 1, not {score}")
    xml = REPLACE_RESULT.format(
        message_id=html.escape(message_id), sourcedid=html.escape(sourcedid), score=f"{score:.4g}"
    ).encode()
    return lti.sign_outcome(oauth1.Signer(consumer_key, shared_secret), service_url, xml)


def main() -> None:
    origin = os.environ.get("LTI_TOOL_ORIGIN")
    key, secret = os.environ.get("LTI_CONSUMER_KEY"), os.environ.get("LTI_SHARED_SECRET")
    if not origin or not key or not secret:
        sys.exit("lti_tool: set LTI_TOOL_ORIGIN, LTI_CONSUMER_KEY and LTI_SHARED_SECRET")
    redis_url = os.environ.get("LTI_REDIS_URL")
    store = oauth1.RedisNonceStore.from_url(redis_url) if redis_url else None
    server = wsgiref.simple_server.make_server("127.0.0.1", int(os.environ.get("PORT", "8000")),
                                               make_app(origin, {key: secret}, store))
    print(f"lti_tool: listening on http://127.0.0.1:{server.server_address[1]}, launch URL {origin}/launch",
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
