/*
 * account.h: people and their accounts.
 *
 * A person has a name, a password (Argon2id) and one or more email
 * addresses, one of them primary; an address belongs to one person at
 * most. Addresses are proved by one-time links (tokens stored as their
 * SHA-256, single use, with an expiry). Nothing here says whether an email
 * address has an account: registration, sign-in failures and password
 * reset requests answer the same either way.
 *
 * Functions that can fail because of what a person typed return ERR_INVAL
 * (or ERR_FORBIDDEN, ERR_CONFLICT) with *field naming the form field ("" for
 * the whole form) and *msg a sentence that person understands; nothing is
 * changed in the database then.
 */
#ifndef LAUREL_ACCOUNT_H
#define LAUREL_ACCOUNT_H

#include "core/common.h"
#include "core/id.h"
#include "domain/app.h"
#include "domain/common.h"

struct arena;
struct buf;

#define ACCOUNT_NAME_MAX 100   /* characters */
#define ACCOUNT_EMAIL_MAX 254  /* bytes, RFC 5321 */
#define VERIFY_TTL (7 * 86400) /* email verification links */
#define RESET_TTL (60 * 60)    /* password reset links */
#define LOGIN_ACCOUNT_LIMIT 5  /* failures before an account backs off */
#define LOGIN_IP_LIMIT 30      /* failures before an address backs off */
#define LOGIN_MAX_LOCK 900     /* longest back-off, seconds */
#define LOGIN_FORGET 3600      /* failures older than this are forgotten */

/*
 * account_register creates an account with an unverified primary address
 * and emails a verification link. If the address already has an account,
 * nothing is created; that address is sent a note instead (so the page
 * shown is the same either way). Returns 0, or ERR_INVAL with *e.
 */
MUST_CHECK int account_register(struct app *app, struct arena *a,
    const struct who *who, const char *name, const char *email,
    const char *password, struct form_err *e);

/*
 * account_verify uses a verification link: marks the address verified.
 * Sets person to its owner. ERR_NOTFOUND for an unknown, used or expired
 * link (with *e).
 */
MUST_CHECK int account_verify(struct app *app, struct arena *a,
    const struct who *who, const char *token, char person[ID_LEN + 1],
    struct form_err *e);

/*
 * account_login checks email and password, with back-off per address and
 * per IP. On success sets person. ERR_FORBIDDEN for wrong details or
 * back-off (the message never tells an unknown address from a wrong
 * password); ERR_CONFLICT when the password is right but no address is
 * verified yet (a fresh link is sent).
 */
MUST_CHECK int account_login(struct app *app, struct arena *a,
    const struct who *who, const char *email, const char *password,
    char person[ID_LEN + 1], struct form_err *e);

/* account_reset_request emails a reset link if the address has an active
 * account; it does the same visible thing either way. */
MUST_CHECK int account_reset_request(
    struct app *app, struct arena *a, const struct who *who, const char *email);

/* account_reset_valid is true for a live, unused reset link. */
bool account_reset_valid(struct app *app, struct arena *a, const char *token);

/*
 * account_reset sets a new password from a reset link (single use) and
 * ends every session of the person. ERR_NOTFOUND for a dead link; ERR_INVAL
 * for a password that breaks the policy.
 */
MUST_CHECK int account_reset(struct app *app, struct arena *a,
    const struct who *who, const char *token, const char *password,
    struct form_err *e);

/*
 * account_change_password checks the current password and sets a new one,
 * ending every other session of who->person (keep_session is the hash of
 * the current one).
 */
MUST_CHECK int account_change_password(struct app *app, struct arena *a,
    const struct who *who, const char *keep_session, const char *current,
    const char *password, struct form_err *e);

struct account_email {
	const char *id;
	const char *address;
	bool verified;
	bool primary;
};

struct account {
	const char *id;
	const char *name;
	const char *status;
	bool platform_admin;
	int64_t created_at;
	struct account_email *emails;
	size_t n_emails;
	const char *primary; /* primary address */
};

/* account_get reads person's account and addresses. ERR_NOTFOUND. */
MUST_CHECK int account_get(
    struct app *app, struct arena *a, const char *person, struct account *out);

/* account_set_name changes the display name. */
MUST_CHECK int account_set_name(struct app *app, struct arena *a,
    const struct who *who, const char *name, struct form_err *e);

/* account_email_add adds an unverified address and sends it a link. */
MUST_CHECK int account_email_add(struct app *app, struct arena *a,
    const struct who *who, const char *email, struct form_err *e);
/* account_email_primary makes a verified address of who's the primary. */
MUST_CHECK int account_email_primary(struct app *app, struct arena *a,
    const struct who *who, const char *email_id, struct form_err *e);
/* account_email_remove removes a non-primary address of who's. */
MUST_CHECK int account_email_remove(struct app *app, struct arena *a,
    const struct who *who, const char *email_id, struct form_err *e);

/*
 * account_export writes everything Laurel holds about person as one JSON
 * document into out.
 */
MUST_CHECK int account_export(
    struct app *app, struct arena *a, const char *person, struct buf *out);

/*
 * account_delete removes who's personal data after checking the password:
 * name, password and addresses go, sessions and tokens end, memberships
 * and roles end, held email to the person's addresses is deleted, and the
 * audit log keeps a pseudonym (an HMAC of the id) instead of the id. The
 * rule for awards is in docs/accounts.md. ERR_CONFLICT when the person is
 * the only admin left of an organisation with other members, or of an
 * issuer.
 */
MUST_CHECK int account_delete(struct app *app, struct arena *a,
    const struct who *who, const char *password, struct form_err *e);

/*
 * account_merge moves the account that email and password sign in to
 * into who's account (both are proven: who is signed in, and the other's
 * password is given): its addresses, memberships and roles move, and it
 * is closed as merged.
 */
MUST_CHECK int account_merge(struct app *app, struct arena *a,
    const struct who *who, const char *email, const char *password,
    struct form_err *e);

/*
 * account_ensure creates (or finds) an active account for email with a
 * verified address, for the command line and demo data. password NULL
 * leaves a new account without one (a reset link sets it). Sets person
 * and *created.
 */
MUST_CHECK int account_ensure(struct app *app, struct arena *a,
    const char *name, const char *email, const char *password,
    char person[ID_LEN + 1], bool *created);

/* account_set_platform_admin grants or removes the platform admin role. */
MUST_CHECK int account_set_platform_admin(
    struct app *app, const struct who *who, const char *person, bool on);

/* account_reset_link makes a reset link for person (command line). */
MUST_CHECK int account_reset_link(
    struct app *app, struct arena *a, const char *person, const char **url);

/* account_normalise_email lower-cases and checks an address (arena copy). */
MUST_CHECK int account_normalise_email(
    struct arena *a, const char *in, const char **out);

#endif
