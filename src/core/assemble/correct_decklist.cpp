// A person's corrections: the patch is checked in full before anything changes, then applied,
// and the decklist judged again by the same functions that judged the reading.

#include "decklist/assemble/correct_decklist.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include "decklist/assemble/build_decklist.hpp"
#include "decklist/assemble/normalise_date.hpp"
#include "decklist/error.hpp"
#include "decklist/export/exports.hpp"

namespace decklist {
namespace {

using Json = nlohmann::json;

constexpr int kMaxCorrectedQuantity = 99;

[[noreturn]] void bad_patch(const std::string& field, const std::string& what) {
    throw Error(ErrorType::validation, "patch: " + field + " " + what,
                {{"field", field}, {"reason", what}});
}

// A metadata field the patch may set, and where it lives.
struct PatchTextField {
    const char* key;
    std::optional<std::string> DecklistMetadata::*member;
};

constexpr std::array<PatchTextField, 4> kPatchTextFields{{
    {"deck_name", &DecklistMetadata::deck_name},
    {"event", &DecklistMetadata::event},
    {"date", &DecklistMetadata::date},
    {"player", &DecklistMetadata::player},
}};

std::optional<std::string> patch_date(const Json& value, const std::string& field) {
    if (!value.is_string()) bad_patch(field, "must be a YYYY-MM-DD date or null");
    const std::string text = value.get<std::string>();
    if (text.empty()) return std::nullopt;
    // normalise_date reads what OCR saw in many shapes; a person's date has one.
    const bool iso_shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
    if (!iso_shape || normalise_date(text) != text)
        bad_patch(field, "must be a YYYY-MM-DD date or null, got \"" + text + "\"");
    return text;
}

// The metadata the patch asks for, checked; `changes` gets each field that differs.
DecklistMetadata patched_metadata(const DecklistMetadata& current, const Json& patch,
                                  Json& changes) {
    if (!patch.is_object()) bad_patch("metadata", "must be an object");
    DecklistMetadata m = current;
    for (const auto& [key, value] : patch.items()) {
        const std::string field = "metadata." + key;
        if (key == "placement") {
            if (value.is_null()) {
                m.placement.reset();
            } else if (!value.is_number_integer() || value.get<long long>() < 1 ||
                       value.get<long long>() > 1'000'000) {
                bad_patch(field, "must be a positive integer or null");
            } else {
                m.placement = value.get<int>();
            }
            continue;
        }
        const auto text_field = std::find_if(kPatchTextFields.begin(), kPatchTextFields.end(),
                                             [&](const PatchTextField& f) { return key == f.key; });
        if (text_field == kPatchTextFields.end())
            bad_patch(field, "is not a metadata field (deck_name, event, date, placement, player)");
        std::optional<std::string>& target = m.*(text_field->member);
        if (value.is_null()) {
            target.reset();
        } else if (key == "date") {
            target = patch_date(value, field);
        } else if (!value.is_string()) {
            bad_patch(field, "must be a string or null");
        } else {
            const std::string text = value.get<std::string>();
            target = text.empty() ? std::nullopt : std::optional<std::string>(text);
        }
    }
    const auto as_json = [](const auto& value) { return value ? Json(*value) : Json(nullptr); };
    for (const PatchTextField& f : kPatchTextFields) {
        if (current.*(f.member) != m.*(f.member))
            changes[f.key] = {{"from", as_json(current.*(f.member))},
                              {"to", as_json(m.*(f.member))}};
    }
    if (current.placement != m.placement)
        changes["placement"] = {{"from", as_json(current.placement)}, {"to", as_json(m.placement)}};
    return m;
}

struct PatchEntry {
    const CardRecord* card;
    int quantity;
};

std::vector<PatchEntry> patch_entries(const Json& list, const std::string& section_field,
                                      const CardDatabase& cards) {
    if (!list.is_array()) bad_patch(section_field, "must be an array of cards");
    std::vector<PatchEntry> entries;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& item = list[i];
        const std::string field = section_field + "[" + std::to_string(i) + "]";
        if (!item.is_object())
            bad_patch(field, "must be an object with card_number or name_cn, and quantity");
        for (const auto& [key, value] : item.items())
            if (key != "card_number" && key != "name_cn" && key != "quantity")
                bad_patch(field + "." + key,
                          "is not a card field (card_number, name_cn, quantity)");
        const bool by_number = item.contains("card_number");
        if (by_number == item.contains("name_cn"))
            bad_patch(field, "must name its card by card_number or by name_cn, not both");
        const char* key = by_number ? "card_number" : "name_cn";
        if (!item[key].is_string()) bad_patch(field + "." + key, "must be a string");
        const std::string name = item[key].get<std::string>();
        const CardRecord* card =
            by_number ? cards.by_card_number(name) : cards.preferred_printing(name);
        if (!card)
            bad_patch(field + "." + key, "names no card in the card database: \"" + name + "\"");
        if (!item.contains("quantity")) bad_patch(field + ".quantity", "is missing");
        const Json& quantity = item["quantity"];
        if (!quantity.is_number_integer() || quantity.get<long long>() < 1 ||
            quantity.get<long long>() > kMaxCorrectedQuantity)
            bad_patch(field + ".quantity",
                      "must be an integer from 1 to " + std::to_string(kMaxCorrectedQuantity));
        for (const PatchEntry& before : entries)
            if (before.card == card)
                bad_patch(field, "lists " + card->card_number + " (" + card->name_cn +
                                     ") again; give its quantity once");
        entries.push_back({card, quantity.get<int>()});
    }
    return entries;
}

// The section's new cards: those it held keep what they had, the others are person-chosen.
std::vector<DecklistCard> corrected_cards(const std::vector<DecklistCard>& before,
                                          const std::vector<PatchEntry>& entries) {
    std::vector<bool> used(before.size(), false);
    std::vector<DecklistCard> after;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const PatchEntry& entry = entries[i];
        const auto same_printing = [&](std::size_t j) {
            return !used[j] && before[j].card_number == entry.card->card_number;
        };
        // The card at this index first, so that a section read twice keeps its order.
        std::optional<std::size_t> kept;
        if (i < before.size() && same_printing(i)) kept = i;
        for (std::size_t j = 0; !kept && j < before.size(); ++j)
            if (same_printing(j)) kept = j;
        if (kept) {
            used[*kept] = true;
            DecklistCard card = before[*kept];
            card.quantity = entry.quantity;
            after.push_back(std::move(card));
            continue;
        }
        DecklistCard card = card_from_record(*entry.card);
        card.quantity = entry.quantity;
        card.match_type = MatchType::manual;
        card.match_score = 100;
        if (i < before.size()) {
            if (before[i].name_cn == entry.card->name_cn) card.ocr_text = before[i].ocr_text;
            card.bbox = before[i].bbox;
        }
        after.push_back(std::move(card));
    }
    return after;
}

// Cards per printing, summed, in order of first appearance: what a person calls the
// section's contents, whatever the order of its tiles.
std::vector<std::pair<const DecklistCard*, int>> section_totals(
    const std::vector<DecklistCard>& cards) {
    std::vector<std::pair<const DecklistCard*, int>> totals;
    for (const DecklistCard& card : cards) {
        const auto same = std::find_if(totals.begin(), totals.end(), [&](const auto& t) {
            return t.first->card_number == card.card_number;
        });
        if (same == totals.end())
            totals.emplace_back(&card, card.quantity);
        else
            same->second += card.quantity;
    }
    return totals;
}

Json card_change(const DecklistCard& card, int quantity) {
    return {{"card_number", card.card_number ? Json(*card.card_number) : Json(nullptr)},
            {"name_cn", card.name_cn},
            {"quantity", quantity}};
}

Json section_changes(const Decklist& before, const Decklist& after, Section s) {
    const auto old_totals = section_totals(before.cards(s));
    const auto new_totals = section_totals(after.cards(s));
    const auto find_in = [](const auto& totals, const DecklistCard& card) {
        return std::find_if(totals.begin(), totals.end(), [&](const auto& t) {
            return t.first->card_number == card.card_number;
        });
    };
    Json added = Json::array(), removed = Json::array(), quantity = Json::array(),
         cleared = Json::array();
    for (const auto& [card, count] : new_totals) {
        const auto old = find_in(old_totals, *card);
        if (old == old_totals.end()) {
            added.push_back(card_change(*card, count));
        } else if (old->second != count) {
            Json change = card_change(*card, count);
            change.erase("quantity");
            change["from"] = old->second;
            change["to"] = count;
            quantity.push_back(std::move(change));
        }
    }
    for (const auto& [card, count] : old_totals)
        if (find_in(new_totals, *card) == new_totals.end())
            removed.push_back(card_change(*card, count));
    for (const DecklistCard& tile : before.unmatched_tiles(s))
        cleared.push_back({{"ocr_text", tile.ocr_text}, {"quantity", tile.quantity}});
    Json out = Json::object();
    for (auto [key, list] :
         {std::pair{"added", &added}, std::pair{"removed", &removed},
          std::pair{"quantity", &quantity}, std::pair{"unmatched_cleared", &cleared}})
        if (!list->empty()) out[key] = std::move(*list);
    return out;
}

// The warnings assess_decklist and the exports give a decklist: recomputed after a
// correction, so the ones `current` carries are taken out first.
std::vector<std::string> derived_warnings(const Decklist& current) {
    Decklist probe = current;
    probe.warnings.clear();
    probe.review_reasons.clear();
    assess_decklist(probe);
    attach_exports(probe);
    return probe.warnings;
}

// The warnings no correction can recompute: the reading's own (a badge unreadable, a panel
// cut off, ...); a date warning goes when the patch set the date.
std::vector<std::string> reading_warnings(const Decklist& current, bool date_patched) {
    std::vector<std::string> kept = current.warnings;
    for (const std::string& derived : derived_warnings(current)) {
        const auto found = std::find(kept.begin(), kept.end(), derived);
        if (found != kept.end()) kept.erase(found);
    }
    if (date_patched)
        std::erase_if(kept, [](const std::string& w) { return w.starts_with(kDateNotUnderstood); });
    return kept;
}

// A person who marks a decklist reviewed has checked every card against the screenshot, so
// a match the engine doubted is now the person's: manual, score 100. Returns them per section.
Json confirm_doubtful_matches(Decklist& d) {
    Json confirmed = Json::object();
    for (Section s : kAllSections) {
        for (DecklistCard& card : d.cards(s)) {
            if (card.match_score >= kLowConfidenceScore) continue;
            Json change = card_change(card, card.quantity);
            change["ocr_text"] = card.ocr_text;
            change["score"] = card.match_score;
            confirmed[std::string(section_key(s))].push_back(std::move(change));
            card.match_type = MatchType::manual;
            card.match_score = 100;
        }
    }
    return confirmed;
}

bool is_reading_reason(ReviewCode code) {
    return code == ReviewCode::image_cut_off || code == ReviewCode::section_seen_twice;
}

}  // namespace

CorrectedDecklist correct_decklist(const Decklist& current, const nlohmann::json& patch,
                                   const CardDatabase& cards) {
    if (!patch.is_object()) bad_patch("body", "must be a JSON object");
    for (const auto& [key, value] : patch.items())
        if (key != "metadata" && key != "sections" && key != "reviewed")
            bad_patch(key, "is not a correction (metadata, sections, reviewed)");

    CorrectedDecklist out{current, Json::object()};
    Decklist& d = out.decklist;

    Json metadata_changes = Json::object();
    if (patch.contains("metadata"))
        d.metadata = patched_metadata(current.metadata, patch["metadata"], metadata_changes);

    std::array<std::optional<std::vector<PatchEntry>>, 5> replaced;
    if (patch.contains("sections")) {
        const Json& sections = patch["sections"];
        if (!sections.is_object()) bad_patch("sections", "must be an object keyed by section");
        for (const auto& [key, list] : sections.items()) {
            const auto section = section_from_key(key);
            if (!section)
                bad_patch("sections." + key,
                          "is not a section (legend, main_deck, battlefields, runes, side_deck)");
            replaced[static_cast<std::size_t>(*section)] =
                patch_entries(list, "sections." + key, cards);
        }
    }

    bool reviewed = false;
    if (patch.contains("reviewed")) {
        if (!patch["reviewed"].is_boolean()) bad_patch("reviewed", "must be true or false");
        reviewed = patch["reviewed"].get<bool>();
    }

    // Everything is checked: apply.
    d.warnings =
        reading_warnings(current, patch.contains("metadata") && patch["metadata"].contains("date"));
    Json section_change_list = Json::object();
    for (Section s : kAllSections) {
        const auto& entries = replaced[static_cast<std::size_t>(s)];
        if (!entries) continue;
        d.cards(s) = corrected_cards(current.cards(s), *entries);
        d.unmatched_tiles(s).clear();
        Json changes = section_changes(current, d, s);
        if (!changes.empty()) section_change_list[std::string(section_key(s))] = std::move(changes);
    }
    Json confirmed = reviewed ? confirm_doubtful_matches(d) : Json::object();
    std::erase_if(d.review_reasons,
                  [&](const ReviewReason& r) { return !is_reading_reason(r.code) || reviewed; });
    assess_decklist(d);
    attach_exports(d);

    if (!metadata_changes.empty()) out.changes["metadata"] = std::move(metadata_changes);
    if (!section_change_list.empty()) out.changes["sections"] = std::move(section_change_list);
    if (reviewed) out.changes["reviewed"] = true;
    if (!confirmed.empty()) out.changes["confirmed"] = std::move(confirmed);
    if (d.needs_review != current.needs_review)
        out.changes["needs_review"] = {{"from", current.needs_review}, {"to", d.needs_review}};
    return out;
}

}  // namespace decklist
