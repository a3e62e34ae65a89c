#include "http/webhook/hmac_sha256.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "decklist/error.hpp"
#include "decklist/sha256.hpp"

namespace decklist::http {

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    Sha256Digest digest{};
    unsigned int size = 0;
    // A null key pointer means "no key" to OpenSSL even with length 0: pass a real one.
    static const unsigned char kEmptyKey = 0;
    const auto* key_bytes =
        key.empty() ? &kEmptyKey : reinterpret_cast<const unsigned char*>(key.data());
    if (!HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(),
              &size) ||
        size != digest.size())
        throw Error(ErrorType::internal, "HMAC-SHA256 failed in libcrypto");
    return to_hex(digest);
}

}  // namespace decklist::http
