/* xlsx_harness.c - drives plugins/xlsx.so without the CLI, for scale tests.
 *
 * It builds a synthetic dossier_model in memory (N events, P participations
 * each, some entities holding two roles in one event), loads the plugin with
 * dlopen like the host does, and renders it through a minimal host API.
 * It prints the peak RSS before and after the render (VmHWM), so the
 * plugin's own memory can be told apart from the model's.
 *
 *   xlsx_harness PLUGIN.so OUT.xlsx EVENTS PARTICIPATIONS [ENTITIES]
 *       [-O key=value]... [--template PATH]
 *
 * Template files are parsed with libdossier's dossier_data_load_file (the
 * harness is a host, so it may link the library; the plugin does not). */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/loader.h"
#include "dossier/plugin.h"

#define MAX_OPTS 8

struct dossier_render_ctx {
    const char *keys[MAX_OPTS], *vals[MAX_OPTS];
    int nopts;
    const char *template_path;
    int errors, warnings;
};

static void h_report(dossier_render_ctx *ctx, dossier_severity sev,
                     const char *file, unsigned line, unsigned col,
                     const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void h_report(dossier_render_ctx *ctx, dossier_severity sev,
                     const char *file, unsigned line, unsigned col,
                     const char *fmt, ...)
{
    va_list ap;
    if (sev == DOSSIER_SEV_ERROR)
        ctx->errors++;
    else if (sev == DOSSIER_SEV_WARNING)
        ctx->warnings++;
    fprintf(stderr, "%s:%u:%u: %s: ", file ? file : "harness", line, col,
            sev == DOSSIER_SEV_ERROR ? "error" : sev == DOSSIER_SEV_WARNING ? "warning" : "note");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static const char *h_option(dossier_render_ctx *ctx, const char *key)
{
    int i;
    for (i = 0; i < ctx->nopts; i++)
        if (strcmp(ctx->keys[i], key) == 0)
            return ctx->vals[i];
    return NULL;
}

static const char *h_find_template(dossier_render_ctx *ctx, const char *name)
{
    (void)name;
    return ctx->template_path;
}

static dossier_status h_load_data(dossier_render_ctx *ctx, const char *path,
                                  dossier_data **out)
{
    dossier_diags *d = dossier_diags_new();
    dossier_status st = dossier_data_load_file(path, NULL, out, d);
    size_t i;
    for (i = 0; i < dossier_diags_count(d); i++) {
        char *s = dossier_diag_format(dossier_diags_get(d, i));
        fprintf(stderr, "%s\n", s);
        free(s);
    }
    if (st != DOSSIER_OK)
        ctx->errors++;
    dossier_diags_free(d);
    return st;
}

static const char *h_country_name(const char *code)
{
    return dossier_country_name(code);
}

static long vm_hwm_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

/* ---- a synthetic model ---- */

static unsigned long lcg = 12345;
static unsigned rnd(unsigned n)
{
    lcg = lcg * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((lcg >> 33) % n);
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return strdup(buf);
}

/* Distinct (entity, event) pairs, i.e. the non-empty matrix cells. */
static size_t count_pairs(const dossier_model *m)
{
    size_t *last = malloc(m->entity_count * sizeof *last), i, k, n = 0;
    for (i = 0; i < m->entity_count; i++)
        last[i] = (size_t)-1;
    for (i = 0; i < m->event_count; i++) {
        const dossier_event *ev = m->events[i];
        for (k = 0; k < ev->organizer_count + ev->participant_count; k++) {
            const dossier_participation *p =
                k < ev->organizer_count ? ev->organizers[k]
                                        : ev->participants[k - ev->organizer_count];
            if (last[p->entity->index] != i) {
                last[p->entity->index] = i;
                n++;
            }
        }
    }
    free(last);
    return n;
}

static dossier_model *build(size_t nev, size_t npart, size_t nent)
{
    dossier_model *m = calloc(1, sizeof *m);
    dossier_entity **ents = calloc(nent, sizeof *ents);
    dossier_event **evs = calloc(nev, sizeof *evs);
    dossier_person **people = calloc(1, sizeof *people);
    size_t i, k;
    m->format = 1;
    m->title = "Synthetic dossier";
    m->classification = "Unclassified";
    m->language = "en";
    m->as_of = (dossier_date){2026, 11, 22};
    for (i = 0; i < nent; i++) {
        dossier_entity *e = calloc(1, sizeof *e);
        e->id = fmt("e%zu", i);
        e->name = fmt("Entity number %zu", i);
        e->short_name = i % 3 ? fmt("E%zu", i) : NULL;
        e->kind = (dossier_entity_kind)(i % DOSSIER_ENTITY_KIND_COUNT);
        e->index = i;
        ents[i] = e;
    }
    people[0] = calloc(1, sizeof **people);
    people[0]->id = "p0";
    people[0]->name = "Speaker Zero";
    people[0]->honorific = "Ms.";
    people[0]->entity = ents[0];
    people[0]->email = "zero@example.org";
    for (i = 0; i < nev; i++) {
        dossier_event *ev = calloc(1, sizeof *ev);
        dossier_participation **org = calloc(3, sizeof *org);
        dossier_participation **par = calloc(npart, sizeof *par);
        dossier_statement **st = calloc(1, sizeof *st);
        dossier_source **src = calloc(2, sizeof *src);
        size_t base = rnd((unsigned)nent);
        ev->id = fmt("ev-%06zu", i);
        ev->title = fmt("Synthetic conference number %zu on border security and "
                        "countering terrorism", i);
        ev->kind = (dossier_event_kind)(i % DOSSIER_EVENT_KIND_COUNT);
        ev->start = (dossier_date){2000 + (int)(i / 365) % 30, 1 + (int)(i / 28) % 12,
                                   1 + (int)(i % 28)};
        ev->end = ev->start;
        ev->location.city = "Dushanbe";
        ev->location.country = "TJ";
        ev->attendance = (dossier_attendance){(long)npart * 3, 40, -1, NULL};
        ev->index = i;
        ev->file = "synthetic.md";
        for (k = 0; k < 3 && k < npart; k++) {
            org[k] = calloc(1, sizeof **org);
            org[k]->entity = ents[(base + k) % nent];
            org[k]->role = (dossier_role)(k == 0 ? DOSSIER_ROLE_HOST
                                                 : k == 1 ? DOSSIER_ROLE_CO_ORGANIZER
                                                          : DOSSIER_ROLE_SUPPORTER);
        }
        ev->organizers = (const dossier_participation *const *)org;
        ev->organizer_count = k;
        for (k = 0; k + 3 < npart; k++) {
            par[k] = calloc(1, sizeof **par);
            /* every tenth participant is an organiser speaking too */
            par[k]->entity = ents[(base + (k % 10 == 0 ? 0 : k + 3)) % nent];
            par[k]->role = (dossier_role)(DOSSIER_ROLE_DELEGATION + k % 5);
        }
        ev->participants = (const dossier_participation *const *)par;
        ev->participant_count = k;
        st[0] = calloc(1, sizeof **st);
        st[0]->speaker = people[0];
        st[0]->text = "=HYPERLINK(\"http://example.com\",\"click\")";
        ev->statements = (const dossier_statement *const *)st;
        ev->statement_count = 1;
        src[0] = calloc(1, sizeof **src);
        src[0]->title = "Press release";
        src[0]->url = fmt("https://example.org/news/%zu", i);
        src[1] = calloc(1, sizeof **src);
        src[1]->title = "Agenda";
        src[1]->url = fmt("https://example.org/agenda/%zu", i);
        ev->sources = (const dossier_source *const *)src;
        ev->source_count = 2;
        ev->body = "";
        evs[i] = ev;
    }
    m->entities = (const dossier_entity *const *)ents;
    m->entity_count = nent;
    m->people = (const dossier_person *const *)people;
    m->person_count = 1;
    m->events = (const dossier_event *const *)evs;
    m->event_count = nev;
    m->period_start = evs[0]->start;
    m->period_end = evs[nev - 1]->end;
    return m;
}

/* Casts away the const the model's readers see; the harness owns it all. */
#define FREE(p) free((void *)(p))

static void free_model(dossier_model *m)
{
    size_t i, k;
    for (i = 0; i < m->event_count; i++) {
        const dossier_event *ev = m->events[i];
        for (k = 0; k < ev->organizer_count; k++)
            FREE(ev->organizers[k]);
        for (k = 0; k < ev->participant_count; k++)
            FREE(ev->participants[k]);
        for (k = 0; k < ev->source_count; k++) {
            FREE(ev->sources[k]->url);
            FREE(ev->sources[k]);
        }
        FREE(ev->statements[0]);
        FREE(ev->statements);
        FREE(ev->organizers);
        FREE(ev->participants);
        FREE(ev->sources);
        FREE(ev->id);
        FREE(ev->title);
        FREE(ev);
    }
    for (i = 0; i < m->entity_count; i++) {
        FREE(m->entities[i]->id);
        FREE(m->entities[i]->name);
        FREE(m->entities[i]->short_name);
        FREE(m->entities[i]);
    }
    FREE(m->people[0]);
    FREE(m->people);
    FREE(m->entities);
    FREE(m->events);
    free(m);
}

int main(int argc, char **argv)
{
    struct dossier_render_ctx ctx;
    dossier_host_api api;
    void *so, *inst = NULL;
    const dossier_plugin *p;
    dossier_model *m;
    dossier_status st;
    long before, after;
    int i;

    if (argc < 5) {
        fprintf(stderr, "usage: %s PLUGIN.so OUT.xlsx EVENTS PARTICIPATIONS "
                        "[ENTITIES] [-O k=v]... [--template PATH]\n", argv[0]);
        return 2;
    }
    memset(&ctx, 0, sizeof ctx);
    for (i = 5; i < argc; i++) {
        if (strcmp(argv[i], "-O") == 0 && i + 1 < argc && ctx.nopts < MAX_OPTS) {
            char *eq = strchr(argv[++i], '=');
            if (!eq)
                return 2;
            *eq = '\0';
            ctx.keys[ctx.nopts] = argv[i];
            ctx.vals[ctx.nopts++] = eq + 1;
        } else if (strcmp(argv[i], "--template") == 0 && i + 1 < argc) {
            ctx.template_path = argv[++i];
        }
    }
    memset(&api, 0, sizeof api);
    api.struct_size = sizeof api;
    api.abi_major = DOSSIER_ABI_MAJOR;
    api.abi_minor = DOSSIER_ABI_MINOR;
    api.report = h_report;
    api.option = h_option;
    api.find_template = h_find_template;
    api.load_data = h_load_data;
    api.free_data = dossier_data_free;
    api.data_root = dossier_data_root;
    api.country_name = h_country_name;

    m = build(strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10),
              argc > 5 && argv[5][0] != '-' ? strtoul(argv[5], NULL, 10) : 400);
    before = vm_hwm_kb();
    so = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!so) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    p = ((dossier_plugin_entry_fn)dlsym(so, DOSSIER_PLUGIN_ENTRY_SYMBOL))();
    if (p->create(&api, &ctx, &inst) != DOSSIER_OK)
        return 1;
    st = p->render(inst, m, argv[2]);
    p->destroy(inst);
    after = vm_hwm_kb();
    printf("events=%s participations=%s pairs=%zu status=%d errors=%d "
           "warnings=%d peak_rss_model_kb=%ld peak_rss_total_kb=%ld "
           "render_kb=%ld\n",
           argv[3], argv[4], count_pairs(m), (int)st, ctx.errors, ctx.warnings,
           before, after, after - before);
    dlclose(so);
    free_model(m);
    return st == DOSSIER_OK && ctx.errors == 0 ? 0 : 1;
}
