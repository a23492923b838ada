/* pdf_codepage.c - text runs in single-byte code pages.
 *
 * libharu writes text in the UTF-8 Type0 font as hex strings of 2-byte
 * glyph codes: 4 bytes in the content stream per glyph, and every byte
 * stays in memory until the document is saved, then goes through zlib.
 * Most text (English, names, URLs) is ASCII, which a simple TrueType font
 * with a single-byte code page writes as 1 byte per glyph. So a run of
 * text that fits one of a few Windows code pages is drawn with such a font
 * of the same face, and only the rest with the Type0 font. Both fonts
 * share the face's font descriptor, so its font file is embedded once.
 *
 * Text extraction reads a simple font's codes through the glyph names of
 * its /Encoding. A few names map back to another code point than the one
 * drawn (poppler reads "Delta" as U+2206, "Omega" as U+2126, "mu" as
 * U+00B5, and libharu names the soft hyphen "hyphen"): those characters
 * always go through the Type0 font, whose ToUnicode map is exact. */
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

/* In order of preference when several fit the same run. */
static const char *const cp_names[PDF_CP_COUNT] = {"CP1252", "CP1250", "CP1251",
                                                   "CP1253", "CP1254", "CP1257"};

/* Characters whose glyph name does not read back as themselves. */
static int ambiguous_name(uint32_t u)
{
    return u == 0x00AD || u == 0x0394 || u == 0x03A9 || u == 0x03BC || u == 0x2219;
}

static int cmp_u16(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b; /* packed: code point << 8 | byte */
    return *x < *y ? -1 : *x > *y;
}

/* Builds the table of code page k from libharu's encoder, so that the bytes
 * written are exactly the ones its /Encoding describes. 0 when usable. */
static int build_map(pdf_doc *D, int k)
{
    HPDF_Encoder enc;
    pdf_cpmap *m;
    uint32_t packed[128];
    size_t n = 0, i;
    unsigned code;
    pdf_hpdf_state saved = pdf_tolerate_begin(D);
    enc = HPDF_GetEncoder(D->pdf, cp_names[k]);
    if (pdf_tolerate_end(D, saved) || !enc)
        return -1;
    /* ASCII must be itself: the runs copy it through unchanged */
    for (code = 0x20; code < 0x7F; code++)
        if (HPDF_Encoder_GetUnicode(enc, (HPDF_UINT16)code) != code)
            return -1;
    for (code = 0x80; code <= 0xFF; code++) {
        HPDF_UNICODE u = HPDF_Encoder_GetUnicode(enc, (HPDF_UINT16)code);
        const char *g;
        if (u < 0xA0 || ambiguous_name(u))
            continue;
        g = HPDF_UnicodeToGryphName(u);
        if (!g || strcmp(g, ".notdef") == 0)
            continue;
        packed[n++] = (uint32_t)u << 8 | code;
    }
    qsort(packed, n, sizeof packed[0], cmp_u16);
    m = malloc(sizeof *m);
    if (!m) {
        D->oom = 1;
        return -1;
    }
    for (i = 0; i < n; i++) {
        m->uni[i] = (uint16_t)(packed[i] >> 8);
        m->code[i] = (uint8_t)(packed[i] & 0xFF);
    }
    m->n = n;
    D->fonts.cp[k] = m;
    return 0;
}

static const pdf_cpmap *cp_map(pdf_doc *D, int k)
{
    if (D->fonts.cp_state[k] == 0)
        D->fonts.cp_state[k] = build_map(D, k) == 0 ? 1 : 2;
    return D->fonts.cp_state[k] == 1 ? D->fonts.cp[k] : NULL;
}

/* The byte of c in m, or -1. */
static int cp_encode(const pdf_cpmap *m, uint32_t c)
{
    size_t lo = 0, hi = m->n;
    if (c < 0x80)
        return c >= 0x20 && c < 0x7F ? (int)c : -1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->uni[mid] == c)
            return m->code[mid];
        if (m->uni[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Bytes at the start of s that code page m encodes. */
static size_t cp_span(const pdf_cpmap *m, const char *s, size_t n)
{
    size_t i = 0, len;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b < 0x7F) { /* ASCII fast path */
            i++;
            continue;
        }
        if (cp_encode(m, pdf_utf8_decode(s + i, n - i, &len)) < 0)
            break;
        i += len;
    }
    return i;
}

/* The face's font for code page k, or NULL when it cannot be made. */
static HPDF_Font cp_font(pdf_doc *D, pdf_face face, int k)
{
    pdf_fonts *F = &D->fonts;
    pdf_hpdf_state saved;
    HPDF_Font font;
    if (F->cp_tried[face][k])
        return F->cp_font[face][k];
    F->cp_tried[face][k] = 1;
    if (!pdf_font(D, face) || !F->ttf_name[face])
        return NULL;
    saved = pdf_tolerate_begin(D);
    font = HPDF_GetFont(D->pdf, F->ttf_name[face], cp_names[k]);
    F->cp_font[face][k] = pdf_tolerate_end(D, saved) ? NULL : font;
    if (F->cp_font[face][k]) {
        F->cp_width[face][k] = malloc(256 * sizeof(int16_t));
        if (!F->cp_width[face][k]) {
            D->oom = 1;
            return F->cp_font[face][k] = NULL;
        }
        memset(F->cp_width[face][k], 0xFF, 256 * sizeof(int16_t)); /* all -1 */
    }
    return F->cp_font[face][k];
}

/* Whether a Type0 run should stop before c: at anything a code page shows,
 * except spaces and punctuation between characters none shows. */
static int ends_type0(pdf_doc *D, uint32_t c)
{
    int k;
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    for (k = 0; k < PDF_CP_COUNT; k++) {
        const pdf_cpmap *m = cp_map(D, k);
        if (m && cp_encode(m, c) >= 0)
            return 1;
    }
    return 0;
}

size_t pdf_font_run(pdf_doc *D, pdf_face face, const char *s, size_t n, HPDF_Font *font,
                    pdf_str *out)
{
    pdf_fonts *F = &D->fonts;
    const pdf_cpmap *m;
    size_t best = 0, i, len;
    int k, best_k = -1, last;
    pdf_str_clear(out);
    if ((unsigned)face >= PDF_FACE_COUNT)
        face = PDF_FACE_REGULAR;
    /* the code page of the face's last run usually covers this one whole
     * (per face, so that ASCII labels in bold do not follow the script of
     * the regular text into another font) */
    last = F->last_cp[face];
    m = cp_map(D, last);
    if (m && cp_font(D, face, last)) {
        best = cp_span(m, s, n);
        best_k = last;
    }
    for (k = 0; k < PDF_CP_COUNT && best < n; k++) {
        size_t span;
        if (k == last || !(m = cp_map(D, k)) || !cp_font(D, face, k))
            continue;
        span = cp_span(m, s, n);
        if (span > best) {
            best = span;
            best_k = k;
        }
    }
    if (best > 0) {
        size_t o = 0;
        m = F->cp[best_k];
        if (pdf_grow(&out->data, &out->cap, best + 1, 1) != 0) {
            D->oom = 1;
            return 0;
        }
        for (i = 0; i < best; i += len) {
            if ((unsigned char)s[i] < 0x80) { /* ASCII is itself */
                out->data[o++] = s[i];
                len = 1;
                continue;
            }
            out->data[o++] = (char)cp_encode(m, pdf_utf8_decode(s + i, best - i, &len));
        }
        out->data[o] = '\0';
        out->len = o;
        F->last_cp[face] = (uint8_t)best_k;
        *font = F->cp_font[face][best_k];
        F->last_width = F->cp_width[face][best_k];
    } else {
        /* no code page shows the first character */
        for (i = 0; i < n; i += len) {
            uint32_t c = pdf_utf8_decode(s + i, n - i, &len);
            if (i > 0 && ends_type0(D, c))
                break;
        }
        best = i;
        pdf_str_append(out, s, best);
        *font = pdf_font_type0(D, face);
        F->last_width = NULL;
    }
    F->last_font = *font;
    if (out->failed) {
        D->oom = 1;
        return 0;
    }
    return best;
}

int16_t *pdf_font_code_widths(pdf_doc *D, HPDF_Font font)
{
    return font && D->fonts.last_font == font ? D->fonts.last_width : NULL;
}

HPDF_Font pdf_font_ascii(pdf_doc *D, pdf_face face)
{
    pdf_fonts *F = &D->fonts;
    HPDF_Font font;
    if ((unsigned)face >= PDF_FACE_COUNT)
        face = PDF_FACE_REGULAR;
    /* what pdf_font_run picks for printable ASCII: the face's last code
     * page, once its font is made (after its map: see pdf_font_run) */
    font = F->cp_font[face][F->last_cp[face]];
    if (!font || !F->cp_tried[face][F->last_cp[face]] || F->cp_state[F->last_cp[face]] != 1)
        return NULL;
    F->last_font = font;
    F->last_width = F->cp_width[face][F->last_cp[face]];
    return font;
}
