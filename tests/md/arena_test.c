/* arena_test.c - the digest's chunk allocator for cmark (plugins/md/
 * digest_arena.c).
 *
 * The allocator itself: calloc zeroes memory a previous chunk dirtied,
 * realloc keeps the bytes whether it grows in place, moves within the
 * blocks or crosses to (and within) a separately malloc'd big allocation;
 * freeing the newest allocation rewinds; every pointer is 16-byte aligned;
 * a chunk bigger than many blocks is released down to the kept few;
 * a big allocation cmark forgot is reported and still released; enter and
 * leave nest. Then cmark on it: parse + CommonMark + HTML of assorted
 * documents (and every argument file) give the same bytes as with cmark's
 * own allocator. ASan/valgrind catch any pointer cmark frees that the
 * arena did not hand out, and any leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "digest_internal.h"

static int failures;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);               \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static int aligned(const void *p) { return ((uintptr_t)p & 15u) == 0; }

static int all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
}

static int same_fill(const unsigned char *p, size_t n, unsigned seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7))
            return 0;
    return 1;
}

static void test_allocator(void)
{
    static const size_t sizes[] = {0, 1, 15, 16, 17, 100, 4096,
                                   DIGEST_ARENA_BIG - 1, DIGEST_ARENA_BIG,
                                   DIGEST_ARENA_BIG + 1, 300000};
    dossier_digest_arena *a = dossier_digest_arena_new(), *saved, *saved2;
    dossier_digest_arena *b = dossier_digest_arena_new();
    dossier_digest_arena_stats st;
    cmark_mem *mem;
    unsigned char *p, *q, *r;
    size_t i;

    /* dirty every size, then calloc the same sizes in the next chunk */
    mem = dossier_digest_arena_enter(a, &saved);
    CHECK(saved == NULL, "no arena should be current at first");
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        p = mem->realloc(NULL, sizes[i]);
        CHECK(p && aligned(p), "realloc(NULL, %zu) not aligned", sizes[i]);
        memset(p, 0xAA, sizes[i]);
    }
    CHECK(dossier_digest_arena_leave(a, saved) == 3,
          "the three big allocations never freed are reported");
    mem = dossier_digest_arena_enter(a, &saved);
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        p = mem->calloc(1, sizes[i]);
        CHECK(p && aligned(p) && all_bytes(p, sizes[i], 0),
              "calloc(%zu) after reuse is not zero", sizes[i]);
        mem->free(p);
    }
    p = mem->calloc(3, 40);
    CHECK(all_bytes(p, 120, 0), "calloc(3, 40) is not zero");

    /* the newest allocation: grows in place, and freeing it rewinds */
    fill(p, 120, 1);
    q = mem->realloc(p, 1000);
    CHECK(q == p && same_fill(q, 120, 1), "newest block did not grow in place");
    mem->free(q);
    r = mem->calloc(1, 8);
    CHECK(r == p, "freeing the newest allocation did not rewind");

    /* an older one moves, keeping its bytes; then crosses to big */
    p = mem->realloc(NULL, 50);
    fill(p, 50, 2);
    r = mem->realloc(NULL, 10); /* now p is not the newest */
    q = mem->realloc(p, 5000);
    CHECK(q != p && aligned(q) && same_fill(q, 50, 2), "moved block lost bytes");
    fill(q, 5000, 3);
    p = mem->realloc(q, DIGEST_ARENA_BIG * 3);
    CHECK(p && aligned(p) && same_fill(p, 5000, 3), "small -> big lost bytes");
    fill(p, DIGEST_ARENA_BIG * 3, 4);
    q = mem->realloc(p, DIGEST_ARENA_BIG * 40);
    CHECK(q && aligned(q) && same_fill(q, DIGEST_ARENA_BIG * 3, 4),
          "big -> bigger lost bytes");
    p = mem->realloc(q, 10); /* shrinking keeps the bytes it keeps */
    CHECK(p && same_fill(p, 10, 4), "big shrink lost bytes");
    mem->free(p);
    mem->free(r);
    mem->free(NULL);

    /* nested arenas: the inner one is current until it leaves */
    {
        cmark_mem *mem2 = dossier_digest_arena_enter(b, &saved2);
        unsigned char *x = mem2->calloc(1, DIGEST_ARENA_BIG);
        CHECK(saved2 == a, "enter did not hand back the outer arena");
        dossier_digest_arena_stats_get(b, &st);
        CHECK(st.big_live == 1, "the inner arena did not get the allocation");
        mem2->free(x);
        CHECK(dossier_digest_arena_leave(b, saved2) == 0, "inner leak reported");
        x = mem->calloc(1, DIGEST_ARENA_BIG);
        dossier_digest_arena_stats_get(a, &st);
        CHECK(st.big_live == 1, "the outer arena is not current again");
        mem->free(x);
    }

    /* a chunk of many blocks: 40 MB in small pieces, all kept readable */
    {
        enum { N = 40000 };
        unsigned char **ptrs = malloc(N * sizeof *ptrs);
        for (i = 0; i < N; i++) {
            ptrs[i] = mem->realloc(NULL, 1000);
            fill(ptrs[i], 1000, (unsigned)i);
        }
        for (i = 0; i < N; i++)
            if (!same_fill(ptrs[i], 1000, (unsigned)i))
                break;
        CHECK(i == N, "small allocation %zu was overwritten", i);
        free(ptrs);
        dossier_digest_arena_stats_get(a, &st);
        CHECK(st.blocks > 100, "40 MB took only %zu blocks", st.blocks);
    }
    CHECK(dossier_digest_arena_leave(a, saved) == 0, "a leak was reported");
    dossier_digest_arena_stats_get(a, &st);
    CHECK(st.blocks <= 16 && st.big_live == 0,
          "after the chunk %zu blocks, %zu big are held", st.blocks, st.big_live);
    dossier_digest_arena_free(a);
    dossier_digest_arena_free(b);
}

/* parse + render with cmark's allocator and with the arena */
static void check_cmark(const char *label, const char *md, size_t len)
{
    dossier_digest_arena *a = dossier_digest_arena_new(), *saved;
    cmark_mem *def = cmark_get_default_mem_allocator(), *mem;
    cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
    char *want_md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    char *want_html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    int round;
    cmark_node_free(doc);
    for (round = 0; round < 2; round++) { /* the second reuses the blocks */
        cmark_parser *p;
        char *got_md, *got_html;
        mem = dossier_digest_arena_enter(a, &saved);
        p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
        cmark_parser_feed(p, md, len);
        doc = cmark_parser_finish(p);
        cmark_parser_free(p);
        got_md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
        got_html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
        CHECK(strcmp(got_md, want_md) == 0, "%s: CommonMark differs", label);
        CHECK(strcmp(got_html, want_html) == 0, "%s: HTML differs", label);
        mem->free(got_md);
        mem->free(got_html);
        cmark_node_free(doc);
        CHECK(dossier_digest_arena_leave(a, saved) == 0,
              "%s: cmark left big allocations", label);
    }
    def->free(want_md);
    def->free(want_html);
    dossier_digest_arena_free(a);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    static const char *docs[] = {
        "",
        "# Title\n\nA *para* with `code`, [a link](<http://x.org/a b>) and **bold**.\n",
        "- a\n- b\n  - c\n\n1. x\n2. y\n\n> quote\n>\n> — who\n",
        "```\ncode\n```\n\n    indented\n\n<div>html</div>\n\n[ref]: /u\n\n[ref]\n",
    };
    size_t i, len;
    char *big;
    int k;
    test_allocator();
    for (i = 0; i < sizeof docs / sizeof docs[0]; i++)
        check_cmark("built-in document", docs[i], strlen(docs[i]));
    /* a paragraph bigger than DIGEST_ARENA_BIG (its buffer goes big) and a
     * long list (many small nodes over many blocks) */
    big = malloc(400000);
    for (len = 0, k = 0; len < 390000; k++)
        len += (size_t)sprintf(big + len, "- item *%d* with \\_text\\_\n", k);
    check_cmark("long list", big, len);
    for (i = 0; i < 300000; i++)
        big[i] = "abc de_f *g* [h](i) "[i % 20];
    check_cmark("long paragraph", big, 300000);
    free(big);
    for (k = 1; k < argc; k++) {
        char *text = read_file(argv[k], &len);
        CHECK(text != NULL, "cannot read %s", argv[k]);
        if (text)
            check_cmark(argv[k], text, len);
        free(text);
    }
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("arena tests passed (%d files)\n", argc - 1);
    return 0;
}
