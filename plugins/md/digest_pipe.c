/* digest_pipe.c - the digest's chunks normalised by worker threads while
 * the template goes on rendering.
 *
 * cmark is most of the digest's time and chunks are independent, so the
 * render thread only cuts chunks and queues them; workers take them in
 * order, each with its own arena (cmark_mem allocators are per thread), and
 * whichever worker finds the oldest chunks finished writes them, under the
 * lock, so the output is the serial output byte for byte. The queue holds
 * at most `depth` chunks (queued, in work or waiting to be written): the
 * render thread waits when it is full, so memory stays bounded. After the
 * first failure nothing more is made or written, as in the serial loop. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "digest_internal.h"

#define PIPE_MAX_DEPTH 16
#define PIPE_MAX_WORKERS 8

enum { JOB_QUEUED = 0, JOB_WORKING, JOB_MADE };

typedef struct pipe_job {
    dossier_digest_chunk c;
    char *text; /* the copy c.text points to */
    int state;
} pipe_job;

typedef struct pipe_worker {
    pthread_t thread;
    dossier_digest_arena *arena;
    struct dossier_digest_pipe *pipe;
} pipe_worker;

struct dossier_digest_pipe {
    dossier_digest_streamer *s;
    pthread_mutex_t mu;
    pthread_cond_t can_put, can_take;
    pipe_job q[PIPE_MAX_DEPTH];
    size_t head;  /* oldest job not written yet */
    size_t count; /* jobs in the ring */
    size_t taken; /* of which taken by a worker (the oldest ones) */
    size_t depth;
    int closing, cancel;
    int rc; /* first failure, in text order */
    int nworkers;
    pipe_worker workers[PIPE_MAX_WORKERS];
};

/* Writes the oldest jobs that are made, in order (called locked). */
static void deliver_ready(dossier_digest_pipe *p)
{
    while (p->count > 0 && p->q[p->head].state == JOB_MADE) {
        pipe_job *j = &p->q[p->head];
        if (p->rc == DIGEST_DONE && !p->cancel)
            p->rc = dossier_digest_chunk_deliver(p->s, &j->c);
        free(j->c.out);
        free(j->text);
        memset(j, 0, sizeof *j);
        p->head = (p->head + 1) % PIPE_MAX_DEPTH;
        p->count--;
        p->taken--;
        pthread_cond_signal(&p->can_put);
    }
}

static void *worker_main(void *arg)
{
    pipe_worker *w = arg;
    dossier_digest_pipe *p = w->pipe;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        pipe_job *j;
        int skip;
        while (p->taken == p->count && !p->closing)
            pthread_cond_wait(&p->can_take, &p->mu);
        if (p->taken == p->count)
            break; /* closing, and nothing left to take */
        j = &p->q[(p->head + p->taken) % PIPE_MAX_DEPTH];
        p->taken++;
        j->state = JOB_WORKING;
        skip = p->rc != DIGEST_DONE || p->cancel;
        pthread_mutex_unlock(&p->mu);
        if (!skip)
            dossier_digest_chunk_make_copy(p->s, w->arena, &j->c);
        pthread_mutex_lock(&p->mu);
        j->state = JOB_MADE;
        deliver_ready(p);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void pipe_free(dossier_digest_pipe *p)
{
    int i;
    for (i = 0; i < PIPE_MAX_WORKERS; i++)
        dossier_digest_arena_free(p->workers[i].arena);
    pthread_cond_destroy(&p->can_take);
    pthread_cond_destroy(&p->can_put);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

dossier_digest_pipe *dossier_digest_pipe_new(dossier_digest_streamer *s,
                                             int workers, int depth)
{
    dossier_digest_pipe *p;
    int i;
    if (workers < 1)
        return NULL;
    if (workers > PIPE_MAX_WORKERS)
        workers = PIPE_MAX_WORKERS;
    if (depth < workers)
        depth = workers;
    if (depth > PIPE_MAX_DEPTH)
        depth = PIPE_MAX_DEPTH;
    p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->s = s;
    p->depth = (size_t)depth;
    p->rc = DIGEST_DONE;
    if (pthread_mutex_init(&p->mu, NULL) != 0) {
        free(p);
        return NULL;
    }
    pthread_cond_init(&p->can_put, NULL);
    pthread_cond_init(&p->can_take, NULL);
    for (i = 0; i < workers; i++) {
        pipe_worker *w = &p->workers[i];
        w->pipe = p;
        w->arena = dossier_digest_arena_new();
        if (!w->arena || pthread_create(&w->thread, NULL, worker_main, w) != 0)
            break;
        p->nworkers++;
    }
    if (p->nworkers == 0) {
        pipe_free(p);
        return NULL;
    }
    return p;
}

int dossier_digest_pipe_submit(dossier_digest_pipe *p,
                               const dossier_digest_chunk *c)
{
    char *copy = malloc(c->n ? c->n : 1);
    int rc;
    if (!copy)
        return DIGEST_NOMEM;
    if (c->n)
        memcpy(copy, c->text, c->n);
    pthread_mutex_lock(&p->mu);
    while (p->count == p->depth && p->rc == DIGEST_DONE)
        pthread_cond_wait(&p->can_put, &p->mu);
    rc = p->rc;
    if (rc == DIGEST_DONE) {
        pipe_job *j = &p->q[(p->head + p->count) % PIPE_MAX_DEPTH];
        j->c = *c;
        j->c.text = copy;
        j->text = copy;
        j->state = JOB_QUEUED;
        p->count++;
        copy = NULL;
        pthread_cond_signal(&p->can_take);
    }
    pthread_mutex_unlock(&p->mu);
    free(copy);
    return rc;
}

int dossier_digest_pipe_status(dossier_digest_pipe *p)
{
    int rc;
    pthread_mutex_lock(&p->mu);
    rc = p->rc;
    pthread_mutex_unlock(&p->mu);
    return rc;
}

int dossier_digest_pipe_close(dossier_digest_pipe *p, int cancel)
{
    int i, rc;
    if (!p)
        return DIGEST_DONE;
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    p->cancel |= cancel;
    pthread_cond_broadcast(&p->can_take);
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < p->nworkers; i++)
        pthread_join(p->workers[i].thread, NULL);
    /* every job was taken and written (or dropped) before the last worker
     * left: a worker only leaves when none is left to take, and the one
     * finishing the oldest writes all made after it */
    rc = p->rc;
    pipe_free(p);
    return rc;
}
