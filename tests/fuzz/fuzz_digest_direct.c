/* fuzz_digest_direct.c - fuzz target: the digest's direct writer
 * (plugins/md/digest_direct.c) against cmark, on any bytes.
 *
 * When dossier_digest_direct accepts the input as a chunk, its text and
 * shape must be cmark's (one parse, fix_links, the CommonMark writer; see
 * tests/md/direct_oracle.h), and a tree dossier_digest_risky flags must be
 * at cmark's fixed point (with md.direct=0 it gets a second pass). Whatever
 * it accepts or not, the streamer must write the same bytes with direct on
 * and off. Any difference aborts, with the texts on stderr. The plugin's
 * sources are compiled in (the plugin hides them); no libdossier. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "direct_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *src, size_t len,
                 const char *a, const char *b)
{
    fprintf(stderr, "fuzz_digest_direct: %s\n--- input (%zu bytes)\n", what,
            len);
    fwrite(src, 1, len, stderr);
    fprintf(stderr, "\n--- direct / on\n%s\n--- cmark / off\n%s\n---\n", a,
            b);
    abort();
}

static void check_direct(const char *src, size_t len)
{
    cmark_mem *mem = cmark_get_default_mem_allocator();
    dossier_digest_shape ds;
    int outside = -1, stable = 0;
    oracle o;
    char *d = dossier_digest_direct(src, len, mem, &ds, &outside);
    char *fixed;

    if (!d) {
        if (outside != 1)
            fail("NULL without outside", src, len, "", "");
        return;
    }
    if (outside != 0)
        fail("text with outside set", src, len, d, "");
    oracle_make(src, len, &o);
    if (strcmp(d, o.text) != 0)
        fail("text differs from cmark", src, len, d, o.text);
    if (!oracle_shape_equal(&o, &ds))
        fail("shape differs from cmark", src, len, d, o.text);
    if (o.shape.risky) {
        fixed = dossier_digest_normalise(src, len, &stable);
        if (!fixed)
            abort();
        if (!stable || strcmp(fixed, o.text) != 0)
            fail("risky tree accepted, and a second pass changes it", src,
                 len, o.text, fixed);
        mem->free(fixed);
    }
    mem->free(o.text);
    mem->free(d);
}

static void check_stream(const char *src, size_t len)
{
    oracle_sink on = {NULL, 0, 0}, off = {NULL, 0, 0};
    int rc_on = oracle_stream(src, len, 1, &on, NULL);
    int rc_off = oracle_stream(src, len, 0, &off, NULL);
    if (rc_on != rc_off || on.len != off.len ||
        memcmp(on.data, off.data, on.len) != 0)
        fail("streamer writes other bytes with direct on and off", src, len,
             on.data, off.data);
    free(on.data);
    free(off.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    if (size > (1u << 16))
        return 0;
    check_direct(src, size);
    check_stream(src, size);
    return 0;
}
