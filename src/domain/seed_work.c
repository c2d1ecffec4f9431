/*
 * seed_work.c: demo applications and awards, so that `make run` shows a
 * working scheme: applications in every state of the workflow (draft,
 * shared, submitted, claimed, returned, resubmitted, declined,
 * auto-declined, integrity concern, awarded) and more than twenty awards,
 * made over the last five months by a dozen demo care workers and the demo
 * learner.
 *
 * Everything goes through the same domain functions the web pages call,
 * with the clock set back to when each step happens: the steps of all the
 * applications are sorted by time and replayed in order, so the queue's
 * order, due dates, claims and awards are what the workflow itself makes.
 * The texts are written for Laurel and contain nothing that identifies
 * anyone, except the one application meant to be declined automatically.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/seed.h"

#define DAY 86400.0

/* The demo care workers (staff of Riverside Care, managed by the demo
 * manager). Names and addresses are invented. */
static const struct {
	const char *name;
	const char *email;
} workers[] = {
    {"Iona MacLeod", "iona.macleod@demo.laurel.test"},
    {"Jamie Robertson", "jamie.robertson@demo.laurel.test"},
    {"Kirsty Wilson", "kirsty.wilson@demo.laurel.test"},
    {"Rory Thomson", "rory.thomson@demo.laurel.test"},
    {"Shona Anderson", "shona.anderson@demo.laurel.test"},
    {"Niamh Kelly", "niamh.kelly@demo.laurel.test"},
    {"Euan Scott", "euan.scott@demo.laurel.test"},
    {"Heather Mitchell", "heather.mitchell@demo.laurel.test"},
    {"Lewis Paterson", "lewis.paterson@demo.laurel.test"},
    {"Catriona Ross", "catriona.ross@demo.laurel.test"},
    {"Gregor Hamilton", "gregor.hamilton@demo.laurel.test"},
    {"Eilidh Grant", "eilidh.grant@demo.laurel.test"},
};

enum demo_end {
	END_DRAFT,
	END_SHARED,
	END_SUBMITTED,
	END_CLAIMED,
	END_RETURNED,
	END_RESUBMITTED,
	END_DECLINED,
	END_AUTO_DECLINED,
	END_INTEGRITY,
	END_AWARDED
};

/*
 * One demo application. who 0 is the demo learner, 1.. a worker. Times
 * are days before the seed runs; 0 means the step does not happen. decide
 * is when the outcome (or the integrity flag) is recorded.
 */
struct demo_app {
	int who;
	const char *badge;
	enum demo_end end;
	double start, submit, claim, decide, resubmit;
};

static const struct demo_app demo_apps[] = {
    /* The demo learner: two introductory awards, then one of each kind
     * of thing a learner sees on their dashboard. */
    {0, "badge:getting-started", END_AWARDED, 120, 118, 105, 104.9, 0},
    {0, "badge:writing-evidence", END_AWARDED, 100, 97, 80, 79.9, 0},
    {0, "badge:dementia-awareness", END_RETURNED, 60, 55, 40, 39.9, 0},
    {0, "badge:human-rights", END_SUBMITTED, 20, 12, 0, 0, 0},
    {0, "badge:communication-sensory", END_SHARED, 6, 0, 0, 0, 0},
    /* Awards across the workers. */
    {1, "badge:getting-started", END_AWARDED, 150, 148, 130, 129.9, 0},
    {1, "badge:infection-prevention", END_AWARDED, 125, 121, 101, 100.9, 0},
    {1, "badge:nutrition-hydration", END_SUBMITTED, 40, 33, 0, 0, 0},
    {2, "badge:getting-started", END_AWARDED, 149, 147, 129, 128.9, 0},
    {2, "badge:writing-evidence", END_AWARDED, 140, 136, 117, 116.9, 0},
    {2, "badge:supervision", END_RESUBMITTED, 90, 86, 66, 65.9, 50},
    {3, "badge:writing-evidence", END_AWARDED, 146, 143, 124, 123.9, 0},
    /* Needs a manager's endorsement within 3 months: due in about 7
     * weeks, so the dashboard shows the deadline. */
    {3, "badge:moving-assisting", END_AWARDED, 62, 59, 41, 40.9, 0},
    {3, "badge:unpaid-carers", END_DECLINED, 70, 66, 49, 48.9, 0},
    {4, "badge:getting-started", END_AWARDED, 145, 144, 125, 124.9, 0},
    {4, "badge:end-of-life-care", END_AWARDED, 110, 104, 86, 85.9, 0},
    {4, "badge:wellbeing-resilience", END_CLAIMED, 30, 26, 0.05, 0, 0},
    {5, "badge:getting-started", END_AWARDED, 139, 137, 118, 117.9, 0},
    {5, "badge:medication-awareness", END_AWARDED, 108, 103, 84, 83.9, 0},
    {5, "badge:mental-health-awareness", END_AUTO_DECLINED, 9, 8, 0, 0, 0},
    {6, "badge:writing-evidence", END_AWARDED, 134, 131, 112, 111.9, 0},
    {6, "badge:human-rights", END_AWARDED, 102, 98, 79, 78.9, 0},
    {6, "badge:equality-diversity-inclusion", END_INTEGRITY, 45, 41, 22, 21.9,
        0},
    {7, "badge:getting-started", END_AWARDED, 130, 129, 110, 109.9, 0},
    {7, "badge:digital-online-safety", END_AWARDED, 96, 93, 75, 74.9, 0},
    {7, "badge:self-directed-support", END_SUBMITTED, 38, 31, 0, 0, 0},
    {8, "badge:writing-evidence", END_AWARDED, 128, 126, 106, 105.9, 0},
    {8, "badge:child-protection", END_AWARDED, 92, 88, 70, 69.9, 0},
    {8, "badge:outcomes-focused", END_DRAFT, 4, 0, 0, 0, 0},
    {9, "badge:getting-started", END_AWARDED, 127, 125, 104, 103.9, 0},
    {9, "badge:trauma-informed", END_AWARDED, 85, 81, 62, 61.9, 0},
    {9, "badge:adult-support-protection", END_SUBMITTED, 25, 17, 0, 0, 0},
    {10, "badge:writing-evidence", END_AWARDED, 122, 119, 100, 99.9, 0},
    {10, "badge:leading-yourself", END_AWARDED, 80, 76, 57, 56.9, 0},
    {10, "badge:infection-prevention", END_SUBMITTED, 14, 8, 0, 0, 0},
    {11, "badge:getting-started", END_AWARDED, 118, 116, 97, 96.9, 0},
    {11, "badge:riverside-values", END_AWARDED, 75, 72, 54, 53.9, 0},
    {11, "badge:dementia-awareness", END_SUBMITTED, 11, 5, 0, 0, 0},
    {12, "badge:writing-evidence", END_AWARDED, 115, 112, 93, 92.9, 0},
    {12, "badge:riverside-values", END_AWARDED, 70, 67, 48, 47.9, 0},
    {12, "badge:unpaid-carers", END_RETURNED, 50, 46, 28, 27.9, 0},
};

/* Sentences of the demo reflective accounts: general, and naming no one. */
static const char *const account_lines[] = {
    "In my role as a support worker I help the people I support to live "
    "the lives they choose, and this learning made me look again at how I "
    "do that every day.",
    "Before starting, I read the learning resources for this badge and "
    "talked through what I had read with my line manager in supervision.",
    "One thing that stood out for me was how often small choices are made "
    "for people rather than with them, even when we mean well.",
    "On a recent shift I noticed that I had started to tidy away a "
    "person's belongings without asking, because it was quicker.",
    "I stopped, explained what I was doing and asked how they would like "
    "their room to be, and they told me exactly where things should go.",
    "That conversation took a few minutes but it changed how the rest of "
    "the shift went, because they felt listened to and in control.",
    "I shared what I had learned at our team meeting, and two colleagues "
    "said they had noticed the same habit in their own practice.",
    "We agreed as a team to check with people before moving or changing "
    "anything in their own space, and to record their preferences.",
    "I also reflected on the Codes of Practice, especially respecting the "
    "rights of people who use services while promoting their wellbeing.",
    "Looking back, I can see that my practice was task focused at times, "
    "and that I now think first about what matters to the person.",
    "I still find it hard when a person's choice carries some risk, so I "
    "have asked for more support with positive risk taking.",
    "My manager and I have planned a follow-up conversation in three "
    "months to look at how the changes are working for people.",
    "The learning has given me more confidence to speak up in the team "
    "when I think a routine is not working for the people we support.",
    "I keep a short learning log now, which helps me notice patterns in "
    "my own practice and bring examples to supervision.",
    "Overall this has been one of the most useful pieces of learning I "
    "have done, because it connected directly with my daily work.",
};

static const char *const answer_lines[] = {
    "I showed this during a morning visit when I explained each step "
    "before I did it and waited for the person to agree.",
    "My line manager observed this in practice and we discussed it "
    "afterwards in supervision, where I reflected on what went well.",
    "I used the learning resources to plan how I would approach this, "
    "then tried it over several shifts and noted what changed.",
    "A colleague and I talked through a situation where this mattered, "
    "and we agreed how we would handle it the next time.",
};

/* The text that makes one application decline automatically: a phone
 * number from the range set aside for drama. */
static const char auto_decline_line[] =
    "When the person became distressed I rang their daughter on 07700 "
    "900123 and she came in to sit with them.";

static const char improved_line[] =
    "Since the assessor's feedback I have added a fuller example of how "
    "I applied the learning and what I would do differently next time.";

enum step_kind {
	ST_START,
	ST_SHARE,
	ST_SUBMIT,
	ST_CLAIM,
	ST_DECIDE,
	ST_RESAVE,
	ST_RESUBMIT
};

struct step {
	int64_t at;
	size_t app;
	enum step_kind kind;
};

struct work {
	struct app *app; /* the caller's, with the clock replaced */
	struct arena *a;
	char learner[NELEM(workers) + 1][ID_LEN + 1];
	char manager[ID_LEN + 1];
	char assessor[ID_LEN + 1]; /* the scheme's */
	char riverside_admin[ID_LEN + 1];
	char scheme[ID_LEN + 1], riverside[ID_LEN + 1];
	const char *ids[NELEM(demo_apps)];
};

static int
step_cmp(const void *x, const void *y)
{
	const struct step *p = x, *q = y;

	if (p->at != q->at)
		return p->at < q->at ? -1 : 1;
	if (p->app != q->app)
		return p->app < q->app ? -1 : 1;
	return p->kind < q->kind ? -1 : p->kind > q->kind;
}

/* account_text writes an account of at least min_words words. */
static const char *
account_text(struct arena *a, size_t k, int64_t min_words, bool identify)
{
	struct buf b;
	int64_t words = 0;

	buf_init(&b, a, 64 * 1024);
	for (size_t i = 0; words < min_words + 20; i++) {
		const char *s = account_lines[(k + i) % NELEM(account_lines)];

		if (i > 0)
			buf_add(
			    &b, i % 4 == 0 ? "\n\n" : " ", i % 4 == 0 ? 2 : 1);
		buf_add(&b, s, strlen(s));
		for (const char *p = s; *p; p++)
			words += *p == ' ';
		words++;
		if (identify && i == 2) {
			buf_add(&b, " ", 1);
			buf_add(
			    &b, auto_decline_line, strlen(auto_decline_line));
		}
	}
	return buf_err(&b) ? "" : b.data;
}

/* fill saves a complete draft of application i. */
static int
fill(struct work *w, size_t i, const struct who *who, bool improved)
{
	const struct demo_app *d = &demo_apps[i];
	struct application ap;
	struct app_draft dr = {0};
	struct form_err e = {0};
	int64_t rev;
	int rc;

	if ((rc = application_get(w->app, w->a, who, w->ids[i], &ap)) != 0)
		return rc;
	dr.revision = ap.revision;
	dr.account_md =
	    account_text(w->a, i, ap.min_words, d->end == END_AUTO_DECLINED);
	if (improved)
		dr.account_md = arena_printf(
		    w->a, "%s\n\n%s", dr.account_md, improved_line);
	dr.alt_url = "";
	dr.links = "";
	dr.nanswers = ap.nanswers;
	dr.answers = arena_alloc(w->a, (ap.nanswers + 1) * sizeof(char *));
	for (size_t k = 0; k < ap.nanswers; k++)
		dr.answers[k] = answer_lines[(i + k) % NELEM(answer_lines)];
	rc = application_save(w->app, w->a, who, w->ids[i], &dr, &rev, &e);
	if (rc != 0)
		log_warn("demo draft not saved", "badge", d->badge, "why",
		    e.msg ? e.msg : err_str(rc));
	return rc;
}

/* review_token finds the token of the newest review invitation emailed
 * to addr in the outbox (the demo has no inbox to click it in). */
static const char *
review_token(struct work *w, const char *addr)
{
	struct outbox_msg *m;
	size_t n;

	if (outbox_list(w->app, w->a, 20, &m, &n) != 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *p;
		size_t len = 0;

		if (strcmp(m[i].to, addr) != 0 ||
		    (p = strstr(m[i].body, "/reviews/")) == NULL)
			continue;
		p += strlen("/reviews/");
		while (p[len] != '\0' && p[len] != '\n' && p[len] != ' ' &&
		    p[len] != '\r')
			len++;
		return arena_strndup(w->a, p, len);
	}
	return NULL;
}

/* share invites the demo manager to review application i, who accepts
 * and comments on the first criterion. */
static int
share(struct work *w, size_t i, const struct who *who)
{
	struct who mw = {w->manager, "demo data"};
	struct form_err e = {0};
	const char *token, *id;
	int rc;

	if ((rc = application_invite(w->app, w->a, who, w->ids[i],
	         demo_accounts[1].email, "manager", &e)) != 0)
		return rc;
	if ((token = review_token(w, demo_accounts[1].email)) == NULL)
		return ERR_NOTFOUND;
	if ((rc = review_accept(w->app, w->a, &mw, token, &id, &e)) != 0)
		return rc;
	return application_comment(w->app, w->a, &mw, w->ids[i], 1,
	    "This is a good start. Could you say a little more about what "
	    "you would do differently next time, and how you checked with "
	    "the person that the change worked for them?",
	    &e);
}

static int
submit(struct work *w, size_t i, const struct who *who)
{
	struct app_submit_result res;
	struct application ap;
	struct form_err e = {0};
	int rc;

	if ((rc = application_get(w->app, w->a, who, w->ids[i], &ap)) != 0)
		return rc;
	rc = application_submit(
	    w->app, w->a, who, w->ids[i], ap.revision, true, &res, &e);
	if (rc != 0)
		log_warn("demo application not submitted", "badge",
		    demo_apps[i].badge, "why", e.msg ? e.msg : err_str(rc));
	return rc;
}

/* decide records the outcome demo application i ends with. */
static int
decide(struct work *w, size_t i, const struct who *aw, const char *issuer)
{
	const struct demo_app *d = &demo_apps[i];
	struct assess_decision dec = {0};
	struct assess_app ap;
	struct assess_mark *marks;
	struct form_err e = {0};
	const char *award;
	bool all = d->end == END_AWARDED;

	if (d->end == END_INTEGRITY) {
		if (assess_app_get(w->app, w->a, aw, issuer, w->ids[i], &ap) !=
		    0)
			return ERR_NOTFOUND;
		return assess_flag(w->app, w->a, aw, issuer, w->ids[i],
		    ap.round,
		    "Parts of the account read very differently from the "
		    "learner's earlier applications and repeat the learning "
		    "resource word for word. I would like an issuer admin to "
		    "look at whether this is the learner's own work.",
		    &e);
	}
	if (assess_app_get(w->app, w->a, aw, issuer, w->ids[i], &ap) != 0)
		return ERR_NOTFOUND;
	{
		struct badge_detail bd;
		int rc = badge_get(
		    w->app, w->a, ap.badge_id, ap.version, true, NULL, &bd);
		if (rc != 0)
			return rc;
		marks = arena_alloc(w->a, (bd.n_criteria + 1) * sizeof(*marks));
		for (size_t k = 0; k < bd.n_criteria; k++) {
			marks[k].position = (int)k + 1;
			marks[k].met = all || k > 0;
			marks[k].comment = all || k > 0
			    ? "Met: the example shows this clearly."
			    : "Not yet: the example does not show how you "
			      "checked what the person wanted.";
		}
		dec.nmarks = bd.n_criteria;
	}
	dec.round = ap.round;
	dec.marks = marks;
	switch (d->end) {
	case END_AWARDED:
		dec.outcome = ASSESS_AWARD;
		dec.feedback = "Well done: a thoughtful account that shows how "
		               "the learning changed your practice.";
		break;
	case END_DECLINED:
		dec.outcome = ASSESS_DECLINE;
		dec.reason_code = "not-eligible";
		dec.feedback =
		    "This badge is for people who support unpaid "
		    "carers in their work; the account describes "
		    "learning for a different role. Have a look at "
		    "the badges in the catalogue that fit your role.";
		break;
	default:
		dec.outcome = ASSESS_RETURN;
		dec.feedback =
		    "You are nearly there. Please add an example for "
		    "the first criterion showing how you found out "
		    "what the person wanted, then resubmit.";
		break;
	}
	return assess_decide(
	    w->app, w->a, aw, issuer, w->ids[i], &dec, &award, &e);
}

static int
run_step(struct work *w, const struct step *s)
{
	const struct demo_app *d = &demo_apps[s->app];
	struct who lw = {w->learner[d->who], "demo data"};
	bool riverside = strncmp(d->badge, "badge:riverside", 15) == 0;
	struct who aw = {
	    riverside ? w->riverside_admin : w->assessor, "demo data"};
	const char *issuer = riverside ? w->riverside : w->scheme;
	struct form_err e = {0};
	char badge[ID_LEN + 1];
	bool existing;

	switch (s->kind) {
	case ST_START:
		seed_id(d->badge, badge);
		if (application_start(w->app, w->a, &lw, badge, &w->ids[s->app],
		        &existing, &e) != 0) {
			log_warn("demo application not started", "badge",
			    d->badge, "why", e.msg ? e.msg : "");
			return ERR_INVAL;
		}
		return fill(w, s->app, &lw, false);
	case ST_SHARE:
		return share(w, s->app, &lw);
	case ST_SUBMIT:
	case ST_RESUBMIT:
		return submit(w, s->app, &lw);
	case ST_CLAIM:
		return assess_claim(w->app, w->a, &aw, issuer, w->ids[s->app],
		           "", &e) == 0
		    ? 0
		    : assess_claim(w->app, w->a, &aw, issuer, w->ids[s->app],
		          "Demo data: taking this one to show a claim.", &e);
	case ST_DECIDE:
		return decide(w, s->app, &aw, issuer);
	case ST_RESAVE:
		return fill(w, s->app, &lw, true);
	}
	return ERR_INVAL;
}

/* people makes the workers' accounts and finds the demo staff. */
static int
people(struct work *w, int *created)
{
	struct who sys = {"", "demo data"};
	char org[ID_LEN + 1];
	bool made;
	int rc;

	if ((rc = account_ensure(w->app, w->a, demo_accounts[0].name,
	         demo_accounts[0].email, DEMO_PASSWORD, w->learner[0],
	         &made)) != 0 ||
	    (rc = account_ensure(w->app, w->a, demo_accounts[1].name,
	         demo_accounts[1].email, DEMO_PASSWORD, w->manager, &made)) !=
	        0 ||
	    (rc = account_ensure(w->app, w->a, demo_accounts[2].name,
	         demo_accounts[2].email, DEMO_PASSWORD, w->riverside_admin,
	         &made)) != 0 ||
	    (rc = account_ensure(w->app, w->a, demo_accounts[3].name,
	         demo_accounts[3].email, DEMO_PASSWORD, w->assessor, &made)) !=
	        0)
		return rc;
	seed_id("org:riverside", org);
	for (size_t i = 0; i < NELEM(workers); i++) {
		char *id = w->learner[i + 1];

		if ((rc = account_ensure(w->app, w->a, workers[i].name,
		         workers[i].email, DEMO_PASSWORD, id, &made)) != 0)
			return rc;
		*created += made;
		if (org_person_role(w->app, w->a, org, id) != 0)
			continue;
		if ((rc = db_begin(w->app->db)) != 0)
			return rc;
		rc = org_add_member(w->app, &sys, org, id, "staff", w->manager);
		if ((rc = tx_end(w->app, rc)) != 0)
			return rc;
	}
	return 0;
}

int
seed_work(struct app *app, int *created)
{
	struct step steps[NELEM(demo_apps) * 7];
	struct app_summary *mine;
	struct work w = {0};
	struct app wapp = *app;
	struct clock clk;
	int64_t now = clock_now(app->clock);
	size_t nsteps = 0, nmine;
	int rc;

	*created = 0;
	w.a = arena_new(256 << 20);
	w.app = &wapp;
	seed_id("issuer:scheme", w.scheme);
	seed_id("issuer:riverside", w.riverside);
	if ((rc = people(&w, created)) != 0)
		goto out;
	/* Once is enough: the demo learner's applications show it ran. */
	if ((rc = application_list(app, w.a, w.learner[0], &mine, &nmine)) !=
	        0 ||
	    nmine > 0)
		goto out;
	for (size_t i = 0; i < NELEM(demo_apps); i++) {
		const struct demo_app *d = &demo_apps[i];
#define STEP(t, k)                                                             \
	steps[nsteps++] = (struct step){now - (int64_t)((t)*DAY), i, (k)}
		STEP(d->start, ST_START);
		if (d->end == END_SHARED)
			STEP(d->start - 0.5, ST_SHARE);
		if (d->submit > 0)
			STEP(d->submit, ST_SUBMIT);
		if (d->claim > 0)
			STEP(d->claim, ST_CLAIM);
		if (d->decide > 0)
			STEP(d->decide, ST_DECIDE);
		if (d->resubmit > 0) {
			STEP(d->resubmit + 1, ST_RESAVE);
			STEP(d->resubmit, ST_RESUBMIT);
		}
#undef STEP
	}
	qsort(steps, nsteps, sizeof(steps[0]), step_cmp);
	for (size_t i = 0; i < nsteps; i++) {
		clk = clock_frozen(steps[i].at);
		wapp.clock = &clk;
		if ((rc = run_step(&w, &steps[i])) != 0) {
			log_error("demo workflow step failed", "badge",
			    demo_apps[steps[i].app].badge, "error",
			    err_str(rc));
			goto out;
		}
		*created += steps[i].kind == ST_START;
	}
out:
	arena_free(w.a);
	return rc;
}
