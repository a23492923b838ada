/* loader_limits.c - default limits for hostile input (see dossier/loader.h;
 * the CLI overrides them with --max-file-size, --max-string, --max-depth and
 * --max-aliases). */
#include <string.h>

#include "dossier/loader.h"
#include "export_internal.h"
#include "limits_internal.h"

dossier_limits dossier_limits_default(void)
{
    dossier_limits l;
    l.struct_size = sizeof l;
    l.max_file_bytes = (size_t)16 * 1024 * 1024;
    l.max_string_bytes = (size_t)1024 * 1024;
    l.max_depth = 64;
    l.max_alias_nodes = 1000;
    l.max_events = 1000000;
    return l;
}

dossier_limits dossier_limits_resolve(const dossier_limits *user)
{
    dossier_limits l = dossier_limits_default();
    if (user && user->struct_size > sizeof(size_t)) {
        /* An older caller's struct is shorter: copy what it has. A newer
         * one's is longer: ignore what this library does not know. */
        size_t n = user->struct_size < sizeof l ? user->struct_size : sizeof l;
        memcpy(&l, user, n);
        l.struct_size = sizeof l;
    }
    return l;
}

DOSSIER_API void dossier_limits_init(dossier_limits *limits, size_t struct_size)
{
    dossier_limits l = dossier_limits_default();
    if (!limits || struct_size < sizeof(size_t))
        return;
    if (struct_size > sizeof l)
        struct_size = sizeof l; /* a newer header: its extra members stay as they are */
    memcpy(limits, &l, struct_size);
    limits->struct_size = struct_size;
}
