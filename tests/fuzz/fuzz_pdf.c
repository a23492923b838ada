/* fuzz_pdf.c - fuzz target: a Markdown narrative through the loader and the
 * real pdf plugin (cmark AST -> layout -> libharu), in-process so the
 * sanitizers see the plugin. The input is the event's body; the front
 * matter is fixed. DOSSIER_FUZZ_PDF_PLUGIN is the built pdf.so. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier/host.h"
#include "dossier/loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char work_dir[64];
static dossier_registry *registry;

static const char front_matter[] =
    "---\nid: fuzz\ntitle: Fuzzed narrative\nstart: 2022-10-18\n"
    "location: {city: Dushanbe, country: TJ}\n---\n";

static void set_up(void)
{
    char dir[] = "/tmp/dossier-fuzz-pdf-XXXXXX";
    if (!mkdtemp(dir))
        abort();
    snprintf(work_dir, sizeof work_dir, "%s", dir);
    registry = dossier_registry_new();
    if (!registry ||
        dossier_registry_load_file(registry, DOSSIER_FUZZ_PDF_PLUGIN, NULL) != DOSSIER_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    const char *paths[1] = {path};
    const char *formats[1] = {"pdf"};
    dossier_diags *diags;
    dossier_model *model = NULL;
    dossier_render_options opts;
    FILE *f;

    if (!registry)
        set_up();
    snprintf(path, sizeof path, "%s/event.md", work_dir);
    f = fopen(path, "wb");
    if (!f)
        abort();
    fputs(front_matter, f);
    if (size)
        fwrite(data, 1, size, f);
    fclose(f);

    diags = dossier_diags_new();
    if (dossier_load(paths, 1, NULL, &model, diags) == DOSSIER_OK) {
        dossier_render_options_init(&opts);
        opts.output_dir = work_dir;
        opts.no_isolate = 1; /* the sanitizers must see the plugin */
        dossier_render(registry, model, formats, 1, &opts, diags);
        dossier_model_free(model);
    }
    dossier_diags_free(diags);
    return 0;
}
