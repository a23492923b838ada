/* test_plugin.c - good and deliberately broken plugins for the host tests.
 *
 * Built once per variant (-DVARIANT_xxx) as a MODULE library in
 * build/tests/plugins/. The good variant writes "testgood" then one event id
 * per line, so tests can check a render reached the file. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dossier/plugin.h"

typedef struct inst {
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
} inst;

static inst the_instance; /* one render per process is enough for tests */

static dossier_status t_create(const dossier_host_api *api,
                               dossier_render_ctx *ctx, void **out)
{
    the_instance.api = api;
    the_instance.ctx = ctx;
    *out = &the_instance;
    return DOSSIER_OK;
}

static void t_destroy(void *p)
{
    (void)p;
}

/* -O testgood.template=NAME: NAME found through the host, rendered with
 * Mustache against the model data (or -O testgood.data=FILE), plus
 * -O testgood.country=CODE appended via country_name. Exercises the host
 * API end to end. */
__attribute__((unused)) static dossier_status write_template(inst *in, const char *name,
                                     const char *path)
{
    const char *tpath = in->api->find_template(in->ctx, name);
    const char *data_file = in->api->option(in->ctx, "data");
    const char *code = in->api->option(in->ctx, "country");
    const dossier_value *root;
    dossier_data *data = NULL;
    char buf[65536], *out = NULL;
    size_t n, olen = 0;
    dossier_status st;
    FILE *f;

    if (!tpath) {
        in->api->report(in->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                        "template %s not found", name);
        return DOSSIER_ERR_TEMPLATE;
    }
    if (!(f = fopen(tpath, "rb")))
        return DOSSIER_ERR_IO;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (data_file) {
        st = in->api->load_data(in->ctx, data_file, &data);
        if (st != DOSSIER_OK)
            return st;
        root = in->api->data_root(data);
    } else {
        root = in->api->model_data(in->ctx);
    }
    st = in->api->render_mustache(in->ctx, buf, n, tpath, root, NULL, &out, &olen);
    if (data)
        in->api->free_data(data);
    if (st != DOSSIER_OK)
        return st;
    f = fopen(path, "wb");
    if (!f) {
        in->api->free_string(out);
        return DOSSIER_ERR_IO;
    }
    fwrite(out, 1, olen, f);
    if (code)
        fprintf(f, "|%s", in->api->country_name(code) ? in->api->country_name(code)
                                                       : "(unknown)");
    in->api->free_string(out);
    return fclose(f) == 0 ? DOSSIER_OK : DOSSIER_ERR_IO;
}

__attribute__((unused)) static dossier_status write_ids(inst *in, const dossier_model *m,
                                const char *path)
{
    const char *greeting = in->api->option(in->ctx, "greeting");
    const char *tmpl = in->api->option(in->ctx, "template");
    FILE *f;
    size_t i;
    if (tmpl)
        return write_template(in, tmpl, path);
    f = fopen(path, "w");
    if (!f) {
        in->api->report(in->ctx, DOSSIER_SEV_ERROR, path, 0, 0,
                        "cannot open the output");
        return DOSSIER_ERR_IO;
    }
    fprintf(f, "%s\n", greeting ? greeting : "testgood");
    for (i = 0; i < m->event_count; i++)
        fprintf(f, "%s\n", m->events[i]->id);
    if (fclose(f) != 0) {
        in->api->report(in->ctx, DOSSIER_SEV_ERROR, path, 0, 0,
                        "cannot write the output");
        return DOSSIER_ERR_IO;
    }
    if (in->api->option(in->ctx, "warn"))
        in->api->report(in->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                        "asked to warn: %s", in->api->option(in->ctx, "warn"));
    return DOSSIER_OK;
}

__attribute__((unused)) static dossier_status t_render(void *p, const dossier_model *m, const char *path)
{
    inst *in = p;
#if defined(VARIANT_fails)
    in->api->report(in->ctx, DOSSIER_SEV_ERROR, "fails.tmpl", 3, 7,
                    "template is broken");
    (void)m; (void)path;
    return DOSSIER_ERR_TEMPLATE;
#elif defined(VARIANT_crash)
    write_ids(in, m, path); /* a half-written file must not land */
    signal(SIGSEGV, SIG_DFL); /* deterministic even under ASan */
    raise(SIGSEGV);
    return DOSSIER_OK;
#elif defined(VARIANT_hang)
    write_ids(in, m, path);
    for (;;)
        pause();
    return DOSSIER_OK;
#elif defined(VARIANT_stdout)
    printf("garbage on stdout\n");
    fflush(stdout);
    fprintf(stderr, "library chatter on stderr\n"); /* as libxlsxwriter does */
    if (write(STDOUT_FILENO, "raw garbage\n", 12) < 0)
        return DOSSIER_ERR_IO;
    return write_ids(in, m, path);
#elif defined(VARIANT_exits)
    write_ids(in, m, path);
    exit(3); /* a plugin must never do this; the host must survive it */
#elif defined(VARIANT_slow)
    {
        struct timespec ts = {1, 0};
        nanosleep(&ts, NULL);
    }
    return write_ids(in, m, path);
#elif defined(VARIANT_error_ok)
    write_ids(in, m, path);
    in->api->report(in->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                    "something went wrong but I return OK");
    return DOSSIER_OK;
#else
    return write_ids(in, m, path);
#endif
}

#ifndef PLUGIN_NAME
#define PLUGIN_NAME "testgood"
#endif
#ifndef PLUGIN_OUTPUT
#define PLUGIN_OUTPUT PLUGIN_NAME ".txt"
#endif

static const dossier_plugin descriptor = {
#if defined(VARIANT_big_struct)
    .struct_size = sizeof(dossier_plugin) + 64,
#else
    .struct_size = sizeof(dossier_plugin),
#endif
#if defined(VARIANT_abi_major)
    .abi_major = DOSSIER_ABI_MAJOR + 1,
#else
    .abi_major = DOSSIER_ABI_MAJOR,
#endif
#if defined(VARIANT_newer_minor)
    .abi_minor = DOSSIER_ABI_MINOR + 7,
#elif defined(VARIANT_abi_major)
    .abi_minor = 0, /* "2.0" in the refusal, whatever this host's minor */
#else
    .abi_minor = DOSSIER_ABI_MINOR,
#endif
    .name = PLUGIN_NAME,
    .version = "0.0.1",
    .description = "test plugin (" PLUGIN_NAME ")",
    .default_output = PLUGIN_OUTPUT,
    .create = t_create,
#if defined(VARIANT_null_render)
    .render = NULL,
#else
    .render = t_render,
#endif
    .destroy = t_destroy,
};

#if defined(VARIANT_noentry)
/* A shared object that is not a plugin: no entry symbol at all. */
__attribute__((visibility("default"))) int not_a_plugin(void);
__attribute__((visibility("default"))) int not_a_plugin(void)
{
    return descriptor.struct_size > 0;
}
#else
DOSSIER_PLUGIN_DEFINE(descriptor)
#endif
