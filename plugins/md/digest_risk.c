/* digest_risk.c - which cmark trees need their round trip checked.
 *
 * cmark's CommonMark writer round-trips most trees: parsing its output gives
 * the same tree, so one pass is already the fixed point. The exceptions are
 * known shapes (emphasis whose delimiters stop flanking once written, text
 * that starts or ends a line with spaces, empty items, code, raw HTML...).
 * The digest runs its second pass only on chunks holding something outside
 * the plain shapes below, which is all the default template produces. */
#include <string.h>

#include <cmark.h>

#include "digest_internal.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Text at either edge of a line: leading or trailing blanks there would be
 * stripped when re-read. */
static int text_risky(cmark_node *node)
{
    const char *s = cmark_node_get_literal(node);
    cmark_node *prev = cmark_node_previous(node);
    cmark_node *next = cmark_node_next(node);
    size_t n;
    if (!s || !s[0])
        return 1;
    n = strlen(s);
    if (is_space(s[0]) &&
        (!prev || cmark_node_get_type(prev) == CMARK_NODE_SOFTBREAK))
        return 1;
    if (is_space(s[n - 1]) &&
        (!next || cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK))
        return 1;
    return 0;
}

static char first_char(cmark_node *node)
{
    const char *s = node && cmark_node_get_type(node) == CMARK_NODE_TEXT
                        ? cmark_node_get_literal(node)
                        : NULL;
    return s ? s[0] : '\0';
}

static char last_char(cmark_node *node)
{
    const char *s = node && cmark_node_get_type(node) == CMARK_NODE_TEXT
                        ? cmark_node_get_literal(node)
                        : NULL;
    size_t n = s ? strlen(s) : 0;
    return n ? s[n - 1] : '\0';
}

/* Emphasis is plain when it holds text that neither starts nor ends with a
 * blank, and blanks or line edges surround it: then its written delimiters
 * flank the same way whatever the punctuation inside. */
static int emphasis_risky(cmark_node *node)
{
    cmark_node *prev = cmark_node_previous(node);
    cmark_node *next = cmark_node_next(node);
    char c;
    c = first_char(cmark_node_first_child(node));
    if (c == '\0' || is_space(c))
        return 1;
    c = last_char(cmark_node_last_child(node));
    if (c == '\0' || is_space(c))
        return 1;
    if (prev && cmark_node_get_type(prev) != CMARK_NODE_SOFTBREAK &&
        !is_space(last_char(prev)))
        return 1;
    if (next && cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK &&
        !is_space(first_char(next)))
        return 1;
    return 0;
}

static int node_risky(cmark_node *node)
{
    const char *title;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_SOFTBREAK:
        return 0;
    case CMARK_NODE_HEADING:
        return cmark_node_first_child(node) == NULL;
    case CMARK_NODE_ITEM: {
        /* an empty item, or one opening with another block, is rewritten */
        cmark_node *first = cmark_node_first_child(node);
        return !first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH;
    }
    case CMARK_NODE_TEXT:
        return text_risky(node);
    case CMARK_NODE_LINK:
        title = cmark_node_get_title(node);
        return title && title[0];
    case CMARK_NODE_STRONG:
    case CMARK_NODE_EMPH:
        return emphasis_risky(node);
    default:
        return 1; /* code, HTML, images, hard breaks, rules, custom nodes */
    }
}

int dossier_digest_risky(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    int risky = 0;
    if (!it)
        return 1;
    while (!risky && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER)
            risky = node_risky(cmark_iter_get_node(it));
    cmark_iter_free(it);
    return risky;
}
