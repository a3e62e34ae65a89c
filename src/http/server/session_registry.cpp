#include "http/server/session_registry.hpp"

#include <vector>

#include "http/server/session.hpp"

namespace decklist::http {

void SessionRegistry::add(Session* raw, const std::weak_ptr<Session>& session) {
    std::lock_guard lock(mutex_);
    sessions_.emplace(raw, session);
}

void SessionRegistry::remove(Session* raw) {
    std::function<void()> notify;
    {
        std::lock_guard lock(mutex_);
        sessions_.erase(raw);
        if (sessions_.empty()) notify = on_empty_;
    }
    if (notify) notify();
}

std::size_t SessionRegistry::size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void SessionRegistry::for_each(const std::function<void(Session&)>& f) const {
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [raw, weak] : sessions_)
            if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) f(*s);
}

void SessionRegistry::on_empty(std::function<void()> callback) {
    std::lock_guard lock(mutex_);
    on_empty_ = std::move(callback);
}

}  // namespace decklist::http
