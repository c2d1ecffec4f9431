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
};
