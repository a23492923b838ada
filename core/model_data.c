/* model_data.c - the data view of a loaded model (docs/MODEL-JSON.md).
 *
 * Builds the tree `dossier dump` prints and Mustache templates see. Every
 * key is always present (null when absent, [] for empty lists) so templates
 * and scripts never have to guess. Everything, strings included, is copied
 * into the data's arena: the view does not depend on the model's lifetime.
 * The participation indexes (entity -> events, person -> events) are built
 * in two linear passes over the events, which are already chronological. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data_internal.h"
#include "dossier/loader.h"
#include "dossier/model.h"
#include "dossier/value.h"
#include "export_internal.h"
#include "humanize_internal.h"
#include "summary_internal.h"

/* Values repeated many times (an entity in every row that names it, an
 * event in every index entry) are built once and copied by value: the
 * copies share the string bytes, which keeps a large view small and fast. */
typedef struct ent_vals {
    dossier_value id, name, short_name, label, kind;
} ent_vals;
typedef struct ev_vals {
    dossier_value id, title, start;
    dossier_value ref; /* {id, title}, a person's index entry; built once */
} ev_vals;

/* Rows with a level or note (no people) are shared too, per (entity, role,
 * level, note): levels come from a small vocabulary. Open addressing. */
typedef struct row_slot {
    const dossier_participation *p; /* the first row with this key */
    dossier_value v;
} row_slot;

typedef struct builder {
    dossier_arena *a;
    int failed;
    const dossier_model *m;
    ent_vals *ents; /* per model entity */
    ev_vals *evs;   /* per model event */
    /* Rows without level/note are the same object wherever an entity holds
     * a role: one per (entity, role), shared. NULL when too many entities. */
    dossier_value *rows;
    row_slot *lrows;     /* rows with a level or note; NULL: not shared */
    size_t lrows_cap, lrows_n;
    /* A registry person as a speaker, and as named in a row: built once
     * per person (type NULL until then). NULL when not allocated. */
    dossier_value *speakers, *prefs;
    const char *state_names[26 * 26]; /* declared states override ISO names */
} builder;

/* An object being filled: keys are static strings, set in order. */
typedef struct obj {
    dossier_member *m;
    size_t n, cap;
    dossier_value sink; /* written to after a failed allocation */
} obj;

static void *alloc(builder *b, size_t size)
{
    void *p;
    if (b->failed)
        return NULL;
    p = dossier_arena_alloc(b->a, size ? size : 1);
    if (!p)
        b->failed = 1;
    return p;
}

static void obj_begin(builder *b, dossier_value *v, obj *o, size_t cap)
{
    o->m = alloc(b, cap * sizeof *o->m);
    o->n = 0;
    o->cap = o->m ? cap : 0;
    v->type = DOSSIER_VALUE_OBJECT;
    v->u.members = o->m;
    v->count = 0;
    /* count is fixed in obj_end, once every key is in */
}

static dossier_value *key(obj *o, const char *k)
{
    if (o->n >= o->cap) {
        memset(&o->sink, 0, sizeof o->sink);
        return &o->sink;
    }
    o->m[o->n].key = k;
    return &o->m[o->n++].value;
}

static void obj_end(dossier_value *v, const obj *o) { v->count = o->n; }

static dossier_value *array(builder *b, dossier_value *v, size_t n)
{
    dossier_value *items = alloc(b, n * sizeof *items);
    v->type = DOSSIER_VALUE_ARRAY;
    v->u.items = items;
    v->count = items ? n : 0;
    return items;
}

static void str(builder *b, dossier_value *v, const char *s)
{
    size_t n;
    char *copy;
    if (!s) {
        v->type = DOSSIER_VALUE_NULL;
        return;
    }
    n = strlen(s);
    copy = b->failed ? NULL : dossier_arena_strndup(b->a, s, n);
    if (!copy) {
        b->failed = 1;
        v->type = DOSSIER_VALUE_NULL;
        return;
    }
    v->type = DOSSIER_VALUE_STRING;
    v->u.string = copy;
    v->count = n;
}

/* A string already in the arena (humanize results) or static (enum names). */
static void str_owned(dossier_value *v, const char *s)
{
    if (!s) {
        v->type = DOSSIER_VALUE_NULL;
        return;
    }
    v->type = DOSSIER_VALUE_STRING;
    v->u.string = s;
    v->count = strlen(s);
}

static void num(dossier_value *v, double d, const char *text)
{
    v->type = DOSSIER_VALUE_NUMBER;
    v->u.number = d;
    v->text = text;
}

static void boolean(dossier_value *v, int x)
{
    v->type = DOSSIER_VALUE_BOOL;
    v->u.boolean = x != 0;
}

static void date(builder *b, dossier_value *v, dossier_date d)
{
    char buf[11];
    dossier_date_format(d, buf);
    str(b, v, buf[0] ? buf : NULL);
}

static void count(builder *b, dossier_value *v, long n)
{
    if (n < 0) {
        v->type = DOSSIER_VALUE_NULL;
        return;
    }
    num(v, (double)n, b->failed ? NULL : dossier_arena_printf(b->a, "%ld", n));
}

static void strings(builder *b, dossier_value *v, const char *const *s, size_t n)
{
    dossier_value *items = array(b, v, n);
    size_t i;
    for (i = 0; items && i < n; i++)
        str(b, &items[i], s[i]);
}

static const char *country_name(const builder *b, const char *code)
{
    if (!code)
        return NULL;
    if (code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' &&
        code[2] == '\0' && b->state_names[(code[0] - 'A') * 26 + code[1] - 'A'])
        return b->state_names[(code[0] - 'A') * 26 + code[1] - 'A'];
    return dossier_country_name(code);
}

/* Sets `v` to "honorific name" ("H.E. Mr. Emomali Rahmon"), or just the
 * name when the person has no honorific. */
static void display_name(builder *b, dossier_value *v, const dossier_person *p)
{
    char *dn = NULL;
    if (p->honorific && p->honorific[0] && !b->failed)
        dn = dossier_arena_printf(b->a, "%s %s", p->honorific, p->name);
    if (dn)
        str_owned(v, dn);
    else
        str(b, v, p->name);
}

static void make_ent_vals(builder *b, const dossier_entity *e, ent_vals *ev)
{
    str(b, &ev->id, e->id);
    str(b, &ev->name, e->name);
    str(b, &ev->short_name, e->short_name);
    if (e->short_name)
        ev->label = ev->short_name;
    else
        ev->label = ev->name;
    str_owned(&ev->kind, dossier_entity_kind_name(e->kind));
}

static const ent_vals *entity_vals(builder *b, const dossier_entity *e,
                                   ent_vals *tmp)
{
    if (e->index < b->m->entity_count && b->m->entities[e->index] == e)
        return &b->ents[e->index];
    memset(tmp, 0, sizeof *tmp);
    make_ent_vals(b, e, tmp);
    return tmp;
}

/* The registry slot of `p` in `cache` (per model person), or NULL for an
 * inline person or no cache. */
static dossier_value *person_slot(const builder *b, dossier_value *cache,
                                  const dossier_person *p)
{
    if (!cache || p->index >= b->m->person_count || b->m->people[p->index] != p)
        return NULL;
    return &cache[p->index];
}

/* Shared values: a slot holds a value built once (type NULL until then).
 * reuse() copies it into *v when it is there; keep() fills the slot after
 * the first build. Copies share everything: the tree is immutable. */
static int reuse(const dossier_value *slot, dossier_value *v)
{
    if (!slot || slot->type != DOSSIER_VALUE_OBJECT)
        return 0;
    *v = *slot;
    return 1;
}

static void keep(const builder *b, dossier_value *slot, const dossier_value *v)
{
    if (slot && !b->failed)
        *slot = *v;
}

/* A person named in a participation: who, and in what capacity. */
static void person_ref(builder *b, dossier_value *v, const dossier_person *p)
{
    obj o;
    dossier_value *slot = person_slot(b, b->prefs, p);
    if (reuse(slot, v))
        return;
    obj_begin(b, v, &o, 4);
    str(b, key(&o, "id"), p->id);
    str(b, key(&o, "name"), p->name);
    display_name(b, key(&o, "display_name"), p);
    str(b, key(&o, "position"), p->position);
    obj_end(v, &o);
    keep(b, slot, v);
}

/* The role as a label a template can print ("Co-organizer"). */
static const char *role_label(dossier_role role)
{
    static const char *const labels[DOSSIER_ROLE_COUNT] = {
        "Host", "Organizer", "Co-organizer", "Supporter", "Partner",
        "Delegation", "Speaker", "Chair", "Observer", "Participant"};
    return ((unsigned)role < DOSSIER_ROLE_COUNT) ? labels[role] : "";
}

static int same_str(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

static size_t hash_str(size_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (h ^ 0xff) * 1099511628211u; /* NULL and "" differ from "x" */
}

/* The level-row table's key: (entity, role, level, note). */
static size_t row_hash(const dossier_participation *p)
{
    return hash_str(hash_str(p->entity->index * 31 + (size_t)p->role, p->level),
                    p->note);
}

/* The shared slot for a row with a level or note and no people, or NULL
 * (table full or not allocated: the row is built on its own). */
static row_slot *level_row(builder *b, const dossier_participation *p)
{
    size_t i;
    if (!b->lrows)
        return NULL;
    if (2 * (b->lrows_n + 1) > b->lrows_cap) {
        size_t cap = b->lrows_cap * 2, j;
        row_slot *t = calloc(cap, sizeof *t);
        if (!t)
            return NULL;
        for (j = 0; j < b->lrows_cap; j++) {
            const dossier_participation *q = b->lrows[j].p;
            if (!q)
                continue;
            for (i = row_hash(q) & (cap - 1); t[i].p; i = (i + 1) & (cap - 1))
                ;
            t[i] = b->lrows[j];
        }
        free(b->lrows);
        b->lrows = t;
        b->lrows_cap = cap;
    }
    for (i = row_hash(p) & (b->lrows_cap - 1); b->lrows[i].p;
         i = (i + 1) & (b->lrows_cap - 1)) {
        const dossier_participation *q = b->lrows[i].p;
        if (q->entity == p->entity && q->role == p->role &&
            same_str(q->level, p->level) && same_str(q->note, p->note))
            return &b->lrows[i];
    }
    b->lrows[i].p = p; /* claimed; its value is set once built */
    b->lrows_n++;
    return &b->lrows[i];
}

static void participation(builder *b, dossier_value *v,
                          const dossier_participation *p)
{
    row_slot *lrow = NULL;
    obj o;
    ent_vals tmp;
    const ent_vals *ev = entity_vals(b, p->entity, &tmp);
    dossier_value *shared = NULL, *items;
    size_t i;
    if (b->rows && !p->level && !p->note && !p->person_count && ev != &tmp &&
        (unsigned)p->role < DOSSIER_ROLE_COUNT) {
        shared = &b->rows[p->entity->index * DOSSIER_ROLE_COUNT + (size_t)p->role];
    } else if (!p->person_count && ev != &tmp &&
               (unsigned)p->role < DOSSIER_ROLE_COUNT &&
               (lrow = level_row(b, p)) != NULL) {
        shared = &lrow->v;
    }
    if (reuse(shared, v))
        return;
    obj_begin(b, v, &o, 10);
    *key(&o, "entity") = ev->id;
    *key(&o, "name") = ev->name;
    *key(&o, "short") = ev->short_name;
    *key(&o, "label") = ev->label;
    *key(&o, "kind") = ev->kind;
    str_owned(key(&o, "role"), dossier_role_name(p->role));
    str_owned(key(&o, "role_label"), role_label(p->role));
    str(b, key(&o, "level"), p->level);
    str(b, key(&o, "note"), p->note);
    items = array(b, key(&o, "people"), p->person_count);
    for (i = 0; items && i < p->person_count; i++)
        person_ref(b, &items[i], p->people[i]);
    obj_end(v, &o);
    keep(b, shared, v);
}

static void participations(builder *b, dossier_value *v,
                           const dossier_participation *const *p, size_t n)
{
    dossier_value *items = array(b, v, n);
    size_t i;
    for (i = 0; items && i < n; i++)
        participation(b, &items[i], p[i]);
}

/* Who a person is: the first seven keys of a speaker and of a people entry. */
#define PERSON_FIELDS 7
static void person_fields(builder *b, obj *o, const dossier_person *p)
{
    str(b, key(o, "id"), p->id);
    str(b, key(o, "name"), p->name);
    str(b, key(o, "honorific"), p->honorific);
    display_name(b, key(o, "display_name"), p);
    str(b, key(o, "position"), p->position);
    str(b, key(o, "entity"), p->entity ? p->entity->id : NULL);
    str(b, key(o, "entity_name"), p->entity ? p->entity->name : NULL);
}

static void speaker(builder *b, dossier_value *v, const dossier_person *p)
{
    obj o;
    dossier_value *slot = person_slot(b, b->speakers, p);
    if (reuse(slot, v))
        return;
    obj_begin(b, v, &o, PERSON_FIELDS);
    person_fields(b, &o, p);
    obj_end(v, &o);
    keep(b, slot, v);
}

static void location(builder *b, dossier_value *v, const dossier_location *l)
{
    obj o;
    const char *cname = country_name(b, l->country);
    const char *parts[3];
    size_t np = 0, i;
    char *text = NULL;
    obj_begin(b, v, &o, 6);
    str(b, key(&o, "venue"), l->venue);
    str(b, key(&o, "city"), l->city);
    str(b, key(&o, "country"), l->country);
    str(b, key(&o, "country_name"), cname);
    str(b, key(&o, "address"), l->address);
    if (l->venue && l->venue[0])
        parts[np++] = l->venue;
    if (l->city && l->city[0])
        parts[np++] = l->city;
    if (cname && cname[0])
        parts[np++] = cname;
    else if (l->country && l->country[0])
        parts[np++] = l->country;
    for (i = 0; i < np && !b->failed; i++)
        text = text ? dossier_arena_printf(b->a, "%s, %s", text, parts[i])
                    : dossier_arena_strdup(b->a, parts[i]);
    str_owned(key(&o, "text"), text);
    obj_end(v, &o);
}

static void attendance(builder *b, dossier_value *v, const dossier_attendance *a)
{
    obj o;
    if (a->participants < 0 && a->countries < 0 && a->organizations < 0 &&
        !a->qualifier) {
        v->type = DOSSIER_VALUE_NULL;
        return;
    }
    obj_begin(b, v, &o, 5);
    count(b, key(&o, "participants"), a->participants);
    count(b, key(&o, "countries"), a->countries);
    count(b, key(&o, "organizations"), a->organizations);
    str(b, key(&o, "qualifier"), a->qualifier);
    str_owned(key(&o, "text"), b->failed ? NULL : dossier_human_attendance(b->a, a));
    obj_end(v, &o);
}

static void event_lists(builder *b, obj *o, const dossier_event *e)
{
    dossier_value *items;
    size_t i;
    obj x;

    items = array(b, key(o, "statements"), e->statement_count);
    for (i = 0; items && i < e->statement_count; i++) {
        const dossier_statement *s = e->statements[i];
        obj_begin(b, &items[i], &x, 4);
        speaker(b, key(&x, "speaker"), s->speaker);
        str(b, key(&x, "medium"), s->medium);
        str(b, key(&x, "text"), s->text);
        str(b, key(&x, "context"), s->context);
        obj_end(&items[i], &x);
    }
    items = array(b, key(o, "outcomes"), e->outcome_count);
    for (i = 0; items && i < e->outcome_count; i++) {
        const dossier_outcome *s = e->outcomes[i];
        obj_begin(b, &items[i], &x, 5);
        str_owned(key(&x, "kind"), dossier_outcome_kind_name(s->kind));
        str(b, key(&x, "title"), s->title);
        date(b, key(&x, "adopted"), s->adopted);
        str(b, key(&x, "summary"), s->summary);
        str(b, key(&x, "url"), s->url);
        obj_end(&items[i], &x);
    }
    items = array(b, key(o, "figures"), e->figure_count);
    for (i = 0; items && i < e->figure_count; i++) {
        const dossier_figure *s = e->figures[i];
        obj_begin(b, &items[i], &x, 6);
        str(b, key(&x, "label"), s->label);
        num(key(&x, "value"), s->value,
            s->value_text && !b->failed ? dossier_arena_strdup(b->a, s->value_text)
                                        : NULL);
        str(b, key(&x, "value_text"), s->value_text);
        str(b, key(&x, "unit"), s->unit);
        str(b, key(&x, "year"), s->year);
        str(b, key(&x, "note"), s->note);
        obj_end(&items[i], &x);
    }
    items = array(b, key(o, "contacts"), e->contact_count);
    for (i = 0; items && i < e->contact_count; i++) {
        const dossier_contact *s = e->contacts[i];
        const dossier_entity *ent = s->entity ? s->entity
                                    : s->person ? s->person->entity : NULL;
        obj_begin(b, &items[i], &x, 8);
        str(b, key(&x, "name"), s->name);
        str(b, key(&x, "person"), s->person ? s->person->id : NULL);
        str(b, key(&x, "entity"), ent ? ent->id : NULL);
        str(b, key(&x, "entity_name"), ent ? ent->name : NULL);
        str(b, key(&x, "role"), s->role);
        str(b, key(&x, "email"), s->email ? s->email
                                 : s->person ? s->person->email : NULL);
        str(b, key(&x, "phone"), s->phone ? s->phone
                                 : s->person ? s->person->phone : NULL);
        str(b, key(&x, "city"), s->city);
        obj_end(&items[i], &x);
    }
    items = array(b, key(o, "sources"), e->source_count);
    for (i = 0; items && i < e->source_count; i++) {
        const dossier_source *s = e->sources[i];
        const char *pub = s->publisher ? s->publisher
                          : s->publisher_entity ? s->publisher_entity->name : NULL;
        obj_begin(b, &items[i], &x, 5);
        str(b, key(&x, "title"), s->title);
        str(b, key(&x, "publisher"), pub);
        str(b, key(&x, "publisher_entity"),
            s->publisher_entity ? s->publisher_entity->id : NULL);
        date(b, key(&x, "published"), s->published);
        str(b, key(&x, "url"), s->url);
        obj_end(&items[i], &x);
    }
    items = array(b, key(o, "related"), e->related_count);
    for (i = 0; items && i < e->related_count; i++) {
        const dossier_event *s = e->related[i];
        obj_begin(b, &items[i], &x, 3);
        if (s->index < b->m->event_count && b->m->events[s->index] == s) {
            *key(&x, "id") = b->evs[s->index].id;
            *key(&x, "title") = b->evs[s->index].title;
            *key(&x, "start") = b->evs[s->index].start;
        } else {
            str(b, key(&x, "id"), s->id);
            str(b, key(&x, "title"), s->title);
            date(b, key(&x, "start"), s->start);
        }
        obj_end(&items[i], &x);
    }
}

static void event(builder *b, dossier_value *v, const dossier_event *e,
                  size_t idx)
{
    obj o;
    const char *summary = e->summary;
    obj_begin(b, v, &o, 26);
    *key(&o, "id") = b->evs[idx].id;
    *key(&o, "title") = b->evs[idx].title;
    str(b, key(&o, "short_title"), e->short_title);
    str_owned(key(&o, "kind"), dossier_event_kind_name(e->kind));
    str(b, key(&o, "series"), e->series);
    *key(&o, "start") = b->evs[idx].start;
    date(b, key(&o, "end"), e->end.year ? e->end : e->start);
    str_owned(key(&o, "dates"),
              b->failed ? NULL : dossier_human_dates(b->a, e->start, e->end));
    location(b, key(&o, "location"), &e->location);
    strings(b, key(&o, "themes"), e->themes, e->theme_count);
    strings(b, key(&o, "audience"), e->audience, e->audience_count);
    participations(b, key(&o, "organizers"), e->organizers, e->organizer_count);
    participations(b, key(&o, "participants"), e->participants,
                   e->participant_count);
    attendance(b, key(&o, "attendance"), &e->attendance);
    event_lists(b, &o, e);
    if (summary && summary[0])
        str(b, key(&o, "summary"), summary);
    else
        str_owned(key(&o, "summary"),
                  b->failed ? NULL : dossier_summary_of_body(b->a, e->body));
    str(b, key(&o, "body"), e->body ? e->body : "");
    str(b, key(&o, "file"), e->file);
    obj_end(v, &o);
}

/* Per-entity index: for each entity, the events it takes part in (in the
 * model's chronological order) with its roles there, each role once, in
 * order of first mention. Two passes: count, then fill exact-size arrays. */
typedef struct ent_slot {
    size_t n;              /* events so far */
    size_t last;           /* index+1 of the last event seen */
    unsigned mask;         /* roles seen in that event */
    unsigned nroles;
    unsigned char order[DOSSIER_ROLE_COUNT];
    dossier_value *items;  /* the "events" array being filled */
} ent_slot;

static void entity_index(builder *b, const dossier_model *m, ent_slot *slots,
                         int fill)
{
    /* Entities with the same roles in one event share one entry object
     * (the tree is immutable, so sharing is invisible to readers). */
    struct combo {
        unsigned nroles;
        unsigned char order[DOSSIER_ROLE_COUNT];
        dossier_value entry;
    } combos[16];
    size_t ncombos, c;
    size_t i, j, k, t, nt;
    size_t *touched = malloc((m->entity_count ? m->entity_count : 1) * sizeof *touched);
    if (!touched) {
        b->failed = 1;
        return;
    }
    for (i = 0; i < m->entity_count; i++) {
        slots[i].last = 0;
        slots[i].n = 0;
    }
    for (i = 0; i < m->event_count && !b->failed; i++) {
        const dossier_event *e = m->events[i];
        nt = 0;
        ncombos = 0;
        for (k = 0; k < 2; k++) {
            const dossier_participation *const *p = k ? e->participants : e->organizers;
            size_t n = k ? e->participant_count : e->organizer_count;
            for (j = 0; j < n; j++) {
                size_t ei = p[j]->entity->index;
                unsigned r = (unsigned)p[j]->role;
                ent_slot *s;
                if (ei >= m->entity_count || m->entities[ei] != p[j]->entity ||
                    r >= DOSSIER_ROLE_COUNT)
                    continue;
                s = &slots[ei];
                if (s->last != i + 1) {
                    s->last = i + 1;
                    s->mask = 0;
                    s->nroles = 0;
                    touched[nt++] = ei;
                }
                if (!(s->mask & (1u << r))) {
                    s->mask |= 1u << r;
                    s->order[s->nroles++] = (unsigned char)r;
                }
            }
        }
        for (t = 0; t < nt; t++) {
            ent_slot *s = &slots[touched[t]];
            dossier_value *entry, *roles;
            obj o;
            unsigned r;
            if (!fill || !s->items) {
                s->n++;
                continue;
            }
            entry = &s->items[s->n++];
            for (c = 0; c < ncombos; c++)
                if (combos[c].nroles == s->nroles &&
                    memcmp(combos[c].order, s->order, s->nroles) == 0)
                    break;
            if (c < ncombos) {
                *entry = combos[c].entry;
                continue;
            }
            obj_begin(b, entry, &o, 4);
            *key(&o, "id") = b->evs[i].id;
            *key(&o, "title") = b->evs[i].title;
            *key(&o, "start") = b->evs[i].start;
            roles = array(b, key(&o, "roles"), s->nroles);
            for (r = 0; roles && r < s->nroles; r++)
                str_owned(&roles[r], dossier_role_name((dossier_role)s->order[r]));
            obj_end(entry, &o);
            if (ncombos < sizeof combos / sizeof combos[0]) {
                combos[ncombos].nroles = s->nroles;
                memcpy(combos[ncombos].order, s->order, s->nroles);
                combos[ncombos++].entry = *entry;
            }
        }
    }
    free(touched);
}

static void entities(builder *b, dossier_value *v, const dossier_model *m)
{
    dossier_value *items = array(b, v, m->entity_count);
    ent_slot *slots = calloc(m->entity_count ? m->entity_count : 1, sizeof *slots);
    size_t i;
    if (!slots) {
        b->failed = 1;
        return;
    }
    entity_index(b, m, slots, 0);
    for (i = 0; items && i < m->entity_count; i++) {
        const dossier_entity *e = m->entities[i];
        obj o;
        obj_begin(b, &items[i], &o, 11);
        *key(&o, "id") = b->ents[i].id;
        *key(&o, "name") = b->ents[i].name;
        *key(&o, "short") = b->ents[i].short_name;
        *key(&o, "label") = b->ents[i].label;
        *key(&o, "kind") = b->ents[i].kind;
        str(b, key(&o, "parent"), e->parent ? e->parent->id : NULL);
        str(b, key(&o, "country"), e->country);
        str(b, key(&o, "country_name"), country_name(b, e->country));
        str(b, key(&o, "url"), e->url);
        boolean(key(&o, "implicit"), e->implicit);
        slots[i].items = array(b, key(&o, "events"), slots[i].n);
        obj_end(&items[i], &o);
    }
    if (items)
        entity_index(b, m, slots, 1);
    free(slots);
}

/* Walks the people linked to one event: speakers, contacts, then the
 * people named in organizer and participant rows (linear, no allocation). */
typedef struct link_iter {
    const dossier_event *e;
    size_t stage, i, k;
} link_iter;

/* Returns 1 and sets *p (NULL for a contact without a registry person)
 * while links remain; 0 at the end. */
static int link_next(link_iter *it, const dossier_person **p)
{
    const dossier_event *e = it->e;
    for (;;) {
        switch (it->stage) {
        case 0:
            if (it->i < e->statement_count) {
                *p = e->statements[it->i++]->speaker;
                return 1;
            }
            break;
        case 1:
            if (it->i < e->contact_count) {
                *p = e->contacts[it->i++]->person;
                return 1;
            }
            break;
        case 2:
        case 3: {
            const dossier_participation *const *rows =
                it->stage == 2 ? e->organizers : e->participants;
            size_t n = it->stage == 2 ? e->organizer_count : e->participant_count;
            while (it->i < n && it->k >= rows[it->i]->person_count) {
                it->i++;
                it->k = 0;
            }
            if (it->i < n) {
                *p = rows[it->i]->people[it->k++];
                return 1;
            }
            break;
        }
        default:
            return 0;
        }
        it->stage++;
        it->i = it->k = 0;
    }
}

/* Per-person index: events where the person speaks, is a contact, or is
 * named in a participation (each event once, chronological). */
static void people(builder *b, dossier_value *v, const dossier_model *m)
{
    dossier_value *items = array(b, v, m->person_count);
    size_t *n = calloc(m->person_count ? m->person_count * 2 : 1, sizeof *n);
    size_t *last = n + m->person_count, i, pass;
    dossier_value **lists;
    if (!n) {
        b->failed = 1;
        return;
    }
    lists = calloc(m->person_count ? m->person_count : 1, sizeof *lists);
    if (!lists) {
        free(n);
        b->failed = 1;
        return;
    }
    for (pass = 0; pass < 2 && items && !b->failed; pass++) {
        for (i = 0; i < m->person_count; i++) {
            last[i] = 0;
            if (pass == 1)
                n[i] = 0;
        }
        for (i = 0; i < m->event_count && !b->failed; i++) {
            link_iter it = {m->events[i], 0, 0, 0};
            const dossier_person *p;
            while (link_next(&it, &p)) {
                size_t pi = p ? p->index : SIZE_MAX;
                obj o;
                if (pi >= m->person_count || m->people[pi] != p || last[pi] == i + 1)
                    continue;
                last[pi] = i + 1;
                if (pass == 1 && lists[pi]) {
                    dossier_value *ref = &b->evs[i].ref;
                    if (ref->type != DOSSIER_VALUE_OBJECT) {
                        obj_begin(b, ref, &o, 2);
                        *key(&o, "id") = b->evs[i].id;
                        *key(&o, "title") = b->evs[i].title;
                        obj_end(ref, &o);
                    }
                    lists[pi][n[pi]] = *ref;
                }
                n[pi]++;
            }
        }
        if (pass == 1)
            break;
        for (i = 0; i < m->person_count; i++) {
            const dossier_person *p = m->people[i];
            obj o;
            obj_begin(b, &items[i], &o, PERSON_FIELDS + 3);
            person_fields(b, &o, p);
            str(b, key(&o, "email"), p->email);
            str(b, key(&o, "phone"), p->phone);
            lists[i] = array(b, key(&o, "events"), n[i]);
            obj_end(&items[i], &o);
        }
    }
    free(lists);
    free(n);
}

DOSSIER_API dossier_status dossier_data_from_model(const struct dossier_model *m,
                                                   dossier_data **out)
{
    dossier_data *d;
    builder b;
    dossier_value *root, *period, *items;
    obj o, po;
    size_t i;

    if (!out)
        return DOSSIER_ERR_USAGE;
    *out = NULL;
    if (!m)
        return DOSSIER_ERR_USAGE;
    d = calloc(1, sizeof *d);
    if (!d)
        return DOSSIER_ERR_NOMEM;
    memset(&b, 0, sizeof b);
    b.a = &d->arena;
    b.m = m;
    for (i = 0; i < m->entity_count; i++) {
        const dossier_entity *e = m->entities[i];
        if (e->kind == DOSSIER_ENTITY_STATE && !e->implicit && e->id &&
            e->id[0] >= 'A' && e->id[0] <= 'Z' && e->id[1] >= 'A' &&
            e->id[1] <= 'Z' && e->id[2] == '\0')
            b.state_names[(e->id[0] - 'A') * 26 + e->id[1] - 'A'] = e->name;
    }
    b.ents = calloc(m->entity_count ? m->entity_count : 1, sizeof *b.ents);
    b.evs = calloc(m->event_count ? m->event_count : 1, sizeof *b.evs);
    if (!b.ents || !b.evs)
        b.failed = 1;
    if (m->entity_count < 100000)
        b.rows = calloc(m->entity_count * DOSSIER_ROLE_COUNT + 1, sizeof *b.rows);
    /* Sharing is an optimisation: without these tables rows are built
     * one by one, so their allocation failing is no error. */
    b.lrows_cap = 1024;
    b.lrows = calloc(b.lrows_cap, sizeof *b.lrows);
    b.speakers = calloc(m->person_count + 1, sizeof *b.speakers);
    b.prefs = calloc(m->person_count + 1, sizeof *b.prefs);
    for (i = 0; !b.failed && i < m->entity_count; i++)
        make_ent_vals(&b, m->entities[i], &b.ents[i]);
    for (i = 0; !b.failed && i < m->event_count; i++) {
        str(&b, &b.evs[i].id, m->events[i]->id);
        str(&b, &b.evs[i].title, m->events[i]->title);
        date(&b, &b.evs[i].start, m->events[i]->start);
    }
    root = &d->root;
    obj_begin(&b, root, &o, 14);
    num(key(&o, "format"), m->format ? m->format : DOSSIER_FORMAT_VERSION, NULL);
    str(&b, key(&o, "title"), m->title);
    str(&b, key(&o, "subtitle"), m->subtitle);
    str(&b, key(&o, "prepared_by"), m->prepared_by ? m->prepared_by
                                    : m->prepared_by_entity ? m->prepared_by_entity->name
                                                            : NULL);
    str(&b, key(&o, "prepared_by_entity"),
        m->prepared_by_entity ? m->prepared_by_entity->id : NULL);
    str(&b, key(&o, "classification"), m->classification);
    str(&b, key(&o, "language"), m->language ? m->language : "en");
    date(&b, key(&o, "as_of"), m->as_of);
    period = key(&o, "period");
    obj_begin(&b, period, &po, 3);
    date(&b, key(&po, "start"), m->period_start);
    date(&b, key(&po, "end"), m->period_end);
    str_owned(key(&po, "text"), b.failed ? NULL
              : dossier_human_dates(b.a, m->period_start, m->period_end));
    obj_end(period, &po);
    count(&b, key(&o, "event_count"), (long)m->event_count);
    entities(&b, key(&o, "entities"), m);
    people(&b, key(&o, "people"), m);
    items = array(&b, key(&o, "events"), m->event_count);
    for (i = 0; items && i < m->event_count; i++)
        event(&b, &items[i], m->events[i], i);
    obj_end(root, &o);
    free(b.ents);
    free(b.evs);
    free(b.rows);
    free(b.lrows);
    free(b.speakers);
    free(b.prefs);
    if (b.failed) {
        dossier_data_free(d);
        return DOSSIER_ERR_NOMEM;
    }
    *out = d;
    return DOSSIER_OK;
}
