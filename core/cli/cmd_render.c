/* cmd_render.c - `dossier render INPUT... [-f FORMATS] [-o OUTDIR] ...` */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dossier/host.h"

static const char help[] =
    "Usage: dossier render INPUT... [OPTIONS]\n"
    "Render a dossier (a folder with dossier.yaml, or event files) with output\n"
    "plugins. Each format is written to a temporary file and renamed into\n"
    "place only when it succeeded: a failed format never leaves a partial or\n"
    "clobbered file, and the other formats still land.\n"
    "\n"
    "  -f, --formats LIST       formats to render, comma-separated (pdf,xlsx,md);\n"
    "                           default: every usable plugin found\n"
    "  -o, --output-dir DIR     where outputs go (created if missing; default out)\n"
    "  -O FORMAT.KEY=VALUE      plugin option (repeatable); FORMAT.output=NAME\n"
    "                           renames that format's output file\n"
    "      --plugin-path DIR    search DIR for plugins first (repeatable)\n"
    "      --template-dir DIR   search DIR for templates first\n"
    "  -j, --jobs N             formats rendered at once (default: all, at most\n"
    "                           the number of CPUs)\n"
    "      --isolate            render each format in its own process (default)\n"
    "      --no-isolate         render in this process, one after another\n"
    "                           (for debuggers and valgrind; no timeout)\n"
    "      --timeout SEC        kill a format still running after SEC seconds\n"
    "                           (default 120; isolated mode only)\n"
    CLI_LIMITS_HELP
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 all formats written, 1 invalid input or a failed format,\n"
    "2 usage error (including an unknown format).\n";

typedef struct progress {
    const dossier_diags *diags;
    size_t printed;
    int tty;
    unsigned written, total;
} progress;

static void on_event(void *ud, const dossier_render_event *ev)
{
    progress *p = ud;
    if (!ev->finished)
        return;
    if (ev->status == DOSSIER_OK)
        p->written++;
    if (p->tty) {
        const char *what = ev->status == DOSSIER_OK        ? "done"
                           : ev->status == DOSSIER_ERR_CRASH   ? "crashed"
                           : ev->status == DOSSIER_ERR_TIMEOUT ? "timed out"
                                                               : "failed";
        if (ev->status == DOSSIER_OK)
            fprintf(stderr, "rendering %s\u2026 %s (%.1f s) \u2192 %s\n",
                    ev->format, what, ev->seconds, ev->output);
        else
            fprintf(stderr, "rendering %s\u2026 %s (%.1f s)\n", ev->format,
                    what, ev->seconds);
    }
    /* This format's diagnostics right under its line; the parent alone
     * prints, so parallel formats never interleave. */
    p->printed = cli_print_diags(p->diags, p->printed);
}

/* Splits "pdf,xlsx" into *list (appending); returns 0, -1 on empty items. */
static int add_formats(char *arg, char ***list, size_t *count)
{
    char *p = arg, *comma;
    do {
        char **grown;
        comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p)
            return -1;
        grown = realloc(*list, (*count + 1) * sizeof(**list));
        if (!grown)
            return -1;
        *list = grown;
        (*list)[(*count)++] = p;
        p = comma + 1;
    } while (comma);
    return 0;
}

int cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"formats", required_argument, NULL, 'f'},
        {"format", required_argument, NULL, 'f'},
        {"output-dir", required_argument, NULL, 'o'},
        {"option", required_argument, NULL, 'O'},
        {"jobs", required_argument, NULL, 'j'},
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"template-dir", required_argument, NULL, OPT_TEMPLATE_DIR},
        {"isolate", no_argument, NULL, OPT_ISOLATE},
        {"no-isolate", no_argument, NULL, OPT_NO_ISOLATE},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"help", no_argument, NULL, 'h'},
        CLI_LIMIT_OPTIONS,
        {NULL, 0, NULL, 0}};
    dossier_limits limits;
    dossier_limits_init(&limits, sizeof limits);
    dossier_render_options ro;
    char **formats = NULL, **dirs = NULL;
    const char **options = NULL;
    size_t nformats = 0, ndirs = 0, noptions = 0, i;
    dossier_registry *reg = NULL;
    dossier_model *model = NULL;
    dossier_diags *diags = NULL;
    unsigned long long v;
    progress prog;
    int c, rc = CLI_OK;

    dossier_render_options_init(&ro);
    ro.output_dir = "out";
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:O:j:h", longopts, NULL)) != -1) {
        void *grown;
        switch (c) {
        case 'f':
            if (add_formats(optarg, &formats, &nformats) != 0) {
                rc = cli_usage_error("render", "invalid format list '%s'", optarg);
                goto out;
            }
            break;
        case 'o':
            ro.output_dir = optarg;
            break;
        case 'O':
            grown = realloc(options, (noptions + 1) * sizeof(*options));
            if (!grown)
                goto nomem;
            options = grown;
            options[noptions++] = optarg;
            break;
        case 'j':
            if (cli_parse_uint(optarg, 64, &v) != 0 || v == 0) {
                rc = cli_usage_error("render", "-j needs a number from 1 to 64, not '%s'", optarg);
                goto out;
            }
            ro.jobs = (unsigned)v;
            break;
        case OPT_PLUGIN_PATH:
            grown = realloc(dirs, (ndirs + 1) * sizeof(*dirs));
            if (!grown)
                goto nomem;
            dirs = grown;
            dirs[ndirs++] = optarg;
            break;
        case OPT_TEMPLATE_DIR:
            ro.template_dir = optarg;
            break;
        case OPT_ISOLATE:
            ro.no_isolate = 0;
            break;
        case OPT_NO_ISOLATE:
            ro.no_isolate = 1;
            break;
        case OPT_TIMEOUT:
            if (cli_parse_uint(optarg, 86400, &v) != 0 || v == 0) {
                rc = cli_usage_error("render", "--timeout needs seconds from 1 to 86400, not '%s'", optarg);
                goto out;
            }
            ro.timeout_seconds = (unsigned)v;
            break;
        case 'h':
            fputs(help, stdout);
            goto out;
        case OPT_MAX_FILE_SIZE: case OPT_MAX_STRING:
        case OPT_MAX_DEPTH: case OPT_MAX_ALIASES:
            if (cli_limit_option("render", c, optarg, &limits) != 0) {
                rc = CLI_USAGE;
                goto out;
            }
            break;
        default:
            rc = cli_bad_option("render", argv, optopt, "f:o:O:j:h", longopts);
            goto out;
        }
    }
    if (optind >= argc) {
        rc = cli_usage_error("render", "missing INPUT (a dossier folder or event files)");
        goto out;
    }
    ro.options = options;
    ro.option_count = noptions;

    /* Plugins first: a typo in -f should not wait for a big load. */
    if (!(reg = dossier_registry_new()) || !(diags = dossier_diags_new()))
        goto nomem;
    if (dossier_registry_scan(reg, (const char *const *)dirs, ndirs,
                              DOSSIER_SCAN_DEFAULTS) != DOSSIER_OK)
        goto nomem;
    if (nformats == 0) {
        for (i = 0; i < dossier_registry_count(reg); i++) {
            const dossier_plugin_info *in = dossier_registry_info(reg, i);
            char **grown;
            if (in->error)
                continue;
            grown = realloc(formats, (nformats + 1) * sizeof(*formats));
            if (!grown)
                goto nomem;
            formats = grown;
            formats[nformats++] = (char *)in->name;
        }
        if (nformats == 0) {
            cli_error("no usable output plugins were found");
            fprintf(stderr, "  (see 'dossier plugins'; use --plugin-path DIR or "
                            "DOSSIER_PLUGIN_PATH)\n");
            rc = CLI_FAIL;
            goto out;
        }
    } else {
        for (i = 0; i < nformats; i++) {
            size_t idx;
            if (dossier_registry_find(reg, formats[i], &idx) != DOSSIER_OK) {
                /* dossier_render explains (unknown vs refused) before loading. */
                dossier_status st = dossier_render(reg, &(dossier_model){0},
                                                   (const char *const *)formats,
                                                   nformats, &ro, diags);
                cli_print_diags(diags, 0);
                rc = st == DOSSIER_ERR_USAGE ? CLI_USAGE : CLI_FAIL;
                goto out;
            }
        }
    }

    rc = cli_load_model(argv + optind, (size_t)(argc - optind), &limits, &model);
    if (rc != CLI_OK)
        goto out;

    memset(&prog, 0, sizeof prog);
    prog.diags = diags;
    prog.tty = isatty(STDERR_FILENO);
    prog.total = (unsigned)nformats;
    ro.on_event = on_event;
    ro.userdata = &prog;
    {
        dossier_status st = dossier_render(reg, model, (const char *const *)formats,
                                           nformats, &ro, diags);
        prog.printed = cli_print_diags(diags, prog.printed);
        if (st == DOSSIER_ERR_USAGE)
            rc = CLI_USAGE;
        else if (st != DOSSIER_OK)
            rc = CLI_FAIL;
        if (st != DOSSIER_OK && st != DOSSIER_ERR_USAGE)
            fprintf(stderr, "dossier: %u of %u format%s written\n", prog.written,
                    prog.total, prog.total == 1 ? "" : "s");
    }
    goto out;

nomem:
    cli_error("out of memory");
    rc = CLI_FAIL;
out:
    dossier_model_free(model);
    dossier_registry_free(reg);
    dossier_diags_free(diags);
    free(formats);
    free(dirs);
    free(options);
    return rc;
}
