#!/usr/bin/python3
"""Writes a synthetic dossier in the canonical event model (format 1).

Deterministic: the same --seed, --events and --rows give byte-identical
files, so benchmark runs on different machines read the same input.
Standard library only (run with /usr/bin/python3 or any Python 3.7+).

    gen_dossier.py --events 1000 --rows 150 --out /tmp/d1000

Each event has --rows participation rows (organizers + participants) with
unique (entity, role) pairs, drawn from the 249 ISO country codes plus a
few hundred declared entities; statements, outcomes, figures, contacts,
sources, related events and a multi-paragraph CommonMark narrative with
emphasis, links, lists and non-ASCII text (Latin diacritics, Cyrillic).
"""
import argparse
import datetime
import json
import os
import random
import re

ISO = ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH "
       "BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL "
       "CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET "
       "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU "
       "GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE "
       "KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC "
       "MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC "
       "NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT "
       "PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR "
       "SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA "
       "UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").split()

# Host cities: (city, ISO code, venue). Mixed scripts on purpose.
CITIES = [
    ("Dushanbe", "TJ", "Kokhi Navruz"), ("Душанбе", "TJ", "Дворец Наций"),
    ("Vienna", "AT", "Hofburg"), ("Almaty", "KZ", "Rixos"),
    ("Бишкек", "KG", "Ала-Тоо"), ("Tashkent", "UZ", "Palace of Forums"),
    ("Ashgabat", "TM", "Ruhyýet Palace"), ("Kraków", "PL", "ICE Kraków"),
    ("Zürich", "CH", "Kongresshaus"), ("Łódź", "PL", "Manufaktura"),
    ("Vilnius", "LT", "Litexpo"), ("Ankara", "TR", "Beştepe"),
    ("Geneva", "CH", "Palais des Nations"), ("New York", "US", "UN Headquarters"),
    ("São Paulo", "BR", "Anhembi"), ("Reykjavík", "IS", "Harpa"),
    ("Москва", "RU", "Гостиный двор"), ("Skopje", "MK", "Holiday Inn"),
    ("Doha", "QA", "Sheraton"), ("Oslo", "NO", "Oslo Kongressenter"),
]
THEMES = ["countering-terrorism", "border-management", "policing",
          "illicit-drugs", "cyber-security", "gender-equality",
          "arms-control", "human-rights", "rule-of-law", "good-governance",
          "combating-trafficking", "environmental-activities",
          "media-freedom", "democratization", "economic-activities"]
AUDIENCE = ["delegations", "experts", "law-enforcement-officers",
            "civil-society", "academia", "media", "youth"]
EVENT_KINDS = ["conference", "high-level-conference", "meeting", "workshop",
               "other"]
ORG_KINDS = ["international-organization", "regional-organization",
             "government-body", "field-operation", "un-entity", "ngo", "other"]
ORG_ROLES = ["organizer", "co-organizer", "supporter", "partner"]
PART_ROLES = ["delegation", "speaker", "chair", "observer", "participant"]
LEVELS = ["minister", "deputy-minister", "ambassador", "head-of-agency",
          "expert", "senior-official"]

ORG_WORDS = ["Agency", "Bureau", "Centre", "Commission", "Council", "Office",
             "Institute", "Network", "Foundation", "Secretariat"]
ORG_TOPICS = ["Border Security", "Drug Control", "Counter-Terrorism",
              "Regional Co-operation", "Public Order", "Financial Intelligence",
              "Customs Affairs", "Migration", "Cyber Resilience",
              "Judicial Training", "Сотрудничества", "Безопасности"]
ORG_PLACES = ["Central Asia", "the Caucasus", "South-Eastern Europe",
              "the Baltic States", "Türkiye", "Kraków", "Zürich", "Душанбе",
              "Алматы", "Ташкент", "the Danube Region", "Ōsaka", "Łódź",
              "the Mediterranean", "São Tomé"]
FIRST = ["Eitvydas", "António", "Zoë", "Björn", "Ángel", "Søren", "Jiří",
         "Małgorzata", "Ştefan", "Ilgar", "Dilnoza", "Aigerim", "Владимир",
         "Эмомали", "Gulnora", "Kairat", "Renée", "Çağrı", "Ásgeir", "Mária",
         "Noël", "Tomáš", "Iñaki", "Olga", "Сергей", "Анна"]
LAST = ["Bajarūnas", "Guterres", "Šimkus", "Nuñez", "Kovačević", "Özdemir",
        "Müller", "Håkansson", "Dvořák", "Wiśniewska", "Rahmon", "Voronkov",
        "Ismoilov", "Nazarbayeva", "Lefèvre", "Ferreira", "Сидоров",
        "Петрова", "Karimov", "Ólafsson", "Grünberg", "Tóth", "Ćosić"]
HONORIFICS = ["Mr.", "Ms.", "Dr.", "H.E. Mr.", "H.E. Ms.", "Prof."]
POSITIONS = ["Minister of Foreign Affairs", "Deputy Minister of Interior",
             "Head of the Border Service", "Ambassador, Permanent Representative",
             "Director of the Drug Control Agency", "Senior Adviser",
             "Под-секретарь", "Head of Office", "Programme Officer",
             "Chairperson of the Committee"]
WORDS = ("security co-operation border region states delegation experts "
         "agreement declaration partnership trafficking narcotics terrorism "
         "prevention dialogue capacity training exchange information joint "
         "measures threats challenges stability development rule law "
         "institutions communities youth women participation resilience "
         "strategy implementation assessment review support framework").split()
UNI = ["Душанбе", "Türkiye", "Bajarūnas", "Кыргызстан", "Ōsaka", "Zürich",
       "Kraków", "São Tomé", "Reykjavík", "Ashgabat — Ашхабад", "naïve",
       "coöperation", "Ελλάδα"]

PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._/-]*[A-Za-z0-9.]|[A-Za-z]")
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def q(s):
    """A YAML scalar for s: plain when unambiguous, else double-quoted."""
    if PLAIN.fullmatch(s) and s.lower() not in YAML_WORDS:
        return s
    return json.dumps(s, ensure_ascii=False)


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


class Gen:
    def __init__(self, seed, n_entities, n_people):
        self.r = random.Random(seed)
        r = self.r
        self.entities = []  # dicts, declared
        for i in range(n_entities):
            kind = ORG_KINDS[i % len(ORG_KINDS)]
            word = r.choice(ORG_WORDS)
            name = "%s for %s of %s" % (word, r.choice(ORG_TOPICS),
                                        r.choice(ORG_PLACES))
            e = {"id": "org-%03d-%s" % (i, slug(word)), "name": name,
                 "kind": kind}
            if i % 3 == 0:
                e["short"] = "%s%03d" % ("".join(w[0] for w in name.split()
                                               if w[0].isupper())[:4], i)
            if i % 5 == 1 and i > 10:
                e["parent"] = self.entities[r.randrange(10)]["id"]
            if kind in ("government-body", "field-operation"):
                e["country"] = r.choice(ISO)
            if i % 4 == 0:
                e["url"] = "https://example.org/%s" % e["id"]
            self.entities.append(e)
        # Two states declared to override their default display names.
        self.entities.append({"id": "TJ", "name": "Republic of Tajikistan",
                              "kind": "state"})
        self.entities.append({"id": "KZ", "name": "Республика Казахстан",
                              "kind": "state"})
        self.org_ids = [e["id"] for e in self.entities if e["kind"] != "state"]
        self.people = []
        for i in range(n_people):
            p = {"id": "p%03d-%s" % (i, slug(r.choice(LAST)) if i % 2 else "x"),
                 "name": "%s %s" % (r.choice(FIRST), r.choice(LAST)),
                 "honorific": r.choice(HONORIFICS),
                 "position": r.choice(POSITIONS),
                 "entity": r.choice(self.org_ids + ISO)}
            if i % 3 == 0:
                p["email"] = "person%03d@example.org" % i
            if i % 4 == 0:
                p["phone"] = "+992 37 %03d %04d" % (i, r.randrange(10000))
            self.people.append(p)
        self.person_ids = [p["id"] for p in self.people]

    def sentence(self, n_words):
        r = self.r
        w = [r.choice(WORDS) for _ in range(n_words)]
        w[r.randrange(n_words)] = r.choice(UNI)
        return w[0].capitalize() + " " + " ".join(w[1:]) + "."

    def paragraph(self):
        r = self.r
        parts = []
        for k in range(r.randint(3, 5)):
            s = self.sentence(r.randint(8, 18))
            if k == 1:
                s = s[:-1] + ", noted *%s* and **%s**." % (
                    r.choice(UNI), r.choice(WORDS))
            if k == 2:
                s = s[:-1] + " ([report](https://example.org/r/%d))." % (
                    r.randrange(100000))
            parts.append(s)
        return " ".join(parts)

    def body(self, title):
        r = self.r
        out = [self.paragraph(), self.paragraph()]
        out.append("## Key points")
        out.append("\n".join("- %s" % self.sentence(r.randint(5, 10))
                             for _ in range(r.randint(3, 5))))
        out.append(self.paragraph())
        if r.random() < 0.5:
            out.append("> " + self.sentence(12))
        out.append("\n".join("%d. %s" % (k + 1, self.sentence(6))
                             for k in range(3)))
        out.append(self.paragraph())
        return "\n\n".join(out) + "\n"

    def rows(self, m, host):
        """m unique (entity, role, level) rows; organizers first."""
        r = self.r
        n_org = min(m, r.randint(2, 5))
        orgs = [(host, "host", None)]
        used = {(host, "host")}
        ents = r.sample(self.org_ids, n_org - 1) if n_org > 1 else []
        for e in ents:
            orgs.append((e, r.choice(ORG_ROLES), None))
            used.add(orgs[-1][:2])
        orgs = orgs[:m]
        parts = []
        n_part = m - len(orgs)
        if n_part > 0:
            # The host also chairs (one entity, two roles), then distinct
            # delegations and bodies; if m exceeds the pool, roles cycle.
            parts.append((host, "chair", None))
            used.add((host, "chair"))
            pool = ISO + self.org_ids
            order = r.sample(pool, len(pool))
            k = 0
            while len(parts) < n_part:
                e = order[k % len(order)]
                role_i = k // len(order)
                k += 1
                if e in ISO and role_i == 0:
                    role = "delegation" if r.random() < 0.85 else "speaker"
                elif role_i == 0:
                    role = r.choice(["observer", "participant", "speaker",
                                     "delegation"])
                else:
                    role = PART_ROLES[(role_i + (e in ISO) * 2) % len(PART_ROLES)]
                if (e, role) in used:
                    continue
                used.add((e, role))
                lvl = r.choice(LEVELS) if role == "delegation" and r.random() < 0.4 else None
                parts.append((e, role, lvl))
        return orgs, parts

    def event(self, i, m, earlier):
        r = self.r
        city, cc, venue = r.choice(CITIES)
        kind = EVENT_KINDS[i % len(EVENT_KINDS)]
        start = datetime.date(2000, 1, 1) + datetime.timedelta(
            days=r.randrange(26 * 365))
        end = start + datetime.timedelta(days=r.choice([0, 0, 1, 1, 2, 3]))
        title = "%s on %s and %s, %s (%d)" % (
            kind.replace("-", " ").capitalize(), r.choice(ORG_TOPICS),
            r.choice(WORDS), city, i + 1)
        eid = "e%05d-%s" % (i, slug(city) if city.isascii() else "city")
        L = ["---", "id: %s" % eid, "title: %s" % q(title), "kind: %s" % kind]
        if i % 4 == 0:
            L.append("short_title: %s" % q("Event %d" % (i + 1)))
        if i % 3 == 0:
            L.append("series: %s" % q(r.choice(["Dushanbe Process",
                                                "Vienna Dialogue",
                                                "Процесс Алматы"])))
        L.append("start: %s" % start.isoformat())
        if end != start:
            L.append("end: %s" % end.isoformat())
        L += ["location:", "  venue: %s" % q(venue), "  city: %s" % q(city),
              "  country: %s" % cc]
        L.append("themes: [%s]" % ", ".join(r.sample(THEMES, r.randint(2, 4))))
        L.append("audience: [%s]" % ", ".join(r.sample(AUDIENCE,
                                                       r.randint(1, 3))))
        orgs, parts = self.rows(m, cc)
        for key, rows in (("organizers", orgs), ("participants", parts)):
            if not rows:
                continue
            L.append("%s:" % key)
            for e, role, lvl in rows:
                extra = ", level: %s" % lvl if lvl else ""
                L.append("  - { entity: %s, role: %s%s }" % (e, role, extra))
        L.append("attendance: { participants: %d, countries: %d, "
                 "qualifier: more-than }" % (r.randint(50, 900),
                                             len([p for p in parts if len(p[0]) == 2])))
        L.append("statements:")
        for k in range(r.randint(2, 4)):
            if k == 1:
                L.append("  - person: { name: %s, position: %s }" % (
                    q("%s %s" % (r.choice(FIRST), r.choice(LAST))),
                    q(r.choice(POSITIONS))))
            else:
                L.append("  - person: %s" % r.choice(self.person_ids))
            if k == 0:
                L.append("    medium: video message")
            L.append("    text: %s" % q("%s – %s %s" % (
                self.sentence(14), self.sentence(10), r.choice(UNI))))
            if k == 2:
                L.append("    context: %s" % q("Closing session"))
        n_out = r.randint(0, 2)
        if n_out:
            L.append("outcomes:")
            for k in range(n_out):
                L.append("  - kind: %s" % r.choice(["declaration", "agreement",
                                                     "report", "other"]))
                L.append("    title: %s" % q("%s Declaration %d" % (city, k + 1)))
                L.append("    adopted: %s" % end.isoformat())
                L.append("    summary: %s" % q(self.sentence(16)))
        L.append("figures:")
        for k in range(r.randint(1, 3)):
            L.append("  - { label: %s, value: %d, unit: %s, year: %s }" % (
                q("Seizures of %s" % r.choice(["heroin", "opium", "hashish",
                                               "precursors"])),
                r.randint(10, 250000), r.choice(["kg", "hectares", "cases"]),
                q(str(start.year - r.randint(0, 3)))))
        L.append("contacts:")
        L.append("  - { name: %s, entity: %s, email: contact%05d@example.org, "
                 "city: %s }" % (q("%s %s" % (r.choice(HONORIFICS),
                                              r.choice(LAST))),
                                 r.choice(self.org_ids), i, q(city)))
        if i % 2:
            L.append("  - { name: %s, person: %s, role: press officer }" % (
                q(r.choice(LAST)), r.choice(self.person_ids)))
        L.append("sources:")
        L.append("  - { title: %s, publisher: %s, published: %s, url: %s }" % (
            q("Press release: %s" % title), r.choice(self.org_ids),
            end.isoformat(), q("https://example.org/news/%s" % eid)))
        if i % 3 == 1:
            L.append("  - { title: %s, publisher: %s }" % (
                q("Background note %d" % i), q("Радио Озоди")))
        if earlier:
            rel = r.sample(earlier, min(len(earlier), r.randint(0, 2)))
            if rel:
                L.append("related: [%s]" % ", ".join(rel))
        L.append("---")
        return eid, "\n".join(L) + "\n" + self.body(title)

    def registry(self, n_events):
        L = ["format: 1",
             "title: %s" % q("Synthetic archive of %d events" % n_events),
             "subtitle: %s" % q("Benchmark dossier — Душанбе, Zürich, Kraków"),
             "prepared_by: %s" % self.org_ids[0],
             "classification: Unclassified", "language: en",
             "date: 2026-11-22", "entities:"]
        for e in self.entities:
            L.append("  - id: %s" % e["id"])
            for k in ("name", "short", "kind", "parent", "country", "url"):
                if k in e:
                    L.append("    %s: %s" % (k, q(e[k])))
        L.append("people:")
        for p in self.people:
            L.append("  - id: %s" % p["id"])
            for k in ("name", "honorific", "position", "entity", "email",
                      "phone"):
                if k in p:
                    L.append("    %s: %s" % (k, q(p[k])))
        return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100)
    ap.add_argument("--rows", type=int, default=150)
    ap.add_argument("--entities", type=int, default=300)
    ap.add_argument("--people", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.events < 1 or a.rows < 1 or a.entities < 12 or a.people < 1:
        ap.error("need --events >= 1, --rows >= 1, --entities >= 12, --people >= 1")
    g = Gen(a.seed, a.entities, a.people)
    ev_dir = os.path.join(a.out, "events")
    os.makedirs(ev_dir, exist_ok=True)
    for f in os.listdir(ev_dir):  # a re-run must not leave stale events
        if f.endswith(".md"):
            os.unlink(os.path.join(ev_dir, f))
    with open(os.path.join(a.out, "dossier.yaml"), "w", encoding="utf-8") as f:
        f.write(g.registry(a.events))
    earlier = []
    for i in range(a.events):
        eid, text = g.event(i, a.rows, earlier[-50:])
        earlier.append(eid)
        with open(os.path.join(ev_dir, eid + ".md"), "w",
                  encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
