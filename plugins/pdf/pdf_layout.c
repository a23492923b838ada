/* pdf_layout.c - paragraphs, line breaking and pagination.
 *
 * A paragraph is a list of styled runs. Breaking splits it into atoms
 * (word pieces, spaces, forced breaks), fills lines greedily, and splits a
 * word character by character only when it is wider than a whole line (long
 * URLs), so nothing ever crosses the right margin. Flowing places lines on
 * pages, starting a new page when the next line does not fit. In dry mode
 * (used to count the contents' pages before drawing them) the same code runs
 * without drawing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* ---- paragraphs ---- */

void pdf_para_init(pdf_para *p)
{
    memset(p, 0, sizeof *p);
}

void pdf_para_free(pdf_para *p)
{
    pdf_str_free(&p->text);
    free(p->runs);
    memset(p, 0, sizeof *p);
}

void pdf_para_clear(pdf_para *p)
{
    p->text.len = 0;
    if (p->text.data)
        p->text.data[0] = '\0';
    p->run_count = 0;
}

static pdf_run *new_run(pdf_para *p)
{
    pdf_run *r;
    if (pdf_grow(&p->runs, &p->run_cap, p->run_count + 1, sizeof *p->runs) != 0) {
        p->text.failed = 1;
        return NULL;
    }
    r = &p->runs[p->run_count++];
    memset(r, 0, sizeof *r);
    r->dest = -1;
    return r;
}

void pdf_para_add(pdf_para *p, const char *text, size_t n, pdf_face face,
                  float size, pdf_rgb color, const char *link, long dest)
{
    pdf_run *r;
    size_t start;
    if (n == 0)
        return;
    start = p->text.len;
    pdf_text_clean(&p->text, text, n, face == PDF_FACE_MONO);
    if (p->text.failed || p->text.len == start)
        return;
    r = new_run(p);
    if (!r)
        return;
    r->off = start;
    r->len = p->text.len - start;
    r->face = (uint8_t)face;
    r->pre = face == PDF_FACE_MONO && memchr(text, '\n', n) != NULL;
    r->size = size;
    r->color = color;
    r->dest = dest;
    if (link && *link) {
        r->link_off = p->text.len;
        pdf_str_puts(&p->text, link);
        r->link_len = p->text.len - r->link_off;
        /* a real NUL: later runs are appended after it, and libharu reads
         * the URI as a C string */
        pdf_str_append(&p->text, "", 1);
    }
}

void pdf_para_add_break(pdf_para *p, float size)
{
    pdf_run *r = new_run(p);
    if (!r)
        return;
    r->hard_break = 1;
    r->size = size;
    r->off = p->text.len;
}

int pdf_para_empty(const pdf_para *p)
{
    size_t i;
    for (i = 0; i < p->run_count; i++) {
        const pdf_run *r = &p->runs[i];
        size_t k;
        for (k = 0; k < r->len; k++)
            if (p->text.data[r->off + k] != ' ')
                return 0;
    }
    return 1;
}

/* ---- breaking ---- */

enum { ATOM_WORD = 0, ATOM_SPACE, ATOM_BREAK };

typedef struct atom {
    size_t run, off, len;
    float w;
    int kind;
} atom;

typedef struct frag {
    size_t run, off, len; /* text in lines.text, NUL-terminated */
    float x, w;
} frag;

typedef struct line {
    size_t frag0, nfrag;
    float w, size;
} line;

typedef struct lines {
    pdf_str text;
    frag *frags;
    size_t nf, capf;
    line *lines;
    size_t nl, capl;
    int oom;
} lines;

static void lines_free(lines *L)
{
    pdf_str_free(&L->text);
    free(L->frags);
    free(L->lines);
}

static int push_atom(atom **a, size_t *n, size_t *cap, atom x)
{
    if (pdf_grow(a, cap, *n + 1, sizeof **a) != 0)
        return -1;
    (*a)[(*n)++] = x;
    return 0;
}

/* The atoms go to a buffer kept in pdf_doc across calls (break_para never
 * nests): a fresh array per paragraph was most of the plugin's mallocs. */
static atom *tokenize(pdf_doc *D, const pdf_para *p, size_t *count)
{
    atom *a = D->atoms;
    size_t n = 0, cap = D->atom_cap, r;
    for (r = 0; r < p->run_count; r++) {
        const pdf_run *run = &p->runs[r];
        const char *t = p->text.data + run->off;
        size_t i = 0;
        if (run->hard_break) {
            atom x = {r, run->off, 0, 0, ATOM_BREAK};
            if (push_atom(&a, &n, &cap, x) != 0)
                goto oom;
            continue;
        }
        while (i < run->len) {
            char c = t[i];
            if (c == '\n' && run->pre) {
                atom x = {r, run->off + i, 0, 0, ATOM_BREAK};
                if (push_atom(&a, &n, &cap, x) != 0)
                    goto oom;
                i++;
            } else if ((c == ' ' || c == '\n') && !run->pre) {
                if (n == 0 || a[n - 1].kind != ATOM_SPACE) {
                    atom x = {r, run->off + i, 1, 0, ATOM_SPACE};
                    x.w = pdf_text_width(D, (pdf_face)run->face, run->size, " ", 1);
                    if (push_atom(&a, &n, &cap, x) != 0)
                        goto oom;
                }
                i++;
            } else {
                size_t j = i;
                atom x;
                while (j < run->len && !(t[j] == '\n' || (t[j] == ' ' && !run->pre)))
                    j++;
                x.run = r;
                x.off = run->off + i;
                x.len = j - i;
                x.kind = ATOM_WORD;
                x.w = pdf_text_width(D, (pdf_face)run->face, run->size, t + i, j - i);
                if (push_atom(&a, &n, &cap, x) != 0)
                    goto oom;
                i = j;
            }
        }
    }
    D->atoms = a;
    D->atom_cap = cap;
    *count = n;
    return a;
oom:
    D->atoms = a;
    D->atom_cap = cap;
    D->oom = 1;
    *count = 0;
    return NULL;
}

/* Whether two runs draw alike, so one TextOut can show both (a list
 * built from many small runs of the same style). Links keep their own
 * fragments: each gets its own annotation rectangle. */
static int same_look(const pdf_run *a, const pdf_run *b)
{
    return a->face == b->face && a->size == b->size && a->color.r == b->color.r &&
           a->color.g == b->color.g && a->color.b == b->color.b &&
           a->underline == b->underline && !a->link_len && !b->link_len &&
           a->dest < 0 && b->dest < 0;
}

/* Adds a piece of text to the line being built, merging with the previous
 * fragment when the run is the same or looks the same. */
/* Appends n bytes and a NUL that is part of the text (the fragment's end). */
static void append_z(pdf_str *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->cap - t->len < n + 2 && pdf_grow(&t->data, &t->cap, t->len + n + 2, 1) != 0) {
        t->failed = 1;
        return;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len++] = '\0';
    t->data[t->len] = '\0';
}

static void add_piece(lines *L, line *ln, const pdf_para *p, size_t run,
                      const char *s, size_t n, float x, float w)
{
    frag *f = ln->nfrag ? &L->frags[ln->frag0 + ln->nfrag - 1] : NULL;
    if (f && (f->run == run || same_look(&p->runs[f->run], &p->runs[run]))) {
        /* the fragment's NUL is the last byte of the text: overwrite it */
        L->text.len--;
        append_z(&L->text, s, n);
        f->len += n;
        f->w += w;
    } else {
        frag nf;
        if (pdf_grow(&L->frags, &L->capf, L->nf + 1, sizeof *L->frags) != 0) {
            L->oom = 1;
            return;
        }
        nf.run = run;
        nf.off = L->text.len;
        nf.len = n;
        nf.x = x;
        nf.w = w;
        append_z(&L->text, s, n);
        L->frags[L->nf++] = nf;
        ln->nfrag++;
    }
    if (p->runs[run].size > ln->size)
        ln->size = p->runs[run].size;
    ln->w = x + w;
}

static void end_line(lines *L, line *ln)
{
    if (pdf_grow(&L->lines, &L->capl, L->nl + 1, sizeof *L->lines) != 0) {
        L->oom = 1;
        return;
    }
    L->lines[L->nl++] = *ln;
}

static int break_para(pdf_doc *D, const pdf_para *p, float W, lines *L)
{
    size_t na = 0, i = 0;
    atom *a = tokenize(D, p, &na);
    const char *src = p->text.data;
    memset(L, 0, sizeof *L);
    if (!a)
        return D->oom ? -1 : 0;
    if (W < 12)
        W = 12;
    /* room for the usual case at once, instead of doubling from 8 */
    if (na && (pdf_grow(&L->text.data, &L->text.cap, p->text.len + na + 8, 1) != 0 ||
               pdf_grow(&L->frags, &L->capf, na / 4 + 4, sizeof *L->frags) != 0)) {
        lines_free(L);
        D->oom = 1;
        return -1;
    }
    while (i < na && !L->oom) {
        line ln = {L->nf, 0, 0, 0};
        float x = 0;
        long pending = -1;
        int forced = 0;
        while (i < na) {
            atom *t = &a[i];
            size_t j, k;
            float ww = 0, sw;
            if (t->kind == ATOM_BREAK) {
                if (ln.nfrag == 0 && p->runs[t->run].size > ln.size)
                    ln.size = p->runs[t->run].size;
                i++;
                forced = 1;
                break;
            }
            if (t->kind == ATOM_SPACE) {
                if (ln.nfrag)
                    pending = (long)i;
                i++;
                continue;
            }
            for (j = i; j < na && a[j].kind == ATOM_WORD; j++)
                ww += a[j].w;
            sw = pending >= 0 ? a[pending].w : 0;
            if (x + sw + ww <= W + 0.01f) {
                if (pending >= 0)
                    add_piece(L, &ln, p, a[pending].run, " ", 1, x, sw);
                x += sw;
                for (k = i; k < j; k++) {
                    add_piece(L, &ln, p, a[k].run, src + a[k].off, a[k].len, x, a[k].w);
                    x += a[k].w;
                }
                pending = -1;
                i = j;
                continue;
            }
            if (ln.nfrag && (ww <= W || W - x - sw < W * 0.25f))
                break; /* the word starts the next line */
            /* The word is wider than a line: split it where the line ends. */
            if (pending >= 0) {
                add_piece(L, &ln, p, a[pending].run, " ", 1, x, sw);
                x += sw;
            }
            for (k = i; k < j; k++) {
                atom *w = &a[k];
                const pdf_run *run = &p->runs[w->run];
                size_t taken = 0, clen;
                float tw = 0;
                if (x + w->w <= W + 0.01f) {
                    add_piece(L, &ln, p, w->run, src + w->off, w->len, x, w->w);
                    x += w->w;
                    i = k + 1;
                    continue;
                }
                while (taken < w->len) {
                    float cw;
                    pdf_utf8_decode(src + w->off + taken, w->len - taken, &clen);
                    cw = pdf_text_width(D, (pdf_face)run->face, run->size,
                                        src + w->off + taken, clen);
                    if (x + tw + cw > W + 0.01f && (taken > 0 || ln.nfrag > 0))
                        break;
                    tw += cw;
                    taken += clen;
                }
                if (taken > 0)
                    add_piece(L, &ln, p, w->run, src + w->off, taken, x, tw);
                w->off += taken;
                w->len -= taken;
                w->w -= tw;
                i = w->len ? k : k + 1;
                break;
            }
            break;
        }
        if (ln.nfrag || forced)
            end_line(L, &ln);
    }
    if (L->text.failed || L->oom) {
        D->oom = 1;
        return -1;
    }
    return 0;
}

static float line_height(const pdf_doc *D, const line *ln, float leading)
{
    float s = ln->size > 0 ? ln->size : D->style->size_body;
    return s * (leading > 0 ? leading : D->style->leading);
}

static float lines_height(const pdf_doc *D, const lines *L, float leading)
{
    size_t i;
    float h = 0;
    for (i = 0; i < L->nl; i++)
        h += line_height(D, &L->lines[i], leading);
    return h;
}

float pdf_measure(pdf_doc *D, const pdf_para *p, float w, float leading)
{
    lines L;
    float h;
    if (break_para(D, p, w, &L) != 0)
        return 0;
    h = lines_height(D, &L, leading);
    lines_free(&L);
    return h;
}

/* ---- drawing ---- */

float pdf_left(const pdf_doc *D) { return D->style->m_left; }
float pdf_right(const pdf_doc *D) { return D->style->page_w - D->style->m_right; }
float pdf_top(const pdf_doc *D) { return D->style->page_h - D->style->m_top; }
float pdf_bottom(const pdf_doc *D) { return D->style->m_bottom; }

int pdf_failed(const pdf_doc *D)
{
    return D->oom || D->hpdf_error != 0;
}

void pdf_fill_rect(pdf_doc *D, float x, float y, float w, float h, pdf_rgb c)
{
    if (D->dry || !D->page || w <= 0 || h <= 0)
        return;
    pdf_cs_fill_rect(D, x, y, w, h, c);
}

void pdf_text_at(pdf_doc *D, float x, float baseline, const char *text,
                 pdf_face face, float size, pdf_rgb color)
{
    pdf_str clean = {0};
    if (D->dry || !D->page || !text || !*text)
        return;
    pdf_text_clean(&clean, text, strlen(text), 0);
    if (clean.failed) {
        D->oom = 1;
        pdf_str_free(&clean);
        return;
    }
    pdf_cs_begin_text(D);
    pdf_cs_fill_color(D, color);
    pdf_cs_text(D, face, size, x, baseline, clean.data, clean.len, 1);
    pdf_cs_end_text(D);
    pdf_str_free(&clean);
}

void pdf_add_ilink(pdf_doc *D, HPDF_Page page, HPDF_Rect r, size_t event)
{
    if (D->dry || !page)
        return;
    if (pdf_grow(&D->ilinks, &D->ilink_cap, D->ilink_count + 1, sizeof *D->ilinks) != 0) {
        D->oom = 1;
        return;
    }
    D->ilinks[D->ilink_count].page = page;
    D->ilinks[D->ilink_count].rect = r;
    D->ilinks[D->ilink_count].event = event;
    D->ilink_count++;
}

static int safe_uri(const char *u)
{
    return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0 ||
           strncmp(u, "mailto:", 7) == 0 || strncmp(u, "ftp://", 6) == 0;
}

/* Baseline of a line whose box top is `top`: the glyphs' ascent/descent
 * (DejaVu: 0.93/0.24 em) are centred in the line box. */
static float baseline_of(float top, float size, float lh)
{
    return top - (lh - size * 1.164f) / 2 - size * 0.928f;
}

static void draw_line(pdf_doc *D, const pdf_para *p, const lines *L, size_t li,
                      float x0, float top, float lh, float shift)
{
    const line *ln = &L->lines[li];
    float size = ln->size > 0 ? ln->size : D->style->size_body;
    float base = baseline_of(top, size, lh);
    size_t f;
    if (D->dry || !D->page || ln->nfrag == 0)
        return;
    pdf_cs_begin_text(D);
    for (f = ln->frag0; f < ln->frag0 + ln->nfrag; f++) {
        const frag *fr = &L->frags[f];
        const pdf_run *r = &p->runs[fr->run];
        /* a fragment that starts where the last ended needs no Td: the
         * glyph advances put it there (same widths as measured) */
        const frag *prev = f > ln->frag0 ? fr - 1 : NULL;
        int place = !prev || fabsf(prev->x + prev->w - fr->x) > 0.01f;
        pdf_cs_fill_color(D, r->color);
        pdf_cs_text(D, (pdf_face)r->face, r->size, x0 + shift + fr->x, base,
                    L->text.data + fr->off, fr->len, place);
    }
    pdf_cs_end_text(D);
    for (f = ln->frag0; f < ln->frag0 + ln->nfrag; f++) {
        const frag *fr = &L->frags[f];
        const pdf_run *r = &p->runs[fr->run];
        HPDF_Rect rect;
        if (!r->link_len && r->dest < 0)
            continue;
        rect.left = x0 + shift + fr->x;
        rect.right = rect.left + fr->w;
        rect.bottom = base - r->size * 0.25f;
        rect.top = base + r->size * 0.9f;
        if (r->link_len) {
            const char *uri = p->text.data + r->link_off;
            if (safe_uri(uri)) {
                HPDF_Annotation an = HPDF_Page_CreateURILinkAnnot(D->page, rect, uri);
                if (an)
                    HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
            }
        } else {
            pdf_add_ilink(D, D->page, rect, (size_t)r->dest);
        }
    }
}

#define MAX_BARS (sizeof ((pdf_doc *)0)->bars / sizeof ((pdf_doc *)0)->bars[0])

static void flush_bar(pdf_doc *D, pdf_bar *b)
{
    if (b->pending)
        pdf_fill_rect(D, b->x, b->bottom, b->w, b->top - b->bottom, b->color);
    b->pending = 0;
}

/* The bars beside a strip [top - h, top] of the current page. */
static void draw_bars(pdf_doc *D, float top, float h)
{
    size_t i, n = D->bar_count;
    /* pdf_push_bar counts bars beyond the array (deep nesting) but only the
     * outer ones are drawn */
    if (n > MAX_BARS)
        n = MAX_BARS;
    if (D->dry || !D->page)
        return;
    for (i = 0; i < n; i++) {
        pdf_bar *b = &D->bars[i];
        if (b->pending && fabsf(b->bottom - top) < 0.01f) {
            b->bottom = top - h;
            continue;
        }
        flush_bar(D, b);
        b->pending = 1;
        b->top = top;
        b->bottom = top - h;
    }
}

void pdf_flush_bars(pdf_doc *D)
{
    size_t i;
    for (i = 0; i < D->bar_count && i < MAX_BARS; i++)
        flush_bar(D, &D->bars[i]);
}

void pdf_push_bar(pdf_doc *D, float x, float w, pdf_rgb color)
{
    if (D->bar_count < MAX_BARS) {
        pdf_bar *b = &D->bars[D->bar_count];
        memset(b, 0, sizeof *b);
        b->x = x;
        b->w = w;
        b->color = color;
    }
    D->bar_count++;
}

void pdf_pop_bar(pdf_doc *D)
{
    if (!D->bar_count)
        return;
    D->bar_count--;
    if (D->bar_count < MAX_BARS)
        flush_bar(D, &D->bars[D->bar_count]);
}

void pdf_new_page(pdf_doc *D)
{
    pdf_pageinfo info;
    size_t at;
    D->y = pdf_top(D);
    /* the layout never goes back to a page it left */
    if (D->page) {
        pdf_flush_bars(D);
        pdf_page_pack(D, D->page);
    }
    if (D->dry) {
        D->dry_pages++;
        D->page = NULL;
        return;
    }
    if (pdf_grow(&D->pages, &D->page_cap, D->page_count + 1, sizeof *D->pages) != 0) {
        D->oom = 1;
        return;
    }
    at = D->insert_at < D->page_count ? D->insert_at : D->page_count;
    info.page = at < D->page_count ? HPDF_InsertPage(D->pdf, D->pages[at].page)
                                   : HPDF_AddPage(D->pdf);
    info.bare = D->no_header;
    if (!info.page) {
        if (!D->hpdf_error)
            D->hpdf_error = HPDF_FAILD_TO_ALLOC_MEM;
        return;
    }
    HPDF_Page_SetWidth(info.page, D->style->page_w);
    HPDF_Page_SetHeight(info.page, D->style->page_h);
    memmove(D->pages + at + 1, D->pages + at, (D->page_count - at) * sizeof *D->pages);
    D->pages[at] = info;
    D->page_count++;
    if (D->insert_at < D->page_count - 1)
        D->insert_at++;
    D->page = info.page;
    if (!info.bare)
        pdf_page_header(D);
}

static int at_top(const pdf_doc *D)
{
    return D->y >= pdf_top(D) - 0.01f;
}

void pdf_space(pdf_doc *D, float h)
{
    if (at_top(D))
        return;
    if (D->y - h < pdf_bottom(D)) {
        pdf_new_page(D);
        return;
    }
    draw_bars(D, D->y, h);
    D->y -= h;
}

int pdf_fits(const pdf_doc *D, float h)
{
    return D->y - h >= pdf_bottom(D) - 0.01f;
}

void pdf_need(pdf_doc *D, float h)
{
    if (!pdf_fits(D, h) && !at_top(D))
        pdf_new_page(D);
}

void pdf_rule(pdf_doc *D, float x0, float x1, float thick, pdf_rgb color,
              float above, float below)
{
    pdf_space(D, above);
    pdf_need(D, thick);
    pdf_fill_rect(D, x0, D->y - thick, x1 - x0, thick, color);
    D->y -= thick;
    pdf_space(D, below);
}

void pdf_flow(pdf_doc *D, const pdf_para *p, const pdf_block *b)
{
    static const pdf_block plain;
    float x0, W, total, lead;
    size_t i;
    lines L;
    if (!b)
        b = &plain;
    x0 = pdf_left(D) + b->indent_left;
    W = pdf_right(D) - b->indent_right - x0;
    lead = b->leading > 0 ? b->leading : D->style->leading;
    if (break_para(D, p, W, &L) != 0)
        return;
    if (L.nl == 0 && b->marker) {
        line ln = {0, 0, 0, b->marker_size};
        end_line(&L, &ln);
    }
    total = lines_height(D, &L, lead);
    if (b->keep_with_next > 0 && !pdf_fits(D, total + b->keep_with_next) &&
        total + b->keep_with_next < pdf_top(D) - pdf_bottom(D))
        pdf_need(D, total + b->keep_with_next);
    /* no orphan: a paragraph does not leave its first line alone at the
     * foot of a page */
    if (L.nl >= 2 && !at_top(D) &&
        !pdf_fits(D, line_height(D, &L.lines[0], lead) + line_height(D, &L.lines[1], lead)))
        pdf_new_page(D);
    for (i = 0; i < L.nl && !pdf_failed(D); i++) {
        float lh = line_height(D, &L.lines[i], lead);
        float shift = 0;
        if (!pdf_fits(D, lh) && !at_top(D))
            pdf_new_page(D);
        draw_bars(D, D->y, lh);
        if (b->has_bg)
            pdf_fill_rect(D, x0 - 4, D->y - lh, W + 8, lh, b->bg);
        if (b->align == PDF_ALIGN_CENTER)
            shift = (W - L.lines[i].w) / 2;
        else if (b->align == PDF_ALIGN_RIGHT)
            shift = W - L.lines[i].w;
        if (i == 0 && b->marker && !D->dry) {
            float ms = b->marker_size > 0 ? b->marker_size : D->style->size_body;
            float mw = pdf_text_width(D, b->marker_face, ms, b->marker, strlen(b->marker));
            float size = L.lines[0].size > 0 ? L.lines[0].size : ms;
            float mx = x0 - 5 - mw;
            pdf_text_at(D, mx < pdf_left(D) ? pdf_left(D) : mx, baseline_of(D->y, size, lh),
                        b->marker,
                        b->marker_face, ms, b->marker_color);
        }
        draw_line(D, p, &L, i, x0, D->y, lh, shift);
        D->y -= lh;
    }
    lines_free(&L);
}

float pdf_row(pdf_doc *D, pdf_para *const *cells, const float *widths, size_t n,
              float x, float pad, const pdf_rgb *fill, int draw)
{
    lines L[8];
    float h = 0, total_w = 0, cx, base[8], top_base = 0;
    size_t i;
    if (n > 8)
        n = 8;
    for (i = 0; i < n; i++) {
        if (break_para(D, cells[i], widths[i] - 2 * pad, &L[i]) != 0) {
            while (i-- > 0)
                lines_free(&L[i]);
            return 0;
        }
        /* where the first baseline falls below the cell top */
        base[i] = 0;
        if (L[i].nl) {
            float size = L[i].lines[0].size > 0 ? L[i].lines[0].size : D->style->size_body;
            base[i] = -baseline_of(0, size, line_height(D, &L[i].lines[0], 0));
        }
        if (base[i] > top_base)
            top_base = base[i];
        total_w += widths[i];
    }
    /* cells of different sizes share their first baseline */
    for (i = 0; i < n; i++) {
        float ch = lines_height(D, &L[i], 0) + (top_base - base[i]);
        if (ch > h)
            h = ch;
    }
    h += 2 * pad;
    if (draw && h > pdf_top(D) - pdf_bottom(D)) {
        /* Taller than a page: flow the cells one after another. */
        for (i = 0; i < n; i++) {
            pdf_block b;
            memset(&b, 0, sizeof b);
            b.indent_left = x - pdf_left(D) + pad;
            pdf_flow(D, cells[i], &b);
        }
    } else if (draw) {
        if (!pdf_fits(D, h))
            pdf_new_page(D);
        if (fill)
            pdf_fill_rect(D, x, D->y - h, total_w, h, *fill);
        draw_bars(D, D->y, h);
        cx = x;
        for (i = 0; i < n; i++) {
            size_t k;
            float top = D->y - pad - (top_base - base[i]);
            for (k = 0; k < L[i].nl; k++) {
                float lh = line_height(D, &L[i].lines[k], 0);
                draw_line(D, cells[i], &L[i], k, cx + pad, top, lh, 0);
                top -= lh;
            }
            cx += widths[i];
        }
        D->y -= h;
    }
    for (i = 0; i < n; i++)
        lines_free(&L[i]);
    return h;
}
