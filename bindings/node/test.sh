#!/usr/bin/env bash
# The Node package's tests, as scripts/test-all runs them: install the dev
# dependencies exactly as locked (which builds the native addon through the
# `install` script), check that the committed index.js/index.d.ts are what napi-rs
# generates now, then run every test under node --test.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund
node scripts/check-generated.js
node --test test/
