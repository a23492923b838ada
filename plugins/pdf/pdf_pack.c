/* pdf_pack.c - finished pages are compressed at once.
 *
 * libharu keeps every page's content stream uncompressed in memory until
 * HPDF_SaveToFile deflates them all: the largest part of the plugin's
 * memory, growing with the page count. So when the layout leaves a page,
 * its content (the operators pdf_content.c wrote into D->cs, after
 * anything libharu's stream holds) is deflated here and put in as an
 * already filtered stream (libharu's own filter switched off, /Filter
 * written by a write hook). Drawing on the page later (the page number,
 * once the page count is known) goes to a second content stream of the
 * page, packed the same way.
 *
 * With a worker thread (-O threads=1, the default on a machine with more
 * than one CPU) deflating leaves the layout thread: a finished page's
 * bytes (D->cs, whose buffer changes hands) go to the worker, which runs
 * zlib only, on plain buffers, with its own z_stream; every libharu call
 * (the packed memory stream, the swap) stays on the render thread, which
 * attaches finished pages in order when it leaves the next page, and
 * waits for them before a page is drawn on again or the file is saved.
 * At most PDF_PACK_SLOTS pages are in flight: the layout waits when all
 * are taken. The bytes are the same either way (zlib is deterministic for
 * the same input and settings, and the calls are the same).
 *
 * This reaches into libharu structures its installed headers declare
 * (the page's attributes, a stream dictionary's filter and write hook) and
 * was checked against 2.3.0 only; with another version pages are left to
 * libharu. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "pdf_internal.h"

#define PDF_PACK PDF_DIRECT

/* callgrind, 100 events (whole render): level 6 (libharu's) 1.551 G Ir,
 * 1.564 MB; level 3 1.462 G (-5.8%), 1.621 MB (+3.6%); level 1 1.457 G,
 * 1.651 MB. Level 3 keeps most of the gain for less size. */
/* -D either to measure (docs/PDF.md: levels 1 and 3, memLevels 5 and 8) */
#ifndef PDF_PACK_LEVEL
#define PDF_PACK_LEVEL 3
#endif
#ifndef PDF_PACK_MEMLEVEL
#define PDF_PACK_MEMLEVEL 5
#endif
/* pages handed to the worker and not attached yet, at most */
#define PDF_PACK_SLOTS 8
/* queued pages that wake an idle worker (a wake-up per page cost 0.04 s
 * of system time at 1,000 events); waiting for it wakes it too */
#define PDF_PACK_BATCH 4

#if PDF_PACK
#include <hpdf_pages.h>

/* Writes the /Filter libharu would, for a stream it no longer filters. */
static HPDF_STATUS write_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* The deflate settings of every packed page, on either thread. */
static int pack_init(z_stream *z)
{
    return deflateInit2(z, PDF_PACK_LEVEL, Z_DEFLATED, 15, PDF_PACK_MEMLEVEL,
                        Z_DEFAULT_STRATEGY) == Z_OK ? 0 : -1;
}

/* Starts one page: resets `z` and points its output at *out, grown to
 * deflateBound(size) bytes. The page's bytes then go through pack_add in
 * order and pack_finish ends it; the worker and the render thread make
 * the same calls, so a page deflates to the same bytes on either. */
static int pack_begin(z_stream *z, size_t size, char **out, size_t *cap)
{
    uLong bound;
    if (deflateReset(z) != Z_OK)
        return -1;
    bound = deflateBound(z, (uLong)size);
    if (pdf_grow(out, cap, (size_t)bound + 1, 1) != 0)
        return -1;
    z->next_out = (Bytef *)*out;
    z->avail_out = (uInt)bound;
    return 0;
}

static int pack_add(z_stream *z, const void *p, size_t n)
{
    z->next_in = (Bytef *)p;
    z->avail_in = (uInt)n;
    return deflate(z, Z_NO_FLUSH) == Z_OK ? 0 : -1;
}

/* Ends the page; *out_len is the deflated size. */
static int pack_finish(z_stream *z, size_t *out_len)
{
    int rc = deflate(z, Z_FINISH);
    *out_len = z->total_out;
    return rc == Z_STREAM_END ? 0 : -1;
}

/* One deflate state for the render thread: deflateInit allocates and
 * clears some 256 KB, too much to do for every page. Its hash table is
 * still cleared at each reset: memLevel 5 (4K entries instead of 32K)
 * suits pages of a few KB and cut 2.4% of a 100-event render's
 * instructions for 53 bytes more file. */
static z_stream *zstream(pdf_doc *D)
{
    z_stream *z = D->zs;
    if (z)
        return z;
    z = calloc(1, sizeof *z);
    if (!z)
        return NULL;
    if (pack_init(z) != 0) {
        free(z);
        return NULL;
    }
    D->zs = z;
    return z;
}

/* Deflates libharu's memory stream `in` followed by `extra` into D->pack. */
static int deflate_stream(pdf_doc *D, HPDF_Stream in, const char *extra, size_t extra_len)
{
    z_stream *z = zstream(D);
    HPDF_UINT i, count = HPDF_MemStream_GetBufCount(in);
    if (!z || pack_begin(z, HPDF_Stream_Size(in) + extra_len, &D->pack.data,
                         &D->pack.cap) != 0)
        return -1;
    for (i = 0; i < count && HPDF_Stream_Size(in) > 0; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(in, i, &len);
        if (!p || pack_add(z, p, len) != 0)
            return -1;
    }
    if (extra_len && pack_add(z, extra, extra_len) != 0)
        return -1;
    return pack_finish(z, &D->pack.len);
}

/* ---- the worker ---- */

/* A page handed to the worker. The render thread fills it and owns it
 * again once the worker has counted it done; in the meantime only the
 * worker touches in, out, out_len and ok. Buffers are kept for reuse. */
typedef struct pdf_job {
    HPDF_Page page;
    HPDF_Dict contents;
    HPDF_Dict_OnWriteFunc write_fn; /* the dictionary's own, put back on failure */
    char *in, *out;
    size_t in_len, in_cap, out_len, out_cap;
    int ok;
} pdf_job;

/* Job counters only grow; job n is in job[n % PDF_PACK_SLOTS]. [head,
 * done) are deflated and not attached yet, [done, tail) queued or being
 * deflated. head is the render thread's alone; done (worker) and tail,
 * quit (render thread) change under mu. */
struct pdf_packer {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
    size_t head, done, tail;
    int quit, idle; /* idle: the worker waits for work_cv */
    pdf_job job[PDF_PACK_SLOTS];
};

/* What deflate_stream does for a page whose bytes are all in `extra`. */
static int deflate_job(z_stream *z, pdf_job *j)
{
    if (pack_begin(z, j->in_len, &j->out, &j->out_cap) != 0 ||
        pack_add(z, j->in, j->in_len) != 0)
        return -1;
    return pack_finish(z, &j->out_len);
}

static void *worker(void *arg)
{
    struct pdf_packer *k = arg;
    z_stream z;
    int zok;
    memset(&z, 0, sizeof z);
    zok = pack_init(&z) == 0;
    pthread_mutex_lock(&k->mu);
    for (;;) {
        pdf_job *j;
        int ok, quit;
        while (k->done == k->tail && !k->quit) {
            k->idle = 1;
            pthread_cond_wait(&k->work_cv, &k->mu);
        }
        k->idle = 0;
        if (k->done == k->tail)
            break;
        j = &k->job[k->done % PDF_PACK_SLOTS];
        quit = k->quit; /* the render is over: its pages are not wanted */
        pthread_mutex_unlock(&k->mu);
        ok = zok && !quit && deflate_job(&z, j) == 0;
        pthread_mutex_lock(&k->mu);
        j->ok = ok;
        k->done++;
        pthread_cond_signal(&k->done_cv);
    }
    pthread_mutex_unlock(&k->mu);
    if (zok)
        deflateEnd(&z);
    return NULL;
}

/* The worker, started on first use; NULL without one (threads=0, or it
 * could not be started: pages are then deflated on this thread). */
static struct pdf_packer *packer(pdf_doc *D)
{
    struct pdf_packer *k = D->packer;
    if (k || D->pack_threads <= 0)
        return k;
    k = calloc(1, sizeof *k);
    if (!k) {
        D->pack_threads = 0;
        return NULL;
    }
    if (pthread_mutex_init(&k->mu, NULL) != 0) {
        free(k);
        D->pack_threads = 0;
        return NULL;
    }
    if (pthread_cond_init(&k->work_cv, NULL) != 0) {
        pthread_mutex_destroy(&k->mu);
        free(k);
        D->pack_threads = 0;
        return NULL;
    }
    if (pthread_cond_init(&k->done_cv, NULL) != 0 ||
        pthread_create(&k->thread, NULL, worker, k) != 0) {
        pthread_cond_destroy(&k->done_cv); /* harmless when its init failed */
        pthread_cond_destroy(&k->work_cv);
        pthread_mutex_destroy(&k->mu);
        free(k);
        D->pack_threads = 0;
        return NULL;
    }
    D->packer = k;
    return k;
}

/* Puts a deflated page in as its content stream, as pdf_page_pack does on
 * this thread; when deflating failed, its bytes go to libharu's stream
 * unpacked (libharu compresses them when saving, as before). */
static void attach(pdf_doc *D, pdf_job *j)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)j->page->attr;
    HPDF_Dict contents = j->contents;
    HPDF_Stream packed = NULL;
    if (pdf_failed(D))
        goto out; /* nothing is saved */
    if (j->ok) {
        packed = HPDF_MemStream_New(j->page->mmgr, (HPDF_UINT)j->out_len);
        if (packed && HPDF_Stream_Write(packed, (const HPDF_BYTE *)j->out,
                                        (HPDF_UINT)j->out_len) != HPDF_OK) {
            HPDF_Stream_Free(packed);
            packed = NULL;
        }
    }
    if (packed) {
        HPDF_Stream_Free(contents->stream);
        contents->stream = packed;
        contents->filter = HPDF_STREAM_FILTER_NONE;
        if (attr->contents == contents)
            attr->stream = packed;
        D->packed_worker++;
    } else {
        contents->write_fn = j->write_fn;
        if (HPDF_Stream_Write(contents->stream, (const HPDF_BYTE *)j->in,
                              (HPDF_UINT)j->in_len) != HPDF_OK && !D->hpdf_error)
            D->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
    }
out:
    j->page = NULL;
    j->contents = NULL;
    j->in_len = 0;
}

/* Waits until job `upto` - 1 is deflated, then attaches every finished
 * one in order (upto = head: only those already done). */
static void collect(pdf_doc *D, size_t upto)
{
    struct pdf_packer *k = D->packer;
    size_t done;
    if (!k || k->head == k->tail)
        return;
    pthread_mutex_lock(&k->mu);
    if (k->done < upto && k->idle)
        pthread_cond_signal(&k->work_cv); /* fewer than a batch queued */
    while (k->done < upto)
        pthread_cond_wait(&k->done_cv, &k->mu);
    done = k->done;
    pthread_mutex_unlock(&k->mu);
    for (; k->head < done; k->head++)
        attach(D, &k->job[k->head % PDF_PACK_SLOTS]);
}

/* Hands gs_page's operators (D->cs, nothing in libharu's stream) to the
 * worker; 0 when it took them. */
static int hand_over(pdf_doc *D, HPDF_Page page, HPDF_Dict contents)
{
    struct pdf_packer *k = packer(D);
    pdf_job *j;
    char *buf;
    size_t cap;
    if (!k)
        return -1;
    collect(D, k->head);
    if (k->tail - k->head == PDF_PACK_SLOTS)
        collect(D, k->head + 1);
    j = &k->job[k->tail % PDF_PACK_SLOTS];
    /* the page's buffer goes, an earlier page's comes back for the next */
    buf = j->in;
    cap = j->in_cap;
    j->in = D->cs.data;
    j->in_cap = D->cs.cap;
    j->in_len = D->cs.len;
    D->cs.data = buf;
    D->cs.cap = cap;
    D->cs.len = 0;
    j->page = page;
    j->contents = contents;
    j->write_fn = contents->write_fn;
    contents->write_fn = write_filter; /* packed, or about to be */
    pthread_mutex_lock(&k->mu);
    k->tail++;
    /* an idle worker is woken for a batch of pages, not for each */
    if (k->idle && k->tail - k->done >= PDF_PACK_BATCH)
        pthread_cond_signal(&k->work_cv);
    pthread_mutex_unlock(&k->mu);
    return 0;
}

/* Whether the page is with the worker: its job number + 1, else 0. */
static size_t pending(const pdf_doc *D, HPDF_Page page)
{
    const struct pdf_packer *k = D->packer;
    size_t n;
    for (n = k ? k->head : 0; k && n < k->tail; n++)
        if (k->job[n % PDF_PACK_SLOTS].page == page)
            return n + 1;
    return 0;
}
#endif

void pdf_pack_options(pdf_doc *D)
{
    const char *v = D->api->option(D->ctx, "threads");
    D->pack_threads = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 1 : 0;
    if (!v)
        return;
    if ((v[0] == '0' || v[0] == '1') && !v[1])
        D->pack_threads = v[0] - '0';
    else
        D->api->report(D->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "pdf: threads must be 0 or 1 (pages deflated on a worker "
                       "thread or not), not '%s'; using %d",
                       v, D->pack_threads);
}

void pdf_pack_drain(pdf_doc *D)
{
#if PDF_PACK
    if (D->packer)
        collect(D, D->packer->tail);
#else
    (void)D;
#endif
}

void pdf_pack_free(pdf_doc *D)
{
#if PDF_PACK
    struct pdf_packer *k = D->packer;
    if (k) {
        size_t i;
        pthread_mutex_lock(&k->mu);
        k->quit = 1;
        pthread_cond_signal(&k->work_cv);
        pthread_mutex_unlock(&k->mu);
        pthread_join(k->thread, NULL);
        for (i = 0; i < PDF_PACK_SLOTS; i++) {
            free(k->job[i].in);
            free(k->job[i].out);
        }
        pthread_cond_destroy(&k->done_cv);
        pthread_cond_destroy(&k->work_cv);
        pthread_mutex_destroy(&k->mu);
        free(k);
        D->packer = NULL;
    }
#endif
    if (D->zs) {
        deflateEnd(D->zs);
        free(D->zs);
        D->zs = NULL;
    }
    pdf_str_free(&D->pack);
    pdf_str_free(&D->cs);
}

void pdf_page_flush(pdf_doc *D)
{
#if PDF_PACK
    HPDF_PageAttr attr;
    if (!D->gs_page)
        return;
    pdf_cs_close(D);
    attr = (HPDF_PageAttr)D->gs_page->attr;
    if (D->cs.len && !D->oom &&
        HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)D->cs.data,
                          (HPDF_UINT)D->cs.len) != HPDF_OK && !D->hpdf_error)
        D->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
    D->cs.len = 0;
    D->gs_page = NULL;
#else
    (void)D;
#endif
}

void pdf_page_pack(pdf_doc *D, HPDF_Page page)
{
#if PDF_PACK
    HPDF_PageAttr attr;
    HPDF_Dict contents;
    HPDF_Stream packed;
    const char *extra = NULL;
    size_t extra_len = 0;
    if (!page || pdf_failed(D))
        return;
    attr = (HPDF_PageAttr)page->attr;
    contents = attr->contents;
    if (D->gs_page == page) {
        pdf_cs_close(D);
        extra = D->cs.data;
        extra_len = D->cs.len;
    }
    if (contents && contents->write_fn != write_filter && contents->stream &&
        contents->stream->type == HPDF_STREAM_MEMORY &&
        (contents->filter & HPDF_STREAM_FILTER_FLATE_DECODE) && extra_len &&
        HPDF_Stream_Size(contents->stream) == 0 && hand_over(D, page, contents) == 0) {
        D->gs_page = NULL;
        return;
    }
    if (!contents || contents->write_fn == write_filter || !contents->stream ||
        contents->stream->type != HPDF_STREAM_MEMORY ||
        !(contents->filter & HPDF_STREAM_FILTER_FLATE_DECODE) ||
        HPDF_Stream_Size(contents->stream) + extra_len == 0 ||
        deflate_stream(D, contents->stream, extra, extra_len) != 0) {
        /* libharu compresses it when saving, as before */
        if (D->gs_page == page)
            pdf_page_flush(D);
        return;
    }
    packed = HPDF_MemStream_New(page->mmgr, (HPDF_UINT)D->pack.len);
    if (!packed)
        return;
    if (HPDF_Stream_Write(packed, (const HPDF_BYTE *)D->pack.data,
                          (HPDF_UINT)D->pack.len) != HPDF_OK) {
        HPDF_Stream_Free(packed);
        return;
    }
    HPDF_Stream_Free(contents->stream);
    contents->stream = packed;
    contents->filter = HPDF_STREAM_FILTER_NONE;
    contents->write_fn = write_filter;
    attr->stream = packed;
    D->packed_here++;
    if (D->gs_page == page) {
        D->cs.len = 0;
        D->gs_page = NULL;
    }
#else
    (void)D;
    (void)page;
#endif
}

void pdf_page_reopen(pdf_doc *D, HPDF_Page page)
{
#if PDF_PACK
    HPDF_PageAttr attr;
    size_t n;
    if (!page)
        return;
    if (D->gs_page != page)
        pdf_page_flush(D); /* what another page has pending stays its own */
    attr = (HPDF_PageAttr)page->attr;
    if (!attr->contents || attr->contents->write_fn != write_filter)
        return;
    n = pending(D, page);
    if (n) {
        collect(D, n); /* the packed stream must be in place first */
        if (attr->contents->write_fn != write_filter)
            return; /* it could not be deflated: drawing goes on unpacked */
    }
    if (HPDF_Page_New_Content_Stream(page, NULL) == HPDF_OK && attr->contents)
        attr->contents->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    /* the new stream starts where the packed one ended: no state known */
    D->gs_page = NULL;
#else
    (void)D;
    (void)page;
#endif
}
