/* data.c - YAML/JSON text to a dossier_value tree (see dossier/value.h).
 *
 * Plain scalars are typed the JSON way (true, false, null, JSON numbers);
 * every other scalar is a string. YAML 1.1's yes/no/on/off and sexagesimal
 * or octal numbers are deliberately NOT recognised: "NO" is Norway. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena_internal.h"
#include "data_internal.h"
#include "dossier/value.h"
#include "export_internal.h"
#include "loader_file_internal.h"
#include "yaml_internal.h"
#include "limits_internal.h"

/* JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
int dossier_is_json_number(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] == '-')
        i++;
    if (i >= len)
        return 0;
    if (s[i] == '0')
        i++;
    else if (s[i] >= '1' && s[i] <= '9')
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return 0;
    if (i < len && s[i] == '.') {
        size_t d = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t d;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        d = i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    return i == len;
}

static int convert(dossier_arena *a, const dossier_ynode *n, dossier_value *out)
{
    size_t i;
    memset(out, 0, sizeof(*out));
    if (!n) {
        out->type = DOSSIER_VALUE_NULL;
        return 0;
    }
    switch (n->kind) {
    case DOSSIER_YNODE_SCALAR:
        if (n->plain) {
            if (dossier_ynode_is_null(n)) {
                out->type = DOSSIER_VALUE_NULL;
                return 0;
            }
            if (strcmp(n->text, "true") == 0 || strcmp(n->text, "false") == 0) {
                out->type = DOSSIER_VALUE_BOOL;
                out->u.boolean = n->text[0] == 't';
                return 0;
            }
            if (dossier_is_json_number(n->text, n->len)) {
                out->type = DOSSIER_VALUE_NUMBER;
                out->u.number = strtod(n->text, NULL);
                out->text = n->text;
                return 0;
            }
        }
        out->type = DOSSIER_VALUE_STRING;
        out->u.string = n->text;
        out->count = n->len;
        return 0;
    case DOSSIER_YNODE_SEQUENCE: {
        dossier_value *items = dossier_arena_alloc(a, (n->len ? n->len : 1) * sizeof(*items));
        if (!items)
            return -1;
        for (i = 0; i < n->len; i++)
            if (convert(a, n->items[i], &items[i]) != 0)
                return -1;
        out->type = DOSSIER_VALUE_ARRAY;
        out->count = n->len;
        out->u.items = items;
        return 0;
    }
    case DOSSIER_YNODE_MAPPING: {
        dossier_member *m = dossier_arena_alloc(a, (n->len ? n->len : 1) * sizeof(*m));
        if (!m)
            return -1;
        for (i = 0; i < n->len; i++) {
            m[i].key = n->pairs[i].key->text;
            if (convert(a, n->pairs[i].value, &m[i].value) != 0)
                return -1;
        }
        out->type = DOSSIER_VALUE_OBJECT;
        out->count = n->len;
        out->u.members = m;
        return 0;
    }
    }
    return -1;
}

DOSSIER_API dossier_status dossier_data_parse(const char *text, size_t len, const char *name,
                                              const struct dossier_limits *limits,
                                              dossier_data **out, dossier_diags *diags)
{
    dossier_data *d;
    dossier_ynode *root = NULL;
    dossier_status st;
    *out = NULL;
    d = calloc(1, sizeof(*d));
    if (!d)
        return DOSSIER_ERR_NOMEM;
    st = dossier_yaml_parse(text, len, name, 0, limits, &d->arena, &root, diags);
    if (st == DOSSIER_OK && convert(&d->arena, root, &d->root) != 0)
        st = DOSSIER_ERR_NOMEM;
    if (st != DOSSIER_OK) {
        if (st == DOSSIER_ERR_NOMEM)
            dossier_diags_add(diags, DOSSIER_SEV_ERROR, name, 0, 0, NULL, "out of memory");
        dossier_data_free(d);
        return st;
    }
    *out = d;
    return DOSSIER_OK;
}

DOSSIER_API dossier_status dossier_data_load_file(const char *path,
                                                  const struct dossier_limits *limits,
                                                  dossier_data **out, dossier_diags *diags)
{
    dossier_limits lim = dossier_limits_resolve(limits);
    char *text = NULL;
    size_t len = 0;
    dossier_status st;
    *out = NULL;
    st = dossier_read_file(path, lim.max_file_bytes, &text, &len, diags);
    if (st != DOSSIER_OK)
        return st;
    st = dossier_data_parse(text, len, path, &lim, out, diags);
    free(text);
    return st;
}

DOSSIER_API const dossier_value *dossier_data_root(const dossier_data *data)
{
    return data ? &data->root : NULL;
}

DOSSIER_API void dossier_data_free(dossier_data *data)
{
    if (!data)
        return;
    dossier_arena_free(&data->arena);
    free(data);
}
