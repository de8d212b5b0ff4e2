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
# The tests run side by side, one per core up to four: most of them wait on
# sockets or a child process, and one at a time left CI's second core idle
# through the two suites (178 s and 675 s of ctest on this project's fresh
# Debian 12 run of 51a7a55). Each test has its own ephemeral ports, files and
# Redis; none measures time.
set -euo pipefail
cd "$(dirname "$0")/.."
cores=$(nproc)
jobs=$((cores < 4 ? cores : 4))
cmake -S . -B build -G Ninja
cmake --build build
ctest --test-dir build --output-on-failure --parallel "$jobs"
CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan -G Ninja -DTANYA_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-asan
ctest --test-dir build-asan --output-on-failure --parallel "$jobs"
