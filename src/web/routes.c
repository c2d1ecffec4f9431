/*
 * routes.c: the route table. Every route names its method, pattern,
 * policy and the parameters it accepts; nothing else reaches a handler.
 */
#include "core/common.h"
#include "web/handlers.h"
#include "web/router.h"

const struct route routes[] = {
    {HTTP_GET, "/healthz", POLICY_PUBLIC, h_health, {{0}}},
    {HTTP_GET, "/", POLICY_PUBLIC, h_home, {{0}}},
    {HTTP_GET, "/badges", POLICY_PUBLIC, h_badges,
        {{"page", PARAM_INT, 6, 1, 100000, NULL}}},
    {HTTP_GET, "/badges/{id}", POLICY_PUBLIC, h_badge, {{0}}},
    {HTTP_GET, "/accessibility", POLICY_PUBLIC, h_page_accessibility, {{0}}},
    {HTTP_GET, "/privacy", POLICY_PUBLIC, h_page_privacy, {{0}}},
    {HTTP_GET, "/static/{path}", POLICY_PUBLIC, h_static, {{0}}},
    {HTTP_GET, "/assets/{path}", POLICY_PUBLIC, h_asset, {{0}}},
};
const size_t nroutes = NELEM(routes);
