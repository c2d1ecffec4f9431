/*
 * audit.h: the audit log. Every sign-in (success and failure), account
 * change, role change and membership change writes one event: who, when,
 * what, about whom or what, and from which IP.
 */
#ifndef LAUREL_AUDIT_H
#define LAUREL_AUDIT_H

#include "core/common.h"
#include "domain/app.h"

struct arena;

/*
 * audit_log records one event. actor is a person id or "" (anonymous);
 * action a dotted name ("account.login", "org.member.role"); subject the
 * id the event is about; detail a short text. Returns 0 or ERR_DB; callers
 * inside a transaction roll back on failure.
 */
MUST_CHECK int audit_log(struct app *app, const struct who *who,
    const char *action, const char *subject, const char *detail);

struct audit_event {
	const char *id;
	int64_t at;
	const char *actor;
	const char *actor_name;
	const char *action;
	const char *subject;
	const char *detail;
	const char *ip;
};

struct audit_filter {
	const char *actor;  /* "" for any */
	const char *action; /* prefix, "" for any */
	int64_t from, to;   /* [from, to) */
	size_t limit, offset;
};

/* audit_list returns events matching f, newest first, in arena a. */
MUST_CHECK int audit_list(struct app *app, struct arena *a,
    const struct audit_filter *f, struct audit_event **out, size_t *n);

#endif
