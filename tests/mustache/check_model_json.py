"""Asserts the Model JSON shape (docs/MODEL-JSON.md) on the data view of a
hand-built model (model_data_test sample).

usage: check_model_json.py MODEL_DATA_TEST_BINARY
"""
import json
import subprocess
import sys

out = subprocess.run([sys.argv[1], "sample"], capture_output=True, check=True)
d = json.loads(out.stdout.decode("utf-8"))
failures = []


def eq(got, want, what):
    if got != want:
        failures.append("%s: got %r, want %r" % (what, got, want))


def keys(obj, want, what):
    eq(list(obj.keys()), want, what + " keys")


keys(d, ["format", "title", "subtitle", "prepared_by", "prepared_by_entity",
         "classification", "language", "as_of", "period", "event_count",
         "entities", "people", "events"], "root")
eq(d["format"], 1, "format")
eq(d["subtitle"], None, "absent subtitle is null")
eq(d["prepared_by"], "OSCE Programme Office in Dushanbe", "prepared_by from entity")
eq(d["prepared_by_entity"], "osce-po-dushanbe", "prepared_by_entity")
eq(d["as_of"], "2026-11-22", "as_of")
eq(d["period"], {"start": "2018-05-03", "end": "2020-03-16",
                 "text": "3 May 2018 \u2013 16 March 2020"}, "period")
eq(d["event_count"], 4, "event_count")

ent = {e["id"]: e for e in d["entities"]}
for e in d["entities"]:
    keys(e, ["id", "name", "short", "label", "kind", "parent", "country",
             "country_name", "url", "implicit", "events"], "entity " + e["id"])
eq(ent["osce"]["label"], "OSCE", "label is short name")
eq(ent["osce-po-dushanbe"]["label"], "OSCE Programme Office in Dushanbe", "label falls back to name")
eq(ent["osce-po-dushanbe"]["parent"], "osce", "parent id")
eq(ent["osce-po-dushanbe"]["country_name"], "Republic of Tajikistan",
   "a declared state overrides the ISO name")
eq(ent["AT"]["implicit"], True, "implicit")
eq(ent["TJ"]["implicit"], False, "declared")
eq(ent["AT"]["country_name"], "Austria", "ISO name")
eq(ent["osce-po-dushanbe"]["events"], [], "no participation gives []")
eq(ent["TJ"]["events"], [
    {"id": "2018-05-dushanbe", "title": "High-Level Conference on Countering Terrorism",
     "start": "2018-05-03", "roles": ["host", "speaker"]},
    {"id": "2019-vienna", "title": "Vienna Meeting", "start": "2019-06-30",
     "roles": ["organizer"]}], "participation index (chronological, roles once each)")
eq(ent["AT"]["events"][0]["roles"], ["delegation"], "a role held twice is listed once")

ppl = {p["id"]: p for p in d["people"]}
for p in d["people"]:
    keys(p, ["id", "name", "honorific", "display_name", "position", "entity",
             "entity_name", "email", "phone", "events"], "person " + p["id"])
eq(ppl["rahmon"]["display_name"], "H.E. Mr. Emomali Rahmon", "display_name")
eq(ppl["nobody"]["display_name"], "Quiet Person", "display_name without honorific")
eq(ppl["rahmon"]["events"], [{"id": "2018-05-dushanbe",
                              "title": "High-Level Conference on Countering Terrorism"}],
   "person index: speaker")
eq(ppl["voronkov"]["events"][0]["id"], "2018-05-dushanbe", "person index: contact")
eq(ppl["nobody"]["events"], [], "person without events")
eq([x["id"] for x in ppl["umarov"]["events"]], ["2018-05-dushanbe", "2019-vienna"],
   "person index: named on participations (once per event, chronological)")
eq([x["id"] for x in ppl["voronkov"]["events"]], ["2018-05-dushanbe"],
   "person index: contact and named in one event counts once")

EVENT_KEYS = ["id", "title", "short_title", "kind", "series", "start", "end", "dates",
              "location", "themes", "audience", "organizers", "participants",
              "attendance", "statements", "outcomes", "figures", "contacts",
              "sources", "related", "summary", "body", "file"]
for e in d["events"]:
    keys(e, EVENT_KEYS, "event " + e["id"])
    keys(e["location"], ["venue", "city", "country", "country_name", "address", "text"],
         "location")
e0, e1, e2, e3 = d["events"]
eq([e["dates"] for e in d["events"]],
   ["3\u20134 May 2018", "30 June \u2013 1 July 2019",
    "31 December 2019 \u2013 2 January 2020", "16 March 2020"], "human dates")
eq(e0["kind"], "high-level-conference", "event kind")
eq(e0["location"]["text"], "Kokhi Somon, Dushanbe, Republic of Tajikistan", "location text")
eq(e1["location"]["text"], "Hofburg, Vienna, Austria", "location text")
eq(e2["location"], {"venue": None, "city": None, "country": None, "country_name": None,
                    "address": None, "text": None}, "empty location")
eq(e3["location"]["text"], "XK", "unknown code falls back to the code")
eq(e0["themes"], ["countering-terrorism", "border-management"], "themes")
eq(e0["audience"], [], "absent list is []")
eq(e0["organizers"][0], {"entity": "TJ", "name": "Republic of Tajikistan", "short": None,
                         "label": "Republic of Tajikistan", "kind": "state", "role": "host",
                         "role_label": "Host", "level": None, "note": None, "people": []},
   "organizer row")
eq(e0["participants"][0]["people"], [
    {"id": "umarov", "name": "Mansurjon Umarov", "display_name": "Mansurjon Umarov",
     "position": "Deputy Head"},
    {"id": "voronkov", "name": "Vladimir Voronkov", "display_name": "Mr. Vladimir Voronkov",
     "position": None},
    {"id": None, "name": "A. Guest", "display_name": "A. Guest", "position": "Observer"}],
   "participation people (registry and inline, in order)")
eq(e0["participants"][1]["people"], [], "no people gives []")
eq(e1["organizers"][0]["people"][0]["id"], "umarov", "organizer people")
for e in d["events"]:
    for row in e["organizers"] + e["participants"]:
        keys(row, ["entity", "name", "short", "label", "kind", "role", "role_label", "level",
                   "note", "people"], "participation row")
eq(e0["organizers"][2]["note"], "through its Programme Office", "row note")
eq(e0["participants"][0]["level"], "deputy-minister", "row level")
eq(len(e0["participants"]), 3, "rows kept as written")
eq(e0["attendance"], {"participants": 700, "countries": 40, "organizations": None,
                      "qualifier": "more-than",
                      "text": "more than 700 participants from 40 countries"}, "attendance")
eq(e1["attendance"], None, "absent attendance is null")
eq(e3["attendance"]["text"], "1 participant from 12,500 organizations", "attendance text")
eq(e0["statements"][0]["speaker"]["display_name"], "H.E. Mr. Emomali Rahmon", "speaker")
eq(e0["statements"][1]["speaker"]["id"], None, "inline speaker has no id")
keys(e0["statements"][0], ["speaker", "medium", "text", "context"], "statement")
eq(e0["outcomes"], [{"kind": "declaration", "title": "Dushanbe Declaration",
                     "adopted": "2018-05-04", "summary": None, "url": None}], "outcomes")
eq(e0["figures"], [{"label": "Poppy cultivation, 2007", "value": 193000,
                    "value_text": "193000", "unit": "hectares", "year": "2007",
                    "note": None}], "figures")
eq(e0["contacts"][0], {"name": "Vladimir Voronkov", "person": "voronkov", "entity": "unoct",
                       "entity_name": "United Nations Office of Counter-Terrorism",
                       "role": "press", "email": "voronkov@un.org", "phone": None,
                       "city": "New York"}, "contact (falls back to the person's entity/email)")
eq(e0["sources"][0], {"title": "Press release",
                      "publisher": "United Nations Office of Counter-Terrorism",
                      "publisher_entity": "unoct", "published": "2018-05-05",
                      "url": "https://www.un.org/x"}, "source")
eq(e1["related"], [{"id": "2018-05-dushanbe",
                    "title": "High-Level Conference on Countering Terrorism",
                    "start": "2018-05-03"}], "related")
eq(e0["summary"], "The first paragraph, with code and a link.",
   "summary: first paragraph as plain text (heading skipped, softbreak = space)")
eq(e1["summary"], "Explicit summary.", "explicit summary wins")
eq(e2["summary"], None, "no body, no summary")
eq(e3["summary"], "quoted first", "first paragraph inside a block quote")
eq(e2["end"], "2020-01-02", "end")
eq(e3["end"], "2020-03-16", "end == start")
eq(e0["body"].startswith("## Background"), True, "body verbatim")
eq(e2["body"], "", "empty body is \"\"")
eq(e0["file"], "events/2018.md", "file")

if failures:
    for f in failures:
        print("FAIL:", f)
    sys.exit(1)
print("model JSON checks passed")
