/* cmd_template.c - `dossier template TEMPLATE [--data FILE] [INPUT...]`:
 * render a Mustache template to stdout, for writing and testing templates. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "dossier/mustache.h"
#include "dossier/value.h"

static const char help[] =
    "Usage: dossier template TEMPLATE [--data FILE | INPUT...] [OPTIONS]\n"
    "Render the Mustache template file TEMPLATE to stdout, against the JSON or\n"
    "YAML file given with --data, or against the model of INPUT... (the data\n"
    "`dossier dump` prints).\n"
    "\n"
    "      --data FILE          data to render against (JSON or YAML)\n"
    "      --partials DIR       where {{> name}} finds DIR/name.mustache\n"
    "                           (default: a partials/ folder beside TEMPLATE)\n"
    "      --escape MODE        how {{x}} escapes: html (default), markdown, none\n"
    CLI_LIMITS_HELP
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid template/data/input, 2 usage error.\n";

/* Reads a whole file, at most `max` bytes. */
static char *read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) {
        cli_error("cannot open template '%s': %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *p;
            cap = cap ? cap * 2 : 65536;
            if (!(p = realloc(buf, cap + 1))) {
                cli_error("out of memory reading '%s'", path);
                goto fail;
            }
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max) {
            cli_error("template '%s' is larger than %zu bytes (--max-file-size)",
                      path, max);
            goto fail;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        cli_error("cannot read template '%s': %s", path, strerror(errno));
        goto fail;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
fail:
    fclose(f);
    free(buf);
    return NULL;
}

int cmd_template(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"partials", required_argument, NULL, OPT_PARTIALS},
        {"escape", required_argument, NULL, OPT_ESCAPE},
        {"help", no_argument, NULL, 'h'},
        CLI_LIMIT_OPTIONS,
        {NULL, 0, NULL, 0}};
    dossier_limits limits;
    dossier_limits_init(&limits, sizeof limits);
    dossier_mustache_options mo;
    const char *data_file = NULL, *tmpl_path;
    dossier_model *model = NULL;
    dossier_data *data = NULL;
    dossier_diags *diags = NULL;
    char *tmpl = NULL, *out = NULL;
    size_t tlen = 0, olen = 0;
    int c, rc = CLI_OK;
    char default_partials[4096];

    memset(&mo, 0, sizeof mo);
    mo.struct_size = sizeof mo;
    mo.escape = DOSSIER_ESCAPE_HTML;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        case OPT_DATA:
            data_file = optarg;
            break;
        case OPT_PARTIALS:
            mo.partials_dir = optarg;
            break;
        case OPT_ESCAPE:
            if (strcmp(optarg, "html") == 0)
                mo.escape = DOSSIER_ESCAPE_HTML;
            else if (strcmp(optarg, "markdown") == 0)
                mo.escape = DOSSIER_ESCAPE_MARKDOWN;
            else if (strcmp(optarg, "none") == 0)
                mo.escape = DOSSIER_ESCAPE_NONE;
            else
                return cli_usage_error("template", "--escape must be html, markdown or none, not '%s'", optarg);
            break;
        case OPT_MAX_FILE_SIZE: case OPT_MAX_STRING:
        case OPT_MAX_DEPTH: case OPT_MAX_ALIASES:
            if (cli_limit_option("template", c, optarg, &limits) != 0)
                return CLI_USAGE;
            break;
        default:
            return cli_bad_option("template", argv, optopt, "h", longopts);
        }
    }
    if (optind >= argc)
        return cli_usage_error("template", "missing TEMPLATE");
    tmpl_path = argv[optind++];
    if (data_file && optind < argc)
        return cli_usage_error("template", "give either --data FILE or INPUT..., not both");
    if (!data_file && optind >= argc)
        return cli_usage_error("template", "no data: give --data FILE or INPUT...");

    if (!mo.partials_dir) {
        /* The plugins' convention: partials/ beside the template, so
         * `dossier template templates/md/digest.md.mustache` just works. */
        const char *slash = strrchr(tmpl_path, '/');
        struct stat st;
        int n = slash ? (int)(slash - tmpl_path) : 1;
        snprintf(default_partials, sizeof default_partials, "%.*s/partials", n,
                 slash ? tmpl_path : ".");
        if (stat(default_partials, &st) == 0 && S_ISDIR(st.st_mode))
            mo.partials_dir = default_partials;
    }
    if (!(tmpl = read_file(tmpl_path, limits.max_file_bytes, &tlen)))
        return CLI_FAIL;
    if (!(diags = dossier_diags_new())) {
        free(tmpl);
        cli_error("out of memory");
        return CLI_FAIL;
    }
    if (data_file) {
        if (dossier_data_load_file(data_file, &limits, &data, diags) != DOSSIER_OK)
            rc = CLI_FAIL;
    } else {
        rc = cli_load_model(argv + optind, (size_t)(argc - optind), &limits, &model);
        if (rc == CLI_OK && dossier_data_from_model(model, &data) != DOSSIER_OK) {
            cli_error("cannot build the model data (out of memory?)");
            rc = CLI_FAIL;
        }
    }
    if (rc == CLI_OK &&
        dossier_mustache_render(tmpl, tlen, tmpl_path, dossier_data_root(data),
                                &mo, &out, &olen, diags) != DOSSIER_OK)
        rc = CLI_FAIL;
    cli_print_diags(diags, 0);
    if (rc == CLI_OK && dossier_diags_error_count(diags) > 0)
        rc = CLI_FAIL;
    if (rc == CLI_OK)
        rc = cli_write_stdout(out, olen);
    free(out);
    free(tmpl);
    dossier_data_free(data);
    dossier_model_free(model);
    dossier_diags_free(diags);
    return rc;
}
