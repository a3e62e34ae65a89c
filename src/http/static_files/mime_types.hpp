#pragma once
// Content-Type of a static file, from its extension.

#include <string_view>

namespace decklist::http {

// "text/html; charset=utf-8", "text/javascript; charset=utf-8", ... or
// "application/octet-stream" for anything unknown.
std::string_view mime_type_for(std::string_view path) noexcept;

}  // namespace decklist::http
