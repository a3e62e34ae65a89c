#include "http/access/origin_policy.hpp"

#include <algorithm>
#include <cctype>

namespace decklist::http {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// "https://Decks.Example.com" names the host "decks.example.com" (scheme http or https):
// the page was loaded from this service itself, whatever name the service is reached by.
bool is_own_origin(const std::string& origin, std::string_view host) {
    if (host.empty()) return false;
    for (std::string_view scheme : {"http://", "https://"})
        if (origin.size() == scheme.size() + host.size() && origin.rfind(scheme, 0) == 0 &&
            origin.compare(scheme.size(), std::string::npos, lower(host)) == 0)
            return true;
    return false;
}

}  // namespace

OriginPolicy::OriginPolicy(std::vector<std::string> allowed_origins, bool allow_credentials)
    : credentials_(allow_credentials) {
    for (const auto& origin : allowed_origins) {
        if (origin == "*")
            any_ = true;
        else
            allowed_.push_back(lower(origin));
    }
}

bool OriginPolicy::allows(std::string_view origin, std::string_view host) const {
    if (origin.empty()) return false;
    if (any_) return true;
    const auto wanted = lower(origin);
    return is_own_origin(wanted, host) ||
           std::find(allowed_.begin(), allowed_.end(), wanted) != allowed_.end();
}

bhttp::fields OriginPolicy::response_headers(std::string_view origin, std::string_view host) const {
    bhttp::fields fields;
    fields.set(bhttp::field::vary, "Origin");
    if (!allows(origin, host)) return fields;
    // "*" only without credentials; with them the browser needs the origin itself.
    const bool wildcard = any_ && !credentials_;
    fields.set(bhttp::field::access_control_allow_origin,
               wildcard ? std::string("*") : std::string(origin));
    if (credentials_) fields.set(bhttp::field::access_control_allow_credentials, "true");
    fields.set(bhttp::field::access_control_expose_headers, std::string(kExposedHeaders));
    return fields;
}

bhttp::fields OriginPolicy::preflight_headers(std::string_view origin, std::string_view host,
                                              std::string_view methods) const {
    auto fields = response_headers(origin, host);
    if (!allows(origin, host)) return fields;
    fields.erase(bhttp::field::access_control_expose_headers);  // meaningless on a preflight
    fields.set(bhttp::field::access_control_allow_methods, std::string(methods));
    fields.set(bhttp::field::access_control_allow_headers, std::string(kAllowedHeaders));
    fields.set(bhttp::field::access_control_max_age, std::to_string(kMaxAgeSeconds));
    return fields;
}

}  // namespace decklist::http
