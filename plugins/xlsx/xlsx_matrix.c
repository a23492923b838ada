/* xlsx_matrix.c - the participation matrix: entities x events.
 *
 * The workbook runs in libxlsxwriter's constant-memory mode for big dossiers,
 * where rows must be written strictly top to bottom, and the plugin's own
 * memory must not grow with the number of cells either. So the matrix never
 * holds all (entity, event) pairs: the rows are cut into chunks of at most
 * w->chunk_pairs pairs (-O xlsx.matrix_chunk), and for each chunk one pass over the events gathers the
 * chunk's pairs with a counting sort (already in event order, because events
 * are visited chronologically); its rows are then written left to right and
 * forgotten. Memory: a fixed chunk buffer plus a few words per entity and
 * one counter per event column (for the totals row), never a cell grid;
 * time: one pass over all participations per chunk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

#define ROLE_BITS 4u /* DOSSIER_ROLE_COUNT <= 16 */
#define NO_ROW SIZE_MAX

typedef struct matrix {
    size_t nev;          /* event columns written (capped at Excel's width) */
    size_t *rows;        /* entity indices that get a row, in row order */
    size_t nrows;
    size_t *row_of;      /* entity index -> row, NO_ROW when it has none */
    size_t *first;       /* row -> its first pair counted over all rows; nrows + 1 */
    size_t *cursor;      /* entity index -> pairs counted, then fill position */
    uint32_t *entries;   /* the chunk's pairs: (event << ROLE_BITS) | role */
    size_t cap;          /* entries allocated */
    size_t chunk;        /* pairs gathered per pass (at least one row) */
    lxw_col_t first_ev;  /* column of the first event */
    lxw_col_t total_col; /* column of the row totals */
} matrix;

/* Sorting by name without global state: qsort sees (name, index) pairs. */
typedef struct named {
    const char *name;
    size_t index;
} named;

static int by_name(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int sort_rows(const dossier_model *mod, matrix *m)
{
    named *v = malloc(m->nrows * sizeof *v);
    size_t i;
    if (!v)
        return -1;
    for (i = 0; i < m->nrows; i++) {
        v[i].name = mod->entities[m->rows[i]]->name;
        v[i].index = m->rows[i];
    }
    qsort(v, m->nrows, sizeof *v, by_name);
    for (i = 0; i < m->nrows; i++)
        m->rows[i] = v[i].index;
    free(v);
    return 0;
}

static const dossier_participation *part_at(const dossier_event *ev, size_t k)
{
    return k < ev->organizer_count ? ev->organizers[k]
                                   : ev->participants[k - ev->organizer_count];
}

/* Rows, their order and their pair counts: O(entities) memory. */
static int plan_rows(xlsx_writer *w, matrix *m)
{
    const dossier_model *mod = w->model;
    size_t nent = mod->entity_count, i, k, r;
    m->cursor = calloc(nent ? nent : 1, sizeof *m->cursor);
    m->row_of = malloc((nent ? nent : 1) * sizeof *m->row_of);
    m->rows = malloc((nent ? nent : 1) * sizeof *m->rows);
    if (!m->cursor || !m->row_of || !m->rows)
        return -1;
    for (i = 0; i < m->nev; i++) {
        const dossier_event *ev = mod->events[i];
        for (k = 0; k < ev->organizer_count + ev->participant_count; k++) {
            const dossier_participation *p = part_at(ev, k);
            if (p->entity->index < nent &&
                (unsigned)p->role < DOSSIER_ROLE_COUNT)
                m->cursor[p->entity->index]++;
        }
    }
    for (i = 0; i < nent; i++)
        if (m->cursor[i])
            m->rows[m->nrows++] = i;
    if (w->cfg->m_sort_by_name && m->nrows > 1 && sort_rows(mod, m) != 0)
        return -1;
    if (m->nrows > XLSX_ROWS - 10) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: %zu entities do not fit Excel's rows; the matrix "
                       "shows the first %u", m->nrows, XLSX_ROWS - 10);
        m->nrows = XLSX_ROWS - 10;
    }
    m->first = malloc((m->nrows + 1) * sizeof *m->first);
    if (!m->first)
        return -1;
    for (i = 0; i < nent; i++)
        m->row_of[i] = NO_ROW;
    m->first[0] = 0;
    for (r = 0; r < m->nrows; r++) {
        m->row_of[m->rows[r]] = r;
        m->first[r + 1] = m->first[r] + m->cursor[m->rows[r]];
    }
    return 0;
}

/* The end of the chunk starting at row r0: as many rows as fit in
 * m->chunk pairs, at least one (a single row holds at most one pair per role
 * and event). Grows `entries` to the chunk. */
static size_t chunk_end(matrix *m, size_t r0)
{
    size_t r1 = r0 + 1, need;
    while (r1 < m->nrows && m->first[r1 + 1] - m->first[r0] <= m->chunk)
        r1++;
    need = m->first[r1] - m->first[r0];
    if (need > m->cap) {
        uint32_t *e = realloc(m->entries, need * sizeof *e);
        if (!e)
            return 0;
        m->entries = e;
        m->cap = need;
    }
    return r1;
}

/* Counting sort of the pairs of rows r0..r1-1 by row, in one pass over
 * the events. */
static void gather_chunk(const xlsx_writer *w, matrix *m, size_t r0, size_t r1)
{
    const dossier_model *mod = w->model;
    size_t nent = mod->entity_count, i, k, r;
    for (r = r0; r < r1; r++)
        m->cursor[m->rows[r]] = m->first[r] - m->first[r0];
    for (i = 0; i < m->nev; i++) {
        const dossier_event *ev = mod->events[i];
        for (k = 0; k < ev->organizer_count + ev->participant_count; k++) {
            const dossier_participation *p = part_at(ev, k);
            size_t e = p->entity->index;
            if (e >= nent || (unsigned)p->role >= DOSSIER_ROLE_COUNT)
                continue;
            r = m->row_of[e];
            if (r == NO_ROW || r < r0 || r >= r1)
                continue;
            m->entries[m->cursor[e]++] =
                ((uint32_t)i << ROLE_BITS) | (uint32_t)p->role;
        }
    }
}

/* "Short title", else the title cut at a word near 40 bytes. */
static void short_title(xlsx_sb *sb, const dossier_event *ev)
{
    const char *t = ev->short_title ? ev->short_title : ev->title;
    size_t n = strlen(t), cut = 40;
    if (ev->short_title || n <= 48) {
        xlsx_sb_add(sb, t);
        return;
    }
    while (cut > 20 && t[cut] != ' ')
        cut--;
    if (t[cut] != ' ') /* no space: step back to a UTF-8 boundary */
        for (cut = 40; cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80; cut--)
            ;
    xlsx_sb_addn(sb, t, cut);
    xlsx_sb_add(sb, "\xE2\x80\xA6");
}

static void header_comment(xlsx_writer *w, lxw_worksheet *ws, lxw_col_t c,
                           const dossier_event *ev)
{
    xlsx_sb *sb = &w->join;
    char a[32], b[32];
    lxw_comment_options opt;
    const char *country = ev->location.country
                              ? w->api->country_name(ev->location.country)
                              : NULL;
    size_t n = strlen(ev->title);
    if (n > 2000) /* a comment is a tooltip, not an archive; cut on a char */
        for (n = 2000; n > 0 && ((unsigned char)ev->title[n] & 0xC0) == 0x80; n--)
            ;
    xlsx_sb_clear(sb);
    xlsx_sb_addn(sb, ev->title, n);
    xlsx_xml_chars(sb->s);
    xlsx_sb_add(sb, "\n");
    xlsx_sb_add(sb, xlsx_date_text(ev->start, w->cfg->header_date, a));
    if (dossier_date_compare(ev->start, ev->end) != 0) {
        xlsx_sb_add(sb, " \xE2\x80\x93 ");
        xlsx_sb_add(sb, xlsx_date_text(ev->end, w->cfg->header_date, b));
    }
    if (ev->location.city || country) {
        xlsx_sb_add(sb, "\n");
        xlsx_sb_item(sb, "", ev->location.city);
        xlsx_sb_item(sb, ", ", country ? country : ev->location.country);
    }
    if (sb->oom)
        return;
    memset(&opt, 0, sizeof opt);
    opt.width = 320;
    opt.height = 110;
    opt.author = "Dossier";
    xlsx_check(w, worksheet_write_comment_opt(ws, 0, c, sb->s, &opt));
}

static void write_header(xlsx_writer *w, lxw_worksheet *ws, const matrix *m,
                         lxw_format *fh)
{
    const xlsx_config *cfg = w->cfg;
    xlsx_sb label = {0};
    char d[32];
    size_t i;
    unsigned lines = 2;
    xlsx_text(w, ws, 0, 0, cfg->labels[XL_M_ENTITY], w->f_header, NULL);
    if (cfg->m_show_kind)
        xlsx_text(w, ws, 0, 1, cfg->labels[XL_M_KIND], w->f_header, NULL);
    for (i = 0; i < m->nev; i++) {
        const dossier_event *ev = w->model->events[i];
        lxw_col_t c = (lxw_col_t)(m->first_ev + i);
        xlsx_sb_clear(&label);
        xlsx_sb_add(&label, xlsx_date_text(ev->start, cfg->header_date, d));
        xlsx_sb_add(&label, "\n");
        short_title(&label, ev);
        if (!label.oom) {
            unsigned n = xlsx_lines(label.s, cfg->m_event_width);
            xlsx_text(w, ws, 0, c, label.s, fh, &ev->pos);
            lines = n > lines ? n : lines;
        }
        if (cfg->m_comments)
            header_comment(w, ws, c, ev);
    }
    xlsx_text(w, ws, 0, m->total_col, cfg->labels[XL_M_TOTAL], fh, NULL);
    xlsx_sb_free(&label);
    /* 0 in the template means: tall enough for the longest heading. */
    xlsx_check(w, worksheet_set_row(ws, 0,
                                    cfg->m_header_height > 0
                                        ? cfg->m_header_height
                                        : (lines > 8 ? 8 : lines) * 15.0 + 3,
                                    NULL));
}

static xlsx_family family_of(unsigned mask)
{
    unsigned org = mask & ((1u << (DOSSIER_ROLE_PARTNER + 1)) - 1);
    if (org && mask != org)
        return XF_MIXED;
    return org ? XF_ORGANIZING : XF_PARTICIPATING;
}

static void write_codes(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r,
                        lxw_col_t c, unsigned mask, const dossier_pos *where)
{
    xlsx_sb *sb = &w->join;
    int k;
    xlsx_sb_clear(sb);
    for (k = 0; k < DOSSIER_ROLE_COUNT; k++)
        if (mask & (1u << k))
            xlsx_sb_item(sb, ", ", w->cfg->role_code[k]);
    if (!sb->oom)
        xlsx_text(w, ws, r, c, sb->s, w->f_role[family_of(mask)], where);
}

/* Writes row `row` (of the chunk starting at row r0) into sheet row r;
 * returns the number of events the entity is in. */
static size_t write_row(xlsx_writer *w, lxw_worksheet *ws, const matrix *m,
                        size_t row, size_t r0, size_t *per_event)
{
    const dossier_entity *e = w->model->entities[m->rows[row]];
    lxw_row_t r = (lxw_row_t)(row + 1);
    size_t j = m->first[row] - m->first[r0];
    size_t end = m->first[row + 1] - m->first[r0], events = 0;
    char a[16], b[16], f[48];
    xlsx_sb label = {0};
    xlsx_text(w, ws, r, 0, xlsx_entity_label(w->cfg, e, &label), w->f_text,
              &e->pos);
    xlsx_sb_free(&label);
    if (w->cfg->m_show_kind)
        xlsx_text(w, ws, r, 1, w->cfg->entity_kind[e->kind], w->f_text, NULL);
    while (j < end) {
        uint32_t ev = m->entries[j] >> ROLE_BITS;
        unsigned mask = 0;
        for (; j < end && (m->entries[j] >> ROLE_BITS) == ev; j++)
            mask |= 1u << (m->entries[j] & ((1u << ROLE_BITS) - 1));
        write_codes(w, ws, r, (lxw_col_t)(m->first_ev + ev), mask,
                    &w->model->events[ev]->pos);
        per_event[ev]++;
        events++;
    }
    lxw_rowcol_to_cell(a, r, m->first_ev);
    lxw_rowcol_to_cell(b, r, (lxw_col_t)(m->total_col - 1));
    snprintf(f, sizeof f, "=COUNTA(%s:%s)", a, b);
    if (m->nev > 0)
        xlsx_check(w, worksheet_write_formula_num(ws, r, m->total_col, f,
                                                  w->f_total, (double)events));
    return events;
}

static void write_totals(xlsx_writer *w, lxw_worksheet *ws, const matrix *m,
                         const size_t *per_event, size_t pairs)
{
    lxw_row_t r = (lxw_row_t)(m->nrows + 1);
    char a[16], b[16], f[48];
    size_t i;
    xlsx_text(w, ws, r, 0, w->cfg->labels[XL_M_EVENTS_TOTAL], w->f_total, NULL);
    if (m->nrows == 0)
        return;
    for (i = 0; i <= m->nev; i++) {
        lxw_col_t c = (lxw_col_t)(m->first_ev + i);
        lxw_rowcol_to_cell(a, 1, c);
        lxw_rowcol_to_cell(b, (lxw_row_t)m->nrows, c);
        snprintf(f, sizeof f, "=%s(%s:%s)", i < m->nev ? "COUNTA" : "SUM", a, b);
        if (i == m->nev && m->nev == 0)
            break;
        xlsx_check(w, worksheet_write_formula_num(
                          ws, r, c, f, w->f_total,
                          (double)(i < m->nev ? per_event[i] : pairs)));
    }
}

/* A short key under the matrix, so a printout explains itself. */
static void write_note(xlsx_writer *w, lxw_worksheet *ws, const matrix *m)
{
    lxw_row_t r = (lxw_row_t)(m->nrows + 3);
    xlsx_sb *sb = &w->join;
    int k;
    xlsx_sb_clear(sb);
    xlsx_sb_add(sb, w->cfg->labels[XL_M_CODES]);
    for (k = 0; k < DOSSIER_ROLE_COUNT; k++) {
        xlsx_sb_add(sb, k ? "; " : " ");
        xlsx_sb_add(sb, w->cfg->role_code[k]);
        xlsx_sb_add(sb, " = ");
        xlsx_sb_add(sb, w->cfg->role_label[k]);
    }
    if (!sb->oom)
        xlsx_text(w, ws, r, 0, sb->s, w->f_note, NULL);
    for (k = 0; k < XF_COUNT; k++)
        xlsx_text(w, ws, (lxw_row_t)(r + 1 + (unsigned)k), 0,
                  w->cfg->family_label[k], w->f_role[k], NULL);
}

static void page_setup(xlsx_writer *w, lxw_worksheet *ws, const matrix *m)
{
    xlsx_sb h = {0};
    const char *p;
    size_t n = 0;
    worksheet_freeze_panes(ws, 1, m->first_ev);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    xlsx_check(w, worksheet_repeat_rows(ws, 0, 0));
    xlsx_check(w, worksheet_repeat_columns(ws, 0, (lxw_col_t)(m->first_ev - 1)));
    /* Header: title left, classification right; '&' is a code there. */
    xlsx_sb_add(&h, "&L");
    for (p = w->model->title; *p && n < 100 && h.len < 120; p++, n++) {
        if (*p == '&')
            xlsx_sb_add(&h, "&");
        xlsx_sb_addn(&h, p, 1);
    }
    while (((unsigned char)*p & 0xC0) == 0x80) /* finish a UTF-8 sequence */
        xlsx_sb_addn(&h, p++, 1);
    if (w->model->classification) {
        xlsx_sb_add(&h, "&R");
        for (p = w->model->classification, n = 0; *p && n < 60 && h.len < 240;
             p++, n++) {
            if (*p == '&')
                xlsx_sb_add(&h, "&");
            xlsx_sb_addn(&h, p, 1);
        }
        while (((unsigned char)*p & 0xC0) == 0x80)
            xlsx_sb_addn(&h, p++, 1);
    }
    if (!h.oom)
        xlsx_check(w, worksheet_set_header(ws, xlsx_xml_chars(h.s)));
    xlsx_footer(w, ws);
    xlsx_sb_free(&h);
}

/* Wide enough for the heading word ("Мероприятий") on one line. */
static double total_width(const char *label)
{
    size_t chars = 0;
    for (; *label; label++)
        if (((unsigned char)*label & 0xC0) != 0x80)
            chars++;
    chars += 3; /* bold text and the autofilter button */
    return chars < 9 ? 9 : chars > 24 ? 24 : (double)chars;
}

void xlsx_write_matrix(xlsx_writer *w)
{
    const xlsx_config *cfg = w->cfg;
    matrix m;
    lxw_worksheet *ws;
    lxw_format *fh;
    size_t *per_event = NULL, i, r0, r1, pairs = 0, maxev;

    memset(&m, 0, sizeof m);
    m.chunk = w->chunk_pairs ? w->chunk_pairs : XLSX_CHUNK_PAIRS;
    m.first_ev = (lxw_col_t)(cfg->m_show_kind ? 2 : 1);
    maxev = XLSX_COLS - (size_t)m.first_ev - 1;
    m.nev = w->model->event_count;
    if (m.nev > maxev) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: %zu events do not fit Excel's %u columns; the "
                       "matrix shows the first %zu (the Events sheet has all)",
                       m.nev, XLSX_COLS, maxev);
        m.nev = maxev;
    }
    m.total_col = (lxw_col_t)(m.first_ev + m.nev);
    ws = xlsx_add_sheet(w, XS_MATRIX);
    per_event = calloc(m.nev + 1, sizeof *per_event);
    if (!ws || !per_event || plan_rows(w, &m) != 0) {
        xlsx_check(w, ws ? LXW_ERROR_MEMORY_MALLOC_FAILED
                         : LXW_ERROR_SHEETNAME_ALREADY_USED);
        goto done;
    }
    xlsx_check(w, worksheet_set_column(ws, 0, 0, cfg->m_name_width, NULL));
    if (cfg->m_show_kind)
        xlsx_check(w, worksheet_set_column(ws, 1, 1, cfg->m_kind_width, NULL));
    if (m.nev)
        xlsx_check(w, worksheet_set_column(ws, m.first_ev,
                                           (lxw_col_t)(m.total_col - 1),
                                           cfg->m_event_width, NULL));
    xlsx_check(w, worksheet_set_column(ws, m.total_col, m.total_col,
                                       total_width(cfg->labels[XL_M_TOTAL]),
                                       NULL));

    fh = workbook_add_format(w->wb);
    format_set_bold(fh);
    format_set_text_wrap(fh);
    format_set_align(fh, LXW_ALIGN_CENTER);
    format_set_align(fh, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(fh, 0xD9D9D9);
    format_set_border(fh, LXW_BORDER_THIN);
    format_set_border_color(fh, 0xA6A6A6);

    /* Anything that checks row numbers goes first: in constant-memory mode
     * libxlsxwriter rejects rows above the one being written. */
    xlsx_check(w, worksheet_autofilter(ws, 0, 0, (lxw_row_t)m.nrows, m.total_col));
    xlsx_define_range(w, XS_MATRIX, (lxw_row_t)m.nrows, m.total_col);
    page_setup(w, ws, &m);
    write_header(w, ws, &m, fh);
    for (r0 = 0; r0 < m.nrows && !w->lxw_failed; r0 = r1) {
        r1 = chunk_end(&m, r0);
        if (r1 == 0) {
            xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
            break;
        }
        gather_chunk(w, &m, r0, r1);
        for (i = r0; i < r1 && !w->lxw_failed; i++) {
            pairs += write_row(w, ws, &m, i, r0, per_event);
            if (w->api->progress && (i & 1023) == 0)
                w->api->progress(w->ctx, i, m.nrows);
        }
    }
    write_totals(w, ws, &m, per_event, pairs);
    write_note(w, ws, &m);
    worksheet_activate(ws);
done:
    free(per_event);
    free(m.rows);
    free(m.row_of);
    free(m.first);
    free(m.cursor);
    free(m.entries);
}
