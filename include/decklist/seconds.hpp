#pragma once
// Durations are shown in seconds, the unit the config file and its environment variables
// use: a message says "processing took longer than 2.5 s" for image_timeout_s = 2.5.

#include <chrono>
#include <string>

namespace decklist {

// 1500 ms: 1.5.
inline double to_seconds(std::chrono::milliseconds duration) {
    return std::chrono::duration<double>(duration).count();
}

// "30 s", "2.5 s": whole seconds without a fraction (printf's %g).
std::string seconds_text(std::chrono::milliseconds duration);

}  // namespace decklist
