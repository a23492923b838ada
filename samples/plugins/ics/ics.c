/* ics.c - an example third-party Dossier plugin: an iCalendar feed.
 *
 * Writes one VEVENT per event (RFC 5545): all-day DTSTART/DTEND, SUMMARY,
 * LOCATION, DESCRIPTION, CATEGORIES, URL and CONTACT, with text escaping,
 * CRLF line ends and lines folded at 75 octets without splitting a UTF-8
 * character. DTSTAMP is UTC: SOURCE_DATE_EPOCH when set (reproducible
 * builds), else the current time.
 *
 * Built outside the Dossier tree against the installed SDK:
 *     cc -shared -fPIC -fvisibility=hidden $(pkg-config --cflags dossier) \
 *        ics.c -o ics.so
 * It uses only plugin.h: no libdossier symbols. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dossier/plugin.h>

typedef struct ics_plugin {
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
} ics_plugin;

/* A content line being built, folded as it is written. */
typedef struct ics_line {
    FILE *out;
    size_t used; /* octets on the current physical line */
} ics_line;

static void line_raw(ics_line *l, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* Length of the UTF-8 sequence starting at s[i]. */
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + len > n)
            len = n - i;
        if (l->used + len > 75) {
            fputs("\r\n ", l->out);
            l->used = 1;
        }
        fwrite(s + i, 1, len, l->out);
        l->used += len;
        i += len;
    }
}

static void line_text(ics_line *l, const char *s)
{
    /* TEXT escaping (RFC 5545 3.3.11). */
    for (; *s; s++) {
        switch (*s) {
        case '\\': line_raw(l, "\\\\", 2); break;
        case ';': line_raw(l, "\\;", 2); break;
        case ',': line_raw(l, "\\,", 2); break;
        case '\n': line_raw(l, "\\n", 2); break;
        case '\r': break;
        default: line_raw(l, s, 1);
        }
    }
}

static void line_begin(ics_line *l, FILE *out, const char *name)
{
    l->out = out;
    l->used = 0;
    line_raw(l, name, strlen(name));
    line_raw(l, ":", 1);
}

static void line_end(ics_line *l) { fputs("\r\n", l->out); }

static void write_text_prop(FILE *out, const char *name, const char *value)
{
    ics_line l;
    if (!value || !*value)
        return;
    line_begin(&l, out, name);
    line_text(&l, value);
    line_end(&l);
}

/* Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void format_day(long days, char buf[9])
{
    time_t t = (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 9, "%Y%m%d", &tm);
}

static void write_event(const ics_plugin *p, FILE *out, const dossier_event *e,
                        const char *stamp)
{
    const char *country = NULL;
    char start[9], end[9], loc[512] = "";
    ics_line l;
    size_t i;
    long first = days_from_civil(e->start.year, e->start.month, e->start.day);
    long last = days_from_civil(e->end.year, e->end.month, e->end.day);

    format_day(first, start);
    format_day(last + 1, end); /* DTEND of an all-day event is exclusive */
    fputs("BEGIN:VEVENT\r\n", out);
    line_begin(&l, out, "UID");
    line_raw(&l, e->id, strlen(e->id));
    line_raw(&l, "@dossier", 8);
    line_end(&l);
    fprintf(out, "DTSTAMP:%s\r\n", stamp);
    fprintf(out, "DTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n", start, end);
    write_text_prop(out, "SUMMARY", e->title);
    if (e->location.country) {
        country = p->api->country_name(e->location.country);
        if (!country)
            country = e->location.country;
    }
    snprintf(loc, sizeof loc, "%s%s%s%s%s", e->location.venue ? e->location.venue : "",
             e->location.venue && e->location.city ? ", " : "",
             e->location.city ? e->location.city : "",
             country && (e->location.venue || e->location.city) ? ", " : "",
             country ? country : "");
    write_text_prop(out, "LOCATION", loc);
    write_text_prop(out, "DESCRIPTION", e->summary);
    if (e->theme_count) {
        line_begin(&l, out, "CATEGORIES");
        for (i = 0; i < e->theme_count; i++) {
            if (i)
                line_raw(&l, ",", 1); /* the list separator stays unescaped */
            line_text(&l, e->themes[i]);
        }
        line_end(&l);
    }
    for (i = 0; i < e->source_count; i++) {
        if (e->sources[i]->url) {
            line_begin(&l, out, "URL");
            line_raw(&l, e->sources[i]->url, strlen(e->sources[i]->url));
            line_end(&l);
            break; /* URL may appear once per VEVENT */
        }
    }
    for (i = 0; i < e->contact_count; i++) {
        const dossier_contact *c = e->contacts[i];
        char text[1024];
        snprintf(text, sizeof text, "%s%s%s%s%s", c->name,
                 c->entity ? ", " : "", c->entity ? c->entity->name : "",
                 c->email ? ", " : "", c->email ? c->email : "");
        write_text_prop(out, "CONTACT", text);
    }
    fputs("END:VEVENT\r\n", out);
}

static dossier_status ics_create(const dossier_host_api *api, dossier_render_ctx *ctx,
                                 void **instance)
{
    ics_plugin *p = calloc(1, sizeof *p);
    if (!p)
        return DOSSIER_ERR_NOMEM;
    p->api = api;
    p->ctx = ctx;
    *instance = p;
    return DOSSIER_OK;
}

static dossier_status ics_render(void *instance, const dossier_model *model,
                                 const char *out_path)
{
    ics_plugin *p = instance;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    char stamp[17];
    struct tm tm;
    size_t i;
    FILE *out = fopen(out_path, "wb");
    if (!out) {
        p->api->report(p->ctx, DOSSIER_SEV_ERROR, out_path, 0, 0, "cannot open for writing");
        return DOSSIER_ERR_IO;
    }
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Dossier//ics example plugin 1.0//EN\r\n"
          "CALSCALE:GREGORIAN\r\n", out);
    write_text_prop(out, "X-WR-CALNAME", model->title);
    for (i = 0; i < model->event_count; i++)
        write_event(p, out, model->events[i], stamp);
    fputs("END:VCALENDAR\r\n", out);
    if (fclose(out) != 0) {
        p->api->report(p->ctx, DOSSIER_SEV_ERROR, out_path, 0, 0, "write failed");
        return DOSSIER_ERR_IO;
    }
    return DOSSIER_OK;
}

static void ics_destroy(void *instance) { free(instance); }

static const dossier_plugin ics_descriptor = {
    DOSSIER_PLUGIN_HEADER,
    .name = "ics",
    .version = "1.0.0",
    .description = "iCalendar feed (RFC 5545), one all-day VEVENT per event",
    .default_output = "events.ics",
    .create = ics_create,
    .render = ics_render,
    .destroy = ics_destroy,
};

DOSSIER_PLUGIN_DEFINE(ics_descriptor)
