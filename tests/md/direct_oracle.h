/* direct_oracle.h - what cmark makes of one digest chunk, for the tests of
 * dossier_digest_direct (tests/md/direct_test.c, tests/fuzz/
 * fuzz_digest_direct.c): the stream's own cmark pass,
 * dossier_digest_cmark_once (one parse with CMARK_OPT_DEFAULT, links made
 * safe, cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0), the tree's
 * shape), which is what dossier_digest_direct must equal; and the byte
 * sink the md tests write streams into (also tests/md/chunker_test.c).
 * Header-only, static inline: each test is one translation unit and uses
 * a part of it. */
#ifndef DOSSIER_DIRECT_ORACLE_H
#define DOSSIER_DIRECT_ORACLE_H

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "digest_internal.h"

typedef struct oracle {
    char *text;                 /* cmark's default allocator */
    dossier_digest_shape shape; /* risky: md.direct=0 gives a 2nd pass */
} oracle;

static inline void oracle_make(const char *src, size_t len, oracle *o)
{
    o->text = dossier_digest_cmark_once(src, len, &o->shape,
                                        cmark_get_default_mem_allocator());
    if (!o->text)
        abort();
}

/* The same shape flags as dossier_digest_direct's, and no open end. */
static inline int oracle_shape_equal(const oracle *o,
                                     const dossier_digest_shape *ds)
{
    return ds->starts_list == o->shape.starts_list &&
           ds->ends_list == o->shape.ends_list &&
           ds->only_list == o->shape.only_list && !o->shape.open_end;
}

/* What the streamer writes for md (Markdown, no verify) with direct on or
 * off: the bytes in *out (malloc'd, NUL-terminated), the result returned,
 * its counts in *stats when not NULL. */
typedef struct oracle_sink {
    char *data;
    size_t len, cap;
} oracle_sink;

static inline int oracle_sink_write(void *ud, const char *text, size_t len)
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

static inline int oracle_stream(const char *md, size_t len, int direct,
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
