/*
 * ob2.h: Open Badges 2.0 documents (REQUIREMENTS.md §1): pure builders, no
 * I/O. Each returns the compact JSON text (keys in a fixed order, so the
 * same input always gives the same bytes) with
 * "@context": "https://w3id.org/openbadges/v2", allocated in the caller's
 * arena, or NULL when the arena is full.
 *
 * Every id is the stable https URL the document is served at (the caller
 * builds them from cfg->base_url with the ob2_*_url helpers).
 *
 * The recipient: an email IdentityObject, hashed:
 * "sha256$" + hex(SHA-256(lowercased address || salt)). The salt is per
 * award and is not stored: ob2_salt derives it from the server secret and
 * the award id (HMAC-SHA256, first 16 bytes in hex), so it is stable for as
 * long as the secret is, unguessable without it, and published in the
 * assertion as the standard requires.
 */
#ifndef LAUREL_OB_OB2_H
#define LAUREL_OB_OB2_H

#include "core/common.h"

struct arena;

#define OB2_CONTEXT "https://w3id.org/openbadges/v2"
#define OB2_SALT_LEN 32 /* hex digits */

/* Stable addresses under base (no trailing slash). */
const char *ob2_issuer_url(struct arena *a, const char *base, const char *id);
const char *ob2_badge_url(
    struct arena *a, const char *base, const char *id, int64_t version);
const char *ob2_assertion_url(
    struct arena *a, const char *base, const char *award_id);
const char *ob2_revocations_url(
    struct arena *a, const char *base, const char *issuer_id);
/* A CryptographicKey's address: base "/ob/v2/keys/" key_id. */
const char *ob2_key_url(struct arena *a, const char *base, const char *key_id);

/* ob2_salt writes the award's salt (OB2_SALT_LEN hex digits and a NUL). */
void ob2_salt(const uint8_t *key, size_t keylen, const char *award_id,
    char out[OB2_SALT_LEN + 1]);

/* ob2_identity_hash writes "sha256$" + 64 lowercase hex digits and a NUL
 * for email (ASCII-lowercased) followed by salt. */
void ob2_identity_hash(const char *email, const char *salt, char out[72]);

struct ob2_issuer {
	const char *id; /* ob2_issuer_url */
	const char *name;
	const char *url; /* the issuer's web site */
	const char *email;
	const char *description;        /* "" or NULL: left out */
	const char *image;              /* "" or NULL: left out */
	const char *revocation_list;    /* ob2_revocations_url */
	const char *const *public_keys; /* ob2_key_url of each published key */
	size_t npublic_keys;
};

/* An Issuer Profile (type "Issuer"); publicKey, the array of the key
 * URLs, is left out when there are none. */
const char *ob2_issuer_json(struct arena *a, const struct ob2_issuer *in);

struct ob2_alignment {
	const char *name; /* targetName (required) */
	const char *url;  /* targetUrl (required) */
	const char *description;
	const char *framework;
	const char *code;
};

struct ob2_badge {
	const char *id; /* ob2_badge_url */
	const char *name;
	const char *description;
	const char *image;           /* absolute URL */
	const char *criteria_url;    /* the badge's page */
	const char *const *criteria; /* narrative items, markdown list */
	size_t ncriteria;
	const char *issuer; /* ob2_issuer_url */
	const char *const *tags;
	size_t ntags;
	const struct ob2_alignment *alignments;
	size_t nalignments;
};

/*
 * A BadgeClass. criteria is a Criteria object: {id: criteria_url,
 * narrative: the items as a markdown list} (narrative left out when there
 * are none). Alignments lacking a name or URL are left out (both are
 * required by the standard).
 */
const char *ob2_badge_json(struct arena *a, const struct ob2_badge *in);

struct ob2_assertion {
	const char *id;    /* ob2_assertion_url */
	const char *badge; /* ob2_badge_url of the version awarded */
	const char *email; /* awards.recipient_email */
	const char *salt;  /* ob2_salt */
	int64_t issued_at;
	int64_t expires_at;    /* 0: left out */
	const char *image;     /* the baked image's URL, or NULL */
	const char *evidence;  /* the award page's URL, or NULL */
	const char *narrative; /* evidence narrative, or NULL */
	const char *creator;   /* signed: the key's URL; NULL: hosted */
};

/*
 * A hosted Assertion (verification {type: "hosted"}), or signed with
 * verification {type: "SignedBadge", creator} when creator is set. evidence is
 * an Evidence object {id, narrative} when a narrative is given, else the
 * URL.
 */
const char *ob2_assertion_json(struct arena *a, const struct ob2_assertion *in);

/* The body of a revoked assertion: {@context, id, revoked: true,
 * revocationReason} (reason left out when NULL or ""). */
const char *ob2_revoked_json(
    struct arena *a, const char *id, const char *reason);

struct ob2_revoked {
	const char *id;     /* assertion URL */
	const char *reason; /* "" or NULL: the bare id string */
};

/* A RevocationList {id, type, issuer, revokedAssertions}. */
const char *ob2_revocation_list_json(struct arena *a, const char *id,
    const char *issuer, const struct ob2_revoked *list, size_t n);

/* A CryptographicKey {id, type, owner, publicKeyPem}, with revoked (the
 * DateTime it was retired) when revoked_at is not 0. */
const char *ob2_key_json(struct arena *a, const char *id, const char *owner,
    const char *pem, int64_t revoked_at);

#endif
