/*
 * server.h: run the real `laurel` binary in a test and talk HTTP to it.
 *
 * A test binary prepares one database (test_env_prepare, usually from a
 * Criterion PRE_ALL report hook): `laurel migrate` and `laurel seed-demo`
 * into $LAUREL_TEST_DB or a fresh SQLite file in a temporary directory. Each
 * test then starts its own `laurel serve` on a free loopback port
 * (test_server_start) and stops it with SIGTERM (test_server_stop), which
 * asserts a graceful exit with status 0. The binary is $LAUREL, default
 * build/laurel; tests run from the repository root.
 *
 * The helpers that start and stop servers fail the current Criterion test
 * themselves, printing the tail of the server's output. The HTTP helpers
 * return 0 or -1 (with a message in the response) so tests can assert.
 */
#ifndef LAUREL_TESTS_SERVER_H
#define LAUREL_TESTS_SERVER_H

#include "core/common.h"
#include "core/buf.h"

#include <sys/types.h>

#define TEST_HTTP_MAX_HEADERS 64

struct test_server {
	pid_t pid; /* 0 when not running */
	unsigned port;
	char base_url[64];  /* http://127.0.0.1:PORT, no trailing slash */
	char dir[256];      /* scratch directory: data/ and server.log */
	char log_path[300]; /* the server's stdout and stderr */
	char db_url[1024];  /* the database it serves */
	bool term_sent;     /* test_server_term was called */
	bool owns_env;      /* prepared its own database: cleaned at stop */
	char env_dir[256];  /* that database's directory, when owns_env */
};

struct http_header {
	char *name;
	char *value;
};

struct http_resp {
	long status; /* 0 if no response */
	struct buf body;
	struct http_header headers[TEST_HTTP_MAX_HEADERS];
	size_t nheaders;
	bool closed;     /* raw_exchange: the server closed the connection */
	char error[256]; /* why the request failed, when it returns -1 */
};

/*
 * test_env_prepare creates the database every server of this test binary
 * serves: it runs `laurel migrate` and `laurel seed-demo` and exports the
 * URL and scratch directory to the environment, which Criterion's test
 * processes inherit. Returns 0, or -1 after printing why; the reason is
 * also exported so that every later test_server_start fails with it.
 */
int test_env_prepare(void);
/* test_env_cleanup removes what test_env_prepare created (not PostgreSQL). */
void test_env_cleanup(void);

/*
 * test_server_start starts `laurel serve` on a free 127.0.0.1 port and
 * waits up to 15 s for /healthz to answer 200. If no database was prepared
 * it prepares one for this server alone. Fails the test (with the server's
 * output) if the server exits or never answers.
 */
void test_server_start(struct test_server *s);
/*
 * test_server_stop sends SIGTERM, waits up to 20 s and fails the test
 * unless the server exited with status 0. Removes the scratch directory.
 * Safe on a server that is not running.
 */
void test_server_stop(struct test_server *s);
/*
 * test_server_term sends SIGTERM now, so a test can watch the shutdown;
 * test_server_stop then only waits for the exit and checks its status.
 */
void test_server_term(struct test_server *s);
/* test_server_log_tail prints the last n bytes of the server's output. */
void test_server_log_tail(const struct test_server *s, size_t n);

/*
 * http_request sends one request with libcurl (no proxy, no redirects,
 * path sent as is) and fills *out, which the caller releases with
 * http_resp_free. headers is a NULL-terminated list of "Name: value" lines
 * or NULL; body may be NULL. method "HEAD" sends a HEAD request. Returns 0
 * when a response arrived, -1 otherwise (out->error says why).
 */
int http_request(const struct test_server *s, const char *method,
    const char *path, const char *const *headers, const void *body,
    size_t body_len, struct http_resp *out);
/* http_get is http_request with GET and no body. */
int http_get(const struct test_server *s, const char *path,
    const char *const *headers, struct http_resp *out);
/* http_resp_header returns the first value of header name (any case). */
const char *http_resp_header(const struct http_resp *r, const char *name);
/* http_resp_header_count counts the headers called name (any case). */
size_t http_resp_header_count(const struct http_resp *r, const char *name);
/* http_resp_free releases a response; safe on a zeroed one. */
void http_resp_free(struct http_resp *r);

/*
 * raw_exchange connects to 127.0.0.1:port, sends exactly len bytes of req
 * (stopping early if the server answers or closes first) and reads the
 * answer until the server closes, a complete Content-Length response has
 * arrived, or timeout_ms passes. out->status is the status code of the
 * first response line (0 if none), out->body the whole answer, headers
 * and all. Returns 0, or -1 if it could not connect.
 */
int raw_exchange(unsigned port, const void *req, size_t len,
    unsigned timeout_ms, struct http_resp *out);
/* raw_connect opens a blocking TCP connection to 127.0.0.1:port, or -1. */
int raw_connect(unsigned port);
/*
 * raw_send_recv is raw_exchange over an open connection fd, which the
 * caller keeps and closes.
 */
void raw_send_recv(int fd, const void *req, size_t len, unsigned timeout_ms,
    struct http_resp *out);

#endif
