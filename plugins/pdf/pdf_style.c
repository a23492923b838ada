/* pdf_style.c - the briefing's look, read from a YAML template.
 *
 * Built-in defaults make a complete English A4 briefing, so a template only
 * needs the keys it changes. Labels are looked up in the template first and
 * fall back to the English table below; docs/PDF.md lists every key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/"

static const char *const default_fonts[PDF_FACE_COUNT] = {
    DEJAVU "DejaVuSans.ttf", DEJAVU "DejaVuSans-Bold.ttf",
    DEJAVU "DejaVuSans-Oblique.ttf", DEJAVU "DejaVuSans-BoldOblique.ttf",
    DEJAVU "DejaVuSansMono.ttf"};
static const char *const face_keys[PDF_FACE_COUNT] = {
    "regular", "bold", "italic", "bold_italic", "mono"};

static const char *const part_names[PDF_PART_COUNT] = {
    "cover", "contents", "events", "summary", "facts", "organizers",
    "participants", "statements", "outcomes", "figures", "narrative",
    "contacts", "sources", "related"};

/* English labels; the template's `labels` overrides any of them. */
static const char *const default_labels[][2] = {
    {"contents", "Contents"},
    {"page_footer", "Page {page} of {pages}"},
    {"prepared_by", "Prepared by"},
    {"classification", "Classification"},
    {"as_of", "As of"},
    {"period", "Period covered"},
    {"event_count", "Events"},
    {"cover_note", "Briefing dossier"},
    {"summary", "Summary"},
    {"facts", "Key facts"},
    {"kind", "Type"},
    {"series", "Series"},
    {"dates", "Dates"},
    {"venue", "Venue"},
    {"attendance", "Attendance"},
    {"themes", "Themes"},
    {"audience", "Audience"},
    {"organizers", "Organizers and supporters"},
    {"participants", "Participating delegations"},
    {"statements", "Statements"},
    {"outcomes", "Outcomes"},
    {"adopted", "adopted {date}"},
    {"figures", "Figures"},
    {"figure", "Figure"},
    {"value", "Value"},
    {"unit", "Unit"},
    {"year", "Year"},
    {"note", "Year / note"},
    {"narrative", "Narrative"},
    {"contacts", "Contacts"},
    {"sources", "Sources"},
    {"published", "published {date}"},
    {"related", "Related events"},
    {"page_ref", "page {page}"},
    {"attendance_participants", "{qualifier}{count} participants"},
    {"attendance_countries", "{qualifier}{count} countries"},
    {"attendance_organizations", "{qualifier}{count} organizations"},
    {"qualifiers.more-than", "more than "},
    {"qualifiers.over", "over "},
    {"qualifiers.about", "about "},
    {"qualifiers.approximately", "approximately "},
    {"qualifiers.up-to", "up to "},
    {"qualifiers.nearly", "nearly "},
    {"qualifiers.exactly", ""},
    {"roles.host", "Host"},
    {"roles.organizer", "Organizers"},
    {"roles.co-organizer", "Co-organizers"},
    {"roles.supporter", "Supporters"},
    {"roles.partner", "Partners"},
    {"roles.delegation", "Delegations"},
    {"roles.speaker", "Speakers"},
    {"roles.chair", "Chairs"},
    {"roles.observer", "Observers"},
    {"roles.participant", "Participants"},
    {"kinds.conference", "Conference"},
    {"kinds.high-level-conference", "High-level conference"},
    {"kinds.meeting", "Meeting"},
    {"kinds.workshop", "Workshop"},
    {"kinds.other", "Event"},
    {"outcome_kinds.declaration", "Declaration"},
    {"outcome_kinds.agreement", "Agreement"},
    {"outcome_kinds.report", "Report"},
    {"outcome_kinds.other", "Outcome"},
    {"thousands_separator", ","},
    {"decimal_separator", "."},
    {"email", "Email"},
    {"phone", "Phone"},
};

static const char *const default_months[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"};

static pdf_rgb rgb(unsigned hex)
{
    pdf_rgb c = {(float)((hex >> 16) & 255) / 255.0f,
                 (float)((hex >> 8) & 255) / 255.0f, (float)(hex & 255) / 255.0f};
    return c;
}

static void set_defaults(pdf_style *s)
{
    int i;
    s->page_w = 595.276f;
    s->page_h = 841.89f;
    s->m_top = 72;
    s->m_bottom = 64;
    s->m_left = 64;
    s->m_right = 64;
    for (i = 0; i < PDF_FACE_COUNT; i++)
        s->font_path[i] = strdup(default_fonts[i]);
    s->size_body = 10;
    s->size_small = 8.5f;
    s->size_header = 7.5f;
    s->size_kicker = 8;
    s->size_event_title = 19;
    s->size_section = 12;
    s->size_cover_title = 28;
    s->size_cover_subtitle = 15;
    s->size_h[0] = 12.5f;
    s->size_h[1] = 11.5f;
    s->size_h[2] = 10.5f;
    s->leading = 1.4f;
    s->para_gap = 6;
    s->c_text = rgb(0x1f2933);
    s->c_muted = rgb(0x5f6b7a);
    s->c_accent = rgb(0x1b3a5c);
    s->c_rule = rgb(0xc5ced8);
    s->c_link = rgb(0x1a5c9e);
    s->c_shade = rgb(0xeef2f6);
    s->c_quote = rgb(0x8aa4c0);
    s->c_classification = rgb(0xa3262a);
    s->c_cover_band = rgb(0x1b3a5c);
    s->c_cover_text = rgb(0xffffff);
    s->event_page_break = 1;
    s->compact_roles_above = 12;
    s->doc_parts[0] = PDF_PART_COVER;
    s->doc_parts[1] = PDF_PART_CONTENTS;
    s->doc_parts[2] = PDF_PART_EVENTS;
    s->doc_part_count = 3;
    {
        static const pdf_part ev[] = {
            PDF_PART_SUMMARY, PDF_PART_FACTS, PDF_PART_ORGANIZERS,
            PDF_PART_PARTICIPANTS, PDF_PART_STATEMENTS, PDF_PART_OUTCOMES,
            PDF_PART_FIGURES, PDF_PART_NARRATIVE, PDF_PART_CONTACTS,
            PDF_PART_SOURCES, PDF_PART_RELATED};
        memcpy(s->ev_parts, ev, sizeof ev);
        s->ev_part_count = sizeof ev / sizeof ev[0];
    }
}

int pdf_part_from_name(const char *name)
{
    int i;
    for (i = 0; i < PDF_PART_COUNT; i++)
        if (strcmp(part_names[i], name) == 0)
            return i;
    return -1;
}

static const dossier_value *path_get(const dossier_value *v, const char *key)
{
    char seg[64];
    while (v && *key) {
        const char *dot = strchr(key, '.');
        size_t n = dot ? (size_t)(dot - key) : strlen(key);
        if (n >= sizeof seg)
            return NULL;
        memcpy(seg, key, n);
        seg[n] = '\0';
        v = dossier_value_get(v, seg);
        key += n + (dot ? 1 : 0);
    }
    return v;
}

const char *pdf_label_find(const pdf_style *s, const char *key)
{
    size_t i;
    const char *t = dossier_value_string(path_get(s->labels, key), NULL);
    if (t)
        return t;
    for (i = 0; i < sizeof default_labels / sizeof default_labels[0]; i++)
        if (strcmp(default_labels[i][0], key) == 0)
            return default_labels[i][1];
    return NULL;
}

const char *pdf_label(const pdf_style *s, const char *key)
{
    const char *t = pdf_label_find(s, key);
    return t ? t : key;
}

const char *pdf_month(const pdf_style *s, int month)
{
    const dossier_value *m = dossier_value_get(s->labels, "months");
    if (month < 1 || month > 12)
        return "";
    if (m && m->type == DOSSIER_VALUE_ARRAY && m->count == 12 &&
        m->u.items[month - 1].type == DOSSIER_VALUE_STRING)
        return m->u.items[month - 1].u.string;
    return default_months[month - 1];
}

typedef struct loader {
    pdf_style *s;
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
    const char *path;
    char *dir; /* the template's folder, for relative font paths */
    int errors;
} loader;

static void bad(loader *L, const char *key, const char *what)
{
    L->api->report(L->ctx, DOSSIER_SEV_ERROR, L->path, 0, 0,
                   "pdf template: '%s' %s", key, what);
    L->errors++;
}

static void get_num(loader *L, const dossier_value *obj, const char *key,
                    const char *full, float *out, float lo, float hi)
{
    const dossier_value *v = dossier_value_get(obj, key);
    double d;
    if (!v)
        return;
    d = dossier_value_number(v, -1e30);
    if (!(d >= lo && d <= hi)) { /* also NaN */
        char what[96];
        snprintf(what, sizeof what, "must be a number from %g to %g",
                 (double)lo, (double)hi);
        bad(L, full, what);
        return;
    }
    *out = (float)d;
}

static int parse_hex(const char *t, pdf_rgb *c)
{
    unsigned v = 0;
    int i;
    if (!t || t[0] != '#' || strlen(t) != 7)
        return -1;
    for (i = 1; i < 7; i++) {
        char ch = t[i];
        unsigned d;
        if (ch >= '0' && ch <= '9')
            d = (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f')
            d = (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F')
            d = (unsigned)(ch - 'A' + 10);
        else
            return -1;
        v = v * 16 + d;
    }
    *c = rgb(v);
    return 0;
}

static void load_page(loader *L, const dossier_value *page)
{
    const char *size = dossier_value_string(dossier_value_get(page, "size"), NULL);
    const dossier_value *m = dossier_value_get(page, "margins");
    if (size) {
        if (strcmp(size, "A4") == 0 || strcmp(size, "a4") == 0) {
            L->s->page_w = 595.276f;
            L->s->page_h = 841.89f;
        } else if (strcmp(size, "Letter") == 0 || strcmp(size, "letter") == 0) {
            L->s->page_w = 612;
            L->s->page_h = 792;
        } else {
            bad(L, "page.size", "must be A4 or Letter");
        }
    }
    get_num(L, m, "top", "page.margins.top", &L->s->m_top, 18, 200);
    get_num(L, m, "bottom", "page.margins.bottom", &L->s->m_bottom, 18, 200);
    get_num(L, m, "left", "page.margins.left", &L->s->m_left, 18, 200);
    get_num(L, m, "right", "page.margins.right", &L->s->m_right, 18, 200);
}

static void load_fonts(loader *L, const dossier_value *fonts)
{
    int i;
    for (i = 0; i < PDF_FACE_COUNT; i++) {
        const char *p = dossier_value_string(dossier_value_get(fonts, face_keys[i]), NULL);
        char *full;
        if (!p)
            continue;
        if (p[0] != '/' && L->dir) {
            size_t n = strlen(L->dir) + strlen(p) + 2;
            full = malloc(n);
            if (full)
                snprintf(full, n, "%s/%s", L->dir, p);
        } else {
            full = strdup(p);
        }
        if (!full)
            continue;
        free(L->s->font_path[i]);
        L->s->font_path[i] = full;
    }
}

static void load_sizes(loader *L, const dossier_value *z)
{
    pdf_style *s = L->s;
    get_num(L, z, "body", "sizes.body", &s->size_body, 5, 30);
    get_num(L, z, "small", "sizes.small", &s->size_small, 4, 30);
    get_num(L, z, "header", "sizes.header", &s->size_header, 4, 20);
    get_num(L, z, "kicker", "sizes.kicker", &s->size_kicker, 4, 20);
    get_num(L, z, "event_title", "sizes.event_title", &s->size_event_title, 8, 60);
    get_num(L, z, "section", "sizes.section", &s->size_section, 6, 40);
    get_num(L, z, "cover_title", "sizes.cover_title", &s->size_cover_title, 10, 72);
    get_num(L, z, "cover_subtitle", "sizes.cover_subtitle", &s->size_cover_subtitle, 6, 48);
    get_num(L, z, "h1", "sizes.h1", &s->size_h[0], 5, 40);
    get_num(L, z, "h2", "sizes.h2", &s->size_h[1], 5, 40);
    get_num(L, z, "h3", "sizes.h3", &s->size_h[2], 5, 40);
    get_num(L, z, "line_height", "sizes.line_height", &s->leading, 1.0f, 3.0f);
    get_num(L, z, "paragraph_gap", "sizes.paragraph_gap", &s->para_gap, 0, 40);
}

static void load_colors(loader *L, const dossier_value *c)
{
    static const struct {
        const char *key;
        size_t off;
    } keys[] = {
        {"text", offsetof(pdf_style, c_text)},
        {"muted", offsetof(pdf_style, c_muted)},
        {"accent", offsetof(pdf_style, c_accent)},
        {"rule", offsetof(pdf_style, c_rule)},
        {"link", offsetof(pdf_style, c_link)},
        {"shade", offsetof(pdf_style, c_shade)},
        {"quote", offsetof(pdf_style, c_quote)},
        {"classification", offsetof(pdf_style, c_classification)},
        {"cover_band", offsetof(pdf_style, c_cover_band)},
        {"cover_text", offsetof(pdf_style, c_cover_text)},
    };
    size_t i;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const dossier_value *v = dossier_value_get(c, keys[i].key);
        char full[64];
        if (!v)
            continue;
        snprintf(full, sizeof full, "colors.%s", keys[i].key);
        if (parse_hex(dossier_value_string(v, NULL),
                      (pdf_rgb *)(void *)((char *)L->s + keys[i].off)) != 0)
            bad(L, full, "must be a colour written \"#rrggbb\"");
    }
}

static void load_parts(loader *L, const dossier_value *list, const char *key,
                       pdf_part *out, size_t *count, int events)
{
    size_t i, n = 0;
    if (!list)
        return;
    if (list->type != DOSSIER_VALUE_ARRAY) {
        bad(L, key, "must be a list of section names");
        return;
    }
    for (i = 0; i < list->count && n < PDF_MAX_PARTS; i++) {
        const char *name = dossier_value_string(&list->u.items[i], "");
        int p = pdf_part_from_name(name);
        int ok = p >= 0 && (events ? p >= PDF_PART_SUMMARY : p < PDF_PART_SUMMARY);
        if (!ok) {
            char what[200];
            snprintf(what, sizeof what, "has an unknown section '%.60s'%s", name,
                     events ? " (summary, facts, organizers, participants, "
                              "statements, outcomes, figures, narrative, "
                              "contacts, sources, related)"
                            : " (cover, contents, events)");
            bad(L, key, what);
            continue;
        }
        out[n++] = (pdf_part)p;
    }
    *count = n;
}

static dossier_status apply(loader *L)
{
    const dossier_value *root = L->api->data_root(L->s->tmpl);
    if (!root || root->type != DOSSIER_VALUE_OBJECT) {
        bad(L, "(root)", "must be a mapping");
        return DOSSIER_ERR_TEMPLATE;
    }
    load_page(L, dossier_value_get(root, "page"));
    load_fonts(L, dossier_value_get(root, "fonts"));
    load_sizes(L, dossier_value_get(root, "sizes"));
    load_colors(L, dossier_value_get(root, "colors"));
    load_parts(L, dossier_value_get(root, "document"), "document",
               L->s->doc_parts, &L->s->doc_part_count, 0);
    load_parts(L, dossier_value_get(root, "event_sections"), "event_sections",
               L->s->ev_parts, &L->s->ev_part_count, 1);
    {
        const dossier_value *v = dossier_value_get(root, "event_page_break");
        if (v && v->type == DOSSIER_VALUE_BOOL)
            L->s->event_page_break = v->u.boolean;
        else if (v)
            bad(L, "event_page_break", "must be true or false");
    }
    get_num(L, root, "compact_roles_above", "compact_roles_above",
            &L->s->compact_roles_above, 0, 1e9);
    L->s->labels = dossier_value_get(root, "labels");
    if (L->s->labels && L->s->labels->type != DOSSIER_VALUE_OBJECT) {
        bad(L, "labels", "must be a mapping");
        L->s->labels = NULL;
    }
    return L->errors ? DOSSIER_ERR_TEMPLATE : DOSSIER_OK;
}

/* pdf/briefing-LANG.yaml for a language other than English, if present. */
static const char *language_template(const dossier_host_api *api,
                                     dossier_render_ctx *ctx, const char *lang)
{
    char name[64];
    size_t i;
    if (!lang || !*lang || strcmp(lang, "en") == 0 || strlen(lang) > 16)
        return NULL;
    for (i = 0; lang[i]; i++) /* a language tag, never a path */
        if (!((lang[i] >= 'a' && lang[i] <= 'z') || (lang[i] >= 'A' && lang[i] <= 'Z') ||
              lang[i] == '-' || lang[i] == '_'))
            return NULL;
    snprintf(name, sizeof name, "pdf/briefing-%s.yaml", lang);
    return api->find_template(ctx, name);
}

dossier_status pdf_style_load(pdf_style *s, const dossier_host_api *api,
                              dossier_render_ctx *ctx, const char *language)
{
    loader L;
    const char *opt = api->option(ctx, "template");
    const char *paper = api->option(ctx, "paper");
    dossier_status st = DOSSIER_OK;
    memset(s, 0, sizeof *s);
    memset(&L, 0, sizeof L);
    s->api = api;
    set_defaults(s);
    L.s = s;
    L.api = api;
    L.ctx = ctx;
    L.path = opt ? opt : language_template(api, ctx, language);
    if (!L.path)
        L.path = api->find_template(ctx, "pdf/briefing.yaml");
    if (!L.path) {
        api->report(ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                    "pdf: template pdf/briefing.yaml not found; using the "
                    "built-in style");
    } else {
        const char *slash = strrchr(L.path, '/');
        st = api->load_data(ctx, L.path, &s->tmpl);
        if (st != DOSSIER_OK || !s->tmpl) {
            api->report(ctx, DOSSIER_SEV_ERROR, L.path, 0, 0,
                        "pdf: cannot read the template");
            return st != DOSSIER_OK ? st : DOSSIER_ERR_TEMPLATE;
        }
        L.dir = slash ? strndup(L.path, (size_t)(slash - L.path)) : strdup(".");
        st = apply(&L);
        free(L.dir);
    }
    if (st == DOSSIER_OK && paper) {
        if (strcmp(paper, "A4") == 0 || strcmp(paper, "a4") == 0) {
            s->page_w = 595.276f;
            s->page_h = 841.89f;
        } else if (strcmp(paper, "Letter") == 0 || strcmp(paper, "letter") == 0) {
            s->page_w = 612;
            s->page_h = 792;
        } else {
            api->report(ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                        "pdf: option paper=%s: expected A4 or Letter", paper);
            st = DOSSIER_ERR_USAGE;
        }
    }
    return st;
}

void pdf_style_free(pdf_style *s)
{
    int i;
    for (i = 0; i < PDF_FACE_COUNT; i++)
        free(s->font_path[i]);
    if (s->tmpl && s->api)
        s->api->free_data(s->tmpl);
    memset(s, 0, sizeof *s);
}
