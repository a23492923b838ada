/* digest_internal.h - shared by the md and html builds of the digest. */
#ifndef DOSSIER_DIGEST_INTERNAL_H
#define DOSSIER_DIGEST_INTERNAL_H

#include <stddef.h>

/* Parses `md` with cmark and writes it back as CommonMark (no wrapping),
 * with link destinations made safe (dangerous schemes emptied; whitespace,
 * controls, '<' and '>' percent-encoded), repeating until the text no longer
 * changes. Sets *stable to 0 when no fixed point was reached in a few passes.
 * Returns the text, or NULL when out of memory.
 * Ownership: free with cmark's allocator (dossier_digest_free). */
char *dossier_digest_normalise(const char *md, size_t len, int *stable);

/* Renders normalised Markdown as an HTML fragment with cmark's safe
 * defaults. Returns NULL when out of memory; free with dossier_digest_free. */
char *dossier_digest_html(const char *md);

/* Frees a string returned by the two functions above. */
void dossier_digest_free(char *s);

#endif
