/* yaml_utf8.c - strict UTF-8 validation with exact error positions.
 *
 * libyaml stops at bad bytes with a vague "invalid leading UTF-8 octet" and
 * silently accepts UTF-16; we check the whole input first so the user gets
 * the exact line and column and a hint about the encoding. Lines are counted
 * the way libyaml counts them (LF, CRLF and lone CR each end a line), and
 * columns in characters, so positions agree with the parser's. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "yaml_internal.h"

size_t dossier_utf8_bom_len(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    return (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ? 3 : 0;
}

/* Adds a located error and returns -1 from the calling function. */
#define BAD(line_, col_, hint_, ...)                                              \
    do {                                                                          \
        dossier_diags_add(diags, DOSSIER_SEV_ERROR, name, line_, col_, hint_,     \
                          __VA_ARGS__);                                           \
        return -1;                                                                \
    } while (0)

/* BOM-less UTF-16 of mostly ASCII text: the first pairs of bytes all have
 * a NUL on the same side and a character on the other. */
static int looks_utf16(const unsigned char *s, size_t len)
{
    size_t pairs = len / 2 < 8 ? len / 2 : 8, i;
    int le = 1, be = 1;
    if (pairs == 0)
        return 0;
    for (i = 0; i < pairs; i++) {
        unsigned char a = s[2 * i], b = s[2 * i + 1];
        le &= (a != 0 && b == 0);
        be &= (a == 0 && b != 0);
    }
    return le || be;
}

/* Detects byte order marks and the NUL pattern of BOM-less UTF-16/32. */
static int check_foreign_encoding(const unsigned char *s, size_t len, const char *name,
                                  unsigned line, dossier_diags *diags)
{
    static const char hint[] = "save the file as UTF-8";
    if (len >= 4 && ((s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) ||
                     (s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)))
        BAD(line, 1, hint,
                   "the file is UTF-32 encoded (byte order mark found)");
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        BAD(line, 1, hint,
                   "the file is UTF-16 encoded (byte order mark found)");
    if (looks_utf16(s, len))
        BAD(line, 1, hint,
                   "the file looks UTF-16 encoded (NUL bytes between characters)");
    return 0;
}

int dossier_utf8_check(const char *text, size_t len, const char *name,
                       unsigned line_offset, dossier_diags *diags)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned line = 1 + line_offset, col = 1;
    size_t i = 0;
    static const char enc_hint[] = "the file must be UTF-8; it may be Latin-1 or another encoding";
    if (check_foreign_encoding(s, len, name, line, diags) != 0)
        return -1;
    i = dossier_utf8_bom_len(text, len);
    while (i < len) {
        unsigned c, need, cp, k;
        /* Fast path: 8 printable ASCII bytes (0x20..0x7E) at a time. */
        while (i + 8 <= len) {
            uint64_t w, x;
            const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            memcpy(&w, s + i, 8);
            x = w ^ (0x7F * ones);
            if ((w & highs) || ((w - 0x20 * ones) & ~w & highs) || ((x - ones) & ~x & highs))
                break;
            i += 8;
            col += 8;
        }
        if (i >= len)
            break;
        c = s[i];
        if (c < 0x80) {
            if (c == 0)
                BAD(line, col, "the file must be UTF-8 text",
                           "NUL byte in the input");
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                BAD(line, col, "only tab, line feed and carriage return are allowed",
                    "control character U+%04X is not allowed", c);
            i++;
            if (c == '\n' || (c == '\r' && (i >= len || s[i] != '\n'))) {
                line++;
                col = 1;
            } else if (c != '\r') {
                col++;
            }
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else if (c == 0xC0 || c == 0xC1) {
            BAD(line, col, enc_hint,
                       "overlong UTF-8 encoding (byte 0x%02X)", c);
        } else {
            BAD(line, col, enc_hint, "invalid UTF-8 byte 0x%02X", c);
        }
        for (k = 1; k <= need; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                BAD(line, col, enc_hint,
                           "invalid UTF-8 sequence starting with byte 0x%02X", c);
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000))
            BAD(line, col, enc_hint,
                       "overlong UTF-8 encoding of U+%04X", cp);
        if (cp >= 0xD800 && cp <= 0xDFFF)
            BAD(line, col, NULL,
                       "UTF-8 encoded surrogate U+%04X is not a character", cp);
        if ((cp >= 0x80 && cp <= 0x9F && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF)
            BAD(line, col, "YAML does not allow it in text",
                "control character U+%04X is not allowed", cp);
        if (cp > 0x10FFFF)
            BAD(line, col, enc_hint,
                       "UTF-8 sequence beyond U+10FFFF (U+%X)", cp);
        i += need + 1;
        col++;
    }
    return 0;
}
