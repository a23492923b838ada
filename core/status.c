/* status.c - dossier_status descriptions. */
#include "dossier/status.h"

#include "export_internal.h"

DOSSIER_API const char *dossier_status_str(dossier_status status)
{
    static const char *const text[DOSSIER_STATUS_COUNT] = {
        "success",
        "out of memory",
        "input/output error",
        "invalid input",
        "input exceeds a limit",
        "plugin could not be loaded",
        "plugin ABI mismatch",
        "usage error",
        "render failed",
        "plugin timed out",
        "plugin crashed",
        "template error",
        "not found",
    };
    if ((unsigned)status >= DOSSIER_STATUS_COUNT)
        return "unknown status";
    return text[status];
}
