/* loader.h - loading a dossier into a dossier_model (library API).
 *
 * Used by the CLI and by programs that embed Dossier. Plugins never call
 * these: they receive a loaded model through plugin.h. */
#ifndef DOSSIER_LOADER_H
#define DOSSIER_LOADER_H

#include <stddef.h>

#include "dossier/diag.h"
#include "dossier/model.h"
#include "dossier/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits that keep hostile input bounded in time and memory.
 * ABI: the caller allocates this struct, so it starts with struct_size and
 * only ever grows at the end; the library reads only the members the
 * caller's struct_size covers and uses defaults for the rest. Initialise it
 * with dossier_limits_init(), then change what you need. */
typedef struct dossier_limits {
    size_t struct_size;      /* sizeof(dossier_limits) as the caller compiled it */
    size_t max_file_bytes;   /* default 16 MiB */
    size_t max_string_bytes; /* default 1 MiB */
    size_t max_depth;        /* default 64 */
    size_t max_alias_nodes;  /* nodes all aliases of one file may expand into; default 1000 */
    size_t max_events;       /* default 1,000,000 */
} dossier_limits;

/* Fills `limits` (struct_size bytes of it) with the defaults and sets its
 * struct_size. Call it as dossier_limits_init(&l, sizeof l).
 * Thread-safety: safe. */
void dossier_limits_init(dossier_limits *limits, size_t struct_size);

/* Loads `count` paths: each a dossier folder (holding dossier.yaml or
 * dossier.json and events/), or an event file (.md, .yaml, .yml, .json).
 * `limits` may be NULL for the defaults.
 *
 * Returns DOSSIER_OK and sets *out when the input is valid (warnings may
 * have been added to `diags`); otherwise returns an error status
 * (DOSSIER_ERR_LIMIT when some input exceeded a limit, DOSSIER_ERR_INVALID
 * for other problems, DOSSIER_ERR_NOMEM, DOSSIER_ERR_USAGE for no paths),
 * sets *out to NULL and adds every error found to `diags`, sorted by file,
 * line and column. Input formats and every rule: docs/FORMAT.md.
 * Ownership: the caller frees *out with dossier_model_free(). */
dossier_status dossier_load(const char *const *paths, size_t count,
                            const dossier_limits *limits,
                            dossier_model **out, dossier_diags *diags);

/* Frees a model and everything in it; NULL is allowed. */
void dossier_model_free(dossier_model *model);

/* Lookups by id; NULL when absent. O(log n). The result is owned by the
 * model and valid until dossier_model_free(). Thread-safety: safe. */
const dossier_entity *dossier_model_find_entity(const dossier_model *m, const char *id);
const dossier_person *dossier_model_find_person(const dossier_model *m, const char *id);
const dossier_event *dossier_model_find_event(const dossier_model *m, const char *id);

/* ISO 3166-1 alpha-2: the English short name for an upper-case code, or
 * NULL when `code` is not an assigned code. Returns static storage.
 * Thread-safety: safe. */
const char *dossier_country_name(const char *code);

#ifdef __cplusplus
}
#endif
#endif
