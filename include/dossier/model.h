/* model.h - the canonical event model, loaded and read-only.
 *
 * dossier_load() reads a dossier folder, single event files, or both, and
 * builds one immutable dossier_model. Every object in it is allocated by the
 * loader and freed with the model by dossier_model_free(); readers (the CLI,
 * plugins) only ever see const pointers that stay valid for the model's life.
 *
 * ABI: these structs are only ever allocated by the core. New fields are
 * appended at the end of a struct, never inserted, so a plugin compiled
 * against an older header keeps reading the fields it knows. Lists are arrays
 * of pointers for the same reason. Optional text is NULL when absent (never
 * ""), optional numbers use the documented "absent" value.
 *
 * Thread-safety: a loaded model is immutable; any number of threads may read
 * it concurrently. */
#ifndef DOSSIER_MODEL_H
#define DOSSIER_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "dossier/diag.h"
#include "dossier/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DOSSIER_FORMAT_VERSION 1

/* A calendar date; year == 0 means "absent". */
typedef struct dossier_date {
    int year;  /* e.g. 2022; 0 when absent */
    int month; /* 1..12 */
    int day;   /* 1..31 */
} dossier_date;

/* Where a model object was written: file path as given, 1-based line/col. */
typedef struct dossier_pos {
    const char *file;
    unsigned line;
    unsigned col;
} dossier_pos;

typedef enum dossier_entity_kind {
    DOSSIER_ENTITY_STATE = 0,
    DOSSIER_ENTITY_INTERNATIONAL_ORGANIZATION,
    DOSSIER_ENTITY_REGIONAL_ORGANIZATION,
    DOSSIER_ENTITY_GOVERNMENT_BODY,
    DOSSIER_ENTITY_FIELD_OPERATION,
    DOSSIER_ENTITY_UN_ENTITY,
    DOSSIER_ENTITY_NGO,
    DOSSIER_ENTITY_OTHER,
    DOSSIER_ENTITY_KIND_COUNT
} dossier_entity_kind;

typedef enum dossier_role {
    /* organizer roles */
    DOSSIER_ROLE_HOST = 0,
    DOSSIER_ROLE_ORGANIZER,
    DOSSIER_ROLE_CO_ORGANIZER,
    DOSSIER_ROLE_SUPPORTER,
    DOSSIER_ROLE_PARTNER,
    /* participant roles */
    DOSSIER_ROLE_DELEGATION,
    DOSSIER_ROLE_SPEAKER,
    DOSSIER_ROLE_CHAIR,
    DOSSIER_ROLE_OBSERVER,
    DOSSIER_ROLE_PARTICIPANT,
    DOSSIER_ROLE_COUNT
} dossier_role;

typedef enum dossier_event_kind {
    DOSSIER_EVENT_CONFERENCE = 0,
    DOSSIER_EVENT_HIGH_LEVEL_CONFERENCE,
    DOSSIER_EVENT_MEETING,
    DOSSIER_EVENT_WORKSHOP,
    DOSSIER_EVENT_OTHER,
    DOSSIER_EVENT_KIND_COUNT
} dossier_event_kind;

typedef enum dossier_outcome_kind {
    DOSSIER_OUTCOME_DECLARATION = 0,
    DOSSIER_OUTCOME_AGREEMENT,
    DOSSIER_OUTCOME_REPORT,
    DOSSIER_OUTCOME_OTHER,
    DOSSIER_OUTCOME_KIND_COUNT
} dossier_outcome_kind;

/* Organizer roles are host..partner; participant roles the rest. */
#define DOSSIER_ROLE_IS_ORGANIZER(r) ((r) <= DOSSIER_ROLE_PARTNER)

/* The spelling of each enum value as written in the input ("co-organizer",
 * "high-level-conference"...). Static strings; "" when out of range. These
 * are inline so plugins can use them without linking the core library. */
static inline const char *dossier_role_name(dossier_role role)
{
    static const char *const names[DOSSIER_ROLE_COUNT] = {
        "host", "organizer", "co-organizer", "supporter", "partner",
        "delegation", "speaker", "chair", "observer", "participant"};
    return ((unsigned)role < DOSSIER_ROLE_COUNT) ? names[role] : "";
}
static inline const char *dossier_entity_kind_name(dossier_entity_kind kind)
{
    static const char *const names[DOSSIER_ENTITY_KIND_COUNT] = {
        "state", "international-organization", "regional-organization",
        "government-body", "field-operation", "un-entity", "ngo", "other"};
    return ((unsigned)kind < DOSSIER_ENTITY_KIND_COUNT) ? names[kind] : "";
}
static inline const char *dossier_event_kind_name(dossier_event_kind kind)
{
    static const char *const names[DOSSIER_EVENT_KIND_COUNT] = {
        "conference", "high-level-conference", "meeting", "workshop", "other"};
    return ((unsigned)kind < DOSSIER_EVENT_KIND_COUNT) ? names[kind] : "";
}
static inline const char *dossier_outcome_kind_name(dossier_outcome_kind kind)
{
    static const char *const names[DOSSIER_OUTCOME_KIND_COUNT] = {
        "declaration", "agreement", "report", "other"};
    return ((unsigned)kind < DOSSIER_OUTCOME_KIND_COUNT) ? names[kind] : "";
}

typedef struct dossier_entity {
    const char *id;         /* registry id, or the ISO code for a state */
    const char *name;       /* display name, never NULL */
    const char *short_name; /* e.g. "OSCE"; NULL when absent */
    dossier_entity_kind kind;
    const struct dossier_entity *parent; /* NULL when absent */
    const char *country;    /* ISO alpha-2 or NULL */
    const char *url;        /* NULL when absent */
    int implicit;           /* 1: an ISO country used without declaration */
    size_t index;           /* position in dossier_model.entities */
    dossier_pos pos;        /* where declared (or first used, if implicit) */
} dossier_entity;

typedef struct dossier_person {
    const char *id;        /* registry id; NULL for a person written inline */
    const char *name;      /* never NULL */
    const char *honorific; /* "H.E. Mr.", "Ms."...; NULL when absent */
    const char *position;  /* NULL when absent */
    const dossier_entity *entity; /* affiliation; NULL when absent */
    const char *email;     /* NULL when absent */
    const char *phone;     /* NULL when absent */
    size_t index;          /* position in dossier_model.people; SIZE_MAX inline */
    dossier_pos pos;
} dossier_person;

typedef struct dossier_location {
    const char *venue;   /* NULL when absent */
    const char *city;    /* NULL when absent */
    const char *country; /* ISO alpha-2 or NULL */
    const char *address; /* NULL when absent */
} dossier_location;

/* One (entity, role) pair of an event; an entity with several roles in one
 * event appears once per role, in input order. */
typedef struct dossier_participation {
    const dossier_entity *entity; /* never NULL */
    dossier_role role;
    const char *level; /* e.g. "deputy-minister"; NULL when absent */
    const char *note;  /* NULL when absent */
    dossier_pos pos;
    /* People named as part of this participation without necessarily
     * speaking (a delegation's members): registry people or inline ones, in
     * input order. Empty (NULL, 0) when none. Appended: format 1 addition. */
    const dossier_person *const *people;
    size_t person_count;
} dossier_participation;

typedef struct dossier_attendance {
    long participants; /* -1 when absent */
    long countries;    /* -1 when absent */
    long organizations;/* -1 when absent */
    const char *qualifier; /* "more-than", "about", "over"...; NULL when absent */
} dossier_attendance;

typedef struct dossier_statement {
    const dossier_person *speaker; /* registry person or an inline one; never NULL */
    const char *medium;  /* "video message"...; NULL when absent */
    const char *text;    /* the quotation, never NULL */
    const char *context; /* NULL when absent */
    dossier_pos pos;
} dossier_statement;

typedef struct dossier_outcome {
    dossier_outcome_kind kind;
    const char *title;   /* never NULL */
    dossier_date adopted;/* year 0 when absent */
    const char *summary; /* NULL when absent */
    const char *url;     /* NULL when absent */
    dossier_pos pos;
} dossier_outcome;

typedef struct dossier_figure {
    const char *label;  /* never NULL */
    double value;       /* the number */
    const char *value_text; /* the number as written, e.g. "193000" */
    const char *unit;   /* NULL when absent */
    const char *year;   /* text, e.g. "2007"; NULL when absent */
    const char *note;   /* NULL when absent */
    dossier_pos pos;
} dossier_figure;

typedef struct dossier_contact {
    const char *name;     /* never NULL */
    const dossier_person *person; /* when the contact names a registry person */
    const dossier_entity *entity; /* NULL when absent */
    const char *role;     /* e.g. "press officer"; NULL when absent */
    const char *email;    /* NULL when absent */
    const char *phone;    /* NULL when absent */
    const char *city;     /* NULL when absent */
    dossier_pos pos;
} dossier_contact;

typedef struct dossier_source {
    const char *title;    /* never NULL */
    const char *publisher;/* display text; NULL when absent */
    const dossier_entity *publisher_entity; /* when publisher is an entity id */
    dossier_date published; /* year 0 when absent */
    const char *url;      /* NULL when absent */
    dossier_pos pos;
} dossier_source;

typedef struct dossier_event {
    const char *id;       /* unique in the model */
    const char *title;    /* never NULL */
    const char *short_title; /* NULL when absent */
    dossier_event_kind kind;
    const char *series;   /* NULL when absent */
    dossier_date start;   /* always present */
    dossier_date end;     /* == start when absent in the input */
    dossier_location location;
    const char *const *themes;   size_t theme_count;
    const char *const *audience; size_t audience_count;
    const dossier_participation *const *organizers;   size_t organizer_count;
    const dossier_participation *const *participants; size_t participant_count;
    dossier_attendance attendance;
    const dossier_statement *const *statements; size_t statement_count;
    const dossier_outcome *const *outcomes;     size_t outcome_count;
    const dossier_figure *const *figures;       size_t figure_count;
    const dossier_contact *const *contacts;     size_t contact_count;
    const dossier_source *const *sources;       size_t source_count;
    const struct dossier_event *const *related; size_t related_count;
    const char *summary;  /* explicit one-paragraph summary; NULL when absent */
    const char *body;     /* CommonMark narrative, "" when empty, never NULL */
    unsigned body_line;   /* line of the file where the body starts */
    const char *file;     /* the event's file */
    size_t index;         /* position in dossier_model.events */
    dossier_pos pos;
} dossier_event;

typedef struct dossier_model {
    int format;                 /* DOSSIER_FORMAT_VERSION */
    const char *title;          /* never NULL (falls back to the first event's) */
    const char *subtitle;       /* NULL when absent */
    const char *prepared_by;    /* display text; NULL when absent */
    const dossier_entity *prepared_by_entity; /* when an entity id */
    const char *classification; /* NULL when absent */
    const char *language;       /* "en" when absent */
    dossier_date as_of;         /* year 0 when absent */
    dossier_date period_start;  /* earliest event start */
    dossier_date period_end;    /* latest event end */
    /* Declared entities in registry order, then implicit countries in order
     * of first use. */
    const dossier_entity *const *entities; size_t entity_count;
    const dossier_person *const *people;   size_t person_count;
    /* Sorted by start date, then end date, then id. */
    const dossier_event *const *events;    size_t event_count;
    const char *root;           /* the dossier folder, or NULL for bare files */
} dossier_model;

/* Formats a date as ISO "YYYY-MM-DD" into buf; "" when absent. Returns buf. */
static inline char *dossier_date_format(dossier_date d, char buf[11])
{
    if (d.year <= 0 || d.year > 9999 || d.month < 1 || d.month > 12 ||
        d.day < 1 || d.day > 31) {
        buf[0] = '\0';
        return buf;
    }
    buf[0] = (char)('0' + d.year / 1000);
    buf[1] = (char)('0' + d.year / 100 % 10);
    buf[2] = (char)('0' + d.year / 10 % 10);
    buf[3] = (char)('0' + d.year % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + d.month / 10);
    buf[6] = (char)('0' + d.month % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d.day / 10);
    buf[9] = (char)('0' + d.day % 10);
    buf[10] = '\0';
    return buf;
}

/* Compares two dates like strcmp; an absent date sorts first. */
static inline int dossier_date_compare(dossier_date a, dossier_date b)
{
    long ka = (long)a.year * 10000 + a.month * 100 + a.day;
    long kb = (long)b.year * 10000 + b.month * 100 + b.day;
    return (ka > kb) - (ka < kb);
}

#ifdef __cplusplus
}
#endif
#endif
