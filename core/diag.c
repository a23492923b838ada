/* diag.c - the diagnostics list (see dossier/diag.h). */
#include "dossier/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_internal.h"
#include "export_internal.h"

struct dossier_diags {
    dossier_diag *items;
    size_t count;
    size_t cap;
    size_t errors;   /* counted even when an entry could not be stored */
    size_t warnings;
};

DOSSIER_API dossier_diags *dossier_diags_new(void)
{
    return calloc(1, sizeof(dossier_diags));
}

static void free_diag_strings(dossier_diag *d)
{
    free((char *)d->file);
    free((char *)d->message);
    free((char *)d->hint);
}

DOSSIER_API void dossier_diags_free(dossier_diags *diags)
{
    size_t i;
    if (!diags)
        return;
    for (i = 0; i < diags->count; i++)
        free_diag_strings(&diags->items[i]);
    free(diags->items);
    free(diags);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

DOSSIER_API int dossier_diags_addv(dossier_diags *diags, dossier_severity severity,
                                   const char *file, unsigned line, unsigned col,
                                   const char *hint, const char *fmt, va_list ap)
{
    dossier_buf msg = DOSSIER_BUF_INIT;
    dossier_diag d;
    if (!diags)
        return -1;
    if (severity == DOSSIER_SEV_ERROR)
        diags->errors++;
    else if (severity == DOSSIER_SEV_WARNING)
        diags->warnings++;
    if (diags->count == diags->cap) {
        size_t cap = diags->cap ? diags->cap * 2 : 16;
        dossier_diag *p = realloc(diags->items, cap * sizeof(*p));
        if (!p)
            return -1;
        diags->items = p;
        diags->cap = cap;
    }
    dossier_buf_vprintf(&msg, fmt, ap);
    d.severity = severity;
    d.line = line;
    d.col = col;
    d.message = dossier_buf_detach(&msg, NULL);
    d.file = dup_or_null(file);
    d.hint = dup_or_null(hint);
    if (!d.message || (file && !d.file) || (hint && !d.hint)) {
        free_diag_strings(&d);
        return -1;
    }
    diags->items[diags->count++] = d;
    return 0;
}

DOSSIER_API int dossier_diags_add(dossier_diags *diags, dossier_severity severity,
                                  const char *file, unsigned line, unsigned col,
                                  const char *hint, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = dossier_diags_addv(diags, severity, file, line, col, hint, fmt, ap);
    va_end(ap);
    return rc;
}

DOSSIER_API size_t dossier_diags_count(const dossier_diags *diags)
{
    return diags ? diags->count : 0;
}

DOSSIER_API const dossier_diag *dossier_diags_get(const dossier_diags *diags, size_t i)
{
    return (diags && i < diags->count) ? &diags->items[i] : NULL;
}

DOSSIER_API size_t dossier_diags_error_count(const dossier_diags *diags)
{
    return diags ? diags->errors : 0;
}

DOSSIER_API size_t dossier_diags_warning_count(const dossier_diags *diags)
{
    return diags ? diags->warnings : 0;
}

static int compare_diag(const dossier_diag *a, const dossier_diag *b)
{
    int c;
    if (a->file != b->file) {
        if (!a->file)
            return -1;
        if (!b->file)
            return 1;
        c = strcmp(a->file, b->file);
        if (c)
            return c;
    }
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

/* Stable merge sort of items[lo, hi) using tmp as scratch. */
static void merge_sort(dossier_diag *items, dossier_diag *tmp, size_t lo, size_t hi)
{
    size_t mid, i, j, k;
    if (hi - lo < 2)
        return;
    mid = lo + (hi - lo) / 2;
    merge_sort(items, tmp, lo, mid);
    merge_sort(items, tmp, mid, hi);
    if (compare_diag(&items[mid - 1], &items[mid]) <= 0)
        return; /* already in order: the common case for loader output */
    for (i = lo, j = mid, k = lo; k < hi; k++) {
        if (i < mid && (j >= hi || compare_diag(&items[i], &items[j]) <= 0))
            tmp[k] = items[i++];
        else
            tmp[k] = items[j++];
    }
    memcpy(items + lo, tmp + lo, (hi - lo) * sizeof(*items));
}

DOSSIER_API void dossier_diags_sort(dossier_diags *diags)
{
    dossier_diag *tmp;
    size_t i, j;
    if (!diags || diags->count < 2)
        return;
    tmp = malloc(diags->count * sizeof(*tmp));
    if (tmp) {
        merge_sort(diags->items, tmp, 0, diags->count);
        free(tmp);
        return;
    }
    /* Out of memory: a stable insertion sort needs no scratch. */
    for (i = 1; i < diags->count; i++) {
        dossier_diag cur = diags->items[i];
        for (j = i; j > 0 && compare_diag(&diags->items[j - 1], &cur) > 0; j--)
            diags->items[j] = diags->items[j - 1];
        diags->items[j] = cur;
    }
}

DOSSIER_API char *dossier_diag_format(const dossier_diag *diag)
{
    static const char *const sev[] = {"note", "warning", "error"};
    dossier_buf b = DOSSIER_BUF_INIT;
    const char *s = ((unsigned)diag->severity <= DOSSIER_SEV_ERROR) ? sev[diag->severity] : "error";
    if (!diag->file)
        dossier_buf_puts(&b, "dossier");
    else if (!diag->line)
        dossier_buf_puts(&b, diag->file);
    else
        dossier_buf_printf(&b, "%s:%u:%u", diag->file, diag->line, diag->col ? diag->col : 1);
    dossier_buf_printf(&b, ": %s: %s", s, diag->message);
    if (diag->hint)
        dossier_buf_printf(&b, " (%s)", diag->hint);
    return dossier_buf_detach(&b, NULL);
}
