/*
 * verify3.c: the Open Badges 3.0 verifier. It takes a credential (JSON
 * with embedded Data Integrity proofs, a VC-JWT, or an https URL of
 * either) and produces a report of separate checks, in the spirit of the
 * 1EdTech validator's probes: input, @context, type, JSON-LD safe mode,
 * official JSON schema, credentialSchema, credentialSubject, evidence,
 * issuer, proof, status (1EdTech revocation list, Bitstring Status List),
 * issuance and expiry dates, and the recipient.
 *
 * This file owns the entry point, reading the input, the structure
 * checks, dates, recipient, summary and endorsements, and runs the checks
 * in their fixed order. Signatures and key lookup are in verify3_proof.c,
 * credential status in verify3_status.c; verify3_int.h is what they share.
 *
 * Pure: the only I/O is through the caller's fetcher (key documents,
 * status lists, schemas not shipped locally), bounded by VFY_MAX_FETCHES;
 * JSON-LD contexts come only from the caller's loader. Bad input never
 * aborts: every problem is a failed check with a plain-words message.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "ob/jschema.h"
#include "ob/jsonld.h"
#include "ob/jws.h"
#include "ob/ob2.h"
#include "ob/verify.h"
#include "ob/verify3_int.h"

#include <openssl/evp.h>

#define VC2_CONTEXT "https://www.w3.org/ns/credentials/v2"
#define VC1_CONTEXT "https://www.w3.org/2018/credentials/v1"
#define OB3_CONTEXT "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#define OB3_CONTEXT_PREFIX "https://purl.imsglobal.org/spec/ob/v3p0/"
#define SCHEMA_BASE "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
#define ACH_SCHEMA SCHEMA_BASE "ob_v3p0_achievementcredential-jsonschema1.json"
#define END_SCHEMA SCHEMA_BASE "ob_v3p0_endorsementcredential-jsonschema1.json"
#define MAX_SCHEMAS 4
#define MAX_ENDORSEMENTS 8

/* ---- small helpers ---- */

const char *
v3__jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* has_type: does node's "type" (a string or an array) include t? */
static bool
has_type(const json_t *node, const char *t)
{
	const json_t *ty = json_object_get(node, "type"), *v;
	size_t i;

	if (json_is_string(ty))
		return strcmp(json_string_value(ty), t) == 0;
	json_array_foreach(ty, i, v) if (json_is_string(v) &&
	    strcmp(json_string_value(v), t) == 0) return true;
	return false;
}

/* type_text writes node's type for a message. */
static void
type_text(const json_t *node, char *out, size_t n)
{
	const json_t *ty = json_object_get(node, "type");
	char *d;

	if (ty == NULL) {
		snprintf(out, n, "none");
		return;
	}
	d = json_dumps(ty, JSON_ENCODE_ANY | JSON_COMPACT);
	snprintf(out, n, "%.120s", d != NULL ? d : "?");
	free(d);
}

/* v3__as_array: an array stays, an object becomes a one-element view. The
 * caller json_decref()s the result. */
json_t *
v3__as_array(json_t *v)
{
	json_t *a;

	if (json_is_array(v))
		return json_incref(v);
	a = json_array();
	if (v != NULL && !json_is_null(v))
		json_array_append(a, v);
	return a;
}

/* v3__issuer_id: the issuer's id (issuer is a string or a Profile). */
const char *
v3__issuer_id(const json_t *cred)
{
	const json_t *is = json_object_get(cred, "issuer");

	if (json_is_string(is))
		return json_string_value(is);
	return v3__jstr(is, "id");
}

static bool
depth_ok(const json_t *j, int depth)
{
	const json_t *v;
	const char *k;
	size_t i;

	if (depth > VFY_JSON_DEPTH)
		return false;
	if (json_is_object(j)) {
		json_object_foreach((json_t *)(uintptr_t)j, k,
		    v) if (!depth_ok(v, depth + 1)) return false;
	} else if (json_is_array(j)) {
		json_array_foreach(
		    j, i, v) if (!depth_ok(v, depth + 1)) return false;
	}
	return true;
}

/* parse_json parses untrusted JSON text into a new reference, or NULL
 * with why set. */
static json_t *
parse_json(const char *p, size_t len, char *why, size_t whysz)
{
	json_error_t je;
	json_t *j = json_loadb(p, len, JSON_REJECT_DUPLICATES, &je);

	if (j == NULL) {
		snprintf(why, whysz, "it is not valid JSON (line %d: %.120s)",
		    je.line, je.text);
		return NULL;
	}
	if (!depth_ok(j, 0)) {
		snprintf(why, whysz, "it is nested more than %d levels deep",
		    VFY_JSON_DEPTH);
		json_decref(j);
		return NULL;
	}
	return j;
}

/* fetch gets url through the caller's fetcher into body. Returns 0 or a
 * negative err with why in plain words. */
static int
fetch(struct v3 *v, const char *url, struct buf *body, char *why, size_t whysz)
{
	char final[1024];
	long status = 0;
	int rc;

	if (v->o->fetch == NULL || v->o->fetch->get == NULL) {
		snprintf(why, whysz,
		    "this check works offline and cannot "
		    "download %.200s",
		    url);
		return ERR_IO;
	}
	if (*v->fetches >= VFY_MAX_FETCHES) {
		snprintf(why, whysz, "too many downloads were needed");
		return ERR_TOOBIG;
	}
	(*v->fetches)++;
	rc = v->o->fetch->get(v->o->fetch->ctx, url, body, &status, final,
	    sizeof(final), why, whysz);
	if (rc != 0)
		return rc;
	if (status != 200) {
		snprintf(why, whysz, "%.200s answered with HTTP status %ld",
		    url, status);
		return status == 404 || status == 410 ? ERR_NOTFOUND : ERR_IO;
	}
	return 0;
}

/* v3__fetch_json fetches url and parses it as JSON into *out. */
int
v3__fetch_json(
    struct v3 *v, const char *url, json_t **out, char *why, size_t whysz)
{
	struct buf body;
	char pw[200];
	int rc;

	*out = NULL;
	buf_init(&body, NULL, VFY_MAX_DOC);
	rc = fetch(v, url, &body, why, whysz);
	if (rc == 0) {
		*out = parse_json(body.data, body.len, pw, sizeof(pw));
		if (*out == NULL) {
			snprintf(why, whysz,
			    "%.100s did not send a usable "
			    "document: %.80s",
			    url, pw);
			rc = ERR_INVAL;
		}
	}
	buf_free(&body);
	return rc;
}

static int
no_contexts(void *ctx, const char *url, json_t **doc)
{
	(void)ctx;
	(void)url;
	*doc = NULL;
	return ERR_NOTFOUND;
}

const struct jsonld_loader *
v3__ctx_loader(const struct v3 *v)
{
	static const struct jsonld_loader none = {no_contexts, NULL};

	return v->o->contexts != NULL ? v->o->contexts : &none;
}

/* ---- @context and type ---- */

static void
check_context(struct v3 *v)
{
	json_t *ctx = json_object_get(v->cred, "@context"), *e;
	const char *first, *ob = NULL;
	size_t i;

	if (!json_is_array(ctx) || json_array_size(ctx) == 0) {
		vfy_add(v->r, "context", "Format (@context)", VFY_FAIL,
		    "The credential does not say which standards it follows: "
		    "its @context must be a list starting with the Verifiable "
		    "Credentials context.");
		return;
	}
	first = json_string_value(json_array_get(ctx, 0));
	if (first == NULL ||
	    (strcmp(first, VC2_CONTEXT) != 0 &&
	        strcmp(first, VC1_CONTEXT) != 0)) {
		vfy_add(v->r, "context", "Format (@context)", VFY_FAIL,
		    "The credential's @context must start with the Verifiable "
		    "Credentials context (%s), but it starts with %.200s.",
		    VC2_CONTEXT, first != NULL ? first : "something else");
		return;
	}
	v->v1 = strcmp(first, VC1_CONTEXT) == 0;
	json_array_foreach(ctx, i, e)
	{
		const char *s = json_string_value(e);

		if (s != NULL &&
		    strncmp(s, OB3_CONTEXT_PREFIX,
		        strlen(OB3_CONTEXT_PREFIX)) == 0 &&
		    strstr(s, "extensions") == NULL &&
		    strstr(s, "schema") == NULL) {
			ob = s;
			break;
		}
	}
	if (ob == NULL && (v->is_ob || v->is_endorsement)) {
		vfy_add(v->r, "context", "Format (@context)", VFY_FAIL,
		    "The credential's @context does not include the Open "
		    "Badges 3.0 context (%s).",
		    OB3_CONTEXT);
		return;
	}
	if (v->v1) {
		vfy_add(v->r, "context", "Format (@context)", VFY_WARN,
		    "The credential uses the older Verifiable Credentials 1.1 "
		    "format. It can still be checked, but new badges should "
		    "use version 2.0.");
		return;
	}
	if (ob != NULL && strcmp(ob, OB3_CONTEXT) != 0) {
		vfy_add(v->r, "context", "Format (@context)", VFY_WARN,
		    "The credential uses the Open Badges context %.200s; the "
		    "current one is %s.",
		    ob, OB3_CONTEXT);
		return;
	}
	vfy_add(v->r, "context", "Format (@context)", VFY_PASS,
	    "The credential declares the Verifiable Credentials 2.0 and Open "
	    "Badges 3.0 formats.");
}

/* check_type returns false when the input is not a credential we verify
 * (a fatal failure, as in the 1EdTech validator). */
static bool
check_type(struct v3 *v)
{
	char t[160];

	type_text(v->cred, t, sizeof(t));
	v->is_ob = has_type(v->cred, "OpenBadgeCredential") ||
	    has_type(v->cred, "AchievementCredential");
	v->is_endorsement = has_type(v->cred, "EndorsementCredential");
	if (!has_type(v->cred, "VerifiableCredential")) {
		vfy_add(v->r, "type", "Kind of credential", VFY_FAIL,
		    "This is not a Verifiable Credential: its type (%s) does "
		    "not include VerifiableCredential.",
		    t);
		return false;
	}
	if (v->is_ob) {
		v->r->kind = VFY_KIND_CREDENTIAL;
		vfy_add(v->r, "type", "Kind of credential", VFY_PASS,
		    "This is an Open Badges 3.0 credential (%s).", t);
	} else if (v->is_endorsement) {
		v->r->kind = VFY_KIND_ENDORSEMENT;
		vfy_add(v->r, "type", "Kind of credential", VFY_PASS,
		    "This is an Open Badges 3.0 endorsement.");
	} else if (has_type(v->cred, "BitstringStatusListCredential")) {
		v->r->kind = VFY_KIND_OTHER;
		vfy_add(v->r, "type", "Kind of credential", VFY_PASS,
		    "This is a status list that issuers use to revoke or "
		    "suspend credentials.");
	} else {
		v->r->kind = VFY_KIND_OTHER;
		vfy_add(v->r, "type", "Kind of credential", VFY_FAIL,
		    "This credential is not an Open Badge: its type (%s) must "
		    "include OpenBadgeCredential, AchievementCredential or "
		    "EndorsementCredential.",
		    t);
		return false;
	}
	return true;
}

static void
check_jsonld(struct v3 *v)
{
	struct jsonld_opts jo;
	struct ob_err e;
	json_t *out = NULL;
	int rc;

	memset(&jo, 0, sizeof(jo));
	jo.safe = true;
	jo.max_depth = VFY_JSON_DEPTH;
	e.msg[0] = '\0';
	rc = jsonld_expand(v->cred, &jo, v3__ctx_loader(v), &out, &e);
	json_decref(out);
	if (rc == 0) {
		vfy_add(v->r, "jsonld", "Vocabulary (JSON-LD)", VFY_PASS,
		    "Every property and type in the credential is defined by "
		    "its contexts.");
	} else if (rc == ERR_NOTFOUND) {
		vfy_add(v->r, "jsonld", "Vocabulary (JSON-LD)", VFY_FAIL,
		    "The credential refers to a context Laurel does not know, "
		    "so its meaning cannot be checked: %s",
		    e.msg);
	} else {
		vfy_add(v->r, "jsonld", "Vocabulary (JSON-LD)", VFY_FAIL,
		    "The credential uses a property or type that its contexts "
		    "do not define: %s",
		    e.msg);
	}
}

/* ---- schemas ---- */

static int
load_schema(struct v3 *v, const char *id, json_t **out, char *why, size_t whysz)
{
	*out = NULL;
	if (v->o->schemas != NULL &&
	    v->o->schemas->load(v->o->schemas->ctx, id, out) == 0 &&
	    *out != NULL)
		return 0;
	*out = NULL;
	return v3__fetch_json(v, id, out, why, whysz);
}

/* compacted: a copy of doc where a single "proof" object becomes a list,
 * the form the 1EdTech validator falls back to. NULL if nothing changes. */
static json_t *
compacted_copy(const json_t *doc)
{
	json_t *p = json_object_get(doc, "proof"), *c;

	if (!json_is_object(p))
		return NULL;
	c = json_copy((json_t *)(uintptr_t)doc);
	json_object_set_new(c, "proof", v3__as_array(p));
	return c;
}

static int
validate(struct v3 *v, const json_t *schema, char *why, size_t whysz)
{
	json_t *alt;
	char why2[VFY_MSG];
	int rc;

	rc = jschema_validate(schema, v->cred, v->o->schemas, why, whysz);
	if (rc != ERR_INVAL)
		return rc;
	alt = compacted_copy(v->cred);
	if (alt == NULL)
		return rc;
	if (jschema_validate(schema, alt, v->o->schemas, why2, sizeof(why2)) ==
	    0)
		rc = 0;
	json_decref(alt);
	return rc;
}

static void
check_schema(struct v3 *v)
{
	const char *id = v->is_endorsement ? END_SCHEMA : ACH_SCHEMA;
	json_t *s = NULL;
	char why[VFY_MSG - 120];
	int rc;

	if (!v->is_ob && !v->is_endorsement)
		return;
	if (v->v1) {
		vfy_add(v->r, "schema", "Open Badges format", VFY_SKIP,
		    "The official Open Badges 3.0 schema describes the "
		    "Verifiable Credentials 2.0 format; this older-format "
		    "credential was not checked against it.");
		return;
	}
	if (v->o->schemas == NULL ||
	    v->o->schemas->load(v->o->schemas->ctx, id, &s) != 0 || s == NULL) {
		vfy_add(v->r, "schema", "Open Badges format", VFY_SKIP,
		    "The official Open Badges 3.0 schema is not available "
		    "here, "
		    "so the credential's layout was not checked.");
		return;
	}
	rc = validate(v, s, why, sizeof(why));
	json_decref(s);
	if (rc == 0)
		vfy_add(v->r, "schema", "Open Badges format", VFY_PASS,
		    "The credential follows the official Open Badges 3.0 "
		    "schema.");
	else
		vfy_add(v->r, "schema", "Open Badges format", VFY_FAIL,
		    "The credential does not follow the official Open Badges "
		    "3.0 schema: %s",
		    why);
}

/* is_canonical: does id name the official schema for this credential
 * (by its $id or by the published address)? */
static bool
is_canonical(const struct v3 *v, const char *id)
{
	const char *name = v->is_endorsement ? "endorsementcredential"
	                                     : "achievementcredential";
	char pub[200];

	snprintf(pub, sizeof(pub), SCHEMA_BASE "ob_v3p0_%s_schema.json", name);
	return strcmp(id, pub) == 0 ||
	    strcmp(id, v->is_endorsement ? END_SCHEMA : ACH_SCHEMA) == 0;
}

static void
check_credential_schemas(struct v3 *v)
{
	json_t *list =
	    v3__as_array(json_object_get(v->cred, "credentialSchema"));
	json_t *e, *s;
	char why[VFY_MSG - 160];
	size_t i;
	int rc;

	json_array_foreach(list, i, e)
	{
		const char *id = v3__jstr(e, "id"), *ty = v3__jstr(e, "type");

		if (i >= MAX_SCHEMAS)
			break;
		if (id == NULL || ty == NULL ||
		    strcmp(ty, "1EdTechJsonSchemaValidator2019") != 0) {
			vfy_add(v->r, "credential_schema", "Issuer's schema",
			    VFY_SKIP,
			    "The credential names a schema of a kind Laurel "
			    "does not check (%.100s).",
			    ty != NULL ? ty : "no type");
			continue;
		}
		if (!v->v1 && is_canonical(v, id))
			continue; /* the official schema check covered it */
		rc = load_schema(v, id, &s, why, sizeof(why));
		if (rc != 0) {
			vfy_add(v->r, "credential_schema", "Issuer's schema",
			    VFY_FAIL,
			    "The credential says it follows the schema at "
			    "%.150s, but it could not be loaded: %s",
			    id, why);
			continue;
		}
		rc = validate(v, s, why, sizeof(why));
		json_decref(s);
		if (rc == 0)
			vfy_add(v->r, "credential_schema", "Issuer's schema",
			    VFY_PASS,
			    "The credential follows the schema %.200s.", id);
		else
			vfy_add(v->r, "credential_schema", "Issuer's schema",
			    VFY_FAIL,
			    "The credential does not follow the schema it "
			    "names (%.150s): %s",
			    id, why);
	}
	json_decref(list);
}

/* ---- credentialSubject, evidence, issuer ---- */

/* need_type checks that every node in v (one node or a list) has type t;
 * on failure writes "where" and the bad type into msg. */
static bool
need_type(json_t *val, const char *t, bool may_be_string, const char *where,
    char *msg, size_t n)
{
	json_t *list = v3__as_array(val), *e;
	char tt[160];
	size_t i;
	bool ok = true;

	json_array_foreach(list, i, e)
	{
		if (may_be_string && json_is_string(e))
			continue;
		if (!json_is_object(e) || !has_type(e, t)) {
			type_text(e, tt, sizeof(tt));
			snprintf(msg, n, "%s must have type %s, but has %s",
			    where, t, tt);
			ok = false;
			break;
		}
	}
	json_decref(list);
	return ok;
}

static bool
profile_ok(json_t *p, const char *where, char *msg, size_t n)
{
	char w[120];

	if (p == NULL || json_is_string(p))
		return true;
	if (!need_type(p, "Profile", true, where, msg, n))
		return false;
	snprintf(w, sizeof(w), "%s's otherIdentifier", where);
	if (!need_type(json_object_get(p, "otherIdentifier"), "IdentifierEntry",
	        false, w, msg, n))
		return false;
	snprintf(w, sizeof(w), "%s's parent organisation", where);
	return need_type(
	    json_object_get(p, "parentOrg"), "Profile", true, w, msg, n);
}

static bool
achievement_ok(json_t *a, char *msg, size_t n)
{
	json_t *rd, *e;
	size_t i;

	if (a == NULL)
		return true;
	if (!need_type(a, "Achievement", true, "The achievement", msg, n))
		return false;
	if (!profile_ok(json_object_get(a, "creator"),
	        "The achievement's creator", msg, n))
		return false;
	if (!need_type(json_object_get(a, "alignment"), "Alignment", false,
	        "Each alignment of the achievement", msg, n))
		return false;
	rd = json_object_get(a, "resultDescription");
	if (!need_type(rd, "ResultDescription", false,
	        "Each result description of the achievement", msg, n))
		return false;
	json_array_foreach(
	    rd, i, e) if (!need_type(json_object_get(e, "rubricCriterionLevel"),
	                      "RubricCriterionLevel", false,
	                      "Each rubric level of a result description", msg,
	                      n)) return false;
	return true;
}

static void
check_subject(struct v3 *v)
{
	json_t *s = json_object_get(v->cred, "credentialSubject");
	const char *want =
	    v->is_endorsement ? "EndorsementSubject" : "AchievementSubject";
	char msg[300] = "";
	bool ok;

	if (!v->is_ob && !v->is_endorsement)
		return;
	if (!json_is_object(s)) {
		vfy_add(v->r, "subject", "Recipient and achievement", VFY_FAIL,
		    "The credential does not say who earned it "
		    "(credentialSubject is missing).");
		return;
	}
	ok = need_type(
	    s, want, false, "The credential subject", msg, sizeof(msg));
	if (ok && v->is_ob && json_object_get(s, "id") == NULL &&
	    json_object_get(s, "identifier") == NULL) {
		snprintf(msg, sizeof(msg),
		    "The credential subject needs an id "
		    "or an identifier for the recipient");
		ok = false;
	}
	ok = ok &&
	    need_type(json_object_get(s, "identifier"), "IdentityObject", false,
	        "Each identifier of the recipient", msg, sizeof(msg));
	ok = ok &&
	    need_type(json_object_get(s, "result"), "Result", false,
	        "Each result", msg, sizeof(msg));
	ok = ok &&
	    profile_ok(json_object_get(s, "source"), "The credential's source",
	        msg, sizeof(msg));
	ok = ok &&
	    achievement_ok(json_object_get(s, "achievement"), msg, sizeof(msg));
	if (ok && v->is_ob && json_object_get(s, "achievement") == NULL) {
		snprintf(msg, sizeof(msg),
		    "The credential does not name the achievement earned");
		ok = false;
	}
	if (ok)
		vfy_add(v->r, "subject", "Recipient and achievement", VFY_PASS,
		    "The recipient and achievement are described correctly.");
	else
		vfy_add(v->r, "subject", "Recipient and achievement", VFY_FAIL,
		    "%s.", msg);
}

static void
check_evidence(struct v3 *v)
{
	json_t *ev = json_object_get(v->cred, "evidence");
	char msg[300];

	if (ev == NULL)
		return;
	if (need_type(ev, "Evidence", false, "Each piece of evidence", msg,
	        sizeof(msg)))
		vfy_add(v->r, "evidence", "Evidence", VFY_PASS,
		    "The evidence is described correctly.");
	else
		vfy_add(v->r, "evidence", "Evidence", VFY_FAIL, "%s.", msg);
}

static void
check_issuer(struct v3 *v)
{
	json_t *is = json_object_get(v->cred, "issuer");
	char msg[300];

	if (is == NULL || (!json_is_string(is) && !json_is_object(is))) {
		vfy_add(v->r, "issuer", "Issuer", VFY_FAIL,
		    "The credential does not say who issued it.");
		return;
	}
	if (v3__issuer_id(v->cred) == NULL) {
		vfy_add(v->r, "issuer", "Issuer", VFY_FAIL,
		    "The issuer has no id (web address or DID).");
		return;
	}
	if (json_is_object(is) &&
	    !profile_ok(is, "The issuer", msg, sizeof(msg))) {
		vfy_add(v->r, "issuer", "Issuer", VFY_FAIL, "%s.", msg);
		return;
	}
	vfy_add(v->r, "issuer", "Issuer", VFY_PASS,
	    "The issuer is described correctly.");
}

/* ---- dates ---- */

static void
check_dates(struct v3 *v)
{
	const char *kf = v->v1 ? "issuanceDate" : "validFrom";
	const char *ku = v->v1 ? "expirationDate" : "validUntil";
	const char *from = v3__jstr(v->cred, kf),
	           *until = v3__jstr(v->cred, ku);
	char now[32];
	int64_t t;

	clock_format(v->o->now, now, sizeof(now));
	if (from == NULL) {
		from = v3__jstr(v->cred, v->v1 ? "validFrom" : "issuanceDate");
		kf = v->v1 ? "validFrom" : "issuanceDate";
	}
	if (until == NULL) {
		until =
		    v3__jstr(v->cred, v->v1 ? "validUntil" : "expirationDate");
		ku = v->v1 ? "validUntil" : "expirationDate";
	}
	if (from == NULL)
		vfy_add(v->r, "issuance", "Issue date", VFY_FAIL,
		    "The credential does not say when it was issued.");
	else if (clock_parse(from, strlen(from), &t) != 0)
		vfy_add(v->r, "issuance", "Issue date", VFY_FAIL,
		    "The issue date (%s) is not a valid date: \"%.60s\".", kf,
		    from);
	else if (t > v->o->now)
		vfy_add(v->r, "issuance", "Issue date", VFY_FAIL,
		    "The credential is not valid yet: it only becomes valid "
		    "on %.40s.",
		    from);
	else
		vfy_add(v->r, "issuance", "Issue date", VFY_PASS,
		    "Issued on %.40s.", from);
	if (until == NULL)
		return;
	if (clock_parse(until, strlen(until), &t) != 0)
		vfy_add(v->r, "expiry", "Expiry date", VFY_FAIL,
		    "The expiry date (%s) is not a valid date: \"%.60s\".", ku,
		    until);
	else if (t < v->o->now)
		vfy_add(v->r, "expiry", "Expiry date", VFY_FAIL,
		    "The credential has expired: it was valid until %.40s.",
		    until);
	else
		vfy_add(v->r, "expiry", "Expiry date", VFY_PASS,
		    "Valid until %.40s.", until);
}

/* ---- recipient ---- */

/* sha256_hex_eq: is hex the SHA-256 of email + salt, with the address as
 * given or in lower case (as Laurel and most issuers hash it)? */
static bool
sha256_hex_eq(const char *email, const char *salt, const char *hex)
{
	char low[72];
	struct buf in;
	char got[65];
	bool ok;

	if (strlen(hex) != 64)
		return false;
	buf_init(&in, NULL, 4096);
	buf_adds(&in, email);
	buf_adds(&in, salt != NULL ? salt : "");
	ok = buf_err(&in) == 0;
	if (ok)
		sha256_hex(in.data, in.len, got);
	buf_free(&in);
	if (ok && strncasecmp(got, hex, 64) == 0)
		return true;
	ob2_identity_hash(email, salt != NULL ? salt : "", low);
	return strncasecmp(low + 7, hex, 64) == 0;
}

static void
check_recipient(struct v3 *v)
{
	json_t *s = json_object_get(v->cred, "credentialSubject");
	json_t *ids = v3__as_array(json_object_get(s, "identifier")), *e;
	const char *email = v->o->email;
	size_t i;
	bool match = false, any = false;

	if (email == NULL || !v->is_ob) {
		json_decref(ids);
		return;
	}
	json_array_foreach(ids, i, e)
	{
		const char *it = v3__jstr(e, "identityType");
		const char *h = v3__jstr(e, "identityHash");

		if (it == NULL || h == NULL || strcmp(it, "emailAddress") != 0)
			continue;
		any = true;
		if (json_is_true(json_object_get(e, "hashed"))) {
			if (strncasecmp(h, "sha256$", 7) == 0 &&
			    sha256_hex_eq(email, v3__jstr(e, "salt"), h + 7))
				match = true;
		} else if (strcasecmp(h, email) == 0) {
			match = true;
		}
	}
	json_decref(ids);
	if (match)
		vfy_add(v->r, "recipient", "Recipient", VFY_PASS,
		    "The badge was awarded to %.200s.", email);
	else if (any)
		vfy_add(v->r, "recipient", "Recipient", VFY_FAIL,
		    "The badge was not awarded to %.200s.", email);
	else
		vfy_add(v->r, "recipient", "Recipient", VFY_FAIL,
		    "The badge does not name its recipient by email address, "
		    "so "
		    "it cannot be matched to %.200s.",
		    email);
}

/* ---- summary ---- */

static void
copy(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s != NULL ? s : "");
}

static void
fill_summary(struct v3 *v)
{
	struct vfy_summary *s = &v->r->sum;
	json_t *c = v->cred, *is = json_object_get(c, "issuer");
	json_t *sub = json_object_get(c, "credentialSubject");
	json_t *a = json_object_get(sub, "achievement"), *img, *ids, *e;
	const char *iu;
	size_t i;

	copy(s->id, sizeof(s->id), v3__jstr(c, "id"));
	copy(s->badge_name, sizeof(s->badge_name), v3__jstr(a, "name"));
	if (s->badge_name[0] == '\0')
		copy(s->badge_name, sizeof(s->badge_name), v3__jstr(c, "name"));
	copy(s->badge_id, sizeof(s->badge_id), v3__jstr(a, "id"));
	copy(
	    s->description, sizeof(s->description), v3__jstr(a, "description"));
	img = json_object_get(a, "image");
	iu = json_is_string(img) ? json_string_value(img) : v3__jstr(img, "id");
	if (iu != NULL && strncmp(iu, "data:", 5) != 0)
		copy(s->image, sizeof(s->image), iu);
	copy(s->issuer_name, sizeof(s->issuer_name), v3__jstr(is, "name"));
	copy(s->issuer_id, sizeof(s->issuer_id), v3__issuer_id(c));
	copy(s->issuer_url, sizeof(s->issuer_url), v3__jstr(is, "url"));
	copy(s->issued_on, sizeof(s->issued_on),
	    v3__jstr(c, "validFrom") ? v3__jstr(c, "validFrom")
	                             : v3__jstr(c, "issuanceDate"));
	copy(s->expires, sizeof(s->expires),
	    v3__jstr(c, "validUntil") ? v3__jstr(c, "validUntil")
	                              : v3__jstr(c, "expirationDate"));
	ids = v3__as_array(json_object_get(sub, "identifier"));
	json_array_foreach(ids, i, e)
	{
		if (v3__jstr(e, "identityHash") != NULL) {
			copy(s->recipient, sizeof(s->recipient),
			    v3__jstr(e, "identityHash"));
			s->recipient_hashed =
			    json_is_true(json_object_get(e, "hashed"));
			break;
		}
	}
	json_decref(ids);
	if (s->recipient[0] == '\0')
		copy(s->recipient, sizeof(s->recipient), v3__jstr(sub, "id"));
	if (json_is_object(is)) {
		json_decref(v->r->issuer);
		v->r->issuer = json_incref(is);
	}
}

/* ---- entry ---- */

#define input_fail(r, ...)                                                     \
	vfy_add(r, "input", "What you gave", VFY_FAIL, __VA_ARGS__)

static int verify_text(const char *in, size_t len, const struct vfy_opts *o,
    struct vfy_report *r, bool from_url, unsigned *fetches, bool nested);
static void run(struct v3 *v);

/* endorsement_result adds one "endorsement" check summing up sub. */
static void
endorsement_result(struct v3 *v, const struct vfy_report *sub, size_t n)
{
	const struct vfy_check *first;
	struct buf b;
	size_t i;
	const char *who = sub->sum.issuer_name[0] ? sub->sum.issuer_name
	    : sub->sum.issuer_id[0]               ? sub->sum.issuer_id
	                                          : "an unnamed issuer";

	if (sub->valid) {
		vfy_add(v->r, "endorsement", "Endorsement", VFY_PASS,
		    "Endorsement %zu, from %.200s, is valid.", n, who);
		return;
	}
	buf_init(&b, NULL, VFY_MSG);
	first = NULL;
	for (i = 0; i < sub->n; i++) {
		if (sub->checks[i].result != VFY_FAIL)
			continue;
		buf_addf(&b, " %s", sub->checks[i].name);
		if (first == NULL)
			first = &sub->checks[i];
	}
	vfy_add(v->r, "endorsement", "Endorsement", VFY_FAIL,
	    "Endorsement %zu, from %.100s, is not valid (failed checks:%s). "
	    "%s: %s",
	    n, who, b.data, first ? first->title : "", first ? first->msg : "");
	buf_free(&b);
}

static void
one_endorsement(struct v3 *v, json_t *e, size_t n)
{
	struct vfy_report sub;
	struct v3 sv;

	vfy_report_init(&sub);
	if (json_is_string(e)) {
		(void)verify_text(json_string_value(e),
		    strlen(json_string_value(e)), v->o, &sub, true, v->fetches,
		    true);
	} else {
		memset(&sv, 0, sizeof(sv));
		sv.o = v->o;
		sv.r = &sub;
		sv.cred = e;
		sv.fetches = v->fetches;
		sv.nested = true;
		if (json_is_object(e))
			run(&sv);
		else
			vfy_add(&sub, "input", "What you gave", VFY_FAIL,
			    "The endorsement is not a credential.");
	}
	if (sub.kind != VFY_KIND_ENDORSEMENT && sub.valid)
		vfy_add(&sub, "type", "Kind of credential", VFY_FAIL,
		    "It is not an EndorsementCredential.");
	endorsement_result(v, &sub, n);
	vfy_report_free(&sub);
}

/* check_endorsements verifies the endorsements embedded in the credential,
 * its issuer, its achievement and the achievement's creator. */
static void
check_endorsements(struct v3 *v)
{
	json_t *sub = json_object_get(v->cred, "credentialSubject");
	json_t *ach = json_object_get(sub, "achievement");
	json_t *holders[4], *list, *e;
	static const char *const keys[] = {"endorsement", "endorsementJwt"};
	size_t h, k, i, n = 0;

	holders[0] = v->cred;
	holders[1] = json_object_get(v->cred, "issuer");
	holders[2] = ach;
	holders[3] = json_object_get(ach, "creator");
	for (h = 0; h < NELEM(holders); h++) {
		if (!json_is_object(holders[h]))
			continue;
		for (k = 0; k < NELEM(keys); k++) {
			list =
			    v3__as_array(json_object_get(holders[h], keys[k]));
			json_array_foreach(list, i, e)
			{
				if (n >= MAX_ENDORSEMENTS)
					break;
				one_endorsement(v, e, ++n);
			}
			json_decref(list);
		}
	}
}

static void
run(struct v3 *v)
{
	vfy_add(v->r, "input", "What you gave", VFY_PASS, "%s",
	    v->jwt != NULL ? "A signed Open Badges 3.0 credential (VC-JWT)."
	                   : "An Open Badges 3.0 credential (JSON).");
	if (!check_type(v)) {
		fill_summary(v);
		return;
	}
	check_context(v);
	check_jsonld(v);
	check_schema(v);
	check_credential_schemas(v);
	check_subject(v);
	check_evidence(v);
	check_issuer(v);
	if (v->jwt != NULL)
		v3__check_jwt(v);
	else
		v3__check_proofs(v);
	v3__check_status(v);
	check_dates(v);
	check_recipient(v);
	fill_summary(v);
	if (!v->nested)
		check_endorsements(v);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* verify_text verifies JSON, JWS or (unless from_url) an https URL. */
static int
verify_text(const char *in, size_t len, const struct vfy_opts *o,
    struct vfy_report *r, bool from_url, unsigned *fetches, bool nested)
{
	struct v3 v;
	struct jws jws;
	json_t *doc = NULL, *owned = NULL;
	char why[300], jm[JWS_MSG_SIZE];

	memset(&v, 0, sizeof(v));
	memset(&jws, 0, sizeof(jws));
	v.o = o;
	v.r = r;
	v.fetches = fetches;
	v.nested = nested;
	while (len > 0 && is_space(*in)) {
		in++;
		len--;
	}
	while (len > 0 && is_space(in[len - 1]))
		len--;
	if (len == 0) {
		input_fail(r, "Nothing was given to check.%s", "");
		return 0;
	}
	if (len > VFY_MAX_INPUT) {
		input_fail(r, "This is too large to be a badge%s.", "");
		return 0;
	}
	if (!from_url && len > 8 && memcmp(in, "https://", 8) == 0) {
		struct buf body;
		char *url = xstrndup(in, len);
		int rc;

		buf_init(&body, NULL, VFY_MAX_DOC);
		rc = fetch(&v, url, &body, why, sizeof(why));
		free(url);
		if (rc != 0) {
			input_fail(
			    r, "The badge could not be downloaded: %s.", why);
			buf_free(&body);
			return 0;
		}
		rc = verify_text(
		    body.data, body.len, o, r, true, fetches, nested);
		buf_free(&body);
		return rc;
	}
	if (len > 7 && memcmp(in, "http://", 7) == 0) {
		input_fail(r, "%s",
		    "Badge addresses must use https:// so that what is "
		    "downloaded cannot be changed on the way.");
		return 0;
	}
	if (*in == '{') {
		doc = parse_json(in, len, why, sizeof(why));
		if (doc == NULL) {
			input_fail(
			    r, "This is not a readable credential: %s.", why);
			return 0;
		}
	} else {
		if (jws_parse(in, len, &jws, jm, sizeof(jm)) != 0) {
			input_fail(r,
			    "This is neither a credential (JSON) nor a "
			    "signed credential (JWT): %s.",
			    jm);
			return 0;
		}
		v.jwt = &jws;
		doc = parse_json(
		    jws.payload.data, jws.payload.len, why, sizeof(why));
		if (doc == NULL) {
			input_fail(r,
			    "The signed credential's content is not "
			    "readable: %s.",
			    why);
			jws_free(&jws);
			return 0;
		}
	}
	if (!json_is_object(doc)) {
		input_fail(r, "This is JSON, but not a credential%s.", "");
		json_decref(doc);
		jws_free(&jws);
		return 0;
	}
	if (v.jwt != NULL && json_is_object(json_object_get(doc, "vc"))) {
		v.jwt_claims = doc;
		v.cred = json_object_get(doc, "vc");
	} else if (v.jwt != NULL) {
		/* The whole payload is the credential plus the JWT claims,
		 * which are no part of the credential's vocabulary. */
		static const char *const claims[] = {
		    "iss", "sub", "jti", "nbf", "exp", "iat", "aud"};
		size_t i;

		v.jwt_claims = doc;
		owned = json_copy(doc);
		for (i = 0; i < NELEM(claims); i++)
			json_object_del(owned, claims[i]);
		v.cred = owned;
	} else {
		v.cred = doc;
	}
	r->version = 3;
	json_decref(r->document);
	r->document = json_incref(v.cred);
	run(&v);
	json_decref(owned);
	json_decref(doc);
	jws_free(&jws);
	return 0;
}

/*
 * ob3_verify verifies Open Badges 3.0 input (JSON, VC-JWT or an https URL)
 * into r, which the caller initialised and later frees with
 * vfy_report_free. Returns 0 whenever a report was produced, valid or
 * not; ERR_INVAL only for NULL arguments.
 */
int
ob3_verify(
    const char *in, size_t len, const struct vfy_opts *o, struct vfy_report *r)
{
	if (in == NULL || o == NULL || r == NULL)
		return ERR_INVAL;
	unsigned fetches = 0;

	return verify_text(in, len, o, r, false, &fetches, false);
}
