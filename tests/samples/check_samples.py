#!/usr/bin/python3
"""Checks that samples/ is a valid format-1 dossier that encodes the five seed
press releases faithfully.

Usage: check_samples.py SAMPLES_DIR SEEDS_DIR [--self-test]

Two kinds of check:
  * structure: keys known to the spec, enums, references, dates, ids (a
    stand-in until `dossier check` exists, kept afterwards because it also
    pins the sample's own conventions);
  * faithfulness: the key facts of every seed (organizers, speakers, every
    quotation, figures, outcomes, contacts, sources, URLs) are in the
    structured fields, every quotation is a verbatim substring of its seed,
    and the Markdown narrative retells the seed rather than copying it.
--self-test breaks the samples in memory in several ways and fails unless
every breakage is caught, so the checks themselves cannot rot into no-ops.
Exit 0 when all is well, 1 with one line per problem otherwise.
"""
import copy
import datetime
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facts import EVENTS, SEED_FILES, THEMES_VOCAB  # noqa: E402


# --- strict YAML: every scalar a string, duplicate keys are errors ----------
class StrictLoader(yaml.BaseLoader):
    pass


def _mapping(loader, node, deep=False):
    out = {}
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=deep)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, "duplicate key %r" % key, knode.start_mark)
        out[key] = loader.construct_object(vnode, deep=deep)
    return out


StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(text, where):
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as e:
        raise SystemExit("%s: YAML error: %s" % (where, e))


def read_event(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines[0] != "---":
        raise SystemExit("%s: no front matter" % path)
    end = lines.index("---", 1)
    data = load_yaml("\n".join(lines[1:end]), path)
    data["body"] = "\n".join(lines[end + 1:])
    data["_file"] = os.path.basename(path)
    return data


def load_samples(root):
    with open(os.path.join(root, "dossier.yaml"), encoding="utf-8") as f:
        dossier = load_yaml(f.read(), "dossier.yaml")
    evdir = os.path.join(root, "events")
    events = [read_event(os.path.join(evdir, n))
              for n in sorted(os.listdir(evdir)) if n.endswith(".md")]
    return dossier, events


# --- structure ---------------------------------------------------------------
KEYS = {
    "dossier": {"format", "title", "subtitle", "prepared_by", "classification",
                "language", "date", "entities", "people"},
    "entity": {"id", "name", "short", "kind", "parent", "country", "url"},
    "person": {"id", "name", "honorific", "position", "entity", "email",
               "phone"},
    "event": {"id", "title", "short_title", "kind", "series", "start", "end",
              "location", "themes", "audience", "organizers", "participants",
              "attendance", "statements", "outcomes", "figures", "contacts",
              "sources", "related", "summary", "body", "_file"},
    "location": {"venue", "city", "country", "address"},
    "participation": {"entity", "role", "level", "note", "people"},
    "attendance": {"participants", "countries", "organizations", "qualifier"},
    "statement": {"person", "medium", "text", "context"},
    "outcome": {"kind", "title", "adopted", "summary", "url"},
    "figure": {"label", "value", "unit", "year", "note"},
    "contact": {"name", "person", "entity", "role", "email", "phone", "city"},
    "source": {"title", "publisher", "published", "url"},
}
ENTITY_KINDS = {"state", "international-organization", "regional-organization",
                "government-body", "field-operation", "un-entity", "ngo",
                "other"}
EVENT_KINDS = {"conference", "high-level-conference", "meeting", "workshop",
               "other"}
OUTCOME_KINDS = {"declaration", "agreement", "report", "other"}
ORG_ROLES = {"host", "organizer", "co-organizer", "supporter", "partner"}
PART_ROLES = {"delegation", "speaker", "chair", "observer", "participant"}
ISO = re.compile(r"^[A-Z]{2}$")
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def parse_date(s):
    try:
        return datetime.date.fromisoformat(s)
    except (TypeError, ValueError):
        return None


def check_keys(obj, kind, where, errs):
    if not isinstance(obj, dict):
        errs.append("%s: expected a mapping for %s" % (where, kind))
        return False
    for k in obj:
        if k not in KEYS[kind]:
            errs.append("%s: unknown %s key %r" % (where, kind, k))
    return True


def check_structure(dossier, events):
    errs = []
    check_keys(dossier, "dossier", "dossier.yaml", errs)
    if dossier.get("format") != "1":
        errs.append("dossier.yaml: format must be 1")
    for k in ("title", "subtitle", "prepared_by", "classification"):
        if not dossier.get(k):
            errs.append("dossier.yaml: %s missing" % k)
    if dossier.get("language") != "en":
        errs.append("dossier.yaml: language must be en")
    if dossier.get("date") != "2026-11-22":
        errs.append("dossier.yaml: date (as-of) must be 2026-11-22")

    entities, people = {}, {}
    for e in dossier.get("entities", []):
        w = "dossier.yaml: entity %s" % e.get("id")
        if not check_keys(e, "entity", w, errs):
            continue
        if e.get("id") in entities:
            errs.append(w + ": duplicate id")
        entities[e.get("id")] = e
        if e.get("kind") not in ENTITY_KINDS:
            errs.append(w + ": bad kind %r" % e.get("kind"))
        if "country" in e and not ISO.match(e["country"]):
            errs.append(w + ": bad country %r" % e["country"])
        if not e.get("name"):
            errs.append(w + ": name missing")

    def entity_ok(ref):
        return ref in entities or (isinstance(ref, str) and ISO.match(ref))

    for e in entities.values():
        if "parent" in e and not entity_ok(e["parent"]):
            errs.append("dossier.yaml: entity %s: unknown parent %r"
                        % (e["id"], e["parent"]))
    for p in dossier.get("people", []):
        w = "dossier.yaml: person %s" % p.get("id")
        if not check_keys(p, "person", w, errs):
            continue
        if p.get("id") in people:
            errs.append(w + ": duplicate id")
        people[p.get("id")] = p
        if not p.get("name"):
            errs.append(w + ": name missing")
        if "entity" in p and not entity_ok(p["entity"]):
            errs.append(w + ": unknown entity %r" % p["entity"])

    ids = [ev.get("id") for ev in events]
    if len(set(ids)) != len(ids):
        errs.append("events: duplicate ids %r" % ids)
    for ev in events:
        w = ev["_file"]
        if not check_keys(ev, "event", w, errs):
            continue
        if ev.get("id") != w[:-3]:
            errs.append(w + ": id %r differs from the file stem" % ev.get("id"))
        if ev.get("kind") not in EVENT_KINDS:
            errs.append(w + ": bad kind %r" % ev.get("kind"))
        start, end = parse_date(ev.get("start")), parse_date(ev.get("end"))
        if not start or not end or start > end:
            errs.append(w + ": bad start/end %r..%r"
                        % (ev.get("start"), ev.get("end")))
        loc = ev.get("location", {})
        if check_keys(loc, "location", w, errs):
            if not ISO.match(loc.get("country", "")):
                errs.append(w + ": location.country must be an ISO code")
        for t in ev.get("themes", []):
            if t not in THEMES_VOCAB:
                errs.append(w + ": theme %r is outside the sample's vocabulary"
                            % t)
        for a in ev.get("audience", []):
            if not KEBAB.match(a):
                errs.append(w + ": audience %r is not kebab-case" % a)
        for key, roles in (("organizers", ORG_ROLES),
                           ("participants", PART_ROLES)):
            for p in ev.get(key, []):
                if not check_keys(p, "participation", w, errs):
                    continue
                if not entity_ok(p.get("entity")):
                    errs.append(w + ": %s: unknown entity %r"
                                % (key, p.get("entity")))
                if p.get("role") not in roles:
                    errs.append(w + ": %s: bad role %r" % (key, p.get("role")))
                for who in p.get("people", []):
                    if who not in people:
                        errs.append(w + ": %s: unknown person %r"
                                    % (key, who))
        if "attendance" in ev:
            att = ev["attendance"]
            if check_keys(att, "attendance", w, errs):
                for k in ("participants", "countries", "organizations"):
                    if k in att and not att[k].isdigit():
                        errs.append(w + ": attendance.%s not a number" % k)
        for s in ev.get("statements", []):
            if not check_keys(s, "statement", w, errs):
                continue
            if s.get("person") not in people:
                errs.append(w + ": statement by unknown person %r"
                            % s.get("person"))
            if not s.get("text"):
                errs.append(w + ": statement without text")
        for o in ev.get("outcomes", []):
            if check_keys(o, "outcome", w, errs):
                if o.get("kind") not in OUTCOME_KINDS:
                    errs.append(w + ": bad outcome kind %r" % o.get("kind"))
                if "adopted" in o and not parse_date(o["adopted"]):
                    errs.append(w + ": bad outcome date %r" % o["adopted"])
        for f in ev.get("figures", []):
            if check_keys(f, "figure", w, errs):
                try:
                    float(f.get("value"))
                except (TypeError, ValueError):
                    errs.append(w + ": figure value %r not a number"
                                % f.get("value"))
        for c in ev.get("contacts", []):
            if check_keys(c, "contact", w, errs):
                if "person" in c and c["person"] not in people:
                    errs.append(w + ": contact: unknown person %r"
                                % c["person"])
                if "entity" in c and not entity_ok(c["entity"]):
                    errs.append(w + ": contact: unknown entity %r"
                                % c["entity"])
        for s in ev.get("sources", []):
            if check_keys(s, "source", w, errs):
                if not s.get("title"):
                    errs.append(w + ": source without title")
                if "published" in s and not parse_date(s["published"]):
                    errs.append(w + ": bad published date %r"
                                % s["published"])
        for r in ev.get("related", []):
            if r not in ids:
                errs.append(w + ": related event %r does not exist" % r)
            elif r == ev.get("id"):
                errs.append(w + ": related to itself")
    return errs, entities, people


# --- faithfulness ------------------------------------------------------------
def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def words(s):
    return re.findall(r"[0-9A-Za-zÀ-ž]+", s.lower())


def longest_shared_run(a, b):
    """Length of the longest run of consecutive words shared by a and b."""
    best, prev = 0, {}
    index = {}
    for j, w in enumerate(b):
        index.setdefault(w, []).append(j)
    for w in a:
        cur = {}
        for j in index.get(w, ()):
            cur[j] = prev.get(j - 1, 0) + 1
            best = max(best, cur[j])
        prev = cur
    return best


def strings_of(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from strings_of(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings_of(v)
    elif isinstance(obj, str):
        yield obj


def pairs(ev, key):
    return sorted((p["entity"], p["role"]) for p in ev.get(key, []))


def named(ev):
    """(entity, role) -> people ids listed on that participation."""
    return {(p["entity"], p["role"]): list(p["people"])
            for key in ("organizers", "participants")
            for p in ev.get(key, []) if p.get("people")}


def resolve_people(front, people):
    """The front matter with participation people ids replaced by names, so
    facts about who took part are looked up as the reader sees them."""
    for key in ("organizers", "participants"):
        for p in front.get(key, []):
            if p.get("people"):
                p["people"] = [people.get(x, {}).get("name", x)
                               for x in p["people"]]
    return front


def check_faithful(dossier, events, entities, people, seeds_dir):
    errs = []
    by_id = {ev.get("id"): ev for ev in events}
    if sorted(by_id) != sorted(EVENTS):
        errs.append("events: expected exactly %r, found %r"
                    % (sorted(EVENTS), sorted(by_id)))
    starts = [ev.get("start") for ev in events]
    if starts != sorted(starts):
        errs.append("events: file names do not sort chronologically")
    registry = " | ".join(strings_of(dossier))
    for eid, exp in EVENTS.items():
        ev = by_id.get(eid)
        if ev is None:
            continue
        w = "%s (seed %s)" % (ev["_file"], exp["seed"])
        with open(os.path.join(seeds_dir, SEED_FILES[exp["seed"]]),
                  encoding="utf-8") as f:
            seed = norm(f.read())
        front = resolve_people(copy.deepcopy(
            {k: v for k, v in ev.items() if k not in ("body", "_file")}), people)
        hay = norm(" | ".join(strings_of(front)))

        for k in ("title", "kind", "start", "end", "series"):
            if ev.get(k) != exp.get(k):
                errs.append(w + ": %s is %r, expected %r"
                            % (k, ev.get(k), exp.get(k)))
        for k, v in exp["location"].items():
            if ev.get("location", {}).get(k) != v:
                errs.append(w + ": location.%s is %r, expected %r"
                            % (k, ev.get("location", {}).get(k), v))
        for key in ("organizers", "participants"):
            if pairs(ev, key) != sorted(exp[key]):
                errs.append(w + ": %s are %r, expected %r"
                            % (key, pairs(ev, key), sorted(exp[key])))
        want_named = {k: list(v) for k, v in exp.get("named", {}).items()}
        if named(ev) != want_named:
            errs.append(w + ": people on participations are %r, expected %r"
                        % (named(ev), want_named))
        for ids in want_named.values():
            for x in ids:
                # the release names them, at least by surname
                # ("Mr. Voronkov" in 2022; his full name is in seed 004)
                nm = people.get(x, {}).get("name", x)
                if norm(nm) not in seed and norm(nm.split()[-1]) not in seed:
                    errs.append(w + ": test data: person %r not in seed" % x)
        if ev.get("attendance", {}) != exp.get("attendance", {}):
            errs.append(w + ": attendance is %r, expected %r"
                        % (ev.get("attendance"), exp.get("attendance")))
        if ev.get("audience", []) != exp.get("audience", []):
            errs.append(w + ": audience is %r" % ev.get("audience"))
        if sorted(ev.get("related", [])) != sorted(exp.get("related", [])):
            errs.append(w + ": related is %r" % ev.get("related"))

        # Statements: same speakers, media and verbatim texts, in order; the
        # expected texts are themselves checked against the seed.
        got = [(people.get(s.get("person"), {}).get("name"), s.get("medium"),
                norm(s.get("text", ""))) for s in ev.get("statements", [])]
        want = [(n, m, norm(t)) for n, m, t in exp["statements"]]
        if got != want:
            for i in range(max(len(got), len(want))):
                g = got[i] if i < len(got) else None
                x = want[i] if i < len(want) else None
                if g != x:
                    errs.append(w + ": statement %d is %r, expected %r"
                                % (i + 1, g, x))
        for _, _, t in got + want:
            if t and t not in seed:
                errs.append(w + ": quotation not verbatim in the seed: %r"
                            % t[:70])

        got_fig = [(f.get("value"), f.get("unit"), f.get("year"))
                   for f in ev.get("figures", [])]
        if got_fig != exp.get("figures", []):
            errs.append(w + ": figures are %r, expected %r"
                        % (got_fig, exp.get("figures", [])))
        got_out = [(o.get("kind"), o.get("title"), o.get("adopted"))
                   for o in ev.get("outcomes", [])]
        if got_out != exp.get("outcomes", []):
            errs.append(w + ": outcomes are %r, expected %r"
                        % (got_out, exp.get("outcomes", [])))
        got_con = [(c.get("name"), c.get("entity"), c.get("email"),
                    c.get("city")) for c in ev.get("contacts", [])]
        if got_con != exp.get("contacts", []):
            errs.append(w + ": contacts are %r, expected %r"
                        % (got_con, exp.get("contacts", [])))
        got_src = [(s.get("publisher"), s.get("published"), s.get("url"))
                   for s in ev.get("sources", [])]
        if got_src != exp["sources"]:
            errs.append(w + ": sources are %r, expected %r"
                        % (got_src, exp["sources"]))

        # Facts: verbatim seed text that must survive in the front matter
        # (quoted declaration text, titles, URLs...), and registry facts
        # (people's names, positions, e-mail addresses).
        for fact in exp.get("facts", []):
            if norm(fact) not in seed:
                errs.append(w + ": test data: fact not in seed: %r" % fact)
            if norm(fact) not in hay:
                errs.append(w + ": fact missing from front matter: %r" % fact)
        for fact in exp.get("registry", []):
            if norm(fact) not in seed:
                errs.append(w + ": test data: fact not in seed: %r" % fact)
            if fact not in registry:
                errs.append(w + ": fact missing from dossier.yaml: %r" % fact)

        # Narrative: present, structured, linked, and in its own words.
        body = ev.get("body", "")
        prose = "\n".join(line for line in body.split("\n")
                          if not line.lstrip().startswith(">"))
        # Titles of documents set in *italics* may be quoted verbatim, as
        # long as they stay title-sized.
        for title in re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", prose):
            if len(words(title)) > 25:
                errs.append(w + ": italic span too long to be a title: %r"
                            % title[:60])
        prose = re.sub(r"(?<!\*)\*([^*]+)\*(?!\*)", " ", prose)
        if len(words(prose)) < 120:
            errs.append(w + ": narrative shorter than 120 words")
        if not re.search(r"^#{1,3} ", body, re.M):
            errs.append(w + ": narrative has no heading")
        if not re.search(r"^\s*([-*]|\d+\.) ", body, re.M):
            errs.append(w + ": narrative has no list")
        for s in ev.get("sources", []):
            if s.get("url") and s["url"] not in body:
                errs.append(w + ": narrative does not link %s" % s["url"])
        run = longest_shared_run(words(prose), words(seed))
        if run >= 12:
            errs.append(w + ": narrative copies %d consecutive words of the "
                        "seed (outside block quotes)" % run)
        for q in re.findall(r"^\s*> ?(.*)$", body, re.M):
            if norm(q) and norm(q) not in seed:
                errs.append(w + ": block quote not verbatim in seed: %r"
                            % q[:60])
    for must in ("Душанбе", "Bajarūnas", "António Guterres"):
        if must not in registry + " ".join(ev.get("body", "") for ev in events):
            errs.append("samples: %r missing (non-ASCII must survive)" % must)
    return errs


def run_checks(dossier, events, seeds_dir):
    errs, entities, people = check_structure(dossier, events)
    errs += check_faithful(dossier, events, entities, people, seeds_dir)
    return errs


# --- self-test ---------------------------------------------------------------
def mutations():
    def ev(events, eid):
        return next(e for e in events if e["id"] == eid)

    def quote_char(d, events):
        s = ev(events, "2011-06-vienna-drug-trafficking")["statements"][3]
        s["text"] = s["text"].replace("co operation", "co-operation")

    def drop_speaker(d, events):
        del ev(events, "2022-10-dushanbe-border-security")["statements"][1]

    def drop_supporter(d, events):
        e = ev(events, "2022-10-dushanbe-border-security")
        e["organizers"] = [o for o in e["organizers"] if o["entity"] != "SA"]

    def figure(d, events):
        ev(events, "2011-06-vienna-drug-trafficking")["figures"][0]["value"] = "193"

    def email(d, events):
        ev(events, "2018-05-dushanbe-ct-pve")["contacts"][0]["email"] = "x@un.org"

    def name(d, events):
        for p in d["people"]:
            if p["id"] == "bajarunas":
                p["name"] = "Eitvydas Bajarunas"

    def unknown_key(d, events):
        ev(events, "2019-05-dushanbe-terrorism-financing")["venue"] = "x"

    def copied_body(d, events):
        e = ev(events, "2019-05-dushanbe-terrorism-financing")
        e["body"] += ("\nThe OSCE Programme Office in Dushanbe supported the "
                      "host country with organizational modalities, the "
                      "development of conceptual framework for the conference\n")

    def bad_ref(d, events):
        ev(events, "2018-05-dushanbe-ct-pve")["participants"][0]["entity"] = "unocd"

    def drop_delegate(d, events):
        e = ev(events, "2011-06-vienna-drug-trafficking")
        for p in e["participants"]:
            if p["entity"] == "TJ":
                del p["people"]

    def date(d, events):
        ev(events, "2017-07-vienna-drugs-nexus")["end"] = "2017-07-09"

    def declaration(d, events):
        o = ev(events, "2019-05-dushanbe-terrorism-financing")["outcomes"][0]
        o["summary"] = o["summary"].replace("rule of law", "rule-of-law")

    return [quote_char, drop_speaker, drop_supporter, figure, email, name,
            unknown_key, copied_body, bad_ref, drop_delegate, date,
            declaration]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    samples, seeds = args
    dossier, events = load_samples(samples)
    errs = run_checks(dossier, events, seeds)
    for e in errs:
        print(e)
    if errs:
        return 1
    if "--self-test" in sys.argv:
        missed = []
        for m in mutations():
            d, evs = copy.deepcopy(dossier), copy.deepcopy(events)
            m(d, evs)
            found = run_checks(d, evs, seeds)
            if not found:
                missed.append(m.__name__)
            else:
                print("%s: caught (%s)" % (m.__name__, found[0]))
        if missed:
            print("self-test: breakage not detected: %s" % ", ".join(missed))
            return 1
    print("samples OK: %d events" % len(events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
