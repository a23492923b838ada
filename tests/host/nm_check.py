#!/usr/bin/python3
"""A plugin must not link against libdossier: `nm -D --undefined-only` may
list no dossier_ symbol (the ABI goes through the host API table)."""
import subprocess
import sys

so = sys.argv[1]
out = subprocess.run(["nm", "-D", "--undefined-only", so], check=True,
                     capture_output=True, text=True).stdout
bad = [l.split()[-1] for l in out.splitlines() if l.split() and l.split()[-1].startswith("dossier_")]
defined = subprocess.run(["nm", "-D", "--defined-only", so], check=True,
                         capture_output=True, text=True).stdout
exported = [l.split()[-1] for l in defined.splitlines() if l.split() and l.split()[-1].startswith("dossier_")]
if bad:
    sys.exit(f"{so}: references core symbols {bad}")
if exported != ["dossier_plugin_entry"]:
    sys.exit(f"{so}: exports {exported}, expected only dossier_plugin_entry")
print(f"{so}: ok")
