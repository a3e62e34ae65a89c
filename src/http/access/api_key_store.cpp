#include "http/access/api_key_store.hpp"

namespace decklist::http {

void ApiKeyStore::replace(std::vector<ApiKeyEntry> entries) {
    auto fresh = std::make_shared<const Entries>(std::move(entries));
    std::lock_guard lock(mutex_);
    entries_ = std::move(fresh);
}

std::optional<std::string> ApiKeyStore::label_for(std::string_view key) const {
    auto entry = entry_for(key);
    if (!entry) return std::nullopt;
    return std::move(entry->label);
}

std::optional<ApiKeyEntry> ApiKeyStore::entry_for(std::string_view key) const {
    std::shared_ptr<const Entries> entries;
    {
        std::lock_guard lock(mutex_);
        entries = entries_;
    }
    const auto presented = sha256(key);
    unsigned found = 0;
    std::size_t index = 0;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        unsigned diff = 0;
        const auto& stored = (*entries)[i].hash;
        for (std::size_t b = 0; b < presented.size(); ++b) diff |= presented[b] ^ stored[b];
        // 1 when every byte matched, else 0, without a branch on the data.
        const unsigned equal = (diff - 1u) >> 31;
        found |= equal;
        index += equal * i;  // hashes are unique: at most one entry adds
    }
    if (!found) return std::nullopt;
    return (*entries)[index];
}

std::size_t ApiKeyStore::size() const {
    std::lock_guard lock(mutex_);
    return entries_->size();
}

}  // namespace decklist::http
