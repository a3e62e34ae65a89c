#pragma once
// SHA-256: the digest of API keys (the keys file stores digests, never keys) and of
// screenshots (the library stores each image once, under its digest). OpenSSL's libcrypto
// does the hashing.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace decklist {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Thread-safe.
Sha256Digest sha256(std::string_view data);
Sha256Digest sha256(std::span<const std::uint8_t> data);
// Lower-case hex, 64 characters (what `sha256sum` prints).
std::string to_hex(const Sha256Digest& digest);
// The inverse of to_hex; either case, exactly 64 digits, or nothing.
std::optional<Sha256Digest> digest_from_hex(std::string_view hex);
// to_hex(sha256(data)): the form the library stores and compares.
std::string sha256_hex(std::span<const std::uint8_t> data);

}  // namespace decklist
