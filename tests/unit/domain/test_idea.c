/*
 * test_idea.c: badge ideas (domain/idea.h) on SQLite and PostgreSQL, with
 * a frozen clock the tests move: validation, every spam check (honeypot,
 * form token timing, hourly limit, links, duplicates), support, triage
 * permissions, accepting with a badge, what public listings show and the
 * email a proposer is sent.
 *
 * The database holds the demo data (seed_demo): the scheme's issuer with
 * its badges, an issuer admin and an assessor, plus a second organisation
 * that is an issuer with its own admin.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/idea.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/seed.h"
#include "../db/testdb.h"

#define T0 1795437296
#define LONG_SECRET "a long enough secret"

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	char scheme[ID_LEN + 1];
	const char *other_issuer;
	char learner[ID_LEN + 1], manager[ID_LEN + 1], assessor[ID_LEN + 1],
	    admin[ID_LEN + 1], other_admin[ID_LEN + 1];
	struct who anon, anon2;
	unsigned seq;
};

static void
person(struct env *e, const char *email, char out[ID_LEN + 1])
{
	bool made;

	cr_assert_eq(
	    account_ensure(&e->app, e->a, "X", email, NULL, out, &made), 0);
}

static void
env_open(struct env *e, enum db_kind kind)
{
	static const uint8_t secret[32] = {9, 8, 7, 6};
	struct who w = {"", "test"};
	char org_b[ID_LEN + 1];
	struct form_err fe = {0};
	int created;

	memset(e, 0, sizeof(*e));
	e->db = testdb_open_kind(kind, true);
	config_defaults(&e->cfg);
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = secret};
	e->a = arena_new(1 << 24);
	cr_assert_eq(seed_demo(&e->app, &created), 0);
	seed_id("issuer:scheme", e->scheme);
	person(e, "learner@demo.laurel.test", e->learner);
	person(e, "manager@demo.laurel.test", e->manager);
	person(e, "assessor@demo.laurel.test", e->assessor);
	person(e, "issueradmin@demo.laurel.test", e->admin);
	person(e, "other-admin@test.laurel.test", e->other_admin);
	/* Another organisation, an issuer with its own admin. */
	seed_id("test:org-b", org_b);
	cr_assert_eq(db_begin(e->db), 0);
	cr_assert_eq(org_create_approved(&e->app, &w, org_b, "Org B", ""), 0);
	cr_assert_eq(org_add_member(
	                 &e->app, &w, org_b, e->other_admin, "org_admin", NULL),
	    0);
	cr_assert_eq(db_commit(e->db), 0);
	w.person = e->other_admin;
	cr_assert_eq(
	    org_become_issuer(&e->app, e->a, &w, org_b, &e->other_issuer, &fe),
	    0, "%s", fe.msg);
	e->anon = (struct who){NULL, "192.0.2.1"};
	e->anon2 = (struct who){NULL, "198.51.100.7"};
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	db_close(e->db);
	config_free(&e->cfg);
}

/* old_token is a form token issued `age` seconds ago. */
static const char *
old_token(struct env *e, int64_t age)
{
	char tok[IDEA_TOKEN_LEN];

	e->clk.frozen -= age;
	cr_assert_eq(idea_form_token(&e->app, tok), 0);
	e->clk.frozen += age;
	return arena_strdup(e->a, tok);
}

/* good_cmd is a valid idea with texts no other call of it repeats. */
static struct idea_cmd
good_cmd(struct env *e)
{
	struct idea_cmd c = {0};

	e->seq++;
	c.title = arena_printf(e->a, "Idea number %u", e->seq);
	c.recognise = arena_printf(
	    e->a, "Helping people plan their own support, case %u.", e->seq);
	c.why = "People should have a say in their own care.";
	c.role = "uses_services";
	c.token = old_token(e, 10);
	return c;
}

static void
submit_ok_at(struct env *e, const struct who *w, const struct idea_cmd *c,
    char id[ID_LEN + 1], int line)
{
	struct form_err fe = {0};

	cr_assert_eq(idea_submit(&e->app, e->a, w, c, id, &fe), 0,
	    "line %d: %s: %s", line, fe.field ? fe.field : "",
	    fe.msg ? fe.msg : "");
}
#define submit_ok(e, w, c, id) submit_ok_at(e, w, c, id, __LINE__)

static size_t
count_ideas(struct env *e)
{
	struct idea_filter f = {"", IDEA_SORT_NEWEST, 100, 0};
	struct idea *v;
	size_t n, total;

	cr_assert_eq(idea_list(&e->app, e->a, &f, &v, &n, &total), 0);
	return total;
}

static size_t
count_mail(struct env *e, const char *to, const char *want)
{
	struct outbox_msg *m;
	size_t n, k = 0;

	cr_assert_eq(outbox_list(&e->app, e->a, 500, &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(m[i].to, to) == 0 &&
		    (want == NULL || strstr(m[i].body, want) != NULL);
	return k;
}

/* a_badge returns a badge of issuer (the demo data has several). */
static const char *
a_badge(struct env *e, const char *issuer)
{
	struct idea_badge *b;
	size_t n;

	cr_assert_eq(idea_badges(&e->app, e->a, issuer, &b, &n), 0);
	cr_assert_gt(n, 0, "the issuer has no badges");
	return b[0].id;
}

#define BOTH(suite, name)                                                      \
	Test(suite, name##_sqlite)                                             \
	{                                                                      \
		name(DB_SQLITE);                                               \
	}                                                                      \
	Test(suite, name##_pgsql)                                              \
	{                                                                      \
		name(DB_PGSQL);                                                \
	}

/* ---- validation -------------------------------------------------------- */

static void
validation(enum db_kind kind)
{
	struct env e;
	char long_title[IDEA_TITLE_MAX + 2], *long_text, id[ID_LEN + 1];
	struct {
		const char *title, *recognise, *why, *role, *name, *email;
		const char *field;
	} bad[] = {
	    {"", "r", "w", "worker", "", "", "title"},
	    {"   ", "r", "w", "worker", "", "", "title"},
	    {NULL, "r", "w", "worker", "", "", "title"}, /* too long */
	    {"t", "", "w", "worker", "", "", "recognise"},
	    {"t", " \n\t ", "w", "worker", "", "", "recognise"},
	    {"t", NULL, "w", "worker", "", "", "recognise"}, /* too long */
	    {"t", "r", "", "worker", "", "", "why"},
	    {"t", "r", NULL, "worker", "", "", "why"}, /* too long */
	    {"t", "r", "w", "", "", "", "role"},
	    {"t", "r", "w", "manager", "", "", "role"},
	    {"t", "r", "w", "carer", "", "not-an-address", "email"},
	    {"t", "r", "w", "carer", "", "x@example", "email"},
	};

	env_open(&e, kind);
	memset(long_title, 'a', sizeof(long_title) - 1);
	long_title[sizeof(long_title) - 1] = '\0';
	long_text = arena_alloc(e.a, IDEA_TEXT_MAX + 2);
	memset(long_text, 'b', IDEA_TEXT_MAX + 1);
	for (size_t i = 0; i < NELEM(bad); i++) {
		struct idea_cmd c = good_cmd(&e);
		struct form_err fe = {0};

		c.title = bad[i].title ? bad[i].title : long_title;
		c.recognise = bad[i].recognise ? bad[i].recognise : long_text;
		c.why = bad[i].why ? bad[i].why : long_text;
		c.role = bad[i].role;
		c.name = bad[i].name;
		c.email = bad[i].email;
		cr_expect_eq(idea_submit(&e.app, e.a, &e.anon, &c, id, &fe),
		    ERR_INVAL, "case %zu", i);
		cr_expect_str_eq(fe.field, bad[i].field, "case %zu", i);
		cr_expect(fe.msg != NULL && fe.msg[0] != '\0', "case %zu", i);
	}
	cr_assert_eq(count_ideas(&e), 0, "nothing was stored");
	/* The limits themselves are fine: 120 characters of title (here
	 * 2-byte characters), 4000 of each text, a name of 100. */
	{
		struct idea_cmd c = good_cmd(&e);
		struct buf t;

		buf_init(&t, e.a, 1000);
		for (int i = 0; i < IDEA_TITLE_MAX; i++)
			buf_adds(&t, "é");
		c.title = t.data;
		long_text[IDEA_TEXT_MAX] = '\0';
		c.recognise = long_text;
		c.name = "Ann Other";
		c.email = " Ann@Example.org ";
		submit_ok(&e, &e.anon, &c, id);
	}
	cr_assert_eq(count_ideas(&e), 1);
	env_close(&e);
}
BOTH(idea, validation)

/* ---- spam checks ------------------------------------------------------- */

static void
honeypot(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	char id[ID_LEN + 1];

	env_open(&e, kind);
	c = good_cmd(&e);
	c.honeypot = "http://spam.example";
	cr_assert_eq(idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "");
	cr_assert(strstr(fe.msg, "honeypot") == NULL, "%s", fe.msg);
	cr_assert_eq(count_ideas(&e), 0);
	c.honeypot = "";
	submit_ok(&e, &e.anon, &c, id);
	env_close(&e);
}
BOTH(idea, honeypot)

static void
token_timing(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	char id[ID_LEN + 1], tok[IDEA_TOKEN_LEN];
	const char *wait_msg;

	env_open(&e, kind);
	c = good_cmd(&e);
	cr_assert_eq(idea_form_token(&e.app, tok), 0);
	c.token = tok;
	/* Sent at once, and 2 s later: too fast. */
	cr_assert_eq(idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "");
	cr_assert_str_eq(
	    fe.msg, "Please wait a few seconds and send the form again.");
	wait_msg = fe.msg;
	cr_assert(idea_token_usable(&e.app, tok), "kept when shown again");
	e.clk.frozen += IDEA_TOKEN_MIN_AGE - 1;
	cr_assert_eq(idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.msg, wait_msg);
	/* 3 s: fine. */
	e.clk.frozen += 1;
	submit_ok(&e, &e.anon, &c, id);

	/* A day old is still fine; a day and a second is not. */
	c = good_cmd(&e);
	c.token = old_token(&e, IDEA_TOKEN_TTL);
	submit_ok(&e, &e.anon, &c, id);
	c = good_cmd(&e);
	c.token = old_token(&e, IDEA_TOKEN_TTL + 1);
	cr_assert_not(idea_token_usable(&e.app, c.token));
	cr_assert_eq(idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(
	    fe.msg, "This form has expired. Please send it again.");

	/* Missing, forged or altered tokens are refused the same way. */
	{
		const char *good = old_token(&e, 10);
		char *changed = arena_strdup(e.a, good);
		const char *bad[] = {"", "123", "123.abc", "x.y",
		    arena_printf(e.a, "%lld.%s", (long long)T0 - 100,
		        strchr(good, '.') + 1),
		    changed};

		changed[strlen(changed) - 1] =
		    changed[strlen(changed) - 1] == 'A' ? 'B' : 'A';
		for (size_t i = 0; i < NELEM(bad); i++) {
			c = good_cmd(&e);
			c.token = bad[i];
			cr_expect_eq(
			    idea_submit(&e.app, e.a, &e.anon, &c, id, &fe),
			    ERR_INVAL, "token %s", bad[i]);
			cr_expect_str_eq(fe.msg,
			    "This form has expired. Please send it again.");
		}
		c = good_cmd(&e);
		c.token = NULL;
		cr_expect_eq(
		    idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	}
	/* A token signed with another secret is refused. */
	{
		static const uint8_t other[32] = {1};
		struct app app2 = e.app;
		char t2[IDEA_TOKEN_LEN];

		e.clk.frozen -= 10;
		app2.secret = other;
		cr_assert_eq(idea_form_token(&app2, t2), 0);
		e.clk.frozen += 10;
		c = good_cmd(&e);
		c.token = t2;
		cr_expect_eq(
		    idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	}
	cr_assert_eq(count_ideas(&e), 2);
	env_close(&e);
}
BOTH(idea, token_timing)

static void
rate_limit(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	struct who me;
	char id[ID_LEN + 1];

	env_open(&e, kind);
	for (int i = 0; i < IDEA_RATE_LIMIT; i++) {
		c = good_cmd(&e);
		submit_ok(&e, &e.anon, &c, id);
		e.clk.frozen += 60;
	}
	c = good_cmd(&e);
	cr_assert_eq(
	    idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_FORBIDDEN);
	cr_assert_str_eq(fe.field, "");
	cr_assert(strstr(fe.msg, "try again later") != NULL, "%s", fe.msg);
	/* Another address is not affected, nor a signed-in person at the
	 * same address (counted as themselves). */
	submit_ok(&e, &e.anon2, &c, id);
	me = (struct who){e.learner, e.anon.ip};
	c = good_cmd(&e);
	submit_ok(&e, &me, &c, id);
	/* An hour after the first, one more is allowed. */
	e.clk.frozen = T0 + IDEA_RATE_WINDOW;
	c = good_cmd(&e);
	submit_ok(&e, &e.anon, &c, id);
	c = good_cmd(&e);
	cr_assert_eq(
	    idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_FORBIDDEN);
	/* A signed-in person has the same limit of their own. */
	for (int i = 1; i < IDEA_RATE_LIMIT; i++) {
		c = good_cmd(&e);
		submit_ok(&e, &me, &c, id);
	}
	c = good_cmd(&e);
	cr_assert_eq(idea_submit(&e.app, e.a, &me, &c, id, &fe), ERR_FORBIDDEN);
	env_close(&e);
}
BOTH(idea, rate_limit)

/* The address itself is never stored: the key the limit counts by is an
 * HMAC of it. */
static void
ip_not_stored(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct db_rows rows;
	struct db_param p[2];
	char id[ID_LEN + 1];

	env_open(&e, kind);
	c = good_cmd(&e);
	submit_ok(&e, &e.anon, &c, id);
	p[0] = DB_STR(e.anon.ip);
	p[1] = DB_INT(0);
	cr_assert_eq(db_exec(e.db, Q_IDEA_COUNT_IP, p, 2, e.a, &rows), 0);
	cr_assert_eq(db_get_int(&rows, 0, 0), 0);
	env_close(&e);
}
BOTH(idea, ip_not_stored)

static void
links(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	char id[ID_LEN + 1];

	env_open(&e, kind);
	c = good_cmd(&e);
	c.why = "See https://example.org/a and www.example.org/b for more.";
	submit_ok(&e, &e.anon, &c, id);
	c = good_cmd(&e);
	c.why = "See https://example.org/a, http://example.org/b and "
	        "WWW.example.org/c.";
	cr_assert_eq(idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "why");
	cr_assert(strstr(fe.msg, "2 web links") != NULL, "%s", fe.msg);
	/* Counted across the texts together. */
	c = good_cmd(&e);
	c.title = "Badge www.example.org";
	c.recognise = "As in https://example.org/x";
	c.why = "and https://example.org/y";
	cr_assert_eq(idea_submit(&e.app, e.a, &e.anon, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "why");
	/* "www." inside a word is not a link. */
	c = good_cmd(&e);
	c.why = "Kiwww.s and awww.ful, https://a.example, https://b.example";
	submit_ok(&e, &e.anon2, &c, id);
	env_close(&e);
}
BOTH(idea, links)

static void
duplicates(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c, d;
	struct form_err fe = {0};
	char id[ID_LEN + 1];

	env_open(&e, kind);
	c = good_cmd(&e);
	c.recognise = "Listening well to people with dementia.";
	c.why = "It changes their day.";
	submit_ok(&e, &e.anon, &c, id);
	/* The same texts, with other case and spacing and another title. */
	d = good_cmd(&e);
	d.recognise = "  listening WELL to people\n with dementia. ";
	d.why = "It  changes their day.";
	cr_assert_eq(
	    idea_submit(&e.app, e.a, &e.anon2, &d, id, &fe), ERR_CONFLICT);
	cr_assert_str_eq(fe.field, "recognise");
	/* Either text different: a different idea. */
	d.why = "It changes their week.";
	submit_ok(&e, &e.anon2, &d, id);
	cr_assert_eq(count_ideas(&e), 2);
	env_close(&e);
}
BOTH(idea, duplicates)

/* ---- support ----------------------------------------------------------- */

static void
support_once(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	struct who me, other, anon = {NULL, "192.0.2.9"};
	struct idea it;
	char id[ID_LEN + 1];

	env_open(&e, kind);
	me = (struct who){e.learner, "192.0.2.2"};
	other = (struct who){e.manager, "192.0.2.3"};
	c = good_cmd(&e);
	submit_ok(&e, &me, &c, id);
	/* The proposer may support their own idea, once. */
	cr_assert_not(idea_supported(&e.app, e.a, id, e.learner));
	cr_assert_eq(idea_support(&e.app, &me, id, &fe), 0, "%s", fe.msg);
	cr_assert(idea_supported(&e.app, e.a, id, e.learner));
	cr_assert_eq(idea_support(&e.app, &me, id, &fe), ERR_CONFLICT);
	cr_assert_eq(idea_support(&e.app, &other, id, &fe), 0);
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_eq(it.supports, 2);
	/* Not signed in: refused. */
	cr_assert_eq(idea_support(&e.app, &anon, id, &fe), ERR_FORBIDDEN);
	/* No such idea. */
	cr_assert_eq(idea_support(&e.app, &me, "AAAAAAAAAAAAAAAAAAAAAA", &fe),
	    ERR_NOTFOUND);
	/* Removing support, once. */
	cr_assert_eq(idea_unsupport(&e.app, &me, id, &fe), 0);
	cr_assert_eq(idea_unsupport(&e.app, &me, id, &fe), ERR_NOTFOUND);
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_eq(it.supports, 1);
	/* A decided idea can no longer be supported, but support can still
	 * be removed. */
	{
		struct who admin = {e.admin, "x"};
		struct idea_triage_cmd t = {"declined", "Not for now.", ""};
		cr_assert_eq(
		    idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), 0,
		    "%s", fe.msg);
	}
	cr_assert_eq(idea_support(&e.app, &me, id, &fe), ERR_CONFLICT);
	cr_assert_eq(idea_unsupport(&e.app, &other, id, &fe), 0);
	env_close(&e);
}
BOTH(idea, support_once)

/* ---- triage ------------------------------------------------------------ */

static void
triage_permissions(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	struct idea_triage_cmd t = {"considering", "We are looking at it.", ""};
	struct who admin, assessor, learner, other;
	struct idea_filter f = {"", IDEA_SORT_NEWEST, 10, 0};
	struct idea *v, it;
	size_t n, total;
	char id[ID_LEN + 1];

	env_open(&e, kind);
	admin = (struct who){e.admin, "x"};
	assessor = (struct who){e.assessor, "x"};
	learner = (struct who){e.learner, "x"};
	other = (struct who){e.other_admin, "x"};
	c = good_cmd(&e);
	submit_ok(&e, &e.anon, &c, id);
	/* An issuer admin of another issuer: not at the scheme, and their
	 * own issuer is not the scheme. */
	cr_assert_eq(idea_triage(&e.app, e.a, &other, e.scheme, id, &t, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    idea_triage(&e.app, e.a, &other, e.other_issuer, id, &t, &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(idea_triage_list(&e.app, e.a, &other, e.other_issuer, &f,
	                 &v, &n, &total),
	    ERR_NOTFOUND);
	cr_assert_not(
	    idea_can_triage(&e.app, e.a, e.other_issuer, e.other_admin));
	/* The scheme's assessor and a learner: refused. */
	cr_assert_eq(idea_triage(&e.app, e.a, &assessor, e.scheme, id, &t, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(idea_triage(&e.app, e.a, &learner, e.scheme, id, &t, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(idea_triage_list(
	                 &e.app, e.a, &assessor, e.scheme, &f, &v, &n, &total),
	    ERR_FORBIDDEN);
	cr_assert_not(idea_can_triage(&e.app, e.a, e.scheme, e.assessor));
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_str_eq(it.status, "new", "nothing changed");
	/* The scheme's issuer admin. */
	cr_assert(idea_can_triage(&e.app, e.a, e.scheme, e.admin));
	cr_assert_eq(idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), 0,
	    "%s", fe.msg);
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_str_eq(it.status, "considering");
	cr_assert_str_eq(it.response, "We are looking at it.");
	cr_assert_eq(it.responded_at, T0);
	/* No such idea. */
	cr_assert_eq(idea_triage(&e.app, e.a, &admin, e.scheme,
	                 "AAAAAAAAAAAAAAAAAAAAAA", &t, &fe),
	    ERR_NOTFOUND);
	/* Recorded in the audit log. */
	{
		struct audit_filter af = {
		    e.admin, "idea.triage", 0, INT64_MAX, 10, 0};
		struct audit_event *ev;
		size_t ne;
		cr_assert_eq(audit_list(&e.app, e.a, &af, &ev, &ne), 0);
		cr_assert_eq(ne, 1);
		cr_assert_str_eq(ev[0].subject, id);
	}
	env_close(&e);
}
BOTH(idea, triage_permissions)

static void
accept_needs_badge(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	struct idea_triage_cmd t = {"accepted", "", ""};
	struct who admin;
	struct idea it;
	char id[ID_LEN + 1];
	const char *badge;

	env_open(&e, kind);
	admin = (struct who){e.admin, "x"};
	c = good_cmd(&e);
	submit_ok(&e, &e.anon, &c, id);
	cr_assert_eq(
	    idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "badge");
	t.badge = "AAAAAAAAAAAAAAAAAAAAAA";
	cr_assert_eq(
	    idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "badge");
	/* Bad statuses, and declining without saying why. */
	t.status = "spam";
	cr_assert_eq(
	    idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "status");
	t.status = "declined";
	cr_assert_eq(
	    idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "response");
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_str_eq(it.status, "new", "nothing changed");
	/* A badge of the scheme. */
	badge = a_badge(&e, e.scheme);
	t.status = "accepted";
	t.badge = badge;
	t.response = "Thank you: here it is.";
	cr_assert_eq(idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), 0,
	    "%s", fe.msg);
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_str_eq(it.status, "accepted");
	cr_assert_str_eq(it.badge_id, badge);
	cr_assert(it.badge_name[0] != '\0');
	cr_assert(it.badge_published);
	/* Moving it back drops the badge. */
	t.status = "considering";
	cr_assert_eq(idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), 0,
	    "%s", fe.msg);
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_str_eq(it.badge_id, "");
	env_close(&e);
}
BOTH(idea, accept_needs_badge)

/* ---- what the public sees ---------------------------------------------- */

static bool
mentions(const struct idea *v, const char *s)
{
	const char *f[] = {v->id, v->title, v->recognise, v->why, v->role,
	    v->status, v->response, v->badge_id, v->badge_name, v->name,
	    v->email, v->person_name};

	for (size_t i = 0; i < NELEM(f); i++)
		if (f[i] != NULL && strstr(f[i], s) != NULL)
			return true;
	return false;
}

static void
public_hides_personal(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct idea_filter f = {"", IDEA_SORT_NEWEST, 10, 0};
	struct who me;
	struct idea *v, it;
	size_t n, total;
	char id[ID_LEN + 1], id2[ID_LEN + 1];

	env_open(&e, kind);
	me = (struct who){e.learner, "192.0.2.2"};
	c = good_cmd(&e);
	c.name = "Secretname Person";
	c.email = "secret.person@example.org";
	submit_ok(&e, &me, &c, id);
	e.clk.frozen += 10; /* so that the list's order is known */
	c = good_cmd(&e);
	c.role = "carer";
	submit_ok(&e, &e.anon, &c, id2);
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), 0);
	cr_assert_eq(n, 2);
	for (size_t i = 0; i < n; i++) {
		cr_assert_not(mentions(&v[i], "Secretname"));
		cr_assert_not(mentions(&v[i], "secret.person"));
		cr_assert_not(mentions(&v[i], e.learner));
		cr_assert_not(mentions(&v[i], "Ailsa")); /* the account */
		cr_assert_str_eq(v[i].name, "");
		cr_assert_str_eq(v[i].email, "");
		cr_assert_str_eq(v[i].person_name, "");
	}
	f.sort = IDEA_SORT_SUPPORTED;
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_not(mentions(&v[i], "secret"));
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_not(mentions(&it, "Secretname"));
	cr_assert_not(mentions(&it, "secret.person"));
	cr_assert_str_eq(it.role, "uses_services");
	/* The scheme's admins see who sent it. */
	{
		struct who admin = {e.admin, "x"};
		f.sort = IDEA_SORT_NEWEST;
		cr_assert_eq(idea_triage_list(&e.app, e.a, &admin, e.scheme, &f,
		                 &v, &n, &total),
		    0);
		cr_assert_eq(n, 2);
		cr_assert_str_eq(v[1].id, id);
		cr_assert_str_eq(v[1].name, "Secretname Person");
		cr_assert_str_eq(v[1].email, "secret.person@example.org");
		cr_assert_str_eq(v[1].person_name, "Ailsa Reid");
		cr_assert_str_eq(v[0].person_name, "");
	}
	/* Deleting the account forgets the person's details. */
	cr_assert_eq(db_begin(e.db), 0);
	cr_assert_eq(idea_forget_person(&e.app, e.learner), 0);
	cr_assert_eq(db_commit(e.db), 0);
	{
		struct who admin = {e.admin, "x"};
		cr_assert_eq(idea_triage_list(&e.app, e.a, &admin, e.scheme, &f,
		                 &v, &n, &total),
		    0);
		cr_assert_str_eq(v[1].name, "");
		cr_assert_str_eq(v[1].email, "");
		cr_assert_str_eq(v[1].person_name, "");
	}
	env_close(&e);
}
BOTH(idea, public_hides_personal)

static void
list_filter_sort_page(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	struct idea_filter f = {"", IDEA_SORT_NEWEST, 2, 0};
	struct who admin, p1, p2;
	struct idea *v;
	size_t n, total;
	char ids[4][ID_LEN + 1];

	env_open(&e, kind);
	admin = (struct who){e.admin, "x"};
	p1 = (struct who){e.learner, "x"};
	p2 = (struct who){e.manager, "x"};
	for (int i = 0; i < 4; i++) {
		c = good_cmd(&e);
		submit_ok(&e, &e.anon, &c, ids[i]);
		e.clk.frozen += 10;
	}
	/* Newest first, two to a page. */
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), 0);
	cr_assert_eq(total, 4);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(v[0].id, ids[3]);
	cr_assert_str_eq(v[1].id, ids[2]);
	f.offset = 2;
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(v[1].id, ids[0]);
	/* Most supported first. */
	cr_assert_eq(idea_support(&e.app, &p1, ids[1], &fe), 0);
	cr_assert_eq(idea_support(&e.app, &p2, ids[1], &fe), 0);
	cr_assert_eq(idea_support(&e.app, &p1, ids[0], &fe), 0);
	f.sort = IDEA_SORT_SUPPORTED;
	f.offset = 0;
	f.limit = 10;
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), 0);
	cr_assert_eq(n, 4);
	cr_assert_str_eq(v[0].id, ids[1]);
	cr_assert_eq(v[0].supports, 2);
	cr_assert_str_eq(v[1].id, ids[0]);
	cr_assert_str_eq(v[2].id, ids[3]);
	/* By status. */
	{
		struct idea_triage_cmd t = {"considering", "", ""};
		cr_assert_eq(
		    idea_triage(&e.app, e.a, &admin, e.scheme, ids[2], &t, &fe),
		    0, "%s", fe.msg);
	}
	f.status = "considering";
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), 0);
	cr_assert_eq(total, 1);
	cr_assert_str_eq(v[0].id, ids[2]);
	f.status = "new";
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), 0);
	cr_assert_eq(total, 3);
	f.status = "bogus";
	cr_assert_eq(idea_list(&e.app, e.a, &f, &v, &n, &total), ERR_INVAL);
	env_close(&e);
}
BOTH(idea, list_filter_sort_page)

/* ---- the proposer's email ---------------------------------------------- */

static void
email_on_response(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	struct idea_triage_cmd t = {"considering", "We like it.", ""};
	struct who admin;
	char id[ID_LEN + 1], quiet[ID_LEN + 1];
	const char *to = "proposer@example.org";

	env_open(&e, kind);
	admin = (struct who){e.admin, "x"};
	c = good_cmd(&e);
	c.email = "Proposer@Example.org";
	submit_ok(&e, &e.anon, &c, id);
	cr_assert_eq(count_mail(&e, to, NULL), 0, "nothing at first");
	cr_assert_eq(idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), 0,
	    "%s", fe.msg);
	cr_assert_eq(count_mail(&e, to, "Under consideration"), 1);
	cr_assert_eq(count_mail(&e, to, "We like it."), 1);
	cr_assert_eq(count_mail(&e, to, arena_printf(e.a, "/ideas/%s", id)), 1);
	/* The same status with another response: no new email. */
	t.response = "We still like it.";
	cr_assert_eq(
	    idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), 0);
	cr_assert_eq(count_mail(&e, to, NULL), 1);
	/* Accepted: another, with the badge. */
	t.status = "accepted";
	t.badge = a_badge(&e, e.scheme);
	cr_assert_eq(idea_triage(&e.app, e.a, &admin, e.scheme, id, &t, &fe), 0,
	    "%s", fe.msg);
	cr_assert_eq(count_mail(&e, to, NULL), 2);
	cr_assert_eq(
	    count_mail(&e, to, arena_printf(e.a, "/badges/%s", t.badge)), 1);
	/* No address given: nobody is emailed. */
	{
		struct outbox_msg *m;
		size_t before, after;
		c = good_cmd(&e);
		submit_ok(&e, &e.anon2, &c, quiet);
		cr_assert_eq(outbox_list(&e.app, e.a, 500, &m, &before), 0);
		t.status = "considering";
		t.badge = "";
		cr_assert_eq(
		    idea_triage(&e.app, e.a, &admin, e.scheme, quiet, &t, &fe),
		    0);
		cr_assert_eq(outbox_list(&e.app, e.a, 500, &m, &after), 0);
		cr_assert_eq(before, after);
	}
	env_close(&e);
}
BOTH(idea, email_on_response)

/* ---- accounts merged ---------------------------------------------------- */

static void
move_person(enum db_kind kind)
{
	struct env e;
	struct idea_cmd c;
	struct form_err fe = {0};
	struct who a1, a2;
	struct idea it;
	char id[ID_LEN + 1], id2[ID_LEN + 1];

	env_open(&e, kind);
	a1 = (struct who){e.learner, "x"};
	a2 = (struct who){e.manager, "x"};
	c = good_cmd(&e);
	submit_ok(&e, &a1, &c, id);
	c = good_cmd(&e);
	submit_ok(&e, &e.anon, &c, id2);
	cr_assert_eq(idea_support(&e.app, &a1, id, &fe), 0);
	cr_assert_eq(idea_support(&e.app, &a2, id, &fe), 0);
	cr_assert_eq(idea_support(&e.app, &a1, id2, &fe), 0);
	cr_assert_eq(db_begin(e.db), 0);
	cr_assert_eq(idea_move_person(&e.app, e.learner, e.manager), 0);
	cr_assert_eq(db_commit(e.db), 0);
	cr_assert_eq(idea_get(&e.app, e.a, id, &it), 0);
	cr_assert_eq(it.supports, 1, "support is counted once");
	cr_assert(idea_supported(&e.app, e.a, id2, e.manager));
	cr_assert_not(idea_supported(&e.app, e.a, id2, e.learner));
	env_close(&e);
}
BOTH(idea, move_person)
