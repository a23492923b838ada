/* status.h - result codes shared by every Dossier API.
 *
 * Numbers are stable: a retired code keeps its number reserved, new codes are
 * appended before DOSSIER_STATUS_COUNT. */
#ifndef DOSSIER_STATUS_H
#define DOSSIER_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dossier_status {
    DOSSIER_OK = 0,
    DOSSIER_ERR_NOMEM = 1,     /* an allocation failed */
    DOSSIER_ERR_IO = 2,        /* a file could not be read or written */
    DOSSIER_ERR_INVALID = 3,   /* the input broke the event model's rules */
    DOSSIER_ERR_LIMIT = 4,     /* the input exceeded a configured limit */
    DOSSIER_ERR_PLUGIN = 5,    /* a plugin could not be loaded */
    DOSSIER_ERR_ABI = 6,       /* a plugin was built for another ABI */
    DOSSIER_ERR_USAGE = 7,     /* the caller passed bad arguments */
    DOSSIER_ERR_RENDER = 8,    /* a plugin reported a failed render */
    DOSSIER_ERR_TIMEOUT = 9,   /* an isolated plugin ran past its time */
    DOSSIER_ERR_CRASH = 10,    /* an isolated plugin died on a signal */
    DOSSIER_ERR_TEMPLATE = 11, /* a template could not be parsed or found */
    DOSSIER_ERR_NOT_FOUND = 12,/* a named thing (plugin, file, key) is absent */
    DOSSIER_STATUS_COUNT
} dossier_status;

/* Describes `status` in English ("out of memory").
 * Returns: a string; unknown values give "unknown status".
 * Ownership: static storage; never free it.
 * Thread-safety: safe. */
const char *dossier_status_str(dossier_status status);

#ifdef __cplusplus
}
#endif
#endif
