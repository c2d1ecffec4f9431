/*
 * migrate.c: the schema, as numbered migrations (see migrate.h).
 *
 * Times are BIGINT seconds since the epoch, UTC. Public ids are TEXT (22
 * characters of base64url, see core/id.h). Statements are written in the
 * SQL both back ends share; the rare difference goes in the sqlite or pg
 * member of a migration.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"

static const char schema_migrations_sql[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

const struct migration migrations[] = {
    {1, "issuers and badges",
        "CREATE TABLE issuers ("
        " id TEXT PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " url TEXT NOT NULL,"
        " email TEXT NOT NULL,"
        " description TEXT NOT NULL DEFAULT '',"
        " is_scheme INTEGER NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL);"
        "CREATE TABLE badges ("
        " id TEXT PRIMARY KEY,"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " status TEXT NOT NULL"
        "  CHECK (status IN ('draft', 'published', 'archived')),"
        " current_version INTEGER NOT NULL,"
        " introductory INTEGER NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL,"
        " updated_at BIGINT NOT NULL);"
        "CREATE INDEX badges_issuer ON badges (issuer_id);"
        "CREATE INDEX badges_status ON badges (status);"
        "CREATE TABLE badge_versions ("
        " badge_id TEXT NOT NULL REFERENCES badges (id),"
        " version INTEGER NOT NULL,"
        " name TEXT NOT NULL,"
        " summary TEXT NOT NULL,"
        " description_md TEXT NOT NULL,"
        " estimated_minutes INTEGER NOT NULL,"
        " licence TEXT NOT NULL,"
        " min_words INTEGER NOT NULL DEFAULT 0,"
        " attachments_allowed INTEGER NOT NULL DEFAULT 0,"
        " expiry_months INTEGER,"
        " image_alt TEXT NOT NULL DEFAULT '',"
        " colour TEXT NOT NULL DEFAULT '#0065bd',"
        " created_at BIGINT NOT NULL,"
        " PRIMARY KEY (badge_id, version));"
        "CREATE TABLE badge_criteria ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " position INTEGER NOT NULL,"
        " text TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, position),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE TABLE badge_activities ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " position INTEGER NOT NULL,"
        " text TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, position),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE TABLE badge_resources ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " position INTEGER NOT NULL,"
        " title TEXT NOT NULL,"
        " url TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, position),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE TABLE badge_tags ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " tag TEXT NOT NULL,"
        " PRIMARY KEY (badge_id, version, tag),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));",
        NULL, NULL},
    {2, "people, organisations, roles, sessions, outbox, audit",
        "CREATE TABLE people ("
        " id TEXT PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " password_hash TEXT,"
        " status TEXT NOT NULL"
        "  CHECK (status IN ('active', 'deleted', 'merged')),"
        " merged_into TEXT REFERENCES people (id),"
        " is_platform_admin INTEGER NOT NULL DEFAULT 0,"
        " password_changed_at BIGINT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " updated_at BIGINT NOT NULL);"
        /* An address belongs to at most one person. */
        "CREATE TABLE emails ("
        " id TEXT PRIMARY KEY,"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " address TEXT NOT NULL UNIQUE,"
        " verified_at BIGINT,"
        " is_primary INTEGER NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL);"
        "CREATE INDEX emails_person ON emails (person_id);"
        /* The cookie holds the token; the table only its SHA-256. */
        "CREATE TABLE sessions ("
        " token_hash TEXT PRIMARY KEY,"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " created_at BIGINT NOT NULL,"
        " last_seen_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL,"
        " ip TEXT NOT NULL,"
        " user_agent TEXT NOT NULL);"
        "CREATE INDEX sessions_person ON sessions (person_id);"
        /* One-time links: email verification, password reset, invitations
         * and merge proofs. Only the SHA-256 of the token is kept. */
        "CREATE TABLE tokens ("
        " token_hash TEXT PRIMARY KEY,"
        " kind TEXT NOT NULL"
        "  CHECK (kind IN ('verify', 'reset', 'invite', 'merge')),"
        " person_id TEXT REFERENCES people (id),"
        " email_id TEXT REFERENCES emails (id),"
        " subject TEXT NOT NULL DEFAULT '',"
        " created_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL,"
        " used_at BIGINT);"
        "CREATE TABLE login_throttle ("
        " key TEXT PRIMARY KEY,"
        " failures INTEGER NOT NULL,"
        " locked_until BIGINT NOT NULL,"
        " updated_at BIGINT NOT NULL);"
        "CREATE TABLE organisations ("
        " id TEXT PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " description TEXT NOT NULL DEFAULT '',"
        " status TEXT NOT NULL"
        "  CHECK (status IN ('pending', 'approved', 'rejected')),"
        " requested_by TEXT REFERENCES people (id),"
        " decided_by TEXT REFERENCES people (id),"
        " decided_at BIGINT,"
        " created_at BIGINT NOT NULL);"
        /* Membership history: a row per period; ended_at set on leaving. */
        "CREATE TABLE memberships ("
        " id TEXT PRIMARY KEY,"
        " org_id TEXT NOT NULL REFERENCES organisations (id),"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " role TEXT NOT NULL"
        "  CHECK (role IN ('org_admin', 'manager', 'staff')),"
        " line_manager_id TEXT REFERENCES people (id),"
        " started_at BIGINT NOT NULL,"
        " ended_at BIGINT);"
        "CREATE INDEX memberships_org ON memberships (org_id);"
        "CREATE INDEX memberships_person ON memberships (person_id);"
        "CREATE TABLE invitations ("
        " id TEXT PRIMARY KEY,"
        " org_id TEXT NOT NULL REFERENCES organisations (id),"
        " email TEXT NOT NULL,"
        " role TEXT NOT NULL"
        "  CHECK (role IN ('org_admin', 'manager', 'staff')),"
        " token_hash TEXT NOT NULL UNIQUE,"
        " invited_by TEXT NOT NULL REFERENCES people (id),"
        " created_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL,"
        " accepted_by TEXT REFERENCES people (id),"
        " accepted_at BIGINT,"
        " cancelled_at BIGINT);"
        "CREATE INDEX invitations_org ON invitations (org_id);"
        "ALTER TABLE issuers ADD COLUMN org_id TEXT"
        " REFERENCES organisations (id);"
        "CREATE TABLE issuer_roles ("
        " id TEXT PRIMARY KEY,"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " role TEXT NOT NULL CHECK (role IN ('issuer_admin', 'assessor')),"
        " granted_by TEXT REFERENCES people (id),"
        " granted_at BIGINT NOT NULL,"
        " revoked_at BIGINT);"
        "CREATE INDEX issuer_roles_issuer ON issuer_roles (issuer_id);"
        "CREATE INDEX issuer_roles_person ON issuer_roles (person_id);"
        "CREATE TABLE outbox ("
        " id TEXT PRIMARY KEY,"
        " to_addr TEXT NOT NULL,"
        " subject TEXT NOT NULL,"
        " body TEXT NOT NULL,"
        " status TEXT NOT NULL"
        "  CHECK (status IN ('queued', 'sent', 'failed', 'held')),"
        " attempts INTEGER NOT NULL DEFAULT 0,"
        " next_attempt_at BIGINT NOT NULL,"
        " last_error TEXT NOT NULL DEFAULT '',"
        " created_at BIGINT NOT NULL,"
        " sent_at BIGINT);"
        "CREATE INDEX outbox_due ON outbox (status, next_attempt_at);"
        /* actor is a person id, or a pseudonym once the person is deleted */
        "CREATE TABLE audit_events ("
        " id TEXT PRIMARY KEY,"
        " at BIGINT NOT NULL,"
        " actor TEXT NOT NULL,"
        " action TEXT NOT NULL,"
        " subject TEXT NOT NULL,"
        " detail TEXT NOT NULL,"
        " ip TEXT NOT NULL);"
        "CREATE INDEX audit_at ON audit_events (at);"
        "CREATE INDEX audit_actor ON audit_events (actor);",
        NULL, NULL},
    {3, "catalogue: series, images, frameworks, prerequisites, search",
        "CREATE TABLE series ("
        " id TEXT PRIMARY KEY,"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " name TEXT NOT NULL,"
        " summary TEXT NOT NULL DEFAULT '',"
        " created_at BIGINT NOT NULL);"
        "CREATE INDEX series_issuer ON series (issuer_id);"
        /* series_position is 0 when series_id is NULL. */
        "ALTER TABLE badges ADD COLUMN series_id TEXT"
        " REFERENCES series (id);"
        "ALTER TABLE badges ADD COLUMN series_position INTEGER NOT NULL"
        " DEFAULT 0;"
        /* 0 until first published. */
        "ALTER TABLE badges ADD COLUMN published_at BIGINT NOT NULL"
        " DEFAULT 0;"
        "CREATE INDEX badges_series ON badges (series_id);"
        /* image_hash names a row of images: the SHA-256 of its bytes. */
        "ALTER TABLE badge_versions ADD COLUMN image_hash TEXT NOT NULL"
        " DEFAULT '';"
        "ALTER TABLE badge_versions ADD COLUMN endorsement_months INTEGER"
        " NOT NULL DEFAULT 0;"
        "ALTER TABLE badge_versions ADD COLUMN created_by TEXT NOT NULL"
        " DEFAULT '';"
        "ALTER TABLE badge_versions ADD COLUMN change_note TEXT NOT NULL"
        " DEFAULT '';"
        "CREATE TABLE frameworks ("
        " id TEXT PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE,"
        " url TEXT NOT NULL DEFAULT '',"
        " description TEXT NOT NULL DEFAULT '',"
        " created_at BIGINT NOT NULL);"
        "CREATE TABLE framework_targets ("
        " id TEXT PRIMARY KEY,"
        " framework_id TEXT NOT NULL REFERENCES frameworks (id),"
        " code TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " description TEXT NOT NULL DEFAULT '',"
        " url TEXT NOT NULL DEFAULT '',"
        " position INTEGER NOT NULL,"
        " UNIQUE (framework_id, code));"
        "CREATE TABLE badge_alignments ("
        " badge_id TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " target_id TEXT NOT NULL REFERENCES framework_targets (id),"
        " PRIMARY KEY (badge_id, version, target_id),"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE INDEX badge_alignments_target ON badge_alignments"
        " (target_id);"
        /* Prerequisites belong to the badge, not a version. */
        "CREATE TABLE badge_prereqs ("
        " badge_id TEXT NOT NULL REFERENCES badges (id),"
        " prereq_id TEXT NOT NULL REFERENCES badges (id),"
        " required INTEGER NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " PRIMARY KEY (badge_id, prereq_id),"
        " CHECK (badge_id <> prereq_id));"
        "CREATE INDEX badge_prereqs_prereq ON badge_prereqs (prereq_id);"
        "CREATE INDEX badge_tags_tag ON badge_tags (tag);"
        /* The award itself; the workflow that makes awards adds to it. */
        "CREATE TABLE awards ("
        " id TEXT PRIMARY KEY,"
        " badge_id TEXT NOT NULL REFERENCES badges (id),"
        " version INTEGER NOT NULL,"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " status TEXT NOT NULL CHECK (status IN ('active', 'suspended',"
        "  'revoked', 'expired', 'lapsed')),"
        " issued_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL,"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        "CREATE INDEX awards_badge ON awards (badge_id, status);"
        "CREATE INDEX awards_person ON awards (person_id);",
        /* SQLite: full-text search with FTS5; images as BLOB. */
        "CREATE TABLE images ("
        " hash TEXT PRIMARY KEY,"
        " content_type TEXT NOT NULL,"
        " width INTEGER NOT NULL,"
        " height INTEGER NOT NULL,"
        " bytes BLOB NOT NULL,"
        " created_at BIGINT NOT NULL);"
        "CREATE VIRTUAL TABLE badge_fts USING fts5(badge_id UNINDEXED,"
        " name, summary, body, tags, tokenize = 'porter unicode61');"
        /* Index the badges published before search existed. */
        "INSERT INTO badge_fts (badge_id, name, summary, body, tags)"
        " SELECT b.id, v.name, v.summary, v.description_md"
        "  || COALESCE((SELECT ' ' || group_concat(c.text, ' ')"
        "   FROM badge_criteria c WHERE c.badge_id = b.id"
        "   AND c.version = b.current_version), '')"
        "  || COALESCE((SELECT ' ' || group_concat(t.text, ' ')"
        "   FROM badge_activities t WHERE t.badge_id = b.id"
        "   AND t.version = b.current_version), ''),"
        "  COALESCE((SELECT group_concat(g.tag, ' ') FROM badge_tags g"
        "   WHERE g.badge_id = b.id AND g.version = b.current_version), '')"
        " FROM badges b JOIN badge_versions v ON v.badge_id = b.id"
        " AND v.version = b.current_version WHERE b.status = 'published';",
        /* PostgreSQL: a weighted tsvector with a GIN index. */
        "CREATE TABLE images ("
        " hash TEXT PRIMARY KEY,"
        " content_type TEXT NOT NULL,"
        " width INTEGER NOT NULL,"
        " height INTEGER NOT NULL,"
        " bytes BYTEA NOT NULL,"
        " created_at BIGINT NOT NULL);"
        "CREATE TABLE badge_fts ("
        " badge_id TEXT PRIMARY KEY REFERENCES badges (id),"
        " doc TSVECTOR NOT NULL);"
        "CREATE INDEX badge_fts_doc ON badge_fts USING GIN (doc);"
        /* Index the badges published before search existed (weights as
         * Q_FTS_INSERT gives them). */
        "INSERT INTO badge_fts (badge_id, doc)"
        " SELECT b.id, setweight(to_tsvector('english', v.name), 'A')"
        "  || setweight(to_tsvector('english', COALESCE((SELECT"
        "   string_agg(g.tag, ' ') FROM badge_tags g WHERE g.badge_id = b.id"
        "   AND g.version = b.current_version), '')), 'B')"
        "  || setweight(to_tsvector('english', v.summary), 'C')"
        "  || setweight(to_tsvector('english', v.description_md"
        "  || COALESCE((SELECT ' ' || string_agg(c.text, ' ')"
        "   FROM badge_criteria c WHERE c.badge_id = b.id"
        "   AND c.version = b.current_version), '')"
        "  || COALESCE((SELECT ' ' || string_agg(t.text, ' ')"
        "   FROM badge_activities t WHERE t.badge_id = b.id"
        "   AND t.version = b.current_version), '')), 'D')"
        " FROM badges b JOIN badge_versions v ON v.badge_id = b.id"
        " AND v.version = b.current_version WHERE b.status = 'published';"},
    {4, "badge ideas",
        /* Anyone may propose a badge (domain/idea.h). proposer_name and
         * proposer_email are private; text_hash (SHA-256 of the texts,
         * case and spacing folded) refuses exact duplicates; ip_hash is
         * an HMAC of the sender's address, for the hourly limit. */
        "CREATE TABLE ideas ("
        " id TEXT PRIMARY KEY,"
        " title TEXT NOT NULL,"
        " recognise TEXT NOT NULL,"
        " why TEXT NOT NULL,"
        " proposer_role TEXT NOT NULL CHECK (proposer_role IN"
        "  ('worker', 'employer', 'uses_services', 'carer', 'other')),"
        " proposer_name TEXT NOT NULL DEFAULT '',"
        " proposer_email TEXT NOT NULL DEFAULT '',"
        " person_id TEXT REFERENCES people (id),"
        " status TEXT NOT NULL DEFAULT 'new' CHECK (status IN"
        "  ('new', 'considering', 'accepted', 'declined')),"
        " response TEXT NOT NULL DEFAULT '',"
        " responded_by TEXT REFERENCES people (id),"
        " responded_at BIGINT,"
        " badge_id TEXT REFERENCES badges (id),"
        " text_hash TEXT NOT NULL UNIQUE,"
        " ip_hash TEXT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " updated_at BIGINT NOT NULL,"
        " CHECK (status = 'accepted' OR badge_id IS NULL));"
        "CREATE INDEX ideas_created ON ideas (created_at);"
        "CREATE INDEX ideas_status ON ideas (status, created_at);"
        "CREATE INDEX ideas_ip ON ideas (ip_hash, created_at);"
        "CREATE INDEX ideas_person ON ideas (person_id);"
        "CREATE TABLE idea_supports ("
        " idea_id TEXT NOT NULL REFERENCES ideas (id),"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " created_at BIGINT NOT NULL,"
        " PRIMARY KEY (idea_id, person_id));"
        "CREATE INDEX idea_supports_person ON idea_supports (person_id);",
        NULL, NULL},
    {5, "applications and their evidence, reviewers and comments",
        /* One row per application (domain/application.h). status:
         * draft (shared or not), submitted (waiting or claimed), integrity
         * (an assessor's concern waits for an issuer admin), returned and
         * auto_declined (the learner edits and resubmits), then the ends:
         * declined, awarded, withdrawn. revision guards against a stale
         * save from another tab. round counts submissions; queue_seq orders
         * the issuer's queue (a resubmission takes a new, higher one). */
        "CREATE TABLE applications ("
        " id TEXT PRIMARY KEY,"
        " badge_id TEXT NOT NULL REFERENCES badges (id),"
        " version INTEGER NOT NULL,"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " status TEXT NOT NULL CHECK (status IN ('draft', 'submitted',"
        "  'integrity', 'returned', 'auto_declined', 'declined', 'awarded',"
        "  'withdrawn')),"
        " revision BIGINT NOT NULL DEFAULT 1,"
        " round INTEGER NOT NULL DEFAULT 0,"
        " account_md TEXT NOT NULL DEFAULT '',"
        " alt_url TEXT NOT NULL DEFAULT '',"
        " links TEXT NOT NULL DEFAULT '',"
        " queue_seq BIGINT,"
        " submitted_at BIGINT,"
        " due_at BIGINT,"
        " claimed_by TEXT REFERENCES people (id),"
        " claimed_at BIGINT,"
        " claim_expires_at BIGINT,"
        " decided_at BIGINT,"
        " decline_code TEXT NOT NULL DEFAULT '',"
        " created_at BIGINT NOT NULL,"
        " updated_at BIGINT NOT NULL,"
        " FOREIGN KEY (badge_id, version)"
        "  REFERENCES badge_versions (badge_id, version));"
        /* One open application per badge per person. */
        "CREATE UNIQUE INDEX applications_open ON applications"
        " (person_id, badge_id) WHERE status IN ('draft', 'submitted',"
        " 'integrity', 'returned', 'auto_declined');"
        "CREATE UNIQUE INDEX applications_seq ON applications (queue_seq);"
        "CREATE INDEX applications_queue ON applications"
        " (issuer_id, status, queue_seq);"
        "CREATE INDEX applications_person ON applications"
        " (person_id, updated_at);"
        "CREATE INDEX applications_claimed ON applications (claimed_by);"
        /* The answer to each criterion (position as in badge_criteria). */
        "CREATE TABLE application_answers ("
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " position INTEGER NOT NULL,"
        " text TEXT NOT NULL,"
        " PRIMARY KEY (application_id, position));"
        /* removed_at hides an attachment from the draft; submitted rounds
         * still list it. hash names a row of attachment_files, made below
         * in each dialect. */
        "CREATE TABLE application_attachments ("
        " id TEXT PRIMARY KEY,"
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " hash TEXT NOT NULL," /* a row of attachment_files */
        " filename TEXT NOT NULL,"
        " content_type TEXT NOT NULL,"
        " size BIGINT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " removed_at BIGINT);"
        "CREATE INDEX application_attachments_app ON application_attachments"
        " (application_id);"
        /* Reviewers are invited by email; the link's token (only its
         * SHA-256 kept) binds person_id when accepted. */
        "CREATE TABLE application_reviewers ("
        " id TEXT PRIMARY KEY,"
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " email TEXT NOT NULL,"
        " relationship TEXT NOT NULL CHECK (relationship IN ('manager',"
        "  'supervisor', 'mentor', 'colleague', 'other')),"
        " person_id TEXT REFERENCES people (id),"
        " token_hash TEXT NOT NULL UNIQUE,"
        " invited_by TEXT NOT NULL REFERENCES people (id),"
        " invited_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL,"
        " accepted_at BIGINT,"
        " removed_at BIGINT);"
        "CREATE INDEX application_reviewers_app ON application_reviewers"
        " (application_id);"
        "CREATE INDEX application_reviewers_person ON application_reviewers"
        " (person_id);"
        /* criterion 0 is the whole application, else a criterion's
         * position; round is the application's round when written. */
        "CREATE TABLE application_comments ("
        " id TEXT PRIMARY KEY,"
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " round INTEGER NOT NULL,"
        " author_id TEXT NOT NULL REFERENCES people (id),"
        " criterion INTEGER NOT NULL DEFAULT 0,"
        " body TEXT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " resolved_at BIGINT,"
        " resolved_by TEXT REFERENCES people (id));"
        "CREATE INDEX application_comments_app ON application_comments"
        " (application_id, created_at);",
        /* Attachments by content hash (SHA-256 of the bytes). */
        "CREATE TABLE attachment_files ("
        " hash TEXT PRIMARY KEY,"
        " content_type TEXT NOT NULL,"
        " size BIGINT NOT NULL,"
        " bytes BLOB NOT NULL,"
        " created_at BIGINT NOT NULL);",
        "CREATE TABLE attachment_files ("
        " hash TEXT PRIMARY KEY,"
        " content_type TEXT NOT NULL,"
        " size BIGINT NOT NULL,"
        " bytes BYTEA NOT NULL,"
        " created_at BIGINT NOT NULL);"},
    {6, "assessment rounds, claims, integrity, jobs; awards' origin",
        /* Every submission, kept: the evidence as submitted (answers and
         * attachments as JSON arrays), the declaration, the screen's
         * findings (kinds and offsets, JSON), and the outcome. */
        "CREATE TABLE application_rounds ("
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " round INTEGER NOT NULL,"
        " version INTEGER NOT NULL,"
        " account_md TEXT NOT NULL,"
        " alt_url TEXT NOT NULL,"
        " links TEXT NOT NULL,"
        " answers TEXT NOT NULL,"
        " attachments TEXT NOT NULL,"
        " declaration TEXT NOT NULL,"
        " policy_version TEXT NOT NULL,"
        " declared_at BIGINT NOT NULL,"
        " screen TEXT NOT NULL DEFAULT '[]',"
        " submitted_at BIGINT NOT NULL,"
        " due_at BIGINT NOT NULL,"
        " queue_seq BIGINT NOT NULL,"
        " outcome TEXT CHECK (outcome IN ('awarded', 'returned', 'declined',"
        "  'auto_declined')),"
        " reason_code TEXT NOT NULL DEFAULT '',"
        " feedback TEXT NOT NULL DEFAULT '',"
        " decided_by TEXT REFERENCES people (id),"
        " decided_at BIGINT,"
        " PRIMARY KEY (application_id, round));"
        "CREATE INDEX application_rounds_decided ON application_rounds"
        " (decided_at);"
        /* The assessor's judgement of each criterion in a round. */
        "CREATE TABLE assessment_marks ("
        " application_id TEXT NOT NULL,"
        " round INTEGER NOT NULL,"
        " position INTEGER NOT NULL,"
        " met INTEGER NOT NULL,"
        " comment TEXT NOT NULL DEFAULT '',"
        " PRIMARY KEY (application_id, round, position),"
        " FOREIGN KEY (application_id, round)"
        "  REFERENCES application_rounds (application_id, round));"
        /* Every claim: how it was made (the oldest, a chosen one with a
         * reason, or a reassignment by an issuer admin) and how it ended. */
        "CREATE TABLE application_claims ("
        " id TEXT PRIMARY KEY,"
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " round INTEGER NOT NULL,"
        " assessor_id TEXT NOT NULL REFERENCES people (id),"
        " how TEXT NOT NULL CHECK (how IN ('oldest', 'chosen',"
        "  'reassigned')),"
        " reason TEXT NOT NULL DEFAULT '',"
        " assigned_by TEXT REFERENCES people (id),"
        " claimed_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL,"
        " ended_at BIGINT,"
        " end_reason TEXT CHECK (end_reason IN ('decided', 'expired',"
        "  'released', 'reassigned', 'integrity')));"
        "CREATE INDEX application_claims_app ON application_claims"
        " (application_id);"
        "CREATE INDEX application_claims_assessor ON application_claims"
        " (assessor_id, claimed_at);"
        "CREATE TABLE integrity_concerns ("
        " id TEXT PRIMARY KEY,"
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " round INTEGER NOT NULL,"
        " raised_by TEXT NOT NULL REFERENCES people (id),"
        " note TEXT NOT NULL,"
        " raised_at BIGINT NOT NULL,"
        " learner_response TEXT NOT NULL DEFAULT '',"
        " responded_at BIGINT,"
        " outcome TEXT CHECK (outcome IN ('cleared', 'returned', 'declined')),"
        " reason_code TEXT NOT NULL DEFAULT '',"
        " decision_note TEXT NOT NULL DEFAULT '',"
        " decided_by TEXT REFERENCES people (id),"
        " decided_at BIGINT);"
        "CREATE INDEX integrity_concerns_app ON integrity_concerns"
        " (application_id);"
        /* What a person typed when their session had ended, kept until
         * they sign in again (only the SHA-256 of the token). */
        "CREATE TABLE draft_stashes ("
        " token_hash TEXT PRIMARY KEY,"
        " application_id TEXT NOT NULL REFERENCES applications (id),"
        " fields TEXT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL);"
        /* Background jobs: a server runs a job only while it holds the
         * row's lease, so several servers can share a database. */
        "CREATE TABLE jobs ("
        " name TEXT PRIMARY KEY,"
        " locked_by TEXT NOT NULL DEFAULT '',"
        " locked_until BIGINT NOT NULL DEFAULT 0,"
        " last_run_at BIGINT NOT NULL DEFAULT 0);"
        /* Alerts sent once: key names the alert ("due:APP:ROUND"). */
        "CREATE TABLE alerts_sent ("
        " key TEXT PRIMARY KEY,"
        " sent_at BIGINT NOT NULL);"
        /* The award records where it came from and keeps the evidence as
         * submitted (JSON), never changed afterwards. */
        "ALTER TABLE awards ADD COLUMN application_id TEXT"
        " REFERENCES applications (id);"
        "ALTER TABLE awards ADD COLUMN assessor_id TEXT"
        " REFERENCES people (id);"
        "ALTER TABLE awards ADD COLUMN recipient_email TEXT NOT NULL"
        " DEFAULT '';"
        "ALTER TABLE awards ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';"
        "CREATE INDEX awards_application ON awards (application_id);",
        NULL, NULL},
    {7, "award pages: visibility, evidence shown, status details",
        /* The learner's choices for the award's page (domain/award_page.h):
         * who finds it (unlisted: those with the link, search engines told
         * not to index; public: indexable; private: the learner and the
         * issuer's staff), what evidence others see (none by default, a
         * summary they write, or all), whether attachments are public.
         * The status change: its reason code, the explanation published
         * on the page, a private one for the learner, when and by whom.
         * awarding_org_id names an organisation that awarded a scheme
         * badge on the scheme's behalf (delegation sets it). */
        "ALTER TABLE awards ADD COLUMN page_visibility TEXT NOT NULL"
        " DEFAULT 'unlisted'"
        " CHECK (page_visibility IN ('unlisted', 'public', 'private'));"
        "ALTER TABLE awards ADD COLUMN evidence_visibility TEXT NOT NULL"
        " DEFAULT 'none'"
        " CHECK (evidence_visibility IN ('all', 'summary', 'none'));"
        "ALTER TABLE awards ADD COLUMN evidence_summary TEXT NOT NULL"
        " DEFAULT '';"
        "ALTER TABLE awards ADD COLUMN attachments_public INTEGER NOT NULL"
        " DEFAULT 0;"
        "ALTER TABLE awards ADD COLUMN settings_changed_at BIGINT NOT NULL"
        " DEFAULT 0;"
        "ALTER TABLE awards ADD COLUMN awarding_org_id TEXT"
        " REFERENCES organisations (id);"
        "ALTER TABLE awards ADD COLUMN status_reason_code TEXT NOT NULL"
        " DEFAULT '';"
        "ALTER TABLE awards ADD COLUMN status_public_note TEXT NOT NULL"
        " DEFAULT '';"
        "ALTER TABLE awards ADD COLUMN status_private_note TEXT NOT NULL"
        " DEFAULT '';"
        "ALTER TABLE awards ADD COLUMN status_changed_at BIGINT NOT NULL"
        " DEFAULT 0;"
        "ALTER TABLE awards ADD COLUMN status_changed_by TEXT"
        " REFERENCES people (id);",
        NULL, NULL},
    /* migration 8: endorsements and profiles (domain/endorse.c) */
    {8, "endorsements, endorsement requests, profiles, award sharing",
        /* Endorsements of an award (domain/endorse.h). email is private;
         * token_hash is the SHA-256 of the confirmation link's token;
         * text_hash (SHA-256 of the folded message) and email refuse
         * duplicates; ip_hash is an HMAC of the sender's address, for the
         * hourly limit. manager_org_id is set when the confirmed address
         * belonged to a manager of an organisation the learner was a
         * member of at the time (is_verified_manager = 1). */
        "CREATE TABLE endorsement_requests ("
        " id TEXT PRIMARY KEY,"
        " award_id TEXT NOT NULL REFERENCES awards (id),"
        " name TEXT NOT NULL,"
        " email TEXT NOT NULL,"
        " token_hash TEXT NOT NULL UNIQUE,"
        " sent_at BIGINT NOT NULL,"
        " expires_at BIGINT NOT NULL,"
        " used_at BIGINT);"
        "CREATE INDEX endorsement_requests_award ON endorsement_requests"
        " (award_id, sent_at);"
        "CREATE TABLE endorsements ("
        " id TEXT PRIMARY KEY,"
        " award_id TEXT NOT NULL REFERENCES awards (id),"
        " name TEXT NOT NULL,"
        " email TEXT NOT NULL,"
        " relationship TEXT NOT NULL CHECK (relationship IN ('manager',"
        "  'colleague', 'tutor', 'uses_services', 'other')),"
        " organisation TEXT NOT NULL DEFAULT '',"
        " message TEXT NOT NULL,"
        " status TEXT NOT NULL CHECK (status IN ('pending_email',"
        "  'confirmed', 'published', 'hidden')),"
        " token_hash TEXT NOT NULL UNIQUE,"
        " token_expires_at BIGINT NOT NULL,"
        " text_hash TEXT NOT NULL,"
        " ip_hash TEXT NOT NULL,"
        " request_id TEXT REFERENCES endorsement_requests (id),"
        " is_verified_manager INTEGER NOT NULL DEFAULT 0,"
        " manager_org_id TEXT REFERENCES organisations (id),"
        " created_at BIGINT NOT NULL,"
        " confirmed_at BIGINT,"
        " moderated_at BIGINT,"
        " updated_at BIGINT NOT NULL);"
        "CREATE INDEX endorsements_award ON endorsements (award_id, status);"
        "CREATE INDEX endorsements_ip ON endorsements (ip_hash, created_at);"
        "CREATE INDEX endorsements_award_day ON endorsements"
        " (award_id, created_at);"
        /* A person's public profile: handle (NULL until chosen; unique,
         * [a-z0-9-]), whether it is on, and the colleagues opt-in. */
        "CREATE TABLE profiles ("
        " person_id TEXT PRIMARY KEY REFERENCES people (id),"
        " handle TEXT UNIQUE,"
        " is_public INTEGER NOT NULL DEFAULT 0,"
        " colleagues INTEGER NOT NULL DEFAULT 0,"
        " updated_at BIGINT NOT NULL);"
        /* Per award: shown on the profile, shared with the employer. */
        "CREATE TABLE award_sharing ("
        " award_id TEXT PRIMARY KEY REFERENCES awards (id),"
        " show_on_profile INTEGER NOT NULL DEFAULT 0,"
        " shared_with_org INTEGER NOT NULL DEFAULT 0,"
        " updated_at BIGINT NOT NULL);"
        "CREATE INDEX award_sharing_org ON award_sharing"
        " (shared_with_org);",
        NULL, NULL},
    /* OB 2.0 signed verification: an issuer's choice and its RS256 keys.
     * private_enc is nonce || AES-256-GCM(PEM) || tag (domain/signer.c);
     * retired_at 0 is the current key. */
    {9, "issuer signing keys",
        "ALTER TABLE issuers ADD COLUMN verification TEXT NOT NULL"
        " DEFAULT 'hosted';",
        "CREATE TABLE issuer_keys ("
        " id TEXT PRIMARY KEY,"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " alg TEXT NOT NULL DEFAULT 'RS256',"
        " public_pem TEXT NOT NULL,"
        " private_enc BLOB NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " retired_at BIGINT NOT NULL DEFAULT 0);"
        "CREATE INDEX issuer_keys_issuer ON issuer_keys (issuer_id);",
        "CREATE TABLE issuer_keys ("
        " id TEXT PRIMARY KEY,"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " alg TEXT NOT NULL DEFAULT 'RS256',"
        " public_pem TEXT NOT NULL,"
        " private_enc BYTEA NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " retired_at BIGINT NOT NULL DEFAULT 0);"
        "CREATE INDEX issuer_keys_issuer ON issuer_keys (issuer_id);"},
    /* migration 10: Open Badges 3.0 */
    /* Each award's index in its issuer's Bitstring Status Lists
     * (domain/ob3pub.c), allocated on first publication, unique within the
     * issuer. The Ed25519 keys go in issuer_keys (alg 'Ed25519'). */
    {10, "open badges 3.0 status lists",
        "CREATE TABLE ob3_status ("
        " award_id TEXT PRIMARY KEY REFERENCES awards (id),"
        " issuer_id TEXT NOT NULL REFERENCES issuers (id),"
        " idx BIGINT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " UNIQUE (issuer_id, idx));",
        NULL, NULL},
    /* migration 11: backpack. Badges issued elsewhere that a learner
     * added after Laurel verified them: source is what was verified (a
     * URL, or the JSON / JWS text), source_key the assertion or
     * credential id (else a hash of source), so one badge is added once.
     * is_valid and reason are the last check's, made at checked_at. */
    {11, "backpack",
        "CREATE TABLE backpack_badges ("
        " id TEXT PRIMARY KEY,"
        " person_id TEXT NOT NULL REFERENCES people (id),"
        " source TEXT NOT NULL,"
        " source_key TEXT NOT NULL,"
        " version INTEGER NOT NULL,"
        " badge_name TEXT NOT NULL,"
        " issuer_name TEXT NOT NULL,"
        " issuer_url TEXT NOT NULL DEFAULT '',"
        " image_url TEXT NOT NULL DEFAULT '',"
        " issued_on TEXT NOT NULL DEFAULT '',"
        " expires TEXT NOT NULL DEFAULT '',"
        " is_valid INTEGER NOT NULL,"
        " reason TEXT NOT NULL DEFAULT '',"
        " checked_at BIGINT NOT NULL,"
        " created_at BIGINT NOT NULL,"
        " UNIQUE (person_id, source_key));"
        "CREATE INDEX backpack_person ON backpack_badges"
        " (person_id, created_at);",
        NULL, NULL},
};
const size_t nmigrations = NELEM(migrations);

int
migrate_current(struct db *db, int *version)
{
	struct arena *a = arena_new(1 << 20);
	struct db_rows rows;
	char msg[256];
	int rc;

	*version = 0;
	if ((rc = db_script(db, schema_migrations_sql, msg, sizeof(msg))) !=
	    0) {
		log_error("cannot create schema_migrations", "error", msg);
		goto out;
	}
	if ((rc = db_exec(db, Q_MIGRATION_LIST, NULL, 0, a, &rows)) != 0)
		goto out;
	for (size_t r = 0; r < rows.nrows; r++) {
		int64_t v = db_get_int(&rows, r, 0);
		if (v > *version && v < 1000000)
			*version = (int)v;
	}
out:
	arena_free(a);
	return rc;
}

int
migrate_run(struct db *db, int64_t now, int *applied, char *msg, size_t msglen)
{
	int current, rc;

	*applied = 0;
	if (msglen > 0)
		msg[0] = '\0';
	if ((rc = migrate_current(db, &current)) != 0) {
		snprintf(msg, msglen, "cannot read schema_migrations");
		return rc;
	}
	for (size_t i = 0; i < nmigrations; i++) {
		const struct migration *m = &migrations[i];
		const char *extra =
		    db_kind(db) == DB_SQLITE ? m->sqlite : m->pg;
		struct db_param p[3];

		if (m->version <= current)
			continue;
		if ((rc = db_begin(db)) != 0) {
			snprintf(msg, msglen, "cannot begin migration %d",
			    m->version);
			return rc;
		}
		/* Another process may have applied it since we looked. */
		if ((rc = migrate_current(db, &current)) != 0)
			goto fail;
		if (m->version <= current) {
			db_rollback(db);
			continue;
		}
		if ((rc = db_script(db, m->sql, msg, msglen)) != 0)
			goto fail;
		if (extra && (rc = db_script(db, extra, msg, msglen)) != 0)
			goto fail;
		p[0] = DB_INT(m->version);
		p[1] = DB_STR(m->name);
		p[2] = DB_INT(now);
		if ((rc = db_exec(db, Q_MIGRATION_RECORD, p, 3, NULL, NULL)) !=
		    0) {
			snprintf(msg, msglen, "cannot record migration %d",
			    m->version);
			goto fail;
		}
		if ((rc = db_commit(db)) != 0) {
			snprintf(msg, msglen, "cannot commit migration %d",
			    m->version);
			goto fail;
		}
		(*applied)++;
		continue;
	fail:
		db_rollback(db);
		{
			size_t n = strlen(msg);
			snprintf(msg + n, msglen - n, " (migration %d: %s)",
			    m->version, m->name);
		}
		return rc;
	}
	return 0;
}
