#include "http/router/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "http/core/url.hpp"

namespace decklist::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 1;  // paths start with '/'
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

// A request path is split before it is decoded, so that an encoded slash ("%2F") stays
// inside its segment: an event named "A/B" is /events/A%2FB/export. Nullopt when a
// segment is not valid percent-encoding.
std::optional<std::vector<std::string>> decoded_segments(std::string_view raw_path) {
    std::vector<std::string> segments = split_path(raw_path);
    for (std::string& segment : segments) {
        auto decoded = percent_decode(segment);
        if (!decoded) return std::nullopt;
        segment = std::move(*decoded);
    }
    return segments;
}

bool is_param(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Fills params when `route` matches `segments`.
bool matches(const Route& route, const std::vector<std::string>& segments,
             std::map<std::string, std::string>& params) {
    if (route.segments.size() != segments.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& pattern = route.segments[i];
        if (is_param(pattern)) {
            if (segments[i].empty()) return false;
            found.emplace(pattern.substr(1, pattern.size() - 2), segments[i]);
        } else if (pattern != segments[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

// Lexicographic: the first segment where one pattern has a literal and the other a
// parameter decides.
bool more_specific(const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
        const bool pa = is_param(a.segments[i]), pb = is_param(b.segments[i]);
        if (pa != pb) return !pa;
    }
    return false;
}

}  // namespace

std::string Route::label() const {
    return std::string(bhttp::to_string(method)) + " " + pattern;
}

void Router::add_route(Route route) {
    if (route.pattern.empty() || route.pattern.front() != '/')
        throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
    route.segments = split_path(route.pattern);
    if (route.streaming && route.method == bhttp::verb::post && !route.options.limit_charge)
        throw std::invalid_argument("an upload route must declare its limit_charge: " +
                                    route.label());
    for (const auto& existing : routes_)
        if (existing.method == route.method && existing.pattern == route.pattern)
            throw std::invalid_argument("route registered twice: " + route.label());
    routes_.push_back(std::move(route));
}

void Router::add(bhttp::verb method, std::string pattern, SimpleHandler handler,
                 RouteOptions options) {
    Route r{method, std::move(pattern), std::nullopt, {}, std::move(handler), std::nullopt,
            options};
    add_route(std::move(r));
}

void Router::add_streaming(bhttp::verb method, std::string pattern, StreamingHandler handler,
                           RouteOptions options) {
    Route r{method,       std::move(pattern), std::nullopt, {},
            std::nullopt, std::move(handler), options};
    add_route(std::move(r));
}

void Router::add_under_api_prefixes(Route route, std::string_view path) {
    route.api_path = std::string(path);
    for (auto prefix : kApiPrefixes) {
        Route under = route;
        under.pattern = std::string(prefix) + std::string(path);
        add_route(std::move(under));
    }
}

void Router::api(bhttp::verb method, std::string_view path, SimpleHandler handler,
                 RouteOptions options) {
    add_under_api_prefixes(
        Route{method, {}, std::nullopt, {}, std::move(handler), std::nullopt, options}, path);
}

void Router::api_streaming(bhttp::verb method, std::string_view path, StreamingHandler handler,
                           RouteOptions options) {
    add_under_api_prefixes(
        Route{method, {}, std::nullopt, {}, std::nullopt, std::move(handler), options}, path);
}

void Router::set_fallback(SimpleHandler handler) {
    Route r{bhttp::verb::get, "/{path...}", std::nullopt, {}, std::move(handler), std::nullopt, {}};
    fallback_ = std::move(r);
}

RouteMatch Router::match(bhttp::verb method, std::string_view raw_path) const {
    RouteMatch result;
    if (raw_path.empty() || raw_path.front() != '/') return result;
    const auto decoded = decoded_segments(raw_path);
    if (!decoded) return result;
    const std::vector<std::string>& segments = *decoded;

    // The most specific pattern matching the path, and its routes for each method.
    const Route* best = nullptr;
    std::map<std::string, std::string> best_params;
    for (const auto& route : routes_) {
        std::map<std::string, std::string> params;
        if (!matches(route, segments, params)) continue;
        if (!best || more_specific(route, *best)) {
            best = &route;
            best_params = std::move(params);
        }
    }
    if (best) {
        const Route* exact = nullptr;
        const Route* get = nullptr;
        for (const auto& route : routes_) {
            if (route.pattern != best->pattern) continue;
            result.allowed.push_back(route.method);
            if (route.method == method) exact = &route;
            if (route.method == bhttp::verb::get) get = &route;
        }
        if (get && get->simple &&
            std::find(result.allowed.begin(), result.allowed.end(), bhttp::verb::head) ==
                result.allowed.end())
            result.allowed.push_back(bhttp::verb::head);
        // HEAD borrows a simple GET only: a streaming GET would write a body HEAD must not have.
        if (!exact && method == bhttp::verb::head && get && get->simple) {
            exact = get;
            result.head_as_get = true;
        }
        if (exact) {
            result.kind = RouteMatch::Kind::found;
            result.route = exact;
            result.params = std::move(best_params);
            result.allowed.clear();
        } else {
            result.kind = RouteMatch::Kind::method_not_allowed;
        }
        return result;
    }

    if (fallback_ && !api_root(percent_decode(raw_path).value_or(std::string(raw_path))) &&
        (method == bhttp::verb::get || method == bhttp::verb::head)) {
        result.kind = RouteMatch::Kind::fallback;
        result.route = &*fallback_;
        result.head_as_get = method == bhttp::verb::head;
    }
    return result;
}

std::optional<std::string_view> api_root(std::string_view path) {
    for (auto prefix : Router::kApiPrefixes) {
        if (path.rfind(prefix, 0) == 0 &&
            (path.size() == prefix.size() || path[prefix.size()] == '/'))
            return prefix;
    }
    return std::nullopt;
}

std::string allow_header(const std::vector<bhttp::verb>& methods) {
    std::string out;
    for (auto m : methods) {
        if (!out.empty()) out += ", ";
        out += std::string(bhttp::to_string(m));
    }
    return out;
}

}  // namespace decklist::http
