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
passed=0
# Runs ctest in build dir $1 and adds its count to the summary; ctest exits
# non-zero on any failure, which stops the script (set -e).
run_ctest() {
  local dir=$1; shift
  local log; log=$(mktemp)
  (cd "$dir" && ctest --output-on-failure -j"$jobs" "$@") | tee "$log"
  local n; n=$(sed -n 's/.*tests passed, 0 tests failed out of \([0-9]*\).*/\1/p' "$log")
  rm -f "$log"
  passed=$((passed + ${n:-0}))
}
summary() { printf '\ntests: %d passed, 0 failed\n' "$passed"; }

stage "build (warnings are errors) and test"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
cmake --build build -j"$jobs"
run_ctest build --timeout 600

if [ "${DOSSIER_TEST_QUICK:-0}" = 1 ]; then
  summary
  exit 0
fi

stage "AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDOSSIER_SANITIZE=ON \
  -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_ctest build-asan --timeout 900

stage "fuzzing (bounded)"
bash scripts/fuzz.sh "${DOSSIER_FUZZ_SECONDS:-45}"
summary
