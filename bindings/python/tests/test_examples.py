"""The Python example the top-level README shows runs and prints a valid header."""

from __future__ import annotations

import subprocess
import sys

import oauth1
from conftest import ROOT


def test_liveperson_example_prints_a_verifiable_header() -> None:
    out = subprocess.run(
        [sys.executable, "examples/python/liveperson.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out.startswith("Authorization: OAuth oauth_consumer_key=")
    header = out.removeprefix("Authorization: ").strip()
    credentials = oauth1.Credentials.from_file(str(ROOT / "examples" / "credentials.example.json"))
    url = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all"
    verified = oauth1.verify("GET", url, authorization=header, secrets=credentials)
    assert verified.consumer_key == credentials.consumer_key
