#!/usr/bin/python3
"""The benchmark's peer: Dossier's job done the way a coordinator would
otherwise do it, in Python with PyYAML, reportlab and openpyxl (Debian's
python3-yaml, python3-reportlab, python3-openpyxl; run with /usr/bin/python3).

    peer.py DOSSIER_DIR [-f pdf,xlsx,md] [-o OUTDIR]

Reads the same dossier (dossier.yaml + events/*.md with YAML front matter)
and writes a comparable briefing.pdf (cover, contents, one section per event
with the same fields and the narrative paragraphs), participants.xlsx
(Matrix, Events, People, Statements) and digest.md. Written reasonably:
libyaml-backed CSafeLoader, openpyxl write-only mode, reportlab platypus in
one pass (contents as internal links, no page numbers, so no multiBuild).
Not a product: no validation beyond what rendering needs.
"""
import argparse
import datetime
import glob
import html
import json
import os
import re
import sys
import time

import yaml

# ---------------------------------------------------------------- loading


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader without YAML 1.1 yes/no/on/off booleans (so NO is Norway)."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                             re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))


def country_names():
    try:
        with open("/usr/share/iso-codes/json/iso_3166-1.json",
                  encoding="utf-8") as f:
            data = json.load(f)["3166-1"]
        return {c["alpha_2"]: c.get("common_name", c["name"]) for c in data}
    except OSError:
        return {}


def load(root):
    with open(os.path.join(root, "dossier.yaml"), encoding="utf-8") as f:
        reg = yaml.load(f, Loader=Loader)
    countries = country_names()
    ents = {e["id"]: e for e in reg.get("entities", [])}
    people = {p["id"]: p for p in reg.get("people", [])}

    def entity(eid):
        e = ents.get(eid)
        if e is None:
            e = {"id": eid, "name": countries.get(eid, eid), "kind": "state"}
            ents[eid] = e
        return e

    events = []
    for path in sorted(glob.glob(os.path.join(root, "events", "*.md"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        _, front, body = text.split("---\n", 2)
        ev = yaml.load(front, Loader=Loader)
        ev["body"] = body
        ev.setdefault("end", ev["start"])
        for key in ("organizers", "participants"):
            for row in ev.get(key, []):
                row["ent"] = entity(row["entity"])
        for st in ev.get("statements", []):
            p = st["person"]
            st["who"] = p if isinstance(p, dict) else people[p]
        events.append(ev)
    events.sort(key=lambda e: (e["start"], e["end"], e["id"]))
    by_id = {e["id"]: e for e in events}
    for ev in events:
        ev["rel"] = [by_id[r] for r in ev.get("related", []) if r in by_id]
    return reg, ents, people, events


def dates(ev):
    s, e = ev["start"], ev["end"]
    if s == e:
        return "%d %s %d" % (s.day, s.strftime("%B"), s.year)
    return "%d %s – %d %s %d" % (s.day, s.strftime("%B"), e.day,
                                  e.strftime("%B"), e.year)


def label(e):
    return e.get("short") or e["name"]


def display(p):
    return ("%s %s" % (p.get("honorific", ""), p["name"])).strip()


# ---------------------------------------------------------------- markdown

def md_blocks(body):
    """Block structure a briefing needs: (kind, text) with inline Markdown
    turned into reportlab's mini-HTML. Enough for the generated narratives."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = block.split("\n")
        if block.startswith("#"):
            out.append(("h", inline(block.lstrip("#").strip())))
        elif block.startswith(">"):
            out.append(("quote", inline(" ".join(l.lstrip("> ") for l in lines))))
        elif re.match(r"^([-*+]|\d+\.) ", block):
            for l in lines:
                out.append(("li", inline(re.sub(r"^([-*+]|\d+\.) ", "", l))))
        else:
            out.append(("p", inline(" ".join(lines))))
    return out


def inline(t):
    t = html.escape(t, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"\*(.+?)\*", r"<i>\1</i>", t)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)",
                  r'<link href="\2" color="blue">\1</link>', t)


# ---------------------------------------------------------------- PDF

def write_pdf(reg, events, out):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate,
                                    Spacer, Table, TableStyle)

    fdir = "/usr/share/fonts/truetype/dejavu/"
    for name, f in (("DV", "DejaVuSans.ttf"), ("DV-B", "DejaVuSans-Bold.ttf"),
                    ("DV-I", "DejaVuSans-Oblique.ttf"),
                    ("DV-BI", "DejaVuSans-BoldOblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, fdir + f))
    pdfmetrics.registerFontFamily("DV", normal="DV", bold="DV-B",
                                  italic="DV-I", boldItalic="DV-BI")
    body = ParagraphStyle("b", fontName="DV", fontSize=9.5, leading=12.5,
                          spaceAfter=4)
    small = ParagraphStyle("s", parent=body, fontSize=8, leading=10,
                           spaceAfter=1)
    h1 = ParagraphStyle("h1", parent=body, fontName="DV-B", fontSize=15,
                        leading=18, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=body, fontName="DV-B", fontSize=11,
                        leading=14, spaceBefore=6, spaceAfter=3)
    quote = ParagraphStyle("q", parent=body, fontName="DV-I", leftIndent=14)
    li = ParagraphStyle("li", parent=body, leftIndent=12, bulletIndent=3)
    esc = lambda s: html.escape(str(s), quote=False)
    classification = reg.get("classification", "")

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("DV", 7.5)
        canvas.drawString(18 * mm, 10 * mm, classification)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    story = [Spacer(1, 60 * mm), Paragraph(esc(reg["title"]), h1)]
    if reg.get("subtitle"):
        story.append(Paragraph(esc(reg["subtitle"]), h2))
    story.append(Paragraph("%d events, %s – %s" % (
        len(events), events[0]["start"], events[-1]["end"]), body))
    story += [PageBreak(), Paragraph("Contents", h1)]
    for i, ev in enumerate(events):
        story.append(Paragraph('<a href="#ev%d">%s</a> · %s' % (
            i, esc(ev["title"]), dates(ev)), small))
    tstyle = TableStyle([("FONT", (0, 0), (-1, -1), "DV", 8),
                         ("FONT", (0, 0), (-1, 0), "DV-B", 8),
                         ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                         ("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("TOPPADDING", (0, 0), (-1, -1), 1),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    for i, ev in enumerate(events):
        story.append(PageBreak())
        story.append(Paragraph('<a name="ev%d"/>%s' % (i, esc(ev["title"])), h1))
        loc = ev.get("location", {})
        facts = [["Dates", dates(ev)],
                 ["Kind", ev.get("kind", "")],
                 ["Location", ", ".join(str(loc[k]) for k in
                                        ("venue", "city", "country") if k in loc)],
                 ["Themes", ", ".join(ev.get("themes", []))]]
        if ev.get("series"):
            facts.append(["Series", ev["series"]])
        att = ev.get("attendance")
        if att:
            facts.append(["Attendance", "%s participants, %s countries" % (
                att.get("participants", "?"), att.get("countries", "?"))])
        story.append(Table(facts, colWidths=[30 * mm, 140 * mm],
                           style=TableStyle([("FONT", (0, 0), (-1, -1), "DV", 8.5),
                                             ("FONT", (0, 0), (0, -1), "DV-B", 8.5)])))
        for key, title in (("organizers", "Organizers"),
                           ("participants", "Participants")):
            rows = ev.get(key, [])
            if rows:
                story.append(Paragraph(title, h2))
                data = [["Entity", "Role", "Level"]] + [
                    [r["ent"]["name"], r["role"], r.get("level", "")]
                    for r in rows]
                story.append(Table(data, colWidths=[115 * mm, 30 * mm, 30 * mm],
                                   style=tstyle, repeatRows=1))
        if ev.get("statements"):
            story.append(Paragraph("Statements", h2))
            for st in ev["statements"]:
                who = st["who"]
                story.append(Paragraph("“%s” — <b>%s</b>%s" % (
                    esc(st["text"]), esc(display(who)),
                    ", " + esc(who["position"]) if who.get("position") else ""),
                    quote))
        if ev.get("outcomes"):
            story.append(Paragraph("Outcomes", h2))
            for o in ev["outcomes"]:
                story.append(Paragraph("<b>%s</b> (%s, %s). %s" % (
                    esc(o["title"]), o["kind"], o.get("adopted", ""),
                    esc(o.get("summary", ""))), body))
        if ev.get("figures"):
            story.append(Paragraph("Figures", h2))
            story.append(Table([[f["label"], "{:,}".format(f["value"]),
                                 f.get("unit", ""), f.get("year", "")]
                                for f in ev["figures"]], style=tstyle))
        story.append(Paragraph("Narrative", h2))
        for kind, text in md_blocks(ev["body"]):
            if kind == "h":
                story.append(Paragraph(text, h2))
            elif kind == "li":
                story.append(Paragraph(text, li, bulletText="•"))
            else:
                story.append(Paragraph(text, quote if kind == "quote" else body))
        if ev.get("contacts"):
            story.append(Paragraph("Contacts", h2))
            for c in ev["contacts"]:
                story.append(Paragraph(esc(", ".join(
                    str(c[k]) for k in ("name", "role", "email", "city")
                    if k in c)), small))
        if ev.get("sources"):
            story.append(Paragraph("Sources", h2))
            for s in ev["sources"]:
                story.append(Paragraph(esc("%s. %s %s %s" % (
                    s["title"], s.get("publisher", ""), s.get("published", ""),
                    s.get("url", ""))), small))
        if ev["rel"]:
            story.append(Paragraph("Related", h2))
            for r in ev["rel"]:
                story.append(Paragraph(esc("%s (%s)" % (r["title"], r["start"])),
                                       small))
    doc = SimpleDocTemplate(out, pagesize=A4, title=reg["title"],
                            leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


# ---------------------------------------------------------------- XLSX

CODES = {"host": "H", "organizer": "O", "co-organizer": "C", "supporter": "S",
         "partner": "P", "delegation": "D", "speaker": "Sp", "chair": "Ch",
         "observer": "Ob", "participant": "Pa"}


def write_xlsx(reg, ents, people, events, out):
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    # Matrix: one row per entity that took part, one column per event.
    cells = {}
    order = []
    for j, ev in enumerate(events):
        for r in ev.get("organizers", []) + ev.get("participants", []):
            eid = r["ent"]["id"]
            row = cells.get(eid)
            if row is None:
                row = cells[eid] = {}
                order.append(r["ent"])
            row[j] = (row[j] + "," if j in row else "") + CODES[r["role"]]
    ws = wb.create_sheet("Matrix")
    ws.append(["Entity", "Kind", "Total"] +
              ["%s %s" % (ev["start"], ev.get("short_title") or ev["title"])
               for ev in events])
    n = len(events)
    for e in order:
        row = cells[e["id"]]
        line = [None] * n
        for j, v in row.items():
            line[j] = v
        ws.append([label(e), e.get("kind", "state"), len(row)] + line)
    ws = wb.create_sheet("Events")
    ws.append(["Id", "Title", "Kind", "Start", "End", "City", "Country",
               "Organizers", "Participants", "Themes", "Statements",
               "Outcomes", "Source"])
    for ev in events:
        loc = ev.get("location", {})
        src = ev.get("sources", [])
        ws.append([ev["id"], ev["title"], ev.get("kind"), ev["start"],
                   ev["end"], loc.get("city"), loc.get("country"),
                   "; ".join(label(r["ent"]) for r in ev.get("organizers", [])),
                   len(ev.get("participants", [])),
                   ", ".join(ev.get("themes", [])),
                   len(ev.get("statements", [])), len(ev.get("outcomes", [])),
                   src[0].get("url") if src else None])
    ws = wb.create_sheet("People")
    ws.append(["Id", "Name", "Position", "Entity", "Email", "Phone"])
    for p in people.values():
        e = ents.get(p.get("entity"))
        ws.append([p["id"], display(p), p.get("position"),
                   label(e) if e else p.get("entity"), p.get("email"),
                   p.get("phone")])
    ws = wb.create_sheet("Statements")
    ws.append(["Event", "Date", "Speaker", "Position", "Medium", "Text"])
    for ev in events:
        for st in ev.get("statements", []):
            w = st["who"]
            ws.append([ev["title"], ev["start"], display(w), w.get("position"),
                       st.get("medium"), st["text"]])
    wb.save(out)


# ---------------------------------------------------------------- MD

def write_md(reg, events, out):
    L = ["# %s" % reg["title"], ""]
    if reg.get("subtitle"):
        L += [reg["subtitle"], ""]
    L += ["Period covered: **%s – %s**" % (events[0]["start"],
                                          events[-1]["end"]), ""]
    for ev in events:
        loc = ev.get("location", {})
        L += ["## %s" % ev["title"], "",
              "*%s* · %s" % (dates(ev), ", ".join(
                  str(loc[k]) for k in ("venue", "city", "country") if k in loc)),
              ""]
        org = ev.get("organizers", [])
        if org:
            L += ["**Organizers:** " + "; ".join(
                "%s (%s)" % (label(r["ent"]), r["role"]) for r in org), ""]
        part = ev.get("participants", [])
        if part:
            L += ["**Participants:** " + "; ".join(
                label(r["ent"]) for r in part), ""]
        for st in ev.get("statements", []):
            L += ["> %s" % st["text"], ">", "> — %s" % display(st["who"]), ""]
        L += [ev["body"].strip(), ""]
        for s in ev.get("sources", []):
            if s.get("url"):
                L.append("- [%s](<%s>)" % (s["title"], s["url"]))
        L.append("")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def main():
    ap = argparse.ArgumentParser(description="Python peer of dossier render")
    ap.add_argument("input")
    ap.add_argument("-f", "--formats", default="pdf,xlsx,md")
    ap.add_argument("-o", "--outdir", default=".")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print per-step seconds on stderr")
    a = ap.parse_args()
    t0 = time.perf_counter()
    reg, ents, people, events = load(a.input)
    steps = [("load", time.perf_counter() - t0)]
    os.makedirs(a.outdir, exist_ok=True)
    for fmt in a.formats.split(","):
        t = time.perf_counter()
        if fmt == "pdf":
            write_pdf(reg, events, os.path.join(a.outdir, "briefing.pdf"))
        elif fmt == "xlsx":
            write_xlsx(reg, ents, people, events,
                       os.path.join(a.outdir, "participants.xlsx"))
        elif fmt == "md":
            write_md(reg, events, os.path.join(a.outdir, "digest.md"))
        else:
            sys.exit("unknown format " + fmt)
        steps.append((fmt, time.perf_counter() - t))
    if a.verbose:
        print(" ".join("%s=%.2fs" % s for s in steps), file=sys.stderr)


if __name__ == "__main__":
    main()
