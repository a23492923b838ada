/* replay_main.c - runs a fuzz target over files, without libFuzzer.
 *
 * Every fuzz target is also built with this driver in the normal build, so
 * ctest replays the seed corpus and every past crash (corpus/<target>/) on
 * each run, sanitizers or not. Usage: replay FILE_OR_DIR... */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    uint8_t *buf;
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
        fclose(f);
        free(buf);
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    return 0;
}

static int replay(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: no such file %s\n", path);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        struct dirent **names;
        int n = scandir(path, &names, NULL, alphasort), rc = 0, i;
        if (n < 0)
            return 1;
        for (i = 0; i < n; i++) {
            if (names[i]->d_name[0] != '.') {
                char child[4096];
                snprintf(child, sizeof child, "%s/%s", path, names[i]->d_name);
                rc |= replay(child, count);
            }
            free(names[i]);
        }
        free(names);
        return rc;
    }
    (*count)++;
    return replay_file(path);
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int rc = 0, i;
    for (i = 1; i < argc; i++)
        rc |= replay(argv[i], &count);
    printf("replayed %zu inputs\n", count);
    return rc || count == 0;
}
