#pragma once
// HMAC-SHA256 by OpenSSL's libcrypto: the signature of webhook bodies (X-Signature-256).

#include <string>
#include <string_view>

namespace decklist::http {

// Lower-case hex of HMAC-SHA256(key, data), 64 characters. Thread-safe.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace decklist::http
