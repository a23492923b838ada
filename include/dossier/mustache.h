/* mustache.h - the Mustache template engine (logic-less templates).
 *
 * Implements the Mustache spec (comments, delimiters, interpolation,
 * inverted, partials, sections; lambdas are not supported) against a
 * dossier_value tree. Debian ships no Mustache library, so this one lives in
 * the core and is exposed to plugins through plugin.h.
 *
 * Thread-safety: rendering is reentrant; separate renders may run at once. */
#ifndef DOSSIER_MUSTACHE_H
#define DOSSIER_MUSTACHE_H

#include <stddef.h>
#include <stdint.h>

#include "dossier/diag.h"
#include "dossier/status.h"
#include "dossier/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How {{name}} escapes a value ({{{name}}} and {{&name}} never escape). */
typedef enum dossier_escape {
    DOSSIER_ESCAPE_HTML = 0, /* & < > " as entities: the spec's default */
    DOSSIER_ESCAPE_MARKDOWN, /* backslash before CommonMark punctuation, so data
                                can never change a document's structure */
    DOSSIER_ESCAPE_NONE
} dossier_escape;

/* Looks up the partial `name`. Returns its text (and length in *len), or
 * NULL when there is no such partial (rendered as empty, as the spec says).
 * Ownership: the text stays the caller's and must stay valid until the
 * render returns. Called on the rendering thread, at most once per name and
 * indentation per render (results are cached). */
typedef const char *(*dossier_partial_fn)(void *userdata, const char *name,
                                          size_t *len);

typedef struct dossier_mustache_options {
    uint32_t struct_size;        /* sizeof(dossier_mustache_options) */
    dossier_escape escape;
    dossier_partial_fn partial;  /* NULL: partials come only from partials_dir */
    void *partial_userdata;
    const char *partials_dir;    /* NULL, or a folder of NAME.mustache files */
    size_t max_depth;            /* nested sections/partials; 0 = 100; at most 1000 */
    size_t max_output;           /* bytes; 0 = 256 MiB (render_to: 16 GiB) */
    /* Appended in plugin ABI 1.1 (older callers pass a shorter struct_size): */
    size_t flush_bytes;          /* render_to only: hand output to the
                                    callback once this much is buffered;
                                    0 = 64 KiB, 1 = after every piece */
} dossier_mustache_options;

/* Renders `tmpl` (`len` bytes; `name` used in diagnostics) against `data`.
 * `opts` may be NULL (HTML escaping, no partials).
 * Returns DOSSIER_OK with a malloc'd NUL-terminated result in *out (length in
 * *out_len, which may be NULL), or DOSSIER_ERR_TEMPLATE with a located
 * diagnostic ("unclosed section 'x'", "bad set-delimiter tag") in `diags`;
 * DOSSIER_ERR_LIMIT when max_depth (recursive partials) or max_output is
 * exceeded; DOSSIER_ERR_IO when a partial file exists but cannot be read.
 * DOSSIER_ERR_USAGE when `out` or `diags` is NULL, `tmpl` is NULL with
 * `len` > 0, or opts->escape is not a dossier_escape value;
 * DOSSIER_ERR_NOMEM (also reported in `diags`).
 * On error *out is NULL. Falsey values: missing, null, false, [], "".
 * Escaping and lookup rules: docs/MUSTACHE.md.
 * Ownership: caller frees *out with free().
 * Thread-safety: safe; `data` is only read. */
dossier_status dossier_mustache_render(const char *tmpl, size_t len,
                                       const char *name,
                                       const dossier_value *data,
                                       const dossier_mustache_options *opts,
                                       char **out, size_t *out_len,
                                       dossier_diags *diags);

/* Receives the next `len` bytes (never 0) of a streamed render, in order;
 * `text` is valid only during the call and is not NUL-terminated.
 * Returns 0 to go on; any other value stops the render. */
typedef int (*dossier_mustache_write_fn)(void *userdata, const char *text,
                                         size_t len);

/* Renders like dossier_mustache_render (the same text, byte for byte) but
 * hands the output to `write` in pieces instead of returning it whole: the
 * engine buffers up to opts->flush_bytes (default 64 KiB; a single value or
 * text run may make one piece bigger) and calls `write` then and at the end,
 * so memory does not grow with the output.
 * max_output here bounds the TOTAL bytes handed to `write` over the whole
 * render (0 = 16 GiB: memory is no longer the concern, but a template that
 * multiplies its output through nested partials must still end).
 * Returns DOSSIER_OK once everything was written; the same errors as
 * dossier_mustache_render; and DOSSIER_ERR_IO WITHOUT a diagnostic when
 * `write` returned non-zero (it is not called again; the callback knows and
 * reports why). DOSSIER_ERR_USAGE also for a NULL `write`.
 * On any error `write` may already have received part of the output: the
 * caller discards it. Syntax errors in `tmpl` are found before any write;
 * a partial's only when it is first used.
 * Thread-safety: safe; `data` is only read; `write` runs on the calling
 * thread. */
dossier_status dossier_mustache_render_to(const char *tmpl, size_t len,
                                          const char *name,
                                          const dossier_value *data,
                                          const dossier_mustache_options *opts,
                                          dossier_mustache_write_fn write,
                                          void *userdata,
                                          dossier_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
