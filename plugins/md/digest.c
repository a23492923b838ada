/* digest.c - the Markdown digest: a Mustache template rendered against the
 * model's data view, then normalised through cmark, chunk by chunk
 * (digest_cmark.c); a chunk in the subset digest_direct.c knows is written
 * as cmark would write it without calling cmark (-O direct=0: never).
 *
 * The same source builds two plugins: "md" (CommonMark, digest.md) and, with
 * DOSSIER_DIGEST_HTML defined, "html" (an HTML fragment, digest.html). Both
 * go through the identical Markdown stage, so the HTML is exactly the digest
 * rendered by cmark; `-O md.format=html` gives the md plugin the same output.
 *
 * Escaping: {{name}} uses DOSSIER_ESCAPE_MARKDOWN, which backslash-escapes
 * CommonMark punctuation, so data cannot open emphasis, links, headings or
 * HTML. Backslash escapes also work inside a link destination written as
 * `(<{{url}}>)`, so the default template can interpolate URLs escaped too;
 * only autolinks `<...>` and code spans ignore them (the template uses
 * neither for data). See docs/DIGEST.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier/plugin.h"

#include "digest_internal.h"

#ifdef DOSSIER_DIGEST_HTML
#define DIGEST_NAME "html"
#define DIGEST_OUTPUT "digest.html"
#define DIGEST_DESCRIPTION "Event digest as an HTML fragment (Mustache + cmark)"
#define DIGEST_DEFAULT_HTML 1
#else
#define DIGEST_NAME "md"
#define DIGEST_OUTPUT "digest.md"
#define DIGEST_DESCRIPTION "Event digest in CommonMark (Mustache + cmark)"
#define DIGEST_DEFAULT_HTML 0
#endif

#define DIGEST_TEMPLATE "md/digest.md.mustache"
#define DIGEST_PARTIALS "md/partials"

/* strerror() may share one buffer between threads; plugin instances may
 * run in threads, so use the XSI strerror_r into the caller's buffer. */
static const char *errno_text(int err, char *buf, size_t size)
{
    if (strerror_r(err, buf, size) != 0)
        snprintf(buf, size, "error %d", err);
    return buf;
}

/* A template is hand-written text; anything bigger is a mistake. */
#define DIGEST_MAX_TEMPLATE (4u << 20)

typedef struct digest {
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
} digest;

static dossier_status digest_create(const dossier_host_api *api,
                                    dossier_render_ctx *ctx, void **instance)
{
    digest *d = calloc(1, sizeof *d);
    if (!d)
        return DOSSIER_ERR_NOMEM;
    d->api = api;
    d->ctx = ctx;
    *instance = d;
    return DOSSIER_OK;
}

static void digest_destroy(void *instance)
{
    free(instance);
}

static int is_dir(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Reads the whole template file into a malloc'd NUL-terminated string. */
static dossier_status read_template(digest *d, const char *path, char **out,
                                    size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL, ebuf[128];
    size_t len = 0, cap = 0;

    if (!f) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, path, 0, 0,
                       "cannot open template: %s", errno_text(errno, ebuf, sizeof ebuf));
        return DOSSIER_ERR_IO;
    }
    for (;;) {
        size_t n;
        if (cap - len < 4096) {
            char *grown;
            cap = cap ? cap * 2 : 8192;
            grown = realloc(text, cap + 1);
            if (!grown) {
                free(text);
                fclose(f);
                return DOSSIER_ERR_NOMEM;
            }
            text = grown;
        }
        n = fread(text + len, 1, cap - len, f);
        len += n;
        if (len > DIGEST_MAX_TEMPLATE) {
            d->api->report(d->ctx, DOSSIER_SEV_ERROR, path, 0, 0,
                           "template is larger than %u bytes",
                           DIGEST_MAX_TEMPLATE);
            free(text);
            fclose(f);
            return DOSSIER_ERR_INVALID;
        }
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, path, 0, 0,
                       "cannot read template: %s", errno_text(errno, ebuf, sizeof ebuf));
        free(text);
        fclose(f);
        return DOSSIER_ERR_IO;
    }
    fclose(f);
    text[len] = '\0';
    *out = text;
    *out_len = len;
    return DOSSIER_OK;
}

/* The partials folder: -O partials=DIR, else a "partials" folder beside a
 * template given with -O template=PATH, else md/partials from the template
 * search path. Returns a malloc'd path or NULL (no partials). */
static char *partials_dir(digest *d, const char *template_opt)
{
    const char *opt = d->api->option(d->ctx, "partials");
    const char *found;

    if (opt)
        return strdup(opt);
    if (template_opt) {
        const char *slash = strrchr(template_opt, '/');
        size_t dirlen = slash ? (size_t)(slash - template_opt) : 1;
        char *p = malloc(dirlen + sizeof "/partials");
        if (!p)
            return NULL;
        memcpy(p, slash ? template_opt : ".", dirlen);
        memcpy(p + dirlen, "/partials", sizeof "/partials");
        if (is_dir(p))
            return p;
        free(p);
    }
    found = d->api->find_template(d->ctx, DIGEST_PARTIALS);
    return is_dir(found) ? strdup(found) : NULL;
}

/* Partials the chosen folder lacks fall back, one by one, to
 * md/partials/NAME.mustache on the template search path, so a user who
 * copies and edits only event.mustache still gets the default quote and
 * index partials. Texts read here live until the render returns. */
typedef struct partial_text {
    struct partial_text *next;
    char *text;
} partial_text;

typedef struct partial_lookup {
    digest *d;
    const char *dir;      /* the chosen folder; the engine reads it itself */
    partial_text *loaded;
} partial_lookup;

static int plain_name(const char *name)
{
    return name[0] != '\0' && name[0] != '.' && !strchr(name, '/') &&
           !strchr(name, '\\');
}

static const char *partial_fallback(void *userdata, const char *name,
                                    size_t *len)
{
    partial_lookup *pl = userdata;
    size_t n = strlen(name);
    char *path = NULL, *rel = NULL;
    const char *found;
    partial_text *t = NULL;
    const char *text = NULL;

    if (!plain_name(name))
        return NULL; /* the engine reports the bad name */
    if (pl->dir) {
        struct stat st;
        size_t size = strlen(pl->dir) + n + sizeof "/.mustache";
        path = malloc(size);
        if (!path)
            return NULL;
        snprintf(path, size, "%s/%s.mustache", pl->dir, name);
        if (stat(path, &st) == 0) {
            free(path);
            return NULL; /* present: the engine reads it, naming the file */
        }
    }
    rel = malloc(n + sizeof DIGEST_PARTIALS "/.mustache");
    if (!rel)
        goto out;
    snprintf(rel, n + sizeof DIGEST_PARTIALS "/.mustache", "%s/%s.mustache",
             DIGEST_PARTIALS, name);
    found = pl->d->api->find_template(pl->d->ctx, rel);
    if (!found)
        goto out;
    t = calloc(1, sizeof *t);
    if (!t || read_template(pl->d, found, &t->text, len) != DOSSIER_OK) {
        free(t);
        goto out;
    }
    t->next = pl->loaded;
    pl->loaded = t;
    text = t->text;
out:
    free(rel);
    free(path);
    return text;
}

static void partials_free(partial_lookup *pl)
{
    while (pl->loaded) {
        partial_text *next = pl->loaded->next;
        free(pl->loaded->text);
        free(pl->loaded);
        pl->loaded = next;
    }
}

/* Writes `text` HTML-escaped (for the standalone page's <title>/lang). */
static int put_escaped(FILE *f, const char *text)
{
    for (; *text; text++) {
        const char *rep = NULL;
        switch (*text) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        default: break;
        }
        if (rep ? fputs(rep, f) < 0 : fputc(*text, f) == EOF)
            return -1;
    }
    return 0;
}

/* The output file being written; with `page` (html -O standalone=1) the
 * digest is wrapped in a minimal HTML5 document so a browser or mail client
 * reads it as UTF-8. */
typedef struct digest_out {
    digest *d;
    const char *path;
    FILE *f;
    int page;
    int failed;
    int err; /* errno of the first failed write: it may happen in a digest
              * worker thread, whose errno is not this thread's */
    const dossier_model *model;
} digest_out;

static void out_head(digest_out *o)
{
    const dossier_model *model = o->model;
    if (!o->page)
        return;
    o->failed |= fputs("<!DOCTYPE html>\n<html lang=\"", o->f) < 0;
    o->failed |= put_escaped(o->f, model && model->language ? model->language
                                                            : "en");
    o->failed |= fputs("\">\n<head>\n<meta charset=\"utf-8\">\n<title>", o->f) < 0;
    o->failed |= put_escaped(o->f, model && model->title ? model->title
                                                         : "Digest");
    o->failed |= fputs("</title>\n</head>\n<body>\n", o->f) < 0;
}

static dossier_status out_open(digest_out *o)
{
    char ebuf[128];
    o->f = fopen(o->path, "wb");
    if (!o->f) {
        o->d->api->report(o->d->ctx, DOSSIER_SEV_ERROR, o->path, 0, 0,
                          "cannot create output: %s",
                          errno_text(errno, ebuf, sizeof ebuf));
        return DOSSIER_ERR_IO;
    }
    out_head(o);
    return DOSSIER_OK;
}

/* Discards what was written (the chunked path gave up) and starts again. */
static void out_restart(digest_out *o)
{
    o->failed |= fflush(o->f) != 0;
    o->failed |= ftruncate(fileno(o->f), 0) != 0;
    rewind(o->f);
    out_head(o);
}

/* dossier_digest_write: a failure is reported once, at out_close. */
static int out_write(void *userdata, const char *text, size_t len)
{
    digest_out *o = userdata;
    if (fwrite(text, 1, len, o->f) != len) {
        if (!o->failed)
            o->err = errno;
        o->failed = 1;
    }
    return o->failed ? -1 : 0;
}

static dossier_status out_close(digest_out *o)
{
    char ebuf[128];
    if (o->page)
        o->failed |= fputs("</body>\n</html>\n", o->f) < 0;
    o->failed |= fclose(o->f) != 0;
    o->f = NULL;
    if (o->failed) {
        o->d->api->report(o->d->ctx, DOSSIER_SEV_ERROR, o->path, 0, 0,
                          "cannot write output: %s",
                          errno_text(o->err ? o->err : errno, ebuf, sizeof ebuf));
        return DOSSIER_ERR_IO;
    }
    return DOSSIER_OK;
}

/* The old whole-document path, for texts the chunked one cannot take:
 * parse and render everything until a fixed point. */
static dossier_status write_whole(digest_out *o, const char *md, size_t md_len,
                                  int html_out, const char *template_path)
{
    char *norm, *html = NULL;
    int stable = 1;

    norm = dossier_digest_normalise(md, md_len, &stable);
    if (!norm)
        return DOSSIER_ERR_NOMEM;
    if (!stable)
        o->d->api->report(o->d->ctx, DOSSIER_SEV_WARNING, template_path, 0, 0,
                          "%s: cmark did not reach a stable round trip; the "
                          "digest may change when re-read", DIGEST_NAME);
    if (html_out) {
        html = dossier_digest_html(norm);
        if (!html) {
            dossier_digest_free(norm);
            return DOSSIER_ERR_NOMEM;
        }
    }
    out_write(o, html ? html : norm, strlen(html ? html : norm));
    dossier_digest_free(html);
    dossier_digest_free(norm);
    return DOSSIER_OK;
}

/* The Mustache render's write callback: its output goes straight into the
 * chunker. A refusal (the text must be taken whole, or out of memory)
 * stops the render; `res` says why. */
typedef struct stream_sink {
    dossier_digest_streamer *s;
    int res;
} stream_sink;

static int sink_write(void *userdata, const char *text, size_t len)
{
    stream_sink *k = userdata;
    k->res = dossier_digest_streamer_feed(k->s, text, len);
    return k->res == DIGEST_DONE ? 0 : -1;
}

/* Renders the template streamed into the chunker (host API 1.1). Returns
 * the render's status, *res the chunker's result. */
static dossier_status render_streamed(digest *d, digest_out *o,
                                      const char *tmpl, size_t tmpl_len,
                                      const char *template_path,
                                      const dossier_value *data,
                                      const dossier_mustache_options *mo,
                                      int html_out, int verify, int direct,
                                      int threads,
                                      dossier_digest_stats *stats, int *res)
{
    stream_sink k;
    dossier_status st;

    k.res = DIGEST_DONE;
    k.s = dossier_digest_streamer_new(html_out, verify, out_write, o, stats);
    if (!k.s)
        return DOSSIER_ERR_NOMEM;
    dossier_digest_streamer_direct(k.s, direct);
    /* cmark on worker threads while the template renders; without
     * threads the same bytes come out of this one */
    dossier_digest_streamer_pipeline(k.s, threads, 2 * threads);
    st = d->api->render_mustache_to(d->ctx, tmpl, tmpl_len, template_path,
                                    data, mo, sink_write, &k);
    if (st == DOSSIER_OK) {
        *res = dossier_digest_streamer_finish(k.s);
    } else if (st == DOSSIER_ERR_IO && k.res != DIGEST_DONE) {
        *res = k.res; /* we stopped it: not a template error */
        st = DOSSIER_OK;
    }
    dossier_digest_streamer_free(k.s);
    return st;
}

/* A yes/no option: 1, 0, or -1 when the value is not understood. */
static int bool_option(const char *v)
{
    if (!v || !strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false"))
        return 0;
    if (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true"))
        return 1;
    return -1;
}

/* -O threads=N: worker threads for cmark (0: none). By default 2 when
 * the machine has more than one CPU: the render thread then mostly cuts
 * chunks while two workers normalise them. */
#define DIGEST_MAX_THREADS 8
static int threads_option(digest *d, dossier_status *st)
{
    const char *v = d->api->option(d->ctx, "threads");
    long cpus, n;
    char *end;
    *st = DOSSIER_OK;
    if (!v) {
        cpus = sysconf(_SC_NPROCESSORS_ONLN);
        return cpus > 1 ? 2 : 0;
    }
    n = strtol(v, &end, 10);
    if (end == v || *end || n < 0 || n > DIGEST_MAX_THREADS) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "%s: threads must be a number from 0 to %d",
                       DIGEST_NAME, DIGEST_MAX_THREADS);
        *st = DOSSIER_ERR_INVALID;
        return 0;
    }
    return (int)n;
}

/* -O format=md|markdown|commonmark|html; the html plugin defaults to html. */
static int want_html(digest *d, dossier_status *st)
{
    const char *fmt = d->api->option(d->ctx, "format");
    *st = DOSSIER_OK;
    if (!fmt)
        return DIGEST_DEFAULT_HTML;
    if (strcmp(fmt, "html") == 0)
        return 1;
    if (strcmp(fmt, "md") == 0 || strcmp(fmt, "markdown") == 0 ||
        strcmp(fmt, "commonmark") == 0)
        return 0;
    d->api->report(d->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                   "%s: unknown format '%s' (expected md or html)",
                   DIGEST_NAME, fmt);
    *st = DOSSIER_ERR_INVALID;
    return 0;
}

static dossier_status digest_render(void *instance, const dossier_model *model,
                                    const char *out_path)
{
    digest *d = instance;
    const char *template_opt = d->api->option(d->ctx, "template");
    const char *found = NULL;
    char *template_path = NULL; /* a copy: later lookups may reuse the host's */
    const dossier_value *data;
    dossier_mustache_options mo;
    partial_lookup lookup = {NULL, NULL, NULL};
    char *tmpl = NULL, *partials = NULL, *md = NULL;
    size_t tmpl_len = 0, md_len = 0;
    dossier_status st;
    digest_out out;
    dossier_digest_stats stats;
    int html_out, standalone, verify, direct, threads, res = DIGEST_DONE;

    /* The template sees the model through its data view; the model itself
     * only gives the standalone HTML page its <title> and lang. */
    html_out = want_html(d, &st);
    if (st != DOSSIER_OK)
        return st;
    standalone = bool_option(d->api->option(d->ctx, "standalone"));
    if (standalone < 0) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "%s: standalone must be 1 or 0 (yes/no, true/false)",
                       DIGEST_NAME);
        return DOSSIER_ERR_INVALID;
    }
    verify = bool_option(d->api->option(d->ctx, "verify"));
    if (verify < 0) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "%s: verify must be 1 or 0 (yes/no, true/false)",
                       DIGEST_NAME);
        return DOSSIER_ERR_INVALID;
    }
    direct = bool_option(d->api->option(d->ctx, "direct"));
    if (!d->api->option(d->ctx, "direct"))
        direct = 1;
    if (direct < 0) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "%s: direct must be 1 or 0 (yes/no, true/false)",
                       DIGEST_NAME);
        return DOSSIER_ERR_INVALID;
    }
    threads = threads_option(d, &st);
    if (st != DOSSIER_OK)
        return st;
    found = template_opt ? template_opt
                         : d->api->find_template(d->ctx, DIGEST_TEMPLATE);
    if (!found) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "%s: template %s not found (use --template-dir or "
                       "-O %s.template=PATH)",
                       DIGEST_NAME, DIGEST_TEMPLATE, DIGEST_NAME);
        return DOSSIER_ERR_NOT_FOUND;
    }
    template_path = strdup(found);
    if (!template_path)
        return DOSSIER_ERR_NOMEM;
    data = d->api->model_data(d->ctx);
    if (!data) {
        d->api->report(d->ctx, DOSSIER_SEV_ERROR, NULL, 0, 0,
                       "%s: the host gave no model data", DIGEST_NAME);
        free(template_path);
        return DOSSIER_ERR_RENDER;
    }
    st = read_template(d, template_path, &tmpl, &tmpl_len);
    if (st != DOSSIER_OK) {
        free(template_path);
        return st;
    }

    partials = partials_dir(d, template_opt);
    lookup.d = d;
    lookup.dir = partials;
    memset(&mo, 0, sizeof mo);
    mo.struct_size = sizeof mo;
    mo.escape = DOSSIER_ESCAPE_MARKDOWN;
    mo.partial = partial_fallback;
    mo.partial_userdata = &lookup;
    mo.partials_dir = partials;

    memset(&out, 0, sizeof out);
    out.d = d;
    out.path = out_path;
    out.page = html_out && standalone == 1;
    out.model = model;
    st = out_open(&out);
    if (st != DOSSIER_OK)
        goto done;
    /* Chunk by chunk, as the template renders (a 1.0 host: after it has
     * rendered whole); the whole document only when chunks cannot be cut
     * safely. -O verify=1 gives every chunk its second pass. */
    if (DOSSIER_HOST_HAS(d->api, render_mustache_to)) {
        st = render_streamed(d, &out, tmpl, tmpl_len, template_path, data, &mo,
                             html_out, verify, direct, threads, &stats, &res);
    } else {
        st = d->api->render_mustache(d->ctx, tmpl, tmpl_len, template_path,
                                     data, &mo, &md, &md_len);
        if (st == DOSSIER_OK)
            res = dossier_digest_stream(md, md_len, html_out, verify, direct,
                                        out_write, &out, &stats);
    }
    if (st == DOSSIER_OK && res == DIGEST_WHOLE && !md) {
        /* the streamed attempt gave up: render again, whole */
        st = d->api->render_mustache(d->ctx, tmpl, tmpl_len, template_path,
                                     data, &mo, &md, &md_len);
        /* as dossier_digest_stream, which never starts on such a text */
        if (st == DOSSIER_OK && dossier_digest_defines_refs(md, md_len))
            memset(&stats, 0, sizeof stats);
    }
    if (st != DOSSIER_OK) {
        out_close(&out);
        goto done;
    }
    if (res == DIGEST_WHOLE) {
        out_restart(&out);
        st = write_whole(&out, md, md_len, html_out, template_path);
    } else if (res == DIGEST_NOMEM) {
        st = DOSSIER_ERR_NOMEM;
    }
    if (verify)
        d->api->report(d->ctx, DOSSIER_SEV_NOTE, NULL, 0, 0,
                       "%s: %s; %zu chunks, %zu flagged risky, %zu with a "
                       "second pass, %zu changed by it, %zu of those not "
                       "flagged risky; %zu written without cmark, %zu of "
                       "those differing from cmark",
                       DIGEST_NAME, res == DIGEST_WHOLE ? "whole document"
                                                        : "chunked",
                       stats.chunks, stats.risky, stats.checked, stats.repassed,
                       stats.plain_changed, stats.direct,
                       stats.direct_differs);
    {
        dossier_status cst = out_close(&out);
        if (st == DOSSIER_OK)
            st = cst;
    }

done:
    if (md)
        d->api->free_string(md);
    partials_free(&lookup);
    free(partials);
    free(tmpl);
    free(template_path);
    return st;
}

static const dossier_plugin digest_plugin = {
    DOSSIER_PLUGIN_HEADER_MIN(0), /* uses nothing newer than ABI 1.0 unless the host has it */
    .name = DIGEST_NAME,
    .version = "1.0.0",
    .description = DIGEST_DESCRIPTION,
    .default_output = DIGEST_OUTPUT,
    .create = digest_create,
    .render = digest_render,
    .destroy = digest_destroy,
};

DOSSIER_PLUGIN_DEFINE(digest_plugin)
