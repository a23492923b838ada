#!/usr/bin/python3
"""pdf.threads: finished pages deflated on a worker thread (plugins/pdf/
pdf_pack.c) give the same bytes as deflated on the render thread.

A dossier of many pages (more than the 8 the worker may hold, so the
layout waits for it; a contents section and page numbers, which draw on
packed pages again) is rendered with -O pdf.threads=0, =1 and the default,
isolated and in-process; the files must be identical, pass qpdf --check,
and read back with every page and its "Page N of M". -O pdf.stats=1 must
say every content stream was deflated on the worker with pdf.threads=1
and none with 0 (so a silent fall-back to the serial path fails). A bad
value warns and renders with the default.

usage: check_threads.py CLI OUTDIR
"""
import os
import re
import shutil
import subprocess
import sys

EVENTS = 40


def run(cmd, env):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def main():
    cli, out = sys.argv[1], sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    src = os.path.join(out, "dossier")
    os.makedirs(os.path.join(src, "events"))
    with open(os.path.join(src, "dossier.yaml"), "w") as f:
        f.write("format: 1\ntitle: Worker thread check\nprepared_by: Tests\n")
    for i in range(EVENTS):
        paras = ["Paragraph %d of event %d: " % (p, i) +
                 " ".join("word%d" % ((i * 7 + p * 13 + w) % 97) for w in range(90))
                 for p in range(14)]
        with open(os.path.join(src, "events", "e%03d.md" % i), "w") as f:
            f.write("---\nid: e%03d\ntitle: Event number %d\nkind: conference\n"
                    "start: 2020-01-%02d\n---\n\n%s\n" % (i, i, i % 28 + 1,
                                                          "\n\n".join(paras)))
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    fails = []
    files = {}
    runs = [("t0", ["-O", "pdf.threads=0"]), ("t1", ["-O", "pdf.threads=1"]),
            ("default", []), ("t1-inproc", ["-O", "pdf.threads=1", "--no-isolate"]),
            ("t0-inproc", ["-O", "pdf.threads=0", "--no-isolate"]),
            ("abc", ["-O", "pdf.threads=abc"]), ("two", ["-O", "pdf.threads=2"])]
    stat = re.compile(r"pdf: (\d+) pages, (\d+) content streams deflated on the "
                      r"worker thread, (\d+) on the render thread")
    for name, opts in runs:
        o = os.path.join(out, name)
        p = run([cli, "render", src, "-f", "pdf", "-o", o, "-O", "pdf.stats=1"] + opts, env)
        if p.returncode != 0:
            fails.append("%s: exit %d: %s" % (name, p.returncode, p.stderr))
            continue
        m = stat.search(p.stderr)
        if not m:
            fails.append("%s: no pdf.stats note in %r" % (name, p.stderr))
        else:
            pages, worker, here = map(int, m.groups())
            # every page's body and page number stream (not the cover's)
            if worker + here != 2 * pages - 1:
                fails.append("%s: %d + %d streams deflated for %d pages"
                             % (name, worker, here, pages))
            if name.startswith("t1") and (here != 0 or worker == 0):
                fails.append("%s: the worker deflated %d, the render thread %d"
                             % (name, worker, here))
            if name.startswith("t0") and worker != 0:
                fails.append("%s: a worker deflated %d streams" % (name, worker))
        warned = "threads must be 0 or 1" in p.stderr
        if warned != (name in ("abc", "two")):
            fails.append("%s: warning %s expected, stderr %r"
                         % (name, "" if name in ("abc", "two") else "not", p.stderr))
        with open(os.path.join(o, "briefing.pdf"), "rb") as f:
            files[name] = f.read()
    ref = files.get("t0")
    for name, data in files.items():
        if data != ref:
            fails.append("%s: bytes differ from pdf.threads=0 (%d against %d)"
                         % (name, len(data), len(ref or b"")))
    if ref is not None:
        pdf = os.path.join(out, "t1", "briefing.pdf")
        p = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
        if p.returncode != 0:
            fails.append("qpdf --check: " + p.stdout + p.stderr)
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", info, re.M)
        pages = int(m.group(1)) if m else 0
        if pages < 3 * 8:
            fails.append("only %d pages" % pages)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                              capture_output=True, text=True).stdout
        for n in range(2, pages + 1):
            if "Page %d of %d" % (n, pages) not in text:
                fails.append("no 'Page %d of %d'" % (n, pages))
                break
        for i in range(EVENTS):
            if "Paragraph 13 of event %d:" % i not in text:
                fails.append("event %d's last paragraph missing" % i)
                break
        print("%d pages, %d bytes, %d runs identical"
              % (pages, len(ref), sum(d == ref for d in files.values())))
    for f in fails:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
