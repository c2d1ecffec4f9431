/*
 * embedded.c: loaders over the compiled-in contexts and schemas
 * (embedded.h).
 *
 * Two indexes are built once under pthread_once and never changed after:
 * the parsed contexts/url-map.json (URL -> file name) and a jansson object
 * mapping each schema's $id and purl alias to its file name. Lookups only
 * read them (json_object_get), which is safe from any thread.
 */
#include <pthread.h>

#include "core/common.h"
#include "core/err.h"
#include "ob/embedded.h"

#define SCHEMA_ID_TAIL "-jsonschema1.json"
#define SCHEMA_ALIAS_TAIL "_schema.json"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static json_t *ctx_map;    /* URL -> "x.jsonld" (under contexts/) */
static json_t *schema_map; /* $id or alias -> "schemas/x.json" */

const struct embedded_file *
embedded_file_get(const char *name)
{
	for (size_t i = 0; i < embedded_nfiles; i++)
		if (strcmp(embedded_files[i].name, name) == 0)
			return &embedded_files[i];
	return NULL;
}

static json_t *
parse(const struct embedded_file *f)
{
	json_error_t je;

	return json_loadb((const char *)f->data, (size_t)f->len, 0, &je);
}

/* add_schema indexes one schema file by its $id and purl alias. */
static void
add_schema(const struct embedded_file *f)
{
	json_t *doc = parse(f), *name;
	const char *id;
	size_t n, tail = strlen(SCHEMA_ID_TAIL);
	char alias[512];

	if (doc == NULL)
		return;
	id = json_string_value(json_object_get(doc, "$id"));
	if (id != NULL) {
		name = json_string(f->name);
		json_object_set(schema_map, id, name);
		n = strlen(id);
		if (n > tail && strcmp(id + n - tail, SCHEMA_ID_TAIL) == 0 &&
		    n - tail + strlen(SCHEMA_ALIAS_TAIL) < sizeof(alias)) {
			memcpy(alias, id, n - tail);
			memcpy(alias + n - tail, SCHEMA_ALIAS_TAIL,
			    strlen(SCHEMA_ALIAS_TAIL) + 1);
			json_object_set(schema_map, alias, name);
		}
		json_decref(name);
	}
	json_decref(doc);
}

static void
build(void)
{
	const struct embedded_file *m =
	    embedded_file_get("contexts/url-map.json");

	ctx_map = m != NULL ? parse(m) : NULL;
	if (ctx_map == NULL)
		ctx_map = json_object();
	schema_map = json_object();
	/* Schemas without an $id (the OB 2.0 extensions'), by the address
	 * their extension contexts give. */
	m = embedded_file_get("schemas/url-map.json");
	if (m != NULL) {
		json_t *um = parse(m), *v;
		const char *url;
		char name[256];

		json_object_foreach(um, url, v)
		{
			if (!json_is_string(v))
				continue;
			snprintf(name, sizeof(name), "schemas/%s",
			    json_string_value(v));
			json_object_set_new(schema_map, url, json_string(name));
		}
		json_decref(um);
	}
	for (size_t i = 0; i < embedded_nfiles; i++)
		if (strncmp(embedded_files[i].name, "schemas/", 8) == 0 &&
		    strcmp(embedded_files[i].name +
		            strlen(embedded_files[i].name) - 5,
		        ".json") == 0)
			add_schema(&embedded_files[i]);
}

/* load_file parses the embedded file called name into *doc. */
static int
load_file(const char *name, json_t **doc)
{
	const struct embedded_file *f = embedded_file_get(name);

	if (f == NULL)
		return ERR_NOTFOUND;
	*doc = parse(f);
	return *doc != NULL ? 0 : ERR_INVAL;
}

static int
load_context(void *ctx, const char *url, json_t **doc)
{
	const char *file;
	char name[256];
	int n;

	(void)ctx;
	*doc = NULL;
	if (url == NULL || pthread_once(&once, build) != 0)
		return ERR_NOTFOUND;
	file = json_string_value(json_object_get(ctx_map, url));
	if (file == NULL)
		return ERR_NOTFOUND;
	n = snprintf(name, sizeof(name), "contexts/%s", file);
	if (n < 0 || (size_t)n >= sizeof(name))
		return ERR_NOTFOUND;
	return load_file(name, doc);
}

static int
load_schema(void *ctx, const char *url, json_t **doc)
{
	const char *file;

	(void)ctx;
	*doc = NULL;
	if (url == NULL || pthread_once(&once, build) != 0)
		return ERR_NOTFOUND;
	file = json_string_value(json_object_get(schema_map, url));
	if (file == NULL)
		return ERR_NOTFOUND;
	return load_file(file, doc);
}

static const struct jsonld_loader contexts_loader = {load_context, NULL};
static const struct jsonld_loader schemas_loader = {load_schema, NULL};

const struct jsonld_loader *
embedded_contexts(void)
{
	return &contexts_loader;
}

const struct jsonld_loader *
embedded_schemas(void)
{
	return &schemas_loader;
}
