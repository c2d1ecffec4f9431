/*
 * seed_catalogue.h: the demo catalogue as data: issuers, frameworks with
 * their targets, series and badges. seed.c loads it; the text is written
 * for Laurel and describes no real body's badges.
 *
 * Every object is named by a stable key; ids are derived from keys with
 * seed_id(), so loading twice changes nothing. Lists are NULL-ended.
 */
#ifndef LAUREL_SEED_CATALOGUE_H
#define LAUREL_SEED_CATALOGUE_H

#include "core/common.h"

struct seed_issuer {
	const char *key; /* "issuer:scheme", "issuer:riverside" */
	const char *name;
	const char *url;
	const char *email;
	const char *description;
	bool is_scheme;
	const char *org_key; /* "org:riverside" or NULL */
};

struct seed_target {
	const char *code; /* "1", "1.2" */
	const char *name;
	const char *description;
	const char *url; /* may be NULL: the framework's url */
};

struct seed_framework {
	const char *key; /* "framework:sssc-codes" */
	const char *name;
	const char *url;
	const char *description;
	const struct seed_target *targets; /* ends with code == NULL */
};

struct seed_series {
	const char *key; /* "series:dementia" */
	const char *issuer_key;
	const char *name;
	const char *summary;
};

struct seed_prereq {
	const char *badge_key;
	bool required; /* false: recommended */
};

struct seed_alignment {
	const char *framework_key;
	const char *code;
};

struct seed_badge {
	const char *key; /* "badge:dementia-awareness" */
	const char *issuer_key;
	const char *name;
	const char *summary;
	const char *description_md;
	int minutes;
	const char *licence;
	int min_words;
	bool attachments_allowed;
	int expiry_months;      /* 0: does not expire */
	int endorsement_months; /* 0: no endorsement requirement */
	bool introductory;
	const char *colour; /* "#rrggbb": the generated design */
	const char *image_alt;
	const char *const *criteria;
	const char *const *activities;
	const char *const *resources; /* title, url, title, url, ..., NULL */
	const char *const *tags;
	const struct seed_alignment
	    *alignments;                   /* ends with framework_key NULL */
	const struct seed_prereq *prereqs; /* ends with badge_key NULL */
	const char *series_key;            /* or NULL */
	int series_position;               /* 1.. within the series */
};

extern const struct seed_issuer seed_issuers[];
extern const size_t n_seed_issuers;
extern const struct seed_framework seed_frameworks[];
extern const size_t n_seed_frameworks;
extern const struct seed_series seed_series[];
extern const size_t n_seed_series;
/* Badges in an order where every prerequisite comes before its badge. */
extern const struct seed_badge seed_badges[];
extern const size_t n_seed_badges;

#endif
