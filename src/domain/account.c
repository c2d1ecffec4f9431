/*
 * account.c: people, addresses, sign-in and one-time links (account.h).
 *
 * Every change runs in one transaction with its audit event and any email
 * it sends (the outbox), so a failure leaves nothing half-written.
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/id.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/backpack.h"
#include "domain/profile.h"
#include "domain/application.h"
#include "domain/audit.h"
#include "domain/idea.h"
#include "domain/common.h"
#include "domain/mail.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/password.h"
#include "domain/session.h"

#define TOKEN_LEN 43

int
account_normalise_email(struct arena *a, const char *in, const char **out)
{
	size_t n;
	char *s;

	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0 || n > ACCOUNT_EMAIL_MAX || !mail_address_valid(in, n))
		return ERR_INVAL;
	if ((s = arena_strndup(a, in, n)) == NULL)
		return ERR_TOOBIG;
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	*out = s;
	return 0;
}

static int
check_name(const char *name, struct form_err *e)
{
	size_t n = text_chars(name);
	const char *p = name;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return form_fail(e, "name", "Enter your name.", ERR_INVAL);
	if (n > ACCOUNT_NAME_MAX)
		return form_fail(e, "name",
		    "Your name must be 100 characters or fewer.", ERR_INVAL);
	return 0;
}

static int
check_email(struct arena *a, const char *in, const char **out,
    const char *field, struct form_err *e)
{
	int rc = account_normalise_email(a, in, out);

	if (rc == ERR_INVAL)
		return form_fail(e, field,
		    in[0] == '\0'
		        ? "Enter your email address."
		        : "Enter an email address in the correct format, like "
		          "name@example.com.",
		    ERR_INVAL);
	return rc;
}

static const char *
link_to(struct app *app, struct arena *a, const char *path, const char *tok)
{
	return arena_printf(a, "%s%s?token=%s", app->cfg->base_url, path, tok);
}

/* new_token stores a one-time link token and returns it (arena). */
static int
new_token(struct app *app, struct arena *a, const char *kind,
    const char *person, const char *email_id, const char *subject, int64_t ttl,
    const char **out)
{
	char tok[TOKEN_LEN + 1], hash[65];
	int64_t now = clock_now(app->clock);
	struct db_param p[7];
	int rc;

	token_new(tok, sizeof(tok), 32);
	sha256_hex(tok, strlen(tok), hash);
	p[0] = DB_STR(hash);
	p[1] = DB_STR(kind);
	p[2] = DB_STR(person);
	p[3] = DB_STR(email_id);
	p[4] = DB_STR(subject ? subject : "");
	p[5] = DB_INT(now);
	p[6] = DB_INT(now + ttl);
	if ((rc = db_exec(app->db, Q_TOKEN_INSERT, p, 7, NULL, NULL)) != 0)
		return rc;
	*out = arena_strdup(a, tok);
	return *out ? 0 : ERR_TOOBIG;
}

struct token_row {
	const char *kind;
	const char *person;
	const char *email_id;
	const char *subject;
	int64_t expires_at;
	bool used;
};

static int
get_token(
    struct app *app, struct arena *a, const char *tok, struct token_row *t)
{
	char hash[65];
	struct db_param p[1];
	struct db_rows rows;
	int rc;

	if (tok == NULL || strlen(tok) != TOKEN_LEN)
		return ERR_NOTFOUND;
	sha256_hex(tok, TOKEN_LEN, hash);
	p[0] = DB_STR(hash);
	if ((rc = db_exec(app->db, Q_TOKEN_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	t->kind = db_get(&rows, 0, 0);
	t->person = db_get(&rows, 0, 1);
	t->email_id = db_get(&rows, 0, 2);
	t->subject = db_get(&rows, 0, 3);
	t->expires_at = db_get_int(&rows, 0, 4);
	t->used = !db_is_null(&rows, 0, 5);
	return 0;
}

/* use_token marks tok used if it is live and of kind; ERR_NOTFOUND else. */
static int
use_token(struct app *app, struct arena *a, const char *tok, const char *kind,
    struct token_row *t)
{
	char hash[65];
	struct db_param p[2];
	struct db_rows rows;
	int rc;

	if ((rc = get_token(app, a, tok, t)) != 0)
		return rc;
	if (strcmp(t->kind, kind) != 0 || t->used)
		return ERR_NOTFOUND;
	sha256_hex(tok, TOKEN_LEN, hash);
	p[0] = DB_STR(hash);
	p[1] = DB_INT(clock_now(app->clock));
	if ((rc = db_exec(app->db, Q_TOKEN_USE, p, 2, a, &rows)) != 0)
		return rc;
	return rows.changes == 1 ? 0 : ERR_NOTFOUND;
}

static int
send_verify(struct app *app, struct arena *a, const char *person,
    const char *email_id, const char *address, const char *name)
{
	const char *tok, *body;
	int rc;

	if ((rc = new_token(app, a, "verify", person, email_id, address,
	         VERIFY_TTL, &tok)) != 0)
		return rc;
	body = arena_printf(a,
	    "Hello %s,\n\n"
	    "Please confirm that %s is your email address by opening this "
	    "link:\n\n%s\n\n"
	    "The link works once and expires in 7 days. If you did not ask "
	    "for this, you can ignore this email.\n\nLaurel\n",
	    name, address, link_to(app, a, "/account/verify", tok));
	if (body == NULL)
		return ERR_TOOBIG;
	return outbox_queue(app, address, "Confirm your email address", body);
}

struct email_owner {
	const char *email_id;
	const char *person;
	bool verified;
	const char *status;
	const char *password_hash;
	const char *name;
};

static int
find_email(struct app *app, struct arena *a, const char *address,
    struct email_owner *o)
{
	struct db_param p[1] = {DB_STR(address)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_EMAIL_FIND, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	o->email_id = db_get(&rows, 0, 0);
	o->person = db_get(&rows, 0, 1);
	o->verified = !db_is_null(&rows, 0, 2);
	o->status = db_get(&rows, 0, 4);
	o->password_hash = db_get(&rows, 0, 5);
	o->name = db_get(&rows, 0, 6);
	return 0;
}

static int
insert_person(struct app *app, struct arena *a, const char *name,
    const char *address, const char *hash, bool verified, char person[],
    char email_id[])
{
	int64_t now = clock_now(app->clock);
	struct db_param p[6];
	int rc;

	(void)a;
	id_new(person);
	id_new(email_id);
	p[0] = DB_STR(person);
	p[1] = DB_STR(name);
	p[2] = DB_STR(hash);
	p[3] = DB_INT(0);
	p[4] = DB_INT(now);
	if ((rc = db_exec(app->db, Q_PERSON_INSERT, p, 5, NULL, NULL)) != 0)
		return rc;
	p[0] = DB_STR(email_id);
	p[1] = DB_STR(person);
	p[2] = DB_STR(address);
	p[3] = verified ? DB_INT(now) : DB_NULL;
	p[4] = DB_INT(1);
	p[5] = DB_INT(now);
	return db_exec(app->db, Q_EMAIL_INSERT, p, 6, NULL, NULL);
}

int
account_register(struct app *app, struct arena *a, const struct who *who,
    const char *name, const char *email, const char *password,
    struct form_err *e)
{
	char hash[PASSWORD_HASH_MAX], person[ID_LEN + 1], email_id[ID_LEN + 1];
	const char *address, *msg;
	struct email_owner o;
	int rc;

	if ((rc = check_name(name, e)) != 0 ||
	    (rc = check_email(a, email, &address, "email", e)) != 0)
		return rc;
	if (password_check_policy(
	        password, strlen(password), address, name, &msg) != 0)
		return form_fail(e, "password", msg, ERR_INVAL);
	if (password_hash(password, strlen(password), hash, sizeof(hash)) != 0)
		return ERR_CRYPTO;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = find_email(app, a, address, &o);
	if (rc == 0) {
		/* Tell the owner, not the person at the keyboard. */
		const char *body = arena_printf(a,
		    "Hello,\n\nSomeone tried to register a Laurel account "
		    "with %s, which already has one.\n\nIf it was you, sign "
		    "in at %s/signin or reset your password at "
		    "%s/account/reset. If it was not, you can ignore this "
		    "email.\n\nLaurel\n",
		    address, app->cfg->base_url, app->cfg->base_url);
		rc = body ? outbox_queue(app, address,
		                "You already have a Laurel account", body)
		          : ERR_TOOBIG;
		if (rc == 0)
			rc = audit_log(app, who, "account.register.existing",
			    o.person, "");
		return tx_end(app, rc);
	}
	if (rc != ERR_NOTFOUND)
		return tx_end(app, rc);
	rc =
	    insert_person(app, a, name, address, hash, false, person, email_id);
	if (rc == 0)
		rc = send_verify(app, a, person, email_id, address, name);
	if (rc == 0) {
		struct who w = {person, who->ip};
		rc = audit_log(app, &w, "account.register", person, "");
	}
	return tx_end(app, rc);
}

int
account_verify(struct app *app, struct arena *a, const struct who *who,
    const char *token, char person[ID_LEN + 1], struct form_err *e)
{
	struct token_row t;
	struct db_param p[2];
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = use_token(app, a, token, "verify", &t);
	if (rc == ERR_NOTFOUND || (rc == 0 && t.email_id == NULL)) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "This link has expired or has already been used. Sign in "
		    "and ask for a new one from your account page.",
		    ERR_NOTFOUND);
	}
	if (rc == 0) {
		p[0] = DB_STR(t.email_id);
		p[1] = DB_INT(clock_now(app->clock));
		rc = db_exec(app->db, Q_EMAIL_VERIFY, p, 2, NULL, NULL);
	}
	if (rc == 0) {
		struct who w = {t.person, who->ip};
		rc = audit_log(
		    app, &w, "account.email.verify", t.person, t.subject);
	}
	if (rc == 0)
		snprintf(person, ID_LEN + 1, "%s", t.person);
	return tx_end(app, rc);
}

struct throttle {
	int64_t failures;
	int64_t locked_until;
	int64_t updated_at;
};

static int
throttle_get(
    struct app *app, struct arena *a, const char *key, struct throttle *t)
{
	struct db_param p[1] = {DB_STR(key)};
	struct db_rows rows;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = db_exec(app->db, Q_THROTTLE_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 1) {
		t->failures = db_get_int(&rows, 0, 0);
		t->locked_until = db_get_int(&rows, 0, 1);
		t->updated_at = db_get_int(&rows, 0, 2);
	}
	if (clock_now(app->clock) - t->updated_at > LOGIN_FORGET)
		t->failures = 0;
	return 0;
}

static int
throttle_fail(struct app *app, const char *key, struct throttle *t, int limit)
{
	int64_t now = clock_now(app->clock), lock = 0;
	struct db_param p[4];

	t->failures++;
	if (t->failures >= limit) {
		int64_t over = t->failures - limit;
		lock = over >= 5 ? LOGIN_MAX_LOCK : 30 << over;
		if (lock > LOGIN_MAX_LOCK)
			lock = LOGIN_MAX_LOCK;
	}
	p[0] = DB_STR(key);
	p[1] = DB_INT(t->failures);
	p[2] = DB_INT(lock ? now + lock : 0);
	p[3] = DB_INT(now);
	return db_exec(app->db, Q_THROTTLE_SET, p, 4, NULL, NULL);
}

int
account_login(struct app *app, struct arena *a, const struct who *who,
    const char *email, const char *password, char person[ID_LEN + 1],
    struct form_err *e)
{
	static const char wrong[] =
	    "The email address or password is not right. Check them and try "
	    "again, or reset your password.";
	static const char locked[] =
	    "There have been too many attempts to sign in. Wait a few "
	    "minutes and try again, or reset your password.";
	struct throttle ta, ti;
	const char *address, *akey, *ikey;
	struct email_owner o = {0};
	int64_t now = clock_now(app->clock);
	bool ok;
	int rc;

	if (email[0] == '\0')
		return form_fail(
		    e, "email", "Enter your email address.", ERR_INVAL);
	if (password[0] == '\0')
		return form_fail(
		    e, "password", "Enter your password.", ERR_INVAL);
	if (account_normalise_email(a, email, &address) != 0)
		address = email; /* still throttled, never found */
	akey = arena_printf(a, "acct:%s", address);
	ikey = arena_printf(a, "ip:%s", who->ip ? who->ip : "");
	if (akey == NULL || ikey == NULL)
		return ERR_TOOBIG;
	if ((rc = throttle_get(app, a, akey, &ta)) != 0 ||
	    (rc = throttle_get(app, a, ikey, &ti)) != 0)
		return rc;
	if (ta.locked_until > now || ti.locked_until > now) {
		struct who w = {NULL, who->ip};
		if ((rc = audit_log(
		         app, &w, "account.login.throttled", "", address)) != 0)
			return rc;
		return form_fail(e, "", locked, ERR_FORBIDDEN);
	}
	rc = find_email(app, a, address, &o);
	if (rc != 0 && rc != ERR_NOTFOUND)
		return rc;
	if (rc == ERR_NOTFOUND || strcmp(o.status, "active") != 0 ||
	    o.password_hash == NULL) {
		password_dummy_verify();
		ok = false;
	} else {
		ok = password_verify(
		    o.password_hash, password, strlen(password));
	}
	if (!ok) {
		struct who w = {NULL, who->ip};
		if ((rc = throttle_fail(app, akey, &ta, LOGIN_ACCOUNT_LIMIT)) !=
		        0 ||
		    (rc = throttle_fail(app, ikey, &ti, LOGIN_IP_LIMIT)) != 0)
			return rc;
		if ((rc = audit_log(
		         app, &w, "account.login.failed", "", address)) != 0)
			return rc;
		return form_fail(e, "", wrong, ERR_FORBIDDEN);
	}
	{
		struct db_param p[1] = {DB_STR(akey)};
		if ((rc = db_exec(
		         app->db, Q_THROTTLE_CLEAR, p, 1, NULL, NULL)) != 0)
			return rc;
	}
	if (!o.verified) {
		/* Any verified address of the person will do. */
		struct account acc;
		bool any = false;
		if ((rc = account_get(app, a, o.person, &acc)) != 0)
			return rc;
		for (size_t i = 0; i < acc.n_emails; i++)
			any = any || acc.emails[i].verified;
		if (!any) {
			if ((rc = db_begin(app->db)) != 0)
				return rc;
			rc = send_verify(
			    app, a, o.person, o.email_id, address, o.name);
			if ((rc = tx_end(app, rc)) != 0)
				return rc;
			return form_fail(e, "",
			    "Confirm your email address before you sign in. "
			    "We have sent you a new link.",
			    ERR_CONFLICT);
		}
	}
	if (password_needs_rehash(o.password_hash)) {
		char h[PASSWORD_HASH_MAX];
		struct db_param p[3];
		if (password_hash(password, strlen(password), h, sizeof(h)) ==
		    0) {
			p[0] = DB_STR(o.person);
			p[1] = DB_STR(h);
			p[2] = DB_INT(now);
			if ((rc = db_exec(app->db, Q_PERSON_SET_PASSWORD, p, 3,
			         NULL, NULL)) != 0)
				return rc;
		}
	}
	{
		struct who w = {o.person, who->ip};
		if ((rc = audit_log(app, &w, "account.login", o.person, "")) !=
		    0)
			return rc;
	}
	snprintf(person, ID_LEN + 1, "%s", o.person);
	return 0;
}

int
account_reset_request(
    struct app *app, struct arena *a, const struct who *who, const char *email)
{
	struct email_owner o;
	const char *address, *tok, *body;
	int rc;

	if (account_normalise_email(a, email, &address) != 0)
		return 0;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = find_email(app, a, address, &o);
	if (rc == ERR_NOTFOUND || (rc == 0 && strcmp(o.status, "active") != 0))
		return tx_end(app, 0);
	if (rc == 0)
		rc = new_token(
		    app, a, "reset", o.person, o.email_id, "", RESET_TTL, &tok);
	if (rc == 0) {
		body = arena_printf(a,
		    "Hello %s,\n\nTo choose a new password for Laurel, open "
		    "this link:\n\n%s\n\nThe link works once and expires in "
		    "1 hour. If you did not ask for this, you can ignore this "
		    "email: your password has not changed.\n\nLaurel\n",
		    o.name, link_to(app, a, "/account/reset/new", tok));
		rc = body ? outbox_queue(app, address,
		                "Reset your Laurel password", body)
		          : ERR_TOOBIG;
	}
	if (rc == 0)
		rc = audit_log(app, who, "account.reset.request", o.person, "");
	return tx_end(app, rc);
}

bool
account_reset_valid(struct app *app, struct arena *a, const char *token)
{
	struct token_row t;

	return get_token(app, a, token, &t) == 0 &&
	    strcmp(t.kind, "reset") == 0 && !t.used &&
	    t.expires_at > clock_now(app->clock);
}

static int
load_person(struct app *app, struct arena *a, const char *person,
    const char **name, const char **hash, const char **address)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_PERSON_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 || strcmp(db_get(&rows, 0, 2), "active") != 0)
		return ERR_NOTFOUND;
	*name = db_get(&rows, 0, 1);
	*hash = db_get(&rows, 0, 4);
	if ((rc = db_exec(app->db, Q_EMAIL_PRIMARY, p, 1, a, &rows)) != 0)
		return rc;
	*address = rows.nrows ? db_get(&rows, 0, 0) : "";
	return 0;
}

static int
set_password(struct app *app, const char *person, const char *password)
{
	char h[PASSWORD_HASH_MAX];
	struct db_param p[3];

	if (password_hash(password, strlen(password), h, sizeof(h)) != 0)
		return ERR_CRYPTO;
	p[0] = DB_STR(person);
	p[1] = DB_STR(h);
	p[2] = DB_INT(clock_now(app->clock));
	return db_exec(app->db, Q_PERSON_SET_PASSWORD, p, 3, NULL, NULL);
}

int
account_reset(struct app *app, struct arena *a, const struct who *who,
    const char *token, const char *password, struct form_err *e)
{
	const char *name, *hash, *address, *msg;
	struct token_row t;
	int rc;

	if (get_token(app, a, token, &t) != 0 || strcmp(t.kind, "reset") != 0 ||
	    t.used || t.expires_at <= clock_now(app->clock))
		return form_fail(e, "",
		    "This link has expired or has already been used. Ask for "
		    "a new one.",
		    ERR_NOTFOUND);
	if ((rc = load_person(app, a, t.person, &name, &hash, &address)) != 0)
		return rc == ERR_NOTFOUND
		    ? form_fail(
		          e, "", "This account has been closed.", ERR_NOTFOUND)
		    : rc;
	if (password_check_policy(
	        password, strlen(password), address, name, &msg) != 0)
		return form_fail(e, "password", msg, ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = use_token(app, a, token, "reset", &t);
	if (rc == ERR_NOTFOUND) {
		db_rollback(app->db);
		return form_fail(
		    e, "", "This link has already been used.", ERR_NOTFOUND);
	}
	if (rc == 0)
		rc = set_password(app, t.person, password);
	if (rc == 0)
		rc = session_end_all(app, t.person, NULL);
	if (rc == 0) {
		struct who w = {t.person, who->ip};
		rc = audit_log(app, &w, "account.password.reset", t.person, "");
	}
	return tx_end(app, rc);
}

int
account_change_password(struct app *app, struct arena *a, const struct who *who,
    const char *keep_session, const char *current, const char *password,
    struct form_err *e)
{
	const char *name, *hash, *address, *msg;
	int rc;

	if ((rc = load_person(app, a, who->person, &name, &hash, &address)) !=
	    0)
		return rc;
	if (current[0] == '\0')
		return form_fail(
		    e, "current", "Enter your current password.", ERR_INVAL);
	if (hash == NULL || !password_verify(hash, current, strlen(current)))
		return form_fail(e, "current",
		    "Your current password is not right.", ERR_INVAL);
	if (password_check_policy(
	        password, strlen(password), address, name, &msg) != 0)
		return form_fail(e, "password", msg, ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = set_password(app, who->person, password);
	if (rc == 0)
		rc = session_end_all(app, who->person, keep_session);
	if (rc == 0)
		rc = audit_log(
		    app, who, "account.password.change", who->person, "");
	return tx_end(app, rc);
}

int
account_get(
    struct app *app, struct arena *a, const char *person, struct account *out)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(app->db, Q_PERSON_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	out->id = db_get(&rows, 0, 0);
	out->name = db_get(&rows, 0, 1);
	out->status = db_get(&rows, 0, 2);
	out->platform_admin = db_get_int(&rows, 0, 3) != 0;
	out->created_at = db_get_int(&rows, 0, 6);
	if ((rc = db_exec(app->db, Q_EMAIL_LIST, p, 1, a, &rows)) != 0)
		return rc;
	out->emails = arena_alloc(
	    a, (rows.nrows ? rows.nrows : 1) * sizeof(*out->emails));
	if (out->emails == NULL)
		return ERR_TOOBIG;
	out->primary = "";
	for (size_t r = 0; r < rows.nrows; r++) {
		struct account_email *m = &out->emails[r];
		m->id = db_get(&rows, r, 0);
		m->address = db_get(&rows, r, 1);
		m->verified = !db_is_null(&rows, r, 2);
		m->primary = db_get_int(&rows, r, 3) != 0;
		if (m->primary)
			out->primary = m->address;
	}
	out->n_emails = rows.nrows;
	return 0;
}

int
account_set_name(struct app *app, struct arena *a, const struct who *who,
    const char *name, struct form_err *e)
{
	struct db_param p[3];
	int rc;

	(void)a;
	if ((rc = check_name(name, e)) != 0)
		return rc;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(who->person);
	p[1] = DB_STR(name);
	p[2] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_PERSON_SET_NAME, p, 3, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "account.name", who->person, "");
	return tx_end(app, rc);
}

#define MAX_EMAILS 10

int
account_email_add(struct app *app, struct arena *a, const struct who *who,
    const char *email, struct form_err *e)
{
	char id[ID_LEN + 1];
	const char *address;
	struct email_owner o;
	struct account acc;
	struct db_param p[6];
	int rc;

	if ((rc = check_email(a, email, &address, "email", e)) != 0)
		return rc;
	if ((rc = account_get(app, a, who->person, &acc)) != 0)
		return rc;
	if (acc.n_emails >= MAX_EMAILS)
		return form_fail(e, "email",
		    "You can have up to 10 email addresses. Remove one first.",
		    ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = find_email(app, a, address, &o);
	if (rc == 0) {
		db_rollback(app->db);
		return form_fail(e, "email",
		    strcmp(o.person, who->person) == 0
		        ? "This address is already on your account."
		        : "This address belongs to another account. If that "
		          "account is yours too, merge the two accounts below.",
		    ERR_CONFLICT);
	}
	if (rc != ERR_NOTFOUND)
		return tx_end(app, rc);
	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(who->person);
	p[2] = DB_STR(address);
	p[3] = DB_NULL;
	p[4] = DB_INT(0);
	p[5] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_EMAIL_INSERT, p, 6, NULL, NULL);
	if (rc == ERR_CONFLICT) {
		db_rollback(app->db);
		return form_fail(e, "email", "This address is already in use.",
		    ERR_CONFLICT);
	}
	if (rc == 0)
		rc = send_verify(app, a, who->person, id, address, acc.name);
	if (rc == 0)
		rc = audit_log(
		    app, who, "account.email.add", who->person, address);
	return tx_end(app, rc);
}

static int
own_email(struct app *app, struct arena *a, const struct who *who,
    const char *email_id, struct db_rows *rows)
{
	struct db_param p[1] = {DB_STR(email_id)};
	int rc;

	if ((rc = db_exec(app->db, Q_EMAIL_GET, p, 1, a, rows)) != 0)
		return rc;
	if (rows->nrows == 0 || strcmp(db_get(rows, 0, 1), who->person) != 0)
		return ERR_NOTFOUND;
	return 0;
}

int
account_email_primary(struct app *app, struct arena *a, const struct who *who,
    const char *email_id, struct form_err *e)
{
	struct db_rows rows;
	struct db_param p[2];
	int rc;

	if ((rc = own_email(app, a, who, email_id, &rows)) != 0)
		return rc == ERR_NOTFOUND
		    ? form_fail(
		          e, "", "That address is not on your account.", rc)
		    : rc;
	if (db_is_null(&rows, 0, 3))
		return form_fail(e, "",
		    "Confirm this address (use the link we sent to it) "
		    "before making it your main one.",
		    ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(who->person);
	rc = db_exec(app->db, Q_EMAIL_CLEAR_PRIMARY, p, 1, NULL, NULL);
	p[0] = DB_STR(email_id);
	p[1] = DB_STR(who->person);
	if (rc == 0)
		rc = db_exec(app->db, Q_EMAIL_SET_PRIMARY, p, 2, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "account.email.primary", who->person,
		    db_get(&rows, 0, 2));
	return tx_end(app, rc);
}

int
account_email_remove(struct app *app, struct arena *a, const struct who *who,
    const char *email_id, struct form_err *e)
{
	struct db_rows rows, ch;
	struct db_param p[2];
	int rc;

	if ((rc = own_email(app, a, who, email_id, &rows)) != 0)
		return rc == ERR_NOTFOUND
		    ? form_fail(
		          e, "", "That address is not on your account.", rc)
		    : rc;
	if (db_get_int(&rows, 0, 4) != 0)
		return form_fail(e, "",
		    "You cannot remove your main address. Make another "
		    "address your main one first.",
		    ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(email_id);
	p[1] = DB_STR(who->person);
	/* its confirmation links go with it */
	rc = db_exec(app->db, Q_TOKEN_DELETE_EMAIL, p, 1, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_EMAIL_DELETE, p, 2, a, &ch);
	if (rc == 0)
		rc = audit_log(app, who, "account.email.remove", who->person,
		    db_get(&rows, 0, 2));
	return tx_end(app, rc);
}

/* rows_to_json turns query rows into an array of objects named by cols. */
static json_t *
rows_json(const struct db_rows *rows, const char *const *cols, size_t nc)
{
	json_t *arr = json_array();

	for (size_t r = 0; r < rows->nrows; r++) {
		json_t *o = json_object();
		for (size_t c = 0; c < nc && c < rows->ncols; c++)
			json_object_set_new(o, cols[c],
			    db_is_null(rows, r, c)
			        ? json_null()
			        : json_string(db_get(rows, r, c)));
		json_array_append_new(arr, o);
	}
	return arr;
}

int
account_export(
    struct app *app, struct arena *a, const char *person, struct buf *out)
{
	static const char *const pc[] = {"id", "name", "status",
	    "platform_admin", "password_hash", "password_changed_at",
	    "created_at"};
	static const char *const ec[] = {
	    "id", "address", "verified_at", "is_primary", "created_at"};
	static const char *const sc[] = {
	    "id_hash", "created_at", "last_seen_at", "ip", "user_agent"};
	static const char *const mc[] = {"organisation_id", "organisation",
	    "role", "started_at", "ended_at", "organisation_status"};
	static const char *const rc_[] = {"issuer_id", "issuer", "role"};
	static const char *const ac[] = {
	    "at", "action", "subject", "detail", "ip"};
	static const char *const wc[] = {"id", "badge_id", "version", "badge",
	    "person_id", "name", "status", "issued_at", "expires_at",
	    "application_id", "assessor_id", "assessor", "recipient_email",
	    "evidence"};
	static const char *const apc[] = {"id", "badge_id", "badge", "status",
	    "reviewers", "being_assessed", "round", "due_at", "queue_place",
	    "issuer_id", "updated_at"};
	static const char *const bc[] = {"id", "source", "version", "badge",
	    "issuer", "issuer_url", "image_url", "issued_on", "expires",
	    "is_valid", "reason", "checked_at", "created_at"};
	struct db_param p[1] = {DB_STR(person)};
	struct db_param p2[2] = {DB_STR(person), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	json_t *doc = json_object();
	char *s = NULL;
	int rc;

	if ((rc = db_exec(app->db, Q_PERSON_GET, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(doc, "person", rows_json(&rows, pc, NELEM(pc)));
	/* The hash is ours, not the person's data, and useless to them. */
	json_object_del(
	    json_array_get(json_object_get(doc, "person"), 0), "password_hash");
	if ((rc = db_exec(app->db, Q_EMAIL_LIST, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(doc, "emails", rows_json(&rows, ec, NELEM(ec)));
	if ((rc = db_exec(app->db, Q_SESSION_LIST, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(doc, "sessions", rows_json(&rows, sc, NELEM(sc)));
	if ((rc = db_exec(app->db, Q_MEMBER_OF_PERSON, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(
	    doc, "memberships", rows_json(&rows, mc, NELEM(mc)));
	if ((rc = db_exec(app->db, Q_IROLE_OF_PERSON, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(
	    doc, "issuer_roles", rows_json(&rows, rc_, NELEM(rc_)));
	if ((rc = db_exec(app->db, Q_AUDIT_BY_ACTOR, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(doc, "activity", rows_json(&rows, ac, NELEM(ac)));
	if ((rc = db_exec(app->db, Q_AWARD_LIST_PERSON, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(doc, "awards", rows_json(&rows, wc, NELEM(wc)));
	if ((rc = db_exec(app->db, Q_APP_LIST, p2, 2, a, &rows)) != 0)
		goto out;
	json_object_set_new(
	    doc, "applications", rows_json(&rows, apc, NELEM(apc)));
	if ((rc = db_exec(app->db, Q_BACKPACK_EXPORT, p, 1, a, &rows)) != 0)
		goto out;
	json_object_set_new(
	    doc, "badges_from_elsewhere", rows_json(&rows, bc, NELEM(bc)));
	json_object_set_new(doc, "exported_at",
	    json_integer((json_int_t)clock_now(app->clock)));
	s = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
	if (s == NULL) {
		rc = ERR_TOOBIG;
		goto out;
	}
	buf_adds(out, s);
	rc = buf_err(out) ? ERR_TOOBIG : 0;
out:
	free(s);
	json_decref(doc);
	return rc;
}

/*
 * last_admin_anywhere refuses when person is the only admin left of an
 * organisation or an issuer: deleting the account would leave it with
 * nobody to run it.
 */
static int
last_admin_anywhere(
    struct app *app, struct arena *a, const char *person, struct form_err *e)
{
	struct person_issuer_role *ir;
	struct person_org *po;
	size_t npo, nir;
	int rc;

	if ((rc = org_of_person(app, a, person, &po, &npo)) != 0 ||
	    (rc = issuer_roles_of(app, a, person, &ir, &nir)) != 0)
		return rc;
	for (size_t i = 0; i < npo; i++) {
		struct member *ms;
		size_t nm, admins = 0;
		if (po[i].ended_at != 0 || strcmp(po[i].role, "org_admin") != 0)
			continue;
		if ((rc = org_members(app, a, po[i].org, &ms, &nm)) != 0)
			return rc;
		for (size_t k = 0; k < nm; k++)
			admins += strcmp(ms[k].role, "org_admin") == 0;
		if (admins <= 1 && nm > 1)
			return form_fail(e, "",
			    arena_printf(a,
			        "You are the only organisation admin of %s. "
			        "Make someone else an admin first.",
			        po[i].name),
			    ERR_CONFLICT);
	}
	for (size_t i = 0; i < nir; i++) {
		struct staff *st;
		size_t ns, admins = 0;
		if (strcmp(ir[i].role, "issuer_admin") != 0)
			continue;
		if ((rc = issuer_staff(app, a, ir[i].issuer, &st, &ns)) != 0)
			return rc;
		for (size_t k = 0; k < ns; k++)
			admins += strcmp(st[k].role, "issuer_admin") == 0;
		if (admins <= 1)
			return form_fail(e, "",
			    arena_printf(a,
			        "You are the only issuer admin of %s. Make "
			        "someone else an issuer admin first.",
			        ir[i].name),
			    ERR_CONFLICT);
	}
	return 0;
}

int
account_delete(struct app *app, struct arena *a, const struct who *who,
    const char *password, struct form_err *e)
{
	const char *name, *hash, *address;
	char pseud[65];
	struct account acc;
	struct db_param p[2];
	int64_t now = clock_now(app->clock);
	int rc;

	if ((rc = load_person(app, a, who->person, &name, &hash, &address)) !=
	    0)
		return rc;
	if (hash == NULL || !password_verify(hash, password, strlen(password)))
		return form_fail(
		    e, "password", "Your password is not right.", ERR_INVAL);
	if ((rc = account_get(app, a, who->person, &acc)) != 0)
		return rc;
	if ((rc = last_admin_anywhere(app, a, who->person, e)) != 0)
		return rc;
	/* A stable pseudonym: the same person always maps to the same one,
	 * and without the server secret it cannot be linked back. */
	if (app->secret != NULL)
		hmac_b64url(
		    app->secret, 32, who->person, strlen(who->person), pseud);
	else
		sha256_hex(who->person, strlen(who->person), pseud);
	pseud[16] = '\0';
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(who->person);
	p[1] = DB_INT(now);
	for (size_t i = 0; rc == 0 && i < acc.n_emails; i++) {
		struct db_param q[1] = {DB_STR(acc.emails[i].address)};
		rc = db_exec(app->db, Q_OUTBOX_DELETE_ADDR, q, 1, NULL, NULL);
	}
	if (rc == 0)
		rc =
		    db_exec(app->db, Q_SESSION_DELETE_PERSON, p, 1, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_TOKEN_DELETE_PERSON, p, 1, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_EMAIL_DELETE_PERSON, p, 1, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_MEMBER_END_PERSON, p, 2, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_IROLE_END_PERSON, p, 2, NULL, NULL);
	if (rc == 0) /* ideas stay; who proposed them is forgotten */
		rc = idea_forget_person(app, who->person);
	if (rc == 0)
		rc = application_forget_person(app, who->person);
	if (rc == 0)
		rc = backpack_forget_person(app, who->person);
	if (rc == 0)
		rc = profile_forget_person(app, who->person);
	if (rc == 0)
		rc = db_exec(app->db, Q_PERSON_DELETE, p, 2, NULL, NULL);
	if (rc == 0) {
		const char *ps = arena_printf(a, "deleted:%s", pseud);
		struct db_param q[2] = {DB_STR(who->person), DB_STR(ps)};
		rc = ps
		    ? db_exec(app->db, Q_AUDIT_PSEUDONYMISE, q, 2, NULL, NULL)
		    : ERR_TOOBIG;
		if (rc == 0) {
			struct who w = {ps, who->ip};
			rc = audit_log(app, &w, "account.delete", ps, "");
		}
	}
	return tx_end(app, rc);
}

int
account_merge(struct app *app, struct arena *a, const struct who *who,
    const char *email, const char *password, struct form_err *e)
{
	const char *address;
	struct email_owner o;
	struct db_param p[3];
	int64_t now = clock_now(app->clock);
	int rc;

	if ((rc = check_email(a, email, &address, "email", e)) != 0)
		return rc;
	if (password[0] == '\0')
		return form_fail(e, "password",
		    "Enter the password of the other account.", ERR_INVAL);
	rc = find_email(app, a, address, &o);
	if (rc != 0 && rc != ERR_NOTFOUND)
		return rc;
	if (rc == ERR_NOTFOUND || strcmp(o.status, "active") != 0 ||
	    o.password_hash == NULL ||
	    !password_verify(o.password_hash, password, strlen(password))) {
		if (rc == ERR_NOTFOUND)
			password_dummy_verify();
		return form_fail(e, "",
		    "The email address or password of the other account is "
		    "not right.",
		    ERR_FORBIDDEN);
	}
	if (strcmp(o.person, who->person) == 0)
		return form_fail(e, "email",
		    "That address is already on this account.", ERR_INVAL);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(o.person);
	p[1] = DB_STR(who->person);
	p[2] = DB_INT(now);
	rc = db_exec(app->db, Q_EMAIL_MOVE, p, 2, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_MEMBER_MOVE, p, 2, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_IROLE_MOVE, p, 2, NULL, NULL);
	if (rc == 0)
		rc = idea_move_person(app, o.person, who->person);
	if (rc == 0)
		rc = backpack_move_person(app, o.person, who->person);
	if (rc == 0)
		rc = profile_move_person(app, o.person, who->person);
	if (rc == 0 &&
	    (rc = application_move_person(app, o.person, who->person)) ==
	        ERR_CONFLICT) {
		db_rollback(app->db);
		return form_fail(e, "email",
		    "Both accounts have an open application for the same "
		    "badge. Withdraw one of them, then merge the accounts.",
		    ERR_CONFLICT);
	}
	if (rc == 0)
		rc =
		    db_exec(app->db, Q_SESSION_DELETE_PERSON, p, 1, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_TOKEN_DELETE_PERSON, p, 1, NULL, NULL);
	if (rc == 0)
		rc = db_exec(app->db, Q_PERSON_MERGE, p, 3, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "account.merge", o.person, address);
	return tx_end(app, rc);
}

int
account_ensure(struct app *app, struct arena *a, const char *name,
    const char *email, const char *password, char person[ID_LEN + 1],
    bool *created)
{
	char hash[PASSWORD_HASH_MAX], email_id[ID_LEN + 1];
	const char *address;
	struct email_owner o;
	int rc;

	*created = false;
	if (account_normalise_email(a, email, &address) != 0)
		return ERR_INVAL;
	rc = find_email(app, a, address, &o);
	if (rc == 0) {
		if (strcmp(o.status, "active") != 0)
			return ERR_CONFLICT;
		snprintf(person, ID_LEN + 1, "%s", o.person);
		return 0;
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	if (password != NULL &&
	    password_hash(password, strlen(password), hash, sizeof(hash)) != 0)
		return ERR_CRYPTO;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = insert_person(app, a, name, address, password ? hash : NULL, true,
	    person, email_id);
	if (rc == 0) {
		struct who w = {"", "command line"};
		rc = audit_log(app, &w, "account.create", person, address);
	}
	if ((rc = tx_end(app, rc)) == 0)
		*created = true;
	return rc;
}

int
account_set_platform_admin(
    struct app *app, const struct who *who, const char *person, bool on)
{
	struct db_param p[2] = {DB_STR(person), DB_INT(on ? 1 : 0)};
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = db_exec(app->db, Q_PERSON_SET_ADMIN, p, 2, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who,
		    on ? "role.platform_admin.grant"
		       : "role.platform_admin.revoke",
		    person, "");
	return tx_end(app, rc);
}

int
account_reset_link(
    struct app *app, struct arena *a, const char *person, const char **url)
{
	const char *tok;
	int rc;

	if ((rc = new_token(
	         app, a, "reset", person, NULL, "", 24 * 3600, &tok)) != 0)
		return rc;
	*url = link_to(app, a, "/account/reset/new", tok);
	return *url ? 0 : ERR_TOOBIG;
}
