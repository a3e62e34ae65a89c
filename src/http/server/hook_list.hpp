#pragma once
// Callbacks that route groups register for a server-wide moment (shutdown, SIGHUP). Run
// outside the lock, so that a hook may register another or reach back into the server.

#include <functional>
#include <mutex>
#include <vector>

namespace decklist::http {

class HookList {
  public:
    void add(std::function<void()> hook) {
        std::lock_guard lock(mutex_);
        hooks_.push_back(std::move(hook));
    }
    // For a moment that happens once: each hook runs once and is then forgotten.
    void run_once() {
        std::vector<std::function<void()>> hooks;
        {
            std::lock_guard lock(mutex_);
            hooks.swap(hooks_);
        }
        for (auto& hook : hooks) hook();
    }
    // For a moment that recurs: the hooks stay for the next time.
    void run_each_time() {
        std::vector<std::function<void()>> hooks;
        {
            std::lock_guard lock(mutex_);
            hooks = hooks_;
        }
        for (auto& hook : hooks) hook();
    }

  private:
    std::mutex mutex_;
    std::vector<std::function<void()>> hooks_;
};

}  // namespace decklist::http
