/*
 * seed.c: demo data. The text of the badges is written for Laurel. The
 * scheme is a demonstration modelled on a national workforce regulator's
 * badge scheme; it is not any real body's catalogue.
 */
#include <openssl/evp.h>

#include "core/common.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "core/arena.h"
#include "domain/account.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "domain/seed.h"
#include "domain/seed_catalogue.h"

void
seed_id(const char *key, char out[ID_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	char in[256];

	snprintf(in, sizeof(in), "laurel-demo:%s", key);
	if (EVP_Digest(in, strlen(in), md, &n, EVP_sha256(), NULL) != 1)
		fatal("sha256 failed");
	b64url_encode_raw(md, 16, out, ID_LEN + 1);
}

const struct demo_account demo_accounts[] = {
    {"Learner (staff at Riverside Care)", "Ailsa Reid",
        "learner@demo.laurel.test"},
    {"Manager (line manager of the learner)", "Morag Campbell",
        "manager@demo.laurel.test"},
    {"Organisation admin (Riverside Care)", "Callum Fraser",
        "orgadmin@demo.laurel.test"},
    {"Assessor (scheme issuer)", "Priya Shah", "assessor@demo.laurel.test"},
    {"Issuer admin (scheme issuer)", "Ewan Murray",
        "issueradmin@demo.laurel.test"},
    {"Platform admin", "Fiona Stewart", "platformadmin@demo.laurel.test"},
};
const size_t n_demo_accounts = NELEM(demo_accounts);

/* seed_people makes the demo accounts, organisation and roles. */
static int
seed_people(struct app *app, const char *issuer, int *created)
{
	static const char *const org_role[] = {
	    "staff", "manager", "org_admin", NULL, NULL, NULL};
	static const char *const iss_role[] = {
	    NULL, NULL, NULL, "assessor", "issuer_admin", NULL};
	char people[NELEM(demo_accounts)][ID_LEN + 1], org[ID_LEN + 1];
	struct arena *a = arena_new(1 << 20);
	struct who w = {"", "demo data"};
	struct org o;
	bool made;
	int rc = 0;

	for (size_t i = 0; i < n_demo_accounts; i++) {
		if ((rc = account_ensure(app, a, demo_accounts[i].name,
		         demo_accounts[i].email, DEMO_PASSWORD, people[i],
		         &made)) != 0)
			goto out;
		*created += made;
	}
	{
		struct account acc;
		if ((rc = account_get(app, a, people[5], &acc)) != 0 ||
		    (!acc.platform_admin &&
		        (rc = account_set_platform_admin(
		             app, &w, people[5], true)) != 0))
			goto out;
	}
	if ((rc = db_begin(app->db)) != 0)
		goto out;
	seed_id("org:riverside", org);
	if (org_get(app, a, org, &o) == ERR_NOTFOUND)
		rc = org_create_approved(app, &w, org, "Riverside Care (demo)",
		    "A care home provider in the demo data.");
	for (size_t i = 0; rc == 0 && i < n_demo_accounts; i++) {
		if (org_role[i] != NULL &&
		    org_person_role(app, a, org, people[i]) == 0)
			rc = org_add_member(app, &w, org, people[i],
			    org_role[i], i == 0 ? people[1] : NULL);
		if (rc == 0 && iss_role[i] != NULL &&
		    issuer_person_role(app, a, issuer, people[i]) == 0)
			rc = issuer_grant_person(
			    app, &w, issuer, people[i], iss_role[i]);
	}
	if (rc == 0)
		rc = db_commit(app->db);
	else
		db_rollback(app->db);
out:
	arena_free(a);
	return rc;
}

/* seed_issuer makes issuer si (its organisation exists by now). */
static int
seed_issuer(struct app *app, struct arena *a, const struct seed_issuer *si)
{
	char id[ID_LEN + 1], org[ID_LEN + 1];
	struct db_rows rows;
	int rc;

	/* DB_STR measures its string: fill the ids before using them. */
	seed_id(si->key, id);
	seed_id(si->org_key ? si->org_key : "none", org);
	struct db_param p[7] = {DB_STR(id), DB_STR(si->name), DB_STR(si->url),
	    DB_STR(si->email), DB_STR(si->description), DB_INT(si->is_scheme),
	    DB_INT(clock_now(app->clock))};
	if (si->org_key == NULL)
		return db_exec(app->db, Q_ISSUER_INSERT, p, 7, NULL, NULL);
	if ((rc = db_exec(app->db, Q_ISSUER_GET, p, 1, a, &rows)) != 0 ||
	    rows.nrows > 0)
		return rc;
	p[5] = DB_INT(clock_now(app->clock));
	p[6] = DB_STR(org);
	return db_exec(app->db, Q_ISSUER_INSERT_ORG, p, 7, NULL, NULL);
}

static int
seed_frameworks_load(struct app *app)
{
	int64_t now = clock_now(app->clock);
	int rc;

	for (size_t i = 0; i < n_seed_frameworks; i++) {
		const struct seed_framework *f = &seed_frameworks[i];
		char fid[ID_LEN + 1];
		seed_id(f->key, fid);
		struct db_param p[5] = {DB_STR(fid), DB_STR(f->name),
		    DB_STR(f->url), DB_STR(f->description), DB_INT(now)};
		if ((rc = db_exec(
		         app->db, Q_FRAMEWORK_INSERT, p, 5, NULL, NULL)) != 0)
			return rc;
		for (int t = 0; f->targets[t].code != NULL; t++) {
			const struct seed_target *st = &f->targets[t];
			char key[128], tid[ID_LEN + 1];
			snprintf(key, sizeof(key), "%s:%s", f->key, st->code);
			seed_id(key, tid);
			struct db_param q[7] = {DB_STR(tid), DB_STR(fid),
			    DB_STR(st->code), DB_STR(st->name),
			    DB_STR(st->description ? st->description : ""),
			    DB_STR(st->url ? st->url : ""), DB_INT(t + 1)};
			if ((rc = db_exec(app->db, Q_TARGET_INSERT, q, 7, NULL,
			         NULL)) != 0)
				return rc;
		}
	}
	for (size_t i = 0; i < n_seed_series; i++) {
		char sid[ID_LEN + 1], iid[ID_LEN + 1];
		seed_id(seed_series[i].key, sid);
		seed_id(seed_series[i].issuer_key, iid);
		struct db_param p[5] = {DB_STR(sid), DB_STR(iid),
		    DB_STR(seed_series[i].name), DB_STR(seed_series[i].summary),
		    DB_INT(now)};
		if ((rc = db_exec(
		         app->db, Q_SERIES_INSERT, p, 5, NULL, NULL)) != 0)
			return rc;
	}
	return 0;
}

static size_t
count_list(const char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* seed_badge makes badge sb, published, with its prerequisites. */
static int
seed_badge(
    struct app *app, struct arena *a, const struct seed_badge *sb, int *created)
{
	char id[ID_LEN + 1], issuer[ID_LEN + 1], series[ID_LEN + 1];
	struct badge_input in;
	struct badge_resource *res;
	const char **targets;
	struct form_err e = {"", ""};
	size_t nres = count_list(sb->resources) / 2, nt = 0;
	bool made;
	int rc;

	seed_id(sb->key, id);
	seed_id(sb->issuer_key, issuer);
	memset(&in, 0, sizeof(in));
	res = arena_alloc(a, (nres ? nres : 1) * sizeof(*res));
	targets = arena_alloc(a, 64 * sizeof(*targets));
	if (res == NULL || targets == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < nres; i++) {
		res[i].title = sb->resources[2 * i];
		res[i].url = sb->resources[2 * i + 1];
	}
	for (size_t i = 0;
	     sb->alignments && sb->alignments[i].framework_key && nt < 64;
	     i++) {
		char key[128], *tid = arena_alloc(a, ID_LEN + 1);
		if (tid == NULL)
			return ERR_TOOBIG;
		snprintf(key, sizeof(key), "%s:%s",
		    sb->alignments[i].framework_key, sb->alignments[i].code);
		seed_id(key, tid);
		targets[nt++] = tid;
	}
	in.name = sb->name;
	in.summary = sb->summary;
	in.description_md = sb->description_md;
	in.criteria = sb->criteria;
	in.n_criteria = count_list(sb->criteria);
	in.activities = sb->activities;
	in.n_activities = count_list(sb->activities);
	in.resources = res;
	in.n_resources = nres;
	in.tags = sb->tags;
	in.n_tags = count_list(sb->tags);
	in.targets = targets;
	in.n_targets = nt;
	in.minutes = sb->minutes;
	in.licence = sb->licence;
	in.min_words = sb->min_words;
	in.attachments_allowed = sb->attachments_allowed;
	in.expiry_months = sb->expiry_months;
	in.endorsement_months = sb->endorsement_months;
	in.introductory = sb->introductory;
	in.colour = sb->colour;
	in.image_alt = sb->image_alt;
	if (sb->series_key != NULL) {
		seed_id(sb->series_key, series);
		in.series_id = series;
		in.series_position = sb->series_position;
	}
	in.change_note = "First version.";
	if ((rc = badge_create_as_system(
	         app, a, issuer, id, &in, true, &made, &e)) != 0) {
		log_error("demo badge refused", "badge", sb->key, "field",
		    e.field, "why", e.msg);
		return rc;
	}
	*created += made;
	for (size_t i = 0; sb->prereqs && sb->prereqs[i].badge_key; i++) {
		char pid[ID_LEN + 1];
		seed_id(sb->prereqs[i].badge_key, pid);
		struct db_param p[4] = {DB_STR(id), DB_STR(pid),
		    DB_INT(sb->prereqs[i].required),
		    DB_INT(clock_now(app->clock))};
		if ((rc = db_exec(
		         app->db, Q_PREREQ_INSERT, p, 4, NULL, NULL)) != 0)
			return rc;
	}
	return 0;
}

int
seed_demo(struct app *app, int *created)
{
	struct arena *a = arena_new(64 << 20);
	char scheme[ID_LEN + 1], riverside[ID_LEN + 1], person[ID_LEN + 1];
	struct who w = {"", "demo data"};
	bool made;
	int rc = 0;

	*created = 0;
	seed_id("issuer:scheme", scheme);
	for (size_t i = 0; rc == 0 && i < n_seed_issuers; i++)
		if (seed_issuers[i].org_key == NULL)
			rc = seed_issuer(app, a, &seed_issuers[i]);
	if (rc != 0 || (rc = seed_people(app, scheme, created)) != 0)
		goto out;
	for (size_t i = 0; rc == 0 && i < n_seed_issuers; i++)
		if (seed_issuers[i].org_key != NULL)
			rc = seed_issuer(app, a, &seed_issuers[i]);
	/* The organisation's admin runs its issuer. */
	seed_id("issuer:riverside", riverside);
	if (rc == 0 &&
	    (rc = account_ensure(app, a, demo_accounts[2].name,
	         demo_accounts[2].email, DEMO_PASSWORD, person, &made)) == 0 &&
	    issuer_person_role(app, a, riverside, person) == 0)
		rc = issuer_grant_person(
		    app, &w, riverside, person, "issuer_admin");
	if (rc != 0 || (rc = seed_frameworks_load(app)) != 0)
		goto out;
	for (size_t i = 0; rc == 0 && i < n_seed_badges; i++)
		rc = seed_badge(app, a, &seed_badges[i], created);
out:
	arena_free(a);
	return rc;
}

int
seed_synthetic(struct app *app, int n, int *created)
{
	static const char *const topics[] = {"dementia", "safeguarding",
	    "medication", "leadership", "digital skills", "wellbeing",
	    "communication", "rights", "nutrition", "end of life care",
	    "infection control", "moving and assisting"};
	static const char *const crit[] = {
	    "Describe what you learned and how you learned it.",
	    "Give an example from your practice of using what you learned.",
	    "Reflect on what you would do differently next time.", NULL};
	struct arena *a = arena_new(64 << 20);
	char issuer[ID_LEN + 1];
	int rc = 0;

	*created = 0;
	seed_id("issuer:scheme", issuer);
	for (int i = 0; rc == 0 && i < n; i++) {
		const char *topic = topics[(size_t)i % NELEM(topics)];
		const char *tags[2] = {
		    topic, topics[(size_t)(i / 7) % NELEM(topics)]};
		char key[64], id[ID_LEN + 1], target[ID_LEN + 1];
		const char *targets[1] = {target};
		struct badge_input in;
		struct form_err e = {"", ""};
		bool made;

		snprintf(key, sizeof(key), "synthetic:%d", i);
		seed_id(key, id);
		snprintf(
		    key, sizeof(key), "framework:sssc-codes:%d", 1 + i % 6);
		seed_id(key, target);
		memset(&in, 0, sizeof(in));
		in.name =
		    arena_printf(a, "Practice in %s, part %d", topic, i + 1);
		in.summary = arena_printf(
		    a, "A synthetic badge for load testing, about %s.", topic);
		in.description_md = arena_printf(a,
		    "This badge exists to measure the catalogue with many "
		    "badges. It covers **%s** in everyday practice.",
		    topic);
		in.criteria = crit;
		in.n_criteria = 3;
		in.tags = tags;
		in.n_tags = strcmp(tags[0], tags[1]) == 0 ? 1 : 2;
		in.targets = targets;
		in.n_targets = 1;
		in.minutes = 30 + (i * 37) % 210;
		in.licence = "CC BY 4.0";
		in.min_words = 200;
		in.colour = "#0065bd";
		in.image_alt = in.name;
		rc = badge_create_as_system(
		    app, a, issuer, id, &in, true, &made, &e);
		*created += made;
	}
	arena_free(a);
	return rc;
}
