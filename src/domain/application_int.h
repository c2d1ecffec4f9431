/*
 * application_int.h: what the files of the application module share
 * (application.c, application_evidence.c, application_review.c,
 * application_submit.c). Not for other modules: they use application.h.
 */
#ifndef LAUREL_APPLICATION_INT_H
#define LAUREL_APPLICATION_INT_H

#include "core/common.h"
#include "domain/application.h"

/* The few columns permission checks need. */
struct app_row {
	const char *person;
	const char *issuer;
	enum app_status status;
	int round;
};

/* app_row_get reads id's row; ERR_NOTFOUND if there is none (or id is
 * not an id). */
MUST_CHECK int app_row_get(
    struct app *app, struct arena *a, const char *id, struct app_row *out);
/* app_access_of is application_access given the row. */
int app_access_of(struct app *app, struct arena *a, const struct who *who,
    const char *id, const struct app_row *row);
/* app_owner_editable checks that who owns id and it can be edited; fills
 * row. ERR_NOTFOUND (no access), ERR_FORBIDDEN (not the owner) or
 * ERR_CONFLICT (state), each with e. */
MUST_CHECK int app_owner_editable(struct app *app, struct arena *a,
    const struct who *who, const char *id, struct app_row *row,
    struct form_err *e);
/* app_utf8_ok: s[0..n) is well-formed UTF-8. */
bool app_utf8_ok(const char *s, size_t n);
/* app_text_ok: valid UTF-8, no NUL, at most max bytes. */
bool app_text_ok(const char *s, size_t max);
/* app_mail_person queues an email to person's primary address (none:
 * nothing is sent). */
MUST_CHECK int app_mail_person(struct app *app, struct arena *a,
    const char *person, const char *subject, const char *body);
/* app_base is the public base URL without a trailing slash. */
const char *app_base(struct app *app);
/* app_nz is s, or "" for NULL. */
const char *app_nz(const char *s);
/* app_trim copies s without surrounding white space (NULL at the arena's
 * limit). */
const char *app_trim(struct arena *a, const char *s);

#endif
