/*
 * catalogue.c: finding badges: full-text search with filters and sorts,
 * the filter choices, series and frameworks (see badge.h).
 *
 * What a person types never reaches the search engine's query language
 * as typed: catalogue_fts_query keeps only words (letters and digits)
 * and quotes or suffixes them itself.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/badge.h"
#include "domain/badge_rows.h"

#define FTS_MAX_WORDS 8
#define FTS_MAX_WORD 40

static bool
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

const char *
catalogue_fts_query(struct arena *a, const char *q, bool postgres)
{
	struct buf b;
	size_t words = 0;
	const char *p = q;

	buf_init(&b, a, 1024);
	while (*p && words < FTS_MAX_WORDS) {
		const char *s;
		size_t n;

		while (*p && !word_byte((unsigned char)*p))
			p++;
		s = p;
		while (*p && word_byte((unsigned char)*p))
			p++;
		n = (size_t)(p - s);
		if (n == 0)
			break;
		if (n > FTS_MAX_WORD) { /* keep whole UTF-8 sequences */
			n = FTS_MAX_WORD;
			while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
				n--;
		}
		if (words > 0)
			buf_adds(&b, postgres ? " & " : " AND ");
		if (!postgres)
			buf_addc(&b, '"');
		for (size_t i = 0; i < n; i++) {
			char c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			buf_addc(&b, c);
		}
		buf_adds(&b, postgres ? ":*" : "\"*");
		words++;
	}
	if (buf_err(&b) != 0)
		return "";
	return b.data;
}

int
catalogue_search(struct app *app, struct arena *a,
    const struct catalogue_query *q, struct badge_summary **out, size_t *n,
    size_t *total)
{
	const char *fts = catalogue_fts_query(
	    a, q->q ? q->q : "", db_kind(app->db) == DB_PGSQL);
	bool search = fts[0] != '\0';
	/* The filters, the search words if any, then sort, limit, offset. */
	struct db_param p[10] = {DB_STR(q->issuer ? q->issuer : ""),
	    DB_STR(q->tag ? q->tag : ""),
	    DB_STR(q->framework ? q->framework : ""),
	    DB_STR(q->series ? q->series : ""), DB_INT(q->min_minutes),
	    DB_INT(q->max_minutes)};
	size_t k = 6;
	struct db_rows rows;
	int rc;

	if (search)
		p[k++] = DB_STR(fts);
	if ((rc = db_exec(app->db,
	         search ? Q_CATALOGUE_SEARCH_COUNT : Q_CATALOGUE_COUNT, p, k, a,
	         &rows)) != 0)
		return rc;
	*total = rows.nrows ? (size_t)db_get_int(&rows, 0, 0) : 0;
	p[k++] = DB_INT(q->sort);
	p[k++] = DB_INT(q->limit);
	p[k++] = DB_INT(q->offset);
	if ((rc = db_exec(app->db,
	         search ? Q_CATALOGUE_SEARCH : Q_CATALOGUE_LIST, p, k, a,
	         &rows)) != 0)
		return rc;
	return badge_summaries(a, &rows, out, n);
}

static int
facet_rows(struct app *app, struct arena *a, enum db_qid q, struct facet **out,
    size_t *n)
{
	struct db_rows rows;
	struct facet *v;
	int rc;

	if ((rc = db_exec(app->db, q, NULL, 0, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].value = db_get(&rows, r, 0);
		v[r].label = db_get(&rows, r, 1);
		v[r].count = db_get_int(&rows, r, 2);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
catalogue_facets(struct app *app, struct arena *a, struct catalogue_facets *f)
{
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = facet_rows(
	         app, a, Q_FACET_ISSUERS, &f->issuers, &f->n_issuers)) != 0 ||
	    (rc = facet_rows(app, a, Q_FACET_TAGS, &f->tags, &f->n_tags)) !=
	        0 ||
	    (rc = facet_rows(app, a, Q_FACET_FRAMEWORKS, &f->frameworks,
	         &f->n_frameworks)) != 0)
		return rc;
	return facet_rows(app, a, Q_FACET_SERIES, &f->series, &f->n_series);
}

static void
series_row(const struct db_rows *rows, size_t r, struct series *s)
{
	memset(s, 0, sizeof(*s));
	s->id = db_get(rows, r, 0);
	s->issuer_id = db_get(rows, r, 1);
	s->issuer_name = db_get(rows, r, 2);
	s->name = db_get(rows, r, 3);
	s->summary = db_get(rows, r, 4);
}

int
series_get(struct app *app, struct arena *a, const char *id, struct series *s)
{
	struct db_rows rows;
	struct db_param p[1] = {DB_STR(id)};
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = db_exec(app->db, Q_SERIES_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	series_row(&rows, 0, s);
	if ((rc = db_exec(app->db, Q_SERIES_BADGES, p, 1, a, &rows)) != 0)
		return rc;
	return badge_summaries(a, &rows, &s->badges, &s->n_badges);
}

int
series_list(struct app *app, struct arena *a, const char *issuer,
    struct series **out, size_t *n)
{
	struct db_rows rows;
	struct db_param p[1] = {DB_STR(issuer)};
	struct series *v;
	int rc;

	if ((rc = db_exec(app->db, Q_SERIES_LIST, p, 1, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++)
		series_row(&rows, r, &v[r]);
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
framework_list(
    struct app *app, struct arena *a, struct framework **out, size_t *n)
{
	struct db_rows fr, tr;
	struct framework *v;
	int rc;

	if ((rc = db_exec(app->db, Q_FRAMEWORK_LIST, NULL, 0, a, &fr)) != 0 ||
	    (rc = db_exec(app->db, Q_FRAMEWORK_TARGETS, NULL, 0, a, &tr)) != 0)
		return rc;
	v = arena_alloc(a, (fr.nrows ? fr.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < fr.nrows; r++) {
		size_t k = 0;
		v[r].id = db_get(&fr, r, 0);
		v[r].name = db_get(&fr, r, 1);
		v[r].url = db_get(&fr, r, 2);
		v[r].description = db_get(&fr, r, 3);
		for (size_t t = 0; t < tr.nrows; t++)
			k += strcmp(db_get(&tr, t, 0), v[r].id) == 0;
		v[r].targets =
		    arena_alloc(a, (k ? k : 1) * sizeof(*v[r].targets));
		if (v[r].targets == NULL)
			return ERR_TOOBIG;
		for (size_t t = 0; t < tr.nrows; t++) {
			struct framework_target *x;
			if (strcmp(db_get(&tr, t, 0), v[r].id) != 0)
				continue;
			x = &v[r].targets[v[r].n_targets++];
			x->id = db_get(&tr, t, 1);
			x->code = db_get(&tr, t, 2);
			x->name = db_get(&tr, t, 3);
			x->description = db_get(&tr, t, 4);
			x->url = db_get(&tr, t, 5);
		}
	}
	*out = v;
	*n = fr.nrows;
	return 0;
}

int
issuer_profile(struct app *app, struct arena *a, const char *id,
    struct issuer_profile *out)
{
	struct db_rows rows;
	struct db_param p[1] = {DB_STR(id)};
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_exec(app->db, Q_ISSUER_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	out->id = db_get(&rows, 0, 0);
	out->name = db_get(&rows, 0, 1);
	out->url = db_get(&rows, 0, 2);
	out->email = db_get(&rows, 0, 3);
	out->description = db_get(&rows, 0, 4);
	out->scheme = db_get_int(&rows, 0, 5) != 0;
	return 0;
}
