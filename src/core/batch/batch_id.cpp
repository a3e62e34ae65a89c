#include "decklist/batch/batch_id.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "decklist/error.hpp"

namespace decklist {
namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string to_hex(const std::uint8_t* bytes, std::size_t n) {
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 0xF]);
    }
    return out;
}

}  // namespace

std::string random_hex(std::size_t n_bytes) {
    std::vector<std::uint8_t> bytes(n_bytes);
    std::size_t filled = 0;
    while (filled < n_bytes) {
        const ssize_t got = getrandom(bytes.data() + filled, n_bytes - filled, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw Error(ErrorType::internal, "no randomness available from getrandom()");
        }
        filled += static_cast<std::size_t>(got);
    }
    return to_hex(bytes.data(), bytes.size());
}

std::string derive_instance_id(std::string_view seed) {
    std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a: stable across builds and runs
    for (unsigned char c : seed) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return fmt::format("{:08x}", static_cast<std::uint32_t>(hash ^ (hash >> 32)));
}

bool valid_instance_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > 32) return false;
    for (char c : id) {
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string make_batch_id(std::string_view instance_id) {
    return std::string(instance_id) + "-" + random_hex(16);
}

}  // namespace decklist
