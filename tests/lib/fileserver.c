/*
 * fileserver.c: see fileserver.h. Test code: reads whole files with stdio
 * and hands them to libmicrohttpd, which frees them.
 */
#include "lib/fileserver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
type_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return "text/plain";
	if (strcmp(dot, ".json") == 0 || strcmp(dot, ".jsonld") == 0)
		return "application/ld+json";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	return "text/plain";
}

static enum MHD_Result
answer(struct MHD_Connection *c, unsigned status, const char *type, void *data,
    size_t len, const char *location)
{
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;

	MHD_add_response_header(r, "Content-Type", type);
	if (location != NULL)
		MHD_add_response_header(r, "Location", location);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static char *
dupstr(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);

	if (p == NULL)
		abort();
	memcpy(p, s, n + 1);
	return p;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **ptr)
{
	struct fileserver *s = cls;
	char path[1024], loc[128];
	FILE *f;
	char *data = NULL;
	size_t len = 0, cap = 0, n;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)ptr;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return answer(c, 405, "text/plain", dupstr("no"), 2, NULL);
	if (strncmp(url, "/_/redirect/", 12) == 0) {
		int k = url[12] - '0';

		if (k <= 0 || k > 9)
			return answer(
			    c, 200, "application/json", dupstr("{}"), 2, NULL);
		snprintf(loc, sizeof(loc), "/_/redirect/%d", k - 1);
		return answer(c, 302, "text/plain", dupstr(""), 0, loc);
	}
	if (strcmp(url, "/_/big") == 0) {
		len = (size_t)3 << 20;
		data = malloc(len);
		if (data == NULL)
			abort();
		memset(data, ' ', len);
		data[0] = '{';
		data[len - 1] = '}';
		return answer(c, 200, "application/json", data, len, NULL);
	}
	if (strcmp(url, "/_/gone") == 0)
		return answer(c, 410, "application/json",
		    dupstr("{\"revoked\": true}"), 16, NULL);
	if (strstr(url, "..") != NULL ||
	    (size_t)snprintf(path, sizeof(path), "%s%s", s->root, url) >=
	        sizeof(path) ||
	    (f = fopen(path, "rb")) == NULL)
		return answer(
		    c, 404, "text/plain", dupstr("not found"), 9, NULL);
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((data = realloc(data, cap)) == NULL)
				abort();
		}
		if ((n = fread(data + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	fclose(f);
	return answer(c, 200, type_of(path), data, len, NULL);
}

void
fileserver_start(struct fileserver *s, const char *root)
{
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	memset(s, 0, sizeof(*s));
	snprintf(s->root, sizeof(s->root), "%s", root);
	s->daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_END);
	if (s->daemon == NULL) {
		fprintf(stderr, "fileserver: cannot start\n");
		abort();
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info->port;
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%u/", s->port);
}

void
fileserver_stop(struct fileserver *s)
{
	if (s->daemon != NULL)
		MHD_stop_daemon(s->daemon);
	s->daemon = NULL;
}
