#include "http/access/access_control.hpp"

#include <cctype>

#include <spdlog/spdlog.h>

#include "decklist/error.hpp"
#include "http/core/request_errors.hpp"
#include "http/core/responses.hpp"

namespace decklist::http {
namespace {

// What a route needs, from what it declared on registration (RouteOptions).
struct RouteRules {
    bool needs_key = false;    // when keys are on
    bool batch = false;        // counts against max_concurrent_batches_per_client
    bool images = false;       // uploads images: images_per_minute_per_client
    bool query_token = false;  // ?access_token= accepted
    bool changes_library = false;
};

RouteRules rules_for(const Route& route) {
    RouteRules rules;
    rules.needs_key = route.options.needs_api_key.value_or(route.api_path.has_value());
    const auto limits = route.options.limit_charge.value_or(LimitCharge::none);
    rules.batch = limits == LimitCharge::batch;
    rules.images = limits != LimitCharge::none;
    rules.query_token = route.options.key_in_query;
    rules.changes_library = route.options.changes_library;
    return rules;
}

// "203.0.113.9:51234" -> "203.0.113.9"; "::1:40000" -> "::1".
std::string remote_ip(const std::string& remote_address) {
    const auto colon = remote_address.rfind(':');
    return colon == std::string::npos ? remote_address : remote_address.substr(0, colon);
}

bool is_loopback(const std::string& ip) {
    return ip.rfind("127.", 0) == 0 || ip == "::1" || ip.rfind("::ffff:127.", 0) == 0;
}

// Who the client is when there is no key: the peer's address, except that a peer on loopback
// is a local proxy (nginx in docs/DEPLOYMENT.md), whose X-Forwarded-For ends with the address
// it saw. Only a loopback peer is believed: anyone else could write any X-Forwarded-For.
std::string client_address(const RequestInfo& request) {
    auto ip = remote_ip(request.remote_address);
    if (!is_loopback(ip)) return ip;
    auto forwarded = request.header("X-Forwarded-For");
    const auto comma = forwarded.rfind(',');
    if (comma != std::string::npos) forwarded = forwarded.substr(comma + 1);
    forwarded.erase(0, forwarded.find_first_not_of(" \t"));
    forwarded.erase(forwarded.find_last_not_of(" \t") + 1);
    return forwarded.empty() ? ip : forwarded;
}

std::optional<std::string> bearer_token(const std::string& authorization) {
    constexpr std::string_view kScheme = "bearer ";
    if (authorization.size() <= kScheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < kScheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i])
            return std::nullopt;
    auto token = authorization.substr(kScheme.size());
    token.erase(0, token.find_first_not_of(' '));
    token.erase(token.find_last_not_of(' ') + 1);
    if (token.empty()) return std::nullopt;
    return token;
}

}  // namespace

AccessControl::AccessControl(const ServerConfig& config)
    : origins_(config.allowed_origins, config.cors_allow_credentials),
      keys_file_(config.api_keys_file),
      library_writes_from_any_client_(config.library_writes_from_any_client),
      limits_(std::make_shared<ClientLimits>(config.max_concurrent_batches_per_client,
                                             config.images_per_minute_per_client)) {
    if (keys_enabled() && !reload_keys())
        spdlog::error("access: no API keys loaded; every protected request gets 401");
}

bhttp::fields AccessControl::cors_headers(const RequestInfo& request) const {
    return origins_.response_headers(request.header("Origin"), request.header("Host"));
}

Response AccessControl::preflight(const RequestInfo& request,
                                  const std::vector<bhttp::verb>& methods) const {
    auto allowed = methods;
    allowed.push_back(bhttp::verb::options);
    const auto methods_text = allow_header(allowed);
    Response response{bhttp::status::no_content, 11};
    for (const auto& field :
         origins_.preflight_headers(request.header("Origin"), request.header("Host"), methods_text))
        response.set(field.name_string(), field.value());
    response.set(bhttp::field::allow, methods_text);
    return response;
}

std::optional<std::string> AccessControl::presented_key(const RequestInfo& request,
                                                        const Route& route) const {
    if (auto token = bearer_token(request.header("Authorization"))) return token;
    if (auto key = request.header("X-API-Key"); !key.empty()) return key;
    if (rules_for(route).query_token)
        if (auto token = request.query_value("access_token"); token && !token->empty())
            return token;
    return std::nullopt;
}

std::optional<Response> AccessControl::admit(RequestInfo& request, const Route& route) {
    const auto rules = rules_for(route);
    auto grant = std::make_shared<AccessGrant>();
    grant->client = client_address(request);
    grant->limits = limits_;

    if (keys_enabled() && rules.needs_key) {
        const auto key = presented_key(request, route);
        if (!key)
            return unauthorized(
                request.query_value("access_token")
                    ? "an API key is required: ?access_token= is accepted only on GET "
                      "/api/v1/batches/{id}/events; send Authorization: Bearer KEY or X-API-Key"
                    : "an API key is required: send Authorization: Bearer KEY or X-API-Key: KEY");
        auto entry = keys_.entry_for(*key);
        if (!entry) return unauthorized("the API key is not valid");
        grant->key_label = entry->label;
        grant->client = entry->label;
        grant->read_only = entry->read_only;
    }
    if (rules.changes_library) {
        if (grant->read_only)
            return forbidden("this API key is read-only: it cannot change saved decklists");
        // Without keys anyone who reaches the port could rewrite the library; the operator
        // on this machine (or one who opened it up in the config) may.
        if (!keys_enabled() && !library_writes_from_any_client_ && !is_loopback(grant->client))
            return forbidden(
                "only clients on this machine may change saved decklists when API keys are "
                "off (set api_keys_file, or library_writes_from_any_client)");
    }

    if (rules.batch) {
        std::optional<ClientLimits::Refusal> refusal;
        grant->batch_slot = limits_->start_batch(grant->client, refusal);
        if (refusal) return rate_limited(*refusal);
    }
    if (rules.images) {
        if (auto refusal = limits_->check_images(grant->client, ClientLimits::Clock::now()))
            return rate_limited(*refusal);  // the batch slot is released with the grant
    }
    request.access = std::move(grant);
    return std::nullopt;
}

Response AccessControl::unauthorized(const std::string& message) {
    ++rejected_unauthorized_;
    auto response = error_response(Error(request_error::unauthorized, message));
    response.set(bhttp::field::www_authenticate, "Bearer realm=\"decklist-ocr\"");
    return response;
}

Response AccessControl::forbidden(const std::string& message) {
    ++rejected_forbidden_;
    return error_response(Error(request_error::forbidden, message));
}

Response AccessControl::rate_limited(const ClientLimits::Refusal& refusal) {
    ++rejected_rate_limited_;
    auto response =
        error_response(Error(request_error::rate_limited, refusal.message,
                             {{"limit", refusal.limit}, {"retry_after_s", refusal.retry_after_s}}));
    return response;
}

bool AccessControl::reload_keys() {
    if (!keys_enabled()) return true;
    try {
        auto entries = load_api_keys_file(keys_file_);
        const auto count = entries.size();
        keys_.replace(std::move(entries));
        ++reloads_;
        if (count == 0)
            spdlog::warn("access: {} lists no keys; every protected request gets 401", keys_file_);
        else
            spdlog::info("access: {} API key(s) loaded from {}", count, keys_file_);
        return true;
    } catch (const std::exception& e) {
        ++reload_failures_;
        spdlog::error("access: keys file not loaded, keeping the {} key(s) in use: {}",
                      keys_.size(), e.what());
        return false;
    }
}

nlohmann::json AccessControl::stats() const {
    return {{"keys_enabled", keys_enabled()},
            {"keys", keys_.size()},
            {"key_reloads", reloads_.load()},
            {"key_reload_failures", reload_failures_.load()},
            {"rejected_unauthorized", rejected_unauthorized_.load()},
            {"rejected_forbidden", rejected_forbidden_.load()},
            {"rejected_rate_limited", rejected_rate_limited_.load()},
            {"images_rate_limited", limits_->images_refused()},
            {"clients", limits_->clients()}};
}

std::string redact_target(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos ||
        target.find("access_token", question) == std::string_view::npos)
        return std::string(target);
    std::string out(target.substr(0, question + 1));
    std::string_view query = target.substr(question + 1);
    bool first = true;
    while (!query.empty() || first) {
        const auto amp = query.find('&');
        auto pair = query.substr(0, amp);
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
        if (!first) out += '&';
        first = false;
        if (pair.rfind("access_token=", 0) == 0)
            out += "access_token=REDACTED";
        else
            out += pair;
        if (amp == std::string_view::npos) break;
    }
    return out;
}

}  // namespace decklist::http
