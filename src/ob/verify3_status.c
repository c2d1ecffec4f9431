/*
 * verify3_status.c: the Open Badges 3.0 verifier's credential status
 * check (verify3.c runs it): a 1EdTechRevocationList, or a Bitstring
 * Status List (BitstringStatusListEntry, and StatusList2021Entry read the
 * same way) for revocation or suspension.
 *
 * Each status entry, up to MAX_STATUS, adds one "status" check. A list
 * that cannot be fetched or read is a warning, not a failure: only an
 * incomplete entry or a list that marks the credential fails it. Lists
 * come only through v3__fetch_json; a decompressed bitstring is bounded
 * by MAX_STATUS_LIST and freed before the check returns.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/num.h"
#include "ob/b64.h"
#include "ob/verify.h"
#include "ob/verify3_int.h"

#include <zlib.h>

#define MAX_STATUS 4
#define MAX_STATUS_LIST ((size_t)16 << 20) /* decompressed bitstring */

/* ---- status ---- */

static void
status_1edtech(struct v3 *v, json_t *st)
{
	const char *url = v3__jstr(st, "id"), *cid = v3__jstr(v->cred, "id");
	json_t *doc = NULL, *list, *e;
	char why[300];
	size_t i;

	if (url == NULL) {
		vfy_add(v->r, "status", "Revocation", VFY_FAIL,
		    "The credential's revocation list has no address.");
		return;
	}
	if (v3__fetch_json(v, url, &doc, why, sizeof(why)) != 0) {
		vfy_add(v->r, "status", "Revocation", VFY_WARN,
		    "Whether the issuer has revoked this badge could not be "
		    "checked: %s.",
		    why);
		return;
	}
	list = json_object_get(doc, "revokedCredential");
	json_array_foreach(list, i, e)
	{
		json_t *rv = json_object_get(e, "revoked");

		if (cid != NULL && v3__jstr(e, "id") != NULL &&
		    strcmp(v3__jstr(e, "id"), cid) == 0 &&
		    (rv == NULL || json_is_true(rv))) {
			const char *why2 = v3__jstr(e, "revocationReason");

			vfy_add(v->r, "status", "Revocation", VFY_FAIL,
			    "The issuer has revoked this badge%s%.200s%s",
			    why2 ? " (reason: " : ".", why2 ? why2 : "",
			    why2 ? ")." : "");
			json_decref(doc);
			return;
		}
	}
	vfy_add(v->r, "status", "Revocation", VFY_PASS,
	    "The issuer has not revoked this badge.");
	json_decref(doc);
}

/* gunzip inflates a GZIP stream into out (bounded by out's max). */
static int
gunzip(const uint8_t *in, size_t n, struct buf *out)
{
	z_stream z;
	uint8_t tmp[16384];
	int zr = Z_OK, rc = 0, ni;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return ERR_INVAL;
	if (size_to_int(n, &ni) != 0) {
		inflateEnd(&z);
		return ERR_TOOBIG;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)ni;
	while (zr != Z_STREAM_END) {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END) {
			rc = ERR_INVAL;
			break;
		}
		buf_add(out, tmp, sizeof(tmp) - z.avail_out);
		if (buf_err(out) != 0) {
			rc = ERR_TOOBIG;
			break;
		}
		if (zr == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
			rc = ERR_INVAL; /* truncated */
			break;
		}
	}
	inflateEnd(&z);
	return rc;
}

/* bitstring_bit reads bit idx (MSB first) of the encodedList. Returns 0/1,
 * or a negative err with why. */
static int
bitstring_bit(const char *enc, uint64_t idx, char *why, size_t whysz)
{
	struct buf raw, bits;
	const char *p = enc;
	int rc;

	buf_init(&raw, NULL, VFY_MAX_DOC);
	buf_init(&bits, NULL, MAX_STATUS_LIST);
	if (*p == 'u')
		p++;
	rc = b64url_decode(p, strlen(p), &raw);
	if (rc != 0 && p != enc)
		rc = b64url_decode(enc, strlen(enc), &raw);
	if (rc != 0) {
		snprintf(why, whysz, "its encoded list is not base64url");
		goto out;
	}
	rc = gunzip((const uint8_t *)raw.data, raw.len, &bits);
	if (rc != 0) {
		snprintf(why, whysz,
		    "its encoded list is not a valid "
		    "compressed list");
		goto out;
	}
	if (idx / 8 >= bits.len) {
		snprintf(why, whysz,
		    "the credential's position (%llu) is "
		    "beyond the end of the list",
		    (unsigned long long)idx);
		rc = ERR_INVAL;
		goto out;
	}
	rc = ((uint8_t)bits.data[idx / 8] >> (7 - idx % 8)) & 1;
out:
	buf_free(&raw);
	buf_free(&bits);
	return rc;
}

static void
status_bitstring(struct v3 *v, json_t *st)
{
	const char *url = v3__jstr(st, "statusListCredential");
	const char *purpose = v3__jstr(st, "statusPurpose");
	json_t *ix = json_object_get(st, "statusListIndex"), *doc = NULL, *cs;
	const char *lp, *enc;
	char why[300];
	int64_t idx = -1;
	int bit;

	if (json_is_integer(ix))
		idx = json_integer_value(ix);
	else if (json_is_string(ix) &&
	    num_parse(json_string_value(ix), strlen(json_string_value(ix)), 0,
	        INT64_MAX, &idx) != 0)
		idx = -1;
	if (url == NULL || purpose == NULL || idx < 0) {
		vfy_add(v->r, "status", "Revocation", VFY_FAIL,
		    "The credential's status entry is incomplete (it needs "
		    "statusListCredential, statusPurpose and a "
		    "statusListIndex of 0 or more).");
		return;
	}
	if (strcmp(purpose, "revocation") != 0 &&
	    strcmp(purpose, "suspension") != 0) {
		vfy_add(v->r, "status", "Revocation", VFY_SKIP,
		    "The credential has a status of kind \"%.60s\", which does "
		    "not affect whether it is valid.",
		    purpose);
		return;
	}
	if (v3__fetch_json(v, url, &doc, why, sizeof(why)) != 0) {
		vfy_add(v->r, "status", "Revocation", VFY_WARN,
		    "Whether the issuer has %s this badge could not be "
		    "checked: %s.",
		    strcmp(purpose, "revocation") == 0 ? "revoked"
		                                       : "suspended",
		    why);
		return;
	}
	cs = json_object_get(doc, "credentialSubject");
	lp = v3__jstr(cs, "statusPurpose");
	enc = v3__jstr(cs, "encodedList");
	if (enc == NULL || (lp != NULL && strcmp(lp, purpose) != 0)) {
		vfy_add(v->r, "status", "Revocation", VFY_WARN,
		    "The issuer's status list at %.200s is not a %s list, so "
		    "the badge's status could not be checked.",
		    url, purpose);
		json_decref(doc);
		return;
	}
	bit = bitstring_bit(enc, (uint64_t)idx, why, sizeof(why));
	json_decref(doc);
	if (bit < 0)
		vfy_add(v->r, "status", "Revocation", VFY_WARN,
		    "The issuer's status list could not be read: %s.", why);
	else if (bit == 1)
		vfy_add(v->r, "status", "Revocation", VFY_FAIL,
		    "The issuer has %s this badge.",
		    strcmp(purpose, "revocation") == 0 ? "revoked"
		                                       : "suspended");
	else
		vfy_add(v->r, "status", "Revocation", VFY_PASS,
		    "The issuer has not %s this badge.",
		    strcmp(purpose, "revocation") == 0 ? "revoked"
		                                       : "suspended");
}

void
v3__check_status(struct v3 *v)
{
	json_t *list =
	    v3__as_array(json_object_get(v->cred, "credentialStatus"));
	json_t *st;
	size_t i;

	json_array_foreach(list, i, st)
	{
		const char *ty = v3__jstr(st, "type");

		if (i >= MAX_STATUS)
			break;
		if (ty != NULL && strcmp(ty, "1EdTechRevocationList") == 0)
			status_1edtech(v, st);
		else if (ty != NULL &&
		    (strcmp(ty, "BitstringStatusListEntry") == 0 ||
		        strcmp(ty, "StatusList2021Entry") == 0))
			status_bitstring(v, st);
		else
			vfy_add(v->r, "status", "Revocation", VFY_WARN,
			    "The credential's status uses a method Laurel "
			    "does not know (%.80s), so revocation was not "
			    "checked.",
			    ty != NULL ? ty : "no type");
	}
	json_decref(list);
}
