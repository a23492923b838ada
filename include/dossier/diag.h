/* diag.h - diagnostics as values.
 *
 * The library never prints. Every problem it finds becomes a dossier_diag
 * appended to a dossier_diags list owned by the caller; the CLI prints them
 * as "FILE:LINE:COL: error: MESSAGE". Loading collects all of them, not just
 * the first.
 *
 * Thread-safety: a list is not locked; use each list from one thread at a
 * time (separate lists may be used concurrently). */
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

/* Creates an empty list.
 * Returns: the list, or NULL when out of memory.
 * Ownership: the caller frees it with dossier_diags_free(). */
dossier_diags *dossier_diags_new(void);
/* Frees the list and every string of its diagnostics; NULL is a no-op. */
void dossier_diags_free(dossier_diags *diags);

/* Appends a diagnostic whose message is printf-style `fmt`; `file` and
 * `hint` may be NULL.
 * Returns: 0, or -1 when out of memory or `diags` is NULL (the diagnostic is
 * then dropped, but a non-NULL list still counts it in
 * dossier_diags_error_count/warning_count).
 * Ownership: all strings are copied; the caller keeps its own. */
int dossier_diags_add(dossier_diags *diags, dossier_severity severity,
                      const char *file, unsigned line, unsigned col,
                      const char *hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* Same as dossier_diags_add, with a va_list (used, not ended). */
int dossier_diags_addv(dossier_diags *diags, dossier_severity severity,
                       const char *file, unsigned line, unsigned col,
                       const char *hint, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 0)))
#endif
    ;

/* Returns: how many diagnostics the list holds (0 for NULL). */
size_t dossier_diags_count(const dossier_diags *diags);
/* The i-th diagnostic, in the order added (or sorted).
 * Returns: the diagnostic, or NULL when `i` is out of range.
 * Ownership: owned by the list. The struct may move on the next
 * dossier_diags_add or dossier_diags_sort (do not keep the pointer across
 * them); its strings stay valid until dossier_diags_free(). */
const dossier_diag *dossier_diags_get(const dossier_diags *diags, size_t i);
/* Returns: how many errors (warnings) were added, including ones dropped
 * for lack of memory; 0 for NULL. */
size_t dossier_diags_error_count(const dossier_diags *diags);
size_t dossier_diags_warning_count(const dossier_diags *diags);

/* Sorts diagnostics by file, line, column (stable; diagnostics without a
 * file first), so output is deterministic whatever order checks ran in.
 * Works without extra memory when none is available. */
void dossier_diags_sort(dossier_diags *diags);

/* Formats one diagnostic as "FILE:LINE:COL: error: MESSAGE (HINT)" (no
 * trailing newline). Missing parts are omitted: no file gives
 * "dossier: error: ...", no line gives "FILE: error: ...".
 * Returns: a malloc'd string, or NULL when out of memory.
 * Ownership: caller frees it with free().
 * Thread-safety: safe; `diag` is only read. */
char *dossier_diag_format(const dossier_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
