/*
 * queries.c: all of Laurel's SQL. Placeholders are ?1..?N; the PostgreSQL
 * back end rewrites them to $1..$N unless a query gives its own pg text.
 * Sort orders and filters are separate queries or bound values, never text
 * pasted into SQL.
 */
#include "db/queries.h"

/* The columns of a struct badge_summary, and where they come from. */
#define BADGE_LIST_COLS                                                        \
	"b.id, v.name, v.summary, v.estimated_minutes, i.id, i.name, "         \
	"b.introductory, v.colour, v.image_hash, COALESCE(img.content_type, "  \
	"''), b.status, b.current_version, b.series_position, b.updated_at "
#define BADGE_LIST_FROM                                                        \
	"FROM badges b JOIN badge_versions v ON v.badge_id = b.id "            \
	"AND v.version = b.current_version "                                   \
	"JOIN issuers i ON i.id = b.issuer_id "                                \
	"LEFT JOIN images img ON img.hash = v.image_hash "
/* The catalogue's filters: ?1 issuer, ?2 tag, ?3 framework, ?4 series
 * ('' for any), ?5..?6 minutes. The sort (enum catalogue_sort), limit
 * and offset follow, after the search words when there are any. */
#define CATALOGUE_WHERE                                                        \
	"WHERE b.status = 'published' AND (?1 = '' OR b.issuer_id = ?1) "      \
	"AND (?2 = '' OR EXISTS (SELECT 1 FROM badge_tags t "                  \
	"WHERE t.badge_id = b.id AND t.version = b.current_version "           \
	"AND t.tag = ?2)) "                                                    \
	"AND (?3 = '' OR EXISTS (SELECT 1 FROM badge_alignments al "           \
	"JOIN framework_targets ft ON ft.id = al.target_id "                   \
	"WHERE al.badge_id = b.id AND al.version = b.current_version "         \
	"AND ft.framework_id = ?3)) "                                          \
	"AND (?4 = '' OR b.series_id = ?4) "                                   \
	"AND v.estimated_minutes BETWEEN ?5 AND ?6 "
/* The sorts, given the placeholder of the sort value. */
#define CATALOGUE_SORTS(S)                                                     \
	"CASE WHEN " S " = 2 THEN b.published_at END DESC, "                   \
	"CASE WHEN " S " = 3 THEN v.estimated_minutes END, "                   \
	"CASE WHEN " S " = 0 THEN b.introductory END DESC, lower(v.name), "    \
	"b.id "
/* Counting needs only what CATALOGUE_WHERE reads. */
#define CATALOGUE_COUNT_FROM                                                   \
	"FROM badges b JOIN badge_versions v ON v.badge_id = b.id "            \
	"AND v.version = b.current_version "

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
        "attachments_allowed, expiry_months, image_alt, colour, created_at, "
        "image_hash, endorsement_months, created_by, change_note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, ?17)",
        NULL, 17},
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
        "SELECT " BADGE_LIST_COLS BADGE_LIST_FROM
        "WHERE b.status = 'published' "
        "ORDER BY b.introductory DESC, v.name, b.id LIMIT ?1 OFFSET ?2",
        NULL, 2},
    [Q_BADGE_COUNT_PUBLISHED] = {"badge_count_published",
        "SELECT count(*) FROM badges WHERE status = 'published'", NULL, 0},
    [Q_BADGE_GET] = {"badge_get",
        "SELECT b.id, b.status, v.version, b.introductory, v.name, "
        "v.summary, v.description_md, v.estimated_minutes, v.licence, "
        "v.min_words, v.attachments_allowed, "
        "COALESCE(v.expiry_months, 0), v.image_alt, v.colour, i.id, "
        "i.name, i.url, b.current_version, v.image_hash, "
        "COALESCE(img.content_type, ''), v.endorsement_months, "
        "COALESCE(b.series_id, ''), COALESCE(s.name, ''), "
        "b.series_position, v.created_at, b.published_at "
        "FROM badges b JOIN badge_versions v ON v.badge_id = b.id "
        "AND v.version = CASE WHEN ?2 = 0 THEN b.current_version "
        "ELSE ?2 END "
        "JOIN issuers i ON i.id = b.issuer_id "
        "LEFT JOIN images img ON img.hash = v.image_hash "
        "LEFT JOIN series s ON s.id = b.series_id WHERE b.id = ?1",
        NULL, 2},
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
    [Q_BADGE_ROW] = {"badge_row",
        "SELECT issuer_id, status, current_version, published_at, "
        "series_id, series_position FROM badges WHERE id = ?1",
        NULL, 1},
    [Q_BADGE_UPDATE] = {"badge_update",
        "UPDATE badges SET current_version = ?2, introductory = ?3, "
        "series_id = ?4, series_position = ?5, updated_at = ?6 "
        "WHERE id = ?1",
        NULL, 6},
    [Q_BADGE_SET_STATUS] = {"badge_set_status",
        "UPDATE badges SET status = ?2, updated_at = ?3, published_at = "
        "CASE WHEN ?2 = 'published' AND published_at = 0 THEN ?3 "
        "ELSE published_at END WHERE id = ?1",
        NULL, 3},
    [Q_BADGE_VERSION_DELETE] = {"badge_version_delete",
        "DELETE FROM badge_versions WHERE badge_id = ?1 AND version = ?2", NULL,
        2},
    [Q_BADGE_CRITERIA_DELETE] = {"badge_criteria_delete",
        "DELETE FROM badge_criteria WHERE badge_id = ?1 AND version = ?2", NULL,
        2},
    [Q_BADGE_ACTIVITIES_DELETE] = {"badge_activities_delete",
        "DELETE FROM badge_activities WHERE badge_id = ?1 AND version = ?2",
        NULL, 2},
    [Q_BADGE_RESOURCES_DELETE] = {"badge_resources_delete",
        "DELETE FROM badge_resources WHERE badge_id = ?1 AND version = ?2",
        NULL, 2},
    [Q_BADGE_TAGS_DELETE] = {"badge_tags_delete",
        "DELETE FROM badge_tags WHERE badge_id = ?1 AND version = ?2", NULL, 2},
    [Q_BADGE_ALIGN_DELETE] = {"badge_align_delete",
        "DELETE FROM badge_alignments WHERE badge_id = ?1 AND version = ?2",
        NULL, 2},
    [Q_BADGE_ALIGN_INSERT] = {"badge_align_insert",
        "INSERT INTO badge_alignments (badge_id, version, target_id) "
        "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        NULL, 3},
    [Q_BADGE_ALIGNMENTS] = {"badge_alignments",
        "SELECT t.id, f.id, f.name, t.code, t.name, "
        "CASE WHEN t.url <> '' THEN t.url ELSE f.url END "
        "FROM badge_alignments al "
        "JOIN framework_targets t ON t.id = al.target_id "
        "JOIN frameworks f ON f.id = t.framework_id "
        "WHERE al.badge_id = ?1 AND al.version = ?2 "
        "ORDER BY f.name, t.position",
        NULL, 2},
    [Q_BADGE_PREREQS] = {"badge_prereqs",
        "SELECT p.prereq_id, v.name, p.required, "
        "CASE WHEN EXISTS (SELECT 1 FROM awards aw "
        "WHERE aw.badge_id = p.prereq_id AND aw.person_id = ?2 "
        "AND aw.status = 'active') THEN 1 ELSE 0 END "
        "FROM badge_prereqs p JOIN badges b ON b.id = p.prereq_id "
        "JOIN badge_versions v ON v.badge_id = b.id "
        "AND v.version = b.current_version "
        "WHERE p.badge_id = ?1 ORDER BY p.required DESC, lower(v.name)",
        NULL, 2},
    [Q_BADGE_HOLDERS] = {"badge_holders",
        "SELECT count(DISTINCT person_id) FROM awards "
        "WHERE badge_id = ?1 AND status = 'active'",
        NULL, 1},
    [Q_BADGE_VERSIONS] = {"badge_versions",
        "SELECT v.version, v.created_at, COALESCE(p.name, ''), "
        "v.change_note FROM badge_versions v "
        "LEFT JOIN people p ON p.id = v.created_by "
        "WHERE v.badge_id = ?1 ORDER BY v.version DESC",
        NULL, 1},
    [Q_BADGE_ISSUER_LIST] = {"badge_issuer_list",
        "SELECT " BADGE_LIST_COLS BADGE_LIST_FROM
        "WHERE b.issuer_id = ?1 ORDER BY lower(v.name), b.id",
        NULL, 1},
    [Q_BADGE_IN_SERIES_AT] = {"badge_in_series_at",
        "SELECT b.id, v.name FROM badges b "
        "JOIN badge_versions v ON v.badge_id = b.id "
        "AND v.version = b.current_version "
        "WHERE b.series_id = ?1 AND b.series_position = ?2 AND b.id <> ?3",
        NULL, 3},
    [Q_PREREQ_INSERT] = {"prereq_insert",
        "INSERT INTO badge_prereqs (badge_id, prereq_id, required, "
        "created_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (badge_id, prereq_id) "
        "DO UPDATE SET required = excluded.required",
        NULL, 4},
    [Q_PREREQ_DELETE] = {"prereq_delete",
        "DELETE FROM badge_prereqs WHERE badge_id = ?1 AND prereq_id = ?2",
        NULL, 2},
    [Q_PREREQ_OF] = {"prereq_of",
        "SELECT prereq_id FROM badge_prereqs WHERE badge_id = ?1", NULL, 1},
    [Q_IMAGE_INSERT] = {"image_insert",
        "INSERT INTO images (hash, content_type, width, height, bytes, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (hash) DO NOTHING",
        NULL, 6},
    [Q_IMAGE_GET] = {"image_get",
        "SELECT content_type, bytes FROM images WHERE hash = ?1", NULL, 1},
    [Q_CATALOGUE_LIST] = {"catalogue_list",
        "SELECT " BADGE_LIST_COLS BADGE_LIST_FROM CATALOGUE_WHERE
        "ORDER BY " CATALOGUE_SORTS("?7") "LIMIT ?8 OFFSET ?9",
        NULL, 9},
    [Q_CATALOGUE_COUNT] = {"catalogue_count",
        "SELECT count(*) " CATALOGUE_COUNT_FROM CATALOGUE_WHERE, NULL, 6},
    [Q_CATALOGUE_SEARCH] = {"catalogue_search",
        "SELECT " BADGE_LIST_COLS BADGE_LIST_FROM
        "JOIN badge_fts ON badge_fts.badge_id = b.id " CATALOGUE_WHERE
        "AND badge_fts MATCH ?7 "
        "ORDER BY CASE WHEN ?8 = 0 THEN "
        "bm25(badge_fts, 0.0, 10.0, 4.0, 1.0, 6.0) END, " CATALOGUE_SORTS(
            "?8") "LIMIT ?9 OFFSET ?10",
        "SELECT " BADGE_LIST_COLS BADGE_LIST_FROM
        "JOIN badge_fts ON badge_fts.badge_id = b.id " CATALOGUE_WHERE
        "AND badge_fts.doc @@ to_tsquery('english', ?7) "
        "ORDER BY CASE WHEN ?8 = 0 THEN ts_rank(badge_fts.doc, "
        "to_tsquery('english', ?7)) END DESC, " CATALOGUE_SORTS(
            "?8") "LIMIT ?9 OFFSET ?10",
        10},
    [Q_CATALOGUE_SEARCH_COUNT] = {"catalogue_search_count",
        "SELECT count(*) " CATALOGUE_COUNT_FROM
        "JOIN badge_fts ON badge_fts.badge_id = b.id " CATALOGUE_WHERE
        "AND badge_fts MATCH ?7",
        "SELECT count(*) " CATALOGUE_COUNT_FROM
        "JOIN badge_fts ON badge_fts.badge_id = b.id " CATALOGUE_WHERE
        "AND badge_fts.doc @@ to_tsquery('english', ?7)",
        7},
    [Q_FACET_ISSUERS] = {"facet_issuers",
        "SELECT i.id, i.name, count(*) FROM badges b "
        "JOIN issuers i ON i.id = b.issuer_id "
        "WHERE b.status = 'published' GROUP BY i.id, i.name "
        "ORDER BY i.name",
        NULL, 0},
    [Q_FACET_TAGS] = {"facet_tags",
        "SELECT t.tag, t.tag, count(*) FROM badges b "
        "JOIN badge_tags t ON t.badge_id = b.id "
        "AND t.version = b.current_version "
        "WHERE b.status = 'published' GROUP BY t.tag ORDER BY t.tag",
        NULL, 0},
    [Q_FACET_FRAMEWORKS] = {"facet_frameworks",
        "SELECT f.id, f.name, count(DISTINCT b.id) FROM badges b "
        "JOIN badge_alignments al ON al.badge_id = b.id "
        "AND al.version = b.current_version "
        "JOIN framework_targets t ON t.id = al.target_id "
        "JOIN frameworks f ON f.id = t.framework_id "
        "WHERE b.status = 'published' GROUP BY f.id, f.name "
        "ORDER BY f.name",
        NULL, 0},
    [Q_FACET_SERIES] = {"facet_series",
        "SELECT s.id, s.name, count(*) FROM badges b "
        "JOIN series s ON s.id = b.series_id "
        "WHERE b.status = 'published' GROUP BY s.id, s.name "
        "ORDER BY s.name",
        NULL, 0},
    [Q_FTS_DELETE] = {"fts_delete", "DELETE FROM badge_fts WHERE badge_id = ?1",
        NULL, 1},
    [Q_FTS_INSERT] = {"fts_insert",
        "INSERT INTO badge_fts (badge_id, name, summary, body, tags) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        "INSERT INTO badge_fts (badge_id, doc) VALUES (?1, "
        "setweight(to_tsvector('english', ?2), 'A') || "
        "setweight(to_tsvector('english', ?5), 'B') || "
        "setweight(to_tsvector('english', ?3), 'C') || "
        "setweight(to_tsvector('english', ?4), 'D'))",
        5},
    [Q_SERIES_INSERT] = {"series_insert",
        "INSERT INTO series (id, issuer_id, name, summary, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING",
        NULL, 5},
    [Q_SERIES_GET] = {"series_get",
        "SELECT s.id, s.issuer_id, i.name, s.name, s.summary FROM series s "
        "JOIN issuers i ON i.id = s.issuer_id WHERE s.id = ?1",
        NULL, 1},
    [Q_SERIES_LIST] = {"series_list",
        "SELECT s.id, s.issuer_id, i.name, s.name, s.summary FROM series s "
        "JOIN issuers i ON i.id = s.issuer_id WHERE s.issuer_id = ?1 "
        "ORDER BY s.name",
        NULL, 1},
    [Q_SERIES_BADGES] = {"series_badges",
        "SELECT " BADGE_LIST_COLS BADGE_LIST_FROM
        "WHERE b.series_id = ?1 AND b.status = 'published' "
        "ORDER BY b.series_position, lower(v.name)",
        NULL, 1},
    [Q_FRAMEWORK_LIST] = {"framework_list",
        "SELECT id, name, url, description FROM frameworks ORDER BY name", NULL,
        0},
    [Q_FRAMEWORK_TARGETS] = {"framework_targets",
        "SELECT framework_id, id, code, name, description, url "
        "FROM framework_targets ORDER BY framework_id, position",
        NULL, 0},
    [Q_FRAMEWORK_BY_NAME] = {"framework_by_name",
        "SELECT id FROM frameworks WHERE name = ?1", NULL, 1},
    [Q_FRAMEWORK_INSERT] = {"framework_insert",
        "INSERT INTO frameworks (id, name, url, description, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        NULL, 5},
    [Q_TARGET_INSERT] = {"target_insert",
        "INSERT INTO framework_targets (id, framework_id, code, name, "
        "description, url, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT DO NOTHING",
        NULL, 7},
    [Q_TARGET_GET] = {"target_get",
        "SELECT id, framework_id FROM framework_targets WHERE id = ?1", NULL,
        1},
    [Q_TARGET_BY_CODE] = {"target_by_code",
        "SELECT id FROM framework_targets WHERE framework_id = ?1 "
        "AND code = ?2",
        NULL, 2},
    [Q_TARGET_NEXT_POSITION] = {"target_next_position",
        "SELECT COALESCE(max(position), 0) + 1 FROM framework_targets "
        "WHERE framework_id = ?1",
        NULL, 1},
    [Q_AWARD_INSERT] = {"award_insert",
        "INSERT INTO awards (id, badge_id, version, person_id, status, "
        "issued_at, expires_at, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
        NULL, 7},
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

/* badge ideas (domain/idea.c). IDEA_PUBLIC_COLS never include the
 * proposer's name, email address or account. */
#define IDEA_PUBLIC_COLS                                                       \
	"i.id, i.title, i.recognise, i.why, i.proposer_role, i.status, "       \
	"i.response, COALESCE(i.badge_id, ''), COALESCE(v.name, ''), "         \
	"COALESCE(b.status, ''), i.created_at, i.updated_at, "                 \
	"COALESCE(i.responded_at, 0), "                                        \
	"(SELECT count(*) FROM idea_supports s WHERE s.idea_id = i.id) "       \
	"AS supports "
#define IDEA_FROM                                                              \
	"FROM ideas i LEFT JOIN badges b ON b.id = i.badge_id "                \
	"LEFT JOIN badge_versions v ON v.badge_id = b.id "                     \
	"AND v.version = b.current_version "
    [Q_IDEA_INSERT] = {"idea_insert",
        "INSERT INTO ideas (id, title, recognise, why, proposer_role, "
        "proposer_name, proposer_email, person_id, status, response, "
        "text_hash, ip_hash, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'new', '', ?9, ?10, ?11, "
        "?11)",
        NULL, 11},
    [Q_IDEA_DUP] = {"idea_dup", "SELECT id FROM ideas WHERE text_hash = ?1",
        NULL, 1},
    [Q_IDEA_COUNT_IP] = {"idea_count_ip",
        "SELECT count(*) FROM ideas WHERE ip_hash = ?1 AND created_at > ?2 "
        "AND person_id IS NULL",
        NULL, 2},
    [Q_IDEA_COUNT_PERSON] = {"idea_count_person",
        "SELECT count(*) FROM ideas WHERE person_id = ?1 AND created_at > ?2",
        NULL, 2},
    [Q_IDEA_LIST_NEWEST] = {"idea_list_newest",
        "SELECT " IDEA_PUBLIC_COLS IDEA_FROM "WHERE (?1 = '' OR i.status = ?1) "
        "ORDER BY i.created_at DESC, i.id LIMIT ?2 OFFSET ?3",
        NULL, 3},
    [Q_IDEA_LIST_SUPPORTED] = {"idea_list_supported",
        "SELECT " IDEA_PUBLIC_COLS IDEA_FROM "WHERE (?1 = '' OR i.status = ?1) "
        "ORDER BY supports DESC, i.created_at DESC, i.id LIMIT ?2 OFFSET ?3",
        NULL, 3},
    [Q_IDEA_COUNT] = {"idea_count",
        "SELECT count(*) FROM ideas WHERE (?1 = '' OR status = ?1)", NULL, 1},
    [Q_IDEA_GET] = {"idea_get",
        "SELECT " IDEA_PUBLIC_COLS IDEA_FROM "WHERE i.id = ?1", NULL, 1},
    [Q_IDEA_GET_PRIVATE] = {"idea_get_private",
        "SELECT id, title, status, proposer_email FROM ideas WHERE id = ?1",
        NULL, 1},
    [Q_IDEA_TRIAGE_LIST] = {"idea_triage_list",
        "SELECT " IDEA_PUBLIC_COLS
        ", i.proposer_name, i.proposer_email, COALESCE(p.name, '') " IDEA_FROM
        "LEFT JOIN people p ON p.id = i.person_id "
        "WHERE (?1 = '' OR i.status = ?1) "
        "ORDER BY i.created_at DESC, i.id LIMIT ?2 OFFSET ?3",
        NULL, 3},
    [Q_IDEA_UPDATE] = {"idea_update",
        "UPDATE ideas SET status = ?2, response = ?3, badge_id = ?4, "
        "responded_by = ?5, responded_at = ?6, updated_at = ?6 WHERE id = ?1",
        NULL, 6},
    [Q_IDEA_SCHEME] = {"idea_scheme",
        "SELECT id FROM issuers WHERE is_scheme = 1 "
        "ORDER BY created_at, id LIMIT 1",
        NULL, 0},
    [Q_IDEA_BADGE_OF] = {"idea_badge_of",
        "SELECT id FROM badges WHERE id = ?1 AND issuer_id = ?2", NULL, 2},
    [Q_IDEA_BADGES] = {"idea_badges",
        "SELECT b.id, v.name, b.status FROM badges b "
        "JOIN badge_versions v ON v.badge_id = b.id "
        "AND v.version = b.current_version "
        "WHERE b.issuer_id = ?1 ORDER BY v.name, b.id",
        NULL, 1},
    [Q_IDEA_SUPPORT_INSERT] = {"idea_support_insert",
        "INSERT INTO idea_supports (idea_id, person_id, created_at) "
        "VALUES (?1, ?2, ?3) ON CONFLICT (idea_id, person_id) DO NOTHING",
        NULL, 3},
    [Q_IDEA_SUPPORT_DELETE] = {"idea_support_delete",
        "DELETE FROM idea_supports WHERE idea_id = ?1 AND person_id = ?2", NULL,
        2},
    [Q_IDEA_SUPPORT_HAS] = {"idea_support_has",
        "SELECT created_at FROM idea_supports "
        "WHERE idea_id = ?1 AND person_id = ?2",
        NULL, 2},
    [Q_IDEA_FORGET] = {"idea_forget",
        "UPDATE ideas SET proposer_name = '', proposer_email = '', "
        "person_id = NULL WHERE person_id = ?1",
        NULL, 1},
    [Q_IDEA_SUPPORT_FORGET] = {"idea_support_forget",
        "DELETE FROM idea_supports WHERE person_id = ?1", NULL, 1},
    [Q_IDEA_MOVE] = {"idea_move",
        "UPDATE ideas SET person_id = ?2 WHERE person_id = ?1", NULL, 2},
    [Q_IDEA_SUPPORT_MOVE] = {"idea_support_move",
        "UPDATE idea_supports SET person_id = ?2 WHERE person_id = ?1 "
        "AND idea_id NOT IN (SELECT idea_id FROM idea_supports "
        "WHERE person_id = ?2)",
        NULL, 2},
#undef IDEA_PUBLIC_COLS
#undef IDEA_FROM
/* The application workflow (see queries.h). */
#include "db/q_application_sql.inc"
#include "db/q_assessment_sql.inc"
#include "db/q_award_page_sql.inc"
#include "db/q_endorse_sql.inc"
#include "db/q_ob2_sql.inc"
#include "db/q_ob3_sql.inc"
#include "db/q_backpack_sql.inc"
};
