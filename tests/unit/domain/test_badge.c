/*
 * test_badge.c: the catalogue on SQLite and PostgreSQL: the demo data,
 * authoring (drafts, versions, status), validation, prerequisites
 * (cycles refused), series order, images, and search (filters, sorts,
 * ranking, hostile queries).
 */
#include "core/arena.h"
#include "core/err.h"
#include "domain/account.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "domain/seed.h"
#include "../db/testdb.h"

struct env {
	struct db *db;
	struct clock clk;
	struct config cfg;
	struct app app;
	struct arena *a;
	char scheme[ID_LEN + 1];
	char admin[ID_LEN + 1];    /* issuer admin of the scheme */
	char assessor[ID_LEN + 1]; /* assessor of the scheme */
	char learner[ID_LEN + 1];
	struct who w;
};

static void
env_open(struct env *e, enum db_kind kind)
{
	int created;
	bool made;

	memset(e, 0, sizeof(*e));
	e->db = testdb_open_kind(kind, true);
	e->clk = clock_frozen(1795437296);
	config_defaults(&e->cfg);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = NULL};
	e->a = arena_new(64 << 20);
	cr_assert_eq(seed_demo(&e->app, &created), 0);
	seed_id("issuer:scheme", e->scheme);
	cr_assert_eq(
	    account_ensure(&e->app, e->a, "x", "issueradmin@demo.laurel.test",
	        DEMO_PASSWORD, e->admin, &made),
	    0);
	cr_assert_eq(
	    account_ensure(&e->app, e->a, "x", "assessor@demo.laurel.test",
	        DEMO_PASSWORD, e->assessor, &made),
	    0);
	cr_assert_eq(
	    account_ensure(&e->app, e->a, "x", "learner@demo.laurel.test",
	        DEMO_PASSWORD, e->learner, &made),
	    0);
	e->w = (struct who){e->admin, "127.0.0.1"};
}

static void
env_close(struct env *e)
{
	arena_free(e->a);
	config_free(&e->cfg);
	db_close(e->db);
}

static const char *const crit[] = {
    "Describe what you learned.", "Reflect on how your practice changed."};

/* A valid badge input; tests change one thing. */
static struct badge_input
input(const char *name)
{
	struct badge_input in;

	memset(&in, 0, sizeof(in));
	in.name = name;
	in.summary = "A summary.";
	in.description_md = "A **description**.";
	in.criteria = crit;
	in.n_criteria = 2;
	in.minutes = 60;
	in.licence = "CC BY 4.0";
	in.min_words = 200;
	in.colour = "#0065bd";
	in.image_alt = "A blue badge";
	return in;
}

static void
make(struct env *e, const struct badge_input *in, char id[ID_LEN + 1])
{
	struct form_err fe = {0};
	int rc = badge_save(&e->app, &e->w, e->a, e->scheme, NULL, in, id, &fe);

	cr_assert_eq(rc, 0, "badge_save: %d %s: %s", rc, fe.field, fe.msg);
}

static void
publish(struct env *e, const char *id)
{
	struct form_err fe = {0};

	cr_assert_eq(
	    badge_set_status(&e->app, &e->w, e->scheme, id, "published", &fe),
	    0, "%s", fe.msg);
}

static size_t
search(struct env *e, const char *q, struct badge_summary **s)
{
	struct catalogue_query cq;
	size_t n, total;

	memset(&cq, 0, sizeof(cq));
	cq.q = q;
	cq.max_minutes = 1000000;
	cq.limit = 100;
	cr_assert_eq(catalogue_search(&e->app, e->a, &cq, s, &n, &total), 0,
	    "search for %s", q);
	cr_assert_eq(n, total);
	return n;
}

static void
check_seed(enum db_kind kind)
{
	struct env e;
	struct badge_summary *s;
	struct badge_detail d;
	struct series sr;
	size_t n, total;
	int created;
	char id[ID_LEN + 1];

	env_open(&e, kind);
	cr_assert_eq(seed_demo(&e.app, &created), 0);
	cr_assert_eq(created, 0, "seeding twice must add nothing");
	cr_assert_eq(
	    badge_list_published(&e.app, e.a, 100, 0, &s, &n, &total), 0);
	cr_assert_geq(total, 25);
	cr_assert(s[0].introductory && s[1].introductory,
	    "introductory badges come first");
	for (size_t i = 0; i < n; i++)
		cr_assert(
		    strlen(s[i].image_hash) == 64 && s[i].image_ext[0] != '\0',
		    "%s has no image", s[i].name);
	seed_id("badge:writing-evidence", id);
	cr_assert_eq(badge_get(&e.app, e.a, id, 0, false, NULL, &d), 0);
	cr_assert_geq(d.n_criteria, 2);
	cr_assert_eq(d.version, 1);
	cr_assert_eq(d.holders, 0);
	cr_assert_eq(badge_get(&e.app, e.a, "AAAAAAAAAAAAAAAAAAAAAA", 0, false,
	                 NULL, &d),
	    ERR_NOTFOUND);
	/* A series badge: its series, a required prerequisite, alignments. */
	seed_id("series:dementia", id);
	cr_assert_eq(series_get(&e.app, e.a, id, &sr), 0);
	cr_assert_geq(sr.n_badges, 2);
	for (size_t i = 1; i < sr.n_badges; i++)
		cr_assert_lt(sr.badges[i - 1].series_position,
		    sr.badges[i].series_position, "series in order");
	cr_assert_eq(
	    badge_get(&e.app, e.a, sr.badges[1].id, 0, false, e.learner, &d),
	    0);
	cr_assert_str_eq(d.series_id, id);
	{
		bool req = false;
		for (size_t i = 0; i < d.n_prereqs; i++)
			req = req ||
			    (d.prereqs[i].required &&
			        strcmp(d.prereqs[i].id, sr.badges[0].id) == 0 &&
			        !d.prereqs[i].held);
		cr_assert(
		    req, "the second badge of a series requires the first");
	}
	{
		struct catalogue_facets f;
		bool sssc = false;
		cr_assert_eq(catalogue_facets(&e.app, e.a, &f), 0);
		cr_assert_eq(f.n_issuers, 2, "two issuers");
		for (size_t i = 0; i < f.n_frameworks; i++)
			sssc = sssc ||
			    strstr(f.frameworks[i].label, "SSSC") != NULL;
		cr_assert(sssc, "the SSSC Codes of Practice are a framework");
		cr_assert_geq(f.n_series, 4);
		cr_assert_geq(f.n_tags, 5);
	}
	env_close(&e);
}

Test(badge, seed_sqlite)
{
	check_seed(DB_SQLITE);
}

Test(badge, seed_pgsql)
{
	check_seed(DB_PGSQL);
}

static void
check_versions(enum db_kind kind)
{
	struct env e;
	struct badge_input in = input("Versioned practice");
	struct badge_detail d;
	struct badge_summary *s;
	struct badge_version_info *v;
	struct form_err fe = {0};
	char id[ID_LEN + 1], id2[ID_LEN + 1], award[ID_LEN + 1];
	size_t n;

	env_open(&e, kind);
	make(&e, &in, id);
	/* A draft is hidden from the public and from search. */
	cr_assert_eq(
	    badge_get(&e.app, e.a, id, 0, false, NULL, &d), ERR_NOTFOUND);
	cr_assert_eq(badge_get(&e.app, e.a, id, 0, true, NULL, &d), 0);
	cr_assert_str_eq(d.status, "draft");
	cr_assert(d.image_ext[0] != '\0', "a generated design");
	cr_assert_eq(search(&e, "versioned", &s), 0);
	/* Editing a draft changes it in place. */
	in.summary = "A better summary.";
	cr_assert_eq(badge_save(&e.app, &e.w, e.a, e.scheme, id, &in, id2, &fe),
	    0, "%s", fe.msg);
	cr_assert_str_eq(id, id2);
	cr_assert_eq(badge_get(&e.app, e.a, id, 0, true, NULL, &d), 0);
	cr_assert_eq(d.version, 1);
	cr_assert_str_eq(d.summary, "A better summary.");
	publish(&e, id);
	cr_assert_eq(search(&e, "versioned", &s), 1);
	/* An award against version 1. */
	id_new(award);
	{
		struct db_param p[7] = {DB_STR(award), DB_STR(id), DB_INT(1),
		    DB_STR(e.learner), DB_STR("active"), DB_INT(1795437296),
		    DB_INT(0)};
		cr_assert_eq(
		    db_exec(e.db, Q_AWARD_INSERT, p, 7, NULL, NULL), 0);
	}
	/* Editing a published badge makes version 2. */
	in.name = "Versioned practice, revised";
	in.criteria = crit;
	in.n_criteria = 1;
	in.change_note = "One criterion.";
	cr_assert_eq(badge_save(&e.app, &e.w, e.a, e.scheme, id, &in, id2, &fe),
	    0, "%s", fe.msg);
	cr_assert_eq(badge_get(&e.app, e.a, id, 0, false, NULL, &d), 0);
	cr_assert_eq(d.version, 2);
	cr_assert_eq(d.n_criteria, 1);
	cr_assert_eq(d.holders, 1);
	cr_assert_eq(badge_get(&e.app, e.a, id, 1, false, NULL, &d), 0);
	cr_assert_eq(d.version, 1);
	cr_assert_eq(d.current_version, 2);
	cr_assert_eq(d.n_criteria, 2, "version 1 keeps its criteria");
	cr_assert_str_eq(d.name, "Versioned practice");
	cr_assert_eq(
	    badge_get(&e.app, e.a, id, 3, false, NULL, &d), ERR_NOTFOUND);
	cr_assert_eq(badge_versions(&e.app, e.a, id, &v, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].version, 2);
	cr_assert_str_eq(v[0].change_note, "One criterion.");
	/* The index follows the current version. */
	cr_assert_eq(search(&e, "revised", &s), 1);
	/* Status: published -> archived -> published; never back to draft. */
	cr_assert_eq(badge_set_status(&e.app, &e.w, e.scheme, id, "draft", &fe),
	    ERR_CONFLICT);
	cr_assert_eq(
	    badge_set_status(&e.app, &e.w, e.scheme, id, "archived", &fe), 0);
	cr_assert_eq(search(&e, "revised", &s), 0);
	cr_assert_eq(badge_get(&e.app, e.a, id, 0, false, NULL, &d), 0,
	    "an archived badge's page stays for its holders");
	cr_assert_eq(
	    badge_set_status(&e.app, &e.w, e.scheme, id, "archived", &fe),
	    ERR_CONFLICT);
	publish(&e, id);
	env_close(&e);
}

Test(badge, versions_sqlite)
{
	check_versions(DB_SQLITE);
}

Test(badge, versions_pgsql)
{
	check_versions(DB_PGSQL);
}

static void
refused(struct env *e, const struct badge_input *in, const char *field)
{
	struct form_err fe = {0};
	char id[ID_LEN + 1];

	cr_assert_eq(
	    badge_save(&e->app, &e->w, e->a, e->scheme, NULL, in, id, &fe),
	    ERR_INVAL, "want %s refused", field);
	cr_assert_str_eq(fe.field, field);
	cr_assert(fe.msg != NULL && fe.msg[0] != '\0');
}

static void
check_validation(enum db_kind kind)
{
	struct env e;
	struct badge_input in;
	struct form_err fe = {0};
	struct badge_summary *s;
	struct who learner, assessor;
	char id[ID_LEN + 1];
	static const char *const bad_target[] = {"AAAAAAAAAAAAAAAAAAAAAA"};

	env_open(&e, kind);
	learner = (struct who){e.learner, "127.0.0.1"};
	assessor = (struct who){e.assessor, "127.0.0.1"};
	in = input("");
	refused(&e, &in, "name");
	in = input("Zanzibar practice");
	in.summary = "  ";
	refused(&e, &in, "summary");
	in = input("Zanzibar practice");
	in.n_criteria = 0;
	refused(&e, &in, "criteria");
	in = input("Zanzibar practice");
	in.colour = "blue";
	refused(&e, &in, "colour");
	in = input("Zanzibar practice");
	in.image_alt = "";
	refused(&e, &in, "image_alt");
	in = input("Zanzibar practice");
	in.minutes = 0;
	refused(&e, &in, "minutes");
	in = input("Zanzibar practice");
	in.expiry_months = 500;
	refused(&e, &in, "expiry_months");
	in = input("Zanzibar practice");
	in.targets = bad_target;
	in.n_targets = 1;
	refused(&e, &in, "alignment");
	in = input("Zanzibar practice");
	in.series_id = "AAAAAAAAAAAAAAAAAAAAAA";
	in.series_position = 1;
	refused(&e, &in, "series");
	in = input("Zanzibar practice");
	in.image = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
	           "height=\"10\"><script>alert(1)</script></svg>";
	in.image_len = strlen(in.image);
	refused(&e, &in, "image");
	in = input("Zanzibar practice");
	in.image = "GIF89a not really";
	in.image_len = strlen(in.image);
	refused(&e, &in, "image");
	/* Nothing was written by any refusal. */
	cr_assert_eq(search(&e, "zanzibar", &s), 0);
	{
		struct badge_summary *all;
		size_t n;
		cr_assert_eq(
		    badge_issuer_list(&e.app, e.a, e.scheme, &all, &n), 0);
		for (size_t i = 0; i < n; i++)
			cr_assert_str_neq(all[i].name, "Zanzibar practice");
	}
	/* Only the issuer's admins author its badges. */
	in = input("Zanzibar practice");
	cr_assert_eq(
	    badge_save(&e.app, &learner, e.a, e.scheme, NULL, &in, id, &fe),
	    ERR_FORBIDDEN);
	cr_assert_eq(
	    badge_save(&e.app, &assessor, e.a, e.scheme, NULL, &in, id, &fe),
	    ERR_FORBIDDEN);
	{
		char riverside[ID_LEN + 1];
		seed_id("issuer:riverside", riverside);
		cr_assert_eq(badge_save(&e.app, &e.w, e.a, riverside, NULL, &in,
		                 id, &fe),
		    ERR_FORBIDDEN, "an admin of one issuer, not another");
	}
	env_close(&e);
}

Test(badge, validation_sqlite)
{
	check_validation(DB_SQLITE);
}

Test(badge, validation_pgsql)
{
	check_validation(DB_PGSQL);
}

static void
check_prereqs_series(enum db_kind kind)
{
	struct env e;
	struct badge_input in;
	struct form_err fe = {0};
	struct badge_detail d;
	struct series sr;
	char a[ID_LEN + 1], b[ID_LEN + 1], c[ID_LEN + 1], ser[ID_LEN + 1];

	env_open(&e, kind);
	cr_assert_eq(series_create(&e.app, &e.w, e.scheme, "Learning cycle",
	                 "Three steps.", ser, &fe),
	    0);
	in = input("Step three");
	in.series_id = ser;
	in.series_position = 3;
	make(&e, &in, c);
	in = input("Step one");
	in.series_id = ser;
	in.series_position = 1;
	make(&e, &in, a);
	in = input("Step two");
	in.series_id = ser;
	in.series_position = 1;
	refused(&e, &in, "series_position");
	cr_assert(strstr(fe.msg ? fe.msg : "", "") != NULL);
	in.series_position = 2;
	make(&e, &in, b);
	publish(&e, a);
	publish(&e, b);
	publish(&e, c);
	cr_assert_eq(series_get(&e.app, e.a, ser, &sr), 0);
	cr_assert_eq(sr.n_badges, 3);
	cr_assert_str_eq(sr.badges[0].name, "Step one");
	cr_assert_str_eq(sr.badges[1].name, "Step two");
	cr_assert_str_eq(sr.badges[2].name, "Step three");
	/* c needs b needs a; a needing c would be a loop. */
	cr_assert_eq(
	    badge_prereq_add(&e.app, &e.w, e.scheme, b, a, true, &fe), 0);
	cr_assert_eq(
	    badge_prereq_add(&e.app, &e.w, e.scheme, c, b, false, &fe), 0);
	cr_assert_eq(badge_prereq_add(&e.app, &e.w, e.scheme, a, c, true, &fe),
	    ERR_CONFLICT);
	cr_assert_str_eq(fe.field, "prereq");
	cr_assert_eq(badge_prereq_add(&e.app, &e.w, e.scheme, a, b, false, &fe),
	    ERR_CONFLICT);
	cr_assert_eq(badge_prereq_add(&e.app, &e.w, e.scheme, a, a, false, &fe),
	    ERR_CONFLICT);
	/* Changing the kind of an existing prerequisite is allowed. */
	cr_assert_eq(
	    badge_prereq_add(&e.app, &e.w, e.scheme, c, b, true, &fe), 0);
	cr_assert_eq(badge_get(&e.app, e.a, c, 0, false, e.learner, &d), 0);
	cr_assert_eq(d.n_prereqs, 1);
	cr_assert(d.prereqs[0].required);
	cr_assert_not(d.prereqs[0].held);
	cr_assert_eq(badge_prereq_remove(&e.app, &e.w, e.scheme, c, b), 0);
	cr_assert_eq(
	    badge_prereq_remove(&e.app, &e.w, e.scheme, c, b), ERR_NOTFOUND);
	/* Now a may need c: no loop any more. */
	cr_assert_eq(
	    badge_prereq_add(&e.app, &e.w, e.scheme, a, c, false, &fe), 0);
	env_close(&e);
}

Test(badge, prereqs_series_sqlite)
{
	check_prereqs_series(DB_SQLITE);
}

Test(badge, prereqs_series_pgsql)
{
	check_prereqs_series(DB_PGSQL);
}

static void
check_search(enum db_kind kind)
{
	struct env e;
	struct badge_input in;
	struct badge_summary *s;
	struct catalogue_query q;
	size_t n, total;
	char a[ID_LEN + 1], b[ID_LEN + 1];
	static const char *const tags[] = {"zebrafish"};
	static const char *const hostile[] = {"\"", "\" OR *", "NEAR(a b)",
	    "a:* & !b | (c", "'; DROP TABLE badges; --", "***", "-", "^x",
	    "ünïcödé wörds",
	    "\xe2\x80\x9c"
	    "quoted"
	    "\xe2\x80\x9d",
	    "AND OR NOT", "a b c d e f g h i j k l m n o p"};

	env_open(&e, kind);
	/* "Quokka" in one name, and only in the other's description. */
	in = input("Quokka care");
	in.minutes = 30;
	in.tags = tags;
	in.n_tags = 1;
	make(&e, &in, a);
	in = input("Animal welfare at work");
	in.description_md = "Includes a short note on the quokka.";
	in.minutes = 200;
	make(&e, &in, b);
	publish(&e, a);
	publish(&e, b);
	cr_assert_eq(search(&e, "quokka", &s), 2);
	cr_assert_str_eq(s[0].id, a, "a match in the name ranks first");
	cr_assert_eq(search(&e, "QUOK", &s), 2, "prefixes match");
	cr_assert_eq(search(&e, "quokka welfare", &s), 1, "every word");
	cr_assert_str_eq(s[0].id, b);
	cr_assert_eq(search(&e, "dementia", &s) >= 2, true);
	cr_assert_eq(search(&e, "zebrafish", &s), 1, "tags are searched");
	for (size_t i = 0; i < NELEM(hostile); i++)
		(void)search(&e, hostile[i], &s); /* must not fail */
	/* Filters and sorts. */
	memset(&q, 0, sizeof(q));
	q.q = "quokka";
	q.max_minutes = 60;
	q.limit = 10;
	cr_assert_eq(catalogue_search(&e.app, e.a, &q, &s, &n, &total), 0);
	cr_assert_eq(total, 1);
	cr_assert_str_eq(s[0].id, a);
	q.q = "";
	q.tag = "zebrafish";
	q.max_minutes = 1000000;
	cr_assert_eq(catalogue_search(&e.app, e.a, &q, &s, &n, &total), 0);
	cr_assert_eq(total, 1);
	q.tag = "";
	q.sort = SORT_SHORTEST;
	q.limit = 3;
	cr_assert_eq(catalogue_search(&e.app, e.a, &q, &s, &n, &total), 0);
	cr_assert_eq(n, 3);
	cr_assert_geq(total, 27);
	cr_assert_leq(s[0].minutes, s[1].minutes);
	cr_assert_leq(s[1].minutes, s[2].minutes);
	q.sort = SORT_NAME;
	q.limit = 100;
	cr_assert_eq(catalogue_search(&e.app, e.a, &q, &s, &n, &total), 0);
	cr_assert_eq(n, total);
	q.offset = total - 1;
	q.limit = 10;
	cr_assert_eq(catalogue_search(&e.app, e.a, &q, &s, &n, &total), 0);
	cr_assert_eq(n, 1, "the last page");
	memset(&q, 0, sizeof(q));
	q.max_minutes = 1000000;
	q.limit = 100;
	seed_id("issuer:riverside", a);
	q.issuer = a;
	cr_assert_eq(catalogue_search(&e.app, e.a, &q, &s, &n, &total), 0);
	cr_assert_geq(total, 3);
	for (size_t i = 0; i < n; i++)
		cr_assert_str_eq(s[i].issuer_id, a);
	q.issuer = "";
	seed_id("framework:sssc-codes", a);
	q.framework = a;
	cr_assert_eq(catalogue_search(&e.app, e.a, &q, &s, &n, &total), 0);
	cr_assert_geq(total, 10);
	env_close(&e);
}

Test(badge, search_sqlite)
{
	check_search(DB_SQLITE);
}

Test(badge, search_pgsql)
{
	check_search(DB_PGSQL);
}

Test(badge, fts_query_is_built_from_words_only)
{
	struct arena *a = arena_new(1 << 20);

	cr_assert_str_eq(catalogue_fts_query(a, "Dementia care", false),
	    "\"dementia\"* AND \"care\"*");
	cr_assert_str_eq(catalogue_fts_query(a, "Dementia care", true),
	    "dementia:* & care:*");
	cr_assert_str_eq(catalogue_fts_query(a, "\" OR * (", false), "\"or\"*");
	cr_assert_str_eq(catalogue_fts_query(a, "!!! ** ''", true), "");
	cr_assert_str_eq(
	    catalogue_fts_query(a, "a:b&c|d", true), "a:* & b:* & c:* & d:*");
	arena_free(a);
}

Test(badge, parse_helpers)
{
	struct arena *a = arena_new(1 << 20);
	const char **v;
	struct badge_resource *r;
	size_t n, bad;

	cr_assert_eq(badge_parse_lines(a, " one \r\n\n two\n", &v, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(v[0], "one");
	cr_assert_str_eq(v[1], "two");
	cr_assert_eq(
	    badge_parse_tags(a, "Dementia, care ,,dementia", &v, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(v[0], "dementia");
	cr_assert_eq(badge_parse_resources(a,
	                 "NHS inform https://www.nhsinform.scot/\n"
	                 "https://example.org/x\n",
	                 &r, &n, &bad),
	    0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(r[0].title, "NHS inform");
	cr_assert_str_eq(r[0].url, "https://www.nhsinform.scot/");
	cr_assert_str_eq(r[1].title, "https://example.org/x");
	cr_assert_eq(badge_parse_resources(
	                 a, "ok https://x.org\nno address\n", &r, &n, &bad),
	    ERR_INVAL);
	cr_assert_eq(bad, 2);
	cr_assert_eq(
	    badge_parse_resources(a, "javascript:alert(1)", &r, &n, &bad),
	    ERR_INVAL);
	arena_free(a);
}

static void
check_images(enum db_kind kind)
{
	struct env e;
	struct badge_input in = input("Imaged");
	struct badge_detail d;
	const void *bytes;
	const char *type;
	size_t len;
	char id[ID_LEN + 1];
	static const char svg[] =
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" "
	    "height=\"64\" viewBox=\"0 0 64 64\"><circle cx=\"32\" cy=\"32\" "
	    "r=\"30\" fill=\"#6a2c91\"/></svg>";

	env_open(&e, kind);
	in.image = svg;
	in.image_len = strlen(svg);
	make(&e, &in, id);
	cr_assert_eq(badge_get(&e.app, e.a, id, 0, true, NULL, &d), 0);
	cr_assert_eq(strlen(d.image_hash), 64);
	cr_assert_str_eq(d.image_ext, "svg");
	cr_assert_eq(
	    badge_image(&e.app, e.a, d.image_hash, &bytes, &len, &type), 0);
	cr_assert_str_eq(type, "image/svg+xml");
	cr_assert(len > 0 && memmem(bytes, len, "circle", 6) != NULL);
	cr_assert_eq(
	    badge_image(&e.app, e.a, "../../etc/passwd", &bytes, &len, &type),
	    ERR_NOTFOUND);
	/* Editing without a new file keeps the image. */
	{
		struct form_err fe = {0};
		char id2[ID_LEN + 1];
		const char *before = d.image_hash;
		in.image = NULL;
		in.image_len = 0;
		cr_assert_eq(
		    badge_save(&e.app, &e.w, e.a, e.scheme, id, &in, id2, &fe),
		    0);
		cr_assert_eq(badge_get(&e.app, e.a, id, 0, true, NULL, &d), 0);
		cr_assert_str_eq(d.image_hash, before);
		in.generate_image = true;
		cr_assert_eq(
		    badge_save(&e.app, &e.w, e.a, e.scheme, id, &in, id2, &fe),
		    0);
		cr_assert_eq(badge_get(&e.app, e.a, id, 0, true, NULL, &d), 0);
		cr_assert_str_neq(d.image_hash, before);
	}
	env_close(&e);
}

Test(badge, images_sqlite)
{
	check_images(DB_SQLITE);
}

Test(badge, images_pgsql)
{
	check_images(DB_PGSQL);
}

Test(seed, ids_are_stable)
{
	char a[ID_LEN + 1], b[ID_LEN + 1];

	seed_id("x", a);
	seed_id("x", b);
	cr_assert_str_eq(a, b);
	seed_id("y", b);
	cr_assert_str_neq(a, b);
	cr_assert(id_valid(a, strlen(a)));
}
