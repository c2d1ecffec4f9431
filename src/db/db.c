/*
 * db.c: back-end independent parts of the query interface.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db_int.h"

int
db_open(const char *url, struct db **out, char *msg, size_t msglen)
{
	struct db *db = xcalloc(1, sizeof(*db));
	int rc;

	db->stmts = xcalloc(Q__COUNT, sizeof(void *));
	if (strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0)
		rc = db_pgsql_open(url, db, msg, msglen);
	else
		rc = db_sqlite_open(url, db, msg, msglen);
	if (rc != 0) {
		free(db->stmts);
		free(db);
		return rc;
	}
	*out = db;
	return 0;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db->be->close(db);
	free(db->stmts);
	free(db);
}

enum db_kind
db_kind(const struct db *db)
{
	return db->kind;
}

int
db_exec(struct db *db, enum db_qid q, const struct db_param *params, size_t n,
    struct arena *a, struct db_rows *rows)
{
	if (NEVER((unsigned)q >= Q__COUNT))
		return ERR_INVAL;
	if (NEVER(n != db_queries[q].nparams)) {
		log_error("query called with the wrong number of parameters",
		    "query", db_queries[q].name);
		return ERR_INVAL;
	}
	if (rows != NULL) {
		memset(rows, 0, sizeof(*rows));
		if (NEVER(a == NULL))
			return ERR_INVAL;
	}
	return db->be->exec(db, q, params, n, a, rows);
}

int
db_prepare(struct db *db, enum db_qid q, char *msg, size_t msglen)
{
	return db->be->prepare(db, q, msg, msglen);
}

int
db_script(struct db *db, const char *sql, char *msg, size_t msglen)
{
	return db->be->script(db, sql, msg, msglen);
}

int
db_begin(struct db *db)
{
	return db_exec(db, Q_TX_BEGIN, NULL, 0, NULL, NULL);
}

int
db_commit(struct db *db)
{
	return db_exec(db, Q_TX_COMMIT, NULL, 0, NULL, NULL);
}

void
db_rollback(struct db *db)
{
	if (db_exec(db, Q_TX_ROLLBACK, NULL, 0, NULL, NULL) != 0)
		log_warn("rollback failed");
}

int
db_rows_alloc(struct arena *a, struct db_rows *rows, size_t nrows, size_t ncols)
{
	size_t cells;

	rows->nrows = nrows;
	rows->ncols = ncols;
	if (ncols != 0 && nrows > SIZE_MAX / ncols / sizeof(struct db_cell))
		return ERR_TOOBIG;
	cells = nrows * ncols;
	rows->cells =
	    cells ? arena_alloc(a, cells * sizeof(struct db_cell)) : NULL;
	if (cells && rows->cells == NULL)
		return ERR_TOOBIG;
	return 0;
}

const char *
db_get(const struct db_rows *rows, size_t r, size_t c)
{
	if (NEVER(r >= rows->nrows || c >= rows->ncols))
		return NULL;
	return rows->cells[r * rows->ncols + c].v;
}

size_t
db_get_len(const struct db_rows *rows, size_t r, size_t c)
{
	if (NEVER(r >= rows->nrows || c >= rows->ncols))
		return 0;
	return rows->cells[r * rows->ncols + c].len;
}

bool
db_is_null(const struct db_rows *rows, size_t r, size_t c)
{
	return db_get(rows, r, c) == NULL;
}

int64_t
db_get_int(const struct db_rows *rows, size_t r, size_t c)
{
	const char *v = db_get(rows, r, c);
	int64_t x = 0;
	bool neg = false;

	if (v == NULL)
		return 0;
	if (*v == '-') {
		neg = true;
		v++;
	}
	for (; *v >= '0' && *v <= '9'; v++)
		x = x * 10 + (*v - '0');
	return neg ? -x : x;
}
