/*
 * db.h: the one query interface, over SQLite and PostgreSQL.
 *
 * All SQL lives in db/queries.c, indexed by enum db_qid; db_exec takes a
 * query id and typed parameters, never a string of SQL, so SQL built from
 * data cannot reach the database. Each connection belongs to one thread.
 * Statements are prepared once per connection and cached by query id.
 *
 * Results are copied into the caller's arena: they live as long as it.
 */
#ifndef LAUREL_DB_H
#define LAUREL_DB_H

#include "core/common.h"
#include "db/queries.h"

struct arena;
struct db;

enum db_kind { DB_SQLITE, DB_PGSQL };

enum db_type { DB_T_NULL, DB_T_TEXT, DB_T_INT, DB_T_BLOB };

struct db_param {
	enum db_type type;
	const char *p;
	size_t len;
	int64_t i;
};

#define DB_NULL ((struct db_param){DB_T_NULL, NULL, 0, 0})
#define DB_TEXT(s, n) ((struct db_param){DB_T_TEXT, (s), (n), 0})
#define DB_STR(s) db_param_str(s)
#define DB_INT(v) ((struct db_param){DB_T_INT, NULL, 0, (int64_t)(v)})
#define DB_BLOB(s, n) ((struct db_param){DB_T_BLOB, (const char *)(s), (n), 0})

static inline struct db_param
db_param_str(const char *s)
{
	struct db_param p = {
	    s ? DB_T_TEXT : DB_T_NULL, s, s ? strlen(s) : 0, 0};

	return p;
}

struct db_cell {
	const char *v; /* NUL-terminated; NULL for SQL NULL */
	size_t len;
};

struct db_rows {
	size_t nrows;
	size_t ncols;
	struct db_cell *cells; /* nrows * ncols */
	int64_t changes;       /* rows changed by INSERT/UPDATE/DELETE */
};

/*
 * db_open connects to url: "postgres://..." or "postgresql://..." for
 * PostgreSQL, anything else is a SQLite file path (":memory:" allowed).
 * SQLite gets WAL, foreign keys and a busy timeout. On failure returns
 * ERR_DB and writes why into msg.
 */
MUST_CHECK int db_open(
    const char *url, struct db **out, char *msg, size_t msglen);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/*
 * db_exec runs query q with n parameters. If rows is non-NULL, the result
 * is copied into arena a (required then). Returns 0, ERR_CONFLICT for a
 * unique or foreign key violation, ERR_TOOBIG if the arena is full, or
 * ERR_DB (logged with the query name).
 */
MUST_CHECK int db_exec(struct db *db, enum db_qid q,
    const struct db_param *params, size_t n, struct arena *a,
    struct db_rows *rows);

/* Transactions. db_begin takes the write lock at once on SQLite. */
MUST_CHECK int db_begin(struct db *db);
MUST_CHECK int db_commit(struct db *db);
void db_rollback(struct db *db);

/* db_prepare_all prepares every query, for the test that they all do. */
MUST_CHECK int db_prepare(
    struct db *db, enum db_qid q, char *msg, size_t msglen);

/* Cell accessors; r and c must be in range. */
const char *db_get(const struct db_rows *rows, size_t r, size_t c);
int64_t db_get_int(const struct db_rows *rows, size_t r, size_t c);
bool db_is_null(const struct db_rows *rows, size_t r, size_t c);
size_t db_get_len(const struct db_rows *rows, size_t r, size_t c);

/*
 * db_script runs trusted DDL from migrate.c (several statements, no
 * parameters). Nothing else may call it.
 */
MUST_CHECK int db_script(
    struct db *db, const char *sql, char *msg, size_t msglen);

#endif
