/*
 * test_smtp.c: smtp_send against the in-process test SMTP server.
 *
 * Unit tests do not link tests/lib, so the server is included as source.
 * Each Criterion test runs in its own process with its own server.
 */
#include "core/buf.h"
#include "core/err.h"
#include "domain/mail.h"
#include "domain/smtp.h"

#include "../../lib/smtpd.c"

#include <time.h>

#include <criterion/criterion.h>

#define FROM "badges@laurel.example"
#define TO "ada@example.org"
#define MSGID "AbCdEfGhIjKlMnOpQrStUv@laurel.example"
#define TIMEOUT 10

static struct smtpd srv;

static void
srv_start(void)
{
	cr_assert_eq(smtpd_start(&srv), 0);
}

static void
srv_stop(void)
{
	smtpd_stop(&srv);
}

TestSuite(smtp, .init = srv_start, .fini = srv_stop);

/* format builds a message with mail_format into a fresh heap buf. */
static void
format(struct buf *m, const char *body)
{
	buf_init(m, NULL, 1 << 20);
	cr_assert_eq(
	    mail_format(m, FROM, TO, "Test message", body, 1795437296, MSGID),
	    0);
}

/* check_received asserts that message i arrived exactly as want[0..n). */
static void
check_received(size_t i, const char *want, size_t n)
{
	const struct smtpd_msg *m = smtpd_msg(&srv, i);

	cr_assert_not_null(m, "message %zu did not arrive", i);
	cr_assert_str_eq(m->from, FROM);
	cr_assert_eq(m->nrcpt, 1);
	cr_assert_str_eq(m->rcpt[0], TO);
	cr_assert_eq(m->len, n, "received %zu bytes, sent %zu", m->len, n);
	cr_assert(memcmp(m->data, want, n) == 0, "received:\n%s\nsent:\n%.*s",
	    m->data, (int)n, want);
}

Test(smtp, delivers_exact_message)
{
	struct buf m;
	char err[256];

	format(&m, "Hello Ada,\n\nYour badge is ready: caf\xc3\xa9 = 1.\n");
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    0, "%s", err);
	cr_assert_eq(smtpd_count(&srv), 1);
	check_received(0, m.data, m.len);
	const struct smtpd_msg *r = smtpd_msg(&srv, 0);

	cr_assert(r != NULL && r->auth_user == NULL, "no AUTH without a user");
	buf_free(&m);
}

Test(smtp, leading_dots_survive)
{
	const char raw[] = "Subject: dots\r\n\r\n.\r\n..\r\n.leading\r\n"
	                   "...three\r\nend.\r\n.";
	struct buf m;
	char err[256];

	/* Through mail_format, which leaves '.' to SMTP's dot-stuffing. */
	format(&m, ".\n.. two\n.leading dot\nlast\n.");
	cr_assert_not_null(strstr(m.data, "\r\n.\r\n"));
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    0, "%s", err);
	check_received(0, m.data, m.len);
	buf_free(&m);

	/*
	 * Raw bytes whose last line lacks its CRLF: the server sees the
	 * CRLF that ends the last line before the final ".".
	 */
	cr_assert_eq(smtp_send(srv.url, FROM, TO, raw, sizeof(raw) - 1, TIMEOUT,
	                 err, sizeof(err)),
	    0, "%s", err);
	const struct smtpd_msg *r = smtpd_msg(&srv, 1);

	cr_assert_not_null(r);
	cr_assert_eq(r->len, sizeof(raw) - 1 + 2);
	cr_assert(memcmp(r->data, raw, sizeof(raw) - 1) == 0, "%s", r->data);
	cr_assert(memcmp(r->data + sizeof(raw) - 1, "\r\n", 2) == 0);
}

Test(smtp, several_messages_in_order)
{
	struct buf m[3];
	char err[256];

	for (size_t i = 0; i < NELEM(m); i++) {
		format(&m[i], i == 0 ? "one" : i == 1 ? "two" : "three");
		cr_assert_eq(smtp_send(srv.url, FROM, TO, m[i].data, m[i].len,
		                 TIMEOUT, err, sizeof(err)),
		    0, "%s", err);
	}
	cr_assert_eq(smtpd_count(&srv), 3);
	cr_assert_eq(smtpd_sessions(&srv), 3, "one connection per message");
	for (size_t i = 0; i < NELEM(m); i++) {
		check_received(i, m[i].data, m[i].len);
		buf_free(&m[i]);
	}
}

Test(smtp, credentials_in_url)
{
	char url[128], err[256];
	struct buf m;

	format(&m, "with credentials");
	snprintf(url, sizeof(url),
	    "smtp://laurel%%40example.org:p%%3As%%20s@"
	    "127.0.0.1:%u",
	    srv.port);
	cr_assert_eq(
	    smtp_send(url, FROM, TO, m.data, m.len, TIMEOUT, err, sizeof(err)),
	    0, "%s", err);
	const struct smtpd_msg *r = smtpd_msg(&srv, 0);

	cr_assert_not_null(r);
	cr_assert_str_eq(r->auth_user, "laurel@example.org");
	cr_assert_str_eq(r->auth_pass, "p:s s");

	/* A failure message never repeats the password. */
	smtpd_reject_rcpt(&srv, 550);
	cr_assert_eq(
	    smtp_send(url, FROM, TO, m.data, m.len, TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_null(strstr(err, "p:s"), "%s", err);
	cr_assert_null(strstr(err, "p%3A"), "%s", err);
	buf_free(&m);
}

Test(smtp, rcpt_550_is_permanent)
{
	struct buf m;
	char err[256];

	smtpd_reject_rcpt(&srv, 550);
	format(&m, "rejected");
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    ERR_INVAL);
	cr_assert_not_null(strstr(err, "550"), "%s", err);
	cr_assert_not_null(strstr(err, "rejected by test server"), "%s", err);
	cr_assert_eq(smtpd_count(&srv), 0);
	buf_free(&m);
}

Test(smtp, rcpt_451_is_transient)
{
	struct buf m;
	char err[256];

	smtpd_reject_rcpt(&srv, 451);
	format(&m, "try later");
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    ERR_IO);
	cr_assert_not_null(strstr(err, "451"), "%s", err);
	cr_assert_eq(smtpd_count(&srv), 0);

	/* Once the server accepts again, the same message goes through. */
	smtpd_reject_rcpt(&srv, 0);
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    0, "%s", err);
	check_received(0, m.data, m.len);
	buf_free(&m);
}

Test(smtp, data_rejections)
{
	struct buf m;
	char err[256];

	format(&m, "refused after DATA");
	smtpd_reject_data(&srv, 554);
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    ERR_INVAL);
	cr_assert_not_null(strstr(err, "554"), "%s", err);
	smtpd_reject_data(&srv, 452);
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    ERR_IO);
	cr_assert_not_null(strstr(err, "452"), "%s", err);
	cr_assert_eq(smtpd_count(&srv), 0);
	buf_free(&m);
}

Test(smtp, nothing_listening_is_transient)
{
	char url[64], err[256];
	unsigned port = smtpd_unused_port();

	cr_assert_neq(port, 0);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%u", port);
	cr_assert_eq(smtp_send(url, FROM, TO, "Subject: x\r\n\r\nx\r\n", 17,
	                 TIMEOUT, err, sizeof(err)),
	    ERR_IO);
	cr_assert_neq(err[0], '\0');
}

Test(smtp, silent_server_times_out)
{
	char url[64], err[256];
	unsigned port;
	int fd = smtpd_listen(&port); /* listens, never accepts */
	struct timespec t0, t1;

	cr_assert_geq(fd, 0);
	cr_assert_eq(listen(fd, 4), 0);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%u", port);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert_eq(smtp_send(url, FROM, TO, "Subject: x\r\n\r\nx\r\n", 17, 1,
	                 err, sizeof(err)),
	    ERR_IO);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_assert(t1.tv_sec - t0.tv_sec < 5, "took %lds",
	    (long)(t1.tv_sec - t0.tv_sec));
	cr_assert_neq(err[0], '\0');
	close(fd);
}

Test(smtp, ignores_proxy_environment)
{
	struct buf m;
	char err[256];

	setenv("ALL_PROXY", "socks5://127.0.0.1:1", 1);
	setenv("all_proxy", "socks5://127.0.0.1:1", 1);
	setenv("smtp_proxy", "http://127.0.0.1:1", 1);
	format(&m, "no proxy");
	cr_assert_eq(smtp_send(srv.url, FROM, TO, m.data, m.len, TIMEOUT, err,
	                 sizeof(err)),
	    0, "%s", err);
	check_received(0, m.data, m.len);
	buf_free(&m);
}

Test(smtp, invalid_arguments)
{
	const char *msg = "Subject: x\r\n\r\nx\r\n";
	char err[256];

	cr_assert_eq(smtp_send("http://127.0.0.1:1", FROM, TO, msg, strlen(msg),
	                 TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_neq(err[0], '\0');
	cr_assert_eq(smtp_send("file:///etc/passwd", FROM, TO, msg, strlen(msg),
	                 TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(smtp_send(NULL, FROM, TO, msg, strlen(msg), TIMEOUT, err,
	                 sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(smtp_send("smtp://127.0.0.1:1/\r\nRSET", FROM, TO, msg,
	                 strlen(msg), TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(smtp_send(srv.url, "bad\r\nRCPT TO:<e@evil.example>", TO,
	                 msg, strlen(msg), TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(smtp_send(srv.url, FROM, "<ada@example.org>", msg,
	                 strlen(msg), TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(
	    smtp_send(srv.url, FROM, TO, msg, 0, TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(
	    smtp_send(srv.url, FROM, TO, NULL, 5, TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(
	    smtp_send(srv.url, FROM, TO, msg, strlen(msg), 0, err, sizeof(err)),
	    ERR_INVAL);
	/* err may be NULL. */
	cr_assert_eq(
	    smtp_send("ftp://x", FROM, TO, msg, strlen(msg), TIMEOUT, NULL, 0),
	    ERR_INVAL);
	cr_assert_eq(smtpd_sessions(&srv), 0, "nothing may be sent");
}

Test(smtp, short_error_buffer_is_terminated)
{
	char err[8];

	smtpd_reject_rcpt(&srv, 550);
	memset(err, 'x', sizeof(err));
	cr_assert_eq(smtp_send(srv.url, FROM, TO, "Subject: x\r\n\r\nx\r\n", 17,
	                 TIMEOUT, err, sizeof(err)),
	    ERR_INVAL);
	cr_assert_eq(strlen(err), sizeof(err) - 1);
}

/* Several threads send at once; each message arrives intact. */
struct sender {
	pthread_t thread;
	int id;
	int rc[4];
	struct buf msg[4];
};

static void *
sender_main(void *arg)
{
	struct sender *s = arg;

	for (size_t i = 0; i < NELEM(s->rc); i++)
		s->rc[i] = smtp_send(srv.url, FROM, TO, s->msg[i].data,
		    s->msg[i].len, TIMEOUT, NULL, 0);
	return NULL;
}

Test(smtp, concurrent_senders)
{
	struct sender s[4];
	char body[64];
	size_t found = 0;

	for (size_t t = 0; t < NELEM(s); t++) {
		s[t].id = (int)t;
		for (size_t i = 0; i < NELEM(s[t].rc); i++) {
			snprintf(
			    body, sizeof(body), "thread %zu message %zu", t, i);
			format(&s[t].msg[i], body);
		}
	}
	for (size_t t = 0; t < NELEM(s); t++)
		cr_assert_eq(
		    pthread_create(&s[t].thread, NULL, sender_main, &s[t]), 0);
	for (size_t t = 0; t < NELEM(s); t++)
		pthread_join(s[t].thread, NULL);
	cr_assert_eq(smtpd_count(&srv), 16);
	for (size_t t = 0; t < NELEM(s); t++) {
		for (size_t i = 0; i < NELEM(s[t].rc); i++) {
			cr_assert_eq(s[t].rc[i], 0);
			for (size_t k = 0; k < smtpd_count(&srv); k++) {
				const struct smtpd_msg *r = smtpd_msg(&srv, k);

				if (r != NULL && r->len == s[t].msg[i].len &&
				    memcmp(r->data, s[t].msg[i].data, r->len) ==
				        0)
					found++;
			}
			buf_free(&s[t].msg[i]);
		}
	}
	cr_assert_eq(found, 16);
}
