/* json_internal.h - number text shared by JSON output and Mustache. */
#ifndef DOSSIER_JSON_INTERNAL_H
#define DOSSIER_JSON_INTERNAL_H

#include <stddef.h>

/* Formats a number for output into buf: `text` (the number as written) when
 * it is a valid JSON number, else the shortest text that reads back as the
 * same double (integers without ".0"). NaN and infinities give "" and
 * return 0; otherwise returns 1. */
int dossier_number_text(double v, const char *text, char buf[40]);

#endif
