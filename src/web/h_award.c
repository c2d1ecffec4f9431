/*
 * h_award.c: the award's page and what hangs off it (domain/award_page.h):
 * the page with its evidence, verification details and sharing links, the
 * learner's settings form, the issuer admin's revoke / suspend / reinstate
 * form, the Open Graph card (PNG), the certificate (PDF), the attachments
 * a viewer may open, and the oEmbed endpoint.
 *
 * Every route is public or needs only a session: the domain decides who
 * sees what (a private page is 404 to anyone but the learner and the
 * issuer's staff). Pages are unlisted: an X-Robots-Tag header and a
 * robots meta tag ask search engines not to index them unless the learner
 * made the page public. The <head> additions (robots, Open Graph, oEmbed
 * discovery) are rendered from templates/award_head.html into the
 * layout's <head>. Everything lives in the request's arena.
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"
#include "domain/award_page.h"
#include "templates.h"
#include "web/assets.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/render.h"
#include "web/server.h"

#define EMBED_SIZE 120 /* the embedded badge's side, CSS pixels */
#define PAGE_MAX (8u << 20)

static const char *
base(const struct req *r)
{
	return r->app->cfg && r->app->cfg->base_url ? r->app->cfg->base_url
	                                            : "";
}

/* abs_url is the public address of path (which starts with '/'). */
static const char *
abs_url(struct req *r, const char *path)
{
	return arena_printf(r->arena, "%s%s", base(r), path);
}

static const char *
award_path(struct req *r, const char *id, const char *rest)
{
	return arena_printf(r->arena, "/awards/%s%s", id, rest);
}

/* enc appends s percent-encoded for a query value. */
static void
enc(struct buf *b, const char *s)
{
	url_encode_component(b, s, strlen(s));
}

static bool
withdrawn(const char *status)
{
	return strcmp(status, "revoked") == 0 ||
	    strcmp(status, "suspended") == 0;
}

/* not_found answers 404 with the page's one message. */
static int
not_found(struct resp *rs)
{
	return resp_error(rs, 404,
	    "There is no award at this address, or its holder has made its "
	    "page private.");
}

/* ---- sharing ----------------------------------------------------------- */

/* year_month sets *y and *m from t (UTC). */
static void
year_month(int64_t t, int *y, int *m)
{
	char d[16];

	clock_format_date(t, d, sizeof(d));
	*y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
	*m = (d[5] - '0') * 10 + (d[6] - '0');
}

/* linkedin_url is LinkedIn's documented "Add to profile" link for a
 * certification, with the fields filled in. */
static const char *
linkedin_url(struct req *r, const struct award_page *pg, const char *url)
{
	struct buf b;
	int y, m;

	buf_init(&b, r->arena, 8192);
	buf_adds(&b,
	    "https://www.linkedin.com/profile/add?startTask="
	    "CERTIFICATION_NAME&name=");
	enc(&b, pg->badge.name);
	buf_adds(&b, "&organizationName=");
	enc(&b, pg->award.issuer_name);
	year_month(pg->award.issued_at, &y, &m);
	buf_addf(&b, "&issueYear=%d&issueMonth=%d", y, m);
	if (pg->award.expires_at != 0) {
		year_month(pg->award.expires_at, &y, &m);
		buf_addf(&b, "&expirationYear=%d&expirationMonth=%d", y, m);
	}
	buf_adds(&b, "&certUrl=");
	enc(&b, url);
	buf_adds(&b, "&certId=");
	enc(&b, pg->award.id);
	return buf_err(&b) ? "" : b.data;
}

static const char *
share_url(struct req *r, const char *prefix, const char *k1, const char *v1,
    const char *k2, const char *v2)
{
	struct buf b;

	buf_init(&b, r->arena, 8192);
	buf_adds(&b, prefix);
	buf_adds(&b, k1);
	enc(&b, v1);
	if (k2 != NULL) {
		buf_adds(&b, k2);
		enc(&b, v2);
	}
	return buf_err(&b) ? "" : b.data;
}

/*
 * embed_html is the snippet another site pastes: the badge's picture (or
 * the card when the badge has none) linking to the page, attributes
 * escaped. size is the picture's side in CSS pixels.
 */
static const char *
embed_html(struct req *r, const struct award_page *pg, unsigned size)
{
	const char *img = render_image_url(
	    r->arena, pg->badge.image_hash, pg->badge.image_ext);
	const char *alt = arena_printf(r->arena, "%s, awarded to %s",
	    pg->badge.name, pg->award.person_name);
	unsigned w = size, h = size;
	struct buf b;

	if (img[0] == '\0') {
		img = award_path(r, pg->award.id, "/card.png");
		w = size * 2;
		h = (unsigned)((size * 2ul * AWARD_CARD_H) / AWARD_CARD_W);
	}
	img = abs_url(r, img);
	buf_init(&b, r->arena, 8192);
	buf_adds(&b, "<a href=\"");
	html_escape(&b, abs_url(r, award_path(r, pg->award.id, "")),
	    strlen(abs_url(r, award_path(r, pg->award.id, ""))));
	buf_adds(&b, "\"><img src=\"");
	html_escape(&b, img, strlen(img));
	buf_adds(&b, "\" alt=\"");
	html_escape(&b, alt, strlen(alt));
	buf_addf(&b, "\" width=\"%u\" height=\"%u\"></a>", w, h);
	return buf_err(&b) ? "" : b.data;
}

/* ---- the page ---------------------------------------------------------- */

static void
fact(struct req *r, struct view_award *v, const char *key, const char *value,
    const char *href)
{
	struct view_award_fact *f = APPEND(r->arena, v->facts, v->n_facts);

	f->key = key;
	f->value = value;
	f->href = href;
}

static const char *
evidence_words(enum award_evidence_vis e)
{
	switch (e) {
	case AWARD_EVIDENCE_ALL:
		return "all the evidence";
	case AWARD_EVIDENCE_SUMMARY:
		return "only the summary";
	default:
		return "no evidence";
	}
}

static const char *
visibility_words(enum award_page_vis p)
{
	switch (p) {
	case AWARD_PAGE_PUBLIC:
		return "Public: anyone with the link can see this page, and "
		       "search engines may list it.";
	case AWARD_PAGE_PRIVATE:
		return "Private: only the learner and the issuer's staff can "
		       "see this page.";
	default:
		return "Unlisted: anyone with the link can see this page. "
		       "Search engines are asked not to list it.";
	}
}

static const char *
status_text(struct req *r, const struct award_page *pg)
{
	const char *when = pg->status_changed_at
	    ? arena_printf(
	          r->arena, " on %s", fmt_date(r->arena, pg->status_changed_at))
	    : "";

	if (strcmp(pg->status, "revoked") == 0)
		return arena_printf(r->arena,
		    "This award was revoked by its issuer%s. It is no longer "
		    "valid.",
		    when);
	if (strcmp(pg->status, "suspended") == 0)
		return arena_printf(r->arena,
		    "This award was suspended by its issuer%s. It is not "
		    "valid while it is suspended.",
		    when);
	if (strcmp(pg->status, "expired") == 0)
		return arena_printf(r->arena, "This award expired on %s.",
		    fmt_date(r->arena, pg->award.expires_at));
	if (strcmp(pg->status, "lapsed") == 0)
		return "This award has lapsed: the endorsement it needed was "
		       "not given in time.";
	return NULL;
}

static void
settings_form(struct req *r, const struct award_page *pg, struct view_award *v)
{
	struct view_form *f = &v->settings;
	struct view_field *fd;
	bool posted =
	    r->method == HTTP_POST && req_param(r, "evidence") != NULL;

	form_init(r, f, award_path(r, pg->award.id, "/settings"), "Save");
	fd = form_field(r, f, "page", "Who can find this page", "select");
	if (!posted)
		fd->value = award_page_vis_code(pg->page_vis);
	field_option(r, fd, "unlisted",
	    "Anyone with the link (search engines are asked not to list it)");
	field_option(r, fd, "public", "Anyone, and search engines may list it");
	field_option(r, fd, "private", "Only me and the issuer");
	fd = form_field(
	    r, f, "evidence", "What evidence others can see", "select");
	if (!posted)
		fd->value = award_evidence_vis_code(pg->evidence_vis);
	field_option(
	    r, fd, "none", "None: only the badge and what it recognises");
	field_option(r, fd, "summary", "A summary I write");
	field_option(r, fd, "all", "All my evidence, as the assessor saw it");
	fd = form_field(r, f, "summary", "Your summary (optional)", "textarea");
	if (!posted)
		fd->value = pg->summary;
	field_hint(fd,
	    "Shown with a summary or with all your evidence; at most 2000 "
	    "characters. Do not include anything that could identify a "
	    "person who uses services or a colleague.");
	fd = form_field(r, f, "attachments", "Your attachments", "select");
	if (!posted)
		fd->value = pg->attachments_public ? "yes" : "no";
	field_option(r, fd, "no", "Keep them private");
	field_option(r, fd, "yes", "Show them with all my evidence");
	form_describe(r, f->fields, f->n_fields);
}

static void
status_form(struct req *r, const struct award_page *pg, struct view_award *v)
{
	struct view_form *f = &v->status_form;
	struct view_field *fd;

	form_init(r, f, award_path(r, pg->award.id, "/status"), "Confirm");
	f->secondary = true;
	fd = form_field(r, f, "action", "What to do", "select");
	if (strcmp(pg->award.status, "suspended") == 0)
		field_option(
		    r, fd, "reinstate", "Reinstate: make it active again");
	else if (strcmp(pg->award.status, "active") == 0)
		field_option(
		    r, fd, "suspend", "Suspend: not valid until reinstated");
	field_option(r, fd, "revoke", "Revoke: no longer valid, for good");
	fd = form_field(r, f, "reason", "Reason", "select");
	field_option(r, fd, "", "Choose a reason");
	field_option(r, fd, "ai-generated-evidence",
	    award_reason_label("ai-generated-evidence"));
	field_option(
	    r, fd, "copied-evidence", award_reason_label("copied-evidence"));
	field_option(r, fd, "identifies-individuals",
	    award_reason_label("identifies-individuals"));
	field_option(
	    r, fd, "issued-in-error", award_reason_label("issued-in-error"));
	field_option(r, fd, "other", award_reason_label("other"));
	field_hint(fd, "Not needed to reinstate.");
	fd = form_field(r, f, "public_note",
	    "Explanation shown on this page (optional)", "textarea");
	field_hint(fd,
	    "In your words, for anyone who checks the award. Do not name "
	    "anyone.");
	fd = form_field(r, f, "private_note",
	    "Note for the learner only (optional)", "textarea");
	form_describe(r, f->fields, f->n_fields);
}

/* fill builds the page's view from pg. */
static int
fill(struct req *r, const struct award_page *pg, struct view_award *v)
{
	const struct badge_detail *d = &pg->badge;
	const char *url = abs_url(r, award_path(r, pg->award.id, ""));
	bool privileged = pg->owner || pg->issuer_staff;
	struct buf md;
	int rc;

	memset(v, 0, sizeof(*v));
	v->person_name = pg->award.person_name;
	v->badge_id = d->id;
	v->badge_name = d->name;
	v->badge_summary = d->summary;
	v->image_url = render_image_url(r->arena, d->image_hash, d->image_ext);
	v->image_alt = d->image_alt;
	v->criteria = d->criteria;
	v->n_criteria = d->n_criteria;
	if (d->version != d->current_version)
		v->version_note = arena_printf(r->arena,
		    "These are the criteria of version %lld of the badge, "
		    "the version awarded.",
		    (long long)d->version);
	fact(r, v, "Awarded to", pg->award.person_name, NULL);
	fact(r, v, "Issued by", pg->award.issuer_name,
	    arena_printf(r->arena, "/issuers/%s", pg->award.issuer_id));
	if (pg->awarding_org_name[0] != '\0')
		fact(r, v, "Awarded on the issuer's behalf by",
		    pg->awarding_org_name, NULL);
	fact(r, v, "Issued on", fmt_date(r->arena, pg->award.issued_at), NULL);
	fact(r, v, strcmp(pg->status, "expired") == 0 ? "Expired" : "Expires",
	    pg->award.expires_at ? fmt_date(r->arena, pg->award.expires_at)
	                         : "Does not expire",
	    NULL);
	fact(r, v, "Status", award_status_label(pg->status), NULL);
	fact(r, v, "Award reference", pg->award.id, NULL);
	v->status_label = award_status_label(pg->status);
	v->withdrawn = withdrawn(pg->status);
	v->ended = !v->withdrawn && strcmp(pg->status, "active") != 0;
	v->status_text = status_text(r, pg);
	if (v->withdrawn) {
		v->reason_label = pg->reason_label;
		v->public_note = pg->public_note;
		v->private_note = pg->private_note;
	}

	/* The evidence. */
	v->show_summary = pg->show_summary;
	v->summary = pg->summary;
	v->show_evidence = pg->show_evidence;
	if (privileged && pg->evidence_private)
		v->evidence_note = arena_printf(r->arena, "%s %s",
		    pg->owner ? "Only you and the issuer's staff can see all "
		                "the evidence below."
		              : "You can see the evidence below because you "
		                "are on the issuer's staff.",
		    pg->page_vis == AWARD_PAGE_PRIVATE
		        ? "The page is private: no one else can see it."
		        : withdrawn(pg->status)
		        ? "Others see no evidence while the award is "
		          "suspended or revoked."
		        : arena_printf(r->arena, "Others see %s%s.",
		              evidence_words(pg->evidence_vis),
		              pg->evidence_vis == AWARD_EVIDENCE_ALL &&
		                      !pg->attachments_public
		                  ? ", without the attachments"
		                  : ""));
	v->evidence_none = withdrawn(pg->status)
	    ? "The evidence is not shown while this award is suspended or "
	      "revoked."
	    : "The learner has chosen not to show their evidence.";
	if (pg->show_evidence) {
		buf_init(&md, r->arena, 1 << 20);
		if ((rc = markdown_render(&md, pg->account_md,
		         strlen(pg->account_md), &v->account)) != 0)
			v->account = html_safe_empty();
		v->alt_url = pg->alt_url;
		v->links = pg->links;
		v->n_links = pg->nlinks;
		for (size_t i = 0; i < pg->nanswers; i++) {
			struct view_award_answer *x =
			    APPEND(r->arena, v->answers, v->n_answers);
			x->position = pg->answers[i].position;
			x->criterion = pg->answers[i].criterion;
			x->answer = pg->answers[i].answer;
		}
		for (size_t i = 0; i < pg->nfiles; i++) {
			struct view_award_file *x =
			    APPEND(r->arena, v->files, v->n_files);
			x->href = award_path(r, pg->award.id,
			    arena_printf(
			        r->arena, "/attachments/%s", pg->files[i].id));
			x->name = pg->files[i].filename;
			x->size = http_size_words(
			    r->arena, (size_t)pg->files[i].size);
		}
	}
	for (size_t i = 0; i < pg->nendorsements; i++) {
		struct view_award_endorsement *x =
		    APPEND(r->arena, v->endorsements, v->n_endorsements);
		x->name = pg->endorsements[i].name;
		x->relationship = pg->endorsements[i].relationship;
		x->organisation = pg->endorsements[i].organisation;
		x->verified_manager = pg->endorsements[i].verified_manager;
		x->message = pg->endorsements[i].message;
		x->date = fmt_date(r->arena, pg->endorsements[i].at);
	}

	/* Endorsing (h_endorse.c): the learner manages theirs; others may
	 * endorse an active award whose page they can see. */
	if (pg->owner) {
		v->endorse_href = award_path(r, pg->award.id, "/endorsements");
		v->endorse_label = "Ask for and manage endorsements";
	} else if (strcmp(pg->status, "active") == 0 &&
	    pg->page_vis != AWARD_PAGE_PRIVATE) {
		v->endorse_href = award_path(r, pg->award.id, "/endorse");
		v->endorse_label = "Endorse this award";
	}

	/* Verification and sharing. */
	v->url = url;
	v->award_id = pg->award.id;
	v->issuer_id = pg->award.issuer_id;
	v->issuer_name = pg->award.issuer_name;
	v->certificate_href = award_path(r, pg->award.id, "/certificate.pdf");
	v->assertion_href = arena_printf(
	    r->arena, "%s/ob/v2/assertions/%s", base(r), pg->award.id);
	v->check_href =
	    share_url(r, "/verify", "?url=", v->assertion_href, NULL, NULL);
	v->baked_kind =
	    strcmp(pg->badge.image_ext, "svg") == 0 && pg->badge.image_hash[0]
	    ? "SVG"
	    : "PNG";
	v->baked_href = withdrawn(pg->status)
	    ? ""
	    : award_path(r, pg->award.id,
	          strcmp(v->baked_kind, "SVG") == 0 ? "/badge.svg"
	                                            : "/badge.png");
	v->credential_href = arena_printf(
	    r->arena, "%s/ob/v3/credentials/%s", base(r), pg->award.id);
	v->jwt_href = arena_printf(
	    r->arena, "%s/ob/v3/credentials/%s.jwt", base(r), pg->award.id);
	v->baked3_href = withdrawn(pg->status)
	    ? ""
	    : award_path(r, pg->award.id,
	          strcmp(v->baked_kind, "SVG") == 0 ? "/badge.svg?format=ob3"
	                                            : "/badge.png?format=ob3");
	v->card_href = award_path(r, pg->award.id, "/card.png");
	v->can_share = pg->page_vis != AWARD_PAGE_PRIVATE;
	if (v->can_share) {
		const char *text =
		    arena_printf(r->arena, "%s, awarded to %s by %s", d->name,
		        pg->award.person_name, pg->award.issuer_name);
		v->linkedin = linkedin_url(r, pg, url);
		v->facebook =
		    share_url(r, "https://www.facebook.com/sharer/sharer.php",
		        "?u=", url, NULL, NULL);
		v->x = share_url(r, "https://twitter.com/intent/tweet",
		    "?url=", url, "&text=", text);
		v->email = share_url(r, "mailto:", "?subject=", text,
		    "&body=", arena_printf(r->arena, "%s\n\n%s", text, url));
		v->embed = embed_html(r, pg, EMBED_SIZE);
		v->js = assets_url(&r->site->assets, "js/award.js");
	}
	if (privileged)
		v->visibility = visibility_words(pg->page_vis);
	v->is_owner = pg->owner;
	if (pg->owner)
		settings_form(r, pg, v);
	v->is_admin = pg->issuer_admin && strcmp(pg->award.status, "revoked");
	if (v->is_admin)
		status_form(r, pg, v);
	return 0;
}

/* head_view fills the <head> additions for pg. */
static void
head_view(struct req *r, const struct award_page *pg, struct view_award_head *h)
{
	struct buf b;

	memset(h, 0, sizeof(*h));
	h->noindex = !pg->indexable;
	h->title = arena_printf(r->arena, "%s, awarded to %s", pg->badge.name,
	    pg->award.person_name);
	h->description =
	    arena_printf(r->arena, "An Open Badge issued by %s. %s",
	        pg->award.issuer_name, pg->badge.summary);
	h->url = abs_url(r, award_path(r, pg->award.id, ""));
	h->image = abs_url(r, award_path(r, pg->award.id, "/card.png"));
	h->image_alt =
	    arena_printf(r->arena, "The badge %s, awarded to %s by %s",
	        pg->badge.name, pg->award.person_name, pg->award.issuer_name);
	buf_init(&b, r->arena, 8192);
	buf_adds(&b, base(r));
	buf_adds(&b, "/oembed?format=json&url=");
	enc(&b, h->url);
	h->oembed = buf_err(&b) ? "" : b.data;
	h->assertion = arena_printf(
	    r->arena, "%s/ob/v2/assertions/%s", base(r), pg->award.id);
}

/*
 * render_award renders the page into rs, with its <head> additions and
 * the X-Robots-Tag header.
 */
static int
render_award(struct req *r, struct resp *rs, const struct award_page *pg,
    struct view_award *v)
{
	struct view_award_head h;
	struct buf content, head;
	int rc;

	head_view(r, pg, &h);
	buf_init(&content, r->arena, PAGE_MAX);
	tmpl_award(&content, v);
	buf_init(&head, r->arena, 64 * 1024);
	tmpl_award_head(&head, &h);
	if (buf_err(&content) || buf_err(&head))
		return ERR_TOOBIG;
	if ((rc = render_page_head(r, rs, h.title, &content, &head)) != 0)
		return rc;
	if (!pg->indexable)
		resp_header(rs, "X-Robots-Tag", "noindex");
	/* Status and evidence change: never serve a stale copy. */
	resp_header(rs, "Cache-Control", "no-cache");
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

static const char *
done_notice(const char *done)
{
	if (strcmp(done, "settings") == 0)
		return "Your choices have been saved.";
	if (strcmp(done, "status") == 0)
		return "The award's status has been changed and the learner "
		       "told.";
	return NULL;
}

int
h_award(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct award_page pg;
	struct view_award v;
	int rc;

	/* Verifiers asking for JSON-LD get the assertion (h_ob.c). */
	if (ob_wants_assertion(r))
		return h_ob_assertion(r, rs);
	rc = award_view(r->app, r->arena, &w, r->path_params[0], &pg);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc != 0)
		return rc;
	if ((rc = fill(r, &pg, &v)) != 0)
		return rc;
	v.notice = done_notice(req_text(r, "done"));
	return render_award(r, rs, &pg, &v);
}

/* refused shows the page again with e's message (status st). */
static int
refused(struct req *r, struct resp *rs, unsigned st, const struct form_err *e,
    bool settings)
{
	struct who w = web_who(r);
	struct award_page pg;
	struct view_award v;
	struct view_form *f;
	struct view_err *x;
	int rc;

	rc = award_view(r->app, r->arena, &w, r->path_params[0], &pg);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc != 0 || (rc = fill(r, &pg, &v)) != 0)
		return rc;
	f = settings ? &v.settings : &v.status_form;
	x = APPEND(r->arena, v.errors, v.n_errors);
	x->msg = e->msg ? e->msg : "Check the form.";
	x->href = settings ? "#settings" : "#status-change";
	for (size_t i = 0; e->field && i < f->n_fields; i++)
		if (strcmp(f->fields[i].name, e->field) == 0) {
			f->fields[i].error = x->msg;
			x->href =
			    arena_printf(r->arena, "#%s", f->fields[i].id);
		}
	form_describe(r, f->fields, f->n_fields);
	rs->status = st;
	return render_award(r, rs, &pg, &v);
}

int
h_award_settings(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct award_settings s;
	struct form_err e = {0};
	int rc;

	s.page = req_text(r, "page");
	s.evidence = req_text(r, "evidence");
	s.summary = req_text(r, "summary");
	s.attachments_public = strcmp(req_text(r, "attachments"), "yes") == 0;
	rc =
	    award_settings_set(r->app, r->arena, &w, r->path_params[0], &s, &e);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc == ERR_FORBIDDEN)
		return resp_error(rs, 403, e.msg);
	if (rc == ERR_INVAL)
		return refused(r, rs, 400, &e, true);
	if (rc != 0)
		return rc;
	return resp_redirect(
	    rs, award_path(r, r->path_params[0], "?done=settings#settings"));
}

int
h_award_status(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = award_status_change(r->app, r->arena, &w, r->path_params[0],
	    award_action_parse(req_text(r, "action")), req_text(r, "reason"),
	    req_text(r, "public_note"), req_text(r, "private_note"), &e);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc == ERR_FORBIDDEN)
		return resp_error(rs, 403, e.msg);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT)
		return refused(r, rs, rc == ERR_INVAL ? 400 : 409, &e, false);
	if (rc != 0)
		return rc;
	return resp_redirect(
	    rs, award_path(r, r->path_params[0], "?done=status"));
}

/* ---- files ------------------------------------------------------------- */

/* etag_matches is true when the If-None-Match header names etag. */
static bool
etag_matches(const char *inm, const char *etag)
{
	return inm != NULL &&
	    (strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL);
}

int
h_award_card(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct award_page pg;
	struct award_print p;
	const void *png;
	size_t len;
	char hash[65];
	const char *key, *etag;
	int rc;

	rc = award_view(r->app, r->arena, &w, r->path_params[0], &pg);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc != 0)
		return rc;
	/* The card changes only with what it shows. */
	key = arena_printf(r->arena, "card1|%s|%s|%s|%s|%s|%s|%s|%s",
	    pg.award.id, pg.status, pg.award.person_name, pg.badge.name,
	    pg.award.issuer_name, pg.awarding_org_name, pg.badge.image_hash,
	    pg.badge.colour);
	sha256_hex(key, strlen(key), hash);
	etag = arena_printf(r->arena, "\"%.32s\"", hash);
	resp_header(rs, "ETag", etag);
	resp_header(rs, "Cache-Control",
	    pg.page_vis == AWARD_PAGE_PRIVATE ? "private, no-cache"
	                                      : "public, max-age=300");
	resp_header(rs, "X-Robots-Tag", "noindex");
	if (etag_matches(r->if_none_match, etag)) {
		rs->status = 304;
		rs->static_body = "";
		rs->static_len = 0;
		return 0;
	}
	if ((rc = award_print_of(r->app, r->arena, &pg,
	         abs_url(r, award_path(r, pg.award.id, "")), &p)) != 0 ||
	    (rc = award_card_png(r->arena, &p, &png, &len)) != 0)
		return rc;
	rs->status = 200;
	rs->content_type = "image/png";
	buf_add(&rs->body, png, len);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

int
h_award_certificate(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct award_page pg;
	struct award_print p;
	const void *pdf;
	size_t len;
	int rc;

	rc = award_view(r->app, r->arena, &w, r->path_params[0], &pg);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc != 0)
		return rc;
	if ((rc = award_print_of(r->app, r->arena, &pg,
	         abs_url(r, award_path(r, pg.award.id, "")), &p)) != 0 ||
	    (rc = award_certificate_pdf(r->arena, &p, &pdf, &len)) != 0)
		return rc;
	rs->status = 200;
	rs->content_type = "application/pdf";
	resp_header(rs, "Content-Disposition",
	    arena_printf(r->arena, "inline; filename=\"laurel-award-%s.pdf\"",
	        pg.award.id));
	resp_header(rs, "Cache-Control", "private, no-cache");
	resp_header(rs, "X-Robots-Tag", "noindex");
	buf_add(&rs->body, pdf, len);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

int
h_award_attachment(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct award_file meta;
	const void *bytes;
	struct buf cd;
	size_t len;
	int rc;

	rc = award_attachment(r->app, r->arena, &w, r->path_params[0],
	    r->path_params[1], &meta, &bytes, &len);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "There is no file at this address, or you do not have "
		    "access to it.");
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
	enc(&cd, meta.filename);
	if (buf_err(&cd) != 0)
		return ERR_TOOBIG;
	rs->status = 200;
	rs->content_type = meta.content_type;
	resp_header(rs, "Content-Disposition", cd.data);
	resp_header(rs, "Cache-Control", "private, no-store");
	resp_header(rs, "X-Robots-Tag", "noindex");
	resp_header(
	    rs, "Content-Security-Policy", "default-src 'none'; sandbox");
	buf_add(&rs->body, bytes, len);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

/* ---- oEmbed ------------------------------------------------------------ */

/* oembed_id finds the award id in url: this site's /awards/ID. */
static const char *
oembed_id(struct req *r, const char *url)
{
	const char *b = base(r), *p = url;
	size_t bl = strlen(b);

	if (bl > 0 && strncmp(p, b, bl) == 0)
		p += bl;
	if (strncmp(p, "/awards/", 8) != 0)
		return NULL;
	p += 8;
	if (strlen(p) != ID_LEN || !id_valid(p, ID_LEN))
		return NULL;
	return p;
}

int
h_oembed(struct req *r, struct resp *rs)
{
	struct who anon = {NULL, r->ip};
	const char *url = req_text(r, "url"), *fmt = req_text(r, "format");
	const char *mw = req_param(r, "maxwidth"),
	           *mh = req_param(r, "maxheight");
	const char *id, *html;
	struct award_page pg;
	unsigned size = EMBED_SIZE, w, h;
	int64_t lim;
	json_t *j;
	char *s;
	int rc;

	r->wants_json = true;
	if (fmt[0] != '\0' && strcmp(fmt, "json") != 0)
		return resp_error(rs, 501, "Only the json format is offered.");
	if ((id = oembed_id(r, url)) == NULL)
		return resp_error(rs, 404, "Not an award page of this site.");
	/* Whoever asks, the embed is what anyone may see. */
	rc = award_view(r->app, r->arena, &anon, id, &pg);
	if (rc == ERR_NOTFOUND)
		return not_found(rs);
	if (rc != 0)
		return rc;
	/* The route declared both as integers from 1. */
	if (mw != NULL && num_parse(mw, strlen(mw), 1, 100000, &lim) == 0 &&
	    lim < size)
		size = (unsigned)lim;
	if (mh != NULL && num_parse(mh, strlen(mh), 1, 100000, &lim) == 0 &&
	    lim < size)
		size = (unsigned)lim;
	if (size < 16)
		size = 16;
	html = embed_html(r, &pg, size);
	w = size;
	h = size;
	if (pg.badge.image_hash[0] == '\0') {
		w = size * 2;
		h = (unsigned)((size * 2ul * AWARD_CARD_H) / AWARD_CARD_W);
	}
	j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:s,s:i,s:i}",
	    "version", "1.0", "type", "rich", "provider_name", "Laurel",
	    "provider_url", base(r), "title",
	    arena_printf(r->arena, "%s, awarded to %s", pg.badge.name,
	        pg.award.person_name),
	    "html", html, "width", (int)w, "height", (int)h, "thumbnail_url",
	    abs_url(r, award_path(r, id, "/card.png")), "thumbnail_width",
	    AWARD_CARD_W, "thumbnail_height", AWARD_CARD_H);
	s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (s == NULL)
		return ERR_TOOBIG;
	rs->status = 200;
	rs->content_type = "application/json";
	resp_header(rs, "Cache-Control", "public, max-age=300");
	buf_adds(&rs->body, s);
	free(s);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}
