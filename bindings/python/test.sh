#!/usr/bin/env bash
# Builds the `oauth1` wheel, installs it into a fresh virtualenv and runs the Python
# tests against the installed package: the stub check (mypy.stubtest) and pytest.
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
