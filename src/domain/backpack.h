/*
 * backpack.h: badges issued elsewhere that a learner keeps in Laurel.
 *
 * A badge is added only when Laurel's verifier says it is valid and it
 * was awarded to one of the learner's verified email addresses. Laurel
 * keeps what was verified (a URL, or the badge's JSON or signed text) and
 * checks it again when it is shown, at most once a day
 * (BACKPACK_RECHECK_S): a badge that has since been revoked or has expired
 * shows as no longer valid, with the reason.
 */
#ifndef LAUREL_BACKPACK_H
#define LAUREL_BACKPACK_H

#include "core/common.h"
#include "domain/app.h"

struct arena;

#define BACKPACK_RECHECK_S ((int64_t)24 * 3600)
#define BACKPACK_SOURCE_MAX ((size_t)256 << 10) /* text kept per badge */
#define BACKPACK_MAX 200                        /* badges per person */
#define BACKPACK_RECHECKS 3 /* re-checks per listing; the rest wait */

struct backpack_item {
	const char *id;
	const char *source; /* "" in listings; read for a re-check */
	int version;        /* 2 or 3 */
	const char *badge_name;
	const char *issuer_name;
	const char *issuer_url;
	const char *image_url; /* https URL or "" */
	const char *issued_on; /* ISO 8601 as the badge gives it */
	const char *expires;
	bool valid;
	const char *reason; /* why it is no longer valid, or "" */
	int64_t checked_at;
	int64_t created_at;
};

/*
 * backpack_add verifies source[0..len) (a badge URL, JSON or JWS text) as
 * who, and keeps it when valid and awarded to one of who's verified
 * addresses. Sets *id. Returns 0; ERR_INVAL with why set (in plain words)
 * when it is not valid, not theirs, or too large to keep; ERR_CONFLICT
 * when it is already in their badges; ERR_TOOBIG past BACKPACK_MAX.
 */
MUST_CHECK int backpack_add(struct app *app, struct arena *a,
    const struct who *who, const char *source, size_t len, const char **id,
    char *why, size_t whysz);

/*
 * backpack_list reads person's badges from elsewhere, newest first. With
 * recheck, those last checked more than BACKPACK_RECHECK_S ago are
 * verified again first (network; bounded by the fetcher's limits) and
 * the result stored -- at most BACKPACK_RECHECKS of them per call, the
 * longest unchecked first, so one page view never waits on many
 * servers; the others keep their last result until a later view.
 */
MUST_CHECK int backpack_list(struct app *app, struct arena *a,
    const char *person, bool recheck, struct backpack_item **out, size_t *n);

/* backpack_remove removes one of who's badges. ERR_NOTFOUND if not theirs. */
MUST_CHECK int backpack_remove(
    struct app *app, struct arena *a, const struct who *who, const char *id);

/* For account merge and delete. */
MUST_CHECK int backpack_move_person(
    struct app *app, const char *from, const char *to);
MUST_CHECK int backpack_forget_person(struct app *app, const char *person);

#endif
