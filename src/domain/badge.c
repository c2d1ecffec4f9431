/*
 * badge.c: reading badges for the catalogue and the badge page, and
 * their stored images (see badge.h). Authoring is in badge_edit.c, the
 * catalogue's search in catalogue.c.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/badge.h"
#include "domain/image.h"
#include "domain/badge_rows.h"

const char *
badge_image_ext(const char *content_type)
{
	if (content_type == NULL || content_type[0] == '\0')
		return "";
	return strcmp(content_type, "image/svg+xml") == 0 ? "svg" : "png";
}

int
badge_summaries(struct arena *a, const struct db_rows *rows,
    struct badge_summary **out, size_t *n)
{
	struct badge_summary *v;

	v = arena_alloc(a, (rows->nrows ? rows->nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows->nrows; r++) {
		v[r].id = db_get(rows, r, 0);
		v[r].name = db_get(rows, r, 1);
		v[r].summary = db_get(rows, r, 2);
		v[r].minutes = db_get_int(rows, r, 3);
		v[r].issuer_id = db_get(rows, r, 4);
		v[r].issuer_name = db_get(rows, r, 5);
		v[r].introductory = db_get_int(rows, r, 6) != 0;
		v[r].colour = db_get(rows, r, 7);
		v[r].image_hash = db_get(rows, r, 8);
		v[r].image_ext = badge_image_ext(db_get(rows, r, 9));
		v[r].status = db_get(rows, r, 10);
		v[r].version = db_get_int(rows, r, 11);
		v[r].series_position = db_get_int(rows, r, 12);
		v[r].updated_at = db_get_int(rows, r, 13);
	}
	*out = v;
	*n = rows->nrows;
	return 0;
}

int
badge_list_published(struct app *app, struct arena *a, size_t limit,
    size_t offset, struct badge_summary **out, size_t *n, size_t *total)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_INT(limit), DB_INT(offset)};
	int rc;

	if ((rc = db_exec(
	         app->db, Q_BADGE_COUNT_PUBLISHED, NULL, 0, a, &rows)) != 0)
		return rc;
	*total = rows.nrows ? (size_t)db_get_int(&rows, 0, 0) : 0;
	if ((rc = db_exec(app->db, Q_BADGE_LIST_PUBLISHED, p, 2, a, &rows)) !=
	    0)
		return rc;
	return badge_summaries(a, &rows, out, n);
}

int
badge_issuer_list(struct app *app, struct arena *a, const char *issuer,
    struct badge_summary **out, size_t *n)
{
	struct db_rows rows;
	struct db_param p[1] = {DB_STR(issuer)};
	int rc;

	if ((rc = db_exec(app->db, Q_BADGE_ISSUER_LIST, p, 1, a, &rows)) != 0)
		return rc;
	return badge_summaries(a, &rows, out, n);
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

static int
get_resources(struct app *app, struct arena *a, struct badge_detail *d)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_STR(d->id), DB_INT(d->version)};
	int rc;

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
get_alignments(struct app *app, struct arena *a, struct badge_detail *d)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_STR(d->id), DB_INT(d->version)};
	struct badge_alignment *v;
	int rc;

	if ((rc = db_exec(app->db, Q_BADGE_ALIGNMENTS, p, 2, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].target_id = db_get(&rows, r, 0);
		v[r].framework_id = db_get(&rows, r, 1);
		v[r].framework = db_get(&rows, r, 2);
		v[r].code = db_get(&rows, r, 3);
		v[r].name = db_get(&rows, r, 4);
		v[r].url = db_get(&rows, r, 5);
	}
	d->alignments = v;
	d->n_alignments = rows.nrows;
	return 0;
}

static int
get_prereqs(struct app *app, struct arena *a, const char *person,
    struct badge_detail *d)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_STR(d->id), DB_STR(person ? person : "")};
	struct badge_prereq *v;
	int rc;

	if ((rc = db_exec(app->db, Q_BADGE_PREREQS, p, 2, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].required = db_get_int(&rows, r, 2) != 0;
		v[r].held = db_get_int(&rows, r, 3) != 0;
	}
	d->prereqs = v;
	d->n_prereqs = rows.nrows;
	return 0;
}

int
badge_get(struct app *app, struct arena *a, const char *id, int64_t version,
    bool drafts, const char *person, struct badge_detail *d)
{
	struct db_rows rows;
	struct db_param p[2] = {DB_STR(id), DB_INT(version)};
	int rc;

	memset(d, 0, sizeof(*d));
	if (version < 0)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_BADGE_GET, p, 2, a, &rows)) != 0)
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
	d->current_version = db_get_int(&rows, 0, 17);
	d->image_hash = db_get(&rows, 0, 18);
	d->image_ext = badge_image_ext(db_get(&rows, 0, 19));
	d->endorsement_months = db_get_int(&rows, 0, 20);
	d->series_id = db_get(&rows, 0, 21);
	d->series_name = db_get(&rows, 0, 22);
	d->series_position = db_get_int(&rows, 0, 23);
	d->version_created_at = db_get_int(&rows, 0, 24);
	d->published_at = db_get_int(&rows, 0, 25);
	if (!drafts && strcmp(d->status, "draft") == 0)
		return ERR_NOTFOUND;
	if ((rc = text_list(app, a, Q_BADGE_CRITERIA, id, d->version, 1,
	         &d->criteria, &d->n_criteria)) != 0 ||
	    (rc = text_list(app, a, Q_BADGE_ACTIVITIES, id, d->version, 1,
	         &d->activities, &d->n_activities)) != 0 ||
	    (rc = text_list(app, a, Q_BADGE_TAGS, id, d->version, 0, &d->tags,
	         &d->n_tags)) != 0 ||
	    (rc = get_resources(app, a, d)) != 0 ||
	    (rc = get_alignments(app, a, d)) != 0 ||
	    (rc = get_prereqs(app, a, person, d)) != 0)
		return rc;
	p[1] = DB_INT(0);
	if ((rc = db_exec(app->db, Q_BADGE_HOLDERS, p, 1, a, &rows)) != 0)
		return rc;
	d->holders = rows.nrows ? db_get_int(&rows, 0, 0) : 0;
	return 0;
}

int
badge_versions(struct app *app, struct arena *a, const char *id,
    struct badge_version_info **out, size_t *n)
{
	struct db_rows rows;
	struct db_param p[1] = {DB_STR(id)};
	struct badge_version_info *v;
	int rc;

	if ((rc = db_exec(app->db, Q_BADGE_VERSIONS, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].version = db_get_int(&rows, r, 0);
		v[r].created_at = db_get_int(&rows, r, 1);
		v[r].created_by = db_get(&rows, r, 2);
		v[r].change_note = db_get(&rows, r, 3);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

static bool
hash_ok(const char *h)
{
	size_t n = 0;

	for (; h[n]; n++)
		if (!((h[n] >= '0' && h[n] <= '9') ||
		        (h[n] >= 'a' && h[n] <= 'f')))
			return false;
	return n == 64;
}

int
badge_image(struct app *app, struct arena *a, const char *hash,
    const void **bytes, size_t *len, const char **content_type)
{
	struct db_rows rows;
	struct db_param p[1] = {DB_STR(hash)};
	int rc;

	if (!hash_ok(hash))
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_IMAGE_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	*content_type = db_get(&rows, 0, 0);
	*bytes = db_get(&rows, 0, 1);
	*len = db_get_len(&rows, 0, 1);
	return 0;
}

int
badge_picture(struct app *app, struct arena *a, const char *hash,
    const char *name, const char *colour, const void **bytes, size_t *len)
{
	const char *type;

	if (hash[0] != '\0')
		return badge_image(app, a, hash, bytes, len, &type);
	return image_generate_png(
	    a, name, colour, BADGE_DESIGN_SIZE, bytes, len);
}
