/* pdf_event.c - one event's section: title block, then the parts the
 * template lists (key facts, organizers, statements, outcomes, figures,
 * narrative, contacts, sources, related events) in the template's order. */
#include <stdio.h>
#include <string.h>

#include "pdf_internal.h"

typedef struct ev_ctx {
    pdf_doc *D;
    const pdf_style *s;
    const dossier_event *ev;
    pdf_para a, b, c, d;
    pdf_str t;
} ev_ctx;

static void add(pdf_para *p, const char *t, pdf_face f, float size, pdf_rgb c)
{
    if (t && *t)
        pdf_para_add(p, t, strlen(t), f, size, c, NULL, -1);
}

static void add_link(pdf_para *p, const char *t, pdf_face f, float size, pdf_rgb c,
                     const char *url)
{
    if (t && *t)
        pdf_para_add(p, t, strlen(t), f, size, c, url, -1);
}

static void reset(ev_ctx *E)
{
    pdf_para_clear(&E->a);
    pdf_para_clear(&E->b);
    pdf_para_clear(&E->c);
    pdf_para_clear(&E->d);
    pdf_str_clear(&E->t);
    if (E->t.data)
        E->t.data[0] = '\0';
}

static const char *label(ev_ctx *E, const char *group, const char *name)
{
    char key[96];
    snprintf(key, sizeof key, "%s.%s", group, name);
    return pdf_label(E->s, key);
}

/* "Organization for Security and Co-operation in Europe (OSCE)" */
static void entity_text(const dossier_entity *e, pdf_str *out)
{
    pdf_str_puts(out, e->name);
    if (e->short_name && strcmp(e->short_name, e->name) != 0)
        pdf_str_printf(out, " (%s)", e->short_name);
}

/* "countering-terrorism" -> "countering terrorism" */
static void tag_text(const char *tag, pdf_str *out)
{
    size_t start = out->len;
    pdf_str_puts(out, tag);
    if (!out->failed) {
        size_t i;
        for (i = start; i < out->len; i++)
            if (out->data[i] == '-' || out->data[i] == '_')
                out->data[i] = ' ';
    }
}

/* A shaded label/value row of the key facts block. */
static void fact(ev_ctx *E, const char *lab, const char *value)
{
    const pdf_style *s = E->s;
    pdf_para *cells[2];
    float w[2];
    if (!value || !*value)
        return;
    pdf_para_clear(&E->a);
    pdf_para_clear(&E->b);
    add(&E->a, lab, PDF_FACE_BOLD, s->size_small, s->c_muted);
    add(&E->b, value, PDF_FACE_REGULAR, s->size_body, s->c_text);
    cells[0] = &E->a;
    cells[1] = &E->b;
    w[0] = 110;
    w[1] = pdf_right(E->D) - pdf_left(E->D) - w[0];
    pdf_row(E->D, cells, w, 2, pdf_left(E->D), 4.5f, &s->c_shade, 1);
    pdf_fill_rect(E->D, pdf_left(E->D), E->D->y, w[0] + w[1], 0.8f, s->c_rule);
}

static void title_block(ev_ctx *E)
{
    const pdf_style *s = E->s;
    const dossier_event *ev = E->ev;
    pdf_block b;
    memset(&b, 0, sizeof b);
    reset(E);
    add(&E->a, label(E, "kinds", dossier_event_kind_name(ev->kind)), PDF_FACE_BOLD,
        s->size_kicker, s->c_quote);
    if (ev->series) {
        add(&E->a, "  \xC2\xB7  ", PDF_FACE_BOLD, s->size_kicker, s->c_quote);
        add(&E->a, ev->series, PDF_FACE_BOLD, s->size_kicker, s->c_quote);
    }
    b.leading = 1.5f;
    pdf_flow(E->D, &E->a, &b);
    add(&E->b, ev->title, PDF_FACE_BOLD, s->size_event_title, s->c_accent);
    b.leading = 1.22f;
    pdf_flow(E->D, &E->b, &b);
    pdf_space(E->D, 3);
    pdf_dates(s, ev->start, ev->end, &E->t);
    add(&E->c, pdf_str_cstr(&E->t), PDF_FACE_BOLD, s->size_body + 1, s->c_muted);
    pdf_str_clear(&E->t);
    pdf_place(E->D, &ev->location, &E->t);
    if (E->t.len) {
        add(&E->c, "   |   ", PDF_FACE_REGULAR, s->size_body + 1, s->c_rule);
        add(&E->c, pdf_str_cstr(&E->t), PDF_FACE_REGULAR, s->size_body + 1, s->c_muted);
    }
    b.leading = 1.4f;
    pdf_flow(E->D, &E->c, &b);
    pdf_rule(E->D, pdf_left(E->D), pdf_right(E->D), 1.6f, s->c_accent, 4, 8);
}

static void part_summary(ev_ctx *E)
{
    pdf_block b;
    if (!E->ev->summary)
        return;
    reset(E);
    memset(&b, 0, sizeof b);
    add(&E->a, E->ev->summary, PDF_FACE_ITALIC, E->s->size_body + 1, E->s->c_text);
    pdf_space(E->D, 4);
    pdf_flow(E->D, &E->a, &b);
}

static void attendance_text(ev_ctx *E, pdf_str *out)
{
    const dossier_attendance *at = &E->ev->attendance;
    const char *keys[3] = {"attendance_participants", "attendance_countries",
                           "attendance_organizations"};
    long vals[3] = {at->participants, at->countries, at->organizations};
    pdf_str q = {0}, grouped = {0};
    int i, n = 0;
    if (at->qualifier) {
        char key[96];
        const char *known;
        snprintf(key, sizeof key, "qualifiers.%s", at->qualifier);
        known = pdf_label_find(E->s, key);
        if (known) {
            pdf_str_puts(&q, known);
        } else { /* a qualifier without a label is shown as written */
            tag_text(at->qualifier, &q);
            pdf_str_puts(&q, " ");
        }
    }
    for (i = 0; i < 3; i++) {
        char num[32];
        const char *kv[4];
        if (vals[i] < 0)
            continue;
        snprintf(num, sizeof num, "%ld", vals[i]);
        pdf_str_clear(&grouped);
        pdf_number(E->s, num, &grouped);
        kv[0] = "qualifier";
        kv[1] = n == 0 ? pdf_str_cstr(&q) : "";
        kv[2] = "count";
        kv[3] = pdf_str_cstr(&grouped);
        if (n++)
            pdf_str_puts(out, ", ");
        pdf_format(out, pdf_label(E->s, keys[i]), kv, 2);
    }
    if (q.failed || grouped.failed)
        E->D->oom = 1;
    pdf_str_free(&q);
    pdf_str_free(&grouped);
}

static void join_tags(const char *const *tags, size_t n, pdf_str *out)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (i)
            pdf_str_puts(out, ", ");
        tag_text(tags[i], out);
    }
}

static void part_facts(ev_ctx *E)
{
    const dossier_event *ev = E->ev;
    pdf_str v = {0};
    pdf_heading(E->D, pdf_label(E->s, "facts"));
    fact(E, pdf_label(E->s, "kind"), label(E, "kinds", dossier_event_kind_name(ev->kind)));
    fact(E, pdf_label(E->s, "series"), ev->series);
    pdf_dates(E->s, ev->start, ev->end, &v);
    fact(E, pdf_label(E->s, "dates"), pdf_str_cstr(&v));
    pdf_str_clear(&v);
    pdf_place(E->D, &ev->location, &v);
    if (ev->location.address)
        pdf_str_printf(&v, "%s%s", v.len ? "; " : "", ev->location.address);
    fact(E, pdf_label(E->s, "venue"), pdf_str_cstr(&v));
    pdf_str_clear(&v);
    attendance_text(E, &v);
    fact(E, pdf_label(E->s, "attendance"), pdf_str_cstr(&v));
    pdf_str_clear(&v);
    join_tags(ev->themes, ev->theme_count, &v);
    fact(E, pdf_label(E->s, "themes"), pdf_str_cstr(&v));
    pdf_str_clear(&v);
    join_tags(ev->audience, ev->audience_count, &v);
    fact(E, pdf_label(E->s, "audience"), pdf_str_cstr(&v));
    if (v.failed)
        E->D->oom = 1;
    pdf_str_free(&v);
}

/* The parenthesis after a participation: the people it names ("Name,
 * Position"), then its note. A person the note already names is left to
 * the note, so nobody is written twice. */
static void part_people(const dossier_participation *p, pdf_str *v)
{
    size_t i, n = 0;
    for (i = 0; i < p->person_count; i++) {
        const dossier_person *q = p->people[i];
        if (p->note && strstr(p->note, q->name))
            continue;
        pdf_str_puts(v, n++ ? "; " : " (");
        if (q->honorific)
            pdf_str_printf(v, "%s ", q->honorific);
        pdf_str_puts(v, q->name);
        if (q->position)
            pdf_str_printf(v, ", %s", q->position);
    }
    if (p->note)
        pdf_str_printf(v, "%s%s", n ? "; " : " (", p->note);
    if (n || p->note)
        pdf_str_puts(v, ")");
}

/* One participation as written in both layouts: "Syria — ambassador
 * (H.E. Ms. X, Minister)". */
static void entry_text(const dossier_participation *p, pdf_str *v)
{
    entity_text(p->entity, v);
    if (p->level) {
        pdf_str_puts(v, " \xE2\x80\x94 ");
        tag_text(p->level, v);
    }
    part_people(p, v);
}

/* A large role group (150 delegations) as a labelled paragraph across the
 * full width that may run over pages: as a table row it was squeezed into
 * the value column and, being unbreakable, jumped to the next page and left
 * the rest of the previous one blank. Names are in the text colour, level
 * and people muted, so the eye finds the next name. */
static void compact_role(ev_ctx *E, const char *role_label, int role,
                         const dossier_participation *const *list, size_t n, size_t count)
{
    const pdf_style *s = E->s;
    size_t i, k = 0;
    pdf_block b;
    char num[32];
    reset(E);
    memset(&b, 0, sizeof b);
    snprintf(num, sizeof num, " (%zu)", count);
    add(&E->a, role_label, PDF_FACE_BOLD, s->size_small, s->c_muted);
    add(&E->a, num, PDF_FACE_REGULAR, s->size_small, s->c_muted);
    for (i = 0; i < n; i++) {
        const dossier_participation *p = list[i];
        if ((int)p->role != role)
            continue;
        if (k++)
            add(&E->b, "; ", PDF_FACE_REGULAR, s->size_body, s->c_text);
        pdf_str_clear(&E->t);
        entity_text(p->entity, &E->t);
        add(&E->b, pdf_str_cstr(&E->t), PDF_FACE_REGULAR, s->size_body, s->c_text);
        pdf_str_clear(&E->t);
        if (p->level) {
            /* a no-break space: a line never starts with the dash */
            pdf_str_puts(&E->t, "\xC2\xA0\xE2\x80\x94 ");
            tag_text(p->level, &E->t);
        }
        part_people(p, &E->t);
        add(&E->b, pdf_str_cstr(&E->t), PDF_FACE_REGULAR, s->size_body, s->c_muted);
    }
    if (E->t.failed)
        E->D->oom = 1;
    b.indent_left = 4.5f;
    b.indent_right = 4.5f;
    b.leading = 1.5f;
    /* the label stays with the first lines of its list */
    b.keep_with_next = s->size_body * s->leading * 2;
    pdf_space(E->D, 5);
    pdf_flow(E->D, &E->a, &b);
    b.keep_with_next = 0;
    b.leading = 0;
    pdf_flow(E->D, &E->b, &b);
    pdf_space(E->D, 4);
    pdf_fill_rect(E->D, pdf_left(E->D), E->D->y, pdf_right(E->D) - pdf_left(E->D), 0.8f,
                  s->c_rule);
}

/* Organizers or participants, one row per role in the model's role order;
 * a role with more than compact_roles_above entities as a paragraph. */
static void part_roles(ev_ctx *E, int organizers)
{
    const dossier_event *ev = E->ev;
    const dossier_participation *const *list = organizers ? ev->organizers : ev->participants;
    size_t n = organizers ? ev->organizer_count : ev->participant_count;
    int role;
    pdf_str v = {0};
    if (n == 0)
        return;
    pdf_heading(E->D, pdf_label(E->s, organizers ? "organizers" : "participants"));
    for (role = 0; role < DOSSIER_ROLE_COUNT; role++) {
        size_t i, count = 0;
        const char *lab = label(E, "roles", dossier_role_name((dossier_role)role));
        for (i = 0; i < n; i++)
            if ((int)list[i]->role == role)
                count++;
        if (count == 0)
            continue;
        if ((float)count > E->s->compact_roles_above) {
            compact_role(E, lab, role, list, n, count);
            continue;
        }
        pdf_str_clear(&v);
        count = 0;
        for (i = 0; i < n; i++) {
            if ((int)list[i]->role != role)
                continue;
            if (count++)
                pdf_str_puts(&v, "; ");
            entry_text(list[i], &v);
        }
        fact(E, lab, pdf_str_cstr(&v));
    }
    if (v.failed)
        E->D->oom = 1;
    pdf_str_free(&v);
}

static void part_statements(ev_ctx *E)
{
    const pdf_style *s = E->s;
    size_t i;
    if (E->ev->statement_count == 0)
        return;
    pdf_heading(E->D, pdf_label(E->s, "statements"));
    for (i = 0; i < E->ev->statement_count && !pdf_failed(E->D); i++) {
        const dossier_statement *st = E->ev->statements[i];
        const dossier_person *sp = st->speaker;
        pdf_block b;
        float w, h;
        reset(E);
        memset(&b, 0, sizeof b);
        b.indent_left = 16;
        b.indent_right = 8;
        add(&E->a, "\xE2\x80\x9C", PDF_FACE_ITALIC, s->size_body + 1, s->c_text);
        add(&E->a, st->text, PDF_FACE_ITALIC, s->size_body + 1, s->c_text);
        add(&E->a, "\xE2\x80\x9D", PDF_FACE_ITALIC, s->size_body + 1, s->c_text);
        add(&E->b, "\xE2\x80\x94 ", PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_muted);
        if (sp->honorific) {
            add(&E->b, sp->honorific, PDF_FACE_BOLD, s->size_small + 0.5f, s->c_text);
            add(&E->b, " ", PDF_FACE_BOLD, s->size_small + 0.5f, s->c_text);
        }
        add(&E->b, sp->name, PDF_FACE_BOLD, s->size_small + 0.5f, s->c_text);
        if (sp->position) {
            add(&E->b, ", ", PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_muted);
            add(&E->b, sp->position, PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_muted);
        }
        if (sp->entity && (!sp->position || !strstr(sp->position, sp->entity->name))) {
            add(&E->b, ", ", PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_muted);
            add(&E->b, sp->entity->name, PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_muted);
        }
        if (st->medium) {
            add(&E->b, " (", PDF_FACE_ITALIC, s->size_small + 0.5f, s->c_muted);
            add(&E->b, st->medium, PDF_FACE_ITALIC, s->size_small + 0.5f, s->c_muted);
            add(&E->b, ")", PDF_FACE_ITALIC, s->size_small + 0.5f, s->c_muted);
        }
        add(&E->c, st->context, PDF_FACE_ITALIC, s->size_small, s->c_muted);
        /* keep a short quotation together with its attribution */
        w = pdf_right(E->D) - pdf_left(E->D) - 24;
        h = pdf_measure(E->D, &E->a, w, 0) + pdf_measure(E->D, &E->b, w, 0) + 8;
        if (h < (pdf_top(E->D) - pdf_bottom(E->D)) * 0.4f)
            pdf_need(E->D, h);
        pdf_space(E->D, 4);
        pdf_push_bar(E->D, pdf_left(E->D) + 3, 3, s->c_quote);
        pdf_flow(E->D, &E->a, &b);
        pdf_space(E->D, 2);
        pdf_flow(E->D, &E->b, &b);
        if (!pdf_para_empty(&E->c))
            pdf_flow(E->D, &E->c, &b);
        pdf_pop_bar(E->D);
        pdf_space(E->D, s->para_gap + 2);
    }
}

static void part_outcomes(ev_ctx *E)
{
    const pdf_style *s = E->s;
    size_t i;
    if (E->ev->outcome_count == 0)
        return;
    pdf_heading(E->D, pdf_label(s, "outcomes"));
    for (i = 0; i < E->ev->outcome_count && !pdf_failed(E->D); i++) {
        const dossier_outcome *o = E->ev->outcomes[i];
        pdf_block b;
        reset(E);
        memset(&b, 0, sizeof b);
        add(&E->a, o->title, PDF_FACE_BOLD, s->size_body + 0.5f, s->c_text);
        add(&E->a, "   ", PDF_FACE_REGULAR, s->size_small, s->c_muted);
        add(&E->a, label(E, "outcome_kinds", dossier_outcome_kind_name(o->kind)),
            PDF_FACE_BOLD, s->size_small, s->c_quote);
        if (o->adopted.year > 0) {
            const char *kv[2];
            pdf_str d = {0};
            pdf_date(s, o->adopted, &d);
            kv[0] = "date";
            kv[1] = pdf_str_cstr(&d);
            pdf_format(&E->t, pdf_label(s, "adopted"), kv, 1);
            add(&E->a, ", ", PDF_FACE_REGULAR, s->size_small, s->c_muted);
            add(&E->a, pdf_str_cstr(&E->t), PDF_FACE_REGULAR, s->size_small, s->c_muted);
            pdf_str_free(&d);
        }
        b.keep_with_next = s->size_body * s->leading * 2;
        pdf_flow(E->D, &E->a, &b);
        b.keep_with_next = 0;
        if (o->summary) {
            add(&E->b, o->summary, PDF_FACE_REGULAR, s->size_body, s->c_text);
            pdf_space(E->D, 1);
            pdf_flow(E->D, &E->b, &b);
        }
        if (o->url) {
            add_link(&E->c, o->url, PDF_FACE_REGULAR, s->size_small, s->c_link, o->url);
            pdf_flow(E->D, &E->c, &b);
        }
        pdf_space(E->D, s->para_gap + 2);
    }
}

static void figure_row(ev_ctx *E, const char *const *text, int head, int has_note,
                       const float *w, pdf_face face)
{
    const pdf_style *s = E->s;
    pdf_para *cells[4] = {&E->a, &E->b, &E->c, &E->d};
    size_t n = has_note ? 4 : 3, i;
    reset(E);
    for (i = 0; i < n; i++)
        add(cells[i], text[i], head ? PDF_FACE_BOLD : (i == 1 ? PDF_FACE_BOLD : face),
            head ? s->size_small : s->size_body - 0.5f, head ? s->c_muted : s->c_text);
    pdf_row(E->D, cells, w, n, pdf_left(E->D), 4.5f, head ? &s->c_shade : NULL, 1);
    pdf_fill_rect(E->D, pdf_left(E->D), E->D->y, pdf_right(E->D) - pdf_left(E->D),
                  head ? 0.8f : 0.4f, s->c_rule);
}

static void part_figures(ev_ctx *E)
{
    const pdf_style *s = E->s;
    const dossier_event *ev = E->ev;
    const char *head[4];
    float w[4], total = pdf_right(E->D) - pdf_left(E->D);
    int has_note = 0;
    size_t i;
    if (ev->figure_count == 0)
        return;
    for (i = 0; i < ev->figure_count; i++)
        if (ev->figures[i]->note || ev->figures[i]->year)
            has_note = 1;
    head[0] = pdf_label(s, "figure");
    head[1] = pdf_label(s, "value");
    head[2] = pdf_label(s, "unit");
    head[3] = pdf_label(s, "note");
    w[1] = 90;
    w[2] = 90;
    if (has_note) {
        w[0] = (total - 180) * 0.55f;
        w[3] = total - 180 - w[0];
    } else {
        w[0] = total - 180;
    }
    pdf_heading(E->D, pdf_label(s, "figures"));
    figure_row(E, head, 1, has_note, w, PDF_FACE_BOLD);
    for (i = 0; i < ev->figure_count && !pdf_failed(E->D); i++) {
        const dossier_figure *f = ev->figures[i];
        const char *row[4];
        pdf_str note = {0}, value = {0};
        float h;
        if (f->year)
            pdf_str_puts(&note, f->year);
        if (f->note)
            pdf_str_printf(&note, "%s%s", note.len ? "; " : "", f->note);
        row[0] = f->label;
        if (f->value_text)
            pdf_number(s, f->value_text, &value);
        else
            pdf_str_printf(&value, "%g", f->value);
        row[1] = pdf_str_cstr(&value);
        row[2] = f->unit;
        row[3] = pdf_str_cstr(&note);
        /* measure first so that a page break repeats the header row */
        {
            pdf_para *cells[4] = {&E->a, &E->b, &E->c, &E->d};
            size_t k, n = has_note ? 4 : 3;
            reset(E);
            for (k = 0; k < n; k++)
                add(cells[k], row[k], PDF_FACE_REGULAR, s->size_body - 0.5f, s->c_text);
            h = pdf_row(E->D, cells, w, n, pdf_left(E->D), 4.5f, NULL, 0);
        }
        if (!pdf_fits(E->D, h)) {
            pdf_new_page(E->D);
            figure_row(E, head, 1, has_note, w, PDF_FACE_BOLD);
        }
        figure_row(E, row, 0, has_note, w, PDF_FACE_REGULAR);
        if (note.failed || value.failed)
            E->D->oom = 1;
        pdf_str_free(&note);
        pdf_str_free(&value);
    }
}

static void part_narrative(ev_ctx *E)
{
    const char *body = E->ev->body;
    if (!body || !*body)
        return;
    pdf_heading(E->D, pdf_label(E->s, "narrative"));
    pdf_markdown(E->D, body, strlen(body), 0);
}

static void part_contacts(ev_ctx *E)
{
    const pdf_style *s = E->s;
    size_t i;
    if (E->ev->contact_count == 0)
        return;
    pdf_heading(E->D, pdf_label(s, "contacts"));
    for (i = 0; i < E->ev->contact_count && !pdf_failed(E->D); i++) {
        const dossier_contact *c = E->ev->contacts[i];
        const char *email = c->email ? c->email : c->person ? c->person->email : NULL;
        const char *phone = c->phone ? c->phone : c->person ? c->person->phone : NULL;
        pdf_block b;
        reset(E);
        memset(&b, 0, sizeof b);
        add(&E->a, c->name, PDF_FACE_BOLD, s->size_body, s->c_text);
        if (c->role) {
            add(&E->a, ", ", PDF_FACE_REGULAR, s->size_body, s->c_muted);
            add(&E->a, c->role, PDF_FACE_REGULAR, s->size_body, s->c_muted);
        }
        if (c->entity) {
            add(&E->a, " \xC2\xB7 ", PDF_FACE_REGULAR, s->size_body, s->c_muted);
            entity_text(c->entity, &E->t);
            add(&E->a, pdf_str_cstr(&E->t), PDF_FACE_REGULAR, s->size_body, s->c_muted);
        }
        if (c->city) {
            add(&E->a, " \xC2\xB7 ", PDF_FACE_REGULAR, s->size_body, s->c_muted);
            add(&E->a, c->city, PDF_FACE_REGULAR, s->size_body, s->c_muted);
        }
        if (email) {
            pdf_str mailto = {0};
            pdf_str_printf(&mailto, "mailto:%s", email);
            add(&E->b, pdf_label(s, "email"), PDF_FACE_BOLD, s->size_small, s->c_muted);
            add(&E->b, " ", PDF_FACE_REGULAR, s->size_small, s->c_muted);
            add_link(&E->b, email, PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_link,
                     pdf_str_cstr(&mailto));
            pdf_str_free(&mailto);
        }
        if (phone) {
            if (email)
                add(&E->b, "     ", PDF_FACE_REGULAR, s->size_small, s->c_muted);
            add(&E->b, pdf_label(s, "phone"), PDF_FACE_BOLD, s->size_small, s->c_muted);
            add(&E->b, " ", PDF_FACE_REGULAR, s->size_small, s->c_muted);
            add(&E->b, phone, PDF_FACE_REGULAR, s->size_small + 0.5f, s->c_text);
        }
        pdf_need(E->D, s->size_body * s->leading * 2);
        pdf_flow(E->D, &E->a, &b);
        if (!pdf_para_empty(&E->b))
            pdf_flow(E->D, &E->b, &b);
        pdf_space(E->D, s->para_gap);
    }
}

static void part_sources(ev_ctx *E)
{
    const pdf_style *s = E->s;
    size_t i;
    if (E->ev->source_count == 0)
        return;
    pdf_heading(E->D, pdf_label(s, "sources"));
    for (i = 0; i < E->ev->source_count && !pdf_failed(E->D); i++) {
        const dossier_source *src = E->ev->sources[i];
        const char *pub = src->publisher_entity ? src->publisher_entity->name : src->publisher;
        char marker[24];
        pdf_block b;
        reset(E);
        memset(&b, 0, sizeof b);
        snprintf(marker, sizeof marker, "%zu.", i + 1);
        b.indent_left = 18;
        b.marker = marker;
        b.marker_size = s->size_body;
        b.marker_color = s->c_muted;
        add_link(&E->a, src->title, PDF_FACE_BOLD, s->size_body, s->c_text, src->url);
        if (pub) {
            add(&E->a, ", ", PDF_FACE_REGULAR, s->size_body, s->c_muted);
            add(&E->a, pub, PDF_FACE_REGULAR, s->size_body, s->c_muted);
        }
        if (src->published.year > 0) {
            const char *kv[2];
            pdf_str d = {0};
            pdf_date(s, src->published, &d);
            kv[0] = "date";
            kv[1] = pdf_str_cstr(&d);
            pdf_format(&E->t, pdf_label(s, "published"), kv, 1);
            add(&E->a, ", ", PDF_FACE_REGULAR, s->size_body, s->c_muted);
            add(&E->a, pdf_str_cstr(&E->t), PDF_FACE_REGULAR, s->size_body, s->c_muted);
            pdf_str_free(&d);
        }
        pdf_need(E->D, s->size_body * s->leading * 2);
        pdf_flow(E->D, &E->a, &b);
        if (src->url) {
            b.marker = NULL;
            add_link(&E->b, src->url, PDF_FACE_REGULAR, s->size_small, s->c_link, src->url);
            pdf_flow(E->D, &E->b, &b);
        }
        pdf_space(E->D, 4);
    }
}

static void part_related(ev_ctx *E)
{
    const pdf_style *s = E->s;
    size_t i;
    if (E->ev->related_count == 0)
        return;
    pdf_heading(E->D, pdf_label(s, "related"));
    for (i = 0; i < E->ev->related_count && !pdf_failed(E->D); i++) {
        const dossier_event *r = E->ev->related[i];
        pdf_block b;
        reset(E);
        memset(&b, 0, sizeof b);
        b.indent_left = 18;
        b.marker = "\xE2\x86\x92";
        b.marker_size = s->size_body;
        b.marker_color = s->c_accent;
        pdf_para_add(&E->a, r->title, strlen(r->title), PDF_FACE_REGULAR, s->size_body,
                     s->c_link, NULL, (long)r->index);
        pdf_dates(s, r->start, r->end, &E->t);
        add(&E->a, "  \xC2\xB7  ", PDF_FACE_REGULAR, s->size_small, s->c_muted);
        add(&E->a, pdf_str_cstr(&E->t), PDF_FACE_REGULAR, s->size_small, s->c_muted);
        pdf_flow(E->D, &E->a, &b);
        pdf_space(E->D, 2);
    }
}

void pdf_event(pdf_doc *D, const dossier_event *ev)
{
    ev_ctx E;
    size_t i;
    memset(&E, 0, sizeof E);
    E.D = D;
    E.s = D->style;
    E.ev = ev;
    pdf_para_init(&E.a);
    pdf_para_init(&E.b);
    pdf_para_init(&E.c);
    pdf_para_init(&E.d);
    if (D->style->event_page_break || !D->page || ev->index == 0) {
        pdf_new_page(D);
    } else {
        pdf_rule(D, pdf_left(D), pdf_right(D), 2.5f, D->style->c_accent, 18, 0);
        pdf_need(D, D->style->size_event_title * 4 + D->style->size_body * 8);
        pdf_space(D, 14);
    }
    if (D->event_page && ev->index < D->model->event_count) {
        D->event_page[ev->index] = D->page;
        D->event_pageno[ev->index] = D->page_count;
        D->event_top[ev->index] = D->y;
    }
    title_block(&E);
    for (i = 0; i < E.s->ev_part_count && !pdf_failed(D); i++) {
        switch (E.s->ev_parts[i]) {
        case PDF_PART_SUMMARY: part_summary(&E); break;
        case PDF_PART_FACTS: part_facts(&E); break;
        case PDF_PART_ORGANIZERS: part_roles(&E, 1); break;
        case PDF_PART_PARTICIPANTS: part_roles(&E, 0); break;
        case PDF_PART_STATEMENTS: part_statements(&E); break;
        case PDF_PART_OUTCOMES: part_outcomes(&E); break;
        case PDF_PART_FIGURES: part_figures(&E); break;
        case PDF_PART_NARRATIVE: part_narrative(&E); break;
        case PDF_PART_CONTACTS: part_contacts(&E); break;
        case PDF_PART_SOURCES: part_sources(&E); break;
        case PDF_PART_RELATED: part_related(&E); break;
        default: break;
        }
    }
    if (E.a.text.failed || E.b.text.failed || E.c.text.failed || E.d.text.failed ||
        E.t.failed)
        D->oom = 1;
    pdf_para_free(&E.a);
    pdf_para_free(&E.b);
    pdf_para_free(&E.c);
    pdf_para_free(&E.d);
    pdf_str_free(&E.t);
}
