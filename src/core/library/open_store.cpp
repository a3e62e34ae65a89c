#include "library/store_internal.hpp"

namespace decklist {

std::unique_ptr<DecklistStore> open_decklist_store(const StoreOptions& options) {
    if (!options.store_url.empty()) return library::open_postgres_store(options);
    return library::open_sqlite_store(options);
}

}  // namespace decklist
