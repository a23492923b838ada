#!/usr/bin/python3
"""Checks the page content the pdf plugin writes itself (pdf_content.c)
through the real CLI; helpers shared with check_pdf.py.

usage: check_content.py CLI OUTDIR
"""
import base64
import json
import os
import re
import shutil
import struct
import sys

from check_pdf import FAILS, fail, render, run, squash, text_of

# ---- the page content the plugin writes itself (pdf_content.c) ----

CS_OPS = {"BT": "", "ET": "", "Tf": "nN", "Td": "NN", "Tj": "s", "rg": "NNN",
          "RG": "NNN", "w": "N", "re": "NNNN", "f": "", "S": ""}
NUM_RE = re.compile(rb"-?[0-9]+(\.[0-9]*[1-9])?$")


def cs_tokens(data):
    """Tokens of a content stream as the plugin writes them: numbers with at
    most 5 decimals and no trailing zeros, /names, literal strings with only
    \\\\ \\( \\) and octal escapes (no raw control bytes), uppercase hex
    strings of 4-digit groups, operators. Raises ValueError otherwise."""
    i, n = 0, len(data)
    while i < n:
        c = data[i:i + 1]
        if c in b" \n":
            i += 1
        elif c == b"(":
            out, i = bytearray(), i + 1
            while True:
                if i >= n:
                    raise ValueError("unterminated string")
                b = data[i]
                if b == 0x5C:
                    e = data[i + 1:i + 2]
                    if e in (b"\\", b"(", b")"):
                        out.append(e[0])
                        i += 2
                    elif re.match(rb"[0-7]{3}", data[i + 1:i + 4]):
                        out.append(int(data[i + 1:i + 4], 8))
                        i += 4
                    else:
                        raise ValueError("bad escape %r" % data[i:i + 4])
                elif b == 0x29:
                    i += 1
                    break
                elif b == 0x28 or b < 0x20:
                    raise ValueError("unescaped byte %d in a string" % b)
                else:
                    out.append(b)
                    i += 1
            yield ("s", bytes(out))
        elif c == b"<":
            j = data.index(b">", i)
            h = data[i + 1:j]
            if not re.fullmatch(rb"([0-9A-F]{4})+", h):
                raise ValueError("bad hex string %r" % h[:40])
            yield ("h", bytes.fromhex(h.decode()))
            i = j + 1
        else:
            j = i
            while j < n and data[j:j + 1] not in b" \n()<":
                j += 1
            w = data[i:j]
            if w.startswith(b"/"):
                yield ("n", w[1:].decode())
            elif NUM_RE.match(w):
                if b"." in w and len(w.split(b".")[1]) > 5:
                    raise ValueError("number %r" % w)
                yield ("N", float(w))
            elif w.decode() in CS_OPS:
                yield ("op", w.decode())
            else:
                raise ValueError("unknown token %r" % w[:40])
            i = j


def cs_check(data, fonts_of_page, where):
    """Checks one content stream; returns [(font ref, bytes shown)]."""
    shown, args, in_text, font = [], [], False, None
    try:
        for kind, v in cs_tokens(data):
            if kind != "op":
                args.append((kind, v))
                continue
            sig = CS_OPS[v]
            kinds = "".join("s" if k in "sh" else k for k, _ in args)
            if kinds != sig:
                raise ValueError("%s with operands %r" % (v, args))
            if v == "BT":
                if in_text:
                    raise ValueError("BT inside BT")
                in_text = True
            elif v == "ET":
                if not in_text:
                    raise ValueError("ET outside BT")
                in_text = False
            elif v in ("Tf", "Td", "Tj") and not in_text:
                raise ValueError(v + " outside BT")
            elif v in ("re", "f", "S", "w") and in_text:
                raise ValueError(v + " inside BT")
            if v == "Tf":
                if args[0][1] not in fonts_of_page:
                    raise ValueError("font /%s not in the page's resources" % args[0][1])
                font = fonts_of_page[args[0][1]]
            elif v == "Tj":
                if font is None:
                    raise ValueError("Tj before Tf")
                shown.append((font, args[0][0], args[0][1]))
            elif v in ("rg", "RG") and not all(0 <= a[1] <= 1 for a in args):
                raise ValueError("colour out of range %r" % args)
            args = []
        if args or in_text:
            raise ValueError("stream ends with %r, in text %s" % (args, in_text))
    except ValueError as e:
        fail("%s: %s" % (where, e))
    return shown


def glyph_lengths(font_file):
    """Length of each glyph's outline in a TrueType font (loca)."""
    ntab = struct.unpack(">H", font_file[4:6])[0]
    tabs = {}
    for k in range(ntab):
        tag, _, off, ln = struct.unpack(">4sIII", font_file[12 + 16 * k:28 + 16 * k])
        tabs[tag] = (off, ln)
    head = tabs[b"head"][0]
    long_loca = struct.unpack(">h", font_file[head + 50:head + 52])[0] == 1
    off, ln = tabs[b"loca"]
    if long_loca:
        loca = struct.unpack(">%dI" % (ln // 4), font_file[off:off + ln])
    else:
        loca = [2 * x for x in struct.unpack(">%dH" % (ln // 2), font_file[off:off + ln])]
    return [loca[k + 1] - loca[k] for k in range(len(loca) - 1)]


def mode_content(cli, _inp, out):
    """Page content written by the plugin itself (pdf_content.c, packed by
    pdf_pack.c): every content stream of every page is deflated and parses
    as the operators the writer emits; text in code-page fonts and in the
    Type0 font comes back from pdftotext; every code drawn in a simple font
    has its /Widths entry and every glyph drawn in the Type0 font is in the
    embedded subset (the same libharu call records both, so a code the
    writer forgot to measure would show here); each page's number is in its
    second content stream."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    needles = [
        "Η Δημοκρατία μας και το Ωδείο Αθηνών", "Zażółć gęślą jaźń",
        "Ђорђе Јовановић", "Հայաստան", "საქართველო", "北京 and Hà Nội",
        "5 µm, € 20 — “quoted” … • → ±",
        "back\\slash (paren) ((nested)) )( %percent",
    ]
    ev = os.path.join(out, "content.md")
    fm = ["---", "id: content", "title: Content (stream) check", "kind: meeting",
          "start: 2024-05-06", "statements:"]
    for t in needles:
        fm.append("  - { person: { name: Speaker }, text: %s }" % json.dumps(t, ensure_ascii=False))
    body = []
    for k in range(40):  # several pages: packing and the page-number stream
        body.append("Paragraph %d of *the* **narrative** with `code` and %s." %
                    (k, needles[k % len(needles)]))
        if k % 10 == 3:
            body.append("```\nfenced code block\n    with indentation\n```")
        if k % 10 == 6:
            body.append("> A quotation with a bar beside it, %s." % needles[k % 3])
    fm += ["---", "\n\n".join(body)]
    with open(ev, "w", encoding="utf-8") as f:
        f.write("\n".join(fm) + "\n")
    pdf = render(cli, [ev], os.path.join(out, "o"))
    p = run(["qpdf", "--check", pdf], check=False)
    if p.returncode != 0:
        fail("qpdf --check: " + p.stdout)
    flat = squash(text_of(pdf))
    for t in needles:
        if squash(t) not in flat:
            fail("%r does not come back from pdftotext" % t)

    raw = json.loads(run(["qpdf", "--json=1", "--json-key=objects", pdf]).stdout)["objects"]
    j2 = json.loads(run(["qpdf", "--json=2", "--json-key=qpdf",
                         "--json-stream-data=inline", pdf]).stdout)["qpdf"][1]

    def data(ref):
        return base64.b64decode(j2["obj:" + ref]["stream"]["data"])

    pages = json.loads(run(["qpdf", "--json=1", "--json-key=pages", pdf]).stdout)["pages"]
    if len(pages) < 3:
        fail("only %d pages: the test wants several" % len(pages))
    shown = []
    for pg in pages:
        n = pg["pageposfrom1"]
        res = raw[pg["object"]]["/Resources"]
        if isinstance(res, str):
            res = raw[res]
        fonts = res.get("/Font", {})
        if isinstance(fonts, str):
            fonts = raw[fonts]
        fonts = {k[1:]: v for k, v in fonts.items()}
        streams = pg["contents"]
        for ref in streams:
            if raw[ref].get("/Filter") != "/FlateDecode":
                fail("page %d: content stream %s is not deflated" % (n, ref))
            shown += cs_check(data(ref), fonts, "page %d, %s" % (n, ref))
        if n > 1:  # the cover has no header
            if len(streams) != 2:
                fail("page %d has %d content streams, not 2" % (n, len(streams)))
            elif b"(Page %d of %d) Tj" % (n, len(pages)) not in data(streams[1]):
                fail("page %d: no page number in its second stream" % n)
    if not shown:
        fail("no text shown")

    simple = type0 = checked = 0
    glyphs = {}
    for font, kind, b in shown:
        f = raw[font]
        if f.get("/Subtype") == "/TrueType":
            simple += 1
            if kind != "s":
                fail("hex string in simple font %s" % font)
            widths, first = f["/Widths"], f["/FirstChar"]
            for code in set(b):
                if code < first or widths[code - first] <= 0:
                    fail("font %s: code %d drawn without a width" % (font, code))
        elif f.get("/Subtype") == "/Type0":
            type0 += 1
            if kind != "h":
                fail("literal string in Type0 font %s" % font)
            desc = raw[f["/DescendantFonts"][0]]
            fd = raw[desc["/FontDescriptor"]]
            if desc["/FontDescriptor"] not in glyphs:
                glyphs[desc["/FontDescriptor"]] = (
                    glyph_lengths(data(fd["/FontFile2"])), data(desc["/CIDToGIDMap"]))
            lengths, cid2gid = glyphs[desc["/FontDescriptor"]]
            for k in range(0, len(b), 2):
                cid = b[k] << 8 | b[k + 1]
                gid = cid2gid[2 * cid] << 8 | cid2gid[2 * cid + 1]
                # gid 0: the font has no such glyph (DejaVu and CJK)
                if cid > 0x20 and gid and lengths[gid] == 0:
                    fail("U+%04X drawn in %s: glyph %d not in the embedded font" %
                         (cid, font, gid))
                elif cid > 0x20 and gid:
                    checked += 1
    if not simple or not type0 or not checked:
        fail("text in simple fonts: %d runs, in Type0: %d, Type0 glyphs checked: %d" %
             (simple, type0, checked))


def main():
    cli, out = sys.argv[1:3]
    mode_content(cli, None, out)
    if FAILS:
        print("%d failure(s)" % len(FAILS), file=sys.stderr)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
