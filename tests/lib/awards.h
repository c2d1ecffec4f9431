/*
 * awards.h: making an award for an integration test, through the domain
 * on the test server's database: a learner of its own applies for the
 * first published scheme badge that allows attachments, attaches a file,
 * submits, and the demo assessor awards it.
 */
#ifndef LAUREL_TESTS_AWARDS_H
#define LAUREL_TESTS_AWARDS_H

#include "core/common.h"
#include "core/id.h"

struct made {
	char award[ID_LEN + 1];
	char att[ID_LEN + 1];
	char email[128];
	char account[128];
	char name[64];
	char badge[256];
};

/* make_award makes an award on the database at db_url (criterion asserts
 * on any failure) and fills m. */
void make_award(const char *db_url, struct made *m);

#endif
