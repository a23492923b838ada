/* yaml_tree.c - builds a positioned node tree from libyaml events.
 *
 * We use the event API rather than libyaml's document API because the
 * document loader expands nothing but also enforces nothing: no depth
 * limit, no alias budget, and it keeps the last of duplicate keys. Here
 * every limit is checked on the event that would exceed it, so hostile input
 * stops early with a located error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "yaml_internal.h"
#include "limits_internal.h"

/* One open collection while events stream in. */
typedef struct frame {
    dossier_ynode *node;
    size_t first; /* its children start here in builder.kids */
    char *anchor; /* malloc'd copy, registered when the collection closes */
} frame;

typedef struct anchor_slot {
    char *name; /* malloc'd */
    dossier_ynode *node;
} anchor_slot;

typedef struct builder {
    const char *text;
    size_t len;
    const char *name;
    unsigned line_offset;
    dossier_limits lim;
    dossier_arena *arena;
    dossier_diags *diags;
    frame *stack;
    size_t depth, stack_cap;
    /* Children of all open collections, innermost last (mapping: key,
     * value, key, value...). One shared array avoids a malloc per node. */
    dossier_ynode **kids;
    size_t kid_count, kid_cap;
    anchor_slot *anchors; /* open addressing, power-of-two size */
    size_t anchor_count, anchor_cap;
    size_t alias_total;
    dossier_ynode *root;
    int have_root;
    dossier_status status; /* worst non-fatal status (duplicate keys) */
    size_t dups_shown, dups_hidden; /* duplicate-key errors, capped */
    dossier_col_shift *shifts; /* column corrections, see cl() */
    size_t nshifts;
} builder;

static size_t sat_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static unsigned ln(const builder *b, yaml_mark_t m)
{
    return (unsigned)m.line + 1 + b->line_offset;
}

/* Columns as written in the file: a surrogate-pair rewrite made the text
 * libyaml sees shorter (yaml_surrogates.c). */
static unsigned cl(const builder *b, yaml_mark_t m)
{
    if (b->nshifts)
        return dossier_col_unshift(b->shifts, b->nshifts, (unsigned)m.line,
                                   (unsigned)m.column) + 1;
    return (unsigned)m.column + 1;
}

/* ---- anchors: a tiny string hash so 100k anchors stay linear ---- */

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

static anchor_slot *anchor_find(builder *b, const char *name)
{
    size_t mask, i;
    if (!b->anchor_cap)
        return NULL;
    mask = b->anchor_cap - 1;
    for (i = hash_str(name) & mask; b->anchors[i].name; i = (i + 1) & mask)
        if (strcmp(b->anchors[i].name, name) == 0)
            return &b->anchors[i];
    return NULL;
}

static int anchor_put(builder *b, const char *name, dossier_ynode *node)
{
    anchor_slot *slot = anchor_find(b, name);
    size_t mask, i;
    if (slot) { /* YAML lets an anchor be redefined; later wins */
        slot->node = node;
        return 0;
    }
    if ((b->anchor_count + 1) * 2 > b->anchor_cap) {
        size_t cap = b->anchor_cap ? b->anchor_cap * 2 : 16, j;
        anchor_slot *t = calloc(cap, sizeof(*t));
        if (!t)
            return -1;
        for (j = 0; j < b->anchor_cap; j++) {
            if (!b->anchors[j].name)
                continue;
            for (i = hash_str(b->anchors[j].name) & (cap - 1); t[i].name; i = (i + 1) & (cap - 1))
                ;
            t[i] = b->anchors[j];
        }
        free(b->anchors);
        b->anchors = t;
        b->anchor_cap = cap;
    }
    mask = b->anchor_cap - 1;
    for (i = hash_str(name) & mask; b->anchors[i].name; i = (i + 1) & mask)
        ;
    b->anchors[i].name = strdup(name);
    if (!b->anchors[i].name)
        return -1;
    b->anchors[i].node = node;
    b->anchor_count++;
    return 0;
}

/* ---- errors ---- */

/* Finds the byte offset of a libyaml mark (line/column in characters). */
static int offset_at(const builder *b, yaml_mark_t m, size_t *out)
{
    const unsigned char *s = (const unsigned char *)b->text;
    size_t i = 0, line = 0, col = 0;
    while (i < b->len && line < m.line) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= b->len || s[i + 1] != '\n')))
            line++;
        i++;
    }
    while (i < b->len && col < m.column) {
        i++;
        while (i < b->len && (s[i] & 0xC0) == 0x80)
            i++;
        col++;
    }
    if (i >= b->len)
        return -1;
    *out = i;
    return 0;
}

static int byte_at(const builder *b, yaml_mark_t m, unsigned char *out)
{
    size_t i;
    if (offset_at(b, m, &i) != 0)
        return -1;
    *out = (unsigned char)b->text[i];
    return 0;
}

/* libyaml's "invalid Unicode character escape code" on a \uXXXX that is
 * half of a UTF-16 surrogate pair: say which half is missing, at the
 * backslash. Returns 1 when reported. */
static int lone_surrogate(builder *b, yaml_mark_t m)
{
    size_t i, k;
    unsigned v = 0;
    const char *t = b->text;
    if (offset_at(b, m, &i) != 0 || i < 2 || t[i - 2] != '\\' || t[i - 1] != 'u' ||
        i + 4 > b->len || m.column < 2)
        return 0;
    for (k = 0; k < 4; k++) {
        char c = t[i + k];
        v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0'
                                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99);
    }
    if (v < 0xD800 || v > 0xDFFF)
        return 0;
    dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, m), cl(b, m) - 2,
                      "write a character beyond U+FFFF as a surrogate pair "
                      "(\\ud83d\\ude00) or as \\U0001F600",
                      v <= 0xDBFF ? "unpaired UTF-16 surrogate escape '\\u%.4s': a high "
                                    "surrogate must be followed by a low one (\\uDC00-\\uDFFF)"
                                  : "unpaired UTF-16 surrogate escape '\\u%.4s': a low "
                                    "surrogate must follow a high one (\\uD800-\\uDBFF)",
                      t + i);
    return 1;
}

static dossier_status syntax_error(builder *b, yaml_parser_t *p)
{
    unsigned char c = 0;
    const char *problem = p->problem ? p->problem : "unknown error";
    if (p->error == YAML_MEMORY_ERROR)
        return DOSSIER_ERR_NOMEM;
    if (p->error == YAML_READER_ERROR) {
        /* Only reachable for characters libyaml refuses (C0 controls). */
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name,
                          ln(b, p->problem_mark), cl(b, p->problem_mark),
                          "remove control characters from the text",
                          "invalid character in the input: %s", problem);
        return DOSSIER_ERR_INVALID;
    }
    if (byte_at(b, p->problem_mark, &c) == 0 && c == '\t') {
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, p->problem_mark),
                          cl(b, p->problem_mark), "YAML indentation must use spaces",
                          "tab character used for indentation");
        return DOSSIER_ERR_INVALID;
    }
    if (strcmp(problem, "found invalid Unicode character escape code") == 0 &&
        lone_surrogate(b, p->problem_mark))
        return DOSSIER_ERR_INVALID;
    if (p->context)
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, p->problem_mark),
                          cl(b, p->problem_mark), NULL,
                          "invalid YAML: %s (%s at line %u, column %u)", problem,
                          p->context, ln(b, p->context_mark), cl(b, p->context_mark));
    else
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, p->problem_mark),
                          cl(b, p->problem_mark), NULL, "invalid YAML: %s", problem);
    return DOSSIER_ERR_INVALID;
}

/* ---- tree building ---- */

static dossier_ynode *new_node(builder *b, dossier_ynode_kind kind, yaml_mark_t m)
{
    dossier_ynode *n = dossier_arena_alloc(b->arena, sizeof(*n));
    if (n) {
        n->kind = kind;
        n->line = ln(b, m);
        n->col = cl(b, m);
        n->weight = 1;
    }
    return n;
}

static int attach(builder *b, dossier_ynode *n)
{
    if (b->depth == 0) {
        b->root = n;
        b->have_root = 1;
        return 0;
    }
    if (b->kid_count == b->kid_cap) {
        size_t cap = b->kid_cap ? b->kid_cap * 2 : 256;
        dossier_ynode **k = realloc(b->kids, cap * sizeof(*k));
        if (!k)
            return -1;
        b->kids = k;
        b->kid_cap = cap;
    }
    b->kids[b->kid_count++] = n;
    return 0;
}

static int key_cmp(const dossier_ynode *a, const dossier_ynode *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->text, b->text, n);
    if (c)
        return c;
    return (a->len > b->len) - (a->len < b->len);
}

typedef struct keyref {
    const dossier_ynode *key;
    size_t index;
} keyref;

static int keyref_cmp(const void *pa, const void *pb)
{
    const keyref *a = pa, *b = pb;
    int c = key_cmp(a->key, b->key);
    if (c)
        return c;
    return (a->index > b->index) - (a->index < b->index);
}

#define MAX_DUP_ERRORS 100

static void dup_error(builder *b, const dossier_ynode *second, const dossier_ynode *first)
{
    b->status = DOSSIER_ERR_INVALID;
    if (b->dups_shown >= MAX_DUP_ERRORS) {
        b->dups_hidden++;
        return;
    }
    b->dups_shown++;
    dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, second->line, second->col,
                      "a key may appear only once in a mapping",
                      "duplicate key '%s' (first given at line %u, column %u)",
                      second->text, first->line, first->col);
}

/* Mappings with more than this many pairs carry a sorted index of their
 * keys right after the pairs array, so lookups stay O(log n). */
#define INDEX_MIN_PAIRS 16

/* Reports every repeated key at its second (third...) occurrence. Sorting
 * keeps huge mappings O(n log n) and yields their lookup index; small ones
 * use a direct scan. */
static int check_duplicates(builder *b, const dossier_ypair *pairs, size_t n, uint32_t *index)
{
    size_t i, j;
    if (n <= INDEX_MIN_PAIRS) {
        for (i = 1; i < n; i++)
            for (j = 0; j < i; j++)
                if (key_cmp(pairs[i].key, pairs[j].key) == 0) {
                    dup_error(b, pairs[i].key, pairs[j].key);
                    break;
                }
        return 0;
    } else {
        keyref *refs = malloc(n * sizeof(*refs));
        if (!refs)
            return -1;
        for (i = 0; i < n; i++) {
            refs[i].key = pairs[i].key;
            refs[i].index = i;
        }
        qsort(refs, n, sizeof(*refs), keyref_cmp);
        for (i = 0; i < n; i++)
            index[i] = (uint32_t)refs[i].index;
        for (i = 0; i < n; i = j) {
            for (j = i + 1; j < n && key_cmp(refs[i].key, refs[j].key) == 0; j++)
                dup_error(b, refs[j].key, refs[i].key);
        }
        free(refs);
        return 0;
    }
}

/* Closes the innermost collection: moves its children into the arena. */
static dossier_status close_frame(builder *b)
{
    frame *f = &b->stack[b->depth - 1];
    dossier_ynode *n = f->node;
    /* b->kids is NULL until the first child anywhere: no pointer arithmetic on it. */
    dossier_ynode **kids = b->kids ? b->kids + f->first : NULL;
    size_t i, w = 1, count = b->kid_count - f->first;
    for (i = 0; i < count; i++)
        w = sat_add(w, kids[i]->weight);
    n->weight = w;
    if (n->kind == DOSSIER_YNODE_SEQUENCE) {
        n->len = count;
        n->items = dossier_arena_alloc(b->arena, (count ? count : 1) * sizeof(*n->items));
        if (!n->items)
            return DOSSIER_ERR_NOMEM;
        if (count)
            memcpy(n->items, kids, count * sizeof(*n->items));
    } else {
        n->len = count / 2;
        if (n->len > UINT32_MAX)
            return DOSSIER_ERR_NOMEM;
        n->pairs = dossier_arena_alloc(b->arena,
                                       (n->len ? n->len : 1) * sizeof(*n->pairs) +
                                           (n->len > INDEX_MIN_PAIRS ? n->len * sizeof(uint32_t) : 0));
        if (!n->pairs)
            return DOSSIER_ERR_NOMEM;
        for (i = 0; i < n->len; i++) {
            dossier_ynode *k = kids[2 * i];
            if (k->kind != DOSSIER_YNODE_SCALAR) {
                dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, k->line, k->col,
                                  "write keys as plain words",
                                  "a mapping key must be a string, found %s",
                                  dossier_ynode_kind_text(k));
                return DOSSIER_ERR_INVALID;
            }
            n->pairs[i].key = k;
            n->pairs[i].value = kids[2 * i + 1];
        }
        if (check_duplicates(b, n->pairs, n->len, (uint32_t *)(n->pairs + n->len)) != 0)
            return DOSSIER_ERR_NOMEM;
    }
    b->kid_count = f->first;
    b->depth--;
    if (f->anchor) {
        int rc = anchor_put(b, f->anchor, n);
        free(f->anchor);
        f->anchor = NULL;
        if (rc != 0)
            return DOSSIER_ERR_NOMEM;
    }
    return attach(b, n) == 0 ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
}

static dossier_status open_frame(builder *b, dossier_ynode_kind kind, yaml_event_t *ev,
                                 const yaml_char_t *anchor)
{
    frame *f;
    dossier_ynode *n;
    if (b->depth >= b->lim.max_depth) {
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, ev->start_mark),
                          cl(b, ev->start_mark), "raise the limit with --max-depth",
                          "nesting deeper than %zu levels", b->lim.max_depth);
        return DOSSIER_ERR_LIMIT;
    }
    if (b->depth == b->stack_cap) {
        size_t cap = b->stack_cap ? b->stack_cap * 2 : 16;
        frame *s = realloc(b->stack, cap * sizeof(*s));
        if (!s)
            return DOSSIER_ERR_NOMEM;
        b->stack = s;
        b->stack_cap = cap;
    }
    n = new_node(b, kind, ev->start_mark);
    if (!n)
        return DOSSIER_ERR_NOMEM;
    f = &b->stack[b->depth++];
    memset(f, 0, sizeof(*f));
    f->node = n;
    f->first = b->kid_count;
    if (anchor && !(f->anchor = strdup((const char *)anchor)))
        return DOSSIER_ERR_NOMEM;
    return DOSSIER_OK;
}

static dossier_status on_scalar(builder *b, yaml_event_t *ev)
{
    dossier_ynode *n;
    size_t len = ev->data.scalar.length;
    if (len > b->lim.max_string_bytes) {
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, ev->start_mark),
                          cl(b, ev->start_mark), "raise the limit with --max-string",
                          "string of %zu bytes is longer than the limit of %zu bytes",
                          len, b->lim.max_string_bytes);
        return DOSSIER_ERR_LIMIT;
    }
    if (memchr(ev->data.scalar.value, 0, len)) { /* only via a "\0" escape */
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, ev->start_mark),
                          cl(b, ev->start_mark), NULL, "a string may not contain a NUL character");
        return DOSSIER_ERR_INVALID;
    }
    n = new_node(b, DOSSIER_YNODE_SCALAR, ev->start_mark);
    if (!n)
        return DOSSIER_ERR_NOMEM;
    n->text = dossier_arena_strndup(b->arena, (const char *)ev->data.scalar.value, len);
    if (!n->text)
        return DOSSIER_ERR_NOMEM;
    n->len = len;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
               ev->data.scalar.plain_implicit;
    if (ev->data.scalar.anchor && anchor_put(b, (const char *)ev->data.scalar.anchor, n) != 0)
        return DOSSIER_ERR_NOMEM;
    return attach(b, n) == 0 ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
}

static dossier_status on_alias(builder *b, yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    anchor_slot *slot = anchor_find(b, name);
    dossier_ynode *n;
    if (!slot) {
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, ev->start_mark),
                          cl(b, ev->start_mark), "define the anchor with '&name' before using it",
                          "undefined alias '*%s'", name);
        return DOSSIER_ERR_INVALID;
    }
    b->alias_total = sat_add(b->alias_total, slot->node->weight);
    if (b->alias_total > b->lim.max_alias_nodes) {
        dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, ev->start_mark),
                          cl(b, ev->start_mark), "raise the limit with --max-aliases",
                          "aliases expand to more than %zu nodes (alias '*%s')",
                          b->lim.max_alias_nodes, name);
        return DOSSIER_ERR_LIMIT;
    }
    n = slot->node;
    if (n->kind == DOSSIER_YNODE_SCALAR) {
        /* A scalar copy carries the alias's position (e.g. for duplicate keys). */
        dossier_ynode *c = new_node(b, DOSSIER_YNODE_SCALAR, ev->start_mark);
        if (!c)
            return DOSSIER_ERR_NOMEM;
        c->text = n->text;
        c->len = n->len;
        c->plain = n->plain;
        n = c;
    }
    return attach(b, n) == 0 ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
}

static dossier_status run(builder *b, yaml_parser_t *p)
{
    yaml_event_t ev;
    int docs = 0;
    for (;;) {
        dossier_status st = DOSSIER_OK;
        int done = 0;
        if (!yaml_parser_parse(p, &ev))
            return syntax_error(b, p);
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                dossier_diags_add(b->diags, DOSSIER_SEV_ERROR, b->name, ln(b, ev.start_mark),
                                  cl(b, ev.start_mark), "put one document in each file",
                                  "a second YAML document ('---') is not allowed here");
                st = DOSSIER_ERR_INVALID;
            }
            break;
        case YAML_SCALAR_EVENT:
            st = on_scalar(b, &ev);
            break;
        case YAML_ALIAS_EVENT:
            st = on_alias(b, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            st = open_frame(b, DOSSIER_YNODE_SEQUENCE, &ev, ev.data.sequence_start.anchor);
            break;
        case YAML_MAPPING_START_EVENT:
            st = open_frame(b, DOSSIER_YNODE_MAPPING, &ev, ev.data.mapping_start.anchor);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            st = close_frame(b);
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
        if (st != DOSSIER_OK)
            return st;
        if (done)
            return DOSSIER_OK;
    }
}

dossier_status dossier_yaml_parse(const char *text, size_t len, const char *name,
                                  unsigned line_offset, const dossier_limits *limits,
                                  dossier_arena *arena, dossier_ynode **root,
                                  dossier_diags *diags)
{
    return dossier_yaml_parse_ex(text, len, name, line_offset, limits, 1, arena, root, diags);
}

dossier_status dossier_yaml_parse_ex(const char *text, size_t len, const char *name,
                                     unsigned line_offset, const dossier_limits *limits,
                                     int check_utf8, dossier_arena *arena,
                                     dossier_ynode **root, dossier_diags *diags)
{
    builder b;
    yaml_parser_t parser;
    dossier_status st;
    size_t i, bom;
    char *joined = NULL;
    memset(&b, 0, sizeof(b));
    b.lim = dossier_limits_resolve(limits);
    *root = NULL;
    if (len > b.lim.max_file_bytes) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, name, 0, 0,
                          "raise the limit with --max-file-size",
                          "input of %zu bytes is larger than the limit of %zu bytes", len,
                          b.lim.max_file_bytes);
        return DOSSIER_ERR_LIMIT;
    }
    if (check_utf8 && dossier_utf8_check(text, len, name, line_offset, diags) != 0)
        return DOSSIER_ERR_INVALID;
    bom = dossier_utf8_bom_len(text, len);
    b.text = text + bom;
    b.len = len - bom;
    switch (dossier_yaml_join_surrogates(b.text, b.len, &joined, &b.len, &b.shifts,
                                         &b.nshifts)) {
    case 1:
        b.text = joined;
        break;
    case 0:
        b.len = len - bom;
        break;
    default:
        return DOSSIER_ERR_NOMEM;
    }
    b.name = name;
    b.line_offset = line_offset;
    b.arena = arena;
    b.diags = diags;
    b.status = DOSSIER_OK;
    if (!yaml_parser_initialize(&parser)) {
        free(joined);
        free(b.shifts);
        return DOSSIER_ERR_NOMEM;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)b.text, b.len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    st = run(&b, &parser);
    yaml_parser_delete(&parser);
    for (i = 0; i < b.depth; i++)
        free(b.stack[i].anchor);
    free(b.stack);
    free(b.kids);
    for (i = 0; i < b.anchor_cap; i++)
        free(b.anchors[i].name);
    free(b.anchors);
    free(joined);
    free(b.shifts);
    if (b.dups_hidden)
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, name, 0, 0, NULL,
                          "%zu more duplicate keys are not shown", b.dups_hidden);
    if (st != DOSSIER_OK)
        return st;
    *root = b.root;
    return b.status;
}

const char *dossier_ynode_kind_text(const dossier_ynode *n)
{
    if (!n)
        return "nothing";
    switch (n->kind) {
    case DOSSIER_YNODE_SEQUENCE:
        return "a list";
    case DOSSIER_YNODE_MAPPING:
        return "a mapping";
    default:
        if (dossier_ynode_is_null(n))
            return "an empty value";
        return "a string";
    }
}

dossier_ynode *dossier_ynode_get(const dossier_ynode *map, const char *key)
{
    size_t i;
    if (!map || map->kind != DOSSIER_YNODE_MAPPING)
        return NULL;
    if (map->len > INDEX_MIN_PAIRS) { /* lower bound: the first of equal keys */
        const uint32_t *index = (const uint32_t *)(map->pairs + map->len);
        size_t lo = 0, hi = map->len;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(map->pairs[index[mid]].key->text, key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < map->len && strcmp(map->pairs[index[lo]].key->text, key) == 0)
            return map->pairs[index[lo]].value;
        return NULL;
    }
    for (i = 0; i < map->len; i++) {
        const char *k = map->pairs[i].key->text;
        if (k[0] == key[0] && strcmp(k, key) == 0) /* first byte: cheap filter */
            return map->pairs[i].value;
    }
    return NULL;
}

int dossier_ynode_is_null(const dossier_ynode *n)
{
    if (!n || n->kind != DOSSIER_YNODE_SCALAR || !n->plain)
        return 0;
    return n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0;
}
