/* loader_fields.c - typed field getters with "expected X, found Y" errors
 * and "did you mean" hints (see loader_internal.h). */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_internal.h"

/* Optimal string alignment distance (a transposition costs 1, so "titel"
 * is one edit from "title"), case-insensitive; gives up above `max`. */
size_t dossier_edit_distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b), i, j, best;
    size_t *base, *d0, *d1, *d2, *t, out;
    if (la > 64 || lb > 64)
        return max + 1; /* keys and ids are short; skip long text */
    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    base = d0 = calloc(3 * (lb + 1), sizeof(*d0));
    if (!base)
        return max + 1;
    d1 = d0 + lb + 1;
    d2 = d1 + lb + 1;
    /* d2 = row i-2, d1 = row i-1, d0 = row i (rotated below) */
    for (j = 0; j <= lb; j++)
        d1[j] = j;
    for (i = 1; i <= la; i++) {
        d0[0] = i;
        best = d0[0];
        for (j = 1; j <= lb; j++) {
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t v = d1[j] + 1;
            if (d0[j - 1] + 1 < v)
                v = d0[j - 1] + 1;
            if (d1[j - 1] + cost < v)
                v = d1[j - 1] + cost;
            if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
                d2[j - 2] + 1 < v)
                v = d2[j - 2] + 1;
            d0[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max) {
            free(base);
            return max + 1;
        }
        t = d2;
        d2 = d1;
        d1 = d0;
        d0 = t;
    }
    out = d1[lb];
    free(base);
    return out;
}

const char *dossier_closest(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word), max = len <= 3 ? 1 : len <= 6 ? 2 : 3, i;
    size_t best = max + 1;
    const char *pick = NULL;
    for (i = 0; i < n; i++) {
        size_t d = dossier_edit_distance(word, cands[i], max);
        if (d < best) {
            best = d;
            pick = cands[i];
        }
    }
    return pick;
}

/* A few words people write for a known key, mapped to it. */
static const char *const synonyms[][2] = {
    {"date", "start"},        {"start_date", "start"}, {"end_date", "end"},
    {"name", "title"},        {"type", "kind"},        {"tags", "themes"},
    {"topics", "themes"},     {"place", "location"},   {"speaker", "person"},
    {"quote", "text"},        {"abbreviation", "short"}, {"short_name", "short"},
    {"link", "url"},          {"href", "url"},         {"organisers", "organizers"},
    {"organiser", "organizers"}, {"organizer", "organizers"},
    {"participant", "participants"}, {"title_short", "short_title"},
};

static int in_list(const char *word, const char *const *known)
{
    size_t i;
    for (i = 0; known[i]; i++)
        if (word[0] == known[i][0] && strcmp(word, known[i]) == 0)
            return 1;
    return 0;
}

void dossier_ld_check_keys(dossier_loader *L, const dossier_ynode *map,
                           const char *const *known, const char *what)
{
    size_t i, j, n = 0;
    if (!map || map->kind != DOSSIER_YNODE_MAPPING)
        return;
    while (known[n])
        n++;
    for (i = 0; i < map->len; i++) {
        const dossier_ynode *k = map->pairs[i].key;
        const char *pick;
        char hint[160];
        if (in_list(k->text, known))
            continue;
        if (L->file_diags >= DOSSIER_LD_MAX_FILE_DIAGS) { /* hidden: skip the hint search */
            dossier_ld_diag_room(L, DOSSIER_SEV_WARNING);
            continue;
        }
        pick = dossier_closest(k->text, known, n);
        for (j = 0; !pick && j < sizeof(synonyms) / sizeof(synonyms[0]); j++)
            if (strcmp(k->text, synonyms[j][0]) == 0 && in_list(synonyms[j][1], known))
                pick = synonyms[j][1];
        if (pick)
            snprintf(hint, sizeof(hint), "did you mean '%s'?", pick);
        dossier_ld_warning(L, k, pick ? hint : NULL, "unknown key '%s' in %s", k->text, what);
    }
}

int dossier_ld_expect_map(dossier_loader *L, const dossier_ynode *n, const char *key)
{
    if (n && n->kind == DOSSIER_YNODE_MAPPING)
        return 1;
    dossier_ld_error(L, n, NULL, "expected a mapping for '%s', found %s", key,
                     dossier_ynode_kind_text(n));
    return 0;
}

const char *dossier_ld_scalar_text(dossier_loader *L, const dossier_ynode *n, const char *key)
{
    char *p;
    if (!n || dossier_ynode_is_null(n))
        return NULL;
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected text for '%s', found %s", key,
                         dossier_ynode_kind_text(n));
        return NULL;
    }
    if (n->len == 0)
        return NULL;
    p = dossier_arena_strndup(L->arena, n->text, n->len);
    if (!p)
        L->nomem = 1;
    return p;
}

const char *dossier_ld_text(dossier_loader *L, const dossier_ynode *map, const char *key)
{
    return dossier_ld_scalar_text(L, dossier_ynode_get(map, key), key);
}

const char *dossier_ld_required_text(dossier_loader *L, const dossier_ynode *map,
                                     const char *key, const char *what)
{
    const dossier_ynode *n = dossier_ynode_get(map, key);
    const char *s;
    if (!n || dossier_ynode_is_null(n)) {
        dossier_ld_error(L, n ? n : map, NULL, "missing required key '%s' in %s", key, what);
        return NULL;
    }
    s = dossier_ld_scalar_text(L, n, key);
    if (!s && n->kind == DOSSIER_YNODE_SCALAR)
        dossier_ld_error(L, n, NULL, "'%s' must not be empty", key);
    return s;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

static int digits(const char *s, int n)
{
    int i, v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int dossier_ld_date(dossier_loader *L, const dossier_ynode *map, const char *key,
                    dossier_date *out)
{
    const dossier_ynode *n = dossier_ynode_get(map, key);
    int y, m, d;
    memset(out, 0, sizeof(*out));
    if (!n || dossier_ynode_is_null(n))
        return 0;
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected a date (YYYY-MM-DD) for '%s', found %s", key,
                         dossier_ynode_kind_text(n));
        return 0;
    }
    if (n->len != 10 || n->text[4] != '-' || n->text[7] != '-' ||
        (y = digits(n->text, 4)) < 0 || (m = digits(n->text + 5, 2)) < 0 ||
        (d = digits(n->text + 8, 2)) < 0) {
        dossier_ld_error(L, n, "write dates as YYYY-MM-DD, e.g. 2022-10-18",
                         "expected a date (YYYY-MM-DD) for '%s', found '%s'", key, n->text);
        return 0;
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        dossier_ld_error(L, n, NULL, "'%s' for '%s' is not a real calendar date", n->text, key);
        return 0;
    }
    out->year = y;
    out->month = m;
    out->day = d;
    return 1;
}

long dossier_ld_count(dossier_loader *L, const dossier_ynode *map, const char *key)
{
    const dossier_ynode *n = dossier_ynode_get(map, key);
    long v = 0;
    size_t i;
    if (!n || dossier_ynode_is_null(n))
        return -1;
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected a whole number for '%s', found %s", key,
                         dossier_ynode_kind_text(n));
        return -1;
    }
    for (i = 0; i < n->len; i++) {
        if (n->text[i] < '0' || n->text[i] > '9' || v > (LONG_MAX - 9) / 10) {
            const char *hint = NULL;
            if (strpbrk(n->text, "+~<>"))
                hint = "write only the number and add qualifier: more-than";
            else if (strchr(n->text, ','))
                hint = "write numbers without thousands separators";
            dossier_ld_error(L, n, hint, "expected a whole number for '%s', found '%s'", key,
                             n->text);
            return -1;
        }
        v = v * 10 + (n->text[i] - '0');
    }
    if (n->len == 0) {
        dossier_ld_error(L, n, NULL, "expected a whole number for '%s', found ''", key);
        return -1;
    }
    return v;
}

const char *dossier_ld_enum_hint(dossier_loader *L, const char *word,
                                 const char *const *names, int count)
{
    const char *pick = dossier_closest(word, names, (size_t)count);
    char buf[400];
    int i;
    size_t used;
    if (pick) {
        snprintf(buf, sizeof(buf), "did you mean '%s'?", pick);
        return dossier_ld_strdup(L, buf);
    }
    used = (size_t)snprintf(buf, sizeof(buf), "expected one of:");
    for (i = 0; i < count && used < sizeof(buf); i++)
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s %s", i ? "," : "",
                                 names[i]);
    return dossier_ld_strdup(L, buf);
}

int dossier_ld_enum(dossier_loader *L, const dossier_ynode *map, const char *key,
                    const char *what, const char *const *names, int count, int dflt)
{
    const dossier_ynode *n = dossier_ynode_get(map, key);
    int i;
    if (!n || dossier_ynode_is_null(n))
        return dflt;
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected %s for '%s', found %s", what, key,
                         dossier_ynode_kind_text(n));
        return dflt;
    }
    for (i = 0; i < count; i++)
        if (strcmp(n->text, names[i]) == 0)
            return i;
    dossier_ld_error(L, n, dossier_ld_enum_hint(L, n->text, names, count), "unknown %s '%s'",
                     what, n->text);
    return dflt;
}

const char *const *dossier_ld_text_list(dossier_loader *L, const dossier_ynode *map,
                                        const char *key, size_t *count)
{
    const dossier_ynode *n = dossier_ynode_get(map, key);
    const char **out;
    size_t i;
    *count = 0;
    if (!n || dossier_ynode_is_null(n))
        return NULL;
    if (n->kind == DOSSIER_YNODE_SCALAR) {
        out = dossier_ld_alloc(L, sizeof(*out));
        if (out && (out[0] = dossier_ld_scalar_text(L, n, key)) != NULL)
            *count = 1;
        return out;
    }
    if (n->kind != DOSSIER_YNODE_SEQUENCE) {
        dossier_ld_error(L, n, NULL, "expected a list of text for '%s', found %s", key,
                         dossier_ynode_kind_text(n));
        return NULL;
    }
    out = dossier_ld_alloc(L, n->len * sizeof(*out));
    if (!out)
        return NULL;
    for (i = 0; i < n->len; i++) {
        const dossier_ynode *it = n->items[i];
        if (it->kind != DOSSIER_YNODE_SCALAR) {
            dossier_ld_error(L, it, NULL, "expected text for item %zu of '%s', found %s",
                             i + 1, key, dossier_ynode_kind_text(it));
            continue;
        }
        if ((out[*count] = dossier_ld_scalar_text(L, it, key)) != NULL)
            (*count)++;
    }
    return out;
}

const char *dossier_ld_id(dossier_loader *L, const dossier_ynode *n, const char *what)
{
    size_t i;
    if (!n || dossier_ynode_is_null(n) || (n->kind == DOSSIER_YNODE_SCALAR && n->len == 0)) {
        dossier_ld_error(L, n, NULL, "missing %s id", what);
        return NULL;
    }
    if (n->kind != DOSSIER_YNODE_SCALAR) {
        dossier_ld_error(L, n, NULL, "expected an id for %s, found %s", what,
                         dossier_ynode_kind_text(n));
        return NULL;
    }
    for (i = 0; i < n->len; i++) {
        unsigned char c = (unsigned char)n->text[i];
        if (c <= ' ' || c == 0x7F) {
            dossier_ld_error(L, n, "use letters, digits, '-', '_' or '.'",
                             "%s id '%s' contains a space or control character", what,
                             n->text);
            return NULL;
        }
    }
    return dossier_ld_strdup(L, n->text);
}
