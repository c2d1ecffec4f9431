/*
 * handlers.h: the request handlers the route table names.
 */
#ifndef LAUREL_HANDLERS_H
#define LAUREL_HANDLERS_H

#include "web/http.h"

int h_health(struct req *r, struct resp *rs);
int h_static(struct req *r, struct resp *rs);
int h_asset(struct req *r, struct resp *rs);
int h_home(struct req *r, struct resp *rs);
int h_badges(struct req *r, struct resp *rs);
int h_badge(struct req *r, struct resp *rs);
int h_page_accessibility(struct req *r, struct resp *rs);
int h_page_privacy(struct req *r, struct resp *rs);

#endif
