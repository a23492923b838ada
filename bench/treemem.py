#!/usr/bin/python3
"""Peak memory of a whole process tree, sampled.

    treemem.py [-i SECONDS] [-o FILE] -- COMMAND...

/usr/bin/time -v reports ru_maxrss from wait4(): the largest RSS any single
process of the tree ever had (the kernel keeps the max over reaped
children, it never adds them). When `dossier render -j 2` runs two plugin
children at once, their memory adds up, which ru_maxrss cannot show. This
script samples the tree every few milliseconds and records the peak of the
summed RSS and of the summed PSS (proportional set size, which charges pages
shared after fork() once instead of once per process). Prints one JSON
object: {"rc", "wall", "peak_rss_sum_kb", "peak_pss_sum_kb", "samples"}.
Sampling can miss a spike shorter than the interval; it is a lower bound.
"""
import json
import os
import subprocess
import sys
import time


def children(pid):
    out = []
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return out
    for t in tasks:
        try:
            with open("/proc/%d/task/%s/children" % (pid, t)) as f:
                out += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return out


def tree(pid):
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += children(p)
    return seen


def mem(pid):
    """(rss_kb, pss_kb) of one process, zeros if it is gone."""
    rss = pss = 0
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
                    break
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def main():
    args = sys.argv[1:]
    interval, out = 0.005, None
    while args and args[0] != "--":
        if args[0] == "-i":
            interval = float(args[1])
            args = args[2:]
        elif args[0] == "-o":
            out = args[1]
            args = args[2:]
        else:
            sys.exit(__doc__)
    cmd = args[1:]
    if not cmd:
        sys.exit(__doc__)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    peak_rss = peak_pss = samples = 0
    while proc.poll() is None:
        rss = pss = 0
        for p in tree(proc.pid):
            r, s = mem(p)
            rss += r
            pss += s
        peak_rss = max(peak_rss, rss)
        peak_pss = max(peak_pss, pss)
        samples += 1
        time.sleep(interval)
    res = {"rc": proc.returncode, "wall": time.perf_counter() - t0,
           "peak_rss_sum_kb": peak_rss, "peak_pss_sum_kb": peak_pss,
           "samples": samples}
    text = json.dumps(res)
    if out:
        with open(out, "w") as f:
            f.write(text + "\n")
    print(text)
    sys.exit(0 if proc.returncode == 0 else 1)


if __name__ == "__main__":
    main()
