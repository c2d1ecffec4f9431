/*
 * h_ideas.c: badge ideas (domain/idea.h): the public list, the form to
 * suggest a badge, an idea's page with support, and the scheme's triage
 * page.
 *
 * Public pages never show a proposer's name or email address: the domain
 * does not give them to these handlers. Every page uses the generic
 * page builder; the form carries its honeypot field (view_form.honeypot).
 * Everything lives in the request's arena.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/num.h"
#include "domain/idea.h"
#include "domain/session.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"

#define IDEAS_PAGE 20
#define SNIPPET_CHARS 160

/* ---- helpers ----------------------------------------------------------- */

/* snippet shortens text to about n characters, at a space, with "…". */
static const char *
snippet(struct arena *a, const char *text, size_t n)
{
	size_t i = 0, k = 0, cut = 0;

	for (; text[i] != '\0'; i++) {
		if (((unsigned char)text[i] & 0xC0) != 0x80) {
			if (k == n)
				break;
			k++;
		}
		if (text[i] == ' ' || text[i] == '\n')
			cut = i;
	}
	if (text[i] == '\0')
		return text;
	if (cut == 0)
		cut = i;
	while (cut > 0 &&
	    (text[cut - 1] == ' ' || text[cut - 1] == '\n' ||
	        text[cut - 1] == '\r'))
		cut--;
	return arena_printf(a, "%.*s…", (int)cut, text);
}

/* section_text adds text as paragraphs, one per non-empty line. */
static void
section_text(struct req *r, struct view_section *s, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t m = n;

		while (m > 0 && (p[m - 1] == '\r' || p[m - 1] == ' '))
			m--;
		if (m > 0)
			section_para(r, s, arena_strndup(r->arena, p, m));
		p += n;
		if (*p == '\n')
			p++;
	}
}

static int64_t
page_number(struct req *r)
{
	const char *ps = req_param(r, "page");
	int64_t page = 1;

	if (ps != NULL && num_parse(ps, strlen(ps), 1, 100000, &page) != 0)
		page = 1;
	return page;
}

static const char *
supporters(struct arena *a, int64_t n)
{
	return n == 1
	    ? "1 person supports this idea."
	    : arena_printf(a, "%lld people support this idea.", (long long)n);
}

static void
status_options(struct req *r, struct view_field *fd, const char *all)
{
	static const char *const st[] = {
	    "new", "considering", "accepted", "declined"};

	if (all != NULL)
		field_option(r, fd, "", all);
	for (size_t i = 0; i < NELEM(st); i++)
		field_option(r, fd, st[i], idea_status_label(st[i]));
}

/* ---- the public list --------------------------------------------------- */

int
h_ideas(struct req *r, struct resp *rs)
{
	static const char *const cols[] = {"Idea", "What it should recognise",
	    "Suggested by", "Supporters", "Status", "Response"};
	const char *status = req_text(r, "status");
	const char *sort = req_text(r, "sort"), *scheme;
	struct idea_filter f = {0};
	struct view_section *s;
	struct view_form *form;
	struct view_field *fd;
	struct idea *v;
	struct page p;
	int64_t page = page_number(r), pages;
	size_t n, total;
	int rc;

	f.status = status;
	f.sort = strcmp(sort, "supported") == 0 ? IDEA_SORT_SUPPORTED
	                                        : IDEA_SORT_NEWEST;
	f.limit = IDEAS_PAGE;
	f.offset = (size_t)(page - 1) * IDEAS_PAGE;
	if ((rc = idea_list(r->app, r->arena, &f, &v, &n, &total)) != 0)
		return rc;
	pages = (int64_t)((total + IDEAS_PAGE - 1) / IDEAS_PAGE);
	if (pages == 0)
		pages = 1;
	if (page > pages)
		return resp_error(rs, 404, "There is no such page of ideas.");

	page_init(&p, r, "Badge ideas");
	page_para(&p,
	    "Anyone can suggest a badge: people who work in social "
	    "services, employers, people who use services and carers. The "
	    "badge scheme reads every idea and responds here. If you would "
	    "like a badge that someone has already suggested, sign in and "
	    "support their idea.");
	s = page_section(&p, NULL);
	section_link(r, s, "/ideas/new", "Suggest a badge");
	if (r->session != NULL &&
	    idea_scheme_issuer(r->app, r->arena, &scheme) == 0 &&
	    idea_can_triage(r->app, r->arena, scheme, r->session->person))
		section_link(r, s,
		    arena_printf(r->arena, "/issuers/%s/ideas", scheme),
		    "Respond to badge ideas");

	s = page_section(&p, "Ideas");
	section_para(r, s,
	    arena_printf(r->arena, "%zu %s. Page %lld of %lld.", total,
	        total == 1 ? "idea" : "ideas", (long long)page,
	        (long long)pages));
	form_init(r, &s->form, "/ideas", "Show ideas");
	s->form.get = true;
	s->form.secondary = true;
	s->has_form = true;
	form = &s->form;
	fd = form_field(r, form, "status", "Status", "select");
	fd->value = status;
	status_options(r, fd, "Any status");
	fd = form_field(r, form, "sort", "Order", "select");
	fd->value = f.sort == IDEA_SORT_SUPPORTED ? "supported" : "newest";
	field_option(r, fd, "newest", "Newest first");
	field_option(r, fd, "supported", "Most supported first");

	s = page_section(&p, NULL);
	s->empty = status[0] ? "There are no ideas with this status."
	                     : "There are no ideas yet. Be the first to "
	                       "suggest a badge.";
	section_columns(r, s, NELEM(cols), cols);
	for (size_t i = 0; i < n; i++) {
		struct view_cell *c = section_row(r, s, NELEM(cols));
		c[0].text = v[i].title;
		c[0].href = arena_printf(r->arena, "/ideas/%s", v[i].id);
		c[1].text = snippet(r->arena, v[i].recognise, SNIPPET_CHARS);
		c[2].text = idea_role_label(v[i].role);
		c[3].text =
		    arena_printf(r->arena, "%lld", (long long)v[i].supports);
		c[4].text = idea_status_label(v[i].status);
		if (v[i].badge_id[0] != '\0' && v[i].badge_published) {
			c[4].text = arena_printf(
			    r->arena, "Accepted: %s", v[i].badge_name);
			c[4].href =
			    arena_printf(r->arena, "/badges/%s", v[i].badge_id);
		}
		c[5].text = v[i].response[0]
		    ? snippet(r->arena, v[i].response, SNIPPET_CHARS)
		    : "None yet";
	}
	if (page > 1)
		section_link(r, s,
		    arena_printf(r->arena, "/ideas?status=%s&sort=%s&page=%lld",
		        status, sort, (long long)page - 1),
		    "Previous page");
	if (page < pages)
		section_link(r, s,
		    arena_printf(r->arena, "/ideas?status=%s&sort=%s&page=%lld",
		        status, sort, (long long)page + 1),
		    "Next page");
	return page_render(&p, rs);
}

/* ---- suggesting a badge ------------------------------------------------ */

static int
idea_form_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	const char *sent = req_param(r, "form_token");
	char token[IDEA_TOKEN_LEN];
	struct view_form *f;
	struct view_field *fd;
	struct page p;
	int rc;

	page_init(&p, r, "Suggest a badge");
	p.v.caption = "Badge ideas";
	page_para(&p,
	    "Anyone can suggest a badge for the social service workforce: "
	    "people who work in social services, employers, people who use "
	    "services and carers. The badge scheme reads every idea and "
	    "responds publicly.");
	page_para(&p,
	    "Your idea and which description fits you are shown publicly. "
	    "Your name and email address are not: the scheme uses your "
	    "email address only to tell you when it responds.");
	if (r->session != NULL)
		page_para(&p,
		    "You are signed in, so the scheme's staff can see that "
		    "the idea is yours.");
	page_link(&p, "/ideas", "See the ideas others have suggested");
	f = page_form(&p, "/ideas", "Send idea");
	fd = form_field(
	    r, f, "title", "What should the badge be called?", "text");
	field_hint(fd,
	    "For example: Supporting people with dementia at mealtimes. Up "
	    "to 120 characters.");
	fd = form_field(
	    r, f, "recognise", "What should the badge recognise?", "textarea");
	field_hint(fd,
	    "The learning, skills or practice someone would show to earn "
	    "it.");
	fd = form_field(r, f, "why", "Why does it matter?", "textarea");
	field_hint(fd,
	    "To the people who use services, to carers, to workers or to "
	    "employers.");
	fd = form_field(
	    r, f, "role", "Which of these describes you best?", "select");
	if (fd->value == NULL)
		fd->value = "";
	field_option(r, fd, "", "Choose one");
	field_option(r, fd, "worker", "I work in social services");
	field_option(r, fd, "employer", "I employ people in social services");
	field_option(r, fd, "uses_services", "I use social services");
	field_option(r, fd, "carer", "I am a carer");
	field_option(r, fd, "other", "None of these");
	fd = form_field(r, f, "name", "Your name (optional)", "text");
	fd->autocomplete = "name";
	fd =
	    form_field(r, f, "email", "Your email address (optional)", "email");
	field_hint(fd,
	    "Only to tell you when the scheme responds to your idea. It is "
	    "never shown publicly.");
	/* A form shown again keeps its token, so the wait counts from when
	 * it was first shown. */
	if (sent == NULL || !idea_token_usable(r->app, sent)) {
		if ((rc = idea_form_token(r->app, token)) != 0)
			return rc;
		sent = arena_strdup(r->arena, token);
	}
	form_hidden(r, f, "form_token", sent);
	f->honeypot = true;
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_idea_new(struct req *r, struct resp *rs)
{
	return idea_form_page(r, rs, NULL);
}

int
h_idea_create(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct idea_cmd cmd;
	char id[ID_LEN + 1];
	int rc;

	cmd.title = req_text(r, "title");
	cmd.recognise = req_text(r, "recognise");
	cmd.why = req_text(r, "why");
	cmd.role = req_text(r, "role");
	cmd.name = req_text(r, "name");
	cmd.email = req_text(r, "email");
	cmd.honeypot = req_text(r, "website");
	cmd.token = req_text(r, "form_token");
	rc = idea_submit(r->app, r->arena, &w, &cmd, id, &e);
	if (rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_FORBIDDEN) {
		rs->status = rc == ERR_CONFLICT ? 409
		    : rc == ERR_FORBIDDEN       ? 429
		                                : 400;
		return idea_form_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(
	    rs, arena_printf(r->arena, "/ideas/%s?done=sent", id));
}

/* ---- an idea's page ---------------------------------------------------- */

static int
idea_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	const char *id = r->path_params[0], *done = req_text(r, "done");
	struct view_section *s;
	struct idea it;
	struct page p;
	int rc;

	rc = idea_get(r->app, r->arena, id, &it);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "There is no badge idea at this address. See the list of "
		    "badge ideas.");
	if (rc != 0)
		return rc;
	page_init(&p, r, it.title);
	p.v.caption = "Badge idea";
	if (strcmp(done, "sent") == 0)
		p.v.notice = "Thank you. Your idea has been sent to the badge "
		             "scheme, which will respond on this page.";
	else if (strcmp(done, "supported") == 0)
		p.v.notice = "Thank you for supporting this idea.";
	else if (strcmp(done, "unsupported") == 0)
		p.v.notice = "Your support has been removed.";

	s = page_section(&p, "What the badge should recognise");
	section_text(r, s, it.recognise);
	s = page_section(&p, "Why it matters");
	section_text(r, s, it.why);
	s = page_section(&p, "About this idea");
	section_para(r, s,
	    arena_printf(
	        r->arena, "Suggested by: %s.", idea_role_label(it.role)));
	section_para(r, s,
	    arena_printf(
	        r->arena, "Sent on %s.", fmt_date(r->arena, it.created_at)));
	section_para(r, s,
	    arena_printf(
	        r->arena, "Status: %s.", idea_status_label(it.status)));
	section_para(r, s, supporters(r->arena, it.supports));

	if (it.response[0] != '\0' || it.badge_id[0] != '\0') {
		s = page_section(&p, "The scheme's response");
		section_text(r, s, it.response);
		if (it.responded_at > 0)
			section_para(r, s,
			    arena_printf(r->arena, "Responded on %s.",
			        fmt_date(r->arena, it.responded_at)));
		if (it.badge_id[0] != '\0' && it.badge_published)
			section_link(r, s,
			    arena_printf(r->arena, "/badges/%s", it.badge_id),
			    arena_printf(
			        r->arena, "See the badge: %s", it.badge_name));
		else if (it.badge_id[0] != '\0')
			section_para(r, s,
			    arena_printf(r->arena,
			        "A badge is being written from this idea: %s.",
			        it.badge_name));
	}

	if (r->session != NULL &&
	    idea_supported(r->app, r->arena, id, r->session->person)) {
		s = page_section(&p, "Your support");
		section_para(r, s, "You support this idea.");
		form_init(r, &s->form,
		    arena_printf(r->arena, "/ideas/%s/unsupport", id),
		    "Remove my support");
		s->form.secondary = true;
		s->has_form = true;
	} else if (idea_is_open(it.status)) {
		s = page_section(&p, "Support this idea");
		section_para(r, s,
		    "Supporting an idea tells the scheme that you would "
		    "like this badge too.");
		if (r->session != NULL) {
			form_init(r, &s->form,
			    arena_printf(r->arena, "/ideas/%s/support", id),
			    "Support this idea");
			s->has_form = true;
		} else {
			section_link(r, s,
			    arena_printf(
			        r->arena, "/signin?next=/ideas/%s", id),
			    "Sign in to support this idea");
		}
	}
	page_link(&p, "/ideas", "All badge ideas");
	page_link(&p, "/ideas/new", "Suggest a badge");
	if (e != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_idea(struct req *r, struct resp *rs)
{
	return idea_page(r, rs, NULL);
}

static int
support(struct req *r, struct resp *rs, bool on)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct idea it;
	int rc;

	rc = idea_get(r->app, r->arena, r->path_params[0], &it);
	if (rc == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no badge idea at this address.");
	if (rc != 0)
		return rc;
	rc = on ? idea_support(r->app, &w, r->path_params[0], &e)
	        : idea_unsupport(r->app, &w, r->path_params[0], &e);
	if (rc == ERR_CONFLICT || rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN) {
		rs->status = http_status_for_err(rc);
		return idea_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/ideas/%s?done=%s", r->path_params[0],
	        on ? "supported" : "unsupported"));
}

int
h_idea_support(struct req *r, struct resp *rs)
{
	return support(r, rs, true);
}

int
h_idea_unsupport(struct req *r, struct resp *rs)
{
	return support(r, rs, false);
}

/* ---- triage by the scheme ---------------------------------------------- */

static void
badge_options(
    struct req *r, struct view_field *fd, const struct idea_badge *b, size_t nb)
{
	field_option(r, fd, "", "None");
	for (size_t i = 0; i < nb; i++)
		field_option(r, fd, b[i].id,
		    strcmp(b[i].status, "published") == 0
		        ? b[i].name
		        : arena_printf(
		              r->arena, "%s (%s)", b[i].name, b[i].status));
}

/*
 * triage_form adds the response form for idea v to section s. The idea
 * the request posted to keeps what was typed; the others show what is
 * stored.
 */
static void
triage_form(struct req *r, struct view_section *s, const char *issuer,
    const struct idea *v, const struct idea_badge *b, size_t nb)
{
	bool posted = r->method == HTTP_POST && r->path_params[1] != NULL &&
	    strcmp(r->path_params[1], v->id) == 0;
	struct view_field *fd;

	form_init(r, &s->form,
	    arena_printf(r->arena, "/issuers/%s/ideas/%s", issuer, v->id),
	    "Save response");
	s->has_form = true;
	fd = form_field(r, &s->form, "status", "Status", "select");
	fd->id = arena_printf(r->arena, "status-%s", v->id);
	fd->value = posted ? req_text(r, "status") : v->status;
	status_options(r, fd, NULL);
	fd = form_field(r, &s->form, "response", "Public response", "textarea");
	fd->id = arena_printf(r->arena, "response-%s", v->id);
	fd->value = posted ? req_text(r, "response") : v->response;
	field_hint(
	    fd, "Shown on the idea's page. Needed when you decline an idea.");
	fd = form_field(
	    r, &s->form, "badge", "Badge made from this idea", "select");
	fd->id = arena_printf(r->arena, "badge-%s", v->id);
	fd->value = posted ? req_text(r, "badge") : v->badge_id;
	field_hint(fd, "Needed when you accept an idea.");
	badge_options(r, fd, b, nb);
	/* Back to the same page of the same list afterwards. */
	form_hidden(r, &s->form, "show", req_text(r, "show"));
	form_hidden(r, &s->form, "page",
	    arena_printf(r->arena, "%lld", (long long)page_number(r)));
}

/*
 * triage_error shows e beside its field in the form of the idea posted
 * to, not in the first form with a field of that name (page_error's
 * rule); the summary links there. Run once the page is built: building
 * moves the arrays.
 */
static void
triage_error(struct req *r, struct page *p, const struct form_err *e)
{
	const char *action;

	page_error(p, "", e->msg);
	if (r->path_params[1] == NULL || e->field == NULL)
		return;
	action = arena_printf(r->arena, "/issuers/%s/ideas/%s",
	    r->path_params[0], r->path_params[1]);
	for (size_t k = 0; k < p->v.n_sections; k++) {
		struct view_form *f = &p->v.sections[k].form;
		if (f->action == NULL || strcmp(f->action, action) != 0)
			continue;
		for (size_t i = 0; i < f->n_fields; i++) {
			if (strcmp(f->fields[i].name, e->field) != 0 ||
			    f->fields[i].hidden)
				continue;
			f->fields[i].error = e->msg;
			p->v.errors[p->v.n_errors - 1].href =
			    arena_printf(r->arena, "#%s", f->fields[i].id);
		}
	}
}

static int
triage_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	const char *issuer = r->path_params[0], *show = req_text(r, "show");
	struct who w = web_who(r);
	struct idea_filter f = {0};
	struct view_field *fd;
	struct view_section *s;
	struct idea_badge *b;
	struct idea *v;
	struct page p;
	int64_t page = page_number(r), pages;
	size_t n, nb, total;
	int rc;

	f.status = show;
	f.limit = IDEAS_PAGE;
	f.offset = (size_t)(page - 1) * IDEAS_PAGE;
	rc = idea_triage_list(r->app, r->arena, &w, issuer, &f, &v, &n, &total);
	if (rc == ERR_NOTFOUND)
		return resp_error(rs, 404,
		    "Badge ideas go to the badge scheme, not to this issuer.");
	if (rc != 0)
		return rc;
	if ((rc = idea_badges(r->app, r->arena, issuer, &b, &nb)) != 0)
		return rc;
	pages = (int64_t)((total + IDEAS_PAGE - 1) / IDEAS_PAGE);
	if (pages == 0)
		pages = 1;

	page_init(&p, r, "Respond to badge ideas");
	p.v.caption = "Badge scheme";
	if (req_param(r, "done") != NULL)
		p.v.notice = "Your response has been saved.";
	page_para(&p,
	    "Ideas come from anyone: workers, employers, people who use "
	    "services and carers. Names and email addresses are private; "
	    "the status and response you give are public. When the status "
	    "changes, a proposer who gave an email address is emailed.");
	s = page_section(&p, NULL);
	section_para(r, s,
	    arena_printf(r->arena, "%zu %s. Page %lld of %lld.", total,
	        total == 1 ? "idea" : "ideas", (long long)page,
	        (long long)pages));
	form_init(r, &s->form,
	    arena_printf(r->arena, "/issuers/%s/ideas", issuer), "Show ideas");
	s->form.get = true;
	s->form.secondary = true;
	s->has_form = true;
	fd = form_field(r, &s->form, "show", "Status", "select");
	fd->value = show;
	status_options(r, fd, "Any status");
	if (n == 0)
		section_para(r, s, "There are no ideas to show.");

	for (size_t i = 0; i < n; i++) {
		s = page_section(&p, v[i].title);
		section_para(r, s,
		    arena_printf(r->arena, "What it should recognise: %s",
		        v[i].recognise));
		section_para(r, s,
		    arena_printf(r->arena, "Why it matters: %s", v[i].why));
		section_para(r, s,
		    arena_printf(r->arena,
		        "From: %s. Name: %s. Email: %s. Account: %s.",
		        idea_role_label(v[i].role),
		        v[i].name[0] ? v[i].name : "not given",
		        v[i].email[0] ? v[i].email : "not given",
		        v[i].person_name[0] ? v[i].person_name
		                            : "not signed in"));
		section_para(r, s,
		    arena_printf(r->arena, "Sent on %s. Status: %s. %s",
		        fmt_date(r->arena, v[i].created_at),
		        idea_status_label(v[i].status),
		        supporters(r->arena, v[i].supports)));
		triage_form(r, s, issuer, &v[i], b, nb);
		section_link(r, s, arena_printf(r->arena, "/ideas/%s", v[i].id),
		    arena_printf(
		        r->arena, "The public page of “%s”", v[i].title));
	}
	if (page > 1)
		page_link(&p,
		    arena_printf(r->arena,
		        "/issuers/%s/ideas?show=%s&page=%lld", issuer, show,
		        (long long)page - 1),
		    "Previous page");
	if (page < pages)
		page_link(&p,
		    arena_printf(r->arena,
		        "/issuers/%s/ideas?show=%s&page=%lld", issuer, show,
		        (long long)page + 1),
		    "Next page");
	page_link(&p, "/ideas", "The public list of badge ideas");
	if (e != NULL)
		triage_error(r, &p, e);
	return page_render(&p, rs);
}

int
h_issuer_ideas(struct req *r, struct resp *rs)
{
	return triage_page(r, rs, NULL);
}

int
h_issuer_idea_triage(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct idea_triage_cmd cmd;
	int rc;

	cmd.status = req_text(r, "status");
	cmd.response = req_text(r, "response");
	cmd.badge = req_text(r, "badge");
	rc = idea_triage(r->app, r->arena, &w, r->path_params[0],
	    r->path_params[1], &cmd, &e);
	if (rc == ERR_NOTFOUND && e.field != NULL && e.field[0] == '\0' &&
	    !idea_can_triage(r->app, r->arena, r->path_params[0], w.person))
		return resp_error(rs, 404,
		    "Badge ideas go to the badge scheme, not to this issuer.");
	if (rc == ERR_INVAL || rc == ERR_NOTFOUND || rc == ERR_CONFLICT) {
		rs->status = http_status_for_err(rc);
		return triage_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/issuers/%s/ideas?show=%s&page=%lld&done=1",
	        r->path_params[0], req_text(r, "show"),
	        (long long)page_number(r)));
}
