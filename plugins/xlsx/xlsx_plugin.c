/* xlsx_plugin.c - plugin glue: descriptor, options, workbook setup.
 *
 * Options (-O xlsx.KEY=VALUE):
 *   template=PATH  workbook template (default: xlsx/participants.yaml found
 *                  through the host's template path)
 *   tables=auto|yes|no
 *                  yes: Excel tables on Events/People/Statements (libxlsxwriter
 *                  keeps every cell in memory); no: constant-memory mode with
 *                  autofilters and defined names instead (tables are not
 *                  supported in that mode); auto (default): tables while the
 *                  workbook is small (table_cells), streaming beyond.
 *   table_cells=N  the "small" threshold for auto, in cells (default 50000)
 *   max_links=N    hyperlinks per sheet before links become plain text
 *                  (default and maximum: Excel's 65,530)
 *   matrix_chunk=N matrix (entity, event, role) pairs gathered per pass over
 *                  the events (default 262144): bounds the matrix's memory;
 *                  the workbook is the same for any N
 *   zip_level=N    deflate level of the zip entries, 0-9 (default 3; see
 *                  xlsx_zip.c for why libxlsxwriter's 6 is not kept)
 *
 * SOURCE_DATE_EPOCH, when set, pins the document's created date, so two
 * renders of one input are byte-identical (libxlsxwriter already fixes the
 * zip timestamps). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_internal.h"

typedef struct xlsx_instance {
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
} xlsx_instance;

static dossier_status xlsx_create(const dossier_host_api *api,
                                  dossier_render_ctx *ctx, void **instance)
{
    xlsx_instance *in;
    /* a table of at least ABI 1.0 (progress is its last member; it may be
     * NULL, which the matrix checks) */
    if (!api || !instance ||
        api->struct_size < offsetof(dossier_host_api, progress) + sizeof api->progress)
        return DOSSIER_ERR_ABI;
    in = calloc(1, sizeof *in);
    if (!in)
        return DOSSIER_ERR_NOMEM;
    in->api = api;
    in->ctx = ctx;
    *instance = in;
    return DOSSIER_OK;
}

static void xlsx_destroy(void *instance)
{
    free(instance);
}

static int load_template(xlsx_writer *w, xlsx_config *cfg)
{
    const char *path = w->api->option(w->ctx, "template");
    if (path && *path)
        return xlsx_config_load(cfg, w, path);
    path = w->api->find_template(w->ctx, "xlsx/participants.yaml");
    if (!path) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: template xlsx/participants.yaml not found; using "
                       "built-in English defaults");
        return 0;
    }
    return xlsx_config_load(cfg, w, path);
}

/* Cells the workbook will hold, to pick table vs streaming mode. */
static size_t estimate_cells(const xlsx_writer *w)
{
    const dossier_model *m = w->model;
    size_t i, cells = 0, people = m->person_count;
    for (i = 0; i < m->event_count; i++) {
        const dossier_event *ev = m->events[i];
        cells += ev->organizer_count + ev->participant_count;
        cells += ev->statement_count * w->cfg->sheets[XS_STATEMENTS].ncols;
        people += ev->statement_count + ev->contact_count;
    }
    cells += m->event_count * xlsx_events_columns(w);
    cells += people * w->cfg->sheets[XS_PEOPLE].ncols;
    return cells;
}

static int choose_tables(xlsx_writer *w)
{
    const char *t = w->api->option(w->ctx, "tables");
    const char *lim = w->api->option(w->ctx, "table_cells");
    size_t limit = 50000;
    if (lim) {
        char *end = NULL;
        unsigned long long v = strtoull(lim, &end, 10);
        if (end && !*end && *lim)
            limit = (size_t)v;
        else
            w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                           "xlsx: table_cells=%s is not a number; using %zu",
                           lim, limit);
    }
    if (t && (strcmp(t, "yes") == 0 || strcmp(t, "true") == 0 ||
              strcmp(t, "1") == 0))
        return 1;
    if (t && (strcmp(t, "no") == 0 || strcmp(t, "false") == 0 ||
              strcmp(t, "0") == 0))
        return 0;
    if (t && strcmp(t, "auto") != 0)
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: tables=%s is not auto, yes or no; using auto", t);
    return estimate_cells(w) <= limit;
}

/* libxlsxwriter keeps every hyperlink in memory until the workbook is
 * closed (about 2.6 KB each, measured), so links are the one thing that
 * grows in constant-memory mode; -O xlsx.max_links bounds it per sheet. */
static unsigned links_budget(xlsx_writer *w)
{
    const char *s = w->api->option(w->ctx, "max_links");
    char *end = NULL;
    unsigned long v;
    if (!s)
        return XLSX_URLS_PER_SHEET;
    v = strtoul(s, &end, 10);
    if (!*s || !end || *end || v > XLSX_URLS_PER_SHEET) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: max_links=%s is not a number up to 65530; using "
                       "65530", s);
        return XLSX_URLS_PER_SHEET;
    }
    return (unsigned)v;
}

/* The matrix gathers at most this many pairs per pass (a memory bound;
 * small values only cost passes, so tests can force many chunks). */
static size_t chunk_budget(xlsx_writer *w)
{
    const char *s = w->api->option(w->ctx, "matrix_chunk");
    char *end = NULL;
    unsigned long long v;
    if (!s)
        return XLSX_CHUNK_PAIRS;
    v = strtoull(s, &end, 10);
    if (!*s || *s == '-' || !end || *end || v == 0 || v > SIZE_MAX / 8) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: matrix_chunk=%s is not a positive number; using "
                       "%zu", s, XLSX_CHUNK_PAIRS);
        return XLSX_CHUNK_PAIRS;
    }
    return (size_t)v;
}

/* -O xlsx.zip_level: 0-9, XLSX_ZIP_LEVEL when absent or invalid. */
static int zip_level(xlsx_writer *w)
{
    const char *s = w->api->option(w->ctx, "zip_level");
    if (!s)
        return XLSX_ZIP_LEVEL;
    if (s[0] < '0' || s[0] > '9' || s[1]) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: zip_level=%s is not a level from 0 to 9; using %d",
                       s, XLSX_ZIP_LEVEL);
        return XLSX_ZIP_LEVEL;
    }
    return s[0] - '0';
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org) as the created date. */
static time_t created_time(xlsx_writer *w)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long v;
    if (!s || !*s)
        return 0;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || !end || *end || v <= 0) {
        w->api->report(w->ctx, DOSSIER_SEV_WARNING, NULL, 0, 0,
                       "xlsx: SOURCE_DATE_EPOCH=%s is not a positive number of "
                       "seconds; using the current time", s);
        return 0;
    }
    return (time_t)v;
}

/* A copy XML can carry (control characters become spaces); NULL stays
 * NULL. The copies live until the properties are set: libxlsxwriter copies
 * them. */
static char *xml_dup(const char *s, char **keep)
{
    size_t n;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    *keep = malloc(n);
    if (!*keep)
        return (char *)"";
    memcpy(*keep, s, n);
    return xlsx_xml_chars(*keep);
}

static void set_properties(xlsx_writer *w)
{
    const dossier_model *m = w->model;
    lxw_doc_properties p;
    char asof[16];
    char *keep[5] = {NULL, NULL, NULL, NULL, NULL};
    size_t i;
    memset(&p, 0, sizeof p);
    p.title = xml_dup(m->title, &keep[0]);
    p.subject = xml_dup(w->cfg->labels[XL_SUBJECT], &keep[1]);
    p.author = xml_dup(m->prepared_by_entity ? m->prepared_by_entity->name
                                             : m->prepared_by, &keep[2]);
    p.company = p.author;
    p.category = xml_dup(m->classification, &keep[3]);
    p.keywords = (char *)"dossier, participation, events";
    p.comments = xml_dup(m->subtitle, &keep[4]);
    p.created = created_time(w);
    xlsx_check(w, workbook_set_properties(w->wb, &p));
    if (p.category)
        xlsx_check(w, workbook_set_custom_property_string(
                          w->wb, "Classification", p.category));
    if (m->as_of.year > 0)
        xlsx_check(w, workbook_set_custom_property_string(
                          w->wb, "As of", dossier_date_format(m->as_of, asof)));
    for (i = 0; i < 5; i++)
        free(keep[i]);
}

static lxw_format *fmt(xlsx_writer *w)
{
    lxw_format *f = workbook_add_format(w->wb);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(xlsx_writer *w)
{
    int k;
    w->f_header = fmt(w);
    format_set_bold(w->f_header);
    format_set_text_wrap(w->f_header);
    format_set_bg_color(w->f_header, 0xD9D9D9);
    format_set_bottom(w->f_header, LXW_BORDER_THIN);
    w->f_text = fmt(w);
    w->f_wrap = fmt(w);
    format_set_text_wrap(w->f_wrap);
    w->f_date = fmt(w);
    format_set_num_format(w->f_date, w->cfg->date_format);
    format_set_align(w->f_date, LXW_ALIGN_LEFT);
    w->f_int = fmt(w);
    format_set_num_format(w->f_int, "0");
    w->f_url = fmt(w);
    format_set_underline(w->f_url, LXW_UNDERLINE_SINGLE);
    format_set_font_color(w->f_url, LXW_COLOR_BLUE);
    w->f_title = fmt(w);
    format_set_bold(w->f_title);
    format_set_font_size(w->f_title, 16);
    w->f_bold = fmt(w);
    format_set_bold(w->f_bold);
    w->f_total = fmt(w);
    format_set_bold(w->f_total);
    format_set_bg_color(w->f_total, 0xF2F2F2);
    format_set_top(w->f_total, LXW_BORDER_THIN);
    format_set_align(w->f_total, LXW_ALIGN_CENTER);
    w->f_note = fmt(w);
    format_set_italic(w->f_note);
    format_set_font_color(w->f_note, 0x595959);
    for (k = 0; k < XF_COUNT; k++) {
        w->f_role[k] = fmt(w);
        format_set_bg_color(w->f_role[k], w->cfg->family_color[k]);
        format_set_align(w->f_role[k], LXW_ALIGN_CENTER);
        format_set_border(w->f_role[k], LXW_BORDER_THIN);
        format_set_border_color(w->f_role[k], 0xBFBFBF);
    }
}

static int any_sheet(const xlsx_config *cfg)
{
    int k;
    for (k = 0; k < XS_COUNT; k++)
        if (cfg->sheets[k].enabled)
            return 1;
    return 0;
}

static dossier_status xlsx_render(void *instance, const dossier_model *model,
                                  const char *out_path)
{
    xlsx_instance *in = instance;
    xlsx_config cfg;
    xlsx_writer w;
    lxw_workbook_options opt;
    lxw_error err;
    dossier_status st = DOSSIER_OK;
    int i;

    memset(&w, 0, sizeof w);
    w.api = in->api;
    w.ctx = in->ctx;
    w.model = model;
    w.cfg = &cfg;
    xlsx_config_defaults(&cfg);
    if (load_template(&w, &cfg) != 0) {
        st = DOSSIER_ERR_TEMPLATE;
        goto done;
    }
    w.tables = choose_tables(&w);
    w.max_links = links_budget(&w);
    w.chunk_pairs = chunk_budget(&w);
    xlsx_zip_set_level(zip_level(&w));

    memset(&opt, 0, sizeof opt);
    opt.constant_memory = w.tables ? LXW_FALSE : LXW_TRUE;
    /* Streamed rows wait in anonymous temp files until close; honour TMPDIR
     * (tmpfile() alone would always use /tmp, often a RAM disk). */
    opt.tmpdir = getenv("TMPDIR");
    if (opt.tmpdir && !*opt.tmpdir)
        opt.tmpdir = NULL;
    w.wb = workbook_new_opt(out_path, &opt);
    if (!w.wb) {
        in->api->report(in->ctx, DOSSIER_SEV_ERROR, out_path, 0, 0,
                        "xlsx: cannot create the workbook");
        st = DOSSIER_ERR_IO;
        goto done;
    }
    set_properties(&w);
    make_formats(&w);
    if (cfg.sheets[XS_MATRIX].enabled)
        xlsx_write_matrix(&w);
    if (cfg.sheets[XS_EVENTS].enabled && !w.lxw_failed)
        xlsx_write_events(&w);
    if (cfg.sheets[XS_PEOPLE].enabled && !w.lxw_failed)
        xlsx_write_people(&w);
    if (cfg.sheets[XS_STATEMENTS].enabled && !w.lxw_failed)
        xlsx_write_statements(&w);
    /* A workbook needs at least one sheet: the legend if nothing else. */
    if ((cfg.sheets[XS_LEGEND].enabled || !any_sheet(&cfg)) && !w.lxw_failed)
        xlsx_write_legend(&w);
    err = workbook_close(w.wb);
    if (err != LXW_NO_ERROR) {
        in->api->report(in->ctx, DOSSIER_SEV_ERROR, out_path, 0, 0,
                        "xlsx: cannot write the workbook: %s", lxw_strerror(err));
        st = DOSSIER_ERR_IO;
    } else if (w.lxw_failed || w.scratch.oom || w.join.oom) {
        st = DOSSIER_ERR_RENDER;
    }
done:
    for (i = 0; i < XS_COUNT; i++)
        free(w.iobuf[i]);
    xlsx_sb_free(&w.scratch);
    xlsx_sb_free(&w.join);
    if (cfg.data)
        in->api->free_data(cfg.data);
    xlsx_config_free(&cfg);
    return st;
}

static const dossier_plugin xlsx_descriptor = {
    DOSSIER_PLUGIN_HEADER_MIN(0), /* needs nothing newer than ABI 1.0 */
    .name = "xlsx",
    .version = DOSSIER_XLSX_VERSION,
    .description = "Participation workbook: matrix, events, people, statements "
                   "(libxlsxwriter)",
    .default_output = "participants.xlsx",
    .create = xlsx_create,
    .render = xlsx_render,
    .destroy = xlsx_destroy,
};

DOSSIER_PLUGIN_DEFINE(xlsx_descriptor)
