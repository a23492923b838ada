/* model_data_test.c - dossier_data_from_model on hand-built models.
 *   model_data_test sample     prints the data view of a small model as
 *                              JSON (check_model_json.py asserts on it)
 *   model_data_test bench N M  N events x M participation rows: prints the
 *                              conversion time; fails above a generous bound */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier/model.h"
#include "dossier/value.h"

static dossier_date D(int y, int m, int d)
{
    dossier_date x;
    x.year = y;
    x.month = m;
    x.day = d;
    return x;
}

static dossier_attendance no_attendance(void)
{
    dossier_attendance a;
    a.participants = a.countries = a.organizations = -1;
    a.qualifier = NULL;
    return a;
}

/* ---- the sample model: two events, a registry, every list kind ---------- */

static dossier_entity ent[5];
static dossier_person per[4];
static dossier_event ev[4];

static int sample(void)
{
    static const dossier_entity *ents[5];
    static const dossier_person *pers[4];
    static const dossier_person *named0[3], *named2[1], *named1[1];
    static const dossier_event *evs[4];
    static dossier_participation org0[3], par0[3], org1[1];
    static const dossier_participation *org0p[3], *par0p[3], *org1p[1];
    static dossier_statement st0[2];
    static const dossier_statement *st0p[2];
    static dossier_person inline_speaker;
    static dossier_outcome out0;
    static const dossier_outcome *out0p[1];
    static dossier_figure fig0;
    static const dossier_figure *fig0p[1];
    static dossier_contact con0;
    static const dossier_contact *con0p[1];
    static dossier_source src0;
    static const dossier_source *src0p[1];
    static const dossier_event *rel1[1];
    static const char *themes[] = {"countering-terrorism", "border-management"};
    static dossier_model m;
    dossier_data *data = NULL;
    char *json;
    size_t i;

    memset(ent, 0, sizeof ent);
    ent[0].id = "osce";
    ent[0].name = "Organization for Security and Co-operation in Europe";
    ent[0].short_name = "OSCE";
    ent[0].kind = DOSSIER_ENTITY_INTERNATIONAL_ORGANIZATION;
    ent[0].url = "https://www.osce.org";
    ent[1].id = "osce-po-dushanbe";
    ent[1].name = "OSCE Programme Office in Dushanbe";
    ent[1].kind = DOSSIER_ENTITY_FIELD_OPERATION;
    ent[1].parent = &ent[0];
    ent[1].country = "TJ";
    ent[2].id = "TJ";
    ent[2].name = "Republic of Tajikistan"; /* declared: overrides the ISO name */
    ent[2].kind = DOSSIER_ENTITY_STATE;
    ent[2].country = "TJ";
    ent[3].id = "AT";
    ent[3].name = "Austria";
    ent[3].kind = DOSSIER_ENTITY_STATE;
    ent[3].country = "AT";
    ent[3].implicit = 1;
    ent[4].id = "unoct";
    ent[4].name = "United Nations Office of Counter-Terrorism";
    ent[4].short_name = "UNOCT";
    ent[4].kind = DOSSIER_ENTITY_UN_ENTITY;
    for (i = 0; i < 5; i++) {
        ent[i].index = i;
        ents[i] = &ent[i];
    }

    memset(per, 0, sizeof per);
    per[0].id = "rahmon";
    per[0].name = "Emomali Rahmon";
    per[0].honorific = "H.E. Mr.";
    per[0].position = "President of the Republic of Tajikistan";
    per[0].entity = &ent[2];
    per[1].id = "voronkov";
    per[1].name = "Vladimir Voronkov";
    per[1].honorific = "Mr.";
    per[1].entity = &ent[4];
    per[1].email = "voronkov@un.org";
    per[2].id = "nobody";
    per[2].name = "Quiet Person";
    per[3].id = "umarov"; /* named on participations only, never quoted */
    per[3].name = "Mansurjon Umarov";
    per[3].position = "Deputy Head";
    for (i = 0; i < 4; i++) {
        per[i].index = i;
        pers[i] = &per[i];
    }
    memset(&inline_speaker, 0, sizeof inline_speaker);
    inline_speaker.name = "A. Guest";
    inline_speaker.position = "Observer";
    inline_speaker.index = SIZE_MAX;

    memset(ev, 0, sizeof ev);
    /* event 0: 2018, two days in one month, everything filled in */
    ev[0].id = "2018-05-dushanbe";
    ev[0].title = "High-Level Conference on Countering Terrorism";
    ev[0].short_title = "Dushanbe 2018";
    ev[0].kind = DOSSIER_EVENT_HIGH_LEVEL_CONFERENCE;
    ev[0].series = "Dushanbe Process";
    ev[0].start = D(2018, 5, 3);
    ev[0].end = D(2018, 5, 4);
    ev[0].location.venue = "Kokhi Somon";
    ev[0].location.city = "Dushanbe";
    ev[0].location.country = "TJ";
    ev[0].themes = themes;
    ev[0].theme_count = 2;
    memset(org0, 0, sizeof org0);
    org0[0].entity = &ent[2];
    org0[0].role = DOSSIER_ROLE_HOST;
    org0[1].entity = &ent[4];
    org0[1].role = DOSSIER_ROLE_CO_ORGANIZER;
    org0[2].entity = &ent[0];
    org0[2].role = DOSSIER_ROLE_SUPPORTER;
    org0[2].note = "through its Programme Office";
    memset(par0, 0, sizeof par0);
    par0[0].entity = &ent[3];
    par0[0].role = DOSSIER_ROLE_DELEGATION;
    par0[0].level = "deputy-minister";
    par0[1].entity = &ent[2];
    par0[1].role = DOSSIER_ROLE_SPEAKER;
    par0[2].entity = &ent[3];
    par0[2].role = DOSSIER_ROLE_DELEGATION; /* duplicate role: listed once */
    /* people on participations: a registry person twice in one event and
     * again in the next, a contact of the same event, an inline person */
    named0[0] = &per[3];
    named0[1] = &per[1];
    named0[2] = &inline_speaker;
    par0[0].people = named0;
    par0[0].person_count = 3;
    named2[0] = &per[3];
    par0[2].people = named2;
    par0[2].person_count = 1;
    for (i = 0; i < 3; i++) {
        org0p[i] = &org0[i];
        par0p[i] = &par0[i];
    }
    ev[0].organizers = org0p;
    ev[0].organizer_count = 3;
    ev[0].participants = par0p;
    ev[0].participant_count = 3;
    ev[0].attendance = no_attendance();
    ev[0].attendance.participants = 700;
    ev[0].attendance.countries = 40;
    ev[0].attendance.qualifier = "more-than";
    memset(st0, 0, sizeof st0);
    st0[0].speaker = &per[0];
    st0[0].text = "Terrorism knows no borders.";
    st0[0].medium = "speech";
    st0[1].speaker = &inline_speaker;
    st0[1].text = "Second quote";
    st0[1].context = "closing session";
    st0p[0] = &st0[0];
    st0p[1] = &st0[1];
    ev[0].statements = st0p;
    ev[0].statement_count = 2;
    memset(&out0, 0, sizeof out0);
    out0.kind = DOSSIER_OUTCOME_DECLARATION;
    out0.title = "Dushanbe Declaration";
    out0.adopted = D(2018, 5, 4);
    out0p[0] = &out0;
    ev[0].outcomes = out0p;
    ev[0].outcome_count = 1;
    memset(&fig0, 0, sizeof fig0);
    fig0.label = "Poppy cultivation, 2007";
    fig0.value = 193000;
    fig0.value_text = "193000";
    fig0.unit = "hectares";
    fig0.year = "2007";
    fig0p[0] = &fig0;
    ev[0].figures = fig0p;
    ev[0].figure_count = 1;
    memset(&con0, 0, sizeof con0);
    con0.name = "Vladimir Voronkov";
    con0.person = &per[1];
    con0.role = "press";
    con0.city = "New York";
    con0p[0] = &con0;
    ev[0].contacts = con0p;
    ev[0].contact_count = 1;
    memset(&src0, 0, sizeof src0);
    src0.title = "Press release";
    src0.publisher_entity = &ent[4];
    src0.published = D(2018, 5, 5);
    src0.url = "https://www.un.org/x";
    src0p[0] = &src0;
    ev[0].sources = src0p;
    ev[0].source_count = 1;
    ev[0].body = "## Background\n\nThe *first* paragraph, with `code`\nand a "
                 "[link](http://x.org).\n\nSecond paragraph.\n";
    ev[0].file = "events/2018.md";

    /* event 1: 2019, across months, explicit summary, related to event 0 */
    ev[1].id = "2019-vienna";
    ev[1].title = "Vienna Meeting";
    ev[1].kind = DOSSIER_EVENT_MEETING;
    ev[1].start = D(2019, 6, 30);
    ev[1].end = D(2019, 7, 1);
    ev[1].location.venue = "Hofburg";
    ev[1].location.city = "Vienna";
    ev[1].location.country = "AT";
    memset(org1, 0, sizeof org1);
    org1[0].entity = &ent[2];
    org1[0].role = DOSSIER_ROLE_ORGANIZER;
    named1[0] = &per[3];
    org1[0].people = named1;
    org1[0].person_count = 1;
    org1p[0] = &org1[0];
    ev[1].organizers = org1p;
    ev[1].organizer_count = 1;
    ev[1].attendance = no_attendance();
    ev[1].summary = "Explicit summary.";
    ev[1].body = "Body paragraph.";
    rel1[0] = &ev[0];
    ev[1].related = rel1;
    ev[1].related_count = 1;
    ev[1].file = "events/2019.md";

    /* event 2: one day, nothing else */
    ev[2].id = "2019-12-new-year";
    ev[2].title = "Year-end Workshop";
    ev[2].kind = DOSSIER_EVENT_WORKSHOP;
    ev[2].start = D(2019, 12, 31);
    ev[2].end = D(2020, 1, 2);
    ev[2].attendance = no_attendance();
    ev[2].body = "";
    ev[2].file = "events/2020.md";

    /* event 3: a single day (end == start), attendance without a qualifier */
    ev[3].id = "2020-03-16";
    ev[3].title = "Single Day";
    ev[3].kind = DOSSIER_EVENT_OTHER;
    ev[3].start = D(2020, 3, 16);
    ev[3].end = D(2020, 3, 16);
    ev[3].location.country = "XK"; /* no ISO name: text falls back to the code */
    ev[3].attendance = no_attendance();
    ev[3].attendance.participants = 1;
    ev[3].attendance.organizations = 12500;
    ev[3].body = "> quoted first\n>\n> still quote\n\nplain";
    ev[3].file = "events/2020b.md";
    for (i = 0; i < 4; i++) {
        ev[i].index = i;
        evs[i] = &ev[i];
    }

    memset(&m, 0, sizeof m);
    m.format = 1;
    m.title = "Counter-terrorism conferences";
    m.prepared_by_entity = &ent[1];
    m.classification = "Unclassified";
    m.language = "en";
    m.as_of = D(2026, 11, 22);
    m.period_start = D(2018, 5, 3);
    m.period_end = D(2020, 3, 16);
    m.entities = ents;
    m.entity_count = 5;
    m.people = pers;
    m.person_count = 4;
    m.events = evs;
    m.event_count = 4;

    if (dossier_data_from_model(&m, &data) != DOSSIER_OK)
        return 1;
    json = dossier_value_to_json(dossier_data_root(data), 2, NULL);
    if (!json)
        return 1;
    puts(json);
    free(json);
    dossier_data_free(data);
    return 0;
}

/* ---- synthetic bench ------------------------------------------------- */

static int bench(size_t n_events, size_t rows, double max_ms)
{
    size_t n_ent = 200, i, j;
    dossier_entity *e = calloc(n_ent, sizeof *e);
    const dossier_entity **ep = calloc(n_ent, sizeof *ep);
    dossier_event *evts = calloc(n_events, sizeof *evts);
    const dossier_event **evp = calloc(n_events, sizeof *evp);
    dossier_participation *parts = calloc(n_events * rows, sizeof *parts);
    const dossier_participation **pp = calloc(n_events * rows, sizeof *pp);
    char (*names)[32] = calloc(n_ent + n_events, sizeof *names);
    dossier_model m;
    dossier_data *data = NULL;
    struct timespec t0, t1;
    double ms;
    if (!e || !ep || !evts || !evp || !parts || !pp || !names)
        return 1;
    for (i = 0; i < n_ent; i++) {
        snprintf(names[i], sizeof names[i], "entity-%zu", i);
        e[i].id = names[i];
        e[i].name = names[i];
        e[i].kind = DOSSIER_ENTITY_OTHER;
        e[i].index = i;
        ep[i] = &e[i];
    }
    for (i = 0; i < n_events; i++) {
        snprintf(names[n_ent + i], sizeof names[0], "event-%zu", i);
        evts[i].id = names[n_ent + i];
        evts[i].title = names[n_ent + i];
        evts[i].start = D(2000 + (int)(i / 365) % 50, (int)(i / 28) % 12 + 1, (int)(i % 28) + 1);
        evts[i].end = evts[i].start;
        evts[i].attendance = no_attendance();
        evts[i].body = "A first paragraph of a few words, as press releases have.\n\n"
                       "Second paragraph.\n";
        evts[i].file = "events/x.md";
        for (j = 0; j < rows; j++) {
            dossier_participation *p = &parts[i * rows + j];
            p->entity = &e[(i * 7 + j) % n_ent];
            p->role = (dossier_role)(j % DOSSIER_ROLE_COUNT);
            pp[i * rows + j] = p;
        }
        evts[i].organizers = pp + i * rows;
        evts[i].organizer_count = rows / 3;
        evts[i].participants = pp + i * rows + rows / 3;
        evts[i].participant_count = rows - rows / 3;
        evts[i].index = i;
        evp[i] = &evts[i];
    }
    memset(&m, 0, sizeof m);
    m.format = 1;
    m.title = "bench";
    m.entities = ep;
    m.entity_count = n_ent;
    m.events = evp;
    m.event_count = n_events;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (dossier_data_from_model(&m, &data) != DOSSIER_OK)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("dossier_data_from_model: %zu events x %zu rows: %.1f ms\n", n_events, rows, ms);
    dossier_data_free(data);
    free(e);
    free(ep);
    free(evts);
    free(evp);
    free(parts);
    free(pp);
    free(names);
    if (max_ms > 0 && ms > max_ms) { /* 0: measure only (benchmarks) */
        fprintf(stderr, "FAIL: slower than %.0f ms\n", max_ms);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "sample") == 0)
        return sample();
    if (argc == 5 && strcmp(argv[1], "bench") == 0)
        return bench((size_t)atol(argv[2]), (size_t)atol(argv[3]), atof(argv[4]));
    fprintf(stderr, "usage: model_data_test sample | bench EVENTS ROWS MAX_MS\n");
    return 2;
}
