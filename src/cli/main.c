/*
 * main.c: the laurel command.
 *
 *   laurel serve | migrate | seed-demo | version | help
 *
 * Options come from LAUREL_* environment variables, then the command line
 * (--name value or --name=value); every value is validated before anything
 * starts. Bad usage exits 2 with a message; failures exit 1.
 */
#include <signal.h>
#include <sys/stat.h>

#include "core/common.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/app.h"
#include "domain/seed.h"
#include "web/server.h"

#ifndef LAUREL_VERSION
#define LAUREL_VERSION "0.1.0"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: laurel COMMAND [options]\n"
	    "\n"
	    "commands:\n"
	    "  serve       serve Laurel over HTTP until SIGTERM or SIGINT\n"
	    "  migrate     create or upgrade the database schema\n"
	    "  seed-demo   migrate, then load the demo data (idempotent)\n"
	    "  version     print the version\n"
	    "  help        print this help\n"
	    "\n"
	    "options (each may also be set in the environment):\n");
	for (size_t i = 0; i < config_noptions; i++)
		fprintf(f, "  --%-12s %-18s %s\n", config_options[i].name,
		    config_options[i].env, config_options[i].help);
}

/* parse_options applies environment then argv[first..] to cfg. */
static int
parse_options(struct config *cfg, int argc, char **argv, int first)
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

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			fprintf(
			    stderr, "laurel: unexpected argument '%s'\n\n", a);
			usage(stderr);
			return 2;
		}
		a += 2;
		eq = strchr(a, '=');
		nl = eq ? (size_t)(eq - a) : strlen(a);
		if (nl >= sizeof(name)) {
			fprintf(stderr, "laurel: unknown option --%s\n", a);
			return 2;
		}
		memcpy(name, a, nl);
		name[nl] = '\0';
		if (eq != NULL) {
			val = eq + 1;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			fprintf(stderr, "laurel: --%s needs a value\n", name);
			return 2;
		}
		if (config_set(cfg, name, val, msg, sizeof(msg)) != 0) {
			fprintf(stderr, "laurel: %s\n\n", msg);
			usage(stderr);
			return 2;
		}
	}
	log_set_level((enum log_level)cfg->log_level);
	return 0;
}

/* ensure_parent creates the directory of a SQLite path (e.g. var/). */
static void
ensure_parent(const char *url)
{
	char dir[1024];
	char *slash;

	if (strncmp(url, "postgres", 8) == 0 || strlen(url) >= sizeof(dir))
		return;
	snprintf(dir, sizeof(dir), "%s", url);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
	}
	mkdir(dir, 0755);
}

static int
open_migrated(const struct config *cfg, struct db **db)
{
	char msg[512];
	int applied;

	ensure_parent(cfg->db_url);
	if (db_open(cfg->db_url, db, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: %s\n", msg);
		return 1;
	}
	if (migrate_run(*db, clock_now(&clock_system), &applied, msg,
	        sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: migration failed: %s\n", msg);
		db_close(*db);
		return 1;
	}
	if (applied > 0) {
		char n[16];
		snprintf(n, sizeof(n), "%d", applied);
		log_info("migrations applied", "count", n);
	}
	return 0;
}

static int
cmd_migrate(const struct config *cfg)
{
	struct db *db;
	int version = 0;

	if (open_migrated(cfg, &db) != 0)
		return 1;
	if (migrate_current(db, &version) != 0) {
		db_close(db);
		return 1;
	}
	printf("database is at schema version %d\n", version);
	db_close(db);
	return 0;
}

static int
cmd_seed(const struct config *cfg)
{
	struct db *db;
	struct app app = {cfg, &clock_system, NULL};
	int created = 0, rc;

	if (open_migrated(cfg, &db) != 0)
		return 1;
	app.db = db;
	rc = seed_demo(&app, &created);
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "laurel: loading demo data failed: %s\n",
		    err_str(rc));
		return 1;
	}
	printf("demo data loaded (%d new badges)\n", created);
	return 0;
}

static int
cmd_serve(const struct config *cfg)
{
	struct server *srv;
	struct db *db;
	sigset_t set;
	char msg[512];
	int sig = 0;

	/* Check the database before taking requests. */
	if (open_migrated(cfg, &db) != 0)
		return 1;
	db_close(db);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (server_start(cfg, &clock_system, &srv, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: %s\n", msg);
		return 1;
	}
	{
		char port[16];
		snprintf(port, sizeof(port), "%u", server_port(srv));
		log_info("serving", "host", cfg->listen_host, "port", port,
		    "base_url", cfg->base_url, "db",
		    strncmp(cfg->db_url, "postgres", 8) == 0 ? "postgresql"
		                                             : cfg->db_url);
	}
	sigwait(&set, &sig);
	log_info("stopping", "signal", sig == SIGTERM ? "TERM" : "INT");
	server_stop(srv, 30);
	log_info("stopped");
	return 0;
}

int
main(int argc, char **argv)
{
	struct config cfg;
	const char *cmd;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("laurel %s\n", LAUREL_VERSION);
		return 0;
	}
	if (strcmp(cmd, "serve") != 0 && strcmp(cmd, "migrate") != 0 &&
	    strcmp(cmd, "seed-demo") != 0) {
		fprintf(stderr, "laurel: unknown command '%s'\n\n", cmd);
		usage(stderr);
		return 2;
	}
	config_defaults(&cfg);
	if ((rc = parse_options(&cfg, argc, argv, 2)) != 0) {
		config_free(&cfg);
		return rc;
	}
	if (strcmp(cmd, "serve") == 0)
		rc = cmd_serve(&cfg);
	else if (strcmp(cmd, "migrate") == 0)
		rc = cmd_migrate(&cfg);
	else
		rc = cmd_seed(&cfg);
	config_free(&cfg);
	return rc;
}
