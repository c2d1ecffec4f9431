/*
 * h_apply.c: the learner's side of applying for a badge (domain/
 * application.h): starting from a badge page, the draft form with its
 * autosave (JSON) and the path that keeps what was typed when a session
 * has ended, attachments, reviewers and their comments, the identity
 * screen's findings, submitting with the declaration, withdrawing, the
 * response to an integrity concern and the evidence policy page.
 *
 * Who may see and do what is decided by the domain: these routes only
 * ask for a signed-in person (the draft save even less, see h_apply_save),
 * and a domain ERR_NOTFOUND becomes a 404 that does not say whether the
 * application exists. Everything lives in the request's arena.
 */
#include <jansson.h>

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
#include "web/handlers.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/render.h"
#include "web/server.h"

#define STASH_COOKIE "laurel_stash"
#define MAX_ANSWERS 20 /* answer_1 .. answer_20 (BADGE_LIST_MAX) */

static const char no_app[] = "There is no application at this address, or "
                             "you do not have access to it.";

/* ---- small helpers ----------------------------------------------------- */

static const char *
app_path(struct req *r, const char *id, const char *tail)
{
	return arena_printf(r->arena, "/applications/%s%s", id, tail);
}

static int
not_found(struct resp *rs)
{
	return resp_error(rs, 404, no_app);
}

/* hhmm is t as "14:32" (UTC). */
static const char *
hhmm(struct arena *a, int64_t t)
{
	char s[32];

	clock_format(t, s, sizeof(s));
	return arena_printf(a, "%.5s", s + 11);
}

static const char *
kind_name(const char *content_type)
{
	static const struct {
		const char *type, *name;
	} kinds[] = {
	    {"application/pdf", "PDF"},
	    {"image/png", "PNG image"},
	    {"image/jpeg", "JPEG image"},
	    {"text/plain; charset=utf-8", "text"},
	    {"application/vnd.oasis.opendocument.text", "OpenDocument text"},
	    {"application/vnd.openxmlformats-officedocument.wordprocessingml."
	     "document",
	        "Word document"},
	};

	for (size_t i = 0; i < NELEM(kinds); i++)
		if (strcmp(content_type, kinds[i].type) == 0)
			return kinds[i].name;
	return "file";
}

static const char *
words_text(struct arena *a, size_t words, int64_t min)
{
	const char *w =
	    arena_printf(a, "%zu word%s", words, words == 1 ? "" : "s");

	if (min <= 0)
		return arena_printf(a, "%s.", w);
	return arena_printf(
	    a, "%s; this badge asks for at least %lld.", w, (long long)min);
}

static void
add_error(struct req *r, struct view_err **errs, size_t *n, const char *href,
    const char *msg)
{
	struct view_err *e = APPEND(r->arena, *errs, *n);

	e->href = href;
	e->msg = msg;
}

/* field_label names a screened field for people. */
static const char *
field_label(struct arena *a, const struct app_hit *h)
{
	if (h->criterion == 0)
		return "Your reflective account";
	return arena_printf(a, "Your answer to criterion %d", h->criterion);
}

static const char *
field_text(const struct app_draft *d, const struct app_hit *h)
{
	if (h->criterion == 0)
		return d->account_md ? d->account_md : "";
	if ((size_t)h->criterion <= d->nanswers && d->answers != NULL)
		return d->answers[h->criterion - 1]
		    ? d->answers[h->criterion - 1]
		    : "";
	return "";
}

/*
 * found_views turns the screen's hits into one block per field: the text
 * cut into runs, those the screen found marked, and a line per finding.
 */
static struct view_app_found *
found_views(struct req *r, const struct app_draft *d, const struct app_hit *h,
    size_t nh, size_t *nout, bool *high)
{
	struct view_app_found *v = NULL;
	size_t n = 0;

	*high = false;
	for (size_t i = 0; i < nh;) {
		const char *text = field_text(d, &h[i]);
		size_t tlen = strlen(text), at = 0, k = i;
		struct view_app_found *f = APPEND(r->arena, v, n);

		f->label = field_label(r->arena, &h[i]);
		f->href = h[i].criterion == 0
		    ? "#f-account"
		    : arena_printf(r->arena, "#f-answer_%d", h[i].criterion);
		for (; k < nh && h[k].criterion == h[i].criterion; k++) {
			struct view_app_seg *s;
			*APPEND(r->arena, f->notes, f->n_notes) = arena_printf(
			    r->arena, "Line %zu: this looks like %s%s.",
			    h[k].line, h[k].label,
			    h[k].high ? " (it must be removed)" : "");
			*high = *high || h[k].high;
			if (h[k].start < at || h[k].start + h[k].len > tlen)
				continue; /* overlaps the previous one */
			if (h[k].start > at) {
				s = APPEND(r->arena, f->segs, f->n_segs);
				s->text = arena_strndup(
				    r->arena, text + at, h[k].start - at);
				s->kind = "";
			}
			s = APPEND(r->arena, f->segs, f->n_segs);
			s->text = arena_strndup(
			    r->arena, text + h[k].start, h[k].len);
			s->kind = h[k].code;
			s->mark = true;
			s->high = h[k].high;
			at = h[k].start + h[k].len;
		}
		if (at < tlen) {
			struct view_app_seg *s =
			    APPEND(r->arena, f->segs, f->n_segs);
			s->text = arena_strdup(r->arena, text + at);
			s->kind = "";
		}
		i = k;
	}
	*nout = n;
	return v;
}

/* draft_from_request reads the draft form's fields. */
static void
draft_from_request(struct req *r, struct app_draft *d)
{
	const char *rev = req_param(r, "revision");
	const char **answers;
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	if (rev == NULL ||
	    num_parse(rev, strlen(rev), 0, INT64_MAX, &d->revision) != 0)
		d->revision = -1;
	d->account_md = req_text(r, "account");
	d->alt_url = req_text(r, "alt_url");
	d->links = req_text(r, "links");
	answers = arena_alloc(r->arena, MAX_ANSWERS * sizeof(*answers));
	for (size_t i = 0; answers != NULL && i < MAX_ANSWERS; i++) {
		char name[16];
		snprintf(name, sizeof(name), "answer_%zu", i + 1);
		answers[i] = req_param(r, name);
		if (answers[i] != NULL)
			n = i + 1;
	}
	for (size_t i = 0; i < n; i++)
		if (answers[i] == NULL)
			answers[i] = "";
	d->answers = answers;
	d->nanswers = n;
}

static const char *
cookie_path_id(struct req *r, const char *id)
{
	return arena_printf(r->arena, "/applications/%s", id);
}

/* ---- the edit page ----------------------------------------------------- */

struct edit_state {
	const struct app_draft *shown; /* what the form shows */
	int64_t revision;              /* the revision it carries */
	const struct form_err *e;
	const char *notice;
	const char *conflict;
	const char *attach_error;
};

static int
edit_page(struct req *r, struct resp *rs, const struct application *ap,
    const struct edit_state *st)
{
	const struct app_draft *d = st->shown;
	struct view_app_form v;
	struct app_hit *hits;
	struct buf content;
	size_t nhits;
	int rc;

	memset(&v, 0, sizeof(v));
	v.id = ap->id;
	v.badge_id = ap->badge_id;
	v.badge_name = ap->badge_name;
	v.status =
	    app_state_label(ap->status, ap->nreviewers > 0, false, ap->round);
	v.notice = st->notice;
	v.conflict = st->conflict;
	v.action = app_path(r, ap->id, "/save");
	v.csrf = r->csrf;
	v.revision = arena_printf(r->arena, "%lld", (long long)st->revision);
	v.account = d->account_md;
	v.min_words = (long)ap->min_words;
	v.words_text =
	    words_text(r->arena, app_word_count(d->account_md), ap->min_words);
	v.account_describedby = "f-account-hint f-account-words";
	v.alt_url = d->alt_url;
	v.links = d->links;
	v.view_href = app_path(r, ap->id, "");
	v.submit_href = app_path(r, ap->id, "/submit");
	v.js = assets_url(&r->site->assets, "js/apply.js");
	for (size_t i = 0; i < ap->nanswers; i++) {
		struct view_app_answer *q =
		    APPEND(r->arena, v.answers, v.n_answers);
		q->number = ap->answers[i].position;
		q->name = arena_printf(r->arena, "answer_%zu", i + 1);
		q->id = arena_printf(r->arena, "f-answer_%zu", i + 1);
		q->criterion = ap->answers[i].criterion;
		q->value = i < d->nanswers && d->answers ? d->answers[i] : "";
	}
	if (st->e != NULL && st->e->msg != NULL) {
		const char *f = st->e->field ? st->e->field : "";
		const char *href = "#draft-form";
		if (strcmp(f, "account") == 0) {
			v.account_error = st->e->msg;
			v.account_describedby =
			    "f-account-hint f-account-error f-account-words";
			href = "#f-account";
		} else if (strcmp(f, "alt_url") == 0) {
			v.alt_url_error = st->e->msg;
			href = "#f-alt_url";
		} else if (strcmp(f, "links") == 0) {
			v.links_error = st->e->msg;
			href = "#f-links";
		} else if (strncmp(f, "answer_", 7) == 0) {
			for (size_t i = 0; i < v.n_answers; i++)
				if (strcmp(v.answers[i].name, f) == 0) {
					v.answers[i].error = st->e->msg;
					v.answers[i].describedby =
					    arena_printf(r->arena, "%s-error",
					        v.answers[i].id);
					href = arena_printf(
					    r->arena, "#%s", v.answers[i].id);
				}
		} else if (strcmp(f, "file") == 0) {
			href = "#f-file";
		}
		add_error(r, &v.errors, &v.n_errors, href, st->e->msg);
	}
	if ((rc = application_screen_draft(r->arena, d, &hits, &nhits)) != 0)
		return rc;
	v.found = found_views(r, d, hits, nhits, &v.n_found, &v.high_found);
	v.attachments_allowed = ap->attachments_allowed || ap->nattachments;
	v.can_attach =
	    ap->attachments_allowed && ap->nattachments < APP_ATTACH_MAX_FILES;
	v.attach_action = app_path(r, ap->id, "/attachments");
	v.attach_error = st->attach_error;
	v.attach_hint = "PDF, PNG, JPEG, plain text, DOCX or ODT, up to 3 MB "
	                "each, at most 10 files.";
	for (size_t i = 0; i < ap->nattachments; i++) {
		const struct app_attachment *t = &ap->attachments[i];
		struct view_app_attachment *x =
		    APPEND(r->arena, v.attachments, v.n_attachments);
		x->href = app_path(r, ap->id,
		    arena_printf(r->arena, "/attachments/%s", t->id));
		x->filename = t->filename;
		x->kind = kind_name(t->content_type);
		x->size = http_size_words(r->arena, (size_t)t->size);
		form_init(r, &x->remove,
		    app_path(r, ap->id,
		        arena_printf(
		            r->arena, "/attachments/%s/remove", t->id)),
		    arena_printf(r->arena, "Remove %s", t->filename));
		x->remove.inline_ = true;
		x->remove.secondary = true;
		x->has_form = true;
	}
	if (strcmp(req_text(r, "done"), "saved") == 0)
		v.saved_text = arena_printf(r->arena, "Saved at %s (UTC).",
		    hhmm(r->arena, ap->updated_at));
	buf_init(&content, r->arena, 8 << 20);
	tmpl_application_form(&content, &v);
	if (v.n_errors > 0 && rs->status < 400)
		rs->status = 400;
	return render_page(r, rs,
	    arena_printf(r->arena, "%sYour application: %s",
	        v.n_errors || v.conflict ? "Error: " : "", ap->badge_name),
	    &content);
}

/* load_own reads id for its owner; anything else answers the request. */
static int
load_own(struct req *r, struct resp *rs, struct application *ap, bool *done)
{
	struct who w = web_who(r);
	int rc;

	*done = true;
	rc = application_get(r->app, r->arena, &w, r->path_params[0], ap);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc != 0)
		return rc;
	if (w.person == NULL || strcmp(ap->person_id, w.person) != 0 ||
	    !app_status_editable(ap->status))
		return resp_redirect(rs, app_path(r, ap->id, ""));
	*done = false;
	return 0;
}

int
h_apply_edit(struct req *r, struct resp *rs)
{
	const char *restore = req_param(r, "restore");
	struct edit_state st = {0};
	struct application ap;
	struct app_draft stored, kept;
	struct who w = web_who(r);
	bool done;
	int rc;

	if ((rc = load_own(r, rs, &ap, &done)) != 0 || done)
		return rc;
	if ((rc = application_draft_of(r->arena, &ap, &stored)) != 0)
		return rc;
	st.shown = &stored;
	st.revision = ap.revision;
	if (strcmp(req_text(r, "done"), "attached") == 0)
		st.notice = "Your file has been attached.";
	else if (strcmp(req_text(r, "done"), "removed") == 0)
		st.notice = "The attachment has been removed.";
	if (restore != NULL) {
		/* Only in the browser that typed it: the stash cookie. */
		const char *c = web_cookie(r, STASH_COOKIE);
		rc = c != NULL && strcmp(c, restore) == 0
		    ? application_unstash(
		          r->app, r->arena, &w, ap.id, restore, &kept)
		    : ERR_NOTFOUND;
		if (rc == 0) {
			st.shown = &kept;
			st.revision = kept.revision;
			st.notice = "We kept what you typed when your session "
			            "ended. Save to keep it.";
			resp_header(rs, "Set-Cookie",
			    arena_printf(r->arena,
			        "%s=; Path=%s; Max-Age=0; HttpOnly; "
			        "SameSite=Lax",
			        STASH_COOKIE, cookie_path_id(r, ap.id)));
		} else if (rc == ERR_NOTFOUND) {
			st.notice = "The text kept when your session ended "
			            "could not be found: it is kept for 24 "
			            "hours and given back once. This is the "
			            "draft as last saved.";
		} else {
			return rc;
		}
	}
	resp_header(rs, "Cache-Control", "no-store");
	return edit_page(r, rs, &ap, &st);
}

/* save_json answers an autosave. */
static int
save_json(struct req *r, struct resp *rs, const struct app_draft *d,
    int64_t revision, int64_t at)
{
	struct app_hit *hits;
	size_t nhits;
	json_t *j, *arr;
	char *s;
	int rc;

	if ((rc = application_screen_draft(r->arena, d, &hits, &nhits)) != 0)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < nhits; i++)
		json_array_append_new(arr,
		    json_pack("{s:s,s:i,s:I,s:I,s:I,s:s,s:s,s:b}", "field",
		        hits[i].field, "criterion", hits[i].criterion, "line",
		        (json_int_t)hits[i].line, "start",
		        (json_int_t)hits[i].start, "len",
		        (json_int_t)hits[i].len, "kind",
		        hits[i].code ? hits[i].code : "", "label",
		        hits[i].label ? hits[i].label : "", "high",
		        hits[i].high));
	j = json_pack("{s:I,s:s,s:I,s:o}", "revision", (json_int_t)revision,
	    "saved_at", hhmm(r->arena, at), "words",
	    (json_int_t)app_word_count(d->account_md), "hits", arr);
	s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (s == NULL)
		return ERR_TOOBIG;
	rs->status = 200;
	rs->content_type = "application/json";
	resp_header(rs, "Cache-Control", "no-store");
	buf_adds(&rs->body, s);
	free(s);
	return 0;
}

/*
 * lapsed_save keeps what a person typed when their session has ended
 * (the CSRF check accepted the token of the session cookie the browser
 * still sent, see web_csrf_ok) and sends them to sign in; the edit page
 * gives it back, in this browser only (the stash cookie), afterwards.
 */
static int
lapsed_save(struct req *r, struct resp *rs, const struct app_draft *d)
{
	const char *id = r->path_params[0], *tok;
	struct buf next;
	int rc;

	if (r->wants_json)
		return resp_error(rs, 401,
		    "Your session has ended. Select Save: what you typed will "
		    "be kept while you sign in again.");
	rc = application_stash(r->app, r->arena, id, d, &tok);
	if (rc == ERR_NOTFOUND || rc == ERR_CONFLICT || rc == ERR_INVAL)
		return resp_error(rs, 403,
		    "Your session has ended, so your changes could not be "
		    "saved. Sign in again.");
	if (rc != 0)
		return rc;
	resp_header(rs, "Set-Cookie",
	    arena_printf(r->arena,
	        "%s=%s; Path=%s; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	        STASH_COOKIE, tok, cookie_path_id(r, id), APP_STASH_TTL,
	        strncmp(r->app->cfg->base_url, "https:", 6) == 0 ? "; Secure"
	                                                         : ""));
	buf_init(&next, r->arena, 1024);
	buf_adds(&next, "/signin?next=");
	{
		const char *target = app_path(
		    r, id, arena_printf(r->arena, "/edit?restore=%s", tok));
		url_encode_component(&next, target, strlen(target));
	}
	if (buf_err(&next) != 0)
		return ERR_TOOBIG;
	return resp_redirect(rs, next.data);
}

int
h_apply_save(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct edit_state st = {0};
	struct application ap;
	struct app_draft d;
	int64_t revision = 0;
	int rc;

	draft_from_request(r, &d);
	if (r->session == NULL)
		return lapsed_save(r, rs, &d);
	rc = application_save(
	    r->app, r->arena, &w, r->path_params[0], &d, &revision, &e);
	if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
		return not_found(rs);
	if (rc == 0) {
		if (r->wants_json)
			return save_json(
			    r, rs, &d, revision, clock_now(r->app->clock));
		return resp_redirect(
		    rs, app_path(r, r->path_params[0], "/edit?done=saved"));
	}
	if (rc != ERR_CONFLICT && rc != ERR_INVAL)
		return rc;
	if (r->wants_json)
		return resp_error(rs, rc == ERR_CONFLICT ? 409 : 400, e.msg);
	/* Show the form again with everything typed. */
	rc = application_get(r->app, r->arena, &w, r->path_params[0], &ap);
	if (rc != 0)
		return rc == ERR_NOTFOUND ? not_found(rs) : rc;
	if (!app_status_editable(ap.status))
		return resp_error(rs, 409, e.msg);
	st.shown = &d;
	if (e.msg != NULL && e.field != NULL && e.field[0] == '\0' &&
	    d.revision != ap.revision) {
		/* Two tabs: the form now carries the newer revision, so a
		 * deliberate Save keeps this text instead. */
		rs->status = 409;
		st.conflict = arena_printf(r->arena,
		    "%s Save again to keep the text below instead of that "
		    "version, or open the draft again to carry on from it.",
		    e.msg);
		st.revision = ap.revision;
	} else {
		rs->status = 400;
		st.e = &e;
		st.revision = d.revision;
	}
	return edit_page(r, rs, &ap, &st);
}

/* ---- starting ---------------------------------------------------------- */

int
h_apply_start(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	const char *id;
	bool existing;
	int rc;

	rc = application_start(
	    r->app, r->arena, &w, r->path_params[0], &id, &existing, &e);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404, e.msg);
	if (rc == ERR_FORBIDDEN || rc == ERR_CONFLICT)
		return resp_error(rs, http_status_for_err(rc), e.msg);
	if (rc != 0)
		return rc;
	return resp_redirect(rs, app_path(r, id, "/edit"));
}

int
h_apply_badge_box(
    struct req *r, const struct badge_detail *d, struct html_safe *out)
{
	struct view_apply_box v;
	struct buf b;
	struct app_summary *apps;
	size_t n;
	int rc;

	*out = html_safe_empty();
	if (strcmp(d->status, "published") != 0 ||
	    d->version != d->current_version)
		return 0;
	memset(&v, 0, sizeof(v));
	v.csrf = r->csrf;
	v.action = arena_printf(r->arena, "/badges/%s/apply", d->id);
	for (size_t i = 0; i < d->n_prereqs; i++) {
		struct view_link *l;
		if (r->session != NULL && d->prereqs[i].held)
			continue;
		l = d->prereqs[i].required
		    ? APPEND(r->arena, v.required, v.n_required)
		    : APPEND(r->arena, v.suggested, v.n_suggested);
		l->href =
		    arena_printf(r->arena, "/badges/%s", d->prereqs[i].id);
		l->label = d->prereqs[i].name;
	}
	if (r->session == NULL) {
		v.signin_href =
		    arena_printf(r->arena, "/signin?next=/badges/%s", d->id);
	} else {
		v.signed_in = true;
		if ((rc = application_list(
		         r->app, r->arena, r->session->person, &apps, &n)) != 0)
			return rc;
		for (size_t i = 0; i < n; i++)
			if (strcmp(apps[i].badge_id, d->id) == 0 &&
			    app_status_open(apps[i].status)) {
				v.existing_href = app_path(r, apps[i].id, "");
				v.existing_status = app_state_label(
				    apps[i].status, apps[i].shared,
				    apps[i].claimed, apps[i].round);
				break;
			}
		if (v.n_required > 0)
			v.blocked = v.n_required == 1
			    ? "You need to hold this badge before you can "
			      "apply:"
			    : "You need to hold these badges before you can "
			      "apply:";
		v.can_apply = v.n_required == 0;
	}
	if (r->session == NULL && v.n_required > 0)
		v.signin_href =
		    arena_printf(r->arena, "/signin?next=/badges/%s",
		        d->id); /* still shown: they may hold it */
	buf_init(&b, r->arena, 1 << 16);
	tmpl_apply_box(&b, &v);
	if (buf_err(&b) != 0)
		return ERR_TOOBIG;
	*out = html_safe_from_buf(&b);
	return 0;
}

/* ---- the application page ---------------------------------------------- */

static int
render_md(struct req *r, const char *md, struct view_app_text *t)
{
	struct buf b;

	if (md == NULL || md[0] == '\0') {
		t->plain = "None given.";
		return 0;
	}
	buf_init(&b, r->arena, 4 << 20);
	if (markdown_render(&b, md, strlen(md), &t->html) != 0) {
		t->html = html_safe_empty();
		t->plain = md;
	}
	return 0;
}

static const char *
outcome_label(const char *o)
{
	if (o == NULL)
		return "Waiting for a decision.";
	if (strcmp(o, "awarded") == 0)
		return "Awarded.";
	if (strcmp(o, "returned") == 0)
		return "Returned for further work.";
	if (strcmp(o, "declined") == 0)
		return "Declined.";
	if (strcmp(o, "auto_declined") == 0)
		return "Declined automatically.";
	return o;
}

static const char auto_declined_msg[] =
    "Your last submission was declined automatically because it contained "
    "something that could identify a person who uses services or a "
    "colleague. Nothing else was judged. Edit your evidence (what was "
    "found is highlighted on the edit page) and submit it again: you can "
    "do it now.";

static const char *
done_notice(const char *done)
{
	static const struct {
		const char *done, *msg;
	} notes[] = {
	    {"submitted",
	        "Your application has been submitted. We have "
	        "emailed you a copy of the date a decision is due."},
	    {"invited", "Your invitation has been sent."},
	    {"removed", "The reviewer has been removed."},
	    {"commented", "Your comment has been added."},
	    {"resolved", "The comment is marked as resolved."},
	    {"withdrawn", "Your application has been withdrawn."},
	    {"responded", "Your response has been sent to the issuer."},
	    {"accepted",
	        "Thank you for agreeing to review this draft. You "
	        "can comment on the whole or on one criterion."},
	};

	for (size_t i = 0; done != NULL && i < NELEM(notes); i++)
		if (strcmp(done, notes[i].done) == 0)
			return notes[i].msg;
	return NULL;
}

static void
set_links(struct req *r, struct view_application *v, const char *links)
{
	const char *p = links;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		if (n > 0)
			*APPEND(r->arena, v->links, v->n_links) =
			    arena_strndup(r->arena, p, n);
		p = nl ? nl + 1 : NULL;
	}
}

static void
comment_form(struct req *r, struct view_application *v,
    const struct application *ap, bool posted)
{
	struct view_field *fd;

	form_init(
	    r, &v->comment, app_path(r, ap->id, "/comments"), "Add comment");
	fd = form_field(r, &v->comment, "criterion", "About", "select");
	if (!posted || fd->value == NULL)
		fd->value = "0";
	field_option(r, fd, "0", "The whole application");
	for (size_t i = 0; i < ap->nanswers; i++)
		field_option(r, fd,
		    arena_printf(r->arena, "%d", ap->answers[i].position),
		    arena_printf(
		        r->arena, "Criterion %d", ap->answers[i].position));
	fd = form_field(r, &v->comment, "body", "Your comment", "textarea");
	if (!posted)
		fd->value = "";
	field_hint(fd,
	    "Do not include anything that could identify a person who uses "
	    "services or a colleague.");
	form_describe(r, v->comment.fields, v->comment.n_fields);
	v->has_comment_form = true;
}

/*
 * view_page renders the application page; e (with which is the form it
 * belongs to: "invite", "comment", "respond", "withdraw") shows a refused
 * form again with what was typed.
 */
static int
view_page(
    struct req *r, struct resp *rs, const struct form_err *e, const char *which)
{
	struct who w = web_who(r);
	struct view_application v;
	struct application ap;
	struct app_round *rounds;
	struct app_reviewer *rv = NULL;
	struct app_comment *cm = NULL;
	struct app_concern *cc = NULL;
	struct buf content;
	size_t nr = 0, nrv = 0, ncm = 0, ncc = 0;
	int rc, mask;
	bool owner, reviewer;

	rc = application_get(r->app, r->arena, &w, r->path_params[0], &ap);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc != 0)
		return rc;
	mask = application_access(r->app, r->arena, &w, ap.id);
	owner = (mask & APP_ACCESS_OWNER) != 0;
	reviewer = (mask & APP_ACCESS_REVIEWER) != 0;
	if ((rc = application_rounds(
	         r->app, r->arena, &w, ap.id, &rounds, &nr)) != 0 ||
	    (rc = application_comments(
	         r->app, r->arena, &w, ap.id, &cm, &ncm)) != 0)
		return rc;
	if ((owner || reviewer) &&
	    (rc = application_reviewers(
	         r->app, r->arena, &w, ap.id, &rv, &nrv)) != 0)
		return rc;
	if ((mask & ~APP_ACCESS_REVIEWER) != 0 &&
	    (rc = application_concerns(
	         r->app, r->arena, &w, ap.id, &cc, &ncc)) != 0)
		return rc;

	memset(&v, 0, sizeof(v));
	v.id = ap.id;
	v.badge_id = ap.badge_id;
	v.badge_name = ap.badge_name;
	v.learner = ap.person_name;
	v.owner = owner;
	v.status = app_state_label(
	    ap.status, ap.nreviewers > 0, ap.claimed_by != NULL, ap.round);
	v.notice = done_notice(req_param(r, "done"));
	if (ap.status == APP_AUTO_DECLINED)
		v.explain = auto_declined_msg;
	if (ap.submitted_at > 0 && ap.status != APP_DRAFT)
		v.submitted = fmt_date(r->arena, ap.submitted_at);
	if (ap.status == APP_SUBMITTED || ap.status == APP_INTEGRITY) {
		v.due = fmt_date(r->arena, ap.due_at);
		if (ap.queue_position > 0)
			v.queue = ap.claimed_by != NULL
			    ? arena_printf(r->arena,
			          "Number %lld: an assessor is looking at it "
			          "now",
			          (long long)ap.queue_position)
			    : arena_printf(r->arena, "Number %lld",
			          (long long)ap.queue_position);
	}
	if (owner && app_status_editable(ap.status)) {
		v.edit_href = app_path(r, ap.id, "/edit");
		v.submit_href = app_path(r, ap.id, "/submit");
	}
	v.account.heading = "Reflective account";
	render_md(r, ap.account_md, &v.account);
	for (size_t i = 0; i < ap.nanswers; i++) {
		struct view_app_text *t =
		    APPEND(r->arena, v.answers, v.n_answers);
		t->heading = arena_printf(r->arena, "Criterion %d: %s",
		    ap.answers[i].position, ap.answers[i].criterion);
		render_md(r, ap.answers[i].text, t);
	}
	v.alt_url = ap.alt_url;
	set_links(r, &v, ap.links);
	for (size_t i = 0; i < ap.nattachments; i++) {
		struct view_app_attachment *x =
		    APPEND(r->arena, v.attachments, v.n_attachments);
		x->href = app_path(r, ap.id,
		    arena_printf(
		        r->arena, "/attachments/%s", ap.attachments[i].id));
		x->filename = ap.attachments[i].filename;
		x->kind = kind_name(ap.attachments[i].content_type);
		x->size =
		    http_size_words(r->arena, (size_t)ap.attachments[i].size);
	}

	/* reviewers */
	v.reviewers_shown = owner || reviewer;
	for (size_t i = 0; i < nrv; i++) {
		struct view_app_reviewer *x =
		    APPEND(r->arena, v.reviewers, v.n_reviewers);
		x->who = rv[i].name[0]
		    ? arena_printf(r->arena, "%s (%s)", rv[i].name, rv[i].email)
		    : rv[i].email;
		x->relationship = rv[i].relationship;
		x->state = rv[i].accepted_at
		    ? arena_printf(r->arena, "accepted on %s",
		          fmt_date(r->arena, rv[i].accepted_at))
		    : arena_printf(r->arena, "invited on %s, not accepted yet",
		          fmt_date(r->arena, rv[i].invited_at));
		if (owner) {
			form_init(r, &x->remove,
			    app_path(r, ap.id,
			        arena_printf(r->arena, "/reviewers/%s/remove",
			            rv[i].id)),
			    arena_printf(r->arena, "Remove %s", rv[i].email));
			x->remove.inline_ = true;
			x->remove.secondary = true;
			x->has_form = true;
		}
	}
	if (owner && app_status_editable(ap.status)) {
		bool posted = which && strcmp(which, "invite") == 0;
		struct view_field *fd;
		form_init(r, &v.invite, app_path(r, ap.id, "/reviewers"),
		    "Send invitation");
		fd = form_field(
		    r, &v.invite, "email", "Reviewer's email address", "email");
		if (!posted)
			fd->value = "";
		fd = form_field(r, &v.invite, "relationship",
		    "Who are they to you?", "select");
		if (!posted || fd->value == NULL)
			fd->value = "";
		field_option(r, fd, "", "Choose one");
		field_option(r, fd, "manager", "My manager");
		field_option(r, fd, "supervisor", "My supervisor");
		field_option(r, fd, "mentor", "My mentor");
		field_option(r, fd, "colleague", "A colleague");
		field_option(r, fd, "other", "Someone else");
		if (posted && e != NULL)
			for (size_t i = 0; i < v.invite.n_fields; i++)
				if (e->field &&
				    strcmp(v.invite.fields[i].name, e->field) ==
				        0)
					v.invite.fields[i].error = e->msg;
		form_describe(r, v.invite.fields, v.invite.n_fields);
		v.has_invite = true;
	}

	/* comments */
	v.comments_shown = owner || reviewer || ncm > 0;
	for (size_t i = 0; i < ncm; i++) {
		struct view_app_comment *x =
		    APPEND(r->arena, v.comments, v.n_comments);
		x->id = cm[i].id;
		x->author = cm[i].author_name;
		x->when = fmt_time(r->arena, cm[i].created_at);
		x->about = cm[i].criterion == 0
		    ? "the whole application"
		    : arena_printf(r->arena, "criterion %d", cm[i].criterion);
		x->body = cm[i].body;
		x->resolved = cm[i].resolved_at != 0;
		if (owner && !x->resolved) {
			form_init(r, &x->resolve,
			    app_path(r, ap.id,
			        arena_printf(r->arena, "/comments/%s/resolve",
			            cm[i].id)),
			    "Mark as resolved");
			x->resolve.inline_ = true;
			x->resolve.secondary = true;
			x->has_form = true;
		}
	}
	if ((owner || reviewer) && app_status_open(ap.status)) {
		bool posted = which && strcmp(which, "comment") == 0;
		comment_form(r, &v, &ap, posted);
		if (posted && e != NULL && e->field)
			for (size_t i = 0; i < v.comment.n_fields; i++)
				if (strcmp(v.comment.fields[i].name,
				        e->field) == 0)
					v.comment.fields[i].error = e->msg;
		form_describe(r, v.comment.fields, v.comment.n_fields);
	}

	/* rounds */
	for (size_t i = 0; i < nr; i++) {
		struct view_app_round *x =
		    APPEND(r->arena, v.rounds, v.n_rounds);
		x->round = rounds[i].round;
		x->submitted = fmt_date(r->arena, rounds[i].submitted_at);
		x->outcome = outcome_label(rounds[i].outcome);
		if (rounds[i].decided_at > 0)
			x->decided = arena_printf(r->arena, "decided on %s",
			    fmt_date(r->arena, rounds[i].decided_at));
		if (rounds[i].outcome != NULL &&
		    strcmp(rounds[i].outcome, "auto_declined") == 0)
			x->reason =
			    "It contained something that could identify "
			    "a person who uses services or a colleague. "
			    "Nothing else was judged.";
		else if (rounds[i].reason_code[0] != '\0')
			x->reason = arena_printf(
			    r->arena, "Reason: %s.", rounds[i].reason_code);
		if (rounds[i].outcome != NULL)
			x->feedback = rounds[i].feedback;
		for (size_t k = 0;
		     rounds[i].outcome != NULL && k < rounds[i].nmarks; k++) {
			struct view_app_mark *m =
			    APPEND(r->arena, x->marks, x->n_marks);
			m->number = rounds[i].marks[k].position;
			m->result = rounds[i].marks[k].met ? "met" : "not yet";
			m->comment = rounds[i].marks[k].comment;
		}
	}

	/* integrity */
	for (size_t i = 0; i < ncc; i++) {
		if (cc[i].outcome[0] != '\0' && ap.status != APP_INTEGRITY)
			continue;
		v.concern = cc[i].note;
		v.concern_raised = fmt_date(r->arena, cc[i].raised_at);
		v.response = cc[i].response[0] ? cc[i].response : NULL;
		if (owner && ap.status == APP_INTEGRITY &&
		    cc[i].responded_at == 0 && cc[i].outcome[0] == '\0') {
			bool posted = which && strcmp(which, "respond") == 0;
			struct view_field *fd;
			form_init(r, &v.respond,
			    app_path(r, ap.id, "/response"), "Send response");
			fd = form_field(r, &v.respond, "response",
			    "Your response", "textarea");
			if (!posted)
				fd->value = "";
			field_hint(fd,
			    "You can respond once. Say how you produced your "
			    "evidence and anything the issuer should know.");
			if (posted && e != NULL)
				fd->error = e->msg;
			form_describe(r, v.respond.fields, v.respond.n_fields);
			v.has_response_form = true;
		}
	}
	if (owner &&
	    (app_status_editable(ap.status) ||
	        (ap.status == APP_SUBMITTED && ap.claimed_by == NULL))) {
		form_init(r, &v.withdraw, app_path(r, ap.id, "/withdraw"),
		    "Withdraw application");
		v.withdraw.secondary = true;
		v.has_withdraw = true;
	}
	if (e != NULL && e->msg != NULL) {
		const char *href = "#main-content";
		if (which && strcmp(which, "invite") == 0)
			href = e->field && strcmp(e->field, "relationship") == 0
			    ? "#f-relationship"
			    : "#f-email";
		else if (which && strcmp(which, "comment") == 0)
			href = "#f-body";
		else if (which && strcmp(which, "respond") == 0)
			href = "#f-response";
		add_error(r, &v.errors, &v.n_errors, href, e->msg);
	}
	resp_header(rs, "Cache-Control", "no-store");
	buf_init(&content, r->arena, 8 << 20);
	tmpl_application(&content, &v);
	return render_page(r, rs,
	    arena_printf(r->arena, "%sApplication: %s",
	        v.n_errors ? "Error: " : "", ap.badge_name),
	    &content);
}

int
h_apply_view(struct req *r, struct resp *rs)
{
	return view_page(r, rs, NULL, NULL);
}

/* after_form answers a form on the application page: a redirect with
 * done, the page again with the form's error, or 404. */
static int
after_form(struct req *r, struct resp *rs, int rc, const struct form_err *e,
    const char *which, const char *done)
{
	struct who w = web_who(r);

	if (rc == 0)
		return resp_redirect(rs,
		    app_path(r, r->path_params[0],
		        arena_printf(r->arena, "?done=%s", done)));
	if (rc == ERR_NOTFOUND &&
	    application_access(r->app, r->arena, &w, r->path_params[0]) == 0)
		return not_found(rs);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN ||
	    rc == ERR_NOTFOUND) {
		rs->status = http_status_for_err(rc);
		return view_page(r, rs, e, which);
	}
	return rc;
}

int
h_apply_invite(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_invite(r->app, r->arena, &w, r->path_params[0],
	    req_text(r, "email"), req_text(r, "relationship"), &e);
	return after_form(r, rs, rc, &e, "invite", "invited#reviewers");
}

int
h_apply_reviewer_remove(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_reviewer_remove(
	    r->app, r->arena, &w, r->path_params[0], r->path_params[1], &e);
	return after_form(r, rs, rc, &e, NULL, "removed#reviewers");
}

int
h_apply_comment(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	const char *cs = req_text(r, "criterion");
	int64_t criterion = 0;
	int rc;

	if (cs[0] != '\0' &&
	    num_parse(cs, strlen(cs), 0, MAX_ANSWERS, &criterion) != 0)
		criterion = -1;
	rc = application_comment(r->app, r->arena, &w, r->path_params[0],
	    (int)criterion, req_text(r, "body"), &e);
	return after_form(r, rs, rc, &e, "comment", "commented#comments");
}

int
h_apply_comment_resolve(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_comment_resolve(
	    r->app, r->arena, &w, r->path_params[0], r->path_params[1], &e);
	return after_form(r, rs, rc, &e, NULL, "resolved#comments");
}

int
h_apply_withdraw(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_withdraw(r->app, r->arena, &w, r->path_params[0], &e);
	return after_form(r, rs, rc, &e, "withdraw", "withdrawn");
}

int
h_apply_respond(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_respond(r->app, r->arena, &w, r->path_params[0],
	    req_text(r, "response"), &e);
	return after_form(r, rs, rc, &e, "respond", "responded#concern");
}

/* ---- attachments ------------------------------------------------------- */

int
h_apply_attach(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct edit_state st = {0};
	struct application ap;
	struct app_draft stored;
	const char *name, *att;
	const void *data;
	size_t len;
	bool done;
	int rc;

	data = req_file(r, "file", &len, &name);
	if (data == NULL) {
		rc = ERR_INVAL;
		e.field = "file";
		e.msg = "Choose a file to attach.";
	} else {
		rc = application_attach(r->app, r->arena, &w, r->path_params[0],
		    name, data, len, &att, &e);
	}
	if (rc == 0)
		return resp_redirect(rs,
		    app_path(r, r->path_params[0],
		        "/edit?done=attached#attachments"));
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if ((rc != ERR_INVAL && rc != ERR_TOOBIG && rc != ERR_CONFLICT &&
	        rc != ERR_FORBIDDEN) ||
	    e.msg == NULL)
		return rc;
	rs->status = rc == ERR_TOOBIG ? 413 : http_status_for_err(rc);
	{
		unsigned keep = rs->status;
		if ((rc = load_own(r, rs, &ap, &done)) != 0 || done)
			return rc;
		rs->status = keep;
	}
	if ((rc = application_draft_of(r->arena, &ap, &stored)) != 0)
		return rc;
	st.shown = &stored;
	st.revision = ap.revision;
	st.e = &e;
	st.attach_error = e.msg;
	return edit_page(r, rs, &ap, &st);
}

int
h_apply_detach(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = application_detach(
	    r->app, r->arena, &w, r->path_params[0], r->path_params[1], &e);
	if (rc == 0)
		return resp_redirect(rs,
		    app_path(r, r->path_params[0],
		        "/edit?done=removed#attachments"));
	if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
		return not_found(rs);
	if (rc == ERR_CONFLICT)
		return resp_error(rs, 409, e.msg);
	return rc;
}

int
h_apply_attachment(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct app_attachment meta;
	const void *bytes;
	struct buf cd;
	size_t len;
	int rc;

	rc = application_attachment(r->app, r->arena, &w, r->path_params[0],
	    r->path_params[1], &meta, &bytes, &len);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "There is no file at this address, "
		    "or you do not have access to it.");
	if (rc != 0)
		return rc;
	buf_init(&cd, r->arena, 2048);
	buf_adds(&cd, "attachment; filename=\"");
	for (const char *p = meta.filename; *p; p++) {
		unsigned char c = (unsigned char)*p;
		buf_addc(&cd,
		    c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char)c
		                                                   : '_');
	}
	buf_adds(&cd, "\"; filename*=UTF-8''");
	url_encode_component(&cd, meta.filename, strlen(meta.filename));
	if (buf_err(&cd) != 0)
		return ERR_TOOBIG;
	rs->status = 200;
	rs->content_type = meta.content_type;
	resp_header(rs, "Content-Disposition", cd.data);
	resp_header(rs, "Cache-Control", "private, no-store");
	resp_header(
	    rs, "Content-Security-Policy", "default-src 'none'; sandbox");
	buf_add(&rs->body, bytes, len);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

/* ---- submitting -------------------------------------------------------- */

static int
submit_page(struct req *r, struct resp *rs, const struct application *ap,
    const struct form_err *e)
{
	struct view_app_submit v;
	struct app_draft d;
	struct app_hit *hits;
	struct buf content;
	size_t nhits, answered = 0, words = app_word_count(ap->account_md);
	int rc;

	memset(&v, 0, sizeof(v));
	v.id = ap->id;
	v.badge_name = ap->badge_name;
	v.action = app_path(r, ap->id, "/submit");
	v.csrf = r->csrf;
	v.revision = arena_printf(r->arena, "%lld", (long long)ap->revision);
	v.declaration = DECLARATION_TEXT;
	v.policy_version = DECLARATION_POLICY_VERSION;
	v.edit_href = app_path(r, ap->id, "/edit");
	for (size_t i = 0; i < ap->nanswers; i++)
		answered += !text_blank(ap->answers[i].text);
	*APPEND(r->arena, v.summary, v.n_summary) =
	    arena_printf(r->arena, "Reflective account: %s",
	        words_text(r->arena, words, ap->min_words));
	*APPEND(r->arena, v.summary, v.n_summary) = arena_printf(
	    r->arena, "Criteria answered: %zu of %zu.", answered, ap->nanswers);
	*APPEND(r->arena, v.summary, v.n_summary) = ap->alt_url[0]
	    ? "Audio or video account: given."
	    : "Audio or video account: none.";
	*APPEND(r->arena, v.summary, v.n_summary) =
	    arena_printf(r->arena, "Attachments: %zu.", ap->nattachments);
	if ((rc = application_draft_of(r->arena, ap, &d)) != 0 ||
	    (rc = application_screen_draft(r->arena, &d, &hits, &nhits)) != 0)
		return rc;
	v.found = found_views(r, &d, hits, nhits, &v.n_found, &v.high_found);
	if (e != NULL && e->msg != NULL) {
		const char *f = e->field ? e->field : "";
		const char *href = "#main-content";
		if (strcmp(f, "declaration") == 0) {
			v.declaration_error = e->msg;
			href = "#f-declaration";
		} else if (f[0] != '\0') {
			href = app_path(
			    r, ap->id, arena_printf(r->arena, "/edit#f-%s", f));
		}
		add_error(r, &v.errors, &v.n_errors, href, e->msg);
	}
	resp_header(rs, "Cache-Control", "no-store");
	buf_init(&content, r->arena, 8 << 20);
	tmpl_application_submit(&content, &v);
	return render_page(r, rs,
	    arena_printf(r->arena, "%sSubmit: %s", v.n_errors ? "Error: " : "",
	        ap->badge_name),
	    &content);
}

int
h_apply_submit_form(struct req *r, struct resp *rs)
{
	struct application ap;
	bool done;
	int rc;

	if ((rc = load_own(r, rs, &ap, &done)) != 0 || done)
		return rc;
	return submit_page(r, rs, &ap, NULL);
}

int
h_apply_submit(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct app_submit_result res;
	struct application ap;
	const char *rev = req_text(r, "revision");
	int64_t revision = -1;
	bool done;
	int rc;

	if (num_parse(rev, strlen(rev), 0, INT64_MAX, &revision) != 0)
		revision = -1;
	rc = application_submit(r->app, r->arena, &w, r->path_params[0],
	    revision, strcmp(req_text(r, "declaration"), "yes") == 0, &res, &e);
	if (rc == 0)
		return resp_redirect(rs,
		    app_path(r, r->path_params[0],
		        res.auto_declined ? "" : "?done=submitted"));
	if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
		return not_found(rs);
	if (rc != ERR_INVAL && rc != ERR_CONFLICT)
		return rc;
	{
		unsigned status = rc == ERR_CONFLICT ? 409 : 400;
		if ((rc = load_own(r, rs, &ap, &done)) != 0 || done)
			return rc;
		rs->status = status;
	}
	return submit_page(r, rs, &ap, &e);
}

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
		    &p, app_path(r, iv.application_id, ""), "Read the draft");
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
		return resp_redirect(rs, app_path(r, id, "?done=accepted"));
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
