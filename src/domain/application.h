/*
 * application.h: a learner's application for a badge, from draft to
 * decision (DESIGN.md §2 "Learner"; schema: migrations 5 and 6).
 *
 * States (applications.status):
 *   draft          being written; "shared" when it has reviewers
 *   submitted      in the issuer's queue; "claimed" while an assessor holds
 *                  it, "resubmitted" when round > 1
 *   integrity      an assessor's integrity concern waits for an issuer
 *                  admin; the learner may respond
 *   returned       returned for further work: the learner edits and
 *                  resubmits (a new round, at the back of the queue)
 *   auto_declined  the identity screen found a high-confidence identifier
 *                  at submission: the learner edits and resubmits at once
 *   declined, awarded, withdrawn   ended
 * A person has at most one open application (draft, submitted, integrity,
 * returned, auto_declined) per badge. Every submission is a round, kept
 * with its evidence, declaration, screen findings and outcome.
 *
 * Who sees an application: its learner; reviewers they invited (accepted,
 * not removed) while it is open; the issuer's assessors and admins once it
 * has been submitted. Managers of the learner's organisation see a draft
 * only as invited reviewers. Every other reader gets ERR_NOTFOUND, so ids
 * are not confirmed to strangers.
 *
 * Everything returned lives in the caller's arena.
 */
#ifndef LAUREL_APPLICATION_H
#define LAUREL_APPLICATION_H

#include "core/common.h"
#include "domain/app.h"
#include "domain/common.h"

struct arena;

/* The declaration the learner makes at submission, and its version. */
#define DECLARATION_POLICY_VERSION "2026-11"
#define DECLARATION_TEXT                                                       \
	"This evidence is entirely my own work. No generative AI was used to " \
	"plan, draft, rephrase, correct or review it."

/* Days from submission to the date a decision is due. */
#define APPLICATION_DUE_DAYS 28

/* Limits on what a learner may send. */
#define APP_ACCOUNT_MAX (200 * 1000) /* bytes of the reflective account */
#define APP_ANSWER_MAX (40 * 1000)   /* bytes of one criterion's answer */
#define APP_LINKS_MAX 20             /* links, one a line */
#define APP_URL_MAX 2000
#define APP_ATTACH_MAX_BYTES (3 * 1024 * 1024)
#define APP_ATTACH_MAX_FILES 10
#define APP_COMMENT_MAX 8000

enum app_status {
	APP_DRAFT = 1,
	APP_SUBMITTED,
	APP_INTEGRITY,
	APP_RETURNED,
	APP_AUTO_DECLINED,
	APP_DECLINED,
	APP_AWARDED,
	APP_WITHDRAWN
};

/* What a viewer may do with an application (application_access). */
enum app_access {
	APP_ACCESS_OWNER = 1,
	APP_ACCESS_REVIEWER = 2,
	APP_ACCESS_ASSESSOR = 4,
	APP_ACCESS_ISSUER_ADMIN = 8
};

/* "draft", "submitted", ...: the column's value; app_status_parse
 * returns 0 for anything else. */
const char *app_status_code(enum app_status s);
enum app_status app_status_parse(const char *s);
/* app_status_open: the learner can still act on it (not ended). */
bool app_status_open(enum app_status s);
/* app_status_editable: draft, returned, auto_declined. */
bool app_status_editable(enum app_status s);

struct app_attachment {
	const char *id;
	const char *filename;
	const char *content_type;
	const char *hash;
	int64_t size;
	int64_t created_at;
};

struct app_answer {
	int position;          /* 1-based, as badge_criteria.position */
	const char *criterion; /* the criterion's text */
	const char *text;      /* the learner's answer, "" if none */
};

struct app_reviewer {
	const char *id;
	const char *email;
	const char *relationship; /* manager supervisor mentor colleague other */
	const char *person_id;    /* NULL until accepted */
	const char *name;         /* the person's name once accepted, else "" */
	int64_t invited_at;
	int64_t accepted_at; /* 0 until accepted */
};

struct app_comment {
	const char *id;
	const char *author_id;
	const char *author_name;
	int round;
	int criterion; /* 0: the whole application */
	const char *body;
	int64_t created_at;
	int64_t resolved_at; /* 0 while open */
};

struct app_mark {
	int position;
	bool met;
	const char *comment;
};

/* One submission and what became of it. */
struct app_round {
	int round;
	int version;
	const char *account_md;
	const char *alt_url;
	const char *links;
	const char **answers; /* nanswers texts, by criterion position - 1 */
	size_t nanswers;
	struct app_attachment *attachments;
	size_t nattachments;
	const char *declaration;
	const char *policy_version;
	int64_t declared_at;
	int64_t submitted_at;
	int64_t due_at;
	const char *outcome;     /* NULL while undecided */
	const char *reason_code; /* "" when none */
	const char *feedback;
	const char *decided_by;
	const char *decided_by_name;
	int64_t decided_at;
	struct app_mark *marks;
	size_t nmarks;
};

struct application {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	int version; /* the badge version applied for */
	const char *issuer_id;
	const char *issuer_name;
	const char *person_id;
	const char *person_name;
	enum app_status status;
	int64_t revision;
	int round;
	const char *account_md;
	const char *alt_url;
	const char *links;
	struct app_answer *answers; /* one per criterion of the version */
	size_t nanswers;
	struct app_attachment *attachments; /* current, not removed */
	size_t nattachments;
	int64_t min_words;
	bool attachments_allowed;
	int64_t submitted_at; /* of the current round; 0 before */
	int64_t due_at;
	int64_t decided_at;
	const char *claimed_by; /* NULL when not claimed (or expired) */
	const char *claimed_by_name;
	int64_t claim_expires_at;
	const char *decline_code;
	int64_t queue_position; /* 1-based in the issuer's queue; 0 if not */
	size_t nreviewers;      /* accepted or pending, not removed */
	int64_t created_at;
	int64_t updated_at;
};

/* A line of the learner's list and dashboard. */
struct app_summary {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	enum app_status status;
	bool shared;  /* a draft with reviewers */
	bool claimed; /* submitted and held by an assessor */
	int round;
	int64_t due_at;
	int64_t queue_position;
	int64_t updated_at;
};

/* The learner-facing name of a state: "Draft", "Shared for feedback",
 * "Submitted", "Being assessed", "Resubmitted", "Integrity concern",
 * "Returned for further work", "Declined automatically", "Declined",
 * "Awarded", "Withdrawn". */
const char *app_state_label(enum app_status s, bool shared, bool claimed,
    int round);

/* What the learner sends when saving a draft. answers[i] is the answer to
 * criterion i + 1; nanswers may be fewer than the criteria. */
struct app_draft {
	int64_t revision; /* the revision the form was loaded at */
	const char *account_md;
	const char *alt_url;
	const char *links;
	const char **answers;
	size_t nanswers;
};

/*
 * application_start opens an application by who for badge (a published
 * badge's current version). A required prerequisite not held refuses
 * with ERR_FORBIDDEN and a message naming it. If who already has an open
 * application for the badge, returns 0 with *id set to it and *existing
 * true.
 */
MUST_CHECK int application_start(struct app *app, struct arena *a,
    const struct who *who, const char *badge, const char **id,
    bool *existing, struct form_err *e);

/* application_access returns who's enum app_access mask (0: none). */
int application_access(struct app *app, struct arena *a,
    const struct who *who, const char *id);

/* application_get reads id for who (ERR_NOTFOUND without access). */
MUST_CHECK int application_get(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct application *out);

/* application_rounds lists every round of id, oldest first, with marks
 * (access as application_get). */
MUST_CHECK int application_rounds(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct app_round **out,
    size_t *n);

/* application_list returns person's applications, newest first. */
MUST_CHECK int application_list(struct app *app, struct arena *a,
    const char *person, struct app_summary **out, size_t *n);

/*
 * application_save stores d as the draft of id (owner only, editable
 * states). A stale d->revision (saved meanwhile elsewhere) is refused
 * with ERR_CONFLICT and a message; nothing is written. Sets *revision to
 * the new revision.
 */
MUST_CHECK int application_save(struct app *app, struct arena *a,
    const struct who *who, const char *id, const struct app_draft *d,
    int64_t *revision, struct form_err *e);

/*
 * application_stash keeps d for application id when the person's session
 * has ended, for 24 hours, and sets *token (in a) for the link that
 * restores it; application_unstash gives it back to its owner (who) once,
 * ERR_NOTFOUND otherwise.
 */
MUST_CHECK int application_stash(struct app *app, struct arena *a,
    const char *id, const struct app_draft *d, const char **token);
MUST_CHECK int application_unstash(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *token,
    struct app_draft *out);

#endif
