/*
 * signer_proc.h: the separate signer process, the second back end of
 * signer_sign (signer.h; STYLE.md §2.2), after OpenBSD acme-client's
 * acctproc, relayd's ca.c and Kore's keymgr.
 *
 * signer_proc_start forks a child that is the only part of `laurel serve`
 * that ever decrypts an issuer's private key. It must be called before
 * the process starts any thread. The child keeps only stderr and its end
 * of a SOCK_SEQPACKET socketpair, opens its own database connection and
 * derives the server secret itself, then answers SIGN requests one at a
 * time until end of file or anything unexpected, and then _exits.
 *
 * Frames (host byte order; every record's exact length is checked):
 *   request:  one record {u32 op = 1 (SIGN), char key_id[ID_LEN],
 *             u32 msg_len}, then msg_len bytes (at most SIGNER_MSG_MAX) in
 *             records of exactly min(SIGNER_CHUNK, bytes left) bytes;
 *   response: one record {i32 rc, u32 sig_len, sig[sig_len]}, sig_len 0
 *             unless rc is 0, and at most SIGNER_SIG_MAX.
 * The message travels in chunks because one AF_UNIX record cannot exceed
 * the socket's send buffer (about 208 KiB by default).
 *
 * The parent side is shared by every HTTP thread: a mutex serialises the
 * exchanges. Once a send, a receive (each with a 30-second timeout, so a
 * hung child cannot hold every thread) or a response fails, the process is
 * taken as dead and every later signature fails with ERR_CRYPTO (logged);
 * it is not restarted.
 */
#ifndef LAUREL_SIGNER_PROC_H
#define LAUREL_SIGNER_PROC_H

#include <sys/types.h>

#include "core/common.h"
#include "core/buf.h"
#include "core/config.h"

#define SIGNER_MSG_MAX ((size_t)1 << 20)
#define SIGNER_CHUNK ((size_t)64 << 10)
#define SIGNER_SIG_MAX ((size_t)1024)

struct signer_proc;

/*
 * signer_proc_start forks the signer process for cfg (its db_url and
 * secret_key; cfg is read in the child only, which has its own copy).
 * Returns 0 and a new *out once the child has opened its database, or
 * ERR_INVAL (no secret key), ERR_IO or ERR_DB with a message in msg. No
 * thread may be running in the calling process, and no SQLite connection
 * may be open to cfg->db_url (SQLite's per-process lock state does not
 * survive fork). Free with signer_proc_stop.
 */
MUST_CHECK int signer_proc_start(const struct config *cfg,
    struct signer_proc **out, char *msg, size_t msgsz);

/*
 * signer_proc_sign has the child sign msg[0..len) with key key_id and
 * appends the signature to sig; the contract of signer_sign. Safe to call
 * from many threads at once (one exchange at a time). A key_id that is
 * not an id cannot name a key: ERR_NOTFOUND without asking the child.
 * ERR_TOOBIG if len > SIGNER_MSG_MAX; ERR_CRYPTO (logged) if the child is
 * gone or answers out of protocol.
 */
MUST_CHECK int signer_proc_sign(struct signer_proc *p, const char *key_id,
    const uint8_t *msg, size_t len, struct buf *sig);

/*
 * signer_proc_stop closes the socket, so that the child sees end of file
 * and exits, waits for it, and frees p. p may be NULL. Call it after the
 * threads that sign have stopped.
 */
void signer_proc_stop(struct signer_proc *p);

/* signer_proc_fd and signer_proc_pid expose the parent's socket and the
 * child's pid, for tests only. */
int signer_proc_fd(const struct signer_proc *p);
pid_t signer_proc_pid(const struct signer_proc *p);

#endif
