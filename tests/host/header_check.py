#!/usr/bin/python3
"""Every public header compiles on its own, as C11 with -Wwrite-strings and
as C++ (STYLE.md section 2): nothing relies on an earlier include, and the
extern "C" guards and const-correctness hold.

usage: header_check.py INCLUDE_DIR CC [CXX]"""
import glob
import os
import subprocess
import sys
import tempfile

inc, cc = sys.argv[1], sys.argv[2]
cxx = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
headers = sorted(glob.glob(os.path.join(inc, "dossier", "*.h")))
assert headers, "no headers found"
bad = []
with tempfile.TemporaryDirectory() as tmp:
    for h in headers:
        name = "dossier/" + os.path.basename(h)
        src = os.path.join(tmp, "t.c")
        with open(src, "w") as f:
            f.write(f'#include "{name}"\n#include "{name}"\nint dossier_header_check;\n')
        jobs = [[cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-Wwrite-strings",
                 "-pedantic", "-fsyntax-only", "-I", inc, "-x", "c", src]]
        if cxx:
            jobs.append([cxx, "-std=c++11", "-Wall", "-Wextra", "-Werror",
                         "-fsyntax-only", "-I", inc, "-x", "c++", src])
        for cmd in jobs:
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                bad.append(f"{name} ({os.path.basename(cmd[0])}):\n{r.stderr}")
for b in bad:
    print(b)
print(f"{len(headers)} headers, {len(bad)} failures")
sys.exit(1 if bad else 0)
