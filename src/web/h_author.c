/*
 * h_author.c: badge authoring for issuer admins: the issuer's badge list
 * with its series and framework targets, the badge form (with an image
 * upload), and each badge's management page (status, prerequisites,
 * versions), and how the issuer's Open Badges 2.0 assertions are verified
 * (hosted or signed, with key rotation). The policy has already checked that the caller is an admin
 * of the issuer in the path; the domain checks again.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"
#include "domain/badge.h"
#include "domain/signer.h"
#include "templates.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/render.h"

static const char *
status_label(const char *s)
{
	return strcmp(s, "draft") == 0    ? "Draft"
	    : strcmp(s, "published") == 0 ? "Published"
	                                  : "Archived";
}

static const char *
issuer_name(struct req *r)
{
	struct issuer_profile ip;

	if (issuer_profile(r->app, r->arena, r->path_params[0], &ip) != 0)
		return "this issuer";
	return ip.name;
}

/* ---- the issuer's badges, series and framework targets ---- */

/* verification_sections adds the choice of hosted or signed Open Badges
 * 2.0 assertions and the signing keys, with the rotate button. */
static int
verification_sections(struct req *r, struct page *p)
{
	static const char *const kcols[] = {"Key", "Made", "Retired"};
	const char *issuer = r->path_params[0], *mode;
	struct signer_key *k;
	struct view_section *sec;
	struct view_field *fd;
	size_t nk;
	int rc;

	if ((rc = issuer_verification(r->app, r->arena, issuer, &mode)) != 0 ||
	    (rc = issuer_keys(r->app, r->arena, issuer, &k, &nk)) != 0)
		return rc;
	sec = page_section(p, "Open Badges verification");
	section_para(r, sec,
	    strcmp(mode, "signed") == 0
	        ? "Badges are signed: each baked badge carries its assertion "
	          "signed with this issuer's current key, which verifiers "
	          "fetch from this site."
	        : "Badges are hosted: verifiers check each assertion at its "
	          "address on this site. Signed badges also carry a "
	          "signature by this issuer's key.");
	form_init(r, &sec->form,
	    arena_printf(r->arena, "/issuers/%s/verification", issuer),
	    "Save the choice");
	sec->has_form = true;
	sec->form.secondary = true;
	fd =
	    form_field(r, &sec->form, "verification", "Verification", "select");
	fd->value = mode;
	field_option(r, fd, "hosted", "Hosted");
	field_option(r, fd, "signed", "Signed");

	sec = page_section(p, "Signing keys");
	section_para(r, sec,
	    "Rotating makes a new key for signing and retires the current "
	    "one. Retired keys stay published with the date they were "
	    "retired.");
	sec->empty = "This issuer has no signing key yet.";
	section_columns(r, sec, NELEM(kcols), kcols);
	for (size_t i = 0; i < nk; i++) {
		struct view_cell *c = section_row(r, sec, 3);
		c[0].text = k[i].id;
		c[0].href = arena_printf(r->arena, "/ob/v2/keys/%s", k[i].id);
		c[1].text = fmt_date(r->arena, k[i].created_at);
		c[2].text = k[i].retired_at != 0
		    ? fmt_date(r->arena, k[i].retired_at)
		    : "Current";
	}
	form_init(r, &sec->form,
	    arena_printf(r->arena, "/issuers/%s/keys/rotate", issuer),
	    "Rotate the key");
	sec->has_form = true;
	sec->form.secondary = true;
	return 0;
}

static int
list_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	static const char *const bcols[] = {
	    "Badge", "Status", "Version", "Last changed"};
	static const char *const scols[] = {"Series", "Summary"};
	static const char *const fcols[] = {"Framework", "Code", "Target"};
	const char *issuer = r->path_params[0];
	struct badge_summary *b;
	struct series *s;
	struct framework *f;
	size_t nb, ns, nf;
	struct view_section *sec;
	struct view_field *fd;
	struct page p;
	int rc;

	if ((rc = badge_issuer_list(r->app, r->arena, issuer, &b, &nb)) != 0 ||
	    (rc = series_list(r->app, r->arena, issuer, &s, &ns)) != 0 ||
	    (rc = framework_list(r->app, r->arena, &f, &nf)) != 0)
		return rc;
	page_init(&p, r, "Badges");
	p.v.caption = issuer_name(r);
	if (req_param(r, "done") != NULL)
		p.v.notice = "Saved.";
	page_link(&p, arena_printf(r->arena, "/issuers/%s/badges/new", issuer),
	    "Create a badge");
	sec = page_section(&p, "Badges");
	sec->empty = "This issuer has no badges yet.";
	section_columns(r, sec, NELEM(bcols), bcols);
	for (size_t i = 0; i < nb; i++) {
		struct view_cell *c = section_row(r, sec, 4);
		c[0].text = b[i].name;
		c[0].href = arena_printf(
		    r->arena, "/issuers/%s/badges/%s", issuer, b[i].id);
		c[1].text = status_label(b[i].status);
		c[2].text =
		    arena_printf(r->arena, "%lld", (long long)b[i].version);
		c[3].text = fmt_date(r->arena, b[i].updated_at);
	}

	sec = page_section(&p, "Series");
	section_para(r, sec,
	    "A series splits a learning cycle into badges taken in order. "
	    "Choose a badge's series and place on its form.");
	sec->empty = "No series yet.";
	section_columns(r, sec, NELEM(scols), scols);
	for (size_t i = 0; i < ns; i++) {
		struct view_cell *c = section_row(r, sec, 2);
		c[0].text = s[i].name;
		c[0].href = arena_printf(r->arena, "/series/%s", s[i].id);
		c[1].text = s[i].summary;
	}
	form_init(r, &sec->form,
	    arena_printf(r->arena, "/issuers/%s/series", issuer),
	    "Create the series");
	sec->has_form = true;
	sec->form.secondary = true;
	form_field(
	    r, &sec->form, "series_name", "Name of a new series", "text");
	form_field(
	    r, &sec->form, "series_summary", "Summary (optional)", "text");

	sec = page_section(&p, "Framework targets");
	section_para(r, sec,
	    "Badges align to targets of frameworks such as codes of "
	    "practice or standards. Add a target here; a new framework name "
	    "makes a new framework.");
	sec->empty = "No frameworks yet.";
	section_columns(r, sec, NELEM(fcols), fcols);
	for (size_t i = 0; i < nf; i++)
		for (size_t t = 0; t < f[i].n_targets; t++) {
			struct view_cell *c = section_row(r, sec, 3);
			c[0].text = f[i].name;
			c[1].text = f[i].targets[t].code;
			c[2].text = f[i].targets[t].name;
			if (f[i].targets[t].url[0] != '\0')
				c[2].href = f[i].targets[t].url;
		}
	form_init(r, &sec->form,
	    arena_printf(r->arena, "/issuers/%s/frameworks", issuer),
	    "Add the target");
	sec->has_form = true;
	sec->form.secondary = true;
	fd = form_field(r, &sec->form, "framework", "Framework", "text");
	field_hint(fd,
	    "For example: SSSC Codes of Practice for Social "
	    "Service Workers");
	form_field(r, &sec->form, "code", "Code", "text");
	form_field(r, &sec->form, "target_name", "Target", "text");
	form_field(r, &sec->form, "url", "Web address (optional)", "text");
	if ((rc = verification_sections(r, &p)) != 0)
		return rc;
	if (e != NULL && e->msg != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_author_list(struct req *r, struct resp *rs)
{
	return list_page(r, rs, NULL);
}

static int
status_for(int rc)
{
	return rc == ERR_NOTFOUND ? 404
	    : rc == ERR_CONFLICT  ? 409
	    : rc == ERR_TOOBIG    ? 413
	                          : 400;
}

static bool
form_rc(int rc)
{
	return rc == ERR_INVAL || rc == ERR_CONFLICT || rc == ERR_NOTFOUND ||
	    rc == ERR_TOOBIG;
}

int
h_author_series(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	char id[ID_LEN + 1];
	int rc;

	rc = series_create(r->app, &w, r->path_params[0],
	    req_text(r, "series_name"), req_text(r, "series_summary"), id, &e);
	if (form_rc(rc)) {
		rs->status = status_for(rc);
		return list_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(
	        r->arena, "/issuers/%s/badges?done=1", r->path_params[0]));
}

int
h_author_target(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	int rc;

	rc = framework_add_target(r->app, &w, r->path_params[0],
	    req_text(r, "framework"), req_text(r, "code"),
	    req_text(r, "target_name"), req_text(r, "url"), &e);
	if (form_rc(rc)) {
		rs->status = status_for(rc);
		return list_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(
	        r->arena, "/issuers/%s/badges?done=1", r->path_params[0]));
}

int
h_author_verification(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {"verification", "Choose hosted or signed."};
	int rc;

	rc = issuer_verification_set(r->app, r->arena, &w, r->path_params[0],
	    req_text(r, "verification"));
	if (form_rc(rc)) {
		rs->status = status_for(rc);
		return list_page(r, rs, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(
	        r->arena, "/issuers/%s/badges?done=1", r->path_params[0]));
}

int
h_author_key_rotate(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	int rc;

	rc = issuer_key_rotate(r->app, r->arena, &w, r->path_params[0], NULL);
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(
	        r->arena, "/issuers/%s/badges?done=1", r->path_params[0]));
}

/* ---- the badge form ---- */

static const char *
join_lines(struct req *r, const char *const *v, size_t n, const char *sep)
{
	struct buf b;

	buf_init(&b, r->arena, 1 << 20);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, sep);
		buf_adds(&b, v[i]);
	}
	return buf_err(&b) ? "" : b.data;
}

static struct view_field *
add_field(struct req *r, struct view_field **list, size_t *n, const char *name,
    const char *label, const char *type, const char *hint)
{
	struct view_form f = {0};
	struct view_field *fd = form_field(r, &f, name, label, type);
	struct view_field *out = APPEND(r->arena, *list, *n);

	*out = *fd;
	out->hint = hint;
	return out;
}

/* preset gives fd its saved value unless the person sent one. */
static void
preset(struct req *r, struct view_field *fd, const char *value)
{
	if (r->method != HTTP_POST && value != NULL)
		fd->value = value;
}

static void
add_flag(struct req *r, struct view_badge_form *v, const char *name,
    const char *label, bool saved)
{
	struct view_check *c = APPEND(r->arena, v->flags, v->n_flags);

	c->name = name;
	c->id = arena_printf(r->arena, "f-%s", name);
	c->value = "yes";
	c->label = label;
	c->checked = r->method == HTTP_POST
	    ? strcmp(req_text(r, name), "yes") == 0
	    : saved;
}

static bool
aligned(struct req *r, const struct badge_detail *d, const char *target)
{
	const char *sent[BADGE_ALIGN_MAX];
	size_t n;

	if (r->method == HTTP_POST) {
		n = req_params(r, "alignment", sent, BADGE_ALIGN_MAX);
		for (size_t i = 0; i < n && i < BADGE_ALIGN_MAX; i++)
			if (strcmp(sent[i], target) == 0)
				return true;
		return false;
	}
	for (size_t i = 0; d != NULL && i < d->n_alignments; i++)
		if (strcmp(d->alignments[i].target_id, target) == 0)
			return true;
	return false;
}

static void
field_error(struct req *r, struct view_badge_form *v, const struct form_err *e)
{
	struct view_field *lists[] = {
	    v->about, v->design, v->settings, v->tail};
	size_t ns[] = {v->n_about, v->n_design, v->n_settings, v->n_tail};
	struct view_err *x = APPEND(r->arena, v->errors, v->n_errors);
	const char *field = e->field ? e->field : "";

	x->msg = e->msg;
	x->href =
	    field[0] ? arena_printf(r->arena, "#f-%s", field) : "#main-content";
	if (strcmp(field, "image") == 0)
		v->image_error = e->msg;
	if (strcmp(field, "alignment") == 0) {
		v->align_error = e->msg;
		x->href = "#f-alignment-error";
	}
	for (size_t k = 0; k < NELEM(lists); k++)
		for (size_t i = 0; i < ns[k]; i++)
			if (strcmp(lists[k][i].name, field) == 0)
				lists[k][i].error = e->msg;
}

static int
form_page(struct req *r, struct resp *rs, const struct badge_detail *d,
    const struct form_err *e)
{
	const char *issuer = r->path_params[0];
	struct view_badge_form v;
	struct framework *fw;
	struct series *s;
	size_t nfw, ns;
	struct view_field *fd;
	struct buf content;
	int rc;

	if ((rc = framework_list(r->app, r->arena, &fw, &nfw)) != 0 ||
	    (rc = series_list(r->app, r->arena, issuer, &s, &ns)) != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.caption = issuer_name(r);
	v.csrf = r->csrf;
	if (d == NULL) {
		v.heading = "Create a badge";
		v.action =
		    arena_printf(r->arena, "/issuers/%s/badges/new", issuer);
		v.submit = "Save as a draft";
		v.back_href =
		    arena_printf(r->arena, "/issuers/%s/badges", issuer);
		v.image_default = "a design is made from the badge's name and "
		                  "colour.";
	} else {
		v.heading = arena_printf(r->arena, "Edit %s", d->name);
		v.action = arena_printf(
		    r->arena, "/issuers/%s/badges/%s/edit", issuer, d->id);
		v.submit = "Save";
		v.back_href = arena_printf(
		    r->arena, "/issuers/%s/badges/%s", issuer, d->id);
		v.image_url =
		    render_image_url(r->arena, d->image_hash, d->image_ext);
		v.image_default = "the current image is kept.";
		if (strcmp(d->status, "draft") != 0)
			v.notice = arena_printf(r->arena,
			    "This badge is %s. Saving makes version %lld; "
			    "people who already hold the badge keep the "
			    "version "
			    "they were awarded.",
			    d->status, (long long)d->current_version + 1);
	}
	fd = add_field(r, &v.about, &v.n_about, "name", "Name", "text", NULL);
	preset(r, fd, d ? d->name : NULL);
	fd = add_field(r, &v.about, &v.n_about, "summary", "Summary", "text",
	    "One sentence, up to 300 characters, shown in the catalogue.");
	preset(r, fd, d ? d->summary : NULL);
	fd = add_field(r, &v.about, &v.n_about, "description", "Description",
	    "textarea",
	    "Who the badge is for and what it involves. You can use "
	    "Markdown: **bold**, lists, links.");
	preset(r, fd, d ? d->description_md : NULL);
	fd = add_field(r, &v.about, &v.n_about, "criteria", "Criteria",
	    "textarea",
	    "One per line. Assessors judge each criterion on its own, so "
	    "make each one something a learner can show.");
	preset(
	    r, fd, d ? join_lines(r, d->criteria, d->n_criteria, "\n") : NULL);
	fd = add_field(r, &v.about, &v.n_about, "activities",
	    "Workplace activities", "textarea",
	    "One per line, for example a discussion with colleagues or a "
	    "manager. Optional.");
	preset(r, fd,
	    d ? join_lines(r, d->activities, d->n_activities, "\n") : NULL);
	fd = add_field(r, &v.about, &v.n_about, "resources",
	    "Learning resources", "textarea",
	    "One per line: the title, a space, then the web address "
	    "(https://...). Optional.");
	if (d != NULL) {
		const char **lines = arena_alloc(r->arena,
		    (d->n_resources ? d->n_resources : 1) * sizeof(*lines));
		for (size_t i = 0; lines && i < d->n_resources; i++)
			lines[i] = arena_printf(r->arena, "%s %s",
			    d->resources[i].title, d->resources[i].url);
		preset(r, fd,
		    lines ? join_lines(r, lines, d->n_resources, "\n") : "");
	}
	fd = add_field(r, &v.about, &v.n_about, "minutes",
	    "Estimated time, in minutes", "text",
	    "How long the learning and the application usually take.");
	preset(r, fd,
	    d ? arena_printf(r->arena, "%lld", (long long)d->minutes) : NULL);
	fd = add_field(r, &v.about, &v.n_about, "tags", "Topics", "text",
	    "Separated by commas, for example: dementia, communication.");
	preset(r, fd, d ? join_lines(r, d->tags, d->n_tags, ", ") : NULL);

	fd = add_field(r, &v.design, &v.n_design, "image_alt",
	    "Description of the image", "text",
	    "What the image shows, for people who cannot see it.");
	preset(r, fd, d ? d->image_alt : NULL);
	fd = add_field(r, &v.design, &v.n_design, "colour",
	    "Colour of the generated design", "text",
	    "# and six hexadecimal digits, for example #0065bd.");
	preset(r, fd, d ? d->colour : "#0065bd");
	if (d != NULL)
		add_flag(r, &v, "generate",
		    "Replace the image with a design made from the name and "
		    "colour",
		    false);

	fd = add_field(r, &v.settings, &v.n_settings, "licence",
	    "Licence of the learning material", "text",
	    "For example CC BY 4.0.");
	preset(r, fd, d ? d->licence : "CC BY 4.0");
	fd = add_field(r, &v.settings, &v.n_settings, "min_words",
	    "Minimum words in the reflective account", "text",
	    "0 for no minimum. An audio or video account is always allowed "
	    "instead.");
	preset(r, fd,
	    d ? arena_printf(r->arena, "%lld", (long long)d->min_words)
	      : "200");
	fd = add_field(r, &v.settings, &v.n_settings, "expiry_months",
	    "Expiry, in months", "text", "0 if the badge does not expire.");
	preset(r, fd,
	    d ? arena_printf(r->arena, "%lld", (long long)d->expiry_months)
	      : "0");
	fd = add_field(r, &v.settings, &v.n_settings, "endorsement_months",
	    "Manager's endorsement needed within, in months", "text",
	    "0 if none is needed. Without the endorsement in time, the award "
	    "lapses.");
	preset(r, fd,
	    d ? arena_printf(r->arena, "%lld", (long long)d->endorsement_months)
	      : "0");
	fd = add_field(
	    r, &v.settings, &v.n_settings, "series", "Series", "select", NULL);
	preset(r, fd, d ? d->series_id : NULL);
	field_option(r, fd, "", "Not in a series");
	for (size_t i = 0; i < ns; i++)
		field_option(r, fd, s[i].id, s[i].name);
	fd = add_field(r, &v.settings, &v.n_settings, "series_position",
	    "Place in the series", "text", "1 for the first badge.");
	preset(r, fd,
	    d && d->series_position
	        ? arena_printf(r->arena, "%lld", (long long)d->series_position)
	        : NULL);
	add_flag(r, &v, "attachments", "Learners may attach files",
	    d ? d->attachments_allowed : false);
	add_flag(r, &v, "introductory",
	    "Introductory: recommended to everyone before other badges",
	    d ? d->introductory : false);

	for (size_t i = 0; i < nfw; i++) {
		struct view_check_group *g =
		    APPEND(r->arena, v.groups, v.n_groups);
		g->legend = fw[i].name;
		for (size_t t = 0; t < fw[i].n_targets; t++) {
			struct view_check *c =
			    APPEND(r->arena, g->items, g->n_items);
			c->name = "alignment";
			c->id = arena_printf(
			    r->arena, "f-alignment-%s", fw[i].targets[t].id);
			c->value = fw[i].targets[t].id;
			c->label = arena_printf(r->arena, "%s %s",
			    fw[i].targets[t].code, fw[i].targets[t].name);
			c->checked = aligned(r, d, fw[i].targets[t].id);
		}
	}
	if (d != NULL && strcmp(d->status, "draft") != 0)
		add_field(r, &v.tail, &v.n_tail, "change_note", "What changed?",
		    "text",
		    "Shown in the badge's version history, for example: "
		    "clearer wording of criterion 2.");
	if (e != NULL && e->msg != NULL)
		field_error(r, &v, e);
	form_describe(r, v.about, v.n_about);
	form_describe(r, v.design, v.n_design);
	form_describe(r, v.settings, v.n_settings);
	form_describe(r, v.tail, v.n_tail);
	buf_init(&content, r->arena, 4 << 20);
	tmpl_badge_form(&content, &v);
	return render_page(r, rs, v.heading, &content);
}

int
h_author_new(struct req *r, struct resp *rs)
{
	return form_page(r, rs, NULL, NULL);
}

/* number reads field name as a whole number in min..max. */
static int
number(struct req *r, const char *name, int64_t min, int64_t max, int64_t *out,
    const char *msg, struct form_err *e)
{
	const char *s = req_text(r, name);

	if (num_parse(s, strlen(s), min, max, out) != 0)
		return form_fail(e, name, msg, ERR_INVAL);
	return 0;
}

/* read_input fills in from the request; a malformed field sets e. */
static int
read_input(struct req *r, struct badge_input *in, struct form_err *e)
{
	const char **lines, **tv;
	struct badge_resource *res;
	size_t n, bad;
	int rc;

	memset(in, 0, sizeof(in[0]));
	in->name = req_text(r, "name");
	in->summary = req_text(r, "summary");
	in->description_md = req_text(r, "description");
	if ((rc = badge_parse_lines(
	         r->arena, req_text(r, "criteria"), &lines, &n)) != 0)
		return rc;
	in->criteria = lines;
	in->n_criteria = n;
	if ((rc = badge_parse_lines(
	         r->arena, req_text(r, "activities"), &lines, &n)) != 0)
		return rc;
	in->activities = lines;
	in->n_activities = n;
	rc = badge_parse_resources(
	    r->arena, req_text(r, "resources"), &res, &n, &bad);
	if (rc == ERR_INVAL)
		return form_fail(e, "resources",
		    arena_printf(r->arena,
		        "Line %zu of the learning resources has no web "
		        "address: end it with one starting https://.",
		        bad),
		    ERR_INVAL);
	if (rc != 0)
		return rc;
	in->resources = res;
	in->n_resources = n;
	if ((rc = badge_parse_tags(r->arena, req_text(r, "tags"), &tv, &n)) !=
	    0)
		return rc;
	in->tags = tv;
	in->n_tags = n;
	tv = arena_alloc(r->arena, (BADGE_ALIGN_MAX + 1) * sizeof(*tv));
	if (tv == NULL)
		return ERR_TOOBIG;
	n = req_params(r, "alignment", tv, BADGE_ALIGN_MAX + 1);
	in->targets = tv;
	in->n_targets = n > BADGE_ALIGN_MAX + 1 ? BADGE_ALIGN_MAX + 1 : n;
	if ((rc = number(r, "minutes", 0, 100000, &in->minutes,
	         "Enter the time it takes as a number of minutes, for "
	         "example 90.",
	         e)) != 0 ||
	    (rc = number(r, "min_words", 0, 100000, &in->min_words,
	         "Enter the minimum number of words as a number, or 0.", e)) !=
	        0 ||
	    (rc = number(r, "expiry_months", 0, 100000, &in->expiry_months,
	         "Enter the expiry as a number of months, or 0.", e)) != 0 ||
	    (rc = number(r, "endorsement_months", 0, 100000,
	         &in->endorsement_months,
	         "Enter the endorsement deadline as a number of months, or "
	         "0.",
	         e)) != 0)
		return rc;
	in->licence = req_text(r, "licence");
	in->colour = req_text(r, "colour");
	in->image_alt = req_text(r, "image_alt");
	in->attachments_allowed =
	    strcmp(req_text(r, "attachments"), "yes") == 0;
	in->introductory = strcmp(req_text(r, "introductory"), "yes") == 0;
	in->generate_image = strcmp(req_text(r, "generate"), "yes") == 0;
	in->series_id = req_text(r, "series");
	if (in->series_id[0] != '\0' &&
	    !id_valid(in->series_id, strlen(in->series_id)))
		return form_fail(
		    e, "series", "Choose a series from the list.", ERR_INVAL);
	if (in->series_id[0] != '\0' &&
	    (rc = number(r, "series_position", 1, 99, &in->series_position,
	         "Enter the badge's place in the series, from 1 to 99.", e)) !=
	        0)
		return rc;
	in->change_note = req_text(r, "change_note");
	in->image = req_file(r, "image", &in->image_len, NULL);
	if (in->image != NULL && in->image_len == 0)
		return form_fail(
		    e, "image", "The chosen image file is empty.", ERR_INVAL);
	return 0;
}

static int
save_badge(struct req *r, struct resp *rs, const char *id)
{
	struct who w = web_who(r);
	struct form_err e = {0};
	struct badge_input in;
	struct badge_detail d;
	char out[ID_LEN + 1];
	int rc;

	if (id != NULL &&
	    (rc = badge_get(r->app, r->arena, id, 0, true, NULL, &d)) != 0)
		return rc == ERR_NOTFOUND
		    ? resp_error(rs, 404, "There is no such badge.")
		    : rc;
	if (id != NULL && strcmp(d.issuer_id, r->path_params[0]) != 0)
		return resp_error(rs, 404, "There is no such badge.");
	rc = read_input(r, &in, &e);
	if (rc == 0)
		rc = badge_save(
		    r->app, &w, r->arena, r->path_params[0], id, &in, out, &e);
	if (form_rc(rc)) {
		rs->status = status_for(rc);
		return form_page(r, rs, id ? &d : NULL, &e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/issuers/%s/badges/%s?done=saved",
	        r->path_params[0], out));
}

int
h_author_create(struct req *r, struct resp *rs)
{
	return save_badge(r, rs, NULL);
}

int
h_author_save(struct req *r, struct resp *rs)
{
	return save_badge(r, rs, r->path_params[1]);
}

/* load reads the badge in the path, of the issuer in the path. */
static int
load(struct req *r, struct resp *rs, struct badge_detail *d)
{
	int rc =
	    badge_get(r->app, r->arena, r->path_params[1], 0, true, NULL, d);

	if (rc == ERR_NOTFOUND ||
	    (rc == 0 && strcmp(d->issuer_id, r->path_params[0]) != 0)) {
		resp_error(rs, 404, "There is no such badge.");
		return ERR_NOTFOUND;
	}
	return rc;
}

int
h_author_edit(struct req *r, struct resp *rs)
{
	struct badge_detail d;
	int rc = load(r, rs, &d);

	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	return form_page(r, rs, &d, NULL);
}

/* ---- one badge: status, prerequisites, versions ---- */

static int
badge_page(struct req *r, struct resp *rs, const struct form_err *e)
{
	static const char *const pcols[] = {"Badge", "Kind", ""};
	static const char *const vcols[] = {"Version", "Saved", "By", "Note"};
	const char *issuer = r->path_params[0], *done = req_text(r, "done");
	struct badge_detail d;
	struct badge_summary *all;
	struct badge_version_info *vers;
	struct catalogue_query q;
	size_t nall, nv, total;
	struct view_section *s;
	struct view_field *fd;
	struct page p;
	int rc = load(r, rs, &d);

	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc != 0 ||
	    (rc = badge_versions(r->app, r->arena, d.id, &vers, &nv)) != 0)
		return rc;
	memset(&q, 0, sizeof(q));
	q.max_minutes = 1000000;
	q.sort = SORT_NAME;
	q.limit = 1000;
	if ((rc = catalogue_search(
	         r->app, r->arena, &q, &all, &nall, &total)) != 0)
		return rc;
	page_init(&p, r, d.name);
	p.v.caption = issuer_name(r);
	if (strcmp(done, "saved") == 0)
		p.v.notice = "The badge is saved.";
	else if (done[0] != '\0')
		p.v.notice = "Done.";
	page_para(&p,
	    arena_printf(r->arena, "Status: %s. Version %lld.",
	        status_label(d.status), (long long)d.current_version));
	page_link(&p,
	    arena_printf(r->arena, "/issuers/%s/badges/%s/edit", issuer, d.id),
	    "Edit the badge");
	page_link(&p, arena_printf(r->arena, "/badges/%s", d.id),
	    strcmp(d.status, "draft") == 0 ? "Preview the badge page"
	                                   : "See the badge page");
	page_link(&p, arena_printf(r->arena, "/issuers/%s/badges", issuer),
	    "All badges of this issuer");

	s = page_section(&p, "Status");
	section_para(r, s,
	    strcmp(d.status, "draft") == 0
	        ? "A draft is seen only by this issuer's staff. Publishing "
	          "puts it in the catalogue."
	        : strcmp(d.status, "published") == 0
	        ? "The badge is in the catalogue and open to applications. "
	          "Archiving takes it out of the catalogue; people who hold "
	          "it keep it."
	        : "The badge is archived. Publishing it again puts it back "
	          "in the catalogue.");
	form_init(r, &s->form,
	    arena_printf(
	        r->arena, "/issuers/%s/badges/%s/status", issuer, d.id),
	    strcmp(d.status, "published") == 0 ? "Archive the badge"
	                                       : "Publish the badge");
	s->has_form = true;
	s->form.secondary = strcmp(d.status, "published") == 0;
	form_hidden(r, &s->form, "status",
	    strcmp(d.status, "published") == 0 ? "archived" : "published");

	s = page_section(&p, "Prerequisites");
	section_para(r, s,
	    "A required prerequisite must be held before a learner can "
	    "apply; a recommended one is suggested.");
	s->empty = "This badge has no prerequisites.";
	section_columns(r, s, NELEM(pcols), pcols);
	for (size_t i = 0; i < d.n_prereqs; i++) {
		struct view_cell *c = section_row(r, s, 3);
		struct view_form *f;
		c[0].text = d.prereqs[i].name;
		c[0].href =
		    arena_printf(r->arena, "/badges/%s", d.prereqs[i].id);
		c[1].text = d.prereqs[i].required ? "Required" : "Recommended";
		f = cell_button(r, &c[2],
		    arena_printf(r->arena,
		        "/issuers/%s/badges/%s/prerequisites/%s/remove", issuer,
		        d.id, d.prereqs[i].id),
		    "Remove");
		f->secondary = true;
	}
	form_init(r, &s->form,
	    arena_printf(
	        r->arena, "/issuers/%s/badges/%s/prerequisites", issuer, d.id),
	    "Add the prerequisite");
	s->has_form = true;
	s->form.secondary = true;
	fd = form_field(r, &s->form, "prereq", "Badge", "select");
	for (size_t i = 0; i < nall; i++)
		if (strcmp(all[i].id, d.id) != 0)
			field_option(r, fd, all[i].id, all[i].name);
	fd = form_field(r, &s->form, "kind", "Kind", "select");
	field_option(r, fd, "recommended", "Recommended");
	field_option(r, fd, "required", "Required");

	s = page_section(&p, "Versions");
	section_columns(r, s, NELEM(vcols), vcols);
	for (size_t i = 0; i < nv; i++) {
		struct view_cell *c = section_row(r, s, 4);
		c[0].text =
		    arena_printf(r->arena, "%lld", (long long)vers[i].version);
		c[0].href = arena_printf(r->arena, "/badges/%s?version=%lld",
		    d.id, (long long)vers[i].version);
		c[1].text = fmt_time(r->arena, vers[i].created_at);
		c[2].text = vers[i].created_by;
		c[3].text = vers[i].change_note;
	}
	if (e != NULL && e->msg != NULL)
		page_error(&p, e->field, e->msg);
	return page_render(&p, rs);
}

int
h_author_badge(struct req *r, struct resp *rs)
{
	return badge_page(r, rs, NULL);
}

static int
badge_after(struct req *r, struct resp *rs, int rc, const struct form_err *e)
{
	if (form_rc(rc)) {
		rs->status = status_for(rc);
		return badge_page(r, rs, e);
	}
	if (rc != 0)
		return rc;
	return resp_redirect(rs,
	    arena_printf(r->arena, "/issuers/%s/badges/%s?done=1",
	        r->path_params[0], r->path_params[1]));
}

int
h_author_status(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return badge_after(r, rs,
	    badge_set_status(r->app, &w, r->path_params[0], r->path_params[1],
	        req_text(r, "status"), &e),
	    &e);
}

int
h_author_prereq_add(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {0};

	return badge_after(r, rs,
	    badge_prereq_add(r->app, &w, r->path_params[0], r->path_params[1],
	        req_text(r, "prereq"),
	        strcmp(req_text(r, "kind"), "required") == 0, &e),
	    &e);
}

int
h_author_prereq_remove(struct req *r, struct resp *rs)
{
	struct who w = web_who(r);
	struct form_err e = {"", "That prerequisite was already removed."};
	int rc = badge_prereq_remove(r->app, &w, r->path_params[0],
	    r->path_params[1], r->path_params[2]);

	return badge_after(r, rs, rc, &e);
}
