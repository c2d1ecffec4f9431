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
	bool introductory;
};

struct view_home {
	struct view_badge_card *intro;
	size_t n_intro;
	long nbadges;
};

struct view_catalogue {
	struct view_badge_card *badges;
	size_t n_badges;
	long total;
	long page;
	long pages;
	const char *prev_href;
	const char *next_href;
};

struct view_resource {
	const char *title;
	const char *url;
};

struct view_badge {
	const char *id;
	const char *name;
	const char *summary;
	struct html_safe description;
	const char *time;
	const char *licence;
	long min_words;
	const char *expiry;
	const char *issuer_name;
	bool introductory;
	const char *colour_class;
	const char *image_alt;
	const char *initial;
	const char **criteria;
	size_t n_criteria;
	const char **activities;
	size_t n_activities;
	struct view_resource *resources;
	size_t n_resources;
	const char **tags;
	size_t n_tags;
	struct view_badge_card *intro;
	size_t n_intro;
};

struct view_text {
	const char *heading;
	const char **paras;
	size_t n_paras;
};

#endif
