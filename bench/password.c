/*
 * bench/password.c: the cost of one Argon2id password hash for several
 * parameter sets, to choose PASSWORD_M_COST etc. in domain/password.h.
 *
 * For each set it hashes a 20-byte password N times on one thread (a fresh
 * 16-byte salt and a 32-byte tag each time, as password_hash does) and
 * prints the median elapsed and CPU milliseconds per hash, the hashes per
 * second one core can do (1000 / CPU ms), and the memory each hash holds
 * while it runs (m KiB). A verify costs the same as a hash. Elapsed time
 * is what a person waits at login; it grows when other processes share
 * the cores, CPU time much less so. The sets are OWASP's
 * equivalent minimums and stronger ones up to 64 MiB; the one password.h
 * uses is marked '*' (and added at the end if it is not in the table).
 * Usage: password [N, default 15].
 */
#include "core/common.h"
#include "core/num.h"
#include "domain/password.h"

#include <argon2.h>
#include <openssl/rand.h>
#include <time.h>

struct set {
	uint32_t m, t, p;
	const char *note;
};

static const struct set sets[] = {
    {7168, 5, 1, "OWASP minimum"},
    {9216, 4, 1, "OWASP minimum"},
    {12288, 3, 1, "OWASP minimum"},
    {19456, 2, 1, "OWASP minimum"},
    {47104, 1, 1, "OWASP minimum"},
    {19456, 3, 1, ""},
    {19456, 4, 1, ""},
    {24576, 2, 1, ""},
    {24576, 3, 1, ""},
    {32768, 2, 1, ""},
    {47104, 2, 1, ""},
    {65536, 1, 1, ""},
    {65536, 2, 1, ""},
    {65536, 3, 1, "RFC 9106 second choice, but p=1"},
    {PASSWORD_M_COST, PASSWORD_T_COST, PASSWORD_P_COST, ""},
};

static bool
is_chosen(const struct set *s)
{
	return s->m == PASSWORD_M_COST && s->t == PASSWORD_T_COST &&
	    s->p == PASSWORD_P_COST;
}

static double
now_ms(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * measure hashes n times with s and sets *wall and *cpu to the median
 * elapsed and CPU milliseconds of one hash; ms and cpu_ms hold n values.
 */
static void
measure(const struct set *s, int n, double *ms, double *cpu_ms, double *wall,
    double *cpu)
{
	static const char pw[] = "bench password 12345";
	unsigned char salt[PASSWORD_SALT_LEN];
	char enc[PASSWORD_HASH_MAX];

	for (int i = 0; i < n; i++) {
		double t0, c0;

		if (RAND_bytes(salt, sizeof(salt)) != 1)
			fatal("RAND_bytes failed");
		t0 = now_ms(CLOCK_MONOTONIC);
		c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
		if (argon2id_hash_encoded(s->t, s->m, s->p, pw, sizeof(pw) - 1,
		        salt, sizeof(salt), PASSWORD_TAG_LEN, enc,
		        sizeof(enc)) != ARGON2_OK)
			fatal("argon2id_hash_encoded failed");
		ms[i] = now_ms(CLOCK_MONOTONIC) - t0;
		cpu_ms[i] = now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
	}
	*wall = median(ms, n);
	*cpu = median(cpu_ms, n);
}

int
main(int argc, char **argv)
{
	int64_t n = 15;
	double *ms, *cpu_ms;
	bool listed = false;

	if (argc > 1 && (num_parse(argv[1], strlen(argv[1]), 1, 1000, &n) != 0))
		fatal("usage: password [hashes per set, 1-1000]");
	ms = xcalloc((size_t)n, sizeof(*ms));
	cpu_ms = xcalloc((size_t)n, sizeof(*cpu_ms));
	printf("Argon2id, one thread, median of %d hashes per set\n", (int)n);
	printf("   %8s %3s %3s %10s %10s %10s %11s\n", "m (KiB)", "t", "p",
	    "ms/hash", "cpu ms", "hashes/s", "memory");
	for (size_t i = 0; i < NELEM(sets); i++) {
		const struct set *s = &sets[i];
		double wall, cpu;

		/* The last row repeats the chosen set unless it is listed. */
		if (i == NELEM(sets) - 1 && listed)
			break;
		listed = listed || is_chosen(s);
		measure(s, (int)n, ms, cpu_ms, &wall, &cpu);
		printf(" %c %8u %3u %3u %10.1f %10.1f %10.1f %7.1f MiB%s%s\n",
		    is_chosen(s) ? '*' : ' ', (unsigned)s->m, (unsigned)s->t,
		    (unsigned)s->p, wall, cpu, 1000.0 / cpu,
		    (double)s->m / 1024.0, *s->note ? "  " : "", s->note);
	}
	free(ms);
	free(cpu_ms);
	return 0;
}
