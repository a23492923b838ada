#!/usr/bin/python3
"""Scale check: renders a synthetic model (EVENTS x PARTICIPATIONS) with the
harness in constant-memory mode, bounds the render's own peak RSS, and reads
the matrix back: as many non-empty cells as distinct (entity, event) pairs,
and a grand total that says so.

    check_scale.py HARNESS PLUGIN OUTDIR EVENTS PARTICIPATIONS MAX_RENDER_MB
"""
import os
import re
import subprocess
import sys

import zipfile

harness, plugin, out, nev, npart, max_mb = sys.argv[1:7]
os.makedirs(out, exist_ok=True)
path = os.path.join(out, "scale.xlsx")
p = subprocess.run([harness, plugin, path, nev, npart, "400", "-O", "tables=no"],
                   capture_output=True, text=True)
print(p.stdout, p.stderr)
fields = dict(re.findall(r"(\w+)=(-?\d+)", p.stdout))
fails = []
if p.returncode != 0 or fields.get("status") != "0":
    fails.append("render failed")
render_kb = int(fields.get("render_kb", "999999999"))
if int(max_mb) > 0 and render_kb > int(max_mb) * 1024:
    fails.append("render used %d KB (> %s MB)" % (render_kb, max_mb))
# The raw sheet XML, not openpyxl: 150,000 cells take it 15 s to parse.
with zipfile.ZipFile(path) as z:
    xml = z.read("xl/worksheets/sheet1.xml").decode()


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


last_col = 3 + int(nev)  # A name, B type, events, then the totals column
rows = set()
cells = 0
for col, row in re.findall(r'<c r="([A-Z]+)(\d+)"[^>]*t="inlineStr"', xml):
    c, r = col_index(col), int(row)
    if r >= 2 and 3 <= c < last_col:
        cells += 1
        rows.add(r)
rows = len(rows)
m = re.search(r"<f>SUM\([A-Z]+2:[A-Z]+\d+\)</f><v>(\d+)</v>", xml)
grand = int(m.group(1)) if m else None
pairs = int(fields.get("pairs", "-1"))
if cells != pairs:
    fails.append("matrix has %d cells, expected %d pairs" % (cells, pairs))
if grand != pairs:
    fails.append("grand total caches %r, expected %d" % (grand, pairs))
print("rows=%d cells=%d render_kb=%d" % (rows, cells, render_kb))
for f in fails:
    print("FAIL:", f)
sys.exit(1 if fails else 0)
