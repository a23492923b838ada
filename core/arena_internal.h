/* arena_internal.h - bump allocator for model and data trees.
 * A loaded model or data tree is built once and freed at once, so every
 * node, string and array goes into one arena: allocation is a pointer bump
 * and freeing is one walk over a few large blocks. Not thread-safe: one
 * arena is filled by one thread. */
#ifndef DOSSIER_ARENA_INTERNAL_H
#define DOSSIER_ARENA_INTERNAL_H

#include <stddef.h>

typedef struct dossier_arena_block dossier_arena_block;

typedef struct dossier_arena {
    dossier_arena_block *head;
    size_t total; /* bytes handed out, for limits and statistics */
} dossier_arena;

#define DOSSIER_ARENA_INIT {NULL, 0}

/* Returns zeroed memory aligned for any type, or NULL when out of memory. */
void *dossier_arena_alloc(dossier_arena *a, size_t size);
/* Copies n bytes and adds a NUL. */
char *dossier_arena_strndup(dossier_arena *a, const char *s, size_t n);
char *dossier_arena_strdup(dossier_arena *a, const char *s);
char *dossier_arena_printf(dossier_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dossier_arena_free(dossier_arena *a);

#endif
