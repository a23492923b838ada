/* yaml_surrogates.c - UTF-16 surrogate-pair escapes in double-quoted text.
 *
 * JSON writes a character beyond U+FFFF as two \u escapes (Python's
 * json.dump does so by default: "\ud83d\ude00"), which libyaml 0.2.5
 * rejects. Before parsing, each valid high+low pair inside a double-quoted
 * scalar is rewritten to the equivalent 8-digit YAML escape "\U0001f600".
 * That is 10 characters instead of 12, so the rewrite records, per line, how
 * far later columns moved; the tree builder adds it back so positions still
 * point into the file as written. A lone surrogate is left alone: libyaml
 * fails on it and yaml_tree.c explains the error.
 *
 * Where double-quoted scalars are is found with a light scan (JSON is
 * exact; for YAML it follows quotes, comments and block scalars): a pair
 * outside such a scalar (in a comment or a block scalar) is text and is not
 * touched. Input without any "\uD8".."\uDB" costs one memchr pass. */
#include <stdlib.h>
#include <string.h>

#include "yaml_internal.h"

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The value of "\uXXXX" at s[i] (i at the backslash), or -1. */
static long u4(const unsigned char *s, size_t len, size_t i)
{
    long v = 0;
    size_t k;
    if (i + 6 > len || s[i] != '\\' || s[i + 1] != 'u')
        return -1;
    for (k = 2; k < 6; k++) {
        int h = hexval(s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* 1 when some "\u" + high-surrogate escape appears anywhere. */
static int has_candidate(const unsigned char *s, size_t len)
{
    const unsigned char *p = s, *end = s + len;
    while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
        long v = u4(s, len, (size_t)(p - s));
        if (v >= 0xD800 && v <= 0xDBFF)
            return 1;
        p++;
    }
    return 0;
}

/* Column of the first character of the line's node: leading spaces and
 * "- " sequence indicators skipped; for "- |" the dash's column. */
static unsigned node_indent(const unsigned char *s, size_t line_start, size_t at)
{
    size_t i = line_start, last_dash = (size_t)-1;
    for (;;) {
        while (i < at && s[i] == ' ')
            i++;
        if (i + 1 < at && s[i] == '-' && s[i + 1] == ' ') {
            last_dash = i;
            i += 2;
            continue;
        }
        break;
    }
    if (i >= at && last_dash != (size_t)-1)
        return (unsigned)(last_dash - line_start);
    return (unsigned)(i - line_start);
}

enum { ST_NORMAL, ST_DQ, ST_SQ, ST_COMMENT };

typedef struct shifts {
    dossier_col_shift *v;
    size_t n, cap;
} shifts;

static int add_shift(shifts *sh, unsigned line, unsigned col, unsigned total)
{
    if (sh->n == sh->cap) {
        size_t cap = sh->cap ? sh->cap * 2 : 16;
        dossier_col_shift *v = realloc(sh->v, cap * sizeof(*v));
        if (!v)
            return -1;
        sh->v = v;
        sh->cap = cap;
    }
    sh->v[sh->n].line = line;
    sh->v[sh->n].col = col;
    sh->v[sh->n].shift = total;
    sh->n++;
    return 0;
}

int dossier_yaml_join_surrogates(const char *text, size_t len, char **out,
                                 size_t *out_len, dossier_col_shift **map,
                                 size_t *map_count)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char *o;
    size_t i = 0, n = 0, line_start = 0;
    unsigned line = 0, col = 0, line_shift = 0; /* col: in the output */
    unsigned block = 0;  /* inside a block scalar deeper than block_ind */
    unsigned block_ind = 0, pending_block = 0;
    int state = ST_NORMAL, at_line_start = 1;
    unsigned char prev = 0; /* last non-blank character of the line (NORMAL) */
    shifts sh = {NULL, 0, 0};
    *out = NULL;
    *out_len = 0;
    *map = NULL;
    *map_count = 0;
    if (!has_candidate(s, len))
        return 0;
    if (!(o = malloc(len + 1)))
        return -1;
    while (i < len) {
        unsigned char c = s[i];
        if (at_line_start) {
            at_line_start = 0;
            line_start = i;
            if (block && state == ST_NORMAL) {
                size_t k = i;
                while (k < len && s[k] == ' ')
                    k++;
                if (k < len && s[k] != '\n' && s[k] != '\r' && k - i <= block_ind)
                    block = 0; /* a line at or left of the parent: block ends */
            }
        }
        if (c == '\n' || c == '\r') {
            o[n++] = c;
            i++;
            if (c == '\r' && i < len && s[i] == '\n')
                o[n++] = s[i++];
            line++;
            col = 0;
            line_shift = 0;
            at_line_start = 1;
            prev = 0;
            if (state == ST_COMMENT)
                state = ST_NORMAL;
            if (pending_block) {
                block = 1;
                pending_block = 0;
            }
            continue;
        }
        if (state == ST_DQ && c == '\\' && i + 1 < len) {
            long hi = u4(s, len, i), lo;
            if (hi >= 0xD800 && hi <= 0xDBFF &&
                (lo = u4(s, len, i + 6)) >= 0xDC00 && lo <= 0xDFFF) {
                static const char hex[] = "0123456789abcdef";
                unsigned long cp = 0x10000 + (((unsigned long)hi - 0xD800) << 10) +
                                   ((unsigned long)lo - 0xDC00);
                int k;
                o[n++] = '\\';
                o[n++] = 'U';
                for (k = 7; k >= 0; k--)
                    o[n++] = (unsigned char)hex[(cp >> (4 * k)) & 0xF];
                i += 12;
                col += 10;
                line_shift += 2;
                if (add_shift(&sh, line, col, line_shift) != 0) {
                    free(o);
                    free(sh.v);
                    return -1;
                }
                continue;
            }
            /* any other escape: keep the backslash and the escaped byte */
            o[n++] = s[i++];
            col++;
            if (s[i] == '\n' || s[i] == '\r')
                continue; /* an escaped line break still ends the line */
            c = s[i];
        } else if (state == ST_DQ && c == '"') {
            state = ST_NORMAL;
            prev = c;
        } else if (state == ST_SQ && c == '\'') {
            if (i + 1 < len && s[i + 1] == '\'') { /* '' is a quote */
                o[n++] = s[i++];
                col++;
                c = s[i];
            } else {
                state = ST_NORMAL;
                prev = c;
            }
        } else if (state == ST_NORMAL && !block) {
            int scalar_start = prev == 0 || prev == ':' || prev == ',' || prev == '[' ||
                               prev == '{' || prev == '-' || prev == '?';
            if (c == '"' && scalar_start)
                state = ST_DQ;
            else if (c == '\'' && scalar_start)
                state = ST_SQ;
            else if (c == '#' && (i == line_start || s[i - 1] == ' ' || s[i - 1] == '\t'))
                state = ST_COMMENT;
            else if ((c == '|' || c == '>') && scalar_start && prev != ',' &&
                     prev != '[' && prev != '{') {
                pending_block = 1;
                block_ind = node_indent(s, line_start, i);
            }
            if (c != ' ' && c != '\t' && state != ST_COMMENT)
                prev = c;
        }
        o[n++] = c;
        i++;
        if ((c & 0xC0) != 0x80)
            col++;
    }
    if (sh.n == 0) { /* only lone surrogates, or pairs outside quotes */
        free(o);
        return 0;
    }
    o[n] = '\0';
    *out = (char *)o;
    *out_len = n;
    *map = sh.v;
    *map_count = sh.n;
    return 1;
}

unsigned dossier_col_unshift(const dossier_col_shift *map, size_t count, unsigned line,
                             unsigned col)
{
    size_t lo = 0, hi = count;
    /* the last entry at or before (line, col) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map[mid].line < line || (map[mid].line == line && map[mid].col <= col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && map[lo - 1].line == line)
        return col + map[lo - 1].shift;
    return col;
}
