/*
 * smtp.h: delivering one message to a mail server with libcurl.
 *
 * The outbox's retry loop calls smtp_send and decides from the result
 * whether to try again later (ERR_IO) or give up on the message
 * (ERR_INVAL). Each call opens its own connection, so any number of
 * threads may send at once once smtp_global_init has run.
 */
#ifndef LAUREL_SMTP_H
#define LAUREL_SMTP_H

#include "core/common.h"

#define SMTP_CONNECT_TIMEOUT_MAX 30 /* seconds, however long timeout_s is */

/*
 * smtp_global_init initialises libcurl once per process (pthread_once);
 * any thread may call it any number of times. Call it at startup, before
 * other threads exist if anything else in the process also uses libcurl.
 * smtp_send calls it too.
 */
void smtp_global_init(void);

/*
 * smtp_send delivers msg[0..len), a complete RFC 5322 message with CRLF
 * line endings (as mail_format writes), from the envelope sender from to
 * the one recipient to, both checked with mail_address_valid. libcurl does
 * the SMTP dot-stuffing.
 *
 * url is "smtp://host[:port]" or "smtps://host[:port]" (implicit TLS),
 * optionally with "user:password@" before the host (percent-encoded) and
 * a path naming the EHLO domain. A smtp:// connection is upgraded with
 * STARTTLS when the server offers it; certificates are always verified.
 * Proxy settings in the environment are ignored. timeout_s (> 0) bounds
 * the whole exchange; connecting gets at most SMTP_CONNECT_TIMEOUT_MAX.
 *
 * Returns 0 once the server has accepted the message. ERR_IO for a failure
 * worth retrying: no connection, a timeout, TLS or network trouble, or a
 * 4xx reply. ERR_INVAL for one that retrying will not cure: a 5xx reply
 * (550 mailbox unavailable, 535 authentication failed, ...), or arguments
 * that break the rules above. On failure err (if not NULL) receives a
 * short NUL-terminated English message, truncated to errlen, quoting the
 * server's last reply when there was one; it never holds the password.
 */
MUST_CHECK int smtp_send(const char *url, const char *from, const char *to,
    const char *msg, size_t len, long timeout_s, char *err, size_t errlen);

#endif
