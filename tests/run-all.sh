#!/usr/bin/env bash
# Every test, as the README's second command runs it (after .ci/install --test):
#   1. the suite through ctest in a normal build — including the browser test,
#      the benchmark smoke and a short run of every fuzz target (clang-14);
#   2. the same suite again under AddressSanitizer + UndefinedBehaviorSanitizer
#      (the fuzz smoke left out: the fuzz build is instrumented already).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja
cmake --build build
ctest --test-dir build --output-on-failure
cmake -S . -B build-asan -G Ninja -DTANYA_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-asan
ctest --test-dir build-asan --output-on-failure --label-exclude fuzz
