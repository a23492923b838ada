/* digest_arena.c - a bump allocator for cmark, reset after every chunk.
 *
 * cmark mallocs and frees every node, string and buffer one by one; in the
 * chunked digest that was a fifth of cmark's cost. Everything cmark
 * allocates for one chunk (the tree, the iterator, the rendered text) dies
 * with the chunk, so it can come from blocks that are simply rewound.
 *
 * cmark_mem has no user pointer: the arena in use is a thread-local set by
 * dossier_digest_arena_enter. Every allocation carries a 16-byte header
 * (its capacity), because realloc must know how much to copy. Freeing is a
 * no-op except for the newest allocation (rewound, which suits cmark's
 * build-a-buffer-then-free pattern); realloc of the newest allocation grows
 * in place. Requests of DIGEST_ARENA_BIG bytes or more (the rendered text,
 * a long paragraph's buffer) are malloc'd on their own and really freed, so
 * the blocks stay small and memory stays what malloc would have used.
 * Like cmark's own allocator, running out of memory aborts: cmark does not
 * check for NULL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "digest_internal.h"

#define ARENA_ALIGN 16u
#define ARENA_BLOCK ((size_t)256 << 10)
/* blocks kept across resets: enough for the biggest chunk's tree, bounded */
#define ARENA_KEEP 16

typedef struct arena_hdr {
    size_t cap; /* usable bytes after the header */
    size_t big; /* 1: malloc'd alone, linked in the arena's big list */
} arena_hdr;

typedef struct big_link {
    struct big_link *prev, *next;
} big_link;

typedef struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t pad_; /* keeps data 16-byte aligned */
    size_t cap;
    unsigned char data[];
} arena_block;

struct dossier_digest_arena {
    arena_block *first, *cur;
    arena_hdr *last;  /* newest small allocation, NULL after it was freed */
    big_link bigs;    /* sentinel of a circular list */
    dossier_digest_arena_stats stats;
};

static _Thread_local dossier_digest_arena *current;

static size_t round_up(size_t n)
{
    return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static void *or_abort(void *p)
{
    if (!p)
        abort(); /* what cmark's default allocator does */
    return p;
}

static void *big_alloc(dossier_digest_arena *a, size_t size)
{
    big_link *l;
    arena_hdr *h;
    if (size > SIZE_MAX - sizeof *l - sizeof *h)
        abort();
    l = or_abort(malloc(sizeof *l + sizeof *h + size));
    h = (arena_hdr *)(l + 1);
    h->cap = size;
    h->big = 1;
    l->next = a->bigs.next;
    l->prev = &a->bigs;
    l->next->prev = l;
    a->bigs.next = l;
    a->stats.big_live++;
    a->stats.big_total++;
    return h + 1;
}

static void *arena_alloc(dossier_digest_arena *a, size_t size)
{
    size_t cap, need;
    arena_hdr *h;
    if (size >= DIGEST_ARENA_BIG)
        return big_alloc(a, size);
    cap = round_up(size ? size : 1);
    need = sizeof *h + cap;
    while (!a->cur || a->cur->cap - a->cur->used < need) {
        if (a->cur && a->cur->next) {
            a->cur = a->cur->next; /* a block kept from an earlier chunk */
            a->cur->used = 0;
            continue;
        }
        {
            arena_block *b = or_abort(malloc(sizeof *b + ARENA_BLOCK));
            b->next = NULL;
            b->used = 0;
            b->cap = ARENA_BLOCK;
            if (a->cur)
                a->cur->next = b;
            else
                a->first = b;
            a->cur = b;
            a->stats.blocks++;
        }
    }
    h = (arena_hdr *)(a->cur->data + a->cur->used);
    a->cur->used += need;
    h->cap = cap;
    h->big = 0;
    a->last = h;
    return h + 1;
}

static void arena_release(dossier_digest_arena *a, void *p)
{
    arena_hdr *h;
    if (!p)
        return;
    h = (arena_hdr *)p - 1;
    if (h->big) {
        big_link *l = (big_link *)h - 1;
        l->prev->next = l->next;
        l->next->prev = l->prev;
        a->stats.big_live--;
        free(l);
    } else if (h == a->last) {
        a->cur->used = (size_t)((unsigned char *)h - a->cur->data);
        a->last = NULL;
    }
}

static void *arena_resize(dossier_digest_arena *a, void *p, size_t size)
{
    arena_hdr *h;
    void *q;
    if (!p)
        return arena_alloc(a, size);
    h = (arena_hdr *)p - 1;
    if (h->big) {
        big_link *l = (big_link *)h - 1, *prev = l->prev, *next = l->next;
        if (size > SIZE_MAX - sizeof *l - sizeof *h)
            abort();
        l = or_abort(realloc(l, sizeof *l + sizeof *h + size));
        prev->next = l;
        next->prev = l;
        h = (arena_hdr *)(l + 1);
        h->cap = size;
        return h + 1;
    }
    if (size <= h->cap)
        return p;
    if (h == a->last && size < DIGEST_ARENA_BIG &&
        round_up(size) - h->cap <= a->cur->cap - a->cur->used) {
        a->cur->used += round_up(size) - h->cap; /* grow in place */
        h->cap = round_up(size);
        return p;
    }
    q = arena_alloc(a, size);
    memcpy(q, p, h->cap);
    arena_release(a, p); /* no-op now that q is the newest, unless big */
    return q;
}

static void *mem_calloc(size_t n, size_t size)
{
    void *p;
    if (size && n > SIZE_MAX / size)
        abort();
    p = arena_alloc(current, n * size);
    memset(p, 0, n * size);
    return p;
}

static void *mem_realloc(void *p, size_t size)
{
    return arena_resize(current, p, size);
}

static void mem_free(void *p)
{
    arena_release(current, p);
}

static cmark_mem arena_mem = {mem_calloc, mem_realloc, mem_free};

dossier_digest_arena *dossier_digest_arena_new(void)
{
    dossier_digest_arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->bigs.next = a->bigs.prev = &a->bigs;
    return a;
}

cmark_mem *dossier_digest_arena_enter(dossier_digest_arena *a,
                                      dossier_digest_arena **saved)
{
    *saved = current;
    current = a;
    return &arena_mem;
}

size_t dossier_digest_arena_leave(dossier_digest_arena *a,
                                  dossier_digest_arena *saved)
{
    size_t leaked = a->stats.big_live, kept = 0;
    arena_block *b, *next;
    /* cmark frees what it allocates; anything still live is released
     * here all the same, since nothing may outlive the chunk */
    while (a->bigs.next != &a->bigs) {
        big_link *l = a->bigs.next;
        a->bigs.next = l->next;
        free(l);
    }
    a->bigs.prev = &a->bigs;
    a->stats.big_live = 0;
    for (b = a->first; b; b = b->next) {
        b->used = 0;
        if (++kept == ARENA_KEEP) {
            for (next = b->next; next; next = b->next) {
                b->next = next->next;
                free(next);
                a->stats.blocks--;
            }
        }
    }
    a->cur = a->first;
    a->last = NULL;
    current = saved;
    return leaked;
}

void dossier_digest_arena_stats_get(const dossier_digest_arena *a,
                                    dossier_digest_arena_stats *stats)
{
    *stats = a->stats;
}

void dossier_digest_arena_free(dossier_digest_arena *a)
{
    arena_block *b, *next;
    if (!a)
        return;
    while (a->bigs.next != &a->bigs) {
        big_link *l = a->bigs.next;
        a->bigs.next = l->next;
        free(l);
    }
    for (b = a->first; b; b = next) {
        next = b->next;
        free(b);
    }
    if (current == a)
        current = NULL;
    free(a);
}
