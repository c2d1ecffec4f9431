/*
 * views.h: the typed view structs templates render (the files in templates/).
 *
 * A list field `x` is a pointer with a count `n_x` beside it. Strings are
 * escaped by the template engine; struct html_safe fields come only from
 * the Markdown renderer or from other templates.
 */
#ifndef LAUREL_VIEWS_H
#define LAUREL_VIEWS_H

#include "core/common.h"
#include "web/html.h"

struct view_nav {
	const char *href;
	const char *label;
	bool current;
};

struct view_layout {
	const char *title;
	bool signed_in;
	const char *person_name;
	const char *csrf;
	const char *css_sgds;
	const char *css_laurel;
	const char *js_sgds;
	const char *js_laurel;
	const char *icons;
	struct view_nav *nav;
	size_t n_nav;
	bool noindex;
	struct html_safe content;
};

struct view_error {
	int status;
	const char *heading;
	const char *message;
};

struct view_badge_card {
	const char *id;
	const char *name;
	const char *summary;
	const char *issuer_name;
	const char *time;
	const char *image_url; /* "" for none */
	long position;         /* place in a series, or 0 */
	bool introductory;
};

struct view_home {
	struct view_badge_card *intro;
	size_t n_intro;
	long nbadges;
};

struct view_field;

struct view_catalogue {
	const char *q;
	struct view_field *filters;
	size_t n_filters;
	bool filtered;
	const char *summary;
	struct view_badge_card *badges;
	size_t n_badges;
	long page;
	long pages;
	bool pages_nav;
	const char *prev_href;
	const char *next_href;
};

struct view_resource {
	const char *title;
	const char *url;
};

struct view_link;

struct view_alignment {
	const char *framework;
	const char *code;
	const char *name;
	const char *url;
};

struct view_prereq {
	const char *id;
	const char *name;
	const char *kind;     /* "required" or "recommended" */
	const char *progress; /* for a signed-in learner, else NULL */
};

struct view_version {
	long version;
	const char *href;
	const char *date;
	const char *note;
	bool current;
};

struct view_badge {
	const char *id;
	const char *name;
	const char *summary;
	struct html_safe description;
	const char *notice;       /* archived, draft or old version */
	const char *current_href; /* with an old version */
	const char *image_url;
	const char *image_alt;
	const char *time;
	const char *licence;
	const char *evidence;
	const char *expiry;
	const char *endorsement;
	const char *holders;
	const char *issuer_id;
	const char *issuer_name;
	const char *series_id;
	const char *series_name;
	long series_position;
	bool introductory;
	const char **criteria;
	size_t n_criteria;
	const char **activities;
	size_t n_activities;
	struct view_resource *resources;
	size_t n_resources;
	struct view_link *tags;
	size_t n_tags;
	struct view_alignment *alignments;
	size_t n_alignments;
	struct view_prereq *prereqs;
	size_t n_prereqs;
	struct view_version *versions;
	size_t n_versions;
	struct view_badge_card *intro;
	size_t n_intro;
};

struct view_series {
	const char *name;
	const char *summary;
	const char *issuer_id;
	const char *issuer_name;
	struct view_badge_card *badges;
	size_t n_badges;
};

struct view_issuer {
	const char *name;
	const char *description;
	const char *url;
	const char *count_text;
	struct view_link *series;
	size_t n_series;
	struct view_badge_card *badges;
	size_t n_badges;
};

struct view_text {
	const char *heading;
	const char **paras;
	size_t n_paras;
};

/* Forms and the generic page (templates/page.html and its partials). */
struct view_option {
	const char *value;
	const char *label;
	bool selected;
};

struct view_field {
	const char *name;
	const char *id; /* "f-" name */
	const char *label;
	const char *type; /* input type: text, email, password, ... */
	const char *value;
	const char *hint;
	const char *error;
	const char *autocomplete;
	const char *describedby; /* ids of hint and error, or NULL */
	bool textarea;
	bool select;
	bool hidden;
	struct view_option *options;
	size_t n_options;
};

struct view_form {
	const char *action;
	const char *csrf;
	const char *submit;
	bool secondary; /* a less prominent button */
	bool inline_;   /* laid out in a table cell */
	bool get;       /* a search or filter: GET, no CSRF token */
	bool honeypot;  /* a hidden "website" field people leave empty */
	struct view_field *fields;
	size_t n_fields;
};

struct view_err {
	const char *href;
	const char *msg;
};

struct view_link {
	const char *href;
	const char *label;
};

struct view_cell {
	const char *text;
	const char *href;
	bool has_form;
	struct view_form form;
};

struct view_row {
	struct view_cell *cells;
	size_t n_cells;
};

struct view_section {
	const char *heading;
	const char **paras;
	size_t n_paras;
	const char **columns;
	size_t n_columns;
	struct view_row *rows;
	size_t n_rows;
	const char *empty; /* shown instead of a table without rows */
	bool has_form;
	struct view_form form;
	struct view_link *links;
	size_t n_links;
};

struct view_page {
	const char *caption;
	const char *heading;
	const char **intro;
	size_t n_intro;
	const char *notice;
	struct view_err *errors;
	size_t n_errors;
	bool has_form;
	struct view_form form;
	struct view_section *sections;
	size_t n_sections;
	struct view_link *links;
	size_t n_links;
};

/* A checkbox of the badge form. */
struct view_check {
	const char *name;
	const char *id;
	const char *value;
	const char *label;
	bool checked;
};

struct view_check_group {
	const char *legend;
	struct view_check *items;
	size_t n_items;
};

struct view_badge_form {
	const char *caption;
	const char *heading;
	const char *notice;
	const char *action;
	const char *csrf;
	const char *submit;
	const char *back_href;
	struct view_err *errors;
	size_t n_errors;
	struct view_field *about;
	size_t n_about;
	const char *image_url;
	const char *image_default;
	const char *image_error;
	struct view_field *design;
	size_t n_design;
	struct view_field *settings;
	size_t n_settings;
	struct view_check *flags;
	size_t n_flags;
	const char *align_error;
	struct view_check_group *groups;
	size_t n_groups;
	struct view_field *tail;
	size_t n_tail;
};

#endif
