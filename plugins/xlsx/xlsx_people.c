/* xlsx_people.c - the People and Statements sheets.
 *
 * People: every registry person, then speakers, contacts and participation
 * people written inline in event files (merged by name + affiliation), each
 * with the events they appear in. Statements: one row per quotation, in event order.
 *
 * Memory: the People rows must be merged before the first is written, so
 * each person keeps a small fixed record, and the events a person appears
 * in are a chain of 8-byte links in one shared array (each event once per
 * person), joined into text only when the row is written. */
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

enum {
    PF_HONORIFIC, PF_NAME, PF_POSITION, PF_AFFILIATION, PF_EMAIL, PF_PHONE,
    PF_ROLES, PF_EVENTS, PF_EVENT_COUNT
};

const xlsx_field_def xlsx_people_field_defs[] = {
    [PF_HONORIFIC] = {"honorific", "Honorific", 11},
    [PF_NAME] = {"name", "Name", 28},
    [PF_POSITION] = {"position", "Position", 50},
    [PF_AFFILIATION] = {"affiliation", "Affiliation", 36},
    [PF_EMAIL] = {"email", "Email", 28},
    [PF_PHONE] = {"phone", "Phone", 18},
    [PF_ROLES] = {"roles", "Appears as", 16},
    [PF_EVENTS] = {"events", "Events", 50},
    [PF_EVENT_COUNT] = {"event_count", "Event count", 8},
};
const size_t xlsx_people_field_count =
    sizeof xlsx_people_field_defs / sizeof *xlsx_people_field_defs;

enum {
    SF_EVENT_ID, SF_EVENT_DATE, SF_EVENT_TITLE, SF_SPEAKER, SF_POSITION,
    SF_AFFILIATION, SF_MEDIUM, SF_TEXT, SF_CONTEXT
};

const xlsx_field_def xlsx_statements_field_defs[] = {
    [SF_EVENT_ID] = {"event_id", "Event ID", 28},
    [SF_EVENT_DATE] = {"event_date", "Date", 12},
    [SF_EVENT_TITLE] = {"event_title", "Event", 40},
    [SF_SPEAKER] = {"speaker", "Speaker", 28},
    [SF_POSITION] = {"position", "Position", 36},
    [SF_AFFILIATION] = {"affiliation", "Affiliation", 28},
    [SF_MEDIUM] = {"medium", "Medium", 14},
    [SF_TEXT] = {"text", "Quotation", 80},
    [SF_CONTEXT] = {"context", "Context", 30},
};
const size_t xlsx_statements_field_count =
    sizeof xlsx_statements_field_defs / sizeof *xlsx_statements_field_defs;

#define ROLE_SPEAKER 1u
#define ROLE_CONTACT 2u
#define ROLE_PARTICIPANT 4u /* named in an organizer/participant row */

#define NO_LINK UINT32_MAX

typedef struct prow {
    const char *honorific, *name, *position, *email, *phone;
    const dossier_entity *entity;
    const dossier_pos *pos;
    unsigned roles;
    int is_inline;     /* merged by name + affiliation */
    uint32_t last_event; /* index of the last event added, NO_LINK none */
    uint32_t event_count;
    uint32_t head, tail; /* chain of the person's events in `links` */
} prow;

/* One event of one person; `next` continues that person's chain. */
typedef struct plink {
    uint32_t event, next;
} plink;

typedef struct people {
    prow *rows;
    size_t n, cap;
    size_t *by_registry; /* person index -> row */
    size_t nreg;
    size_t *hash;        /* open addressing over inline people: row + 1 */
    size_t hcap;
    plink *links;
    size_t nlinks, lcap;
} people;

/* Inline people are merged by name and affiliation (entities are unique
 * objects, so the pointer stands for the id). */
static size_t fnv(const char *s, const dossier_entity *e)
{
    size_t h = 1469598103934665603u;
    const char *id = e ? e->id : "";
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    h = (h ^ 0x1f) * 1099511628211u;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211u;
    return h;
}

static int same_person(const prow *r, const char *name, const dossier_entity *e)
{
    return r->is_inline && r->entity == e && strcmp(r->name, name) == 0;
}

static prow *new_row(people *pp)
{
    if (pp->n == pp->cap) {
        size_t cap = pp->cap ? pp->cap * 2 : 64;
        prow *r = realloc(pp->rows, cap * sizeof *r);
        if (!r)
            return NULL;
        pp->rows = r;
        pp->cap = cap;
    }
    memset(&pp->rows[pp->n], 0, sizeof *pp->rows);
    pp->rows[pp->n].last_event = NO_LINK;
    pp->rows[pp->n].head = pp->rows[pp->n].tail = NO_LINK;
    return &pp->rows[pp->n++];
}

static int rehash(people *pp)
{
    size_t cap = pp->hcap ? pp->hcap * 2 : 256, i;
    size_t *h = calloc(cap, sizeof *h);
    if (!h)
        return -1;
    for (i = 0; i < pp->n; i++)
        if (pp->rows[i].is_inline) {
            size_t j = fnv(pp->rows[i].name, pp->rows[i].entity) & (cap - 1);
            while (h[j])
                j = (j + 1) & (cap - 1);
            h[j] = i + 1;
        }
    free(pp->hash);
    pp->hash = h;
    pp->hcap = cap;
    return 0;
}

/* The row of an inline person, created on first sight. */
static prow *inline_row(people *pp, const char *name, const dossier_entity *e)
{
    size_t j;
    prow *r;
    if (pp->n * 2 >= pp->hcap && rehash(pp) != 0)
        return NULL;
    for (j = fnv(name, e) & (pp->hcap - 1); pp->hash[j]; j = (j + 1) & (pp->hcap - 1))
        if (same_person(&pp->rows[pp->hash[j] - 1], name, e))
            return &pp->rows[pp->hash[j] - 1];
    r = new_row(pp);
    if (!r)
        return NULL;
    r->is_inline = 1;
    r->name = name;
    r->entity = e;
    pp->hash[j] = pp->n;
    return r;
}

static void fill_person(prow *r, const dossier_person *p)
{
    r->honorific = p->honorific;
    r->name = p->name;
    r->position = p->position;
    r->entity = p->entity;
    r->email = p->email;
    r->phone = p->phone;
    r->pos = &p->pos;
}

static prow *person_row(people *pp, const dossier_person *p)
{
    prow *r;
    if (p->index < pp->nreg)
        return &pp->rows[pp->by_registry[p->index]];
    r = inline_row(pp, p->name, p->entity);
    if (r && !r->pos)
        fill_person(r, p);
    return r;
}

/* Adds event `ev` to the person's chain (once: events come in order). */
static int seen_in(people *pp, prow *r, size_t ev, unsigned role)
{
    uint32_t k;
    r->roles |= role;
    if (r->last_event == (uint32_t)ev)
        return 0;
    if (pp->nlinks == pp->lcap) {
        size_t cap = pp->lcap ? pp->lcap * 2 : 1024;
        plink *l = cap < NO_LINK ? realloc(pp->links, cap * sizeof *l) : NULL;
        if (!l)
            return -1;
        pp->links = l;
        pp->lcap = cap;
    }
    k = (uint32_t)pp->nlinks++;
    pp->links[k].event = (uint32_t)ev;
    pp->links[k].next = NO_LINK;
    if (r->tail != NO_LINK)
        pp->links[r->tail].next = k;
    else
        r->head = k;
    r->tail = k;
    r->last_event = (uint32_t)ev;
    r->event_count++;
    return 0;
}

static int collect(const dossier_model *m, people *pp)
{
    size_t i, k;
    if (m->person_count) {
        pp->by_registry = malloc(m->person_count * sizeof *pp->by_registry);
        if (!pp->by_registry)
            return -1;
    }
    for (i = 0; i < m->person_count; i++) {
        prow *r = new_row(pp);
        if (!r)
            return -1;
        fill_person(r, m->people[i]);
        pp->by_registry[i] = pp->n - 1;
    }
    pp->nreg = m->person_count;
    if (m->event_count >= NO_LINK)
        return -1; /* far beyond anything a workbook can show */
    for (i = 0; i < m->event_count; i++) {
        const dossier_event *ev = m->events[i];
        for (k = 0; k < ev->statement_count; k++) {
            prow *r = person_row(pp, ev->statements[k]->speaker);
            if (!r || seen_in(pp, r, i, ROLE_SPEAKER) != 0)
                return -1;
        }
        for (k = 0; k < ev->contact_count; k++) {
            const dossier_contact *c = ev->contacts[k];
            prow *r = c->person ? person_row(pp, c->person)
                                : inline_row(pp, c->name, c->entity);
            if (!r)
                return -1;
            if (!c->person && !r->pos) {
                r->position = c->role;
                r->pos = &c->pos;
            }
            /* A contact block may carry details the registry lacks. */
            if (!r->email)
                r->email = c->email;
            if (!r->phone)
                r->phone = c->phone;
            if (seen_in(pp, r, i, ROLE_CONTACT) != 0)
                return -1;
        }
        for (k = 0; k < ev->organizer_count + ev->participant_count; k++) {
            const dossier_participation *p =
                k < ev->organizer_count ? ev->organizers[k]
                                        : ev->participants[k - ev->organizer_count];
            size_t j;
            for (j = 0; j < p->person_count; j++) {
                prow *r = person_row(pp, p->people[j]);
                if (!r || seen_in(pp, r, i, ROLE_PARTICIPANT) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

static void free_people(people *pp)
{
    free(pp->rows);
    free(pp->by_registry);
    free(pp->hash);
    free(pp->links);
}

static lxw_format *fmt_for(xlsx_writer *w, double width)
{
    return width >= 30 ? w->f_wrap : w->f_text;
}

static void write_person(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r,
                         lxw_col_t c, const xlsx_column *col,
                         const people *pp, const prow *p)
{
    uint32_t k;
    const char *t = NULL;
    xlsx_sb *sb = &w->join;
    switch (col->field) {
    case PF_HONORIFIC: t = p->honorific; break;
    case PF_NAME: t = p->name; break;
    case PF_POSITION: t = p->position; break;
    case PF_AFFILIATION: t = p->entity ? p->entity->name : NULL; break;
    case PF_EMAIL:
        if (p->email) {
            xlsx_sb_clear(sb);
            xlsx_sb_add(sb, "mailto:");
            xlsx_sb_add(sb, p->email);
            if (!sb->oom && !strchr(p->email, ' ') && !strchr(p->email, '?'))
                xlsx_url(w, ws, r, c, sb->s, p->email, NULL, p->pos);
            else
                xlsx_text(w, ws, r, c, p->email, w->f_text, p->pos);
        }
        return;
    case PF_PHONE: t = p->phone; break;
    case PF_ROLES:
        xlsx_sb_clear(sb);
        if (p->roles & ROLE_SPEAKER)
            xlsx_sb_item(sb, ", ", w->cfg->labels[XL_P_SPEAKER]);
        if (p->roles & ROLE_CONTACT)
            xlsx_sb_item(sb, ", ", w->cfg->labels[XL_P_CONTACT]);
        if ((p->roles & ROLE_PARTICIPANT) && !(p->roles & ROLE_SPEAKER)) /* a speaker was there */
            xlsx_sb_item(sb, ", ", w->cfg->labels[XL_P_PARTICIPANT]);
        t = sb->s;
        break;
    case PF_EVENTS:
        xlsx_sb_clear(sb);
        for (k = p->head; k != NO_LINK; k = pp->links[k].next)
            xlsx_sb_item(sb, "; ", w->model->events[pp->links[k].event]->id);
        if (sb->oom) {
            xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        t = sb->s;
        break;
    case PF_EVENT_COUNT: xlsx_long(w, ws, r, c, (long)p->event_count); return;
    default: break;
    }
    xlsx_text(w, ws, r, c, t, fmt_for(w, col->width), p->pos);
}

/* Labels and widths of a sheet's configured columns. */
static int column_arrays(const xlsx_sheet_cfg *sc, const char ***labels,
                         double **widths)
{
    size_t i;
    *labels = calloc(sc->ncols ? sc->ncols : 1, sizeof **labels);
    *widths = calloc(sc->ncols ? sc->ncols : 1, sizeof **widths);
    if (!*labels || !*widths)
        return -1;
    for (i = 0; i < sc->ncols; i++) {
        (*labels)[i] = sc->cols[i].label;
        (*widths)[i] = sc->cols[i].width;
    }
    return 0;
}

void xlsx_write_people(xlsx_writer *w)
{
    const xlsx_sheet_cfg *sc = &w->cfg->sheets[XS_PEOPLE];
    people pp;
    const char **labels = NULL;
    double *widths = NULL;
    lxw_worksheet *ws = NULL;
    size_t i, k;
    memset(&pp, 0, sizeof pp);
    if (collect(w->model, &pp) != 0 || column_arrays(sc, &labels, &widths) != 0) {
        xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto done;
    }
    if (pp.n >= XLSX_ROWS)
        pp.n = XLSX_ROWS - 1;
    ws = xlsx_sheet_begin(w, XS_PEOPLE, labels, widths, sc->ncols, pp.n);
    for (i = 0; ws && i < pp.n && !w->lxw_failed; i++) {
        for (k = 0; k < sc->ncols; k++)
            write_person(w, ws, (lxw_row_t)(i + 1), (lxw_col_t)k, &sc->cols[k],
                         &pp, &pp.rows[i]);
        xlsx_row_done(w, ws, (lxw_row_t)(i + 1));
    }
    xlsx_sheet_end(w, ws, XS_PEOPLE, labels, sc->ncols, pp.n);
    w->widths = NULL;
    w->nwidths = 0;
done:
    free(labels);
    free(widths);
    free_people(&pp);
}

static void write_statement(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r,
                            lxw_col_t c, const xlsx_column *col,
                            const dossier_event *ev, const dossier_statement *s)
{
    const dossier_person *p = s->speaker;
    const char *t = NULL;
    switch (col->field) {
    case SF_EVENT_ID: t = ev->id; break;
    case SF_EVENT_DATE: xlsx_date(w, ws, r, c, ev->start); return;
    case SF_EVENT_TITLE: t = ev->title; break;
    case SF_SPEAKER:
        xlsx_sb_clear(&w->join);
        xlsx_sb_item(&w->join, " ", p->honorific);
        xlsx_sb_item(&w->join, " ", p->name);
        t = w->join.s;
        break;
    case SF_POSITION: t = p->position; break;
    case SF_AFFILIATION: t = p->entity ? p->entity->name : NULL; break;
    case SF_MEDIUM: t = s->medium; break;
    case SF_TEXT: t = s->text; break;
    case SF_CONTEXT: t = s->context; break;
    default: break;
    }
    xlsx_text(w, ws, r, c, t, fmt_for(w, col->width), &s->pos);
}

void xlsx_write_statements(xlsx_writer *w)
{
    const xlsx_sheet_cfg *sc = &w->cfg->sheets[XS_STATEMENTS];
    const char **labels = NULL;
    double *widths = NULL;
    lxw_worksheet *ws = NULL;
    size_t i, j, k, row = 0, total = 0;
    if (column_arrays(sc, &labels, &widths) != 0) {
        xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        goto done;
    }
    for (i = 0; i < w->model->event_count; i++)
        total += w->model->events[i]->statement_count;
    if (total >= XLSX_ROWS)
        total = XLSX_ROWS - 1;
    ws = xlsx_sheet_begin(w, XS_STATEMENTS, labels, widths, sc->ncols, total);
    for (i = 0; ws && i < w->model->event_count && !w->lxw_failed; i++) {
        const dossier_event *ev = w->model->events[i];
        for (j = 0; j < ev->statement_count && row + 1 < XLSX_ROWS; j++) {
            row++;
            for (k = 0; k < sc->ncols; k++)
                write_statement(w, ws, (lxw_row_t)row, (lxw_col_t)k,
                                &sc->cols[k], ev, ev->statements[j]);
            xlsx_row_done(w, ws, (lxw_row_t)row);
        }
    }
    xlsx_sheet_end(w, ws, XS_STATEMENTS, labels, sc->ncols, row);
    w->widths = NULL;
    w->nwidths = 0;
done:
    free(labels);
    free(widths);
}
