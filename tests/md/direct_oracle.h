/* direct_oracle.h - what cmark makes of one digest chunk, for the tests of
 * dossier_digest_direct (tests/md/direct_test.c, tests/fuzz/
 * fuzz_digest_direct.c): one parse with CMARK_OPT_DEFAULT, digest_cmark.c's
 * fix_links, cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0), and the
 * tree's shape as digest_cmark.c's chunk_shape tells it. Those two are
 * static in the plugin, so their rules are repeated here (dossier_digest_url_fix
 * and dossier_digest_risky are the plugin's own). Header-only: each test is
 * one translation unit. */
#ifndef DOSSIER_DIRECT_ORACLE_H
#define DOSSIER_DIRECT_ORACLE_H

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "digest_internal.h"

/* fix_links: every LINK/IMAGE destination through dossier_digest_url_fix. */
static void oracle_fix_links(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(node);
        const char *url;
        char *fixed;
        size_t n, k;
        if (ev != CMARK_EVENT_ENTER ||
            (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE))
            continue;
        url = cmark_node_get_url(node);
        if (!url)
            continue;
        n = strlen(url);
        fixed = malloc(3 * n + 1);
        if (!fixed)
            abort();
        k = dossier_digest_url_fix(url, n, fixed);
        fixed[k] = '\0';
        if (k != n || memcmp(fixed, url, n) != 0)
            cmark_node_set_url(node, fixed);
        free(fixed);
    }
    cmark_iter_free(it);
}

/* chunk_shape's dash_list: a tight bullet list whose last item starts in
 * column 1 of a line beginning with '-'. */
static int oracle_dash_list(cmark_node *list, const char *src, size_t len)
{
    cmark_node *item;
    int line, i = 1;
    const char *p = src, *end = src + len;
    if (!list || cmark_node_get_type(list) != CMARK_NODE_LIST ||
        cmark_node_get_list_type(list) != CMARK_BULLET_LIST ||
        !cmark_node_get_list_tight(list))
        return 0;
    item = cmark_node_last_child(list);
    if (!item || cmark_node_get_start_column(item) != 1)
        return 0;
    line = cmark_node_get_start_line(item);
    while (i < line && p < end) { /* lines end at "\n", "\r\n" or "\r" */
        while (p < end && *p != '\n' && *p != '\r')
            p++;
        if (p == end)
            return 0;
        if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
        p++;
        i++;
    }
    return p < end && *p == '-';
}

typedef struct oracle {
    char *text; /* cmark's default allocator */
    int starts_list, ends_list, only_list;
    int open_end; /* ends with a code or HTML block */
    int risky;    /* dossier_digest_risky: md.direct=0 gives it a 2nd pass */
} oracle;

static void oracle_make(const char *src, size_t len, oracle *o)
{
    cmark_parser *parser = cmark_parser_new_with_mem(
        CMARK_OPT_DEFAULT, cmark_get_default_mem_allocator());
    cmark_node *doc, *first, *last;
    cmark_node_type lt;
    if (!parser)
        abort();
    cmark_parser_feed(parser, src, len);
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    if (!doc)
        abort();
    oracle_fix_links(doc);
    first = cmark_node_first_child(doc);
    last = cmark_node_last_child(doc);
    lt = last ? cmark_node_get_type(last) : CMARK_NODE_NONE;
    o->risky = dossier_digest_risky(doc);
    o->open_end = lt == CMARK_NODE_CODE_BLOCK || lt == CMARK_NODE_HTML_BLOCK;
    o->starts_list = first && oracle_dash_list(first, src, len);
    o->only_list = o->starts_list && first == last;
    o->ends_list = last && oracle_dash_list(last, src, len);
    o->text = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    cmark_node_free(doc);
    if (!o->text)
        abort();
}

/* The same shape flags as dossier_digest_direct's, and no open end. */
static int oracle_shape_equal(const oracle *o,
                              const dossier_digest_direct_shape *ds)
{
    return ds->starts_list == o->starts_list && ds->ends_list == o->ends_list &&
           ds->only_list == o->only_list && !o->open_end;
}

/* What the streamer writes for md (Markdown, no verify) with direct on or
 * off: the bytes in *out (malloc'd, NUL-terminated), the result returned,
 * its counts in *stats when not NULL. */
typedef struct oracle_sink {
    char *data;
    size_t len, cap;
} oracle_sink;

static int oracle_sink_write(void *ud, const char *text, size_t len)
{
    oracle_sink *k = ud;
    if (k->len + len + 1 > k->cap) {
        size_t cap = (k->len + len + 1) * 2;
        char *p = realloc(k->data, cap);
        if (!p)
            return -1;
        k->data = p;
        k->cap = cap;
    }
    memcpy(k->data + k->len, text, len);
    k->len += len;
    k->data[k->len] = '\0';
    return 0;
}

static int oracle_stream(const char *md, size_t len, int direct,
                         oracle_sink *out, dossier_digest_stats *stats)
{
    dossier_digest_stats st;
    dossier_digest_streamer *s = dossier_digest_streamer_new(
        0, 0, oracle_sink_write, out, stats ? stats : &st);
    int rc;
    if (!s)
        abort();
    dossier_digest_streamer_direct(s, direct);
    rc = dossier_digest_streamer_feed(s, md, len);
    if (rc == DIGEST_DONE)
        rc = dossier_digest_streamer_finish(s);
    dossier_digest_streamer_free(s);
    if (!out->data && oracle_sink_write(out, "", 0) != 0)
        abort();
    return rc;
}

#endif
