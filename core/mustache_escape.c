/* mustache_escape.c - how {{name}} escapes data (docs/MUSTACHE.md).
 *
 * HTML: the spec's four entities. Markdown: data must read back from cmark
 * as the same literal text and never create structure, wherever the template
 * puts it (line start, heading, link text, link destination). */
#include "mustache_internal.h"

static void escape_html(dossier_buf *b, const char *s, size_t len)
{
    size_t i, run = 0;
    for (i = 0; i < len; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        default: continue;
        }
        dossier_buf_append(b, s + run, i - run);
        dossier_buf_puts(b, rep);
        run = i + 1;
    }
    dossier_buf_append(b, s + run, len - run);
}

/* Escaped wherever they occur: inline syntax (emphasis, code, links, images,
 * autolinks, raw HTML, entities, hard breaks), ATX closing '#', link
 * destination parentheses, and the GFM extensions (tables, strikethrough)
 * so output stays literal under those renderers too. */
static int md_always(char c)
{
    switch (c) {
    case '\\': case '`': case '*': case '_': case '{': case '}': case '[':
    case ']': case '(': case ')': case '#': case '!': case '<': case '>':
    case '|': case '~': case '&':
        return 1;
    default:
        return 0;
    }
}

/* Block markers only matter at the start of a line, and the only line start
 * inside escaped data is its first character (newlines are folded). */
static int md_leading(char c)
{
    return c == '-' || c == '+' || c == '=' || c == '.';
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void escape_markdown(dossier_buf *b, const char *s, size_t len)
{
    size_t i = 0, end = len, digits;
    /* Leading/trailing blanks would make an indented code block, a hard
     * break ("two spaces + newline") or vanish anyway. */
    while (i < end && is_ws(s[i]))
        i++;
    while (end > i && is_ws(s[end - 1]))
        end--;
    if (i == end)
        return;
    /* "1." / "1)" starts an ordered list: escape the delimiter. */
    for (digits = 0; i + digits < end && s[i + digits] >= '0' &&
                     s[i + digits] <= '9'; digits++)
        ;
    if (digits > 0 && digits <= 9 && i + digits < end &&
        (s[i + digits] == '.' || s[i + digits] == ')')) {
        dossier_buf_append(b, s + i, digits);
        dossier_buf_putc(b, '\\');
        dossier_buf_putc(b, s[i + digits]);
        i += digits + 1;
    } else if (md_leading(s[i])) {
        dossier_buf_putc(b, '\\');
        dossier_buf_putc(b, s[i]);
        i++;
    }
    while (i < end) {
        char c = s[i];
        if (is_ws(c)) {
            /* A run of whitespace holding a line break becomes one space:
             * data can never end a paragraph, start a block or make a hard
             * break ("two spaces + newline"). */
            size_t j = i;
            int nl = 0;
            while (j < end && is_ws(s[j])) {
                nl |= s[j] == '\n' || s[j] == '\r';
                j++;
            }
            if (nl)
                dossier_buf_putc(b, ' ');
            else
                dossier_buf_append(b, s + i, j - i);
            i = j;
            continue;
        }
        if (md_always(c))
            dossier_buf_putc(b, '\\');
        dossier_buf_putc(b, c);
        i++;
    }
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
