/* arena.c - bump allocator (see arena_internal.h). */
#include "arena_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dossier_arena_block {
    dossier_arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[]; /* flexible, aligned */
};

#define ARENA_BLOCK_MIN ((size_t)64 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

void *dossier_arena_alloc(dossier_arena *a, size_t size)
{
    dossier_arena_block *b = a->head;
    size_t rounded;
    void *p;
    if (size > SIZE_MAX / 2)
        return NULL;
    rounded = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (rounded == 0)
        rounded = ARENA_ALIGN;
    if (!b || b->size - b->used < rounded) {
        size_t bs = rounded > ARENA_BLOCK_MIN ? rounded : ARENA_BLOCK_MIN;
        /* Grow blocks with the arena so large models need few blocks. */
        if (a->total / 4 > bs && a->total / 4 < (size_t)64 * 1024 * 1024)
            bs = (a->total / 4 + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
        b = malloc(sizeof(*b) + bs);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = bs;
        b->next = a->head;
        a->head = b;
    }
    p = (char *)b->data + b->used;
    b->used += rounded;
    a->total += rounded;
    memset(p, 0, size);
    return p;
}

char *dossier_arena_strndup(dossier_arena *a, const char *s, size_t n)
{
    char *p;
    if (n >= SIZE_MAX / 2) /* n + 1 must not wrap to a 0-byte allocation */
        return NULL;
    p = dossier_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dossier_arena_strdup(dossier_arena *a, const char *s)
{
    return dossier_arena_strndup(a, s, strlen(s));
}

char *dossier_arena_printf(dossier_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = dossier_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void dossier_arena_free(dossier_arena *a)
{
    dossier_arena_block *b = a->head;
    while (b) {
        dossier_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
