/*
 * routes.c: the route table. Every route names its method, pattern,
 * policy and the parameters it accepts; nothing else reaches a handler.
 */
#include "core/common.h"
#include "web/handlers.h"
#include "web/router.h"

/* Parameters several routes share. */
#define EMAIL                                                                  \
	{                                                                      \
		"email", PARAM_TEXT, 320, 0, 0, NULL                           \
	}
#define PASSWORD(n)                                                            \
	{                                                                      \
		n, PARAM_TEXT, 1024, 0, 0, NULL                                \
	}
#define NAME                                                                   \
	{                                                                      \
		"name", PARAM_TEXT, 400, 0, 0, NULL                            \
	}
#define ORG_NAME                                                               \
	{                                                                      \
		"name", PARAM_TEXT, 480, 0, 0, NULL                            \
	}
#define NEXT                                                                   \
	{                                                                      \
		"next", PARAM_TEXT, 300, 0, 0, NULL                            \
	}
#define TOKEN                                                                  \
	{                                                                      \
		"token", PARAM_TEXT, 64, 0, 0, NULL                            \
	}
#define DONE                                                                   \
	{                                                                      \
		"done", PARAM_TEXT, 20, 0, 0, NULL                             \
	}
#define ORG_ROLE                                                               \
	{                                                                      \
		"role", PARAM_ENUM, 20, 0, 0, "staff|manager|org_admin"        \
	}

/* An id that may be left empty ("any"); the handler checks it. */
#define OPT_ID(n)                                                              \
	{                                                                      \
		n, PARAM_TEXT, 22, 0, 0, NULL                                  \
	}

/* The badge form (h_author.c): up to 4 bytes a character. */
#define BADGE_FORM                                                             \
	{                                                                      \
		{"name", PARAM_TEXT, 480, 0, 0, NULL},                         \
		    {"summary", PARAM_TEXT, 1200, 0, 0, NULL},                 \
		    {"description", PARAM_LINES, 80000, 0, 0, NULL},           \
		    {"criteria", PARAM_LINES, 90000, 0, 0, NULL},              \
		    {"activities", PARAM_LINES, 90000, 0, 0, NULL},            \
		    {"resources", PARAM_LINES, 60000, 0, 0, NULL},             \
		    {"minutes", PARAM_TEXT, 10, 0, 0, NULL},                   \
		    {"tags", PARAM_TEXT, 2000, 0, 0, NULL},                    \
		    {"image", PARAM_FILE, 1 << 20, 0, 0, NULL},                \
		    {"image_alt", PARAM_TEXT, 1200, 0, 0, NULL},               \
		    {"colour", PARAM_TEXT, 7, 0, 0, NULL},                     \
		    {"generate", PARAM_ENUM, 3, 0, 0, "|yes"},                 \
		    {"licence", PARAM_TEXT, 400, 0, 0, NULL},                  \
		    {"min_words", PARAM_TEXT, 10, 0, 0, NULL},                 \
		    {"expiry_months", PARAM_TEXT, 10, 0, 0, NULL},             \
		    {"endorsement_months", PARAM_TEXT, 10, 0, 0, NULL},        \
		    OPT_ID("series"),                                          \
		    {"series_position", PARAM_TEXT, 10, 0, 0, NULL},           \
		    {"attachments", PARAM_ENUM, 3, 0, 0, "|yes"},              \
		    {"introductory", PARAM_ENUM, 3, 0, 0, "|yes"},             \
		    {"alignment", PARAM_IDS, 22, 0, 0, NULL},                  \
		    {"change_note", PARAM_TEXT, 2000, 0, 0, NULL},             \
	}

/* The draft form (h_apply.c): an answer per criterion (BADGE_LIST_MAX),
 * each longer than the domain allows so a long one gets a message. */
#define APP_ANSWER(n)                                                          \
	{                                                                      \
		"answer_" #n, PARAM_LINES, 160000, 0, 0, NULL                  \
	}
#define APP_DRAFT_FORM                                                         \
	{                                                                      \
		{"revision", PARAM_TEXT, 20, 0, 0, NULL},                      \
		    {"account", PARAM_LINES, 800000, 0, 0, NULL},              \
		    {"alt_url", PARAM_TEXT, 8000, 0, 0, NULL},                 \
		    {"links", PARAM_LINES, 60000, 0, 0, NULL}, APP_ANSWER(1),  \
		    APP_ANSWER(2), APP_ANSWER(3), APP_ANSWER(4),               \
		    APP_ANSWER(5), APP_ANSWER(6), APP_ANSWER(7),               \
		    APP_ANSWER(8), APP_ANSWER(9), APP_ANSWER(10),              \
		    APP_ANSWER(11), APP_ANSWER(12), APP_ANSWER(13),            \
		    APP_ANSWER(14), APP_ANSWER(15), APP_ANSWER(16),            \
		    APP_ANSWER(17), APP_ANSWER(18), APP_ANSWER(19),            \
		    APP_ANSWER(20),                                            \
	}

/* A criterion's judgement in the assessor's decision (h_assess.c). */
#define ASSESS_MARK(n)                                                         \
	{"met_" #n, PARAM_ENUM, 3, 0, 0, "|yes|no"},                           \
	{                                                                      \
		"comment_" #n, PARAM_LINES, 32000, 0, 0, NULL                  \
	}

const struct route routes[] = {
    {HTTP_GET, "/healthz", POLICY_PUBLIC, h_health, {{0}}},
    {HTTP_GET, "/", POLICY_PUBLIC, h_home, {{0}}},
    {HTTP_GET, "/badges", POLICY_PUBLIC, h_badges,
        {{"page", PARAM_INT, 6, 1, 100000, NULL},
            {"q", PARAM_TEXT, 200, 0, 0, NULL}, OPT_ID("issuer"),
            OPT_ID("framework"), OPT_ID("series"),
            {"tag", PARAM_TEXT, 40, 0, 0, NULL},
            {"time", PARAM_ENUM, 10, 0, 0, "|short|medium|long"},
            {"sort", PARAM_ENUM, 12, 0, 0,
                "|recommended|name|newest|shortest"}}},
    {HTTP_GET, "/badges/{id}", POLICY_PUBLIC, h_badge,
        {{"version", PARAM_INT, 6, 1, 100000, NULL}}},
    {HTTP_GET, "/series/{id}", POLICY_PUBLIC, h_series, {{0}}},
    {HTTP_GET, "/issuers/{id}", POLICY_PUBLIC, h_issuer, {{0}}},
    {HTTP_GET, "/images/{path}", POLICY_PUBLIC, h_image, {{0}}},
    {HTTP_GET, "/accessibility", POLICY_PUBLIC, h_page_accessibility, {{0}}},
    {HTTP_GET, "/privacy", POLICY_PUBLIC, h_page_privacy, {{0}}},
    {HTTP_GET, "/static/{path}", POLICY_PUBLIC, h_static, {{0}}},
    {HTTP_GET, "/assets/{path}", POLICY_PUBLIC, h_asset, {{0}}},

    /* badge authoring (issuer admins) */
    {HTTP_GET, "/issuers/{id}/badges", POLICY_ISSUER_ADMIN, h_author_list,
        {DONE}},
    {HTTP_GET, "/issuers/{id}/badges/new", POLICY_ISSUER_ADMIN, h_author_new,
        {{0}}},
    {HTTP_POST, "/issuers/{id}/badges/new", POLICY_ISSUER_ADMIN,
        h_author_create, BADGE_FORM},
    {HTTP_GET, "/issuers/{id}/badges/{id}", POLICY_ISSUER_ADMIN, h_author_badge,
        {DONE}},
    {HTTP_GET, "/issuers/{id}/badges/{id}/edit", POLICY_ISSUER_ADMIN,
        h_author_edit, {{0}}},
    {HTTP_POST, "/issuers/{id}/badges/{id}/edit", POLICY_ISSUER_ADMIN,
        h_author_save, BADGE_FORM},
    {HTTP_POST, "/issuers/{id}/badges/{id}/status", POLICY_ISSUER_ADMIN,
        h_author_status,
        {{"status", PARAM_ENUM, 10, 0, 0, "published|archived"}}},
    {HTTP_POST, "/issuers/{id}/badges/{id}/prerequisites", POLICY_ISSUER_ADMIN,
        h_author_prereq_add,
        {{"prereq", PARAM_ID, 22, 0, 0, NULL},
            {"kind", PARAM_ENUM, 12, 0, 0, "required|recommended"}}},
    {HTTP_POST, "/issuers/{id}/badges/{id}/prerequisites/{id}/remove",
        POLICY_ISSUER_ADMIN, h_author_prereq_remove, {{0}}},
    {HTTP_POST, "/issuers/{id}/series", POLICY_ISSUER_ADMIN, h_author_series,
        {{"series_name", PARAM_TEXT, 480, 0, 0, NULL},
            {"series_summary", PARAM_TEXT, 1200, 0, 0, NULL}}},
    {HTTP_POST, "/issuers/{id}/frameworks", POLICY_ISSUER_ADMIN,
        h_author_target,
        {{"framework", PARAM_TEXT, 800, 0, 0, NULL},
            {"code", PARAM_TEXT, 80, 0, 0, NULL},
            {"target_name", PARAM_TEXT, 1200, 0, 0, NULL},
            {"url", PARAM_TEXT, 2000, 0, 0, NULL}}},
    {HTTP_POST, "/issuers/{id}/verification", POLICY_ISSUER_ADMIN,
        h_author_verification,
        {{"verification", PARAM_ENUM, 10, 0, 0, "hosted|signed"}}},
    {HTTP_POST, "/issuers/{id}/keys/rotate", POLICY_ISSUER_ADMIN,
        h_author_key_rotate, {{0}}},

    /* accounts */
    {HTTP_GET, "/signin", POLICY_PUBLIC, h_signin_form, {NEXT, DONE}},
    {HTTP_POST, "/signin", POLICY_PUBLIC, h_signin,
        {EMAIL, PASSWORD("password"), NEXT}},
    {HTTP_POST, "/signout", POLICY_SIGNED_IN, h_signout, {{0}}},
    {HTTP_GET, "/register", POLICY_PUBLIC, h_register_form, {NEXT}},
    {HTTP_POST, "/register", POLICY_PUBLIC, h_register,
        {NAME, EMAIL, PASSWORD("password"), NEXT}},
    {HTTP_GET, "/account/verify", POLICY_PUBLIC, h_verify_form, {TOKEN}},
    {HTTP_POST, "/account/verify", POLICY_PUBLIC, h_verify, {TOKEN}},
    {HTTP_GET, "/account/reset", POLICY_PUBLIC, h_reset_form, {{0}}},
    {HTTP_POST, "/account/reset", POLICY_PUBLIC, h_reset, {EMAIL}},
    {HTTP_GET, "/account/reset/new", POLICY_PUBLIC, h_reset_new_form, {TOKEN}},
    {HTTP_POST, "/account/reset/new", POLICY_PUBLIC, h_reset_new,
        {TOKEN, PASSWORD("password")}},
    {HTTP_GET, "/account", POLICY_SIGNED_IN, h_account, {DONE}},
    {HTTP_POST, "/account/name", POLICY_SIGNED_IN, h_account_name, {NAME}},
    {HTTP_POST, "/account/emails", POLICY_SIGNED_IN, h_account_email_add,
        {EMAIL}},
    {HTTP_POST, "/account/emails/{id}/primary", POLICY_SIGNED_IN,
        h_account_email_primary, {{0}}},
    {HTTP_POST, "/account/emails/{id}/remove", POLICY_SIGNED_IN,
        h_account_email_remove, {{0}}},
    {HTTP_POST, "/account/sessions/end-others", POLICY_SIGNED_IN,
        h_account_sessions_end, {{0}}},
    {HTTP_GET, "/account/password", POLICY_SIGNED_IN, h_password_form, {{0}}},
    {HTTP_POST, "/account/password", POLICY_SIGNED_IN, h_password,
        {PASSWORD("current"), PASSWORD("password")}},
    {HTTP_GET, "/account/export", POLICY_SIGNED_IN, h_account_export, {{0}}},
    {HTTP_GET, "/account/delete", POLICY_SIGNED_IN, h_delete_form, {{0}}},
    {HTTP_POST, "/account/delete", POLICY_SIGNED_IN, h_delete,
        {PASSWORD("password")}},
    {HTTP_GET, "/account/merge", POLICY_SIGNED_IN, h_merge_form, {{0}}},
    {HTTP_POST, "/account/merge", POLICY_SIGNED_IN, h_merge,
        {EMAIL, PASSWORD("password")}},

    /* organisations and issuers */
    {HTTP_GET, "/organisations/new", POLICY_SIGNED_IN, h_org_new, {{0}}},
    {HTTP_POST, "/organisations", POLICY_SIGNED_IN, h_org_create,
        {ORG_NAME, {"description", PARAM_LINES, 8000, 0, 0, NULL}}},
    {HTTP_GET, "/organisations/{id}", POLICY_ORG_MEMBER, h_org, {DONE}},
    {HTTP_POST, "/organisations/{id}/invitations", POLICY_ORG_ADMIN,
        h_org_invite, {EMAIL, ORG_ROLE}},
    {HTTP_POST, "/organisations/{id}/invitations/{id}/cancel", POLICY_ORG_ADMIN,
        h_org_invite_cancel, {{0}}},
    {HTTP_POST, "/organisations/{id}/members/{id}/role", POLICY_ORG_ADMIN,
        h_org_member_role, {ORG_ROLE}},
    {HTTP_POST, "/organisations/{id}/members/{id}/line-manager",
        POLICY_ORG_ADMIN, h_org_member_lm,
        {{"line_manager", PARAM_TEXT, 22, 0, 0, NULL}}},
    {HTTP_POST, "/organisations/{id}/members/{id}/remove", POLICY_ORG_ADMIN,
        h_org_member_remove, {{0}}},
    {HTTP_POST, "/organisations/{id}/leave", POLICY_ORG_MEMBER, h_org_leave,
        {{0}}},
    {HTTP_POST, "/organisations/{id}/issuer", POLICY_ORG_ADMIN, h_org_issuer,
        {{0}}},
    {HTTP_GET, "/invitations/accept", POLICY_PUBLIC, h_invite_view, {TOKEN}},
    {HTTP_POST, "/invitations/accept", POLICY_SIGNED_IN, h_invite_accept,
        {TOKEN}},
    {HTTP_GET, "/issuers/{id}/staff", POLICY_ISSUER_STAFF, h_issuer_staff,
        {DONE}},
    {HTTP_POST, "/issuers/{id}/staff", POLICY_ISSUER_ADMIN, h_issuer_grant,
        {EMAIL, {"role", PARAM_ENUM, 20, 0, 0, "assessor|issuer_admin"}}},
    {HTTP_POST, "/issuers/{id}/staff/{id}/revoke", POLICY_ISSUER_ADMIN,
        h_issuer_revoke, {{0}}},

    /* platform administration */
    {HTTP_GET, "/admin", POLICY_PLATFORM_ADMIN, h_admin, {DONE}},
    {HTTP_POST, "/admin/organisations/{id}/approve", POLICY_PLATFORM_ADMIN,
        h_admin_org_approve, {{0}}},
    {HTTP_POST, "/admin/organisations/{id}/reject", POLICY_PLATFORM_ADMIN,
        h_admin_org_reject, {{0}}},
    {HTTP_GET, "/admin/audit", POLICY_PLATFORM_ADMIN, h_admin_audit,
        {{"actor", PARAM_TEXT, 40, 0, 0, NULL},
            {"action", PARAM_TEXT, 60, 0, 0, NULL},
            {"from", PARAM_TEXT, 30, 0, 0, NULL},
            {"to", PARAM_TEXT, 30, 0, 0, NULL},
            {"page", PARAM_INT, 6, 1, 100000, NULL}}},
    {HTTP_GET, "/admin/outbox", POLICY_PLATFORM_ADMIN, h_admin_outbox, {{0}}},

    /* badge ideas: texts may be longer than the domain allows (idea.h),
     * so that a long text gets a message beside its field rather than
     * an error page. */
    {HTTP_GET, "/ideas", POLICY_PUBLIC, h_ideas,
        {{"status", PARAM_ENUM, 20, 0, 0, "|new|considering|accepted|declined"},
            {"sort", PARAM_ENUM, 20, 0, 0, "|newest|supported"},
            {"page", PARAM_INT, 6, 1, 100000, NULL}}},
    {HTTP_GET, "/ideas/new", POLICY_PUBLIC, h_idea_new, {{0}}},
    {HTTP_POST, "/ideas", POLICY_PUBLIC, h_idea_create,
        {{"title", PARAM_TEXT, 4000, 0, 0, NULL},
            {"recognise", PARAM_LINES, 32000, 0, 0, NULL},
            {"why", PARAM_LINES, 32000, 0, 0, NULL},
            {"role", PARAM_ENUM, 20, 0, 0,
                "|worker|employer|uses_services|carer|other"},
            {"name", PARAM_TEXT, 1000, 0, 0, NULL}, EMAIL,
            {"website", PARAM_TEXT, 1000, 0, 0, NULL},
            {"form_token", PARAM_TEXT, 80, 0, 0, NULL}}},
    {HTTP_GET, "/ideas/{id}", POLICY_PUBLIC, h_idea, {DONE}},
    {HTTP_POST, "/ideas/{id}/support", POLICY_SIGNED_IN, h_idea_support, {{0}}},
    {HTTP_POST, "/ideas/{id}/unsupport", POLICY_SIGNED_IN, h_idea_unsupport,
        {{0}}},
    {HTTP_GET, "/issuers/{id}/ideas", POLICY_ISSUER_ADMIN, h_issuer_ideas,
        {{"show", PARAM_ENUM, 20, 0, 0, "|new|considering|accepted|declined"},
            {"page", PARAM_INT, 6, 1, 100000, NULL}, DONE}},
    {HTTP_POST, "/issuers/{id}/ideas/{id}", POLICY_ISSUER_ADMIN,
        h_issuer_idea_triage,
        {{"status", PARAM_ENUM, 20, 0, 0, "new|considering|accepted|declined"},
            {"response", PARAM_LINES, 32000, 0, 0, NULL},
            {"badge", PARAM_TEXT, 64, 0, 0, NULL},
            {"show", PARAM_ENUM, 20, 0, 0,
                "|new|considering|accepted|declined"},
            {"page", PARAM_INT, 6, 1, 100000, NULL}}},
    /* applications (h_apply.c): the domain decides who may see and do
     * what; the draft save is public so that what a person typed when
     * their session ended can be kept (h_apply_save, web_csrf_ok). */
    {HTTP_POST, "/badges/{id}/apply", POLICY_SIGNED_IN, h_apply_start, {{0}}},
    {HTTP_GET, "/applications/{id}", POLICY_SIGNED_IN, h_apply_view, {DONE}},
    {HTTP_GET, "/applications/{id}/edit", POLICY_SIGNED_IN, h_apply_edit,
        {{"restore", PARAM_TEXT, 64, 0, 0, NULL}, DONE}},
    {HTTP_POST, "/applications/{id}/save", POLICY_PUBLIC, h_apply_save,
        APP_DRAFT_FORM},
    {HTTP_POST, "/applications/{id}/attachments", POLICY_SIGNED_IN,
        h_apply_attach, {{"file", PARAM_FILE, 3 * 1024 * 1024, 0, 0, NULL}}},
    {HTTP_GET, "/applications/{id}/attachments/{id}", POLICY_SIGNED_IN,
        h_apply_attachment, {{0}}},
    {HTTP_POST, "/applications/{id}/attachments/{id}/remove", POLICY_SIGNED_IN,
        h_apply_detach, {{0}}},
    {HTTP_POST, "/applications/{id}/reviewers", POLICY_SIGNED_IN,
        h_apply_invite,
        {EMAIL,
            {"relationship", PARAM_ENUM, 20, 0, 0,
                "|manager|supervisor|mentor|colleague|other"}}},
    {HTTP_POST, "/applications/{id}/reviewers/{id}/remove", POLICY_SIGNED_IN,
        h_apply_reviewer_remove, {{0}}},
    {HTTP_POST, "/applications/{id}/comments", POLICY_SIGNED_IN,
        h_apply_comment,
        {{"criterion", PARAM_TEXT, 4, 0, 0, NULL},
            {"body", PARAM_LINES, 32000, 0, 0, NULL}}},
    {HTTP_POST, "/applications/{id}/comments/{id}/resolve", POLICY_SIGNED_IN,
        h_apply_comment_resolve, {{0}}},
    {HTTP_GET, "/applications/{id}/submit", POLICY_SIGNED_IN,
        h_apply_submit_form, {{0}}},
    {HTTP_POST, "/applications/{id}/submit", POLICY_SIGNED_IN, h_apply_submit,
        {{"revision", PARAM_TEXT, 20, 0, 0, NULL},
            {"declaration", PARAM_ENUM, 3, 0, 0, "|yes"}}},
    {HTTP_POST, "/applications/{id}/withdraw", POLICY_SIGNED_IN,
        h_apply_withdraw, {{0}}},
    {HTTP_POST, "/applications/{id}/response", POLICY_SIGNED_IN,
        h_apply_respond, {{"response", PARAM_LINES, 32000, 0, 0, NULL}}},
    {HTTP_GET, "/reviews/{path}", POLICY_PUBLIC, h_review_view, {{0}}},
    {HTTP_POST, "/reviews/{path}", POLICY_SIGNED_IN, h_review_accept, {{0}}},
    {HTTP_GET, "/policy/evidence", POLICY_PUBLIC, h_policy_evidence, {{0}}},
    /* end of applications */
    /* assessment (h_assess.c) */
    {HTTP_GET, "/issuers/{id}/queue", POLICY_ISSUER_STAFF, h_assess_queue,
        {DONE}},
    {HTTP_POST, "/issuers/{id}/queue/claim", POLICY_ISSUER_STAFF,
        h_assess_claim_oldest, {{0}}},
    {HTTP_POST, "/issuers/{id}/queue/{id}/claim", POLICY_ISSUER_STAFF,
        h_assess_claim, {{"reason", PARAM_TEXT, 8000, 0, 0, NULL}}},
    {HTTP_POST, "/issuers/{id}/queue/{id}/release", POLICY_ISSUER_STAFF,
        h_assess_release, {{0}}},
    {HTTP_POST, "/issuers/{id}/queue/{id}/reassign", POLICY_ISSUER_ADMIN,
        h_assess_reassign,
        {OPT_ID("to"), {"reason", PARAM_TEXT, 8000, 0, 0, NULL}}},
    {HTTP_GET, "/issuers/{id}/assess/{id}", POLICY_ISSUER_STAFF, h_assess_page,
        {DONE}},
    /* The decision: met_N and comment_N for each criterion (up to
     * BADGE_LIST_MAX); the round guards against a stale form. */
    {HTTP_POST, "/issuers/{id}/assess/{id}", POLICY_ISSUER_STAFF,
        h_assess_decide,
        {{"round", PARAM_INT, 6, 1, 100000, NULL},
            {"outcome", PARAM_ENUM, 10, 0, 0, "|award|return|decline"},
            {"feedback", PARAM_LINES, 32000, 0, 0, NULL},
            {"reason_code", PARAM_TEXT, 40, 0, 0, NULL}, ASSESS_MARK(1),
            ASSESS_MARK(2), ASSESS_MARK(3), ASSESS_MARK(4), ASSESS_MARK(5),
            ASSESS_MARK(6), ASSESS_MARK(7), ASSESS_MARK(8), ASSESS_MARK(9),
            ASSESS_MARK(10), ASSESS_MARK(11), ASSESS_MARK(12), ASSESS_MARK(13),
            ASSESS_MARK(14), ASSESS_MARK(15), ASSESS_MARK(16), ASSESS_MARK(17),
            ASSESS_MARK(18), ASSESS_MARK(19), ASSESS_MARK(20)}},
    {HTTP_POST, "/issuers/{id}/assess/{id}/integrity", POLICY_ISSUER_STAFF,
        h_assess_flag,
        {{"round", PARAM_INT, 6, 1, 100000, NULL},
            {"note", PARAM_LINES, 32000, 0, 0, NULL}}},
    {HTTP_GET, "/issuers/{id}/integrity/{id}", POLICY_ISSUER_ADMIN,
        h_assess_integrity, {{0}}},
    {HTTP_POST, "/issuers/{id}/integrity/{id}", POLICY_ISSUER_ADMIN,
        h_assess_integrity_decide,
        {{"outcome", PARAM_ENUM, 10, 0, 0, "|cleared|returned|declined"},
            {"reason_code", PARAM_ENUM, 30, 0, 0,
                "|no-concern|ai-generated-evidence|copied-evidence|other"},
            {"note", PARAM_LINES, 32000, 0, 0, NULL}}},
    /* end of assessment */
    /* award pages (h_award.c): public, the domain decides what each
     * viewer sees (a private page is 404 to others); the forms need a
     * session and the domain checks owner or issuer admin. Texts may be
     * longer than the domain allows, so a long one gets a message. */
    {HTTP_GET, "/awards/{id}", POLICY_PUBLIC, h_award,
        {{"done", PARAM_ENUM, 10, 0, 0, "|settings|status"}}},
    {HTTP_POST, "/awards/{id}/settings", POLICY_SIGNED_IN, h_award_settings,
        {{"page", PARAM_ENUM, 10, 0, 0, "|unlisted|public|private"},
            {"evidence", PARAM_ENUM, 10, 0, 0, "|none|summary|all"},
            {"summary", PARAM_LINES, 16000, 0, 0, NULL},
            {"attachments", PARAM_ENUM, 3, 0, 0, "|no|yes"}}},
    {HTTP_POST, "/awards/{id}/status", POLICY_SIGNED_IN, h_award_status,
        {{"action", PARAM_ENUM, 10, 0, 0, "|revoke|suspend|reinstate"},
            {"reason", PARAM_TEXT, 40, 0, 0, NULL},
            {"public_note", PARAM_LINES, 16000, 0, 0, NULL},
            {"private_note", PARAM_LINES, 16000, 0, 0, NULL}}},
    {HTTP_GET, "/awards/{id}/card.png", POLICY_PUBLIC, h_award_card, {{0}}},
    {HTTP_GET, "/awards/{id}/certificate.pdf", POLICY_PUBLIC,
        h_award_certificate, {{0}}},
    {HTTP_GET, "/awards/{id}/attachments/{id}", POLICY_PUBLIC,
        h_award_attachment, {{0}}},
    {HTTP_GET, "/oembed", POLICY_PUBLIC, h_oembed,
        {{"url", PARAM_TEXT, 2000, 0, 0, NULL},
            {"format", PARAM_TEXT, 10, 0, 0, NULL},
            {"maxwidth", PARAM_INT, 6, 1, 100000, NULL},
            {"maxheight", PARAM_INT, 6, 1, 100000, NULL}}},
    /* end of award pages */
    /* endorsements and profiles (h_endorse.c) */
    /* Texts may be longer than the domain allows (endorse.h), so that a
     * long one gets a message beside its field. */
    {HTTP_GET, "/awards/{id}/endorse", POLICY_PUBLIC, h_endorse_form,
        {{"request", PARAM_TEXT, 64, 0, 0, NULL}, DONE}},
    {HTTP_POST, "/awards/{id}/endorse", POLICY_PUBLIC, h_endorse_submit,
        {{"name", PARAM_TEXT, 1000, 0, 0, NULL}, EMAIL,
            {"relationship", PARAM_ENUM, 20, 0, 0,
                "|manager|colleague|tutor|uses_services|other"},
            {"organisation", PARAM_TEXT, 1000, 0, 0, NULL},
            {"message", PARAM_LINES, 16000, 0, 0, NULL},
            {"website", PARAM_TEXT, 1000, 0, 0, NULL},
            {"form_token", PARAM_TEXT, 80, 0, 0, NULL},
            {"request", PARAM_TEXT, 64, 0, 0, NULL}}},
    {HTTP_GET, "/endorsements/confirm", POLICY_PUBLIC, h_endorse_confirm_view,
        {TOKEN}},
    {HTTP_POST, "/endorsements/confirm", POLICY_PUBLIC, h_endorse_confirm,
        {TOKEN}},
    {HTTP_GET, "/awards/{id}/endorsements", POLICY_SIGNED_IN,
        h_award_endorsements, {DONE}},
    {HTTP_POST, "/awards/{id}/endorsements/{id}/publish", POLICY_SIGNED_IN,
        h_endorse_publish, {{0}}},
    {HTTP_POST, "/awards/{id}/endorsements/{id}/hide", POLICY_SIGNED_IN,
        h_endorse_hide, {{0}}},
    {HTTP_POST, "/awards/{id}/endorsement-requests", POLICY_SIGNED_IN,
        h_endorse_request, {NAME, EMAIL}},
    {HTTP_GET, "/account/profile", POLICY_SIGNED_IN, h_profile_settings,
        {DONE}},
    {HTTP_POST, "/account/profile", POLICY_SIGNED_IN, h_profile_save,
        {{"handle", PARAM_TEXT, 200, 0, 0, NULL},
            {"public", PARAM_ENUM, 3, 0, 0, "|yes"},
            {"colleagues", PARAM_ENUM, 3, 0, 0, "|yes"},
            {"show", PARAM_IDS, 22, 0, 0, NULL},
            {"share", PARAM_IDS, 22, 0, 0, NULL}}},
    {HTTP_GET, "/people/{slug}", POLICY_PUBLIC, h_person_profile, {{0}}},
    {HTTP_GET, "/organisations/{id}/awards", POLICY_ORG_MEMBER, h_org_awards,
        {{0}}},
    /* end of endorsements and profiles */
    /* dashboard (h_dashboard.c) */
    {HTTP_GET, "/dashboard", POLICY_SIGNED_IN, h_dashboard, {{0}}},
    /* end of dashboard */
    /* Open Badges 2.0 (h_ob.c): public documents and baked badges */
    {HTTP_GET, "/ob/v2/issuers/{id}", POLICY_PUBLIC, h_ob_issuer, {{0}}},
    {HTTP_GET, "/ob/v2/badges/{id}", POLICY_PUBLIC, h_ob_badge, {{0}}},
    {HTTP_GET, "/ob/v2/badges/{id}/versions/{int}", POLICY_PUBLIC,
        h_ob_badge_version, {{0}}},
    {HTTP_GET, "/ob/v2/badges/{id}/versions/{int}/image.png", POLICY_PUBLIC,
        h_ob_badge_image, {{0}}},
    {HTTP_GET, "/ob/v2/assertions/{id}", POLICY_PUBLIC, h_ob_assertion, {{0}}},
    {HTTP_GET, "/ob/v2/keys/{id}", POLICY_PUBLIC, h_ob_key, {{0}}},
    {HTTP_GET, "/ob/v2/revocations/{id}", POLICY_PUBLIC, h_ob_revocations,
        {{0}}},
    {HTTP_GET, "/awards/{id}/badge.png", POLICY_PUBLIC, h_award_badge_png,
        {{"format", PARAM_ENUM, 3, 0, 0, "|ob2|ob3"}}},
    {HTTP_GET, "/awards/{id}/badge.svg", POLICY_PUBLIC, h_award_badge_svg,
        {{"format", PARAM_ENUM, 3, 0, 0, "|ob2|ob3"}}},
    /* end of Open Badges 2.0 */
    /* Open Badges 3.0 (h_ob3.c) */
    {HTTP_GET, "/ob/v3/achievements/{id}/versions/{int}", POLICY_PUBLIC,
        h_ob3_achievement, {{0}}},
    {HTTP_GET, "/ob/v3/issuers/{id}", POLICY_PUBLIC, h_ob3_issuer, {{0}}},
    {HTTP_GET, "/ob/v3/credentials/{id}", POLICY_PUBLIC, h_ob3_credential,
        {{0}}},
    {HTTP_GET, "/ob/v3/credentials/{id}.jwt", POLICY_PUBLIC, h_ob3_jwt, {{0}}},
    {HTTP_GET, "/ob/v3/status/{id}/{slug}", POLICY_PUBLIC, h_ob3_status, {{0}}},
    /* end of Open Badges 3.0 */
    /* verify and backpack (h_verify.c) */
    {HTTP_GET, "/verify", POLICY_PUBLIC, h_badgecheck_form,
        {{"url", PARAM_TEXT, 2000, 0, 0, NULL}}},
    {HTTP_POST, "/verify", POLICY_PUBLIC, h_badgecheck_post,
        {{"file", PARAM_FILE, 4 << 20, 0, 0, NULL},
            {"url", PARAM_TEXT, 2000, 0, 0, NULL},
            {"text", PARAM_LINES, 1 << 20, 0, 0, NULL},
            {"email", PARAM_TEXT, 254, 0, 0, NULL}}},
    {HTTP_POST, "/api/verify", POLICY_PUBLIC_API, h_api_badgecheck,
        {{"file", PARAM_FILE, 4 << 20, 0, 0, NULL},
            {"url", PARAM_TEXT, 2000, 0, 0, NULL},
            {"text", PARAM_LINES, 1 << 20, 0, 0, NULL},
            {"email", PARAM_TEXT, 254, 0, 0, NULL}}},
    {HTTP_GET, "/backpack", POLICY_SIGNED_IN, h_backpack,
        {{"done", PARAM_ENUM, 8, 0, 0, "added|removed"}}},
    {HTTP_POST, "/backpack", POLICY_SIGNED_IN, h_backpack_add,
        {{"source", PARAM_LINES, 256 << 10, 0, 0, NULL}}},
    {HTTP_POST, "/backpack/{id}/remove", POLICY_SIGNED_IN, h_backpack_remove,
        {{0}}},
    /* end of verify and backpack */
};
const size_t nroutes = NELEM(routes);
