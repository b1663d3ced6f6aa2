"""A forked child never repeats its parent's nonces.

The core draws OS random bytes in blocks per thread; after a fork both processes hold
the same block, so the core must notice the new process and draw afresh.
"""

from __future__ import annotations

import os
import sys

import pytest

import oauth1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_forked_child_draws_fresh_nonces() -> None:
    signer = oauth1.Signer("key", "secret")
    url = "https://api.example.com/x"
    signer.sign("GET", url)  # the parent's pool now holds unused random bytes
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report ten nonces and leave at once
        os.close(read_end)
        nonces = "\n".join(signer.sign("GET", url).nonce for _ in range(10))
        os.write(write_end, nonces.encode())
        os._exit(0)
    os.close(write_end)
    parent = {signer.sign("GET", url).nonce for _ in range(10)}
    with os.fdopen(read_end) as pipe:
        child = set(pipe.read().split("\n"))
    _, status = os.waitpid(pid, 0)
    assert status == 0
    assert len(child) == 10
    assert not parent & child, "the child repeated the parent's nonces"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
