/*
 * seed.c: demo data. The text of the badges is written for Laurel. The
 * scheme is a demonstration modelled on a national workforce regulator's
 * badge scheme; it is not any real body's catalogue.
 */
#include <openssl/evp.h>

#include "core/common.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "core/arena.h"
#include "domain/account.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "domain/seed.h"

#define CC_BY "CC BY 4.0"

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

static const char *const intro1_criteria[] = {
    "Explain in your own words what an Open Badge is and what it is not: "
    "it recognises learning, it is not a qualification or evidence of "
    "competence.",
    "Describe how you would find a badge that fits your role and read its "
    "criteria before you start.",
    "Describe how a badge you hold could be shared with an employer, and "
    "who can see the evidence behind it.",
    NULL};
static const char *const intro1_activities[] = {
    "Browse the catalogue and choose a badge you might apply for next.",
    "Talk with a colleague or your manager about how badges could support "
    "your learning this year.",
    NULL};
static const char *const intro1_resources[] = {"What Open Badges are (1EdTech)",
    "https://www.1edtech.org/standards/open-badges", NULL};
static const char *const intro1_tags[] = {
    "introductory", "digital skills", NULL};

static const char *const intro2_criteria[] = {
    "Write a short reflective account of something you learned at work, "
    "describing what happened, what you learned and what you do "
    "differently now.",
    "Show that your account keeps the people you support and your "
    "colleagues anonymous: no names, addresses, dates of birth or other "
    "details that could identify them.",
    "Explain which options you have if writing is not the best way for "
    "you to show your learning, such as an audio or video account.",
    NULL};
static const char *const intro2_activities[] = {
    "Read an example of a reflective account and discuss with a colleague "
    "what makes it useful.",
    NULL};
static const char *const intro2_resources[] = {
    "Gibbs' reflective cycle, explained",
    "https://www.ed.ac.uk/reflection/reflectors-toolkit/"
    "reflecting-on-experience/gibbs-reflective-cycle",
    NULL};
static const char *const intro2_tags[] = {
    "introductory", "reflective practice", NULL};

static const char *const dementia_criteria[] = {
    "Describe how dementia can affect a person's memory, communication and "
    "everyday life.",
    "Give an example from your practice of adapting how you communicate "
    "with a person living with dementia, and what you learned from it.",
    "Explain how you involve families and carers in supporting the person.",
    NULL};
static const char *const dementia_activities[] = {
    "Discuss with your manager one change you could make to your practice "
    "to support people living with dementia.",
    NULL};
static const char *const dementia_tags[] = {"dementia", "communication", NULL};

static const char *const asp_criteria[] = {
    "Describe the signs that an adult may be at risk of harm.",
    "Explain what you must do, and who you tell, if you are worried that an "
    "adult is at risk of harm.",
    "Reflect on how you balance a person's rights and choices with keeping "
    "them safe.",
    NULL};
static const char *const asp_activities[] = {
    "Find your organisation's adult support and protection procedure and "
    "talk it through with your manager.",
    NULL};
static const char *const asp_tags[] = {
    "adult support and protection", "safeguarding", NULL};

static const char *const meds_criteria[] = {
    "Describe your role and its limits in supporting people with their "
    "medication.",
    "Explain what you would do if a person refused their medication or "
    "you noticed an error.",
    NULL};
static const char *const meds_tags[] = {"medication awareness", NULL};

static const char *const trauma_criteria[] = {
    "Explain what trauma-informed practice means in your role.",
    "Give an example of how you helped a person feel safe, respected and "
    "in control, and reflect on what you learned.",
    NULL};
static const char *const trauma_tags[] = {"trauma-informed practice", NULL};

static const struct badge_spec demo_badges[] = {
    {"badge:getting-started", "Getting started with Open Badges",
        "Find out what Open Badges are, how they recognise your learning at "
        "work and how to share them.",
        "This introductory badge explains how the badge scheme works: how "
        "to choose a badge, what assessors look for, and how a badge can be "
        "shared with employers.\n\nIt is recommended as the first badge "
        "for everyone.",
        60, CC_BY, 150, true, "#0065bd",
        "A blue badge with a star, for Getting started with Open Badges",
        intro1_criteria, intro1_activities, intro1_resources, intro1_tags},
    {"badge:writing-evidence", "Writing evidence for Open Badge applications",
        "Learn how to write a clear reflective account that shows your "
        "learning, in your own words.",
        "Assessors judge each criterion against the evidence you give. This "
        "badge helps you write evidence that is **reflective**, **specific** "
        "and **anonymous**.\n\nSpelling and grammar are never assessed.",
        90, CC_BY, 200, true, "#5e7d1a",
        "A green badge with a pen, for Writing evidence for Open Badge "
        "applications",
        intro2_criteria, intro2_activities, intro2_resources, intro2_tags},
    {"badge:dementia-awareness", "Dementia awareness",
        "Understand how dementia affects people and how you can support them "
        "well.",
        "For anyone working with people living with dementia, in any care "
        "setting.",
        120, CC_BY, 300, false, "#6a2c91",
        "A purple badge with a heart, for Dementia awareness",
        dementia_criteria, dementia_activities, NULL, dementia_tags},
    {"badge:adult-support-protection", "Adult support and protection",
        "Recognise when an adult may be at risk of harm and know what to do.",
        "Everyone who works in social services has a part to play in keeping "
        "adults safe from harm.",
        150, CC_BY, 300, false, "#d32205",
        "A red badge with a shield, for Adult support and protection",
        asp_criteria, asp_activities, NULL, asp_tags},
    {"badge:medication-awareness", "Medication awareness",
        "Understand your role in supporting people safely with their "
        "medication.",
        "Covers the principles of supporting people with medication and what "
        "to do when things go wrong.",
        90, CC_BY, 250, false, "#00827f",
        "A teal badge with a pill, for Medication awareness", meds_criteria,
        NULL, NULL, meds_tags},
    {"badge:trauma-informed", "Trauma-informed practice",
        "Understand how trauma affects people and how to respond in ways "
        "that help them feel safe.",
        "Based on the principles of safety, trust, choice, collaboration and "
        "empowerment.",
        120, CC_BY, 300, false, "#b3541e",
        "An orange badge with open hands, for Trauma-informed practice",
        trauma_criteria, NULL, NULL, trauma_tags},
};

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

int
seed_demo(struct app *app, int *created)
{
	char issuer[ID_LEN + 1], id[ID_LEN + 1];
	int64_t now = clock_now(app->clock);
	bool made;
	int rc;

	*created = 0;
	seed_id("issuer:scheme", issuer);
	struct db_param p[7] = {DB_STR(issuer),
	    DB_STR("Social Services Badge Scheme (demo)"),
	    DB_STR("https://scheme.laurel.invalid"),
	    DB_STR("badges@scheme.laurel.invalid"),
	    DB_STR("The national badge scheme for the social service "
	           "workforce, recognising informal and work-based learning."),
	    DB_INT(1), DB_INT(now)};
	if ((rc = db_exec(app->db, Q_ISSUER_INSERT, p, 7, NULL, NULL)) != 0)
		return rc;
	for (size_t i = 0; i < NELEM(demo_badges); i++) {
		seed_id(demo_badges[i].key, id);
		if ((rc = badge_create_published(
		         app, id, issuer, &demo_badges[i], &made)) != 0)
			return rc;
		*created += made;
	}
	return seed_people(app, issuer, created);
}
