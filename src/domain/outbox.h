/*
 * outbox.h: email goes through the outbox table.
 *
 * outbox_queue stores a message in the same transaction as the change
 * that caused it; a sender (outbox_deliver_due, run by a background thread
 * of `laurel serve`) delivers it over SMTP with retries and backoff. When
 * no SMTP server is configured the message is held: it is written to the
 * log and shown on the development outbox page to platform admins.
 */
#ifndef LAUREL_OUTBOX_H
#define LAUREL_OUTBOX_H

#include "core/common.h"
#include "domain/app.h"

struct arena;

#define OUTBOX_MAX_ATTEMPTS 8

/*
 * outbox_queue adds a message to `to`. subject and body are plain text
 * (UTF-8); the body may contain links. Returns 0 or ERR_DB.
 */
MUST_CHECK int outbox_queue(
    struct app *app, const char *to, const char *subject, const char *body);

/*
 * outbox_deliver_due tries to send up to limit queued messages whose time
 * has come, and sets *sent to how many went. A transient failure is
 * retried later (1 min, 5 min, 30 min, 2 h, then every 6 h) until
 * OUTBOX_MAX_ATTEMPTS; a permanent one (5xx) fails at once.
 */
MUST_CHECK int outbox_deliver_due(struct app *app, size_t limit, int *sent);

struct outbox_msg {
	const char *id;
	const char *to;
	const char *subject;
	const char *body;
	const char *status;
	int64_t created_at;
	int64_t attempts;
	const char *last_error;
};

/* outbox_list returns the newest limit messages, for the outbox page. */
MUST_CHECK int outbox_list(struct app *app, struct arena *a, size_t limit,
    struct outbox_msg **out, size_t *n);

#endif
