// Access adds no route of its own: CORS, API keys and per-client limits are
// applied by the session to every route (src/http/access/access_control.hpp). This group
// creates the access check at start-up, so that the keys file is read, its problems logged
// and SIGHUP reloads set up before the first request.

#include "http/access/access_control.hpp"
#include "http/router/route_groups.hpp"
#include "http/server/server_context.hpp"

namespace decklist::http {
namespace {

void register_access_routes(Router&, ServerContext& context) {
    access_control(context);
}

}  // namespace
}  // namespace decklist::http

DECKLIST_ROUTE_GROUP(access_routes, decklist::http::register_access_routes);
