#pragma once
// Which browser pages may read our responses (CORS). A page's origin is allowed when it is
// the service's own (the Origin names the host the request was sent to), when it is listed in
// config allowed_origins, or when that list holds "*". An allowed origin gets
// Access-Control-Allow-Origin on every response (errors and event streams included) so that
// a page can read a 401 or 429; any other origin gets no CORS headers at all, and the
// browser keeps the response from the page.

#include <string>
#include <string_view>
#include <vector>

#include "http/core/beast.hpp"

namespace decklist::http {

class OriginPolicy {
  public:
    OriginPolicy(std::vector<std::string> allowed_origins, bool allow_credentials);

    // `host` is the request's Host header ("decks.example.com:8080").
    bool allows(std::string_view origin, std::string_view host) const;

    // For an ordinary response: Vary: Origin always (caches must not mix origins), and for an
    // allowed origin Access-Control-Allow-Origin and -Expose-Headers.
    bhttp::fields response_headers(std::string_view origin, std::string_view host) const;
    // For a preflight (OPTIONS): the above plus -Allow-Methods (`methods`, which should
    // include OPTIONS), -Allow-Headers and -Max-Age; for a disallowed origin only Vary.
    bhttp::fields preflight_headers(std::string_view origin, std::string_view host,
                                    std::string_view methods) const;

    static constexpr std::string_view kAllowedHeaders =
        "Content-Type, Authorization, X-API-Key, Last-Event-ID, X-Request-ID, If-Match";
    static constexpr std::string_view kExposedHeaders =
        "X-Request-ID, Retry-After, WWW-Authenticate, ETag, Content-Disposition";
    static constexpr int kMaxAgeSeconds = 600;

  private:
    std::vector<std::string> allowed_;  // lower-case
    bool any_ = false;
    bool credentials_ = false;
};

}  // namespace decklist::http
