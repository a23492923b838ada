/* mustache.c - rendering a parsed Mustache tree against a dossier_value.
 *
 * The context stack, name resolution and truthiness follow the spec
 * (docs/MUSTACHE.md). Partials are looked up once per (name, indentation)
 * and cached for the render, so a partial used per event is parsed once.
 * Recursion (nested sections, partials including partials) is bounded by
 * max_depth, so a self-including partial ends in an error, not a crash.
 * Output is built in one buffer, which render_to hands to the caller's
 * callback whenever it passes flush_bytes, so a streamed render holds one
 * piece, not the document. */
#include "dossier/mustache.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_internal.h"
#include "json_internal.h"
#include "mustache_internal.h"

#define MST_DEFAULT_DEPTH 100
#define MST_HARD_DEPTH 1000 /* C stack safety, whatever the caller asks */
#define MST_DEFAULT_OUTPUT ((size_t)256 * 1024 * 1024)
/* Streamed output is not held in memory; the limit only stops a runaway. */
#define MST_DEFAULT_STREAM_OUTPUT                                              \
    (sizeof(size_t) > 4 ? (size_t)16 << 30 : (size_t)-1)
#define MST_DEFAULT_FLUSH ((size_t)64 * 1024)
#define MST_MAX_PARTIAL_FILE ((size_t)16 * 1024 * 1024)

typedef struct partial_entry {
    const char *name;
    const char *indent;
    dossier_mst_node *tree; /* NULL: empty or not found */
    struct partial_entry *next;
} partial_entry;

typedef struct render {
    dossier_buf out;
    dossier_arena arena;
    dossier_escape escape;
    dossier_partial_fn partial;
    void *partial_userdata;
    const char *partials_dir;
    size_t max_depth, max_output, depth;
    /* Streaming (render_to): out is handed to write every flush_bytes. */
    dossier_mustache_write_fn write;
    void *write_userdata;
    size_t flush_bytes, written;
    const dossier_value **stack;
    size_t sp, stack_cap;
    partial_entry *partials;
    dossier_diags *diags;
} render;

static dossier_status error_at(render *r, const dossier_mst_node *n,
                               dossier_status st, const char *what)
{
    dossier_diags_add(r->diags, DOSSIER_SEV_ERROR, n ? n->tname : NULL,
                      n ? n->line : 0, n ? n->col : 0, NULL, "%s", what);
    return st;
}

static int push(render *r, const dossier_value *v)
{
    if (r->sp == r->stack_cap) {
        size_t cap = r->stack_cap ? r->stack_cap * 2 : 32;
        const dossier_value **s = realloc((void *)r->stack, cap * sizeof *s);
        if (!s)
            return -1;
        r->stack = s;
        r->stack_cap = cap;
    }
    r->stack[r->sp++] = v;
    return 0;
}

static const dossier_value *member(const dossier_value *v, const char *k,
                                   size_t n)
{
    size_t i;
    char first = n ? k[0] : '\0';
    if (!v || v->type != DOSSIER_VALUE_OBJECT)
        return NULL;
    /* the first byte rules out most keys without a call (lookup is hot:
     * every tag of every event) */
    for (i = 0; i < v->count; i++) {
        const char *key = v->u.members[i].key;
        if (key[0] == first && strncmp(key, k, n) == 0 && key[n] == '\0')
            return &v->u.members[i].value;
    }
    return NULL;
}

/* Spec name resolution: "." is the top of the stack; otherwise the first
 * part of a dotted name is searched from the top of the stack down, and the
 * rest is resolved only inside what it found (a broken chain is a miss). */
static const dossier_value *lookup(const render *r, const char *name, size_t len)
{
    const dossier_value *v = NULL;
    size_t i, seg;
    if (len == 1 && name[0] == '.')
        return r->sp ? r->stack[r->sp - 1] : NULL;
    for (seg = 0; seg < len && name[seg] != '.'; seg++)
        ;
    for (i = r->sp; i > 0 && !v; i--)
        v = member(r->stack[i - 1], name, seg);
    while (v && seg < len) {
        const char *part = name + seg + 1;
        size_t plen;
        for (plen = 0; part + plen < name + len && part[plen] != '.'; plen++)
            ;
        v = member(v, part, plen);
        seg += plen + 1;
    }
    return v;
}

static int truthy(const dossier_value *v)
{
    if (!v)
        return 0;
    switch (v->type) {
    case DOSSIER_VALUE_NULL: return 0;
    case DOSSIER_VALUE_BOOL: return v->u.boolean != 0;
    case DOSSIER_VALUE_STRING: return v->count > 0;
    case DOSSIER_VALUE_ARRAY: return v->count > 0;
    default: return 1;
    }
}

static void emit_value(render *r, const dossier_value *v, int raw)
{
    dossier_escape mode = raw ? DOSSIER_ESCAPE_NONE : r->escape;
    char num[40];
    char *json;
    size_t n;
    switch (v->type) {
    case DOSSIER_VALUE_NULL:
        break;
    case DOSSIER_VALUE_BOOL:
        dossier_buf_puts(&r->out, v->u.boolean ? "true" : "false");
        break;
    case DOSSIER_VALUE_NUMBER:
        dossier_number_text(v->u.number, v->text, num);
        dossier_mst_escape(&r->out, num, strlen(num), mode);
        break;
    case DOSSIER_VALUE_STRING:
        dossier_mst_escape(&r->out, v->u.string, v->count, mode);
        break;
    default: /* lists and objects print as JSON: handy while writing templates */
        json = dossier_value_to_json(v, 0, &n);
        if (!json) {
            r->out.failed = 1;
            break;
        }
        dossier_mst_escape(&r->out, json, n, mode);
        free(json);
        break;
    }
}

static int valid_partial_name(const char *s)
{
    return s[0] != '\0' && s[0] != '.' && !strchr(s, '/') && !strchr(s, '\\');
}

/* Reads partials_dir/NAME.mustache into the arena; NULL when absent. */
static dossier_status read_partial_file(render *r, const char *name,
                                        const char **text, size_t *len,
                                        const char **path_out)
{
    char *path, *buf;
    FILE *f;
    long size;
    path = dossier_arena_printf(&r->arena, "%s/%s.mustache", r->partials_dir, name);
    if (!path)
        return DOSSIER_ERR_NOMEM;
    *path_out = path;
    *text = NULL;
    f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? DOSSIER_OK : DOSSIER_ERR_IO;
    size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return DOSSIER_ERR_IO;
    }
    if ((size_t)size > MST_MAX_PARTIAL_FILE) {
        fclose(f);
        return DOSSIER_ERR_LIMIT;
    }
    buf = dossier_arena_alloc(&r->arena, (size_t)size + 1);
    if (!buf) {
        fclose(f);
        return DOSSIER_ERR_NOMEM;
    }
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        return DOSSIER_ERR_IO;
    }
    fclose(f);
    *text = buf;
    *len = (size_t)size;
    return DOSSIER_OK;
}

/* Standalone partials are indented line by line, before parsing (so data
 * interpolated inside them is not indented, as the spec wants). */
static char *indent_text(render *r, const char *text, size_t len,
                         const char *indent, size_t *out_len)
{
    size_t ilen = strlen(indent), lines = 1, i, o = 0;
    char *buf;
    for (i = 0; i < len; i++)
        lines += text[i] == '\n';
    buf = dossier_arena_alloc(&r->arena, len + lines * ilen + 1);
    if (!buf)
        return NULL;
    for (i = 0; i < len; i++) {
        if (i == 0 || (text[i - 1] == '\n')) {
            memcpy(buf + o, indent, ilen);
            o += ilen;
        }
        buf[o++] = text[i];
    }
    *out_len = o;
    return buf;
}

static dossier_status find_partial(render *r, const dossier_mst_node *n,
                                   dossier_mst_node **tree)
{
    partial_entry *e;
    const char *text = NULL, *tname;
    size_t len = 0;
    char *name;
    dossier_status st;

    for (e = r->partials; e; e = e->next)
        if (strlen(e->name) == n->len && memcmp(e->name, n->s, n->len) == 0 &&
            strcmp(e->indent, n->indent) == 0) {
            *tree = e->tree;
            return DOSSIER_OK;
        }
    name = dossier_arena_strndup(&r->arena, n->s, n->len);
    e = dossier_arena_alloc(&r->arena, sizeof *e);
    if (!name || !e)
        return DOSSIER_ERR_NOMEM;
    tname = name;
    if (r->partial)
        text = r->partial(r->partial_userdata, name, &len);
    if (!text && r->partials_dir) {
        if (!valid_partial_name(name))
            return error_at(r, n, DOSSIER_ERR_TEMPLATE,
                            "partial names must be plain file names (no '/', "
                            "'\\' or leading '.')");
        st = read_partial_file(r, name, &text, &len, &tname);
        if (st != DOSSIER_OK) {
            dossier_diags_add(r->diags, DOSSIER_SEV_ERROR, n->tname, n->line,
                              n->col, NULL, "cannot read partial '%s': %s",
                              tname, dossier_status_str(st));
            return st;
        }
    }
    e->name = name;
    e->indent = n->indent;
    e->tree = NULL;
    if (text && n->indent[0]) {
        text = indent_text(r, text, len, n->indent, &len);
        if (!text)
            return DOSSIER_ERR_NOMEM;
    }
    if (text) {
        st = dossier_mst_parse(&r->arena, text, len, tname, &e->tree, r->diags);
        if (st != DOSSIER_OK)
            return st;
    }
    e->next = r->partials;
    r->partials = e;
    *tree = e->tree;
    return DOSSIER_OK;
}

static dossier_status render_nodes(render *r, const dossier_mst_node *n);

/* Hands the buffered output to the caller (streaming only); the buffer keeps
 * its capacity for the next piece. */
static int flush(render *r)
{
    if (r->out.len == 0)
        return 0;
    if (r->write(r->write_userdata, r->out.data, r->out.len) != 0)
        return -1;
    r->written += r->out.len;
    r->out.len = 0;
    return 0;
}

/* Renders a section body (or a partial) one level deeper. */
static dossier_status nested(render *r, const dossier_mst_node *at,
                             const dossier_mst_node *body,
                             const dossier_value *ctx)
{
    dossier_status st;
    if (r->depth >= r->max_depth)
        return error_at(r, at, DOSSIER_ERR_LIMIT,
                        "template nesting is too deep (recursive partial?)");
    if (ctx && push(r, ctx) != 0)
        return DOSSIER_ERR_NOMEM;
    r->depth++;
    st = render_nodes(r, body);
    r->depth--;
    if (ctx)
        r->sp--;
    return st;
}

static dossier_status render_nodes(render *r, const dossier_mst_node *n)
{
    dossier_status st = DOSSIER_OK;
    for (; n && st == DOSSIER_OK; n = n->next) {
        const dossier_value *v;
        size_t i;
        switch (n->type) {
        case DOSSIER_MST_TEXT:
            dossier_buf_append(&r->out, n->s, n->len);
            break;
        case DOSSIER_MST_VAR:
            v = lookup(r, n->s, n->len);
            if (v)
                emit_value(r, v, n->raw);
            break;
        case DOSSIER_MST_INVERTED:
            v = lookup(r, n->s, n->len);
            if (!truthy(v))
                st = nested(r, n, n->child, NULL);
            break;
        case DOSSIER_MST_SECTION:
            v = lookup(r, n->s, n->len);
            if (!truthy(v))
                break;
            if (v->type == DOSSIER_VALUE_ARRAY) {
                for (i = 0; i < v->count && st == DOSSIER_OK; i++)
                    st = nested(r, n, n->child, &v->u.items[i]);
            } else {
                st = nested(r, n, n->child, v);
            }
            break;
        case DOSSIER_MST_PARTIAL: {
            dossier_mst_node *tree = NULL;
            if (r->depth >= r->max_depth)
                return error_at(r, n, DOSSIER_ERR_LIMIT,
                                "template nesting is too deep (recursive "
                                "partial?)");
            st = find_partial(r, n, &tree);
            if (st == DOSSIER_OK && tree)
                st = nested(r, n, tree, NULL);
            break;
        }
        }
        if (st != DOSSIER_OK)
            break; /* reported where it happened */
        if (r->out.failed)
            return DOSSIER_ERR_NOMEM;
        if (r->out.len > r->max_output - r->written)
            return error_at(r, n, DOSSIER_ERR_LIMIT,
                            "template output exceeds the size limit");
        if (r->write && r->out.len >= r->flush_bytes && flush(r) != 0)
            return DOSSIER_ERR_IO;
    }
    return st;
}

/* The one renderer: buffered (`write` NULL: the result lands in *out) or
 * streamed to `write`. */
static dossier_status render_template(const char *tmpl, size_t len,
                                      const char *name,
                                      const dossier_value *data,
                                      const dossier_mustache_options *opts,
                                      dossier_mustache_write_fn write,
                                      void *userdata, char **out,
                                      size_t *out_len, dossier_diags *diags)
{
    render r;
    dossier_mst_node *root = NULL;
    dossier_status st;

    memset(&r, 0, sizeof r);
    r.escape = DOSSIER_ESCAPE_HTML;
    r.max_depth = MST_DEFAULT_DEPTH;
    r.max_output = write ? MST_DEFAULT_STREAM_OUTPUT : MST_DEFAULT_OUTPUT;
    r.write = write;
    r.write_userdata = userdata;
    r.flush_bytes = MST_DEFAULT_FLUSH;
    r.diags = diags;
    /* struct_size lets an older caller pass a shorter struct. */
    if (opts && opts->struct_size >= sizeof(uint32_t) + sizeof(dossier_escape)) {
        size_t have = opts->struct_size;
#define HAS(field)                                                             \
    (have >= offsetof(dossier_mustache_options, field) + sizeof opts->field)
        if (HAS(escape))
            r.escape = opts->escape;
        if (HAS(partial_userdata)) {
            r.partial = opts->partial;
            r.partial_userdata = opts->partial_userdata;
        }
        if (HAS(partials_dir))
            r.partials_dir = opts->partials_dir;
        if (HAS(max_depth) && opts->max_depth)
            r.max_depth = opts->max_depth;
        if (HAS(max_output) && opts->max_output)
            r.max_output = opts->max_output;
        if (HAS(flush_bytes) && opts->flush_bytes)
            r.flush_bytes = opts->flush_bytes;
#undef HAS
    }
    if (r.max_depth > MST_HARD_DEPTH)
        r.max_depth = MST_HARD_DEPTH;
    /* An unknown mode would otherwise print data unescaped: refuse it. */
    if ((unsigned)r.escape > (unsigned)DOSSIER_ESCAPE_NONE) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, name, 0, 0, NULL,
                          "unknown escape mode %d", (int)r.escape);
        return DOSSIER_ERR_USAGE;
    }
    if (!name)
        name = "<template>";

    st = dossier_mst_parse(&r.arena, tmpl ? tmpl : "", len, name, &root, diags);
    if (st == DOSSIER_OK && push(&r, data) != 0)
        st = DOSSIER_ERR_NOMEM;
    if (st == DOSSIER_OK)
        st = render_nodes(&r, root);
    if (st == DOSSIER_OK && write) {
        if (flush(&r) != 0)
            st = DOSSIER_ERR_IO;
    } else if (st == DOSSIER_OK) {
        *out = dossier_buf_detach(&r.out, out_len);
        if (!*out)
            st = DOSSIER_ERR_NOMEM;
    }
    if (st == DOSSIER_ERR_NOMEM)
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, name, 0, 0, NULL,
                          "out of memory while rendering the template");
    dossier_buf_free(&r.out);
    dossier_arena_free(&r.arena);
    free((void *)r.stack);
    return st;
}

DOSSIER_API dossier_status dossier_mustache_render(
    const char *tmpl, size_t len, const char *name, const dossier_value *data,
    const dossier_mustache_options *opts, char **out, size_t *out_len,
    dossier_diags *diags)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!out || (!tmpl && len > 0) || !diags)
        return DOSSIER_ERR_USAGE;
    return render_template(tmpl, len, name, data, opts, NULL, NULL, out,
                           out_len, diags);
}

DOSSIER_API dossier_status dossier_mustache_render_to(
    const char *tmpl, size_t len, const char *name, const dossier_value *data,
    const dossier_mustache_options *opts, dossier_mustache_write_fn write,
    void *userdata, dossier_diags *diags)
{
    if (!write || (!tmpl && len > 0) || !diags)
        return DOSSIER_ERR_USAGE;
    return render_template(tmpl, len, name, data, opts, write, userdata, NULL,
                           NULL, diags);
}
