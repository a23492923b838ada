/* host_api.c - the dossier_host_api table a plugin receives in create().
 *
 * Every function takes the plugin's render context, which says where
 * diagnostics go: straight into the caller's list (in-process) or down a
 * pipe to the parent (isolated child), so output never interleaves. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf_internal.h"
#include "dossier/loader.h"
#include "dossier/mustache.h"
#include "dossier/value.h"
#include "render_internal.h"

void dossier_render_ctx_init(struct dossier_render_ctx *ctx,
                             dossier_render_session *session,
                             const char *format, int pipe_fd,
                             dossier_diags *diags)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->session = session;
    ctx->format = format;
    ctx->pipe_fd = pipe_fd;
    ctx->diags = diags;
}

void dossier_render_ctx_finish(struct dossier_render_ctx *ctx)
{
    size_t i;
    for (i = 0; i < ctx->path_count; i++)
        free(ctx->paths[i]);
    free(ctx->paths);
    ctx->paths = NULL;
    ctx->path_count = 0;
    free(ctx->asked);
    ctx->asked = NULL;
}

/* "FORMAT.KEY=..." for this ctx's format: returns KEY (length in *klen). */
static const char *own_option_key(const struct dossier_render_ctx *ctx,
                                  const char *s, size_t *klen)
{
    size_t flen = strlen(ctx->format);
    if (!s || strncmp(s, ctx->format, flen) != 0 || s[flen] != '.')
        return NULL;
    *klen = strcspn(s + flen + 1, "=");
    return s + flen + 1;
}

void dossier_render_ctx_warn_unread(struct dossier_render_ctx *ctx)
{
    const dossier_render_options *o = ctx->session->opts;
    size_t i, j, klen, n;
    if (ctx->asked_failed)
        return; /* out of memory while noting: better silent than wrong */
    for (i = 0; i < o->option_count; i++) {
        const char *key = own_option_key(ctx, o->options[i], &klen);
        dossier_buf b = DOSSIER_BUF_INIT;
        if (!key || (ctx->asked && ctx->asked[i]) ||
            (klen == 6 && strncmp(key, "output", 6) == 0))
            continue;
        for (j = 0; j < i; j++) { /* one warning per key, not per copy */
            const char *k = own_option_key(ctx, o->options[j], &n);
            if (k && n == klen && strncmp(k, key, klen) == 0)
                break;
        }
        if (j < i)
            continue;
        dossier_buf_printf(&b, "option '%.*s.%.*s' was ignored: the plugin "
                           "never read it (misspelt?)",
                           (int)strlen(ctx->format), ctx->format, (int)klen, key);
        dossier_render_ctx_add(ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                               "see the plugin's documentation for the "
                               "options it reads",
                               b.failed ? "an option was ignored" : b.data);
        dossier_buf_free(&b);
    }
}

void dossier_render_session_finish(dossier_render_session *session)
{
    dossier_data_free(session->model_data);
    session->model_data = NULL;
}

void dossier_render_ctx_add(struct dossier_render_ctx *ctx,
                            dossier_severity sev, const char *file,
                            unsigned line, unsigned col, const char *hint,
                            const char *msg)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    size_t flen = strlen(ctx->format);
    if (sev == DOSSIER_SEV_ERROR)
        ctx->errors++;
    if (!msg)
        msg = "";
    /* Name the format once, even when the plugin already did. */
    if (strncmp(msg, ctx->format, flen) == 0 && msg[flen] == ':')
        dossier_buf_puts(&b, msg);
    else
        dossier_buf_printf(&b, "%s: %s", ctx->format, msg);
    if (ctx->pipe_fd >= 0)
        dossier_wire_send_diag(ctx->pipe_fd, sev, file, line, col, hint,
                               (b.failed || !b.data) ? msg : b.data);
    else
        dossier_diags_add(ctx->diags, sev, file, line, col, hint, "%s",
                          (b.failed || !b.data) ? msg : b.data);
    dossier_buf_free(&b);
}

/* Passes the diagnostics a core call gathered in `diags` on to the plugin's
 * context, frees the list and returns the call's status `st`. */
static dossier_status forward(struct dossier_render_ctx *ctx,
                              dossier_diags *diags, dossier_status st)
{
    size_t i, n = dossier_diags_count(diags);
    for (i = 0; i < n; i++) {
        const dossier_diag *d = dossier_diags_get(diags, i);
        dossier_render_ctx_add(ctx, d->severity, d->file, d->line, d->col,
                               d->hint, d->message);
    }
    dossier_diags_free(diags);
    return st;
}

static void api_report(dossier_render_ctx *ctx, dossier_severity severity,
                       const char *file, unsigned line, unsigned col,
                       const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void api_report(dossier_render_ctx *ctx, dossier_severity severity,
                       const char *file, unsigned line, unsigned col,
                       const char *fmt, ...)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    va_list ap;
    if (!ctx)
        return;
    if (!fmt) {
        dossier_render_ctx_add(ctx, severity, file, line, col, NULL, "(no message)");
        return;
    }
    va_start(ap, fmt);
    dossier_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    dossier_render_ctx_add(ctx, severity, file, line, col, NULL,
                           b.failed ? "out of memory formatting a message"
                                    : (b.data ? b.data : ""));
    dossier_buf_free(&b);
}

/* -O FORMAT.KEY=VALUE: the last occurrence wins. */
static const char *api_option(dossier_render_ctx *ctx, const char *key)
{
    const dossier_render_options *o;
    const char *found = NULL;
    size_t klen, i;
    if (!ctx || !key)
        return NULL;
    o = ctx->session->opts;
    klen = strlen(key);
    if (!ctx->asked && !ctx->asked_failed && o->option_count) {
        ctx->asked = calloc(o->option_count, 1);
        ctx->asked_failed = !ctx->asked; /* then no warnings later */
    }
    /* The last -O for a key wins; every copy of it counts as read. */
    for (i = o->option_count; i-- > 0;) {
        size_t n;
        const char *k = own_option_key(ctx, o->options[i], &n);
        if (!k || n != klen || strncmp(k, key, klen) != 0 || k[n] != '=')
            continue;
        if (ctx->asked)
            ctx->asked[i] = 1;
        if (!found)
            found = k + n + 1;
    }
    return found;
}

/* A template name is a relative path that stays inside the template dir. */
static int safe_template_name(const char *name)
{
    const char *p = name;
    if (!name || !*name || name[0] == '/')
        return 0;
    while (*p) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 0;
        p += n;
        if (*p == '/')
            p++;
    }
    return 1;
}

static const char *remember_path(dossier_render_ctx *ctx, char *path)
{
    char **p = realloc(ctx->paths, (ctx->path_count + 1) * sizeof(*p));
    if (!p) {
        free(path);
        return NULL;
    }
    ctx->paths = p;
    ctx->paths[ctx->path_count++] = path;
    return path;
}

static const char *api_find_template(dossier_render_ctx *ctx, const char *name)
{
    char exe[PATH_MAX], share[PATH_MAX + 32];
    const char *dirs[4];
    size_t n = 0, i;
    ssize_t len;

    if (!ctx || !safe_template_name(name))
        return NULL;
    /* Order: the user's folder; an installed prefix next to the running
     * binary (bin/dossier beside share/dossier/templates), so an install
     * uses its own templates even when the source tree still exists; the
     * source tree, for a build-tree binary; the configured install dir. */
    if (ctx->session->opts->template_dir)
        dirs[n++] = ctx->session->opts->template_dir;
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        char *slash;
        exe[len] = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(share, sizeof share, "%s/../share/dossier/templates", exe);
            dirs[n++] = share;
        }
    }
#ifdef DOSSIER_SOURCE_TEMPLATE_DIR
    dirs[n++] = DOSSIER_SOURCE_TEMPLATE_DIR;
#endif
#ifdef DOSSIER_INSTALL_TEMPLATE_DIR
    dirs[n++] = DOSSIER_INSTALL_TEMPLATE_DIR;
#endif
    for (i = 0; i < n; i++) {
        dossier_buf b = DOSSIER_BUF_INIT;
        dossier_buf_printf(&b, "%s/%s", dirs[i], name);
        if (!b.failed && access(b.data, R_OK) == 0)
            return remember_path(ctx, dossier_buf_detach(&b, NULL));
        dossier_buf_free(&b);
    }
    return NULL;
}

static dossier_status api_load_data(dossier_render_ctx *ctx, const char *path,
                                    dossier_data **out)
{
    dossier_diags *diags;
    if (out)
        *out = NULL;
    if (!out || !ctx || !path)
        return DOSSIER_ERR_USAGE;
    if (!(diags = dossier_diags_new()))
        return DOSSIER_ERR_NOMEM;
    return forward(ctx, diags, dossier_data_load_file(path, NULL, out, diags));
}

static const dossier_value *api_model_data(dossier_render_ctx *ctx)
{
    dossier_render_session *s;
    if (!ctx)
        return NULL;
    s = ctx->session;
    if (!s->model_data && !s->model_data_failed) {
        dossier_status st = dossier_data_from_model(s->model, &s->model_data);
        if (st != DOSSIER_OK) {
            s->model_data_failed = 1;
            dossier_render_ctx_add(ctx, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                                   "cannot build the model data");
        }
    }
    return s->model_data ? dossier_data_root(s->model_data) : NULL;
}

static dossier_status api_render_mustache(dossier_render_ctx *ctx,
                                          const char *tmpl, size_t len,
                                          const char *name,
                                          const dossier_value *data,
                                          const dossier_mustache_options *opts,
                                          char **out, size_t *out_len)
{
    dossier_diags *diags;
    if (out)
        *out = NULL;
    if (!out || !ctx || !tmpl)
        return DOSSIER_ERR_USAGE;
    if (!(diags = dossier_diags_new()))
        return DOSSIER_ERR_NOMEM;
    return forward(ctx, diags,
                   dossier_mustache_render(tmpl, len, name, data, opts, out,
                                           out_len, diags));
}

static dossier_status api_render_mustache_to(
    dossier_render_ctx *ctx, const char *tmpl, size_t len, const char *name,
    const dossier_value *data, const dossier_mustache_options *opts,
    dossier_mustache_write_fn write, void *userdata)
{
    dossier_diags *diags;
    if (!ctx || !tmpl || !write)
        return DOSSIER_ERR_USAGE;
    if (!(diags = dossier_diags_new()))
        return DOSSIER_ERR_NOMEM;
    return forward(ctx, diags,
                   dossier_mustache_render_to(tmpl, len, name, data, opts,
                                              write, userdata, diags));
}

static void api_free_data(dossier_data *data)
{
    dossier_data_free(data);
}

static const dossier_value *api_data_root(const dossier_data *data)
{
    return data ? dossier_data_root(data) : NULL;
}

static void api_free_string(char *s)
{
    free(s);
}

static const char *api_country_name(const char *code)
{
    return code ? dossier_country_name(code) : NULL;
}

static void api_progress(dossier_render_ctx *ctx, size_t done, size_t total)
{
    /* Accepted and ignored: the CLI shows per-format progress itself. */
    (void)ctx;
    (void)done;
    (void)total;
}

static const dossier_host_api host_api = {
    .struct_size = sizeof(dossier_host_api),
    .abi_major = DOSSIER_ABI_MAJOR,
    .abi_minor = DOSSIER_ABI_MINOR,
    .report = api_report,
    .option = api_option,
    .find_template = api_find_template,
    .load_data = api_load_data,
    .free_data = api_free_data,
    .data_root = api_data_root,
    .model_data = api_model_data,
    .render_mustache = api_render_mustache,
    .free_string = api_free_string,
    .country_name = api_country_name,
    .progress = api_progress,
    .render_mustache_to = api_render_mustache_to,
};

const dossier_host_api *dossier_host_api_table(void)
{
    return &host_api;
}
