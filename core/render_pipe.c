/* render_pipe.c - diagnostics from an isolated plugin child to the parent.
 *
 * Records are length-prefixed so a message may hold any bytes:
 *   'D' sev line col  str(file) str(hint) str(message)
 *   'S' status
 * where numbers are uint32 in host order (both ends are the same binary) and
 * str is a uint32 length (UINT32_MAX for NULL) followed by the bytes. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf_internal.h"
#include "render_internal.h"

#define WIRE_NULL UINT32_MAX
#define WIRE_MAX_STRING (64u * 1024u) /* longer messages are cut */

static void put_u32(dossier_buf *b, uint32_t v)
{
    dossier_buf_append(b, (const char *)&v, sizeof v);
}

static void put_str(dossier_buf *b, const char *s)
{
    size_t n;
    if (!s) {
        put_u32(b, WIRE_NULL);
        return;
    }
    n = strlen(s);
    if (n > WIRE_MAX_STRING)
        n = WIRE_MAX_STRING;
    put_u32(b, (uint32_t)n);
    dossier_buf_append(b, s, n);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int send_buf(int fd, dossier_buf *b)
{
    int rc = (b->failed || !b->data) ? -1 : write_all(fd, b->data, b->len);
    dossier_buf_free(b);
    return rc;
}

int dossier_wire_send_diag(int fd, dossier_severity sev, const char *file,
                           unsigned line, unsigned col, const char *hint,
                           const char *msg)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    dossier_buf_putc(&b, 'D');
    put_u32(&b, (uint32_t)sev);
    put_u32(&b, line);
    put_u32(&b, col);
    put_str(&b, file);
    put_str(&b, hint);
    put_str(&b, msg ? msg : "");
    return send_buf(fd, &b);
}

int dossier_wire_send_status(int fd, dossier_status status)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    dossier_buf_putc(&b, 'S');
    put_u32(&b, (uint32_t)status);
    return send_buf(fd, &b);
}

typedef struct reader {
    const char *p;
    size_t left;
} reader;

static int get_u32(reader *r, uint32_t *v)
{
    if (r->left < sizeof *v)
        return -1;
    memcpy(v, r->p, sizeof *v);
    r->p += sizeof *v;
    r->left -= sizeof *v;
    return 0;
}

/* Returns a malloc'd copy (NULL for a NULL string) in *out. */
static int get_str(reader *r, char **out)
{
    uint32_t n;
    *out = NULL;
    if (get_u32(r, &n) != 0)
        return -1;
    if (n == WIRE_NULL)
        return 0;
    if (n > WIRE_MAX_STRING || r->left < n || !(*out = malloc((size_t)n + 1)))
        return -1;
    memcpy(*out, r->p, n);
    (*out)[n] = '\0';
    r->p += n;
    r->left -= n;
    return 0;
}

int dossier_wire_decode(const char *buf, size_t len, dossier_diags *diags,
                        size_t *errors, dossier_status *status)
{
    reader r = {buf, len};
    int seen = 0;
    while (r.left > 0) {
        char type = *r.p++;
        r.left--;
        if (type == 'S') {
            uint32_t st;
            if (get_u32(&r, &st) != 0)
                break;
            *status = (st < DOSSIER_STATUS_COUNT) ? (dossier_status)st
                                                  : DOSSIER_ERR_RENDER;
            seen = 1;
        } else if (type == 'D') {
            uint32_t sev, line, col;
            char *file = NULL, *hint = NULL, *msg = NULL;
            int ok = get_u32(&r, &sev) == 0 && get_u32(&r, &line) == 0 &&
                     get_u32(&r, &col) == 0 && get_str(&r, &file) == 0 &&
                     get_str(&r, &hint) == 0 && get_str(&r, &msg) == 0;
            if (ok) {
                dossier_severity s = sev > DOSSIER_SEV_ERROR
                                         ? DOSSIER_SEV_ERROR
                                         : (dossier_severity)sev;
                if (s == DOSSIER_SEV_ERROR)
                    (*errors)++;
                dossier_diags_add(diags, s, file, line, col, hint, "%s",
                                  msg ? msg : "");
            }
            free(file);
            free(hint);
            free(msg);
            if (!ok)
                break;
        } else {
            break;
        }
    }
    return seen;
}
