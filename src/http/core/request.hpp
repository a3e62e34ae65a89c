#pragma once
// What a handler learns about a request. Handlers never see Beast's parser; the session
// fills these in after the header has been read.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/core/beast.hpp"

namespace decklist::http {

struct AccessGrant;

struct RequestInfo {
    bhttp::verb method = bhttp::verb::unknown;
    std::string method_string;                  // as sent, for logs
    std::string target;                         // raw request target, e.g. "/api/v1/x?y=1"
    std::string path;                           // percent-decoded path, without the query
    std::map<std::string, std::string> query;   // decoded; a repeated key keeps its first value
    std::map<std::string, std::string> params;  // {name} segments of the matched route
    bhttp::fields headers;
    std::string request_id;  // X-Request-ID as sent, or generated
    std::string remote_address;
    std::string route;  // matched route pattern, e.g. "GET /api/v1/stats"
    // Set by the access check before the handler runs: the client (key label or IP) and its
    // per-client limits (src/http/access/access_grant.hpp). Null for open routes' errors.
    std::shared_ptr<const AccessGrant> access;

    // The header's value, or "" when absent.
    std::string header(std::string_view name) const;
    std::optional<std::string> query_value(const std::string& key) const;
    // A yes/no query switch: 1/true/yes/on or 0/false/no/off (an empty value means yes).
    // Absent: nullopt. Anything else throws Error(validation) naming the key.
    std::optional<bool> query_flag(const std::string& key) const;
    std::optional<std::string> param(const std::string& key) const;
};

// A request whose body has been read completely (small bodies only; see RouteOptions).
struct Request : RequestInfo {
    std::string body;
};

}  // namespace decklist::http
