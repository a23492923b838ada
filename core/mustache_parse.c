/* mustache_parse.c - Mustache template text to a node tree.
 *
 * One left-to-right scan. Each tag is classified, and the "standalone" rule
 * of the spec is applied on the spot: a section, inverted, closing, comment,
 * partial or set-delimiter tag that is alone on its line (only spaces/tabs
 * around it) removes the whole line, including its newline. */
#include "mustache_internal.h"

#include <stdarg.h>
#include <string.h>

#define MST_MAX_DELIM 16

typedef struct parser {
    dossier_arena *arena;
    const char *src;
    size_t len;
    const char *tname;
    dossier_diags *diags;
    char otag[MST_MAX_DELIM + 1], ctag[MST_MAX_DELIM + 1];
    size_t olen, clen;
    /* Position cache: offsets asked for only grow, so line/col are found
     * incrementally instead of rescanning (big templates stay linear). */
    size_t pos_off;
    unsigned pos_line, pos_col;
} parser;

/* Open sections while parsing: where the next child goes. */
typedef struct frame {
    dossier_mst_node *owner;  /* NULL for the root */
    dossier_mst_node **tail;  /* where to link the next node */
} frame;

static void position(parser *p, size_t off, unsigned *line, unsigned *col)
{
    size_t i = 0;
    unsigned l = 1, c = 1;
    if (off >= p->pos_off && p->pos_line > 0) {
        i = p->pos_off;
        l = p->pos_line;
        c = p->pos_col;
    }
    for (; i < off && i < p->len; i++) {
        if (p->src[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)p->src[i] & 0xC0) != 0x80) {
            c++; /* count characters, not UTF-8 continuation bytes */
        }
    }
    p->pos_off = i;
    p->pos_line = l;
    p->pos_col = c;
    *line = l;
    *col = c;
}

static dossier_status fail(parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static dossier_status fail(parser *p, size_t off, const char *fmt, ...)
{
    unsigned line, col;
    va_list ap;
    position(p, off, &line, &col);
    va_start(ap, fmt);
    dossier_diags_addv(p->diags, DOSSIER_SEV_ERROR, p->tname, line, col, NULL,
                       fmt, ap);
    va_end(ap);
    return DOSSIER_ERR_TEMPLATE;
}

/* Caps a quoted name in a message. */
#define SHOW(n) ((int)((n) > 60 ? 60 : (n)))

static const char *find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen)
{
    size_t i;
    if (nlen == 0 || hlen < nlen)
        return NULL;
    for (i = 0; i + nlen <= hlen; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
            return hay + i;
    return NULL;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

static dossier_mst_node *add(parser *p, frame *f, dossier_mst_type type,
                             const char *s, size_t n, size_t off)
{
    dossier_mst_node *node = dossier_arena_alloc(p->arena, sizeof *node);
    if (!node)
        return NULL;
    node->type = type;
    node->s = s;
    node->len = n;
    node->indent = "";
    node->tname = p->tname;
    position(p, off, &node->line, &node->col);
    *f->tail = node;
    f->tail = &node->next;
    return node;
}

/* {{=<% %>=}}: content is "<% %>" (already trimmed of the '=' signs). */
static dossier_status set_delims(parser *p, const char *s, size_t n, size_t off)
{
    const char *a = s, *b;
    size_t alen, blen;
    trim(&s, &n);
    a = s;
    for (alen = 0; alen < n && !is_space(a[alen]); alen++)
        ;
    b = a + alen;
    while (b < s + n && is_space(*b))
        b++;
    blen = (size_t)(s + n - b);
    if (alen == 0 || blen == 0 || alen > MST_MAX_DELIM || blen > MST_MAX_DELIM ||
        memchr(b, ' ', blen) || memchr(b, '\t', blen) || memchr(a, '=', alen) ||
        memchr(b, '=', blen))
        return fail(p, off, "bad set-delimiter tag '%.*s' (want two delimiters "
                    "without spaces or '=', like {{=<%% %%>=}})", SHOW(n), s);
    memcpy(p->otag, a, alen);
    p->otag[alen] = '\0';
    p->olen = alen;
    memcpy(p->ctag, b, blen);
    p->ctag[blen] = '\0';
    p->clen = blen;
    return DOSSIER_OK;
}

static int valid_name(const char *s, size_t n)
{
    size_t i;
    if (n == 0)
        return 0;
    for (i = 0; i < n; i++)
        if (is_space(s[i]))
            return 0;
    return 1;
}

dossier_status dossier_mst_parse(dossier_arena *arena, const char *src,
                                 size_t len, const char *tname,
                                 dossier_mst_node **out, dossier_diags *diags)
{
    parser p;
    frame stack[128], *top;
    size_t depth = 0, pos = 0;
    dossier_mst_node *root = NULL;
    dossier_status st;

    memset(&p, 0, sizeof p);
    p.arena = arena;
    p.src = src;
    p.len = len;
    p.tname = tname;
    p.diags = diags;
    memcpy(p.otag, "{{", 3);
    memcpy(p.ctag, "}}", 3);
    p.olen = p.clen = 2;
    *out = NULL;
    stack[0].owner = NULL;
    stack[0].tail = &root;
    top = &stack[0];

    while (pos < len) {
        const char *open = find(src + pos, len - pos, p.otag, p.olen);
        size_t tag_start, content, tag_end, ls, le;
        const char *close, *body;
        size_t body_len;
        char kind;
        int standalone_ok, standalone = 0;

        if (!open) {
            if (!add(&p, top, DOSSIER_MST_TEXT, src + pos, len - pos, pos))
                return DOSSIER_ERR_NOMEM;
            break;
        }
        tag_start = (size_t)(open - src);
        content = tag_start + p.olen;
        kind = content < len ? src[content] : '\0';
        if (kind == '{' || kind == '&' || kind == '#' || kind == '^' ||
            kind == '/' || kind == '!' || kind == '>' || kind == '=')
            content++;
        else
            kind = 'v';
        /* The closing delimiter; '{' and '=' tags end in "}" or "=" first. */
        {
            char want[MST_MAX_DELIM + 2];
            size_t extra = (kind == '{' || kind == '=') ? 1 : 0;
            if (extra)
                want[0] = kind == '{' ? '}' : '=';
            memcpy(want + extra, p.ctag, p.clen + 1);
            close = content <= len ? find(src + content, len - content, want,
                                          p.clen + extra)
                                   : NULL;
            if (!close)
                return fail(&p, tag_start, "unclosed tag '%.*s' (no matching "
                            "closing delimiter)",
                            SHOW(len - tag_start > 12 ? 12 : len - tag_start),
                            src + tag_start);
            body = src + content;
            body_len = (size_t)(close - body);
            tag_end = (size_t)(close - src) + extra + p.clen;
        }
        if (kind != '!')
            trim(&body, &body_len);

        /* Standalone: only blanks between the line start and the tag and
         * between the tag and the line end (or the end of the template). */
        standalone_ok = kind != 'v' && kind != '{' && kind != '&';
        ls = tag_start;
        while (ls > pos && is_blank(src[ls - 1]))
            ls--;
        le = tag_end;
        while (le < len && is_blank(src[le]))
            le++;
        if (standalone_ok && (ls == 0 || src[ls - 1] == '\n') &&
            (le == len || src[le] == '\n' ||
             (src[le] == '\r' && le + 1 < len && src[le + 1] == '\n'))) {
            standalone = 1;
            if (le < len)
                le += src[le] == '\r' ? 2 : 1;
        }
        if ((standalone ? ls : tag_start) > pos &&
            !add(&p, top, DOSSIER_MST_TEXT, src + pos,
                 (standalone ? ls : tag_start) - pos, pos))
            return DOSSIER_ERR_NOMEM;

        switch (kind) {
        case '!':
            break;
        case '=':
            st = set_delims(&p, body, body_len, tag_start);
            if (st != DOSSIER_OK)
                return st;
            break;
        case '/':
            if (depth == 0)
                return fail(&p, tag_start, "closing tag '%.*s' has no open "
                            "section", SHOW(body_len), body);
            if (top->owner->len != body_len ||
                memcmp(top->owner->s, body, body_len) != 0)
                return fail(&p, tag_start, "closing tag '%.*s' does not match "
                            "open section '%.*s' (opened at line %u)",
                            SHOW(body_len), body, SHOW(top->owner->len),
                            top->owner->s, top->owner->line);
            depth--;
            top = &stack[depth];
            break;
        default: {
            dossier_mst_type type = kind == '#'   ? DOSSIER_MST_SECTION
                                    : kind == '^' ? DOSSIER_MST_INVERTED
                                    : kind == '>' ? DOSSIER_MST_PARTIAL
                                                  : DOSSIER_MST_VAR;
            dossier_mst_node *node;
            if (body_len == 0)
                return fail(&p, tag_start, "empty tag name");
            if (!valid_name(body, body_len))
                return fail(&p, tag_start, "bad tag name '%.*s' (names cannot "
                            "contain spaces)", SHOW(body_len), body);
            node = add(&p, top, type, body, body_len, tag_start);
            if (!node)
                return DOSSIER_ERR_NOMEM;
            node->raw = kind == '{' || kind == '&';
            if (type == DOSSIER_MST_PARTIAL && standalone) {
                char *ind = dossier_arena_strndup(arena, src + ls, tag_start - ls);
                if (!ind)
                    return DOSSIER_ERR_NOMEM;
                node->indent = ind;
            }
            if (type == DOSSIER_MST_SECTION || type == DOSSIER_MST_INVERTED) {
                if (depth + 1 >= sizeof stack / sizeof stack[0])
                    return fail(&p, tag_start, "sections nested too deeply at "
                                "'%.*s'", SHOW(body_len), body);
                depth++;
                top = &stack[depth];
                top->owner = node;
                top->tail = &node->child;
            }
        }
        }
        pos = standalone ? le : tag_end;
    }
    if (depth > 0) {
        dossier_mst_node *open = stack[depth].owner;
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, tname, open->line, open->col,
                          NULL, "unclosed section '%.*s'", SHOW(open->len),
                          open->s);
        return DOSSIER_ERR_TEMPLATE;
    }
    *out = root;
    return DOSSIER_OK;
}
