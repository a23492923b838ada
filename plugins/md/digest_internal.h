/* digest_internal.h - shared by the md and html builds of the digest. */
#ifndef DOSSIER_DIGEST_INTERNAL_H
#define DOSSIER_DIGEST_INTERNAL_H

#include <stddef.h>

/* Parses `md` with cmark and writes it back as CommonMark (no wrapping),
 * with link destinations made safe (dangerous schemes emptied; whitespace,
 * controls, '<' and '>' percent-encoded), repeating until the text no longer
 * changes. Sets *stable to 0 when no fixed point was reached in a few passes.
 * Returns the text, or NULL when out of memory.
 * Ownership: free with cmark's allocator (dossier_digest_free). */
char *dossier_digest_normalise(const char *md, size_t len, int *stable);

/* Result of dossier_digest_stream. */
enum {
    DIGEST_DONE = 0,
    DIGEST_NOMEM,
    DIGEST_WRITE_FAILED, /* the callback failed (it reported why) */
    DIGEST_WHOLE         /* cannot be chunked: use dossier_digest_normalise */
};

/* What dossier_digest_stream did (for tests and measurements). */
typedef struct dossier_digest_stats {
    size_t chunks;   /* chunks parsed and rendered */
    size_t risky;    /* of which dossier_digest_risky flagged */
    size_t checked;  /* of which given a second pass (risky or verify) */
    size_t repassed; /* of which the second pass changed the text */
    size_t plain_changed; /* of those, chunks not flagged risky (verify) */
    size_t direct;   /* chunks written by dossier_digest_direct */
    size_t direct_differs; /* of which cmark wrote differently (verify; cmark's
                            * text is then the one written) */
} dossier_digest_stats;

/* Receives each piece of the output in order; returns 0, or -1 on error. */
typedef int (*dossier_digest_write)(void *userdata, const char *text,
                                    size_t len);

/* The same text as dossier_digest_normalise (or its HTML with `html`), made
 * chunk by chunk so memory holds one chunk's tree: the text is cut before
 * each line starting with "## ", each chunk parsed, rendered and handed to
 * `write`, then freed. A chunk gets a second pass only when
 * dossier_digest_risky says so, or with `verify`. With `direct`, chunks in
 * its subset are written by dossier_digest_direct instead of cmark. Returns DIGEST_WHOLE,
 * possibly after some writes, when the text cannot be cut safely (link
 * reference definitions, a code or HTML block ending a chunk) or a chunk has
 * no fixed point: the caller then discards what was written and uses
 * dossier_digest_normalise. See docs/DIGEST.md. */
int dossier_digest_stream(const char *md, size_t len, int html, int verify,
                          int direct, dossier_digest_write write,
                          void *userdata, dossier_digest_stats *stats);

/* The same, fed the text in pieces as it is made (the Mustache render
 * streams it): each complete chunk is written as soon as the text after it
 * shows where it ends, so memory holds the current section's tail, not the
 * document. The output is byte-identical to dossier_digest_stream's on the
 * concatenated text. feed and finish return DIGEST_DONE or the first
 * failure (sticky; later feeds do nothing). DIGEST_WHOLE (also for a link
 * reference definition, found chunk by chunk here) may come after writes:
 * the caller then starts over with the whole text. `stats` is zeroed by
 * _new and filled as chunks go. */
typedef struct dossier_digest_streamer dossier_digest_streamer;
dossier_digest_streamer *dossier_digest_streamer_new(
    int html, int verify, dossier_digest_write write, void *userdata,
    dossier_digest_stats *stats);
int dossier_digest_streamer_feed(dossier_digest_streamer *s, const char *text,
                                 size_t len);
int dossier_digest_streamer_finish(dossier_digest_streamer *s);
void dossier_digest_streamer_free(dossier_digest_streamer *s);

/* Chunks are written by dossier_digest_direct when they keep to its subset
 * (the default; `on` = 0: every chunk goes through cmark). Call before the
 * first feed. */
void dossier_digest_streamer_direct(dossier_digest_streamer *s, int on);

/* What the stream needs to know of a chunk's tree besides its text. */
typedef struct dossier_digest_shape {
    int risky;       /* dossier_digest_risky */
    int open_end;    /* the last top-level block is a code or HTML block,
                      * which a following "## " line might belong to */
    int starts_list; /* the first top-level block is a tight '-' list with
                      * its items in column 1 */
    int only_list;   /* ...and the only one */
    int ends_list;   /* the last top-level block is such a list */
} dossier_digest_shape;

/* One cmark pass over a chunk, as the stream makes it: parsed with `mem`,
 * links made safe (dossier_digest_url_fix), written back with cmark's
 * CommonMark writer; *shape (when not NULL) describes the tree. Returns
 * the text (free with mem->free) or NULL when out of memory. */
struct cmark_mem;
char *dossier_digest_cmark_once(const char *src, size_t len,
                                dossier_digest_shape *shape,
                                struct cmark_mem *mem);

/* The chunk `src` as dossier_digest_cmark_once writes it - byte for byte,
 * without cmark - when it keeps to the subset of digest_direct.c
 * (headings, paragraphs, quotes, tight lists, text, escapes, strong and
 * links), with the same *shape (never risky, no open end). Otherwise NULL
 * with *outside = 1 (the caller uses cmark), or NULL with *outside = 0
 * when out of memory.
 * Ownership: the text comes from `mem` (free with mem->free). */
char *dossier_digest_direct(const char *src, size_t len, struct cmark_mem *mem,
                            dossier_digest_shape *shape, int *outside);

/* A link destination made safe as every digest link is: empty for a
 * dangerous scheme (javascript:, vbscript:, file:, data:), else with
 * blanks, controls, '<' and '>' percent-encoded. Writes at most 3 * n
 * bytes to `out`; returns how many. */
size_t dossier_digest_url_fix(const char *url, size_t n, char *out);

/* 1 when `md` may hold a link reference definition, which makes
 * dossier_digest_stream give up before any chunk. */
int dossier_digest_defines_refs(const char *md, size_t len);

/* 1 when a parsed tree holds a shape that cmark's CommonMark writer may not
 * round-trip in one pass (digest_risk.c), 0 when it is plain. */
struct cmark_node;
int dossier_digest_risky(struct cmark_node *doc);

/* Renders normalised Markdown as an HTML fragment with cmark's safe
 * defaults. Returns NULL when out of memory; free with dossier_digest_free. */
char *dossier_digest_html(const char *md);

/* Frees a string returned by the two functions above. */
void dossier_digest_free(char *s);

/* The chunk allocator for cmark (digest_arena.c): everything cmark
 * allocates between _enter and _leave comes from the arena and is released
 * at _leave, so nothing allocated there may be kept past it. */
typedef struct dossier_digest_arena dossier_digest_arena;
typedef struct dossier_digest_arena_stats {
    size_t blocks;    /* blocks held now */
    size_t big_live;  /* big allocations not freed yet */
    size_t big_total; /* big allocations made */
} dossier_digest_arena_stats;
/* Requests this big are malloc'd alone rather than bumped. */
#define DIGEST_ARENA_BIG ((size_t)32 << 10)
struct cmark_mem;
dossier_digest_arena *dossier_digest_arena_new(void);
/* Makes `a` this thread's arena; returns the cmark_mem to pass to cmark.
 * *saved receives the arena it replaces, for _leave. */
struct cmark_mem *dossier_digest_arena_enter(dossier_digest_arena *a,
                                             dossier_digest_arena **saved);
/* Releases everything allocated since _enter (keeping a few blocks for
 * the next chunk) and restores `saved`. Returns how many big allocations
 * cmark had not freed (0 unless cmark leaks). */
size_t dossier_digest_arena_leave(dossier_digest_arena *a,
                                  dossier_digest_arena *saved);
void dossier_digest_arena_stats_get(const dossier_digest_arena *a,
                                    dossier_digest_arena_stats *stats);
void dossier_digest_arena_free(dossier_digest_arena *a);

/* One chunk's work, made by dossier_digest_chunk_make_copy (possibly in a
 * worker thread) and written in order by dossier_digest_chunk_deliver. */
typedef struct dossier_digest_chunk {
    const char *text; /* the chunk's Markdown (owned by the caller) */
    size_t n;
    int cont_before, cont_after, last; /* see digest_cmark.c emit_chunk */
    int rc;                            /* DIGEST_* */
    char *out;                         /* the bytes to write (malloc'd) */
    size_t out_len;
    int nonempty;                      /* cmark's text was not empty */
    dossier_digest_stats stats;        /* this chunk's share */
} dossier_digest_chunk;
/* Normalises c->text with cmark on `arena` (the calling thread's own):
 * sets rc, stats and out (a malloc'd copy, NULL when rc fails or no
 * text). Reads only the streamer's fixed settings. */
void dossier_digest_chunk_make_copy(const dossier_digest_streamer *s,
                                    dossier_digest_arena *arena,
                                    dossier_digest_chunk *c);
/* Adds c's stats and writes c (with the separator the chunks before it
 * call for); returns c->rc or DIGEST_WRITE_FAILED. Chunks must be
 * delivered one at a time, in text order. */
int dossier_digest_chunk_deliver(dossier_digest_streamer *s,
                                 const dossier_digest_chunk *c);

/* The chunk pipeline (digest_pipe.c): worker threads run cmark on queued
 * chunks while the caller goes on rendering the template; chunks are
 * delivered in order, at most `depth` are queued or in work (memory stays
 * bounded). */
typedef struct dossier_digest_pipe dossier_digest_pipe;
/* NULL when threads cannot be had: the caller then works alone. */
dossier_digest_pipe *dossier_digest_pipe_new(dossier_digest_streamer *s,
                                             int workers, int depth);
/* Queues a copy of c's text (waits while the queue is full). Returns
 * DIGEST_DONE, or the first failure of a chunk before it (sticky). */
int dossier_digest_pipe_submit(dossier_digest_pipe *p,
                               const dossier_digest_chunk *c);
/* The first failure so far, DIGEST_DONE if none. */
int dossier_digest_pipe_status(dossier_digest_pipe *p);
/* Finishes the queued chunks (or, with `cancel`, drops them), joins the
 * workers and frees the pipe. Returns the first failure or DIGEST_DONE. */
int dossier_digest_pipe_close(dossier_digest_pipe *p, int cancel);
/* Makes `s` hand its chunks to `workers` threads (0: none), with at most
 * `depth` chunks in flight. Call before the first feed. Returns 0, or -1
 * when no thread could be started (s then works alone, output unchanged). */
int dossier_digest_streamer_pipeline(dossier_digest_streamer *s, int workers,
                                     int depth);

#endif
