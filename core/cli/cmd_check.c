/* cmd_check.c - `dossier check INPUT...`: validate only. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const char help[] =
    "Usage: dossier check INPUT... [OPTIONS]\n"
    "Load and validate a dossier (a folder with dossier.yaml, or event files)\n"
    "without rendering. Every problem is reported as FILE:LINE:COL on stderr;\n"
    "on success a one-line summary is printed on stdout.\n"
    "\n"
    CLI_LIMITS_HELP
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.\n";

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'}, CLI_LIMIT_OPTIONS, {NULL, 0, NULL, 0}};
    dossier_limits limits = dossier_limits_default();
    dossier_model *model = NULL;
    int c, rc;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        }
        if (c >= OPT_MAX_FILE_SIZE && c <= OPT_MAX_ALIASES) {
            if (cli_limit_option("check", c, optarg, &limits) != 0)
                return CLI_USAGE;
            continue;
        }
        return cli_bad_option("check", argv, optopt);
    }
    if (optind >= argc)
        return cli_usage_error("check", "missing INPUT (a dossier folder or event files)");
    rc = cli_load_model(argv + optind, (size_t)(argc - optind), &limits, &model);
    if (rc == CLI_OK) {
        printf("ok: %zu event%s, %zu entit%s, %zu %s\n", model->event_count,
               model->event_count == 1 ? "" : "s", model->entity_count,
               model->entity_count == 1 ? "y" : "ies", model->person_count,
               model->person_count == 1 ? "person" : "people");
        rc = cli_write_stdout(NULL, 0);
    }
    dossier_model_free(model);
    return rc;
}
