#!/bin/bash
# bench/run.sh - Dossier's performance benchmark (not a test: nothing here
# runs under ctest). Builds Release into its own folder, generates synthetic
# dossiers of 100, 1,000 and 10,000 events x 150 participation rows, and
# measures `dossier render` per format and in total, `dossier check`, the
# Python peer and the C floor (both at 1,000 events), then writes
# bench/results/latest.{md,json} and prints the summary and ratios.
#
#   bench/run.sh [--quick] [--runs N] [--peer-runs N] [--no-build]
#                [--build DIR] [--sizes "100 1000 10000"] [--no-peer]
#
#   --quick      skip the 10,000-event size (and run the peer once)
#   --runs N     hyperfine runs per command (default 5)
#   --10k-runs N runs at 10,000 events (default 1, no warm-up)
#   --peer-runs  runs of the Python peer (default 2; it takes ~a minute)
#   --no-build   reuse the existing build folder as is
#   --no-peer    skip the peer (ratios against it are then omitted)
#   --worktree   build the checkout as it is (default: the committed HEAD,
#                exported with git archive, so others' uncommitted edits
#                stay out of the figures)
#
# Wall time: hyperfine median after one warm-up run. CPU: hyperfine's mean
# user+system, children included. Memory: /usr/bin/time -v "Maximum resident
# set size" (the largest single process of the tree, children included) and
# bench/treemem.py (sampled sum over the tree, RSS and PSS), which matters
# for -j 2 where two plugin children are alive at once.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build-bench
SIZES="100 1000 10000"
RUNS=5
TEN_K_RUNS=1
PEER_RUNS=2
DO_BUILD=1
DO_PEER=1
FROM_WORKTREE=0
PY=/usr/bin/python3
while [ $# -gt 0 ]; do
    case $1 in
    --quick) SIZES="100 1000"; PEER_RUNS=1 ;;
    --runs) RUNS=$2; shift ;;
    --10k-runs) TEN_K_RUNS=$2; shift ;;
    --peer-runs) PEER_RUNS=$2; shift ;;
    --no-build) DO_BUILD=0 ;;
    --no-peer) DO_PEER=0 ;;
    --worktree) FROM_WORKTREE=1 ;;
    --build) BUILD=$(realpath -m "$2"); shift ;;
    --sizes) SIZES=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

DATA=$BUILD/bench-data
RAW=$BUILD/bench-results
OUT=$BUILD/bench-out
DOSSIER=$BUILD/dossier
FLOOR=$BUILD/bench-floor
mkdir -p "$DATA" "$RAW" "$OUT"
rm -f "$RAW"/*.json "$RAW"/*.time "$RAW"/*.txt "$RAW"/*.load

if [ $DO_BUILD = 1 ]; then
    # Build the committed tree (git archive HEAD), not the checkout: other
    # people's uncommitted edits must not end up in the figures. Templates
    # are found in that exported source tree too.
    SRC=$ROOT
    if [ $FROM_WORKTREE = 0 ]; then
        SRC=$BUILD/src
        rm -rf "$SRC"
        mkdir -p "$SRC"
        git -C "$ROOT" archive HEAD | tar -x -C "$SRC"
    fi
    if ! grep -qs "CMAKE_HOME_DIRECTORY:INTERNAL=$SRC\$" "$BUILD/CMakeCache.txt"; then
        rm -rf "$BUILD/CMakeCache.txt" "$BUILD/CMakeFiles"
    fi
    cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
        -DDOSSIER_TESTS=OFF >/dev/null
    cmake --build "$BUILD" -j"$(nproc)" >/dev/null
    git -C "$ROOT" rev-parse --short HEAD >"$RAW/commit.txt"
    [ $FROM_WORKTREE = 1 ] && echo "(working tree)" >>"$RAW/commit.txt"
fi
# shellcheck disable=SC2046
cc -std=c11 -O2 -o "$FLOOR" "$ROOT/bench/floor/floor.c" \
    $(pkg-config --cflags --libs yaml-0.1 xlsxwriter libcmark) -lhpdf

# Generated data is cached; the stamp changes when the generator does.
GEN_SUM=$(sha1sum "$ROOT/bench/gen_dossier.py" | cut -c1-12)
for n in $SIZES; do
    d=$DATA/$n
    if [ "$(cat "$d/.stamp" 2>/dev/null)" != "$GEN_SUM-150" ]; then
        echo "generating $n events..." >&2
        rm -rf "$d"
        $PY "$ROOT/bench/gen_dossier.py" --events "$n" --rows 150 --out "$d"
        echo "$GEN_SUM-150" >"$d/.stamp"
    fi
done

# measure NAME RUNS CMD... : hyperfine (wall, CPU), time -v (max RSS),
# treemem (tree sum; skipped with TREE=0). A failing command is recorded
# (report.py marks it) and the benchmark goes on. The load average before
# each command is kept: on a busy machine wall times are inflated and the
# CPU times are the figures to trust.
WARMUP=1
TREE=1
measure() {
    local name=$1 runs=$2
    shift 2
    echo "== $name: $*" >&2
    cut -d' ' -f1-3 /proc/loadavg >"$RAW/$name.load"
    hyperfine --style none -i --warmup "$WARMUP" --runs "$runs" \
        --export-json "$RAW/$name.hf.json" "$(printf '%q ' "$@")" >&2 || true
    /usr/bin/time -v -o "$RAW/$name.time" "$@" >/dev/null 2>"$RAW/$name.stderr.txt" || true
    if [ "$TREE" = 1 ]; then
        $PY "$ROOT/bench/treemem.py" -o "$RAW/$name.tree.json" -- "$@" >/dev/null 2>&1 || true
    fi
}

for n in $SIZES; do
    d=$DATA/$n
    r=$RUNS
    WARMUP=1
    TREE=1
    if [ "$n" -ge 10000 ]; then
        # A 10,000-event render costs about a minute of CPU: one run each.
        r=$TEN_K_RUNS
        WARMUP=0
    fi
    measure "dossier-$n-check" "$r" "$DOSSIER" check "$d"
    for f in pdf xlsx md; do
        measure "dossier-$n-$f" "$r" "$DOSSIER" render "$d" -f $f -o "$OUT/$n-$f"
    done
    measure "dossier-$n-all-j1" "$r" "$DOSSIER" render "$d" -f pdf,xlsx,md -j 1 -o "$OUT/$n-all-j1"
    measure "dossier-$n-all-j2" "$r" "$DOSSIER" render "$d" -f pdf,xlsx,md -j 2 -o "$OUT/$n-all-j2"
done
WARMUP=1
TREE=1

# The floor does the same library work as Dossier's 1,000-event outputs:
# same cell count, PDF pages and text bytes, Markdown bytes.
xlsx=$(ls "$OUT"/1000-xlsx/*.xlsx | head -1)
pdf=$(ls "$OUT"/1000-pdf/*.pdf | head -1)
md=$(ls "$OUT"/1000-md/*.md | head -1)
CELLS=$(unzip -p "$xlsx" 'xl/worksheets/sheet*.xml' | grep -o '<c ' | wc -l)
PAGES=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
PDF_BYTES=$(pdftotext -q "$pdf" - | wc -c)
MD_BYTES=$(wc -c <"$md")
echo "{\"cells\": $CELLS, \"pdf_pages\": $PAGES, \"pdf_text_bytes\": $PDF_BYTES, \"md_bytes\": $MD_BYTES, \"pdf_file_bytes\": $(wc -c <"$pdf"), \"xlsx_file_bytes\": $(wc -c <"$xlsx")}" >"$RAW/volumes-1000.json"
FL=(--cells "$CELLS" --pdf-pages "$PAGES" --pdf-bytes "$PDF_BYTES" --md-bytes "$MD_BYTES")
for f in pdf xlsx md; do
    measure "floor-1000-$f" "$RUNS" "$FLOOR" "$DATA/1000" -f $f -o "$OUT/floor-$f" "${FL[@]}"
done
measure "floor-1000-all-j1" "$RUNS" "$FLOOR" "$DATA/1000" -f pdf,xlsx,md -o "$OUT/floor-all" "${FL[@]}"
# The PDF with no compression at all: libharu's cost without zlib, the
# lowest any PDF of this volume can cost with it (the time targets' bound).
measure "floor-1000-pdf-nocompress" "$RUNS" "$FLOOR" "$DATA/1000" -f pdf --no-compress \
    -o "$OUT/floor-pdf-nc" "${FL[@]}"

# Does the XLSX plugin's memory grow with the cell count? The same 1,000
# events with 4x the participation rows (600 instead of 150), so 4x the
# matrix cells: the render's peak over the model's (check) should not grow.
# MALLOC_ARENA_MAX=1 keeps the loader threads' arenas from adding +-5 MiB
# of noise to both.
case " $SIZES " in
*" 1000 "*)
    d=$DATA/1000x600
    if [ "$(cat "$d/.stamp" 2>/dev/null)" != "$GEN_SUM-600" ]; then
        echo "generating 1000 events x 600 rows..." >&2
        rm -rf "$d"
        $PY "$ROOT/bench/gen_dossier.py" --events 1000 --rows 600 --out "$d"
        echo "$GEN_SUM-600" >"$d/.stamp"
    fi
    WARMUP=0
    TREE=0
    export MALLOC_ARENA_MAX=1
    for r in 150 600; do
        dd=$DATA/1000
        [ $r = 600 ] && dd=$d
        measure "cells-1000x$r-check" 1 "$DOSSIER" check "$dd"
        measure "cells-1000x$r-xlsx" 1 "$DOSSIER" render "$dd" -f xlsx -o "$OUT/cells-$r"
    done
    unset MALLOC_ARENA_MAX
    ;;
esac

# At 10,000 events the floor runs the PDF alone, once: its peak memory is
# what libharu needs to hold that many pages, whatever Dossier does (the
# memory target's floor).
if [ -d "$OUT/10000-pdf" ] && ls "$OUT"/10000-pdf/*.pdf >/dev/null 2>&1; then
    pdf10=$(ls "$OUT"/10000-pdf/*.pdf | head -1)
    P10=$(pdfinfo "$pdf10" | awk '/^Pages:/ {print $2}')
    B10=$(pdftotext -q "$pdf10" - | wc -c)
    echo "{\"pdf_pages\": $P10, \"pdf_text_bytes\": $B10, \"pdf_file_bytes\": $(wc -c <"$pdf10")}" >"$RAW/volumes-10000.json"
    WARMUP=0
    TREE=0
    measure "floor-10000-pdf" 1 "$FLOOR" "$DATA/10000" -f pdf -o "$OUT/floor-10000-pdf" \
        --pdf-pages "$P10" --pdf-bytes "$B10"
    # The same number of pages with one word each (parsing only a small
    # input): libharu's own memory per page, before any content.
    small=$(ls -d "$DATA"/100 "$DATA"/1000 2>/dev/null | head -1)
    measure "floor-10000-pdf-bare" 1 "$FLOOR" "$small" -f pdf -o "$OUT/floor-10000-bare" \
        --pdf-pages "$P10" --pdf-bare
fi

if [ $DO_PEER = 1 ]; then
    echo "== peer-1000-all (slow)" >&2
    cut -d' ' -f1-3 /proc/loadavg >"$RAW/peer-1000-all-j1.load"
    hyperfine --style none -i --runs "$PEER_RUNS" \
        --export-json "$RAW/peer-1000-all-j1.hf.json" \
        "$PY $ROOT/bench/peer/peer.py $DATA/1000 -o $OUT/peer" >&2
    /usr/bin/time -v -o "$RAW/peer-1000-all-j1.time" \
        $PY "$ROOT/bench/peer/peer.py" "$DATA/1000" -o "$OUT/peer" -v 2>"$RAW/peer-steps.txt" || true
fi

$PY "$ROOT/bench/report.py" "$RAW" "$ROOT/bench/results"
