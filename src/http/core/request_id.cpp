#include "http/core/request_id.hpp"

#include <cctype>
#include <random>

namespace decklist::http {

bool is_acceptable_request_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > 128) return false;
    for (char c : id) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                        c == '.' || c == ':';
        if (!ok) return false;
    }
    return true;
}

std::string generate_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t bits = rng();
    std::string id(16, '0');
    for (char& c : id) {
        c = kHex[bits & 0xF];
        bits >>= 4;
    }
    return id;
}

}  // namespace decklist::http
