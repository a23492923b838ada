/* loader_event_parts.c - an event's structured lists: organizers and
 * participants, statements, outcomes, figures, contacts, sources. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data_internal.h"
#include "loader_internal.h"

static const char *const part_keys[] = {"entity", "role", "level", "note", "people", NULL};
static const char *const statement_keys[] = {"person", "medium", "text", "context", NULL};
static const char *const outcome_keys[] = {"kind", "title", "adopted", "summary", "url", NULL};
static const char *const figure_keys[] = {"label", "value", "unit", "year", "note", NULL};
static const char *const contact_keys[] = {
    "name", "person", "entity", "role", "email", "phone", "city", NULL};
static const char *const source_keys[] = {"title", "publisher", "published", "url", NULL};

static const char *const role_names[DOSSIER_ROLE_COUNT] = {
    "host", "organizer", "co-organizer", "supporter", "partner",
    "delegation", "speaker", "chair", "observer", "participant"};
static const char *const outcome_kinds[DOSSIER_OUTCOME_KIND_COUNT] = {
    "declaration", "agreement", "report", "other"};

/* ---- organizers / participants ---- */

/* Checks one role spelling against the organizer or participant set. */
static int role_of(dossier_loader *L, const dossier_ynode *n, int organizers)
{
    const char *const *set = organizers ? role_names : role_names + DOSSIER_ROLE_DELEGATION;
    int base = organizers ? 0 : DOSSIER_ROLE_DELEGATION, i;
    const char *list = organizers ? "host, organizer, co-organizer, supporter, partner"
                                  : "delegation, speaker, chair, observer, participant";
    char hint[200];
    if (n->kind != DOSSIER_YNODE_SCALAR || dossier_ynode_is_null(n)) {
        dossier_ld_error(L, n, NULL, "expected a role for 'role', found %s",
                         dossier_ynode_kind_text(n));
        return -1;
    }
    for (i = 0; i < 5; i++)
        if (strcmp(n->text, set[i]) == 0)
            return base + i;
    for (i = 0; i < DOSSIER_ROLE_COUNT; i++)
        if (strcmp(n->text, role_names[i]) == 0) {
            snprintf(hint, sizeof(hint), "%s take: %s",
                     organizers ? "organizers" : "participants", list);
            dossier_ld_error(L, n, hint, "'%s' is %s role, not %s role", n->text,
                             organizers ? "a participant" : "an organizer",
                             organizers ? "an organizer" : "a participant");
            return -1;
        }
    {
        const char *pick = dossier_closest(n->text, set, 5);
        if (pick)
            snprintf(hint, sizeof(hint), "did you mean '%s'?", pick);
        else
            snprintf(hint, sizeof(hint), "%s take: %s",
                     organizers ? "organizers" : "participants", list);
    }
    dossier_ld_error(L, n, hint, "unknown %s role '%s'",
                     organizers ? "organizer" : "participant", n->text);
    return -1;
}

/* The people named in one participation item (read once, shared by the
 * rows of every role the item lists). A single reference counts as a
 * one-item list; a person named twice is a warning and is kept once. */
typedef struct part_people {
    const dossier_person **items;
    size_t count;
} part_people;

static part_people people_of(dossier_loader *L, const dossier_ynode *map)
{
    part_people pp = {NULL, 0};
    const dossier_ynode *n = dossier_ynode_get(map, "people");
    size_t i, j, len;
    if (!n || dossier_ynode_is_null(n))
        return pp;
    if (n->kind == DOSSIER_YNODE_MAPPING) {
        dossier_ld_error(L, n, "write people: [id, ...] or people: [{name: ..., position: ...}]",
                         "expected a list for 'people', found %s", dossier_ynode_kind_text(n));
        return pp;
    }
    len = n->kind == DOSSIER_YNODE_SEQUENCE ? n->len : 1;
    if (len == 0 || !(pp.items = dossier_ld_alloc(L, len * sizeof(*pp.items))))
        return pp;
    for (i = 0; i < len; i++) {
        const dossier_ynode *it = n->kind == DOSSIER_YNODE_SEQUENCE ? n->items[i] : n;
        const dossier_person *p;
        if (dossier_ynode_is_null(it)) {
            dossier_ld_error(L, it, NULL, "expected a person id or {name: ...} in 'people', found null");
            continue;
        }
        if (!(p = dossier_ld_person_ref(L, it, "people")))
            continue;
        for (j = 0; j < pp.count; j++)
            if (pp.items[j] == p || (p->id && pp.items[j]->id && strcmp(pp.items[j]->id, p->id) == 0))
                break;
        if (j < pp.count) {
            dossier_ld_warning(L, it, NULL, "'%s' is already listed in this participation",
                               p->id ? p->id : p->name);
            continue;
        }
        pp.items[pp.count++] = p;
    }
    return pp;
}

static void add_part(dossier_loader *L, dossier_participation **rows, size_t *count,
                     const dossier_entity *e, int role, const dossier_ynode *map,
                     const dossier_ynode *at, part_people who)
{
    dossier_participation *p;
    size_t i;
    for (i = 0; i < *count; i++)
        if (rows[i]->entity == e && (int)rows[i]->role == role) {
            dossier_ld_warning(L, at, NULL, "'%s' is already listed as %s in this event",
                               e->id, role_names[role]);
            return;
        }
    if (!(p = dossier_ld_alloc(L, sizeof(*p))))
        return;
    p->entity = e;
    p->role = (dossier_role)role;
    if (map) {
        p->level = dossier_ld_text(L, map, "level");
        p->note = dossier_ld_text(L, map, "note");
    }
    if (who.count) {
        p->people = (const dossier_person *const *)who.items;
        p->person_count = who.count;
    }
    p->pos = dossier_ld_pos(L, at);
    rows[(*count)++] = p;
}

void dossier_ld_participations(dossier_loader *L, const dossier_ynode *map,
                               const char *key, int organizers, dossier_event *ev)
{
    const dossier_ynode *list = dossier_ld_list(L, map, key);
    const char *what = organizers ? "an organizer" : "a participant";
    dossier_participation **rows;
    size_t i, j, max = 0, count = 0;
    if (!list)
        return;
    for (i = 0; i < list->len; i++) {
        const dossier_ynode *r = dossier_ynode_get(list->items[i], "role");
        max += (r && r->kind == DOSSIER_YNODE_SEQUENCE) ? r->len : 1;
    }
    if (!(rows = dossier_ld_alloc(L, max * sizeof(*rows))))
        return;
    for (i = 0; i < list->len; i++) {
        const dossier_ynode *it = list->items[i], *en, *rn;
        const dossier_entity *e;
        part_people who = {NULL, 0};
        int dflt = organizers ? DOSSIER_ROLE_ORGANIZER : DOSSIER_ROLE_PARTICIPANT;
        if (it->kind == DOSSIER_YNODE_SCALAR) { /* shorthand: "- unoct" */
            if ((e = dossier_ld_entity_ref(L, it, key)) != NULL)
                add_part(L, rows, &count, e, dflt, NULL, it, who);
            continue;
        }
        if (it->kind != DOSSIER_YNODE_MAPPING) {
            dossier_ld_error(L, it, NULL, "expected an entity id or {entity:, role:} in '%s', found %s",
                             key, dossier_ynode_kind_text(it));
            continue;
        }
        dossier_ld_check_keys(L, it, part_keys, what);
        en = dossier_ynode_get(it, "entity");
        if (!en || dossier_ynode_is_null(en)) {
            dossier_ld_error(L, it, NULL, "missing required key 'entity' in %s", what);
            continue;
        }
        e = dossier_ld_entity_ref(L, en, "entity");
        who = people_of(L, it);
        rn = dossier_ynode_get(it, "role");
        if (!rn || dossier_ynode_is_null(rn)) {
            if (e)
                add_part(L, rows, &count, e, dflt, it, it, who);
        } else if (rn->kind == DOSSIER_YNODE_SEQUENCE) { /* several roles at once */
            for (j = 0; j < rn->len; j++) {
                int role = role_of(L, rn->items[j], organizers);
                if (e && role >= 0)
                    add_part(L, rows, &count, e, role, it, rn->items[j], who);
            }
        } else {
            int role = role_of(L, rn, organizers);
            if (e && role >= 0)
                add_part(L, rows, &count, e, role, it, it, who);
        }
    }
    if (organizers) {
        ev->organizers = (const dossier_participation *const *)rows;
        ev->organizer_count = count;
    } else {
        ev->participants = (const dossier_participation *const *)rows;
        ev->participant_count = count;
    }
}

/* Iterates the mappings of a list-valued key; reports non-mapping items. */
#define FOR_EACH_MAP(L, list, key, it, i)                                           \
    for (i = 0; list && i < list->len; i++)                                         \
        if (!dossier_ld_expect_map(L, (it = list->items[i]), key)) {                \
        } else

/* ---- statements ---- */

void dossier_ld_statements(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *list = dossier_ld_list(L, map, "statements"), *it;
    dossier_statement **rows;
    size_t i, n = 0;
    if (!list || !(rows = dossier_ld_alloc(L, list->len * sizeof(*rows))))
        return;
    FOR_EACH_MAP(L, list, "statements", it, i)
    {
        dossier_statement *s = dossier_ld_alloc(L, sizeof(*s));
        const dossier_ynode *pn = dossier_ynode_get(it, "person");
        if (!s)
            return;
        dossier_ld_check_keys(L, it, statement_keys, "a statement");
        if (!pn || dossier_ynode_is_null(pn))
            dossier_ld_error(L, it, NULL, "missing required key 'person' in a statement");
        s->speaker = dossier_ld_person_ref(L, pn, "person");
        s->medium = dossier_ld_text(L, it, "medium");
        s->text = dossier_ld_required_text(L, it, "text", "a statement");
        s->context = dossier_ld_text(L, it, "context");
        s->pos = dossier_ld_pos(L, it);
        if (s->speaker && s->text)
            rows[n++] = s;
    }
    ev->statements = (const dossier_statement *const *)rows;
    ev->statement_count = n;
}

/* ---- outcomes ---- */

void dossier_ld_outcomes(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *list = dossier_ld_list(L, map, "outcomes"), *it;
    dossier_outcome **rows;
    size_t i, n = 0;
    if (!list || !(rows = dossier_ld_alloc(L, list->len * sizeof(*rows))))
        return;
    FOR_EACH_MAP(L, list, "outcomes", it, i)
    {
        dossier_outcome *o = dossier_ld_alloc(L, sizeof(*o));
        if (!o)
            return;
        dossier_ld_check_keys(L, it, outcome_keys, "an outcome");
        o->kind = (dossier_outcome_kind)dossier_ld_enum(L, it, "kind", "outcome kind",
                                                       outcome_kinds,
                                                       DOSSIER_OUTCOME_KIND_COUNT,
                                                       DOSSIER_OUTCOME_OTHER);
        o->title = dossier_ld_required_text(L, it, "title", "an outcome");
        dossier_ld_date(L, it, "adopted", &o->adopted);
        o->summary = dossier_ld_text(L, it, "summary");
        o->url = dossier_ld_text(L, it, "url");
        o->pos = dossier_ld_pos(L, it);
        if (o->title)
            rows[n++] = o;
    }
    ev->outcomes = (const dossier_outcome *const *)rows;
    ev->outcome_count = n;
}

/* ---- figures ---- */

/* A figure's value: a number as written (193000, 1.5, -3, 2.5e6). */
static int figure_value(dossier_loader *L, const dossier_ynode *it, dossier_figure *f)
{
    const dossier_ynode *n = dossier_ynode_get(it, "value");
    if (!n || dossier_ynode_is_null(n)) {
        dossier_ld_error(L, n ? n : it, NULL, "missing required key 'value' in a figure");
        return 0;
    }
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected a number for 'value', found %s",
                         dossier_ynode_kind_text(n));
        return 0;
    }
    if (!dossier_is_json_number(n->text, n->len)) {
        dossier_ld_error(L, n,
                         strchr(n->text, ',') ? "write numbers without thousands separators"
                                              : "put words in 'unit' or 'note'",
                         "expected a number for 'value', found '%s'", n->text);
        return 0;
    }
    f->value = strtod(n->text, NULL);
    f->value_text = dossier_ld_strdup(L, n->text);
    return f->value_text != NULL;
}

void dossier_ld_figures(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *list = dossier_ld_list(L, map, "figures"), *it;
    dossier_figure **rows;
    size_t i, n = 0;
    if (!list || !(rows = dossier_ld_alloc(L, list->len * sizeof(*rows))))
        return;
    FOR_EACH_MAP(L, list, "figures", it, i)
    {
        dossier_figure *f = dossier_ld_alloc(L, sizeof(*f));
        int ok;
        if (!f)
            return;
        dossier_ld_check_keys(L, it, figure_keys, "a figure");
        f->label = dossier_ld_required_text(L, it, "label", "a figure");
        ok = figure_value(L, it, f);
        f->unit = dossier_ld_text(L, it, "unit");
        f->year = dossier_ld_text(L, it, "year");
        f->note = dossier_ld_text(L, it, "note");
        f->pos = dossier_ld_pos(L, it);
        if (f->label && ok)
            rows[n++] = f;
    }
    ev->figures = (const dossier_figure *const *)rows;
    ev->figure_count = n;
}

/* ---- contacts ---- */

void dossier_ld_contacts(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *list = dossier_ld_list(L, map, "contacts"), *it;
    dossier_contact **rows;
    size_t i, n = 0;
    if (!list || !(rows = dossier_ld_alloc(L, list->len * sizeof(*rows))))
        return;
    FOR_EACH_MAP(L, list, "contacts", it, i)
    {
        dossier_contact *c = dossier_ld_alloc(L, sizeof(*c));
        const dossier_ynode *pn = dossier_ynode_get(it, "person");
        if (!c)
            return;
        dossier_ld_check_keys(L, it, contact_keys, "a contact");
        c->person = (pn && !dossier_ynode_is_null(pn))
                        ? dossier_ld_person_ref(L, pn, "person") : NULL;
        c->name = dossier_ld_text(L, it, "name");
        c->entity = dossier_ld_entity_ref(L, dossier_ynode_get(it, "entity"), "entity");
        c->role = dossier_ld_text(L, it, "role");
        c->email = dossier_ld_text(L, it, "email");
        c->phone = dossier_ld_text(L, it, "phone");
        c->city = dossier_ld_text(L, it, "city");
        c->pos = dossier_ld_pos(L, it);
        /* A contact naming a registry person inherits what it leaves out. */
        if (c->person) {
            if (!c->name)
                c->name = c->person->name;
            if (!c->entity)
                c->entity = c->person->entity;
            if (!c->email)
                c->email = c->person->email;
            if (!c->phone)
                c->phone = c->person->phone;
        }
        if (!c->name) {
            if (!pn)
                dossier_ld_error(L, it, NULL, "missing required key 'name' in a contact");
            continue;
        }
        rows[n++] = c;
    }
    ev->contacts = (const dossier_contact *const *)rows;
    ev->contact_count = n;
}

/* ---- sources ---- */

void dossier_ld_sources(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *list = dossier_ld_list(L, map, "sources"), *it;
    dossier_source **rows;
    size_t i, n = 0;
    if (!list || !(rows = dossier_ld_alloc(L, list->len * sizeof(*rows))))
        return;
    FOR_EACH_MAP(L, list, "sources", it, i)
    {
        dossier_source *s = dossier_ld_alloc(L, sizeof(*s));
        const dossier_ynode *pn = dossier_ynode_get(it, "publisher");
        if (!s)
            return;
        dossier_ld_check_keys(L, it, source_keys, "a source");
        s->title = dossier_ld_required_text(L, it, "title", "a source");
        /* An entity id (or ISO code) links the publisher; else it is text. */
        if ((s->publisher = dossier_ld_scalar_text(L, pn, "publisher")) != NULL) {
            const dossier_entity *e = dossier_ld_entity_lookup(L, s->publisher, pn);
            if (e) {
                s->publisher_entity = e;
                s->publisher = e->name;
            }
        }
        dossier_ld_date(L, it, "published", &s->published);
        s->url = dossier_ld_text(L, it, "url");
        s->pos = dossier_ld_pos(L, it);
        if (s->title)
            rows[n++] = s;
    }
    ev->sources = (const dossier_source *const *)rows;
    ev->source_count = n;
}
