/*
 * test_apply.c: the learner's side of an application over loopback HTTP
 * against the real `laurel serve`: starting from a badge page, saving a
 * draft (and a stale revision from another tab, 409), autosave as JSON,
 * a session that ends while typing (the text is kept and given back after
 * signing in), a forged save (403), attachments served only to the
 * people allowed, a reviewer accepting and commenting, and a submission
 * with a phone number declined automatically, then fixed and submitted.
 *
 * Tests share one database (migrate + seed-demo, see lib/server.h), so
 * each uses a badge of its own for the demo learner (one open
 * application per badge). Run from the repository root; $LAUREL names
 * the binary (default build/laurel).
 */
#include "core/common.h"
#include "core/buf.h"

#include <strings.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>

#include "domain/seed.h"
#include "lib/client.h"
#include "lib/server.h"

#define LEARNER "learner@demo.laurel.test"
#define MANAGER "manager@demo.laurel.test"
#define REVIEWER "orgadmin@demo.laurel.test"
#define ADMIN "platformadmin@demo.laurel.test"
#define BOUNDARY "----LaurelApplyTestBoundary42"

static struct test_server srv;

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	(void)set;
	(void)test_env_prepare();
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	(void)stats;
	test_env_cleanup();
}

static void
setup(void)
{
	test_server_start(&srv);
	cl_server(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(apply, .init = setup, .fini = teardown, .timeout = 120);

/* cl_follow GETs the Location of the last response. */
static long
cl_follow(struct client *c)
{
	char to[512];

	snprintf(to, sizeof(to), "%s", cl_location(c));
	return cl_get(c, to);
}

static const char *
badge(const char *key)
{
	static char ids[8][ID_LEN + 1];
	static int k;
	char *out = ids[k++ % 8];

	seed_id(key, out);
	return out;
}

/* start applies for badge from its page; sets id to the application. */
static void
start(struct client *c, const char *b, char id[ID_LEN + 1])
{
	char path[128];
	const char *l, *p;

	snprintf(path, sizeof(path), "/badges/%s", b);
	cl_get(c, path);
	cl_expect(c, 200, "Start an application", "the badge page");
	snprintf(path, sizeof(path), "/badges/%s/apply", b);
	cl_post(c, path, NULL);
	cl_expect_redirect(c, "/applications/", "POST apply");
	l = cl_location(c);
	p = l + strlen("/applications/");
	snprintf(id, ID_LEN + 1, "%.*s", ID_LEN, p);
	cr_assert(strstr(l, "/edit") != NULL, "Location %s", l);
}

static void
path_of(char *out, size_t n, const char *id, const char *tail)
{
	snprintf(out, n, "/applications/%s%s", id, tail);
}

/* revision scrapes the draft form's revision. */
static const char *
revision(const struct client *c)
{
	static char rev[32];
	const char *p = strstr(cl_body(c), "name=\"revision\" value=\"");
	size_t k = 0;

	cr_assert_not_null(p, "no revision in the page");
	p += strlen("name=\"revision\" value=\"");
	while (p[k] != '"' && k + 1 < sizeof(rev))
		k++;
	snprintf(rev, sizeof(rev), "%.*s", (int)k, p);
	return rev;
}

/* many returns n words. */
static char *
many(size_t n, const char *tail)
{
	struct buf b;

	buf_init(&b, NULL, 20 * n + 400);
	for (size_t i = 0; i < n; i++)
		buf_adds(&b, i ? " learning" : "Learning");
	buf_adds(&b, tail);
	return buf_detach(&b, NULL);
}

/* The number of criteria of the badge being tested (count_answers). */
static int nanswers;

/* count_answers counts the answer fields of the edit page c shows. */
static void
count_answers(const struct client *c)
{
	const char *p = cl_body(c);

	nanswers = 0;
	while ((p = strstr(p, "name=\"answer_")) != NULL) {
		nanswers++;
		p++;
	}
	cr_assert_gt(nanswers, 0, "no answer fields");
}

/* save posts the draft form, with answer for every criterion. */
static long
save(struct client *c, const char *id, const char *rev, const char *account,
    const char *answer)
{
	char path[128], name[32];
	struct buf b;
	long st;

	path_of(path, sizeof(path), id, "/save");
	buf_init(&b, NULL, 1 << 20);
	form_add(&b, "revision", rev);
	form_add(&b, "account", account);
	form_add(&b, "alt_url", "");
	form_add(&b, "links", "");
	for (int i = 1; i <= nanswers; i++) {
		snprintf(name, sizeof(name), "answer_%d", i);
		form_add(&b, name, answer);
	}
	form_add(&b, "csrf_token", cl_token(c));
	st = cl_send(c, "POST", path, b.data, b.len);
	buf_free(&b);
	return st;
}

/* header sends a request with extra headers and c's cookies. */
static long
raw(struct client *c, const char *method, const char *path, const char *ctype,
    const char *accept, const void *body, size_t len, const char *extra_cookie,
    struct http_resp *out)
{
	char cookie[800], ct[200], ac[200];
	const char *h[4];
	size_t nh = 0;

	snprintf(cookie, sizeof(cookie),
	    "Cookie: laurel_session=%s; laurel_csrf=%s%s%s", c->session,
	    c->seed, extra_cookie ? "; " : "",
	    extra_cookie ? extra_cookie : "");
	h[nh++] = cookie;
	if (ctype) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", ctype);
		h[nh++] = ct;
	}
	if (accept) {
		snprintf(ac, sizeof(ac), "Accept: %s", accept);
		h[nh++] = ac;
	}
	h[nh] = NULL;
	memset(out, 0, sizeof(*out));
	cr_assert_eq(
	    http_request(&srv, method, path, h, body, len, out), 0, "%s", path);
	return out->status;
}

/* mail_token reads the newest outbox message with marker (as the
 * platform admin) and returns the token that follows it. */
static void
mail_token(const char *marker, char *out, size_t n)
{
	struct client a = {0};
	const char *p, *best = NULL;

	cl_sign_in(&a, ADMIN);
	cl_get(&a, "/admin/outbox");
	cl_expect(&a, 200, NULL, "the outbox");
	/* newest first */
	p = strstr(cl_body(&a), marker);
	best = p;
	cr_assert_not_null(best, "no mail with %s", marker);
	best += strlen(marker);
	snprintf(out, n, "%.43s", best);
	cl_free(&a);
}

Test(apply, blocked_and_recommended)
{
	struct client c = {0};
	char path[128];

	cl_sign_in(&c, LEARNER);
	snprintf(path, sizeof(path), "/badges/%s",
	    badge("badge:dementia-communication"));
	cl_get(&c, path);
	cl_expect(&c, 200, "You need to hold this badge before you can apply",
	    "a required prerequisite");
	cr_assert_not(cl_has(&c, "Start an application"));
	snprintf(path, sizeof(path), "/badges/%s/apply",
	    badge("badge:dementia-communication"));
	cl_post(&c, path, NULL);
	cl_expect(&c, 403, "Dementia", "apply anyway");
	snprintf(path, sizeof(path), "/badges/%s",
	    badge("badge:communication-sensory"));
	cl_get(&c, path);
	cl_free(&c);
	/* The manager holds no badges: writing evidence is suggested. */
	cl_sign_in(&c, MANAGER);
	cl_get(&c, path);
	cl_expect(&c, 200, "We recommend these badges first", "recommended");
	cr_assert(cl_has(&c, "Start an application"));
	cl_free(&c);
	/* Not signed in: a sign-in link. */
	{
		struct client anon = {0};
		cl_get(&anon, path);
		cl_expect(&anon, 200, "Sign in to apply", "anonymous");
		cl_get(&anon, "/policy/evidence");
		cl_expect(&anon, 200, "Spelling and grammar are not assessed",
		    "policy");
		cl_free(&anon);
	}
}

Test(apply, save_conflict_json_and_forgery)
{
	struct client c = {0};
	char id[ID_LEN + 1], path[160], rev[32], body[2000];
	struct http_resp r;

	cl_sign_in(&c, LEARNER);
	start(&c, badge("badge:getting-started"), id);
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	cl_expect(&c, 200, "Your reflective account", "the edit page");
	count_answers(&c);
	cr_assert(cl_has(&c, "0 words; this badge asks for at least 150."));
	snprintf(rev, sizeof(rev), "%s", revision(&c));
	save(&c, id, rev, "My first words", "An answer");
	cl_expect_redirect(&c, "/applications/", "save");
	cl_follow(&c);
	cl_expect(&c, 200, "Saved at", "after saving");
	cr_assert(cl_has(&c, "3 words; this badge asks for at least 150."));
	/* The other tab still has the old revision: 409, text kept. */
	save(&c, id, rev, "Typed in the other tab", "Other answer");
	cl_expect(&c, 409, "another tab or window", "a stale save");
	cr_assert(cl_has(&c, "Typed in the other tab"));
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	cr_assert(cl_has(&c, "My first words"), "nothing was overwritten");
	snprintf(rev, sizeof(rev), "%s", revision(&c));

	/* Autosave: JSON. */
	path_of(path, sizeof(path), id, "/save");
	snprintf(body, sizeof(body),
	    "revision=%s&account=Autosaved+text+ring+07700+900123&alt_url=&"
	    "links=&csrf_token=%s",
	    rev, c.token);
	raw(&c, "POST", path, "application/x-www-form-urlencoded",
	    "application/json", body, strlen(body), NULL, &r);
	cr_assert_eq(r.status, 200, "%s", r.body.data);
	cr_assert(strstr(r.body.data, "\"revision\":") != NULL);
	cr_assert(strstr(r.body.data, "\"saved_at\":") != NULL);
	cr_assert(strstr(r.body.data, "\"kind\":\"phone\"") != NULL, "%s",
	    r.body.data);
	http_resp_free(&r);
	/* the same revision again: 409 as JSON */
	raw(&c, "POST", path, "application/x-www-form-urlencoded",
	    "application/json", body, strlen(body), NULL, &r);
	cr_assert_eq(r.status, 409);
	cr_assert(strstr(r.body.data, "another tab") != NULL);
	http_resp_free(&r);
	/* The edit page highlights the phone number. */
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	cl_expect(&c, 200, "laurel-hit--phone", "highlight");
	cr_assert(cl_has(&c, "this looks like a phone number"));

	/* A forged save: no token, or a wrong one. */
	path_of(path, sizeof(path), id, "/save");
	snprintf(body, sizeof(body), "revision=1&account=forged");
	raw(&c, "POST", path, "application/x-www-form-urlencoded", NULL, body,
	    strlen(body), NULL, &r);
	cr_assert_eq(r.status, 403);
	http_resp_free(&r);
	snprintf(body, sizeof(body),
	    "revision=1&account=forged&csrf_token="
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	raw(&c, "POST", path, "application/x-www-form-urlencoded", NULL, body,
	    strlen(body), NULL, &r);
	cr_assert_eq(r.status, 403);
	http_resp_free(&r);
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	cr_assert_not(cl_has(&c, "forged"));
	/* Someone else cannot read or save it. */
	{
		struct client m = {0};
		cl_sign_in(&m, MANAGER);
		path_of(path, sizeof(path), id, "");
		cl_get(&m, path);
		cl_expect(&m, 404, NULL, "the manager, not invited");
		save(&m, id, "1", "x", "y");
		cl_expect(&m, 404, NULL, "the manager saves");
		cl_free(&m);
	}
	/* withdraw, so other runs can start again */
	path_of(path, sizeof(path), id, "/withdraw");
	cl_post(&c, path, NULL);
	cl_expect_redirect(&c, "/applications/", "withdraw");
	cl_free(&c);
}

Test(apply, lapsed_session_keeps_the_text)
{
	struct client c = {0}, other = {0};
	char id[ID_LEN + 1], path[200], rev[32], tok[64] = "", stash[400];
	char seed[256];

	cl_sign_in(&c, LEARNER);
	start(&c, badge("badge:writing-evidence"), id);
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	count_answers(&c);
	snprintf(rev, sizeof(rev), "%s", revision(&c));
	/* The session ends elsewhere while the person types. */
	cl_sign_in(&other, LEARNER);
	cl_post(&other, "/account/sessions/end-others", NULL);
	cr_assert_lt(other.r.status, 400);
	/* A forged save with the dead session's cookie: still 403. */
	{
		struct http_resp r;
		char form[300], dead[256];
		snprintf(dead, sizeof(dead), "%s", c.session);
		path_of(path, sizeof(path), id, "/save");
		snprintf(form, sizeof(form),
		    "revision=%s&account=forged&csrf_token="
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		    rev);
		raw(&c, "POST", path, "application/x-www-form-urlencoded", NULL,
		    form, strlen(form), NULL, &r);
		cr_assert_eq(r.status, 403, "forged with a dead session");
		http_resp_free(&r);
		snprintf(form, sizeof(form), "revision=%s&account=forged", rev);
		raw(&c, "POST", path, "application/x-www-form-urlencoded", NULL,
		    form, strlen(form), NULL, &r);
		cr_assert_eq(r.status, 403, "no token with a dead session");
		http_resp_free(&r);
		/* An autosave now: 401, nothing kept. */
		snprintf(form, sizeof(form),
		    "revision=%s&account=autosaved&csrf_token=%s", rev,
		    c.token);
		raw(&c, "POST", path, "application/x-www-form-urlencoded",
		    "application/json", form, strlen(form), NULL, &r);
		cr_assert_eq(r.status, 401, "autosave after the session");
		http_resp_free(&r);
		snprintf(c.session, sizeof(c.session), "%s", dead);
	}
	save(&c, id, rev, "Words I must not lose", "Answer kept too");
	cl_expect_redirect(&c, "/signin?next=", "a save after the session");
	cr_assert(strstr(cl_location(&c), "restore") != NULL);
	for (size_t i = 0; i < c.r.nheaders; i++) {
		const char *v = c.r.headers[i].value;
		if (strcasecmp(c.r.headers[i].name, "Set-Cookie") == 0 &&
		    strncmp(v, "laurel_stash=", 13) == 0)
			snprintf(tok, sizeof(tok), "%.43s", v + 13);
	}
	cr_assert_eq(strlen(tok), 43, "no stash cookie");
	cr_assert_str_eq(c.session, "", "the dead session was cleared");
	/* Sign in through the link; the draft comes back. */
	cl_follow(&c);
	cl_expect(&c, 200, "Sign in", "the sign-in page");
	{
		char next[200];
		snprintf(next, sizeof(next), "/applications/%s/edit?restore=%s",
		    id, tok);
		cl_post(&c, "/signin", "email", LEARNER, "password",
		    DEMO_PASSWORD, "next", next, NULL);
		cl_expect_redirect(&c, next, "sign in with next");
		/* the stash cookie goes with the browser */
		snprintf(seed, sizeof(seed), "%s", c.seed);
		snprintf(
		    stash, sizeof(stash), "%s; laurel_stash=%s", seed, tok);
		memcpy(c.seed, stash,
		    strlen(stash) + 1 < sizeof(c.seed) ? strlen(stash) + 1 : 0);
		cl_get(&c, next);
		snprintf(c.seed, sizeof(c.seed), "%s", seed);
	}
	cl_expect(&c, 200, "We kept what you typed", "restored");
	cr_assert(cl_has(&c, "Words I must not lose"));
	cr_assert(cl_has(&c, "Answer kept too"));
	/* Save to keep it. */
	save(&c, id, revision(&c), "Words I must not lose", "Answer kept too");
	cl_expect_redirect(&c, "/applications/", "save the restored text");
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	cr_assert(cl_has(&c, "Words I must not lose"));
	/* The link works once, and not without the cookie. */
	snprintf(
	    path, sizeof(path), "/applications/%s/edit?restore=%s", id, tok);
	cl_get(&c, path);
	cl_expect(&c, 200, "could not be found", "a second restore");
	path_of(path, sizeof(path), id, "/withdraw");
	cl_post(&c, path, NULL);
	cl_free(&c);
	cl_free(&other);
}

/* attach posts one file as multipart/form-data. */
static long
attach(struct client *c, const char *id, const char *filename, const void *data,
    size_t len)
{
	struct buf b;
	char path[128];
	struct http_resp r;
	long st;

	buf_init(&b, NULL, 1 << 22);
	buf_addf(&b,
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; "
	    "name=\"csrf_token\"\r\n\r\n%s\r\n"
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"%s\"\r\nContent-Type: application/pdf\r\n\r\n",
	    cl_token(c), filename);
	buf_add(&b, data, len);
	buf_adds(&b, "\r\n--" BOUNDARY "--\r\n");
	path_of(path, sizeof(path), id, "/attachments");
	st = raw(c, "POST", path, "multipart/form-data; boundary=" BOUNDARY,
	    NULL, b.data, b.len, NULL, &r);
	http_resp_free(&r);
	buf_free(&b);
	return st;
}

Test(apply, attachments_reviewers_and_submission)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR tiny";
	struct client c = {0}, rv = {0}, m = {0}, s = {0};
	char id[ID_LEN + 1], path[200], att[ID_LEN + 1], tok[64];
	const char *p;
	char *text;

	cl_sign_in(&c, LEARNER);
	start(&c, badge("badge:nutrition-hydration"), id);
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	count_answers(&c);
	cr_assert_eq(attach(&c, id, "evidence.pdf", png, sizeof(png) - 1), 303);
	cr_assert_eq(attach(&c, id, "prog.exe", "MZ\x90\0\3\0", 6), 400);
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	cl_expect(&c, 200, "evidence.pdf.png", "the attachment");
	p = strstr(cl_body(&c), "/attachments/");
	cr_assert_not_null(p);
	snprintf(att, sizeof(att), "%.22s", p + strlen("/attachments/"));
	snprintf(
	    path, sizeof(path), "/applications/%s/attachments/%s", id, att);
	cl_get(&c, path);
	cr_assert_eq(c.r.status, 200);
	cr_assert_str_eq(http_resp_header(&c.r, "Content-Type"), "image/png");
	cr_assert(strncmp(http_resp_header(&c.r, "Content-Disposition"),
	              "attachment; filename=", 21) == 0);
	cr_assert_not_null(strstr(http_resp_header(&c.r, "Content-Disposition"),
	    "filename*=UTF-8''evidence.pdf.png"));
	cr_assert_str_eq(
	    http_resp_header(&c.r, "X-Content-Type-Options"), "nosniff");
	/* The manager (not invited) and a stranger get 404. */
	cl_sign_in(&m, MANAGER);
	cl_get(&m, path);
	cr_assert_eq(m.r.status, 404);
	cl_sign_in(&s, "assessor@demo.laurel.test");
	cl_get(&s, path);
	cr_assert_eq(s.r.status, 404, "an assessor before submission");

	/* Invite a reviewer, who accepts and comments on criterion 1. */
	path_of(path, sizeof(path), id, "/reviewers");
	cl_post(&c, path, "email", REVIEWER, "relationship", "colleague", NULL);
	cl_expect_redirect(&c, "/applications/", "invite");
	mail_token("/reviews/", tok, sizeof(tok));
	cl_sign_in(&rv, REVIEWER);
	snprintf(path, sizeof(path), "/reviews/%s", tok);
	cl_get(&rv, path);
	cl_expect(&rv, 200, "Accept and read the draft", "the review link");
	cl_post(&rv, path, NULL);
	cl_expect_redirect(&rv, "/applications/", "accept");
	snprintf(
	    path, sizeof(path), "/applications/%s/attachments/%s", id, att);
	cl_get(&rv, path);
	cr_assert_eq(rv.r.status, 200, "an accepted reviewer reads it");
	path_of(path, sizeof(path), id, "/comments");
	cl_post(&rv, path, "criterion", "1", "body", "Give an example.", NULL);
	cl_expect_redirect(&rv, "/applications/", "comment");
	path_of(path, sizeof(path), id, "");
	cl_get(&c, path);
	cl_expect(&c, 200, "Give an example.", "the learner sees it");
	cr_assert(cl_has(&c, "Mark as resolved"));

	/* Submit with a phone number: declined automatically. */
	text = many(260, "\n\nI phoned her on 07700 900123.");
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	save(&c, id, revision(&c), text, "I did it.");
	free(text);
	cl_expect_redirect(&c, "/applications/", "save");
	path_of(path, sizeof(path), id, "/submit");
	cl_get(&c, path);
	cl_expect(&c, 200, "declined automatically", "the submit page warns");
	cl_post(&c, path, "revision", revision(&c), NULL);
	cl_expect(&c, 400, "Confirm that the evidence", "no declaration");
	cl_post(&c, path, "revision", revision(&c), "declaration", "yes", NULL);
	cl_expect_redirect(&c, "/applications/", "submit");
	cl_follow(&c);
	cl_expect(&c, 200, "Declined automatically", "the status");
	cr_assert(cl_has(&c, "could identify a person"));
	/* Edit and resubmit at once. */
	text = many(260, "\n\nI phoned her to check.");
	path_of(path, sizeof(path), id, "/edit");
	cl_get(&c, path);
	cl_expect(&c, 200, NULL, "edit after the decline");
	save(&c, id, revision(&c), text, "I did it.");
	free(text);
	path_of(path, sizeof(path), id, "/submit");
	cl_get(&c, path);
	cl_post(&c, path, "revision", revision(&c), "declaration", "yes", NULL);
	cl_expect_redirect(&c, "/applications/", "resubmit");
	cl_follow(&c);
	cl_expect(&c, 200, "Decision due by", "submitted");
	cr_assert(cl_has(&c, "Resubmitted"));
	cr_assert(cl_has(&c, "Place in the queue"));
	/* Now the issuer's assessor reads the attachment. */
	snprintf(
	    path, sizeof(path), "/applications/%s/attachments/%s", id, att);
	cl_get(&s, path);
	cr_assert_eq(s.r.status, 200, "the issuer's assessor after submission");
	cl_get(&m, path);
	cr_assert_eq(m.r.status, 404);
	cl_get(&c, "/dashboard");
	cl_expect(&c, 200, "Resubmitted", "the dashboard");
	cl_free(&c);
	cl_free(&rv);
	cl_free(&m);
	cl_free(&s);
}
