/*
 * test_ob2.c: Open Badges 2.0 publishing over loopback HTTP against the
 * real `laurel serve` (h_ob.c, domain/obpub.c): the assertion, badge
 * class, issuer profile and revocation list at their /ob/v2/ addresses
 * (content type, CORS header, ids equal to the addresses they are served
 * at, links that resolve), content negotiation on /awards/{id}, the page's
 * <link rel="alternate">, the baked badge (unbaking gives the assertion
 * byte for byte), a private page's assertion still published, and a
 * revoked award answering 410 with revoked: true and listed by its issuer.
 *
 * make_award is tests/lib/awards.c.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"

#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <jansson.h>

#include "core/clock.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/assessment.h"
#include "domain/badge.h"
#include "domain/seed.h"
#include "lib/awards.h"
#include "lib/client.h"
#include "lib/docs.h"
#include "ob/bake_png.h"
#include "ob/bake_svg.h"
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

TestSuite(ob2, .init = setup, .fini = teardown, .timeout = 120);

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

/* ld_ok checks a document answer's status, type and CORS header. */
static void
ld_ok(const struct http_resp *r, long status, const char *what)
{
	const char *ct = http_resp_header(r, "Content-Type");
	const char *cors = http_resp_header(r, "Access-Control-Allow-Origin");

	cr_assert_eq(r->status, status, "%s: status %ld", what, r->status);
	cr_assert(ct != NULL && strncmp(ct, "application/ld+json", 19) == 0,
	    "%s: content type %s", what, ct ? ct : "(none)");
	cr_assert(cors != NULL && strcmp(cors, "*") == 0, "%s: CORS", what);
}

Test(ob2, documents_and_links)
{
	struct http_resp r = {0};
	struct made m;
	json_t *as, *bc, *is, *rl;
	char want[512], *assertion;
	const char *loc;

	make_award(srv.db_url, &m);
	snprintf(want, sizeof(want), "%s/ob/v2/assertions/%s", srv.base_url,
	    m.award);
	doc_get(&srv, &r, want, NULL);
	ld_ok(&r, 200, "assertion");
	assertion = strndup(r.body.data, r.body.len);
	as = doc_json(&r);
	cr_expect_str_eq(
	    doc_str(as, "@context"), "https://w3id.org/openbadges/v2");
	cr_expect_str_eq(doc_str(as, "type"), "Assertion");
	cr_expect_str_eq(doc_str(as, "id"), want, "the id is its own address");
	cr_expect_str_eq(
	    doc_str(json_object_get(as, "verification"), "type"), "hosted");
	cr_expect(json_is_true(
	    json_object_get(json_object_get(as, "recipient"), "hashed")));
	cr_expect(strncmp(doc_str(json_object_get(as, "recipient"), "identity"),
	              "sha256$", 7) == 0);
	cr_expect_null(strstr(assertion, m.email), "the address is hashed");
	cr_expect_null(strstr(assertion, m.name), "nobody is named");
	snprintf(want, sizeof(want), "%s/awards/%s", srv.base_url, m.award);
	cr_expect_str_eq(doc_str(as, "evidence"), want, "evidence: the page");

	/* The badge class of the version awarded, and its issuer. */
	doc_get(&srv, &r, doc_str(as, "badge"), "application/ld+json");
	ld_ok(&r, 200, "badge class");
	bc = doc_json(&r);
	cr_expect_str_eq(doc_str(bc, "type"), "BadgeClass");
	cr_expect_str_eq(doc_str(bc, "id"), doc_str(as, "badge"));
	cr_expect_str_eq(doc_str(bc, "name"), m.badge);
	cr_expect(json_is_object(json_object_get(bc, "criteria")));
	cr_expect_eq(
	    doc_get(&srv, &r, doc_str(bc, "image"), NULL), 200, "badge image");
	doc_get(&srv, &r, doc_str(bc, "issuer"), NULL);
	ld_ok(&r, 200, "issuer");
	is = doc_json(&r);
	cr_expect_str_eq(doc_str(is, "type"), "Issuer");
	cr_expect_str_eq(doc_str(is, "id"), doc_str(bc, "issuer"));
	cr_expect(doc_str(is, "email")[0] != '\0');
	cr_expect(doc_str(is, "url")[0] != '\0');
	doc_get(&srv, &r, doc_str(is, "revocationList"), NULL);
	ld_ok(&r, 200, "revocation list");
	rl = doc_json(&r);
	cr_expect_str_eq(doc_str(rl, "type"), "RevocationList");
	cr_expect(json_is_array(json_object_get(rl, "revokedAssertions")));

	/* The unversioned badge address points at the current version. */
	snprintf(want, sizeof(want), "/ob/v2/badges/%s",
	    strstr(doc_str(as, "badge"), "/ob/v2/badges/") + 14);
	*strstr(want + 14, "/versions/") = '\0';
	cr_expect_eq(doc_get(&srv, &r, want, NULL), 303);
	loc = http_resp_header(&r, "Location");
	cr_expect(loc != NULL && strstr(loc, "/versions/") != NULL);

	/* Content negotiation on the page's own address. */
	doc_get(&srv, &r, path(&m, ""), "application/ld+json");
	ld_ok(&r, 200, "negotiated assertion");
	cr_expect_eq(r.body.len, strlen(assertion));
	cr_expect(memcmp(r.body.data, assertion, r.body.len) == 0);
	doc_get(&srv, &r, path(&m, ""), "text/html");
	cr_assert_eq(r.status, 200);
	snprintf(want, sizeof(want),
	    "<link rel=\"alternate\" type=\"application/ld+json\" "
	    "href=\"%s/ob/v2/assertions/%s\"",
	    srv.base_url, m.award);
	cr_expect_not_null(memmem(r.body.data, r.body.len, want, strlen(want)),
	    "the page links its assertion");
	cr_expect_not_null(
	    memmem(r.body.data, r.body.len, "The Open Badges assertion", 25));

	/* Unknown ids. */
	cr_expect_eq(
	    doc_get(&srv, &r, "/ob/v2/assertions/AAAAAAAAAAAAAAAAAAAAAA", NULL),
	    404);
	cr_expect_eq(
	    doc_get(&srv, &r, "/ob/v2/issuers/AAAAAAAAAAAAAAAAAAAAAA", NULL),
	    404);

	json_decref(as);
	json_decref(bc);
	json_decref(is);
	json_decref(rl);
	free(assertion);
	http_resp_free(&r);
}

Test(ob2, baked_badge_unbakes_to_the_assertion)
{
	struct http_resp r = {0};
	struct made m;
	char *assertion, *url, msg[256];
	const char *image, *ext;
	struct buf text, verify;
	bool has_verify = false;
	json_t *as;

	make_award(srv.db_url, &m);
	doc_get(&srv, &r, path(&m, ""), "application/ld+json");
	ld_ok(&r, 200, "assertion");
	assertion = strndup(r.body.data, r.body.len);
	as = doc_json(&r);
	url = strdup(doc_str(as, "id"));
	image = doc_str(as, "image");
	ext = strrchr(image, '.');
	cr_assert_not_null(ext);
	doc_get(&srv, &r, image, NULL);
	cr_assert_eq(r.status, 200, "the baked badge");
	buf_init(&text, NULL, 1 << 20);
	buf_init(&verify, NULL, 1 << 20);
	if (strcmp(ext, ".png") == 0) {
		cr_expect_str_eq(
		    http_resp_header(&r, "Content-Type"), "image/png");
		cr_assert_eq(
		    png_unbake((const uint8_t *)r.body.data, r.body.len,
		        PNG_KEYWORD_OB2, &text, msg, sizeof(msg)),
		    0, "%s", msg);
		cr_expect_eq(
		    doc_get(&srv, &r, path(&m, "/badge.svg"), NULL), 404);
	} else {
		cr_assert_eq(svg_unbake(r.body.data, r.body.len, SVG_OB2,
		                 &verify, &has_verify, &text, msg, sizeof(msg)),
		    0, "%s", msg);
		cr_expect(has_verify);
		cr_expect_eq(verify.len, strlen(url));
		cr_expect(memcmp(verify.data, url, verify.len) == 0);
		cr_expect_eq(
		    doc_get(&srv, &r, path(&m, "/badge.png"), NULL), 404);
	}
	cr_expect_eq(text.len, strlen(assertion));
	cr_expect(memcmp(text.data, assertion, text.len) == 0,
	    "unbaked byte for byte");
	buf_free(&text);
	buf_free(&verify);
	json_decref(as);
	free(assertion);
	free(url);
	http_resp_free(&r);
}

#define NARR "\"narrative\":\"I planned a week.\""

Test(ob2, private_page_keeps_its_assertion)
{
	struct client owner = {0}, anon = {0};
	struct http_resp r = {0};
	struct made m;

	make_award(srv.db_url, &m);
	cl_sign_in(&owner, m.email);
	cl_get(&owner, path(&m, ""));
	settings(&owner, &m, "private", "summary", "I planned a week.", "no");
	cr_assert_eq(cl_get(&anon, path(&m, "")), 404, "the page is private");
	snprintf(m.badge, sizeof(m.badge), "/ob/v2/assertions/%s", m.award);
	doc_get(&srv, &r, m.badge, NULL);
	ld_ok(&r, 200, "the assertion stays verifiable");
	cr_expect_null(memmem(r.body.data, r.body.len, "evidence", 8),
	    "a private page publishes no evidence: %.*s", (int)r.body.len,
	    r.body.data);
	/* Unlisted with a summary: the summary is the narrative. */
	cl_get(&owner, path(&m, ""));
	settings(&owner, &m, "unlisted", "summary", "I planned a week.", "no");
	doc_get(&srv, &r, m.badge, NULL);
	ld_ok(&r, 200, "the assertion");
	cr_expect_not_null(memmem(r.body.data, r.body.len, NARR, strlen(NARR)),
	    "the summary is the evidence narrative: %.*s", (int)r.body.len,
	    r.body.data);
	cr_expect_null(
	    memmem(r.body.data, r.body.len, m.account, strlen(m.account)));
	http_resp_free(&r);
	cl_free(&owner);
	cl_free(&anon);
}

Test(ob2, revoked_answers_410)
{
	struct client admin = {0};
	struct http_resp r = {0};
	char url[256];
	json_t *j, *is;
	char *list, issuer[512];

	struct made m;

	make_award(srv.db_url, &m);
	/* The issuer's address, through the badge class. */
	snprintf(url, sizeof(url), "/ob/v2/assertions/%s", m.award);
	doc_get(&srv, &r, url, NULL);
	j = doc_json(&r);
	doc_get(&srv, &r, doc_str(j, "badge"), NULL);
	json_decref(j);
	j = doc_json(&r);
	snprintf(issuer, sizeof(issuer), "%s", doc_str(j, "issuer"));
	json_decref(j);
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	cl_get(&admin, path(&m, ""));
	cl_post(&admin, path(&m, "/status"), "action", "revoke", "reason",
	    "issued-in-error", "public_note",
	    "This badge was awarded by mistake.", "private_note",
	    "Sorry about this.", NULL);
	cl_expect_redirect(&admin, path(&m, "?done=status"), "revoked");
	snprintf(
	    url, sizeof(url), "%s/ob/v2/assertions/%s", srv.base_url, m.award);
	doc_get(&srv, &r, url, NULL);
	ld_ok(&r, 410, "revoked assertion");
	j = doc_json(&r);
	cr_expect(json_is_true(json_object_get(j, "revoked")));
	cr_expect_str_eq(doc_str(j, "id"), url);
	cr_expect_str_eq(doc_str(j, "revocationReason"),
	    "Issued in error. This badge was awarded by mistake.");
	cr_expect_null(json_object_get(j, "recipient"));
	json_decref(j);
	cr_expect_null(memmem(r.body.data, r.body.len, "Sorry", 5));
	cr_expect_eq(doc_get(&srv, &r, path(&m, "/badge.png"), NULL), 410);
	/* The issuer's revocation list names it. */
	doc_get(&srv, &r, path(&m, ""), "application/ld+json");
	cr_expect_eq(r.status, 410);
	doc_get(&srv, &r, issuer, NULL);
	ld_ok(&r, 200, "issuer");
	is = doc_json(&r);
	doc_get(&srv, &r, doc_str(is, "revocationList"), NULL);
	ld_ok(&r, 200, "revocation list");
	json_decref(is);
	list = strndup(r.body.data, r.body.len);
	snprintf(url, sizeof(url), "/ob/v2/assertions/%s\"", m.award);
	cr_expect_not_null(strstr(list, url), "listed: %s", list);
	free(list);
	http_resp_free(&r);
	cl_free(&admin);
}

/* ---- laurel bake / unbake ---------------------------------------------- */

static const char *
laurel(void)
{
	const char *b = getenv("LAUREL");

	return b && *b ? b : "build/laurel";
}

static void
put_file(const char *p, const void *data, size_t len)
{
	FILE *f = fopen(p, "wb");

	cr_assert_not_null(f, "%s", p);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

/* run runs cmd and returns its standard output (malloc'd) and status. */
static char *
run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	struct buf b;
	char tmp[4096];
	size_t n;

	cr_assert_not_null(p, "%s", cmd);
	buf_init(&b, NULL, 4 << 20);
	while ((n = fread(tmp, 1, sizeof(tmp), p)) > 0)
		buf_add(&b, tmp, n);
	*status = pclose(p);
	buf_addc(&b, '\0');
	return b.data;
}

static char *
file_bytes(const char *p, size_t *len)
{
	struct buf b;
	char tmp[4096];
	size_t n;
	FILE *f = fopen(p, "rb");

	cr_assert_not_null(f, "%s", p);
	buf_init(&b, NULL, 64 << 20);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	*len = b.len;
	buf_addc(&b, '\0');
	return b.data;
}

Test(ob2, cli_bake_and_unbake)
{
	static const char other[] =
	    "{\"@context\":\"https://w3id.org/openbadges/v2\","
	    "\"type\":\"Assertion\",\"id\":\"urn:uuid:1\"}";
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	                          "width=\"10\" height=\"10\"><rect "
	                          "width=\"10\" height=\"10\"/></svg>";
	struct http_resp r = {0};
	struct made m;
	char dir[] = "/tmp/laurel-bake-XXXXXX", cmd[2048], url[512], want[4096];
	char *assertion, *outp, *a1, *a2;
	size_t l1, l2;
	int st;

	cr_assert_not_null(mkdtemp(dir));
	make_award(srv.db_url, &m);
	snprintf(
	    url, sizeof(url), "%s/ob/v2/assertions/%s", srv.base_url, m.award);
	doc_get(&srv, &r, url, NULL);
	cr_assert_eq(r.status, 200);
	assertion = strndup(r.body.data, r.body.len);
	doc_get(&srv, &r, path(&m, "/badge.png"), NULL);
	if (r.status != 200)
		doc_get(&srv, &r, path(&m, "/badge.svg"), NULL);
	cr_assert_eq(r.status, 200);
	snprintf(cmd, sizeof(cmd), "%s/in", dir);
	put_file(cmd, r.body.data, r.body.len);

	/* unbake prints the served assertion. */
	snprintf(cmd, sizeof(cmd), "%s unbake %s/in", laurel(), dir);
	outp = run(cmd, &st);
	cr_assert_eq(st, 0, "%s", cmd);
	snprintf(want, sizeof(want), "%s\n", assertion);
	cr_expect_str_eq(outp, want, "unbake(baked) == the assertion");
	free(outp);

	/* Re-baking another assertion from a file replaces it. */
	snprintf(cmd, sizeof(cmd), "%s/other.json", dir);
	put_file(cmd, other, strlen(other));
	snprintf(cmd, sizeof(cmd),
	    "%s bake %s/in %s/b1 --assertion %s/other.json && "
	    "%s bake %s/b1 %s/b2 --assertion %s/other.json && "
	    "%s unbake %s/b2",
	    laurel(), dir, dir, dir, laurel(), dir, dir, dir, laurel(), dir);
	outp = run(cmd, &st);
	cr_assert_eq(st, 0, "%s", cmd);
	snprintf(want, sizeof(want), "%s\n", other);
	cr_expect_str_eq(outp, want, "the new assertion, once");
	free(outp);
	snprintf(cmd, sizeof(cmd), "%s/b1", dir);
	a1 = file_bytes(cmd, &l1);
	snprintf(cmd, sizeof(cmd), "%s/b2", dir);
	a2 = file_bytes(cmd, &l2);
	cr_expect(l1 == l2 && memcmp(a1, a2, l1) == 0,
	    "baking twice gives the same bytes");
	free(a1);
	free(a2);

	/* From the assertion's URL. */
	snprintf(cmd, sizeof(cmd),
	    "%s bake %s/b2 %s/b3 --assertion %s && %s unbake %s/b3", laurel(),
	    dir, dir, url, laurel(), dir);
	outp = run(cmd, &st);
	cr_assert_eq(st, 0, "%s", cmd);
	snprintf(want, sizeof(want), "%s\n", assertion);
	cr_expect_str_eq(outp, want, "baked from the URL");
	free(outp);

	/* SVG: hosted JSON, and a JWS as verify=. */
	snprintf(cmd, sizeof(cmd), "%s/in.svg", dir);
	put_file(cmd, svg, strlen(svg));
	snprintf(cmd, sizeof(cmd), "%s/jws", dir);
	put_file(cmd, "aGVhZA.Ym9keQ.c2ln\n", 19);
	snprintf(cmd, sizeof(cmd),
	    "%s bake %s/in.svg %s/s1.svg --assertion %s/other.json && "
	    "%s unbake %s/s1.svg && "
	    "%s bake %s/s1.svg %s/s2.svg --assertion %s/jws && "
	    "%s unbake %s/s2.svg",
	    laurel(), dir, dir, dir, laurel(), dir, laurel(), dir, dir, dir,
	    laurel(), dir);
	outp = run(cmd, &st);
	cr_assert_eq(st, 0, "%s", cmd);
	snprintf(want, sizeof(want), "%s\naGVhZA.Ym9keQ.c2ln\n", other);
	cr_expect_str_eq(outp, want);
	free(outp);
	snprintf(
	    cmd, sizeof(cmd), "grep -c 'openbadges:assertion' %s/s2.svg", dir);
	outp = run(cmd, &st);
	cr_expect_str_eq(outp, "1\n", "one element after re-baking");
	free(outp);

	/* Bad usage and an image without an assertion. */
	snprintf(cmd, sizeof(cmd), "%s bake %s/in 2>/dev/null", laurel(), dir);
	free(run(cmd, &st));
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2);
	snprintf(
	    cmd, sizeof(cmd), "%s unbake %s/in.svg 2>/dev/null", laurel(), dir);
	free(run(cmd, &st));
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
	free(assertion);
	http_resp_free(&r);
}
