#pragma once
// Route groups register themselves, so that a new file under src/http/routes/ adds its
// routes without editing anyone else's file:
//
//   // src/http/routes/export_routes.cpp
//   namespace {
//   void register_export_routes(Router& router, ServerContext& ctx) {
//       router.api(bhttp::verb::post, "/deck-code", [&ctx](const Request& req) { ... });
//   }
//   }  // namespace
//   DECKLIST_ROUTE_GROUP(export_routes, register_export_routes);
//
// The server calls every group once at start-up, in name order. decklist-server links
// decklist_http as a whole archive so that these registrations are never dropped.

#include <functional>
#include <string>
#include <vector>

namespace decklist::http {

class Router;
class ServerContext;

using RouteGroupFunction = void (*)(Router&, ServerContext&);

struct RouteGroupRegistrar {
    RouteGroupRegistrar(const char* name, RouteGroupFunction function);
};

// Calls every registered group; returns their names in the order called.
std::vector<std::string> register_route_groups(Router& router, ServerContext& context);

}  // namespace decklist::http

#define DECKLIST_ROUTE_GROUP(name, function)                                         \
    static const ::decklist::http::RouteGroupRegistrar decklist_route_group_##name { \
#name, function                                                              \
    }
