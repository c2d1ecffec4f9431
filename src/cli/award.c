/*
 * award.c: `laurel award list`: every award, oldest first, one a line,
 * tab-separated: award id, badge id, the recipient's current primary
 * email address, status. Options as the other commands (LAUREL_*
 * variables, then --name value); only --db matters here.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/app.h"
#include "domain/award.h"
#include "cli/cli.h"

static int
award_usage(void)
{
	fprintf(stderr, "usage: laurel award list [--db URL] [options]\n");
	return 2;
}

/* options applies the environment, then argv[first..], to cfg. */
static int
options(struct config *cfg, int argc, char **argv, int first)
{
	char msg[512];

	if (config_from_env(cfg, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: %s\n", msg);
		return 2;
	}
	for (int i = first; i < argc; i++) {
		const char *a = argv[i], *eq, *val;
		char name[64];
		size_t nl;

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
			return award_usage();
		a += 2;
		eq = strchr(a, '=');
		nl = eq ? (size_t)(eq - a) : strlen(a);
		if (nl >= sizeof(name))
			return award_usage();
		memcpy(name, a, nl);
		name[nl] = '\0';
		if (eq != NULL)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return award_usage();
		if (config_set(cfg, name, val, msg, sizeof(msg)) != 0) {
			fprintf(stderr, "laurel: %s\n", msg);
			return 2;
		}
	}
	log_set_level((enum log_level)cfg->log_level);
	return 0;
}

int
cli_award(int argc, char **argv)
{
	struct config cfg;
	struct app app = {
	    .cfg = &cfg, .clock = &clock_system, .db = NULL, .secret = NULL};
	struct arena *a = NULL;
	struct award *w;
	char msg[512];
	size_t n;
	int applied, rc;

	if (argc < 3 || strcmp(argv[2], "list") != 0)
		return award_usage();
	config_defaults(&cfg);
	if ((rc = options(&cfg, argc, argv, 3)) != 0)
		goto out;
	rc = 1;
	if (db_open(cfg.db_url, &app.db, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: %s\n", msg);
		goto out;
	}
	if (migrate_run(app.db, clock_now(&clock_system), &applied, msg,
	        sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: migration failed: %s\n", msg);
		goto out;
	}
	a = arena_new(256 << 20);
	if (award_list_all(&app, a, &w, &n) != 0) {
		fprintf(stderr, "laurel: cannot read the awards\n");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\n", w[i].id, w[i].badge_id,
		    w[i].current_email, w[i].status);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	arena_free(a);
	db_close(app.db);
	config_free(&cfg);
	return rc;
}
