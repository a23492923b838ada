/* loader_event.c - one event's fields: identity, dates, location, lists.
 * The structured lists (organizers, statements...) are in
 * loader_event_parts.c. */
#include <stdlib.h>
#include <string.h>

#include "loader_internal.h"

static const char *const event_keys[] = {
    "id", "title", "short_title", "kind", "series", "start", "end", "location",
    "themes", "audience", "organizers", "participants", "attendance", "statements",
    "outcomes", "figures", "contacts", "sources", "related", "summary", "body",
    "format", NULL};
static const char *const location_keys[] = {"venue", "city", "country", "address", NULL};
static const char *const attendance_keys[] = {
    "participants", "countries", "organizations", "qualifier", NULL};
static const char *const event_kinds[DOSSIER_EVENT_KIND_COUNT] = {
    "conference", "high-level-conference", "meeting", "workshop", "other"};

const dossier_ynode *dossier_ld_list(dossier_loader *L, const dossier_ynode *map,
                                     const char *key)
{
    const dossier_ynode *n = dossier_ynode_get(map, key);
    if (!n || dossier_ynode_is_null(n))
        return NULL;
    if (n->kind != DOSSIER_YNODE_SEQUENCE) {
        dossier_ld_error(L, n, NULL, "expected a list for '%s', found %s", key,
                         dossier_ynode_kind_text(n));
        return NULL;
    }
    return n;
}

static void location(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *n = dossier_ynode_get(map, "location");
    if (!n || dossier_ynode_is_null(n))
        return;
    if (n->kind != DOSSIER_YNODE_MAPPING) {
        dossier_ld_error(L, n, "write location: {venue: ..., city: ..., country: XX}",
                         "expected a mapping for 'location', found %s",
                         dossier_ynode_kind_text(n));
        return;
    }
    dossier_ld_check_keys(L, n, location_keys, "the location");
    ev->location.venue = dossier_ld_text(L, n, "venue");
    ev->location.city = dossier_ld_text(L, n, "city");
    ev->location.country = dossier_ld_country(L, n, "country");
    ev->location.address = dossier_ld_text(L, n, "address");
}

static void attendance(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *n = dossier_ynode_get(map, "attendance");
    ev->attendance.participants = -1;
    ev->attendance.countries = -1;
    ev->attendance.organizations = -1;
    if (!n || dossier_ynode_is_null(n))
        return;
    if (!dossier_ld_expect_map(L, n, "attendance"))
        return;
    dossier_ld_check_keys(L, n, attendance_keys, "the attendance");
    ev->attendance.participants = dossier_ld_count(L, n, "participants");
    ev->attendance.countries = dossier_ld_count(L, n, "countries");
    ev->attendance.organizations = dossier_ld_count(L, n, "organizations");
    ev->attendance.qualifier = dossier_ld_text(L, n, "qualifier");
}

/* Related ids are recorded now and resolved when every event is loaded. */
static void related(dossier_loader *L, const dossier_ynode *map, dossier_event *ev)
{
    const dossier_ynode *n = dossier_ynode_get(map, "related");
    const dossier_ynode *const *items;
    size_t count, i;
    if (!n || dossier_ynode_is_null(n))
        return;
    if (n->kind == DOSSIER_YNODE_SCALAR) {
        items = (const dossier_ynode *const *)&n;
        count = 1;
    } else if (n->kind == DOSSIER_YNODE_SEQUENCE) {
        items = (const dossier_ynode *const *)n->items;
        count = n->len;
    } else {
        dossier_ld_error(L, n, NULL, "expected a list of event ids for 'related', found %s",
                         dossier_ynode_kind_text(n));
        return;
    }
    ev->related = dossier_ld_alloc(L, count * sizeof(*ev->related));
    if (!ev->related)
        return;
    for (i = 0; i < count; i++) {
        dossier_pending_ref *r;
        const char *id = dossier_ld_id(L, items[i], "related event");
        if (!id)
            continue;
        if (!(r = dossier_ld_alloc(L, sizeof(*r))))
            return;
        r->event = ev;
        r->slot = i;
        r->id = id;
        r->pos = dossier_ld_pos(L, items[i]);
        if (dossier_ptrvec_push(&L->pending, r) != 0)
            L->nomem = 1;
    }
}

static const char *event_id(dossier_loader *L, const dossier_ynode *map, const char *stem,
                            const dossier_ynode **at)
{
    const dossier_ynode *n = dossier_ynode_get(map, "id");
    const char *id;
    dossier_event *old;
    *at = n ? n : map;
    if (n && !dossier_ynode_is_null(n))
        id = dossier_ld_id(L, n, "event");
    else
        id = dossier_ld_strdup(L, stem);
    if (!id)
        return NULL;
    if ((old = dossier_strmap_get(&L->event_ids, id)) != NULL) {
        dossier_ld_error(L, *at, n ? NULL : "give one of the events an explicit 'id'",
                         "duplicate event id '%s' (first defined at %s:%u)", id,
                         old->pos.file, old->pos.line);
        return NULL;
    }
    return id;
}

/* Body text of a Markdown event, CRLF normalised to LF so a file saved on
 * Windows gives the same model. All-blank bodies become "". */
static const char *body_copy(dossier_loader *L, const char *body)
{
    size_t n = strlen(body), i, o = 0;
    char *s;
    for (i = 0; i < n && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r'); i++)
        ;
    if (i == n)
        return "";
    if (!(s = dossier_ld_alloc(L, n + 1)))
        return "";
    for (i = 0; i < n; i++)
        if (!(body[i] == '\r' && i + 1 < n && body[i + 1] == '\n'))
            s[o++] = body[i];
    s[o] = '\0';
    return s;
}

void dossier_ld_event(dossier_loader *L, const dossier_ynode *root, const char *stem,
                      const char *body, unsigned body_line)
{
    dossier_event *ev;
    const dossier_ynode *at, *bn;
    int have_start;
    if (root && dossier_ynode_is_null(root))
        root = NULL;
    if (root && root->kind != DOSSIER_YNODE_MAPPING) {
        dossier_ld_error(L, root, NULL,
                         "expected a mapping of event fields (id, title, start...), found %s",
                         dossier_ynode_kind_text(root));
        return;
    }
    if (++L->event_total > L->lim.max_events) {
        if (L->event_total == L->lim.max_events + 1) /* report once */
            dossier_ld_error(L, root, NULL, "more than %zu events (the limit)",
                             L->lim.max_events);
        L->limit = 1;
        return;
    }
    if (!(ev = dossier_ld_alloc(L, sizeof(*ev))))
        return;
    ev->file = L->file;
    ev->pos = dossier_ld_pos(L, root);
    dossier_ld_check_keys(L, root, event_keys, "an event");
    dossier_ld_format(L, root);
    ev->id = event_id(L, root, stem, &at);
    ev->title = dossier_ld_required_text(L, root, "title", "the event");
    ev->short_title = dossier_ld_text(L, root, "short_title");
    ev->kind = (dossier_event_kind)dossier_ld_enum(L, root, "kind", "event kind", event_kinds,
                                                   DOSSIER_EVENT_KIND_COUNT,
                                                   DOSSIER_EVENT_OTHER);
    ev->series = dossier_ld_text(L, root, "series");
    have_start = dossier_ld_date(L, root, "start", &ev->start);
    if (!have_start && !dossier_ynode_get(root, "start"))
        dossier_ld_error(L, root, NULL, "missing required key 'start' in the event");
    if (!dossier_ld_date(L, root, "end", &ev->end))
        ev->end = ev->start;
    else if (have_start && dossier_date_compare(ev->end, ev->start) < 0) {
        char a[11], b[11];
        dossier_ld_error(L, dossier_ynode_get(root, "end"), NULL,
                         "'end' (%s) is before 'start' (%s)", dossier_date_format(ev->end, a),
                         dossier_date_format(ev->start, b));
        ev->end = ev->start;
    }
    location(L, root, ev);
    ev->themes = dossier_ld_text_list(L, root, "themes", &ev->theme_count);
    ev->audience = dossier_ld_text_list(L, root, "audience", &ev->audience_count);
    dossier_ld_participations(L, root, "organizers", 1, ev);
    dossier_ld_participations(L, root, "participants", 0, ev);
    attendance(L, root, ev);
    dossier_ld_statements(L, root, ev);
    dossier_ld_outcomes(L, root, ev);
    dossier_ld_figures(L, root, ev);
    dossier_ld_contacts(L, root, ev);
    dossier_ld_sources(L, root, ev);
    related(L, root, ev);
    ev->summary = dossier_ld_text(L, root, "summary");
    bn = dossier_ynode_get(root, "body");
    if (body) {
        if (bn)
            dossier_ld_error(L, bn, "the Markdown after the closing '---' is the body",
                             "'body' is not allowed in front matter");
        ev->body = body_copy(L, body);
        ev->body_line = body_line;
    } else {
        const char *t = dossier_ld_scalar_text(L, bn, "body");
        ev->body = t ? t : "";
        ev->body_line = bn ? bn->line : 0;
    }
    /* The id is registered even for a broken event, so references to it do
     * not add spurious "unknown event" errors. */
    if (ev->id && dossier_strmap_put(&L->event_ids, ev->id, ev) != 0)
        L->nomem = 1;
    if (!ev->id || !ev->title || !have_start)
        return; /* reported; keep checking the rest of the input */
    if (dossier_ptrvec_push(&L->events, ev) != 0)
        L->nomem = 1;
}
