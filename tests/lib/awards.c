/*
 * awards.c: see awards.h.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"

#include <unistd.h>

#include <criterion/criterion.h>

#include "db/db.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/badge.h"
#include "domain/seed.h"
#include "lib/awards.h"

#define NOTES "Notes from my supervision session.\n"

/* make_award makes a learner of their own, applies for the first scheme
 * badge allowing attachments they may apply for, attaches a file, submits,
 * and the demo assessor awards it, all through the domain. */
void
make_award(const char *db_url, struct made *m)
{
	static unsigned seq;
	struct config cfg;
	struct app app = {
	    .cfg = &cfg, .clock = &clock_system, .db = NULL, .secret = NULL};
	struct arena *a = arena_new(64 << 20);
	struct badge_summary *bs;
	char scheme[ID_LEN + 1], person[ID_LEN + 1], assessor[ID_LEN + 1],
	    msg[256];
	const char *id = NULL, *att, *aw = NULL;
	struct form_err e = {0};
	struct app_submit_result res;
	struct application ap;
	struct app_draft d = {0};
	struct assess_decision dec = {0};
	struct assess_mark *marks;
	struct who w, wa;
	bool made, existing;
	size_t n;
	int64_t rev;

	memset(m, 0, sizeof(*m));
	config_defaults(&cfg);
	cr_assert_eq(db_open(db_url, &app.db, msg, sizeof(msg)), 0, "%s", msg);
	seq++;
	snprintf(m->email, sizeof(m->email),
	    "ob-learner-%ld-%u@test.laurel.test", (long)getpid(), seq);
	snprintf(m->name, sizeof(m->name), "Morag Testlearner%u", seq);
	snprintf(m->account, sizeof(m->account),
	    "I helped a person plan their week, story %ld-%u.", (long)getpid(),
	    seq);
	cr_assert_eq(account_ensure(&app, a, m->name, m->email, DEMO_PASSWORD,
	                 person, &made),
	    0);
	cr_assert_eq(account_ensure(&app, a, "Assessor",
	                 "assessor@demo.laurel.test", NULL, assessor, &made),
	    0);
	w = (struct who){person, "127.0.0.1"};
	wa = (struct who){assessor, "127.0.0.1"};
	seed_id("issuer:scheme", scheme);
	cr_assert_eq(badge_issuer_list(&app, a, scheme, &bs, &n), 0);
	for (size_t i = 0; i < n && id == NULL; i++) {
		struct badge_detail bd;
		if (strcmp(bs[i].status, "published") != 0 ||
		    badge_get(&app, a, bs[i].id, 0, false, NULL, &bd) != 0 ||
		    !bd.attachments_allowed)
			continue;
		if (application_start(
		        &app, a, &w, bs[i].id, &id, &existing, &e) != 0)
			id = NULL;
		else
			snprintf(m->badge, sizeof(m->badge), "%s", bd.name);
	}
	cr_assert_not_null(id, "no badge could be applied for");
	cr_assert_eq(application_get(&app, a, &w, id, &ap), 0);
	d.revision = ap.revision;
	{
		struct buf b;
		buf_init(&b, a, 1 << 20);
		buf_adds(&b, m->account);
		for (int64_t i = 0; i < ap.min_words + 5; i++)
			buf_adds(&b, " reflection");
		d.account_md = b.data;
	}
	d.alt_url = "https://video.example/my-account";
	d.answers = arena_alloc(a, (ap.nanswers + 1) * sizeof(*d.answers));
	for (size_t i = 0; i < ap.nanswers; i++)
		d.answers[i] = "I listened and agreed a plan.";
	d.nanswers = ap.nanswers;
	cr_assert_eq(application_save(&app, a, &w, id, &d, &rev, &e), 0, "%s",
	    e.msg ? e.msg : "");
	cr_assert_eq(application_attach(&app, a, &w, id, "supervision.txt",
	                 NOTES, strlen(NOTES), &att, &e),
	    0, "%s", e.msg ? e.msg : "");
	snprintf(m->att, sizeof(m->att), "%s", att);
	cr_assert_eq(application_submit(&app, a, &w, id, rev, true, &res, &e),
	    0, "%s", e.msg ? e.msg : "");
	cr_assert_eq(assess_claim(&app, a, &wa, scheme, id, "test", &e), 0,
	    "%s", e.msg ? e.msg : "");
	marks = arena_alloc(a, (ap.nanswers + 1) * sizeof(*marks));
	for (size_t i = 0; i < ap.nanswers; i++)
		marks[i] = (struct assess_mark){(int)i + 1, 1, ""};
	dec.round = 1;
	dec.outcome = ASSESS_AWARD;
	dec.marks = marks;
	dec.nmarks = ap.nanswers;
	dec.feedback = "";
	dec.reason_code = "";
	cr_assert_eq(assess_decide(&app, a, &wa, scheme, id, &dec, &aw, &e), 0,
	    "%s", e.msg ? e.msg : "");
	snprintf(m->award, sizeof(m->award), "%s", aw);
	db_close(app.db);
	config_free(&cfg);
	arena_free(a);
}
