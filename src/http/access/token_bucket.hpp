#pragma once
// A token bucket refilled continuously: `capacity` tokens at most, `per_second` added each
// second. Not thread-safe (ClientLimits holds it under its lock). Time is passed in, so the
// tests drive it without sleeping.

#include <chrono>

namespace decklist::http {

class TokenBucket {
  public:
    using Clock = std::chrono::steady_clock;

    // Starts full.
    TokenBucket(double capacity, double per_second, Clock::time_point now);

    bool has_token(Clock::time_point now);
    // Takes one token when there is one.
    bool try_take(Clock::time_point now);
    // Seconds until one whole token is there (0 when there is one now).
    double seconds_until_token(Clock::time_point now);
    bool full(Clock::time_point now);

  private:
    void refill(Clock::time_point now);

    double capacity_, per_second_, tokens_;
    Clock::time_point updated_;
};

}  // namespace decklist::http
