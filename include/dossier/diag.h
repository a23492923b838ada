/* diag.h - diagnostics as values.
 *
 * The library never prints. Every problem it finds becomes a dossier_diag
 * appended to a dossier_diags list owned by the caller; the CLI prints them
 * as "FILE:LINE:COL: error: MESSAGE". Loading collects all of them, not just
 * the first. */
#ifndef DOSSIER_DIAG_H
#define DOSSIER_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dossier_severity {
    DOSSIER_SEV_NOTE = 0,
    DOSSIER_SEV_WARNING = 1,
    DOSSIER_SEV_ERROR = 2
} dossier_severity;

/* One diagnostic. `file` may be NULL (no file involved); `line` and `col`
 * are 1-based, 0 when unknown. `hint` is NULL or a short suggestion such as
 * "did you mean 'title'?". Strings are owned by the list that holds it. */
typedef struct dossier_diag {
    dossier_severity severity;
    const char *file;
    unsigned line;
    unsigned col;
    const char *message;
    const char *hint;
} dossier_diag;

typedef struct dossier_diags dossier_diags;

/* Returns a new empty list, or NULL when out of memory.
 * Ownership: the caller frees it with dossier_diags_free(). */
dossier_diags *dossier_diags_new(void);
void dossier_diags_free(dossier_diags *diags);

/* Appends a diagnostic; `file` and `hint` may be NULL. All strings are
 * copied. Returns 0 on success, -1 when out of memory (the diagnostic is
 * then dropped, but the list counts it as an error if severity is error). */
int dossier_diags_add(dossier_diags *diags, dossier_severity severity,
                      const char *file, unsigned line, unsigned col,
                      const char *hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
int dossier_diags_addv(dossier_diags *diags, dossier_severity severity,
                       const char *file, unsigned line, unsigned col,
                       const char *hint, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 0)))
#endif
    ;

size_t dossier_diags_count(const dossier_diags *diags);
/* Returns the i-th diagnostic in the order added; valid until the list is
 * freed. */
const dossier_diag *dossier_diags_get(const dossier_diags *diags, size_t i);
size_t dossier_diags_error_count(const dossier_diags *diags);
size_t dossier_diags_warning_count(const dossier_diags *diags);

/* Sorts diagnostics by file, line, column (stable), so output is
 * deterministic whatever order checks ran in. */
void dossier_diags_sort(dossier_diags *diags);

/* Formats one diagnostic as "FILE:LINE:COL: error: MESSAGE (HINT)" into a
 * malloc'd string (no trailing newline). Missing parts are omitted: no file
 * gives "dossier: error: ...", no line gives "FILE: error: ...".
 * Ownership: caller frees with free(). Returns NULL when out of memory. */
char *dossier_diag_format(const dossier_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
