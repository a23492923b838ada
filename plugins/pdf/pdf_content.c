/* pdf_content.c - the operators of a page's content stream.
 *
 * With libharu 2.3.x (PDF_DIRECT) the plugin writes them itself into
 * D->cs, which pdf_pack.c deflates when the page is left. libharu's own
 * calls cost more than the text they write: every number is formatted
 * with 5 decimals into a cleared 512-byte buffer, every string is
 * measured again, escaped to octal and copied through a memory stream.
 * Here colours get 3 decimals (1/1000 is finer than 8-bit colour),
 * positions 5 as before, trailing zeros dropped; bytes from 0x80 are
 * written raw (legal in a literal string).
 *
 * What libharu did besides writing still happens: a font is registered
 * in the page's resources (HPDF_Page_GetLocalFontName) and every code
 * drawn is measured once through HPDF_Font_TextWidth, which marks its
 * glyph for the embedded subset and its width for the font's /Widths.
 * A string of zero width is not shown, as HPDF_Page_ShowText does.
 *
 * Other libharu versions draw through its public calls (the same
 * operators, libharu's number format). */
#include <string.h>

#include "pdf_internal.h"

#if PDF_DIRECT

/* Room for n more bytes at the end of D->cs, or NULL (out of memory). */
static char *reserve(pdf_doc *D, size_t n)
{
    pdf_str *s = &D->cs;
    if (s->cap - s->len < n + 1 && pdf_grow(&s->data, &s->cap, s->len + n + 1, 1) != 0) {
        D->oom = 1;
        return NULL;
    }
    return s->data + s->len;
}

static void put(pdf_doc *D, const char *p, size_t n)
{
    char *o = reserve(D, n);
    if (o) {
        memcpy(o, p, n);
        D->cs.len += n;
    }
}

/* x in units of 10^-dec, rounded half away from zero. */
static long fixed(float x, double scale)
{
    double v = (double)x * scale;
    /* Layout never makes such values; converting NaN or an out-of-range
     * double to long would be undefined, and put_fixed cannot negate
     * LONG_MIN, so anything beyond ±1e15 units is drawn at 0. */
    if (!(v > -1e15 && v < 1e15))
        return 0;
    return (long)(v < 0 ? v - 0.5 : v + 0.5);
}

/* Writes v / 10^dec (dec <= 5) without trailing zeros ("12", "-0.5",
 * "795.81"): digits two at a time from a table, no division in a loop
 * the compiler cannot turn into multiplications. */
static char *put_fixed(char *p, long v, int dec)
{
    static const unsigned long scale[] = {1, 10, 100, 1000, 10000, 100000};
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char tmp[24], *t = tmp + sizeof tmp;
    unsigned long u, ip, fp;
    int d;
    if (v < 0) {
        *p++ = '-';
        u = (unsigned long)-v;
    } else {
        u = (unsigned long)v;
    }
    ip = u / scale[dec];
    fp = u % scale[dec];
    while (ip >= 100) {
        t -= 2;
        memcpy(t, pairs + 2 * (ip % 100), 2);
        ip /= 100;
    }
    if (ip >= 10) {
        t -= 2;
        memcpy(t, pairs + 2 * ip, 2);
    } else {
        *--t = (char)('0' + ip);
    }
    memcpy(p, t, (size_t)(tmp + sizeof tmp - t));
    p += tmp + sizeof tmp - t;
    if (fp) {
        d = dec;
        while (fp % 10 == 0) {
            fp /= 10;
            d--;
        }
        *p++ = '.';
        p += d;
        for (t = p; d > 0; d--) {
            *--t = (char)('0' + fp % 10);
            fp /= 10;
        }
    }
    return p;
}

static float unit(float c)
{
    return c < 0 ? 0 : c > 1 ? 1 : c;
}

/* Writes "r g b OP\n". */
static void put_rgb(pdf_doc *D, pdf_rgb c, const char *op)
{
    char *p = reserve(D, 3 * 8 + 4);
    if (!p)
        return;
    p = put_fixed(p, fixed(unit(c.r), 1000), 3);
    *p++ = ' ';
    p = put_fixed(p, fixed(unit(c.g), 1000), 3);
    *p++ = ' ';
    p = put_fixed(p, fixed(unit(c.b), 1000), 3);
    *p++ = ' ';
    *p++ = op[0];
    *p++ = op[1];
    *p++ = '\n';
    D->cs.len = (size_t)(p - D->cs.data);
}

/* The page D->page becomes the one D->cs holds; a packed page gets a new
 * content stream. Returns 0 when there is nothing to draw on. */
static int target(pdf_doc *D)
{
    if (!D->page || D->oom)
        return 0;
    if (D->gs_page != D->page) {
        pdf_page_flush(D); /* a page left unpacked keeps what was drawn */
        pdf_page_reopen(D, D->page);
        D->gs_page = D->page;
        D->gs_has_font = 0;
        D->gs_has_fill = 0;
        D->cs.len = 0;
        D->cs_text = 0;
        D->cs_name_count = 0;
    }
    return 1;
}

void pdf_cs_close(pdf_doc *D)
{
    if (D->cs_text) {
        put(D, "ET\n", 3);
        D->cs_text = 0;
    }
}

void pdf_cs_begin_text(pdf_doc *D)
{
    if (!target(D) || D->cs_text)
        return;
    put(D, "BT\n", 3);
    D->cs_text = 1;
    D->cs_tx = 0;
    D->cs_ty = 0;
}

/* One text object spanning consecutive lines (relative Td, no ET BT)
 * saved 0.7% of the instructions and 3.5% of the file, but the summed
 * positions moved a few paragraph gaps across pdftotext -layout's
 * blank-line threshold: each line keeps its own BT..ET. */
void pdf_cs_end_text(pdf_doc *D)
{
    pdf_cs_close(D);
}

void pdf_cs_fill_color(pdf_doc *D, pdf_rgb c)
{
    if (!target(D))
        return;
    if (D->gs_has_fill && D->gs_fill.r == c.r && D->gs_fill.g == c.g && D->gs_fill.b == c.b)
        return;
    put_rgb(D, c, "rg");
    D->gs_fill = c;
    D->gs_has_fill = 1;
}

/* The page's resource name of font ("F3"), registered on first use. */
static const char *font_name(pdf_doc *D, HPDF_Font font)
{
    size_t i;
    const char *name;
    for (i = 0; i < D->cs_name_count; i++)
        if (D->cs_names[i].font == font)
            return D->cs_names[i].name;
    name = HPDF_Page_GetLocalFontName(D->page, font);
    if (!name) {
        if (!D->hpdf_error)
            D->hpdf_error = HPDF_PAGE_INVALID_FONT;
        return NULL;
    }
    if (D->cs_name_count < sizeof D->cs_names / sizeof D->cs_names[0]) {
        D->cs_names[D->cs_name_count].font = font;
        D->cs_names[D->cs_name_count].name = name;
        D->cs_name_count++;
    }
    return name;
}

static void set_font(pdf_doc *D, HPDF_Font font, float size)
{
    const char *name;
    size_t n;
    char *p;
    if (D->gs_has_font && D->gs_font == font && D->gs_size == size)
        return;
    if (!(size > 0 && size <= HPDF_MAX_FONTSIZE)) {
        if (!D->hpdf_error)
            D->hpdf_error = HPDF_PAGE_INVALID_FONT_SIZE;
        return;
    }
    name = font_name(D, font);
    if (!name)
        return;
    n = strlen(name);
    p = reserve(D, n + 16);
    if (!p)
        return;
    *p++ = '/';
    memcpy(p, name, n);
    p += n;
    *p++ = ' ';
    p = put_fixed(p, fixed(size, 1000), 3);
    memcpy(p, " Tf\n", 4);
    D->cs.len = (size_t)(p + 4 - D->cs.data);
    D->gs_font = font;
    D->gs_size = size;
    D->gs_has_font = 1;
}

/* Td to (x, y), relative to the start of the text line before. Text
 * positions keep libharu's 5 decimals: with 2 or 3, `pdftotext -layout`
 * put a space more or less in a few lines of 4,000 pages (its column
 * guess is that sensitive), though nothing moves visibly. */
static void move_to(pdf_doc *D, float x, float y)
{
    long X = fixed(x, 100000), Y = fixed(y, 100000);
    char *p = reserve(D, 2 * 24 + 4);
    if (!p)
        return;
    p = put_fixed(p, X - D->cs_tx, 5);
    *p++ = ' ';
    p = put_fixed(p, Y - D->cs_ty, 5);
    memcpy(p, " Td\n", 4);
    D->cs.len = (size_t)(p + 4 - D->cs.data);
    D->cs_tx = X;
    D->cs_ty = Y;
}

/* The width of one code of a simple font, through libharu: this marks the
 * code used (its /Widths entry) and its glyph (the embedded subset). */
static int16_t code_width(HPDF_Font font, unsigned char c)
{
    HPDF_TextWidth tw = HPDF_Font_TextWidth(font, &c, 1);
    return (int16_t)(tw.width > 32767 ? 32767 : tw.width);
}

/* "(bytes) Tj" in a code-page font, "<UCS-2 hex> Tj" in the UTF-8 Type0
 * font (as libharu's UTF-8 encoder writes it: the CIDs are code points,
 * mapped to glyphs by the font's CIDToGIDMap). */
static void show(pdf_doc *D, HPDF_Font font, const char *b, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    int16_t *w = pdf_font_code_widths(D, font);
    unsigned long total = 0;
    size_t i;
    char *p = reserve(D, 4 * n + 8);
    if (!p)
        return;
    if (w) {
        *p++ = '(';
        for (i = 0; i < n; i++) {
            unsigned char c = (unsigned char)b[i];
            if (w[c] < 0)
                w[c] = code_width(font, c);
            total += (unsigned long)w[c];
            if (c == '\\' || c == '(' || c == ')') {
                *p++ = '\\';
                *p++ = (char)c;
            } else if (c < 0x20) {
                *p++ = '\\';
                *p++ = (char)('0' + (c >> 6));
                *p++ = (char)('0' + ((c >> 3) & 7));
                *p++ = (char)('0' + (c & 7));
            } else {
                *p++ = (char)c;
            }
        }
        *p++ = ')';
    } else {
        size_t len;
        total = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)b, (HPDF_UINT)n).width;
        *p++ = '<';
        for (i = 0; i < n; i += len) {
            uint32_t u = pdf_utf8_decode(b + i, n - i, &len);
            if (u > 0xFFFF)
                u = 0x20; /* as libharu's encoder; cleaned text has none */
            *p++ = hex[(u >> 12) & 15];
            *p++ = hex[(u >> 8) & 15];
            *p++ = hex[(u >> 4) & 15];
            *p++ = hex[u & 15];
        }
        *p++ = '>';
    }
    if (total == 0)
        return; /* HPDF_Page_ShowText shows nothing of zero width */
    memcpy(p, " Tj\n", 4);
    D->cs.len = (size_t)(p + 4 - D->cs.data);
}

void pdf_cs_text(pdf_doc *D, pdf_face face, float size, float x, float y,
                 const char *s, size_t n, int place)
{
    size_t i = 0;
    HPDF_Font ascii;
    if (!target(D))
        return;
    /* printable ASCII, most fragments, goes out as it is in the face's
     * current code-page font: no run splitting, no copy */
    while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
        i++;
    if (i == n && n > 0 && (ascii = pdf_font_ascii(D, face)) != NULL) {
        set_font(D, ascii, size);
        if (place)
            move_to(D, x, y);
        show(D, ascii, s, n);
        return;
    }
    i = 0;
    while (i < n && !pdf_failed(D)) {
        HPDF_Font font = NULL;
        size_t used = pdf_font_run(D, face, s + i, n - i, &font, &D->enc);
        if (used == 0 || !font)
            return;
        set_font(D, font, size);
        if (i == 0 && place)
            move_to(D, x, y);
        show(D, font, D->enc.data, D->enc.len);
        i += used;
    }
}

/* Rectangles keep libharu's 5 decimals too: the lines of a code block's
 * shading meet exactly, as before (2 decimals left hairline seams). */
static void put_rect(pdf_doc *D, float x, float y, float w, float h, const char *paint)
{
    char *p = reserve(D, 4 * 24 + 8);
    if (!p)
        return;
    p = put_fixed(p, fixed(x, 100000), 5);
    *p++ = ' ';
    p = put_fixed(p, fixed(y, 100000), 5);
    *p++ = ' ';
    p = put_fixed(p, fixed(w, 100000), 5);
    *p++ = ' ';
    p = put_fixed(p, fixed(h, 100000), 5);
    memcpy(p, " re\n", 4);
    p += 4;
    *p++ = paint[0];
    *p++ = '\n';
    D->cs.len = (size_t)(p - D->cs.data);
}

void pdf_cs_fill_rect(pdf_doc *D, float x, float y, float w, float h, pdf_rgb c)
{
    if (!target(D))
        return;
    pdf_cs_close(D);
    pdf_cs_fill_color(D, c);
    put_rect(D, x, y, w, h, "f");
}

void pdf_cs_stroke_rect(pdf_doc *D, float x, float y, float w, float h, float line_w,
                        pdf_rgb c)
{
    char *p;
    if (!target(D))
        return;
    pdf_cs_close(D);
    put_rgb(D, c, "RG");
    p = reserve(D, 24 + 4);
    if (!p)
        return;
    p = put_fixed(p, fixed(line_w, 100), 2);
    memcpy(p, " w\n", 3);
    D->cs.len = (size_t)(p + 3 - D->cs.data);
    put_rect(D, x, y, w, h, "S");
}

#else /* libharu's calls */

/* The tracked state belongs to one page's content stream: switching pages
 * (new page, headers drawn afterwards) starts from nothing known. Text
 * state and fill colour survive BT/ET; the plugin never uses q/Q. */
static void gs_sync(pdf_doc *D)
{
    if (D->gs_page != D->page) {
        D->gs_page = D->page;
        D->gs_has_font = 0;
        D->gs_has_fill = 0;
    }
}

void pdf_cs_close(pdf_doc *D)
{
    (void)D;
}

void pdf_cs_begin_text(pdf_doc *D)
{
    if (D->page)
        HPDF_Page_BeginText(D->page);
}

void pdf_cs_end_text(pdf_doc *D)
{
    if (D->page)
        HPDF_Page_EndText(D->page);
}

void pdf_cs_fill_color(pdf_doc *D, pdf_rgb c)
{
    if (!D->page)
        return;
    gs_sync(D);
    if (D->gs_has_fill && D->gs_fill.r == c.r && D->gs_fill.g == c.g && D->gs_fill.b == c.b)
        return;
    HPDF_Page_SetRGBFill(D->page, c.r, c.g, c.b);
    D->gs_fill = c;
    D->gs_has_fill = 1;
}

static void set_font(pdf_doc *D, HPDF_Font font, float size)
{
    gs_sync(D);
    if (D->gs_has_font && D->gs_font == font && D->gs_size == size)
        return;
    HPDF_Page_SetFontAndSize(D->page, font, size);
    D->gs_font = font;
    D->gs_size = size;
    D->gs_has_font = 1;
}

void pdf_cs_text(pdf_doc *D, pdf_face face, float size, float x, float y,
                 const char *s, size_t n, int place)
{
    size_t i = 0;
    if (!D->page)
        return;
    while (i < n) {
        HPDF_Font font = NULL;
        size_t used = pdf_font_run(D, face, s + i, n - i, &font, &D->enc);
        if (used == 0 || !font)
            return;
        set_font(D, font, size);
        if (i == 0 && place)
            HPDF_Page_TextOut(D->page, x, y, D->enc.data);
        else
            HPDF_Page_ShowText(D->page, D->enc.data);
        i += used;
    }
}

void pdf_cs_fill_rect(pdf_doc *D, float x, float y, float w, float h, pdf_rgb c)
{
    if (!D->page)
        return;
    pdf_cs_fill_color(D, c);
    HPDF_Page_Rectangle(D->page, x, y, w, h);
    HPDF_Page_Fill(D->page);
}

void pdf_cs_stroke_rect(pdf_doc *D, float x, float y, float w, float h, float line_w,
                        pdf_rgb c)
{
    if (!D->page)
        return;
    HPDF_Page_SetRGBStroke(D->page, c.r, c.g, c.b);
    HPDF_Page_SetLineWidth(D->page, line_w);
    HPDF_Page_Rectangle(D->page, x, y, w, h);
    HPDF_Page_Stroke(D->page);
}

#endif
