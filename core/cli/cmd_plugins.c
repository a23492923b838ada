/* cmd_plugins.c - `dossier plugins [--plugin-path DIR] [--check FILE.so]` */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dossier/host.h"
#include "dossier/plugin.h"

static const char help[] =
    "Usage: dossier plugins [--plugin-path DIR]... [--check FILE.so]\n"
    "List the output plugins found, usable ones first as a table (name,\n"
    "version, ABI, default output, file, description), then every refused\n"
    "file with the reason. With --check, load just FILE.so and say precisely\n"
    "what is wrong with it.\n"
    "\n"
    "Search order: each --plugin-path DIR, $DOSSIER_PLUGIN_PATH (colon-\n"
    "separated), <dir of dossier>/plugins, the install dir, and\n"
    "<dir of dossier>/../lib/dossier/plugins. Never the current directory.\n"
    "\n"
    "      --plugin-path DIR    search DIR first (repeatable)\n"
    "      --check FILE.so      check one plugin file\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 ok, 1 the checked plugin is unusable, 2 usage error.\n";

static int width(int cur, const char *s)
{
    int n = (int)strlen(s ? s : "");
    return n > cur ? n : cur;
}

static void print_table(const dossier_registry *reg)
{
    size_t i, n = dossier_registry_count(reg), good = 0, bad = 0;
    int wn = 4, wv = 7, wo = 6, wf = 4;
    char abi[32];

    for (i = 0; i < n; i++) {
        const dossier_plugin_info *in = dossier_registry_info(reg, i);
        if (in->error)
            continue;
        wn = width(wn, in->name);
        wv = width(wv, in->version);
        wo = width(wo, in->default_output);
        wf = width(wf, in->file);
    }
    for (i = 0; i < n; i++) {
        const dossier_plugin_info *in = dossier_registry_info(reg, i);
        if (in->error) {
            bad++;
            continue;
        }
        if (good++ == 0)
            printf("%-*s  %-*s  %-5s  %-*s  %-*s  %s\n", wn, "NAME", wv,
                   "VERSION", "ABI", wo, "OUTPUT", wf, "FILE", "DESCRIPTION");
        snprintf(abi, sizeof abi, "%u.%u", in->abi_major, in->abi_minor);
        printf("%-*s  %-*s  %-5s  %-*s  %-*s  %s\n", wn, in->name, wv,
               in->version, abi, wo, in->default_output, wf, in->file,
               in->description);
    }
    if (good == 0)
        printf("no usable plugins found\n");
    if (bad) {
        printf("\nrefused:\n");
        for (i = 0; i < n; i++) {
            const dossier_plugin_info *in = dossier_registry_info(reg, i);
            if (in->error)
                printf("  %s: %s\n", in->file, in->error);
        }
    }
    printf("\nsearched:\n");
    for (i = 0; i < dossier_registry_dir_count(reg); i++)
        printf("  %s\n", dossier_registry_dir(reg, i));
}

static int check_one(dossier_registry *reg, const char *path)
{
    size_t idx = 0;
    dossier_status st = dossier_registry_load_file(reg, path, &idx);
    const dossier_plugin_info *in = dossier_registry_info(reg, idx);
    if (st == DOSSIER_ERR_NOMEM || !in) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    if (in->error) {
        fprintf(stderr, "%s: error: %s\n", in->file, in->error);
        return CLI_FAIL;
    }
    printf("%s: ok\n", in->file);
    printf("  name:           %s\n", in->name);
    printf("  version:        %s\n", in->version);
    printf("  ABI:            %u.%u (host %d.%d)\n", in->abi_major, in->abi_minor,
           DOSSIER_ABI_MAJOR, DOSSIER_ABI_MINOR);
    printf("  default output: %s\n", in->default_output);
    printf("  description:    %s\n", in->description);
    return cli_write_stdout(NULL, 0);
}

int cmd_plugins(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"check", required_argument, NULL, OPT_CHECK},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *check = NULL;
    char **dirs = NULL;
    size_t ndirs = 0;
    dossier_registry *reg;
    int c, rc;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        char **grown;
        switch (c) {
        case 'h':
            free(dirs);
            fputs(help, stdout);
            return CLI_OK;
        case OPT_PLUGIN_PATH:
            if (!(grown = realloc(dirs, (ndirs + 1) * sizeof(*dirs)))) {
                free(dirs);
                cli_error("out of memory");
                return CLI_FAIL;
            }
            dirs = grown;
            dirs[ndirs++] = optarg;
            break;
        case OPT_CHECK:
            check = optarg;
            break;
        default:
            free(dirs);
            return cli_bad_option("plugins", argv, optopt, "h", longopts);
        }
    }
    if (optind < argc) {
        free(dirs);
        return cli_usage_error("plugins", "unexpected argument '%s'", argv[optind]);
    }
    if (!(reg = dossier_registry_new())) {
        free(dirs);
        cli_error("out of memory");
        return CLI_FAIL;
    }
    if (check) {
        rc = check_one(reg, check);
    } else if (dossier_registry_scan(reg, (const char *const *)dirs, ndirs,
                                     DOSSIER_SCAN_DEFAULTS) != DOSSIER_OK) {
        cli_error("out of memory");
        rc = CLI_FAIL;
    } else {
        print_table(reg);
        rc = cli_write_stdout(NULL, 0);
    }
    dossier_registry_free(reg);
    free(dirs);
    return rc;
}
