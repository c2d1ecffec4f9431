/*
 * h_pages.c: the health check and the accessibility and privacy
 * statements. The catalogue's pages are in h_catalogue.c.
 */
#include "core/common.h"
#include "db/db.h"
#include "templates.h"
#include "web/handlers.h"
#include "web/render.h"

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
