/*
 * render.c: the layout and error pages (see render.h).
 */
#include <jansson.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "templates.h"
#include "domain/session.h"
#include "web/render.h"
#include "web/server.h"

#define MAX_NAV 6

int
render_page(struct req *r, struct resp *rs, const char *title,
    const struct buf *content)
{
	return render_page_head(r, rs, title, content, NULL);
}

int
render_page_head(struct req *r, struct resp *rs, const char *title,
    const struct buf *content, const struct buf *head)
{
	const struct assets *as = &r->site->assets;
	struct view_nav nav[MAX_NAV];
	struct view_layout v;
	size_t nn = 0;

	nav[nn++] = (struct view_nav){"/", "Home", false};
	nav[nn++] = (struct view_nav){"/badges", "Badges", false};
	nav[nn++] = (struct view_nav){"/ideas", "Badge ideas", false};
	if (r->session != NULL) {
		nav[nn++] =
		    (struct view_nav){"/dashboard", "Your badges", false};
		nav[nn++] =
		    (struct view_nav){"/account", "Your account", false};
		if (r->session->platform_admin)
			nav[nn++] = (struct view_nav){"/admin", "Admin", false};
	} else {
		nav[nn++] = (struct view_nav){"/signin", "Sign in", false};
		nav[nn++] = (struct view_nav){"/register", "Register", false};
	}
	for (size_t i = 0; i < nn; i++)
		nav[i].current = r->path != NULL &&
		    (strcmp(r->path, nav[i].href) == 0 ||
		        (strlen(nav[i].href) > 1 &&
		            strncmp(r->path, nav[i].href,
		                strlen(nav[i].href)) == 0));
	memset(&v, 0, sizeof(v));
	v.title = title;
	v.css_sgds = assets_url(as, "vendor/sgds/css/design-system.min.css");
	v.css_laurel = assets_url(as, "css/laurel.css");
	v.js_sgds = assets_url(as, "vendor/sgds/scripts/design-system.js");
	v.js_laurel = assets_url(as, "js/laurel.js");
	v.nav = nav;
	v.n_nav = nn;
	v.signed_in = r->session != NULL;
	v.person_name = r->session ? r->session->name : NULL;
	v.csrf = r->csrf;
	v.content = html_safe_from_buf(content);
	if (head != NULL)
		v.head = html_safe_from_buf(head);
	if (rs->status == 0)
		rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
	buf_reset(&rs->body);
	tmpl_layout(&rs->body, &v);
	return buf_err(&rs->body) ? ERR_TOOBIG : 0;
}

static const char *
default_message(unsigned status)
{
	switch (status) {
	case 400:
		return "Laurel could not understand that request.";
	case 403:
		return "You do not have permission to see this page.";
	case 404:
		return "If you typed the web address, check it is correct. If "
		       "you followed a link, the page may have moved.";
	case 405:
		return "This page cannot be used that way.";
	case 413:
		return "What you sent is too large.";
	case 503:
		return "Laurel is not available just now. Please try again "
		       "shortly.";
	default:
		return "Something went wrong on our side. Please try again; "
		       "if it keeps happening, tell us.";
	}
}

static const char *
heading_for(unsigned status)
{
	switch (status) {
	case 400:
		return "Sorry, there is a problem with that request";
	case 403:
		return "You cannot see this page";
	case 404:
		return "Page not found";
	case 405:
		return "That is not allowed here";
	case 413:
		return "Too large";
	case 414:
		return "Address too long";
	case 415:
		return "That kind of form is not accepted here";
	default:
		return "Sorry, there is a problem with the service";
	}
}

void
render_error(struct req *r, struct resp *rs)
{
	const char *msg =
	    rs->error_message ? rs->error_message : default_message(rs->status);
	struct buf content;

	buf_reset(&rs->body);
	rs->static_body = NULL;
	if (r->wants_json || r->site == NULL) {
		json_t *j = json_pack("{s:{s:i,s:s}}", "error", "status",
		    (int)rs->status, "message", msg);
		char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
		rs->content_type = "application/json";
		buf_adds(&rs->body, s ? s : "{}");
		free(s);
		json_decref(j);
		return;
	}
	struct view_error v = {(int)rs->status, heading_for(rs->status), msg};
	buf_init(&content, r->arena, 1 << 20);
	tmpl_error(&content, &v);
	if (render_page(r, rs, v.heading, &content) != 0) {
		buf_reset(&rs->body);
		buf_adds(&rs->body, "Error");
	}
}

const char *
render_minutes(struct arena *a, int64_t m)
{
	if (m < 60)
		return arena_printf(a, "About %lld minutes", (long long)m);
	if (m % 60 == 0)
		return arena_printf(a, "About %lld hour%s", (long long)(m / 60),
		    m / 60 == 1 ? "" : "s");
	return arena_printf(a, "About %lld hour%s %lld minutes",
	    (long long)(m / 60), m / 60 == 1 ? "" : "s", (long long)(m % 60));
}

const char *
render_image_url(struct arena *a, const char *hash, const char *ext)
{
	if (ext == NULL || ext[0] == '\0' || hash == NULL || hash[0] == '\0')
		return "";
	return arena_printf(a, "/images/%s.%s", hash, ext);
}
