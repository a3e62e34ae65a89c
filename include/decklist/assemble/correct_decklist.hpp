#pragma once
// A person's corrections to a decklist the library keeps: the PATCH body of
// /api/v1/decklists/{id} applied, and everything that follows from the cards recomputed the
// way a read decklist's is.

#include <nlohmann/json.hpp>

#include "decklist/decklist.hpp"
#include "decklist/match/card_db.hpp"

namespace decklist {

struct CorrectedDecklist {
    Decklist decklist;
    // What changed, for a revision list a person reads; only what did change appears:
    // {"metadata": {"event": {"from": "A", "to": "B"}, ...},
    //  "sections": {"main_deck": {"added": [{"card_number", "name_cn", "quantity"}, ...],
    //                             "removed": [...],
    //                             "quantity": [{"card_number", "name_cn", "from", "to"}, ...],
    //                             "unmatched_cleared": [{"ocr_text", "quantity"}, ...]}},
    //  "reviewed": true,
    //  "confirmed": {"main_deck": [{"card_number", "name_cn", "quantity", "ocr_text",
    //                              "score"}, ...]},
    //  "needs_review": {"from": true, "to": false}}
    nlohmann::json changes;
};

// `patch` (every key optional):
//   "metadata": {"deck_name", "event", "date", "placement", "player"}, each given key set,
//     null (or an empty string) clearing it; date as YYYY-MM-DD, placement a positive integer.
//   "sections": {"<section key>": [{"card_number": "..." | "name_cn": "...", "quantity": 1-99},
//     ...]}, a section's whole new card list, which also clears its unmatched tiles. A
//     name_cn names its preferred printing; one card may be listed once per section.
//   "reviewed": true: a person confirmed the reading, so the review reasons nothing here can
//     recompute (image_cut_off, section_seen_twice) are dropped, and every card the engine
//     matched under kLowConfidenceScore becomes the person's (match_type manual, score 100,
//     listed under "confirmed"); otherwise both are kept. Unmatched tiles stay: a person
//     clears them by listing the section.
// A listed card that the section held before (same printing) keeps everything it had, its
// quantity excepted; another is person-chosen: match_type manual, score 100, the database
// fields of `cards`, the ocr_text of the card it replaces at that index when that was the
// same name (else empty), and the bbox of the card that was at that index.
// Then legend_name_en, stats, warnings, review reasons, needs_review and the exports are
// recomputed from the cards (assess_decklist, attach_exports); decklist_id, filename,
// timing_ms and the reading's own warnings are kept.
// Throws decklist::Error(validation) naming the field (detail "field") for an unknown key,
// section or card, a malformed value, a bad quantity or a card listed twice in a section.
CorrectedDecklist correct_decklist(const Decklist& current, const nlohmann::json& patch,
                                   const CardDatabase& cards);

}  // namespace decklist
