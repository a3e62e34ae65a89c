#include "http/core/request.hpp"

namespace decklist::http {

std::string RequestInfo::header(std::string_view name) const {
    auto it = headers.find(beast::string_view(name.data(), name.size()));
    return it == headers.end() ? std::string() : std::string(it->value());
}

std::optional<std::string> RequestInfo::query_value(const std::string& key) const {
    auto it = query.find(key);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> RequestInfo::param(const std::string& key) const {
    auto it = params.find(key);
    if (it == params.end()) return std::nullopt;
    return it->second;
}

}  // namespace decklist::http
