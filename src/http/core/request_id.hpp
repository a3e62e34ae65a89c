#pragma once
// X-Request-ID: a client's id is echoed when it is safe to log; otherwise one is made up.

#include <string>
#include <string_view>

namespace decklist::http {

// 1..128 characters of [A-Za-z0-9._:-]; anything else could forge or break log lines.
bool is_acceptable_request_id(std::string_view id) noexcept;
// 16 random hex digits.
std::string generate_request_id();

}  // namespace decklist::http
