/* loader_parse.c - reading and parsing input files, in parallel for big
 * dossiers.
 *
 * Reading a file, checking its UTF-8 and running libyaml over it is most of
 * the loading time and needs no shared state, so for folders with many
 * events worker threads parse files ahead while the calling thread builds
 * the model from finished parses strictly in file order. Diagnostics of a
 * parse go to the parse's own list and are copied over in that order, so
 * the output is identical to a sequential load. A window bounds how far the
 * workers run ahead (memory stays proportional to the window, not the
 * dossier). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader_file_internal.h"
#include "loader_internal.h"

/* ---- front matter ---- */

/* Finds the end of the line starting at `p`; returns the next line start. */
static const char *next_line(const char *p, const char *end, const char **content_end)
{
    const char *q = memchr(p, '\n', (size_t)(end - p));
    if (!q)
        q = end;
    *content_end = (q > p && q[-1] == '\r') ? q - 1 : q;
    return q < end ? q + 1 : end;
}

static int is_fence(const char *p, const char *e)
{
    if (e - p < 3 || p[0] != '-' || p[1] != '-' || p[2] != '-')
        return 0;
    for (p += 3; p < e; p++)
        if (*p != ' ' && *p != '\t')
            return 0;
    return 1;
}

/* Splits "---\nYAML\n---\nBODY". Returns 0, or -1 after a located error. */
static int split_front_matter(dossier_parsed *p, const char *text, size_t len,
                              const char **fm, size_t *fm_len)
{
    const char *end = text + len, *ce, *q, *start;
    unsigned line = 2;
    q = next_line(text, end, &ce);
    if (!is_fence(text, ce)) {
        dossier_diags_add(p->diags, DOSSIER_SEV_ERROR, p->path, 1, 1,
                          "put the event's fields between two '---' lines at the top",
                          "missing front matter: a Markdown event must start with a '---' line");
        return -1;
    }
    start = q;
    while (q < end) {
        const char *line_start = q;
        q = next_line(q, end, &ce);
        if (is_fence(line_start, ce)) {
            *fm = start;
            *fm_len = (size_t)(line_start - start);
            p->body = q;
            p->body_line = line + 1;
            return 0;
        }
        line++;
    }
    dossier_diags_add(p->diags, DOSSIER_SEV_ERROR, p->path, 1, 1,
                      "close the front matter with a '---' line before the Markdown text",
                      "front matter is never closed (no second '---' line)");
    return -1;
}

/* ---- one file ---- */

void dossier_parse_file(dossier_parsed *p, const dossier_limits *lim)
{
    size_t len = 0, bom, fm_len;
    const char *fm;
    dossier_ynode *root = NULL;
    dossier_status st;
    p->ok = 0;
    p->root = NULL;
    p->body = NULL;
    p->body_line = 0;
    p->nomem = 0;
    p->limit = 0;
    if (!p->diags && !(p->diags = dossier_diags_new())) {
        p->nomem = 1;
        return;
    }
    st = dossier_read_file(p->path, lim->max_file_bytes, &p->text, &len, p->diags);
    p->text_len = len;
    if (st != DOSSIER_OK) {
        p->nomem = st == DOSSIER_ERR_NOMEM;
        p->limit = st == DOSSIER_ERR_LIMIT;
        return;
    }
    if (dossier_utf8_check(p->text, len, p->path, 0, p->diags) != 0)
        return;
    if (!p->markdown) {
        st = dossier_yaml_parse_ex(p->text, len, p->path, 0, lim, 0, &p->arena, &root, p->diags);
    } else {
        bom = dossier_utf8_bom_len(p->text, len);
        if (split_front_matter(p, p->text + bom, len - bom, &fm, &fm_len) != 0)
            return;
        st = dossier_yaml_parse_ex(fm, fm_len, p->path, 1, lim, 0, &p->arena, &root, p->diags);
    }
    p->nomem = st == DOSSIER_ERR_NOMEM;
    p->limit = st == DOSSIER_ERR_LIMIT;
    /* Duplicate keys leave a usable tree: keep checking the rest. */
    p->ok = (st == DOSSIER_OK || (st == DOSSIER_ERR_INVALID && root));
    p->root = root;
}

void dossier_parsed_take_diags(dossier_loader *L, dossier_parsed *p)
{
    size_t i, n = dossier_diags_count(p->diags);
    for (i = 0; i < n; i++) {
        const dossier_diag *d = dossier_diags_get(p->diags, i);
        /* File-level messages (line 0, e.g. "N more duplicate keys") always show. */
        if (d->line == 0 || dossier_ld_diag_room(L, d->severity))
            dossier_diags_add(L->diags, d->severity, d->file, d->line, d->col, d->hint, "%s",
                              d->message);
    }
    /* An entry the list could not store still counts as an error. */
    if (dossier_diags_error_count(p->diags) > 0 && n == 0)
        dossier_diags_add(L->diags, DOSSIER_SEV_ERROR, p->path, 0, 0, NULL, "out of memory");
    if (p->nomem)
        L->nomem = 1;
    if (p->limit)
        L->limit = 1;
}

void dossier_parsed_release(dossier_parsed *p)
{
    free(p->text);
    p->text = NULL;
    dossier_arena_free(&p->arena);
    dossier_diags_free(p->diags);
    p->diags = NULL;
}

/* ---- many files ---- */

#define PARSE_WINDOW 64  /* parses finished but not yet consumed, at most */
#define PARSE_MIN_FILES 32 /* below this, threads cost more than they save */
#define PARSE_MAX_THREADS 4
/* Bytes (file + tree) of finished, unconsumed parses beyond which workers
 * wait: big hostile files must not pile up 64 at a time. */
#define PARSE_BYTES_AHEAD ((size_t)256 * 1024 * 1024)

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t ready;   /* a parse finished */
    pthread_cond_t room;    /* the consumer freed a window slot */
    dossier_parsed *items;
    size_t count, next, consumed;
    size_t bytes_ahead; /* memory held by parses not yet consumed */
    int stop;
    const dossier_limits *lim;
} pool;

static void *worker(void *arg)
{
    pool *P = arg;
    for (;;) {
        size_t i;
        pthread_mutex_lock(&P->mu);
        /* The next file to consume is always allowed, so this never stalls. */
        while (!P->stop && P->next < P->count && P->next != P->consumed &&
               (P->next >= P->consumed + PARSE_WINDOW || P->bytes_ahead > PARSE_BYTES_AHEAD))
            pthread_cond_wait(&P->room, &P->mu);
        if (P->stop || P->next >= P->count) {
            pthread_mutex_unlock(&P->mu);
            return NULL;
        }
        i = P->next++;
        pthread_mutex_unlock(&P->mu);
        dossier_parse_file(&P->items[i], P->lim);
        pthread_mutex_lock(&P->mu);
        P->items[i].done = 1;
        P->bytes_ahead += P->items[i].arena.total + P->items[i].text_len;
        pthread_cond_broadcast(&P->ready);
        pthread_mutex_unlock(&P->mu);
    }
}

static size_t thread_count(size_t files)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (files < PARSE_MIN_FILES || n < 2)
        return 0;
    return n > PARSE_MAX_THREADS ? PARSE_MAX_THREADS : (size_t)n;
}

void dossier_parse_many(dossier_loader *L, dossier_parsed *items, size_t count,
                        void (*consume)(dossier_loader *L, dossier_parsed *p))
{
    pool P;
    pthread_t threads[PARSE_MAX_THREADS];
    size_t nt = thread_count(count), started = 0, i;
    memset(&P, 0, sizeof(P));
    if (nt) {
        P.items = items;
        P.count = count;
        P.lim = &L->lim;
        if (pthread_mutex_init(&P.mu, NULL) != 0)
            nt = 0;
        else if (pthread_cond_init(&P.ready, NULL) != 0) {
            pthread_mutex_destroy(&P.mu);
            nt = 0;
        } else if (pthread_cond_init(&P.room, NULL) != 0) {
            pthread_cond_destroy(&P.ready);
            pthread_mutex_destroy(&P.mu);
            nt = 0;
        }
    }
    for (i = 0; i < nt; i++)
        if (pthread_create(&threads[started], NULL, worker, &P) == 0)
            started++;
    if (!started) { /* sequential: parse and consume one file at a time */
        for (i = 0; i < count; i++) {
            dossier_parse_file(&items[i], &L->lim);
            consume(L, &items[i]);
            dossier_parsed_release(&items[i]);
        }
    } else {
        for (i = 0; i < count; i++) {
            pthread_mutex_lock(&P.mu);
            while (!items[i].done)
                pthread_cond_wait(&P.ready, &P.mu);
            pthread_mutex_unlock(&P.mu);
            consume(L, &items[i]);
            pthread_mutex_lock(&P.mu);
            P.bytes_ahead -= items[i].arena.total + items[i].text_len;
            pthread_mutex_unlock(&P.mu);
            dossier_parsed_release(&items[i]);
            pthread_mutex_lock(&P.mu);
            P.consumed = i + 1;
            pthread_cond_broadcast(&P.room);
            pthread_mutex_unlock(&P.mu);
        }
        for (i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
    }
    if (nt) {
        pthread_cond_destroy(&P.room);
        pthread_cond_destroy(&P.ready);
        pthread_mutex_destroy(&P.mu);
    }
}
