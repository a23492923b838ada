/* humanize.c - human-readable texts for the data view (see
 * humanize_internal.h). English only: the model's `language` is "en" for
 * every dossier we know of; other languages would get their own table. */
#include "humanize_internal.h"

#include <stdio.h>
#include <string.h>

#include <cmark.h>

#include "buf_internal.h"

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

#define EN_DASH "\xE2\x80\x93"

static int valid(dossier_date d)
{
    return d.year > 0 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= 31;
}

char *dossier_human_dates(dossier_arena *a, dossier_date s, dossier_date e)
{
    if (!valid(s))
        return NULL;
    if (!valid(e) || dossier_date_compare(s, e) >= 0)
        return dossier_arena_printf(a, "%d %s %d", s.day, month_names[s.month - 1],
                                    s.year);
    if (s.year == e.year && s.month == e.month)
        return dossier_arena_printf(a, "%d" EN_DASH "%d %s %d", s.day, e.day,
                                    month_names[s.month - 1], s.year);
    if (s.year == e.year)
        return dossier_arena_printf(a, "%d %s " EN_DASH " %d %s %d", s.day,
                                    month_names[s.month - 1], e.day,
                                    month_names[e.month - 1], e.year);
    return dossier_arena_printf(a, "%d %s %d " EN_DASH " %d %s %d", s.day,
                                month_names[s.month - 1], s.year, e.day,
                                month_names[e.month - 1], e.year);
}

/* 1234567 -> "1,234,567" (English digit grouping). */
static void grouped(char out[32], long n)
{
    char tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%ld", n), i, o = 0;
    int first = tmp[0] == '-' ? 1 : 0;
    for (i = 0; i < len; i++) {
        if (i > first && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = tmp[i];
    }
    out[o] = '\0';
}

static void count_phrase(dossier_buf *b, long n, const char *one,
                         const char *many)
{
    char num[32];
    grouped(num, n);
    dossier_buf_printf(b, "%s %s", num, n == 1 ? one : many);
}

char *dossier_human_attendance(dossier_arena *a, const dossier_attendance *att)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    char *res;
    int have_p = att->participants >= 0, have_c = att->countries >= 0,
        have_o = att->organizations >= 0;
    if (!have_p && !have_c && !have_o)
        return NULL;
    if (att->qualifier && att->qualifier[0]) {
        /* "more-than" is written as a key; the text says "more than". */
        const char *q;
        for (q = att->qualifier; *q; q++)
            dossier_buf_putc(&b, *q == '-' ? ' ' : *q);
        dossier_buf_putc(&b, ' ');
    }
    if (have_p) {
        count_phrase(&b, att->participants, "participant", "participants");
        if (have_c || have_o)
            dossier_buf_puts(&b, " from ");
    }
    if (have_c) {
        count_phrase(&b, att->countries, "country", "countries");
        if (have_o)
            dossier_buf_puts(&b, " and ");
    }
    if (have_o)
        count_phrase(&b, att->organizations, "organization", "organizations");
    if (b.failed) {
        dossier_buf_free(&b);
        return NULL;
    }
    res = dossier_arena_strndup(a, b.data, b.len);
    dossier_buf_free(&b);
    return res;
}

char *dossier_first_paragraph(dossier_arena *a, const char *body)
{
    cmark_node *doc, *para = NULL, *cur;
    cmark_iter *it;
    cmark_event_type ev;
    dossier_buf b = DOSSIER_BUF_INIT;
    char *res = NULL;
    size_t len;

    if (!body || !body[0])
        return NULL;
    doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
    if (!doc)
        return NULL;
    it = cmark_iter_new(doc);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cur = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cur) == CMARK_NODE_PARAGRAPH) {
            para = cur;
            break;
        }
    }
    cmark_iter_free(it);
    if (para) {
        it = cmark_iter_new(para);
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cur = cmark_iter_get_node(it);
            if (ev != CMARK_EVENT_ENTER)
                continue;
            switch (cmark_node_get_type(cur)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE: {
                const char *lit = cmark_node_get_literal(cur);
                if (lit)
                    dossier_buf_puts(&b, lit);
                break;
            }
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                dossier_buf_putc(&b, ' ');
                break;
            default:
                break;
            }
        }
        cmark_iter_free(it);
    }
    cmark_node_free(doc);
    len = b.len;
    while (len > 0 && b.data[len - 1] == ' ')
        len--;
    if (!b.failed && len > 0)
        res = dossier_arena_strndup(a, b.data, len);
    dossier_buf_free(&b);
    return res;
}
