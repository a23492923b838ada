/* cli.h - shared pieces of the dossier command line.
 *
 * The CLI is a client of the public API only (include/dossier/); each
 * subcommand lives in its own cmd_*.c. Diagnostics go to stderr, formatted
 * by dossier_diag_format(); stdout carries only what was asked for. */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include <stddef.h>

#include "dossier/diag.h"
#include "dossier/loader.h"
#include "dossier/model.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Long-option ids shared by several subcommands (beyond any char). */
enum {
    OPT_MAX_FILE_SIZE = 256,
    OPT_MAX_STRING,
    OPT_MAX_DEPTH,
    OPT_MAX_ALIASES,
    OPT_PLUGIN_PATH,
    OPT_TEMPLATE_DIR,
    OPT_ISOLATE,
    OPT_NO_ISOLATE,
    OPT_TIMEOUT,
    OPT_DATA,
    OPT_PARTIALS,
    OPT_ESCAPE,
    OPT_CHECK
};

/* getopt_long entries for the limit flags, to splice into a table. */
#define CLI_LIMIT_OPTIONS                                                     \
    {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},            \
    {"max-string", required_argument, NULL, OPT_MAX_STRING},                  \
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},                    \
    {"max-aliases", required_argument, NULL, OPT_MAX_ALIASES}

#define CLI_LIMITS_HELP                                                       \
    "Limits (hostile input stays bounded):\n"                                 \
    "      --max-file-size BYTES  largest input file (default 16M; K/M/G ok)\n" \
    "      --max-string BYTES     longest scalar (default 1M)\n"              \
    "      --max-depth N          deepest nesting (default 64)\n"             \
    "      --max-aliases N        nodes all YAML aliases of a file may expand to (default 1000)\n"

/* Applies a limit flag (opt = OPT_MAX_*) to `limits`. Returns 0, or prints
 * a usage error and returns -1. */
int cli_limit_option(const char *cmd, int opt, const char *arg,
                     dossier_limits *limits);

/* Parses a whole non-negative number ("120"); -1 when malformed. */
int cli_parse_uint(const char *s, unsigned long long max, unsigned long long *out);

/* Prints "dossier CMD: MESSAGE" and a pointer to --help on stderr; returns
 * CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct option;
/* Prints why getopt_long refused the option at argv[optind - 1]: unknown,
 * or a value missing (or given to a flag). Returns CLI_USAGE. */
int cli_bad_option(const char *cmd, char **argv, int optopt_c,
                   const char *shortopts, const struct option *longopts);

/* Prints diagnostics [from, count) to stderr; returns the new count. */
size_t cli_print_diags(const dossier_diags *diags, size_t from);

/* Prints one error without a file: "dossier: error: ..." */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Loads INPUT...: prints all diagnostics (sorted). Returns CLI_OK with
 * *model set, or CLI_FAIL. */
int cli_load_model(char *const *paths, size_t count, const dossier_limits *limits,
                   dossier_model **model);

/* For subcommands whose only options are -h and the limit flags (check,
 * dump): parses argv, prints `help` for -h, then loads INPUT... Returns
 * CLI_OK with *model set (NULL after --help: nothing more to do), or
 * CLI_USAGE / CLI_FAIL after printing why. Ownership: the caller frees
 * *model with dossier_model_free(). */
int cli_load_inputs(const char *cmd, const char *help, int argc, char **argv,
                    dossier_model **model);

/* Writes `len` bytes to stdout and flushes; CLI_FAIL with a message when
 * stdout is full or closed. */
int cli_write_stdout(const char *data, size_t len);

/* Subcommands: argv[0] is the subcommand name. */
int cmd_render(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_plugins(int argc, char **argv);

#endif
