/*
 * test_embedded.c: the compiled-in contexts and schemas (ob/embedded.h):
 * every URL of url-map.json loads the same document as the file in
 * data/contexts/, schemas load by $id and purl alias, unknown URLs are
 * ERR_NOTFOUND, and concurrent first use is safe.
 */
#include <criterion/criterion.h>
#include <pthread.h>

#include "core/common.h"
#include "core/err.h"
#include "ob/embedded.h"
#include "ctxload.h"

static int
load(const struct jsonld_loader *l, const char *url, json_t **doc)
{
	return l->load(l->ctx, url, doc);
}

Test(embedded, every_mapped_context_matches_its_file)
{
	json_t *map = load_json_file("data/contexts/url-map.json"), *v;
	const char *url;
	size_t n = 0;

	cr_assert_not_null(map);
	json_object_foreach(map, url, v)
	{
		json_t *doc = NULL, *want;
		char *p;

		if (url[0] == '_')
			continue;
		cr_assert_eq(
		    load(embedded_contexts(), url, &doc), 0, "%s", url);
		p = path_join("data/contexts", json_string_value(v));
		want = load_json_file(p);
		free(p);
		cr_assert(json_equal(doc, want), "%s differs", url);
		json_decref(doc);
		json_decref(want);
		n++;
	}
	cr_assert_geq(n, 15);
	json_decref(map);
}

Test(embedded, bytes_are_the_files)
{
	for (size_t i = 0; i < embedded_nfiles; i++) {
		char *p = path_join("data", embedded_files[i].name);
		size_t len;
		char *want = slurp(p, &len);

		cr_assert_not_null(want, "%s", p);
		cr_assert_eq((size_t)embedded_files[i].len, len, "%s", p);
		cr_assert(memcmp(embedded_files[i].data, want, len) == 0);
		cr_assert_eq(embedded_files[i].data[len], 0);
		free(want);
		free(p);
	}
}

Test(embedded, unknown_urls)
{
	json_t *doc = (json_t *)1;

	cr_assert_eq(load(embedded_contexts(), "https://example.org/ctx", &doc),
	    ERR_NOTFOUND);
	cr_assert_null(doc);
	cr_assert_eq(load(embedded_contexts(), "_comment", &doc), ERR_NOTFOUND);
	cr_assert_eq(load(embedded_schemas(),
	                 "https://www.w3.org/ns/"
	                 "credentials/v2",
	                 &doc),
	    ERR_NOTFOUND);
	cr_assert_eq(load(embedded_contexts(), "contexts/url-map.json", &doc),
	    ERR_NOTFOUND);
}

Test(embedded, schemas_by_id_and_alias)
{
	static const char *ids[] = {
	    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
	    "ob_v3p0_achievementcredential-jsonschema1.json",
	    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
	    "ob_v3p0_achievementcredential_schema.json",
	    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
	    "ob_v3p0_profile_schema.json",
	    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
	    "ob_v3p0_endorsementcredential-jsonschema1.json",
	};
	for (size_t i = 0; i < NELEM(ids); i++) {
		json_t *doc = NULL;

		cr_assert_eq(
		    load(embedded_schemas(), ids[i], &doc), 0, "%s", ids[i]);
		cr_assert_str_eq(
		    json_string_value(json_object_get(doc, "$schema")),
		    "https://json-schema.org/draft/2019-09/schema#");
		json_decref(doc);
	}
}

static void *
worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 20; i++) {
		json_t *doc = NULL;

		if (load(embedded_contexts(),
		        "https://purl.imsglobal.org/spec/ob/v3p0/"
		        "context-3.0.3.json",
		        &doc) != 0 ||
		    !json_is_object(doc))
			return (void *)1;
		json_decref(doc);
		if (load(embedded_schemas(),
		        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
		        "ob_v3p0_profile-jsonschema1.json",
		        &doc) != 0)
			return (void *)1;
		json_decref(doc);
	}
	return NULL;
}

Test(embedded, concurrent_first_use)
{
	pthread_t t[8];
	void *res;

	for (size_t i = 0; i < NELEM(t); i++)
		cr_assert_eq(pthread_create(&t[i], NULL, worker, NULL), 0);
	for (size_t i = 0; i < NELEM(t); i++) {
		cr_assert_eq(pthread_join(t[i], &res), 0);
		cr_assert_null(res);
	}
}
