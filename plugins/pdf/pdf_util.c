/* pdf_util.c - a growable string and array helper for the pdf plugin
 * (plugins do not link libdossier, so core/buf.c is not available). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

int pdf_grow(void *arr, size_t *cap, size_t need, size_t elem)
{
    void **p = arr;
    size_t n = *cap ? *cap : 8;
    void *q;
    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / elem)
            return -1;
        n *= 2;
    }
    q = realloc(*p, n * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

void pdf_str_append(pdf_str *s, const char *p, size_t n)
{
    if (s->failed)
        return;
    if (pdf_grow(&s->data, &s->cap, s->len + n + 1, 1) != 0) {
        s->failed = 1;
        return;
    }
    if (n)
        memcpy(s->data + s->len, p, n);
    s->len += n;
    s->data[s->len] = '\0';
}

void pdf_str_puts(pdf_str *s, const char *p)
{
    pdf_str_append(s, p, strlen(p));
}

void pdf_str_printf(pdf_str *s, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        pdf_str_append(s, small, (size_t)n);
        return;
    }
    {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            s->failed = 1;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        pdf_str_append(s, big, (size_t)n);
        free(big);
    }
}

const char *pdf_str_cstr(pdf_str *s)
{
    return s->data && !s->failed ? s->data : "";
}

void pdf_str_clear(pdf_str *s)
{
    s->len = 0;
    if (s->data)
        s->data[0] = '\0';
}

void pdf_str_free(pdf_str *s)
{
    free(s->data);
    memset(s, 0, sizeof *s);
}

void pdf_format(pdf_str *out, const char *pattern, const char *const *kv, size_t n)
{
    const char *p = pattern;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close;
        size_t i;
        int done = 0;
        if (!open) {
            pdf_str_puts(out, p);
            return;
        }
        pdf_str_append(out, p, (size_t)(open - p));
        close = strchr(open, '}');
        if (!close) {
            pdf_str_puts(out, open);
            return;
        }
        for (i = 0; i + 1 < n * 2 && !done; i += 2) {
            size_t kl = strlen(kv[i]);
            if (kl == (size_t)(close - open - 1) && memcmp(open + 1, kv[i], kl) == 0) {
                pdf_str_puts(out, kv[i + 1] ? kv[i + 1] : "");
                done = 1;
            }
        }
        if (!done)
            pdf_str_append(out, open, (size_t)(close - open + 1));
        p = close + 1;
    }
}
