/* pdf_plugin.c - the "pdf" output plugin: a briefing book made with libharu.
 *
 * render() loads the template, lays out the cover and one section per event,
 * then inserts the contents before the events (its page count is measured
 * first in a dry run, so every page number is final), adds the outline and
 * the links, and finally draws headers and "Page N of M" footers on every
 * page, when M is known. libharu errors are recorded by the error handler
 * (which never jumps or prints) and turned into diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_internal.h"

typedef struct pdf_instance {
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
} pdf_instance;

static void error_handler(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf_doc *D = user;
    if (!D->hpdf_error) {
        D->hpdf_error = error_no;
        D->hpdf_detail = detail_no;
    }
}

static dossier_status pdf_create(const dossier_host_api *api, dossier_render_ctx *ctx,
                                 void **instance)
{
    pdf_instance *in = calloc(1, sizeof *in);
    if (!in)
        return DOSSIER_ERR_NOMEM;
    in->api = api;
    in->ctx = ctx;
    *instance = in;
    return DOSSIER_OK;
}

static void pdf_destroy(void *instance)
{
    free(instance);
}

/* Creation date: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
static HPDF_Date creation_date(void)
{
    HPDF_Date d;
    const char *env = getenv("SOURCE_DATE_EPOCH");
    time_t t = time(NULL);
    struct tm tm;
    memset(&d, 0, sizeof d);
    if (env && *env) {
        char *end = NULL;
        long long v = strtoll(env, &end, 10);
        if (end && *end == '\0' && v >= 0)
            t = (time_t)v;
    }
    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
    d.hour = tm.tm_hour;
    d.minutes = tm.tm_min;
    d.seconds = tm.tm_sec;
    d.ind = 'Z';
    return d;
}

/* Info strings go through libharu's UTF-8 encoder too, which cannot take
 * code points beyond the BMP or control characters. */
static void set_info(pdf_doc *D, HPDF_InfoType type, const char *value)
{
    pdf_str t = {0};
    if (!value)
        return;
    pdf_text_clean(&t, value, strlen(value), 0);
    if (t.failed)
        D->oom = 1;
    else
        HPDF_SetInfoAttr(D->pdf, type, pdf_str_cstr(&t));
    pdf_str_free(&t);
}

/* -O pdf.stats=1: where page content was deflated, as a note (the tests
 * use it to see that the worker thread did the work it is meant to). */
static void report_stats(pdf_doc *D)
{
    const char *v = D->api->option(D->ctx, "stats");
    if (!v || strcmp(v, "1") != 0)
        return;
    D->api->report(D->ctx, DOSSIER_SEV_NOTE, NULL, 0, 0,
                   "pdf: %zu pages, %zu content streams deflated on the worker "
                   "thread, %zu on the render thread",
                   D->page_count, D->packed_worker, D->packed_here);
}

static void set_metadata(pdf_doc *D)
{
    const dossier_model *m = D->model;
    pdf_str kw = {0};
    HPDF_Date date = creation_date();
    const char **distinct = NULL;
    size_t distinct_count = 0, distinct_cap = 0;
    size_t i, j, k;
    set_info(D, HPDF_INFO_TITLE, m->title);
    set_info(D, HPDF_INFO_AUTHOR, m->prepared_by);
    set_info(D, HPDF_INFO_SUBJECT,
             m->subtitle ? m->subtitle : pdf_label(D->style, "cover_note"));
    set_info(D, HPDF_INFO_CREATOR, "Dossier pdf plugin");
    /* keywords: every distinct theme, in order of first use. Checked
     * against the distinct list so far (a handful of tags in practice), not
     * against every earlier event, which was quadratic in the event count. */
    for (i = 0; i < m->event_count; i++) {
        const dossier_event *ev = m->events[i];
        for (j = 0; j < ev->theme_count; j++) {
            const char *theme = ev->themes[j];
            for (k = 0; k < distinct_count; k++)
                if (strcmp(distinct[k], theme) == 0)
                    break;
            if (k < distinct_count)
                continue;
            if (distinct_count == distinct_cap) {
                size_t cap = distinct_cap ? distinct_cap * 2 : 16;
                const char **p = realloc(distinct, cap * sizeof(*p));
                if (!p) {
                    kw.failed = 1;
                    break;
                }
                distinct = p;
                distinct_cap = cap;
            }
            distinct[distinct_count++] = theme;
            if (kw.len)
                pdf_str_puts(&kw, ", ");
            pdf_str_puts(&kw, theme);
        }
    }
    free(distinct);
    if (kw.len && !kw.failed)
        set_info(D, HPDF_INFO_KEYWORDS, kw.data);
    pdf_str_free(&kw);
    HPDF_SetInfoDateAttr(D->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(D->pdf, HPDF_INFO_MOD_DATE, date);
}

/* Cuts text to fit width w, ending it with an ellipsis. */
static void fit_text(pdf_doc *D, pdf_str *out, const char *text, pdf_face f, float size,
                     float w)
{
    size_t n = strlen(text), len;
    pdf_str_puts(out, text);
    if (pdf_text_width(D, f, size, text, n) <= w)
        return;
    pdf_str_clear(out);
    while (n > 0) {
        size_t i = 0, last = 0;
        while (i < n) { /* back off one code point */
            last = i;
            pdf_utf8_decode(text + i, n - i, &len);
            i += len;
        }
        n = last;
        if (pdf_text_width(D, f, size, text, n) +
                pdf_text_width(D, f, size, "\xE2\x80\xA6", 3) <= w)
            break;
    }
    pdf_str_append(out, text, n);
    pdf_str_puts(out, "\xE2\x80\xA6");
}

/* Header and footer lines: inside the margins, 26 and 32 pt from the text
 * with the default 72/64. */
static float head_y(const pdf_doc *D) { return D->style->page_h - D->style->m_top * 0.64f; }
static float foot_y(const pdf_doc *D) { return D->style->m_bottom * 0.5f; }

/* The header's texts, cut to fit, measured once per render. */
static void header_prepare(pdf_doc *D)
{
    const pdf_style *s = D->style;
    const dossier_model *m = D->model;
    float hs = s->size_header;
    const char *cls;
    /* the classification keeps at most half the header, the title the rest */
    fit_text(D, &D->hdr_cls, m->classification ? m->classification : "", PDF_FACE_BOLD, hs,
             (pdf_right(D) - pdf_left(D)) / 2);
    cls = pdf_str_cstr(&D->hdr_cls);
    D->hdr_cls_w = pdf_text_width(D, PDF_FACE_BOLD, hs, cls, strlen(cls));
    fit_text(D, &D->hdr_title, m->title, PDF_FACE_REGULAR, hs,
             pdf_right(D) - pdf_left(D) - D->hdr_cls_w - 24);
    if (m->prepared_by)
        fit_text(D, &D->hdr_by, m->prepared_by, PDF_FACE_REGULAR, hs,
                 (pdf_right(D) - pdf_left(D)) * 0.6f);
    if (D->hdr_cls.failed || D->hdr_title.failed || D->hdr_by.failed)
        D->oom = 1;
    D->hdr_ready = 1;
}

/* Everything of the header and footer but the page number, drawn when the
 * page is made so that it is deflated with the page's body. */
void pdf_page_header(pdf_doc *D)
{
    const pdf_style *s = D->style;
    float hs = s->size_header, hy = head_y(D), fy = foot_y(D);
    if (D->dry || !D->page)
        return;
    if (!D->hdr_ready)
        header_prepare(D);
    pdf_text_at(D, pdf_left(D), hy, pdf_str_cstr(&D->hdr_title), PDF_FACE_REGULAR, hs,
                s->c_muted);
    pdf_text_at(D, pdf_right(D) - D->hdr_cls_w, hy, pdf_str_cstr(&D->hdr_cls),
                PDF_FACE_BOLD, hs, s->c_classification);
    pdf_fill_rect(D, pdf_left(D), hy - 7, pdf_right(D) - pdf_left(D), 0.6f, s->c_rule);
    pdf_fill_rect(D, pdf_left(D), fy + 14, pdf_right(D) - pdf_left(D), 0.6f, s->c_rule);
    if (D->model->prepared_by)
        pdf_text_at(D, pdf_left(D), fy, pdf_str_cstr(&D->hdr_by), PDF_FACE_REGULAR, hs,
                    s->c_muted);
}

/* "Page N of M" on every page with a header, once M is known: a second,
 * small content stream of each page. */
static void page_numbers(pdf_doc *D)
{
    const pdf_style *s = D->style;
    float hs = s->size_header;
    pdf_str foot = {0};
    size_t i;
    for (i = 0; i < D->page_count && !pdf_failed(D); i++) {
        char page[24], pages[24];
        const char *kv[4];
        float fw;
        if (D->pages[i].bare)
            continue;
        D->page = D->pages[i].page;
        pdf_page_reopen(D, D->page);
        snprintf(page, sizeof page, "%zu", i + 1);
        snprintf(pages, sizeof pages, "%zu", D->page_count);
        kv[0] = "page";
        kv[1] = page;
        kv[2] = "pages";
        kv[3] = pages;
        pdf_str_clear(&foot);
        pdf_format(&foot, pdf_label(s, "page_footer"), kv, 2);
        fw = pdf_text_width(D, PDF_FACE_BOLD, hs, pdf_str_cstr(&foot), foot.len);
        pdf_text_at(D, pdf_right(D) - fw, foot_y(D), pdf_str_cstr(&foot), PDF_FACE_BOLD, hs,
                    s->c_accent);
        pdf_page_pack(D, D->page);
    }
    if (foot.failed)
        D->oom = 1;
    pdf_str_free(&foot);
}

/* A destination showing event i's title block at the top of the window. */
static HPDF_Destination event_dest(pdf_doc *D, size_t i)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(D->event_page[i]);
    float top = D->event_top[i] + D->style->size_event_title;
    if (dst)
        HPDF_Destination_SetFitH(dst, top < D->style->page_h ? top : D->style->page_h);
    return dst;
}

static void links_and_outline(pdf_doc *D, HPDF_Page contents_page)
{
    size_t i;
    HPDF_Outline root = NULL;
    if (contents_page) {
        HPDF_Outline o = HPDF_CreateOutline(D->pdf, NULL,
                                            pdf_label(D->style, "contents"), D->utf8);
        if (o)
            HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(contents_page));
    }
    for (i = 0; i < D->ilink_count && !pdf_failed(D); i++) {
        pdf_ilink *l = &D->ilinks[i];
        HPDF_Annotation an;
        HPDF_Destination dst;
        if (l->event >= D->model->event_count || !D->event_page[l->event])
            continue;
        dst = event_dest(D, l->event);
        an = dst ? HPDF_Page_CreateLinkAnnot(l->page, l->rect, dst) : NULL;
        if (an)
            HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
    }
    for (i = 0; i < D->model->event_count && !pdf_failed(D); i++) {
        const dossier_event *ev = D->model->events[i];
        pdf_str t = {0};
        HPDF_Outline o;
        if (!D->event_page[i])
            continue;
        pdf_text_clean(&t, ev->title, strlen(ev->title), 0);
        o = HPDF_CreateOutline(D->pdf, root, pdf_str_cstr(&t), D->utf8);
        if (o)
            HPDF_Outline_SetDestination(o, event_dest(D, i));
        pdf_str_free(&t);
    }
}

static void layout(pdf_doc *D)
{
    const pdf_style *s = D->style;
    size_t p, i, contents_at = SIZE_MAX;
    HPDF_Page contents_page = NULL;
    int want_contents = 0;
    for (p = 0; p < s->doc_part_count && !pdf_failed(D); p++) {
        switch (s->doc_parts[p]) {
        case PDF_PART_COVER:
            pdf_cover(D);
            break;
        case PDF_PART_CONTENTS:
            want_contents = 1;
            contents_at = D->page_count;
            break;
        case PDF_PART_EVENTS:
            for (i = 0; i < D->model->event_count && !pdf_failed(D); i++) {
                pdf_event(D, D->model->events[i]);
                if (D->api->progress)
                    D->api->progress(D->ctx, i + 1, D->model->event_count);
            }
            break;
        default:
            break;
        }
    }
    if (want_contents && !pdf_failed(D)) {
        size_t n;
        D->dry = 1;
        D->dry_pages = 0;
        pdf_contents(D, 0);
        D->dry = 0;
        n = D->dry_pages;
        for (i = 0; i < D->model->event_count; i++)
            if (D->event_pageno[i] > contents_at)
                D->event_pageno[i] += n;
        D->insert_at = contents_at;
        pdf_contents(D, 0);
        D->insert_at = SIZE_MAX;
        if (contents_at < D->page_count)
            contents_page = D->pages[contents_at].page;
    }
    pdf_flush_bars(D);
    for (i = 0; i < D->page_count && !pdf_failed(D); i++)
        pdf_page_pack(D, D->pages[i].page);
    pdf_pack_drain(D);
    if (!pdf_failed(D))
        links_and_outline(D, contents_page);
    if (!pdf_failed(D))
        page_numbers(D);
}

static dossier_status pdf_render(void *instance, const dossier_model *model,
                                 const char *out_path)
{
    pdf_instance *in = instance;
    pdf_style style;
    pdf_doc *D;
    dossier_status st;
    size_t n = model->event_count ? model->event_count : 1;

    st = pdf_style_load(&style, in->api, in->ctx, model->language);
    if (st != DOSSIER_OK) {
        pdf_style_free(&style);
        return st;
    }
    D = calloc(1, sizeof *D);
    if (!D) {
        pdf_style_free(&style);
        return DOSSIER_ERR_NOMEM;
    }
    D->api = in->api;
    D->ctx = in->ctx;
    D->style = &style;
    D->model = model;
    D->insert_at = SIZE_MAX;
    D->event_page = calloc(n, sizeof *D->event_page);
    D->event_pageno = calloc(n, sizeof *D->event_pageno);
    D->event_top = calloc(n, sizeof *D->event_top);
    D->pdf = HPDF_New(error_handler, D);
    if (!D->event_page || !D->event_pageno || !D->event_top || !D->pdf) {
        st = DOSSIER_ERR_NOMEM;
        goto done;
    }
    HPDF_SetCompressionMode(D->pdf, HPDF_COMP_ALL);
    /* libharu keeps every page in one /Kids array, which holds at most
     * 32,767 entries (HPDF_LIMIT_MAX_ARRAY): page 32,768 of a ~6,000-event
     * dossier failed. A page tree of nodes with 1,024 pages each lifts it. */
    HPDF_SetPagesConfiguration(D->pdf, 1024);
    HPDF_UseUTFEncodings(D->pdf);
    HPDF_SetCurrentEncoder(D->pdf, "UTF-8");
    D->utf8 = HPDF_GetEncoder(D->pdf, "UTF-8");
    HPDF_SetPageMode(D->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    if (D->hpdf_error || !D->utf8) {
        st = DOSSIER_ERR_RENDER;
        goto done;
    }
    if (pdf_fonts_load(D) != 0) {
        st = DOSSIER_ERR_RENDER;
        goto done;
    }
    set_metadata(D);
    pdf_pack_options(D);
    layout(D);
    pdf_pack_drain(D); /* the worker's last pages */
    pdf_page_flush(D); /* nothing should be pending: all pages are packed */
    if (!pdf_failed(D))
        HPDF_SaveToFile(D->pdf, out_path);
    report_stats(D);
    if (D->oom)
        st = DOSSIER_ERR_NOMEM;
    else if (D->hpdf_error)
        st = D->hpdf_error == HPDF_FILE_OPEN_ERROR || D->hpdf_error == HPDF_FILE_IO_ERROR
                 ? DOSSIER_ERR_IO
                 : DOSSIER_ERR_RENDER;
done:
    if (D->hpdf_error)
        in->api->report(in->ctx, DOSSIER_SEV_ERROR, out_path, 0, 0,
                        "pdf: libharu error 0x%04X (detail %u)",
                        (unsigned)D->hpdf_error, (unsigned)D->hpdf_detail);
    else if (st == DOSSIER_ERR_NOMEM)
        in->api->report(in->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0, "pdf: out of memory");
    if (D->pdf)
        HPDF_Free(D->pdf);
    pdf_fonts_free(&D->fonts);
    pdf_str_free(&D->enc);
    free(D->atoms);
    pdf_pack_free(D);
    pdf_str_free(&D->hdr_title);
    pdf_str_free(&D->hdr_cls);
    pdf_str_free(&D->hdr_by);
    free(D->pages);
    free(D->ilinks);
    free(D->event_page);
    free(D->event_pageno);
    free(D->event_top);
    free(D);
    pdf_style_free(&style);
    return st;
}

static const dossier_plugin pdf_plugin = {
    DOSSIER_PLUGIN_HEADER_MIN(0), /* needs nothing newer than ABI 1.0 */
    .name = "pdf",
    .version = "1.0.0",
    .description = "Briefing book (PDF, libharu): cover, contents, one section per event",
    .default_output = "briefing.pdf",
    .create = pdf_create,
    .render = pdf_render,
    .destroy = pdf_destroy,
};

DOSSIER_PLUGIN_DEFINE(pdf_plugin)
