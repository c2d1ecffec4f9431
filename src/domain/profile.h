/*
 * profile.h: what a learner chooses to show of their awards, and to whom.
 *
 *   - A public profile at /people/HANDLE: off until the learner turns it
 *     on, and then showing only the awards they chose (show_on_profile),
 *     grouped by series or else by the framework the badge aligns to.
 *     Revoked, suspended and lapsed awards never appear, nor awards
 *     whose page is private (award_page.h). A handle is
 *     [a-z0-9-], PROFILE_HANDLE_MIN..PROFILE_HANDLE_MAX characters,
 *     starting and ending with a letter or digit, unique, and not one of
 *     the reserved words (profile_handle_check).
 *   - "Share with my organisation", per award: the organisation admins
 *     and managers of every organisation the learner is a current member
 *     of see the shared awards (profile_org_awards); leaving ends it.
 *   - "Colleagues who hold this badge", per person: a signed-in member of
 *     an organisation sees, on a badge's page, the names of the people
 *     who opted in, hold the badge (an active award) and are current
 *     members of the same organisation (profile_colleagues).
 *
 * Everything is off until the learner turns it on. Results live in the
 * caller's arena.
 */
#ifndef LAUREL_PROFILE_H
#define LAUREL_PROFILE_H

#include "core/common.h"
#include "domain/app.h"
#include "domain/common.h"

struct arena;

#define PROFILE_HANDLE_MIN 3
#define PROFILE_HANDLE_MAX 40

struct profile_settings {
	const char *handle; /* "" until chosen */
	bool is_public;
	bool colleagues; /* shown to colleagues who hold the same badge */
};

/* profile_get reads person's settings (all off when never set). */
MUST_CHECK int profile_get(struct app *app, struct arena *a, const char *person,
    struct profile_settings *out);

/*
 * profile_handle_check is NULL for a well-formed handle that is not
 * reserved, else the sentence to show. Uniqueness is profile_save's.
 */
const char *profile_handle_check(const char *handle);

struct profile_cmd {
	const char *handle; /* upper case is lowered; "" for none */
	bool is_public;     /* needs a handle */
	bool colleagues;
	/* The ids of who's awards to show on the profile and to share with
	 * their organisation; who's other awards are set to neither. Ids of
	 * other people's awards are ignored. */
	const char *const *show;
	size_t nshow;
	const char *const *share;
	size_t nshare;
};

/*
 * profile_save stores who's settings in one transaction. ERR_INVAL with e
 * for a malformed or reserved handle, or a public profile without one;
 * ERR_CONFLICT when another person has the handle; ERR_FORBIDDEN when
 * not signed in.
 */
MUST_CHECK int profile_save(struct app *app, struct arena *a,
    const struct who *who, const struct profile_cmd *cmd, struct form_err *e);

/* An award as the public profile shows it. */
struct profile_award {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	const char *issuer_name;
	const char *status; /* active or expired, by date too */
	int64_t issued_at;
	int64_t expires_at;
	const char *group; /* series, framework, or "Other badges" */
};

struct profile_page {
	const char *name; /* the person's name */
	const char *handle;
	const char *person; /* their id (for their badges from elsewhere) */
	struct profile_award *awards; /* sorted by group, then series order */
	size_t nawards;
};

/*
 * profile_public reads the public profile at handle. ERR_NOTFOUND when
 * there is none or it is off (the same answer either way).
 */
MUST_CHECK int profile_public(struct app *app, struct arena *a,
    const char *handle, struct profile_page *out);

/* An award a member shares with their organisation. */
struct shared_award {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	const char *issuer_name;
	const char *status;
	int64_t issued_at;
	int64_t expires_at;
	const char *person;
	const char *person_name;
	bool page_private; /* its page is private: no link */
};

/*
 * profile_org_awards lists the awards the current members of org share
 * with it, for who, an organisation admin or manager of org (or a
 * platform admin: platform_admin true). ERR_FORBIDDEN otherwise.
 */
MUST_CHECK int profile_org_awards(struct app *app, struct arena *a,
    const struct who *who, bool platform_admin, const char *org,
    struct shared_award **out, size_t *n);

struct colleague {
	const char *person;
	const char *name;
};

/*
 * profile_colleagues lists the people who opted in, hold badge (active,
 * not past its expiry) and are current members of an organisation person
 * is a current member of; never person themselves. Empty for NULL person.
 */
MUST_CHECK int profile_colleagues(struct app *app, struct arena *a,
    const char *badge, const char *person, struct colleague **out, size_t *n);

/* For account merge (from's profile becomes to's unless to has one; the
 * rest is dropped, freeing its handle) and account deletion. */
MUST_CHECK int profile_move_person(
    struct app *app, const char *from, const char *to);
MUST_CHECK int profile_forget_person(struct app *app, const char *person);

#endif
