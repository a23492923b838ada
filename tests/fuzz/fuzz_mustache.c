/* fuzz_mustache.c - fuzz target: the Mustache engine. The input is a
 * template, optionally followed by a NUL byte and YAML/JSON data; partial
 * "p" resolves to the template itself, so recursion limits get exercised. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/mustache.h"
#include "dossier/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct self_partial {
    const char *text;
    size_t len;
} self_partial;

static const char *lookup_partial(void *ud, const char *name, size_t *len)
{
    self_partial *p = ud;
    if (strcmp(name, "p") != 0)
        return NULL;
    *len = p->len;
    return p->text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const uint8_t *nul = memchr(data, 0, size);
    size_t tlen = nul ? (size_t)(nul - data) : size;
    const char *fallback = "{a: [1, 2, {b: x}], c: {d: '<&>'}, e: true, f: ''}";
    dossier_diags *diags = dossier_diags_new();
    dossier_data *ctx = NULL;
    dossier_mustache_options opts;
    self_partial self = {text, tlen};
    char *out = NULL;

    if (!diags)
        return 0;
    if (nul)
        dossier_data_parse((const char *)nul + 1, size - tlen - 1, "data", NULL, &ctx, diags);
    if (!ctx)
        dossier_data_parse(fallback, strlen(fallback), "data", NULL, &ctx, diags);
    memset(&opts, 0, sizeof opts);
    opts.struct_size = sizeof opts;
    opts.escape = (dossier_escape)(size % 3);
    opts.partial = lookup_partial;
    opts.partial_userdata = &self;
    opts.max_output = 1 << 20;
    if (ctx && dossier_mustache_render(text, tlen, "fuzz.mustache", dossier_data_root(ctx),
                                       &opts, &out, NULL, diags) == DOSSIER_OK)
        free(out);
    dossier_data_free(ctx);
    dossier_diags_free(diags);
    return 0;
}
