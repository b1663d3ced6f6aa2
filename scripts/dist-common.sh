# shellcheck shell=bash
# Sourced by scripts/dist, scripts/dist-* and scripts/test-dist: where things are, and what
# Cargo says. Versions come from Cargo's metadata, found by manifest path (a crate may be
# renamed for crates.io; its directory stays).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${DIST:-$ROOT/dist}"
CARGO_FLAGS="${CARGO_FLAGS:---locked}"
# The host's target triple: the artifacts are built for the machine that builds them.
# shellcheck disable=SC2034 # used by the scripts that source this one
HOST="$(rustc -vV | sed -n 's/^host: //p')"
# Archive entries get the last commit's time, so the same commit packs to the same bytes.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH

step() { printf '\n==> %s\n' "$*"; }

# cargo_meta FIELD DIR: a field of the workspace package in DIR (relative to the root), for
# example `cargo_meta version bindings/c` or `cargo_meta name crates/oauth1-cli`;
# `cargo_meta target_directory .` gives the target directory.
cargo_meta() {
    # shellcheck disable=SC2086
    (cd "$ROOT" && cargo metadata --format-version 1 --no-deps $CARGO_FLAGS) | python3 -c '
import json, os, sys
meta, (field, where, root) = json.load(sys.stdin), sys.argv[1:]
if field == "target_directory":
    print(meta[field])
    sys.exit(0)
manifest = os.path.join(root, where, "Cargo.toml")
found = [p[field] for p in meta["packages"] if os.path.samefile(p["manifest_path"], manifest)]
if len(found) != 1:
    sys.exit(f"cargo_meta: no workspace package at {manifest}")
print(found[0])' "$1" "$2" "$ROOT"
}

# pack PARENT NAME: writes $DIST/NAME.tar.gz holding PARENT/NAME, reproducibly (sorted
# entries, no owners, one mtime, no gzip timestamp).
pack() {
    mkdir -p "$DIST"
    tar -C "$1" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
        --mode='u+rwX,go+rX,go-w' -cf - "$2" | gzip -9n > "$DIST/$2.tar.gz"
    echo "$DIST/$2.tar.gz"
}
