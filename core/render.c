/* render.c - rendering a model with several plugins (see dossier/host.h).
 *
 * Each format gets a job: a temporary output file, and (isolated) a forked
 * child that runs the plugin against the copy-on-write model and sends its
 * diagnostics back over a pipe. The parent alone writes to the caller's
 * diagnostics list, enforces the timeout, names crashes by signal and renames
 * successful outputs into place; a failing format never stops the others. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf_internal.h"
#include "export_internal.h"
#include "plugin_internal.h"
#include "render_internal.h"

#define DEFAULT_TIMEOUT 120u
#define MAX_JOBS 64u
#define MAX_CHILD_OUTPUT (4u * 1024u * 1024u) /* diagnostics bytes per child */

typedef struct job {
    const dossier_plugin *plugin;
    const char *name;
    char *final;       /* OUTDIR/NAME */
    char *tmp;         /* OUTDIR/.NAME.XXXXXX while running */
    int slot;          /* signal-guard slot */
    pid_t pid;
    int fd;            /* read end of the diagnostics pipe, -1 when closed */
    dossier_buf in;    /* bytes received from the child */
    int err_fd;        /* read end of the child's stderr, -1 when closed */
    dossier_buf err;   /* what the plugin (or a library it uses) printed */
    int truncated;
    double start;
    int timed_out;
    dossier_status status;
} job;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void emit(const dossier_render_options *o, const job *j, int finished,
                 double seconds)
{
    dossier_render_event ev;
    if (!o->on_event)
        return;
    ev.format = j->name;
    ev.finished = finished;
    ev.status = j->status;
    ev.seconds = seconds;
    ev.output = j->final;
    o->on_event(o->userdata, &ev);
}

/* create(), render(), destroy(); shared by both modes. */
static dossier_status run_plugin(struct dossier_render_ctx *ctx,
                                 const dossier_plugin *p,
                                 const dossier_model *model, const char *tmp)
{
    void *inst = NULL;
    dossier_status st = p->create(dossier_host_api_table(), ctx, &inst);
    if (st != DOSSIER_OK) {
        if (ctx->errors == 0)
            dossier_render_ctx_add(ctx, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                                   dossier_status_str(st));
        return st == DOSSIER_OK ? DOSSIER_ERR_RENDER : st;
    }
    st = p->render(inst, model, tmp);
    p->destroy(inst);
    if (st == DOSSIER_OK && ctx->errors == 0)
        dossier_render_ctx_warn_unread(ctx);
    if (st != DOSSIER_OK && ctx->errors == 0) {
        dossier_buf b = DOSSIER_BUF_INIT;
        dossier_buf_printf(&b, "render failed: %s", dossier_status_str(st));
        dossier_render_ctx_add(ctx, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                               b.failed ? "render failed" : b.data);
        dossier_buf_free(&b);
    }
    if (st == DOSSIER_OK && ctx->errors > 0)
        st = DOSSIER_ERR_RENDER; /* an error reported counts as a failure */
    return st;
}

/* Renames a successful output into place, or removes the temporary file.
 * Sets j->status to the final verdict. */
static void settle(job *j, size_t errors, dossier_diags *diags)
{
    /* Between rename and unregistering, a signal must not act on the slot. */
    dossier_output_guard_block();
    if (j->status == DOSSIER_OK && errors > 0)
        j->status = DOSSIER_ERR_RENDER;
    if (j->status == DOSSIER_OK) {
        j->status = dossier_output_commit(j->tmp, j->final, diags);
    } else {
        struct stat st;
        if (stat(j->final, &st) == 0)
            dossier_diags_add(diags, DOSSIER_SEV_NOTE, NULL, 0, 0, NULL,
                              "%s: kept the previous '%s' unchanged", j->name,
                              j->final);
    }
    if (j->status != DOSSIER_OK)
        unlink(j->tmp);
    dossier_output_guard_remove(j->slot);
    j->slot = -1;
    dossier_output_guard_unblock();
}

/* Points fd 1 at /dev/null, returning a copy of the old fd 1 (or -1).
 * Without a copy (no fd left) stdout stays as it is: hiding it then would
 * lose it for good. The copy is close-on-exec, so a plugin that runs a
 * program does not leak it. */
static int hide_stdout(void)
{
    int saved, null;
    fflush(stdout);
    saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
    if (saved < 0)
        return -1;
    null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        close(null);
    }
    return saved;
}

static void restore_stdout(int saved)
{
    fflush(stdout);
    if (saved >= 0) {
        dup2(saved, STDOUT_FILENO);
        close(saved);
    }
}

static void run_in_process(dossier_render_session *s, job *j,
                           dossier_diags *diags)
{
    struct dossier_render_ctx ctx;
    size_t before = dossier_diags_error_count(diags);
    int saved;
    double t0 = now_seconds();

    emit(s->opts, j, 0, 0);
    dossier_render_ctx_init(&ctx, s, j->name, -1, diags);
    saved = hide_stdout();
    j->status = run_plugin(&ctx, j->plugin, s->model, j->tmp);
    restore_stdout(saved);
    dossier_render_ctx_finish(&ctx);
    settle(j, dossier_diags_error_count(diags) - before, diags);
    emit(s->opts, j, 1, now_seconds() - t0);
}

/* The child: never returns. `parent` is the host's pid before fork(). */
static void child_main(dossier_render_session *s, job *j, int wfd, int efd,
                       pid_t parent)
{
    struct dossier_render_ctx ctx;
    int null;
    dossier_status st;

    dossier_output_guard_child();
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the host */
    if (getppid() != parent)
        _exit(3); /* the host died before prctl could take effect */
    null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);  /* nor wait for input */
        dup2(null, STDOUT_FILENO); /* a plugin must not write to stdout */
        if (null > STDERR_FILENO)
            close(null);
    }
    /* Libraries print to stderr (libxlsxwriter's [WARNING] lines): collect
     * it, so the parent reports it as the format's warnings instead of
     * letting parallel formats interleave on the terminal. */
    if (efd >= 0) {
        dup2(efd, STDERR_FILENO);
        close(efd);
    }
    dossier_render_ctx_init(&ctx, s, j->name, wfd, NULL);
    st = run_plugin(&ctx, j->plugin, s->model, j->tmp);
    dossier_render_ctx_finish(&ctx);
    dossier_render_session_finish(s);
    if (dossier_wire_send_status(wfd, st) != 0)
        _exit(3);
    close(wfd);
    _exit(0);
}

static dossier_status start_child(dossier_render_session *s, job *j,
                                  dossier_diags *diags)
{
    int fds[2], efds[2] = {-1, -1}, err;
    pid_t parent = getpid();
    if (pipe(efds) != 0)
        efds[0] = efds[1] = -1; /* then the child keeps our stderr */
    if (pipe(fds) != 0) {
        if (efds[0] >= 0) {
            close(efds[0]);
            close(efds[1]);
        }
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "%s: cannot create a pipe: %s", j->name,
                          strerror(errno));
        return DOSSIER_ERR_IO;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    if (efds[0] >= 0)
        fcntl(efds[0], F_SETFD, FD_CLOEXEC);
    fflush(stdout);
    fflush(stderr);
    dossier_output_guard_block();
    j->pid = fork();
    err = errno; /* the calls below may change it */
    if (j->pid == 0) {
        close(fds[0]);
        if (efds[0] >= 0)
            close(efds[0]);
        child_main(s, j, fds[1], efds[1], parent);
    }
    if (j->pid > 0) {
        setpgid(j->pid, j->pid); /* also done by the child; whoever is first */
        dossier_output_guard_set_pid(j->slot, j->pid);
    }
    dossier_output_guard_unblock();
    close(fds[1]);
    if (efds[1] >= 0)
        close(efds[1]);
    if (j->pid < 0) {
        close(fds[0]);
        if (efds[0] >= 0)
            close(efds[0]);
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "%s: cannot start a process: %s", j->name,
                          strerror(err));
        return DOSSIER_ERR_IO;
    }
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    j->fd = fds[0];
    if (efds[0] >= 0)
        fcntl(efds[0], F_SETFL, fcntl(efds[0], F_GETFL) | O_NONBLOCK);
    j->err_fd = efds[0];
    j->start = now_seconds();
    emit(s->opts, j, 0, 0);
    return DOSSIER_OK;
}

/* Reads what is available on *fd into `into` (at most MAX_CHILD_OUTPUT
 * bytes; the rest sets *truncated); closes *fd at end of file. */
static void drain_fd(int *fd, dossier_buf *into, int *truncated)
{
    char chunk[8192];
    while (*fd >= 0) {
        ssize_t n = read(*fd, chunk, sizeof chunk);
        if (n > 0) {
            if (into->len + (size_t)n <= MAX_CHILD_OUTPUT)
                dossier_buf_append(into, chunk, (size_t)n);
            else
                *truncated = 1;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) {
            close(*fd);
            *fd = -1;
        }
        break; /* EAGAIN: nothing more for now */
    }
}

/* Reads what the child sent so far, diagnostics and stderr. */
static void drain(job *j)
{
    int ignored = 0;
    drain_fd(&j->fd, &j->in, &j->truncated);
    drain_fd(&j->err_fd, &j->err, &ignored);
}

/* Turns what the child printed on stderr into warnings, a few lines at
 * most: it is a library's chatter, not the plugin's report. */
static void report_stderr(job *j, dossier_diags *diags)
{
    enum { MAX_LINES = 20 };
    const char *p = j->err.data, *end = p ? p + j->err.len : NULL;
    size_t lines = 0, dropped = 0;
    while (p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len > 0 && lines < MAX_LINES) {
            dossier_diags_add(diags, DOSSIER_SEV_WARNING, NULL, 0, 0, NULL,
                              "%s: plugin printed: %.*s", j->name,
                              (int)(len > 500 ? 500 : len), p);
            lines++;
        } else if (len > 0) {
            dropped++;
        }
        p = nl ? nl + 1 : end;
    }
    if (dropped)
        dossier_diags_add(diags, DOSSIER_SEV_WARNING, NULL, 0, 0, NULL,
                          "%s: plugin printed %zu more lines", j->name, dropped);
    dossier_buf_free(&j->err);
}

/* The child has exited with wait status `ws`: decide what happened. */
static void finish_child(dossier_render_session *s, job *j, int ws,
                         dossier_diags *diags)
{
    const unsigned timeout = s->opts->timeout_seconds ? s->opts->timeout_seconds
                                                      : DEFAULT_TIMEOUT;
    dossier_status st = DOSSIER_ERR_RENDER;
    size_t errors = 0;
    int got_status;

    drain(j);
    if (j->fd >= 0) {
        close(j->fd); /* a grandchild may hold the pipe open: stop here */
        j->fd = -1;
    }
    if (j->err_fd >= 0) {
        close(j->err_fd);
        j->err_fd = -1;
    }
    report_stderr(j, diags);
    got_status = dossier_wire_decode(j->in.data ? j->in.data : "", j->in.len,
                                     diags, &errors, &st);
    if (j->truncated)
        dossier_diags_add(diags, DOSSIER_SEV_WARNING, NULL, 0, 0, NULL,
                          "%s: too many diagnostics; the rest were dropped",
                          j->name);
    if (j->timed_out) {
        st = DOSSIER_ERR_TIMEOUT;
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0,
                          "raise the limit with --timeout SEC",
                          "plugin '%s' timed out after %u s and was killed",
                          j->name, timeout);
    } else if (WIFSIGNALED(ws)) {
        st = DOSSIER_ERR_CRASH;
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "plugin '%s' crashed (%s)", j->name,
                          strsignal(WTERMSIG(ws)));
    } else if (!got_status || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
        st = DOSSIER_ERR_CRASH;
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "plugin '%s' exited unexpectedly (exit status %d)",
                          j->name, WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
    }
    j->status = st;
    settle(j, errors, diags);
    dossier_buf_free(&j->in);
    emit(s->opts, j, 1, now_seconds() - j->start);
}

static void kill_job(job *j)
{
    kill(-j->pid, SIGKILL);
    kill(j->pid, SIGKILL);
}


/* Whether the child has exited, found without reaping it (WNOWAIT): its
 * pid stays reserved until waitpid. CHILD_GONE: already reaped by someone
 * else (an embedding program that ignores SIGCHLD), so the pid may be in
 * use again and must not be signalled. */
enum { CHILD_RUNNING, CHILD_EXITED, CHILD_GONE };
static int child_state(pid_t pid)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0)
        return errno == ECHILD ? CHILD_GONE : CHILD_RUNNING;
    return info.si_pid == pid ? CHILD_EXITED : CHILD_RUNNING;
}

static void run_isolated(dossier_render_session *s, job *jobs, size_t n,
                         unsigned max_jobs, dossier_diags *diags)
{
    const unsigned timeout = s->opts->timeout_seconds ? s->opts->timeout_seconds
                                                      : DEFAULT_TIMEOUT;
    struct pollfd pfd[2 * MAX_JOBS];
    job *live[MAX_JOBS];
    size_t next = 0, running = 0, i;

    while (next < n || running > 0) {
        size_t np = 0;
        int wait_ms = 200;
        double now;

        while (running < max_jobs && next < n) {
            job *j = &jobs[next++];
            if (start_child(s, j, diags) != DOSSIER_OK) {
                j->status = DOSSIER_ERR_IO;
                settle(j, 0, diags);
                emit(s->opts, j, 1, 0);
                continue;
            }
            live[running++] = j;
        }
        now = now_seconds();
        for (i = 0; i < running; i++) {
            double left = live[i]->start + timeout - now;
            if (live[i]->fd >= 0) {
                pfd[np].fd = live[i]->fd;
                pfd[np].events = POLLIN;
                pfd[np].revents = 0;
                np++;
            }
            if (live[i]->err_fd >= 0) {
                pfd[np].fd = live[i]->err_fd;
                pfd[np].events = POLLIN;
                pfd[np].revents = 0;
                np++;
            }
            if (!live[i]->timed_out && left * 1000.0 < wait_ms)
                wait_ms = left > 0 ? (int)(left * 1000.0) + 1 : 0;
        }
        if (np > 0)
            poll(pfd, np, wait_ms); /* EINTR just means look again */
        else if (running > 0 && wait_ms > 0)
            poll(NULL, 0, wait_ms < 20 ? wait_ms : 20);
        now = now_seconds();
        for (i = 0; i < running;) {
            job *j = live[i];
            int ws = 0, state;
            pid_t got;
            drain(j);
            if (!j->timed_out && now >= j->start + timeout) {
                j->timed_out = 1;
                kill_job(j);
            }
            state = child_state(j->pid);
            if (state != CHILD_RUNNING) {
                /* Whatever the plugin started must not outlive it. The child
                 * is a zombie until reaped, so its pid and group id cannot
                 * have been reused yet: kill the group first, then reap with
                 * the signal guard blocked, so that a Ctrl-C never acts on
                 * a pid that is free again. */
                if (state == CHILD_EXITED)
                    kill(-j->pid, SIGKILL);
                dossier_output_guard_block();
                while ((got = waitpid(j->pid, &ws, 0)) < 0 && errno == EINTR)
                    ;
                if (got < 0)
                    ws = 127 << 8; /* lost: reported as exit status 127 */
                dossier_output_guard_set_pid(j->slot, 0);
                dossier_output_guard_unblock();
                finish_child(s, j, ws, diags);
                live[i] = live[--running];
                continue;
            }
            i++;
        }
    }
}

/* Finds the registry entry for `name`; reports why it cannot be used. */
static dossier_status resolve_format(const dossier_registry *reg,
                                     const char *name, size_t *index,
                                     dossier_diags *diags)
{
    size_t i, n = dossier_registry_count(reg), nlen = strlen(name);
    dossier_buf avail = DOSSIER_BUF_INIT;

    if (dossier_registry_find(reg, name, index) == DOSSIER_OK)
        return DOSSIER_OK;
    for (i = 0; i < n; i++) {
        const dossier_plugin_info *in = dossier_registry_info(reg, i);
        const char *base = strrchr(in->file, '/');
        base = base ? base + 1 : in->file;
        if (!in->error)
            continue;
        if ((in->name && strcmp(in->name, name) == 0) ||
            (strncmp(base, name, nlen) == 0 && strcmp(base + nlen, ".so") == 0)) {
            dossier_diags_add(diags, DOSSIER_SEV_ERROR, in->file, 0, 0, NULL,
                              "format '%s': plugin refused: %s", name, in->error);
            return DOSSIER_ERR_PLUGIN;
        }
    }
    for (i = 0; i < n; i++) {
        const dossier_plugin_info *in = dossier_registry_info(reg, i);
        if (!in->error)
            dossier_buf_printf(&avail, "%s%s", avail.len ? ", " : "", in->name);
    }
    if (avail.len) {
        char *hint = NULL;
        dossier_buf h = DOSSIER_BUF_INIT;
        dossier_buf_printf(&h, "available formats: %s", avail.data);
        hint = dossier_buf_detach(&h, NULL);
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, hint,
                          "unknown format '%s'", name);
        free(hint);
    } else {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0,
                          "use --plugin-path DIR or set DOSSIER_PLUGIN_PATH",
                          "unknown format '%s': no plugins were found", name);
    }
    dossier_buf_free(&avail);
    return DOSSIER_ERR_USAGE;
}

/* -O FORMAT.KEY=VALUE: well formed, and FORMAT is being rendered. */
static dossier_status check_options(const dossier_render_options *o, job *jobs,
                                    size_t n, dossier_diags *diags)
{
    dossier_status st = DOSSIER_OK;
    size_t i, k;
    for (i = 0; i < o->option_count; i++) {
        const char *s = o->options[i];
        const char *dot = s ? strchr(s, '.') : NULL;
        const char *eq = s ? strchr(s, '=') : NULL;
        if (!dot || !eq || dot == s || eq < dot + 2) {
            dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0,
                              "expected FORMAT.KEY=VALUE, e.g. pdf.output=x.pdf",
                              "malformed option '%s'", s ? s : "(null)");
            st = DOSSIER_ERR_USAGE;
            continue;
        }
        for (k = 0; k < n; k++)
            if (strlen(jobs[k].name) == (size_t)(dot - s) &&
                strncmp(jobs[k].name, s, (size_t)(dot - s)) == 0)
                break;
        if (k == n)
            dossier_diags_add(diags, DOSSIER_SEV_WARNING, NULL, 0, 0, NULL,
                              "option '%s' ignored: format '%.*s' is not being "
                              "rendered", s, (int)(dot - s), s);
    }
    return st;
}

static const char *output_name(const dossier_render_options *o, const char *fmt)
{
    size_t i, flen = strlen(fmt);
    for (i = o->option_count; i-- > 0;) {
        const char *s = o->options[i];
        if (s && strncmp(s, fmt, flen) == 0 && strncmp(s + flen, ".output=", 8) == 0)
            return s + flen + 8;
    }
    return NULL;
}

/* Fills each job's name, plugin and final path; detects clashes. */
static dossier_status plan_jobs(const dossier_registry *reg,
                                const dossier_render_options *o,
                                const char *const *formats, size_t count,
                                job *jobs, size_t *njobs, dossier_diags *diags)
{
    dossier_status st = DOSSIER_OK;
    const char *dir = o->output_dir ? o->output_dir : ".";
    size_t i, k, n = 0;

    for (i = 0; i < count; i++) {
        size_t idx;
        const char *out;
        dossier_status r;
        for (k = 0; k < n; k++)
            if (strcmp(jobs[k].name, formats[i]) == 0)
                break;
        if (k < n)
            continue; /* "-f pdf,pdf" renders once */
        r = resolve_format(reg, formats[i], &idx, diags);
        if (r != DOSSIER_OK) {
            if (st == DOSSIER_OK || r == DOSSIER_ERR_USAGE)
                st = r;
            continue;
        }
        jobs[n].plugin = dossier_registry_plugin_(reg, idx);
        jobs[n].name = dossier_registry_info(reg, idx)->name;
        out = output_name(o, jobs[n].name);
        if (!out)
            out = jobs[n].plugin->default_output;
        if (!*out || strchr(out, '/') || strcmp(out, ".") == 0 ||
            strcmp(out, "..") == 0) {
            dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                              "%s: output name '%s' must be a plain file name "
                              "(use -o DIR for the folder)", jobs[n].name, out);
            st = DOSSIER_ERR_USAGE;
            continue;
        }
        for (k = 0; k < n; k++) {
            const char *other = strrchr(jobs[k].final, '/') + 1;
            if (strcmp(other, out) == 0) {
                dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0,
                                  "pick another with -O FORMAT.output=NAME",
                                  "formats '%s' and '%s' would both write '%s'",
                                  jobs[k].name, jobs[n].name, out);
                st = DOSSIER_ERR_USAGE;
            }
        }
        {
            dossier_buf b = DOSSIER_BUF_INIT;
            dossier_buf_printf(&b, "%s/%s", dir, out);
            if (!(jobs[n].final = dossier_buf_detach(&b, NULL)))
                return DOSSIER_ERR_NOMEM;
        }
        jobs[n].slot = -1;
        jobs[n].fd = -1;
        jobs[n].err_fd = -1;
        n++;
    }
    *njobs = n;
    if (n == 0 && st == DOSSIER_OK) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "no formats to render");
        st = DOSSIER_ERR_USAGE;
    }
    if (st == DOSSIER_OK)
        st = check_options(o, jobs, n, diags);
    return st;
}

DOSSIER_API void dossier_render_options_init(dossier_render_options *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->struct_size = sizeof(*opts);
    opts->timeout_seconds = DEFAULT_TIMEOUT;
}

DOSSIER_API dossier_status dossier_render(const dossier_registry *reg,
                                          const dossier_model *model,
                                          const char *const *formats,
                                          size_t format_count,
                                          const dossier_render_options *user,
                                          dossier_diags *diags)
{
    dossier_render_options o;
    dossier_render_session s;
    dossier_status st;
    job *jobs;
    size_t n = 0, i;
    unsigned max_jobs;
    long cpus;

    if (!reg || !model || !formats || !diags)
        return DOSSIER_ERR_USAGE;
    dossier_render_options_init(&o);
    if (user) /* an older caller's smaller struct: the rest stays default */
        memcpy(&o, user, user->struct_size < sizeof o ? user->struct_size : sizeof o);
    o.struct_size = sizeof o;
    if (!o.output_dir)
        o.output_dir = ".";
    if (!(jobs = calloc(format_count ? format_count : 1, sizeof(*jobs))))
        return DOSSIER_ERR_NOMEM;
    st = plan_jobs(reg, &o, formats, format_count, jobs, &n, diags);
    if (st == DOSSIER_OK)
        st = dossier_output_prepare_dir(o.output_dir, diags);
    if (st != DOSSIER_OK)
        goto done;

    memset(&s, 0, sizeof s);
    s.model = model;
    s.opts = &o;
    dossier_output_guard_begin();
    for (i = 0; i < n; i++) {
        const char *base = strrchr(jobs[i].final, '/') + 1;
        /* No signal between creating a temporary file and registering it. */
        dossier_output_guard_block();
        jobs[i].status = dossier_output_temp(o.output_dir, base, &jobs[i].tmp, diags);
        if (jobs[i].status == DOSSIER_OK &&
            (jobs[i].slot = dossier_output_guard_add(jobs[i].tmp)) < 0) {
            /* A temporary file a signal could not remove must not exist. */
            dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                              "%s: too many formats at once to clean up after "
                              "an interruption (or output path too long)",
                              jobs[i].name);
            unlink(jobs[i].tmp);
            free(jobs[i].tmp);
            jobs[i].tmp = NULL;
            jobs[i].status = DOSSIER_ERR_LIMIT;
        }
        dossier_output_guard_unblock();
    }
    cpus = sysconf(_SC_NPROCESSORS_ONLN);
    max_jobs = o.jobs ? o.jobs : (unsigned)n;
    if (!o.jobs && cpus > 0 && max_jobs > (unsigned)cpus)
        max_jobs = (unsigned)cpus;
    if (max_jobs > MAX_JOBS)
        max_jobs = MAX_JOBS;
    if (max_jobs == 0)
        max_jobs = 1;
    /* Jobs whose temporary file could not be made are already failed. */
    {
        size_t ok = 0;
        for (i = 0; i < n; i++) {
            if (jobs[i].tmp) {
                job t = jobs[ok];
                jobs[ok++] = jobs[i];
                if (ok - 1 != i)
                    jobs[i] = t;
            }
        }
        if (o.no_isolate)
            for (i = 0; i < ok; i++)
                run_in_process(&s, &jobs[i], diags);
        else
            run_isolated(&s, jobs, ok, max_jobs, diags);
    }
    dossier_output_guard_end();
    dossier_render_session_finish(&s);
    for (i = 0; i < n; i++)
        if (jobs[i].status != DOSSIER_OK && st == DOSSIER_OK)
            st = jobs[i].status;
done:
    for (i = 0; i < format_count; i++) {
        free(jobs[i].final);
        free(jobs[i].tmp);
        dossier_buf_free(&jobs[i].in);
    }
    free(jobs);
    return st;
}
