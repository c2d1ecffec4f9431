/*
 * application.c: a learner's application (application.h): states, who may
 * see it, starting, reading, saving drafts and keeping what a person typed
 * when their session ended. Attachments are in application_evidence.c,
 * reviewers and comments in application_review.c, submission, withdrawal
 * and integrity responses in application_submit.c.
 *
 * Every check of who may do what is made here, in the domain, from the
 * application's row: the web layer's route policies only require a
 * signed-in person. Someone without access gets ERR_NOTFOUND, so ids are
 * not confirmed to strangers. Every write runs in one transaction ended
 * with tx_end, so nothing is ever half written. Results live in the
 * caller's arena.
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/application.h"
#include "domain/application_int.h"
#include "domain/audit.h"
#include "domain/badge.h"
#include "domain/common.h"
#include "domain/org.h"
#include "domain/outbox.h"
#include "domain/screen.h"

/* ---- states ------------------------------------------------------------ */

static const char *const status_codes[] = {NULL, "draft", "submitted",
    "integrity", "returned", "auto_declined", "declined", "awarded",
    "withdrawn"};

const char *
app_status_code(enum app_status s)
{
	if ((size_t)s >= 1 && (size_t)s < NELEM(status_codes))
		return status_codes[s];
	return "";
}

enum app_status
app_status_parse(const char *s)
{
	for (size_t i = 1; s != NULL && i < NELEM(status_codes); i++)
		if (strcmp(s, status_codes[i]) == 0)
			return (enum app_status)i;
	return 0;
}

bool
app_status_open(enum app_status s)
{
	return s == APP_DRAFT || s == APP_SUBMITTED || s == APP_INTEGRITY ||
	    s == APP_RETURNED || s == APP_AUTO_DECLINED;
}

bool
app_status_editable(enum app_status s)
{
	return s == APP_DRAFT || s == APP_RETURNED || s == APP_AUTO_DECLINED;
}

const char *
app_state_label(enum app_status s, bool shared, bool claimed, int round)
{
	switch (s) {
	case APP_DRAFT:
		return shared ? "Shared for feedback" : "Draft";
	case APP_SUBMITTED:
		return claimed  ? "Being assessed"
		    : round > 1 ? "Resubmitted"
		                : "Submitted";
	case APP_INTEGRITY:
		return "Integrity concern";
	case APP_RETURNED:
		return "Returned for further work";
	case APP_AUTO_DECLINED:
		return "Declined automatically";
	case APP_DECLINED:
		return "Declined";
	case APP_AWARDED:
		return "Awarded";
	case APP_WITHDRAWN:
		return "Withdrawn";
	}
	return "Unknown";
}

/* ---- shared helpers ---------------------------------------------------- */

const char *
app_nz(const char *s)
{
	return s ? s : "";
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *
app_trim(struct arena *a, const char *s)
{
	size_t n;

	s = app_nz(s);
	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

const char *
app_base(struct app *app)
{
	const char *b =
	    app->cfg && app->cfg->base_url ? app->cfg->base_url : "";
	size_t n = strlen(b);

	return n > 0 && b[n - 1] == '/' ? "" : b;
}

/*
 * utf8_next decodes the sequence at s (n bytes left) into *c and returns
 * its length, or 0 for a malformed one (overlong, surrogate, past
 * U+10FFFF, truncated).
 */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *c)
{
	size_t k;
	uint32_t v, min;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		k = 2;
		v = s[0] & 0x1Fu;
		min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		k = 3;
		v = s[0] & 0x0Fu;
		min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		k = 4;
		v = s[0] & 0x07u;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < k)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*c = v;
	return k;
}

bool
app_text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	return n <= max && app_utf8_ok(s, n);
}

bool
app_utf8_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint32_t c;

	while (i < n) {
		size_t k = utf8_next(u + i, n - i, &c);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

size_t
app_word_count(const char *s)
{
	const unsigned char *u = (const unsigned char *)app_nz(s);
	size_t n = strlen((const char *)u), i = 0, words = 0;
	bool in = false, alnum = false;

	while (i < n) {
		uint32_t c = 0;
		size_t k = utf8_next(u + i, n - i, &c);
		bool word = false, letter = false;

		if (k == 0) {
			k = 1;
			c = 0xFFFD;
		}
		if (c < 0x80) {
			letter = (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			word = letter || c == '\'';
		} else if (c == 0x2019) {
			word = true;
		} else if (c <= 0xBF || c == 0xD7 || c == 0xF7 ||
		    (c >= 0x2000 && c <= 0x206F) || c == 0x3000 ||
		    c == 0xFEFF) {
			word = false;
		} else {
			word = letter = true;
		}
		if (word) {
			in = true;
			alnum = alnum || letter;
		} else {
			words += in && alnum;
			in = alnum = false;
		}
		i += k;
	}
	return words + (in && alnum);
}

int
app_mail_person(struct app *app, struct arena *a, const char *person,
    const char *subject, const char *body)
{
	struct account acc;
	int rc;

	if (subject == NULL || body == NULL)
		return ERR_TOOBIG;
	rc = account_get(app, a, person, &acc);
	if (rc == ERR_NOTFOUND || (rc == 0 && acc.primary[0] == '\0'))
		return 0;
	if (rc != 0)
		return rc;
	return outbox_queue(app, acc.primary, subject, body);
}

int
app_row_get(
    struct app *app, struct arena *a, const char *id, struct app_row *out)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	int rc;

	if (id == NULL || !id_valid(id, strlen(id)))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_APP_ACCESS_ROW, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	out->person = db_get(&rows, 0, 0);
	out->issuer = db_get(&rows, 0, 1);
	out->status = app_status_parse(db_get(&rows, 0, 2));
	out->round = (int)db_get_int(&rows, 0, 3);
	return 0;
}

int
app_access_of(struct app *app, struct arena *a, const struct who *who,
    const char *id, const struct app_row *row)
{
	const char *person = who ? who->person : NULL;
	struct db_param p[2] = {DB_STR(id), DB_STR(person)};
	struct db_rows rows;
	int mask = 0, role;

	if (person == NULL || person[0] == '\0')
		return 0;
	if (strcmp(row->person, person) == 0)
		mask |= APP_ACCESS_OWNER;
	if (app_status_open(row->status) &&
	    db_exec(app->db, Q_APP_REVIEWER_OF, p, 2, a, &rows) == 0 &&
	    rows.nrows > 0)
		mask |= APP_ACCESS_REVIEWER;
	/* The issuer's staff from the first submission on. */
	if (row->round > 0) {
		role = issuer_person_role(app, a, row->issuer, person);
		if (role & ISSUER_ADMIN)
			mask |= APP_ACCESS_ISSUER_ADMIN;
		if (role & ISSUER_ASSESSOR)
			mask |= APP_ACCESS_ASSESSOR;
	}
	return mask;
}

int
application_access(
    struct app *app, struct arena *a, const struct who *who, const char *id)
{
	struct app_row row;

	if (app_row_get(app, a, id, &row) != 0)
		return 0;
	return app_access_of(app, a, who, id, &row);
}

static const char no_app_msg[] = "There is no application at this address.";

int
app_owner_editable(struct app *app, struct arena *a, const struct who *who,
    const char *id, struct app_row *row, struct form_err *e)
{
	int rc, mask;

	if ((rc = app_row_get(app, a, id, row)) != 0)
		return rc == ERR_NOTFOUND
		    ? form_fail(e, "", no_app_msg, ERR_NOTFOUND)
		    : rc;
	mask = app_access_of(app, a, who, id, row);
	if (mask == 0)
		return form_fail(e, "", no_app_msg, ERR_NOTFOUND);
	if ((mask & APP_ACCESS_OWNER) == 0)
		return form_fail(e, "",
		    "Only the person applying can change this application.",
		    ERR_FORBIDDEN);
	if (!app_status_editable(row->status))
		return form_fail(e, "",
		    row->status == APP_SUBMITTED || row->status == APP_INTEGRITY
		        ? "This application has been submitted, so it can no "
		          "longer be changed."
		        : "This application has ended, so it can no longer be "
		          "changed.",
		    ERR_CONFLICT);
	return 0;
}

/* ---- starting ---------------------------------------------------------- */

static int
find_open(struct app *app, struct arena *a, const char *person,
    const char *badge, const char **id)
{
	struct db_param p[2] = {DB_STR(person), DB_STR(badge)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_APP_OPEN_FOR, p, 2, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	*id = db_get(&rows, 0, 0);
	return 0;
}

int
application_start(struct app *app, struct arena *a, const struct who *who,
    const char *badge, const char **id, bool *existing, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct badge_detail d;
	struct db_param p[6];
	struct buf missing;
	size_t nmissing = 0;
	char *fresh;
	int rc;

	*existing = false;
	*id = NULL;
	if (who->person == NULL || who->person[0] == '\0')
		return form_fail(
		    e, "", "Sign in to apply for a badge.", ERR_FORBIDDEN);
	if (badge == NULL || !id_valid(badge, strlen(badge)))
		return form_fail(
		    e, "", "There is no such badge.", ERR_NOTFOUND);
	rc = badge_get(app, a, badge, 0, false, who->person, &d);
	if (rc == ERR_NOTFOUND)
		return form_fail(
		    e, "", "There is no such badge.", ERR_NOTFOUND);
	if (rc != 0)
		return rc;
	/* An open application is returned whatever else has changed. */
	if ((rc = find_open(app, a, who->person, badge, id)) == 0) {
		*existing = true;
		return 0;
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	if (strcmp(d.status, "published") != 0)
		return form_fail(e, "",
		    "This badge is no longer open to applications.",
		    ERR_CONFLICT);
	buf_init(&missing, a, 8192);
	for (size_t i = 0; i < d.n_prereqs; i++) {
		if (!d.prereqs[i].required || d.prereqs[i].held)
			continue;
		buf_addf(&missing, "%s“%s”", nmissing ? " and " : "",
		    d.prereqs[i].name);
		nmissing++;
	}
	if (buf_err(&missing) != 0)
		return ERR_TOOBIG;
	if (nmissing > 0)
		return form_fail(e, "",
		    arena_printf(a,
		        "You need to hold the badge %s before you can apply "
		        "for this one. Apply for %s first.",
		        missing.data, nmissing == 1 ? "it" : "them"),
		    ERR_FORBIDDEN);

	if ((fresh = arena_alloc(a, ID_LEN + 1)) == NULL)
		return ERR_TOOBIG;
	id_new(fresh);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(fresh);
	p[1] = DB_STR(badge);
	p[2] = DB_INT(d.current_version);
	p[3] = DB_STR(d.issuer_id);
	p[4] = DB_STR(who->person);
	p[5] = DB_INT(now);
	rc = db_exec(app->db, Q_APP_INSERT, p, 6, NULL, NULL);
	if (rc == ERR_CONFLICT) {
		/* Started at the same moment elsewhere (another tab): the
		 * unique index on open applications keeps one. */
		db_rollback(app->db);
		if ((rc = find_open(app, a, who->person, badge, id)) != 0)
			return rc == ERR_NOTFOUND ? ERR_CONFLICT : rc;
		*existing = true;
		return 0;
	}
	if (rc == 0)
		rc = audit_log(app, who, "application.start", fresh,
		    arena_printf(a, "badge %s version %lld", badge,
		        (long long)d.current_version));
	if ((rc = tx_end(app, rc)) != 0)
		return rc;
	*id = fresh;
	return 0;
}

/* ---- reading ----------------------------------------------------------- */

static int
read_attachments(struct app *app, struct arena *a, const char *id,
    struct app_attachment **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	struct app_attachment *v;
	int rc;

	if ((rc = db_exec(app->db, Q_APP_ATTACHMENTS, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].filename = db_get(&rows, r, 1);
		v[r].content_type = db_get(&rows, r, 2);
		v[r].hash = db_get(&rows, r, 3);
		v[r].size = db_get_int(&rows, r, 4);
		v[r].created_at = db_get_int(&rows, r, 5);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

static int64_t
queue_position(struct app *app, struct arena *a, const char *issuer,
    enum app_status status, int64_t seq)
{
	struct db_param p[2] = {DB_STR(issuer), DB_INT(seq)};
	struct db_rows rows;

	if (status != APP_SUBMITTED || seq <= 0 ||
	    db_exec(app->db, Q_APP_QUEUE_POS, p, 2, a, &rows) != 0 ||
	    rows.nrows == 0)
		return 0;
	return 1 + db_get_int(&rows, 0, 0);
}

int
application_get(struct app *app, struct arena *a, const struct who *who,
    const char *id, struct application *out)
{
	int64_t now = clock_now(app->clock);
	struct db_param p[3];
	struct db_rows rows;
	struct app_row row;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_row_get(app, a, id, &row)) != 0)
		return rc;
	if (app_access_of(app, a, who, id, &row) == 0)
		return ERR_NOTFOUND;
	p[0] = DB_STR(id);
	if ((rc = db_exec(app->db, Q_APP_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	out->id = db_get(&rows, 0, 0);
	out->badge_id = db_get(&rows, 0, 1);
	out->version = (int)db_get_int(&rows, 0, 2);
	out->badge_name = db_get(&rows, 0, 3);
	out->issuer_id = db_get(&rows, 0, 4);
	out->issuer_name = db_get(&rows, 0, 5);
	out->person_id = db_get(&rows, 0, 6);
	out->person_name = db_get(&rows, 0, 7);
	out->status = app_status_parse(db_get(&rows, 0, 8));
	out->revision = db_get_int(&rows, 0, 9);
	out->round = (int)db_get_int(&rows, 0, 10);
	out->account_md = db_get(&rows, 0, 11);
	out->alt_url = db_get(&rows, 0, 12);
	out->links = db_get(&rows, 0, 13);
	out->min_words = db_get_int(&rows, 0, 14);
	out->attachments_allowed = db_get_int(&rows, 0, 15) != 0;
	out->submitted_at = db_get_int(&rows, 0, 16);
	out->due_at = db_get_int(&rows, 0, 17);
	out->decided_at = db_get_int(&rows, 0, 18);
	out->claim_expires_at = db_get_int(&rows, 0, 21);
	if (db_get(&rows, 0, 19)[0] != '\0' && out->claim_expires_at > now) {
		out->claimed_by = db_get(&rows, 0, 19);
		out->claimed_by_name = db_get(&rows, 0, 20);
	}
	out->decline_code = db_get(&rows, 0, 22);
	out->queue_position = queue_position(
	    app, a, out->issuer_id, out->status, db_get_int(&rows, 0, 23));
	out->created_at = db_get_int(&rows, 0, 24);
	out->updated_at = db_get_int(&rows, 0, 25);

	p[1] = DB_STR(out->badge_id);
	p[2] = DB_INT(out->version);
	if ((rc = db_exec(app->db, Q_APP_ANSWERS, p, 3, a, &rows)) != 0)
		return rc;
	out->answers = arena_alloc(
	    a, (rows.nrows ? rows.nrows : 1) * sizeof(*out->answers));
	if (out->answers == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		out->answers[r].position = (int)db_get_int(&rows, r, 0);
		out->answers[r].criterion = db_get(&rows, r, 1);
		out->answers[r].text = db_get(&rows, r, 2);
	}
	out->nanswers = rows.nrows;
	if ((rc = read_attachments(
	         app, a, id, &out->attachments, &out->nattachments)) != 0)
		return rc;
	p[1] = DB_INT(now);
	if ((rc = db_exec(app->db, Q_APP_NREVIEWERS, p, 2, a, &rows)) != 0)
		return rc;
	out->nreviewers = rows.nrows ? (size_t)db_get_int(&rows, 0, 0) : 0;
	return 0;
}

/* json_str is a string member of o copied into a, or "". */
static const char *
json_str(struct arena *a, json_t *o, const char *key)
{
	json_t *v = key ? json_object_get(o, key) : o;
	const char *s = json_is_string(v) ? json_string_value(v) : "";

	return arena_strdup(a, s);
}

static int64_t
json_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/* parse_round_json fills answers and attachments of r from JSON text. */
static int
parse_round_json(
    struct arena *a, const char *answers, const char *atts, struct app_round *r)
{
	json_t *ja = json_loads(answers, 0, NULL);
	json_t *jt = json_loads(atts, 0, NULL);
	size_t na = json_is_array(ja) ? json_array_size(ja) : 0;
	size_t nt = json_is_array(jt) ? json_array_size(jt) : 0;
	int rc = ERR_TOOBIG;

	r->answers = arena_alloc(a, (na ? na : 1) * sizeof(*r->answers));
	r->attachments =
	    arena_alloc(a, (nt ? nt : 1) * sizeof(*r->attachments));
	if (r->answers == NULL || r->attachments == NULL)
		goto out;
	for (size_t i = 0; i < na; i++)
		if ((r->answers[i] =
		            json_str(a, json_array_get(ja, i), NULL)) == NULL)
			goto out;
	for (size_t i = 0; i < nt; i++) {
		json_t *o = json_array_get(jt, i);
		struct app_attachment *x = &r->attachments[i];
		x->id = json_str(a, o, "id");
		x->filename = json_str(a, o, "filename");
		x->content_type = json_str(a, o, "content_type");
		x->hash = json_str(a, o, "hash");
		x->size = json_int(o, "size");
		x->created_at = json_int(o, "created_at");
		if (x->id == NULL || x->filename == NULL ||
		    x->content_type == NULL || x->hash == NULL)
			goto out;
	}
	r->nanswers = na;
	r->nattachments = nt;
	rc = 0;
out:
	json_decref(ja);
	json_decref(jt);
	return rc;
}

int
application_rounds(struct app *app, struct arena *a, const struct who *who,
    const char *id, struct app_round **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows, marks;
	struct app_round *v;
	struct app_row row;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_row_get(app, a, id, &row)) != 0)
		return rc;
	if (app_access_of(app, a, who, id, &row) == 0)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_APP_ROUNDS, p, 1, a, &rows)) != 0 ||
	    (rc = db_exec(app->db, Q_APP_MARKS, p, 1, a, &marks)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		struct app_round *x = &v[r];
		size_t k = 0;

		x->round = (int)db_get_int(&rows, r, 0);
		x->version = (int)db_get_int(&rows, r, 1);
		x->account_md = db_get(&rows, r, 2);
		x->alt_url = db_get(&rows, r, 3);
		x->links = db_get(&rows, r, 4);
		if ((rc = parse_round_json(
		         a, db_get(&rows, r, 5), db_get(&rows, r, 6), x)) != 0)
			return rc;
		x->declaration = db_get(&rows, r, 7);
		x->policy_version = db_get(&rows, r, 8);
		x->declared_at = db_get_int(&rows, r, 9);
		x->submitted_at = db_get_int(&rows, r, 10);
		x->due_at = db_get_int(&rows, r, 11);
		x->outcome =
		    db_is_null(&rows, r, 12) ? NULL : db_get(&rows, r, 12);
		x->reason_code = db_get(&rows, r, 13);
		x->feedback = db_get(&rows, r, 14);
		x->decided_by = db_get(&rows, r, 15);
		x->decided_by_name = db_get(&rows, r, 16);
		x->decided_at = db_get_int(&rows, r, 17);
		x->screen = db_get(&rows, r, 18);
		for (size_t m = 0; m < marks.nrows; m++)
			k += db_get_int(&marks, m, 0) == x->round;
		x->marks = arena_alloc(a, (k ? k : 1) * sizeof(*x->marks));
		if (x->marks == NULL)
			return ERR_TOOBIG;
		for (size_t m = 0; m < marks.nrows; m++) {
			if (db_get_int(&marks, m, 0) != x->round)
				continue;
			x->marks[x->nmarks].position =
			    (int)db_get_int(&marks, m, 1);
			x->marks[x->nmarks].met = db_get_int(&marks, m, 2) != 0;
			x->marks[x->nmarks].comment = db_get(&marks, m, 3);
			x->nmarks++;
		}
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
application_list(struct app *app, struct arena *a, const char *person,
    struct app_summary **out, size_t *n)
{
	struct db_param p[2] = {
	    DB_STR(app_nz(person)), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	struct app_summary *v;
	int rc;

	if ((rc = db_exec(app->db, Q_APP_LIST, p, 2, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].badge_id = db_get(&rows, r, 1);
		v[r].badge_name = db_get(&rows, r, 2);
		v[r].status = app_status_parse(db_get(&rows, r, 3));
		v[r].shared =
		    v[r].status == APP_DRAFT && db_get_int(&rows, r, 4) > 0;
		v[r].claimed = v[r].status == APP_SUBMITTED &&
		    db_get_int(&rows, r, 5) != 0;
		v[r].round = (int)db_get_int(&rows, r, 6);
		v[r].due_at = db_get_int(&rows, r, 7);
		v[r].queue_position = queue_position(app, a,
		    db_get(&rows, r, 9), v[r].status, db_get_int(&rows, r, 8));
		v[r].updated_at = db_get_int(&rows, r, 10);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
application_draft_of(
    struct arena *a, const struct application *ap, struct app_draft *d)
{
	const char **v;

	memset(d, 0, sizeof(*d));
	v = arena_alloc(a, (ap->nanswers ? ap->nanswers : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < ap->nanswers; i++)
		v[i] = ap->answers[i].text;
	d->revision = ap->revision;
	d->account_md = ap->account_md;
	d->alt_url = ap->alt_url;
	d->links = ap->links;
	d->answers = v;
	d->nanswers = ap->nanswers;
	return 0;
}

/* ---- the identity screen ----------------------------------------------- */

static int
screen_field(struct arena *a, const char *field, int criterion,
    const char *text, struct app_hit **v, size_t *n, size_t *cap)
{
	struct screen_hit *h;
	size_t nh, line = 1, at = 0;
	int rc;

	if (text == NULL || text[0] == '\0')
		return 0;
	if ((rc = screen_text(a, text, strlen(text), &h, &nh)) != 0)
		return rc;
	for (size_t i = 0; i < nh; i++) {
		struct app_hit *x;
		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 16;
			struct app_hit *g = arena_realloc(
			    a, *v, *cap * sizeof(**v), nc * sizeof(**v));
			if (g == NULL)
				return ERR_TOOBIG;
			*v = g;
			*cap = nc;
		}
		/* hits come in order of offset; count lines as we go */
		if (h[i].start < at) {
			at = 0;
			line = 1;
		}
		for (; at < h[i].start && text[at] != '\0'; at++)
			line += text[at] == '\n';
		x = &(*v)[(*n)++];
		x->field = field;
		x->criterion = criterion;
		x->start = h[i].start;
		x->len = h[i].len;
		x->line = line;
		x->kind = (int)h[i].kind;
		x->code = screen_kind_code(h[i].kind);
		x->label = screen_kind_label(h[i].kind);
		x->high = h[i].high;
	}
	return 0;
}

int
application_screen_draft(
    struct arena *a, const struct app_draft *d, struct app_hit **out, size_t *n)
{
	struct app_hit *v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	if ((rc = screen_field(a, "account", 0, d->account_md, &v, n, &cap)) !=
	    0)
		return rc;
	for (size_t i = 0; i < d->nanswers; i++) {
		const char *f = arena_printf(a, "answer_%zu", i + 1);
		if (f == NULL)
			return ERR_TOOBIG;
		if ((rc = screen_field(a, f, (int)i + 1,
		         d->answers ? d->answers[i] : NULL, &v, n, &cap)) != 0)
			return rc;
	}
	if (v == NULL && (v = arena_alloc(a, sizeof(*v))) == NULL)
		return ERR_TOOBIG;
	*out = v;
	return 0;
}

/* ---- saving ------------------------------------------------------------ */

/* check_draft checks sizes and encodings of everything in d against an
 * application with ncriteria criteria. */
static int
check_draft(const struct app_draft *d, size_t ncriteria, struct form_err *e)
{
	if (!app_text_ok(app_nz(d->account_md), APP_ACCOUNT_MAX))
		return form_fail(e, "account",
		    strlen(app_nz(d->account_md)) > APP_ACCOUNT_MAX
		        ? "Your reflective account is too long: the limit "
		          "is 200,000 characters."
		        : "Your reflective account contains characters that "
		          "cannot be stored.",
		    ERR_INVAL);
	if (!app_text_ok(app_nz(d->alt_url), APP_URL_MAX))
		return form_fail(e, "alt_url",
		    "The link to your audio or video account is too long: the "
		    "limit is 2,000 characters.",
		    ERR_INVAL);
	if (!app_text_ok(app_nz(d->links), APP_LINKS_MAX * (APP_URL_MAX + 2)))
		return form_fail(e, "links",
		    "The links are too long: give at most 20, one a line.",
		    ERR_INVAL);
	if (d->nanswers > ncriteria)
		return form_fail(e, "",
		    "The form has more answers than the badge has criteria. "
		    "Reload the page and try again.",
		    ERR_INVAL);
	for (size_t i = 0; i < d->nanswers; i++) {
		const char *t = d->answers ? app_nz(d->answers[i]) : "";
		if (!app_text_ok(t, APP_ANSWER_MAX))
			return form_fail(e, "",
			    "An answer is too long: the limit is 40,000 "
			    "characters for each criterion.",
			    ERR_INVAL);
	}
	return 0;
}

/* conflict_msg says when the draft was last saved (HH:MM UTC). */
static const char *
conflict_msg(struct arena *a, int64_t updated_at)
{
	char t[32];

	clock_format(updated_at, t, sizeof(t));
	return arena_printf(a,
	    "This draft was saved in another tab or window at %.5s (UTC) "
	    "after you opened this page. Your text is below; nothing has "
	    "been overwritten.",
	    t + 11);
}

int
application_save(struct app *app, struct arena *a, const struct who *who,
    const char *id, const struct app_draft *d, int64_t *revision,
    struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct application ap;
	struct db_param p[6];
	struct db_rows rows;
	struct app_row row;
	int rc;

	if ((rc = app_owner_editable(app, a, who, id, &row, e)) != 0)
		return rc;
	if ((rc = application_get(app, a, who, id, &ap)) != 0)
		return rc;
	if ((rc = check_draft(d, ap.nanswers, e)) != 0)
		return rc;
	if (d->revision != ap.revision)
		return form_fail(
		    e, "", conflict_msg(a, ap.updated_at), ERR_CONFLICT);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_INT(d->revision);
	p[2] = DB_STR(app_nz(d->account_md));
	p[3] = DB_STR(app_nz(d->alt_url));
	p[4] = DB_STR(app_nz(d->links));
	p[5] = DB_INT(now);
	rc = db_exec(app->db, Q_APP_SAVE, p, 6, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		/* saved (or submitted) elsewhere since it was read */
		db_rollback(app->db);
		return form_fail(e, "", conflict_msg(a, now), ERR_CONFLICT);
	}
	for (size_t i = 0; rc == 0 && i < d->nanswers; i++) {
		p[1] = DB_INT((int64_t)i + 1);
		p[2] = DB_STR(d->answers ? app_nz(d->answers[i]) : "");
		rc = db_exec(app->db, Q_APP_ANSWER_PUT, p, 3, NULL, NULL);
	}
	if ((rc = tx_end(app, rc)) != 0)
		return rc;
	*revision = d->revision + 1;
	return 0;
}

/* ---- what a lapsed session kept ---------------------------------------- */

int
application_stash(struct app *app, struct arena *a, const char *id,
    const struct app_draft *d, const char **token)
{
	int64_t now = clock_now(app->clock);
	char tok[APP_TOKEN_LEN + 1], hash[65];
	struct app_row row;
	struct form_err e;
	struct db_param p[5];
	json_t *j, *answers;
	char *fields;
	int rc;

	*token = NULL;
	if ((rc = app_row_get(app, a, id, &row)) != 0)
		return rc;
	if (!app_status_editable(row.status))
		return ERR_CONFLICT;
	if ((rc = check_draft(d, APP_LINKS_MAX + 1000, &e)) != 0)
		return rc;
	answers = json_array();
	for (size_t i = 0; i < d->nanswers; i++)
		json_array_append_new(answers,
		    json_string(d->answers ? app_nz(d->answers[i]) : ""));
	j = json_pack("{s:I,s:s,s:s,s:s,s:o}", "revision",
	    (json_int_t)d->revision, "account_md", app_nz(d->account_md),
	    "alt_url", app_nz(d->alt_url), "links", app_nz(d->links), "answers",
	    answers);
	fields = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (fields == NULL)
		return ERR_INVAL;
	token_new(tok, sizeof(tok), 32);
	sha256_hex(tok, strlen(tok), hash);
	if ((rc = db_begin(app->db)) != 0) {
		free(fields);
		return rc;
	}
	p[0] = DB_INT(now);
	rc = db_exec(app->db, Q_APP_STASH_PURGE, p, 1, NULL, NULL);
	p[0] = DB_STR(hash);
	p[1] = DB_STR(id);
	p[2] = DB_STR(fields);
	p[3] = DB_INT(now);
	p[4] = DB_INT(now + APP_STASH_TTL);
	if (rc == 0)
		rc = db_exec(app->db, Q_APP_STASH_INSERT, p, 5, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, NULL, "application.stash", id, "");
	free(fields);
	if ((rc = tx_end(app, rc)) != 0)
		return rc;
	if ((*token = arena_strdup(a, tok)) == NULL)
		return ERR_TOOBIG;
	return 0;
}

int
application_unstash(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *token, struct app_draft *out)
{
	char hash[65];
	struct db_param p[2];
	struct db_rows rows;
	json_t *j, *answers;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	if (token == NULL || strlen(token) != APP_TOKEN_LEN ||
	    who->person == NULL || id == NULL)
		return ERR_NOTFOUND;
	sha256_hex(token, APP_TOKEN_LEN, hash);
	p[0] = DB_STR(hash);
	p[1] = DB_STR(id);
	if ((rc = db_exec(app->db, Q_APP_STASH_GET, p, 2, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 ||
	    db_get_int(&rows, 0, 1) <= clock_now(app->clock) ||
	    strcmp(db_get(&rows, 0, 2), who->person) != 0)
		return ERR_NOTFOUND;
	if ((j = json_loads(db_get(&rows, 0, 0), 0, NULL)) == NULL)
		return ERR_NOTFOUND;
	out->revision = json_int(j, "revision");
	out->account_md = json_str(a, j, "account_md");
	out->alt_url = json_str(a, j, "alt_url");
	out->links = json_str(a, j, "links");
	answers = json_object_get(j, "answers");
	n = json_is_array(answers) ? json_array_size(answers) : 0;
	out->answers = arena_alloc(a, (n ? n : 1) * sizeof(*out->answers));
	rc = out->answers == NULL || out->account_md == NULL ? ERR_TOOBIG : 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		if ((out->answers[i] = json_str(
		         a, json_array_get(answers, i), NULL)) == NULL)
			rc = ERR_TOOBIG;
	out->nanswers = n;
	json_decref(j);
	if (rc != 0)
		return rc;
	/* Given back once. */
	if ((rc = db_exec(app->db, Q_APP_STASH_DELETE, p, 1, NULL, NULL)) != 0)
		return rc;
	return audit_log(app, who, "application.unstash", id, "");
}

int
application_move_person(struct app *app, const char *from, const char *to)
{
	static const enum db_qid moves[] = {Q_APP_MOVE_PERSON,
	    Q_APP_REVIEWER_MOVE, Q_APP_COMMENT_MOVE, Q_AWARD_MOVE_PERSON};
	struct db_param p[2] = {DB_STR(from), DB_STR(to)};
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < NELEM(moves); i++)
		rc = db_exec(app->db, moves[i], p, 2, NULL, NULL);
	return rc;
}

int
application_forget_person(struct app *app, const char *person)
{
	struct db_param p[2] = {DB_STR(person), DB_INT(clock_now(app->clock))};
	int rc;

	if ((rc = db_exec(app->db, Q_APP_FORGET_ANSWERS, p, 1, NULL, NULL)) ==
	        0 &&
	    (rc = db_exec(app->db, Q_APP_FORGET_STASHES, p, 1, NULL, NULL)) ==
	        0 &&
	    (rc = db_exec(app->db, Q_APP_FORGET_REVIEWS, p, 2, NULL, NULL)) ==
	        0)
		rc = db_exec(app->db, Q_APP_FORGET, p, 2, NULL, NULL);
	return rc;
}
