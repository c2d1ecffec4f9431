/*
 * test_jschema.c: the JSON Schema validator (src/ob/jschema.c).
 *
 * Small hand-written schema/instance pairs per keyword (one that passes,
 * one that fails), then the official OB 3.0 AchievementCredential schema
 * against the OB 3.0 examples and mutated copies that must fail with a
 * pointer to the broken field, and the OB 2.0 extension schemas (draft-04).
 * Spec data comes from $LAUREL_SPEC_DIR (default ../shared/spec).
 */
#include <criterion/criterion.h>

#include "core/buf.h"
#include "core/err.h"
#include "ob/jschema.h"

#include "ctxload.h"

#include <dirent.h>

static json_t *
parse(const char *s)
{
	json_error_t je;
	json_t *j = json_loads(s, JSON_DECODE_ANY, &je);

	cr_assert_not_null(j, "bad test JSON: %s: %s", je.text, s);
	return j;
}

/* run validates inst against schema (both JSON text), no resolver. */
static int
run(const char *schema, const char *inst, char *why, size_t whysz)
{
	json_t *s = parse(schema), *i = parse(inst);
	int rc = jschema_validate(s, i, NULL, why, whysz);

	json_decref(s);
	json_decref(i);
	return rc;
}

struct kcase {
	const char *schema, *good, *bad, *why; /* why: substring of bad's */
};

static const struct kcase cases[] = {
    {"{\"type\":\"string\"}", "\"x\"", "1", "must be of type string"},
    {"{\"type\":[\"string\",\"null\"]}", "null", "[]", "wrong type"},
    {"{\"type\":\"integer\"}", "2.0", "2.5", "type integer"},
    {"{\"enum\":[\"a\",\"b\"]}", "\"b\"", "\"c\"", "one of \"a\", \"b\""},
    {"{\"const\":3}", "3.0", "4", "must be 3"},
    {"{\"properties\":{\"a\":{\"type\":\"number\"}}}", "{\"a\":1}",
        "{\"a\":\"1\"}", "/a: must be of type number"},
    {"{\"required\":[\"id\"]}", "{\"id\":1}", "{\"x\":1}", "/id: is required"},
    {"{\"properties\":{\"a\":{}},\"additionalProperties\":false}", "{\"a\":1}",
        "{\"a\":1,\"b\":2}", "/b: is not allowed"},
    {"{\"additionalProperties\":{\"type\":\"string\"}}", "{\"a\":\"x\"}",
        "{\"a\":1}", "/a: must be of type string"},
    {"{\"patternProperties\":{\"^x-\":{\"type\":\"string\"}},"
     "\"additionalProperties\":false}",
        "{\"x-a\":\"1\"}", "{\"y\":\"1\"}", "/y: is not allowed"},
    {"{\"items\":{\"type\":\"string\"}}", "[\"a\",\"b\"]", "[\"a\",2]",
        "/1: must be of type string"},
    {"{\"items\":[{\"enum\":[\"a\"]},{\"type\":\"string\"}],"
     "\"additionalItems\":{\"type\":\"object\"}}",
        "[\"a\",\"b\",{}]", "[\"a\",\"b\",3]", "/2: must be of type object"},
    {"{\"items\":[{}],\"additionalItems\":false}", "[1]", "[1,2]",
        "more than 1"},
    {"{\"minItems\":2}", "[1,2]", "[1]", "at least 2"},
    {"{\"maxItems\":1}", "[1]", "[1,2]", "at most 1"},
    {"{\"contains\":{\"enum\":[\"VerifiableCredential\"]}}",
        "[\"x\",\"VerifiableCredential\"]", "[\"x\"]",
        "must contain \"VerifiableCredential\""},
    {"{\"minLength\":2,\"maxLength\":3}", "\"\xc3\xa9t\xc3\xa9\"", "\"a\"",
        "too short"},
    {"{\"maxLength\":2}", "\"ab\"", "\"abc\"", "too long"},
    {"{\"minimum\":1,\"maximum\":2}", "1.5", "3", "at most 2"},
    {"{\"pattern\":\"^\\\\d{3}-\\\\w+$\"}", "\"123-ab_c\"", "\"12-ab\"",
        "does not match the pattern"},
    {"{\"pattern\":\"^https:\\\\/\\\\/x\\\\.org\\\\/c(-3\\\\.\\\\d)*\\\\."
     "json$\"}",
        "\"https://x.org/c-3.1.json\"", "\"https://x.org/c-3.json\"",
        "does not match"},
    {"{\"pattern\":\"(ext:)[a-z|A-Z|0-9|.|-|_]+\"}", "\"ext:My_Type\"",
        "\"MyType\"", "does not match"},
    {"{\"pattern\":\"(?=a)\"}", "1", "\"a\"", "not supported"},
    {"{\"format\":\"date-time\"}", "\"2024-02-29T10:00:00.5+01:00\"",
        "\"2023-02-29T10:00:00Z\"", "not a valid date-time"},
    {"{\"format\":\"date-time\"}", "\"2010-01-01T00:00:00Z\"",
        "\"2010-01-01 00:00:00\"", "not a valid date-time"},
    {"{\"format\":\"date\"}", "\"2010-12-31\"", "\"2010-13-01\"",
        "not a valid date"},
    {"{\"format\":\"uri\"}", "\"https://a.example/x?y\"", "\"not a uri\"",
        "not a valid uri"},
    {"{\"format\":\"email\"}", "\"a@b.example\"", "\"a.b.example\"",
        "not a valid email"},
    {"{\"format\":\"unknown-format\"}", "\"anything\"", "1", NULL},
    {"{\"allOf\":[{\"type\":\"array\"},{\"minItems\":1}]}", "[1]", "[]",
        "at least 1"},
    {"{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}", "1", "[]",
        "any of the allowed forms"},
    {"{\"oneOf\":[{\"type\":\"string\",\"enum\":[\"a\"]},"
     "{\"type\":\"object\",\"required\":[\"id\"]}]}",
        "\"a\"", "{\"x\":1}", "/id: is required"},
    {"{\"oneOf\":[{\"type\":\"number\"},{\"minimum\":0}]}", "-1", "1",
        "more than one"},
    {"{\"not\":{\"type\":\"null\"}}", "1", "null", "not allowed"},
    {"{\"$defs\":{\"S\":{\"type\":\"string\"}},"
     "\"properties\":{\"a\":{\"$ref\":\"#/$defs/S\"}}}",
        "{\"a\":\"x\"}", "{\"a\":1}", "/a: must be of type string"},
    {"{\"definitions\":{\"a~b/c\":{\"type\":\"string\"}},"
     "\"items\":{\"$ref\":\"#/definitions/a~0b~1c\"}}",
        "[\"x\"]", "[1]", "/0: must be"},
    {"{\"properties\":{\"n\":{\"$ref\":\"#\"}},\"required\":[\"v\"]}",
        "{\"v\":1,\"n\":{\"v\":2}}", "{\"v\":1,\"n\":{}}", "/n/v: is required"},
    {"true", "1", NULL, NULL},
    {"{\"properties\":{\"a\":false}}", "{}", "{\"a\":1}", "/a: is not allowed"},
};

Test(jschema, keywords)
{
	size_t i;
	char why[300];
	int rc;

	for (i = 0; i < NELEM(cases); i++) {
		const struct kcase *k = &cases[i];

		rc = run(k->schema, k->good, why, sizeof(why));
		cr_expect_eq(rc, 0, "case %zu: %s should accept %s: %s", i,
		    k->schema, k->good, why);
		if (k->bad == NULL)
			continue;
		rc = run(k->schema, k->bad, why, sizeof(why));
		if (k->why == NULL) {
			cr_expect_eq(rc, 0, "case %zu: %s", i, why);
			continue;
		}
		cr_expect_eq(rc, ERR_INVAL, "case %zu: %s should refuse %s", i,
		    k->schema, k->bad);
		cr_expect(strstr(why, k->why) != NULL,
		    "case %zu: why \"%s\" lacks \"%s\"", i, why, k->why);
	}
}

Test(jschema, hostile)
{
	struct buf b;
	json_t *s, *inst;
	char why[200];
	int i, rc;

	/* A schema that refers to itself without consuming the instance. */
	rc = run("{\"$ref\":\"#\"}", "1", why, sizeof(why));
	cr_expect_eq(rc, ERR_TOOBIG, "%d %s", rc, why);
	/* A $ref to nowhere, and to another document with no resolver. */
	rc = run("{\"$ref\":\"#/$defs/nope\"}", "1", why, sizeof(why));
	cr_expect_eq(rc, ERR_NOTFOUND);
	rc = run(
	    "{\"$ref\":\"https://x.example/s.json\"}", "1", why, sizeof(why));
	cr_expect_eq(rc, ERR_NOTFOUND);
	cr_expect(strstr(why, "https://x.example/s.json") != NULL, "%s", why);
	/* Deep instance nesting under a recursive schema. */
	buf_init(&b, NULL, 1 << 20);
	for (i = 0; i < 500; i++)
		buf_adds(&b, "[");
	for (i = 0; i < 500; i++)
		buf_adds(&b, "]");
	inst = json_loads(b.data, 0, NULL);
	cr_assert_not_null(inst);
	s = parse("{\"items\":{\"$ref\":\"#\"}}");
	rc = jschema_validate(s, inst, NULL, why, sizeof(why));
	cr_expect_eq(rc, ERR_TOOBIG);
	json_decref(s);
	json_decref(inst);
	buf_free(&b);
	/* Exponential oneOf nesting is cut off by the step limit. */
	s = parse("{\"$defs\":{\"a\":{\"anyOf\":[{\"$ref\":\"#/$defs/b\"},"
	          "{\"$ref\":\"#/$defs/b\"},{\"$ref\":\"#/$defs/b\"},false]},"
	          "\"b\":{\"type\":\"array\",\"anyOf\":[{\"items\":"
	          "{\"$ref\":\"#/$defs/a\"}},{\"items\":{\"$ref\":"
	          "\"#/$defs/a\"}},false]}},"
	          "\"$ref\":\"#/$defs/a\"}");
	inst =
	    parse("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]"
	          "]]]");
	rc = jschema_validate(s, inst, NULL, why, sizeof(why));
	cr_expect_eq(rc, ERR_TOOBIG, "%d", rc);
	json_decref(s);
	json_decref(inst);
	/* Odd schema values are ignored, not trusted. */
	rc = run("{\"type\":5,\"required\":\"x\",\"items\":3,\"pattern\":1}",
	    "[1]", why, sizeof(why));
	cr_expect_eq(rc, 0);
	/* A tiny why buffer is fine. */
	rc = run("{\"type\":\"string\"}", "1", why, 4);
	cr_expect_eq(rc, ERR_INVAL);
	cr_expect_eq(strlen(why), 3);
}

/* ---- the official schemas ---- */

struct schemas {
	json_t *byid;
};

static int
schema_load(void *ctx, const char *url, json_t **doc)
{
	struct schemas *s = ctx;

	*doc = json_incref(json_object_get(s->byid, url));
	return *doc != NULL ? 0 : ERR_NOTFOUND;
}

static void
schemas_init(struct schemas *s, const char *rel)
{
	char *dir = path_join(spec_dir(), rel), *p;
	struct dirent *de;
	DIR *d = opendir(dir);

	cr_assert_not_null(d, "no schema directory %s", dir);
	s->byid = json_object();
	while ((de = readdir(d)) != NULL) {
		json_t *j;
		const char *id;

		if (strstr(de->d_name, ".json") == NULL)
			continue;
		p = path_join(dir, de->d_name);
		j = load_json_file(p);
		free(p);
		id = json_string_value(json_object_get(j, "$id"));
		if (id != NULL)
			json_object_set(s->byid, id, j);
		json_decref(j);
	}
	closedir(d);
	free(dir);
}

#define ACH_ID                                                                 \
	"https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"                 \
	"ob_v3p0_achievementcredential-jsonschema1.json"
#define END_ID                                                                 \
	"https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"                 \
	"ob_v3p0_endorsementcredential-jsonschema1.json"

static json_t *
spec_json(const char *rel)
{
	char *p = path_join(spec_dir(), rel);
	json_t *j = load_json_file(p);

	cr_assert_not_null(j, "cannot read %s", p);
	free(p);
	return j;
}

/* The examples (and validator fixtures) that must satisfy the schema. */
static const struct {
	const char *file, *schema;
} valid_docs[] = {
    {"ob3/examples/sample-openbadgecredential.json", ACH_ID},
    {"ob3/examples/complete-openbadgecredential.json", ACH_ID},
    {"ob3/examples/sample-endorsementcredential.json", END_ID},
    {"ob3/validator-tests/simple.json", ACH_ID},
    {"ob3/validator-tests/simple-did-key-method.json", ACH_ID},
    {"ob3/validator-tests/endorsement-valid.json", END_ID},
};

Test(jschema, ob3_examples_valid)
{
	struct schemas s;
	struct jsonld_loader ld = {schema_load, &s};
	char why[400];
	size_t i;
	int rc;

	schemas_init(&s, "ob3/schema");
	for (i = 0; i < NELEM(valid_docs); i++) {
		json_t *doc = spec_json(valid_docs[i].file);
		json_t *sch = json_object_get(s.byid, valid_docs[i].schema);

		cr_assert_not_null(sch);
		rc = jschema_validate(sch, doc, &ld, why, sizeof(why));
		cr_expect_eq(rc, 0, "%s: %s", valid_docs[i].file, why);
		json_decref(doc);
	}
	json_decref(s.byid);
}

/* Mutations of simple.json: a JSON pointer to set (or delete, value
 * NULL) and the text the failure must carry. */
static const struct {
	const char *path, *value, *why;
} mutations[] = {
    {"issuer", NULL, "/issuer: is required"},
    {"credentialSubject", NULL, "/credentialSubject: is required"},
    {"type", "[\"VerifiableCredential\"]", "/type: must contain"},
    {"@context", "[\"https://www.w3.org/ns/credentials/v2\"]",
        "/@context: must have at least 2"},
    {"@context",
        "[\"https://www.w3.org/2018/credentials/v1\","
        "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]",
        "/@context/0: must be"},
    {"validFrom", "\"yesterday\"",
        "/validFrom: \"yesterday\" is not a "
        "valid date-time"},
    {"credentialSubject/achievement", NULL,
        "/credentialSubject/achievement: is required"},
    {"credentialSubject/achievement/criteria", "5",
        "/credentialSubject/achievement/criteria: must be of type object"},
    {"credentialSubject/type", "[\"Foo\"]",
        "/credentialSubject/type: must contain \"AchievementSubject\""},
    {"issuer/type", "[\"Organization\"]", "/issuer/type: must contain"},
    {"credentialSubject/achievement/achievementType", "\"Nonsense\"",
        "/credentialSubject/achievement/achievementType: "},
};

static void
mutate(json_t *doc, const char *path, const char *value)
{
	char buf[200], *slash, *key = buf;
	json_t *cur = doc;

	snprintf(buf, sizeof(buf), "%s", path);
	while ((slash = strchr(key, '/')) != NULL) {
		*slash = '\0';
		cur = json_object_get(cur, key);
		cr_assert(json_is_object(cur), "mutation path %s", path);
		key = slash + 1;
	}
	if (value == NULL)
		json_object_del(cur, key);
	else
		json_object_set_new(cur, key, parse(value));
}

Test(jschema, ob3_mutations_fail)
{
	struct schemas s;
	struct jsonld_loader ld = {schema_load, &s};
	char why[400];
	size_t i;
	int rc;

	schemas_init(&s, "ob3/schema");
	for (i = 0; i < NELEM(mutations); i++) {
		json_t *doc = spec_json("ob3/validator-tests/simple.json");

		mutate(doc, mutations[i].path, mutations[i].value);
		rc = jschema_validate(json_object_get(s.byid, ACH_ID), doc, &ld,
		    why, sizeof(why));
		cr_expect_eq(rc, ERR_INVAL, "mutation %zu (%s) passed", i,
		    mutations[i].path);
		cr_expect(strstr(why, mutations[i].why) != NULL,
		    "mutation %zu: why \"%s\" lacks \"%s\"", i, why,
		    mutations[i].why);
		json_decref(doc);
	}
	json_decref(s.byid);
}

Test(jschema, ob2_extension_draft04)
{
	json_t *s =
	    spec_json("ob2/extension-schemas/applyLinkExtension-schema.json");
	json_t *ok = parse("{\"url\":\"https://example.org/apply\"}");
	json_t *bad1 = parse("{\"url\":\"not a url\"}");
	json_t *bad2 = parse("{\"link\":\"https://example.org/\"}");
	char why[300];

	cr_expect_eq(
	    jschema_validate(s, ok, NULL, why, sizeof(why)), 0, "%s", why);
	cr_expect_eq(
	    jschema_validate(s, bad1, NULL, why, sizeof(why)), ERR_INVAL);
	cr_expect(strstr(why, "/url:") != NULL, "%s", why);
	cr_expect_eq(
	    jschema_validate(s, bad2, NULL, why, sizeof(why)), ERR_INVAL);
	cr_expect(strstr(why, "/url: is required") != NULL, "%s", why);
	json_decref(s);
	json_decref(ok);
	json_decref(bad1);
	json_decref(bad2);
	s = spec_json("ob2/extension-schemas/exampleExtension-schema.json");
	cr_expect_eq(
	    jschema_validate(s, s, NULL, why, sizeof(why)) != ERR_TOOBIG, 1);
	json_decref(s);
}
