/* main.c - the dossier command line: dispatch to a subcommand. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dossier/plugin.h"
#include "dossier/version.h"

static const char usage[] =
    "Usage: dossier COMMAND [OPTIONS] ...\n"
    "Render a dossier of events (Markdown + YAML) into documents.\n"
    "\n"
    "Commands:\n"
    "  render INPUT...    render documents with output plugins (pdf, xlsx, md...)\n"
    "  check INPUT...     validate the input only\n"
    "  dump INPUT...      print the model as JSON\n"
    "  template TEMPLATE  render a Mustache template against data or a model\n"
    "  plugins            list output plugins, or check one with --check FILE.so\n"
    "\n"
    "  -h, --help         show this help (COMMAND --help for a command)\n"
    "  -V, --version      show the version\n"
    "\n"
    "Exit status: 0 success, 1 invalid input or failed render, 2 usage error.\n"
    "See docs/CLI.md for everything.\n";

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"render", cmd_render},     {"check", cmd_check},
    {"dump", cmd_dump},         {"template", cmd_template},
    {"plugins", cmd_plugins},
};

/* A closed stdin/stdout/stderr would be reused by the next open() or pipe(),
 * and diagnostics or plugin noise could land in an output file. */
static void keep_std_fds_open(void)
{
    int fd;
    for (fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) == -1 && open("/dev/null", O_RDWR) != fd)
            return;
}

int main(int argc, char **argv)
{
    size_t i;
    keep_std_fds_open();
    if (argc < 2) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc > 2 && strcmp(argv[1], "help") == 0) {
            for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
                if (strcmp(argv[2], commands[i].name) == 0) {
                    char *sub[] = {argv[2], "--help", NULL};
                    return commands[i].run(2, sub);
                }
        }
        fputs(usage, stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("dossier %s (plugin ABI %d.%d, model format %d)\n",
               dossier_version(), DOSSIER_ABI_MAJOR, DOSSIER_ABI_MINOR,
               DOSSIER_FORMAT_VERSION);
        return CLI_OK;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    if (argv[1][0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
    return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
