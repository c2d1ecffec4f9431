/*
 * bench/screen.c: how well and how fast the identity screen
 * (domain/screen.h) works, on the labelled corpus tests/data/screen/
 * corpus.tsv: one sentence a line, "label<TAB>sentence", where label lists
 * the kinds (screen_kind_code) of the HIGH-confidence hits the sentence
 * should produce, comma-separated, or "-" for none.
 *
 * Quality is counted per sentence and kind: a sentence labelled with kind
 * K is a true positive for K when the screen finds a high hit of kind K in
 * it, else a false negative; a high hit of kind K in a sentence not
 * labelled K is a false positive. It prints TP, FP, FN, precision and
 * recall per kind and overall (summed over kinds), and how many clean
 * sentences ("-") would have been declined. Low-confidence hits are not
 * counted.
 *
 * Speed: the whole corpus screened line by line, and the clean sentences
 * joined into one account of about 5,000 words, each repeatedly for about
 * SECONDS (default 1.0); it prints MB/s and microseconds per account.
 *
 * Usage: screen [-v] [CORPUS [SECONDS]]   (-v lists every miss)
 * Exit status 1 if the corpus cannot be read.
 */
#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "domain/screen.h"

#include <time.h>

#define KINDS (SCREEN_NUMBER + 1)
#define LINES_MAX 10000

struct line {
	const char *text;
	size_t len;
	bool want[KINDS];
	bool clean;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
kind_of(const char *code, size_t n)
{
	for (int k = 1; k < KINDS; k++) {
		const char *c = screen_kind_code((enum screen_kind)k);

		if (strlen(c) == n && memcmp(c, code, n) == 0)
			return k;
	}
	return 0;
}

/* parse reads the corpus in b into lines; returns how many, or -1. */
static long
parse(char *p, size_t len, struct line *lines)
{
	char *end = p + len;
	long n = 0;

	while (p < end && n < LINES_MAX) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *tab, *q;
		struct line *l = &lines[n];

		if (nl == NULL)
			nl = end;
		*nl = '\0';
		if (*p == '\0' || *p == '#') {
			p = nl + 1;
			continue;
		}
		if ((tab = strchr(p, '\t')) == NULL) {
			fprintf(stderr, "no tab in line: %s\n", p);
			return -1;
		}
		memset(l, 0, sizeof(*l));
		l->clean = tab - p == 1 && *p == '-';
		for (q = p; !l->clean && q < tab;) {
			char *c = memchr(q, ',', (size_t)(tab - q));
			int k;

			if (c == NULL)
				c = tab;
			if ((k = kind_of(q, (size_t)(c - q))) == 0) {
				fprintf(stderr, "unknown kind in: %s\n", p);
				return -1;
			}
			l->want[k] = true;
			q = c + 1;
		}
		l->text = tab + 1;
		l->len = (size_t)(nl - (tab + 1));
		n++;
		p = nl + 1;
	}
	return n;
}

static void
show(const struct line *l, const struct screen_hit *h, size_t nh)
{
	printf("    %.*s\n", (int)l->len, l->text);
	for (size_t k = 0; k < nh; k++)
		printf("      %s %s \"%.*s\"\n", h[k].high ? "HIGH" : "low ",
		    screen_kind_code(h[k].kind), (int)h[k].len,
		    l->text + h[k].start);
}

static double
ratio(long a, long b)
{
	return b > 0 ? (double)a / (double)b : 1.0;
}

/*
 * speed screens the n lines one call each, again and again for secs;
 * returns MB/s and sets *per_round to the seconds one pass over all of
 * them takes.
 */
static double
speed(struct arena *a, const struct line *lines, long n, double secs,
    double *per_round)
{
	double t0 = now(), el;
	long rounds = 0;
	size_t bytes = 0;

	do {
		for (long i = 0; i < n; i++) {
			struct screen_hit *h;
			size_t nh;

			if (screen_text(
			        a, lines[i].text, lines[i].len, &h, &nh) != 0)
				fatal("screen_text failed");
			bytes += lines[i].len;
			arena_reset(a);
		}
		rounds++;
		el = now() - t0;
	} while (el < secs);
	*per_round = el / (double)rounds;
	return (double)bytes / el / 1e6;
}

int
main(int argc, char **argv)
{
	const char *path = "tests/data/screen/corpus.tsv";
	static struct line lines[LINES_MAX];
	long tp[KINDS] = {0}, fp[KINDS] = {0}, fn[KINDS] = {0};
	long ttp = 0, tfp = 0, tfn = 0, nclean = 0, declined = 0, n;
	bool verbose = false;
	double secs = 1.0, mbs, per_round;
	struct arena *a = arena_new(1 << 24);
	struct buf file, account;
	struct line joined;
	size_t bytes, words = 0;
	char tmp[4096];
	FILE *f;
	int argi = 1;

	if (argi < argc && strcmp(argv[argi], "-v") == 0) {
		verbose = true;
		argi++;
	}
	if (argi < argc)
		path = argv[argi++];
	if (argi < argc) {
		char *end;

		secs = strtod(argv[argi], &end);
		if (*end != '\0' || secs <= 0)
			fatal("usage: %s [-v] [corpus [seconds]]", argv[0]);
	}
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr,
		    "cannot open %s (run from the repository root)\n", path);
		return 1;
	}
	buf_init(&file, NULL, 16 << 20);
	while ((bytes = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&file, tmp, bytes);
	fclose(f);
	if (buf_err(&file) != 0 || (n = parse(file.data, file.len, lines)) <= 0)
		return 1;

	for (long i = 0; i < n; i++) {
		struct line *l = &lines[i];
		struct screen_hit *h;
		size_t nh;
		bool got[KINDS] = {false}, miss = false;

		if (screen_text(a, l->text, l->len, &h, &nh) != 0)
			fatal("screen_text failed");
		for (size_t k = 0; k < nh; k++)
			if (h[k].high)
				got[h[k].kind] = true;
		for (int k = 1; k < KINDS; k++) {
			tp[k] += l->want[k] && got[k];
			fn[k] += l->want[k] && !got[k];
			fp[k] += !l->want[k] && got[k];
			miss = miss || l->want[k] != got[k];
		}
		if (l->clean) {
			nclean++;
			declined += screen_has_high(h, nh);
		}
		if (verbose && miss) {
			printf("  miss (line %ld):\n", i + 1);
			show(l, h, nh);
		}
		arena_reset(a);
	}

	printf("identity screen on %s: %ld sentences, %ld clean\n", path, n,
	    nclean);
	printf("  %-9s %5s %5s %5s %10s %8s\n", "kind", "TP", "FP", "FN",
	    "precision", "recall");
	for (int k = 1; k < KINDS; k++) {
		if (tp[k] + fp[k] + fn[k] == 0)
			continue;
		printf("  %-9s %5ld %5ld %5ld %10.3f %8.3f\n",
		    screen_kind_code((enum screen_kind)k), tp[k], fp[k], fn[k],
		    ratio(tp[k], tp[k] + fp[k]), ratio(tp[k], tp[k] + fn[k]));
		ttp += tp[k];
		tfp += fp[k];
		tfn += fn[k];
	}
	printf("  %-9s %5ld %5ld %5ld %10.3f %8.3f\n", "overall", ttp, tfp, tfn,
	    ratio(ttp, ttp + tfp), ratio(ttp, ttp + tfn));
	printf("  clean sentences declined: %ld of %ld\n", declined, nclean);

	mbs = speed(a, lines, n, secs, &per_round);
	printf("speed, the corpus a sentence a call: %.1f MB/s (%.1f us per "
	       "sentence)\n",
	    mbs, per_round * 1e6 / (double)n);

	/* The clean sentences as one account of 5,000 words or more. */
	buf_init(&account, NULL, 16 << 20);
	while (words < 5000) {
		for (long i = 0; i < n; i++) {
			if (!lines[i].clean)
				continue;
			buf_add(&account, lines[i].text, lines[i].len);
			buf_addc(&account, i % 5 == 4 ? '\n' : ' ');
			for (size_t k = 0; k < lines[i].len; k++)
				words += lines[i].text[k] == ' ';
			words++;
		}
	}
	if (buf_err(&account) != 0)
		fatal("account too long");
	joined.text = account.data;
	joined.len = account.len;
	mbs = speed(a, &joined, 1, secs, &per_round);
	printf("speed, one account of %zu words (%zu bytes): %.1f MB/s, "
	       "%.0f us per account\n",
	    words, account.len, mbs, per_round * 1e6);
	buf_free(&account);
	buf_free(&file);
	arena_free(a);
	return 0;
}
