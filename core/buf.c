/* buf.c - growable byte buffer (see buf_internal.h). */
#include "buf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dossier_buf_reserve(dossier_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (b->failed)
        return -1;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return -1;
    }
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void dossier_buf_append(dossier_buf *b, const char *s, size_t n)
{
    if (dossier_buf_reserve(b, n) != 0)
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void dossier_buf_puts(dossier_buf *b, const char *s) { dossier_buf_append(b, s, strlen(s)); }

void dossier_buf_putc(dossier_buf *b, char c) { dossier_buf_append(b, &c, 1); }

void dossier_buf_vprintf(dossier_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || dossier_buf_reserve(b, (size_t)n) != 0) {
        b->failed = 1;
        return;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void dossier_buf_printf(dossier_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dossier_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *dossier_buf_detach(dossier_buf *b, size_t *len)
{
    char *p;
    if (b->failed) {
        dossier_buf_free(b);
        return NULL;
    }
    if (!b->data && dossier_buf_reserve(b, 0) != 0)
        return NULL;
    b->data[b->len] = '\0';
    p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void dossier_buf_free(dossier_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
