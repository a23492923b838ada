/* buf_internal.h - a growable byte buffer for building strings.
 * Ownership: the buffer owns `data`; dossier_buf_free() releases it, or
 * dossier_buf_detach() hands it to the caller (who frees it with free()).
 * After an allocation failure the buffer is marked `failed` and further
 * appends do nothing, so callers can check once at the end. */
#ifndef DOSSIER_BUF_INTERNAL_H
#define DOSSIER_BUF_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

typedef struct dossier_buf {
    char *data;  /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
    int failed;
} dossier_buf;

#define DOSSIER_BUF_INIT {NULL, 0, 0, 0}

int dossier_buf_reserve(dossier_buf *b, size_t extra);
void dossier_buf_append(dossier_buf *b, const char *s, size_t n);
void dossier_buf_puts(dossier_buf *b, const char *s);
void dossier_buf_putc(dossier_buf *b, char c);
void dossier_buf_printf(dossier_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dossier_buf_vprintf(dossier_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Returns the malloc'd string (never NULL unless failed) and resets b. */
char *dossier_buf_detach(dossier_buf *b, size_t *len);
void dossier_buf_free(dossier_buf *b);

#endif
