/*
 * main.c: the laurel command.
 *
 *   laurel serve | migrate | seed-demo | admin ... | version | help
 *
 * Options come from LAUREL_* environment variables, then the command line
 * (--name value or --name=value); every value is validated before anything
 * starts. Bad usage exits 2 with a message; failures exit 1.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/common.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/num.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "domain/account.h"
#include "domain/app.h"
#include "domain/outbox.h"
#include "domain/seed.h"
#include "domain/signer_proc.h"
#include "web/server.h"
#include "cli/cli.h"
#include "domain/jobs.h"

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
	    "  admin create-platform-admin EMAIL [NAME]\n"
	    "              make EMAIL's account a platform admin (creating "
	    "it,\n"
	    "              and printing a link to set its password, if new)\n"
	    "  award list  print every award: id, badge, email, status\n"
	    "  bake IN OUT --assertion FILE|URL | --credential FILE|URL\n"
	    "              bake an Open Badges 2.0 assertion or 3.0 "
	    "credential\n"
	    "              into a PNG or SVG\n"
	    "  unbake FILE print the assertion baked into a PNG or SVG\n"
	    "  verify FILE|URL|- [--email ADDRESS] [--json] [--offline]\n"
	    "              check an Open Badge (baked PNG or SVG, JSON, JWS "
	    "or\n"
	    "              URL) and say what passed; exit 0 only if valid\n"
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
	struct app app = {
	    .cfg = cfg, .clock = &clock_system, .db = NULL, .secret = NULL};
	int created = 0, rc;

	if (open_migrated(cfg, &db) != 0)
		return 1;
	app.db = db;
	rc = seed_demo(&app, &created);
	/* The demo workflow: applications in every state, and awards. */
	if (rc == 0) {
		int work = 0;
		rc = seed_work(&app, &work);
		created += work;
	}
	/* LAUREL_SYNTHETIC_BADGES=N adds N badges for benchmarks. */
	{
		const char *v = getenv("LAUREL_SYNTHETIC_BADGES");
		int64_t n = 0;
		int more = 0;
		if (rc == 0 && v != NULL && *v != '\0') {
			if (num_parse(v, strlen(v), 0, 100000, &n) != 0) {
				fprintf(stderr,
				    "laurel: LAUREL_SYNTHETIC_BADGES "
				    "must be a number from 0 to "
				    "100000\n");
				db_close(db);
				return 1;
			}
			rc = seed_synthetic(&app, (int)n, &more);
			created += more;
		}
	}
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "laurel: loading demo data failed: %s\n",
		    err_str(rc));
		return 1;
	}
	printf("demo data loaded (%d new badges and accounts)\n\n", created);
	printf("Demo accounts (password for each: %s)\n", DEMO_PASSWORD);
	for (size_t i = 0; i < n_demo_accounts; i++)
		printf("  %-34s %s\n", demo_accounts[i].email,
		    demo_accounts[i].role);
	printf("\n");
	return 0;
}

static int
cmd_admin(const struct config *cfg, const char *email, const char *name)
{
	struct db *db;
	struct app app = {
	    .cfg = cfg, .clock = &clock_system, .db = NULL, .secret = NULL};
	struct arena *a = arena_new(1 << 20);
	struct who w = {"", "command line"};
	char person[ID_LEN + 1];
	const char *url = NULL;
	bool created;
	int rc;

	if (open_migrated(cfg, &db) != 0) {
		arena_free(a);
		return 1;
	}
	app.db = db;
	rc = account_ensure(&app, a, name, email, NULL, person, &created);
	if (rc == ERR_INVAL)
		fprintf(stderr, "laurel: '%s' is not a valid email address\n",
		    email);
	else if (rc == ERR_CONFLICT)
		fprintf(stderr, "laurel: the account of %s is closed\n", email);
	if (rc == 0)
		rc = account_set_platform_admin(&app, &w, person, true);
	if (rc == 0 && created)
		rc = account_reset_link(&app, a, person, &url);
	if (rc == 0) {
		printf("%s is a platform admin.\n", email);
		if (url != NULL)
			printf("The account is new: set its password within "
			       "24 hours at\n  %s\n",
			    url);
	} else if (rc != ERR_INVAL && rc != ERR_CONFLICT) {
		fprintf(stderr, "laurel: %s\n", err_str(rc));
	}
	db_close(db);
	arena_free(a);
	return rc == 0 ? 0 : 1;
}

/* The mailer delivers queued email in the background while serving. */
static atomic_bool mailer_stop;
static const struct config *mailer_cfg;

static void *
mailer_main(void *arg)
{
	const struct config *cfg = mailer_cfg;
	struct app app = {
	    .cfg = cfg, .clock = &clock_system, .db = NULL, .secret = NULL};
	char msg[256];

	(void)arg;
	while (!atomic_load(&mailer_stop)) {
		int sent = 0;
		if (app.db == NULL &&
		    db_open(cfg->db_url, &app.db, msg, sizeof(msg)) != 0) {
			log_warn(
			    "mailer cannot open the database", "error", msg);
			app.db = NULL;
		}
		if (app.db != NULL && outbox_deliver_due(&app, 20, &sent) != 0)
			log_warn("mailer could not read the outbox");
		for (int i = 0; i < 10 && !atomic_load(&mailer_stop); i++)
			usleep(100 * 1000);
	}
	if (app.db != NULL)
		db_close(app.db);
	return NULL;
}

/* The job runner releases claims that ran out and sends alerts
 * (domain/jobs.h); it always runs while serving. */
static atomic_bool jobs_stop;
/* The signer process, started before any thread (set before the jobs
 * thread starts, read-only afterwards). */
static struct signer_proc *serve_signer;

static void *
jobs_main(void *arg)
{
	struct app app = {.cfg = mailer_cfg,
	    .clock = &clock_system,
	    .db = NULL,
	    .secret = NULL};
	char msg[256], worker[64];

	(void)arg;
	app.signer_proc = serve_signer;
	snprintf(worker, sizeof(worker), "serve:%ld", (long)getpid());
	while (!atomic_load(&jobs_stop)) {
		int ran = 0;
		if (app.db == NULL &&
		    db_open(app.cfg->db_url, &app.db, msg, sizeof(msg)) != 0) {
			log_warn("jobs cannot open the database", "error", msg);
			app.db = NULL;
		}
		if (app.db != NULL && jobs_run_due(&app, worker, &ran) != 0)
			log_warn("jobs could not run");
		for (int i = 0; i < 50 && !atomic_load(&jobs_stop); i++)
			usleep(100 * 1000);
	}
	if (app.db != NULL)
		db_close(app.db);
	return NULL;
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
	/* The signer process forks, so it starts before any thread does
	 * (the server's pool, the mailer and the job runner). */
	if (signer_proc_start(cfg, &serve_signer, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: %s\n", msg);
		return 1;
	}
	if (server_start(cfg, &clock_system, serve_signer, &srv, msg,
	        sizeof(msg)) != 0) {
		fprintf(stderr, "laurel: %s\n", msg);
		signer_proc_stop(serve_signer);
		serve_signer = NULL;
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
	pthread_t mailer;
	bool mailing;
	mailer_cfg = cfg;
	mailing = cfg->smtp_url[0] != '\0' &&
	    pthread_create(&mailer, NULL, mailer_main, NULL) == 0;
	pthread_t jobber;
	bool jobbing = pthread_create(&jobber, NULL, jobs_main, NULL) == 0;
	sigwait(&set, &sig);
	log_info("stopping", "signal", sig == SIGTERM ? "TERM" : "INT");
	server_stop(srv, 30);
	if (mailing) {
		atomic_store(&mailer_stop, true);
		pthread_join(mailer, NULL);
	}
	if (jobbing) {
		atomic_store(&jobs_stop, true);
		pthread_join(jobber, NULL);
	}
	signer_proc_stop(serve_signer);
	serve_signer = NULL;
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
	if (strcmp(cmd, "award") == 0)
		return cli_award(argc, argv);
	if (strcmp(cmd, "bake") == 0 || strcmp(cmd, "unbake") == 0)
		return cli_bake(argc, argv);
	if (strcmp(cmd, "verify") == 0)
		return cli_verify(argc, argv);
	int first = 2;
	const char *email = NULL, *name = "Platform admin";
	if (strcmp(cmd, "admin") == 0) {
		if (argc < 4 || strcmp(argv[2], "create-platform-admin") != 0 ||
		    strncmp(argv[3], "--", 2) == 0) {
			fprintf(stderr,
			    "usage: laurel admin "
			    "create-platform-admin EMAIL [NAME] "
			    "[options]\n");
			return 2;
		}
		email = argv[3];
		first = 4;
		if (argc > 4 && strncmp(argv[4], "--", 2) != 0) {
			name = argv[4];
			first = 5;
		}
	} else if (strcmp(cmd, "serve") != 0 && strcmp(cmd, "migrate") != 0 &&
	    strcmp(cmd, "seed-demo") != 0) {
		fprintf(stderr, "laurel: unknown command '%s'\n\n", cmd);
		usage(stderr);
		return 2;
	}
	config_defaults(&cfg);
	if ((rc = parse_options(&cfg, argc, argv, first)) != 0) {
		config_free(&cfg);
		return rc;
	}
	{
		char msg[512];
		if (config_secret(&cfg, msg, sizeof(msg)) != 0) {
			fprintf(stderr, "laurel: %s\n", msg);
			config_free(&cfg);
			return 1;
		}
	}
	if (strcmp(cmd, "serve") == 0)
		rc = cmd_serve(&cfg);
	else if (strcmp(cmd, "migrate") == 0)
		rc = cmd_migrate(&cfg);
	else if (strcmp(cmd, "admin") == 0)
		rc = cmd_admin(&cfg, email, name);
	else
		rc = cmd_seed(&cfg);
	config_free(&cfg);
	return rc;
}
