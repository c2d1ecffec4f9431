/*
 * assets.c: the in-memory static file store (see assets.h).
 */
#include <dirent.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "web/assets.h"

#define ASSETS_MAX_FILES 4000
#define ASSETS_MAX_FILE (16u << 20)
#define ASSETS_MAX_TOTAL (128u << 20)

static const struct {
	const char *ext;
	const char *type;
} asset_types[] = {
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".map", "application/json"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".jpg", "image/jpeg"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".html", "text/html; charset=utf-8"},
};

static const char *
type_for(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL)
		for (size_t i = 0; i < NELEM(asset_types); i++)
			if (strcmp(dot, asset_types[i].ext) == 0)
				return asset_types[i].type;
	return "application/octet-stream";
}

struct loader {
	struct assets *a;
	size_t cap;
	size_t total;
	char *msg;
	size_t msglen;
};

static int
load_file(struct loader *l, const char *full, const char *rel)
{
	FILE *f = NULL;
	struct stat st;
	struct asset *as;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	int rc = ERR_IO;

	if (l->a->n == ASSETS_MAX_FILES) {
		snprintf(l->msg, l->msglen, "more than %d static files",
		    ASSETS_MAX_FILES);
		return ERR_TOOBIG;
	}
	if ((f = fopen(full, "rb")) == NULL || fstat(fileno(f), &st) != 0) {
		snprintf(l->msg, l->msglen, "cannot read %s", full);
		goto out;
	}
	if ((size_t)st.st_size > ASSETS_MAX_FILE ||
	    l->total + (size_t)st.st_size > ASSETS_MAX_TOTAL) {
		snprintf(l->msg, l->msglen, "%s is too large", full);
		rc = ERR_TOOBIG;
		goto out;
	}
	if (l->a->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->a->v = xrealloc(l->a->v, l->cap * sizeof(*l->a->v));
	}
	as = &l->a->v[l->a->n];
	memset(as, 0, sizeof(*as));
	as->len = (size_t)st.st_size;
	as->data = xmalloc(as->len + 1);
	if (as->len && fread(as->data, 1, as->len, f) != as->len) {
		free(as->data);
		snprintf(l->msg, l->msglen, "cannot read %s", full);
		goto out;
	}
	if (EVP_Digest(as->data, as->len, md, &mdlen, EVP_sha256(), NULL) !=
	    1) {
		free(as->data);
		rc = ERR_CRYPTO;
		goto out;
	}
	for (unsigned i = 0; i < 8; i++)
		snprintf(as->etag + 1 + 2 * i, 3, "%02x", md[i]);
	as->etag[0] = '"';
	as->etag[17] = '"';
	as->etag[18] = '\0';
	memcpy(as->hash, as->etag + 1, 12);
	as->hash[12] = '\0';
	as->path = xstrndup(rel, strlen(rel));
	{
		struct buf u;
		buf_init(&u, NULL, 8192);
		buf_addf(&u, "/assets/%s/%s", as->hash, rel);
		as->url = buf_detach(&u, NULL);
	}
	as->type = type_for(rel);
	l->total += as->len;
	l->a->n++;
	rc = 0;
out:
	if (f)
		fclose(f);
	return rc;
}

static int
load_dir(struct loader *l, const char *dir, const char *rel, int depth)
{
	DIR *d;
	struct dirent *e;
	int rc = 0;

	if (depth > 12) {
		snprintf(l->msg, l->msglen, "%s is nested too deeply", dir);
		return ERR_TOOBIG;
	}
	if ((d = opendir(dir)) == NULL) {
		snprintf(
		    l->msg, l->msglen, "cannot open static directory %s", dir);
		return ERR_IO;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		struct buf full, r;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		buf_init(&full, NULL, 4096);
		buf_init(&r, NULL, 4096);
		buf_addf(&full, "%s/%s", dir, e->d_name);
		if (*rel)
			buf_addf(&r, "%s/%s", rel, e->d_name);
		else
			buf_adds(&r, e->d_name);
		if (buf_err(&full) || buf_err(&r)) {
			rc = ERR_TOOBIG;
		} else if (stat(full.data, &st) != 0) {
			rc = 0; /* a dangling link: skip */
		} else if (S_ISDIR(st.st_mode)) {
			rc = load_dir(l, full.data, r.data, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			rc = load_file(l, full.data, r.data);
		}
		buf_free(&full);
		buf_free(&r);
	}
	closedir(d);
	return rc;
}

static int
asset_cmp(const void *x, const void *y)
{
	const struct asset *a = x, *b = y;

	return strcmp(a->path, b->path);
}

int
assets_load(const char *dir, struct assets *out, char *msg, size_t msglen)
{
	struct loader l = {out, 0, 0, msg, msglen};
	int rc;

	out->v = NULL;
	out->n = 0;
	if ((rc = load_dir(&l, dir, "", 0)) != 0) {
		assets_free(out);
		return rc;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), asset_cmp);
	return 0;
}

void
assets_free(struct assets *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].path);
		free(a->v[i].data);
		free(a->v[i].url);
	}
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

const struct asset *
assets_find(const struct assets *a, const char *path)
{
	struct asset key;

	if (a == NULL || a->n == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.path = (char *)(uintptr_t)path;
	return bsearch(&key, a->v, a->n, sizeof(*a->v), asset_cmp);
}

const char *
assets_url(const struct assets *a, const char *path)
{
	const struct asset *as = assets_find(a, path);

	if (as == NULL) {
		log_warn("missing static asset", "path", path);
		return "/static/missing";
	}
	return as->url;
}
