/*
 * server.c: start, probe and stop the real `laurel` binary for integration
 * tests, and speak HTTP to it (libcurl, or exact bytes over a raw socket).
 *
 * Ownership: a struct test_server owns its child process and its scratch
 * directory until test_server_stop; a struct http_resp owns its body and
 * header strings until http_resp_free. The database prepared by
 * test_env_prepare is shared by every test of the binary through the
 * environment (LAUREL_TESTENV_DB, LAUREL_TESTENV_DIR, LAUREL_TESTENV_ERROR),
 * because Criterion runs each test in a fresh process that inherits it.
 *
 * Invariants: every child is started with PR_SET_PDEATHSIG so that a test
 * process that crashes never leaves a server behind; every wait has a
 * deadline, so a hung server fails the test instead of hanging the suite.
 */
#include "core/common.h"
#include "core/num.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <curl/curl.h>

#include "lib/server.h"

#define ENV_DB "LAUREL_TESTENV_DB"
#define ENV_DIR "LAUREL_TESTENV_DIR"
#define ENV_ERROR "LAUREL_TESTENV_ERROR"
#define START_TIMEOUT_MS 15000
#define STOP_TIMEOUT_MS 20000
#define CLI_TIMEOUT_MS 120000
#define LOG_TAIL 4000
#define RESP_MAX (64u << 20)

static const char *
laurel_bin(void)
{
	const char *b = getenv("LAUREL");

	return b != NULL && *b != '\0' ? b : "build/laurel";
}

static void
sleep_ms(unsigned ms)
{
	struct timespec ts = {
	    .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* print_file_tail writes the last n bytes of path to stderr. */
static void
print_file_tail(const char *path, size_t n)
{
	char chunk[4096];
	FILE *f = fopen(path, "rb");
	long size;

	if (f == NULL) {
		fprintf(stderr, "(no output file %s)\n", path);
		return;
	}
	if (fseek(f, 0, SEEK_END) == 0) {
		size = ftell(f);
		if (size > 0 && (size_t)size > n)
			(void)fseek(f, size - (long)n, SEEK_SET);
		else
			(void)fseek(f, 0, SEEK_SET);
	}
	fprintf(stderr, "---- %s (last %zu bytes) ----\n", path, n);
	for (;;) {
		size_t got = fread(chunk, 1, sizeof(chunk), f);

		if (got == 0)
			break;
		fwrite(chunk, 1, got, stderr);
	}
	fprintf(stderr, "\n---- end of %s ----\n", path);
	fclose(f);
}

/* file_contains reports whether path contains needle (small files). */
static bool
file_contains(const char *path, const char *needle)
{
	char data[65536];
	FILE *f = fopen(path, "rb");
	size_t got;

	if (f == NULL)
		return false;
	got = fread(data, 1, sizeof(data) - 1, f);
	fclose(f);
	data[got] = '\0';
	return strstr(data, needle) != NULL;
}

/* A child's argument vector, owned copies (exec wants char *const []). */
struct argv {
	char *v[16];
	size_t n;
};

static void
argv_push(struct argv *a, const char *s)
{
	if (a->n + 1 < NELEM(a->v)) {
		a->v[a->n++] = xstrndup(s, strlen(s));
		a->v[a->n] = NULL;
	}
}

static void
argv_free(struct argv *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	a->n = 0;
}

/*
 * spawn runs argv with stdin from /dev/null and stdout and stderr appended
 * to log_path. The child gets SIGTERM if this process dies. Returns the
 * pid or -1.
 */
static pid_t
spawn(char *const argv[], const char *log_path)
{
	pid_t parent = getpid();
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid != 0)
		return pid;

	/* Child: only async-signal-safe calls until exec. */
	int in = open("/dev/null", O_RDONLY);
	int out = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	sigset_t none;

	if (in < 0 || out < 0)
		_exit(126);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)
		_exit(126);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(126);
	execv(argv[0], argv);
	_exit(127);
}

/*
 * wait_exit waits up to timeout_ms for pid to exit. Returns 0 with *status
 * set, or -1 on timeout (the child is still running).
 */
static int
wait_exit(pid_t pid, int64_t timeout_ms, int *status)
{
	int64_t deadline = now_ms() + timeout_ms;

	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return 0; /* already reaped: treat as gone */
		if (now_ms() > deadline)
			return -1;
		sleep_ms(20);
	}
}

static void
describe_status(int status, char *out, size_t outlen)
{
	if (WIFEXITED(status))
		snprintf(out, outlen, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(out, outlen, "killed by signal %d (%s)",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(out, outlen, "wait status %#x", status);
}

/* run_cli runs `laurel ARGS...` to completion; 0 if it exited 0. */
static int
run_cli(char *const argv[], const char *log_path, char *why, size_t whylen)
{
	int status = 0;
	pid_t pid = spawn(argv, log_path);

	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		return -1;
	}
	if (wait_exit(pid, CLI_TIMEOUT_MS, &status) != 0) {
		kill(pid, SIGKILL);
		(void)wait_exit(pid, 5000, &status);
		snprintf(why, whylen, "`%s %s` timed out", argv[0], argv[1]);
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char st[96];

		describe_status(status, st, sizeof(st));
		snprintf(why, whylen, "`%s %s` failed (%s), output in %s",
		    argv[0], argv[1], st, log_path);
		return -1;
	}
	return 0;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

/* rm_rf removes dir and everything in it, if dir is a scratch dir. */
static void
rm_rf(const char *dir)
{
	if (dir == NULL || strncmp(dir, "/tmp/laurel-it-", 15) != 0)
		return;
	if (getenv("LAUREL_TEST_KEEP") != NULL) {
		fprintf(stderr, "keeping %s (LAUREL_TEST_KEEP)\n", dir);
		return;
	}
	(void)nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * prepare_db fills dir (a fresh scratch directory) and db_url, then runs
 * migrate and seed-demo against it.
 */
static int
prepare_db(char *dir, size_t dirlen, char *db_url, size_t urllen, char *why,
    size_t whylen)
{
	const char *pg = getenv("LAUREL_TEST_DB");
	char log_path[400];
	char tmpl[] = "/tmp/laurel-it-XXXXXX";

	if (mkdtemp(tmpl) == NULL) {
		snprintf(why, whylen, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	snprintf(dir, dirlen, "%s", tmpl);
	if (pg != NULL && *pg != '\0')
		snprintf(db_url, urllen, "%s", pg);
	else
		snprintf(db_url, urllen, "%s/laurel.db", dir);
	snprintf(log_path, sizeof(log_path), "%s/prepare.log", dir);

	struct argv migrate = {.n = 0}, seed = {.n = 0};
	const char *ma[] = {laurel_bin(), "migrate", "--db", db_url};
	const char *sa[] = {laurel_bin(), "seed-demo", "--db", db_url};
	int rc;

	for (size_t i = 0; i < NELEM(ma); i++) {
		argv_push(&migrate, ma[i]);
		argv_push(&seed, sa[i]);
	}

	if (access(laurel_bin(), X_OK) != 0) {
		snprintf(why, whylen,
		    "cannot run %s (%s): build it first, or set LAUREL",
		    laurel_bin(), strerror(errno));
		argv_free(&migrate);
		argv_free(&seed);
		return -1;
	}
	rc = run_cli(migrate.v, log_path, why, whylen);
	if (rc == 0)
		rc = run_cli(seed.v, log_path, why, whylen);
	argv_free(&migrate);
	argv_free(&seed);
	if (rc != 0)
		print_file_tail(log_path, LOG_TAIL);
	return rc;
}

int
test_env_prepare(void)
{
	char dir[256], url[1024], why[1200];

	if (prepare_db(dir, sizeof(dir), url, sizeof(url), why, sizeof(why)) !=
	    0) {
		fprintf(stderr, "test_env_prepare: %s\n", why);
		setenv(ENV_ERROR, why, 1);
		return -1;
	}
	setenv(ENV_DB, url, 1);
	setenv(ENV_DIR, dir, 1);
	return 0;
}

void
test_env_cleanup(void)
{
	rm_rf(getenv(ENV_DIR));
	unsetenv(ENV_DIR);
	unsetenv(ENV_DB);
}

/* ephemeral_low returns the first port of the kernel's ephemeral range. */
static unsigned
ephemeral_low(void)
{
	char line[64] = "";
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	int64_t v = 32768;
	size_t n = 0;

	if (f != NULL) {
		if (fgets(line, sizeof(line), f) == NULL)
			line[0] = '\0';
		fclose(f);
	}
	while (isdigit((unsigned char)line[n]))
		n++;
	if (n == 0 || num_parse(line, n, 11000, 65535, &v) != 0)
		v = 32768;
	return (unsigned)v;
}

/*
 * free_port returns a loopback port nothing is bound to right now. Ports
 * are drawn below the ephemeral range, so that the client sockets of the
 * tests themselves cannot take them (the same rule as scripts/lib.sh);
 * the caller retries if the server still loses the race.
 */
static unsigned
free_port(void)
{
	unsigned lo = 10000, hi = ephemeral_low() - 1;

	for (int i = 0; i < 200; i++) {
		uint32_t r = 0;
		struct sockaddr_in sa;
		int fd;

		if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
			r = (uint32_t)now_ms() ^
			    (uint32_t)getpid() * 2654435761u;
		unsigned port = lo + r % (hi - lo + 1);

		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_port = htons((uint16_t)port);
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		int ok = bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
		close(fd);
		if (ok)
			return port;
	}
	cr_assert_fail("no free loopback port found");
	return 0;
}

/* healthz_ok reports whether GET /healthz answers 200 right now. */
static bool
healthz_ok(const struct test_server *s)
{
	struct http_resp r;
	bool ok;

	memset(&r, 0, sizeof(r));
	ok = http_get(s, "/healthz", NULL, &r) == 0 && r.status == 200;
	http_resp_free(&r);
	return ok;
}

void
test_server_log_tail(const struct test_server *s, size_t n)
{
	print_file_tail(s->log_path, n);
}

void
test_server_start(struct test_server *s)
{
	const char *err = getenv(ENV_ERROR);
	const char *db = getenv(ENV_DB);
	char why[1200];

	memset(s, 0, sizeof(*s));
	if (err != NULL)
		cr_assert_fail(
		    "the test database could not be prepared: %s", err);
	if (db == NULL) {
		if (prepare_db(s->env_dir, sizeof(s->env_dir), s->db_url,
		        sizeof(s->db_url), why, sizeof(why)) != 0)
			cr_assert_fail("preparing a database: %s", why);
		s->owns_env = true;
	} else {
		snprintf(s->db_url, sizeof(s->db_url), "%s", db);
	}

	char tmpl[] = "/tmp/laurel-it-XXXXXX";
	if (mkdtemp(tmpl) == NULL)
		cr_assert_fail("mkdtemp: %s", strerror(errno));
	snprintf(s->dir, sizeof(s->dir), "%s", tmpl);
	snprintf(s->log_path, sizeof(s->log_path), "%s/server.log", s->dir);

	char data_dir[300];
	snprintf(data_dir, sizeof(data_dir), "%s/data", s->dir);
	if (mkdir(data_dir, 0700) != 0)
		cr_assert_fail("mkdir %s: %s", data_dir, strerror(errno));

	for (int attempt = 0; attempt < 5; attempt++) {
		char listen[32];
		int status = 0;

		s->port = free_port();
		snprintf(listen, sizeof(listen), "127.0.0.1:%u", s->port);
		snprintf(s->base_url, sizeof(s->base_url), "http://%s", listen);
		const char *args[] = {laurel_bin(), "serve", "--listen", listen,
		    "--db", s->db_url, "--base-url", s->base_url,
		    "--static-dir", "static", "--data-dir", data_dir};
		struct argv argv = {.n = 0};

		for (size_t i = 0; i < NELEM(args); i++)
			argv_push(&argv, args[i]);
		s->pid = spawn(argv.v, s->log_path);
		argv_free(&argv);
		if (s->pid < 0) {
			s->pid = 0;
			cr_assert_fail("fork: %s", strerror(errno));
		}
		int64_t deadline = now_ms() + START_TIMEOUT_MS;
		while (now_ms() < deadline) {
			if (waitpid(s->pid, &status, WNOHANG) == s->pid)
				break;
			if (healthz_ok(s))
				return;
			sleep_ms(50);
		}
		if (waitpid(s->pid, &status, WNOHANG) == 0) {
			kill(s->pid, SIGKILL);
			(void)wait_exit(s->pid, 5000, &status);
			s->pid = 0;
			test_server_log_tail(s, LOG_TAIL);
			cr_assert_fail(
			    "%s serve did not answer GET /healthz with 200 "
			    "within %d s on %s",
			    laurel_bin(), START_TIMEOUT_MS / 1000, s->base_url);
		}
		s->pid = 0;
		if (file_contains(s->log_path, "in use")) {
			fprintf(stderr, "port %u taken, retrying\n", s->port);
			continue;
		}
		char st[96];
		describe_status(status, st, sizeof(st));
		test_server_log_tail(s, LOG_TAIL);
		cr_assert_fail(
		    "%s serve exited before answering (%s)", laurel_bin(), st);
	}
	test_server_log_tail(s, LOG_TAIL);
	cr_assert_fail(
	    "%s serve could not bind a port in 5 attempts", laurel_bin());
}

void
test_server_term(struct test_server *s)
{
	cr_assert_gt(s->pid, 0, "test_server_term: no server running");
	if (kill(s->pid, SIGTERM) != 0)
		cr_assert_fail("kill(SIGTERM): %s", strerror(errno));
	s->term_sent = true;
}

void
test_server_stop(struct test_server *s)
{
	int status = 0;
	char st[96];

	if (s->pid > 0) {
		pid_t pid = s->pid;

		s->pid = 0;
		if (!s->term_sent && kill(pid, SIGTERM) != 0)
			cr_assert_fail("kill(SIGTERM): %s", strerror(errno));
		if (wait_exit(pid, STOP_TIMEOUT_MS, &status) != 0) {
			kill(pid, SIGKILL);
			(void)wait_exit(pid, 5000, &status);
			test_server_log_tail(s, LOG_TAIL);
			cr_assert_fail(
			    "server did not exit within %d s of SIGTERM",
			    STOP_TIMEOUT_MS / 1000);
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			describe_status(status, st, sizeof(st));
			test_server_log_tail(s, LOG_TAIL);
			cr_assert_fail(
			    "server did not shut down cleanly on SIGTERM: %s",
			    st);
		}
	}
	rm_rf(s->dir);
	s->dir[0] = '\0';
	if (s->owns_env) {
		rm_rf(s->env_dir);
		s->owns_env = false;
	}
}

/* ---- HTTP over libcurl ---- */

/* add_header stores one "Name: value" line; status lines reset the list. */
static void
add_header(struct http_resp *r, const char *line, size_t n)
{
	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == '\n'))
		n--;
	if (n >= 5 && memcmp(line, "HTTP/", 5) == 0) {
		/* A new response (after 100 Continue): forget the old one. */
		for (size_t i = 0; i < r->nheaders; i++) {
			free(r->headers[i].name);
			free(r->headers[i].value);
		}
		r->nheaders = 0;
		return;
	}
	const char *colon = memchr(line, ':', n);
	if (colon == NULL || r->nheaders == TEST_HTTP_MAX_HEADERS)
		return;
	const char *v = colon + 1;
	const char *end = line + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	r->headers[r->nheaders].name = xstrndup(line, (size_t)(colon - line));
	r->headers[r->nheaders].value = xstrndup(v, (size_t)(end - v));
	r->nheaders++;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	add_header(arg, p, size * n);
	return size * n;
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct http_resp *r = arg;

	buf_add(&r->body, p, size * n);
	return buf_err(&r->body) == 0 ? size * n : 0;
}

static void
resp_init(struct http_resp *out)
{
	memset(out, 0, sizeof(*out));
	buf_init(&out->body, NULL, RESP_MAX);
}

int
http_request(const struct test_server *s, const char *method, const char *path,
    const char *const *headers, const void *body, size_t body_len,
    struct http_resp *out)
{
	static bool curl_ready;
	struct curl_slist *hl = NULL;
	char url[4096];
	CURLcode rc;
	CURL *c;

	resp_init(out);
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(out->error, sizeof(out->error),
			    "curl_global_init failed");
			return -1;
		}
		curl_ready = true;
	}
	snprintf(url, sizeof(url), "%s%s", s->base_url, path);
	c = curl_easy_init();
	if (c == NULL) {
		snprintf(
		    out->error, sizeof(out->error), "curl_easy_init failed");
		return -1;
	}
	for (size_t i = 0; headers != NULL && headers[i] != NULL; i++)
		hl = curl_slist_append(hl, headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 15000L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	} else if (strcmp(method, "GET") != 0) {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	}
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(
		    c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);
	if (rc != CURLE_OK) {
		snprintf(out->error, sizeof(out->error), "%s %.150s: %s",
		    method, url, curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

int
http_get(const struct test_server *s, const char *path,
    const char *const *headers, struct http_resp *out)
{
	return http_request(s, "GET", path, headers, NULL, 0, out);
}

const char *
http_resp_header(const struct http_resp *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

size_t
http_resp_header_count(const struct http_resp *r, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			n++;
	return n;
}

void
http_resp_free(struct http_resp *r)
{
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	r->nheaders = 0;
	buf_free(&r->body);
}

/* ---- exact bytes over a raw socket ---- */

/*
 * raw_parse fills status and headers from the bytes received so far and
 * reports whether a complete Content-Length response is among them.
 */
static bool
raw_parse(struct http_resp *r)
{
	const char *d = r->body.data;
	const char *end = strstr(d, "\r\n\r\n");
	int64_t clen = -1;

	if (r->body.len < 12 || memcmp(d, "HTTP/1.", 7) != 0)
		return false;
	int64_t st = 0;
	if (num_parse(d + 9, 3, 100, 999, &st) == 0)
		r->status = (long)st;
	if (end == NULL)
		return false;
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	r->nheaders = 0;
	const char *line = strstr(d, "\r\n") + 2;
	while (line < end) {
		const char *eol = strstr(line, "\r\n");
		add_header(r, line, (size_t)(eol - line));
		line = eol + 2;
	}
	const char *cl = http_resp_header(r, "Content-Length");
	if (cl == NULL || num_parse(cl, strlen(cl), 0, INT64_MAX, &clen) != 0)
		return false;
	return (int64_t)(r->body.len - (size_t)(end + 4 - d)) >= clen;
}

int
raw_connect(unsigned port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

void
raw_send_recv(int fd, const void *req, size_t len, unsigned timeout_ms,
    struct http_resp *out)
{
	const char *p = req;
	size_t sent = 0;
	bool reading = false;
	int64_t deadline = now_ms() + timeout_ms;

	resp_init(out);
	while (now_ms() < deadline) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		char chunk[16384];

		if (!reading && sent < len)
			pfd.events |= POLLOUT;
		int left = (int)(deadline - now_ms());
		int n = poll(&pfd, 1, left > 0 ? left : 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t got = recv(fd, chunk, sizeof(chunk), 0);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				out->closed = true;
				break;
			}
			/* The server answered: stop sending, read the rest. */
			reading = true;
			buf_add(&out->body, chunk, (size_t)got);
			if (raw_parse(out))
				break;
			continue;
		}
		if (pfd.revents & POLLOUT) {
			ssize_t w = send(fd, p + sent, len - sent,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w < 0 && errno != EINTR && errno != EAGAIN)
				reading = true; /* EPIPE/ECONNRESET: read */
			else if (w > 0)
				sent += (size_t)w;
		}
	}
	(void)raw_parse(out);
}

int
raw_exchange(unsigned port, const void *req, size_t len, unsigned timeout_ms,
    struct http_resp *out)
{
	int fd = raw_connect(port);

	if (fd < 0) {
		resp_init(out);
		snprintf(out->error, sizeof(out->error), "connect: %s",
		    strerror(errno));
		return -1;
	}
	raw_send_recv(fd, req, len, timeout_ms, out);
	close(fd);
	return 0;
}
