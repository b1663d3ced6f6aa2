"""examples/python/lti_tool.py: an LTI 1.1 tool behind a proxy verifies launches against
the origin from its configuration, whatever Host and X-Forwarded-Host say."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import urllib.parse
from types import ModuleType

import requests

import oauth1
from conftest import ROOT
from oauth1 import lti

ORIGIN = "https://tool.example.edu"
KEY, SECRET = "lms.example.edu", "shared-secret"
FORM = "application/x-www-form-urlencoded"
PLATFORM = oauth1.Signer(KEY, SECRET, callback="about:blank", placement="body")
LAUNCH = {
    "lti_message_type": "basic-lti-launch-request",
    "lti_version": "LTI-1p0",
    "resource_link_id": "quiz-3",
    "lis_person_name_full": "Zoë <Example>",
    "roles": "Learner",
}
PROXY_HEADERS = {"Content-Type": FORM, "Host": "127.0.0.1", "X-Forwarded-Host": "evil.example.org"}


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lti_tool", ROOT / "examples" / "python" / "lti_tool.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def signed_launch(url: str) -> bytes:
    body = PLATFORM.sign("POST", url, body=urllib.parse.urlencode(LAUNCH), content_type=FORM).signed_body
    assert body is not None
    return body


def test_the_tool_behind_a_proxy_verifies_launches_against_its_configured_origin() -> None:
    env = {**os.environ, "LTI_TOOL_ORIGIN": ORIGIN, "LTI_CONSUMER_KEY": KEY, "LTI_SHARED_SECRET": SECRET, "PORT": "0"}
    env.pop("LTI_REDIS_URL", None)
    tool = subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / "python" / "lti_tool.py")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert tool.stdout is not None
        line = tool.stdout.readline()
        assert line.startswith("lti_tool: listening on http://127.0.0.1:"), line
        base = line.split("listening on ", 1)[1].split(",", 1)[0]
        body = signed_launch(ORIGIN + "/launch")
        r = requests.post(base + "/launch", data=body, headers=PROXY_HEADERS, timeout=10)
        assert r.status_code == 200, r.text
        assert "Hello Zoë &lt;Example&gt;: resource quiz-3" in r.text
        # The same launch again: a replay.
        r = requests.post(base + "/launch", data=body, headers=PROXY_HEADERS, timeout=10)
        assert r.status_code == 401
        assert r.headers["WWW-Authenticate"] == 'OAuth realm="lti", oauth_problem="nonce_used"'
        # Signed for the host the client claims, not the configured one: refused.
        for claimed in ("https://evil.example.org/launch", base + "/launch"):
            r = requests.post(base + "/launch", data=signed_launch(claimed), headers=PROXY_HEADERS, timeout=10)
            assert r.status_code == 401
            assert 'oauth_problem="signature_invalid"' in r.headers["WWW-Authenticate"]
        r = requests.get(base + "/launch", timeout=10)
        assert r.status_code == 405
    finally:
        tool.terminate()
        tool.wait(timeout=10)
        if tool.stdout is not None:
            tool.stdout.close()


def test_the_tool_refuses_what_is_not_a_launch() -> None:
    app = example().make_app(ORIGIN, {KEY: SECRET})
    import io

    def call(body: bytes, content_type: str) -> str:
        statuses: list[str] = []
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": "/launch", "QUERY_STRING": "",
            "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
        }
        b"".join(app(environ, lambda status, headers: statuses.append(status)))
        return statuses[0]

    assert call(signed_launch(ORIGIN + "/launch"), FORM) == "200 OK"
    assert call(b"{}", "application/json").startswith("400")
    params = {**LAUNCH, "lti_message_type": "ToolProxyRegistrationRequest"}
    body = PLATFORM.sign("POST", ORIGIN + "/launch", body=urllib.parse.urlencode(params), content_type=FORM).signed_body
    assert body is not None
    assert call(body, FORM).startswith("401")


def test_grade_passback_from_the_tool_verifies_at_the_platform() -> None:
    service = "https://lms.example.edu/outcomes?course=7"
    headers, body = example().outcome_request(KEY, SECRET, service, "src-1", 0.92)
    assert b"<textString>0.92</textString>" in body
    verified = lti.verify_outcome("POST", service, headers, body, secrets=oauth1.Credentials(KEY, SECRET))
    assert verified.body_hash_checked
