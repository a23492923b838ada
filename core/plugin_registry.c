/* plugin_registry.c - the list of plugin files found, usable or refused,
 * and the plugin search path (see dossier/host.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf_internal.h"
#include "export_internal.h"
#include "plugin_internal.h"
#include "plugin_load_internal.h"

struct dossier_registry {
    dossier_plugin_rec *items;
    size_t count, cap;
    char **dirs;
    size_t dir_count, dir_cap;
};

DOSSIER_API dossier_registry *dossier_registry_new(void)
{
    return calloc(1, sizeof(dossier_registry));
}

DOSSIER_API void dossier_registry_free(dossier_registry *reg)
{
    size_t i;
    if (!reg)
        return;
    for (i = 0; i < reg->count; i++)
        dossier_plugin_rec_clear(&reg->items[i]);
    for (i = 0; i < reg->dir_count; i++)
        free(reg->dirs[i]);
    free(reg->items);
    free(reg->dirs);
    free(reg);
}

DOSSIER_API size_t dossier_registry_count(const dossier_registry *reg)
{
    return reg ? reg->count : 0;
}

DOSSIER_API const dossier_plugin_info *
dossier_registry_info(const dossier_registry *reg, size_t i)
{
    return (reg && i < reg->count) ? &reg->items[i].info : NULL;
}

const dossier_plugin *dossier_registry_plugin_(const dossier_registry *reg,
                                               size_t index)
{
    if (!reg || index >= reg->count || reg->items[index].info.error)
        return NULL;
    return &reg->items[index].desc;
}

DOSSIER_API dossier_status dossier_registry_find(const dossier_registry *reg,
                                                 const char *name, size_t *index)
{
    size_t i;
    for (i = 0; reg && name && i < reg->count; i++) {
        const dossier_plugin_info *in = &reg->items[i].info;
        if (!in->error && in->name && strcmp(in->name, name) == 0) {
            if (index)
                *index = i;
            return DOSSIER_OK;
        }
    }
    return DOSSIER_ERR_NOT_FOUND;
}

DOSSIER_API size_t dossier_registry_dir_count(const dossier_registry *reg)
{
    return reg ? reg->dir_count : 0;
}

DOSSIER_API const char *dossier_registry_dir(const dossier_registry *reg,
                                             size_t i)
{
    return (reg && i < reg->dir_count) ? reg->dirs[i] : NULL;
}

static dossier_plugin_rec *push_rec(dossier_registry *reg)
{
    if (reg->count == reg->cap) {
        size_t cap = reg->cap ? reg->cap * 2 : 8;
        dossier_plugin_rec *p = realloc(reg->items, cap * sizeof(*p));
        if (!p)
            return NULL;
        reg->items = p;
        reg->cap = cap;
    }
    memset(&reg->items[reg->count], 0, sizeof(reg->items[0]));
    return &reg->items[reg->count++];
}

/* Appends an entry that is refused before any loading: a bad directory. */
static dossier_status add_refused(dossier_registry *reg, const char *file,
                                  const char *reason)
{
    dossier_plugin_rec *r = push_rec(reg);
    if (!r)
        return DOSSIER_ERR_NOMEM;
    return dossier_plugin_rec_refuse(r, file, reason);
}

/* Loads `path` (absolute) into a new entry, then applies the duplicate rules.
 * `explicit_file`: the user named this file, so even a same-path repeat is
 * reported. */
static dossier_status load_into(dossier_registry *reg, const char *path,
                                size_t *index, int explicit_file)
{
    dossier_plugin_rec *r;
    size_t i, at;
    dossier_status st;
    char real[PATH_MAX];

    if (!explicit_file && realpath(path, real)) {
        for (i = 0; i < reg->count; i++)
            if (reg->items[i].real && strcmp(reg->items[i].real, real) == 0)
                return DOSSIER_OK; /* the same file via two search dirs */
    }
    r = push_rec(reg);
    if (!r)
        return DOSSIER_ERR_NOMEM;
    at = reg->count - 1;
    if (index)
        *index = at;
    st = dossier_plugin_rec_load(r, path);
    if (st != DOSSIER_OK || !r->info.name)
        return st;
    for (i = 0; i < at; i++) {
        const dossier_plugin_info *o = &reg->items[i].info;
        if (!o->error && o->name && strcmp(o->name, r->info.name) == 0) {
            dossier_buf why = DOSSIER_BUF_INIT;
            dossier_buf_printf(&why, "duplicates plugin '%s' from %s", o->name,
                               o->file);
            st = dossier_plugin_rec_demote(r, why.data);
            dossier_buf_free(&why);
            return st == DOSSIER_OK ? DOSSIER_ERR_PLUGIN : st;
        }
    }
    return DOSSIER_OK;
}

DOSSIER_API dossier_status dossier_registry_load_file(dossier_registry *reg,
                                                      const char *path,
                                                      size_t *index)
{
    char abs[PATH_MAX];
    if (!reg || !path)
        return DOSSIER_ERR_USAGE;
    if (path[0] != '/' && realpath(path, abs)) {
        path = abs; /* "./x.so" or "../b/x.so" shown as a clean path */
    } else if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd) ||
            (size_t)snprintf(abs, sizeof abs, "%s/%s", cwd, path) >= sizeof abs)
            return add_refused(reg, path, "path too long") == DOSSIER_OK
                       ? DOSSIER_ERR_PLUGIN
                       : DOSSIER_ERR_NOMEM;
        path = abs;
    }
    return load_into(reg, path, index, 1);
}

static int ends_with_so(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".so") == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static dossier_status remember_dir(dossier_registry *reg, const char *dir)
{
    char *copy;
    if (reg->dir_count == reg->dir_cap) {
        size_t cap = reg->dir_cap ? reg->dir_cap * 2 : 8;
        char **p = realloc(reg->dirs, cap * sizeof(*p));
        if (!p)
            return DOSSIER_ERR_NOMEM;
        reg->dirs = p;
        reg->dir_cap = cap;
    }
    copy = strdup(dir);
    if (!copy)
        return DOSSIER_ERR_NOMEM;
    reg->dirs[reg->dir_count++] = copy;
    return DOSSIER_OK;
}

/* Scans one directory. `must_exist`: the user named it explicitly. */
static dossier_status scan_dir(dossier_registry *reg, const char *dir,
                               int must_exist)
{
    char abs[PATH_MAX], *reason = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    dossier_status st = DOSSIER_OK;
    struct dirent *de;
    DIR *d;

    if (!dir || !*dir)
        return DOSSIER_OK;
    if (dir[0] != '/') {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd) ||
            (size_t)snprintf(abs, sizeof abs, "%s/%s", cwd, dir) >= sizeof abs)
            return add_refused(reg, dir, "path too long");
        dir = abs;
    }
    for (i = 0; i < reg->dir_count; i++)
        if (strcmp(reg->dirs[i], dir) == 0)
            return DOSSIER_OK;
    if (remember_dir(reg, dir) != DOSSIER_OK)
        return DOSSIER_ERR_NOMEM;
    switch (dossier_plugin_path_check(dir, 1, &reason)) {
    case DOSSIER_PATH_SAFE:
        break;
    case DOSSIER_PATH_NOMEM:
        return DOSSIER_ERR_NOMEM;
    case DOSSIER_PATH_MISSING:
        if (!must_exist) {
            free(reason);
            return DOSSIER_OK;
        }
        /* fall through */
    default:
        st = add_refused(reg, dir, reason ? reason : "unusable directory");
        free(reason);
        return st;
    }
    d = opendir(dir);
    if (!d) {
        dossier_buf why = DOSSIER_BUF_INIT;
        if (!must_exist && errno == ENOENT)
            return DOSSIER_OK;
        dossier_buf_printf(&why, "cannot read plugin directory: %s",
                           strerror(errno));
        st = add_refused(reg, dir, why.data ? why.data : "cannot read");
        dossier_buf_free(&why);
        return st;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || !ends_with_so(de->d_name))
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            char **p = realloc(names, nc * sizeof(*p));
            if (!p) {
                st = DOSSIER_ERR_NOMEM;
                break;
            }
            names = p;
            cap = nc;
        }
        if (!(names[n] = strdup(de->d_name))) {
            st = DOSSIER_ERR_NOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof(*names), cmp_str);
    for (i = 0; i < n; i++) {
        if (st != DOSSIER_ERR_NOMEM) {
            dossier_buf path = DOSSIER_BUF_INIT;
            dossier_buf_printf(&path, "%s/%s", dir, names[i]);
            if (path.failed || load_into(reg, path.data, NULL, 0) ==
                                   DOSSIER_ERR_NOMEM)
                st = DOSSIER_ERR_NOMEM;
            dossier_buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
    return st;
}

/* <dir of the running executable>, or "" when /proc is unavailable. */
static void exe_dir(char *out, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    char *slash;
    if (n <= 0) {
        out[0] = '\0';
        return;
    }
    out[n] = '\0';
    slash = strrchr(out, '/');
    if (slash)
        *slash = '\0';
    else
        out[0] = '\0';
}

static dossier_status scan_env_path(dossier_registry *reg)
{
    const char *env = getenv("DOSSIER_PLUGIN_PATH");
    char *copy, *p, *next;
    dossier_status st = DOSSIER_OK;
    if (!env || !*env)
        return DOSSIER_OK;
    if (!(copy = strdup(env)))
        return DOSSIER_ERR_NOMEM;
    for (p = copy; p && st == DOSSIER_OK; p = next) {
        next = strchr(p, ':');
        if (next)
            *next++ = '\0';
        /* An empty element would mean "current directory" to some tools;
         * we never search it implicitly. */
        if (*p)
            st = scan_dir(reg, p, 1);
    }
    free(copy);
    return st;
}

DOSSIER_API dossier_status dossier_registry_scan(dossier_registry *reg,
                                                 const char *const *dirs,
                                                 size_t count, unsigned flags)
{
    char exe[PATH_MAX], path[PATH_MAX + 32];
    dossier_status st = DOSSIER_OK;
    size_t i;

    if (!reg)
        return DOSSIER_ERR_USAGE;
    for (i = 0; i < count && st != DOSSIER_ERR_NOMEM; i++)
        st = scan_dir(reg, dirs[i], 1);
    if (!(flags & DOSSIER_SCAN_DEFAULTS) || st == DOSSIER_ERR_NOMEM)
        return st == DOSSIER_ERR_NOMEM ? st : DOSSIER_OK;
    if (scan_env_path(reg) == DOSSIER_ERR_NOMEM)
        return DOSSIER_ERR_NOMEM;
    exe_dir(exe, sizeof exe);
    if (exe[0]) {
        snprintf(path, sizeof path, "%s/plugins", exe);
        if (scan_dir(reg, path, 0) == DOSSIER_ERR_NOMEM)
            return DOSSIER_ERR_NOMEM;
    }
#ifdef DOSSIER_INSTALL_PLUGIN_DIR
    if (scan_dir(reg, DOSSIER_INSTALL_PLUGIN_DIR, 0) == DOSSIER_ERR_NOMEM)
        return DOSSIER_ERR_NOMEM;
#endif
    if (exe[0]) {
        char real[PATH_MAX];
        /* A relocated install: bin/dossier next to lib/dossier/plugins. */
        snprintf(path, sizeof path, "%s/../lib/dossier/plugins", exe);
        if (realpath(path, real) && scan_dir(reg, real, 0) == DOSSIER_ERR_NOMEM)
            return DOSSIER_ERR_NOMEM;
    }
    return DOSSIER_OK;
}
