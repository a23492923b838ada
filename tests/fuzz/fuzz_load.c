/* fuzz_load.c - fuzz target: an event file (front matter + Markdown body)
 * through the whole loader and the model's data view. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier/loader.h"
#include "dossier/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char event_path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *paths[1];
    dossier_diags *diags;
    dossier_model *model = NULL;
    FILE *f;

    if (!event_path[0]) {
        char dir[] = "/tmp/dossier-fuzz-XXXXXX";
        if (!mkdtemp(dir))
            abort();
        snprintf(event_path, sizeof event_path, "%s/event.md", dir);
    }
    f = fopen(event_path, "wb");
    if (!f)
        abort();
    if (size)
        fwrite(data, 1, size, f);
    fclose(f);

    diags = dossier_diags_new();
    paths[0] = event_path;
    if (dossier_load(paths, 1, NULL, &model, diags) == DOSSIER_OK) {
        dossier_data *view = NULL;
        if (dossier_data_from_model(model, &view) == DOSSIER_OK) {
            free(dossier_value_to_json(dossier_data_root(view), 0, NULL));
            dossier_data_free(view);
        }
        dossier_model_free(model);
    }
    dossier_diags_free(diags);
    return 0;
}
