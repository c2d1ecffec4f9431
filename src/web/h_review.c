/*
 * h_review.c: a reviewer's invitation link (/reviews/TOKEN: what it is,
 * and accepting it once signed in) and the evidence policy page
 * (/policy/evidence). Everything lives in the request's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"
#include "domain/application.h"
#include "domain/badge.h"
#include "domain/session.h"
#include "templates.h"
#include "web/auth.h"
#include "web/h_apply.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/render.h"
#include "web/server.h"

/* ---- reviewers' links -------------------------------------------------- */

static bool
token_ok(const char *t)
{
	size_t n = 0;

	for (; t[n]; n++)
		if (!((t[n] >= 'a' && t[n] <= 'z') ||
		        (t[n] >= 'A' && t[n] <= 'Z') ||
		        (t[n] >= '0' && t[n] <= '9') || t[n] == '-' ||
		        t[n] == '_'))
			return false;
	return n == APP_TOKEN_LEN;
}

static const char dead_invite[] =
    "This invitation has expired or been withdrawn, or the application "
    "has ended. Ask the person who invited you to send a new one.";

static int
review_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	const char *token = r->path_params[0];
	struct review_invite iv;
	struct view_form *f;
	struct page p;
	int rc;

	if (!token_ok(token))
		return resp_error(rs, 404, dead_invite);
	rc = review_invite_find(r->app, r->arena, token, &iv);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, dead_invite);
	if (rc != 0)
		return rc;
	page_init(&p, r, "Review a draft application");
	page_para(&p,
	    arena_printf(r->arena,
	        "%s has asked you, as their %s, to read a draft of their "
	        "application for the badge “%s” and to comment on it before "
	        "they submit it.",
	        iv.learner_name,
	        strcmp(iv.relationship, "other") == 0 ? "reviewer"
	                                              : iv.relationship,
	        iv.badge_name));
	page_para(&p,
	    "You can comment on the whole application or on one criterion. "
	    "Please help them in your own words, but do not write their "
	    "evidence for them: it must be entirely their own work.");
	resp_header(rs, "Cache-Control", "no-store");
	resp_header(rs, "Referrer-Policy", "no-referrer");
	if (r->session == NULL) {
		page_para(&p,
		    "Sign in to accept. If you do not have an "
		    "account, create one: it is free.");
		page_link(&p,
		    arena_printf(r->arena, "/signin?next=/reviews/%s", token),
		    "Sign in");
		page_link(&p,
		    arena_printf(r->arena, "/register?next=/reviews/%s", token),
		    "Create an account");
		return page_render(&p, rs);
	}
	if (strcmp(iv.accepted_by, r->session->person) == 0) {
		page_link(
		    &p, apply_path(r, iv.application_id, ""), "Read the draft");
		return page_render(&p, rs);
	}
	f = page_form(&p, arena_printf(r->arena, "/reviews/%s", token),
	    "Accept and read the draft");
	(void)f;
	if (e != NULL)
		page_error(&p, "", e->msg);
	return page_render(&p, rs);
}

int
h_review_view(struct req *r, struct resp *rs)
{
	return review_page(r, rs, NULL);
}

int
h_review_accept(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	const char *id;
	int rc;

	if (!token_ok(r->path_params[0]))
		return resp_error(rs, 404, dead_invite);
	rc = review_accept(r->app, r->arena, &w, r->path_params[0], &id, &e);
	if (rc == 0)
		return resp_redirect(rs, apply_path(r, id, "?done=accepted"));
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, dead_invite);
	if (rc == ERR_FORBIDDEN || rc == ERR_CONFLICT) {
		rs->status = http_status_for_err(rc);
		return review_page(r, rs, &e);
	}
	return rc;
}

/* ---- the evidence policy ----------------------------------------------- */

int
h_policy_evidence(struct req *r, struct resp *rs)
{
	struct view_section *s;
	struct page p;

	page_init(&p, r, "Your own work: the evidence policy");
	p.v.caption = arena_printf(
	    r->arena, "Policy version %s", DECLARATION_POLICY_VERSION);
	page_para(&p,
	    "A badge recognises what you have learned and how you use it in "
	    "your practice. Assessors can only judge that from evidence that "
	    "is entirely your own work.");
	s = page_section(&p, "The declaration you make");
	section_para(r, s,
	    "When you submit an application you confirm: “" DECLARATION_TEXT
	    "” The declaration, the time you made it and the version of this "
	    "policy are kept with your application.");
	s = page_section(&p, "No generative AI");
	section_para(r, s,
	    "Do not use generative AI tools (such as chatbots or writing "
	    "assistants) to plan, draft, rephrase, correct or review your "
	    "evidence. This includes asking a tool to improve your spelling, "
	    "grammar or style.");
	section_para(r, s,
	    "Why: your evidence shows your own reflection on your own "
	    "practice. Text written or rewritten by a tool is not your "
	    "reflection, even when the ideas started with you, and an "
	    "assessor cannot tell which parts are yours. An assessor who is "
	    "concerned about this raises it with the issuer, who will ask "
	    "you to respond before anything is decided.");
	s = page_section(&p, "Spelling and grammar are not assessed");
	section_para(r, s,
	    "You do not need perfect spelling or grammar: assessors judge "
	    "what you learned and how you use it, never how polished the "
	    "writing is. Write the way you would explain it to a colleague.");
	s = page_section(&p, "The support you can have");
	section_para(r, s,
	    "Your manager or supervisor can talk your learning through with "
	    "you and read your draft: invite them as reviewers on your "
	    "application and they can comment on it.");
	section_para(r, s,
	    "A mentor or a colleague can do the same. They may ask you "
	    "questions and tell you what is unclear, but the words must be "
	    "yours.");
	section_para(r, s,
	    "Alternative formats: for every badge you can give your account "
	    "as an audio or video recording instead of writing it. Record it, "
	    "put it somewhere your employer allows, and give the link in your "
	    "application.");
	s = page_section(&p, "Do not identify anyone");
	section_para(r, s,
	    "Your evidence must not identify people who use services, their "
	    "families or your colleagues. Do not include names, dates of "
	    "birth, addresses or postcodes, phone numbers, email addresses, "
	    "or CHI, NHS or National Insurance numbers.");
	section_para(r, s,
	    "How to anonymise: write “a person I support” or “an older man "
	    "I support”, and use roles, not names (“my manager”, “a senior "
	    "carer”, “the person’s daughter”). Leave out details that would "
	    "let someone who knows the service work out who it was.");
	section_para(r, s,
	    "Laurel checks your text every time you save and when you "
	    "submit, and highlights anything that looks like it could "
	    "identify someone so you can change it. An application "
	    "submitted with something that clearly identifies a person is "
	    "declined automatically; you can edit it and submit it again at "
	    "once.");
	page_link(&p, "/badges", "Browse the badges");
	return page_render(&p, rs);
}
