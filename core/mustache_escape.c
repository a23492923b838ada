/* mustache_escape.c - how {{name}} escapes data (docs/MUSTACHE.md).
 *
 * HTML: the spec's four entities. Markdown: data must read back from cmark
 * as the same literal text and never create structure, wherever the template
 * puts it (line start, heading, link text, link destination). */
#include "mustache_internal.h"

#include <string.h>

/* Both escapers reserve once (HTML: the exact size; Markdown: the worst
 * case, 2x) and write straight into the buffer: appending byte by byte (a
 * reserve per byte) was most of their cost, and data is most of a digest. */
static void escape_html(dossier_buf *b, const char *s, size_t len)
{
    size_t i, run = 0, extra = 0;
    char *o;
    /* exact size first: a worst-case reserve (6x) would bloat the buffer */
    for (i = 0; i < len; i++) {
        switch (s[i]) {
        case '&': extra += 4; break;
        case '<': case '>': extra += 3; break;
        case '"': extra += 5; break;
        default: break;
        }
    }
    if (len > ((size_t)-1) / 8) {
        b->failed = 1;
        return;
    }
    if (dossier_buf_reserve(b, len + extra) != 0)
        return;
    o = b->data + b->len;
    for (i = 0; i < len; i++) {
        const char *rep;
        size_t rlen;
        switch (s[i]) {
        case '&': rep = "&amp;"; rlen = 5; break;
        case '<': rep = "&lt;"; rlen = 4; break;
        case '>': rep = "&gt;"; rlen = 4; break;
        case '"': rep = "&quot;"; rlen = 6; break;
        default: continue;
        }
        memcpy(o, s + run, i - run);
        o += i - run;
        memcpy(o, rep, rlen);
        o += rlen;
        run = i + 1;
    }
    if (len > run) {
        memcpy(o, s + run, len - run);
        o += len - run;
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
}

/* What escape_markdown does with a byte inside data. */
enum { MD_PLAIN = 0, MD_ALWAYS, MD_WS };

/* MD_ALWAYS: escaped wherever they occur: inline syntax (emphasis, code,
 * links, images, autolinks, raw HTML, entities, hard breaks), ATX closing
 * '#', link destination parentheses, and the GFM extensions (tables,
 * strikethrough) so output stays literal under those renderers too.
 * MD_WS: blanks, folded below. One table lookup per byte. */
static const unsigned char md_class[256] = {
    ['\\'] = MD_ALWAYS, ['`'] = MD_ALWAYS, ['*'] = MD_ALWAYS, ['_'] = MD_ALWAYS,
    ['{'] = MD_ALWAYS, ['}'] = MD_ALWAYS, ['['] = MD_ALWAYS, [']'] = MD_ALWAYS,
    ['('] = MD_ALWAYS, [')'] = MD_ALWAYS, ['#'] = MD_ALWAYS, ['!'] = MD_ALWAYS,
    ['<'] = MD_ALWAYS, ['>'] = MD_ALWAYS, ['|'] = MD_ALWAYS, ['~'] = MD_ALWAYS,
    ['&'] = MD_ALWAYS,
    [' '] = MD_WS, ['\t'] = MD_WS, ['\n'] = MD_WS, ['\r'] = MD_WS,
};

/* Block markers only matter at the start of a line, and the only line start
 * inside escaped data is its first character (newlines are folded). */
static int md_leading(char c)
{
    return c == '-' || c == '+' || c == '=' || c == '.';
}

static int is_ws(char c) { return md_class[(unsigned char)c] == MD_WS; }

static void escape_markdown(dossier_buf *b, const char *s, size_t len)
{
    size_t i = 0, end = len, digits;
    char *o;
    /* Leading/trailing blanks would make an indented code block, a hard
     * break ("two spaces + newline") or vanish anyway. */
    while (i < end && is_ws(s[i]))
        i++;
    while (end > i && is_ws(s[end - 1]))
        end--;
    if (i == end)
        return;
    /* at most a backslash per byte */
    if (end - i > ((size_t)-1) / 4) {
        b->failed = 1;
        return;
    }
    if (dossier_buf_reserve(b, 2 * (end - i)) != 0)
        return;
    o = b->data + b->len;
    /* "1." / "1)" starts an ordered list: escape the delimiter. */
    for (digits = 0; i + digits < end && s[i + digits] >= '0' &&
                     s[i + digits] <= '9'; digits++)
        ;
    if (digits > 0 && digits <= 9 && i + digits < end &&
        (s[i + digits] == '.' || s[i + digits] == ')')) {
        memcpy(o, s + i, digits);
        o += digits;
        *o++ = '\\';
        *o++ = s[i + digits];
        i += digits + 1;
    } else if (md_leading(s[i])) {
        *o++ = '\\';
        *o++ = s[i];
        i++;
    }
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        unsigned k = md_class[c];
        if (k == MD_PLAIN) { /* most bytes: one load, one test, one store */
            *o++ = (char)c;
            i++;
        } else if (k == MD_ALWAYS) {
            *o++ = '\\';
            *o++ = (char)c;
            i++;
        } else if (c == ' ' && (i + 1 == end || !is_ws(s[i + 1]))) {
            *o++ = ' '; /* a lone space, the usual blank */
            i++;
        } else {
            /* A run of whitespace holding a line break becomes one space:
             * data can never end a paragraph, start a block or make a hard
             * break ("two spaces + newline"). */
            size_t j = i;
            int nl = 0;
            while (j < end && is_ws(s[j])) {
                nl |= s[j] == '\n' || s[j] == '\r';
                j++;
            }
            if (nl) {
                *o++ = ' ';
            } else {
                memcpy(o, s + i, j - i);
                o += j - i;
            }
            i = j;
        }
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
}

void dossier_mst_escape(dossier_buf *b, const char *s, size_t len,
                        dossier_escape mode)
{
    switch (mode) {
    case DOSSIER_ESCAPE_HTML:
        escape_html(b, s, len);
        break;
    case DOSSIER_ESCAPE_MARKDOWN:
        escape_markdown(b, s, len);
        break;
    default:
        dossier_buf_append(b, s, len);
        break;
    }
}
