#!/bin/sh
# bench smoke test (not timed): the generator is deterministic and its output
# is a valid dossier for `dossier check`, with the requested shape.
#   smoke.sh PYTHON GEN_DOSSIER_PY DOSSIER_CLI WORKDIR
set -eu
py=$1 gen=$2 cli=$3 dir=$4
rm -rf "$dir"
"$py" "$gen" --events 5 --rows 150 --out "$dir/a"
"$py" "$gen" --events 5 --rows 150 --out "$dir/b"
diff -r "$dir/a" "$dir/b" >/dev/null || { echo "generator is not deterministic"; exit 1; }
n=$(ls "$dir/a/events" | wc -l)
[ "$n" -eq 5 ] || { echo "expected 5 event files, got $n"; exit 1; }
"$cli" check "$dir/a"
# 150 participation rows per event, non-ASCII names intact in the model.
"$cli" dump "$dir/a" >"$dir/model.json"
"$py" - "$dir/model.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
ev = m["events"]
assert len(ev) == 5, len(ev)
for e in ev:
    rows = len(e["organizers"]) + len(e["participants"])
    assert rows == 150, (e["id"], rows)
    pairs = {(r["entity"], r["role"]) for r in e["organizers"] + e["participants"]}
    assert len(pairs) == 150, (e["id"], len(pairs))
text = json.dumps(m, ensure_ascii=False)
for s in ("Душанбе", "Bajarūnas", "Zürich"):
    assert s in text, s
print("bench smoke OK: 5 events x 150 rows")
PY
