/* model_data_test.c - dossier_data_from_model on hand-built models.
 *   model_data_test sample     prints the data view of a small model as
 *                              JSON (check_model_json.py asserts on it)
 *   model_data_test bench N M  N events x M participation rows: prints the
 *                              conversion time; fails above a generous bound
 *   model_data_test share      repeated values are one object in the view
 *                              (rows with a level or note, speakers, people
 *                              on rows, people's index entries), with the
 *                              right contents */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier/model.h"
#include "dossier/value.h"

#include <cmark.h>

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

/* ---- sharing ------------------------------------------------------------ */

static int share_failures;
#define SHARE_CHECK(cond, ...)                                                 \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "FAIL line %d: ", __LINE__);                       \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            share_failures++;                                                  \
        }                                                                      \
    } while (0)

static const dossier_value *at(const dossier_value *v, size_t i)
{
    return v && v->type == DOSSIER_VALUE_ARRAY && i < v->count ? &v->u.items[i]
                                                                : NULL;
}

static const char *field(const dossier_value *v, const char *k)
{
    return dossier_value_string(dossier_value_get(v, k), "(null)");
}

static int same_object(const dossier_value *a, const dossier_value *b)
{
    return a && b && a->type == DOSSIER_VALUE_OBJECT &&
           b->type == DOSSIER_VALUE_OBJECT && a->u.members == b->u.members;
}

#define SHARE_EVENTS 3
#define SHARE_ROWS 6
#define SHARE_LEVELS 3000 /* distinct levels in the last event: table grows */

static int share(void)
{
    static dossier_entity e[2];
    static const dossier_entity *ep[2];
    static dossier_person p[2], guest;
    static const dossier_person *pp[2], *named[1];
    static dossier_event evt[SHARE_EVENTS + 1];
    static const dossier_event *evp[SHARE_EVENTS + 1];
    static dossier_participation rows[SHARE_EVENTS][SHARE_ROWS];
    static const dossier_participation *rowp[SHARE_EVENTS][SHARE_ROWS];
    static dossier_participation many[SHARE_LEVELS];
    static const dossier_participation *manyp[SHARE_LEVELS];
    static char levels[SHARE_LEVELS][16];
    static dossier_statement st[SHARE_EVENTS][2];
    static const dossier_statement *stp[SHARE_EVENTS][2];
    static dossier_contact con[SHARE_EVENTS];
    static const dossier_contact *conp[SHARE_EVENTS][1];
    dossier_model m;
    dossier_data *data = NULL;
    const dossier_value *root, *events, *people;
    size_t i, k;

    for (i = 0; i < 2; i++) {
        e[i].id = i ? "e1" : "e0";
        e[i].name = i ? "Entity One" : "Entity Zero";
        e[i].index = i;
        ep[i] = &e[i];
        p[i].id = i ? "p1" : "p0";
        p[i].name = i ? "Person One" : "Person Zero";
        p[i].honorific = i ? NULL : "Dr.";
        p[i].entity = &e[i];
        p[i].index = i;
        pp[i] = &p[i];
    }
    guest.name = "Guest";
    guest.index = SIZE_MAX;
    named[0] = &p[0];
    for (k = 0; k < SHARE_EVENTS; k++) {
        dossier_participation *r = rows[k];
        for (i = 0; i < SHARE_ROWS; i++) {
            r[i].entity = &e[0];
            r[i].role = DOSSIER_ROLE_DELEGATION;
            rowp[k][i] = &r[i];
        }
        r[0].level = k ? "minister" : "minister"; /* equal text */
        r[1].level = "expert";
        r[2].note = "a note";
        r[3].entity = &e[1];
        r[3].level = "minister";
        r[5].level = "minister";
        r[5].people = named;
        r[5].person_count = 1;
        st[k][0].speaker = &p[0];
        st[k][0].text = "quote";
        st[k][1].speaker = &guest;
        st[k][1].text = "guest quote";
        stp[k][0] = &st[k][0];
        stp[k][1] = &st[k][1];
        con[k].name = "Contact";
        con[k].person = &p[1];
        conp[k][0] = &con[k];
        evt[k].id = k == 0 ? "ev0" : k == 1 ? "ev1" : "ev2";
        evt[k].title = evt[k].id;
        evt[k].start = D(2020, 1, (int)k + 1);
        evt[k].attendance = no_attendance();
        evt[k].participants = rowp[k];
        evt[k].participant_count = SHARE_ROWS;
        evt[k].statements = stp[k];
        evt[k].statement_count = 2;
        evt[k].contacts = conp[k];
        evt[k].contact_count = 1;
        evt[k].body = "";
        evt[k].index = k;
        evp[k] = &evt[k];
    }
    for (i = 0; i < SHARE_LEVELS; i++) {
        snprintf(levels[i], sizeof levels[i], "level-%zu", i);
        many[i].entity = &e[i % 2];
        many[i].role = DOSSIER_ROLE_DELEGATION;
        many[i].level = levels[i];
        manyp[i] = &many[i];
    }
    evt[SHARE_EVENTS].id = "many";
    evt[SHARE_EVENTS].title = "many";
    evt[SHARE_EVENTS].start = D(2021, 1, 1);
    evt[SHARE_EVENTS].attendance = no_attendance();
    evt[SHARE_EVENTS].participants = manyp;
    evt[SHARE_EVENTS].participant_count = SHARE_LEVELS;
    evt[SHARE_EVENTS].body = "";
    evt[SHARE_EVENTS].index = SHARE_EVENTS;
    evp[SHARE_EVENTS] = &evt[SHARE_EVENTS];

    memset(&m, 0, sizeof m);
    m.format = 1;
    m.entities = ep;
    m.entity_count = 2;
    m.people = pp;
    m.person_count = 2;
    m.events = evp;
    m.event_count = SHARE_EVENTS + 1;
    if (dossier_data_from_model(&m, &data) != DOSSIER_OK)
        return 1;
    root = dossier_data_root(data);
    events = dossier_value_get(root, "events");
    people = dossier_value_get(root, "people");
    for (k = 0; k < SHARE_EVENTS; k++) {
        const dossier_value *parts = dossier_value_get(at(events, k), "participants");
        const dossier_value *parts0 = dossier_value_get(at(events, 0), "participants");
        const dossier_value *sts = dossier_value_get(at(events, k), "statements");
        const dossier_value *sts0 = dossier_value_get(at(events, 0), "statements");
        SHARE_CHECK(!strcmp(field(at(parts, 0), "level"), "minister") &&
                        !strcmp(field(at(parts, 0), "entity"), "e0") &&
                        !strcmp(field(at(parts, 1), "level"), "expert") &&
                        !strcmp(field(at(parts, 2), "note"), "a note") &&
                        !strcmp(field(at(parts, 2), "level"), "(null)") &&
                        !strcmp(field(at(parts, 3), "entity"), "e1") &&
                        !strcmp(field(at(parts, 3), "level"), "minister") &&
                        !strcmp(field(at(parts, 4), "level"), "(null)"),
                    "event %zu: row contents", k);
        /* one object per (entity, role, level, note) */
        for (i = 0; i < 5; i++)
            SHARE_CHECK(same_object(at(parts, i), at(parts0, i)),
                        "event %zu row %zu not shared with event 0", k, i);
        SHARE_CHECK(!same_object(at(parts, 0), at(parts, 1)) &&
                        !same_object(at(parts, 0), at(parts, 2)) &&
                        !same_object(at(parts, 0), at(parts, 3)) &&
                        !same_object(at(parts, 0), at(parts, 4)),
                    "event %zu: different rows share an object", k);
        /* a row naming people is its own, the person in it is shared */
        if (k > 0) {
            const dossier_value *who = dossier_value_get(at(parts, 5), "people");
            const dossier_value *who0 = dossier_value_get(at(parts0, 5), "people");
            SHARE_CHECK(!same_object(at(parts, 5), at(parts0, 5)),
                        "row with people shared");
            SHARE_CHECK(same_object(at(who, 0), at(who0, 0)) &&
                            !strcmp(field(at(who, 0), "display_name"),
                                    "Dr. Person Zero"),
                        "person on a row not shared or wrong");
            SHARE_CHECK(same_object(dossier_value_get(at(sts, 0), "speaker"),
                                    dossier_value_get(at(sts0, 0), "speaker")),
                        "speaker not shared");
        }
        SHARE_CHECK(!strcmp(field(dossier_value_get(at(sts, 0), "speaker"),
                                  "entity_name"), "Entity Zero") &&
                        !strcmp(field(dossier_value_get(at(sts, 1), "speaker"),
                                      "name"), "Guest"),
                    "event %zu: speakers", k);
        /* people's index: p0 (speaker) and p1 (contact) share event k's entry */
        {
            const dossier_value *a = at(dossier_value_get(at(people, 0), "events"), k);
            const dossier_value *b = at(dossier_value_get(at(people, 1), "events"), k);
            SHARE_CHECK(same_object(a, b) && !strcmp(field(a, "id"), evt[k].id),
                        "event %zu: people's index entries", k);
        }
    }
    {
        const dossier_value *parts = dossier_value_get(at(events, SHARE_EVENTS),
                                                       "participants");
        for (i = 0; i < SHARE_LEVELS; i++)
            if (strcmp(field(at(parts, i), "level"), levels[i]) != 0 ||
                strcmp(field(at(parts, i), "entity"), i % 2 ? "e1" : "e0") != 0) {
                SHARE_CHECK(0, "row %zu of %d distinct levels is wrong", i,
                            SHARE_LEVELS);
                break;
            }
    }
    dossier_data_free(data);
    if (share_failures)
        return 1;
    printf("sharing: rows, speakers, people and index entries shared\n");
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
            if (j % 5 == 0) /* levels: a small vocabulary, rows shared */
                p->level = j % 2 ? "minister" : "expert";
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

/* ---- summaries: the first paragraph, found without parsing the rest ---- */

/* What humanize.c's dossier_first_paragraph makes of the WHOLE body. */
static char *whole_first_paragraph(const char *body)
{
    cmark_node *doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type cev;
    cmark_node *para = NULL;
    char *out = calloc(1, strlen(body) * 2 + 2);
    size_t n;
    while ((cev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (cev == CMARK_EVENT_ENTER &&
            cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_PARAGRAPH) {
            para = cmark_iter_get_node(it);
            break;
        }
    cmark_iter_free(it);
    if (para) {
        it = cmark_iter_new(para);
        while ((cev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *c = cmark_iter_get_node(it);
            cmark_node_type t = cmark_node_get_type(c);
            if (cev != CMARK_EVENT_ENTER)
                continue;
            if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
                strcat(out, cmark_node_get_literal(c));
            else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
                strcat(out, " ");
        }
        cmark_iter_free(it);
    }
    cmark_node_free(doc);
    n = strlen(out);
    while (n > 0 && out[n - 1] == ' ')
        out[--n] = '\0';
    if (n == 0) {
        free(out);
        return NULL;
    }
    return out;
}

static int summaries(void)
{
    static const char *bodies[] = {
        "Para one\nline two\n\nPara two",
        "# Heading\n\nFirst para.\n\nSecond",
        "```\ncode\n\nmore\n```\n\nAfter fence",
        "```\nunclosed fence\n\nstill code",
        "[x]\n\n[x]: /url",
        "Para with [ref] in it\n\nmore\n\n[ref]: http://x.org",
        "- item one\n\n  continued\n\nafter",
        "- tight\n- list\n\nafter",
        "1. item\n\n2. item\n\npara",
        "> quote\nlazy\n\nplain",
        "   \n\n  Indented para\n\nnext",
        "    code\n\n    code2\n\npara",
        "<div>\nhtml\n\n</div>\n\ntext",
        "<!--\ncomment\n\nstill\n-->\n\npara",
        "<pre>\nx\n\ny\n</pre>\n\nz",
        "Setext\n===\n\npara",
        "Setext two\n---\nno blank\n\nnext",
        "line\r\nline2\r\n\r\nx",
        "a lone\rcarriage\r\rreturn\n\nz",
        "*emph* and `code`  \nhard break\n\nnext",
        "\t\n \nFirst\n\n",
        "Title\n\t\nNext",
        "paragraph\n    \nnext",
        "&#10;entity &amp; more\n\nb",
        "![alt *text*](/img.png)\n\nafter",
        "`code\n\nspan`",
        "*emphasis\n\nnot closed*",
        "A\n\n",
        "only",
        "",
        "   \n\t\n",
        "\n\n\nlate first\n\nsecond",
        "\\\n\nescaped",
        "text\n\x0b\nvertical tab line",
    };
    enum { N = sizeof bodies / sizeof bodies[0] };
    static dossier_event evts[N];
    static const dossier_event *evp[N];
    static char ids[N][16];
    dossier_model m;
    dossier_data *data = NULL;
    const dossier_value *events;
    size_t i;
    int fails = 0;
    for (i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "ev-%02zu", i);
        evts[i].id = ids[i];
        evts[i].title = ids[i];
        evts[i].start = D(2020, 1, (int)i % 28 + 1);
        evts[i].end = evts[i].start;
        evts[i].attendance = no_attendance();
        evts[i].body = bodies[i];
        evts[i].file = "events/x.md";
        evts[i].index = i;
        evp[i] = &evts[i];
    }
    memset(&m, 0, sizeof m);
    m.format = 1;
    m.title = "summaries";
    m.events = evp;
    m.event_count = N;
    if (dossier_data_from_model(&m, &data) != DOSSIER_OK) {
        fprintf(stderr, "FAIL: dossier_data_from_model\n");
        return 1;
    }
    events = dossier_value_get(dossier_data_root(data), "events");
    for (i = 0; i < N; i++) {
        const dossier_value *e1 = &events->u.items[i];
        const dossier_value *sum = dossier_value_get(e1, "summary");
        char *want = whole_first_paragraph(bodies[i]);
        const char *got = sum && sum->type == DOSSIER_VALUE_STRING ? sum->u.string : NULL;
        if (strcmp(dossier_value_get(e1, "id")->u.string, ids[i]) != 0 ||
            (want ? !got || strcmp(got, want) != 0
                  : !sum || sum->type != DOSSIER_VALUE_NULL)) {
            fprintf(stderr, "FAIL summary of body %zu: got \"%s\", want \"%s\"\n",
                    i, got ? got : "(null)", want ? want : "(null)");
            fails++;
        }
        free(want);
    }
    dossier_data_free(data);
    if (fails)
        return 1;
    printf("summaries: %d bodies, each the whole body's first paragraph\n", (int)N);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "sample") == 0)
        return sample();
    if (argc == 2 && strcmp(argv[1], "share") == 0)
        return share();
    if (argc == 2 && strcmp(argv[1], "summaries") == 0)
        return summaries();
    if (argc == 5 && strcmp(argv[1], "bench") == 0)
        return bench((size_t)atol(argv[2]), (size_t)atol(argv[3]), atof(argv[4]));
    fprintf(stderr, "usage: model_data_test sample | share | summaries | bench EVENTS ROWS MAX_MS\n");
    return 2;
}
