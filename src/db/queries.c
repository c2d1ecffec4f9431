/*
 * queries.c: all of Laurel's SQL. Placeholders are ?1..?N; the PostgreSQL
 * back end rewrites them to $1..$N unless a query gives its own pg text.
 * Sort orders and filters are separate queries or bound values, never text
 * pasted into SQL.
 */
#include "db/queries.h"

#define BADGE_LIST_COLS                                                        \
	"b.id, v.name, v.summary, v.estimated_minutes, i.id, i.name, "         \
	"b.introductory, v.colour "

const struct db_query db_queries[Q__COUNT] = {
    [Q_TX_BEGIN] = {"tx_begin", "BEGIN IMMEDIATE", "BEGIN", 0},
    [Q_TX_COMMIT] = {"tx_commit", "COMMIT", NULL, 0},
    [Q_TX_ROLLBACK] = {"tx_rollback", "ROLLBACK", NULL, 0},
    [Q_HEALTH] = {"health", "SELECT 1", NULL, 0},
    [Q_MIGRATION_LIST] = {"migration_list",
        "SELECT version FROM schema_migrations ORDER BY version", NULL, 0},
    [Q_MIGRATION_RECORD] = {"migration_record",
        "INSERT INTO schema_migrations (version, name, applied_at) "
        "VALUES (?1, ?2, ?3)",
        NULL, 3},
    [Q_ISSUER_INSERT] = {"issuer_insert",
        "INSERT INTO issuers (id, name, url, email, description, is_scheme, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (id) DO NOTHING",
        NULL, 7},
    [Q_ISSUER_GET] = {"issuer_get",
        "SELECT id, name, url, email, description, is_scheme FROM issuers "
        "WHERE id = ?1",
        NULL, 1},
    [Q_BADGE_INSERT] = {"badge_insert",
        "INSERT INTO badges (id, issuer_id, status, current_version, "
        "introductory, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (id) DO NOTHING",
        NULL, 6},
    [Q_BADGE_VERSION_INSERT] = {"badge_version_insert",
        "INSERT INTO badge_versions (badge_id, version, name, summary, "
        "description_md, estimated_minutes, licence, min_words, "
        "attachments_allowed, expiry_months, image_alt, colour, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        NULL, 13},
    [Q_BADGE_CRITERION_INSERT] = {"badge_criterion_insert",
        "INSERT INTO badge_criteria (badge_id, version, position, text) "
        "VALUES (?1, ?2, ?3, ?4)",
        NULL, 4},
    [Q_BADGE_ACTIVITY_INSERT] = {"badge_activity_insert",
        "INSERT INTO badge_activities (badge_id, version, position, text) "
        "VALUES (?1, ?2, ?3, ?4)",
        NULL, 4},
    [Q_BADGE_RESOURCE_INSERT] = {"badge_resource_insert",
        "INSERT INTO badge_resources (badge_id, version, position, title, "
        "url) VALUES (?1, ?2, ?3, ?4, ?5)",
        NULL, 5},
    [Q_BADGE_TAG_INSERT] = {"badge_tag_insert",
        "INSERT INTO badge_tags (badge_id, version, tag) VALUES (?1, ?2, ?3)",
        NULL, 3},
    [Q_BADGE_LIST_PUBLISHED] = {"badge_list_published",
        "SELECT " BADGE_LIST_COLS "FROM badges b "
        "JOIN badge_versions v ON v.badge_id = b.id "
        "AND v.version = b.current_version "
        "JOIN issuers i ON i.id = b.issuer_id "
        "WHERE b.status = 'published' "
        "ORDER BY b.introductory DESC, v.name, b.id LIMIT ?1 OFFSET ?2",
        NULL, 2},
    [Q_BADGE_COUNT_PUBLISHED] = {"badge_count_published",
        "SELECT count(*) FROM badges WHERE status = 'published'", NULL, 0},
    [Q_BADGE_GET] = {"badge_get",
        "SELECT b.id, b.status, b.current_version, b.introductory, v.name, "
        "v.summary, v.description_md, v.estimated_minutes, v.licence, "
        "v.min_words, v.attachments_allowed, v.expiry_months, v.image_alt, "
        "v.colour, i.id, i.name, i.url "
        "FROM badges b "
        "JOIN badge_versions v ON v.badge_id = b.id "
        "AND v.version = b.current_version "
        "JOIN issuers i ON i.id = b.issuer_id WHERE b.id = ?1",
        NULL, 1},
    [Q_BADGE_CRITERIA] = {"badge_criteria",
        "SELECT position, text FROM badge_criteria "
        "WHERE badge_id = ?1 AND version = ?2 ORDER BY position",
        NULL, 2},
    [Q_BADGE_ACTIVITIES] = {"badge_activities",
        "SELECT position, text FROM badge_activities "
        "WHERE badge_id = ?1 AND version = ?2 ORDER BY position",
        NULL, 2},
    [Q_BADGE_RESOURCES] = {"badge_resources",
        "SELECT position, title, url FROM badge_resources "
        "WHERE badge_id = ?1 AND version = ?2 ORDER BY position",
        NULL, 2},
    [Q_BADGE_TAGS] = {"badge_tags",
        "SELECT tag FROM badge_tags WHERE badge_id = ?1 AND version = ?2 "
        "ORDER BY tag",
        NULL, 2},
    [Q_PERSON_INSERT] = {"person_insert",
        "INSERT INTO people (id, name, password_hash, status, "
        "is_platform_admin, password_changed_at, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, 'active', ?4, ?5, ?5, ?5)",
        NULL, 5},
    [Q_PERSON_GET] = {"person_get",
        "SELECT id, name, status, is_platform_admin, password_hash, "
        "password_changed_at, created_at, merged_into FROM people "
        "WHERE id = ?1",
        NULL, 1},
    [Q_PERSON_SET_PASSWORD] = {"person_set_password",
        "UPDATE people SET password_hash = ?2, password_changed_at = ?3, "
        "updated_at = ?3 WHERE id = ?1 AND status = 'active'",
        NULL, 3},
    [Q_PERSON_SET_NAME] = {"person_set_name",
        "UPDATE people SET name = ?2, updated_at = ?3 "
        "WHERE id = ?1 AND status = 'active'",
        NULL, 3},
    [Q_PERSON_SET_ADMIN] = {"person_set_admin",
        "UPDATE people SET is_platform_admin = ?2 WHERE id = ?1", NULL, 2},
    [Q_PERSON_DELETE] = {"person_delete",
        "UPDATE people SET name = 'Deleted person', password_hash = NULL, "
        "status = 'deleted', is_platform_admin = 0, updated_at = ?2 "
        "WHERE id = ?1",
        NULL, 2},
    [Q_PERSON_MERGE] = {"person_merge",
        "UPDATE people SET status = 'merged', merged_into = ?2, "
        "password_hash = NULL, updated_at = ?3 WHERE id = ?1",
        NULL, 3},
    [Q_PERSON_LIST_ADMINS] = {"person_list_admins",
        "SELECT p.id, p.name FROM people p "
        "WHERE p.is_platform_admin = 1 AND p.status = 'active' "
        "ORDER BY p.name",
        NULL, 0},
    [Q_EMAIL_INSERT] = {"email_insert",
        "INSERT INTO emails (id, person_id, address, verified_at, "
        "is_primary, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        NULL, 6},
    [Q_EMAIL_FIND] = {"email_find",
        "SELECT e.id, e.person_id, e.verified_at, e.is_primary, p.status, "
        "p.password_hash, p.name FROM emails e "
        "JOIN people p ON p.id = e.person_id WHERE e.address = ?1",
        NULL, 1},
    [Q_EMAIL_GET] = {"email_get",
        "SELECT id, person_id, address, verified_at, is_primary "
        "FROM emails WHERE id = ?1",
        NULL, 1},
    [Q_EMAIL_LIST] = {"email_list",
        "SELECT id, address, verified_at, is_primary, created_at "
        "FROM emails WHERE person_id = ?1 "
        "ORDER BY is_primary DESC, address",
        NULL, 1},
    [Q_EMAIL_PRIMARY] = {"email_primary",
        "SELECT address, verified_at FROM emails "
        "WHERE person_id = ?1 AND is_primary = 1",
        NULL, 1},
    [Q_EMAIL_VERIFY] = {"email_verify",
        "UPDATE emails SET verified_at = ?2 "
        "WHERE id = ?1 AND verified_at IS NULL",
        NULL, 2},
    [Q_EMAIL_CLEAR_PRIMARY] = {"email_clear_primary",
        "UPDATE emails SET is_primary = 0 WHERE person_id = ?1", NULL, 1},
    [Q_EMAIL_SET_PRIMARY] = {"email_set_primary",
        "UPDATE emails SET is_primary = 1 "
        "WHERE id = ?1 AND person_id = ?2 AND verified_at IS NOT NULL",
        NULL, 2},
    [Q_EMAIL_DELETE] = {"email_delete",
        "DELETE FROM emails WHERE id = ?1 AND person_id = ?2 "
        "AND is_primary = 0",
        NULL, 2},
    [Q_EMAIL_DELETE_PERSON] = {"email_delete_person",
        "DELETE FROM emails WHERE person_id = ?1", NULL, 1},
    [Q_EMAIL_MOVE] = {"email_move",
        "UPDATE emails SET person_id = ?2, is_primary = 0 "
        "WHERE person_id = ?1",
        NULL, 2},
    [Q_SESSION_INSERT] = {"session_insert",
        "INSERT INTO sessions (token_hash, person_id, created_at, "
        "last_seen_at, expires_at, ip, user_agent) "
        "VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6)",
        NULL, 6},
    [Q_SESSION_GET] = {"session_get",
        "SELECT s.person_id, s.created_at, s.last_seen_at, s.expires_at, "
        "p.name, p.is_platform_admin, p.status FROM sessions s "
        "JOIN people p ON p.id = s.person_id WHERE s.token_hash = ?1",
        NULL, 1},
    [Q_SESSION_TOUCH] = {"session_touch",
        "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1", NULL, 2},
    [Q_SESSION_DELETE] = {"session_delete",
        "DELETE FROM sessions WHERE token_hash = ?1", NULL, 1},
    [Q_SESSION_DELETE_PERSON] = {"session_delete_person",
        "DELETE FROM sessions WHERE person_id = ?1", NULL, 1},
    [Q_SESSION_DELETE_OTHERS] = {"session_delete_others",
        "DELETE FROM sessions WHERE person_id = ?1 AND token_hash <> ?2", NULL,
        2},
    [Q_SESSION_LIST] = {"session_list",
        "SELECT token_hash, created_at, last_seen_at, ip, user_agent "
        "FROM sessions WHERE person_id = ?1 ORDER BY last_seen_at DESC",
        NULL, 1},
    [Q_SESSION_PURGE] = {"session_purge",
        "DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at <= ?2",
        NULL, 2},
    [Q_TOKEN_INSERT] = {"token_insert",
        "INSERT INTO tokens (token_hash, kind, person_id, email_id, "
        "subject, created_at, expires_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        NULL, 7},
    [Q_TOKEN_GET] = {"token_get",
        "SELECT kind, person_id, email_id, subject, expires_at, used_at "
        "FROM tokens WHERE token_hash = ?1",
        NULL, 1},
    [Q_TOKEN_USE] = {"token_use",
        "UPDATE tokens SET used_at = ?2 "
        "WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
        NULL, 2},
    [Q_TOKEN_DELETE_PERSON] = {"token_delete_person",
        "DELETE FROM tokens WHERE person_id = ?1", NULL, 1},
    [Q_TOKEN_DELETE_EMAIL] = {"token_delete_email",
        "DELETE FROM tokens WHERE email_id = ?1", NULL, 1},
    [Q_THROTTLE_GET] = {"throttle_get",
        "SELECT failures, locked_until, updated_at FROM login_throttle "
        "WHERE key = ?1",
        NULL, 1},
    [Q_THROTTLE_SET] = {"throttle_set",
        "INSERT INTO login_throttle (key, failures, locked_until, "
        "updated_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE "
        "SET failures = excluded.failures, "
        "locked_until = excluded.locked_until, "
        "updated_at = excluded.updated_at",
        NULL, 4},
    [Q_THROTTLE_CLEAR] = {"throttle_clear",
        "DELETE FROM login_throttle WHERE key = ?1", NULL, 1},
    [Q_OUTBOX_INSERT] = {"outbox_insert",
        "INSERT INTO outbox (id, to_addr, subject, body, status, "
        "next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        NULL, 6},
    [Q_OUTBOX_DUE] = {"outbox_due",
        "SELECT id, to_addr, subject, body, attempts, created_at "
        "FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?1 "
        "ORDER BY next_attempt_at, id LIMIT ?2",
        NULL, 2},
    [Q_OUTBOX_SENT] = {"outbox_sent",
        "UPDATE outbox SET status = 'sent', sent_at = ?2, "
        "attempts = attempts + 1, last_error = '' WHERE id = ?1",
        NULL, 2},
    [Q_OUTBOX_RETRY] = {"outbox_retry",
        "UPDATE outbox SET attempts = ?2, next_attempt_at = ?3, "
        "last_error = ?4, status = ?5 WHERE id = ?1",
        NULL, 5},
    [Q_OUTBOX_LIST] = {"outbox_list",
        "SELECT id, to_addr, subject, body, status, created_at, attempts, "
        "last_error FROM outbox ORDER BY created_at DESC, id LIMIT ?1",
        NULL, 1},
    [Q_OUTBOX_DELETE_ADDR] = {"outbox_delete_addr",
        "DELETE FROM outbox WHERE to_addr = ?1", NULL, 1},
    [Q_AUDIT_INSERT] = {"audit_insert",
        "INSERT INTO audit_events (id, at, actor, action, subject, detail, "
        "ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        NULL, 7},
    [Q_AUDIT_LIST] = {"audit_list",
        "SELECT a.id, a.at, a.actor, COALESCE(p.name, ''), a.action, "
        "a.subject, a.detail, a.ip FROM audit_events a "
        "LEFT JOIN people p ON p.id = a.actor "
        "WHERE (?1 = '' OR a.actor = ?1) "
        "AND (?2 = '' OR a.action LIKE ?2 || '%') "
        "AND a.at >= ?3 AND a.at < ?4 "
        "ORDER BY a.at DESC, a.id LIMIT ?5 OFFSET ?6",
        NULL, 6},
    [Q_AUDIT_BY_ACTOR] = {"audit_by_actor",
        "SELECT at, action, subject, detail, ip FROM audit_events "
        "WHERE actor = ?1 OR subject = ?1 ORDER BY at, id",
        NULL, 1},
    [Q_AUDIT_PSEUDONYMISE] = {"audit_pseudonymise",
        "UPDATE audit_events SET actor = CASE WHEN actor = ?1 THEN ?2 "
        "ELSE actor END, subject = CASE WHEN subject = ?1 THEN ?2 "
        "ELSE subject END, detail = '' WHERE actor = ?1 OR subject = ?1",
        NULL, 2},
    [Q_ORG_INSERT] = {"org_insert",
        "INSERT INTO organisations (id, name, description, status, "
        "requested_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        NULL, 6},
    [Q_ORG_GET] = {"org_get",
        "SELECT o.id, o.name, o.description, o.status, o.requested_by, "
        "o.created_at, COALESCE(i.id, '') FROM organisations o "
        "LEFT JOIN issuers i ON i.org_id = o.id WHERE o.id = ?1",
        NULL, 1},
    [Q_ORG_LIST] = {"org_list",
        "SELECT o.id, o.name, o.status, o.created_at, "
        "COALESCE(p.name, '') FROM organisations o "
        "LEFT JOIN people p ON p.id = o.requested_by "
        "WHERE (?1 = '' OR o.status = ?1) "
        "ORDER BY o.status = 'pending' DESC, o.name",
        NULL, 1},
    [Q_ORG_DECIDE] = {"org_decide",
        "UPDATE organisations SET status = ?2, decided_by = ?3, "
        "decided_at = ?4 WHERE id = ?1 AND status = 'pending'",
        NULL, 4},
    [Q_MEMBER_INSERT] = {"member_insert",
        "INSERT INTO memberships (id, org_id, person_id, role, "
        "line_manager_id, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        NULL, 6},
    [Q_MEMBER_ACTIVE] = {"member_active",
        "SELECT id, role, line_manager_id FROM memberships "
        "WHERE org_id = ?1 AND person_id = ?2 AND ended_at IS NULL",
        NULL, 2},
    [Q_MEMBER_GET] = {"member_get",
        "SELECT id, org_id, person_id, role, line_manager_id, ended_at "
        "FROM memberships WHERE id = ?1",
        NULL, 1},
    [Q_MEMBER_LIST] = {"member_list",
        "SELECT m.id, m.person_id, p.name, COALESCE(e.address, ''), m.role, "
        "COALESCE(m.line_manager_id, ''), COALESCE(l.name, ''), "
        "m.started_at FROM memberships m "
        "JOIN people p ON p.id = m.person_id "
        "LEFT JOIN emails e ON e.person_id = m.person_id "
        "AND e.is_primary = 1 "
        "LEFT JOIN people l ON l.id = m.line_manager_id "
        "WHERE m.org_id = ?1 AND m.ended_at IS NULL ORDER BY p.name, m.id",
        NULL, 1},
    [Q_MEMBER_HISTORY] = {"member_history",
        "SELECT m.id, p.name, m.role, m.started_at, m.ended_at "
        "FROM memberships m JOIN people p ON p.id = m.person_id "
        "WHERE m.org_id = ?1 AND m.ended_at IS NOT NULL "
        "ORDER BY m.ended_at DESC, m.id",
        NULL, 1},
    [Q_MEMBER_END] = {"member_end",
        "UPDATE memberships SET ended_at = ?2 "
        "WHERE id = ?1 AND ended_at IS NULL",
        NULL, 2},
    [Q_MEMBER_SET_LM] = {"member_set_lm",
        "UPDATE memberships SET line_manager_id = ?2 "
        "WHERE id = ?1 AND ended_at IS NULL",
        NULL, 2},
    [Q_MEMBER_CLEAR_LM] = {"member_clear_lm",
        "UPDATE memberships SET line_manager_id = NULL "
        "WHERE org_id = ?1 AND line_manager_id = ?2 AND ended_at IS NULL",
        NULL, 2},
    [Q_MEMBER_OF_PERSON] = {"member_of_person",
        "SELECT m.org_id, o.name, m.role, m.started_at, m.ended_at, "
        "o.status FROM memberships m "
        "JOIN organisations o ON o.id = m.org_id "
        "WHERE m.person_id = ?1 ORDER BY m.ended_at IS NULL DESC, o.name",
        NULL, 1},
    [Q_MEMBER_END_PERSON] = {"member_end_person",
        "UPDATE memberships SET ended_at = ?2 "
        "WHERE person_id = ?1 AND ended_at IS NULL",
        NULL, 2},
    [Q_MEMBER_MOVE] = {"member_move",
        "UPDATE memberships SET person_id = ?2 WHERE person_id = ?1", NULL, 2},
    [Q_INVITE_INSERT] = {"invite_insert",
        "INSERT INTO invitations (id, org_id, email, role, token_hash, "
        "invited_by, created_at, expires_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        NULL, 8},
    [Q_INVITE_BY_HASH] = {"invite_by_hash",
        "SELECT i.id, i.org_id, i.email, i.role, i.expires_at, "
        "i.accepted_at, i.cancelled_at, o.name FROM invitations i "
        "JOIN organisations o ON o.id = i.org_id WHERE i.token_hash = ?1",
        NULL, 1},
    [Q_INVITE_ACCEPT] = {"invite_accept",
        "UPDATE invitations SET accepted_by = ?2, accepted_at = ?3 "
        "WHERE id = ?1 AND accepted_at IS NULL AND cancelled_at IS NULL "
        "AND expires_at > ?3",
        NULL, 3},
    [Q_INVITE_CANCEL] = {"invite_cancel",
        "UPDATE invitations SET cancelled_at = ?3 WHERE id = ?1 "
        "AND org_id = ?2 AND accepted_at IS NULL AND cancelled_at IS NULL",
        NULL, 3},
    [Q_INVITE_LIST] = {"invite_list",
        "SELECT id, email, role, created_at, expires_at FROM invitations "
        "WHERE org_id = ?1 AND accepted_at IS NULL AND cancelled_at IS NULL "
        "AND expires_at > ?2 ORDER BY created_at DESC, id",
        NULL, 2},
    [Q_ISSUER_LIST] = {"issuer_list",
        "SELECT i.id, i.name, i.is_scheme, COALESCE(i.org_id, ''), "
        "COALESCE(o.name, '') FROM issuers i "
        "LEFT JOIN organisations o ON o.id = i.org_id "
        "ORDER BY i.is_scheme DESC, i.name",
        NULL, 0},
    [Q_ISSUER_INSERT_ORG] = {"issuer_insert_org",
        "INSERT INTO issuers (id, name, url, email, description, is_scheme, "
        "created_at, org_id) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7)",
        NULL, 7},
    [Q_ISSUER_BY_ORG] = {"issuer_by_org",
        "SELECT id FROM issuers WHERE org_id = ?1", NULL, 1},
    [Q_IROLE_INSERT] = {"irole_insert",
        "INSERT INTO issuer_roles (id, issuer_id, person_id, role, "
        "granted_by, granted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        NULL, 6},
    [Q_IROLE_REVOKE] = {"irole_revoke",
        "UPDATE issuer_roles SET revoked_at = ?3 WHERE id = ?1 "
        "AND issuer_id = ?2 AND revoked_at IS NULL",
        NULL, 3},
    [Q_IROLE_LIST] = {"irole_list",
        "SELECT r.id, r.person_id, p.name, COALESCE(e.address, ''), r.role, "
        "r.granted_at FROM issuer_roles r "
        "JOIN people p ON p.id = r.person_id "
        "LEFT JOIN emails e ON e.person_id = r.person_id "
        "AND e.is_primary = 1 "
        "WHERE r.issuer_id = ?1 AND r.revoked_at IS NULL "
        "ORDER BY p.name, r.role",
        NULL, 1},
    [Q_IROLE_HAS] = {"irole_has",
        "SELECT role FROM issuer_roles WHERE issuer_id = ?1 "
        "AND person_id = ?2 AND revoked_at IS NULL",
        NULL, 2},
    [Q_IROLE_OF_PERSON] = {"irole_of_person",
        "SELECT r.issuer_id, i.name, r.role FROM issuer_roles r "
        "JOIN issuers i ON i.id = r.issuer_id "
        "WHERE r.person_id = ?1 AND r.revoked_at IS NULL "
        "ORDER BY i.name, r.role",
        NULL, 1},
    [Q_IROLE_GET] = {"irole_get",
        "SELECT id, issuer_id, person_id, role, revoked_at "
        "FROM issuer_roles WHERE id = ?1",
        NULL, 1},
    [Q_IROLE_END_PERSON] = {"irole_end_person",
        "UPDATE issuer_roles SET revoked_at = ?2 "
        "WHERE person_id = ?1 AND revoked_at IS NULL",
        NULL, 2},
    [Q_IROLE_MOVE] = {"irole_move",
        "UPDATE issuer_roles SET person_id = ?2 WHERE person_id = ?1", NULL, 2},
};
