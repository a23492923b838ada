#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time (default 60 s each).
#   scripts/fuzz.sh [SECONDS]
# Seeds: tests/fuzz/corpus/<target>, the samples and the peer suites. A crash
# leaves its input under build-fuzz/crashes/; copy it into
# tests/fuzz/corpus/<target>/ so the replay test guards the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shared=${DOSSIER_SHARED_DIR:-$(pwd)/../shared}
CC=clang cmake -S . -B build-fuzz -DDOSSIER_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_data fuzz_load fuzz_mustache fuzz_pdf plugin_pdf \
  fuzz_digest_direct >/dev/null
mkdir -p build-fuzz/crashes
for t in data load mustache pdf digest_direct; do
  work=build-fuzz/corpus-$t
  rm -rf "$work"; mkdir -p "$work"
  cp tests/fuzz/corpus/$t/* "$work"/
  case $t in
    load) cp samples/events/* "$work"/ 2>/dev/null || true ;;
    data) cp samples/dossier.yaml "$shared"/peer-suites/mustache/*.json "$work"/ 2>/dev/null || true ;;
    mustache) cp templates/md/*.mustache "$work"/ 2>/dev/null || true ;;
    pdf) awk 'f>=2{print} /^---$/{f++}' samples/events/2018-05-dushanbe-ct-pve.md > "$work/sample-2018.md" ;;
  esac
  dict=()
  [ -f tests/fuzz/$t.dict ] && dict=(-dict=tests/fuzz/$t.dict)
  echo "fuzz_$t: ${secs}s" >&2
  ./build-fuzz/tests/fuzz_$t "$work" ${dict[@]+"${dict[@]}"} -max_total_time="$secs" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/crashes/$t- \
    -print_final_stats=1 2>build-fuzz/fuzz-$t.log \
    || { tail -50 build-fuzz/fuzz-$t.log >&2; echo "fuzz_$t found a crash" >&2; exit 1; }
  grep -E 'stat::number_of_executed_units' build-fuzz/fuzz-$t.log >&2 || true
done
echo "fuzzing: no crash" >&2
