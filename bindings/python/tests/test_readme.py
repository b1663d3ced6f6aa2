"""The server-side examples of bindings/python/README.md are tested files.

Like scripts/check-readme for the top-level README: a block that follows
``<!-- example: PATH -->`` must appear verbatim in PATH, and here PATH is run. Every
block that shows ``oauth1.verify`` must be such a block.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

README = ROOT / "bindings" / "python" / "README.md"
BLOCK = re.compile(r"(?:<!-- example: (?P<path>\S+) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S)
RUN = {"bindings/python/tests/readme_verify.py", "bindings/python/tests/readme_stores.py"}


def blocks() -> list[re.Match[str]]:
    return list(BLOCK.finditer(README.read_text(encoding="utf-8")))


def test_tagged_blocks_are_verbatim_parts_of_their_files() -> None:
    tagged = [b for b in blocks() if b["path"]]
    assert len(tagged) >= 2
    for block in tagged:
        source = ROOT / block["path"]
        assert source.is_file(), block["path"]
        assert block["body"] in source.read_text(encoding="utf-8"), f"a block is not a verbatim part of {block['path']}"
        assert block["path"] in RUN, f"{block['path']} is not run by this test"


def test_verify_examples_are_tagged() -> None:
    for block in blocks():
        if "oauth1.verify(" in block["body"]:
            assert block["path"], f"an untested oauth1.verify example: {block['body'][:80]!r}"


def test_the_check_catches_a_changed_block() -> None:
    source = (ROOT / "bindings/python/tests/readme_verify.py").read_text(encoding="utf-8")
    block = next(b for b in blocks() if b["path"])
    assert block["body"] in source
    assert block["body"].replace("consumer_key", "consumerkey", 1) not in source


def test_examples_run() -> None:
    for path in sorted(RUN):
        done = subprocess.run([sys.executable, str(ROOT / path)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "README server examples: ok"
