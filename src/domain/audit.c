/*
 * audit.c: the audit log (see audit.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/audit.h"

int
audit_log(struct app *app, const struct who *who, const char *action,
    const char *subject, const char *detail)
{
	char id[ID_LEN + 1];
	struct db_param p[7];

	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_INT(clock_now(app->clock));
	p[2] = DB_STR(who && who->person ? who->person : "");
	p[3] = DB_STR(action);
	p[4] = DB_STR(subject ? subject : "");
	p[5] = DB_STR(detail ? detail : "");
	p[6] = DB_STR(who && who->ip ? who->ip : "");
	return db_exec(app->db, Q_AUDIT_INSERT, p, 7, NULL, NULL);
}

int
audit_list(struct app *app, struct arena *a, const struct audit_filter *f,
    struct audit_event **out, size_t *n)
{
	struct db_param p[6] = {DB_STR(f->actor), DB_STR(f->action),
	    DB_INT(f->from), DB_INT(f->to), DB_INT(f->limit),
	    DB_INT(f->offset)};
	struct db_rows rows;
	struct audit_event *v;
	int rc;

	if ((rc = db_exec(app->db, Q_AUDIT_LIST, p, 6, a, &rows)) != 0)
		return rc;
	v = arena_alloc(a, (rows.nrows ? rows.nrows : 1) * sizeof(*v));
	if (v == NULL)
		return ERR_TOOBIG;
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].at = db_get_int(&rows, r, 1);
		v[r].actor = db_get(&rows, r, 2);
		v[r].actor_name = db_get(&rows, r, 3);
		v[r].action = db_get(&rows, r, 4);
		v[r].subject = db_get(&rows, r, 5);
		v[r].detail = db_get(&rows, r, 6);
		v[r].ip = db_get(&rows, r, 7);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}
