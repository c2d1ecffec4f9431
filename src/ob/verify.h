/*
 * verify.h: what the Open Badges verifiers share -- the per-check report,
 * the fetch callback through which they reach the network, and the entry
 * points for Open Badges 2.0 (verify2.c), 3.0 (verify3.c) and any input
 * (verify.c, which sniffs baked PNG/SVG, JSON, JWS and URLs).
 *
 * ob/ does no I/O: every URL a verifier needs goes through vfy_opts.fetch,
 * which the caller implements (libcurl with limits in domain/fetch.c, a
 * file map in the tests). A verifier never aborts on bad input: every
 * problem is a failed check with a plain-words message, and the report is
 * valid only when no check failed.
 *
 * Ownership: vfy_report owns the json_t references it holds; release them
 * with vfy_report_free (safe on a zeroed or already freed report).
 */
#ifndef LAUREL_OB_VERIFY_H
#define LAUREL_OB_VERIFY_H

#include "core/common.h"
#include "core/buf.h"
#include "ob/jsonld.h"

#include <jansson.h>

#define VFY_MAX_CHECKS 64
#define VFY_MSG 400
#define VFY_MAX_INPUT ((size_t)16 << 20) /* any input: image, JSON, JWS */
#define VFY_MAX_DOC ((size_t)2 << 20)    /* one fetched JSON document */
#define VFY_MAX_FETCHES 32               /* URLs fetched per verification */
#define VFY_JSON_DEPTH 64                /* nesting accepted in any JSON */

enum vfy_result {
	VFY_PASS = 0,
	VFY_WARN, /* passed, with something the holder should know */
	VFY_FAIL,
	VFY_SKIP, /* not applicable, or could not be run (said why) */
};

struct vfy_check {
	char name[40];  /* stable id: "structure", "signature", ... */
	char title[80]; /* a person's heading: "Signature" */
	enum vfy_result result;
	char msg[VFY_MSG]; /* plain words: what was found */
};

enum vfy_kind {
	VFY_KIND_UNKNOWN = 0,
	VFY_KIND_ASSERTION,  /* OB 2.0 Assertion */
	VFY_KIND_BADGECLASS, /* OB 2.0 BadgeClass given on its own */
	VFY_KIND_ISSUER,     /* OB 2.0 Profile given on its own */
	VFY_KIND_CREDENTIAL, /* OB 3.0 OpenBadgeCredential/AchievementCredential */
	VFY_KIND_ENDORSEMENT, /* OB 3.0 EndorsementCredential */
	VFY_KIND_OTHER,
};

/*
 * What was verified, for display and for the backpack. Strings are empty
 * when unknown; all are NUL-terminated and truncated to fit.
 */
struct vfy_summary {
	char id[512];         /* assertion / credential id (URL or urn) */
	char badge_name[256]; /* BadgeClass / Achievement name */
	char badge_id[512];
	char description[1024];
	char image[1024]; /* badge image URL ("" for data: URIs) */
	char issuer_name[256];
	char issuer_id[512];
	char issuer_url[512];
	char issued_on[40]; /* as given: ISO 8601 */
	char expires[40];
	char recipient[512]; /* the identity as given (may be a hash) */
	bool recipient_hashed;
	bool signed_; /* JWS or a proof, as opposed to hosted */
};

struct vfy_report {
	int version; /* 2 or 3; 0 when the input was not recognised */
	enum vfy_kind kind;
	bool valid; /* true iff no check is VFY_FAIL */
	size_t n;
	struct vfy_check checks[VFY_MAX_CHECKS];
	struct vfy_summary sum;
	json_t *document; /* the assertion / credential as read */
	json_t *badge;    /* OB 2.0: the BadgeClass, once resolved */
	json_t *issuer;   /* the issuer Profile, once resolved */
	char *baked;      /* the text a baked image carried, or NULL */
};

/*
 * A fetcher GETs url with "Accept: application/ld+json, application/json"
 * and returns 0 with the body in *body (which the caller has initialised,
 * max VFY_MAX_DOC) and the HTTP status in *status; or a negative err with
 * a plain-words reason in why ("the address is on a private network",
 * "timed out after 10 seconds", ...). final_url receives the URL after
 * redirects (may equal url); it has finalsz bytes.
 */
struct vfy_fetcher {
	int (*get)(void *ctx, const char *url, struct buf *body, long *status,
	    char *final_url, size_t finalsz, char *why, size_t whysz);
	void *ctx;
};

struct vfy_opts {
	const struct vfy_fetcher *fetch;      /* NULL: offline, fetches fail */
	const struct jsonld_loader *contexts; /* local JSON-LD contexts */
	/* JSON Schemas by $id (the OB 3.0 schemas, OB 2.0 extension schemas
	 * shipped with Laurel); a schema not found here may be fetched. */
	const struct jsonld_loader *schemas;
	int64_t now;       /* Unix seconds, for date checks */
	const char *email; /* recipient to check, or NULL */
};

/* vfy_add appends a check (silently drops past VFY_MAX_CHECKS) and keeps
 * r->valid in step. fmt is printf-like. */
void vfy_add(struct vfy_report *r, const char *name, const char *title,
    enum vfy_result res, const char *fmt, ...) PRINTF_LIKE(5, 6);

/* vfy_report_free drops the report's references; the report can be reused
 * after vfy_report_init. */
void vfy_report_init(struct vfy_report *r);
void vfy_report_free(struct vfy_report *r);

/* vfy_result_word: "passed", "warning", "failed", "not checked". */
const char *vfy_result_word(enum vfy_result r);

/* vfy_report_json returns a new JSON object describing r (for the API):
 * valid, version, kind, checks [{check, title, result, message}], summary,
 * and the document as read. */
json_t *vfy_report_json(const struct vfy_report *r);

/*
 * ob2_verify verifies Open Badges 2.0 input: JSON text of an Assertion (or
 * a BadgeClass or Profile on their own), a compact JWS, or an https URL of
 * one. Returns 0 when a report was produced (valid or not), or a negative
 * err only for a programming error. Never aborts on bad input.
 */
MUST_CHECK int ob2_verify(
    const char *in, size_t len, const struct vfy_opts *o, struct vfy_report *r);

/*
 * ob3_verify verifies Open Badges 3.0 input: JSON text of a credential with
 * an embedded Data Integrity proof, a VC-JWT compact JWS, or an https URL.
 * Same contract as ob2_verify.
 */
MUST_CHECK int ob3_verify(
    const char *in, size_t len, const struct vfy_opts *o, struct vfy_report *r);

/*
 * vfy_any sniffs in: a baked PNG (iTXt "openbadges" -> 2.0,
 * "openbadgecredential" -> 3.0), a baked SVG, JSON text (an OB 2.0
 * @context or a VC), a compact JWS (a "vc" claim or VC payload -> 3.0), or
 * an http(s) URL; and runs the right verifier. Unrecognised input gives a
 * report with one failed "input" check. Same contract as ob2_verify.
 */
MUST_CHECK int vfy_any(const uint8_t *in, size_t len, const struct vfy_opts *o,
    struct vfy_report *r);

#endif
