#include "decklist/export/exports.hpp"

#include "decklist/export/decklist_code.hpp"
#include "decklist/export/text_export.hpp"

namespace decklist {

void attach_exports(Decklist& decklist) {
    auto result = make_deck_code(decklist);
    decklist.deck_code = std::move(result.code);
    for (const auto& problem : result.problems)
        decklist.warnings.push_back("deck_code is null: " + problem);
    decklist.text = render_text(decklist);
}

}  // namespace decklist
