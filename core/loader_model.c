/* loader_model.c - finishing a loaded model (related events, order,
 * indexes, collection defaults), lookups by id, and freeing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_internal.h"
#include "loader_internal.h"

static int event_order(const void *pa, const void *pb)
{
    const dossier_event *a = *(const dossier_event *const *)pa;
    const dossier_event *b = *(const dossier_event *const *)pb;
    int c = dossier_date_compare(a->start, b->start);
    if (c)
        return c;
    if ((c = dossier_date_compare(a->end, b->end)) != 0)
        return c;
    return strcmp(a->id, b->id);
}

/* All three object types start their struct with `const char *id`. */
static int id_order(const void *pa, const void *pb)
{
    const char *a = **(const char *const *const *)pa;
    const char *b = **(const char *const *const *)pb;
    return strcmp(a, b);
}

static void resolve_related(dossier_loader *L)
{
    size_t i;
    for (i = 0; i < L->pending.count; i++) {
        dossier_pending_ref *r = L->pending.items[i];
        dossier_event *target = dossier_strmap_get(&L->event_ids, r->id);
        if (target == r->event) {
            dossier_diags_add(L->diags, DOSSIER_SEV_WARNING, r->pos.file, r->pos.line,
                              r->pos.col, NULL, "event '%s' lists itself as related", r->id);
            continue;
        }
        if (!target) {
            const char *pick = NULL;
            char hint[200];
            if (dossier_ld_hint_afford(L, L->events.count)) {
                const char **ids = malloc(L->events.count * sizeof(*ids));
                size_t j;
                if (ids) {
                    for (j = 0; j < L->events.count; j++)
                        ids[j] = ((dossier_event *)L->events.items[j])->id;
                    pick = dossier_closest(r->id, ids, L->events.count);
                    if (pick)
                        snprintf(hint, sizeof(hint), "did you mean '%s'?", pick);
                    free(ids);
                }
            }
            dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, r->pos.file, r->pos.line, r->pos.col,
                              pick ? hint : NULL, "unknown related event '%s'", r->id);
            continue;
        }
        ((const dossier_event **)r->event->related)[r->event->related_count++] = target;
    }
}

/* Copies a pointer vector into the arena; `out` gets the array. */
static void **vec_copy(dossier_loader *L, void *const *items, size_t n)
{
    void **a = dossier_ld_alloc(L, (n ? n : 1) * sizeof(*a));
    if (a && n)
        memcpy(a, items, n * sizeof(*a));
    return a;
}

int dossier_ld_finish(dossier_loader *L)
{
    dossier_model_impl *mi = L->m;
    dossier_model *m = &mi->pub;
    dossier_entity **ents;
    dossier_event **evs;
    dossier_person **people;
    size_t i, ne = L->declared.count + L->implicit.count;
    resolve_related(L);
    /* Entities: declared in registry order, then implicit countries. */
    ents = dossier_ld_alloc(L, (ne ? ne : 1) * sizeof(*ents));
    evs = (dossier_event **)vec_copy(L, L->events.items, L->events.count);
    people = (dossier_person **)vec_copy(L, L->people.items, L->people.count);
    if (!ents || !evs || !people)
        return -1;
    if (L->declared.count)
        memcpy(ents, L->declared.items, L->declared.count * sizeof(*ents));
    if (L->implicit.count)
        memcpy(ents + L->declared.count, L->implicit.items, L->implicit.count * sizeof(*ents));
    for (i = 0; i < ne; i++)
        ents[i]->index = i;
    for (i = 0; i < L->people.count; i++)
        people[i]->index = i;
    if (L->events.count)
        qsort(evs, L->events.count, sizeof(*evs), event_order);
    for (i = 0; i < L->events.count; i++) {
        evs[i]->index = i;
        if (i == 0 || dossier_date_compare(evs[i]->start, m->period_start) < 0)
            m->period_start = evs[i]->start;
        if (i == 0 || dossier_date_compare(evs[i]->end, m->period_end) > 0)
            m->period_end = evs[i]->end;
    }
    m->format = DOSSIER_FORMAT_VERSION;
    m->entities = (const dossier_entity *const *)ents;
    m->entity_count = ne;
    m->people = (const dossier_person *const *)people;
    m->person_count = L->people.count;
    m->events = (const dossier_event *const *)evs;
    m->event_count = L->events.count;
    if (!m->title && m->event_count)
        m->title = m->events[0]->title;
    if (!m->title)
        m->title = "Dossier";
    if (!m->language)
        m->language = "en";
    /* Sorted indexes for O(log n) lookups by id. */
    mi->entity_index = (const dossier_entity **)vec_copy(L, (void *const *)ents, ne);
    mi->person_index = (const dossier_person **)vec_copy(L, (void *const *)people, L->people.count);
    mi->event_index = (const dossier_event **)vec_copy(L, (void *const *)evs, L->events.count);
    if (!mi->entity_index || !mi->person_index || !mi->event_index)
        return -1;
    /* (the arrays are never NULL: vec_copy allocates at least one slot) */
    qsort(mi->entity_index, ne, sizeof(void *), id_order);
    qsort(mi->person_index, L->people.count, sizeof(void *), id_order);
    qsort(mi->event_index, L->events.count, sizeof(void *), id_order);
    return L->nomem ? -1 : 0;
}

static const void *find(const void *const *index, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    if (!index || !id)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, *(const char *const *)index[mid]);
        if (c == 0)
            return index[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

DOSSIER_API const dossier_entity *dossier_model_find_entity(const dossier_model *m, const char *id)
{
    const dossier_model_impl *mi = (const dossier_model_impl *)m;
    return m ? find((const void *const *)mi->entity_index, m->entity_count, id) : NULL;
}

DOSSIER_API const dossier_person *dossier_model_find_person(const dossier_model *m, const char *id)
{
    const dossier_model_impl *mi = (const dossier_model_impl *)m;
    return m ? find((const void *const *)mi->person_index, m->person_count, id) : NULL;
}

DOSSIER_API const dossier_event *dossier_model_find_event(const dossier_model *m, const char *id)
{
    const dossier_model_impl *mi = (const dossier_model_impl *)m;
    return m ? find((const void *const *)mi->event_index, m->event_count, id) : NULL;
}

DOSSIER_API void dossier_model_free(dossier_model *model)
{
    dossier_model_impl *mi = (dossier_model_impl *)model;
    if (!mi)
        return;
    dossier_arena_free(&mi->arena);
    free(mi);
}
