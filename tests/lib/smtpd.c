/*
 * smtpd.c: a small SMTP server on a thread, for tests (see smtpd.h).
 *
 * Ownership: struct smtpd owns its listening socket, its wake-up pipe, its
 * thread and every struct smtpd_msg (each allocated separately, so pointers
 * handed out by smtpd_msg stay valid while later messages arrive) until
 * smtpd_stop. The thread serves one connection at a time.
 *
 * Invariants: the thread waits in poll() on its socket and the wake-up
 * pipe, so smtpd_stop always ends it promptly; a client that goes quiet for
 * SMTPD_IDLE_MS loses its connection, so a confused test fails instead of
 * hanging. Commands longer than SMTPD_LINE_MAX end the session. Only mu
 * guards what the test and the thread share (messages and reject codes).
 */
#include "core/common.h"
#include "core/buf.h"
#include "ob/b64.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include "lib/smtpd.h"

#define SMTPD_IDLE_MS 10000
#define SMTPD_LINE_MAX 1000            /* RFC 5321 §4.5.3.1.6, with CRLF */
#define SMTPD_DATA_LINE_MAX (1u << 20) /* lenient: clients send long lines */
#define SMTPD_HOST "smtpd.test"

/* One client connection and its read buffer. */
struct smtpd_conn {
	struct smtpd *s;
	int fd;
	char in[4096];
	size_t off, len;
};

/* The transaction being built (MAIL FROM to the end of DATA). */
struct smtpd_txn {
	char *from;
	char **rcpt;
	size_t nrcpt;
	char *auth_user;
	char *auth_pass;
};

static void
smtpd_msg_free(struct smtpd_msg *m)
{
	if (m == NULL)
		return;
	free(m->from);
	for (size_t i = 0; i < m->nrcpt; i++)
		free(m->rcpt[i]);
	free(m->rcpt);
	free(m->data);
	free(m->auth_user);
	free(m->auth_pass);
	free(m);
}

/* smtpd_txn_reset forgets the envelope but keeps the authentication. */
static void
smtpd_txn_reset(struct smtpd_txn *t)
{
	free(t->from);
	t->from = NULL;
	for (size_t i = 0; i < t->nrcpt; i++)
		free(t->rcpt[i]);
	free(t->rcpt);
	t->rcpt = NULL;
	t->nrcpt = 0;
}

static void
smtpd_txn_free(struct smtpd_txn *t)
{
	smtpd_txn_reset(t);
	free(t->auth_user);
	free(t->auth_pass);
	t->auth_user = t->auth_pass = NULL;
}

/* smtpd_send writes all of p, or returns -1. */
static int
smtpd_send(struct smtpd_conn *c, const char *p)
{
	size_t n = strlen(p);
	ssize_t w;

	while (n > 0) {
		w = send(c->fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int PRINTF_LIKE(2, 3)
    smtpd_sendf(struct smtpd_conn *c, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return smtpd_send(c, line);
}

/*
 * smtpd_fill reads more bytes into c->in, waiting up to SMTPD_IDLE_MS.
 * Returns -1 on EOF, error, timeout or a stop request.
 */
static int
smtpd_fill(struct smtpd_conn *c)
{
	struct pollfd p[2] = {{.fd = c->fd, .events = POLLIN},
	    {.fd = c->s->wake[0], .events = POLLIN}};
	ssize_t r;
	int n;

	for (;;) {
		n = poll(p, 2, SMTPD_IDLE_MS);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || p[1].revents != 0)
			return -1;
		r = recv(c->fd, c->in, sizeof(c->in), 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c->off = 0;
		c->len = (size_t)r;
		return 0;
	}
}

/*
 * smtpd_line reads one line, through its "\n", into line (reset first).
 * Returns 0, or -1 if the connection ended or the line exceeded max.
 */
static int
smtpd_line(struct smtpd_conn *c, struct buf *line, size_t max)
{
	const char *nl;
	size_t n;

	buf_reset(line);
	for (;;) {
		if (c->off == c->len && smtpd_fill(c) != 0)
			return -1;
		nl = memchr(c->in + c->off, '\n', c->len - c->off);
		n = nl != NULL ? (size_t)(nl - (c->in + c->off)) + 1
		               : c->len - c->off;
		buf_add(line, c->in + c->off, n);
		c->off += n;
		if (buf_err(line) != 0 || line->len > max)
			return -1;
		if (nl != NULL)
			return 0;
	}
}

/* smtpd_chomp drops the line ending of line. */
static void
smtpd_chomp(struct buf *line)
{
	while (line->len > 0 &&
	    (line->data[line->len - 1] == '\n' ||
	        line->data[line->len - 1] == '\r'))
		line->data[--line->len] = '\0';
}

/* smtpd_is reports whether cmd is verb, alone or followed by a space. */
static bool
smtpd_is(const char *cmd, const char *verb)
{
	size_t n = strlen(verb);

	return strncasecmp(cmd, verb, n) == 0 &&
	    (cmd[n] == '\0' || cmd[n] == ' ');
}

/*
 * smtpd_path returns a copy of the <path> after prefix (e.g. "MAIL FROM:")
 * in cmd, without the brackets, or NULL if cmd does not have one.
 */
static char *
smtpd_path(const char *cmd, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p, *q;

	if (strncasecmp(cmd, prefix, n) != 0)
		return NULL;
	p = cmd + n;
	while (*p == ' ')
		p++;
	if (*p != '<' || (q = strchr(p, '>')) == NULL)
		return NULL;
	return xstrndup(p + 1, (size_t)(q - p - 1));
}

static int
smtpd_code(struct smtpd *s, const int *which)
{
	int code;

	pthread_mutex_lock(&s->mu);
	code = *which;
	pthread_mutex_unlock(&s->mu);
	return code;
}

/* smtpd_reject sends the configured rejection code with some text. */
static int
smtpd_reject(struct smtpd_conn *c, int code, const char *what)
{
	return smtpd_sendf(c, "%d %d.0.0 %s rejected by test server\r\n", code,
	    code / 100, what);
}

/*
 * smtpd_auth_plain checks the SASL PLAIN response b64 ("authzid NUL user
 * NUL password", base64) and keeps the credentials in t.
 */
static int
smtpd_auth_plain(struct smtpd_txn *t, const char *b64)
{
	struct buf raw;
	const char *user, *pass, *end;
	int rc = -1;

	buf_init(&raw, NULL, 4096);
	if (b64_decode(b64, strlen(b64), &raw) != 0)
		goto out;
	end = raw.data + raw.len;
	user = memchr(raw.data, '\0', raw.len);
	if (user == NULL || ++user >= end)
		goto out;
	pass = memchr(user, '\0', (size_t)(end - user));
	if (pass == NULL)
		goto out;
	pass++;
	free(t->auth_user);
	free(t->auth_pass);
	t->auth_user = xstrndup(user, strlen(user));
	t->auth_pass = xstrndup(pass, (size_t)(end - pass));
	rc = 0;
out:
	buf_free(&raw);
	return rc;
}

/* smtpd_store moves the transaction and data into a new message. */
static void
smtpd_store(struct smtpd *s, struct smtpd_txn *t, struct buf *data)
{
	struct smtpd_msg *m = xcalloc(1, sizeof(*m));

	m->from = t->from;
	m->rcpt = t->rcpt;
	m->nrcpt = t->nrcpt;
	t->from = NULL;
	t->rcpt = NULL;
	t->nrcpt = 0;
	if (t->auth_user != NULL) {
		m->auth_user = xstrndup(t->auth_user, strlen(t->auth_user));
		m->auth_pass = xstrndup(t->auth_pass, strlen(t->auth_pass));
	}
	m->len = data->len;
	m->data = xmalloc(data->len + 1);
	memcpy(m->data, data->data, data->len + 1);
	pthread_mutex_lock(&s->mu);
	s->msgs = xrealloc(s->msgs, (s->nmsgs + 1) * sizeof(*s->msgs));
	s->msgs[s->nmsgs++] = m;
	pthread_mutex_unlock(&s->mu);
}

/*
 * smtpd_data reads the message after "354" up to the line ".", undoing the
 * dot-stuffing, and answers it. Returns -1 if the connection ended.
 */
static int
smtpd_data(struct smtpd_conn *c, struct smtpd_txn *t, struct buf *line)
{
	struct buf data;
	bool toobig = false;
	int code, rc = -1;

	buf_init(&data, NULL, SMTPD_DATA_MAX);
	if (smtpd_send(c, "354 End data with <CR><LF>.<CR><LF>\r\n") != 0)
		goto out;
	for (;;) {
		if (smtpd_line(c, line, SMTPD_DATA_LINE_MAX) != 0)
			goto out;
		if (strcmp(line->data, ".\r\n") == 0 ||
		    strcmp(line->data, ".\n") == 0)
			break;
		if (line->data[0] == '.')
			buf_add(&data, line->data + 1, line->len - 1);
		else
			buf_add(&data, line->data, line->len);
		if (buf_err(&data) != 0)
			toobig = true;
	}
	code = smtpd_code(c->s, &c->s->data_code);
	if (toobig)
		rc = smtpd_send(c, "552 5.3.4 Message too big\r\n");
	else if (code != 0)
		rc = smtpd_reject(c, code, "message");
	else {
		smtpd_store(c->s, t, &data);
		rc = smtpd_send(c, "250 2.0.0 OK queued\r\n");
	}
	smtpd_txn_reset(t);
out:
	buf_free(&data);
	return rc;
}

/* smtpd_command answers one command; 1 means the session is over. */
static int
smtpd_command(struct smtpd_conn *c, struct smtpd_txn *t, struct buf *line)
{
	const char *cmd = line->data;
	char *path;
	int code;

	if (smtpd_is(cmd, "EHLO")) {
		smtpd_txn_reset(t);
		return smtpd_sendf(c,
		    "250-" SMTPD_HOST "\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n"
		    "250 SIZE %u\r\n",
		    SMTPD_DATA_MAX);
	}
	if (smtpd_is(cmd, "HELO")) {
		smtpd_txn_reset(t);
		return smtpd_send(c, "250 " SMTPD_HOST "\r\n");
	}
	if (smtpd_is(cmd, "AUTH")) {
		if (strncasecmp(cmd, "AUTH PLAIN", 10) != 0)
			return smtpd_send(c, "504 5.5.4 Only PLAIN\r\n");
		if (cmd[10] == ' ')
			return smtpd_auth_plain(t, cmd + 11) == 0
			    ? smtpd_send(c, "235 2.7.0 Authenticated\r\n")
			    : smtpd_send(c, "535 5.7.8 Bad credentials\r\n");
		if (smtpd_send(c, "334 \r\n") != 0 ||
		    smtpd_line(c, line, SMTPD_LINE_MAX) != 0)
			return -1;
		smtpd_chomp(line);
		return smtpd_auth_plain(t, line->data) == 0
		    ? smtpd_send(c, "235 2.7.0 Authenticated\r\n")
		    : smtpd_send(c, "535 5.7.8 Bad credentials\r\n");
	}
	if (smtpd_is(cmd, "MAIL")) {
		if ((path = smtpd_path(cmd, "MAIL FROM:")) == NULL)
			return smtpd_send(
			    c, "501 5.5.4 Syntax: MAIL FROM:<p>\r\n");
		smtpd_txn_reset(t);
		t->from = path;
		return smtpd_send(c, "250 2.1.0 OK\r\n");
	}
	if (smtpd_is(cmd, "RCPT")) {
		if (t->from == NULL)
			return smtpd_send(c, "503 5.5.1 MAIL first\r\n");
		if ((path = smtpd_path(cmd, "RCPT TO:")) == NULL)
			return smtpd_send(
			    c, "501 5.5.4 Syntax: RCPT TO:<p>\r\n");
		if ((code = smtpd_code(c->s, &c->s->rcpt_code)) != 0) {
			free(path);
			return smtpd_reject(c, code, "recipient");
		}
		t->rcpt = xrealloc(t->rcpt, (t->nrcpt + 1) * sizeof(*t->rcpt));
		t->rcpt[t->nrcpt++] = path;
		return smtpd_send(c, "250 2.1.5 OK\r\n");
	}
	if (smtpd_is(cmd, "DATA")) {
		if (t->nrcpt == 0)
			return smtpd_send(c, "503 5.5.1 RCPT first\r\n");
		return smtpd_data(c, t, line);
	}
	if (smtpd_is(cmd, "RSET")) {
		smtpd_txn_reset(t);
		return smtpd_send(c, "250 2.0.0 OK\r\n");
	}
	if (smtpd_is(cmd, "NOOP"))
		return smtpd_send(c, "250 2.0.0 OK\r\n");
	if (smtpd_is(cmd, "QUIT")) {
		(void)smtpd_send(c, "221 2.0.0 Bye\r\n");
		return 1;
	}
	return smtpd_send(c, "502 5.5.2 Command not recognised\r\n");
}

static void
smtpd_session(struct smtpd *s, int fd)
{
	struct smtpd_conn c = {.s = s, .fd = fd};
	struct smtpd_txn t = {0};
	struct buf line;

	buf_init(&line, NULL, SMTPD_DATA_LINE_MAX);
	if (smtpd_send(&c, "220 " SMTPD_HOST " ESMTP test server\r\n") != 0)
		goto out;
	while (smtpd_line(&c, &line, SMTPD_LINE_MAX) == 0) {
		smtpd_chomp(&line);
		if (smtpd_command(&c, &t, &line) != 0)
			break;
	}
out:
	smtpd_txn_free(&t);
	buf_free(&line);
}

static void *
smtpd_main(void *arg)
{
	struct smtpd *s = arg;
	struct pollfd p[2] = {{.fd = s->lfd, .events = POLLIN},
	    {.fd = s->wake[0], .events = POLLIN}};
	int fd;

	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents != 0)
			break;
		if ((p[0].revents & POLLIN) == 0)
			continue;
		fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&s->mu);
		s->nsessions++;
		pthread_mutex_unlock(&s->mu);
		smtpd_session(s, fd);
		close(fd);
	}
	return NULL;
}

/* smtpd_listen binds 127.0.0.1 port 0; returns the socket or -1. */
static int
smtpd_listen(unsigned *port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t salen = sizeof(sa);
	int fd, one = 1;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &salen) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

int
smtpd_start(struct smtpd *s)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->lfd = s->wake[0] = s->wake[1] = -1;
	if ((s->lfd = smtpd_listen(&s->port)) < 0 || listen(s->lfd, 16) != 0) {
		fprintf(stderr, "smtpd: listen: %s\n", strerror(errno));
		goto fail;
	}
	if (pipe2(s->wake, O_CLOEXEC) != 0) {
		fprintf(stderr, "smtpd: pipe: %s\n", strerror(errno));
		goto fail;
	}
	snprintf(s->url, sizeof(s->url), "smtp://127.0.0.1:%u", s->port);
	pthread_mutex_init(&s->mu, NULL);
	if ((rc = pthread_create(&s->thread, NULL, smtpd_main, s)) != 0) {
		fprintf(stderr, "smtpd: pthread_create: %s\n", strerror(rc));
		pthread_mutex_destroy(&s->mu);
		goto fail;
	}
	s->running = true;
	return 0;
fail:
	if (s->lfd >= 0)
		close(s->lfd);
	if (s->wake[0] >= 0) {
		close(s->wake[0]);
		close(s->wake[1]);
	}
	memset(s, 0, sizeof(*s));
	return -1;
}

void
smtpd_stop(struct smtpd *s)
{
	ssize_t w;

	if (!s->running)
		return;
	do
		w = write(s->wake[1], "x", 1);
	while (w < 0 && errno == EINTR);
	pthread_join(s->thread, NULL);
	close(s->lfd);
	close(s->wake[0]);
	close(s->wake[1]);
	for (size_t i = 0; i < s->nmsgs; i++)
		smtpd_msg_free(s->msgs[i]);
	free(s->msgs);
	pthread_mutex_destroy(&s->mu);
	memset(s, 0, sizeof(*s));
}

void
smtpd_reject_rcpt(struct smtpd *s, int code)
{
	pthread_mutex_lock(&s->mu);
	s->rcpt_code = code;
	pthread_mutex_unlock(&s->mu);
}

void
smtpd_reject_data(struct smtpd *s, int code)
{
	pthread_mutex_lock(&s->mu);
	s->data_code = code;
	pthread_mutex_unlock(&s->mu);
}

size_t
smtpd_count(struct smtpd *s)
{
	size_t n;

	pthread_mutex_lock(&s->mu);
	n = s->nmsgs;
	pthread_mutex_unlock(&s->mu);
	return n;
}

const struct smtpd_msg *
smtpd_msg(struct smtpd *s, size_t i)
{
	const struct smtpd_msg *m = NULL;

	pthread_mutex_lock(&s->mu);
	if (i < s->nmsgs)
		m = s->msgs[i];
	pthread_mutex_unlock(&s->mu);
	return m;
}

size_t
smtpd_sessions(struct smtpd *s)
{
	size_t n;

	pthread_mutex_lock(&s->mu);
	n = s->nsessions;
	pthread_mutex_unlock(&s->mu);
	return n;
}

unsigned
smtpd_unused_port(void)
{
	unsigned port = 0;
	int fd = smtpd_listen(&port);

	if (fd < 0)
		return 0;
	close(fd);
	return port;
}
