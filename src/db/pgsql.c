/*
 * pgsql.c: the PostgreSQL back end (libpq).
 *
 * Query text is written once with SQLite's ?N placeholders; this back end
 * rewrites ?N to $N (outside quoted literals) and prepares each query once
 * per connection under its query id. Parameters are sent with their
 * lengths; blobs in binary format. Results come back as text, except bytea
 * columns, which are unescaped to bytes.
 */
#include <libpq-fe.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db_int.h"

#define PG_BYTEAOID 17

static void
pg_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* pg_text rewrites ?N placeholders to $N. */
static void
pg_text(const char *sql, struct buf *out)
{
	char quote = 0;

	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			buf_addc(out, '$');
			continue;
		}
		buf_addc(out, *p);
	}
}

static int
pg_prepare(struct db *db, enum db_qid q, char *msg, size_t msglen)
{
	PGresult *res;
	struct buf sql;
	char name[16];
	int ok;

	if (db->stmts[q] != NULL)
		return 0;
	buf_init(&sql, NULL, 1 << 20);
	/* A query's own PostgreSQL text may use ?N too. */
	pg_text(db_queries[q].pg != NULL ? db_queries[q].pg : db_queries[q].sql,
	    &sql);
	if (buf_err(&sql) != 0) {
		buf_free(&sql);
		return ERR_TOOBIG;
	}
	snprintf(name, sizeof(name), "q%u", (unsigned)q);
	res = PQprepare(db->conn, name, sql.data, 0, NULL);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok && msg)
		snprintf(msg, msglen, "%s: %s", db_queries[q].name,
		    PQresultErrorMessage(res));
	if (!ok)
		log_error("postgres prepare failed", "query",
		    db_queries[q].name, "error", PQresultErrorMessage(res));
	PQclear(res);
	buf_free(&sql);
	if (!ok)
		return ERR_DB;
	if (msg) {
		/* The test checks the declared parameter count too. */
		res = PQdescribePrepared(db->conn, name);
		if (PQresultStatus(res) != PGRES_COMMAND_OK ||
		    (size_t)PQnparams(res) != db_queries[q].nparams) {
			snprintf(msg, msglen,
			    "%s: declares %zu parameters, SQL has %d",
			    db_queries[q].name, db_queries[q].nparams,
			    PQnparams(res));
			PQclear(res);
			return ERR_DB;
		}
		PQclear(res);
	}
	db->stmts[q] = db; /* any non-NULL marks "prepared" */
	return 0;
}

static int
pg_exec(struct db *db, enum db_qid q, const struct db_param *p, size_t n,
    struct arena *a, struct db_rows *rows)
{
	const char *values[32];
	int lengths[32], formats[32];
	char ints[32][24];
	char *copies[32] = {0};
	char name[16];
	PGresult *res = NULL;
	int rc = ERR_DB, st, nparams;

	if (n > NELEM(values) || size_to_int(n, &nparams) != 0)
		return ERR_INVAL;
	if (pg_prepare(db, q, NULL, 0) != 0)
		return ERR_DB;
	for (size_t k = 0; k < n; k++) {
		formats[k] = 0;
		lengths[k] = 0;
		switch (p[k].type) {
		case DB_T_NULL:
			values[k] = NULL;
			break;
		case DB_T_INT:
			snprintf(ints[k], sizeof(ints[k]), "%lld",
			    (long long)p[k].i);
			values[k] = ints[k];
			break;
		case DB_T_TEXT:
			/* text format: libpq reads to the NUL, so copy */
			if (p[k].len && memchr(p[k].p, '\0', p[k].len)) {
				rc = ERR_INVAL;
				goto out;
			}
			copies[k] = xstrndup(p[k].p ? p[k].p : "", p[k].len);
			values[k] = copies[k];
			break;
		case DB_T_BLOB:
			values[k] = p[k].p ? p[k].p : "";
			if (size_to_int(p[k].len, &lengths[k]) != 0) {
				rc = ERR_TOOBIG;
				goto out;
			}
			formats[k] = 1;
			break;
		}
	}
	snprintf(name, sizeof(name), "q%u", (unsigned)q);
	res = PQexecPrepared(
	    db->conn, name, nparams, values, lengths, formats, 0);
	st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (state != NULL && strncmp(state, "23", 2) == 0) {
			rc = ERR_CONFLICT;
		} else {
			log_error("postgres query failed", "query",
			    db_queries[q].name, "error",
			    PQresultErrorMessage(res));
			if (PQstatus(db->conn) != CONNECTION_OK)
				PQreset(db->conn);
		}
		goto out;
	}
	if (rows != NULL) {
		size_t nr = (size_t)PQntuples(res), nc = (size_t)PQnfields(res);
		const char *ch = PQcmdTuples(res);

		if ((rc = db_rows_alloc(a, rows, nr, nc)) != 0)
			goto out;
		for (size_t c = 0; c < nc; c++) {
			bool bytea = PQftype(res, (int)c) == PG_BYTEAOID;
			for (size_t r = 0; r < nr; r++) {
				struct db_cell *cell = &rows->cells[r * nc + c];
				const char *v;
				size_t len;
				unsigned char *un = NULL;

				if (PQgetisnull(res, (int)r, (int)c)) {
					cell->v = NULL;
					cell->len = 0;
					continue;
				}
				v = PQgetvalue(res, (int)r, (int)c);
				len = (size_t)PQgetlength(res, (int)r, (int)c);
				if (bytea) {
					un = PQunescapeBytea(
					    (const unsigned char *)v, &len);
					if (un == NULL) {
						rc = ERR_DB;
						goto out;
					}
					v = (const char *)un;
				}
				cell->v = arena_strndup(a, v, len);
				cell->len = len;
				PQfreemem(un);
				if (cell->v == NULL) {
					rc = ERR_TOOBIG;
					goto out;
				}
			}
		}
		rows->changes = 0;
		for (; ch && *ch >= '0' && *ch <= '9'; ch++)
			rows->changes = rows->changes * 10 + (*ch - '0');
	}
	rc = 0;
out:
	PQclear(res);
	for (size_t k = 0; k < n; k++)
		free(copies[k]);
	return rc;
}

static int
pg_script(struct db *db, const char *sql, char *msg, size_t msglen)
{
	PGresult *res = PQexec(db->conn, sql);
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
	    PQresultStatus(res) == PGRES_TUPLES_OK;

	if (!ok)
		snprintf(msg, msglen, "%s", PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : ERR_DB;
}

static void
pg_close(struct db *db)
{
	PQfinish(db->conn);
}

const struct db_backend db_pgsql_backend = {
    pg_exec,
    pg_prepare,
    pg_script,
    pg_close,
};

int
db_pgsql_open(const char *url, struct db *db, char *msg, size_t msglen)
{
	PGconn *c = PQconnectdb(url);
	PGresult *res;

	if (c == NULL || PQstatus(c) != CONNECTION_OK) {
		snprintf(msg, msglen, "cannot connect to PostgreSQL: %s",
		    c ? PQerrorMessage(c) : "out of memory");
		PQfinish(c);
		return ERR_DB;
	}
	PQsetNoticeProcessor(c, pg_notice, NULL);
	res = PQexec(c, "SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'");
	PQclear(res);
	db->kind = DB_PGSQL;
	db->be = &db_pgsql_backend;
	db->conn = c;
	return 0;
}
