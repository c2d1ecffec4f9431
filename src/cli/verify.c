/*
 * verify.c: `laurel verify FILE|URL|-`: checks a badge on the command line
 * and prints every check in plain words.
 *
 *   laurel verify FILE|URL|- [--email ADDRESS] [--json] [--offline]
 *                 [--fetch-map FROM=TO]... [--allow-loopback]
 *
 * FILE may be a baked PNG or SVG, JSON (an Open Badges 2.0 assertion or a
 * 3.0 credential) or a JWS; "-" reads standard input; an http(s) URL is
 * fetched. --offline fetches nothing (checks that need the network are
 * reported as failed or not checked). --fetch-map rewrites URL prefixes
 * before fetching (a local mirror, or test fixtures); --allow-loopback
 * lets plain http reach 127.0.0.1. No database is needed.
 *
 * Exit status: 0 only when the badge is valid; 1 when it is not (or could
 * not be read); 2 for bad usage.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "core/common.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/badgecheck.h"
#include "cli/cli.h"

static int
verify_usage(void)
{
	fprintf(stderr,
	    "usage: laurel verify FILE|URL|- [--email ADDRESS] [--json] "
	    "[--offline]\n"
	    "                     [--fetch-map FROM=TO]... "
	    "[--allow-loopback]\n");
	return 2;
}

/* read_all reads f into b (at most b's max); 0, or -1 after a message. */
static int
read_all(FILE *f, const char *name, struct buf *b)
{
	char tmp[65536];
	size_t n;

	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		buf_add(b, tmp, n);
		if (buf_err(b)) {
			fprintf(stderr,
			    "laurel: %s is larger than %zu MB, too large to "
			    "be a badge\n",
			    name, VFY_MAX_INPUT >> 20);
			return -1;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "laurel: cannot read %s: %s\n", name,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static const char *
kind_text(const struct vfy_report *r)
{
	switch (r->kind) {
	case VFY_KIND_ASSERTION:
		return "an Open Badges 2.0 assertion";
	case VFY_KIND_BADGECLASS:
		return "an Open Badges 2.0 badge class";
	case VFY_KIND_ISSUER:
		return "an Open Badges 2.0 issuer profile";
	case VFY_KIND_CREDENTIAL:
		return "an Open Badges 3.0 credential";
	case VFY_KIND_ENDORSEMENT:
		return "an Open Badges 3.0 endorsement";
	case VFY_KIND_OTHER:
	case VFY_KIND_UNKNOWN:
		break;
	}
	return "not recognised as an Open Badge";
}

static void
print_report(const struct vfy_report *r)
{
	size_t failed = 0, warned = 0;

	printf("This is %s.\n", kind_text(r));
	if (r->sum.badge_name[0])
		printf("Badge:     %s\n", r->sum.badge_name);
	if (r->sum.issuer_name[0])
		printf("Issuer:    %s\n", r->sum.issuer_name);
	if (r->sum.issued_on[0])
		printf("Issued on: %s\n", r->sum.issued_on);
	if (r->sum.expires[0])
		printf("Expires:   %s\n", r->sum.expires);
	printf("\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct vfy_check *c = &r->checks[i];

		printf("%-12s %s: %s\n", vfy_result_word(c->result), c->title,
		    c->msg);
		failed += c->result == VFY_FAIL;
		warned += c->result == VFY_WARN;
	}
	printf("\n");
	if (r->valid)
		printf("Result: valid%s\n",
		    warned ? " (read the warnings above)" : "");
	else
		printf("Result: NOT valid (%zu check%s failed)\n", failed,
		    failed == 1 ? "" : "s");
}

int
cli_verify(int argc, char **argv)
{
	const char *what = NULL, *email = NULL;
	bool json = false, offline = false, loopback = false;
	struct fetcher f;
	struct vfy_report rep;
	struct buf in;
	char *maps[FETCH_MAX_MAPS];
	size_t nmaps = 0;
	int rc = 1;

	buf_init(&in, NULL, VFY_MAX_INPUT);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--email") == 0 && i + 1 < argc) {
			email = argv[++i];
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--offline") == 0) {
			offline = true;
		} else if (strcmp(a, "--allow-loopback") == 0) {
			loopback = true;
		} else if (strcmp(a, "--fetch-map") == 0 && i + 1 < argc) {
			if (nmaps >= FETCH_MAX_MAPS ||
			    strchr(argv[i + 1], '=') == NULL) {
				rc = verify_usage();
				goto out;
			}
			maps[nmaps++] = argv[++i];
		} else if (a[0] == '-' && a[1] == '-') {
			rc = verify_usage();
			goto out;
		} else if (what == NULL) {
			what = a;
		} else {
			rc = verify_usage();
			goto out;
		}
	}
	if (what == NULL) {
		rc = verify_usage();
		goto out;
	}
	fetcher_init(&f, loopback);
	for (size_t i = 0; i < nmaps; i++) {
		char *eq = strchr(maps[i], '=');

		*eq = '\0';
		if (fetcher_add_map(&f, maps[i], eq + 1) != 0) {
			rc = verify_usage();
			goto out;
		}
	}
	if (strncmp(what, "https://", 8) == 0 ||
	    strncmp(what, "http://", 7) == 0) {
		buf_adds(&in, what);
	} else if (strcmp(what, "-") == 0) {
		if (read_all(stdin, "standard input", &in) != 0)
			goto out;
	} else {
		FILE *fp = fopen(what, "rb");

		if (fp == NULL) {
			fprintf(stderr, "laurel: cannot open %s: %s\n", what,
			    strerror(errno));
			goto out;
		}
		if (read_all(fp, what, &in) != 0) {
			fclose(fp);
			goto out;
		}
		fclose(fp);
	}
	if (badgecheck_run(offline ? NULL : &f, (int64_t)time(NULL),
	        (const uint8_t *)in.data, in.len, email, &rep) != 0) {
		fprintf(stderr, "laurel: the badge could not be checked\n");
		vfy_report_free(&rep);
		goto out;
	}
	if (json) {
		json_t *j = vfy_report_json(&rep);

		json_dumpf(j, stdout, JSON_INDENT(2));
		printf("\n");
		json_decref(j);
	} else {
		print_report(&rep);
	}
	rc = rep.valid ? 0 : 1;
	vfy_report_free(&rep);
out:
	buf_free(&in);
	return rc;
}
