/*
 * test_verify.c: checking badges end to end.
 *
 *   - `laurel verify` on every 1EdTech Open Badges 2.0 validator fixture,
 *     with the URLs the fixtures link to served from a local file server
 *     (--fetch-map), gets the outcome EXPECTED.json gives (exit 0 only
 *     when valid);
 *   - the fetcher's limits: redirects, size, plain http, private
 *     addresses, offline;
 *   - Laurel's own assertion, badge class and issuer pass Laurel's
 *     verifier and are re-read identically, hosted and baked, with the
 *     recipient checked against the right and a wrong address;
 *   - the /verify page and POST /api/verify, including bad input (4xx);
 *   - the backpack: add, duplicate, someone else's badge, shown on the
 *     public profile as issued elsewhere, re-checked after a day (a
 *     revoked badge shows as no longer valid), removed.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"

#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <jansson.h>

#include "db/db.h"
#include "db/queries.h"
#include "domain/account.h"
#include "domain/award_page.h"
#include "domain/seed.h"
#include "lib/awards.h"
#include "lib/client.h"
#include "lib/docs.h"
#include "lib/fileserver.h"
#include "lib/server.h"
#include "ob/b64.h"

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

static const char *
spec_dir(void)
{
	const char *d = getenv("LAUREL_SPEC_DIR");

	return d != NULL && *d ? d : "../shared/spec";
}

static const char *
laurel(void)
{
	const char *b = getenv("LAUREL");

	return b != NULL && *b ? b : "build/laurel";
}

/*
 * run_cli runs laurel verify with args (a shell word list; test paths have
 * no spaces) and returns the exit status, with stdout+stderr in out.
 */
static int
run_cli(const char *args, struct buf *out)
{
	char cmd[4096], tmp[4096];
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd), "%s verify %s 2>&1", laurel(), args);
	p = popen(cmd, "r");
	cr_assert_not_null(p, "popen %s", cmd);
	buf_reset(out);
	while ((n = fread(tmp, 1, sizeof(tmp), p)) > 0)
		buf_add(out, tmp, n);
	st = pclose(p);
	cr_assert(WIFEXITED(st), "%s did not exit", cmd);
	return WEXITSTATUS(st);
}

static char maps[1024];

static void
fixture_maps(const struct fileserver *fs)
{
	snprintf(maps, sizeof(maps),
	    "--allow-loopback --fetch-map https://www.example.org/=%s "
	    "--fetch-map https://example.org/=%s "
	    "--fetch-map http://example.org/=%s",
	    fs->base, fs->base, fs->base);
}

Test(verify_cli, ob2_validator_fixtures, .timeout = 300)
{
	char dir[600], assets[700], args[3000];
	struct fileserver fs;
	struct buf out;
	json_t *exp, *v;
	json_error_t je;
	const char *key;
	int bad = 0, n = 0;

	snprintf(dir, sizeof(dir), "%s/ob2/validator-tests", spec_dir());
	snprintf(assets, sizeof(assets), "%s/assets", dir);
	snprintf(args, sizeof(args), "%s/EXPECTED.json", dir);
	exp = json_load_file(args, 0, &je);
	cr_assert_not_null(exp, "EXPECTED.json: %s", je.text);
	fileserver_start(&fs, assets);
	fixture_maps(&fs);
	buf_init(&out, NULL, 1 << 22);
	json_object_foreach(exp, key, v)
	{
		const char *want =
		    json_string_value(json_object_get(v, "expect"));
		bool valid;
		int st;

		if (key[0] == '_')
			continue;
		cr_assert_not_null(want, "%s: no expect", key);
		valid = strncmp(want, "valid", 5) == 0;
		snprintf(args, sizeof(args), "%s %s/%s", maps, dir, key);
		st = run_cli(args, &out);
		n++;
		printf("%-62s %-8s exit %d\n", key, valid ? "valid" : "invalid",
		    st);
		if (st != (valid ? 0 : 1)) {
			bad++;
			printf("%s\n", out.data);
		}
	}
	buf_free(&out);
	fileserver_stop(&fs);
	json_decref(exp);
	cr_assert_geq(n, 28, "only %d fixtures", n);
	cr_assert_eq(bad, 0, "%d of %d fixtures got the wrong outcome", bad, n);
}

Test(verify_cli, fetch_limits, .timeout = 120)
{
	char args[2000];
	struct fileserver fs;
	struct buf out;

	fileserver_start(&fs, spec_dir());
	buf_init(&out, NULL, 1 << 22);
	/* Too many redirects. */
	snprintf(
	    args, sizeof(args), "--allow-loopback %s_/redirect/9", fs.base);
	cr_expect_eq(run_cli(args, &out), 1);
	cr_expect(
	    strstr(out.data, "redirected more than") != NULL, "%s", out.data);
	/* Too large. */
	snprintf(args, sizeof(args), "--allow-loopback %s_/big", fs.base);
	cr_expect_eq(run_cli(args, &out), 1);
	cr_expect(strstr(out.data, "too large") != NULL, "%s", out.data);
	/* Plain http without the test switch. */
	snprintf(args, sizeof(args), "%s_/redirect/0", fs.base);
	cr_expect_eq(run_cli(args, &out), 1);
	cr_expect(strstr(out.data, "https") != NULL, "%s", out.data);
	/* Private and loopback addresses over https. */
	cr_expect_eq(run_cli("https://10.1.2.3/badge.json", &out), 1);
	cr_expect(strstr(out.data, "private") != NULL, "%s", out.data);
	cr_expect_eq(run_cli("https://127.0.0.1:1/badge.json", &out), 1);
	cr_expect(strstr(out.data, "private") != NULL, "%s", out.data);
	/* Offline, a hosted assertion cannot be checked. */
	snprintf(args, sizeof(args), "--offline %s/ob2/validator-tests/%s",
	    spec_dir(), "basic-assertion.json");
	cr_expect_eq(run_cli(args, &out), 1);
	/* Usage and unreadable input. */
	cr_expect_eq(run_cli("", &out), 2);
	cr_expect_eq(run_cli("--bogus x", &out), 2);
	cr_expect_eq(run_cli("/nonexistent/badge.png", &out), 1);
	cr_expect_eq(run_cli("/dev/null", &out), 1);
	cr_expect(
	    strstr(out.data, "Nothing was given") != NULL, "%s", out.data);
	buf_free(&out);
	fileserver_stop(&fs);
}

/* ---- against a running Laurel ------------------------------------------ */

static void
setup(void)
{
	setenv("LAUREL_FETCH_LOOPBACK", "yes", 1);
	/* One secret for every server of this process: issuer keys sealed by
	 * one test's server must open in the next one's. */
	setenv("LAUREL_SECRET_KEY",
	    "7465737420766572696679207365637265742c206e6f74207573656420656c73",
	    1);
	test_server_start(&srv);
	cl_server(&srv);
}

static void
teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(verify, .init = setup, .fini = teardown, .timeout = 240);

static json_t *
json_of(const char *p, size_t len)
{
	json_error_t e;
	json_t *j = json_loadb(p, len, 0, &e);

	cr_assert_not_null(j, "not JSON: %s: %.300s", e.text, p);
	return j;
}

/* cli_json runs laurel verify --json on what and returns the report. */
static json_t *
cli_json(const char *what, const char *email, int *status)
{
	char args[2000];
	struct buf out;
	json_t *j;

	buf_init(&out, NULL, 1 << 22);
	snprintf(args, sizeof(args), "--allow-loopback --json %s%s %s",
	    email ? "--email " : "", email ? email : "", what);
	*status = run_cli(args, &out);
	j = json_of(out.data, out.len);
	buf_free(&out);
	return j;
}

static const char *
check_result(json_t *rep, const char *name)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(rep, "checks"), i,
	    c) if (strcmp(json_string_value(json_object_get(c, "check")),
	               name) ==
	    0) return json_string_value(json_object_get(c, "result"));
	return NULL;
}

static void
dump_checks(json_t *rep)
{
	char *s = json_dumps(json_object_get(rep, "checks"), JSON_INDENT(1));

	printf("%s\n", s);
	free(s);
}

/* reread: verifying url gives valid and the very document it serves. */
static void
reread(const char *url, const char *kind)
{
	struct http_resp r = {0};
	json_t *served, *rep;
	int st;

	cr_assert_eq(doc_get(&srv, &r, url, NULL), 200, "%s", url);
	served = json_of(r.body.data, r.body.len);
	rep = cli_json(url, NULL, &st);
	if (st != 0)
		dump_checks(rep);
	cr_assert_eq(st, 0, "%s did not verify", url);
	cr_expect(json_is_true(json_object_get(rep, "valid")));
	cr_expect_str_eq(json_string_value(json_object_get(rep, "kind")), kind);
	cr_expect(json_equal(json_object_get(rep, "document"), served),
	    "%s was not re-read identically", url);
	json_decref(rep);
	json_decref(served);
	http_resp_free(&r);
}

static void
save_file(const char *path, const struct http_resp *r)
{
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(r->body.data, 1, r->body.len, f), r->body.len);
	fclose(f);
}

/* baked_url sets out to the award's baked badge (the assertion's image:
 * badge.png or badge.svg, as the badge's own image is) and ext to "png"
 * or "svg". */
static void
baked_url(const struct made *m, char *out, size_t n, const char **ext)
{
	struct http_resp r = {0};
	char url[256];
	const char *img;
	json_t *j;

	snprintf(url, sizeof(url), "/ob/v2/assertions/%s", m->award);
	cr_assert_eq(doc_get(&srv, &r, url, NULL), 200);
	j = json_of(r.body.data, r.body.len);
	img = json_string_value(json_object_get(j, "image"));
	cr_assert_not_null(img, "the assertion has an image");
	snprintf(out, n, "%s", img);
	*ext = strstr(out, ".svg") != NULL ? "svg" : "png";
	json_decref(j);
	http_resp_free(&r);
}

Test(verify, laurels_own_documents)
{
	struct made m;
	struct http_resp r = {0};
	char url[512], badge[512], issuer[512], file[600];
	const char *ext;
	json_t *j, *rep;
	int st;

	make_award(srv.db_url, &m);
	snprintf(
	    url, sizeof(url), "%s/ob/v2/assertions/%s", srv.base_url, m.award);
	cr_assert_eq(doc_get(&srv, &r, url, NULL), 200, "%s: %ld %.300s", url,
	    r.status, r.body.data);
	j = json_of(r.body.data, r.body.len);
	snprintf(badge, sizeof(badge), "%s",
	    json_string_value(json_object_get(j, "badge")));
	json_decref(j);
	cr_assert_eq(doc_get(&srv, &r, badge, NULL), 200);
	j = json_of(r.body.data, r.body.len);
	snprintf(issuer, sizeof(issuer), "%s",
	    json_string_value(json_object_get(j, "issuer")));
	json_decref(j);
	reread(url, "Assertion");
	reread(badge, "BadgeClass");
	reread(issuer, "Profile");
	/* The recipient: the right address passes, a wrong one fails. */
	rep = cli_json(url, m.email, &st);
	cr_expect_eq(st, 0);
	cr_expect_str_eq(check_result(rep, "recipient"), "passed");
	json_decref(rep);
	rep = cli_json(url, "someone.else@example.org", &st);
	cr_expect_eq(st, 1);
	cr_expect_str_eq(check_result(rep, "recipient"), "failed");
	json_decref(rep);
	/* The baked badge verifies too. */
	baked_url(&m, url, sizeof(url), &ext);
	cr_assert_eq(doc_get(&srv, &r, url, NULL), 200, "%s", url);
	snprintf(file, sizeof(file), "%s/baked.%s", srv.dir, ext);
	save_file(file, &r);
	rep = cli_json(file, m.email, &st);
	if (st != 0)
		dump_checks(rep);
	cr_expect_eq(st, 0, "the baked badge");
	json_decref(rep);
	http_resp_free(&r);
}

Test(verify, laurels_own_credentials)
{
	struct made m;
	struct http_resp r = {0};
	char url[512], file[600];
	const char *ext;
	json_t *rep;
	int st;

	make_award(srv.db_url, &m);
	/* The credential (Data Integrity proof) and the issuer profile. */
	snprintf(
	    url, sizeof(url), "%s/ob/v3/credentials/%s", srv.base_url, m.award);
	reread(url, "OpenBadgeCredential");
	rep = cli_json(url, m.email, &st);
	cr_expect_eq(st, 0);
	cr_expect_str_eq(check_result(rep, "proof"), "passed");
	cr_expect_str_eq(check_result(rep, "recipient"), "passed");
	json_decref(rep);
	/* The VC-JWT. */
	snprintf(url, sizeof(url), "/ob/v3/credentials/%s.jwt", m.award);
	cr_assert_eq(doc_get(&srv, &r, url, NULL), 200, "%s", url);
	snprintf(file, sizeof(file), "%s/credential.jwt", srv.dir);
	save_file(file, &r);
	rep = cli_json(file, m.email, &st);
	if (st != 0)
		dump_checks(rep);
	cr_expect_eq(st, 0, "the VC-JWT");
	cr_expect_str_eq(
	    json_string_value(json_object_get(rep, "version")), "3.0");
	json_decref(rep);
	/* The baked OB 3.0 badge. */
	baked_url(&m, url, sizeof(url), &ext);
	snprintf(url + strlen(url), sizeof(url) - strlen(url), "?format=ob3");
	cr_assert_eq(doc_get(&srv, &r, url, NULL), 200, "%s", url);
	snprintf(file, sizeof(file), "%s/baked3.%s", srv.dir, ext);
	save_file(file, &r);
	rep = cli_json(file, m.email, &st);
	if (st != 0)
		dump_checks(rep);
	cr_expect_eq(st, 0, "the baked OB 3.0 badge");
	cr_expect_str_eq(
	    json_string_value(json_object_get(rep, "version")), "3.0");
	json_decref(rep);
	http_resp_free(&r);
}

#define BOUNDARY "laurelverifyboundary"

/* post_multipart posts fields (name, value pairs, NULL-terminated) and an
 * optional file to path as multipart/form-data, with c's cookies. */
static long
post_multipart(struct client *c, const char *path, const char *csrf,
    const void *file, size_t flen, const char *email, struct http_resp *out)
{
	struct buf b;
	char cookie[700];
	const char *h[3] = {"Content-Type: multipart/form-data; "
	                    "boundary=" BOUNDARY,
	    NULL, NULL};

	buf_init(&b, NULL, 1 << 23);
	if (csrf != NULL)
		buf_addf(&b,
		    "--" BOUNDARY "\r\nContent-Disposition: form-data; "
		    "name=\"csrf_token\"\r\n\r\n%s\r\n",
		    csrf);
	if (email != NULL)
		buf_addf(&b,
		    "--" BOUNDARY "\r\nContent-Disposition: form-data; "
		    "name=\"email\"\r\n\r\n%s\r\n",
		    email);
	buf_adds(&b,
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"badge.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n");
	buf_add(&b, file, flen);
	buf_adds(&b, "\r\n--" BOUNDARY "--\r\n");
	if (c != NULL) {
		snprintf(cookie, sizeof(cookie), "Cookie: laurel_csrf=%s%s%s",
		    c->seed, c->session[0] ? "; laurel_session=" : "",
		    c->session);
		h[1] = cookie;
	}
	http_resp_free(out);
	memset(out, 0, sizeof(*out));
	cr_assert_eq(http_request(&srv, "POST", path, h, b.data, b.len, out), 0,
	    "%s", out->error);
	buf_free(&b);
	return out->status;
}

Test(verify, page_and_api)
{
	struct made m;
	struct client anon = {0};
	struct http_resp png = {0}, r = {0};
	char url[512], body[1024];
	const char *h[2] = {"Content-Type: application/json", NULL};
	struct buf b64;
	json_t *j;

	make_award(srv.db_url, &m);
	snprintf(
	    url, sizeof(url), "%s/ob/v2/assertions/%s", srv.base_url, m.award);
	/* The page. */
	cl_get(&anon, "/verify");
	cl_expect(&anon, 200, "Check a badge", "the verify page");
	cl_post(&anon, "/verify", NULL);
	cl_expect(&anon, 400, "Choose a badge image", "nothing given");
	cl_post(&anon, "/verify", "url", "ftp://example.org/x", NULL);
	cl_expect(&anon, 400, "starting https://", "not a web address");
	cl_post(&anon, "/verify", "url", url, "text", "{}", NULL);
	cl_expect(&anon, 400, "only one", "two inputs");
	cl_post(&anon, "/verify", "url", url, "email", "not an address", NULL);
	cl_expect(&anon, 400, "correct format", "a bad email");
	cl_post(&anon, "/verify", "url", url, "email", m.email, NULL);
	cl_expect(&anon, 200, "This badge is valid", "a valid badge by URL");
	cr_expect(cl_has(&anon, m.badge), "the badge's name is shown");
	cr_expect(!cl_has(&anon, "Add to my badges"),
	    "only people signed in can add a badge");
	cl_post(&anon, "/verify", "text", "{\"@context\": 5}", NULL);
	cl_expect(&anon, 200, "This badge is not valid", "a broken badge");
	/* An uploaded baked image. */
	{
		const char *ext;

		baked_url(&m, body, sizeof(body), &ext);
	}
	cr_assert_eq(doc_get(&srv, &png, body, NULL), 200);
	cl_get(&anon, "/verify");
	cr_assert_eq(post_multipart(&anon, "/verify", cl_token(&anon),
	                 png.body.data, png.body.len, m.email, &r),
	    200, "%.2000s", r.body.data);
	cr_expect(strstr(r.body.data, "This badge is valid") != NULL);
	/* The API: JSON in, JSON out; no cookies, no CSRF token. */
	snprintf(body, sizeof(body), "{\"url\": \"%s\", \"email\": \"%s\"}",
	    url, m.email);
	cr_assert_eq(http_request(&srv, "POST", "/api/verify", h, body,
	                 strlen(body), &r),
	    0);
	cr_assert_eq(r.status, 200, "%s", r.body.data);
	j = json_of(r.body.data, r.body.len);
	cr_expect(json_is_true(json_object_get(j, "valid")));
	cr_expect_str_eq(
	    json_string_value(json_object_get(j, "version")), "2.0");
	cr_expect_str_eq(check_result(j, "recipient"), "passed");
	json_decref(j);
	buf_init(&b64, NULL, 1 << 24);
	buf_adds(&b64, "{\"image\": \"");
	b64_encode(png.body.data, png.body.len, &b64);
	buf_adds(&b64, "\"}");
	http_resp_free(&r);
	memset(&r, 0, sizeof(r));
	cr_assert_eq(
	    http_request(&srv, "POST", "/api/verify", h, b64.data, b64.len, &r),
	    0);
	cr_assert_eq(r.status, 200, "%s", r.body.data);
	j = json_of(r.body.data, r.body.len);
	cr_expect(json_is_true(json_object_get(j, "valid")), "%s", r.body.data);
	json_decref(j);
	buf_free(&b64);
	/* Multipart to the API, without any cookie. */
	cr_assert_eq(post_multipart(NULL, "/api/verify", NULL, png.body.data,
	                 png.body.len, NULL, &r),
	    200, "%s", r.body.data);
	/* Bad API input: a clear 400 in JSON. */
	http_resp_free(&r);
	memset(&r, 0, sizeof(r));
	cr_assert_eq(
	    http_request(&srv, "POST", "/api/verify", h, "[1,2", 4, &r), 0);
	cr_expect_eq(r.status, 400);
	cr_expect(
	    strstr(r.body.data, "JSON object") != NULL, "%s", r.body.data);
	http_resp_free(&r);
	memset(&r, 0, sizeof(r));
	cr_assert_eq(http_request(&srv, "POST", "/api/verify", h,
	                 "{\"url\": \"x\", \"text\": \"y\"}", 26, &r),
	    0);
	cr_expect_eq(r.status, 400);
	/* Each client may check only so many badges a minute. */
	{
		long st = 0;

		for (int i = 0; i < 30 && st != 429; i++) {
			http_resp_free(&r);
			memset(&r, 0, sizeof(r));
			cr_assert_eq(http_request(&srv, "POST", "/api/verify",
			                 h, "{\"text\": \"{}\"}", 14, &r),
			    0);
			st = r.status;
		}
		cr_expect_eq(st, 429, "no limit after 30 checks");
		cr_expect(strstr(r.body.data, "Wait a minute") != NULL, "%s",
		    r.body.data);
	}
	http_resp_free(&r);
	http_resp_free(&png);
	cl_free(&anon);
}

/* stale makes every backpack badge of person look checked long ago. */
static void
make_stale(const char *person)
{
	struct config cfg;
	struct db *db;
	struct arena *a = arena_new(1 << 20);
	struct db_rows rows;
	char msg[256];
	struct db_param p[1] = {DB_STR(person)};

	config_defaults(&cfg);
	cr_assert_eq(db_open(srv.db_url, &db, msg, sizeof(msg)), 0, "%s", msg);
	cr_assert_eq(db_exec(db, Q_BACKPACK_LIST, p, 1, a, &rows), 0);
	for (size_t i = 0; i < rows.nrows; i++) {
		struct db_param q[5] = {DB_STR(db_get(&rows, i, 0)),
		    DB_INT(db_get_int(&rows, i, 9)),
		    DB_STR(db_get(&rows, i, 10)), DB_INT(1000),
		    DB_INT(db_get_int(&rows, i, 11))};

		cr_assert_eq(
		    db_exec(db, Q_BACKPACK_RECHECKED, q, 5, a, NULL), 0);
	}
	db_close(db);
	config_free(&cfg);
	arena_free(a);
}

static void
person_of(const char *email, char out[ID_LEN + 1])
{
	struct config cfg;
	struct app app = {
	    .cfg = &cfg, .clock = &clock_system, .db = NULL, .secret = NULL};
	struct arena *a = arena_new(1 << 20);
	char msg[256];
	bool made;

	config_defaults(&cfg);
	cr_assert_eq(db_open(srv.db_url, &app.db, msg, sizeof(msg)), 0);
	cr_assert_eq(account_ensure(&app, a, "x", email, NULL, out, &made), 0);
	cr_assert(!made);
	db_close(app.db);
	config_free(&cfg);
	arena_free(a);
}

Test(verify, backpack)
{
	struct made m;
	struct client c = {0}, other = {0}, admin = {0}, anon = {0};
	char url[512], handle[64], person[ID_LEN + 1], path[256];

	make_award(srv.db_url, &m);
	snprintf(
	    url, sizeof(url), "%s/ob/v2/assertions/%s", srv.base_url, m.award);
	cl_sign_in(&c, m.email);
	/* The verify page offers to add it. */
	cl_post(&c, "/verify", "url", url, NULL);
	cl_expect(&c, 200, "Add to my badges", "the add button");
	cl_post(&c, "/backpack", "source", url, NULL);
	cl_expect_redirect(&c, "/backpack?done=added", "added");
	cl_get(&c, "/backpack?done=added");
	cl_expect(&c, 200, m.badge, "the backpack lists it");
	cr_expect(cl_has(&c, "The badge was added."));
	/* The data export has it, and the award. */
	cl_get(&c, "/account/export");
	cl_expect(&c, 200, "badges_from_elsewhere", "the export");
	cr_expect(cl_has(&c, url), "the kept badge's address is exported");
	cr_expect(cl_has(&c, m.award), "the award is exported");
	cl_post(&c, "/backpack", "source", url, NULL);
	cl_expect(&c, 409, "already in your badges", "a second time");
	cl_post(&c, "/backpack", "source", "{\"not\": \"a badge\"}", NULL);
	cl_expect(&c, 400, NULL, "not a badge");
	/* Someone else cannot add it. */
	cl_sign_in(&other, "learner@demo.laurel.test");
	cl_post(&other, "/backpack", "source", url, NULL);
	cl_expect(&other, 400, "not awarded to any of the email addresses",
	    "someone else's badge");
	/* It shows on the public profile, as issued elsewhere. */
	snprintf(handle, sizeof(handle), "vfy-%ld", (long)getpid());
	cl_get(&c, "/account/profile");
	cl_post(
	    &c, "/account/profile", "handle", handle, "public", "yes", NULL);
	snprintf(path, sizeof(path), "/people/%s", handle);
	cl_get(&anon, path);
	cl_expect(&anon, 200, "Badges issued elsewhere", "the profile");
	cr_expect(cl_has(&anon, "Issued elsewhere"));
	/* Revoked at its issuer: after a day it shows as no longer valid. */
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	snprintf(path, sizeof(path), "/awards/%s", m.award);
	cl_get(&admin, path);
	snprintf(path, sizeof(path), "/awards/%s/status", m.award);
	cl_post(&admin, path, "action", "revoke", "reason", "issued-in-error",
	    "public_note", "Awarded by mistake.", "private_note", "", NULL);
	cl_get(&c, "/backpack");
	cr_expect(!cl_has(&c, "No longer valid"),
	    "checked less than a day ago: not checked again");
	person_of(m.email, person);
	make_stale(person);
	cl_get(&c, "/backpack");
	cl_expect(&c, 200, "No longer valid", "re-checked after a day");
	/* Removed. */
	{
		const char *p = strstr(cl_body(&c), "/backpack/");
		char id[ID_LEN + 1];

		cr_assert_not_null(p);
		snprintf(id, sizeof(id), "%.*s", ID_LEN, p + 10);
		snprintf(path, sizeof(path), "/backpack/%s/remove", id);
		cl_post(&c, path, NULL);
		cl_expect_redirect(&c, "/backpack?done=removed", "removed");
		cl_post(&other, path, NULL);
		cl_expect(&other, 404, NULL, "not theirs");
	}
	cl_free(&c);
	cl_free(&other);
	cl_free(&admin);
	cl_free(&anon);
}

/* unbake_cli runs `laurel unbake file` into out. */
static void
unbake_cli(const char *file, struct buf *out)
{
	char cmd[1024], tmp[4096];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "%s unbake %s", laurel(), file);
	cr_assert_not_null(p = popen(cmd, "r"));
	buf_reset(out);
	while ((n = fread(tmp, 1, sizeof(tmp), p)) > 0)
		buf_add(out, tmp, n);
	cr_assert_eq(pclose(p), 0, "%s", cmd);
	while (out->len > 0 && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
}

Test(verify, signed_badges)
{
	struct client admin = {0};
	struct http_resp r = {0};
	struct made m;
	char scheme[ID_LEN + 1], url[256], file[600];
	struct buf jws;
	const char *ext;
	json_t *rep;
	FILE *f;
	char *dot;
	int st;

	make_award(srv.db_url, &m);
	seed_id("issuer:scheme", scheme);
	cl_sign_in(&admin, "issueradmin@demo.laurel.test");
	snprintf(url, sizeof(url), "/issuers/%s/badges", scheme);
	cl_get(&admin, url);
	snprintf(url, sizeof(url), "/issuers/%s/verification", scheme);
	cl_post(&admin, url, "verification", "signed", NULL);
	cl_expect_redirect(&admin, "/issuers/", "signed");
	/* The baked badge carries a JWS that Laurel's verifier accepts. */
	baked_url(&m, url, sizeof(url), &ext);
	cr_assert_eq(doc_get(&srv, &r, url, NULL), 200);
	snprintf(file, sizeof(file), "%s/signed.%s", srv.dir, ext);
	save_file(file, &r);
	rep = cli_json(file, m.email, &st);
	if (st != 0)
		dump_checks(rep);
	cr_expect_eq(st, 0, "the signed baked badge");
	cr_expect(json_is_true(
	    json_object_get(json_object_get(rep, "summary"), "signed")));
	json_decref(rep);
	/* A JWS with a changed signature fails. */
	buf_init(&jws, NULL, 1 << 22);
	unbake_cli(file, &jws);
	cr_assert_not_null(dot = strrchr(jws.data, '.'));
	dot[5] = dot[5] == 'A' ? 'B' : 'A';
	snprintf(file, sizeof(file), "%s/tampered.jws", srv.dir);
	cr_assert_not_null(f = fopen(file, "w"));
	fputs(jws.data, f);
	fclose(f);
	rep = cli_json(file, NULL, &st);
	cr_expect_eq(st, 1, "a tampered signature");
	json_decref(rep);
	buf_free(&jws);
	/* Back to hosted, for the other tests. */
	snprintf(url, sizeof(url), "/issuers/%s/badges", scheme);
	cl_get(&admin, url);
	snprintf(url, sizeof(url), "/issuers/%s/verification", scheme);
	cl_post(&admin, url, "verification", "hosted", NULL);
	cl_expect_redirect(&admin, "/issuers/", "hosted");
	http_resp_free(&r);
	cl_free(&admin);
}
