/*
 * application_evidence.c: files attached to an application (see
 * application.h, "attachments").
 *
 * What a file is comes from its bytes alone: the name and the type the
 * browser declared are never trusted. The bytes are kept once per SHA-256
 * in attachment_files; application_attachments says which application
 * lists which file under which (sanitised) name. Removing an attachment
 * from a draft only marks it: a submitted round that listed it still
 * shows it to the learner and the issuer's staff.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/id.h"
#include "db/db.h"
#include "domain/application.h"
#include "domain/application_int.h"
#include "domain/audit.h"
#include "domain/common.h"

struct sniffed {
	const char *type;
	const char *ext;
};

static bool
has_prefix(const unsigned char *b, size_t len, const char *p, size_t n)
{
	return len >= n && memcmp(b, p, n) == 0;
}

static bool
contains(const unsigned char *b, size_t len, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; n <= len && i + n <= len; i++)
		if (b[i] == (unsigned char)s[0] && memcmp(b + i, s, n) == 0)
			return true;
	return false;
}

/* text_like: UTF-8 without NUL or control characters other than tab, CR,
 * LF and form feed. */
static bool
text_like(const unsigned char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((b[i] < 0x20 && b[i] != '\t' && b[i] != '\r' &&
		        b[i] != '\n' && b[i] != '\f') ||
		    b[i] == 0x7f)
			return false;
	return app_utf8_ok((const char *)b, len);
}

/*
 * sniff names the kind of file b holds, or returns false. A zip counts
 * only as an OpenDocument text (its first entry "mimetype", stored, says
 * so) or a Word document (it names word/document.xml and
 * [Content_Types].xml).
 */
static bool
sniff(const unsigned char *b, size_t len, struct sniffed *out)
{
	static const char odt[] = "application/vnd.oasis.opendocument.text";

	if (has_prefix(b, len, "%PDF-", 5)) {
		*out = (struct sniffed){"application/pdf", "pdf"};
		return true;
	}
	if (has_prefix(b, len, "\x89PNG\r\n\x1a\n", 8)) {
		*out = (struct sniffed){"image/png", "png"};
		return true;
	}
	if (has_prefix(b, len, "\xff\xd8\xff", 3)) {
		*out = (struct sniffed){"image/jpeg", "jpg"};
		return true;
	}
	if (has_prefix(b, len, "PK\x03\x04", 4)) {
		if (len >= 38 + sizeof(odt) - 1 &&
		    memcmp(b + 30, "mimetype", 8) == 0 &&
		    memcmp(b + 38, odt, sizeof(odt) - 1) == 0) {
			*out = (struct sniffed){odt, "odt"};
			return true;
		}
		if (contains(b, len, "[Content_Types].xml") &&
		    contains(b, len, "word/document.xml")) {
			*out = (struct sniffed){
			    "application/vnd.openxmlformats-officedocument."
			    "wordprocessingml.document",
			    "docx"};
			return true;
		}
		return false;
	}
	if (len > 0 && text_like(b, len)) {
		*out = (struct sniffed){"text/plain; charset=utf-8", "txt"};
		return true;
	}
	return false;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* ends_with_ext: name ends in "." ext (any case; "jpeg" counts as jpg). */
static bool
ends_with_ext(const char *name, const char *ext)
{
	const char *dot = strrchr(name, '.');
	size_t n;

	if (dot == NULL)
		return false;
	dot++;
	n = strlen(dot);
	if (strcmp(ext, "jpg") == 0 && n == 4 && lower(dot[0]) == 'j' &&
	    lower(dot[1]) == 'p' && lower(dot[2]) == 'e' &&
	    lower(dot[3]) == 'g')
		return true;
	if (n != strlen(ext))
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(dot[i]) != ext[i])
			return false;
	return true;
}

/*
 * clean_name makes a display name of what the browser sent: the last
 * path component, without control characters, quotes or backslashes,
 * without leading dots or spaces, at most APP_FILENAME_MAX bytes (cut at
 * a character boundary), ending in the sniffed kind's extension.
 */
static const char *
clean_name(struct arena *a, const char *sent, const char *ext)
{
	const char *base = app_nz(sent), *p;
	struct buf b;
	size_t keep;

	for (p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	while (*base == '.' || *base == ' ')
		base++;
	buf_init(&b, a, 4 * APP_FILENAME_MAX);
	for (p = base; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			continue;
		buf_addc(&b, (char)c);
	}
	if (buf_err(&b) != 0)
		return NULL;
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	if (b.len == 0)
		buf_adds(&b, "attachment");
	keep = APP_FILENAME_MAX - strlen(ext) - 1;
	if (!ends_with_ext(b.data, ext)) {
		if (b.len > keep) {
			b.len = keep;
			while (b.len > 0 &&
			    ((unsigned char)b.data[b.len] & 0xC0) == 0x80)
				b.len--;
			b.data[b.len] = '\0';
		}
		buf_addf(&b, ".%s", ext);
	} else if (b.len > APP_FILENAME_MAX) {
		/* keep the extension: cut before it */
		const char *dot = strrchr(b.data, '.');
		size_t cut = keep;
		while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
			cut--;
		return arena_printf(a, "%.*s%s", (int)cut, b.data, dot);
	}
	return buf_err(&b) ? NULL : b.data;
}

int
application_attach(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *filename, const void *bytes, size_t len,
    const char **att_id, struct form_err *e)
{
	int64_t now = clock_now(app->clock);
	struct application ap;
	struct app_row row;
	struct sniffed s;
	struct db_param p[7];
	struct db_rows rows;
	const char *name;
	char hash[65], *aid;
	int rc;

	*att_id = NULL;
	if ((rc = app_owner_editable(app, a, who, id, &row, e)) != 0)
		return rc;
	if ((rc = application_get(app, a, who, id, &ap)) != 0)
		return rc;
	if (!ap.attachments_allowed)
		return form_fail(e, "file",
		    "This badge does not take attachments. Put your evidence "
		    "in your account and answers, or give links.",
		    ERR_FORBIDDEN);
	if (bytes == NULL || len == 0)
		return form_fail(e, "file",
		    "Choose a file to attach: the file you chose is empty.",
		    ERR_INVAL);
	if (len > APP_ATTACH_MAX_BYTES)
		return form_fail(e, "file",
		    "The file is too large: the limit is 3 MB.", ERR_TOOBIG);
	if (!sniff(bytes, len, &s))
		return form_fail(e, "file",
		    "This kind of file cannot be attached. Attach a "
		    "PDF, PNG, JPEG, plain text (UTF-8), DOCX or ODT file.",
		    ERR_INVAL);
	if (ap.nattachments >= APP_ATTACH_MAX_FILES)
		return form_fail(e, "file",
		    "You have attached 10 files, the most an application can "
		    "have. Remove one to attach another.",
		    ERR_CONFLICT);
	if ((name = clean_name(a, filename, s.ext)) == NULL ||
	    (aid = arena_alloc(a, ID_LEN + 1)) == NULL)
		return ERR_TOOBIG;
	sha256_hex(bytes, len, hash);
	id_new(aid);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	/* Counted again inside the transaction: two uploads at once. */
	p[0] = DB_STR(id);
	rc = db_exec(app->db, Q_APP_ATTACH_COUNT, p, 1, a, &rows);
	if (rc == 0 && rows.nrows > 0 &&
	    db_get_int(&rows, 0, 0) >= APP_ATTACH_MAX_FILES) {
		db_rollback(app->db);
		return form_fail(e, "file",
		    "You have attached 10 files, the most an application can "
		    "have. Remove one to attach another.",
		    ERR_CONFLICT);
	}
	p[0] = DB_STR(hash);
	p[1] = DB_STR(s.type);
	p[2] = DB_INT((int64_t)len);
	p[3] = DB_BLOB(bytes, len);
	p[4] = DB_INT(now);
	if (rc == 0)
		rc = db_exec(app->db, Q_APP_FILE_INSERT, p, 5, NULL, NULL);
	p[0] = DB_STR(aid);
	p[1] = DB_STR(id);
	p[2] = DB_STR(hash);
	p[3] = DB_STR(name);
	p[4] = DB_STR(s.type);
	p[5] = DB_INT((int64_t)len);
	p[6] = DB_INT(now);
	if (rc == 0)
		rc = db_exec(app->db, Q_APP_ATTACH_INSERT, p, 7, NULL, NULL);
	if (rc == 0)
		rc = audit_log(app, who, "application.attach", id,
		    arena_printf(a, "%s %s %zu bytes", aid, s.type, len));
	if ((rc = tx_end(app, rc)) != 0)
		return rc;
	*att_id = aid;
	return 0;
}

int
application_detach(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *att, struct form_err *e)
{
	struct db_param p[3] = {
	    DB_STR(id), DB_STR(att), DB_INT(clock_now(app->clock))};
	struct db_rows rows;
	struct app_row row;
	int rc;

	if ((rc = app_owner_editable(app, a, who, id, &row, e)) != 0)
		return rc;
	if (att == NULL || !id_valid(att, strlen(att)))
		return form_fail(
		    e, "", "There is no such attachment.", ERR_NOTFOUND);
	if ((rc = db_begin(app->db)) != 0)
		return rc;
	rc = db_exec(app->db, Q_APP_ATTACH_REMOVE, p, 3, a, &rows);
	if (rc == 0 && rows.changes != 1) {
		db_rollback(app->db);
		return form_fail(
		    e, "", "There is no such attachment.", ERR_NOTFOUND);
	}
	if (rc == 0)
		rc = audit_log(app, who, "application.detach", id, att);
	return tx_end(app, rc);
}

/* in_a_round: att is listed in a submitted round of id. */
static bool
in_a_round(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *att)
{
	struct app_round *r;
	size_t n;

	if (application_rounds(app, a, who, id, &r, &n) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < r[i].nattachments; k++)
			if (strcmp(r[i].attachments[k].id, att) == 0)
				return true;
	return false;
}

int
application_attachment(struct app *app, struct arena *a, const struct who *who,
    const char *id, const char *att, struct app_attachment *meta,
    const void **bytes, size_t *len)
{
	struct db_param p[2] = {DB_STR(id), DB_STR(att)};
	struct db_rows rows;
	struct app_row row;
	int rc, mask;
	bool removed;

	memset(meta, 0, sizeof(*meta));
	*bytes = NULL;
	*len = 0;
	if (att == NULL || !id_valid(att, strlen(att)))
		return ERR_NOTFOUND;
	if ((rc = app_row_get(app, a, id, &row)) != 0)
		return rc;
	if ((mask = app_access_of(app, a, who, id, &row)) == 0)
		return ERR_NOTFOUND;
	if ((rc = db_exec(app->db, Q_APP_ATTACH_GET, p, 2, a, &rows)) != 0)
		return rc;
	if (rows.nrows == 0)
		return ERR_NOTFOUND;
	removed = db_get_int(&rows, 0, 6) != 0;
	if (removed) {
		/* Only what a submitted round still lists, and only to the
		 * learner and the issuer's staff. */
		if ((mask &
		        (APP_ACCESS_OWNER | APP_ACCESS_ASSESSOR |
		            APP_ACCESS_ISSUER_ADMIN)) == 0 ||
		    !in_a_round(app, a, who, id, att))
			return ERR_NOTFOUND;
	}
	meta->id = db_get(&rows, 0, 0);
	meta->filename = db_get(&rows, 0, 1);
	meta->content_type = db_get(&rows, 0, 2);
	meta->hash = db_get(&rows, 0, 3);
	meta->size = db_get_int(&rows, 0, 4);
	meta->created_at = db_get_int(&rows, 0, 5);
	*bytes = db_get(&rows, 0, 7);
	*len = db_get_len(&rows, 0, 7);
	return 0;
}
