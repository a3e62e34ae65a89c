#pragma once
// The API keys the server accepts, as loaded from config api_keys_file, replaceable at any
// time (SIGHUP reload) while requests look keys up on other threads.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/access/api_keys_file.hpp"

namespace decklist::http {

class ApiKeyStore {
  public:
    void replace(std::vector<ApiKeyEntry> entries);

    // The label of the presented key, or nullopt. The key is hashed and compared with every
    // stored hash, all bytes of all entries, with no early exit: the time taken does not
    // depend on which key (if any) matched, or on how much of a hash did.
    std::optional<std::string> label_for(std::string_view key) const;
    // The whole entry of the key (its label and whether it is read-only).
    std::optional<ApiKeyEntry> entry_for(std::string_view key) const;

    std::size_t size() const;

  private:
    using Entries = std::vector<ApiKeyEntry>;
    mutable std::mutex mutex_;
    std::shared_ptr<const Entries> entries_ = std::make_shared<const Entries>();
};

}  // namespace decklist::http
