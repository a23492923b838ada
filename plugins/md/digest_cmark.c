/* digest_cmark.c - the cmark side of the digest: link destinations made
 * safe, the CommonMark fixed point (chunk by chunk, or of the whole document
 * as the fallback) and the HTML rendering. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "digest_internal.h"

/* cmark's CommonMark writer reaches its fixed point in one or two passes;
 * more means a cmark round-trip bug (the caller warns). */
#define DIGEST_MAX_PASSES 4

/* cmark's HTML renderer drops these unless CMARK_OPT_UNSAFE; the Markdown
 * digest drops them too, since its readers may render it unsafely. */
static int url_is_dangerous(const char *url, size_t n)
{
    static const char *const schemes[] = {"javascript:", "vbscript:", "file:",
                                          "data:"};
    size_t i;
    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t k = strlen(schemes[i]);
        if (n >= k && strncasecmp(url, schemes[i], k) == 0)
            return 1;
    }
    return 0;
}

/* Percent-encoded: what cannot stay in a destination written back by
 * cmark: whitespace and controls (cmark would encode spaces itself, on the
 * second pass) and '<' '>' (they would end an autolink, which cmark writes
 * when a link's text equals its URL). */
static int url_encodes(unsigned char c)
{
    return c <= 0x20 || c == 0x7f || c == '<' || c == '>';
}

size_t dossier_digest_url_fix(const char *url, size_t n, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i, j = 0;
    if (url_is_dangerous(url, n))
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)url[i];
        if (url_encodes(c)) {
            out[j++] = '%';
            out[j++] = hex[c >> 4];
            out[j++] = hex[c & 15];
        } else {
            out[j++] = (char)c;
        }
    }
    return j;
}

/* Makes every link destination safe and writable (dossier_digest_url_fix). */
static void fix_links(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    if (!it)
        return;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        const char *url;
        size_t n, i, fixed_len;
        char *fixed;
        if (ev != CMARK_EVENT_ENTER ||
            (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE))
            continue;
        url = cmark_node_get_url(node);
        if (!url)
            continue;
        n = strlen(url);
        for (i = 0; i < n && !url_encodes((unsigned char)url[i]); i++)
            ;
        if (i == n && !url_is_dangerous(url, n))
            continue; /* the usual case: nothing to change */
        fixed = malloc(3 * n + 1);
        if (!fixed)
            continue; /* out of memory: the URL stays as it is */
        fixed_len = dossier_digest_url_fix(url, n, fixed);
        fixed[fixed_len] = '\0';
        cmark_node_set_url(node, fixed);
        free(fixed);
    }
    cmark_iter_free(it);
}

char *dossier_digest_normalise(const char *md, size_t len, int *stable)
{
    cmark_mem *mem = cmark_get_default_mem_allocator();
    char *cur = NULL;
    int pass;

    *stable = 0;

    for (pass = 0; pass < DIGEST_MAX_PASSES; pass++) {
        const char *src = cur ? cur : md;
        size_t srclen = cur ? strlen(cur) : len;
        cmark_node *doc = cmark_parse_document(src, srclen, CMARK_OPT_DEFAULT);
        char *next;
        if (!doc) {
            mem->free(cur);
            return NULL;
        }
        fix_links(doc);
        next = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
        cmark_node_free(doc);
        if (!next) {
            mem->free(cur);
            return NULL;
        }
        if (strcmp(next, src) == 0) {
            mem->free(cur);
            *stable = 1;
            return next;
        }
        mem->free(cur);
        cur = next;
    }
    return cur;
}

/* A tight bullet list whose item starting on line `line` (1-based) of
 * `src` has its '-' marker in column 1: a "- " line cut from it continues
 * the same list. */
static int dash_list(cmark_node *list, const char *src, size_t len)
{
    cmark_node *item = cmark_node_last_child(list);
    int line, i = 1;
    const char *p = src, *end = src + len;
    if (!list || cmark_node_get_type(list) != CMARK_NODE_LIST ||
        cmark_node_get_list_type(list) != CMARK_BULLET_LIST ||
        !cmark_node_get_list_tight(list) || !item ||
        cmark_node_get_start_column(item) != 1)
        return 0;
    line = cmark_node_get_start_line(item);
    /* Lines as cmark counts them: ended by "\n", "\r\n" or a lone "\r".
     * Without a '\r' (the usual case) memchr finds each line end. */
    if (!memchr(src, '\r', len)) {
        while (i < line) {
            p = memchr(p, '\n', (size_t)(end - p));
            if (!p)
                return 0;
            p++;
            i++;
        }
        return p < end && *p == '-';
    }
    while (i < line && p < end) {
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

/* cmark_parse_document with the allocator `mem` (the chunk arena). */
static cmark_node *parse_with(const char *src, size_t len, cmark_mem *mem)
{
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
    cmark_node *doc;
    if (!parser)
        return NULL;
    cmark_parser_feed(parser, src, len);
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return doc;
}

/* One parse + render of `src` (digest_internal.h). The text comes from
 * `mem`, which the tree and renderer use too. */
char *dossier_digest_cmark_once(const char *src, size_t len,
                                dossier_digest_shape *shape, cmark_mem *mem)
{
    cmark_node *doc = parse_with(src, len, mem);
    char *out;
    if (!doc)
        return NULL;
    fix_links(doc);
    if (shape) {
        cmark_node *first = cmark_node_first_child(doc);
        cmark_node *last = cmark_node_last_child(doc);
        cmark_node_type lt = last ? cmark_node_get_type(last) : CMARK_NODE_NONE;
        shape->risky = dossier_digest_risky(doc);
        shape->open_end = lt == CMARK_NODE_CODE_BLOCK ||
                          lt == CMARK_NODE_HTML_BLOCK;
        shape->starts_list = first && dash_list(first, src, len);
        shape->only_list = shape->starts_list && first == last;
        shape->ends_list = last && dash_list(last, src, len);
    }
    out = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    cmark_node_free(doc);
    return out;
}

/* A link reference definition ("[label]:") applies to the whole document,
 * so a text holding one cannot be cut into separately parsed chunks. Data
 * cannot make one (its ']' is backslash-escaped); a template might. */
static int may_define_refs(const char *md, size_t len)
{
    size_t i;
    for (i = 0; i + 1 < len; i++) {
        size_t bs = 0;
        const char *close = memchr(md + i, ']', len - 1 - i);
        if (!close)
            return 0;
        i = (size_t)(close - md);
        if (md[i + 1] != ':')
            continue;
        while (bs < i && md[i - 1 - bs] == '\\')
            bs++;
        if (bs % 2 == 0)
            return 1;
    }
    return 0;
}

/* A section bigger than this (the participant index: a list of every
 * entity) is cut further, between the items of a top-level list. */
#define DIGEST_PIECE (64u << 10)

static int blank_line_before(const char *md, size_t i)
{
    /* md[i - 1] is the '\n' ending the previous line (after a '\r' in
     * CRLF); like cmark, a lone '\r' ends a line too */
    size_t j = i - 1;
    if (j > 0 && md[j - 1] == '\r')
        j--;
    while (j > 0 && md[j - 1] != '\n' && md[j - 1] != '\r') {
        char c = md[j - 1];
        if (c != ' ' && c != '\t')
            return 0;
        j--;
    }
    return 1;
}

/* Whether a big section may be cut before the line at md[i] (at least 3
 * bytes follow it): "- x" after a non-blank line. Not an empty item "- "
 * (which cannot interrupt a paragraph, so might not start an item where
 * the piece says). */
static int piece_cut_at(const char *md, size_t i)
{
    return md[i] == '-' && md[i + 1] == ' ' && md[i + 2] != ' ' &&
           md[i + 2] != '\t' && md[i + 2] != '\n' && md[i + 2] != '\r' &&
           !blank_line_before(md, i);
}

/* Where the piece of a section starting at `from` ends: before a line
 * starting with "- " and text that follows a non-blank line, at least
 * DIGEST_PIECE bytes on; or at the section's end. Whether that line really continues a
 * tight list is checked on the trees (dossier_digest_shape). */
static size_t piece_end(const char *md, size_t end, size_t from)
{
    size_t i;
    if (end - from <= 2 * DIGEST_PIECE)
        return end;
    i = from + DIGEST_PIECE;
    for (;;) {
        const char *nl = memchr(md + i, '\n', end - i);
        if (!nl)
            return end;
        i = (size_t)(nl - md) + 1;
        if (end - i >= 3 && piece_cut_at(md, i))
            return i;
    }
}

/* Brings one chunk to a fixed point: one pass, and more only when the tree
 * is risky (or `verify`). Returns the text (cmark's allocator) or NULL:
 * *status is then DIGEST_WHOLE when it has no fixed point, else out of
 * memory. */
static char *normalise_chunk(const char *src, size_t len, int verify,
                             dossier_digest_shape *shape,
                             dossier_digest_stats *stats,
                             int *status, cmark_mem *mem)
{
    char *cur = dossier_digest_cmark_once(src, len, shape, mem);
    int pass;

    if (!cur)
        return NULL;
    stats->chunks++;
    stats->risky += shape->risky;
    if (!shape->risky && !verify)
        return cur;
    stats->checked++;
    for (pass = 1; pass < DIGEST_MAX_PASSES; pass++) {
        char *next = dossier_digest_cmark_once(cur, strlen(cur), NULL, mem);
        if (!next) {
            mem->free(cur);
            return NULL;
        }
        if (strcmp(next, cur) == 0) {
            mem->free(next);
            return cur;
        }
        if (pass == 1) {
            stats->repassed++;
            stats->plain_changed += !shape->risky;
        }
        mem->free(cur);
        cur = next;
    }
    mem->free(cur);
    *status = DIGEST_WHOLE;
    return NULL;
}

static char *html_with(const char *md, cmark_mem *mem);

/* The incremental chunker. `buf[off, len)` is Mustache output not yet
 * normalised: the tail of the current section. Complete chunks are cut off
 * its front exactly where the whole-text loop would cut them, so the output
 * is the same bytes whatever the pieces the text arrives in. */
struct dossier_digest_streamer {
    int html, verify;
    int direct; /* try dossier_digest_direct before cmark */
    dossier_digest_write write;
    void *userdata;
    dossier_digest_stats *stats;
    dossier_digest_arena *arena; /* cmark's memory for one chunk */
    dossier_digest_pipe *pipe;   /* NULL: chunks are made in this thread */
    char *buf;
    size_t off, len, cap;
    size_t scan;  /* section cut search resumes here (offset from off) */
    size_t pscan; /* piece cut search resumes here; 0: at DIGEST_PIECE */
    int in_section; /* pieces of the current section were written */
    int wrote;      /* anything written yet (by chunk_deliver only) */
    int status;     /* sticky DIGEST_* */
};

/* Normalises one chunk, cmark allocating from `mem`: sets c->rc, c->stats
 * and (when it has text) c->out/out_len/nonempty, pointing into `mem`'s
 * memory. Reads only the streamer's fixed settings, so workers may run it
 * on several chunks at once. */
/* The chunk written without cmark (digest_direct.c), or NULL: outside its
 * subset (*status stays DIGEST_DONE: use cmark), or out of memory. With
 * `verify`, cmark makes the chunk too; if the two differ, cmark's text is
 * kept and counted. */
static char *direct_chunk(dossier_digest_chunk *c, int verify,
                          dossier_digest_shape *shape, cmark_mem *mem,
                          int *status)
{
    int outside;
    char *text = dossier_digest_direct(c->text, c->n, mem, shape, &outside);
    if (!text) {
        if (!outside)
            *status = DIGEST_NOMEM;
        return NULL;
    }
    c->stats.direct++;
    if (!verify) {
        c->stats.chunks++; /* else normalise_chunk counts it */
    } else {
        dossier_digest_shape cs;
        char *ref = normalise_chunk(c->text, c->n, 1, &cs, &c->stats, status,
                                    mem);
        if (!ref) {
            mem->free(text);
            return NULL;
        }
        if (strcmp(ref, text) != 0 || cs.starts_list != shape->starts_list ||
            cs.ends_list != shape->ends_list ||
            cs.only_list != shape->only_list || cs.open_end) {
            c->stats.direct_differs++;
            mem->free(text);
            *shape = cs;
            return ref;
        }
        mem->free(ref);
    }
    return text;
}

static void chunk_make(const dossier_digest_streamer *s, dossier_digest_chunk *c,
                       cmark_mem *mem)
{
    int status = DIGEST_DONE;
    dossier_digest_shape shape;
    char *norm, *h;
    size_t len, n;

    c->rc = DIGEST_DONE;
    c->out = NULL;
    c->out_len = 0;
    c->nonempty = 0;
    memset(&c->stats, 0, sizeof c->stats);
    if (may_define_refs(c->text, c->n)) {
        c->rc = DIGEST_WHOLE;
        return;
    }
    norm = s->direct ? direct_chunk(c, s->verify, &shape, mem, &status)
                     : NULL;
    if (!norm && status == DIGEST_DONE)
        norm = normalise_chunk(c->text, c->n, s->verify, &shape, &c->stats,
                               &status, mem);
    if (!norm) {
        c->rc = status == DIGEST_DONE ? DIGEST_NOMEM : status;
        return;
    }
    /* A code or HTML block may not end a chunk (it might take in the next
     * line); pieces of a section must be parts of one tight '-' list, so
     * that they join into the same list. */
    if ((shape.open_end && !c->last) || (c->cont_after && !shape.ends_list) ||
        (c->cont_before && !shape.starts_list) ||
        (c->cont_before && c->cont_after && !shape.only_list)) {
        c->rc = DIGEST_WHOLE;
        return;
    }
    len = strlen(norm);
    if (len == 0)
        return;
    c->nonempty = 1;
    if (!s->html) {
        c->out = norm;
        c->out_len = len;
        return;
    }
    /* The HTML of one piece; pieces of one list share its <ul>. */
    h = html_with(norm, mem);
    if (!h) {
        c->rc = DIGEST_NOMEM;
        return;
    }
    n = strlen(h);
    c->out = h;
    if (c->cont_before) {
        if (strncmp(h, "<ul>\n", 5) != 0) {
            c->rc = DIGEST_WHOLE;
            return;
        }
        c->out += 5;
        n -= 5;
    }
    if (c->cont_after) {
        if (n < 6 || memcmp(c->out + n - 6, "</ul>\n", 6) != 0) {
            c->rc = DIGEST_WHOLE;
            return;
        }
        n -= 6;
    }
    c->out_len = n;
}

void dossier_digest_chunk_make_copy(const dossier_digest_streamer *s,
                                    dossier_digest_arena *arena,
                                    dossier_digest_chunk *c)
{
    dossier_digest_arena *saved;
    cmark_mem *mem = dossier_digest_arena_enter(arena, &saved);
    chunk_make(s, c, mem);
    if (c->rc == DIGEST_DONE && c->out) {
        char *copy = malloc(c->out_len ? c->out_len : 1);
        if (copy)
            memcpy(copy, c->out, c->out_len);
        else
            c->rc = DIGEST_NOMEM;
        c->out = copy;
    } else {
        c->out = NULL;
    }
    dossier_digest_arena_leave(arena, saved);
}

int dossier_digest_chunk_deliver(dossier_digest_streamer *s,
                                 const dossier_digest_chunk *c)
{
    s->stats->chunks += c->stats.chunks;
    s->stats->risky += c->stats.risky;
    s->stats->checked += c->stats.checked;
    s->stats->repassed += c->stats.repassed;
    s->stats->plain_changed += c->stats.plain_changed;
    s->stats->direct += c->stats.direct;
    s->stats->direct_differs += c->stats.direct_differs;
    if (c->rc != DIGEST_DONE)
        return c->rc;
    if (!c->nonempty)
        return DIGEST_DONE;
    /* cmark separates top-level blocks with one blank line and ends each
     * chunk with a newline: one more between sections, none between the
     * pieces of one list (HTML needs none) */
    if (!s->html && s->wrote && !c->cont_before &&
        s->write(s->userdata, "\n", 1) != 0)
        return DIGEST_WRITE_FAILED;
    s->wrote = 1;
    if (s->write(s->userdata, c->out, c->out_len) != 0)
        return DIGEST_WRITE_FAILED;
    return DIGEST_DONE;
}

/* Normalises and writes one chunk. `last`: nothing follows it in the whole
 * text; cont_before/cont_after: it continues / is continued by a piece of
 * the same section. In this thread, cmark's memory for the chunk is the
 * arena, all released here (the text handed to `write` does not outlive
 * the call); with a pipe, the chunk is queued for its workers. */
static int emit_chunk(dossier_digest_streamer *s, const char *src, size_t n,
                      int cont_before, int cont_after, int last)
{
    dossier_digest_chunk c;
    dossier_digest_arena *saved;
    cmark_mem *mem;
    int rc;

    memset(&c, 0, sizeof c);
    c.text = src;
    c.n = n;
    c.cont_before = cont_before;
    c.cont_after = cont_after;
    c.last = last;
    if (s->pipe)
        return dossier_digest_pipe_submit(s->pipe, &c);
    mem = dossier_digest_arena_enter(s->arena, &saved);
    chunk_make(s, &c, mem);
    rc = dossier_digest_chunk_deliver(s, &c);
    dossier_digest_arena_leave(s->arena, saved);
    return rc;
}

/* Writes the whole section `p[0, end)` (its end is known), piece by piece;
 * `last`: the text ends with it. */
static int emit_section(dossier_digest_streamer *s, const char *p, size_t end,
                        int last)
{
    size_t from = 0;
    while (from < end) {
        size_t stop = piece_end(p, end, from);
        int rc = emit_chunk(s, p + from, stop - from, from > 0 || s->in_section,
                            stop < end, last && stop == end);
        if (rc != DIGEST_DONE)
            return rc;
        from = stop;
    }
    return DIGEST_DONE;
}

/* Where the section at p ends: before the next line that starts with "## "
 * (a level-2 heading, the start of an event in the default template).
 * Returns that offset in p[0, n), or 0 when none can be seen yet (a line
 * start less than 3 bytes before n is undecided); resumes where the last
 * search stopped. */
static size_t find_section_end(dossier_digest_streamer *s, const char *p,
                               size_t n)
{
    size_t i = s->scan;
    for (;;) {
        const char *nl = i < n ? memchr(p + i, '\n', n - i) : NULL;
        size_t j;
        if (!nl) {
            s->scan = n;
            return 0;
        }
        j = (size_t)(nl - p) + 1;
        if (n - j < 3) {
            s->scan = j - 1; /* undecided: look at this newline again */
            return 0;
        }
        if (memcmp(p + j, "## ", 3) == 0)
            return j;
        i = j;
    }
}

/* A piece of a section whose end is not known yet: where piece_end would
 * cut p[0, n) once the section is complete, or 0 while that cannot be told.
 * The section runs on past n - 3 (no cut was seen before), so piece_end
 * will cut when n > 2 * DIGEST_PIECE + 3, at the first line start after
 * DIGEST_PIECE that passes its test. */
static size_t find_piece_end(dossier_digest_streamer *s, const char *p,
                             size_t n)
{
    size_t i = s->pscan ? s->pscan : DIGEST_PIECE;
    if (n <= 2 * (size_t)DIGEST_PIECE + 3)
        return 0;
    for (;;) {
        const char *nl = i < n ? memchr(p + i, '\n', n - i) : NULL;
        if (!nl) {
            s->pscan = n;
            return 0;
        }
        i = (size_t)(nl - p) + 1;
        if (n - i < 3) {
            s->pscan = i - 1;
            return 0;
        }
        if (piece_cut_at(p, i))
            return i;
    }
}

/* Cuts and writes every chunk that is complete; at `final`, the rest. */
static int stream_process(dossier_digest_streamer *s, int final)
{
    int rc = DIGEST_DONE;
    while (rc == DIGEST_DONE && s->off < s->len) {
        const char *p = s->buf + s->off;
        size_t n = s->len - s->off, end = find_section_end(s, p, n), cut;
        if (end > 0) {
            rc = emit_section(s, p, end, 0);
            s->in_section = 0;
            cut = end;
        } else if (final) {
            rc = emit_section(s, p, n, 1);
            cut = n;
        } else if ((cut = find_piece_end(s, p, n)) > 0) {
            rc = emit_chunk(s, p, cut, s->in_section, 1, 0);
            s->in_section = 1;
        } else {
            break; /* wait for more text */
        }
        s->off += cut;
        s->scan = s->scan > cut ? s->scan - cut : 0;
        s->pscan = 0;
    }
    return rc;
}

dossier_digest_streamer *dossier_digest_streamer_new(
    int html, int verify, dossier_digest_write write, void *userdata,
    dossier_digest_stats *stats)
{
    dossier_digest_streamer *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->arena = dossier_digest_arena_new();
    if (!s->arena) {
        free(s);
        return NULL;
    }
    s->html = html;
    s->verify = verify;
    s->direct = 1;
    s->write = write;
    s->userdata = userdata;
    s->stats = stats;
    memset(stats, 0, sizeof *stats);
    return s;
}

void dossier_digest_streamer_direct(dossier_digest_streamer *s, int on)
{
    s->direct = on != 0;
}

int dossier_digest_streamer_pipeline(dossier_digest_streamer *s, int workers,
                                     int depth)
{
    if (workers <= 0 || s->pipe)
        return 0;
    s->pipe = dossier_digest_pipe_new(s, workers, depth);
    return s->pipe ? 0 : -1;
}

int dossier_digest_streamer_feed(dossier_digest_streamer *s, const char *text,
                                 size_t len)
{
    /* a worker's failure stops the render as soon as it is known */
    if (s->status == DIGEST_DONE && s->pipe)
        s->status = dossier_digest_pipe_status(s->pipe);
    if (s->status != DIGEST_DONE)
        return s->status;
    /* drop what was written, then make room */
    if (s->off > 0) {
        memmove(s->buf, s->buf + s->off, s->len - s->off);
        s->len -= s->off;
        s->off = 0;
    }
    if (len > s->cap - s->len) {
        size_t cap = s->cap ? s->cap : 4096;
        char *grown;
        while (cap - s->len < len) {
            if (cap > ((size_t)-1) / 2) {
                s->status = DIGEST_NOMEM;
                return s->status;
            }
            cap *= 2;
        }
        grown = realloc(s->buf, cap);
        if (!grown) {
            s->status = DIGEST_NOMEM;
            return s->status;
        }
        s->buf = grown;
        s->cap = cap;
    }
    if (len > 0)
        memcpy(s->buf + s->len, text, len);
    s->len += len;
    s->status = stream_process(s, 0);
    return s->status;
}

int dossier_digest_streamer_finish(dossier_digest_streamer *s)
{
    if (s->status == DIGEST_DONE)
        s->status = stream_process(s, 1);
    if (s->pipe) {
        /* the workers' first failure came before anything that failed
         * here (a chunk is only queued while none has failed) */
        int rc = dossier_digest_pipe_close(s->pipe, s->status != DIGEST_DONE);
        s->pipe = NULL;
        if (rc != DIGEST_DONE)
            s->status = rc;
    }
    return s->status;
}

void dossier_digest_streamer_free(dossier_digest_streamer *s)
{
    if (s) {
        dossier_digest_pipe_close(s->pipe, 1);
        dossier_digest_arena_free(s->arena);
        free(s->buf);
        free(s);
    }
}

int dossier_digest_defines_refs(const char *md, size_t len)
{
    return may_define_refs(md, len);
}

int dossier_digest_stream(const char *md, size_t len, int html, int verify,
                          int direct, dossier_digest_write write,
                          void *userdata, dossier_digest_stats *stats)
{
    dossier_digest_streamer *s;
    int rc;

    memset(stats, 0, sizeof *stats);
    if (may_define_refs(md, len))
        return DIGEST_WHOLE;
    s = dossier_digest_streamer_new(html, verify, write, userdata, stats);
    if (!s)
        return DIGEST_NOMEM;
    s->direct = direct != 0;
    /* The whole text is one feed: no copy needed, so chunk in place. */
    s->buf = (char *)md;
    s->len = len;
    rc = stream_process(s, 1);
    s->buf = NULL;
    dossier_digest_streamer_free(s);
    return rc;
}

char *dossier_digest_html(const char *md)
{
    return html_with(md, cmark_get_default_mem_allocator());
}

static char *html_with(const char *md, cmark_mem *mem)
{
    cmark_node *doc = parse_with(md, strlen(md), mem);
    char *html;
    if (!doc)
        return NULL;
    /* Default options: raw HTML and javascript: links are scrubbed. */
    html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    cmark_node_free(doc);
    return html;
}

void dossier_digest_free(char *s)
{
    if (s)
        cmark_get_default_mem_allocator()->free(s);
}
