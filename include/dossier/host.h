/* host.h - finding, checking and running output plugins (library API).
 *
 * A dossier_registry holds every plugin file found on the plugin search path,
 * usable or not: a refused file keeps a precise reason ("built for plugin ABI
 * 2.0; this host supports 1.x"), so `dossier plugins` can explain it.
 * dossier_render() then renders a loaded model with some of them, each format
 * into a temporary file that is renamed over the final name only on success.
 *
 * Used by the CLI and by programs embedding Dossier; plugins never call these.
 * Thread-safety: a registry is used by one thread at a time. dossier_render()
 * installs SIGINT/SIGTERM/SIGHUP/SIGPIPE handlers for its duration (to remove
 * temporary files; a signal the caller ignores stays ignored) and forks; call
 * it from a single-threaded program, one at a time. */
#ifndef DOSSIER_HOST_H
#define DOSSIER_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "dossier/diag.h"
#include "dossier/model.h"
#include "dossier/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dossier_registry dossier_registry;

/* What the registry knows about one plugin file. Strings are owned by the
 * registry and stay valid until it is freed. */
typedef struct dossier_plugin_info {
    const char *name;           /* NULL when the descriptor could not be read */
    const char *version;        /* "" when unknown */
    const char *description;    /* "" when unknown */
    const char *default_output; /* "" when unknown */
    const char *file;           /* absolute path of the .so (or refused dir) */
    unsigned abi_major;         /* as declared by the plugin; 0 when unknown */
    unsigned abi_minor;
    const char *error;          /* NULL when usable, else why it was refused */
} dossier_plugin_info;

/* Creates an empty registry.
 * Returns: the registry, or NULL when out of memory.
 * Ownership: free with dossier_registry_free(), which also unloads plugins. */
dossier_registry *dossier_registry_new(void);
/* Unloads every plugin (dlclose) and frees the registry; NULL is a no-op.
 * Nothing a plugin returned may be used afterwards. */
void dossier_registry_free(dossier_registry *reg);

/* Search the default locations after `dirs`: $DOSSIER_PLUGIN_PATH
 * (colon-separated), <dir of the running executable>/plugins,
 * <exe dir>/../lib/dossier/plugins and the install dir. */
#define DOSSIER_SCAN_DEFAULTS 1u

/* Loads every `*.so` of `dirs` (in order, files sorted by name), then of the
 * default locations when `flags` has DOSSIER_SCAN_DEFAULTS. The current
 * directory is never searched implicitly; relative dirs are made absolute.
 * A missing default dir is skipped; a missing dir given in `dirs`, a
 * world-writable dir or file, and every bad plugin become entries with an
 * error. A file reached twice (same real path) is loaded once; a second
 * plugin with an already-registered name is refused as a duplicate.
 * Loading runs a plugin's dlopen-time code (its constructors), so only
 * trusted folders belong on the path.
 * Returns: DOSSIER_OK (refused files are entries, not failures),
 * DOSSIER_ERR_USAGE when `reg` is NULL, or DOSSIER_ERR_NOMEM. */
dossier_status dossier_registry_scan(dossier_registry *reg,
                                     const char *const *dirs, size_t count,
                                     unsigned flags);

/* Loads one plugin file (e.g. for `dossier plugins --check`) and appends its
 * entry; *index (may be NULL) receives its position. Returns DOSSIER_OK when
 * the plugin is usable, otherwise DOSSIER_ERR_PLUGIN or DOSSIER_ERR_ABI (the
 * entry's error says why), DOSSIER_ERR_USAGE (NULL argument) or
 * DOSSIER_ERR_NOMEM. */
dossier_status dossier_registry_load_file(dossier_registry *reg,
                                          const char *path, size_t *index);

/* Returns: the number of entries, usable or refused (0 for NULL). */
size_t dossier_registry_count(const dossier_registry *reg);
/* The i-th entry in discovery order.
 * Returns: the entry, or NULL when out of range.
 * Ownership: owned by the registry. The struct may move on the next
 * dossier_registry_scan/load_file (look it up again after them); its strings
 * stay valid until dossier_registry_free(). */
const dossier_plugin_info *dossier_registry_info(const dossier_registry *reg,
                                                 size_t i);
/* Looks up the usable plugin called `name` (refused entries never match).
 * Returns: DOSSIER_OK with *index set (`index` may be NULL), or
 * DOSSIER_ERR_NOT_FOUND. */
dossier_status dossier_registry_find(const dossier_registry *reg,
                                     const char *name, size_t *index);

/* The directories searched by the scans so far, in order, each once
 * (absolute; missing default dirs included). dossier_registry_dir returns
 * NULL when out of range; strings are owned by the registry until it is
 * freed. */
size_t dossier_registry_dir_count(const dossier_registry *reg);
const char *dossier_registry_dir(const dossier_registry *reg, size_t i);

/* Reported to dossier_render_options.on_event when a format starts and when
 * it ends. */
typedef struct dossier_render_event {
    const char *format;  /* plugin name */
    int finished;        /* 0: started, 1: finished */
    dossier_status status; /* when finished: DOSSIER_OK, _RENDER, _CRASH... */
    double seconds;      /* when finished: wall time of this format */
    const char *output;  /* final path of the output file */
} dossier_render_event;

typedef struct dossier_render_options {
    uint32_t struct_size;       /* sizeof(dossier_render_options) */
    const char *output_dir;     /* created if missing; NULL means "." */
    const char *template_dir;   /* searched first by find_template; may be NULL */
    const char *const *options; /* "FORMAT.KEY=VALUE" strings (-O) */
    size_t option_count;
    int no_isolate;             /* 1: render in-process, one after another */
    unsigned jobs;              /* parallel children; 0: one per format, at most nproc */
    unsigned timeout_seconds;   /* per format when isolated; 0: 120 */
    /* Called in the calling process, never concurrently; may be NULL.
     * Diagnostics of a format are in `diags` before its "finished" event. */
    void (*on_event)(void *userdata, const dossier_render_event *event);
    void *userdata;
} dossier_render_options;

/* Initialises `opts` with the defaults (struct_size set, output_dir NULL,
 * isolated, automatic jobs, 120 s timeout, no options, no callback). Always
 * call it before setting fields, so a newer library sees its own defaults. */
void dossier_render_options_init(dossier_render_options *opts);

/* Renders `model` with the usable plugins named in `formats` (looked up in
 * `reg`). Each format writes a temporary file in the output dir which is
 * fsynced and renamed over its final name (the plugin's default_output, or
 * `-O FORMAT.output=NAME`) only when the plugin returned DOSSIER_OK and
 * reported no error; otherwise it is removed and an older output stays
 * untouched. When isolated, each format runs in a forked child: a crash or
 * a timeout fails that format only, the others still land.
 * Returns DOSSIER_OK when every format landed; otherwise the first failing
 * status (DOSSIER_ERR_USAGE for unknown formats or bad options, which are
 * detected before anything renders, or for a NULL argument) with
 * diagnostics in `diags`. `opts` may be NULL (defaults).
 * Ownership: nothing is kept; `reg`, `model` and `opts` are only read.
 * Thread-safety: see the top of this file (signals, fork). */
dossier_status dossier_render(const dossier_registry *reg,
                              const dossier_model *model,
                              const char *const *formats, size_t format_count,
                              const dossier_render_options *opts,
                              dossier_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
