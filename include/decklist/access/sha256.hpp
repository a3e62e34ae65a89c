#pragma once
// SHA-256 (FIPS 180-4), for API keys: the keys file stores digests, never keys. Small and
// dependency-free: the project links no crypto library, and one hash per request is all we
// need.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace decklist {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view data);
// Lower-case hex, 64 characters (what `sha256sum` prints).
std::string to_hex(const Sha256Digest& digest);

}  // namespace decklist
