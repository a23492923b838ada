/* cli_common.c - option helpers and diagnostic printing for the CLI. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end = NULL;
    unsigned long long v;
    if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || !end || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

/* "16M", "512K", "1048576". */
static int parse_bytes(const char *s, size_t *out)
{
    char num[32];
    size_t n = s ? strlen(s) : 0;
    unsigned long long v, mult = 1;
    if (n == 0 || n >= sizeof num)
        return -1;
    memcpy(num, s, n + 1);
    switch (num[n - 1]) {
    case 'k': case 'K': mult = 1024ull; break;
    case 'm': case 'M': mult = 1024ull * 1024; break;
    case 'g': case 'G': mult = 1024ull * 1024 * 1024; break;
    default: break;
    }
    if (mult != 1)
        num[n - 1] = '\0';
    if (cli_parse_uint(num, (unsigned long long)SIZE_MAX / mult, &v) != 0 || v == 0)
        return -1;
    *out = (size_t)(v * mult);
    return 0;
}

int cli_limit_option(const char *cmd, int opt, const char *arg,
                     dossier_limits *limits)
{
    unsigned long long v;
    switch (opt) {
    case OPT_MAX_FILE_SIZE:
        if (parse_bytes(arg, &limits->max_file_bytes) == 0)
            return 0;
        break;
    case OPT_MAX_STRING:
        if (parse_bytes(arg, &limits->max_string_bytes) == 0)
            return 0;
        break;
    case OPT_MAX_DEPTH:
        if (cli_parse_uint(arg, 1000000, &v) == 0 && v > 0) {
            limits->max_depth = (size_t)v;
            return 0;
        }
        break;
    case OPT_MAX_ALIASES:
        if (cli_parse_uint(arg, (unsigned long long)SIZE_MAX, &v) == 0) {
            limits->max_alias_nodes = (size_t)v;
            return 0;
        }
        break;
    default:
        break;
    }
    cli_usage_error(cmd, "invalid limit value '%s'", arg ? arg : "");
    return -1;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "dossier%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'dossier %s%s--help'.\n", cmd ? cmd : "",
            cmd ? " " : "");
    return CLI_USAGE;
}

/* The long option `arg` ("--name" or "--name=value") names, as getopt_long
 * resolves it: an exact name, else a unique prefix. *ambiguous is set when
 * several options share the prefix. */
static const struct option *find_long(const struct option *longopts,
                                      const char *arg, size_t n, int *ambiguous)
{
    const struct option *o, *found = NULL;
    *ambiguous = 0;
    for (o = longopts; o && o->name && n; o++) {
        if (strncmp(o->name, arg, n) != 0)
            continue;
        if (strlen(o->name) == n)
            return o; /* an exact name wins over prefixes */
        if (found && found->val != o->val)
            *ambiguous = 1;
        found = o;
    }
    return *ambiguous ? NULL : found;
}

int cli_bad_option(const char *cmd, char **argv, int optopt_c,
                   const char *shortopts, const struct option *longopts)
{
    extern int optind;
    const char *arg = argv[optind - 1];
    const struct option *o;
    if (arg && arg[0] == '-' && arg[1] == '-') {
        size_t n = strcspn(arg + 2, "=");
        int ambiguous;
        o = find_long(longopts, arg + 2, n, &ambiguous);
        /* Inside a group of short options ("-zx") getopt has not moved
         * optind yet, so argv[optind - 1] may be an earlier, valid long
         * option: it is the culprit only when optopt is 0 or its own. */
        if (!o || optopt_c == 0 || optopt_c == o->val) {
            if (ambiguous)
                return cli_usage_error(cmd, "option '%.*s' is ambiguous",
                                       (int)(n + 2), arg);
            if (o && o->has_arg == required_argument && !arg[2 + n])
                return cli_usage_error(cmd, "option '--%s' needs a value",
                                       o->name);
            if (o && o->has_arg == no_argument && arg[2 + n] == '=')
                return cli_usage_error(cmd, "option '--%s' takes no value",
                                       o->name);
            if (!o || optopt_c == 0)
                return cli_usage_error(cmd, "unknown option '%.*s'",
                                       (int)(n + 2), arg);
        }
    }
    if (optopt_c > 0 && optopt_c < 128) {
        const char *p = shortopts ? strchr(shortopts, optopt_c) : NULL;
        if (p && p[1] == ':')
            return cli_usage_error(cmd, "option '-%c' needs a value", optopt_c);
        return cli_usage_error(cmd, "unknown option '-%c'", optopt_c);
    }
    return cli_usage_error(cmd, "unknown option '%s'", arg ? arg : "?");
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("dossier: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

size_t cli_print_diags(const dossier_diags *diags, size_t from)
{
    size_t i, n = dossier_diags_count(diags);
    for (i = from; i < n; i++) {
        char *s = dossier_diag_format(dossier_diags_get(diags, i));
        if (s) {
            fprintf(stderr, "%s\n", s);
            free(s);
        }
    }
    fflush(stderr);
    return n;
}

int cli_load_model(char *const *paths, size_t count, const dossier_limits *limits,
                   dossier_model **model)
{
    dossier_diags *diags = dossier_diags_new();
    dossier_status st;
    if (!diags) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    st = dossier_load((const char *const *)paths, count, limits, model, diags);
    dossier_diags_sort(diags);
    cli_print_diags(diags, 0);
    if (st != DOSSIER_OK) {
        size_t e = dossier_diags_error_count(diags);
        if (e == 0)
            cli_error("cannot load the input: %s", dossier_status_str(st));
        else
            fprintf(stderr, "dossier: %zu error%s in the input\n", e,
                    e == 1 ? "" : "s");
        *model = NULL;
    }
    dossier_diags_free(diags);
    return st == DOSSIER_OK ? CLI_OK : CLI_FAIL;
}

int cli_load_inputs(const char *cmd, const char *help, int argc, char **argv,
                    dossier_model **model)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'}, CLI_LIMIT_OPTIONS, {NULL, 0, NULL, 0}};
    dossier_limits limits;
    dossier_limits_init(&limits, sizeof limits);
    int c;

    *model = NULL;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        }
        if (c >= OPT_MAX_FILE_SIZE && c <= OPT_MAX_ALIASES) {
            if (cli_limit_option(cmd, c, optarg, &limits) != 0)
                return CLI_USAGE;
            continue;
        }
        return cli_bad_option(cmd, argv, optopt, "h", longopts);
    }
    if (optind >= argc)
        return cli_usage_error(cmd, "missing INPUT (a dossier folder or event files)");
    return cli_load_model(argv + optind, (size_t)(argc - optind), &limits, model);
}

int cli_write_stdout(const char *data, size_t len)
{
    if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0 ||
        ferror(stdout)) {
        cli_error("cannot write to standard output: %s", strerror(errno));
        return CLI_FAIL;
    }
    return CLI_OK;
}
