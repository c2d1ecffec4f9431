/*
 * badge.c: badges for the catalogue and the badge page (see badge.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/badge.h"

int
badge_list_published(struct app *app, struct arena *a, size_t limit,
    size_t offset, struct badge_summary **out, size_t *n, size_t *total)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_INT(limit), DB_INT(offset)};
	struct badge_summary *v;
	int rc;

	if ((rc = db_exec(
	         app->db, Q_BADGE_COUNT_PUBLISHED, NULL, 0, a, &rows)) != 0)
		return rc;
	*total = rows.nrows ? (size_t)db_get_int(&rows, 0, 0) : 0;
	if ((rc = db_exec(app->db, Q_BADGE_LIST_PUBLISHED, p, 2, a, &rows)) !=
	    0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].summary = db_get(&rows, r, 2);
		v[r].minutes = db_get_int(&rows, r, 3);
		v[r].issuer_id = db_get(&rows, r, 4);
		v[r].issuer_name = db_get(&rows, r, 5);
		v[r].introductory = db_get_int(&rows, r, 6) != 0;
		v[r].colour = db_get(&rows, r, 7);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

static int
text_list(struct app *app, struct arena *a, enum db_qid q, const char *id,
    int64_t version, size_t col, const char ***out, size_t *n)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_STR(id), DB_INT(version)};
	const char **v;
	int rc;

	if ((rc = db_exec(app->db, q, p, 2, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++)
		v[r] = db_get(&rows, r, col);
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
badge_get(
    struct app *app, struct arena *a, const char *id, struct badge_detail *d)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_STR(id), DB_INT(0)};
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = db_exec(app->db, Q_BADGE_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	d->id = db_get(&rows, 0, 0);
	d->status = db_get(&rows, 0, 1);
	d->version = db_get_int(&rows, 0, 2);
	d->introductory = db_get_int(&rows, 0, 3) != 0;
	d->name = db_get(&rows, 0, 4);
	d->summary = db_get(&rows, 0, 5);
	d->description_md = db_get(&rows, 0, 6);
	d->minutes = db_get_int(&rows, 0, 7);
	d->licence = db_get(&rows, 0, 8);
	d->min_words = db_get_int(&rows, 0, 9);
	d->attachments_allowed = db_get_int(&rows, 0, 10) != 0;
	d->expiry_months = db_get_int(&rows, 0, 11);
	d->image_alt = db_get(&rows, 0, 12);
	d->colour = db_get(&rows, 0, 13);
	d->issuer_id = db_get(&rows, 0, 14);
	d->issuer_name = db_get(&rows, 0, 15);
	d->issuer_url = db_get(&rows, 0, 16);
	if (strcmp(d->status, "published") != 0)
		return ERR_NOTFOUND;
	if ((rc = text_list(app, a, Q_BADGE_CRITERIA, id, d->version, 1,
	         &d->criteria, &d->n_criteria)) != 0 ||
	    (rc = text_list(app, a, Q_BADGE_ACTIVITIES, id, d->version, 1,
	         &d->activities, &d->n_activities)) != 0 ||
	    (rc = text_list(app, a, Q_BADGE_TAGS, id, d->version, 0, &d->tags,
	         &d->n_tags)) != 0)
		return rc;
	p[1] = DB_INT(d->version);
	if ((rc = db_exec(app->db, Q_BADGE_RESOURCES, p, 2, a, &rows)) != 0)
		return rc;
	d->resources = arena_alloc(
	    a, (rows.nrows ? rows.nrows : 1) * sizeof(*d->resources));
	if (d->resources == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		d->resources[r].title = db_get(&rows, r, 1);
		d->resources[r].url = db_get(&rows, r, 2);
	}
	d->n_resources = rows.nrows;
	return 0;
}

static int
insert_texts(
    struct app *app, enum db_qid q, const char *id, const char *const *texts)
{
	int rc;

	for (int i = 0; texts && texts[i]; i++) {
		struct db_param p[4] = {
		    DB_STR(id), DB_INT(1), DB_INT(i + 1), DB_STR(texts[i])};
		if ((rc = db_exec(app->db, q, p, 4, NULL, NULL)) != 0)
			return rc;
	}
	return 0;
}

int
badge_create_published(struct app *app, const char *id, const char *issuer_id,
    const struct badge_spec *s, bool *created)
{
	struct arena *a = arena_new(1 << 20);
	struct db_rows rows;
	int64_t now = clock_now(app->clock);
	int rc;

	*created = false;
	if ((rc = db_begin(app->db)) != 0)
		goto out;
	struct db_param b[6] = {DB_STR(id), DB_STR(issuer_id),
	    DB_STR("published"), DB_INT(1), DB_INT(s->introductory),
	    DB_INT(now)};
	if ((rc = db_exec(app->db, Q_BADGE_INSERT, b, 6, a, &rows)) != 0)
		goto fail;
	if (rows.changes == 0) {
		db_rollback(app->db);
		goto out; /* it exists: nothing to do */
	}
	struct db_param v[13] = {DB_STR(id), DB_INT(1), DB_STR(s->name),
	    DB_STR(s->summary), DB_STR(s->description_md), DB_INT(s->minutes),
	    DB_STR(s->licence), DB_INT(s->min_words), DB_INT(0), DB_NULL,
	    DB_STR(s->image_alt), DB_STR(s->colour), DB_INT(now)};
	if ((rc = db_exec(
	         app->db, Q_BADGE_VERSION_INSERT, v, 13, NULL, NULL)) != 0 ||
	    (rc = insert_texts(
	         app, Q_BADGE_CRITERION_INSERT, id, s->criteria)) != 0 ||
	    (rc = insert_texts(
	         app, Q_BADGE_ACTIVITY_INSERT, id, s->activities)) != 0)
		goto fail;
	for (int i = 0; s->resources && s->resources[i] && s->resources[i + 1];
	     i += 2) {
		struct db_param r[5] = {DB_STR(id), DB_INT(1),
		    DB_INT(i / 2 + 1), DB_STR(s->resources[i]),
		    DB_STR(s->resources[i + 1])};
		if ((rc = db_exec(app->db, Q_BADGE_RESOURCE_INSERT, r, 5, NULL,
		         NULL)) != 0)
			goto fail;
	}
	for (int i = 0; s->tags && s->tags[i]; i++) {
		struct db_param t[3] = {
		    DB_STR(id), DB_INT(1), DB_STR(s->tags[i])};
		if ((rc = db_exec(
		         app->db, Q_BADGE_TAG_INSERT, t, 3, NULL, NULL)) != 0)
			goto fail;
	}
	if ((rc = db_commit(app->db)) != 0)
		goto fail;
	*created = true;
	goto out;
fail:
	db_rollback(app->db);
out:
	arena_free(a);
	return rc;
}
