/* pdf_markdown.c - an event's CommonMark narrative, laid out from cmark's AST.
 *
 * The tree is walked with cmark's iterator (no recursion, so deeply nested
 * input cannot exhaust the stack). Inline nodes append styled runs to the
 * current paragraph; block nodes flush it with the indent, list marker and
 * decoration of their container. Raw HTML is shown as literal text in the
 * mono face, never interpreted. */
#include <cmark.h>
#include <stdio.h>
#include <string.h>

#include "pdf_internal.h"

#define MD_MAX_LISTS 64

typedef struct md_list {
    int ordered;
    int next;
    int tight;
    int paren;
    float step; /* indent added for this list (wide numbers need more) */
} md_list;

typedef struct md {
    pdf_doc *D;
    pdf_para para;
    float base_indent;
    float indent;
    int strong, emph, heading;
    const char *link; /* current link destination (owned by the AST) */
    md_list lists[MD_MAX_LISTS];
    int list_depth;   /* may exceed MD_MAX_LISTS; deeper ones reuse the last */
    int quote_depth;
    char marker[24];
    int marker_pending;
} md;

static float max_indent(const md *m)
{
    return (pdf_right(m->D) - pdf_left(m->D)) * 0.45f;
}

static float cur_indent(const md *m)
{
    float i = m->base_indent + m->indent;
    if (i < 0)
        i = 0;
    return i < max_indent(m) ? i : max_indent(m);
}

static pdf_face inline_face(const md *m)
{
    int b = m->strong > 0 || m->heading;
    int i = m->emph > 0;
    return b && i ? PDF_FACE_BOLD_ITALIC : b ? PDF_FACE_BOLD : i ? PDF_FACE_ITALIC
                                                               : PDF_FACE_REGULAR;
}

static float text_size(const md *m)
{
    const pdf_style *s = m->D->style;
    if (m->heading)
        return s->size_h[m->heading > 3 ? 2 : m->heading - 1];
    return s->size_body;
}

static md_list *top_list(md *m)
{
    if (m->list_depth <= 0)
        return NULL;
    return &m->lists[(m->list_depth > MD_MAX_LISTS ? MD_MAX_LISTS : m->list_depth) - 1];
}

static void gap_after_block(md *m)
{
    md_list *l = top_list(m);
    pdf_space(m->D, l && l->tight ? 1.5f : m->D->style->para_gap);
}

/* Lays out the collected paragraph (or an empty line carrying a pending
 * list marker). */
static void flush(md *m, int mono_block, pdf_rgb *bg)
{
    pdf_block b;
    const pdf_style *s = m->D->style;
    memset(&b, 0, sizeof b);
    b.indent_left = cur_indent(m);
    if (m->marker_pending) {
        md_list *l = top_list(m);
        b.marker = m->marker;
        b.marker_face = l && l->ordered ? PDF_FACE_REGULAR : PDF_FACE_BOLD;
        b.marker_size = s->size_body;
        b.marker_color = l && l->ordered ? s->c_text : s->c_accent;
        m->marker_pending = 0;
    }
    if (m->heading)
        b.keep_with_next = s->size_body * s->leading * 2.5f;
    if (mono_block && bg) {
        b.has_bg = 1;
        b.bg = *bg;
        b.indent_left += 4;
        b.indent_right = 4;
        b.leading = 1.25f;
    }
    if (!b.marker && m->para.run_count == 0) {
        pdf_para_clear(&m->para);
        return;
    }
    pdf_flow(m->D, &m->para, &b);
    pdf_para_clear(&m->para);
}

static void add_text(md *m, const char *t, pdf_face face, pdf_rgb color)
{
    if (!t)
        return;
    pdf_para_add(&m->para, t, strlen(t), face, text_size(m), color, m->link, -1);
}

static void literal_block(md *m, cmark_node *n, int html)
{
    const pdf_style *s = m->D->style;
    const char *t = cmark_node_get_literal(n);
    size_t len = t ? strlen(t) : 0;
    pdf_rgb bg = s->c_shade;
    while (len && t[len - 1] == '\n')
        len--;
    pdf_para_clear(&m->para);
    if (len)
        pdf_para_add(&m->para, t, len, PDF_FACE_MONO, s->size_body * 0.88f,
                     html ? s->c_muted : s->c_text, NULL, -1);
    else
        pdf_para_add_break(&m->para, s->size_body * 0.88f);
    pdf_space(m->D, 2);
    flush(m, 1, html ? NULL : &bg);
    gap_after_block(m);
}

static void enter(md *m, cmark_node *n)
{
    const pdf_style *s = m->D->style;
    pdf_rgb text = m->heading ? s->c_accent : m->quote_depth ? s->c_muted : s->c_text;
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        pdf_para_clear(&m->para);
        break;
    case CMARK_NODE_HEADING:
        if (m->marker_pending)
            flush(m, 0, NULL);
        pdf_para_clear(&m->para);
        m->heading = cmark_node_get_heading_level(n);
        if (m->heading < 1)
            m->heading = 1;
        pdf_space(m->D, s->para_gap * 1.2f);
        break;
    case CMARK_NODE_TEXT:
        add_text(m, cmark_node_get_literal(n), inline_face(m), m->link ? s->c_link : text);
        break;
    case CMARK_NODE_CODE:
        add_text(m, cmark_node_get_literal(n), PDF_FACE_MONO, m->link ? s->c_link : text);
        break;
    case CMARK_NODE_HTML_INLINE:
        add_text(m, cmark_node_get_literal(n), PDF_FACE_MONO, s->c_muted);
        break;
    case CMARK_NODE_SOFTBREAK:
        pdf_para_add(&m->para, " ", 1, inline_face(m), text_size(m), text, NULL, -1);
        break;
    case CMARK_NODE_LINEBREAK:
        pdf_para_add_break(&m->para, text_size(m));
        break;
    case CMARK_NODE_EMPH:
        m->emph++;
        break;
    case CMARK_NODE_STRONG:
        m->strong++;
        break;
    case CMARK_NODE_LINK:
        m->link = cmark_node_get_url(n);
        break;
    case CMARK_NODE_IMAGE:
        m->emph++;
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        if (m->marker_pending)
            flush(m, 0, NULL);
        pdf_space(m->D, 2);
        pdf_push_bar(m->D, pdf_left(m->D) + cur_indent(m) + 2, 2.5f, s->c_quote);
        m->indent += 14;
        m->quote_depth++;
        break;
    case CMARK_NODE_LIST: {
        md_list l;
        if (m->marker_pending)
            flush(m, 0, NULL);
        l.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        l.next = cmark_node_get_list_start(n);
        l.tight = cmark_node_get_list_tight(n);
        l.paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
        l.step = 18;
        if (l.ordered && m->list_depth < MD_MAX_LISTS) {
            /* room for the widest number, e.g. "123456789." */
            char widest[32];
            long items = 0;
            cmark_node *c;
            float w;
            for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
                items++;
            snprintf(widest, sizeof widest, "%ld.", (long)l.next + (items ? items - 1 : 0));
            w = pdf_text_width(m->D, PDF_FACE_REGULAR, s->size_body, widest, strlen(widest));
            if (w + 8 > l.step)
                l.step = w + 8;
        }
        if (m->list_depth < MD_MAX_LISTS)
            m->lists[m->list_depth] = l;
        m->list_depth++;
        m->indent += l.step;
        break;
    }
    case CMARK_NODE_ITEM: {
        static const char *const bullets[3] = {"\xE2\x80\xA2", "\xE2\x80\x93",
                                               "\xE2\x80\xA2"};
        md_list *l = top_list(m);
        if (m->marker_pending)
            flush(m, 0, NULL);
        if (l && l->ordered)
            snprintf(m->marker, sizeof m->marker, "%d%c", l->next++, l->paren ? ')' : '.');
        else
            snprintf(m->marker, sizeof m->marker, "%s", bullets[(m->list_depth - 1) % 3]);
        m->marker_pending = 1;
        break;
    }
    case CMARK_NODE_CODE_BLOCK:
        literal_block(m, n, 0);
        break;
    case CMARK_NODE_HTML_BLOCK:
        literal_block(m, n, 1);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        if (m->marker_pending)
            flush(m, 0, NULL);
        pdf_rule(m->D, pdf_left(m->D) + cur_indent(m) + 40, pdf_right(m->D) - 40, 0.8f,
                 s->c_rule, s->para_gap, s->para_gap + 2);
        break;
    default:
        break;
    }
}

static void leave(md *m, cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        flush(m, 0, NULL);
        gap_after_block(m);
        break;
    case CMARK_NODE_HEADING:
        flush(m, 0, NULL);
        m->heading = 0;
        pdf_space(m->D, 2);
        break;
    case CMARK_NODE_EMPH:
    case CMARK_NODE_IMAGE:
        m->emph--;
        break;
    case CMARK_NODE_STRONG:
        m->strong--;
        break;
    case CMARK_NODE_LINK:
        m->link = NULL;
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        if (m->marker_pending)
            flush(m, 0, NULL);
        pdf_pop_bar(m->D);
        m->indent -= 14;
        m->quote_depth--;
        pdf_space(m->D, m->D->style->para_gap);
        break;
    case CMARK_NODE_LIST: {
        md_list *l = m->list_depth <= MD_MAX_LISTS ? top_list(m) : NULL;
        m->indent -= l ? l->step : 18;
        m->list_depth--;
        if (m->list_depth == 0)
            pdf_space(m->D, m->D->style->para_gap);
        break;
    }
    case CMARK_NODE_ITEM:
        if (m->marker_pending)
            flush(m, 0, NULL);
        break;
    default:
        break;
    }
}

void pdf_markdown(pdf_doc *D, const char *text, size_t len, float indent)
{
    cmark_node *doc;
    cmark_iter *it;
    cmark_event_type ev;
    md m;
    size_t bars = D->bar_count;
    if (!text || len == 0)
        return;
    doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    if (!doc) {
        D->oom = 1;
        return;
    }
    memset(&m, 0, sizeof m);
    m.D = D;
    m.base_indent = indent;
    pdf_para_init(&m.para);
    it = cmark_iter_new(doc);
    if (!it) {
        D->oom = 1;
    } else {
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && !pdf_failed(D)) {
            cmark_node *n = cmark_iter_get_node(it);
            if (ev == CMARK_EVENT_ENTER)
                enter(&m, n);
            else if (ev == CMARK_EVENT_EXIT)
                leave(&m, n);
        }
        cmark_iter_free(it);
    }
    if (m.para.text.failed)
        D->oom = 1;
    D->bar_count = bars;
    pdf_para_free(&m.para);
    cmark_node_free(doc);
}
