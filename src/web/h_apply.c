/*
 * h_apply.c: the learner's side of applying for a badge (domain/
 * application.h): starting from a badge page, the draft form with its
 * autosave (JSON) and the path that keeps what was typed when a session
 * has ended, attachments, the identity screen's findings and submitting
 * with the declaration. The application page and what is posted from it
 * are in h_application.c; reviewers' links and the evidence policy in
 * h_review.c.
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
#include "web/h_apply.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/render.h"
#include "web/server.h"

#define STASH_COOKIE "laurel_stash"

static const char no_app[] = "There is no application at this address, or "
                             "you do not have access to it.";

/* ---- small helpers ----------------------------------------------------- */

const char *
apply_path(struct req *r, const char *id, const char *tail)
{
	return arena_printf(r->arena, "/applications/%s%s", id, tail);
}

int
apply_not_found(struct resp *rs)
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

const char *
apply_kind_name(const char *content_type)
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

void
apply_add_error(struct req *r, struct view_err **errs, size_t *n,
    const char *href, const char *msg)
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
	answers = arena_alloc(r->arena, APPLY_MAX_ANSWERS * sizeof(*answers));
	for (size_t i = 0; answers != NULL && i < APPLY_MAX_ANSWERS; i++) {
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
	v.action = apply_path(r, ap->id, "/save");
	v.csrf = r->csrf;
	v.revision = arena_printf(r->arena, "%lld", (long long)st->revision);
	v.account = d->account_md;
	v.min_words = (long)ap->min_words;
	v.words_text =
	    words_text(r->arena, app_word_count(d->account_md), ap->min_words);
	v.account_describedby = "f-account-hint f-account-words";
	v.alt_url = d->alt_url;
	v.links = d->links;
	v.view_href = apply_path(r, ap->id, "");
	v.submit_href = apply_path(r, ap->id, "/submit");
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
		apply_add_error(r, &v.errors, &v.n_errors, href, st->e->msg);
	}
	if ((rc = application_screen_draft(r->arena, d, &hits, &nhits)) != 0)
		return rc;
	v.found = found_views(r, d, hits, nhits, &v.n_found, &v.high_found);
	v.attachments_allowed = ap->attachments_allowed || ap->nattachments;
	v.can_attach =
	    ap->attachments_allowed && ap->nattachments < APP_ATTACH_MAX_FILES;
	v.attach_action = apply_path(r, ap->id, "/attachments");
	v.attach_error = st->attach_error;
	v.attach_hint = "PDF, PNG, JPEG, plain text, DOCX or ODT, up to 3 MB "
	                "each, at most 10 files.";
	for (size_t i = 0; i < ap->nattachments; i++) {
		const struct app_attachment *t = &ap->attachments[i];
		struct view_app_attachment *x =
		    APPEND(r->arena, v.attachments, v.n_attachments);
		x->href = apply_path(r, ap->id,
		    arena_printf(r->arena, "/attachments/%s", t->id));
		x->filename = t->filename;
		x->kind = apply_kind_name(t->content_type);
		x->size = http_size_words(r->arena, (size_t)t->size);
		form_init(r, &x->remove,
		    apply_path(r, ap->id,
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
		return apply_not_found(rs);
	if (rc != 0)
		return rc;
	if (w.person == NULL || strcmp(ap->person_id, w.person) != 0 ||
	    !app_status_editable(ap->status))
		return resp_redirect(rs, apply_path(r, ap->id, ""));
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
		const char *target = apply_path(
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
		return apply_not_found(rs);
	if (rc == 0) {
		if (r->wants_json)
			return save_json(
			    r, rs, &d, revision, clock_now(r->app->clock));
		return resp_redirect(
		    rs, apply_path(r, r->path_params[0], "/edit?done=saved"));
	}
	if (rc != ERR_CONFLICT && rc != ERR_INVAL)
		return rc;
	if (r->wants_json)
		return resp_error(rs, rc == ERR_CONFLICT ? 409 : 400, e.msg);
	/* Show the form again with everything typed. */
	rc = application_get(r->app, r->arena, &w, r->path_params[0], &ap);
	if (rc != 0)
		return rc == ERR_NOTFOUND ? apply_not_found(rs) : rc;
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
	return resp_redirect(rs, apply_path(r, id, "/edit"));
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
				v.existing_href = apply_path(r, apps[i].id, "");
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
		    apply_path(r, r->path_params[0],
		        "/edit?done=attached#attachments"));
	if (rc == ERR_NOTFOUND)
		return apply_not_found(rs);
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
		    apply_path(r, r->path_params[0],
		        "/edit?done=removed#attachments"));
	if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
		return apply_not_found(rs);
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
	v.action = apply_path(r, ap->id, "/submit");
	v.csrf = r->csrf;
	v.revision = arena_printf(r->arena, "%lld", (long long)ap->revision);
	v.declaration = DECLARATION_TEXT;
	v.policy_version = DECLARATION_POLICY_VERSION;
	v.edit_href = apply_path(r, ap->id, "/edit");
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
			href = apply_path(
			    r, ap->id, arena_printf(r->arena, "/edit#f-%s", f));
		}
		apply_add_error(r, &v.errors, &v.n_errors, href, e->msg);
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
		    apply_path(r, r->path_params[0],
		        res.auto_declined ? "" : "?done=submitted"));
	if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
		return apply_not_found(rs);
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
