/*
 * jobs.h: background jobs, safe with several servers on one database.
 *
 * Each job has a row in `jobs`. A worker runs a job only after taking its
 * lease with one conditional UPDATE (locked_until <= now; the new
 * locked_until is now + the job's interval), so however many servers
 * share a database, a job runs at most once per interval, and a worker
 * that dies mid-run only delays the next run until its lease runs out.
 * Times come from app->clock, so tests freeze them.
 *
 * The jobs: releasing claims that have run out (assess_expire_claims,
 * every minute), sending due-date and overdue alerts (assess_send_alerts,
 * every 5 minutes), and the endorsement deadlines: warnings 30 and 7 days
 * before, lapsing after (endorse.h, every hour).
 */
#ifndef LAUREL_JOBS_H
#define LAUREL_JOBS_H

#include "core/common.h"
#include "domain/app.h"

struct job {
	const char *name;
	int64_t interval; /* seconds between runs, and the lease */
	int (*run)(struct app *app);
};

extern const struct job jobs[];
extern const size_t njobs;

/*
 * jobs_run_due runs every job whose lease worker (any short text naming
 * this process, e.g. "host:pid") can take now, and sets *ran to how many
 * ran. A job that fails is logged and counted as run (its lease stands,
 * so it is retried after its interval). Returns 0 or ERR_DB when the jobs
 * table cannot be read.
 */
MUST_CHECK int jobs_run_due(struct app *app, const char *worker, int *ran);

#endif
