/*
 * test_application.c: the learner's side of an application
 * (domain/application.h) on SQLite and PostgreSQL with a frozen clock:
 * starting (prerequisites, one open application per badge), who may see
 * it, saving drafts (validation, stale revisions), what a lapsed session
 * kept, attachments (sniffing, limits, dedupe), reviewers and comments,
 * submission (declaration, evidence rules, the identity screen and
 * automatic decline, the queue and due dates, resubmission), withdrawal,
 * the response to an integrity concern, every forbidden transition, the
 * audit log and the emails sent.
 *
 * The database holds the demo data (seed_demo): the scheme's issuer and
 * its badges, a learner whose line manager is the demo manager, the
 * scheme's assessor, plus a second organisation that is an issuer with
 * its own assessor.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/audit.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "domain/outbox.h"
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
	char scheme[ID_LEN + 1];
	const char *other_issuer;
	char learner[ID_LEN + 1], manager[ID_LEN + 1], assessor[ID_LEN + 1],
	    admin[ID_LEN + 1], other_assessor[ID_LEN + 1], friend_[ID_LEN + 1],
	    stranger[ID_LEN + 1], learner2[ID_LEN + 1];
	char intro[ID_LEN + 1], writing[ID_LEN + 1], reflective[ID_LEN + 1],
	    comms[ID_LEN + 1];
	struct who wl, wm, wa, wad, wo, wf, ws, wl2;
};

static void
person(struct env *e, const char *email, char out[ID_LEN + 1])
{
	bool made;

	cr_assert_eq(account_ensure(
	                 &e->app, e->a, "Test Person", email, NULL, out, &made),
	    0);
}

static void
env_open(struct env *e, enum db_kind kind)
{
	static const uint8_t secret[32] = {1, 2, 3, 4};
	struct who w = {"", "test"};
	char org_b[ID_LEN + 1], other_admin[ID_LEN + 1];
	struct form_err fe = {0};
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
	seed_id("badge:getting-started", e->intro);
	seed_id("badge:writing-evidence", e->writing);
	seed_id("badge:reflective-practice", e->reflective);
	seed_id("badge:communication-sensory", e->comms);
	person(e, "learner@demo.laurel.test", e->learner);
	person(e, "manager@demo.laurel.test", e->manager);
	person(e, "assessor@demo.laurel.test", e->assessor);
	person(e, "issueradmin@demo.laurel.test", e->admin);
	person(e, "friend@test.laurel.test", e->friend_);
	person(e, "stranger@test.laurel.test", e->stranger);
	person(e, "learner2@test.laurel.test", e->learner2);
	person(e, "other-assessor@test.laurel.test", e->other_assessor);
	person(e, "other-admin@test.laurel.test", other_admin);
	seed_id("test:org-b", org_b);
	cr_assert_eq(db_begin(e->db), 0);
	cr_assert_eq(org_create_approved(&e->app, &w, org_b, "Org B", ""), 0);
	cr_assert_eq(
	    org_add_member(&e->app, &w, org_b, other_admin, "org_admin", NULL),
	    0);
	cr_assert_eq(db_commit(e->db), 0);
	w.person = other_admin;
	cr_assert_eq(
	    org_become_issuer(&e->app, e->a, &w, org_b, &e->other_issuer, &fe),
	    0, "%s", fe.msg);
	w.person = "";
	cr_assert_eq(db_begin(e->db), 0);
	cr_assert_eq(issuer_grant_person(&e->app, &w, e->other_issuer,
	                 e->other_assessor, "assessor"),
	    0);
	cr_assert_eq(db_commit(e->db), 0);
	e->wl = (struct who){e->learner, "192.0.2.1"};
	e->wm = (struct who){e->manager, "192.0.2.2"};
	e->wa = (struct who){e->assessor, "192.0.2.3"};
	e->wad = (struct who){e->admin, "192.0.2.4"};
	e->wo = (struct who){e->other_assessor, "192.0.2.5"};
	e->wf = (struct who){e->friend_, "192.0.2.6"};
	e->ws = (struct who){e->stranger, "192.0.2.7"};
	e->wl2 = (struct who){e->learner2, "192.0.2.8"};
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	db_close(e->db);
	config_free(&e->cfg);
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

static const char *
start_at(struct env *e, const struct who *w, const char *badge, int line)
{
	struct form_err fe = {0};
	const char *id;
	bool existing;

	cr_assert_eq(
	    application_start(&e->app, e->a, w, badge, &id, &existing, &fe), 0,
	    "line %d: %s", line, fe.msg ? fe.msg : "");
	cr_assert_not(existing, "line %d", line);
	return id;
}
#define start(e, w, b) start_at(e, w, b, __LINE__)

static struct application
get(struct env *e, const struct who *w, const char *id)
{
	struct application ap;

	cr_assert_eq(application_get(&e->app, e->a, w, id, &ap), 0);
	return ap;
}

/* words makes a text of n words. */
static const char *
words(struct env *e, size_t n)
{
	struct buf b;

	buf_init(&b, e->a, 16 * n + 16);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%sreflection", i ? " " : "");
	return b.data;
}

/* fill saves a complete draft: n words and an answer to every criterion,
 * with extra added to the account. */
static void
fill_at(struct env *e, const struct who *w, const char *id, const char *extra,
    int line)
{
	struct application ap = get(e, w, id);
	struct app_draft d = {0};
	struct form_err fe = {0};
	const char **ans = arena_alloc(e->a, (ap.nanswers + 1) * sizeof(*ans));
	int64_t rev;

	for (size_t i = 0; i < ap.nanswers; i++)
		ans[i] = "I did this in my practice and learned from it.";
	d.revision = ap.revision;
	d.account_md = arena_printf(e->a, "%s %s",
	    words(e, (size_t)ap.min_words + 5), extra ? extra : "");
	d.answers = ans;
	d.nanswers = ap.nanswers;
	cr_assert_eq(application_save(&e->app, e->a, w, id, &d, &rev, &fe), 0,
	    "line %d: %s", line, fe.msg ? fe.msg : "");
	cr_assert_eq(rev, ap.revision + 1);
}
#define fill(e, w, id, extra) fill_at(e, w, id, extra, __LINE__)

static struct app_submit_result
submit_at(struct env *e, const struct who *w, const char *id, int line)
{
	struct app_submit_result res;
	struct form_err fe = {0};
	struct application ap = get(e, w, id);

	cr_assert_eq(application_submit(
	                 &e->app, e->a, w, id, ap.revision, true, &res, &fe),
	    0, "line %d: %s %s", line, fe.field ? fe.field : "",
	    fe.msg ? fe.msg : "");
	return res;
}
#define submit(e, w, id) submit_at(e, w, id, __LINE__)

static size_t
count_mail(struct env *e, const char *to, const char *want)
{
	struct outbox_msg *m;
	size_t n, k = 0;

	cr_assert_eq(outbox_list(&e->app, e->a, 1000, &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(m[i].to, to) == 0 &&
		    (want == NULL || strstr(m[i].body, want) != NULL);
	return k;
}

/* mail_token finds the token after marker in the newest mail to to. */
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
		return arena_strndup(e->a, p + strlen(marker), APP_TOKEN_LEN);
	}
	cr_assert_fail("no mail to %s with %s", to, marker);
	return NULL;
}

static size_t
count_audit(struct env *e, const char *action, const char *subject)
{
	struct audit_filter f = {"", action, 0, INT64_MAX, 1000, 0};
	struct audit_event *v;
	size_t n, k = 0;

	cr_assert_eq(audit_list(&e->app, e->a, &f, &v, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(v[i].action, action) == 0 &&
		    (subject == NULL || strcmp(v[i].subject, subject) == 0);
	return k;
}

static void
award(struct env *e, const char *badge, const char *person_id)
{
	char id[ID_LEN + 1];
	struct db_param p[7];

	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(badge);
	p[2] = DB_INT(1);
	p[3] = DB_STR(person_id);
	p[4] = DB_STR("active");
	p[5] = DB_INT(T0);
	p[6] = DB_INT(0);
	cr_assert_eq(db_exec(e->db, Q_AWARD_INSERT, p, 7, NULL, NULL), 0);
}

/* ---- starting ----------------------------------------------------------- */

static void
starting(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	const char *id, *id2;
	bool existing;

	env_open(&e, kind);
	/* A required prerequisite not held blocks, naming it. */
	cr_assert_eq(application_start(
	                 &e.app, e.a, &e.wl, e.reflective, &id, &existing, &fe),
	    ERR_FORBIDDEN);
	cr_assert(strstr(fe.msg, "Writing evidence") != NULL, "%s", fe.msg);
	/* A recommended one does not. */
	id = start(&e, &e.wl, e.comms);
	cr_assert_eq(get(&e, &e.wl, id).status, APP_DRAFT);
	/* One open application per badge: the second start returns it
	 * (through the unique index, as a race would). */
	cr_assert_eq(application_start(
	                 &e.app, e.a, &e.wl, e.comms, &id2, &existing, &fe),
	    0);
	cr_assert(existing);
	cr_assert_str_eq(id, id2);
	/* Holding the prerequisite opens the way. */
	award(&e, e.writing, e.learner);
	id2 = start(&e, &e.wl, e.reflective);
	cr_assert_str_neq(id, id2);
	/* Not signed in; no such badge. */
	{
		struct who anon = {NULL, "x"};
		cr_assert_eq(application_start(&e.app, e.a, &anon, e.comms,
		                 &id2, &existing, &fe),
		    ERR_FORBIDDEN);
		cr_assert_eq(
		    application_start(&e.app, e.a, &e.wl,
		        "AAAAAAAAAAAAAAAAAAAAAA", &id2, &existing, &fe),
		    ERR_NOTFOUND);
	}
	cr_assert_eq(count_audit(&e, "application.start", NULL), 2);
	/* Withdrawn, a new one may start. */
	cr_assert_eq(application_withdraw(&e.app, e.a, &e.wl, id, &fe), 0);
	id2 = start(&e, &e.wl, e.comms);
	cr_assert_str_neq(id, id2);
	env_close(&e);
}
BOTH(application, starting)

/* ---- access ------------------------------------------------------------- */

static void
access_matrix(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct application ap;
	const char *id, *tok, *app_id;

	env_open(&e, kind);
	id = start(&e, &e.wl, e.intro);
	cr_assert_eq(
	    application_access(&e.app, e.a, &e.wl, id), APP_ACCESS_OWNER);
	/* The learner's line manager, not invited: nothing. */
	cr_assert_eq(application_access(&e.app, e.a, &e.wm, id), 0);
	cr_assert_eq(
	    application_get(&e.app, e.a, &e.wm, id, &ap), ERR_NOTFOUND);
	/* The issuer's assessor before submission: nothing. */
	cr_assert_eq(application_access(&e.app, e.a, &e.wa, id), 0);
	cr_assert_eq(application_access(&e.app, e.a, &e.ws, id), 0);
	/* A reviewer: pending has nothing, accepted reads, removed not. */
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "manager@demo.laurel.test", "manager", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(application_access(&e.app, e.a, &e.wm, id), 0);
	tok = mail_token(&e, "manager@demo.laurel.test", "/reviews/");
	cr_assert_eq(review_accept(&e.app, e.a, &e.wm, tok, &app_id, &fe), 0,
	    "%s", fe.msg);
	cr_assert_str_eq(app_id, id);
	cr_assert_eq(
	    application_access(&e.app, e.a, &e.wm, id), APP_ACCESS_REVIEWER);
	cr_assert_eq(get(&e, &e.wm, id).nreviewers, 1);
	/* Someone else cannot take the accepted link. */
	cr_assert_eq(
	    review_accept(&e.app, e.a, &e.wf, tok, &app_id, &fe), ERR_CONFLICT);
	/* After submission: the issuer's staff, not another issuer's. */
	fill(&e, &e.wl, id, NULL);
	submit(&e, &e.wl, id);
	cr_assert_eq(
	    application_access(&e.app, e.a, &e.wa, id), APP_ACCESS_ASSESSOR);
	cr_assert_eq(application_access(&e.app, e.a, &e.wad, id),
	    APP_ACCESS_ISSUER_ADMIN);
	cr_assert_eq(application_access(&e.app, e.a, &e.wo, id), 0);
	{
		struct app_round *r;
		size_t n;
		cr_assert_eq(application_rounds(&e.app, e.a, &e.wo, id, &r, &n),
		    ERR_NOTFOUND);
		cr_assert_eq(
		    application_rounds(&e.app, e.a, &e.wa, id, &r, &n), 0);
		cr_assert_eq(n, 1);
	}
	/* Removed reviewer: nothing. */
	{
		struct app_reviewer *rv;
		size_t n;
		cr_assert_eq(
		    application_reviewers(&e.app, e.a, &e.wl, id, &rv, &n), 0);
		cr_assert_eq(n, 1);
		cr_assert_str_eq(rv[0].name, "Morag Campbell");
		cr_assert_eq(application_reviewer_remove(
		                 &e.app, e.a, &e.wl, id, rv[0].id, &fe),
		    0);
		cr_assert_eq(application_access(&e.app, e.a, &e.wm, id), 0);
		cr_assert_eq(review_invite_find(
		                 &e.app, e.a, tok, &(struct review_invite){0}),
		    ERR_NOTFOUND);
	}
	env_close(&e);
}
BOTH(application, access_matrix)

/* ---- saving ------------------------------------------------------------- */

static void
saving(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct application ap;
	struct app_draft d = {0};
	const char *id, *ans[2] = {"first", "second"};
	char *big;
	int64_t rev;

	env_open(&e, kind);
	id = start(&e, &e.wl, e.intro);
	ap = get(&e, &e.wl, id);
	cr_assert_eq(ap.revision, 1);
	cr_assert_gt(ap.nanswers, 1);
	d.revision = 1;
	d.account_md = "My account, with **Markdown**.";
	d.alt_url = "";
	d.links = "https://example.org/a";
	d.answers = ans;
	d.nanswers = 2;
	cr_assert_eq(
	    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe), 0);
	cr_assert_eq(rev, 2);
	ap = get(&e, &e.wl, id);
	cr_assert_str_eq(ap.account_md, d.account_md);
	cr_assert_str_eq(ap.answers[1].text, "second");
	cr_assert_str_eq(
	    ap.answers[ap.nanswers - 1].text, ap.nanswers > 2 ? "" : "second");
	/* A stale revision (another tab): refused, nothing written. */
	d.account_md = "From the other tab";
	cr_assert_eq(application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe),
	    ERR_CONFLICT);
	cr_assert(strstr(fe.msg, "another tab") != NULL);
	cr_assert_str_eq(
	    get(&e, &e.wl, id).account_md, "My account, with **Markdown**.");
	/* Validation. */
	d.revision = 2;
	big = arena_alloc(e.a, APP_ACCOUNT_MAX + 2);
	memset(big, 'a', APP_ACCOUNT_MAX + 1);
	d.account_md = big;
	cr_assert_eq(
	    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "account");
	d.account_md = "bad \xff utf-8";
	cr_assert_eq(
	    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe), ERR_INVAL);
	d.account_md = "ok";
	d.nanswers = ap.nanswers + 1;
	{
		const char **many = arena_alloc(e.a, 30 * sizeof(*many));
		for (size_t i = 0; i < 30; i++)
			many[i] = "x";
		d.answers = many;
		cr_assert_eq(
		    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe),
		    ERR_INVAL);
	}
	cr_assert_eq(get(&e, &e.wl, id).revision, 2, "nothing was written");
	/* Only the owner. */
	d.nanswers = 0;
	cr_assert_eq(application_save(&e.app, e.a, &e.wm, id, &d, &rev, &fe),
	    ERR_NOTFOUND);
	/* The word count. */
	cr_assert_eq(
	    app_word_count("It's a  test—of 3 words, isn’t it? --"), 8);
	cr_assert_eq(app_word_count("Café déjà-vu"), 3);
	cr_assert_eq(app_word_count(""), 0);
	env_close(&e);
}
BOTH(application, saving)

/* ---- stash -------------------------------------------------------------- */

static void
stash(enum db_kind kind)
{
	struct env e;
	struct app_draft d = {0}, out;
	const char *id, *tok, *ans[1] = {"kept answer"};

	env_open(&e, kind);
	id = start(&e, &e.wl, e.intro);
	d.revision = 1;
	d.account_md = "What I typed before my session ended";
	d.alt_url = "";
	d.links = "";
	d.answers = ans;
	d.nanswers = 1;
	cr_assert_eq(application_stash(&e.app, e.a, id, &d, &tok), 0);
	cr_assert_eq(strlen(tok), APP_TOKEN_LEN);
	/* Only the owner; a wrong token or application; not consumed. */
	cr_assert_eq(application_unstash(&e.app, e.a, &e.wm, id, tok, &out),
	    ERR_NOTFOUND);
	cr_assert_eq(application_unstash(&e.app, e.a, &e.wl, id,
	                 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &out),
	    ERR_NOTFOUND);
	cr_assert_eq(application_unstash(&e.app, e.a, &e.wl, id, tok, &out), 0);
	cr_assert_str_eq(out.account_md, d.account_md);
	cr_assert_eq(out.nanswers, 1);
	cr_assert_str_eq(out.answers[0], "kept answer");
	cr_assert_eq(out.revision, 1);
	/* Once. */
	cr_assert_eq(application_unstash(&e.app, e.a, &e.wl, id, tok, &out),
	    ERR_NOTFOUND);
	/* Expired after 24 hours. */
	cr_assert_eq(application_stash(&e.app, e.a, id, &d, &tok), 0);
	e.clk.frozen += APP_STASH_TTL;
	cr_assert_eq(application_unstash(&e.app, e.a, &e.wl, id, tok, &out),
	    ERR_NOTFOUND);
	env_close(&e);
}
BOTH(application, stash)

/* ---- attachments -------------------------------------------------------- */

static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR tiny";

static void
attachments(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct application ap;
	struct app_attachment meta;
	const char *id, *att, *att2, *other, *last = NULL;
	const void *bytes;
	size_t len;
	char *big;

	env_open(&e, kind);
	id = start(&e, &e.wl, e.intro);
	/* A .pdf name with PNG bytes is stored as PNG. */
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id, "C:\\x\\ev.pdf",
	                 png, sizeof(png) - 1, &att, &fe),
	    0, "%s", fe.msg);
	ap = get(&e, &e.wl, id);
	cr_assert_eq(ap.nattachments, 1);
	cr_assert_str_eq(ap.attachments[0].content_type, "image/png");
	cr_assert_str_eq(ap.attachments[0].filename, "ev.pdf.png");
	cr_assert_eq(application_attachment(
	                 &e.app, e.a, &e.wl, id, att, &meta, &bytes, &len),
	    0);
	cr_assert_eq(len, sizeof(png) - 1);
	cr_assert(memcmp(bytes, png, len) == 0);
	/* Text, PDF; an EXE refused; empty; too big. */
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id, "notes.txt",
	                 "Plain notes\n", 12, &att2, &fe),
	    0);
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id, "a.pdf",
	                 "%PDF-1.4\n...", 12, &att2, &fe),
	    0);
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id, "run.txt",
	                 "MZ\x90\0\3\0\0\0", 8, &att2, &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "file");
	cr_assert_eq(application_attach(
	                 &e.app, e.a, &e.wl, id, "e.txt", "", 0, &att2, &fe),
	    ERR_INVAL);
	big = arena_alloc(e.a, APP_ATTACH_MAX_BYTES + 1);
	memset(big, 'a', APP_ATTACH_MAX_BYTES + 1);
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id, "big.txt", big,
	                 APP_ATTACH_MAX_BYTES + 1, &att2, &fe),
	    ERR_TOOBIG);
	/* Too many: 10 at most (the same bytes, stored once). */
	for (int i = 3; i < APP_ATTACH_MAX_FILES; i++)
		cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id,
		                 "same.png", png, sizeof(png) - 1, &last, &fe),
		    0);
	att2 = last;
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id, "eleven.png",
	                 png, sizeof(png) - 1, &other, &fe),
	    ERR_CONFLICT);
	/* Detach frees a place. */
	cr_assert_eq(application_detach(&e.app, e.a, &e.wl, id, att2, &fe), 0);
	cr_assert_eq(get(&e, &e.wl, id).nattachments, APP_ATTACH_MAX_FILES - 1);
	cr_assert_eq(application_attachment(
	                 &e.app, e.a, &e.wl, id, att2, &meta, &bytes, &len),
	    ERR_NOTFOUND, "removed and never submitted");
	/* Only people allowed: not the manager or a stranger. */
	cr_assert_eq(application_attachment(
	                 &e.app, e.a, &e.wm, id, att, &meta, &bytes, &len),
	    ERR_NOTFOUND);
	cr_assert_eq(application_attachment(
	                 &e.app, e.a, &e.ws, id, att, &meta, &bytes, &len),
	    ERR_NOTFOUND);
	/* A badge that takes no attachments. */
	award(&e, e.writing, e.learner);
	other = start(&e, &e.wl, e.reflective);
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, other, "a.png", png,
	                 sizeof(png) - 1, &att2, &fe),
	    ERR_FORBIDDEN);
	/* Submitted, then removed from the draft: staff still read it. */
	fill(&e, &e.wl, id, NULL);
	submit(&e, &e.wl, id);
	cr_assert_eq(application_attachment(
	                 &e.app, e.a, &e.wa, id, att, &meta, &bytes, &len),
	    0);
	cr_assert_eq(application_attachment(
	                 &e.app, e.a, &e.wo, id, att, &meta, &bytes, &len),
	    ERR_NOTFOUND);
	cr_assert_eq(count_audit(&e, "application.attach", id), 10);
	env_close(&e);
}
BOTH(application, attachments)

/* ---- reviewers and comments --------------------------------------------- */

static void
reviewers_comments(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct app_comment *c;
	const char *id, *tok, *app_id;
	size_t n;

	env_open(&e, kind);
	id = start(&e, &e.wl, e.intro);
	/* Validation. */
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "not-an-address", "mentor", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "email");
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "friend@test.laurel.test", "boss", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "relationship");
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "Learner@demo.laurel.test", "mentor", &fe),
	    ERR_INVAL, "their own address");
	cr_assert_eq(application_invite(&e.app, e.a, &e.wm, id,
	                 "friend@test.laurel.test", "mentor", &fe),
	    ERR_NOTFOUND, "not the owner");
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "friend@test.laurel.test", "mentor", &fe),
	    0);
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "friend@test.laurel.test", "mentor", &fe),
	    ERR_CONFLICT, "invited twice");
	cr_assert_eq(count_mail(&e, "friend@test.laurel.test", "/reviews/"), 1);
	cr_assert_eq(
	    count_mail(&e, "friend@test.laurel.test", e.cfg.base_url), 1);
	for (int i = 1; i < APP_REVIEWERS_MAX; i++)
		cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
		                 arena_printf(e.a, "r%d@test.laurel.test", i),
		                 "colleague", &fe),
		    0);
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "eleventh@test.laurel.test", "colleague", &fe),
	    ERR_CONFLICT);
	/* The learner cannot accept their own; a friend can. */
	tok = mail_token(&e, "friend@test.laurel.test", "/reviews/");
	cr_assert_eq(review_accept(&e.app, e.a, &e.wl, tok, &app_id, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(review_accept(&e.app, e.a, &e.wf, tok, &app_id, &fe), 0);
	cr_assert_eq(get(&e, &e.wl, id).status, APP_DRAFT);
	/* Comments: reviewer on a criterion, owner on the whole; not a
	 * stranger; criterion in range; body required. */
	cr_assert_eq(application_comment(&e.app, e.a, &e.wf, id, 2,
	                 "Say more about what you would do next time.", &fe),
	    0);
	cr_assert_eq(count_mail(&e, "learner@demo.laurel.test",
	                 arena_printf(e.a, "/applications/%s", id)),
	    1);
	e.clk.frozen += 60;
	cr_assert_eq(application_comment(
	                 &e.app, e.a, &e.wl, id, 0, "Thanks, will do.", &fe),
	    0);
	cr_assert_eq(application_comment(&e.app, e.a, &e.ws, id, 0, "x", &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(application_comment(&e.app, e.a, &e.wf, id, 99, "x", &fe),
	    ERR_INVAL);
	cr_assert_eq(application_comment(&e.app, e.a, &e.wf, id, 1, "  ", &fe),
	    ERR_INVAL);
	cr_assert_eq(application_comments(&e.app, e.a, &e.wf, id, &c, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(c[0].criterion, 2);
	/* Only the owner resolves, once. */
	cr_assert_eq(
	    application_comment_resolve(&e.app, e.a, &e.wf, id, c[0].id, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    application_comment_resolve(&e.app, e.a, &e.wl, id, c[0].id, &fe),
	    0);
	cr_assert_eq(
	    application_comment_resolve(&e.app, e.a, &e.wl, id, c[0].id, &fe),
	    ERR_CONFLICT);
	cr_assert_eq(application_comments(&e.app, e.a, &e.wl, id, &c, &n), 0);
	cr_assert_neq(c[0].resolved_at, 0);
	/* Dashboard labels. */
	{
		struct app_summary *s;
		struct app_reviewing *rv;
		cr_assert_eq(
		    application_list(&e.app, e.a, e.learner, &s, &n), 0);
		cr_assert_eq(n, 1);
		cr_assert(s[0].shared);
		cr_assert_str_eq(app_state_label(s[0].status, s[0].shared,
		                     s[0].claimed, s[0].round),
		    "Shared for feedback");
		cr_assert_eq(
		    application_reviewing(&e.app, e.a, e.friend_, &rv, &n), 0);
		cr_assert_eq(n, 1);
	}
	/* Invitations expire after 14 days unless accepted. */
	tok = mail_token(&e, "r1@test.laurel.test", "/reviews/");
	e.clk.frozen += APP_REVIEW_TTL;
	cr_assert_eq(
	    review_accept(&e.app, e.a, &e.ws, tok, &app_id, &fe), ERR_NOTFOUND);
	cr_assert_eq(count_audit(&e, "application.reviewer.invite", id),
	    APP_REVIEWERS_MAX);
	cr_assert_eq(count_audit(&e, "application.comment.resolve", id), 1);
	env_close(&e);
}
BOTH(application, reviewers_comments)

/* ---- submitting --------------------------------------------------------- */

static void
submitting(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct app_submit_result res;
	struct application ap;
	struct app_draft d = {0};
	const char *id, *id2;
	int64_t rev;

	env_open(&e, kind);
	id = start(&e, &e.wl, e.intro);
	ap = get(&e, &e.wl, id);
	/* The declaration is required. */
	cr_assert_eq(application_submit(
	                 &e.app, e.a, &e.wl, id, ap.revision, false, &res, &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "declaration");
	/* Too few words, without an audio or video account. */
	cr_assert_eq(application_submit(
	                 &e.app, e.a, &e.wl, id, ap.revision, true, &res, &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "account");
	cr_assert(strstr(fe.msg, "at least 150") != NULL, "%s", fe.msg);
	/* An audio or video account stands instead. */
	d.revision = ap.revision;
	d.account_md = "";
	d.alt_url = "ftp://example.org/me.mp3";
	d.links = "";
	cr_assert_eq(
	    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe), 0);
	cr_assert_eq(
	    application_submit(&e.app, e.a, &e.wl, id, rev, true, &res, &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "alt_url");
	d.revision = rev;
	d.alt_url = "https://example.org/me.mp3";
	d.links = "https://example.org/ok\nwww.example.org";
	cr_assert_eq(
	    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe), 0);
	cr_assert_eq(
	    application_submit(&e.app, e.a, &e.wl, id, rev, true, &res, &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "links");
	cr_assert(strstr(fe.msg, "Line 2") != NULL);
	d.revision = rev;
	d.links = "https://example.org/ok";
	cr_assert_eq(
	    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe), 0);
	/* A stale revision. */
	cr_assert_eq(application_submit(
	                 &e.app, e.a, &e.wl, id, rev - 1, true, &res, &fe),
	    ERR_CONFLICT);
	res = submit(&e, &e.wl, id);
	cr_assert_not(res.auto_declined);
	cr_assert_eq(res.round, 1);
	cr_assert_eq(res.due_at, T0 + APPLICATION_DUE_DAYS * DAY);
	cr_assert_eq(res.queue_position, 1);
	ap = get(&e, &e.wl, id);
	cr_assert_eq(ap.status, APP_SUBMITTED);
	cr_assert_eq(ap.submitted_at, T0);
	cr_assert_eq(ap.due_at, T0 + 28 * DAY);
	cr_assert_eq(ap.queue_position, 1);
	cr_assert_eq(count_mail(&e, "learner@demo.laurel.test",
	                 arena_printf(e.a, "/applications/%s", id)),
	    1);
	/* Nothing changes once submitted. */
	d.revision = ap.revision;
	cr_assert_eq(application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe),
	    ERR_CONFLICT);
	cr_assert_eq(application_submit(
	                 &e.app, e.a, &e.wl, id, ap.revision, true, &res, &fe),
	    ERR_CONFLICT);
	cr_assert_eq(application_attach(&e.app, e.a, &e.wl, id, "a.png", png,
	                 sizeof(png) - 1, &id2, &fe),
	    ERR_CONFLICT);
	cr_assert_eq(application_invite(&e.app, e.a, &e.wl, id,
	                 "friend@test.laurel.test", "mentor", &fe),
	    ERR_CONFLICT);
	/* A second learner joins behind. */
	id2 = start(&e, &e.wl2, e.intro);
	fill(&e, &e.wl2, id2, NULL);
	e.clk.frozen += 3600;
	res = submit(&e, &e.wl2, id2);
	cr_assert_eq(res.queue_position, 2);
	cr_assert_eq(get(&e, &e.wl2, id2).due_at, T0 + 3600 + 28 * DAY);
	{
		struct app_round *r;
		size_t n;
		cr_assert_eq(
		    application_rounds(&e.app, e.a, &e.wl, id, &r, &n), 0);
		cr_assert_eq(n, 1);
		cr_assert_str_eq(r[0].declaration, DECLARATION_TEXT);
		cr_assert_str_eq(
		    r[0].policy_version, DECLARATION_POLICY_VERSION);
		cr_assert_eq(r[0].declared_at, T0);
		cr_assert_null(r[0].outcome);
		cr_assert_str_eq(r[0].alt_url, "https://example.org/me.mp3");
	}
	cr_assert_eq(count_audit(&e, "application.submit", NULL), 2);
	env_close(&e);
}
BOTH(application, submitting)

static void
screening(enum db_kind kind)
{
	struct env e;
	struct app_submit_result res;
	struct application ap;
	struct app_round *r;
	struct app_hit *hits;
	struct app_draft d;
	const char *id, *other;
	size_t n;

	env_open(&e, kind);
	/* Someone already waiting. */
	other = start(&e, &e.wl2, e.intro);
	fill(&e, &e.wl2, other, NULL);
	submit(&e, &e.wl2, other);

	id = start(&e, &e.wl, e.intro);
	fill(&e, &e.wl, id, "\nI rang her on 07700 900123 to check.");
	ap = get(&e, &e.wl, id);
	cr_assert_eq(application_draft_of(e.a, &ap, &d), 0);
	cr_assert_eq(application_screen_draft(e.a, &d, &hits, &n), 0);
	cr_assert_geq(n, 1);
	cr_assert_str_eq(hits[0].field, "account");
	cr_assert_str_eq(hits[0].code, "phone");
	cr_assert(hits[0].high);
	cr_assert_eq(hits[0].line, 2);
	cr_assert(strncmp(ap.account_md + hits[0].start, "07700 900123",
	              hits[0].len) == 0);
	/* Submitted with it: declined automatically, with the reason. */
	res = submit(&e, &e.wl, id);
	cr_assert(res.auto_declined);
	ap = get(&e, &e.wl, id);
	cr_assert_eq(ap.status, APP_AUTO_DECLINED);
	cr_assert_str_eq(ap.decline_code, "identifies-individuals");
	cr_assert_eq(ap.queue_position, 0);
	cr_assert_eq(application_rounds(&e.app, e.a, &e.wl, id, &r, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(r[0].outcome, "auto_declined");
	cr_assert_str_eq(r[0].reason_code, "identifies-individuals");
	cr_assert(strstr(r[0].screen, "\"phone\"") != NULL, "%s", r[0].screen);
	cr_assert(strstr(r[0].screen, "900123") == NULL,
	    "the matched text is not kept");
	cr_assert_eq(count_mail(&e, "learner@demo.laurel.test",
	                 "declined automatically"),
	    1);
	cr_assert_eq(count_audit(&e, "application.auto_decline", id), 1);
	/* Edit and resubmit at once: the back of the queue. */
	e.clk.frozen += 60;
	fill(&e, &e.wl, id, "\nI rang her to check.");
	res = submit(&e, &e.wl, id);
	cr_assert_not(res.auto_declined);
	cr_assert_eq(res.round, 2);
	cr_assert_eq(res.queue_position, 2);
	ap = get(&e, &e.wl, id);
	cr_assert_eq(ap.status, APP_SUBMITTED);
	cr_assert_str_eq(
	    app_state_label(ap.status, false, false, ap.round), "Resubmitted");
	cr_assert_eq(ap.due_at, T0 + 60 + 28 * DAY);
	env_close(&e);
}
BOTH(application, screening)

/* ---- withdraw and integrity ---------------------------------------------- */

static void
withdraw_integrity(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct application ap;
	struct app_concern *c;
	const char *id, *claimed;
	size_t n;

	env_open(&e, kind);
	id = start(&e, &e.wl, e.intro);
	fill(&e, &e.wl, id, NULL);
	submit(&e, &e.wl, id);
	/* Not someone else's. */
	cr_assert_eq(
	    application_withdraw(&e.app, e.a, &e.wa, id, &fe), ERR_FORBIDDEN);
	/* Claimed: no withdrawal; the position still counts. */
	cr_assert_eq(
	    assess_claim_oldest(&e.app, e.a, &e.wa, e.scheme, &claimed, &fe), 0,
	    "%s", fe.msg);
	cr_assert_str_eq(claimed, id);
	ap = get(&e, &e.wl, id);
	cr_assert_not_null(ap.claimed_by);
	cr_assert_eq(ap.queue_position, 1);
	cr_assert_eq(
	    application_withdraw(&e.app, e.a, &e.wl, id, &fe), ERR_CONFLICT);
	/* An integrity concern: the learner responds once. */
	cr_assert_eq(application_respond(&e.app, e.a, &e.wl, id, "Mine.", &fe),
	    ERR_CONFLICT, "no concern yet");
	cr_assert_eq(assess_flag(&e.app, e.a, &e.wa, e.scheme, id, 1,
	                 "The style changes halfway.", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(get(&e, &e.wl, id).status, APP_INTEGRITY);
	cr_assert_eq(application_concerns(&e.app, e.a, &e.wl, id, &c, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(c[0].note, "The style changes halfway.");
	cr_assert_eq(
	    application_respond(&e.app, e.a, &e.wl, id, "  ", &fe), ERR_INVAL);
	cr_assert_eq(application_respond(&e.app, e.a, &e.wm, id, "x", &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(
	    application_withdraw(&e.app, e.a, &e.wl, id, &fe), ERR_CONFLICT);
	cr_assert_eq(application_respond(&e.app, e.a, &e.wl, id,
	                 "I wrote it over two evenings.", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(application_respond(&e.app, e.a, &e.wl, id, "Again", &fe),
	    ERR_CONFLICT);
	cr_assert_eq(application_concerns(&e.app, e.a, &e.wl, id, &c, &n), 0);
	cr_assert_str_eq(c[0].response, "I wrote it over two evenings.");
	cr_assert_eq(c[0].responded_at, T0);
	cr_assert_eq(count_audit(&e, "application.integrity.respond", id), 1);

	/* A draft withdraws; a withdrawn one cannot change again. */
	id = start(&e, &e.wl, e.writing);
	cr_assert_eq(application_withdraw(&e.app, e.a, &e.wl, id, &fe), 0);
	cr_assert_eq(get(&e, &e.wl, id).status, APP_WITHDRAWN);
	cr_assert_eq(
	    application_withdraw(&e.app, e.a, &e.wl, id, &fe), ERR_CONFLICT);
	cr_assert_eq(application_comment(&e.app, e.a, &e.wl, id, 0, "x", &fe),
	    ERR_CONFLICT);
	{
		struct app_draft d = {0};
		int64_t rev;
		d.revision = get(&e, &e.wl, id).revision;
		cr_assert_eq(
		    application_save(&e.app, e.a, &e.wl, id, &d, &rev, &fe),
		    ERR_CONFLICT);
	}
	cr_assert_eq(count_audit(&e, "application.withdraw", id), 1);
	env_close(&e);
}
BOTH(application, withdraw_integrity)

/* ---- states ------------------------------------------------------------- */

Test(application, states)
{
	for (int s = APP_DRAFT; s <= APP_WITHDRAWN; s++) {
		const char *c = app_status_code((enum app_status)s);
		cr_assert_eq((int)app_status_parse(c), s);
	}
	cr_assert_eq((int)app_status_parse("nope"), 0);
	cr_assert(app_status_editable(APP_AUTO_DECLINED));
	cr_assert_not(app_status_editable(APP_SUBMITTED));
	cr_assert(app_status_open(APP_INTEGRITY));
	cr_assert_not(app_status_open(APP_AWARDED));
	cr_assert_str_eq(
	    app_state_label(APP_SUBMITTED, false, true, 1), "Being assessed");
	cr_assert_str_eq(app_state_label(APP_DRAFT, false, false, 0), "Draft");
}

/* Merging accounts moves the merged account's applications to the one
 * kept; two open applications for the same badge must be settled first. */
static void
merge(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct app_summary *v;
	char other[ID_LEN + 1];
	const char *mine, *theirs;
	size_t n;
	bool made;

	env_open(&e, kind);
	cr_assert_eq(account_ensure(&e.app, e.a, "Second account",
	                 "second@test.laurel.test", "a long enough secret",
	                 other, &made),
	    0);
	struct who wo = {other, "192.0.2.9"};
	theirs = start(&e, &wo, e.comms);
	fill(&e, &wo, theirs, NULL);
	mine = start(&e, &e.wl, e.comms);
	cr_assert_eq(
	    account_merge(&e.app, e.a, &e.wl, "second@test.laurel.test",
	        "a long enough secret", &fe),
	    ERR_CONFLICT);
	cr_assert_str_eq(fe.field, "email");
	cr_assert_eq(application_list(&e.app, e.a, other, &v, &n), 0);
	cr_assert_eq(n, 1, "a refused merge moves nothing");

	cr_assert_eq(application_withdraw(&e.app, e.a, &e.wl, mine, &fe), 0);
	cr_assert_eq(
	    account_merge(&e.app, e.a, &e.wl, "second@test.laurel.test",
	        "a long enough secret", &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_eq(application_list(&e.app, e.a, other, &v, &n), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(application_list(&e.app, e.a, e.learner, &v, &n), 0);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(v[i].id, theirs) == 0;
	cr_assert(found, "the merged account's draft is the learner's now");
	struct application ap = get(&e, &e.wl, theirs);
	cr_assert_str_eq(ap.person_id, e.learner);
	env_close(&e);
}
BOTH(application, merge)

/* Deleting an account withdraws its open applications (they leave the
 * queue) and empties their working copies; submitted rounds stay. */
static void
delete_account(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct app_round *rounds;
	struct application ap;
	char gone[ID_LEN + 1];
	const char *sub, *draft;
	size_t n;
	bool made;

	env_open(&e, kind);
	cr_assert_eq(
	    account_ensure(&e.app, e.a, "Leaving", "leaving@test.laurel.test",
	        "a long enough secret", gone, &made),
	    0);
	struct who wg = {gone, "192.0.2.9"};
	sub = start(&e, &wg, e.intro);
	fill(&e, &wg, sub, NULL);
	submit(&e, &wg, sub);
	draft = start(&e, &wg, e.comms);
	fill(&e, &wg, draft, NULL);
	cr_assert_eq(application_invite(&e.app, e.a, &wg, draft,
	                 "friend@test.laurel.test", "colleague", &fe),
	    0, "%s", fe.msg ? fe.msg : "");

	cr_assert_eq(
	    account_delete(&e.app, e.a, &wg, "a long enough secret", &fe), 0,
	    "%s", fe.msg ? fe.msg : "");
	/* The issuer's staff still see the submitted round, withdrawn. */
	ap = get(&e, &e.wa, sub);
	cr_assert_eq(ap.status, APP_WITHDRAWN);
	cr_assert_str_eq(ap.account_md, "");
	cr_assert_eq(ap.queue_position, 0);
	cr_assert_eq(
	    application_rounds(&e.app, e.a, &e.wa, sub, &rounds, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_neq(rounds[0].account_md[0], '\0');
	/* The draft is gone from everyone, its reviewer too. */
	cr_assert_eq(application_access(&e.app, e.a, &e.wf, draft), 0);
	env_close(&e);
}
BOTH(application, delete_account)
