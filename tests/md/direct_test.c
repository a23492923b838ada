/* direct_test.c - dossier_digest_direct (plugins/md/digest_direct.c)
 * against cmark on random chunks.
 *
 * Whenever dossier_digest_direct accepts a chunk, its text must be what
 * cmark gives for it: one parse (CMARK_OPT_DEFAULT), fix_links, and
 * cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0); its shape flags must
 * be the tree's (first / last / only top-level block a tight '-' list);
 * and when the tree is one dossier_digest_risky flags, the text must be
 * cmark's fixed point (dossier_digest_normalise), since with md.direct=0
 * such a chunk gets a second pass. A sample of the texts also goes
 * through the streamer with direct on and off: the same bytes. Plain
 * trees whose one pass is not cmark's fixed point are cmark's writer's
 * business (the same bytes either way): counted, a few shown.
 *
 * The chunks are made from the subset's own pieces ("# ", "- ", "  - ",
 * "> ", ">" lines, paragraphs; escapes, "**strong**", "[text](<url>)",
 * entities, non-ASCII, digits before '.' or ')' ...) so that most are
 * accepted, plus near misses and byte mutations. A fixed seed: the same
 * cases every run. Fails on any difference (printing the input), when too
 * few cases are accepted (a direct writer that refuses everything would
 * pass otherwise), or when a known shape is no longer accepted.
 *
 *   direct_test [CASES [SEED [SHOW]]]   (SHOW: print that many refused
 *                                        clean cases, to tune the mix) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "direct_oracle.h"

static int failures;
static unsigned long accepted, rejected, streamed, cmark_unstable,
    accepted_risky, plain_checked;

/* ---- reporting */

static void put_escaped(const char *s, size_t n)
{
    size_t i;
    putchar('"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            printf("\\x%02X\"\"", c); /* "" ends the hex escape in C */
        else
            putchar(c);
    }
    putchar('"');
}

static void report(const char *what, const char *label, const char *src,
                   size_t len, const char *a, const char *an, const char *b,
                   const char *bn)
{
    failures++;
    if (failures > 20)
        return;
    printf("FAIL %s (%s)\n  input:  ", what, label);
    put_escaped(src, len);
    printf("\n  %-7s ", an);
    put_escaped(a, strlen(a));
    printf("\n  %-7s ", bn);
    put_escaped(b, strlen(b));
    putchar('\n');
}

/* ---- one chunk */

static void check_stream(const char *label, const char *src, size_t len,
                         dossier_digest_stats *stats)
{
    oracle_sink on = {NULL, 0, 0}, off = {NULL, 0, 0};
    int rc_on = oracle_stream(src, len, 1, &on, stats);
    int rc_off = oracle_stream(src, len, 0, &off, NULL);
    streamed++;
    if (rc_on != rc_off || on.len != off.len ||
        memcmp(on.data, off.data, on.len) != 0)
        report("streamer direct on/off", label, src, len, on.data, "on:",
               off.data, "off:");
    free(on.data);
    free(off.data);
}

/* Checks one chunk; returns 1 when direct accepted it. */
static int check_chunk(const char *label, const char *src, size_t len)
{
    cmark_mem *mem = cmark_get_default_mem_allocator();
    dossier_digest_shape ds;
    int outside = -1, stable = 0;
    oracle o;
    char *d = dossier_digest_direct(src, len, mem, &ds, &outside);
    char *fixed;

    if (!d) {
        if (outside != 1)
            report("NULL without outside", label, src, len, "", "", "", "");
        rejected++;
        return 0;
    }
    accepted++;
    if (outside != 0)
        report("text with outside set", label, src, len, d, "direct:", "",
               "");
    oracle_make(src, len, &o);
    if (strcmp(d, o.text) != 0)
        report("text differs from cmark", label, src, len, d, "direct:",
               o.text, "cmark:");
    else if (!oracle_shape_equal(&o, &ds)) {
        char a[64], b[64];
        snprintf(a, sizeof a, "starts %d ends %d only %d", ds.starts_list,
                 ds.ends_list, ds.only_list);
        snprintf(b, sizeof b, "starts %d ends %d only %d open_end %d",
                 o.shape.starts_list, o.shape.ends_list, o.shape.only_list,
                 o.shape.open_end);
        report("shape differs from cmark", label, src, len, a, "direct:", b,
               "cmark:");
    }
    /* The fixed point. With md.direct=0 a risky tree gets a second pass:
     * if that changes the text, direct on and off differ (a failure). A
     * plain tree gets one pass either way: if cmark's own round trip still
     * changes it, that is cmark's writer (counted on one in 8, a few
     * shown: the fixed point costs two more passes). */
    accepted_risky += o.shape.risky;
    if (!o.shape.risky && accepted % 8 != 0)
        fixed = NULL;
    else if (!(fixed = dossier_digest_normalise(src, len, &stable)))
        abort();
    plain_checked += fixed && !o.shape.risky;
    if (fixed && (!stable || strcmp(fixed, o.text) != 0)) {
        if (o.shape.risky) {
            report("risky tree accepted, and a second pass changes it (md.direct "
                   "on and off differ)",
                   label, src, len, o.text, "1 pass:", fixed, "fixed:");
        } else if (++cmark_unstable <= 3) {
            printf("note: cmark's one pass is not its fixed point (plain tree, "
                   "same bytes with md.direct on and off)\n  input:  ");
            put_escaped(src, len);
            printf("\n  1 pass: ");
            put_escaped(o.text, strlen(o.text));
            printf("\n  fixed:  ");
            put_escaped(fixed, strlen(fixed));
            putchar('\n');
        }
    }
    mem->free(fixed);
    mem->free(o.text);
    mem->free(d);
    return 1;
}

/* ---- the generator */

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)((rng >> 11) % n);
}
static int chance(unsigned percent) { return rnd(100) < percent; }

/* A clean case keeps to what the subset accepts (most are accepted); the
 * others add near misses. odd(p): a near miss, p% of the time, never in a
 * clean case. */
static int clean;
static int odd(unsigned percent) { return !clean && chance(percent); }

typedef struct text {
    char data[8192];
    size_t len;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n < sizeof t->data) {
        memcpy(t->data + t->len, s, n);
        t->len += n;
    }
}
static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }
static void putc_(text *t, char c) { put(t, &c, 1); }
static const char *pick(const char *const *list, size_t n)
{
    return list[rnd((unsigned)n)];
}
#define PICK(list) pick(list, sizeof list / sizeof list[0])

static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
static const char *const nonascii[] = {
    "\xC3\xA9",         /* é */
    "\xD0\xB0",         /* а U+0430: its low byte is '0' */
    "\xD0\xB1",         /* б U+0431: '1' */
    "\xD0\x94",         /* Д */
    "\xE2\x80\x94",     /* em dash */
    "\xE2\x80\x93",     /* en dash */
    "\xC2\xB7",         /* middle dot */
    "\xC2\xA0",         /* no-break space */
    "\xE2\x80\x9C",     /* left double quote */
    "\xF0\x9F\x98\x80", /* an emoji */
    "\xE1\x83\xB9",     /* U+10F9: low byte '9' */
    "\xF0\x90\x84\xB5", /* U+10135: low byte '5' */
    "\xEF\xBB\xBF",     /* U+FEFF */
    "\xEF\xBF\xBD",     /* U+FFFD */
    "\xEF\xBF\xBF",     /* U+FFFF: cmark writes one byte 0xFF (last two: */
    "\xEF\xBF\xBE",     /* U+FFFE: 0xFE                 not in clean cases) */
};

/* A non-ASCII character (in a clean case, one cmark writes back as is). */
static const char *other_char(void)
{
    size_t n = sizeof nonascii / sizeof nonascii[0];
    return nonascii[rnd((unsigned)(clean ? n - 2 : n))];
}

static void word(text *t)
{
    unsigned n = 1 + rnd(8), i;
    for (i = 0; i < n; i++)
        putc_(t, (char)(chance(20) ? 'A' + rnd(26) : 'a' + rnd(26)));
}

static void digits(text *t)
{
    unsigned n = 1 + rnd(chance(80) ? 2 : 10), i;
    for (i = 0; i < n; i++)
        putc_(t, (char)('0' + rnd(10)));
}

/* One ASCII punctuation character, escaped or raw (in a clean case, raw
 * only when it is literal mid-line). */
static void one_punct(text *t, int escape_percent)
{
    static const char literal[] = "!\"$%'()+,-./:;=>?@^{|}~";
    char c = punct[rnd(sizeof punct - 1)];
    if (chance((unsigned)escape_percent))
        putc_(t, '\\');
    else if (clean)
        c = literal[rnd(sizeof literal - 1)];
    putc_(t, c);
}

/* '&' and what may follow it: names, numbers, '#', a space. */
static void ampersand(text *t)
{
    static const char *const after[] = {
        "amp;", "lt;", "copy", "nbsp;", "#65;", "#x41;", "#", " ", "", ";",
        "1", "&", "a", "Z;", "-", "\\&amp;"};
    static const char *const literal[] = {" ", "", "-", ";", "amp", "a b",
                                          "#", "&"};
    if (chance(60)) {
        putc_(t, '\\');
        putc_(t, '&');
        puts_(t, PICK(after));
    } else {
        putc_(t, '&');
        puts_(t, clean ? PICK(literal) : PICK(after));
    }
}

/* The decoded form of a link destination: a scheme (sometimes dangerous,
 * sometimes none) and a body with every kind of character. */
static void url_body(text *u)
{
    static const char *const schemes[] = {
        "https://", "http://", "mailto:", "ftp:", "x-y.z+1:", "a:", "ab:",
        "javascript:", "JavaScript:", "FILE:", "data:", "vbscript:", "",
        "", "1a:", "abcdefghijklmnopqrstuvwxyzabcdef:",
        "abcdefghijklmnopqrstuvwxyzabcdefg:", "mailto:a@", "MAILTO:"};
    static const char *const pieces[] = {
        "x.org", "/a", "/b c", "?q=1", "&", "#frag", "%20", "(", ")", "\\",
        "`", " ", "<", ">", "\xC3\xA9", "\xD0\xB0", "@", ":", "*", "[", "]",
        "!", "_", "\"", "'", "~", "-", ".", "a\\b", "&amp;", "&#65;", "\x7F"};
    unsigned n = rnd(5), i;
    puts_(u, PICK(schemes));
    for (i = 0; i < n; i++) {
        const char *p = PICK(pieces);
        if (clean && p[0] == '&')
            p = "&"; /* "&amp;" would be an entity in the destination */
        puts_(u, p);
    }
}

/* Writes the destination u inside <...>: '<' '>' and '\' must be escaped
 * there; other punctuation sometimes is. */
static void put_url(text *t, const text *u)
{
    size_t i;
    for (i = 0; i < u->len; i++) {
        char c = u->data[i];
        int esc = c == '<' || c == '>' ||
                  (c == '\\' && (i + 1 >= u->len || chance(70))) ||
                  (strchr(punct, c) && c != '\\' && chance(25));
        if (c == '&' && chance(50))
            esc = 1;
        if (esc && !odd(3)) /* a few raw ones: near misses */
            putc_(t, '\\');
        putc_(t, c);
    }
}

/* Writes s as link text or plain text: punctuation that would open inline
 * syntax is escaped (almost always), the rest sometimes. */
static void put_text(text *t, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c && strchr(punct, c) &&
            (strchr("*_[]`<\\!&#", c) ? !odd(3) : chance(40)))
            putc_(t, '\\');
        putc_(t, c);
    }
}

static void link(text *t)
{
    text u;
    u.len = 0;
    url_body(&u);
    if (clean && t->len > 0 && t->data[t->len - 1] == '!')
        putc_(t, ' '); /* not an image */
    putc_(t, '[');
    if (chance(35) && u.len > 0) {
        /* text equal to the URL: cmark writes an autolink */
        size_t skip = u.len >= 7 && memcmp(u.data, "mailto:", 7) == 0 &&
                      chance(80) ? 7 : 0;
        put_text(t, u.data + skip, u.len - skip);
        if (clean && skip == u.len)
            putc_(t, 'x'); /* not empty */
    } else {
        unsigned n = 1 + rnd(3), i;
        for (i = 0; i < n; i++) {
            if (i)
                putc_(t, ' ');
            switch (rnd(6)) {
            case 0: digits(t); break;
            case 1: one_punct(t, clean ? 100 : 90); break;
            case 2: puts_(t, other_char()); break;
            default: word(t); break;
            }
        }
    }
    puts_(t, "](<");
    put_url(t, &u);
    puts_(t, ">)");
}

static void strong(text *t)
{
    puts_(t, "**");
    if (chance(20))
        digits(t);
    else
        word(t);
    if (chance(30)) {
        putc_(t, ' ');
        if (chance(30))
            one_punct(t, clean ? 100 : 90);
        word(t);
    }
    puts_(t, "**");
}

/* What may come first in a block's content: the characters cmark's writer
 * escapes only there (-, +, =, digits before '.' or ')'), raw or escaped. */
static void content_start(text *t)
{
    static const char *const starts[] = {
        "\\-", "\\+", "\\=", "1\\.", "1\\)", "12\\.", "3\\) ", "1\\. ",
        "2024\\.", "1-", "1+", "1=", "\\#", "\\>", "\\*", "\\_", "-", "+",
        "=", "1.", "1)", "1. ", "#", ">", "*", "_", "\xD0\xB0\\.",
        "\xD0\xB0-", "\xD0\xB0\\-", "1\xD0\xB0\\.", "\xD0\xB1\\)",
        "\xE1\x83\xB9\\. ", "\xF0\x90\x84\xB5\\)", "0\\.5", "9\\)x", "\\1",
        "1\\.\\!", "\\&", "\\&a", "!", "~", "\\~", "`", "\\`", "  ", " ",
        "\\\\", "\\ ", "\\a", "1\\.[a](<b>)", "1**a**"};
    static const char *const clean_starts[] = {
        "\\-", "\\+", "\\=", "1\\.", "1\\)", "12\\.", "3\\) ", "1\\. ",
        "2024\\.", "1-", "1+", "1=", "\\#", "\\>", "\\*", "\\_", "\\~",
        "\\`", "\\&", "\\&a", "!", "\xD0\xB0\\.", "\xD0\xB0-",
        "\xD0\xB0\\-", "1\xD0\xB0\\.", "\xD0\xB1\\)", "\xE1\x83\xB9\\. ",
        "\xF0\x90\x84\xB5\\)", "0\\.5", "9\\)x", "\\1", "1\\.\\!",
        "\\\\", "\\a", "1\\.[a](<b>)", "1a", "\\1\\.", "1\\.\\.",
        "\\(1\\)", "1\\)\\)"};
    puts_(t, clean ? PICK(clean_starts) : PICK(starts));
}

/* A line's inline content (no newline). In a clean case it neither starts
 * nor ends with a blank (stripped, or a hard break) and "**" has blanks
 * or the line's edge around it. */
static void inline_content(text *t)
{
    size_t start = t->len;
    unsigned n = 1 + rnd(7), i;
    int space_before = 1; /* "**" opens after a space or the start */
    if (chance(30)) {
        content_start(t);
        space_before = 0;
    }
    for (i = 0; i < n; i++) {
        unsigned k = rnd(100);
        if (k < 28) {
            word(t);
            space_before = 0;
        } else if (k < 43) {
            putc_(t, ' ');
            if (chance(8))
                putc_(t, ' ');
            space_before = 1;
            continue;
        } else if (k < 50) {
            digits(t);
            if (chance(40))
                puts_(t, PICK(((const char *const[]){"\\.", "\\)", ".", ")",
                                                     "\\. ", ". ", "\\.x"})));
        } else if (k < 62) {
            one_punct(t, 65);
            /* raw, these would open a block at the line's start */
            if (clean && t->len == start + 1 && strchr("-+=>~", t->data[start])) {
                t->data[start] = '\\';
                putc_(t, '-');
            }
        } else if (k < 67) {
            ampersand(t);
        } else if (k < 76) {
            if (!space_before && (clean || chance(85)))
                putc_(t, ' ');
            strong(t);
            if (i + 1 < n && (clean || chance(85)))
                putc_(t, ' ');
        } else if (k < 86) {
            link(t);
        } else if (k < 94) {
            puts_(t, other_char());
        } else if (clean) {
            word(t);
        } else {
            static const char *const odd[] = {
                "\\", "\\a", "\\\xC3\xA9", "***a***", "**a**b", "a**b**",
                "*a*", "_a_", "`c`", "<a>", "<http://x>", "![i](<u>)",
                "[a]", "[a](b)", "[a]( <b>)", "[a](<b> \"t\")", "&amp;",
                "\\**a**", "**a\\**", "** a**", "**a **", "[]( <x>)",
                "[a](<>)", "[**a**](<u>)", "[a [b](<c>)](<d>)", " #", " ##",
                "[a]:", "\\[a\\]: b", "a\\", "!\\[", "\xC2\xA0**a**"};
            puts_(t, PICK(odd));
        }
        space_before = 0;
    }
    if (clean) {
        size_t lead = 0;
        while (start + lead < t->len && t->data[start + lead] == ' ')
            lead++;
        memmove(t->data + start, t->data + start + lead,
                t->len - start - lead);
        t->len -= lead;
        while (t->len > start && t->data[t->len - 1] == ' ')
            t->len--;
        if (t->len == start || t->data[t->len - 1] == '\\')
            putc_(t, 'z'); /* not empty, no hard break */
    }
}

static void line_end(text *t)
{
    if (odd(2))
        putc_(t, ' '); /* trailing blanks: a hard break or trimmed */
    putc_(t, '\n');
}

static void heading(text *t)
{
    unsigned level = 1 + rnd(chance(90) ? 3 : clean ? 6 : 7), i;
    for (i = 0; i < level; i++)
        putc_(t, '#');
    putc_(t, ' ');
    inline_content(t);
    if (clean && chance(3))
        puts_(t, " \\#");
    else if (odd(3))
        puts_(t, PICK(((const char *const[]){" #", " \\#", " ##", "#"})));
    line_end(t);
}

static void paragraph(text *t, const char *prefix)
{
    unsigned lines = 1 + rnd(chance(70) ? 1 : 3), i;
    for (i = 0; i < lines; i++) {
        puts_(t, prefix);
        inline_content(t);
        line_end(t);
    }
}

static void quote(text *t)
{
    unsigned paras = 1 + rnd(chance(60) ? 1 : 3), i;
    for (i = 0; i < paras; i++) {
        if (i)
            puts_(t, !odd(10) ? ">\n" : chance(50) ? "> \n" : "\n");
        paragraph(t, !odd(3) ? "> " : chance(50) ? ">" : ">  ");
    }
}

static void list(text *t)
{
    unsigned items = 1 + rnd(4), i;
    for (i = 0; i < items; i++) {
        puts_(t, "- ");
        inline_content(t);
        line_end(t);
        if (chance(25)) {
            unsigned nested = 1 + rnd(2), j;
            for (j = 0; j < nested; j++) {
                puts_(t, !odd(3) ? "  - " : chance(50) ? "    - " : " - ");
                inline_content(t);
                line_end(t);
            }
        }
        if (odd(2))
            puts_(t, PICK(((const char *const[]){"\n", "  continued\n",
                                                 "lazy\n", "* star\n"})));
    }
}

/* A chunk of 1-5 blocks, mostly separated by one blank line. */
static void chunk(text *t)
{
    unsigned blocks = 1 + rnd(5), i;
    t->len = 0;
    if (odd(1))
        puts_(t, "\xEF\xBB\xBF");
    int last = -1;
    for (i = 0; i < blocks; i++) {
        int kind = (int)rnd(i == 0 ? 5 : 4);
        if (clean && kind == 3 && last == 3)
            kind = 1; /* two lists in a row make one loose list */
        last = kind;
        if (i) {
            unsigned k = rnd(100);
            if (k < 82)
                putc_(t, '\n');
            else if (k < 88)
                puts_(t, "\n\n");
            else if (k < 93)
                puts_(t, "   \n");
            else if (clean)
                putc_(t, '\n');
            /* else none: a block right after another */
        }
        switch (kind) {
        case 0: heading(t); break;
        case 1: paragraph(t, ""); break;
        case 2: quote(t); break;
        case 3: list(t); break;
        default: puts_(t, "## "); inline_content(t); line_end(t); break;
        }
    }
    if (chance(10) && t->len > 0)
        t->len--; /* no final newline */
}

/* Byte-level near misses: an insertion, a deletion or a swap. */
static void mutate(text *t)
{
    static const char *const ins[] = {
        "\n", " ", "  ", "*", "**", "_", "`", "<", ">", "&", "\\", "[", "]",
        "#", "- ", "1. ", "\t", "\r", "\r\n", "\n\n", "> ", "!", "(", ")",
        "\xC3", "\xFF", "\xEF\xBB\xBF", "\xED\xA0\x80", "\xC0\xAF", "\x7F",
        "\x01", "\\\n", "  - ", "---", "===", "    "};
    size_t at = t->len ? rnd((unsigned)t->len + 1) : 0;
    switch (rnd(4)) {
    case 0:
    case 1: {
        const char *s = PICK(ins);
        size_t n = strlen(s);
        if (t->len + n < sizeof t->data) {
            memmove(t->data + at + n, t->data + at, t->len - at);
            memcpy(t->data + at, s, n);
            t->len += n;
        }
        break;
    }
    case 2:
        if (at < t->len) {
            size_t n = 1 + rnd(3);
            if (n > t->len - at)
                n = t->len - at;
            memmove(t->data + at, t->data + at + n, t->len - at - n);
            t->len -= n;
        }
        break;
    default:
        if (at + 1 < t->len) {
            char c = t->data[at];
            t->data[at] = t->data[at + 1];
            t->data[at + 1] = c;
        }
        break;
    }
}

/* A section big enough for the streamer to cut between the items of its
 * list (DIGEST_PIECE, 64 KiB): the pieces are written direct, and only
 * their shape flags tell the streamer they join into one list. `variant`:
 * 0 a list alone, 1 a paragraph after it, 2 one before it, 3 a blank line
 * inside it (a loose list: the pieces do not join). Streamed with direct
 * on and off: the same bytes and result. */
static void check_big_list(int variant)
{
    size_t cap = 300000, len = 0, items = 0;
    char *md = malloc(cap);
    dossier_digest_stats st;
    text item;
    if (!md)
        abort();
    len += (size_t)sprintf(md + len, "## Index %d\n\n", variant);
    if (variant == 2)
        len += (size_t)sprintf(md + len, "Before the list.\n\n");
    while (len < 200000) {
        /* an entry of the participants' index: always in the subset */
        item.len = 0;
        puts_(&item, items == 0 || rnd(8) ? "- " : "  - ");
        word(&item);
        puts_(&item, rnd(2) ? " \\(" : " ");
        puts_(&item, nonascii[rnd(10)]); /* not U+FFFE/U+FFFF */
        digits(&item);
        puts_(&item, "\\) **");
        word(&item);
        puts_(&item, "** [");
        word(&item);
        puts_(&item, "](<https://x.org/");
        word(&item);
        puts_(&item, rnd(2) ? " a>)\n" : "\\>>)\n");
        if (variant == 3 && items == 1500)
            md[len++] = '\n';
        memcpy(md + len, item.data, item.len);
        len += item.len;
        items++;
    }
    if (variant == 1)
        len += (size_t)sprintf(md + len, "\nAfter the list.\n");
    len += (size_t)sprintf(md + len, "\n## Next\n\nText.\n");
    check_stream("big list", md, len, &st);
    /* cut into pieces, all written direct (the loose list is not cut:
     * DIGEST_WHOLE, on and off) */
    if (variant < 3 && (st.chunks < 4 || st.direct != st.chunks)) {
        failures++;
        printf("FAIL big list %d: %zu chunks, %zu direct (%zu bytes)\n",
               variant, st.chunks, st.direct, len);
    }
    free(md);
}

/* ---- known cases */

/* Shapes the default template makes: they must stay accepted (and equal
 * to cmark, as every case). */
static const char *const must_accept[] = {
    "## Title\n\n**3\xE2\x80\x93" "4 May 2018** \xC2\xB7 Dushanbe\n\n"
    "Summary.\n\n> Quote\n>\n> \xE2\x80\x94 Name, Position\n\n"
    "- Host: X \xC2\xB7 Y, Z\n- Source: [T](<https://x.org/a b>)\n",
    "# Dossier\n\nPeriod covered: **May 2018 \xE2\x80\x93 June 2019** "
    "\xC2\xB7 As of 2019\\-07\\-01\n",
    "## 1\\. Conference on \\(counter\\) terrorism\n\n"
    "- Organizers: OSCE \\(host\\)\n  - Office \\& Co\\.\n"
    "- Link: [https://osce.org/x](<https://osce.org/x>)\n",
    "- [a@b.org](<mailto:a@b.org>)\n- \\-5 \\+ 3\\.\n",
    "> a\n> b\n>\n> c\n\nText [x](<javascript:alert(1)>).\n",
    "## \xD0\x94\xD1\x83\xD1\x88\xD0\xB0\xD0\xBD\xD0\xB1\xD0\xB5\n\n"
    "\xD0\xB0\\-\xD0\xB1 1\\. 2\\) \\\\ \\* \\_ \\` \\< \\> \\! \\[ \\] \\#\n",
};

/* Inputs that once made the direct writer differ from cmark. Replayed as
 * every case: accepted or not, but if accepted, cmark's bytes. */
static const char *const regressions[] = {
    "[x](<a:\\&amp;>)\n",          /* an entity after an escaped '&' */
    "[a:&](<a:\\&amp;>)\n",
    "[x](<\\&#65;>)\n",
    "\xEF\xBB\xBFxyz\n",          /* cmark skips a BOM at the start */
    "a\\&b 1\\.x 1\\.\\! \\&amp;\n", /* cmark's consolidated text nodes */
    "[a ](<ab:&amp\\;>)\n",      /* a risky tree (blank at the link text's */
    "[ x](<y:&amp\\;>)\n",       /* edge) that a 2nd pass changes */
    "a\xEF\xBF\xBFz \xEF\xBF\xBE\n", /* cmark writes U+FFFF as 0xFF, */
    "\\\xEF\xBF\xBFt\n",           /* U+FFFE as 0xFE */
};

int main(int argc, char **argv)
{
    unsigned long cases = argc > 1 ? strtoul(argv[1], NULL, 10) : 200000;
    unsigned long i, before, before_rejected, dump = 0;
    text t;
    size_t k;

    if (argc > 2)
        rng ^= strtoull(argv[2], NULL, 10) * 0xD1B54A32D192ED03ULL;
    if (rng == 0)
        rng = 1; /* xorshift's one fixed point */
    if (argc > 3) /* show the first refused clean cases */
        dump = strtoul(argv[3], NULL, 10);

    for (k = 0; k < sizeof must_accept / sizeof must_accept[0]; k++) {
        const char *s = must_accept[k];
        if (!check_chunk("must accept", s, strlen(s))) {
            failures++;
            printf("FAIL no longer accepted: ");
            put_escaped(s, strlen(s));
            putchar('\n');
        }
        check_stream("must accept", s, strlen(s), NULL);
    }
    for (k = 0; k < sizeof regressions / sizeof regressions[0]; k++) {
        const char *s = regressions[k];
        check_chunk("regression", s, strlen(s));
        check_stream("regression", s, strlen(s), NULL);
    }

    for (k = 0; k < 4; k++)
        check_big_list((int)k);

    before = accepted;
    before_rejected = rejected;
    for (i = 0; i < cases; i++) {
        clean = chance(70);
        chunk(&t);
        if (odd(40)) {
            unsigned m = 1 + rnd(3);
            while (m--)
                mutate(&t);
        }
        if (!check_chunk("random", t.data, t.len) && clean && dump &&
            dump-- > 0) {
            printf("refused: ");
            put_escaped(t.data, t.len);
            putchar('\n');
        }
        if (i % 16 == 0)
            check_stream("random", t.data, t.len, NULL);
        if (failures > 20)
            break;
    }
    printf("direct: %lu random cases, %lu accepted (%.1f%%), %lu refused; "
           "%lu streamed on/off; accepted: %lu risky trees; %lu of %lu plain "
           "trees checked not at cmark's fixed point\n",
           i, accepted - before, 100.0 * (double)(accepted - before) /
           (double)(i ? i : 1), rejected - before_rejected, streamed, accepted_risky,
           cmark_unstable, plain_checked);
    if (i == cases && (accepted - before) * 100 < cases * 35) {
        printf("FAIL too few accepted: the subset shrank or the generator "
               "drifted\n");
        failures++;
    }
    if (failures) {
        printf("direct: %d failures\n", failures);
        return 1;
    }
    printf("direct tests passed\n");
    return 0;
}
