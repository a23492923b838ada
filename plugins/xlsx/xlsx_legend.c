/* xlsx_legend.c - the Legend sheet: what the dossier is, as of when, who
 * prepared it, and what every code and colour of the matrix means. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

/* Entities with a matrix row and distinct (entity, event) pairs, counted
 * the same way the matrix does, with one bit per entity per event pass. */
static void count_pairs(const dossier_model *m, size_t *entities, size_t *pairs)
{
    size_t *last = malloc((m->entity_count ? m->entity_count : 1) * sizeof *last);
    unsigned char *any = calloc(m->entity_count ? m->entity_count : 1, 1);
    size_t i, k;
    *entities = *pairs = 0;
    if (!last || !any)
        goto done;
    for (i = 0; i < m->entity_count; i++)
        last[i] = SIZE_MAX;
    for (i = 0; i < m->event_count; i++) {
        const dossier_event *ev = m->events[i];
        for (k = 0; k < ev->organizer_count + ev->participant_count; k++) {
            const dossier_participation *p =
                k < ev->organizer_count ? ev->organizers[k]
                                        : ev->participants[k - ev->organizer_count];
            size_t e = p->entity->index;
            if (e >= m->entity_count || last[e] == i)
                continue;
            last[e] = i;
            (*pairs)++;
            if (!any[e]) {
                any[e] = 1;
                (*entities)++;
            }
        }
    }
done:
    free(last);
    free(any);
}

static const double legend_widths[] = {28, 70, 34};

static void pair(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t *r,
                 xlsx_label label, const char *value)
{
    if (!value || !*value)
        return;
    xlsx_text(w, ws, *r, 0, w->cfg->labels[label], w->f_bold, NULL);
    xlsx_text(w, ws, *r, 1, value, w->f_wrap, NULL);
    xlsx_row_done(w, ws, *r);
    (*r)++;
}

static void number(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t *r,
                   xlsx_label label, size_t value, lxw_format *left)
{
    xlsx_text(w, ws, *r, 0, w->cfg->labels[label], w->f_bold, NULL);
    xlsx_check(w, worksheet_write_number(ws, *r, 1, (double)value, left));
    (*r)++;
}

void xlsx_write_legend(xlsx_writer *w)
{
    const xlsx_config *cfg = w->cfg;
    const dossier_model *m = w->model;
    lxw_worksheet *ws = xlsx_add_sheet(w, XS_LEGEND);
    lxw_row_t r = 0;
    char a[32], b[32], period[80];
    size_t entities, pairs;
    int k;
    static const xlsx_sheet_id sheets[] = {XS_MATRIX, XS_EVENTS, XS_PEOPLE,
                                           XS_STATEMENTS};
    static const xlsx_label helps[] = {XL_L_MATRIX_HELP, XL_L_EVENTS_HELP,
                                       XL_L_PEOPLE_HELP, XL_L_STATEMENTS_HELP};

    if (!ws) {
        xlsx_check(w, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    lxw_format *left = workbook_add_format(w->wb);
    format_set_align(left, LXW_ALIGN_LEFT);
    format_set_align(left, LXW_ALIGN_VERTICAL_TOP);
    for (k = 0; k < 3; k++)
        xlsx_check(w, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k,
                                           legend_widths[k], NULL));
    w->widths = legend_widths;
    w->nwidths = 3;
    w->row_lines = 0;
    worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);

    xlsx_text(w, ws, r++, 0, m->title, w->f_title, NULL);
    if (m->subtitle)
        xlsx_text(w, ws, r++, 0, m->subtitle, w->f_note, NULL);
    r++;
    xlsx_text(w, ws, r++, 0, cfg->labels[XL_L_ABOUT], w->f_header, NULL);
    if (m->as_of.year > 0) {
        xlsx_text(w, ws, r, 0, cfg->labels[XL_L_AS_OF], w->f_bold, NULL);
        xlsx_date(w, ws, r++, 1, m->as_of);
    }
    snprintf(period, sizeof period, "%s \xE2\x80\x93 %s",
             xlsx_date_text(m->period_start, cfg->header_date, a),
             xlsx_date_text(m->period_end, cfg->header_date, b));
    if (m->period_start.year > 0)
        pair(w, ws, &r, XL_L_PERIOD, period);
    pair(w, ws, &r, XL_L_PREPARED_BY,
         m->prepared_by_entity ? m->prepared_by_entity->name : m->prepared_by);
    pair(w, ws, &r, XL_L_CLASSIFICATION, m->classification);
    count_pairs(m, &entities, &pairs);
    number(w, ws, &r, XL_L_EVENTS, m->event_count, left);
    number(w, ws, &r, XL_L_ENTITIES, entities, left);
    number(w, ws, &r, XL_L_PAIRS, pairs, left);
    pair(w, ws, &r, XL_L_GENERATED, "Dossier xlsx plugin " DOSSIER_XLSX_VERSION);
    r++;

    xlsx_text(w, ws, r++, 0, cfg->labels[XL_L_CODES], w->f_header, NULL);
    xlsx_text(w, ws, r, 0, cfg->labels[XL_L_CODE], w->f_bold, NULL);
    xlsx_text(w, ws, r, 1, cfg->labels[XL_L_ROLE], w->f_bold, NULL);
    xlsx_text(w, ws, r++, 2, cfg->labels[XL_L_FAMILY], w->f_bold, NULL);
    for (k = 0; k < DOSSIER_ROLE_COUNT; k++, r++) {
        xlsx_family f = DOSSIER_ROLE_IS_ORGANIZER(k) ? XF_ORGANIZING
                                                     : XF_PARTICIPATING;
        xlsx_text(w, ws, r, 0, cfg->role_code[k], w->f_role[f], NULL);
        xlsx_text(w, ws, r, 1, cfg->role_label[k], w->f_text, NULL);
        xlsx_text(w, ws, r, 2, cfg->family_label[f], w->f_text, NULL);
    }
    xlsx_text(w, ws, r, 0, "\xE2\x80\xA6, \xE2\x80\xA6", w->f_role[XF_MIXED], NULL);
    xlsx_text(w, ws, r++, 2, cfg->family_label[XF_MIXED], w->f_text, NULL);
    r++;

    xlsx_text(w, ws, r++, 0, cfg->labels[XL_L_SHEETS], w->f_header, NULL);
    for (k = 0; k < 4; k++) {
        if (!cfg->sheets[sheets[k]].enabled)
            continue;
        xlsx_text(w, ws, r, 0, cfg->sheets[sheets[k]].name, w->f_bold, NULL);
        xlsx_text(w, ws, r, 1, cfg->labels[helps[k]], w->f_wrap, NULL);
        xlsx_row_done(w, ws, r++);
    }
    w->widths = NULL;
    w->nwidths = 0;
}
