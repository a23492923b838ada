/* summary_internal.h - the summary of an event's body (summary.c). */
#ifndef DOSSIER_SUMMARY_INTERNAL_H
#define DOSSIER_SUMMARY_INTERNAL_H

#include "arena_internal.h"

/* The first paragraph of `body` as plain text, in `a`; NULL when the body
 * has none (or it is empty). Equal to dossier_first_paragraph(a, body). */
char *dossier_summary_of_body(dossier_arena *a, const char *body);

#endif
