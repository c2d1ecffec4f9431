/*
 * idea.h: badge ideas. Anyone, signed in or not, may propose a badge:
 * what it should recognise, why it matters and who they are. The scheme
 * (the issuer with issuers.is_scheme = 1) triages ideas: new, under
 * consideration, accepted (linked to the badge made from it) or declined,
 * with a public response. Signed-in people may support ("me too") an open
 * idea, once each.
 *
 * Public functions (idea_list, idea_get) never return the proposer's
 * name, email address or account: those fields are "" in what they fill.
 * Only idea_triage_list, for the scheme's issuer admins, fills them.
 *
 * Spam protection uses no third party:
 *   - a honeypot field the form hides from people (it must arrive empty);
 *   - a form token (idea_form_token) carrying the time the form was issued,
 *     HMAC-signed with app->secret; it must be IDEA_TOKEN_MIN_AGE seconds
 *     old or more, and IDEA_TOKEN_TTL or less;
 *   - at most IDEA_RATE_LIMIT ideas per IDEA_RATE_WINDOW seconds from one
 *     IP address by people not signed in (the address is kept only as an
 *     HMAC-SHA256 under the server secret, never itself), and as many
 *     from each signed-in person, counted as themselves (colleagues often
 *     share one workplace address);
 *   - at most IDEA_MAX_LINKS web links in the texts;
 *   - no exact duplicate (ignoring case and spacing) of an existing
 *     idea's texts.
 *
 * Functions that can fail because of what a person typed return ERR_INVAL
 * (ERR_CONFLICT, ERR_FORBIDDEN, ERR_NOTFOUND) with e->field naming the
 * form field ("" for the whole form) and e->msg a sentence that person
 * understands; nothing is changed in the database then.
 */
#ifndef LAUREL_IDEA_H
#define LAUREL_IDEA_H

#include "core/common.h"
#include "core/id.h"
#include "domain/app.h"
#include "domain/common.h"

struct arena;

#define IDEA_TITLE_MAX 120    /* characters */
#define IDEA_TEXT_MAX 4000    /* characters, each text and the response */
#define IDEA_NAME_MAX 100     /* characters */
#define IDEA_MAX_LINKS 2      /* web links in title and texts together */
#define IDEA_TOKEN_MIN_AGE 3  /* seconds before a form may be sent */
#define IDEA_TOKEN_TTL 86400  /* seconds a form stays usable */
#define IDEA_TOKEN_LEN 80     /* buffer for a form token, with its NUL */
#define IDEA_RATE_LIMIT 5     /* ideas per window, per address/person */
#define IDEA_RATE_WINDOW 3600 /* seconds */
#define IDEA_PAGE_MAX 100     /* most ideas one list call returns */

/* The proposer's roles and the statuses, as stored. */
bool idea_role_valid(const char *s);          /* worker, employer, ... */
const char *idea_role_label(const char *s);   /* "Person who uses services" */
bool idea_status_valid(const char *s);        /* new, considering, ... */
const char *idea_status_label(const char *s); /* "Under consideration" */
/* idea_is_open is true for new and considering: ideas one may support. */
bool idea_is_open(const char *status);

/*
 * idea_form_token writes a fresh form token (time.mac) into out. Returns
 * 0, or ERR_CRYPTO when app->secret is NULL.
 */
MUST_CHECK int idea_form_token(struct app *app, char out[IDEA_TOKEN_LEN]);
/*
 * idea_token_usable is true when token is one Laurel signed and has not
 * expired (it may still be too young to send): a form shown again keeps
 * it, so the wait counts from when the form was first shown.
 */
bool idea_token_usable(struct app *app, const char *token);

struct idea_cmd {
	const char *title;
	const char *recognise; /* what the badge should recognise */
	const char *why;       /* why it matters */
	const char *role;      /* idea_role_valid */
	const char *name;      /* optional, private */
	const char *email;     /* optional, private: for the response */
	const char *honeypot;  /* must be "" or NULL */
	const char *token;     /* from idea_form_token */
};

/*
 * idea_submit checks and stores an idea from who (who->person NULL when
 * not signed in; who->ip the address) and sets id. Returns 0; ERR_INVAL
 * for a field to fix or a spam check (honeypot, form token); ERR_CONFLICT
 * for a duplicate; ERR_FORBIDDEN when too many ideas came from the same
 * address or person in the last hour.
 */
MUST_CHECK int idea_submit(struct app *app, struct arena *a,
    const struct who *who, const struct idea_cmd *cmd, char id[ID_LEN + 1],
    struct form_err *e);

struct idea {
	const char *id;
	const char *title;
	const char *recognise;
	const char *why;
	const char *role;
	const char *status;
	const char *response;   /* "" until the scheme responds */
	const char *badge_id;   /* "" unless accepted */
	const char *badge_name; /* "" unless accepted */
	bool badge_published;   /* the badge's page is public */
	int64_t supports;
	int64_t created_at;
	int64_t updated_at;
	int64_t responded_at; /* 0 before the first response */
	/* Private: filled only by idea_triage_list, "" elsewhere. */
	const char *name;
	const char *email;
	const char *person_name; /* the proposer's account, if signed in */
};

enum idea_sort { IDEA_SORT_NEWEST, IDEA_SORT_SUPPORTED };

struct idea_filter {
	const char *status; /* "" or NULL for all */
	enum idea_sort sort;
	size_t limit; /* at most IDEA_PAGE_MAX */
	size_t offset;
};

/*
 * idea_list fills *out with one page of ideas matching f and sets *total
 * to how many match in all. No personal details (see above).
 */
MUST_CHECK int idea_list(struct app *app, struct arena *a,
    const struct idea_filter *f, struct idea **out, size_t *n, size_t *total);

/* idea_get reads one idea, without personal details. ERR_NOTFOUND. */
MUST_CHECK int idea_get(
    struct app *app, struct arena *a, const char *id, struct idea *out);

/* idea_supported is true when person supports idea. */
bool idea_supported(
    struct app *app, struct arena *a, const char *idea, const char *person);

/*
 * idea_support records who's support for an open idea (the proposer may
 * support their own). ERR_FORBIDDEN when not signed in, ERR_NOTFOUND for
 * no such idea, ERR_CONFLICT when who already supports it or it has been
 * decided.
 */
MUST_CHECK int idea_support(struct app *app, const struct who *who,
    const char *idea, struct form_err *e);
/* idea_unsupport removes who's support. ERR_NOTFOUND if there was none. */
MUST_CHECK int idea_unsupport(struct app *app, const struct who *who,
    const char *idea, struct form_err *e);

/*
 * idea_scheme_issuer sets *issuer to the scheme's issuer (the oldest with
 * is_scheme = 1). ERR_NOTFOUND when there is none.
 */
MUST_CHECK int idea_scheme_issuer(
    struct app *app, struct arena *a, const char **issuer);

/* idea_can_triage is true when person is an issuer admin of issuer and
 * issuer is the scheme. */
bool idea_can_triage(
    struct app *app, struct arena *a, const char *issuer, const char *person);

struct idea_triage_cmd {
	const char *status;   /* idea_status_valid */
	const char *response; /* public; required to decline */
	const char *badge;    /* a badge of issuer; required to accept */
};

/*
 * idea_triage sets the status, public response and (when accepted) badge
 * of idea, as who, an issuer admin of issuer, which must be the scheme.
 * When the status changes and the proposer gave an email address, they
 * are emailed (through the outbox). Writes an audit event. ERR_NOTFOUND
 * when issuer is not the scheme or there is no such idea; ERR_FORBIDDEN
 * when who is not one of its issuer admins; ERR_INVAL with e for a field
 * to fix.
 */
MUST_CHECK int idea_triage(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *idea,
    const struct idea_triage_cmd *cmd, struct form_err *e);

/*
 * idea_triage_list is idea_list with the proposer's details, for who, an
 * issuer admin of issuer (the scheme). Newest first. Errors as
 * idea_triage.
 */
MUST_CHECK int idea_triage_list(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const struct idea_filter *f,
    struct idea **out, size_t *n, size_t *total);

struct idea_badge {
	const char *id;
	const char *name;
	const char *status; /* draft, published, archived */
};

/* idea_badges lists issuer's badges, for choosing the one made. */
MUST_CHECK int idea_badges(struct app *app, struct arena *a, const char *issuer,
    struct idea_badge **out, size_t *n);

/*
 * For account deletion and merging (account.c): idea_forget_person
 * removes person's name, email address and account from the ideas they
 * proposed and their support; idea_move_person moves both to another
 * account (support already given by `to` is kept once). Call inside the
 * caller's transaction.
 */
MUST_CHECK int idea_forget_person(struct app *app, const char *person);
MUST_CHECK int idea_move_person(
    struct app *app, const char *from, const char *to);

#endif
