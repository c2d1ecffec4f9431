/*
 * org.c: organisations, members, invitations, issuers and staff (org.h).
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/common.h"
#include "domain/org.h"
#include "domain/outbox.h"

#define TOKEN_LEN 43

static const struct {
	const char *name;
	const char *label;
	int bit;
} org_roles[] =
    {
        {"org_admin", "Organisation admin", ORG_ADMIN},
        {"manager", "Manager", ORG_MANAGER},
        {"staff", "Staff", ORG_STAFF},
},
  issuer_roles[] = {
      {"issuer_admin", "Issuer admin", ISSUER_ADMIN},
      {"assessor", "Assessor", ISSUER_ASSESSOR},
};

int
org_role_parse(const char *s)
{
	for (size_t i = 0; s && i < NELEM(org_roles); i++)
		if (strcmp(s, org_roles[i].name) == 0)
			return org_roles[i].bit;
	return 0;
}

const char *
org_role_name(int role)
{
	for (size_t i = 0; i < NELEM(org_roles); i++)
		if (role == org_roles[i].bit)
			return org_roles[i].name;
	return "";
}

const char *
org_role_label(const char *s)
{
	for (size_t i = 0; s && i < NELEM(org_roles); i++)
		if (strcmp(s, org_roles[i].name) == 0)
			return org_roles[i].label;
	return s ? s : "";
}

int
issuer_role_parse(const char *s)
{
	for (size_t i = 0; s && i < NELEM(issuer_roles); i++)
		if (strcmp(s, issuer_roles[i].name) == 0)
			return issuer_roles[i].bit;
	return 0;
}

const char *
issuer_role_label(const char *s)
{
	for (size_t i = 0; s && i < NELEM(issuer_roles); i++)
		if (strcmp(s, issuer_roles[i].name) == 0)
			return issuer_roles[i].label;
	return s ? s : "";
}

static int
insert_member(struct app *app, const char *org, const char *person,
    const char *role, const char *line_manager)
{
	char id[ID_LEN + 1];
	struct db_param p[6];

	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(org);
	p[2] = DB_STR(person);
	p[3] = DB_STR(role);
	p[4] = line_manager && *line_manager ? DB_STR(line_manager) : DB_NULL;
	p[5] = DB_INT(clock_now(app->clock));
	return db_exec(app->db, Q_MEMBER_INSERT, p, 6, NULL, NULL);
}

int
org_request(struct app *app, struct arena *a, const struct who *who,
    const char *name, const char *description, char id[ID_LEN + 1],
    struct form_err *e)
{
	struct db_param p[6];
	int rc;

	(void)a;
	if (text_blank(name))
		return form_fail(
		    e, "name", "Enter the organisation's name.", ERR_INVAL);
	if (text_chars(name) > ORG_NAME_MAX)
		return form_fail(e, "name",
		    "The name must be 120 characters or fewer.", ERR_INVAL);
	if (text_chars(description) > ORG_DESC_MAX)
		return form_fail(e, "description",
		    "The description must be 2000 characters or fewer.",
		    ERR_INVAL);
	id_new(id);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_STR(name);
	p[2] = DB_STR(description);
	p[3] = DB_STR("pending");
	p[4] = DB_STR(who->person);
	p[5] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_ORG_INSERT, p, 6, NULL, NULL);
	if (rc == 0)
		rc = insert_member(app, id, who->person, "org_admin", NULL);
	if (rc == 0)
		rc = audit_log(app, who, "org.request", id, name);
	return tx_end(app, rc);
}

int
org_create_approved(struct app *app, const struct who *who, const char *id,
    const char *name, const char *description)
{
	struct db_param p[6];
	int rc;

	p[0] = DB_STR(id);
	p[1] = DB_STR(name);
	p[2] = DB_STR(description);
	p[3] = DB_STR("approved");
	p[4] = who->person && *who->person ? DB_STR(who->person) : DB_NULL;
	p[5] = DB_INT(clock_now(app->clock));
	if ((rc = db_exec(app->db, Q_ORG_INSERT, p, 6, NULL, NULL)) != 0)
		return rc;
	return audit_log(app, who, "org.create", id, name);
}

int
org_decide(struct app *app, const struct who *who, const char *org,
    bool approve, struct form_err *e)
{
	struct db_param p[4];
	struct db_rows rows;
	struct arena *a = arena_new(1 << 16);
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		goto out;
	p[0] = DB_STR(org);
	p[1] = DB_STR(approve ? "approved" : "rejected");
	p[2] = DB_STR(who->person);
	p[3] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_ORG_DECIDE, p, 4, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		rc = form_fail(e, "",
		    "This organisation has already been decided.",
		    ERR_CONFLICT);
		goto out;
	}
	if (rc == 0)
		rc = audit_log(
		    app, who, approve ? "org.approve" : "org.reject", org, "");
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}

int
org_get(struct app *app, struct arena *a, const char *id, struct org *out)
{
	struct db_param p[1] = {DB_STR(id)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_ORG_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	out->id = db_get(&rows, 0, 0);
	out->name = db_get(&rows, 0, 1);
	out->description = db_get(&rows, 0, 2);
	out->status = db_get(&rows, 0, 3);
	out->created_at = db_get_int(&rows, 0, 5);
	out->issuer_id = db_get(&rows, 0, 6);
	return 0;
}

#define ALLOC_ROWS(v, rows)                                                    \
	do {                                                                   \
		(v) = arena_alloc(                                             \
		    a, ((rows).nrows ? (rows).nrows : 1) * sizeof(*(v)));      \
		if ((v) == NULL)                                               \
			return ERR_TOOBIG;                                     \
	} while (0)

int
org_list(struct app *app, struct arena *a, const char *status,
    struct org_summary **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(status)};
	struct db_rows rows;
	struct org_summary *v;
	int rc;

	if ((rc = db_exec(app->db, Q_ORG_LIST, p, 1, a, &rows)) != 0)
		return rc;
	ALLOC_ROWS(v, rows);
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].status = db_get(&rows, r, 2);
		v[r].created_at = db_get_int(&rows, r, 3);
		v[r].requested_by = db_get(&rows, r, 4);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
org_members(struct app *app, struct arena *a, const char *org,
    struct member **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(org)};
	struct db_rows rows;
	struct member *v;
	int rc;

	if ((rc = db_exec(app->db, Q_MEMBER_LIST, p, 1, a, &rows)) != 0)
		return rc;
	ALLOC_ROWS(v, rows);
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].person = db_get(&rows, r, 1);
		v[r].name = db_get(&rows, r, 2);
		v[r].email = db_get(&rows, r, 3);
		v[r].role = db_get(&rows, r, 4);
		v[r].line_manager = db_get(&rows, r, 5);
		v[r].line_manager_name = db_get(&rows, r, 6);
		v[r].started_at = db_get_int(&rows, r, 7);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
org_invitations(struct app *app, struct arena *a, const char *org,
    struct invitation **out, size_t *n)
{
	struct db_param p[2] = {DB_STR(org), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	struct invitation *v;
	int rc;

	if ((rc = db_exec(app->db, Q_INVITE_LIST, p, 2, a, &rows)) != 0)
		return rc;
	ALLOC_ROWS(v, rows);
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].email = db_get(&rows, r, 1);
		v[r].role = db_get(&rows, r, 2);
		v[r].created_at = db_get_int(&rows, r, 3);
		v[r].expires_at = db_get_int(&rows, r, 4);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
org_person_role(
    struct app *app, struct arena *a, const char *org, const char *person)
{
	struct db_param p[2] = {DB_STR(org), DB_STR(person)};
	struct db_rows rows;
	int mask = 0;

	if (org == NULL || person == NULL ||
	    db_exec(app->db, Q_MEMBER_ACTIVE, p, 2, a, &rows) != 0)
		return 0;
	for (size_t r = 0; r < rows.nrows; r++)
		mask |= org_role_parse(db_get(&rows, r, 1));
	return mask;
}

int
org_of_person(struct app *app, struct arena *a, const char *person,
    struct person_org **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	struct person_org *v;
	int rc;

	if ((rc = db_exec(app->db, Q_MEMBER_OF_PERSON, p, 1, a, &rows)) != 0)
		return rc;
	ALLOC_ROWS(v, rows);
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].org = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].role = db_get(&rows, r, 2);
		v[r].started_at = db_get_int(&rows, r, 3);
		v[r].ended_at = db_get_int(&rows, r, 4);
		v[r].status = db_get(&rows, r, 5);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

static int
approved(struct app *app, struct arena *a, const char *org, struct org *o,
    struct form_err *e)
{
	int rc = org_get(app, a, org, o);

	if (rc != 0)
		return rc;
	if (strcmp(o->status, "approved") != 0)
		return form_fail(e, "",
		    "This organisation has not been approved yet.",
		    ERR_CONFLICT);
	return 0;
}

int
org_invite(struct app *app, struct arena *a, const struct who *who,
    const char *org, const char *email, const char *role, struct form_err *e)
{
	char id[ID_LEN + 1], tok[TOKEN_LEN + 1], hash[65];
	const char *address, *body;
	int64_t now = clock_now(app->clock);
	struct db_param p[8];
	struct org o;
	int rc;

	if ((rc = approved(app, a, org, &o, e)) != 0)
		return rc;
	if (account_normalise_email(a, email, &address) != 0)
		return form_fail(e, "email",
		    "Enter an email address in the correct format, like "
		    "name@example.com.",
		    ERR_INVAL);
	if (org_role_parse(role) == 0)
		return form_fail(e, "role", "Choose a role.", ERR_INVAL);
	id_new(id);
	token_new(tok, sizeof(tok), 32);
	sha256_hex(tok, strlen(tok), hash);
	body = arena_printf(a,
	    "Hello,\n\nYou have been invited to join %s on Laurel as %s.\n\n"
	    "To accept, open this link (you can create an account if you do "
	    "not have one):\n\n%s/invitations/accept?token=%s\n\nThe "
	    "invitation expires in 14 days.\n\nLaurel\n",
	    o.name, org_role_label(role), app->cfg->base_url, tok);
	if (body == NULL)
		return ERR_TOOBIG;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_STR(org);
	p[2] = DB_STR(address);
	p[3] = DB_STR(role);
	p[4] = DB_STR(hash);
	p[5] = DB_STR(who->person);
	p[6] = DB_INT(now);
	p[7] = DB_INT(now + INVITE_TTL);
	rc = db_exec(app->db, Q_INVITE_INSERT, p, 8, NULL, NULL);
	if (rc == 0)
		rc = outbox_queue(app, address,
		    arena_printf(a, "Join %s on Laurel", o.name), body);
	if (rc == 0)
		rc = audit_log(app, who, "org.invite", org,
		    arena_printf(a, "%s as %s", address, role));
	return tx_end(app, rc);
}

int
org_invite_cancel(struct app *app, const struct who *who, const char *org,
    const char *invitation, struct form_err *e)
{
	struct db_param p[3] = {
	    DB_STR(invitation), DB_STR(org), DB_INT(clock_now(app->clock))};
	struct arena *a = arena_new(1 << 16);
	struct db_rows rows;
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		goto out;
	rc = db_exec(app->db, Q_INVITE_CANCEL, p, 3, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		rc = form_fail(
		    e, "", "There is no such open invitation.", ERR_NOTFOUND);
		goto out;
	}
	if (rc == 0)
		rc = audit_log(app, who, "org.invite.cancel", org, invitation);
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}

struct invite_row {
	const char *id;
	const char *org;
	const char *email;
	const char *role;
	const char *org_name;
};

static int
invite_live(
    struct app *app, struct arena *a, const char *token, struct invite_row *iv)
{
	char hash[65];
	struct db_param p[1];
	struct db_rows rows;
	int rc;

	if (token == NULL || strlen(token) != TOKEN_LEN)
		return ERR_NOTFOUND;
	sha256_hex(token, TOKEN_LEN, hash);
	p[0] = DB_STR(hash);
	if ((rc = db_exec(app->db, Q_INVITE_BY_HASH, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 ||
	    db_get_int(&rows, 0, 4) <= clock_now(app->clock) ||
	    !db_is_null(&rows, 0, 5) || !db_is_null(&rows, 0, 6))
		return ERR_NOTFOUND;
	iv->id = db_get(&rows, 0, 0);
	iv->org = db_get(&rows, 0, 1);
	iv->email = db_get(&rows, 0, 2);
	iv->role = db_get(&rows, 0, 3);
	iv->org_name = db_get(&rows, 0, 7);
	return 0;
}

int
org_invite_find(struct app *app, struct arena *a, const char *token,
    struct org *org, const char **role, const char **email)
{
	struct invite_row iv;
	int rc;

	if ((rc = invite_live(app, a, token, &iv)) != 0)
		return rc;
	if ((rc = org_get(app, a, iv.org, org)) != 0)
		return rc;
	*role = iv.role;
	*email = iv.email;
	return 0;
}

int
org_invite_accept(struct app *app, struct arena *a, const struct who *who,
    const char *token, const char **org, struct form_err *e)
{
	struct invite_row iv;
	struct db_param p[6];
	struct db_rows rows;
	int64_t now = clock_now(app->clock);
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = invite_live(app, a, token, &iv);
	if (rc == ERR_NOTFOUND) {
		db_rollback(app->db);
		return form_fail(e, "",
		    "This invitation has expired, been cancelled or already "
		    "been used. Ask the organisation for a new one.",
		    ERR_NOTFOUND);
	}
	if (rc == 0) {
		p[0] = DB_STR(iv.id);
		p[1] = DB_STR(who->person);
		p[2] = DB_INT(now);
		rc = db_exec(app->db, Q_INVITE_ACCEPT, p, 3, a, &rows);
		if (rc == 0 && rows.changes != 1)
			rc = ERR_CONFLICT;
	}
	/* The link proves the address: add it, verified, if it is free. */
	if (rc == 0) {
		p[0] = DB_STR(iv.email);
		rc = db_exec(app->db, Q_EMAIL_FIND, p, 1, a, &rows);
		if (rc == 0 && rows.nrows == 0) {
			char id[ID_LEN + 1];
			id_new(id);
			p[0] = DB_STR(id);
			p[1] = DB_STR(who->person);
			p[2] = DB_STR(iv.email);
			p[3] = DB_INT(now);
			p[4] = DB_INT(0);
			p[5] = DB_INT(now);
			rc = db_exec(app->db, Q_EMAIL_INSERT, p, 6, NULL, NULL);
		}
	}
	if (rc == 0 && org_person_role(app, a, iv.org, who->person) == 0)
		rc = insert_member(app, iv.org, who->person, iv.role, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "org.member.join", iv.org, iv.role);
	if (rc == 0)
		*org = iv.org;
	return tx_end(app, rc);
}

struct member_row {
	const char *id;
	const char *org;
	const char *person;
	const char *role;
	const char *line_manager;
};

/* get_member finds an active membership of org (never another org's). */
static int
get_member(struct app *app, struct arena *a, const char *org,
    const char *membership, struct member_row *m, struct form_err *e)
{
	struct db_param p[1] = {DB_STR(membership)};
	struct db_rows rows;
	int rc;

	if ((rc = db_exec(app->db, Q_MEMBER_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 || strcmp(db_get(&rows, 0, 1), org) != 0 ||
	    !db_is_null(&rows, 0, 5))
		return form_fail(
		    e, "", "That person is not a member here.", ERR_NOTFOUND);
	m->id = db_get(&rows, 0, 0);
	m->org = db_get(&rows, 0, 1);
	m->person = db_get(&rows, 0, 2);
	m->role = db_get(&rows, 0, 3);
	m->line_manager = db_get(&rows, 0, 4);
	return 0;
}

static int
count_admins(struct app *app, struct arena *a, const char *org, size_t *n)
{
	struct member *ms;
	size_t nm;
	int rc;

	*n = 0;
	if ((rc = org_members(app, a, org, &ms, &nm)) != 0)
		return rc;
	for (size_t i = 0; i < nm; i++)
		if (strcmp(ms[i].role, "org_admin") == 0)
			(*n)++;
	return 0;
}

int
org_member_role(struct app *app, struct arena *a, const struct who *who,
    const char *org, const char *membership, const char *role,
    struct form_err *e)
{
	struct member_row m;
	struct db_param p[2];
	size_t admins;
	int rc;

	if (org_role_parse(role) == 0)
		return form_fail(e, "role", "Choose a role.", ERR_INVAL);
	if ((rc = get_member(app, a, org, membership, &m, e)) != 0)
		return rc;
	if (strcmp(m.role, role) == 0)
		return 0;
	if ((rc = count_admins(app, a, org, &admins)) != 0)
		return rc;
	if (strcmp(m.role, "org_admin") == 0 && admins <= 1)
		return form_fail(e, "role",
		    "An organisation needs at least one organisation admin. "
		    "Make someone else an admin first.",
		    ERR_CONFLICT);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(m.id);
	p[1] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_MEMBER_END, p, 2, NULL, NULL);
	if (rc == 0)
		rc = insert_member(app, org, m.person, role, m.line_manager);
	if (rc == 0)
		rc = audit_log(app, who, "org.member.role", org,
		    arena_printf(a, "%s: %s -> %s", m.person, m.role, role));
	return tx_end(app, rc);
}

int
org_member_line_manager(struct app *app, struct arena *a, const struct who *who,
    const char *org, const char *membership, const char *line_manager,
    struct form_err *e)
{
	struct member_row m;
	struct db_param p[2];
	int rc;

	if ((rc = get_member(app, a, org, membership, &m, e)) != 0)
		return rc;
	if (*line_manager != '\0') {
		int r = org_person_role(app, a, org, line_manager);
		if ((r & (ORG_MANAGER | ORG_ADMIN)) == 0)
			return form_fail(e, "line_manager",
			    "The line manager must be a manager or admin of "
			    "this organisation.",
			    ERR_INVAL);
		if (strcmp(line_manager, m.person) == 0)
			return form_fail(e, "line_manager",
			    "A person cannot be their own line manager.",
			    ERR_INVAL);
	}
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(m.id);
	p[1] = *line_manager ? DB_STR(line_manager) : DB_NULL;
	rc = db_exec(app->db, Q_MEMBER_SET_LM, p, 2, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "org.member.line_manager", org,
		    arena_printf(a, "%s: %s", m.person, line_manager));
	return tx_end(app, rc);
}

int
org_member_remove(struct app *app, struct arena *a, const struct who *who,
    const char *org, const char *membership, struct form_err *e)
{
	struct member_row m;
	struct db_param p[2];
	size_t admins;
	int rc;

	if ((rc = get_member(app, a, org, membership, &m, e)) != 0)
		return rc;
	if ((rc = count_admins(app, a, org, &admins)) != 0)
		return rc;
	if (strcmp(m.role, "org_admin") == 0 && admins <= 1)
		return form_fail(e, "",
		    "An organisation needs at least one organisation admin. "
		    "Make someone else an admin first.",
		    ERR_CONFLICT);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(m.id);
	p[1] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_MEMBER_END, p, 2, NULL, NULL);
	p[0] = DB_STR(org);
	p[1] = DB_STR(m.person);
	if (rc == 0)
		rc = db_exec(app->db, Q_MEMBER_CLEAR_LM, p, 2, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who,
		    strcmp(m.person, who->person ? who->person : "") == 0
		        ? "org.member.leave"
		        : "org.member.remove",
		    org, m.person);
	return tx_end(app, rc);
}

int
org_become_issuer(struct app *app, struct arena *a, const struct who *who,
    const char *org, const char **issuer, struct form_err *e)
{
	char id[ID_LEN + 1];
	struct db_param p[7];
	struct org o;
	int rc;

	if ((rc = approved(app, a, org, &o, e)) != 0)
		return rc;
	if (o.issuer_id[0] != '\0')
		return form_fail(e, "",
		    "This organisation is already an issuer.", ERR_CONFLICT);
	id_new(id);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(id);
	p[1] = DB_STR(o.name);
	p[2] = DB_STR(arena_printf(a, "%s/issuers/%s", app->cfg->base_url, id));
	p[3] = DB_STR("");
	p[4] = DB_STR(o.description);
	p[5] = DB_INT(clock_now(app->clock));
	p[6] = DB_STR(org);
	rc = db_exec(app->db, Q_ISSUER_INSERT_ORG, p, 7, NULL, NULL);
	if (rc == 0)
		rc = issuer_grant_person(
		    app, who, id, who->person, "issuer_admin");
	if (rc == 0)
		rc = audit_log(app, who, "issuer.create", id, org);
	if (rc == 0)
		*issuer = arena_strdup(a, id);
	return tx_end(app, rc);
}

int
issuer_list(
    struct app *app, struct arena *a, struct issuer_summary **out, size_t *n)
{
	struct db_rows rows;
	struct issuer_summary *v;
	int rc;

	if ((rc = db_exec(app->db, Q_ISSUER_LIST, NULL, 0, a, &rows)) != 0)
		return rc;
	ALLOC_ROWS(v, rows);
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].scheme = db_get_int(&rows, r, 2) != 0;
		v[r].org = db_get(&rows, r, 3);
		v[r].org_name = db_get(&rows, r, 4);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
issuer_person_role(
    struct app *app, struct arena *a, const char *issuer, const char *person)
{
	struct db_param p[2] = {DB_STR(issuer), DB_STR(person)};
	struct db_rows rows;
	int mask = 0;

	if (issuer == NULL || person == NULL ||
	    db_exec(app->db, Q_IROLE_HAS, p, 2, a, &rows) != 0)
		return 0;
	for (size_t r = 0; r < rows.nrows; r++)
		mask |= issuer_role_parse(db_get(&rows, r, 0));
	return mask;
}

int
issuer_staff(struct app *app, struct arena *a, const char *issuer,
    struct staff **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(issuer)};
	struct db_rows rows;
	struct staff *v;
	int rc;

	if ((rc = db_exec(app->db, Q_IROLE_LIST, p, 1, a, &rows)) != 0)
		return rc;
	ALLOC_ROWS(v, rows);
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].id = db_get(&rows, r, 0);
		v[r].person = db_get(&rows, r, 1);
		v[r].name = db_get(&rows, r, 2);
		v[r].email = db_get(&rows, r, 3);
		v[r].role = db_get(&rows, r, 4);
		v[r].granted_at = db_get_int(&rows, r, 5);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
issuer_roles_of(struct app *app, struct arena *a, const char *person,
    struct person_issuer_role **out, size_t *n)
{
	struct db_param p[1] = {DB_STR(person)};
	struct db_rows rows;
	struct person_issuer_role *v;
	int rc;

	if ((rc = db_exec(app->db, Q_IROLE_OF_PERSON, p, 1, a, &rows)) != 0)
		return rc;
	ALLOC_ROWS(v, rows);
	for (size_t r = 0; r < rows.nrows; r++) {
		v[r].issuer = db_get(&rows, r, 0);
		v[r].name = db_get(&rows, r, 1);
		v[r].role = db_get(&rows, r, 2);
	}
	*out = v;
	*n = rows.nrows;
	return 0;
}

int
issuer_grant_person(struct app *app, const struct who *who, const char *issuer,
    const char *person, const char *role)
{
	char id[ID_LEN + 1];
	struct db_param p[6];
	int rc;

	id_new(id);
	p[0] = DB_STR(id);
	p[1] = DB_STR(issuer);
	p[2] = DB_STR(person);
	p[3] = DB_STR(role);
	p[4] = who->person && *who->person ? DB_STR(who->person) : DB_NULL;
	p[5] = DB_INT(clock_now(app->clock));
	if ((rc = db_exec(app->db, Q_IROLE_INSERT, p, 6, NULL, NULL)) != 0)
		return rc;
	return audit_log(app, who, "issuer.role.grant", issuer, role);
}

int
issuer_grant(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *email, const char *role, struct form_err *e)
{
	const char *address;
	struct db_param p[1];
	struct db_rows rows;
	int rc;

	if (account_normalise_email(a, email, &address) != 0)
		return form_fail(e, "email",
		    "Enter an email address in the correct format, like "
		    "name@example.com.",
		    ERR_INVAL);
	if (issuer_role_parse(role) == 0)
		return form_fail(e, "role", "Choose a role.", ERR_INVAL);
	p[0] = DB_STR(address);
	if ((rc = db_exec(app->db, Q_EMAIL_FIND, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 || db_is_null(&rows, 0, 2) ||
	    strcmp(db_get(&rows, 0, 4), "active") != 0)
		return form_fail(e, "email",
		    "There is no account with this confirmed email address. "
		    "Ask the person to register first.",
		    ERR_NOTFOUND);
	if (issuer_person_role(app, a, issuer, db_get(&rows, 0, 1)) &
	    issuer_role_parse(role))
		return form_fail(e, "email",
		    "This person already has that role.", ERR_CONFLICT);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = issuer_grant_person(app, who, issuer, db_get(&rows, 0, 1), role);
	return tx_end(app, rc);
}

int
issuer_revoke(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, const char *role_id, struct form_err *e)
{
	struct db_param p[3];
	struct db_rows rows;
	struct staff *st;
	size_t n, admins = 0;
	bool is_admin = false;
	int rc;

	p[0] = DB_STR(role_id);
	if ((rc = db_exec(app->db, Q_IROLE_GET, p, 1, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0 || strcmp(db_get(&rows, 0, 1), issuer) != 0 ||
	    !db_is_null(&rows, 0, 4))
		return form_fail(
		    e, "", "There is no such role here.", ERR_NOTFOUND);
	is_admin = strcmp(db_get(&rows, 0, 3), "issuer_admin") == 0;
	if ((rc = issuer_staff(app, a, issuer, &st, &n)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		admins += strcmp(st[i].role, "issuer_admin") == 0;
	if (is_admin && admins <= 1)
		return form_fail(e, "",
		    "An issuer needs at least one issuer admin. Add another "
		    "admin first.",
		    ERR_CONFLICT);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	p[0] = DB_STR(role_id);
	p[1] = DB_STR(issuer);
	p[2] = DB_INT(clock_now(app->clock));
	rc = db_exec(app->db, Q_IROLE_REVOKE, p, 3, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "issuer.role.revoke", issuer,
		    arena_printf(
		        a, "%s: %s", db_get(&rows, 0, 2), db_get(&rows, 0, 3)));
	return tx_end(app, rc);
}

int
org_add_member(struct app *app, const struct who *who, const char *org,
    const char *person, const char *role, const char *line_manager)
{
	int rc = insert_member(app, org, person, role, line_manager);

	if (rc != 0)
		return rc;
	return audit_log(app, who, "org.member.add", org, person);
}
