/* countries_internal.h - the ISO 3166-1 table behind dossier_country_name(). */
#ifndef DOSSIER_COUNTRIES_INTERNAL_H
#define DOSSIER_COUNTRIES_INTERNAL_H

#include <stddef.h>

typedef struct dossier_country {
    const char *code;  /* "TJ" */
    const char *name;  /* "Tajikistan" */
    const char *other; /* other names, "|"-separated, or NULL */
} dossier_country;

/* The entry for an upper-case alpha-2 code, or NULL. O(log n). */
const dossier_country *dossier_country_find(const char *code);
/* The i-th entry in code order, or NULL past the end (for hints). */
const dossier_country *dossier_country_at(size_t i);

#endif
