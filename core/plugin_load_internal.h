/* plugin_load_internal.h - loading and checking one plugin file. */
#ifndef DOSSIER_PLUGIN_LOAD_INTERNAL_H
#define DOSSIER_PLUGIN_LOAD_INTERNAL_H

#include "dossier/host.h"
#include "dossier/plugin.h"

/* One registry entry. All strings of `info` are owned (malloc'd). */
typedef struct dossier_plugin_rec {
    dossier_plugin_info info;
    dossier_plugin desc; /* copy of the plugin's descriptor, zero-filled */
    void *handle;        /* dlopen handle while usable, else NULL */
    char *real;          /* realpath of the file, to skip repeats */
} dossier_plugin_rec;

enum { DOSSIER_PATH_SAFE = 0, DOSSIER_PATH_UNSAFE = 1,
       DOSSIER_PATH_MISSING = 2, DOSSIER_PATH_NOMEM = 3 };

/* Checks that `path` is a directory (is_dir) or regular file that nobody
 * else can write: not world-writable, and not group-writable unless owned by
 * us or root. Returns DOSSIER_PATH_*; for UNSAFE and MISSING *reason is a
 * malloc'd explanation. */
int dossier_plugin_path_check(const char *path, int is_dir, char **reason);

/* Loads the plugin at absolute `path` into `r` (zeroed): DOSSIER_OK when
 * usable; DOSSIER_ERR_PLUGIN/_ABI with r->info.error set when refused;
 * DOSSIER_ERR_NOMEM. No plugin callback runs before the descriptor's size
 * and ABI have been checked. */
dossier_status dossier_plugin_rec_load(dossier_plugin_rec *r, const char *path);

/* Fills `r` (zeroed) as a refused entry for `file`. */
dossier_status dossier_plugin_rec_refuse(dossier_plugin_rec *r, const char *file,
                                         const char *reason);

/* Refuses a loaded entry after the fact (a duplicate) and unloads it. */
dossier_status dossier_plugin_rec_demote(dossier_plugin_rec *r, const char *reason);

void dossier_plugin_rec_clear(dossier_plugin_rec *r);

#endif
