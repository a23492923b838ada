/* output.c - output files that appear whole or not at all.
 *
 * A format renders into "OUTDIR/.NAME.XXXXXX" (mkstemp, same filesystem as
 * the final file); only a successful render is fsynced and renamed over NAME,
 * so a failed, crashed or interrupted render leaves the previous NAME as it
 * was. While a render runs, SIGINT/SIGTERM/SIGHUP/SIGPIPE remove the temporary files (and
 * kill the children writing them) before the signal takes effect. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf_internal.h"
#include "render_internal.h"

/* mkdir -p; a path that exists must be a directory we can write into. */
dossier_status dossier_output_prepare_dir(const char *dir, dossier_diags *diags)
{
    char path[PATH_MAX];
    struct stat st;
    size_t i, n = strlen(dir);

    if (n == 0 || n >= sizeof path) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "invalid output directory '%s'", dir);
        return DOSSIER_ERR_USAGE;
    }
    memcpy(path, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                              "cannot create output directory '%s': %s", path,
                              strerror(errno));
            return DOSSIER_ERR_IO;
        }
        if (i < n)
            path[i] = '/';
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "output directory '%s' is not a directory", dir);
        return DOSSIER_ERR_IO;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "cannot write into output directory '%s': %s", dir,
                          strerror(errno));
        return DOSSIER_ERR_IO;
    }
    return DOSSIER_OK;
}

dossier_status dossier_output_temp(const char *dir, const char *name, char **tmp,
                                   dossier_diags *diags)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    int fd;
    *tmp = NULL;
    dossier_buf_printf(&b, "%s/.%s.XXXXXX", dir, name);
    if (b.failed)
        return DOSSIER_ERR_NOMEM;
    fd = mkstemp(b.data);
    if (fd < 0) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "cannot create a temporary file in '%s': %s", dir,
                          strerror(errno));
        dossier_buf_free(&b);
        return DOSSIER_ERR_IO;
    }
    close(fd);
    *tmp = dossier_buf_detach(&b, NULL);
    return DOSSIER_OK;
}

static mode_t file_mode(void)
{
    /* mkstemp gives 0600; a finished output gets what open() would give. */
    mode_t mask = umask(022);
    umask(mask);
    return (mode_t)(0666 & ~mask);
}

static void sync_dir_of(const char *path)
{
    char dir[PATH_MAX];
    char *slash;
    int fd;
    snprintf(dir, sizeof dir, "%s", path);
    slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* best effort: some filesystems refuse */
        close(fd);
    }
}

dossier_status dossier_output_commit(const char *tmp, const char *final,
                                     dossier_diags *diags)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "cannot write '%s': the temporary file '%s' is gone "
                          "or not a regular file", final, tmp);
        if (fd >= 0)
            close(fd);
        return DOSSIER_ERR_IO;
    }
    if (fsync(fd) != 0 || fchmod(fd, file_mode()) != 0) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "cannot write '%s': %s", final, strerror(errno));
        close(fd);
        return DOSSIER_ERR_IO;
    }
    close(fd);
    if (rename(tmp, final) != 0) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, NULL, 0, 0, NULL,
                          "cannot write '%s': %s", final, strerror(errno));
        return DOSSIER_ERR_IO;
    }
    sync_dir_of(final);
    return DOSSIER_OK;
}

/* ---- signal guard ------------------------------------------------------ */

#define GUARD_SLOTS 64

/* Read by the signal handler: only fixed-size storage and sig_atomic_t
 * flags, published after the path is complete. */
static struct {
    volatile sig_atomic_t used;
    volatile pid_t pid;
    char path[PATH_MAX];
} guard[GUARD_SLOTS];
/* Signals that end the process: each one first cleans up. SIGHUP is a
 * closed terminal, SIGPIPE a closed stderr pipe (`dossier render | head`). */
static const int guard_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define GUARD_NSIG (sizeof guard_signals / sizeof guard_signals[0])
static struct sigaction guard_old[GUARD_NSIG];
static int guard_active;

static void guard_handler(int sig)
{
    int i;
    for (i = 0; i < GUARD_SLOTS; i++) {
        if (!guard[i].used)
            continue;
        if (guard[i].pid > 0) {
            kill(-guard[i].pid, SIGKILL);
            kill(guard[i].pid, SIGKILL);
        }
        unlink(guard[i].path);
    }
    signal(sig, SIG_DFL);
    raise(sig); /* delivered when the handler returns: default action */
}

static void guard_set(sigset_t *set)
{
    size_t i;
    sigemptyset(set);
    for (i = 0; i < GUARD_NSIG; i++)
        sigaddset(set, guard_signals[i]);
}

void dossier_output_guard_begin(void)
{
    struct sigaction sa;
    size_t i;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = guard_handler;
    guard_set(&sa.sa_mask);
    for (i = 0; i < GUARD_NSIG; i++) {
        sigaction(guard_signals[i], &sa, &guard_old[i]);
        /* A signal the caller ignores (nohup, SIGPIPE) stays ignored. */
        if (guard_old[i].sa_handler == SIG_IGN)
            sigaction(guard_signals[i], &guard_old[i], NULL);
    }
    guard_active = 1;
}

void dossier_output_guard_end(void)
{
    size_t i;
    if (!guard_active)
        return;
    for (i = 0; i < GUARD_NSIG; i++)
        sigaction(guard_signals[i], &guard_old[i], NULL);
    for (i = 0; i < GUARD_SLOTS; i++)
        guard[i].used = 0;
    guard_active = 0;
}

int dossier_output_guard_add(const char *tmp)
{
    int i;
    if (strlen(tmp) >= PATH_MAX)
        return -1;
    for (i = 0; i < GUARD_SLOTS; i++) {
        if (guard[i].used)
            continue;
        guard[i].pid = 0;
        memcpy(guard[i].path, tmp, strlen(tmp) + 1);
        guard[i].used = 1;
        return i;
    }
    return -1;
}

void dossier_output_guard_set_pid(int slot, pid_t pid)
{
    if (slot >= 0 && slot < GUARD_SLOTS)
        guard[slot].pid = pid;
}

void dossier_output_guard_remove(int slot)
{
    if (slot >= 0 && slot < GUARD_SLOTS)
        guard[slot].used = 0;
}

void dossier_output_guard_block(void)
{
    sigset_t set;
    guard_set(&set);
    sigprocmask(SIG_BLOCK, &set, NULL);
}

void dossier_output_guard_unblock(void)
{
    sigset_t set;
    guard_set(&set);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void dossier_output_guard_child(void)
{
    size_t i;
    for (i = 0; i < GUARD_NSIG; i++)
        signal(guard_signals[i], SIG_DFL);
    dossier_output_guard_unblock();
}
