/*
 * test_endorse.c: endorsements and profiles (domain/endorse.h, profile.h)
 * on SQLite and PostgreSQL under a frozen clock the tests move.
 *
 * Awards are made through the real workflow: application_start, save and
 * submit by the learner, then assess_claim and assess_decide by the
 * scheme's assessor. The learner, a colleague and a manager elsewhere are
 * people of their own; the demo manager and organisation admin of
 * Riverside Care are the learner's managers.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/audit.h"
#include "domain/award.h"
#include "domain/badge.h"
#include "domain/endorse.h"
#include "domain/jobs.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/profile.h"
#include "domain/seed.h"
#include "../db/testdb.h"

#define T0 1795437296
#define DAY 86400

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	char scheme[ID_LEN + 1], org[ID_LEN + 1], org_b[ID_LEN + 1];
	char learner[ID_LEN + 1], colleague[ID_LEN + 1], manager[ID_LEN + 1],
	    orgadmin[ID_LEN + 1], assessor[ID_LEN + 1], outsider[ID_LEN + 1];
	struct who wl, wc, wm, wo, wa, wx, anon;
	const char *badge_e; /* needs a manager's endorsement */
	int64_t months;
	char intro[ID_LEN + 1];
	unsigned seq;
};

static void
person(struct env *e, const char *name, const char *email, char *out)
{
	bool made;

	cr_assert_eq(
	    account_ensure(&e->app, e->a, name, email, NULL, out, &made), 0);
}

static void
sql(struct env *e, const char *s)
{
	char msg[512];

	cr_assert_eq(
	    db_script(e->db, s, msg, sizeof(msg)), 0, "%s: %s", s, msg);
}

static void
env_open(struct env *e, enum db_kind kind)
{
	static const uint8_t secret[32] = {9, 8, 7};
	struct who w = {"", "test"};
	struct badge_summary *bs;
	size_t n;
	int created;

	memset(e, 0, sizeof(*e));
	e->db = testdb_open_kind(kind, true);
	config_defaults(&e->cfg);
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = secret};
	e->a = arena_new(1 << 26);
	cr_assert_eq(seed_demo(&e->app, &created), 0);
	seed_id("issuer:scheme", e->scheme);
	seed_id("org:riverside", e->org);
	seed_id("badge:getting-started", e->intro);
	seed_id("test:org-b", e->org_b);
	person(e, "Lena Learner", "lena@test.laurel.test", e->learner);
	person(e, "Colin Colleague", "colin@test.laurel.test", e->colleague);
	person(e, "Olga Outsider", "olga@test.laurel.test", e->outsider);
	person(e, "M", "manager@demo.laurel.test", e->manager);
	person(e, "O", "orgadmin@demo.laurel.test", e->orgadmin);
	person(e, "A", "assessor@demo.laurel.test", e->assessor);
	cr_assert_eq(db_begin(e->db), 0);
	cr_assert_eq(org_add_member(
	                 &e->app, &w, e->org, e->learner, "staff", e->manager),
	    0);
	cr_assert_eq(
	    org_add_member(&e->app, &w, e->org, e->colleague, "staff", NULL),
	    0);
	cr_assert_eq(
	    org_create_approved(&e->app, &w, e->org_b, "Org B", ""), 0);
	cr_assert_eq(
	    org_add_member(&e->app, &w, e->org_b, e->outsider, "manager", NULL),
	    0);
	cr_assert_eq(db_commit(e->db), 0);
	e->wl = (struct who){e->learner, "192.0.2.1"};
	e->wc = (struct who){e->colleague, "192.0.2.2"};
	e->wm = (struct who){e->manager, "192.0.2.3"};
	e->wo = (struct who){e->orgadmin, "192.0.2.4"};
	e->wa = (struct who){e->assessor, "192.0.2.5"};
	e->wx = (struct who){e->outsider, "192.0.2.6"};
	e->anon = (struct who){NULL, "198.51.100.1"};

	/* A published scheme badge needing a manager's endorsement, with no
	 * required prerequisite. */
	cr_assert_eq(badge_issuer_list(&e->app, e->a, e->scheme, &bs, &n), 0);
	for (size_t i = 0; i < n && e->badge_e == NULL; i++) {
		struct badge_detail d;
		bool blocked = false;
		if (strcmp(bs[i].status, "published") != 0)
			continue;
		cr_assert_eq(
		    badge_get(&e->app, e->a, bs[i].id, 0, true, NULL, &d), 0);
		for (size_t k = 0; k < d.n_prereqs; k++)
			blocked = blocked || d.prereqs[k].required;
		if (d.endorsement_months > 0 && !blocked) {
			e->badge_e = bs[i].id;
			e->months = d.endorsement_months;
		}
	}
	cr_assert_not_null(e->badge_e, "no badge needing an endorsement");
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	db_close(e->db);
	config_free(&e->cfg);
}

#define BOTH(suite, name)                                                      \
	Test(suite, name##_sqlite, .timeout = 120)                             \
	{                                                                      \
		name(DB_SQLITE);                                               \
	}                                                                      \
	Test(suite, name##_pgsql, .timeout = 120)                              \
	{                                                                      \
		name(DB_PGSQL);                                                \
	}

/* make_award takes badge through the workflow for w and returns the
 * award's id. */
static const char *
make_award(struct env *e, const struct who *w, const char *badge)
{
	struct form_err fe = {0};
	struct app_submit_result res;
	struct assess_decision d = {0};
	struct application ap;
	struct app_draft dr = {0};
	struct assess_mark *m;
	struct buf acc;
	const char *id, *award = NULL, **ans;
	bool existing;
	int64_t rev;

	cr_assert_eq(
	    application_start(&e->app, e->a, w, badge, &id, &existing, &fe), 0,
	    "%s", fe.msg ? fe.msg : "");
	cr_assert_eq(application_get(&e->app, e->a, w, id, &ap), 0);
	ans = arena_alloc(e->a, (ap.nanswers + 1) * sizeof(*ans));
	for (size_t i = 0; i < ap.nanswers; i++)
		ans[i] = "I did this in my practice and learned from it.";
	buf_init(&acc, e->a, 1 << 20);
	for (int64_t i = 0; i < ap.min_words + 10; i++)
		buf_adds(&acc, "reflection ");
	dr.revision = ap.revision;
	dr.account_md = acc.data;
	dr.answers = ans;
	dr.nanswers = ap.nanswers;
	cr_assert_eq(application_save(&e->app, e->a, w, id, &dr, &rev, &fe), 0,
	    "%s", fe.msg ? fe.msg : "");
	cr_assert_eq(
	    application_submit(&e->app, e->a, w, id, rev, true, &res, &fe), 0,
	    "%s", fe.msg ? fe.msg : "");
	cr_assert_not(res.auto_declined);
	cr_assert_eq(
	    assess_claim(&e->app, e->a, &e->wa, e->scheme, id, "a reason", &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	m = arena_alloc(e->a, (ap.nanswers + 1) * sizeof(*m));
	for (size_t i = 0; i < ap.nanswers; i++)
		m[i] = (struct assess_mark){(int)i + 1, 1, "Well shown."};
	d.round = res.round;
	d.outcome = ASSESS_AWARD;
	d.marks = m;
	d.nmarks = ap.nanswers;
	d.feedback = "";
	d.reason_code = "";
	cr_assert_eq(assess_decide(
	                 &e->app, e->a, &e->wa, e->scheme, id, &d, &award, &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_not_null(award);
	return arena_strdup(e->a, award);
}

/* form_token makes a form token and lets the minimum age pass. */
static const char *
form_token(struct env *e)
{
	char t[ENDORSE_FORM_TOKEN_LEN];

	cr_assert_eq(endorse_form_token(&e->app, t), 0);
	e->clk.frozen += ENDORSE_TOKEN_MIN_AGE + 1;
	return arena_strdup(e->a, t);
}

/* cmd fills an endorsement from name at email with a message of its own. */
static struct endorse_cmd
cmd(struct env *e, const char *name, const char *email, const char *rel)
{
	struct endorse_cmd c = {0};

	c.name = name;
	c.email = email;
	c.relationship = rel;
	c.organisation = "Riverside Care";
	c.message = arena_printf(e->a,
	    "Saw this learning in practice every day, note %u.", ++e->seq);
	c.honeypot = "";
	c.token = form_token(e);
	return c;
}

static int
submit(struct env *e, const struct who *w, const char *award,
    const struct endorse_cmd *c, char *id, struct form_err *fe)
{
	bool confirmed;

	memset(fe, 0, sizeof(*fe));
	return endorse_submit(&e->app, e->a, w, award, c, id, &confirmed, fe);
}

/* mail_token finds the token after marker in the newest mail to `to`. */
static const char *
mail_token(struct env *e, const char *to, const char *marker)
{
	struct outbox_msg *m;
	size_t n;

	cr_assert_eq(outbox_list(&e->app, e->a, 1000, &m, &n), 0);
	for (size_t i = 0; i < n; i++) {
		const char *p;
		if (strcmp(m[i].to, to) != 0 ||
		    (p = strstr(m[i].body, marker)) == NULL)
			continue;
		return arena_strndup(
		    e->a, p + strlen(marker), ENDORSE_LINK_LEN);
	}
	cr_assert_fail("no mail to %s with %s", to, marker);
	return NULL;
}

static size_t
count_mail(struct env *e, const char *to, const char *want)
{
	struct outbox_msg *m;
	size_t n, k = 0;

	cr_assert_eq(outbox_list(&e->app, e->a, 1000, &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(m[i].to, to) == 0 &&
		    (want == NULL || strstr(m[i].subject, want) != NULL ||
		        strstr(m[i].body, want) != NULL);
	return k;
}

/* endorse_as sends and confirms an endorsement; returns its id. */
static const char *
endorse_as(struct env *e, const char *award, const char *name,
    const char *email, const char *ip)
{
	struct endorse_cmd c = cmd(e, name, email, "manager");
	struct who w = {NULL, ip};
	struct endorse_pending pd;
	struct form_err fe;
	char *id = arena_alloc(e->a, ID_LEN + 1);
	char *lc = arena_strdup(e->a, email);

	cr_assert_eq(submit(e, &w, award, &c, id, &fe), 0, "%s", fe.msg);
	for (char *p = lc; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	cr_assert_eq(endorse_confirm(&e->app, e->a, &w,
	                 mail_token(e, lc, "confirm?token="), &pd, &fe),
	    0, "%s", fe.msg);
	cr_assert(pd.done);
	return id;
}

/* ---- validation and spam checks ----------------------------------------- */

static void
validation(enum db_kind kind)
{
	struct env e;
	struct endorse_cmd c;
	struct form_err fe;
	char id[ID_LEN + 1];
	const char *award;
	struct {
		const char *field;
		const char *name, *email, *rel, *org, *msg;
	} bad[] = {
	    {"name", "", "a@example.org", "colleague", "", "Good work."},
	    {"email", "Ann", "", "colleague", "", "Good work."},
	    {"email", "Ann", "not-an-address", "colleague", "", "Good work."},
	    {"relationship", "Ann", "a@example.org", "boss", "", "Good work."},
	    {"relationship", "Ann", "a@example.org", "", "", "Good work."},
	    {"message", "Ann", "a@example.org", "colleague", "", "   "},
	};

	env_open(&e, kind);
	award = make_award(&e, &e.wl, e.intro);
	for (size_t i = 0; i < NELEM(bad); i++) {
		c = cmd(&e, bad[i].name, bad[i].email, bad[i].rel);
		c.organisation = bad[i].org;
		c.message = bad[i].msg;
		cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL,
		    "case %zu", i);
		cr_assert_str_eq(fe.field, bad[i].field, "case %zu", i);
	}
	/* Too long. */
	c = cmd(&e, "Ann", "a@example.org", "colleague");
	{
		char *big = arena_alloc(e.a, ENDORSE_MESSAGE_MAX + 2);
		memset(big, 'x', ENDORSE_MESSAGE_MAX + 1);
		big[ENDORSE_MESSAGE_MAX + 1] = '\0';
		c.message = big;
	}
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "message");
	/* No such award; one's own award. */
	c = cmd(&e, "Ann", "a@example.org", "colleague");
	cr_assert_eq(submit(&e, &e.anon, "AAAAAAAAAAAAAAAAAAAAAA", &c, id, &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(submit(&e, &e.wl, award, &c, id, &fe), ERR_FORBIDDEN);
	/* Nothing was stored or sent. */
	cr_assert_eq(count_mail(&e, "a@example.org", NULL), 0);
	/* A good one. */
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), 0, "%s", fe.msg);
	cr_assert_eq(count_mail(&e, "a@example.org", "confirm?token="), 1);
	/* A private award's page: nobody else can endorse it. */
	sql(&e,
	    arena_printf(e.a,
	        "UPDATE awards SET page_visibility = 'private' "
	        "WHERE id = '%s'",
	        award));
	c = cmd(&e, "Bea", "bea@example.org", "colleague");
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_NOTFOUND);
	env_close(&e);
}
BOTH(endorse, validation)

static void
spam_checks(enum db_kind kind)
{
	struct env e;
	struct endorse_cmd c;
	struct form_err fe;
	char id[ID_LEN + 1], t[ENDORSE_FORM_TOKEN_LEN];
	const char *award, *award2;

	env_open(&e, kind);
	award = make_award(&e, &e.wl, e.intro);
	award2 = make_award(&e, &e.wl, e.badge_e);
	/* The honeypot. */
	c = cmd(&e, "Ann", "ann@example.org", "colleague");
	c.honeypot = "http://spam.example";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "");
	/* No token, a forged one, one sent too soon, an expired one. */
	c = cmd(&e, "Ann", "ann@example.org", "colleague");
	c.token = "";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL);
	c.token = "1795437296.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL);
	cr_assert_eq(endorse_form_token(&e.app, t), 0);
	c.token = t;
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL);
	cr_assert(strstr(fe.msg, "wait") != NULL);
	cr_assert(endorse_token_usable(&e.app, t));
	e.clk.frozen += ENDORSE_TOKEN_TTL + 1;
	cr_assert_not(endorse_token_usable(&e.app, t));
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL);
	cr_assert(strstr(fe.msg, "expired") != NULL);
	/* Three links are too many; two are fine. */
	c = cmd(&e, "Ann", "ann@example.org", "colleague");
	c.message = "See https://a.example and http://b.example and "
	            "www.c.example";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "message");
	c.message = "See https://a.example and http://b.example, both good.";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), 0, "%s", fe.msg);
	/* Duplicates: the same message (case and spacing aside), the same
	 * address. */
	c = cmd(&e, "Bob", "bob@example.org", "colleague");
	c.message =
	    "  SEE https://a.example   and http://b.example, BOTH good.";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_CONFLICT);
	c = cmd(&e, "Ann again", "ANN@example.org", "colleague");
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_CONFLICT);
	/* ...but the same message on another award is fine. */
	c = cmd(&e, "Bob", "bob@example.org", "colleague");
	c.message = "See https://a.example and http://b.example, both good.";
	cr_assert_eq(submit(&e, &e.anon, award2, &c, id, &fe), 0, "%s", fe.msg);
	/* An unconfirmed one whose link ran out no longer blocks. */
	e.clk.frozen += ENDORSE_CONFIRM_TTL + 1;
	c = cmd(&e, "Ann", "ann@example.org", "colleague");
	c.message = "See https://a.example and http://b.example, both good.";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), 0, "%s", fe.msg);
	/* The hourly limit per address: 5 (the one above counts). */
	for (int i = 0; i < ENDORSE_IP_LIMIT - 1; i++) {
		c = cmd(&e, "Sender", arena_printf(e.a, "s%d@example.org", i),
		    "other");
		cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), 0,
		    "%d: %s", i, fe.msg);
	}
	c = cmd(&e, "Sender", "s9@example.org", "other");
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), ERR_FORBIDDEN);
	/* Another address may still send; an hour later this one too. */
	{
		struct who other = {NULL, "203.0.113.9"};
		c = cmd(&e, "Sender", "s10@example.org", "other");
		cr_assert_eq(submit(&e, &other, award, &c, id, &fe), 0);
	}
	e.clk.frozen += ENDORSE_IP_WINDOW;
	c = cmd(&e, "Sender", "s9@example.org", "other");
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), 0, "%s", fe.msg);
	/* The daily limit per award (10), from many addresses. */
	for (int i = 0; i <= ENDORSE_AWARD_LIMIT; i++) {
		struct who w = {
		    NULL, arena_printf(e.a, "203.0.113.%d", 20 + i)};
		c = cmd(&e, "Sender", arena_printf(e.a, "d%d@example.org", i),
		    "other");
		int rc = submit(&e, &w, award2, &c, id, &fe);
		cr_assert_eq(rc, i < ENDORSE_AWARD_LIMIT ? 0 : ERR_FORBIDDEN,
		    "%d: %d %s", i, rc, fe.msg ? fe.msg : "");
	}
	env_close(&e);
}
BOTH(endorse, spam_checks)

/* ---- confirmation, moderation, the published list ----------------------- */

static void
confirmation_and_moderation(enum db_kind kind)
{
	struct env e;
	struct endorse_cmd c;
	struct endorse_pending pd;
	struct endorsement *v;
	struct form_err fe;
	char id[ID_LEN + 1], id2[ID_LEN + 1];
	const char *award, *token;
	size_t n;

	env_open(&e, kind);
	award = make_award(&e, &e.wl, e.intro);
	c = cmd(&e, "Ann Tutor", "ann@example.org", "tutor");
	c.organisation = "The College";
	cr_assert_eq(submit(&e, &e.anon, award, &c, id, &fe), 0, "%s", fe.msg);
	/* Unconfirmed: nobody sees it, not even the learner. */
	cr_assert_eq(endorse_list(&e.app, e.a, &e.wl, award, &v, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(endorse_waiting(&e.app, e.a, e.learner, &v, &n), 0);
	cr_assert_eq(n, 0);
	/* It cannot be published before it is confirmed. */
	cr_assert_eq(
	    endorse_publish(&e.app, &e.wl, award, id, &fe), ERR_NOTFOUND);
	token = mail_token(&e, "ann@example.org", "confirm?token=");
	cr_assert_eq(endorse_confirm_find(&e.app, e.a, "nonsense", &pd, &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(endorse_confirm_find(&e.app, e.a, token, &pd, &fe), 0);
	cr_assert_not(pd.done);
	cr_assert_str_eq(pd.learner_name, "Lena Learner");
	cr_assert_str_eq(pd.endorser_name, "Ann Tutor");
	cr_assert_eq(endorse_confirm(&e.app, e.a, &e.anon, token, &pd, &fe), 0,
	    "%s", fe.msg);
	cr_assert(pd.done);
	/* Twice is fine; the learner was told once. */
	cr_assert_eq(endorse_confirm(&e.app, e.a, &e.anon, token, &pd, &fe), 0);
	cr_assert_eq(
	    count_mail(&e, "lena@test.laurel.test", "New endorsement"), 1);
	/* The learner sees it waiting; the public does not. */
	cr_assert_eq(endorse_waiting(&e.app, e.a, e.learner, &v, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].badge_name, "Getting started with Open Badges");
	cr_assert_eq(endorse_list(&e.app, e.a, &e.wl, award, &v, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].status, "confirmed");
	cr_assert_str_eq(v[0].relationship, "Tutor");
	cr_assert_str_eq(v[0].organisation, "The College");
	cr_assert_not(v[0].verified_manager);
	cr_assert_eq(endorse_list(&e.app, e.a, &e.wc, award, &v, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(endorse_published(&e.app, e.a, award, &v, &n), 0);
	cr_assert_eq(n, 0);
	/* Only the owner moderates. */
	cr_assert_eq(
	    endorse_publish(&e.app, &e.wc, award, id, &fe), ERR_FORBIDDEN);
	cr_assert_eq(
	    endorse_publish(&e.app, &e.anon, award, id, &fe), ERR_FORBIDDEN);
	cr_assert_eq(
	    endorse_publish(&e.app, &e.wm, award, id, &fe), ERR_FORBIDDEN);
	cr_assert_eq(endorse_publish(&e.app, &e.wl, award, id, &fe), 0);
	cr_assert_eq(endorse_published(&e.app, e.a, award, &v, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].id, id);
	cr_assert_str_eq(v[0].name, "Ann Tutor");
	cr_assert_str_eq(v[0].message, c.message);
	cr_assert_eq(v[0].created_at, clock_now(&e.clk));
	cr_assert_eq(endorse_list(&e.app, e.a, &e.wc, award, &v, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(endorse_waiting(&e.app, e.a, e.learner, &v, &n), 0);
	cr_assert_eq(n, 0);
	/* Hide it again; publish an endorsement of another award via this
	 * one: refused. */
	cr_assert_eq(endorse_hide(&e.app, &e.wl, award, id, &fe), 0);
	cr_assert_eq(endorse_published(&e.app, e.a, award, &v, &n), 0);
	cr_assert_eq(n, 0);
	{
		const char *other = make_award(&e, &e.wc, e.intro);
		cr_assert_eq(endorse_publish(&e.app, &e.wc, other, id, &fe),
		    ERR_NOTFOUND);
	}
	/* A link that ran out cannot confirm. */
	c = cmd(&e, "Late", "late@example.org", "other");
	cr_assert_eq(submit(&e, &e.anon, award, &c, id2, &fe), 0);
	token = mail_token(&e, "late@example.org", "confirm?token=");
	e.clk.frozen += ENDORSE_CONFIRM_TTL + 1;
	cr_assert_eq(endorse_confirm(&e.app, e.a, &e.anon, token, &pd, &fe),
	    ERR_NOTFOUND);
	/* The audit log has the steps. */
	{
		struct audit_filter f = {0};
		struct audit_event *ev;
		f.actor = "";
		f.action = "endorsement.";
		f.to = INT64_MAX;
		f.limit = 100;
		cr_assert_eq(audit_list(&e.app, e.a, &f, &ev, &n), 0);
		cr_assert_geq(n, 5);
	}
	env_close(&e);
}
BOTH(endorse, confirmation_and_moderation)

/* ---- manager verification ----------------------------------------------- */

static void
manager_verification(enum db_kind kind)
{
	struct env e;
	struct endorsement *v;
	const char *award;
	int64_t deadline;
	bool met;
	size_t n;

	env_open(&e, kind);
	award = make_award(&e, &e.wl, e.badge_e);
	cr_assert_eq(endorse_deadline(&e.app, e.a, award, &deadline, &met), 0);
	cr_assert_eq(
	    deadline, clock_add_months(clock_now(&e.clk), (int)e.months));
	cr_assert_not(met);
	/* A colleague, a manager elsewhere, an address with no account: not
	 * a manager's endorsement, whatever they say they are. */
	endorse_as(&e, award, "Colin", "colin@test.laurel.test", "192.0.2.10");
	endorse_as(&e, award, "Olga", "olga@test.laurel.test", "192.0.2.11");
	endorse_as(&e, award, "Nobody", "nobody@example.org", "192.0.2.12");
	cr_assert_eq(endorse_deadline(&e.app, e.a, award, &deadline, &met), 0);
	cr_assert_not(met);
	cr_assert_eq(endorse_list(&e.app, e.a, &e.wl, award, &v, &n), 0);
	cr_assert_eq(n, 3);
	for (size_t i = 0; i < n; i++)
		cr_assert_not(v[i].verified_manager, "%s", v[i].name);
	/* The learner's manager: verified, and the requirement is met even
	 * though the learner has not published it. */
	endorse_as(
	    &e, award, "Morag", "MANAGER@demo.laurel.test", "192.0.2.13");
	cr_assert_eq(endorse_deadline(&e.app, e.a, award, &deadline, &met), 0);
	cr_assert(met);
	cr_assert_eq(endorse_list(&e.app, e.a, &e.wl, award, &v, &n), 0);
	cr_assert_eq(n, 4);
	cr_assert(v[3].verified_manager);
	cr_assert_str_eq(v[3].manager_org, "Riverside Care (demo)");
	/* An organisation admin counts too. */
	{
		const char *a2 = make_award(&e, &e.wc, e.badge_e);
		endorse_as(&e, a2, "Callum", "orgadmin@demo.laurel.test",
		    "192.0.2.14");
		cr_assert_eq(
		    endorse_deadline(&e.app, e.a, a2, &deadline, &met), 0);
		cr_assert(met);
	}
	/* A manager of an organisation the learner is not a member of does
	 * not. */
	{
		const char *a3 = make_award(&e, &e.wx, e.badge_e);
		endorse_as(
		    &e, a3, "Morag", "manager@demo.laurel.test", "192.0.2.15");
		cr_assert_eq(
		    endorse_deadline(&e.app, e.a, a3, &deadline, &met), 0);
		cr_assert_not(met);
	}
	env_close(&e);
}
BOTH(endorse, manager_verification)

/* ---- lapsing and warnings ----------------------------------------------- */

static void
lapsing(enum db_kind kind)
{
	struct env e;
	const char *award, *kept, *plain;
	struct award aw;
	int64_t deadline, start;
	int lapsed, warned;
	bool met;

	env_open(&e, kind);
	start = clock_now(&e.clk);
	award = make_award(&e, &e.wl, e.badge_e);
	kept = make_award(&e, &e.wc, e.badge_e);
	plain = make_award(&e, &e.wl, e.intro);
	/* The colleague's manager endorses (and it stays hidden). */
	{
		const char *id = endorse_as(&e, kept, "Morag",
		    "manager@demo.laurel.test", "192.0.2.20");
		struct form_err fe;
		struct who wc = e.wc;
		cr_assert_eq(endorse_hide(&e.app, &wc, kept, id, &fe), 0);
	}
	cr_assert_eq(endorse_deadline(&e.app, e.a, award, &deadline, &met), 0);
	cr_assert_gt(deadline, start);
	/* Long before: nothing. */
	e.clk.frozen = deadline - 31 * (int64_t)DAY;
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(lapsed + warned, 0);
	/* 30 days before: one warning, once. */
	e.clk.frozen = deadline - 30 * (int64_t)DAY + 3600;
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(warned, 1);
	cr_assert_eq(lapsed, 0);
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(warned + lapsed, 0);
	e.clk.frozen += 10 * DAY;
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(warned + lapsed, 0);
	cr_assert_eq(
	    count_mail(&e, "lena@test.laurel.test", "Manager's endorsement"),
	    1);
	/* 7 days before: the second warning, once. */
	e.clk.frozen = deadline - 7 * (int64_t)DAY + 60;
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(warned, 1);
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(warned + lapsed, 0);
	cr_assert_eq(
	    count_mail(&e, "lena@test.laurel.test", "Manager's endorsement"),
	    2);
	/* A second before the deadline: still active. */
	e.clk.frozen = deadline - 1;
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(lapsed, 0);
	cr_assert_eq(award_get(&e.app, e.a, award, &aw), 0);
	cr_assert_str_eq(aw.status, "active");
	/* On it: lapsed, once, with an email and an audit event. */
	e.clk.frozen = deadline;
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(lapsed, 1);
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(lapsed + warned, 0);
	cr_assert_eq(award_get(&e.app, e.a, award, &aw), 0);
	cr_assert_str_eq(aw.status, "lapsed");
	cr_assert_eq(count_mail(&e, "lena@test.laurel.test", "has lapsed"), 1);
	{
		struct audit_filter f = {0};
		struct audit_event *ev;
		size_t n;
		f.actor = "";
		f.action = "award.lapse";
		f.to = INT64_MAX;
		f.limit = 10;
		cr_assert_eq(audit_list(&e.app, e.a, &f, &ev, &n), 0);
		cr_assert_eq(n, 1);
		cr_assert_str_eq(ev[0].subject, award);
	}
	/* The endorsed award and the badge without a requirement stay. */
	cr_assert_eq(award_get(&e.app, e.a, kept, &aw), 0);
	cr_assert_str_eq(aw.status, "active");
	cr_assert_eq(award_get(&e.app, e.a, plain, &aw), 0);
	cr_assert_str_eq(aw.status, "active");
	cr_assert_eq(
	    count_mail(&e, "colin@test.laurel.test", "Manager's endorsement"),
	    0);
	/* A lapsed award cannot be endorsed any more. */
	{
		struct endorse_cmd c =
		    cmd(&e, "Late", "late@example.org", "other");
		struct form_err fe;
		char id[ID_LEN + 1];
		cr_assert_eq(
		    submit(&e, &e.anon, award, &c, id, &fe), ERR_NOTFOUND);
	}
	env_close(&e);
}
BOTH(endorse, lapsing)

/* Straight into the last week: one warning, and never the 30-day one. */
static void
late_warning(enum db_kind kind)
{
	struct env e;
	const char *award;
	int64_t deadline;
	int lapsed, warned;
	bool met;

	env_open(&e, kind);
	award = make_award(&e, &e.wl, e.badge_e);
	cr_assert_eq(endorse_deadline(&e.app, e.a, award, &deadline, &met), 0);
	e.clk.frozen = deadline - 3 * (int64_t)DAY;
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(warned, 1);
	cr_assert_eq(endorse_run_lapses(&e.app, &lapsed, &warned), 0);
	cr_assert_eq(warned, 0);
	env_close(&e);
}
BOTH(endorse, late_warning)

/* The job runs under its lease: once an hour however often asked. */
static void
job_lease(enum db_kind kind)
{
	struct env e;
	const char *award;
	struct award aw;
	int64_t deadline;
	int ran, ran2;
	bool met, found = false;

	env_open(&e, kind);
	for (size_t i = 0; i < njobs; i++)
		found = found ||
		    (strcmp(jobs[i].name, "endorsement-deadlines") == 0 &&
		        jobs[i].interval == 3600);
	cr_assert(found);
	award = make_award(&e, &e.wl, e.badge_e);
	cr_assert_eq(endorse_deadline(&e.app, e.a, award, &deadline, &met), 0);
	e.clk.frozen = deadline - 10 * 60;
	cr_assert_eq(jobs_run_due(&e.app, "w1", &ran), 0);
	cr_assert_geq(ran, 1);
	/* 20 minutes later the deadline has passed, but the lease holds. */
	e.clk.frozen = deadline + 10 * 60;
	cr_assert_eq(jobs_run_due(&e.app, "w2", &ran2), 0);
	cr_assert_eq(award_get(&e.app, e.a, award, &aw), 0);
	cr_assert_str_eq(aw.status, "active");
	/* After the hour it runs again and the award lapses. */
	e.clk.frozen = deadline - 10 * 60 + 3600;
	cr_assert_eq(jobs_run_due(&e.app, "w2", &ran2), 0);
	cr_assert_eq(award_get(&e.app, e.a, award, &aw), 0);
	cr_assert_str_eq(aw.status, "lapsed");
	env_close(&e);
}
BOTH(endorse, job_lease)

/* ---- requests ----------------------------------------------------------- */

static void
requests(enum db_kind kind)
{
	struct env e;
	struct endorse_request_row *rq;
	struct endorse_cmd c;
	struct form_err fe;
	char id[ID_LEN + 1];
	const char *award, *token, *name, *email;
	bool confirmed;
	int64_t deadline;
	bool met;
	size_t n;

	env_open(&e, kind);
	award = make_award(&e, &e.wl, e.badge_e);
	/* Only the owner asks. */
	cr_assert_eq(endorse_request(&e.app, e.a, &e.wc, award, "Morag",
	                 "manager@demo.laurel.test", &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(endorse_request(&e.app, e.a, &e.wl, award, "",
	                 "manager@demo.laurel.test", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "name");
	cr_assert_eq(
	    endorse_request(&e.app, e.a, &e.wl, award, "Morag", "nope", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "email");
	cr_assert_eq(endorse_request(&e.app, e.a, &e.wl, award, "Morag",
	                 "manager@demo.laurel.test", &fe),
	    0, "%s", fe.msg);
	token = mail_token(&e, "manager@demo.laurel.test", "endorse?request=");
	cr_assert_eq(endorse_requests(&e.app, e.a, e.learner, "", &rq, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(rq[0].name, "Morag");
	cr_assert_eq(rq[0].used_at, 0);
	/* The link fills in the form, for this award only. */
	cr_assert_eq(
	    endorse_request_find(&e.app, e.a, award, token, &name, &email), 0);
	cr_assert_str_eq(name, "Morag");
	cr_assert_str_eq(email, "manager@demo.laurel.test");
	cr_assert_eq(endorse_request_find(&e.app, e.a, "AAAAAAAAAAAAAAAAAAAAAA",
	                 token, &name, &email),
	    ERR_NOTFOUND);
	/* Sent from the link with that address: confirmed at once, and a
	 * manager's endorsement. */
	c = cmd(&e, "Morag", "manager@demo.laurel.test", "manager");
	c.request = token;
	cr_assert_eq(endorse_submit(
	                 &e.app, e.a, &e.anon, award, &c, id, &confirmed, &fe),
	    0, "%s", fe.msg);
	cr_assert(confirmed);
	cr_assert_eq(endorse_deadline(&e.app, e.a, award, &deadline, &met), 0);
	cr_assert(met);
	cr_assert_eq(
	    endorse_requests(&e.app, e.a, e.learner, award, &rq, &n), 0);
	cr_assert_gt(rq[0].used_at, 0);
	cr_assert_eq(
	    endorse_request_find(&e.app, e.a, award, token, &name, &email),
	    ERR_NOTFOUND);
	/* With another address the link proves nothing: confirm by email. */
	cr_assert_eq(endorse_request(&e.app, e.a, &e.wl, award, "Ann",
	                 "ann@example.org", &fe),
	    0);
	token = mail_token(&e, "ann@example.org", "endorse?request=");
	c = cmd(&e, "Ann", "ann.other@example.org", "colleague");
	c.request = token;
	cr_assert_eq(endorse_submit(
	                 &e.app, e.a, &e.anon, award, &c, id, &confirmed, &fe),
	    0);
	cr_assert_not(confirmed);
	/* At most ENDORSE_REQUEST_LIMIT a day. */
	for (int i = 2; i < ENDORSE_REQUEST_LIMIT; i++)
		cr_assert_eq(endorse_request(&e.app, e.a, &e.wl, award, "X",
		                 arena_printf(e.a, "x%d@example.org", i), &fe),
		    0);
	cr_assert_eq(endorse_request(&e.app, e.a, &e.wl, award, "X",
	                 "x99@example.org", &fe),
	    ERR_FORBIDDEN);
	env_close(&e);
}
BOTH(endorse, requests)

/* ---- profiles, sharing, colleagues -------------------------------------- */

static void
profile_rules(enum db_kind kind)
{
	struct env e;
	struct profile_cmd pc;
	struct profile_page pp;
	struct profile_settings ps;
	struct form_err fe;
	const char *a1, *a2, *a3, *show[3];
	const char *bad[] = {"ab", "a_b", "-abc", "abc-", "admin", "people",
	    "x2345678901234567890123456789012345678901", "tab c"};

	env_open(&e, kind);
	for (size_t i = 0; i < NELEM(bad); i++)
		cr_assert_not_null(profile_handle_check(bad[i]), "%s", bad[i]);
	cr_assert_null(profile_handle_check("lena-learner-1"));
	a1 = make_award(&e, &e.wl, e.intro);
	a2 = make_award(&e, &e.wl, e.badge_e);
	cr_assert_eq(profile_get(&e.app, e.a, e.learner, &ps), 0);
	cr_assert_str_eq(ps.handle, "");
	cr_assert_not(ps.is_public);
	/* On without a handle, a bad handle: refused. */
	memset(&pc, 0, sizeof(pc));
	pc.is_public = true;
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "handle");
	pc.handle = "Admin";
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), ERR_INVAL);
	/* A good one, in upper case: kept lower case. Only a1 is shown. */
	pc.handle = "Lena-Learner";
	show[0] = a1;
	show[1] = "AAAAAAAAAAAAAAAAAAAAAA"; /* not hers: ignored */
	pc.show = show;
	pc.nshow = 2;
	cr_assert_eq(
	    profile_save(&e.app, e.a, &e.wl, &pc, &fe), 0, "%s", fe.msg);
	cr_assert_eq(profile_get(&e.app, e.a, e.learner, &ps), 0);
	cr_assert_str_eq(ps.handle, "lena-learner");
	cr_assert(ps.is_public);
	cr_assert_eq(profile_public(&e.app, e.a, "lena-learner", &pp), 0);
	cr_assert_str_eq(pp.name, "Lena Learner");
	cr_assert_eq(pp.nawards, 1);
	cr_assert_str_eq(pp.awards[0].id, a1);
	cr_assert_str_neq(pp.awards[0].group, "");
	/* The handle is unique. */
	memset(&pc, 0, sizeof(pc));
	pc.handle = "lena-learner";
	cr_assert_eq(profile_save(&e.app, e.a, &e.wc, &pc, &fe), ERR_CONFLICT);
	/* Both shown; a private page or a lapsed award is never shown. */
	memset(&pc, 0, sizeof(pc));
	pc.handle = "lena-learner";
	pc.is_public = true;
	show[0] = a1;
	show[1] = a2;
	pc.show = show;
	pc.nshow = 2;
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), 0);
	cr_assert_eq(profile_public(&e.app, e.a, "lena-learner", &pp), 0);
	cr_assert_eq(pp.nawards, 2);
	sql(&e,
	    arena_printf(e.a,
	        "UPDATE awards SET page_visibility = 'private' "
	        "WHERE id = '%s'",
	        a1));
	sql(&e,
	    arena_printf(e.a,
	        "UPDATE awards SET status = 'lapsed' WHERE id = '%s'", a2));
	cr_assert_eq(profile_public(&e.app, e.a, "lena-learner", &pp), 0);
	cr_assert_eq(pp.nawards, 0);
	a3 = make_award(&e, &e.wc, e.intro);
	(void)a3;
	/* Off: not found, the same as no profile at all. */
	pc.is_public = false;
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), 0);
	cr_assert_eq(
	    profile_public(&e.app, e.a, "lena-learner", &pp), ERR_NOTFOUND);
	cr_assert_eq(
	    profile_public(&e.app, e.a, "nobody-here", &pp), ERR_NOTFOUND);
	env_close(&e);
}
BOTH(endorse, profile_rules)

static void
sharing_and_colleagues(enum db_kind kind)
{
	struct env e;
	struct profile_cmd pc;
	struct shared_award *sa;
	struct colleague *co;
	struct form_err fe;
	const char *a1, *a2, *share[2];
	size_t n;

	env_open(&e, kind);
	a1 = make_award(&e, &e.wl, e.intro);
	a2 = make_award(&e, &e.wl, e.badge_e);
	(void)a2;
	/* Nothing shared yet. */
	cr_assert_eq(
	    profile_org_awards(&e.app, e.a, &e.wm, false, e.org, &sa, &n), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_neq(sa[i].person, e.learner);
	memset(&pc, 0, sizeof(pc));
	share[0] = a1;
	pc.share = share;
	pc.nshare = 1;
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), 0);
	/* The manager and the organisation admin see a1 only; a colleague and
	 * a manager elsewhere may not look. */
	cr_assert_eq(
	    profile_org_awards(&e.app, e.a, &e.wm, false, e.org, &sa, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(sa[0].id, a1);
	cr_assert_str_eq(sa[0].person_name, "Lena Learner");
	cr_assert_eq(
	    profile_org_awards(&e.app, e.a, &e.wo, false, e.org, &sa, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(
	    profile_org_awards(&e.app, e.a, &e.wc, false, e.org, &sa, &n),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    profile_org_awards(&e.app, e.a, &e.wx, false, e.org, &sa, &n),
	    ERR_FORBIDDEN);
	/* Shared with her organisation, not another one. */
	cr_assert_eq(
	    profile_org_awards(&e.app, e.a, &e.wx, false, e.org_b, &sa, &n), 0);
	cr_assert_eq(n, 0);

	/* Colleagues: nobody has opted in yet. */
	cr_assert_eq(
	    profile_colleagues(&e.app, e.a, e.intro, e.colleague, &co, &n), 0);
	cr_assert_eq(n, 0);
	memset(&pc, 0, sizeof(pc));
	pc.colleagues = true;
	pc.share = share;
	pc.nshare = 1;
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), 0);
	cr_assert_eq(
	    profile_colleagues(&e.app, e.a, e.intro, e.colleague, &co, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(co[0].name, "Lena Learner");
	/* Not to herself, not to someone in another organisation, not when
	 * signed out, not for a badge she does not hold. */
	cr_assert_eq(
	    profile_colleagues(&e.app, e.a, e.intro, e.learner, &co, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(
	    profile_colleagues(&e.app, e.a, e.intro, e.outsider, &co, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(
	    profile_colleagues(&e.app, e.a, e.intro, NULL, &co, &n), 0);
	cr_assert_eq(n, 0);
	{
		char other[ID_LEN + 1];
		seed_id("badge:writing-evidence", other);
		cr_assert_eq(profile_colleagues(
		                 &e.app, e.a, other, e.colleague, &co, &n),
		    0);
		cr_assert_eq(n, 0);
	}
	/* When she leaves, neither her shared awards nor her name show. */
	sql(&e,
	    arena_printf(e.a,
	        "UPDATE memberships SET ended_at = %lld "
	        "WHERE person_id = '%s'",
	        (long long)clock_now(&e.clk), e.learner));
	cr_assert_eq(
	    profile_org_awards(&e.app, e.a, &e.wm, false, e.org, &sa, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(
	    profile_colleagues(&e.app, e.a, e.intro, e.colleague, &co, &n), 0);
	cr_assert_eq(n, 0);
	env_close(&e);
}
BOTH(endorse, sharing_and_colleagues)

/* ---- the dashboard's data ----------------------------------------------- */

static void
person_awards_and_next(enum db_kind kind)
{
	struct env e;
	struct person_award *aw;
	struct next_badge *nb;
	const char *a1;
	size_t n;
	bool intro_suggested = false;

	env_open(&e, kind);
	cr_assert_eq(endorse_next_badges(&e.app, e.a, e.learner, &nb, &n), 0);
	for (size_t i = 0; i < n; i++)
		intro_suggested =
		    intro_suggested || strcmp(nb[i].badge_id, e.intro) == 0;
	cr_assert(intro_suggested);
	a1 = make_award(&e, &e.wl, e.badge_e);
	cr_assert_eq(endorse_person_awards(&e.app, e.a, e.learner, &aw, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(aw[0].id, a1);
	cr_assert_eq(
	    aw[0].deadline, clock_add_months(aw[0].issued_at, (int)e.months));
	cr_assert_not(aw[0].endorsed);
	make_award(&e, &e.wl, e.intro);
	cr_assert_eq(endorse_next_badges(&e.app, e.a, e.learner, &nb, &n), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_neq(nb[i].badge_id, e.intro);
	env_close(&e);
}
BOTH(endorse, person_awards_and_next)

/* Merging moves a profile unless the account kept has one; deleting an
 * account frees its handle. */
static void
profile_merge_and_delete(enum db_kind kind)
{
	struct env e;
	struct profile_cmd pc;
	struct profile_settings ps;
	struct form_err fe;

	env_open(&e, kind);
	memset(&pc, 0, sizeof(pc));
	pc.handle = "lena-learner";
	pc.is_public = true;
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), 0);
	cr_assert_eq(profile_move_person(&e.app, e.learner, e.colleague), 0);
	cr_assert_eq(profile_get(&e.app, e.a, e.colleague, &ps), 0);
	cr_expect_str_eq(ps.handle, "lena-learner");
	cr_assert_eq(profile_get(&e.app, e.a, e.learner, &ps), 0);
	cr_expect_str_eq(ps.handle, "");
	cr_assert_eq(profile_forget_person(&e.app, e.colleague), 0);
	cr_assert_eq(profile_save(&e.app, e.a, &e.wl, &pc, &fe), 0,
	    "the handle is free again: %s", fe.msg ? fe.msg : "");
	env_close(&e);
}
BOTH(endorse, profile_merge_and_delete)
