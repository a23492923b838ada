/* plugin.h - the output plugin ABI.
 *
 * An output plugin is a shared object exporting ONE symbol,
 * dossier_plugin_entry(), which returns a pointer to static, constant
 * descriptor data (no side effects, so `dossier plugins` can list a plugin
 * without running its render code). The host checks struct_size and the ABI
 * version before it calls anything else.
 *
 * A plugin does not link libdossier: everything it needs from the core
 * (diagnostics, options, templates, Mustache, data files) comes through the
 * dossier_host_api table handed to create(), plus the static inline helpers
 * of model.h and value.h. The model is read-only and valid for the whole
 * render.
 *
 * Growth rules (see docs/PLUGINS.md): members are only ever appended to
 * dossier_plugin and dossier_host_api; each starts with struct_size, so
 * either side can tell which members the other knows. A plugin is accepted
 * when abi_major == DOSSIER_ABI_MAJOR and abi_minor <= DOSSIER_ABI_MINOR.
 *
 * Threads: separate instances may render concurrently (in threads or
 * processes); one instance is used by one thread at a time. A plugin keeps
 * no global mutable state. Host API functions are thread-safe. */
#ifndef DOSSIER_PLUGIN_H
#define DOSSIER_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "dossier/diag.h"
#include "dossier/model.h"
#include "dossier/mustache.h"
#include "dossier/status.h"
#include "dossier/value.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DOSSIER_ABI_MAJOR 1
#define DOSSIER_ABI_MINOR 1

#define DOSSIER_PLUGIN_ENTRY_SYMBOL "dossier_plugin_entry"

#if defined(__GNUC__)
#define DOSSIER_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define DOSSIER_PLUGIN_EXPORT
#endif

/* Per-render host state; opaque to plugins. */
typedef struct dossier_render_ctx dossier_render_ctx;

/* What the host offers a plugin. Owned by the host, valid until destroy(). */
typedef struct dossier_host_api {
    uint32_t struct_size; /* sizeof(dossier_host_api) as the host knows it */
    uint16_t abi_major;
    uint16_t abi_minor;

    /* Reports a diagnostic. file may be NULL, line/col 0. An error makes the
     * render fail even if render() returns DOSSIER_OK. */
    void (*report)(dossier_render_ctx *ctx, dossier_severity severity,
                   const char *file, unsigned line, unsigned col,
                   const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 6, 7)))
#endif
        ;

    /* The option `key` given for this plugin (`-O FORMAT.KEY=VALUE` on the
     * command line), or NULL. Owned by the host. */
    const char *(*option)(dossier_render_ctx *ctx, const char *key);

    /* Finds the template file `name` (e.g. "pdf/briefing.yaml"): first in the
     * user's --template-dir, then the build tree, then the installed data
     * dir. Returns a path owned by the host, or NULL when not found. */
    const char *(*find_template)(dossier_render_ctx *ctx, const char *name);

    /* Parses a YAML/JSON file (see dossier_data_load_file); diagnostics are
     * reported through the render context. Returns DOSSIER_OK with *out
     * set, else an error status with *out NULL (DOSSIER_ERR_USAGE for a NULL
     * argument). Ownership: free *out with free_data (never free()). */
    dossier_status (*load_data)(dossier_render_ctx *ctx, const char *path,
                                dossier_data **out);
    void (*free_data)(dossier_data *data);             /* NULL: no-op */
    /* The root value of `data` (owned by it), or NULL for NULL. */
    const dossier_value *(*data_root)(const dossier_data *data);

    /* The data view of the model being rendered (what `dossier dump`
     * prints), built once by the host and shared. Owned by the host, valid
     * until destroy(); NULL (with an error reported) when it could not be
     * built. */
    const dossier_value *(*model_data)(dossier_render_ctx *ctx);

    /* Renders a Mustache template (see dossier_mustache_render); errors are
     * reported through the context. Returns its status, *out NULL on error.
     * Ownership: free *out with free_string (never free()). */
    dossier_status (*render_mustache)(dossier_render_ctx *ctx,
                                      const char *tmpl, size_t len,
                                      const char *name,
                                      const dossier_value *data,
                                      const dossier_mustache_options *opts,
                                      char **out, size_t *out_len);
    void (*free_string)(char *s);

    /* English short name of an ISO 3166-1 alpha-2 code, or NULL. Static
     * storage: never freed. */
    const char *(*country_name)(const char *code);

    /* Optional progress: `done` of `total` units; the host may show it. */
    void (*progress)(dossier_render_ctx *ctx, size_t done, size_t total);

    /* ---- ABI 1.1 ----------------------------------------------------
     * Members below exist only when struct_size covers them: check with
     * DOSSIER_HOST_HAS(api, member) before use (a 1.0 host lacks them). */

    /* Renders a Mustache template like render_mustache, but hands the
     * output to `write` in pieces (see dossier_mustache_render_to), so
     * memory does not grow with the document. Errors are reported through
     * the context; when `write` returns non-zero the render stops with
     * DOSSIER_ERR_IO and nothing is reported (the plugin knows why). On any
     * error part of the output may already have been written. */
    dossier_status (*render_mustache_to)(dossier_render_ctx *ctx,
                                         const char *tmpl, size_t len,
                                         const char *name,
                                         const dossier_value *data,
                                         const dossier_mustache_options *opts,
                                         dossier_mustache_write_fn write,
                                         void *userdata);

    /* Append new members here. */
} dossier_host_api;

/* 1 when the host's table `api` has the member `m` (set by a host at least
 * as new as the ABI minor that appended it). */
#define DOSSIER_HOST_HAS(api, m)                                              \
    ((api)->struct_size >=                                                    \
         offsetof(dossier_host_api, m) + sizeof((api)->m) &&                  \
     (api)->m != NULL)

/* The descriptor a plugin exports. Static constant data. */
typedef struct dossier_plugin {
    uint32_t struct_size;  /* sizeof(dossier_plugin) as compiled in */
    uint16_t abi_major;    /* DOSSIER_ABI_MAJOR it was built against */
    uint16_t abi_minor;    /* DOSSIER_ABI_MINOR it was built against */
    const char *name;      /* format name used with -f: [a-z0-9_-]+ */
    const char *version;   /* the plugin's own version, e.g. "1.0.0" */
    const char *description;    /* one line */
    const char *default_output; /* e.g. "briefing.pdf" */

    /* Required. Creates an instance for one render. `api` and `ctx` stay
     * valid until destroy(). Returns DOSSIER_OK and sets *instance; on any
     * other status the host does not call render() or destroy(), so the
     * plugin frees what it made itself. */
    dossier_status (*create)(const dossier_host_api *api,
                             dossier_render_ctx *ctx, void **instance);

    /* Required. Writes the whole output to `out_path`, a temporary file in
     * the output folder (the host renames it into place only on success).
     * The plugin writes nothing else: not stdout, not other files.
     * Returns DOSSIER_OK on success; any other status, or an error sent
     * through api->report, fails this format (the others still land). */
    dossier_status (*render)(void *instance, const dossier_model *model,
                             const char *out_path);

    /* Required. Frees the instance; called once after create() succeeded. */
    void (*destroy)(void *instance);

    /* Append new members here; the host treats missing ones as NULL. */
} dossier_plugin;

typedef const dossier_plugin *(*dossier_plugin_entry_fn)(void);

/* Declare the entry point in a plugin:
 *     DOSSIER_PLUGIN_DEFINE(my_descriptor)
 * where my_descriptor is a `static const dossier_plugin`. */
#define DOSSIER_PLUGIN_DEFINE(descriptor)                                     \
    DOSSIER_PLUGIN_EXPORT const dossier_plugin *dossier_plugin_entry(void);   \
    DOSSIER_PLUGIN_EXPORT const dossier_plugin *dossier_plugin_entry(void)    \
    {                                                                         \
        return &(descriptor);                                                 \
    }

/* Initialiser for the fixed header of a descriptor. */
#define DOSSIER_PLUGIN_HEADER                                                 \
    .struct_size = sizeof(dossier_plugin), .abi_major = DOSSIER_ABI_MAJOR,    \
    .abi_minor = DOSSIER_ABI_MINOR

/* The same for a plugin that needs only ABI 1.`minor` and tests for newer
 * host members with DOSSIER_HOST_HAS: hosts from 1.`minor` on load it
 * (DOSSIER_PLUGIN_HEADER declares the minor it was built with, which older
 * hosts refuse). */
#define DOSSIER_PLUGIN_HEADER_MIN(minor)                                      \
    .struct_size = sizeof(dossier_plugin), .abi_major = DOSSIER_ABI_MAJOR,    \
    .abi_minor = (minor)

#ifdef __cplusplus
}
#endif
#endif
