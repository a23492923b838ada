/* loader_test.c - tests of dossier_load() and dossier_data_parse().
 *
 *   loader_test check PATH...        print diagnostics; exit 0 valid, 1 invalid
 *   loader_test expect CASE_DIR NAME compare `check NAME` (run inside CASE_DIR's
 *                                    parent) with CASE_DIR/expect, exactly
 *   loader_test good DIR             assert the model of tests/loader/good
 *   loader_test clean PATH...        assert zero errors and zero warnings
 *   loader_test many TMPDIR          300 files (parallel parse): ordered output
 *   loader_test multi LOADER_DIR     several inputs, bare files, links
 *   loader_test hostile TMPDIR       generated hostile inputs fail fast
 *   loader_test encodings TMPDIR     BOM/CRLF give the same model; bad UTF-8
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dossier/dossier.h"

static int failures;

#define CHECK(cond)                                                                \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                            \
        }                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                            \
    do {                                                                           \
        const char *a_ = (a), *b_ = (b);                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                   \
            fprintf(stderr, "%s:%d: expected '%s', got '%s' (%s)\n", __FILE__,     \
                    __LINE__, b_ ? b_ : "(null)", a_ ? a_ : "(null)", #a);         \
            failures++;                                                            \
        }                                                                          \
    } while (0)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* All diagnostics, formatted, one per line, in a malloc'd string. */
static char *format_all(const dossier_diags *diags)
{
    size_t i, len = 0;
    char *out = malloc(1);
    out[0] = '\0';
    for (i = 0; i < dossier_diags_count(diags); i++) {
        char *s = dossier_diag_format(dossier_diags_get(diags, i));
        size_t n = strlen(s);
        out = realloc(out, len + n + 2);
        memcpy(out + len, s, n);
        out[len + n] = '\n';
        out[len + n + 1] = '\0';
        len += n + 1;
        free(s);
    }
    return out;
}

static dossier_status load(const char *const *paths, size_t n, const dossier_limits *lim,
                           dossier_model **m, char **text)
{
    dossier_diags *diags = dossier_diags_new();
    dossier_status st = dossier_load(paths, n, lim, m, diags);
    *text = format_all(diags);
    dossier_diags_free(diags);
    return st;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        n = 0;
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void write_all(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fwrite(data, 1, len, f);
    fclose(f);
}

static int cmd_check(int argc, char **argv)
{
    dossier_model *m = NULL;
    char *text;
    dossier_status st = load((const char *const *)argv, (size_t)argc, NULL, &m, &text);
    fputs(text, stdout);
    free(text);
    dossier_model_free(m);
    return st == DOSSIER_OK ? 0 : 1;
}

/* Runs the case and compares every diagnostic line with the expect file. */
static int cmd_expect(const char *case_dir, const char *name)
{
    char path[4096];
    dossier_model *m = NULL;
    char *text, *want;
    const char *input = name;
    dossier_status st;
    struct stat sb;
    static const char *const singles[] = {"event.md", "event.yaml", "event.json", NULL};
    size_t i;
    char single[4096];
    snprintf(path, sizeof(path), "%s/dossier.yaml", case_dir);
    if (stat(path, &sb) != 0) {
        snprintf(path, sizeof(path), "%s/dossier.json", case_dir);
        if (stat(path, &sb) != 0) {
            for (i = 0; singles[i]; i++) {
                snprintf(path, sizeof(path), "%s/%s", case_dir, singles[i]);
                if (stat(path, &sb) == 0 || lstat(path, &sb) == 0) {
                    snprintf(single, sizeof(single), "%s/%s", name, singles[i]);
                    input = single;
                    break;
                }
            }
        }
    }
    snprintf(path, sizeof(path), "%s/expect", case_dir);
    want = read_all(path);
    if (!want) {
        fprintf(stderr, "%s: missing\n", path);
        return 1;
    }
    st = load(&input, 1, NULL, &m, &text);
    if (st == DOSSIER_OK || m != NULL) {
        fprintf(stderr, "%s: loaded without error\n", name);
        failures++;
    }
    if (strcmp(text, want) != 0) {
        fprintf(stderr, "%s: diagnostics differ\n--- expected\n%s--- got\n%s", name, want, text);
        failures++;
    }
    free(text);
    free(want);
    dossier_model_free(m);
    return failures ? 1 : 0;
}

static int cmd_clean(int argc, char **argv)
{
    dossier_model *m = NULL;
    char *text;
    dossier_status st = load((const char *const *)argv, (size_t)argc, NULL, &m, &text);
    CHECK(st == DOSSIER_OK);
    CHECK(m && m->event_count > 0);
    if (text[0]) {
        fprintf(stderr, "expected no diagnostics, got:\n%s", text);
        failures++;
    }
    free(text);
    dossier_model_free(m);
    return failures ? 1 : 0;
}

static const dossier_participation *part(const dossier_participation *const *rows, size_t n,
                                         size_t i)
{
    return i < n ? rows[i] : NULL;
}

static int cmd_good(const char *dir)
{
    dossier_model *m = NULL;
    char *text;
    const dossier_event *e, *e2;
    const dossier_entity *tj, *no;
    char buf[11];
    dossier_status st = load(&dir, 1, NULL, &m, &text);
    CHECK(st == DOSSIER_OK);
    if (st != DOSSIER_OK || !m) {
        fprintf(stderr, "%s", text);
        return 1;
    }
    CHECK_STR(text, ""); /* no warnings either */
    free(text);
    CHECK(m->format == 1);
    CHECK_STR(m->title, "Counter-terrorism conferences, 2018–2022");
    CHECK_STR(m->prepared_by, "OSCE Programme Office in Dushanbe");
    CHECK(m->prepared_by_entity && strcmp(m->prepared_by_entity->id, "osce-po-dushanbe") == 0);
    CHECK_STR(dossier_date_format(m->as_of, buf), "2026-11-22");
    CHECK_STR(dossier_date_format(m->period_start, buf), "2011-06-16");
    CHECK_STR(dossier_date_format(m->period_end, buf), "2022-10-19");
    CHECK(m->event_count == 4);
    /* sorted by start */
    CHECK_STR(m->events[0]->id, "2011-06-vienna");
    CHECK_STR(m->events[1]->id, "2012-02-29-leap");
    CHECK_STR(m->events[2]->id, "2018-05-dushanbe-ct-pve");
    CHECK_STR(m->events[3]->id, "2022-10-dushanbe-border-security");
    CHECK(m->events[3]->index == 3);
    /* strings stay strings */
    e = dossier_model_find_event(m, "2018-05-dushanbe-ct-pve");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->title, "2019");
        CHECK_STR(e->summary, "NO");
        CHECK_STR(e->body, "First conference.\n");
        CHECK(e->body_line == 16);
        CHECK(e->end.day == 4);
        CHECK(e->organizer_count == 2);
        CHECK(part(e->organizers, e->organizer_count, 0)->role == DOSSIER_ROLE_ORGANIZER);
        CHECK(e->related_count == 1);
        CHECK_STR(e->related[0]->id, "2022-10-dushanbe-border-security");
        CHECK(e->attendance.participants == -1);
    }
    /* NO resolves to Norway, an implicit state */
    no = dossier_model_find_entity(m, "NO");
    CHECK(no && no->implicit && no->kind == DOSSIER_ENTITY_STATE);
    if (no)
        CHECK_STR(no->name, "Norway");
    tj = dossier_model_find_entity(m, "TJ");
    CHECK(tj && !tj->implicit);
    if (tj) {
        CHECK_STR(tj->name, "Republic of Tajikistan"); /* declared overrides ISO name */
        CHECK(tj->kind == DOSSIER_ENTITY_STATE);
        CHECK_STR(tj->country, "TJ");
    }
    CHECK_STR(dossier_country_name("TR"), "Türkiye");
    CHECK_STR(dossier_country_name("MD"), "Moldova");
    CHECK(dossier_country_name("XX") == NULL);
    CHECK(dossier_country_name("tj") == NULL);
    /* entity order: declared (registry, then inline), then implicit by first use */
    CHECK(m->entity_count == 10);
    if (m->entity_count == 10) {
        CHECK_STR(m->entities[0]->id, "osce");
        CHECK_STR(m->entities[3]->id, "TJ");
        CHECK_STR(m->entities[4]->id, "regional-anti-terrorist-structure");
        CHECK(!m->entities[4]->implicit);
        CHECK_STR(m->entities[5]->id, "US"); /* 2011 file is read first */
        CHECK_STR(m->entities[6]->id, "AT");
        CHECK_STR(m->entities[7]->id, "NO");
        CHECK_STR(m->entities[8]->id, "QA");
        CHECK_STR(m->entities[9]->id, "AF");
        CHECK(m->entities[9]->implicit && m->entities[9]->index == 9);
        CHECK_STR(m->entities[1]->parent ? m->entities[1]->parent->id : NULL, "osce");
    }
    CHECK(m->person_count == 2);
    CHECK(dossier_model_find_person(m, "voronkov") != NULL);
    CHECK(dossier_model_find_person(m, "nobody") == NULL);
    CHECK(dossier_model_find_entity(m, "AF") != NULL);
    CHECK(dossier_model_find_entity(m, "FR") == NULL);
    e2 = dossier_model_find_event(m, "2022-10-dushanbe-border-security");
    CHECK(e2 != NULL);
    if (e2) {
        CHECK_STR(e2->title, "International and Regional Border Security and Management "
                             "Cooperation to Counter Terrorism");
        CHECK(e2->kind == DOSSIER_EVENT_HIGH_LEVEL_CONFERENCE);
        CHECK_STR(e2->series, "Dushanbe Process");
        CHECK_STR(e2->location.city, "Душанбе");
        CHECK_STR(e2->location.country, "TJ");
        CHECK(e2->location.address == NULL);
        CHECK(e2->theme_count == 2 && e2->audience_count == 2);
        CHECK(e2->organizer_count == 4); /* unoct has two roles */
        CHECK(e2->organizers[1]->role == DOSSIER_ROLE_CO_ORGANIZER);
        CHECK(e2->organizers[2]->role == DOSSIER_ROLE_SUPPORTER);
        CHECK(e2->organizers[1]->entity == e2->organizers[2]->entity);
        CHECK(e2->participant_count == 3);
        CHECK_STR(e2->participants[0]->level, "deputy-minister");
        CHECK_STR(e2->participants[1]->entity->name, "Norway");
        CHECK(e2->participants[2]->role == DOSSIER_ROLE_OBSERVER);
        CHECK(e2->participants[0]->pos.line == 20 && e2->participants[0]->pos.col == 5);
        /* people: on both rows of a two-role item; registry and inline */
        CHECK(e2->organizers[0]->person_count == 0 && e2->organizers[0]->people == NULL);
        CHECK(e2->organizers[1]->person_count == 1 && e2->organizers[2]->person_count == 1);
        CHECK(e2->organizers[1]->people[0] == e2->statements[0]->speaker); /* voronkov */
        CHECK(e2->organizers[2]->people[0] == e2->organizers[1]->people[0]);
        CHECK(e2->participants[1]->person_count == 2);
        CHECK_STR(e2->participants[1]->people[0]->name, "Ine Eriksen");
        CHECK_STR(e2->participants[1]->people[0]->position, "Ambassador");
        CHECK(e2->participants[1]->people[0]->id == NULL);
        CHECK(e2->participants[1]->people[0]->index == (size_t)-1);
        CHECK_STR(e2->participants[1]->people[1]->id, "rahmon");
        CHECK(e2->participants[0]->person_count == 0);
        CHECK(e2->attendance.participants == 700 && e2->attendance.countries == 40);
        CHECK(e2->attendance.organizations == -1);
        CHECK_STR(e2->attendance.qualifier, "more-than");
        CHECK(e2->statement_count == 2);
        CHECK_STR(e2->statements[0]->speaker->id, "voronkov");
        CHECK_STR(e2->statements[1]->speaker->name, "Eitvydas Bajarūnas");
        CHECK(e2->statements[1]->speaker->id == NULL);
        CHECK(e2->statements[1]->speaker->index == (size_t)-1);
        CHECK_STR(e2->statements[1]->speaker->entity->id, "osce");
        CHECK(e2->outcome_count == 1 && e2->outcomes[0]->adopted.day == 19);
        CHECK(e2->figure_count == 2);
        CHECK(e2->figures[0]->value == 193000.0);
        CHECK_STR(e2->figures[0]->value_text, "193000");
        CHECK_STR(e2->figures[0]->year, "2007");
        CHECK(e2->figures[1]->value == 1.5);
        CHECK(e2->contact_count == 2);
        CHECK_STR(e2->contacts[1]->name, "Emomali Rahmon");
        CHECK(e2->contacts[1]->entity == tj);
        CHECK(e2->source_count == 2);
        CHECK(e2->sources[0]->publisher_entity && e2->sources[0]->published.year == 2022);
        CHECK_STR(e2->sources[0]->publisher, "United Nations Office of Counter-Terrorism");
        CHECK(e2->sources[1]->publisher_entity == NULL);
        CHECK_STR(e2->sources[1]->publisher, "Associated Press");
        CHECK_STR(e2->body, "The **second** conference of the Dushanbe Process.\n\nMore text.\n");
        CHECK(e2->body_line == 45);
        CHECK(e2->pos.line == 2);
        CHECK(e2->related_count == 1);
    }
    e = dossier_model_find_event(m, "2011-06-vienna");
    if (e) {
        CHECK_STR(e->body, "A YAML event with a body.\n");
        CHECK(e->kind == DOSSIER_EVENT_MEETING);
        CHECK(dossier_date_compare(e->start, e->end) == 0);
    }
    e = dossier_model_find_event(m, "2012-02-29-leap");
    if (e) {
        CHECK_STR(e->body, "JSON body\n");
        CHECK(e->start.month == 2 && e->start.day == 29);
    }
    dossier_model_free(m);
    return failures ? 1 : 0;
}

/* Several inputs at once, bare event files and symbolic links. */
static int cmd_multi(const char *loader_dir)
{
    char good[4096], single[4096], link[4096], reg[4096];
    const char *both[2], *one[1];
    dossier_model *m = NULL;
    char *text;
    const dossier_event *e;
    snprintf(good, sizeof(good), "%s/good", loader_dir);
    snprintf(single, sizeof(single), "%s/single/2023-01-single.md", loader_dir);
    snprintf(link, sizeof(link), "%s/single/linked.md", loader_dir);
    snprintf(reg, sizeof(reg), "%s/good/dossier.yaml", loader_dir);
    /* a folder and a bare file: one model */
    both[0] = good;
    both[1] = single;
    CHECK(load(both, 2, NULL, &m, &text) == DOSSIER_OK);
    CHECK_STR(text, "");
    free(text);
    if (m) {
        CHECK(m->event_count == 5);
        CHECK_STR(m->root, good);
        CHECK_STR(m->events[4]->id, "2023-01-single");
        CHECK_STR(m->events[4]->file, single);
        CHECK(dossier_model_find_entity(m, "unodc") != NULL);
        CHECK(dossier_model_find_entity(m, "KG")->implicit);
    }
    dossier_model_free(m);
    /* a bare file alone: inline entities, title falls back to the event's */
    one[0] = single;
    m = NULL;
    CHECK(load(one, 1, NULL, &m, &text) == DOSSIER_OK);
    CHECK_STR(text, "");
    free(text);
    if (m) {
        CHECK(m->root == NULL);
        CHECK_STR(m->title, "A single event file");
        CHECK_STR(m->language, "en");
        CHECK(m->person_count == 0);
        CHECK(m->entity_count == 2);
        CHECK_STR(m->entities[0]->id, "unodc"); /* inline: declared first */
        CHECK(!m->entities[0]->implicit);
        CHECK_STR(m->entities[1]->id, "KG");
        e = m->events[0];
        CHECK(e->organizer_count == 2 && e->participant_count == 1);
        CHECK(e->organizers[1]->entity == e->participants[0]->entity); /* reused by id */
        CHECK_STR(e->statements[0]->speaker->name, "Ghada Waly");
        CHECK_STR(e->statements[0]->speaker->entity->short_name, "UNODC");
        CHECK_STR(dossier_country_name("KG"), "Kyrgyzstan");
    }
    dossier_model_free(m);
    /* a symbolic link is followed; the id comes from the link's name */
    one[0] = link;
    m = NULL;
    CHECK(load(one, 1, NULL, &m, &text) == DOSSIER_OK);
    free(text);
    if (m)
        CHECK_STR(m->events[0]->id, "linked");
    dossier_model_free(m);
    /* the path of dossier.yaml stands for its folder */
    one[0] = reg;
    m = NULL;
    CHECK(load(one, 1, NULL, &m, &text) == DOSSIER_OK);
    free(text);
    if (m)
        CHECK(m->event_count == 4);
    dossier_model_free(m);
    return failures ? 1 : 0;
}

/* ---- generated hostile input ---- */

static void mkdirs(const char *dir)
{
    char p[4096];
    snprintf(p, sizeof(p), "%s/events", dir);
    mkdir(dir, 0755);
    mkdir(p, 0755);
}

/* Writes `event` (front matter YAML) as the only event of a fresh dossier. */
static const char *one_event(const char *tmp, const char *name, const char *fm, size_t fm_len)
{
    static char dir[2048];
    char p[4096];
    FILE *f;
    snprintf(dir, sizeof(dir), "%s/%s", tmp, name);
    mkdirs(dir);
    snprintf(p, sizeof(p), "%s/dossier.yaml", dir);
    write_all(p, "format: 1\ntitle: T\n", 19);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    f = fopen(p, "wb");
    fputs("---\n", f);
    fwrite(fm, 1, fm_len, f);
    fputs("---\nbody\n", f);
    fclose(f);
    return dir;
}

/* Loads `dir`, expects failure within `max_s` seconds with `needle` in the
 * diagnostics. */
static void expect_fail(const char *dir, const char *needle, double max_s)
{
    dossier_model *m = NULL;
    char *text;
    double t0 = now(), dt;
    dossier_status st = load(&dir, 1, NULL, &m, &text);
    dt = now() - t0;
    CHECK(st != DOSSIER_OK && m == NULL);
    if (strstr(needle, "limit") || strstr(needle, "nesting") || strstr(needle, "alias"))
        CHECK(st == DOSSIER_ERR_LIMIT);
    else
        CHECK(st == DOSSIER_ERR_INVALID);
    if (!strstr(text, needle)) {
        fprintf(stderr, "%s: expected '%s' in:\n%s", dir, needle, text);
        failures++;
    }
    if (dt > max_s) {
        fprintf(stderr, "%s: took %.3f s (max %.3f)\n", dir, dt, max_s);
        failures++;
    }
    printf("%-40s %.3f s  %s", strrchr(dir, '/') + 1, dt, text);
    free(text);
    dossier_model_free(m);
}

static int cmd_hostile(const char *tmp)
{
    char *buf, p[4096];
    size_t i, n;
    const char *dir;
    mkdir(tmp, 0755);
    /* Billion laughs: 9 levels of 9 aliases. */
    {
        static const char bomb[] =
            "title: T\nstart: 2020-01-01\n"
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
            "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
            "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
        dir = one_event(tmp, "alias-bomb", bomb, sizeof(bomb) - 1);
        expect_fail(dir, "/events/e.md:7:8: error: aliases expand to more than 1000 nodes "
                         "(alias '*c')", 2.0);
    }
    /* 10,000-deep flow nesting. */
    n = 10000;
    buf = malloc(2 * n + 64);
    i = (size_t)sprintf(buf, "title: T\nstart: 2020-01-01\nx: ");
    memset(buf + i, '[', n);
    memset(buf + i + n, ']', n);
    i += 2 * n;
    buf[i++] = '\n';
    dir = one_event(tmp, "deep-nesting", buf, i);
    expect_fail(dir, "/events/e.md:4:67: error: nesting deeper than 64 levels", 2.0);
    free(buf);
    /* 10,000-deep block mappings would be 50 MB of indentation; 2,000 deep
     * in flow mappings is enough to check mappings too. */
    n = 2000;
    buf = malloc(5 * n + 64);
    i = (size_t)sprintf(buf, "title: T\nstart: 2020-01-01\nx: ");
    for (size_t k = 0; k < n; k++)
        i += (size_t)sprintf(buf + i, "{a: ");
    buf[i++] = '1';
    memset(buf + i, '}', n);
    i += n;
    buf[i++] = '\n';
    dir = one_event(tmp, "deep-mappings", buf, i);
    expect_fail(dir, "nesting deeper than 64 levels", 2.0);
    free(buf);
    /* A 2 MiB scalar: over the 1 MiB string limit. */
    n = 2u * 1024 * 1024;
    buf = malloc(n + 64);
    i = (size_t)sprintf(buf, "title: T\nstart: 2020-01-01\nsummary: ");
    memset(buf + i, 'x', n);
    i += n;
    buf[i++] = '\n';
    dir = one_event(tmp, "long-string", buf, i);
    expect_fail(dir, "/events/e.md:4:10: error: string of 2097152 bytes is longer than the "
                     "limit of 1048576 bytes (raise the limit with --max-string)", 3.0);
    free(buf);
    /* A 50 MB scalar: over the 16 MiB file limit, refused before reading. */
    n = 50u * 1000 * 1000;
    buf = malloc(n + 64);
    i = (size_t)sprintf(buf, "title: T\nstart: 2020-01-01\nsummary: ");
    memset(buf + i, 'x', n);
    i += n;
    buf[i++] = '\n';
    dir = one_event(tmp, "huge-file", buf, i);
    expect_fail(dir, "/events/e.md: error: file of 50000050 bytes is larger than the limit "
                     "of 16777216 bytes (raise the limit with --max-file-size)", 2.0);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    unlink(p); /* do not leave 50 MB in the build tree */
    free(buf);
    /* The same 50 MB text through dossier_data_parse, with the limit raised:
     * the string limit still stops it. */
    {
        dossier_limits lim;
    dossier_limits_init(&lim, sizeof lim);
        dossier_diags *diags = dossier_diags_new();
        dossier_data *d = NULL;
        double t0 = now();
        n = 50u * 1000 * 1000;
        buf = malloc(n + 16);
        memcpy(buf, "s: ", 3);
        memset(buf + 3, 'y', n);
        lim.max_file_bytes = n + 16;
        CHECK(dossier_data_parse(buf, n + 3, "big.yaml", &lim, &d, diags) == DOSSIER_ERR_LIMIT);
        CHECK(d == NULL);
        CHECK(dossier_diags_error_count(diags) == 1);
        CHECK(now() - t0 < 10.0); /* libyaml scans the whole scalar first */
        printf("%-40s %.3f s\n", "data-50MB-scalar", now() - t0);
        free(buf);
        dossier_diags_free(diags);
    }
    /* A file with thousands of problems: 100 are shown, then one summary;
     * a huge mapping still answers lookups (title/start found among 20,000
     * keys). */
    {
        size_t cap = 20000 * 24 + 1000;
        buf = malloc(cap);
        i = 0;
        for (size_t k = 0; k < 10000; k++)
            i += (size_t)sprintf(buf + i, "k%05zu: v\n", k);
        i += (size_t)sprintf(buf + i, "title: T\nstart: 2020-01-01\norganizers:\n");
        for (size_t k = 0; k < 5000; k++)
            i += (size_t)sprintf(buf + i, "  - ZZ\n");
        dir = one_event(tmp, "many-problems", buf, i);
        {
            dossier_model *m = NULL;
            char *text, *line;
            size_t lines = 0;
            const char *in = dir;
            double t0 = now();
            CHECK(load(&in, 1, NULL, &m, &text) == DOSSIER_ERR_INVALID);
            CHECK(now() - t0 < 2.0);
            for (line = text; (line = strchr(line, '\n')) != NULL; line++)
                lines++;
            CHECK(lines == 101);
            CHECK(strstr(text, "/events/e.md: error: 5000 more errors and 9900 more warnings "
                               "in this file are not shown\n") != NULL);
            CHECK(strstr(text, "/events/e.md:2:1: warning: unknown key 'k00000' in an event\n") != NULL);
            CHECK(strstr(text, "missing required key") == NULL);
            free(text);
            dossier_model_free(m);
        }
        /* 20,000 duplicate keys: 100 reported, then a count */
        i = (size_t)sprintf(buf, "title: T\nstart: 2020-01-01\n");
        for (size_t k = 0; k < 20000; k++)
            i += (size_t)sprintf(buf + i, "title: T%zu\n", k);
        dir = one_event(tmp, "many-duplicates", buf, i);
        {
            dossier_model *m = NULL;
            char *text;
            const char *in = dir;
            CHECK(load(&in, 1, NULL, &m, &text) == DOSSIER_ERR_INVALID);
            CHECK(strstr(text, "/events/e.md: error: 19900 more duplicate keys are not shown\n") != NULL);
            CHECK(strstr(text, "/events/e.md:4:1: error: duplicate key 'title' (first given at "
                               "line 2, column 1)") != NULL);
            free(text);
            dossier_model_free(m);
        }
        free(buf);
    }
    /* A FIFO posing as an event file is refused, not waited on. */
    dir = one_event(tmp, "fifo", "title: T\nstart: 2020-01-01\n", 27);
    snprintf(p, sizeof(p), "%s/events/f.md", dir);
    unlink(p);
    if (mkfifo(p, 0644) == 0)
        expect_fail(dir, "/events/f.md: error: is not a regular file", 2.0);
    /* 100,000 anchors and aliases stay linear. */
    {
        size_t cap = 100000 * 24 + 64;
        buf = malloc(cap);
        i = (size_t)sprintf(buf, "title: T\nstart: 2020-01-01\nx:\n");
        for (size_t k = 0; k < 400; k++)
            i += (size_t)sprintf(buf + i, "  - &a%zu v\n  - *a%zu\n", k, k);
        dir = one_event(tmp, "many-aliases", buf, i);
        snprintf(p, sizeof(p), "%s", dir);
        {
            dossier_model *m = NULL;
            char *text;
            const char *in = p;
            dossier_status st = load(&in, 1, NULL, &m, &text);
            CHECK(st == DOSSIER_OK); /* 400 scalar aliases are within the budget */
            CHECK(strstr(text, "unknown key 'x'") != NULL);
            free(text);
            dossier_model_free(m);
        }
        free(buf);
    }
    return failures ? 1 : 0;
}

/* Many files: parsed on worker threads, yet diagnostics and the model come
 * out in file order, exactly as a sequential load gives them. */
static int cmd_many(const char *tmp)
{
    char dir[2048], p[4096], want[1 << 16];
    const char *in = dir;
    size_t i, n = 300, used = 0;
    dossier_model *m = NULL;
    char *text;
    mkdir(tmp, 0755);
    snprintf(dir, sizeof(dir), "%s/many", tmp);
    mkdirs(dir);
    snprintf(p, sizeof(p), "%s/dossier.yaml", dir);
    write_all(p, "format: 1\ntitle: Many\n", strlen("format: 1\ntitle: Many\n"));
    for (i = 0; i < n; i++) {
        char body[512];
        int len;
        snprintf(p, sizeof(p), "%s/events/e%03zu.md", dir, i);
        if (i % 11 == 5) {
            len = snprintf(body, sizeof(body), "---\ntitle: T%zu\nstart: 2020-01-01\nthemes: [a\n---\n", i);
            used += (size_t)snprintf(want + used, sizeof(want) - used,
                                     "%s/events/e%03zu.md:5:1: error: invalid YAML: did not find "
                                     "expected ',' or ']' (while parsing a flow sequence at line "
                                     "4, column 9)\n", dir, i);
        } else if (i % 7 == 3) {
            len = snprintf(body, sizeof(body), "---\ntitle: T%zu\nstart: 2020-01-01\norganizers: [ZZ]\nknd: x\n---\n", i);
            used += (size_t)snprintf(want + used, sizeof(want) - used,
                                     "%s/events/e%03zu.md:4:14: error: unknown entity 'ZZ' "
                                     "(declare it under 'entities' in dossier.yaml, or use an ISO "
                                     "country code)\n%s/events/e%03zu.md:5:1: warning: unknown key "
                                     "'knd' in an event (did you mean 'kind'?)\n", dir, i, dir, i);
        } else {
            len = snprintf(body, sizeof(body), "---\ntitle: T%zu\nstart: 2020-%02zu-01\norganizers: [AT]\n---\nBody %zu\n",
                           i, 1 + i % 12, i);
        }
        write_all(p, body, (size_t)len);
    }
    CHECK(load(&in, 1, NULL, &m, &text) == DOSSIER_ERR_INVALID);
    if (strcmp(text, want) != 0) {
        fprintf(stderr, "many: diagnostics differ\n--- expected\n%s--- got\n%s", want, text);
        failures++;
    }
    free(text);
    dossier_model_free(m);
    /* the same files without the broken ones load in full */
    for (i = 0; i < n; i++)
        if (i % 11 == 5 || i % 7 == 3) {
            snprintf(p, sizeof(p), "%s/events/e%03zu.md", dir, i);
            unlink(p);
        }
    m = NULL;
    CHECK(load(&in, 1, NULL, &m, &text) == DOSSIER_OK);
    CHECK_STR(text, "");
    free(text);
    if (m) {
        size_t k, expect = 0;
        for (i = 0; i < n; i++)
            expect += !(i % 11 == 5 || i % 7 == 3);
        CHECK(m->event_count == expect);
        for (k = 1; k < m->event_count; k++)
            CHECK(dossier_date_compare(m->events[k - 1]->start, m->events[k]->start) <= 0);
        CHECK(m->entity_count == 1);
    }
    dossier_model_free(m);
    return failures ? 1 : 0;
}

/* ---- encodings ---- */

static char *dump_model(const dossier_model *m)
{
    /* A compact fingerprint of what the loader read, positions included. */
    size_t i, j, len = 0, cap = 1 << 16;
    char *out = malloc(cap);
    char d1[11], d2[11];
    for (i = 0; i < m->event_count; i++) {
        const dossier_event *e = m->events[i];
        len += (size_t)snprintf(out + len, cap - len, "%s|%s|%s|%s|%u:%u|%u|%s|", e->id, e->title,
                                dossier_date_format(e->start, d1), dossier_date_format(e->end, d2),
                                e->pos.line, e->pos.col, e->body_line, e->body);
        for (j = 0; j < e->organizer_count; j++)
            len += (size_t)snprintf(out + len, cap - len, "%s/%s@%u:%u,", e->organizers[j]->entity->id,
                                    dossier_role_name(e->organizers[j]->role),
                                    e->organizers[j]->pos.line, e->organizers[j]->pos.col);
    }
    return out;
}

static int cmd_encodings(const char *tmp)
{
    static const char fm[] =
        "---\ntitle: Café “quoted”\nstart: 2020-01-01\norganizers:\n  - { entity: TJ, role: host }\n"
        "summary: |\n  line one\n  line two\n---\nBody line 1\n\nBody line 3\n";
    char p[4096], *crlf, *a = NULL, *b = NULL, *c = NULL;
    const char *dir;
    size_t i, n = 0;
    dossier_model *m = NULL;
    char *text;
    mkdir(tmp, 0755);
    /* plain LF */
    dir = one_event(tmp, "lf", "", 0);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    write_all(p, fm, sizeof(fm) - 1);
    CHECK(load(&dir, 1, NULL, &m, &text) == DOSSIER_OK);
    CHECK_STR(text, "");
    if (m)
        a = dump_model(m);
    dossier_model_free(m);
    free(text);
    /* BOM + CRLF */
    crlf = malloc(2 * sizeof(fm) + 8);
    memcpy(crlf, "\xEF\xBB\xBF", 3);
    n = 3;
    for (i = 0; i < sizeof(fm) - 1; i++) {
        if (fm[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = fm[i];
    }
    dir = one_event(tmp, "bom-crlf", "", 0);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    write_all(p, crlf, n);
    m = NULL;
    CHECK(load(&dir, 1, NULL, &m, &text) == DOSSIER_OK);
    CHECK_STR(text, "");
    if (m)
        b = dump_model(m);
    if (m && m->event_count == 1)
        CHECK_STR(m->events[0]->body, "Body line 1\n\nBody line 3\n");
    dossier_model_free(m);
    free(text);
    /* BOM only */
    dir = one_event(tmp, "bom", "", 0);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    memcpy(crlf, "\xEF\xBB\xBF", 3);
    memcpy(crlf + 3, fm, sizeof(fm) - 1);
    write_all(p, crlf, sizeof(fm) + 2);
    m = NULL;
    CHECK(load(&dir, 1, NULL, &m, &text) == DOSSIER_OK);
    if (m)
        c = dump_model(m);
    dossier_model_free(m);
    free(text);
    CHECK(a && b && c);
    if (a && b && c) {
        CHECK_STR(b, a);
        CHECK_STR(c, a);
    }
    free(a);
    free(b);
    free(c);
    free(crlf);
    /* invalid UTF-8 in the body is located exactly */
    dir = one_event(tmp, "latin1-body", "", 0);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    {
        static const char latin1[] = "---\ntitle: T\nstart: 2020-01-01\n---\nok\nna\xefve\n";
        write_all(p, latin1, sizeof(latin1) - 1);
    }
    expect_fail(dir, "/events/e.md:6:3: error: invalid UTF-8 sequence starting with byte 0xEF", 2.0);
    /* UTF-16 with BOM */
    dir = one_event(tmp, "utf16", "", 0);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    write_all(p, "\xFF\xFE-\0-\0-\0\n\0", 10);
    expect_fail(dir, "/events/e.md:1:1: error: the file is UTF-16 encoded (byte order mark "
                     "found) (save the file as UTF-8)", 2.0);
    /* CRLF positions: the third line's error is at line 3 */
    dir = one_event(tmp, "crlf-error", "", 0);
    snprintf(p, sizeof(p), "%s/events/e.md", dir);
    {
        static const char crlf_err[] = "---\r\ntitle: T\r\nstart: 2020-13-01\r\n---\r\n";
        write_all(p, crlf_err, sizeof(crlf_err) - 1);
    }
    expect_fail(dir, "/events/e.md:3:8: error: '2020-13-01' for 'start' is not a real calendar date", 2.0);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (argc == 4 && strcmp(argv[1], "expect") == 0)
        return cmd_expect(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "good") == 0)
        return cmd_good(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "clean") == 0)
        return cmd_clean(argc - 2, argv + 2);
    if (argc == 3 && strcmp(argv[1], "many") == 0)
        return cmd_many(argv[2]);
    if (argc == 3 && strcmp(argv[1], "multi") == 0)
        return cmd_multi(argv[2]);
    if (argc == 3 && strcmp(argv[1], "hostile") == 0)
        return cmd_hostile(argv[2]);
    if (argc == 3 && strcmp(argv[1], "encodings") == 0)
        return cmd_encodings(argv[2]);
    fprintf(stderr, "usage: see the comment at the top of loader_test.c\n");
    return 2;
}
