/*
 * h_pages.c: the public pages: health check, home, catalogue, badge page
 * and the accessibility and privacy statements.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/num.h"
#include "db/db.h"
#include "domain/badge.h"
#include "templates.h"
#include "web/handlers.h"
#include "web/markdown.h"
#include "web/render.h"

#define CATALOGUE_PAGE 20

int
h_health(struct req *r, struct resp *rs)
{
	if (db_exec(r->app->db, Q_HEALTH, NULL, 0, NULL, NULL) != 0) {
		rs->status = 503;
		rs->content_type = "application/json";
		buf_adds(&rs->body, "{\"status\":\"unavailable\"}");
		return 0;
	}
	rs->status = 200;
	rs->content_type = "application/json";
	resp_header(rs, "Cache-Control", "no-store");
	buf_adds(&rs->body, "{\"status\":\"ok\"}");
	return 0;
}

static void
to_cards(struct req *r, const struct badge_summary *s, size_t n,
    struct view_badge_card *out)
{
	for (size_t i = 0; i < n; i++) {
		out[i].id = s[i].id;
		out[i].name = s[i].name;
		out[i].summary = s[i].summary;
		out[i].issuer_name = s[i].issuer_name;
		out[i].time = render_minutes(r->arena, s[i].minutes);
		out[i].introductory = s[i].introductory;
	}
}

/* intro_cards lists the introductory badges, which sort first. */
static int
intro_cards(
    struct req *r, struct view_badge_card **out, size_t *n, size_t *total)
{
	struct badge_summary *s;
	size_t ns, k = 0;
	int rc;

	if ((rc = badge_list_published(
	         r->app, r->arena, 10, 0, &s, &ns, total)) != 0)
		return rc;
	while (k < ns && s[k].introductory)
		k++;
	*out = arena_alloc(r->arena, (k ? k : 1) * sizeof(**out));
	if (*out == NULL)
		return ERR_TOOBIG;
	to_cards(r, s, k, *out);
	*n = k;
	return 0;
}

int
h_home(struct req *r, struct resp *rs)
{
	struct view_home v;
	struct buf content;
	size_t total;
	int rc;

	memset(&v, 0, sizeof(v));
	if ((rc = intro_cards(r, &v.intro, &v.n_intro, &total)) != 0)
		return rc;
	v.nbadges = (long)total;
	buf_init(&content, r->arena, 4 << 20);
	tmpl_home(&content, &v);
	return render_page(r, rs, "Recognise what you learn at work", &content);
}

int
h_badges(struct req *r, struct resp *rs)
{
	struct view_catalogue v;
	struct badge_summary *s;
	struct buf content;
	const char *ps = req_param(r, "page");
	int64_t page = 1;
	size_t n, total;
	int rc;

	if (ps != NULL && num_parse(ps, strlen(ps), 1, 100000, &page) != 0)
		return ERR_INVAL;
	if ((rc = badge_list_published(r->app, r->arena, CATALOGUE_PAGE,
	         (size_t)(page - 1) * CATALOGUE_PAGE, &s, &n, &total)) != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.total = (long)total;
	v.page = (long)page;
	v.pages = (long)((total + CATALOGUE_PAGE - 1) / CATALOGUE_PAGE);
	if (v.pages == 0)
		v.pages = 1;
	if (page > v.pages)
		return resp_error(rs, 404, "There is no such page of badges.");
	v.badges = arena_alloc(r->arena, (n ? n : 1) * sizeof(*v.badges));
	if (v.badges == NULL)
		return ERR_TOOBIG;
	to_cards(r, s, n, v.badges);
	v.n_badges = n;
	if (page > 1)
		v.prev_href = arena_printf(
		    r->arena, "/badges?page=%lld", (long long)page - 1);
	if (page < v.pages)
		v.next_href = arena_printf(
		    r->arena, "/badges?page=%lld", (long long)page + 1);
	buf_init(&content, r->arena, 4 << 20);
	tmpl_catalogue(&content, &v);
	return render_page(r, rs, "Badges", &content);
}

static const char *const colour_classes[] = {"laurel-c0", "laurel-c1",
    "laurel-c2", "laurel-c3", "laurel-c4", "laurel-c5"};

int
h_badge(struct req *r, struct resp *rs)
{
	struct badge_detail d;
	struct view_badge v;
	struct buf md, content;
	size_t total;
	int rc;

	rc = badge_get(r->app, r->arena, r->path_params[0], &d);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "There is no badge at this address. It may have been "
		    "archived; browse the catalogue to find current badges.");
	if (rc != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.id = d.id;
	v.name = d.name;
	v.summary = d.summary;
	v.time = render_minutes(r->arena, d.minutes);
	v.licence = d.licence;
	v.min_words = (long)d.min_words;
	v.expiry = d.expiry_months > 0
	    ? arena_printf(r->arena, "Expires %lld months after it is awarded",
	          (long long)d.expiry_months)
	    : "Does not expire";
	v.issuer_name = d.issuer_name;
	v.introductory = d.introductory;
	v.image_alt = d.image_alt;
	v.initial = arena_strndup(r->arena, d.name, 1);
	{
		unsigned h = 0;
		for (const char *p = d.id; *p; p++)
			h = h * 31 + (unsigned char)*p;
		v.colour_class = colour_classes[h % NELEM(colour_classes)];
	}
	v.criteria = d.criteria;
	v.n_criteria = d.n_criteria;
	v.activities = d.activities;
	v.n_activities = d.n_activities;
	v.tags = d.tags;
	v.n_tags = d.n_tags;
	v.resources = arena_alloc(r->arena,
	    (d.n_resources ? d.n_resources : 1) * sizeof(*v.resources));
	if (v.resources == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < d.n_resources; i++) {
		v.resources[i].title = d.resources[i].title;
		v.resources[i].url = d.resources[i].url;
	}
	v.n_resources = d.n_resources;
	buf_init(&md, r->arena, 1 << 20);
	if ((rc = markdown_render(&md, d.description_md,
	         strlen(d.description_md), &v.description)) != 0)
		return rc;
	if (!d.introductory &&
	    (rc = intro_cards(r, &v.intro, &v.n_intro, &total)) != 0)
		return rc;
	buf_init(&content, r->arena, 4 << 20);
	tmpl_badge(&content, &v);
	return render_page(r, rs, d.name, &content);
}

static int
text_page(struct req *r, struct resp *rs, const char *heading,
    const char **paras, size_t n)
{
	struct view_text v = {heading, paras, n};
	struct buf content;

	buf_init(&content, r->arena, 1 << 20);
	tmpl_text_page(&content, &v);
	return render_page(r, rs, heading, &content);
}

int
h_page_accessibility(struct req *r, struct resp *rs)
{
	static const char *paras[] = {
	    "Laurel is built to meet the Web Content Accessibility "
	    "Guidelines 2.2 at level AA. Every page works without "
	    "JavaScript, can be used with a keyboard alone and is tested "
	    "with automated accessibility checks.",
	    "If you find something that is hard to use, tell the scheme "
	    "and we will fix it. You can always apply for a badge with an "
	    "audio or video account instead of writing.",
	};

	return text_page(r, rs, "Accessibility statement", paras, NELEM(paras));
}

int
h_page_privacy(struct req *r, struct resp *rs)
{
	static const char *paras[] = {
	    "Laurel keeps what you give it to run the badge scheme: your "
	    "name, email addresses, applications and awards. It uses one "
	    "cookie, to keep you signed in, and no tracking.",
	    "Your award pages are unlisted: only people you give the link to "
	    "can find them. You can download everything Laurel holds about "
	    "you, or delete your account, from your account settings.",
	};

	return text_page(r, rs, "Privacy", paras, NELEM(paras));
}
