#!/usr/bin/python3
"""Source and binary style guards run by ctest (tests/style.cmake).

  style_check.py banned   ROOT            risky C calls (curl's checksrc list)
  style_check.py noprint  ROOT            the library never prints or exits
  style_check.py lines    ROOT MAX        every .c/.h under MAX lines
  style_check.py exports  NM LIB.so PREFIX [INCDIR]
                                          exported names all start PREFIX (and
                                          each is declared in a header of INCDIR)
  style_check.py entry    NM PLUGIN.so...        a plugin exports one symbol

Comments and string literals are blanked before matching, so prose such as
"never call exit()" is not a hit; line numbers stay those of the file.
Each check prints every hit as FILE:LINE: ... and exits 1 if there is any."""
import os
import re
import subprocess
import sys

# Directories scanned by the source checks, relative to the source root.
SOURCE_DIRS = ["core", "plugins", "samples/plugins"]

# Unbounded or state-hiding calls; use snprintf/dossier_buf, memcpy with a
# known length, strtol/strtoull with an end pointer, strtok_r or strcspn.
BANNED = ["sprintf", "vsprintf", "strcpy", "strcat", "strtok", "atoi",
          "atol", "atoll", "gets"]

# Hits in files the reviewer may not edit, kept until their owners fix
# them. Each entry: (path relative to the root, banned name, why/who).
# Remove an entry once the call is gone: a stale entry fails the test too,
# so the list cannot silently outlive its reason.
BANNED_ALLOW = [
]

# The library reports through dossier_diags; only the CLI prints or exits.
# `_exit` in a forked render child is allowed: it is not `exit`.
NOPRINT = re.compile(
    r"\b(printf|vprintf|puts|perror|exit|abort)\s*\("
    r"|\b(fprintf|vfprintf|fputs|fputc|putc)\s*\([^;]*\b(stderr|stdout)\b"
    r"|\bputchar\s*\(")
NOPRINT_DIRS = ["core"]            # core/*.c and core/*.h ...
NOPRINT_EXCLUDE = ["core/cli"]     # ... but not the command line

# Symbols the static linker defines in every shared object; not ours.
LINKER_SYMBOLS = {"_init", "_fini", "_edata", "_end", "__bss_start"}


def strip_c(text):
    """Blank out comments and string/char literals, keeping newlines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def c_files(root, dirs, exclude=()):
    for d in dirs:
        top = os.path.join(root, d)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            rel_dir = os.path.relpath(dirpath, root)
            if any(rel_dir == e or rel_dir.startswith(e + "/") for e in exclude):
                dirnames[:] = []
                continue
            for f in sorted(filenames):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(dirpath, f), root)


def scan(root, rel, pattern):
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fh:
        code = strip_c(fh.read())
    for no, line in enumerate(code.split("\n"), 1):
        for m in pattern.finditer(line):
            yield no, m


def check_banned(root):
    pattern = re.compile(r"\b(" + "|".join(BANNED) + r")\s*\(")
    allowed = {(p, name) for p, name, _ in BANNED_ALLOW}
    used = set()
    bad = 0
    for rel in c_files(root, SOURCE_DIRS):
        for no, m in scan(root, rel, pattern):
            name = m.group(1)
            if (rel, name) in allowed:
                used.add((rel, name))
                continue
            print(f"{rel}:{no}: banned function {name}()")
            bad += 1
    for p, name, _ in BANNED_ALLOW:
        if (p, name) not in used:
            print(f"{p}: allow-list entry for {name}() is stale; remove it")
            bad += 1
    return bad


def check_noprint(root):
    bad = 0
    for rel in c_files(root, NOPRINT_DIRS, NOPRINT_EXCLUDE):
        for no, m in scan(root, rel, NOPRINT):
            print(f"{rel}:{no}: the library must not print or exit: "
                  f"'{m.group(0)}'")
            bad += 1
    return bad


def check_lines(root, limit):
    bad = 0
    dirs = [d for d in os.listdir(root)
            if os.path.isdir(os.path.join(root, d))
            and not d.startswith((".", "build"))]
    for rel in c_files(root, sorted(dirs)):
        with open(os.path.join(root, rel), "rb") as fh:
            n = fh.read().count(b"\n")
        if n >= limit:
            print(f"{rel}: {n} lines; split it (limit {limit})")
            bad += 1
    return bad


def dynamic_symbols(nm, so):
    out = subprocess.run([nm, "-D", "--defined-only", so], check=True,
                         capture_output=True, text=True).stdout
    names = [l.split()[-1] for l in out.splitlines() if l.split()]
    return [s.split("@")[0] for s in names if s.split("@")[0] not in LINKER_SYMBOLS]


def check_exports(nm, so, prefix, incdir=None):
    syms = dynamic_symbols(nm, so)
    bad = [s for s in syms if not s.startswith(prefix)]
    for s in bad:
        print(f"{so}: exports '{s}' without the '{prefix}' prefix")
    if incdir:
        # An exported name no public header declares is an internal helper
        # marked DOSSIER_API by mistake: callers could start to rely on it.
        text = ""
        for dirpath, _, files in os.walk(incdir):
            for f in files:
                if f.endswith(".h"):
                    with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                        text += fh.read()
        words = set(re.findall(r"\b[A-Za-z_][A-Za-z0-9_]*\b", text))
        for s in syms:
            if s not in words:
                print(f"{so}: exports '{s}', which no header under {incdir} "
                      f"declares")
                bad.append(s)
    return len(bad)


# Symbols a built-in plugin exports on purpose besides its entry point:
# definitions that take the place of a library function for the plugin's
# own dependencies (ELF lookup order), each explained in its source file.
INTERPOSED = {
    # libxlsxwriter hard-codes the zip level; plugins/xlsx/xlsx_zip.c
    "xlsx.so": ["zipOpenNewFileInZip4_64"],
}


def check_entry(nm, plugins):
    bad = 0
    for so in plugins:
        extra = INTERPOSED.get(os.path.basename(so), [])
        syms = [s for s in dynamic_symbols(nm, so) if s not in extra]
        if syms != ["dossier_plugin_entry"]:
            print(f"{so}: exports {syms}, expected only dossier_plugin_entry")
            bad += 1
    return bad


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "banned":
        bad = check_banned(argv[2])
    elif cmd == "noprint":
        bad = check_noprint(argv[2])
    elif cmd == "lines":
        bad = check_lines(argv[2], int(argv[3]))
    elif cmd == "exports":
        bad = check_exports(argv[2], argv[3], argv[4],
                            argv[5] if len(argv) > 5 else None)
    elif cmd == "entry":
        bad = check_entry(argv[2], argv[3:])
    else:
        sys.exit(__doc__)
    if bad:
        sys.exit(f"style {cmd}: {bad} problem(s)")
    print(f"style {cmd}: ok")


if __name__ == "__main__":
    main(sys.argv)
