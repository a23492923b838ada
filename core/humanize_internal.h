/* humanize_internal.h - the human-readable texts of the data view
 * (docs/MODEL-JSON.md): date ranges, attendance, first paragraph.
 * All results are allocated in the given arena. */
#ifndef DOSSIER_HUMANIZE_INTERNAL_H
#define DOSSIER_HUMANIZE_INTERNAL_H

#include "arena_internal.h"
#include "dossier/model.h"

/* "16 June 2011", "3–4 May 2018", "30 June – 1 July 2019",
 * "31 December 2019 – 2 January 2020"; NULL when `start` is absent or out
 * of memory. An absent `end` means a one-day range. */
char *dossier_human_dates(dossier_arena *a, dossier_date start, dossier_date end);

/* "more than 700 participants from 40 countries"; NULL when nothing is
 * known. */
char *dossier_human_attendance(dossier_arena *a, const dossier_attendance *att);

/* The first paragraph of CommonMark `body` as plain text (inline markup
 * dropped, line breaks as spaces); NULL when there is none. */
char *dossier_first_paragraph(dossier_arena *a, const char *body);

#endif
