/* spec_runner.c - runs the official Mustache spec (JSON files) against
 * dossier_mustache_render, and again through the streaming
 * dossier_mustache_render_to, which must give the same bytes whatever its
 * flush size (1 byte, 7 bytes, the default).
 *
 * Usage: spec_runner DIR. Every .json file in DIR is read with dossier_data_load_file
 * (the same reader users' --data files go through) and every test in it is
 * rendered with its data and partials and compared with "expected".
 * Prints a line per file and "N passed, M failed"; exits 1 on any failure,
 * and also when DIR is missing or holds no spec file (never a silent skip). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/mustache.h"
#include "dossier/value.h"

static const char *partial_cb(void *ud, const char *name, size_t *len)
{
    const dossier_value *v = dossier_value_get(ud, name);
    if (!v || v->type != DOSSIER_VALUE_STRING)
        return NULL;
    *len = v->count;
    return v->u.string;
}

/* A render_to sink that takes its text one byte at a time. */
typedef struct sink {
    char *data;
    size_t len, cap, calls;
} sink;

static int sink_write(void *ud, const char *text, size_t len)
{
    sink *k = ud;
    size_t i;
    k->calls++;
    if (len == 0)
        return -1; /* the engine promises never to send an empty piece */
    for (i = 0; i < len; i++) {
        if (k->len == k->cap) {
            size_t cap = k->cap ? k->cap * 2 : 64;
            char *p = realloc(k->data, cap);
            if (!p)
                return -1;
            k->data = p;
            k->cap = cap;
        }
        k->data[k->len++] = text[i];
    }
    return 0;
}

static void show(const char *label, const char *s, size_t n)
{
    size_t i;
    fprintf(stderr, "    %s: \"", label);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '\r')
            fputs("\\r", stderr);
        else if (c == '"')
            fputs("\\\"", stderr);
        else
            fputc(c, stderr);
    }
    fputs("\"\n", stderr);
}

/* Renders whose 1-byte-flush stream came in more than one piece: proof
 * that the streaming path really ran in pieces. */
static int multi_piece;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path, const char *fname, int *pass, int *fail)
{
    dossier_diags *diags = dossier_diags_new();
    dossier_data *spec = NULL;
    const dossier_value *tests;
    size_t i;
    int fp = 0, ff = 0;

    if (dossier_data_load_file(path, NULL, &spec, diags) != DOSSIER_OK) {
        fprintf(stderr, "%s: cannot read spec file\n", path);
        for (i = 0; i < dossier_diags_count(diags); i++) {
            char *m = dossier_diag_format(dossier_diags_get(diags, i));
            fprintf(stderr, "  %s\n", m ? m : "?");
            free(m);
        }
        dossier_diags_free(diags);
        return -1;
    }
    tests = dossier_value_get(dossier_data_root(spec), "tests");
    if (!tests || tests->type != DOSSIER_VALUE_ARRAY || tests->count == 0) {
        fprintf(stderr, "%s: no \"tests\" array\n", path);
        dossier_data_free(spec);
        dossier_diags_free(diags);
        return -1;
    }
    for (i = 0; i < tests->count; i++) {
        const dossier_value *t = &tests->u.items[i];
        const char *name = dossier_value_string(dossier_value_get(t, "name"), "?");
        const dossier_value *tmpl = dossier_value_get(t, "template");
        const dossier_value *expected = dossier_value_get(t, "expected");
        const dossier_value *data = dossier_value_get(t, "data");
        dossier_mustache_options opts;
        dossier_diags *d = dossier_diags_new();
        char *out = NULL;
        size_t out_len = 0;
        dossier_status st;

        memset(&opts, 0, sizeof opts);
        opts.struct_size = sizeof opts;
        opts.escape = DOSSIER_ESCAPE_HTML;
        opts.partial = partial_cb;
        opts.partial_userdata = (void *)dossier_value_get(t, "partials");
        if (!tmpl || tmpl->type != DOSSIER_VALUE_STRING || !expected ||
            expected->type != DOSSIER_VALUE_STRING) {
            fprintf(stderr, "FAIL %s: %s: malformed test\n", fname, name);
            ff++;
            dossier_diags_free(d);
            continue;
        }
        st = dossier_mustache_render(tmpl->u.string, tmpl->count, name, data,
                                     &opts, &out, &out_len, d);
        {
            static const size_t flushes[] = {1, 7, 0};
            size_t f;
            for (f = 0; f < 3 && st == DOSSIER_OK; f++) {
                sink k = {NULL, 0, 0, 0};
                dossier_status sst;
                opts.flush_bytes = flushes[f];
                sst = dossier_mustache_render_to(tmpl->u.string, tmpl->count,
                                                 name, data, &opts, sink_write,
                                                 &k, d);
                if (sst != DOSSIER_OK || k.len != out_len ||
                    (out_len && memcmp(k.data, out, out_len) != 0)) {
                    fprintf(stderr, "FAIL %s: %s: streamed with flush %zu "
                            "differs (%s)\n", fname, name, flushes[f],
                            dossier_status_str(sst));
                    if (k.data)
                        show("streamed", k.data, k.len);
                    st = DOSSIER_ERR_RENDER;
                }
                multi_piece += flushes[f] == 1 && k.calls > 1;
                free(k.data);
            }
            opts.flush_bytes = 0;
        }
        if (st == DOSSIER_OK && out_len == expected->count &&
            memcmp(out, expected->u.string, out_len) == 0) {
            fp++;
        } else {
            size_t k;
            ff++;
            fprintf(stderr, "FAIL %s: %s (%s)\n", fname, name,
                    dossier_status_str(st));
            show("template", tmpl->u.string, tmpl->count);
            show("expected", expected->u.string, expected->count);
            if (out)
                show("got     ", out, out_len);
            for (k = 0; k < dossier_diags_count(d); k++) {
                char *m = dossier_diag_format(dossier_diags_get(d, k));
                fprintf(stderr, "    %s\n", m ? m : "?");
                free(m);
            }
        }
        free(out);
        dossier_diags_free(d);
    }
    printf("%-20s %d passed, %d failed\n", fname, fp, ff);
    *pass += fp;
    *fail += ff;
    dossier_data_free(spec);
    dossier_diags_free(diags);
    return 0;
}

int main(int argc, char **argv)
{
    DIR *dir;
    struct dirent *e;
    char *names[64];
    size_t n = 0, i;
    int pass = 0, fail = 0, broken = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: spec_runner SPEC_DIR\n");
        return 2;
    }
    dir = opendir(argv[1]);
    if (!dir) {
        fprintf(stderr, "spec_runner: ERROR: Mustache spec folder '%s' is "
                "missing (set -DDOSSIER_SHARED_DIR=...)\n", argv[1]);
        return 1;
    }
    while ((e = readdir(dir)) != NULL && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0 &&
            e->d_name[0] != '~')
            names[n++] = strdup(e->d_name);
    }
    closedir(dir);
    if (n == 0) {
        fprintf(stderr, "spec_runner: ERROR: no spec files in '%s'\n", argv[1]);
        return 1;
    }
    qsort(names, n, sizeof names[0], by_name);
    for (i = 0; i < n; i++) {
        size_t plen = strlen(argv[1]) + strlen(names[i]) + 2;
        char *path = malloc(plen);
        if (!path)
            return 1;
        snprintf(path, plen, "%s/%s", argv[1], names[i]);
        if (run_file(path, names[i], &pass, &fail) != 0)
            broken++;
        free(path);
        free(names[i]);
    }
    printf("%d passed, %d failed; %d streamed in several pieces\n", pass,
           fail, multi_piece);
    if (multi_piece == 0)
        fprintf(stderr, "spec_runner: ERROR: no render was streamed in pieces\n");
    return (fail || broken || pass == 0 || multi_piece == 0) ? 1 : 0;
}
