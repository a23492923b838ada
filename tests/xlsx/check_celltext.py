#!/usr/bin/python3
"""Cell text and row heights, read back with openpyxl.

    check_celltext.py CLI OUTDIR

xlsx_text() writes most cells straight from the model and copies only text
that needs cleaning (control characters, "_xHHHH_", Excel's length limit); the
same pass counts the lines a wrapped cell takes, which set the row height.
This renders a generated dossier whose texts take both ways (ASCII, Cyrillic,
astral characters, CRLF, control characters, "_x0041_", blank lines, line
lengths one either side of a wrap, a cell over 32,767 units, thousands of
lines; control characters in the title, comments and properties too) and
checks, in streamed and in table mode:
  - every part of the file is well-formed XML;
  - every summary and quotation cell is the model's text cleaned as documented
    (docs/XLSX.md), and nothing else;
  - every data row's height is what the reference line count below gives for
    the wrapped cells actually in the row (15 points a line, at most 409).
"""
import json
import os
import shutil
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_xlsx import check, dump, finish, render  # noqa: E402

PER_60 = int(60 * 1.1) - 1  # characters per line of a 60-wide column: 65


def ref_lines(text, width):
    """The plugin's line estimate, written plainly: a character past `per` on
    a line starts a new line; '\\n' starts one; at most 1,000."""
    per = int(width * 1.1) - 1 if width > 3 else 1
    lines, col = 1, 0
    for ch in text:
        if lines >= 1000:
            break
        if ch == "\n":
            lines, col = lines + 1, 0
        else:
            col += 1
            if col > per:
                lines, col = lines + 1, 1
    return lines


def clean(text):
    """What the cell must hold: \\r dropped, other control characters but
    \\n and \\t become spaces, "_xHHHH_" gets Excel's "_x005F" escape."""
    import re
    out = "".join("" if c == "\r" else " " if ord(c) < 32 and c not in "\n\t" else c
                  for c in text)
    return re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", out)


def q(s):
    return json.dumps(s, ensure_ascii=False)


def make_input(src):
    if os.path.isdir(src):
        shutil.rmtree(src)
    os.makedirs(os.path.join(src, "events"))
    with open(os.path.join(src, "dossier.yaml"), "w", encoding="utf-8") as f:
        f.write("format: 1\ntitle: \"Cell\\x03 text\"\nclassification: \"Restricted\\x04\"\n"
                "subtitle: \"Sub\\x05\"\npeople:\n"
                "  - { id: talker, name: Long Talker, position: %s }\n"
                % q("Посол " * 20))
    events = {
        # exactly one line, and one character more in the title: two
        "2019-01-01-a": ("A" * PER_60, "B" * (PER_60 + 1), "short"),
        # three full lines and one character: four lines
        "2019-01-02-b": ("x" * (3 * PER_60 + 1), "Plain title", "one\ntwo"),
        # CRLF, a control character, "_x0041_", Cyrillic, astral characters
        "2019-01-03-c": ("line one\r\n\nline three \x01 _x0041_ " + "Ж" * 130 + "😀" * 70,
                         "Title _x00e9_ with \x02 and\r\nbreak", "tab\there"),
        # forty lines: the height stops at 409 points
        "2019-01-04-d": ("\n".join("row %d" % i for i in range(40)), "Forty", "x"),
        # only a carriage return: the cell stays empty
        "2019-01-05-e": ("\r", "Empty summary", "\n" * 1500),
        # over Excel's cell limit: cut with the marker, then counted
        "2019-01-06-f": (("Душанбе 😀 " * 4000)[:36000], "Long", "y " * 100),
        # rows whose height only the summary decides: 10 full lines; 8 full
        # lines between newlines; 9 lines of 65 astral characters (130 UTF-16
        # units each, still 65 characters), and 17,000 of them (34,000
        # units, 17,000 characters) as a quotation: over the limit, cut
        "2019-01-07-g": ("A" * (10 * PER_60), "G", "g"),
        "2019-01-08-h": ("\n".join(["B" * PER_60] * 8), "H", "h"),
        "2019-01-09-i": ("\n".join(["😀" * PER_60] * 9), "I", "😀" * 17000),
    }
    for eid, (summary, title, quote) in events.items():
        with open(os.path.join(src, "events", eid + ".md"), "w", encoding="utf-8") as f:
            f.write("---\nid: %s\ntitle: %s\nstart: %s\nsummary: %s\n"
                    "organizers: [{ entity: TJ, role: host }]\n"
                    "statements:\n  - person: talker\n    text: %s\n---\n"
                    % (eid, q(title), eid[:10], q(summary), q(quote)))


def width_of(ws, col_letter):
    # libxlsxwriter stores a width w as w + 0.7109375 (5 pixels of padding)
    return round(ws.column_dimensions[col_letter].width - 0.7109375, 4)


def expected_heights(ws):
    """Row -> expected height (None: default) from the wrapped cells read back."""
    out = {}
    for row in ws.iter_rows(min_row=2):
        most = 0
        for c in row:
            if isinstance(c.value, str) and c.alignment.wrap_text and not c.font.b:
                most = max(most, ref_lines(c.value, width_of(ws, c.column_letter)))
        out[row[0].row] = min(409.0, 15.0 * most) if most > 1 else None
    return out


def column(ws, header):
    heads = [c.value for c in ws[1]]
    check(header in heads, "%s has a %s column" % (ws.title, header))
    return heads.index(header) + 1 if header in heads else 1


def main():
    cli, out = sys.argv[1:3]
    src = os.path.join(out, "input")
    make_input(src)
    model = dump(cli, [src])
    evs = {e["id"]: e for e in model["events"]}
    books = {}
    for sub, opt in (("stream", "xlsx.tables=no"), ("tables", "xlsx.tables=yes")):
        path, err = render(cli, [src], os.path.join(out, sub), [opt])
        check(err.count("cut to Excel's cell limit") == 2,
              "%s: the long summary and quotation are cut with a warning" % sub)
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                try:
                    ET.fromstring(z.read(name))
                except ET.ParseError as e:
                    check(False, "%s: %s is well-formed XML: %s" % (sub, name, e))
        books[sub] = openpyxl.load_workbook(path)
    wb = books["stream"]
    ev_ws, st_ws = wb["Events"], wb["Statements"]
    scol, tcol = column(ev_ws, "Summary"), column(ev_ws, "Title")
    for r in range(2, ev_ws.max_row + 1):
        eid = ev_ws.cell(r, 1).value
        ev = evs[eid]
        want = clean(ev["summary"]) or None
        got = ev_ws.cell(r, scol).value
        if eid.endswith("-f"):
            check(got.endswith(" … [truncated]") and want.startswith(got[:-len(" … [truncated]")])
                  and 32000 < len(got.encode("utf-16-le")) // 2 <= 32767,
                  "the over-long summary is cut at Excel's limit with the marker")
        else:
            check(got == want, "summary of %s is %r (got %r)" % (eid, want, got))
        check(ev_ws.cell(r, tcol).value == clean(ev["title"]),
              "title of %s is %r (got %r)" % (eid, clean(ev["title"]), ev_ws.cell(r, tcol).value))
    quotes = [clean(s["text"]) for e in model["events"] for s in e["statements"]][:-1]
    qcol = column(st_ws, "Quotation")
    check([st_ws.cell(r, qcol).value for r in range(2, st_ws.max_row)] == quotes,
          "every quotation is the model's text, cleaned")
    check(wb.properties.title == "Cell  text" and wb.properties.category == "Restricted ",
          "control characters in properties are spaces: %r %r"
          % (wb.properties.title, wb.properties.category))
    check(wb["Matrix"].oddHeader.left.text == "Cell  text", "and in the page header")
    # The row heights follow the reference count, and the test can tell.
    heights = {}
    for name in ("Events", "People", "Statements", "Legend"):
        ws = wb[name]
        want = expected_heights(ws)
        for r, h in want.items():
            got = ws.row_dimensions[r].ht
            check(got == h, "%s row %d height %r (expected %r)" % (name, r, got, h))
        heights[name] = {r: ws.row_dimensions[r].ht for r in want}
    ev_rows = {ev_ws.cell(r, 1).value: r for r in range(2, ev_ws.max_row + 1)}
    # (rows the summary alone decides: the file path column wraps too, and
    # its length depends on the build tree)
    check(ev_ws.row_dimensions[ev_rows["2019-01-04-d"]].ht == 409.0, "forty lines stop at 409 points")
    for eid, h in (("2019-01-07-g", 150.0), ("2019-01-08-h", 120.0), ("2019-01-09-i", 135.0)):
        got = ev_ws.row_dimensions[ev_rows[eid]].ht
        check(got == h, "row of %s is %r points high (got %r)" % (eid, h, got))
    emoji = st_ws.cell(st_ws.max_row, qcol).value
    check(emoji.endswith(" … [truncated]") and len(emoji.encode("utf-16-le")) // 2 <= 32767,
          "17,000 astral characters (34,000 units) are cut at Excel's limit")
    # Table mode: same cells (openpyxl decodes "_x005F_" in shared strings
    # only) and the same heights.
    tb = books["tables"]
    for name in ("Events", "People", "Statements", "Legend"):
        a, b = wb[name], tb[name]
        same = all((x.value.replace("_x005F_", "_") if isinstance(x.value, str) else x.value) == y.value
                   for ra, rb in zip(a.iter_rows(), b.iter_rows()) for x, y in zip(ra, rb))
        check(same and a.max_row == b.max_row, "%s: table mode holds the same cells" % name)
        check(heights[name] == {r: b.row_dimensions[r].ht for r in heights[name]},
              "%s: table mode has the same row heights" % name)
    finish()


if __name__ == "__main__":
    main()
