#pragma once
// Waiting for a server's state without fixed sleeps: poll until a condition holds, with a
// deadline so that a broken server fails the test instead of hanging it.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.hpp"

namespace decklist::test {

// Polls `attempt` until it returns true, failing after `limit`.
inline bool eventually(const std::function<bool()>& attempt,
                       std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (attempt()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return attempt();
}

// Polls GET /api/v1/stats until pred holds: the server's counters are the only view of work
// that no longer has a client (and of a request counted only after its response is written).
template <class Pred>
nlohmann::json wait_for_stats(int port, Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        nlohmann::json stats =
            nlohmann::json::parse(http_request(port, "GET", "/api/v1/stats").body);
        if (pred(stats)) return stats;
        if (std::chrono::steady_clock::now() > deadline) {
            ADD_FAILURE() << "stats never reached the expected state: " << stats.dump();
            return stats;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace decklist::test
