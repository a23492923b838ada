/* xlsx_internal.h - shared types of the xlsx plugin (private to plugins/xlsx).
 *
 * The plugin turns one dossier_model into a workbook: Matrix, Events, People,
 * Statements and Legend sheets. Everything visible (sheet names, labels,
 * column layout, role codes, colours) comes from an xlsx_config filled from
 * built-in defaults and then from templates/xlsx/participants.yaml. */
#ifndef DOSSIER_XLSX_INTERNAL_H
#define DOSSIER_XLSX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

#include "dossier/plugin.h"

#define DOSSIER_XLSX_VERSION "1.0.0"

/* Excel's hard limits (https://support.microsoft.com "Excel specifications
 * and limits"); libxlsxwriter refuses anything beyond them. */
#define XLSX_CELL_MAX_UNITS 32767 /* UTF-16 code units per cell */
#define XLSX_URL_MAX 2079         /* characters of a hyperlink target */
#define XLSX_URL_ANCHOR_MAX 255   /* characters after '#' */
#define XLSX_URLS_PER_SHEET 65530
#define XLSX_ROWS 1048576u
#define XLSX_COLS 16384u
/* Matrix pairs gathered per pass over the events (-O xlsx.matrix_chunk):
 * 1 MB; one pass up to ~1,700 events of 150 participations, six passes (a
 * few milliseconds each) at 10,000. */
#define XLSX_CHUNK_PAIRS ((size_t)1 << 18)
/* Deflate level of the zip entries unless -O xlsx.zip_level (xlsx_zip.c). */
#define XLSX_ZIP_LEVEL 3
/* stdio buffer of a streamed sheet's temp file: 16 times fewer write calls
 * than the default 4 KB, 320 KB for the five sheets. */
#define XLSX_IOBUF ((size_t)1 << 16)

/* Labels looked up by key in the template's `labels:` mapping. */
typedef enum xlsx_label {
    XL_SUBJECT,
    XL_TRUNCATED,
    XL_LIST_SEP,
    XL_M_ENTITY,
    XL_M_KIND,
    XL_M_TOTAL,
    XL_M_EVENTS_TOTAL,
    XL_M_CODES,
    XL_L_ABOUT,
    XL_L_TITLE,
    XL_L_SUBTITLE,
    XL_L_AS_OF,
    XL_L_PERIOD,
    XL_L_PREPARED_BY,
    XL_L_CLASSIFICATION,
    XL_L_EVENTS,
    XL_L_ENTITIES,
    XL_L_PAIRS,
    XL_L_GENERATED,
    XL_L_CODES,
    XL_L_CODE,
    XL_L_ROLE,
    XL_L_FAMILY,
    XL_L_COLOUR,
    XL_L_SHEETS,
    XL_L_MATRIX_HELP,
    XL_L_EVENTS_HELP,
    XL_L_PEOPLE_HELP,
    XL_L_STATEMENTS_HELP,
    XL_P_SPEAKER,
    XL_P_CONTACT,
    XL_P_PARTICIPANT,
    XL_PAGE_FOOTER,
    XL_COUNT
} xlsx_label;

typedef enum xlsx_family {
    XF_ORGANIZING = 0,
    XF_PARTICIPATING,
    XF_MIXED,
    XF_COUNT
} xlsx_family;

typedef enum xlsx_sheet_id {
    XS_MATRIX = 0,
    XS_EVENTS,
    XS_PEOPLE,
    XS_STATEMENTS,
    XS_LEGEND,
    XS_COUNT
} xlsx_sheet_id;

/* A column a sheet knows how to fill: key used in the template, default
 * header and width. */
typedef struct xlsx_field_def {
    const char *key;
    const char *label;
    double width;
} xlsx_field_def;

typedef struct xlsx_column {
    int field; /* index into the sheet's xlsx_field_def table */
    const char *label;
    double width;
} xlsx_column;

typedef struct xlsx_sheet_cfg {
    const char *name;  /* worksheet name */
    const char *table; /* Excel table / defined name for the data range */
    int enabled;
    xlsx_column *cols; /* malloc'd; NULL for sheets without a column list */
    size_t ncols;
} xlsx_sheet_cfg;

typedef struct xlsx_config {
    const char *labels[XL_COUNT];
    const char *role_code[DOSSIER_ROLE_COUNT];
    const char *role_label[DOSSIER_ROLE_COUNT];
    const char *family_label[XF_COUNT];
    uint32_t family_color[XF_COUNT];
    const char *entity_kind[DOSSIER_ENTITY_KIND_COUNT];
    const char *event_kind[DOSSIER_EVENT_KIND_COUNT];
    const char *outcome_kind[DOSSIER_OUTCOME_KIND_COUNT];
    const char *date_format;   /* Excel number format for date cells */
    const char *header_date;   /* same tokens, for matrix header text */
    xlsx_sheet_cfg sheets[XS_COUNT];
    /* Matrix layout. */
    double m_name_width, m_kind_width, m_event_width, m_header_height;
    int m_show_kind;
    int m_comments;       /* full title as a comment on each event heading */
    int m_sort_by_name;   /* 0: registry order */
    int m_label_mode;     /* 0 name, 1 short, 2 "name (short)" */
    size_t max_sources;   /* Events: hyperlink columns for sources */
    dossier_data *data;   /* the template tree; owns the strings above */
} xlsx_config;

/* A growable string (the plugin cannot use core/buf_internal.h). */
typedef struct xlsx_sb {
    char *s;
    size_t len, cap;
    int oom;
} xlsx_sb;

void xlsx_sb_clear(xlsx_sb *sb);
/* Room for n more bytes and the NUL; 0 ok, -1 out of memory. */
int xlsx_sb_reserve(xlsx_sb *sb, size_t n);
void xlsx_sb_add(xlsx_sb *sb, const char *s);
void xlsx_sb_addn(xlsx_sb *sb, const char *s, size_t n);
/* Adds `sep` first unless the buffer is empty. */
void xlsx_sb_item(xlsx_sb *sb, const char *sep, const char *s);
void xlsx_sb_free(xlsx_sb *sb);

/* One render: the host, the model, the workbook and shared formats. */
typedef struct xlsx_writer {
    const dossier_host_api *api;
    dossier_render_ctx *ctx;
    const dossier_model *model;
    const xlsx_config *cfg;
    lxw_workbook *wb;
    int tables;        /* 1: Excel tables (normal mode), 0: constant memory */
    lxw_format *f_header, *f_text, *f_wrap, *f_date, *f_int, *f_url;
    lxw_format *f_title, *f_bold, *f_total, *f_note;
    lxw_format *f_role[XF_COUNT];
    xlsx_sb scratch;   /* sanitized cell text */
    xlsx_sb join;      /* lists joined into one cell */
    size_t truncated;  /* cells cut at Excel's limit */
    int lxw_failed;    /* first libxlsxwriter error seen, 0 when none */
    unsigned url_count;/* hyperlinks on the current sheet */
    unsigned max_links;/* per sheet; Excel's 65,530 unless -O max_links */
    int url_limit_warned;
    /* Row heights: neither LibreOffice nor Excel grows a row for wrapped
     * text on open, so the writer estimates the lines each row needs. */
    const double *widths; /* column widths of the current sheet */
    size_t nwidths;
    unsigned row_lines;   /* most lines a wrapped cell of this row needs */
    size_t chunk_pairs;   /* matrix pairs per pass; XLSX_CHUNK_PAIRS unless -O */
    char *iobuf[XS_COUNT];/* stdio buffers of the streamed sheets' temp files */
} xlsx_writer;

/* xlsx_config.c */
void xlsx_config_defaults(xlsx_config *cfg);
/* Reads the template at `path` over the defaults; 0 ok, -1 error reported. */
int xlsx_config_load(xlsx_config *cfg, xlsx_writer *w, const char *path);
void xlsx_config_free(xlsx_config *cfg);
const xlsx_field_def *xlsx_sheet_fields(xlsx_sheet_id id, size_t *count);

/* xlsx_write.c: every cell goes through these. */
void xlsx_check(xlsx_writer *w, lxw_error err);
/* Writes text as a string cell (never a formula), replacing control
 * characters and cutting at Excel's limit with a visible marker and a
 * warning located at `where`. NULL or "" leaves the cell empty. */
void xlsx_text(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
               const char *text, lxw_format *fmt, const dossier_pos *where);
/* Writes a hyperlink when `url` is a safe http(s)/mailto/ftp link within
 * Excel's limits and the sheet has links left, else plain text + warning. */
void xlsx_url(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
              const char *url, const char *display, const char *tip,
              const dossier_pos *where);
void xlsx_date(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
               dossier_date d);
void xlsx_long(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
               long v);
/* Replaces in place the control characters XML 1.0 cannot carry (all below
 * 0x20 but \t, \n, \r) with spaces, for text that does not go through
 * xlsx_text (comments, headers); returns s. */
char *xlsx_xml_chars(char *s);
/* Formats `d` with the yyyy/mm/dd tokens of `pattern` into buf[32]. */
char *xlsx_date_text(dossier_date d, const char *pattern, char buf[32]);
/* Entity display text: "Name (SHORT)" etc. per the matrix label mode. */
const char *xlsx_entity_label(const xlsx_config *cfg, const dossier_entity *e,
                              xlsx_sb *sb);
const char *xlsx_entity_short(const dossier_entity *e);
/* Adds sheet `id`; in constant-memory mode gives its row stream a bigger
 * stdio buffer (fewer write calls; the bytes are the same). */
lxw_worksheet *xlsx_add_sheet(xlsx_writer *w, xlsx_sheet_id id);
/* Starts a data sheet of `nrows` data rows: widths, header row, frozen
 * header, print setup, and (without a table) autofilter + defined name. */
lxw_worksheet *xlsx_sheet_begin(xlsx_writer *w, xlsx_sheet_id id,
                                const char *const *labels, const double *widths,
                                size_t ncols, size_t nrows);
/* Ends it: adds the Excel table in table mode. */
void xlsx_sheet_end(xlsx_writer *w, lxw_worksheet *ws, xlsx_sheet_id id,
                    const char *const *labels, size_t ncols, size_t nrows);
void xlsx_footer(xlsx_writer *w, lxw_worksheet *ws);
/* Lines `text` takes wrapped in a column `width` characters wide. */
unsigned xlsx_lines(const char *text, double width);
/* Ends row r: sets its height from the wrapped cells written into it. */
void xlsx_row_done(xlsx_writer *w, lxw_worksheet *ws, lxw_row_t r);
/* A defined name for rows 0..last_row, cols 0..last_col of sheet `id`. */
void xlsx_define_range(xlsx_writer *w, xlsx_sheet_id id, lxw_row_t last_row,
                       lxw_col_t last_col);

/* One function per sheet. */
void xlsx_write_matrix(xlsx_writer *w);
void xlsx_write_events(xlsx_writer *w);
void xlsx_write_people(xlsx_writer *w);
void xlsx_write_statements(xlsx_writer *w);
void xlsx_write_legend(xlsx_writer *w);

/* Counts used to choose table vs constant-memory mode. */
size_t xlsx_events_columns(const xlsx_writer *w);
size_t xlsx_events_source_columns(const xlsx_writer *w);

/* Level (0-9) for the zip entries libxlsxwriter opens from now on in this
 * process, or -1 for libxlsxwriter's own (xlsx_zip.c). */
void xlsx_zip_set_level(int level);

#endif
