/*
 * fetch.h: fetching documents from other people's servers for the badge
 * verifier (libcurl), safely.
 *
 * Every request: GET only, "Accept: application/ld+json, application/json",
 * https only (plain http only to a loopback address when allow_loopback is
 * set, for tests), at most FETCH_MAX_REDIRECTS redirects, each checked
 * again, a connect and a whole-transfer timeout, a size cap, and no
 * connection to a private, link-local, multicast or reserved address (the
 * check is made on the address actually connected to, so DNS tricks do not
 * get round it). A fetcher also caps how many URLs one verification
 * fetches (VFY_MAX_FETCHES).
 *
 * Prefix maps rewrite URLs before fetching and back again after (the
 * verifier sees the original URLs): `laurel verify --fetch-map` uses them
 * to serve test fixtures' https://example.org/ from a local server.
 */
#ifndef LAUREL_FETCH_H
#define LAUREL_FETCH_H

#include "core/common.h"
#include "core/buf.h"
#include "ob/verify.h"

#define FETCH_MAX_REDIRECTS 3
#define FETCH_MAX_MAPS 8
#define FETCH_TIMEOUT_S 10L
#define FETCH_CONNECT_TIMEOUT_S 5L
#define FETCH_BUDGET_S 30L /* all the fetches of one verification */

struct fetch_map {
	const char *from; /* URL prefix as documents give it */
	const char *to;   /* where it is really fetched */
};

struct fetcher {
	bool allow_loopback;
	long timeout_s;   /* per document (fetcher_init: FETCH_TIMEOUT_S) */
	size_t max_bytes; /* per document (fetcher_init: VFY_MAX_DOC) */
	struct fetch_map maps[FETCH_MAX_MAPS];
	size_t nmaps;
	unsigned count;        /* fetches made so far */
	unsigned max_count;    /* fetcher_init: VFY_MAX_FETCHES */
	double started;        /* monotonic seconds at fetcher_init */
	long budget_s;         /* FETCH_BUDGET_S */
	struct vfy_fetcher vf; /* set by fetcher_init: hand &vf to vfy_* */
};

/* fetcher_init zeroes f, sets the defaults and f->vf. */
void fetcher_init(struct fetcher *f, bool allow_loopback);

/*
 * fetcher_add_map adds a prefix rewrite ("FROM=TO" split by the caller);
 * the strings must outlive f. Returns 0, or ERR_TOOBIG past FETCH_MAX_MAPS.
 */
MUST_CHECK int fetcher_add_map(
    struct fetcher *f, const char *from, const char *to);

/*
 * fetch_get is the vfy_fetcher callback (ctx is a struct fetcher): see
 * ob/verify.h. Returns 0 for any HTTP response (the status says which);
 * ERR_FORBIDDEN for a refused URL or address, ERR_TOOBIG for a size or
 * count limit, ERR_IO for network failures -- each with a plain reason.
 */
MUST_CHECK int fetch_get(void *ctx, const char *url, struct buf *body,
    long *status, char *final_url, size_t finalsz, char *why, size_t whysz);

/* fetch_addr_is_public: may Laurel connect to this address? (Exposed for
 * the tests.) sa is a struct sockaddr_in or sockaddr_in6. */
bool fetch_addr_is_public(const void *sa, bool allow_loopback);

#endif
