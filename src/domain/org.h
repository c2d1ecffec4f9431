/*
 * org.h: organisations, their members and invitations, issuers and their
 * staff.
 *
 * A person asks for an organisation to be registered and becomes its
 * first organisation admin; a platform admin approves it. Members belong
 * with a role (org_admin, manager, staff) and optionally a line manager;
 * every change of role ends one membership row and starts another, so the
 * table is the history. Leaving never touches the person's awards.
 * An approved organisation may become an issuer; issuers have issuer
 * admins and assessors.
 *
 * These functions check nothing about who may call them: the web layer's
 * policy does. They do check that the ids given belong together (a
 * membership of this organisation, a role at this issuer), so changing an
 * id in a form cannot reach another organisation's data.
 */
#ifndef LAUREL_ORG_H
#define LAUREL_ORG_H

#include "core/common.h"
#include "core/id.h"
#include "domain/account.h"
#include "domain/app.h"

struct arena;

#define ORG_NAME_MAX 120
#define ORG_DESC_MAX 2000
#define INVITE_TTL (14 * 86400)

enum org_role { ORG_ADMIN = 1, ORG_MANAGER = 2, ORG_STAFF = 4 };
enum issuer_role { ISSUER_ADMIN = 1, ISSUER_ASSESSOR = 2 };

/* org_role_parse maps "org_admin", "manager", "staff"; 0 if none. */
int org_role_parse(const char *s);
const char *org_role_name(int role);       /* "org_admin" */
const char *org_role_label(const char *s); /* "Organisation admin" */
int issuer_role_parse(const char *s);      /* "issuer_admin", "assessor" */
const char *issuer_role_label(const char *s);

struct org {
	const char *id;
	const char *name;
	const char *description;
	const char *status;    /* pending, approved, rejected */
	const char *issuer_id; /* "" if not an issuer */
	int64_t created_at;
};

struct org_summary {
	const char *id;
	const char *name;
	const char *status;
	int64_t created_at;
	const char *requested_by;
};

struct member {
	const char *id; /* membership id */
	const char *person;
	const char *name;
	const char *email;
	const char *role;
	const char *line_manager; /* person id or "" */
	const char *line_manager_name;
	int64_t started_at;
};

struct invitation {
	const char *id;
	const char *email;
	const char *role;
	int64_t created_at;
	int64_t expires_at;
};

struct person_org {
	const char *org;
	const char *name;
	const char *role;
	int64_t started_at;
	int64_t ended_at; /* 0 while a member */
	const char *status;
};

struct issuer_summary {
	const char *id;
	const char *name;
	bool scheme;
	const char *org;
	const char *org_name;
};

struct staff {
	const char *id; /* role id */
	const char *person;
	const char *name;
	const char *email;
	const char *role;
	int64_t granted_at;
};

struct person_issuer_role {
	const char *issuer;
	const char *name;
	const char *role;
};

MUST_CHECK int org_request(struct app *app, struct arena *a,
    const struct who *who, const char *name, const char *description,
    char id[ID_LEN + 1], struct form_err *e);
MUST_CHECK int org_decide(struct app *app, const struct who *who,
    const char *org, bool approve, struct form_err *e);
MUST_CHECK int org_get(
    struct app *app, struct arena *a, const char *id, struct org *out);
/* status "" lists all. */
MUST_CHECK int org_list(struct app *app, struct arena *a, const char *status,
    struct org_summary **out, size_t *n);
MUST_CHECK int org_members(struct app *app, struct arena *a, const char *org,
    struct member **out, size_t *n);
MUST_CHECK int org_invitations(struct app *app, struct arena *a,
    const char *org, struct invitation **out, size_t *n);
/* org_person_role returns the active role mask of person in org (0). */
int org_person_role(
    struct app *app, struct arena *a, const char *org, const char *person);
MUST_CHECK int org_of_person(struct app *app, struct arena *a,
    const char *person, struct person_org **out, size_t *n);

/* org_invite emails an invitation to join org with role. */
MUST_CHECK int org_invite(struct app *app, struct arena *a,
    const struct who *who, const char *org, const char *email, const char *role,
    struct form_err *e);
MUST_CHECK int org_invite_cancel(struct app *app, const struct who *who,
    const char *org, const char *invitation, struct form_err *e);
/*
 * org_invite_find reads a live invitation by its link token; sets org
 * name and role for the page. ERR_NOTFOUND for a dead one.
 */
MUST_CHECK int org_invite_find(struct app *app, struct arena *a,
    const char *token, struct org *org, const char **role, const char **email);
/*
 * org_invite_accept makes who a member with the invited role (the link
 * proves the address, which is added to who's account if it is not on
 * another). A person already a member keeps their membership.
 */
MUST_CHECK int org_invite_accept(struct app *app, struct arena *a,
    const struct who *who, const char *token, const char **org,
    struct form_err *e);

MUST_CHECK int org_member_role(struct app *app, struct arena *a,
    const struct who *who, const char *org, const char *membership,
    const char *role, struct form_err *e);
/* line_manager "" clears it; else a person who manages in org. */
MUST_CHECK int org_member_line_manager(struct app *app, struct arena *a,
    const struct who *who, const char *org, const char *membership,
    const char *line_manager, struct form_err *e);
MUST_CHECK int org_member_remove(struct app *app, struct arena *a,
    const struct who *who, const char *org, const char *membership,
    struct form_err *e);

/* org_become_issuer makes an approved org an issuer; who is its admin. */
MUST_CHECK int org_become_issuer(struct app *app, struct arena *a,
    const struct who *who, const char *org, const char **issuer,
    struct form_err *e);

MUST_CHECK int issuer_list(
    struct app *app, struct arena *a, struct issuer_summary **out, size_t *n);
/* issuer_person_role returns person's active role mask at issuer (0). */
int issuer_person_role(
    struct app *app, struct arena *a, const char *issuer, const char *person);
MUST_CHECK int issuer_staff(struct app *app, struct arena *a,
    const char *issuer, struct staff **out, size_t *n);
MUST_CHECK int issuer_roles_of(struct app *app, struct arena *a,
    const char *person, struct person_issuer_role **out, size_t *n);
/* issuer_grant gives the person with a verified address email a role. */
MUST_CHECK int issuer_grant(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *email,
    const char *role, struct form_err *e);
MUST_CHECK int issuer_revoke(struct app *app, struct arena *a,
    const struct who *who, const char *issuer, const char *role_id,
    struct form_err *e);
/* issuer_grant_person gives person a role directly (demo data, CLI). */
MUST_CHECK int issuer_grant_person(struct app *app, const struct who *who,
    const char *issuer, const char *person, const char *role);
/* org_add_member adds person directly (demo data). */
MUST_CHECK int org_add_member(struct app *app, const struct who *who,
    const char *org, const char *person, const char *role,
    const char *line_manager);
/* org_create_approved makes an approved organisation (demo data). */
MUST_CHECK int org_create_approved(struct app *app, const struct who *who,
    const char *id, const char *name, const char *description);

#endif
