"""The stub `_native.pyi` is true to the installed native module (mypy.stubtest).

test.sh runs stubtest too; this test also proves the check can fail, by running it on
a copy of the installed package whose stub has drifted.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import oauth1

pytest.importorskip("mypy.stubtest")

CONFIG = pathlib.Path(__file__).resolve().parents[1] / "stubtest.ini"


def stubtest(package_parent: pathlib.Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(package_parent), MYPYPATH=str(package_parent))
    return subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "oauth1", "--mypy-config-file", str(CONFIG)],
        capture_output=True,
        text=True,
        cwd=package_parent,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def installed() -> pathlib.Path:
    return pathlib.Path(oauth1.__file__).resolve().parent


def test_stub_matches_installed_module(installed: pathlib.Path, tmp_path: pathlib.Path) -> None:
    shutil.copytree(installed, tmp_path / "oauth1")
    done = stubtest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "old,new",
    [
        ("        placement: Optional[str] = None,\n    ) -> \"Signer\": ...", "        placement: Optional[str] = None,\n        extra: int = 0,\n    ) -> \"Signer\": ..."),
        ("def generate_nonce() -> str:", "def generate_nonce(length: int) -> str:"),
        ("    max_skew: Optional[int] = None,", "    max_skew: Optional[int] = 600,"),
        ("    def __new__(cls, data: _Body, *, allow_short_key: bool = False)", "    def __new__(cls, data: _Body, allow_short_key: bool = False)"),
    ],
    ids=["extra-parameter", "changed-signature", "changed-default", "rsa-keyword-made-positional"],
)
def test_stubtest_catches_drift(installed: pathlib.Path, tmp_path: pathlib.Path, old: str, new: str) -> None:
    shutil.copytree(installed, tmp_path / "oauth1")
    stub = tmp_path / "oauth1" / "_native.pyi"
    text = stub.read_text(encoding="utf-8")
    assert old in text
    stub.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = stubtest(tmp_path)
    assert done.returncode != 0, done.stdout
