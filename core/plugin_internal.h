/* plugin_internal.h - what the renderer needs from the plugin registry. */
#ifndef DOSSIER_PLUGIN_INTERNAL_H
#define DOSSIER_PLUGIN_INTERNAL_H

#include "dossier/host.h"
#include "dossier/plugin.h"

/* The smallest descriptor this host accepts: ABI 1.0, ending at destroy. */
#define DOSSIER_PLUGIN_MIN_SIZE                                               \
    (offsetof(dossier_plugin, destroy) + sizeof(void (*)(void *)))

/* The descriptor of the usable plugin at `index`: a copy zero-filled past the
 * plugin's struct_size, so members it does not know read as NULL. NULL when
 * the entry was refused. */
const dossier_plugin *dossier_registry_plugin_(const dossier_registry *reg,
                                               size_t index);

#endif
