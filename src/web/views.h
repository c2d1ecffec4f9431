/*
 * views.h: the typed view structs templates render (the files in templates/).
 *
 * A list field `x` is a pointer with a count `n_x` beside it. Strings are
 * escaped by the template engine; struct html_safe fields come only from
 * the Markdown renderer or from other templates.
 */
#ifndef LAUREL_VIEWS_H
#define LAUREL_VIEWS_H

#include "core/common.h"
#include "web/html.h"

struct view_nav {
	const char *href;
	const char *label;
	bool current;
};

struct view_layout {
	const char *title;
	bool signed_in;
	const char *person_name;
	const char *csrf;
	const char *css_sgds;
	const char *css_laurel;
	const char *js_sgds;
	const char *js_laurel;
	const char *icons;
	struct view_nav *nav;
	size_t n_nav;
	bool noindex;
	struct html_safe head; /* the page's own <head> additions */
	struct html_safe content;
};

struct view_error {
	int status;
	const char *heading;
	const char *message;
};

struct view_badge_card {
	const char *id;
	const char *name;
	const char *summary;
	const char *issuer_name;
	const char *time;
	const char *image_url; /* "" for none */
	long position;         /* place in a series, or 0 */
	bool introductory;
};

struct view_home {
	struct view_badge_card *intro;
	size_t n_intro;
	long nbadges;
};

struct view_field;

struct view_catalogue {
	const char *q;
	struct view_field *filters;
	size_t n_filters;
	bool filtered;
	const char *summary;
	struct view_badge_card *badges;
	size_t n_badges;
	long page;
	long pages;
	bool pages_nav;
	const char *prev_href;
	const char *next_href;
};

struct view_resource {
	const char *title;
	const char *url;
};

struct view_link;

struct view_alignment {
	const char *framework;
	const char *code;
	const char *name;
	const char *url;
};

struct view_prereq {
	const char *id;
	const char *name;
	const char *kind;     /* "required" or "recommended" */
	const char *progress; /* for a signed-in learner, else NULL */
};

struct view_version {
	long version;
	const char *href;
	const char *date;
	const char *note;
	bool current;
};

struct view_badge {
	const char *id;
	const char *name;
	const char *summary;
	struct html_safe description;
	const char *notice;       /* archived, draft or old version */
	const char *current_href; /* with an old version */
	const char *image_url;
	const char *image_alt;
	const char *time;
	const char *licence;
	const char *evidence;
	const char *expiry;
	const char *endorsement;
	const char *holders;
	const char *issuer_id;
	const char *issuer_name;
	const char *series_id;
	const char *series_name;
	long series_position;
	bool introductory;
	const char **criteria;
	size_t n_criteria;
	const char **activities;
	size_t n_activities;
	struct view_resource *resources;
	size_t n_resources;
	struct view_link *tags;
	size_t n_tags;
	struct view_alignment *alignments;
	size_t n_alignments;
	struct view_prereq *prereqs;
	size_t n_prereqs;
	struct view_version *versions;
	size_t n_versions;
	struct view_badge_card *intro;
	size_t n_intro;
	struct html_safe apply;      /* applications (h_apply_badge_box) */
	struct html_safe colleagues; /* h_endorse.c: h_colleagues_box */
};

struct view_series {
	const char *name;
	const char *summary;
	const char *issuer_id;
	const char *issuer_name;
	struct view_badge_card *badges;
	size_t n_badges;
};

struct view_issuer {
	const char *name;
	const char *description;
	const char *url;
	const char *count_text;
	struct view_link *series;
	size_t n_series;
	struct view_badge_card *badges;
	size_t n_badges;
};

struct view_text {
	const char *heading;
	const char **paras;
	size_t n_paras;
};

/* Forms and the generic page (templates/page.html and its partials). */
struct view_option {
	const char *value;
	const char *label;
	bool selected;
};

struct view_field {
	const char *name;
	const char *id; /* "f-" name */
	const char *label;
	const char *type; /* input type: text, email, password, ... */
	const char *value;
	const char *hint;
	const char *error;
	const char *autocomplete;
	const char *describedby; /* ids of hint and error, or NULL */
	bool textarea;
	bool select;
	bool hidden;
	struct view_option *options;
	size_t n_options;
};

struct view_form {
	const char *action;
	const char *csrf;
	const char *submit;
	bool secondary; /* a less prominent button */
	bool inline_;   /* laid out in a table cell */
	bool get;       /* a search or filter: GET, no CSRF token */
	bool honeypot;  /* a hidden "website" field people leave empty */
	struct view_field *fields;
	size_t n_fields;
};

struct view_err {
	const char *href;
	const char *msg;
};

struct view_link {
	const char *href;
	const char *label;
};

struct view_cell {
	const char *text;
	const char *href;
	bool has_form;
	struct view_form form;
};

struct view_row {
	struct view_cell *cells;
	size_t n_cells;
};

struct view_section {
	const char *heading;
	const char **paras;
	size_t n_paras;
	const char **columns;
	size_t n_columns;
	struct view_row *rows;
	size_t n_rows;
	const char *empty; /* shown instead of a table without rows */
	bool has_form;
	struct view_form form;
	struct view_link *links;
	size_t n_links;
};

struct view_page {
	const char *caption;
	const char *heading;
	const char **intro;
	size_t n_intro;
	const char *notice;
	struct view_err *errors;
	size_t n_errors;
	bool has_form;
	struct view_form form;
	struct view_section *sections;
	size_t n_sections;
	struct view_link *links;
	size_t n_links;
};

/* A checkbox of the badge form. */
struct view_check {
	const char *name;
	const char *id;
	const char *value;
	const char *label;
	bool checked;
};

struct view_check_group {
	const char *legend;
	struct view_check *items;
	size_t n_items;
};

struct view_badge_form {
	const char *caption;
	const char *heading;
	const char *notice;
	const char *action;
	const char *csrf;
	const char *submit;
	const char *back_href;
	struct view_err *errors;
	size_t n_errors;
	struct view_field *about;
	size_t n_about;
	const char *image_url;
	const char *image_default;
	const char *image_error;
	struct view_field *design;
	size_t n_design;
	struct view_field *settings;
	size_t n_settings;
	struct view_check *flags;
	size_t n_flags;
	const char *align_error;
	struct view_check_group *groups;
	size_t n_groups;
	struct view_field *tail;
	size_t n_tail;
};

/* ---- applications (h_apply.c; templates application*.html, apply_box.html)
 * ---- */

/* A run of the learner's text, marked when the identity screen found
 * something in it. */
struct view_app_seg {
	const char *text;
	const char *kind; /* screen_kind_code, for the class; "" unmarked */
	bool mark;
	bool high;
};

/* What the identity screen found in one text. */
struct view_app_found {
	const char *label; /* "Your reflective account", "Criterion 2" */
	const char *href;  /* the field to fix */
	struct view_app_seg *segs;
	size_t n_segs;
	const char **notes; /* "Line 3: this looks like a phone number." */
	size_t n_notes;
};

struct view_app_answer {
	const char *name; /* answer_N */
	const char *id;   /* f-answer_N */
	long number;
	const char *criterion;
	const char *value;
	const char *error;
	const char *describedby;
};

struct view_app_attachment {
	const char *href;
	const char *filename;
	const char *kind;
	const char *size;
	bool has_form;
	struct view_form remove; /* the owner's remove button */
};

/* The edit page (templates/application_form.html). */
struct view_app_form {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	const char *status;
	const char *notice;
	const char *conflict; /* the two-tabs message, or NULL */
	struct view_err *errors;
	size_t n_errors;
	const char *action;
	const char *csrf;
	const char *revision;
	const char *account;
	const char *account_error;
	const char *account_describedby;
	const char *words_text; /* "312 words; this badge asks for ..." */
	long min_words;
	const char *alt_url;
	const char *alt_url_error;
	const char *links;
	const char *links_error;
	struct view_app_answer *answers;
	size_t n_answers;
	struct view_app_found *found;
	size_t n_found;
	bool high_found;
	bool attachments_allowed;
	struct view_app_attachment *attachments;
	size_t n_attachments;
	bool can_attach;
	const char *attach_action;
	const char *attach_error;
	const char *attach_hint;
	const char *saved_text;
	const char *view_href;
	const char *submit_href;
	const char *js;
};

struct view_app_comment {
	const char *id; /* anchor */
	const char *author;
	const char *when;
	const char *about; /* "The whole application" or "Criterion 2" */
	const char *body;
	bool resolved;
	bool has_form;
	struct view_form resolve;
};

struct view_app_reviewer {
	const char *who;
	const char *relationship;
	const char *state;
	bool has_form;
	struct view_form remove;
};

struct view_app_mark {
	long number;
	const char *result; /* "Met" / "Not yet" */
	const char *comment;
};

struct view_app_round {
	long round;
	const char *submitted;
	const char *outcome;
	const char *reason;
	const char *feedback;
	const char *decided;
	struct view_app_mark *marks;
	size_t n_marks;
};

struct view_app_text {
	const char *heading;
	struct html_safe html;
	const char *plain; /* shown when there is no html */
};

/* The application page (templates/application.html). */
struct view_application {
	const char *id;
	const char *badge_id;
	const char *badge_name;
	const char *learner;
	const char *status;
	const char *notice;
	const char *explain; /* why it was declined automatically etc. */
	struct view_err *errors;
	size_t n_errors;
	const char *submitted;
	const char *due;
	const char *queue;
	const char *edit_href;
	const char *submit_href;
	struct view_app_text account;
	const char *alt_url;
	const char **links;
	size_t n_links;
	struct view_app_text *answers;
	size_t n_answers;
	struct view_app_attachment *attachments;
	size_t n_attachments;
	bool owner;
	bool reviewers_shown;
	struct view_app_reviewer *reviewers;
	size_t n_reviewers;
	bool has_invite;
	struct view_form invite;
	bool comments_shown;
	struct view_app_comment *comments;
	size_t n_comments;
	bool has_comment_form;
	struct view_form comment;
	struct view_app_round *rounds;
	size_t n_rounds;
	const char *concern;
	const char *concern_raised;
	const char *response;
	bool has_response_form;
	struct view_form respond;
	bool has_withdraw;
	struct view_form withdraw;
};

/* The submit page (templates/application_submit.html). */
struct view_app_submit {
	const char *id;
	const char *badge_name;
	struct view_err *errors;
	size_t n_errors;
	const char *action;
	const char *csrf;
	const char *revision;
	const char *declaration;
	const char *declaration_error;
	const char *policy_version;
	const char **summary;
	size_t n_summary;
	struct view_app_found *found;
	size_t n_found;
	bool high_found;
	const char *edit_href;
};

/* The box on a badge's page (templates/apply_box.html). */
struct view_apply_box {
	bool signed_in;
	bool can_apply;
	const char *action;
	const char *csrf;
	const char *existing_href; /* an open application, or NULL */
	const char *existing_status;
	const char *blocked; /* why a required prerequisite blocks it */
	struct view_link *required;
	size_t n_required;
	struct view_link *suggested; /* recommended, not held */
	size_t n_suggested;
	const char *signin_href;
};
/* ---- end of applications ---- */

/* assessment (h_assess.c) */
struct view_queue_row {
	const char *id;
	long position;
	const char *badge;
	const char *learner;
	const char *round; /* "" or "Resubmitted (round N)" */
	const char *submitted;
	long age_days;
	const char *due;
	bool overdue;
	const char *claimed; /* "Name until date", or "" */
	const char *href;    /* the assessment page */
	bool can_claim;
	struct view_form claim;
	bool can_release;
	struct view_form release;
};

struct view_workload_row {
	const char *name;
	const char *role;
	long claimed;
	long decided_week;
	long decided_total;
};

struct view_reassign_row {
	long position;
	const char *badge;
	const char *learner;
	const char *claimed;
	struct view_form form;
};

struct view_integrity_row {
	const char *href;
	const char *badge;
	const char *learner;
	const char *raised_by;
	const char *raised;
	const char *note;
	const char *response;
};

struct view_assess_queue {
	const char *caption;
	const char *heading;
	const char *notice;
	struct view_err *errors;
	size_t n_errors;
	long waiting;
	long overdue;
	long decided_week;
	long integrity;
	bool can_claim_oldest;
	struct view_form claim_oldest;
	struct view_queue_row *rows;
	size_t n_rows;
	bool admin;
	struct view_workload_row *workload;
	size_t n_workload;
	struct view_reassign_row *reassign;
	size_t n_reassign;
	struct view_integrity_row *concerns;
	size_t n_concerns;
};

struct view_assess_attachment {
	const char *href;
	const char *name;
	const char *size;
};

struct view_assess_mark {
	long position;
	const char *met;
	const char *comment;
};

struct view_assess_round {
	long round;
	const char *submitted;
	const char *outcome;
	const char *reason;
	const char *feedback;
	const char *decided;
	struct view_assess_mark *marks;
	size_t n_marks;
};

struct view_assess_criterion {
	long position;
	const char *text;
	const char *answer;
	const char *name; /* met_N */
	const char *comment_name;
	const char *comment_id;
	const char *comment;
	bool met;
	bool not_met;
	const char *error;
	const char *error_id;
};

struct view_assess {
	const char *caption;
	const char *heading;
	const char *notice;
	struct view_err *errors;
	size_t n_errors;
	const char *learner;
	const char *status;
	const char *submitted;
	const char *due;
	bool overdue;
	long round;
	const char *claimant;
	const char *back_href;
	struct html_safe account;
	const char *alt_url;
	const char **links;
	size_t n_links;
	struct view_assess_attachment *attachments;
	size_t n_attachments;
	struct view_assess_criterion *criteria;
	size_t n_criteria;
	struct view_assess_round *earlier;
	size_t n_earlier;
	struct view_integrity_row *concerns;
	size_t n_concerns;
	bool can_decide;
	const char *action;
	const char *csrf;
	struct view_field *tail; /* outcome, feedback, reason_code */
	size_t n_tail;
	bool can_claim;
	struct view_form claim;
	bool can_release;
	struct view_form release;
	bool can_flag;
	struct view_form flag;
};
/* end of assessment */
/* award pages (h_award.c) */
struct view_award_answer {
	long position;
	const char *criterion;
	const char *answer;
};

struct view_award_file {
	const char *href;
	const char *name;
	const char *size;
};

struct view_award_endorsement {
	const char *name;
	const char *relationship;
	const char *organisation; /* "" if none */
	const char *message;
	const char *date;
	bool verified_manager;
};

struct view_award_fact {
	const char *key;
	const char *value;
	const char *href; /* NULL: plain text */
};

struct view_award {
	const char *notice;
	struct view_err *errors;
	size_t n_errors;
	const char *person_name;
	const char *badge_id;
	const char *badge_name;
	const char *badge_summary;
	const char *image_url;
	const char *image_alt;
	const char **criteria;
	size_t n_criteria;
	const char *version_note; /* an earlier version of the badge */
	struct view_award_fact *facts;
	size_t n_facts;
	const char *status_label;
	bool withdrawn;           /* revoked or suspended */
	bool ended;               /* expired or lapsed */
	const char *status_text;  /* what the status means */
	const char *reason_label; /* why it was revoked or suspended */
	const char *public_note;  /* in the issuer's words */
	const char *private_note; /* the learner and the issuer's staff */
	const char *visibility;   /* for the owner and staff: who finds it */
	bool show_summary;
	const char *summary;
	bool show_evidence;
	const char *evidence_note; /* "Only you and the issuer see this" */
	const char *evidence_none; /* what others see instead */
	struct html_safe account;
	const char *alt_url;
	const char **links;
	size_t n_links;
	struct view_award_answer *answers;
	size_t n_answers;
	struct view_award_file *files;
	size_t n_files;
	struct view_award_endorsement *endorsements;
	size_t n_endorsements;
	const char *endorse_href; /* h_endorse.c's pages, or NULL */
	const char *endorse_label;
	const char *url; /* the page's absolute address */
	const char *award_id;
	const char *issuer_id;
	const char *issuer_name;
	bool can_share;
	const char *linkedin;
	const char *facebook;
	const char *x;
	const char *email;
	const char *embed;
	const char *certificate_href;
	const char *card_href;
	const char *assertion_href;  /* Open Badges 2.0 (h_ob.c) */
	const char *check_href;      /* /verify?url=the assertion */
	const char *baked_href;      /* "" when withdrawn */
	const char *baked_kind;      /* "PNG" or "SVG" */
	const char *credential_href; /* Open Badges 3.0 (h_ob3.c) */
	const char *jwt_href;        /* the same as a VC-JWT */
	const char *baked3_href;     /* "" when withdrawn */
	const char *js;
	bool is_owner;
	struct view_form settings;
	bool is_admin;
	struct view_form status_form;
};

/* The award page's <head> additions: robots, Open Graph, oEmbed. */
struct view_award_head {
	bool noindex;
	const char *title;
	const char *description;
	const char *url;
	const char *image;
	const char *image_alt;
	const char *oembed;
	const char *assertion; /* the Open Badges 2.0 assertion's URL */
};
/* end of award pages */
/* endorsements and profiles (h_endorse.c; templates profile.html,
 * profile_settings.html, colleagues_box.html) */
/* An award on the profile settings page, with its two checkboxes. */
struct view_profile_choice {
	const char *id;
	const char *badge_name;
	const char *detail; /* "Awarded 3 March 2026. Active." */
	const char *show_id;
	const char *share_id;
	bool show;
	bool share;
};

struct view_profile_settings {
	const char *notice;
	struct view_err *errors;
	size_t n_errors;
	const char *action;
	const char *csrf;
	const char *handle;
	const char *handle_error;
	const char *address;      /* the profile's address, before the handle */
	const char *profile_href; /* when on, else NULL */
	bool is_public;
	bool colleagues;
	struct view_profile_choice *awards;
	size_t n_awards;
};

struct view_profile_item {
	const char *href;
	const char *badge_name;
	const char *issuer_name;
	const char *issued;
	const char *state;
};

struct view_profile_group {
	const char *heading;
	struct view_profile_item *items;
	size_t n_items;
};

struct view_ext_badge;

struct view_profile {
	const char *name;
	struct view_profile_group *groups;
	size_t n_groups;
	struct view_ext_badge *elsewhere; /* verified badges from elsewhere */
	size_t n_elsewhere;
};

/* The badge page's "Colleagues who hold this badge" (h_catalogue.c). */
struct view_colleagues_box {
	const char **names;
	size_t n_names;
};
/* end of endorsements and profiles */

#include "web/views_verify.h"

#endif
