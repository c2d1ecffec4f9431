/*
 * test_router.c: matching a capture before a ".suffix"; binding PARAM_FILE
 * and PARAM_IDS parameters, and the accessors handlers read them with
 * (req_file, req_params, req_param).
 */
#include <criterion/criterion.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "web/router.h"

#define ID_A "AAAAAAAAAAAAAAAAAAAAAA"
#define ID_B "BBBBBBBBBBBBBBBBBBBBBB"
#define ID_C "CCCCCCCCCCCCCCCCCCCCCC"
#define ID_D "DDDDDDDDDDDDDDDDDDDDDD"

static const struct route upload = {HTTP_POST, "/up", POLICY_PUBLIC, NULL,
    {{"title", PARAM_TEXT, 20, 0, 0, NULL},
        {"image", PARAM_FILE, 1024, 0, 0, NULL},
        {"big", PARAM_FILE, 3u << 19, 0, 0, NULL},
        {"alignment", PARAM_IDS, ID_LEN, 0, 3, NULL},
        {"tag", PARAM_IDS, ID_LEN, 0, 0, NULL},
        {"one", PARAM_ID, ID_LEN, 0, 0, NULL}}};

static const struct route plain = {HTTP_POST, "/plain", POLICY_PUBLIC, NULL,
    {{"title", PARAM_TEXT, 20, 0, 0, NULL}}};

static struct arena *a;
static struct req *r;

static void
setup(void)
{
	a = arena_new(1 << 20);
	r = arena_alloc(a, sizeof(*r));
	r->arena = a;
	r->method = HTTP_POST;
	r->route = &upload;
}

static void
teardown(void)
{
	arena_free(a);
}

TestSuite(router_params, .init = setup, .fini = teardown);

static int
bind(const char *name, const char *value)
{
	const char *msg;

	return router_bind_param(
	    r, name, strlen(name), value, strlen(value), &msg);
}

static int
bind_file(const char *name, const char *filename, const char *data, size_t len,
    const char **msg)
{
	return router_bind_file(
	    r, name, strlen(name), filename, data, len, msg);
}

Test(router_params, ids_may_repeat_in_order)
{
	const char *out[4];

	cr_assert_eq(bind("alignment", ID_B), 0);
	cr_assert_eq(bind("alignment", ID_A), 0);
	cr_assert_eq(bind("title", "hello"), 0);
	cr_assert_eq(bind("alignment", ID_C), 0);
	cr_assert_eq(req_params(r, "alignment", out, NELEM(out)), 3);
	cr_assert_str_eq(out[0], ID_B);
	cr_assert_str_eq(out[1], ID_A);
	cr_assert_str_eq(out[2], ID_C);
	/* a short array: the count says what did not fit */
	cr_assert_eq(req_params(r, "alignment", out, 1), 3);
	cr_assert_str_eq(out[0], ID_B);
	cr_assert_eq(req_params(r, "tag", out, NELEM(out)), 0);
	cr_assert_str_eq(req_param(r, "alignment"), ID_B);
	cr_assert_eq(req_params(r, "title", out, NELEM(out)), 1);
}

Test(router_params, ids_are_validated_capped_and_not_duplicated)
{
	const char *msg;

	cr_assert_eq(bind("alignment", "not-an-id"), ERR_INVAL);
	cr_assert_eq(bind("alignment", ID_A "A"), ERR_TOOBIG);
	cr_assert_eq(bind("alignment", ID_A), 0);
	cr_assert_eq(router_bind_param(r, "alignment", 9, ID_A, ID_LEN, &msg),
	    ERR_INVAL);
	cr_assert_str_eq(msg, "an item was chosen twice");
	cr_assert_eq(bind("alignment", ID_B), 0);
	cr_assert_eq(bind("alignment", ID_C), 0);
	/* max 3 occurrences */
	cr_assert_eq(router_bind_param(r, "alignment", 9, ID_D, ID_LEN, &msg),
	    ERR_TOOBIG);
	cr_assert_str_eq(msg, "too many items were chosen");
}

Test(router_params, ids_default_cap_is_param_ids_max)
{
	/* the router keeps pointers: each value needs its own memory */
	for (int i = 0; i < PARAM_IDS_MAX; i++) {
		char *id = arena_printf(a, "AAAAAAAAAAAAAAAAAAAA%02d", i);
		cr_assert_eq(bind("tag", id), 0, "%d", i);
	}
	cr_assert_eq(bind("tag", ID_B), ERR_TOOBIG);
}

Test(router_params, other_types_still_refuse_repeats)
{
	cr_assert_eq(bind("title", "a"), 0);
	cr_assert_eq(bind("title", "b"), ERR_INVAL);
	cr_assert_eq(bind("one", ID_A), 0);
	cr_assert_eq(bind("one", ID_B), ERR_INVAL);
	cr_assert_str_eq(req_param(r, "title"), "a");
}

Test(router_params, file_is_bound_and_read_with_req_file)
{
	const char *msg, *fn, *d;
	size_t len;
	static const char png[] = "\x89PNG\r\n\0\x1a";

	cr_assert_eq(bind_file("image", "caf\xc3\xa9.png", png, 8, &msg), 0);
	d = req_file(r, "image", &len, &fn);
	cr_assert_eq(d, png);
	cr_assert_eq(len, 8);
	cr_assert_str_eq(fn, "caf\xc3\xa9.png");
	cr_assert_null(req_param(r, "image"), "a file is not text");
	cr_assert_not_null(req_file(r, "image", &len, NULL));
	/* once only */
	cr_assert_eq(bind_file("image", "b.png", png, 8, &msg), ERR_INVAL);
	/* not sent */
	cr_assert_null(req_file(r, "big", &len, &fn));
	cr_assert_eq(len, 0);
	cr_assert_null(fn);
	cr_assert_null(req_file(r, "title", &len, &fn));
}

Test(router_params, empty_file_input_reads_as_no_file)
{
	const char *msg, *fn = "x";
	size_t len = 9;

	cr_assert_eq(bind_file("image", "", "", 0, &msg), 0);
	cr_assert_null(req_file(r, "image", &len, &fn));
	cr_assert_eq(len, 0);
	cr_assert_null(fn);
	/* a chosen file of 0 bytes is a file */
	cr_assert_eq(bind_file("big", "empty.png", "", 0, &msg), 0);
	cr_assert_not_null(req_file(r, "big", &len, &fn));
	cr_assert_eq(len, 0);
	cr_assert_str_eq(fn, "empty.png");
}

Test(router_params, file_limits_and_names)
{
	const char *msg;
	char data[2048] = {0}, name[300];

	cr_assert_eq(bind_file("image", "a.png", data, 1025, &msg), ERR_TOOBIG);
	cr_assert_str_eq(
	    msg, "The file you sent is too large: the limit is 1 KB.");
	cr_assert_eq(
	    bind_file("big", "a.png", data, (3u << 19) + 1, &msg), ERR_TOOBIG);
	cr_assert_str_eq(
	    msg, "The file you sent is too large: the limit is 1.5 MB.");
	cr_assert_eq(bind_file("image", "a\x01.png", data, 1, &msg), ERR_INVAL);
	cr_assert_eq(bind_file("image", "a\t.png", data, 1, &msg), ERR_INVAL);
	cr_assert_eq(bind_file("image", "a\x7f.png", data, 1, &msg), ERR_INVAL);
	cr_assert_eq(bind_file("image", "\xff.png", data, 1, &msg), ERR_INVAL);
	cr_assert_eq(bind_file("image", "", data, 1, &msg), ERR_INVAL);
	memset(name, 'n', 256);
	name[256] = '\0';
	cr_assert_eq(bind_file("image", name, data, 1, &msg), ERR_INVAL);
	name[255] = '\0';
	cr_assert_eq(bind_file("image", name, data, 1024, &msg), 0);
	cr_assert_eq(r->nparams, 1, "refused files are not kept");
}

Test(router_params, files_and_text_do_not_mix)
{
	const char *msg;

	/* a file sent for a text field, text sent for a file field */
	cr_assert_eq(bind_file("title", "a.txt", "x", 1, &msg), ERR_INVAL);
	cr_assert_eq(router_bind_param(r, "image", 5, "x", 1, &msg), ERR_INVAL);
	cr_assert_not_null(msg);
	/* undeclared files are dropped */
	cr_assert_eq(bind_file("other", "a.txt", "x", 1, &msg), 0);
	cr_assert_eq(r->nparams, 0);
}

Test(router_params, takes_files)
{
	cr_assert(router_takes_files(&upload));
	cr_assert(!router_takes_files(&plain));
	for (size_t i = 0; i < nroutes; i++)
		for (size_t k = 0;
		     k < ROUTE_MAX_PARAMS && routes[i].params[k].name; k++)
			if (routes[i].params[k].type == PARAM_FILE)
				cr_assert(routes[i].method == HTTP_POST &&
				        router_takes_files(&routes[i]),
				    "%s", routes[i].pattern);
}

Test(router_params, size_words)
{
	cr_assert_str_eq(http_size_words(a, 100), "100 bytes");
	cr_assert_str_eq(http_size_words(a, 1024), "1 KB");
	cr_assert_str_eq(http_size_words(a, 1536), "1 KB");
	cr_assert_str_eq(http_size_words(a, 1u << 20), "1 MB");
	cr_assert_str_eq(http_size_words(a, 4u << 20), "4 MB");
	cr_assert_str_eq(
	    http_size_words(a, (10u << 20) + (1u << 19)), "10.5 MB");
}

/* A capture followed by a literal '.' ends at the dot: "{id}.jwt". */
Test(router_params, capture_before_a_dot_suffix)
{
	const struct route *rt = NULL;

	r->method = HTTP_GET;
	cr_assert_eq(router_match(r, "/ob/v3/credentials/" ID_A ".jwt", &rt),
	    ROUTE_FOUND);
	cr_expect_str_eq(rt->pattern, "/ob/v3/credentials/{id}.jwt");
	cr_expect_str_eq(r->path_params[0], ID_A);
	cr_assert_eq(
	    router_match(r, "/ob/v3/credentials/" ID_A, &rt), ROUTE_FOUND);
	cr_expect_str_eq(rt->pattern, "/ob/v3/credentials/{id}");
	cr_expect_eq(router_match(r, "/ob/v3/credentials/" ID_A ".json", &rt),
	    ROUTE_NOT_FOUND);
	cr_expect_eq(router_match(r, "/ob/v3/credentials/" ID_A ".jwt/x", &rt),
	    ROUTE_NOT_FOUND);
	/* Without a dot in the pattern, a dot stays part of the capture. */
	cr_expect_eq(
	    router_match(r, "/awards/" ID_A ".x", &rt), ROUTE_NOT_FOUND);
}
