/* loader_limits.c - default limits for hostile input (see dossier/loader.h;
 * the CLI overrides them with --max-file-size, --max-string, --max-depth and
 * --max-aliases). */
#include "dossier/loader.h"
#include "export_internal.h"

DOSSIER_API dossier_limits dossier_limits_default(void)
{
    dossier_limits l;
    l.max_file_bytes = (size_t)16 * 1024 * 1024;
    l.max_string_bytes = (size_t)1024 * 1024;
    l.max_depth = 64;
    l.max_alias_nodes = 1000;
    l.max_events = 1000000;
    return l;
}
