/*
 * domain/common.h: small pieces every domain module uses: the form error
 * that tells a person what to fix, and ending a transaction.
 */
#ifndef LAUREL_DOMAIN_COMMON_H
#define LAUREL_DOMAIN_COMMON_H

#include "core/common.h"
#include "db/db.h"
#include "domain/app.h"

/* What was wrong with a form: the field to fix ("" for the whole form)
 * and a sentence the person understands. */
struct form_err {
	const char *field;
	const char *msg;
};

/* form_fail fills e and returns rc, so `return form_fail(...)` reads. */
static inline int
form_fail(struct form_err *e, const char *field, const char *msg, int rc)
{
	e->field = field;
	e->msg = msg;
	return rc;
}

/* text_chars counts the characters (code points) of valid UTF-8 s. */
static inline size_t
text_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* text_blank is true when s is NULL or holds only white space. */
static inline bool
text_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/* tx_end commits when rc is 0 and rolls back otherwise; returns the
 * result. */
static inline int
tx_end(struct app *app, int rc)
{
	if (rc == 0)
		return db_commit(app->db);
	db_rollback(app->db);
	return rc;
}

#endif
