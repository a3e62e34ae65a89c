#include "decklist/library/decklist_library.hpp"

#include "decklist/assemble/correct_decklist.hpp"
#include "decklist/error.hpp"

namespace decklist {

SaveContext SaveContext::with_fields(const std::map<std::string, std::string>& fields) const {
    SaveContext context = *this;
    if (auto found = fields.find("owner"); found != fields.end()) context.owner = found->second;
    if (auto found = fields.find("format_id"); found != fields.end())
        context.format_id = found->second;
    return context;
}

DecklistLibrary::DecklistLibrary(DecklistStore& store, const CardDatabase& cards,
                                 std::string link_prefix)
    : store_(store), cards_(cards), link_prefix_(std::move(link_prefix)) {}

SavedRef DecklistLibrary::reference(const StoredDecklist& stored) const {
    return {stored.id, link_prefix_ + stored.id, stored.revision};
}

std::optional<Decklist> DecklistLibrary::recall(std::string_view image_sha256) {
    auto stored = store_.find_by_image(image_sha256);
    if (!stored) return std::nullopt;
    Decklist decklist = decklist_from_json(stored->decklist);
    decklist.saved = reference(*stored);
    decklist.duplicate_of = stored->id;
    return decklist;
}

void DecklistLibrary::save(Decklist& decklist, std::span<const std::uint8_t> image,
                           std::string_view image_sha256, const SaveContext& context) {
    NewDecklist record;
    record.decklist = to_json(decklist);
    record.image = image;
    record.image_sha256 = std::string(image_sha256);
    record.batch_id = context.batch_id;
    record.owner = context.owner;
    record.format_id = context.format_id;
    record.saved_by = context.saved_by;
    SaveResult result;
    try {
        result = store_.save(record);
    } catch (const Error& e) {
        throw Error(
            ErrorType::internal,
            std::string("the decklist was read but the library could not save it: ") + e.what());
    }
    if (result.duplicate) {
        decklist = decklist_from_json(result.stored.decklist);
        decklist.duplicate_of = result.stored.id;
    } else {
        changed();
    }
    decklist.saved = reference(result.stored);
}

UpdateResult DecklistLibrary::correct(std::string_view id, const nlohmann::json& patch,
                                      int expected_revision, const std::string& author) {
    auto current = store_.get(id);
    if (!current) return {UpdateOutcome::not_found, std::nullopt};
    if (current->revision != expected_revision) return {UpdateOutcome::stale, std::move(current)};
    const CorrectedDecklist corrected =
        correct_decklist(decklist_from_json(current->decklist), patch, cards_);
    Correction correction;
    correction.decklist = to_json(corrected.decklist);
    correction.expected_revision = expected_revision;
    correction.author = author;
    correction.changes = corrected.changes;
    // The store checks the revision again inside its transaction: a reviewer who wrote
    // between the read above and this write still makes this one stale.
    UpdateResult result = store_.update(id, correction);
    if (result.outcome == UpdateOutcome::updated) changed();
    return result;
}

}  // namespace decklist
