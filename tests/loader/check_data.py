"""Compares dossier_data_parse with Python's json module on every *.json
file of a folder: same structure, same types (true is not 1), same text."""
import json
import pathlib
import subprocess
import sys

dump, folder = sys.argv[1], pathlib.Path(sys.argv[2])
files = sorted(folder.glob("*.json"))
assert files, f"no JSON files in {folder}"
bad = 0
for f in files:
    want = json.loads(f.read_text(encoding="utf-8"))
    out = subprocess.run([dump, str(f)], capture_output=True, text=True, encoding="utf-8")
    if out.returncode != 0:
        print(f"{f}: parse failed:\n{out.stderr}")
        bad += 1
        continue
    got = json.loads(out.stdout)
    canon = lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)
    if canon(got) != canon(want):
        print(f"{f}: differs from json.load")
        bad += 1
    else:
        print(f"{f}: ok")
sys.exit(1 if bad else 0)
