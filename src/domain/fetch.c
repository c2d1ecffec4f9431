/*
 * fetch.c: libcurl GETs for the verifier, with the limits in fetch.h.
 *
 * Redirects are followed here, one hop at a time, so that every hop's
 * scheme and host are checked and the count is ours. The address check
 * runs in CURLOPT_OPENSOCKETFUNCTION, on the address curl is about to
 * connect to. One curl easy handle per hop; nothing is shared between
 * threads except curl's global state, initialised once.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/fetch.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <curl/curl.h>

static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;
static CURLcode fetch_init_rc = CURLE_FAILED_INIT;

static void
fetch_init_once(void)
{
	fetch_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
fetcher_init(struct fetcher *f, bool allow_loopback)
{
	memset(f, 0, sizeof(*f));
	f->allow_loopback = allow_loopback;
	f->timeout_s = FETCH_TIMEOUT_S;
	f->max_bytes = VFY_MAX_DOC;
	f->max_count = VFY_MAX_FETCHES;
	f->budget_s = FETCH_BUDGET_S;
	f->started = mono_now();
	f->vf.get = fetch_get;
	f->vf.ctx = f;
}

int
fetcher_add_map(struct fetcher *f, const char *from, const char *to)
{
	if (f->nmaps >= FETCH_MAX_MAPS)
		return ERR_TOOBIG;
	f->maps[f->nmaps].from = from;
	f->maps[f->nmaps].to = to;
	f->nmaps++;
	return 0;
}

static bool
v4_is_public(uint32_t a, bool allow_loopback)
{
	if ((a >> 24) == 127)
		return allow_loopback;
	if ((a >> 24) == 0 || (a >> 24) == 10 || (a >> 28) >= 14)
		return false; /* this network, private, multicast, reserved */
	if ((a & 0xffc00000u) == 0x64400000u) /* 100.64/10 shared */
		return false;
	if ((a & 0xffff0000u) == 0xa9fe0000u) /* 169.254/16 link-local */
		return false;
	if ((a & 0xfff00000u) == 0xac100000u) /* 172.16/12 */
		return false;
	if ((a & 0xffff0000u) == 0xc0a80000u) /* 192.168/16 */
		return false;
	if ((a & 0xffffff00u) == 0xc0000000u) /* 192.0.0/24 */
		return false;
	if ((a & 0xfffe0000u) == 0xc6120000u) /* 198.18/15 benchmarking */
		return false;
	return true;
}

bool
fetch_addr_is_public(const void *sa, bool allow_loopback)
{
	const struct sockaddr *s = sa;

	if (s->sa_family == AF_INET) {
		const struct sockaddr_in *in = sa;

		return v4_is_public(ntohl(in->sin_addr.s_addr), allow_loopback);
	}
	if (s->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = sa;
		const uint8_t *b = in6->sin6_addr.s6_addr;
		static const uint8_t mapped[12] = {
		    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		static const uint8_t zero[15] = {0};

		if (memcmp(b, mapped, 12) == 0)
			return v4_is_public((uint32_t)b[12] << 24 |
			        (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 |
			        b[15],
			    allow_loopback);
		if (memcmp(b, zero, 15) == 0) /* :: and ::1 */
			return b[15] == 1 && allow_loopback;
		if ((b[0] & 0xfe) == 0xfc) /* fc00::/7 unique local */
			return false;
		if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) /* fe80::/10 */
			return false;
		if (b[0] == 0xff) /* multicast */
			return false;
		if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d &&
		    b[3] == 0xb8) /* 2001:db8::/32 documentation */
			return false;
		return true;
	}
	return false;
}

struct hop {
	struct fetcher *f;
	struct buf *body;
	size_t max;
	bool blocked;
	bool toobig;
};

static curl_socket_t
open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct hop *h = clientp;

	(void)purpose;
	if (!fetch_addr_is_public(&a->addr, h->f->allow_loopback)) {
		h->blocked = true;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

static size_t
write_body(char *p, size_t size, size_t n, void *ctx)
{
	struct hop *h = ctx;
	size_t len = size * n;

	if (len > h->max - h->body->len || h->body->len > h->max) {
		h->toobig = true;
		return 0;
	}
	buf_add(h->body, p, len);
	if (buf_err(h->body)) {
		h->toobig = true;
		return 0;
	}
	return len;
}

/* map_url writes url with the first matching prefix rewritten (forward:
 * from -> to; back: to -> from) into out; false if it does not fit. */
static bool
map_url(const struct fetcher *f, const char *url, bool back, char *out,
    size_t outsz)
{
	const char *b = "";
	size_t skip = 0;
	int n;

	for (size_t i = 0; i < f->nmaps; i++) {
		const char *a = back ? f->maps[i].to : f->maps[i].from;

		if (strncmp(url, a, strlen(a)) == 0) {
			b = back ? f->maps[i].from : f->maps[i].to;
			skip = strlen(a);
			break;
		}
	}
	n = snprintf(out, outsz, "%s%s", b, url + skip);
	return n >= 0 && (size_t)n < outsz;
}

static bool
is_loopback_host(const char *h)
{
	return strcmp(h, "127.0.0.1") == 0 || strcasecmp(h, "localhost") == 0 ||
	    strcmp(h, "[::1]") == 0 || strcmp(h, "::1") == 0;
}

/* check_url: may url be fetched at all? 0, or ERR_FORBIDDEN with why. */
static int
check_url(const struct fetcher *f, const char *url, char *why, size_t whysz)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int rc = ERR_FORBIDDEN;

	if (u == NULL)
		fatal("fetch: out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		snprintf(why, whysz, "\"%.200s\" is not a web address", url);
		goto out;
	}
	if (strcasecmp(scheme, "https") == 0 ||
	    (strcasecmp(scheme, "http") == 0 && f->allow_loopback &&
	        is_loopback_host(host)))
		rc = 0;
	else
		snprintf(why, whysz,
		    "only secure (https) addresses are fetched, and "
		    "\"%.200s\" is not one",
		    url);
out:
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

int
fetch_get(void *ctx, const char *url, struct buf *body, long *status,
    char *final_url, size_t finalsz, char *why, size_t whysz)
{
	struct fetcher *f = ctx;
	char cur[2048], mapped[2048], ebuf[CURL_ERROR_SIZE];
	long left;
	int rc = ERR_IO;

	*status = 0;
	if (pthread_once(&fetch_once, fetch_init_once) != 0)
		fatal("fetch: pthread_once failed");
	if (fetch_init_rc != CURLE_OK) {
		snprintf(why, whysz, "the network library could not start");
		return ERR_IO;
	}
	if (f->count >= f->max_count) {
		snprintf(why, whysz,
		    "more than %u documents were needed, which is more than "
		    "any real badge links to",
		    f->max_count);
		return ERR_TOOBIG;
	}
	f->count++;
	if (strlen(url) >= sizeof(cur)) {
		snprintf(why, whysz, "the address is too long");
		return ERR_FORBIDDEN;
	}
	snprintf(cur, sizeof(cur), "%s", url);
	for (int hops = 0;; hops++) {
		struct hop h = {f, body, f->max_bytes, false, false};
		struct curl_slist *hdr = NULL;
		CURL *c;
		CURLcode res = CURLE_OK;
		char *loc = NULL;

		/* The budget covers every hop, redirects included. */
		left = (long)((double)f->budget_s - (mono_now() - f->started));
		if (left < 1) {
			snprintf(why, whysz,
			    "checking took longer than %ld seconds, so "
			    "\"%.200s\" was not fetched",
			    f->budget_s, cur);
			return ERR_IO;
		}
		if (!map_url(f, cur, false, mapped, sizeof(mapped))) {
			snprintf(why, whysz, "the address is too long");
			return ERR_FORBIDDEN;
		}
		if ((rc = check_url(f, mapped, why, whysz)) != 0)
			return rc;
		buf_reset(body);
		if ((c = curl_easy_init()) == NULL)
			fatal("fetch: curl_easy_init failed");
		hdr = curl_slist_append(hdr,
		    "Accept: application/ld+json, application/json;q=0.9, "
		    "*/*;q=0.1");
		if (hdr == NULL)
			fatal("fetch: out of memory");
		ebuf[0] = '\0';
#define SET(opt, val)                                                          \
	do {                                                                   \
		if (res == CURLE_OK)                                           \
			res = curl_easy_setopt(c, opt, val);                   \
	} while (0)
		SET(CURLOPT_ERRORBUFFER, ebuf);
		SET(CURLOPT_URL, mapped);
		SET(CURLOPT_PROTOCOLS_STR, "http,https");
		SET(CURLOPT_FOLLOWLOCATION, 0L);
		SET(CURLOPT_PROXY, "");
		SET(CURLOPT_NOSIGNAL, 1L);
		SET(CURLOPT_HTTPHEADER, hdr);
		SET(CURLOPT_USERAGENT, "Laurel badge verifier");
		SET(CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT_S);
		SET(CURLOPT_TIMEOUT, f->timeout_s < left ? f->timeout_s : left);
		SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->max_bytes);
		SET(CURLOPT_OPENSOCKETFUNCTION, open_socket);
		SET(CURLOPT_OPENSOCKETDATA, &h);
		SET(CURLOPT_WRITEFUNCTION, write_body);
		SET(CURLOPT_WRITEDATA, &h);
#undef SET
		if (res == CURLE_OK)
			res = curl_easy_perform(c);
		if (h.blocked) {
			snprintf(why, whysz,
			    "the address of \"%.200s\" is on a private or "
			    "reserved network, which Laurel does not contact",
			    cur);
			rc = ERR_FORBIDDEN;
		} else if (h.toobig || res == CURLE_FILESIZE_EXCEEDED) {
			snprintf(why, whysz,
			    "\"%.200s\" is larger than %zu KB, too large to be "
			    "a badge document",
			    cur, f->max_bytes >> 10);
			rc = ERR_TOOBIG;
		} else if (res == CURLE_OPERATION_TIMEDOUT) {
			snprintf(why, whysz,
			    "\"%.200s\" did not answer within %ld seconds", cur,
			    f->timeout_s);
			rc = ERR_IO;
		} else if (res != CURLE_OK) {
			snprintf(why, whysz,
			    "\"%.200s\" could not be reached (%s)", cur,
			    ebuf[0] ? ebuf : curl_easy_strerror(res));
			rc = ERR_IO;
		} else {
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
			if (*status >= 300 && *status < 400 &&
			    curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) ==
			        CURLE_OK &&
			    loc != NULL) {
				if (hops >= FETCH_MAX_REDIRECTS) {
					snprintf(why, whysz,
					    "\"%.200s\" redirected more than "
					    "%d times",
					    url, FETCH_MAX_REDIRECTS);
					rc = ERR_IO;
				} else {
					rc = 1; /* follow */
					if (!map_url(f, loc, true, cur,
					        sizeof(cur))) {
						snprintf(why, whysz,
						    "\"%.200s\" redirected to "
						    "an address too long to "
						    "follow",
						    url);
						rc = ERR_FORBIDDEN;
					}
				}
			} else {
				rc = 0;
			}
		}
		curl_slist_free_all(hdr);
		curl_easy_cleanup(c);
		if (rc != 1)
			break;
	}
	if (rc == 0 && final_url != NULL && finalsz > 0)
		snprintf(final_url, finalsz, "%s", cur);
	return rc;
}
