#pragma once
// The five panels of a 卡组详情 page, in the order the app draws them.

#include <array>
#include <optional>
#include <string_view>

namespace decklist {

enum class Section { legend, main_deck, battlefields, runes, side_deck };

inline constexpr std::array<Section, 5> kAllSections = {
    Section::legend, Section::main_deck, Section::battlefields, Section::runes,
    Section::side_deck};

// JSON key: "legend", "main_deck", "battlefields", "runes", "side_deck".
std::string_view section_key(Section section) noexcept;
// The panel title the app prints: 传奇牌, 主牌组, 战场牌, 符文牌, 备牌.
std::string_view section_title_cn(Section section) noexcept;
std::optional<Section> section_from_key(std::string_view key) noexcept;

}  // namespace decklist
