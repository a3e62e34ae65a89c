// The server configuration parser on arbitrary text: anything that is not a valid
// configuration must be a decklist::Error (validation) naming the problem, never another
// exception or a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "decklist/error.hpp"
#include "http/config/server_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto config = decklist::http::parse_config_text(text, {}, "fuzz");
        decklist::http::validate_config(config);
        (void)config.to_json().dump();
        (void)config.max_body_bytes();
        (void)config.upload_memory_budget_bytes();
    } catch (const decklist::Error& e) {
        if (e.type() != decklist::ErrorType::validation) std::abort();
    }
    return 0;
}
