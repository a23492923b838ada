#!/usr/bin/env bash
# Builds everything with warnings as errors and runs the whole test suite:
#   1. RelWithDebInfo build, -Werror, every ctest (valgrind included);
#   2. the same suite under AddressSanitizer + UBSan (build-asan/);
#   3. each libFuzzer target for a bounded time (scripts/fuzz.sh).
# This is what .ci/run calls. DOSSIER_TEST_QUICK=1 runs stage 1 only;
# DOSSIER_FUZZ_SECONDS sets stage 3's time per target (default 45).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
jobs=$(nproc)

stage() { printf '\n=== %s\n' "$*"; }

stage "build (warnings are errors) and test"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 600)

if [ "${DOSSIER_TEST_QUICK:-0}" = 1 ]; then
  exit 0
fi

stage "AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDOSSIER_SANITIZE=ON \
  -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j"$jobs" --timeout 900)

stage "fuzzing (bounded)"
bash scripts/fuzz.sh "${DOSSIER_FUZZ_SECONDS:-45}"
