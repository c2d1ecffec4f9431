/*
 * ob3.h: Open Badges 3.0 documents (REQUIREMENTS.md §4, §5, §7): pure
 * builders, no I/O. Each returns a new jansson value (the caller owns it:
 * json_decref), keys in a fixed order so the same input always gives the
 * same bytes, or NULL when an input is missing. Signing is done elsewhere
 * (ob/di.h for the embedded proof, ob/jws.h for the VC-JWT).
 *
 * Every id is the stable https URL the document is served at (the caller
 * builds them from cfg->base_url with the ob3_*_url helpers). Arrays are
 * always arrays (type, proof, credentialSchema, identifier), as the
 * canonical JSON schema requires; empty arrays and NULL/"" strings are left
 * out (OB 3.0 App. A).
 *
 * The recipient is the OB 2.0 one (ob2.h): an email address, hashed with
 * the per-award salt, as an IdentityObject in credentialSubject.identifier.
 */
#ifndef LAUREL_OB_OB3_H
#define LAUREL_OB_OB3_H

#include "core/common.h"
#include "core/buf.h"

#include <jansson.h>

struct arena;

#define OB3_CONTEXT_VC "https://www.w3.org/ns/credentials/v2"
#define OB3_CONTEXT "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#define OB3_CONTEXT_EXT                                                        \
	"https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
#define OB3_CONTEXT_MULTIKEY "https://w3id.org/security/multikey/v1"
#define OB3_SCHEMA                                                             \
	"https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"                 \
	"ob_v3p0_achievementcredential_schema.json"
#define OB3_SCHEMA_TYPE "1EdTechJsonSchemaValidator2019"

/* Bitstring Status List: the minimum (and Laurel's) list size in bits. */
#define OB3_STATUS_BITS 131072
/* The largest decoded list ob3_status_list_decode accepts (bytes). */
#define OB3_STATUS_MAX_BYTES ((size_t)1 << 21)

/* Stable addresses under base (no trailing slash); NULL if a is full. */
const char *ob3_issuer_url(struct arena *a, const char *base, const char *id);
const char *ob3_credential_url(
    struct arena *a, const char *base, const char *award_id);
const char *ob3_jwt_url(
    struct arena *a, const char *base, const char *award_id);
const char *ob3_achievement_url(
    struct arena *a, const char *base, const char *badge_id, int64_t version);
/* purpose: "revocation-list" (1EdTechRevocationList), "revocation" or
 * "suspension" (BitstringStatusListCredential). */
const char *ob3_status_url(struct arena *a, const char *base,
    const char *issuer_id, const char *purpose);

struct ob3_profile {
	const char *id; /* ob3_issuer_url */
	const char *name;
	const char *url; /* the issuer's web site */
	const char *email;
	const char *description;
};

/* A Profile object {id, type ["Profile"], name, url, email,
 * description}. */
json_t *ob3_profile_json(const struct ob3_profile *in);

/* A published key of an issuer for ob3_issuer_doc. */
struct ob3_key {
	const char *vm_id; /* profile id "#" fragment */
	/* Ed25519: the "z6Mk..." multikey; NULL for an RSA key. */
	const char *multibase;
	/* RSA: the JWK members, base64url (NULL for Ed25519). */
	const char *jwk_n;
	const char *jwk_e;
};

/*
 * The issuer document served at the profile's id: the Profile with
 * @context [VC 2.0, OB 3.0.3, Multikey, an inline context defining the
 * key terms no embedded context has], verificationMethod (Multikey with
 * publicKeyMultibase for an Ed25519 key, JsonWebKey with publicKeyJwk
 * {kty RSA, n, e, alg RS256, kid = vm_id} for an RSA key; controller the
 * profile id) and assertionMethod listing every key's vm_id, current and
 * retired alike, so credentials signed before a rotation still verify.
 */
json_t *ob3_issuer_doc(
    const struct ob3_profile *in, const struct ob3_key *keys, size_t nkeys);

struct ob3_alignment {
	const char *name; /* targetName (required) */
	const char *url;  /* targetUrl (required) */
	const char *description;
	const char *framework;
	const char *code;
};

struct ob3_achievement {
	const char *id; /* ob3_achievement_url */
	const char *name;
	const char *description;
	const char *criteria_url;    /* the badge's page */
	const char *const *criteria; /* narrative items, markdown list */
	size_t ncriteria;
	const char *image; /* absolute URL, or NULL */
	const char *const *tags;
	size_t ntags;
	const struct ob3_alignment *alignments;
	size_t nalignments;
	const char *achievement_type; /* NULL: left out */
};

struct ob3_credential {
	const char *id; /* ob3_credential_url */
	const struct ob3_profile *issuer;
	const char *name;    /* the badge's name */
	int64_t valid_from;  /* the award time */
	int64_t valid_until; /* 0: left out */
	const char *subject; /* credentialSubject.id, or NULL */
	const char *email;   /* awards.recipient_email */
	const char *salt;    /* ob2_salt */
	struct ob3_achievement achievement;
	const char *evidence_url;       /* with a narrative: Evidence */
	const char *evidence_narrative; /* NULL: no evidence */
	const char *status_url; /* 1EdTechRevocationList address, or NULL */
};

/*
 * The Achievement at its own address (ob3_achievement_url), for anyone
 * who dereferences a credential's achievement id: @context [VC 2.0,
 * OB 3.0.3] and the same members as in the credential, plus creator (the
 * issuer's Profile). NULL if in has no id.
 */
json_t *ob3_achievement_json(
    const struct ob3_achievement *in, const struct ob3_profile *creator);

/*
 * An OpenBadgeCredential without proof: @context [VC 2.0, OB 3.0.3,
 * extensions (for the status and schema types)], id, type
 * ["VerifiableCredential", "OpenBadgeCredential"], issuer (Profile),
 * validFrom, validUntil, name, credentialSubject {id, type
 * ["AchievementSubject"], identifier [IdentityObject], achievement},
 * evidence, credentialStatus {id, type "1EdTechRevocationList"} (a single
 * object: the canonical schema allows no array) and credentialSchema.
 */
json_t *ob3_credential_json(const struct ob3_credential *in);

/*
 * ob3_jwt_payload returns the VC-JWT claims set for the credential cred
 * (OB 3.0 §8, VCDM 2.0 style: the credential itself is the payload, its
 * "proof" removed) with iss = issuer.id, jti = id, sub =
 * credentialSubject.id (left out when the subject has none), nbf = nbf and
 * exp = exp when exp is not 0.
 */
json_t *ob3_jwt_payload(const json_t *cred, int64_t nbf, int64_t exp);

struct ob3_revoked {
	const char *id;     /* the credential's id */
	const char *reason; /* "" or NULL: left out */
};

/*
 * A 1EdTech Revocation List {id, type "1EdTechRevocationList", issuer,
 * revokedCredential [{id, revoked: true, revocationReason}]} (the shape
 * the 1EdTech validator reads; REQUIREMENTS.md §7).
 */
json_t *ob3_revocation_list_json(const char *id, const char *issuer,
    const struct ob3_revoked *list, size_t n);

/*
 * ob3_status_list_encode appends the encodedList of a Bitstring Status
 * List of nbits bits (a multiple of 8, at least OB3_STATUS_BITS) with the
 * bits at idx[0..n) set (bit i is bit 7 - i % 8 of byte i / 8, MSB
 * first): "u" + base64url(GZIP(bits)). Returns 0, ERR_INVAL (an index
 * out of range, a bad size) or ERR_TOOBIG.
 */
MUST_CHECK int ob3_status_list_encode(
    const int64_t *idx, size_t n, size_t nbits, struct buf *out);

/*
 * ob3_status_list_decode decodes an encodedList s[0..len) into bits
 * (replacing its contents). The inflated list may be at most
 * OB3_STATUS_MAX_BYTES. Returns 0 or ERR_INVAL/ERR_TOOBIG.
 */
MUST_CHECK int ob3_status_list_decode(
    const char *s, size_t len, struct buf *bits);

/* ob3_status_bit says whether bit i of a decoded list is set. */
bool ob3_status_bit(const struct buf *bits, int64_t i);

/*
 * A BitstringStatusListCredential without proof: @context [VC 2.0], id,
 * type, issuer (the profile id), validFrom, credentialSubject {id (id
 * "#list"), type "BitstringStatusList", statusPurpose, encodedList}.
 */
json_t *ob3_status_list_credential(const char *id, const char *issuer,
    const char *purpose, const char *encoded, int64_t valid_from);

/* ob3_time writes t as an XSD dateTime "2026-11-23T12:00:00Z". */
void ob3_time(int64_t t, char out[32]);

#endif
