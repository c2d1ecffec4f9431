/*
 * badge_edit.c: authoring badges: saving drafts and new versions,
 * publishing and archiving, prerequisites (no cycles), series and
 * framework targets (see badge.h).
 *
 * Every write runs in one transaction and is audited; a refused form
 * writes nothing. The search index (badge_fts) holds exactly the current
 * versions of published badges and is kept in the same transaction.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/badge.h"
#include "domain/image.h"
#include "domain/org.h"

#define PREREQ_WALK_MAX 1000

static bool
web_url(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 && s[8] != '\0') ||
	    (strncmp(s, "http://", 7) == 0 && s[7] != '\0');
}

/* trim returns s without leading and trailing white space (arena). */
static char *
trim(struct arena *a, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++, n--;
	while (
	    n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(a, s, n);
}

int
badge_parse_lines(
    struct arena *a, const char *text, const char ***out, size_t *n)
{
	size_t cap = 1, k = 0;
	const char **v;

	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	if ((v = arena_alloc(a, cap * sizeof(*v))) == NULL)
		return ERR_TOOBIG;
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *t = trim(a, p, len);
		if (t == NULL)
			return ERR_TOOBIG;
		if (t[0] != '\0')
			v[k++] = t;
		p += len + (e != NULL);
	}
	*out = v;
	*n = k;
	return 0;
}

int
badge_parse_resources(struct arena *a, const char *text,
    struct badge_resource **out, size_t *n, size_t *bad)
{
	const char **lines;
	size_t nl;
	struct badge_resource *v;
	int rc;

	*bad = 0;
	if ((rc = badge_parse_lines(a, text, &lines, &nl)) != 0)
		return rc;
	if ((v = arena_alloc(a, (nl ? nl : 1) * sizeof(*v))) == NULL)
		return ERR_TOOBIG;
	for (size_t i = 0; i < nl; i++) {
		const char *sp = strrchr(lines[i], ' ');
		const char *url = sp ? sp + 1 : lines[i];
		if (!web_url(url)) {
			*bad = i + 1;
			return ERR_INVAL;
		}
		v[i].url = url;
		v[i].title =
		    sp ? trim(a, lines[i], (size_t)(sp - lines[i])) : url;
		if (v[i].title == NULL)
			return ERR_TOOBIG;
		if (v[i].title[0] == '\0')
			v[i].title = url;
	}
	*out = v;
	*n = nl;
	return 0;
}

int
badge_parse_tags(
    struct arena *a, const char *text, const char ***out, size_t *n)
{
	size_t cap = 1, k = 0;
	const char **v;

	for (const char *p = text; *p; p++)
		cap += *p == ',' || *p == '\n';
	if ((v = arena_alloc(a, cap * sizeof(*v))) == NULL)
		return ERR_TOOBIG;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, ",\n");
		char *t = trim(a, p, len);
		bool dup = false;
		if (t == NULL)
			return ERR_TOOBIG;
		for (char *c = t; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		for (size_t i = 0; i < k; i++)
			dup = dup || strcmp(v[i], t) == 0;
		if (t[0] != '\0' && !dup)
			v[k++] = t;
		p += len + (p[len] != '\0');
	}
	*out = v;
	*n = k;
	return 0;
}

static int
check_admin(struct app *app, struct arena *a, const struct who *who,
    const char *issuer, struct form_err *e)
{
	if (who == NULL || who->person == NULL ||
	    !(issuer_person_role(app, a, issuer, who->person) & ISSUER_ADMIN))
		return form_fail(e, "",
		    "Only an admin of this issuer can change its badges.",
		    ERR_FORBIDDEN);
	return 0;
}

/*
 * issuer_badge reads badge id's row (Q_BADGE_ROW: issuer, status,
 * current version, published_at, ...) into rows. A badge that does not
 * exist or is another issuer's is ERR_NOTFOUND.
 */
static int
issuer_badge(struct app *app, struct arena *a, const char *issuer,
    const char *id, struct db_rows *rows, struct form_err *e)
{
	struct db_param p[1] = {DB_STR(id)};
	int rc = db_exec(app->db, Q_BADGE_ROW, p, 1, a, rows);

	if (rc == 0 &&
	    (rows->nrows == 0 || strcmp(db_get(rows, 0, 0), issuer) != 0))
		rc = form_fail(e, "", "There is no such badge.", ERR_NOTFOUND);
	return rc;
}

static int
check_list(const char *const *v, size_t n, size_t min, size_t max,
    size_t itemmax, const char *field, const char *what, struct arena *a,
    struct form_err *e)
{
	if (n < min)
		return form_fail(e, field,
		    arena_printf(
		        a, "Add at least %zu %s, one per line.", min, what),
		    ERR_INVAL);
	if (n > max)
		return form_fail(e, field,
		    arena_printf(
		        a, "A badge can have at most %zu %s.", max, what),
		    ERR_INVAL);
	for (size_t i = 0; i < n; i++)
		if (text_chars(v[i]) > itemmax)
			return form_fail(e, field,
			    arena_printf(a,
			        "Line %zu is longer than %zu characters.",
			        i + 1, itemmax),
			    ERR_INVAL);
	return 0;
}

static int
validate(struct app *app, struct arena *a, const char *issuer, const char *id,
    const struct badge_input *in, struct form_err *e)
{
	struct db_rows rows;
	uint8_t rgb[3];
	int rc;

	if (text_blank(in->name))
		return form_fail(
		    e, "name", "Enter the badge's name.", ERR_INVAL);
	if (text_chars(in->name) > BADGE_NAME_MAX)
		return form_fail(e, "name",
		    "The name must be 120 characters or fewer.", ERR_INVAL);
	if (text_blank(in->summary))
		return form_fail(e, "summary",
		    "Enter a short summary of what the badge recognises.",
		    ERR_INVAL);
	if (text_chars(in->summary) > BADGE_SUMMARY_MAX)
		return form_fail(e, "summary",
		    "The summary must be 300 characters or fewer.", ERR_INVAL);
	if (text_blank(in->description_md))
		return form_fail(e, "description",
		    "Enter a description: who the badge is for and what it "
		    "involves.",
		    ERR_INVAL);
	if (text_chars(in->description_md) > BADGE_DESCRIPTION_MAX)
		return form_fail(e, "description",
		    "The description must be 20,000 characters or fewer.",
		    ERR_INVAL);
	if ((rc = check_list(in->criteria, in->n_criteria, 1, BADGE_LIST_MAX,
	         BADGE_ITEM_MAX, "criteria", "criteria", a, e)) != 0 ||
	    (rc = check_list(in->activities, in->n_activities, 0,
	         BADGE_LIST_MAX, BADGE_ITEM_MAX, "activities", "activities", a,
	         e)) != 0)
		return rc;
	if (in->n_resources > BADGE_LIST_MAX)
		return form_fail(e, "resources",
		    "A badge can have at most 20 learning resources.",
		    ERR_INVAL);
	for (size_t i = 0; i < in->n_resources; i++)
		if (!web_url(in->resources[i].url) ||
		    strlen(in->resources[i].url) > 2000 ||
		    text_chars(in->resources[i].title) > 200)
			return form_fail(e, "resources",
			    arena_printf(a,
			        "Resource %zu needs a title of up to 200 "
			        "characters and a web address starting "
			        "https://.",
			        i + 1),
			    ERR_INVAL);
	if (in->n_tags > BADGE_TAGS_MAX)
		return form_fail(
		    e, "tags", "Use at most 10 topics.", ERR_INVAL);
	for (size_t i = 0; i < in->n_tags; i++)
		if (text_chars(in->tags[i]) > BADGE_TAG_MAX)
			return form_fail(e, "tags",
			    "Each topic must be 40 characters or fewer.",
			    ERR_INVAL);
	if (in->n_targets > BADGE_ALIGN_MAX)
		return form_fail(
		    e, "alignment", "Choose at most 30 alignments.", ERR_INVAL);
	for (size_t i = 0; i < in->n_targets; i++) {
		struct db_param p[1] = {DB_STR(in->targets[i])};
		if ((rc = db_exec(app->db, Q_TARGET_GET, p, 1, a, &rows)) != 0)
			return rc;
		if (rows.nrows == 0)
			return form_fail(e, "alignment",
			    "One of the chosen alignments no longer exists; "
			    "choose again.",
			    ERR_INVAL);
	}
	if (in->minutes < 5 || in->minutes > 6000)
		return form_fail(e, "minutes",
		    "Enter the time it takes in minutes, from 5 to 6000.",
		    ERR_INVAL);
	if (text_blank(in->licence) || text_chars(in->licence) > 100)
		return form_fail(e, "licence",
		    "Enter the licence of the learning material, for example "
		    "CC BY 4.0 (up to 100 characters).",
		    ERR_INVAL);
	if (in->min_words < 0 || in->min_words > 5000)
		return form_fail(e, "min_words",
		    "The minimum number of words must be from 0 to 5000.",
		    ERR_INVAL);
	if (in->expiry_months < 0 || in->expiry_months > 120)
		return form_fail(e, "expiry_months",
		    "Expiry must be from 0 (never) to 120 months.", ERR_INVAL);
	if (in->endorsement_months < 0 || in->endorsement_months > 24)
		return form_fail(e, "endorsement_months",
		    "The endorsement deadline must be from 0 (none) to 24 "
		    "months.",
		    ERR_INVAL);
	if (image_colour_parse(in->colour, rgb) != 0)
		return form_fail(e, "colour",
		    "Enter the colour as # and six hexadecimal digits, for "
		    "example #0065bd.",
		    ERR_INVAL);
	if (text_blank(in->image_alt) || text_chars(in->image_alt) > 300)
		return form_fail(e, "image_alt",
		    "Describe the image for people who cannot see it (up to "
		    "300 characters).",
		    ERR_INVAL);
	if (in->change_note != NULL && text_chars(in->change_note) > 500)
		return form_fail(e, "change_note",
		    "The note must be 500 characters or fewer.", ERR_INVAL);
	if (in->series_id != NULL && in->series_id[0] != '\0') {
		struct db_param p[3] = {
		    DB_STR(in->series_id), DB_INT(0), DB_STR(id ? id : "")};
		if ((rc = db_exec(app->db, Q_SERIES_GET, p, 1, a, &rows)) != 0)
			return rc;
		if (rows.nrows == 0 || strcmp(db_get(&rows, 0, 1), issuer) != 0)
			return form_fail(e, "series",
			    "Choose one of this issuer's series.", ERR_INVAL);
		if (in->series_position < 1 || in->series_position > 99)
			return form_fail(e, "series_position",
			    "Enter the badge's place in the series, from 1 to "
			    "99.",
			    ERR_INVAL);
		p[1] = DB_INT(in->series_position);
		if ((rc = db_exec(
		         app->db, Q_BADGE_IN_SERIES_AT, p, 3, a, &rows)) != 0)
			return rc;
		if (rows.nrows > 0)
			return form_fail(e, "series_position",
			    arena_printf(a,
			        "Place %lld in this series is taken by \"%s\"; "
			        "choose another.",
			        (long long)in->series_position,
			        db_get(&rows, 0, 1)),
			    ERR_INVAL);
	}
	return 0;
}

/* store_image keeps bytes by their SHA-256; writes the hash to hash. */
static int
store_image(struct app *app, const struct image_out *im, char hash[65])
{
	struct db_param p[6];

	sha256_hex(im->data, im->len, hash);
	p[0] = DB_STR(hash);
	p[1] = DB_STR(im->content_type);
	p[2] = DB_INT(im->width);
	p[3] = DB_INT(im->height);
	p[4] = DB_BLOB(im->data, im->len);
	p[5] = DB_INT(clock_now(app->clock));
	return db_exec(app->db, Q_IMAGE_INSERT, p, 6, NULL, NULL);
}

/* choose_image stores the image version will have; hash gets its hash. */
static int
choose_image(struct app *app, struct arena *a, const struct badge_input *in,
    const char *previous, char hash[65], struct form_err *e)
{
	struct image_out im;
	const char *msg = NULL;
	struct buf svg;
	int rc;

	if (in->image != NULL && in->image_len > 0) {
		if ((rc = image_check(
		         a, in->image, in->image_len, &im, &msg)) != 0)
			return form_fail(e, "image",
			    msg ? msg : "The image could not be read.", rc);
		return store_image(app, &im, hash);
	}
	if (!in->generate_image && previous != NULL && previous[0] != '\0') {
		snprintf(hash, 65, "%s", previous);
		return 0;
	}
	buf_init(&svg, a, 256 * 1024);
	if ((rc = image_generate_svg(&svg, in->name, in->colour)) != 0 ||
	    buf_err(&svg) != 0)
		return form_fail(e, "colour", "The design could not be made.",
		    rc ? rc : ERR_TOOBIG);
	if ((rc = image_check(a, svg.data, svg.len, &im, &msg)) != 0)
		return form_fail(e, "colour",
		    msg ? msg : "The design could not be made.", rc);
	return store_image(app, &im, hash);
}

static int
insert_list(struct app *app, enum db_qid q, const char *id, int64_t version,
    const char *const *texts, size_t n)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct db_param p[4] = {DB_STR(id), DB_INT(version),
		    DB_INT(i + 1), DB_STR(texts[i])};
		if ((rc = db_exec(app->db, q, p, 4, NULL, NULL)) != 0)
			return rc;
	}
	return 0;
}

static int
delete_version(struct app *app, const char *id, int64_t version)
{
	static const enum db_qid qs[] = {Q_BADGE_CRITERIA_DELETE,
	    Q_BADGE_ACTIVITIES_DELETE, Q_BADGE_RESOURCES_DELETE,
	    Q_BADGE_TAGS_DELETE, Q_BADGE_ALIGN_DELETE, Q_BADGE_VERSION_DELETE};
	struct db_param p[2] = {DB_STR(id), DB_INT(version)};
	int rc;

	for (size_t i = 0; i < NELEM(qs); i++)
		if ((rc = db_exec(app->db, qs[i], p, 2, NULL, NULL)) != 0)
			return rc;
	return 0;
}

static int
insert_version(struct app *app, const struct who *who, const char *id,
    int64_t version, const struct badge_input *in, const char *hash)
{
	int64_t now = clock_now(app->clock);
	struct db_param v[17] = {DB_STR(id), DB_INT(version), DB_STR(in->name),
	    DB_STR(in->summary), DB_STR(in->description_md),
	    DB_INT(in->minutes), DB_STR(in->licence), DB_INT(in->min_words),
	    DB_INT(in->attachments_allowed), DB_INT(in->expiry_months),
	    DB_STR(in->image_alt), DB_STR(in->colour), DB_INT(now),
	    DB_STR(hash), DB_INT(in->endorsement_months),
	    DB_STR(who && who->person ? who->person : ""),
	    DB_STR(in->change_note ? in->change_note : "")};
	int rc;

	if ((rc = db_exec(
	         app->db, Q_BADGE_VERSION_INSERT, v, 17, NULL, NULL)) != 0 ||
	    (rc = insert_list(app, Q_BADGE_CRITERION_INSERT, id, version,
	         in->criteria, in->n_criteria)) != 0 ||
	    (rc = insert_list(app, Q_BADGE_ACTIVITY_INSERT, id, version,
	         in->activities, in->n_activities)) != 0)
		return rc;
	for (size_t i = 0; i < in->n_resources; i++) {
		struct db_param r[5] = {DB_STR(id), DB_INT(version),
		    DB_INT(i + 1), DB_STR(in->resources[i].title),
		    DB_STR(in->resources[i].url)};
		if ((rc = db_exec(app->db, Q_BADGE_RESOURCE_INSERT, r, 5, NULL,
		         NULL)) != 0)
			return rc;
	}
	for (size_t i = 0; i < in->n_tags; i++) {
		struct db_param t[3] = {
		    DB_STR(id), DB_INT(version), DB_STR(in->tags[i])};
		if ((rc = db_exec(
		         app->db, Q_BADGE_TAG_INSERT, t, 3, NULL, NULL)) != 0 &&
		    rc != ERR_CONFLICT)
			return rc;
	}
	for (size_t i = 0; i < in->n_targets; i++) {
		struct db_param t[3] = {
		    DB_STR(id), DB_INT(version), DB_STR(in->targets[i])};
		if ((rc = db_exec(
		         app->db, Q_BADGE_ALIGN_INSERT, t, 3, NULL, NULL)) != 0)
			return rc;
	}
	return 0;
}

/*
 * reindex makes badge_fts hold badge id's current version if it is
 * published, and nothing otherwise.
 */
static int
reindex(struct app *app, struct arena *a, const char *id)
{
	struct db_param p[5] = {DB_STR(id)};
	struct badge_detail d;
	struct buf body, tags;
	int rc;

	if ((rc = db_exec(app->db, Q_FTS_DELETE, p, 1, NULL, NULL)) != 0 ||
	    (rc = badge_get(app, a, id, 0, true, NULL, &d)) != 0)
		return rc;
	if (strcmp(d.status, "published") != 0)
		return 0;
	buf_init(&body, a, 1 << 20);
	buf_init(&tags, a, 64 * 1024);
	buf_adds(&body, d.description_md);
	for (size_t i = 0; i < d.n_criteria; i++) {
		buf_addc(&body, '\n');
		buf_adds(&body, d.criteria[i]);
	}
	for (size_t i = 0; i < d.n_activities; i++) {
		buf_addc(&body, '\n');
		buf_adds(&body, d.activities[i]);
	}
	for (size_t i = 0; i < d.n_tags; i++) {
		buf_adds(&tags, d.tags[i]);
		buf_addc(&tags, ' ');
	}
	for (size_t i = 0; i < d.n_alignments; i++) {
		buf_adds(&tags, d.alignments[i].name);
		buf_addc(&tags, ' ');
	}
	if (buf_err(&body) != 0 || buf_err(&tags) != 0)
		return ERR_TOOBIG;
	p[1] = DB_STR(d.name);
	p[2] = DB_STR(d.summary);
	p[3] = DB_TEXT(body.data, body.len);
	p[4] = DB_TEXT(tags.data, tags.len);
	return db_exec(app->db, Q_FTS_INSERT, p, 5, NULL, NULL);
}

static int
set_status(struct app *app, struct arena *a, const char *id, const char *status)
{
	struct db_param p[3] = {
	    DB_STR(id), DB_STR(status), DB_INT(clock_now(app->clock))};
	int rc;

	if ((rc = db_exec(app->db, Q_BADGE_SET_STATUS, p, 3, NULL, NULL)) != 0)
		return rc;
	return reindex(app, a, id);
}

/*
 * save does badge_save's work inside the caller's transaction. A new
 * badge (id NULL) gets new_id if not NULL, else a fresh id.
 */
static int
save(struct app *app, const struct who *who, struct arena *a,
    const char *issuer, const char *id, const char *new_id,
    const struct badge_input *in, char out_id[ID_LEN + 1], struct form_err *e)
{
	bool is_new = id == NULL || id[0] == '\0';
	const char *previous = NULL;
	int64_t version = 1;
	char hash[65];
	struct db_rows rows;
	int rc;

	if ((rc = validate(app, a, issuer, id, in, e)) != 0)
		return rc;
	if (is_new && new_id != NULL) {
		snprintf(out_id, ID_LEN + 1, "%s", new_id);
	} else if (is_new) {
		id_new(out_id);
	} else {
		struct badge_detail d;
		if ((rc = issuer_badge(app, a, issuer, id, &rows, e)) != 0)
			return rc;
		snprintf(out_id, ID_LEN + 1, "%s", id);
		version = db_get_int(&rows, 0, 2);
		if ((rc = badge_get(app, a, id, 0, true, NULL, &d)) != 0)
			return rc;
		previous = d.image_hash;
		if (db_get_int(&rows, 0, 3) == 0) { /* a draft: in place */
			if ((rc = delete_version(app, id, version)) != 0)
				return rc;
		} else {
			version++;
		}
	}
	if ((rc = choose_image(app, a, in, previous, hash, e)) != 0)
		return rc;
	if (is_new) {
		struct db_param b[6] = {DB_STR(out_id), DB_STR(issuer),
		    DB_STR("draft"), DB_INT(1), DB_INT(in->introductory),
		    DB_INT(clock_now(app->clock))};
		if ((rc = db_exec(app->db, Q_BADGE_INSERT, b, 6, a, &rows)) !=
		    0)
			return rc;
	}
	if ((rc = insert_version(app, who, out_id, version, in, hash)) != 0)
		return rc;
	{
		bool series = in->series_id != NULL && in->series_id[0] != '\0';
		struct db_param u[6] = {DB_STR(out_id), DB_INT(version),
		    DB_INT(in->introductory),
		    series ? DB_STR(in->series_id) : DB_NULL,
		    DB_INT(series ? in->series_position : 0),
		    DB_INT(clock_now(app->clock))};
		if ((rc = db_exec(app->db, Q_BADGE_UPDATE, u, 6, NULL, NULL)) !=
		    0)
			return rc;
	}
	if ((rc = reindex(app, a, out_id)) != 0)
		return rc;
	return audit_log(app, who, is_new ? "badge.create" : "badge.edit",
	    out_id, arena_printf(a, "version %lld", (long long)version));
}

int
badge_save(struct app *app, const struct who *who, struct arena *a,
    const char *issuer, const char *id, const struct badge_input *in,
    char out_id[ID_LEN + 1], struct form_err *e)
{
	int rc;

	if ((rc = check_admin(app, a, who, issuer, e)) != 0)
		return rc;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	return tx_end(app, save(app, who, a, issuer, id, NULL, in, out_id, e));
}

int
badge_create_as_system(struct app *app, struct arena *a, const char *issuer,
    const char *id, const struct badge_input *in, bool publish, bool *created,
    struct form_err *e)
{
	struct who w = {"", "system"};
	struct db_rows rows;
	struct db_param p[1] = {DB_STR(id)};
	char out[ID_LEN + 1];
	int rc;

	*created = false;
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	if ((rc = db_exec(app->db, Q_BADGE_ROW, p, 1, a, &rows)) != 0 ||
	    rows.nrows > 0)
		return tx_end(app, rc);
	rc = save(app, &w, a, issuer, NULL, id, in, out, e);
	if (rc == 0 && publish)
		rc = set_status(app, a, out, "published");
	if ((rc = tx_end(app, rc)) == 0)
		*created = true;
	return rc;
}

int
badge_set_status(struct app *app, const struct who *who, const char *issuer,
    const char *id, const char *status, struct form_err *e)
{
	struct arena *a = arena_new(4 << 20);
	struct db_rows rows;
	const char *from;
	bool ok;
	int rc;

	if ((rc = check_admin(app, a, who, issuer, e)) != 0 ||
	    (rc = db_begin(app->db)) != 0)
		goto out;
	if ((rc = issuer_badge(app, a, issuer, id, &rows, e)) != 0)
		goto done;
	from = db_get(&rows, 0, 1);
	ok = (strcmp(status, "published") == 0 &&
	         strcmp(from, "published") != 0) ||
	    (strcmp(status, "archived") == 0 && strcmp(from, "published") == 0);
	if (!ok) {
		rc = form_fail(e, "",
		    strcmp(status, "draft") == 0
		        ? "A badge that has been published cannot go back to "
		          "being a draft; archive it instead."
		        : arena_printf(a, "A badge that is %s cannot be %s.",
		              from, status),
		    ERR_CONFLICT);
		goto done;
	}
	if ((rc = set_status(app, a, id, status)) == 0)
		rc = audit_log(app, who, "badge.status", id,
		    arena_printf(a, "%s -> %s", from, status));
done:
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}

/* reaches is true when to is a prerequisite of from, directly or not. */
static int
reaches(struct app *app, struct arena *a, const char *from, const char *to,
    bool *found)
{
	const char **queue = arena_alloc(a, PREREQ_WALK_MAX * sizeof(*queue));
	size_t head = 0, tail = 0;
	int rc;

	*found = false;
	if (queue == NULL)
		return ERR_TOOBIG;
	queue[tail++] = from;
	while (head < tail) {
		struct db_param p[1] = {DB_STR(queue[head++])};
		struct db_rows rows;
		if ((rc = db_exec(app->db, Q_PREREQ_OF, p, 1, a, &rows)) != 0)
			return rc;
		for (size_t r = 0; r < rows.nrows; r++) {
			const char *x = db_get(&rows, r, 0);
			bool seen = false;
			if (strcmp(x, to) == 0) {
				*found = true;
				return 0;
			}
			for (size_t i = 0; i < tail && !seen; i++)
				seen = strcmp(queue[i], x) == 0;
			if (seen)
				continue;
			if (tail == PREREQ_WALK_MAX)
				return ERR_TOOBIG;
			queue[tail++] = x;
		}
	}
	return 0;
}

int
badge_prereq_add(struct app *app, const struct who *who, const char *issuer,
    const char *id, const char *prereq, bool required, struct form_err *e)
{
	struct arena *a = arena_new(4 << 20);
	struct db_param p[1] = {DB_STR(prereq)};
	struct db_rows rows;
	bool cycle;
	int rc;

	if ((rc = check_admin(app, a, who, issuer, e)) != 0 ||
	    (rc = db_begin(app->db)) != 0)
		goto out;
	if ((rc = issuer_badge(app, a, issuer, id, &rows, e)) != 0)
		goto done;
	if ((rc = db_exec(app->db, Q_BADGE_ROW, p, 1, a, &rows)) != 0)
		goto done;
	if (rows.nrows == 0) {
		rc = form_fail(
		    e, "prereq", "Choose a badge from the list.", ERR_INVAL);
		goto done;
	}
	if (strcmp(id, prereq) == 0) {
		rc = form_fail(e, "prereq",
		    "A badge cannot be a prerequisite of itself.",
		    ERR_CONFLICT);
		goto done;
	}
	if ((rc = reaches(app, a, prereq, id, &cycle)) != 0)
		goto done;
	if (cycle) {
		rc = form_fail(e, "prereq",
		    "That would make a loop: this badge is already needed, "
		    "directly or through other badges, before that one.",
		    ERR_CONFLICT);
		goto done;
	}
	{
		struct db_param q[4] = {DB_STR(id), DB_STR(prereq),
		    DB_INT(required), DB_INT(clock_now(app->clock))};
		if ((rc = db_exec(
		         app->db, Q_PREREQ_INSERT, q, 4, NULL, NULL)) == 0)
			rc = audit_log(app, who, "badge.prereq.add", id,
			    arena_printf(a, "%s %s", prereq,
			        required ? "required" : "recommended"));
	}
done:
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}

int
badge_prereq_remove(struct app *app, const struct who *who, const char *issuer,
    const char *id, const char *prereq)
{
	struct arena *a = arena_new(1 << 20);
	struct db_param p[2] = {DB_STR(id), DB_STR(prereq)};
	struct db_rows rows;
	struct form_err e;
	int rc;

	if ((rc = check_admin(app, a, who, issuer, &e)) != 0 ||
	    (rc = db_begin(app->db)) != 0)
		goto out;
	if ((rc = issuer_badge(app, a, issuer, id, &rows, &e)) != 0)
		goto done;
	if ((rc = db_exec(app->db, Q_PREREQ_DELETE, p, 2, a, &rows)) == 0)
		rc = rows.changes == 0
		    ? ERR_NOTFOUND
		    : audit_log(app, who, "badge.prereq.remove", id, prereq);
done:
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}

int
series_create(struct app *app, const struct who *who, const char *issuer,
    const char *name, const char *summary, char out_id[ID_LEN + 1],
    struct form_err *e)
{
	struct arena *a = arena_new(1 << 20);
	int rc;

	if ((rc = check_admin(app, a, who, issuer, e)) != 0)
		goto out;
	if (text_blank(name) || text_chars(name) > 120) {
		rc = form_fail(e, "series_name",
		    "Enter the series' name (up to 120 characters).",
		    ERR_INVAL);
		goto out;
	}
	if (summary != NULL && text_chars(summary) > 300) {
		rc = form_fail(e, "series_summary",
		    "The summary must be 300 characters or fewer.", ERR_INVAL);
		goto out;
	}
	id_new(out_id);
	if ((rc = db_begin(app->db)) != 0)
		goto out;
	{
		struct db_param p[5] = {DB_STR(out_id), DB_STR(issuer),
		    DB_STR(name), DB_STR(summary ? summary : ""),
		    DB_INT(clock_now(app->clock))};
		if ((rc = db_exec(
		         app->db, Q_SERIES_INSERT, p, 5, NULL, NULL)) == 0)
			rc = audit_log(app, who, "series.create", out_id, name);
	}
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}

int
framework_add_target(struct app *app, const struct who *who, const char *issuer,
    const char *framework, const char *code, const char *name, const char *url,
    struct form_err *e)
{
	struct arena *a = arena_new(1 << 20);
	struct db_rows rows;
	char fid[ID_LEN + 1], tid[ID_LEN + 1];
	int64_t now = clock_now(app->clock);
	int rc;

	if ((rc = check_admin(app, a, who, issuer, e)) != 0)
		goto out;
	rc = ERR_INVAL;
	if (text_blank(framework) || text_chars(framework) > 200) {
		form_fail(e, "framework",
		    "Enter the framework's name (up to 200 characters).", rc);
		goto out;
	}
	if (text_blank(code) || text_chars(code) > 20) {
		form_fail(e, "code",
		    "Enter the target's code (up to 20 characters).", rc);
		goto out;
	}
	if (text_blank(name) || text_chars(name) > 300) {
		form_fail(e, "target_name",
		    "Enter the target's name (up to 300 characters).", rc);
		goto out;
	}
	if (url != NULL && url[0] != '\0' &&
	    (!web_url(url) || strlen(url) > 2000)) {
		form_fail(e, "url",
		    "Enter a web address starting https://, or leave it empty.",
		    rc);
		goto out;
	}
	if ((rc = db_begin(app->db)) != 0)
		goto out;
	{
		struct db_param f[5] = {DB_STR(""), DB_STR(framework),
		    DB_STR(""), DB_STR(""), DB_INT(now)};
		id_new(fid);
		f[0] = DB_STR(fid);
		if ((rc = db_exec(
		         app->db, Q_FRAMEWORK_INSERT, f, 5, NULL, NULL)) != 0 ||
		    (rc = db_exec(app->db, Q_FRAMEWORK_BY_NAME, &f[1], 1, a,
		         &rows)) != 0)
			goto done;
		snprintf(fid, sizeof(fid), "%s", db_get(&rows, 0, 0));
	}
	{
		struct db_param q[2] = {DB_STR(fid), DB_STR(code)};
		if ((rc = db_exec(app->db, Q_TARGET_BY_CODE, q, 2, a, &rows)) !=
		    0)
			goto done;
		if (rows.nrows > 0) {
			rc = form_fail(e, "code",
			    "That framework already has a target with this "
			    "code.",
			    ERR_CONFLICT);
			goto done;
		}
		if ((rc = db_exec(
		         app->db, Q_TARGET_NEXT_POSITION, q, 1, a, &rows)) != 0)
			goto done;
	}
	{
		struct db_param t[7] = {DB_STR(""), DB_STR(fid), DB_STR(code),
		    DB_STR(name), DB_STR(""), DB_STR(url ? url : ""),
		    DB_INT(db_get_int(&rows, 0, 0))};
		id_new(tid);
		t[0] = DB_STR(tid);
		if ((rc = db_exec(
		         app->db, Q_TARGET_INSERT, t, 7, NULL, NULL)) == 0)
			rc = audit_log(app, who, "framework.target.add", tid,
			    arena_printf(a, "%s %s", framework, code));
	}
done:
	rc = tx_end(app, rc);
out:
	arena_free(a);
	return rc;
}
