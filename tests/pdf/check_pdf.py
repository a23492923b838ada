#!/usr/bin/python3
"""Checks the pdf plugin's briefing through the real CLI, reading the PDF back
with qpdf, pdfinfo, pdftotext and pdffonts.

usage: check_pdf.py MODE CLI INPUT OUTDIR [EXTRA]
modes: briefing, single, russian, bad-template, hostile, compact, scripts,
       commonmark (the content streams: check_content.py)
"""
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys

FAILS = []


def fail(msg):
    FAILS.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(cmd, env=None, check=True):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run(cmd, capture_output=True, text=True, env=e)
    if check and p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit("command failed (%d): %s" % (p.returncode, " ".join(cmd)))
    return p


def render(cli, inputs, out, *opts, env=None):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    run([cli, "render", *inputs, "-f", "pdf", "-o", out, *opts], env=env)
    pdf = os.path.join(out, "briefing.pdf")
    if not os.path.isfile(pdf):
        raise SystemExit("no briefing.pdf in " + out)
    return pdf


def dump(cli, inputs):
    return json.loads(run([cli, "dump", *inputs]).stdout)


def text_of(pdf):
    return run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout


def squash(s):
    """Whitespace removed: line wrapping (also inside long words and URLs)
    must not matter when looking for a string."""
    return re.sub(r"\s+", "", s)


def info(pdf):
    out = run(["pdfinfo", "-enc", "UTF-8", pdf]).stdout
    d = {}
    for line in out.splitlines():
        k, _, v = line.partition(":")
        d[k.strip()] = v.strip()
    return d


def outline_titles(pdf):
    j = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf]).stdout)
    titles = []

    def walk(items):
        for it in items:
            titles.append(it["title"])
            walk(it.get("kids", []))

    walk(j["outlines"])
    return titles


def annotations(pdf):
    """(uris, [page number of each internal link's target]) over all links."""
    j = json.loads(run(["qpdf", "--json", pdf]).stdout)
    page_no = {p["object"]: p["pageposfrom1"] for p in j["pages"]}
    objs = {}
    for item in j["qpdf"][1:]:
        for k, v in item.items():
            if k.startswith("obj:"):
                objs[k[4:]] = v.get("value")
    uris, internal = [], []
    for v in objs.values():
        if isinstance(v, dict) and v.get("/Subtype") == "/Link":
            a = v.get("/A")
            if isinstance(a, str) and a in objs:
                a = objs[a]
            if isinstance(a, dict) and "/URI" in a:
                u = a["/URI"]
                uris.append(u[2:] if u.startswith("u:") else u)
            elif "/Dest" in v:
                d = v["/Dest"]
                if isinstance(d, str) and d in objs:
                    d = objs[d]
                internal.append(page_no.get(d[0]) if isinstance(d, list) and d else None)
    return uris, internal


def check_page_tree(pdf):
    """Pages hang off intermediate /Pages nodes: libharu's flat /Kids array
    stops at 32,767 pages, so a big dossier needs the tree. Every page
    content stream is deflated (the plugin deflates a page's body when the
    layout leaves it, headers and footers go to a second stream)."""
    j = json.loads(run(["qpdf", "--json=1", "--json-key=objects", pdf]).stdout)
    objs = j["objects"]
    for k, v in objs.items():
        if isinstance(v, dict) and v.get("/Type") == "/Page":
            c = v.get("/Contents")
            for ref in c if isinstance(c, list) else [c]:
                d = objs.get(ref, {})
                d = d.get("dict", d)  # a stream is its dictionary in --json=1
                if d.get("/Filter") not in ("/FlateDecode", ["/FlateDecode"]):
                    fail("page %s: content stream %s is not deflated (%r)"
                         % (k, ref, d.get("/Filter")))
    top = objs[objs[objs["trailer"]["/Root"]]["/Pages"]]
    kinds = {objs[k].get("/Type") for k in top["/Kids"]}
    if kinds != {"/Pages"}:
        fail("the root page node holds %s, not a page tree" % sorted(kinds))


def check_common(pdf, model, label_page="Page {page} of {pages}"):
    """The checks every briefing must pass."""
    p = run(["qpdf", "--check", pdf], check=False)
    if p.returncode != 0:
        fail("qpdf --check: " + p.stdout + p.stderr)
    check_page_tree(pdf)
    inf = info(pdf)
    if inf.get("Title") != model["title"]:
        fail("pdfinfo Title %r != %r" % (inf.get("Title"), model["title"]))
    if model.get("prepared_by") and inf.get("Author") != model["prepared_by"]:
        fail("pdfinfo Author %r != %r" % (inf.get("Author"), model["prepared_by"]))
    if not inf.get("CreationDate"):
        fail("no CreationDate")
    pages = int(inf.get("Pages", "0"))
    if pages < len(model["events"]) + 1:
        fail("only %d pages for %d events" % (pages, len(model["events"])))
    themes = {t for e in model["events"] for t in e["themes"]}
    for t in themes:
        if t not in inf.get("Keywords", ""):
            fail("keyword %r missing from %r" % (t, inf.get("Keywords")))

    # embedded fonts
    fonts = run(["pdffonts", pdf]).stdout.splitlines()[2:]
    if not fonts:
        fail("pdffonts lists no font")
    for line in fonts:
        cols = line.split()
        # name type... emb sub uni object ID: emb is the 5th field from the end
        if len(cols) < 7 or cols[-5] != "yes":
            fail("font not embedded: " + line)
    if not any("DejaVu" in l for l in fonts):
        fail("DejaVu fonts not used")
    # the faces the content needs are really used (bold titles, italic
    # quotations, mono code, bold italic for ***both***)
    names = " ".join(l.split()[0] for l in fonts if l.split())
    bodies = "".join(e["body"] or "" for e in model["events"])
    want_faces = ["DejaVuSans-Bold"]
    if any(e["statements"] for e in model["events"]):
        want_faces.append("DejaVuSans-Oblique")
    if "`" in bodies:
        want_faces.append("DejaVuSansMono")
    if re.search(r"\*\*\*\w", bodies):
        want_faces.append("DejaVuSans-BoldOblique")
    for face in want_faces:
        if not re.search(re.escape(face) + r"\b", names):
            fail("font face %s not used (fonts: %s)" % (face, names))

    text = text_of(pdf)
    flat = squash(text)

    # footers "Page N of M" on every page but the cover
    for n in range(2, pages + 1):
        want = squash(label_page.replace("{page}", str(n)).replace("{pages}", str(pages)))
        if want not in flat:
            fail("footer %r missing" % want)

    # Every title, speaker, quotation and URL, in document order. The
    # contents list the titles first, so the search starts after the
    # contents entry of the last event.
    evs = model["events"]
    pos = 0
    for e in evs:  # contents
        i = flat.find(squash(e["title"]), pos)
        if i < 0:
            fail("contents: title %r missing or out of order" % e["title"])
            break
        pos = i + 1
    for e in evs:
        needles = [("title", e["title"])]
        for s in e["statements"]:
            needles.append(("quotation", s["text"]))  # then its attribution
            needles.append(("speaker", s["speaker"]["name"]))
        for o in e["outcomes"]:
            needles.append(("outcome", o["title"]))
        for s in e["sources"]:
            if s["url"]:
                needles.append(("url", s["url"]))
        for kind, n in needles:
            i = flat.find(squash(n), pos)
            if i < 0:
                fail("%s %r of event %s missing or out of order" % (kind, n, e["id"]))
            else:
                pos = i

    # the narrative is rendered, not printed raw: no **strong** markers left
    for e in evs:
        for m in re.finditer(r"\*\*([^*\n]+)\*\*", e["body"] or ""):
            if squash("**" + m.group(1) + "**") in flat:
                fail("raw Markdown %r printed in event %s" % (m.group(0), e["id"]))
            elif squash(m.group(1)) not in flat:
                fail("strong text %r missing in event %s" % (m.group(1), e["id"]))

    # outline: every event, in order
    titles = outline_titles(pdf)
    want = [e["title"] for e in evs]
    got = [t for t in titles if t in want]
    if got != want:
        fail("outline %r != events %r" % (titles, want))

    # links: every source URL is a URI annotation; contents entries link inside
    uris, internal = annotations(pdf)
    for e in evs:
        for s in e["sources"]:
            if s["url"] and s["url"] not in uris:
                fail("no link annotation for %s" % s["url"])
        # inline Markdown links of the narrative are clickable too
        for m in re.finditer(r"\]\((https?://[^)\s]+)\)", e["body"] or ""):
            if m.group(1) not in uris:
                fail("narrative link %s of %s is not a link annotation" % (m.group(1), e["id"]))
    everything = json.dumps(model, ensure_ascii=False)
    for u in uris:  # each link target is a URL of the input, nothing more
        if u.removeprefix("mailto:") not in everything:
            fail("link annotation %r is not a URL of the input" % u)
    # internal links (contents rows, related events) land on event pages,
    # and every event is reached from the contents
    j = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf]).stdout)
    event_pages = {o["title"]: o["destpageposfrom1"] for o in j["outlines"]}
    targets = [event_pages.get(e["title"]) for e in evs]
    for t in internal:
        if t not in targets:
            fail("an internal link goes to page %r, not to an event" % t)
    for e, t in zip(evs, targets):
        if t not in internal:
            fail("no internal link to event %s (page %r)" % (e["id"], t))
    return text, pages


def check_margins(pdf, left=64, right=64, top=0, bottom=0):
    """No word's box crosses the side margins (pdftotext -bbox)."""
    out = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    pw = None
    bad = 0
    for m in re.finditer(r'<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="[\d.]+" '
                         r'xMax="([\d.]+)"[^>]*>([^<]*)<', out):
        if m.group(1):
            pw = float(m.group(1))
            continue
        x0, x1 = float(m.group(2)), float(m.group(3))
        if x0 < left - 1 or x1 > pw - right + 1:
            bad += 1
            if bad < 5:
                fail("word %r at x %.1f..%.1f crosses the margins" % (m.group(4), x0, x1))
    return bad


def mode_briefing(cli, inp, out):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    a = render(cli, [inp], os.path.join(out, "a"), env=env)
    b = render(cli, [inp], os.path.join(out, "b"), env=env)
    if open(a, "rb").read() != open(b, "rb").read():
        fail("two renders with SOURCE_DATE_EPOCH differ")
    inf = info(a)
    if "2023" not in inf.get("CreationDate", ""):
        fail("CreationDate %r does not follow SOURCE_DATE_EPOCH" % inf.get("CreationDate"))
    model = dump(cli, [inp])
    text, _ = check_common(a, model)
    check_margins(a)
    for name in ["Bajarūnas", "Türkiye", "António", "Душанбе"]:
        allnames = json.dumps(model, ensure_ascii=False)
        if name in allnames and name not in text:
            fail("%r is in the input but not in the PDF text" % name)
    # People named on a participation follow the entity (and level) in the
    # organizers/participants block, as "Name, Position", once each.
    flat = squash(text)
    for e in model["events"]:
        for part in e["organizers"] + e["participants"]:
            for p in part["people"]:
                who = p["display_name"] + (", " + p["position"] if p["position"] else "")
                if squash(who) not in flat:
                    fail("%s on %s/%s missing from the PDF" % (who, part["entity"], part["role"]))
    for e in model["events"]:
        for part in e["participants"]:
            note = part["note"] or ""
            for p in part["people"]:
                if p["name"] in note:  # the note says it: no second mention
                    want = "%s (%s)" % (part["label"], note)
                    if squash(want) not in flat:
                        fail("%r: a person the note names is repeated" % want)
    if "umarov" in {p["id"] for p in model["people"]}:
        want = ("Tajikistan — deputy head of agency (Mansurjon Umarov, Deputy Head of "
                "Tajikistan’s State Committee on National Security)")
        if squash(want) not in flat:
            fail("Tajikistan's delegation line %r missing" % want)
        # (the narrative names him too, with other words)
        if flat.count(squash("Mansurjon Umarov, Deputy Head of Tajikistan’s")) != 1:
            fail("Umarov's delegation entry is not written exactly once")


def mode_single(cli, inp, out):
    """One event file without dossier.yaml, on US Letter paper."""
    pdf = render(cli, [inp], out, "-O", "pdf.paper=Letter")
    model = dump(cli, [inp])
    if len(model["events"]) != 1:
        raise SystemExit("fixture must hold one event")
    check_common(pdf, model)
    check_margins(pdf)
    size = info(pdf).get("Page size", "")
    if not size.startswith("612 x 792"):
        fail("-O pdf.paper=Letter gave page size %r" % size)


def mode_russian(cli, inp, out, template):
    pdf = render(cli, [inp], out, "-O", "pdf.template=" + template)
    model = dump(cli, [inp])
    text, pages = check_common(pdf, model, "Стр. {page} из {pages}")
    flat = squash(text)
    for label in ["Содержание", "Основные сведения", "Заявления", "Источники"]:
        if squash(label) not in flat:
            fail("Russian label %r missing" % label)
    if "12,5" not in text:  # the fixture's 12.5 tonnes, Russian decimal comma
        fail("Russian decimal separator not used")
    for label in ["Key facts", "Statements", "Page 2 of"]:
        if squash(label) in flat:
            fail("English label %r still present" % label)
    if "Содержание" not in outline_titles(pdf):
        fail("outline does not use the Russian 'Contents' label")

    # `language: ru` picks pdf/briefing-ru.yaml by itself
    src = os.path.join(out, "ru-src")
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(inp, src)
    y = os.path.join(src, "dossier.yaml")
    with open(y, encoding="utf-8") as f:
        text = f.read()
    with open(y, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(?m)^language: .*$", "language: ru", text))
    pdf = render(cli, [src], os.path.join(out, "auto"))
    if squash("Основные сведения") not in squash(text_of(pdf)):
        fail("language: ru did not select briefing-ru.yaml")


def mode_bad_template(cli, inp, out):
    os.makedirs(out, exist_ok=True)
    t = os.path.join(out, "bad.yaml")
    with open(t, "w") as f:
        f.write("page: { size: A5 }\ncolors: { text: red }\nevent_sections: [facts, nope]\n"
                "compact_roles_above: many\nsizes: { body: .nan, small: .inf }\n")
    p = run([cli, "render", inp, "-f", "pdf", "-o", os.path.join(out, "o"),
             "-O", "pdf.template=" + t], check=False)
    if p.returncode != 1:
        fail("bad template: exit %d, want 1" % p.returncode)
    # .nan and .inf must be refused whatever the data loader makes of them
    # (a NaN size would reach the content writer's number formatting)
    for key in ["page.size", "colors.text", "nope", "compact_roles_above",
                "sizes.body", "sizes.small"]:
        if key not in p.stderr:
            fail("bad template: %r not named in %r" % (key, p.stderr))
    if os.path.exists(os.path.join(out, "o", "briefing.pdf")):
        fail("bad template: a briefing.pdf was written anyway")
    p = run([cli, "render", inp, "-f", "pdf", "-o", os.path.join(out, "o3"),
             "-O", "pdf.paper=A5"], check=False)
    if p.returncode == 0 or "paper" not in p.stderr:
        fail("-O pdf.paper=A5: exit %d, stderr %r" % (p.returncode, p.stderr))
    missing = os.path.join(out, "missing.yaml")
    p = run([cli, "render", inp, "-f", "pdf", "-o", os.path.join(out, "o2"),
             "-O", "pdf.template=" + missing], check=False)
    if p.returncode != 1 or "missing.yaml" not in p.stderr:
        fail("missing template: exit %d, stderr %r" % (p.returncode, p.stderr))


class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def spec_examples(path):
    examples, cur, state = [], None, 0
    fence = "`" * 32 + " example"
    for line in open(path, encoding="utf-8"):
        if state == 0 and line.startswith(fence):
            cur, state = [[], []], 1
        elif state == 1 and line.rstrip("\n") == ".":
            state = 2
        elif state == 2 and line.startswith("`" * 32):
            examples.append(("".join(cur[0]).replace("\u2192", "\t"),
                             "".join(cur[1]).replace("\u2192", "\t")))
            state = 0
        elif state in (1, 2):
            cur[state - 1].append(line)
    return examples


def words_of_html(h):
    p = TextOf()
    p.feed(h)
    p.close()
    text = "".join(p.parts)  # convert_charrefs already decoded entities
    # letters and digits the embedded fonts can show (Latin, Greek, Cyrillic)
    return [w for w in re.findall(r"[^\W_]+", text) if all(ord(c) < 0x530 for c in w)]


def mode_commonmark(cli, spec, out):
    examples = spec_examples(spec)
    if len(examples) < 600:
        raise SystemExit("only %d examples in %s" % (len(examples), spec))
    src = os.path.join(out, "dossier")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(src, "events"))
    with open(os.path.join(src, "dossier.yaml"), "w") as f:
        f.write("format: 1\ntitle: CommonMark spec examples\n")
    with open(os.path.join(out, "compact.yaml"), "w") as f:
        f.write("event_page_break: false\ndocument: [events]\n"
                "event_sections: [narrative]\n")
    for i, (md, _) in enumerate(examples, 1):
        with open(os.path.join(src, "events", "ex%04d.md" % i), "w", encoding="utf-8") as f:
            f.write("---\nid: ex%04d\ntitle: Example %d marker\nkind: other\n"
                    "start: 2020-01-01\n---\n" % (i, i))
            f.write(md)
    pdf = render(cli, [src], os.path.join(out, "o"),
                 "-O", "pdf.template=" + os.path.join(out, "compact.yaml"))
    p = run(["qpdf", "--check", pdf], check=False)
    if p.returncode != 0:
        fail("qpdf --check: " + p.stdout)
    check_margins(pdf)
    flat = squash(text_of(pdf))
    starts = []
    for i in range(1, len(examples) + 1):
        k = flat.find("Example%dmarker" % i, starts[-1] if starts else 0)
        if k < 0:
            fail("event of example %d missing" % i)
            return
        starts.append(k)
    starts.append(len(flat))
    missing = 0
    for i, (_, expect) in enumerate(examples):
        region = flat[starts[i]:starts[i + 1]]
        # rendered text is searched in order, word after word
        lost = [w for w in words_of_html(expect) if w not in region]
        if lost:
            missing += 1
            fail("example %d lost %r" % (i + 1, lost[:5]))
    print("%d examples, %d with missing words" % (len(examples), missing))


def mode_hostile(cli, _inp, out):
    """Pathological but valid input: a 2 KB title, 3000 nested block quotes,
    a 200-level list, a 100 KB word, emphasis and bracket storms, a table
    row taller than a page, many statements. Must render, stay inside the
    margins and keep the long word's text."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    ev = os.path.join(out, "hostile.md")
    fm = ["---", "id: hostile", "title: Emoji \U0001F600 " + "Very long title word " * 100,
          "kind: other", "start: 2020-01-01", "participants:"]
    for i, c in enumerate(["AT", "TJ", "TR", "DE", "FR", "US"] * 20):
        fm.append("  - { entity: %s, role: %s, note: 'note %d' }"
                  % (c, ["delegation", "observer", "speaker"][i % 3], i))
    fm.append("statements:")
    for i in range(150):
        fm.append("  - { person: { name: Speaker %d }, text: '%s' }" % (i, "word " * (i % 60 + 1)))
    fm.append("figures:")
    fm.append("  - { label: '%s', value: 1, note: '%s' }" % ("label " * 2000, "n"))
    fm.append("---")
    long_word = "".join(chr(ord("a") + i % 26) for i in range(100000))
    body = [">" * 3000 + " deep quote", ""]
    body += ["  " * d + "- item %d" % d for d in range(200)]
    body += ["", long_word, "", "*" * 3000 + "a" + "*" * 3000, "",
             "[" * 3000 + "a" + "]" * 3000, "", "<script>alert(1)</script>", ""]
    with open(ev, "w") as f:
        f.write("\n".join(fm) + "\n" + "\n".join(body) + "\n")
    pdf = render(cli, [ev], os.path.join(out, "o"))
    p = run(["qpdf", "--check", pdf], check=False)
    if p.returncode != 0:
        fail("qpdf --check: " + p.stdout)
    check_margins(pdf)
    # beyond the BMP, libharu's UTF-8 encoder has no code: U+FFFD stands in
    if not info(pdf).get("Title", "").startswith("Emoji \ufffd Very long"):
        fail("title with an emoji: pdfinfo Title %r" % info(pdf).get("Title"))
    # the body area only (A4, 72 pt top and 64 pt bottom margins), so that
    # headers and footers do not interrupt a word running over pages
    body_text = run(["pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "70", "-W", "600",
                     "-H", "706", pdf, "-"]).stdout
    flat = squash(body_text)
    if long_word not in flat:
        fail("the 100 KB word was not kept whole (line breaks aside)")
    for w in ["deepquote", "item199", "Speaker149", "alert(1)"]:
        if w not in flat:
            fail("%r missing" % w)


def mode_compact(cli, _inp, out):
    """A role group above `compact_roles_above` (12) entities flows as one
    labelled paragraph that may break across pages; smaller groups stay
    table rows; names keep the model's order either way."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    codes = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES "
             "SE NO IS CH LI GB AL AD AM AZ BY BA GE KZ KG MD MC ME MK RU SM RS TJ TM TR UA "
             "UZ US CA MN VA JP KR AU TH").split()
    levels = ["ambassador", "minister", "expert", None]
    ev = os.path.join(out, "big.md")
    fm = ["---", "id: big", "title: Big conference", "kind: conference",
          "start: 2021-03-01", "participants:"]
    for i, c in enumerate(codes):
        lv = levels[i % 4]
        fm.append("  - { entity: %s, role: delegation%s }" % (c, ", level: " + lv if lv else ""))
    for c in ["FR", "DE", "IT"]:
        fm.append("  - { entity: %s, role: speaker }" % c)
    fm += ["---", "Body."]
    with open(ev, "w") as f:
        f.write("\n".join(fm) + "\n")
    model = dump(cli, [ev])
    parts = model["events"][0]["participants"]
    want = []
    for part in parts:
        t = part["label"] + (" — " + part["level"].replace("-", " ") if part["level"] else "")
        want.append(squash(t))

    def in_order(flat, what):
        pos = 0
        for w in want:
            k = flat.find(w, pos)
            if k < 0:
                fail("%s: %r missing or out of order" % (what, w))
                return
            pos = k + len(w)

    pdf = render(cli, [ev], os.path.join(out, "compact"))
    check_margins(pdf)
    flat = squash(text_of(pdf))
    in_order(flat, "compact")
    n_del = sum(1 for p in parts if p["role"] == "delegation")
    if squash("Delegations (%d)" % n_del) not in flat:
        fail("the large delegation group has no 'Delegations (%d)' label" % n_del)
    if squash("Speakers (3)") in flat or "Speakers" not in flat:
        fail("the 3 speakers are not a plain table row")
    # the paragraph starts under its heading instead of jumping a page
    pages = int(info(pdf)["Pages"])
    for n in range(1, pages + 1):
        page = squash(run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n),
                           pdf, "-"]).stdout)
        if squash("Participating delegations") in page:
            if want[0] not in page:
                fail("page %d: the delegations heading is left without its list" % n)
            break
    else:
        fail("no 'Participating delegations' heading")

    # a template can keep every group a table row
    tpl = os.path.join(out, "rows.yaml")
    with open(tpl, "w") as f:
        f.write("compact_roles_above: 1000\n")
    pdf = render(cli, [ev], os.path.join(out, "rows"), "-O", "pdf.template=" + tpl)
    flat = squash(text_of(pdf))
    in_order(flat, "rows")
    if squash("Delegations (%d)" % n_del) in flat:
        fail("compact_roles_above: 1000 still made a compact group")


def mode_scripts(cli, _inp, out):
    """Text in many scripts comes back exactly from pdftotext. Runs that fit
    a single-byte code page are drawn with a simple TrueType font (ASCII as
    literal strings), the rest with the UTF-8 Type0 font; each face's font
    file is embedded once whatever the number of its fonts."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    needles = [
        "Plain ASCII words",
        "Η Δημοκρατία μας και το Ωδείο Αθηνών: μέτρα για την ειρήνη",  # Delta, Omega, mu
        "Zażółć gęślą jaźń", "Příliš žluťoučký kůň", "Şişli ığdır çöğüş",
        "Bajarūnas ėjo į Šiaulius, ģērbj ķēķis ļoti ņem",
        "Ђорђе Јовановић", "Київ ґанок",
        "Հայաստան", "საქართველო", "北京 and Hà Nội",
        "Ωmega-łódź-Дом", "5 µm, € 20 — “quoted” ‘single’ … • → ±",
        "back\\slash (paren) %percent #hash /slash [bracket] {brace} <angle>",
    ]
    url = "https://example.org/a/b?q=1&x=%20#frag"
    ev = os.path.join(out, "scripts.md")
    fm = ["---", "id: scripts", "title: Plain ASCII words", "kind: meeting",
          "start: 2024-05-06", "statements:"]
    for n in needles[1:]:
        fm.append("  - { person: { name: Speaker }, text: %s }" % json.dumps(n, ensure_ascii=False))
    fm += ["sources:", "  - { title: Source, url: %s }" % json.dumps(url), "---",
           "Soft hy\u00adphen and " + needles[1] + "."]
    with open(ev, "w", encoding="utf-8") as f:
        f.write("\n".join(fm) + "\n")
    pdf = render(cli, [ev], os.path.join(out, "o"))
    p = run(["qpdf", "--check", pdf], check=False)
    if p.returncode != 0:
        fail("qpdf --check: " + p.stdout)
    flat = squash(text_of(pdf))
    for n in needles + [url]:
        if squash(n) not in flat:
            fail("%r does not come back from pdftotext" % n)
    # the soft hyphen is not drawn as a hyphen ("hyphen" glyph name)
    if "hy-phen" in flat:
        fail("the soft hyphen became a visible hyphen")
    uris, _ = annotations(pdf)
    if url not in uris:
        fail("no link annotation for %s" % url)

    fonts = [l.split() for l in run(["pdffonts", pdf]).stdout.splitlines()[2:] if l.strip()]
    for cols in fonts:
        if len(cols) < 7 or cols[-5] != "yes":
            fail("font not embedded: %s" % " ".join(cols))
    types = " ".join(" ".join(c[1:-5]) for c in fonts)
    if "CID TrueType" not in types:
        fail("no Type0 font for Armenian, Georgian and Chinese: %s" % types)
    if not re.search(r"(^| )TrueType", types):
        fail("no single-byte TrueType font: %s" % types)
    # one font file per face: every font descriptor of a face is the same
    j = json.loads(run(["qpdf", "--json=1", "--json-key=objects", pdf]).stdout)
    files = {}
    for v in j["objects"].values():
        if isinstance(v, dict) and v.get("/Type") == "/FontDescriptor":
            face = v["/FontName"].split("+")[-1]
            files.setdefault(face, set()).add(v.get("/FontFile2"))
    for face, refs in files.items():
        if len(refs) != 1:
            fail("face %s has %d font files" % (face, len(refs)))
    if not files:
        fail("no font descriptor")
    # ASCII text is written as a literal string (1 byte a glyph), not hex
    qdf = os.path.join(out, "qdf.pdf")
    run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf])
    if b"(Plain ASCII words) Tj" not in open(qdf, "rb").read():
        fail("the ASCII title is not a literal string in the page content")


def main():
    mode, cli, inp, out = sys.argv[1:5]
    if mode == "briefing":
        mode_briefing(cli, inp, out)
    elif mode == "single":
        mode_single(cli, inp, out)
    elif mode == "russian":
        mode_russian(cli, inp, out, sys.argv[5])
    elif mode == "bad-template":
        mode_bad_template(cli, inp, out)
    elif mode == "hostile":
        mode_hostile(cli, inp, out)
    elif mode == "compact":
        mode_compact(cli, inp, out)
    elif mode == "scripts":
        mode_scripts(cli, inp, out)
    elif mode == "commonmark":
        mode_commonmark(cli, inp, out)
    else:
        raise SystemExit("unknown mode " + mode)
    if FAILS:
        print("%d failure(s)" % len(FAILS), file=sys.stderr)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
