/*
 * award.h: awards made by an assessor's decision (assessment.h).
 *
 * An award names the person, the badge and the version applied for, the
 * issue date and the expiry the badge version's policy gives
 * (expiry_months; 0: it does not expire), the application and assessor it
 * came from, the recipient's primary address at the time of the award, and
 * an immutable snapshot of the evidence as submitted (awards.evidence,
 * JSON): later drafts of the application never change it.
 *
 * Evidence JSON: {"application": ID, "round": N, "badge": ID,
 * "version": N, "account_md": "...", "alt_url": "...", "links": [...],
 * "answers": [{"position": N, "criterion": "...", "answer": "..."}],
 * "attachments": [...as the round stored them...],
 * "declaration": {"text": "...", "policy_version": "...",
 * "declared_at": T}, "submitted_at": T, "marks": [{"position": N,
 * "met": true, "comment": "..."}]}
 *
 * Results live in the caller's arena.
 */
#ifndef LAUREL_AWARD_H
#define LAUREL_AWARD_H

#include "core/common.h"
#include "core/id.h"
#include "domain/app.h"

struct arena;

struct award {
	const char *id;
	const char *badge_id;
	int version;
	const char *badge_name;
	const char *issuer_id;
	const char *issuer_name;
	const char *person_id;
	const char *person_name;
	const char *status; /* active suspended revoked expired lapsed */
	int64_t issued_at;
	int64_t expires_at;         /* 0: does not expire */
	const char *application_id; /* "" for awards made otherwise */
	const char *assessor_id;
	const char *assessor_name;
	const char *recipient_email; /* at the time of the award */
	const char *current_email;   /* the person's primary address now */
	const char *evidence;        /* JSON, see above */
};

/* The marks recorded with the award's evidence. */
struct award_mark {
	int position;
	bool met;
	const char *comment;
};

/*
 * award_create makes the award for round of application id, decided by
 * assessor, at the app's clock, and writes its id into id. Runs inside the
 * caller's transaction (the decision's): it neither begins nor ends one,
 * nor checks permissions. Returns 0, ERR_NOTFOUND, ERR_DB or ERR_TOOBIG.
 */
MUST_CHECK int award_create(struct app *app, struct arena *a,
    const char *application, int round, const char *assessor,
    const struct award_mark *marks, size_t nmarks, char id[ID_LEN + 1]);

/* award_get reads award id (ERR_NOTFOUND). No permission check. */
MUST_CHECK int award_get(
    struct app *app, struct arena *a, const char *id, struct award *out);

/* award_list_person lists person's awards, newest first. */
MUST_CHECK int award_list_person(struct app *app, struct arena *a,
    const char *person, struct award **out, size_t *n);

/* award_list_all lists every award, oldest first (the CLI). */
MUST_CHECK int award_list_all(
    struct app *app, struct arena *a, struct award **out, size_t *n);

#endif
