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
        lpath = os.path.join(raw, name + ".load")
        if os.path.exists(lpath):
            with open(lpath) as f:
                r["load1"] = float(f.read().split()[0])
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


def ratio_sub(a, b):
    return a - b if a is not None and b is not None else None


def ratio_add(a, b):
    return a + b if a is not None and b is not None else None


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
    cpath = os.path.join(raw, "commit.txt")
    if os.path.exists(cpath):  # what was built, which may predate HEAD now
        with open(cpath) as f:
            mach["commit"] = " ".join(f.read().split())
    # A failed command has no time worth comparing: ratios and targets that
    # need it show "–" and the table marks it.
    W = lambda k: res.get(k, {}).get("wall") if res.get(k, {}).get("ok") else None
    sizes = sorted({int(k.split("-")[1]) for k in res if k.startswith("dossier-")})

    L = ["# Benchmark results", "",
         "Machine: %(nproc)s CPUs (%(cpu)s), %(memory_gib)s GiB, Linux "
         "%(kernel)s; commit %(commit)s; %(hyperfine)s; %(date)s." % mach, "",
         "Wall = median (s); CPU = mean user+system incl. children (s); "
         "RSS = /usr/bin/time -v max single-process RSS (MiB); tree PSS / RSS = "
         "sampled peak of the sum over the process tree (MiB).", "",
         "| command | events | wall s | wall min s | CPU s | RSS MiB | tree PSS MiB | tree RSS MiB | runs | load | ok |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    order = ["check", "pdf", "xlsx", "md", "all-j1", "all-j2"]
    names = [("dossier-%d-%s" % (n, c), n) for n in sizes for c in order]
    names += [("floor-1000-%s" % c, 1000) for c in ("pdf", "xlsx", "md", "all-j1", "pdf-nocompress")]
    names += [("cells-1000x150-check", 1000), ("cells-1000x150-xlsx", 1000),
              ("cells-1000x600-check", 1000), ("cells-1000x600-xlsx", 1000)]
    names += [("floor-10000-pdf", 10000), ("floor-10000-pdf-bare", 10000),
              ("peer-1000-all-j1", 1000)]
    for name, n in names:
        r = res.get(name)
        if not r:
            continue
        L.append("| %s | %d | %s | %s | %s | %s | %s | %s | %d | %s | %s |" % (
            name, n, fmt(r["wall"]), fmt(r["wall_min"]), fmt(r["cpu"]),
            fmt(r.get("maxrss_mib")), fmt(r.get("tree_pss_mib")),
            fmt(r.get("tree_rss_mib")), r["runs"], fmt(r.get("load1")),
            "yes" if r["ok"] else "NO"))
    if vol:
        L += ["", "Volumes of Dossier's 1,000-event outputs (the floor writes "
              "the same): %s cells, %s PDF pages, %s bytes of PDF text, %s "
              "bytes of Markdown; PDF file %s bytes, XLSX file %s bytes." % (
                  vol.get("cells"), vol.get("pdf_pages"),
                  vol.get("pdf_text_bytes"), vol.get("md_bytes"),
                  vol.get("pdf_file_bytes"), vol.get("xlsx_file_bytes"))]
    if steps:
        L += ["", "Peer steps (one run): `%s`" % steps]

    C = lambda k: res.get(k, {}).get("cpu") if res.get(k, {}).get("ok") else None
    ratios = {}
    for tag, X in (("wall", W), ("cpu", C)):
        ratios["dossier_j1/floor (1k, all, %s)" % tag] = ratio(X("dossier-1000-all-j1"), X("floor-1000-all-j1"))
        for f in ("pdf", "xlsx", "md"):
            ratios["dossier/floor (1k, %s, %s)" % (f, tag)] = ratio(X("dossier-1000-" + f), X("floor-1000-" + f))
        ratios["peer/dossier_j2 (1k, all, %s)" % tag] = ratio(X("peer-1000-all-j1"), X("dossier-1000-all-j2"))
        # No -j 2 render can beat its slowest library: the PDF floor bounds
        # how much faster than the peer Dossier could ever be.
        ratios["peer/floor pdf (1k, bound, %s)" % tag] = ratio(X("peer-1000-all-j1"), X("floor-1000-pdf"))
        # The libraries' total on two cores: parse once, then the formats'
        # own work (each floor run includes one parse), halved. The digest
        # calls no library since its chunks are written without cmark
        # (docs/DIGEST.md), so the bound counts the PDF and the XLSX only;
        # with the PDF compressed as Dossier writes it, and uncompressed.
        parse = None
        if None not in [X("floor-1000-" + f) for f in ("pdf", "xlsx", "md", "all-j1")]:
            parse = (sum(X("floor-1000-" + f) for f in ("pdf", "xlsx", "md"))
                     - X("floor-1000-all-j1")) / 2
        for pdf, label in (("pdf", "compressed"), ("pdf-nocompress", "uncompressed")):
            fl = [X("floor-1000-" + f) for f in (pdf, "xlsx")]
            if parse is None or parse <= 0 or None in fl:
                continue
            two_core = (sum(fl) - parse) / 2
            ratios["libraries on 2 cores, %s PDF (1k, s, %s)" % (label, tag)] = two_core
            ratios["peer/that bound, %s (1k, %s)" % (label, tag)] = ratio(X("peer-1000-all-j1"), two_core)
        for c in order:
            ratios["10k/1k (%s, %s)" % (c, tag)] = ratio(X("dossier-10000-" + c), X("dossier-1000-" + c))
    for n in sizes:
        per = [W("dossier-%d-%s" % (n, f)) for f in ("pdf", "xlsx", "md")]
        slow = None if None in per else max(per)
        ratios["j2/slowest format (%d, wall)" % n] = ratio(W("dossier-%d-all-j2" % n), slow)
        # The best two cores can do with three formats: the model loads once
        # (check's wall), then one format alone and the other two one after
        # the other, whichever split is shorter.
        t_load = W("dossier-%d-check" % n)
        if slow is not None and t_load is not None:
            own = [max(w - t_load, 0.0) for w in per]
            best = min(max(own[k], sum(own) - own[k]) for k in range(3))
            ratios["j2/best 2-core schedule (%d, wall)" % n] = ratio(
                W("dossier-%d-all-j2" % n), t_load + best)
        ratios["j2/j1 (%d, wall)" % n] = ratio(W("dossier-%d-all-j2" % n), W("dossier-%d-all-j1" % n))
    L += ["", "## Ratios", "", "wall = medians; cpu = user+system (robust when the "
          "machine is shared).", "", "| ratio | value |", "|---|---:|"]
    for k, v in ratios.items():
        if v is not None:
            L.append("| %s | %.2f |" % (k, v))

    def get(name, key):
        return res.get(name, {}).get(key) if res.get(name, {}).get("ok") else None

    def le(v, lim):
        return None if v is None else v <= lim
    j2 = "dossier-1000-all-j2"
    rss_1k = get(j2, "tree_pss_mib")
    # Memory of a failed run is still a lower bound: if it is over the
    # limit already, the target is missed whatever the failure.
    rss_10k = res.get("dossier-10000-all-j2", {}).get("tree_pss_mib")
    if rss_10k is not None and not res["dossier-10000-all-j2"]["ok"] and rss_10k < 600:
        rss_10k = None
    # The xlsx child's memory above the model (check's RSS), 1k vs 10k.
    x_small = ratio_sub(get("dossier-1000-xlsx", "maxrss_mib"), get("dossier-1000-check", "maxrss_mib"))
    x_big = ratio_sub(get("dossier-10000-xlsx", "maxrss_mib"), get("dossier-10000-check", "maxrss_mib"))
    if x_small is not None and x_small < 1:  # within noise: no meaningful ratio
        x_small = x_big = None
    if x_small is not None and x_big is not None:
        ratios["xlsx RSS over the model, 10k/1k (grows with links and events, not cells)"] = ratio(x_big, x_small)
    c_small = ratio_sub(get("cells-1000x150-xlsx", "maxrss_mib"), get("cells-1000x150-check", "maxrss_mib"))
    c_big = ratio_sub(get("cells-1000x600-xlsx", "maxrss_mib"), get("cells-1000x600-check", "maxrss_mib"))
    # (target, wall-based value, cpu-based value, limit); a None limit
    # means "at least" for the peer ratio.
    targets = [
        ("1k, all formats (-j 2) <= 1.0 s", W(j2), C(j2), 1.0),
        ("1k peak memory <= 150 MiB (tree PSS, -j 2)", rss_1k, None, 150),
        ("1k peak RSS <= 150 MiB (time -v: largest process, -j 2)", get(j2, "maxrss_mib"), None, 150),
        ("1k >= 20x faster than the peer", ratios["peer/dossier_j2 (1k, all, wall)"],
         ratios["peer/dossier_j2 (1k, all, cpu)"], -20),
        ("10k <= 11x the 1k time (-j 2)", ratios["10k/1k (all-j2, wall)"],
         ratios["10k/1k (all-j2, cpu)"], 11),
        ("10k memory < 600 MiB (tree PSS, -j 2)", rss_10k, None, 600),
        ("bound: the floor's PDF alone at 10k (libharu, same pages and text) < 600 MiB",
         get("floor-10000-pdf", "maxrss_mib"), None, 600),
        ("bound: the 10k model (check) + libharu's bare pages (same count) < 600 MiB",
         ratio_add(get("dossier-10000-check", "maxrss_mib"),
                   get("floor-10000-pdf-bare", "maxrss_mib")), None, 600),
        ("xlsx memory does not grow with the cells: 1k events, 150 -> 600 rows (4x the cells); "
         "growth of (xlsx RSS - check RSS) <= 2 MiB (%s -> %s MiB)" % (fmt(c_small), fmt(c_big)),
         ratio_sub(c_big, c_small), None, 2),
        ("check 10k <= 0.5 s", W("dossier-10000-check"), C("dossier-10000-check"), 0.5),
        ("total (-j 1) within 1.5x the floor (1k)", ratios["dossier_j1/floor (1k, all, wall)"],
         ratios["dossier_j1/floor (1k, all, cpu)"], 1.5),
        ("-j 2 total ~ slowest format (<= 1.15x, 1k, wall only)",
         ratios.get("j2/slowest format (1000, wall)"), None, 1.15),
        ("-j 2 total ~ the best 2-core schedule (<= 1.15x, 1k, wall only)",
         ratios.get("j2/best 2-core schedule (1000, wall)"), None, 1.15),
    ]
    L += ["", "## Targets (issue 8)", "",
          "| target | by wall | by CPU | met (wall) | met (CPU) |", "|---|---:|---:|---|---|"]
    out_t = []
    for name, vw, vc, lim in targets:
        def ok(v):
            if v is None:
                return None
            return v >= -lim if lim < 0 else v <= lim
        mw, mc = ok(vw), ok(vc)
        yn = lambda m: "–" if m is None else ("yes" if m else "no")
        L.append("| %s | %s | %s | %s | %s |" % (name, fmt(vw), fmt(vc), yn(mw), yn(mc)))
        out_t.append({"target": name, "wall": vw, "cpu": vc, "met_wall": mw, "met_cpu": mc})
    failed = sorted(k for k, r in res.items() if not r["ok"])
    if failed:
        L += ["", "**Failed commands** (excluded from ratios and targets): " +
              ", ".join(failed) + ". See `build-bench/bench-results/NAME.stderr.txt`."]
    loads = [r.get("load1") for r in res.values() if r.get("load1") is not None]
    if loads and max(loads) > (mach["nproc"] or 1) * 0.5:
        L += ["", "**Warning:** load average up to %.1f on %d CPUs during the run. "
              "The 1-minute average also counts the benchmark's own previous "
              "commands (a render runs up to five threads: the loader's, the "
              "PDF's deflate worker, the digest's chunk workers), so above about "
              "%d it means other work shared the machine; wall times are then "
              "inflated: trust the CPU columns." % (max(loads), mach["nproc"],
                                                    (mach["nproc"] or 1) + 1)]
    text = "\n".join(L) + "\n"
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "latest.md"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "latest.json"), "w") as f:
        json.dump({"machine": mach, "results": res, "volumes_1000": vol,
                   "ratios": ratios, "peer_steps": steps,
                   "targets": out_t}, f, indent=1,
                  sort_keys=True)
    print(text)


if __name__ == "__main__":
    main()
