#pragma once
// The card database (cards.csv), loaded once and shared read-only by every thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace decklist {

struct CardRecord {
    std::string name_cn;   // "title" or "title, subtitle"
    std::string title;     // name_cn before ", "
    std::string subtitle;  // name_cn after ", " (empty when none)
    std::string name_en, card_number, domain_cn, domain_en;
    std::optional<int> cost;
    std::string type_cn, type_en, rarity_cn, rarity_en;
    std::string description_cn, description_en, image_url_cn, image_url_en;
    bool temporary = false;
};

class CardDatabase {
public:
    // Reads RFC 4180 CSV with an optional UTF-8 BOM; throws decklist::Error(validation)
    // naming the file and line when it cannot.
    static CardDatabase load_csv(const std::string& path);
    static CardDatabase from_rows(std::vector<CardRecord> rows);

    const std::vector<CardRecord>& rows() const noexcept { return rows_; }
    std::size_t size() const noexcept { return rows_.size(); }

    // Every printing of one name_cn, in file order.
    std::vector<const CardRecord*> printings(std::string_view name_cn) const;
    // The printing to report for a name: base printing (no variant letter, not signed),
    // non-temporary, lowest number; deterministic.
    const CardRecord* preferred_printing(std::string_view name_cn) const;
    // Distinct name_cn values in file order.
    const std::vector<std::string>& names() const noexcept { return names_; }
    // Every distinct character (UTF-8) that occurs in any name_cn: the OCR whitelist.
    std::string name_charset() const;

private:
    std::vector<CardRecord> rows_;
    std::vector<std::string> names_;
    void index();
};

}  // namespace decklist
