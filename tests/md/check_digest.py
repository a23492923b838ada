#!/usr/bin/python3
"""Checks the Markdown/HTML digest through the real CLI, reading it back with
the cmark CLI (`cmark --to xml`, `cmark --to commonmark`).

    check_digest.py MODE CLI INPUT OUTDIR [TEMPLATES]

MODE:
  digest    every event title is a level-2 heading, every source URL a link
            with the exact destination, every quotation a block quote with
            its speaker, summaries and the participant index present, the
            round trip stable, the html plugin (and -O md.format=html) the
            same digest with the same <h2> headings
  hostile   as digest, plus: the AST holds only the template's structure
            (no emphasis, code, HTML, images or extra headings/links from
            data) and data text survives literally
  template  a copy of TEMPLATES edited in a temp --template-dir (and via
            -O md.template / -O md.partials) changes the output, no rebuild
  errors    a missing or broken template fails the render with a message
  chunks    on a generated dossier (INPUT = bench/gen_dossier.py, written
            to OUTDIR/in): the chunked normalisation (docs/DIGEST.md) gives
            exactly cmark's whole-document round trip of the template's
            output, one pass per chunk is already a fixed point (-O
            md.verify=1), the participant index is cut into pieces, and
            templates that cannot be cut (link reference definitions, a
            fence across a "## " line, a loose list) take the whole-document
            path with the same result
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://commonmark.org/xml/1.0}"
INDEX_HEADING = "Index of participants"


def fail(msg):
    sys.stderr.write("FAIL: %s\n" % msg)
    sys.exit(1)


def run(args, expect=0):
    p = subprocess.run(args, capture_output=True, text=True)
    if expect is not None and p.returncode != expect:
        fail("%s exited %d (expected %d)\nstdout:\n%s\nstderr:\n%s" %
             (" ".join(args), p.returncode, expect, p.stdout, p.stderr))
    return p


def render(cli, inputs, outdir, fmt, *opts):
    if os.path.isdir(outdir):
        shutil.rmtree(outdir)
    args = [cli, "render"] + inputs + ["-f", fmt, "-o", outdir]
    for o in opts:
        args += [o]
    run(args)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def cmark(text, to):
    p = subprocess.run(["cmark", "--to", to, "--width", "0"], input=text,
                       capture_output=True, text=True, check=True)
    return p.stdout


def ast(text):
    return ET.fromstring(cmark(text, "xml"))


def tag(el):
    return el.tag[len(NS):] if el.tag.startswith(NS) else el.tag


def text_of(el):
    """Plain text of a node: text/code literals, softbreaks as spaces."""
    out = []
    for n in el.iter():
        t = tag(n)
        if t in ("text", "code", "html_inline"):
            out.append(n.text or "")
        elif t in ("softbreak", "linebreak"):
            out.append(" ")
    return "".join(out)


def ws(s):
    return " ".join((s or "").split())


def url_after_cmark(url):
    """The destination the digest must hold for a source URL: the plugin
    percent-encodes whitespace, controls, '<' and '>' and empties dangerous
    schemes (as cmark's HTML renderer does)."""
    if re.match(r"(?i)(javascript|vbscript|file|data):", url):
        return ""
    return re.sub(r"[\x00-\x20\x7f<>]",
                  lambda m: "%%%02X" % ord(m.group()), url)


def check_structure(md, model):
    doc = ast(md)
    heads = [(int(h.get("level")), text_of(h)) for h in doc.iter(NS + "heading")]
    want = [(1, ws(model["title"]))]
    want += [(2, ws(e["title"])) for e in model["events"]]
    want += [(2, INDEX_HEADING)]
    if heads != want:
        fail("headings differ:\n got  %r\n want %r" % (heads, want))

    # Each event's section: the nodes between its heading and the next.
    blocks = list(doc)
    sections, cur = [], None
    for b in blocks:
        if tag(b) == "heading" and b.get("level") == "2":
            cur = []
            sections.append(cur)
        elif cur is not None:
            cur.append(b)
    if len(sections) != len(model["events"]) + 1:
        fail("expected one section per event plus the index")

    for ev, sec in zip(model["events"], sections):
        name = ev["id"]
        alltext = ws(" ".join(text_of(b) for b in sec))
        # dates and place
        if ev["dates"] not in alltext:
            fail("%s: dates %r missing" % (name, ev["dates"]))
        loc = ev["location"]["text"]
        if loc and ws(loc) not in alltext:
            fail("%s: place %r missing" % (name, loc))
        # summary, as a paragraph of its own
        if ev["summary"]:
            paras = [ws(text_of(b)) for b in sec if tag(b) == "paragraph"]
            if ws(ev["summary"]) not in paras:
                fail("%s: summary paragraph missing:\n%r\nin %r" %
                     (name, ev["summary"], paras))
        # quotations: a block quote each, text then attribution
        quotes = [b for b in sec if tag(b) == "block_quote"]
        if len(quotes) != len(ev["statements"]):
            fail("%s: %d block quotes for %d statements" %
                 (name, len(quotes), len(ev["statements"])))
        for st, q in zip(ev["statements"], quotes):
            paras = [ws(text_of(p)) for p in q if tag(p) == "paragraph"]
            if not paras or paras[0] != ws(st["text"]):
                fail("%s: quotation %r not found, got %r" %
                     (name, st["text"], paras[:1]))
            who = ws(st["speaker"]["display_name"])
            if len(paras) < 2 or who not in paras[-1]:
                fail("%s: attribution to %r missing in %r" % (name, who, paras))
        # organizers, by role
        for org in ev["organizers"]:
            want_item = "%s: %s" % (org["role_label"], ws(org["label"]))
            if want_item not in alltext:
                fail("%s: organizer %r missing" % (name, want_item))
        # participants, by role, with the people named on each row
        for part in ev["participants"]:
            want_item = "%s: %s" % (part["role_label"], ws(part["label"]))
            if want_item not in alltext:
                fail("%s: participant %r missing" % (name, want_item))
        for part in ev["organizers"] + ev["participants"]:
            for p in part["people"]:
                who = ws(p["display_name"] + (", " + p["position"] if p["position"] else ""))
                if "· %s" % who not in alltext:
                    fail("%s: %r not listed on %s/%s" % (name, who, part["entity"], part["role"]))
        # outcomes
        for oc in ev["outcomes"]:
            if ws(oc["title"]) not in alltext:
                fail("%s: outcome %r missing" % (name, oc["title"]))
        # sources: links with the exact destination and the title as text
        links = [(l.get("destination"), ws(text_of(l))) for s in sec
                 for l in s.iter(NS + "link")]
        want_links = [(url_after_cmark(s["url"]), ws(s["title"]))
                      for s in ev["sources"] if s["url"]]
        if links != want_links:
            fail("%s: links differ:\n got  %r\n want %r" %
                 (name, links, want_links))
        for s in ev["sources"]:
            if ws(s["title"]) not in alltext:
                fail("%s: source %r missing" % (name, s["title"]))

    # The index: one item per entity; its events as sub-items.
    index = sections[-1]
    lists = [b for b in index if tag(b) == "list"]
    if len(lists) != 1:
        fail("the index should be one list, got %d" % len(lists))
    items = [i for i in lists[0] if tag(i) == "item"]
    ents = [e for e in model["entities"]]
    if len(items) != len(ents):
        fail("index: %d items for %d entities" % (len(items), len(ents)))
    for ent, item in zip(ents, items):
        first = ws(text_of(next(iter(item))))
        want_first = ws(ent["label"]) + ("" if ent["events"] else " (no events)")
        if first != want_first:
            fail("index: %r listed as %r" % (ent["label"], first))
        subs = [ws(text_of(i)) for l in item if tag(l) == "list"
                for i in l if tag(i) == "item"]
        if len(subs) != len(ent["events"]):
            fail("index %r: %d events listed, %d expected" %
                 (ent["label"], len(subs), len(ent["events"])))
        for ev, sub in zip(ent["events"], subs):
            if ws(ev["title"]) not in sub or ev["start"] not in sub:
                fail("index %r: %r not in %r" % (ent["label"], ev["title"], sub))
            for role in ev["roles"]:
                if role not in sub:
                    fail("index %r: role %r missing in %r" %
                         (ent["label"], role, sub))
    return doc


def check_round_trip(md):
    again = cmark(md, "commonmark")
    if again != md:
        fail("round trip not stable:\n%s" % "\n".join(
            "%r != %r" % (a, b) for a, b in
            zip(md.splitlines(), again.splitlines()) if a != b)[:2000])
    if not md.endswith("\n") or "\r" in md:
        fail("digest should end with one newline and use LF")


def check_html(md, html_text, md_as_html):
    if html_text != cmark(md, "html"):
        fail("html plugin output is not cmark's HTML of the md digest")
    if md_as_html != html_text:
        fail("-O md.format=html differs from the html plugin")
    h2 = [html.unescape(re.sub(r"<[^>]+>", "", h))
          for h in re.findall(r"<h2>(.*?)</h2>", html_text, re.S)]
    md_h2 = [text_of(h) for h in ast(md).iter(NS + "heading")
             if h.get("level") == "2"]
    if h2 != md_h2:
        fail("html <h2> differ:\n got  %r\n want %r" % (h2, md_h2))
    # Only the tags the template's Markdown makes; data's HTML is text.
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", html_text))
    if tags - {"h1", "h2", "p", "strong", "a", "ul", "li", "blockquote"}:
        fail("unexpected HTML tags %r" % (tags - {"h1", "h2", "p", "strong",
                                                  "a", "ul", "li",
                                                  "blockquote"}))
    if "raw HTML omitted" in html_text or 'href="javascript' in html_text:
        fail("raw HTML or a javascript: link reached the HTML digest")


def check_direct(cli, inputs, outdir, md, html_text):
    """The default template's chunks are all written without cmark
    (plugins/md/digest_direct.c), each the same text cmark writes for it
    (-O md.verify=1 runs both), and -O md.direct=0 (cmark for every chunk)
    gives the same bytes, for md and html."""
    got, path, chunks = verify_note(cli, inputs, os.path.join(outdir, "verify"))
    direct = int(verify_note.last.group(6))
    if path != "chunked" or chunks == 0 or direct != chunks:
        fail("default template: %d of %d chunks written without cmark (%s)"
             % (direct, chunks, path))
    if got != md:
        fail("-O md.verify=1 changed the digest")
    for fmt, want in (("md", md), ("html", html_text)):
        sub = os.path.join(outdir, "cmark-" + fmt)
        render(cli, inputs, sub, fmt, "-O", fmt + ".direct=0")
        if read(os.path.join(sub, "digest." + fmt)) != want:
            fail("-O %s.direct=0 (cmark for every chunk) gives a different "
                 "digest" % fmt)


def digest_all(cli, inputs, outdir, model):
    render(cli, inputs, os.path.join(outdir, "md"), "md")
    md = read(os.path.join(outdir, "md", "digest.md"))
    check_round_trip(md)
    doc = check_structure(md, model)
    render(cli, inputs, os.path.join(outdir, "html"), "html")
    html_text = read(os.path.join(outdir, "html", "digest.html"))
    render(cli, inputs, os.path.join(outdir, "mdhtml"), "md",
           "-O", "md.format=html", "-O", "md.output=digest.html")
    md_as_html = read(os.path.join(outdir, "mdhtml", "digest.html"))
    check_html(md, html_text, md_as_html)
    check_standalone(cli, inputs, outdir, model, html_text)
    check_direct(cli, inputs, outdir, md, html_text)
    return md, doc


def check_standalone(cli, inputs, outdir, model, fragment):
    """-O html.standalone=1 wraps the same fragment in a UTF-8 HTML page."""
    render(cli, inputs, os.path.join(outdir, "page"), "html",
           "-O", "html.standalone=1")
    page = read(os.path.join(outdir, "page", "digest.html"))
    m = re.fullmatch(r'<!DOCTYPE html>\n<html lang="([^"]*)">\n<head>\n'
                     r'<meta charset="utf-8">\n<title>([^<]*)</title>\n'
                     r'</head>\n<body>\n(.*)</body>\n</html>\n', page, re.S)
    if not m:
        fail("standalone page malformed:\n" + page[:300])
    if html.unescape(m.group(2)) != model["title"]:
        fail("page title %r != %r" % (m.group(2), model["title"]))
    if m.group(1) != model["language"] or m.group(3) != fragment:
        fail("standalone page: wrong lang or body differs from the fragment")


def mode_digest(cli, inputs, outdir):
    model = json.loads(run([cli, "dump"] + inputs).stdout)
    if not model["events"]:
        fail("no events in %r" % inputs)
    md, _ = digest_all(cli, inputs, outdir, model)
    if any(p["id"] == "umarov" for p in model["people"]):
        want = ("- Delegation: Tajikistan · Mansurjon Umarov, "
                "Deputy Head of Tajikistan’s State Committee on National Security\n")
        if want not in md:
            fail("the samples digest lacks Umarov on Tajikistan's delegation line")


def mode_hostile(cli, inputs, outdir):
    model = json.loads(run([cli, "dump"] + inputs).stdout)
    md, doc = digest_all(cli, inputs, outdir, model)
    # Only structure the template writes: no emphasis/code/HTML/images/
    # breaks from data. `strong` is the template's bold dates.
    allowed = {"document", "heading", "paragraph", "text", "strong", "link",
               "list", "item", "block_quote", "softbreak"}
    found = {tag(n) for n in doc.iter()}
    if found - allowed:
        fail("data created structure: %r\n%s" % (found - allowed, md))
    for s in doc.iter(NS + "strong"):
        if not re.fullmatch(r"[0-9A-Za-z –]+", text_of(s)):
            fail("unexpected bold text %r" % text_of(s))
    n_links = sum(1 for _ in doc.iter(NS + "link"))
    want = sum(1 for e in model["events"] for s in e["sources"] if s["url"])
    if n_links != want:
        fail("%d links, expected %d" % (n_links, want))
    # Literal survival of a few nasty strings anywhere in the text.
    flat = ws(text_of(doc))
    for ent in model["entities"]:
        if ws(ent["label"]) not in flat:
            fail("entity %r not literal in the digest" % ent["label"])
    for probe in (model["subtitle"], model["prepared_by"],
                  model["classification"]):
        if ws(probe) not in flat:
            fail("%r not literal in the digest" % probe)


def edit(path, old, new):
    text = read(path)
    if old not in text:
        fail("%s: %r not found to edit" % (path, old))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def mode_template(cli, inputs, outdir, templates):
    base = os.path.join(outdir, "base")
    render(cli, inputs, base, "md")
    before = read(os.path.join(base, "digest.md"))

    # 1. --template-dir with an edited copy: the digest changes.
    tdir = os.path.join(outdir, "tdir")
    if os.path.isdir(tdir):
        shutil.rmtree(tdir)
    shutil.copytree(templates, tdir)
    digest = os.path.join(tdir, "md", "digest.md.mustache")
    edit(digest, "Period covered:", "Zeitraum:")
    edit(digest, "{{#events}}", "Edited template marker: {{event_count}} events.\n\n{{#events}}")
    edit(os.path.join(tdir, "md", "partials", "quote.mustache"),
         "> — {{speaker.display_name}}", "> said {{speaker.display_name}}")
    out = os.path.join(outdir, "edited")
    render(cli, inputs, out, "md", "--template-dir", tdir)
    after = read(os.path.join(out, "digest.md"))
    if after == before:
        fail("an edited template in --template-dir did not change the digest")
    model = json.loads(run([cli, "dump"] + inputs).stdout)
    if "Zeitraum:" not in after or "Period covered" in after:
        fail("edited text missing:\n" + after[:400])
    if "Edited template marker: %d events." % len(model["events"]) not in after:
        fail("edited marker missing")
    n_quotes = sum(len(e["statements"]) for e in model["events"])
    if after.count("> said ") != n_quotes:
        fail("edited partial used %d times, %d quotes" %
             (after.count("> said "), n_quotes))
    check_round_trip(after)

    # 2. Only the main template copied: partials fall back to the defaults.
    only = os.path.join(outdir, "only")
    os.makedirs(os.path.join(only, "md"), exist_ok=True)
    shutil.copy(digest, os.path.join(only, "md", "digest.md.mustache"))
    out2 = os.path.join(outdir, "only-out")
    render(cli, inputs, out2, "md", "--template-dir", only)
    text = read(os.path.join(out2, "digest.md"))
    if "Zeitraum:" not in text or "> — " not in text or "> said" in text:
        fail("partials should come from the default templates")

    # 2b. Only one partial copied and edited: it is used, and the partials
    # it lacks still come from the defaults (quotes, index).
    onep = os.path.join(outdir, "onepartial")
    os.makedirs(os.path.join(onep, "md", "partials"), exist_ok=True)
    shutil.copy(os.path.join(templates, "md", "partials", "event.mustache"),
                os.path.join(onep, "md", "partials", "event.mustache"))
    edit(os.path.join(onep, "md", "partials", "event.mustache"),
         "## {{title}}", "## {{title}}\n\nEvent partial edited.")
    out2b = os.path.join(outdir, "onepartial-out")
    render(cli, inputs, out2b, "md", "--template-dir", onep)
    text = read(os.path.join(out2b, "digest.md"))
    if text.count("Event partial edited.") != len(model["events"]):
        fail("edited event partial not used")
    if text.count("> — ") != n_quotes or "## Index of participants" not in text:
        fail("partials missing from --template-dir did not fall back")

    # 3. -O md.template=PATH (partials beside it) and -O md.partials=DIR.
    own = os.path.join(outdir, "own.mustache")
    with open(own, "w", encoding="utf-8") as f:
        f.write("# Own {{title}}\n\n{{#events}}\n- {{title}}\n{{/events}}\n")
    out3 = os.path.join(outdir, "own-out")
    render(cli, inputs, out3, "md", "-O", "md.template=" + own)
    text = read(os.path.join(out3, "digest.md"))
    if not text.startswith("# Own ") or \
            text.count("\n  - ") != len(model["events"]):
        fail("-O md.template not used:\n" + text[:400])
    pdir = os.path.join(outdir, "pdir")
    os.makedirs(pdir, exist_ok=True)
    with open(os.path.join(pdir, "event.mustache"), "w") as f:
        f.write("## Partial override {{id}}\n")
    out4 = os.path.join(outdir, "partials-out")
    render(cli, inputs, out4, "md", "-O", "md.partials=" + pdir)
    text = read(os.path.join(out4, "digest.md"))
    if text.count("## Partial override ") != len(model["events"]):
        fail("-O md.partials not used")


def mode_errors(cli, inputs, outdir):
    p = run([cli, "render"] + inputs + ["-f", "md", "-o", outdir, "-O",
             "md.template=" + os.path.join(outdir, "missing.mustache")],
            expect=1)
    if "missing.mustache" not in p.stderr:
        fail("missing template not named:\n" + p.stderr)
    broken = os.path.join(outdir, "broken.mustache")
    os.makedirs(outdir, exist_ok=True)
    with open(broken, "w") as f:
        f.write("# {{title}}\n{{#events}}\n## {{title}}\n")
    p = run([cli, "render"] + inputs + ["-f", "md", "-o", outdir, "-O",
             "md.template=" + broken], expect=1)
    if "broken.mustache" not in p.stderr:
        fail("broken template not located:\n" + p.stderr)
    if os.path.exists(os.path.join(outdir, "digest.md")):
        fail("a failed render left digest.md behind")
    p = run([cli, "render"] + inputs + ["-f", "md", "-o", outdir, "-O",
             "md.format=pdf"], expect=1)
    if "pdf" not in p.stderr:
        fail("bad md.format not reported:\n" + p.stderr)
    p = run([cli, "render"] + inputs + ["-f", "md", "-o", outdir, "-O",
             "md.direct=maybe"], expect=1)
    if "direct must be 1 or 0" not in p.stderr:
        fail("bad md.direct not reported:\n" + p.stderr)


def verify_note(cli, inputs, outdir, *opts):
    """Renders md with -O md.verify=1; returns (text, path, chunks)."""
    if os.path.isdir(outdir):
        shutil.rmtree(outdir)
    p = run([cli, "render"] + inputs + ["-f", "md", "-o", outdir, "-O",
                                        "md.verify=1"] + list(opts))
    m = re.search(r"md: (chunked|whole document); (\d+) chunks, (\d+) flagged "
                  r"risky, \d+ with a second pass, (\d+) changed by it, "
                  r"(\d+) of those not flagged risky; (\d+) written without "
                  r"cmark, (\d+) of those differing from cmark", p.stderr)
    if not m:
        fail("no verify note:\n" + p.stderr)
    if m.group(5) != "0":
        fail("a chunk not flagged risky changed on its second pass: "
             + m.group(0))
    if m.group(7) != "0":
        fail("a chunk written without cmark differs from cmark's: "
             + m.group(0))
    verify_note.last = m
    return read(os.path.join(outdir, "digest.md")), m.group(1), int(m.group(2))


def whole_reference(cli, inputs, template, partials):
    """cmark's fixed point of the whole template output: the old path."""
    args = [cli, "template", template, "--escape", "markdown"]
    if partials:
        args += ["--partials", partials]
    raw = run(args + inputs).stdout
    cur = cmark(raw, "commonmark")
    for _ in range(3):
        nxt = cmark(cur, "commonmark")
        if nxt == cur:
            return cur
        cur = nxt
    fail("reference has no fixed point")


def mode_chunks(cli, gen, outdir, templates):
    inp = os.path.join(outdir, "in")
    if os.path.isdir(inp):
        shutil.rmtree(inp)
    run([DOSSIER_PY, gen, "--events", "200", "--rows", "150", "--out", inp])
    inputs = [inp]
    model = json.loads(run([cli, "dump"] + inputs).stdout)
    tmpl = os.path.join(templates, "md", "digest.md.mustache")
    partials = os.path.join(templates, "md", "partials")

    md, path, chunks = verify_note(cli, inputs, os.path.join(outdir, "v"))
    if path != "chunked":
        fail("default template not chunked")
    # one per event, the header, and the index cut into several pieces
    if chunks < len(model["events"]) + 3:
        fail("only %d chunks for %d events" % (chunks, len(model["events"])))
    render(cli, inputs, os.path.join(outdir, "plain"), "md")
    if read(os.path.join(outdir, "plain", "digest.md")) != md:
        fail("-O md.verify=1 changed the digest")
    # worker threads (-O md.threads): the same bytes whatever the number,
    # for md and html, isolated or in-process, and a bad number is refused
    html = None
    for n in ("0", "1", "3", "8"):
        for fmt in ("md", "html"):
            sub = os.path.join(outdir, "threads-%s-%s" % (fmt, n))
            render(cli, inputs, sub, fmt, "-O", "%s.threads=%s" % (fmt, n),
                   *(["--no-isolate"] if n == "3" else []))
            got = read(os.path.join(sub, "digest." + fmt))
            if fmt == "md" and got != md:
                fail("-O md.threads=%s changed the digest" % n)
            if fmt == "html":
                if html is None:
                    html = got
                elif got != html:
                    fail("-O html.threads=%s changed the html digest" % n)
    if html != cmark(md, "html"):
        fail("threaded html is not cmark's HTML of the md digest")
    r = run([cli, "render"] + inputs + ["-f", "md", "-o",
            os.path.join(outdir, "threads-bad"), "-O", "md.threads=9"],
            expect=1)
    if "threads must be a number from 0 to 8" not in r.stderr:
        fail("-O md.threads=9 not refused: " + r.stderr)
    if md != whole_reference(cli, inputs, tmpl, partials):
        fail("chunked digest differs from cmark's whole-document round trip")
    digest_all(cli, inputs, os.path.join(outdir, "all"), model)

    # Templates the chunks cannot take: each must fall back to the whole
    # document and still equal the reference.
    cases = {
        "refdef": "# {{title}}\n\n{{#events}}\n## {{title}}\n\n"
                  "See [the list][home].\n\n{{/events}}\n"
                  "[home]: https://example.org/list\n",
        "fence": "# {{title}}\n\n```\ncode\n## inside the fence\n```\n\n"
                 "{{#events}}\n## {{title}}\n\n{{/events}}",
        "loose": "# {{title}}\n\n## All\n\n{{#events}}\n- {{title}}: "
                 "{{summary}}\n\n  {{dates}}\n{{/events}}",
    }
    for name, text in cases.items():
        own = os.path.join(outdir, name + ".mustache")
        with open(own, "w", encoding="utf-8") as f:
            f.write(text)
        md, path, _ = verify_note(cli, inputs, os.path.join(outdir, name),
                                  "-O", "md.template=" + own)
        if path != "whole document":
            fail("%s: expected the whole-document path, got %s" % (name, path))
        if md != whole_reference(cli, inputs, own, None):
            fail("%s: digest differs from the whole-document round trip"
                 % name)
        # with workers the restart happens after chunks were made in them
        render(cli, inputs, os.path.join(outdir, name + "-t3"), "md",
               "-O", "md.template=" + own, "-O", "md.threads=3")
        if read(os.path.join(outdir, name + "-t3", "digest.md")) != md:
            fail("%s: -O md.threads=3 changed the whole-document digest"
                 % name)
        check_round_trip(md)
        # html restarts after its chunks were written: one page, same text
        render(cli, inputs, os.path.join(outdir, name + "-page"), "html",
               "-O", "html.template=" + own, "-O", "html.standalone=1")
        page = read(os.path.join(outdir, name + "-page", "digest.html"))
        body = page.split("<body>\n", 1)[-1].rsplit("</body>", 1)[0]
        if page.count("<!DOCTYPE") != 1 or body != cmark(md, "html"):
            fail("%s: standalone html is not one page of the md digest" % name)
    # text that starts a line with a space (an entity) changes on a second
    # pass: the chunk is flagged risky and taken to its fixed point, with
    # or without -O md.verify=1
    own = os.path.join(outdir, "risky.mustache")
    with open(own, "w", encoding="utf-8") as f:
        f.write("# {{title}}\n\n{{#events}}\n## {{title}}\n\n&#32;{{dates}}"
                "\n\n{{/events}}")
    md, path, _ = verify_note(cli, inputs, os.path.join(outdir, "risky"),
                              "-O", "md.template=" + own)
    m = verify_note.last
    if path != "chunked" or int(m.group(3)) < len(model["events"]) or \
            int(m.group(4)) < len(model["events"]):
        fail("risky chunks not found and re-passed: " + m.group(0))
    render(cli, inputs, os.path.join(outdir, "risky-plain"), "md",
           "-O", "md.template=" + own)
    if read(os.path.join(outdir, "risky-plain", "digest.md")) != md or \
            md != whole_reference(cli, inputs, own, None):
        fail("risky chunks: digest differs from the whole-document round trip")
    # a tight list of every event in one section is cut and still equal
    own = os.path.join(outdir, "tight.mustache")
    with open(own, "w", encoding="utf-8") as f:
        f.write("# {{title}}\n\n## All\n\n{{#events}}\n- {{title}}: "
                "{{summary}}{{#sources}} · {{title}}{{/sources}}\n"
                "{{/events}}\nAfter the list.\n")
    md, path, chunks = verify_note(cli, inputs, os.path.join(outdir, "tight"),
                                   "-O", "md.template=" + own)
    if path != "chunked" or chunks < 3:
        fail("tight list: %s, %d chunks" % (path, chunks))
    if md != whole_reference(cli, inputs, own, None):
        fail("tight list: digest differs from the whole-document round trip")
    render(cli, inputs, os.path.join(outdir, "tight-html"), "html",
           "-O", "html.template=" + own)
    if read(os.path.join(outdir, "tight-html", "digest.html")) != \
            cmark(md, "html"):
        fail("tight list: html is not cmark's HTML of the md digest")


DOSSIER_PY = "/usr/bin/python3"


def main():
    if len(sys.argv) < 5:
        fail(__doc__)
    mode, cli, inp, outdir = sys.argv[1:5]
    inputs = [inp]
    os.makedirs(outdir, exist_ok=True)
    if mode == "digest":
        mode_digest(cli, inputs, outdir)
    elif mode == "hostile":
        mode_hostile(cli, inputs, outdir)
    elif mode == "template":
        mode_template(cli, inputs, outdir, sys.argv[5])
    elif mode == "errors":
        mode_errors(cli, inputs, outdir)
    elif mode == "chunks":
        mode_chunks(cli, inp, outdir, sys.argv[5])
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main()
