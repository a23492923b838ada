/* pdf_fonts.c - embedded TrueType fonts and text measurement.
 *
 * Each face's TrueType file is loaded (and embedded) once. Text is drawn
 * with simple fonts of the face in single-byte code pages where it fits
 * (pdf_codepage.c) and with a Type0 font through libharu's UTF-8 encoder
 * for the rest, so any text the fonts cover prints and copy-pastes. The
 * Type0 font is made on first use: libharu maps all 65,536 code points to
 * glyphs when it makes one (~10% of a 100-event render for three faces).
 * Widths come from the font's glyph metrics per code point
 * (HPDF_Font_GetUnicodeWidth, the same for every font of a face), cached
 * per face, because the line breaker measures every character. */
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

uint32_t pdf_utf8_decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c;
    size_t need, i;
    if (n == 0) {
        *len = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    if ((u[0] & 0xE0) == 0xC0) {
        need = 2;
        c = u[0] & 0x1F;
    } else if ((u[0] & 0xF0) == 0xE0) {
        need = 3;
        c = u[0] & 0x0F;
    } else if ((u[0] & 0xF8) == 0xF0) {
        need = 4;
        c = u[0] & 0x07;
    } else {
        *len = 1;
        return 0xFFFD;
    }
    if (need > n) {
        *len = 1;
        return 0xFFFD;
    }
    for (i = 1; i < need; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    *len = need;
    return c;
}

static void put_cp(pdf_str *out, uint32_t c)
{
    char b[3];
    if (c < 0x80) {
        b[0] = (char)c;
        pdf_str_append(out, b, 1);
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        pdf_str_append(out, b, 2);
    } else {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        pdf_str_append(out, b, 3);
    }
}

void pdf_text_clean(pdf_str *out, const char *s, size_t n, int keep_newlines)
{
    size_t i = 0, len;
    while (i < n) {
        uint32_t c;
        size_t j = i;
        /* printable ASCII, most of the text, is copied a run at a time */
        while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
            j++;
        if (j > i) {
            pdf_str_append(out, s + i, j - i);
            i = j;
            continue;
        }
        c = pdf_utf8_decode(s + i, n - i, &len);
        i += len;
        if (c == '\t')
            pdf_str_append(out, "    ", keep_newlines ? 4 : 1);
        else if (c == '\n' || c == '\r')
            pdf_str_append(out, keep_newlines && c == '\n' ? "\n" : " ", 1);
        else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
            continue;
        else if (c > 0xFFFF || (c >= 0xD800 && c < 0xE000))
            put_cp(out, 0xFFFD); /* libharu's UTF-8 encoder stops at the BMP */
        else
            put_cp(out, c);
    }
}

pdf_hpdf_state pdf_tolerate_begin(pdf_doc *D)
{
    pdf_hpdf_state saved = {D->hpdf_error, D->hpdf_detail};
    D->hpdf_error = 0;
    return saved;
}

int pdf_tolerate_end(pdf_doc *D, pdf_hpdf_state saved)
{
    int failed = D->hpdf_error != 0;
    if (failed)
        HPDF_ResetError(D->pdf);
    D->hpdf_error = saved.error;
    D->hpdf_detail = saved.detail;
    return failed;
}

static int load_one(pdf_doc *D, pdf_face f)
{
    const char *path = D->style->font_path[f];
    const char *name;
    /* a lazy load happens mid-render: keep an error recorded before it */
    pdf_hpdf_state saved = pdf_tolerate_begin(D);
    HPDF_Font font = NULL;
    name = HPDF_LoadTTFontFromFile(D->pdf, path, HPDF_TRUE);
    /* the face's Western font; its widths serve for any code point */
    if (name && !D->hpdf_error)
        font = HPDF_GetFont(D->pdf, name, "CP1252");
    if (pdf_tolerate_end(D, saved) || !name || !font) {
        D->fonts.font[f] = NULL;
        return -1;
    }
    D->fonts.font[f] = font;
    D->fonts.ttf_name[f] = name;
    return 0;
}

HPDF_Font pdf_font(pdf_doc *D, pdf_face f)
{
    /* Fallbacks when a face is missing: italic -> regular, bold italic ->
     * bold, mono -> regular. Only the regular face is required. */
    static const pdf_face fallback[PDF_FACE_COUNT] = {
        PDF_FACE_REGULAR, PDF_FACE_REGULAR, PDF_FACE_REGULAR, PDF_FACE_BOLD,
        PDF_FACE_REGULAR};
    if ((unsigned)f >= PDF_FACE_COUNT)
        f = PDF_FACE_REGULAR;
    if (D->fonts.tried[f])
        return D->fonts.font[f];
    D->fonts.tried[f] = 1;
    if (load_one(D, f) == 0 || f == PDF_FACE_REGULAR)
        return D->fonts.font[f];
    D->api->report(D->ctx, DOSSIER_SEV_WARNING, D->style->font_path[f], 0, 0,
                   "pdf: cannot load this TrueType font; using the %s face",
                   fallback[f] == PDF_FACE_BOLD ? "bold" : "regular");
    D->fonts.font[f] = pdf_font(D, fallback[f]);
    D->fonts.ttf_name[f] = D->fonts.ttf_name[fallback[f]];
    return D->fonts.font[f];
}

HPDF_Font pdf_font_type0(pdf_doc *D, pdf_face f)
{
    pdf_fonts *F = &D->fonts;
    if ((unsigned)f >= PDF_FACE_COUNT)
        f = PDF_FACE_REGULAR;
    if (!F->type0_tried[f]) {
        F->type0_tried[f] = 1;
        /* a failure here is libharu's (memory): it stays recorded */
        if (pdf_font(D, f) && F->ttf_name[f])
            F->type0[f] = HPDF_GetFont(D->pdf, F->ttf_name[f], "UTF-8");
    }
    return F->type0[f];
}

int pdf_fonts_load(pdf_doc *D)
{
    if (pdf_font(D, PDF_FACE_REGULAR))
        return 0;
    D->api->report(D->ctx, DOSSIER_SEV_ERROR, D->style->font_path[PDF_FACE_REGULAR], 0, 0,
                   "pdf: cannot load the TrueType font (regular face)");
    return -1;
}

void pdf_fonts_free(pdf_fonts *f)
{
    int i;
    for (i = 0; i < PDF_FACE_COUNT; i++)
        free(f->width[i]);
    for (i = 0; i < PDF_CP_COUNT; i++)
        free(f->cp[i]);
    for (i = 0; i < PDF_FACE_COUNT * PDF_CP_COUNT; i++)
        free(f->cp_width[i / PDF_CP_COUNT][i % PDF_CP_COUNT]);
    memset(f, 0, sizeof *f);
}

static int glyph_width(pdf_doc *D, pdf_face face, uint32_t c)
{
    int16_t *cache = D->fonts.width[face];
    int w;
    if (c > 0xFFFF)
        c = 0xFFFD;
    if (!cache) {
        cache = malloc(sizeof(int16_t) * 0x10000);
        if (cache) {
            memset(cache, 0xFF, sizeof(int16_t) * 0x10000); /* all -1 */
            D->fonts.width[face] = cache;
        }
    }
    if (cache && cache[c] >= 0)
        return cache[c];
    w = HPDF_Font_GetUnicodeWidth(pdf_font(D, face), (HPDF_UNICODE)c);
    if (w < 0 || w > 30000)
        w = 600;
    if (cache)
        cache[c] = (int16_t)w;
    return w;
}

float pdf_text_width(pdf_doc *D, pdf_face face, float size, const char *s, size_t n)
{
    size_t i = 0, len;
    long total = 0;
    while (i < n) {
        const int16_t *cache = D->fonts.width[face];
        uint32_t c;
        /* ASCII already measured, most of the text: no decoding, no call */
        if (cache) {
            unsigned char b;
            while (i < n && (b = (unsigned char)s[i]) < 0x80 && cache[b] >= 0) {
                total += cache[b];
                i++;
            }
            if (i == n)
                break;
        }
        c = pdf_utf8_decode(s + i, n - i, &len);
        i += len;
        total += glyph_width(D, face, c);
    }
    return (float)total * size / 1000.0f;
}
