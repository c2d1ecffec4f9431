/*
 * endorse.h: endorsements of awards, requests for them, and the manager's
 * endorsement some badges require.
 *
 * Anyone with an award's link may endorse it: their name, relationship to
 * the learner, organisation (optional), a message and their email
 * address, which stays private. The endorser confirms the address by a
 * one-time link (ENDORSE_CONFIRM_TTL) before the learner sees anything;
 * then the learner publishes or hides each endorsement (statuses:
 * pending_email -> confirmed -> published <-> hidden). Public pages see
 * only published ones (endorse_published).
 *
 * Spam protection uses no third party, as badge ideas do (idea.h):
 *   - a honeypot field that must arrive empty;
 *   - a form token (endorse_form_token) carrying the time the form was
 *     shown, HMAC-signed with app->secret: at least ENDORSE_TOKEN_MIN_AGE
 *     seconds old and at most ENDORSE_TOKEN_TTL;
 *   - at most ENDORSE_IP_LIMIT endorsements an hour from one address (kept
 *     only as an HMAC under the server secret) and ENDORSE_AWARD_LIMIT a
 *     day for one award;
 *   - at most ENDORSE_MAX_LINKS web links in the texts;
 *   - no second endorsement of an award with the same message (case and
 *     spacing folded) or from the same address, unless the earlier one
 *     was never confirmed and its link has run out.
 *
 * A learner may ask a named person for an endorsement by email
 * (endorse_request): the email links to the award's form with
 * ?request=TOKEN, which fills in the name and address; an endorsement
 * sent from that link with the same address needs no further
 * confirmation (the link proved the address).
 *
 * The manager's endorsement: when an endorser confirms an address that is
 * a verified address of an active account which is, at that moment, a
 * manager or organisation admin of an approved organisation the learner
 * is a current member of, the endorsement is marked verified_manager.
 * For a badge version with endorsement_months > 0 the award's deadline is
 * issued_at + endorsement_months (clock_add_months). A confirmed verified
 * manager's endorsement satisfies it whether the learner publishes or
 * hides it (publishing is about what the public sees, not about the fact).
 * Without one, endorse_run_lapses (the hourly job) warns the learner 30
 * and 7 days before the deadline (once each, alerts_sent keys
 * "lapse30:AWARD" and "lapse7:AWARD") and on the deadline sets the award's
 * status to lapsed, with an audit event and an email.
 *
 * Functions that can fail because of what a person typed return ERR_INVAL
 * (ERR_CONFLICT, ERR_FORBIDDEN, ERR_NOTFOUND) with e->field naming the
 * form field ("" for the whole form) and e->msg a sentence that person
 * understands; nothing is changed in the database then. Results live in
 * the caller's arena.
 */
#ifndef LAUREL_ENDORSE_H
#define LAUREL_ENDORSE_H

#include "core/common.h"
#include "core/id.h"
#include "domain/app.h"
#include "domain/common.h"

struct arena;

#define ENDORSE_NAME_MAX 100             /* characters */
#define ENDORSE_ORG_MAX 120              /* characters */
#define ENDORSE_MESSAGE_MAX 2000         /* characters */
#define ENDORSE_MAX_LINKS 2              /* in name, organisation, message */
#define ENDORSE_TOKEN_MIN_AGE 3          /* seconds before a form may be sent */
#define ENDORSE_TOKEN_TTL 86400          /* seconds a form stays usable */
#define ENDORSE_FORM_TOKEN_LEN 80        /* buffer for a form token, with NUL */
#define ENDORSE_IP_LIMIT 5               /* endorsements an hour per address */
#define ENDORSE_IP_WINDOW 3600           /* seconds */
#define ENDORSE_AWARD_LIMIT 10           /* endorsements a day per award */
#define ENDORSE_AWARD_WINDOW 86400       /* seconds */
#define ENDORSE_CONFIRM_TTL (7 * 86400)  /* the confirmation link */
#define ENDORSE_LINK_LEN 43              /* a link token's characters */
#define ENDORSE_REQUEST_TTL (60 * 86400) /* a request's link */
#define ENDORSE_REQUEST_LIMIT 10         /* requests a day per award */
#define ENDORSE_WARN_FIRST 30            /* days before the deadline */
#define ENDORSE_WARN_LAST 7              /* days before the deadline */

/* The relationships, as stored: manager, colleague, tutor, uses_services,
 * other. */
bool endorse_relationship_valid(const char *s);
/* endorse_relationship_label: "Manager", "Person who uses services". */
const char *endorse_relationship_label(const char *s);

/* An award as the endorsement pages show it. */
struct endorse_target {
	const char *award_id;
	const char *person; /* the learner */
	const char *learner_name;
	const char *badge_id;
	const char *badge_name;
	const char *status;
	int64_t deadline; /* for a manager's endorsement; 0 if none needed */
	bool met;         /* a manager's endorsement satisfies it */
	bool open;        /* others may endorse it now */
	bool page_private;
};

/*
 * endorse_target reads award for the endorsement pages. ERR_NOTFOUND for
 * no such award or a deleted person's. No permission check: callers show
 * others only what open allows.
 */
MUST_CHECK int endorse_target(struct app *app, struct arena *a,
    const char *award, struct endorse_target *out);

/* endorse_form_token writes a fresh form token; ERR_CRYPTO without a
 * secret. */
MUST_CHECK int endorse_form_token(
    struct app *app, char out[ENDORSE_FORM_TOKEN_LEN]);
/* endorse_token_usable is true for a token Laurel signed that has not
 * expired (it may still be too young to send). */
bool endorse_token_usable(struct app *app, const char *token);

struct endorse_cmd {
	const char *name;
	const char *email;
	const char *relationship; /* endorse_relationship_valid */
	const char *organisation; /* optional */
	const char *message;
	const char *honeypot; /* must be "" or NULL */
	const char *token;    /* from endorse_form_token */
	const char *request;  /* a request link's token, or "" / NULL */
};

/*
 * endorse_submit checks and stores an endorsement of award from who (who
 * ->ip the sender's address; who->person NULL when not signed in) and
 * emails the confirmation link to cmd->email, or confirms it at once when
 * cmd->request is a live request for this award sent to that address
 * (*confirmed is then true). Sets id. Returns 0; ERR_NOTFOUND for an
 * award that cannot be endorsed (none, revoked, suspended, lapsed, its
 * page private, its person's account deleted);
 * ERR_FORBIDDEN when who owns the award or a limit is reached; ERR_INVAL
 * for a field or a spam check; ERR_CONFLICT for a duplicate.
 */
MUST_CHECK int endorse_submit(struct app *app, struct arena *a,
    const struct who *who, const char *award, const struct endorse_cmd *cmd,
    char id[ID_LEN + 1], bool *confirmed, struct form_err *e);

/* What the confirmation page shows before the button is pressed. */
struct endorse_pending {
	const char *award_id;
	const char *learner_name;
	const char *badge_name;
	const char *endorser_name;
	bool done; /* already confirmed */
};

/*
 * endorse_confirm_find reads the endorsement a confirmation link names.
 * ERR_NOTFOUND (with e) for an unknown or expired link.
 */
MUST_CHECK int endorse_confirm_find(struct app *app, struct arena *a,
    const char *token, struct endorse_pending *out, struct form_err *e);

/*
 * endorse_confirm uses a confirmation link: the endorsement becomes
 * visible to the learner (who is emailed) and is checked for a manager's
 * endorsement (see above). Using a link twice is not an error. Fills out
 * as endorse_confirm_find. ERR_NOTFOUND (with e) for a dead link.
 */
MUST_CHECK int endorse_confirm(struct app *app, struct arena *a,
    const struct who *who, const char *token, struct endorse_pending *out,
    struct form_err *e);

struct endorsement {
	const char *id;
	const char *award_id;
	const char *name;
	const char *relationship; /* the label: "Colleague" */
	const char *relationship_code;
	const char *organisation; /* "" if none given */
	const char *message;
	int64_t created_at;
	int64_t confirmed_at;
	bool verified_manager;
	const char *manager_org; /* the organisation's name when verified */
	const char *status;      /* confirmed, published, hidden */
	const char *badge_name;  /* endorse_waiting only, else "" */
};

/*
 * endorse_published lists award's published endorsements, oldest first:
 * what anyone may see. No personal details beyond what the endorser
 * wrote to be shown (never the email address).
 */
MUST_CHECK int endorse_published(struct app *app, struct arena *a,
    const char *award_id, struct endorsement **out, size_t *n);

/*
 * endorse_list lists award's endorsements as who may see them: every
 * confirmed one (waiting, published or hidden) for the award's owner, the
 * published ones for anyone else. ERR_NOTFOUND for no such award.
 */
MUST_CHECK int endorse_list(struct app *app, struct arena *a,
    const struct who *who, const char *award, struct endorsement **out,
    size_t *n);

/*
 * endorse_publish and endorse_hide set a confirmed endorsement's status,
 * for the award's owner only (ERR_FORBIDDEN otherwise). ERR_NOTFOUND for
 * an endorsement of another award or one not yet confirmed.
 */
MUST_CHECK int endorse_publish(struct app *app, const struct who *who,
    const char *award, const char *id, struct form_err *e);
MUST_CHECK int endorse_hide(struct app *app, const struct who *who,
    const char *award, const char *id, struct form_err *e);

/* endorse_waiting lists the confirmed endorsements of person's awards
 * that wait for them to publish or hide (badge_name filled). */
MUST_CHECK int endorse_waiting(struct app *app, struct arena *a,
    const char *person, struct endorsement **out, size_t *n);

/*
 * endorse_request emails name at email a link to endorse award, for the
 * award's owner (ERR_FORBIDDEN otherwise). ERR_INVAL with e for a field;
 * ERR_FORBIDDEN when ENDORSE_REQUEST_LIMIT requests went out for the
 * award in the last day.
 */
MUST_CHECK int endorse_request(struct app *app, struct arena *a,
    const struct who *who, const char *award, const char *name,
    const char *email, struct form_err *e);

/*
 * endorse_request_find reads a live, unused request of award by its
 * link's token, for filling in the form. ERR_NOTFOUND otherwise.
 */
MUST_CHECK int endorse_request_find(struct app *app, struct arena *a,
    const char *award, const char *token, const char **name,
    const char **email);

struct endorse_request_row {
	const char *id;
	const char *award_id;
	const char *badge_name;
	const char *name;
	const char *email;
	int64_t sent_at;
	int64_t used_at;    /* 0 until an endorsement came from it */
	int64_t expires_at; /* the link's */
};

/* endorse_requests lists person's requests (of award, or all when award
 * is "" or NULL), newest first. */
MUST_CHECK int endorse_requests(struct app *app, struct arena *a,
    const char *person, const char *award, struct endorse_request_row **out,
    size_t *n);

/* endorse_deadline_of is issued_at + months (0 when months is 0). */
int64_t endorse_deadline_of(int64_t issued_at, int64_t months);

/*
 * endorse_deadline sets *deadline to award's endorsement deadline (0 when
 * its badge version needs none) and *met to whether a manager's
 * endorsement satisfies it. For the award page and the dashboard.
 * ERR_NOTFOUND for no such award.
 */
MUST_CHECK int endorse_deadline(struct app *app, struct arena *a,
    const char *award, int64_t *deadline, bool *met);

/*
 * endorse_run_lapses is the hourly job: warnings 30 and 7 days before
 * each unmet deadline (once each) and lapsing on it. Sets *lapsed and
 * *warned. Each award is its own transaction.
 */
MUST_CHECK int endorse_run_lapses(struct app *app, int *lapsed, int *warned);

/* One of a person's awards, as the dashboard and the profile settings
 * show it. */
struct person_award {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	const char *issuer_name;
	const char *status; /* as stored */
	int64_t issued_at;
	int64_t expires_at;
	int64_t deadline; /* endorsement deadline, 0 if none needed */
	bool endorsed;    /* a manager's endorsement satisfies it */
	bool show_on_profile;
	bool shared_with_org;
	const char *series_name; /* "" if not in a series */
	int64_t series_position;
	bool page_private; /* its page is private (award_page.h) */
};

/* endorse_person_awards lists person's awards, newest first. */
MUST_CHECK int endorse_person_awards(struct app *app, struct arena *a,
    const char *person, struct person_award **out, size_t *n);

/* A badge to take next. */
struct next_badge {
	const char *badge_id;
	const char *name;
	const char *why; /* "Next in the series Dementia care" */
};

/*
 * endorse_next_badges suggests what person could do next: for each series
 * they hold an active award in, its first published badge they neither
 * hold nor have an open application for; and the introductory badges
 * when they hold neither.
 */
MUST_CHECK int endorse_next_badges(struct app *app, struct arena *a,
    const char *person, struct next_badge **out, size_t *n);

#endif
