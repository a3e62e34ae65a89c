#include "decklist/seconds.hpp"

#include <spdlog/fmt/fmt.h>

namespace decklist {

std::string seconds_text(std::chrono::milliseconds duration) {
    return fmt::format("{:g} s", to_seconds(duration));
}

}  // namespace decklist
