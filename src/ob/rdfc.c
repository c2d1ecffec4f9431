/*
 * rdfc.c: RDFC-1.0 canonicalization.
 *
 * The input dataset is read-only. Internally every blank node gets an
 * integer id (index into bn[]); each unique input quad is kept as pointers
 * to the dataset's terms plus the blank-node id of each position (-1 when
 * the position is not a blank node). All memory is heap, freed before
 * return. The work budget counts Hash N-Degree Quads calls and the
 * permutations they try; exceeding it aborts with ERR_TOOBIG, which is how
 * poison graphs (RDFC-1.0 §4.4 "Dataset Poisoning") are refused.
 */
#include "core/common.h"
#include "core/err.h"
#include "ob/rdfc.h"

#include <openssl/evp.h>

#define HASH_HEX_MAX (EVP_MAX_MD_SIZE * 2 + 1)

struct cquad {
	const struct rdf_term *t[4]; /* s, p, o, g */
	int bn[4];                   /* blank-node id or -1 */
};

struct issuer {
	int *ids; /* blank-node ids in issue order */
	size_t n;
	size_t cap;
	int *map; /* canonical issuer only: id -> issue number or -1 */
};

struct bnode {
	const char *label;
	size_t *quads; /* indices into quads[] mentioning this node */
	size_t nq;
	size_t capq;
	char h1[HASH_HEX_MAX];
};

struct canon {
	const EVP_MD *md;
	struct cquad *quads;
	size_t nquads;
	struct bnode *bn;
	size_t nbn;
	struct issuer canon;
	unsigned long work;
	unsigned long max_work;
	struct ob_err *e;
};

static void
hash_hex(const struct canon *c, const char *p, size_t n, char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	static const char dig[] = "0123456789abcdef";

	if (EVP_Digest(p, n, md, &mdlen, c->md, NULL) != 1)
		fatal("rdfc: EVP_Digest failed");
	for (i = 0; i < mdlen; i++) {
		hex[2 * i] = dig[md[i] >> 4];
		hex[2 * i + 1] = dig[md[i] & 15];
	}
	hex[2 * mdlen] = '\0';
}

/* ---- identifier issuers ---- */

static long
issuer_get(const struct issuer *is, int id)
{
	size_t i;

	if (is->map != NULL)
		return is->map[id];
	for (i = 0; i < is->n; i++)
		if (is->ids[i] == id)
			return (long)i;
	return -1;
}

static long
issuer_issue(struct issuer *is, int id)
{
	long k = issuer_get(is, id);

	if (k >= 0)
		return k;
	if (is->n == is->cap) {
		is->cap = is->cap ? is->cap * 2 : 8;
		is->ids = xrealloc(is->ids, is->cap * sizeof(int));
	}
	is->ids[is->n] = id;
	if (is->map != NULL)
		is->map[id] = (int)is->n;
	return (long)is->n++;
}

static void
issuer_copy(struct issuer *d, const struct issuer *s)
{
	d->n = s->n;
	d->cap = s->n ? s->n : 1;
	d->ids = xmalloc(d->cap * sizeof(int));
	if (s->n)
		memcpy(d->ids, s->ids, s->n * sizeof(int));
	d->map = NULL;
}

static void
issuer_free(struct issuer *is)
{
	free(is->ids);
	free(is->map);
	memset(is, 0, sizeof(*is));
}

/* ---- setup ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
bnode_id(struct canon *c, const char *label, int **tab, size_t *tabcap)
{
	size_t h = 5381, i, mask;
	const unsigned char *p;
	int *slot;

	if (c->nbn * 2 >= *tabcap) {
		size_t ncap = *tabcap ? *tabcap * 2 : 64, k;
		int *nt = xmalloc(ncap * sizeof(int));

		for (k = 0; k < ncap; k++)
			nt[k] = -1;
		for (k = 0; k < c->nbn; k++) {
			size_t hh = 5381;

			for (p = (const unsigned char *)c->bn[k].label; *p; p++)
				hh = hh * 33 + *p;
			for (i = hh & (ncap - 1); nt[i] >= 0;
			     i = (i + 1) & (ncap - 1))
				;
			nt[i] = (int)k;
		}
		free(*tab);
		*tab = nt;
		*tabcap = ncap;
	}
	mask = *tabcap - 1;
	for (p = (const unsigned char *)label; *p; p++)
		h = h * 33 + *p;
	for (i = h & mask;; i = (i + 1) & mask) {
		slot = &(*tab)[i];
		if (*slot < 0)
			break;
		if (strcmp(c->bn[*slot].label, label) == 0)
			return *slot;
	}
	c->bn = xrealloc(c->bn, (c->nbn + 1) * sizeof(*c->bn));
	memset(&c->bn[c->nbn], 0, sizeof(*c->bn));
	c->bn[c->nbn].label = label;
	*slot = (int)c->nbn;
	return (int)c->nbn++;
}

static void
bnode_add_quad(struct bnode *b, size_t qi)
{
	if (b->nq > 0 && b->quads[b->nq - 1] == qi)
		return;
	if (b->nq == b->capq) {
		b->capq = b->capq ? b->capq * 2 : 4;
		b->quads = xrealloc(b->quads, b->capq * sizeof(size_t));
	}
	b->quads[b->nq++] = qi;
}

/* Serialise quad q with blank nodes named by name(); one line + "\n". */
static void
write_quad_named(struct buf *b, const struct canon *c, const struct cquad *q,
    int ref, const struct issuer *canon)
{
	int k;

	for (k = 0; k < 4; k++) {
		if (k == 3 && q->t[3]->kind == RDF_NONE)
			break;
		if (k > 0)
			buf_addc(b, ' ');
		if (q->bn[k] < 0) {
			rdf_term_write(b, q->t[k]);
		} else if (canon != NULL) {
			buf_addf(b, "_:c14n%ld", issuer_get(canon, q->bn[k]));
		} else {
			buf_adds(b, q->bn[k] == ref ? "_:a" : "_:z");
		}
	}
	(void)c;
	buf_adds(b, " .\n");
}

/* ---- 4.6 Hash First Degree Quads ---- */

static int
hash_first_degree(struct canon *c, int id)
{
	struct bnode *b = &c->bn[id];
	struct buf *lines;
	char **ptrs;
	struct buf all;
	size_t i;
	int rc = 0;

	lines = xcalloc(b->nq ? b->nq : 1, sizeof(*lines));
	ptrs = xcalloc(b->nq ? b->nq : 1, sizeof(*ptrs));
	for (i = 0; i < b->nq; i++) {
		buf_init(&lines[i], NULL, SIZE_MAX / 4);
		write_quad_named(
		    &lines[i], c, &c->quads[b->quads[i]], id, NULL);
		ptrs[i] = lines[i].data;
	}
	qsort(ptrs, b->nq, sizeof(*ptrs), cmp_str);
	buf_init(&all, NULL, SIZE_MAX / 4);
	for (i = 0; i < b->nq; i++)
		buf_adds(&all, ptrs[i]);
	hash_hex(c, all.data, all.len, b->h1);
	buf_free(&all);
	for (i = 0; i < b->nq; i++)
		buf_free(&lines[i]);
	free(lines);
	free(ptrs);
	return rc;
}

/* ---- 4.7 Hash Related Blank Node ---- */

static void
hash_related(struct canon *c, int related, const struct cquad *q,
    const struct issuer *is, char pos, char *out)
{
	struct buf b;
	long k;

	buf_init(&b, NULL, SIZE_MAX / 4);
	buf_addc(&b, pos);
	if (pos != 'g') {
		buf_addc(&b, '<');
		buf_adds(&b, q->t[1]->value);
		buf_addc(&b, '>');
	}
	k = issuer_get(&c->canon, related);
	if (k >= 0) {
		buf_addf(&b, "_:c14n%ld", k);
	} else {
		k = issuer_get(is, related);
		if (k >= 0)
			buf_addf(&b, "_:b%ld", k);
		else
			buf_adds(&b, c->bn[related].h1);
	}
	hash_hex(c, b.data, b.len, out);
	buf_free(&b);
}

/* ---- 4.8 Hash N-Degree Quads ---- */

struct hgroup {
	char hash[HASH_HEX_MAX];
	int *ids;
	size_t n;
	size_t cap;
};

static int
cmp_hgroup(const void *a, const void *b)
{
	return strcmp(
	    ((const struct hgroup *)a)->hash, ((const struct hgroup *)b)->hash);
}

static bool
next_perm(size_t *a, size_t n)
{
	size_t i, j, t;

	if (n < 2)
		return false;
	i = n - 1;
	while (i > 0 && a[i - 1] >= a[i])
		i--;
	if (i == 0)
		return false;
	j = n - 1;
	while (a[j] <= a[i - 1])
		j--;
	t = a[i - 1];
	a[i - 1] = a[j];
	a[j] = t;
	for (j = n - 1; i < j; i++, j--) {
		t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
	return true;
}

/* path_worse: chosen non-empty, len(path) >= len(chosen), path > chosen. */
static bool
path_worse(const struct buf *path, const struct buf *chosen, bool have)
{
	return have && path->len >= chosen->len &&
	    strcmp(path->data, chosen->data) > 0;
}

static int hash_ndegree(struct canon *c, int id, struct issuer *is, char *out);

static int
hash_ndegree(struct canon *c, int id, struct issuer *is, char *out)
{
	struct hgroup *groups = NULL;
	size_t ng = 0, i, j, k, qi;
	struct buf data, path, chosen;
	struct issuer chosen_is = {0}, copy = {0};
	int *recur = NULL;
	size_t *perm = NULL, nrecur;
	char h[HASH_HEX_MAX];
	bool have;
	int rc = 0;
	static const char posc[4] = {'s', 'p', 'o', 'g'};

	if (++c->work > c->max_work)
		return ob_errf(c->e, ERR_TOOBIG,
		    "RDF canonicalization exceeded its work limit "
		    "(%lu steps): the graph is too complex to canonicalize",
		    c->max_work);
	buf_init(&data, NULL, SIZE_MAX / 4);
	buf_init(&path, NULL, SIZE_MAX / 4);
	buf_init(&chosen, NULL, SIZE_MAX / 4);

	/* Steps 1-3: group related blank nodes by hash. */
	for (qi = 0; qi < c->bn[id].nq; qi++) {
		const struct cquad *q = &c->quads[c->bn[id].quads[qi]];

		for (k = 0; k < 4; k++) {
			int rel = q->bn[k];

			if (rel < 0 || rel == id)
				continue;
			hash_related(c, rel, q, is, posc[k], h);
			for (j = 0; j < ng; j++)
				if (strcmp(groups[j].hash, h) == 0)
					break;
			if (j == ng) {
				groups = xrealloc(
				    groups, (ng + 1) * sizeof(*groups));
				memset(&groups[ng], 0, sizeof(*groups));
				memcpy(groups[ng].hash, h, sizeof(h));
				ng++;
			}
			/*
			 * No de-duplication: a node related through several
			 * quads is listed once per quad, as in the reference
			 * implementations (this changes the permutations).
			 */
			if (groups[j].n == groups[j].cap) {
				groups[j].cap = groups[j].cap * 2 + 4;
				groups[j].ids = xrealloc(
				    groups[j].ids, groups[j].cap * sizeof(int));
			}
			groups[j].ids[groups[j].n++] = rel;
		}
	}
	if (ng > 1)
		qsort(groups, ng, sizeof(*groups), cmp_hgroup);

	/* Step 5. */
	for (j = 0; j < ng; j++) {
		struct hgroup *g = &groups[j];

		buf_adds(&data, g->hash);
		buf_reset(&chosen);
		have = false;
		issuer_free(&chosen_is);
		perm = xrealloc(perm, g->n * sizeof(size_t));
		recur = xrealloc(recur, g->n * sizeof(int));
		for (i = 0; i < g->n; i++)
			perm[i] = i;
		do {
			if (++c->work > c->max_work) {
				rc = ob_errf(c->e, ERR_TOOBIG,
				    "RDF canonicalization exceeded its work "
				    "limit (%lu steps): the graph is too "
				    "complex to canonicalize",
				    c->max_work);
				goto out;
			}
			issuer_free(&copy);
			issuer_copy(&copy, is);
			buf_reset(&path);
			nrecur = 0;
			for (i = 0; i < g->n; i++) {
				int rel = g->ids[perm[i]];
				long cn = issuer_get(&c->canon, rel);

				if (cn >= 0) {
					buf_addf(&path, "_:c14n%ld", cn);
				} else {
					if (issuer_get(&copy, rel) < 0)
						recur[nrecur++] = rel;
					buf_addf(&path, "_:b%ld",
					    issuer_issue(&copy, rel));
				}
				if (path_worse(&path, &chosen, have))
					goto next;
			}
			for (i = 0; i < nrecur; i++) {
				rc = hash_ndegree(c, recur[i], &copy, h);
				if (rc != 0)
					goto out;
				buf_addf(&path, "_:b%ld",
				    issuer_issue(&copy, recur[i]));
				buf_addc(&path, '<');
				buf_adds(&path, h);
				buf_addc(&path, '>');
				if (path_worse(&path, &chosen, have))
					goto next;
			}
			if (!have || strcmp(path.data, chosen.data) < 0) {
				buf_reset(&chosen);
				buf_add(&chosen, path.data, path.len);
				have = true;
				issuer_free(&chosen_is);
				chosen_is = copy;
				memset(&copy, 0, sizeof(copy));
			}
		next:;
		} while (next_perm(perm, g->n));
		buf_add(&data, chosen.data, chosen.len);
		/* Replace issuer with chosen issuer. */
		issuer_free(is);
		*is = chosen_is;
		memset(&chosen_is, 0, sizeof(chosen_is));
	}
	if (buf_err(&data) != 0) {
		rc = ob_errf(c->e, ERR_TOOBIG, "canonicalization data too big");
		goto out;
	}
	hash_hex(c, data.data, data.len, out);
out:
	for (j = 0; j < ng; j++)
		free(groups[j].ids);
	free(groups);
	free(perm);
	free(recur);
	issuer_free(&copy);
	issuer_free(&chosen_is);
	buf_free(&data);
	buf_free(&path);
	buf_free(&chosen);
	return rc;
}

/* ---- 4.4 Canonicalization algorithm ---- */

struct ndres {
	char hash[HASH_HEX_MAX];
	struct issuer is;
};

static int
cmp_ndres(const void *a, const void *b)
{
	return strcmp(
	    ((const struct ndres *)a)->hash, ((const struct ndres *)b)->hash);
}

struct h1ent {
	const char *hash;
	int id;
};

static int
cmp_h1ent(const void *a, const void *b)
{
	const struct h1ent *x = a, *y = b;
	int r = strcmp(x->hash, y->hash);

	if (r != 0)
		return r;
	return (x->id > y->id) - (x->id < y->id);
}

static int
cmp_map(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

void
rdfc_map_free(struct rdfc_map *map)
{
	size_t i;

	if (map == NULL)
		return;
	for (i = 0; i < map->n; i++) {
		free(map->from[i]);
		free(map->to[i]);
	}
	free(map->from);
	free(map->to);
	memset(map, 0, sizeof(*map));
}

int
rdfc_canonicalize(const struct rdf_dataset *ds, const struct rdfc_opts *opts,
    struct buf *out, struct rdfc_map *map, struct ob_err *e)
{
	struct canon c;
	struct buf *keys = NULL;
	char **kp = NULL;
	size_t *order = NULL;
	int *tab = NULL;
	size_t tabcap = 0, i, j, n;
	struct h1ent *h1 = NULL;
	struct ndres *nd = NULL;
	size_t nnd;
	char **lines = NULL;
	struct buf *lb = NULL;
	int rc = 0;
	const char *hname = opts && opts->hash ? opts->hash : "sha256";

	memset(&c, 0, sizeof(c));
	c.e = e;
	c.max_work =
	    opts && opts->max_work ? opts->max_work : RDFC_DEFAULT_WORK;
	if (strcmp(hname, "sha256") == 0)
		c.md = EVP_sha256();
	else if (strcmp(hname, "sha384") == 0)
		c.md = EVP_sha384();
	else
		return ob_errf(
		    e, ERR_INVAL, "unknown hash algorithm '%s'", hname);

	/* Remove duplicate quads: sort by their N-Quads serialisation. */
	n = ds->n;
	keys = xcalloc(n ? n : 1, sizeof(*keys));
	kp = xcalloc(n ? n : 1, sizeof(*kp));
	order = xcalloc(n ? n : 1, sizeof(*order));
	for (i = 0; i < n; i++) {
		buf_init(&keys[i], NULL, SIZE_MAX / 4);
		rdf_quad_write(&keys[i], &ds->quads[i]);
		/* Stash the index after the NUL for recovery below. */
		kp[i] = keys[i].data;
	}
	{
		/* Sort indices by key. */
		struct {
			const char *k;
			size_t i;
		} *ix = xcalloc(n ? n : 1, sizeof(*ix));
		for (i = 0; i < n; i++) {
			ix[i].k = kp[i];
			ix[i].i = i;
		}
		qsort(ix, n, sizeof(*ix), cmp_str);
		for (i = 0, j = 0; i < n; i++) {
			if (i > 0 && strcmp(ix[i].k, ix[i - 1].k) == 0)
				continue;
			order[j++] = ix[i].i;
		}
		free(ix);
		n = j;
		qsort(order, n, sizeof(*order), cmp_map);
	}
	c.quads = xcalloc(n ? n : 1, sizeof(*c.quads));
	c.nquads = n;
	for (i = 0; i < n; i++) {
		const struct rdf_quad *q = &ds->quads[order[i]];
		const struct rdf_term *t[4] = {&q->s, &q->p, &q->o, &q->g};
		int k;

		for (k = 0; k < 4; k++) {
			c.quads[i].t[k] = t[k];
			c.quads[i].bn[k] = -1;
			if (t[k]->kind == RDF_BNODE) {
				c.quads[i].bn[k] =
				    bnode_id(&c, t[k]->value, &tab, &tabcap);
				bnode_add_quad(&c.bn[c.quads[i].bn[k]], i);
			}
		}
	}
	c.canon.map = xmalloc((c.nbn ? c.nbn : 1) * sizeof(int));
	for (i = 0; i < c.nbn; i++)
		c.canon.map[i] = -1;

	/* Step 3: first-degree hashes. */
	h1 = xcalloc(c.nbn ? c.nbn : 1, sizeof(*h1));
	for (i = 0; i < c.nbn; i++) {
		rc = hash_first_degree(&c, (int)i);
		if (rc != 0)
			goto out;
		h1[i].hash = c.bn[i].h1;
		h1[i].id = (int)i;
	}
	qsort(h1, c.nbn, sizeof(*h1), cmp_h1ent);

	/* Step 4: unique hashes get canonical ids in hash order. */
	for (i = 0; i < c.nbn; i = j) {
		for (j = i + 1;
		     j < c.nbn && strcmp(h1[j].hash, h1[i].hash) == 0; j++)
			;
		if (j == i + 1)
			issuer_issue(&c.canon, h1[i].id);
	}

	/* Step 5: shared hashes, via Hash N-Degree Quads. */
	nd = xcalloc(c.nbn ? c.nbn : 1, sizeof(*nd));
	for (i = 0; i < c.nbn; i = j) {
		for (j = i + 1;
		     j < c.nbn && strcmp(h1[j].hash, h1[i].hash) == 0; j++)
			;
		if (j == i + 1)
			continue;
		nnd = 0;
		for (size_t k = i; k < j; k++) {
			struct issuer tmp = {0};

			if (issuer_get(&c.canon, h1[k].id) >= 0)
				continue;
			issuer_issue(&tmp, h1[k].id);
			rc = hash_ndegree(&c, h1[k].id, &tmp, nd[nnd].hash);
			nd[nnd].is = tmp;
			nnd++;
			if (rc != 0)
				goto out_nd;
		}
		qsort(nd, nnd, sizeof(*nd), cmp_ndres);
		for (size_t k = 0; k < nnd; k++)
			for (size_t m = 0; m < nd[k].is.n; m++)
				issuer_issue(&c.canon, nd[k].is.ids[m]);
	out_nd:
		for (size_t k = 0; k < nnd; k++)
			issuer_free(&nd[k].is);
		if (rc != 0)
			goto out;
	}

	/* Step 6: the canonical N-Quads, sorted. */
	lb = xcalloc(n ? n : 1, sizeof(*lb));
	lines = xcalloc(n ? n : 1, sizeof(*lines));
	for (i = 0; i < n; i++) {
		buf_init(&lb[i], NULL, SIZE_MAX / 4);
		write_quad_named(&lb[i], &c, &c.quads[i], -1, &c.canon);
		lines[i] = lb[i].data;
	}
	qsort(lines, n, sizeof(*lines), cmp_str);
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(lines[i], lines[i - 1]) != 0)
			buf_adds(out, lines[i]);
	if (buf_err(out) != 0) {
		rc = ob_errf(
		    e, ERR_TOOBIG, "the canonical N-Quads are too large");
		goto out;
	}
	if (map != NULL) {
		memset(map, 0, sizeof(*map));
		map->n = c.canon.n;
		map->from = xcalloc(map->n ? map->n : 1, sizeof(char *));
		map->to = xcalloc(map->n ? map->n : 1, sizeof(char *));
		for (i = 0; i < c.canon.n; i++) {
			const char *l = c.bn[c.canon.ids[i]].label;

			map->from[i] = xstrndup(l, strlen(l));
			map->to[i] = xmalloc(32);
			snprintf(map->to[i], 32, "c14n%zu", i);
		}
	}
out:
	if (lb != NULL)
		for (i = 0; i < n; i++)
			buf_free(&lb[i]);
	free(lb);
	free(lines);
	free(nd);
	free(h1);
	for (i = 0; i < c.nbn; i++)
		free(c.bn[i].quads);
	free(c.bn);
	free(c.quads);
	issuer_free(&c.canon);
	free(tab);
	for (i = 0; i < ds->n; i++)
		buf_free(&keys[i]);
	free(keys);
	free(kp);
	free(order);
	return rc;
}
