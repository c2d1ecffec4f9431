/*
 * test_seed_catalogue.c: the integrity of the demo catalogue as data: keys,
 * issuers, prerequisites in dependency order, series, alignments, colours
 * readable under white text, and the shape of every badge's text.
 */
#include "core/common.h"
#include "domain/seed_catalogue.h"

#include <criterion/criterion.h>
#include <math.h>

#define MAX_BADGES 256

static size_t
list_len(const char *const *l)
{
	size_t n = 0;

	while (l != NULL && l[n] != NULL)
		n++;
	return n;
}

static const struct seed_issuer *
find_issuer(const char *key)
{
	for (size_t i = 0; i < n_seed_issuers; i++)
		if (strcmp(seed_issuers[i].key, key) == 0)
			return &seed_issuers[i];
	return NULL;
}

static const struct seed_series *
find_series(const char *key)
{
	for (size_t i = 0; i < n_seed_series; i++)
		if (strcmp(seed_series[i].key, key) == 0)
			return &seed_series[i];
	return NULL;
}

/* find_badge returns the index of key in seed_badges, or -1. */
static long
find_badge(const char *key)
{
	for (size_t i = 0; i < n_seed_badges; i++)
		if (strcmp(seed_badges[i].key, key) == 0)
			return (long)i;
	return -1;
}

static bool
target_exists(const char *framework, const char *code)
{
	for (size_t i = 0; i < n_seed_frameworks; i++) {
		const struct seed_target *t = seed_frameworks[i].targets;

		if (strcmp(seed_frameworks[i].key, framework) != 0)
			continue;
		for (; t->code != NULL; t++)
			if (strcmp(t->code, code) == 0)
				return true;
	}
	return false;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1; /* upper case is rejected: one spelling per colour */
}

/* channel is the WCAG 2 linearised value of an sRGB channel 0..255. */
static double
channel(int v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/*
 * white_contrast returns the WCAG contrast ratio of "#rrggbb" against
 * white, or -1 if the colour is malformed.
 */
static double
white_contrast(const char *colour)
{
	int rgb[3];
	double lum;

	if (colour == NULL || strlen(colour) != 7 || colour[0] != '#')
		return -1;
	for (int i = 0; i < 3; i++) {
		int hi = hexval(colour[1 + 2 * i]),
		    lo = hexval(colour[2 + 2 * i]);

		if (hi < 0 || lo < 0)
			return -1;
		rgb[i] = hi * 16 + lo;
	}
	lum = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) +
	    0.0722 * channel(rgb[2]);
	return 1.05 / (lum + 0.05);
}

Test(seed_catalogue, contrast_is_computed_correctly)
{
	cr_assert_float_eq(white_contrast("#ffffff"), 1.0, 1e-9);
	cr_assert_float_eq(white_contrast("#000000"), 21.0, 1e-9);
	/* #767676 is the well-known lightest grey that passes 4.5:1. */
	cr_assert(white_contrast("#767676") >= 4.5);
	cr_assert(white_contrast("#777777") < 4.5);
	cr_assert(white_contrast("#12345") < 0);
	cr_assert(white_contrast("#12345G") < 0);
	cr_assert(white_contrast("#ABCDEF") < 0);
}

Test(seed_catalogue, issuers)
{
	const struct seed_issuer *scheme, *riverside;
	size_t schemes = 0;

	cr_assert_eq(n_seed_issuers, 2);
	for (size_t i = 0; i < n_seed_issuers; i++) {
		const struct seed_issuer *is = &seed_issuers[i];

		cr_assert_not_null(is->name);
		cr_assert_eq(strncmp(is->url, "https://", 8), 0);
		cr_assert_not_null(strchr(is->email, '@'));
		cr_assert(is->description != NULL && is->description[0]);
		cr_assert_eq(is->is_scheme, is->org_key == NULL,
		    "%s: the scheme has no organisation, an employer has one",
		    is->key);
		schemes += is->is_scheme;
		for (size_t j = 0; j < i; j++)
			cr_assert_str_neq(is->key, seed_issuers[j].key);
	}
	cr_assert_eq(schemes, 1);
	scheme = find_issuer("issuer:scheme");
	riverside = find_issuer("issuer:riverside");
	cr_assert(scheme != NULL && scheme->is_scheme);
	cr_assert(riverside != NULL && riverside->org_key != NULL);
	cr_assert_str_eq(riverside->org_key, "org:riverside");
}

Test(seed_catalogue, frameworks)
{
	const char *sssc = "framework:sssc-codes", *hscs = "framework:hscs";

	for (size_t i = 0; i < n_seed_frameworks; i++) {
		const struct seed_framework *f = &seed_frameworks[i];

		cr_assert_eq(strncmp(f->key, "framework:", 10), 0);
		cr_assert_eq(strncmp(f->url, "https://", 8), 0);
		cr_assert_not_null(f->targets);
		for (const struct seed_target *t = f->targets; t->code; t++) {
			cr_assert(t->name != NULL && t->name[0]);
			cr_assert(t->description != NULL && t->description[0]);
			cr_assert(t->url == NULL ||
			    strncmp(t->url, "https://", 8) == 0);
			for (const struct seed_target *u = f->targets; u < t;
			     u++)
				cr_assert_str_neq(u->code, t->code,
				    "%s: code %s twice", f->key, t->code);
		}
		for (size_t j = 0; j < i; j++)
			cr_assert_str_neq(f->key, seed_frameworks[j].key);
	}
	for (int c = 1; c <= 6; c++) {
		char code[2] = {(char)('0' + c), '\0'};

		cr_assert(target_exists(sssc, code), "SSSC code %s", code);
		cr_assert_eq(
		    target_exists(hscs, code), c <= 5, "HSCS outcome %s", code);
	}
	cr_assert_not(target_exists(sssc, "7"));
}

Test(seed_catalogue, keys_and_issuers)
{
	size_t per_issuer[8] = {0};

	cr_assert(n_seed_badges >= 25, "only %zu badges", n_seed_badges);
	cr_assert(n_seed_badges <= MAX_BADGES);
	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];
		const struct seed_issuer *is = find_issuer(b->issuer_key);

		cr_assert_eq(strncmp(b->key, "badge:", 6), 0, "%s", b->key);
		cr_assert(strlen(b->key) > 6);
		for (const char *p = b->key + 6; *p; p++)
			cr_assert((*p >= 'a' && *p <= 'z') ||
			        (*p >= '0' && *p <= '9') || *p == '-',
			    "%s: keys are lower-case words and hyphens",
			    b->key);
		cr_assert_not_null(is, "%s: unknown issuer", b->key);
		per_issuer[is - seed_issuers]++;
		for (size_t j = 0; j < i; j++)
			cr_assert_str_neq(
			    b->key, seed_badges[j].key, "duplicate key");
	}
	for (size_t i = 0; i < n_seed_issuers; i++)
		cr_assert(per_issuer[i] > 0, "%s issues no badge",
		    seed_issuers[i].key);

	/* The demo's original badges keep their keys. */
	static const char *const kept[] = {"badge:getting-started",
	    "badge:writing-evidence", "badge:dementia-awareness",
	    "badge:adult-support-protection", "badge:medication-awareness",
	    "badge:trauma-informed"};
	for (size_t i = 0; i < NELEM(kept); i++)
		cr_assert(find_badge(kept[i]) >= 0, "%s is missing", kept[i]);
}

Test(seed_catalogue, introductory_badges)
{
	size_t n = 0;

	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];

		if (!b->introductory)
			continue;
		n++;
		cr_assert(b->prereqs == NULL || b->prereqs[0].badge_key == NULL,
		    "%s: introductory badges have no prerequisites", b->key);
		cr_assert_null(b->series_key);
	}
	cr_assert_eq(n, 2);
	cr_assert(
	    seed_badges[find_badge("badge:getting-started")].introductory);
	cr_assert(
	    seed_badges[find_badge("badge:writing-evidence")].introductory);
}

Test(seed_catalogue, prerequisites_come_first)
{
	size_t required = 0, recommended = 0;

	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];

		for (const struct seed_prereq *p = b->prereqs;
		     p != NULL && p->badge_key != NULL; p++) {
			long at = find_badge(p->badge_key);

			cr_assert_str_neq(
			    p->badge_key, b->key, "%s requires itself", b->key);
			cr_assert(at >= 0, "%s: unknown prerequisite %s",
			    b->key, p->badge_key);
			cr_assert((size_t)at < i,
			    "%s: prerequisite %s must come earlier", b->key,
			    p->badge_key);
			for (const struct seed_prereq *q = b->prereqs; q < p;
			     q++)
				cr_assert_str_neq(q->badge_key, p->badge_key);
			if (p->required)
				required++;
			else
				recommended++;
		}
	}
	cr_assert(required > 0 && recommended > 0);
}

Test(seed_catalogue, series)
{
	cr_assert(n_seed_series >= 4);
	for (size_t s = 0; s < n_seed_series; s++) {
		const struct seed_series *se = &seed_series[s];
		bool seen[MAX_BADGES + 1] = {false};
		int max = 0, members = 0;
		long prev = -1;

		cr_assert_eq(strncmp(se->key, "series:", 7), 0);
		cr_assert_not_null(find_issuer(se->issuer_key), "%s", se->key);
		cr_assert(se->name != NULL && se->name[0]);
		cr_assert(se->summary != NULL && se->summary[0]);
		for (size_t j = 0; j < s; j++)
			cr_assert_str_neq(se->key, seed_series[j].key);

		for (size_t i = 0; i < n_seed_badges; i++) {
			const struct seed_badge *b = &seed_badges[i];
			int pos = b->series_position;

			if (b->series_key == NULL ||
			    strcmp(b->series_key, se->key) != 0)
				continue;
			cr_assert(pos >= 1 && pos <= MAX_BADGES, "%s", b->key);
			cr_assert_not(
			    seen[pos], "%s: position %d twice", se->key, pos);
			cr_assert_str_eq(b->issuer_key, se->issuer_key,
			    "%s: a series has one issuer", b->key);
			seen[pos] = true;
			members++;
			if (pos > max)
				max = pos;
		}
		cr_assert(members >= 2, "%s has %d badges", se->key, members);
		cr_assert_eq(max, members, "%s: positions must run 1..%d",
		    se->key, members);

		/* Each member after the first requires the one before. */
		for (int pos = 1; pos <= max; pos++) {
			for (size_t i = 0; i < n_seed_badges; i++) {
				const struct seed_badge *b = &seed_badges[i];

				if (b->series_key == NULL ||
				    strcmp(b->series_key, se->key) != 0 ||
				    b->series_position != pos)
					continue;
				if (prev >= 0) {
					bool found = false;
					for (const struct seed_prereq *p =
					         b->prereqs;
					     p && p->badge_key; p++)
						found |= p->required &&
						    strcmp(p->badge_key,
						        seed_badges[prev]
						            .key) == 0;
					cr_assert(found, "%s must require %s",
					    b->key, seed_badges[prev].key);
				}
				prev = (long)i;
			}
		}
	}
	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];

		if (b->series_key == NULL)
			cr_assert_eq(b->series_position, 0, "%s", b->key);
		else
			cr_assert_not_null(find_series(b->series_key),
			    "%s: unknown series %s", b->key, b->series_key);
	}
}

Test(seed_catalogue, alignments)
{
	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];
		size_t n = 0;

		cr_assert_not_null(b->alignments, "%s", b->key);
		for (const struct seed_alignment *a = b->alignments;
		     a->framework_key != NULL; a++, n++) {
			cr_assert(target_exists(a->framework_key, a->code),
			    "%s: no target %s in %s", b->key, a->code,
			    a->framework_key);
			for (const struct seed_alignment *c = b->alignments;
			     c < a; c++)
				cr_assert(strcmp(c->framework_key,
				              a->framework_key) != 0 ||
				        strcmp(c->code, a->code) != 0,
				    "%s: alignment twice", b->key);
		}
		cr_assert(n >= 1 && n <= 4, "%s: %zu alignments", b->key, n);
	}
}

Test(seed_catalogue, colours_are_readable_and_distinct)
{
	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];
		double r = white_contrast(b->colour);

		cr_assert(
		    r > 0, "%s: colour %s is not #rrggbb", b->key, b->colour);
		cr_assert(r >= 4.5, "%s: %s has contrast %.2f against white",
		    b->key, b->colour, r);
		for (size_t j = 0; j < i; j++)
			cr_assert_str_neq(b->colour, seed_badges[j].colour,
			    "%s and %s share a colour", b->key,
			    seed_badges[j].key);
	}
}

Test(seed_catalogue, badge_text)
{
	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];
		size_t nc = list_len(b->criteria), na = list_len(b->activities);

		cr_assert(b->name != NULL && b->name[0], "%s", b->key);
		cr_assert(b->summary != NULL && b->summary[0], "%s", b->key);
		cr_assert(strlen(b->summary) <= 200, "%s: summary is %zu chars",
		    b->key, strlen(b->summary));
		cr_assert(b->description_md != NULL &&
		        strlen(b->description_md) >= 100,
		    "%s", b->key);
		cr_assert(nc >= 2 && nc <= 5, "%s: %zu criteria", b->key, nc);
		for (size_t c = 0; c < nc; c++)
			cr_assert(b->criteria[c][0] >= 'A' &&
			        b->criteria[c][0] <= 'Z',
			    "%s: criterion %zu should start with a verb",
			    b->key, c + 1);
		cr_assert(na >= 1 && na <= 3, "%s: %zu activities", b->key, na);
		cr_assert(
		    b->image_alt != NULL && b->image_alt[0], "%s", b->key);
		cr_assert_not_null(strstr(b->image_alt, b->name),
		    "%s: the alt text should name the badge", b->key);
		cr_assert(b->minutes >= 30 && b->minutes <= 240, "%s", b->key);
		cr_assert(
		    b->min_words >= 150 && b->min_words <= 400, "%s", b->key);
		cr_assert(b->expiry_months >= 0 && b->expiry_months <= 60);
		cr_assert(
		    b->endorsement_months >= 0 && b->endorsement_months <= 12);
		cr_assert(b->licence != NULL && b->licence[0], "%s", b->key);
	}
}

Test(seed_catalogue, resources)
{
	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];
		size_t n = list_len(b->resources);

		cr_assert_eq(n % 2, 0, "%s: resources come in pairs", b->key);
		cr_assert(n / 2 <= 3, "%s: %zu resources", b->key, n / 2);
		for (size_t r = 0; r < n; r += 2) {
			cr_assert(b->resources[r][0] != '\0');
			cr_assert_eq(strncmp(b->resources[r], "http", 4) != 0,
			    true, "%s: a title, not a URL, comes first",
			    b->key);
			cr_assert_eq(
			    strncmp(b->resources[r + 1], "https://", 8), 0,
			    "%s: %s is not https", b->key, b->resources[r + 1]);
			cr_assert_null(strchr(b->resources[r + 1], ' '));
		}
	}
}

/* tag_uses counts the badges carrying tag. */
static size_t
tag_uses(const char *tag)
{
	size_t uses = 0;

	for (size_t j = 0; j < n_seed_badges; j++)
		for (const char *const *t = seed_badges[j].tags; t && *t; t++)
			uses += strcmp(*t, tag) == 0;
	return uses;
}

Test(seed_catalogue, tags)
{
	for (size_t i = 0; i < n_seed_badges; i++) {
		const struct seed_badge *b = &seed_badges[i];
		size_t n = list_len(b->tags);
		bool shared = false;

		cr_assert(n >= 1 && n <= 4, "%s: %zu tags", b->key, n);
		for (size_t t = 0; t < n; t++) {
			const char *tag = b->tags[t];

			cr_assert(tag[0] != '\0' && tag[0] != ' ');
			for (const char *p = tag; *p; p++)
				cr_assert(!(*p >= 'A' && *p <= 'Z'),
				    "%s: tag \"%s\" is not lower case", b->key,
				    tag);
			for (size_t u = 0; u < t; u++)
				cr_assert_str_neq(tag, b->tags[u]);
			shared |= tag_uses(tag) >= 2;
		}
		/* Tags are shared topics, so a tag filter finds company. */
		cr_assert(
		    shared, "%s shares no tag with another badge", b->key);
	}
}
