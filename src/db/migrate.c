/*
 * migrate.c: the schema, as numbered migrations (see migrate.h).
 *
 * Times are BIGINT seconds since the epoch, UTC. Public ids are TEXT (22
 * characters of base64url, see core/id.h). Statements are written in the
 * SQL both back ends share; the rare difference goes in the sqlite or pg
 * member of a migration.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"

static const char schema_migrations_sql[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

const struct migration migrations[] = {
    {1, "issuers and badges",
        "CREATE TABLE issuers ("
        " id TEXT PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " url TEXT NOT NULL,"
        " email TEXT NOT NULL,"
        " description TEXT NOT NULL DEFAULT '',"
        " is_scheme INTEGER NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL);"
        "CREATE TABLE badges ("
        " id TEXT PRIMARY KEY,"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " status TEXT NOT NULL"
        "  CHECK (status IN ('draft', 'published', 'archived')),"
        " current_version INTEGER NOT NULL,"
        " introductory INTEGER NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL,"
        " updated_at BIGINT NOT NULL);"
        "CREATE INDEX badges_issuer ON badges (issuer_id);"
        "CREATE INDEX badges_status ON badges (status);"
        "CREATE TABLE badge_versions ("
        " badge_id TEXT NOT NULL REFERENCES badges (id),"
        " version INTEGER NOT NULL,"
        " name TEXT NOT NULL,"
        " summary TEXT NOT NULL,"
        " description_md TEXT NOT NULL,"
        " estimated_minutes INTEGER NOT NULL,"
        " licence TEXT NOT NULL,"
        " min_words INTEGER NOT NULL DEFAULT 0,"
        " attachments_allowed INTEGER NOT NULL DEFAULT 0,"
        " expiry_months INTEGER,"
        " image_alt TEXT NOT NULL DEFAULT '',"
        " colour TEXT NOT NULL DEFAULT '#0065bd',"
        " created_at BIGINT NOT NULL,"
        " PRIMARY KEY (badge_id, version));"
        "CREATE TABLE badge_criteria ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " position INTEGER NOT NULL,"
        " text TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, position),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE TABLE badge_activities ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " position INTEGER NOT NULL,"
        " text TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, position),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE TABLE badge_resources ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " position INTEGER NOT NULL,"
        " title TEXT NOT NULL,"
        " url TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, position),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE TABLE badge_tags ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " tag TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, tag),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));",
        NULL, NULL},
};
const size_t nmigrations = NELEM(migrations);

int
migrate_current(struct db *db, int *version)
{
	struct arena *a = arena_new(1 << 20);
	struct db_rows rows;
	char msg[256];
	int rc;

	*version = 0;
	if ((rc = db_script(db, schema_migrations_sql, msg, sizeof(msg))) !=
	    0) {
		log_error("cannot create schema_migrations", "error", msg);
		goto out;
	}
	if ((rc = db_exec(db, Q_MIGRATION_LIST, NULL, 0, a, &rows)) != 0)
		goto out;
	for (size_t r = 0; r < rows.nrows; r++) {
		int64_t v = db_get_int(&rows, r, 0);
		if (v > *version && v < 1000000)
			*version = (int)v;
	}
out:
	arena_free(a);
	return rc;
}

int
migrate_run(struct db *db, int64_t now, int *applied, char *msg, size_t msglen)
{
	int current, rc;

	*applied = 0;
	if (msglen > 0)
		msg[0] = '\0';
	if ((rc = migrate_current(db, &current)) != 0) {
		snprintf(msg, msglen, "cannot read schema_migrations");
		return rc;
	}
	for (size_t i = 0; i < nmigrations; i++) {
		const struct migration *m = &migrations[i];
		const char *extra =
		    db_kind(db) == DB_SQLITE ? m->sqlite : m->pg;
		struct db_param p[3];

		if (m->version <= current)
			continue;
		if ((rc = db_begin(db)) != 0) {
			snprintf(msg, msglen, "cannot begin migration %d",
			    m->version);
			return rc;
		}
		/* Another process may have applied it since we looked. */
		if ((rc = migrate_current(db, &current)) != 0)
			goto fail;
		if (m->version <= current) {
			db_rollback(db);
			continue;
		}
		if ((rc = db_script(db, m->sql, msg, msglen)) != 0)
			goto fail;
		if (extra && (rc = db_script(db, extra, msg, msglen)) != 0)
			goto fail;
		p[0] = DB_INT(m->version);
		p[1] = DB_STR(m->name);
		p[2] = DB_INT(now);
		if ((rc = db_exec(db, Q_MIGRATION_RECORD, p, 3, NULL, NULL)) !=
		    0) {
			snprintf(msg, msglen, "cannot record migration %d",
			    m->version);
			goto fail;
		}
		if ((rc = db_commit(db)) != 0) {
			snprintf(msg, msglen, "cannot commit migration %d",
			    m->version);
			goto fail;
		}
		(*applied)++;
		continue;
	fail:
		db_rollback(db);
		{
			size_t n = strlen(msg);
			snprintf(msg + n, msglen - n, " (migration %d: %s)",
			    m->version, m->name);
		}
		return rc;
	}
	return 0;
}
