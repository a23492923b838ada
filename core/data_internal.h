/* data_internal.h - the dossier_data container, shared by the files that
 * build data trees (data.c parses text, model_data.c converts a model).
 * A tree and all its strings live in one arena freed with the data. */
#ifndef DOSSIER_DATA_INTERNAL_H
#define DOSSIER_DATA_INTERNAL_H

#include <stddef.h>

#include "arena_internal.h"
#include "dossier/value.h"

struct dossier_data {
    dossier_arena arena;
    dossier_value root;
};

/* 1 when s[0..len) is a JSON number (what plain YAML scalars are typed as). */
int dossier_is_json_number(const char *s, size_t len);

#endif
