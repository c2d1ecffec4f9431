/*
 * handlers.h: the request handlers the route table names.
 */
#ifndef LAUREL_HANDLERS_H
#define LAUREL_HANDLERS_H

#include "web/http.h"

int h_health(struct req *r, struct resp *rs);
int h_static(struct req *r, struct resp *rs);
int h_asset(struct req *r, struct resp *rs);
int h_home(struct req *r, struct resp *rs);
int h_badges(struct req *r, struct resp *rs);
int h_badge(struct req *r, struct resp *rs);
int h_series(struct req *r, struct resp *rs);
int h_issuer(struct req *r, struct resp *rs);
int h_image(struct req *r, struct resp *rs);
int h_author_list(struct req *r, struct resp *rs);
int h_author_new(struct req *r, struct resp *rs);
int h_author_create(struct req *r, struct resp *rs);
int h_author_edit(struct req *r, struct resp *rs);
int h_author_badge(struct req *r, struct resp *rs);
int h_author_save(struct req *r, struct resp *rs);
int h_author_status(struct req *r, struct resp *rs);
int h_author_prereq_add(struct req *r, struct resp *rs);
int h_author_prereq_remove(struct req *r, struct resp *rs);
int h_author_series(struct req *r, struct resp *rs);
int h_author_target(struct req *r, struct resp *rs);
int h_author_verification(struct req *r, struct resp *rs);
int h_author_key_rotate(struct req *r, struct resp *rs);
int h_page_accessibility(struct req *r, struct resp *rs);
int h_page_privacy(struct req *r, struct resp *rs);
int h_signin_form(struct req *r, struct resp *rs);
int h_signin(struct req *r, struct resp *rs);
int h_signout(struct req *r, struct resp *rs);
int h_register_form(struct req *r, struct resp *rs);
int h_register(struct req *r, struct resp *rs);
int h_verify_form(struct req *r, struct resp *rs);
int h_verify(struct req *r, struct resp *rs);
int h_reset_form(struct req *r, struct resp *rs);
int h_reset(struct req *r, struct resp *rs);
int h_reset_new_form(struct req *r, struct resp *rs);
int h_reset_new(struct req *r, struct resp *rs);
int h_account(struct req *r, struct resp *rs);
int h_account_name(struct req *r, struct resp *rs);
int h_account_email_add(struct req *r, struct resp *rs);
int h_account_email_primary(struct req *r, struct resp *rs);
int h_account_email_remove(struct req *r, struct resp *rs);
int h_account_sessions_end(struct req *r, struct resp *rs);
int h_password_form(struct req *r, struct resp *rs);
int h_password(struct req *r, struct resp *rs);
int h_account_export(struct req *r, struct resp *rs);
int h_delete_form(struct req *r, struct resp *rs);
int h_delete(struct req *r, struct resp *rs);
int h_merge_form(struct req *r, struct resp *rs);
int h_merge(struct req *r, struct resp *rs);
int h_org_new(struct req *r, struct resp *rs);
int h_org_create(struct req *r, struct resp *rs);
int h_org(struct req *r, struct resp *rs);
int h_org_invite(struct req *r, struct resp *rs);
int h_org_invite_cancel(struct req *r, struct resp *rs);
int h_org_member_role(struct req *r, struct resp *rs);
int h_org_member_lm(struct req *r, struct resp *rs);
int h_org_member_remove(struct req *r, struct resp *rs);
int h_org_leave(struct req *r, struct resp *rs);
int h_org_issuer(struct req *r, struct resp *rs);
int h_invite_view(struct req *r, struct resp *rs);
int h_invite_accept(struct req *r, struct resp *rs);
int h_issuer_staff(struct req *r, struct resp *rs);
int h_issuer_grant(struct req *r, struct resp *rs);
int h_issuer_revoke(struct req *r, struct resp *rs);
int h_admin(struct req *r, struct resp *rs);
int h_admin_org_approve(struct req *r, struct resp *rs);
int h_admin_org_reject(struct req *r, struct resp *rs);
int h_admin_audit(struct req *r, struct resp *rs);
int h_admin_outbox(struct req *r, struct resp *rs);
/* badge ideas (h_ideas.c) */
int h_ideas(struct req *r, struct resp *rs);
int h_idea_new(struct req *r, struct resp *rs);
int h_idea_create(struct req *r, struct resp *rs);
int h_idea(struct req *r, struct resp *rs);
int h_idea_support(struct req *r, struct resp *rs);
int h_idea_unsupport(struct req *r, struct resp *rs);
int h_issuer_ideas(struct req *r, struct resp *rs);
int h_issuer_idea_triage(struct req *r, struct resp *rs);
/* applications (h_apply.c) */
struct badge_detail;
struct html_safe;
int h_apply_start(struct req *r, struct resp *rs);
int h_apply_view(struct req *r, struct resp *rs);
int h_apply_edit(struct req *r, struct resp *rs);
int h_apply_save(struct req *r, struct resp *rs);
int h_apply_attach(struct req *r, struct resp *rs);
int h_apply_attachment(struct req *r, struct resp *rs);
int h_apply_detach(struct req *r, struct resp *rs);
int h_apply_invite(struct req *r, struct resp *rs);
int h_apply_reviewer_remove(struct req *r, struct resp *rs);
int h_apply_comment(struct req *r, struct resp *rs);
int h_apply_comment_resolve(struct req *r, struct resp *rs);
int h_apply_submit_form(struct req *r, struct resp *rs);
int h_apply_submit(struct req *r, struct resp *rs);
int h_apply_withdraw(struct req *r, struct resp *rs);
int h_apply_respond(struct req *r, struct resp *rs);
int h_review_view(struct req *r, struct resp *rs);
int h_review_accept(struct req *r, struct resp *rs);
int h_policy_evidence(struct req *r, struct resp *rs);
/* h_apply_badge_box renders the "Apply" box of a badge's page (the
 * person's open application, a required prerequisite that blocks it, the
 * recommended ones) into *out (in r's arena); empty for a badge that is
 * not open to applications. */
int h_apply_badge_box(
    struct req *r, const struct badge_detail *d, struct html_safe *out);
/* end of applications */
/* assessment (h_assess.c) */
int h_assess_queue(struct req *r, struct resp *rs);
int h_assess_claim_oldest(struct req *r, struct resp *rs);
int h_assess_claim(struct req *r, struct resp *rs);
int h_assess_release(struct req *r, struct resp *rs);
int h_assess_reassign(struct req *r, struct resp *rs);
int h_assess_page(struct req *r, struct resp *rs);
int h_assess_decide(struct req *r, struct resp *rs);
int h_assess_flag(struct req *r, struct resp *rs);
int h_assess_integrity(struct req *r, struct resp *rs);
int h_assess_integrity_decide(struct req *r, struct resp *rs);
/* end of assessment */
/* award pages (h_award.c) */
int h_award(struct req *r, struct resp *rs);
int h_award_settings(struct req *r, struct resp *rs);
int h_award_status(struct req *r, struct resp *rs);
int h_award_card(struct req *r, struct resp *rs);
int h_award_certificate(struct req *r, struct resp *rs);
int h_award_attachment(struct req *r, struct resp *rs);
int h_oembed(struct req *r, struct resp *rs);
/* end of award pages */
/* endorsements and profiles (h_endorse.c) */
int h_endorse_form(struct req *r, struct resp *rs);
int h_endorse_submit(struct req *r, struct resp *rs);
int h_endorse_confirm_view(struct req *r, struct resp *rs);
int h_endorse_confirm(struct req *r, struct resp *rs);
int h_award_endorsements(struct req *r, struct resp *rs);
int h_endorse_publish(struct req *r, struct resp *rs);
int h_endorse_hide(struct req *r, struct resp *rs);
int h_endorse_request(struct req *r, struct resp *rs);
int h_profile_settings(struct req *r, struct resp *rs);
int h_profile_save(struct req *r, struct resp *rs);
int h_person_profile(struct req *r, struct resp *rs);
int h_org_awards(struct req *r, struct resp *rs);
/* h_colleagues_box renders the badge page's "Colleagues who hold this
 * badge" (names of colleagues who opted in, for a signed-in member of an
 * organisation) into *out, in r's arena; empty when there are none. */
int h_colleagues_box(struct req *r, const char *badge, struct html_safe *out);
/* end of endorsements and profiles */
/* dashboard (h_dashboard.c) */
int h_dashboard(struct req *r, struct resp *rs);
/* end of dashboard */
/* Open Badges 2.0 (h_ob.c) */
int h_ob_issuer(struct req *r, struct resp *rs);
int h_ob_badge(struct req *r, struct resp *rs);
int h_ob_badge_version(struct req *r, struct resp *rs);
int h_ob_badge_image(struct req *r, struct resp *rs);
int h_ob_assertion(struct req *r, struct resp *rs);
int h_ob_revocations(struct req *r, struct resp *rs);
int h_ob_key(struct req *r, struct resp *rs);
/* badge.png and badge.svg (h_ob.c): baked with the OB 2.0 assertion, or
 * with the OB 3.0 credential for format=ob3. */
int h_award_badge_png(struct req *r, struct resp *rs);
int h_award_badge_svg(struct req *r, struct resp *rs);
/* Open Badges 3.0 (h_ob3.c) */
int h_ob3_issuer(struct req *r, struct resp *rs);
int h_ob3_achievement(struct req *r, struct resp *rs);
int h_ob3_credential(struct req *r, struct resp *rs);
int h_ob3_jwt(struct req *r, struct resp *rs);
/* /ob/v3/status/{issuer}/{revocation-list|revocation|suspension} */
int h_ob3_status(struct req *r, struct resp *rs);
/* end of Open Badges 3.0 */
/* verify and backpack (h_verify.c) */
int h_badgecheck_form(struct req *r, struct resp *rs);
int h_badgecheck_post(struct req *r, struct resp *rs);
int h_api_badgecheck(struct req *r, struct resp *rs);
int h_backpack(struct req *r, struct resp *rs);
int h_backpack_add(struct req *r, struct resp *rs);
int h_backpack_remove(struct req *r, struct resp *rs);
struct view_ext_badge;
/* web_ext_badges lists person's verified badges from elsewhere for a page,
 * re-checking those not checked for a day. */
int web_ext_badges(
    struct req *r, const char *person, struct view_ext_badge **out, size_t *n);
/* end of verify and backpack */
/* ob_wants_assertion: the client asked for JSON-LD rather than HTML
 * (h_award answers with the assertion then). */
bool ob_wants_assertion(const struct req *r);
/* end of Open Badges 2.0 */

#endif
