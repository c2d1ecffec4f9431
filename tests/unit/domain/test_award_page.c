/*
 * test_award_page.c: the award's page (domain/award_page.h) on SQLite and
 * PostgreSQL under a frozen clock: every combination of page visibility,
 * evidence visibility and attachments setting for every kind of viewer
 * (the learner, an issuer admin and an assessor of the badge's issuer,
 * another issuer's assessor, a signed-in stranger, nobody signed in),
 * the attachment download following the same rule, expiry, the settings'
 * validation, revocation, suspension and reinstatement (who may, reasons,
 * transitions, what others then see, audit events and emails), a deleted
 * person, and the card and certificate files.
 *
 * Awards are made by the real workflow: application_start, _save,
 * _attach, _submit, then assess_claim and assess_decide.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/audit.h"
#include "domain/award.h"
#include "domain/award_page.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/seed.h"
#include "../db/testdb.h"

#define T0 1795437296
#define DAY 86400
#define NOTES "My notes from the team meeting.\n"

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	char scheme[ID_LEN + 1];
	const char *other_issuer;
	char assessor[ID_LEN + 1], admin[ID_LEN + 1], other[ID_LEN + 1],
	    stranger[ID_LEN + 1];
	struct who wa, wad, wo, ws, wanon;
	unsigned seq;
};

/* What one award made for a test is. */
struct made {
	const char *award;
	const char *learner;
	const char *email;
	struct who wl;
	const char *att; /* the attachment's id */
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
	static const uint8_t secret[32] = {9, 8, 7};
	struct who w = {"", "test"};
	char org_b[ID_LEN + 1], other_admin[ID_LEN + 1];
	struct form_err fe = {0};
	int created;

	memset(e, 0, sizeof(*e));
	e->db = testdb_open_kind(kind, true);
	config_defaults(&e->cfg);
	free(e->cfg.base_url);
	e->cfg.base_url = strdup("https://laurel.example");
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = secret};
	e->a = arena_new(1 << 27);
	cr_assert_eq(seed_demo(&e->app, &created), 0);
	seed_id("issuer:scheme", e->scheme);
	person(e, "assessor@demo.laurel.test", e->assessor);
	person(e, "issueradmin@demo.laurel.test", e->admin);
	person(e, "other-assessor@test.laurel.test", e->other);
	person(e, "stranger@test.laurel.test", e->stranger);
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
	cr_assert_eq(issuer_grant_person(
	                 &e->app, &w, e->other_issuer, e->other, "assessor"),
	    0);
	cr_assert_eq(db_commit(e->db), 0);
	e->wa = (struct who){e->assessor, "192.0.2.3"};
	e->wad = (struct who){e->admin, "192.0.2.4"};
	e->wo = (struct who){e->other, "192.0.2.5"};
	e->ws = (struct who){e->stranger, "192.0.2.7"};
	e->wanon = (struct who){NULL, "192.0.2.9"};
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	db_close(e->db);
	config_free(&e->cfg);
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

/*
 * make_award: a new learner applies for the first published scheme badge
 * that allows attachments and has no prerequisite they lack;
 * attaches a text file; submits; the assessor claims it and awards it.
 */
static struct made
make_award(struct env *e)
{
	struct made m = {0};
	struct badge_summary *bs;
	struct form_err fe = {0};
	struct application ap;
	struct app_draft d = {0};
	struct app_submit_result res;
	struct assess_decision dec = {0};
	struct assess_mark *marks;
	const char *id = NULL, *aw = NULL;
	char *learner = arena_alloc(e->a, ID_LEN + 1);
	bool existing;
	size_t n;
	int64_t rev;

	m.email =
	    arena_printf(e->a, "award-learner%u@test.laurel.test", ++e->seq);
	person(e, m.email, learner);
	m.learner = learner;
	m.wl = (struct who){learner, "192.0.2.1"};
	cr_assert_eq(badge_issuer_list(&e->app, e->a, e->scheme, &bs, &n), 0);
	for (size_t i = 0; i < n && id == NULL; i++) {
		struct badge_detail bd;
		if (strcmp(bs[i].status, "published") != 0)
			continue;
		cr_assert_eq(
		    badge_get(&e->app, e->a, bs[i].id, 0, false, NULL, &bd), 0);
		if (!bd.attachments_allowed)
			continue;
		if (application_start(&e->app, e->a, &m.wl, bs[i].id, &id,
		        &existing, &fe) != 0)
			id = NULL;
	}
	cr_assert_not_null(id, "no badge to apply for");
	cr_assert_eq(application_get(&e->app, e->a, &m.wl, id, &ap), 0);
	d.revision = ap.revision;
	d.account_md = arena_printf(e->a, "%s. I planned a day out.",
	    words(e, (size_t)ap.min_words + 5));
	d.alt_url = "https://video.example/account";
	d.links = "https://example.org/notes";
	d.answers = arena_alloc(e->a, (ap.nanswers + 1) * sizeof(*d.answers));
	for (size_t i = 0; i < ap.nanswers; i++)
		d.answers[i] = "I listened and agreed a plan.";
	d.nanswers = ap.nanswers;
	cr_assert_eq(application_save(&e->app, e->a, &m.wl, id, &d, &rev, &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_eq(application_attach(&e->app, e->a, &m.wl, id, "notes.txt",
	                 NOTES, strlen(NOTES), &m.att, &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_eq(
	    application_submit(&e->app, e->a, &m.wl, id, rev, true, &res, &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_not(res.auto_declined);
	cr_assert_eq(
	    assess_claim(&e->app, e->a, &e->wa, e->scheme, id, "test", &fe), 0,
	    "%s", fe.msg ? fe.msg : "");
	marks = arena_alloc(e->a, (ap.nanswers + 1) * sizeof(*marks));
	for (size_t i = 0; i < ap.nanswers; i++)
		marks[i] = (struct assess_mark){(int)i + 1, 1, "Good"};
	dec.round = 1;
	dec.outcome = ASSESS_AWARD;
	dec.marks = marks;
	dec.nmarks = ap.nanswers;
	dec.feedback = "";
	dec.reason_code = "";
	cr_assert_eq(
	    assess_decide(&e->app, e->a, &e->wa, e->scheme, id, &dec, &aw, &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_not_null(aw);
	m.award = arena_strdup(e->a, aw);
	return m;
}

static int
set(struct env *e, const struct made *m, const char *page, const char *evidence,
    const char *summary, bool att, struct form_err *fe)
{
	struct award_settings s = {page, evidence, summary, att};

	memset(fe, 0, sizeof(*fe));
	return award_settings_set(&e->app, e->a, &m->wl, m->award, &s, fe);
}

static size_t
count_mail(struct env *e, const char *to, const char *want)
{
	struct outbox_msg *v;
	size_t n, k = 0;

	cr_assert_eq(outbox_list(&e->app, e->a, 1000, &v, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(v[i].to, to) == 0 &&
		    (want == NULL || strstr(v[i].subject, want) != NULL ||
		        strstr(v[i].body, want) != NULL);
	return k;
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

#define BOTH(suite, name)                                                      \
	Test(suite, name##_sqlite, .timeout = 120)                             \
	{                                                                      \
		name(DB_SQLITE);                                               \
	}                                                                      \
	Test(suite, name##_pgsql, .timeout = 120)                              \
	{                                                                      \
		name(DB_PGSQL);                                                \
	}

/* ---- visibility: every combination ------------------------------------ */

enum viewer_kind {
	V_OWNER,
	V_ADMIN,
	V_ASSESSOR,
	V_OTHER_ISSUER,
	V_STRANGER,
	V_ANON,
	NVIEWERS
};

static const char *const viewer_names[NVIEWERS] = {"owner", "issuer admin",
    "assessor", "another issuer's assessor", "stranger", "anonymous"};

static const struct who *
viewer(struct env *e, const struct made *m, enum viewer_kind k)
{
	switch (k) {
	case V_OWNER:
		return &m->wl;
	case V_ADMIN:
		return &e->wad;
	case V_ASSESSOR:
		return &e->wa;
	case V_OTHER_ISSUER:
		return &e->wo;
	case V_STRANGER:
		return &e->ws;
	default:
		return &e->wanon;
	}
}

static void
matrix(enum db_kind kind)
{
	static const char *const pages[] = {"unlisted", "public", "private"};
	static const char *const evs[] = {"none", "summary", "all"};
	struct env e;
	struct made m;
	struct form_err fe;

	env_open(&e, kind);
	m = make_award(&e);
	/* The defaults: unlisted, no evidence, attachments private. */
	{
		struct award_page pg;
		cr_assert_eq(
		    award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
		cr_assert_eq(pg.page_vis, AWARD_PAGE_UNLISTED);
		cr_assert_eq(pg.evidence_vis, AWARD_EVIDENCE_NONE);
		cr_assert_not(pg.attachments_public);
		cr_assert_not(pg.indexable);
		cr_assert_not(pg.show_evidence);
		cr_assert_str_eq(pg.status, "active");
		cr_assert_str_eq(pg.badge.name, pg.award.badge_name);
		cr_assert_eq(pg.badge.version, pg.award.version);
		cr_assert(pg.badge.n_criteria > 0);
	}
	for (size_t pi = 0; pi < NELEM(pages); pi++)
		for (size_t ei = 0; ei < NELEM(evs); ei++)
			for (int att = 0; att < 2; att++) {
				cr_assert_eq(set(&e, &m, pages[pi], evs[ei],
				                 "I planned a day out with a "
				                 "person I support.",
				                 att, &fe),
				    0, "%s", fe.msg ? fe.msg : "");
				for (int k = 0; k < NVIEWERS; k++) {
					const struct who *w =
					    viewer(&e, &m, (enum viewer_kind)k);
					bool priv = k <= V_ASSESSOR;
					bool hidden = !priv && pi == 2;
					bool all = ei == 2, sum = ei >= 1;
					bool file_ok =
					    priv || (!hidden && all && att);
					struct award_page pg;
					struct award_file meta;
					const void *bytes;
					size_t len;
					int rc = award_view(
					    &e.app, e.a, w, m.award, &pg);
					const char *ctx = arena_printf(e.a,
					    "page %s, evidence %s, "
					    "attachments %d, %s",
					    pages[pi], evs[ei], att,
					    viewer_names[k]);

					if (hidden) {
						cr_assert_eq(rc, ERR_NOTFOUND,
						    "%s", ctx);
					} else {
						cr_assert_eq(rc, 0, "%s", ctx);
						cr_assert_eq(pg.owner,
						    k == V_OWNER, "%s", ctx);
						cr_assert_eq(pg.issuer_admin,
						    k == V_ADMIN, "%s", ctx);
						cr_assert_eq(pg.indexable,
						    pi == 1, "%s", ctx);
						cr_assert_eq(pg.show_evidence,
						    priv || all, "%s", ctx);
						cr_assert_eq(pg.show_summary,
						    priv || sum, "%s", ctx);
						cr_assert_eq(
						    pg.account_md[0] != '\0',
						    priv || all, "%s", ctx);
						cr_assert_eq(pg.nanswers > 0,
						    priv || all, "%s", ctx);
						cr_assert_eq(pg.nfiles,
						    file_ok ? 1u : 0u, "%s",
						    ctx);
						cr_assert_eq(
						    pg.award.recipient_email
						            [0] != '\0',
						    priv, "%s", ctx);
						if (!priv && !sum)
							cr_assert_null(
							    pg.summary, "%s",
							    ctx);
					}
					rc = award_attachment(&e.app, e.a, w,
					    m.award, m.att, &meta, &bytes,
					    &len);
					if (file_ok) {
						cr_assert_eq(rc, 0, "%s", ctx);
						cr_assert_eq(len, strlen(NOTES),
						    "%s", ctx);
						cr_assert(memcmp(bytes, NOTES,
						              len) == 0);
						cr_assert_str_eq(
						    meta.filename, "notes.txt");
					} else {
						cr_assert_eq(rc, ERR_NOTFOUND,
						    "%s", ctx);
						cr_assert_null(bytes);
					}
				}
			}
	/* An unknown attachment id, a malformed award id. */
	{
		struct award_file meta;
		const void *bytes;
		size_t len;
		struct award_page pg;
		cr_assert_eq(award_attachment(&e.app, e.a, &m.wl, m.award,
		                 "AAAAAAAAAAAAAAAAAAAAAA", &meta, &bytes, &len),
		    ERR_NOTFOUND);
		cr_assert_eq(
		    award_view(&e.app, e.a, &m.wl, "nope", &pg), ERR_NOTFOUND);
		cr_assert_eq(award_view(&e.app, e.a, &m.wl,
		                 "AAAAAAAAAAAAAAAAAAAAAA", &pg),
		    ERR_NOTFOUND);
	}
	cr_assert_eq(count_audit(&e, "award.settings", m.award), 18);
	env_close(&e);
}
BOTH(award_page, matrix)

/* ---- expiry ------------------------------------------------------------ */

static void
expiry(enum db_kind kind)
{
	struct env e;
	struct made m;
	struct award_page pg;
	struct form_err fe;

	env_open(&e, kind);
	m = make_award(&e);
	cr_assert_eq(set(&e, &m, "public", "none", "", false, &fe), 0);
	cr_assert_eq(award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
	if (pg.award.expires_at == 0) {
		/* The demo badges that allow attachments do not expire: give
		 * this award the expiry a 12-month badge would. */
		char msg[256];
		cr_assert_eq(
		    db_script(e.db,
		        arena_printf(e.a,
		            "UPDATE awards SET expires_at = %lld "
		            "WHERE id = '%s'",
		            (long long)clock_add_months(T0, 12), m.award),
		        msg, sizeof(msg)),
		    0, "%s", msg);
		cr_assert_eq(
		    award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
	}
	cr_assert_str_eq(pg.status, "active");
	cr_assert(pg.indexable);
	cr_assert(pg.award.expires_at > T0);
	/* One second before: active; at expires_at: expired. */
	e.clk.frozen = pg.award.expires_at - 1;
	cr_assert_eq(award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
	cr_assert_str_eq(pg.status, "active");
	e.clk.frozen = pg.award.expires_at;
	cr_assert_eq(award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
	cr_assert_str_eq(pg.status, "expired");
	cr_assert_str_eq(pg.award.status, "active", "stored status unchanged");
	cr_assert_not(pg.indexable, "an expired award is not indexed");
	cr_assert_str_eq(award_status_label(pg.status), "Expired");
	cr_assert_str_eq(award_status_effective("active", 0, INT64_MAX),
	    "active", "0: never expires");
	cr_assert_str_eq(award_status_effective("revoked", 1, 2), "revoked");
	env_close(&e);
}
BOTH(award_page, expiry)

/* ---- settings ---------------------------------------------------------- */

static void
settings(enum db_kind kind)
{
	struct env e;
	struct made m;
	struct award_page pg;
	struct form_err fe;
	struct award_settings s = {"public", "all", "", true};
	char *longer;

	env_open(&e, kind);
	m = make_award(&e);
	/* Only the owner. */
	cr_assert_eq(award_settings_set(&e.app, e.a, &e.wad, m.award, &s, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(award_settings_set(&e.app, e.a, &e.ws, m.award, &s, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    award_settings_set(&e.app, e.a, &e.wanon, m.award, &s, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(set(&e, &m, "private", "none", "", false, &fe), 0);
	cr_assert_eq(award_settings_set(&e.app, e.a, &e.ws, m.award, &s, &fe),
	    ERR_NOTFOUND, "a private page is not confirmed to strangers");
	cr_assert_eq(award_view(&e.app, e.a, &m.wl, m.award, &pg), 0);
	cr_assert_eq(pg.page_vis, AWARD_PAGE_PRIVATE);
	/* Validation. */
	cr_assert_eq(
	    set(&e, &m, "everyone", "none", "", false, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "page");
	cr_assert_eq(set(&e, &m, "public", "some", "", false, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "evidence");
	cr_assert_eq(
	    set(&e, &m, "public", "summary", "   ", false, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "summary");
	longer = arena_alloc(e.a, AWARD_SUMMARY_MAX + 2);
	memset(longer, 'x', AWARD_SUMMARY_MAX + 1);
	longer[AWARD_SUMMARY_MAX + 1] = '\0';
	cr_assert_eq(
	    set(&e, &m, "public", "summary", longer, false, &fe), ERR_INVAL);
	cr_assert_str_eq(fe.field, "summary");
	longer[AWARD_SUMMARY_MAX] = '\0';
	cr_assert_eq(set(&e, &m, "public", "summary", longer, false, &fe), 0,
	    "%s", fe.msg ? fe.msg : "");
	/* A summary that identifies someone would be published. */
	cr_assert_eq(
	    set(&e, &m, "public", "summary",
	        "Write to me at jane.doe@example.com about it.", false, &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "summary");
	cr_assert(strstr(fe.msg, "email address") != NULL, "%s", fe.msg);
	/* Nothing was written by the refused forms. */
	cr_assert_eq(award_view(&e.app, e.a, &m.wl, m.award, &pg), 0);
	cr_assert_eq(strlen(pg.summary), AWARD_SUMMARY_MAX);
	/* The summary is kept when another choice is made. */
	cr_assert_eq(set(&e, &m, "unlisted", "none", "Kept", true, &fe), 0);
	cr_assert_eq(award_view(&e.app, e.a, &m.wl, m.award, &pg), 0);
	cr_assert_str_eq(pg.summary, "Kept");
	cr_assert(pg.attachments_public);
	cr_assert_eq(pg.settings_changed_at, T0);
	cr_assert_eq(count_audit(&e, "award.settings", m.award), 3);
	cr_assert_eq(award_page_vis_parse("public"), AWARD_PAGE_PUBLIC);
	cr_assert_eq(award_page_vis_parse("x"), 0);
	cr_assert_eq(award_evidence_vis_parse("all"), AWARD_EVIDENCE_ALL);
	cr_assert_str_eq(
	    award_evidence_vis_code(AWARD_EVIDENCE_SUMMARY), "summary");
	env_close(&e);
}
BOTH(award_page, settings)

/* ---- revoke, suspend, reinstate ---------------------------------------- */

static void
status(enum db_kind kind)
{
	struct env e;
	struct made m;
	struct award_page pg;
	struct form_err fe = {0};
	char *longer;

	env_open(&e, kind);
	m = make_award(&e);
	cr_assert_eq(set(&e, &m, "public", "all", "My summary.", true, &fe), 0);
	/* Only the issuer's admins. */
	cr_assert_eq(award_suspend(&e.app, e.a, &e.wa, m.award,
	                 "copied-evidence", "", "", &fe),
	    ERR_FORBIDDEN, "an assessor");
	cr_assert_eq(award_suspend(&e.app, e.a, &m.wl, m.award,
	                 "copied-evidence", "", "", &fe),
	    ERR_FORBIDDEN, "the learner");
	cr_assert_eq(award_suspend(&e.app, e.a, &e.wo, m.award,
	                 "copied-evidence", "", "", &fe),
	    ERR_FORBIDDEN, "another issuer's assessor");
	cr_assert_eq(award_revoke(&e.app, e.a, &e.wanon, m.award,
	                 "issued-in-error", "", "", &fe),
	    ERR_FORBIDDEN, "anonymous");
	/* Reasons. */
	cr_assert_eq(
	    award_suspend(&e.app, e.a, &e.wad, m.award, "", "", "", &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "reason");
	cr_assert_eq(
	    award_suspend(&e.app, e.a, &e.wad, m.award, "because", "", "", &fe),
	    ERR_INVAL);
	cr_assert_eq(
	    award_suspend(&e.app, e.a, &e.wad, m.award, "other", " ", "", &fe),
	    ERR_INVAL, "other needs an explanation");
	cr_assert_str_eq(fe.field, "public_note");
	longer = arena_alloc(e.a, AWARD_NOTE_MAX + 2);
	memset(longer, 'y', AWARD_NOTE_MAX + 1);
	longer[AWARD_NOTE_MAX + 1] = '\0';
	cr_assert_eq(award_suspend(&e.app, e.a, &e.wad, m.award,
	                 "copied-evidence", longer, "", &fe),
	    ERR_INVAL);
	cr_assert_eq(award_suspend(&e.app, e.a, &e.wad, m.award,
	                 "copied-evidence", "", longer, &fe),
	    ERR_INVAL);
	cr_assert_str_eq(fe.field, "private_note");
	cr_assert_eq(award_reinstate(&e.app, e.a, &e.wad, m.award, &fe),
	    ERR_CONFLICT, "not suspended");
	cr_assert_eq(count_audit(&e, "award.suspend", m.award), 0);

	/* Suspend: the page says so and why; others see no evidence. */
	e.clk.frozen = T0 + DAY;
	cr_assert_eq(
	    award_suspend(&e.app, e.a, &e.wad, m.award, "copied-evidence",
	        "We are checking where this evidence came from.",
	        "Please send us your notes.", &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_eq(award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
	cr_assert_str_eq(pg.status, "suspended");
	cr_assert_str_eq(pg.reason_code, "copied-evidence");
	cr_assert_str_eq(pg.reason_label, "Copied evidence");
	cr_assert_str_eq(
	    pg.public_note, "We are checking where this evidence came from.");
	cr_assert_str_eq(pg.private_note, "");
	cr_assert_eq(pg.status_changed_at, T0 + DAY);
	cr_assert_not(pg.show_evidence);
	cr_assert_not(pg.show_summary);
	cr_assert_eq(pg.nfiles, 0);
	cr_assert_not(pg.indexable);
	{
		struct award_file meta;
		const void *bytes;
		size_t len;
		cr_assert_eq(award_attachment(&e.app, e.a, &e.wanon, m.award,
		                 m.att, &meta, &bytes, &len),
		    ERR_NOTFOUND, "no attachment while suspended");
		cr_assert_eq(award_attachment(&e.app, e.a, &m.wl, m.award,
		                 m.att, &meta, &bytes, &len),
		    0, "the learner still has it");
	}
	cr_assert_eq(award_view(&e.app, e.a, &m.wl, m.award, &pg), 0);
	cr_assert_str_eq(pg.private_note, "Please send us your notes.");
	cr_assert(pg.show_evidence);
	cr_assert(pg.evidence_private);
	cr_assert_eq(count_mail(&e, m.email, "has been suspended"), 1);
	cr_assert_eq(count_mail(&e, m.email, "Please send us your notes."), 1);
	/* The award's own email and the suspension's both link its page. */
	cr_assert_eq(
	    count_mail(&e, m.email, "https://laurel.example/awards/"), 2);
	cr_assert_eq(count_audit(&e, "award.suspend", m.award), 1);
	cr_assert_eq(award_suspend(&e.app, e.a, &e.wad, m.award,
	                 "copied-evidence", "", "", &fe),
	    ERR_CONFLICT, "already suspended");

	/* Reinstate: active again, the reason gone. */
	cr_assert_eq(
	    award_reinstate(&e.app, e.a, &e.wa, m.award, &fe), ERR_FORBIDDEN);
	cr_assert_eq(award_reinstate(&e.app, e.a, &e.wad, m.award, &fe), 0);
	cr_assert_eq(award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
	cr_assert_str_eq(pg.status, "active");
	cr_assert_str_eq(pg.reason_code, "");
	cr_assert_str_eq(pg.public_note, "");
	cr_assert(pg.show_evidence);
	cr_assert_eq(pg.nfiles, 1);
	cr_assert_eq(count_mail(&e, m.email, "has been reinstated"), 1);
	cr_assert_eq(count_audit(&e, "award.reinstate", m.award), 1);

	/* Revoke: final. */
	cr_assert_eq(
	    award_revoke(&e.app, e.a, &e.wad, m.award, "identifies-individuals",
	        "The evidence named a person who uses services.", "", &fe),
	    0, "%s", fe.msg ? fe.msg : "");
	cr_assert_eq(award_view(&e.app, e.a, &e.ws, m.award, &pg), 0);
	cr_assert_str_eq(pg.status, "revoked");
	cr_assert_str_eq(award_status_label(pg.status), "Revoked");
	cr_assert_str_eq(pg.reason_label, "The evidence identifies people");
	cr_assert_not(pg.show_evidence);
	cr_assert_eq(pg.account_md[0], '\0');
	cr_assert_eq(
	    award_reinstate(&e.app, e.a, &e.wad, m.award, &fe), ERR_CONFLICT);
	cr_assert_eq(award_revoke(&e.app, e.a, &e.wad, m.award,
	                 "issued-in-error", "", "", &fe),
	    ERR_CONFLICT);
	cr_assert_eq(award_suspend(&e.app, e.a, &e.wad, m.award,
	                 "issued-in-error", "", "", &fe),
	    ERR_CONFLICT);
	cr_assert_eq(count_mail(&e, m.email, "has been revoked"), 1);
	cr_assert_eq(count_audit(&e, "award.revoke", m.award), 1);
	cr_assert_eq(award_action_parse("revoke"), AWARD_REVOKE);
	cr_assert_eq(award_action_parse("x"), 0);
	cr_assert(award_reason_valid("ai-generated-evidence"));
	cr_assert_not(award_reason_valid("no-concern"));

	/* Another issuer's admin cannot act on the scheme's award. */
	{
		struct made m2 = make_award(&e);
		struct who w = {"", "test"};
		char oadmin[ID_LEN + 1];
		person(&e, "other-admin@test.laurel.test", oadmin);
		w.person = oadmin;
		cr_assert_eq(award_revoke(&e.app, e.a, &w, m2.award,
		                 "issued-in-error", "", "", &fe),
		    ERR_FORBIDDEN);
		/* A private page is not confirmed to them. */
		cr_assert_eq(
		    set(&e, &m2, "private", "none", "", false, &fe), 0);
		cr_assert_eq(award_revoke(&e.app, e.a, &w, m2.award,
		                 "issued-in-error", "", "", &fe),
		    ERR_NOTFOUND);
		/* The scheme's admin can, private or not. */
		cr_assert_eq(award_revoke(&e.app, e.a, &e.wad, m2.award,
		                 "issued-in-error", "", "", &fe),
		    0);
	}
	env_close(&e);
}
BOTH(award_page, status)

/* ---- a deleted person, the card and the certificate -------------------- */

static void
files(enum db_kind kind)
{
	struct env e;
	struct made m;
	struct award_page pg;
	struct award_print p;
	const void *out;
	const unsigned char *u;
	size_t len;
	char msg[256];

	env_open(&e, kind);
	m = make_award(&e);
	cr_assert_eq(award_view(&e.app, e.a, &e.wanon, m.award, &pg), 0);
	cr_assert_eq(award_print_of(&e.app, e.a, &pg,
	                 "https://laurel.example/awards/x", &p),
	    0);
	cr_assert_not_null(p.png, "a picture of the badge");
	cr_assert_eq(award_card_png(e.a, &p, &out, &len), 0);
	u = out;
	cr_assert(len > 24 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0);
	cr_assert(memcmp(u + 12, "IHDR", 4) == 0);
	cr_assert_eq(
	    (u[16] << 24) | (u[17] << 16) | (u[18] << 8) | u[19], AWARD_CARD_W);
	cr_assert_eq(
	    (u[20] << 24) | (u[21] << 16) | (u[22] << 8) | u[23], AWARD_CARD_H);
	cr_assert_eq(award_certificate_pdf(e.a, &p, &out, &len), 0);
	cr_assert(len > 1000 && memcmp(out, "%PDF-", 5) == 0);
	/* A plain disc when there is no picture; a revoked award. */
	p.png = NULL;
	p.png_len = 0;
	p.status = "revoked";
	cr_assert_eq(award_card_png(e.a, &p, &out, &len), 0);
	cr_assert_eq(award_certificate_pdf(e.a, &p, &out, &len), 0);

	/* A deleted person has no award pages. */
	cr_assert_eq(db_script(e.db,
	                 arena_printf(e.a,
	                     "UPDATE people SET status = 'deleted' WHERE "
	                     "id = '%s'",
	                     m.learner),
	                 msg, sizeof(msg)),
	    0, "%s", msg);
	cr_assert_eq(
	    award_view(&e.app, e.a, &e.wad, m.award, &pg), ERR_NOTFOUND);
	env_close(&e);
}
BOTH(award_page, files)
