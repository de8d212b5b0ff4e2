#!/usr/bin/env bash
# Every test, as the README's second command runs it (after .ci/install --test):
#   1. the suite through ctest in a normal build (gcc), the browser tests and
#      the benchmark smoke included;
#   2. the same suite again under AddressSanitizer + UndefinedBehaviorSanitizer,
#      built by clang-14 with the fuzzer instrumentation as well, so one
#      compilation gives both the sanitizer suite and the fuzz targets; its
#      ctest adds a short run of every fuzz target (fuzz_smoke).
# Two compilations of the tree, not three: on CI's 2 cores each is most of
# the run's time.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja
cmake --build build
ctest --test-dir build --output-on-failure
CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan -G Ninja -DTANYA_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-asan
ctest --test-dir build-asan --output-on-failure
