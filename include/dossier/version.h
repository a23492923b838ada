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

/* Returns DOSSIER_VERSION_STRING of the library actually linked. */
const char *dossier_version(void);

#ifdef __cplusplus
}
#endif
#endif
