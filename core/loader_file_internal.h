/* loader_file_internal.h - reading input files with clear, named errors. */
#ifndef DOSSIER_LOADER_FILE_INTERNAL_H
#define DOSSIER_LOADER_FILE_INTERNAL_H

#include <stddef.h>

#include "dossier/diag.h"
#include "dossier/status.h"

/* Reads the whole file at `path` with one read(). Symbolic links are
 * followed; a loop, a dangling link, a directory, an unreadable file or one
 * larger than `max_bytes` is an error naming the path. On success *text is
 * malloc'd and NUL-terminated (caller frees) and *len its length. */
dossier_status dossier_read_file(const char *path, size_t max_bytes, char **text,
                                 size_t *len, dossier_diags *diags);

#endif
