// The header's numbers: the date, read as printed (assemble normalises it), and the
// placement on the yellow badge.

#include <optional>
#include <string>

#include "parse/field_readers.hpp"

namespace decklist::parse {
namespace {

constexpr std::string_view kDateCharacters = "0123456789-./";

// A placement is a rank in an event: more digits are a misreading.
constexpr std::size_t kMaxPlacementDigits = 4;

}  // namespace

std::optional<int> number_from_digits(std::string_view text, std::size_t max_digits) {
    if (text.empty() || text.size() > max_digits) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

void read_date(PageText& page, const TextBox& line, ParsedMetadata& metadata) {
    metadata.date = page.ocr.recognise(page.crop(line), {OcrModel::digits, kDateCharacters}).text;
}

void read_placement(PageText& page, const TextBox& digits, ParsedMetadata& metadata) {
    const cv::Mat crop = page.crop(digits, kDigitHeight, true);
    metadata.placement =
        number_from_digits(page.ocr.recognise(crop, {OcrModel::digits}).text, kMaxPlacementDigits);
}

}  // namespace decklist::parse
