/*
 * test_award.c: the award's page over loopback HTTP against the real
 * `laurel serve`: what anonymous visitors, strangers, the learner and the
 * issuer's staff get under each setting (the page, its noindex header and
 * meta tag, the evidence, the attachment download that must never reach
 * anyone not allowed, a private page's 404 for the page, card,
 * certificate, attachment and oEmbed alike), the learner's settings form
 * (an identifier in the summary refused), revocation by the issuer admin,
 * the card (a 1200 x 628 PNG, ETag), the certificate (a PDF naming the
 * learner and the badge: checked with pdftotext when it is installed) and
 * the oEmbed JSON.
 *
 * Awards are made with the domain's own calls (application_start, _save,
 * _attach, _submit, assess_claim, assess_decide) on the database the
 * server serves, each for a learner of its own (tests share one
 * database). Run from the repository root; $LAUREL names the binary
 * (default build/laurel), $LAUREL_TEST_DB an optional PostgreSQL database.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"

#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>

#include "core/clock.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/badge.h"
#include "domain/seed.h"
#include "lib/awards.h"
#include "lib/client.h"
#include "lib/server.h"

#define NOTES "Notes from my supervision session.\n"

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

TestSuite(award, .init = setup, .fini = teardown, .timeout = 120);

static const char *
path(const struct made *m, const char *rest)
{
	static char buf[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "/awards/%s%s", m->award, rest);
	return buf[k];
}

static void
settings(struct client *c, const struct made *m, const char *page,
    const char *evidence, const char *summary, const char *att)
{
	cl_post(c, path(m, "/settings"), "page", page, "evidence", evidence,
	    "summary", summary, "attachments", att, NULL);
	cl_expect_redirect(c, path(m, "?done=settings"), "settings saved");
}

static bool
noindexed(const struct client *c)
{
	const char *x = http_resp_header(&c->r, "X-Robots-Tag");

	return x != NULL && strstr(x, "noindex") != NULL &&
	    cl_has(c, "<meta name=\"robots\" content=\"noindex\">");
}

Test(award, visibility_and_evidence)
{
	struct client anon = {0}, owner = {0}, stranger = {0}, staff = {0};
	struct made m;
	char att_href[128];
	const char *cd;

	make_award(srv.db_url, &m);
	snprintf(att_href, sizeof(att_href), "/attachments/%s", m.att);

	/* By default: unlisted, no evidence, attachments private. */
	cl_get(&anon, path(&m, ""));
	cl_expect(&anon, 200, m.name, "anonymous sees the page");
	cr_assert(cl_has(&anon, "not evidence of competence"));
	cr_assert(noindexed(&anon), "unlisted: noindex header and meta");
	cr_assert(cl_has(&anon, "property=\"og:image\""));
	cr_assert(cl_has(&anon, "/card.png\">"));
	cr_assert(
	    cl_has(&anon, "twitter:card\" content=\"summary_large_image"));
	cr_assert(cl_has(&anon, "application/json+oembed"));
	cr_assert(cl_has(&anon,
	    "linkedin.com/profile/add?startTask="
	    "CERTIFICATION_NAME"));
	cr_assert(cl_has(&anon, "certId="));
	cr_assert(cl_has(&anon, "How to check this award"));
	cr_assert_not(cl_has(&anon, m.account), "no evidence by default");
	cr_assert_not(cl_has(&anon, att_href));
	cr_assert_not(cl_has(&anon, "Who can see this page"));
	cr_assert_eq(cl_get(&anon, path(&m, att_href)), 404);
	cr_assert_not(cl_has(&anon, "supervision session"));

	/* The learner sees everything and the settings form. */
	cl_sign_in(&owner, m.email);
	cl_get(&owner, path(&m, ""));
	cl_expect(&owner, 200, m.account, "the owner sees the evidence");
	cr_assert(cl_has(&owner, "Who can see this page"));
	cr_assert(cl_has(&owner, att_href));
	cr_assert(cl_has(&owner, "Only you and the issuer"));
	cr_assert_eq(cl_get(&owner, path(&m, att_href)), 200);
	cr_assert(cl_has(&owner, "supervision session"));

	/* Everything public. */
	cl_get(&owner, path(&m, ""));
	settings(&owner, &m, "public", "all", "I planned a week with someone.",
	    "yes");
	cl_get(&anon, path(&m, ""));
	cl_expect(&anon, 200, m.account, "all evidence public");
	cr_assert_null(http_resp_header(&anon.r, "X-Robots-Tag"));
	cr_assert_not(cl_has(&anon, "name=\"robots\""));
	cr_assert(cl_has(&anon, "I planned a week with someone."));
	cr_assert(cl_has(&anon, att_href));
	cr_assert_eq(cl_get(&anon, path(&m, att_href)), 200);
	cr_assert_eq(anon.r.body.len, strlen(NOTES));
	cr_assert(memcmp(anon.r.body.data, NOTES, strlen(NOTES)) == 0);
	cd = http_resp_header(&anon.r, "Content-Disposition");
	cr_assert(cd != NULL && strncmp(cd, "attachment;", 11) == 0);
	cr_assert(
	    http_resp_header_count(&anon.r, "Content-Security-Policy") >= 1);
	cr_assert_str_eq(
	    http_resp_header(&anon.r, "X-Content-Type-Options"), "nosniff");

	/* All evidence but attachments private: listed nowhere, served to
	 * no one but the learner and the issuer's staff. */
	settings(&owner, &m, "unlisted", "all", "", "no");
	cl_get(&anon, path(&m, ""));
	cl_expect(&anon, 200, m.account, "all evidence");
	cr_assert(noindexed(&anon));
	cr_assert_not(cl_has(&anon, att_href));
	cr_assert_eq(cl_get(&anon, path(&m, att_href)), 404);
	/* A summary only, attachments "public": still not served. */
	settings(&owner, &m, "unlisted", "summary", "A short summary.", "yes");
	cl_get(&anon, path(&m, ""));
	cl_expect(&anon, 200, "A short summary.", "the summary");
	cr_assert_not(cl_has(&anon, m.account));
	cr_assert_eq(cl_get(&anon, path(&m, att_href)), 404);

	/* A summary that identifies someone is refused, what was typed
	 * kept. */
	cl_post(&owner, path(&m, "/settings"), "page", "public", "evidence",
	    "summary", "summary", "Phone me on jane.doe@example.com",
	    "attachments", "no", NULL);
	cl_expect(&owner, 400, "email address", "identifier refused");
	cr_assert(cl_has(&owner, "jane.doe@example.com</textarea>"));

	/* Someone else cannot change the settings. */
	cl_sign_in(&stranger, "learner@demo.laurel.test");
	cl_get(&stranger, path(&m, ""));
	cl_expect(&stranger, 200, m.name, "a stranger sees the page");
	cr_assert_not(cl_has(&stranger, "Who can see this page"));
	cr_assert_eq(
	    cl_post(&stranger, path(&m, "/settings"), "page", "public",
	        "evidence", "all", "summary", "", "attachments", "yes", NULL),
	    403);

	/* Private: 404 to everyone but the learner and the issuer's staff,
	 * for every address the award has. */
	settings(&owner, &m, "private", "all", "", "yes");
	{
		const char *rest[] = {
		    "", "/card.png", "/certificate.pdf", att_href};
		for (size_t i = 0; i < NELEM(rest); i++) {
			cr_assert_eq(cl_get(&anon, path(&m, rest[i])), 404,
			    "anonymous %s", rest[i]);
			cr_assert_eq(cl_get(&stranger, path(&m, rest[i])), 404,
			    "stranger %s", rest[i]);
			cr_assert_not(cl_has(&anon, m.name));
		}
	}
	{
		char q[512];
		snprintf(q, sizeof(q), "/oembed?format=json&url=%s%s",
		    srv.base_url, path(&m, ""));
		cr_assert_eq(cl_get(&anon, q), 404, "oembed of a private page");
	}
	cl_sign_in(&staff, "assessor@demo.laurel.test");
	cl_get(&staff, path(&m, ""));
	cl_expect(&staff, 200, m.account, "the issuer's assessor sees it");
	cr_assert(cl_has(&staff, "because you are on the issuer"));
	cr_assert_eq(cl_get(&staff, path(&m, att_href)), 200);
	cr_assert_not(cl_has(&staff, "Revoke, suspend or reinstate"));
	cr_assert_eq(cl_get(&owner, path(&m, "")), 200);
	cl_free(&anon);
	cl_free(&owner);
	cl_free(&stranger);
	cl_free(&staff);
}

Test(award, revoke_by_issuer_admin)
{
	struct client admin = {0}, owner = {0}, anon = {0};
	struct made m;

	make_award(srv.db_url, &m);
	cl_sign_in(&owner, m.email);
	cl_get(&owner, path(&m, ""));
	settings(&owner, &m, "public", "all", "", "yes");
	cr_assert_eq(
	    cl_post(&owner, path(&m, "/status"), "action", "revoke", "reason",
	        "issued-in-error", "public_note", "", "private_note", "", NULL),
	    403, "the learner cannot revoke");
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	cl_get(&admin, path(&m, ""));
	cl_expect(&admin, 200, "Revoke, suspend or reinstate", "admin form");
	cl_post(&admin, path(&m, "/status"), "action", "revoke", "reason", "",
	    "public_note", "", "private_note", "", NULL);
	cl_expect(&admin, 400, "Choose a reason", "no reason");
	cl_post(&admin, path(&m, "/status"), "action", "revoke", "reason",
	    "issued-in-error", "public_note",
	    "This badge was awarded by mistake.", "private_note",
	    "Sorry about this.", NULL);
	cl_expect_redirect(&admin, path(&m, "?done=status"), "revoked");
	cl_get(&anon, path(&m, ""));
	cl_expect(&anon, 200, "This award was revoked by its issuer",
	    "the page says so");
	cr_assert(cl_has(&anon, "This badge was awarded by mistake."));
	cr_assert(cl_has(&anon, "Issued in error"));
	cr_assert_not(cl_has(&anon, "Sorry about this."));
	cr_assert_not(cl_has(&anon, m.account), "no evidence once revoked");
	cr_assert(noindexed(&anon), "a revoked award is not indexed");
	cl_get(&owner, path(&m, ""));
	cl_expect(&owner, 200, "Sorry about this.", "the learner's note");
	cl_free(&admin);
	cl_free(&owner);
	cl_free(&anon);
}

/* png_size reads the IHDR width and height of a PNG. */
static bool
png_size(const struct buf *b, unsigned *w, unsigned *h)
{
	const unsigned char *u = (const unsigned char *)b->data;

	if (b->len < 24 || memcmp(u, "\x89PNG\r\n\x1a\n", 8) != 0 ||
	    memcmp(u + 12, "IHDR", 4) != 0)
		return false;
	*w = (unsigned)u[16] << 24 | (unsigned)u[17] << 16 |
	    (unsigned)u[18] << 8 | u[19];
	*h = (unsigned)u[20] << 24 | (unsigned)u[21] << 16 |
	    (unsigned)u[22] << 8 | u[23];
	return true;
}

Test(award, card_certificate_oembed)
{
	struct client c = {0};
	struct made m;
	struct http_resp r = {0};
	char etag[128], hdr[200], q[512], file[] = "/tmp/laurel-cert-XXXXXX";
	unsigned w, h;
	const char *v;

	make_award(srv.db_url, &m);
	/* The card. */
	cr_assert_eq(cl_get(&c, path(&m, "/card.png")), 200);
	cr_assert_str_eq(http_resp_header(&c.r, "Content-Type"), "image/png");
	cr_assert(png_size(&c.r.body, &w, &h), "a PNG");
	cr_assert_eq(w, 1200);
	cr_assert_eq(h, 628);
	v = http_resp_header(&c.r, "ETag");
	cr_assert_not_null(v);
	snprintf(etag, sizeof(etag), "%s", v);
	snprintf(hdr, sizeof(hdr), "If-None-Match: %s", etag);
	{
		const char *hs[] = {hdr, NULL};
		cr_assert_eq(http_get(&srv, path(&m, "/card.png"), hs, &r), 0);
		cr_assert_eq(r.status, 304);
		http_resp_free(&r);
	}

	/* The certificate. */
	cr_assert_eq(cl_get(&c, path(&m, "/certificate.pdf")), 200);
	cr_assert_str_eq(
	    http_resp_header(&c.r, "Content-Type"), "application/pdf");
	cr_assert(
	    c.r.body.len > 1000 && memcmp(c.r.body.data, "%PDF-", 5) == 0);
	v = http_resp_header(&c.r, "Content-Disposition");
	cr_assert(v != NULL && strncmp(v, "inline; filename=", 17) == 0);
	if (system("command -v pdftotext >/dev/null 2>&1") != 0) {
		cr_log_warn("pdftotext is not installed (Debian package "
		            "poppler-utils, scripts/deps.sh test): the "
		            "certificate's text is not checked");
	} else {
		int fd = mkstemp(file);
		char cmd[300], text[8192];
		size_t n;
		FILE *f;
		cr_assert(fd >= 0);
		cr_assert_eq(write(fd, c.r.body.data, c.r.body.len),
		    (ssize_t)c.r.body.len);
		close(fd);
		snprintf(cmd, sizeof(cmd), "pdftotext -raw '%s' -", file);
		f = popen(cmd, "r");
		cr_assert_not_null(f);
		n = fread(text, 1, sizeof(text) - 1, f);
		text[n] = '\0';
		cr_assert_eq(pclose(f), 0);
		unlink(file);
		cr_assert(strstr(text, m.name) != NULL, "learner in: %s", text);
		cr_assert(strstr(text, m.badge) != NULL, "badge %s in: %s",
		    m.badge, text);
		cr_assert(strstr(text, m.award) != NULL, "reference");
		cr_assert(strstr(text, "not evidence of competence") != NULL);
	}

	/* oEmbed. */
	snprintf(q, sizeof(q), "/oembed?format=json&url=%s%s", srv.base_url,
	    path(&m, ""));
	cr_assert_eq(cl_get(&c, q), 200);
	cr_assert(strncmp(http_resp_header(&c.r, "Content-Type"),
	              "application/json", 16) == 0);
	cr_assert(cl_has(&c, "\"type\":\"rich\""));
	cr_assert(cl_has(&c, "\"version\":\"1.0\""));
	cr_assert(cl_has(&c, "\"provider_name\":\"Laurel\""));
	cr_assert(cl_has(&c, m.award));
	cr_assert(cl_has(&c, "<a href=\\\""));
	snprintf(q, sizeof(q), "/oembed?format=xml&url=%s%s", srv.base_url,
	    path(&m, ""));
	cr_assert_eq(cl_get(&c, q), 501);
	cr_assert_eq(
	    cl_get(&c, "/oembed?url=https%3A%2F%2Fexample.org%2Fx"), 404);
	cl_free(&c);
}
