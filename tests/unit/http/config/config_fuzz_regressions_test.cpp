// Inputs the fuzzers (tests/fuzz) found crashing, kept as regression tests.

#include <gtest/gtest.h>

#include "decklist/error.hpp"
#include "http/config/server_config.hpp"

namespace decklist::http {
namespace {

// fuzz_config: a number too large for a double made nlohmann throw out_of_range, which
// escaped parse_config_text as a non-decklist exception (the server would terminate instead
// of exiting 2 with a one-line message).
TEST(ConfigFuzzRegressions, NumberOverflowIsAValidationError) {
    for (const char* text : {"333333333e33333333333333333333333333333333333333333333333",
                             R"({"port": 1e400})", R"({"image_timeout_s": -1e99999})"}) {
        try {
            parse_config_text(text, {}, "f.json");
            ADD_FAILURE() << "accepted: " << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::validation) << text;
            EXPECT_NE(std::string(e.what()).find("f.json: invalid JSON"), std::string::npos)
                << e.what();
        }
    }
}

}  // namespace
}  // namespace decklist::http
