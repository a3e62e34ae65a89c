#pragma once
// The card database (cards.csv), loaded once and shared read-only by every thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// Splits "title, subtitle" at the first ", " (the app prints the two on separate lines).
void split_name_cn(std::string_view name_cn, std::string& title, std::string& subtitle);

class CardDatabase {
  public:
    // Reads RFC 4180 CSV with an optional UTF-8 BOM; throws decklist::Error(validation)
    // naming the file and line when it cannot (missing file, bad quoting, wrong column
    // count, missing name_cn, non-numeric cost, no rows).
    static CardDatabase load_csv(const std::string& path);
    // Rows whose title/subtitle are empty get them from name_cn.
    static CardDatabase from_rows(std::vector<CardRecord> rows);

    const std::vector<CardRecord>& rows() const noexcept { return rows_; }
    std::size_t size() const noexcept { return rows_.size(); }

    // Every printing of one name_cn, in file order.
    std::vector<const CardRecord*> printings(std::string_view name_cn) const;
    // The printing to report for a name: non-temporary first, then base printings (no
    // variant letter, not signed '*'), then the lowest collector number, then card_number
    // text; deterministic whatever the file order. nullptr for an unknown name.
    const CardRecord* preferred_printing(std::string_view name_cn) const;
    // The printing with this exact card_number ("OGN·001/298"); nullptr when there is none.
    // Card numbers are unique; should a file repeat one, its first row is the one found.
    const CardRecord* by_card_number(std::string_view card_number) const;
    // Distinct name_cn values in file order.
    const std::vector<std::string>& names() const noexcept { return names_; }

  private:
    std::vector<CardRecord> rows_;
    std::vector<std::string> names_;
    // name_cn -> row indexes (file order); the first entry of preferred_ is the chosen one.
    std::unordered_map<std::string, std::vector<std::size_t>> by_name_;
    std::unordered_map<std::string, std::size_t> preferred_;
    std::unordered_map<std::string, std::size_t> by_number_;  // card_number -> first row
    void index();
};

}  // namespace decklist
