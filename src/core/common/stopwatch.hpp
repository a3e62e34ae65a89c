#pragma once
// Milliseconds since a start, for the timings a decklist reports per stage.

#include <chrono>

namespace decklist {

class Stopwatch {
  public:
    double elapsed_ms() const {
        return std::chrono::duration<double, std::milli>(Clock::now() - start_).count();
    }

  private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point start_ = Clock::now();
};

}  // namespace decklist
