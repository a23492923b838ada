/* xlsx_write.c - the only way cells get written.
 *
 * Every piece of input text goes through xlsx_text(), which always uses
 * worksheet_write_string(): text beginning with = + - @ stays a string, never
 * a formula (only the totals built by xlsx_matrix.c are formulas). It also
 * enforces Excel's per-cell limit with a visible marker, because a silently
 * shortened quotation in a briefing is worse than a visibly shortened one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlsx_internal.h"

/* ---- growable string ---- */

static int sb_grow(xlsx_sb *sb, size_t extra)
{
    size_t want = sb->len + extra + 1, cap = sb->cap ? sb->cap : 256;
    char *p;
    if (sb->oom)
        return -1;
    if (want <= sb->cap)
        return 0;
    while (cap < want)
        cap *= 2;
    p = realloc(sb->s, cap);
    if (!p) {
        sb->oom = 1;
        return -1;
    }
    sb->s = p;
    sb->cap = cap;
    return 0;
}

int xlsx_sb_reserve(xlsx_sb *sb, size_t n)
{
    return sb_grow(sb, n);
}

void xlsx_sb_clear(xlsx_sb *sb)
{
    sb->len = 0;
    if (sb->s)
        sb->s[0] = '\0';
}

void xlsx_sb_addn(xlsx_sb *sb, const char *s, size_t n)
{
    /* sb_grow only when it has something to do: joins add short pieces */
    if ((sb->oom || sb->len + n >= sb->cap) && sb_grow(sb, n) != 0)
        return;
    memcpy(sb->s + sb->len, s, n);
    sb->len += n;
    sb->s[sb->len] = '\0';
}

void xlsx_sb_add(xlsx_sb *sb, const char *s)
{
    if (s)
        xlsx_sb_addn(sb, s, strlen(s));
}

void xlsx_sb_item(xlsx_sb *sb, const char *sep, const char *s)
{
    if (!s || !*s)
        return;
    if (sb->len)
        xlsx_sb_add(sb, sep);
    xlsx_sb_add(sb, s);
}

void xlsx_sb_free(xlsx_sb *sb)
{
    free(sb->s);
    memset(sb, 0, sizeof *sb);
}

/* ---- errors ---- */

void xlsx_check(xlsx_writer *w, lxw_error err)
{
    if (err != LXW_NO_ERROR && !w->lxw_failed) {
        w->lxw_failed = (int)err;
        w->api->report(w->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "xlsx: libxlsxwriter: %s", lxw_strerror(err));
    }
}

#define where_report(w, where, ...)                                          \
    (w)->api->report((w)->ctx, DOSSIER_SEV_WARNING,                          \
                     (where) ? (where)->file : NULL,                         \
                     (where) ? (where)->line : 0, (where) ? (where)->col : 0, \
                     __VA_ARGS__)

/* ---- text ---- */

/* Length of the UTF-8 sequence starting with byte c (input is valid UTF-8:
 * the loader rejects anything else). */
static size_t u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* UTF-16 code units, which is what Excel's 32,767 limit counts. */
static size_t u16units(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c & 0xC0) != 0x80)
            n += c >= 0xF0 ? 2 : 1;
    }
    return n;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* "_xHHHH_" at s? */
static int xml_escape_like(const char *s)
{
    return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) &&
           is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

/* Per-byte classes for the one pass over a cell's text (scan_text). */
enum {
    SC_CHAR = 1,    /* starts a character: one UTF-16 unit */
    SC_PAIR = 2,    /* starts a 4-byte character: a second unit */
    SC_LOOK = 4     /* control character, '\n' or '_': look closer */
};

/* Indexed by byte: control characters but tab, and '_', are SC_LOOK;
 * continuation bytes 0x80-0xBF are no character; 0xF0-0xFF lead 4-byte
 * sequences (two UTF-16 units). */
static const unsigned char sc_class[256] = {
    5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

/* What xlsx_text needs to know about a text, from one pass over it. */
typedef struct scan {
    size_t units;  /* UTF-16 code units */
    unsigned lines;/* xlsx_lines() of the text in the current column width */
    int plain;     /* 1: nothing to replace, the text can be written as is */
} scan;

/* Lines as xlsx_lines() counts them: a line of n characters wraps
 * (n - 1) / per times. */
static unsigned add_wraps(unsigned lines, size_t n, size_t per)
{
    size_t more = n ? (n - 1) / per : 0;
    return more >= 1000 ? 1000 : lines + (unsigned)more;
}

static size_t chars_per_line(double width)
{
    return width > 3 ? (size_t)(width * 1.1) - 1 : 1;
}

/* Units, plainness and, when per > 0, the wrapped line count. The common
 * cell (no control characters, no "_xHHHH_") costs one table lookup per
 * byte and no copy. */
#define SWAR_01 UINT64_C(0x0101010101010101)
#define SWAR_80 UINT64_C(0x8080808080808080)

/* Characters among 8 bytes that need no closer look (no control character,
 * '_' or 4-byte lead), else -1. Bytes 10xxxxxx continue a character. */
static int swar_chars(const unsigned char *p)
{
    uint64_t x, low, und, four;
    memcpy(&x, p, 8);
    low = (x - 0x20 * SWAR_01) & ~x & SWAR_80;        /* a byte < 0x20 */
    und = ((x ^ 0x5F * SWAR_01) - SWAR_01) & ~(x ^ 0x5F * SWAR_01) & SWAR_80;
    four = x & (x << 1) & (x << 2) & (x << 3) & SWAR_80; /* a byte >= 0xF0 */
    if (low | und | four)
        return -1;
    /* continuation bytes as 0/1 per byte, summed by the multiply */
    return 8 - (int)((((x & ~(x << 1) & SWAR_80) >> 7) * SWAR_01) >> 56);
}

static void scan_text(const char *text, size_t per, scan *out)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + strlen(text);
    size_t chars = 0, pairs = 0, line0 = 0;
    unsigned lines = 1;
    int plain = 1;
    while (p < end) {
        const unsigned char *stop;
        int n;
        if (end - p >= 8 && (n = swar_chars(p)) >= 0) {
            chars += (size_t)n;
            p += 8;
            continue;
        }
        /* Byte by byte up to the next 8-byte block. */
        for (stop = end - p > 8 ? p + 8 : end; p < stop; p++) {
            unsigned char c = *p;
            unsigned k = sc_class[c];
            if (k & SC_LOOK) {
                if (c == '\n') {
                    if (per)
                        lines = add_wraps(lines, chars - line0, per) + 1;
                    line0 = chars + 1; /* the newline is no column */
                } else if (c != '_' || xml_escape_like((const char *)p)) {
                    plain = 0;
                }
            }
            chars += k & SC_CHAR;
            pairs += (k & SC_PAIR) >> 1;
        }
    }
    if (per)
        lines = add_wraps(lines, chars - line0, per);
    out->units = chars + pairs;
    out->lines = lines > 1000 ? 1000 : lines;
    out->plain = plain;
}

unsigned xlsx_lines(const char *text, double width)
{
    scan sc;
    scan_text(text, chars_per_line(width), &sc);
    return sc.lines;
}

/* The cell text of `text`: control characters replaced, "_xHHHH_" escaped,
 * cut at Excel's limit with the marker. Returns the text to write (`text`
 * itself when nothing changes, else w->scratch), NULL when the cell stays
 * empty; sets *lines for wrapped columns. */
static const char *cell_text(xlsx_writer *w, lxw_row_t r, lxw_col_t c,
                             const char *text, int wrap, unsigned *lines,
                             const dossier_pos *where)
{
    const char *marker;
    size_t units = 0, limit = XLSX_CELL_MAX_UNITS, i, n, per = 0;
    xlsx_sb *sb = &w->scratch;
    scan sc;
    char *o;

    if (wrap)
        per = chars_per_line(w->widths[c]);
    scan_text(text, per, &sc);
    *lines = sc.lines;
    if (sc.plain && sc.units <= XLSX_CELL_MAX_UNITS)
        return text;

    marker = w->cfg->labels[XL_TRUNCATED];
    if (u16units(marker) > 200) /* a template's marker must leave room */
        marker = "\xE2\x80\xA6";
    if (sc.units > XLSX_CELL_MAX_UNITS) /* keep room for " " + marker */
        limit = XLSX_CELL_MAX_UNITS - u16units(marker) - 1;
    /* At most 7 bytes out per 7 in ("_xHHHH_" -> "_x005F_xHHHH_" is 13 for
     * 7), so twice the input plus the marker always fits. */
    n = strlen(text);
    xlsx_sb_clear(sb);
    if (xlsx_sb_reserve(sb, 2 * n + strlen(marker) + 2) != 0) {
        xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    o = sb->s;
    for (i = 0; text[i];) {
        unsigned char ch = (unsigned char)text[i];
        n = u8len(ch);
        if (units + (n == 4 ? 2 : 1) > limit)
            break;
        if (ch == '_' && xml_escape_like(text + i)) {
            /* Excel decodes "_xHHHH_" in cell text; "_x005F_" is its escape
             * for a literal underscore, so "_x0041_" stays "_x0041_". */
            if (units + 7 > limit)
                break;
            memcpy(o, "_x005F", 6);
            o += 6;
            units += 6;
        }
        if (ch < 0x20 && ch != '\n' && ch != '\t') {
            /* XML 1.0 cannot carry them; \r of CRLF just disappears. */
            if (ch != '\r')
                *o++ = ' ';
        } else {
            memcpy(o, text + i, n);
            o += n;
        }
        units += n == 4 ? 2 : 1;
        i += n;
    }
    if (sc.units > XLSX_CELL_MAX_UNITS) {
        char cell[16];
        char total[32];
        *o++ = ' ';
        memcpy(o, marker, strlen(marker));
        o += strlen(marker);
        w->truncated++;
        lxw_rowcol_to_cell(cell, r, c);
        snprintf(total, sizeof total, "%zu", sc.units);
        where_report(w, where,
                     "xlsx: text of %s characters (UTF-16 units, as Excel counts) cut "
                     "to Excel's cell limit of "
                     "32,767 (cell %s); the full text is in the source",
                     total, cell);
    }
    *o = '\0';
    sb->len = (size_t)(o - sb->s);
    if (sb->len == 0) /* only carriage returns: leave the cell empty */
        return NULL;
    if (wrap)
        *lines = xlsx_lines(sb->s, w->widths[c]);
    return sb->s;
}

/* xlsx_text without the write: the cleaned text, NULL for an empty cell;
 * records the row's wrapped lines. */
static const char *text_for_cell(xlsx_writer *w, lxw_worksheet *ws,
                                 lxw_row_t r, lxw_col_t c, const char *text,
                                 lxw_format *fmt, const dossier_pos *where)
{
    unsigned lines = 1;
    int wrap = fmt == w->f_wrap && c < w->nwidths;
    const char *s;
    if (!ws || !text || !*text)
        return NULL;
    s = cell_text(w, r, c, text, wrap, &lines, where);
    if (s && wrap && lines > w->row_lines)
        w->row_lines = lines;
    return s;
}

void xlsx_text(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
               const char *text, lxw_format *fmt, const dossier_pos *where)
{
    const char *s = text_for_cell(w, ws, r, c, text, fmt, where);
    if (s)
        xlsx_check(w, worksheet_write_string(ws, r, c, s, fmt));
}

void xlsx_row_done(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r)
{
    double h;
    if (w->row_lines > 1) {
        h = 15.0 * w->row_lines;
        xlsx_check(w, worksheet_set_row(ws, r, h > 409 ? 409 : h, NULL));
    }
    w->row_lines = 0;
}

/* ---- hyperlinks ---- */

static int url_safe(const char *url, const char **why)
{
    static const char *const schemes[] = {"http://", "https://", "ftp://",
                                          "mailto:"};
    size_t i, len = 0, anchor = 0;
    int ok = 0, in_anchor = 0;
    for (i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            ok = 1;
    if (!ok) {
        *why = "it is not an http, https, ftp or mailto link";
        return 0;
    }
    /* libxlsxwriter treats these words anywhere in a URL as link types. */
    if (strstr(url, "internal:") || strstr(url, "external:")) {
        *why = "it contains 'internal:' or 'external:'";
        return 0;
    }
    for (i = 0; url[i]; i++) {
        unsigned char c = (unsigned char)url[i];
        size_t cost = (c <= ' ' || c >= 0x7F || strchr("\"<>\\^`{|}", c)) ? 3 : 1;
        if (c < ' ') {
            *why = "it contains control characters";
            return 0;
        }
        if (in_anchor)
            anchor++;
        else if (c == '#')
            in_anchor = 1;
        else
            len += cost;
    }
    if (len > XLSX_URL_MAX) {
        *why = "it is longer than Excel's 2,079-character link limit";
        return 0;
    }
    if (anchor > XLSX_URL_ANCHOR_MAX) {
        *why = "its #anchor is longer than Excel's 255-character limit";
        return 0;
    }
    return 1;
}

void xlsx_url(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
              const char *url, const char *display, const char *tip,
              const dossier_pos *where)
{
    const char *why = NULL;
    char tipbuf[256];
    if (!ws || !url || !*url)
        return;
    if (!display || !*display)
        display = url;
    if (w->url_count >= w->max_links) {
        if (!w->url_limit_warned)
            where_report(w, where,
                         "xlsx: more than %u links on one sheet (Excel allows "
                         "65,530; see -O xlsx.max_links); further links are "
                         "written as text", w->max_links);
        w->url_limit_warned = 1;
        xlsx_text(w, ws, r, c, display, w->f_text, where);
        return;
    }
    if (!url_safe(url, &why)) {
        where_report(w, where, "xlsx: link '%.200s' written as text: %s", url,
                     why);
        xlsx_text(w, ws, r, c, display, w->f_text, where);
        return;
    }
    if (u16units(display) >= XLSX_CELL_MAX_UNITS) {
        xlsx_text(w, ws, r, c, display, w->f_text, where);
        return;
    }
    /* Excel shows at most 255 characters of a tooltip. */
    if (tip) {
        size_t n = strlen(tip), k = 0;
        while (k < n && k < 250) {
            size_t step = u8len((unsigned char)tip[k]);
            if (k + step > 250)
                break;
            k += step;
        }
        memcpy(tipbuf, tip, k);
        tipbuf[k] = '\0';
        tip = tipbuf;
    }
    /* The display string goes through the same cleaning as other text;
     * worksheet_write_url_opt() writes it as the cell's string. */
    display = text_for_cell(w, ws, r, c, display, w->f_url, where);
    if (w->lxw_failed || !display)
        return;
    xlsx_check(w, worksheet_write_url_opt(ws, r, c, url, w->f_url, display,
                                          (char *)tip));
    w->url_count++;
}

/* ---- numbers and dates ---- */

void xlsx_date(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
               dossier_date d)
{
    lxw_datetime dt;
    char iso[11];
    if (!ws || d.year <= 0)
        return;
    if (d.year < 1900) { /* before Excel's epoch: keep it readable as text */
        xlsx_text(w, ws, r, c, dossier_date_format(d, iso), w->f_text, NULL);
        return;
    }
    dt.year = d.year;
    dt.month = d.month;
    dt.day = d.day;
    dt.hour = 0;
    dt.min = 0;
    dt.sec = 0;
    xlsx_check(w, worksheet_write_datetime(ws, r, c, &dt, w->f_date));
}

void xlsx_long(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
               long v)
{
    if (ws && v >= 0)
        xlsx_check(w, worksheet_write_number(ws, r, c, (double)v, w->f_int));
}

char *xlsx_xml_chars(char *s)
{
    char *p;
    for (p = s; p && *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            *p = ' ';
    return s;
}

char *xlsx_date_text(dossier_date d, const char *pattern, char buf[32])
{
    size_t o = 0;
    const char *p = pattern ? pattern : "yyyy-mm-dd";
    buf[0] = '\0';
    if (d.year <= 0)
        return buf;
    while (*p && o < 20) {
        if (strncmp(p, "yyyy", 4) == 0) {
            o += (size_t)snprintf(buf + o, 32 - o, "%04d", d.year);
            p += 4;
        } else if (strncmp(p, "mm", 2) == 0) {
            o += (size_t)snprintf(buf + o, 32 - o, "%02d", d.month);
            p += 2;
        } else if (strncmp(p, "dd", 2) == 0) {
            o += (size_t)snprintf(buf + o, 32 - o, "%02d", d.day);
            p += 2;
        } else {
            buf[o++] = *p++;
        }
    }
    buf[o] = '\0';
    return buf;
}

const char *xlsx_entity_short(const dossier_entity *e)
{
    return e->short_name ? e->short_name : e->name;
}

const char *xlsx_entity_label(const xlsx_config *cfg, const dossier_entity *e,
                              xlsx_sb *sb)
{
    if (cfg->m_label_mode == 1)
        return xlsx_entity_short(e);
    if (cfg->m_label_mode == 0 || !e->short_name ||
        strcmp(e->short_name, e->name) == 0)
        return e->name;
    xlsx_sb_clear(sb);
    xlsx_sb_add(sb, e->name);
    xlsx_sb_add(sb, " (");
    xlsx_sb_add(sb, e->short_name);
    xlsx_sb_add(sb, ")");
    return sb->oom ? e->name : sb->s;
}

/* ---- sheets ---- */

/* "Page &P of &N" centred; the label may use Excel's &-codes. */
void xlsx_footer(xlsx_writer *w, lxw_worksheet *ws)
{
    char buf[256];
    snprintf(buf, sizeof buf, "&C%.200s", w->cfg->labels[XL_PAGE_FOOTER]);
    xlsx_check(w, worksheet_set_footer(ws, xlsx_xml_chars(buf)));
}

/* Table and defined names: a letter or _ first, then letters, digits, _ or
 * ., and nothing that Excel would read as a cell reference. */
static int name_ok(const char *s)
{
    size_t i, letters = 0;
    if (!s || !*s || strlen(s) > 200)
        return 0;
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (i = 0; s[i]; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '.'))
            return 0;
    }
    while (letters < 3 && ((s[letters] >= 'A' && s[letters] <= 'Z') ||
                           (s[letters] >= 'a' && s[letters] <= 'z')))
        letters++;
    if (letters > 0 && s[letters] >= '0' && s[letters] <= '9') {
        for (i = letters; s[i] >= '0' && s[i] <= '9'; i++)
            ;
        if (!s[i])
            return 0; /* like "AB12" */
    }
    if ((s[0] == 'R' || s[0] == 'r' || s[0] == 'C' || s[0] == 'c') && !s[1])
        return 0;
    return 1;
}

void xlsx_define_range(xlsx_writer *w, xlsx_sheet_id id, lxw_row_t last_row,
                       lxw_col_t last_col)
{
    const xlsx_sheet_cfg *sc = &w->cfg->sheets[id];
    char a[24], b[24];
    xlsx_sb f = {0};
    const char *p;
    if (!sc->table)
        return;
    if (!name_ok(sc->table)) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: '%s' cannot be an Excel name; no name defined for "
                       "sheet '%s'", sc->table, sc->name);
        return;
    }
    lxw_rowcol_to_cell_abs(a, 0, 0, 1, 1);
    lxw_rowcol_to_cell_abs(b, last_row, last_col, 1, 1);
    xlsx_sb_add(&f, "='");
    for (p = sc->name; *p; p++) {
        xlsx_sb_addn(&f, p, 1);
        if (*p == '\'') /* quotes in a sheet name are doubled */
            xlsx_sb_addn(&f, "'", 1);
    }
    xlsx_sb_add(&f, "'!");
    xlsx_sb_add(&f, a);
    xlsx_sb_add(&f, ":");
    xlsx_sb_add(&f, b);
    if (!f.oom)
        xlsx_check(w, workbook_define_name(w->wb, sc->table, f.s));
    xlsx_sb_free(&f);
}

/* Table headers must be unique; a template could repeat a label. */
static char **unique_labels(const char *const *labels, size_t n)
{
    char **out = calloc(n ? n : 1, sizeof *out);
    size_t i, j;
    if (!out)
        return NULL;
    for (i = 0; i < n; i++) {
        const char *l = labels[i] && *labels[i] ? labels[i] : "Column";
        int k = 1, clash;
        char *s = NULL;
        do {
            size_t len = strlen(l) + 16;
            free(s);
            s = malloc(len);
            if (!s)
                break;
            if (k == 1)
                snprintf(s, len, "%s", l);
            else
                snprintf(s, len, "%s (%d)", l, k);
            clash = 0;
            for (j = 0; j < i; j++)
                if (out[j] && strcasecmp(out[j], s) == 0)
                    clash = 1;
            k++;
        } while (clash);
        out[i] = s;
    }
    return out;
}

static void free_labels(char **l, size_t n)
{
    size_t i;
    for (i = 0; l && i < n; i++)
        free(l[i]);
    free(l);
}

/* Table mode needs a data row (Excel rejects header-only tables) and a
 * valid name. */
static int use_table(const xlsx_writer *w, xlsx_sheet_id id, size_t nrows)
{
    const char *t = w->cfg->sheets[id].table;
    return w->tables && nrows > 0 && t && name_ok(t);
}

lxw_worksheet *xlsx_add_sheet(xlsx_writer *w, xlsx_sheet_id id)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, w->cfg->sheets[id].name);
    /* libxlsxwriter streams each row to optimize_tmpfile and has written
     * nothing to it yet, so setvbuf() is still allowed; the buffer must
     * outlive workbook_close(), which reads the file back and closes it. */
    if (ws && !w->tables && ws->optimize_tmpfile && !w->iobuf[id]) {
        w->iobuf[id] = malloc(XLSX_IOBUF);
        if (w->iobuf[id] &&
            setvbuf(ws->optimize_tmpfile, w->iobuf[id], _IOFBF, XLSX_IOBUF) != 0) {
            free(w->iobuf[id]);
            w->iobuf[id] = NULL;
        }
    }
    return ws;
}

lxw_worksheet *xlsx_sheet_begin(xlsx_writer *w, xlsx_sheet_id id,
                                const char *const *labels, const double *widths,
                                size_t ncols, size_t nrows)
{
    lxw_worksheet *ws = xlsx_add_sheet(w, id);
    char **uniq;
    size_t c;
    double total = 0;
    if (!ws) {
        w->api->report(w->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "xlsx: cannot add sheet '%s'", w->cfg->sheets[id].name);
        w->lxw_failed = 1;
        return NULL;
    }
    w->url_count = 0;
    w->url_limit_warned = 0;
    w->widths = widths;
    w->nwidths = ncols;
    w->row_lines = 0;
    for (c = 0; c < ncols; c++) {
        xlsx_check(w, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                           widths[c], NULL));
        total += widths[c];
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    /* Fit to the page width only while the text stays readable. */
    if (total <= 300)
        worksheet_fit_to_pages(ws, 1, 0);
    xlsx_check(w, worksheet_repeat_rows(ws, 0, 0));
    xlsx_footer(w, ws);
    /* Before any row is written: constant-memory mode checks row numbers. */
    if (!use_table(w, id, nrows) && ncols > 0) {
        xlsx_check(w, worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows,
                                           (lxw_col_t)(ncols - 1)));
        xlsx_define_range(w, id, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1));
    }
    uniq = unique_labels(labels, ncols);
    for (c = 0; uniq && c < ncols; c++)
        xlsx_text(w, ws, 0, (lxw_col_t)c, uniq[c], w->f_header, NULL);
    free_labels(uniq, ncols);
    w->row_lines = 0;
    return ws;
}

void xlsx_sheet_end(xlsx_writer *w, lxw_worksheet *ws, xlsx_sheet_id id,
                    const char *const *labels, size_t ncols, size_t nrows)
{
    const xlsx_sheet_cfg *sc = &w->cfg->sheets[id];
    lxw_col_t last = (lxw_col_t)(ncols ? ncols - 1 : 0);
    if (!ws || ncols == 0)
        return;
    if (use_table(w, id, nrows)) {
        /* A real Excel table: pivot tables and Power Query list it by name.
         * worksheet_add_table() rewrites the header cells itself. */
        lxw_table_options opt;
        lxw_table_column *colv = calloc(ncols, sizeof *colv);
        lxw_table_column **colp = calloc(ncols + 1, sizeof *colp);
        char **uniq = unique_labels(labels, ncols);
        size_t c;
        if (colv && colp && uniq) {
            for (c = 0; c < ncols; c++) {
                colv[c].header = uniq[c];
                colv[c].header_format = w->f_header;
                colp[c] = &colv[c];
            }
            memset(&opt, 0, sizeof opt);
            opt.name = (char *)sc->table;
            opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
            opt.style_type_number = 9;
            opt.columns = colp;
            xlsx_check(w, worksheet_add_table(ws, 0, 0, (lxw_row_t)nrows, last,
                                              &opt));
        } else {
            xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        }
        free_labels(uniq, ncols);
        free(colv);
        free(colp);
    }
}
