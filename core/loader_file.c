/* loader_file.c - reading one input file (see loader_file_internal.h).
 * The file is read in one read() into one buffer: inputs are bounded by
 * max_file_bytes, and one buffer keeps the parse cache-friendly. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader_file_internal.h"

/* Explains why `path` cannot be opened, telling links apart. */
static void open_error(const char *path, int err, dossier_diags *diags)
{
    struct stat st;
    if (err == ELOOP) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL,
                          "symbolic link loop");
        return;
    }
    if (err == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char target[1024];
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        target[n > 0 ? n : 0] = '\0';
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL,
                          "symbolic link leads nowhere (target '%s' does not exist)", target);
        return;
    }
    dossier_diags_add(diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL, "cannot read the file: %s",
                      strerror(err));
}

dossier_status dossier_read_file(const char *path, size_t max_bytes, char **text,
                                 size_t *len, dossier_diags *diags)
{
    struct stat st;
    char *buf;
    size_t got = 0;
    int fd;
    *text = NULL;
    *len = 0;
    /* O_NONBLOCK: a FIFO posing as an event file must not hang the load;
     * it is then refused as "not a regular file". */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        open_error(path, errno, diags);
        return DOSSIER_ERR_IO;
    }
    if (fstat(fd, &st) != 0) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL,
                          "cannot read the file: %s", strerror(errno));
        close(fd);
        return DOSSIER_ERR_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL,
                          S_ISDIR(st.st_mode) ? "is a folder, not a file"
                                              : "is not a regular file");
        close(fd);
        return DOSSIER_ERR_IO;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, path, 0, 0,
                          "raise the limit with --max-file-size",
                          "file of %lld bytes is larger than the limit of %zu bytes",
                          (long long)st.st_size, max_bytes);
        close(fd);
        return DOSSIER_ERR_LIMIT;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        close(fd);
        return DOSSIER_ERR_NOMEM;
    }
    /* Usually one read; loop in case of short reads (e.g. network files). */
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            dossier_diags_add(diags, DOSSIER_SEV_ERROR, path, 0, 0, NULL,
                              "cannot read the file: %s", strerror(errno));
            free(buf);
            close(fd);
            return DOSSIER_ERR_IO;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    buf[got] = '\0';
    *text = buf;
    *len = got;
    return DOSSIER_OK;
}
