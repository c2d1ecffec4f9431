/*
 * test_tmplc.c: the template compiler (tools/tmplc.c, included here).
 *
 * Checks the C generated for typical templates, that every safety rule
 * produces an error on the right line, and end to end: the sample templates
 * in tests/data/tmplc are compiled with tmplc, then with cc (strict flags)
 * together with a driver, run, and the output compared with
 * tests/data/tmplc/expected.html. Runs from the repository root.
 */
#include <criterion/criterion.h>

#include <sys/wait.h>
#include <unistd.h>

#define TMPLC_NO_MAIN
#include "../../../tools/tmplc.c"

static struct tmplc_result res;

static void
teardown(void)
{
	tmplc_result_free(&res);
}

TestSuite(tmplc, .fini = teardown);

/* Compiles s (which must succeed) and returns the generated function. */
static const char *
gen(const char *s)
{
	int rc;

	tmplc_result_free(&res);
	rc = tmplc_compile("t", s, strlen(s), &res);

	cr_assert_eq(
	    rc, 0, "unexpected error %d: %s", res.err_line, res.err_msg);
	cr_assert_not_null(res.code.p);
	return res.code.p;
}

/* Asserts that compiling s fails on line `line` with `msg` in the message. */
static void
fails(const char *s, int line, const char *msg)
{
	int rc;

	tmplc_result_free(&res);
	rc = tmplc_compile("t", s, strlen(s), &res);
	cr_assert_eq(rc, -1, "compiled but should fail (%s):\n%s", msg, s);
	cr_assert_eq(res.err_line, line, "line %d, want %d (%s) for:\n%s",
	    res.err_line, line, res.err_msg, s);
	cr_assert_not_null(strstr(res.err_msg, msg),
	    "message '%s' lacks '%s' for:\n%s", res.err_msg, msg, s);
}

#define HAS(code, frag)                                                        \
	cr_assert_not_null(                                                    \
	    strstr((code), (frag)), "missing <%s> in:\n%s", (frag), (code))

Test(tmplc, declares_view_and_function)
{
	const char *c = gen("{{view view_x}}\n<p>hi</p>\n");

	cr_assert_str_eq(res.view, "view_x");
	cr_assert_str_eq(res.decl.p,
	    "void tmpl_t(struct buf *b, const struct view_x *v);\n");
	HAS(c, "void\ntmpl_t(struct buf *b, const struct view_x *v)\n{");
	HAS(c, "buf_add(b, \"<p>hi</p>\\n\", 10);");
	cr_assert_null(strstr(c, "\"\\n<p>"), "newline after view kept");
}

Test(tmplc, substitutions)
{
	const char *c = gen("{{view w}}<p title=\"{{ v.a.b }}\">{{ v.name }}"
	                    "<a href=\"{{ url v.link }}\">x</a>{{ raw v.body }}"
	                    "<a href='/b/{{ v.id }}'>{{ \"{{\" }}</a></p>");

	HAS(c, "html_put(b, v->a.b);");
	HAS(c, "html_put(b, v->name);");
	HAS(c, "html_put_url(b, v->link);");
	HAS(c, "html_put_raw(b, v->body);");
	HAS(c, "html_put(b, v->id);");
	HAS(c, "'>{{</a></p>");
}

Test(tmplc, string_literal_is_escaped_static_text)
{
	const char *c = gen("{{view w}}{{ \"<a href=\\\"x\\\">\\\\\" }}");

	HAS(c, "&lt;a href=&quot;x&quot;&gt;\\\\");
}

Test(tmplc, conditions)
{
	const char *c = gen("{{view w}}{{ if v.a }}A{{ elif not v.b }}B"
	                    "{{ elif nonempty v.s and v.t }}C"
	                    "{{ elif v.x or not nonempty v.y }}D{{ else }}E"
	                    "{{ end }}");

	HAS(c, "if ((v->a)) {");
	HAS(c, "} else if (!(v->b)) {");
	HAS(c, "} else if (html_nonempty(v->s) && (v->t)) {");
	HAS(c, "} else if ((v->x) || !html_nonempty(v->y)) {");
	HAS(c, "} else {");
}

/*
 * Regression: branches (and loop bodies) that end in text after tags with
 * different attributes are in the same context; the attribute facts left
 * over from the last tag once made tmplc refuse such templates.
 */
Test(tmplc, branches_ending_in_text_after_different_tags)
{
	const char *c = gen("{{view w}}{{ if v.a }}<a href=\"{{ url v.u }}\">"
	                    "A</a>{{ else }}<span class=\"x\">B</span>"
	                    "{{ end }}<p>");

	HAS(c, "} else {");
	c = gen("{{view w}}{{ for i in v.items }}<a href=\"{{ url i.u }}\">"
	        "{{ i.name }}</a>{{ end }}");
	HAS(c, "for (");
	/* inside a tag the facts still have to agree */
	fails("{{view w}}<a {{ if v.a }}href=\"{{ else }}title=\"{{ end }}"
	      "{{ v.x }}\">",
	    1, "");
}

Test(tmplc, loops)
{
	const char *c = gen("{{view w}}{{ for it in v.items }}"
	                    "{{ for t in it.tags }}{{ loop.index }}{{ t }}"
	                    "{{ t.x }}{{ it.name }}{{ end }}{{ loop.number }}"
	                    "{{ if loop.last }}.{{ end }}{{ end }}"
	                    "{{ for k in v.meta.keys }}{{ k }}{{ end }}");

	HAS(c,
	    "for (size_t tl_i_it = 0, tl_n_it = v->n_items; tl_i_it < "
	    "tl_n_it; tl_i_it++) {");
	HAS(c,
	    "const __typeof__((v->items)[0]) *tl_v_it = "
	    "&(v->items)[tl_i_it];");
	HAS(c, "tl_n_t = tl_v_it->n_tags;");
	HAS(c, "html_put(b, tl_i_t);");
	HAS(c, "html_put(b, (*tl_v_t));");
	HAS(c, "html_put(b, tl_v_t->x);");
	HAS(c, "html_put(b, tl_v_it->name);");
	HAS(c, "html_put(b, (tl_i_it + 1));");
	HAS(c, "if (((tl_i_it + 1 == tl_n_it))) {");
	HAS(c, "tl_n_k = v->meta.n_keys;");
}

Test(tmplc, calls)
{
	const char *c = gen("{{view w}}{{ call head v }}{{ call foot v.f }}"
	                    "{{ for it in v.xs }}{{ call card it }}"
	                    "{{ call sub it.s }}{{ end }}");

	HAS(c, "tmpl_head(b, v);");
	HAS(c, "tmpl_foot(b, &v->f);");
	HAS(c, "tmpl_card(b, tl_v_it);");
	HAS(c, "tmpl_sub(b, &tl_v_it->s);");
	cr_assert_str_eq(res.calls.p, "head\nfoot\ncard\nsub\n");
}

Test(tmplc, comments_and_whitespace_control)
{
	const char *c = gen("{{view w}}<p>\n  {{- v.a -}}  \n </p>{{! gone "
	                    "{{ v.nothing }} }}<i>  {{-! also -}}  </i>");

	HAS(c, "buf_add(b, \"<p>\", 3);");
	HAS(c, "buf_add(b, \"</p><i></i>\", 11);");
	cr_assert_null(strstr(c, "nothing"));
}

Test(tmplc, static_text_is_a_safe_c_literal)
{
	const char *c = gen("{{view w}}\"\\ ?\?= \t\x01\xC3\xA9\r\n");

	HAS(c,
	    "buf_add(b, \"\\\"\\\\ \\?\\?= \\t\\001\\303\\251\\015\\n\", 13);");
}

Test(tmplc, long_text_is_split)
{
	size_t n = 3 * TMPLC_LIT_CHUNK + 10, i;
	char *s = malloc(n + 20);
	const char *c;

	cr_assert_not_null(s);
	memcpy(s, "{{view w}}", 10);
	for (i = 10; i < n + 10; i++)
		s[i] = 'a';
	s[n + 10] = '\0';
	c = gen(s);
	HAS(c, "\", 2048);");
	HAS(c, "\", 10);");
	cr_assert_null(strstr(c, "\", 2049);"));
	free(s);
}

Test(tmplc, html_contexts_that_are_allowed)
{
	gen("{{view w}}<textarea>{{ v.a }}</textarea><title>{{ v.t }}</title>");
	gen("{{view w}}<a data-x='{{ v.a }}' class=\"c {{ v.b }}\">{{ v.c "
	    "}}</a>");
	gen("{{view w}}<img src=\"{{ url v.src }}\" alt=\"{{ v.alt }}\">");
	gen("{{view w}}<a href=\"  {{ url v.x }}\">{{ url v.y }}</a>");
	gen("{{view w}}<form action=\"/a/{{ v.id }}\"></form>");
	gen("{{view w}}<p>a < b {{ v.x }} </p>");
	gen("{{view w}}<script src=\"/a.js\"></script>{{ v.x }}");
	gen("{{view w}}<style>p{}</style><p>{{ v.x }}</p>");
	gen("{{view w}}<script>if (a </scripts> b) {}</script >{{ v.x }}");
	gen("{{view w}}<!-- c --><!-- -- -><!-- x --->{{ v.x }}<!doctype html>"
	    "{{ v.y }}");
	gen("{{view w}}<a {{ if v.x }}class=\"x\"{{ end }} id=\"i\">");
	gen("{{view w}}<a href=\"{{ if v.x }}/a/{{ end }}{{ url v.y }}\">");
	gen("{{view w}}<p class=\"{{ for c in v.cs }}{{ c }} {{ end }}\">");
	gen("{{view w}}<script>{{ if v.x }}var a;{{ end }}</script>");
	gen("{{view w}}<input value=\"{{ v.x }}\" {{ if v.c }}checked{{ end "
	    "}}>");
}

Test(tmplc, safety_rules)
{
	fails("{{view w}}\n<script>\nvar a = {{ v.x }};</script>", 3,
	    "inside <script>");
	fails("{{view w}}<SCRIPT type=x>\n{{ url v.x }}</script>", 2,
	    "inside <script>");
	fails("{{view w}}<style>\np { color: {{ v.c }} }</style>", 2,
	    "inside <style>");
	fails("{{view w}}<script>\"</script\" {{ v.x }}</script>", 1,
	    "inside <script>");
	fails("{{view w}}\n\n<a class={{ v.x }}>", 3, "unquoted");
	fails("{{view w}}<a class= {{ v.x }}>", 1, "unquoted");
	fails("{{view w}}<a {{ v.x }}>", 1, "attribute name");
	fails("{{view w}}<a x{{ v.x }}=\"1\">", 1, "attribute name");
	fails("{{view w}}<{{ v.x }}>", 1, "tag name");
	fails("{{view w}}<a{{ v.x }}>", 1, "tag name");
	fails("{{view w}}</{{ v.x }}>", 1, "tag name");
	fails("{{view w}}<p style=\"color: {{ v.c }}\">", 1, "style");
	fails("{{view w}}<p\nonclick='go({{ v.c }})'>", 2, "onclick");
	fails("{{view w}}<p ONMouseOver=\"{{ url v.c }}\">", 1, "onmouseover");
	fails("{{view w}}<iframe srcdoc=\"{{ v.c }}\">", 1, "srcdoc");
	fails("{{view w}}<a href=\"{{ v.link }}\">", 1, "must use url");
	fails("{{view w}}<a href=' {{ v.link }}'>", 1, "must use url");
	fails("{{view w}}<img\n src=\"{{ v.s }}\">", 2, "must use url");
	fails("{{view w}}<form action=\"{{ v.s }}\">", 1, "must use url");
	fails("{{view w}}<button formaction=\"{{ v.s }}\">", 1, "must use url");
	fails("{{view w}}<img srcset=\"{{ v.s }}\">", 1, "must use url");
	fails("{{view w}}<video poster=\"{{ v.s }}\">", 1, "must use url");
	fails("{{view w}}<object data=\"{{ v.s }}\">", 1, "must use url");
	fails("{{view w}}<q cite=\"{{ v.s }}\">", 1, "must use url");
	fails("{{view w}}<a HREF=\"{{ v.s }}\">", 1, "must use url");
	fails("{{view w}}<a href=\"{{ raw v.s }}\">", 1, "raw");
	fails("{{view w}}<a title=\"{{ raw v.s }}\">", 1, "raw");
	fails("{{view w}}<textarea>{{ raw v.s }}</textarea>", 1, "raw");
	fails("{{view w}}<a title=\"{{ call x v }}\">", 1, "call");
	fails("{{view w}}<!-- {{ v.x }} -->", 1, "comment");
	fails("{{view w}}<!-- -->\n<!-- a > {{ v.x }} -->", 2, "comment");
	fails("{{view w}}<!doctype {{ v.x }}>", 1, "comment");
	fails("{{view w}}<plaintext>", 1, "plaintext");
	/* Branches and loops must agree on the context. */
	fails("{{view w}}{{ if v.a }}<a href=\"{{ else }}x{{ end }}\">", 1,
	    "different HTML contexts");
	fails("{{view w}}{{ if v.a }}\n<script>{{ end }}</script>", 2,
	    "different HTML contexts");
	fails("{{view w}}{{ for x in v.xs }}<a title=\"{{ end }}\">", 1,
	    "HTML context it starts in");
	fails("{{view w}}<a href=\"{{ if v.a }}/x/{{ else }}{{ end }}{{ v.b }}"
	      "\">",
	    1, "must use url");
	fails("{{view w}}<a href=\"x\" title=\"{{ v.a }}", 1, "ends inside");
	fails("{{view w}}<a {{ if v.a }}o{{ else }}x{{ end }}nclick=\"{{ v.x }}"
	      "\">",
	    1, "depends on an if");
	fails("{{view w}}<a {{ if v.a }}on{{ end }}click=\"{{ v.x }}\">", 1,
	    "depends on an if");
	fails("{{view w}}<a {{ for x in v.xs }}data-{{ end }}y=\"{{ v.y }}\">",
	    1, "HTML context it starts in");
}

Test(tmplc, structure_errors)
{
	fails("<p>{{view w}}", 1, "must start with {{view");
	fails("\n{{ v.x }}", 2, "must start with {{view");
	fails("", 1, "must start with {{view");
	fails("{{view}}", 1, "expected: view");
	fails("{{view w}}{{view w}}", 1, "twice");
	fails("{{view w}}\n{{ if v.a }}\n", 2, "if without end");
	fails("{{view w}}\n\n{{ for a in v.as }}{{ if v.b }}{{ end }}", 3,
	    "for without end");
	fails("{{view w}}\n{{ end }}", 2, "end without");
	fails("{{view w}}{{ else }}", 1, "else without if");
	fails("{{view w}}{{ elif v.a }}", 1, "elif without if");
	fails("{{view w}}{{ if v.a }}{{ else }}{{ else }}{{ end }}", 1,
	    "else without if");
	fails("{{view w}}{{ if v.a }}{{ else }}{{ elif v.b }}{{ end }}", 1,
	    "elif without if");
	fails("{{view w}}{{ for x in v.a }}{{ else }}{{ end }}", 1,
	    "else without if");
	fails("{{view w}}\n\n{{ frobnicate v.a }}", 3, "unknown directive");
	fails("{{view w}}{{ x.a }}", 1, "unknown variable 'x'");
	fails("{{view w}}{{ for x in v.xs }}{{ end }}{{ x }}", 1,
	    "unknown variable 'x'");
	fails("{{view w}}{{ loop.index }}", 1, "outside a for loop");
	fails("{{view w}}{{ for x in v.xs }}{{ loop.size }}{{ end }}", 1,
	    "unknown loop field");
	fails("{{view w}}{{ for x in v }}{{ end }}", 1, "field path");
	fails(
	    "{{view w}}{{ for x in v.a }}{{ for x in v.b }}{{ end }}{{ end }}",
	    1, "already in use");
	fails("{{view w}}{{ for v in v.a }}{{ end }}", 1, "bad loop variable");
	fails(
	    "{{view w}}{{ for int in v.a }}{{ end }}", 1, "bad loop variable");
	fails("{{view w}}{{ for x v.a }}{{ end }}", 1, "expected: for");
	fails("{{view w}}{{ v..a }}", 1, "bad path");
	fails("{{view w}}{{ v.1a }}", 1, "bad path");
	fails("{{view w}}{{ v.a- }}", 1, "unexpected character '-'");
	fails("{{view w}}{{ v.a[0] }}", 1, "unexpected character '['");
	fails("{{view w}}{{ v->a }}", 1, "unexpected character '-'");
	fails("{{view w}}\n{{ v.a", 2, "unterminated {{");
	fails("{{view w}}{{ \"abc }}", 1, "unterminated");
	fails("{{view w}}{{ \"a\\n\" }}", 1, "escapes");
	fails("{{view w}}{{ }}", 1, "empty");
	fails("{{view w}}{{ if }}{{ end }}", 1, "missing condition");
	fails("{{view w}}{{ if v.a and v.b or v.c }}{{ end }}", 1, "mix");
	fails("{{view w}}{{ if v.a v.b }}{{ end }}", 1, "expected 'and'");
	fails("{{view w}}{{ call 9x v }}", 1, "bad template name");
	fails("{{view w}}{{ call x \"y\" }}", 1, "not a string");
	fails("{{view w}}{{ raw \"x\" }}", 1, "not a string");
	fails("{{view w}}{{ a b c d e f g h i j k l m n o p q }}", 1,
	    "too many words");
}

Test(tmplc, nul_byte_line)
{
	static const char s[] = "{{view w}}\n\n\0";
	int rc;

	tmplc_result_free(&res);
	rc = tmplc_compile("t", s, sizeof(s) - 1, &res);
	cr_assert_eq(rc, -1);
	cr_assert_eq(res.err_line, 3);
}

Test(tmplc, rejects_bad_names_and_limits)
{
	char *big;
	int rc;

	tmplc_result_free(&res);
	rc = tmplc_compile("9bad", "{{view w}}", 10, &res);
	cr_assert_eq(rc, -1);
	tmplc_result_free(&res);
	rc = tmplc_compile("a-b", "{{view w}}", 10, &res);
	cr_assert_eq(rc, -1);
	tmplc_result_free(&res);
	big = calloc(1, TMPLC_MAX_INPUT + 1);
	cr_assert_not_null(big);
	memset(big, ' ', TMPLC_MAX_INPUT + 1);
	tmplc_result_free(&res);
	rc = tmplc_compile("t", big, TMPLC_MAX_INPUT + 1, &res);
	cr_assert_eq(rc, -1);
	cr_assert_not_null(strstr(res.err_msg, "larger"));
	free(big);
}

Test(tmplc, nesting_limit)
{
	char s[4096];
	size_t n = 0, i;

	n += (size_t)snprintf(s + n, sizeof(s) - n, "{{view w}}");
	for (i = 0; i <= TMPLC_MAX_DEPTH; i++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "{{ if v.a }}\n");
	fails(s, TMPLC_MAX_DEPTH + 1, "nested too deeply");
}

/* ---- end to end ------------------------------------------------------- */

static const char *const cflags =
    "-std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wvla -Wformat=2 "
    "-Wimplicit-fallthrough -Wstrict-prototypes -Wmissing-prototypes "
    "-Wold-style-definition -Wcast-qual -Wpointer-arith -Wwrite-strings "
    "-Wundef -Wnull-dereference -Wconversion -Wno-sign-conversion -Werror "
    "-Wno-unused-parameter -D_GNU_SOURCE";

static int
run(const char *cmd)
{
	int st = system(cmd);

	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *
slurp(const char *path, size_t *len)
{
	struct tstr s = {0};

	cr_assert_eq(read_file(path, &s), 0, "cannot read %s", path);
	*len = s.len;
	return s.p;
}

Test(tmplc, end_to_end, .timeout = 120)
{
	char dir[] = "/tmp/test_tmplc.XXXXXX";
	char prefix[128], cmd[4096], outpath[160];
	char a0[] = "tmplc", a1[] = "-o", a3[] = "tests/data/tmplc/card.html",
	     a4[] = "tests/data/tmplc/page.html";
	char *argv[] = {a0, a1, prefix, a3, a4, NULL};
	char *got, *want;
	size_t ngot, nwant;

	cr_assert(access("tests/data/tmplc/page.html", R_OK) == 0,
	    "run the tests from the repository root");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(prefix, sizeof(prefix), "%s/templates", dir);
	cr_assert_eq(tmplc_main(5, argv), 0);
	snprintf(cmd, sizeof(cmd),
	    "cc %s -Itests/data/tmplc/include -Isrc -I%s -o %s/driver "
	    "%s/templates.c tests/data/tmplc/driver.c src/web/html.c "
	    "src/core/buf.c src/core/arena.c src/core/common.c src/core/err.c",
	    cflags, dir, dir, dir);
	cr_assert_eq(run(cmd), 0, "compile failed: %s", cmd);
	snprintf(outpath, sizeof(outpath), "%s/out.html", dir);
	snprintf(cmd, sizeof(cmd), "%s/driver > %s", dir, outpath);
	cr_assert_eq(run(cmd), 0, "driver failed");
	got = slurp(outpath, &ngot);
	want = slurp("tests/data/tmplc/expected.html", &nwant);
	cr_assert_eq(ngot, nwant, "output differs in length (%s)", outpath);
	cr_assert(memcmp(got, want, ngot) == 0, "output differs (%s)", outpath);
	/* The escaping it checks, spelled out. */
	cr_assert_null(strstr(got, "<script>alert"));
	cr_assert_null(strstr(got, "javascript:"));
	cr_assert_null(strstr(got, "JaVaScRiPt:"));
	cr_assert_not_null(strstr(got, "<em>trusted</em>"));
	free(got);
	free(want);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(run(cmd), 0);
}

Test(tmplc, command_line_errors)
{
	char dir[] = "/tmp/test_tmplc.XXXXXX";
	char prefix[128], bad[160], hpath[160];
	char a0[] = "tmplc", a1[] = "-o", a3[] = "tests/data/tmplc/page.html";
	char *argv[] = {a0, a1, prefix, bad, NULL};
	char *argv2[] = {a0, a1, prefix, a3, NULL};
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(prefix, sizeof(prefix), "%s/templates", dir);
	snprintf(bad, sizeof(bad), "%s/bad.html", dir);
	f = fopen(bad, "w");
	cr_assert_not_null(f);
	fputs("{{view w}}<script>{{ v.x }}</script>", f);
	fclose(f);
	cr_assert_eq(tmplc_main(4, argv), 1);
	snprintf(hpath, sizeof(hpath), "%s.h", prefix);
	cr_assert_neq(access(hpath, F_OK), 0, "output written on error");
	/* page.html calls card, which is not given. */
	cr_assert_eq(tmplc_main(4, argv2), 1);
	cr_assert_eq(tmplc_main(2, argv), 2);
	unlink(bad);
	rmdir(dir);
}
