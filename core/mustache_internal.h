/* mustache_internal.h - the parsed form of a Mustache template.
 *
 * mustache_parse.c turns template text into a tree of nodes (text, variable,
 * section, inverted section, partial); comments and set-delimiter tags leave
 * nothing behind, and standalone lines are already trimmed, so the renderer
 * (mustache.c) only walks the tree. Nodes live in the caller's arena. */
#ifndef DOSSIER_MUSTACHE_INTERNAL_H
#define DOSSIER_MUSTACHE_INTERNAL_H

#include <stddef.h>

#include "arena_internal.h"
#include "buf_internal.h"
#include "dossier/diag.h"
#include "dossier/mustache.h"
#include "dossier/status.h"

typedef enum dossier_mst_type {
    DOSSIER_MST_TEXT = 0, /* s/len: literal text */
    DOSSIER_MST_VAR,      /* s/len: name; raw: {{{x}}} or {{&x}} */
    DOSSIER_MST_SECTION,  /* s/len: name; child: the body */
    DOSSIER_MST_INVERTED, /* s/len: name; child: the body */
    DOSSIER_MST_PARTIAL   /* s/len: name; indent: standalone indentation */
} dossier_mst_type;

typedef struct dossier_mst_node dossier_mst_node;
struct dossier_mst_node {
    dossier_mst_type type;
    const char *s;      /* points into the template text (or a copy) */
    size_t len;
    int raw;
    const char *indent; /* partial only: NUL-terminated, "" when none */
    const char *tname;  /* template name, for diagnostics */
    unsigned line, col; /* of the tag */
    dossier_mst_node *child;
    dossier_mst_node *next;
};

/* Parses `len` bytes of `src` (which must outlive the tree) into *out (NULL
 * for an empty template). Returns DOSSIER_OK, DOSSIER_ERR_NOMEM, or
 * DOSSIER_ERR_TEMPLATE with a located diagnostic (file `tname`). */
dossier_status dossier_mst_parse(dossier_arena *arena, const char *src,
                                 size_t len, const char *tname,
                                 dossier_mst_node **out, dossier_diags *diags);

/* Appends `s` to `b` escaped for `mode` (see docs/MUSTACHE.md). */
void dossier_mst_escape(dossier_buf *b, const char *s, size_t len,
                        dossier_escape mode);

#endif
