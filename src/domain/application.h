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
	const char *relationship; /* manager supervisor mentor colleague ... */
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
	const char *screen; /* the identity screen's findings (JSON array of
	                       {field, kind, start, len}), "[]" when none */
	int64_t queue_seq;  /* 0 for a round declined automatically */
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
const char *app_state_label(
    enum app_status s, bool shared, bool claimed, int round);

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
    const struct who *who, const char *badge, const char **id, bool *existing,
    struct form_err *e);

/* application_access returns who's enum app_access mask (0: none). */
int application_access(
    struct app *app, struct arena *a, const struct who *who, const char *id);

/*
 * application_get reads id for who (ERR_NOTFOUND without access).
 * queue_position is set only while the status is submitted: 1 + the
 * issuer's other submitted applications with a smaller queue_seq, claimed
 * ones included (an assessor holding one has not decided it yet).
 * claimed_by is set only while the claim has not expired.
 */
MUST_CHECK int application_get(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct application *out);

/* application_rounds lists every round of id, oldest first, with marks
 * (access as application_get). */
MUST_CHECK int application_rounds(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct app_round **out, size_t *n);

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

/* ---- added by the learner's side (application.c and friends) ---------- */

/* More limits. */
#define APP_REVIEWERS_MAX 10        /* active (pending or accepted) */
#define APP_REVIEW_TTL (14 * 86400) /* a reviewer's invitation link */
#define APP_STASH_TTL (24 * 3600)   /* what a lapsed session kept */
#define APP_RESPONSE_MAX 8000       /* bytes of an integrity response */
#define APP_FILENAME_MAX 120        /* bytes of a stored file name */
#define APP_TOKEN_LEN 43            /* review and stash link tokens */

/*
 * app_word_count counts the words of s as the learner's word count shows
 * them: runs of letters, digits and apostrophes (' and U+2019) holding at
 * least one letter or digit; any non-ASCII character outside U+2000..U+206F
 * (general punctuation) counts as a letter. static/js/apply.js counts the
 * same way.
 */
size_t app_word_count(const char *s);

/*
 * One finding of the identity screen (domain/screen.h) in the learner's
 * text: field is "account" or "answer_N" (criterion N), start and len are
 * bytes of that text, line its 1-based line.
 */
struct app_hit {
	const char *field;
	int criterion; /* 0 for the account */
	size_t start, len;
	size_t line;
	int kind;          /* enum screen_kind */
	const char *code;  /* screen_kind_code: "phone" */
	const char *label; /* screen_kind_label: "a phone number" */
	bool high;         /* high confidence: would decline a submission */
};

/*
 * application_screen_draft screens the account and every answer of d
 * (links and the alternative-format URL are not screened) and returns the
 * hits in field order, then by offset.
 */
MUST_CHECK int application_screen_draft(struct arena *a,
    const struct app_draft *d, struct app_hit **out, size_t *n);

/* application_draft_of is the stored draft of ap (answers in a), for the
 * edit form and the screen. */
MUST_CHECK int application_draft_of(
    struct arena *a, const struct application *ap, struct app_draft *d);

/* ---- attachments ---- */

/* Sniffed kinds of file an application may carry. */
#define APP_ATTACH_TYPES "PDF, PNG, JPEG, plain text (UTF-8), DOCX or ODT"

/*
 * application_attach stores a file for application id (owner only,
 * editable states, a badge that allows attachments, at most
 * APP_ATTACH_MAX_FILES current ones of at most APP_ATTACH_MAX_BYTES each).
 * The content type comes from the bytes (PDF, PNG, JPEG, UTF-8 text
 * without NUL, DOCX and ODT by their zip entries), never from the name or
 * a declared type. filename is reduced to a safe display name (path and
 * control characters dropped, at most APP_FILENAME_MAX bytes). The bytes
 * are stored once per SHA-256. Sets *att_id (in a).
 */
MUST_CHECK int application_attach(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *filename,
    const void *bytes, size_t len, const char **att_id, struct form_err *e);
/* application_detach removes attachment att from the draft (owner,
 * editable states); submitted rounds keep listing it. */
MUST_CHECK int application_detach(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *att, struct form_err *e);
/*
 * application_attachment reads attachment att of application id for who:
 * a current one for the owner, accepted reviewers (while open) and, once
 * submitted, the issuer's staff; one listed in a submitted round (even if
 * removed since) for the owner and the issuer's staff. ERR_NOTFOUND for
 * everyone else. *bytes lives in a.
 */
MUST_CHECK int application_attachment(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *att,
    struct app_attachment *meta, const void **bytes, size_t *len);

/* ---- reviewers and comments ---- */

/*
 * application_invite asks email to review the draft id (owner; draft,
 * returned or auto_declined): relationship is manager, supervisor, mentor,
 * colleague or other; not one of the learner's own addresses; at most
 * APP_REVIEWERS_MAX active reviewers, one invitation per address. The
 * email carries a link to /reviews/TOKEN, valid APP_REVIEW_TTL; only the
 * token's SHA-256 is stored.
 */
MUST_CHECK int application_invite(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *email,
    const char *relationship, struct form_err *e);
/* application_reviewer_remove ends reviewer rid's access (owner). */
MUST_CHECK int application_reviewer_remove(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *rid, struct form_err *e);
/* application_reviewers lists the active reviewers (owner, reviewers). */
MUST_CHECK int application_reviewers(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct app_reviewer **out,
    size_t *n);

/* What a reviewer's link shows before it is accepted. */
struct review_invite {
	const char *reviewer_id;
	const char *application_id;
	const char *email;
	const char *relationship;
	const char *learner_id;
	const char *learner_name;
	const char *badge_name;
	const char *accepted_by; /* "" until accepted */
};

/* review_invite_find reads the live invitation of token (ERR_NOTFOUND
 * for an unknown, expired or removed one, or a closed application). */
MUST_CHECK int review_invite_find(struct app *app, struct arena *a,
    const char *token, struct review_invite *out);
/*
 * review_accept binds who (signed in) to the invitation of token and sets
 * *app_id. The learner cannot review their own application. Accepting an
 * invitation already accepted by who again is fine; by someone else it is
 * ERR_CONFLICT.
 */
MUST_CHECK int review_accept(struct app *app, struct arena *a,
    const struct who *who, const char *token, const char **app_id,
    struct form_err *e);

/*
 * application_comment adds a comment on the whole application (criterion
 * 0) or on criterion 1..n, by an accepted reviewer or the owner, while the
 * application is open. body: 1 to APP_COMMENT_MAX bytes. Reviewers'
 * comments are emailed to the learner.
 */
MUST_CHECK int application_comment(struct app *app, struct arena *a,
    const struct who *who, const char *id, int criterion, const char *body,
    struct form_err *e);
/* application_comment_resolve marks comment cid resolved (owner). */
MUST_CHECK int application_comment_resolve(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *cid, struct form_err *e);
/* application_comments lists the comments, oldest first (owner,
 * reviewers, the issuer's staff). */
MUST_CHECK int application_comments(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct app_comment **out, size_t *n);

/* An application person reviews, for their dashboard. */
struct app_reviewing {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	enum app_status status;
	const char *learner_name;
	int64_t updated_at;
};
MUST_CHECK int application_reviewing(struct app *app, struct arena *a,
    const char *person, struct app_reviewing **out, size_t *n);

/* ---- submission ---- */

struct app_submit_result {
	bool auto_declined;   /* a high-confidence identifier was found */
	struct app_hit *hits; /* every finding, high or not */
	size_t nhits;
	int round;
	int64_t due_at;
	int64_t queue_position;
};

/*
 * application_submit submits the stored draft of id at revision (owner;
 * draft, returned or auto_declined). declared must be true ("declaration"
 * field error otherwise). Evidence rules, checked in this order:
 *   - the alternative-format URL, if given, is an http(s) URL; so is every
 *     line of links, at most APP_LINKS_MAX;
 *   - without an alternative-format URL the account reaches the badge's
 *     min_words and every criterion has an answer (an audio or video
 *     account stands instead of all the written evidence);
 * then the identity screen runs over the account and the answers. With a
 * high-confidence hit the submission is recorded as a round declined
 * automatically (reason identifies-individuals, findings without the
 * matched text), the learner is emailed and may edit and resubmit at once:
 * returns 0 with result->auto_declined. Otherwise a new round joins the
 * back of the issuer's queue, due APPLICATION_DUE_DAYS days later.
 * A stale revision is ERR_CONFLICT; nothing is written on any error.
 */
MUST_CHECK int application_submit(struct app *app, struct arena *a,
    const struct who *who, const char *id, int64_t revision, bool declared,
    struct app_submit_result *result, struct form_err *e);

/*
 * application_withdraw ends id (owner): from draft, returned,
 * auto_declined or submitted, but not while an assessor's claim is live
 * (the assessor is deciding it) nor during an integrity concern.
 */
MUST_CHECK int application_withdraw(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct form_err *e);

/* An assessor's integrity concern, as the learner sees it. */
struct app_concern {
	const char *id;
	int round;
	const char *note;
	int64_t raised_at;
	const char *response; /* the learner's, "" until given */
	int64_t responded_at;
	const char *outcome; /* "" until decided */
	const char *decision_note;
	int64_t decided_at;
};

/* application_concerns lists the concerns raised about id, oldest
 * first (owner, the issuer's staff). */
MUST_CHECK int application_concerns(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct app_concern **out, size_t *n);
/*
 * application_respond records the learner's one response (1 to
 * APP_RESPONSE_MAX bytes) to the open concern about id, while the
 * application's status is integrity.
 */
MUST_CHECK int application_respond(struct app *app, struct arena *a,
    const struct who *who, const char *id, const char *text,
    struct form_err *e);

/*
 * application_move_person gives to everything from has in the workflow:
 * their applications and awards, reviews and comments (account_merge,
 * inside its transaction). ERR_CONFLICT when both have an open
 * application for the same badge.
 */
MUST_CHECK int application_move_person(
    struct app *app, const char *from, const char *to);

/*
 * application_forget_person is account_delete's part (inside its
 * transaction): person's open applications are withdrawn (and leave the
 * queue), the working copies of all their applications are emptied,
 * stashed drafts deleted, and reviews by or of them ended. Submitted
 * rounds and awards stay as the issuer's record.
 */
MUST_CHECK int application_forget_person(struct app *app, const char *person);

#endif
