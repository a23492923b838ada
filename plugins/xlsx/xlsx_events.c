/* xlsx_events.c - the Events sheet: one row per event, every scalar field.
 *
 * Dates are real Excel dates; lists (themes, organisers, outcomes) are joined
 * into one cell; each source URL gets its own hyperlink column ("Source 1",
 * "Source 2"...), because one cell can hold only one link. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

enum {
    EF_ID, EF_TITLE, EF_SHORT, EF_KIND, EF_SERIES, EF_START, EF_END, EF_VENUE,
    EF_CITY, EF_COUNTRY, EF_COUNTRY_CODE, EF_ADDRESS, EF_PARTICIPANTS,
    EF_COUNTRIES, EF_ORGANIZATIONS, EF_QUALIFIER, EF_THEMES, EF_AUDIENCE,
    EF_ORGANIZERS, EF_TAKING_PART, EF_OUTCOMES, EF_STATEMENTS, EF_SUMMARY,
    EF_SOURCES, EF_FILE
};

const xlsx_field_def xlsx_events_field_defs[] = {
    [EF_ID] = {"id", "ID", 30},
    [EF_TITLE] = {"title", "Title", 60},
    [EF_SHORT] = {"short_title", "Short title", 24},
    [EF_KIND] = {"kind", "Kind", 20},
    [EF_SERIES] = {"series", "Series", 20},
    [EF_START] = {"start", "Start", 12},
    [EF_END] = {"end", "End", 12},
    [EF_VENUE] = {"venue", "Venue", 24},
    [EF_CITY] = {"city", "City", 16},
    [EF_COUNTRY] = {"country", "Country", 16},
    [EF_COUNTRY_CODE] = {"country_code", "Country code", 8},
    [EF_ADDRESS] = {"address", "Address", 24},
    [EF_PARTICIPANTS] = {"attendance_participants", "Participants", 13},
    [EF_COUNTRIES] = {"attendance_countries", "Countries", 11},
    [EF_ORGANIZATIONS] = {"attendance_organizations", "Organisations", 13},
    [EF_QUALIFIER] = {"attendance_qualifier", "Attendance qualifier", 12},
    [EF_THEMES] = {"themes", "Themes", 30},
    [EF_AUDIENCE] = {"audience", "Audience", 24},
    [EF_ORGANIZERS] = {"organizers", "Organisers", 40},
    [EF_TAKING_PART] = {"participants", "Taking part", 40},
    [EF_OUTCOMES] = {"outcomes", "Outcomes", 40},
    [EF_STATEMENTS] = {"statement_count", "Statements", 11},
    [EF_SUMMARY] = {"summary", "Summary", 60},
    [EF_SOURCES] = {"sources", "Source", 40},
    [EF_FILE] = {"file", "File", 30},
};
const size_t xlsx_events_field_count =
    sizeof xlsx_events_field_defs / sizeof *xlsx_events_field_defs;

/* Hyperlink columns needed: the most sources one event has, capped. */
size_t xlsx_events_source_columns(const xlsx_writer *w)
{
    size_t i, most = 0;
    for (i = 0; i < w->model->event_count; i++)
        if (w->model->events[i]->source_count > most)
            most = w->model->events[i]->source_count;
    if (most > w->cfg->max_sources)
        most = w->cfg->max_sources;
    return most ? most : 1;
}

size_t xlsx_events_columns(const xlsx_writer *w)
{
    const xlsx_sheet_cfg *sc = &w->cfg->sheets[XS_EVENTS];
    size_t i, n = 0, src = xlsx_events_source_columns(w);
    for (i = 0; i < sc->ncols; i++)
        n += sc->cols[i].field == EF_SOURCES ? src : 1;
    return n;
}

static void join_strings(xlsx_writer *w, const char *const *v, size_t n)
{
    size_t i;
    xlsx_sb_clear(&w->join);
    for (i = 0; i < n; i++)
        xlsx_sb_item(&w->join, w->cfg->labels[XL_LIST_SEP], v[i]);
}

/* "Label (role)" for each pair. */
static void join_pairs(xlsx_writer *w, const dossier_participation *const *v,
                       size_t n)
{
    size_t i;
    xlsx_sb *sb = &w->join;
    xlsx_sb_clear(sb);
    for (i = 0; i < n; i++) {
        if (i)
            xlsx_sb_add(sb, w->cfg->labels[XL_LIST_SEP]);
        xlsx_sb_add(sb, xlsx_entity_short(v[i]->entity));
        xlsx_sb_add(sb, " (");
        xlsx_sb_add(sb, w->cfg->role_label[v[i]->role]);
        xlsx_sb_add(sb, ")");
    }
}

static void join_outcomes(xlsx_writer *w, const dossier_event *ev)
{
    size_t i;
    char d[32];
    xlsx_sb *sb = &w->join;
    xlsx_sb_clear(sb);
    for (i = 0; i < ev->outcome_count; i++) {
        const dossier_outcome *o = ev->outcomes[i];
        if (i)
            xlsx_sb_add(sb, "\n");
        xlsx_sb_add(sb, w->cfg->outcome_kind[o->kind]);
        xlsx_sb_add(sb, ": ");
        xlsx_sb_add(sb, o->title);
        if (o->adopted.year > 0) {
            xlsx_sb_add(sb, " (");
            xlsx_sb_add(sb, xlsx_date_text(o->adopted, w->cfg->header_date, d));
            xlsx_sb_add(sb, ")");
        }
    }
}

static void write_sources(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r,
                          lxw_col_t c, size_t ncols, const dossier_event *ev)
{
    size_t i;
    if (ev->source_count > ncols)
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, ev->pos.file, ev->pos.line,
                       ev->pos.col,
                       "xlsx: event '%s' has %zu sources; the Events sheet "
                       "links the first %zu (template: sheets.events.max_sources)",
                       ev->id, ev->source_count, ncols);
    for (i = 0; i < ev->source_count && i < ncols; i++) {
        const dossier_source *s = ev->sources[i];
        if (s->url)
            xlsx_url(w, ws, r, (lxw_col_t)(c + i), s->url, NULL, s->title,
                     &s->pos);
        else
            xlsx_text(w, ws, r, (lxw_col_t)(c + i), s->title, w->f_text,
                      &s->pos);
    }
}

static lxw_format *fmt_for(xlsx_writer *w, double width)
{
    return width >= 30 ? w->f_wrap : w->f_text;
}

/* Returns the number of sheet columns the field took. */
static size_t write_field(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r,
                          lxw_col_t c, const xlsx_column *col, size_t nsrc,
                          const dossier_event *ev)
{
    lxw_format *f = fmt_for(w, col->width);
    const dossier_pos *at = &ev->pos;
    const char *t = NULL;
    switch (col->field) {
    case EF_ID: t = ev->id; break;
    case EF_TITLE: t = ev->title; break;
    case EF_SHORT: t = ev->short_title; break;
    case EF_KIND: t = w->cfg->event_kind[ev->kind]; break;
    case EF_SERIES: t = ev->series; break;
    case EF_START: xlsx_date(w, ws, r, c, ev->start); return 1;
    case EF_END: xlsx_date(w, ws, r, c, ev->end); return 1;
    case EF_VENUE: t = ev->location.venue; break;
    case EF_CITY: t = ev->location.city; break;
    case EF_COUNTRY:
        t = ev->location.country ? w->api->country_name(ev->location.country)
                                 : NULL;
        if (!t)
            t = ev->location.country;
        break;
    case EF_COUNTRY_CODE: t = ev->location.country; break;
    case EF_ADDRESS: t = ev->location.address; break;
    case EF_PARTICIPANTS: xlsx_long(w, ws, r, c, ev->attendance.participants); return 1;
    case EF_COUNTRIES: xlsx_long(w, ws, r, c, ev->attendance.countries); return 1;
    case EF_ORGANIZATIONS: xlsx_long(w, ws, r, c, ev->attendance.organizations); return 1;
    case EF_QUALIFIER: t = ev->attendance.qualifier; break;
    case EF_THEMES:
        join_strings(w, ev->themes, ev->theme_count);
        t = w->join.s;
        break;
    case EF_AUDIENCE:
        join_strings(w, ev->audience, ev->audience_count);
        t = w->join.s;
        break;
    case EF_ORGANIZERS:
        join_pairs(w, ev->organizers, ev->organizer_count);
        t = w->join.s;
        break;
    case EF_TAKING_PART:
        join_pairs(w, ev->participants, ev->participant_count);
        t = w->join.s;
        break;
    case EF_OUTCOMES:
        join_outcomes(w, ev);
        t = w->join.s;
        break;
    case EF_STATEMENTS: xlsx_long(w, ws, r, c, (long)ev->statement_count); return 1;
    case EF_SUMMARY: t = ev->summary; break;
    case EF_SOURCES: write_sources(w, ws, r, c, nsrc, ev); return nsrc;
    case EF_FILE: t = ev->file; break;
    default: break;
    }
    if (w->join.oom)
        xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else
        xlsx_text(w, ws, r, c, t, f, at);
    return 1;
}

void xlsx_write_events(xlsx_writer *w)
{
    const xlsx_sheet_cfg *sc = &w->cfg->sheets[XS_EVENTS];
    size_t nsrc = xlsx_events_source_columns(w);
    size_t ncols = xlsx_events_columns(w), i, k, c = 0;
    const char **labels = calloc(ncols ? ncols : 1, sizeof *labels);
    double *widths = calloc(ncols ? ncols : 1, sizeof *widths);
    char **owned = calloc(ncols ? ncols : 1, sizeof *owned);
    lxw_worksheet *ws = NULL;

    if (!labels || !widths || !owned) {
        xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto done;
    }
    for (i = 0; i < sc->ncols; i++) {
        const xlsx_column *col = &sc->cols[i];
        size_t n = col->field == EF_SOURCES ? nsrc : 1;
        for (k = 0; k < n; k++, c++) {
            widths[c] = col->width;
            labels[c] = col->label;
            if (col->field == EF_SOURCES && nsrc > 1) {
                size_t len = strlen(col->label) + 24;
                owned[c] = malloc(len);
                if (owned[c]) {
                    snprintf(owned[c], len, "%s %zu", col->label, k + 1);
                    labels[c] = owned[c];
                }
            }
        }
    }
    ws = xlsx_sheet_begin(w, XS_EVENTS, labels, widths, ncols,
                          w->model->event_count);
    for (i = 0; ws && i < w->model->event_count && !w->lxw_failed; i++) {
        const dossier_event *ev = w->model->events[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        lxw_col_t cc = 0;
        for (k = 0; k < sc->ncols; k++)
            cc = (lxw_col_t)(cc + write_field(w, ws, r, cc, &sc->cols[k], nsrc, ev));
        xlsx_row_done(w, ws, r);
    }
    xlsx_sheet_end(w, ws, XS_EVENTS, labels, ncols, w->model->event_count);
    w->widths = NULL; /* `widths` is freed below */
    w->nwidths = 0;
done:
    for (i = 0; owned && i < ncols; i++)
        free(owned[i]);
    free(owned);
    free(labels);
    free(widths);
}
