/* render_internal.h - state shared by the renderer, the host API table and
 * the child-to-parent diagnostics pipe. */
#ifndef DOSSIER_RENDER_INTERNAL_H
#define DOSSIER_RENDER_INTERNAL_H

#include <sys/types.h>

#include "dossier/host.h"
#include "dossier/plugin.h"
#include "dossier/value.h"

/* One dossier_render() call. */
typedef struct dossier_render_session {
    const dossier_model *model;
    const dossier_render_options *opts;
    dossier_data *model_data; /* built on first use (per process) */
    int model_data_failed;
} dossier_render_session;

/* One plugin instance's view of the host (opaque to plugins). */
struct dossier_render_ctx {
    dossier_render_session *session;
    const char *format;
    int pipe_fd;           /* isolated: diagnostics go to the parent */
    dossier_diags *diags;  /* in-process: diagnostics go here */
    size_t errors;         /* errors reported so far */
    char **paths;          /* find_template results, owned */
    size_t path_count;
    /* Which of session->opts->options the plugin asked for (one byte each,
     * allocated on the first option() call), so that a misspelt -O key can
     * be reported instead of silently ignored. */
    unsigned char *asked;
    int asked_failed;      /* calloc failed: the warnings are skipped */
};

/* The host API table handed to create(). */
const dossier_host_api *dossier_host_api_table(void);

void dossier_render_ctx_init(struct dossier_render_ctx *ctx,
                             dossier_render_session *session,
                             const char *format, int pipe_fd,
                             dossier_diags *diags);
void dossier_render_ctx_finish(struct dossier_render_ctx *ctx);

/* Warns about each -O option of this format that the plugin never asked for
 * through api->option (a misspelt key, or one this plugin does not have).
 * FORMAT.output is the host's own and never counts. */
void dossier_render_ctx_warn_unread(struct dossier_render_ctx *ctx);

/* Adds a diagnostic for this format: to `diags` or down the pipe. The
 * message is prefixed with "FORMAT: ". */
void dossier_render_ctx_add(struct dossier_render_ctx *ctx,
                            dossier_severity sev, const char *file,
                            unsigned line, unsigned col, const char *hint,
                            const char *msg);

/* Frees what the session built lazily (the model data). */
void dossier_render_session_finish(dossier_render_session *session);

/* Pipe records, child to parent. Writes never fail silently: they return -1
 * and the parent notices a missing status record. */
int dossier_wire_send_diag(int fd, dossier_severity sev, const char *file,
                           unsigned line, unsigned col, const char *hint,
                           const char *msg);
int dossier_wire_send_status(int fd, dossier_status status);
/* Decodes `len` bytes of records: appends diagnostics to `diags`, counting
 * errors in *errors. Returns 1 and sets *status when a status record was
 * seen, else 0. Truncated or garbled input stops decoding. */
int dossier_wire_decode(const char *buf, size_t len, dossier_diags *diags,
                        size_t *errors, dossier_status *status);

/* Output files (core/output.c). */
dossier_status dossier_output_prepare_dir(const char *dir, dossier_diags *diags);
/* Creates "DIR/.NAME.XXXXXX"; *tmp is malloc'd. */
dossier_status dossier_output_temp(const char *dir, const char *name, char **tmp,
                                   dossier_diags *diags);
/* fsyncs `tmp`, gives it the umask's permissions and renames it to `final`. */
dossier_status dossier_output_commit(const char *tmp, const char *final,
                                     dossier_diags *diags);

/* While a render runs, SIGINT/SIGTERM/SIGHUP/SIGPIPE remove the registered temporary files
 * and kill registered children, then the signal takes its default effect. */
void dossier_output_guard_begin(void);
void dossier_output_guard_end(void);
int dossier_output_guard_add(const char *tmp); /* slot, or -1 when full */
void dossier_output_guard_set_pid(int slot, pid_t pid);
void dossier_output_guard_remove(int slot); /* also unlinks nothing */
/* In a freshly forked child: default signal dispositions, unblocked. */
void dossier_output_guard_child(void);
/* Blocks those signals around fork(); restore with _unblock. */
void dossier_output_guard_block(void);
void dossier_output_guard_unblock(void);

#endif
