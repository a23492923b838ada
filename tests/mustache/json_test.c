/* json_test.c - prints JSON made by dossier_value_to_json, for
 * check_json.py to read back with Python's json module.
 *   json_test hand        hand-built values (computed numbers, escapes)
 *   json_test FILE INDENT a data file read by dossier_data_load_file */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/value.h"

static void print(const dossier_value *v, int indent)
{
    size_t len = 0;
    char *s = dossier_value_to_json(v, indent, &len);
    if (!s || strlen(s) != len) {
        fprintf(stderr, "dossier_value_to_json failed\n");
        exit(1);
    }
    fwrite(s, 1, len, stdout);
    fputc('\n', stdout);
    free(s);
}

static dossier_value number(double d, const char *text)
{
    dossier_value v;
    memset(&v, 0, sizeof v);
    v.type = DOSSIER_VALUE_NUMBER;
    v.u.number = d;
    v.text = text;
    return v;
}

static int hand(void)
{
    static const char ctl[] = "a\x01\x1f\x7f\b\f\n\r\t\"\\/z";
    dossier_value items[12], root, str;
    size_t n = 0;
    memset(&str, 0, sizeof str);
    str.type = DOSSIER_VALUE_STRING;
    str.u.string = ctl;
    str.count = sizeof ctl - 1;
    items[n++] = number(0.1, NULL);
    items[n++] = number(1.0 / 3.0, NULL);
    items[n++] = number(1e300, NULL);
    items[n++] = number(-0.0, NULL);
    items[n++] = number(123456789012345678.0, NULL);
    items[n++] = number(1.21, "1.210");     /* text kept: valid JSON */
    items[n++] = number(31.0, "0x1F");      /* text dropped: not JSON */
    items[n++] = number(NAN, NULL);
    items[n++] = number(INFINITY, NULL);
    items[n++] = number(5e-324, NULL);
    items[n++] = str;
    memset(&root, 0, sizeof root);
    root.type = DOSSIER_VALUE_ARRAY;
    root.count = n;
    root.u.items = items;
    print(&root, 0);
    print(NULL, 0);
    return 0;
}

int main(int argc, char **argv)
{
    dossier_diags *d;
    dossier_data *data = NULL;
    if (argc == 2 && strcmp(argv[1], "hand") == 0)
        return hand();
    if (argc != 3) {
        fprintf(stderr, "usage: json_test hand | json_test FILE INDENT\n");
        return 2;
    }
    d = dossier_diags_new();
    if (dossier_data_load_file(argv[1], NULL, &data, d) != DOSSIER_OK) {
        size_t i;
        for (i = 0; i < dossier_diags_count(d); i++) {
            char *m = dossier_diag_format(dossier_diags_get(d, i));
            fprintf(stderr, "%s\n", m ? m : "?");
            free(m);
        }
        dossier_diags_free(d);
        return 1;
    }
    print(dossier_data_root(data), atoi(argv[2]));
    dossier_data_free(data);
    dossier_diags_free(d);
    return 0;
}
