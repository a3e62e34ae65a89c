#include "decklist/sha256.hpp"

#include <openssl/evp.h>

#include "decklist/error.hpp"

namespace decklist {

Sha256Digest sha256(std::string_view data) {
    Sha256Digest digest;
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
        size != digest.size())
        throw Error(ErrorType::internal, "OpenSSL could not compute a SHA-256 digest");
    return digest;
}

Sha256Digest sha256(std::span<const std::uint8_t> data) {
    return sha256(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
}

std::string sha256_hex(std::span<const std::uint8_t> data) {
    return to_hex(sha256(data));
}

std::string to_hex(const Sha256Digest& digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * digest.size());
    for (auto byte : digest) {
        out += kHex[byte >> 4];
        out += kHex[byte & 0xF];
    }
    return out;
}

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<Sha256Digest> digest_from_hex(std::string_view hex) {
    Sha256Digest digest;
    if (hex.size() != 2 * digest.size()) return std::nullopt;
    for (std::size_t i = 0; i < digest.size(); ++i) {
        const int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        digest[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return digest;
}

}  // namespace decklist
