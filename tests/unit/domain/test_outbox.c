/*
 * test_outbox.c: the outbox delivers queued email to a real (test) SMTP
 * server, retries transient failures with back-off, gives up on
 * permanent ones, and holds email when no server is configured.
 */
#include "core/arena.h"
#include "core/err.h"
#include "domain/outbox.h"
#include "../../lib/smtpd.c"
#include "../db/testdb.h"

#define T0 1795437296

struct env {
	struct db *db;
	struct config cfg;
	struct clock clk;
	struct app app;
	struct arena *a;
	struct smtpd srv;
};

static void
env_open(struct env *e, bool with_smtp)
{
	memset(e, 0, sizeof(*e));
	e->db = testdb_open_kind(DB_SQLITE, true);
	config_defaults(&e->cfg);
	e->clk = clock_frozen(T0);
	e->app = (struct app){
	    .cfg = &e->cfg, .clock = &e->clk, .db = e->db, .secret = NULL};
	e->a = arena_new(1 << 20);
	if (with_smtp) {
		char msg[200];
		cr_assert_eq(smtpd_start(&e->srv), 0);
		cr_assert_eq(config_set(&e->cfg, "smtp-url", e->srv.url, msg,
		                 sizeof(msg)),
		    0, "%s", msg);
	}
}

static void
env_close(struct env *e, bool with_smtp)
{
	if (with_smtp)
		smtpd_stop(&e->srv);
	config_free(&e->cfg);
	arena_free(e->a);
	db_close(e->db);
}

static const char *
status_of(struct env *e, size_t i)
{
	struct outbox_msg *m;
	size_t n;

	cr_assert_eq(outbox_list(&e->app, e->a, 10, &m, &n), 0);
	cr_assert(i < n);
	return m[i].status;
}

/* Regression: the default sender and the Message-ID were refused by
 * mail_format, so nothing was ever delivered. */
Test(outbox, delivers_with_the_default_sender)
{
	struct env e;
	const struct smtpd_msg *m;
	int sent;

	env_open(&e, true);
	cr_assert_eq(outbox_queue(&e.app, "ann@example.org", "Hello",
	                 "A link: https://example.org/x?token=abc\n"),
	    0);
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_eq(sent, 1);
	cr_assert_eq(smtpd_count(&e.srv), 1);
	m = smtpd_msg(&e.srv, 0);
	cr_assert_str_eq(m->from, "no-reply@laurel.invalid");
	cr_assert_str_eq(m->rcpt[0], "ann@example.org");
	cr_assert(strstr(m->data, "Message-ID: <") != NULL);
	cr_assert(strstr(m->data, "@laurel.invalid>") != NULL);
	cr_assert(strstr(m->data, "Subject: Hello") != NULL);
	cr_assert_str_eq(status_of(&e, 0), "sent");
	/* nothing left to send */
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_eq(sent, 0);
	env_close(&e, true);
}

Test(outbox, transient_failure_backs_off_then_delivers)
{
	struct env e;
	int sent;

	env_open(&e, true);
	smtpd_reject_rcpt(&e.srv, 451);
	cr_assert_eq(outbox_queue(&e.app, "bo@example.org", "Later", "x\n"), 0);
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_eq(sent, 0);
	cr_assert_str_eq(status_of(&e, 0), "queued");
	smtpd_reject_rcpt(&e.srv, 0);
	/* not due yet */
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_eq(sent, 0);
	e.clk.frozen += 61;
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_eq(sent, 1);
	cr_assert_str_eq(status_of(&e, 0), "sent");
	env_close(&e, true);
}

Test(outbox, permanent_failure_fails_at_once)
{
	struct env e;
	int sent;

	env_open(&e, true);
	smtpd_reject_rcpt(&e.srv, 550);
	cr_assert_eq(outbox_queue(&e.app, "no@example.org", "Never", "x\n"), 0);
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_str_eq(status_of(&e, 0), "failed");
	e.clk.frozen += 86400;
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_eq(sent, 0);
	env_close(&e, true);
}

Test(outbox, held_without_smtp)
{
	struct env e;
	int sent;

	env_open(&e, false);
	cr_assert_eq(outbox_queue(&e.app, "h@example.org", "Held", "x\n"), 0);
	cr_assert_eq(outbox_deliver_due(&e.app, 10, &sent), 0);
	cr_assert_eq(sent, 0);
	cr_assert_str_eq(status_of(&e, 0), "held");
	env_close(&e, false);
}
