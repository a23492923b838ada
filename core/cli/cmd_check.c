/* cmd_check.c - `dossier check INPUT...`: validate only. */
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
    dossier_model *model = NULL;
    int rc = cli_load_inputs("check", help, argc, argv, &model);
    if (rc == CLI_OK && model) {
        printf("ok: %zu event%s, %zu entit%s, %zu %s\n", model->event_count,
               model->event_count == 1 ? "" : "s", model->entity_count,
               model->entity_count == 1 ? "y" : "ies", model->person_count,
               model->person_count == 1 ? "person" : "people");
        rc = cli_write_stdout(NULL, 0);
    }
    dossier_model_free(model);
    return rc;
}
