#include "decklist/section.hpp"

namespace decklist {

std::string_view section_key(Section section) noexcept {
    switch (section) {
        case Section::legend:
            return "legend";
        case Section::main_deck:
            return "main_deck";
        case Section::battlefields:
            return "battlefields";
        case Section::runes:
            return "runes";
        case Section::side_deck:
            return "side_deck";
    }
    return "main_deck";
}

std::string_view section_title_cn(Section section) noexcept {
    switch (section) {
        case Section::legend:
            return "传奇牌";
        case Section::main_deck:
            return "主牌组";
        case Section::battlefields:
            return "战场牌";
        case Section::runes:
            return "符文牌";
        case Section::side_deck:
            return "备牌";
    }
    return "";
}

std::optional<Section> section_from_key(std::string_view key) noexcept {
    for (Section s : kAllSections)
        if (section_key(s) == key) return s;
    return std::nullopt;
}

}  // namespace decklist
