/*
 * smtpd.h: a small SMTP server on a thread, for tests that send mail.
 *
 * smtpd_start listens on a free 127.0.0.1 port and serves one connection
 * at a time: the 220 greeting, EHLO/HELO, AUTH PLAIN, MAIL FROM, RCPT TO,
 * DATA (with dot-unstuffing), RSET, NOOP and QUIT. Every message it accepts
 * is kept in memory, in order, for the test to inspect. A test can make it
 * reject RCPT TO or the end of DATA with a given reply code (550, 451...).
 *
 * The struct is the test's (usually on its stack); the helpers return 0 or
 * -1 (after printing why) rather than failing the Criterion test, so they
 * work from unit and integration tests alike.
 */
#ifndef LAUREL_TESTS_SMTPD_H
#define LAUREL_TESTS_SMTPD_H

#include "core/common.h"

#include <pthread.h>

#define SMTPD_DATA_MAX (16u << 20) /* larger messages get 552 */

/* One accepted message, exactly as the client sent it. */
struct smtpd_msg {
	char *from;  /* MAIL FROM path without the angle brackets */
	char **rcpt; /* RCPT TO paths without the angle brackets */
	size_t nrcpt;
	char *data; /* dot-unstuffed, through the CRLF before ".", NUL-ended */
	size_t len;
	char *auth_user; /* AUTH PLAIN of the session, or NULL */
	char *auth_pass;
};

struct smtpd {
	unsigned port; /* set by smtpd_start */
	char url[64];  /* "smtp://127.0.0.1:PORT" */

	/* Private: the thread's state, guarded by mu where shared. */
	bool running;
	int lfd;
	int wake[2];
	pthread_t thread;
	pthread_mutex_t mu;
	int rcpt_code;
	int data_code;
	struct smtpd_msg **msgs;
	size_t nmsgs;
	size_t nsessions;
};

/*
 * smtpd_start zeroes s, binds 127.0.0.1 port 0 and starts the server
 * thread. Returns 0, or -1 after printing why.
 */
int smtpd_start(struct smtpd *s);
/*
 * smtpd_stop ends the thread (dropping any connection in progress), closes
 * the socket and frees every message. Safe on a zeroed or stopped server.
 */
void smtpd_stop(struct smtpd *s);
/*
 * smtpd_reject_rcpt makes every later RCPT TO get reply code (400..599),
 * or be accepted again when code is 0.
 */
void smtpd_reject_rcpt(struct smtpd *s, int code);
/* smtpd_reject_data is smtpd_reject_rcpt for the reply after DATA's ".". */
void smtpd_reject_data(struct smtpd *s, int code);
/* smtpd_count returns how many messages were accepted so far. */
size_t smtpd_count(struct smtpd *s);
/*
 * smtpd_msg returns the i-th accepted message (from 0), or NULL. It stays
 * valid and unchanged until smtpd_stop.
 */
const struct smtpd_msg *smtpd_msg(struct smtpd *s, size_t i);
/* smtpd_sessions returns how many connections were accepted so far. */
size_t smtpd_sessions(struct smtpd *s);
/*
 * smtpd_unused_port returns a 127.0.0.1 port that nothing listened on a
 * moment ago (bound to port 0, then closed), or 0 on failure.
 */
unsigned smtpd_unused_port(void);

#endif
