/*
 * db_int.h: what the two back ends implement (private to src/db).
 */
#ifndef LAUREL_DB_INT_H
#define LAUREL_DB_INT_H

#include "db/db.h"

struct db_backend {
	int (*exec)(struct db *, enum db_qid, const struct db_param *, size_t,
	    struct arena *, struct db_rows *);
	int (*prepare)(struct db *, enum db_qid, char *, size_t);
	int (*script)(struct db *, const char *, char *, size_t);
	void (*close)(struct db *);
};

struct db {
	enum db_kind kind;
	const struct db_backend *be;
	void *conn;
	void **stmts; /* per query id: prepared statement (or name flag) */
	int txdepth;
};

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pgsql_backend;

int db_sqlite_open(const char *path, struct db *db, char *msg, size_t msglen);
int db_pgsql_open(const char *url, struct db *db, char *msg, size_t msglen);

/* db_rows_alloc sizes rows for nrows x ncols in arena a. */
int db_rows_alloc(
    struct arena *a, struct db_rows *rows, size_t nrows, size_t ncols);

#endif
