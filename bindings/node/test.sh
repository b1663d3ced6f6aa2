#!/usr/bin/env bash
# The Node package's tests, as scripts/test-all runs them: install the dev
# dependencies exactly as locked (which builds the native addon through the
# `install` script), check that the committed index.js/index.d.ts are what napi-rs
# generates now, run every test under node --test, then pack the package as it
# would be published and check that it installs from its tarball on its own.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"

npm ci --no-audit --no-fund
node scripts/check-generated.js
node --test test/

# The tarball from scripts/pack.js, installed into an empty project: its install
# script builds the addon there from the bundled crates (a debug build, sharing a
# target directory with earlier runs), and CommonJS and ESM both sign the OAuth
# Core 1.0 example.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(node scripts/pack.js "$work")"
mkdir "$work/project"
echo '{"name": "packed-check", "version": "1.0.0", "private": true}' >"$work/project/package.json"
(cd "$work/project" &&
    OAUTH1_NODE_PROFILE=debug CARGO_TARGET_DIR="$ROOT/target/npm-packed" \
        npm install --no-audit --no-fund "$tarball")
check='const s = new Signer({ consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44",
    token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00" });
const r = s.sign({ method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
    nonce: "kllo9940pd9333jh", timestamp: 1191242096 });
if (r.signature !== "tR3+Ty81lMeYAr/Fid0kMTYa/WM=") throw new Error("the packed package signs " + r.signature);'
(cd "$work/project" &&
    node -e "const { Signer } = require('oauth1'); $check" &&
    node --input-type=module -e "import { Signer } from 'oauth1'; $check")
echo "packed package: installs from $(basename "$tarball") and signs (CommonJS and ESM)"
