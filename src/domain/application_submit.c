/*
 * application_submit.c: submitting a draft (with the declaration, the
 * evidence rules and the identity screen), withdrawing, and the learner's
 * response to an integrity concern (see application.h).
 *
 * A submission is a round: the evidence as it stood (answers and the
 * current attachments as JSON), the declaration with its policy version,
 * and the screen's findings (field, kind and offsets, never the matched
 * text). A submission still carrying a high-confidence identifier is kept
 * as a round declined automatically and the learner may resubmit at once;
 * any other joins the back of the issuer's queue (queue_seq, unique: a
 * race with another submission is retried once) with a decision due
 * APPLICATION_DUE_DAYS days later.
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/application.h"
#include "domain/application_int.h"
#include "domain/audit.h"
#include "domain/common.h"

/* http_url: an absolute http(s) URL without spaces. */
static bool
http_url(const char *s)
{
	size_t skip;

	if (strncmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return false;
	if (s[skip] == '\0' || s[skip] == '/')
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || (unsigned char)*p == 0x7f)
			return false;
	return strlen(s) <= APP_URL_MAX;
}

/* check_links checks every non-empty line of links. */
static int
check_links(struct arena *a, const char *links, struct form_err *e)
{
	const char *p = links;
	size_t line = 0, n = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *t = app_trim(a, arena_strndup(a, p, len));

		line++;
		if (t == NULL)
			return ERR_TOOBIG;
		if (t[0] != '\0') {
			if (++n > APP_LINKS_MAX)
				return form_fail(e, "links",
				    "Give at most 20 links, one a line.",
				    ERR_INVAL);
			if (!http_url(t))
				return form_fail(e, "links",
				    arena_printf(a,
				        "Line %zu of your links is not a web "
				        "address. Each link must start with "
				        "https:// or http://.",
				        line),
				    ERR_INVAL);
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	return 0;
}

/* check_evidence applies the evidence rules of application_submit. */
static int
check_evidence(
    struct arena *a, const struct application *ap, struct form_err *e)
{
	const char *alt = app_trim(a, ap->alt_url);
	size_t words, first = 0, nmissing = 0;
	struct buf which;
	int rc;

	if (alt == NULL)
		return ERR_TOOBIG;
	if (alt[0] != '\0' && !http_url(alt))
		return form_fail(e, "alt_url",
		    "The link to your audio or video account must be a web "
		    "address starting with https:// or http://.",
		    ERR_INVAL);
	if ((rc = check_links(a, ap->links, e)) != 0)
		return rc;
	if (alt[0] != '\0')
		return 0; /* an audio or video account stands for the rest */
	words = app_word_count(ap->account_md);
	if ((int64_t)words < ap->min_words)
		return form_fail(e, "account",
		    arena_printf(a,
		        "Your reflective account has %zu word%s; this badge "
		        "asks for at least %lld. Write more, or give a link to "
		        "an audio or video account instead.",
		        words, words == 1 ? "" : "s", (long long)ap->min_words),
		    ERR_INVAL);
	buf_init(&which, a, 4096);
	for (size_t i = 0; i < ap->nanswers; i++) {
		if (!text_blank(ap->answers[i].text))
			continue;
		if (nmissing++ == 0)
			first = i + 1;
		buf_addf(&which, "%s%d", which.len ? ", " : "",
		    ap->answers[i].position);
	}
	if (buf_err(&which) != 0)
		return ERR_TOOBIG;
	if (nmissing > 0)
		return form_fail(e, arena_printf(a, "answer_%zu", first),
		    arena_printf(a,
		        "Answer every criterion: criterion %s %s no answer "
		        "yet. Or give a link to an audio or video account "
		        "instead.",
		        which.data, nmissing == 1 ? "has" : "have"),
		    ERR_INVAL);
	return 0;
}

static char *
answers_json(const struct application *ap)
{
	json_t *j = json_array();
	char *s;

	for (size_t i = 0; i < ap->nanswers; i++)
		json_array_append_new(j, json_string(ap->answers[i].text));
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

static char *
attachments_json(const struct application *ap)
{
	json_t *j = json_array();
	char *s;

	for (size_t i = 0; i < ap->nattachments; i++) {
		const struct app_attachment *t = &ap->attachments[i];
		json_array_append_new(j,
		    json_pack("{s:s,s:s,s:s,s:s,s:I,s:I}", "id", t->id,
		        "filename", t->filename, "content_type",
		        t->content_type, "hash", t->hash, "size",
		        (json_int_t)t->size, "created_at",
		        (json_int_t)t->created_at));
	}
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

static char *
screen_json(const struct app_hit *h, size_t n)
{
	json_t *j = json_array();
	char *s;

	for (size_t i = 0; i < n; i++)
		json_array_append_new(j,
		    json_pack("{s:s,s:s,s:I,s:I,s:b}", "field", h[i].field,
		        "kind", h[i].code ? h[i].code : "", "start",
		        (json_int_t)h[i].start, "len", (json_int_t)h[i].len,
		        "high", h[i].high));
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

static const char *const months[] = {"January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November",
    "December"};

/* long_date writes t as "21 December 2026". */
static const char *
long_date(struct arena *a, int64_t t)
{
	char d[16];
	int m;

	clock_format_date(t, d, sizeof(d));
	m = (d[5] - '0') * 10 + (d[6] - '0');
	if (m < 1 || m > 12)
		return arena_strdup(a, d);
	return arena_printf(a, "%d %s %.4s", (d[8] - '0') * 10 + (d[9] - '0'),
	    months[m - 1], d);
}

static const char stale_msg[] =
    "This draft was changed in another tab or window after you opened "
    "this page, so it was not submitted. Check the latest version and "
    "submit again.";

/* The strings a round keeps, made before the transaction. */
struct round_texts {
	char *answers, *attachments, *screen;
};

static void
round_texts_free(struct round_texts *t)
{
	free(t->answers);
	free(t->attachments);
	free(t->screen);
}

static int
insert_round(struct app *app, const struct application *ap,
    const struct round_texts *t, int round, int64_t now, int64_t due,
    int64_t seq, bool auto_declined)
{
	struct db_param p[18];

	p[0] = DB_STR(ap->id);
	p[1] = DB_INT(round);
	p[2] = DB_INT(ap->version);
	p[3] = DB_STR(ap->account_md);
	p[4] = DB_STR(ap->alt_url);
	p[5] = DB_STR(ap->links);
	p[6] = DB_STR(t->answers);
	p[7] = DB_STR(t->attachments);
	p[8] = DB_STR(DECLARATION_TEXT);
	p[9] = DB_STR(DECLARATION_POLICY_VERSION);
	p[10] = DB_INT(now);
	p[11] = DB_STR(t->screen);
	p[12] = DB_INT(now);
	p[13] = DB_INT(due);
	p[14] = DB_INT(seq);
	p[15] = auto_declined ? DB_STR("auto_declined") : DB_NULL;
	p[16] = DB_STR(auto_declined ? "identifies-individuals" : "");
	p[17] = auto_declined ? DB_INT(now) : DB_NULL;
	return db_exec(app->db, Q_APP_ROUND_INSERT, p, 18, NULL, NULL);
}

static int
auto_decline(struct app *app, struct arena *a, const struct who *who,
    const struct application *ap, const struct round_texts *t, int round,
    int64_t now, struct form_err *e)
{
	struct db_param p[4];
	struct db_rows rows;
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = insert_round(app, ap, t, round, now, 0, 0, true);
	p[0] = DB_STR(ap->id);
	p[1] = DB_INT(ap->revision);
	p[2] = DB_INT(round);
	p[3] = DB_INT(now);
	if (rc == 0)
		rc = db_exec(app->db, Q_APP_AUTO_DECLINE, p, 4, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		return form_fail(e, "", stale_msg, ERR_CONFLICT);
	}
	if (rc == 0)
		rc = app_mail_person(app, a, ap->person_id,
		    arena_printf(a, "Your application for %s was not submitted",
		        ap->badge_name),
		    arena_printf(a,
		        "Hello %s,\n\nYour application for the badge \"%s\" "
		        "was declined automatically because it still contains "
		        "something that could identify a person who uses "
		        "services or a colleague (such as a name, a date of "
		        "birth, an address, a phone number or a CHI, NHS or "
		        "National Insurance number).\n\n"
		        "Nothing else has been judged. Remove what is "
		        "highlighted and submit it again at once:\n\n"
		        "%s/applications/%s/edit\n\nLaurel\n",
		        ap->person_name, ap->badge_name, app_base(app),
		        ap->id));
	if (rc == 0)
		rc = audit_log(app, who, "application.auto_decline", ap->id,
		    arena_printf(a, "round %d identifies-individuals", round));
	return tx_end(app, rc);
}

/* queue_in inserts the round and moves the application into the queue;
 * ERR_CONFLICT from the database means another submission took the same
 * queue_seq (the caller retries), *stale a revision that moved on. */
static int
queue_in(struct app *app, struct arena *a, const struct who *who,
    const struct application *ap, const struct round_texts *t, int round,
    int64_t now, bool *stale)
{
	int64_t due = now + (int64_t)APPLICATION_DUE_DAYS * 86400;
	struct db_param p[6];
	struct db_rows rows;
	int64_t seq;
	int rc;

	*stale = false;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = db_exec(app->db, Q_APP_NEXT_SEQ, NULL, 0, a, &rows);
	seq = rc == 0 && rows.nrows ? db_get_int(&rows, 0, 0) : 1;
	if (rc == 0)
		rc = insert_round(app, ap, t, round, now, due, seq, false);
	p[0] = DB_STR(ap->id);
	p[1] = DB_INT(ap->revision);
	p[2] = DB_INT(round);
	p[3] = DB_INT(seq);
	p[4] = DB_INT(now);
	p[5] = DB_INT(due);
	if (rc == 0)
		rc = db_exec(app->db, Q_APP_SUBMIT, p, 6, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		*stale = true;
		return ERR_CONFLICT;
	}
	if (rc == 0)
		rc = app_mail_person(app, a, ap->person_id,
		    arena_printf(a,
		        "Your application for %s has been submitted",
		        ap->badge_name),
		    arena_printf(a,
		        "Hello %s,\n\nThank you. Your application for the "
		        "badge \"%s\" has been submitted to %s.\n\n"
		        "A decision is due by %s. You can see where it is in "
		        "the queue here:\n\n%s/applications/%s\n\nLaurel\n",
		        ap->person_name, ap->badge_name, ap->issuer_name,
		        long_date(a, due), app_base(app), ap->id));
	if (rc == 0)
		rc = audit_log(app, who,
		    round > 1 ? "application.resubmit" : "application.submit",
		    ap->id,
		    arena_printf(
		        a, "round %d queue %lld", round, (long long)seq));
	return tx_end(app, rc);
}

int
application_submit(struct app *app, struct arena *a, const struct who *who,
    const char *id, int64_t revision, bool declared,
    struct app_submit_result *result, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct round_texts t = {NULL, NULL, NULL};
	struct application ap, after;
	struct app_draft d;
	struct app_row row;
	bool stale = false;
	int rc, round;

	memset(result, 0, sizeof(*result));
	if ((rc = app_owner_editable(app, a, who, id, &row, e)) != 0)
		return rc;
	if ((rc = application_get(app, a, who, id, &ap)) != 0)
		return rc;
	if (revision != ap.revision)
		return form_fail(e, "", stale_msg, ERR_CONFLICT);
	if (!declared)
		return form_fail(e, "declaration",
		    "Confirm that the evidence is entirely your own work and "
		    "that no generative AI was used, or your application "
		    "cannot be submitted.",
		    ERR_INVAL);
	if ((rc = check_evidence(a, &ap, e)) != 0)
		return rc;
	if ((rc = application_draft_of(a, &ap, &d)) != 0 ||
	    (rc = application_screen_draft(
	         a, &d, &result->hits, &result->nhits)) != 0)
		return rc;
	for (size_t i = 0; i < result->nhits; i++)
		result->auto_declined |= result->hits[i].high;
	round = ap.round + 1;
	result->round = round;
	t.answers = answers_json(&ap);
	t.attachments = attachments_json(&ap);
	t.screen = screen_json(result->hits, result->nhits);
	if (t.answers == NULL || t.attachments == NULL || t.screen == NULL) {
		rc = ERR_TOOBIG;
		goto out;
	}
	if (result->auto_declined) {
		rc = auto_decline(app, a, who, &ap, &t, round, now, e);
		goto out;
	}
	rc = queue_in(app, a, who, &ap, &t, round, now, &stale);
	if (rc == ERR_CONFLICT && !stale) /* a queue number taken: again */
		rc = queue_in(app, a, who, &ap, &t, round, now, &stale);
	if (rc == ERR_CONFLICT && stale)
		rc = form_fail(e, "", stale_msg, ERR_CONFLICT);
	if (rc != 0)
		goto out;
	result->due_at = now + (int64_t)APPLICATION_DUE_DAYS * 86400;
	if (application_get(app, a, who, id, &after) == 0)
		result->queue_position = after.queue_position;
out:
	round_texts_free(&t);
	return rc;
}

int
application_withdraw(struct app *app, struct arena *a, const struct who *who,
    const char *id, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[3] = {
	    DB_STR(id), DB_STR(app_nz(who->person)), DB_INT(now)};
	struct application ap;
	struct db_rows rows;
	int rc, mask;

	mask = application_access(app, a, who, id);
	if (mask == 0)
		return form_fail(e, "",
		    "There is no application at this address.", ERR_NOTFOUND);
	if ((mask & APP_ACCESS_OWNER) == 0)
		return form_fail(e, "",
		    "Only the person applying can withdraw an application.",
		    ERR_FORBIDDEN);
	if ((rc = application_get(app, a, who, id, &ap)) != 0)
		return rc;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = db_exec(app->db, Q_APP_WITHDRAW, p, 3, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		return form_fail(e, "",
		    ap.status == APP_INTEGRITY
		        ? "This application cannot be withdrawn while an "
		          "integrity concern about it is being considered."
		        : ap.status == APP_SUBMITTED
		        ? "An assessor is deciding this application now, so "
		          "it cannot be withdrawn."
		        : "This application has already ended.",
		    ERR_CONFLICT);
	}
	if (rc == 0)
		rc = audit_log(app, who, "application.withdraw", id,
		    arena_printf(a, "from %s", app_status_code(ap.status)));
	return tx_end(app, rc);
}

int
application_concerns(struct app *app, struct arena *a, const struct who *who,
    const char *id, struct app_concern **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	struct app_concern *v;
	int rc;

	*out = NULL;
	*n = 0;
	if ((application_access(app, a, who, id) &
	        (APP_ACCESS_OWNER | APP_ACCESS_ASSESSOR |
	            APP_ACCESS_ISSUER_ADMIN)) == 0)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_APP_CONCERNS, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].round = (int)db_get_int(&rows, r, 1);
		v[r].note = db_get(&rows, r, 2);
		v[r].raised_at = db_get_int(&rows, r, 3);
		v[r].response = db_get(&rows, r, 4);
		v[r].responded_at = db_get_int(&rows, r, 5);
		v[r].outcome = db_get(&rows, r, 6);
		v[r].decision_note = db_get(&rows, r, 7);
		v[r].decided_at = db_get_int(&rows, r, 8);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
application_respond(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *text, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct app_concern *c, *open = NULL;
	struct db_param p[4];
	struct db_rows rows;
	const char *body;
	size_t n;
	int rc, mask;

	mask = application_access(app, a, who, id);
	if (mask == 0)
		return form_fail(e, "",
		    "There is no application at this address.", ERR_NOTFOUND);
	if ((mask & APP_ACCESS_OWNER) == 0)
		return form_fail(e, "",
		    "Only the person applying can respond to a concern.",
		    ERR_FORBIDDEN);
	if ((body = app_trim(a, text)) == NULL)
		return ERR_TOOBIG;
	if (body[0] == '\0')
		return form_fail(
		    e, "response", "Write your response.", ERR_INVAL);
	if (!app_text_ok(body, APP_RESPONSE_MAX))
		return form_fail(e, "response",
		    "Your response is too long: the limit is 8,000 "
		    "characters.",
		    ERR_INVAL);
	if ((rc = application_concerns(app, a, who, id, &c, &n)) != 0)
		return rc;
	{
		struct app_row row;
		if ((rc = app_row_get(app, a, id, &row)) != 0)
			return rc;
		if (row.status != APP_INTEGRITY)
			return form_fail(e, "",
			    "There is no open concern about this application "
			    "to respond to.",
			    ERR_CONFLICT);
	}
	for (size_t i = 0; i < n; i++)
		if (c[i].outcome[0] == '\0')
			open = &c[i];
	if (open == NULL || open->responded_at != 0)
		return form_fail(e, "",
		    open ? "You have already responded to this concern."
		         : "There is no open concern about this application to "
		           "respond to.",
		    ERR_CONFLICT);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_STR(open->id);
	p[2] = DB_STR(body);
	p[3] = DB_INT(now);
	rc = db_exec(app->db, Q_APP_CONCERN_RESPOND, p, 4, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "You have already responded to this concern.",
		    ERR_CONFLICT);
	}
	if (rc == 0)
		rc = audit_log(
		    app, who, "application.integrity.respond", id, open->id);
	return tx_end(app, rc);
}
