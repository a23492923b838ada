#!/usr/bin/python3
"""Summarises bench/run.sh's raw measurements.

    report.py RAW_DIR RESULTS_DIR

Reads RAW_DIR/*.hf.json (hyperfine), *.time (/usr/bin/time -v) and
*.tree.json (treemem.py); writes RESULTS_DIR/latest.json and latest.md
(machine, figures, ratios, targets) and prints the Markdown on stdout.
"""
import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys

MIB = 1024.0


def machine(root):
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])

    def cmd(*a):
        try:
            return subprocess.run(a, capture_output=True, text=True,
                                  cwd=root).stdout.strip()
        except OSError:
            return "?"
    return {"nproc": os.cpu_count(), "cpu": cpu,
            "memory_gib": round(mem_kb / MIB / MIB, 1),
            "kernel": platform.release(),
            "commit": cmd("git", "rev-parse", "--short", "HEAD"),
            "hyperfine": cmd("hyperfine", "--version"),
            "date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d %H:%M UTC")}


def load(raw):
    res = {}
    for path in glob.glob(os.path.join(raw, "*.hf.json")):
        name = os.path.basename(path)[:-len(".hf.json")]
        with open(path) as f:
            h = json.load(f)["results"][0]
        r = {"wall": h["median"], "wall_min": h["min"], "wall_max": h["max"],
             "runs": len(h["times"]), "cpu": h["user"] + h["system"],
             "ok": all(c == 0 for c in h.get("exit_codes", [0]))}
        tpath = os.path.join(raw, name + ".time")
        if os.path.exists(tpath):
            with open(tpath) as f:
                t = f.read()
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
            r["maxrss_mib"] = int(m.group(1)) / MIB if m else None
            m = re.search(r"Exit status: (\d+)", t)
            r["ok"] = r["ok"] and m is not None and m.group(1) == "0"
        tpath = os.path.join(raw, name + ".tree.json")
        if os.path.exists(tpath):
            with open(tpath) as f:
                t = json.load(f)
            r["tree_rss_mib"] = t["peak_rss_sum_kb"] / MIB
            r["tree_pss_mib"] = t["peak_pss_sum_kb"] / MIB
        res[name] = r
    return res


def fmt(v, unit=""):
    if v is None:
        return "–"
    if isinstance(v, float):
        return ("%.3f" % v if v < 10 else "%.1f" % v) + unit
    return str(v) + unit


def ratio(a, b):
    return a / b if a is not None and b else None


def main():
    raw, out = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    res = load(raw)
    vol = {}
    vpath = os.path.join(raw, "volumes-1000.json")
    if os.path.exists(vpath):
        with open(vpath) as f:
            vol = json.load(f)
    steps = ""
    spath = os.path.join(raw, "peer-steps.txt")
    if os.path.exists(spath):
        with open(spath) as f:
            steps = f.read().strip().splitlines()[-1:] or ""
            steps = steps[0] if steps else ""
    mach = machine(root)
    W = lambda k: res.get(k, {}).get("wall")
    sizes = sorted({int(k.split("-")[1]) for k in res if k.startswith("dossier-")})

    L = ["# Benchmark results", "",
         "Machine: %(nproc)s CPUs (%(cpu)s), %(memory_gib)s GiB, Linux "
         "%(kernel)s; commit %(commit)s; %(hyperfine)s; %(date)s." % mach, "",
         "Wall = median (s); CPU = mean user+system incl. children (s); "
         "RSS = /usr/bin/time -v max single-process RSS (MiB); tree PSS / RSS = "
         "sampled peak of the sum over the process tree (MiB).", "",
         "| command | events | wall s | CPU s | RSS MiB | tree PSS MiB | tree RSS MiB | runs | ok |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    order = ["check", "pdf", "xlsx", "md", "all-j1", "all-j2"]
    names = [("dossier-%d-%s" % (n, c), n) for n in sizes for c in order]
    names += [("floor-1000-%s" % c, 1000) for c in ("pdf", "xlsx", "md", "all-j1")]
    names += [("peer-1000-all-j1", 1000)]
    for name, n in names:
        r = res.get(name)
        if not r:
            continue
        L.append("| %s | %d | %s | %s | %s | %s | %s | %d | %s |" % (
            name, n, fmt(r["wall"]), fmt(r["cpu"]),
            fmt(r.get("maxrss_mib")), fmt(r.get("tree_pss_mib")),
            fmt(r.get("tree_rss_mib")), r["runs"], "yes" if r["ok"] else "NO"))
    if vol:
        L += ["", "Volumes of Dossier's 1,000-event outputs (the floor writes "
              "the same): %s cells, %s PDF pages, %s bytes of PDF text, %s "
              "bytes of Markdown; PDF file %s bytes, XLSX file %s bytes." % (
                  vol.get("cells"), vol.get("pdf_pages"),
                  vol.get("pdf_text_bytes"), vol.get("md_bytes"),
                  vol.get("pdf_file_bytes"), vol.get("xlsx_file_bytes"))]
    if steps:
        L += ["", "Peer steps (one run): `%s`" % steps]

    ratios = {}
    ratios["dossier_j1/floor (1k, all)"] = ratio(W("dossier-1000-all-j1"), W("floor-1000-all-j1"))
    ratios["dossier_j2/floor (1k, all)"] = ratio(W("dossier-1000-all-j2"), W("floor-1000-all-j1"))
    for f in ("pdf", "xlsx", "md"):
        ratios["dossier/floor (1k, %s)" % f] = ratio(W("dossier-1000-" + f), W("floor-1000-" + f))
    ratios["peer/dossier_j2 (1k, all)"] = ratio(W("peer-1000-all-j1"), W("dossier-1000-all-j2"))
    ratios["peer/dossier_j1 (1k, all)"] = ratio(W("peer-1000-all-j1"), W("dossier-1000-all-j1"))
    for c in order:
        ratios["10k/1k (%s)" % c] = ratio(W("dossier-10000-" + c), W("dossier-1000-" + c))
    for n in sizes:
        slow = max([W("dossier-%d-%s" % (n, f)) or 0 for f in ("pdf", "xlsx", "md")])
        ratios["j2/slowest format (%d)" % n] = ratio(W("dossier-%d-all-j2" % n), slow)
        ratios["j2/j1 (%d)" % n] = ratio(W("dossier-%d-all-j2" % n), W("dossier-%d-all-j1" % n))
    L += ["", "## Ratios", "", "| ratio | value |", "|---|---:|"]
    for k, v in ratios.items():
        if v is not None:
            L.append("| %s | %.2f |" % (k, v))

    def get(name, key):
        return res.get(name, {}).get(key)
    j2 = "dossier-1000-all-j2"
    rss_1k = get(j2, "tree_pss_mib")
    rss_10k = get("dossier-10000-all-j2", "tree_pss_mib")
    x_small = get("dossier-1000-xlsx", "maxrss_mib")
    x_big = get("dossier-10000-xlsx", "maxrss_mib")
    targets = [
        ("1k all formats wall <= 1.0 s", W(j2), W(j2) is not None and W(j2) <= 1.0),
        ("1k peak memory <= 150 MiB (tree PSS, -j 2)", rss_1k, rss_1k is not None and rss_1k <= 150),
        ("1k >= 20x faster than the peer", ratios["peer/dossier_j2 (1k, all)"],
         (ratios["peer/dossier_j2 (1k, all)"] or 0) >= 20),
        ("10k <= 11x the 1k time", ratios["10k/1k (all-j2)"],
         ratios["10k/1k (all-j2)"] is not None and ratios["10k/1k (all-j2)"] <= 11),
        ("10k memory < 600 MiB (tree PSS, -j 2)", rss_10k, rss_10k is not None and rss_10k < 600),
        ("xlsx memory flat 1k -> 10k (max RSS ratio <= 1.5; the model itself grows)",
         ratio(x_big, x_small), x_big is not None and x_small and x_big / x_small <= 1.5),
        ("check 10k <= 0.5 s", W("dossier-10000-check"),
         W("dossier-10000-check") is not None and W("dossier-10000-check") <= 0.5),
        ("total within 1.5x the floor (1k, -j 1 vs floor)", ratios["dossier_j1/floor (1k, all)"],
         (ratios["dossier_j1/floor (1k, all)"] or 99) <= 1.5),
        ("-j 2 total ~ slowest format (<= 1.15x, 1k)", ratios.get("j2/slowest format (1000)"),
         (ratios.get("j2/slowest format (1000)") or 99) <= 1.15),
    ]
    L += ["", "## Targets (issue 8)", "", "| target | measured | met |", "|---|---:|---|"]
    for name, v, ok in targets:
        L.append("| %s | %s | %s |" % (name, fmt(v) if v is not None else "not measured",
                                       "yes" if ok else ("no" if v is not None else "–")))
    text = "\n".join(L) + "\n"
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "latest.md"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "latest.json"), "w") as f:
        json.dump({"machine": mach, "results": res, "volumes_1000": vol,
                   "ratios": ratios, "peer_steps": steps,
                   "targets": [{"target": t, "value": v, "met": ok}
                               for t, v, ok in targets]}, f, indent=1,
                  sort_keys=True)
    print(text)


if __name__ == "__main__":
    main()
