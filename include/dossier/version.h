/* version.h - library version. */
#ifndef DOSSIER_VERSION_H
#define DOSSIER_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

#define DOSSIER_VERSION_MAJOR 0
#define DOSSIER_VERSION_MINOR 1
#define DOSSIER_VERSION_PATCH 0
#define DOSSIER_VERSION_STRING "0.1.0"

/* The version of the library actually linked (compare it with the
 * DOSSIER_VERSION_* macros the caller was compiled against).
 * Returns: its DOSSIER_VERSION_STRING, e.g. "0.1.0".
 * Ownership: static storage; never free it.
 * Thread-safety: safe. */
const char *dossier_version(void);

#ifdef __cplusplus
}
#endif
#endif
