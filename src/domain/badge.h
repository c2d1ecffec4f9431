/*
 * badge.h: badges: reading them for the catalogue and the badge page
 * (badge.c), searching the catalogue (catalogue.c) and authoring them
 * (badge_edit.c).
 *
 * A badge has versions. A draft badge (never published) is edited in
 * place; editing a published or archived badge adds a version that
 * becomes current, and awards keep the version they were made against.
 * Prerequisites and series membership belong to the badge, not a version.
 *
 * Results are allocated from the caller's arena.
 */
#ifndef LAUREL_BADGE_H
#define LAUREL_BADGE_H

#include "core/common.h"
#include "core/id.h"
#include "domain/app.h"
#include "domain/common.h"

struct arena;

/* Limits a badge's fields are held to (also shown to authors). */
#define BADGE_NAME_MAX 120
#define BADGE_SUMMARY_MAX 300
#define BADGE_DESCRIPTION_MAX 20000
#define BADGE_ITEM_MAX 1000 /* one criterion or activity */
#define BADGE_LIST_MAX 20   /* criteria, activities, resources */
#define BADGE_TAGS_MAX 10
#define BADGE_TAG_MAX 40
#define BADGE_ALIGN_MAX 30

struct badge_summary {
	const char *id;
	const char *name;
	const char *summary;
	int64_t minutes;
	const char *issuer_id;
	const char *issuer_name;
	bool introductory;
	const char *colour;
	const char *image_hash; /* SHA-256 of the image (badge_image), or "" */
	const char *image_ext;  /* "png", "svg", or "" for none */
	const char *status;
	int64_t version;
	int64_t series_position;
	int64_t updated_at;
};

struct badge_resource {
	const char *title;
	const char *url;
};

struct badge_alignment {
	const char *target_id;
	const char *framework_id;
	const char *framework; /* the framework's name */
	const char *code;
	const char *name;
	const char *url; /* the target's, else the framework's */
};

struct badge_prereq {
	const char *id;
	const char *name;
	bool required;
	bool held; /* by the person badge_get was asked about */
};

struct badge_version_info {
	int64_t version;
	int64_t created_at;
	const char *created_by; /* a name, or "" */
	const char *change_note;
};

struct badge_detail {
	const char *id;
	const char *status;
	int64_t version;         /* the version read */
	int64_t current_version; /* the badge's current version */
	bool introductory;
	const char *name;
	const char *summary;
	const char *description_md;
	int64_t minutes;
	const char *licence;
	int64_t min_words;
	bool attachments_allowed;
	int64_t expiry_months;      /* 0: does not expire */
	int64_t endorsement_months; /* 0: no endorsement needed */
	const char *image_alt;
	const char *colour;
	const char *image_hash; /* "" if none */
	const char *image_ext;  /* "png", "svg", or "" for none */
	const char *issuer_id;
	const char *issuer_name;
	const char *issuer_url;
	const char *series_id; /* "" if none */
	const char *series_name;
	int64_t series_position;
	int64_t version_created_at;
	int64_t published_at; /* 0: never published */
	int64_t holders;      /* people with an active award */
	const char **criteria;
	size_t n_criteria;
	const char **activities;
	size_t n_activities;
	struct badge_resource *resources;
	size_t n_resources;
	const char **tags;
	size_t n_tags;
	struct badge_alignment *alignments;
	size_t n_alignments;
	struct badge_prereq *prereqs;
	size_t n_prereqs;
};

/*
 * badge_list_published fills *out with up to limit published badges from
 * offset, introductory badges first, then by name; *total is the count of
 * all published badges.
 */
MUST_CHECK int badge_list_published(struct app *app, struct arena *a,
    size_t limit, size_t offset, struct badge_summary **out, size_t *n,
    size_t *total);

/*
 * badge_get reads version (0: the current one) of badge id. A draft badge
 * is ERR_NOTFOUND unless drafts is true (its issuer's staff). person, if
 * not NULL or "", is whose prerequisite progress to fill in.
 */
MUST_CHECK int badge_get(struct app *app, struct arena *a, const char *id,
    int64_t version, bool drafts, const char *person, struct badge_detail *out);

/* badge_versions lists a badge's versions, newest first. */
MUST_CHECK int badge_versions(struct app *app, struct arena *a, const char *id,
    struct badge_version_info **out, size_t *n);

/* badge_issuer_list lists every badge of issuer, drafts and archived
 * included, by name. */
MUST_CHECK int badge_issuer_list(struct app *app, struct arena *a,
    const char *issuer, struct badge_summary **out, size_t *n);

/* badge_image reads a stored image by its hash (64 hex digits). */
MUST_CHECK int badge_image(struct app *app, struct arena *a, const char *hash,
    const void **bytes, size_t *len, const char **content_type);

#define BADGE_DESIGN_SIZE 256 /* the generated design, when baked */

/*
 * badge_picture gives the picture a badge is baked into: the stored image
 * hash, or when hash is "" the generated design of name in colour
 * (BADGE_DESIGN_SIZE pixels, PNG). Errors as badge_image and
 * image_generate_png.
 */
MUST_CHECK int badge_picture(struct app *app, struct arena *a, const char *hash,
    const char *name, const char *colour, const void **bytes, size_t *len);

/* ---- the catalogue (catalogue.c) ---- */

enum catalogue_sort {
	SORT_RECOMMENDED, /* relevance when searching; else introductory
	                     badges first, then by name */
	SORT_NAME,
	SORT_NEWEST,
	SORT_SHORTEST,
};

struct catalogue_query {
	const char *q;         /* words to search for, or "" */
	const char *issuer;    /* an issuer id, or "" */
	const char *tag;       /* or "" */
	const char *framework; /* a framework id, or "" */
	const char *series;    /* a series id, or "" */
	int64_t min_minutes, max_minutes;
	enum catalogue_sort sort;
	size_t limit, offset;
};

/*
 * catalogue_search finds published badges matching q: full text over
 * name, summary, description, criteria, activities and tags (name
 * weighs most), every word must match (as a prefix). *total counts all
 * matches. A query with no searchable words matches everything.
 */
MUST_CHECK int catalogue_search(struct app *app, struct arena *a,
    const struct catalogue_query *q, struct badge_summary **out, size_t *n,
    size_t *total);

/*
 * catalogue_fts_query turns what a person typed into the search
 * language of the back end: FTS5 ("word"* AND ...) or PostgreSQL
 * tsquery (word:* & ...). At most 8 words of at most 40 bytes are kept;
 * "" when there is nothing to search for.
 */
const char *catalogue_fts_query(struct arena *a, const char *q, bool postgres);

/* A choice in a catalogue filter: the value to send and what to show. */
struct facet {
	const char *value;
	const char *label;
	int64_t count;
};

struct catalogue_facets {
	struct facet *issuers, *tags, *frameworks, *series;
	size_t n_issuers, n_tags, n_frameworks, n_series;
};

/* catalogue_facets lists the filter choices published badges offer. */
MUST_CHECK int catalogue_facets(
    struct app *app, struct arena *a, struct catalogue_facets *out);

struct series {
	const char *id;
	const char *issuer_id;
	const char *issuer_name;
	const char *name;
	const char *summary;
	struct badge_summary *badges; /* published, in order */
	size_t n_badges;
};

/* series_get reads a series with its published badges in order. */
MUST_CHECK int series_get(
    struct app *app, struct arena *a, const char *id, struct series *out);
/* series_list lists issuer's series (badges not filled in). */
MUST_CHECK int series_list(struct app *app, struct arena *a, const char *issuer,
    struct series **out, size_t *n);

struct framework_target {
	const char *id;
	const char *code;
	const char *name;
	const char *description;
	const char *url;
};

struct framework {
	const char *id;
	const char *name;
	const char *url;
	const char *description;
	struct framework_target *targets;
	size_t n_targets;
};

/* framework_list lists every framework with its targets in order. */
MUST_CHECK int framework_list(
    struct app *app, struct arena *a, struct framework **out, size_t *n);

/* An issuer as its public page shows it. */
struct issuer_profile {
	const char *id;
	const char *name;
	const char *url;
	const char *email;
	const char *description;
	bool scheme;
};

/* issuer_profile reads issuer id; ERR_NOTFOUND if there is none. */
MUST_CHECK int issuer_profile(struct app *app, struct arena *a, const char *id,
    struct issuer_profile *out);

/* ---- authoring (badge_edit.c) ---- */

/* What an author sends. Lists are arrays of n items. */
struct badge_input {
	const char *name;
	const char *summary;
	const char *description_md;
	const char *const *criteria;
	size_t n_criteria;
	const char *const *activities;
	size_t n_activities;
	const struct badge_resource *resources;
	size_t n_resources;
	const char *const *tags;
	size_t n_tags;
	const char *const *targets; /* framework target ids */
	size_t n_targets;
	int64_t minutes;
	const char *licence;
	int64_t min_words;
	bool attachments_allowed;
	int64_t expiry_months;
	int64_t endorsement_months;
	bool introductory;
	const char *colour; /* #rrggbb, for the generated design */
	const char *image_alt;
	/* An uploaded file (validated here), or NULL. Without one, a new
	 * badge gets the generated design, an edited one keeps its image
	 * unless generate_image. */
	const void *image;
	size_t image_len;
	bool generate_image;
	const char *series_id; /* "" or NULL: none */
	int64_t series_position;
	const char *change_note;
};

/*
 * badge_save creates a draft badge of issuer (id NULL or "") or saves an
 * edit of badge id. who must be an admin of issuer. On success the id is
 * written to out_id. A bad field gives ERR_INVAL with e naming it and
 * saying what to fix; nothing is written then. Runs in one transaction.
 */
MUST_CHECK int badge_save(struct app *app, const struct who *who,
    struct arena *a, const char *issuer, const char *id,
    const struct badge_input *in, char out_id[ID_LEN + 1], struct form_err *e);

/*
 * badge_create_as_system makes badge id of issuer from in, without the
 * permission check, for the demo data and command-line tools whose
 * callers are trusted; with publish it is published in the same
 * transaction. A badge that exists is left alone (*created false).
 */
MUST_CHECK int badge_create_as_system(struct app *app, struct arena *a,
    const char *issuer, const char *id, const struct badge_input *in,
    bool publish, bool *created, struct form_err *e);

/*
 * badge_set_status moves badge id of issuer to status: draft ->
 * published, published -> archived, archived -> published. Anything
 * else is ERR_CONFLICT with e saying why.
 */
MUST_CHECK int badge_set_status(struct app *app, const struct who *who,
    const char *issuer, const char *id, const char *status, struct form_err *e);

/*
 * badge_prereq_add makes prereq a required or recommended prerequisite
 * of badge id (of issuer). A prerequisite that would make a cycle (the
 * badge is already, directly or not, a prerequisite of prereq) is
 * ERR_CONFLICT with e saying which.
 */
MUST_CHECK int badge_prereq_add(struct app *app, const struct who *who,
    const char *issuer, const char *id, const char *prereq, bool required,
    struct form_err *e);
MUST_CHECK int badge_prereq_remove(struct app *app, const struct who *who,
    const char *issuer, const char *id, const char *prereq);

/* series_create makes a series of issuer; writes its id to out_id. */
MUST_CHECK int series_create(struct app *app, const struct who *who,
    const char *issuer, const char *name, const char *summary,
    char out_id[ID_LEN + 1], struct form_err *e);

/*
 * framework_add_target adds a target (code, name, url) to the framework
 * called framework (made if new). who must be an admin of some issuer.
 */
MUST_CHECK int framework_add_target(struct app *app, const struct who *who,
    const char *issuer, const char *framework, const char *code,
    const char *name, const char *url, struct form_err *e);

/* badge_parse_lines splits text into trimmed, non-empty lines. */
MUST_CHECK int badge_parse_lines(
    struct arena *a, const char *text, const char ***out, size_t *n);
/*
 * badge_parse_resources reads lines of "title URL" (the URL last) into
 * resources. A line without a web address is ERR_INVAL with *bad set to
 * its number (1-based).
 */
MUST_CHECK int badge_parse_resources(struct arena *a, const char *text,
    struct badge_resource **out, size_t *n, size_t *bad);
/* badge_parse_tags splits comma-separated tags, trimmed and lower-cased. */
MUST_CHECK int badge_parse_tags(
    struct arena *a, const char *text, const char ***out, size_t *n);

#endif
