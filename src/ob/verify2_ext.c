/*
 * verify2_ext.c: the Open Badges 2.0 verifier's extension check
 * (verify2.c runs it): every node typed Extension in the assertion, badge
 * class and issuer (at most MAX_EXTENSIONS) is validated against the JSON
 * schema named by the obi:validation rules of its extension contexts, as
 * badgecheck does, and the findings make one "extensions" check (none
 * when there are no extensions).
 *
 * Contexts come only from the caller's loader and schemas from the
 * caller's schema loader or v2__fetch; every copy made here (a loaded
 * context or schema, a compacted node) is released before the check
 * returns. IRI expansion follows at most four term-to-term steps.
 */
#include "core/common.h"
#include "ob/jschema.h"
#include "ob/jsonld.h"
#include "ob/verify.h"
#include "ob/verify2_int.h"

#define MAX_EXTENSIONS 8

/* ---- extensions ---- */

/* expand_at expands a term or compact IRI with the terms and prefixes of
 * the context object map (and the usual OB prefixes), following at most
 * four term-to-term steps (a cycle stops there). */
static void
expand_at(const char *t, const json_t *map, char *out, size_t n, int depth)
{
	static const char *const builtin[][2] = {
	    {"obi", OBI_NS},
	    {"extensions", "https://w3id.org/openbadges/extensions#"},
	    {"schema", "http://schema.org/"},
	};
	const char *colon = strchr(t, ':'), *pre = NULL, *def;
	char p[64];
	size_t i, pl;

	def = v2__jstr(map, t);
	if (def != NULL && strcmp(def, t) != 0 && colon == NULL && depth < 4) {
		/* A term: expand what it stands for (terms may chain). */
		expand_at(def, map, out, n, depth + 1);
		return;
	}
	if (colon == NULL || strncmp(colon, "://", 3) == 0) {
		snprintf(out, n, "%s", t);
		return;
	}
	pl = (size_t)(colon - t);
	if (pl >= sizeof(p)) {
		snprintf(out, n, "%s", t);
		return;
	}
	memcpy(p, t, pl);
	p[pl] = '\0';
	pre = v2__jstr(map, p);
	for (i = 0; pre == NULL && i < NELEM(builtin); i++)
		if (strcmp(builtin[i][0], p) == 0)
			pre = builtin[i][1];
	if (pre == NULL)
		snprintf(out, n, "%s", t);
	else
		snprintf(out, n, "%s%s", pre, colon + 1);
}

static void
expand_iri(const char *t, const json_t *map, char *out, size_t n)
{
	expand_at(t, map, out, n, 0);
}

static const char *
local_name(const char *iri)
{
	const char *h = strrchr(iri, '#'), *s = strrchr(iri, '/'), *c;

	if (h != NULL && h[1] != '\0')
		return h + 1;
	if (s != NULL && s[1] != '\0')
		return s + 1;
	c = strrchr(iri, ':');
	return c != NULL ? c + 1 : iri;
}

/* compact_node copies node with full-IRI keys renamed to the context's
 * terms, as the extension's schema expects (badgecheck compacts too). */
static json_t *
compact_node(json_t *node, json_t *map)
{
	json_t *out = json_object(), *val;
	const char *k, *term;
	json_t *tv;
	char a[URL_MAX], b[URL_MAX];

	json_object_foreach(node, k, val)
	{
		const char *name = k;

		if (json_object_get(map, k) == NULL) {
			expand_iri(k, map, a, sizeof(a));
			json_object_foreach(map, term, tv)
			{
				if (!json_is_string(tv))
					continue;
				expand_iri(
				    json_string_value(tv), map, b, sizeof(b));
				if (strcmp(a, b) == 0) {
					name = term;
					break;
				}
			}
		}
		json_object_set(out, name, val);
	}
	return out;
}

static json_t *
load_schema(struct v2 *v, const char *url)
{
	json_t *s = NULL;
	struct got g;

	if (v->o->schemas != NULL &&
	    v->o->schemas->load(v->o->schemas->ctx, url, &s) == 0 && s != NULL)
		return s;
	json_decref(s);
	if (v2__fetch(v, url, &g) == 0)
		return json_incref(g.doc);
	return NULL;
}

/* ext_one checks one extension node against the obi:validation rules of
 * the contexts that apply to it. */
static void
ext_one(struct v2 *v, json_t *node, const json_t *doc_ctx, struct probs *fail,
    struct probs *warn, int *checked)
{
	const json_t *lists[2] = {json_object_get(node, "@context"), doc_ctx};
	const json_t *c, *rule, *t;
	size_t li, i, j, k;
	char want[URL_MAX], have[URL_MAX], why[300];

	for (li = 0; li < 2; li++) {
		const json_t *l = lists[li];
		size_t n = json_is_array(l) ? json_array_size(l) : 1;

		for (i = 0; i < n && l != NULL; i++) {
			const char *url;
			json_t *cd = NULL, *map, *rules;

			c = json_is_array(l) ? json_array_get(l, i) : l;
			url = json_string_value(c);
			if (url == NULL || v->o->contexts == NULL ||
			    strcmp(url, OB2_CTX_URL) == 0)
				continue;
			if (v->o->contexts->load(
			        v->o->contexts->ctx, url, &cd) != 0 ||
			    cd == NULL) {
				json_decref(cd);
				v2__prob(warn,
				    "The extension context %s is not "
				    "known here.",
				    url);
				continue;
			}
			map = json_object_get(cd, "@context");
			rules = json_object_get(cd, "obi:validation");
			if (json_is_object(rules))
				rules = NULL; /* only the list form is used */
			json_array_foreach(rules, j, rule)
			{
				const char *vt =
				    v2__jstr(rule, "obi:validatesType");
				const char *su =
				    v2__jstr(rule, "obi:validationSchema");
				bool match = false;
				json_t *schema, *inst;

				if (vt == NULL || su == NULL)
					continue;
				expand_iri(vt, map, want, sizeof(want));
				json_array_foreach(
				    json_object_get(node, "type"), k, t)
				{
					const char *ts = json_string_value(t);

					if (ts == NULL)
						continue;
					expand_iri(ts, map, have, sizeof(have));
					if (strcmp(want, have) == 0 ||
					    strcmp(local_name(want),
					        local_name(have)) == 0)
						match = true;
				}
				if (!match)
					continue;
				schema = load_schema(v, su);
				if (schema == NULL) {
					v2__prob(warn,
					    "The rules for the extension "
					    "%s (%s) could not be "
					    "fetched.",
					    vt, su);
					continue;
				}
				inst = compact_node(node, map);
				why[0] = '\0';
				if (jschema_validate(schema, inst,
				        v->o->schemas, why, sizeof(why)) != 0)
					v2__prob(fail,
					    "The extension %s does not "
					    "follow its published "
					    "rules: %s.",
					    vt, why);
				(*checked)++;
				json_decref(inst);
				json_decref(schema);
			}
			json_decref(cd);
		}
	}
}

static void
ext_walk(struct v2 *v, json_t *x, const json_t *doc_ctx, int depth,
    struct probs *fail, struct probs *warn, int *found, int *checked)
{
	const char *k;
	json_t *val;
	size_t i;

	if (depth > VFY_JSON_DEPTH)
		return;
	if (json_is_array(x)) {
		json_array_foreach(x, i, val)
		{
			ext_walk(v, val, doc_ctx, depth + 1, fail, warn, found,
			    checked);
		}
		return;
	}
	if (!json_is_object(x))
		return;
	if (v2__has_type(x, "Extension") && *found < MAX_EXTENSIONS) {
		(*found)++;
		ext_one(v, x, doc_ctx, fail, warn, checked);
	}
	json_object_foreach(x, k, val)
	{
		if (strcmp(k, "@context") != 0)
			ext_walk(v, val, doc_ctx, depth + 1, fail, warn, found,
			    checked);
	}
}

void
v2__check_extensions(struct v2 *v, json_t *const *docs, size_t n)
{
	struct probs fail, warn;
	int found = 0, checked = 0;
	size_t i;

	v2__probs_init(&fail);
	v2__probs_init(&warn);
	for (i = 0; i < n; i++)
		if (docs[i] != NULL)
			ext_walk(v, docs[i],
			    json_object_get(docs[i], "@context"), 0, &fail,
			    &warn, &found, &checked);
	if (fail.n > 0)
		vfy_add(v->r, "extensions", "Extensions", VFY_FAIL, "%s",
		    v2__probs_text(&fail));
	else if (warn.n > 0)
		vfy_add(v->r, "extensions", "Extensions", VFY_WARN, "%s",
		    v2__probs_text(&warn));
	else if (found > 0)
		vfy_add(v->r, "extensions", "Extensions", VFY_PASS,
		    "%d extension(s) found; %d checked against their "
		    "published rules.",
		    found, checked);
	v2__probs_free(&fail);
	v2__probs_free(&warn);
}
