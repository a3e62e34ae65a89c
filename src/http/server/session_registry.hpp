#pragma once
// The open connections, so that shutdown can reach each of them and know when none is left.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace decklist::http {

class Session;

class SessionRegistry {
  public:
    void add(Session* raw, const std::weak_ptr<Session>& session);
    void remove(Session* raw);
    std::size_t size() const;
    // Calls f for every live session (outside the lock).
    void for_each(const std::function<void(Session&)>& f) const;
    // `callback` runs (on the thread removing the last session) whenever the count drops to 0.
    void on_empty(std::function<void()> callback);

  private:
    mutable std::mutex mutex_;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
    std::function<void()> on_empty_;
};

}  // namespace decklist::http
