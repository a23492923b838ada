/* md_harness.c - the md/html plugin against a host API 1.1 table and a
 * 1.0 one (struct_size ending before render_mustache_to).
 *
 * The plugin streams the template's output through render_mustache_to when
 * the host has it, and renders it whole with render_mustache otherwise (a
 * 1.0 host), restarting whole when a chunk cannot be cut. Both must give the
 * same bytes, and each must call what it may: the 1.0 table holds a
 * render_mustache_to that fails the test if called.
 *
 *   md_harness PLUGIN.so TEMPLATE_DIR OUTDIR INPUT [key=value]...
 *
 * Options are the plugin's -O keys (e.g. template=PATH). The harness is a
 * host, so it links libdossier; the plugin does not. */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier/loader.h"
#include "dossier/plugin.h"

#define MAX_OPTS 8

struct dossier_render_ctx {
    const char *opts[MAX_OPTS];
    int nopts;
    const char *template_dir;
    char found[8][4096]; /* paths handed out by find_template */
    int nfound;
    const dossier_value *data;
    int errors;
    int streamed, whole, forbidden; /* calls of each render entry */
};

static void h_report(dossier_render_ctx *ctx, dossier_severity sev,
                     const char *file, unsigned line, unsigned col,
                     const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void h_report(dossier_render_ctx *ctx, dossier_severity sev,
                     const char *file, unsigned line, unsigned col,
                     const char *fmt, ...)
{
    va_list ap;
    ctx->errors += sev == DOSSIER_SEV_ERROR;
    fprintf(stderr, "%s:%u:%u: %d: ", file ? file : "-", line, col, (int)sev);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void report_diags(dossier_render_ctx *ctx, dossier_diags *d)
{
    size_t i;
    for (i = 0; i < dossier_diags_count(d); i++) {
        char *m = dossier_diag_format(dossier_diags_get(d, i));
        h_report(ctx, dossier_diags_get(d, i)->severity, NULL, 0, 0, "%s",
                 m ? m : "?");
        free(m);
    }
    dossier_diags_free(d);
}

static const char *h_option(dossier_render_ctx *ctx, const char *key)
{
    int i;
    size_t n = strlen(key);
    for (i = 0; i < ctx->nopts; i++)
        if (strncmp(ctx->opts[i], key, n) == 0 && ctx->opts[i][n] == '=')
            return ctx->opts[i] + n + 1;
    return NULL;
}

static const char *h_find_template(dossier_render_ctx *ctx, const char *name)
{
    char *p = ctx->found[ctx->nfound++ % 8];
    snprintf(p, sizeof ctx->found[0], "%s/%s", ctx->template_dir, name);
    return access(p, R_OK) == 0 ? p : NULL;
}

static const dossier_value *h_model_data(dossier_render_ctx *ctx)
{
    return ctx->data;
}

static dossier_status h_render(dossier_render_ctx *ctx, const char *tmpl,
                               size_t len, const char *name,
                               const dossier_value *data,
                               const dossier_mustache_options *opts,
                               char **out, size_t *out_len)
{
    dossier_diags *d = dossier_diags_new();
    dossier_status st =
        dossier_mustache_render(tmpl, len, name, data, opts, out, out_len, d);
    ctx->whole++;
    report_diags(ctx, d);
    return st;
}

static dossier_status h_render_to(dossier_render_ctx *ctx, const char *tmpl,
                                  size_t len, const char *name,
                                  const dossier_value *data,
                                  const dossier_mustache_options *opts,
                                  dossier_mustache_write_fn write, void *ud)
{
    dossier_diags *d = dossier_diags_new();
    dossier_status st = dossier_mustache_render_to(tmpl, len, name, data, opts,
                                                   write, ud, d);
    ctx->streamed++;
    report_diags(ctx, d);
    return st;
}

/* In the 1.0 table: beyond struct_size, so never to be called. */
static dossier_status h_render_to_forbidden(
    dossier_render_ctx *ctx, const char *tmpl, size_t len, const char *name,
    const dossier_value *data, const dossier_mustache_options *opts,
    dossier_mustache_write_fn write, void *ud)
{
    ctx->forbidden++;
    return h_render_to(ctx, tmpl, len, name, data, opts, write, ud);
}

static void h_free_string(char *s)
{
    free(s);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n;
    *len = 0;
    if (!f)
        return NULL;
    do {
        if (cap - *len < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = realloc(buf, cap);
            if (!buf)
                exit(2);
        }
        n = fread(buf + *len, 1, cap - *len, f);
        *len += n;
    } while (n > 0);
    fclose(f);
    return buf;
}

/* Renders with `api` into OUTDIR/NAME; returns the render's status. */
static dossier_status run(const dossier_plugin *p, const dossier_host_api *api,
                          dossier_render_ctx *ctx, const dossier_model *model,
                          const char *path)
{
    void *inst = NULL;
    dossier_status st = p->create(api, ctx, &inst);
    if (st != DOSSIER_OK)
        return st;
    st = p->render(inst, model, path);
    p->destroy(inst);
    return st;
}

int main(int argc, char **argv)
{
    dossier_host_api api;
    dossier_render_ctx old_ctx, new_ctx;
    dossier_diags *diags = dossier_diags_new();
    dossier_model *model = NULL;
    dossier_data *data = NULL;
    const dossier_plugin *(*entry)(void);
    const dossier_plugin *p;
    char old_path[4096], new_path[4096];
    char *a, *b;
    size_t alen, blen;
    void *so;
    int i, fails = 0;
    dossier_status st1, st2;

    if (argc < 5) {
        fprintf(stderr, "usage: md_harness PLUGIN.so TEMPLATE_DIR OUTDIR INPUT [key=value]...\n");
        return 2;
    }
    if (dossier_load((const char *const *)&argv[4], 1, NULL, &model, diags) != DOSSIER_OK ||
        dossier_data_from_model(model, &data) != DOSSIER_OK) {
        fprintf(stderr, "cannot load %s\n", argv[4]);
        return 2;
    }
    so = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    entry = so ? (const dossier_plugin *(*)(void))dlsym(so, DOSSIER_PLUGIN_ENTRY_SYMBOL)
               : NULL;
    if (!entry) {
        fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
        return 2;
    }
    p = entry();
    /* A 1.0 host refuses a plugin that declares a newer minor: the fallback
     * below is reachable only if the plugin asks for no more than 1.0. */
    if (p->abi_major != DOSSIER_ABI_MAJOR || p->abi_minor != 0) {
        printf("FAIL: %s declares ABI %u.%u; a 1.0 host would refuse it\n",
               p->name, (unsigned)p->abi_major, (unsigned)p->abi_minor);
        return 1;
    }

    memset(&new_ctx, 0, sizeof new_ctx);
    new_ctx.template_dir = argv[2];
    new_ctx.data = dossier_data_root(data);
    for (i = 5; i < argc && new_ctx.nopts < MAX_OPTS; i++)
        new_ctx.opts[new_ctx.nopts++] = argv[i];
    old_ctx = new_ctx;

    memset(&api, 0, sizeof api);
    api.struct_size = sizeof api;
    api.abi_major = DOSSIER_ABI_MAJOR;
    api.abi_minor = DOSSIER_ABI_MINOR;
    api.report = h_report;
    api.option = h_option;
    api.find_template = h_find_template;
    api.model_data = h_model_data;
    api.render_mustache = h_render;
    api.free_string = h_free_string;
    api.render_mustache_to = h_render_to;
    snprintf(new_path, sizeof new_path, "%s/%s.streamed", argv[3], p->name);
    st1 = run(p, &api, &new_ctx, model, new_path);

    /* A 1.0 host: the table ends before render_mustache_to. */
    api.struct_size = (uint32_t)offsetof(dossier_host_api, render_mustache_to);
    api.abi_minor = 0;
    api.render_mustache_to = h_render_to_forbidden;
    snprintf(old_path, sizeof old_path, "%s/%s.whole", argv[3], p->name);
    st2 = run(p, &api, &old_ctx, model, old_path);

    a = slurp(new_path, &alen);
    b = slurp(old_path, &blen);
    if (st1 != DOSSIER_OK || st2 != DOSSIER_OK || new_ctx.errors || old_ctx.errors) {
        fprintf(stderr, "FAIL: render failed (%s / %s)\n",
                dossier_status_str(st1), dossier_status_str(st2));
        fails++;
    }
    if (!a || !b || alen == 0 || alen != blen || memcmp(a, b, alen) != 0) {
        fprintf(stderr, "FAIL: %s (%zu bytes) and %s (%zu bytes) differ\n",
                new_path, alen, old_path, blen);
        fails++;
    }
    if (new_ctx.streamed != 1 || old_ctx.streamed != 0 || old_ctx.forbidden ||
        old_ctx.whole != 1) {
        fprintf(stderr, "FAIL: calls: 1.1 host %d streamed + %d whole; "
                "1.0 host %d streamed + %d whole\n", new_ctx.streamed,
                new_ctx.whole, old_ctx.streamed, old_ctx.whole);
        fails++;
    }
    printf("%s: %zu bytes; 1.1 host: %d streamed + %d whole render(s); "
           "1.0 host: %d whole\n", p->name, alen, new_ctx.streamed,
           new_ctx.whole, old_ctx.whole);
    free(a);
    free(b);
    dossier_data_free(data);
    dossier_model_free(model);
    dossier_diags_free(diags);
    dlclose(so);
    return fails ? 1 : 0;
}
