/* fuzz_data.c - fuzz target: YAML/JSON data files (dossier_data_parse),
 * the parser behind --data, templates' config files and the loader. */
#include <stdint.h>
#include <stdlib.h>

#include "dossier/loader.h"
#include "dossier/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dossier_diags *diags = dossier_diags_new();
    dossier_data *out = NULL;
    if (!diags)
        return 0;
    if (dossier_data_parse((const char *)data, size, "fuzz.yaml", NULL, &out, diags) ==
        DOSSIER_OK) {
        char *json = dossier_value_to_json(dossier_data_root(out), 2, NULL);
        free(json);
        dossier_data_free(out);
    }
    dossier_diags_free(diags);
    return 0;
}
