/* loader_util.c - containers and diagnostics for the loader. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "loader_internal.h"

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

void *dossier_strmap_get(const dossier_strmap *m, const char *key)
{
    size_t i, mask;
    if (!m->cap)
        return NULL;
    mask = m->cap - 1;
    for (i = hash_str(key) & mask; m->keys[i]; i = (i + 1) & mask)
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    return NULL;
}

static void put_slot(const char **keys, void **vals, size_t cap, const char *key, void *val)
{
    size_t i, mask = cap - 1;
    for (i = hash_str(key) & mask; keys[i]; i = (i + 1) & mask)
        if (strcmp(keys[i], key) == 0)
            break;
    keys[i] = key;
    vals[i] = val;
}

int dossier_strmap_put(dossier_strmap *m, const char *key, void *val)
{
    if ((m->count + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64, i;
        const char **keys = calloc(cap, sizeof(*keys));
        void **vals = calloc(cap, sizeof(*vals));
        if (!keys || !vals) {
            free(keys);
            free(vals);
            return -1;
        }
        for (i = 0; i < m->cap; i++)
            if (m->keys[i])
                put_slot(keys, vals, cap, m->keys[i], m->vals[i]);
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    if (!dossier_strmap_get(m, key))
        m->count++;
    put_slot(m->keys, m->vals, m->cap, key, val);
    return 0;
}

void dossier_strmap_free(dossier_strmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

int dossier_ptrvec_push(dossier_ptrvec *v, void *p)
{
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void **items = realloc(v->items, cap * sizeof(*items));
        if (!items)
            return -1;
        v->items = items;
        v->cap = cap;
    }
    v->items[v->count++] = p;
    return 0;
}

void dossier_ptrvec_free(dossier_ptrvec *v)
{
    free(v->items);
    memset(v, 0, sizeof(*v));
}

int dossier_ld_hint_afford(dossier_loader *L, size_t n)
{
    if (n == 0 || L->hint_budget < n)
        return 0;
    L->hint_budget -= n;
    return 1;
}

dossier_pos dossier_ld_pos(const dossier_loader *L, const dossier_ynode *n)
{
    dossier_pos p;
    p.file = L->file;
    p.line = n ? n->line : 1;
    p.col = n ? n->col : 1;
    return p;
}

void dossier_ld_file_begin(dossier_loader *L, const char *path)
{
    L->file = path;
    L->file_diags = 0;
    L->more_errors = 0;
    L->more_warnings = 0;
}

void dossier_ld_file_end(dossier_loader *L)
{
    if (L->more_errors)
        dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, L->file, 0, 0, NULL,
                          "%zu more errors and %zu more warnings in this file are not shown",
                          L->more_errors, L->more_warnings);
    else if (L->more_warnings)
        dossier_diags_add(L->diags, DOSSIER_SEV_WARNING, L->file, 0, 0, NULL,
                          "%zu more warnings in this file are not shown", L->more_warnings);
    L->more_errors = L->more_warnings = L->file_diags = 0;
}

int dossier_ld_diag_room(dossier_loader *L, dossier_severity sev)
{
    if (L->file_diags < DOSSIER_LD_MAX_FILE_DIAGS) {
        L->file_diags++;
        return 1;
    }
    if (sev == DOSSIER_SEV_ERROR)
        L->more_errors++;
    else
        L->more_warnings++;
    return 0;
}

static void add(dossier_loader *L, dossier_severity sev, unsigned line, unsigned col,
                const char *hint, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

static void add(dossier_loader *L, dossier_severity sev, unsigned line, unsigned col,
                const char *hint, const char *fmt, va_list ap)
{
    if (dossier_ld_diag_room(L, sev))
        dossier_diags_addv(L->diags, sev, L->file, line, col, hint, fmt, ap);
}

void dossier_ld_error(dossier_loader *L, const dossier_ynode *at, const char *hint,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(L, DOSSIER_SEV_ERROR, at ? at->line : 1, at ? at->col : 1, hint, fmt, ap);
    va_end(ap);
}

void dossier_ld_warning(dossier_loader *L, const dossier_ynode *at, const char *hint,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(L, DOSSIER_SEV_WARNING, at ? at->line : 1, at ? at->col : 1, hint, fmt, ap);
    va_end(ap);
}

void dossier_ld_error_pos(dossier_loader *L, dossier_pos pos, const char *hint,
                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dossier_diags_addv(L->diags, DOSSIER_SEV_ERROR, pos.file, pos.line, pos.col, hint, fmt,
                       ap);
    va_end(ap);
}

const char *dossier_ld_strdup(dossier_loader *L, const char *s)
{
    char *p = dossier_arena_strdup(L->arena, s);
    if (!p)
        L->nomem = 1;
    return p;
}

void *dossier_ld_alloc(dossier_loader *L, size_t size)
{
    void *p = dossier_arena_alloc(L->arena, size ? size : 1);
    if (!p)
        L->nomem = 1;
    return p;
}
