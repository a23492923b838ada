"""JSON written by Python's json.dumps (ASCII-only: a character beyond U+FFFF
becomes a \\uD83D\\uDE00 surrogate pair, Cyrillic \\u0434...) loads through
`dossier dump` as an event file with the same text, and errors located after
rewritten pairs on the same line keep the columns of the file as written.

usage: check_surrogates.py DOSSIER_CLI OUTDIR
"""
import json
import os
import shutil
import subprocess
import sys

cli, out = sys.argv[1], sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
fails = []

title = "Душанбе \U0001F600 conference \U0001F1F9\U0001F1EF"
ev = {"id": "e", "title": title, "start": "2020-01-01",
      "themes": ["\U0001F511 keys", "обычный"],
      "summary": "\U0001D11E" * 50 + " end"}
good = os.path.join(out, "good.json")
with open(good, "w", encoding="ascii") as f:
    f.write(json.dumps(ev))
p = subprocess.run([cli, "dump", good], capture_output=True, text=True, encoding="utf-8")
if p.returncode != 0:
    fails.append("dump failed: " + p.stderr)
else:
    e = json.loads(p.stdout)["events"][0]
    for k in ("title", "themes", "summary"):
        if e[k] != ev[k]:
            fails.append("%s: %r != %r" % (k, e[k], ev[k]))

# One line: an error after 52 rewritten pairs must point where it is written.
bad = dict(ev, start="2020-02-30", end={"x": 1})
text = json.dumps(bad)
path = os.path.join(out, "bad.json")
with open(path, "w", encoding="ascii") as f:
    f.write(text)
p = subprocess.run([cli, "check", path], capture_output=True, text=True, encoding="utf-8")
col_start = text.index('"2020-02-30"') + 1
col_end = text.index('{"x"') + 1
want = ["%s:1:%d: error: '2020-02-30' for 'start' is not a real calendar date" % (path, col_start),
        "%s:1:%d: error: expected a date (YYYY-MM-DD) for 'end', found a mapping" % (path, col_end)]
got = [l for l in p.stderr.splitlines() if ": error:" in l]
if p.returncode != 1 or got != want:
    fails.append("check: exit %d\n got  %r\n want %r" % (p.returncode, got, want))

for f in fails:
    print("FAIL:", f)
if not fails:
    print("surrogate pairs OK")
sys.exit(1 if fails else 0)
