#pragma once
// What a webhook receiver computes to check X-Signature-256: "sha256=" and the hex HMAC-SHA256
// of the body under the shared secret. Computed with OpenSSL directly, as a receiver would,
// not with the dispatcher's own helper.

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>
#include <string_view>

#include "decklist/sha256.hpp"

namespace decklist::test {

inline std::string receiver_signature(std::string_view secret, std::string_view body) {
    Sha256Digest mac{};
    unsigned int size = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac.data(), &size);
    return "sha256=" + to_hex(mac);
}

}  // namespace decklist::test
