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
#include "loader_file_internal.h"
#include "loader_internal.h"

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

/* Ends of the line starting at `p`: returns the start of the next line. */
static const char *next_line(const char *p, const char *end, const char **content_end)
{
    const char *q = p;
    while (q < end && *q != '\n')
        q++;
    *content_end = (q > p && q[-1] == '\r') ? q - 1 : q;
    return q < end ? q + 1 : end;
}

static int is_fence(const char *p, const char *e)
{
    if (e - p < 3 || strncmp(p, "---", 3) != 0)
        return 0;
    for (p += 3; p < e; p++)
        if (*p != ' ' && *p != '\t')
            return 0;
    return 1;
}

/* Splits "---\nYAML\n---\nBODY". Returns 0, or -1 after a located error. */
static int split_front_matter(dossier_loader *L, const char *text, size_t len,
                              const char **fm, size_t *fm_len, const char **body,
                              unsigned *body_line)
{
    const char *end = text + len, *ce, *p, *start;
    unsigned line = 2;
    p = next_line(text, end, &ce);
    if (!is_fence(text, ce)) {
        dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, L->file, 1, 1,
                          "put the event's fields between two '---' lines at the top",
                          "missing front matter: a Markdown event must start with a '---' line");
        return -1;
    }
    start = p;
    while (p < end) {
        const char *line_start = p;
        p = next_line(p, end, &ce);
        if (is_fence(line_start, ce)) {
            *fm = start;
            *fm_len = (size_t)(line_start - start);
            *body = p;
            *body_line = line + 1;
            return 0;
        }
        line++;
    }
    dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, L->file, 1, 1,
                      "close the front matter with a '---' line before the Markdown text",
                      "front matter is never closed (no second '---' line)");
    return -1;
}

static void note_status(dossier_loader *L, dossier_status st)
{
    if (st == DOSSIER_ERR_NOMEM)
        L->nomem = 1;
}

/* Reads and parses one YAML/JSON or front-matter file into a tree in the
 * scratch arena. Returns the root (NULL when empty or on a fatal error;
 * *ok says which). */
static const dossier_ynode *parse_file(dossier_loader *L, const char *path, int markdown,
                                       char **text_out, const char **body,
                                       unsigned *body_line, int *ok)
{
    char *text = NULL;
    size_t len = 0, bom, fm_len;
    const char *fm;
    dossier_ynode *root = NULL;
    dossier_status st;
    *ok = 0;
    *text_out = NULL;
    st = dossier_read_file(path, L->lim.max_file_bytes, &text, &len, L->diags);
    note_status(L, st);
    if (st != DOSSIER_OK)
        return NULL;
    *text_out = text;
    if (dossier_utf8_check(text, len, L->file, 0, L->diags) != 0)
        return NULL;
    if (!markdown) {
        st = dossier_yaml_parse_ex(text, len, L->file, 0, &L->lim, 0, &L->scratch, &root,
                                   L->diags);
    } else {
        bom = dossier_utf8_bom_len(text, len);
        if (split_front_matter(L, text + bom, len - bom, &fm, &fm_len, body, body_line) != 0)
            return NULL;
        st = dossier_yaml_parse_ex(fm, fm_len, L->file, 1, &L->lim, 0, &L->scratch, &root,
                                   L->diags);
    }
    note_status(L, st);
    /* Duplicate keys leave a usable tree: keep checking the rest. */
    *ok = (st == DOSSIER_OK || (st == DOSSIER_ERR_INVALID && root));
    return root;
}

static void load_event_file(dossier_loader *L, const char *path)
{
    const char *ext = ext_of(path), *body = NULL;
    int markdown = strcmp(ext, ".md") == 0 || strcmp(ext, ".markdown") == 0, ok;
    unsigned body_line = 0;
    char *text;
    const dossier_ynode *root;
    L->file = path;
    root = parse_file(L, path, markdown, &text, &body, &body_line, &ok);
    if (ok)
        dossier_ld_event(L, root, stem_of(L, path), markdown ? body : NULL, body_line);
    free(text);
    dossier_arena_free(&L->scratch);
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

static void load_registry(dossier_loader *L, const char *dir)
{
    const char *path = registry_path(L, dir), *body;
    unsigned body_line;
    char *text;
    int ok;
    const dossier_ynode *root;
    if (!path)
        return;
    L->file = path;
    root = parse_file(L, path, 0, &text, &body, &body_line, &ok);
    if (ok)
        dossier_ld_registry(L, root);
    free(text);
    dossier_arena_free(&L->scratch);
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
    for (i = 0; i < names.count && !L->nomem; i++)
        load_event_file(L, names.items[i]);
    dossier_ptrvec_free(&names);
}

/* Classifies an input: 1 folder, 0 file, -1 error (reported). A path to a
 * dossier.yaml/json file counts as its folder. */
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
    size_t errors0 = dossier_diags_error_count(diags), i;
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
    if (!mi || !kinds || !dirs) {
        free(mi);
        free(kinds);
        free(dirs);
        return DOSSIER_ERR_NOMEM;
    }
    L.m = mi;
    L.arena = &mi->arena;
    L.lim = limits ? *limits : dossier_limits_default();
    L.diags = diags;
    L.hint_budget = 200;
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
    if (!L.nomem && L.events.count == 0 && dossier_diags_error_count(diags) == errors0)
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, paths[0], 0, 0,
                          "add event files to the dossier's events/ folder",
                          "the dossier holds no events");
    if (!L.nomem && dossier_ld_finish(&L) != 0)
        L.nomem = 1;
    if (L.nomem) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL, "out of memory");
        st = DOSSIER_ERR_NOMEM;
    } else if (dossier_diags_error_count(diags) > errors0) {
        st = DOSSIER_ERR_INVALID;
    }
    dossier_strmap_free(&L.entity_ids);
    dossier_strmap_free(&L.person_ids);
    dossier_strmap_free(&L.event_ids);
    dossier_ptrvec_free(&L.declared);
    dossier_ptrvec_free(&L.implicit);
    dossier_ptrvec_free(&L.people);
    dossier_ptrvec_free(&L.events);
    dossier_ptrvec_free(&L.pending);
    dossier_arena_free(&L.scratch);
    free(kinds);
    free(dirs);
    dossier_diags_sort(diags);
    if (st != DOSSIER_OK) {
        dossier_model_free(&mi->pub);
        return st;
    }
    *out = &mi->pub;
    return DOSSIER_OK;
}
