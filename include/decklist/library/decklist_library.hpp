#pragma once
// The decklist library as the pipeline and the routes use it. Each rule lives here once:
// a saved result carries where it is kept; an image already saved is answered from the
// library, marked duplicate_of, and not read again; a person's correction is checked against
// the card database and the deck rules, recomputed and recorded as a revision. The store
// underneath (decklist_store.hpp) only keeps what it is given.
//
// Threading: one DecklistLibrary is shared by every thread of the process. Each call is one
// or two store transactions and may block, so call it from worker threads, never from a
// socket's strand. Ownership: it borrows the store and the card database, which must outlive
// it; the change hook is set before the first call and runs on the caller's thread.

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "decklist/decklist.hpp"
#include "decklist/library/decklist_store.hpp"
#include "decklist/match/card_db.hpp"

namespace decklist {

// Where a saved decklist came from, kept beside it.
struct SaveContext {
    std::string batch_id;          // empty for one-image routes
    std::string owner, format_id;  // the Python service's form fields, may be empty
    std::string saved_by;  // who saved it (the server names its client): revision 1's author

    // This context with owner and format_id taken from an upload's text fields, where given.
    SaveContext with_fields(const std::map<std::string, std::string>& fields) const;
};

class DecklistLibrary {
  public:
    // `link_prefix` + id is the address a SavedRef names (the server passes its route,
    // "/api/v1/decklists/"): the engine does not know where it is served.
    DecklistLibrary(DecklistStore& store, const CardDatabase& cards, std::string link_prefix);

    // Called after every write a webhook must hear of: a new save, an applied correction.
    void on_change(std::function<void()> hook) { on_change_ = std::move(hook); }

    // The decklist saved from an image with this SHA-256 (lower-case hex), as last corrected,
    // marked duplicate_of and saved; nullopt when there is none.
    std::optional<Decklist> recall(std::string_view image_sha256);

    // Saves a decklist just read, with its image; sets decklist.saved. When the same bytes
    // were saved meanwhile (two uploads racing), the stored one wins: `decklist` becomes it,
    // marked duplicate_of. Throws decklist::Error(internal) when the store cannot write.
    void save(Decklist& decklist, std::span<const std::uint8_t> image,
              std::string_view image_sha256, const SaveContext& context);

    // Applies a PATCH body (correct_decklist) to the stored decklist `id` if its revision is
    // still `expected_revision`. not_found / stale (with the current record) / updated (with
    // the new one). Throws decklist::Error(validation) for a malformed patch.
    UpdateResult correct(std::string_view id, const nlohmann::json& patch, int expected_revision,
                         const std::string& author);

    // The saved reference of a stored decklist.
    SavedRef reference(const StoredDecklist& stored) const;

    DecklistStore& store() noexcept { return store_; }
    const CardDatabase& cards() const noexcept { return cards_; }

  private:
    void changed() const {
        if (on_change_) on_change_();
    }

    DecklistStore& store_;
    const CardDatabase& cards_;
    std::string link_prefix_;
    std::function<void()> on_change_;
};

}  // namespace decklist
