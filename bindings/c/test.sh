#!/usr/bin/env bash
# The C ABI's tests: the Rust tests of oauth1-c (header freshness, code stability),
# then every C and C++ program in tests/c under valgrind and under
# AddressSanitizer + UndefinedBehaviorSanitizer, then `make install` into a temporary
# prefix and the examples built with pkg-config against it.
#
# Works on a fresh machine: missing tools are installed with apt-get.
# Called by scripts/test-all; run it alone with bindings/c/test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

# Tools from the base image's package manager, installed only when missing.
missing=()
command -v valgrind >/dev/null || missing+=(valgrind)
command -v gcc >/dev/null || missing+=(gcc)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v python3 >/dev/null || missing+=(python3)
# The local provider of test_flow runs in a virtualenv (Debian splits venv off python3).
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
    step "installing ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

CARGO_FLAGS="${CARGO_FLAGS:---locked}"
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps $CARGO_FLAGS | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
BUILD="$TARGET_DIR/c-tests"
rm -rf "$BUILD"
mkdir -p "$BUILD"

step "oauth1-c: Rust tests (header freshness, result codes, allocations)"
# shellcheck disable=SC2086
cargo test $CARGO_FLAGS -p oauth1-c

step "make install into a temporary prefix (the tests link the installed library)"
PREFIX="$BUILD/prefix"
make --no-print-directory -C bindings/c install PREFIX="$PREFIX" PROFILE=debug CARGO_FLAGS="$CARGO_FLAGS" >/dev/null
ls -l "$PREFIX/lib" "$PREFIX/include"
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"

step "C tests: building"
python3 tests/c/gen_vectors.py tests/vectors/public.json "$BUILD/vectors.h"
python3 tests/c/gen_bad_input.py tests/vectors/bad-input.json "$BUILD/bad_input.h"
CFLAGS=(-std=c11 -D_GNU_SOURCE -Wall -Wextra -Wpedantic -Werror -g -Iinclude -I"$BUILD")
CXXFLAGS=(-std=c++17 -Wall -Wextra -Wpedantic -Werror -g -Iinclude)
LINK=(-L"$PREFIX/lib" -loauth1 -Wl,-rpath,"$PREFIX/lib" -lpthread)
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
C_TESTS=(test_vectors test_bad_input test_rsa test_misuse test_fuzz_misuse test_secrets test_verify
    test_verify_safety test_threads test_nonce_callback test_readme test_flow)
for t in "${C_TESTS[@]}"; do
    gcc "${CFLAGS[@]}" -O1 "tests/c/$t.c" -o "$BUILD/$t" "${LINK[@]}"
    gcc "${CFLAGS[@]}" "${SAN[@]}" "tests/c/$t.c" -o "$BUILD/$t.asan" "${LINK[@]}"
done
g++ "${CXXFLAGS[@]}" -O1 tests/c/test_cpp.cpp -o "$BUILD/test_cpp" "${LINK[@]}"
g++ "${CXXFLAGS[@]}" "${SAN[@]}" tests/c/test_cpp.cpp -o "$BUILD/test_cpp.asan" "${LINK[@]}"
g++ "${CXXFLAGS[@]}" -O1 tests/c/test_flow_cpp.cpp -o "$BUILD/test_flow_cpp" "${LINK[@]}"
g++ "${CXXFLAGS[@]}" "${SAN[@]}" tests/c/test_flow_cpp.cpp -o "$BUILD/test_flow_cpp.asan" "${LINK[@]}"
ALL_TESTS=("${C_TESTS[@]}" test_cpp test_flow_cpp)

step "the local provider for test_flow: oauthlib's endpoints (tests/c/provider.py) on 127.0.0.1"
# Its own small virtualenv, kept between runs; oauthlib pinned as in the Python binding.
PROVIDER_VENV="$TARGET_DIR/c-provider-venv"
[ -x "$PROVIDER_VENV/bin/python" ] || python3 -m venv "$PROVIDER_VENV"
"$PROVIDER_VENV/bin/python" -m pip install --quiet --disable-pip-version-check oauthlib==4.0.1
"$PROVIDER_VENV/bin/python" tests/c/provider.py "$BUILD/provider.port" &
PROVIDER_PID=$!
trap 'kill "$PROVIDER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    [ -s "$BUILD/provider.port" ] && break
    kill -0 "$PROVIDER_PID" || { echo "the provider did not start" >&2; exit 1; }
    sleep 0.1
done
[ -s "$BUILD/provider.port" ] || { echo "the provider did not start within 10 s" >&2; exit 1; }
OAUTH1_TEST_PROVIDER="http://127.0.0.1:$(cat "$BUILD/provider.port")"
export OAUTH1_TEST_PROVIDER
echo "provider at $OAUTH1_TEST_PROVIDER"

step "C tests under valgrind"
for t in "${ALL_TESTS[@]}"; do
    valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
        "$BUILD/$t"
done

step "C tests under AddressSanitizer + UndefinedBehaviorSanitizer"
for t in "${ALL_TESTS[@]}"; do
    ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$BUILD/$t.asan"
done

step "the examples build with pkg-config against the installed copy"
pkg-config --modversion oauth1
# shellcheck disable=SC2046
cc -Wall -Werror bindings/c/examples/example.c $(pkg-config --cflags --libs oauth1) -o "$BUILD/example"
# shellcheck disable=SC2046
c++ -std=c++17 -Wall -Werror bindings/c/examples/example.cpp $(pkg-config --cflags --libs oauth1) -o "$BUILD/example_cpp"
LD_LIBRARY_PATH="$PREFIX/lib" "$BUILD/example" | grep -q '^Authorization: OAuth oauth_consumer_key="'
LD_LIBRARY_PATH="$PREFIX/lib" "$BUILD/example_cpp" | grep -q '^verified: consumer key app-key, HMAC-SHA1$'
# Statically, too: liboauth1.a plus Libs.private.
# shellcheck disable=SC2046
cc bindings/c/examples/example.c -I"$PREFIX/include" "$PREFIX/lib/liboauth1.a" \
    $(pkg-config --libs-only-other --libs-only-l --static oauth1 | sed 's/-loauth1//') -o "$BUILD/example_static"
"$BUILD/example_static" | grep -q '^Authorization: OAuth '
echo "examples OK (shared and static)"

step "C ABI: all tests passed"
