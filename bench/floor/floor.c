/* floor.c - the benchmark's floor: the cost of Dossier's libraries alone.
 *
 *   floor DIR [-f pdf,xlsx,md] [-o OUTDIR] [--cells N] [--pdf-pages N]
 *             [--pdf-bytes N] [--md-bytes N] [--no-compress] [--pdf-utf8]
 *             [--pdf-bare] [-v]
 *
 * Parses the same input files with libyaml (event loop, no model, no
 * validation: every scalar is copied into one text pool), then writes
 *   - floor.xlsx: N string cells with libxlsxwriter in constant_memory mode,
 *   - floor.pdf:  the same text volume with libharu, DejaVu TrueType faces
 *                 embedded, spread over N pages; as the pdf plugin does, a
 *                 line that fits a single-byte code page (CP1252, CP1250,
 *                 CP1251, CP1253) goes through a simple font with that
 *                 encoding (1 byte per glyph in the content stream), the
 *                 rest through the UTF-8 Type0 font (4 hex digits a glyph);
 *                 --pdf-utf8 sends everything through the Type0 font,
 *                 --pdf-bare writes the N pages with one word each: what
 *                 libharu needs per page before any content (memory bound),
 *   - floor.md:   N bytes of Markdown (scalars and narratives) parsed and
 *                 re-rendered by cmark, as Dossier's digest is normalised.
 * Without the options the volumes follow the input (one cell per scalar,
 * every scalar and narrative once in the PDF and MD); bench/run.sh passes
 * the volumes measured from Dossier's own outputs so both do the same
 * amount of library work. None of Dossier's work (model, references,
 * layout, templates) is done here: it is the cost Dossier cannot go below
 * with these libraries. */
#define _POSIX_C_SOURCE 200809L
#include <cmark.h>
#include <dirent.h>
#include <hpdf.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <xlsxwriter.h>
#include <yaml.h>

typedef struct pool {
    char *data;
    size_t len, cap;
} pool;

static void die(const char *what)
{
    fprintf(stderr, "floor: %s\n", what);
    exit(1);
}

static void pool_add(pool *p, const char *s, size_t n)
{
    if (p->len + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap : 1 << 20;
        while (p->len + n + 1 > cap)
            cap *= 2;
        p->data = realloc(p->data, cap);
        if (!p->data)
            die("out of memory");
        p->cap = cap;
    }
    memcpy(p->data + p->len, s, n);
    p->len += n;
    p->data[p->len++] = '\n';
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;
    if (!f)
        die(path);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
        die(path);
    fclose(f);
    buf[len] = '\0';
    *n = (size_t)len;
    return buf;
}

/* Every scalar of the YAML text goes to `text`; returns the scalar count. */
static size_t parse_yaml(const char *s, size_t n, pool *text)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    size_t count = 0;
    int done = 0;
    if (!yaml_parser_initialize(&parser))
        die("yaml init");
    yaml_parser_set_input_string(&parser, (const unsigned char *)s, n);
    while (!done) {
        if (!yaml_parser_parse(&parser, &ev))
            die("yaml syntax error");
        if (ev.type == YAML_SCALAR_EVENT) {
            pool_add(text, (const char *)ev.data.scalar.value,
                     ev.data.scalar.length);
            count++;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return count;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct input {
    pool text;       /* scalars, one per line */
    pool bodies;     /* narratives */
    size_t scalars;  /* in event files */
    size_t events;
} input;

static void load(const char *dir, input *in)
{
    char path[4096];
    size_t n, cap = 0, count = 0, i;
    char **names = NULL, *buf;
    DIR *d;
    struct dirent *de;
    snprintf(path, sizeof path, "%s/dossier.yaml", dir);
    buf = slurp(path, &n);
    parse_yaml(buf, n, &in->text);
    free(buf);
    snprintf(path, sizeof path, "%s/events", dir);
    if (!(d = opendir(path)))
        die(path);
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 4 || strcmp(de->d_name + l - 3, ".md"))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 256;
            names = realloc(names, cap * sizeof *names);
        }
        names[count++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, by_name);
    for (i = 0; i < count; i++) {
        char *fm, *end;
        snprintf(path, sizeof path, "%s/events/%s", dir, names[i]);
        buf = slurp(path, &n);
        fm = strncmp(buf, "---\n", 4) == 0 ? buf + 4 : NULL;
        end = fm ? strstr(fm, "\n---\n") : NULL;
        if (!end)
            die(path);
        in->scalars += parse_yaml(fm, (size_t)(end + 1 - fm), &in->text);
        pool_add(&in->bodies, end + 5, n - (size_t)(end + 5 - buf));
        free(buf);
        free(names[i]);
    }
    free(names);
    in->events = count;
}

/* ---- xlsx: `cells` string cells, 100 per row, constant memory ---- */
static void write_xlsx(const char *out, const pool *text, size_t cells)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(out, &opt);
    lxw_worksheet *ws;
    size_t i, off = 0;
    char cell[512];
    if (!wb)
        die("xlsx");
    ws = workbook_add_worksheet(wb, "Floor");
    for (i = 0; i < cells; i++) {
        const char *nl = memchr(text->data + off, '\n', text->len - off);
        size_t l = (size_t)(nl - (text->data + off));
        if (l >= sizeof cell)
            l = sizeof cell - 1;
        memcpy(cell, text->data + off, l);
        cell[l] = '\0';
        worksheet_write_string(ws, (lxw_row_t)(i / 100), (lxw_col_t)(i % 100),
                               cell, NULL);
        off = (size_t)(nl + 1 - text->data);
        if (off >= text->len)
            off = 0;
    }
    if (workbook_close(wb) != LXW_NO_ERROR)
        die("xlsx close");
}

/* ---- pdf: `bytes` of text over `pages` pages, lines of <= 90 bytes ---- */
static void hpdf_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)u;
    fprintf(stderr, "floor: libharu error %04X/%u\n", (unsigned)e, (unsigned)d);
    exit(1);
}

/* Walks the scalars and narratives alternately as lines of text. */
typedef struct liner {
    const pool *src[2];
    size_t off;
    int k;
} liner;

/* The next line (at most 90 bytes, cut at a space or a UTF-8 boundary) into
 * buf; returns the bytes it consumed from the source. */
static size_t next_line(liner *L, char buf[128])
{
    const pool *p = L->src[L->k];
    size_t l = 0, cut;
    while (l < 90 && L->off + l < p->len && p->data[L->off + l] != '\n')
        l++;
    cut = l;
    if (l == 90) {
        while (cut > 40 && p->data[L->off + cut] != ' ')
            cut--;
        if (cut == 40)
            for (cut = l; cut > 0 &&
                          ((unsigned char)p->data[L->off + cut] & 0xC0) == 0x80;)
                cut--;
    }
    memcpy(buf, p->data + L->off, cut);
    buf[cut] = '\0';
    /* Skip the space or newline the line ended at, never a character. */
    if (L->off + cut >= p->len || p->data[L->off + cut] == ' ' ||
        p->data[L->off + cut] == '\n')
        cut++;
    L->off += cut;
    if (L->off >= p->len) {
        L->off = 0;
        L->k ^= 1;
    }
    return cut;
}

/* Converts a UTF-8 line to code page `cd`; 0 when every character fits. */
static int to_codepage(iconv_t cd, const char *in, char out[256])
{
    char *ip = (char *)in, *op = out;
    size_t il = strlen(in), ol = 255;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il)
        return -1;
    *op = '\0';
    return 0;
}

#define FLOOR_NCP 4

static void write_pdf(const char *out, const pool *text, const pool *bodies,
                      size_t bytes, size_t pages, int compress, int utf8_only,
                      int bare)
{
    static const char *faces[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
                                  "DejaVuSans-Oblique.ttf",
                                  "DejaVuSans-BoldOblique.ttf",
                                  "DejaVuSansMono.ttf"};
    static const char *cps[FLOOR_NCP] = {"CP1252", "CP1250", "CP1251", "CP1253"};
    HPDF_Doc pdf = HPDF_New(hpdf_error, NULL);
    HPDF_Font font[5], cpfont[2][FLOOR_NCP], cur = NULL;
    iconv_t cd[FLOOR_NCP];
    HPDF_Page page = NULL;
    liner L = {{text, bodies}, 0, 0};
    size_t written = 0, lines = 0, per_page, line = 0, f, k;
    char path[256], buf[128], conv[256];
    /* Count the lines first so that they spread over exactly `pages`. */
    while (!bare && written < bytes) {
        written += next_line(&L, buf);
        lines++;
    }
    per_page = pages ? (lines + pages - 1) / pages : 62;
    L.off = 0;
    L.k = 0;
    written = 0;
    HPDF_SetCompressionMode(pdf, compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
    HPDF_SetPagesConfiguration(pdf, 256); /* a page tree, not one flat array */
    HPDF_UseUTFEncodings(pdf);
    for (f = 0; f < 5; f++) {
        const char *name;
        snprintf(path, sizeof path, "/usr/share/fonts/truetype/dejavu/%s",
                 faces[f]);
        name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
        font[f] = HPDF_GetFont(pdf, name, "UTF-8");
        for (k = 0; f < 2 && k < FLOOR_NCP; k++)
            cpfont[f][k] = HPDF_GetFont(pdf, name, cps[k]);
    }
    for (k = 0; k < FLOOR_NCP; k++)
        if ((cd[k] = iconv_open(cps[k], "UTF-8")) == (iconv_t)-1)
            die("iconv_open");
    while (bare && line < pages) {
        /* One word a page: libharu's own cost of a page, nothing else. */
        page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, cpfont[0][0], 9);
        HPDF_Page_TextOut(page, 50, 800, "page");
        HPDF_Page_EndText(page);
        page = NULL;
        line++;
    }
    while (!bare && written < bytes) {
        size_t face = (line / per_page) % 2;
        HPDF_Font use = font[face];
        const char *show = buf;
        if (line % per_page == 0) {
            if (page)
                HPDF_Page_EndText(page);
            page = HPDF_AddPage(pdf);
            HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
            HPDF_Page_BeginText(page);
            HPDF_Page_MoveTextPos(page, 50, 800);
            cur = NULL;
        }
        written += next_line(&L, buf);
        for (k = 0; !utf8_only && k < FLOOR_NCP; k++)
            if (to_codepage(cd[k], buf, conv) == 0) {
                use = cpfont[face][k];
                show = conv;
                break;
            }
        if (use != cur) {
            HPDF_Page_SetFontAndSize(page, use, 9);
            cur = use;
        }
        HPDF_Page_ShowText(page, show);
        HPDF_Page_MoveTextPos(page, 0, -12);
        line++;
    }
    if (page)
        HPDF_Page_EndText(page);
    for (k = 0; k < FLOOR_NCP; k++)
        iconv_close(cd[k]);
    if (HPDF_SaveToFile(pdf, out) != HPDF_OK)
        die("pdf save");
    HPDF_Free(pdf);
}

static void md_put(pool *p, const char *s, size_t n)
{
    pool_add(p, s, n);
    p->len--; /* pool_add ends with a newline; here the caller decides */
}

/* ---- md: `bytes` of Markdown, parsed and rendered by cmark ---- */
static void write_md(const char *out, const pool *text, const pool *bodies,
                     size_t bytes)
{
    pool md = {0};
    cmark_node *doc;
    char *res;
    FILE *f;
    /* Twenty scalars as list items, then about 3 KB of narrative cut at a
     * line end, and again: roughly the mix of a digest. */
    size_t toff = 0, boff = 0, i;
    while (md.len < bytes) {
        for (i = 0; i < 20 && md.len < bytes; i++) {
            const char *line = text->data + toff;
            const char *nl = memchr(line, '\n', text->len - toff);
            md_put(&md, "- ", 2);
            md_put(&md, line, (size_t)(nl + 1 - line));
            toff = (size_t)(nl + 1 - text->data);
            if (toff >= text->len)
                toff = 0;
        }
        md_put(&md, "\n", 1);
        while (md.len < bytes) {
            const char *line = bodies->data + boff;
            const char *nl = memchr(line, '\n', bodies->len - boff);
            md_put(&md, line, (size_t)(nl + 1 - line));
            boff = (size_t)(nl + 1 - bodies->data);
            if (boff >= bodies->len)
                boff = 0;
            if (boff % 3000 < (size_t)(nl + 1 - line))
                break;
        }
        md_put(&md, "\n", 1);
    }
    doc = cmark_parse_document(md.data, md.len, CMARK_OPT_DEFAULT);
    res = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    if (!(f = fopen(out, "wb")) || fwrite(res, 1, strlen(res), f) != strlen(res))
        die(out);
    fclose(f);
    free(res);
    cmark_node_free(doc);
    free(md.data);
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *formats = "pdf,xlsx,md", *outdir = ".";
    size_t cells = 0, pdf_pages = 0, pdf_bytes = 0, md_bytes = 0;
    int verbose = 0, compress = 1, utf8_only = 0, bare = 0, i;
    input in = {0};
    char out[4096];
    double t0 = now(), t;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-v"))
            verbose = 1;
        else if (!strcmp(a, "--no-compress"))
            compress = 0;
        else if (!strcmp(a, "--pdf-utf8"))
            utf8_only = 1;
        else if (!strcmp(a, "--pdf-bare"))
            bare = 1;
        else if (v && !strcmp(a, "-f"))
            formats = argv[++i];
        else if (v && !strcmp(a, "-o"))
            outdir = argv[++i];
        else if (v && !strcmp(a, "--cells"))
            cells = strtoull(argv[++i], NULL, 10);
        else if (v && !strcmp(a, "--pdf-pages"))
            pdf_pages = strtoull(argv[++i], NULL, 10);
        else if (v && !strcmp(a, "--pdf-bytes"))
            pdf_bytes = strtoull(argv[++i], NULL, 10);
        else if (v && !strcmp(a, "--md-bytes"))
            md_bytes = strtoull(argv[++i], NULL, 10);
        else if (a[0] != '-' && !dir)
            dir = a;
        else {
            fprintf(stderr, "usage: floor DIR [-f pdf,xlsx,md] [-o OUTDIR] "
                            "[--cells N] [--pdf-pages N] [--pdf-bytes N] "
                            "[--md-bytes N] [--no-compress] [--pdf-utf8] [--pdf-bare] [-v]\n");
            return 2;
        }
    }
    if (!dir)
        die("no input folder");
    mkdir(outdir, 0777);
    load(dir, &in);
    if (verbose)
        fprintf(stderr, "parse=%.3fs events=%zu scalars=%zu text=%zu body=%zu\n",
                now() - t0, in.events, in.scalars, in.text.len, in.bodies.len);
    if (!cells)
        cells = in.scalars;
    if (!pdf_bytes)
        pdf_bytes = in.text.len + in.bodies.len;
    if (!md_bytes)
        md_bytes = in.text.len + in.bodies.len;
    if (strstr(formats, "xlsx")) {
        t = now();
        snprintf(out, sizeof out, "%s/floor.xlsx", outdir);
        write_xlsx(out, &in.text, cells);
        if (verbose)
            fprintf(stderr, "xlsx=%.3fs cells=%zu\n", now() - t, cells);
    }
    if (strstr(formats, "pdf")) {
        t = now();
        snprintf(out, sizeof out, "%s/floor.pdf", outdir);
        write_pdf(out, &in.text, &in.bodies, pdf_bytes, pdf_pages, compress,
                  utf8_only, bare);
        if (verbose)
            fprintf(stderr, "pdf=%.3fs bytes=%zu\n", now() - t, pdf_bytes);
    }
    if (strstr(formats, "md")) {
        t = now();
        snprintf(out, sizeof out, "%s/floor.md", outdir);
        write_md(out, &in.text, &in.bodies, md_bytes);
        if (verbose)
            fprintf(stderr, "md=%.3fs bytes=%zu\n", now() - t, md_bytes);
    }
    free(in.text.data);
    free(in.bodies.data);
    if (verbose)
        fprintf(stderr, "total=%.3fs\n", now() - t0);
    return 0;
}
