/* host_test.c - the plugin host against good and deliberately broken plugins.
 * usage: host_test PLUGIN_DIR WORK_DIR
 * Uses a hand-built model, so it needs nothing from the loader. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dossier/host.h"
#include "dossier/plugin.h"

static int failures;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            failures++;                                                       \
        }                                                                     \
    } while (0)

static const char *plugin_dir;
static const char *work_dir;

/* ---- a tiny model ------------------------------------------------------ */
static dossier_event ev1, ev2;
static const dossier_event *evs[2] = {&ev1, &ev2};
static dossier_model model;

static void build_model(void)
{
    ev1.id = "e-one";
    ev1.title = "Event one";
    ev1.body = "";
    ev1.start = (dossier_date){2020, 1, 2};
    ev1.end = ev1.start;
    ev2 = ev1;
    ev2.id = "e-two";
    ev2.title = "Event two";
    ev2.index = 1;
    model.format = DOSSIER_FORMAT_VERSION;
    model.title = "Test";
    model.language = "en";
    model.events = evs;
    model.event_count = 2;
}

/* ---- helpers ----------------------------------------------------------- */
static char *slurp(const char *path)
{
    static char buf[65536];
    FILE *f = fopen(path, "rb");
    size_t n;
    if (!f)
        return NULL;
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static char *join(const char *a, const char *b)
{
    static char bufs[8][4096];
    static int k;
    char *p = bufs[k++ % 8];
    /* test paths are short; a longer one is a broken test setup */
    if ((size_t)snprintf(p, sizeof bufs[0], "%s/%s", a, b) >= sizeof bufs[0]) {
        fprintf(stderr, "path too long: %s/%s\n", a, b);
        exit(2);
    }
    return p;
}

static void fresh_dir(const char *dir)
{
    DIR *d;
    struct dirent *de;
    mkdir(work_dir, 0755);
    mkdir(dir, 0755);
    chmod(dir, 0755);
    d = opendir(dir);
    while (d && (de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            unlink(join(dir, de->d_name));
    if (d)
        closedir(d);
}

static int count_hidden(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d)))
        if (de->d_name[0] == '.' && strcmp(de->d_name, ".") &&
            strcmp(de->d_name, ".."))
            n++;
    if (d)
        closedir(d);
    return n;
}

static int diags_have(const dossier_diags *d, const char *needle)
{
    size_t i;
    for (i = 0; i < dossier_diags_count(d); i++) {
        char *s = dossier_diag_format(dossier_diags_get(d, i));
        int hit = s && strstr(s, needle) != NULL;
        free(s);
        if (hit)
            return 1;
    }
    return 0;
}

static void dump_diags(const dossier_diags *d)
{
    size_t i;
    for (i = 0; i < dossier_diags_count(d); i++) {
        char *s = dossier_diag_format(dossier_diags_get(d, i));
        fprintf(stderr, "  | %s\n", s ? s : "?");
        free(s);
    }
}

static const dossier_plugin_info *by_file(const dossier_registry *reg,
                                          const char *base)
{
    size_t i;
    for (i = 0; i < dossier_registry_count(reg); i++) {
        const dossier_plugin_info *in = dossier_registry_info(reg, i);
        const char *b = strrchr(in->file, '/');
        if (strcmp(b ? b + 1 : in->file, base) == 0)
            return in;
    }
    fprintf(stderr, "no registry entry for %s\n", base);
    return NULL;
}

static void expect_refused(const dossier_registry *reg, const char *base,
                           const char *reason)
{
    const dossier_plugin_info *in = by_file(reg, base);
    CHECK(in != NULL);
    if (!in)
        return;
    CHECK(in->error != NULL);
    if (in->error && !strstr(in->error, reason)) {
        fprintf(stderr, "%s: reason '%s' lacks '%s'\n", base, in->error, reason);
        failures++;
    }
}

static void expect_usable(const dossier_registry *reg, const char *base,
                          const char *name)
{
    const dossier_plugin_info *in = by_file(reg, base);
    CHECK(in && !in->error && in->name && strcmp(in->name, name) == 0);
    if (in && in->error)
        fprintf(stderr, "%s unexpectedly refused: %s\n", base, in->error);
}

/* ---- the tests --------------------------------------------------------- */
static void test_registry(dossier_registry *reg)
{
    char want[4096];
    dossier_registry *one;
    dossier_status st;
    size_t idx = 99;

    expect_usable(reg, "testgood.so", "testgood");
    snprintf(want, sizeof want, "duplicates plugin 'testgood' from %s/testgood.so",
             plugin_dir);
    expect_refused(reg, "testgood_dup.so", want);
    expect_refused(reg, "noentry.so", "not a Dossier plugin: no 'dossier_plugin_entry' symbol");
    expect_refused(reg, "x.so", "not a loadable shared object");
    expect_refused(reg, "abi_major.so", "built for plugin ABI 2.0; this host supports 1.0");
    snprintf(want, sizeof want, "built for plugin ABI 1.%d, newer than this host's 1.%d",
             DOSSIER_ABI_MINOR + 7, DOSSIER_ABI_MINOR);
    expect_refused(reg, "newer_minor.so", want);
    snprintf(want, sizeof want, "struct_size is %zu bytes but this host knows only %zu",
             sizeof(dossier_plugin) + 64, sizeof(dossier_plugin));
    expect_refused(reg, "big_struct.so", want);
    expect_refused(reg, "null_render.so", "required callback 'render' is NULL");
    expect_refused(reg, "badname.so", "invalid plugin name 'Bad Name'");
    expect_usable(reg, "crash.so", "crash");
    expect_usable(reg, "hang.so", "hang");
    CHECK(by_file(reg, "abi_major.so") && by_file(reg, "abi_major.so")->abi_major == 2);
    CHECK(dossier_registry_find(reg, "testgood", &idx) == DOSSIER_OK);
    CHECK(strcmp(dossier_registry_info(reg, idx)->default_output, "testgood.txt") == 0);
    CHECK(dossier_registry_find(reg, "abi_major", NULL) == DOSSIER_ERR_NOT_FOUND);
    CHECK(dossier_registry_dir_count(reg) == 1);

    /* One file, as `dossier plugins --check` does. */
    one = dossier_registry_new();
    st = dossier_registry_load_file(one, join(plugin_dir, "abi_major.so"), &idx);
    CHECK(st == DOSSIER_ERR_ABI && idx == 0);
    st = dossier_registry_load_file(one, join(plugin_dir, "testgood.so"), &idx);
    CHECK(st == DOSSIER_OK && idx == 1);
    st = dossier_registry_load_file(one, join(plugin_dir, "missing.so"), NULL);
    CHECK(st == DOSSIER_ERR_PLUGIN);
    CHECK(strstr(dossier_registry_info(one, 2)->error, "No such file") != NULL);
    dossier_registry_free(one);
}

static int started, finished;
static void on_event(void *ud, const dossier_render_event *ev)
{
    (void)ud;
    if (ev->finished)
        finished++;
    else
        started++;
}

/* Crash + failure + good: good lands, old output of the failing one stays. */
static void test_render_faults(const dossier_registry *reg)
{
    const char *formats[] = {"testgood", "crash", "fails", "error_ok", "stdout"};
    char out[4096];
    dossier_render_options o;
    dossier_diags *d = dossier_diags_new();
    dossier_status st;
    char capture[4096];
    int saved, fd;
    char *text;

    snprintf(out, sizeof out, "%s/faults", work_dir);
    fresh_dir(out);
    spit(join(out, "crash.txt"), "OLD OUTPUT\n");
    dossier_render_options_init(&o);
    o.output_dir = out;
    o.timeout_seconds = 20;
    o.on_event = on_event;
    started = finished = 0;

    /* Catch anything written to our stdout during the render. */
    snprintf(capture, sizeof capture, "%s/stdout.capture", work_dir);
    fflush(stdout);
    saved = dup(1);
    fd = open(capture, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    close(fd);
    st = dossier_render(reg, &model, formats, 5, &o, d);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);

    CHECK(st != DOSSIER_OK);
    CHECK(started == 5 && finished == 5);
    text = slurp(join(out, "testgood.txt"));
    CHECK(text && strcmp(text, "testgood\ne-one\ne-two\n") == 0);
    text = slurp(join(out, "crash.txt"));
    CHECK(text && strcmp(text, "OLD OUTPUT\n") == 0);
    CHECK(access(join(out, "fails.txt"), F_OK) != 0);
    CHECK(access(join(out, "error_ok.txt"), F_OK) != 0);
    CHECK(access(join(out, "stdout.txt"), F_OK) == 0);
    CHECK(count_hidden(out) == 0);
    text = slurp(capture);
    CHECK(text && text[0] == '\0');
    CHECK(diags_have(d, "plugin 'crash' crashed (Segmentation fault)"));
    CHECK(diags_have(d, "fails.tmpl:3:7: error: fails: template is broken"));
    CHECK(diags_have(d, "error_ok: something went wrong but I return OK"));
    CHECK(diags_have(d, "kept the previous"));
    if (failures)
        dump_diags(d);
    dossier_diags_free(d);
}

static void test_timeout(const dossier_registry *reg)
{
    const char *formats[] = {"hang", "testgood"};
    char out[4096];
    dossier_render_options o;
    dossier_diags *d = dossier_diags_new();
    struct timespec t0, t1;
    dossier_status st;
    double secs;

    snprintf(out, sizeof out, "%s/timeout", work_dir);
    fresh_dir(out);
    dossier_render_options_init(&o);
    o.output_dir = out;
    o.timeout_seconds = 1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = dossier_render(reg, &model, formats, 2, &o, d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK(st == DOSSIER_ERR_TIMEOUT);
    CHECK(secs >= 0.9 && secs < 4.0);
    CHECK(diags_have(d, "plugin 'hang' timed out after 1 s"));
    CHECK(access(join(out, "testgood.txt"), F_OK) == 0);
    CHECK(access(join(out, "hang.txt"), F_OK) != 0);
    CHECK(count_hidden(out) == 0);
    dossier_diags_free(d);
}

static void test_in_process_and_options(const dossier_registry *reg)
{
    const char *formats[] = {"testgood", "stdout"};
    const char *options[] = {"testgood.output=custom.txt",
                             "testgood.greeting=hello", "testgood.warn=careful",
                             "md.unused=1"};
    char out[4096];
    dossier_render_options o;
    dossier_diags *d = dossier_diags_new();
    dossier_status st;
    char *text;

    snprintf(out, sizeof out, "%s/inproc", work_dir);
    fresh_dir(out);
    dossier_render_options_init(&o);
    o.output_dir = out;
    o.no_isolate = 1;
    o.options = options;
    o.option_count = 4;
    st = dossier_render(reg, &model, formats, 2, &o, d);
    CHECK(st == DOSSIER_OK);
    text = slurp(join(out, "custom.txt"));
    CHECK(text && strcmp(text, "hello\ne-one\ne-two\n") == 0);
    CHECK(access(join(out, "testgood.txt"), F_OK) != 0);
    CHECK(diags_have(d, "warning: testgood: asked to warn: careful"));
    CHECK(diags_have(d, "option 'md.unused=1' ignored"));
    CHECK(count_hidden(out) == 0);
    if (failures)
        dump_diags(d);
    dossier_diags_free(d);
}

static void test_usage_errors(const dossier_registry *reg)
{
    const char *unknown[] = {"nope"};
    const char *refused[] = {"abi_major"};
    const char *clash[] = {"testgood", "stdout"};
    const char *clash_opts[] = {"stdout.output=testgood.txt"};
    const char *bad_opts[] = {"garbage"};
    const char *slash_opts[] = {"testgood.output=../escape.txt"};
    char out[4096];
    dossier_render_options o;
    dossier_diags *d = dossier_diags_new();

    snprintf(out, sizeof out, "%s/usage", work_dir);
    fresh_dir(out);
    dossier_render_options_init(&o);
    o.output_dir = out;
    CHECK(dossier_render(reg, &model, unknown, 1, &o, d) == DOSSIER_ERR_USAGE);
    CHECK(diags_have(d, "unknown format 'nope' (available formats:"));
    CHECK(dossier_render(reg, &model, refused, 1, &o, d) == DOSSIER_ERR_PLUGIN);
    CHECK(diags_have(d, "format 'abi_major': plugin refused: built for plugin ABI 2.0"));
    o.options = clash_opts;
    o.option_count = 1;
    CHECK(dossier_render(reg, &model, clash, 2, &o, d) == DOSSIER_ERR_USAGE);
    CHECK(diags_have(d, "would both write 'testgood.txt'"));
    o.options = bad_opts;
    CHECK(dossier_render(reg, &model, clash, 1, &o, d) == DOSSIER_ERR_USAGE);
    o.options = slash_opts;
    CHECK(dossier_render(reg, &model, clash, 1, &o, d) == DOSSIER_ERR_USAGE);
    CHECK(access(join(work_dir, "escape.txt"), F_OK) != 0);
    CHECK(count_hidden(out) == 0);
    CHECK(access(join(out, "testgood.txt"), F_OK) != 0);

    /* A read-only output dir fails cleanly (root ignores modes: skip). */
    if (geteuid() != 0) {
        dossier_diags *d2 = dossier_diags_new();
        chmod(out, 0555);
        o.options = NULL;
        o.option_count = 0;
        CHECK(dossier_render(reg, &model, clash, 1, &o, d2) == DOSSIER_ERR_IO);
        CHECK(diags_have(d2, "cannot write into output directory"));
        chmod(out, 0755);
        dossier_diags_free(d2);
    }
    /* A nested output dir is created. */
    {
        dossier_diags *d3 = dossier_diags_new();
        o.output_dir = join(out, "a/b/c");
        o.options = NULL;
        o.option_count = 0;
        CHECK(dossier_render(reg, &model, clash, 1, &o, d3) == DOSSIER_OK);
        CHECK(access(join(out, "a/b/c/testgood.txt"), F_OK) == 0);
        dossier_diags_free(d3);
    }
    dossier_diags_free(d);
}

int main(int argc, char **argv)
{
    dossier_registry *reg;
    if (argc != 3) {
        fprintf(stderr, "usage: host_test PLUGIN_DIR WORK_DIR\n");
        return 2;
    }
    plugin_dir = argv[1];
    work_dir = argv[2];
    mkdir(work_dir, 0755);
    build_model();
    reg = dossier_registry_new();
    CHECK(dossier_registry_scan(reg, (const char *const *)&plugin_dir, 1, 0) == DOSSIER_OK);
    test_registry(reg);
    test_render_faults(reg);
    test_timeout(reg);
    test_in_process_and_options(reg);
    test_usage_errors(reg);
    dossier_registry_free(reg);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("host_test: all checks passed\n");
    return 0;
}
