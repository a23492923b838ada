/* chunker_test.c - the digest's incremental chunker (plugins/md) against
 * its whole-text form.
 *
 * dossier_digest_stream cuts a finished text into chunks; the streamer gets
 * the same text in pieces while the template renders. Fed in pieces of 1,
 * 2, 3, 7, 1000 and 65536 bytes and of random sizes, it must write the same
 * bytes, give the same result and count the same chunks, for Markdown and
 * HTML, on texts that exercise every cut: many sections, a list section big
 * enough to be cut into pieces, a "## " line split across feeds, a section
 * ending in a code block or holding a link reference definition (both give
 * DIGEST_WHOLE), empty chunks, no final newline.
 *
 *   chunker_test [FILE.md]...   (synthetic texts, then each file) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "direct_oracle.h" /* oracle_sink: a growable byte sink */

static int failures;

/* A xorshift generator: the same "random" feeds on every run. */
static unsigned long long rng = 88172645463325252ULL;
static size_t next_rand(size_t max)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t)(rng % max) + 1;
}

/* Feeds md to s in pieces of `piece` bytes (0: random sizes up to
 * rand_max), finishes it if every feed succeeded and frees it; returns the
 * first result that is not DIGEST_DONE, else the finish's. */
static int feed_all(dossier_digest_streamer *s, const char *md, size_t len,
                    size_t piece, size_t rand_max)
{
    size_t at = 0;
    int rc = DIGEST_DONE;
    while (at < len && rc == DIGEST_DONE) {
        size_t n = piece ? piece : next_rand(rand_max);
        if (n > len - at)
            n = len - at;
        rc = dossier_digest_streamer_feed(s, md + at, n);
        at += n;
    }
    if (rc == DIGEST_DONE)
        rc = dossier_digest_streamer_finish(s);
    dossier_digest_streamer_free(s);
    return rc;
}

static void check_text(const char *label, const char *md, size_t len, int html,
                       int want)
{
    static const size_t sizes[] = {1, 2, 3, 7, 1000, 65536, 0 /* random */};
    dossier_digest_stats ref_stats, st;
    oracle_sink ref = {NULL, 0, 0};
    size_t k;
    int ref_rc = dossier_digest_stream(md, len, html, 0, 1, oracle_sink_write,
                                       &ref, &ref_stats);

    if (want >= 0 && ref_rc != want) {
        fprintf(stderr, "FAIL %s (%s): whole-text result %d, want %d\n", label,
                html ? "html" : "md", ref_rc, want);
        failures++;
    }
    /* k past the sizes: again with worker threads (1 or 3 workers, queues
     * of 1 to 6 chunks), fed in random pieces */
    for (k = 0; k < sizeof sizes / sizeof sizes[0] + 4; k++) {
        static const int workers[] = {1, 3, 1, 3}, depth[] = {1, 3, 2, 6};
        oracle_sink got = {NULL, 0, 0};
        dossier_digest_streamer *s =
            dossier_digest_streamer_new(html, 0, oracle_sink_write, &got, &st);
        size_t nsizes = sizeof sizes / sizeof sizes[0];
        int rc, t = k >= nsizes ? (int)(k - nsizes) : -1;
        if (!s) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        if (t >= 0 && dossier_digest_streamer_pipeline(s, workers[t], depth[t]) != 0) {
            fprintf(stderr, "FAIL: no worker thread\n");
            failures++;
        }
        rc = feed_all(s, md, len, k < nsizes ? sizes[k] : 0, t >= 2 ? 70000 : 5000);
        /* On DIGEST_WHOLE the caller discards the output: only the result
         * matters. Otherwise: the same bytes and the same chunks. */
        if (rc != ref_rc ||
            (rc == DIGEST_DONE &&
             (got.len != ref.len ||
              (ref.len && memcmp(got.data, ref.data, ref.len) != 0) ||
              st.chunks != ref_stats.chunks))) {
            fprintf(stderr, "FAIL %s (%s), pieces of %zu, workers %d: result "
                    "%d/%d, %zu/%zu bytes, %zu/%zu chunks\n", label,
                    html ? "html" : "md", k < nsizes ? sizes[k] : 0,
                    t >= 0 ? workers[t] : 0, rc, ref_rc, got.len,
                    ref.len, st.chunks, ref_stats.chunks);
            failures++;
        }
        free(got.data);
    }
    printf("%-28s %-4s %s, %zu chunks, %zu bytes\n", label, html ? "html" : "md",
           ref_rc == DIGEST_DONE ? "chunked" : ref_rc == DIGEST_WHOLE ? "whole"
                                                                      : "error",
           ref_stats.chunks, ref.len);
    free(ref.data);
}

static void add(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        if (!*buf)
            exit(2);
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* A digest-like text: a title, `events` sections, and an index section of
 * `items` list items (over 2 x 64 KiB with 4000, so it is cut in pieces).
 * `tail` is appended last. */
static char *make_text(int events, int items, const char *tail, size_t *len)
{
    char *buf = NULL, line[256];
    size_t cap = 0;
    int i;
    *len = 0;
    add(&buf, len, &cap, "# Digest\n\nPrepared by *someone*.\n\n");
    for (i = 0; i < events; i++) {
        snprintf(line, sizeof line,
                 "## Event %d: a \\*title\\*\n\n*%d May 2018* · Vienna\n\n"
                 "Summary of event %d with a [link](<https://example.org/%d>).\n\n"
                 "- **Host:** Entity %d\n- Participants: %d\n\n"
                 "> A quote.\n> -- Somebody\n\n",
                 i, 1 + i % 28, i, i, i, i * 3);
        add(&buf, len, &cap, line);
        if (i % 7 == 3)
            add(&buf, len, &cap, "#### Not a cut\n\n### Nor this\n\n##No space\n\n");
    }
    add(&buf, len, &cap, "## Index of participants\n\n");
    for (i = 0; i < items; i++) {
        snprintf(line, sizeof line,
                 "- **Entity number %d** (XY): [Event %d](#event-%d), "
                 "[Event %d](#event-%d)\n", i, i, i, i + 1, i + 1);
        add(&buf, len, &cap, line);
        if (i % 997 == 500)
            add(&buf, len, &cap, "-   spaced item\n- \n");
    }
    add(&buf, len, &cap, tail);
    return buf;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* A chunked result must equal the whole-document normalisation, unless
 * the chunker gave up (DIGEST_WHOLE, and the caller renders whole). */
static void check_against_whole(const char *label, const char *md, size_t len)
{
    int html;
    for (html = 0; html <= 1; html++) {
        oracle_sink got = {NULL, 0, 0};
        dossier_digest_stats st;
        int stable = 0;
        int rc = dossier_digest_stream(md, len, html, 0, 1, oracle_sink_write,
                                       &got, &st);
        char *norm = dossier_digest_normalise(md, len, &stable);
        char *want = norm && html ? dossier_digest_html(norm) : NULL;
        const char *w = html ? want : norm;
        if (!w) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        if (rc != DIGEST_WHOLE &&
            (rc != DIGEST_DONE || got.len != strlen(w) ||
             memcmp(got.data, w, got.len) != 0)) {
            fprintf(stderr, "FAIL %s (%s): chunked output differs from the "
                    "whole document (result %d)\n", label,
                    html ? "html" : "md", rc);
            failures++;
        }
        printf("%-28s %-4s %s\n", label, html ? "html" : "md",
               rc == DIGEST_WHOLE ? "whole (gave up)" : "chunked = whole");
        dossier_digest_free(want);
        dossier_digest_free(norm);
        free(got.data);
    }
}

/* cmark ends a line at a lone '\r' too: a list item after one must be
 * found on the right line, or two different lists get joined (review of
 * 5aedaa0). Sections over 128 KiB are cut in pieces, between list items. */
static char *make_lone_cr(size_t *len)
{
    char *buf = NULL, line[64];
    size_t cap = 0;
    int i = 0;
    *len = 0;
    add(&buf, len, &cap, "# T\n\n## Index\n\n- a\rb\n");
    while (*len < 60000) {
        snprintf(line, sizeof line, "- item %d\n", i++);
        add(&buf, len, &cap, line);
    }
    while (*len < 70000) {
        snprintf(line, sizeof line, "* s%d\n", i++);
        add(&buf, len, &cap, line);
    }
    add(&buf, len, &cap, "* s\n-foo\n");
    while (*len < 160000) {
        snprintf(line, sizeof line, "- x%d\n", i++);
        add(&buf, len, &cap, line);
    }
    return buf;
}

/* A sink that refuses its `fail_at`th write. */
typedef struct failing_sink {
    oracle_sink k;
    int calls, fail_at;
} failing_sink;

static int failing_write(void *ud, const char *text, size_t len)
{
    failing_sink *f = ud;
    if (++f->calls == f->fail_at)
        return -1;
    return oracle_sink_write(&f->k, text, len);
}

/* With worker threads, a refused write stops the output where the serial
 * chunker stops it, with the same result; and a streamer dropped halfway
 * (the render failed) joins its workers without writing on. */
static void check_failures(const char *md, size_t len)
{
    static const int fail_at[] = {1, 2, 5, 17};
    size_t i;
    int t;
    for (i = 0; i < sizeof fail_at / sizeof fail_at[0]; i++) {
        failing_sink ref = {{NULL, 0, 0}, 0, fail_at[i]};
        dossier_digest_stats st;
        int ref_rc;
        dossier_digest_streamer *s =
            dossier_digest_streamer_new(0, 0, failing_write, &ref, &st);
        ref_rc = feed_all(s, md, len, len, 0);
        for (t = 1; t <= 3; t += 2) {
            failing_sink got = {{NULL, 0, 0}, 0, fail_at[i]};
            int rc;
            s = dossier_digest_streamer_new(0, 0, failing_write, &got, &st);
            dossier_digest_streamer_pipeline(s, t, 2);
            rc = feed_all(s, md, len, 0, 3000);
            if (rc != ref_rc || rc != DIGEST_WRITE_FAILED ||
                got.k.len != ref.k.len ||
                (got.k.len && memcmp(got.k.data, ref.k.data, got.k.len) != 0)) {
                fprintf(stderr, "FAIL write refused at call %d, %d workers: "
                        "result %d/%d, %zu/%zu bytes\n", fail_at[i], t, rc,
                        ref_rc, got.k.len, ref.k.len);
                failures++;
            }
            free(got.k.data);
        }
        free(ref.k.data);
    }
    /* dropped halfway: nothing written after the drop, no leak, no hang */
    for (t = 1; t <= 3; t += 2) {
        oracle_sink got = {NULL, 0, 0};
        dossier_digest_stats st;
        dossier_digest_streamer *s =
            dossier_digest_streamer_new(1, 0, oracle_sink_write, &got, &st);
        size_t before;
        dossier_digest_streamer_pipeline(s, t, 4);
        dossier_digest_streamer_feed(s, md, len / 2);
        dossier_digest_streamer_free(s);
        before = got.len;
        if (before > len * 4) {
            fprintf(stderr, "FAIL dropped streamer wrote %zu bytes\n", before);
            failures++;
        }
        free(got.data);
    }
    printf("%-28s refused writes and a dropped streamer: as serial\n",
           "failures");
}

int main(int argc, char **argv)
{
    static const struct {
        const char *label;
        int events, items;
        const char *tail;
        int want;
    } cases[] = {
        {"sections", 40, 30, "\n## Last\n\nThe end.\n", DIGEST_DONE},
        {"big index in pieces", 25, 4000, "", DIGEST_DONE},
        {"big index, then more", 5, 4000, "\n## After\n\ntext", DIGEST_DONE},
        {"no final newline", 3, 2, "## End\n\nno newline", DIGEST_DONE},
        {"ends in '\\n##'", 3, 2, "\n##", DIGEST_DONE},
        {"code block before a cut", 10, 5,
         "\n## Code\n\n```\nx\n\n## inside?\n```\n\n## Next\n\nok\n", -1},
        {"open code block at a cut", 10, 5, "\n## Code\n\n    indented\n## Next\n",
         -1},
        {"reference definition", 30, 4000, "\n[ref]: https://example.org\n",
         DIGEST_WHOLE},
        {"empty", 0, 0, "", DIGEST_DONE},
    };
    size_t i;
    int html;

    {
        size_t len;
        char *md = make_text(40, 30, "", &len);
        check_failures(md, len);
        free(md);
    }
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        char *md = make_text(cases[i].events, cases[i].items, cases[i].tail, &len);
        if (cases[i].events == 0 && cases[i].items == 0)
            len = 0;
        for (html = 0; html <= 1; html++)
            check_text(cases[i].label, md, len, html, cases[i].want);
        free(md);
    }
    {
        size_t len;
        char *md = make_lone_cr(&len);
        check_against_whole("lone CR before a list", md, len);
        for (html = 0; html <= 1; html++)
            check_text("lone CR before a list", md, len, html, -1);
        free(md);
    }
    for (i = 1; i < (size_t)argc; i++) {
        size_t len;
        char *md = read_file(argv[i], &len);
        for (html = 0; html <= 1; html++)
            check_text(argv[i], md, len, html, -1);
        free(md);
    }
    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("chunker: streamed output identical in every case\n");
    return 0;
}
