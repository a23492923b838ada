/* json_write.c - dossier_value to JSON text (RFC 8259).
 *
 * Strings pass UTF-8 through unchanged; only '"', '\\' and control
 * characters are escaped ("/" is not). Numbers keep the text they were
 * written with when that is valid JSON, so `dossier dump` shows "193000"
 * and not "193000.0"; computed numbers get the shortest round-trip form. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_internal.h"
#include "dossier/value.h"
#include "export_internal.h"
#include "json_internal.h"

/* RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return 0;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

int dossier_number_text(double v, const char *text, char buf[40])
{
    int prec;
    if (!isfinite(v)) {
        buf[0] = '\0';
        return 0;
    }
    if (text) {
        size_t n = strlen(text);
        if (n < 40 && is_json_number(text)) {
            memcpy(buf, text, n + 1);
            return 1;
        }
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, 40, "%.0f", v == 0 ? 0.0 : v); /* no "-0" */
        return 1;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, 40, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return 1;
}

/* A byte appended without the bookkeeping of dossier_buf_putc: JSON output
 * is mostly single characters, and dump prints tens of megabytes. */
static void put_char(dossier_buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    } else {
        dossier_buf_putc(b, c);
    }
}

static void put_string(dossier_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    if (dossier_buf_reserve(b, n + 2) != 0)
        return;
    put_char(b, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[7];
        const char *rep;
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue; /* the common case: copied in runs below */
        if (c == '"')
            rep = "\\\"";
        else if (c == '\\')
            rep = "\\\\";
        else if (c == '\n')
            rep = "\\n";
        else if (c == '\r')
            rep = "\\r";
        else if (c == '\t')
            rep = "\\t";
        else if (c == '\b')
            rep = "\\b";
        else if (c == '\f')
            rep = "\\f";
        else {
            esc[0] = '\\';
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            esc[6] = '\0';
            rep = esc;
        }
        dossier_buf_append(b, s + run, i - run);
        dossier_buf_puts(b, rep);
        run = i + 1;
    }
    dossier_buf_append(b, s + run, n - run);
    put_char(b, '"');
}

static void newline(dossier_buf *b, int indent, int level)
{
    if (indent <= 0)
        return;
    put_char(b, '\n');
    if (dossier_buf_reserve(b, (size_t)indent * (size_t)level) != 0)
        return;
    memset(b->data + b->len, ' ', (size_t)indent * (size_t)level);
    b->len += (size_t)indent * (size_t)level;
    b->data[b->len] = '\0';
}

static void put_value(dossier_buf *b, const dossier_value *v, int indent,
                      int level)
{
    char num[40];
    size_t i;
    if (b->failed)
        return;
    switch (v->type) {
    case DOSSIER_VALUE_NULL:
        dossier_buf_puts(b, "null");
        break;
    case DOSSIER_VALUE_BOOL:
        dossier_buf_puts(b, v->u.boolean ? "true" : "false");
        break;
    case DOSSIER_VALUE_NUMBER:
        dossier_buf_puts(b, dossier_number_text(v->u.number, v->text, num)
                                ? num : "null");
        break;
    case DOSSIER_VALUE_STRING:
        put_string(b, v->u.string ? v->u.string : "", v->u.string ? v->count : 0);
        break;
    case DOSSIER_VALUE_ARRAY:
        if (v->count == 0) {
            dossier_buf_puts(b, "[]");
            break;
        }
        put_char(b, '[');
        for (i = 0; i < v->count; i++) {
            if (i)
                put_char(b, ',');
            newline(b, indent, level + 1);
            put_value(b, &v->u.items[i], indent, level + 1);
        }
        newline(b, indent, level);
        put_char(b, ']');
        break;
    case DOSSIER_VALUE_OBJECT:
        if (v->count == 0) {
            dossier_buf_puts(b, "{}");
            break;
        }
        put_char(b, '{');
        for (i = 0; i < v->count; i++) {
            const char *key = v->u.members[i].key;
            if (i)
                put_char(b, ',');
            newline(b, indent, level + 1);
            put_string(b, key, strlen(key));
            dossier_buf_puts(b, indent > 0 ? ": " : ":");
            put_value(b, &v->u.members[i].value, indent, level + 1);
        }
        newline(b, indent, level);
        put_char(b, '}');
        break;
    default:
        dossier_buf_puts(b, "null");
        break;
    }
}

DOSSIER_API char *dossier_value_to_json(const dossier_value *v, int indent,
                                        size_t *len)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    static const dossier_value null_value = {DOSSIER_VALUE_NULL, 0, {0}, NULL};
    if (len)
        *len = 0;
    if (indent > 16)
        indent = 16;
    put_value(&b, v ? v : &null_value, indent, 0);
    return dossier_buf_detach(&b, len);
}
