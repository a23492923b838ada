/* digest_cmark.c - the cmark side of the digest: link destinations made
 * safe, the CommonMark fixed point, and the HTML rendering. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "digest_internal.h"

/* cmark's CommonMark writer reaches its fixed point in one or two passes;
 * more means a cmark round-trip bug (the caller warns). */
#define DIGEST_MAX_PASSES 4

/* cmark's HTML renderer drops these unless CMARK_OPT_UNSAFE; the Markdown
 * digest drops them too, since its readers may render it unsafely. */
static int url_is_dangerous(const char *url)
{
    static const char *const schemes[] = {"javascript:", "vbscript:", "file:",
                                          "data:"};
    size_t i;
    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            return 1;
    return 0;
}

/* Percent-encodes what cannot stay in a destination written back by cmark:
 * whitespace and controls (cmark would encode spaces itself, on the second
 * pass) and '<' '>' (they would end an autolink, which cmark writes when a
 * link's text equals its URL). Returns a malloc'd string or NULL (no change
 * needed, or out of memory: the URL then stays as it is). */
static char *url_encode(const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0, i, j;
    char *out;
    for (i = 0; url[i]; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == 0x7f || c == '<' || c == '>')
            n++;
    }
    if (n == 0)
        return NULL;
    out = malloc(i + 2 * n + 1);
    if (!out)
        return NULL;
    for (i = j = 0; url[i]; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == 0x7f || c == '<' || c == '>') {
            out[j++] = '%';
            out[j++] = hex[c >> 4];
            out[j++] = hex[c & 15];
        } else {
            out[j++] = (char)c;
        }
    }
    out[j] = '\0';
    return out;
}

/* Makes every link destination safe and writable: see the two helpers. */
static void fix_links(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    if (!it)
        return;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(node);
        const char *url;
        char *fixed;
        if (ev != CMARK_EVENT_ENTER ||
            (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE))
            continue;
        url = cmark_node_get_url(node);
        if (!url)
            continue;
        if (url_is_dangerous(url)) {
            cmark_node_set_url(node, "");
            continue;
        }
        fixed = url_encode(url);
        if (fixed) {
            cmark_node_set_url(node, fixed);
            free(fixed);
        }
    }
    cmark_iter_free(it);
}

char *dossier_digest_normalise(const char *md, size_t len, int *stable)
{
    cmark_mem *mem = cmark_get_default_mem_allocator();
    char *cur = NULL;
    int pass;

    *stable = 0;

    for (pass = 0; pass < DIGEST_MAX_PASSES; pass++) {
        const char *src = cur ? cur : md;
        size_t srclen = cur ? strlen(cur) : len;
        cmark_node *doc = cmark_parse_document(src, srclen, CMARK_OPT_DEFAULT);
        char *next;
        if (!doc) {
            mem->free(cur);
            return NULL;
        }
        fix_links(doc);
        next = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
        cmark_node_free(doc);
        if (!next) {
            mem->free(cur);
            return NULL;
        }
        if (strcmp(next, src) == 0) {
            mem->free(cur);
            *stable = 1;
            return next;
        }
        mem->free(cur);
        cur = next;
    }
    return cur;
}

char *dossier_digest_html(const char *md)
{
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    char *html;
    if (!doc)
        return NULL;
    /* Default options: raw HTML and javascript: links are scrubbed. */
    html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    cmark_node_free(doc);
    return html;
}

void dossier_digest_free(char *s)
{
    if (s)
        cmark_get_default_mem_allocator()->free(s);
}
