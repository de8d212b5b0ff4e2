#!/usr/bin/env bash
# Every test, as the README's second command runs it (after .ci/install --test):
#   1. the suite through ctest in a normal build;
#   2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. a short run of every libFuzzer target (clang-14), replaying earlier findings.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja
cmake --build build
ctest --test-dir build --output-on-failure
cmake -S . -B build-asan -G Ninja -DTANYA_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-asan
ctest --test-dir build-asan --output-on-failure
tests/fuzz/run.sh "${TANYA_FUZZ_SECONDS:-15}"
