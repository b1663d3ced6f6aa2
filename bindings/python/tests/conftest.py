"""Shared fixtures: the public vectors and the installed package under test."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import oauth1

ROOT = pathlib.Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors" / "public.json"


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
