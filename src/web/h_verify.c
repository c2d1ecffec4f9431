/*
 * h_verify.c: the badge checker and the backpack.
 *
 *   GET  /verify              the form
 *   POST /verify              check an uploaded image, a URL or pasted
 *                             text; the report, per check, in plain words
 *   POST /api/verify          the same as JSON (stateless: no cookies)
 *   GET  /backpack            a learner's badges from elsewhere
 *   POST /backpack            add a verified badge (source = what was
 *                             checked: the URL, or the badge's text)
 *   POST /backpack/{id}/remove
 *
 * The checking is domain/badgecheck.c through a fetcher with the limits of
 * domain/fetch.h; a verification that fails is still a 200 with its
 * report: only input we cannot take is a 4xx. Everything lives in the
 * request's arena except the report, freed before returning.
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/backpack.h"
#include "domain/session.h"
#include "domain/badgecheck.h"
#include "ob/b64.h"
#include "templates.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/ratelimit.h"
#include "web/render.h"

#define EMAIL_MAX 254
#define URL_MAX 2000       /* as the form's url field (routes.c) */
#define TEXT_MAX (1 << 20) /* as the form's text field */
/* Checks per client address per minute, page and API together: each can
 * make Laurel fetch up to VFY_MAX_FETCHES documents from the web. */
#define CHECKS_PER_MINUTE 20

static struct ratelimit check_limit = RATELIMIT_INIT(CHECKS_PER_MINUTE, 60);
static const char too_many[] =
    "You have checked a lot of badges in the last minute. Wait a minute, "
    "then try again.";

/* The input a person gave, once validated. */
struct vinput {
	const uint8_t *data;
	size_t len;
	bool is_url;
	const char *email; /* NULL when none */
};

static const char *const months[] = {"January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November",
    "December"};

/* iso_words turns "2026-11-24T..." into "24 November 2026"; anything else
 * is shown as given. */
static const char *
iso_words(struct arena *a, const char *s)
{
	int64_t y, m, d;

	if (s == NULL || *s == '\0')
		return "";
	if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-' &&
	    num_parse(s, 4, 0, 9999, &y) == 0 &&
	    num_parse(s + 5, 2, 1, 12, &m) == 0 &&
	    num_parse(s + 8, 2, 1, 31, &d) == 0)
		return arena_printf(
		    a, "%d %s %d", (int)d, months[m - 1], (int)y);
	return s;
}

static bool
email_ok(const char *e)
{
	const char *at = strchr(e, '@');

	return at != NULL && at != e && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strpbrk(e, " \t<>\"") == NULL &&
	    strlen(e) <= EMAIL_MAX;
}

static bool
url_ok(const char *u)
{
	return strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0;
}

/*
 * read_input takes exactly one of file, url and text, and the optional
 * email, from the declared parameters. Returns NULL or what is wrong, with
 * *field naming the form field.
 */
static const char *
read_input(struct req *r, struct vinput *in, const char **field)
{
	size_t flen = 0;
	const char *file = req_file(r, "file", &flen, NULL);
	const char *url = req_text(r, "url");
	const char *text = req_text(r, "text");
	const char *email = req_text(r, "email");
	int given =
	    (file != NULL && flen > 0) + (*url != '\0') + (*text != '\0');

	memset(in, 0, sizeof(*in));
	*field = "f-file";
	if (given == 0)
		return "Choose a badge image, give the badge's web address or "
		       "paste the badge";
	if (given > 1)
		return "Give only one of these: a badge image, a web address "
		       "or the pasted badge";
	if (*email != '\0') {
		if (!email_ok(email)) {
			*field = "f-email";
			return "Enter an email address in the correct format, "
			       "like name@example.com";
		}
		in->email = email;
	}
	if (file != NULL && flen > 0) {
		in->data = (const uint8_t *)file;
		in->len = flen;
	} else if (*url != '\0') {
		if (!url_ok(url)) {
			*field = "f-url";
			return "Enter the badge's web address, starting "
			       "https://";
		}
		in->data = (const uint8_t *)url;
		in->len = strlen(url);
		in->is_url = true;
	} else {
		in->data = (const uint8_t *)text;
		in->len = strlen(text);
	}
	return NULL;
}

/* allowed: may r's client check another badge now? */
static bool
allowed(struct req *r)
{
	return ratelimit_take(
	    &check_limit, r->ip ? r->ip : "", clock_now(r->app->clock));
}

static int
run(struct req *r, const struct vinput *in, struct vfy_report *rep)
{
	struct fetcher f;

	fetcher_init(&f, r->app->cfg->fetch_loopback);
	return badgecheck_run(
	    &f, clock_now(r->app->clock), in->data, in->len, in->email, rep);
}

static const char *
kind_words(const struct vfy_report *rep)
{
	switch (rep->kind) {
	case VFY_KIND_ASSERTION:
		return "An Open Badges 2.0 badge award (assertion).";
	case VFY_KIND_BADGECLASS:
		return "An Open Badges 2.0 badge description (badge class), "
		       "not an award to a person.";
	case VFY_KIND_ISSUER:
		return "An Open Badges 2.0 issuer profile, not an award to a "
		       "person.";
	case VFY_KIND_CREDENTIAL:
		return "An Open Badges 3.0 badge award (verifiable "
		       "credential).";
	case VFY_KIND_ENDORSEMENT:
		return "An Open Badges 3.0 endorsement.";
	case VFY_KIND_OTHER:
	case VFY_KIND_UNKNOWN:
		break;
	}
	return "Not recognised as an Open Badge.";
}

static void
fact(struct req *r, struct view_verify *v, const char *label, const char *value)
{
	struct view_fact *f;

	if (value == NULL || *value == '\0')
		return;
	f = APPEND(r->arena, v->facts, v->n_facts);
	f->label = label;
	f->value = arena_strdup(r->arena, value);
}

static void
fill_result(struct req *r, struct view_verify *v, const struct vinput *in,
    const struct vfy_report *rep)
{
	size_t failed = 0;

	v->has_result = true;
	v->valid = rep->valid;
	for (size_t i = 0; i < rep->n; i++) {
		const struct vfy_check *c = &rep->checks[i];
		struct view_vcheck *vc =
		    APPEND(r->arena, v->checks, v->n_checks);

		vc->title = arena_strdup(r->arena, c->title);
		vc->msg = arena_strdup(r->arena, c->msg);
		switch (c->result) {
		case VFY_PASS:
			vc->result = "Passed";
			vc->tag = "passed";
			break;
		case VFY_WARN:
			vc->result = "Warning";
			vc->tag = "warning";
			break;
		case VFY_FAIL:
			vc->result = "Failed";
			vc->tag = "failed";
			failed++;
			break;
		case VFY_SKIP:
			vc->result = "Not checked";
			vc->tag = "skipped";
			break;
		}
	}
	v->headline = rep->valid ? "This badge is valid"
	    : failed == 1        ? "This badge is not valid: 1 check failed"
	                         : arena_printf(r->arena,
	                               "This badge is not valid: %zu checks "
	                                      "failed",
	                               failed);
	v->kind = kind_words(rep);
	fact(r, v, "Badge", rep->sum.badge_name);
	fact(r, v, "Issued by", rep->sum.issuer_name);
	fact(r, v, "Issued on", iso_words(r->arena, rep->sum.issued_on));
	fact(r, v, "Expires", iso_words(r->arena, rep->sum.expires));
	fact(r, v, "Description", rep->sum.description);
	v->signed_in = r->session != NULL;
	if (!rep->valid || r->session == NULL ||
	    (rep->kind != VFY_KIND_ASSERTION &&
	        rep->kind != VFY_KIND_CREDENTIAL))
		return;
	/* What to keep: the URL or the text given, or what an image held. */
	v->add_source = !in->is_url && rep->baked != NULL
	    ? arena_strdup(r->arena, rep->baked)
	    : arena_strndup(r->arena, (const char *)in->data, in->len);
	if (v->add_source != NULL &&
	    strlen(v->add_source) <= BACKPACK_SOURCE_MAX)
		v->can_add = true;
	else
		v->add_note = "This badge is too large for Laurel to keep in "
		              "your badges.";
}

static int
render_verify(struct req *r, struct resp *rs, struct view_verify *v)
{
	struct buf content;

	v->csrf = r->csrf;
	buf_init(&content, r->arena, 4 << 20);
	tmpl_verify(&content, v);
	return render_page(r, rs, "Check a badge", &content);
}

int
h_badgecheck_form(struct req *r, struct resp *rs)
{
	struct view_verify v;

	memset(&v, 0, sizeof(v));
	v.url = req_text(r, "url");
	return render_verify(r, rs, &v);
}

int
h_badgecheck_post(struct req *r, struct resp *rs)
{
	struct view_verify v;
	struct vinput in;
	struct vfy_report rep;
	const char *field, *bad;
	int rc;

	memset(&v, 0, sizeof(v));
	v.url = req_text(r, "url");
	v.text = req_text(r, "text");
	v.email = req_text(r, "email");
	if ((bad = read_input(r, &in, &field)) != NULL) {
		struct view_err *e = APPEND(r->arena, v.errors, v.n_errors);

		e->href = arena_printf(r->arena, "#%s", field);
		e->msg = bad;
		rc = render_verify(r, rs, &v);
		rs->status = 400;
		return rc;
	}
	if (!allowed(r))
		return resp_error(rs, 429, too_many);
	if ((rc = run(r, &in, &rep)) != 0) {
		vfy_report_free(&rep);
		return rc;
	}
	fill_result(r, &v, &in, &rep);
	vfy_report_free(&rep);
	/* A report names who was checked: not for shared caches. */
	resp_header(rs, "Cache-Control", "no-store");
	return render_verify(r, rs, &v);
}

/* api_json_input reads a JSON body {"url"|"text"|"image", "email"}; image
 * is base64 (standard or URL-safe). NULL or what is wrong. */
static const char *
api_json_input(struct req *r, struct vinput *in)
{
	json_t *j, *v;
	json_error_t je;
	const char *s, *bad = NULL;
	int given = 0;

	memset(in, 0, sizeof(*in));
	j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(j)) {
		json_decref(j);
		return "The body must be a JSON object with one of \"url\", "
		       "\"text\" or \"image\".";
	}
	given = json_is_string(json_object_get(j, "url")) +
	    json_is_string(json_object_get(j, "text")) +
	    json_is_string(json_object_get(j, "image"));
	if (given != 1) {
		bad = "Give exactly one of \"url\", \"text\" or \"image\" "
		      "(base64), as a string.";
		goto out;
	}
	if ((v = json_object_get(j, "email")) != NULL) {
		if (!json_is_string(v) || !email_ok(json_string_value(v))) {
			bad = "\"email\" must be an email address, like "
			      "name@example.com.";
			goto out;
		}
		in->email = arena_strdup(r->arena, json_string_value(v));
	}
	if ((s = json_string_value(json_object_get(j, "url"))) != NULL) {
		if (!url_ok(s) || strlen(s) > URL_MAX) {
			bad =
			    "\"url\" must be a web address starting https://, "
			    "at most 2000 characters long.";
			goto out;
		}
		in->is_url = true;
		in->data = (const uint8_t *)arena_strdup(r->arena, s);
		in->len = strlen(s);
	} else if ((s = json_string_value(json_object_get(j, "text"))) !=
	    NULL) {
		if (strlen(s) > TEXT_MAX) {
			bad =
			    "\"text\" is too long to be a badge (the limit is "
			    "1 MB).";
			goto out;
		}
		in->data = (const uint8_t *)arena_strdup(r->arena, s);
		in->len = strlen(s);
	} else {
		struct buf img;

		s = json_string_value(json_object_get(j, "image"));
		buf_init(&img, r->arena, VFY_MAX_INPUT);
		if (b64_decode(s, strlen(s), &img) != 0 || img.len == 0) {
			bad = "\"image\" must be the badge image in base64.";
			goto out;
		}
		in->data = (const uint8_t *)img.data;
		in->len = img.len;
	}
	if (in->data == NULL)
		bad = "The request is too large.";
out:
	json_decref(j);
	return bad;
}

int
h_api_badgecheck(struct req *r, struct resp *rs)
{
	struct vinput in;
	struct vfy_report rep;
	const char *bad, *field;
	json_t *j;
	char *s;
	int rc;

	if (r->content_type != NULL &&
	    strncmp(r->content_type, "application/json", 16) == 0)
		bad = api_json_input(r, &in);
	else
		bad = read_input(r, &in, &field);
	if (bad != NULL)
		return resp_error(rs, 400, bad);
	if (!allowed(r))
		return resp_error(rs, 429, too_many);
	if ((rc = run(r, &in, &rep)) != 0) {
		vfy_report_free(&rep);
		return rc;
	}
	j = vfy_report_json(&rep);
	vfy_report_free(&rep);
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		fatal("h_api_badgecheck: out of memory");
	rs->status = 200;
	rs->content_type = "application/json";
	resp_header(rs, "Cache-Control", "no-store");
	resp_header(rs, "Access-Control-Allow-Origin", "*");
	buf_adds(&rs->body, s);
	free(s);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

/* ---- the backpack ------------------------------------------------------- */

static const char *
status_words(struct req *r, const struct backpack_item *it)
{
	if (it->valid)
		return arena_printf(r->arena, "Checked %s.",
		    fmt_date(r->arena, it->checked_at));
	return arena_printf(r->arena, "No longer valid: %s", it->reason);
}

/*
 * web_ext_badges fills the view list of person's badges from elsewhere,
 * re-checking stale ones (at most daily). For the profile page too.
 */
int
web_ext_badges(
    struct req *r, const char *person, struct view_ext_badge **out, size_t *n)
{
	struct backpack_item *it;
	size_t k;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = backpack_list(r->app, r->arena, person, true, &it, &k)) != 0)
		return rc;
	for (size_t i = 0; i < k; i++) {
		struct view_ext_badge *e = APPEND(r->arena, *out, *n);

		e->name = it[i].badge_name;
		e->issuer = it[i].issuer_name;
		e->issued_on = iso_words(r->arena, it[i].issued_on);
		e->image = it[i].image_url;
		e->status = status_words(r, &it[i]);
		e->ok = it[i].valid;
	}
	return 0;
}

static int
backpack_page(
    struct req *r, struct resp *rs, const char *notice, const char *error)
{
	static const char *const cols[] = {
	    "Badge", "Issued by", "Issued on", "Status", ""};
	struct backpack_item *it;
	struct view_section *s;
	struct page p;
	size_t n;
	int rc;

	if ((rc = backpack_list(
	         r->app, r->arena, r->session->person, true, &it, &n)) != 0)
		return rc;
	page_init(&p, r, "Badges issued elsewhere");
	p.v.notice = notice;
	if (error != NULL)
		page_error(&p, "f-check", error);
	page_para(&p,
	    "Badges from other organisations that Laurel has checked. They "
	    "show on your public profile, marked as issued elsewhere, and "
	    "are checked again each day.");
	page_link(&p, "/verify", "Check and add a badge");
	s = page_section(&p, NULL);
	s->empty = "You have not added any badges from elsewhere yet.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));

		c[0].text = it[i].badge_name;
		c[1].text = it[i].issuer_name;
		c[2].text = iso_words(r->arena, it[i].issued_on);
		c[3].text = status_words(r, &it[i]);
		cell_button(r, &c[4],
		    arena_printf(r->arena, "/backpack/%s/remove", it[i].id),
		    "Remove");
	}
	return page_render(&p, rs);
}

int
h_backpack(struct req *r, struct resp *rs)
{
	const char *done = req_text(r, "done");

	return backpack_page(r, rs,
	    strcmp(done, "added") == 0         ? "The badge was added."
	        : strcmp(done, "removed") == 0 ? "The badge was removed."
	                                       : NULL,
	    NULL);
}

int
h_backpack_add(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	const char *src = req_text(r, "source"), *id;
	char why[512] = "";
	int rc;

	rc = backpack_add(
	    r->app, r->arena, &w, src, strlen(src), &id, why, sizeof(why));
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_TOOBIG) {
		int rc2 = backpack_page(r, rs, NULL,
		    why[0] ? arena_strdup(r->arena, why)
		           : "This badge could not be added.");

		rs->status = rc == ERR_CONFLICT ? 409 : 400;
		return rc2;
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/backpack?done=added");
}

int
h_backpack_remove(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	int rc = backpack_remove(r->app, r->arena, &w, r->path_params[0]);

	if (rc == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no such badge in your badges.");
	if (rc != 0)
		return rc;
	return resp_redirect(rs, "/backpack?done=removed");
}
