/*
 * server.c: libmicrohttpd adapter (see server.h).
 *
 * One struct conn_state per request, created on the first callback, holds
 * the request arena; everything the request allocates is freed in
 * request_completed after the response has been sent. The route is found
 * as soon as the headers have arrived, so that the body limit can depend
 * on it: multipart/form-data bodies are accepted only by routes that
 * declare a PARAM_FILE (others answer 415 at once), up to
 * cfg->max_upload; every other body up to cfg->max_body. A declared
 * Content-Length over the limit is refused with 413 before any of the
 * body is read, and a body that grows past it is refused with 413 once
 * it has ended. Paths, query parameters and form fields (urlencoded or
 * multipart) are decoded here, strictly, so handlers only ever see valid
 * UTF-8 without NUL bytes in text; files are handed over as they came.
 *
 * A POST whose body is well formed but holds a parameter the route
 * refuses is answered only after the CSRF check, so a forged request is
 * always refused with 403 whatever it holds.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "core/num.h"
#include "db/db.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/multipart.h"
#include "web/render.h"
#include "web/router.h"
#include "web/server.h"

/* Besides the body, which may need up to three times its size (the buf
 * doubles as it grows): see on_uri. */
#define REQ_ARENA_LIMIT (64u << 20)
#define MAX_URI 2048
#define SAFE_PATH                                                              \
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_."
#define MAX_HEADER_MEMORY (32u * 1024u)
#define MAX_BODY_PAGE (8u << 20)
#define NO_FILES_MSG                                                           \
	"This page does not accept files: send the form without them "         \
	"(application/x-www-form-urlencoded)."

struct server {
	struct MHD_Daemon *d;
	struct site site;
	atomic_int active;
	unsigned port;
};

struct conn_state {
	struct server *srv;
	struct arena *arena;
	struct req req;
	struct resp resp;
	struct buf body;
	bool body_too_big;
	bool bad_query;
	const char *bad_query_msg;
	uint64_t start_us;
	size_t uri_len;
	bool started; /* on_request has seen the headers */
	char *raw_path;
	size_t sent;
	/* Found when the headers arrive (find_route): */
	bool bad_path; /* not decodable, or not starting with '/' */
	enum route_match match;
	const struct route *route; /* when match == ROUTE_FOUND */
	bool multipart;            /* a multipart/form-data body */
	/* A parameter the body held that the route refuses, answered after
	 * the CSRF check (bad_status 0: none). */
	unsigned bad_status;
	const char *bad_msg;
};

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void
db_key_destroy(void *p)
{
	db_close(p);
}

static void
db_key_init(void)
{
	if (pthread_key_create(&db_key, db_key_destroy) != 0)
		fatal("pthread_key_create");
}

/* thread_db returns this thread's connection, opening it if need be. */
static struct db *
thread_db(const struct config *cfg)
{
	struct db *db;
	char msg[512];

	pthread_once(&db_key_once, db_key_init);
	db = pthread_getspecific(db_key);
	if (db != NULL)
		return db;
	if (db_open(cfg->db_url, &db, msg, sizeof(msg)) != 0) {
		log_error("cannot open database", "error", msg);
		return NULL;
	}
	pthread_setspecific(db_key, db);
	return db;
}

static size_t
unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static void
add_security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy",
	    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
	    "script-src 'self'; object-src 'none'; base-uri 'none'; "
	    "form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(
	    r, "Referrer-Policy", "strict-origin-when-cross-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy",
	    "camera=(), microphone=(), geolocation=()");
}

static enum MHD_Result
queue(struct conn_state *cs, struct MHD_Connection *c)
{
	struct resp *rs = &cs->resp;
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (rs->status >= 400 && rs->body.len == 0 && rs->static_body == NULL)
		render_error(&cs->req, rs);
	if (rs->static_body != NULL)
		r = MHD_create_response_from_buffer(rs->static_len,
		    (void *)(uintptr_t)rs->static_body, MHD_RESPMEM_PERSISTENT);
	else
		r = MHD_create_response_from_buffer(
		    rs->body.len, rs->body.data, MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	add_security_headers(r);
	if (rs->content_type)
		MHD_add_response_header(r, "Content-Type", rs->content_type);
	for (size_t i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(
		    r, rs->headers[i][0], rs->headers[i][1]);
	cs->sent = rs->static_body ? rs->static_len : rs->body.len;
	ret = MHD_queue_response(c, rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
collect_arg(
    void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct conn_state *cs = cls;
	char *k, *v;
	size_t kl, vl;
	const char *msg;
	int rc;

	(void)kind;
	if (cs->bad_query)
		return MHD_NO;
	if (url_decode(cs->arena, key, strlen(key), false, &k, &kl) != 0 ||
	    url_decode(cs->arena, value ? value : "", value ? strlen(value) : 0,
	        false, &v, &vl) != 0) {
		cs->bad_query = true;
		cs->bad_query_msg =
		    "The address contains badly encoded characters.";
		return MHD_NO;
	}
	if ((rc = router_bind_param(&cs->req, k, kl, v, vl, &msg)) != 0) {
		cs->bad_query = true;
		cs->bad_query_msg = msg;
		return MHD_NO;
	}
	return MHD_YES;
}

static bool
is_form(const char *ct)
{
	return ct != NULL &&
	    strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

/* refuse_later keeps the first refused body parameter for after CSRF. */
static void
refuse_later(struct conn_state *cs, unsigned status, const char *msg)
{
	if (cs->bad_status == 0) {
		cs->bad_status = status;
		cs->bad_msg = msg;
	}
}

/*
 * bind_urlencoded binds an application/x-www-form-urlencoded body and
 * captures its csrf_token. Returns false when the response is set (the
 * body cannot be decoded).
 */
static bool
bind_urlencoded(struct conn_state *cs)
{
	struct req *r = &cs->req;
	struct form_pair pairs[HTTP_MAX_PARAMS];
	size_t n;
	const char *msg;

	if (form_parse(cs->arena, cs->body.data, cs->body.len, pairs,
	        NELEM(pairs), &n) != 0) {
		resp_error(&cs->resp, 400,
		    "The form contains badly encoded characters.");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(pairs[i].name, CSRF_FIELD) == 0) {
			r->csrf_sent = pairs[i].value;
			continue;
		}
		if (router_bind_param(r, pairs[i].name, pairs[i].nlen,
		        pairs[i].value, pairs[i].vlen, &msg) != 0)
			refuse_later(cs, 400, msg);
	}
	return true;
}

/*
 * bind_multipart binds a multipart/form-data body: text fields exactly
 * as urlencoded ones (valid UTF-8 without NUL, then router_bind_param),
 * files with router_bind_file, and captures its csrf_token. Returns false
 * when the response is set (the body cannot be read).
 */
static bool
bind_multipart(struct conn_state *cs)
{
	struct req *r = &cs->req;
	struct multipart_part parts[HTTP_MAX_PARAMS];
	size_t n;
	const char *msg;
	int rc;

	rc = multipart_parse(cs->arena, r->content_type, cs->body.data,
	    cs->body.len, parts, NELEM(parts), &n);
	if (rc != 0) {
		resp_error(&cs->resp, 400,
		    rc == ERR_TOOBIG
		        ? "The form has too many fields."
		        : "The form could not be read: it was not sent "
		          "completely or correctly. Please try again.");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct multipart_part *p = &parts[i];
		char *v;

		if (p->filename != NULL) {
			if (strcmp(p->name, CSRF_FIELD) == 0)
				continue; /* a file is not a token */
			rc = router_bind_file(r, p->name, p->nlen, p->filename,
			    p->data, p->len, &msg);
			if (rc != 0)
				refuse_later(
				    cs, rc == ERR_TOOBIG ? 413 : 400, msg);
			continue;
		}
		if (memchr(p->data, '\0', p->len) != NULL ||
		    !utf8_valid(p->data, p->len)) {
			resp_error(&cs->resp, 400,
			    "The form contains badly encoded characters.");
			return false;
		}
		if ((v = arena_strndup(cs->arena, p->data, p->len)) == NULL) {
			resp_error(
			    &cs->resp, 413, "The form you sent is too large.");
			return false;
		}
		if (strcmp(p->name, CSRF_FIELD) == 0) {
			r->csrf_sent = v;
			continue;
		}
		if (router_bind_param(r, p->name, p->nlen, v, p->len, &msg) !=
		    0)
			refuse_later(cs, 400, msg);
	}
	return true;
}

static const char *
client_ip(struct arena *a, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char host[INET6_ADDRSTRLEN] = "";

	if (ci != NULL && ci->client_addr != NULL) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
			    &((const struct sockaddr_in *)(const void *)sa)
			         ->sin_addr,
			    host, sizeof(host));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
			    &((const struct sockaddr_in6 *)(const void *)sa)
			         ->sin6_addr,
			    host, sizeof(host));
	}
	return arena_strdup(a, host);
}

/* too_large_msg is "what: the limit is N MB." (what alone if no memory). */
static const char *
too_large_msg(struct arena *a, size_t limit, const char *what)
{
	const char *words = http_size_words(a, limit);
	const char *m =
	    words ? arena_printf(a, "%s: the limit is %s.", what, words) : NULL;

	return m ? m : what;
}

/*
 * find_route decodes the path and finds its route as soon as the headers
 * have arrived, so that the body limit can depend on the route; dispatch
 * answers what it finds.
 */
static void
find_route(struct conn_state *cs, const char *url)
{
	struct req *r = &cs->req;
	char *path;
	size_t plen;

	if (url_decode(cs->arena, url, strlen(url), false, &path, &plen) != 0 ||
	    path[0] != '/') {
		cs->bad_path = true;
		return;
	}
	r->path = path;
	cs->match = r->method == HTTP_OTHER ? ROUTE_BAD_METHOD
	                                    : router_match(r, path, &cs->route);
}

static void
dispatch(struct conn_state *cs, struct MHD_Connection *c)
{
	struct req *r = &cs->req;
	struct resp *rs = &cs->resp;
	const struct route *route = cs->route;
	int rc;

	if (cs->body_too_big) {
		resp_error(rs, 413,
		    too_large_msg(r->arena, cs->body.max,
		        "The form or file you sent is too large"));
		return;
	}
	if (cs->bad_path) {
		resp_error(
		    rs, 400, "The address contains badly encoded characters.");
		return;
	}
	switch (cs->match) {
	case ROUTE_NOT_FOUND:
		resp_error(rs, 404, NULL);
		return;
	case ROUTE_BAD_METHOD: {
		const char *allow = router_allow(r->path);
		if (allow == NULL) {
			resp_error(rs, 404, NULL);
			return;
		}
		resp_header(rs, "Allow", allow);
		resp_error(rs, 405, "This page cannot be used that way.");
		return;
	}
	case ROUTE_FOUND:
		break;
	}
	r->route = route;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, cs);
	if (cs->bad_query) {
		resp_error(rs, 400, cs->bad_query_msg);
		return;
	}
	if (r->method == HTTP_POST && cs->multipart) {
		/* on_request refused it (415) unless the route takes files */
		if (NEVER(!router_takes_files(route))) {
			resp_error(rs, 415, NO_FILES_MSG);
			return;
		}
		if (!bind_multipart(cs))
			return;
	} else if (r->method == HTTP_POST && cs->body.len > 0 &&
	    is_form(r->content_type)) {
		if (!bind_urlencoded(cs))
			return;
	}
	/* handlers that take other bodies read r->body */
	r->body = cs->body.data;
	r->body_len = cs->body.len;
	/* Static files and the health check are answered without cookies:
	 * no session lookup and no Set-Cookie on what caches may keep. */
	if (route->handler != h_static && route->handler != h_asset &&
	    route->handler != h_health && route->handler != h_image &&
	    route->policy != POLICY_PUBLIC_API &&
	    (rc = web_auth_load(r, rs)) != 0) {
		resp_error(rs, http_status_for_err(rc), NULL);
		return;
	}
	if (r->method == HTTP_POST && route->policy != POLICY_PUBLIC_API &&
	    !web_csrf_ok(r)) {
		resp_error(rs, 403,
		    "This form has expired or did not come from Laurel, so "
		    "nothing was changed. Go back, reload the page and try "
		    "again. If this keeps happening, check that your browser "
		    "allows cookies from this site.");
		return;
	}
	if (cs->bad_status != 0) {
		resp_error(rs, cs->bad_status, cs->bad_msg);
		return;
	}
	if (!policy_allows(route->policy, r)) {
		if (r->session == NULL && r->method != HTTP_POST &&
		    !r->wants_json) {
			resp_redirect(rs,
			    strspn(r->path, SAFE_PATH) == strlen(r->path)
			        ? arena_printf(
			              r->arena, "/signin?next=%s", r->path)
			        : "/signin");
			return;
		}
		resp_error(rs, 403,
		    r->session == NULL
		        ? "Sign in to do this. If you were signed in, your "
		          "session has ended: sign in again."
		        : "You do not have permission to do this.");
		return;
	}
	rc = route->handler(r, rs);
	if (rc != 0 && rs->status < 400)
		resp_error(rs, http_status_for_err(rc), NULL);
}

/*
 * on_uri runs as soon as a request line has arrived, before the headers:
 * it makes the request's state, so that a request counts as in flight
 * (server_stop waits for it) from its first line, and sees the whole
 * target, query included, for the URI length limit.
 */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct server *srv = cls;
	const struct config *cfg = srv->site.cfg;
	size_t body =
	    cfg->max_upload > cfg->max_body ? cfg->max_upload : cfg->max_body;
	struct arena *a = arena_new(REQ_ARENA_LIMIT + 3 * body);
	struct conn_state *cs = arena_alloc(a, sizeof(*cs));

	(void)c;
	cs->arena = a;
	cs->srv = srv;
	cs->start_us = clock_mono_us();
	cs->uri_len = strlen(uri);
	atomic_fetch_add(&srv->active, 1);
	return cs;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct conn_state *cs = *con_cls;
	const char *v;

	(void)version;
	if (cs == NULL) /* not possible: on_uri made it */
		return MHD_NO;
	if (!cs->started) {
		struct arena *a = cs->arena;
		cs->started = true;
		cs->req.arena = a;
		cs->req.method_name = arena_strdup(a, method);
		cs->req.method = strcmp(method, "GET") == 0 ? HTTP_GET
		    : strcmp(method, "HEAD") == 0           ? HTTP_HEAD
		    : strcmp(method, "POST") == 0           ? HTTP_POST
		                                            : HTTP_OTHER;
		cs->raw_path = arena_strdup(a, url);
		cs->req.accept =
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
		cs->req.if_none_match = MHD_lookup_connection_value(
		    c, MHD_HEADER_KIND, "If-None-Match");
		cs->req.content_type = MHD_lookup_connection_value(
		    c, MHD_HEADER_KIND, "Content-Type");
		cs->req.cookie =
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
		cs->req.user_agent = MHD_lookup_connection_value(
		    c, MHD_HEADER_KIND, "User-Agent");
		if (cs->req.user_agent == NULL)
			cs->req.user_agent = "";
		cs->req.ip = client_ip(a, c);
		cs->req.wants_json = strncmp(url, "/api/", 5) == 0 ||
		    (cs->req.accept != NULL &&
		        strstr(cs->req.accept, "text/html") == NULL &&
		        (strstr(cs->req.accept, "application/json") != NULL ||
		            strstr(cs->req.accept, "application/ld+json") !=
		                NULL));
		buf_init(&cs->resp.body, a, MAX_BODY_PAGE);
		buf_init(&cs->body, a, srv->site.cfg->max_body);
		cs->multipart = multipart_is_form(cs->req.content_type);
		id_new(cs->req.request_id);
		cs->req.app = arena_alloc(a, sizeof(struct app));
		cs->req.app->cfg = srv->site.cfg;
		cs->req.app->clock = srv->site.clock;
		cs->req.app->secret = srv->site.secret;
		cs->req.app->signer_proc = srv->site.signer_proc;
		cs->req.site = &srv->site;
		if (cs->uri_len > MAX_URI) {
			resp_error(&cs->resp, 414,
			    "The address is too long to be a page of Laurel.");
			return queue(cs, c);
		}
		find_route(cs, url);
		if (cs->req.method == HTTP_POST && cs->multipart &&
		    cs->match == ROUTE_FOUND) {
			const char *b;
			size_t bl;
			if (!router_takes_files(cs->route)) {
				resp_error(&cs->resp, 415, NO_FILES_MSG);
				return queue(cs, c);
			}
			if (multipart_boundary(cs->req.content_type, &b, &bl) !=
			    0) {
				resp_error(&cs->resp, 400,
				    "The form could not be read: its "
				    "Content-Type has no valid boundary.");
				return queue(cs, c);
			}
			buf_init(&cs->body, a, srv->site.cfg->max_upload);
		}
		v = MHD_lookup_connection_value(
		    c, MHD_HEADER_KIND, "Content-Length");
		if (v != NULL) {
			int64_t n;
			if (num_parse(v, strlen(v), 0, INT64_MAX, &n) != 0) {
				resp_error(&cs->resp, 400,
				    "The request has a bad Content-Length.");
				return queue(cs, c);
			}
			if ((uint64_t)n > cs->body.max) {
				resp_error(&cs->resp, 413,
				    too_large_msg(a, cs->body.max,
				        "The form or file you sent is too "
				        "large"));
				return queue(cs, c);
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size != 0) {
		if (!cs->body_too_big) {
			buf_add(&cs->body, upload_data, *upload_data_size);
			if (buf_err(&cs->body) != 0)
				cs->body_too_big = true;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (cs->resp.status != 0)
		return MHD_YES; /* already answered */
	cs->req.app->db = thread_db(srv->site.cfg);
	if (cs->req.app->db == NULL) {
		resp_error(&cs->resp, 503,
		    "Laurel cannot reach its database. Please try again "
		    "shortly.");
	} else {
		dispatch(cs, c);
	}
	if (cs->resp.status == 0)
		cs->resp.status = 200;
	return queue(cs, c);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct conn_state *cs = *con_cls;

	(void)c;
	(void)toe;
	if (cs == NULL)
		return;
	if (cs->started) /* not a connection dropped mid-headers */
		log_request(cs->req.method_name, cs->raw_path, cs->resp.status,
		    cs->sent, clock_mono_us() - cs->start_us);
	arena_free(cs->arena);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->active, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	log_msg(LOG_WARN, "libmicrohttpd", "detail", line, (const char *)NULL);
}

int
server_start(const struct config *cfg, const struct clock *clk,
    struct signer_proc *signer, struct server **out, char *msg, size_t msglen)
{
	struct server *s = xcalloc(1, sizeof(*s));
	struct sockaddr_storage ss;
	socklen_t sl = 0;
	const union MHD_DaemonInfo *info;
	int rc;

	s->site.cfg = cfg;
	s->site.clock = clk;
	s->site.signer_proc = signer;
	if (config_key_bytes(cfg, s->site.secret) != 0) {
		snprintf(msg, msglen, "the secret key is not set");
		free(s);
		return ERR_INVAL;
	}
	if ((rc = assets_load(cfg->static_dir, &s->site.assets, msg, msglen)) !=
	    0) {
		free(s);
		return rc;
	}
	memset(&ss, 0, sizeof(ss));
	if (strchr(cfg->listen_host, ':') != NULL) {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)cfg->listen_port);
		rc = inet_pton(AF_INET6, cfg->listen_host, &a6->sin6_addr);
		sl = sizeof(*a6);
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)cfg->listen_port);
		rc = inet_pton(AF_INET, cfg->listen_host, &a4->sin_addr);
		sl = sizeof(*a4);
	}
	if (rc != 1) {
		snprintf(msg, msglen,
		    "--listen needs a numeric IP address, not %s",
		    cfg->listen_host);
		assets_free(&s->site.assets);
		free(s);
		return ERR_INVAL;
	}
	(void)sl;
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	        MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
	        (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	    (uint16_t)cfg->listen_port, NULL, NULL, on_request, s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)cfg->timeout_s, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    (unsigned)cfg->per_ip, MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MAX_HEADER_MEMORY,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, NULL,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, s, MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		snprintf(msg, msglen, "cannot listen on %s:%u (in use?)",
		    cfg->listen_host, cfg->listen_port);
		assets_free(&s->site.assets);
		free(s);
		return ERR_IO;
	}
	info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : cfg->listen_port;
	*out = s;
	return 0;
}

unsigned
server_port(const struct server *s)
{
	return s->port;
}

void
server_stop(struct server *s, unsigned grace_s)
{
	MHD_socket fd;
	uint64_t deadline = clock_mono_us() + (uint64_t)grace_s * 1000000u;

	if (s == NULL)
		return;
	fd = MHD_quiesce_daemon(s->d);
	while (atomic_load(&s->active) > 0 && clock_mono_us() < deadline)
		usleep(10000);
	if (atomic_load(&s->active) > 0)
		log_warn("stopping with requests still in flight");
	MHD_stop_daemon(s->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	assets_free(&s->site.assets);
	free(s);
}
