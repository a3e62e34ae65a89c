#pragma once
// The one access check of the HTTP front, consulted by the session for every
// request before a handler runs:
//
//   cors_headers()  CORS headers every response to the request carries (OriginPolicy)
//   preflight()     the answer to an OPTIONS request on a route (204)
//   admit()         API key (when api_keys_file is set) and per-client limits: lets the
//                   request through with an AccessGrant, or answers 401 / 429 itself
//
// What a route needs is declared on the route (RouteOptions): a key (by default every route
// api() registers, when keys are on), and what its uploads count against (limit_charge).
// OPTIONS preflights and routes outside the API are open unless they say otherwise.
//
// One per server (owned by the Server); SIGHUP reloads the keys file.

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/access/access_grant.hpp"
#include "http/access/api_key_store.hpp"
#include "http/access/client_limits.hpp"
#include "http/access/origin_policy.hpp"
#include "http/config/server_config.hpp"
#include "http/core/request.hpp"
#include "http/router/router.hpp"

namespace decklist::http {

class AccessControl {
  public:
    explicit AccessControl(const ServerConfig& config);

    bool keys_enabled() const noexcept { return !keys_file_.empty(); }

    bhttp::fields cors_headers(const RequestInfo& request) const;
    // `methods`: those of the route pattern the path matched. No key is needed: browsers
    // never send credentials on a preflight. A disallowed origin gets a 204 without CORS
    // headers, which the browser treats as a refusal.
    Response preflight(const RequestInfo& request, const std::vector<bhttp::verb>& methods) const;

    // Sets request.access and returns nullopt to let the request through; otherwise the
    // response to send instead (401 unauthorized, 403 forbidden for a library change the
    // client may not make, 429 rate_limited with Retry-After).
    std::optional<Response> admit(RequestInfo& request, const Route& route);

    // Reads api_keys_file again; on any problem keeps the keys it had and returns false.
    bool reload_keys();

    // The "access" section of /api/v1/stats.
    nlohmann::json stats() const;

  private:
    std::optional<std::string> presented_key(const RequestInfo& request, const Route& route) const;
    Response unauthorized(const std::string& message);
    Response forbidden(const std::string& message);
    Response rate_limited(const ClientLimits::Refusal& refusal);

    OriginPolicy origins_;
    std::string keys_file_;
    bool library_writes_from_any_client_ = false;
    ApiKeyStore keys_;
    std::shared_ptr<ClientLimits> limits_;
    std::atomic<std::uint64_t> rejected_unauthorized_{0}, rejected_forbidden_{0},
        rejected_rate_limited_{0}, reloads_{0}, reload_failures_{0};
};

// The target with the value of any access_token query parameter replaced, for logs.
std::string redact_target(std::string_view target);

}  // namespace decklist::http
