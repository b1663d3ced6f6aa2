#!/usr/bin/env bash
# The Node package's tests, as scripts/test-all runs them: install the dev
# dependencies exactly as locked (no install script: nothing is built there), build
# the native addon from source (`npm run build`), check that the committed
# index.js/index.d.ts and npm/<platform>/ files are what napi-rs generates now, run
# every test under node --test, then pack the packages as they are published (the
# main package and the platform package with the addon just built) and check that
# they install into an empty project, with nothing run or built, and sign.
set -euo pipefail
cd "$(dirname "$0")"

# The Redis the nonce-store tests need (test/redis.test.js fails without it): the one
# scripts/test-all started, or one started here and stopped on exit.
cleanup=()
on_exit() {
    for step in "${cleanup[@]}"; do eval "$step" || true; done
}
trap on_exit EXIT
if [ -z "${OAUTH1_TEST_REDIS_URL:-}" ]; then
    redis_dir="$(mktemp -d)"
    cleanup+=("bash ../../scripts/redis-server stop '$redis_dir'")
    OAUTH1_TEST_REDIS_URL="$(bash ../../scripts/redis-server start "$redis_dir")"
    export OAUTH1_TEST_REDIS_URL
fi

npm ci --no-audit --no-fund
npm run build
node scripts/check-generated.js
node --test test/

# The tarballs from scripts/pack.js, installed into an empty project from the files
# alone (--offline, and a registry nothing listens on): the platform package brings
# the addon, the main package's other optional dependencies (the platforms not built
# here) are skipped, and CommonJS and ESM both sign the OAuth Core 1.0 example with
# the addon from node_modules/oauth1-<platform>. scripts/test-dist checks the release
# tarballs further, with no Rust reachable.
fail() {
    echo "test.sh: packed packages: $*" >&2
    exit 1
}
work="$(mktemp -d)"
cleanup+=("rm -rf '$work'")
addons=(oauth1.*.node)
if [ "${#addons[@]}" -ne 1 ] || [ ! -f "${addons[0]}" ]; then fail "not exactly one addon here after npm run build: ${addons[*]}"; fi
addon="${addons[0]}"
platform="${addon#oauth1.}"
platform="${platform%.node}"
mapfile -t tarballs < <(node scripts/pack.js "$work" "$addon")
version="$(node -p 'require("./package.json").version')"
main="$work/oauth1-$version.tgz"
binary="$work/oauth1-$platform-$version.tgz"
[ "${tarballs[*]}" = "$binary $main" ] || fail "pack.js wrote ${tarballs[*]}, not $binary $main"
main_files="$(tar -tzf "$main" | LC_ALL=C sort | tr '\n' ' ')"
[ "$main_files" = "package/LICENSE-APACHE package/LICENSE-MIT package/README.md package/flow.d.ts package/flow.js package/helpers.d.ts package/helpers.js package/index.d.ts package/index.js package/oauth1.d.ts package/oauth1.js package/oauth1.mjs package/package.json package/server.d.ts package/server.js " ] ||
    fail "the main package holds $main_files"
binary_files="$(tar -tzf "$binary" | LC_ALL=C sort | tr '\n' ' ')"
[ "$binary_files" = "package/LICENSE-APACHE package/LICENSE-MIT package/README.md package/$addon package/package.json " ] ||
    fail "the platform package holds $binary_files"
mkdir -p "$work/project" "$work/home"
echo '{"name": "packed-check", "version": "1.0.0", "private": true}' >"$work/project/package.json"
(cd "$work/project" &&
    HOME="$work/home" npm install --offline --registry http://127.0.0.1:9/ --no-audit --no-fund "$main" "$binary")
check='const s = new Signer({ consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44",
    token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00" });
const r = s.sign({ method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
    nonce: "kllo9940pd9333jh", timestamp: 1191242096 });
if (r.signature !== "tR3+Ty81lMeYAr/Fid0kMTYa/WM=") throw new Error("the packed package signs " + r.signature);
const addons = Object.keys(require.cache).filter((f) => f.endsWith(".node"));
const want = require("path").join(process.cwd(), "node_modules", "oauth1-'"$platform"'", "'"$addon"'");
if (addons.length !== 1 || addons[0] !== want) throw new Error("the addon loaded is " + addons + ", not " + want);'
(cd "$work/project" &&
    node -e "const { Signer } = require('oauth1'); $check" &&
    node --input-type=module -e "import { Signer } from 'oauth1'; import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/'); $check")
echo "packed packages: $(basename "$main") and $(basename "$binary") install with nothing built and sign (CommonJS and ESM)"
