/*
 * server.h: the libmicrohttpd adapter.
 *
 * The server owns the daemon, the static assets and the per-thread database
 * connections. Requests run on libmicrohttpd's thread pool (epoll); each
 * pool thread opens its own database connection the first time it needs
 * one. server_stop stops accepting, lets requests in flight finish (up to a
 * grace period), then closes everything.
 */
#ifndef LAUREL_SERVER_H
#define LAUREL_SERVER_H

#include "core/common.h"
#include "core/clock.h"
#include "core/config.h"
#include "web/assets.h"

struct server;
struct signer_proc;

/* The read-only state every request sees. */
struct site {
	const struct config *cfg;
	const struct clock *clock;
	struct assets assets;
	uint8_t secret[32]; /* from cfg->secret_key: CSRF tokens, pseudonyms */
	struct signer_proc *signer_proc; /* each request's app gets it */
};

/*
 * server_start loads the assets and starts serving cfg->listen_host:port.
 * Returns 0 or an error with msg set. cfg, clock and signer must outlive
 * the server; signer (the signer process, domain/signer_proc.h) goes into
 * every request's app, and NULL makes requests sign in process.
 */
MUST_CHECK int server_start(const struct config *cfg, const struct clock *clk,
    struct signer_proc *signer, struct server **out, char *msg, size_t msglen);
/* server_port is the port actually bound (useful with port 0). */
unsigned server_port(const struct server *s);
/* server_stop drains requests in flight for up to grace_s seconds. */
void server_stop(struct server *s, unsigned grace_s);

#endif
