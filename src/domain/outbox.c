/*
 * outbox.c: queued email and its delivery (see outbox.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/mail.h"
#include "domain/outbox.h"
#include "domain/smtp.h"

#define SMTP_TIMEOUT_S 30

static bool
smtp_configured(const struct app *app)
{
	return app->cfg->smtp_url != NULL && app->cfg->smtp_url[0] != '\0';
}

int
outbox_queue(
    struct app *app, const char *to, const char *subject, const char *body)
{
	char id[ID_LEN + 1];
	bool held = !smtp_configured(app);
	struct db_param p[6];
	int rc;

	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(to);
	p[2] = DB_STR(subject);
	p[3] = DB_STR(body);
	p[4] = DB_STR(held ? "held" : "queued");
	p[5] = DB_INT(clock_now(app->clock));
	if ((rc = db_exec(app->db, Q_OUTBOX_INSERT, p, 6, NULL, NULL)) != 0)
		return rc;
	if (held)
		log_info("email held (no SMTP server configured)", "to", to,
		    "subject", subject, "body", body);
	return 0;
}

static int64_t
backoff(int64_t attempts)
{
	static const int64_t steps[] = {60, 300, 1800, 7200};

	if (attempts <= 0)
		return steps[0];
	if ((size_t)attempts <= NELEM(steps))
		return steps[attempts - 1];
	return 6 * 3600;
}

int
outbox_deliver_due(struct app *app, size_t limit, int *sent)
{
	struct arena *a = arena_new(4u << 20);
	int64_t now = clock_now(app->clock);
	struct db_param p[5] = {DB_INT(now), DB_INT(limit)};
	struct db_rows rows;
	int rc;

	*sent = 0;
	if (!smtp_configured(app)) {
		arena_free(a);
		return 0;
	}
	if ((rc = db_exec(app->db, Q_OUTBOX_DUE, p, 2, a, &rows)) != 0)
		goto out;
	for (size_t r = 0; r < rows.nrows; r++) {
		const char *id = db_get(&rows, r, 0), *to = db_get(&rows, r, 1);
		int64_t attempts = db_get_int(&rows, r, 4) + 1;
		struct buf msg;
		char err[256] = "", fresh[ID_LEN + 1], mid[ID_LEN + 256];
		const char *host = strchr(app->cfg->smtp_from, '@');
		int src;

		/* Message-ID: a fresh id at the sender's domain */
		id_new(fresh);
		snprintf(mid, sizeof(mid), "%s@%s", fresh,
		    host && host[1] ? host + 1 : "laurel.invalid");
		buf_init(&msg, a, 1u << 20);
		src = mail_format(&msg, app->cfg->smtp_from, to,
		    db_get(&rows, r, 2), db_get(&rows, r, 3),
		    db_get_int(&rows, r, 5), mid);
		if (src != 0)
			snprintf(err, sizeof(err), "cannot format the message");
		else
			src = smtp_send(app->cfg->smtp_url, app->cfg->smtp_from,
			    to, msg.data, msg.len, SMTP_TIMEOUT_S, err,
			    sizeof(err));
		if (src == 0) {
			p[0] = DB_STR(id);
			p[1] = DB_INT(clock_now(app->clock));
			if ((rc = db_exec(app->db, Q_OUTBOX_SENT, p, 2, NULL,
			         NULL)) != 0)
				goto out;
			(*sent)++;
			continue;
		}
		bool permanent =
		    src == ERR_INVAL || attempts >= OUTBOX_MAX_ATTEMPTS;
		log_warn("email not delivered", "id", id, "error", err, "retry",
		    permanent ? "no" : "yes");
		p[0] = DB_STR(id);
		p[1] = DB_INT(attempts);
		p[2] = DB_INT(now + backoff(attempts));
		p[3] = DB_STR(err);
		p[4] = DB_STR(permanent ? "failed" : "queued");
		if ((rc = db_exec(app->db, Q_OUTBOX_RETRY, p, 5, NULL, NULL)) !=
		    0)
			goto out;
	}
	rc = 0;
out:
	arena_free(a);
	return rc;
}

int
outbox_list(struct app *app, struct arena *a, size_t limit,
    struct outbox_msg **out, size_t *n)
{
	struct db_param p[1] = {DB_INT(limit)};
	struct db_rows rows;
	struct outbox_msg *v;
	int rc;

	if ((rc = db_exec(app->db, Q_OUTBOX_LIST, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].to = db_get(&rows, r, 1);
		v[r].subject = db_get(&rows, r, 2);
		v[r].body = db_get(&rows, r, 3);
		v[r].status = db_get(&rows, r, 4);
		v[r].created_at = db_get_int(&rows, r, 5);
		v[r].attempts = db_get_int(&rows, r, 6);
		v[r].last_error = db_get(&rows, r, 7);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}
