/* version.c - the linked library's version. */
#include "dossier/version.h"

#include "export_internal.h"

DOSSIER_API const char *dossier_version(void) { return DOSSIER_VERSION_STRING; }
