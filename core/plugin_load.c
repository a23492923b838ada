/* plugin_load.c - loading one plugin file and checking its descriptor.
 *
 * The order matters: file permissions, dlopen, the entry symbol, then the
 * descriptor's struct_size and ABI version, and only then any member other
 * than the fixed header. A descriptor is copied (never more bytes than the
 * plugin declared) into a zero-filled host-sized struct, so members a older
 * plugin does not know read as NULL. */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf_internal.h"
#include "plugin_internal.h"
#include "plugin_load_internal.h"

static char *own(const char *s)
{
    return strdup(s ? s : "");
}

static char *fmt_reason(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *fmt_reason(const char *fmt, ...)
{
    dossier_buf b = DOSSIER_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    dossier_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return dossier_buf_detach(&b, NULL);
}

int dossier_plugin_path_check(const char *path, int is_dir, char **reason)
{
    struct stat st;
    const char *what = is_dir ? "plugin directory" : "plugin file";
    *reason = NULL;
    if (stat(path, &st) != 0) {
        int missing = (errno == ENOENT || errno == ENOTDIR);
        *reason = fmt_reason("cannot access %s: %s", what, strerror(errno));
        if (!*reason)
            return DOSSIER_PATH_NOMEM;
        return missing ? DOSSIER_PATH_MISSING : DOSSIER_PATH_UNSAFE;
    }
    if (is_dir && !S_ISDIR(st.st_mode))
        *reason = fmt_reason("not a directory");
    else if (!is_dir && !S_ISREG(st.st_mode))
        *reason = fmt_reason("not a regular file");
    else if (st.st_mode & S_IWOTH)
        *reason = fmt_reason("refusing %s: it is world-writable (mode %04o)",
                             what, (unsigned)(st.st_mode & 07777));
    else if ((st.st_mode & S_IWGRP) && st.st_uid != getuid() && st.st_uid != 0)
        *reason = fmt_reason("refusing %s: it is group-writable and owned by "
                             "uid %u, neither us nor root",
                             what, (unsigned)st.st_uid);
    else
        return DOSSIER_PATH_SAFE;
    return *reason ? DOSSIER_PATH_UNSAFE : DOSSIER_PATH_NOMEM;
}

dossier_status dossier_plugin_rec_refuse(dossier_plugin_rec *r, const char *file,
                                         const char *reason)
{
    if (!r->info.file && !(r->info.file = own(file)))
        return DOSSIER_ERR_NOMEM;
    free((char *)r->info.error);
    r->info.error = own(reason);
    return r->info.error ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
}

dossier_status dossier_plugin_rec_demote(dossier_plugin_rec *r, const char *reason)
{
    dossier_status st = dossier_plugin_rec_refuse(r, r->info.file, reason);
    if (r->handle)
        dlclose(r->handle);
    r->handle = NULL;
    return st;
}

void dossier_plugin_rec_clear(dossier_plugin_rec *r)
{
    free((char *)r->info.name);
    free((char *)r->info.version);
    free((char *)r->info.description);
    free((char *)r->info.default_output);
    free((char *)r->info.file);
    free((char *)r->info.error);
    free(r->real);
    if (r->handle)
        dlclose(r->handle);
    memset(r, 0, sizeof(*r));
}

/* Sets the error to a formatted reason; returns `status` (or NOMEM). */
static dossier_status refuse(dossier_plugin_rec *r, dossier_status status,
                             char *reason)
{
    if (!reason)
        return DOSSIER_ERR_NOMEM;
    free((char *)r->info.error);
    r->info.error = reason;
    if (r->handle)
        dlclose(r->handle);
    r->handle = NULL;
    return status;
}

static int valid_name(const char *name)
{
    const char *p;
    if (!name || !*name || strlen(name) > 64)
        return 0;
    for (p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return 0;
    return 1;
}

static int valid_output_name(const char *s)
{
    return s && *s && !strchr(s, '/') && strcmp(s, ".") != 0 &&
           strcmp(s, "..") != 0 && strlen(s) < 200;
}

/* dlerror() starts with the path; the reason is what follows it. */
static const char *short_dlerror(const char *path)
{
    const char *e = dlerror();
    size_t n = strlen(path);
    if (!e)
        return "unknown error";
    if (strncmp(e, path, n) == 0 && e[n] == ':')
        e += n + 1;
    while (*e == ' ')
        e++;
    return e;
}

/* Checks the fixed header and copies the descriptor; fills the info. */
static dossier_status check_descriptor(dossier_plugin_rec *r,
                                       const dossier_plugin *d)
{
    const size_t ours = sizeof(dossier_plugin);
    const size_t min = DOSSIER_PLUGIN_MIN_SIZE;
    uint32_t size = d->struct_size;
    const char *missing = NULL;

    r->info.abi_major = d->abi_major;
    r->info.abi_minor = d->abi_minor;
    if (size < min)
        return refuse(r, DOSSIER_ERR_ABI,
                      fmt_reason("descriptor struct_size is %u bytes, smaller "
                                 "than the minimum %zu of plugin ABI %d.0",
                                 (unsigned)size, min, DOSSIER_ABI_MAJOR));
    if (size > ours)
        return refuse(r, DOSSIER_ERR_ABI,
                      fmt_reason("descriptor struct_size is %u bytes but this "
                                 "host knows only %zu (plugin built for a "
                                 "newer Dossier, ABI %u.%u; host has %d.%d)",
                                 (unsigned)size, ours, (unsigned)d->abi_major,
                                 (unsigned)d->abi_minor, DOSSIER_ABI_MAJOR,
                                 DOSSIER_ABI_MINOR));
    if (d->abi_major != DOSSIER_ABI_MAJOR)
        return refuse(r, DOSSIER_ERR_ABI,
                      DOSSIER_ABI_MINOR == 0
                          ? fmt_reason("built for plugin ABI %u.%u; this host "
                                       "supports %d.0",
                                       (unsigned)d->abi_major,
                                       (unsigned)d->abi_minor, DOSSIER_ABI_MAJOR)
                          : fmt_reason("built for plugin ABI %u.%u; this host "
                                       "supports %d.0 to %d.%d",
                                       (unsigned)d->abi_major,
                                       (unsigned)d->abi_minor, DOSSIER_ABI_MAJOR,
                                       DOSSIER_ABI_MAJOR, DOSSIER_ABI_MINOR));
    if (d->abi_minor > DOSSIER_ABI_MINOR)
        return refuse(r, DOSSIER_ERR_ABI,
                      fmt_reason("built for plugin ABI %u.%u, newer than this "
                                 "host's %d.%d",
                                 (unsigned)d->abi_major, (unsigned)d->abi_minor,
                                 DOSSIER_ABI_MAJOR, DOSSIER_ABI_MINOR));
    memset(&r->desc, 0, sizeof r->desc);
    memcpy(&r->desc, d, size);
    d = &r->desc;
    if (!d->create)
        missing = "create";
    else if (!d->render)
        missing = "render";
    else if (!d->destroy)
        missing = "destroy";
    if (missing)
        return refuse(r, DOSSIER_ERR_PLUGIN,
                      fmt_reason("required callback '%s' is NULL", missing));
    if (!valid_name(d->name))
        return refuse(r, DOSSIER_ERR_PLUGIN,
                      fmt_reason("invalid plugin name '%.64s': must match "
                                 "[a-z0-9_-]+ (at most 64 characters)",
                                 d->name ? d->name : "(null)"));
    if (!valid_output_name(d->default_output))
        return refuse(r, DOSSIER_ERR_PLUGIN,
                      fmt_reason("invalid default_output '%.64s': must be a "
                                 "plain file name",
                                 d->default_output ? d->default_output : "(null)"));
    if (!(r->info.name = own(d->name)) || !(r->info.version = own(d->version)) ||
        !(r->info.description = own(d->description)) ||
        !(r->info.default_output = own(d->default_output)))
        return DOSSIER_ERR_NOMEM;
    return DOSSIER_OK;
}

dossier_status dossier_plugin_rec_load(dossier_plugin_rec *r, const char *path)
{
    char real[PATH_MAX], dir[PATH_MAX], *reason = NULL, *slash;
    dossier_plugin_entry_fn entry;
    const dossier_plugin *d;
    void *sym;
    int chk;

    if (!(r->info.file = own(path)))
        return DOSSIER_ERR_NOMEM;
    if (!realpath(path, real))
        return refuse(r, DOSSIER_ERR_PLUGIN,
                      fmt_reason("cannot open: %s", strerror(errno)));
    if (!(r->real = strdup(real)))
        return DOSSIER_ERR_NOMEM;
    /* Both the file and the folder holding it must be ours alone, or anyone
     * could swap in code that we would then run. */
    chk = dossier_plugin_path_check(real, 0, &reason);
    if (chk == DOSSIER_PATH_SAFE) {
        snprintf(dir, sizeof dir, "%s", real);
        slash = strrchr(dir, '/');
        if (slash)
            slash[slash == dir ? 1 : 0] = '\0'; /* "/x.so" lives in "/" */
        chk = dossier_plugin_path_check(dir, 1, &reason);
    }
    if (chk == DOSSIER_PATH_NOMEM)
        return DOSSIER_ERR_NOMEM;
    if (chk != DOSSIER_PATH_SAFE)
        return refuse(r, DOSSIER_ERR_PLUGIN, reason);

    dlerror();
    r->handle = dlopen(real, RTLD_NOW | RTLD_LOCAL);
    if (!r->handle)
        return refuse(r, DOSSIER_ERR_PLUGIN,
                      fmt_reason("not a loadable shared object: %s",
                                 short_dlerror(real)));
    dlerror();
    sym = dlsym(r->handle, DOSSIER_PLUGIN_ENTRY_SYMBOL);
    if (!sym)
        return refuse(r, DOSSIER_ERR_PLUGIN,
                      fmt_reason("not a Dossier plugin: no '%s' symbol",
                                 DOSSIER_PLUGIN_ENTRY_SYMBOL));
    /* ISO C forbids object-to-function pointer casts; POSIX requires this
     * one to work, so copy the bits. */
    memcpy(&entry, &sym, sizeof entry);
    d = entry();
    if (!d)
        return refuse(r, DOSSIER_ERR_PLUGIN,
                      fmt_reason("%s() returned NULL", DOSSIER_PLUGIN_ENTRY_SYMBOL));
    return check_descriptor(r, d);
}
