/*
 * jobs.c: the job runner (jobs.h).
 *
 * Leases are taken outside any transaction: the UPDATE is atomic on both
 * back ends, and each job runs its own transactions.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/assessment.h"
#include "domain/endorse.h" /* endorsement deadlines */
#include "domain/jobs.h"

static int
run_expire(struct app *app)
{
	int n = 0, rc = assess_expire_claims(app, &n);

	if (rc == 0 && n > 0) {
		char s[16];
		snprintf(s, sizeof(s), "%d", n);
		log_info("claims released", "count", s);
	}
	return rc;
}

static int
run_alerts(struct app *app)
{
	int n = 0;

	return assess_send_alerts(app, &n);
}

/* endorsements (endorse.c): warnings before, and lapsing on, the
 * deadline for a manager's endorsement */
static int
run_lapses(struct app *app)
{
	int lapsed = 0, warned = 0;
	int rc = endorse_run_lapses(app, &lapsed, &warned);

	if (rc == 0 && (lapsed > 0 || warned > 0)) {
		char l[16], w[16];
		snprintf(l, sizeof(l), "%d", lapsed);
		snprintf(w, sizeof(w), "%d", warned);
		log_info("endorsement deadlines", "lapsed", l, "warned", w);
	}
	return rc;
}
/* end of endorsements */

const struct job jobs[] = {
    {"release-expired-claims", 60, run_expire},
    {"assessment-alerts", 300, run_alerts},
    {"endorsement-deadlines", 3600, run_lapses}, /* endorse.c */
};
const size_t njobs = NELEM(jobs);

int
jobs_run_due(struct app *app, const char *worker, int *ran)
{
	int64_t now = clock_now(app->clock);
	struct arena *a = arena_new(1 << 16);
	struct db_param p[4];
	struct db_rows rows;
	int rc = 0, jrc;

	*ran = 0;
	for (size_t i = 0; i < njobs; i++) {
		p[0] = DB_STR(jobs[i].name);
		if ((rc = db_exec(app->db, Q_JOB_ENSURE, p, 1, NULL, NULL)) !=
		    0)
			goto out;
	}
	for (size_t i = 0; i < njobs; i++) {
		p[0] = DB_STR(jobs[i].name);
		p[1] = DB_STR(worker);
		p[2] = DB_INT(now);
		p[3] = DB_INT(now + jobs[i].interval);
		if ((rc = db_exec(app->db, Q_JOB_LEASE, p, 4, a, &rows)) != 0)
			goto out;
		if (rows.changes != 1)
			continue;
		(*ran)++;
		if ((jrc = jobs[i].run(app)) != 0)
			log_warn("job failed", "job", jobs[i].name, "error",
			    err_str(jrc));
		p[2] = DB_INT(now);
		if (db_exec(app->db, Q_JOB_DONE, p, 3, NULL, NULL) != 0)
			log_warn("job not recorded", "job", jobs[i].name);
	}
out:
	arena_free(a);
	return rc;
}
