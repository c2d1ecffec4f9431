/*
 * badge.h: reading badges for the catalogue and the badge page.
 *
 * Results are allocated from the caller's arena.
 */
#ifndef LAUREL_BADGE_H
#define LAUREL_BADGE_H

#include "core/common.h"
#include "domain/app.h"

struct arena;

struct badge_summary {
	const char *id;
	const char *name;
	const char *summary;
	int64_t minutes;
	const char *issuer_id;
	const char *issuer_name;
	bool introductory;
	const char *colour;
};

struct badge_resource {
	const char *title;
	const char *url;
};

struct badge_detail {
	const char *id;
	const char *status;
	int64_t version;
	bool introductory;
	const char *name;
	const char *summary;
	const char *description_md;
	int64_t minutes;
	const char *licence;
	int64_t min_words;
	bool attachments_allowed;
	int64_t expiry_months; /* 0: does not expire */
	const char *image_alt;
	const char *colour;
	const char *issuer_id;
	const char *issuer_name;
	const char *issuer_url;
	const char **criteria;
	size_t n_criteria;
	const char **activities;
	size_t n_activities;
	struct badge_resource *resources;
	size_t n_resources;
	const char **tags;
	size_t n_tags;
};

/*
 * badge_list_published fills *out with up to limit published badges from
 * offset, introductory badges first, then by name; *total is the count of
 * all published badges.
 */
MUST_CHECK int badge_list_published(struct app *app, struct arena *a,
    size_t limit, size_t offset, struct badge_summary **out, size_t *n,
    size_t *total);
/* badge_get reads the current version of a badge; ERR_NOTFOUND if none. */
MUST_CHECK int badge_get(
    struct app *app, struct arena *a, const char *id, struct badge_detail *out);

/* A badge as the demo data and the authoring forms describe it. */
struct badge_spec {
	const char *key; /* stable: the id is derived from it */
	const char *name;
	const char *summary;
	const char *description_md;
	int minutes;
	const char *licence;
	int min_words;
	bool introductory;
	const char *colour;
	const char *image_alt;
	const char *const *criteria; /* NULL-ended */
	const char *const *activities;
	const char *const *resources; /* title, url, title, url, ..., NULL */
	const char *const *tags;
};

/*
 * badge_create_published stores spec as version 1 of a published badge of
 * issuer_id with id, unless a badge with that id exists (then it changes
 * nothing). Runs in one transaction.
 */
MUST_CHECK int badge_create_published(struct app *app, const char *id,
    const char *issuer_id, const struct badge_spec *spec, bool *created);

#endif
