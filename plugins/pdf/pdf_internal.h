/* pdf_internal.h - shared types of the pdf plugin (private to plugins/pdf).
 *
 * The plugin is split by concern: pdf_style.c reads the template into a
 * pdf_style, pdf_fonts.c loads and measures fonts, pdf_layout.c breaks
 * paragraphs into lines and flows them over pages, pdf_markdown.c turns a
 * cmark AST into paragraphs, pdf_sections.c / pdf_event.c build the cover,
 * contents and event sections, and pdf_plugin.c ties it together. All state
 * lives in one pdf_doc per render: no globals. */
#ifndef DOSSIER_PDF_INTERNAL_H
#define DOSSIER_PDF_INTERNAL_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "dossier/plugin.h"

/* ---- small growable string (plugins cannot use core/buf_internal.h) ---- */
typedef struct pdf_str {
    char *data;
    size_t len, cap;
    int failed;
} pdf_str;

void pdf_str_append(pdf_str *s, const char *p, size_t n);
void pdf_str_puts(pdf_str *s, const char *p);
void pdf_str_printf(pdf_str *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *pdf_str_cstr(pdf_str *s); /* "" when empty */
void pdf_str_clear(pdf_str *s);
void pdf_str_free(pdf_str *s);

/* Grows *arr (of elem bytes) to hold at least need elements; 0 or -1. */
int pdf_grow(void *arr, size_t *cap, size_t need, size_t elem);

/* ---- style (pdf_style.c) ---- */
typedef struct pdf_rgb {
    float r, g, b;
} pdf_rgb;

typedef enum pdf_face {
    PDF_FACE_REGULAR = 0,
    PDF_FACE_BOLD,
    PDF_FACE_ITALIC,
    PDF_FACE_BOLD_ITALIC,
    PDF_FACE_MONO,
    PDF_FACE_COUNT
} pdf_face;

/* Document parts and event parts, in template order. */
typedef enum pdf_part {
    PDF_PART_COVER = 0,
    PDF_PART_CONTENTS,
    PDF_PART_EVENTS,
    PDF_PART_SUMMARY,
    PDF_PART_FACTS,
    PDF_PART_ORGANIZERS,
    PDF_PART_PARTICIPANTS,
    PDF_PART_STATEMENTS,
    PDF_PART_OUTCOMES,
    PDF_PART_FIGURES,
    PDF_PART_NARRATIVE,
    PDF_PART_CONTACTS,
    PDF_PART_SOURCES,
    PDF_PART_RELATED,
    PDF_PART_COUNT
} pdf_part;

#define PDF_MAX_PARTS 24

typedef struct pdf_style {
    float page_w, page_h;
    float m_top, m_bottom, m_left, m_right;
    char *font_path[PDF_FACE_COUNT];
    float size_body, size_small, size_header, size_kicker;
    float size_event_title, size_section, size_cover_title, size_cover_subtitle;
    float size_h[3]; /* Markdown headings: level 1, 2, 3+ */
    float leading;   /* line height as a multiple of the font size */
    float para_gap;  /* points between paragraphs */
    pdf_rgb c_text, c_muted, c_accent, c_rule, c_link, c_shade, c_quote,
        c_classification, c_cover_band, c_cover_text;
    pdf_part doc_parts[PDF_MAX_PARTS];
    size_t doc_part_count;
    pdf_part ev_parts[PDF_MAX_PARTS];
    size_t ev_part_count;
    int event_page_break;         /* each event starts on a new page */
    float compact_roles_above;    /* a role group with more entities flows
                                   * as one paragraph, not a table row */
    dossier_data *tmpl;           /* the parsed template, or NULL */
    const dossier_value *labels;  /* its `labels` object, or NULL */
    const dossier_host_api *api;
} pdf_style;

/* Loads the template (option `template`, else pdf/briefing-LANG.yaml for
 * the dossier's language when it exists, else pdf/briefing.yaml) over the
 * built-in defaults. Reports problems through the host; returns DOSSIER_OK
 * or an error status. */
dossier_status pdf_style_load(pdf_style *s, const dossier_host_api *api,
                              dossier_render_ctx *ctx, const char *language);
void pdf_style_free(pdf_style *s);
/* The label `key` ("organizers", "roles.host", "kinds.workshop"...): the
 * template's value, else the built-in English one, else the key itself. */
const char *pdf_label(const pdf_style *s, const char *key);
/* The same, but NULL when neither the template nor the defaults have it. */
const char *pdf_label_find(const pdf_style *s, const char *key);
/* Month name 1..12 from labels.months (genitive forms where a language
 * needs them). */
const char *pdf_month(const pdf_style *s, int month);
/* The part named `name`, or -1. */
int pdf_part_from_name(const char *name);

/* ---- fonts (pdf_fonts.c) ---- */
/* Single-byte code pages text is drawn with where it can be (see
 * pdf_font_run): Western, Central European, Cyrillic, Greek, Turkish,
 * Baltic. */
#define PDF_CP_COUNT 6

/* A code page's Unicode -> byte table (bytes 0x80..0xFF, sorted by code
 * point; printable ASCII maps to itself). */
typedef struct pdf_cpmap {
    uint16_t uni[128];
    uint8_t code[128];
    size_t n;
} pdf_cpmap;

typedef struct pdf_fonts {
    HPDF_Font font[PDF_FACE_COUNT]; /* use pdf_font(): loaded on first use */
    HPDF_Font type0[PDF_FACE_COUNT]; /* use pdf_font_type0() */
    uint8_t type0_tried[PDF_FACE_COUNT];
    int16_t *width[PDF_FACE_COUNT]; /* per-BMP-code width cache, -1 unknown */
    uint8_t tried[PDF_FACE_COUNT];
    /* libharu's name of the TrueType data each face uses (a face that
     * fell back has its fallback's), for the code-page fonts of the face */
    const char *ttf_name[PDF_FACE_COUNT];
    HPDF_Font cp_font[PDF_FACE_COUNT][PDF_CP_COUNT]; /* loaded on first use */
    uint8_t cp_tried[PDF_FACE_COUNT][PDF_CP_COUNT];
    pdf_cpmap *cp[PDF_CP_COUNT]; /* built on first use */
    uint8_t cp_state[PDF_CP_COUNT]; /* 0 not built, 1 ready, 2 unusable */
    uint8_t last_cp[PDF_FACE_COUNT]; /* per face, the code page of its last run: tried first */
    int16_t *cp_width[PDF_FACE_COUNT][PDF_CP_COUNT]; /* pdf_font_code_widths */
    HPDF_Font last_font; /* the font of the last run and its widths */
    int16_t *last_width;
} pdf_fonts;

struct pdf_doc;
/* Loads the regular face (the only required one); -1 when it cannot. */
int pdf_fonts_load(struct pdf_doc *D);
/* The face's CP1252 font, loaded on first use (many dossiers never use
 * mono or bold italic); a face that cannot be loaded falls back with a
 * warning. */
HPDF_Font pdf_font(struct pdf_doc *D, pdf_face f);
/* The face's UTF-8 Type0 font, made on first use; NULL on failure. */
HPDF_Font pdf_font_type0(struct pdf_doc *D, pdf_face f);
/* libharu calls that may fail without failing the render (fonts and
 * encoders made lazily, mid-render): pdf_tolerate_begin sets aside the
 * error recorded so far; pdf_tolerate_end returns 1 when the calls since
 * failed, forgets that failure and puts the earlier error back. */
typedef struct pdf_hpdf_state {
    HPDF_STATUS error, detail;
} pdf_hpdf_state;
pdf_hpdf_state pdf_tolerate_begin(struct pdf_doc *D);
int pdf_tolerate_end(struct pdf_doc *D, pdf_hpdf_state saved);
void pdf_fonts_free(pdf_fonts *f);
/* The longest run at the start of UTF-8 text s (n bytes, cleaned by
 * pdf_text_clean) that one font of the face shows: a simple TrueType font
 * with a single-byte code page when the text fits one (1 byte per glyph
 * in the content stream, and ASCII written as is), else the UTF-8 Type0
 * font (4 hex digits per glyph). Both fonts share the face's embedded font
 * file. Sets *font and writes the run's bytes for libharu into out
 * (cleared first); returns the bytes of s used, 0 on failure. */
size_t pdf_font_run(struct pdf_doc *D, pdf_face face, const char *s, size_t n,
                    HPDF_Font *font, pdf_str *out);
/* The font pdf_font_run picks for printable ASCII text (which it writes
 * unchanged), or NULL when that font is not made yet. */
HPDF_Font pdf_font_ascii(struct pdf_doc *D, pdf_face face);
/* The advance widths (1/1000 em) of a code-page font's 256 codes, -1 for
 * a code not drawn yet: see pdf_cs_text. NULL for other fonts. */
int16_t *pdf_font_code_widths(struct pdf_doc *D, HPDF_Font font);
/* Width in points of UTF-8 text n bytes long. */
float pdf_text_width(struct pdf_doc *D, pdf_face face, float size,
                     const char *s, size_t n);
/* Decodes one UTF-8 code point at s (n bytes available); sets *len. */
uint32_t pdf_utf8_decode(const char *s, size_t n, size_t *len);
/* Appends text to out, replacing what the fonts cannot show through
 * libharu's UTF-8 encoder (controls, code points beyond the BMP) and tabs. */
void pdf_text_clean(pdf_str *out, const char *s, size_t n, int keep_newlines);

/* ---- paragraphs and layout (pdf_layout.c) ---- */
typedef struct pdf_run {
    size_t off, len;     /* text in pdf_para.text */
    size_t link_off, link_len; /* URI in pdf_para.text; link_len 0: none */
    long dest;           /* internal link to event index, -1 none */
    float size;
    pdf_rgb color;
    uint8_t face;
    uint8_t pre;         /* spaces are kept and do not break */
    uint8_t hard_break;  /* a forced line end (text empty) */
    uint8_t underline;
} pdf_run;

typedef struct pdf_para {
    pdf_str text;
    pdf_run *runs;
    size_t run_count, run_cap;
} pdf_para;

void pdf_para_init(pdf_para *p);
void pdf_para_free(pdf_para *p);
void pdf_para_clear(pdf_para *p);
/* Appends text in one style; link may be NULL. */
void pdf_para_add(pdf_para *p, const char *text, size_t n, pdf_face face,
                  float size, pdf_rgb color, const char *link, long dest);
void pdf_para_add_break(pdf_para *p, float size);
int pdf_para_empty(const pdf_para *p);

typedef enum pdf_align { PDF_ALIGN_LEFT = 0, PDF_ALIGN_CENTER, PDF_ALIGN_RIGHT } pdf_align;

typedef struct pdf_block {
    float indent_left, indent_right;
    const char *marker;  /* list marker drawn left of the first line */
    pdf_face marker_face;
    float marker_size;
    pdf_rgb marker_color;
    int has_bg;          /* shade each line (code blocks) */
    pdf_rgb bg;
    float keep_with_next;/* reserve this much below the block */
    float leading;       /* 0: the style's */
    pdf_align align;
} pdf_block;

typedef struct pdf_bar {
    float x, w;
    pdf_rgb color;
    /* the part drawn so far on the current page, not yet filled: lines
     * that follow each other extend it, so a quotation's bar is one
     * rectangle, not one per line */
    int pending;
    float top, bottom;
} pdf_bar;

typedef struct pdf_ilink {
    HPDF_Page page;
    HPDF_Rect rect;
    size_t event;
} pdf_ilink;

typedef struct pdf_pageinfo {
    HPDF_Page page;
    int bare; /* no header/footer */
} pdf_pageinfo;

typedef struct pdf_doc {
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
    const pdf_style *style;
    const dossier_model *model;
    HPDF_Doc pdf;
    pdf_fonts fonts;
    HPDF_Encoder utf8;
    /* Pages in document order (cover, contents, events...). */
    pdf_pageinfo *pages;
    size_t page_count, page_cap;
    size_t insert_at;   /* new pages go before pages[insert_at]; SIZE_MAX appends */
    int dry;            /* measuring only: count pages, draw nothing */
    size_t dry_pages;
    int no_header;      /* new pages get no header/footer (the cover) */
    HPDF_Page page;     /* current page (NULL in dry mode) */
    float y;            /* top of the next line on the current page */
    pdf_bar bars[16];
    size_t bar_count;
    pdf_ilink *ilinks;
    size_t ilink_count, ilink_cap;
    HPDF_Page *event_page; /* first page of each event */
    size_t *event_pageno;  /* its number before the contents are inserted */
    float *event_top;      /* where its title block starts */
    /* libharu errors recorded by the handler */
    HPDF_STATUS hpdf_error, hpdf_detail;
    int oom;
    /* Font, size and fill colour in force in gs_page's content stream, so
     * that unchanged ones are not written again (Tf and rg before every
     * fragment were half the operators). Any other page invalidates it. */
    HPDF_Page gs_page;
    HPDF_Font gs_font;
    float gs_size;
    pdf_rgb gs_fill;
    int gs_has_font, gs_has_fill;
    /* The content writer (pdf_content.c, PDF_DIRECT): gs_page's operators
     * not yet handed to libharu, whether a text object is open, the text
     * line start in hundredths of a point, and the page's font names. */
    pdf_str cs;
    int cs_text;
    long cs_tx, cs_ty;
    struct pdf_cs_name {
        HPDF_Font font;
        const char *name;
    } cs_names[16];
    size_t cs_name_count;
    pdf_str enc; /* scratch: a run's bytes as libharu takes them */
    void *atoms; /* scratch: the line breaker's atoms (pdf_layout.c) */
    size_t atom_cap;
    pdf_str pack; /* scratch: a page's deflated content (pdf_pack.c) */
    struct z_stream_s *zs; /* its deflate state, made on first use */
    /* pages deflated on a worker thread (pdf_pack.c); -1: not decided */
    struct pdf_packer *packer;
    int pack_threads;
    /* content streams deflated on the worker / on the render thread
     * (-O pdf.stats=1 reports them; the tests check the worker is used) */
    size_t packed_worker, packed_here;
    /* the header's texts, fitted once (pdf_page_header) */
    pdf_str hdr_title, hdr_cls, hdr_by;
    float hdr_cls_w;
    int hdr_ready;
} pdf_doc;

/* Content box of the page. */
float pdf_left(const pdf_doc *D);
float pdf_right(const pdf_doc *D);
float pdf_top(const pdf_doc *D);
float pdf_bottom(const pdf_doc *D);
int pdf_failed(const pdf_doc *D);

void pdf_new_page(pdf_doc *D);
/* Draws the running header and footer rules of a new page (pdf_plugin.c);
 * the page numbers come at the end, when the page count is known. */
void pdf_page_header(pdf_doc *D);
/* Moves down by h (not across a page break: at a page top it does nothing). */
void pdf_space(pdf_doc *D, float h);
/* Starts a new page unless h points are left. */
void pdf_need(pdf_doc *D, float h);
/* Flows a paragraph from the cursor. */
void pdf_flow(pdf_doc *D, const pdf_para *p, const pdf_block *b);
/* Height the paragraph takes at width w (for keep-together decisions). */
float pdf_measure(pdf_doc *D, const pdf_para *p, float w, float leading);
/* Horizontal rule across [x0, x1] at the cursor, then moves down. */
void pdf_rule(pdf_doc *D, float x0, float x1, float thick, pdf_rgb color,
              float above, float below);
void pdf_push_bar(pdf_doc *D, float x, float w, pdf_rgb color);
void pdf_pop_bar(pdf_doc *D);
/* Fills the bar parts still pending on the current page. */
void pdf_flush_bars(pdf_doc *D);
/* A table row of n cells with the given widths, starting at x; fill may be
 * NULL. draw 0 only measures. Returns the row height. A row taller than a
 * page is flowed cell by cell instead. */
float pdf_row(pdf_doc *D, pdf_para *const *cells, const float *widths, size_t n,
              float x, float pad, const pdf_rgb *fill, int draw);
/* Whether h points fit below the cursor. */
int pdf_fits(const pdf_doc *D, float h);
/* Draws a single line of text at (x, baseline) without flowing. */
void pdf_text_at(pdf_doc *D, float x, float baseline, const char *text,
                 pdf_face face, float size, pdf_rgb color);
void pdf_fill_rect(pdf_doc *D, float x, float y, float w, float h, pdf_rgb c);
void pdf_add_ilink(pdf_doc *D, HPDF_Page page, HPDF_Rect r, size_t event);

/* ---- page content (pdf_content.c) ----
 * With libharu 2.3.x (PDF_DIRECT) the plugin writes a page's operators
 * itself into D->cs, with short numbers and literal strings, and
 * pdf_pack.c deflates that buffer when the page is left: libharu's
 * per-operator formatting (a cleared buffer and a 5-decimal conversion
 * for every number, a width sum for every string) was a third of the
 * render. Other versions (or -DPDF_LIBHARU_CALLS) draw through libharu's
 * public calls, as before. */
#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3 && !defined(PDF_LIBHARU_CALLS)
#define PDF_DIRECT 1
#else
#define PDF_DIRECT 0
#endif
/* BT and ET around a line of text. */
void pdf_cs_begin_text(pdf_doc *D);
void pdf_cs_end_text(pdf_doc *D);
/* Ends an open text object now (ET). */
void pdf_cs_close(pdf_doc *D);
/* Shows cleaned UTF-8 text inside a text object, at (x, y) when place,
 * else where the text shown before ended, in the face's fonts. */
void pdf_cs_text(pdf_doc *D, pdf_face face, float size, float x, float y,
                 const char *s, size_t n, int place);
void pdf_cs_fill_color(pdf_doc *D, pdf_rgb c);
/* A filled rectangle in the fill colour, or a stroked one. */
void pdf_cs_fill_rect(pdf_doc *D, float x, float y, float w, float h, pdf_rgb c);
void pdf_cs_stroke_rect(pdf_doc *D, float x, float y, float w, float h, float line_w,
                        pdf_rgb c);

/* ---- finished pages (pdf_pack.c) ---- */
/* Deflates the page's content stream now instead of at save time (its
 * uncompressed content is freed); does nothing when already done. */
void pdf_page_pack(pdf_doc *D, HPDF_Page page);
/* Before drawing again on a packed page: starts a new content stream. */
void pdf_page_reopen(pdf_doc *D, HPDF_Page page);
/* Hands D->cs (gs_page's pending operators) to libharu's content stream
 * of that page, unpacked (PDF_DIRECT; a page left without pdf_page_pack). */
void pdf_page_flush(pdf_doc *D);
/* -O threads=0|1 (deflate worker threads; default 1 with more than one
 * CPU): sets D->pack_threads, warns about a bad value. */
void pdf_pack_options(pdf_doc *D);
/* Attaches every page the worker has in hand, waiting for it (before the
 * pages are saved or drawn on again). */
void pdf_pack_drain(pdf_doc *D);
/* Stops and joins the worker (also after a failed render); frees all. */
void pdf_pack_free(pdf_doc *D);

/* ---- Markdown (pdf_markdown.c) ---- */
/* Renders CommonMark text at the cursor. */
void pdf_markdown(pdf_doc *D, const char *text, size_t len, float indent);

/* ---- sections (pdf_sections.c, pdf_event.c) ---- */
void pdf_cover(pdf_doc *D);
/* Lays out the contents; event pages must be known. page_shift is added to
 * every event page number (the contents' own page count). */
void pdf_contents(pdf_doc *D, size_t page_shift);
void pdf_event(pdf_doc *D, const dossier_event *ev);
/* "3–4 May 2018" style, into out. */
void pdf_dates(const pdf_style *s, dossier_date a, dossier_date b, pdf_str *out);
void pdf_date(const pdf_style *s, dossier_date d, pdf_str *out);
/* A plain number as written ("193000", "12.5") with the template's
 * thousands separator (from 5 digits on) and decimal separator. */
void pdf_number(const pdf_style *s, const char *text, pdf_str *out);
/* "Hofburg, Vienna, Austria" */
void pdf_place(pdf_doc *D, const dossier_location *loc, pdf_str *out);
/* A section heading with keep-with-next. */
void pdf_heading(pdf_doc *D, const char *text);
/* Replaces {name} placeholders: pairs of (name, value) strings. */
void pdf_format(pdf_str *out, const char *pattern, const char *const *kv, size_t n);

#endif
