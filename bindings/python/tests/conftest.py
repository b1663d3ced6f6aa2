"""Shared fixtures: the public vectors and the installed package under test."""

from __future__ import annotations

import functools
import json
import pathlib
from typing import Any, Optional

import pytest

import oauth1

ROOT = pathlib.Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors" / "public.json"
# The shared test keys (tests/vectors/keys/README.md): public, for tests only.
KEYS = ROOT / "tests" / "vectors" / "keys"
RSA_METHODS = ("RSA-SHA1", "RSA-SHA256", "RSA-SHA512")


@functools.lru_cache(maxsize=None)
def rsa_key() -> oauth1.RsaPrivateKey:
    """The 2048-bit test key."""
    return oauth1.RsaPrivateKey.from_file(KEYS / "rsa-2048.pem")


def key_for(method: str) -> Optional[oauth1.RsaPrivateKey]:
    """The private key a signer needs for `method`: the test key for RSA, else none."""
    return rsa_key() if method.upper().startswith("RSA-") else None


def load_vectors() -> dict[str, Any]:
    with VECTORS.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    assert data["format"] == "oauth1-vectors/1"
    return data


def pytest_report_header() -> str:
    return f"oauth1 under test: {oauth1.__file__}"


@pytest.fixture(autouse=True, scope="session")
def _installed_package() -> None:
    # The tests run against the installed wheel, never the source tree.
    here = pathlib.Path(__file__).resolve().parents[1]
    assert here not in pathlib.Path(oauth1.__file__).resolve().parents, oauth1.__file__
