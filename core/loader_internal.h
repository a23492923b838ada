/* loader_internal.h - state and helpers shared by the loader's files.
 *
 * Loading is one pass over the files (registry first, then events in sorted
 * path order) that builds model objects directly, followed by a resolve
 * pass (related events, sorting, indexes). Every check reports a located
 * diagnostic and carries on, so one run reports all errors. Each file's YAML
 * tree lives in its own arena, freed once the file's objects are built; the
 * model keeps only copies. */
#ifndef DOSSIER_LOADER_INTERNAL_H
#define DOSSIER_LOADER_INTERNAL_H

#include <stddef.h>

#include "arena_internal.h"
#include "dossier/loader.h"
#include "dossier/model.h"
#include "yaml_internal.h"

/* ---- small containers ---- */

/* String-keyed hash map (keys are not copied: they must outlive the map). */
typedef struct dossier_strmap {
    const char **keys;
    void **vals;
    size_t count, cap;
} dossier_strmap;

void *dossier_strmap_get(const dossier_strmap *m, const char *key);
int dossier_strmap_put(dossier_strmap *m, const char *key, void *val);
void dossier_strmap_free(dossier_strmap *m);

/* Growable array of pointers (malloc'd). */
typedef struct dossier_ptrvec {
    void **items;
    size_t count, cap;
} dossier_ptrvec;

int dossier_ptrvec_push(dossier_ptrvec *v, void *p);
void dossier_ptrvec_free(dossier_ptrvec *v);

/* ---- the model as allocated ---- */

typedef struct dossier_model_impl {
    dossier_model pub; /* first: the public pointer is the impl pointer */
    dossier_arena arena;
    const dossier_entity **entity_index; /* sorted by id, for bsearch */
    const dossier_person **person_index;
    const dossier_event **event_index;
} dossier_model_impl;

/* A related-event reference, resolved once every event is known. */
typedef struct dossier_pending_ref {
    dossier_event *event;
    size_t slot; /* index into event->related */
    const char *id;
    dossier_pos pos;
} dossier_pending_ref;

typedef struct dossier_loader {
    dossier_model_impl *m;
    dossier_arena *arena; /* the model's */
    dossier_limits lim;
    dossier_diags *diags;
    const char *file;     /* current file (model arena copy) */
    int meta_seen;        /* collection metadata already taken */
    int nomem;
    int limit;            /* some input exceeded a limit: DOSSIER_ERR_LIMIT */
    size_t event_total;   /* events seen, stored or not (max_events) */
    /* Per-file cap on diagnostics: a hostile file with a million bad keys
     * must not produce a million messages (time, memory). */
    size_t file_diags, more_errors, more_warnings;
    size_t hint_budget;   /* candidate comparisons left for "did you mean" */
    dossier_strmap entity_ids, person_ids, event_ids;
    dossier_ptrvec declared, implicit, people, events, pending;
} dossier_loader;

/* ---- diagnostics ---- */

#define DOSSIER_LD_MAX_FILE_DIAGS 100

/* Brackets the work on one file: resets the cap, then reports what it hid. */
void dossier_ld_file_begin(dossier_loader *L, const char *path);
void dossier_ld_file_end(dossier_loader *L);
/* 1 when another diagnostic for the current file would be shown; otherwise
 * counts it as hidden (errors still fail the load). */
int dossier_ld_diag_room(dossier_loader *L, dossier_severity sev);

void dossier_ld_error(dossier_loader *L, const dossier_ynode *at, const char *hint,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void dossier_ld_warning(dossier_loader *L, const dossier_ynode *at, const char *hint,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void dossier_ld_error_pos(dossier_loader *L, dossier_pos pos, const char *hint,
                          const char *fmt, ...) __attribute__((format(printf, 4, 5)));
dossier_pos dossier_ld_pos(const dossier_loader *L, const dossier_ynode *n);

/* 1 (and charges the budget) when a "did you mean" search over `n`
 * candidates is still affordable: hints must not make a hostile input with
 * thousands of bad references quadratic. */
int dossier_ld_hint_afford(dossier_loader *L, size_t n);

/* ---- typed fields (loader_fields.c) ----
 * Each getter takes the mapping and the key; an absent key or YAML null
 * gives the "absent" value without a diagnostic; a value of the wrong type is
 * an error ("expected X for 'key', found Y") and also gives "absent". */

/* Edit distance, stopping early above `max` (returns max + 1 then). */
size_t dossier_edit_distance(const char *a, const char *b, size_t max);
/* The candidate closest to `word` within a length-scaled distance, or NULL. */
const char *dossier_closest(const char *word, const char *const *cands, size_t n);

/* Warns about keys not in `known` (NULL-terminated), with hints. */
void dossier_ld_check_keys(dossier_loader *L, const dossier_ynode *map,
                           const char *const *known, const char *what);
/* 1 when `n` is a mapping; otherwise reports "expected a mapping" and 0. */
int dossier_ld_expect_map(dossier_loader *L, const dossier_ynode *n, const char *key);
/* Optional text: copied into the model arena; NULL when absent or "". */
const char *dossier_ld_text(dossier_loader *L, const dossier_ynode *map, const char *key);
/* Required text: reports "missing required key" at the mapping. */
const char *dossier_ld_required_text(dossier_loader *L, const dossier_ynode *map,
                                     const char *key, const char *what);
/* Text of a scalar node (copy), or NULL with an error for other kinds. */
const char *dossier_ld_scalar_text(dossier_loader *L, const dossier_ynode *n,
                                   const char *key);
/* A date YYYY-MM-DD; returns 1 when present and valid. */
int dossier_ld_date(dossier_loader *L, const dossier_ynode *map, const char *key,
                    dossier_date *out);
/* A whole number >= 0, or -1 when absent/invalid. */
long dossier_ld_count(dossier_loader *L, const dossier_ynode *map, const char *key);
/* An enum by spelling; `names` has `count` entries. Returns the index, or
 * `dflt` when absent or invalid. */
int dossier_ld_enum(dossier_loader *L, const dossier_ynode *map, const char *key,
                    const char *what, const char *const *names, int count, int dflt);
/* The hint for an unknown enum spelling: "did you mean 'x'?" or the list. */
const char *dossier_ld_enum_hint(dossier_loader *L, const char *word,
                                 const char *const *names, int count);
/* A list of text (a single scalar counts as a one-item list). */
const char *const *dossier_ld_text_list(dossier_loader *L, const dossier_ynode *map,
                                        const char *key, size_t *count);
/* Checks an id's shape (non-empty, no whitespace); returns the copy or NULL. */
const char *dossier_ld_id(dossier_loader *L, const dossier_ynode *n, const char *what);
/* Copies a string into the model arena (sets nomem on failure). */
const char *dossier_ld_strdup(dossier_loader *L, const char *s);
void *dossier_ld_alloc(dossier_loader *L, size_t size);

/* ---- registry and references (loader_registry.c) ---- */

/* Checks `format` (absent or 1). */
void dossier_ld_format(dossier_loader *L, const dossier_ynode *map);
/* Reads dossier.yaml's root mapping: collection metadata, entities, people. */
void dossier_ld_registry(dossier_loader *L, const dossier_ynode *root);
/* Resolves an entity reference (an id, an ISO code, or an inline mapping).
 * Returns NULL after reporting an error. */
const dossier_entity *dossier_ld_entity_ref(dossier_loader *L, const dossier_ynode *n,
                                            const char *key);
/* Looks an id up without reporting: declared entity, else ISO country
 * (created implicitly at `at`), else NULL. */
const dossier_entity *dossier_ld_entity_lookup(dossier_loader *L, const char *id,
                                               const dossier_ynode *at);
/* Resolves a person reference (a registry id or an inline mapping). */
const dossier_person *dossier_ld_person_ref(dossier_loader *L, const dossier_ynode *n,
                                            const char *key);
/* Checks an ISO 3166-1 alpha-2 `country` field; returns the copy or NULL. */
const char *dossier_ld_country(dossier_loader *L, const dossier_ynode *map, const char *key);

/* ---- events (loader_event.c, loader_event_parts.c) ---- */

/* A list-valued key: the sequence node, NULL when absent (an error when
 * the value is not a list). */
const dossier_ynode *dossier_ld_list(dossier_loader *L, const dossier_ynode *map,
                                     const char *key);
/* Builds one event from its field mapping (`root` may be NULL: empty front
 * matter). `body` is NULL for YAML/JSON events (then a body: key is read).
 * `stem` is the default id; `first_line` locates file-level errors. */
void dossier_ld_event(dossier_loader *L, const dossier_ynode *root, const char *stem,
                      const char *body, unsigned body_line);
void dossier_ld_participations(dossier_loader *L, const dossier_ynode *map,
                               const char *key, int organizers, dossier_event *ev);
void dossier_ld_statements(dossier_loader *L, const dossier_ynode *map, dossier_event *ev);
void dossier_ld_outcomes(dossier_loader *L, const dossier_ynode *map, dossier_event *ev);
void dossier_ld_figures(dossier_loader *L, const dossier_ynode *map, dossier_event *ev);
void dossier_ld_contacts(dossier_loader *L, const dossier_ynode *map, dossier_event *ev);
void dossier_ld_sources(dossier_loader *L, const dossier_ynode *map, dossier_event *ev);

/* ---- finishing (loader_model.c) ---- */

/* Resolves related events, sorts, indexes; returns 0 or -1 on NOMEM. */
int dossier_ld_finish(dossier_loader *L);

/* ---- parsing files (loader_parse.c) ---- */

/* One file's parse: filled by dossier_parse_file() (possibly on a worker
 * thread), consumed by the loading thread. */
typedef struct dossier_parsed {
    const char *path;   /* set by the caller (model arena) */
    int markdown;       /* set by the caller: split front matter */
    char *text;         /* the file (malloc'd) */
    size_t text_len;
    dossier_arena arena;/* the tree */
    const dossier_ynode *root;
    const char *body;   /* Markdown: text after the front matter */
    unsigned body_line;
    int ok;             /* root usable (maybe after duplicate-key errors) */
    int nomem;
    int limit;          /* a configured limit was exceeded */
    int done;           /* parallel bookkeeping */
    dossier_diags *diags; /* this file's diagnostics */
} dossier_parsed;

void dossier_parse_file(dossier_parsed *p, const dossier_limits *lim);
/* Copies p's diagnostics to the loader's list (in order). */
void dossier_parsed_take_diags(dossier_loader *L, dossier_parsed *p);
void dossier_parsed_release(dossier_parsed *p);
/* Parses `count` files (on worker threads when there are many) and calls
 * `consume` for each in index order on the calling thread; releases them. */
void dossier_parse_many(dossier_loader *L, dossier_parsed *items, size_t count,
                        void (*consume)(dossier_loader *L, dossier_parsed *p));

/* ---- files (loader_input.c) ---- */

/* Loads one input path (folder or event file) into the loader. */
void dossier_ld_input(dossier_loader *L, const char *path);

#endif
