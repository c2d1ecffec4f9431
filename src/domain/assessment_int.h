/*
 * assessment_int.h: what assessment.c, assessment_integrity.c and
 * assessment_alerts.c share. Not for other modules. Results live in the
 * caller's arena a.
 */
#ifndef LAUREL_ASSESSMENT_INT_H
#define LAUREL_ASSESSMENT_INT_H

#include "db/db.h"
#include "domain/assessment.h"
#include "domain/common.h"

/* assess__base_url is the configured public base URL without a trailing
 * slash ("" when unset). */
const char *assess__base_url(struct app *app);
/* assess__trim copies s without surrounding white space. */
const char *assess__trim(struct arena *a, const char *s);
/* assess__fill_app reads row r of an application query (the ASSESS_APP
 * columns) into v, dropping a claim that has run out by now. */
void assess__fill_app(
    const struct db_rows *rows, size_t r, int64_t now, struct assess_app *v);
/* assess__staff checks who works for issuer (as an admin when admin is
 * true); ERR_FORBIDDEN with e filled otherwise. */
int assess__staff(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, bool admin, struct form_err *e);
/* assess__staff_app reads application id for who, staff of issuer:
 * ERR_NOTFOUND when it is another issuer's or was never submitted. */
int assess__staff_app(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *id, bool admin, struct assess_app *out,
    struct form_err *e);
/* assess__claim_msg explains why who cannot act on v's claim. */
const char *assess__claim_msg(
    const struct assess_app *v, const struct who *who);
/* assess__mail queues a message to `to` unless it is "". */
int assess__mail(
    struct app *app, const char *to, const char *subject, const char *body);
/* assess__mail_staff mails every member of issuer's staff with role. */
int assess__mail_staff(struct app *app, struct arena *a, const char *issuer,
    const char *role, const char *subject, const char *body, int *sent);
/* assess__end_claims ends application id's live claim rows with why. */
int assess__end_claims(
    struct app *app, const char *id, int64_t now, const char *why);

#endif
