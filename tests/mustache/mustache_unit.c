/* mustache_unit.c - Mustache engine behaviour beyond the official spec:
 * located errors, recursion and output limits, partials from a folder (and
 * the names it refuses), escape modes, number text. Markdown escaping is
 * checked by parsing the output with libcmark: hostile data must come back
 * as the same literal text, with no structure of its own.
 *
 * Usage: mustache_unit TMPDIR (a fresh folder for partial files). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmark.h>

#include "dossier/mustache.h"
#include "dossier/value.h"

static int failures;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);               \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static dossier_data *parse(const char *yaml)
{
    dossier_diags *d = dossier_diags_new();
    dossier_data *data = NULL;
    if (dossier_data_parse(yaml, strlen(yaml), "data", NULL, &data, d) != DOSSIER_OK) {
        fprintf(stderr, "cannot parse test data: %s\n", yaml);
        exit(2);
    }
    dossier_diags_free(d);
    return data;
}

/* Renders; returns the status, output in *out (malloc'd or NULL) and the
 * first diagnostic formatted in *msg (malloc'd or NULL). */
static dossier_status render(const char *tmpl, const char *yaml,
                             const dossier_mustache_options *opts, char **out,
                             char **msg)
{
    dossier_data *data = parse(yaml ? yaml : "{}");
    dossier_diags *d = dossier_diags_new();
    dossier_status st = dossier_mustache_render(tmpl, strlen(tmpl), "t.mustache",
                                                dossier_data_root(data), opts,
                                                out, NULL, d);
    *msg = NULL;
    if (dossier_diags_count(d) > 0)
        *msg = dossier_diag_format(dossier_diags_get(d, 0));
    dossier_diags_free(d);
    dossier_data_free(data);
    return st;
}

/* A render_to sink: collects the pieces; fails on call number `fail_at`
 * (1-based; 0 never). */
typedef struct sink {
    char *data;
    size_t len, calls, fail_at, calls_after_fail;
} sink;

static int sink_write(void *ud, const char *text, size_t len)
{
    sink *k = ud;
    char *p;
    k->calls++;
    if (k->fail_at && k->calls > k->fail_at)
        k->calls_after_fail++;
    if (k->fail_at && k->calls >= k->fail_at)
        return -1;
    p = realloc(k->data, k->len + len + 1);
    if (!p || len == 0)
        return -1;
    memcpy(p + k->len, text, len);
    k->len += len;
    p[k->len] = '\0';
    k->data = p;
    return 0;
}

/* The same render streamed with a 1-byte flush (when the caller's options
 * struct is new enough to carry flush_bytes); *out gets the joined text. */
static dossier_status render_streamed(const char *tmpl, const char *yaml,
                                      const dossier_mustache_options *opts,
                                      char **out, char **msg, size_t *calls)
{
    dossier_data *data = parse(yaml ? yaml : "{}");
    dossier_diags *d = dossier_diags_new();
    dossier_mustache_options o;
    sink k = {NULL, 0, 0, 0, 0};
    dossier_status st;

    memset(&o, 0, sizeof o);
    if (opts)
        o = *opts;
    else
        o.struct_size = sizeof o;
    o.flush_bytes = 1;
    st = dossier_mustache_render_to(tmpl, strlen(tmpl), "t.mustache",
                                    dossier_data_root(data), &o, sink_write,
                                    &k, d);
    *msg = NULL;
    if (dossier_diags_count(d) > 0)
        *msg = dossier_diag_format(dossier_diags_get(d, 0));
    dossier_diags_free(d);
    dossier_data_free(data);
    *out = k.data ? k.data : strdup("");
    *calls = k.calls;
    return st;
}

static void expect_ok(const char *tmpl, const char *yaml,
                      const dossier_mustache_options *opts, const char *want)
{
    char *out = NULL, *msg = NULL;
    size_t calls;
    dossier_status st = render(tmpl, yaml, opts, &out, &msg);
    CHECK(st == DOSSIER_OK && out && strcmp(out, want) == 0,
          "template %s: want \"%s\", got \"%s\" (%s)", tmpl, want,
          out ? out : "(null)", msg ? msg : dossier_status_str(st));
    free(out);
    free(msg);
    st = render_streamed(tmpl, yaml, opts, &out, &msg, &calls);
    CHECK(st == DOSSIER_OK && strcmp(out, want) == 0,
          "template %s streamed: want \"%s\", got \"%s\" (%s)", tmpl, want,
          out, msg ? msg : dossier_status_str(st));
    free(out);
    free(msg);
}

static void expect_error(const char *tmpl, const char *yaml,
                         const dossier_mustache_options *opts,
                         dossier_status want_st, const char *want_msg)
{
    char *out = NULL, *msg = NULL;
    dossier_status st = render(tmpl, yaml, opts, &out, &msg);
    CHECK(st == want_st && out == NULL && msg && strstr(msg, want_msg),
          "template %s: want %s with \"%s\", got %s \"%s\"", tmpl,
          dossier_status_str(want_st), want_msg, dossier_status_str(st),
          msg ? msg : "(no diagnostic)");
    free(out);
    free(msg);
    {
        size_t calls;
        st = render_streamed(tmpl, yaml, opts, &out, &msg, &calls);
        CHECK(st == want_st && msg && strstr(msg, want_msg),
              "template %s streamed: want %s with \"%s\", got %s \"%s\"",
              tmpl, dossier_status_str(want_st), want_msg,
              dossier_status_str(st), msg ? msg : "(no diagnostic)");
        /* syntax errors are found before anything is written */
        CHECK(want_st != DOSSIER_ERR_TEMPLATE || calls == 0 ||
                  strstr(want_msg, "partial"),
              "template %s: %zu writes before a syntax error", tmpl, calls);
        free(out);
        free(msg);
    }
}

static void test_errors(void)
{
    expect_error("line one\n  {{#items}}\n{{name}}\n", "{}", NULL,
                 DOSSIER_ERR_TEMPLATE, "t.mustache:2:3: error: unclosed section 'items'");
    expect_error("{{#a}}\n{{#b}}x{{/a}}", "{}", NULL, DOSSIER_ERR_TEMPLATE,
                 "t.mustache:2:8: error: closing tag 'a' does not match open section 'b'");
    expect_error("ok\n{{/a}}", "{}", NULL, DOSSIER_ERR_TEMPLATE,
                 "t.mustache:2:1: error: closing tag 'a' has no open section");
    expect_error("abc {{name", "{}", NULL, DOSSIER_ERR_TEMPLATE,
                 "t.mustache:1:5: error: unclosed tag");
    expect_error("x\n\n {{=<%=}}", "{}", NULL, DOSSIER_ERR_TEMPLATE,
                 "t.mustache:3:2: error: bad set-delimiter tag");
    expect_error("{{=a=b c=}}", "{}", NULL, DOSSIER_ERR_TEMPLATE,
                 "bad set-delimiter tag");
    expect_error("{{first name}}", "{}", NULL, DOSSIER_ERR_TEMPLATE,
                 "1:1: error: bad tag name 'first name'");
    expect_error("{{}}", "{}", NULL, DOSSIER_ERR_TEMPLATE, "empty tag name");
    /* Columns count characters, not bytes. */
    expect_error("Душанбе {{#x}}", "{}", NULL, DOSSIER_ERR_TEMPLATE,
                 "t.mustache:1:9: error: unclosed section 'x'");
}

static const char *self_partial(void *ud, const char *name, size_t *len)
{
    const char *text = ud;
    if (strcmp(name, "self") != 0)
        return NULL;
    *len = strlen(text);
    return text;
}

static void test_limits(void)
{
    dossier_mustache_options o;
    char deep[4096];
    size_t i;

    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.partial = self_partial;
    o.partial_userdata = "x{{>self}}";
    expect_error("{{>self}}", "{}", &o, DOSSIER_ERR_LIMIT,
                 "self:1:2: error: template nesting is too deep");
    o.max_depth = 5;
    o.partial_userdata = "{{#a}}{{>self}}{{/a}}";
    expect_error("{{>self}}", "{a: {a: {a: {a: {a: {a: {a: 1}}}}}}}", &o,
                 DOSSIER_ERR_LIMIT, "too deep");
    /* A terminating recursion within the limit works. */
    o.max_depth = 0;
    o.partial_userdata = "({{name}}{{#kids}}{{>self}}{{/kids}})";
    expect_ok("{{>self}}",
              "{name: a, kids: [{name: b, kids: [{name: c, kids: []}]}, {name: d, kids: []}]}",
              &o, "(a(b(c))(d))");
    /* Nested sections count too: 20 levels against a limit of 10. */
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.max_depth = 10;
    deep[0] = '\0';
    for (i = 0; i < 20; i++)
        strcat(deep, "{{#a}}");
    for (i = 0; i < 20; i++)
        strcat(deep, "{{/a}}");
    expect_error(deep, "{a: true}", &o, DOSSIER_ERR_LIMIT, "1:61: error: template nesting is too deep");
    /* Absurd static nesting is refused by the parser. */
    deep[0] = '\0';
    for (i = 0; i < 200; i++)
        strcat(deep, "{{#a}}");
    expect_error(deep, "{}", NULL, DOSSIER_ERR_TEMPLATE, "sections nested too deeply");
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.max_output = 100;
    expect_error("{{#l}}0123456789{{/l}}", "{l: [1,2,3,4,5,6,7,8,9,10,11,12]}", &o,
                 DOSSIER_ERR_LIMIT, "exceeds the size limit");
    expect_ok("{{#l}}0123456789{{/l}}", "{l: [1,2,3,4,5,6,7,8,9,10]}", &o,
              "0123456789012345678901234567890123456789012345678901234567890123456789"
              "012345678901234567890123456789");
}

/* render_to: pieces, the failing callback, max_output as a total. */
static void test_streaming(void)
{
    dossier_data *data = parse("{l: [1,2,3,4,5,6,7,8,9,10,11,12], s: \"<x>\"}");
    dossier_mustache_options o;
    dossier_diags *d = dossier_diags_new();
    const char *t = "{{#l}}0123456789{{/l}}";
    sink k = {NULL, 0, 0, 0, 0};
    dossier_status st;

    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    /* Default flush: one piece for a small output. */
    st = dossier_mustache_render_to(t, strlen(t), "t", dossier_data_root(data),
                                    &o, sink_write, &k, d);
    CHECK(st == DOSSIER_OK && k.calls == 1 && k.len == 120,
          "default flush: %s, %zu calls, %zu bytes", dossier_status_str(st),
          k.calls, k.len);
    free(k.data);
    /* flush 25: a piece as soon as 25 bytes wait (each item adds 10) */
    memset(&k, 0, sizeof k);
    o.flush_bytes = 25;
    st = dossier_mustache_render_to(t, strlen(t), "t", dossier_data_root(data),
                                    &o, sink_write, &k, d);
    CHECK(st == DOSSIER_OK && k.calls == 4 && k.len == 120,
          "flush 25: %s, %zu calls, %zu bytes", dossier_status_str(st),
          k.calls, k.len);
    free(k.data);
    /* The callback fails on its second call: IO, no diagnostic, no more
     * calls. */
    memset(&k, 0, sizeof k);
    k.fail_at = 2;
    o.flush_bytes = 10;
    st = dossier_mustache_render_to(t, strlen(t), "t", dossier_data_root(data),
                                    &o, sink_write, &k, d);
    CHECK(st == DOSSIER_ERR_IO && k.calls == 2 && k.calls_after_fail == 0 &&
              dossier_diags_count(d) == 0 && k.len == 10,
          "failing write: %s, %zu calls, %zu diags", dossier_status_str(st),
          k.calls, dossier_diags_count(d));
    free(k.data);
    /* ...also when it fails on the final flush */
    memset(&k, 0, sizeof k);
    k.fail_at = 1;
    o.flush_bytes = 0;
    st = dossier_mustache_render_to(t, strlen(t), "t", dossier_data_root(data),
                                    &o, sink_write, &k, d);
    CHECK(st == DOSSIER_ERR_IO && k.calls == 1 && dossier_diags_count(d) == 0,
          "failing last write: %s", dossier_status_str(st));
    free(k.data);
    /* max_output counts everything written, not what is buffered. */
    memset(&k, 0, sizeof k);
    o.flush_bytes = 10;
    o.max_output = 100;
    st = dossier_mustache_render_to(t, strlen(t), "t", dossier_data_root(data),
                                    &o, sink_write, &k, d);
    CHECK(st == DOSSIER_ERR_LIMIT && k.len <= 100 && dossier_diags_count(d) == 1,
          "streamed max_output: %s after %zu bytes", dossier_status_str(st), k.len);
    free(k.data);
    /* Bad arguments. */
    CHECK(dossier_mustache_render_to(t, strlen(t), "t", dossier_data_root(data),
                                     &o, NULL, NULL, d) == DOSSIER_ERR_USAGE,
          "NULL write accepted");
    CHECK(dossier_mustache_render_to(NULL, 3, "t", dossier_data_root(data), &o,
                                     sink_write, &k, d) == DOSSIER_ERR_USAGE,
          "NULL template accepted");
    dossier_diags_free(d);
    dossier_data_free(data);
}

/* Past the buffered 256 MiB default: 300 MiB streamed through a sink that
 * only counts, which the buffered render refuses. */
static size_t counted;
static int count_write(void *ud, const char *text, size_t len)
{
    (void)ud;
    (void)text;
    counted += len;
    return 0;
}

static const char *mib_partial(void *ud, const char *name, size_t *len)
{
    (void)name;
    *len = 1u << 20;
    return ud;
}

static void test_streaming_big(void)
{
    char *mib = malloc((1u << 20) + 1);
    dossier_data *data;
    dossier_diags *d = dossier_diags_new();
    dossier_mustache_options o;
    const char *t = "{{#l}}{{#l}}{{>m}}{{/l}}{{/l}}";
    char *out = NULL;
    dossier_status st;

    /* l: 18 items, so 18 * 18 = 324 copies of the 1 MiB partial */
    data = parse("{l: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18]}");
    memset(mib, 'x', 1u << 20);
    mib[1u << 20] = '\0';
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.partial = mib_partial;
    o.partial_userdata = mib;
    st = dossier_mustache_render_to(t, strlen(t), "t", dossier_data_root(data),
                                    &o, count_write, NULL, d);
    CHECK(st == DOSSIER_OK && counted == (size_t)324 << 20,
          "324 MiB streamed: %s, %zu bytes", dossier_status_str(st), counted);
    st = dossier_mustache_render(t, strlen(t), "t", dossier_data_root(data), &o,
                                 &out, NULL, d);
    CHECK(st == DOSSIER_ERR_LIMIT && !out, "buffered 324 MiB: %s",
          dossier_status_str(st));
    free(out);
    free(mib);
    dossier_diags_free(d);
    dossier_data_free(data);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static void test_partials_dir(const char *tmp)
{
    dossier_mustache_options o;
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/partials", tmp);
    mkdir(sub, 0755);
    write_file(sub, "item.mustache", "- {{name}}\n");
    write_file(sub, "broken.mustache", "ok\n{{#x}}\n");
    write_file(tmp, "secret.mustache", "SECRET");
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.partials_dir = sub;
    o.escape = DOSSIER_ESCAPE_NONE;
    expect_ok("List:\n  {{#l}}\n  {{>item}}\n  {{/l}}\n", "{l: [{name: a}, {name: b}]}",
              &o, "List:\n  - a\n  - b\n");
    expect_ok("[{{>missing}}]", "{}", &o, "[]");
    expect_error("{{>../secret}}", "{}", &o, DOSSIER_ERR_TEMPLATE,
                 "partial names must be plain file names");
    expect_error("{{>.hidden}}", "{}", &o, DOSSIER_ERR_TEMPLATE,
                 "partial names must be plain file names");
    expect_error("{{>/etc/passwd}}", "{}", &o, DOSSIER_ERR_TEMPLATE,
                 "partial names must be plain file names");
    /* An error inside a partial file names that file. */
    expect_error("{{>broken}}", "{}", &o, DOSSIER_ERR_TEMPLATE,
                 "partials/broken.mustache:2:1: error: unclosed section 'x'");
}

static void test_values(void)
{
    dossier_mustache_options o;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.escape = DOSSIER_ESCAPE_NONE;
    expect_ok("{{a}} {{b}} {{c}} {{d}} {{e}}", "{a: 193000, b: 1.50, c: true, d: null, e: -0.5}",
              &o, "193000 1.50 true  -0.5");
    expect_ok("{{#e}}yes{{/e}}{{^e}}no{{/e}}", "{e: ''}", &o, "no");
    expect_ok("{{#z}}yes{{/z}}", "{z: 0}", &o, "yes");
    expect_ok("{{l}}", "{l: [1, \"a\"]}", &o, "[1,\"a\"]");
    expect_ok("{{a}}", "{a: \"<b>&\\\"'\"}", NULL, "&lt;b&gt;&amp;&quot;'");
    expect_ok("{{{a}}}{{&a}}", "{a: \"<&>\"}", NULL, "<&><&>");
    /* struct_size of an older, shorter options struct: fields past it are
     * ignored (here: escape none is not seen). */
    o.struct_size = 4;
    expect_ok("{{a}}", "{a: \"<\"}", &o, "&lt;");
}

/* ---- Markdown escaping, checked with cmark ---------------------------- */

static void collect_text(cmark_node *n, char *buf, size_t cap, int *structure)
{
    cmark_node *c;
    for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT) {
            const char *lit = cmark_node_get_literal(c);
            if (strlen(buf) + strlen(lit) + 1 < cap)
                strcat(buf, lit);
        } else {
            *structure = 1;
            collect_text(c, buf, cap, structure);
        }
    }
}

/* What data reads as after Markdown escaping: trimmed, with whitespace runs
 * that hold a line break folded into one space. */
static void expected_text(const char *s, char *out)
{
    size_t o = 0;
    const char *end = s + strlen(s);
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
                       end[-1] == '\r'))
        end--;
    while (s < end) {
        const char *q = s;
        int nl = 0;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')) {
            nl |= *q == '\n' || *q == '\r';
            q++;
        }
        if (nl) {
            out[o++] = ' ';
            s = q;
        } else {
            out[o++] = *s++;
        }
    }
    out[o] = '\0';
}

static const char *const hostile[] = {
    "*emphasis* and __strong__",
    "# not a heading",
    "## also not #",
    "- not a list",
    "+ plus",
    "1. not ordered",
    "2019) nor this",
    "> not a quote",
    "    not code",
    "```\nnot fenced\n```",
    "~~~ tilde",
    "`code`",
    "[link](http://example.com) and ![img](x.png)",
    "[ref]: http://example.com",
    "<b>html</b> <!-- comment -->",
    "<http://autolink.example>",
    "&amp; &copy; &#65;",
    "line\\\nbreak",
    "hard  \nbreak",
    "para\n\nsplit",
    "---",
    "***",
    "___",
    "===",
    "setext\n===",
    "a | table | row",
    "~~strike~~",
    "back\\slash \\* and \\\\",
    "{braces} (parens) !bang",
    "trailing #",
    "Душанбе – Türkiye «quoted» 😀",
    "H.E. Mr. Emomali Rahmon",
    "3. 4. 5.",
    "-1 and +2 and 3.5",
    "_under_score_",
    "\t\ttabs",
    "ends with backslash\\",
    "[unclosed",
    "<",
    "a\r\nb\rc",
};

/* Each template puts {{x}} somewhere structure could start; the document
 * must have exactly the structure of the template, and the data's text
 * must be there literally. */
static void check_markdown(const char *data_text)
{
    static const struct {
        const char *tmpl;
        cmark_node_type container; /* first child of the document */
    } places[] = {
        {"{{x}}", CMARK_NODE_PARAGRAPH},
        {"# {{x}}", CMARK_NODE_HEADING},
        {"- {{x}}", CMARK_NODE_LIST},
        {"> {{x}}", CMARK_NODE_BLOCK_QUOTE},
        {"text\n{{x}}", CMARK_NODE_PARAGRAPH},
        {"1. {{x}}", CMARK_NODE_LIST},
    };
    size_t i;
    char want[1024];
    expected_text(data_text, want);
    for (i = 0; i < sizeof places / sizeof places[0]; i++) {
        dossier_value root;
        dossier_member m;
        dossier_mustache_options o;
        dossier_diags *d = dossier_diags_new();
        char *out = NULL;
        cmark_node *doc, *first, *leaf;
        char got[1024] = "";
        int structure = 0;
        memset(&root, 0, sizeof root);
        memset(&m, 0, sizeof m);
        m.key = "x";
        m.value.type = DOSSIER_VALUE_STRING;
        m.value.u.string = data_text;
        m.value.count = strlen(data_text);
        root.type = DOSSIER_VALUE_OBJECT;
        root.count = 1;
        root.u.members = &m;
        memset(&o, 0, sizeof o);
        o.struct_size = sizeof o;
        o.escape = DOSSIER_ESCAPE_MARKDOWN;
        if (dossier_mustache_render(places[i].tmpl, strlen(places[i].tmpl), "md",
                                    &root, &o, &out, NULL, d) != DOSSIER_OK) {
            CHECK(0, "render failed for %s", data_text);
            dossier_diags_free(d);
            continue;
        }
        dossier_diags_free(d);
        doc = cmark_parse_document(out, strlen(out), CMARK_OPT_DEFAULT);
        first = cmark_node_first_child(doc);
        CHECK(first && cmark_node_get_type(first) == places[i].container &&
                  cmark_node_next(first) == NULL,
              "%s with data \"%s\" (rendered \"%s\"): wrong block structure",
              places[i].tmpl, data_text, out);
        /* Descend to the block that holds the inline text. */
        leaf = first;
        while (leaf && cmark_node_get_type(leaf) != CMARK_NODE_PARAGRAPH &&
               cmark_node_get_type(leaf) != CMARK_NODE_HEADING)
            leaf = cmark_node_first_child(leaf);
        if (leaf) {
            const char *prefix = strcmp(places[i].tmpl, "text\n{{x}}") == 0 ? "text" : "";
            collect_text(leaf, got, sizeof got, &structure);
            if (prefix[0] && strncmp(got, prefix, 4) == 0) {
                /* the soft break between "text" and the data is structure
                 * of the template, not of the data */
                cmark_node *sb = cmark_node_next(cmark_node_first_child(leaf));
                if (sb && cmark_node_get_type(sb) == CMARK_NODE_SOFTBREAK) {
                    got[0] = '\0';
                    structure = 0;
                    for (sb = cmark_node_next(sb); sb; sb = cmark_node_next(sb)) {
                        if (cmark_node_get_type(sb) != CMARK_NODE_TEXT)
                            structure = 1;
                        else
                            strcat(got, cmark_node_get_literal(sb));
                    }
                }
            }
            CHECK(!structure && strcmp(got, want) == 0,
                  "%s with data \"%s\": rendered \"%s\", cmark reads \"%s\"%s",
                  places[i].tmpl, data_text, out, got,
                  structure ? " with inline structure" : "");
        }
        cmark_node_free(doc);
        free(out);
    }
}

static void test_markdown(void)
{
    size_t i;
    for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        check_markdown(hostile[i]);
    /* Two values side by side cannot combine into a list marker either. */
    {
        dossier_mustache_options o;
        char *out = NULL, *msg = NULL;
        memset(&o, 0, sizeof o);
        o.struct_size = sizeof o;
        o.escape = DOSSIER_ESCAPE_MARKDOWN;
        if (render("{{a}}{{b}}", "{a: \"1\", b: \". x\"}", &o, &out, &msg) == DOSSIER_OK) {
            cmark_node *doc = cmark_parse_document(out, strlen(out), CMARK_OPT_DEFAULT);
            CHECK(cmark_node_get_type(cmark_node_first_child(doc)) == CMARK_NODE_PARAGRAPH,
                  "\"1\" + \". x\" became a list: %s", out);
            cmark_node_free(doc);
        } else {
            CHECK(0, "render failed: %s", msg ? msg : "?");
        }
        free(out);
        free(msg);
    }
    /* Link destinations written as (<{{url}}>) survive odd URLs. */
    {
        dossier_mustache_options o;
        char *out = NULL, *msg = NULL;
        memset(&o, 0, sizeof o);
        o.struct_size = sizeof o;
        o.escape = DOSSIER_ESCAPE_MARKDOWN;
        if (render("[{{t}}](<{{u}}>)", "{t: \"a [b] c\", u: \"https://x.org/a_(b)?q=1&r=<2>\"}",
                   &o, &out, &msg) == DOSSIER_OK) {
            cmark_node *doc = cmark_parse_document(out, strlen(out), CMARK_OPT_DEFAULT);
            cmark_node *link = cmark_node_first_child(cmark_node_first_child(doc));
            CHECK(link && cmark_node_get_type(link) == CMARK_NODE_LINK &&
                      strcmp(cmark_node_get_url(link), "https://x.org/a_(b)?q=1&r=<2>") == 0,
                  "link destination mangled: %s -> %s", out,
                  link && cmark_node_get_url(link) ? cmark_node_get_url(link) : "(no link)");
            cmark_node_free(doc);
        } else {
            CHECK(0, "render failed: %s", msg ? msg : "?");
        }
        free(out);
        free(msg);
    }
}

/* ---- The escapers against a byte-by-byte model ------------------------- */

/* The rules of docs/MUSTACHE.md written the slow, obvious way: the engine
 * writes runs in bulk into a buffer reserved once, and must produce exactly
 * these bytes whatever the length and wherever the buffer grows. */
static int ref_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static size_t ref_markdown(const char *s, size_t len, char *o)
{
    size_t i = 0, end = len, n = 0, d = 0;
    while (i < end && ref_ws(s[i]))
        i++;
    while (end > i && ref_ws(s[end - 1]))
        end--;
    if (i == end)
        return 0;
    while (i + d < end && s[i + d] >= '0' && s[i + d] <= '9')
        d++;
    if (d > 0 && d <= 9 && i + d < end && (s[i + d] == '.' || s[i + d] == ')')) {
        memcpy(o, s + i, d);
        n = d;
        o[n++] = '\\';
        o[n++] = s[i + d];
        i += d + 1;
    } else if (strchr("-+=.", s[i])) {
        o[n++] = '\\';
        o[n++] = s[i++];
    }
    while (i < end) {
        if (ref_ws(s[i])) {
            size_t j = i;
            int nl = 0;
            for (; j < end && ref_ws(s[j]); j++)
                nl |= s[j] == '\n' || s[j] == '\r';
            if (nl)
                o[n++] = ' ';
            else
                for (; i < j; i++)
                    o[n++] = s[i];
            i = j;
            continue;
        }
        if (s[i] != '\0' && strchr("\\`*_{}[]()#!<>|~&", s[i]))
            o[n++] = '\\';
        o[n++] = s[i++];
    }
    return n;
}

static size_t ref_html(const char *s, size_t len, char *o)
{
    size_t i, n = 0;
    for (i = 0; i < len; i++) {
        const char *r = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;"
                      : s[i] == '>' ? "&gt;" : s[i] == '"' ? "&quot;" : NULL;
        if (r) {
            memcpy(o + n, r, strlen(r));
            n += strlen(r);
        } else {
            o[n++] = s[i];
        }
    }
    return n;
}

/* "PREFIX{{x}}|" against {x: data}, for prefixes that put the escaped text
 * at every offset around the buffer's growth points. */
static void check_escape_once(const char *data, size_t len, size_t prefix,
                              dossier_escape mode)
{
    static char pre[300];
    dossier_member m;
    dossier_value root;
    dossier_mustache_options o;
    dossier_diags *d = dossier_diags_new();
    char *tmpl = malloc(prefix + 8), *out = NULL, *want = malloc(6 * len + prefix + 2);
    size_t out_len = 0, n;
    memset(pre, 'p', sizeof pre);
    memcpy(tmpl, pre, prefix);
    memcpy(tmpl + prefix, "{{x}}|", 7);
    memset(&m, 0, sizeof m);
    m.key = "x";
    m.value.type = DOSSIER_VALUE_STRING;
    m.value.count = len;
    m.value.u.string = data;
    memset(&root, 0, sizeof root);
    root.type = DOSSIER_VALUE_OBJECT;
    root.count = 1;
    root.u.members = &m;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.escape = mode;
    memcpy(want, pre, prefix);
    n = prefix + (mode == DOSSIER_ESCAPE_HTML ? ref_html(data, len, want + prefix)
                                              : ref_markdown(data, len, want + prefix));
    want[n++] = '|';
    CHECK(dossier_mustache_render(tmpl, strlen(tmpl), "t", &root, &o, &out,
                                  &out_len, d) == DOSSIER_OK &&
              out_len == n && memcmp(out, want, n) == 0 && out[n] == '\0',
          "%s escape of %zu bytes after %zu differs from the model",
          mode == DOSSIER_ESCAPE_HTML ? "html" : "markdown", len, prefix);
    free(out);
    free(tmpl);
    free(want);
    dossier_diags_free(d);
}

static void test_escape_model(void)
{
    static const char alphabet[] = "ab \t\n\r0123456789.)-+=#*_[]()<>&\"|~`!\\{}\xc3\xa9";
    static const size_t lens[] = {0, 1, 2, 3, 62, 63, 64, 65, 127, 128, 129,
                                  4095, 4096, 4097, 70000};
    static const size_t prefixes[] = {0, 1, 30, 31, 62, 63, 64, 126, 127, 255};
    unsigned seed = 12345;
    size_t li, pi, k;
    char *s = malloc(70001);
    for (li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        for (k = 0; k < 4; k++) {
            size_t len = lens[li], i;
            for (i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                /* k: random mix; all escaped; all plain; all blanks */
                s[i] = k == 0 ? alphabet[(seed >> 16) % (sizeof alphabet - 1)]
                     : k == 1 ? "*&<_\""[(seed >> 16) % 5]
                     : k == 2 ? "xyz\xd0\x96"[(seed >> 16) % 5]
                              : " \n"[(seed >> 16) % 2];
            }
            s[len] = '\0';
            for (pi = 0; pi < sizeof prefixes / sizeof prefixes[0]; pi++) {
                check_escape_once(s, len, prefixes[pi], DOSSIER_ESCAPE_MARKDOWN);
                check_escape_once(s, len, prefixes[pi], DOSSIER_ESCAPE_HTML);
            }
        }
    }
    /* the leading cases, with and without surrounding blanks */
    {
        static const char *lead[] = {"1. x", "123456789) y", "1234567890. z",
                                     "  7.", "-", " + a", "=", "..", "1", "12"};
        for (k = 0; k < sizeof lead / sizeof lead[0]; k++)
            for (pi = 0; pi < sizeof prefixes / sizeof prefixes[0]; pi++)
                check_escape_once(lead[k], strlen(lead[k]), prefixes[pi],
                                  DOSSIER_ESCAPE_MARKDOWN);
    }
    free(s);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mustache_unit TMPDIR\n");
        return 2;
    }
    mkdir(argv[1], 0755);
    test_errors();
    test_limits();
    test_partials_dir(argv[1]);
    test_values();
    test_streaming();
    test_streaming_big();
    test_markdown();
    test_escape_model();
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("mustache unit tests passed\n");
    return 0;
}
