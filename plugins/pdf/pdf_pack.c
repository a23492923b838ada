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
 * This reaches into libharu structures its installed headers declare
 * (the page's attributes, a stream dictionary's filter and write hook) and
 * was checked against 2.3.0 only; with another version pages are left to
 * libharu. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pdf_internal.h"

#define PDF_PACK PDF_DIRECT

/* callgrind, 100 events (whole render): level 6 (libharu's) 1.551 G Ir,
 * 1.564 MB; level 3 1.462 G (-5.8%), 1.621 MB (+3.6%); level 1 1.457 G,
 * 1.651 MB. Level 3 keeps most of the gain for less size. */
#define PDF_PACK_LEVEL 3

#if PDF_PACK
#include <hpdf_pages.h>

/* Writes the /Filter libharu would, for a stream it no longer filters. */
static HPDF_STATUS write_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* One deflate state for the whole render: deflateInit allocates and
 * clears some 256 KB, too much to do for every page. Its hash table is
 * still cleared at each reset: memLevel 5 (4K entries instead of 32K)
 * suits pages of a few KB and cut 2.4% of a 100-event render's
 * instructions for 53 bytes more file. */
static z_stream *zstream(pdf_doc *D)
{
    z_stream *z = D->zs;
    if (z)
        return deflateReset(z) == Z_OK ? z : NULL;
    z = calloc(1, sizeof *z);
    if (!z)
        return NULL;
    if (deflateInit2(z, PDF_PACK_LEVEL, Z_DEFLATED, 15, 5, Z_DEFAULT_STRATEGY) != Z_OK) {
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
    size_t size = HPDF_Stream_Size(in) + extra_len;
    uLong bound;
    int rc = Z_OK;
    if (!z)
        return -1;
    bound = deflateBound(z, (uLong)size);
    if (pdf_grow(&D->pack.data, &D->pack.cap, (size_t)bound + 1, 1) != 0)
        return -1;
    z->next_out = (Bytef *)D->pack.data;
    z->avail_out = (uInt)bound;
    for (i = 0; i < count && rc == Z_OK && HPDF_Stream_Size(in) > 0; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(in, i, &len);
        if (!p)
            return -1;
        z->next_in = p;
        z->avail_in = len;
        rc = deflate(z, Z_NO_FLUSH);
    }
    if (rc == Z_OK && extra_len) {
        z->next_in = (Bytef *)extra;
        z->avail_in = (uInt)extra_len;
        rc = deflate(z, Z_NO_FLUSH);
    }
    if (rc == Z_OK)
        rc = deflate(z, Z_FINISH);
    D->pack.len = z->total_out;
    return rc == Z_STREAM_END ? 0 : -1;
}
#endif

void pdf_pack_free(pdf_doc *D)
{
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
    if (!page)
        return;
    if (D->gs_page != page)
        pdf_page_flush(D); /* what another page has pending stays its own */
    attr = (HPDF_PageAttr)page->attr;
    if (!attr->contents || attr->contents->write_fn != write_filter)
        return;
    if (HPDF_Page_New_Content_Stream(page, NULL) == HPDF_OK && attr->contents)
        attr->contents->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    /* the new stream starts where the packed one ended: no state known */
    D->gs_page = NULL;
#else
    (void)D;
    (void)page;
#endif
}
