/*
 * sqlite.c: the SQLite back end.
 *
 * One connection per thread (SQLITE_OPEN_NOMUTEX is safe because a
 * connection never crosses threads). WAL, foreign keys and a busy timeout
 * are set at open. Prepared statements are cached per query id.
 */
#include <sqlite3.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db_int.h"

static int
sq_err(struct db *db, enum db_qid q, int rc)
{
	sqlite3 *c = db->conn;

	if (rc == SQLITE_CONSTRAINT)
		return ERR_CONFLICT;
	log_error("sqlite query failed", "query",
	    q < Q__COUNT ? db_queries[q].name : "?", "error",
	    sqlite3_errmsg(c));
	return ERR_DB;
}

static int
sq_prepare(struct db *db, enum db_qid q, char *msg, size_t msglen)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (db->stmts[q] != NULL)
		return 0;
	rc = sqlite3_prepare_v3(db->conn, db_queries[q].sql, -1,
	    SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		if (msg)
			snprintf(msg, msglen, "%s: %s", db_queries[q].name,
			    sqlite3_errmsg(db->conn));
		sqlite3_finalize(st);
		return ERR_DB;
	}
	if ((size_t)sqlite3_bind_parameter_count(st) != db_queries[q].nparams) {
		if (msg)
			snprintf(msg, msglen,
			    "%s: declares %zu parameters, SQL has %d",
			    db_queries[q].name, db_queries[q].nparams,
			    sqlite3_bind_parameter_count(st));
		sqlite3_finalize(st);
		return ERR_DB;
	}
	db->stmts[q] = st;
	return 0;
}

static int
sq_bind(sqlite3_stmt *st, const struct db_param *p, size_t n)
{
	int rc = SQLITE_OK, len, i;

	for (size_t k = 0; k < n && rc == SQLITE_OK; k++) {
		i = (int)k + 1;
		switch (p[k].type) {
		case DB_T_NULL:
			rc = sqlite3_bind_null(st, i);
			break;
		case DB_T_INT:
			rc = sqlite3_bind_int64(st, i, p[k].i);
			break;
		case DB_T_TEXT:
			if (size_to_int(p[k].len, &len) != 0)
				return ERR_TOOBIG;
			rc = sqlite3_bind_text(
			    st, i, p[k].p ? p[k].p : "", len, SQLITE_STATIC);
			break;
		case DB_T_BLOB:
			if (size_to_int(p[k].len, &len) != 0)
				return ERR_TOOBIG;
			rc = sqlite3_bind_blob(
			    st, i, p[k].p ? p[k].p : "", len, SQLITE_STATIC);
			break;
		}
	}
	return rc == SQLITE_OK ? 0 : ERR_DB;
}

/* Rows are gathered into a growing array, then copied into the arena. */
static int
sq_exec(struct db *db, enum db_qid q, const struct db_param *p, size_t n,
    struct arena *a, struct db_rows *rows)
{
	sqlite3_stmt *st;
	int rc, ret = ERR_DB;
	size_t ncols, cap = 0, nrows = 0;
	struct db_cell *cells = NULL;

	if (sq_prepare(db, q, NULL, 0) != 0)
		return sq_err(db, q, SQLITE_ERROR);
	st = db->stmts[q];
	if ((ret = sq_bind(st, p, n)) != 0)
		goto out;
	ncols = (size_t)sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rows == NULL)
			continue;
		if (nrows == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct db_cell *nc = arena_alloc(
			    a, ncap * (ncols ? ncols : 1) * sizeof(*nc));
			if (nc == NULL) {
				ret = ERR_TOOBIG;
				goto out;
			}
			if (cells)
				memcpy(nc, cells, nrows * ncols * sizeof(*nc));
			cells = nc;
			cap = ncap;
		}
		for (size_t c = 0; c < ncols; c++) {
			struct db_cell *cell = &cells[nrows * ncols + c];
			int t = sqlite3_column_type(st, (int)c);
			const void *v;
			int len;

			if (t == SQLITE_NULL) {
				cell->v = NULL;
				cell->len = 0;
				continue;
			}
			v = t == SQLITE_BLOB
			    ? sqlite3_column_blob(st, (int)c)
			    : (const void *)sqlite3_column_text(st, (int)c);
			len = sqlite3_column_bytes(st, (int)c);
			cell->v = arena_strndup(a, v ? v : "", (size_t)len);
			cell->len = (size_t)len;
			if (cell->v == NULL) {
				ret = ERR_TOOBIG;
				goto out;
			}
		}
		nrows++;
	}
	if (rc != SQLITE_DONE) {
		ret = sq_err(db, q, rc);
		goto out;
	}
	if (rows != NULL) {
		rows->nrows = nrows;
		rows->ncols = ncols;
		rows->cells = cells;
		rows->changes = sqlite3_changes(db->conn);
	}
	ret = 0;
out:
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ret;
}

static int
sq_script(struct db *db, const char *sql, char *msg, size_t msglen)
{
	char *err = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &err) != SQLITE_OK) {
		snprintf(msg, msglen, "%s", err ? err : "sqlite error");
		sqlite3_free(err);
		return ERR_DB;
	}
	return 0;
}

static void
sq_close(struct db *db)
{
	for (size_t i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(db->stmts[i]);
	sqlite3_close_v2(db->conn);
}

const struct db_backend db_sqlite_backend = {
    sq_exec,
    sq_prepare,
    sq_script,
    sq_close,
};

int
db_sqlite_open(const char *path, struct db *db, char *msg, size_t msglen)
{
	sqlite3 *c = NULL;
	int rc;
	static const char *const pragmas = "PRAGMA journal_mode=WAL;"
	                                   "PRAGMA foreign_keys=ON;"
	                                   "PRAGMA synchronous=NORMAL;"
	                                   "PRAGMA temp_store=MEMORY;";

	rc = sqlite3_open_v2(path, &c,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		snprintf(msg, msglen, "cannot open SQLite database %s: %s",
		    path, c ? sqlite3_errmsg(c) : sqlite3_errstr(rc));
		sqlite3_close_v2(c);
		return ERR_DB;
	}
	sqlite3_busy_timeout(c, 10000);
	sqlite3_extended_result_codes(c, 0);
	if (sqlite3_exec(c, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(msg, msglen, "cannot configure SQLite database %s: %s",
		    path, sqlite3_errmsg(c));
		sqlite3_close_v2(c);
		return ERR_DB;
	}
	db->kind = DB_SQLITE;
	db->be = &db_sqlite_backend;
	db->conn = c;
	return 0;
}
