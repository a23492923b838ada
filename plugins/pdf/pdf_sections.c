/* pdf_sections.c - the cover page, the contents and shared text helpers
 * (dates, places, section headings). */
#include <stdio.h>
#include <string.h>

#include "pdf_internal.h"

void pdf_date(const pdf_style *s, dossier_date d, pdf_str *out)
{
    if (d.year <= 0)
        return;
    pdf_str_printf(out, "%d %s %d", d.day, pdf_month(s, d.month), d.year);
}

/* "16 June 2011", "3–4 May 2018", "30 June – 1 July 2019",
 * "30 December 2018 – 2 January 2019". */
void pdf_dates(const pdf_style *s, dossier_date a, dossier_date b, pdf_str *out)
{
    if (b.year <= 0 || dossier_date_compare(a, b) == 0) {
        pdf_date(s, a, out);
    } else if (a.year == b.year && a.month == b.month) {
        pdf_str_printf(out, "%d\xE2\x80\x93%d %s %d", a.day, b.day, pdf_month(s, a.month),
                       a.year);
    } else if (a.year == b.year) {
        pdf_str_printf(out, "%d %s \xE2\x80\x93 ", a.day, pdf_month(s, a.month));
        pdf_date(s, b, out);
    } else {
        pdf_date(s, a, out);
        pdf_str_puts(out, " \xE2\x80\x93 ");
        pdf_date(s, b, out);
    }
}

void pdf_number(const pdf_style *s, const char *text, pdf_str *out)
{
    const char *sep = pdf_label(s, "thousands_separator");
    const char *dec = pdf_label(s, "decimal_separator");
    const char *p = text, *dot;
    size_t digits = 0, i;
    if (*p == '-' || *p == '+')
        p++;
    while (p[digits] >= '0' && p[digits] <= '9')
        digits++;
    dot = p + digits;
    /* only plain numbers ("193000", "-12.5") are regrouped */
    if (digits == 0 || (*dot && *dot != '.')) {
        pdf_str_puts(out, text);
        return;
    }
    for (i = digits + 1; *dot == '.' && dot[i - digits]; i++)
        if (dot[i - digits] < '0' || dot[i - digits] > '9') {
            pdf_str_puts(out, text);
            return;
        }
    pdf_str_append(out, text, (size_t)(p - text));
    for (i = 0; i < digits; i++) {
        if (i > 0 && digits >= 5 && (digits - i) % 3 == 0)
            pdf_str_puts(out, sep);
        pdf_str_append(out, p + i, 1);
    }
    if (*dot == '.') {
        pdf_str_puts(out, dec);
        pdf_str_puts(out, dot + 1);
    }
}

void pdf_place(pdf_doc *D, const dossier_location *loc, pdf_str *out)
{
    const char *parts[3];
    const char *cn = NULL;
    size_t i, n = 0;
    if (loc->country)
        cn = D->api->country_name ? D->api->country_name(loc->country) : NULL;
    parts[0] = loc->venue;
    parts[1] = loc->city;
    parts[2] = cn ? cn : loc->country;
    for (i = 0; i < 3; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        if (n++)
            pdf_str_puts(out, ", ");
        pdf_str_puts(out, parts[i]);
    }
}

void pdf_heading(pdf_doc *D, const char *text)
{
    const pdf_style *s = D->style;
    pdf_para p;
    pdf_block b;
    pdf_para_init(&p);
    memset(&b, 0, sizeof b);
    pdf_para_add(&p, text, strlen(text), PDF_FACE_BOLD, s->size_section, s->c_accent,
                 NULL, -1);
    b.keep_with_next = s->size_body * s->leading * 3 + 10;
    b.leading = 1.3f;
    pdf_space(D, s->para_gap * 2.2f);
    pdf_flow(D, &p, &b);
    pdf_rule(D, pdf_left(D), pdf_right(D), 0.6f, s->c_rule, 1, s->para_gap);
    if (p.text.failed)
        D->oom = 1;
    pdf_para_free(&p);
}

static void add(pdf_para *p, const char *t, pdf_face f, float size, pdf_rgb c)
{
    if (t)
        pdf_para_add(p, t, strlen(t), f, size, c, NULL, -1);
}

/* One label/value line of the cover's details table. */
static void cover_row(pdf_doc *D, const char *label, const char *value, float x)
{
    const pdf_style *s = D->style;
    pdf_para a, b;
    pdf_para *cells[2];
    float w[2];
    if (!value || !*value)
        return;
    pdf_para_init(&a);
    pdf_para_init(&b);
    add(&a, label, PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_muted);
    add(&b, value, PDF_FACE_BOLD, s->size_body + 1, s->c_text);
    cells[0] = &a;
    cells[1] = &b;
    w[0] = 120;
    w[1] = pdf_right(D) - x - w[0];
    pdf_row(D, cells, w, 2, x, 5, NULL, 1);
    pdf_fill_rect(D, x, D->y, w[0] + w[1], 0.5f, s->c_rule);
    if (a.text.failed || b.text.failed)
        D->oom = 1;
    pdf_para_free(&a);
    pdf_para_free(&b);
}

void pdf_cover(pdf_doc *D)
{
    const pdf_style *s = D->style;
    const dossier_model *m = D->model;
    pdf_para title, sub, note;
    pdf_block b;
    pdf_str tmp = {0};
    float pad = 36, band_h, inner_w, scale, th = 0, sh = 0, nh, x = pdf_left(D);
    char num[32];

    D->no_header = 1;
    pdf_new_page(D);
    D->no_header = 0;
    pdf_para_init(&title);
    pdf_para_init(&sub);
    pdf_para_init(&note);
    add(&note, pdf_label(s, "cover_note"), PDF_FACE_BOLD, s->size_kicker + 1,
        s->c_cover_text);
    inner_w = pdf_right(D) - x;
    /* A very long title shrinks until the band fits in half the page. */
    for (scale = 1.0f;; scale *= 0.85f) {
        pdf_para_clear(&title);
        pdf_para_clear(&sub);
        add(&title, m->title, PDF_FACE_BOLD, s->size_cover_title * scale, s->c_cover_text);
        add(&sub, m->subtitle, PDF_FACE_REGULAR, s->size_cover_subtitle * scale,
            s->c_cover_text);
        th = pdf_measure(D, &title, inner_w, 1.2f);
        sh = m->subtitle ? pdf_measure(D, &sub, inner_w, 1.3f) + 10 : 0;
        if (th + sh < s->page_h * 0.45f || s->size_cover_subtitle * scale < 4)
            break;
    }
    nh = pdf_measure(D, &note, inner_w, 1.4f);
    band_h = th + sh + nh + 2 * pad + 90;
    if (band_h < s->page_h * 0.42f)
        band_h = s->page_h * 0.42f;
    pdf_fill_rect(D, 0, s->page_h - band_h, s->page_w, band_h, s->c_cover_band);
    /* a thin accent line under the band */
    pdf_fill_rect(D, 0, s->page_h - band_h - 4, s->page_w, 4, s->c_quote);

    /* the text sits at the bottom of the band */
    D->y = s->page_h - band_h + th + sh + nh + pad + 14;
    memset(&b, 0, sizeof b);
    b.leading = 1.4f;
    pdf_flow(D, &note, &b);
    D->y -= 14;
    b.leading = 1.2f;
    pdf_flow(D, &title, &b);
    if (m->subtitle) {
        D->y -= 10;
        b.leading = 1.3f;
        pdf_flow(D, &sub, &b);
    }

    D->y = s->page_h - band_h - 48;
    if (m->prepared_by)
        cover_row(D, pdf_label(s, "prepared_by"), m->prepared_by, x);
    if (m->as_of.year > 0) {
        pdf_date(s, m->as_of, &tmp);
        cover_row(D, pdf_label(s, "as_of"), pdf_str_cstr(&tmp), x);
        pdf_str_clear(&tmp);
    }
    if (m->period_start.year > 0) {
        pdf_dates(s, m->period_start, m->period_end, &tmp);
        cover_row(D, pdf_label(s, "period"), pdf_str_cstr(&tmp), x);
        pdf_str_clear(&tmp);
    }
    snprintf(num, sizeof num, "%zu", m->event_count);
    cover_row(D, pdf_label(s, "event_count"), num, x);
    if (m->classification)
        cover_row(D, pdf_label(s, "classification"), m->classification, x);

    /* The classification again, boxed at the foot of the page. */
    if (m->classification && !D->dry) {
        float size = s->size_body + 1;
        float w = pdf_text_width(D, PDF_FACE_BOLD, size, m->classification,
                                 strlen(m->classification));
        float bx = (s->page_w - w) / 2 - 12, by = pdf_bottom(D) + 8;
        if (w + 24 < pdf_right(D) - x) {
            pdf_cs_stroke_rect(D, bx, by, w + 24, size + 12, 1.2f, s->c_classification);
            pdf_text_at(D, bx + 12, by + 6 + size * 0.22f, m->classification,
                        PDF_FACE_BOLD, size, s->c_classification);
        }
    }
    if (title.text.failed || sub.text.failed || note.text.failed || tmp.failed)
        D->oom = 1;
    pdf_para_free(&title);
    pdf_para_free(&sub);
    pdf_para_free(&note);
    pdf_str_free(&tmp);
}

void pdf_contents(pdf_doc *D, size_t page_shift)
{
    const pdf_style *s = D->style;
    const dossier_model *m = D->model;
    pdf_para head, date, title, num;
    pdf_para *cells[3];
    pdf_block b;
    pdf_str tmp = {0};
    float w[3], x = pdf_left(D);
    size_t i;

    pdf_new_page(D);
    pdf_para_init(&head);
    pdf_para_init(&date);
    pdf_para_init(&title);
    pdf_para_init(&num);
    add(&head, pdf_label(s, "contents"), PDF_FACE_BOLD, s->size_event_title, s->c_accent);
    memset(&b, 0, sizeof b);
    b.leading = 1.3f;
    pdf_flow(D, &head, &b);
    pdf_rule(D, x, pdf_right(D), 1.5f, s->c_accent, 4, 10);
    cells[0] = &date;
    cells[1] = &title;
    cells[2] = &num;
    w[0] = 118;
    w[2] = 44;
    w[1] = pdf_right(D) - x - w[0] - w[2];
    for (i = 0; i < m->event_count && !pdf_failed(D); i++) {
        const dossier_event *ev = m->events[i];
        float h, top;
        size_t pg = D->event_pageno ? D->event_pageno[i] : 0;
        HPDF_Page page;
        pdf_para_clear(&date);
        pdf_para_clear(&title);
        pdf_para_clear(&num);
        pdf_str_clear(&tmp);
        pdf_dates(s, ev->start, ev->end, &tmp);
        add(&date, pdf_str_cstr(&tmp), PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_muted);
        add(&title, ev->title, PDF_FACE_BOLD, s->size_body, s->c_text);
        pdf_str_clear(&tmp);
        pdf_place(D, &ev->location, &tmp);
        if (tmp.len) {
            pdf_para_add_break(&title, s->size_body);
            add(&title, pdf_str_cstr(&tmp), PDF_FACE_REGULAR, s->size_small + 0.5f,
                s->c_muted);
        }
        pdf_str_clear(&tmp);
        if (pg)
            pdf_str_printf(&tmp, "%zu", pg + page_shift);
        add(&num, pdf_str_cstr(&tmp), PDF_FACE_BOLD, s->size_body, s->c_accent);
        h = pdf_row(D, cells, w, 3, x, 6, NULL, 0);
        if (!pdf_fits(D, h))
            pdf_new_page(D);
        top = D->y;
        page = D->page;
        pdf_row(D, cells, w, 3, x, 6, NULL, 1);
        pdf_fill_rect(D, x, D->y, pdf_right(D) - x, 0.5f, s->c_rule);
        if (!D->dry && page == D->page) {
            HPDF_Rect r;
            r.left = x;
            r.right = pdf_right(D);
            r.top = top;
            r.bottom = D->y;
            pdf_add_ilink(D, page, r, i);
        }
    }
    if (head.text.failed || date.text.failed || title.text.failed || num.text.failed ||
        tmp.failed)
        D->oom = 1;
    pdf_para_free(&head);
    pdf_para_free(&date);
    pdf_para_free(&title);
    pdf_para_free(&num);
    pdf_str_free(&tmp);
}
