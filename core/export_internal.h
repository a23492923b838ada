/* export_internal.h - symbol visibility for libdossier.
 * The library is built with -fvisibility=hidden; only functions marked
 * DOSSIER_API are exported, which keeps private helpers private. */
#ifndef DOSSIER_EXPORT_INTERNAL_H
#define DOSSIER_EXPORT_INTERNAL_H

#define DOSSIER_API __attribute__((visibility("default")))

#endif
