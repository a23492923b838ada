#!/usr/bin/python3
"""Reads workbooks written by the xlsx plugin back with openpyxl (and
LibreOffice) and compares them with the input as `dossier dump` sees it.

    check_xlsx.py MODE CLI INPUT OUTDIR [extra...]

Modes: matrix, injection, longquote, russian, reproducible, templates, chunks,
libreoffice.
Every mode renders through the real CLI into its own OUTDIR.
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "..", "..", "templates", "xlsx")
FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)
        print("FAIL:", msg)


def finish():
    if FAILS:
        print("%d check(s) failed" % len(FAILS))
        sys.exit(1)
    print("ok")
    sys.exit(0)


def run(cmd, env=None, expect=0):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != expect:
        print("command:", " ".join(cmd))
        print(p.stdout)
        print(p.stderr)
        sys.exit("unexpected exit status %d" % p.returncode)
    return p


def render(cli, inputs, outdir, opts=(), env=None):
    if os.path.isdir(outdir):
        shutil.rmtree(outdir)
    os.makedirs(outdir)
    cmd = [cli, "render"] + list(inputs) + ["-f", "xlsx", "-o", outdir]
    for o in opts:
        cmd += ["-O", o]
    p = run(cmd, env=env)
    return os.path.join(outdir, "participants.xlsx"), p.stderr


def dump(cli, inputs):
    return json.loads(run([cli, "dump"] + list(inputs)).stdout)


def template(path=None):
    with open(path or os.path.join(TEMPLATES, "participants.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def codes_of(tmpl):
    return {role: spec["code"] for role, spec in tmpl["roles"].items()}


def sheet_name(tmpl, key, default):
    return ((tmpl.get("sheets") or {}).get(key) or {}).get("name", default)


def entity_label(e):
    if e["short"] and e["short"] != e["name"]:
        return "%s (%s)" % (e["name"], e["short"])
    return e["name"]


ORG_ROLES = {"host", "organizer", "co-organizer", "supporter", "partner"}
ROLE_ORDER = ["host", "organizer", "co-organizer", "supporter", "partner",
              "delegation", "speaker", "chair", "observer", "participant"]


def check_matrix(path, model, tmpl):
    """Every (entity, event, role) of the input and nothing else; totals."""
    codes = codes_of(tmpl)
    by_code = {c: r for r, c in codes.items()}
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    name = sheet_name(tmpl, "matrix", "Matrix")
    ws, wc = wb[name], cached[name]
    check(wb.sheetnames[0] == name, "matrix is the first sheet")
    events = model["events"]
    first = 3  # A name, B type
    last = first + len(events)  # the totals column
    # headers: date + short title, full title in a comment
    for i, ev in enumerate(events):
        cell = ws.cell(1, first + i)
        y, m, d = ev["start"].split("-")
        date = tmpl.get("header_date", "yyyy-mm-dd").replace("yyyy", y).replace("mm", m).replace("dd", d)
        check(isinstance(cell.value, str) and cell.value.startswith(date + "\n"),
              "header of %s starts with its date: %r" % (ev["id"], cell.value))
        want = ev["short_title"] or ev["title"][:20]
        check(want in cell.value.replace("\n", " ") or (ev["short_title"] is None and
              cell.value.split("\n", 1)[1][:15] == ev["title"][:15]),
              "header of %s names it: %r" % (ev["id"], cell.value))
        check(cell.comment is not None and ev["title"] in cell.comment.text,
              "comment of %s holds the full title" % ev["id"])
    check(ws.cell(1, last).value is not None, "totals column has a heading")
    # expected triples from the dump's participation index
    want = set()
    rows_expected = []
    for e in model["entities"]:
        if e["events"]:
            rows_expected.append(e)
        for ref in e["events"]:
            for role in ref["roles"]:
                want.add((e["id"], ref["id"], role))
    labels = {}
    for e in rows_expected:
        labels.setdefault(entity_label(e), []).append(e)
    got = set()
    n = len(rows_expected)
    seen_rows = []
    for r in range(2, 2 + n):
        label = ws.cell(r, 1).value
        check(label in labels, "row %d label %r is an entity with events" % (r, label))
        if label not in labels:
            continue
        e = labels[label].pop(0)
        seen_rows.append(e["id"])
        count = 0
        for i, ev in enumerate(events):
            cell = ws.cell(r, first + i)
            if cell.value is None:
                continue
            count += 1
            check(cell.data_type == "s", "matrix cell %s is a string" % cell.coordinate)
            roles = [by_code.get(c.strip()) for c in str(cell.value).split(",")]
            check(None not in roles, "cell %s holds only known codes: %r" % (cell.coordinate, cell.value))
            check(roles == sorted(roles, key=ROLE_ORDER.index),
                  "codes in %s are in role order" % cell.coordinate)
            fam = {"org" if x in ORG_ROLES else "part" for x in roles if x}
            fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fgColor else None
            colors = {"org": tmpl["families"]["organizing"]["color"],
                      "part": tmpl["families"]["participating"]["color"]}
            expect = colors[fam.pop()] if len(fam) == 1 else tmpl["families"]["mixed"]["color"]
            check(fill is not None and fill[-6:].upper() == expect[-6:].upper(),
                  "fill of %s is its family colour (%s vs %s)" % (cell.coordinate, fill, expect))
            for role in roles:
                got.add((e["id"], ev["id"], role))
        tot = ws.cell(r, last)
        check(isinstance(tot.value, str) and re.fullmatch(r"=COUNTA\(C%d:[A-Z]+%d\)" % (r, r), tot.value),
              "row total %s is a COUNTA formula: %r" % (tot.coordinate, tot.value))
        check(wc.cell(r, last).value == count,
              "row total %s caches %d (got %r)" % (tot.coordinate, count, wc.cell(r, last).value))
    check(len(seen_rows) == len(set(seen_rows)) == n, "one row per entity with events")
    check(got == want, "matrix triples equal the input: missing %s, extra %s"
          % (sorted(want - got)[:5], sorted(got - want)[:5]))
    # column totals
    tr = 2 + n
    for i, ev in enumerate(events):
        c = ws.cell(tr, first + i)
        k = len({x[0] for x in want if x[1] == ev["id"]})
        check(isinstance(c.value, str) and c.value.startswith("=COUNTA("),
              "column total %s is COUNTA: %r" % (c.coordinate, c.value))
        check(wc.cell(tr, first + i).value == k, "column total %s caches %d" % (c.coordinate, k))
    pairs = len({(x[0], x[1]) for x in want})
    check(wc.cell(tr, last).value == pairs, "grand total caches %d" % pairs)
    # layout
    check(ws.freeze_panes == "C2", "name column and header row frozen (%r)" % ws.freeze_panes)
    check(ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), "matrix has an autofilter")
    check(ws.page_setup.orientation == "landscape", "matrix prints landscape")
    # fitToWidth is omitted when 1 (the schema default)
    check(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1, "1")
          and str(ws.page_setup.fitToHeight) == "0", "matrix fits one page wide")
    check(ws.print_title_rows.replace("$", "") == "1:1" and
          ws.print_title_cols.replace("$", "") == "A:B",
          "matrix repeats header row and name columns (%r %r)" % (ws.print_title_rows, ws.print_title_cols))
    note = [ws.cell(r, 1).value for r in range(tr + 1, tr + 4)]
    check(any(isinstance(v, str) and codes["host"] in v for v in note), "code note under the matrix")
    return wb, got


def check_events(wb, model, tmpl, stream):
    ws = wb[sheet_name(tmpl, "events", "Events")]
    head = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, max_row=1 + len(model["events"])))
    check(len(rows) == len(model["events"]), "one Events row per event")
    col_start = None
    for i, h in enumerate(head):
        cells = [r[i] for r in rows]
        if all(c.value is None or isinstance(c.value, datetime.datetime) for c in cells) and \
                any(isinstance(c.value, datetime.datetime) for c in cells) and col_start is None:
            col_start = i
    check(col_start is not None, "Events has a column of real dates")
    for r, ev in zip(rows, model["events"]):
        check(r[0].value == ev["id"], "Events row for %s" % ev["id"])
        if col_start is not None:
            d = r[col_start].value
            check(isinstance(d, datetime.datetime) and d.date().isoformat() == ev["start"],
                  "start of %s is the date %s (got %r)" % (ev["id"], ev["start"], d))
            check(r[col_start].number_format == tmpl.get("date_format", "yyyy-mm-dd"),
                  "start of %s has the date format" % ev["id"])
        links = {c.hyperlink.target for c in r if c.hyperlink is not None}
        for s in ev["sources"]:
            if s["url"] and s["url"].startswith(("http://", "https://")) and "external:" not in s["url"]:
                check(s["url"] in links, "source link %s of %s is a hyperlink" % (s["url"], ev["id"]))
    names = set(wb.defined_names.keys()) if hasattr(wb.defined_names, "keys") else \
        {d.name for d in wb.defined_names.definedName}
    if stream:
        check("dossier_events" in names, "streamed workbook defines dossier_events (%s)" % names)
        check(ws.auto_filter.ref is not None, "Events has an autofilter")
    else:
        check("dossier_events" in ws.tables, "Events is an Excel table (%s)" % list(ws.tables))
    check("dossier_matrix" in names, "dossier_matrix is a defined name")


def check_props(wb, model):
    p = wb.properties
    check(p.title == model["title"], "document title is the dossier title (%r)" % p.title)
    if model["prepared_by"]:
        check(p.creator == model["prepared_by"], "document author is prepared_by (%r)" % p.creator)


def yaml_triples(folder):
    """(entity, event, role) straight from the event files' front matter,
    independent of the core's loader."""
    out = set()
    evdir = os.path.join(folder, "events")
    for name in sorted(os.listdir(evdir)):
        with open(os.path.join(evdir, name), encoding="utf-8-sig") as f:
            text = f.read()
        if name.endswith(".md"):
            text = text.split("\n---", 1)[0].split("---\n", 1)[1]
        fm = yaml.safe_load(text)
        ev = str(fm.get("id") or os.path.splitext(name)[0])
        for key in ("organizers", "participants"):
            for p in fm.get(key) or []:
                out.add((str(p["entity"]), ev, p["role"]))
    return out


def mode_matrix(cli, inp, out, extra):
    model = dump(cli, [inp])
    tmpl = template()
    for sub, opts in (("tables", ["xlsx.tables=yes"]), ("stream", ["xlsx.tables=no"])):
        path, err = render(cli, [inp], os.path.join(out, sub), opts + list(extra))
        wb, got = check_matrix(path, model, tmpl)
        src = yaml_triples(inp)
        check(got == src, "matrix equals the event files' front matter: missing %s, extra %s"
              % (sorted(src - got)[:5], sorted(got - src)[:5]))
        check_events(wb, model, tmpl, sub == "stream")
        check_props(wb, model)
        legend = wb[sheet_name(tmpl, "legend", "Legend")]
        values = [c.value for row in legend.iter_rows() for c in row if c.value is not None]
        check(model["title"] in values, "legend names the dossier")
        if model["as_of"]:
            check(datetime.datetime.fromisoformat(model["as_of"]) in values, "legend has the as-of date")
        for role, code in codes_of(tmpl).items():
            check(code in values, "legend explains code %s" % code)
        people = wb[sheet_name(tmpl, "people", "People")]
        names = {c.value for c in people["B"][1:]}
        for ev in model["events"]:
            for s in ev["statements"]:
                check(s["speaker"]["name"] in names, "speaker %s listed in People" % s["speaker"]["name"])
            registry = {x["id"]: x["name"] for x in model["people"]}
            for c in ev["contacts"]:
                name = registry[c["person"]] if c["person"] else c["name"]
                check(name in names, "contact %s listed in People" % name)
        # People named on participations: listed, and their events include
        # those events (each once, chronological, as in the model's index).
        head = [c.value for c in people[1]]
        rows = {r[1]: r for r in people.iter_rows(min_row=2, values_only=True)}
        ev_col, n_col = head.index("Events"), head.index("Event count")
        for pr in model["people"]:
            row = rows.get(pr["name"])
            check(row is not None, "person %s listed in People" % pr["name"])
            if row is None:
                continue
            want = [e["id"] for e in pr["events"]]
            check((row[ev_col] or "") == "; ".join(want) and row[n_col] == len(want),
                  "People events of %s: %r / %r, expected %r"
                  % (pr["name"], row[ev_col], row[n_col], want))
        for ev in model["events"]:
            for part in ev["organizers"] + ev["participants"]:
                for pr in part["people"]:
                    row = rows.get(pr["name"])
                    check(row is not None and ev["id"] in (row[ev_col] or ""),
                          "%s (named on %s) has %s in People" % (pr["name"], part["entity"], ev["id"]))
        if "umarov" in {x["id"] for x in model["people"]}:
            row = rows.get("Mansurjon Umarov") or ()
            check(row and row[head.index("Appears as")] == "participant"
                  and row[ev_col] == "2011-06-vienna-drug-trafficking",
                  "Umarov, never quoted, appears as participant in 2011: %r" % (row,))
        st = wb[sheet_name(tmpl, "statements", "Statements")]
        quotes = [c.value for c in st["H"][1:]]
        want = [s["text"] for ev in model["events"] for s in ev["statements"]]
        check(quotes == want, "Statements hold every quotation in event order")
    finish()


def all_cells(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    yield ws.title, c


def mode_injection(cli, inp, out, extra):
    model = dump(cli, [inp])
    tmpl = template()
    for sub, opts in (("tables", ["xlsx.tables=yes"]), ("stream", ["xlsx.tables=no"])):
        path, err = render(cli, [inp], os.path.join(out, sub), opts)
        check("file:///etc/passwd" in err and "written as text" in err,
              "a file:// source is refused as a link with a warning")
        check("longer than Excel's 2,079-character link limit" in err,
              "an over-long URL is text with a warning")
        risky = 0
        for title, c in all_cells(path):
            v = c.value
            if title == "Matrix" and c.data_type == "f":
                check(re.fullmatch(r"=(COUNTA|SUM)\([A-Z]+\d+:[A-Z]+\d+\)", v),
                      "only the plugin's totals are formulas: %s!%s %r" % (title, c.coordinate, v))
                continue
            check(c.data_type in ("s", "n", "d"), "%s!%s is data, not %s" % (title, c.coordinate, c.data_type))
            if isinstance(v, str) and v[:1] in "=+-@":
                risky += 1
                check(c.data_type == "s", "%s!%s %r is a string" % (title, c.coordinate, v))
        check(risky >= 15, "the hostile strings made it into the workbook (%d)" % risky)
        # the raw XML: well-formed everywhere, no <f> outside the Matrix totals
        with zipfile.ZipFile(path) as z:
            wbxml = z.read("xl/workbook.xml").decode()
            for name in z.namelist():
                if name.endswith((".xml", ".rels", ".vml")):
                    try:
                        ET.fromstring(z.read(name))
                    except ET.ParseError as e:
                        check(False, "%s is well-formed XML: %s" % (name, e))
            for name in z.namelist():
                if name.startswith("xl/worksheets/sheet") and name != "xl/worksheets/sheet1.xml":
                    check("<f>" not in z.read(name).decode(), "%s has no formulas" % name)
        check("Matrix" in wbxml, "sheet1 is the Matrix")
        wb = openpyxl.load_workbook(path)
        ev = model["events"][0]
        st = wb["Statements"]
        check(st["H2"].value == ev["statements"][0]["text"] and st["H2"].data_type == "s",
              "the =HYPERLINK quotation is kept verbatim as text")
        evs = wb["Events"]
        row = [c for c in evs[2]]
        check(row[1].value == ev["title"] and row[1].data_type == "s", "the = title is text")
        links = [c for c in row if c.hyperlink is not None]
        check(len(links) == 1 and links[0].hyperlink.target == "https://example.org/a?b=c&d=e",
              "only the https source is a hyperlink: %r" % [c.hyperlink.target for c in links])
        check(wb.properties.title == model["title"], "title property kept verbatim")
        aud = [c.value for c in evs[1]].index("Audience")
        # "_x0041_" is stored as "_x005F_x0041_" (Excel would decode the bare
        # form to "A"); Excel and LibreOffice decode it back to the input,
        # openpyxl 3.0 only in shared strings, not in inline ones (streaming).
        check(row[aud].value.replace("_x005F_", "_") == "; ".join(ev["audience"]),
              "markup-like text kept verbatim: %r" % row[aud].value)
        with zipfile.ZipFile(path) as z:
            raw = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/"))
        check(b"_x005F_x0041_" in raw, "literal _xHHHH_ text is escaped for Excel")
        check_matrix(path, model, tmpl)
    finish()


def mode_longquote(cli, inp, out, extra):
    # The 40,000-character fixture is generated, not stored.
    src = os.path.join(out, "input")
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(src, "events"))
    with open(os.path.join(src, "dossier.yaml"), "w", encoding="utf-8") as f:
        f.write("format: 1\ntitle: Long quotation\npeople:\n"
                "  - { id: talker, name: Long Talker }\n")
    unit = "Душанбе and Türkiye 😀 say: "  # multi-byte, astral (2 UTF-16 units)
    quote = (unit * (40000 // len(unit) + 1))[:40000]
    long_title = "Конференция по безопасности " * 130  # ~7 KB of two-byte UTF-8
    with open(os.path.join(src, "events", "2019-long.md"), "w", encoding="utf-8") as f:
        f.write("---\nid: 2019-long\ntitle: %s\nstart: 2019-01-01\n" % long_title +
                "organizers: [{ entity: TJ, role: host }]\n"
                "statements:\n  - person: talker\n    text: %s\n---\n" % json.dumps(quote, ensure_ascii=False))
    path, err = render(cli, [src], os.path.join(out, "out"))
    check("cut to Excel's cell limit" in err and "2019-long.md" in err,
          "a located warning names the cut: %r" % err)
    wb = openpyxl.load_workbook(path)
    v = wb["Statements"]["H2"].value
    units = len(v.encode("utf-16-le")) // 2
    check(v.endswith("… [truncated]"), "visible truncation marker")
    check(units <= 32767, "cell within Excel's limit (%d units)" % units)
    check(units > 32000, "the cut keeps as much as fits (%d units)" % units)
    body = v[: -len(" … [truncated]")]
    check(quote.startswith(body), "kept text is the start of the quotation")
    head = wb["Matrix"]["C1"]
    check(head.value.split("\n")[1].endswith("…") and len(head.value) < 80,
          "a long title without short_title is shortened in the heading: %r" % head.value)
    com = head.comment.text if head.comment else ""
    check(long_title.strip().startswith(com.split("\n")[0]) and 1000 < len(com.split("\n")[0]) and len(com.split("\n")[0].encode()) <= 2000,
          "the heading comment holds the title cut on a character boundary (%d chars)" % len(com.split("\n")[0]))
    check(wb["Events"]["B2"].value == long_title.strip(), "Events keeps the whole title")
    finish()


def mode_russian(cli, inp, out, extra):
    tpath = os.path.join(TEMPLATES, "participants-ru.yaml")
    tmpl = template(tpath)
    model = dump(cli, [inp])
    path, err = render(cli, [inp], out, ["xlsx.template=" + tpath])
    wb, _ = check_matrix(path, model, tmpl)
    want = [tmpl["sheets"][k]["name"] for k in ("matrix", "events", "people", "statements", "legend")]
    check(wb.sheetnames == want, "Russian sheet names %s" % wb.sheetnames)
    ev = wb[want[1]]
    check(ev["A1"].value == "Идентификатор" and ev["B1"].value == "Название", "Russian column labels")
    check(ev["F2"].number_format == "dd.mm.yyyy", "Russian date format")
    check(wb[want[0]]["A1"].value == tmpl["labels"]["matrix_entity"], "Russian matrix heading")
    check(wb.properties.subject == tmpl["labels"]["subject"], "Russian subject")
    check("warning" not in err, "the Russian template loads without warnings: %r" % err)
    # the default template is found without -O
    path2, err2 = render(cli, [inp], out + "-en")
    check(openpyxl.load_workbook(path2).sheetnames[0] == "Matrix", "default English template")
    check("not found" not in err2, "default template found through the template path")
    finish()


def mode_reproducible(cli, inp, out, extra):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    a, _ = render(cli, [inp], os.path.join(out, "a"), env=env)
    b, _ = render(cli, [inp], os.path.join(out, "b"), ["xlsx.tables=yes"], env=env)
    with open(a, "rb") as fa, open(b, "rb") as fb:
        check(fa.read() == fb.read(), "two renders with SOURCE_DATE_EPOCH are byte-identical")
    created = openpyxl.load_workbook(a).properties.created
    check(created == datetime.datetime(2023, 11, 14, 22, 13, 20), "created = SOURCE_DATE_EPOCH (%r)" % created)
    finish()


def mode_chunks(cli, inp, out, extra):
    """The matrix gathers its pairs in chunks of -O xlsx.matrix_chunk pairs
    (one pass over the events each): any chunk size, down to one row per
    chunk, gives the byte-identical workbook, in registry and name order."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    with open(os.path.join(TEMPLATES, "participants.yaml"), encoding="utf-8") as f:
        text = f.read()
    check("sort: registry" in text, "the shipped template sorts the matrix by registry")
    by_name = os.path.join(out, "by-name.yaml")
    os.makedirs(out, exist_ok=True)
    with open(by_name, "w", encoding="utf-8") as f:
        f.write(text.replace("sort: registry", "sort: name"))
    for order, topts in (("registry", []), ("name", ["xlsx.template=" + by_name])):
        for mode in ("xlsx.tables=no", "xlsx.tables=yes"):
            base, _ = render(cli, [inp], os.path.join(out, order, "default"),
                             topts + [mode], env=env)
            with open(base, "rb") as f:
                want = f.read()
            for chunk in ("1", "2", "5"):
                got, err = render(cli, [inp], os.path.join(out, order, chunk),
                                  topts + [mode, "xlsx.matrix_chunk=" + chunk], env=env)
                with open(got, "rb") as f:
                    check(f.read() == want, "%s order, %s, matrix_chunk=%s: same workbook"
                          % (order, mode, chunk))
                check("matrix_chunk" not in err, "matrix_chunk=%s accepted: %s" % (chunk, err))
    _, err = render(cli, [inp], os.path.join(out, "bad"), ["xlsx.matrix_chunk=0"], env=env)
    check("matrix_chunk=0 is not a positive number" in err, "matrix_chunk=0 warns: %r" % err)
    finish()


def mode_ziplevel(cli, inp, out, extra):
    """-O xlsx.zip_level reaches libxlsxwriter's zip entries (xlsx_zip.c
    takes the place of minizip's open call): minizip records levels 1, 2
    and 8-9 in each entry's flag bits 1-2; the default (3) compresses
    differently from libxlsxwriter's own 6; the cells never change."""
    import zipfile
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    parts = {}
    for level in ("default", "1", "2", "3", "6", "9", "0"):
        opts = [] if level == "default" else ["xlsx.zip_level=" + level]
        path, err = render(cli, [inp], os.path.join(out, level), opts, env=env)
        check("zip_level" not in err, "zip_level=%s accepted: %r" % (level, err))
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            check(z.testzip() is None, "zip_level=%s: every entry's CRC checks" % level)
            parts[level] = ({i.filename: i.compress_size for i in infos},
                            {i.flag_bits & 6 for i in infos},
                            sorted((ws, c.coordinate, repr(c.value)) for ws, c in all_cells(path)))
    want_flags = {"1": {6}, "2": {4}, "9": {2}, "3": {0}, "6": {0}, "default": {0}, "0": {0}}
    for level, (_, flags, _) in parts.items():
        check(flags == want_flags[level], "zip_level=%s: entry flags %r, want %r"
              % (level, flags, want_flags[level]))
    check(parts["default"][0] == parts["3"][0], "the default is level 3 (same entry sizes)")
    check(parts["3"][0] != parts["6"][0], "level 3 differs from libxlsxwriter's own 6")
    size = {k: sum(v[0].values()) for k, v in parts.items()}
    check(size["0"] > size["1"] > size["6"], "stored > level 1 > level 6: %r" % size)
    for level in parts:
        check(parts[level][2] == parts["6"][2], "zip_level=%s: the same cells as level 6" % level)
    _, err = render(cli, [inp], os.path.join(out, "bad"), ["xlsx.zip_level=10"], env=env)
    check("zip_level=10 is not a level from 0 to 9" in err, "zip_level=10 warns: %r" % err)
    finish()


def mode_templates(cli, inp, out, extra):
    """--template-dir lookup, column layout, and bad templates."""
    if os.path.isdir(out):
        shutil.rmtree(out)
    tdir = os.path.join(out, "tdir", "xlsx")
    os.makedirs(tdir)
    shutil.copy(os.path.join(TEMPLATES, "participants-ru.yaml"), os.path.join(tdir, "participants.yaml"))
    p = run([cli, "render", inp, "-f", "xlsx", "-o", os.path.join(out, "ru"),
             "--template-dir", os.path.join(out, "tdir")])
    wb = openpyxl.load_workbook(os.path.join(out, "ru", "participants.xlsx"))
    check(wb.sheetnames[0] == "Матрица", "--template-dir overrides the shipped template")

    custom = os.path.join(out, "custom.yaml")
    with open(custom, "w", encoding="utf-8") as f:
        f.write("""
roles:
  host: { code: HOST }
  wizard: { code: W }
sheets:
  matrix: { name: "Bad/Name", entity_label: short, sort: name, show_kind: false }
  events:
    name: Timeline
    columns: [title, { field: start, label: Began }, { field: nonsense }]
  people: { enabled: false }
labels: { matrix_entity: Who, bogus_label: x }
""")
    path, err = render(cli, [inp], os.path.join(out, "custom"), ["xlsx.template=" + custom])
    for needle in ("unknown role 'wizard'", "Bad/Name", "unknown column field 'nonsense'",
                   "unknown label 'bogus_label'"):
        check(needle in err and "custom.yaml" in err, "warning names %r in the template: %r" % (needle, err))
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Matrix", "Timeline", "Statements", "Legend"],
          "bad sheet name falls back, disabled sheet dropped: %s" % wb.sheetnames)
    ev = wb["Timeline"]
    check([c.value for c in ev[1]] == ["Title", "Began"], "columns follow the template: %r" % [c.value for c in ev[1]])
    check(isinstance(ev["B2"].value, datetime.datetime), "relabelled start column still holds dates")
    m = wb["Matrix"]
    check(m["A1"].value == "Who", "label override")
    model = dump(cli, [inp])
    names = [m.cell(r, 1).value for r in range(2, 2 + sum(1 for e in model["entities"] if e["events"]))]
    shorts = sorted((e["short"] or e["name"]) for e in model["entities"] if e["events"])
    check(sorted(names) == shorts, "entity_label: short")
    full = [e["name"] for e in sorted((e for e in model["entities"] if e["events"]), key=lambda e: e["name"].encode())]
    check(names == [(e["short"] or e["name"]) for e in sorted((e for e in model["entities"] if e["events"]),
                                                              key=lambda e: e["name"].encode())],
          "sort: name orders rows by full name (%d rows)" % len(full))
    host_cells = [c.value for row in m.iter_rows(min_row=2) for c in row[1:] if isinstance(c.value, str)]
    check(any("HOST" in v.split(", ") for v in host_cells), "custom role code used")

    p = run([cli, "render", inp, "-f", "xlsx", "-o", os.path.join(out, "missing"),
             "-O", "xlsx.template=" + os.path.join(out, "nope.yaml")], expect=1)
    check("nope.yaml" in p.stderr, "a missing template is an error naming it: %r" % p.stderr)
    check(not os.path.exists(os.path.join(out, "missing", "participants.xlsx")), "no workbook on error")
    finish()


RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def poison_cached(src, dst):
    """Copies a workbook with every cached formula result replaced by 999,
    so only a real recalculation can bring the right totals back."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1<v>999</v>", data)
            zout.writestr(item, data)


def mode_libreoffice(cli, inp, out, extra):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: skipped")
        sys.exit(77)
    inputs = [inp] + list(extra)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    jobs = []
    for k, src in enumerate(inputs):
        model = dump(cli, [src])
        for mode in ("yes", "no"):
            path, _ = render(cli, [src], os.path.join(out, "r%d%s" % (k, mode)), ["xlsx.tables=" + mode])
            poisoned = os.path.join(out, "in%d%s.xlsx" % (k, mode))
            poison_cached(path, poisoned)
            jobs.append((poisoned, model, path))
    profile = tempfile.mkdtemp(prefix="lo-xlsx-", dir=out)
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC_XCU)
    conv = os.path.join(out, "converted")
    # One soffice start for every file: it takes seconds to boot.
    p = subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", "xlsx", "--outdir", conv] + [j[0] for j in jobs],
                       capture_output=True, text=True, timeout=180)
    check(p.returncode == 0, "soffice converted the workbooks: %s %s" % (p.stdout, p.stderr))
    tmpl = template()
    for poisoned, model, original in jobs:
        got = os.path.join(conv, os.path.basename(poisoned))
        check(os.path.exists(got) and os.path.getsize(got) > 0, "LibreOffice opened %s" % poisoned)
        if not os.path.exists(got):
            continue
        wb = openpyxl.load_workbook(got, data_only=True)
        check(wb.sheetnames == openpyxl.load_workbook(original).sheetnames, "all sheets survive LibreOffice")
        ws = wb["Matrix"]
        events = model["events"]
        rows = [e for e in model["entities"] if e["events"]]
        n, first = len(rows), 3
        last = first + len(events)
        for r in range(2, 2 + n):
            filled = sum(1 for i in range(len(events)) if ws.cell(r, first + i).value is not None)
            check(ws.cell(r, last).value == filled,
                  "%s row %d total recalculated to %d (got %r)" % (poisoned, r, filled, ws.cell(r, last).value))
        for i, ev in enumerate(events):
            k = sum(1 for e in rows if any(x["id"] == ev["id"] for x in e["events"]))
            check(ws.cell(2 + n, first + i).value == k,
                  "%s column total of %s recalculated to %d" % (poisoned, ev["id"], k))
        pairs = sum(len(e["events"]) for e in rows)
        check(ws.cell(2 + n, last).value == pairs, "%s grand total %d" % (poisoned, pairs))
    finish()


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    mode, cli, inp, out = sys.argv[1:5]
    extra = sys.argv[5:]
    {"matrix": mode_matrix, "injection": mode_injection, "longquote": mode_longquote,
     "russian": mode_russian, "reproducible": mode_reproducible, "templates": mode_templates,
     "chunks": mode_chunks, "ziplevel": mode_ziplevel,
     "libreoffice": mode_libreoffice}[mode](cli, inp, out, extra)


if __name__ == "__main__":
    main()
