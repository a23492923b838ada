/* digest_direct.c - a chunk of the digest written as cmark's CommonMark
 * writer would write it, without cmark, when the chunk keeps to a small
 * subset of CommonMark.
 *
 * cmark's parse and render were 83% of the digest's cost, and for the
 * default template's output they only undo its escaping: the template
 * backslash-escapes every piece of punctuation in data, cmark keeps the few
 * escapes its writer needs. This file recognises a strict subset (ATX
 * headings; paragraphs; block quotes of paragraphs; tight "-" lists with one
 * nested level; text, backslash escapes, "**strong**" and "[text](<url>)"
 * links) and writes it with the rules of cmark 0.30's commonmark.c and
 * render.c, quirks included (see outc_text). Anything else - a byte, a line
 * or a construct it is not sure of - makes it return NULL, and the chunk
 * goes through cmark as before (digest_cmark.c). Strictness is what keeps
 * it exact: each accepted shape is one whose cmark tree is plain.
 *
 * The tests hold it to cmark byte for byte: -O md.verify=1 runs cmark on
 * every chunk written here as well and counts differences (the md tests
 * require none on the samples, the hostile fixture and generated dossiers),
 * md.direct compares the two on random text, and fuzz_digest_direct on
 * whatever libFuzzer makes. */
#include <string.h>

#include <cmark.h>

#include "digest_internal.h"

/* cmark_ctype.c's classes (ASCII only; every byte >= 0x80 is "other"). */
static int c_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int c_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int c_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}
static int c_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
           (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* The output, grown with cmark's allocator (the chunk arena). */
typedef struct out_buf {
    cmark_mem *mem;
    char *data;
    size_t len, cap;
    int begin_content; /* cmark renderer's flag of the same name */
} out_buf;

static int ob_reserve(out_buf *o, size_t n)
{
    size_t cap;
    char *grown;
    if (n <= o->cap - o->len)
        return 0;
    cap = o->cap ? o->cap : 256;
    while (cap - o->len < n) {
        if (cap > ((size_t)-1) / 4)
            return -1;
        cap *= 2;
    }
    grown = o->mem->realloc(o->data, cap + 1);
    if (!grown)
        return -1;
    o->data = grown;
    o->cap = cap;
    return 0;
}

/* Bytes that set no flag: line prefixes and newlines (cmark puts these
 * straight into its buffer). */
static int ob_raw(out_buf *o, const char *s, size_t n)
{
    if (n == 0)
        return 0; /* memcpy to a buffer not allocated yet is undefined */
    if (ob_reserve(o, n) != 0)
        return -1;
    memcpy(o->data + o->len, s, n);
    o->len += n;
    return 0;
}

/* Length of the UTF-8 sequence at s (valid: checked up front). */
static size_t u8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The low byte of the code point at s: render.c updates begin_content with
 * cmark_isdigit(c) on the code point cast to char, so a character such as
 * Cyrillic "а" (U+0430) counts as a digit there. */
static unsigned char cp_low_byte(const unsigned char *s, size_t n)
{
    switch (n) {
    case 1: return s[0];
    case 2: return (unsigned char)(((s[0] & 0x1F) << 6) | (s[1] & 0x3F));
    case 3: return (unsigned char)(((s[1] & 0x3F) << 6) | (s[2] & 0x3F));
    default: return (unsigned char)(((s[2] & 0x3F) << 6) | (s[3] & 0x3F));
    }
}

/* LIT(): written as is; begin_content survives only digits. */
static int ob_lit(out_buf *o, const char *s, size_t n)
{
    size_t i = 0;
    if (ob_raw(o, s, n) != 0)
        return -1;
    while (i < n && o->begin_content) {
        size_t k = u8_len((unsigned char)s[i]);
        o->begin_content = c_digit(cp_low_byte((const unsigned char *)s + i, k));
        i += k;
    }
    return 0;
}

/* Bytes that outc() may escape once the start of the content is past
 * (and, for decode_text, bytes that may begin syntax): everything else is
 * copied in runs. */
static const unsigned char special[256] = {
    ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['#'] = 1, ['<'] = 1,
    ['>'] = 1, ['\\'] = 1, ['`'] = 1, ['!'] = 1, ['&'] = 1,
};

/* OUT(literal, NORMAL): commonmark.c outc() for a text node's literal. */
static int outc_text(out_buf *o, const char *lit, size_t n)
{
    const unsigned char *s = (const unsigned char *)lit;
    size_t i = 0;
    if (ob_reserve(o, 2 * n) != 0)
        return -1;
    while (i < n) {
        size_t k;
        if (!o->begin_content) {
            size_t j = i;
            while (j < n && !special[s[j]])
                j++;
            memcpy(o->data + o->len, s + i, j - i);
            o->len += j - i;
            i = j;
            if (i == n)
                break;
        }
        k = u8_len(s[i]);
        unsigned char c = s[i];
        unsigned char nextc = i + k < n ? s[i + k] : 0;
        int follows_digit = o->len > 0 && c_digit((unsigned char)o->data[o->len - 1]);
        int esc = 0;
        if (k == 1) {
            switch (c) {
            case '*': case '_': case '[': case ']': case '#': case '<':
            case '>': case '\\': case '`': case '!':
                esc = 1;
                break;
            case '&':
                esc = c_alpha(nextc);
                break;
            case '-': case '+': case '=':
                esc = o->begin_content && !follows_digit;
                break;
            case '.': case ')':
                esc = o->begin_content && follows_digit &&
                      (nextc == 0 || c_space(nextc));
                break;
            default:
                break;
            }
        }
        if (esc)
            o->data[o->len++] = '\\';
        memcpy(o->data + o->len, s + i, k);
        o->len += k;
        o->begin_content = o->begin_content && c_digit(cp_low_byte(s + i, k));
        i += k;
    }
    return 0;
}

/* OUT(url, URL) for what fix_links left: no blanks or controls remain. */
static int outc_url(out_buf *o, const char *url, size_t n)
{
    size_t i;
    if (ob_reserve(o, 2 * n) != 0)
        return -1;
    for (i = 0; i < n; i++) {
        char c = url[i];
        if (c == '`' || c == '<' || c == '>' || c == '\\' || c == ')' ||
            c == '(')
            o->data[o->len++] = '\\';
        o->data[o->len++] = c;
    }
    o->begin_content = 0;
    return 0;
}

/* scanners.re: scheme = [A-Za-z][A-Za-z0-9.+-]{1,31} then ':'. */
static int has_scheme(const char *url, size_t n)
{
    size_t i;
    if (n == 0 || !c_alpha((unsigned char)url[0]))
        return 0;
    for (i = 1; i < n && i <= 32; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c == ':')
            return i >= 2;
        if (!c_alpha(c) && !c_digit(c) && c != '.' && c != '+' && c != '-')
            return 0;
    }
    return 0;
}

/* Result codes of the recogniser. */
enum { D_OK = 0, D_OUTSIDE = 1, D_NOMEM = 2 };

/* Scratch space for one decoded literal (link text, URL, a text run). */
typedef struct scratch {
    char *text, *url, *run;
    size_t text_len, url_len, run_len;
} scratch;

/* Whether s[i] = '&' may begin an entity or numeric reference that cmark
 * decodes: "&", an optional '#', 1 to 32 letters or digits, ';'. */
static int entity_like(const char *s, size_t n, size_t i)
{
    size_t j = i + 1, k = 0;
    if (j < n && s[j] == '#')
        j++;
    while (j < n && k <= 32 && (c_alpha((unsigned char)s[j]) ||
                                c_digit((unsigned char)s[j]))) {
        j++;
        k++;
    }
    return k > 0 && k <= 32 && j < n && s[j] == ';';
}

/* An unescaped byte at s[i] that begins inline syntax this file does not
 * write, or that it cannot be sure is literal. */
static int inline_unsure(const char *s, size_t n, size_t i)
{
    unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
    switch ((unsigned char)s[i]) {
    case '_': case '`': case '<': case ']': case '#': case '*': case '[':
        return 1;
    case '&':
        return entity_like(s, n, i);
    case '!':
        return next == '[';
    default:
        return 0;
    }
}

/* Decodes plain text at line[*i, n) into buf (at most n bytes) up to the
 * first unescaped '*' or '[' (or ']' with `in_link`), where *i is left.
 * Returns D_OUTSIDE for syntax it does not handle. */
static int decode_text(const char *line, size_t n, size_t *i, char *buf,
                       size_t *len, int in_link)
{
    size_t j = *i, k = 0;
    while (j < n) {
        unsigned char c = (unsigned char)line[j];
        unsigned char next;
        if (!special[c]) {
            size_t r = j + 1;
            while (r < n && !special[(unsigned char)line[r]])
                r++;
            memcpy(buf + k, line + j, r - j);
            k += r - j;
            j = r;
            continue;
        }
        next = j + 1 < n ? (unsigned char)line[j + 1] : 0;
        if (c == '\\') {
            if (j + 1 >= n)
                return D_OUTSIDE; /* a hard line break, or a lone '\' */
            if (c_punct(next)) {
                buf[k++] = (char)next;
                j += 2;
            } else {
                buf[k++] = '\\';
                j++;
            }
            continue;
        }
        if (c == '*' || c == '[' || (in_link && c == ']'))
            break; /* the caller decides */
        if (inline_unsure(line, n, j))
            return D_OUTSIDE;
        buf[k++] = (char)c;
        j++;
    }
    *i = j;
    *len = k;
    return D_OK;
}

/* "**" at line[i]: an opener when it follows the content's start or a
 * space and comes before an ASCII letter or digit; a closer after an ASCII
 * letter or digit and before a space or the end. Any other run of '*' is
 * outside the subset (so is "***"). */
static int strong_opener(const char *line, size_t n, size_t i, size_t start)
{
    return i + 2 < n && line[i + 1] == '*' &&
           (i == start || line[i - 1] == ' ') &&
           (c_alpha((unsigned char)line[i + 2]) ||
            c_digit((unsigned char)line[i + 2]));
}
static int strong_closer(const char *line, size_t n, size_t i, size_t start)
{
    return i + 1 < n && line[i + 1] == '*' && i > start &&
           (c_alpha((unsigned char)line[i - 1]) ||
            c_digit((unsigned char)line[i - 1])) &&
           (i + 2 == n || line[i + 2] == ' ');
}

/* A link "[text](<url>)" at line[*i]: written as cmark writes it after
 * fix_links (a dangerous URL emptied, blanks, controls, '<' and '>'
 * percent-encoded), as an autolink when the text equals the URL. */
static int write_link(out_buf *o, const char *line, size_t n, size_t *i,
                      scratch *sc)
{
    size_t j = *i + 1, k;
    int rc = decode_text(line, n, &j, sc->text, &sc->text_len, 1);
    const char *url;
    size_t url_len;
    if (rc != D_OK)
        return rc;
    /* a blank at the edge of the link text is a "risky" tree
     * (digest_risk.c): the cmark path gives it a second pass */
    if (sc->text_len == 0 || sc->text[0] == ' ' ||
        sc->text[sc->text_len - 1] == ' ' || j + 3 > n ||
        memcmp(line + j, "](<", 3) != 0)
        return D_OUTSIDE;
    j += 3;
    k = 0;
    /* manual_scan_link_url: '\' skips a byte; '<' or a newline fails */
    while (j < n && line[j] != '>') {
        unsigned char c = (unsigned char)line[j];
        unsigned char next = j + 1 < n ? (unsigned char)line[j + 1] : 0;
        if (c == '<')
            return D_OUTSIDE;
        /* cmark_clean_url decodes entities before backslash escapes, so
         * an escaped '&' may begin one too */
        if ((c == '&' && entity_like(line, n, j)) ||
            (c == '\\' && next == '&' && entity_like(line, n, j + 1)))
            return D_OUTSIDE;
        if (c == '\\' && j + 1 < n && c_punct(next)) {
            sc->url[k++] = (char)next;
            j += 2;
            continue;
        }
        /* a '\' before anything else stays, and the byte after it (which
         * the scan skips) can be no '<' or '>': those are punctuation */
        sc->url[k++] = (char)c;
        j++;
    }
    if (j + 1 >= n || line[j] != '>' || line[j + 1] != ')')
        return D_OUTSIDE;
    /* cmark_chunk_trim: leading and trailing blanks would go */
    if (k > 0 && (c_space((unsigned char)sc->url[0]) ||
                  c_space((unsigned char)sc->url[k - 1])))
        return D_OUTSIDE;
    sc->url_len = dossier_digest_url_fix(sc->url, k, sc->run);
    url = sc->run;
    url_len = sc->url_len;
    *i = j + 2;
    if (url_len > 0 && has_scheme(url, url_len)) {
        const char *shown = url;
        size_t shown_len = url_len;
        if (url_len >= 7 && memcmp(url, "mailto:", 7) == 0) {
            shown += 7;
            shown_len -= 7;
        }
        if (shown_len == sc->text_len &&
            memcmp(shown, sc->text, shown_len) == 0 &&
            memchr(shown, '\0', shown_len) == NULL) {
            if (ob_lit(o, "<", 1) != 0 || ob_lit(o, shown, shown_len) != 0 ||
                ob_lit(o, ">", 1) != 0)
                return D_NOMEM;
            return D_OK;
        }
    }
    if (ob_lit(o, "[", 1) != 0 ||
        outc_text(o, sc->text, sc->text_len) != 0 ||
        ob_lit(o, "](", 2) != 0 || outc_url(o, url, url_len) != 0 ||
        ob_lit(o, ")", 1) != 0)
        return D_NOMEM;
    return D_OK;
}

/* One line of inline content, line[start, n): begin_content is set by the
 * caller (it is true at the start of every block line). */
static int write_inline(out_buf *o, const char *line, size_t start, size_t n,
                        scratch *sc)
{
    size_t i = start;
    int in_strong = 0;
    while (i < n) {
        int rc = decode_text(line, n, &i, sc->run, &sc->run_len, 0);
        if (rc != D_OK)
            return rc;
        if (sc->run_len > 0 && outc_text(o, sc->run, sc->run_len) != 0)
            return D_NOMEM;
        if (i >= n)
            break;
        if (line[i] == '[') {
            if (in_strong)
                return D_OUTSIDE;
            rc = write_link(o, line, n, &i, sc);
            if (rc != D_OK)
                return rc;
        } else if (!in_strong && strong_opener(line, n, i, start)) {
            if (ob_lit(o, "**", 2) != 0)
                return D_NOMEM;
            in_strong = 1;
            i += 2;
        } else if (in_strong && strong_closer(line, n, i, start)) {
            if (ob_lit(o, "**", 2) != 0)
                return D_NOMEM;
            in_strong = 0;
            i += 2;
        } else {
            return D_OUTSIDE;
        }
    }
    return in_strong ? D_OUTSIDE : D_OK;
}

/* Whether content starting at s[0] (n > 0 bytes, not a blank) could open
 * a block of its own: a list, quote, heading, fence, HTML, thematic break
 * or setext underline. Such lines are left to cmark. */
static int block_start(const char *s, size_t n)
{
    size_t d = 0;
    switch (s[0]) {
    case '#': case '>': case '-': case '+': case '=': case '_': case '`':
    case '~': case '<': case ' ':
        return 1;
    case '*':
        /* "**word" is strong; anything else with '*' may be a list or a
         * break */
        return !(n > 2 && s[1] == '*' &&
                 (c_alpha((unsigned char)s[2]) || c_digit((unsigned char)s[2])));
    default:
        break;
    }
    while (d < n && c_digit((unsigned char)s[d]))
        d++;
    return d > 0 && d < n && (s[d] == '.' || s[d] == ')');
}

/* The chunk must be valid UTF-8 (cmark would replace bad bytes), with no
 * control character but the newline, no CR (a line end of its own), no
 * tab (columns), and neither U+FFFE nor U+FFFF (cmark's encoder writes
 * them as the single bytes 0xFE and 0xFF). */
static int plain_bytes(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\n')
                return 0;
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
                return 0;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 ||
                (s[i + 2] & 0xC0) != 0x80 ||
                (c == 0xE0 && s[i + 1] < 0xA0) || /* overlong */
                (c == 0xED && s[i + 1] >= 0xA0) || /* surrogate */
                (c == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE))
                return 0;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 ||
                (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80 ||
                (c == 0xF0 && s[i + 1] < 0x90) ||
                (c == 0xF4 && s[i + 1] >= 0x90))
                return 0;
            i += 4;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Where the recogniser is between lines. */
enum {
    B_NONE,       /* between blocks */
    B_PARA,       /* in a paragraph */
    B_LIST,       /* in a tight list (after an item line) */
    B_QUOTE,      /* in a quote, after a text line */
    B_QUOTE_BLANK /* in a quote, after a ">" line */
};

static int is_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ')
            return 0;
    return 1;
}

/* A new top-level block: cmark separates blocks with one blank line. */
static int open_block(out_buf *o, int *blocks)
{
    return (*blocks)++ ? ob_raw(o, "\n", 1) : 0;
}

/* One line of a block: `prefix` (container and block markers, after
 * which cmark's writer starts the content afresh), the inline content
 * line[start, n), the line's end. */
static int write_line(out_buf *o, const char *prefix, const char *line,
                      size_t start, size_t n, scratch *sc)
{
    int rc;
    if (ob_raw(o, prefix, strlen(prefix)) != 0)
        return D_NOMEM;
    o->begin_content = 1;
    rc = write_inline(o, line, start, n, sc);
    if (rc == D_OK && ob_raw(o, "\n", 1) != 0)
        rc = D_NOMEM;
    return rc;
}

static int write_chunk(out_buf *o, const char *src, size_t len, scratch *sc,
                       dossier_digest_shape *shape)
{
    size_t pos = 0;
    int state = B_NONE, blocks = 0, list_closed = 0, last_is_list = 0, rc;

    while (pos < len) {
        const char *line = src + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        size_t h = 0;
        pos += n + (nl != NULL);

        if (is_blank(line, n)) {
            if (state == B_LIST)
                list_closed = 1;
            state = B_NONE;
            continue;
        }
        if (line[n - 1] == ' ')
            return D_OUTSIDE; /* trailing blanks: a hard break, or trimmed */

        while (h < n && h < 7 && line[h] == '#')
            h++;
        if (h >= 1 && h <= 6 && h + 1 < n && line[h] == ' ' &&
            line[h + 1] != ' ') {
            /* an ATX heading, after a blank line or another heading */
            if (state != B_NONE)
                return D_OUTSIDE;
            if (open_block(o, &blocks) != 0 || ob_raw(o, line, h) != 0)
                return D_NOMEM;
            rc = write_line(o, " ", line, h + 1, n, sc);
            if (rc != D_OK)
                return rc;
            list_closed = last_is_list = 0;
            continue;
        }
        if (n > 2 && line[0] == '-' && line[1] == ' ') {
            /* an item of a tight list */
            if (state == B_NONE) {
                if (list_closed)
                    return D_OUTSIDE; /* a loose list, or a second one */
                if (open_block(o, &blocks) != 0)
                    return D_NOMEM;
                if (blocks == 1)
                    shape->starts_list = 1;
            } else if (state != B_LIST) {
                return D_OUTSIDE; /* it would interrupt a paragraph */
            }
            if (block_start(line + 2, n - 2))
                return D_OUTSIDE;
            rc = write_line(o, "  - ", line, 2, n, sc);
            if (rc != D_OK)
                return rc;
            state = B_LIST;
            last_is_list = 1;
            continue;
        }
        if (n > 4 && memcmp(line, "  - ", 4) == 0) {
            /* an item of a list nested in the item above */
            if (state != B_LIST || block_start(line + 4, n - 4))
                return D_OUTSIDE;
            rc = write_line(o, "      - ", line, 4, n, sc);
            if (rc != D_OK)
                return rc;
            continue;
        }
        if (line[0] == '>') {
            if (n == 1) {
                /* a blank line inside a quote */
                if (state != B_QUOTE && state != B_QUOTE_BLANK)
                    return D_OUTSIDE;
                state = B_QUOTE_BLANK;
                continue;
            }
            if (n < 3 || line[1] != ' ' || block_start(line + 2, n - 2))
                return D_OUTSIDE;
            if (state == B_NONE) {
                if (open_block(o, &blocks) != 0)
                    return D_NOMEM;
            } else if (state != B_QUOTE && state != B_QUOTE_BLANK) {
                return D_OUTSIDE;
            }
            /* after a ">" line, a new paragraph: cmark writes "> " there */
            rc = write_line(o, state == B_QUOTE_BLANK ? "> \n> " : "> ", line,
                            2, n, sc);
            if (rc != D_OK)
                return rc;
            state = B_QUOTE;
            list_closed = last_is_list = 0;
            continue;
        }
        /* a paragraph's line */
        if (block_start(line, n))
            return D_OUTSIDE;
        if (state == B_NONE) {
            if (open_block(o, &blocks) != 0)
                return D_NOMEM;
        } else if (state != B_PARA) {
            return D_OUTSIDE; /* a lazy continuation line */
        }
        rc = write_line(o, "", line, 0, n, sc);
        if (rc != D_OK)
            return rc;
        state = B_PARA;
        list_closed = last_is_list = 0;
    }
    if (blocks == 0)
        return D_OUTSIDE; /* cmark writes "\n" for nothing; leave it */
    shape->ends_list = last_is_list;
    shape->only_list = shape->starts_list && blocks == 1;
    return D_OK;
}

char *dossier_digest_direct(const char *src, size_t len, struct cmark_mem *mem,
                            dossier_digest_shape *shape, int *outside)
{
    out_buf o;
    scratch sc;
    int rc;

    memset(shape, 0, sizeof *shape);
    *outside = 1;
    /* cmark drops a byte order mark at the start of a document */
    if ((len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) ||
        !plain_bytes((const unsigned char *)src, len))
        return NULL;
    memset(&o, 0, sizeof o);
    o.mem = mem;
    /* decoded literals are never longer than their line; a fixed URL at
     * most 3x */
    sc.text = mem->realloc(NULL, 5 * len + 3);
    if (!sc.text) {
        *outside = 0;
        return NULL;
    }
    sc.url = sc.text + len + 1;
    sc.run = sc.url + len + 1;
    rc = write_chunk(&o, src, len, &sc, shape);
    mem->free(sc.text);
    if (rc != D_OK) {
        *outside = rc == D_OUTSIDE;
        mem->free(o.data);
        return NULL;
    }
    o.data[o.len] = '\0';
    *outside = 0;
    return o.data;
}
