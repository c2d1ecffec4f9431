/*
 * award.c: awards made by an assessor's decision (award.h).
 *
 * award_create runs inside the decision's transaction and copies the
 * round's evidence, as submitted, into the award's JSON snapshot; nothing
 * ever updates that column. jansson builds the JSON: its strings are
 * freed here before returning, everything returned lives in the arena.
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/award.h"

/* The columns of AWARD_COLS in q_assessment_sql.inc, in order. */
static void
fill_award(const struct db_rows *rows, size_t r, struct award *w)
{
	memset(w, 0, sizeof(*w));
	w->id = db_get(rows, r, 0);
	w->badge_id = db_get(rows, r, 1);
	w->version = (int)db_get_int(rows, r, 2);
	w->badge_name = db_get(rows, r, 3);
	w->person_id = db_get(rows, r, 4);
	w->person_name = db_get(rows, r, 5);
	w->status = db_get(rows, r, 6);
	w->issued_at = db_get_int(rows, r, 7);
	w->expires_at = db_get_int(rows, r, 8);
	w->application_id = db_get(rows, r, 9);
	w->assessor_id = db_get(rows, r, 10);
	w->assessor_name = db_get(rows, r, 11);
	w->recipient_email = db_get(rows, r, 12);
	w->evidence = db_get(rows, r, 13);
	w->current_email = db_get(rows, r, 14);
	w->issuer_id = db_get(rows, r, 15);
	w->issuer_name = db_get(rows, r, 16);
}

static int
list(struct app *app, struct arena *a, enum db_qid q, const struct db_param *p,
    size_t np, struct award **out, size_t *n)
{
	struct db_rows rows;
	struct award *v;
	int rc;

	if ((rc = db_exec(app->db, q, p, np, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++)
		fill_award(&rows, r, &v[r]);
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
award_get(struct app *app, struct arena *a, const char *id, struct award *out)
{
	struct db_param p[1] = {DB_STR(id)};
	struct award *v;
	size_t n;
	int rc;

	if ((rc = list(app, a, Q_AWARD_GET, p, 1, &v, &n)) != 0)
		return rc;
	if (n == 0)
		return ERR_NOTFOUND;
	*out = v[0];
	return 0;
}

int
award_list_person(struct app *app, struct arena *a, const char *person,
    struct award **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(person)};

	return list(app, a, Q_AWARD_LIST_PERSON, p, 1, out, n);
}

int
award_list_all(struct app *app, struct arena *a, struct award **out, size_t *n)
{
	return list(app, a, Q_AWARD_LIST_ALL, NULL, 0, out, n);
}

/* ---- the evidence snapshot --------------------------------------------- */

/* links_json splits the links text, one a line, into an array. */
static json_t *
links_json(const char *s)
{
	json_t *arr = json_array();

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		size_t b = 0, m = n;

		while (b < m && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
			b++;
		while (m > b &&
		    (s[m - 1] == ' ' || s[m - 1] == '\t' || s[m - 1] == '\r'))
			m--;
		if (m > b)
			json_array_append_new(arr, json_stringn(s + b, m - b));
		s += n;
		if (*s == '\n')
			s++;
	}
	return arr;
}

/*
 * answer_text finds the answer to criterion pos (1-based) in the round's
 * answers: an array of strings by position, or of objects with a
 * "position" and a "text" (or "answer").
 */
static const char *
answer_text(json_t *answers, size_t pos)
{
	size_t i;
	json_t *v;

	json_array_foreach(answers, i, v)
	{
		if (json_is_string(v) && i + 1 == pos)
			return json_string_value(v);
		if (json_is_object(v)) {
			json_t *p = json_object_get(v, "position");
			json_t *t = json_object_get(v, "text");
			if (!json_is_string(t))
				t = json_object_get(v, "answer");
			if (json_is_integer(p) &&
			    json_integer_value(p) == (json_int_t)pos &&
			    json_is_string(t))
				return json_string_value(t);
		}
	}
	return "";
}

int
award_create(struct app *app, struct arena *a, const char *application,
    int round, const char *assessor, const struct award_mark *marks,
    size_t nmarks, char id[ID_LEN + 1])
{
	struct db_param p[10];
	struct db_rows ap, ev, cr, em;
	json_t *doc = NULL, *answers = NULL, *attach = NULL, *arr, *decl, *mk;
	const char *badge, *person, *email;
	int64_t now = clock_now(app->clock), months, version, expires = 0;
	char *s = NULL;
	int rc;

	p[0] = DB_STR(application);
	if ((rc = db_exec(app->db, Q_ASSESS_APP, p, 1, a, &ap)) != 0)
		return rc;
	if (ap.nrows == 0)
		return ERR_NOTFOUND;
	person = db_get(&ap, 0, 2);
	badge = db_get(&ap, 0, 5);
	version = db_get_int(&ap, 0, 6);
	months = db_get_int(&ap, 0, 15);
	p[1] = DB_INT(round);
	if ((rc = db_exec(app->db, Q_ASSESS_ROUND_EVIDENCE, p, 2, a, &ev)) != 0)
		return rc;
	if (ev.nrows == 0)
		return ERR_NOTFOUND;
	p[0] = DB_STR(badge);
	p[1] = DB_INT(version);
	if ((rc = db_exec(app->db, Q_BADGE_CRITERIA, p, 2, a, &cr)) != 0)
		return rc;
	p[0] = DB_STR(person);
	if ((rc = db_exec(app->db, Q_EMAIL_PRIMARY, p, 1, a, &em)) != 0)
		return rc;
	email = em.nrows ? db_get(&em, 0, 0) : "";

	answers = json_loads(db_get(&ev, 0, 3), 0, NULL);
	attach = json_loads(db_get(&ev, 0, 4), 0, NULL);
	if (!json_is_array(answers)) {
		json_decref(answers);
		answers = json_array();
	}
	if (!json_is_array(attach)) {
		json_decref(attach);
		attach = json_array();
	}
	doc = json_object();
	json_object_set_new(doc, "application", json_string(application));
	json_object_set_new(doc, "round", json_integer(round));
	json_object_set_new(doc, "badge", json_string(badge));
	json_object_set_new(doc, "version", json_integer(version));
	json_object_set_new(doc, "account_md", json_string(db_get(&ev, 0, 0)));
	json_object_set_new(doc, "alt_url", json_string(db_get(&ev, 0, 1)));
	json_object_set_new(doc, "links", links_json(db_get(&ev, 0, 2)));
	arr = json_array();
	for (size_t r = 0; r < cr.nrows; r++) {
		json_t *o = json_object();
		int64_t pos = db_get_int(&cr, r, 0);
		json_object_set_new(o, "position", json_integer(pos));
		json_object_set_new(
		    o, "criterion", json_string(db_get(&cr, r, 1)));
		json_object_set_new(o, "answer",
		    json_string(answer_text(answers, (size_t)pos)));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "answers", arr);
	json_object_set(doc, "attachments", attach);
	decl = json_object();
	json_object_set_new(decl, "text", json_string(db_get(&ev, 0, 5)));
	json_object_set_new(
	    decl, "policy_version", json_string(db_get(&ev, 0, 6)));
	json_object_set_new(
	    decl, "declared_at", json_integer(db_get_int(&ev, 0, 7)));
	json_object_set_new(doc, "declaration", decl);
	json_object_set_new(
	    doc, "submitted_at", json_integer(db_get_int(&ev, 0, 8)));
	arr = json_array();
	for (size_t i = 0; i < nmarks; i++) {
		mk = json_object();
		json_object_set_new(
		    mk, "position", json_integer(marks[i].position));
		json_object_set_new(mk, "met", json_boolean(marks[i].met));
		json_object_set_new(mk, "comment",
		    json_string(marks[i].comment ? marks[i].comment : ""));
		json_array_append_new(arr, mk);
	}
	json_object_set_new(doc, "marks", arr);
	s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	if (s == NULL) {
		rc = ERR_TOOBIG;
		goto out;
	}
	if (months > 0)
		expires = clock_add_months(now, (int)months);
	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(badge);
	p[2] = DB_INT(version);
	p[3] = DB_STR(person);
	p[4] = DB_INT(now);
	p[5] = DB_INT(expires);
	p[6] = DB_STR(application);
	p[7] = DB_STR(assessor);
	p[8] = DB_STR(email);
	p[9] = DB_STR(s);
	rc = db_exec(app->db, Q_AWARD_CREATE, p, 10, NULL, NULL);
out:
	free(s);
	json_decref(answers);
	json_decref(attach);
	json_decref(doc);
	return rc;
}
