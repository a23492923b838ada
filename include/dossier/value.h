/* value.h - a generic data tree (null, bool, number, string, array, object).
 *
 * It is what `dossier dump` prints as JSON, what Mustache templates render
 * against, and what template/config files (YAML or JSON) parse into. A tree
 * lives inside a dossier_data, which owns all of its memory; values are read
 * through const pointers and never modified after creation.
 *
 * ABI: dossier_value is read-only for plugins and only allocated by the core.
 * Thread-safety: a finished tree may be read from any number of threads. */
#ifndef DOSSIER_VALUE_H
#define DOSSIER_VALUE_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/diag.h"
#include "dossier/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dossier_value_type {
    DOSSIER_VALUE_NULL = 0,
    DOSSIER_VALUE_BOOL,
    DOSSIER_VALUE_NUMBER,
    DOSSIER_VALUE_STRING,
    DOSSIER_VALUE_ARRAY,
    DOSSIER_VALUE_OBJECT
} dossier_value_type;

typedef struct dossier_value dossier_value;
typedef struct dossier_member dossier_member;

struct dossier_value {
    dossier_value_type type;
    size_t count;        /* string: byte length; array/object: element count */
    union {
        int boolean;                  /* DOSSIER_VALUE_BOOL */
        double number;                /* DOSSIER_VALUE_NUMBER */
        const char *string;           /* DOSSIER_VALUE_STRING, NUL-terminated */
        const dossier_value *items;   /* DOSSIER_VALUE_ARRAY */
        const dossier_member *members;/* DOSSIER_VALUE_OBJECT, in input order */
    } u;
    /* For numbers: the text as written ("193000", "1.5"), so templates and
     * JSON output print it unchanged; NULL for computed numbers. */
    const char *text;
};

struct dossier_member {
    const char *key;
    dossier_value value;
};

/* Returns the member `key` of an object, or NULL (also when `v` is not an
 * object). Linear scan: objects in Dossier data are small. */
static inline const dossier_value *dossier_value_get(const dossier_value *v,
                                                     const char *key)
{
    size_t i;
    if (!v || v->type != DOSSIER_VALUE_OBJECT)
        return NULL;
    for (i = 0; i < v->count; i++)
        if (strcmp(v->u.members[i].key, key) == 0)
            return &v->u.members[i].value;
    return NULL;
}

/* Returns the string of `v`, or `fallback` when `v` is NULL or not a string. */
static inline const char *dossier_value_string(const dossier_value *v,
                                               const char *fallback)
{
    return (v && v->type == DOSSIER_VALUE_STRING) ? v->u.string : fallback;
}

/* Returns the number of `v` (strings holding a number are converted too), or
 * `fallback`. */
static inline double dossier_value_number(const dossier_value *v, double fallback)
{
    if (v && v->type == DOSSIER_VALUE_NUMBER)
        return v->u.number;
    if (v && v->type == DOSSIER_VALUE_STRING && v->count > 0) {
        char *end = NULL;
        double d = strtod(v->u.string, &end);
        if (end && *end == '\0')
            return d;
    }
    return fallback;
}

/* An owned data tree. */
typedef struct dossier_data dossier_data;

/* Returns: the root value of `data`, or NULL when `data` is NULL.
 * Ownership: owned by `data`, valid until dossier_data_free(). */
const dossier_value *dossier_data_root(const dossier_data *data);
/* Frees the tree and every value and string in it; NULL is a no-op. */
void dossier_data_free(dossier_data *data);

/* Parses YAML or JSON text (JSON is read as YAML flow syntax, with plain
 * scalars typed the JSON way: true/false/null/numbers; YAML 1.1 words like
 * "yes" or "NO" stay strings). `name` is used in diagnostics. `limits` may be
 * NULL for the defaults (see loader.h). Returns DOSSIER_OK and sets *out, or
 * an error status with diagnostics added and *out set to NULL.
 * Ownership: caller frees *out with dossier_data_free(). */
struct dossier_limits;
dossier_status dossier_data_parse(const char *text, size_t len, const char *name,
                                  const struct dossier_limits *limits,
                                  dossier_data **out, dossier_diags *diags);
/* Same, reading the file at `path` (DOSSIER_ERR_IO with a diagnostic when
 * it cannot be read; larger than limits->max_file_bytes: DOSSIER_ERR_LIMIT). */
dossier_status dossier_data_load_file(const char *path,
                                      const struct dossier_limits *limits,
                                      dossier_data **out, dossier_diags *diags);

/* Builds the data view of a loaded model: the exact tree `dossier dump`
 * prints (field names documented in docs/MODEL-JSON.md).
 * Returns: DOSSIER_OK with *out set; DOSSIER_ERR_USAGE for NULL arguments,
 * DOSSIER_ERR_NOMEM; *out is NULL on error.
 * Ownership: caller frees *out with dossier_data_free(); the tree does not
 * point into `model`, which may be freed first.
 * Thread-safety: safe; the model is only read. */
struct dossier_model;
dossier_status dossier_data_from_model(const struct dossier_model *model,
                                       dossier_data **out);

/* Serialises `v` as JSON (UTF-8, "/" not escaped, control characters as
 * \uXXXX). indent 0 gives one line; otherwise that many spaces per level.
 * Returns a malloc'd NUL-terminated string and its length in *len (may be
 * NULL), or NULL when out of memory. Ownership: caller frees with free(). */
char *dossier_value_to_json(const dossier_value *v, int indent, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
