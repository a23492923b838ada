/* cmd_dump.c - `dossier dump INPUT...`: the model as JSON on stdout. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "dossier/value.h"

static const char help[] =
    "Usage: dossier dump INPUT... [OPTIONS]\n"
    "Print the loaded model as JSON (indent 2) on stdout: the same data that\n"
    "Mustache templates see (fields in docs/MODEL-JSON.md).\n"
    "\n"
    CLI_LIMITS_HELP
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input, 2 usage error.\n";

int cmd_dump(int argc, char **argv)
{
    dossier_model *model = NULL;
    dossier_data *data = NULL;
    char *json;
    size_t len = 0;
    int rc = cli_load_inputs("dump", help, argc, argv, &model);

    if (rc != CLI_OK || !model)
        return rc;
    if (dossier_data_from_model(model, &data) != DOSSIER_OK ||
        !(json = dossier_value_to_json(dossier_data_root(data), 2, &len))) {
        cli_error("cannot build the model data (out of memory?)");
        rc = CLI_FAIL;
    } else {
        rc = cli_write_stdout(json, len);
        if (rc == CLI_OK)
            rc = cli_write_stdout("\n", 1);
        free(json);
    }
    dossier_data_free(data);
    dossier_model_free(model);
    return rc;
}
