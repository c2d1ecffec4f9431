/*
 * signer_proc.c: the separate signer process (see signer_proc.h).
 *
 * Ownership: struct signer_proc (parent only) owns its end of the
 * socketpair and the child's pid; signer_proc_stop releases both. The
 * child owns its database connection, its copy of the server secret and,
 * for the length of one request, the message buffer; it never returns
 * from child_main.
 *
 * Invariants: the parent holds p->lock for a whole exchange (request and
 * response), so records never interleave; p->dead is set, under the lock,
 * as soon as one exchange fails, and stays set. The child exits on the
 * first record whose length, opcode, key id or message length is not
 * exactly what the protocol allows: a parent that talks out of turn has
 * been subverted or has a bug, and in both cases the keys are safer shut
 * away. The unsealed key (in signer.c) and the secret copy are cleared
 * with explicit_bzero.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/common.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/signer.h"
#include "domain/signer_proc.h"

#define OP_SIGN 1u
#define REQ_HDR (4 + ID_LEN + 4)
#define RESP_HDR 8
#define RESP_MAX (RESP_HDR + SIGNER_SIG_MAX)
#define REPLY_TIMEOUT_S 30

struct signer_proc {
	int fd;
	pid_t pid;
	bool dead;
	pthread_mutex_t lock;
};

/* xsend sends one record of exactly n bytes; 0 or -1. */
static int
xsend(int fd, const void *p, size_t n)
{
	ssize_t w;

	do
		w = send(fd, p, n, MSG_NOSIGNAL);
	while (w == -1 && errno == EINTR);
	return w >= 0 && (size_t)w == n ? 0 : -1;
}

/*
 * xrecv receives one record into p (room for cap bytes) and returns its
 * true length (MSG_TRUNC: longer than cap if it did not fit), 0 at end of
 * file, or -1.
 */
static ssize_t
xrecv(int fd, void *p, size_t cap)
{
	ssize_t r;

	do
		r = recv(fd, p, cap, MSG_TRUNC);
	while (r == -1 && errno == EINTR);
	return r;
}

/* child_fds keeps stderr and the socket (moved to fd 3), points stdin and
 * stdout at /dev/null and closes every other descriptor. */
static int
child_fds(int sock)
{
	int null, fd, max;

	if (sock != 3 && dup2(sock, 3) == -1)
		return -1;
	if (close_range(4, ~0U, 0) == -1) {
		max = (int)sysconf(_SC_OPEN_MAX);
		if (max < 0 || max > 65536)
			max = 65536;
		for (fd = 4; fd < max; fd++)
			(void)close(fd);
	}
	if ((null = open("/dev/null", O_RDWR)) == -1)
		return -1;
	if (dup2(null, 0) == -1 || dup2(null, 1) == -1)
		return -1;
	if (null > 2)
		(void)close(null);
	return 3;
}

/*
 * child_request reads the rest of one request after its header record,
 * signs and answers. Returns 0 to go on, -1 to exit: anything out of
 * protocol, or a failed send.
 */
static int
child_request(struct app *app, int fd, const uint8_t *hdr)
{
	struct signer s = {app};
	char key_id[ID_LEN + 1];
	uint8_t *msg = NULL;
	uint32_t op, mlen, slen;
	uint8_t out[RESP_MAX];
	int32_t rc32;
	struct buf sig;
	size_t off, want;
	ssize_t r;
	int src, rc = -1;

	buf_init(&sig, NULL, SIGNER_SIG_MAX);
	memcpy(&op, hdr, 4);
	memcpy(key_id, hdr + 4, ID_LEN);
	key_id[ID_LEN] = '\0';
	memcpy(&mlen, hdr + 4 + ID_LEN, 4);
	if (op != OP_SIGN || !id_valid(key_id, ID_LEN) ||
	    mlen > SIGNER_MSG_MAX) {
		log_error("signer: bad request header, exiting");
		goto out;
	}
	msg = xmalloc((size_t)mlen + 1);
	for (off = 0; off < mlen; off += want) {
		want = mlen - off < SIGNER_CHUNK ? mlen - off : SIGNER_CHUNK;
		r = xrecv(fd, msg + off, want + 1);
		if (r < 0 || (size_t)r != want) {
			log_error("signer: bad message record, exiting");
			goto out;
		}
	}
	src = signer_sign(&s, key_id, msg, mlen, &sig);
	if (src == 0 && (buf_err(&sig) != 0 || sig.len == 0))
		src = ERR_CRYPTO;
	rc32 = src;
	slen = src == 0 ? (uint32_t)sig.len : 0;
	memcpy(out, &rc32, 4);
	memcpy(out + 4, &slen, 4);
	if (slen > 0)
		memcpy(out + RESP_HDR, sig.data, slen);
	if (xsend(fd, out, RESP_HDR + (size_t)slen) != 0) {
		log_error("signer: cannot answer, exiting");
		goto out;
	}
	rc = 0;
out:
	free(msg);
	buf_free(&sig);
	return rc;
}

/* child_main is the signer process: it never returns. */
static NORETURN void
child_main(const struct config *cfg, int sock)
{
	uint8_t secret[32], hdr[REQ_HDR + 1];
	struct app app = {.cfg = cfg,
	    .clock = &clock_system,
	    .db = NULL,
	    .secret = secret,
	    .signer_proc = NULL};
	char msg[512];
	int32_t ready = 0;
	ssize_t r;
	int fd, code = 1;

	if ((fd = child_fds(sock)) == -1) {
		log_error("signer: cannot set up descriptors");
		_exit(1);
	}
	if (config_key_bytes(cfg, secret) != 0) {
		ready = ERR_INVAL;
		log_error("signer: the secret key is not set");
	} else if (db_open(cfg->db_url, &app.db, msg, sizeof(msg)) != 0) {
		ready = ERR_DB;
		log_error("signer: cannot open the database", "error", msg);
	}
	if (xsend(fd, &ready, sizeof(ready)) != 0 || ready != 0)
		goto out;
	for (;;) {
		r = xrecv(fd, hdr, sizeof(hdr));
		if (r == 0) {
			code = 0; /* the parent closed: a clean stop */
			break;
		}
		if (r != REQ_HDR) {
			log_error("signer: bad request record, exiting");
			break;
		}
		if (child_request(&app, fd, hdr) != 0)
			break;
	}
out:
	explicit_bzero(secret, sizeof(secret));
	if (app.db != NULL)
		db_close(app.db);
	_exit(code);
}

int
signer_proc_start(
    const struct config *cfg, struct signer_proc **out, char *msg, size_t msgsz)
{
	struct signer_proc *p = NULL;
	struct timeval tv = {REPLY_TIMEOUT_S, 0};
	int sv[2] = {-1, -1};
	int32_t ready = -1;
	ssize_t r;
	pid_t pid;
	int rc = ERR_IO;

	*out = NULL;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) {
		snprintf(msg, msgsz, "signer: socketpair: %s", strerror(errno));
		goto out;
	}
	fflush(NULL); /* nothing buffered is written twice */
	if ((pid = fork()) == -1) {
		snprintf(msg, msgsz, "signer: fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		(void)close(sv[0]);
		child_main(cfg, sv[1]);
	}
	(void)close(sv[1]);
	sv[1] = -1;
	p = xcalloc(1, sizeof(*p));
	p->fd = sv[0];
	p->pid = pid;
	sv[0] = -1;
	if (pthread_mutex_init(&p->lock, NULL) != 0)
		fatal("pthread_mutex_init");
	/* A child that hangs must not hold every signing thread forever. */
	if (setsockopt(p->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1 ||
	    setsockopt(p->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == -1) {
		snprintf(msg, msgsz, "signer: setsockopt: %s", strerror(errno));
		goto out;
	}
	r = xrecv(p->fd, &ready, sizeof(ready));
	if (r != (ssize_t)sizeof(ready) || ready != 0) {
		rc = r == (ssize_t)sizeof(ready) && ready < 0 && ready >= ERR_IO
		    ? ready
		    : ERR_IO;
		snprintf(msg, msgsz,
		    "signer: the signer process did not start (%s)",
		    err_str(rc));
		goto out;
	}
	*out = p;
	p = NULL;
	rc = 0;
out:
	if (sv[0] != -1)
		(void)close(sv[0]);
	if (sv[1] != -1)
		(void)close(sv[1]);
	signer_proc_stop(p);
	return rc;
}

/* exchange sends one request and reads its answer; p->lock is held.
 * Returns the child's rc, or ERR_CRYPTO when the exchange failed. */
static int
exchange(struct signer_proc *p, const char *key_id, const uint8_t *msg,
    size_t len, struct buf *sig)
{
	uint8_t hdr[REQ_HDR], resp[RESP_MAX + 1];
	uint32_t op = OP_SIGN, mlen = (uint32_t)len, slen;
	int32_t rc32;
	size_t off, want;
	ssize_t r;
	const char *why, *detail = "";

	memcpy(hdr, &op, 4);
	memcpy(hdr + 4, key_id, ID_LEN);
	memcpy(hdr + 4 + ID_LEN, &mlen, 4);
	if (xsend(p->fd, hdr, REQ_HDR) != 0) {
		why = "cannot send the request";
		detail = strerror(errno);
		goto fail;
	}
	for (off = 0; off < len; off += want) {
		want = len - off < SIGNER_CHUNK ? len - off : SIGNER_CHUNK;
		if (xsend(p->fd, msg + off, want) != 0) {
			why = "cannot send the message";
			detail = strerror(errno);
			goto fail;
		}
	}
	r = xrecv(p->fd, resp, sizeof(resp));
	if (r <= 0) {
		why = r == 0 ? "the signer process has exited"
		             : "no answer from the signer process";
		if (r < 0)
			detail = strerror(errno);
		goto fail;
	}
	if (r < RESP_HDR || r > (ssize_t)RESP_MAX) {
		why = "bad answer length";
		goto fail;
	}
	memcpy(&rc32, resp, 4);
	memcpy(&slen, resp + 4, 4);
	if ((size_t)r != RESP_HDR + (size_t)slen || rc32 > 0 || rc32 < ERR_IO ||
	    (rc32 == 0) != (slen > 0)) {
		why = "malformed answer";
		goto fail;
	}
	if (rc32 != 0)
		return rc32;
	buf_add(sig, resp + RESP_HDR, slen);
	return buf_err(sig);
fail:
	p->dead = true;
	log_error("signer process failed", "error", why, "detail", detail);
	return ERR_CRYPTO;
}

int
signer_proc_sign(struct signer_proc *p, const char *key_id, const uint8_t *msg,
    size_t len, struct buf *sig)
{
	int rc = ERR_CRYPTO;

	if (key_id == NULL || !id_valid(key_id, strlen(key_id)))
		return ERR_NOTFOUND;
	if (len > SIGNER_MSG_MAX)
		return ERR_TOOBIG;
	if (pthread_mutex_lock(&p->lock) != 0)
		fatal("pthread_mutex_lock");
	if (p->dead)
		log_error("signer process failed", "error",
		    "the signer process is gone");
	else
		rc = exchange(p, key_id, msg, len, sig);
	if (pthread_mutex_unlock(&p->lock) != 0)
		fatal("pthread_mutex_unlock");
	return rc;
}

void
signer_proc_stop(struct signer_proc *p)
{
	int status;

	if (p == NULL)
		return;
	if (p->fd != -1)
		(void)close(p->fd);
	while (waitpid(p->pid, &status, 0) == -1 && errno == EINTR)
		;
	pthread_mutex_destroy(&p->lock);
	free(p);
}

int
signer_proc_fd(const struct signer_proc *p)
{
	return p->fd;
}

pid_t
signer_proc_pid(const struct signer_proc *p)
{
	return p->pid;
}
