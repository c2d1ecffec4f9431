/*
 * h_catalogue.c: the public catalogue: home page, badge search with
 * filters, the badge page with its versions, series and issuer pages,
 * and stored badge images.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/id.h"
#include "core/num.h"
#include "domain/badge.h"
#include "domain/org.h"
#include "templates.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/render.h"

#define CATALOGUE_PAGE 20

static struct view_badge_card *
to_cards(struct req *r, const struct badge_summary *s, size_t n, bool series)
{
	struct view_badge_card *out =
	    arena_alloc(r->arena, (n ? n : 1) * sizeof(*out));

	if (out == NULL)
		return NULL;
	memset(out, 0, (n ? n : 1) * sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		out[i].id = s[i].id;
		out[i].name = s[i].name;
		out[i].summary = s[i].summary;
		out[i].issuer_name = s[i].issuer_name;
		out[i].time = render_minutes(r->arena, s[i].minutes);
		out[i].image_url =
		    render_image_url(r->arena, s[i].image_hash, s[i].image_ext);
		out[i].introductory = s[i].introductory;
		out[i].position = series ? (long)s[i].series_position : 0;
	}
	return out;
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
	if ((*out = to_cards(r, s, k, false)) == NULL)
		return ERR_TOOBIG;
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

/* An id parameter that may be empty ("any"); false if malformed. */
static bool
opt_id(struct req *r, const char *name, const char **out)
{
	*out = req_text(r, name);
	return (*out)[0] == '\0' || id_valid(*out, strlen(*out));
}

static struct view_field *
filter(struct req *r, struct view_catalogue *v, const char *name,
    const char *label, const char *any)
{
	struct view_form f = {0};
	struct view_field *fd = form_field(r, &f, name, label, "select");
	struct view_field *out = APPEND(r->arena, v->filters, v->n_filters);

	*out = *fd;
	if (any != NULL)
		field_option(r, out, "", any);
	return out;
}

static void
facet_filter(struct req *r, struct view_catalogue *v, const char *name,
    const char *label, const struct facet *f, size_t n)
{
	struct view_field *fd;

	if (n == 0)
		return;
	fd = filter(r, v, name, label, "Any");
	for (size_t i = 0; i < n; i++)
		field_option(r, fd, f[i].value,
		    arena_printf(r->arena, "%s (%lld)", f[i].label,
		        (long long)f[i].count));
}

/* page_href is /badges with the current query and page number. */
static const char *
page_href(struct req *r, long page)
{
	static const char *const keep[] = {
	    "q", "issuer", "tag", "framework", "series", "time", "sort"};
	struct buf b;

	buf_init(&b, r->arena, 4096);
	buf_adds(&b, "/badges?");
	for (size_t i = 0; i < NELEM(keep); i++) {
		const char *val = req_text(r, keep[i]);
		if (val[0] == '\0')
			continue;
		buf_adds(&b, keep[i]);
		buf_addc(&b, '=');
		url_encode_component(&b, val, strlen(val));
		buf_addc(&b, '&');
	}
	buf_addf(&b, "page=%ld", page);
	return buf_err(&b) ? "/badges" : b.data;
}

int
h_badges(struct req *r, struct resp *rs)
{
	static const char *const sorts[] = {
	    "recommended", "name", "newest", "shortest"};
	struct view_catalogue v;
	struct catalogue_query q;
	struct catalogue_facets fc;
	struct badge_summary *s;
	struct view_field *fd;
	struct buf content;
	const char *ps = req_param(r, "page"), *time = req_text(r, "time");
	const char *sort = req_text(r, "sort");
	int64_t page = 1;
	size_t n, total;
	int rc;

	memset(&q, 0, sizeof(q));
	memset(&v, 0, sizeof(v));
	if (ps != NULL && num_parse(ps, strlen(ps), 1, 100000, &page) != 0)
		return ERR_INVAL;
	if (!opt_id(r, "issuer", &q.issuer) ||
	    !opt_id(r, "framework", &q.framework) ||
	    !opt_id(r, "series", &q.series))
		return resp_error(rs, 400,
		    "One of the filters is not valid. Clear the filters and "
		    "try again.");
	q.q = req_text(r, "q");
	q.tag = req_text(r, "tag");
	q.min_minutes = 0;
	q.max_minutes = 1000000;
	if (strcmp(time, "short") == 0)
		q.max_minutes = 60;
	else if (strcmp(time, "medium") == 0)
		q.min_minutes = 61, q.max_minutes = 180;
	else if (strcmp(time, "long") == 0)
		q.min_minutes = 181;
	for (size_t i = 0; i < NELEM(sorts); i++)
		if (strcmp(sort, sorts[i]) == 0)
			q.sort = (enum catalogue_sort)i;
	q.limit = CATALOGUE_PAGE;
	q.offset = (size_t)(page - 1) * CATALOGUE_PAGE;
	if ((rc = catalogue_search(r->app, r->arena, &q, &s, &n, &total)) !=
	        0 ||
	    (rc = catalogue_facets(r->app, r->arena, &fc)) != 0)
		return rc;
	v.q = q.q;
	v.filtered = q.q[0] || q.issuer[0] || q.tag[0] || q.framework[0] ||
	    q.series[0] || time[0];
	facet_filter(r, &v, "tag", "Topic", fc.tags, fc.n_tags);
	facet_filter(
	    r, &v, "framework", "Framework", fc.frameworks, fc.n_frameworks);
	facet_filter(r, &v, "series", "Series", fc.series, fc.n_series);
	facet_filter(r, &v, "issuer", "Issuer", fc.issuers, fc.n_issuers);
	fd = filter(r, &v, "time", "Time it takes", "Any");
	field_option(r, fd, "short", "Up to 1 hour");
	field_option(r, fd, "medium", "1 to 3 hours");
	field_option(r, fd, "long", "More than 3 hours");
	fd = filter(r, &v, "sort", "Sort by", NULL);
	field_option(
	    r, fd, "recommended", q.q[0] ? "Best match" : "Recommended first");
	field_option(r, fd, "name", "Name");
	field_option(r, fd, "newest", "Newest");
	field_option(r, fd, "shortest", "Shortest first");
	v.pages = (long)((total + CATALOGUE_PAGE - 1) / CATALOGUE_PAGE);
	if (v.pages == 0)
		v.pages = 1;
	if (page > v.pages)
		return resp_error(rs, 404, "There is no such page of badges.");
	v.page = (long)page;
	v.pages_nav = v.pages > 1;
	if ((v.badges = to_cards(r, s, n, false)) == NULL)
		return ERR_TOOBIG;
	v.n_badges = n;
	v.summary = total == 1 ? "1 badge found."
	    : v.filtered
	    ? arena_printf(r->arena, "%zu badges found.", total)
	    : arena_printf(r->arena,
	          "%zu badges recognise learning in social services.", total);
	if (page > 1)
		v.prev_href = page_href(r, (long)page - 1);
	if (page < v.pages)
		v.next_href = page_href(r, (long)page + 1);
	buf_init(&content, r->arena, 4 << 20);
	tmpl_catalogue(&content, &v);
	return render_page(r, rs,
	    q.q[0] ? arena_printf(r->arena, "Badges matching \"%s\"", q.q)
	           : "Badges",
	    &content);
}

/* badge_view fills v from d. */
static int
badge_view(struct req *r, const struct badge_detail *d, struct view_badge *v)
{
	const char *person = r->session ? web_who(r).person : NULL;
	struct badge_version_info *vers;
	size_t nv;
	struct buf md;
	int rc;

	v->id = d->id;
	v->name = d->name;
	v->summary = d->summary;
	v->image_url = render_image_url(r->arena, d->image_hash, d->image_ext);
	v->image_alt = d->image_alt;
	v->time = render_minutes(r->arena, d->minutes);
	v->licence = d->licence;
	v->evidence = d->min_words > 0
	    ? arena_printf(r->arena,
	          "A reflective account of at least %lld words, or an audio "
	          "or video account%s",
	          (long long)d->min_words,
	          d->attachments_allowed ? "; attachments are allowed" : "")
	    : "A reflective account, or an audio or video account";
	v->expiry = d->expiry_months > 0
	    ? arena_printf(r->arena, "Expires %lld months after it is awarded",
	          (long long)d->expiry_months)
	    : "Does not expire";
	if (d->endorsement_months > 0)
		v->endorsement = arena_printf(r->arena,
		    "A manager's endorsement is needed within %lld months of "
		    "the award, or the award lapses",
		    (long long)d->endorsement_months);
	v->holders = d->holders == 0 ? "No one yet"
	    : d->holders == 1
	    ? "1 person"
	    : arena_printf(r->arena, "%lld people", (long long)d->holders);
	v->issuer_id = d->issuer_id;
	v->issuer_name = d->issuer_name;
	if (d->series_id[0] != '\0') {
		v->series_id = d->series_id;
		v->series_name = d->series_name;
		v->series_position = (long)d->series_position;
	}
	v->introductory = d->introductory;
	v->criteria = d->criteria;
	v->n_criteria = d->n_criteria;
	v->activities = d->activities;
	v->n_activities = d->n_activities;
	for (size_t i = 0; i < d->n_resources; i++) {
		struct view_resource *x =
		    APPEND(r->arena, v->resources, v->n_resources);
		x->title = d->resources[i].title;
		x->url = d->resources[i].url;
	}
	for (size_t i = 0; i < d->n_tags; i++) {
		struct view_link *x = APPEND(r->arena, v->tags, v->n_tags);
		struct buf b;
		buf_init(&b, r->arena, 512);
		buf_adds(&b, "/badges?tag=");
		url_encode_component(&b, d->tags[i], strlen(d->tags[i]));
		x->href = buf_err(&b) ? "/badges" : b.data;
		x->label = d->tags[i];
	}
	for (size_t i = 0; i < d->n_alignments; i++) {
		struct view_alignment *x =
		    APPEND(r->arena, v->alignments, v->n_alignments);
		x->framework = d->alignments[i].framework;
		x->code = d->alignments[i].code;
		x->name = d->alignments[i].name;
		x->url = d->alignments[i].url;
	}
	for (size_t i = 0; i < d->n_prereqs; i++) {
		struct view_prereq *x =
		    APPEND(r->arena, v->prereqs, v->n_prereqs);
		x->id = d->prereqs[i].id;
		x->name = d->prereqs[i].name;
		x->kind = d->prereqs[i].required
		    ? "required: you need to hold it before you apply"
		    : "recommended";
		if (person != NULL)
			x->progress = d->prereqs[i].held
			    ? "you hold it"
			    : "you do not hold it yet";
	}
	if ((rc = badge_versions(r->app, r->arena, d->id, &vers, &nv)) != 0)
		return rc;
	for (size_t i = 0; nv > 1 && i < nv; i++) {
		struct view_version *x =
		    APPEND(r->arena, v->versions, v->n_versions);
		x->version = (long)vers[i].version;
		x->current = vers[i].version == d->version;
		x->href = arena_printf(r->arena, "/badges/%s?version=%lld",
		    d->id, (long long)vers[i].version);
		x->date = fmt_date(r->arena, vers[i].created_at);
		x->note = vers[i].change_note;
	}
	if (strcmp(d->status, "draft") == 0)
		v->notice =
		    "This badge is a draft: only its issuer's staff can "
		    "see it.";
	else if (d->version != d->current_version) {
		v->notice = arena_printf(r->arena,
		    "This is version %lld of this badge. Awards made against "
		    "it keep it; new applications use version %lld.",
		    (long long)d->version, (long long)d->current_version);
		v->current_href = arena_printf(r->arena, "/badges/%s", d->id);
	} else if (strcmp(d->status, "archived") == 0)
		v->notice = "This badge is archived: it is kept for the people "
		            "who hold it, and no longer open to applications.";
	buf_init(&md, r->arena, 1 << 20);
	return markdown_render(
	    &md, d->description_md, strlen(d->description_md), &v->description);
}

int
h_badge(struct req *r, struct resp *rs)
{
	const char *vs = req_param(r, "version");
	const char *person = r->session ? web_who(r).person : NULL;
	struct badge_detail d;
	struct view_badge v;
	struct buf content;
	int64_t version = 0;
	bool staff = false;
	size_t total;
	int rc;

	if (vs != NULL && num_parse(vs, strlen(vs), 1, 100000, &version) != 0)
		return ERR_INVAL;
	rc = badge_get(
	    r->app, r->arena, r->path_params[0], version, true, person, &d);
	if (rc == 0 && person != NULL)
		staff = issuer_person_role(
		            r->app, r->arena, d.issuer_id, person) != 0;
	if (rc == ERR_NOTFOUND ||
	    (rc == 0 && !staff && strcmp(d.status, "draft") == 0))
		return resp_error(rs, 404,
		    version ? "This badge has no such version."
		            : "There is no badge at this address. Browse the "
		              "catalogue to find current badges.");
	if (rc != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	if ((rc = badge_view(r, &d, &v)) != 0)
		return rc;
	if (!d.introductory &&
	    (rc = intro_cards(r, &v.intro, &v.n_intro, &total)) != 0)
		return rc;
	/* applications (h_apply.c): the Apply box */
	if ((rc = h_apply_badge_box(r, &d, &v.apply)) != 0)
		return rc;
	/* end of applications */
	/* colleagues who hold this badge (h_endorse.c) */
	if ((rc = h_colleagues_box(r, d.id, &v.colleagues)) != 0)
		return rc;
	/* end of colleagues */
	buf_init(&content, r->arena, 4 << 20);
	tmpl_badge(&content, &v);
	return render_page(r, rs, d.name, &content);
}

int
h_series(struct req *r, struct resp *rs)
{
	struct series s;
	struct view_series v;
	struct buf content;
	int rc;

	rc = series_get(r->app, r->arena, r->path_params[0], &s);
	if (rc == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no series at this address.");
	if (rc != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.name = s.name;
	v.summary = s.summary;
	v.issuer_id = s.issuer_id;
	v.issuer_name = s.issuer_name;
	if ((v.badges = to_cards(r, s.badges, s.n_badges, true)) == NULL)
		return ERR_TOOBIG;
	v.n_badges = s.n_badges;
	buf_init(&content, r->arena, 4 << 20);
	tmpl_series(&content, &v);
	return render_page(r, rs, s.name, &content);
}

int
h_issuer(struct req *r, struct resp *rs)
{
	struct issuer_profile ip;
	struct catalogue_query q;
	struct badge_summary *b;
	struct series *s;
	struct view_issuer v;
	struct buf content;
	size_t nb, ns, total;
	int rc;

	rc = issuer_profile(r->app, r->arena, r->path_params[0], &ip);
	if (rc == ERR_NOTFOUND)
		return resp_error(
		    rs, 404, "There is no issuer at this address.");
	memset(&q, 0, sizeof(q));
	q.issuer = ip.id;
	q.max_minutes = 1000000;
	q.limit = 500;
	if (rc != 0 ||
	    (rc = catalogue_search(r->app, r->arena, &q, &b, &nb, &total)) !=
	        0 ||
	    (rc = series_list(r->app, r->arena, ip.id, &s, &ns)) != 0)
		return rc;
	memset(&v, 0, sizeof(v));
	v.name = ip.name;
	v.description = ip.description;
	v.url = ip.url;
	for (size_t i = 0; i < ns; i++) {
		struct view_link *x = APPEND(r->arena, v.series, v.n_series);
		x->href = arena_printf(r->arena, "/series/%s", s[i].id);
		x->label = s[i].name;
	}
	if ((v.badges = to_cards(r, b, nb, false)) == NULL)
		return ERR_TOOBIG;
	v.n_badges = nb;
	v.count_text = total == 1
	    ? "1 published badge."
	    : arena_printf(r->arena, "%zu published badges.", total);
	buf_init(&content, r->arena, 4 << 20);
	tmpl_issuer(&content, &v);
	return render_page(r, rs, ip.name, &content);
}

int
h_image(struct req *r, struct resp *rs)
{
	const char *path = r->path_params[0], *dot = strrchr(path, '.');
	const void *bytes;
	const char *type;
	size_t len;
	char *hash;
	int rc;

	if (dot == NULL ||
	    (strcmp(dot, ".png") != 0 && strcmp(dot, ".svg") != 0))
		return resp_error(
		    rs, 404, "There is no image at this address.");
	hash = arena_strndup(r->arena, path, (size_t)(dot - path));
	rc = badge_image(r->app, r->arena, hash, &bytes, &len, &type);
	if (rc == ERR_NOTFOUND ||
	    (rc == 0 &&
	        (strcmp(dot, ".svg") == 0) !=
	            (strcmp(type, "image/svg+xml") == 0)))
		return resp_error(
		    rs, 404, "There is no image at this address.");
	if (rc != 0)
		return rc;
	rs->status = 200;
	rs->content_type = type;
	buf_add(&rs->body, bytes, len);
	/* The address names the bytes: they never change. */
	resp_header(rs, "Cache-Control", "public, max-age=31536000, immutable");
	resp_header(rs, "ETag", arena_printf(r->arena, "\"%s\"", hash));
	if (strcmp(dot, ".svg") == 0)
		resp_header(rs, "Content-Security-Policy",
		    "default-src 'none'; style-src 'unsafe-inline'; sandbox");
	return 0;
}
