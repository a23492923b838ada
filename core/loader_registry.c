/* loader_registry.c - dossier.yaml (collection metadata, entities, people)
 * and resolution of entity, person and country references.
 *
 * Entities resolve by declared id first, then as ISO 3166-1 alpha-2 codes,
 * which create an implicit state entity on first use. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "countries_internal.h"
#include "loader_internal.h"

static const char *const collection_keys[] = {
    "format", "title", "subtitle", "prepared_by", "classification", "language",
    "date", "entities", "people", NULL};
static const char *const entity_keys[] = {
    "id", "name", "short", "kind", "parent", "country", "url", NULL};
static const char *const person_keys[] = {
    "id", "name", "honorific", "position", "entity", "email", "phone", NULL};

/* ---- countries ---- */

/* "did you mean" for a bad country code or name; NULL when nothing is close. */
static const char *country_hint(dossier_loader *L, const char *word)
{
    char up[8], buf[200];
    const dossier_country *c;
    const dossier_country *best = NULL;
    size_t i, len = strlen(word), bestd, max;
    if (len == 2) {
        up[0] = (char)toupper((unsigned char)word[0]);
        up[1] = (char)toupper((unsigned char)word[1]);
        up[2] = '\0';
        if ((c = dossier_country_find(up)) != NULL) {
            snprintf(buf, sizeof(buf), "did you mean '%s'? Country codes are upper case", up);
            return dossier_ld_strdup(L, buf);
        }
    }
    if (len < 3 || !dossier_ld_hint_afford(L, 400))
        return NULL;
    max = len <= 6 ? 1 : len <= 10 ? 2 : 3;
    bestd = max + 1;
    for (i = 0; (c = dossier_country_at(i)) != NULL; i++) {
        size_t d = dossier_edit_distance(word, c->name, max);
        if (d < bestd) {
            bestd = d;
            best = c;
        }
        if (c->other) { /* "A | B": compare each alternative */
            const char *p = c->other;
            while (*p) {
                const char *e = strstr(p, " | ");
                size_t n = e ? (size_t)(e - p) : strlen(p);
                char alt[128];
                if (n < sizeof(alt)) {
                    memcpy(alt, p, n);
                    alt[n] = '\0';
                    d = dossier_edit_distance(word, alt, max);
                    if (d < bestd) {
                        bestd = d;
                        best = c;
                    }
                }
                p += n;
                if (e)
                    p += 3;
            }
        }
    }
    if (!best)
        return NULL;
    snprintf(buf, sizeof(buf), "did you mean '%s' for %s?", best->code, best->name);
    return dossier_ld_strdup(L, buf);
}

const char *dossier_ld_country(dossier_loader *L, const dossier_ynode *map, const char *key)
{
    const dossier_ynode *n = dossier_ynode_get(map, key);
    const char *s = dossier_ld_scalar_text(L, n, key);
    if (!s)
        return NULL;
    if (dossier_country_find(s))
        return s;
    dossier_ld_error(L, n, country_hint(L, s),
                     "'%s' is not an ISO 3166-1 alpha-2 country code", s);
    return NULL;
}

/* ---- entities ---- */

static dossier_entity *new_entity(dossier_loader *L, const char *id, const dossier_ynode *at)
{
    dossier_entity *e = dossier_ld_alloc(L, sizeof(*e));
    if (!e)
        return NULL;
    e->id = id;
    e->pos = dossier_ld_pos(L, at);
    return e;
}

const dossier_entity *dossier_ld_entity_lookup(dossier_loader *L, const char *id,
                                               const dossier_ynode *at)
{
    dossier_entity *e = dossier_strmap_get(&L->entity_ids, id);
    const dossier_country *c;
    if (e)
        return e;
    if ((c = dossier_country_find(id)) == NULL)
        return NULL;
    if (!(e = new_entity(L, dossier_ld_strdup(L, c->code), at)))
        return NULL;
    e->name = c->name;
    e->kind = DOSSIER_ENTITY_STATE;
    e->country = e->id;
    e->implicit = 1;
    if (!e->id || dossier_strmap_put(&L->entity_ids, e->id, e) != 0 ||
        dossier_ptrvec_push(&L->implicit, e) != 0) {
        L->nomem = 1;
        return NULL;
    }
    return e;
}

/* Registers a declared entity; reports a duplicate id. */
static int declare_entity(dossier_loader *L, dossier_entity *e, const dossier_ynode *idnode)
{
    const dossier_entity *old = dossier_strmap_get(&L->entity_ids, e->id);
    if (old) {
        dossier_ld_error(L, idnode, NULL, "duplicate entity id '%s' (first declared at %s:%u)",
                         e->id, old->pos.file ? old->pos.file : "?", old->pos.line);
        return -1;
    }
    if (dossier_strmap_put(&L->entity_ids, e->id, e) != 0 ||
        dossier_ptrvec_push(&L->declared, e) != 0) {
        L->nomem = 1;
        return -1;
    }
    return 0;
}

static const char *const entity_kinds[DOSSIER_ENTITY_KIND_COUNT] = {
    "state", "international-organization", "regional-organization",
    "government-body", "field-operation", "un-entity", "ngo", "other"};

/* Fills the fields an entity mapping shares with inline entities. */
static void entity_fields(dossier_loader *L, dossier_entity *e, const dossier_ynode *map)
{
    const dossier_country *iso = e->id ? dossier_country_find(e->id) : NULL;
    const char *name = dossier_ld_text(L, map, "name");
    e->name = name ? name : iso ? iso->name : NULL;
    if (!e->name)
        dossier_ld_error(L, map, NULL, "missing required key 'name' in entity '%s'",
                         e->id ? e->id : "?");
    e->short_name = dossier_ld_text(L, map, "short");
    e->kind = (dossier_entity_kind)dossier_ld_enum(
        L, map, "kind", "entity kind", entity_kinds, DOSSIER_ENTITY_KIND_COUNT,
        iso ? DOSSIER_ENTITY_STATE : DOSSIER_ENTITY_OTHER);
    e->country = dossier_ld_country(L, map, "country");
    if (!e->country && iso && e->kind == DOSSIER_ENTITY_STATE)
        e->country = iso->code;
    e->url = dossier_ld_text(L, map, "url");
}

/* Resolves `parent` fields once every entity of the registry is declared,
 * and rejects parent chains that loop. */
static void resolve_parents(dossier_loader *L, dossier_entity **ents,
                            const dossier_ynode **parents, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const dossier_entity *p;
        if (!parents[i])
            continue;
        p = dossier_ld_entity_ref(L, parents[i], "parent");
        if (p)
            ents[i]->parent = p;
    }
    for (i = 0; i < n; i++) {
        const dossier_entity *p = ents[i]->parent;
        size_t steps = 0;
        while (p && p != ents[i] && steps++ <= n)
            p = p->parent;
        if (p == ents[i]) {
            dossier_ld_error(L, parents[i], NULL,
                             "entity '%s' is its own ancestor (the 'parent' chain loops)",
                             ents[i]->id);
            ents[i]->parent = NULL;
        }
    }
}

static void registry_entities(dossier_loader *L, const dossier_ynode *list)
{
    dossier_entity **ents;
    const dossier_ynode **parents;
    size_t i, n = 0;
    if (!list || dossier_ynode_is_null(list))
        return;
    if (list->kind != DOSSIER_YNODE_SEQUENCE) {
        dossier_ld_error(L, list, NULL, "expected a list for 'entities', found %s",
                         dossier_ynode_kind_text(list));
        return;
    }
    ents = calloc(list->len + 1, sizeof(*ents));
    parents = calloc(list->len + 1, sizeof(*parents));
    if (!ents || !parents) {
        L->nomem = 1;
        free(ents);
        free(parents);
        return;
    }
    for (i = 0; i < list->len; i++) {
        const dossier_ynode *map = list->items[i];
        const dossier_ynode *idn;
        dossier_entity *e;
        const char *id;
        if (!dossier_ld_expect_map(L, map, "entities"))
            continue;
        dossier_ld_check_keys(L, map, entity_keys, "an entity");
        idn = dossier_ynode_get(map, "id");
        id = dossier_ld_id(L, idn ? idn : map, "entity");
        if (!id || !(e = new_entity(L, id, map)))
            continue;
        entity_fields(L, e, map);
        if (!e->name || declare_entity(L, e, idn) != 0)
            continue;
        ents[n] = e;
        parents[n] = dossier_ynode_get(map, "parent");
        if (parents[n] && dossier_ynode_is_null(parents[n]))
            parents[n] = NULL;
        n++;
    }
    resolve_parents(L, ents, parents, n);
    free(ents);
    free(parents);
}

/* "osce-po" from "OSCE Programme Office": lower-case ASCII words joined by
 * '-', for inline entities written without an id. */
static const char *slug(dossier_loader *L, const char *name)
{
    size_t n = strlen(name), i, o = 0;
    char *s = dossier_arena_alloc(L->arena, n + 2);
    if (!s) {
        L->nomem = 1;
        return NULL;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (isalnum(c) || c >= 0x80)
            s[o++] = (char)tolower(c);
        else if (o > 0 && s[o - 1] != '-')
            s[o++] = '-';
    }
    while (o > 0 && s[o - 1] == '-')
        o--;
    if (o == 0)
        s[o++] = '_';
    s[o] = '\0';
    return s;
}

/* An entity written inline: {name:, short:, kind:, country:, url:, id:}.
 * It joins the declared entities; writing the same one again (same id, or
 * same name when no id) reuses it. */
static const dossier_entity *inline_entity(dossier_loader *L, const dossier_ynode *map)
{
    const dossier_ynode *idn = dossier_ynode_get(map, "id");
    const char *name = dossier_ld_text(L, map, "name");
    const char *id;
    dossier_entity *e, *old;
    dossier_ld_check_keys(L, map, entity_keys, "an inline entity");
    if (!name) {
        dossier_ld_error(L, map, NULL, "missing required key 'name' in an inline entity");
        return NULL;
    }
    id = (idn && !dossier_ynode_is_null(idn)) ? dossier_ld_id(L, idn, "entity") : slug(L, name);
    if (!id)
        return NULL;
    old = dossier_strmap_get(&L->entity_ids, id);
    if (old && !old->implicit && strcmp(old->name, name) == 0)
        return old;
    if (!(e = new_entity(L, id, map)))
        return NULL;
    entity_fields(L, e, map);
    e->name = name;
    if (dossier_ynode_get(map, "parent")) {
        const dossier_entity *p = dossier_ld_entity_ref(L, dossier_ynode_get(map, "parent"),
                                                        "parent");
        e->parent = p;
    }
    if (declare_entity(L, e, idn ? idn : map) != 0)
        return NULL;
    return e;
}

static const char *entity_hint(dossier_loader *L, const char *id)
{
    const char *h = country_hint(L, id);
    char buf[200];
    if (h && strncmp(h, "did you mean '", 14) == 0 && strlen(id) == 2)
        return h;
    if (dossier_ld_hint_afford(L, L->declared.count)) {
        const char *pick;
        size_t i;
        const char **ids = malloc(L->declared.count * sizeof(*ids));
        if (ids) {
            for (i = 0; i < L->declared.count; i++)
                ids[i] = ((dossier_entity *)L->declared.items[i])->id;
            pick = dossier_closest(id, ids, L->declared.count);
            if (pick) {
                snprintf(buf, sizeof(buf), "did you mean '%s'?", pick);
                free(ids);
                return dossier_ld_strdup(L, buf);
            }
            free(ids);
        }
    }
    if (h)
        return h;
    return "declare it under 'entities' in dossier.yaml, or use an ISO country code";
}

const dossier_entity *dossier_ld_entity_ref(dossier_loader *L, const dossier_ynode *n,
                                            const char *key)
{
    const dossier_entity *e;
    if (!n || dossier_ynode_is_null(n))
        return NULL;
    if (n->kind == DOSSIER_YNODE_MAPPING)
        return inline_entity(L, n);
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected an entity id for '%s', found %s", key,
                         dossier_ynode_kind_text(n));
        return NULL;
    }
    if ((e = dossier_ld_entity_lookup(L, n->text, n)) != NULL)
        return e;
    if (!L->nomem)
        dossier_ld_error(L, n, entity_hint(L, n->text), "unknown entity '%s'", n->text);
    return NULL;
}

/* ---- people ---- */

static void person_fields(dossier_loader *L, dossier_person *p, const dossier_ynode *map)
{
    p->honorific = dossier_ld_text(L, map, "honorific");
    p->position = dossier_ld_text(L, map, "position");
    p->entity = dossier_ld_entity_ref(L, dossier_ynode_get(map, "entity"), "entity");
    p->email = dossier_ld_text(L, map, "email");
    p->phone = dossier_ld_text(L, map, "phone");
    p->pos = dossier_ld_pos(L, map);
}

static void registry_people(dossier_loader *L, const dossier_ynode *list)
{
    size_t i;
    if (!list || dossier_ynode_is_null(list))
        return;
    if (list->kind != DOSSIER_YNODE_SEQUENCE) {
        dossier_ld_error(L, list, NULL, "expected a list for 'people', found %s",
                         dossier_ynode_kind_text(list));
        return;
    }
    for (i = 0; i < list->len; i++) {
        const dossier_ynode *map = list->items[i], *idn;
        const dossier_person *old;
        dossier_person *p;
        const char *id;
        if (!dossier_ld_expect_map(L, map, "people"))
            continue;
        dossier_ld_check_keys(L, map, person_keys, "a person");
        idn = dossier_ynode_get(map, "id");
        id = dossier_ld_id(L, idn ? idn : map, "person");
        if (!(p = dossier_ld_alloc(L, sizeof(*p))))
            return;
        p->id = id;
        p->name = dossier_ld_required_text(L, map, "name", "a person");
        person_fields(L, p, map);
        if (!id || !p->name)
            continue;
        if ((old = dossier_strmap_get(&L->person_ids, id)) != NULL) {
            dossier_ld_error(L, idn, NULL, "duplicate person id '%s' (first declared at %s:%u)",
                             id, old->pos.file, old->pos.line);
            continue;
        }
        if (dossier_strmap_put(&L->person_ids, id, p) != 0 ||
            dossier_ptrvec_push(&L->people, p) != 0)
            L->nomem = 1;
    }
}

const dossier_person *dossier_ld_person_ref(dossier_loader *L, const dossier_ynode *n,
                                            const char *key)
{
    const dossier_person *p;
    char buf[200];
    if (!n || dossier_ynode_is_null(n))
        return NULL;
    if (n->kind == DOSSIER_YNODE_MAPPING) {
        dossier_person *q = dossier_ld_alloc(L, sizeof(*q));
        if (!q)
            return NULL;
        dossier_ld_check_keys(L, n, person_keys + 1, "an inline person");
        q->name = dossier_ld_required_text(L, n, "name", "an inline person");
        person_fields(L, q, n);
        q->index = (size_t)-1;
        return q->name ? q : NULL;
    }
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected a person id or {name: ...} for '%s', found %s",
                         key, dossier_ynode_kind_text(n));
        return NULL;
    }
    if ((p = dossier_strmap_get(&L->person_ids, n->text)) != NULL)
        return p;
    if (dossier_ld_hint_afford(L, L->people.count)) {
        const char **ids = malloc(L->people.count * sizeof(*ids));
        const char *pick = NULL;
        size_t i;
        if (ids) {
            for (i = 0; i < L->people.count; i++)
                ids[i] = ((dossier_person *)L->people.items[i])->id;
            pick = dossier_closest(n->text, ids, L->people.count);
            if (pick)
                snprintf(buf, sizeof(buf), "did you mean '%s'?", pick);
            free(ids);
        }
        if (pick) {
            dossier_ld_error(L, n, buf, "unknown person '%s'", n->text);
            return NULL;
        }
    }
    dossier_ld_error(L, n,
                     "declare it under 'people' in dossier.yaml, or write it inline as "
                     "{name: ..., position: ...}",
                     "unknown person '%s'", n->text);
    return NULL;
}

/* ---- dossier.yaml ---- */

/* `format` must be 1; a missing format means 1. */
void dossier_ld_format(dossier_loader *L, const dossier_ynode *map)
{
    const dossier_ynode *n = dossier_ynode_get(map, "format");
    if (!n || dossier_ynode_is_null(n))
        return;
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, "this version of Dossier reads format 1",
                         "expected the format version number for 'format', found %s",
                         dossier_ynode_kind_text(n));
        return;
    }
    if (strcmp(n->text, "1") != 0)
        dossier_ld_error(L, n, NULL,
                         "unsupported format '%s': this version of Dossier reads format 1",
                         n->text);
}

void dossier_ld_registry(dossier_loader *L, const dossier_ynode *root)
{
    dossier_model *m = &L->m->pub;
    const dossier_ynode *n;
    int first = !L->meta_seen;
    if (!root || dossier_ynode_is_null(root))
        return;
    if (root->kind != DOSSIER_YNODE_MAPPING) {
        dossier_ld_error(L, root, NULL,
                         "expected a mapping of dossier fields (format, title, entities...), "
                         "found %s",
                         dossier_ynode_kind_text(root));
        return;
    }
    L->meta_seen = 1;
    dossier_ld_check_keys(L, root, collection_keys, "dossier.yaml");
    dossier_ld_format(L, root);
    /* Entities first: people and prepared_by refer to them. */
    registry_entities(L, dossier_ynode_get(root, "entities"));
    registry_people(L, dossier_ynode_get(root, "people"));
    if (!first)
        return; /* a second dossier folder adds to the registry only */
    m->title = dossier_ld_text(L, root, "title");
    m->subtitle = dossier_ld_text(L, root, "subtitle");
    m->classification = dossier_ld_text(L, root, "classification");
    m->language = dossier_ld_text(L, root, "language");
    dossier_ld_date(L, root, "date", &m->as_of);
    n = dossier_ynode_get(root, "prepared_by");
    if ((m->prepared_by = dossier_ld_scalar_text(L, n, "prepared_by")) != NULL) {
        /* An entity id (or ISO code) links to the entity; anything else is text. */
        const dossier_entity *e = dossier_ld_entity_lookup(L, m->prepared_by, n);
        if (e) {
            m->prepared_by_entity = e;
            m->prepared_by = e->name;
        }
    }
}
