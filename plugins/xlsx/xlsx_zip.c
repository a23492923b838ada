/* xlsx_zip.c - the deflate level of the workbook's zip entries.
 *
 * libxlsxwriter 1.1.4 (and upstream to this day) opens every zip entry with
 * zlib's default level 6 and offers no option for it. At 1,000 events that
 * is 0.33 s of the render's ~0.5 s; level 3 takes 0.10 s for a file 20%
 * larger (2.35 instead of 1.95 MB), measured in docs/XLSX.md.
 *
 * So this file defines minizip's zipOpenNewFileInZip4_64, the one call
 * libxlsxwriter makes to open an entry, and forwards it to the real one
 * with the level chosen here. It takes effect through ordinary ELF symbol
 * lookup: the host dlopens xlsx.so with RTLD_LOCAL, and libxlsxwriter's
 * references are resolved in the global scope first, then in the scope of
 * the object that loaded it, where xlsx.so comes before libminizip. When it
 * does not take effect (libminizip already in the global scope, a
 * libxlsxwriter built with its bundled minizip), the entries are simply
 * written at level 6, as before. The test xlsx.zip_level checks that it is
 * in effect (minizip records levels 1, 2 and 8-9 in each entry's flags).
 *
 * minizip's header (libminizip-dev) is not needed: the prototype below is
 * minizip 1.1's, where zipFile is a pointer and uInt/uLong are unsigned
 * int/long; the pointers are passed through untouched. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>

#include "xlsx_internal.h"

/* One render at a time per process (the host runs in-process renders one
 * after another), so a file-static level is enough; -1 leaves the level
 * libxlsxwriter asks for. */
static int zip_level = -1;

void xlsx_zip_set_level(int level)
{
    zip_level = level;
}

/* Exported (plugins are built with hidden visibility) so that the dynamic
 * linker can find it for libxlsxwriter. */
__attribute__((visibility("default")))
int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
                            const void *extra_local, unsigned extra_local_len,
                            const void *extra_global, unsigned extra_global_len,
                            const char *comment, int method, int level, int raw,
                            int window_bits, int mem_level, int strategy,
                            const char *password, unsigned long crc_for_crypting,
                            unsigned long version_made_by, unsigned long flag_base,
                            int zip64)
{
    /* ISO C has no object-to-function pointer conversion; POSIX dlsym
     * guarantees it, so go through a union instead of a cast. */
    static union {
        void *obj;
        __typeof__(&zipOpenNewFileInZip4_64) fn; /* this very signature */
    } real;
    if (!real.obj)
        real.obj = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    if (!real.obj)
        return -104; /* ZIP_INTERNALERROR: libxlsxwriter reports the failure */
    if (zip_level >= 0)
        level = zip_level;
    return real.fn(file, filename, zipfi, extra_local, extra_local_len,
                   extra_global, extra_global_len, comment, method, level, raw,
                   window_bits, mem_level, strategy, password, crc_for_crypting,
                   version_made_by, flag_base, zip64);
}
