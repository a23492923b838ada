#!/usr/bin/python3
"""Scale check: renders a synthetic model (EVENTS x PARTICIPATIONS) with the
harness in constant-memory mode, bounds the render's own peak RSS, and reads
the matrix back: as many non-empty cells as distinct (entity, event) pairs,
and a grand total that says so.

    check_scale.py HARNESS PLUGIN OUTDIR EVENTS PARTICIPATIONS MAX_RENDER_MB
                   [MORE_PARTICIPATIONS MAX_GROWTH_KB]

With MORE_PARTICIPATIONS, the same events are rendered twice more without
links or heading comments (what libxlsxwriter keeps per link and per
comment is not the plugin's), with PARTICIPATIONS and MORE_PARTICIPATIONS
rows per event: the second has several times the matrix cells, and its
render may use at most MAX_GROWTH_KB more (0: not checked, as under
sanitizers). The plugin's own memory must not grow with the cell count.
"""
import os
import re
import subprocess
import sys

import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
harness, plugin, out, nev, npart, max_mb = sys.argv[1:7]
more = sys.argv[7:9]
os.makedirs(out, exist_ok=True)
fails = []


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def render(name, participations, entities, opts, count_cells=True):
    path = os.path.join(out, name + ".xlsx")
    p = subprocess.run([harness, plugin, path, nev, participations, entities,
                        "-O", "tables=no"] + opts, capture_output=True, text=True)
    print(p.stdout, p.stderr)
    fields = dict(re.findall(r"(\w+)=(-?\d+)", p.stdout))
    if p.returncode != 0 or fields.get("status") != "0":
        fails.append("%s: render failed" % name)
    render_kb = int(fields.get("render_kb", "999999999"))
    pairs = int(fields.get("pairs", "-1"))
    # The raw sheet XML, not openpyxl: 150,000 cells take it 15 s to parse.
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    m = re.search(r"<f>SUM\([A-Z]+2:[A-Z]+\d+\)</f><v>(\d+)</v>", xml)
    grand = int(m.group(1)) if m else None
    if grand != pairs:
        fails.append("%s: grand total caches %r, expected %d" % (name, grand, pairs))
    if count_cells:
        last_col = 3 + int(nev)  # A name, B type, events, then the totals column
        rows = set()
        cells = 0
        for col, row in re.findall(r'<c r="([A-Z]+)(\d+)"[^>]*t="inlineStr"', xml):
            c, r = col_index(col), int(row)
            if r >= 2 and 3 <= c < last_col:
                cells += 1
                rows.add(r)
        if cells != pairs:
            fails.append("%s: matrix has %d cells, expected %d pairs" % (name, cells, pairs))
        print("%s: rows=%d cells=%d render_kb=%d" % (name, len(rows), cells, render_kb))
    else:
        print("%s: pairs=%d render_kb=%d" % (name, pairs, render_kb))
    return render_kb, pairs


render_kb, _ = render("scale", npart, "400", [])
if int(max_mb) > 0 and render_kb > int(max_mb) * 1024:
    fails.append("render used %d KB (> %s MB)" % (render_kb, max_mb))

if more:
    with open(os.path.join(HERE, "..", "..", "templates", "xlsx", "participants.yaml"),
              encoding="utf-8") as f:
        text = f.read()
    if "comments: true" not in text:
        fails.append("the shipped template no longer says 'comments: true'")
    lean = os.path.join(out, "no-comments.yaml")
    with open(lean, "w", encoding="utf-8") as f:
        f.write(text.replace("comments: true", "comments: false"))
    opts = ["-O", "max_links=0", "--template", lean]
    small_kb, small_pairs = render("flat-small", npart, "1000", opts)
    big_kb, big_pairs = render("flat-big", more[0], "1000", opts, count_cells=False)
    if big_pairs < 4 * small_pairs:
        fails.append("the big render has only %d pairs (small: %d)" % (big_pairs, small_pairs))
    growth = big_kb - small_kb
    print("cells x%.1f: render grew by %d KB" % (big_pairs / max(small_pairs, 1), growth))
    if int(more[1]) > 0 and growth > int(more[1]):
        fails.append("%d pairs took %d KB more than %d pairs (> %s KB): the plugin's "
                     "memory grows with the cell count" % (big_pairs, growth, small_pairs, more[1]))

for f in fails:
    print("FAIL:", f)
sys.exit(1 if fails else 0)
