/*
 * test_assessment.c: the assessor's side (domain/assessment.h, award.h,
 * jobs.h) on SQLite and PostgreSQL under a frozen clock the tests move:
 * the queue's strict order (a resubmission at the back), claiming the
 * oldest or a chosen one (reason required, logged), expiry and release by
 * the job, every outcome and the transitions that must be refused, the
 * integrity flow, the award and its evidence snapshot, emails, audit
 * events, counts and workload, job leases and alerts sent once, and races
 * between two threads with a database connection each (exactly one claim
 * and one decision win).
 *
 * Submitted applications are made with raw rows (make_app): they are what
 * the submit code (application_submit) leaves behind, and the assessor's
 * side depends only on those rows.
 */
#include <pthread.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/assessment.h"
#include "domain/audit.h"
#include "domain/award.h"
#include "domain/badge.h"
#include "domain/jobs.h"
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
	enum db_kind kind;
	char url[512]; /* what other connections open */
	char dir[256]; /* SQLite file's directory, or "" */
	char scheme[ID_LEN + 1];
	const char *other_issuer;
	char learner[ID_LEN + 1], assessor[ID_LEN + 1], assessor2[ID_LEN + 1],
	    admin[ID_LEN + 1], other_assessor[ID_LEN + 1];
	struct who w_learner, w_assessor, w_assessor2, w_admin, w_other;
	const char *badge;
	size_t ncrit;
	int64_t expiry_months;
	unsigned seq;
};

static void
person(struct env *e, const char *email, char out[ID_LEN + 1])
{
	bool made;

	cr_assert_eq(
	    account_ensure(&e->app, e->a, "Person", email, NULL, out, &made),
	    0);
}

static void
sql(struct env *e, const char *s)
{
	char msg[512];

	cr_assert_eq(
	    db_script(e->db, s, msg, sizeof(msg)), 0, "%s: %s", s, msg);
}

/* env_open: file is true for a database other connections can open (a
 * SQLite file; PostgreSQL always is). */
static void
env_open(struct env *e, enum db_kind kind, bool file)
{
	static const uint8_t secret[32] = {1, 2, 3};
	struct who w = {"", "test"};
	char org_b[ID_LEN + 1], msg[512];
	struct badge_summary *bs;
	struct form_err fe = {0};
	size_t n;
	int created, applied;

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	if (kind == DB_SQLITE && file) {
		snprintf(e->dir, sizeof(e->dir), "/tmp/laurel-assess-XXXXXX");
		cr_assert_not_null(mkdtemp(e->dir));
		snprintf(e->url, sizeof(e->url), "%s/db.sqlite", e->dir);
		cr_assert_eq(db_open(e->url, &e->db, msg, sizeof(msg)), 0);
		cr_assert_eq(
		    migrate_run(e->db, T0, &applied, msg, sizeof(msg)), 0);
	} else {
		e->db = testdb_open_kind(kind, true);
		if (kind == DB_PGSQL)
			snprintf(e->url, sizeof(e->url), "%s",
			    getenv("LAUREL_TEST_PG"));
	}
	config_defaults(&e->cfg);
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = secret};
	e->a = arena_new(1 << 26);
	cr_assert_eq(seed_demo(&e->app, &created), 0);
	seed_id("issuer:scheme", e->scheme);
	person(e, "learner@demo.laurel.test", e->learner);
	person(e, "assessor@demo.laurel.test", e->assessor);
	person(e, "issueradmin@demo.laurel.test", e->admin);
	person(e, "assessor2@test.laurel.test", e->assessor2);
	person(e, "other-assessor@test.laurel.test", e->other_assessor);
	cr_assert_eq(db_begin(e->db), 0);
	cr_assert_eq(issuer_grant_person(
	                 &e->app, &w, e->scheme, e->assessor2, "assessor"),
	    0);
	seed_id("test:org-b", org_b);
	cr_assert_eq(org_create_approved(&e->app, &w, org_b, "Org B", ""), 0);
	cr_assert_eq(org_add_member(&e->app, &w, org_b, e->other_assessor,
	                 "org_admin", NULL),
	    0);
	cr_assert_eq(db_commit(e->db), 0);
	w.person = e->other_assessor;
	cr_assert_eq(
	    org_become_issuer(&e->app, e->a, &w, org_b, &e->other_issuer, &fe),
	    0, "%s", fe.msg);
	w.person = "";
	cr_assert_eq(db_begin(e->db), 0);
	cr_assert_eq(issuer_grant_person(&e->app, &w, e->other_issuer,
	                 e->other_assessor, "assessor"),
	    0);
	cr_assert_eq(db_commit(e->db), 0);
	e->w_learner = (struct who){e->learner, "192.0.2.1"};
	e->w_assessor = (struct who){e->assessor, "192.0.2.2"};
	e->w_assessor2 = (struct who){e->assessor2, "192.0.2.3"};
	e->w_admin = (struct who){e->admin, "192.0.2.4"};
	e->w_other = (struct who){e->other_assessor, "192.0.2.5"};

	/* A published badge of the scheme that expires, with criteria. */
	cr_assert_eq(badge_issuer_list(&e->app, e->a, e->scheme, &bs, &n), 0);
	for (size_t i = 0; i < n && e->badge == NULL; i++) {
		struct badge_detail d;
		if (strcmp(bs[i].status, "published") != 0)
			continue;
		cr_assert_eq(
		    badge_get(&e->app, e->a, bs[i].id, 0, true, NULL, &d), 0);
		if (d.expiry_months > 0 && d.n_criteria >= 2) {
			e->badge = bs[i].id;
			e->ncrit = d.n_criteria;
			e->expiry_months = d.expiry_months;
		}
	}
	cr_assert_not_null(e->badge, "no published badge with an expiry");
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	db_close(e->db);
	config_free(&e->cfg);
	if (e->dir[0] != '\0') {
		char p[400];
		const char *sfx[] = {"", "-wal", "-shm"};
		for (size_t i = 0; i < NELEM(sfx); i++) {
			snprintf(
			    p, sizeof(p), "%s/db.sqlite%s", e->dir, sfx[i]);
			unlink(p);
		}
		rmdir(e->dir);
	}
}

/* new_person makes a learner of their own (one open application per
 * badge per person). */
static const char *
new_person(struct env *e)
{
	char *id = arena_alloc(e->a, ID_LEN + 1);

	person(e,
	    arena_printf(e->a, "learner%u-%u@test.laurel.test", ++e->seq,
	        (unsigned)getpid()),
	    id);
	return id;
}

/* insert_round adds round of application id as the submit code does, at
 * the back of the queue, submitted now. */
static void
insert_round(struct env *e, const char *id, int round, const char *account)
{
	int64_t now = clock_now(&e->clk);
	struct buf ans;

	buf_init(&ans, e->a, 1 << 16);
	buf_adds(&ans, "[");
	for (size_t i = 0; i < e->ncrit; i++)
		buf_addf(&ans, "%s\"Answer %zu, round %d\"", i ? "," : "",
		    i + 1, round);
	buf_adds(&ans, "]");
	sql(e,
	    arena_printf(e->a,
	        "UPDATE applications SET status = 'submitted', round = %d, "
	        "account_md = '%s', queue_seq = (SELECT "
	        "COALESCE(MAX(queue_seq), "
	        "0) + 1 FROM applications), submitted_at = %lld, due_at = "
	        "%lld, "
	        "claimed_by = NULL, claimed_at = NULL, claim_expires_at = "
	        "NULL, "
	        "decided_at = NULL, updated_at = %lld WHERE id = '%s';"
	        "INSERT INTO application_rounds (application_id, round, "
	        "version, "
	        "account_md, alt_url, links, answers, attachments, "
	        "declaration, "
	        "policy_version, declared_at, submitted_at, due_at, queue_seq) "
	        "SELECT id, round, version, account_md, "
	        "'https://video.example/r%d', 'https://a.example/1\nhttps://b."
	        "example/2', '%s', "
	        "'[{\"id\":\"att1\",\"filename\":\"notes.pdf\","
	        "\"content_type\":\"application/pdf\",\"size\":1234}]', "
	        "'I declare it is my own work.', '2026-11', %lld, %lld, %lld, "
	        "queue_seq FROM applications WHERE id = '%s';",
	        round, account, (long long)now, (long long)(now + 28 * DAY),
	        (long long)now, id, round, ans.data, (long long)now,
	        (long long)now, (long long)(now + 28 * DAY), id));
}

/* make_app makes a submitted application (round 1) by person. */
static const char *
make_app(struct env *e, const char *who)
{
	char *id = arena_alloc(e->a, ID_LEN + 1);
	int64_t now = clock_now(&e->clk);

	id_new(id);
	sql(e,
	    arena_printf(e->a,
	        "INSERT INTO applications (id, badge_id, version, issuer_id, "
	        "person_id, status, created_at, updated_at) SELECT '%s', b.id, "
	        "b.current_version, b.issuer_id, '%s', 'draft', %lld, %lld "
	        "FROM "
	        "badges b WHERE b.id = '%s';",
	        id, who, (long long)now, (long long)now, e->badge));
	insert_round(e, id, 1, "My account of my practice, round 1.");
	return id;
}

static void
set_status(struct env *e, const char *id, const char *status)
{
	sql(e,
	    arena_printf(e->a,
	        "UPDATE applications SET status = '%s' WHERE id = '%s';",
	        status, id));
}

static const char *
status_of(struct env *e, const char *id)
{
	struct assess_app v;

	cr_assert_eq(
	    assess_app_get(&e->app, e->a, &e->w_admin, e->scheme, id, &v), 0);
	return v.status;
}

static struct assess_app
get(struct env *e, const char *id)
{
	struct assess_app v;

	cr_assert_eq(
	    assess_app_get(&e->app, e->a, &e->w_admin, e->scheme, id, &v), 0);
	return v;
}

static size_t
count_mail(struct env *e, const char *to, const char *want)
{
	struct outbox_msg *m;
	size_t n, k = 0;

	cr_assert_eq(outbox_list(&e->app, e->a, 1000, &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += (to == NULL || strcmp(m[i].to, to) == 0) &&
		    (want == NULL || strstr(m[i].body, want) != NULL ||
		        strstr(m[i].subject, want) != NULL);
	return k;
}

static size_t
count_audit(struct env *e, const char *action, const char *subject)
{
	struct audit_filter f = {"", action, 0, INT64_MAX, 1000, 0};
	struct audit_event *ev;
	size_t n, k = 0;

	cr_assert_eq(audit_list(&e->app, e->a, &f, &ev, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(ev[i].action, action) == 0 &&
		    (subject == NULL || strcmp(ev[i].subject, subject) == 0);
	return k;
}

static void
claim_ok_at(struct env *e, const struct who *w, const char *id, int line)
{
	struct form_err fe = {0};

	cr_assert_eq(
	    assess_claim(&e->app, e->a, w, e->scheme, id, "a reason", &fe), 0,
	    "line %d: %s", line, fe.msg ? fe.msg : "");
}
#define claim_ok(e, w, id) claim_ok_at(e, w, id, __LINE__)

/* decision fills d with marks for every criterion (met as given). */
static struct assess_decision
decision(struct env *e, enum assess_outcome o, int round, bool met)
{
	struct assess_mark *m = arena_alloc(e->a, e->ncrit * sizeof(*m));
	struct assess_decision d = {0};

	for (size_t i = 0; i < e->ncrit; i++) {
		m[i].position = (int)i + 1;
		m[i].met = met ? 1 : 0;
		m[i].comment = arena_printf(e->a, "Comment on %zu", i + 1);
	}
	d.round = round;
	d.outcome = o;
	d.marks = m;
	d.nmarks = e->ncrit;
	d.feedback = o == ASSESS_AWARD ? "" : "Please say more about it.";
	d.reason_code = o == ASSESS_DECLINE ? "criteria-not-met" : "";
	return d;
}

static int
decide(struct env *e, const struct who *w, const char *id,
    const struct assess_decision *d, const char **award, struct form_err *fe)
{
	const char *aw;

	memset(fe, 0, sizeof(*fe));
	return assess_decide(
	    &e->app, e->a, w, e->scheme, id, d, award ? award : &aw, fe);
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

/* ---- the queue --------------------------------------------------------- */

static void
queue_order(enum db_kind kind)
{
	struct env e;
	struct assess_app *q;
	struct assess_counts c;
	struct form_err fe = {0};
	struct assess_decision d;
	const char *a1, *a2, *a3, *id;
	size_t n;

	env_open(&e, kind, false);
	a1 = make_app(&e, new_person(&e));
	e.clk.frozen += 60;
	a2 = make_app(&e, new_person(&e));
	e.clk.frozen += 60;
	a3 = make_app(&e, new_person(&e));
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_assessor, e.scheme, &q, &n, &c), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(q[0].id, a1);
	cr_assert_str_eq(q[1].id, a2);
	cr_assert_str_eq(q[2].id, a3);
	cr_assert_eq(q[2].position, 3);
	cr_assert_eq(c.waiting, 3);
	cr_assert_eq(c.overdue, 0);
	cr_assert_eq(c.decided_week, 0);
	/* Learners and other issuers' staff do not see it. */
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_learner, e.scheme, &q, &n, &c),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_other, e.scheme, &q, &n, &c),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_other, e.other_issuer, &q, &n, &c),
	    0);
	cr_assert_eq(n, 0);

	/* The oldest is claimed first; returned and resubmitted, it joins
	 * the back with a new due date. */
	cr_assert_eq(
	    assess_claim_oldest(&e.app, e.a, &e.w_assessor, e.scheme, &id, &fe),
	    0, "%s", fe.msg);
	cr_assert_str_eq(id, a1);
	d = decision(&e, ASSESS_RETURN, 1, false);
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, NULL, &fe), 0, "%s", fe.msg);
	e.clk.frozen += DAY;
	insert_round(&e, a1, 2, "Round 2 account.");
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_admin, e.scheme, &q, &n, &c), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(q[0].id, a2);
	cr_assert_str_eq(q[1].id, a3);
	cr_assert_str_eq(q[2].id, a1);
	cr_assert_eq(q[2].round, 2);
	cr_assert_eq(q[2].due_at, T0 + 120 + DAY + 28 * DAY);
	cr_assert_eq(c.decided_week, 1);
	/* The next oldest now is a2, even for the first assessor. */
	cr_assert_eq(assess_claim_oldest(
	                 &e.app, e.a, &e.w_assessor2, e.scheme, &id, &fe),
	    0);
	cr_assert_str_eq(id, a2);
	/* Overdue after 28 days. */
	e.clk.frozen = T0 + 120 + 28 * DAY;
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_admin, e.scheme, &q, &n, &c), 0);
	cr_assert_eq(c.overdue, 2);
	cr_assert(q[0].overdue && q[1].overdue && !q[2].overdue);
	/* The claim on a2 ran out (48 h): shown unclaimed. */
	cr_assert_str_eq(q[0].claimed_by, "");
	/* Nothing left to claim for someone when it's all claimed. */
	env_close(&e);
}
BOTH(assessment, queue_order)

static void
claims(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct assess_claim_log *log;
	const char *a1, *a2, *own, *id;
	size_t n;

	env_open(&e, kind, false);
	a1 = make_app(&e, new_person(&e));
	a2 = make_app(&e, new_person(&e));
	own = make_app(&e, e.assessor);
	/* A chosen one that is not the oldest needs a reason. */
	cr_assert_eq(
	    assess_claim(&e.app, e.a, &e.w_assessor, e.scheme, a2, "  ", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "reason");
	cr_assert_eq(assess_claim(&e.app, e.a, &e.w_assessor, e.scheme, a2,
	                 "I know this area well", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(assess_claim_history(
	                 &e.app, e.a, &e.w_admin, e.scheme, a2, &log, &n),
	    0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(log[0].how, "chosen");
	cr_assert_str_eq(log[0].reason, "I know this area well");
	cr_assert_eq(log[0].expires_at, T0 + ASSESS_CLAIM_TTL);
	cr_assert_eq(count_audit(&e, "assess.claim", a2), 1);
	/* Someone else cannot take it. */
	cr_assert_eq(assess_claim(&e.app, e.a, &e.w_assessor2, e.scheme, a2,
	                 "mine", &fe),
	    ERR_CONFLICT);
	/* The oldest, claimed by name, needs no reason. */
	cr_assert_eq(
	    assess_claim(&e.app, e.a, &e.w_assessor2, e.scheme, a1, "", &fe), 0,
	    "%s", fe.msg);
	cr_assert_eq(assess_claim_history(
	                 &e.app, e.a, &e.w_admin, e.scheme, a1, &log, &n),
	    0);
	cr_assert_str_eq(log[0].how, "oldest");
	/* Nobody assesses their own: the assessor's own application is
	 * skipped by "claim the oldest" and refused by name. */
	cr_assert_eq(assess_claim(&e.app, e.a, &e.w_assessor, e.scheme, own,
	                 "reason", &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    assess_claim_oldest(&e.app, e.a, &e.w_assessor, e.scheme, &id, &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(
	    assess_claim_oldest(&e.app, e.a, &e.w_admin, e.scheme, &id, &fe),
	    0);
	cr_assert_str_eq(id, own);
	/* Not staff, or another issuer's staff. */
	cr_assert_eq(
	    assess_claim(&e.app, e.a, &e.w_learner, e.scheme, a1, "x", &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    assess_claim(&e.app, e.a, &e.w_other, e.other_issuer, a1, "x", &fe),
	    ERR_NOTFOUND);
	/* Release: the claimant, or an admin; not another assessor. */
	cr_assert_eq(
	    assess_release(&e.app, e.a, &e.w_assessor, e.scheme, a1, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    assess_release(&e.app, e.a, &e.w_assessor2, e.scheme, a1, &fe), 0);
	cr_assert_str_eq(get(&e, a1).claimed_by, "");
	cr_assert_eq(
	    assess_release(&e.app, e.a, &e.w_admin, e.scheme, a2, &fe), 0);
	cr_assert_eq(assess_claim_history(
	                 &e.app, e.a, &e.w_admin, e.scheme, a2, &log, &n),
	    0);
	cr_assert_str_eq(log[0].end_reason, "released");
	cr_assert_eq(count_audit(&e, "assess.release", NULL), 2);
	env_close(&e);
}
BOTH(assessment, claims)

static void
reassign_workload(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct assess_workload *w;
	struct assess_claim_log *log;
	struct assess_decision d;
	const char *a1, *a2;
	size_t n;

	env_open(&e, kind, false);
	a1 = make_app(&e, new_person(&e));
	a2 = make_app(&e, new_person(&e));
	claim_ok(&e, &e.w_assessor, a1);
	/* Only admins reassign, to an assessor of the issuer, with a
	 * reason. */
	cr_assert_eq(assess_reassign(&e.app, e.a, &e.w_assessor, e.scheme, a1,
	                 e.assessor2, "r", &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(assess_reassign(&e.app, e.a, &e.w_admin, e.scheme, a1,
	                 e.learner, "r", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "to");
	cr_assert_eq(assess_reassign(&e.app, e.a, &e.w_admin, e.scheme, a1,
	                 e.other_assessor, "r", &fe),
	    ERR_INVAL);
	cr_assert_eq(assess_reassign(&e.app, e.a, &e.w_admin, e.scheme, a1,
	                 e.assessor2, "", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "reason");
	cr_assert_eq(assess_reassign(&e.app, e.a, &e.w_admin, e.scheme, a1,
	                 e.assessor2, "Priya is on leave", &fe),
	    0, "%s", fe.msg);
	cr_assert_str_eq(get(&e, a1).claimed_by, e.assessor2);
	cr_assert_eq(assess_claim_history(
	                 &e.app, e.a, &e.w_admin, e.scheme, a1, &log, &n),
	    0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(log[0].end_reason, "reassigned");
	cr_assert_str_eq(log[1].how, "reassigned");
	cr_assert_str_eq(log[1].reason, "Priya is on leave");
	cr_assert_str_neq(log[1].assigned_by_name, "");
	cr_assert_eq(count_audit(&e, "assess.reassign", a1), 1);
	/* The first assessor can no longer decide it. */
	d = decision(&e, ASSESS_AWARD, 1, true);
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, NULL, &fe), ERR_CONFLICT);
	cr_assert_eq(
	    decide(&e, &e.w_assessor2, a1, &d, NULL, &fe), 0, "%s", fe.msg);
	claim_ok(&e, &e.w_assessor, a2);
	/* Workload: admins only. */
	cr_assert_eq(
	    assess_workload(&e.app, e.a, &e.w_assessor, e.scheme, &w, &n),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    assess_workload(&e.app, e.a, &e.w_admin, e.scheme, &w, &n), 0);
	cr_assert_geq(n, 3);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(w[i].person, e.assessor) == 0) {
			cr_assert_eq(w[i].claimed, 1);
			cr_assert_eq(w[i].decided_week, 0);
			cr_assert(w[i].assessor);
		} else if (strcmp(w[i].person, e.assessor2) == 0) {
			cr_assert_eq(w[i].claimed, 0);
			cr_assert_eq(w[i].decided_week, 1);
			cr_assert_eq(w[i].decided_total, 1);
		}
	}
	e.clk.frozen += 8 * DAY;
	cr_assert_eq(
	    assess_workload(&e.app, e.a, &e.w_admin, e.scheme, &w, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(w[i].person, e.assessor2) == 0) {
			cr_assert_eq(w[i].decided_week, 0);
			cr_assert_eq(w[i].decided_total, 1);
		}
	env_close(&e);
}
BOTH(assessment, reassign_workload)

/* ---- claims that run out, and the jobs ---------------------------------- */

static void
expiry_and_jobs(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct assess_claim_log *log;
	struct assess_decision d;
	const char *a1;
	size_t n;
	int ran;

	env_open(&e, kind, false);
	a1 = make_app(&e, new_person(&e));
	claim_ok(&e, &e.w_assessor, a1);
	/* Leases: the first worker runs every job, a second at the same
	 * moment none. */
	cr_assert_eq(jobs_run_due(&e.app, "w1", &ran), 0);
	cr_assert_eq(ran, (int)njobs);
	cr_assert_eq(jobs_run_due(&e.app, "w2", &ran), 0);
	cr_assert_eq(ran, 0);
	e.clk.frozen += 59;
	cr_assert_eq(jobs_run_due(&e.app, "w2", &ran), 0);
	cr_assert_eq(ran, 0);
	e.clk.frozen += 1;
	cr_assert_eq(jobs_run_due(&e.app, "w2", &ran), 0);
	cr_assert_eq(ran, 1); /* the claims job: every minute */
	cr_assert_str_eq(get(&e, a1).claimed_by, e.assessor);
	/* 48 hours later the claim has run out: no decision on it. */
	e.clk.frozen = T0 + ASSESS_CLAIM_TTL;
	d = decision(&e, ASSESS_AWARD, 1, true);
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, NULL, &fe), ERR_CONFLICT);
	cr_assert_eq(jobs_run_due(&e.app, "w1", &ran), 0);
	cr_assert_eq(ran, (int)njobs); /* two days on, every job is due */
	cr_assert_eq(assess_claim_history(
	                 &e.app, e.a, &e.w_admin, e.scheme, a1, &log, &n),
	    0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(log[0].end_reason, "expired");
	cr_assert_eq(log[0].ended_at, T0 + ASSESS_CLAIM_TTL);
	cr_assert_eq(count_audit(&e, "assess.claim.expire", a1), 1);
	/* Released only once. */
	e.clk.frozen += 120;
	cr_assert_eq(jobs_run_due(&e.app, "w1", &ran), 0);
	cr_assert_eq(count_audit(&e, "assess.claim.expire", a1), 1);
	/* A claim that ran out can be taken before the job runs. */
	claim_ok(&e, &e.w_assessor2, a1);
	e.clk.frozen += ASSESS_CLAIM_TTL + 1;
	claim_ok(&e, &e.w_assessor, a1);
	cr_assert_eq(assess_claim_history(
	                 &e.app, e.a, &e.w_admin, e.scheme, a1, &log, &n),
	    0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(log[1].end_reason, "expired");
	cr_assert_eq(log[2].ended_at, 0);
	env_close(&e);
}
BOTH(assessment, expiry_and_jobs)

static void
alerts(enum db_kind kind)
{
	struct env e;
	const char *a1;
	int ran;
	size_t due, due2, over;

	env_open(&e, kind, false);
	a1 = make_app(&e, new_person(&e));
	(void)a1;
	/* Nothing a week before the 7-day mark. */
	e.clk.frozen = T0 + 14 * DAY;
	cr_assert_eq(jobs_run_due(&e.app, "w", &ran), 0);
	cr_assert_eq(count_mail(&e, NULL, "is due by"), 0);
	/* Unclaimed and due within 7 days: every assessor of the issuer. */
	e.clk.frozen = T0 + 21 * DAY;
	cr_assert_eq(jobs_run_due(&e.app, "w", &ran), 0);
	due = count_mail(&e, "assessor@demo.laurel.test", "is due by");
	due2 = count_mail(&e, "assessor2@test.laurel.test", "is due by");
	cr_assert_eq(due, 1);
	cr_assert_eq(due2, 1);
	cr_assert_eq(
	    count_mail(&e, "issueradmin@demo.laurel.test", "is due by"), 0);
	/* Once only. */
	e.clk.frozen += 3600;
	cr_assert_eq(jobs_run_due(&e.app, "w", &ran), 0);
	cr_assert_eq(count_mail(&e, NULL, "is due by"), 2);
	/* Overdue: the issuer's admins, once. */
	e.clk.frozen = T0 + 28 * DAY;
	cr_assert_eq(jobs_run_due(&e.app, "w", &ran), 0);
	over = count_mail(&e, "issueradmin@demo.laurel.test", "was due by");
	cr_assert_eq(over, 1);
	e.clk.frozen += DAY;
	cr_assert_eq(jobs_run_due(&e.app, "w", &ran), 0);
	cr_assert_eq(count_mail(&e, NULL, "was due by"), over);
	/* A claimed one alerts its claimant only. */
	{
		const char *a2;
		a2 = make_app(&e, new_person(&e));
		claim_ok(&e, &e.w_assessor2, a2);
		e.clk.frozen += 21 * DAY + 1;
		claim_ok(&e, &e.w_assessor2, a2); /* the first ran out */
		cr_assert_eq(jobs_run_due(&e.app, "w", &ran), 0);
		cr_assert_eq(
		    count_mail(&e, "assessor2@test.laurel.test", "is due by"),
		    2);
		cr_assert_eq(
		    count_mail(&e, "assessor@demo.laurel.test", "is due by"),
		    1);
	}
	env_close(&e);
}
BOTH(assessment, alerts)

/* ---- decisions --------------------------------------------------------- */

static void
award_outcome(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct assess_decision d;
	struct award w, *list;
	const char *a1, *who, *aid;
	size_t n;

	env_open(&e, kind, false);
	who = e.learner;
	a1 = make_app(&e, who);
	claim_ok(&e, &e.w_assessor, a1);
	/* Every criterion must be met to award. */
	d = decision(&e, ASSESS_AWARD, 1, false);
	cr_assert_eq(decide(&e, &e.w_assessor, a1, &d, &aid, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "outcome");
	/* Every criterion needs a mark. */
	d = decision(&e, ASSESS_AWARD, 1, true);
	d.nmarks = e.ncrit - 1;
	cr_assert_eq(decide(&e, &e.w_assessor, a1, &d, &aid, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, arena_printf(e.a, "met_%zu", e.ncrit));
	/* A stale round. */
	d = decision(&e, ASSESS_AWARD, 2, true);
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, &aid, &fe), ERR_CONFLICT);
	/* Someone without the claim. */
	d = decision(&e, ASSESS_AWARD, 1, true);
	cr_assert_eq(
	    decide(&e, &e.w_assessor2, a1, &d, &aid, &fe), ERR_CONFLICT);
	cr_assert_eq(
	    decide(&e, &e.w_learner, a1, &d, &aid, &fe), ERR_FORBIDDEN);
	cr_assert_eq(assess_decide(&e.app, e.a, &e.w_other, e.other_issuer, a1,
	                 &d, &aid, &fe),
	    ERR_NOTFOUND);
	cr_assert_eq(decide(&e, &e.w_other, a1, &d, &aid, &fe), ERR_FORBIDDEN);

	e.clk.frozen += 3600;
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, &aid, &fe), 0, "%s", fe.msg);
	cr_assert_not_null(aid);
	cr_assert_str_eq(status_of(&e, a1), "awarded");
	cr_assert_eq(award_get(&e.app, e.a, aid, &w), 0);
	cr_assert_str_eq(w.person_id, who);
	cr_assert_str_eq(w.badge_id, e.badge);
	cr_assert_eq(w.version, 1);
	cr_assert_str_eq(w.status, "active");
	cr_assert_eq(w.issued_at, T0 + 3600);
	cr_assert_eq(
	    w.expires_at, clock_add_months(T0 + 3600, (int)e.expiry_months));
	cr_assert_str_eq(w.application_id, a1);
	cr_assert_str_eq(w.assessor_id, e.assessor);
	cr_assert_str_eq(w.recipient_email, "learner@demo.laurel.test");
	/* The learner's email links the award's own page. */
	cr_assert_eq(count_mail(&e, "learner@demo.laurel.test",
	                 arena_printf(e.a, "/awards/%s\n", aid)),
	    1);
	cr_assert(
	    strstr(w.evidence, "My account of my practice, round 1.") != NULL);
	cr_assert(
	    strstr(w.evidence, "\"answer\":\"Answer 1, round 1\"") != NULL);
	cr_assert(strstr(w.evidence, "\"criterion\":") != NULL);
	cr_assert(strstr(w.evidence, "https://b.example/2") != NULL);
	cr_assert(strstr(w.evidence, "https://video.example/r1") != NULL);
	cr_assert(strstr(w.evidence, "notes.pdf") != NULL);
	cr_assert(strstr(w.evidence, "\"policy_version\":\"2026-11\"") != NULL);
	cr_assert(strstr(w.evidence, "\"round\":1") != NULL);
	/* The snapshot never changes, whatever happens to the application
	 * afterwards. */
	sql(&e,
	    arena_printf(e.a,
	        "UPDATE applications SET account_md = 'Edited later' WHERE "
	        "id = '%s'",
	        a1));
	cr_assert_eq(award_get(&e.app, e.a, aid, &w), 0);
	cr_assert(strstr(w.evidence, "Edited later") == NULL);
	cr_assert_eq(award_list_person(&e.app, e.a, who, &list, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(list[0].id, aid);
	cr_assert_eq(award_list_all(&e.app, e.a, &list, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(count_mail(&e, "learner@demo.laurel.test",
	                 "you have been awarded the badge"),
	    1);
	cr_assert_eq(count_audit(&e, "award.create", aid), 1);
	cr_assert_eq(count_audit(&e, "assess.decide", a1), 1);
	/* Decided: no second decision, no claim. */
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, &aid, &fe), ERR_CONFLICT);
	cr_assert_eq(assess_claim(&e.app, e.a, &e.w_assessor, e.scheme, a1,
	                 "again", &fe),
	    ERR_CONFLICT);
	env_close(&e);
}
BOTH(assessment, award_outcome)

static void
return_and_decline(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct assess_decision d;
	struct award *list;
	const char *a1, *a2, *a3, *p1, *aid;
	size_t n;

	env_open(&e, kind, false);
	p1 = new_person(&e);
	a1 = make_app(&e, p1);
	a2 = make_app(&e, new_person(&e));
	a3 = make_app(&e, new_person(&e));
	claim_ok(&e, &e.w_assessor, a1);
	/* Return needs feedback. */
	d = decision(&e, ASSESS_RETURN, 1, false);
	d.feedback = "  \n ";
	cr_assert_eq(decide(&e, &e.w_assessor, a1, &d, NULL, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "feedback");
	d.feedback = "Say how you involved the person.";
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, NULL, &fe), 0, "%s", fe.msg);
	cr_assert_str_eq(status_of(&e, a1), "returned");
	cr_assert_eq(
	    count_mail(&e, NULL, "Say how you involved the person."), 1);
	cr_assert_eq(count_audit(&e, "assess.decide", a1), 1);
	/* Resubmitted, assessed again: the rounds are kept. */
	e.clk.frozen += DAY;
	insert_round(&e, a1, 2, "Better account, round 2.");
	claim_ok(&e, &e.w_assessor, a1);
	d = decision(&e, ASSESS_AWARD, 1, true);
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a1, &d, NULL, &fe), ERR_CONFLICT);
	d.round = 2;
	cr_assert_eq(decide(&e, &e.w_assessor, a1, &d, &aid, &fe), 0);
	cr_assert_eq(award_list_person(&e.app, e.a, p1, &list, &n), 0);
	cr_assert_eq(n, 1);
	cr_assert(strstr(list[0].evidence, "Better account, round 2.") != NULL);
	cr_assert(strstr(list[0].evidence, "\"round\":2") != NULL);

	/* Decline needs a reason code and a reason. */
	claim_ok(&e, &e.w_assessor2, a2);
	d = decision(&e, ASSESS_DECLINE, 1, false);
	d.reason_code = "";
	cr_assert_eq(decide(&e, &e.w_assessor2, a2, &d, NULL, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "reason_code");
	d.reason_code = "made-up";
	cr_assert_eq(decide(&e, &e.w_assessor2, a2, &d, NULL, &fe), ERR_INVAL);
	d.reason_code = "not-own-work";
	d.feedback = "";
	cr_assert_eq(decide(&e, &e.w_assessor2, a2, &d, NULL, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "feedback");
	d.feedback = "The account was written by someone else.";
	cr_assert_eq(decide(&e, &e.w_assessor2, a2, &d, NULL, &fe), 0);
	cr_assert_str_eq(status_of(&e, a2), "declined");
	cr_assert_eq(count_mail(&e, NULL, "written by someone else"), 1);
	/* A withdrawn application cannot be awarded. */
	claim_ok(&e, &e.w_assessor, a3);
	set_status(&e, a3, "withdrawn");
	d = decision(&e, ASSESS_AWARD, 1, true);
	cr_assert_eq(
	    decide(&e, &e.w_assessor, a3, &d, NULL, &fe), ERR_CONFLICT);
	cr_assert_eq(award_list_all(&e.app, e.a, &list, &n), 0);
	cr_assert_eq(n, 1);
	env_close(&e);
}
BOTH(assessment, return_and_decline)

/* ---- integrity --------------------------------------------------------- */

static void
integrity(enum db_kind kind)
{
	struct env e;
	struct form_err fe = {0};
	struct integrity_concern *c;
	struct assess_app *q;
	struct assess_counts cnt;
	const char *a1, *a2, *a3;
	size_t n;

	env_open(&e, kind, false);
	a1 = make_app(&e, e.learner);
	a2 = make_app(&e, new_person(&e));
	a3 = make_app(&e, new_person(&e));
	/* Only with a live claim. */
	cr_assert_eq(assess_flag(&e.app, e.a, &e.w_assessor, e.scheme, a1, 1,
	                 "Reads like AI", &fe),
	    ERR_CONFLICT);
	claim_ok(&e, &e.w_assessor, a1);
	cr_assert_eq(
	    assess_flag(&e.app, e.a, &e.w_assessor, e.scheme, a1, 1, " ", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "note");
	cr_assert_eq(assess_flag(&e.app, e.a, &e.w_assessor, e.scheme, a1, 1,
	                 "The account repeats a published article.", &fe),
	    0, "%s", fe.msg);
	cr_assert_str_eq(status_of(&e, a1), "integrity");
	cr_assert_eq(count_mail(&e, "learner@demo.laurel.test",
	                 "may not be your own work"),
	    1);
	cr_assert_eq(
	    count_mail(&e, "issueradmin@demo.laurel.test", "integrity concern"),
	    1);
	cr_assert_eq(count_audit(&e, "assess.flag", a1), 1);
	{
		struct assess_claim_log *log;
		cr_assert_eq(assess_claim_history(&e.app, e.a, &e.w_admin,
		                 e.scheme, a1, &log, &n),
		    0);
		cr_assert_str_eq(log[0].end_reason, "integrity");
	}
	cr_assert_eq(
	    assess_integrity_list(&e.app, e.a, &e.w_admin, e.scheme, &c, &n),
	    0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(c[0].application_id, a1);
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_admin, e.scheme, &q, &n, &cnt), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(cnt.integrity, 1);
	/* Admins decide; assessors cannot. */
	cr_assert_eq(
	    assess_integrity_decide(&e.app, e.a, &e.w_assessor, e.scheme, a1,
	        INTEGRITY_CLEARED, "no-concern", "", &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(assess_integrity_decide(&e.app, e.a, &e.w_admin, e.scheme,
	                 a1, INTEGRITY_CLEARED, "bogus", "", &fe),
	    ERR_INVAL);
	/* Cleared: back at its original place, unclaimed. */
	cr_assert_eq(assess_integrity_decide(&e.app, e.a, &e.w_admin, e.scheme,
	                 a1, INTEGRITY_CLEARED, "no-concern",
	                 "The article quotes the learner.", &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(
	    assess_queue(&e.app, e.a, &e.w_admin, e.scheme, &q, &n, &cnt), 0);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(q[0].id, a1);
	cr_assert_str_eq(q[0].claimed_by, "");
	cr_assert_eq(
	    assess_concerns(&e.app, e.a, &e.w_assessor, e.scheme, a1, &c, &n),
	    0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(c[0].outcome, "cleared");
	cr_assert_str_eq(c[0].reason_code, "no-concern");
	cr_assert_eq(count_mail(&e, "learner@demo.laurel.test", "cleared"), 1);
	/* Twice is refused. */
	cr_assert_eq(assess_integrity_decide(&e.app, e.a, &e.w_admin, e.scheme,
	                 a1, INTEGRITY_CLEARED, "no-concern", "", &fe),
	    ERR_CONFLICT);

	/* Returned, with feedback required. */
	claim_ok(&e, &e.w_assessor2, a2);
	cr_assert_eq(assess_flag(&e.app, e.a, &e.w_assessor2, e.scheme, a2, 1,
	                 "Looks generated.", &fe),
	    0);
	cr_assert_eq(
	    assess_integrity_decide(&e.app, e.a, &e.w_admin, e.scheme, a2,
	        INTEGRITY_RETURNED, "ai-generated-evidence", "", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "note");
	cr_assert_eq(assess_integrity_decide(&e.app, e.a, &e.w_admin, e.scheme,
	                 a2, INTEGRITY_RETURNED, "no-concern", "x", &fe),
	    ERR_INVAL);
	cr_assert_eq(assess_integrity_decide(&e.app, e.a, &e.w_admin, e.scheme,
	                 a2, INTEGRITY_RETURNED, "ai-generated-evidence",
	                 "Please write it in your own words.", &fe),
	    0, "%s", fe.msg);
	cr_assert_str_eq(status_of(&e, a2), "returned");
	/* Declined. */
	claim_ok(&e, &e.w_assessor, a3);
	cr_assert_eq(assess_flag(&e.app, e.a, &e.w_assessor, e.scheme, a3, 1,
	                 "Copied from a colleague.", &fe),
	    0);
	cr_assert_eq(assess_integrity_decide(&e.app, e.a, &e.w_admin, e.scheme,
	                 a3, INTEGRITY_DECLINED, "copied-evidence",
	                 "The evidence was copied.", &fe),
	    0, "%s", fe.msg);
	cr_assert_str_eq(status_of(&e, a3), "declined");
	cr_assert_eq(count_audit(&e, "assess.integrity", NULL), 3);
	env_close(&e);
}
BOTH(assessment, integrity)

/* ---- races ------------------------------------------------------------- */

struct racer {
	struct env *e;
	pthread_barrier_t *start;
	const struct who *who;
	int what; /* 0 claim the oldest, 1 claim a1, 2 decide a1 */
	const char *id;
	struct assess_decision d;
	int rc;
};

static void *
race(void *arg)
{
	struct racer *r = arg;
	struct app app = r->e->app;
	struct arena *a = arena_new(1 << 22);
	struct form_err fe;
	const char *id, *aw;
	char msg[256];

	cr_assert_eq(db_open(r->e->url, &app.db, msg, sizeof(msg)), 0);
	pthread_barrier_wait(r->start);
	if (r->what == 0)
		r->rc = assess_claim_oldest(
		    &app, a, r->who, r->e->scheme, &id, &fe);
	else if (r->what == 1)
		r->rc = assess_claim(
		    &app, a, r->who, r->e->scheme, r->id, "why not", &fe);
	else
		r->rc = assess_decide(
		    &app, a, r->who, r->e->scheme, r->id, &r->d, &aw, &fe);
	db_close(app.db);
	arena_free(a);
	return NULL;
}

static void
run_pair(struct racer *r1, struct racer *r2)
{
	pthread_barrier_t b;
	pthread_t t1, t2;

	pthread_barrier_init(&b, NULL, 2);
	r1->start = r2->start = &b;
	cr_assert_eq(pthread_create(&t1, NULL, race, r1), 0);
	cr_assert_eq(pthread_create(&t2, NULL, race, r2), 0);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	pthread_barrier_destroy(&b);
}

static void
races(enum db_kind kind)
{
	struct env e;
	struct award *list;
	size_t n;

	env_open(&e, kind, true);
	for (int i = 0; i < 8; i++) {
		const char *id = make_app(&e, new_person(&e));
		struct racer r1 = {&e, NULL, &e.w_assessor, i % 2, id, {0}, 0};
		struct racer r2 = {&e, NULL, &e.w_assessor2, i % 2, id, {0}, 0};
		struct assess_app v;

		run_pair(&r1, &r2);
		cr_assert((r1.rc == 0) != (r2.rc == 0),
		    "round %d: claims %d and %d", i, r1.rc, r2.rc);
		cr_assert(r1.rc == 0 || r1.rc == ERR_CONFLICT ||
		    r1.rc == ERR_NOTFOUND);
		cr_assert(r2.rc == 0 || r2.rc == ERR_CONFLICT ||
		    r2.rc == ERR_NOTFOUND);
		v = get(&e, id);
		cr_assert_str_eq(
		    v.claimed_by, r1.rc == 0 ? e.assessor : e.assessor2);
		/* The claimant decides twice at once (two tabs): one wins. */
		r1.what = r2.what = 2;
		r1.who = r2.who = r1.rc == 0 ? &e.w_assessor : &e.w_assessor2;
		r1.d = decision(&e, ASSESS_AWARD, 1, true);
		r2.d = decision(&e, ASSESS_RETURN, 1, false);
		r1.rc = r2.rc = -100;
		run_pair(&r1, &r2);
		cr_assert((r1.rc == 0) != (r2.rc == 0),
		    "round %d: decisions %d and %d", i, r1.rc, r2.rc);
		cr_assert(r1.rc == ERR_CONFLICT || r2.rc == ERR_CONFLICT);
		cr_assert_str_eq(
		    status_of(&e, id), r1.rc == 0 ? "awarded" : "returned");
	}
	/* Exactly one award per awarded application. */
	cr_assert_eq(award_list_all(&e.app, e.a, &list, &n), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_eq(
		    status_of(&e, list[i].application_id), "awarded");
	env_close(&e);
}
BOTH(assessment, races)

/* ---- codes ------------------------------------------------------------- */

Test(assessment, codes)
{
	cr_assert(assess_decline_code_valid("not-own-work"));
	cr_assert_not(assess_decline_code_valid("nope"));
	cr_assert_not(assess_decline_code_valid(NULL));
	cr_assert(integrity_code_valid("ai-generated-evidence"));
	cr_assert(integrity_code_valid("copied-evidence"));
	cr_assert(integrity_code_valid("no-concern"));
	cr_assert(integrity_code_valid("other"));
	cr_assert_str_eq(
	    integrity_code_label("copied-evidence"), "Copied evidence");
}
