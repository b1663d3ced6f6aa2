# shellcheck shell=bash
# Sourced by scripts/test-dist-*, which scripts/test-dist runs under `env -i` with a PATH
# that leaves out ~/.cargo/bin and a fresh HOME. Stops at once when cargo or rustc is
# reachable: every check below must pass with no Rust at all.
set -euo pipefail
: "${ROOT:?}" "${DIST:?}" "${VERSION:?}" "${HOST:?}" "${WORK:?}"

fail() {
    echo "test-dist: FAILED: $*" >&2
    exit 1
}
step() { printf '\n--> %s\n' "$*"; }

if command -v cargo >/dev/null 2>&1; then fail "cargo is reachable ($(command -v cargo)); run this through scripts/test-dist"; fi
if command -v rustc >/dev/null 2>&1; then fail "rustc is reachable ($(command -v rustc)); run this through scripts/test-dist"; fi
if command -v rustup >/dev/null 2>&1; then fail "rustup is reachable ($(command -v rustup))"; fi

# The newest glibc the artifacts may need: the wheel's tag (manylinux_2_34) and the READMEs
# in scripts/dist-files say so.
GLIBC_MAX=2.34

# expect REGEX TEXT WHAT: TEXT has a line matching the extended REGEX.
expect() {
    grep -Eq -- "$1" <<<"$2" || fail "$3: no line matches /$1/ in:"$'\n'"$2"
}

# same_file A B: A is byte for byte B.
same_file() {
    cmp -s -- "$1" "$2" || fail "$1 differs from $2"
}

# listing TARBALL EXPECTED...: the archive holds exactly these paths (directories end in /).
listing() {
    local tarball="$1"
    shift
    diff <(tar -tzf "$tarball" | LC_ALL=C sort) <(printf '%s\n' "$@" | LC_ALL=C sort) \
        || fail "$(basename "$tarball") does not hold exactly the expected files (diff above: < archive, > expected)"
}

# glibc_at_most FILE: FILE needs no glibc symbol newer than GLIBC_MAX.
glibc_at_most() {
    local newest
    newest="$(objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)"
    [ -n "$newest" ] || fail "$1: no glibc symbol versions found"
    [ "$(printf '%s\n%s\n' "$newest" "$GLIBC_MAX" | sort -V | tail -n 1)" = "$GLIBC_MAX" ] \
        || fail "$1 needs GLIBC_$newest, newer than the $GLIBC_MAX the artifacts promise"
    echo "$(basename "$1"): glibc symbols up to $newest (at most $GLIBC_MAX)"
}
