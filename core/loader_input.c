/* loader_input.c - dossier_load(): inputs, folders, event files and front
 * matter.
 *
 * Registries (dossier.yaml of every folder given) are read before any event
 * so that events can refer to any declared entity or person. Event files in
 * events/ are read in byte order of their names, which makes the order of
 * implicit country entities (first use) and of diagnostics reproducible. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export_internal.h"
#include "loader_internal.h"
#include "limits_internal.h"

static const char *path_join(dossier_loader *L, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    {
        char *p = dossier_arena_printf(L->arena, "%.*s/%s", (int)n, dir, name);
        if (!p)
            L->nomem = 1;
        return p;
    }
}

static const char *ext_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    return dot ? dot : "";
}

static int is_event_ext(const char *ext)
{
    return strcmp(ext, ".md") == 0 || strcmp(ext, ".markdown") == 0 ||
           strcmp(ext, ".yaml") == 0 || strcmp(ext, ".yml") == 0 || strcmp(ext, ".json") == 0;
}

/* "events/2018-05-x.md" -> "2018-05-x", the default event id. */
static const char *stem_of(dossier_loader *L, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    char *s = dossier_arena_strndup(L->arena, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    if (!s)
        L->nomem = 1;
    return s;
}

static int is_markdown(const char *path)
{
    const char *ext = ext_of(path);
    return strcmp(ext, ".md") == 0 || strcmp(ext, ".markdown") == 0;
}

/* Builds the event of a finished parse (called in file order). */
static void consume_event(dossier_loader *L, dossier_parsed *p)
{
    dossier_ld_file_begin(L, p->path);
    dossier_parsed_take_diags(L, p);
    if (p->ok)
        dossier_ld_event(L, p->root, stem_of(L, p->path), p->markdown ? p->body : NULL,
                         p->body_line);
    dossier_ld_file_end(L);
}

static void load_event_file(dossier_loader *L, const char *path)
{
    dossier_parsed p;
    if (!path)
        return;
    memset(&p, 0, sizeof(p));
    p.path = path;
    p.markdown = is_markdown(path);
    dossier_parse_many(L, &p, 1, consume_event);
}

/* The registry file of a dossier folder, or NULL after an error. */
static const char *registry_path(dossier_loader *L, const char *dir)
{
    static const char *const names[] = {"dossier.yaml", "dossier.yml", "dossier.json"};
    const char *found = NULL;
    struct stat st;
    size_t i;
    for (i = 0; i < 3; i++) {
        const char *p = path_join(L, dir, names[i]);
        if (!p)
            return NULL;
        if (lstat(p, &st) != 0)
            continue;
        if (found) {
            dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, p, 0, 0, NULL,
                              "both %s and %s exist; keep only one",
                              strrchr(found, '/') + 1, names[i]);
            return NULL;
        }
        found = p;
    }
    if (!found)
        dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, dir, 0, 0,
                          "a dossier folder holds dossier.yaml and an events/ folder",
                          "no dossier.yaml or dossier.json in this folder");
    return found;
}

static void consume_registry(dossier_loader *L, dossier_parsed *p)
{
    dossier_ld_file_begin(L, p->path);
    dossier_parsed_take_diags(L, p);
    if (p->ok)
        dossier_ld_registry(L, p->root);
    dossier_ld_file_end(L);
}

static void load_registry(dossier_loader *L, const char *dir)
{
    dossier_parsed p;
    memset(&p, 0, sizeof(p));
    if (!(p.path = registry_path(L, dir)))
        return;
    dossier_parse_many(L, &p, 1, consume_registry);
}

static int name_order(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void load_events_dir(dossier_loader *L, const char *dir)
{
    const char *events = path_join(L, dir, "events");
    dossier_ptrvec names = {0};
    struct dirent *de;
    DIR *d;
    size_t i;
    if (!events)
        return;
    if (!(d = opendir(events))) {
        if (errno == ENOENT)
            dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, dir, 0, 0,
                              "put one file per event in events/",
                              "no events/ folder in this dossier");
        else
            dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, events, 0, 0, NULL,
                              "cannot read the folder: %s", strerror(errno));
        return;
    }
    while ((de = readdir(d)) != NULL) {
        const char *p;
        if (de->d_name[0] == '.' || !is_event_ext(ext_of(de->d_name)))
            continue;
        if (!(p = path_join(L, events, de->d_name)) || dossier_ptrvec_push(&names, (void *)p) != 0) {
            L->nomem = 1;
            break;
        }
    }
    closedir(d);
    if (names.count)
        qsort(names.items, names.count, sizeof(void *), name_order);
    if (names.count && !L->nomem) {
        dossier_parsed *items = calloc(names.count, sizeof(*items));
        if (!items) {
            L->nomem = 1;
        } else {
            for (i = 0; i < names.count; i++) {
                items[i].path = names.items[i];
                items[i].markdown = is_markdown(items[i].path);
            }
            dossier_parse_many(L, items, names.count, consume_event);
            free(items);
        }
    }
    dossier_ptrvec_free(&names);
}

/* Classifies an input: 1 folder, 0 file, -1 error (reported). A path to a
 * dossier.yaml/json file counts as its folder. */
typedef struct diag_ref {
    const dossier_diag *d;
    size_t i;
} diag_ref;

/* The order of dossier_diags_sort(): file (none first), line, column; ties
 * keep the order found. */
static int diag_order(const void *pa, const void *pb)
{
    const diag_ref *a = pa, *b = pb;
    int c = 0;
    if (a->d->file != b->d->file) {
        if (!a->d->file || !b->d->file)
            c = a->d->file ? 1 : -1;
        else
            c = strcmp(a->d->file, b->d->file);
    }
    if (c)
        return c;
    if (a->d->line != b->d->line)
        return a->d->line < b->d->line ? -1 : 1;
    if (a->d->col != b->d->col)
        return a->d->col < b->d->col ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* Moves the loader's diagnostics to the caller's list, already sorted, so
 * the final dossier_diags_sort() (an insertion sort) has nothing to move
 * even for thousands of out-of-order messages (related events are checked
 * last). */
static void hand_over(dossier_diags *mine, dossier_diags *out)
{
    size_t n = dossier_diags_count(mine), i;
    size_t lost = dossier_diags_error_count(mine);
    diag_ref *refs = malloc((n ? n : 1) * sizeof(*refs));
    for (i = 0; i < n; i++) {
        const dossier_diag *d = dossier_diags_get(mine, i);
        if (d->severity == DOSSIER_SEV_ERROR)
            lost--;
        if (refs) {
            refs[i].d = d;
            refs[i].i = i;
        }
    }
    if (refs && n)
        qsort(refs, n, sizeof(*refs), diag_order);
    for (i = 0; i < n; i++) {
        const dossier_diag *d = refs ? refs[i].d : dossier_diags_get(mine, i);
        dossier_diags_add(out, d->severity, d->file, d->line, d->col, d->hint, "%s", d->message);
    }
    if (lost) /* entries the list could not store still fail the load */
        dossier_diags_add(out, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL, "out of memory");
    free(refs);
}

static int classify(dossier_loader *L, const char *path, const char **dir)
{
    struct stat st;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    *dir = path;
    if (stat(path, &st) != 0) {
        int err = errno;
        if (err == ENOENT && lstat(path, &st) == 0)
            dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL,
                              "symbolic link leads nowhere");
        else if (err == ELOOP)
            dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL, "symbolic link loop");
        else
            dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL, "cannot open: %s",
                              strerror(err));
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return 1;
    if (strcmp(base, "dossier.yaml") == 0 || strcmp(base, "dossier.yml") == 0 ||
        strcmp(base, "dossier.json") == 0) {
        char *d = dossier_arena_strndup(L->arena, path, (size_t)(base - path));
        if (!d) {
            L->nomem = 1;
            return -1;
        }
        *dir = d[0] ? d : ".";
        return 1;
    }
    if (!is_event_ext(ext_of(path))) {
        dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, path, 0, 0,
                          "give a dossier folder or a .md, .yaml, .yml or .json event file",
                          "unsupported input type '%s'", ext_of(path));
        return -1;
    }
    return 0;
}

DOSSIER_API dossier_status dossier_load(const char *const *paths, size_t count,
                                        const dossier_limits *limits, dossier_model **out,
                                        dossier_diags *diags)
{
    dossier_loader L;
    dossier_model_impl *mi;
    dossier_diags *mine; /* sorted, then handed over to `diags` */
    size_t i;
    int *kinds;
    const char **dirs;
    dossier_status st = DOSSIER_OK;
    if (out)
        *out = NULL;
    if (!paths || count == 0 || !out) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL, "no input given");
        return DOSSIER_ERR_USAGE;
    }
    memset(&L, 0, sizeof(L));
    mi = calloc(1, sizeof(*mi));
    kinds = calloc(count, sizeof(*kinds));
    dirs = calloc(count, sizeof(*dirs));
    mine = dossier_diags_new();
    if (!mi || !kinds || !dirs || !mine) {
        free(mi);
        free(kinds);
        free(dirs);
        dossier_diags_free(mine);
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL, "out of memory");
        return DOSSIER_ERR_NOMEM;
    }
    L.m = mi;
    L.arena = &mi->arena;
    L.lim = dossier_limits_resolve(limits);
    L.diags = mine;
    L.hint_budget = 200000;
    for (i = 0; i < count; i++) {
        kinds[i] = classify(&L, paths[i], &dirs[i]);
        if (kinds[i] == 1) {
            if (!mi->pub.root)
                mi->pub.root = dossier_ld_strdup(&L, dirs[i]);
            load_registry(&L, dirs[i]);
        }
    }
    for (i = 0; i < count && !L.nomem; i++) {
        if (kinds[i] == 1)
            load_events_dir(&L, dirs[i]);
        else if (kinds[i] == 0)
            load_event_file(&L, dossier_ld_strdup(&L, paths[i]));
    }
    if (!L.nomem && L.events.count == 0 && dossier_diags_error_count(mine) == 0)
        dossier_diags_add(mine, DOSSIER_SEV_ERROR, paths[0], 0, 0,
                          "add event files to the dossier's events/ folder",
                          "the dossier holds no events");
    if (!L.nomem && dossier_ld_finish(&L) != 0)
        L.nomem = 1;
    if (L.nomem) {
        dossier_diags_add(mine, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL, "out of memory");
        st = DOSSIER_ERR_NOMEM;
    } else if (dossier_diags_error_count(mine) > 0) {
        st = L.limit ? DOSSIER_ERR_LIMIT : DOSSIER_ERR_INVALID;
    }
    dossier_strmap_free(&L.entity_ids);
    dossier_strmap_free(&L.person_ids);
    dossier_strmap_free(&L.event_ids);
    dossier_ptrvec_free(&L.declared);
    dossier_ptrvec_free(&L.implicit);
    dossier_ptrvec_free(&L.people);
    dossier_ptrvec_free(&L.events);
    dossier_ptrvec_free(&L.pending);
    free(kinds);
    free(dirs);
    hand_over(mine, diags);
    dossier_diags_free(mine);
    dossier_diags_sort(diags);
    if (st != DOSSIER_OK) {
        dossier_model_free(&mi->pub);
        return st;
    }
    *out = &mi->pub;
    return DOSSIER_OK;
}
