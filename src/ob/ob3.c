/*
 * ob3.c: Open Badges 3.0 documents (ob3.h).
 *
 * Values are built with jansson objects, whose keys keep insertion order
 * when dumped with JSON_PRESERVE_ORDER; the builders insert in a fixed
 * order. Bitstring status lists are gzip'ed with zlib.
 */
#include <zlib.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "ob/b64.h"
#include "ob/ob2.h"
#include "ob/jput.h"
#include "ob/ob3.h"

const char *
ob3_issuer_url(struct arena *a, const char *base, const char *id)
{
	return arena_printf(a, "%s/ob/v3/issuers/%s", base, id);
}

const char *
ob3_credential_url(struct arena *a, const char *base, const char *award_id)
{
	return arena_printf(a, "%s/ob/v3/credentials/%s", base, award_id);
}

const char *
ob3_jwt_url(struct arena *a, const char *base, const char *award_id)
{
	return arena_printf(a, "%s/ob/v3/credentials/%s.jwt", base, award_id);
}

const char *
ob3_achievement_url(
    struct arena *a, const char *base, const char *badge_id, int64_t version)
{
	return arena_printf(a, "%s/ob/v3/achievements/%s/versions/%lld", base,
	    badge_id, (long long)version);
}

const char *
ob3_status_url(struct arena *a, const char *base, const char *issuer_id,
    const char *purpose)
{
	return arena_printf(
	    a, "%s/ob/v3/status/%s/%s", base, issuer_id, purpose);
}

void
ob3_time(int64_t t, char out[32])
{
	clock_format(t, out, 32);
}

/* ---- building ---------------------------------------------------------- */

#define SEC "https://w3id.org/security#"

/* strs is a JSON array of the given strings. */
static json_t *
strs(int n, ...)
{
	json_t *arr = json_array();
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		json_array_append_new(
		    arr, json_string(va_arg(ap, const char *)));
	va_end(ap);
	return arr;
}

/* profile_fields adds the Profile's members to o. */
static void
profile_fields(json_t *o, const struct ob3_profile *in)
{
	jput_str(o, "id", in->id);
	json_object_set_new(o, "type", strs(1, "Profile"));
	jput_opt(o, "name", in->name);
	jput_opt(o, "url", in->url);
	jput_opt(o, "email", in->email);
	jput_opt(o, "description", in->description);
}

json_t *
ob3_profile_json(const struct ob3_profile *in)
{
	json_t *o;

	if (!jput_set(in->id))
		return NULL;
	o = json_object();
	profile_fields(o, in);
	return o;
}

/*
 * key_terms: the terms of a controller document that no embedded context
 * defines at the top level (W3C Controlled Identifiers 1.0 vocabulary),
 * so that the issuer document is valid JSON-LD even in safe mode.
 */
static json_t *
key_terms(void)
{
	json_t *c = json_object();

	json_object_set_new(c, "verificationMethod",
	    json_pack(
	        "{s:s, s:s}", "@id", SEC "verificationMethod", "@type", "@id"));
	json_object_set_new(c, "assertionMethod",
	    json_pack("{s:s, s:s, s:s}", "@id", SEC "assertionMethod", "@type",
	        "@id", "@container", "@set"));
	json_object_set_new(c, "controller",
	    json_pack("{s:s, s:s}", "@id", SEC "controller", "@type", "@id"));
	json_object_set_new(c, "JsonWebKey", json_string(SEC "JsonWebKey"));
	json_object_set_new(c, "publicKeyJwk",
	    json_pack(
	        "{s:s, s:s}", "@id", SEC "publicKeyJwk", "@type", "@json"));
	return c;
}

json_t *
ob3_issuer_doc(
    const struct ob3_profile *in, const struct ob3_key *keys, size_t nkeys)
{
	json_t *o, *vms, *am, *ctx;

	if (!jput_set(in->id))
		return NULL;
	o = json_object();
	ctx = strs(3, OB3_CONTEXT_VC, OB3_CONTEXT, OB3_CONTEXT_MULTIKEY);
	json_array_append_new(ctx, key_terms());
	json_object_set_new(o, "@context", ctx);
	profile_fields(o, in);
	vms = json_array();
	am = json_array();
	for (size_t i = 0; i < nkeys; i++) {
		json_t *vm = json_object();

		jput_str(vm, "id", keys[i].vm_id);
		if (keys[i].multibase != NULL) {
			jput_str(vm, "type", "Multikey");
			jput_str(vm, "controller", in->id);
			jput_str(vm, "publicKeyMultibase", keys[i].multibase);
		} else {
			json_t *jwk = json_object();

			jput_str(vm, "type", "JsonWebKey");
			jput_str(vm, "controller", in->id);
			jput_str(jwk, "kty", "RSA");
			jput_str(jwk, "n", keys[i].jwk_n);
			jput_str(jwk, "e", keys[i].jwk_e);
			jput_str(jwk, "alg", "RS256");
			jput_str(jwk, "kid", keys[i].vm_id);
			json_object_set_new(vm, "publicKeyJwk", jwk);
		}
		json_array_append_new(vms, vm);
		json_array_append_new(am, json_string(keys[i].vm_id));
	}
	if (nkeys > 0) {
		json_object_set_new(o, "verificationMethod", vms);
		json_object_set_new(o, "assertionMethod", am);
	} else {
		json_decref(vms);
		json_decref(am);
	}
	return o;
}

/* narrative is the criteria items as a markdown list (heap), or NULL. */
static char *
narrative(const char *const *items, size_t n)
{
	size_t len = 0;
	char *nar, *p;

	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		len += strlen(items[i]) + 3;
	nar = xmalloc(len + 1);
	p = nar;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(items[i]);

		memcpy(p, "- ", 2);
		memcpy(p + 2, items[i], l);
		p += l + 2;
		if (i + 1 < n)
			*p++ = '\n';
	}
	*p = '\0';
	return nar;
}

static json_t *
achievement(const struct ob3_achievement *in)
{
	json_t *o = json_object(), *crit, *arr;
	char *nar;

	jput_str(o, "id", in->id);
	json_object_set_new(o, "type", strs(1, "Achievement"));
	jput_opt(o, "achievementType", in->achievement_type);
	jput_str(o, "name", in->name);
	jput_str(o, "description", in->description);
	crit = json_object();
	jput_opt(crit, "id", in->criteria_url);
	if ((nar = narrative(in->criteria, in->ncriteria)) != NULL) {
		jput_str(crit, "narrative", nar);
		free(nar);
	}
	json_object_set_new(o, "criteria", crit);
	if (jput_set(in->image)) {
		json_t *img = json_object();

		jput_str(img, "id", in->image);
		jput_str(img, "type", "Image");
		json_object_set_new(o, "image", img);
	}
	arr = json_array();
	for (size_t i = 0; i < in->nalignments; i++) {
		const struct ob3_alignment *al = &in->alignments[i];
		json_t *x;

		if (!jput_set(al->name) || !jput_set(al->url))
			continue;
		x = json_object();
		json_object_set_new(x, "type", strs(1, "Alignment"));
		jput_str(x, "targetName", al->name);
		jput_str(x, "targetUrl", al->url);
		jput_opt(x, "targetDescription", al->description);
		jput_opt(x, "targetFramework", al->framework);
		jput_opt(x, "targetCode", al->code);
		json_array_append_new(arr, x);
	}
	if (json_array_size(arr) > 0)
		json_object_set_new(o, "alignment", arr);
	else
		json_decref(arr);
	if (in->ntags > 0) {
		arr = json_array();
		for (size_t i = 0; i < in->ntags; i++)
			json_array_append_new(arr, json_string(in->tags[i]));
		json_object_set_new(o, "tag", arr);
	}
	return o;
}

json_t *
ob3_achievement_json(
    const struct ob3_achievement *in, const struct ob3_profile *creator)
{
	json_t *o, *doc;

	if (!jput_set(in->id))
		return NULL;
	doc = json_object();
	json_object_set_new(
	    doc, "@context", strs(2, OB3_CONTEXT_VC, OB3_CONTEXT));
	o = achievement(in);
	json_object_update(doc, o);
	json_decref(o);
	if (creator != NULL && jput_set(creator->id))
		json_object_set_new(doc, "creator", ob3_profile_json(creator));
	return doc;
}

json_t *
ob3_credential_json(const struct ob3_credential *in)
{
	json_t *o, *subj, *ident, *x, *issuer;
	char hash[72];

	if (!jput_set(in->id) || in->issuer == NULL || !jput_set(in->email) ||
	    !jput_set(in->salt) || !jput_set(in->achievement.id))
		return NULL;
	if ((issuer = ob3_profile_json(in->issuer)) == NULL)
		return NULL;
	o = json_object();
	json_object_set_new(o, "@context",
	    strs(3, OB3_CONTEXT_VC, OB3_CONTEXT, OB3_CONTEXT_EXT));
	jput_str(o, "id", in->id);
	json_object_set_new(
	    o, "type", strs(2, "VerifiableCredential", "OpenBadgeCredential"));
	json_object_set_new(o, "issuer", issuer);
	jput_time(o, "validFrom", in->valid_from);
	if (in->valid_until != 0)
		jput_time(o, "validUntil", in->valid_until);
	jput_opt(o, "name", in->name);
	subj = json_object();
	jput_opt(subj, "id", in->subject);
	json_object_set_new(subj, "type", strs(1, "AchievementSubject"));
	ob2_identity_hash(in->email, in->salt, hash);
	x = json_object();
	jput_str(x, "type", "IdentityObject");
	jput_str(x, "identityHash", hash);
	jput_str(x, "identityType", "emailAddress");
	json_object_set_new(x, "hashed", json_true());
	jput_str(x, "salt", in->salt);
	ident = json_array();
	json_array_append_new(ident, x);
	json_object_set_new(subj, "identifier", ident);
	json_object_set_new(subj, "achievement", achievement(&in->achievement));
	json_object_set_new(o, "credentialSubject", subj);
	if (jput_set(in->evidence_narrative)) {
		json_t *ev = json_object(), *arr = json_array();

		jput_opt(ev, "id", in->evidence_url);
		json_object_set_new(ev, "type", strs(1, "Evidence"));
		jput_str(ev, "narrative", in->evidence_narrative);
		json_array_append_new(arr, ev);
		json_object_set_new(o, "evidence", arr);
	}
	if (jput_set(in->status_url)) {
		x = json_object();
		jput_str(x, "id", in->status_url);
		jput_str(x, "type", "1EdTechRevocationList");
		json_object_set_new(o, "credentialStatus", x);
	}
	x = json_object();
	jput_str(x, "id", OB3_SCHEMA);
	jput_str(x, "type", OB3_SCHEMA_TYPE);
	ident = json_array();
	json_array_append_new(ident, x);
	json_object_set_new(o, "credentialSchema", ident);
	return o;
}

json_t *
ob3_jwt_payload(const json_t *cred, int64_t nbf, int64_t exp)
{
	json_t *o, *iss, *sub;
	const char *s;

	if (!json_is_object(cred))
		return NULL;
	o = json_deep_copy(cred);
	if (o == NULL)
		return NULL;
	json_object_del(o, "proof");
	iss = json_object_get(o, "issuer");
	s = json_is_string(iss) ? json_string_value(iss)
	                        : json_string_value(json_object_get(iss, "id"));
	if (s != NULL)
		json_object_set_new(o, "iss", json_string(s));
	sub = json_object_get(json_object_get(o, "credentialSubject"), "id");
	if (json_is_string(sub))
		json_object_set(o, "sub", sub);
	if ((s = json_string_value(json_object_get(o, "id"))) != NULL)
		json_object_set_new(o, "jti", json_string(s));
	json_object_set_new(o, "nbf", json_integer(nbf));
	if (exp != 0)
		json_object_set_new(o, "exp", json_integer(exp));
	return o;
}

json_t *
ob3_revocation_list_json(const char *id, const char *issuer,
    const struct ob3_revoked *list, size_t n)
{
	json_t *o = json_object(), *arr = json_array();

	jput_str(o, "id", id);
	jput_str(o, "type", "1EdTechRevocationList");
	jput_str(o, "issuer", issuer);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_object();

		jput_str(x, "id", list[i].id);
		json_object_set_new(x, "revoked", json_true());
		jput_opt(x, "revocationReason", list[i].reason);
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "revokedCredential", arr);
	return o;
}

json_t *
ob3_status_list_credential(const char *id, const char *issuer,
    const char *purpose, const char *encoded, int64_t valid_from)
{
	json_t *o = json_object(), *subj = json_object();
	char sid[1024];
	int n;

	json_object_set_new(o, "@context", strs(1, OB3_CONTEXT_VC));
	jput_str(o, "id", id);
	json_object_set_new(o, "type",
	    strs(2, "VerifiableCredential", "BitstringStatusListCredential"));
	jput_str(o, "issuer", issuer);
	jput_time(o, "validFrom", valid_from);
	n = snprintf(sid, sizeof(sid), "%s#list", id);
	if (n > 0 && (size_t)n < sizeof(sid))
		jput_str(subj, "id", sid);
	jput_str(subj, "type", "BitstringStatusList");
	jput_str(subj, "statusPurpose", purpose);
	jput_str(subj, "encodedList", encoded);
	json_object_set_new(o, "credentialSubject", subj);
	return o;
}

/* ---- bitstring status lists ---------------------------------------------- */

int
ob3_status_list_encode(
    const int64_t *idx, size_t n, size_t nbits, struct buf *out)
{
	uint8_t *bits = NULL, *z = NULL;
	size_t nbytes = nbits / 8;
	uLong zcap;
	z_stream s;
	int rc = ERR_INVAL, zrc;

	if (nbits < OB3_STATUS_BITS || nbits % 8 != 0 ||
	    nbytes > OB3_STATUS_MAX_BYTES)
		return ERR_INVAL;
	bits = xcalloc(nbytes, 1);
	for (size_t i = 0; i < n; i++) {
		if (idx[i] < 0 || (uint64_t)idx[i] >= nbits)
			goto out;
		bits[idx[i] / 8] |= (uint8_t)(0x80u >> (idx[i] % 8));
	}
	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	        Z_DEFAULT_STRATEGY) != Z_OK)
		goto out;
	zcap = deflateBound(&s, (uLong)nbytes) + 32;
	z = xmalloc(zcap);
	s.next_in = bits;
	s.avail_in = (uInt)nbytes;
	s.next_out = z;
	s.avail_out = (uInt)zcap;
	zrc = deflate(&s, Z_FINISH);
	if (zrc == Z_STREAM_END) {
		buf_addc(out, 'u');
		b64url_encode(z, s.total_out, out);
		rc = buf_err(out) ? ERR_TOOBIG : 0;
	}
	deflateEnd(&s);
out:
	free(bits);
	free(z);
	return rc;
}

int
ob3_status_list_decode(const char *s, size_t len, struct buf *bits)
{
	struct buf raw;
	z_stream z;
	uint8_t chunk[16384];
	int rc = ERR_INVAL, zrc;

	buf_reset(bits);
	if (len < 2 || s[0] != 'u')
		return ERR_INVAL;
	buf_init(&raw, NULL, OB3_STATUS_MAX_BYTES);
	if (b64url_decode(s + 1, len - 1, &raw) != 0) {
		buf_free(&raw);
		return ERR_INVAL;
	}
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		buf_free(&raw);
		return ERR_INVAL;
	}
	z.next_in = (Bytef *)raw.data;
	z.avail_in = (uInt)raw.len;
	for (;;) {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zrc = inflate(&z, Z_NO_FLUSH);
		if (zrc != Z_OK && zrc != Z_STREAM_END)
			break;
		buf_add(bits, chunk, sizeof(chunk) - z.avail_out);
		if (buf_err(bits) || bits->len > OB3_STATUS_MAX_BYTES) {
			rc = ERR_TOOBIG;
			break;
		}
		if (zrc == Z_STREAM_END) {
			rc = 0;
			break;
		}
		if (z.avail_in == 0)
			break; /* truncated */
	}
	inflateEnd(&z);
	buf_free(&raw);
	return rc;
}

bool
ob3_status_bit(const struct buf *bits, int64_t i)
{
	if (i < 0 || (uint64_t)i / 8 >= bits->len)
		return false;
	return (((const uint8_t *)bits->data)[i / 8] & (0x80u >> (i % 8))) != 0;
}
