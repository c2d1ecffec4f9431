/*
 * seed.h: the demo data `laurel seed-demo` loads. Idempotent: ids are
 * derived from stable keys, and existing rows are left alone.
 */
#ifndef LAUREL_SEED_H
#define LAUREL_SEED_H

#include "core/common.h"
#include "core/id.h"
#include "domain/app.h"

/* seed_id derives the public id of demo object key (deterministic). */
void seed_id(const char *key, char out[ID_LEN + 1]);
/* The demo accounts, one per role; all share DEMO_PASSWORD. */
#define DEMO_PASSWORD "care-badges-demo"
struct demo_account {
	const char *role; /* what the account can show */
	const char *name;
	const char *email;
};
extern const struct demo_account demo_accounts[];
extern const size_t n_demo_accounts;

/* seed_demo loads the demo data; *created counts new badges
 * and accounts. Running it again changes nothing. */
MUST_CHECK int seed_demo(struct app *app, int *created);

/*
 * seed_synthetic adds n published badges of the demo scheme, named
 * "Practice in TOPIC, part N", for measuring the catalogue at scale
 * (bench/catalogue.sh). Needs seed_demo first; idempotent.
 */
MUST_CHECK int seed_synthetic(struct app *app, int n, int *created);

/*
 * seed_work adds the demo workflow (seed_work.c): a dozen demo care
 * workers and their applications in every state, with more than twenty
 * awards, replayed through the domain functions with the clock set back.
 * Needs seed_demo first; runs once (nothing happens if the demo learner
 * has applications). *created counts new accounts and applications.
 */
MUST_CHECK int seed_work(struct app *app, int *created);

#endif
