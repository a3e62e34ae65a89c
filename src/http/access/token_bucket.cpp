#include "http/access/token_bucket.hpp"

#include <algorithm>

namespace decklist::http {

TokenBucket::TokenBucket(double capacity, double per_second, Clock::time_point now)
    : capacity_(capacity), per_second_(per_second), tokens_(capacity), updated_(now) {}

void TokenBucket::refill(Clock::time_point now) {
    if (now <= updated_) return;  // a caller with an older clock reading adds nothing
    const double elapsed = std::chrono::duration<double>(now - updated_).count();
    tokens_ = std::min(capacity_, tokens_ + elapsed * per_second_);
    updated_ = now;
}

bool TokenBucket::has_token(Clock::time_point now) {
    refill(now);
    return tokens_ >= 1.0;
}

bool TokenBucket::try_take(Clock::time_point now) {
    if (!has_token(now)) return false;
    tokens_ -= 1.0;
    return true;
}

double TokenBucket::seconds_until_token(Clock::time_point now) {
    refill(now);
    if (tokens_ >= 1.0) return 0.0;
    return (1.0 - tokens_) / per_second_;
}

bool TokenBucket::full(Clock::time_point now) {
    refill(now);
    return tokens_ >= capacity_;
}

}  // namespace decklist::http
