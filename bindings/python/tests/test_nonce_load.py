"""bench/nonce-load, smaller: two servers (the WSGI middleware with RedisNonceStore) on one
private Redis take 2,000 signed requests, 10% of them replays sent to the other instance;
no replay gets in and no fresh request is refused; Redis stopped mid-run gives 503 and
Retry-After, and once restarted requests succeed again. Then the same with memory stores."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_two_instances_on_one_redis_under_load_and_with_redis_stopped() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "nonce-load"), "--requests", "2000", "--threads", "8"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    assert "redis: 2000 requests" in out and "200 replays to the OTHER instance" in out
    assert "[ok] every fresh request accepted: 1800/1800" in out
    assert "[ok] every replay refused with nonce_used: 200/200" in out
    assert "[ok] requests fail closed with 503 and Retry-After: 1: 20/20" in out
    assert "the nonce store cannot be reached" in out
    assert "[ok] after the restart every fresh request accepted: 20/20" in out
    assert "[ok] after the restart replays to the other instance refused: 5/5" in out
    assert "FAILED" not in out
    table = [line.split() for line in out.splitlines() if line.startswith(("redis ", "memory "))]
    assert [(row[0], row[1]) for row in table] == [("redis", "A"), ("redis", "B"), ("memory", "A"), ("memory", "B")]
    assert all(int(row[2]) == 1000 and float(row[3]) > 0 for row in table)
    assert out.rstrip().endswith("nonce-load: all checks passed")
