/* yaml_internal.h - a positioned YAML node tree built on libyaml's event API.
 *
 * Every consumer of YAML in the core (data files, dossier.yaml, event front
 * matter) goes through dossier_yaml_parse(), so the hostile-input rules live
 * in one place: UTF-8 validation, size/depth/alias limits, duplicate keys.
 * Nodes live in the caller's arena. Aliases of collections share the
 * anchored node (the tree is a DAG, bounded by max_alias_nodes); aliases of
 * scalars are copied so they carry the alias's own position. */
#ifndef DOSSIER_YAML_INTERNAL_H
#define DOSSIER_YAML_INTERNAL_H

#include <stddef.h>

#include "arena_internal.h"
#include "dossier/diag.h"
#include "dossier/loader.h"
#include "dossier/status.h"

typedef enum dossier_ynode_kind {
    DOSSIER_YNODE_SCALAR = 0,
    DOSSIER_YNODE_SEQUENCE,
    DOSSIER_YNODE_MAPPING
} dossier_ynode_kind;

typedef struct dossier_ynode dossier_ynode;

typedef struct dossier_ypair {
    dossier_ynode *key; /* always a scalar */
    dossier_ynode *value;
} dossier_ypair;

struct dossier_ynode {
    dossier_ynode_kind kind;
    unsigned line;    /* 1-based, in the file (line_offset applied) */
    unsigned col;     /* 1-based, in characters */
    int plain;        /* scalar written plain and untagged: may be typed */
    size_t len;       /* scalar: bytes; collections: item/pair count */
    size_t weight;    /* nodes in this subtree (aliases expanded), saturating */
    union {           /* by kind; a union keeps big documents smaller */
        const char *text;      /* scalar: NUL-terminated value (escapes resolved) */
        dossier_ynode **items; /* sequence */
        dossier_ypair *pairs;  /* mapping, in input order */
    };
};

/* Validates `text` as UTF-8 (no NUL, no overlong forms, no surrogates) and
 * reports the first problem at its line and column (line_offset added).
 * A UTF-16/UTF-32 byte order mark gives a clear "not UTF-8" error.
 * Returns 0 when valid, -1 after adding an error. */
int dossier_utf8_check(const char *text, size_t len, const char *name,
                       unsigned line_offset, dossier_diags *diags);

/* Number of bytes of a leading UTF-8 BOM (0 or 3). */
size_t dossier_utf8_bom_len(const char *text, size_t len);

/* Parses one YAML document. `line_offset` is added to every line (front
 * matter starts below its "---" line). `limits` may be NULL. A leading BOM
 * is skipped. An empty document gives *root = NULL and DOSSIER_OK.
 * Returns DOSSIER_OK, or DOSSIER_ERR_INVALID / DOSSIER_ERR_LIMIT /
 * DOSSIER_ERR_NOMEM with one located error added to `diags`. */
dossier_status dossier_yaml_parse(const char *text, size_t len, const char *name,
                                  unsigned line_offset,
                                  const dossier_limits *limits,
                                  dossier_arena *arena, dossier_ynode **root,
                                  dossier_diags *diags);

/* Same; `check_utf8` 0 skips validation the caller already did. */
dossier_status dossier_yaml_parse_ex(const char *text, size_t len, const char *name,
                                     unsigned line_offset, const dossier_limits *limits,
                                     int check_utf8, dossier_arena *arena,
                                     dossier_ynode **root, dossier_diags *diags);

/* ---- surrogate-pair escapes (yaml_surrogates.c) ---- */

/* Where a rewrite moved later columns: on 0-based `line`, characters at
 * output column >= `col` (0-based) sit `shift` columns further right in the
 * input. Entries are in (line, col) order; `shift` is the line's total. */
typedef struct dossier_col_shift {
    unsigned line, col, shift;
} dossier_col_shift;

/* Rewrites each "\uD83D\uDE00"-style pair inside double-quoted scalars to
 * "\U0001f600" (libyaml rejects the pair). Returns 0 when there is nothing
 * to rewrite (outputs NULL), 1 with a malloc'd NUL-terminated *out and
 * malloc'd *map, -1 when out of memory. */
int dossier_yaml_join_surrogates(const char *text, size_t len, char **out,
                                 size_t *out_len, dossier_col_shift **map,
                                 size_t *map_count);
/* The input column of output column `col` (both 0-based) on `line`. */
unsigned dossier_col_unshift(const dossier_col_shift *map, size_t count, unsigned line,
                             unsigned col);

/* "a string", "a mapping", "a list" - for "expected X, found Y" messages. */
const char *dossier_ynode_kind_text(const dossier_ynode *n);

/* The value of `key` in a mapping node, or NULL. Linear scan. */
dossier_ynode *dossier_ynode_get(const dossier_ynode *map, const char *key);

/* 1 when a plain scalar is a YAML null ("", "~", "null"). */
int dossier_ynode_is_null(const dossier_ynode *n);

#endif
