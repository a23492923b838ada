/* data_dump.c - prints a dossier_data tree as canonical JSON (sorted by
 * input order, numbers as written) so a Python test can compare it with
 * json.load() of the same file. Usage: data_dump FILE */
#include <stdio.h>
#include <stdlib.h>

#include "dossier/dossier.h"

static void put_string(const char *s, size_t n)
{
    size_t i;
    putchar('"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void dump(const dossier_value *v)
{
    size_t i;
    switch (v->type) {
    case DOSSIER_VALUE_NULL:
        fputs("null", stdout);
        break;
    case DOSSIER_VALUE_BOOL:
        fputs(v->u.boolean ? "true" : "false", stdout);
        break;
    case DOSSIER_VALUE_NUMBER:
        fputs(v->text ? v->text : "0", stdout);
        break;
    case DOSSIER_VALUE_STRING:
        put_string(v->u.string, v->count);
        break;
    case DOSSIER_VALUE_ARRAY:
        putchar('[');
        for (i = 0; i < v->count; i++) {
            if (i)
                putchar(',');
            dump(&v->u.items[i]);
        }
        putchar(']');
        break;
    case DOSSIER_VALUE_OBJECT:
        putchar('{');
        for (i = 0; i < v->count; i++) {
            if (i)
                putchar(',');
            put_string(v->u.members[i].key, strlen(v->u.members[i].key));
            putchar(':');
            dump(&v->u.members[i].value);
        }
        putchar('}');
        break;
    }
}

int main(int argc, char **argv)
{
    dossier_diags *diags = dossier_diags_new();
    dossier_data *data = NULL;
    size_t i;
    int rc = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: data_dump FILE\n");
        return 2;
    }
    if (dossier_data_load_file(argv[1], NULL, &data, diags) != DOSSIER_OK)
        rc = 1;
    else
        dump(dossier_data_root(data));
    putchar('\n');
    for (i = 0; i < dossier_diags_count(diags); i++) {
        char *s = dossier_diag_format(dossier_diags_get(diags, i));
        fprintf(stderr, "%s\n", s);
        free(s);
    }
    dossier_data_free(data);
    dossier_diags_free(diags);
    return rc;
}
