#pragma once
// SHA-256, for API keys: the keys file stores digests, never keys. OpenSSL's libcrypto does
// the hashing.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace decklist::http {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Thread-safe.
Sha256Digest sha256(std::string_view data);
// Lower-case hex, 64 characters (what `sha256sum` prints).
std::string to_hex(const Sha256Digest& digest);

}  // namespace decklist::http
