#include "http/access/sha256.hpp"

#include <openssl/evp.h>

#include "decklist/error.hpp"

namespace decklist::http {

Sha256Digest sha256(std::string_view data) {
    Sha256Digest digest;
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
        size != digest.size())
        throw Error(ErrorType::internal, "OpenSSL could not compute a SHA-256 digest");
    return digest;
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

}  // namespace decklist::http
