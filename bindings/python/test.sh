#!/usr/bin/env bash
# Builds the `oauth1` wheel, installs it into a fresh virtualenv and runs the Python
# tests against the installed package: the stub check (mypy.stubtest) and pytest;
# then checks that the source distribution installs on its own. The nonce store tests
# use the Redis at OAUTH1_TEST_REDIS_URL, or start one (scripts/redis-server) and stop it.
# Needs CPython >= 3.9 with pip, and Rust; everything else comes from PyPI.
#
#   bindings/python/test.sh            # from anywhere
#   PYTHON=python3.12 bindings/python/test.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
venv="${OAUTH1_PY_VENV:-$root/target/python-venv}"

step() { printf '\n==> %s\n' "$*"; }

# A real Redis for the nonce store tests (they fail without one), unless the caller
# (scripts/test-all) already started one; stopped on exit.
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c"; done' EXIT
if [ -z "${OAUTH1_TEST_REDIS_URL:-}" ]; then
    step "Redis: Debian's redis-server on a free loopback port"
    redis_dir="$(mktemp -d)"
    cleanup+=("bash '$root/scripts/redis-server' stop '$redis_dir'")
    OAUTH1_TEST_REDIS_URL="$(bash "$root/scripts/redis-server" start "$redis_dir")"
    export OAUTH1_TEST_REDIS_URL
fi

step "virtualenv at $venv"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
py="$venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check -r "$here/requirements-dev.txt"

step "pip install ./bindings/python (maturin builds the abi3 wheel)"
# Exactly what the README tells users to run; the tests then import the installed
# package from site-packages, never the source tree.
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$here"

step "stub check (mypy.stubtest against the installed module)"
# Run from a directory without the sources so the installed package is what is checked.
cd "$root/target"
"$py" -m mypy.stubtest oauth1 --mypy-config-file "$here/stubtest.ini"

step "pytest"
"$py" -m pytest -c "$here/pyproject.toml" --rootdir "$here" -p no:cacheprovider "$here/tests" "$@"

step "the source distribution installs on its own and signs"
# What PyPI would serve to a platform without a wheel: maturin's sdist (which carries
# the core crate and the workspace's Cargo.lock), installed into an empty virtualenv.
work="$(mktemp -d)"
cleanup+=("rm -rf '$work'")
"$venv/bin/maturin" sdist -m "$here/Cargo.toml" -o "$work/dist" >/dev/null
"$python" -m venv "$work/venv"
# maturin gives every file in the sdist the same old mtime, so cargo would take the
# project's own crates in a reused target directory for fresh and install a stale
# build: those two are rebuilt every time. The dependencies come from the wheel's
# build in the same target directory (OpenSSL among them: minutes on two cores).
cargo clean --quiet --manifest-path "$root/Cargo.toml" --release -p oauth1-core -p oauth1-python
CARGO_TARGET_DIR="$root/target" \
    "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/oauth1-*.tar.gz
"$work/venv/bin/python" - <<'PY'
import oauth1

signer = oauth1.Signer("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00")
signed = signer.sign("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original",
                     nonce="kllo9940pd9333jh", timestamp=1191242096)
assert signed.signature == "tR3+Ty81lMeYAr/Fid0kMTYa/WM=", signed.signature
print("sdist: installs into an empty virtualenv and signs the OAuth Core 1.0 example")
PY
# The same native module as the wheel's, not an older build.
names() { "$1" -c 'import oauth1._native as n; print(sorted(dir(n)))'; }
if [ "$(names "$work/venv/bin/python")" != "$(names "$py")" ]; then
    echo "sdist: its native module differs from the wheel's" >&2
    exit 1
fi
echo "sdist: the same native module as the wheel's"
