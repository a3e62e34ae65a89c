#pragma once
// The route table. A route is a method and a path pattern whose segments are literals or
// {name} parameters (one segment each). api() and api_streaming() register a route once under
// each of kApiPrefixes (/api/v1 and /api), which is how every API route is published; add()
// and add_streaming() register one exact path outside the API (/health, /metrics, the root
// alias /openapi.json).
//
// Matching: the most specific pattern wins (a literal segment beats a parameter), whatever
// the registration order. A path that matches patterns, none for this method, is a 405 with
// Allow. A GET or HEAD that matches nothing goes to the fallback (static files) unless the
// path is under /api/. Everything else is a 404.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/router/handlers.hpp"

namespace decklist::http {

struct Route {
    bhttp::verb method;
    std::string pattern;  // "/api/v1/batches/{id}"
    // "/batches/{id}" for a route api() registered: the same under every API root.
    std::optional<std::string> api_path;
    std::vector<std::string> segments;
    std::optional<SimpleHandler> simple;
    std::optional<StreamingHandler> streaming;
    RouteOptions options;
    std::string label() const;  // "GET /api/v1/batches/{id}", for logs and stats
};

struct RouteMatch {
    enum class Kind { found, fallback, method_not_allowed, not_found } kind = Kind::not_found;
    const Route* route = nullptr;  // found, fallback
    std::map<std::string, std::string> params;
    std::vector<bhttp::verb> allowed;  // method_not_allowed: methods of the matching pattern
    bool head_as_get = false;          // a HEAD served by a GET route: send no body
};

class Router {
  public:
    void add(bhttp::verb method, std::string pattern, SimpleHandler handler,
             RouteOptions options = {});
    void add_streaming(bhttp::verb method, std::string pattern, StreamingHandler handler,
                       RouteOptions options = {});

    // `path` is relative to the API root: api(get, "/stats", h) serves /api/v1/stats and
    // /api/stats.
    void api(bhttp::verb method, std::string_view path, SimpleHandler handler,
             RouteOptions options = {});
    void api_streaming(bhttp::verb method, std::string_view path, StreamingHandler handler,
                       RouteOptions options = {});

    // GET/HEAD requests that match no pattern and are not under /api/.
    void set_fallback(SimpleHandler handler);

    // `raw_path` as sent, still percent-encoded: each segment is decoded after the split, so
    // a parameter may hold an encoded '/'.
    RouteMatch match(bhttp::verb method, std::string_view raw_path) const;
    const std::vector<Route>& routes() const noexcept { return routes_; }

    // The API's roots, newest first: api() serves every API route under each.
    static constexpr std::string_view kApiPrefixes[] = {"/api/v1", "/api"};
    // The root of links that no request names, such as a saved decklist's URL: the newest.
    // A response to a request builds its links from the request's own root (api_root()).
    static constexpr std::string_view kLinkRoot = kApiPrefixes[0];

  private:
    void add_route(Route route);
    // Registers `route` once under each of kApiPrefixes: the one place that writes them.
    void add_under_api_prefixes(Route route, std::string_view path);
    std::vector<Route> routes_;
    std::optional<Route> fallback_;
};

// The API root a request path lies under ("/api/v1" for "/api/v1/batches/x", "/api" for
// "/api" itself), or nothing outside the API: the one place a path's prefix is read.
std::optional<std::string_view> api_root(std::string_view path);

// "Allow" header value: "GET, HEAD".
std::string allow_header(const std::vector<bhttp::verb>& methods);

}  // namespace decklist::http
