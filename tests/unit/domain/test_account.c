/*
 * test_account.c: accounts, sessions, one-time links and sign-in
 * back-off, on SQLite and PostgreSQL, with a clock the tests move.
 *
 * Links are read back from the outbox, where email is held when no SMTP
 * server is configured, just as a person would read them.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/session.h"
#include "../db/testdb.h"

#define T0 1795437296

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	struct who anon;
};

static void
env_open(struct env *e, enum db_kind kind)
{
	static const uint8_t secret[32] = {1, 2, 3};

	memset(e, 0, sizeof(*e));
	e->db = testdb_open_kind(kind, true);
	config_defaults(&e->cfg);
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = secret};
	e->a = arena_new(1 << 22);
	e->anon = (struct who){NULL, "192.0.2.1"};
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	db_close(e->db);
}

/* last_token returns the token of the newest link sent to `to`. */
static const char *
last_token(struct env *e, const char *to)
{
	struct outbox_msg *m;
	size_t n;

	cr_assert_eq(outbox_list(&e->app, e->a, 100, &m, &n), 0);
	for (size_t i = 0; i < n; i++) {
		const char *t;
		if (strcmp(m[i].to, to) != 0 ||
		    (t = strstr(m[i].body, "token=")) == NULL)
			continue;
		return arena_strndup(e->a, t + 6, 43);
	}
	cr_assert_fail("no link was sent to %s", to);
	return NULL;
}

static size_t
count_mail(struct env *e, const char *to)
{
	struct outbox_msg *m;
	size_t n, k = 0;

	cr_assert_eq(outbox_list(&e->app, e->a, 100, &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(m[i].to, to) == 0;
	return k;
}

static void
registered(struct env *e, const char *email, char person[ID_LEN + 1])
{
	struct form_err fe = {0};

	e->clk.frozen++; /* so that its link is the newest */
	cr_assert_eq(account_register(&e->app, e->a, &e->anon, "Ann Other",
	                 email, "a long enough secret", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(account_verify(&e->app, e->a, &e->anon,
	                 last_token(e, email), person, &fe),
	    0, "%s", fe.msg);
}

static void
register_verify_login(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	char p1[ID_LEN + 1], p2[ID_LEN + 1];
	const char *tok;

	env_open(&e, kind);
	cr_assert_eq(account_register(&e.app, e.a, &e.anon, "Ann Other",
	                 " Ann@Example.org ", "a long enough secret", &fe),
	    0, "%s", fe.msg);
	/* Not verified yet: the right password is refused, a link resent. */
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "ann@example.org",
	                 "a long enough secret", p1, &fe),
	    ERR_CONFLICT);
	cr_assert_eq(count_mail(&e, "ann@example.org"), 2);
	tok = last_token(&e, "ann@example.org");
	cr_assert_eq(account_verify(&e.app, e.a, &e.anon, tok, p1, &fe), 0);
	/* single use */
	cr_assert_eq(
	    account_verify(&e.app, e.a, &e.anon, tok, p2, &fe), ERR_NOTFOUND);
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "ANN@example.org",
	                 "a long enough secret", p2, &fe),
	    0, "%s", fe.msg);
	cr_assert_str_eq(p1, p2);
	/* Registering the same address again creates nothing and tells the
	 * owner instead. */
	cr_assert_eq(account_register(&e.app, e.a, &e.anon, "Someone",
	                 "ann@example.org", "another long secret", &fe),
	    0);
	cr_assert_eq(count_mail(&e, "ann@example.org"), 3);
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "ann@example.org",
	                 "another long secret", p2, &fe),
	    ERR_FORBIDDEN);
	env_close(&e);
}

Test(account, register_verify_login_sqlite)
{
	register_verify_login(DB_SQLITE);
}
Test(account, register_verify_login_pgsql)
{
	register_verify_login(DB_PGSQL);
}

static void
bad_registrations(enum db_kind kind)
{
	static const struct {
		const char *name, *email, *pw, *field;
	} bad[] = {
	    {"", "x@example.org", "a long enough secret", "name"},
	    {"X", "not-an-email", "a long enough secret", "email"},
	    {"X", "", "a long enough secret", "email"},
	    {"X", "x@example.org", "short", "password"},
	    {"X", "x@example.org", "password123", "password"},
	    {"X", "x@example", "a long enough secret", "email"},
	};
	struct env e;
	char longname[ACCOUNT_NAME_MAX + 2];

	env_open(&e, kind);
	for (size_t i = 0; i < NELEM(bad); i++) {
		struct form_err fe = {0};
		cr_expect_eq(account_register(&e.app, e.a, &e.anon, bad[i].name,
		                 bad[i].email, bad[i].pw, &fe),
		    ERR_INVAL, "case %zu", i);
		cr_expect_str_eq(fe.field, bad[i].field, "case %zu", i);
		cr_expect(fe.msg != NULL && fe.msg[0] != '\0');
	}
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	{
		struct form_err fe = {0};
		cr_expect_eq(account_register(&e.app, e.a, &e.anon, longname,
		                 "x@example.org", "a long enough secret", &fe),
		    ERR_INVAL);
	}
	cr_assert_eq(count_mail(&e, "x@example.org"), 0, "nothing was sent");
	env_close(&e);
}

Test(account, bad_registrations_change_nothing_sqlite)
{
	bad_registrations(DB_SQLITE);
}
Test(account, bad_registrations_change_nothing_pgsql)
{
	bad_registrations(DB_PGSQL);
}

static void
backoff(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0}, fe2 = {0};
	char p[ID_LEN + 1];

	env_open(&e, kind);
	registered(&e, "bo@example.org", p);
	/* Unknown address and wrong password: the same answer. */
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "nobody@example.org",
	                 "whatever it is", p, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "bo@example.org",
	                 "wrong password!", p, &fe2),
	    ERR_FORBIDDEN);
	cr_assert_str_eq(fe.msg, fe2.msg);
	for (int i = 1; i < LOGIN_ACCOUNT_LIMIT; i++)
		cr_assert_eq(account_login(&e.app, e.a, &e.anon,
		                 "bo@example.org", "wrong password!", p, &fe),
		    ERR_FORBIDDEN);
	/* Locked: even the right password waits. */
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "bo@example.org",
	                 "a long enough secret", p, &fe),
	    ERR_FORBIDDEN);
	cr_assert(strstr(fe.msg, "too many") != NULL, "%s", fe.msg);
	e.clk.frozen += 31;
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "bo@example.org",
	                 "a long enough secret", p, &fe),
	    0, "%s", fe.msg);
	env_close(&e);
}

Test(account, login_backs_off_sqlite)
{
	backoff(DB_SQLITE);
}
Test(account, login_backs_off_pgsql)
{
	backoff(DB_PGSQL);
}

static void
sessions_and_passwords(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct session s;
	char p[ID_LEN + 1], t1[SESSION_TOKEN_LEN + 1],
	    t2[SESSION_TOKEN_LEN + 1];
	const char *tok;
	struct who me;

	env_open(&e, kind);
	registered(&e, "sp@example.org", p);
	me = (struct who){p, "192.0.2.2"};
	cr_assert_eq(session_create(&e.app, p, "192.0.2.2", "test", t1), 0);
	cr_assert_eq(session_create(&e.app, p, "192.0.2.3", "test", t2), 0);
	cr_assert_eq(
	    session_lookup(&e.app, e.a, t1, strlen(t1), &s), 0, "live");
	/* Changing the password keeps this session, ends the other. */
	cr_assert_eq(account_change_password(&e.app, e.a, &me, s.hash,
	                 "wrong current", "a new long secret", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "current");
	cr_assert_eq(account_change_password(&e.app, e.a, &me, s.hash,
	                 "a long enough secret", "a new long secret", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(session_lookup(&e.app, e.a, t1, strlen(t1), &s), 0);
	cr_assert_eq(
	    session_lookup(&e.app, e.a, t2, strlen(t2), &s), ERR_NOTFOUND);
	/* Idle expiry. */
	e.clk.frozen += SESSION_IDLE + 1;
	cr_assert_eq(
	    session_lookup(&e.app, e.a, t1, strlen(t1), &s), ERR_NOTFOUND);
	/* Reset: a bad password leaves the link usable; it works once and
	 * ends every session; it expires. */
	cr_assert_eq(session_create(&e.app, p, "192.0.2.2", "test", t1), 0);
	cr_assert_eq(
	    account_reset_request(&e.app, e.a, &e.anon, "sp@example.org"), 0);
	tok = last_token(&e, "sp@example.org");
	cr_assert(account_reset_valid(&e.app, e.a, tok));
	cr_assert_eq(
	    account_reset(&e.app, e.a, &e.anon, tok, "short", &fe), ERR_INVAL);
	cr_assert_eq(
	    account_reset(&e.app, e.a, &e.anon, tok, "reset long secret", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(account_reset(
	                 &e.app, e.a, &e.anon, tok, "reset long secret 2", &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(
	    session_lookup(&e.app, e.a, t1, strlen(t1), &s), ERR_NOTFOUND);
	e.clk.frozen++; /* a newer link than the used one */
	cr_assert_eq(
	    account_reset_request(&e.app, e.a, &e.anon, "sp@example.org"), 0);
	tok = last_token(&e, "sp@example.org");
	e.clk.frozen += RESET_TTL;
	cr_assert_not(account_reset_valid(&e.app, e.a, tok));
	cr_assert_eq(account_reset(&e.app, e.a, &e.anon, tok,
	                 "too late long secret", &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "sp@example.org",
	                 "reset long secret", p, &fe),
	    0, "%s", fe.msg);
	/* Absolute expiry, however active. */
	cr_assert_eq(session_create(&e.app, p, "192.0.2.2", "test", t1), 0);
	for (int64_t t = SESSION_IDLE / 2; t < SESSION_ABSOLUTE;
	     t += SESSION_IDLE / 2) {
		e.clk.frozen += SESSION_IDLE / 2;
		cr_assert_eq(
		    session_lookup(&e.app, e.a, t1, strlen(t1), &s), 0);
	}
	e.clk.frozen += SESSION_IDLE / 2; /* SESSION_ABSOLUTE after sign-in */
	cr_assert_eq(
	    session_lookup(&e.app, e.a, t1, strlen(t1), &s), ERR_NOTFOUND);
	env_close(&e);
}

Test(account, sessions_and_passwords_sqlite)
{
	sessions_and_passwords(DB_SQLITE);
}
Test(account, sessions_and_passwords_pgsql)
{
	sessions_and_passwords(DB_PGSQL);
}

static void
emails_merge_delete(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct account acc;
	struct buf js;
	char p[ID_LEN + 1], q[ID_LEN + 1], x[ID_LEN + 1];
	const char *second = NULL;
	struct who me;

	env_open(&e, kind);
	registered(&e, "one@example.org", p);
	registered(&e, "two@example.org", q);
	me = (struct who){p, "192.0.2.9"};
	/* Another person's address cannot be added. */
	cr_assert_eq(
	    account_email_add(&e.app, e.a, &me, "two@example.org", &fe),
	    ERR_CONFLICT);
	cr_assert_eq(
	    account_email_add(&e.app, e.a, &me, "Three@example.org", &fe), 0,
	    "%s", fe.msg);
	cr_assert_eq(account_get(&e.app, e.a, p, &acc), 0);
	cr_assert_eq(acc.n_emails, 2);
	for (size_t i = 0; i < acc.n_emails; i++)
		if (!acc.emails[i].primary)
			second = acc.emails[i].id;
	/* Unconfirmed: cannot be primary. */
	cr_assert_eq(
	    account_email_primary(&e.app, e.a, &me, second, &fe), ERR_INVAL);
	cr_assert_eq(account_verify(&e.app, e.a, &me,
	                 last_token(&e, "three@example.org"), x, &fe),
	    0);
	cr_assert_eq(account_email_primary(&e.app, e.a, &me, second, &fe), 0);
	cr_assert_eq(account_get(&e.app, e.a, p, &acc), 0);
	cr_assert_str_eq(acc.primary, "three@example.org");
	/* Regression: a confirmed address (its link used) can be removed;
	 * the link's row once blocked it with a foreign key. */
	for (size_t i = 0; i < acc.n_emails; i++)
		if (!acc.emails[i].primary)
			cr_assert_eq(account_email_remove(&e.app, e.a, &me,
			                 acc.emails[i].id, &fe),
			    0, "%s", fe.msg);
	cr_assert_eq(account_get(&e.app, e.a, p, &acc), 0);
	cr_assert_eq(acc.n_emails, 1);
	/* Someone else's address id: not found, nothing changes. */
	{
		struct account other;
		struct who them = {q, "192.0.2.9"};
		cr_assert_eq(
		    account_email_remove(&e.app, e.a, &them, second, &fe),
		    ERR_NOTFOUND);
		cr_assert_eq(account_get(&e.app, e.a, q, &other), 0);
	}
	/* Merge two@ into one@: wrong password refused, then proven. */
	cr_assert_eq(account_merge(&e.app, e.a, &me, "two@example.org",
	                 "not the password", &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(account_merge(&e.app, e.a, &me, "two@example.org",
	                 "a long enough secret", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(account_get(&e.app, e.a, p, &acc), 0);
	cr_assert_eq(acc.n_emails, 2);
	cr_assert_eq(account_get(&e.app, e.a, q, &acc), 0);
	cr_assert_str_eq(acc.status, "merged");
	/* Export, then delete. */
	buf_init(&js, e.a, 1 << 20);
	cr_assert_eq(account_export(&e.app, e.a, p, &js), 0);
	cr_assert(strstr(js.data, "three@example.org") != NULL);
	cr_assert(strstr(js.data, "argon2") == NULL, "no password hash");
	cr_assert(strstr(js.data, "\"awards\"") != NULL);
	cr_assert(strstr(js.data, "\"applications\"") != NULL);
	cr_assert(strstr(js.data, "\"badges_from_elsewhere\"") != NULL);
	cr_assert_eq(
	    account_delete(&e.app, e.a, &me, "wrong password", &fe), ERR_INVAL);
	cr_assert_eq(
	    account_delete(&e.app, e.a, &me, "a long enough secret", &fe), 0);
	cr_assert_eq(account_get(&e.app, e.a, p, &acc), 0);
	cr_assert_str_eq(acc.status, "deleted");
	cr_assert_str_eq(acc.name, "Deleted person");
	cr_assert_eq(acc.n_emails, 0);
	cr_assert_eq(account_login(&e.app, e.a, &e.anon, "one@example.org",
	                 "a long enough secret", x, &fe),
	    ERR_FORBIDDEN);
	/* The audit keeps a pseudonym, not the id. */
	{
		struct audit_filter f = {p, "", 0, INT64_MAX, 100, 0};
		struct audit_event *ev;
		size_t n;
		cr_assert_eq(audit_list(&e.app, e.a, &f, &ev, &n), 0);
		cr_assert_eq(n, 0, "events still carry the deleted id");
		f.actor = "";
		f.action = "account.delete";
		cr_assert_eq(audit_list(&e.app, e.a, &f, &ev, &n), 0);
		cr_assert_eq(n, 1);
		cr_assert(strncmp(ev[0].actor, "deleted:", 8) == 0);
	}
	/* The address is free again. */
	registered(&e, "one@example.org", x);
	cr_assert_str_neq(x, p);
	env_close(&e);
}

Test(account, emails_merge_delete_sqlite)
{
	emails_merge_delete(DB_SQLITE);
}
Test(account, emails_merge_delete_pgsql)
{
	emails_merge_delete(DB_PGSQL);
}

static void
last_admin_cannot_delete(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	char p[ID_LEN + 1], q[ID_LEN + 1], org[ID_LEN + 1];
	struct who me, w = {"", "test"};

	env_open(&e, kind);
	registered(&e, "admin@example.org", p);
	registered(&e, "staff@example.org", q);
	me = (struct who){p, "192.0.2.9"};
	cr_assert_eq(
	    org_request(&e.app, e.a, &me, "Care Org", "", org, &fe), 0);
	cr_assert_eq(db_begin(e.db), 0);
	cr_assert_eq(org_add_member(&e.app, &w, org, q, "staff", NULL), 0);
	cr_assert_eq(db_commit(e.db), 0);
	cr_assert_eq(
	    account_delete(&e.app, e.a, &me, "a long enough secret", &fe),
	    ERR_CONFLICT);
	cr_assert(strstr(fe.msg, "Care Org") != NULL, "%s", fe.msg);
	cr_assert_eq(db_begin(e.db), 0);
	cr_assert_eq(org_add_member(&e.app, &w, org, q, "org_admin", NULL), 0);
	cr_assert_eq(db_commit(e.db), 0);
	cr_assert_eq(
	    account_delete(&e.app, e.a, &me, "a long enough secret", &fe), 0,
	    "%s", fe.msg);
	env_close(&e);
}

Test(account, last_admin_cannot_delete_sqlite)
{
	last_admin_cannot_delete(DB_SQLITE);
}
Test(account, last_admin_cannot_delete_pgsql)
{
	last_admin_cannot_delete(DB_PGSQL);
}
