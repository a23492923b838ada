#!/usr/bin/python3
"""Runs the real `dossier` CLI on samples/ and checks what it reports.

Usage: cli_samples.py check|dump CLI SAMPLES_DIR

check: `dossier check SAMPLES` exits 0, prints only its summary line
       ("ok: 5 events, N entities, 15 people") on stdout and nothing at all
       (no error, no warning) on stderr.
dump:  `dossier dump SAMPLES` exits 0, stderr is empty, stdout is JSON whose
       model holds the five seed events in chronological order with the
       expected dates, places, organizers, speakers and verbatim quotations
       (tests/samples/facts.py), and whose registry resolved as expected.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facts import EVENTS  # noqa: E402

ORDER = ["2011-06-vienna-drug-trafficking", "2017-07-vienna-drugs-nexus",
         "2018-05-dushanbe-ct-pve", "2019-05-dushanbe-terrorism-financing",
         "2022-10-dushanbe-border-security"]
HUMAN_DATES = {"2011-06-vienna-drug-trafficking": "16–17 June 2011",
               "2017-07-vienna-drugs-nexus": "10–11 July 2017",
               "2018-05-dushanbe-ct-pve": "3–4 May 2018",
               "2019-05-dushanbe-terrorism-financing": "16–17 May 2019",
               "2022-10-dushanbe-border-security": "18–19 October 2022"}


def run(cli, *args):
    p = subprocess.run([cli, *args], capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def expect(cond, msg, errs):
    if not cond:
        errs.append(msg)


def check(cli, samples):
    errs = []
    rc, out, err = run(cli, "check", samples)
    expect(rc == 0, "dossier check exited %d" % rc, errs)
    expect(re.fullmatch(r"ok: 5 events, \d+ entities, 15 people\n", out),
           "dossier check stdout: %r" % out[:200], errs)
    for line in err.splitlines():
        errs.append("dossier check: stderr: %s" % line)
    return errs


def norm(s):
    return " ".join((s or "").split())


def dump(cli, samples):
    errs = []
    rc, out, err = run(cli, "dump", samples)
    expect(rc == 0, "dossier dump exited %d" % rc, errs)
    expect(err == "", "dossier dump wrote to stderr: %r" % err[:300], errs)
    try:
        m = json.loads(out)
    except ValueError as e:
        return errs + ["dossier dump: not JSON: %s" % e]

    expect(m.get("format") == 1, "format is %r" % m.get("format"), errs)
    expect(m.get("title") == "Countering terrorism, drugs and organized "
           "crime: OSCE/UN conferences 2011–2022", "title %r" % m.get("title"),
           errs)
    expect(m.get("as_of") == "2026-11-22", "as_of %r" % m.get("as_of"), errs)
    expect(m.get("language") == "en", "language %r" % m.get("language"), errs)
    period = m.get("period") or {}
    expect(period.get("start") == "2011-06-16" and
           period.get("end") == "2022-10-19", "period %r" % period, errs)
    expect(m.get("event_count") == 5, "event_count %r" % m.get("event_count"),
           errs)
    ids = [e.get("id") for e in m.get("events", [])]
    expect(ids == ORDER, "events not in chronological order: %r" % ids, errs)
    starts = [e.get("start") for e in m.get("events", [])]
    expect(starts == sorted(starts), "starts not sorted: %r" % starts, errs)

    ents = {e["id"]: e for e in m.get("entities", [])}
    people = {p["id"]: p for p in m.get("people", [])}
    po = ents.get("osce-po-dushanbe", {})
    expect(po.get("parent") == "osce" and po.get("country") == "TJ" and
           po.get("kind") == "field-operation", "osce-po-dushanbe %r" % po,
           errs)
    sa = ents.get("SA", {})
    expect(sa.get("implicit") is True and sa.get("name") == "Saudi Arabia",
           "implicit SA %r" % sa, errs)
    unoct_events = sorted(x["id"] for x in ents.get("unoct", {}).get("events",
                                                                        []))
    expect(unoct_events == ORDER[2:], "unoct participation index %r"
           % unoct_events, errs)
    rahmon = people.get("rahmon", {})
    expect(rahmon.get("display_name") == "H.E. Mr. Emomali Rahmon",
           "rahmon display_name %r" % rahmon.get("display_name"), errs)
    expect(people.get("bajarunas", {}).get("name") == "Eitvydas Bajarūnas",
           "Bajarūnas mangled: %r" % people.get("bajarunas"), errs)
    expect(people.get("gerard", {}).get("email") == "gerardl@un.org",
           "gerard email", errs)
    # People named on a participation (not quoted) are linked to the event;
    # Voronkov, quoted and named in 2018 and 2022, has each event once.
    for pid, evs in (("umarov", ["2011-06-vienna-drug-trafficking"]),
                     ("greminger", ["2018-05-dushanbe-ct-pve"]),
                     ("al-qahtoni", ["2018-05-dushanbe-ct-pve"]),
                     ("aslov", []),
                     ("voronkov", ["2018-05-dushanbe-ct-pve",
                                   "2022-10-dushanbe-border-security"])):
        got = [x["id"] for x in people.get(pid, {}).get("events", [])]
        expect(got == evs, "%s events %r, expected %r" % (pid, got, evs), errs)
    for ev in m.get("events", []):
        for key in ("organizers", "participants"):
            for row in ev.get(key, []):
                exp_people = EVENTS.get(ev.get("id"), {}).get("named", {}).get(
                    (row.get("entity"), row.get("role")), [])
                got = [x.get("id") for x in row.get("people", [])]
                expect(got == exp_people, "%s %s %s/%s people %r"
                       % (ev.get("id"), key, row.get("entity"),
                          row.get("role"), got), errs)

    for ev in m.get("events", []):
        eid = ev.get("id")
        exp = EVENTS.get(eid)
        if exp is None:
            continue
        w = "event %s" % eid
        for k in ("title", "start", "end", "series", "kind"):
            expect(ev.get(k) == exp.get(k), "%s: %s %r, expected %r"
                   % (w, k, ev.get(k), exp.get(k)), errs)
        expect(ev.get("dates") == HUMAN_DATES[eid], "%s: dates %r"
               % (w, ev.get("dates")), errs)
        loc = ev.get("location") or {}
        for k, v in exp["location"].items():
            expect(loc.get(k) == v, "%s: location.%s %r" % (w, k, loc.get(k)),
                   errs)
        for key in ("organizers", "participants"):
            got = sorted((p.get("entity"), p.get("role"))
                         for p in ev.get(key, []))
            expect(got == sorted(exp[key]), "%s: %s %r" % (w, key, got), errs)
        got = [((s.get("speaker") or {}).get("name"), s.get("medium"),
                norm(s.get("text"))) for s in ev.get("statements", [])]
        want = [(n, md, norm(t)) for n, md, t in exp["statements"]]
        expect(got == want, "%s: statements differ:\n  got  %r\n  want %r"
               % (w, got, want), errs)
        figs = [(f.get("value"), f.get("unit")) for f in ev.get("figures", [])]
        want_figs = [(float(v), u) for v, u, _ in exp.get("figures", [])]
        expect(figs == want_figs, "%s: figures %r" % (w, figs), errs)
        related = sorted(r.get("id") for r in ev.get("related", []))
        expect(related == sorted(exp.get("related", [])), "%s: related %r"
               % (w, related), errs)
        expect(len(ev.get("body") or "") > 500, "%s: body missing" % w, errs)
        expect(bool(ev.get("summary")), "%s: summary missing" % w, errs)
    bodies = " ".join(e.get("body") or "" for e in m.get("events", []))
    expect("Душанбе" in bodies, "Cyrillic lost in bodies", errs)
    return errs


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("check", "dump"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, cli, samples = sys.argv[1:]
    errs = check(cli, samples) if mode == "check" else dump(cli, samples)
    for e in errs:
        print(e)
    if errs:
        return 1
    print("dossier %s samples OK" % mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
