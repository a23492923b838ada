/* summary.c - an event's summary when it has none: the first paragraph of
 * its body, found without parsing the whole body when that cannot change
 * it (issue 8: parsing every body whole was half the data view's cost). */
#include "summary_internal.h"

#include <stdlib.h>
#include <string.h>

#include "humanize_internal.h"

/* Where the summary of a body may be looked for: the text up to the first
 * blank line that follows a non-blank one. Block structure is decided line
 * by line, so the blocks of those lines are the whole body's, and a
 * paragraph among them ends there (a blank line closes it) with the same
 * inline content, unless a link reference definition later in the body is
 * used in it (no "]:" anywhere) or '\r' ends lines differently (no '\r').
 * Returns the length, or 0 when the whole body must be parsed. */
static size_t summary_prefix(const char *body)
{
    const char *p = body;
    int content = 0;
    if (strchr(body, '\r') || strstr(body, "]:"))
        return 0;
    while (*p) {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '\n' && content)
            return (size_t)(q + 1 - body);
        if (*q != '\n' && *q)
            content = 1;
        q = strchr(q, '\n');
        if (!q)
            return 0;
        p = q + 1;
    }
    return 0;
}

/* The first paragraph of a body as plain text (humanize.c parses it with
 * cmark). Most bodies are several paragraphs and the summary is the first:
 * parsing only the text up to the first blank line was half the data
 * view's cost. When that text holds no paragraph (a heading or code block
 * comes first, or the paragraph's text is empty), the whole body is
 * parsed, as before. */
char *dossier_summary_of_body(dossier_arena *a, const char *body)
{
    size_t n = body ? summary_prefix(body) : 0;
    char *res = NULL;
    if (n > 0 && body[n] != '\0') {
        char *prefix = malloc(n + 1);
        if (prefix) {
            memcpy(prefix, body, n);
            prefix[n] = '\0';
            res = dossier_first_paragraph(a, prefix);
            free(prefix);
        }
    }
    return res ? res : dossier_first_paragraph(a, body);
}
