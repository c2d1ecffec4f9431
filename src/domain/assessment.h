/*
 * assessment.h: the assessor's side of an application (DESIGN.md §2
 * "Assessor"; schema: migrations 5 and 6): the issuer's queue, claims,
 * decisions, integrity concerns and the alerts the background jobs send.
 *
 * One queue per issuer, strictly in submission order (applications.
 * queue_seq, which the submit code gives; a resubmission gets a new,
 * higher one). There is no priority and no fast track. An assessor claims
 * the oldest item, or a chosen one with a reason; a claim lasts
 * ASSESS_CLAIM_TTL and is released by the job (jobs.h) if it runs out.
 *
 * Every change of state is one conditional UPDATE stating the state it
 * needs (status, round, a live claim by the caller) and checks that one
 * row changed: two assessors can never claim or decide the same
 * application, on SQLite or PostgreSQL. Every change writes an audit
 * event ("assess.*", "award.create") in the same transaction.
 *
 * Callers: the issuer's staff (issuer_person_role: ISSUER_ADMIN or
 * ISSUER_ASSESSOR) act; an application of another issuer is
 * ERR_NOTFOUND; a person never assesses their own application.
 * Everything returned lives in the caller's arena.
 */
#ifndef LAUREL_ASSESSMENT_H
#define LAUREL_ASSESSMENT_H

#include "core/common.h"
#include "domain/app.h"
#include "domain/common.h"

struct arena;

/* How long a claim lasts (seconds). */
#define ASSESS_CLAIM_TTL (48 * 3600)
/* How long before the due date the "due soon" alert goes out. */
#define ASSESS_DUE_ALERT (7 * 86400)
/* "Decided this week": the last 7 days. */
#define ASSESS_WEEK (7 * 86400)
#define ASSESS_REASON_MAX 2000   /* a claim's or reassignment's reason */
#define ASSESS_FEEDBACK_MAX 8000 /* feedback, notes, per-criterion comments */

enum assess_outcome { ASSESS_AWARD = 1, ASSESS_RETURN, ASSESS_DECLINE };

/* Integrity decisions of an issuer admin. */
enum integrity_outcome {
	INTEGRITY_CLEARED = 1,
	INTEGRITY_RETURNED,
	INTEGRITY_DECLINED
};

/* assess_decline_code_valid: the reasons an assessor may decline for:
 * "criteria-not-met", "not-own-work", "identifies-individuals",
 * "not-eligible", "other". */
bool assess_decline_code_valid(const char *s);
const char *assess_decline_code_label(const char *s);
/* integrity_code_valid: "no-concern", "ai-generated-evidence",
 * "copied-evidence", "other". */
bool integrity_code_valid(const char *s);
const char *integrity_code_label(const char *s);

/* The application as the assessor's functions read it. */
struct assess_app {
	const char *id;
	const char *issuer_id;
	const char *person_id;
	const char *person_name;
	const char *person_email; /* primary, "" if none */
	const char *status;
	int round;
	const char *badge_id;
	int version;
	const char *badge_name;
	const char *claimed_by; /* "" when unclaimed or the claim ran out */
	const char *claimed_by_name;
	int64_t claim_expires_at; /* 0 when not claimed */
	int64_t queue_seq;
	int64_t submitted_at;
	int64_t due_at;
	int64_t expiry_months;
	int64_t position; /* 1-based place in the queue (assess_queue) */
	bool overdue;     /* submitted and past its due date */
};

struct assess_counts {
	int64_t waiting;      /* submitted, claimed or not */
	int64_t overdue;      /* of those, past their due date */
	int64_t decided_week; /* decisions in the last ASSESS_WEEK */
	int64_t integrity;    /* concerns waiting for an issuer admin */
};

/* A member of the issuer's staff and their work. */
struct assess_workload {
	const char *person;
	const char *name;
	bool assessor; /* holds the assessor role (else admin only) */
	int64_t claimed;
	int64_t decided_week;
	int64_t decided_total;
};

struct integrity_concern {
	const char *id;
	const char *application_id;
	int round;
	const char *raised_by;
	const char *raised_by_name;
	const char *note;
	int64_t raised_at;
	const char *learner_response; /* "" until the learner responds */
	int64_t responded_at;
	const char *outcome; /* "" while waiting, else cleared... */
	const char *reason_code;
	const char *decision_note;
	const char *decided_by_name;
	int64_t decided_at;
	/* assess_integrity_list only: */
	const char *badge_name;
	const char *person_name;
};

struct assess_claim_log {
	const char *id;
	int round;
	const char *assessor;
	const char *assessor_name;
	const char *how; /* oldest, chosen, reassigned */
	const char *reason;
	const char *assigned_by_name;
	int64_t claimed_at;
	int64_t expires_at;
	int64_t ended_at;       /* 0 while live */
	const char *end_reason; /* decided expired released reassigned ... */
};

/* A criterion's judgement, by position (1-based). */
struct assess_mark {
	int position;
	int met; /* 1 met, 0 not yet, -1 not given */
	const char *comment;
};

/* What an assessor decides. */
struct assess_decision {
	int round; /* the round the form showed: a stale form is refused */
	enum assess_outcome outcome;
	const struct assess_mark *marks; /* one per criterion */
	size_t nmarks;
	const char *feedback;    /* required to return or decline */
	const char *reason_code; /* required to decline */
};

/*
 * assess_staff_role returns who's issuer role mask at issuer (0 if none);
 * a convenience over issuer_person_role.
 */
int assess_staff_role(struct app *app, struct arena *a, const struct who *who,
    const char *issuer);

/* assess_app_get reads application id of issuer for its staff (who);
 * ERR_FORBIDDEN for others, ERR_NOTFOUND if it is not the issuer's or
 * was never submitted. */
MUST_CHECK int assess_app_get(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id,
    struct assess_app *out);

/*
 * assess_queue lists issuer's queue (status submitted) in submission order
 * with positions, and the counts; staff only.
 */
MUST_CHECK int assess_queue(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, struct assess_app **out,
    size_t *n, struct assess_counts *counts);

/* assess_workload lists the issuer's staff with their work; issuer admins
 * only (ERR_FORBIDDEN). */
MUST_CHECK int assess_workload(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, struct assess_workload **out,
    size_t *n);

/*
 * assess_claim_oldest claims the oldest claimable item of issuer's queue
 * for who (an assessor or admin of issuer) and sets *id. ERR_NOTFOUND
 * with a message when there is none.
 */
MUST_CHECK int assess_claim_oldest(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char **id,
    struct form_err *e);

/*
 * assess_claim claims application id. A reason is required when it is not
 * the oldest claimable item (logged in application_claims with how
 * 'chosen'). ERR_CONFLICT when someone else holds a live claim or it is no
 * longer waiting.
 */
MUST_CHECK int assess_claim(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id,
    const char *reason, struct form_err *e);

/* assess_release gives up a live claim: the claimant's own, or any
 * claim for an issuer admin. */
MUST_CHECK int assess_release(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id,
    struct form_err *e);

/*
 * assess_reassign (issuer admins) gives application id, claimed or not,
 * to another assessor of the issuer with a reason (required), for a new
 * ASSESS_CLAIM_TTL.
 */
MUST_CHECK int assess_reassign(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id, const char *to,
    const char *reason, struct form_err *e);

/*
 * assess_decide records who's decision on id: who must hold a live claim
 * and d->round must be the current round (ERR_CONFLICT otherwise). Every
 * criterion needs a mark; awarding needs every criterion met, returning
 * needs feedback, declining a reason code and a reason. Award: creates the
 * award (award.h) and sets *award_id (NULL for other outcomes); the
 * learner is emailed for every outcome. ERR_INVAL with e naming the
 * field ("met_N", "feedback", "reason_code") when the form is incomplete.
 */
MUST_CHECK int assess_decide(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id,
    const struct assess_decision *d, const char **award_id, struct form_err *e);

/*
 * assess_flag raises an integrity concern about round of id (suspected
 * AI-generated or copied evidence) with a note (required). Needs a live
 * claim, as a decision does; ends it with 'integrity'. The application
 * waits (status integrity) for an issuer admin; the learner and the
 * issuer's admins are emailed.
 */
MUST_CHECK int assess_flag(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id, int round,
    const char *note, struct form_err *e);

/* assess_concerns lists id's integrity concerns, newest first (staff). */
MUST_CHECK int assess_concerns(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id,
    struct integrity_concern **out, size_t *n);

/* assess_integrity_list lists issuer's applications waiting for an
 * integrity decision (staff). */
MUST_CHECK int assess_integrity_list(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, struct integrity_concern **out,
    size_t *n);

/*
 * assess_integrity_decide (issuer admins) decides the open concern of id:
 * cleared (back in the queue at its original place, unclaimed), returned
 * (feedback required) or declined (note required), with a reason code.
 * The learner is emailed.
 */
MUST_CHECK int assess_integrity_decide(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id,
    enum integrity_outcome outcome, const char *reason_code, const char *note,
    struct form_err *e);

/* assess_claim_history lists id's claims, oldest first (staff). */
MUST_CHECK int assess_claim_history(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *id,
    struct assess_claim_log **out, size_t *n);

/* ---- for the background jobs (jobs.c) ---- */

/* assess_expire_claims releases every claim that has run out, ending its
 * application_claims row with 'expired'; *released counts them. */
MUST_CHECK int assess_expire_claims(struct app *app, int *released);

/*
 * assess_send_alerts sends each alert once (alerts_sent): due within
 * ASSESS_DUE_ALERT (to the claimant, or the issuer's assessors when
 * unclaimed) and overdue (to the issuer's admins). *sent counts emails.
 */
MUST_CHECK int assess_send_alerts(struct app *app, int *sent);

#endif
