/*
 * views.h: view structs for the tmplc end-to-end test (tests/data/tmplc).
 * The real application's views live in src/web/views.h; this one shadows it
 * when the test compiles the sample templates.
 */
#ifndef TEST_TMPLC_VIEWS_H
#define TEST_TMPLC_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/html.h"

struct view_tag {
	const char *name;
};

struct view_card {
	const char *title;
	const char *link;
	int64_t id;
	bool featured;
	const struct view_tag *tags;
	size_t n_tags;
};

struct view_meta {
	const char *author;
	unsigned year;
	const char **keywords;
	size_t n_keywords;
};

struct view_page {
	const char *title;
	const char *user;
	const char *home;
	struct html_safe body;
	struct view_meta meta;
	const struct view_card *cards;
	size_t n_cards;
	bool logged_in;
	int count;
};

#endif
